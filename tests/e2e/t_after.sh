# t_after.sh: a replay carried past its data (traffic.after, issue 21 part 3)
# and CloudWatch's reputation rates drawn in the report.
#
# 1. scenarios/ses-export.ini (two weeks of GetSendStatistics points) run for
#    56 days: with after = stop nothing is asked for past the data; with
#    after = profile and growth = 0.7% the first 14 days are the same, byte
#    for byte, each later week asks for about 1.007^7 times the one before,
#    and the run's scenario.ini, run again, gives the same files.
# 2. A kind = cloudwatch stream whose file has Reputation.BounceRate and
#    .ComplaintRate: the report writes data/observed-bounce.dat and
#    observed-complaint.dat with those points (in %) and meta.gp says so; a
#    run without one writes neither.
. tests/e2e/lib.sh

scn="$ROOT/scenarios/ses-export.ini"
"$SESIM" run "$scn" --set sim.duration=56d -o "$T/stop" -q || fail "after = stop: run failed"
"$SESIM" run "$scn" --set sim.duration=56d --set traffic.export.after=profile \
    --set traffic.export.growth=0.7% -o "$T/prof" -q || fail "after = profile: run failed"

# demand by week (rows are hours; day is the interval's end)
weeks() {
    c=$(col "$1" demand); d=$(col "$1" day)
    awk -F, -v c="$c" -v d="$d" 'NR > 1 { w[int(($d - 1e-9) / 7)] += $c }
        END { for (i = 0; i < 8; i++) printf "%d ", w[i]; print "" }' "$1"
}
set -- $(weeks "$T/stop/timeseries.csv")
[ "$3" -le 20 ] && [ "$8" = 0 ] ||
    miss "after = stop: demand past the data's two weeks (weeks: $*)"
stop1=$1 stop2=$2
set -- $(weeks "$T/prof/timeseries.csv")
[ "$1" = "$stop1" ] && [ "$2" = "$stop2" ] ||
    miss "after = profile: the data's weeks changed ($1 $2, stop: $stop1 $stop2)"
awk -v a="$4" -v b="$5" -v c="$8" -v w="$(( (stop1 + stop2) / 2 ))" 'BEGIN {
    g = 1.007 ^ 7
    exit !(a > 0 && b / a > g - 0.002 && b / a < g + 0.002 && c > w * g ^ 5)
}' || miss "after = profile: weeks $* do not grow by 1.007^7 a week from the mean week"
grep -q '^after = profile$' "$T/prof/scenario.ini" || miss "scenario.ini does not say after = profile"
grep -q '^after' "$T/stop/scenario.ini" && miss "scenario.ini names after at its default (stop)"
"$SESIM" run "$T/prof/scenario.ini" -o "$T/again" -q || miss "scenario.ini: run failed"
cmp -s "$T/prof/timeseries.csv" "$T/again/timeseries.csv" ||
    miss "the run's scenario.ini does not reproduce its timeseries.csv"
ok "after = profile: the data replays as with stop, then its mean week grows 0.7% a day (weeks: $*)"

# 2. the observed rates in the report
cat > "$T/cw.json" <<'JSON'
{
    "MetricDataResults": [
        {"Id": "send", "Label": "Send", "StatusCode": "Complete",
         "Timestamps": ["2026-01-05T02:00:00Z", "2026-01-05T01:00:00Z", "2026-01-05T00:00:00Z"],
         "Values": [300.0, 200.0, 100.0]},
        {"Id": "bounce", "Label": "Bounce", "StatusCode": "Complete",
         "Timestamps": ["2026-01-05T01:00:00Z"], "Values": [4.0]},
        {"Id": "complaint", "Label": "Complaint", "StatusCode": "Complete",
         "Timestamps": [], "Values": []},
        {"Id": "reputationBounceRate", "Label": "Reputation.BounceRate", "StatusCode": "Complete",
         "Timestamps": ["2026-01-05T02:00:00Z", "2026-01-05T01:00:00Z"], "Values": [0.021, 0.0125]},
        {"Id": "reputationComplaintRate", "Label": "Reputation.ComplaintRate",
         "StatusCode": "Complete", "Timestamps": ["2026-01-05T01:00:00Z"], "Values": [0.0007]}
    ],
    "Messages": []
}
JSON
cat > "$T/cw.ini" <<'INI'
[sim]
start = 2026-01-05T00:00:00Z
duration = 1d
[account.main]
[traffic.cw]
kind = cloudwatch
file = cw.json
INI
"$SESIM" run "$T/cw.ini" -o "$T/cw" -q || fail "kind = cloudwatch: run failed"
"$SESIM" report "$T/cw" > /dev/null || fail "report of the cloudwatch run failed"
d="$T/cw/report/data"
[ "$(grep -v '^#' "$d/observed-bounce.dat")" = "1767574800.000 1.25
1767578400.000 2.1" ] || miss "observed-bounce.dat: $(cat "$d/observed-bounce.dat")"
[ "$(grep -v '^#' "$d/observed-complaint.dat")" = "1767574800.000 0.07" ] ||
    miss "observed-complaint.dat: $(cat "$d/observed-complaint.dat")"
grep -q '^obs_nb = 1$' "$d/meta.gp" && grep -q '^obs_nc = 1$' "$d/meta.gp" ||
    miss "meta.gp does not count the observed series"
grep -q 'what CloudWatch showed' "$T/cw/report/index.html" ||
    miss "the reputation caption does not speak of the observed points"
"$SESIM" report "$T/stop" > /dev/null || fail "report of the ses-stats run failed"
ls "$T/stop/report/data" | grep -q observed && miss "a run without CloudWatch rates has observed data"
grep -q '^obs_' "$T/stop/report/data/meta.gp" && miss "a run without CloudWatch rates: obs_ in meta.gp"
ok "report: CloudWatch's Reputation.BounceRate and .ComplaintRate drawn over the run's rates"

[ "$failed" = 0 ] || fail "$failed check(s) failed"
