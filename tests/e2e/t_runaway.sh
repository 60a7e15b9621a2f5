# t_runaway.sh: inputs that are accepted must finish (issue 17, class 6). A
# run estimated far beyond the limits is refused with the estimate unless
# --force (run, check, sweep, batch); memory is linear in accounts (16,000
# accounts sharing a payer in a 1 GB address space); the report of a run of
# 4,000 accounts draws the organisation and the accounts with the most demand.
. tests/e2e/lib.sh

# --- --force: the estimate's refusal is lifted
"$SESIM" check "$ROOT/tests/bad/output-1ms.ini" > /dev/null 2> "$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'the run would write about 102 GB of timeseries.csv' "$T/err" ||
    fail "check without --force: exit $rc: $(cat "$T/err")"
"$SESIM" check "$ROOT/tests/bad/output-1ms.ini" --force > "$T/out" 2> "$T/err" ||
    fail "check --force: $(cat "$T/err")"
grep -q '^interval = 1ms' "$T/out" || fail "check --force did not print the scenario"
# run --force starts the run (its part files appear); stopped there
"$SESIM" run "$ROOT/tests/bad/campaign-every-1ms.ini" --force -o "$T/forced" -q 2> "$T/err" & pid=$!
wait_for "$T/forced" '^\.sesim-parts-' || { kill $pid; fail "run --force never started: $(cat "$T/err")"; }
kill -TERM $pid; wait $pid; rc=$?
[ "$rc" = 130 ] || fail "run --force, stopped: exit $rc, expected 130: $(cat "$T/err")"
pass "check and run --force accept what the estimate refuses (exit 2 without)"

# --- sensitivity and plan check the scenario's work estimate too (they ran it
# unchecked): exit 2 with the estimate, nothing written
for cmd in "sensitivity" "plan --target 1k --by 1d"; do
    "$SESIM" $cmd "$ROOT/tests/bad/campaign-every-1ms.ini" -o "$T/study" -q 2> "$T/err"; rc=$?
    [ "$rc" = 2 ] && grep -q 'steps of work' "$T/err" && [ ! -e "$T/study" ] ||
        fail "$cmd of a runaway scenario: exit $rc: $(cat "$T/err")"
done
pass "sensitivity and plan refuse a scenario whose run is estimated beyond the limits"

# --- batch: the scenario over the limit is refused and named, the others run
mkdir -p "$T/b"
cp "$ROOT/tests/bad/output-1ms.ini" "$T/b/huge.ini"
printf '[sim]\nduration = 1d\n[account.a]\n' > "$T/b/small.ini"
"$SESIM" batch "$T/b" -o "$T/bo" -q 2> "$T/err"; rc=$?
[ "$rc" = 2 ] || fail "batch with a scenario over the limit: exit $rc, expected 2"
grep -q "huge.ini:6: sim.interval: the run would write about" "$T/err" || fail "batch: $(cat "$T/err")"
[ -f "$T/bo/small/summary.csv" ] && [ ! -e "$T/bo/huge" ] || fail "batch: small not run or huge run"
pass "batch: a scenario over the limit is refused with its estimate, the others complete"

# --- memory linear in accounts: 16,000 accounts sharing a payer held 16,000
# lists of the 15,999 others (2.1 GB); in a 1 GB address space now. (Not under
# AddressSanitizer, which reserves terabytes of address space.)
awk 'BEGIN { print "[sim]\nduration = 1h\ntick = 1h\ninterval = 1h"
             for (i = 0; i < 16000; i++) printf "[account.a%d]\npayer = one\n", i
             print "[traffic.t]\naccount = a0" }' > "$T/payer.ini"
if sh -c 'ulimit -v 1000000; exec "$0" --version' "$SESIM" >/dev/null 2>&1; then
    (ulimit -v 1000000; exec "$SESIM" run "$T/payer.ini" -o "$T/payer" -q -j 1) 2> "$T/err" ||
        fail "16,000 accounts of one payer in 1 GB: $(cat "$T/err")"
    pass "16,000 accounts sharing a payer run in a 1 GB address space"
else
    echo "skip $NAME: 16,000 accounts in 1 GB (ulimit -v does not work with this binary)"
fi

# --- the report of 4,000 accounts: the organisation and the 10 with the most
# demand (gnuplot failed: "Cairo is unhappy")
awk 'BEGIN { print "[sim]\nduration = 1d\ntick = 1h\ninterval = 1h"
             for (i = 0; i < 4000; i++)
                 printf "[account.a%d]\n[traffic.t%d]\naccount = a%d\nkind = constant\nnoise = none\ndaily = %d\n", i, i, i, 1000 + i
           }' > "$T/many.ini"
"$SESIM" run "$T/many.ini" -o "$T/many" -q || fail "4,000 accounts: the run failed"
"$SESIM" report "$T/many" -q 2> "$T/err" || fail "report of 4,000 accounts: $(cat "$T/err")"
html="$T/many/report/index.html"
grep -q "Of the run's 4000 accounts, the plots show the 10 with the most demand" "$html" ||
    fail "report of 4,000 accounts: the page does not say which are drawn"
grep -q "^n_acc = 11$" "$T/many/report/data/meta.gp" || fail "report: not 11 series (10 and *)"
for a in a3999 a3990; do grep -q "\"$a\"" "$T/many/report/data/meta.gp" || fail "report: $a not drawn"; done
grep -q '"a3989"' "$T/many/report/data/meta.gp" && fail "report: a3989 drawn (not in the top 10)"
pass "report of 4,000 accounts: * and the 10 with the most demand (a3990 to a3999)"
