# t_calibrate.sh: sesim calibrate recovers the list parameters a run was made
# with. A 28-day run (list_size 200k, invalid 3%, list_decay 4%, complaint
# 0.1%, seed 7) is exported as SES would show it (GetSendStatistics CSV:
# DeliveryAttempts = sent, Bounces = hard_bounces, Complaints = complaints per
# 15 minutes), calibrated, and each 95% interval must hold the truth. And
# kind = cloudwatch replays get-metric-data output.
. tests/e2e/lib.sh

cat > "$T/truth.ini" <<'INI'
[sim]
start = 2026-01-05T00:00:00Z
duration = 28d
interval = 15m
[account.main]
stage = production
max24h = 1M
max_rate = 100
[traffic.t]
kind = constant
daily = 20k
list_size = 200k
invalid = 3%
list_decay = 4%
complaint = 0.1%
sender = drop
INI
"$SESIM" run "$T/truth.ini" -o "$T/truth" -q --seed 7 || fail "truth.ini: run failed"
# a row's time is its interval's end: the point starts 15 minutes earlier
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
                   print "Timestamp,DeliveryAttempts,Bounces,Complaints"; next }
    { k = NR - 2; d = 5 + int(k / 96); m = (k % 96) * 15; mon = 1
      if (d > 31) { d -= 31; mon = 2 }
      printf "2026-%02d-%02dT%02d:%02d:00Z,%s,%s,%s\n", mon, d, int(m / 60), m % 60,
             $c["sent"], $c["hard_bounces"], $c["complaints"] }' \
    "$T/truth/timeseries.csv" > "$T/export.csv"
"$SESIM" calibrate "$T/export.csv" --set 'traffic.*.list_size=200k' -o "$T/cal" -q ||
    fail "calibrate failed"
[ -f "$T/cal/calibrated.ini" ] || fail "no calibrated.ini"
# covers KEY TRUTH(%): the interval of KEY in calibrated.ini holds TRUTH
covers() {
    awk -v k="$1" -v t="$2" '$1 == k { gsub(/%/, ""); lo = $7; hi = $9
        exit !(lo + 0 <= t && t <= hi + 0) } ' "$T/cal/calibrated.ini" ||
        fail "calibrate: the interval of $1 misses $2%: $(grep "^$1 " "$T/cal/calibrated.ini")"
}
covers invalid 3
covers list_decay 4
covers complaint 0.1
grep -q '^; soft_bounce: not identifiable' "$T/cal/calibrated.ini" ||
    fail "calibrate: soft_bounce should be named not identifiable from GetSendStatistics"
pass "calibrate recovers invalid 3%, list_decay 4%, complaint 0.1% within its 95% intervals (seed 7)"

# kind = cloudwatch: Send (newest first), Bounce and an empty Complaint series
cat > "$T/cw.json" <<'JSON'
{
    "MetricDataResults": [
        {"Id": "send", "Label": "Send",
         "Timestamps": ["2026-01-05T02:00:00+00:00", "2026-01-05T01:00:00+00:00", "2026-01-05T00:00:00+00:00"],
         "Values": [30.0, 20.0, 10.0], "StatusCode": "Complete"},
        {"Id": "bounce", "Timestamps": ["2026-01-05T01:00:00+00:00"], "Values": [2.0],
         "StatusCode": "Complete"},
        {"Id": "m3", "Label": "Complaint", "Timestamps": [], "Values": [], "StatusCode": "Complete"}
    ],
    "Messages": []
}
JSON
cat > "$T/cw.ini" <<INI
[sim]
start = 2026-01-05T00:00:00Z
duration = 1d
tick = 1m
interval = 1h
[account.main]
stage = production
[traffic.cw]
kind = cloudwatch
file = $T/cw.json
sender = drop
INI
"$SESIM" run "$T/cw.ini" -o "$T/cw" -q || fail "kind = cloudwatch: run failed"
c=$(col "$T/cw/timeseries.csv" demand)
hours=$(awk -F, -v c="$c" 'NR > 1 && $c > 0 { printf "%s:%s ", NR - 2, $c }' "$T/cw/timeseries.csv")
[ "$hours" = "0:10 1:20 2:30 " ] || fail "kind = cloudwatch: demand by hour '$hours'"
pass "kind = cloudwatch: get-metric-data's Send series (newest first) replays 10, 20, 30 by hour"

# the CLI's documented get-metric-data example is not an SES metric: one line, exit 2
out=$("$SESIM" calibrate "$ROOT/tests/data/aws/get-metric-data.json" 2>&1); rc=$?
[ "$rc" = 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] ||
    fail "calibrate of get-metric-data.json (CPU): exit $rc, '$out'"
pass "the documented get-metric-data example (Avg Total IOPS) is refused in one line: $out"
