# t_shared.sh: several streams on one account share its per-second rate within
# a tick (docs/model.md, limits): the tick's capacity is max_rate x tick plus
# what the bucket holds, whatever the number of streams.
. tests/e2e/lib.sh

# shared_scenario FILE FIRST SECOND [SIM_KEYS]: [sim] keys (default a duration of
# 2d), one account at 1M/24h and 5/s
# (at the automatic ramp's ceiling, so it never changes) and two traffic
# sections, FIRST then SECOND, each given as "name|keys" (keys joined by ';').
shared_scenario() {
    {
        printf '[sim]\n%s\n[account.main]\nmax24h = 1M\nmax_rate = 5\n' "${4:-duration = 2d}"
        for s in "$2" "$3"; do
            printf '[traffic.%s]\n%s\n' "${s%%|*}" "$(echo "${s#*|}" | tr ';' '\n')"
        done
    } > "$1"
}

# The issue's case: a pace stream of 2k a day and an overflow stream of 100k a
# day want about 71 a minute together, the account allows 300. Was a BUG: the
# second stream of a tick saw one second's tokens, and 185,600 of 204,000 (91%)
# went to the legacy provider.
A='a|kind = constant;daily = 2k;sender = pace;noise = none'
B='b|kind = constant;daily = 100k;sender = overflow;noise = none'
shared_scenario "$T/repro.ini" "$A" "$B"
"$SESIM" run "$T/repro.ini" -o "$T/repro" -q || fail "repro: run failed"
ts="$T/repro/timeseries.csv"
[ "$(sum "$ts" overflow)" = 0 ] || fail "repro: overflow $(sum "$ts" overflow), expected 0"
[ "$(sum "$ts" sent)" = 204000 ] || fail "repro: sent $(sum "$ts" sent) of 204000"
[ "$(sum "$ts" throttled)" = 0 ] || fail "repro: throttled $(sum "$ts" throttled)"
pass "pace 2k/day + overflow 100k/day on 5/s: all 204000 sent, no overflow"

# Not limited, a stream's result does not depend on the order of the sections:
# the outputs (timeseries, events, summary) are byte-identical either way, with
# Poisson demand, every outcome drawn, and with a retry stream.
A='a|kind = diurnal;daily = 2k;sender = pace'
B='b|kind = diurnal;daily = 60k;sender = overflow'
C='c|kind = constant;daily = 20k;sender = retry'
# same_either_way NAME FIRST SECOND: run FIRST then SECOND, and SECOND then
# FIRST (7 days); the outputs must be byte-identical.
same_either_way() {
    for order in 1 2; do
        case $order in 1) f=$2 s=$3 ;; 2) f=$3 s=$2 ;; esac
        shared_scenario "$T/$1-$order.ini" "$f" "$s" 'duration = 7d'
        "$SESIM" run "$T/$1-$order.ini" -o "$T/$1-$order" -q || fail "$1 $order: run failed"
    done
    for f in timeseries.csv events.csv summary.csv; do
        cmp -s "$T/$1-1/$f" "$T/$1-2/$f" ||
            fail "$1: the order changes $f: $(diff "$T/$1-1/$f" "$T/$1-2/$f" | head -3)"
    done
}
same_either_way pace-overflow "$A" "$B"
ts="$T/pace-overflow-1/timeseries.csv"
[ "$(sum "$ts" overflow)" = 0 ] || fail "pace-overflow: the account was limited"
[ "$(sum "$ts" sent)" -gt 400000 ] || fail "pace-overflow: sent $(sum "$ts" sent)"
same_either_way pace-retry "$A" "$C"
[ "$(sum "$T/pace-retry-1/timeseries.csv" throttled)" = 0 ] || fail "pace-retry: the account was limited"
pass "not limited: pace + overflow and pace + retry give the same outputs in either order"

# Limited: two overflow streams of 300k a day each (about 417 a minute
# together) against 5/s get exactly the account's capacity between them in
# every minute: 305 in the first (the bucket starts full), 300 after.
A='a|kind = constant;daily = 300k;sender = overflow;noise = none'
B='b|kind = constant;daily = 300k;sender = overflow;noise = none'
shared_scenario "$T/both.ini" "$A" "$B" 'duration = 1d
interval = 1m'
"$SESIM" run "$T/both.ini" -o "$T/both" -q || fail "both: run failed"
ts="$T/both/timeseries.csv"
awk -F, -v s="$(col "$ts" sent)" 'NR == 1 { next }
    { n++; want = n == 1 ? 305 : 300; if ($s != want) { print "minute " n ": " $s " != " want; exit 1 } }
    END { if (n != 1440) exit 1 }' "$ts" || fail "both: a minute did not get the whole capacity"
[ "$(sum "$ts" sent)" = $((305 + 1439 * 300)) ] || fail "both: sent $(sum "$ts" sent)"
[ "$(($(sum "$ts" sent) + $(sum "$ts" overflow)))" = 600000 ] || fail "both: not conserved"
pass "two overflow streams over the rate: exactly 305 then 300 a minute between them"
