# t_report.sh: `sesim report DIR` draws a run's plots with gnuplot and writes
# DIR/report/index.html: every plot non-empty, png and svg, names with spaces
# and quotes, text from the files escaped, a clear error without gnuplot, usage
# errors exit 2; a sweep's plots (one key, two keys with a heat map, targets
# never reached, sweep.csv alone, a malformed one); a batch folder (each
# scenario's report, the comparison page and its panels, a missing scenario
# folder, a malformed batch.csv); the pages and data files of a run, two sweeps
# and a batch byte for byte against tests/golden/report.sha256 (rewritten by
# `make golden`, which runs this test with SESIM_GOLDEN_UPDATE=1); and (when
# chromium is installed) the pages render.
. tests/e2e/lib.sh

# report_sums DIR: the SHA-256 of every file of DIR's report but the images
# (the plots are gnuplot's: its version may draw them otherwise), by path
# relative to $T, with $T and the checkout's folder replaced (the page names both).
report_sums() {
    (cd "$T" && find "${1#$T/}" -path '*/report/*' -type f ! -name '*.png' ! -name '*.svg' |
        LC_ALL=C sort | while read -r f; do
            printf '%s  %s\n' "$(sed "s|$T|@T@|g; s|$ROOT|@ROOT@|g" "$f" | sha256sum | cut -d' ' -f1)" "$f"
        done) >> "$T/report.sha256"
}

command -v gnuplot >/dev/null 2>&1 || fail "gnuplot is not installed (Debian package gnuplot-nox)"

# A small run of two related accounts splitting one stream: the organisation
# total `*`, events (quota raised), three replications (bands.csv when written).
# Its header has HTML in it, which the page must escape.
cat > "$T/two.ini" <<'INI'
; Two accounts <b>split</b> a stream & "see" what 'happens'.
;
; Question: does the report escape <script>alert(1)</script> text?
[sim]
duration = 6d
interval = 1h
reps = 3
[account.east]
payer = p1
[account.west]
payer = p1
[traffic.news]
account = east, west
kind = diurnal
daily = 30k
sender = overflow
INI
"$SESIM" run "$T/two.ini" -o "$T/run" -q || fail "run failed"

# check_report DIR EXT [MIN]: index.html and every image it references exist and are
# non-empty files of the right kind (at least MIN, default 4); nothing is
# fetched from the network.
check_report() {
    html="$1/report/index.html"
    [ -s "$html" ] || fail "no index.html in $1/report"
    n=0
    for img in $(grep -o 'src="[^"]*"' "$html" | sed 's/^src="//; s/"$//'); do
        n=$((n + 1))
        case $img in *."$2") ;; *) fail "image $img is not .$2" ;; esac
        [ -s "$1/report/$img" ] || fail "image $img missing or empty"
        if [ "$2" = png ]; then
            head -c 8 "$1/report/$img" | od -An -c | grep -q 'P   N   G' || fail "$img is not a PNG"
        else
            grep -q '<svg' "$1/report/$img" || fail "$img is not an SVG"
        fi
    done
    [ "$n" -ge "${3:-4}" ] || fail "only $n images in $html"
    for f in "$1"/report/*."$2"; do
        [ -s "$f" ] || fail "empty plot $f"
    done
    if grep -Eqi '(src|href)="(https?:)?//' "$html"; then
        fail "index.html loads something from the network"
    fi
}

# --- png (the default): the path of index.html on stdout, the plots, the tables
"$SESIM" report "$T/run" >"$T/stdout" 2>"$T/stderr" || fail "report failed: $(cat "$T/stderr")"
[ "$(cat "$T/stdout")" = "$T/run/report/index.html" ] || fail "stdout: $(cat "$T/stdout")"
[ ! -s "$T/stderr" ] || fail "stderr not empty: $(cat "$T/stderr")"
check_report "$T/run" png
html="$T/run/report/index.html"
for f in quota.png rate.png reputation.png status.png; do
    [ -s "$T/run/report/$f" ] || fail "no $f"
done
if [ -f "$T/run/bands.csv" ]; then
    [ -s "$T/run/report/bands.png" ] || fail "bands.csv but no bands.png"
fi
grep -q '<h2 id="summary">' "$html" || fail "no summary table"
grep -q 'final_max24h' "$html" || fail "summary columns missing"
grep -q '<h2 id="events">' "$html" || fail "no events table"
grep -q 'quota_raised' "$html" || fail "events missing"
grep -q '<pre>' "$html" || fail "no scenario"
grep -q '\[traffic.news\]' "$html" || fail "the resolved scenario is not shown"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$html" || fail "header text not escaped"
grep -q '<script' "$html" && fail "unescaped <script> from the scenario header"
grep -q '<b>split</b>' "$html" && fail "unescaped HTML from the scenario header"
grep -q '* (total)\|<code>\*</code>' "$html" || fail "the total * is not mentioned"
ls -a "$T/run" | grep -q '^\.sesim-' && fail "staging folder left behind: $(ls -a "$T/run")"
report_sums "$T/run"
pass "png: index.html and $(ls "$T/run/report" | grep -c 'png$') plots"

# --- svg
"$SESIM" report "$T/run" --format svg >/dev/null 2>"$T/stderr" || fail "svg: $(cat "$T/stderr")"
check_report "$T/run" svg
ls "$T/run/report" | grep -q 'png$' && fail "svg report still has png files"
pass "svg: $(ls "$T/run/report" | grep -c 'svg$') plots"

# --- replications without bands.csv: rep 1 is plotted, and the page says so
mkdir "$T/nobands"
cp "$T/run/timeseries.csv" "$T/run/events.csv" "$T/run/summary.csv" "$T/run/scenario.ini" "$T/nobands/"
"$SESIM" report "$T/nobands" >/dev/null 2>"$T/stderr" || fail "no bands: $(cat "$T/stderr")"
grep -q 'replication 1 only' "$T/nobands/report/index.html" || fail "no note that rep 1 is plotted"
[ -e "$T/nobands/report/bands.png" ] && fail "bands.png without bands.csv"
pass "reps > 1 without bands.csv: replication 1, said on the page"

# --- a folder name with a space and quotes
odd="$T/it's a \"run\" dir"
"$SESIM" run "$T/two.ini" --set sim.reps=1 -o "$odd" -q || fail "run into odd folder failed"
"$SESIM" report "$odd" >"$T/stdout" 2>"$T/stderr" || fail "odd folder: $(cat "$T/stderr")"
[ "$(cat "$T/stdout")" = "$odd/report/index.html" ] || fail "odd folder: stdout $(cat "$T/stdout")"
check_report "$odd" png
pass "a folder name with a space and quotes"

# --- the mailbox providers (issue 22): a plot per provider from mailboxes.csv,
# a dedicated-IP account (its allowance panel) beside a shared-pool one; the
# run's other plots and files are those of any run
cat > "$T/mbx.ini" <<'INI'
; Two accounts at the mailbox providers.
[sim]
duration = 4d
interval = 1h
tick = auto
mailboxes = on
[account.cold]
max24h = 1M
max_rate = 50
ip_pool = standard
dedicated_ips = 1
warmup = off
[account.warm]
max24h = 1M
max_rate = 50
[traffic.cold]
account = cold
daily = 200k
[traffic.warm]
account = warm
daily = 200k
INI
"$SESIM" run "$T/mbx.ini" -o "$T/mbx" -q || fail "mailbox run failed"
"$SESIM" report "$T/mbx" >/dev/null 2>"$T/stderr" || fail "mailbox report: $(cat "$T/stderr")"
html="$T/mbx/report/index.html"
n=0
for m in gmail microsoft yahoo other; do
    n=$((n + 1))
    [ -s "$T/mbx/report/mailbox-$n.png" ] || fail "no mailbox-$n.png ($m)"
    grep -A1 "<figure id=\"mailbox-$n\">" "$html" | grep -q "<h3>Mailbox provider $m</h3>" ||
        fail "no figure for $m"
    grep -q "^mb_name = \"$m\"" "$T/mbx/report/data/mailbox-$n.gp" || fail "mailbox-$n.gp is not $m"
done
[ ! -e "$T/mbx/report/mailbox-5.png" ] || fail "a fifth mailbox plot"
# the cold IPs are deferred on day 1 at gmail; the caption's total is mailboxes.csv's
def=$(awk -F, 'NR > 1 && $3 == 1 && $4 == "cold" && $5 == "gmail" { d += $11 } END { print d }' "$T/mbx/mailboxes.csv")
[ "$def" -gt 0 ] || fail "the cold account is never deferred at gmail"
grep -o "<b>cold</b>: sent [0-9,]*, deferred [0-9,]*" "$html" | head -1 | tr -d , |
    grep -q "deferred $def\$" || fail "gmail caption: deferred is not $def: $(grep -o '<b>cold</b>: sent [^(]*' "$html" | head -1)"
# the allowance panel: only the cold account has dedicated IPs (column 5)
awk '/^# account "warm"/ { w = 1; next } /^# account/ { w = 0 } w && NF == 6 && $5 != "nan" { bad = 1 } END { exit bad }' \
    "$T/mbx/report/data/mailbox-1.dat" || fail "the shared-pool account has an allowance"
grep -q 'deferred (4xx)' "$html" || fail "no caption of the mailbox plots"
report_sums "$T/mbx"
# a malformed mailboxes.csv: exit 2, one line, no report
rm -rf "$T/mbx/report"
sed -i '1s/,allowance$//' "$T/mbx/mailboxes.csv"
"$SESIM" report "$T/mbx" >/dev/null 2>"$T/stderr"; rc=$?
[ "$rc" = 2 ] || fail "mailboxes.csv without allowance: exit $rc, expected 2"
grep -q "^sesim: $T/mbx/mailboxes.csv:1: no column 'allowance': not a mailboxes.csv of sesim$" "$T/stderr" ||
    fail "mailboxes.csv without allowance: $(cat "$T/stderr")"
[ ! -e "$T/mbx/report" ] || fail "a malformed mailboxes.csv left a report"
pass "mailbox providers: a plot per provider from mailboxes.csv, captions with its totals"

# --- a long run's mailboxes.csv is read in buckets: at most 20,000 points per
# account and provider (the time series' limit), the caption's totals whole
printf '[sim]\nduration = 15d\ninterval = 1m\ntick = 1m\nmailboxes = on\n[account.a]\nmax24h = 1M\nmax_rate = 50\n[traffic.t]\naccount = a\ndaily = 50k\n' > "$T/long.ini"
"$SESIM" run "$T/long.ini" -o "$T/long" -q || fail "long mailbox run failed"
"$SESIM" report "$T/long" -q 2>"$T/stderr" || fail "long mailbox report: $(cat "$T/stderr")"
n=$(grep -c '^[0-9]' "$T/long/report/data/mailbox-1.dat")
[ "$n" -le 20000 ] && [ "$n" -ge 10000 ] || fail "long run: $n points in mailbox-1.dat"
sent=$(awk -F, 'NR > 1 && $5 == "gmail" { s += $7 } END { print s }' "$T/long/mailboxes.csv")
grep -o "<b>a</b>: sent [0-9,]*" "$T/long/report/index.html" | head -1 | tr -d , | grep -q "sent $sent\$" ||
    fail "long run: gmail's caption does not say sent $sent"
pass "a long run's mailbox plots: $n points of 21,600 intervals, the totals whole"

# --- gnuplot missing: exit 1, one line naming the package; the old report stays
mkdir "$T/empty-path"
before=$(ls -l "$T/run/report" | md5sum)
PATH="$T/empty-path" "$SESIM" report "$T/run" >"$T/stdout" 2>"$T/stderr"; rc=$?
[ "$rc" = 1 ] || fail "without gnuplot: exit $rc, expected 1"
[ "$(wc -l < "$T/stderr")" = 1 ] || fail "without gnuplot: $(cat "$T/stderr")"
grep -q '^sesim: .*gnuplot-nox' "$T/stderr" || fail "without gnuplot: $(cat "$T/stderr")"
[ "$(ls -l "$T/run/report" | md5sum)" = "$before" ] || fail "a failed report changed DIR/report"
ls -a "$T/run" | grep -q '^\.sesim-' && fail "staging folder left behind after a failure"
pass "without gnuplot: exit 1, $(cut -c1-60 "$T/stderr")..."

# --- bad usage: exit 2 with one line "sesim: ..."
bad_usage() {
    "$SESIM" report "$@" >"$T/stdout" 2>"$T/stderr"; rc=$?
    [ "$rc" = 2 ] || fail "report $*: exit $rc, expected 2"
    [ "$(wc -l < "$T/stderr")" = 1 ] || fail "report $*: $(cat "$T/stderr")"
    grep -q '^sesim: ' "$T/stderr" || fail "report $*: $(cat "$T/stderr")"
}
mkdir "$T/not-a-run"
bad_usage
bad_usage "$T/not-a-run"
bad_usage "$T/no-such-folder"
bad_usage "$T/run" --format jpeg
bad_usage "$T/run" --format
bad_usage "$T/run" --bogus
[ ! -e "$T/not-a-run/report" ] || fail "a report appeared in a folder without a run"
pass "bad usage exits 2 with one line"

# --- sweeps: index.html with the sweep's definition and sweep.csv, non-empty
# plots of the days to the targets and of the shares paused and reviewed
# against each key, the heat map only with two keys
# check_sweep DIR EXT KEYS: the plots a sweep report of KEYS varied keys has.
check_sweep() {
    html="$1/report/index.html"
    [ -s "$html" ] || fail "no index.html in $1/report"
    k=1
    while [ "$k" -le "$3" ]; do
        for f in sweep-days-$k sweep-shares-$k; do
            [ -s "$1/report/$f.$2" ] || fail "$1: no $f.$2"
            grep -q "src=\"$f.$2\"" "$html" || fail "$1: $f.$2 not on the page"
        done
        k=$((k + 1))
    done
    if [ "$3" = 2 ]; then
        [ -s "$1/report/sweep-heat.$2" ] || fail "$1: two keys but no heat map"
    else
        [ ! -e "$1/report/sweep-heat.$2" ] || fail "$1: a heat map without two keys"
    fi
    for img in $(grep -o 'src="[^"]*"' "$html" | sed 's/^src="//; s/"$//'); do
        [ -s "$1/report/$img" ] || fail "$1: image $img missing or empty"
        if [ "$2" = png ]; then
            head -c 8 "$1/report/$img" | od -An -c | grep -q 'P   N   G' || fail "$img is not a PNG"
        else
            grep -q '<svg' "$1/report/$img" || fail "$img is not an SVG"
        fi
    done
    grep -q '<h2 id="sweep">' "$html" || fail "$1: no sweep definition"
    grep -q '<h2 id="results">Results (sweep.csv)' "$html" || fail "$1: no sweep.csv table"
    sed 's/<wbr>//g' "$html" | grep -q 'days_to_50k_p50' || fail "$1: sweep.csv columns missing"
    grep -q '<b>Look for</b>' "$html" || fail "$1: captions without what to look for"
    grep -q 'not drawn' "$html" && fail "$1: still says sweep plots are not drawn"
    if grep -Eqi '(src|href)="(https?:)?//' "$html"; then
        fail "$1: index.html loads something from the network"
    fi
    ls -a "$1" | grep -q '^\.sesim-' && fail "$1: staging folder left behind"
    return 0
}
"$SESIM" sweep "$ROOT/scenarios/bad-list.ini" --vary traffic.promo.invalid=2%,8%,14% --reps 2 \
    -o "$T/sw1" -q || fail "one-key sweep failed"
"$SESIM" report "$T/sw1" >"$T/stdout" 2>"$T/stderr" || fail "sweep report: $(cat "$T/stderr")"
[ "$(cat "$T/stdout")" = "$T/sw1/report/index.html" ] || fail "sweep: stdout $(cat "$T/stdout")"
[ ! -s "$T/stderr" ] || fail "sweep: stderr not empty: $(cat "$T/stderr")"
check_sweep "$T/sw1" png 1
html="$T/sw1/report/index.html"
grep -q 'traffic.promo.invalid=2%,8%,14%' "$html" || fail "one key: the keys and values are not shown"
grep -q 'traffic.promo.invalid, in % (numeric axis)' "$T/sw1/report/data/sweep.gp" ||
    fail "one key: 2%,8%,14% not a numeric axis in %"
grep -q 'A purchased list' "$html" || fail "one key: the scenario's title is missing"
grep -q 'points/0001/scenario.ini' "$html" || fail "one key: the first point's scenario is missing"
report_sums "$T/sw1"
pass "one-key sweep: index.html and $(ls "$T/sw1/report" | grep -c 'png$') plots, no heat map"

# two keys, one of whose values (2.5% invalid, above ramp_bounce_max) never
# lets the quota reach any target: those points are drawn on the 'never' line
# and as grey cells
"$SESIM" sweep "$ROOT/scenarios/ramp-to-1m.ini" --vary traffic.all.invalid=0.3%,2.5% \
    --vary policy.ramp_factor=1.2,2 --set sim.duration=20d --reps 2 -o "$T/sw2" -q ||
    fail "two-key sweep failed"
"$SESIM" report "$T/sw2" >/dev/null 2>"$T/stderr" || fail "two keys: $(cat "$T/stderr")"
check_sweep "$T/sw2" png 2
html="$T/sw2/report/index.html"
grep -q 'never reached from <b>2.5%</b> on' "$html" || fail "two keys: the stop at 2.5% is not said"
awk '!/^#/ && NF && $4 == 1' "$T/sw2/report/data/sweep-heat.dat" | grep -q . ||
    fail "two keys: no 'never' cell in the heat map's data"
grep -q 'heat_target = "50k"' "$T/sw2/report/data/sweep.gp" || fail "two keys: heat map not of 50k"
report_sums "$T/sw2"
pass "two-key sweep: $(ls "$T/sw2/report" | grep -c 'png$') plots with a heat map; 2.5% never reaches a target"

# keys that never let the target be reached, anywhere: everything on 'never', still plotted
"$SESIM" sweep "$ROOT/scenarios/ramp-to-1m.ini" --vary traffic.all.invalid=2.5%,4% \
    --vary policy.ramp_factor=1.2,2 --set sim.duration=10d --reps 2 -o "$T/never" -q ||
    fail "never sweep failed"
"$SESIM" report "$T/never" --format svg >/dev/null 2>"$T/stderr" || fail "never: $(cat "$T/stderr")"
check_sweep "$T/never" svg 2
grep -q 'no point reached any target' "$T/never/report/index.html" || fail "never: not said"
pass "a sweep that never reaches a target still plots (svg)"

# without sweep.ini (a copied sweep.csv): keys from its header, a note says so
mkdir "$T/csv-only"
cp "$T/sw1/sweep.csv" "$T/csv-only/"
"$SESIM" report "$T/csv-only" >/dev/null 2>"$T/stderr" || fail "csv only: $(cat "$T/stderr")"
check_sweep "$T/csv-only" png 1
grep -q 'No readable sweep.ini' "$T/csv-only/report/index.html" || fail "csv only: no note"
pass "a sweep.csv alone: plotted from its header"

# a folder's kind is the first of timeseries.csv, sweep.csv, batch.csv it holds:
# with a run's and a sweep's files, the run's report and nothing of the sweep
mkdir "$T/both"
cp "$T/run/timeseries.csv" "$T/sw1/sweep.csv" "$T/both/"
"$SESIM" report "$T/both" >/dev/null 2>"$T/stderr" || fail "both: $(cat "$T/stderr")"
grep -q '<h1>sesim run</h1>' "$T/both/report/index.html" || fail "both: not a run's page"
grep -q 'id="sweep"\|sweep.ini' "$T/both/report/index.html" && fail "both: the sweep is on the run's page"
ls "$T/both/report" | grep -q '^sweep-' && fail "both: sweep plots drawn"
pass "a folder with timeseries.csv and sweep.csv gets a run's report"

# a malformed sweep.csv: exit 2, one line, no report
mkdir "$T/bad-sweep"
printf 'point,x,account,days_to_1k_p50\n1,a,b,soon\n' > "$T/bad-sweep/sweep.csv"
"$SESIM" report "$T/bad-sweep" >"$T/stdout" 2>"$T/stderr"; rc=$?
[ "$rc" = 2 ] || fail "bad sweep.csv: exit $rc, expected 2"
grep -q '^sesim: .*sweep.csv:2: .*not a number' "$T/stderr" || fail "bad sweep.csv: $(cat "$T/stderr")"
[ ! -e "$T/bad-sweep/report" ] || fail "bad sweep.csv: a report appeared"
pass "a malformed sweep.csv exits 2 with one line"

# --- a batch folder: every scenario's report, then the comparison page
mkdir "$T/bs"
for n in 1 2 3; do
    cat > "$T/bs/s$n.ini" <<INI
; Small scenario number $n.
[sim]
duration = $((n + 2))d
interval = 1h
reps = $((n == 2 ? 3 : 1))
targets = 15k
[account.a$n]
[traffic.t]
account = a$n
kind = constant
daily = $((n * 20))k
INI
done
"$SESIM" batch "$T/bs" -o "$T/batch" -q || fail "batch failed"
"$SESIM" report "$T/batch" >"$T/stdout" 2>"$T/stderr" || fail "batch report: $(cat "$T/stderr")"
[ "$(cat "$T/stdout")" = "$T/batch/report/index.html" ] || fail "batch stdout: $(cat "$T/stdout")"
html="$T/batch/report/index.html"
for n in 1 2 3; do
    grep -q ">s$n<" "$html" || fail "batch page does not mention s$n"
    grep -q "Small scenario number $n" "$html" || fail "batch page lacks the title of s$n"
    grep -q "href=\"s$n/report/index.html\"" "$html" || fail "no link to s$n's report"
    [ -s "$T/batch/s$n/report/index.html" ] || fail "s$n/report/index.html missing"
done
check_report "$T/batch" png 3
[ "$(ls "$T/batch/report"/ramp-*.png | wc -l)" = 3 ] || fail "not one panel per scenario"
# a cell against batch.csv: s1's final_max24h (one rep), grouped by thousands
c=$(col "$T/batch/batch.csv" final_max24h)
v=$(awk -F, -v c="$c" '$1 == "s1" { print $c }' "$T/batch/batch.csv")
shown=$(echo "$v" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') # 12345 -> 12,345
grep -q "title=\"$v\">$shown<" "$html" || fail "final_max24h of s1 ($v as $shown) not in the table"
grep -q '<td class="n">3</td>' "$html" || fail "the rep count of s2 is not shown"
report_sums "$T/batch"
pass "batch report: 3 scenario reports, a comparison table, 3 panels on common axes"

# a batch folder whose scenario folder is missing: exit 2, one line, no DIR/report
rm -rf "$T/batch/report"
mv "$T/batch/s2" "$T/batch/gone"
"$SESIM" report "$T/batch" >"$T/stdout" 2>"$T/stderr"; rc=$?
[ "$rc" = 2 ] || fail "missing scenario folder: exit $rc, expected 2"
[ "$(wc -l < "$T/stderr")" = 1 ] || fail "missing scenario folder: $(cat "$T/stderr")"
grep -q "^sesim: $T/batch/s2: no such folder" "$T/stderr" || fail "missing folder: $(cat "$T/stderr")"
[ ! -e "$T/batch/report" ] || fail "missing scenario folder: a report appeared"
ls -a "$T/batch" | grep -q '^\.sesim-' && fail "missing scenario folder: a staging folder is left"
# a malformed batch.csv: exit 2, no DIR/report
mv "$T/batch/gone" "$T/batch/s2"
printf 'name,x\ns1,1\n' > "$T/batch/batch.csv"
"$SESIM" report "$T/batch" >"$T/stdout" 2>"$T/stderr"; rc=$?
[ "$rc" = 2 ] || fail "malformed batch.csv: exit $rc, expected 2"
grep -q "^sesim: $T/batch/batch.csv:1: no scenario, rep and account columns" "$T/stderr" ||
    fail "malformed batch.csv: $(cat "$T/stderr")"
[ ! -e "$T/batch/report" ] || fail "malformed batch.csv: a report appeared"
pass "a batch with a missing scenario folder or a malformed batch.csv exits 2, no report"

# --- the golden checksums of the pages and data files above
if [ -n "${SESIM_GOLDEN_UPDATE:-}" ]; then
    cp "$T/report.sha256" "$ROOT/tests/golden/report.sha256"
    echo "golden: $(wc -l < "$T/report.sha256") report files in tests/golden/report.sha256"
elif ! cmp -s "$ROOT/tests/golden/report.sha256" "$T/report.sha256"; then
    diff "$ROOT/tests/golden/report.sha256" "$T/report.sha256" | grep '^[<>]' | head -20 >&2
    fail "report files differ from tests/golden/report.sha256 (above); if meant, run make golden"
else
    pass "the pages and data files of a run, two sweeps and a batch match tests/golden/report.sha256 ($(wc -l < "$T/report.sha256") files)"
fi

# --- the pages render in a browser, when one is installed
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    for page in run sw2; do
        prof=$(mktemp -d "$T/chrome.XXXXXX")
        timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$prof" --window-size=1280,4000 --screenshot="$T/shot-$page.png" \
            "file://$T/$page/report/index.html" >/dev/null 2>&1
        [ -s "$T/shot-$page.png" ] || fail "chromium made no screenshot of $page"
        [ "$(wc -c < "$T/shot-$page.png")" -gt 50000 ] || fail "screenshot of $page suspiciously small"
    done
    pass "chromium screenshots of a run's and a sweep's page: $(wc -c < "$T/shot-run.png"), $(wc -c < "$T/shot-sw2.png") bytes"
else
    echo "skip $NAME: chromium not installed, no screenshot"
fi
