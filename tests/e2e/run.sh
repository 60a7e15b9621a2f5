#!/bin/sh
# run.sh SESIM: run every end-to-end test (tests/e2e/t_*.sh) against the binary.
SESIM=${1:-./sesim}
export SESIM
failed=0 n=0
for t in tests/e2e/t_*.sh; do
    n=$((n + 1))
    sh "$t" || failed=$((failed + 1))
done
echo "end-to-end: $n tests, $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
