# t_sweep.sh: replications, bands, -j, sweeps, shards, merge, resume after Ctrl-C.
. tests/e2e/lib.sh

cat > "$T/s.ini" <<INI
; a small sweep scenario
[sim]
duration = 10d
interval = 6h
reps = 3
[account.a]
[traffic.t]
kind = diurnal
daily = 40k
sender = pace
invalid = 1%
INI

# -j 1 and -j 2 give the same files, for runs and sweeps.
"$SESIM" run "$T/s.ini" -o "$T/r1" -j 1 -q && "$SESIM" run "$T/s.ini" -o "$T/r2" -j 2 -q ||
    fail "run with -j failed"
for f in timeseries.csv events.csv summary.csv bands.csv scenario.ini; do
    cmp -s "$T/r1/$f" "$T/r2/$f" || fail "run: $f differs between -j 1 and -j 2"
done
vary="--vary policy.ramp_factor=1.2:2:3 --vary traffic.t.invalid=0.5%,3%"
"$SESIM" sweep "$T/s.ini" $vary -o "$T/w1" -j 1 -q && "$SESIM" sweep "$T/s.ini" $vary -o "$T/w2" -j 2 -q ||
    fail "sweep failed"
for f in runs.csv sweep.csv; do
    cmp -s "$T/w1/$f" "$T/w2/$f" || fail "sweep: $f differs between -j 1 and -j 2"
done
[ "$(($(wc -l < "$T/w1/runs.csv") - 1))" = 18 ] || fail "runs.csv: expected 6 points x 3 reps rows"
[ "$(($(wc -l < "$T/w1/sweep.csv") - 1))" = 6 ] || fail "sweep.csv: expected 6 rows"
pass "runs and sweeps byte-identical with -j 1 and -j 2 (6 points x 3 reps)"

# Common random numbers: a point's run equals the plain run with the same values.
"$SESIM" run "$T/s.ini" --set policy.ramp_factor=1.6 --set traffic.t.invalid=3% -o "$T/p4" -q
tail -n +2 "$T/p4/summary.csv" > "$T/plain"
# runs.csv: point, the 2 keys, summary.csv's columns, then traffic.t.invalid_value
width=$(head -1 "$T/p4/summary.csv" | tr ',' '\n' | wc -l)
awk -F, 'NR > 1 && $1 == 4' "$T/w1/runs.csv" | cut -d, -f4-$((3 + width)) > "$T/point4"
cmp -s "$T/plain" "$T/point4" || fail "point 4 differs from the plain run with its values"
awk -F, 'NR > 1 && $1 == 4 { print $NF }' "$T/w1/runs.csv" | sort -u | grep -qx '0.03' ||
    fail "point 4's traffic.t.invalid_value is not 0.03"
pass "a sweep point equals the plain run with its values (same random numbers)"

# Shards 1/3, 2/3, 3/3 merged equal the whole sweep; and through GNU parallel.
for k in 1 2 3; do
    "$SESIM" sweep "$T/s.ini" $vary --shard $k/3 -o "$T/shard$k" -q || fail "shard $k failed"
done
"$SESIM" merge "$T/shard1" "$T/shard2" "$T/shard3" -o "$T/merged" -q || fail "merge failed"
for f in runs.csv sweep.csv; do
    cmp -s "$T/w1/$f" "$T/merged/$f" || fail "merged $f differs from the whole sweep"
done
pass "shards 1/3, 2/3, 3/3 merged equal the whole sweep"
if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite -j 3 "$SESIM" sweep "$T/s.ini" $vary --shard {}/3 -o "$T/par{}" -q ::: 1 2 3 ||
        fail "GNU parallel shards failed"
    "$SESIM" merge "$T/par1" "$T/par2" "$T/par3" -o "$T/parmerged" -q || fail "merge of parallel shards failed"
    cmp -s "$T/w1/sweep.csv" "$T/parmerged/sweep.csv" || fail "GNU parallel shards differ"
    pass "shards run by GNU parallel, merged, equal the whole sweep"
fi

# Shards of different sweeps are refused.
"$SESIM" sweep "$T/s.ini" --vary policy.ramp_factor=1.2,1.3 --shard 2/3 -o "$T/other" -q
"$SESIM" merge "$T/shard1" "$T/other" -o "$T/bad" -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] || fail "merging different sweeps: exit $rc, expected 2"
grep -q 'different sweep' "$T/err" || fail "merging different sweeps: $(cat "$T/err")"
pass "merging shards of different sweeps exits 2"

# Interrupted by SIGINT once a point is complete (8 points of about 0.3 s),
# then resumed: the same files as uninterrupted.
cat > "$T/long.ini" <<INI
[sim]
duration = 800d
interval = 1d
reps = 2
[account.a]
[traffic.t]
daily = 40k
INI
lvary="--vary policy.ramp_factor=1.1:2:8"
"$SESIM" sweep "$T/long.ini" $lvary -o "$T/whole" -j 2 -q || fail "long sweep failed"
"$SESIM" sweep "$T/long.ini" $lvary -o "$T/cut" -j 2 -q 2>"$T/interrupted" & pid=$!
wait_for "$T/cut/points" '^[^.]' || fail "the sweep never completed a point"
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || fail "interrupted sweep exited $rc, expected 130"
ls -a "$T/cut/points" | grep -q '^\.sesim-' && fail "partial point folders left: $(ls -a "$T/cut/points")"
[ -e "$T/cut/runs.csv" ] && fail "runs.csv written by an interrupted sweep"
done_points=$(ls "$T/cut/points" | wc -l)
[ "$done_points" -ge 1 ] && [ "$done_points" -lt 8 ] || fail "interrupted with $done_points of 8 points done"
"$SESIM" sweep "$T/long.ini" $lvary -o "$T/cut" -j 2 --resume -q || fail "resume failed"
for f in runs.csv sweep.csv; do
    cmp -s "$T/whole/$f" "$T/cut/$f" || fail "resumed $f differs"
done
pass "interrupted after $done_points of 8 points (exit 130) and resumed: same runs.csv and sweep.csv"

# Bands: without randomness all quantiles equal the mean; with it, ordered
# and equal to a direct computation over the replications.
cat > "$T/det.ini" <<INI
[sim]
duration = 3d
reps = 4
[account.a]
[traffic.t]
kind = constant
noise = none
daily = 5k
invalid = 0%
soft_bounce = 0%
complaint = 0%
INI
"$SESIM" run "$T/det.ini" -o "$T/det" -q || fail "deterministic run failed"
awk -F, 'NR > 1 && $4 != "bounce_rate" && $4 != "complaint_rate" && !($5 == $6 && $6 == $7 && $7 == $8) { print; bad = 1 }
    END { exit bad }' "$T/det/bands.csv" || fail "deterministic bands differ across quantiles"
b="$T/r1/bands.csv"
awk -F, 'NR > 1 && !($6 <= $7 && $7 <= $8) { print; bad = 1 } END { exit bad }' "$b" || fail "quantiles out of order"
# sent over the 3 reps at the last time, from timeseries.csv, against the band
last=$(tail -1 "$T/r1/timeseries.csv" | cut -d, -f1)
grep "^$last," "$T/r1/timeseries.csv" | cut -d, -f10 | sort -n > "$T/sent"
want=$(awk '{ v[NR] = $1; s += $1 } END { m = s / NR; printf "%.10g,%.10g\n", m, v[2] }' "$T/sent")
got=$(grep "^$last,.*,a,sent," "$b" | awk -F, '{ printf "%.10g,%.10g\n", $5, $7 }')
[ "$want" = "$got" ] || fail "band of sent at $last: mean,p50 $got, direct $want"
pass "bands: equal quantiles without randomness; ordered, and mean/median equal a direct computation"

# SPEC parsing and bad specs.
"$SESIM" sweep "$T/s.ini" --vary "traffic.t.daily=10k:1M:3:log" --vary "policy.review_period=12h:48h:3" \
    -o "$T/spec" -q --set sim.reps=1 || fail "log and duration ranges failed"
vals=$(tail -n +2 "$T/spec/sweep.csv" | cut -d, -f2 | uniq | tr '\n' ' ')
[ "$vals" = "10000 100000 1000000 " ] || fail "log range values: $vals"
grep -q '^2,10000,30h,' "$T/spec/sweep.csv" || fail "duration range values: $(head -3 "$T/spec/sweep.csv")"
for bad in "policy.ramp_factor" "policy.nokey=1,2" "policy.ramp_factor=1:2" "policy.ramp_factor=1:2:0" \
           "policy.ramp_factor=0:2:3:log" "traffic.t.invalid=5%:2d:3" "traffic.t.invalid=5%,200%" \
           "policy.ramp_factor=1,,2"; do
    "$SESIM" sweep "$T/s.ini" --vary "$bad" -o "$T/badspec" -q 2>"$T/err"; rc=$?
    [ "$rc" = 2 ] || fail "--vary $bad: exit $rc, expected 2"
    [ "$(wc -l < "$T/err")" = 1 ] || fail "--vary $bad: $(cat "$T/err")"
done
pass "spec lists, linear, log and unit ranges; 8 bad specs exit 2 with one line"

# A worker process killed mid-point takes only that point with it: the sweep
# exits 1 naming it, the others complete, and --resume completes the sweep.
cat > "$T/slow.ini" <<INI
[sim]
duration = 1500d
tick = 1m
interval = 1d
[account.a]
[traffic.t]
daily = 40k
INI
svary="--vary policy.ramp_factor=1.1:2:6"
"$SESIM" sweep "$T/slow.ini" $svary -o "$T/killed" -j 2 -q 2>"$T/err" & pid=$!
worker=$(first_child $pid) || exit 1
kill -KILL "$worker"; wait $pid; rc=$?
[ "$rc" = 1 ] || fail "a killed worker: exit $rc, expected 1 ($(cat "$T/err"))"
grep -q '1 point failed' "$T/err" || fail "the killed point is not named: $(cat "$T/err")"
[ "$(ls "$T/killed/points" | wc -l)" = 5 ] || fail "expected the 5 other points complete"
ls -a "$T/killed/points" | grep -q '^\.sesim-' && fail "the killed point's temporary folder was left"
"$SESIM" sweep "$T/slow.ini" $svary -o "$T/killed" -j 2 --resume -q || fail "resume after a killed worker failed"
"$SESIM" sweep "$T/slow.ini" $svary -o "$T/unkilled" -j 1 -q || fail "slow sweep failed"
cmp -s "$T/killed/runs.csv" "$T/unkilled/runs.csv" || fail "runs.csv after the resume differs"
pass "a killed worker fails its point only (exit 1); --resume completes the sweep"

# SIGTERM to one worker alone: only the point it was running fails (the worker
# ends and is replaced; its flag must not fail every later point).
"$SESIM" sweep "$T/slow.ini" $svary -o "$T/termed" -j 2 -q 2>"$T/err" & pid=$!
worker=$(first_child $pid) || exit 1
kill -TERM "$worker"; wait $pid; rc=$?
[ "$rc" = 1 ] && grep -q '^sesim: 1 point failed' "$T/err" ||
    fail "SIGTERM to one worker: exit $rc, expected 1 and one failed point ($(cat "$T/err"))"
[ "$(ls "$T/termed/points" | wc -l)" = 5 ] || fail "expected the 5 other points complete"
pass "SIGTERM to one worker fails its point only"

