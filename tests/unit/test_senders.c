/* test_senders.c: sender behaviours (DESIGN.md Model 2): retry backoff,
 * pace queueing delays, overflow, drop, and conservation per stream:
 *   demand = sent + rejected + overflow + dropped + waiting.
 *
 * A world is built from INI text (scn_load_string / scn_resolve) with real
 * accounts and streams; the tests call the sender's tick with demands of their
 * own, so every count is known exactly. */
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
#include "models/sender.h"
#include "models/stream.h"
#include "models/tenant.h"
#include "suite.h"

#define S SIM_MS_PER_S
#define MIN SIM_MS_PER_MIN
#define H SIM_MS_PER_H
#define DAY SIM_MS_PER_DAY

/* ---- fixture ------------------------------------------------------------- */

typedef struct world {
    scenario *scn;
    rng_set *rngs;
    account acct[2];
    size_t n_acct;
    stream s;
    stream s2; /* the second traffic section, when the scenario has one */
    int has_s2;
} world;

static int world_init(world *w, const char *text)
{
    memset(w, 0, sizeof *w);
    w->scn = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(w->scn, text, "test_senders", ".", &err);
    if (!rc)
        rc = scn_resolve(w->scn, &err);
    if (rc) {
        fprintf(stderr, "scenario: %s\n", err.msg);
        scn_destroy(w->scn);
        return -1;
    }
    w->n_acct = w->scn->n_accounts;
    if (w->n_acct > 2)
        return -1;
    w->rngs = rng_set_create((uint64_t)w->scn->sim.seed, 1);
    for (size_t i = 0; i < w->n_acct; i++) {
        char name[SCN_MAX_NAME + 32];
        snprintf(name, sizeof name, "account.%s.service", w->scn->accounts[i].name);
        account_init(&w->acct[i], &w->scn->accounts[i], &w->scn->sim);
        account_attach_service(&w->acct[i], &w->scn->policy, rng_stream(w->rngs, name), NULL, NULL);
    }
    if (stream_init(&w->s, &w->scn->traffic[0], w->acct, &w->scn->sim, w->rngs, &err)) {
        fprintf(stderr, "stream: %s\n", err.msg);
        return -1;
    }
    if (w->scn->n_traffic > 1) {
        if (stream_init(&w->s2, &w->scn->traffic[1], w->acct, &w->scn->sim, w->rngs, &err)) {
            fprintf(stderr, "stream: %s\n", err.msg);
            return -1;
        }
        w->has_s2 = 1;
    }
    return 0;
}

static void world_destroy(world *w)
{
    if (w->has_s2)
        stream_destroy(&w->s2);
    stream_destroy(&w->s);
    for (size_t i = 0; i < w->n_acct; i++)
        account_destroy(&w->acct[i]);
    rng_set_destroy(w->rngs);
    scn_destroy(w->scn);
}

/* A one-account scenario: `account` keys, then `traffic` keys. */
static int world_make(world *w, const char *account, const char *traffic)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[sim]\nduration = 30d\nseed = 7\n[policy]\npreset = classic\n"
             "[account.main]\n%s\n"
             "[traffic.t]\naccount = main\nkind = constant\nnoise = none\n%s\n",
             account ? account : "", traffic ? traffic : "");
    return world_init(w, text);
}

#define MAKE(w, acc, tr) CU_ASSERT_FATAL(world_make(w, acc, tr) == 0)

/* One tick of stream s with the demand given; the counts of that tick. */
static flow_counts tick_stream(stream *s, int64_t now, int64_t span, int64_t demand)
{
    flow_counts before = s->total;
    s->sender->tick(s, now, span, demand);
    flow_counts d = s->total;
    d.demand -= before.demand;
    d.sent -= before.sent;
    d.throttled -= before.throttled;
    d.rejected -= before.rejected;
    d.overflow -= before.overflow;
    d.dropped -= before.dropped;
    return d;
}

static flow_counts tick(world *w, int64_t now, int64_t span, int64_t demand)
{
    return tick_stream(&w->s, now, span, demand);
}

/* demand - (sent + rejected + overflow + dropped + waiting), 0 when conserved. */
static int64_t imbalance(const flow_counts *t, int64_t waiting)
{
    return t->demand - (t->sent + t->rejected + t->overflow + t->dropped + waiting);
}

/* ---- retry --------------------------------------------------------------- */

/* Backoffs shorter than the tick are retried in the same tick, whose capacity
 * is spent: a 1000-message batch against 5/s over 60 s gets 305 through (one
 * second's tokens + 60 s of refill); the other 695 are refused 5 times each
 * (5 attempts), then dropped. */
static void test_retry_within_tick(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = retry\nretry_attempts = 5\nretry_base = 1s");
    flow_counts d = tick(&w, 0, MIN, 1000);
    CU_ASSERT_EQUAL(d.demand, 1000);
    CU_ASSERT_EQUAL(d.sent, 305);
    CU_ASSERT_EQUAL(d.throttled, 695 * 5);
    CU_ASSERT_EQUAL(d.dropped, 695);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    d = tick(&w, MIN, MIN, 1000); /* the bucket ended empty: 60 s of refill */
    CU_ASSERT_EQUAL(d.sent, 300);
    CU_ASSERT_EQUAL(d.throttled, 700 * 5);
    CU_ASSERT_EQUAL(d.dropped, 700);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = retry\nretry_attempts = 1\nretry_base = 1s");
    d = tick(&w, 0, MIN, 1000);
    CU_ASSERT_EQUAL(d.throttled, 695); /* one attempt: refused once, dropped */
    CU_ASSERT_EQUAL(d.dropped, 695);
    world_destroy(&w);
}

/* policy.rate_burst reaches the account's bucket: 3 s of 5/s lets 315 of a
 * 1000-message retry batch through the first minute (305 with the default
 * 1 s), 0 s lets 300; a minute later, the bucket spent, 300 either way. */
static void test_rate_burst_policy(void)
{
    const int64_t want_first[] = {315, 300}, burst_ms[] = {3000, 0};
    for (int i = 0; i < 2; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "[policy]\nrate_burst = %lldms\n[account.main]\nmax24h = 1M\nmax_rate = 5\n"
                 "[traffic.t]\nkind = constant\nnoise = none\nsender = retry\nretry_attempts = 1\n",
                 (long long)burst_ms[i]);
        world w;
        CU_ASSERT_FATAL(world_init(&w, text) == 0);
        CU_ASSERT_EQUAL(tick(&w, 0, MIN, 1000).sent, want_first[i]);
        CU_ASSERT_EQUAL(tick(&w, MIN, MIN, 1000).sent, 300);
        world_destroy(&w);
    }
}

/* Paused account (every attempt refused), 1 s ticks, retry_base 10 s,
 * 2 attempts: the retry after attempt 1 waits uniform(0, 10 s), so the drops
 * (refusals of attempt 2) spread evenly over ticks 0..9 and none later. */
static void test_retry_backoff_uniform(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 100000", "sender = retry\nretry_attempts = 2\nretry_base = 10s");
    account_set_status(&w.acct[0], 0, STATUS_PAUSED);
    const int64_t N = 100000;
    int64_t dropped[20], throttled[20];
    for (int t = 0; t < 20; t++) {
        flow_counts d = tick(&w, t * S, S, t == 0 ? N : 0);
        dropped[t] = d.dropped;
        throttled[t] = d.throttled;
        CU_ASSERT_EQUAL(d.sent, 0);
        CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    }
    int bad = 0;
    for (int t = 0; t < 10; t++) {
        /* each tick gets N/10: 4 binomial sd = 4 x sqrt(N 0.1 0.9) = 380 */
        bad += fabs((double)dropped[t] - N / 10.0) > 4 * sqrt(N * 0.1 * 0.9);
        /* every refusal of attempt 2 is a drop; tick 0 also refused attempt 1 */
        bad += throttled[t] != dropped[t] + (t == 0 ? N : 0);
    }
    for (int t = 10; t < 20; t++)
        bad += dropped[t] != 0 || throttled[t] != 0;
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(w.s.total.throttled, 2 * N); /* each message refused twice */
    CU_ASSERT_EQUAL(w.s.total.dropped, N);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    world_destroy(&w);
}

/* 4 attempts: waits uniform(0, 10 s), (0, 20 s), (0, 40 s): base 2. In 1 s
 * ticks a message is dropped at tick U{0..9} + U{0..19} + U{0..39}: mean 33.5,
 * at most 67. With N = 100k the mean's standard error is sqrt(174.75 / N) =
 * 0.042; tolerance 4 standard errors. (A linear backoff would give 28.5.) */
static void test_retry_backoff_exponential(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 100000", "sender = retry\nretry_attempts = 4\nretry_base = 10s");
    account_set_status(&w.acct[0], 0, STATUS_PAUSED);
    const int64_t N = 100000;
    double sum_t = 0;
    int64_t last = -1, waiting_max = 0;
    for (int t = 0; t < 80; t++) {
        flow_counts d = tick(&w, t * S, S, t == 0 ? N : 0);
        sum_t += (double)t * (double)d.dropped;
        if (d.dropped)
            last = t;
        if (w.acct[0].backlog > waiting_max)
            waiting_max = w.acct[0].backlog;
        CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    }
    CU_ASSERT_EQUAL(w.s.total.dropped, N);
    CU_ASSERT_EQUAL(w.s.total.throttled, 4 * N);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    CU_ASSERT(last <= 67);
    CU_ASSERT(last >= 55); /* the maximum is reached by a few of 100k */
    CU_ASSERT(waiting_max > N / 2);
    ASSERT_NEAR(sum_t / (double)N, 33.5, 4 * sqrt(174.75 / (double)N));
    world_destroy(&w);
}

/* Retries that come back when there is capacity get through: conservation and
 * fewer drops than without retries. */
static void test_retry_recovers(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 10", "sender = retry\nretry_attempts = 5\nretry_base = 2s");
    int64_t demand = 0;
    for (int t = 0; t < 600; t++) { /* bursts of 24 every 3 s (8/s) on a 10/s account */
        int64_t n = t % 3 == 0 ? 24 : 0;
        demand += n;
        tick(&w, t * S, S, n);
        CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    }
    for (int t = 600; t < 700; t++)
        tick(&w, t * S, S, 0);
    CU_ASSERT_EQUAL(w.s.total.demand, demand);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    CU_ASSERT_EQUAL(w.s.total.sent + w.s.total.dropped, demand);
    CU_ASSERT(w.s.total.throttled > 0);
    /* 4800 at 8/s on a 10/s account: a burst tick takes at most 20, but the
     * retries of the other 4 land in the quiet ticks after it; without retries
     * 4 of every 24 would be lost (800) */
    CU_ASSERT(w.s.total.dropped < 48);
    int64_t with_retries = w.s.total.dropped;
    world_destroy(&w);

    /* the same without retries: every refusal is a drop */
    MAKE(&w, "max24h = 1M\nmax_rate = 10", "sender = retry\nretry_attempts = 1\nretry_base = 2s");
    for (int t = 0; t < 600; t++)
        tick(&w, t * S, S, t % 3 == 0 ? 24 : 0);
    CU_ASSERT_EQUAL(w.s.total.dropped, w.s.total.throttled);
    CU_ASSERT(w.s.total.dropped > 10 * with_retries + 100);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    world_destroy(&w);
}

/* ---- wait ---------------------------------------------------------------- */

/* sender = wait follows AWS's advice on a throttling error: "wait for an
 * interval of up to 10 minutes, and then retry the send request" (DG
 * manage-sending-quotas-errors). What a tick has refused is tried again
 * exactly retry_wait later (default 10m), with no random draw: 1000 against
 * 5/s in 1-minute ticks get 305 through at 0 m (one second's tokens + 60 s),
 * 305 at 10 m and 305 at 20 m; with 3 attempts the last 85 are dropped at
 * 20 m; every refusal counts in throttled (695 + 390 + 85). */
static void test_wait_fixed(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = wait\nretry_attempts = 3");
    CU_ASSERT_EQUAL(w.scn->traffic[0].retry_wait, 10 * MIN);
    gsl_rng *before = gsl_rng_clone(w.s.send_rng);
    int64_t sent[31], waiting[31];
    for (int t = 0; t <= 30; t++) {
        sent[t] = tick(&w, t * MIN, MIN, t == 0 ? 1000 : 0).sent;
        waiting[t] = w.acct[0].backlog;
        CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    }
    for (int t = 0; t <= 30; t++) {
        CU_ASSERT_EQUAL(sent[t], t % 10 == 0 && t < 30 ? 305 : 0);
        CU_ASSERT_EQUAL(waiting[t], t < 10 ? 695 : t < 20 ? 390 : 0);
    }
    CU_ASSERT_EQUAL(w.s.total.dropped, 85);
    CU_ASSERT_EQUAL(w.s.total.throttled, 695 + 390 + 85);
    CU_ASSERT_EQUAL(gsl_rng_get(before), gsl_rng_get(w.s.send_rng)); /* nothing drawn */
    gsl_rng_free(before);
    world_destroy(&w);
}

/* GOV.UK Notify requeues throttled mail after 5 minutes (alphagov/
 * notifications-api#2956): retry_wait = 5m. A wait that is not a whole number
 * of ticks is retried in the tick that holds it: 90 s in 1-minute ticks is
 * the next tick. A paused account refuses every attempt: all are dropped
 * after retry_attempts. */
static void test_wait_other_waits(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = wait\nretry_wait = 5m");
    int64_t first = -1;
    for (int t = 0; t <= 10; t++)
        if (tick(&w, t * MIN, MIN, t == 0 ? 1000 : 0).sent && t > 0 && first < 0)
            first = t;
    CU_ASSERT_EQUAL(first, 5);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = wait\nretry_wait = 90s");
    CU_ASSERT_EQUAL(tick(&w, 0, MIN, 1000).sent, 305);
    CU_ASSERT_EQUAL(tick(&w, MIN, MIN, 0).sent, 300);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = wait\nretry_attempts = 4\nretry_wait = 2m");
    account_set_status(&w.acct[0], 0, STATUS_PAUSED);
    for (int t = 0; t <= 8; t++)
        tick(&w, t * MIN, MIN, t == 0 ? 100 : 0);
    CU_ASSERT_EQUAL(w.s.total.throttled, 400);
    CU_ASSERT_EQUAL(w.s.total.dropped, 100);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    world_destroy(&w);
}

/* Within a tick the group with the most attempts behind it goes first
 * (docs/model.md, retry). Tick 0: 1,000 against 305, the 695 refused are
 * retried (attempt 2) half in tick 0 (refused again, dropped: 2 attempts) and
 * half in tick 1. Tick 1: those X (about 347) go before the 100 new (attempt
 * 1), so they take the 300 and all 100 new are refused, some to be retried in
 * tick 2. New demand first would have sent the 100 and left nothing waiting. */
static void test_retry_oldest_first(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = retry\nretry_attempts = 2\nretry_base = 2m");
    flow_counts d = tick(&w, 0, MIN, 1000);
    CU_ASSERT_EQUAL(d.sent, 305);
    int64_t x = w.acct[0].backlog; /* attempt 2, due in tick 1 */
    CU_ASSERT(x > 300);
    d = tick(&w, MIN, MIN, 100);
    CU_ASSERT_EQUAL(d.sent, 300);
    int64_t waiting = w.acct[0].backlog; /* of the 100 new, retried in tick 2 */
    CU_ASSERT(waiting > 0 && waiting < 100);
    CU_ASSERT_EQUAL(d.dropped, (x - 300) + (100 - waiting));
    CU_ASSERT_EQUAL(d.throttled, (x - 300) + 100 + (100 - waiting));
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    world_destroy(&w);
}

/* ---- pace ---------------------------------------------------------------- */

/* Quota 100 per 24 h: 150 arrive at 0 h (100 sent at once), 30 more at 1 h;
 * the quota is full until the sends of 0 h leave the window at 24 h, when the
 * 80 waiting go, oldest first, with delays 24 h (50) and 23 h (30). */
static void test_pace_quota_delay(void)
{
    world w;
    MAKE(&w, "max24h = 100\nmax_rate = 1000", "sender = pace");
    flow_counts d = tick(&w, 0, H, 150);
    CU_ASSERT_EQUAL(d.sent, 100);
    CU_ASSERT_EQUAL(d.throttled, 0); /* pace never asks for more than fits */
    CU_ASSERT_EQUAL(w.s.queue.sum, 50);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 50);
    d = tick(&w, H, H, 30);
    CU_ASSERT_EQUAL(d.sent, 0);
    for (int64_t t = 2; t < 24; t++) {
        d = tick(&w, t * H, H, 0);
        CU_ASSERT_EQUAL(d.sent, 0);
    }
    CU_ASSERT_EQUAL(w.acct[0].backlog, 80);
    d = tick(&w, 24 * H, H, 0);
    CU_ASSERT_EQUAL(d.sent, 80);
    CU_ASSERT_EQUAL(w.s.queue.sum, 0);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, 0), 0);
    const delay_stats *ds = &w.acct[0].delays;
    ASSERT_NEAR(ds->zero, 100, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds->hist);
    ASSERT_NEAR(gsl_histogram_sum(ds->hist), 80, 0);
    /* 23 h and 24 h fall in the log bin [10^7.90, 10^7.95) ms (20 bins a
     * decade); a quantile is that bin's geometric middle, 10^7.925 ms */
    double mid = pow(10, 158.5 / 20) / 1000;
    ASSERT_NEAR(delay_quantile_s(ds, 0.5), 0, 0);       /* 100 of 180 waited 0 */
    ASSERT_NEAR(delay_quantile_s(ds, 100.0 / 180), 0, 0);
    ASSERT_NEAR(delay_quantile_s(ds, 0.6), mid, 1e-6);
    ASSERT_NEAR(delay_quantile_s(ds, 0.99), mid, 1e-6);
    ASSERT_NEAR(delay_quantile_s(ds, 0.99), 86400, 0.12 * 86400); /* within one bin */
    world_destroy(&w);
}

/* Rate-limited pacing: 1/s over 60 s ticks. 100 arrive at 0 (61 go: one
 * second's tokens + 60 s of refill), 50 at 60 s: the 39 old ones go first
 * (waited 60 s), then 21 new; 29 wait. */
static void test_pace_rate_delay(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 1", "sender = pace");
    flow_counts d = tick(&w, 0, MIN, 100);
    CU_ASSERT_EQUAL(d.sent, 61);
    d = tick(&w, MIN, MIN, 50);
    CU_ASSERT_EQUAL(d.sent, 60);
    CU_ASSERT_EQUAL(w.s.queue.sum, 29);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 29);
    const delay_stats *ds = &w.acct[0].delays;
    ASSERT_NEAR(ds->zero, 61 + 21, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds->hist);
    ASSERT_NEAR(gsl_histogram_sum(ds->hist), 39, 0);
    size_t bin;
    CU_ASSERT_EQUAL_FATAL(gsl_histogram_find(ds->hist, 60000.0, &bin), 0);
    ASSERT_NEAR(gsl_histogram_get(ds->hist, bin), 39, 0);
    d = tick(&w, 2 * MIN, MIN, 0);
    CU_ASSERT_EQUAL(d.sent, 29);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.s.queue.sum), 0);
    CU_ASSERT_EQUAL(w.s.queue.sum, 0);
    world_destroy(&w);
}

/* target_utilization caps the planned share of the quota; max_backlog drops
 * the newest messages beyond it. */
static void test_pace_utilization_and_backlog(void)
{
    world w;
    MAKE(&w, "max24h = 1000\nmax_rate = 1000", "sender = pace\ntarget_utilization = 50%\nmax_backlog = 300");
    flow_counts d = tick(&w, 0, H, 1000);
    CU_ASSERT_EQUAL(d.sent, 500);
    CU_ASSERT_EQUAL(d.dropped, 200); /* 500 waiting, 300 kept */
    CU_ASSERT_EQUAL(w.s.queue.sum, 300);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 300);
    d = tick(&w, H, H, 100);
    CU_ASSERT_EQUAL(d.sent, 0);
    CU_ASSERT_EQUAL(d.dropped, 100);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.s.queue.sum), 0);
    /* the oldest stayed: at 24 h they go with a 24 h delay */
    d = tick(&w, 24 * H, H, 0);
    CU_ASSERT_EQUAL(d.sent, 300);
    ASSERT_NEAR(delay_quantile_s(&w.acct[0].delays, 0.99), pow(10, 158.5 / 20) / 1000, 1e-6);
    world_destroy(&w);
}

/* max_backlog trims the queue after the tick's submission, not before it
 * (docs/model.md, pace): at 1/s a minute takes 61 of 100 arrivals even with
 * max_backlog = 0, and only what is still queued beyond the limit is dropped.
 * Trimmed first, the tick would send 0 (limit 0) or 10 (limit 10). */
static void test_pace_backlog_after_submission(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 1", "sender = pace\nmax_backlog = 0");
    flow_counts d = tick(&w, 0, MIN, 100);
    CU_ASSERT_EQUAL(d.sent, 61);
    CU_ASSERT_EQUAL(d.dropped, 39);
    CU_ASSERT_EQUAL(w.s.queue.sum, 0);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 1", "sender = pace\nmax_backlog = 10");
    d = tick(&w, 0, MIN, 100);
    CU_ASSERT_EQUAL(d.sent, 61);
    CU_ASSERT_EQUAL(d.dropped, 29);
    CU_ASSERT_EQUAL(w.s.queue.sum, 10);
    d = tick(&w, MIN, MIN, 100); /* the 10 oldest go first, then 50 new */
    CU_ASSERT_EQUAL(d.sent, 60);
    CU_ASSERT_EQUAL(d.dropped, 40);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.s.queue.sum), 0);
    world_destroy(&w);
}

/* ---- overflow and drop -------------------------------------------------- */

static void test_overflow(void)
{
    world w;
    MAKE(&w, "max24h = 100\nmax_rate = 1000", "sender = overflow");
    flow_counts d = tick(&w, 0, H, 150);
    CU_ASSERT_EQUAL(d.sent, 100);
    CU_ASSERT_EQUAL(d.overflow, 50);
    CU_ASSERT_EQUAL(d.throttled, 0);
    d = tick(&w, H, H, 30); /* quota full: all to the legacy provider */
    CU_ASSERT_EQUAL(d.sent, 0);
    CU_ASSERT_EQUAL(d.overflow, 30);
    d = tick(&w, 24 * H, H, 120); /* the window has room again */
    CU_ASSERT_EQUAL(d.sent, 100);
    CU_ASSERT_EQUAL(d.overflow, 20);
    CU_ASSERT_EQUAL(w.acct[0].backlog, 0);
    CU_ASSERT_EQUAL(imbalance(&w.s.total, 0), 0);
    CU_ASSERT_EQUAL(w.s.total.throttled, 0);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = overflow");
    d = tick(&w, 0, MIN, 1000);
    CU_ASSERT_EQUAL(d.sent, 305);
    CU_ASSERT_EQUAL(d.overflow, 695);
    d = tick(&w, MIN, MIN, 1000);
    CU_ASSERT_EQUAL(d.sent, 300);
    CU_ASSERT_EQUAL(d.overflow, 700);
    world_destroy(&w);

    MAKE(&w, "max24h = 1000\nmax_rate = 1000", "sender = overflow\ntarget_utilization = 40%");
    d = tick(&w, 0, H, 1000);
    CU_ASSERT_EQUAL(d.sent, 400);
    CU_ASSERT_EQUAL(d.overflow, 600);
    world_destroy(&w);
}

static void test_drop(void)
{
    world w;
    MAKE(&w, "max24h = 100\nmax_rate = 1000", "sender = drop");
    flow_counts d = tick(&w, 0, H, 150);
    CU_ASSERT_EQUAL(d.sent, 100);
    CU_ASSERT_EQUAL(d.dropped, 50);
    CU_ASSERT_EQUAL(d.throttled, 50); /* refused by the quota */
    d = tick(&w, H, H, 30);
    CU_ASSERT_EQUAL(d.dropped, 30);
    world_destroy(&w);

    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = drop");
    d = tick(&w, 0, MIN, 1000);
    CU_ASSERT_EQUAL(d.sent, 305);
    CU_ASSERT_EQUAL(d.throttled, 695);
    CU_ASSERT_EQUAL(d.dropped, 695);
    world_destroy(&w);

    /* below 100% utilization it plans: what is over the plan is dropped unsent */
    MAKE(&w, "max24h = 1000\nmax_rate = 1000", "sender = drop\ntarget_utilization = 40%");
    d = tick(&w, 0, H, 1000);
    CU_ASSERT_EQUAL(d.sent, 400);
    CU_ASSERT_EQUAL(d.dropped, 600);
    CU_ASSERT_EQUAL(d.throttled, 0);
    world_destroy(&w);
}

/* A sandbox account rejects unverified recipients; senders count them as
 * rejected, not sent. */
static void test_sandbox_rejects(void)
{
    static const char *const senders[] = {"pace", "retry", "overflow", "drop", "wait"};
    for (int i = 0; i < 5; i++) {
        world w;
        char tr[128];
        snprintf(tr, sizeof tr, "sender = %s\nverified = 25%%", senders[i]);
        MAKE(&w, "stage = sandbox", tr);
        flow_counts d = tick(&w, 0, H, 100); /* sandbox: 200 / 24 h, 1/s */
        CU_ASSERT_EQUAL(d.sent + d.rejected, 100);
        /* 25% verified: binomial(100, 0.25), 4 sd = 17 */
        ASSERT_NEAR((double)d.sent, 25, 17.4);
        CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
        world_destroy(&w);
    }
}

/* ---- streams sharing an account ------------------------------------------ */

/* Two streams on one account, `a` (first in the file) and `b`, with the
 * account's keys and each stream's sender keys. */
static int world_two(world *w, const char *account, const char *a, const char *b)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[sim]\nduration = 30d\nseed = 7\n[policy]\npreset = classic\n"
             "[account.main]\n%s\n"
             "[traffic.a]\naccount = main\nkind = constant\nnoise = none\n%s\n"
             "[traffic.b]\naccount = main\nkind = constant\nnoise = none\n%s\n",
             account, a, b);
    return world_init(w, text);
}

/* Was a BUG: after the first submission of a tick the bucket kept at most one
 * second's tokens, so a second stream on the account got 5 a minute at 5/s
 * (the case: 91% of an overflow stream went to the legacy provider
 * beside a pace stream of 2k a day). Now every submission of the tick draws on
 * the tick's capacity, tokens held + 5/s x 60 s: 305 in the first minute
 * (the bucket starts full), 300 after; the first stream in file order takes
 * its room first and the second gets exactly the rest. */
static void test_shared_rate_capacity(void)
{
    world w;
    CU_ASSERT_FATAL(world_two(&w, "max24h = 1M\nmax_rate = 5", "sender = pace", "sender = overflow") == 0);
    flow_counts a = tick_stream(&w.s, 0, MIN, 200), b = tick_stream(&w.s2, 0, MIN, 200);
    CU_ASSERT_EQUAL(a.sent, 200);
    CU_ASSERT_EQUAL(b.sent, 105);
    CU_ASSERT_EQUAL(b.overflow, 95);
    a = tick_stream(&w.s, MIN, MIN, 200);
    b = tick_stream(&w.s2, MIN, MIN, 200);
    CU_ASSERT_EQUAL(a.sent + b.sent, 300);
    CU_ASSERT_EQUAL(b.sent, 100);
    /* demand under the capacity: all of both is sent, nothing is refused */
    a = tick_stream(&w.s, 2 * MIN, MIN, 1);
    b = tick_stream(&w.s2, 2 * MIN, MIN, 250);
    CU_ASSERT_EQUAL(a.sent, 1);
    CU_ASSERT_EQUAL(b.sent, 250);
    CU_ASSERT_EQUAL(w.acct[0].total.overflow, 95 + 100);
    CU_ASSERT_EQUAL(w.acct[0].total.throttled, 0);
    world_destroy(&w);
}

/* Order does not matter while the account has room for both; when it binds,
 * file order decides who waits (docs/model.md, limits). */
static void test_shared_rate_order(void)
{
    static const char *const senders[] = {"pace", "overflow", "drop", "retry"};
    for (int i = 0; i < 4; i++)
        for (int swap = 0; swap < 2; swap++) {
            char tr[64];
            snprintf(tr, sizeof tr, "sender = %s", senders[i]);
            world w;
            CU_ASSERT_FATAL(world_two(&w, "max24h = 1M\nmax_rate = 5", swap ? "sender = pace" : tr,
                                      swap ? tr : "sender = pace") == 0);
            /* not limited: 150 + 150 of 305 */
            flow_counts a = tick_stream(&w.s, 0, MIN, 150), b = tick_stream(&w.s2, 0, MIN, 150);
            CU_ASSERT_EQUAL(a.sent, 150);
            CU_ASSERT_EQUAL(b.sent, 150);
            /* limited: 200 + 200 of 305 (the 5 the first minute left, plus
             * 300), the first in the file is served first */
            a = tick_stream(&w.s, MIN, MIN, 200);
            b = tick_stream(&w.s2, MIN, MIN, 200);
            CU_ASSERT_EQUAL(a.sent, 200);
            CU_ASSERT_EQUAL(b.sent, 105);
            CU_ASSERT_EQUAL(imbalance(&w.s.total, 0) + imbalance(&w.s2.total, 0), w.acct[0].backlog);
            world_destroy(&w);
        }
}

/* The rolling quota is shared the same way: what the first stream accepted
 * this tick counts against the second's quota left, and a stream's
 * target_utilization caps the account's whole usage as that stream sees it. */
static void test_shared_quota(void)
{
    world w;
    CU_ASSERT_FATAL(world_two(&w, "max24h = 300\nmax_rate = 1000", "sender = pace",
                              "sender = overflow") == 0);
    flow_counts a = tick_stream(&w.s, 0, H, 200), b = tick_stream(&w.s2, 0, H, 200);
    CU_ASSERT_EQUAL(a.sent, 200);
    CU_ASSERT_EQUAL(b.sent, 100);
    CU_ASSERT_EQUAL(b.overflow, 100);
    world_destroy(&w);

    CU_ASSERT_FATAL(world_two(&w, "max24h = 300\nmax_rate = 1000", "sender = pace",
                              "sender = overflow\ntarget_utilization = 50%") == 0);
    a = tick_stream(&w.s, 0, H, 100);
    b = tick_stream(&w.s2, 0, H, 100);
    CU_ASSERT_EQUAL(a.sent, 100);
    CU_ASSERT_EQUAL(b.sent, 50); /* 150 planned, 100 used by a */
    world_destroy(&w);
}

/* A retry sender's submissions in one tick (retries due, oldest attempts
 * first, then new demand) share the tick's capacity too: in every tick, either
 * nothing was refused or the whole capacity was used. Was a BUG: the group
 * after the first saw one second's tokens. */
static void test_retry_groups_share_tick(void)
{
    world w;
    MAKE(&w, "max24h = 1M\nmax_rate = 5", "sender = retry\nretry_attempts = 8\nretry_base = 2m");
    int bad = 0, bound = 0;
    for (int64_t t = 0; t < 60 * MIN; t += MIN) {
        int64_t cap = bucket_capacity(&w.acct[0].bucket, t, MIN);
        flow_counts d = tick(&w, t, MIN, t % (10 * MIN) == 0 ? 1000 : 100);
        bad += d.throttled > 0 && d.sent != cap;
        bound += d.throttled > 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(bound > 10); /* the capacity bound in many ticks */
    CU_ASSERT_EQUAL(imbalance(&w.s.total, w.acct[0].backlog), 0);
    world_destroy(&w);
}

/* ---- conservation --------------------------------------------------------- */

/* Every sender, a month of 1-minute ticks with bursty random demand, a quota
 * that binds, a bad list that gets the account paused and (on_pause = fix)
 * back under review: each tick, demand = sent + rejected + overflow + dropped
 * + waiting for the stream, and the account's counts agree with the stream's. */
static void check_conservation(const char *sender, const char *account_keys, const char *extra)
{
    world w;
    char tr[512];
    snprintf(tr, sizeof tr,
             "sender = %s\nlist_size = 50k\ninvalid = 12%%\nbounce_delay = 10m\nretry_base = 30s\n%s",
             sender, extra ? extra : "");
    MAKE(&w, account_keys, tr);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 42);
    int bad = 0, paused_ticks = 0;
    for (int64_t t = 0; t < 10 * DAY; t += MIN) {
        if (t % H == 0 && t > 0) {
            stream_flush_outcomes(&w.s); /* as the run does at every boundary */
            enforce_hour(&w.acct[0], t);
        }
        double u = gsl_rng_uniform(g);
        int64_t n = u < 0.5 ? 0 : u < 0.98 ? (int64_t)gsl_rng_uniform_int(g, 20) : 3000;
        tick(&w, t, MIN, n);
        paused_ticks += w.acct[0].status == STATUS_PAUSED;
        int64_t waiting = w.acct[0].backlog;
        bad += imbalance(&w.s.total, waiting) != 0;
        bad += w.acct[0].total.demand != w.s.total.demand;
        bad += w.acct[0].total.sent != w.s.total.sent;
        bad += waiting < 0;
        if (strcmp(sender, "pace") == 0)
            bad += waiting != w.s.queue.sum;
        if (strcmp(sender, "overflow") == 0 || strcmp(sender, "drop") == 0)
            bad += waiting != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(w.s.total.demand > 100000);
    CU_ASSERT(paused_ticks > 0); /* the bad list got it paused for a while */
    gsl_rng_free(g);
    world_destroy(&w);
}

static void test_conservation(void)
{
    static const char *const senders[] = {"pace", "retry", "overflow", "drop", "wait"};
    const char *acct = "max24h = 5000\nmax_rate = 2\non_pause = fix";
    for (int i = 0; i < 5; i++) {
        check_conservation(senders[i], acct, NULL);
        check_conservation(senders[i], acct, "target_utilization = 70%\nmax_backlog = 2000\nsimulator = 10%");
    }
}

/* A stream split over two accounts with sender = overflow: what the first part
 * cannot take is handed to the second (counted as its demand, handed_in), and
 * only the second's overflow leaves. 144k a day, no noise: 100 a minute. */
static void test_split_overflow_chain(void)
{
    world w;
    CU_ASSERT_FATAL(world_init(&w, "[sim]\nduration = 2d\n[policy]\npreset = classic\n"
                                   "[account.a]\nmax24h = 20k\nmax_rate = 100\n"
                                   "[account.b]\nmax24h = 30k\nmax_rate = 100\n"
                                   "[traffic.t]\naccount = a, b\nkind = constant\ndaily = 144k\n"
                                   "noise = none\nsender = overflow\n") == 0);
    CU_ASSERT_EQUAL_FATAL(w.s.n_parts, 2);
    stream *p0 = w.s.parts[0], *p1 = w.s.parts[1];
    sim_err err = {0};
    int bad = 0;
    for (int64_t t = 0; t < DAY; t += MIN) {
        CU_ASSERT_EQUAL(stream_tick(&w.s, t, MIN, &err), 0);
        bad += imbalance(&p0->total, 0) != 0 || imbalance(&p1->total, 0) != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* the organisation: 144k of new demand, 50k sent over both quotas */
    CU_ASSERT_EQUAL(p0->total.demand + p1->total.demand - p1->total.handed_in, 144000);
    CU_ASSERT_EQUAL(p0->total.handed_in, 0);
    CU_ASSERT_EQUAL(p1->total.handed_in, p0->total.overflow);
    CU_ASSERT_EQUAL(p0->total.sent, 20000);
    CU_ASSERT_EQUAL(p1->total.sent, 30000);
    CU_ASSERT_EQUAL(p1->total.overflow, 144000 - 50000);
    world_destroy(&w);
}

/* The remainder of a split stream's demand (docs/model.md, split streams):
 * part i gets one more when (i - t) mod k < D mod k, t counting every tick of
 * the stream, those without demand too. With two parts and one message a
 * tick, ticks 0, 1, 2 go to a, b, a; after an empty tick 3, tick 4 goes to a
 * (t = 4), not to b as it would if only ticks with a remainder counted. */
static void test_split_remainder_rotation(void)
{
    char path[] = "/tmp/sesim-rotation-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char *csv = "time,account,messages\n"
                      "2026-01-01T00:00:00Z,a,1\n2026-01-01T00:01:00Z,a,1\n"
                      "2026-01-01T00:02:00Z,a,1\n2026-01-01T00:04:00Z,a,1\n"
                      "2026-01-01T00:05:00Z,a,3\n";
    CU_ASSERT_FATAL(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
    close(fd);
    char text[1024];
    snprintf(text, sizeof text,
             "[sim]\nstart = 2026-01-01T00:00:00Z\nduration = 1d\n[policy]\npreset = classic\n"
             "[account.a]\n[account.b]\n"
             "[traffic.t]\naccount = a, b\nkind = csv\nfile = %s\nsender = pace\n",
             path);
    world w;
    int rc = world_init(&w, text);
    CU_ASSERT_FATAL(rc == 0);
    CU_ASSERT_EQUAL_FATAL(w.s.n_parts, 2);
    stream *pa = w.s.parts[0], *pb = w.s.parts[1];
    /* cumulative demand of each part after each tick */
    static const int64_t to_a[] = {1, 1, 2, 2, 3, 4}, to_b[] = {0, 1, 1, 1, 1, 3};
    sim_err err = {0};
    int bad = 0;
    for (int i = 0; i < 6; i++) {
        CU_ASSERT_EQUAL(stream_tick(&w.s, i * MIN, MIN, &err), 0);
        bad += pa->total.demand != to_a[i] || pb->total.demand != to_b[i];
    }
    unlink(path);
    CU_ASSERT_EQUAL(bad, 0);
    world_destroy(&w);
}

/* A ses-stats stream split over two accounts: every part must be able to look
 * up the observed shares, which live in the first part's source. */
/* A schedule cap's room (stream_cap_left, what sim.tick = auto tests before
 * batching a capped stream's hour): the day's cap less what the stream
 * handed its sender that day, full again on a new day, unlimited after an
 * `unlimited` step. An hour batch counts its whole demand against the cap;
 * with Poisson noise, should it exceed what is left after all (the tail the
 * run neglects), the excess overflows and the rest is submitted whole. */
static void test_cap_left_and_batch(void)
{
    world w;
    CU_ASSERT_FATAL(world_init(&w, "[sim]\nduration = 3d\nseed = 7\n[account.main]\n"
                                   "stage = production\n[traffic.t]\nkind = constant\n"
                                   "daily = 14400\nsender = overflow\n"
                                   "cap = 1:500, 2:10, 3:unlimited\n") == 0);
    sim_err err = {0};
    CU_ASSERT_EQUAL(stream_cap_left(&w.s, 0), 500);
    CU_ASSERT_FATAL(stream_tick(&w.s, 0, MIN, &err) == 0);
    int64_t first = w.s.total.demand;
    CU_ASSERT(first > 0 && first < 500);
    CU_ASSERT_EQUAL(stream_cap_left(&w.s, MIN), 500 - first);
    CU_ASSERT_EQUAL(stream_cap_left(&w.s, DAY), 10); /* day 2: not counted yet */
    CU_ASSERT(isinf(stream_cap_left(&w.s, 2 * DAY)));
    /* day 2: an hour of mean 600 against 10 left: the improbable cut */
    double means[60];
    int64_t counts[60];
    for (size_t i = 0; i < 60; i++)
        means[i] = 10;
    flow_counts before = w.s.total;
    stream_batch(&w.s, DAY, MIN, 60, means, 600, 1, counts);
    int64_t demand = w.s.total.demand - before.demand;
    CU_ASSERT(demand > 400);
    CU_ASSERT_EQUAL(w.s.last_demand, demand);
    CU_ASSERT_EQUAL(w.s.total.sent - before.sent, 10);
    CU_ASSERT_EQUAL(w.s.total.overflow - before.overflow, demand - 10);
    CU_ASSERT_EQUAL(stream_cap_left(&w.s, DAY + H), 0);
    world_destroy(&w);
}

static void test_split_observed_shares(void)
{
    char path[] = "/tmp/sesim-senders-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char *csv = "Timestamp,DeliveryAttempts,Bounces,Complaints,Rejects\n"
                      "2026-01-01T00:00:00Z,900,9,0,0\n"
                      "2026-01-01T00:15:00Z,900,9,0,0\n";
    CU_ASSERT_FATAL(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
    close(fd);
    char text[1024];
    snprintf(text, sizeof text,
             "[sim]\nstart = 2026-01-01T00:00:00Z\nduration = 1d\n[policy]\npreset = classic\n"
             "[account.a]\n[account.b]\n"
             "[traffic.t]\naccount = a, b\nkind = ses-stats\nfile = %s\nsender = pace\n",
             path);
    world w;
    int rc = world_init(&w, text);
    unlink(path);
    CU_ASSERT_FATAL(rc == 0);
    CU_ASSERT_EQUAL_FATAL(w.s.n_parts, 2);
    stream *p1 = w.s.parts[1];
    CU_ASSERT_PTR_NOT_NULL(p1->kind->observed_shares);
    /* Was a BUG: only the first part of a split stream had the source, and
     * stream_submit() called observed_shares(NULL, ...) for the others, so a
     * ses-stats stream split over two accounts crashed. Now every part reads
     * the first part's source. */
    CU_ASSERT_PTR_EQUAL(p1->source, w.s.source);
    world_destroy(&w);
}

/* A tenant sends through a configuration set associated with it
 * (CreateTenantResourceAssociation): its sends count in the account's, the
 * tenant's and the set's metrics, and it may send only while both may: the
 * set paused by the owner's alarm (UpdateConfigurationSetSendingEnabled)
 * or the tenant paused by its policy (dg/tenants) refuses the stream. */
static void test_tenant_through_configset(void)
{
    world w;
    CU_ASSERT_FATAL(world_init(&w, "[sim]\nduration = 30d\nseed = 7\n[account.main]\n"
                                   "max24h = 100k\nmax_rate = 100\n[tenant.t]\n[configset.c]\n"
                                   "[traffic.t]\nkind = constant\nnoise = none\ntenant = t\n"
                                   "configset = c\nsender = drop\n") == 0);
    tenant tn, cs;
    tenant_init(&tn, &w.scn->tenants[0], &w.acct[0], &w.scn->policy);
    tenant_init(&cs, &w.scn->configsets[0], &w.acct[0], &w.scn->policy);
    stream_attach_tenant(&w.s, &tn);
    stream_attach_tenant(&w.s, &cs);
    CU_ASSERT_PTR_EQUAL(w.s.tenant, &tn);
    CU_ASSERT_PTR_EQUAL(w.s.configset, &cs);
    CU_ASSERT_EQUAL(tick(&w, 0, S, 50).sent, 50);
    stream_flush_outcomes(&w.s);
    CU_ASSERT_EQUAL(tn.total.sent, 50);
    CU_ASSERT_EQUAL(cs.total.sent, 50);
    CU_ASSERT(w.acct[0].rep.sum.eligible > 0);
    CU_ASSERT_EQUAL(tn.rep.sum.eligible, w.acct[0].rep.sum.eligible);
    CU_ASSERT_EQUAL(cs.rep.sum.eligible, w.acct[0].rep.sum.eligible);
    cs.status = TENANT_ALARM_PAUSED; /* the set's alarm: the tenant still enabled */
    CU_ASSERT_EQUAL(stream_room(&w.s, S, S, 1), 0);
    CU_ASSERT_EQUAL(tick(&w, S, S, 50).sent, 0);
    cs.status = TENANT_ENABLED;
    tn.status = TENANT_PAUSED; /* the tenant's policy: the set's other tenants send on */
    CU_ASSERT_EQUAL(stream_quota_left(&w.s, 2 * S, 1), 0);
    CU_ASSERT_EQUAL(tick(&w, 2 * S, S, 50).sent, 0);
    tn.status = TENANT_REINSTATED;
    CU_ASSERT_EQUAL(tick(&w, 3 * S, S, 50).sent, 50);
    CU_ASSERT_EQUAL(cs.total.sent, 100);
    tenant_destroy(&tn);
    tenant_destroy(&cs);
    world_destroy(&w);
}

TEST_SUITE(senders,
           {"a tenant through a configuration set", test_tenant_through_configset},
           {"policy.rate_burst reaches the bucket", test_rate_burst_policy},
           {"streams on one account share the tick's rate capacity", test_shared_rate_capacity},
           {"shared rate: file order only when it binds", test_shared_rate_order},
           {"streams on one account share the rolling quota", test_shared_quota},
           {"a retry sender's groups share the tick's capacity", test_retry_groups_share_tick},
           {"retry within a tick", test_retry_within_tick},
           {"retry backoff uniform", test_retry_backoff_uniform},
           {"retry backoff exponential", test_retry_backoff_exponential},
           {"retry recovers", test_retry_recovers},
           {"wait: AWS's advice, a fixed wait", test_wait_fixed},
           {"wait: 5 minutes, 90 s, paused", test_wait_other_waits},
           {"retry: most attempts first within a tick", test_retry_oldest_first},
           {"pace quota delay", test_pace_quota_delay},
           {"pace rate delay", test_pace_rate_delay},
           {"pace utilization and backlog", test_pace_utilization_and_backlog},
           {"pace max_backlog trims after the submission", test_pace_backlog_after_submission},
           {"overflow", test_overflow},
           {"drop", test_drop},
           {"sandbox rejects", test_sandbox_rejects},
           {"conservation, every sender", test_conservation},
           {"split overflow chain", test_split_overflow_chain},
           {"split remainder rotates with every tick", test_split_remainder_rotation},
           {"split ses-stats observed shares", test_split_observed_shares},
           {"a schedule cap's room and an hour batch against it", test_cap_left_and_batch})
