#!/bin/sh
# update.sh [SESIM]: rewrite tests/golden/scenarios.sha256 from a fresh golden
# run, and tests/golden/report.sha256 from the reports of tests/e2e/t_report.sh.
# Only after a change meant to change outputs; say why in the commit.
set -eu
SESIM=${1:-./sesim}
. tests/e2e/lib.sh
golden_run "$T/run"
golden_sums "$T/run" > tests/golden/scenarios.sha256
echo "golden: $(wc -l < tests/golden/scenarios.sha256) files in tests/golden/scenarios.sha256"
SESIM="$SESIM" SESIM_GOLDEN_UPDATE=1 sh tests/e2e/t_report.sh | grep '^golden:'
