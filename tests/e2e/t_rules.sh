# t_rules.sh: small rules of today's SES (docs/ses-facts.md, "Today's SES"):
# rate-only requests, an unlimited quota (Max24HourSend -1), the wait sender
# (AWS's advice on throttling), a review not caused by the rates, and the
# statuses as the API names them.
. tests/e2e/lib.sh

# events EVENTS_CSV: "account event detail" lines, in order
events() { awk -F, 'NR > 1 { d = $6; for (i = 7; i <= NF; i++) d = d "," $i; print $4, $5, d }' "$1"; }

# ---- Rate-only requests ----------------------------------------------------
# Quota and rate are requested separately ("Desired Maximum Send Rate", DG
# manage-sending-quotas-request-increase). A rate request is decided as a
# quota request (assumption): healthy and in production, and at most
# quota_request_factor (2) x the busiest tick of the last 24 hours. 14/s used
# to the full: 28/s granted, max24h unchanged; then 28/s used, 60/s is over
# 2 x 28; 20/s is below the rate. A sandbox account's request is denied.
cat > "$T/rate.ini" <<INI
[sim]
duration = 4d
seed = 3
[policy]
ramp_factor = 1
quota_review_delay = 0s
[account.a]
max24h = 10M
max_rate = 14
request_rate = 1d:28, 2d:60, 3d:20
[account.s]
stage = sandbox
request_rate = 1d:2
[traffic.t]
account = a
kind = constant
daily = 5M
noise = none
sender = overflow
INI
"$SESIM" run "$T/rate.ini" -o "$T/rate" -q || fail "rate: run failed"
want="a rate_requested 28/s
s rate_requested 2/s
a rate_granted max_rate 14 -> 28; max24h unchanged
s rate_denied 2/s: the account is sandbox
a rate_requested 60/s
a rate_denied 60/s is over 2 x peak rate 28/s (busiest tick of the last 24h): send faster first
a rate_requested 20/s
a rate_granted 20/s: already at or above it"
[ "$(events "$T/rate/events.csv")" = "$want" ] || fail "rate: events
$(events "$T/rate/events.csv")"
ts="$T/rate/timeseries.csv"
# the 24 hours after the grant send 28/s (the grant comes after the first tick of 1d)
day2=$(awk -F, -v d="$(col "$ts" day)" -v a="$(col "$ts" account)" -v s="$(col "$ts" sent)" \
    -v q="$(col "$ts" max24h)" 'NR > 1 && $a == "a" && $d > 1 && $d <= 2 { n += $s; if ($q != 10000000) bad = 1 }
    END { print bad ? "quota changed" : n }' "$ts")
[ "$day2" = $((840 + 1439 * 1680)) ] || fail "rate: day 2 sent $day2, want $((840 + 1439 * 1680))"
pass "rate-only requests: 14 -> 28/s granted (quota unchanged), 60/s denied over 2 x peak, sandbox denied"

# ---- An unlimited quota -----------------------------------------------------
# Max24HourSend = -1 "signifies an unlimited quota" (SESv2 SendQuota): only the
# rate limits. 2/s for 3 days under 300k a day of demand: 172,800 a day and
# the first second's 2, far over any quota. Reported as -1 (the API's value)
# in every numeric max24h column; scenario.ini writes `unlimited` and runs
# again to the same outputs; every target is reached at 0.
cat > "$T/unl.ini" <<INI
[sim]
duration = 3d
reps = 2
[account.a]
max24h = -1
max_rate = 2
[traffic.t]
kind = constant
daily = 300k
noise = none
INI
"$SESIM" run "$T/unl.ini" -o "$T/unl" -q -j 1 || fail "unlimited: run failed"
s="$T/unl/summary.csv"
[ "$(awk -F, -v q="$(col "$s" final_max24h)" -v n="$(col "$s" total_sent)" -v d="$(col "$s" days_to_1M)" \
    'NR > 1 { print $q, $n, $d }' "$s" | sort -u)" = "-1 518402 0.0000" ] || fail "unlimited: summary $(cat "$s")"
[ "$(cut -d, -f"$(col "$T/unl/timeseries.csv" max24h)" "$T/unl/timeseries.csv" | sort -u | tr '\n' ' ')" = "-1 max24h " ] ||
    fail "unlimited: timeseries max24h is not always -1"
[ "$(awk -F, '$4 == "max24h" { print $5, $6, $7, $8 }' "$T/unl/bands.csv" | sort -u)" = "-1 -1 -1 -1" ] ||
    fail "unlimited: bands.csv max24h is not -1"
grep -q '^max24h = unlimited$' "$T/unl/scenario.ini" || fail "unlimited: scenario.ini does not say unlimited"
"$SESIM" run "$T/unl/scenario.ini" -o "$T/unl2" -q -j 2 || fail "unlimited: rerun failed"
for f in timeseries.csv summary.csv bands.csv scenario.ini; do
    cmp -s "$T/unl/$f" "$T/unl2/$f" || fail "unlimited: $f differs when run from scenario.ini"
done
"$SESIM" run "$T/unl.ini" --set account.a.max24h=unlimited --reps 1 -o "$T/unl3" -q || fail "unlimited: --set"
[ "$(sed -n 2p "$T/unl3/summary.csv" | cut -d, -f4)" = -1 ] || fail "unlimited: --set account.a.max24h=unlimited"
if command -v gnuplot >/dev/null 2>&1; then
    "$SESIM" report "$T/unl" -q || fail "unlimited: report failed"
    grep -q 'the quota is unlimited' "$T/unl/report/index.html" || fail "unlimited: report does not say so"
fi
pass "unlimited quota: 518,402 sent at 2/s in 3 days, -1 in every output, scenario.ini round trip"

# ---- sender = wait ------------------------------------------------------------
# AWS: on a throttling error, "wait for an interval of up to 10 minutes, and
# then retry the send request" (DG manage-sending-quotas-errors). 1000 at
# once against 5/s, 1-minute rows: 305 go at 0 m, the 695 refused wait
# retry_wait (10m, then 5m as GOV.UK Notify does) and 305 go then, and so on;
# the third attempt's 85 refused are dropped.
for wait in 10m 5m; do
    cat > "$T/wait.ini" <<INI
[sim]
duration = 1h
interval = 1m
[account.a]
max24h = 1M
max_rate = 5
[traffic.t]
kind = campaign
at = none
size = 1000
spread = 0s
noise = none
sender = wait
retry_wait = $wait
retry_attempts = 3
INI
    "$SESIM" run "$T/wait.ini" -o "$T/wait-$wait" -q || fail "wait $wait: run failed"
    ts="$T/wait-$wait/timeseries.csv"
    got=$(awk -F, -v s="$(col "$ts" sent)" -v d="$(col "$ts" dropped)" -v b="$(col "$ts" backlog)" \
        'NR > 1 && ($s > 0 || $d > 0) { printf "%d:%d/%d/%d ", NR - 2, $s, $b, $d }' "$ts")
    m=${wait%m}
    [ "$got" = "0:305/695/0 $m:305/390/0 $((2 * m)):305/0/85 " ] || fail "wait $wait: minute:sent/backlog/dropped $got"
    [ "$(sum "$ts" throttled)" = $((695 + 390 + 85)) ] || fail "wait $wait: throttled $(sum "$ts" throttled)"
done
pass "wait: refused mail retried exactly retry_wait later (10m, 5m), dropped after retry_attempts"

# ---- A review not caused by the rates -------------------------------------------
# Probation "not due to bounces or complaints" after "a comprehensive human
# review" (arithmetric/aws-lambda-ses-forwarder#130): account.review_hazard,
# a chance per day (assumption; default 0). 100%: reviewed at the first whole
# day, cleared at the end of the 7-day review (clean list), at once again.
cat > "$T/hz.ini" <<INI
[sim]
duration = 16d
[account.a]
review_hazard = 100%
[traffic.t]
kind = constant
daily = 5k
invalid = 0.5%
INI
"$SESIM" run "$T/hz.ini" -o "$T/hz" -q || fail "hazard: run failed"
want="1.000000 review_started human review: not bounce or complaint rates
8.000000 review_cleared
8.000000 review_started human review: not bounce or complaint rates
15.000000 review_cleared
15.000000 review_started human review: not bounce or complaint rates"
got=$(awk -F, 'NR > 1 && $5 ~ /^review/ { print $2, $5, ($5 == "review_started" ? $6 : "") }' "$T/hz/events.csv" |
    sed 's/ $//')
[ "$got" = "$want" ] || fail "hazard: events
$got"
# Its own random stream: a tiny hazard that never fires changes nothing else
# (a draw from the account's service stream at 1d would move the delay of
# the quota decision drawn after it, at 2d).
cat > "$T/own.ini" <<INI
[sim]
duration = 6d
[account.a]
request_quota = 2d:15k
review_hazard = REPLACE
[traffic.t]
kind = constant
daily = 20k
INI
for h in 0% 0.000001%; do
    sed "s/REPLACE/$h/" "$T/own.ini" > "$T/own-$h.ini"
    "$SESIM" run "$T/own-$h.ini" -o "$T/own-$h" -q || fail "hazard $h: run failed"
done
for f in timeseries.csv events.csv summary.csv; do
    cmp -s "$T/own-0%/$f" "$T/own-0.000001%/$f" || fail "hazard: a hazard that never fires changed $f"
done
grep -q quota_granted "$T/own-0%/events.csv" || fail "hazard: no quota decision to compare"
pass "review hazard: a human review each day it is drawn, from its own stream"

# ---- Statuses as the API names them ------------------------------------------------
# SESv2 GetAccount EnforcementStatus: HEALTHY, PROBATION (under review),
# SHUTDOWN (paused); a sandbox account is HEALTHY. A bad list is reviewed then
# paused; the api_status column follows status row by row, `*` rows too.
cat > "$T/api.ini" <<INI
[sim]
duration = 10d
[policy]
rep_volume = 2k
[account.good]
stage = sandbox
[account.bad]
[traffic.t]
account = bad
kind = constant
daily = 8k
invalid = 7%
list_size = 200k
[traffic.u]
account = good
kind = constant
daily = 100
verified = 100%
INI
"$SESIM" run "$T/api.ini" -o "$T/api" -q || fail "api: run failed"
ts="$T/api/timeseries.csv"
[ "$(head -1 "$ts" | tr ',' '\n' | tail -1)" = api_status ] || fail "api: api_status is not the last column"
map=$(awk -F, -v s="$(col "$ts" status)" -v a="$(col "$ts" api_status)" 'NR > 1 { print $s, $a }' "$ts" | sort -u | tr '\n' ';')
[ "$map" = "healthy HEALTHY;paused SHUTDOWN;sandbox HEALTHY;under_review PROBATION;" ] || fail "api: mapping $map"
pass "api_status: healthy and sandbox HEALTHY, under_review PROBATION, paused SHUTDOWN"
