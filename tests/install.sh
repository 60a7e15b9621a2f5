#!/bin/sh
# install.sh: `make install` gives a tree that works wherever it is moved or
# copied, and `make uninstall` removes exactly what install wrote (make
# check-install, part of make check). From the top of the source tree, after
# the build ($BUILD, default build/):
#   1. install with PREFIX=$T/p, from a copy of $BUILD (the tree's ./sesim keeps
#      its own compiled-in PREFIX), and again with DESTDIR=$T/stage: same files;
#   2. a copy of bin/sesim alone finds the data through the compiled-in PREFIX,
#      and says where it looked once the tree is moved away;
#   3. the moved tree runs (from another folder, and through a symbolic link)
#      every installed scenario, replay.ini and ses-export.ini included, with
#      the same batch.csv as the source tree; `report` works when gnuplot is there;
#   4. the DESTDIR tree, copied elsewhere, runs and reports the same way;
#   5. uninstall from DESTDIR leaves no file of sesim and keeps a file of the user.
set -u
ROOT=$(pwd)
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
T=$(mktemp -d "${TMPDIR:-/tmp}/sesim-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL install: $*" >&2; exit 1; }
command -v gnuplot >/dev/null 2>&1 && gnuplot=1 || gnuplot=0

# tree DIR: the files under DIR, as relative paths, sorted.
tree() { (cd "$1" && find . -type f | LC_ALL=C sort); }
# install_into ARGS...: make install with our own build folder, quietly.
install_into() {
    "$MAKE" -s --no-print-directory install BUILD="$T/build" BIN="$T/build/sesim" "$@" \
        >"$T/make.log" 2>&1 || { cat "$T/make.log" >&2; fail "make install $*"; }
}

[ -d "$BUILD" ] || fail "no $BUILD/: build first (make)"
cp -a "$BUILD" "$T/build" || fail "cannot copy $BUILD"
install_into PREFIX="$T/p"
install_into PREFIX="$T/p" DESTDIR="$T/stage"
want='./bin/sesim ./share/man/man1/sesim.1 ./share/sesim/report-common.gp
./share/sesim/scenarios/replay.ini ./share/sesim/scenarios/data/replay.csv
./share/sesim/scenarios/data/ses-stats.csv'
for f in $want; do [ -f "$T/p/$f" ] || fail "make install wrote no $f"; done
tree "$T/p" >"$T/p.list"
tree "$T/stage$T/p" >"$T/stage.list"
cmp -s "$T/p.list" "$T/stage.list" || fail "DESTDIR install differs: $(diff "$T/p.list" "$T/stage.list")"

# 2. The compiled-in PREFIX: a lone copy of the binary, away from its tree.
mkdir -p "$T/lone" "$T/work" && cp "$T/p/bin/sesim" "$T/lone/sesim"
cd "$T/work" || fail "no work folder"
"$T/lone/sesim" run -o lone -q || fail "lone copy: run"
if [ "$gnuplot" = 1 ]; then
    "$T/lone/sesim" report lone -q || fail "lone copy: report through the compiled-in $T/p/share/sesim"
fi
mv "$T/p" "$T/moved"
if [ "$gnuplot" = 1 ]; then
    "$T/lone/sesim" report lone -q 2>"$T/err" && fail "lone copy: report without any tree"
    grep -q "are not in .*$T/share/sesim, $T/p/share/sesim: reinstall" "$T/err" ||
        fail "lone copy: the message does not say where it looked: $(cat "$T/err")"
fi

# 3. The moved tree, run from elsewhere and through a link.
S="$T/moved/bin/sesim"
"$S" run -o d -q || fail "moved tree: run"
"$S" batch "$T/moved/share/sesim/scenarios" -o b -q -j 2 || fail "moved tree: batch of the installed scenarios"
(cd "$ROOT" && ./sesim batch scenarios -o "$T/work/ref" -q -j 2) || fail "source tree: batch"
cmp -s b/batch.csv ref/batch.csv || fail "moved tree: batch.csv differs from the source tree's"
mkdir -p "$T/links" && ln -s "$S" "$T/links/sesim"
if [ "$gnuplot" = 1 ]; then
    "$T/links/sesim" report d -q || fail "moved tree, through a link: report"
    [ -s d/report/index.html ] || fail "moved tree: no d/report/index.html"
fi

# 4. The DESTDIR tree, copied (the original moved away: no fallback helps).
cp -a "$T/stage$T/p" "$T/copy" && mv "$T/moved" "$T/gone"
for s in replay ses-export; do
    "$T/copy/bin/sesim" run "$T/copy/share/sesim/scenarios/$s.ini" -o "$s" -q ||
        fail "copied tree: run of the installed $s.ini"
done
if [ "$gnuplot" = 1 ]; then
    "$T/copy/bin/sesim" report replay -q || fail "copied tree: report"
fi

# 5. Uninstall: exactly what install wrote.
cd "$ROOT" || fail "no source tree"
echo mine >"$T/stage$T/p/share/sesim/mine.txt"
"$MAKE" -s --no-print-directory uninstall PREFIX="$T/p" DESTDIR="$T/stage" >"$T/make.log" 2>&1 ||
    { cat "$T/make.log" >&2; fail "make uninstall"; }
left=$(tree "$T/stage$T/p")
[ "$left" = "./share/sesim/mine.txt" ] || fail "after uninstall: want only the user's file, have: $left"
rm "$T/stage$T/p/share/sesim/mine.txt"
"$MAKE" -s --no-print-directory uninstall PREFIX="$T/p" DESTDIR="$T/stage" >/dev/null 2>&1 ||
    fail "make uninstall, twice"
[ ! -e "$T/stage$T/p/share/sesim" ] || fail "after uninstall: share/sesim/ is still there"
[ "$gnuplot" = 1 ] && what="run and report" || what="run (gnuplot missing: reports not tried)"
echo "ok   install: PREFIX and DESTDIR installs identical; moved, copied and linked trees: $what; lone binary uses the compiled-in PREFIX; uninstall removes exactly what install wrote"
