# t_report_tenants.sh: a run with tenants gets the tenants plot in its report
# (issue 18: "the tenants-vs-accounts question ... with its plot in the
# report"): one lane per tenant by status, the mail each sent; a run without
# tenants gets none (its report is unchanged: tests/golden/report.sha256).
. tests/e2e/lib.sh
command -v gnuplot >/dev/null 2>&1 || fail "gnuplot is not installed (Debian package gnuplot-nox)"

# Three tenants of one account under standard; "bad" has 20% invalid
# addresses and is paused by its policy (t_tenants.sh), the others send on.
{ printf '[sim]\nduration = 10d\ninterval = 1d\nseed = 5\n'
  printf '[account.isv]\nmax24h = 200k\nmax_rate = 50\n'
  for t in good1 good2 bad; do printf '[tenant.%s]\naccount = isv\n' $t; done
  for t in good1 good2 bad; do
      inv=1%; [ $t = bad ] && inv=20%
      printf '[traffic.%s]\naccount = isv\ntenant = %s\ndaily = 5k\nlist_size = 500k\ninvalid = %s\n' $t $t $inv
  done; } > "$T/t.ini"
"$SESIM" run "$T/t.ini" -o "$T/run" -q || fail "run failed"
"$SESIM" report "$T/run" > /dev/null || fail "report failed"
r="$T/run/report"
[ -s "$r/tenants.png" ] || fail "no tenants.png: $(ls "$r")"
grep -q 'src="tenants.png"' "$r/index.html" || fail "index.html does not show tenants.png"
grep -q "Held back (a status other than enabled at the end of an interval; first such interval's end): bad day" "$r/index.html" ||
    fail "caption does not name the paused tenant: $(grep -o 'Held back[^<]*' "$r/index.html")"
# lanes: bad is the third tenant, lane 1 (the first on top is lane 3); its
# last run is paused (3), good1 and good2 stay enabled (0) throughout
tail -n 1 "$r/data/tenants-lanes.dat" | awk '$3 == 1 && $4 == 3 { ok = 1 } END { exit !ok }' ||
    fail "bad's last lane is not paused: $(cat "$r/data/tenants-lanes.dat")"
awk '!/^#/ && $3 != 1 && $4 != 0 { bad = 1 } END { exit bad }' "$r/data/tenants-lanes.dat" ||
    fail "a good tenant is not enabled throughout: $(cat "$r/data/tenants-lanes.dat")"
# sent: one block of 10 daily rows per tenant; bad's last day 0, good1's about 5k
[ "$(grep -c '^[0-9]' "$r/data/tenants-sent.dat")" = 30 ] || fail "tenants-sent.dat: $(cat "$r/data/tenants-sent.dat")"
pass "a run with tenants: tenants.png, the paused tenant's lane and caption, 3 x 10 sent rows"

# Without tenants: no tenants plot, no tenant data files.
printf '[sim]\nduration = 3d\ninterval = 1d\n[account.a]\n[traffic.t]\ndaily = 1k\n' > "$T/plain.ini"
"$SESIM" run "$T/plain.ini" -o "$T/plain" -q && "$SESIM" report "$T/plain" > /dev/null || fail "plain run failed"
! ls "$T/plain/report" "$T/plain/report/data" | grep -q tenants || fail "tenant files in a run without tenants"
pass "a run without tenants: no tenants plot"
