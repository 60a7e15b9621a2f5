# t_regions.sh: Regions of one account (issue 18; docs/model.md "Regions"):
# failover hands the first Region's overflow to the second; the Regions of one
# account are not related accounts; policy.region_enforcement = account shares
# a review between them, region (the default) does not.
. tests/e2e/lib.sh

# col FILE ACCOUNT N: column N of the summary row of ACCOUNT.
col() { awk -F, -v a="$2" -v n="$3" '$2 == a { print $n }' "$1"; }

# Failover (model.md Regions rule 4): shop-eu's demand is shop's overflow, and
# only shop-eu's overflow reaches the legacy provider ('*' row).
"$SESIM" run "$ROOT/scenarios/two-regions.ini" --set sim.duration=4d -o "$T/fo" -q || fail "failover run failed"
s="$T/fo/summary.csv"
[ "$(col "$s" shop-eu 10)" = "$(col "$s" shop 13)" ] || fail "shop-eu demand $(col "$s" shop-eu 10) != shop overflow $(col "$s" shop 13)"
[ "$(col "$s" '*' 10)" = "$(col "$s" shop 10)" ] || fail "'*' demand is not shop's: $(cat "$s")"
[ "$(col "$s" '*' 13)" = "$(col "$s" shop-eu 13)" ] || fail "'*' overflow is not shop-eu's: $(cat "$s")"
sent=$(( $(col "$s" shop 11) + $(col "$s" shop-eu 11) ))
[ "$(col "$s" '*' 11)" = "$sent" ] || fail "'*' sent $(col "$s" '*' 11) != $sent"
[ "$(col "$s" shop-eu 11)" -gt 0 ] || fail "shop-eu sent nothing"
pass "failover: shop-eu takes shop's overflow $(col "$s" shop 13), the legacy provider $(col "$s" '*' 13)"

# Rule 2: a shared payer does not make two Regions of one account related: the
# sandbox Region gets production without a reason request; two accounts do not.
"$SESIM" run "$ROOT/scenarios/two-regions.ini" --set sim.duration=2d --set account.shop.payer=P \
    --set account.shop-eu.payer=P -o "$T/rel" -q || fail "related run failed"
grep -q ',shop-eu,production_granted,"no related account in production' "$T/rel/events.csv" ||
    fail "Region of the same account treated as related: $(cat "$T/rel/events.csv")"
"$SESIM" run "$ROOT/scenarios/two-regions.ini" --set sim.duration=2d --set account.shop.payer=P \
    --set account.shop-eu.payer=P --set account.shop-eu.region_of= --set account.shop-eu.region= \
    --set account.shop.region= -o "$T/rel2" -q || fail "two-account run failed"
grep -q ',shop-eu,reason_requested,' "$T/rel2/events.csv" ||
    fail "two related accounts: no reason requested: $(cat "$T/rel2/events.csv")"
pass "Regions of one account are not related (production without a reason); two accounts are"

# Rule 3: eu-west-1 sends a bad list; with region_enforcement = account its
# review reaches us-east-1 at the same instant; with region it does not.
write() {
    printf '[sim]\nduration = 5d\nseed = 3\n[account.a]\nregion = us-east-1\nmax24h = 50k\nmax_rate = 10\n'
    printf '[account.b]\nregion = eu-west-1\nregion_of = a\nmax24h = 50k\nmax_rate = 10\n'
    printf '[traffic.good]\naccount = a\ndaily = 20k\ninvalid = 0.5%%\n'
    printf '[traffic.bad]\naccount = b\ndaily = 20k\ninvalid = 7%%\n'
}
write > "$T/enf.ini"
"$SESIM" run "$T/enf.ini" -o "$T/own" -q || fail "region run failed"
"$SESIM" run "$T/enf.ini" --set policy.region_enforcement=account -o "$T/shared" -q || fail "account run failed"
grep -q ',b,review_started,bounce_rate' "$T/own/events.csv" || fail "b not reviewed: $(cat "$T/own/events.csv")"
! grep -q ',a,review_started' "$T/own/events.csv" || fail "region: a reviewed: $(cat "$T/own/events.csv")"
tb=$(grep ',b,review_started,bounce_rate' "$T/shared/events.csv" | head -1 | cut -d, -f1)
ta=$(grep ',a,review_started,another Region of the account under review' "$T/shared/events.csv" | head -1 | cut -d, -f1)
[ -n "$tb" ] && [ "$ta" = "$tb" ] || fail "account: a's review ($ta) is not b's ($tb): $(cat "$T/shared/events.csv")"
pass "region_enforcement: region keeps b's review its own; account starts a's at $ta too"

# Without region keys, scenario.ini says nothing of them (quiet keys).
"$SESIM" run "$ROOT/scenarios/default.ini" --set sim.duration=1d -o "$T/def" -q || fail "default run failed"
! grep -qE '^(region|region_of|route|region_enforcement) ' "$T/def/scenario.ini" || fail "default scenario.ini names a Region key"
pass "a scenario without Regions: scenario.ini has no Region key"
