# t_aws.sh: the AWS CLI's own outputs read as printed (tests/data/aws, from the
# CLI's documentation). kind = ses-stats reads `aws ses get-send-statistics`
# JSON: unsorted points, fields as AWS names them, and the same run as the CSV
# of the same points, byte for byte.
. tests/e2e/lib.sh
AWS=$ROOT/tests/data/aws
DATA=$ROOT/scenarios/data

# The documented example: two points of the same day, 19:32 listed before 00:47.
cat > "$T/example.ini" <<INI
[sim]
start = 2013-06-12T00:00:00Z
duration = 1d
tick = 1m
interval = 1h
[account.main]
stage = production
[traffic.export]
account = main
kind = ses-stats
file = $AWS/get-send-statistics.json
sender = drop
INI
"$SESIM" run "$T/example.ini" -o "$T/example" -q || fail "get-send-statistics example: run failed"
got=$(sum "$T/example/timeseries.csv" demand)
[ "$got" = 3 ] || fail "get-send-statistics example: demand $got, expected 2 + 1"
# 00:47's one message is sent in hour 0, 19:32's two in hour 19.
c=$(col "$T/example/timeseries.csv" demand)
hours=$(awk -F, -v c="$c" 'NR > 1 && $c > 0 { printf "%s:%s ", NR - 2, $c }' "$T/example/timeseries.csv")
[ "$hours" = "0:1 19:2 " ] || fail "get-send-statistics example: demand by hour '$hours'"
pass "the CLI's documented get-send-statistics output (unsorted) replays 1 at 00:47 and 2 at 19:32"

# The shipped export as the CLI would print it: JSON, points in reverse order.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
    { line[NR] = $0 }
    END {
        print "{\n    \"SendDataPoints\": ["
        for (r = NR; r >= 2; r--) {
            split(line[r], f, ",")
            printf "        {\n"
            for (i = 1; i <= 5; i++)
                printf "            \"%s\": %s%s\n", name[i],
                    (i == 1 ? "\"" f[i] "\"" : f[i]), (i < 5 ? "," : "")
            printf "        }%s\n", (r > 2 ? "," : "")
        }
        print "    ]\n}"
    }' "$DATA/ses-stats.csv" > "$T/ses-stats.json"
"$SESIM" run scenarios/ses-export.ini -o "$T/csv" -q || fail "ses-export.ini: run failed"
"$SESIM" run scenarios/ses-export.ini --set "traffic.export.file=$T/ses-stats.json" \
    -o "$T/json" -q || fail "ses-export.ini with the JSON: run failed"
for f in timeseries.csv events.csv summary.csv; do
    cmp -s "$T/csv/$f" "$T/json/$f" || fail "the JSON export gives another $f than the CSV"
done
pass "ses-export.ini: the export as JSON (reversed) gives the CSV's outputs byte for byte"
