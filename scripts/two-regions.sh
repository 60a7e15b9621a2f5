#!/bin/sh
# two-regions.sh [OUT]: the table in README.md, "A second Region" (issue 18):
# scenarios/two-regions.ini with the stream failing over from us-east-1 to
# eu-west-1, against the same stream on us-east-1 alone, 20 replications each,
# and the failover run with policy.region_enforcement = account. Run from the
# top of the source tree after make.
set -e
out=${1:-out/two-regions}
reps=20
run() { # run NAME [--set ...]
    name=$1; shift
    ./sesim run scenarios/two-regions.ini -o "$out/$name" -q --reps $reps -j 2 "$@"
}
run two
run one --set traffic.shift.account=shop --set traffic.shift.route=split
run shared --set policy.region_enforcement=account
# Means per replication, of the '*' rows (the account over its Regions): the
# demand's share sent through SES; messages sent by the legacy provider; days
# until the Regions' quotas add up to 500k and 1M; the first day (0-based) whose
# whole demand SES sent (no hour sent anything through the legacy provider).
printf 'case,sent by SES,legacy provider,days to 500k,days to 1M,first day all on SES\n'
for name in two one shared; do
    d=$out/$name
    sum=$(awk -F, -v n=$reps 'NR>1 && $2 == "*" { dem += $10; s += $11; o += $13; d5 += $8; d1 += $9 }
        END { printf "%.2f%%,%.0f,%.2f,%.2f", 100 * s / dem, o / n, d5 / n, d1 / n }' "$d/summary.csv")
    # a row's time is its hour's end: the row of day 1.0 closes day 0
    first=$(awk -F, -v n=$reps 'NR>1 && $4 == "*" { h = int($2 * 24 + 0.5); k = $3 " " int((h - 1) / 24)
            o[k] += $13; seen[k] = 1 }
        END { for (r = 1; r <= n; r++) for (day = 0; day < 1000; day++)
                  if ((r " " day) in seen && o[r " " day] == 0) { t += day; break }
              printf "%.2f", t / n }' "$d/timeseries.csv")
    printf '%s,%s,%s\n' "$name" "$sum" "$first"
done
