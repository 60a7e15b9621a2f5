# t_add.sh: --add adds a section, which --set may then change; the run's
# resolved scenario.ini holds it and reproduces the run byte for byte without
# the option; sweep takes --add, and --vary on the added section; a --set of a
# section the scenario lacks is refused (exit 2, nothing written).
. tests/e2e/lib.sh
S="$ROOT/scenarios/ramp-to-1m.ini"
cd "$T" || fail "no temporary folder"

"$SESIM" run "$S" --set sim.duration=5d -o base -q || fail "base run failed"
"$SESIM" run "$S" --set sim.duration=5d --add traffic.extra.daily=5k \
    --set traffic.extra.kind=constant --set traffic.extra.noise=none -o add -q ||
    fail "run with --add failed"
grep -q '^\[traffic.extra\]$' add/scenario.ini || fail "add/scenario.ini has no [traffic.extra]"
# A constant stream without noise adds exactly 5 days x 5,000 of demand; the
# scenario's own stream draws the same numbers as before.
want=$(( $(sum base/summary.csv total_demand) + 25000 ))
got=$(sum add/summary.csv total_demand)
[ "$got" = "$want" ] || fail "total_demand with the added stream: $got, want $want"

"$SESIM" run add/scenario.ini -o again -q || fail "rerun from add/scenario.ini failed"
for f in timeseries.csv events.csv summary.csv scenario.ini; do
    cmp -s "add/$f" "again/$f" || fail "again/$f differs from add/$f"
done

# The mistyped name of the issue: stream 'all' of account 'main'.
expect_bad_input "$S" --set traffic.main.invalid=1%
grep -q 'did you mean \[traffic.all\]' "$T/stderr" || fail "no suggestion: $(cat "$T/stderr")"

"$SESIM" sweep "$S" --set sim.duration=3d --add traffic.extra.kind=constant \
    --vary traffic.extra.daily=1k,2k -o sw -q -j 2 || fail "sweep with --add failed"
for p in 0001:1k 0002:2k; do
    grep -q "^daily = ${p#*:}$" "sw/points/${p%:*}/scenario.ini" ||
        fail "point ${p%:*} has no [traffic.extra] daily = ${p#*:}"
done
[ "$(grep -c ',main,' sw/sweep.csv)" = 2 ] || fail "sweep.csv: want 2 rows: $(cat sw/sweep.csv)"
pass "--add adds a stream (+25000 demand exactly), scenario.ini reproduces; sweep --add --vary; a missing section refused"
