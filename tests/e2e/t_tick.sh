# t_tick.sh: sim.tick = auto (hour batches where no limit can bind) against
# the 1-minute tick. Without noise the two give byte-identical outputs (the
# hour batch draws the very counts of the minute ticks and enters them tick by
# tick), in far fewer batches; with Poisson noise the summaries agree in
# distribution (two-sample KS tests at the 1% level).
. tests/e2e/lib.sh

same_without_noise() { # RATIO SCENARIO SET... : 1m and auto, noise = none, same CSVs,
    ratio=$1; scn=$2; shift 2 # auto in at least RATIO times fewer batches
    for t in 1m auto; do
        SESIM_BATCHES=1 "$SESIM" run "$ROOT/scenarios/$scn" --set sim.tick=$t "$@" \
            -o "$T/$t" -q 2>"$T/batches-$t" || fail "$scn at tick $t did not run"
    done
    for f in timeseries.csv events.csv summary.csv; do
        cmp -s "$T/1m/$f" "$T/auto/$f" || fail "$scn: $f differs between tick = 1m and auto"
    done
    fine=$(sed -n 's/^sesim: batches: [0-9]*,//p' "$T/batches-1m")
    auto=$(sed -n 's/^sesim: batches: [0-9]*,//p' "$T/batches-auto")
    [ $((auto * ratio)) -le "$fine" ] || fail "$scn: $auto batches with auto, $fine with 1m (not ${ratio}x fewer)"
    pass "$scn, noise = none: outputs byte-identical, $auto batches against $fine"
    rm -rf "$T/1m" "$T/auto" "$T"/batches-*
}
same_without_noise 10 default.ini --set traffic.newsletter.noise=none
# a pace queue that never empties: every hour at the fine tick
same_without_noise 1 ramp-to-1m.ini --set traffic.all.noise=none

# auto reads as auto in scenario.ini and is checked like a tick
"$SESIM" run "$ROOT/scenarios/default.ini" --set sim.tick=auto --set sim.duration=1d -o "$T/a" -q
grep -q '^tick = auto$' "$T/a/scenario.ini" || fail "scenario.ini does not keep tick = auto"
pass "tick = auto is written back as auto"

# auto is the default: a scenario without a tick key batches hours
printf '[sim]\nduration = 2d\n[account.a]\nstage = production\n[traffic.t]\ndaily = 1k\n' > "$T/d.ini"
SESIM_BATCHES=1 "$SESIM" run "$T/d.ini" -o "$T/d" -q 2>"$T/d.err" || fail "the default tick did not run"
grep -q '^tick = auto$' "$T/d/scenario.ini" || fail "the default tick is not auto"
grep -q '^sesim: batches: 1,[0-9]\{1,2\}$' "$T/d.err" || fail "the default tick batched no hour: $(cat "$T/d.err")"
pass "the default tick is auto: $(sed 's/.*,//' "$T/d.err") batches for 2 days"

# A schedule cap batches the hours where it cannot bind (the hour's demand
# bound fits in what the day's cap has left) and no others. 100 an hour
# (constant, noise = none: the bound is 101), 2 days. Cap 10,000: every hour
# is a batch, 48. Cap 10,000 then 1,200 on day 2: day 1, 24 batches; day 2,
# hours 0 to 10 (left 1,200 - 100 h >= 101), then hour 11 (left 100) and
# the 12 hours after the cap is spent at 1-minute ticks: 24 + 11 + 13 x 60 =
# 815. The outputs are those of tick = 1m, byte for byte.
capped() { # CAP EXPECTED
    printf '[sim]\nduration = 2d\n[account.a]\nstage = production\n[traffic.t]\nkind = constant\ndaily = 2400\nnoise = none\ncap = %s\n' "$1" > "$T/cap.ini"
    for t in 1m auto; do
        SESIM_BATCHES=1 "$SESIM" run "$T/cap.ini" --set sim.tick=$t -o "$T/cap-$t" -q 2>"$T/cap-$t.err" ||
            fail "cap $1 at tick $t did not run"
    done
    for f in timeseries.csv events.csv summary.csv; do
        cmp -s "$T/cap-1m/$f" "$T/cap-auto/$f" || fail "cap $1: $f differs between tick = 1m and auto"
    done
    grep -q "^sesim: batches: 1,$2\$" "$T/cap-auto.err" || fail "cap $1: $(cat "$T/cap-auto.err"), expected $2"
    rm -rf "$T"/cap-*
}
capped "1:10000" 48
capped "1:10000, 2:1200" 815
pass "a schedule cap: 48 batches when it cannot bind, 815 when it binds on day 2 (2,880 at 1m); outputs of 1m"

# Common random numbers: with Poisson noise a cap that never binds changes
# nothing, not even which hours are batched, so its run is the uncapped run.
h="--set sim.duration=14d --reps 3 --seed 7 -q"
SESIM_BATCHES=1 "$SESIM" run "$ROOT/scenarios/default.ini" $h -o "$T/nocap" 2>"$T/nocap.err" &&
    SESIM_BATCHES=1 "$SESIM" run "$ROOT/scenarios/default.ini" $h --set "traffic.newsletter.cap=1:1M" \
        -o "$T/bigcap" 2>"$T/bigcap.err" || fail "the default scenario with a cap of 1M did not run"
for f in timeseries.csv events.csv summary.csv; do
    cmp -s "$T/nocap/$f" "$T/bigcap/$f" || fail "a cap that never binds changed $f"
done
[ "$(sort "$T/nocap.err")" = "$(sort "$T/bigcap.err")" ] || fail "a cap that never binds changed the batches"
pass "default.ini with a cap of 1M a day: the uncapped run, byte for byte ($(sort "$T/nocap.err" | sed -n 's/.*,//p' | tr '\n' ' ')batches)"

# With Poisson noise: 100 replications each (seed 1 at 1m, seed 2 with auto),
# every summary column of bench/validate_tick.py by a two-sample KS test at
# 1%. Power: a shift of 0.23 standard deviations of a continuous column is
# found with probability 0.5 at n = 100 + 100 (KS critical D = 0.23 at 1%); the
# 1,000-replication comparison is `make validate` (docs/performance.md).
if command -v python3 >/dev/null; then
    python3 "$ROOT/bench/validate_tick.py" "$SESIM" 100 "$ROOT/scenarios/default.ini" \
        > "$T/ks.txt" || { cat "$T/ks.txt" >&2; fail "a distribution differs at the 1% level"; }
    pass "default.ini, 100 reps: $(tail -1 "$T/ks.txt")"
    # a cap that cuts the stream's 150k a day to 100k every day: its hours
    # batch until the day's cap is near, then run at the fine tick
    awk '{ print } /^\[traffic\.newsletter\]$/ { print "cap = 1:100k" }' "$ROOT/scenarios/default.ini" \
        > "$T/capped.ini"
    grep -q '^cap = 1:100k$' "$T/capped.ini" || fail "default.ini has no [traffic.newsletter] to cap"
    python3 "$ROOT/bench/validate_tick.py" "$SESIM" 100 "$T/capped.ini" \
        > "$T/ks.txt" || { cat "$T/ks.txt" >&2; fail "a capped stream's distribution differs at the 1% level"; }
    pass "default.ini with cap = 1:100k, 100 reps: $(tail -1 "$T/ks.txt")"
else
    echo "skip $NAME: no python3 for the KS tests"
fi
