# t_funclen.sh: tests/funclen.sh passes on the tree, measures a function from
# its signature's first line to its closing brace, and catches a function one
# line over its limit in models/ (45) and in sim/ (60) planted in a copy.
. tests/e2e/lib.sh

sh tests/funclen.sh >/dev/null || fail "tests/funclen.sh fails on the tree itself: $(sh tests/funclen.sh)"
copy() { rm -rf "$T/tree"; mkdir "$T/tree"; cp -r sim models tests "$T/tree/"; }
# plant FILE LINES: a function of LINES lines (a two-line signature) at the end of FILE
plant() {
    { printf '\nstatic int planted(int a,\n                   int b)\n{\n'
      i=4; while [ $i -lt "$2" ]; do echo "    a += b;"; i=$((i + 1)); done
      printf '}\n'; } >> "$T/tree/$1"
}
copy; plant models/bucket.c 45
(cd "$T/tree" && sh tests/funclen.sh) >/dev/null || fail "a 45-line function in models/ was refused"
(cd "$T/tree" && sh tests/funclen.sh -l) | grep -q '^45 models/bucket.c:[0-9]* planted$' ||
    fail "the planted function is not measured as 45 lines: $(cd "$T/tree" && sh tests/funclen.sh -l | grep planted)"
copy; plant models/bucket.c 46
(cd "$T/tree" && sh tests/funclen.sh) >"$T/out" 2>&1 && fail "a 46-line function in models/ not caught"
grep -q 'models/bucket.c:[0-9]*: planted is 46 lines (limit 45)' "$T/out" || fail "models/: $(cat "$T/out")"
copy; plant sim/core/heap.c 60
(cd "$T/tree" && sh tests/funclen.sh) >/dev/null || fail "a 60-line function in sim/ was refused"
copy; plant sim/core/heap.c 61
(cd "$T/tree" && sh tests/funclen.sh) >"$T/out" 2>&1 && fail "a 61-line function in sim/ not caught"
grep -q 'sim/core/heap.c:[0-9]*: planted is 61 lines (limit 60)' "$T/out" || fail "sim/: $(cat "$T/out")"
pass "funclen.sh passes on the tree; catches 46 lines in models/ and 61 in sim/, allows 45 and 60"
