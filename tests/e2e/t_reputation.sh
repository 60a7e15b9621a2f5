# t_reputation.sh: end-to-end enforcement and ramp with default parameters.
. tests/e2e/lib.sh

# field FILE ROW_FILTER_COLUMN VALUE COLUMN: column of the first row matching
field() { awk -F, -v k="$(col "$1" "$2")" -v v="$3" -v c="$(col "$1" "$4")" \
    'NR > 1 && $k == v { print $c; exit }' "$1"; }

write() { # write NAME DAILY INVALID [extra traffic lines]
    name=$1; daily=$2; invalid=$3; shift 3
    { printf '[sim]\nduration = 30d\ninterval = 1h\nseed = 3\n[account.a]\n%s\n' "${ACCOUNT:-}"
      printf '[traffic.t]\nkind = constant\nnoise = none\nsender = pace\n'
      printf 'daily = %s\ninvalid = %s\n' "$daily" "$invalid"
      for line in "$@"; do printf '%s\n' "$line"; done; } > "$T/$name.ini"
    "$SESIM" run "$T/$name.ini" -o "$T/$name" -q || fail "$name: run failed"
}

# A purchased list, 12% invalid: paused, and nothing is sent while paused.
write bad 20k 12%
ev="$T/bad/events.csv"; ts="$T/bad/timeseries.csv"
grep -q ',paused,bounce_rate' "$ev" || fail "12% list not paused: $(cat "$ev")"
# A row's status is the one at its end: count rows whose whole hour was paused.
sent_paused=$(awk -F, -v s="$(col "$ts" status)" -v c="$(col "$ts" sent)" \
    'NR > 1 && $s == "paused" && prev == "paused" { n += $c; rows++ } { prev = $s }
     END { print n + 0 ":" rows + 0 }' "$ts")
[ "${sent_paused%%:*}" = 0 ] || fail "sent $sent_paused while paused"
[ "${sent_paused##*:}" -gt 0 ] || fail "no paused rows"
pass "12% invalid list paused ($(grep -c paused "$ev") pause), 0 sent in ${sent_paused##*:} paused hours"

# A 7% list with SES suppression on a small list: reviewed, cleared, never paused.
# (At 6.5% the peak bounce rate sat at the 5% review threshold, so whether it
# was reviewed depended on the random numbers; 7% passes with seeds 1 to 30.)
write mid 10k 7% "list_size = 20k"
ev="$T/mid/events.csv"
grep -q ',review_started,bounce_rate' "$ev" || fail "7% list not reviewed: $(cat "$ev")"
grep -q ',review_cleared,' "$ev" || fail "7% review not cleared: $(cat "$ev")"
! grep -q ',paused,' "$ev" || fail "7% list paused: $(cat "$ev")"
pass "7% invalid list reviewed then cleared, never paused"

# A clean, saturated account ramps into [100k, 1M] within 30 days.
write clean 2M 0.5% "complaint = 0.01%"
q=$(awk -F, -v d="$(col "$T/clean/timeseries.csv" day)" -v q="$(col "$T/clean/timeseries.csv" max24h)" \
    'NR > 1 && $d <= 30 { m = $q } END { print m }' "$T/clean/timeseries.csv")
awk -v q="$q" 'BEGIN { exit !(q >= 100000 && q <= 1000000) }' || fail "clean account at $q after 30 days"
pass "clean saturated account at max24h $q after 30 days"

# A 1,000/day account never ramps.
write small 1000 0.5%
! grep -q quota_raised "$T/small/events.csv" || fail "1,000/day account ramped"
[ "$(field "$T/small/summary.csv" account a final_max24h)" = 10000 ] || fail "1,000/day final quota changed"
pass "1,000/day account stays at 10000"

# Manual requests: within quota_request_factor x peak usage granted, above denied.
ACCOUNT="request_quota = 5d:16k, 10d:1M" write ask 8k 0.5%
ev="$T/ask/events.csv"
grep -q ",quota_granted,max24h 15000 -> 16000" "$ev" || fail "16k request not granted: $(cat "$ev")"
grep -q ',quota_denied,1000000 is over' "$ev" || fail "1M request not denied: $(cat "$ev")"
pass "manual request for 16k (2 x peak usage) granted, 1M denied"
