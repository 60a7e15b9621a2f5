# t_reproduce.sh: `sesim run` with no arguments writes the four files, and the
# resolved scenario.ini reproduces the run byte for byte.
. tests/e2e/lib.sh

cd "$T" && "$SESIM" run -q || fail "run without arguments failed"
for f in timeseries.csv events.csv summary.csv scenario.ini; do
    [ -s "out/$f" ] || fail "out/$f missing"
done
"$SESIM" run out/scenario.ini -o out2 -q || fail "rerun from scenario.ini failed"
for f in timeseries.csv events.csv summary.csv scenario.ini; do
    cmp -s "out/$f" "out2/$f" || fail "out2/$f differs from out/$f"
done
"$SESIM" run "$ROOT/scenarios/default.ini" -o out3 -q || fail "run of scenarios/default.ini failed"
cmp -s out/timeseries.csv out3/timeseries.csv || fail "built-in default differs from scenarios/default.ini"
pass "no-argument run, scenario.ini reproduces byte for byte, built-in = scenarios/default.ini"
