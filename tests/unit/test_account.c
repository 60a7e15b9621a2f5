/* test_account.c: the service's answer to submissions: quota (rolling 24 h),
 * rate (token bucket), sandbox rules, simulator recipients, pause, targets and
 * time in status. Accounts are built by hand from scn_account / scn_sim. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "models/account.h"
#include "core/config.h"
#include "suite.h"

#define MIN SIM_MS_PER_MIN
#define DAY SIM_MS_PER_DAY

static double targets_v[] = {50000, 100000, 1000000};

static scn_sim make_sim(void)
{
    return (scn_sim){.start = 1767225600000LL, .duration = 30 * DAY, .tick = MIN,
                     .interval = SIM_MS_PER_H, .seed = 1, .reps = 1,
                     .targets = {.n = 3, .v = targets_v}};
}

static scn_account make_cfg(int stage, double max24h, double max_rate)
{
    return (scn_account){.name = "main", .stage = stage, .max24h = max24h, .max_rate = max_rate,
                         .request_production = SCN_NONE_TIME};
}

static gsl_rng *make_rng(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, seed);
    return r;
}

static const recipient_mix plain = {0, 0, 0};

static void test_init(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 10000, 5);
    account a;
    account_init(&a, &cfg, &sim);
    CU_ASSERT_EQUAL(a.status, STATUS_HEALTHY);
    CU_ASSERT_STRING_EQUAL(account_status_name(&a), "healthy");
    CU_ASSERT_EQUAL(a.max24h, 10000);
    CU_ASSERT_EQUAL(a.max_rate, 5);
    CU_ASSERT_EQUAL(a.production_at, 0);
    CU_ASSERT_EQUAL(a.n_targets, 3);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(a.reached_at[i], -1);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 1.0), 10000);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 0.8), 8000);
    CU_ASSERT_EQUAL(account_room(&a, 0, MIN, 1.0), 305);
    CU_ASSERT_EQUAL(account_room(&a, 0, 0, 1.0), 5);
    account_destroy(&a);

    scn_account sb = make_cfg(STAGE_SANDBOX, 200, 1);
    account_init(&a, &sb, &sim);
    CU_ASSERT_STRING_EQUAL(account_status_name(&a), "sandbox");
    CU_ASSERT_EQUAL(a.production_at, -1);
    account_destroy(&a);

    /* A starting quota at or over a target counts as reached at time 0. */
    scn_account big = make_cfg(STAGE_PRODUCTION, 100000, 14);
    account_init(&a, &big, &sim);
    CU_ASSERT_EQUAL(a.reached_at[0], 0);
    CU_ASSERT_EQUAL(a.reached_at[1], 0);
    CU_ASSERT_EQUAL(a.reached_at[2], -1);
    account_destroy(&a);
}

/* max24h 100, rate 5: random demand every minute for three days. Accepted mail
 * never exceeds 100 in any 24 h (every window of 1,440 ticks), nor 305 in a
 * minute; accepted + refused = offered; the quota is used in full each day. */
static void test_production_quota(void)
{
    enum { TICKS = 3 * 1440 };
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 100, 5);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(11);
    static int64_t acc[TICKS];
    int bad_sum = 0, bad_minute = 0, bad_room = 0;
    int64_t total_acc = 0, total_ref = 0, total_n = 0;
    for (int i = 0; i < TICKS; i++) {
        int64_t now = (int64_t)i * MIN;
        int64_t n = (int64_t)gsl_rng_uniform_int(r, 4); /* 0..3 a minute: ~2,900 a day */
        int64_t room = account_room(&a, now, MIN, 1.0);
        acct_reply rep = account_submit(&a, now, MIN, n, &plain, r);
        acc[i] = rep.accepted;
        bad_sum += rep.accepted + rep.refused + rep.rejected != n || rep.rejected != 0;
        bad_minute += rep.accepted > 305;
        bad_room += rep.accepted != (n < room ? n : room);
        total_acc += rep.accepted;
        total_ref += rep.refused;
        total_n += n;
    }
    int64_t worst = 0, window = 0;
    for (int i = 0; i < TICKS; i++) {
        window += acc[i];
        if (i >= 1440)
            window -= acc[i - 1440];
        if (window > worst)
            worst = window;
    }
    CU_ASSERT_EQUAL(bad_sum, 0);
    CU_ASSERT_EQUAL(bad_minute, 0);
    CU_ASSERT_EQUAL(bad_room, 0);
    CU_ASSERT_EQUAL(worst, 100);
    CU_ASSERT_EQUAL(total_acc + total_ref, total_n);
    /* Demand far exceeds the quota, which then frees exactly 24 h after each
     * send: 100 per day are accepted, 300 over three days. */
    CU_ASSERT_EQUAL(total_acc, 300);
    CU_ASSERT_EQUAL(win_sum(&a.window, (TICKS - 1) * MIN), 100);
    gsl_rng_free(r);
    account_destroy(&a);
}

/* One big batch: the quota takes 100 at t = 0 and refuses the rest; nothing is
 * accepted until exactly 24 h later, when the whole quota frees at once. */
static void test_quota_frees_after_24h(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 100, 5);
    account a;
    account_init(&a, &cfg, &sim);
    acct_reply rep = account_submit(&a, 0, MIN, 1000, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 100);
    CU_ASSERT_EQUAL(rep.refused, 900);
    CU_ASSERT_EQUAL(rep.rejected, 0);
    CU_ASSERT_EQUAL(rep.listed, 100); /* all accepted go to list recipients */
    rep = account_submit(&a, DAY - MIN, MIN, 10, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 0);
    CU_ASSERT_EQUAL(rep.refused, 10);
    CU_ASSERT_EQUAL(account_quota_left(&a, DAY - 1, 1.0), 0);
    CU_ASSERT_EQUAL(account_quota_left(&a, DAY, 1.0), 100);
    rep = account_submit(&a, DAY, MIN, 1000, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 100);
    CU_ASSERT_EQUAL(rep.refused, 900);
    /* Utilization caps what a client plans, not what the service accepts. */
    CU_ASSERT_EQUAL(account_quota_left(&a, 2 * DAY, 0.5), 50);
    CU_ASSERT_EQUAL(account_room(&a, 2 * DAY, MIN, 0.5), 50);
    account_destroy(&a);
}

/* max24h large, rate 5: the rate binds. 305 in the first minute, then 300 a
 * minute while demand stays above it; the refused are counted. */
static void test_production_rate(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 1e6, 5);
    account a;
    account_init(&a, &cfg, &sim);
    acct_reply rep = account_submit(&a, 0, MIN, 1000, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 305);
    CU_ASSERT_EQUAL(rep.refused, 695);
    int bad = 0;
    for (int i = 1; i < 60; i++) {
        rep = account_submit(&a, i * MIN, MIN, 1000, &plain, NULL);
        bad += rep.accepted != 300 || rep.refused != 700;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(win_sum(&a.window, 59 * MIN), 305 + 59 * 300);
    /* A quiet minute, then the bucket holds one second's worth again. */
    rep = account_submit(&a, 61 * MIN, MIN, 1000, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 305);
    /* Zero or negative offers do nothing. */
    rep = account_submit(&a, 62 * MIN, MIN, 0, &plain, NULL);
    CU_ASSERT(rep.accepted == 0 && rep.refused == 0 && rep.rejected == 0);
    account_destroy(&a);
}

/* Rate-bound account (max24h 1M, rate 5) with random demand of 0..600 a minute
 * for a day: over any run of k minutes at most 300 k + 5 are accepted (one
 * second's tokens on top of the refill), and what is refused is what did not fit. */
static void test_rate_bound_random(void)
{
    enum { TICKS = 1440 };
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 1e6, 5);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(21);
    static int64_t acc[TICKS];
    int bad = 0;
    for (int i = 0; i < TICKS; i++) {
        int64_t n = (int64_t)gsl_rng_uniform_int(r, 601);
        int64_t cap = bucket_capacity(&a.bucket, i * MIN, MIN);
        acct_reply rep = account_submit(&a, i * MIN, MIN, n, &plain, r);
        acc[i] = rep.accepted;
        bad += rep.accepted != (n < cap ? n : cap) || rep.refused != n - rep.accepted;
    }
    int over = 0;
    for (int i = 0; i < TICKS; i++) {
        int64_t sum = 0;
        for (int k = 1; k <= 60 && i + k <= TICKS; k++) {
            sum += acc[i + k - 1];
            over += sum > 300 * k + 5;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(over, 0);
    gsl_rng_free(r);
    account_destroy(&a);
}

/* Sandbox, no verified recipients: every message that gets through the rate
 * is rejected (and spends rate), the rest is refused; nothing is accepted. */
static void test_sandbox_unverified(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_SANDBOX, 200, 1);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(3);
    recipient_mix mix = {.verified = 0, .simulator = 0};
    acct_reply rep = account_submit(&a, 0, MIN, 100, &mix, r);
    CU_ASSERT_EQUAL(rep.accepted, 0);
    CU_ASSERT_EQUAL(rep.rejected, 61); /* 1 held + 60 over the minute */
    CU_ASSERT_EQUAL(rep.refused, 39);
    int64_t accepted = 0;
    for (int i = 1; i < 3000; i++) {
        rep = account_submit(&a, i * MIN, MIN, 100, &mix, r);
        accepted += rep.accepted;
    }
    CU_ASSERT_EQUAL(accepted, 0);
    CU_ASSERT_EQUAL(win_sum(&a.window, 3000 * MIN), 0);
    gsl_rng_free(r);
    account_destroy(&a);
}

/* Sandbox with all recipients verified: accepted up to 200 per 24 h at 1/s. */
static void test_sandbox_verified(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_SANDBOX, 200, 1);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(4);
    recipient_mix mix = {.verified = 1, .simulator = 0};
    int64_t want[] = {61, 60, 60, 19, 0, 0};
    for (int i = 0; i < 6; i++) {
        acct_reply rep = account_submit(&a, i * MIN, MIN, 100, &mix, r);
        CU_ASSERT_EQUAL(rep.accepted, want[i]);
        CU_ASSERT_EQUAL(rep.rejected, 0);
        CU_ASSERT_EQUAL(rep.refused, 100 - want[i]);
        CU_ASSERT_EQUAL(rep.listed, 0); /* verified identities are not list recipients */
    }
    CU_ASSERT_EQUAL(win_sum(&a.window, 5 * MIN), 200);
    /* A day after the first send, its 61 are free again. */
    acct_reply rep = account_submit(&a, DAY, MIN, 100, &mix, r);
    CU_ASSERT_EQUAL(rep.accepted, 61);
    gsl_rng_free(r);
    account_destroy(&a);
}

/* Sandbox, half verified: rejected + accepted is what the rate let through,
 * and accepted never exceeds 200 in 24 h. */
static void test_sandbox_mixed(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_SANDBOX, 200, 1);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(5);
    recipient_mix mix = {.verified = 0.5, .simulator = 0};
    int64_t acc = 0, rej = 0;
    int bad = 0;
    for (int i = 0; i < 1440; i++) {
        int64_t cap = bucket_capacity(&a.bucket, i * MIN, MIN);
        acct_reply rep = account_submit(&a, i * MIN, MIN, 100, &mix, r);
        bad += rep.accepted + rep.rejected + rep.refused != 100;
        bad += rep.accepted + rep.rejected > cap;
        acc += rep.accepted;
        rej += rep.rejected;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(acc, 200);
    CU_ASSERT(rej > 1000); /* about half of 86,401, less what the quota refused */
    gsl_rng_free(r);
    account_destroy(&a);
}

/* Simulator recipients count against the rate, not the quota. */
static void test_simulator(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 100, 5);
    account a;
    account_init(&a, &cfg, &sim);
    gsl_rng *r = make_rng(6);
    recipient_mix mix = {.verified = 0, .simulator = 1};
    acct_reply rep = account_submit(&a, 0, MIN, 1000, &mix, r);
    CU_ASSERT_EQUAL(rep.accepted, 305); /* more than max24h: not counted */
    CU_ASSERT_EQUAL(rep.refused, 695);
    CU_ASSERT_EQUAL(rep.listed, 0);
    CU_ASSERT_EQUAL(win_sum(&a.window, 0), 0);
    rep = account_submit(&a, MIN, MIN, 1000, &mix, r);
    CU_ASSERT_EQUAL(rep.accepted, 300);
    CU_ASSERT_EQUAL(win_sum(&a.window, MIN), 0);
    CU_ASSERT_EQUAL(account_quota_left(&a, MIN, 1.0), 100);
    /* Simulator mail in a sandbox is accepted too, not rejected. */
    scn_account sb = make_cfg(STAGE_SANDBOX, 200, 1);
    account s;
    account_init(&s, &sb, &sim);
    rep = account_submit(&s, 0, MIN, 100, &mix, r);
    CU_ASSERT_EQUAL(rep.accepted, 61);
    CU_ASSERT_EQUAL(rep.rejected, 0);
    CU_ASSERT_EQUAL(win_sum(&s.window, 0), 0);
    /* Half simulator: the window holds exactly the non-simulator accepted. */
    recipient_mix half = {.verified = 0, .simulator = 0.5};
    scn_account big = make_cfg(STAGE_PRODUCTION, 1e6, 5);
    account b;
    account_init(&b, &big, &sim);
    rep = account_submit(&b, 0, MIN, 305, &half, r);
    CU_ASSERT_EQUAL(rep.accepted, 305);
    int64_t counted = win_sum(&b.window, 0);
    CU_ASSERT_EQUAL(rep.listed, counted);
    /* Binomial(305, 0.5): mean 152.5, sd 8.7; 4 sd is 35 */
    CU_ASSERT(counted > 152 - 35 && counted < 153 + 35);
    account_destroy(&b);
    account_destroy(&s);
    gsl_rng_free(r);
    account_destroy(&a);
}

static void test_paused(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 10000, 5);
    account a;
    account_init(&a, &cfg, &sim);
    account_set_status(&a, 0, STATUS_PAUSED);
    CU_ASSERT_STRING_EQUAL(account_status_name(&a), "paused");
    acct_reply rep = account_submit(&a, 0, MIN, 50, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 0);
    CU_ASSERT_EQUAL(rep.refused, 50);
    CU_ASSERT_EQUAL(rep.rejected, 0);
    CU_ASSERT_EQUAL(account_room(&a, 0, MIN, 1.0), 0);
    /* Nothing was spent while paused: back to healthy, the full bucket is there. */
    account_set_status(&a, 5 * MIN, STATUS_UNDER_REVIEW);
    CU_ASSERT_STRING_EQUAL(account_status_name(&a), "under_review");
    rep = account_submit(&a, 5 * MIN, MIN, 1000, &plain, NULL);
    CU_ASSERT_EQUAL(rep.accepted, 305);
    /* A paused sandbox account is "paused", not "sandbox". */
    scn_account sb = make_cfg(STAGE_SANDBOX, 200, 1);
    account s;
    account_init(&s, &sb, &sim);
    account_set_status(&s, 0, STATUS_PAUSED);
    CU_ASSERT_STRING_EQUAL(account_status_name(&s), "paused");
    account_destroy(&s);
    account_destroy(&a);
}

static void test_set_limits(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 10000, 5);
    account a;
    account_init(&a, &cfg, &sim);
    account_set_limits(&a, 1000, 60000, 14);
    CU_ASSERT_EQUAL(a.max24h, 60000);
    CU_ASSERT_EQUAL(a.max_rate, 14);
    CU_ASSERT_EQUAL(a.reached_at[0], 1000);
    CU_ASSERT_EQUAL(a.reached_at[1], -1);
    account_set_limits(&a, 2000, 40000, 14); /* a cut does not unset the record */
    CU_ASSERT_EQUAL(a.reached_at[0], 1000);
    account_set_limits(&a, 3000, 50000, 14); /* reached again: the first time stays */
    CU_ASSERT_EQUAL(a.reached_at[0], 1000);
    account_set_limits(&a, 4000, 2e6, 100); /* two targets at once */
    CU_ASSERT_EQUAL(a.reached_at[1], 4000);
    CU_ASSERT_EQUAL(a.reached_at[2], 4000);
    CU_ASSERT_EQUAL(account_quota_left(&a, 4000, 1.0), 2000000);
    /* The new rate applies to the bucket (held tokens stay, refill at 100/s). */
    CU_ASSERT_EQUAL(bucket_capacity(&a.bucket, 5000, 0), 100);
    CU_ASSERT_EQUAL(account_room(&a, 5000, MIN, 1.0), 6100);
    account_destroy(&a);
}

static void test_time_in_status(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 10000, 5);
    account a;
    account_init(&a, &cfg, &sim);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_HEALTHY, 70), 70);
    account_set_status(&a, 100, STATUS_UNDER_REVIEW);
    account_set_status(&a, 250, STATUS_HEALTHY);
    account_set_status(&a, 400, STATUS_PAUSED);
    account_set_status(&a, 450, STATUS_PAUSED); /* same status again: no change */
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_HEALTHY, 500), 250);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_UNDER_REVIEW, 500), 150);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_PAUSED, 500), 100);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_PAUSED, 900), 500);
    account_set_status(&a, 1000, STATUS_UNDER_REVIEW);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_PAUSED, 5000), 600);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_UNDER_REVIEW, 5000), 150 + 4000);
    CU_ASSERT_EQUAL(account_time_in(&a, STATUS_HEALTHY, 5000) + account_time_in(&a, STATUS_UNDER_REVIEW, 5000) +
                        account_time_in(&a, STATUS_PAUSED, 5000),
                    5000);
    account_destroy(&a);
}

static void test_flow_add(void)
{
    flow_counts t = {.demand = 1, .sent = 2, .throttled = 3, .rejected = 4, .overflow = 5,
                     .dropped = 6, .delivered = 7, .soft_bounces = 8, .hard_bounces = 9,
                     .complaints = 10};
    flow_counts d = {.demand = 10, .sent = 20, .throttled = 30, .rejected = 40, .overflow = 50,
                     .dropped = 60, .delivered = 70, .soft_bounces = 80, .hard_bounces = 90,
                     .complaints = 100};
    flow_add(&t, &d);
    CU_ASSERT(t.demand == 11 && t.sent == 22 && t.throttled == 33 && t.rejected == 44 &&
              t.overflow == 55 && t.dropped == 66);
    CU_ASSERT(t.delivered == 77 && t.soft_bounces == 88 && t.hard_bounces == 99 &&
              t.complaints == 110);
}

/* A bug fixed: sent_24h at a boundary counted the window as the quota check
 * does, (now - 24 h, now], which at the start of a tick leaves out the tick that
 * started exactly 24 h earlier: 1,439 minutes of a saturated day, so
 * ramp_utilization = 100% could never be met. account_sent_24h counts the ticks
 * that started in [now - 24 h, now): all 1,440 of them. */
static void test_sent_24h_whole_day(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 1e9, 1e6);
    account a;
    account_init(&a, &cfg, &sim);
    for (int64_t t = 0; t < DAY; t += MIN)
        CU_ASSERT_EQUAL(account_submit(&a, t, MIN, 10, &plain, NULL).accepted, 10);
    CU_ASSERT_EQUAL(account_sent_24h(&a, DAY), 14400);
    CU_ASSERT_EQUAL(account_sent_24h(&a, DAY + MIN), 14390);
    account_destroy(&a);
}

/* Calls of 10 recipients: a call that starts with tokens left goes through
 * whole, so a minute at 5/s (capacity 305) takes 310 and the bucket ends 5
 * below zero; the next minute's 295 round up to whole calls: 300, again 5
 * below; single-recipient calls then get exactly the 295 left. */
static void test_multi_recipient_overshoot(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 1e9, 5);
    account a;
    account_init(&a, &cfg, &sim);
    recipient_mix tens = {.per_call = 10};
    CU_ASSERT_EQUAL(account_submit(&a, 0, MIN, 1000, &tens, NULL).accepted, 310);
    CU_ASSERT(a.bucket.tokens < 0);
    CU_ASSERT_EQUAL(bucket_capacity(&a.bucket, MIN, MIN), 295);
    CU_ASSERT_EQUAL(account_submit(&a, MIN, MIN, 1000, &tens, NULL).accepted, 300);
    CU_ASSERT_EQUAL(account_submit(&a, 2 * MIN, MIN, 1000, &plain, NULL).accepted, 295);
    account_destroy(&a);
}

/* Max24HourSend = -1 is an unlimited quota (SESv2 API reference, SendQuota):
 * max24h INFINITY. Only the rate limits: 3 days at 100/s send 100 x 86,400 a
 * day, far over any quota; every target counts as reached at the start; a
 * target_utilization of 0 still plans to send nothing. */
static void test_unlimited_quota(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, INFINITY, 100);
    account a;
    account_init(&a, &cfg, &sim);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(a.reached_at[i], 0);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 1.0), ACCOUNT_UNLIMITED);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 0.5), ACCOUNT_UNLIMITED);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 0), 0);
    int64_t sent = 0;
    for (int64_t t = 0; t < 3 * DAY; t += MIN)
        sent += account_submit(&a, t, MIN, 1000000, &plain, NULL).accepted;
    CU_ASSERT_EQUAL(sent, 3 * 86400 * 100 + 100); /* the rate, plus the first second's tokens */
    CU_ASSERT_EQUAL(account_sent_24h(&a, 3 * DAY), 86400 * 100);
    CU_ASSERT_EQUAL(account_room(&a, 3 * DAY, MIN, 1.0), 6000);
    account_destroy(&a);
}

/* sesim's statuses as SESv2 GetAccount's EnforcementStatus names them:
 * HEALTHY, PROBATION ("placing your account under review"), SHUTDOWN
 * ("ability to send email is currently paused"); the sandbox is
 * ProductionAccessEnabled = false, HEALTHY. */
static void test_api_status(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_SANDBOX, 200, 1);
    account a;
    account_init(&a, &cfg, &sim);
    CU_ASSERT_STRING_EQUAL(account_status_name(&a), "sandbox");
    CU_ASSERT_STRING_EQUAL(account_shown_api[account_shown_status(&a)], "HEALTHY");
    a.stage = STAGE_PRODUCTION;
    CU_ASSERT_STRING_EQUAL(account_shown_api[account_shown_status(&a)], "HEALTHY");
    account_set_status(&a, 0, STATUS_UNDER_REVIEW);
    CU_ASSERT_STRING_EQUAL(account_shown_api[account_shown_status(&a)], "PROBATION");
    account_set_status(&a, 0, STATUS_PAUSED);
    CU_ASSERT_STRING_EQUAL(account_shown_api[account_shown_status(&a)], "SHUTDOWN");
    account_destroy(&a);
}

/* The peak rate a rate request is judged by: the busiest tick of the 24 hours
 * before the decision, per second. 5/s in 1-minute ticks: 305 in the first
 * minute (one second's tokens too), 300 after: 5.083/s; a day later the first
 * minute has left the window: 5/s; nothing sent for a day: 0. */
static void test_peak_rate(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 1e9, 5);
    account a;
    account_init(&a, &cfg, &sim);
    CU_ASSERT_EQUAL(account_peak_rate(&a, 0), 0);
    for (int64_t t = 0; t < DAY; t += MIN)
        account_submit(&a, t, MIN, 1000, &plain, NULL);
    ASSERT_NEAR(account_peak_rate(&a, DAY), 305.0 / 60, 1e-12);
    account_submit(&a, DAY, MIN, 1000, &plain, NULL);
    ASSERT_NEAR(account_peak_rate(&a, DAY + MIN), 5, 1e-12);
    ASSERT_NEAR(account_peak_rate(&a, 3 * DAY), 0, 0);
    account_destroy(&a);
}

/* Limits are floored with a 1e-9 guard against binary rounding (docs/model.md,
 * limits): 57% of 100 is 57 (the double product is 56.99999999999999), and an
 * empty bucket at 4.1/s has 246 tokens over a minute (4.1 x 60 s computes as
 * 245.99999999999997). A plain floor gives 56 and 245. */
static void test_limits_floor_guard(void)
{
    scn_sim sim = make_sim();
    scn_account cfg = make_cfg(STAGE_PRODUCTION, 100, 4.1);
    account a;
    account_init(&a, &cfg, &sim);
    CU_ASSERT_EQUAL(account_quota_left(&a, 0, 0.57), 57);
    a.bucket.tokens = 0;
    CU_ASSERT_EQUAL(bucket_capacity(&a.bucket, 0, MIN), 246);
    account_destroy(&a);
}

TEST_SUITE(account,
           {"calls of several recipients overshoot the rate", test_multi_recipient_overshoot},
           {"sent_24h counts the whole 24 hours of ticks", test_sent_24h_whole_day},
           {"init, status names, targets at start", test_init},
           {"production: at most max24h in any 24 h", test_production_quota},
           {"quota frees exactly 24 h later", test_quota_frees_after_24h},
           {"production: rate 305 then 300 a minute", test_production_rate},
           {"production: rate bound under random demand", test_rate_bound_random},
           {"sandbox rejects unverified recipients", test_sandbox_unverified},
           {"sandbox accepts verified up to its quota", test_sandbox_verified},
           {"sandbox with half verified", test_sandbox_mixed},
           {"simulator recipients: rate only", test_simulator},
           {"paused refuses everything", test_paused},
           {"set_limits records targets reached", test_set_limits},
           {"time in status", test_time_in_status},
           {"flow_add", test_flow_add},
           {"unlimited quota (Max24HourSend -1): only the rate limits", test_unlimited_quota},
           {"statuses as the API names them", test_api_status},
           {"peak rate: busiest tick of the last 24 h", test_peak_rate},
           {"limits floored with a 1e-9 guard", test_limits_floor_guard})
