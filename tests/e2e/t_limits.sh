# t_limits.sh: a production account whose demand is six times its quota stays
# within its 24-hour and per-second limits at every minute, and conservation
# holds, for each sender behaviour.
. tests/e2e/lib.sh

for sender in pace drop retry overflow; do
    cat > "$T/six.ini" <<INI
[sim]
duration = 5d
tick = 1m
interval = 1m
seed = 7
[account.a]
stage = production
[traffic.flood]
account = a
kind = diurnal
daily = 60k
sender = $sender
INI
    "$SESIM" run "$T/six.ini" -o "$T/out-$sender" -q || fail "$sender: run failed"
    ts="$T/out-$sender/timeseries.csv"
    # Every window of 1,440 consecutive minutes sends at most max24h; every
    # minute at most max_rate * 60 + max_rate (one second's burst).
    awk -F, -v s="$(col "$ts" sent)" -v q="$(col "$ts" max24h)" -v r="$(col "$ts" max_rate)" '
        NR == 1 { next }
        { n++; sent[n] = $s; win += $s; if (n > 1440) win -= sent[n - 1440]
          if (win > $q) { print "24h window ending row " n ": " win " > " $q; bad = 1; exit }
          if ($s > $r * 61) { print "minute " n ": " $s " > " $r * 61; bad = 1; exit } }
        END { exit bad }' "$ts" || fail "$sender: limits broken"
    demand=$(sum "$ts" demand)
    sent=$(sum "$ts" sent)
    out=$(($(sum "$ts" rejected) + $(sum "$ts" overflow) + $(sum "$ts" dropped)))
    backlog=$(tail -1 "$ts" | cut -d, -f"$(col "$ts" backlog)")
    [ "$demand" = $((sent + out + backlog)) ] ||
        fail "$sender: conservation: demand $demand != sent $sent + lost $out + backlog $backlog"
    [ "$sent" -gt 45000 ] || fail "$sender: sent only $sent in 5 days at 10k/day"
    pass "$sender: limits hold at every minute, demand $demand = sent $sent + $out + backlog $backlog"
done

# target_utilization = 50%: every sender keeps to half the quota in any 24 hours
# (a bug fixed: sender = retry ignored it).
for sender in pace drop retry overflow; do
    cat > "$T/half.ini" <<INI
[sim]
duration = 3d
tick = 1m
interval = 1m
[policy]
ramp_factor = 1
[account.a]
[traffic.flood]
kind = constant
daily = 60k
sender = $sender
target_utilization = 50%
INI
    "$SESIM" run "$T/half.ini" -o "$T/half-$sender" -q || fail "$sender: half run failed"
    ts="$T/half-$sender/timeseries.csv"
    awk -F, -v s="$(col "$ts" sent)" 'NR == 1 { next }
        { n++; sent[n] = $s; win += $s; if (n > 1440) win -= sent[n - 1440]
          if (win > 5000) { print "row " n ": " win; bad = 1; exit } } END { exit bad }' "$ts" ||
        fail "$sender sent over 50% of its quota in 24 h"
done
pass "target_utilization 50%: at most 5000 in any 24 h, for pace, drop, retry and overflow"
