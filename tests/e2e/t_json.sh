# t_json.sh: --json on run, sweep and batch prints one JSON document on stdout
# (nothing else there): command, status, outdir, error, the files written and
# the rows of summary.csv / sweep.csv / batch.csv, numbers as numbers
# (docs/formats.md, "JSON summaries"). Read back with python3's json module.
. tests/e2e/lib.sh
command -v python3 >/dev/null 2>&1 || { echo "skip $NAME: python3 not installed (apt-get install python3)"; exit 0; }

# py FILE EXPR: print EXPR evaluated on the JSON document d in FILE.
py() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"; }

"$SESIM" run "$ROOT/scenarios/bad-list.ini" --reps 2 -o "$T/run" --json > "$T/run.json" || fail "run --json: exit $?"
[ "$(py "$T/run.json" 'd["command"], d["status"], len(d["files"]), len(d["summary"])')" = "run 0 5 2" ] \
    || fail "run: $(head -c 400 "$T/run.json")"
[ "$(py "$T/run.json" 'd["files"][4]')" = "$T/run/bands.csv" ] || fail "run: files $(py "$T/run.json" 'd["files"]')"
want=$(awk -F, -v c="$(col "$T/run/summary.csv" total_sent)" 'NR == 3 { print $c }' "$T/run/summary.csv")
[ "$(py "$T/run.json" 'd["summary"][1]["total_sent"]')" = "$want" ] || fail "run: total_sent of rep 2 is not $want"
[ "$(py "$T/run.json" 'd["summary"][0]["days_to_1M"], d["summary"][0]["final_status"]')" = "None $(awk -F, 'NR == 2 { print $3 }' "$T/run/summary.csv")" ] \
    || fail "run: an empty cell is not null or the status not text"
pass "run: status, files (bands.csv too), summary rows with numbers and null"

"$SESIM" sweep "$ROOT/scenarios/migration.ini" --vary traffic.shift.sender=overflow,drop -o "$T/sw" -j 2 --json \
    > "$T/sw.json" 2> "$T/sw.err" || fail "sweep --json: exit $?"
[ ! -s "$T/sw.err" ] || fail "sweep --json wrote on stderr: $(cat "$T/sw.err")"
[ "$(py "$T/sw.json" 'd["status"], [f.split("/")[-1] for f in d["files"]], len(d["sweep"]), d["sweep"][1]["traffic.shift.sender"]')" \
    = "0 ['runs.csv', 'sweep.csv', 'sweep.ini'] 2 drop" ] || fail "sweep: $(head -c 400 "$T/sw.json")"
pass "sweep: status, files, one row per point"

"$SESIM" batch "$ROOT/scenarios/default.ini" "$ROOT/scenarios/complaints.ini" -o "$T/b" --json > "$T/b.json" \
    || fail "batch --json: exit $?"
[ "$(py "$T/b.json" 'd["status"], len(d["files"]), sorted(set(r["scenario"] for r in d["batch"]))')" \
    = "0 1 ['complaints', 'default']" ] || fail "batch: $(head -c 400 "$T/b.json")"
pass "batch: status, batch.csv and its rows"

"$SESIM" run "$T/none.ini" -o "$T/bad" --json > "$T/bad.json" 2> "$T/bad.err"; rc=$?
[ "$rc" = 2 ] || fail "a missing scenario: exit $rc"
[ "$(py "$T/bad.json" 'd["status"], d["files"], "cannot open" in d["error"]')" = "2 [] True" ] \
    || fail "bad input: $(cat "$T/bad.json")"
[ "$(wc -l < "$T/bad.err")" = 1 ] || fail "bad input: not one line on stderr"
[ ! -e "$T/bad" ] || fail "bad input left $T/bad"
pass "bad input: status 2 and the error in the JSON, the one line on stderr, no output"

# plan: the files, plan.csv's days and the candidates; also when no plan meets the constraints
printf '[sim]\nduration = 30d\n[account.main]\n[traffic.t]\nkind = diurnal\ndaily = 150k\nsender = overflow\n' \
    > "$T/plain.ini"
"$SESIM" plan "$T/plain.ini" --target 100k --by 14d -o "$T/p" --json > "$T/p.json" 2> "$T/p.err" ||
    fail "plan --json: exit $?"
[ ! -s "$T/p.err" ] || fail "plan --json wrote on stderr: $(cat "$T/p.err")"
[ "$(py "$T/p.json" 'd["command"], d["status"], [f.split("/")[-1] for f in d["files"]], len(d["plan"]) == sum(1 for _ in open(d["files"][1])) - 1, len(d["candidates"]) > 1')" \
    = "plan 0 ['plan.txt', 'plan.csv', 'plan.ini', 'candidates.csv'] True True" ] || fail "plan: $(head -c 400 "$T/p.json")"
want=$(awk -F, 'NR == 15 { print $2 }' "$T/p/plan.csv")
[ "$(py "$T/p.json" 'd["plan"][13][list(d["plan"][13])[1]]')" = "$want" ] || fail "plan: day 14's cap is not $want"
"$SESIM" plan "$T/plain.ini" --target 1M --by 7d -o "$T/no" --json > "$T/no.json" 2>/dev/null; rc=$?
[ "$rc" = 1 ] || fail "plan --json out of reach: exit $rc"
[ "$(py "$T/no.json" 'd["status"], "no plan meets" in d["error"], len(d["files"]), len(d["plan"]) > 0')" = "1 True 4 True" ] ||
    fail "plan out of reach: $(head -c 400 "$T/no.json")"
pass "plan: status, files, plan.csv's days and the candidates as rows; exit 1 with the reason and the best plan's files"
