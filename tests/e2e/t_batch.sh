# t_batch.sh: sesim batch: folders and batch.csv, -j, failure isolation, --set
# where the section exists, --resume, interrupts (the shipped scenarios: t_golden).
. tests/e2e/lib.sh

mkdir -p "$T/in"
for name in alpha beta gamma; do
    case $name in
    alpha) extra="invalid = 1%" ;;
    beta) extra="invalid = 4%" ;;
    gamma) extra="account = a" ;;
    esac
    cat > "$T/in/$name.ini" <<INI
[sim]
duration = 12d
interval = 6h
reps = 2
targets = 20k
[account.a]
[traffic.$name]
daily = 30k
sender = pace
$extra
INI
done
# gamma has two accounts and another target: batch.csv takes the union of columns.
cat >> "$T/in/gamma.ini" <<INI
[account.b]
[traffic.more]
account = b
daily = 5k
INI
sed -i 's/targets = 20k/targets = 15k, 20k/' "$T/in/gamma.ini"

# Three scenarios: three folders, batch.csv rows = their summary rows, -j 1 = -j 2.
"$SESIM" batch "$T/in" -o "$T/b1" -j 1 -q && "$SESIM" batch "$T/in" -o "$T/b2" -j 2 -q ||
    fail "batch failed"
for n in alpha beta gamma; do
    [ -f "$T/b1/$n/summary.csv" ] && [ -f "$T/b1/$n/timeseries.csv" ] || fail "no folder for $n"
done
cmp -s "$T/b1/batch.csv" "$T/b2/batch.csv" || fail "batch.csv differs between -j 1 and -j 2"
[ "$(head -1 "$T/b1/batch.csv")" = "$(head -1 "$T/b1/gamma/summary.csv" | sed 's/^/scenario,/')" ] ||
    fail "batch.csv header is not scenario + the union of the summary columns: $(head -1 "$T/b1/batch.csv")"
[ "$(($(wc -l < "$T/b1/batch.csv") - 1))" = 10 ] || fail "expected 2 + 2 + 6 rows in batch.csv"
[ "$(grep -c '^gamma,[12],\*,' "$T/b1/batch.csv")" = 2 ] || fail "gamma's organisation rows are not in batch.csv"
[ "$(cut -d, -f1 "$T/b1/batch.csv" | tail -n +2 | uniq | tr '\n' ' ')" = "alpha beta gamma " ] ||
    fail "batch.csv is not in scenario order"
c=$(col "$T/b1/batch.csv" days_to_15k)
[ "$(awk -F, -v c="$c" '$1 == "alpha" { print $c }' "$T/b1/batch.csv" | sort -u)" = NA ] ||
    fail "a target alpha does not have should be NA"
awk -F, 'NR > 1 && $1 == "beta"' "$T/b1/batch.csv" | cut -d, -f2-$((c - 1)),$((c + 1))- > "$T/rows"
"$SESIM" run "$T/in/beta.ini" -o "$T/plain" -q || fail "plain run failed"
cmp -s "$T/plain/timeseries.csv" "$T/b1/beta/timeseries.csv" || fail "beta differs from its plain run"
tail -n +2 "$T/plain/summary.csv" > "$T/plain_rows"
cmp -s "$T/rows" "$T/plain_rows" || fail "beta's batch.csv rows differ from its summary.csv"
pass "3 scenarios: 3 folders, batch.csv (10 rows with gamma's '*', union of targets, NA) identical for -j 1 and -j 2"

# A broken scenario: the others complete, exit 2 naming it, no folder for it.
cp -r "$T/in" "$T/in2"
printf '[sim]\nduration = 10d\n[account.a]\n[traffic.t]\ndaily = lots\n' > "$T/in2/broken.ini"
"$SESIM" batch "$T/in2" -o "$T/b3" -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] || fail "a broken scenario: exit $rc, expected 2"
grep -q 'broken.ini:5: ' "$T/err" || fail "the error does not give broken.ini's line: $(cat "$T/err")"
grep -q 'did not validate\|bad input' "$T/err" && grep -q 'broken.ini$' "$T/err" ||
    fail "the last line does not name broken.ini: $(cat "$T/err")"
[ -e "$T/b3/broken" ] && fail "a folder was made for the broken scenario"
cmp -s "$T/b1/batch.csv" "$T/b3/batch.csv" || fail "the other scenarios' batch.csv changed"
pass "a broken scenario exits 2 naming it; the others complete"

# A run-time failure (the file size limit): exit 1, no folder for it, the other completes.
printf '[sim]\nduration = 3d\ninterval = 1d\n[account.a]\n[traffic.t]\ndaily = 1k\n' > "$T/small.ini"
printf '[sim]\nduration = 200d\ninterval = 1h\n[account.a]\n[traffic.t]\ndaily = 1k\n' > "$T/big.ini"
(ulimit -f 100; "$SESIM" batch "$T/small.ini" "$T/big.ini" -o "$T/b4" -j 2 -q 2>"$T/err"); rc=$?
[ "$rc" = 1 ] || fail "a run-time failure: exit $rc, expected 1 ($(cat "$T/err"))"
grep -q 'failed: .*big.ini' "$T/err" || fail "big.ini is not named: $(cat "$T/err")"
[ -e "$T/b4/big" ] && fail "a folder was left for the failed scenario"
ls -a "$T/b4" | grep -q '^\.sesim-' && fail "temporary folders left: $(ls -a "$T/b4")"
[ -f "$T/b4/small/summary.csv" ] && grep -q '^small,' "$T/b4/batch.csv" || fail "small did not complete"
pass "a run-time failure exits 1 naming it; the other completes"

# --set: applied where the section exists, an error where it exists in none.
"$SESIM" batch "$T/in" -o "$T/b5" --set traffic.beta.invalid=2% --set policy.ramp_factor=1.5 -q ||
    fail "--set on some scenarios failed"
grep -qx 'invalid = 2%' "$T/b5/beta/scenario.ini" || fail "--set traffic.beta.invalid not applied to beta"
grep -qx 'invalid = 1%' "$T/b5/alpha/scenario.ini" || fail "alpha changed by --set traffic.beta"
[ -e "$T/b5/alpha/scenario.ini" ] && ! grep -q '^\[traffic.beta\]' "$T/b5/alpha/scenario.ini" ||
    fail "--set added a [traffic.beta] to alpha"
for n in alpha beta gamma; do
    grep -qx 'ramp_factor = 1.5' "$T/b5/$n/scenario.ini" || fail "--set policy.ramp_factor missing in $n"
done
"$SESIM" batch "$T/in" -o "$T/b6" --set traffic.delta.daily=5k -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'no scenario of the batch' "$T/err" || fail "--set on no scenario: exit $rc"
[ -e "$T/b6" ] && fail "output made although --set applies nowhere"
"$SESIM" batch "$T/in" -o "$T/b6" --set policy.ramp_factr=2 -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "did you mean 'ramp_factor'" "$T/err" || fail "unknown --set key: exit $rc"
"$SESIM" batch "$T/in" -o "$T/b7" --set 'traffic.*.invalid=5%' -q || fail "--set traffic.* failed"
[ "$(cat "$T"/b7/*/scenario.ini | grep -c '^invalid = 5%$')" = 4 ] || fail "traffic.* did not set all 4 streams"
pass "--set applies where its section exists, fails where none has it"

# --resume: complete scenarios are skipped, a changed one runs again.
touch -d '2000-01-01' "$T/b1/alpha/summary.csv" "$T/b1/beta/summary.csv"
sed -i 's/daily = 30k/daily = 31k/' "$T/in/beta.ini"
"$SESIM" batch "$T/in" -o "$T/b1" --resume -q || fail "resume failed"
[ "$(date -r "$T/b1/alpha/summary.csv" +%Y)" = 2000 ] || fail "resume ran alpha again"
[ "$(date -r "$T/b1/beta/summary.csv" +%Y)" != 2000 ] || fail "resume kept beta although it changed"
pass "--resume skips complete scenarios and reruns a changed one"

# Interrupted once a scenario is complete (6 of about 0.4 s), then resumed:
# the same batch.csv as uninterrupted.
for i in 1 2 3 4 5 6; do
    printf '[sim]\nduration = 800d\ninterval = 1d\nreps = 3\nseed = %s\n[account.a]\n[traffic.t]\ndaily = 40k\n' \
        "$i" > "$T/long$i.ini"
done
"$SESIM" batch "$T"/long*.ini -o "$T/whole" -j 2 -q || fail "long batch failed"
"$SESIM" batch "$T"/long*.ini -o "$T/cut" -j 2 -q 2>/dev/null & pid=$!
wait_for "$T/cut" '^long' || fail "the batch never completed a scenario"
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || fail "interrupted batch exited $rc, expected 130"
ls -a "$T/cut" | grep -q '^\.sesim-' && fail "partial folders left: $(ls -a "$T/cut")"
[ -e "$T/cut/batch.csv" ] && fail "batch.csv written by an interrupted batch"
done_scenarios=$(ls "$T/cut" | wc -l)
[ "$done_scenarios" -lt 6 ] || fail "interrupted after all 6 scenarios"
"$SESIM" batch "$T"/long*.ini -o "$T/cut" -j 2 --resume -q || fail "resume after interrupt failed"
cmp -s "$T/whole/batch.csv" "$T/cut/batch.csv" || fail "resumed batch.csv differs"
pass "interrupted after $done_scenarios of 6 scenarios (exit 130) and resumed: the same batch.csv"

# A worker killed mid-scenario: exit 1 naming it, no temporary folder, and the
# earlier batch's batch.csv replaced whole by one of the scenarios complete now.
for i in 1 2 3 4; do
    printf '[sim]\nduration = 3650d\ntick = 1m\ninterval = 1d\nseed = %s\n[account.a]\n[traffic.t]\ndaily = 40k\n' \
        "$i" > "$T/slow$i.ini"
done
"$SESIM" batch "$T/small.ini" -o "$T/b8" -q || fail "the earlier batch failed"
"$SESIM" batch "$T"/slow*.ini -o "$T/b8" -j 2 -q 2>"$T/err" & pid=$!
worker=$(first_child $pid) || exit 1
kill -KILL "$worker"; wait $pid; rc=$?
[ "$rc" = 1 ] || fail "a killed worker: exit $rc, expected 1 ($(cat "$T/err"))"
grep -q 'killed by signal 9' "$T/err" && grep -q '1 scenario failed: ' "$T/err" ||
    fail "the killed scenario is not named: $(cat "$T/err")"
ls -a "$T/b8" | grep -q '^\.sesim-' && fail "temporary folder left: $(ls -a "$T/b8")"
grep -q '^small,' "$T/b8/batch.csv" && fail "the earlier batch.csv was kept"
[ "$(($(wc -l < "$T/b8/batch.csv") - 1))" = 3 ] || fail "batch.csv should hold the 3 complete scenarios"
pass "a killed worker fails its scenario only (exit 1, named, nothing stale left)"

# Names the batch uses itself are refused.
cp "$T/in/alpha.ini" "$T/report.ini"
"$SESIM" batch "$T/report.ini" -o "$T/b9" -q 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "cannot be named 'report'" "$T/err" || fail "a scenario named report: exit $rc"
pass "a scenario named report is refused"

