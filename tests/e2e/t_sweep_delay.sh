# t_sweep_delay.sh: sweep.csv has the queueing delay of each point (issue 23,
# item 4): mean_delay_p50_s and mean_delay_p99_s, means over the replications
# that queued (empty when none did), beside mean_total_dropped and
# mean_total_throttled. The migration strategies, seed 1.
. tests/e2e/lib.sh
"$SESIM" sweep "$ROOT/scenarios/migration.ini" --vary traffic.shift.sender=overflow,pace,retry,drop -q \
    -o "$T/sw" || fail "sweep: exit $?"
S=$T/sw/sweep.csv
got=$(awk -F, -v a="$(col "$S" traffic.shift.sender)" -v d="$(col "$S" mean_total_dropped)" \
    -v t="$(col "$S" mean_total_throttled)" -v p="$(col "$S" mean_delay_p50_s)" -v q="$(col "$S" mean_delay_p99_s)" \
    'NR > 1 { printf "%s %s %s %s %s;", $a, $d, $t, $p, $q }' "$S")
want="overflow 0 0  ;pace 0 0 841395.142 944060.876;retry 12683972 8420  ;drop 12683972 1684  ;"
[ "$got" = "$want" ] || fail "sweep.csv: $got"
pass "sweep.csv: pace queues (p99 944,061 s, 10.9 days), retry and drop lose 12.68M, no delay where nothing queued"
