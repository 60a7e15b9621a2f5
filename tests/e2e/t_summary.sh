# t_summary.sh: summary.csv: the organisation's rows `*` (its truth on a split
# stream, not sums that count the hand-overs twice), the counts of reviews,
# pauses and flags against events.csv, and time paused against the paused
# events (the run's end is not part of the run).
. tests/e2e/lib.sh

# field FILE REP ACCOUNT COLUMN: one value of summary.csv.
field() {
    awk -F, -v c="$(col "$1" "$4")" -v r="$2" -v a="$3" '$1 == r && $2 == a { print $c }' "$1"
}

# agree SUMMARY EVENTS: for every (rep, account) of SUMMARY, days_paused > 0
# exactly when EVENTS has a paused event; prints the disagreeing rows.
agree() {
    awk -F, -v d="$(col "$1" days_paused)" '
        FNR == NR { if ($5 == "paused") p[$3 "," $4] = 1; next }
        FNR > 1 && $2 != "*" && (($d > 0) != (($1 "," $2) in p)) { print $1, $2, $d; bad = 1 }
        END { exit bad }' "$2" "$1"
}

# split NAME DURATION HAZARD [OPTIONS]: 30k a day, without noise, split over two
# production accounts of 10k a day (related: hazard HAZARD), sender = overflow.
split() {
    cat > "$T/$1.ini" <<INI
[sim]
duration = $2
targets = 20k, 25k, 40k
[policy]
related_by = payer
circumvention_hazard = $3
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
    n=$1; shift 3
    "$SESIM" run "$T/$n.ini" -o "$T/$n" -q "$@" || fail "$n: run failed"
}

# The organisation's truth over 3 days: it wanted 3 x 30,000 and could send
# 20,000 on day 0 (two quotas of 10,000), all of it from day 1 (two of 15,000,
# then 22,500): 80,000 sent, 10,000 to the legacy provider, which is west's
# overflow (the last part). East's 5,035 went to west, so the sum of the
# accounts' total_overflow (15,035) counts them twice.
split org 3d 0%
s="$T/org/summary.csv"
for c in total_demand:90000 total_sent:80000 total_overflow:10000 total_rejected:0 total_dropped:0 \
    final_max24h:45000 days_to_20k:0.0000 days_to_25k:1.0000 days_to_40k:2.0000 final_status:healthy; do
    v=$(field "$s" 1 '*' "${c%%:*}")
    [ "$v" = "${c#*:}" ] || fail "organisation ${c%%:*} = '$v', expected ${c#*:}"
done
[ "$(field "$s" 1 west total_overflow)" = 10000 ] || fail "west's overflow is not the organisation's"
[ "$(($(field "$s" 1 east total_overflow) + $(field "$s" 1 west total_overflow)))" != 10000 ] ||
    fail "no hand-over in the test case"
[ "$(field "$s" 1 east days_to_20k)" = 2.0000 ] || fail "east reached 20k alone at $(field "$s" 1 east days_to_20k)"
for c in demand sent overflow rejected dropped; do
    [ "$(sum "$T/org/timeseries.csv" "$c" '*')" = "$(field "$s" 1 '*' "total_$c")" ] ||
        fail "summary's $c of * differs from the sum of timeseries.csv's * rows"
done
[ "$(grep -c '^1,\*,' "$s")" = 1 ] && [ "$(wc -l < "$s")" = 4 ] || fail "expected rows east, west, * in $s"
pass "organisation row: demand 90000, sent 80000, to the legacy provider 10000 (not 15035); 20k/25k/40k of capacity at days 0/1/2"

# One account: no `*` row.
sed '/^\[account.west\]/,/^payer/d; s/account = east, west/account = east/' "$T/org.ini" > "$T/one.ini"
"$SESIM" run "$T/one.ini" -o "$T/one" -q || fail "one: run failed"
[ "$(cut -d, -f2 "$T/one/summary.csv" | tail -n +2)" = east ] || fail "one: $(cat "$T/one/summary.csv")"
! grep -q '^1,\*,' "$T/one/summary.csv" || fail "a single account has a * row"
pass "one account: no organisation row"

# A second circumvention flag pauses both accounts at the daily check of day 2,
# the run's last instant: that check is not run, so nothing happens at the end.
split end 2d 100%
! grep -q '^2026-01-03T00:00:00Z' "$T/end/events.csv" || fail "an event at the run's end: $(grep '^2026-01-03' "$T/end/events.csv")"
[ "$(grep -c ',review_started,circumvention' "$T/end/events.csv")" = 2 ] || fail "end: the day 1 flags are missing"
agree "$T/end/summary.csv" "$T/end/events.csv" || fail "end: days_paused and paused events disagree"
[ "$(field "$T/end/summary.csv" 1 east times_paused)" = 0 ] || fail "end: a pause counted"
for c in days_under_review:1.0000 days_paused:0.0000 times_reviewed:2 first_review_day:1.0000 times_flagged:2 \
    times_paused:0 first_pause_day: final_status:under_review; do
    v=$(field "$T/end/summary.csv" 1 '*' "${c%%:*}")
    [ "$v" = "${c#*:}" ] || fail "end: organisation ${c%%:*} = '$v', expected '${c#*:}'"
done
pass "nothing is decided at the run's end: a second flag due at day 2 of 2 is not raised"

# One second longer (1-second ticks): the pause at day 2 lasts 1 s, 0.0000116
# days, shown as 0.0001 so that it is not 0.
split sec 2d1s 100% --set sim.tick=1s --set sim.interval=2d1s
for a in east west '*'; do
    [ "$(field "$T/sec/summary.csv" 1 "$a" days_paused)" = 0.0001 ] || fail "sec: $a days_paused $(field "$T/sec/summary.csv" 1 "$a" days_paused)"
done
[ "$(field "$T/sec/summary.csv" 1 '*' times_paused)" = 2 ] && [ "$(field "$T/sec/summary.csv" 1 east first_pause_day)" = 2.0000 ] ||
    fail "sec: the pauses are not counted"
agree "$T/sec/summary.csv" "$T/sec/events.csv" || fail "sec: days_paused and paused events disagree"
pass "a pause of 1 s shows as days_paused 0.0001, not 0"

# scenarios/split-traffic.ini: replication 58 was flagged a second time at day
# 90 of 90 (paused with days_paused 0: 116 replications by days_paused, 117 by
# the paused events of 200).
"$SESIM" run "$ROOT/scenarios/split-traffic.ini" --reps 60 -j 2 -o "$T/split" -q || fail "split: run failed"
agree "$T/split/summary.csv" "$T/split/events.csv" || fail "split: days_paused and paused events disagree"
pass "split-traffic, 60 replications: days_paused > 0 exactly where events.csv has a pause"

# The counts and first days of summary.csv are those of events.csv, per
# (rep, account); the organisation's are the sums and the earliest.
count_check() { # SUMMARY EVENTS
    awk -F, -v s="$1" '
        function key(r, a) { return r "," a }
        FNR == NR {
            if (FNR == 1) for (i = 1; i <= NF; i++) c[$i] = i
            else rows[++n] = $0
            next
        }
        FNR > 1 {
            k = $5 == "review_started" ? "review" : $5 == "paused" ? "pause" : $5 == "circumvention_flagged" ? "flag" : ""
            if (k == "") next
            for (who = 0; who < 2; who++) {
                id = key($3, who ? "*" : $4)
                times[id, k]++
                if (!((id, k) in first)) first[id, k] = $2
            }
        }
        END {
            split("review:times_reviewed:first_review_day pause:times_paused:first_pause_day flag:times_flagged:first_flag_day", kinds, " ")
            for (r = 1; r <= n; r++) {
                split(rows[r], f, ",")
                id = key(f[c["rep"]], f[c["account"]])
                for (j = 1; j <= 3; j++) {
                    split(kinds[j], p, ":")
                    want = times[id, p[1]] + 0
                    day = (id, p[1]) in first ? sprintf("%.4f", first[id, p[1]]) : ""
                    if (f[c[p[2]]] != want || f[c[p[3]]] != day) {
                        print id, p[2], f[c[p[2]]], "!=", want, p[3], f[c[p[3]]], "!=", day
                        bad = 1
                    }
                    checked += want
                }
            }
            if (!checked) { print "no events counted"; bad = 1 }
            exit bad
        }' "$1" "$2"
}
count_check "$T/split/summary.csv" "$T/split/events.csv" || fail "split: counts differ from events.csv"
awk -F, -v p="$(col "$T/split/summary.csv" days_paused)" -v t="$(col "$T/split/summary.csv" times_paused)" \
    'NR > 1 && $2 == "*" && (($p > 0) != ($t > 0)) { print; bad = 1 } END { exit bad }' "$T/split/summary.csv" ||
    fail "split: the organisation's days_paused and times_paused disagree"
pass "split-traffic, 60 replications: times and first days of reviews, pauses and flags equal events.csv's"

# Sweeps carry the `*` rows: runs.csv has them, sweep.csv has a row for `*`
# per point, its statistics over the organisation's rows. With hazard 100% the
# accounts are flagged at day 1 and paused at day 2, whose 30,000 then go to
# the legacy provider too.
"$SESIM" sweep "$T/org.ini" --vary policy.circumvention_hazard=0%,100% --reps 2 -o "$T/sw" -q -j 2 ||
    fail "sweep failed"
[ "$(grep -c '^[12],[^,]*,[12],\*,' "$T/sw/runs.csv")" = 4 ] || fail "runs.csv: expected 4 rows of *"
sw="$T/sw/sweep.csv"
shares=$(awk -F, -v a="$(col "$sw" account)" -v p="$(col "$sw" share_paused)" -v o="$(col "$sw" mean_total_overflow)" \
    '$a == "*" { printf "%s:%s:%s ", $1, $p, $o }' "$sw")
[ "$shares" = "1:0:10000 2:1:40000 " ] || fail "sweep.csv rows of *: $shares"
pass "sweeps: runs.csv has the * rows, sweep.csv a * row per point (paused in 0 and 2 of 2; overflow 10000, 40000)"
