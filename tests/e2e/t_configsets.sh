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
