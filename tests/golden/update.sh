#!/bin/sh
# update.sh [SESIM]: rewrite tests/golden/scenarios.sha256 from a fresh golden
# run. Only after a change meant to change outputs; say why in the commit.
set -eu
SESIM=${1:-./sesim}
. tests/e2e/lib.sh
golden_run "$T/run"
golden_sums "$T/run" > tests/golden/scenarios.sha256
echo "golden: $(wc -l < tests/golden/scenarios.sha256) files in tests/golden/scenarios.sha256"
