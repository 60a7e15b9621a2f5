/* test_outcome_window.c: outcomes drawn once per window (stream.h): what an
 * account accepts joins its part's outcome window, and stream_flush_outcomes
 * draws the window's deliveries, bounces and complaints in one go.
 *
 *   - nothing of the list recipients reaches the account before the flush
 *     (verified and simulator recipients are delivered at once); the flush
 *     accounts for every list recipient; an empty window draws nothing;
 *   - reputation gets the window's sends in the hour of its first send, and
 *     its hard bounces when they arrive;
 *   - a window of 60 submissions draws like one submission of their total;
 *   - replayed shares (ses-stats) that change close the window early;
 *   - one flush closes every part of a split stream.
 *
 * Streams are built from INI text with real accounts; the tests call
 * stream_submit and stream_flush_outcomes themselves, as senders and the run
 * do. Fixed seeds (sim.seed); statistical checks state their tolerance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "models/account.h"
#include "core/config.h"
#include "models/enforcement.h"
#include "core/rng.h"
#include "scenario/scenario.h"
#include "models/stream.h"
#include "suite.h"

#define MIN SIM_MS_PER_MIN
#define H SIM_MS_PER_H

/* ---- fixture ------------------------------------------------------------- */

typedef struct bench {
    scenario *scn;
    rng_set *rngs;
    account *acct; /* scn->n_accounts of them */
    stream st;     /* the scenario's only stream, traffic.t */
} bench;

/* An account that takes anything the tests send and keeps no suppression list
 * (so every list recipient is eligible). */
#define ACCOUNT(name) "[account." name "]\nsuppression = none\nmax24h = 1G\nmax_rate = 100000\n"

/* `accounts` sections, then [traffic.t] with a list of 1M that never decays
 * and the keys `traffic` (which names the account(s) and the kind). With
 * `reputation`, every account is under the scenario's policy. */
static int bench_open(bench *b, const char *accounts, const char *traffic, int reputation)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[sim]\nstart = 2026-01-01T00:00:00Z\nduration = 100d\nseed = 11\n"
             "[policy]\npreset = classic\n%s"
             "[traffic.t]\nlist_size = 1M\nlist_decay = 0%%\n%s\n",
             accounts, traffic);
    memset(b, 0, sizeof *b);
    sim_err err = {0};
    b->scn = scn_create();
    if (scn_load_string(b->scn, text, "test_outcome_window", ".", &err) ||
        scn_resolve(b->scn, &err)) {
        fprintf(stderr, "scenario: %s\n", err.msg);
        scn_destroy(b->scn);
        return -1;
    }
    b->rngs = rng_set_create((uint64_t)b->scn->sim.seed, 1);
    b->acct = calloc(b->scn->n_accounts, sizeof *b->acct);
    for (size_t i = 0; i < b->scn->n_accounts; i++) {
        account_init(&b->acct[i], &b->scn->accounts[i], &b->scn->sim);
        if (reputation)
            account_attach_service(&b->acct[i], &b->scn->policy,
                                   rng_stream(b->rngs, b->scn->accounts[i].name), NULL, NULL);
    }
    int rc = stream_init(&b->st, &b->scn->traffic[0], b->acct, &b->scn->sim, b->rngs, &err);
    if (rc)
        fprintf(stderr, "stream: %s\n", err.msg);
    return rc ? -1 : 0;
}

static void bench_close(bench *b)
{
    stream_destroy(&b->st);
    for (size_t i = 0; i < b->scn->n_accounts; i++)
        account_destroy(&b->acct[i]);
    free(b->acct);
    rng_set_destroy(b->rngs);
    scn_destroy(b->scn);
}

#define OPEN(b, traffic, reputation)                                                               \
    CU_ASSERT_FATAL(bench_open(b, ACCOUNT("main"), "account = main\n" traffic, reputation) == 0)

/* A constant source without noise (the tests submit themselves) and a list
 * without invalid addresses: every list recipient is delivered or soft-bounces. */
#define CLEAN "kind = constant\nnoise = none\ninvalid = 0%\n"

/* Submit n at each minute of [from, from + minutes) (1-minute spans); the
 * replies' totals. */
static acct_reply submit_minutes(stream *s, int64_t from, int minutes, int64_t n)
{
    acct_reply sum = {0};
    for (int m = 0; m < minutes; m++) {
        acct_reply r = stream_submit(s, from + m * MIN, MIN, n);
        sum.accepted += r.accepted;
        sum.rejected += r.rejected;
        sum.refused += r.refused;
        sum.listed += r.listed;
    }
    return sum;
}

/* The hour boundaries (from, to] as the run has them: flush, then enforce. */
static void boundaries(bench *b, int64_t from, int64_t to)
{
    for (int64_t h = from + 1; h <= to; h++) {
        stream_flush_outcomes(&b->st);
        for (size_t i = 0; i < b->scn->n_accounts; i++)
            enforce_hour(&b->acct[i], h * H);
    }
}

/* The one bucket reputation holds (the tests send in one hour), or NULL. */
static const rep_bucket *only_bucket(const reputation *r)
{
    return rep_buckets_held(r) == 1 ? &r->ring[r->head] : NULL;
}

/* A temporary file holding `text`, its name in path (a mkstemp template). */
static int temp_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    ssize_t n = (ssize_t)strlen(text), w = write(fd, text, (size_t)n);
    close(fd);
    return w == n ? 0 : -1;
}

/* ---- deterministic -------------------------------------------------------- */

/* 60 one-minute submissions of 100 in hour 2. While the window is open the
 * account's delivered count is exactly the verified and simulator recipients
 * accepted so far (0 without them) and nothing else is counted; the flush
 * draws the list recipients: delivered + soft bounces = accepted, exactly
 * (no invalid addresses, no suppression). The window's first send and sum of
 * offsets (its mean send time) are what the submissions say. */
static void check_window(const char *traffic)
{
    bench b;
    char tr[512];
    snprintf(tr, sizeof tr, "account = main\n%ssoft_bounce = 10%%\n%s", CLEAN, traffic);
    CU_ASSERT_FATAL(bench_open(&b, ACCOUNT("main"), tr, 0) == 0);
    account *a = &b.acct[0];
    int64_t accepted = 0, listed = 0;
    double offsets = 0;
    int bad = 0;
    for (int m = 0; m < 60; m++) {
        acct_reply r = stream_submit(&b.st, 2 * H + m * MIN, MIN, 100);
        accepted += r.accepted;
        listed += r.listed;
        offsets += (double)(m * MIN) * (double)r.listed;
        bad += r.accepted != 100;
        bad += a->total.delivered != accepted - listed;
        bad += a->interval.delivered != accepted - listed;
        bad += a->total.soft_bounces != 0 || a->total.hard_bounces != 0;
        bad += a->total.complaints != 0;
        bad += b.st.pending.listed != listed;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(accepted, 6000);
    CU_ASSERT(listed > 0);
    CU_ASSERT_EQUAL(b.st.pending.first, 2 * H);
    ASSERT_NEAR(b.st.pending.offsets, offsets, 0);

    stream_flush_outcomes(&b.st);
    CU_ASSERT_EQUAL(b.st.pending.listed, 0);
    CU_ASSERT_EQUAL(a->total.delivered + a->total.soft_bounces, accepted);
    CU_ASSERT_EQUAL(a->interval.delivered, a->total.delivered);
    CU_ASSERT_EQUAL(a->interval.soft_bounces, a->total.soft_bounces);
    CU_ASSERT_EQUAL(a->total.hard_bounces, 0);
    /* soft bounces: Binomial(listed, 10%), 4 sd */
    double p = 0.10;
    ASSERT_NEAR((double)a->total.soft_bounces, p * (double)listed,
                4 * sqrt((double)listed * p * (1 - p)));

    /* A second flush: the window is empty; nothing is counted and no random
     * number is drawn. */
    flow_counts before = a->total;
    gsl_rng *copy = gsl_rng_clone(b.st.send_rng);
    stream_flush_outcomes(&b.st);
    CU_ASSERT(memcmp(&before, &a->total, sizeof before) == 0);
    CU_ASSERT_EQUAL(gsl_rng_get(b.st.send_rng), gsl_rng_get(copy));
    gsl_rng_free(copy);
    bench_close(&b);
}

static void test_window_then_flush(void)
{
    check_window("");
    check_window("verified = 20%\nsimulator = 10%\n");
}

/* With reputation: a list with 10% invalid addresses, feedback without delay
 * (bounce_delay 0: it arrives in the send hour, applied at that hour's end).
 * The window of hour 3 is recorded at the boundary 4 h (the flush, before
 * enforcement): all 6,000 eligible sends in hour 3's bucket, content-weighted;
 * its hard bounces count when they arrive, and then
 * delivered + soft + hard = 6,000 exactly. */
static void test_flush_reputation(void)
{
    bench b;
    OPEN(&b, "kind = constant\nnoise = none\ninvalid = 10%\nsoft_bounce = 5%\nbounce_delay = 0s\n"
             "content = 80%\n", 1);
    account *a = &b.acct[0];
    const reputation *rep = &a->rep;
    boundaries(&b, 0, 3);
    acct_reply r = submit_minutes(&b.st, 3 * H, 60, 100);
    CU_ASSERT_EQUAL(r.listed, 6000);
    CU_ASSERT_EQUAL(rep->sum.eligible, 0); /* nothing before the flush */
    CU_ASSERT_EQUAL(rep_buckets_held(rep), 0);

    stream_flush_outcomes(&b.st); /* the boundary 4 h, before enforcement */
    const rep_bucket *k = only_bucket(rep);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->hour, 3);
    CU_ASSERT_EQUAL(k->eligible, 6000);
    ASSERT_NEAR(k->content, 0.8 * 6000, 1e-6);
    CU_ASSERT(k->fbl <= a->total.delivered);
    CU_ASSERT_EQUAL(rep->sum.eligible, 6000);
    CU_ASSERT_EQUAL(a->total.hard_bounces, 0); /* feedback arrives at the hour's end */
    int64_t drawn = a->total.delivered + a->total.soft_bounces;

    enforce_hour(a, 4 * H);
    int64_t hard = a->total.hard_bounces;
    CU_ASSERT_EQUAL(drawn + hard, 6000);
    CU_ASSERT_PTR_EQUAL_FATAL(only_bucket(rep), k);
    CU_ASSERT_EQUAL(k->bounces, hard);
    /* hard: Binomial(6000, 10%) (a batch of 0.6% of the list), 4 sd = 93 */
    ASSERT_NEAR((double)hard, 600, 4 * sqrt(6000 * 0.1 * 0.9));
    bench_close(&b);
}

/* The sends of a window go to the hour of its first send: a window of 100 at
 * 4:55 and 30 x 100 from 5:00 (mean send time 5:14; the run never lets a
 * window cross an hour, its boundaries include every hour, but a test may) is
 * recorded in hour 4 whole. */
static void test_reputation_first_hour(void)
{
    bench b;
    OPEN(&b, CLEAN, 1);
    boundaries(&b, 0, 4);
    acct_reply r = submit_minutes(&b.st, 4 * H + 55 * MIN, 1, 100);
    r.listed += submit_minutes(&b.st, 5 * H, 30, 100).listed;
    CU_ASSERT_EQUAL(r.listed, 3100);
    CU_ASSERT_EQUAL(b.st.pending.first, 4 * H + 55 * MIN);
    stream_flush_outcomes(&b.st);
    const rep_bucket *k = only_bucket(&b.acct[0].rep); /* no bucket for hour 5 */
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->hour, 4);
    CU_ASSERT_EQUAL(k->eligible, 3100);
    bench_close(&b);
}

/* A window that crosses an hour keeps its feedback with its sends: 10% invalid,
 * no delay, sends at 4:55 and from 5:00 to 5:29 (mean send time in hour 5).
 * The bounces were scheduled for hour 5, where no sends were recorded, and
 * the reputation lost them while the account counted them. */
static void test_crossing_window_feedback(void)
{
    bench b;
    OPEN(&b, "kind = constant\nnoise = none\ninvalid = 10%\nbounce_delay = 0s\n", 1);
    account *a = &b.acct[0];
    boundaries(&b, 0, 4);
    submit_minutes(&b.st, 4 * H + 55 * MIN, 1, 100);
    submit_minutes(&b.st, 5 * H, 30, 100);
    stream_flush_outcomes(&b.st);
    enforce_hour(a, 5 * H);
    enforce_hour(a, 6 * H);
    const rep_bucket *k = only_bucket(&a->rep);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->hour, 4);
    CU_ASSERT(a->total.hard_bounces > 200); /* Binomial(3100, 10%): 310, sd 17 */
    CU_ASSERT_EQUAL(k->bounces, a->total.hard_bounces);
    bench_close(&b);
}

/* A window closes as soon as it holds a sizeable part (over 1/20) of its list,
 * so the list moves on as it did per tick: a list of 1,000 (100 invalid) under
 * SES's suppression list, sent 100 a minute for an hour, bounces each invalid
 * address at most once (each tick's 100 are a window of their own). As one
 * window of 6,000 (six times the list, drawn with replacement) it bounced
 * about 600 times. */
static void test_sizeable_window_closes(void)
{
    bench b;
    CU_ASSERT_FATAL(bench_open(&b, "[account.main]\nsuppression = ses\nmax24h = 1G\nmax_rate = 100000\n",
                               "account = main\nkind = constant\nnoise = none\ninvalid = 10%\n"
                               "bounce_delay = 0s\n", 1) == 0);
    b.scn->traffic[0].list_size = 1000; /* the fixture's list is 1M */
    outcomes_init(&b.st.outcomes, &b.scn->traffic[0], 1);
    account *a = &b.acct[0];
    submit_minutes(&b.st, 0, 1, 40); /* 40 of 1,000: not sizeable, stays open */
    CU_ASSERT_EQUAL(b.st.pending.listed, 40);
    submit_minutes(&b.st, MIN, 1, 20); /* 60: closed */
    CU_ASSERT_EQUAL(b.st.pending.listed, 0);
    submit_minutes(&b.st, 2 * MIN, 58, 100);
    CU_ASSERT_EQUAL(b.st.pending.listed, 0);
    stream_flush_outcomes(&b.st);
    enforce_hour(a, H);
    CU_ASSERT(a->total.hard_bounces <= 100);
    CU_ASSERT(a->total.hard_bounces >= 90); /* 5,860 sends over a 10%-invalid list of 1,000 */
    CU_ASSERT_EQUAL(b.st.outcomes.list.suppressed, a->total.hard_bounces);
    bench_close(&b);
}

/* ---- statistical ---------------------------------------------------------- */

enum { R = 2000, N = 3000 };

/* R windows, one an hour, each of `calls` submissions of N / calls a minute
 * apart, flushed at the hour's end: each window's soft bounces into soft[].
 * Every window must take all N and deliver or soft-bounce each exactly. */
static void binomial_windows(int calls, int64_t *soft)
{
    bench b;
    OPEN(&b, CLEAN "soft_bounce = 10%\n", 0);
    account *a = &b.acct[0];
    int bad = 0;
    for (int64_t w = 0; w < R; w++) {
        flow_counts before = a->total;
        acct_reply r = submit_minutes(&b.st, w * H, calls, N / calls);
        stream_flush_outcomes(&b.st);
        soft[w] = a->total.soft_bounces - before.soft_bounces;
        bad += r.listed != N || soft[w] + a->total.delivered - before.delivered != N;
    }
    CU_ASSERT_EQUAL(bad, 0);
    bench_close(&b);
}

/* A window of 60 one-minute submissions of 50 draws its soft bounces as
 * Binomial(3000, 10%) (mean 300, variance 270), over R = 2000 windows:
 *   - the mean within 4 standard errors (sqrt(270 / R) = 0.37);
 *   - the sample variance over 270 within [0.85, 1.15] (its standard error
 *     is about sqrt(2 / (R - 1)) = 0.032: more than 4.5 of them).
 * And it is one draw: with the same seed, windows of one submission of 3,000
 * give the very same counts, window by window. */
static void test_binomial_window(void)
{
    static int64_t soft[R], single[R];
    binomial_windows(60, soft);
    binomial_windows(1, single);
    double sum = 0, sum2 = 0;
    int differ = 0;
    for (int w = 0; w < R; w++) {
        sum += (double)soft[w];
        sum2 += (double)soft[w] * (double)soft[w];
        differ += soft[w] != single[w];
    }
    const double p = 0.10, mu = N * p, sigma2 = N * p * (1 - p);
    double mean = sum / R, var = (sum2 - sum * mean) / (R - 1);
    ASSERT_NEAR(mean, mu, 4 * sqrt(sigma2 / R));
    ASSERT_NEAR(var / sigma2, 1.0, 0.15);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- replayed shares ------------------------------------------------------ */

/* Observed shares of a fake replay: a hard-bounce share of 1 for the first
 * 30 minutes, 0 until 45 minutes, then no data (the list model). */
static int fake_shares(void *state, int64_t t, double *bounce, double *complaint)
{
    (void)state;
    if (t >= 45 * MIN)
        return 0;
    *bounce = t < 30 * MIN ? 1.0 : 0.0;
    *complaint = 0;
    return 1;
}

/* A constant stream given the fake shares (a copy of its kind, so destroy
 * still matches its source). One window's submissions: 2 x 100 under share 1,
 * 2 x 300 under share 0, 1 x 50 without shares. Each change of shares closes
 * the window: three draws, each at its own shares. With a clean list and no
 * soft bounces every count is exact: 200 hard bounces, 650 delivered. */
static void test_changed_shares_close_window(void)
{
    bench b;
    OPEN(&b, CLEAN "soft_bounce = 0%\nbounce_delay = 0s\n", 1);
    traffic_type fake = *b.st.kind;
    fake.observed_shares = fake_shares;
    b.st.kind = &fake;
    account *a = &b.acct[0];

    submit_minutes(&b.st, 10 * MIN, 1, 100);
    submit_minutes(&b.st, 20 * MIN, 1, 100);
    CU_ASSERT_EQUAL(b.st.pending.listed, 200); /* same shares: one window */
    CU_ASSERT_EQUAL(b.st.pending.observed, 1);
    ASSERT_NEAR(b.st.pending.obs_bounce, 1.0, 0);
    CU_ASSERT_EQUAL(a->rep.sum.eligible, 0);

    submit_minutes(&b.st, 35 * MIN, 1, 300); /* share 0: the first window closes */
    CU_ASSERT_EQUAL(a->rep.sum.eligible, 200);
    CU_ASSERT_EQUAL(a->total.delivered, 0); /* all 200 bounced */
    CU_ASSERT_EQUAL(b.st.pending.listed, 300);
    CU_ASSERT_EQUAL(b.st.pending.first, 35 * MIN);
    ASSERT_NEAR(b.st.pending.obs_bounce, 0.0, 0);
    submit_minutes(&b.st, 40 * MIN, 1, 300);
    CU_ASSERT_EQUAL(b.st.pending.listed, 600);

    submit_minutes(&b.st, 50 * MIN, 1, 50); /* no data: closes the second */
    CU_ASSERT_EQUAL(a->total.delivered, 600);
    CU_ASSERT_EQUAL(b.st.pending.listed, 50);
    CU_ASSERT_EQUAL(b.st.pending.observed, 0);

    stream_flush_outcomes(&b.st);
    CU_ASSERT_EQUAL(a->total.delivered, 650);
    CU_ASSERT_EQUAL(a->rep.sum.eligible, 850);
    enforce_hour(a, H); /* the bounces arrive in hour 0 */
    CU_ASSERT_EQUAL(a->total.hard_bounces, 200);
    CU_ASSERT_EQUAL(a->rep.sum.bounces, 200);
    bench_close(&b);
}

/* The same through the real ses-stats kind: points at 00:00 (every attempt
 * bounced) and 00:15 (none did). Submissions at 00:05 and 00:20 fall in one
 * window of the run but get two draws: exactly the first one's 400 bounce. */
static void test_ses_stats_shares(void)
{
    char path[] = "/tmp/sesim-outcome-window-XXXXXX";
    CU_ASSERT_FATAL(temp_file(path, "Timestamp,DeliveryAttempts,Bounces,Complaints\n"
                                    "2026-01-01T00:00:00Z,900,900,0\n"
                                    "2026-01-01T00:15:00Z,900,0,0\n") == 0);
    char tr[512];
    snprintf(tr, sizeof tr,
             "account = main\nkind = ses-stats\nfile = %s\nsoft_bounce = 0%%\nbounce_delay = 0s\n",
             path);
    bench b;
    int rc = bench_open(&b, ACCOUNT("main"), tr, 1);
    unlink(path);
    CU_ASSERT_FATAL(rc == 0);
    account *a = &b.acct[0];
    submit_minutes(&b.st, 5 * MIN, 1, 400);
    submit_minutes(&b.st, 20 * MIN, 1, 700);
    CU_ASSERT_EQUAL(b.st.pending.listed, 700); /* the first window was drawn */
    stream_flush_outcomes(&b.st);
    CU_ASSERT_EQUAL(a->total.delivered, 700);
    enforce_hour(a, H);
    CU_ASSERT_EQUAL(a->total.hard_bounces, 400);
    CU_ASSERT_EQUAL(a->rep.sum.eligible, 1100);
    bench_close(&b);
}

/* ---- split streams -------------------------------------------------------- */

/* A stream over two accounts: each part has its own window; one flush of the
 * stream (the first part, as the run calls it) draws both, each into its own
 * account. */
static void test_split_flush(void)
{
    bench b;
    CU_ASSERT_FATAL(bench_open(&b, ACCOUNT("a") ACCOUNT("b"),
                               "account = a, b\n" CLEAN "soft_bounce = 10%\n", 0) == 0);
    CU_ASSERT_EQUAL_FATAL(b.st.n_parts, 2);
    stream *p0 = b.st.parts[0], *p1 = b.st.parts[1];
    submit_minutes(p0, 0, 30, 10);
    submit_minutes(p1, 0, 30, 20);
    CU_ASSERT_EQUAL(p0->pending.listed, 300);
    CU_ASSERT_EQUAL(p1->pending.listed, 600);
    CU_ASSERT_EQUAL(b.acct[0].total.delivered + b.acct[1].total.delivered, 0);
    stream_flush_outcomes(&b.st);
    CU_ASSERT_EQUAL(p0->pending.listed, 0);
    CU_ASSERT_EQUAL(p1->pending.listed, 0);
    CU_ASSERT_EQUAL(b.acct[0].total.delivered + b.acct[0].total.soft_bounces, 300);
    CU_ASSERT_EQUAL(b.acct[1].total.delivered + b.acct[1].total.soft_bounces, 600);
    bench_close(&b);
}

TEST_SUITE(outcome_window,
           {"nothing counted before the flush; flush conserves", test_window_then_flush},
           {"flush into reputation, bounces on arrival", test_flush_reputation},
           {"reputation: hour of the window's first send", test_reputation_first_hour},
           {"a window crossing an hour keeps its feedback with its sends", test_crossing_window_feedback},
           {"a window holding over 1/20 of its list closes at once", test_sizeable_window_closes},
           {"window of 60 submissions is one binomial", test_binomial_window},
           {"changed replayed shares close the window", test_changed_shares_close_window},
           {"ses-stats shares: two draws in one window", test_ses_stats_shares},
           {"split stream: one flush, every part", test_split_flush})
