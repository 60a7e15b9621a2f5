/* test_mailbox.c: the mailbox providers' published rules, exactly, and the
 * layer's bookkeeping.
 *   Gmail (support.google.com/a/answer/81126, 2024): bulk sender = 5,000 or
 *     more messages to personal Gmail accounts in 24 hours; bulk senders need
 *     SPF, DKIM and DMARC; every sender SPF or DKIM; keep the spam rate below
 *     0.3%, mitigation after 7 consecutive days below it. Yahoo: the same
 *     (senders.yahooinc.com, 2024).
 *   Microsoft (Outlook.com high-volume senders, 2025): over 5,000 a day needs
 *     SPF, DKIM and DMARC; rejected with 550 5.7.515 from 2025-05-05. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/units.h"
#include "models/mailbox.h"
#include "suite.h"

static int64_t when(const char *iso)
{
    int64_t t = 0;
    sim_err e;
    CU_ASSERT_EQUAL_FATAL(units_datetime(iso, &t, &e), 0);
    return t;
}

static scn_mailbox provider(const char *name)
{
    scn_mailbox p = {.spam_rate_days = 7, .bounce_weight = 10, .trap_share = 0.01,
                     .trap_weight = 100, .spam_weight = 100, .spam_reputation = 0.5,
                     .spam_content = 0.5};
    p.auth_volume = strtod(mbx_default_of(name, "auth_volume"), NULL);
    p.auth_from = when(mbx_default_of(name, "auth_from"));
    p.auth_any = !strcmp(mbx_default_of(name, "auth_any"), "on") ? SCN_ON : SCN_OFF;
    p.spam_rate_limit = !strcmp(mbx_default_of(name, "spam_rate_limit"), "0.3%") ? 0.003 : 0;
    return p;
}

#define DOMAIN(S, K, M) (&(scn_account){.name = "a", .spf = (S), .dkim = (K), .dmarc = (M)})

/* Microsoft: 5,000 a day pass unauthenticated; the 5,001st is rejected, and
 * every later message (the sender is high-volume now); not before 2025-05-05. */
static void test_microsoft_5000(void)
{
    scn_mailbox p = provider("microsoft");
    const scn_account *none = DOMAIN(SCN_ON, SCN_ON, SCN_OFF), *full = DOMAIN(SCN_ON, SCN_ON, SCN_ON);
    int64_t t = when("2025-05-05T00:00:00Z");
    int bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, none, t, 0, 5000, &bulk), 0);
    CU_ASSERT_EQUAL(bulk, 0);
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, none, t, 5000, 1, &bulk), 1);
    CU_ASSERT_EQUAL(bulk, 1);
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, none, t, 0, 10, &bulk), 10); /* next day: still bulk */
    bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, none, t, 4990, 20, &bulk), 10); /* 5,001st to 5,010th */
    bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, none, t - 1, 0, 100000, &bulk), 0); /* 2025-05-04 */
    bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, full, t, 0, 100000, &bulk), 0);
    CU_ASSERT_EQUAL(bulk, 1);
    /* no SPF-or-DKIM rule for all senders at Microsoft: a sender under 5,001 passes */
    bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&p, DOMAIN(SCN_OFF, SCN_OFF, SCN_OFF), t, 0, 5000, &bulk), 0);
}

/* Gmail and Yahoo: 5,000 or more makes a bulk sender (the 5,000th message is
 * a bulk sender's); every sender needs SPF or DKIM; from 2024-02-01. */
static void test_gmail_yahoo_bulk(void)
{
    const char *names[] = {"gmail", "yahoo"};
    for (int i = 0; i < 2; i++) {
        scn_mailbox p = provider(names[i]);
        const scn_account *no_dmarc = DOMAIN(SCN_ON, SCN_ON, SCN_OFF);
        int64_t t = when("2024-02-01T00:00:00Z");
        int bulk = 0;
        CU_ASSERT_EQUAL(mbx_auth_blocks(&p, no_dmarc, t, 0, 4999, &bulk), 0);
        CU_ASSERT_EQUAL(mbx_auth_blocks(&p, no_dmarc, t, 4999, 1, &bulk), 1);
        bulk = 0;
        CU_ASSERT_EQUAL(mbx_auth_blocks(&p, DOMAIN(SCN_OFF, SCN_ON, SCN_OFF), t, 0, 10, &bulk), 0);
        CU_ASSERT_EQUAL(mbx_auth_blocks(&p, DOMAIN(SCN_OFF, SCN_OFF, SCN_ON), t, 0, 10, &bulk), 10);
        CU_ASSERT_EQUAL(mbx_auth_blocks(&p, DOMAIN(SCN_OFF, SCN_OFF, SCN_ON), t - 1, 0, 10, &bulk), 0);
    }
    scn_mailbox other = provider("other");
    int bulk = 0;
    CU_ASSERT_EQUAL(mbx_auth_blocks(&other, DOMAIN(SCN_OFF, SCN_OFF, SCN_OFF),
                                    when("2026-01-01T00:00:00Z"), 0, 100000, &bulk), 0);
}

/* The spam-rate rule: a day at 0.3% or more breaks it (0.2999% does not); it
 * is lifted after 7 consecutive days below; a day at or over restarts the count. */
static void test_spam_rate_rule(void)
{
    scn_mailbox p = provider("gmail");
    int broken = 0;
    int64_t clean = 0;
    mbx_spam_rule(&p, 1000000, 2999, &broken, &clean);
    CU_ASSERT_EQUAL(broken, 0);
    mbx_spam_rule(&p, 1000000, 3000, &broken, &clean);
    CU_ASSERT_EQUAL(broken, 1);
    for (int d = 0; d < 6; d++)
        mbx_spam_rule(&p, 1000000, 2500, &broken, &clean);
    CU_ASSERT_EQUAL(broken, 1);
    CU_ASSERT_EQUAL(clean, 6);
    mbx_spam_rule(&p, 1000000, 4000, &broken, &clean);
    CU_ASSERT_EQUAL(clean, 0);
    for (int d = 0; d < 7; d++)
        mbx_spam_rule(&p, 1000000, 2500, &broken, &clean);
    CU_ASSERT_EQUAL(broken, 0);
    scn_mailbox ms = provider("microsoft"); /* no spam-rate rule published */
    broken = 0;
    mbx_spam_rule(&ms, 1000, 500, &broken, &clean);
    CU_ASSERT_EQUAL(broken, 0);
}

/* The day's score and the spam-folder share (assumptions, docs/model.md). */
static void test_score_and_folder(void)
{
    scn_mailbox p = provider("gmail");
    ASSERT_NEAR(mbx_day_score(&p, 1000, 0, 1000, 0), 1.0, 1e-12);
    ASSERT_NEAR(mbx_day_score(&p, 1000, 10, 1000, 0), 1 - 11 * 0.01, 1e-12);
    ASSERT_NEAR(mbx_day_score(&p, 1000, 0, 1000, 4), 1 - 0.4, 1e-12);
    ASSERT_NEAR(mbx_day_score(&p, 1000, 1000, 0, 0), 0.0, 1e-12);
    ASSERT_NEAR(mbx_spam_folder_share(&p, 1, 1), 0.0, 1e-12);
    ASSERT_NEAR(mbx_spam_folder_share(&p, 0.8, 0.9), 0.15, 1e-12);
    ASSERT_NEAR(mbx_spam_folder_share(&p, 0, 0), 1.0, 1e-12);
}

/* The sending domain (assumptions, docs/model.md): the reputation judged is
 * (1 - domain_weight) r + domain_weight rD; a dedicated sender's allowance is
 * at least allowance x IPs + allowance_growth x domain_credit x hD; without a
 * domain, or on the shared pool, the sender's own. */
static void test_domain_rules(void)
{
    scn_mailbox p = provider("gmail");
    p.allowance = 2000;
    p.allowance_growth = 0.5;
    p.domain_weight = 0.5;
    p.domain_credit = 0.5;
    ASSERT_NEAR(mbx_judged_reputation(&p, 0.5, 0.9, 0), 0.7, 1e-12);
    ASSERT_NEAR(mbx_judged_reputation(&p, 0.5, 0.9, -1), 0.5, 1e-12);
    p.domain_weight = 0.2;
    ASSERT_NEAR(mbx_judged_reputation(&p, 0.5, 1.0, 3), 0.6, 1e-12);
    mbx_sender ip = {.dedicated = 1, .allowance = 4000};
    /* 2 IPs: 2 x 2,000 + 0.5 x 0.5 x 1M = 254,000 */
    ASSERT_NEAR(mbx_ip_allowance(&p, &ip, 2, 1e6, 0), 254000, 1e-9);
    ASSERT_NEAR(mbx_ip_allowance(&p, &ip, 2, 1e6, -1), 4000, 1e-9);
    ip.allowance = 300000; /* its own history is worth more: its own */
    ASSERT_NEAR(mbx_ip_allowance(&p, &ip, 2, 1e6, 0), 300000, 1e-9);
    mbx_sender shared = {.dedicated = 0, .allowance = INFINITY};
    CU_ASSERT(isinf(mbx_ip_allowance(&p, &shared, 2, 1e6, 0)));
}

/* A stream's provider shares: those it names, the rest shared by the others
 * in proportion to their own shares; they sum to 100% (conservation). */
static void test_stream_shares(void)
{
    sim_err err;
    scenario *s = scn_create();
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, "[sim]\nmailboxes = on\n[account.a]\n"
                                             "[traffic.t]\nmailbox.gmail = 60%\n"
                                             "[traffic.u]\n[traffic.v]\nmailbox.yahoo = 0%\n"
                                             "mailbox.other = 0%\n", "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL_FATAL(s->n_mailboxes, 4); /* gmail 40%, microsoft 25%, yahoo 15%, other 20% */
    const double *t = s->traffic[0].mailbox_share, *v = s->traffic[2].mailbox_share;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NULL(s->traffic[1].mailbox_share); /* no key: the providers' shares */
    ASSERT_NEAR(t[0], 0.6, 1e-15);
    ASSERT_NEAR(t[1], 0.4 * 25 / 60, 1e-15);
    ASSERT_NEAR(t[2], 0.4 * 15 / 60, 1e-15);
    ASSERT_NEAR(t[3], 0.4 * 20 / 60, 1e-15);
    ASSERT_NEAR(t[0] + t[1] + t[2] + t[3], 1, 1e-15);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v); /* yahoo and other out: gmail 40/65, microsoft 25/65 */
    ASSERT_NEAR(v[0], 40.0 / 65, 1e-15);
    ASSERT_NEAR(v[1], 25.0 / 65, 1e-15);
    CU_ASSERT_EQUAL(v[2], 0);
    CU_ASSERT_EQUAL(v[3], 0);
    CU_ASSERT_EQUAL(s->traffic[0].domain_index, -1);
    /* --set reaches a stream's share: traffic.NAME.mailbox.PROVIDER */
    CU_ASSERT_EQUAL(scn_set(s, "traffic.u.mailbox.other=100%", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->traffic[1].mailbox_share);
    CU_ASSERT_EQUAL(s->traffic[1].mailbox_share[0], 0);
    CU_ASSERT_EQUAL(s->traffic[1].mailbox_share[3], 1);
    scn_destroy(s);
}

static void no_feedback(void *origin, const mbx_feedback *f) { (void)origin, (void)f; }

/* A configuration set's own pool (docs/model.md, "A configuration set's own
 * pool at the providers"): one provider with allowance 1,000 per IP; a set
 * with 2 standard IPs, no warm-up, sends 5,000 (owner 1): its IPs take 2,000
 * and defer 3,000; the account's shared pool (owner 0) takes its own 5,000
 * and the set's receipts over ip_pool = shared (owner 2) whole, as the
 * account's shared sender's: no set-shared row. */
static void test_configset_pool(void)
{
    scn_account acct = {.name = "main", .ip_pool = IP_POOL_SHARED, .dedicated_ips = 1};
    scn_tenant sets[2] = {{.name = "news", .configset = 1, .ip_pool = CONFIGSET_POOL_STANDARD},
                          {.name = "receipts", .configset = 1, .ip_pool = CONFIGSET_POOL_SHARED}};
    scn_mailbox prov = provider("other");
    prov.name = "other", prov.share = 1, prov.allowance = 1000, prov.new_reputation = 0.5;
    prov.shared_reputation = 0.9, prov.block_below = 0.2, prov.feedback_loop = SCN_ON;
    scenario scn = {.accounts = &acct, .n_accounts = 1, .configsets = sets, .n_configsets = 2,
                    .mailboxes = &prov, .n_mailboxes = 1};
    scn_account news = {.name = "news", .ip_pool = IP_POOL_STANDARD, .dedicated_ips = 2,
                        .warmup = WARMUP_OFF};
    scn_account receipts = {.name = "receipts", .ip_pool = IP_POOL_SHARED, .dedicated_ips = 1};
    ippool pa, pn, pr;
    ippool_init(&pa, &acct), ippool_init(&pn, &news), ippool_init(&pr, &receipts);
    ippool *pools[3] = {&pa, &pn, &pr};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    mailboxes m;
    mbx_init(&m, &scn, pools, r, no_feedback);
    CU_ASSERT_EQUAL(m.n_pools, 3);
    CU_ASSERT_EQUAL(m.owner_account[1], 0);
    CU_ASSERT_EQUAL(m.owner_account[2], 0);
    for (size_t o = 0; o < 3; o++)
        CU_ASSERT_EQUAL(mbx_send(&m, &(mbx_mail){.pool = o, .at = 1000, .valid = 5000,
                                                 .content = 1, .domain = -1}), 5000);
    const mbx_sender *set = mbx_sender_of(&m, 1, 1, 0), *shared = mbx_sender_of(&m, 0, 0, 0);
    CU_ASSERT_EQUAL(set->allowance, 2000);
    CU_ASSERT_EQUAL(set->interval.sent, 5000);
    CU_ASSERT_EQUAL(set->interval.deferred, 3000);
    CU_ASSERT_EQUAL(set->retrying, 3000);
    CU_ASSERT_EQUAL(shared->interval.sent, 10000);
    CU_ASSERT_EQUAL(shared->interval.deferred, 0);
    CU_ASSERT_FALSE(mbx_sender_of(&m, 1, 0, 0)->used);
    CU_ASSERT_FALSE(mbx_sender_of(&m, 2, 0, 0)->used);
    CU_ASSERT_FALSE(mbx_sender_of(&m, 0, 1, 0)->used);
    mbx_destroy(&m);
    gsl_rng_free(r);
}

TEST_SUITE(mailbox, {"Microsoft: over 5,000 a day needs SPF, DKIM, DMARC from 2025-05-05", test_microsoft_5000},
           {"Gmail and Yahoo: bulk at 5,000, SPF or DKIM for all, from 2024-02-01", test_gmail_yahoo_bulk},
           {"spam rate 0.3%, lifted after 7 days below", test_spam_rate_rule},
           {"day score and spam-folder share", test_score_and_folder},
           {"the sending domain: reputation judged and new IPs' head start", test_domain_rules},
           {"a stream's provider shares: named, the rest in proportion, sum 100%", test_stream_shares},
           {"a configuration set's own pool: its IPs apart, its shared mail the account's",
            test_configset_pool})
