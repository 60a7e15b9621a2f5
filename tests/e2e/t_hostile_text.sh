# t_hostile_text.sh: text a user wrote never attacks its reader (issue 17,
# class 2). Messages on a terminal show control characters as '?' whatever
# their source (a batch file named with an OSC title sequence, an -o folder);
# CSV cells carrying user text (account names, a batch's scenario names,
# --vary values) that a spreadsheet would run as a formula (= + - @) start with
# an apostrophe, numbers stay as they are, and sesim's own readers (report,
# merge) read the text back.
. tests/e2e/lib.sh

ESC=$(printf '\033') BEL=$(printf '\007')

# no_control FILE WHAT: FILE holds no ESC or BEL byte.
no_control() {
    if grep -q "[$ESC$BEL]" "$1"; then fail "$2: a control character reached the terminal"; fi
}

# --- a batch whose file name sets the terminal's title, and does not validate
mkdir -p "$T/b"
printf '[sim]\ncolour = red\n' > "$T/b/x${ESC}]0;pwned${BEL}.ini"
"$SESIM" batch "$T/b" -o "$T/bo" -q 2> "$T/err"; rc=$?
[ "$rc" = 2 ] || fail "batch of a bad scenario: exit $rc, expected 2"
no_control "$T/err" "batch"
grep -q "x?]0;pwned?.ini:2: unknown key 'colour' in \[sim\]" "$T/err" ||
    fail "batch: the file name is not shown with '?': $(cat "$T/err")"
pass "a batch file named with an OSC sequence is shown as x?]0;pwned?.ini"

# --- the folder a run names on stdout
cat > "$T/one.ini" <<'INI'
[sim]
duration = 1d
[account.a]
INI
"$SESIM" run "$T/one.ini" -o "$T/o${ESC}[2J" > "$T/out" || fail "run into a folder named with ESC failed"
no_control "$T/out" "run's 'wrote' line"
grep -q "o?\[2J/timeseries.csv" "$T/out" || fail "run: the folder is not shown with '?': $(cat "$T/out")"
pass "the folder of 'sesim: wrote ...' is shown with '?'"

# --- CSV cells
# cell FILE ROW COL: the raw text of one cell (no quoted commas in these files).
cell() { awk -F, -v r="$2" -v c="$3" 'NR == r { print $c }' "$1"; }

cat > "$T/acc.ini" <<'INI'
[sim]
duration = 2d
reps = 2
[account.-A1]
payer = p
[account.-2]
payer = p
[traffic.t]
account = -A1, -2
daily = 20k
INI
"$SESIM" run "$T/acc.ini" -o "$T/acc" -q || fail "run of accounts -A1 and -2 failed"
for f in timeseries summary bands events; do
    c=$(col "$T/acc/$f.csv" account)
    n=$(awk -F, -v c="$c" 'NR > 1 && $c == "'"'"'-A1"' "$T/acc/$f.csv" | wc -l)
    [ "$n" -gt 0 ] || fail "$f.csv: no cell '-A1 (the account -A1, guarded)"
    awk -F, -v c="$c" 'NR > 1 && $c == "-A1"' "$T/acc/$f.csv" | grep -q . &&
        fail "$f.csv: a bare -A1 cell, which a spreadsheet runs as =-A1"
    awk -F, -v c="$c" 'NR > 1 && $c == "-2"' "$T/acc/$f.csv" | grep -q . ||
        fail "$f.csv: the account -2 (a number) is not left as it is"
done
"$SESIM" report "$T/acc" -q || fail "report of the run with accounts -A1 and -2 failed"
grep -q '<b>-A1</b>' "$T/acc/report/index.html" || fail "report: the account is not shown as -A1"
pass "account names: '-A1 in timeseries, summary, bands and events; -2 kept; the report shows -A1"

mkdir -p "$T/names"
for n in '=1+1' '@SUM(A1)' '+x' '-1' "'q" 'plain'; do
    printf '[sim]\nduration = 1d\n[account.a]\n' > "$T/names/$n.ini"
done
"$SESIM" batch "$T/names" -o "$T/nb" -q || fail "batch of hostile names failed"
got=$(cut -d, -f1 "$T/nb/batch.csv" | tr '\n' ' ')
[ "$got" = "scenario ''q '+x -1 '=1+1 '@SUM(A1) plain " ] ||
    fail "batch.csv scenario cells: $got"
"$SESIM" report "$T/nb" -q || fail "report of the batch of hostile names failed"
for link in '%3D1%2B1' '%40SUM%28A1%29' '%2Bx' '%27q'; do
    grep -q "href=\"$link/report/index.html\"" "$T/nb/report/index.html" ||
        fail "batch report: no link to $link"
done
pass "batch.csv: scenarios '=1+1, '@SUM(A1), '+x, ''q guarded, -1 and plain kept; its report links them"

# tenant and account names in the tenant files are guarded too (they were
# written bare: -T1 ran as a formula)
cat > "$T/ten.ini" <<'INI'
[sim]
duration = 1d
[account.-A1]
[tenant.-T1]
account = -A1
[traffic.-s]
account = -A1
tenant = -T1
daily = 1k
INI
"$SESIM" run "$T/ten.ini" -o "$T/ten" -q || fail "run of tenant -T1 failed"
[ "$(cut -d, -f4,5 "$T/ten/tenants.csv" | sed -n 2p)" = "'-T1,'-A1" ] &&
    [ "$(cut -d, -f2,3 "$T/ten/tenants-summary.csv" | sed -n 2p)" = "'-T1,'-A1" ] ||
    fail "tenant files: $(sed -n 2p "$T/ten/tenants.csv")"
pass "tenants.csv and tenants-summary.csv: '-T1 and '-A1 guarded"

# account and provider names in ips.csv and mailboxes.csv are guarded too
# (they were written bare: -A1 and -M1 ran as formulas)
cat > "$T/ip.ini" <<'INI'
[sim]
duration = 2d
mailboxes = on
[account.-A1]
max24h = 100k
max_rate = 10
ip_pool = standard
dedicated_ips = 1
[mailbox.other]
share = 0%
[mailbox.-M1]
share = 20%
[traffic.-s]
account = -A1
daily = 1k
INI
"$SESIM" run "$T/ip.ini" -o "$T/ip" -q || fail "run with dedicated IPs of -A1 failed"
[ "$(cut -d, -f4 "$T/ip/ips.csv" | sed -n 2p)" = "'-A1" ] || fail "ips.csv: $(sed -n 2p "$T/ip/ips.csv")"
cut -d, -f4,5 "$T/ip/mailboxes.csv" | grep -qx "'-A1,'-M1" ||
    fail "mailboxes.csv: $(grep -- -M1 "$T/ip/mailboxes.csv" | head -1)"
cut -d, -f4,5 "$T/ip/mailboxes.csv" | grep -q "^-\|,-" && fail "mailboxes.csv: a bare -A1 or -M1"
pass "ips.csv and mailboxes.csv: '-A1 and '-M1 guarded"

"$SESIM" sweep "$T/acc.ini" --vary "account.-A1.payer=@evil,=1+2,plain" \
    --vary "traffic.t.growth=-1%,1%" --reps 1 -o "$T/sw" -q || fail "sweep of hostile values failed"
[ "$(cell "$T/sw/runs.csv" 2 2),$(cell "$T/sw/runs.csv" 2 3)" = "'@evil,-1%" ] ||
    fail "runs.csv: $(sed -n 2p "$T/sw/runs.csv")"
awk -F, 'NR > 1 && $2 == "'"'"'=1+2"' "$T/sw/sweep.csv" | grep -q . ||
    fail "sweep.csv: no cell '=1+2: $(cut -d, -f2 "$T/sw/sweep.csv" | tr '\n' ' ')"
awk -F, 'NR > 1 && $2 == "=1+2"' "$T/sw/sweep.csv" | grep -q . && fail "sweep.csv: a bare =1+2 cell"
"$SESIM" report "$T/sw" -q || fail "report of the sweep of hostile values failed"
grep -q "'@evil" "$T/sw/report/index.html" && fail "sweep report shows the guard: '@evil"
"$SESIM" sweep "$T/acc.ini" --vary "account.-A1.payer=@evil,=1+2,plain" --vary "traffic.t.growth=-1%,1%" \
    --reps 1 -o "$T/sh1" --shard 1/2 -q && "$SESIM" sweep "$T/acc.ini" --vary "account.-A1.payer=@evil,=1+2,plain" \
    --vary "traffic.t.growth=-1%,1%" --reps 1 -o "$T/sh2" --shard 2/2 -q &&
    "$SESIM" merge "$T/sh1" "$T/sh2" -o "$T/merged" -q || fail "sharded sweep or merge failed"
cmp -s "$T/sw/runs.csv" "$T/merged/runs.csv" || fail "merge: runs.csv differs from the unsharded sweep"
pass "runs.csv and sweep.csv: '@evil, '=1+2 guarded, -1% kept; report and merge read them back"
