# t_calibrate_ramp.sh: sesim calibrate recovers policy.ramp_factor and
# policy.ramp_interval from a quota history (issue 21, items 2 and 4).
#
# 200 trials, each with its own truth drawn from awk's srand(trial): a factor
# in [1.2, 2], an interval of whole minutes in [12h, 72h] (most not whole
# hours, so the checks round to the hourly look), a starting quota in
# [1k, 50k], and a snapshot every k hours (k from 1 to half the interval, at
# a random offset). Each is run for ten intervals (a production account whose
# pace sender always has more demand than quota, seed = trial), its
# timeseries cut down to the snapshots as `time,max24h,max_rate`, and
# calibrated. The ranges are exact under the model's rule (nothing in the
# raises is random: the demand noise never takes the usage under
# ramp_utilization), so each must hold its truth in all 200 trials; the test
# also prints their median widths.
. tests/e2e/lib.sh

trials=${RAMP_TRIALS:-200}
covered_f=0 covered_i=0 missing=0 wf="" wi=""
trial=1
while [ "$trial" -le "$trials" ]; do
    set -- $(awk -v s="$trial" 'BEGIN { srand(s)
        f = sprintf("%.3f", 1.2 + 0.8 * rand()); iv = 720 + int(rand() * 3601)
        q = 1000 + int(rand() * 49001); k = 1 + int(rand() * int(iv / 120))
        o = int(rand() * k); d = int(10 * iv / 1440) + 1
        print f, iv, q, k, o, d }')
    f=$1 iv=$2 q0=$3 k=$4 o=$5 days=$6
    cat > "$T/truth.ini" <<INI
[sim]
duration = ${days}d
interval = 1h
[policy]
ramp_factor = $f
ramp_interval = ${iv}m
[account.main]
stage = production
max24h = $q0
[traffic.all]
kind = diurnal
daily = 3M
sender = pace
max_backlog = 3M
invalid = 0.3%
complaint = 0.01%
content = 95%
INI
    "$SESIM" run "$T/truth.ini" -o "$T/truth" -q --seed "$trial" || fail "trial $trial: run failed"
    awk -F, -v k="$k" -v o="$o" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
            print "time,max24h,max_rate"; next }
        (NR - 2) % k == o { print $c["time"] "," $c["max24h"] "," $c["max_rate"] }' \
        "$T/truth/timeseries.csv" > "$T/quota.csv"
    rm -rf "$T/cal"
    "$SESIM" calibrate "$T/quota.csv" -o "$T/cal" -q || fail "trial $trial: calibrate failed"
    line=$(awk -v f="$f" -v iv="$iv" '
        $1 == "ramp_factor" { fs = ($7 <= f + 0 && f + 0 <= $9); fw = $9 - $7; nf++ }
        $1 == "ramp_interval" { gsub(/h/, ""); h = iv / 60
            is = ($7 <= h && h <= $9); iw = $9 - $7; ni++ }
        END { print nf + 0, ni + 0, fs + 0, is + 0, fw + 0, iw + 0 }' "$T/cal/calibrated.ini")
    set -- $line
    if [ "$1" = 1 ] && [ "$2" = 1 ]; then
        covered_f=$((covered_f + $3)) covered_i=$((covered_i + $4))
        wf="$wf $5" wi="$wi $6"
        [ "$3" = 1 ] && [ "$4" = 1 ] ||
            echo "miss $NAME: trial $trial (factor $f, interval ${iv}m, from $q0, every ${k}h): $(grep '^ramp' "$T/cal/calibrated.ini")" >&2
    else
        missing=$((missing + 1))
        echo "not identified $NAME: trial $trial (factor $f, interval ${iv}m, every ${k}h): $(grep ramp "$T/cal/calibrated.ini")" >&2
    fi
    trial=$((trial + 1))
done
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
[ "$missing" = 0 ] || fail "$missing of $trials trials not identified"
[ "$covered_f" = "$trials" ] && [ "$covered_i" = "$trials" ] ||
    fail "coverage: ramp_factor $covered_f, ramp_interval $covered_i of $trials trials"
pass "ramp_factor's range holds the truth in $covered_f of $trials trials (median width $(median "$wf")), ramp_interval's in $covered_i (median width $(median "$wi") h)"

# the shipped history (docs/formats.md): a get-account snapshot and the CSV
"$SESIM" calibrate "$ROOT/scenarios/data/quota-history.csv" -q -o "$T/ship" ||
    fail "calibrate of scenarios/data/quota-history.csv failed"
grep -q '^ramp_factor = 1.5 ;' "$T/ship/calibrated.ini" &&
    grep -q '^ramp_interval = 24h ;' "$T/ship/calibrated.ini" ||
    fail "scenarios/data/quota-history.csv: $(grep ramp "$T/ship/calibrated.ini")"
pass "scenarios/data/quota-history.csv calibrates to ramp_factor 1.5, ramp_interval 24h"

# get-account snapshots as printed, their times in their names; a sandbox
# snapshot before them: production access (200 -> 10,000) is no raise
cp "$ROOT"/tests/data/quota/*.json "$T/"
sed 's/"ProductionAccessEnabled": true/"ProductionAccessEnabled": false/; s/10000\.0/200.0/g' \
    "$T/account-20260101T090000Z.json" > "$T/account-20251231T090000Z.json"
"$SESIM" calibrate "$T"/account-*.json -q -o "$T/json" || fail "calibrate of get-account snapshots failed"
grep -q '^; the ramp, from a quota history: 5 snapshots over 4.00 days; raises: 3 ' "$T/json/calibrated.ini" &&
    awk '$1 == "ramp_factor" { exit !($7 <= 1.5 && 1.5 <= $9) }' "$T/json/calibrated.ini" ||
    fail "get-account snapshots: $(cat "$T/json/calibrated.ini")"
pass "four get-account snapshots after a sandbox one: 3 raises, ramp_factor's range holds 1.5"
