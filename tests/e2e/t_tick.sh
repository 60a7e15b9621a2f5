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

# With Poisson noise: 100 replications each (seed 1 at 1m, seed 2 with auto),
# every summary column of bench/validate_tick.py by a two-sample KS test at
# 1%. Power: a shift of 0.23 standard deviations of a continuous column is
# found with probability 0.5 at n = 100 + 100 (KS critical D = 0.23 at 1%); the
# 1,000-replication comparison is `make validate` (docs/performance.md).
if command -v python3 >/dev/null; then
    python3 "$ROOT/bench/validate_tick.py" "$SESIM" 100 "$ROOT/scenarios/default.ini" \
        > "$T/ks.txt" || { cat "$T/ks.txt" >&2; fail "a distribution differs at the 1% level"; }
    pass "default.ini, 100 reps: $(tail -1 "$T/ks.txt")"
else
    echo "skip $NAME: no python3 for the KS tests"
fi
