# t_golden.sh: whole runs against their reference (tests/golden/): every
# shipped scenario, two replications, byte for byte. A change meant to change
# the outputs updates the reference with `make golden`.
. tests/e2e/lib.sh

golden_run "$T/run" || fail "the golden batch of the shipped scenarios failed"
n=$(ls "$ROOT"/scenarios/*.ini | wc -l)
[ "$(ls -d "$T"/run/*/ | wc -l)" = "$n" ] || fail "expected $n scenario folders"
golden_sums "$T/run" > "$T/sums"
if ! cmp -s "$ROOT/tests/golden/scenarios.sha256" "$T/sums"; then
    diff "$ROOT/tests/golden/scenarios.sha256" "$T/sums" | grep '^[<>]' | head -20 >&2
    fail "outputs differ from tests/golden/scenarios.sha256 (above); if meant, run make golden"
fi
pass "all $n shipped scenarios run and match the golden checksums ($(wc -l < "$T/sums") files)"
