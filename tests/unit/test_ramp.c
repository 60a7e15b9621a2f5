/* test_ramp.c: the automatic quota ramp and the rate table (DESIGN.md Model
 * 7), and manual quota requests (Model 8). The account's 24-hour count and
 * reputation are set by hand; enforce_hour runs the ramp check every
 * ramp_interval as the engine does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "models/account.h"
#include "core/config.h"
#include "models/enforcement.h"
#include "core/engine.h"
#include "models/ramp.h"
#include "models/requests.h"
#include "scenario/scenario.h"
#include "suite.h"

#define H SIM_MS_PER_H
#define DAY SIM_MS_PER_DAY

/* ---- ramp_rate_for ------------------------------------------------------- */

static double xs[] = {200, 10000, 50000}, ys[] = {1, 5, 14};
static const scn_points table = {3, xs, ys};

static void test_rate_table_points(void)
{
    ASSERT_NEAR(ramp_rate_for(&table, 200), 1, 1e-12);
    ASSERT_NEAR(ramp_rate_for(&table, 10000), 5, 1e-12);
    ASSERT_NEAR(ramp_rate_for(&table, 50000), 14, 1e-12);
}

/* log-log between the points, the first slope below, the last slope beyond. */
static void test_rate_table_interpolation(void)
{
    double s1 = log(5.0) / log(50.0);      /* 200 -> 10k */
    double s2 = log(14.0 / 5) / log(5.0);  /* 10k -> 50k */
    ASSERT_NEAR(ramp_rate_for(&table, 1000), pow(5.0, s1), 1e-12);
    ASSERT_NEAR(ramp_rate_for(&table, 20000), 5 * pow(2.0, s2), 1e-12);
    ASSERT_NEAR(ramp_rate_for(&table, 20000), 7.790234, 1e-6);
    /* 1M: 14 x 20^(ln(14/5) / ln 5) */
    ASSERT_NEAR(ramp_rate_for(&table, 1e6), 14 * pow(20.0, s2), 1e-9);
    ASSERT_NEAR(ramp_rate_for(&table, 1e6), 95.15838, 1e-5);
    ASSERT_NEAR(ramp_rate_for(&table, 100), pow(0.5, s1), 1e-12);
    /* the geometric middle of a segment gives the geometric middle of the rates */
    ASSERT_NEAR(ramp_rate_for(&table, sqrt(200.0 * 10000)), sqrt(5.0), 1e-12);
    /* monotone and continuous across the points */
    double prev = 0;
    int bad = 0;
    for (double q = 50; q < 5e6; q *= 1.01) {
        double r = ramp_rate_for(&table, q);
        bad += r <= prev;
        prev = r;
    }
    CU_ASSERT_EQUAL(bad, 0);
    ASSERT_NEAR(ramp_rate_for(&table, 10000 * (1 + 1e-12)), 5, 1e-9);
    ASSERT_NEAR(ramp_rate_for(&table, 10000 * (1 - 1e-12)), 5, 1e-9);
}

static void test_rate_table_degenerate(void)
{
    double x1[] = {10000}, y1[] = {5};
    scn_points one = {1, x1, y1}, none = {0, NULL, NULL};
    ASSERT_NEAR(ramp_rate_for(&one, 10), 5, 0);
    ASSERT_NEAR(ramp_rate_for(&one, 1e9), 5, 0);
    ASSERT_NEAR(ramp_rate_for(&none, 1e4), 0, 0);
    ASSERT_NEAR(ramp_rate_for(&table, 0), 0, 0);
    ASSERT_NEAR(ramp_rate_for(&table, -5), 0, 0);
    double x2[] = {100, 1000}, y2[] = {3, 3}; /* a flat table */
    scn_points flat = {2, x2, y2};
    ASSERT_NEAR(ramp_rate_for(&flat, 1e7), 3, 1e-12);
}

/* ---- fixture: an account under the policy --------------------------------- */

#define MAX_EVENTS 32

typedef struct fixture {
    scenario *scn;
    account a;
    gsl_rng *r;
    int64_t now;
    int n_ev;
    int64_t ev_time[MAX_EVENTS];
    char ev[MAX_EVENTS][32], detail[MAX_EVENTS][256];
} fixture;

static void on_event(void *ctx, const account *a, event_type event, const char *detail)
{
    (void)a;
    fixture *f = ctx;
    if (f->n_ev == MAX_EVENTS)
        return;
    f->ev_time[f->n_ev] = f->now;
    snprintf(f->ev[f->n_ev], sizeof f->ev[0], "%s", event_name(event));
    snprintf(f->detail[f->n_ev], sizeof f->detail[0], "%s", detail);
    f->n_ev++;
}

static int setup(fixture *f, const char *policy, const char *account_keys)
{
    memset(f, 0, sizeof *f);
    char text[2048];
    snprintf(text, sizeof text,
             "[sim]\nduration = 60d\ntargets = 20k, 1M\n"
             "[policy]\npreset = classic\nrep_volume = 1000\nramp_factor = 2\n%s\n"
             "[account.main]\n%s\n",
             policy ? policy : "", account_keys ? account_keys : "");
    f->scn = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(f->scn, text, "test_ramp", ".", &err);
    if (!rc)
        rc = scn_resolve(f->scn, &err);
    if (rc) {
        fprintf(stderr, "scenario: %s\n", err.msg);
        scn_destroy(f->scn);
        return -1;
    }
    f->r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(f->r, 3);
    account_init(&f->a, &f->scn->accounts[0], &f->scn->sim);
    account_attach_service(&f->a, &f->scn->policy, f->r, on_event, f);
    return 0;
}

static void teardown(fixture *f)
{
    account_destroy(&f->a);
    gsl_rng_free(f->r);
    scn_destroy(f->scn);
}

#define SETUP(f, pol, acc) CU_ASSERT_FATAL(setup(f, pol, acc) == 0)

/* Send n messages at mid-hour h (all accepted, counted in the 24-hour window)
 * with the given bounce and complaint counts and content, arriving at once. */
static void send_at(fixture *f, int64_t h, int64_t n, int64_t bounces, int64_t complaints,
                    double content)
{
    win_add(&f->a.window, h * H + H / 2, n);
    rep_record_sends(&f->a.rep, h, n, n, content * (double)n);
    rep_schedule(&f->a.rep, h, h, bounces, complaints);
}

/* Run the hour boundaries (from, to] (in hours). */
static void boundaries(fixture *f, int64_t from, int64_t to)
{
    for (int64_t h = from + 1; h <= to; h++) {
        f->now = h * H;
        enforce_hour(&f->a, f->now);
    }
}

/* ---- ramp checks --------------------------------------------------------- */

static void test_fixture(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    const scn_policy *p = &f.scn->policy;
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    ASSERT_NEAR(f.a.max_rate, 5, 0);
    CU_ASSERT_EQUAL(p->ramp_interval, 24 * H);
    ASSERT_NEAR(p->ramp_utilization, 0.8, 1e-12);
    ASSERT_NEAR(p->ramp_factor, 2, 0);
    ASSERT_NEAR(p->ramp_ceiling, 1e6, 0);
    CU_ASSERT_EQUAL(p->rate_table.n, 3);
    CU_ASSERT_EQUAL(f.a.next_ramp, 24 * H);
    teardown(&f);
}

/* 8000 sent in 24 h = 80% of 10k, clean metrics: doubled at the 24 h check,
 * the rate from the table; the event says both. */
static void test_raise(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 0, 0, 0.9);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0], "quota_raised");
    CU_ASSERT_STRING_EQUAL(f.detail[0], "max24h 10000 -> 20000; max_rate 5 -> 7.79");
    CU_ASSERT_EQUAL(f.ev_time[0], 24 * H);
    ASSERT_NEAR(f.a.max24h, 20000, 0);
    ASSERT_NEAR(f.a.max_rate, ramp_rate_for(&f.scn->policy.rate_table, 20000), 1e-12);
    ASSERT_NEAR(f.a.bucket.rate, f.a.max_rate, 0);
    CU_ASSERT_EQUAL(f.a.next_ramp, 48 * H);
    CU_ASSERT_EQUAL(f.a.reached_at[0], 24 * H); /* target 20k */
    CU_ASSERT_EQUAL(f.a.reached_at[1], -1);
    CU_ASSERT_EQUAL(f.a.peak_24h, 8000);
    teardown(&f);
}

/* Utilization below ramp_utilization: no increase. */
static void test_low_utilization(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    for (int64_t d = 0; d < 10; d++) {
        boundaries(&f, 24 * d, 24 * d + 23);
        send_at(&f, 24 * d + 23, 7999, 0, 0, 1.0);
        boundaries(&f, 24 * d + 23, 24 * d + 24);
    }
    CU_ASSERT_EQUAL(f.n_ev, 0);
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    ASSERT_NEAR(f.a.max_rate, 5, 0);
    teardown(&f);
}

/* The check runs every ramp_interval, not every hour: sends just after a check
 * wait for the next one; what left the 24-hour window does not count. */
static void test_interval(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 24);
    send_at(&f, 24, 8000, 0, 0, 1.0); /* at 24.5 h, just after the 24 h check */
    boundaries(&f, 24, 47);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    boundaries(&f, 47, 48);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_EQUAL(f.ev_time[0], 48 * H);
    teardown(&f);

    SETUP(&f, NULL, NULL);
    send_at(&f, 0, 8000, 0, 0, 1.0); /* 0.5 h: still in the window at 24 h */
    boundaries(&f, 0, 24);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    teardown(&f);

    SETUP(&f, "ramp_interval = 48h", NULL);
    boundaries(&f, 0, 10);
    send_at(&f, 10, 8000, 0, 0, 1.0); /* out of the window by the 48 h check */
    boundaries(&f, 10, 96);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(f.a.next_ramp, 144 * H);
    teardown(&f);
}

/* At most one check per hourly check, the next due at the previous due time
 * plus ramp_interval (docs/model.md, automatic ramp). ramp_utilization = 1%
 * makes every check qualify. 90 minutes: due 1.5, 3, 4.5, 6 h, checked at 2,
 * 3, 5, 6 h (from the check's time it would be 2, 4, 6 h). 30 minutes: one
 * raise an hour, not two at 1 h for the due times 0.5 h and 1 h. */
static void test_interval_not_whole_hours(void)
{
    fixture f;
    SETUP(&f, "ramp_interval = 90m\nramp_utilization = 1%", NULL);
    send_at(&f, 0, 8000, 0, 0, 1.0);
    boundaries(&f, 0, 6);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 4);
    static const int64_t at90[] = {2, 3, 5, 6};
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(f.ev_time[i], at90[i] * H);
    teardown(&f);

    SETUP(&f, "ramp_interval = 30m\nramp_utilization = 1%", NULL);
    send_at(&f, 0, 8000, 0, 0, 1.0);
    boundaries(&f, 0, 3);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 3);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(f.ev_time[i], (i + 1) * H);
    ASSERT_NEAR(f.a.max24h, 80000, 0);
    teardown(&f);
}

/* Bounce rate at or above ramp_bounce_max (2%), below review: no increase. */
static void test_high_bounces(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 240, 0, 1.0); /* 3% */
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    teardown(&f);

    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 152, 0, 1.0); /* 1.9% */
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0], "quota_raised");
    teardown(&f);
}

/* Complaint rate at or above ramp_complaint_max: no increase. */
static void test_high_complaints(void)
{
    fixture f;
    SETUP(&f, "ramp_complaint_max = 0.05%", NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 10000, 0, 8, 1.0); /* 0.08%: below review, above the ramp maximum */
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    teardown(&f);

    SETUP(&f, "ramp_complaint_max = 0.05%", NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 10000, 0, 4, 1.0); /* 0.04% */
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    teardown(&f);
}

/* Content score below ramp_content_min (80%): no increase. */
static void test_low_content(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 0, 0, 0.75);
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    ASSERT_NEAR(f.a.rep.content_score, 0.75, 1e-12);
    teardown(&f);

    SETUP(&f, NULL, NULL);
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 0, 0, 0.85);
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    teardown(&f);
}

/* Under review: no increase, even with clean metrics and full use; the first
 * check after the review is cleared raises. */
static void test_under_review(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    for (int64_t h = 0; h < 10; h++) {
        send_at(&f, h, 100, 6, 0, 1.0); /* 6%: review at 10 h */
        boundaries(&f, h, h + 1);
    }
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0], "review_started");
    /* then 8000 clean sends at 12:30 every day */
    for (int64_t h = 10; h < 178; h++) {
        if (h % 24 == 12)
            send_at(&f, h, 8000, 0, 0, 1.0);
        boundaries(&f, h, h + 1);
        if (h == 23)
            CU_ASSERT(f.a.rep.bounce_rate < 0.01); /* diluted by the clean 8000 */
    }
    /* the review ended at 10 h + 7 d */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1], "review_cleared");
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    send_at(&f, 180, 8000, 0, 0, 1.0);
    boundaries(&f, 178, 192);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 3);
    CU_ASSERT_STRING_EQUAL(f.ev[2], "quota_raised");
    CU_ASSERT_EQUAL(f.ev_time[2], 192 * H);
    teardown(&f);
}

/* Paused accounts and sandbox accounts are never raised. */
static void test_paused_and_sandbox(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    send_at(&f, 0, 1000, 200, 0, 1.0); /* 20%: paused at 1 h */
    for (int64_t d = 0; d < 5; d++) {
        win_add(&f.a.window, (24 * d + 12) * H, 9000);
        boundaries(&f, 24 * d, 24 * d + 24);
    }
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    teardown(&f);

    SETUP(&f, NULL, "stage = sandbox");
    CU_ASSERT_EQUAL(f.a.next_ramp, -1);
    ASSERT_NEAR(f.a.max24h, 200, 0);
    for (int64_t d = 0; d < 5; d++) {
        win_add(&f.a.window, (24 * d + 12) * H, 200);
        boundaries(&f, 24 * d, 24 * d + 24);
    }
    CU_ASSERT_EQUAL(f.n_ev, 0);
    ASSERT_NEAR(f.a.max24h, 200, 0);
    teardown(&f);
}

/* Repeated raises double the quota and the rate follows the table. */
static void test_rate_follows_table(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    double q = 10000;
    for (int64_t d = 0; d < 5; d++) {
        win_add(&f.a.window, (24 * d + 12) * H, (int64_t)(0.8 * q));
        boundaries(&f, 24 * d, 24 * (d + 1));
        q *= 2;
        ASSERT_NEAR(f.a.max24h, q, 0);
        ASSERT_NEAR(f.a.max_rate, ramp_rate_for(&table, q), 1e-12);
        ASSERT_NEAR(f.a.bucket.rate, ramp_rate_for(&table, q), 1e-12);
    }
    CU_ASSERT_EQUAL(f.n_ev, 5);
    ASSERT_NEAR(f.a.max24h, 320000, 0);
    CU_ASSERT_STRING_EQUAL(f.detail[4], "max24h 160000 -> 320000; max_rate 29.46 -> 45.91");
    teardown(&f);
}

/* A rate above the table is kept (never lowered by a raise). */
static void test_rate_never_lowered(void)
{
    fixture f;
    SETUP(&f, NULL, "max_rate = 50");
    boundaries(&f, 0, 23);
    send_at(&f, 23, 8000, 0, 0, 1.0);
    boundaries(&f, 23, 24);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.detail[0], "max24h 10000 -> 20000; max_rate 50 -> 50");
    ASSERT_NEAR(f.a.max_rate, 50, 0);
    teardown(&f);
}

/* Increases stop at the ceiling: 600k -> 1M (not 1.2M), then none. */
static void test_ceiling(void)
{
    fixture f;
    SETUP(&f, NULL, "max24h = 600k\nmax_rate = 20");
    win_add(&f.a.window, 12 * H, 480000);
    boundaries(&f, 0, 24);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.detail[0], "max24h 600000 -> 1000000; max_rate 20 -> 95.16");
    ASSERT_NEAR(f.a.max24h, 1e6, 0);
    CU_ASSERT_EQUAL(f.a.reached_at[1], 24 * H); /* target 1M */
    for (int64_t d = 1; d < 5; d++) {
        win_add(&f.a.window, (24 * d + 12) * H, 900000);
        boundaries(&f, 24 * d, 24 * d + 24);
    }
    CU_ASSERT_EQUAL(f.n_ev, 1);
    ASSERT_NEAR(f.a.max24h, 1e6, 0);
    teardown(&f);

    SETUP(&f, "ramp_ceiling = 15k", NULL);
    win_add(&f.a.window, 12 * H, 8000);
    boundaries(&f, 0, 24);
    ASSERT_NEAR(f.a.max24h, 15000, 0);
    win_add(&f.a.window, 36 * H, 15000);
    boundaries(&f, 24, 48);
    ASSERT_NEAR(f.a.max24h, 15000, 0);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    teardown(&f);
}

/* ramp_raise_to: only upwards. */
static void test_raise_to(void)
{
    fixture f;
    SETUP(&f, NULL, NULL);
    CU_ASSERT_EQUAL(ramp_raise_to(&f.a, 0, 5000, EV_quota_granted), 0);
    CU_ASSERT_EQUAL(ramp_raise_to(&f.a, 0, 10000, EV_quota_granted), 0);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    CU_ASSERT_EQUAL(ramp_raise_to(&f.a, 0, 50000, EV_quota_granted), 1);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0], "quota_granted");
    CU_ASSERT_STRING_EQUAL(f.detail[0], "max24h 10000 -> 50000; max_rate 5 -> 14");
    teardown(&f);
}

/* ---- manual quota requests ------------------------------------------------ */

/* Requests at 2 d and 5 d, decided at once (quota_review_delay 0): the first
 * is over quota_request_factor x peak usage, the second is within it. */
static void test_quota_requests(void)
{
    fixture f;
    SETUP(&f, "quota_review_delay = 0s", "request_quota = 2d:100k, 5d:100k");
    sim_engine e;
    engine_init(&e);
    requests_schedule(&e, &f.a);
    f.a.peak_24h = 40000; /* 2 x 40k = 80k < 100k */
    engine_run_until(&e, 3 * DAY);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[0], "quota_requested");
    CU_ASSERT_STRING_EQUAL(f.detail[0], "100000");
    CU_ASSERT_STRING_EQUAL(f.ev[1], "quota_denied");
    CU_ASSERT_STRING_EQUAL(f.detail[1], "100000 is over 2 x peak 24h usage 40000: send more first");
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    f.a.peak_24h = 50000;
    engine_run_until(&e, 6 * DAY);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 4);
    CU_ASSERT_STRING_EQUAL(f.ev[3], "quota_granted");
    ASSERT_NEAR(f.a.max24h, 100000, 0);
    ASSERT_NEAR(f.a.max_rate, ramp_rate_for(&table, 100000), 1e-12);
    engine_destroy(&e);
    teardown(&f);
}

/* A request while under review is denied; a decision comes after a lognormal
 * delay around quota_review_delay. */
static void test_quota_request_under_review(void)
{
    fixture f;
    SETUP(&f, NULL, "request_quota = 1d:20k");
    sim_engine e;
    engine_init(&e);
    requests_schedule(&e, &f.a);
    f.a.peak_24h = 1000000;
    account_set_status(&f.a, 0, STATUS_UNDER_REVIEW);
    engine_run_until(&e, 30 * DAY);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1], "quota_denied");
    CU_ASSERT_STRING_EQUAL(f.detail[1], "20000: the account is under_review");
    ASSERT_NEAR(f.a.max24h, 10000, 0);
    engine_destroy(&e);
    teardown(&f);

    /* delays: median 24 h (sigma 0.5): the sample median of 2001 draws lies
     * within 10% of it (its standard error is about 1.1%) */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4);
    enum { N = 2001 };
    static int64_t d[N];
    for (int i = 0; i < N; i++)
        d[i] = requests_delay(r, 24 * H, 0.5);
    int below = 0;
    for (int i = 0; i < N; i++)
        below += d[i] < 24 * H;
    ASSERT_NEAR(below, N / 2, 4 * sqrt(N * 0.25)); /* 4 binomial sd */
    CU_ASSERT_EQUAL(requests_delay(r, 0, 0.5), 0);
    gsl_rng_free(r);
}

/* policy.request_delay_sigma: 0 gives every decision exactly its median
 * without a draw (24 h: SES's documented "within 24 hours" / "up to 24
 * hours" held exactly); 1 widens the spread: a share 1 - Phi(1) = 15.9% of
 * the delays exceed e x the median (0.5: 2.3%). */
static void test_request_delay_sigma(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937), *fresh = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    gsl_rng_set(fresh, 5);
    CU_ASSERT_EQUAL(requests_delay(r, 24 * H, 0), 24 * H);
    CU_ASSERT_EQUAL(gsl_rng_get(r), gsl_rng_get(fresh)); /* no number drawn */
    enum { N = 4000 };
    int over1 = 0, over05 = 0;
    for (int i = 0; i < N; i++) {
        over1 += (double)requests_delay(r, 24 * H, 1) > exp(1) * 24 * H;
        over05 += (double)requests_delay(r, 24 * H, 0.5) > exp(1) * 24 * H;
    }
    /* 4 binomial sd of each share */
    ASSERT_NEAR(over1, N * 0.15866, 4 * sqrt(N * 0.15866 * (1 - 0.15866)));
    ASSERT_NEAR(over05, N * 0.02275, 4 * sqrt(N * 0.02275 * (1 - 0.02275)));
    /* a huge shape on a long median stays within 100 years (no overflow) */
    for (int i = 0; i < 1000; i++)
        CU_ASSERT(requests_delay(r, 100 * 365 * DAY, 3) <= SCN_MAX_DURATION_MS);
    gsl_rng_free(r);
    gsl_rng_free(fresh);

    /* Through the policy: a request at 1 d is decided at exactly 2 d. */
    fixture f;
    SETUP(&f, "request_delay_sigma = 0", "request_quota = 1d:15k");
    sim_engine e;
    engine_init(&e);
    requests_schedule(&e, &f.a);
    f.a.peak_24h = 10000;
    engine_run_until(&e, 2 * DAY);
    CU_ASSERT_EQUAL(f.n_ev, 1); /* requested; not decided before 2 d */
    engine_run_until(&e, 2 * DAY + 1); /* ... and decided at 2 d exactly */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1], "quota_granted");
    engine_destroy(&e);
    teardown(&f);
}

TEST_SUITE(ramp,
           {"rate table at its points", test_rate_table_points},
           {"rate table interpolation", test_rate_table_interpolation},
           {"rate table degenerate", test_rate_table_degenerate},
           {"fixture", test_fixture},
           {"raise", test_raise},
           {"low utilization", test_low_utilization},
           {"interval", test_interval},
           {"interval not in whole hours", test_interval_not_whole_hours},
           {"high bounces", test_high_bounces},
           {"high complaints", test_high_complaints},
           {"low content", test_low_content},
           {"under review", test_under_review},
           {"paused and sandbox", test_paused_and_sandbox},
           {"rate follows table", test_rate_follows_table},
           {"rate never lowered", test_rate_never_lowered},
           {"ceiling", test_ceiling},
           {"raise_to only upwards", test_raise_to},
           {"quota requests", test_quota_requests},
           {"quota request under review", test_quota_request_under_review},
           {"request_delay_sigma", test_request_delay_sigma})
