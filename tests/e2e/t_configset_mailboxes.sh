# t_configset_mailboxes.sh: a configuration set's own IP pool judged by the
# mailbox providers (issue 18; docs/model.md "A configuration set's own pool
# at the providers"): the set's cold IPs defer while the account's warm
# shared pool does not; the set's IPs start as new IPs do (allowance x the
# set's IPs, new_reputation); the rows name the set; books balance.
. tests/e2e/lib.sh

"$SESIM" run scenarios/configset-ips.ini --set sim.reps=1 -o "$T/cs" -q || fail "run failed"
mb="$T/cs/mailboxes.csv"
# rule 1/3: the set's IPs defer, the account's shared pool (its own stream and
# the ip_pool = shared set `receipts`) never does; exact at seed 18
got=$(awk -F, 'NR > 1 {s[$6] += $7; d[$6] += $11} END {printf "%d %d %d %d", s["configset.newsletter"], d["configset.newsletter"], s["shared"], d["shared"]}' "$mb")
[ "$got" = "6102756 1708501 2440026 0" ] || fail "set IPs sent/deferred, shared sent/deferred: $got"
! grep -q ',dedicated,' "$mb" || fail "the account has no dedicated IPs, yet a dedicated row"
! grep -q 'configset.receipts' "$mb" || fail "a shared-pool set got rows of its own"
pass "the set's cold IPs deferred 1708501 of 6102756 (28.0%); the account's shared pool 0 of 2440026"

# rule 2: day one of the set's IPs: allowance x 2 IPs, reputation new_reputation
d1=$(awk -F, '$2 == "1.000000" && $6 == "configset.newsletter" {printf "%s:%s:%s ", $5, $17, $14}' "$mb")
[ "$d1" = "gmail:4000:0.500000 microsoft:40000:0.500000 yahoo:10000:0.500000 other:20000:0.500000 " ] ||
    fail "day one of the set's IPs: $d1"
pass "day one of the set's IPs: allowance x 2 IPs (4000, 40000, 10000, 20000), reputation 0.5"

# conservation per (account, provider, pool), as t_mailboxes.sh
awk -F, 'NR > 1 {k = $4 "," $5 "," $6; s[k] += $7; d[k] += $8; b[k] += $12; e[k] += $15; r[k] = $16}
         END {for (k in s) if (s[k] != d[k] + b[k] + e[k] + r[k]) {print k; bad = 1}; exit bad}' "$mb" > "$T/cons" ||
    fail "conservation broken: $(cat "$T/cons")"
# summary.csv's mailbox columns count the set's pool: mailbox_sent = every row's sent
col() { head -1 "$1" | tr , '\n' | grep -nx "$2" | cut -d: -f1; }
c=$(col "$T/cs/summary.csv" mailbox_sent)
ms=$(awk -F, -v c="$c" 'NR == 2 {print $c}' "$T/cs/summary.csv")
[ "$ms" = "$(awk -F, 'NR > 1 {s += $7} END {print s}' "$mb")" ] || fail "summary mailbox_sent $ms"
pass "books balance per sender; summary.csv's mailbox_sent ($ms) counts the set's pool"

# the same stream over the account's own cold IPs: the same day-one allowance
# (the set's IPs are judged as an account's dedicated pool is)
printf '[sim]\nduration = 2d\ninterval = 1d\ntick = auto\nseed = 5\nmailboxes = on\n[account.main]\nmax24h = 1M\nmax_rate = 50\nip_pool = standard\ndedicated_ips = 2\nwarmup = off\n[traffic.news]\nkind = constant\ndaily = 300k\nlist_size = 5M\n' > "$T/acct.ini"
"$SESIM" run "$T/acct.ini" -o "$T/acct" -q || fail "account pool run failed"
a1=$(awk -F, '$2 == "1.000000" && $6 == "dedicated" {printf "%s:%s:%s ", $5, $17, $14}' "$T/acct/mailboxes.csv")
[ "$a1" = "$d1" ] || fail "account's IPs day one $a1, the set's $d1"
pass "an account's own 2 cold IPs start as the set's do ($a1)"

# a managed set pool: what the providers' allowances leave goes to the shared
# pool, counted in configsets-ips.csv's shared column; accepted, not deferred
sed 's/^ip_pool = standard/ip_pool = managed/' scenarios/configset-ips.ini > "$T/managed.ini"
"$SESIM" run "$T/managed.ini" --set sim.reps=1 --set sim.duration=3d -o "$T/m" -q || fail "managed run failed"
sh=$(awk -F, 'NR > 1 {s += $10} END {print s + 0}' "$T/m/configsets-ips.csv")
awk -v x="$sh" 'BEGIN {exit !(x > 0)}' || fail "managed set pool: nothing over the shared pool"
dm=$(awk -F, 'NR > 1 && $6 == "configset.newsletter" {d += $11} END {print d + 0}' "$T/m/mailboxes.csv")
[ "$dm" = 0 ] || fail "managed set pool deferred $dm"
pass "a managed set pool sends $sh over the shared pool and defers nothing on its IPs"
