# t_report_item5.sh: what a new user saw in the reports (issue 23, item 5):
# the quota caption of a paused account says it was paused; the batch table
# shows the worst status reached and days_paused beside the final status; a
# short ramp on a long axis gets a zoomed panel; identical accounts are drawn
# apart (the later one dashed) and the caption says so. Each failed before.
. tests/e2e/lib.sh
"$SESIM" run "$ROOT/scenarios/bad-list.ini" -q -o "$T/bl" || fail "bad-list: exit $?"
"$SESIM" report "$T/bl" >/dev/null || fail "report of bad-list: exit $?"
grep -q 'the quota covers the demand of the last 24 h from [^<]*, <b>but the account is paused 3 of the 30 days</b> (from 2026-01-02 (day 1)): a paused account sends nothing' \
    "$T/bl/report/index.html" || fail "bad-list's caption does not say it was paused"
pass "a paused account's quota caption: paused 3 of the 30 days, from day 1"

"$SESIM" batch "$ROOT/scenarios/bad-list.ini" "$ROOT/scenarios/migration.ini" -q -o "$T/b" ||
    fail "batch: exit $?"
"$SESIM" report "$T/b" >/dev/null || fail "report of the batch: exit $?"
html=$T/b/report/index.html
sed -n '/id="compare"/,/<\/table>/p' "$html" | tr -d '\n' > "$T/table"
grep -q '<th>reps</th><th>final_status</th><th>worst_status</th><th>days_paused</th><th>days_under_review</th>' "$T/table" ||
    fail "batch table header: $(grep -o '<thead>.*</thead>' "$T/table")"
grep -q 'bad-list</a></td><td>shop</td><td class="n">1</td><td>healthy</td><td>paused</td><td class="n" title="3">3</td>' "$T/table" ||
    fail "bad-list's row: $(grep -o 'bad-list</a>.\{0,300\}' "$T/table")"
grep -q 'migration</a></td><td>prod</td><td class="n">1</td><td>healthy</td><td>healthy</td>' "$T/table" ||
    fail "migration's row"
pass "batch table: bad-list ended healthy, worst status paused, 3 days paused, on the left"

"$SESIM" run "$ROOT/scenarios/ramp-to-1m.ini" --set sim.duration=90d -q -o "$T/r90" || fail "90 days: exit $?"
"$SESIM" report "$T/r90" >/dev/null || fail "report of 90 days: exit $?"
[ -s "$T/r90/report/quota-ramp.png" ] || fail "a 12-day ramp on a 90-day axis has no zoomed panel"
awk '/^t_min/ { a = $3 } /^t_max/ { b = $3 } /^t_zoom/ { z = $3 } END {
    d = (z - a) / 86400; if (!(d > 12 && d < 0.4 * (b - a) / 86400)) { print d; exit 1 } }' \
    "$T/r90/report/data/meta.gp" || fail "t_zoom: not just after the ramp"
grep -q 'src="quota-ramp.png"' "$T/r90/report/index.html" || fail "the zoomed panel is not on the page"
[ ! -e "$T/bl/report/quota-ramp.png" ] || fail "bad-list's ramp (to day 17 of 30) got a zoomed panel"
pass "zoomed ramp panel for 90 days (up to day $(awk '/^t_min/ { a = $3 } /^t_zoom/ { print ($3 - a) / 86400 }' "$T/r90/report/data/meta.gp")), none where the ramp fills the axis"

"$SESIM" run "$ROOT/scenarios/split-traffic.ini" -q -o "$T/st" || fail "split-traffic: exit $?"
"$SESIM" report "$T/st" >/dev/null || fail "report of split-traffic: exit $?"
grep -q '^array acc_same\[3\] = \[0, 1, 0\]$' "$T/st/report/data/meta.gp" ||
    fail "east and west are not marked the same: $(grep acc_same "$T/st/report/data/meta.gp")"
grep -q '<p><b>west</b> has the quota and rate of <b>east</b> all along: its lines are drawn dashed' \
    "$T/st/report/index.html" || fail "the caption does not say west hides east"
grep -q 'acc_same' "$T/bl/report/data/meta.gp" && fail "bad-list's single account marked the same as another"
pass "identical accounts: west drawn dashed over east, its label and the caption say so"
