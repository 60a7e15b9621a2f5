# t_sensitivity.sh: sesim sensitivity on scenarios built for the purpose: a
# metric that is an exact linear function of two keys (Morris effects exact,
# Sobol indices within a stated tolerance), a key the metric does not read
# (mu* = 0 exactly, ranked last), the same files whatever -j, and the default
# scenario's assumption keys.
. tests/e2e/lib.sh

# Two constant streams on one unlimited account, no noise: over 2 days every
# message is sent, total_sent = 2 x (traffic.a.daily + traffic.b.daily)
# exactly. With a over 0..30k and b over 0..60k, total_sent = 60k u_a + 120k u_b
# on the unit ranges: Morris mu* = 60000 and 120000 (per whole range) and the
# first-order indices are 30^2 / (30^2 + 60^2) = 0.2 and 0.8. A high max_rate
# keeps both streams unthrottled at a 1-minute tick.
cat > "$T/lin.ini" <<INI
[sim]
duration = 2d
interval = 1d
targets = 1M
[account.main]
max24h = unlimited
max_rate = 1000
[traffic.a]
kind = constant
daily = 10k
noise = none
sender = overflow
invalid = 0%
[traffic.b]
kind = constant
daily = 20k
noise = none
sender = overflow
invalid = 0%
INI

keys="--keys traffic.a.daily,traffic.b.daily,policy.related_review"
ranges="--range traffic.a.daily=0:30k --range traffic.b.daily=0:60k"
"$SESIM" sensitivity "$T/lin.ini" $keys $ranges --metric total_sent --trajectories 4 --sobol 256 \
    -o "$T/lin" -j 2 -q || fail "sensitivity of the linear scenario failed"
S="$T/lin/sensitivity.csv"
head -1 "$S" | grep -qx 'metric,key,low,high,mu_star,mu_star_lo,mu_star_hi,mu,sigma,sigma_lo,sigma_hi,first_order,total_order,rank' ||
    fail "sensitivity.csv header: $(head -1 "$S")"
row() { awk -F, -v k="$1" '$2 == k' "$S"; }
field() { row "$1" | cut -d, -f"$2"; }
# mu* (column 5) equals the coefficient over the range, up to floating point.
awk -v a="$(field traffic.a.daily 5)" -v b="$(field traffic.b.daily 5)" \
    'BEGIN { exit !(a > 59999.999 && a < 60000.001 && b > 119999.999 && b < 120000.001) }' ||
    fail "mu*: a $(field traffic.a.daily 5) (want 60000), b $(field traffic.b.daily 5) (want 120000)"
pass "Morris mu* of a linear metric: 60000 and 120000, the coefficients over the ranges"

# The key the metric does not read: mu*, its interval, sigma all 0 exactly, ranked last.
[ "$(row policy.related_review | cut -d, -f5-7,9)" = "0,0,0,0" ] ||
    fail "unread key: $(row policy.related_review)"
[ "$(field policy.related_review 14)" = 3 ] && [ "$(field traffic.b.daily 14)" = 1 ] &&
    [ "$(field traffic.a.daily 14)" = 2 ] || fail "ranks: $(cut -d, -f2,14 "$S" | tr '\n' ' ')"
[ -z "$(field policy.related_review 12)" ] || fail "an unread key entered the Sobol stage"
pass "a key the metric does not read: mu* = 0 exactly, ranked last, left out of the Sobol stage"

# Sobol (256 base samples): first order 0.2 and 0.8 within 0.03, total the same.
awk -v sa="$(field traffic.a.daily 12)" -v sb="$(field traffic.b.daily 12)" \
    -v ta="$(field traffic.a.daily 13)" -v tb="$(field traffic.b.daily 13)" \
    'function near(x, y) { return x - y < 0.03 && y - x < 0.03 }
     BEGIN { exit !(near(sa, 0.2) && near(sb, 0.8) && near(ta, 0.2) && near(tb, 0.8)) }' ||
    fail "Sobol indices: a $(field traffic.a.daily 12)/$(field traffic.a.daily 13), b $(field traffic.b.daily 12)/$(field traffic.b.daily 13)"
# design.csv: 4 trajectories x 4 points, then 256 x (2 + 2) Sobol points.
[ "$(($(wc -l < "$T/lin/design.csv") - 1))" = $((16 + 1024)) ] || fail "design.csv rows"
[ "$(ls "$T/lin/points" | wc -l)" = 1040 ] || fail "points folders"
pass "Sobol first-order and total indices 0.2 and 0.8 within 0.03 (256 base samples)"

# The same files with -j 1 and -j 2; a point equals the plain run with its values.
args="$keys $ranges --metric total_sent,total_demand --trajectories 3 --sobol 8"
"$SESIM" sensitivity "$T/lin.ini" $args -o "$T/j1" -j 1 -q &&
    "$SESIM" sensitivity "$T/lin.ini" $args -o "$T/j2" -j 2 -q || fail "sensitivity with -j failed"
for f in sensitivity.csv design.csv; do
    cmp -s "$T/j1/$f" "$T/j2/$f" || fail "$f differs between -j 1 and -j 2"
done
set -- $(awk -F, 'NR == 3 { print $5, $6, $7 }' "$T/j1/design.csv")
"$SESIM" run "$T/lin.ini" --set "traffic.a.daily=$1" --set "traffic.b.daily=$2" \
    --set "policy.related_review=$3" -o "$T/plain" -q || fail "plain run failed"
cmp -s "$T/plain/summary.csv" "$T/j1/points/0002/summary.csv" ||
    fail "point 2 differs from the plain run with its values"
pass "sensitivity files byte-identical with -j 1 and -j 2; a point is the plain run"

# The default scenario: every assumption key with a range, every default metric.
"$SESIM" sensitivity "$ROOT/scenarios/default.ini" --set sim.duration=14d --trajectories 2 --sobol 0 \
    -o "$T/def" -q || fail "sensitivity of the default scenario failed"
nkeys=$(awk -F, 'NR > 1 && $1 == "days_to_50k"' "$T/def/sensitivity.csv" | wc -l)
[ "$nkeys" = 37 ] || fail "default scenario: $nkeys keys, expected the 37 assumptions with a range"
metrics=$(awk -F, 'NR > 1 { print $1 }' "$T/def/sensitivity.csv" | uniq | tr '\n' ' ')
[ "$metrics" = "days_to_50k days_to_100k days_to_1M total_overflow total_dropped days_under_review days_paused " ] ||
    fail "default metrics: $metrics"
pass "default scenario: 37 assumption keys x 7 metrics, no Sobol stage with --sobol 0"
