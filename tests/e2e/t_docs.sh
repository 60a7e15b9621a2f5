# t_docs.sh: every command block of README.md, docs/*.md and docs/sesim.1 runs
# as written (issue 23, item 3).
#
# A block is a Markdown code block (fenced, or indented by four spaces after a
# blank line) or a man page .nf/.fi block. It is a command block when its first
# word is `$`, `./sesim`, `sesim`, `make`, `sh`, `cd`, `cut`, `grep`, `mkdir`, `export`,
# `apt-get`, `aws`, `parallel`, `gnuplot`, `sinfo`, `squeue`, a script under
# scripts/ or an assignment NAME=...; other blocks (INI, CSV, JSON, output
# samples, formulas) are not run. The blocks of one document run in order, in
# one scratch folder of their own that has the source tree's scenarios/,
# scripts/ and tests/, `./sesim`, and `sesim` on PATH (as after make install).
# A block with lines starting `$ ` runs those lines and must print exactly the
# other lines. A block holding the words `not run by make check:` is skipped,
# and the test prints the reason that follows them (a long run, root, your own
# files or AWS account, a make target of the source tree).
. tests/e2e/lib.sh

# blocks FILE: each block as "@@ LINE" then its lines (man page escapes undone).
blocks() {
    case $1 in
    *.1) awk '/^\.(nf|EX)/ { inb = 1; print "@@ " NR + 1; next }
              /^\.(fi|EE)/ { inb = 0; next }
              inb { gsub(/\\-/, "-"); gsub(/\\\(aq/, "\047"); gsub(/\\e/, "\\"); print }' "$1" ;;
    *) awk '/^```/ { fence = !fence; if (fence) print "@@ " NR + 1; prev = ""; next }
            fence { print; next }
            /^    / && (ind || prev == "") { if (!ind) print "@@ " NR; ind = 1
                                            print substr($0, 5); prev = $0; next }
            { ind = 0; prev = $0 }' "$1" ;;
    esac
}

# is_command FILE: whether the block in FILE is a command block.
is_command() {
    w=$(awk 'NF && $1 !~ /^#/ { print $1; exit }' "$1")
    case $w in
    '$'|./sesim|sesim|make|sh|cd|cut|grep|mkdir|export|apt-get|aws|parallel|gnuplot|sinfo|squeue|scripts/*) return 0 ;;
    [A-Z]*=*) return 0 ;;
    esac
    return 1
}

# run_block DOC LINE FILE DIR: run one command block in DIR.
run_block() {
    where="$1:$2"
    why=$(sed -n 's/.*not run by make check: *//p' "$3" | head -1)
    if [ -n "$why" ]; then
        echo "skip $NAME: $where: $why"; skipped=$((skipped + 1)); return
    fi
    if grep -q '^\$ ' "$3"; then
        sed -n 's/^\$ //p' "$3" > "$T/cmd"
        grep -v '^\$ ' "$3" > "$T/want"
    else
        cp "$3" "$T/cmd"; : > "$T/want"
    fi
    (cd "$4" && PATH="$T/bin:$PATH" sh -e "$T/cmd") > "$T/got" 2> "$T/err"; rc=$?
    ran=$((ran + 1))
    if [ "$rc" != 0 ]; then
        miss "$where: exit $rc: $(head -c 300 "$T/err")"
    elif [ -s "$T/want" ] && ! cmp -s "$T/want" "$T/got"; then
        miss "$where: printed $(head -c 300 "$T/got")"
    fi
}

mkdir -p "$T/bin" && ln -s "$SESIM" "$T/bin/sesim"
ran=0 skipped=0
for doc in README.md docs/*.md docs/sesim.1; do
    d="$T/run/$(basename "$doc")"
    mkdir -p "$d" "$T/b"
    for x in scenarios scripts tests; do ln -s "$ROOT/$x" "$d/$x"; done
    ln -s "$SESIM" "$d/sesim"
    rm -f "$T/b/"*
    blocks "$doc" | awk -v dir="$T/b" '
        /^@@ / { f = sprintf("%s/%06d", dir, $2); next } { print > f }'
    for b in "$T/b/"*; do
        [ -f "$b" ] && is_command "$b" || continue
        run_block "$doc" "$(basename "$b" | sed 's/^0*//')" "$b" "$d"
    done
done
[ "$ran" -gt 0 ] || fail "no command block found"
[ "$failed" = 0 ] || fail "$failed of $ran command blocks failed ($skipped skipped)"
pass "$ran command blocks ran as written, $skipped skipped with their reason"
