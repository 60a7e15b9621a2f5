# t_summary.sh: summary.csv against events.csv: time paused and the paused
# events agree (the run's end is not part of the run).
. tests/e2e/lib.sh

# agree SUMMARY EVENTS: for every (rep, account) of SUMMARY, days_paused > 0
# exactly when EVENTS has a paused event; prints the disagreeing rows.
agree() {
    awk -F, -v d="$(col "$1" days_paused)" '
        FNR == NR { if ($5 == "paused") p[$3 "," $4] = 1; next }
        FNR > 1 && $2 != "*" && (($d > 0) != (($1 "," $2) in p)) { print $1, $2, $d; bad = 1 }
        END { exit bad }' "$2" "$1"
}

# A second circumvention flag pauses both accounts at the daily check of day 2,
# the run's last instant: that check is not run, so nothing happens at the end.
cat > "$T/end.ini" <<INI
[sim]
duration = 2d
[policy]
related_by = payer
circumvention_hazard = 100%
[account.east]
stage = production
payer = p
[account.west]
stage = production
payer = p
[traffic.news]
account = east, west
kind = constant
daily = 30k
noise = none
sender = overflow
INI
"$SESIM" run "$T/end.ini" -o "$T/end" -q || fail "end: run failed"
! grep -q '^2026-01-03T00:00:00Z' "$T/end/events.csv" || fail "an event at the run's end: $(grep '^2026-01-03' "$T/end/events.csv")"
[ "$(grep -c ',review_started,circumvention' "$T/end/events.csv")" = 2 ] || fail "end: the day 1 flags are missing"
agree "$T/end/summary.csv" "$T/end/events.csv" || fail "end: days_paused and paused events disagree"
pass "nothing is decided at the run's end: a second flag due at day 2 of 2 is not raised"

# scenarios/split-traffic.ini: replication 58 was flagged a second time at day
# 90 of 90 (paused with days_paused 0: 116 replications by days_paused, 117 by
# the paused events of 200).
"$SESIM" run "$ROOT/scenarios/split-traffic.ini" --reps 60 -j 2 -o "$T/split" -q || fail "split: run failed"
agree "$T/split/summary.csv" "$T/split/events.csv" || fail "split: days_paused and paused events disagree"
pass "split-traffic, 60 replications: days_paused > 0 exactly where events.csv has a pause"
