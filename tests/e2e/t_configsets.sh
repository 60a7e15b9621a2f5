# t_configsets.sh: configuration sets and the owner's alarm on one (issue 18,
# "pause sending ... per configuration set or account"). Source:
# dg/monitoring-sender-reputation-pausing ("temporarily pause email sending
# for messages sent using specific configuration sets, or for all messages
# sent from your Amazon SES account"); API UpdateConfigurationSetSendingEnabled
# ("pause email sending for a configuration set when the reputation metrics
# for that configuration set ... exceed certain thresholds").
. tests/e2e/lib.sh

# One account, four streams of 5k a day: news (12% invalid) and promo (1%)
# through configuration set marketing, whose owner's alarm is at 4% bounces;
# receipts through transactional (no alarm); alerts through none.
cat > "$T/cs.ini" <<'INI'
[sim]
duration = 20d
interval = 1d
seed = 5
[account.isv]
max24h = 200k
max_rate = 50
[configset.marketing]
alarm_bounce = 4%
alarm_fix = 2d
[configset.transactional]
[traffic.news]
configset = marketing
daily = 5k
list_size = 500k
invalid = 12%
[traffic.promo]
configset = marketing
daily = 5k
list_size = 500k
invalid = 1%
[traffic.receipts]
configset = transactional
daily = 5k
list_size = 500k
invalid = 1%
[traffic.alerts]
daily = 5k
list_size = 500k
invalid = 1%
INI
"$SESIM" run "$T/cs.ini" -o "$T/cs" -q || fail "run failed"
ev="$T/cs/events.csv"
paused=$(grep ',isv,configset_paused,"configset marketing: ' "$ev" | cut -d, -f2) ||
    fail "marketing not paused by its alarm: $(cat "$ev")"
resumed=$(grep ',isv,configset_resumed,"configset marketing: ' "$ev" | cut -d, -f2) ||
    fail "marketing not resumed: $(cat "$ev")"
awk -v p="$paused" -v r="$resumed" 'BEGIN { exit !(r - p > 1.999 && r - p < 2.05) }' ||
    fail "resumed at day $resumed, paused at day $paused: not alarm_fix (2d) later"
! grep -q 'transactional\|review_started\|,isv,paused,' "$ev" ||
    fail "the other set or the account was acted on: $(cat "$ev")"
pass "the alarm pauses configuration set marketing on day $paused and resumes it alarm_fix later; SES never acts"

# Day 2 (wholly inside the pause): the account sends about the 10k of
# receipts and alerts only; the 10k of news and promo (both in marketing,
# even the clean promo) wait in their pace queues. A pause of the whole
# account would send nothing; of the news stream alone, about 15k.
row=$(grep '^2026-01-03T00:00:00Z' "$T/cs/timeseries.csv")
sent=$(echo "$row" | cut -d, -f10); backlog=$(echo "$row" | cut -d, -f15)
[ "$sent" -gt 9000 ] && [ "$sent" -lt 11000 ] || fail "day 2 sent $sent, want about 10k: $row"
[ "$backlog" -gt 15000 ] || fail "day 2 backlog $backlog, want the marketing streams' two days: $row"
pass "during the pause only the set's two streams wait (day 2: sent $sent, backlog $backlog); the others send"

# Without the alarm nothing pauses the set (it has no SES policy, no findings).
"$SESIM" run "$T/cs.ini" --set configset.marketing.alarm_bounce=0% -o "$T/off" -q || fail "off: run failed"
! grep -q configset_ "$T/off/events.csv" || fail "a set paused without an alarm: $(cat "$T/off/events.csv")"
pass "alarm_bounce = 0%: the configuration set is never paused"

# configsets-summary.csv: one row per set; marketing alarm-paused once for
# 2 days, transactional never; the wrote line names the file.
sum="$T/cs/configsets-summary.csv"
head -n 1 "$sum" | grep -q '^rep,configset,account,status,' || fail "header: $(head -n 1 "$sum")"
m=$(grep '^1,marketing,isv,' "$sum") || fail "no marketing row: $(cat "$sum")"
[ "$(echo "$m" | cut -d, -f13,14)" = "1,2.0000" ] || fail "marketing alarm_pauses, days: $m"
[ "$(grep '^1,transactional,isv,' "$sum" | cut -d, -f13)" = 0 ] || fail "transactional paused: $(cat "$sum")"
"$SESIM" run "$T/cs.ini" -o "$T/cs2" | grep -q 'scenario.ini, configsets-summary.csv$' ||
    fail "the wrote line does not name configsets-summary.csv"
pass "configsets-summary.csv: marketing alarm-paused once for 2 days, transactional never"

# A scenario with configuration sets and no tenants writes no tenant files.
[ ! -e "$T/cs/tenants.csv" ] || fail "tenants.csv written without tenants"
pass "no tenant files for configuration sets"

# A set's name that a spreadsheet would read as a formula is guarded, as the
# tenants' are (t_hostile_text.sh).
printf '[sim]\nduration = 1d\n[account.-A1]\n[configset.-C1]\n[traffic.s]\nconfigset = -C1\ndaily = 1k\n' > "$T/hostile.ini"
"$SESIM" run "$T/hostile.ini" -o "$T/hostile" -q || fail "run of configset -C1 failed"
[ "$(cut -d, -f2,3 "$T/hostile/configsets-summary.csv" | sed -n 2p)" = "'-C1,'-A1" ] ||
    fail "configsets-summary.csv: $(sed -n 2p "$T/hostile/configsets-summary.csv")"
pass "configsets-summary.csv: '-C1 and '-A1 guarded"

# A tenant sends through a configuration set associated with it
# (CreateTenantResourceAssociation: "When you associate a resource with a
# tenant, you can use that resource when sending emails on behalf of that
# tenant. A single resource can be associated with multiple tenants"). Both
# windows see the stream: tenants a (20% invalid) and b (1%) share set
# marketing. Without the set's alarm, tenant a's standard policy pauses a
# alone (a HIGH finding: bounce rate >= 15%, the tenants blog part 3) while b
# sends on through the same set; the
# set's counts are the sum of its two tenants'.
cat > "$T/both.ini" <<'INI'
[sim]
duration = 12d
interval = 1d
seed = 5
[account.isv]
max24h = 200k
max_rate = 50
[tenant.a]
policy = standard
[tenant.b]
policy = standard
[configset.marketing]
[traffic.news]
tenant = a
configset = marketing
daily = 5k
list_size = 500k
invalid = 20%
[traffic.promo]
tenant = b
configset = marketing
daily = 5k
list_size = 500k
invalid = 1%
INI
"$SESIM" run "$T/both.ini" -o "$T/both" -q || fail "tenant + configset: run failed"
ev="$T/both/events.csv"
grep -q ',isv,tenant_paused,"tenant a: ' "$ev" || fail "tenant a not paused by its policy: $(cat "$ev")"
! grep -q 'tenant b:\|configset_paused' "$ev" || fail "b or the set paused: $(cat "$ev")"
ts="$T/both/tenants-summary.csv" cs="$T/both/configsets-summary.csv"
sa=$(grep '^1,a,' "$ts" | cut -d, -f7) sb=$(grep '^1,b,' "$ts" | cut -d, -f7)
sm=$(grep '^1,marketing,' "$cs" | cut -d, -f6)
[ "$sm" = $((sa + sb)) ] || fail "set sent $sm, tenants a $sa + b $sb"
[ "$sb" -gt 55000 ] || fail "tenant b sent $sb of 60k: held back by a's pause"
pass "tenant + configuration set: a paused by its policy, b sends on through the same set; set sent $sm = a $sa + b $sb"

# The set's alarm sees the tenant's mail: news at 7% invalid (no finding:
# under strict's 10%) and promo at 3% pool to about 5% in the set's
# window, over the owner's 4% alarm: the set is paused, which stops both
# tenants' streams although neither tenant is paused.
"$SESIM" run "$T/both.ini" --set traffic.news.invalid=7% --set traffic.promo.invalid=3% \
    --set configset.marketing.alarm_bounce=4% -o "$T/alarm" -q || fail "alarm: run failed"
ev="$T/alarm/events.csv"
grep -q ',isv,configset_paused,"configset marketing: ' "$ev" || fail "set not paused: $(cat "$ev")"
! grep -q 'tenant_paused' "$ev" || fail "a tenant paused by its policy: $(cat "$ev")"
# Day 2 lies inside the pause (alarm_fix 3d): both tenants enabled, none sent.
day2=$(grep '^2026-01-03T00:00:00Z' "$T/alarm/tenants.csv" | cut -d, -f4,7,10 | tr '\n' ' ')
[ "$day2" = "a,enabled,0 b,enabled,0 " ] || fail "day 2 (tenant,status,sent): $day2"
pass "the set's alarm on the pooled rate of two tenants stops both tenants' streams, both enabled (day 2: $day2)"

# A configuration set's own dedicated IPs (PutConfigurationSetDeliveryOptions
# SendingPoolName; dg/dedicated-ip-warming: the warm-up percentage rises over
# 45 days whatever the volume): configsets-ips.csv, one row per day and set
# with its WarmupPercentage (2, 4, ... on days 0, 1, ...: the linear curve is
# sesim's assumption) and the set's mail over each pool; the account (shared)
# writes no ips.csv, and a set on the account's pool no row.
"$SESIM" run "$T/cs.ini" --set configset.marketing.ip_pool=standard \
    --set configset.marketing.dedicated_ips=2 -o "$T/pool" -q || fail "pool: run failed"
ips="$T/pool/configsets-ips.csv"
[ "$(head -n 1 "$ips")" = time,day,rep,configset,account,ip_pool,ips,warmup_percentage,dedicated,shared ] ||
    fail "configsets-ips.csv header: $(head -n 1 "$ips")"
[ "$(sed -n 2p "$ips" | cut -d, -f4-8)" = marketing,isv,standard,2,2 ] || fail "day 0: $(sed -n 2p "$ips")"
[ "$(sed -n 3p "$ips" | cut -d, -f8)" = 4 ] || fail "day 1: $(sed -n 3p "$ips")"
[ "$(wc -l < "$ips")" = 21 ] || fail "want 20 day rows: $(cat "$ips")"
! grep -q transactional "$ips" || fail "a set on the account's pool has rows"
[ ! -e "$T/pool/ips.csv" ] || fail "ips.csv written for an account on the shared pool"
d=$(sed -n 2p "$ips" | cut -d, -f9) s=$(sed -n 2p "$ips" | cut -d, -f10)
[ "$d" -gt 0 ] && [ "$d" = $(((d + s) * 2 / 100)) ] || fail "day 0: dedicated $d of $((d + s)): not floor(2%)"
pass "configsets-ips.csv: set marketing warms up 2%, 4%, ...; day 0 $d of $((d + s)) over its dedicated IPs"
cmp -s "$T/cs/timeseries.csv" "$T/pool/timeseries.csv" ||
    fail "the set's pool changed what SES did (without mailbox providers it must not)"
pass "which pool carries the set's mail changes nothing else without mailbox providers"
