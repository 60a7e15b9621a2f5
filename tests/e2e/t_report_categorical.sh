# t_report_categorical.sh: the strategy question has a picture (issue 23,
# item 4). A sweep of the migration's sender (overflow, pace, retry, drop; 5
# replications) gets a plot of what differs between the strategies (sent,
# overflow, dropped, throttled, delay p50 and p99: bars of the means, whiskers
# p10-p90 from runs.csv), dots instead of lines over the categories, and a
# results table that shows the columns that vary and fits the page. Read back
# in headless Chromium (when installed): every image loads, the results table
# does not scroll sideways at 1280 pixels, its columns are in that order.
. tests/e2e/lib.sh
"$SESIM" sweep "$ROOT/scenarios/migration.ini" --vary traffic.shift.sender=overflow,pace,retry,drop \
    --reps 5 -q -o "$T/sw" || fail "sweep: exit $?"
"$SESIM" report "$T/sw" >/dev/null 2>"$T/err" || fail "report: $(cat "$T/err")"
R=$T/sw/report
[ -s "$R/sweep-outcomes-1.png" ] || fail "no sweep-outcomes-1.png"
grep -q 'src="sweep-outcomes-1.png"' "$R/index.html" || fail "the page does not show the outcomes plot"
# the plot's data: per strategy the mean and the 10th-90th percentile of runs.csv
D=$R/data/sweep-key-1.dat
nt=3 # targets of migration.ini: 100k, 500k, 1M
oc=$((5 + 4 * nt))
got=$(awk -v oc=$oc '!/^#/ && NF { printf "%s %s %s %s;", $2, $(oc + 6), $(oc + 9), $(oc + 15) }' "$D")
S=$T/sw/sweep.csv
want=$(awk -F, -v d="$(col "$S" mean_total_dropped)" -v t="$(col "$S" mean_total_throttled)" \
    -v q="$(col "$S" mean_delay_p99_s)" 'NR > 1 { printf "%d %s %s %s;", NR - 1, $d, $t, ($q == "" ? -1 : $q) }' "$S")
[ "$got" = "$want" ] || fail "outcomes data: $got, sweep.csv: $want"
python3 - "$T/sw/runs.csv" "$D" $oc <<'PY' || fail "the whiskers are not the 10th-90th percentiles of runs.csv"
import csv, sys
runs = list(csv.DictReader(open(sys.argv[1])))
oc = int(sys.argv[3])
rows = [l.split() for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')]
for i, s in enumerate(['overflow', 'pace', 'retry', 'drop']):
    v = sorted(float(r['total_throttled']) for r in runs if r['traffic.shift.sender'] == s)
    def q(f):
        h = (len(v) - 1) * f
        lo = int(h)
        return v[lo] + (v[min(lo + 1, len(v) - 1)] - v[lo]) * (h - lo)
    got = (float(rows[i][oc - 1 + 10]), float(rows[i][oc - 1 + 11]))  # throttled p10, p90
    assert abs(got[0] - q(0.1)) < 1e-6 and abs(got[1] - q(0.9)) < 1e-6, (s, got, q(0.1), q(0.9))
PY
grep -q '<li><b>retry</b>: through SES [0-9,]*, overflow 0, dropped 12,68[0-9],[0-9]*, throttled [1-9]' \
    "$R/index.html" || fail "the caption does not give retry's figures"
grep -q '<li><b>pace</b>: .*delay p99 1[01]\.[0-9] days' "$R/index.html" ||
    fail "the caption does not give pace's delay"
pass "outcomes plot: dropped, throttled, delay per strategy as in sweep.csv, whiskers p10-p90 of runs.csv, caption figures"
grep -q 'key_cat\[k\] || column(cn) > 0 ? 1/0' "$ROOT/scripts/report-sweep-days.gp" &&
    grep -q "sty = key_cat\[k\] ? 'points'" "$ROOT/scripts/report-sweep-shares.gp" ||
    fail "the days and shares plots join categories by lines"
grep -q '^array key_cat\[1\] = \[1\]' "$R/data/sweep.gp" || fail "sender is not drawn as categories"
pass "categories are dots, not a line over a made-up numeric axis"
# the results table: point, the key, then the columns that vary; the rest listed
head=$(sed -n '/id="results"/,/<\/thead>/p' "$R/index.html" | grep -o '<th[^>]*>[^/]*</th>' |
    sed 's/<[^>]*>//g' | tr '\n' ',')
case $head in
point,traffic.shift.sender,mean_total_sent,mean_total_overflow,mean_total_dropped,mean_total_throttled,*) ;;
*) fail "results table columns: $head" ;;
esac
grep -q 'The same in every row shown: <code>account</code> prod; <code>reps</code> 5;' "$R/index.html" ||
    fail "the constant columns are not listed"
pass "results table: point, key, varying columns first ($(echo "$head" | tr -cd , | wc -c) columns), constants beneath"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "skip $NAME: chromium not installed (Debian: apt-get install chromium), no read-back"
    exit 0
fi
cat > "$R/probe.html" <<'HTML'
<!DOCTYPE html><html><body><iframe id="f" src="index.html" style="width:1280px;height:900px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('f').onload = function () {
  var d = this.contentDocument, out = [];
  d.querySelectorAll('img').forEach(function (i) {
    out.push('img ' + i.getAttribute('src') + ' ' + i.naturalWidth + 'x' + i.naturalHeight);
  });
  var t = d.querySelector('table.sweep').parentNode;
  out.push('results ' + t.scrollWidth + ' ' + t.clientWidth);
  var th = [];
  d.querySelectorAll('table.sweep th').forEach(function (h) { th.push(h.textContent); });
  out.push('head ' + th.join(','));
  document.getElementById('out').textContent = out.join('\n');
};
</script></body></html>
HTML
prof=$(mktemp -d "$T/chrome.XXXXXX")
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --allow-file-access-from-files --virtual-time-budget=10000 --user-data-dir="$prof" \
    --dump-dom "file://$R/probe.html" > "$T/dom.html" 2>/dev/null
grep -q 'img sweep-outcomes-1.png 1200x[0-9]' "$T/dom.html" || fail "chromium: the outcomes plot did not load: $(grep -A5 '<pre' "$T/dom.html")"
grep 'img ' "$T/dom.html" | grep -q ' 0x0$' && fail "chromium: an image did not load: $(grep '^img' "$T/dom.html")"
set -- $(grep '^results ' "$T/dom.html")
[ $# = 3 ] && [ "$2" -le "$3" ] || fail "chromium: the results table scrolls sideways ($2 > $3 pixels)"
grep -q -e "^head $(echo "$head" | sed 's/,$//')\(</pre>\)\{0,1\}\$" "$T/dom.html" || fail "chromium: the table's columns differ"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$prof" --window-size=1280,4000 --screenshot="$T/shot.png" \
    "file://$R/index.html" >/dev/null 2>&1
[ "$(wc -c < "$T/shot.png" 2>/dev/null || echo 0)" -gt 50000 ] || fail "chromium: no screenshot of the page"
pass "read back in headless Chromium: $(grep -c 'img .* [1-9][0-9]*x[1-9]' "$T/dom.html") images loaded, results table $2 of $3 pixels wide (no sideways scroll), screenshot $(wc -c < "$T/shot.png") bytes"
