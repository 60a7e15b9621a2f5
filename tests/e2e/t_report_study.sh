# t_report_study.sh: `sesim report` on the folders of `sesim plan` and `sesim
# sensitivity` (docs/report.md): the plan's page has its plot (the schedule
# against the quota, the risk by day) with a caption in words that agrees with
# plan.csv; the sensitivity page has one plot per metric with a caption naming
# the keys that decide it (a metric that is a linear function of two keys
# depends on both, a key it does not read moves it not at all); a malformed
# plan.csv is refused (exit 2, one line).
. tests/e2e/lib.sh

command -v gnuplot >/dev/null 2>&1 || fail "gnuplot is not installed (Debian package gnuplot-nox)"
# caption FILE: the page's captions as text, one line each.
caption() { tr -d '\n' < "$1" | grep -o '<figcaption>[^<]*\(<[^/][^>]*>[^<]*<\/[^>]*>[^<]*\)*</figcaption>' |
    sed 's/<[^>]*>//g'; }

# A plain stream: no cap is the plan; the quota passes 100k on the day plan.csv says.
cat > "$T/plain.ini" <<INI
[sim]
reps = 4
[account.main]
max24h = 10k
[traffic.news]
daily = 150k
sender = overflow
INI
"$SESIM" plan "$T/plain.ini" --target 100k --by 14d -o "$T/plan" -j 2 -q || fail "plan failed"
"$SESIM" report "$T/plan" > "$T/out" 2>"$T/err" || fail "report of a plan: $(cat "$T/err")"
[ -s "$T/plan/report/plan.png" ] || fail "no plan.png"
[ -s "$T/plan/report/data/plan.dat" ] && [ "$(wc -l < "$T/plan/report/data/plan.dat")" = 14 ] ||
    fail "data/plan.dat: expected 14 days"
day=$(awk -F, 'NR > 1 && $6 >= 100000 { print $1; exit }' "$T/plan/plan.csv")
caption "$T/plan/report/index.html" > "$T/cap"
# the caption names plan.csv's day-1 cap (or says there is none: an empty cap)
cap1=$(awk -F, 'NR == 2 { print $2 }' "$T/plan/plan.csv")
if [ -z "$cap1" ] || [ "$cap1" = unlimited ]; then
    grep -q "The plan sets no cap" "$T/cap" || fail "plan caption (no cap): $(cat "$T/cap")"
else
    cap1=$(printf "%s" "$cap1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')
    grep -q "caps SES at $cap1 on day 1" "$T/cap" || fail "plan caption (cap $cap1): $(cat "$T/cap")"
fi
grep -q "reaches the target, 100,000, on day $day\." "$T/cap" || fail "plan caption (day $day): $(cat "$T/cap")"
grep -q "No replication is reviewed or paused" "$T/cap" || fail "plan caption (risk): $(cat "$T/cap")"
grep -q 'plan.ini' "$T/plan/report/index.html" || fail "the page does not show plan.ini"
pass "report of a plan: the schedule against the quota and the risk, a caption that agrees with plan.csv"

# No plan meets the constraints (exit 1, the best found written): the page says why.
"$SESIM" plan "$T/plain.ini" --target 1M --by 7d -o "$T/none" -j 2 -q 2>/dev/null; rc=$?
[ "$rc" = 1 ] || fail "an unreachable target: exit $rc"
"$SESIM" report "$T/none" -q 2>"$T/err" || fail "report of a failed plan: $(cat "$T/err")"
grep -q '<p class="note"><b>No plan meets the constraints: the quota cannot reach 1M in 7 days' "$T/none/report/index.html" ||
    fail "the failed plan's page does not say why"
pass "report of a plan that meets no constraint: the reason on top, the best found drawn"

# The linear study of t_sensitivity: total_sent = 60k u_a + 120k u_b.
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
"$SESIM" sensitivity "$T/lin.ini" --keys traffic.a.daily,traffic.b.daily,policy.related_review \
    --range traffic.a.daily=0:30k --range traffic.b.daily=0:60k --metric total_sent,days_paused \
    --trajectories 4 --sobol 64 -o "$T/sens" -j 2 -q || fail "sensitivity failed"
"$SESIM" report --format svg "$T/sens" > "$T/out" 2>"$T/err" || fail "report of a sensitivity study: $(cat "$T/err")"
[ -s "$T/sens/report/sensitivity-1.svg" ] && [ -s "$T/sens/report/sensitivity-2.svg" ] ||
    fail "one plot per metric: $(ls "$T/sens/report")"
caption "$T/sens/report/index.html" > "$T/cap"
grep -q "^total_sent depends on traffic.b.daily and traffic.a.daily; no other key moves it at all\. 1 of the 3 keys do not move it" "$T/cap" ||
    fail "sensitivity caption: $(cat "$T/cap")"
grep -q "traffic.b.daily alone explains [78][0-9]% of its variance" "$T/cap" ||
    fail "sensitivity caption (Sobol): $(cat "$T/cap")"
grep -q "^No key moves days_paused: mu\* is 0 for all 3 keys" "$T/cap" || fail "days_paused caption: $(cat "$T/cap")"
pass "report of a sensitivity study: a plot per metric, captions naming the keys that decide it"

# A malformed plan.csv: exit 2, one line naming the file and line, no report.
mkdir -p "$T/bad" && printf 'day,cap\n1,unlimited\n' > "$T/bad/plan.csv"
"$SESIM" report "$T/bad" 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q "plan.csv:1: no column ses_sent_mean" "$T/err" ||
    fail "malformed plan.csv: exit $rc, $(cat "$T/err")"
[ ! -e "$T/bad/report" ] || fail "a report was left for a malformed plan.csv"
pass "a malformed plan.csv: exit 2, one line, no report"
