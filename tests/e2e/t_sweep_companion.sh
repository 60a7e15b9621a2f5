# t_sweep_companion.sh: a sweep key whose values carry a unit (0.3%, 10k)
# gets a numeric companion column KEY_value at the end of sweep.csv and
# runs.csv, in the key's base unit (a fraction, messages), so pandas and
# gnuplot read it as a number (issue 23, item 4). A key of plain numbers or
# words gets none; merging shards writes the same tables.
. tests/e2e/lib.sh
"$SESIM" sweep "$ROOT/scenarios/ramp-to-1m.ini" --vary traffic.all.invalid=0.3%,2% \
    --vary traffic.all.daily=10k,1.5M --set sim.duration=5d -q -o "$T/sw" || fail "sweep: exit $?"
for f in sweep.csv runs.csv; do
    tail=$(head -1 "$T/sw/$f" | awk -F, '{ print $(NF-1) "," $NF }')
    [ "$tail" = "traffic.all.invalid_value,traffic.all.daily_value" ] || fail "$f header ends: $tail"
done
S=$T/sw/sweep.csv
got=$(awk -F, -v a="$(col "$S" traffic.all.invalid)" -v b="$(col "$S" traffic.all.invalid_value)" \
    -v c="$(col "$S" traffic.all.daily)" -v d="$(col "$S" traffic.all.daily_value)" \
    'NR > 1 { printf "%s=%s %s=%s;", $a, $b, $c, $d }' "$S")
[ "$got" = "0.3%=0.003 10k=10000;0.3%=0.003 1.5M=1500000;2%=0.02 10k=10000;2%=0.02 1.5M=1500000;" ] ||
    fail "sweep.csv companions: $got"
python3 - "$S" <<'PY' || fail "pandas-like read: the companion is not a number"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [float(r["traffic.all.invalid_value"]) for r in rows] == [0.003, 0.003, 0.02, 0.02]
PY
pass "sweep.csv and runs.csv: 0.3% -> traffic.all.invalid_value 0.003, 1.5M -> 1500000"
"$SESIM" sweep "$ROOT/scenarios/ramp-to-1m.ini" --vary traffic.all.weekend=0.5,0.8 \
    --vary traffic.all.sender=overflow,drop --set sim.duration=5d -q -o "$T/plain" ||
    fail "plain sweep: exit $?"
head -1 "$T/plain/sweep.csv" | grep -q '_value' && fail "a key of plain numbers or words got a companion"
pass "no companion for plain numbers or words"
for k in 1 2; do
    "$SESIM" sweep "$ROOT/scenarios/ramp-to-1m.ini" --vary traffic.all.invalid=0.3%,2% \
        --vary traffic.all.daily=10k,1.5M --set sim.duration=5d -q --shard $k/2 -o "$T/s$k" ||
        fail "shard $k: exit $?"
done
"$SESIM" merge -q -o "$T/m" "$T/s1" "$T/s2" || fail "merge: exit $?"
cmp -s "$T/m/sweep.csv" "$S" && cmp -s "$T/m/runs.csv" "$T/sw/runs.csv" || fail "merged tables differ"
pass "merged shards have the same companions, byte for byte"
