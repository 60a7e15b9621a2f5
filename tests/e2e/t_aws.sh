# t_aws.sh: the AWS CLI's own outputs read as printed (tests/data/aws, from the
# CLI's documentation). kind = ses-stats reads `aws ses get-send-statistics`
# JSON: unsorted points, fields as AWS names them, and the same run as the CSV
# of the same points, byte for byte.
. tests/e2e/lib.sh
AWS=$ROOT/tests/data/aws
DATA=$ROOT/scenarios/data

# The documented example: two points of the same day, 19:32 listed before 00:47.
cat > "$T/example.ini" <<INI
[sim]
start = 2013-06-12T00:00:00Z
duration = 1d
tick = 1m
interval = 1h
[account.main]
stage = production
[traffic.export]
account = main
kind = ses-stats
file = $AWS/get-send-statistics.json
sender = drop
INI
"$SESIM" run "$T/example.ini" -o "$T/example" -q || fail "get-send-statistics example: run failed"
got=$(sum "$T/example/timeseries.csv" demand)
[ "$got" = 3 ] || fail "get-send-statistics example: demand $got, expected 2 + 1"
# 00:47's one message is sent in hour 0, 19:32's two in hour 19.
c=$(col "$T/example/timeseries.csv" demand)
hours=$(awk -F, -v c="$c" 'NR > 1 && $c > 0 { printf "%s:%s ", NR - 2, $c }' "$T/example/timeseries.csv")
[ "$hours" = "0:1 19:2 " ] || fail "get-send-statistics example: demand by hour '$hours'"
pass "the CLI's documented get-send-statistics output (unsorted) replays 1 at 00:47 and 2 at 19:32"

# The shipped export as the CLI would print it: JSON, points in reverse order.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
    { line[NR] = $0 }
    END {
        print "{\n    \"SendDataPoints\": ["
        for (r = NR; r >= 2; r--) {
            split(line[r], f, ",")
            printf "        {\n"
            for (i = 1; i <= 5; i++)
                printf "            \"%s\": %s%s\n", name[i],
                    (i == 1 ? "\"" f[i] "\"" : f[i]), (i < 5 ? "," : "")
            printf "        }%s\n", (r > 2 ? "," : "")
        }
        print "    ]\n}"
    }' "$DATA/ses-stats.csv" > "$T/ses-stats.json"
"$SESIM" run scenarios/ses-export.ini -o "$T/csv" -q || fail "ses-export.ini: run failed"
"$SESIM" run scenarios/ses-export.ini --set "traffic.export.file=$T/ses-stats.json" \
    -o "$T/json" -q || fail "ses-export.ini with the JSON: run failed"
for f in timeseries.csv events.csv summary.csv; do
    cmp -s "$T/csv/$f" "$T/json/$f" || fail "the JSON export gives another $f than the CSV"
done
pass "ses-export.ini: the export as JSON (reversed) gives the CSV's outputs byte for byte"

# ---- account.NAME.from: the starting state from get-send-quota / get-account ----

# val FILE KEY: the value of KEY in a resolved scenario.ini (its one account).
val() { awk -F' = ' -v k="$2" '$1 == k { print $2; exit }' "$1"; }

cat > "$T/from.ini" <<INI
[sim]
start = 2026-01-05T00:00:00Z
duration = 2d
[account.main]
from = $AWS/get-send-quota.json
[traffic.t]
kind = constant
daily = 0
sender = drop
INI
"$SESIM" run "$T/from.ini" -o "$T/quota" -q || fail "from = get-send-quota.json: run failed"
got="$(val "$T/quota/scenario.ini" max24h) $(val "$T/quota/scenario.ini" max_rate) $(val "$T/quota/scenario.ini" sent_24h)"
[ "$got" = "200 1 1" ] || fail "get-send-quota example: max24h max_rate sent_24h '$got', expected '200 1 1'"
pass "the CLI's documented get-send-quota (200.0, 1.0, 1.0) sets max24h 200, max_rate 1, sent_24h 1"

"$SESIM" run "$T/from.ini" --set "account.main.from=$AWS/get-account.json" -o "$T/acct" -q ||
    fail "from = get-account.json: run failed"
got="$(val "$T/acct/scenario.ini" stage) $(val "$T/acct/scenario.ini" max24h) $(val "$T/acct/scenario.ini" status)"
[ "$got" = "sandbox 200 healthy" ] || fail "get-account: stage max24h status '$got'"
pass "get-account (ProductionAccessEnabled false, HEALTHY) starts a healthy sandbox account"

# A key the section writes wins over the file; the resolved scenario runs again the same.
"$SESIM" run "$T/from.ini" --set account.main.max24h=500 -o "$T/keep" -q || fail "from + max24h: run failed"
[ "$(val "$T/keep/scenario.ini" max24h)" = 500 ] || fail "a written max24h did not win over from"
"$SESIM" run "$T/keep/scenario.ini" -o "$T/keep2" -q || fail "the resolved from scenario: run failed"
cmp -s "$T/keep/timeseries.csv" "$T/keep2/timeseries.csv" || fail "the resolved from scenario runs differently"
pass "a key written in the section wins over account.from; the resolved scenario runs the same"

# Unlimited, shut down, 2,400 sent in the last 24 hours: the window empties by
# 100 an hour (one entry at the middle of each hour before the start), nothing is sent.
cat > "$T/shut.json" <<JSON
{
    "EnforcementStatus": "SHUTDOWN",
    "ProductionAccessEnabled": true,
    "SendQuota": {"Max24HourSend": -1.0, "MaxSendRate": 14.0, "SentLast24Hours": 2400.0},
    "SendingEnabled": false
}
JSON
"$SESIM" run "$T/from.ini" --set "account.main.from=$T/shut.json" --set traffic.t.daily=1000 \
    -o "$T/shut" -q || fail "from = a SHUTDOWN account: run failed"
ts=$T/shut/timeseries.csv
got=$(awk -F, -v m="$(col "$ts" max24h)" -v s="$(col "$ts" status)" -v w="$(col "$ts" sent_24h)" \
    -v a="$(col "$ts" api_status)" 'NR > 1 && NR <= 4 { printf "%s %s %s %s;", $m, $s, $a, $w }' "$ts")
[ "$got" = "-1 paused SHUTDOWN 2300;-1 paused SHUTDOWN 2200;-1 paused SHUTDOWN 2100;" ] ||
    fail "SHUTDOWN account: first hours '$got'"
[ "$(sum "$ts" sent)" = 0 ] || fail "a paused account sent mail"
pass "Max24HourSend -1, SHUTDOWN, SentLast24Hours 2400: unlimited, paused, 2300, 2200, 2100 in the window"

# ---- kind = ses-events: SES event publishing records, one JSON object a line ----

# 300 messages sent at 00:00:xx that all bounced (Permanent), 700 sent at 00:05
# that were delivered, 50 of them complained about; records in arrival order
# (deliveries first), with Send, Open and a Transient bounce mixed in.
awk 'BEGIN {
    m = "\"mail\":{\"timestamp\":\"2026-01-05T00:%s.%03dZ\",\"messageId\":\"%s-%d\"}"
    for (i = 0; i < 700; i++) {
        printf "{\"eventType\":\"Send\"," m ",\"send\":{}}\n", "05:30", i, "d", i
        printf "{\"eventType\":\"Delivery\"," m "}\n", "05:30", i, "d", i
        if (i < 50) printf "{\"notificationType\":\"Complaint\",\"complaint\":{}," m "}\n", "05:30", i, "d", i
        if (i < 20) printf "{\"eventType\":\"Open\"," m "}\n", "05:30", i, "d", i
    }
    for (i = 0; i < 300; i++)
        printf "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\"}," m "}\n", "00:10", i, "b", i
    printf "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Transient\"}," m "}\n", "30:00", 0, "t", 0
}' > "$T/events.jsonl"
cat > "$T/events.ini" <<INI
[sim]
start = 2026-01-05T00:00:00Z
duration = 2d
tick = 1m
interval = 1h
[account.main]
stage = production
max_rate = 100
[traffic.t]
kind = ses-events
file = $T/events.jsonl
sender = drop
soft_bounce = 0%
INI
"$SESIM" run "$T/events.ini" -o "$T/events" -q || fail "ses-events: run failed"
ts=$T/events/timeseries.csv
got="$(sum "$ts" demand) $(sum "$ts" hard_bounces) $(sum "$ts" soft_bounces)"
[ "$got" = "1001 300 0" ] || fail "ses-events: demand, hard and soft bounces '$got', expected '1001 300 0'"
pass "ses-events: 700 Delivery + 301 Bounce records = 1001 messages; the 300 Permanent ones bounce hard, every one"
c=$(sum "$ts" complaints)
[ "$c" -ge 30 ] && [ "$c" -le 72 ] || fail "ses-events: $c complaints, expected about 50 (binomial 700 x 1/14)"
pass "ses-events: $c complaints of the 700 delivered (50 reported; binomial, 30..72)"
