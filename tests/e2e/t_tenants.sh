# t_tenants.sh: tenants (issue 18): a tenant's policy pauses the tenant, not
# the account; its mail rolls up into the account's metrics; tenant files are
# written only when the scenario has tenants.
. tests/e2e/lib.sh

write() { # write NAME POLICY [extra lines]
    name=$1; policy=$2; shift 2
    { printf '[sim]\nduration = 20d\ninterval = 1d\nseed = 5\n'
      printf '[account.isv]\nmax24h = 200k\nmax_rate = 50\n'
      for t in good1 good2 bad; do printf '[tenant.%s]\naccount = isv\npolicy = %s\n' $t "$policy"; done
      for t in good1 good2 bad; do
          inv=1%; [ $t = bad ] && inv=20%
          printf '[traffic.%s]\naccount = isv\ntenant = %s\ndaily = 5k\nlist_size = 500k\ninvalid = %s\n' $t $t $inv
      done
      for line in "$@"; do printf '%s\n' "$line"; done; } > "$T/$name.ini"
    "$SESIM" run "$T/$name.ini" -o "$T/$name" -q || fail "$name: run failed"
}

# standard (dg/tenants: the policy pauses on high-impact findings): the tenant
# with 20% invalid addresses is paused; the others keep sending to the end.
write std standard
ev="$T/std/events.csv"; tn="$T/std/tenants.csv"
grep -q ',isv,tenant_paused,"tenant bad: ' "$ev" || fail "bad tenant not paused: $(cat "$ev")"
! grep -q 'tenant good' "$ev" || fail "a good tenant has events: $(cat "$ev")"
! grep -q ',isv,paused,' "$ev" || fail "the account was paused: $(cat "$ev")"
last=$(tail -n 3 "$tn")
echo "$last" | grep -q ',bad,isv,standard,paused,high,' || fail "bad not paused at the end: $last"
for t in good1 good2; do
    row=$(echo "$last" | grep ",$t,isv,")
    sent=$(echo "$row" | cut -d, -f10)
    [ "$sent" -gt 4000 ] || fail "$t sent $sent on the last day: $row"
done
bad_sent=$(echo "$last" | grep ',bad,' | cut -d, -f10)
[ "$bad_sent" = 0 ] || fail "paused tenant sent $bad_sent"
pass "standard: the 20% tenant paused, the others send to the end, the account not paused"

# none: the policy never pauses; its mail still counts in the account's
# metrics, which puts the whole account under review (the roll-up).
write none none
ev="$T/none/events.csv"
! grep -q 'tenant_paused' "$ev" || fail "none paused a tenant: $(cat "$ev")"
grep -q ',isv,review_started,bounce_rate' "$ev" || fail "account not reviewed: $(cat "$ev")"
pass "none: no tenant paused; the bad tenant's mail puts the account under review"

# The owner reinstates after 2 days: lists cleaned, the tenant sends again.
write back standard
sed -i '/^\[tenant.bad\]/a reinstate_after = 2d' "$T/back.ini"
"$SESIM" run "$T/back.ini" -o "$T/back" -q || fail "back: run failed"
grep -q 'tenant_reinstated,"tenant bad' "$T/back/events.csv" || fail "not reinstated: $(cat "$T/back/events.csv")"
pass "reinstate_after: the paused tenant is reinstated ($(grep -c tenant_ "$T/back/events.csv") tenant events)"

# No tenants: no tenant files.
printf '[sim]\nduration = 2d\n[account.a]\n[traffic.t]\ndaily = 1k\n' > "$T/plain.ini"
"$SESIM" run "$T/plain.ini" -o "$T/plain" -q || fail "plain: run failed"
[ ! -e "$T/plain/tenants.csv" ] && [ ! -e "$T/plain/tenants-summary.csv" ] || fail "tenant files without tenants"
! grep -q '^tenant' "$T/plain/scenario.ini" || fail "scenario.ini has a tenant key"
pass "no tenants: no tenant files, scenario.ini unchanged"
