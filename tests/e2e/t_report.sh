# t_report.sh: `sesim report DIR` draws a run's plots with gnuplot and writes
# DIR/report/index.html: every plot non-empty, png and svg, names with spaces
# and quotes, text from the files escaped, a clear error without gnuplot, usage
# errors exit 2, and (when chromium is installed) the page renders.
. tests/e2e/lib.sh

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

# check_report DIR EXT: index.html and every image it references exist and are
# non-empty files of the right kind; nothing is fetched from the network.
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
    [ "$n" -ge 4 ] || fail "only $n images in $html"
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
ls -a "$T/run" | grep -q '^\.report' && fail "staging folder left behind: $(ls -a "$T/run")"
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

# --- gnuplot missing: exit 1, one line naming the package; the old report stays
mkdir "$T/empty-path"
before=$(ls -l "$T/run/report" | md5sum)
PATH="$T/empty-path" "$SESIM" report "$T/run" >"$T/stdout" 2>"$T/stderr"; rc=$?
[ "$rc" = 1 ] || fail "without gnuplot: exit $rc, expected 1"
[ "$(wc -l < "$T/stderr")" = 1 ] || fail "without gnuplot: $(cat "$T/stderr")"
grep -q '^sesim: .*gnuplot-nox' "$T/stderr" || fail "without gnuplot: $(cat "$T/stderr")"
[ "$(ls -l "$T/run/report" | md5sum)" = "$before" ] || fail "a failed report changed DIR/report"
ls -a "$T/run" | grep -q '^\.report' && fail "staging folder left behind after a failure"
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

# --- a sweep folder: skipped gracefully, said on the page
mkdir "$T/sweep"
printf 'point,account,days_to_50k_mean\n1,a,3\n' > "$T/sweep/sweep.csv"
"$SESIM" report "$T/sweep" >/dev/null 2>"$T/stderr" || fail "sweep folder: $(cat "$T/stderr")"
grep -q 'sweep' "$T/sweep/report/index.html" || fail "no sweep note"
pass "a sweep folder gets a page that says sweep plots are not drawn yet"

# --- the page renders in a browser, when one is installed
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    prof=$(mktemp -d "$T/chrome.XXXXXX")
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$prof" --window-size=1280,4000 --screenshot="$T/shot.png" \
        "file://$T/run/report/index.html" >/dev/null 2>&1
    [ -s "$T/shot.png" ] || fail "chromium made no screenshot"
    [ "$(wc -c < "$T/shot.png")" -gt 50000 ] || fail "screenshot suspiciously small"
    pass "chromium screenshot of the page: $(wc -c < "$T/shot.png") bytes"
else
    echo "skip $NAME: chromium not installed, no screenshot"
fi
