#!/bin/sh
# tenants-vs-accounts.sh [OUT]: the table in README.md, "Several accounts"
# (issue 18): one account with 20 tenants under each policy, 20 separate
# accounts, and the owner's alarm, 50 replications each. Run from the top of
# the source tree after make.
set -e
out=${1:-out/tenants-vs-accounts}
run() { # run NAME SCENARIO [--set ...]
    name=$1; scn=$2; shift 2
    ./sesim run "scenarios/$scn.ini" -o "$out/$name" -q --reps 50 -j 2 "$@"
}
run standard tenants-vs-accounts
run strict tenants-vs-accounts --set 'tenant.*.policy=strict'
run none tenants-vs-accounts --set 'tenant.*.policy=none'
run separate tenants-vs-accounts-separate
run alarm tenant-alarm
run no-alarm tenant-alarm --set 'tenant.*.alarm_bounce=0%'
# Means per replication. c01 pauses: by its policy, the owner's alarm or (its
# own account) SES; others paused: tenants or accounts other than c01 paused
# at the end; SES reviews and pauses of accounts; not sent: the organisation's
# demand less its sent ('*' with several accounts, else the only account);
# days to the quota targets: mean over the replications that reached them
# (how many never did in brackets).
printf 'case,c01 pauses,others paused,SES reviews,SES pauses,not sent,days to 20k,days to 30k\n'
for name in standard strict none separate no-alarm alarm; do
    d=$out/$name
    if [ -e "$d/tenants-summary.csv" ]; then
        paused=$(awk -F, 'NR>1 && $2 == "c01" { b += $14 + $16 }
            NR>1 && $2 != "c01" && $5 != "enabled" && $5 != "reinstated" { o++ }
            END { printf "%.2f,%.2f", b / 50, o / 50 }' "$d/tenants-summary.csv")
        org=isv
    else
        paused=$(awk -F, 'NR>1 && $2 == "c01" { b += $23 }
            NR>1 && $2 != "*" && $2 != "c01" && $3 == "paused" { o++ }
            END { printf "%.2f,%.2f", b / 50, o / 50 }' "$d/summary.csv")
        org='*'
    fi
    ses=$(awk -F, -v org="$org" 'NR>1 && $2 != "*" { r += $21; p += $23 }
        NR>1 && $2 == org { u += $9 - $10; d20 += $7; d30 += $8; if ($7 == "") n20++; if ($8 == "") n30++ }
        function days(sum, never) { return never == 50 ? "never" : sprintf("%.1f", sum / (50 - never)) (never ? " (" never " never)" : "") }
        END { printf "%.2f,%.2f,%.0f,%s,%s", r / 50, p / 50, u / 50, days(d20, n20), days(d30, n30) }' "$d/summary.csv")
    printf '%s,%s,%s\n' "$name" "$paused" "$ses"
done
