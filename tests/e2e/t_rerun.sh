# t_rerun.sh: the sweep page's "Run again with" line keeps the sweep's --set and
# --add (issue 23, item 5: it dropped them), quoted for the shell; sweep.ini
# records them, and the command it shows runs the same sweep (same sweep.csv).
. tests/e2e/lib.sh
cd "$ROOT"
"$SESIM" sweep scenarios/ramp-to-1m.ini --set 'traffic.*.invalid=3%' --add traffic.extra.daily=5k \
    --vary policy.ramp_factor=1.2,2 --reps 2 -q -o "$T/a" || fail "sweep: exit $?"
"$SESIM" report "$T/a" -q || fail "report: exit $?"
line=$(sed -n 's/.*Run again with <code>\(.*\)<\/code>.*/\1/p' "$T/a/report/index.html")
want="sesim sweep scenarios/ramp-to-1m.ini --set 'traffic.*.invalid=3%' --add traffic.extra.daily=5k --vary policy.ramp_factor=1.2,2 --reps 2"
[ "$line" = "$want" ] || fail "the page says: $line"
eval "\"\$SESIM\" ${line#sesim } -q -o \"\$T/b\"" || fail "the command shown: exit $?"
cmp -s "$T/a/sweep.csv" "$T/b/sweep.csv" || fail "the command shown gives another sweep.csv"
pass "'Run again with' keeps --set and --add, and runs the same sweep"
