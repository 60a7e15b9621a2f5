# t_csv.sh: replayed input files. kind = csv replays its rows exactly (total
# demand = the file's sum, per stream with a `stream` column, whatever the tick);
# kind = ses-stats replays the sum of DeliveryAttempts; every malformed file
# stops the run with exit 2, one line 'sesim: ... FILE:LINE: what is wrong' and
# no output files (one expect_bad_input per case).
. tests/e2e/lib.sh
CSV=$ROOT/tests/e2e/csv
DATA=$ROOT/scenarios/data

# total FILE COLUMN [STREAM]: the sum of a column of an input file (over the
# rows of STREAM when given).
total() {
    c=$(col "$1" "$2"); s=$(col "$1" stream)
    awk -F, -v c="$c" -v s="${s:-0}" -v want="${3:-}" \
        'NR > 1 && (want == "" || $s == want) { t += $c } END { printf "%.0f\n", t }' "$1"
}

# ---- good replays ----

"$SESIM" run scenarios/replay.ini -o "$T/replay" -q || fail "replay.ini: run failed"
want=$(total "$DATA/replay.csv" messages)
got=$(sum "$T/replay/timeseries.csv" demand)
[ "$got" = "$want" ] || fail "replay.ini: demand $got != the file's $want messages"
pass "replay.ini: demand $got = the sum of replay.csv"

# One stream of the file, with 4-minute ticks.
cat > "$T/news.ini" <<INI
[sim]
start = 2026-01-05T00:00:00Z
duration = 7d
tick = 4m
interval = 1h
[account.main]
stage = production
[traffic.newsletter]
account = main
kind = csv
file = $DATA/replay.csv
sender = drop
INI
"$SESIM" run "$T/news.ini" -o "$T/news" -q || fail "newsletter only: run failed"
want=$(total "$DATA/replay.csv" messages newsletter)
got=$(sum "$T/news/timeseries.csv" demand)
[ "$got" = "$want" ] || fail "newsletter only: demand $got != the stream's $want messages"
pass "stream column, 4-minute ticks: demand $got = the newsletter rows' sum"

"$SESIM" run scenarios/ses-export.ini -o "$T/ses" -q || fail "ses-export.ini: run failed"
want=$(total "$DATA/ses-stats.csv" DeliveryAttempts)
got=$(sum "$T/ses/timeseries.csv" demand)
[ "$got" = "$want" ] || fail "ses-export.ini: demand $got != DeliveryAttempts $want"
pass "ses-export.ini: demand $got = the sum of DeliveryAttempts"

# Ticks that do not divide a point's 15 minutes: still exact.
for tick in 4m 20m; do
    "$SESIM" run scenarios/ses-export.ini --set sim.tick=$tick -o "$T/ses-$tick" -q ||
        fail "ses-export.ini, tick $tick: run failed"
    got=$(sum "$T/ses-$tick/timeseries.csv" demand)
    [ "$got" = "$want" ] || fail "ses-export.ini, tick $tick: demand $got != DeliveryAttempts $want"
done
pass "ses-export.ini with 4m and 20m ticks: demand = the sum of DeliveryAttempts"

# ---- bad input: each case one file, FILE:LINE and the message ----

# bad INI KEY FILE LINE MESSAGE: the run of INI replaying FILE fails on LINE.
bad() {
    expect_bad_input "$CSV/$1" --set "$2=$3"
    where="$3:$4: $5"
    [ "$4" = 0 ] && where="$3: $5"
    case $(cat "$T/stderr") in
    "sesim: "*"$where") ;;
    *) fail "$(basename "$3"): expected '...$where', got: $(cat "$T/stderr")" ;;
    esac
    cases=$((cases + 1))
}
cases=0

while IFS='|' read -r file line msg; do
    case $file in
    '' | '#'*) continue ;;
    ses-*) bad ses.ini traffic.export.file "$CSV/$file" "$line" "$msg" ;;
    *) bad csv.ini traffic.replay.file "$CSV/$file" "$line" "$msg" ;;
    esac
done <<'CASES'
count-text.csv|3|messages 'ten' is not a number (expected a whole number of messages, without units)
count-negative.csv|3|messages '-4' is negative
count-fraction.csv|2|messages '2.5' is not a whole number
count-over-2-53.csv|2|messages '9007199254740993' is over 2^53, the largest exact count
time-bad.csv|3|time '2026-01-05 9am' is not a UTC date or time (e.g. 2026-01-01 or 2026-01-01T09:00:00Z)
time-order.csv|4|rows out of time order: 2026-01-05T05:59:59Z comes after 2026-01-05T06:00:00Z (line 3)
time-before-start.csv|2|time 2026-01-04T23:59:00Z is before sim.start (2026-01-05T00:00:00Z)
account-unknown.csv|3|account 'mian' is not an account of traffic.replay (its account: main)
row-short.csv|2|short row: 2 fields where the header has 3
row-extra.csv|2|extra field: 4 fields where the header has 3
column-unknown.csv|1|unknown column 'count' (expected columns: time, account, messages, stream (optional))
column-missing.csv|1|missing column 'account' (expected columns: time, account, messages, stream (optional))
column-duplicate.csv|1|column 'messages' appears twice (columns 3 and 4)
empty.csv|1|empty file: expected a header row time,account,messages[,stream]
quote-unclosed.csv|3|quoted field not closed at the end of the file
quote-bad.csv|2|bad quoting: a quote inside an unquoted field, or text after a closing quote (write "" for a quote inside quotes)
ses-duplicate.csv|4|duplicate Timestamp 2026-01-05T00:15:00Z (also on line 2)
ses-overlap.csv|3|Timestamp 2026-01-05T00:20:00Z is less than 15 minutes after 2026-01-05T00:15:00Z (line 2): GetSendStatistics points are 15 minutes apart
ses-before-start.csv|2|Timestamp 2026-01-04T23:45:00Z is before sim.start (2026-01-05T00:00:00Z)
ses-count-text.csv|2|Bounces 'zero' is not a number (expected a whole number of messages, without units)
ses-column-unknown.csv|1|unknown column 'Sent' (expected columns: Timestamp, DeliveryAttempts, Bounces, Complaints, Rejects (optional))
CASES

# Cases made here: bytes that are awkward to keep in git, and big files.
printf 'time,account,messages\n2026-01-05T00:00:00Z,main,1\n2026-01-05T00:01:00Z,ma\000in,1\n' > "$T/nul.csv"
bad csv.ini traffic.replay.file "$T/nul.csv" 3 "NUL byte (is this a text CSV file?)"

awk 'BEGIN { printf "time,account,messages\n2026-01-05T00:00:00Z,"
             for (i = 0; i < 5000; i++) printf "x"; printf ",1\n" }' > "$T/long.csv"
bad csv.ini traffic.replay.file "$T/long.csv" 2 "field longer than 4096 bytes"

# A bad row a day and a half into the run: the run stops there and keeps nothing.
awk 'BEGIN { print "time,account,messages"
             for (m = 0; m < 2160; m++) printf "2026-01-05T%02d:%02d:00Z,main,3\n", m / 60 % 24, m % 60 }' |
    awk 'NR == 1 || NR <= 1441 { print; next } { sub(/^2026-01-05/, "2026-01-06"); print }' > "$T/late.csv"
echo '2026-01-06T12:00:00Z,main,3.5' >> "$T/late.csv"
bad csv.ini traffic.replay.file "$T/late.csv" 2162 "messages '3.5' is not a whole number"

bad csv.ini traffic.replay.file "$T/nonexistent.csv" 0 "cannot open: No such file or directory"

pass "$cases malformed inputs: exit 2, one line 'sesim: FILE:LINE: ...', no output files"
