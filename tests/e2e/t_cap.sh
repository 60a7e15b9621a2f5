# t_cap.sh: the schedule cap (traffic.NAME.cap): day by day, what the stream
# hands SES is at most the day's step, the rest overflows to the legacy
# provider; from a list or a CSV file; conservation holds; the shipped
# warm-up comparison.
. tests/e2e/lib.sh

# 10,000 a day, no noise, no limits in the way: each day's sent is exactly
# min(10000, cap) and overflow the rest.
cat > "$T/c.ini" <<INI
[sim]
duration = 6d
interval = 1d
[account.a]
max24h = unlimited
max_rate = 100
[traffic.t]
kind = constant
daily = 10k
noise = none
sender = overflow
invalid = 0%
cap = 2:100, 4:2500, 6:unlimited
INI
"$SESIM" run "$T/c.ini" -o "$T/c" -q || fail "capped run failed"
ts="$T/c/timeseries.csv"
got=$(awk -F, -v s="$(col "$ts" sent)" -v o="$(col "$ts" overflow)" -v d="$(col "$ts" demand)" \
    'NR > 1 { printf "%s:%s:%s ", $d, $s, $o }' "$ts")
want="10000:10000:0 10000:100:9900 10000:100:9900 10000:2500:7500 10000:2500:7500 10000:10000:0 "
[ "$got" = "$want" ] || fail "demand:sent:overflow by day: $got (want $want)"
pass "a cap 2:100, 4:2500, 6:unlimited: none on day 1, steps held until the next, then none"

# The same steps from a CSV file; the resolved scenario writes them as a list.
printf 'day,cap\n2,100\n4,2500\n6,unlimited\n' > "$T/steps.csv"
"$SESIM" run "$T/c.ini" --set "traffic.t.cap=$T/steps.csv" -o "$T/f" -q || fail "cap file run failed"
cmp -s "$T/c/timeseries.csv" "$T/f/timeseries.csv" || fail "cap file and cap list differ"
grep -qx 'cap = 2:100, 4:2500, 6:unlimited' "$T/f/scenario.ini" || fail "scenario.ini: $(grep '^cap' "$T/f/scenario.ini")"
"$SESIM" run "$T/f/scenario.ini" -o "$T/again" -q && cmp -s "$T/f/summary.csv" "$T/again/summary.csv" ||
    fail "the resolved scenario does not reproduce the run"
pass "a cap file day,cap gives the same run; scenario.ini writes the steps back and reproduces it"

# With a pace sender the cap cuts before the queue: the excess overflows, the
# queue holds only what the cap let through; demand = sent + overflow + backlog.
"$SESIM" run "$T/c.ini" --set traffic.t.sender=pace --set account.a.max24h=3000 -o "$T/p" -q ||
    fail "pace run failed"
s=$(sum "$T/p/timeseries.csv" sent) o=$(sum "$T/p/timeseries.csv" overflow) d=$(sum "$T/p/timeseries.csv" demand)
b=$(awk -F, -v c="$(col "$T/p/summary.csv" total_demand)" 'NR == 2 { print $c }' "$T/p/summary.csv")
backlog=$(tail -1 "$T/p/timeseries.csv" | cut -d, -f"$(col "$T/p/timeseries.csv" backlog)")
[ "$d" = 60000 ] && [ "$b" = 60000 ] && [ $((s + o + backlog)) = "$d" ] ||
    fail "conservation with pace: demand $d ($b), sent $s, overflow $o, backlog $backlog"
[ "$o" = $((9900 * 2 + 7500 * 2)) ] || fail "pace: overflow $o, expected the cap's 34800"
pass "pace sender under a cap: overflow is the cap's excess (34,800), demand = sent + overflow + backlog"

# The shipped comparison: everything at once reaches 500k first and overflows least.
"$SESIM" run "$ROOT/scenarios/warmup-schedules.ini" -o "$T/w" -q || fail "warmup-schedules failed"
w="$T/w/summary.csv"
line() { awk -F, -v a="$1" -v c1="$(col "$w" days_to_500k)" -v c2="$(col "$w" total_overflow)" \
    '$2 == a { print $c1, $c2 }' "$w"; }
set -- $(line all) $(line linear) $(line sendgrid)
awk -v a="$1" -v l="$3" -v s="$5" -v oa="$2" -v ol="$4" -v os="$6" \
    'BEGIN { exit !(a < l && l < s && oa < ol && ol < os) }' ||
    fail "warm-up schedules: all $1/$2, linear $3/$4, sendgrid $5/$6 (days_to_500k/overflow)"
pass "warmup-schedules.ini: days to 500k all $1 < linear $3 < SendGrid $5; overflow in the same order"
