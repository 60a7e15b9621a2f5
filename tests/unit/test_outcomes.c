/* test_outcomes.c: the list model, per-batch outcome draws and the lognormal
 * feedback delays (DESIGN.md Model 4).
 *
 * Statistical tests use fixed seeds; each tolerance is stated next to it, as a
 * number of binomial (or multinomial) standard deviations of the quantity
 * checked, so that a correct model fails with negligible probability whatever
 * the seed while a wrong share (a few standard deviations off) is caught. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "models/outcomes.h"
#include "models/reputation.h"
#include "suite.h"

#define H SIM_MS_PER_H
#define DAY SIM_MS_PER_DAY
/* policy.feedback_horizon and rep_min_window at their defaults, in hours */
#define HORIZON (14 * 24)
#define MIN_WINDOW 24

/* A stream's outcome parameters, filled by hand (scenario defaults, no decay). */
static scn_traffic traffic_cfg(void)
{
    scn_traffic t;
    memset(&t, 0, sizeof t);
    t.list_size = 1e6;
    t.invalid = 0.01;
    t.list_decay = 0;
    t.soft_bounce = 0.02;
    t.complaint = 0.0002;
    t.fbl_share = 0.5;
    t.content = 0.9;
    t.content_complaint_factor = 10;
    t.bounce_delay = 10 * SIM_MS_PER_MIN;
    t.complaint_delay = 6 * H;
    t.feedback_delay_sigma = 1;
    return t;
}

static gsl_rng *rng(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    return r;
}

/* Binomial standard deviation of a share p estimated from n trials. */
static double sd_share(double p, double n) { return sqrt(p * (1 - p) / n); }

static int64_t list_total(const outcome_model *m)
{
    return m->list.valid + m->list.invalid + m->list.suppressed;
}

/* ---- outcomes_complaint_probability ------------------------------------- */

/* complaint x 10^(1 - content), pinned for content 1, 0.9 and 0.5, capped at 1. */
static void test_complaint_probability(void)
{
    scn_traffic t = traffic_cfg();
    t.complaint = 0.0002;
    t.content = 1.0;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002, 1e-15);
    t.content = 0.9; /* 10^0.1 = 1.2589254117941673 */
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002 * 1.2589254117941673, 1e-15);
    t.content = 0.5; /* 10^0.5 = 3.1622776601683795 */
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002 * 3.1622776601683795, 1e-15);
    t.content = 0.0;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.002, 1e-15);
    t.complaint = 0.5; /* 0.5 x 10 = 5: capped at 1 */
    ASSERT_NEAR(outcomes_complaint_probability(&t), 1.0, 0);
    t.complaint = 0;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0, 0);
}

/* traffic.content_complaint_factor is the multiplier at content 0:
 * complaint x factor^(1 - content); 1 takes content out of complaints. */
static void test_complaint_content_factor(void)
{
    scn_traffic t = traffic_cfg();
    t.complaint = 0.0002;
    t.content_complaint_factor = 1;
    for (double c = 0; c <= 1; c += 0.25) {
        t.content = c;
        ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002, 1e-15);
    }
    t.content_complaint_factor = 100;
    t.content = 0.5; /* 100^0.5 = 10 */
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.002, 1e-15);
    t.content = 0.0;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.02, 1e-15);
    t.content = 1.0;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002, 1e-15);
    t.content_complaint_factor = 2; /* 2^0.1 = 1.0717734625362931 */
    t.content = 0.9;
    ASSERT_NEAR(outcomes_complaint_probability(&t), 0.0002 * 1.0717734625362931, 1e-15);
}

/* ---- outcomes_init / list model ------------------------------------------ */

static void test_init_list(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0.125;
    outcome_model m;
    outcomes_init(&m, &t, 1);
    CU_ASSERT_EQUAL(m.list.invalid, 125);
    CU_ASSERT_EQUAL(m.list.valid, 875);
    CU_ASSERT_EQUAL(m.list.suppressed, 0);
    CU_ASSERT_EQUAL(m.suppress, 1);
    CU_ASSERT_PTR_EQUAL(m.cfg, &t);
    outcomes_destroy(&m);
}

/* Zero or negative batches draw nothing and leave the list alone. */
static void test_empty_batch(void)
{
    scn_traffic t = traffic_cfg();
    outcome_model m;
    outcomes_init(&m, &t, 1);
    gsl_rng *r = rng(1);
    outcome o;
    memset(&o, 0x55, sizeof o);
    outcomes_draw(&m, 0, 0, r, 0, 0, 0, &o);
    CU_ASSERT_EQUAL(o.eligible, 0);
    CU_ASSERT_EQUAL(o.hard + o.soft + o.delivered + o.fbl + o.complaints + o.suppressed, 0);
    outcomes_draw(&m, 0, -5, r, 0, 0, 0, &o);
    CU_ASSERT_EQUAL(o.eligible, 0);
    CU_ASSERT_EQUAL(m.list.invalid, 10000);
    CU_ASSERT_EQUAL(m.list.valid, 990000);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* A batch of more than UINT_MAX (an outcome window of billions) keeps its
 * shares: GSL's binomial takes an unsigned int, and the count was truncated
 * (5e9 became 7.05e8, so 2% soft bounces read as 0.28%). */
static void test_huge_batch(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1e13;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(3);
    outcome o;
    int64_t n = 5000000000LL;
    outcomes_draw(&m, 0, n, r, 0, 0, 0, &o);
    CU_ASSERT_EQUAL(o.hard + o.soft + o.delivered + o.suppressed, n);
    /* shares within 6 sd (sd of a share over 5e9 trials: ~2e-6) */
    CU_ASSERT_DOUBLE_EQUAL((double)o.hard / (double)n, 0.01, 6 * sd_share(0.01, (double)n));
    CU_ASSERT_DOUBLE_EQUAL((double)o.soft / (double)(n - o.hard), 0.02, 6 * sd_share(0.02, (double)n));
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* A fresh large list, no decay, no suppression: the hard-bounce share of many
 * batches converges to `invalid`; soft bounces are soft_bounce of the valid
 * recipients; fbl is fbl_share of deliveries; each batch conserves messages. */
static void test_shares_converge(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1e7;
    t.invalid = 0.03;
    t.soft_bounce = 0.04;
    t.fbl_share = 0.3;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(2024);
    double n = 0, hard = 0, valid = 0, soft = 0, delivered = 0, fbl = 0;
    int broken = 0;
    for (int i = 0; i < 200; i++) {
        outcome o;
        outcomes_draw(&m, (int64_t)i * SIM_MS_PER_MIN, 10000, r, 0, 0, 0, &o);
        broken += o.suppressed != 0;
        broken += o.eligible != 10000 - o.suppressed;
        broken += o.hard + o.soft + o.delivered != o.eligible;
        broken += o.fbl > o.delivered || o.complaints > o.fbl;
        broken += o.hard < 0 || o.soft < 0 || o.delivered < 0 || o.fbl < 0 || o.complaints < 0;
        n += 10000;
        hard += (double)o.hard;
        valid += (double)(o.eligible - o.hard);
        soft += (double)o.soft;
        delivered += (double)o.delivered;
        fbl += (double)o.fbl;
    }
    CU_ASSERT_EQUAL(broken, 0);
    /* 2M sends: 4 binomial sd of the share (hypergeometric is narrower still). */
    ASSERT_NEAR(hard / n, 0.03, 4 * sd_share(0.03, n));
    ASSERT_NEAR(soft / valid, 0.04, 4 * sd_share(0.04, valid));
    ASSERT_NEAR(fbl / delivered, 0.3, 4 * sd_share(0.3, delivered));
    /* nothing was suppressed or decayed: the list is as it was */
    CU_ASSERT_EQUAL(m.list.invalid, 300000);
    CU_ASSERT_EQUAL(m.list.valid, 9700000);
    CU_ASSERT_EQUAL(m.list.suppressed, 0);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* Complaints / FBL deliveries converge to complaint x 10^(1 - content). */
static void check_complaint_share(double content, unsigned long seed)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1e7;
    t.complaint = 0.01; /* large, so a few million sends give a tight estimate */
    t.content = content;
    t.fbl_share = 0.5;
    double p = outcomes_complaint_probability(&t);
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(seed);
    double fbl = 0, complaints = 0;
    for (int i = 0; i < 40; i++) {
        outcome o;
        outcomes_draw(&m, 0, 100000, r, 0, 0, 0, &o);
        fbl += (double)o.fbl;
        complaints += (double)o.complaints;
    }
    /* ~2M FBL deliveries: 4 binomial sd of the complaint share */
    ASSERT_NEAR(complaints / fbl, p, 4 * sd_share(p, fbl));
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

static void test_complaint_share(void)
{
    check_complaint_share(1.0, 11); /* p = 0.01 */
    check_complaint_share(0.9, 12); /* p = 0.012589 */
    check_complaint_share(0.5, 13); /* p = 0.031623 */
}

/* Conservation inside every batch, with suppression active on a small list and
 * batches of every size up to the list (without replacement). */
static void test_batch_conservation(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 5000;
    t.invalid = 0.2;
    t.soft_bounce = 0.1;
    t.complaint = 0.05;
    outcome_model m;
    outcomes_init(&m, &t, 1);
    gsl_rng *r = rng(5);
    int broken = 0, some_suppressed = 0;
    for (int i = 0; i < 500; i++) {
        int64_t n = 1 + (int64_t)gsl_rng_uniform_int(r, 5000);
        outcome o;
        outcomes_draw(&m, (int64_t)i * H, n, r, 0, 0, 0, &o);
        broken += o.eligible != n - o.suppressed;
        broken += o.hard + o.soft + o.delivered != o.eligible;
        broken += o.fbl > o.delivered || o.complaints > o.fbl;
        broken += o.suppressed < 0 || o.hard < 0 || o.soft < 0;
        broken += list_total(&m) != 5000; /* a batch within the list moves addresses, never adds */
        some_suppressed += o.suppressed > 0;
    }
    CU_ASSERT_EQUAL(broken, 0);
    CU_ASSERT(some_suppressed > 0);
    /* every invalid address bounced once at most, then stayed suppressed */
    CU_ASSERT_EQUAL(m.list.suppressed + m.list.invalid, 1000);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* With suppression = ses an address that bounced is suppressed, so the list
 * holds the same addresses: valid + invalid + suppressed stays list_size.
 * Batches larger than the list are drawn with replacement, and then one
 * invalid address can bounce several times in a batch. */
static void test_suppression_batch_larger_than_list(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0.1;
    outcome_model m;
    outcomes_init(&m, &t, 1);
    gsl_rng *r = rng(6);
    outcome o;
    outcomes_draw(&m, 0, 5000, r, 0, 0, 0, &o); /* each address about 5 times */
    CU_ASSERT(o.hard > 100);                    /* ~500 bounces of the 100 invalid addresses */
    CU_ASSERT_EQUAL(o.hard + o.soft + o.delivered, o.eligible);
    /* Regression: outcomes_draw() once added every bounce (o->hard, ~500
     * here) to the suppressed count while invalid shrank by at most 100, so
     * the list grew to ~1400 addresses and the next batch was ~38% suppressed
     * instead of 10%. Fixed in 0fa79da ("suppression counts distinct
     * addresses"). Expected: suppressed = 100, list size unchanged. */
    CU_ASSERT_EQUAL(m.list.suppressed, 100);
    CU_ASSERT_EQUAL(list_total(&m), 1000);
    outcomes_draw(&m, 0, 5000, r, 0, 0, 0, &o);
    /* expected: 10% of recipients suppressed, 4 binomial sd = 4 x 21 */
    ASSERT_NEAR((double)o.suppressed, 500.0, 4 * sqrt(5000 * 0.1 * 0.9));
    CU_ASSERT_EQUAL(o.hard, 0);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* Whole-list passes are exact (hypergeometric of the full list): with ses
 * suppression the first pass bounces every invalid address and later passes
 * none; without suppression every pass bounces them all again. */
static void test_suppression_full_passes(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0.1;
    outcome_model ses, none;
    outcomes_init(&ses, &t, 1);
    outcomes_init(&none, &t, 0);
    gsl_rng *r = rng(7);
    for (int pass = 0; pass < 5; pass++) {
        outcome a, b;
        outcomes_draw(&ses, (int64_t)pass * DAY, 1000, r, 0, 0, 0, &a);
        outcomes_draw(&none, (int64_t)pass * DAY, 1000, r, 0, 0, 0, &b);
        CU_ASSERT_EQUAL(a.hard, pass == 0 ? 100 : 0);
        CU_ASSERT_EQUAL(a.suppressed, pass == 0 ? 0 : 100);
        CU_ASSERT_EQUAL(a.eligible, pass == 0 ? 1000 : 900);
        CU_ASSERT_EQUAL(b.hard, 100);
        CU_ASSERT_EQUAL(b.suppressed, 0);
        CU_ASSERT_EQUAL(b.eligible, 1000);
    }
    CU_ASSERT_EQUAL(ses.list.suppressed, 100);
    CU_ASSERT_EQUAL(ses.list.invalid, 0);
    CU_ASSERT_EQUAL(none.list.invalid, 100);
    gsl_rng_free(r);
    outcomes_destroy(&ses);
    outcomes_destroy(&none);
}

/* Repeated partial sends to a small list: with ses the hard bounces die out
 * (they can never exceed the 100 invalid addresses), without suppression they
 * persist at the invalid share. */
static void test_suppression_repeated_sends(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0.1;
    outcome_model ses, none;
    outcomes_init(&ses, &t, 1);
    outcomes_init(&none, &t, 0);
    gsl_rng *r = rng(8);
    int64_t hard_ses = 0, late_ses = 0, hard_none = 0, late_none = 0;
    for (int pass = 0; pass < 40; pass++) {
        outcome a, b;
        outcomes_draw(&ses, (int64_t)pass * H, 250, r, 0, 0, 0, &a);
        outcomes_draw(&none, (int64_t)pass * H, 250, r, 0, 0, 0, &b);
        hard_ses += a.hard;
        hard_none += b.hard;
        if (pass >= 30) {
            late_ses += a.hard;
            late_none += b.hard;
        }
    }
    CU_ASSERT(hard_ses <= 100); /* exact bound: each invalid address bounces once */
    /* An invalid address escapes 30 draws of a quarter of the list with
     * probability 0.75^30 = 1.8e-4; 100 addresses: 0.018 expected left. */
    CU_ASSERT_EQUAL(late_ses, 0);
    /* without suppression: 40 x 25 = 1000 expected; 4 sd of the sum of
     * hypergeometric draws (each sd <= sqrt(250 x 0.1 x 0.9) = 4.74) = 4 x 30 */
    ASSERT_NEAR((double)hard_none, 1000, 120);
    ASSERT_NEAR((double)late_none, 250, 4 * 4.74 * sqrt(10));
    gsl_rng_free(r);
    outcomes_destroy(&ses);
    outcomes_destroy(&none);
}

/* List decay 10% per 30 days: after 300 days the invalid share is
 * 1 - (1 - v0) 0.9^10, whether applied at once or month by month. */
static void test_list_decay(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1e6;
    t.invalid = 0.02;
    t.list_decay = 0.10;
    double want = 1 - (1 - 0.02) * pow(0.9, 10); /* 0.658296... */
    outcome_model m, monthly;
    outcomes_init(&m, &t, 0);
    outcomes_init(&monthly, &t, 0);
    gsl_rng *r = rng(9);
    outcome o;
    outcomes_draw(&m, 0, 100000, r, 0, 0, 0, &o);
    double day0 = (double)o.hard / 1e5;
    /* 4 binomial sd of a 100k-send share */
    ASSERT_NEAR(day0, 0.02, 4 * sd_share(0.02, 1e5));
    CU_ASSERT_EQUAL(m.list.invalid, 20000); /* no time passed: no decay */

    outcomes_draw(&m, 300 * DAY, 100000, r, 0, 0, 0, &o);
    double day300 = (double)o.hard / 1e5;
    CU_ASSERT(day300 > day0 + 0.5);
    /* the list itself: binomial decay of 980k valid addresses, 4 sd ~ 0.0019 */
    ASSERT_NEAR((double)m.list.invalid / 1e6, want, 4 * sqrt(980000 * want * (1 - want)) / 1e6);
    /* the batch: 4 binomial sd of 100k sends, plus the list's own spread */
    ASSERT_NEAR(day300, want, 4 * sd_share(want, 1e5) + 0.002);

    for (int month = 1; month <= 10; month++)
        outcomes_draw(&monthly, (int64_t)month * 30 * DAY, 1000, r, 0, 0, 0, &o);
    ASSERT_NEAR((double)monthly.list.invalid / 1e6, want, 4 * sqrt(980000 * want * (1 - want)) / 1e6);
    CU_ASSERT_EQUAL(list_total(&monthly), 1000000);
    CU_ASSERT_EQUAL(monthly.list.decayed_until, 300 * DAY);
    gsl_rng_free(r);
    outcomes_destroy(&m);
    outcomes_destroy(&monthly);
}

/* The list decays at a window's draw once at least an hour has passed since
 * its last update (docs/model.md, outcomes), not at the first draw of each
 * calendar hour: with list_decay = 100% (every valid address goes stale at an
 * update) draws at 15, 30 and 45 minutes leave the list alone, the draw at
 * 60 minutes turns it all invalid. */
static void test_decay_after_an_hour(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0;
    t.list_decay = 1;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(5);
    outcome o;
    for (int q = 1; q <= 3; q++) {
        outcomes_draw(&m, q * 15 * SIM_MS_PER_MIN, 10, r, 0, 0, 0, &o);
        CU_ASSERT_EQUAL(m.list.valid, 1000);
        CU_ASSERT_EQUAL(o.hard, 0);
    }
    outcomes_draw(&m, H, 10, r, 0, 0, 0, &o);
    CU_ASSERT_EQUAL(m.list.valid, 0);
    CU_ASSERT_EQUAL(m.list.invalid, 1000);
    CU_ASSERT_EQUAL(o.hard, 10);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* Time going backwards (an older `now`) never decays nor rewinds. */
static void test_decay_never_backwards(void)
{
    scn_traffic t = traffic_cfg();
    t.list_decay = 0.5;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(10);
    outcome o;
    outcomes_draw(&m, 30 * DAY, 10, r, 0, 0, 0, &o);
    int64_t inv = m.list.invalid;
    CU_ASSERT(inv > 400000); /* half of 990k went stale */
    outcomes_draw(&m, 10 * DAY, 10, r, 0, 0, 0, &o);
    CU_ASSERT_EQUAL(m.list.invalid, inv);
    CU_ASSERT_EQUAL(m.list.decayed_until, 30 * DAY);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* outcomes_clean_list removes the invalid addresses: no hard bounces after. */
static void test_clean_list(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 10000;
    t.invalid = 0.3;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    gsl_rng *r = rng(11);
    outcome o;
    outcomes_draw(&m, 0, 5000, r, 0, 0, 0, &o);
    CU_ASSERT(o.hard > 1000); /* ~1500 */
    outcomes_clean_list(&m);
    CU_ASSERT_EQUAL(m.list.invalid, 0);
    CU_ASSERT_EQUAL(m.list.valid, 7000);
    int64_t hard = 0;
    for (int i = 0; i < 20; i++) {
        outcomes_draw(&m, 0, 5000, r, 0, 0, 0, &o);
        hard += o.hard;
        CU_ASSERT_EQUAL(o.hard + o.soft + o.delivered, 5000);
    }
    CU_ASSERT_EQUAL(hard, 0);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* Replayed SES statistics: the observed bounce share replaces the list (all
 * sends eligible, the list untouched); complaints per send follow the observed
 * complaint share, carried by the FBL deliveries. */
static void test_observed_shares(void)
{
    scn_traffic t = traffic_cfg();
    t.list_size = 1000;
    t.invalid = 0.5;
    t.list_decay = 0.5;
    t.soft_bounce = 0;
    t.fbl_share = 0.5;
    outcome_model m;
    outcomes_init(&m, &t, 1);
    gsl_rng *r = rng(12);
    double n = 0, hard = 0, fbl = 0, complaints = 0;
    for (int i = 0; i < 100; i++) {
        outcome o;
        outcomes_draw(&m, (int64_t)i * DAY, 20000, r, 1, 0.07, 0.001, &o);
        CU_ASSERT_EQUAL(o.suppressed, 0);
        CU_ASSERT_EQUAL(o.eligible, 20000);
        CU_ASSERT_EQUAL(o.hard + o.soft + o.delivered, 20000);
        n += 20000;
        hard += (double)o.hard;
        fbl += (double)o.fbl;
        complaints += (double)o.complaints;
    }
    /* 2M sends: 4 binomial sd */
    ASSERT_NEAR(hard / n, 0.07, 4 * sd_share(0.07, n));
    /* complaints per FBL delivery: 0.001 / 0.5 = 0.002, 4 sd over ~930k */
    ASSERT_NEAR(complaints / fbl, 0.002, 4 * sd_share(0.002, fbl));
    /* the list model was not used: no decay, no suppression */
    CU_ASSERT_EQUAL(m.list.invalid, 500);
    CU_ASSERT_EQUAL(m.list.valid, 500);
    CU_ASSERT_EQUAL(m.list.suppressed, 0);
    gsl_rng_free(r);
    outcomes_destroy(&m);
}

/* ---- feedback delays ---------------------------------------------------- */

/* Arrivals per hour after the send hour, as rep_end_hour reports them. */
static void count_arrivals(reputation *rep, int64_t send_hour, int64_t *bounces,
                           int64_t *complaints, int hours)
{
    for (int k = 0; k < hours; k++) {
        int64_t b, c;
        rep_end_hour(rep, send_hour + k + 1, &b, &c);
        bounces[k] = b;
        complaints[k] = c;
    }
}

/* P(lognormal delay < x hours) with median `median_h` hours and shape sigma. */
static double delay_cdf_sigma(double x_h, double median_h, double sigma)
{
    return gsl_cdf_lognormal_P(x_h, log(median_h), sigma);
}

/* The default shape, traffic.feedback_delay_sigma = 1. */
static double delay_cdf(double x_h, double median_h) { return delay_cdf_sigma(x_h, median_h, 1.0); }

/* Many bounces and complaints of one batch (the multinomial path, as seen from
 * the middle of the send hour): complaints with a 6 h median have their median
 * arrival in the 6th hour after the send hour, bounces with a 10 min median
 * mostly arrive in the send hour; every hour's count matches the lognormal. */
static void test_delay_medians_batch(void)
{
    scn_traffic t = traffic_cfg();
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(13);
    int64_t send_hour = 10, now = send_hour * H + 30 * SIM_MS_PER_MIN;
    const int64_t N = 200000;
    rep_record_sends(&rep, send_hour, N, N, 0.9 * (double)N);
    outcome o = {.eligible = N, .hard = N, .complaints = N};
    outcomes_schedule(&m, &rep, now, &o, r);
    enum { HOURS = HORIZON + 2 };
    static int64_t b[HOURS], c[HOURS];
    count_arrivals(&rep, send_hour, b, c, HOURS);
    int64_t tb = 0, tc = 0, cum = 0;
    int median_hour = -1;
    for (int k = 0; k < HOURS; k++) {
        tb += b[k];
        tc += c[k];
        cum += c[k];
        if (median_hour < 0 && 2 * cum >= N)
            median_hour = k;
    }
    CU_ASSERT_EQUAL(tb, N); /* all arrive, within the 14-day horizon */
    CU_ASSERT_EQUAL(tc, N);
    CU_ASSERT_EQUAL(b[HORIZON + 1], 0);
    /* median 6 h after a mid-hour send: 16:30, in hour 16 = send hour + 6 */
    CU_ASSERT_EQUAL(median_hour, 6);
    /* within 6 hours after the send hour (by 16:00): P(delay < 5.5 h) = 0.465;
     * 4 binomial sd of a 200k share = 0.0045 */
    double by6 = 0;
    for (int k = 0; k < 6; k++)
        by6 += (double)c[k];
    ASSERT_NEAR(by6 / N, delay_cdf(5.5, 6), 4 * sd_share(0.5, N));
    /* each hour's count: N x P(k - 0.5 h <= delay < k + 0.5 h), within 4
     * binomial sd plus 3 messages (the tail bins expect well under one) */
    int bad = 0;
    for (int k = 0; k < 48; k++) {
        double p = delay_cdf(k + 0.5, 6) - (k ? delay_cdf(k - 0.5, 6) : 0);
        if (fabs((double)c[k] - N * p) > 4 * sqrt(N * p * (1 - p)) + 3)
            bad++;
        double pb = delay_cdf(k + 0.5, 1.0 / 6) - (k ? delay_cdf(k - 0.5, 1.0 / 6) : 0);
        if (fabs((double)b[k] - N * pb) > 4 * sqrt(N * pb * (1 - pb)) + 3)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* bounces, median 10 min: P(delay < 30 min) = Phi(ln 3) = 0.8640 */
    ASSERT_NEAR((double)b[0] / N, 0.8640, 4 * sd_share(0.864, N) + 1e-4);
    /* feedback was attributed to the send hour */
    CU_ASSERT_EQUAL(rep.sum.bounces, N);
    CU_ASSERT_EQUAL(rep.sum.complaints, N);
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* One or a few messages per batch (the per-message path, exact send time):
 * sent at 10:30 with a 6 h median, the median arrival is in hour 16. */
static void test_delay_medians_per_message(void)
{
    scn_traffic t = traffic_cfg();
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(14);
    int64_t send_hour = 10, now = send_hour * H + 30 * SIM_MS_PER_MIN;
    const int64_t CALLS = 10000; /* x 2 messages each: 20k complaints */
    rep_record_sends(&rep, send_hour, 4 * CALLS, 4 * CALLS, 0);
    for (int64_t i = 0; i < CALLS; i++) {
        outcome o = {.eligible = 4, .hard = 1, .complaints = 2};
        outcomes_schedule(&m, &rep, now, &o, r);
    }
    CU_ASSERT_PTR_NULL(m.delay_bins[0]); /* the per-message path only */
    CU_ASSERT_PTR_NULL(m.delay_bins[1]);
    enum { HOURS = HORIZON + 2 };
    static int64_t b[HOURS], c[HOURS];
    count_arrivals(&rep, send_hour, b, c, HOURS);
    double n = 2.0 * CALLS, by5 = 0, by6 = 0, tc = 0, tb = 0;
    for (int k = 0; k < HOURS; k++) {
        tc += (double)c[k];
        tb += (double)b[k];
        if (k <= 5)
            by5 += (double)c[k];
        if (k <= 6)
            by6 += (double)c[k];
    }
    CU_ASSERT_EQUAL((int64_t)tc, 2 * CALLS);
    CU_ASSERT_EQUAL((int64_t)tb, CALLS);
    /* arrival hour <= 15 iff delay < 5.5 h (0.465), <= 16 iff delay < 6.5 h
     * (0.532): the median lies in hour 16. 4 binomial sd of 20k = 0.014 */
    CU_ASSERT(by5 / n < 0.5);
    CU_ASSERT(by6 / n >= 0.5);
    ASSERT_NEAR(by5 / n, delay_cdf(5.5, 6), 4 * sd_share(0.5, n));
    ASSERT_NEAR(by6 / n, delay_cdf(6.5, 6), 4 * sd_share(0.5, n));
    /* bounces: 10 min median, sent at :30, same hour iff delay < 30 min */
    ASSERT_NEAR((double)b[0] / CALLS, delay_cdf(0.5, 1.0 / 6), 4 * sd_share(0.864, CALLS));
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* Delays beyond the horizon are counted at the horizon (14 days). */
static void test_delay_horizon(void)
{
    scn_traffic t = traffic_cfg();
    t.complaint_delay = 30 * DAY; /* median beyond the 14-day horizon */
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(15);
    rep_record_sends(&rep, 0, 1000, 1000, 0);
    outcome few = {.eligible = 3, .complaints = 3}, many = {.eligible = 1000, .complaints = 1000};
    outcomes_schedule(&m, &rep, 0, &few, r);
    outcomes_schedule(&m, &rep, 0, &many, r);
    enum { HOURS = HORIZON + 3 };
    static int64_t b[HOURS], c[HOURS];
    count_arrivals(&rep, 0, b, c, HOURS);
    int64_t total = 0;
    for (int k = 0; k < HOURS; k++)
        total += c[k];
    CU_ASSERT_EQUAL(total, 1003);
    CU_ASSERT_EQUAL(c[HORIZON + 1], 0);
    CU_ASSERT_EQUAL(c[HORIZON + 2], 0);
    /* P(delay >= 13.5 d) with a 30-day median: 0.79, so most land at the horizon */
    CU_ASSERT(c[HORIZON] > 700);
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* A zero median: feedback arrives in the send hour. */
static void test_delay_zero(void)
{
    scn_traffic t = traffic_cfg();
    t.bounce_delay = 0;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(16);
    rep_record_sends(&rep, 3, 100, 0, 0);
    outcome o = {.eligible = 100, .hard = 5};
    outcomes_schedule(&m, &rep, 3 * H + 59 * SIM_MS_PER_MIN, &o, r);
    int64_t b, c;
    rep_end_hour(&rep, 4, &b, &c);
    CU_ASSERT_EQUAL(b, 5);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_EQUAL(rep.sum.bounces, 5);
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* traffic.feedback_delay_sigma = 0: every delay is its median, on both paths
 * (complaints sent at 10:30 with a 6 h median arrive at 16:30, hour 16; many
 * of a window, seen from mid-hour, all in the 6th hour after it), without a
 * draw on the per-message path. */
static void test_delay_sigma_zero(void)
{
    scn_traffic t = traffic_cfg();
    t.feedback_delay_sigma = 0;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(17), *fresh = rng(17);
    int64_t send_hour = 10, now = send_hour * H + 30 * SIM_MS_PER_MIN;
    rep_record_sends(&rep, send_hour, 1000, 1000, 0);
    outcome few = {.eligible = 4, .complaints = 3}, many = {.eligible = 1000, .complaints = 500};
    outcomes_schedule(&m, &rep, now, &few, r);
    CU_ASSERT_EQUAL(gsl_rng_get(r), gsl_rng_get(fresh)); /* no number drawn */
    outcomes_schedule(&m, &rep, now, &many, r);
    enum { HOURS = 12 };
    int64_t b[HOURS], c[HOURS];
    count_arrivals(&rep, send_hour, b, c, HOURS);
    for (int k = 0; k < HOURS; k++)
        CU_ASSERT_EQUAL(c[k], k == 6 ? 503 : 0);
    gsl_rng_free(r);
    gsl_rng_free(fresh);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* traffic.feedback_delay_sigma = 2: the arrival hours follow the wider
 * lognormal (4 binomial sd plus 3 messages per hour, as above), and its
 * table is not shared with a stream of the same median at sigma 1. */
static void test_delay_sigma_wide(void)
{
    scn_traffic t = traffic_cfg(), narrow = traffic_cfg();
    t.feedback_delay_sigma = 2;
    outcome_model m, mn;
    outcomes_init(&m, &t, 0);
    outcomes_init(&mn, &narrow, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(18);
    int64_t send_hour = 10, now = send_hour * H + 30 * SIM_MS_PER_MIN;
    const int64_t N = 200000;
    rep_record_sends(&rep, send_hour, N, N, 0);
    outcome o = {.eligible = N, .complaints = N};
    outcomes_schedule(&m, &rep, now, &o, r);
    enum { HOURS = HORIZON + 2 };
    static int64_t b[HOURS], c[HOURS];
    count_arrivals(&rep, send_hour, b, c, HOURS);
    int bad = 0;
    for (int k = 0; k < 48; k++) {
        double p = delay_cdf_sigma(k + 0.5, 6, 2) - (k ? delay_cdf_sigma(k - 0.5, 6, 2) : 0);
        bad += fabs((double)c[k] - N * p) > 4 * sqrt(N * p * (1 - p)) + 3;
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* the tail: P(delay >= 13.5 d) = 1 - Phi(ln(54) / 2) = 0.0232 at the horizon */
    double tail = 1 - delay_cdf_sigma(HORIZON - 0.5, 6, 2);
    ASSERT_NEAR((double)c[HORIZON] / N, tail, 4 * sd_share(tail, N));
    outcomes_schedule(&mn, &rep, now, &o, r);
    CU_ASSERT_PTR_NOT_EQUAL(m.delay_bins[1], mn.delay_bins[1]);
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
    outcomes_destroy(&mn);
}

/* policy.feedback_horizon = 2d: the reputation's horizon bounds both paths:
 * with a 30-day median nearly all complaints arrive at send hour + 48. */
static void test_delay_horizon_policy(void)
{
    scn_traffic t = traffic_cfg();
    t.complaint_delay = 30 * DAY;
    outcome_model m;
    outcomes_init(&m, &t, 0);
    reputation rep;
    rep_init(&rep, 1e12, 48, MIN_WINDOW);
    gsl_rng *r = rng(19);
    rep_record_sends(&rep, 0, 2000, 2000, 0);
    outcome few = {.eligible = 5, .complaints = 5}, many = {.eligible = 1000, .complaints = 1000};
    outcomes_schedule(&m, &rep, 0, &few, r);
    outcomes_schedule(&m, &rep, 0, &many, r);
    enum { HOURS = 60 };
    int64_t b[HOURS], c[HOURS], total = 0;
    count_arrivals(&rep, 0, b, c, HOURS);
    for (int k = 0; k < HOURS; k++)
        total += c[k];
    CU_ASSERT_EQUAL(total, 1005);
    for (int k = 49; k < HOURS; k++)
        CU_ASSERT_EQUAL(c[k], 0);
    /* P(delay >= 47.5 h) with a 30-day median: 0.997 */
    CU_ASSERT(c[48] > 980);
    gsl_rng_free(r);
    rep_destroy(&rep);
    outcomes_destroy(&m);
}

/* Arrival tables are shared by streams with the same median and outlive any
 * one of them: the last user frees them (ASan checks the frees). */
static void test_delay_bins_shared(void)
{
    scn_traffic t1 = traffic_cfg(), t2 = traffic_cfg(), t3 = traffic_cfg();
    t3.bounce_delay = 20 * SIM_MS_PER_MIN; /* a different bounce median */
    outcome_model m1, m2, m3;
    outcomes_init(&m1, &t1, 0);
    outcomes_init(&m2, &t2, 0);
    outcomes_init(&m3, &t3, 0);
    reputation rep;
    rep_init(&rep, 1e12, HORIZON, MIN_WINDOW);
    gsl_rng *r = rng(15);
    outcome o = {.eligible = 1000, .hard = 100, .complaints = 100};
    rep_record_sends(&rep, 0, 3000, 3000, 0);
    outcomes_schedule(&m1, &rep, 0, &o, r);
    outcomes_schedule(&m2, &rep, 0, &o, r);
    outcomes_schedule(&m3, &rep, 0, &o, r);
    CU_ASSERT_PTR_NOT_NULL(m1.delay_bins[0]);
    CU_ASSERT_PTR_EQUAL(m1.delay_bins[0], m2.delay_bins[0]);
    CU_ASSERT_PTR_EQUAL(m1.delay_bins[1], m3.delay_bins[1]); /* same complaint median */
    CU_ASSERT_PTR_NOT_EQUAL(m1.delay_bins[0], m3.delay_bins[0]);
    CU_ASSERT_PTR_NOT_EQUAL(m1.delay_bins[0], m1.delay_bins[1]);
    outcomes_destroy(&m1);
    double last = m2.delay_bins[0][HORIZON]; /* still held by m2 */
    ASSERT_NEAR(last, 1.0, 0);
    outcomes_schedule(&m2, &rep, 0, &o, r);
    outcomes_destroy(&m2);
    outcomes_destroy(&m3);
    outcomes_init(&m1, &t1, 0); /* made again after all were freed */
    outcomes_schedule(&m1, &rep, 0, &o, r);
    CU_ASSERT_PTR_NOT_NULL(m1.delay_bins[0]);
    outcomes_destroy(&m1);
    gsl_rng_free(r);
    rep_destroy(&rep);
}

TEST_SUITE(outcomes,
           {"complaint probability pinned", test_complaint_probability},
           {"content_complaint_factor", test_complaint_content_factor},
           {"init splits the list", test_init_list},
           {"empty batch", test_empty_batch},
           {"a batch over UINT_MAX keeps its shares", test_huge_batch},
           {"shares converge on a fresh list", test_shares_converge},
           {"complaint share of FBL deliveries", test_complaint_share},
           {"conservation within a batch", test_batch_conservation},
           {"suppression: batch larger than list", test_suppression_batch_larger_than_list},
           {"suppression: whole-list passes", test_suppression_full_passes},
           {"suppression: repeated sends", test_suppression_repeated_sends},
           {"list decay raises bounces", test_list_decay},
           {"decay never backwards", test_decay_never_backwards},
           {"decay once an hour has passed", test_decay_after_an_hour},
           {"clean list", test_clean_list},
           {"observed shares", test_observed_shares},
           {"delay medians, batch", test_delay_medians_batch},
           {"delay medians, per message", test_delay_medians_per_message},
           {"delay horizon", test_delay_horizon},
           {"zero delay", test_delay_zero},
           {"feedback_delay_sigma 0: delays are the median", test_delay_sigma_zero},
           {"feedback_delay_sigma 2: the wider lognormal", test_delay_sigma_wide},
           {"feedback_horizon of the reputation bounds delays", test_delay_horizon_policy},
           {"delay tables shared by median", test_delay_bins_shared})
