/* test_client.c: the client limiters (models/client_window.c, client_bucket.c,
 * client_workers.c) called through their table entries, and the sending of a
 * tick call by call (client_run_tick) with no latency, so that every call
 * time is exact (docs/model.md "Client streams"). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "models/bucket.h"
#include "models/client.h"
#include "suite.h"

/* A stream configuration with the client keys' defaults and no latency. */
static scn_traffic client_cfg(const client_type *type, double rate)
{
    return (scn_traffic){.client = type, .client_rate = rate, .client_workers = 1,
                         .client_burst = 1, .client_target = 1e-4, .recipients = 1,
                         .retry_attempts = 3, .retry_base = 100};
}

/* A limiter's state, set up as client_run_init does. */
static void *limiter_new(const scn_traffic *cfg, gsl_rng *r)
{
    void *st = calloc(1, cfg->client->state_size);
    cfg->client->init(st, cfg, cfg->client_rate, r);
    return st;
}

static void limiter_free(const scn_traffic *cfg, void *st)
{
    if (cfg->client->destroy)
        cfg->client->destroy(st);
    free(st);
}

/* The phase the window limiter draws: the first uniform of r, in whole ms. */
static int64_t window_phase(const gsl_rng *r)
{
    gsl_rng *copy = gsl_rng_clone(r);
    int64_t phase = (int64_t)(gsl_rng_uniform(copy) * 1000);
    gsl_rng_free(copy);
    return phase;
}

static void test_window(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    int64_t p = window_phase(r);
    scn_traffic cfg = client_cfg(&client_window, 2.5); /* 2 whole calls a window */
    void *st = limiter_new(&cfg, r);
    int slot = 0;
    CU_ASSERT(p > 0 && p < 1000);
    CU_ASSERT_EQUAL(cfg.client->next(st, p, &slot), p);
    CU_ASSERT_EQUAL(slot, -1);
    cfg.client->start(st, p, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 10, &slot), p + 10);
    cfg.client->start(st, p + 10, slot);
    /* full: the next window opens a second after the phase */
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 20, &slot), p + 1000);
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 999, &slot), p + 1000);
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 1000, &slot), p + 1000);
    cfg.client->start(st, p + 1500, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 1600, &slot), p + 1600);
    cfg.client->start(st, p + 1600, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, p + 1700, &slot), p + 2000);
    limiter_free(&cfg, st);
    gsl_rng_free(r);
}

static void test_bucket_limiter(void)
{
    scn_traffic cfg = client_cfg(&client_bucket, 10);
    cfg.client_burst = 3;
    void *st = limiter_new(&cfg, NULL);
    int slot = 0;
    /* full at the start: three calls at once, then one every 100 ms */
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 0);
        cfg.client->start(st, 0, slot);
    }
    CU_ASSERT_EQUAL(slot, -1);
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 100);
    CU_ASSERT_EQUAL(cfg.client->next(st, 40, &slot), 100);
    cfg.client->start(st, 100, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, 100, &slot), 200);
    /* idle: refills up to the burst, not beyond */
    CU_ASSERT_EQUAL(cfg.client->next(st, 10000, &slot), 10000);
    for (int i = 0; i < 3; i++)
        cfg.client->start(st, 10000, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, 10000, &slot), 10100);
    limiter_free(&cfg, st);
    /* 3 a second: a token every 333.3 ms, rounded up to the whole ms */
    cfg = client_cfg(&client_bucket, 3);
    st = limiter_new(&cfg, NULL);
    cfg.client->start(st, 0, -1);
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 334);
    limiter_free(&cfg, st);
}

static void test_workers_limiter(void)
{
    scn_traffic cfg = client_cfg(&client_workers, 4); /* 250 ms between a worker's starts */
    cfg.client_workers = 2;
    void *st = limiter_new(&cfg, NULL);
    int slot = -1;
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 0);
    CU_ASSERT_EQUAL(slot, 0);
    cfg.client->start(st, 0, slot);
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 0);
    CU_ASSERT_EQUAL(slot, 1);
    cfg.client->start(st, 0, slot);
    /* both busy until an answer */
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), INT64_MAX);
    cfg.client->done(st, 80, 0); /* answered early: waits for its 250 ms */
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 250);
    CU_ASSERT_EQUAL(slot, 0);
    cfg.client->done(st, 300, 1); /* answered late: free at once */
    CU_ASSERT_EQUAL(cfg.client->next(st, 260, &slot), 260);
    CU_ASSERT_EQUAL(slot, 0);
    cfg.client->start(st, 260, 0);
    CU_ASSERT_EQUAL(cfg.client->next(st, 260, &slot), 300);
    CU_ASSERT_EQUAL(slot, 1);
    /* a tie goes to the lowest-numbered worker */
    cfg.client->done(st, 600, 0);
    CU_ASSERT_EQUAL(cfg.client->next(st, 700, &slot), 700);
    CU_ASSERT_EQUAL(slot, 0);
    limiter_free(&cfg, st);
    /* 3 a second: 334 ms between starts */
    cfg = client_cfg(&client_workers, 3);
    st = limiter_new(&cfg, NULL);
    cfg.client->start(st, 0, 0);
    cfg.client->done(st, 1, 0);
    CU_ASSERT_EQUAL(cfg.client->next(st, 0, &slot), 334);
    limiter_free(&cfg, st);
}

/* An account that accepts every call (or refuses those at or after
 * refuse_from) and records when calls reached it. */
typedef struct recorder {
    int64_t at[64];
    int n;
    int64_t refuse_from;
} recorder;

static acct_reply record(void *ctx, int64_t now, int64_t at, int64_t n)
{
    (void)now;
    recorder *rec = ctx;
    if (rec->n < 64)
        rec->at[rec->n++] = at;
    if (at >= rec->refuse_from)
        return (acct_reply){.refused = n};
    return (acct_reply){.accepted = n};
}

static void test_run_window(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3);
    int64_t p = window_phase(r);
    scn_traffic cfg = client_cfg(&client_window, 3);
    client_run c;
    client_run_init(&c, &cfg, CLIENT_GIVE_UP, cfg.client_rate, r);
    recorder rec = {.refuse_from = INT64_MAX};
    c.queued = 8;
    client_run_tick(&c, 0, 2000, record, &rec);
    /* 3 in the window before the phase, 3 from it, 2 a second later */
    int64_t want[8] = {0, 0, 0, p, p, p, p + 1000, p + 1000};
    CU_ASSERT_EQUAL(rec.n, 8);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(rec.at[i], want[i]);
    CU_ASSERT_EQUAL(c.d.sent, 8);
    CU_ASSERT_EQUAL(c.calls, 8);
    CU_ASSERT_EQUAL(c.queued, 0);
    client_run_destroy(&c);
    gsl_rng_free(r);
}

static void test_run_bucket_drop(void)
{
    scn_traffic cfg = client_cfg(&client_bucket, 4);
    cfg.recipients = 2;
    client_run c;
    client_run_init(&c, &cfg, CLIENT_GIVE_UP, cfg.client_rate, NULL);
    recorder rec = {.refuse_from = 500};
    c.queued = 7; /* calls of 2, 2, 2, 1 */
    client_run_tick(&c, 0, 600, record, &rec);
    /* 250 ms apart; the one at 500 is refused and given up */
    int64_t want[3] = {0, 250, 500};
    CU_ASSERT_EQUAL(rec.n, 3);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(rec.at[i], want[i]);
    CU_ASSERT_EQUAL(c.d.sent, 4);
    CU_ASSERT_EQUAL(c.d.throttled, 2);
    CU_ASSERT_EQUAL(c.d.dropped, 2);
    CU_ASSERT_EQUAL(c.throttled_calls, 1);
    CU_ASSERT_EQUAL(c.queued, 1);
    /* the last call's token comes at 750, in the next tick */
    client_run_tick(&c, 600, 600, record, &rec);
    CU_ASSERT_EQUAL(rec.n, 4);
    CU_ASSERT_EQUAL(rec.at[3], 750);
    CU_ASSERT_EQUAL(c.queued, 0);
    CU_ASSERT_EQUAL(c.d.dropped, 3);
    CU_ASSERT_EQUAL(c.calls, 4);
    client_run_destroy(&c);
}

static void test_run_workers_requeue(void)
{
    scn_traffic cfg = client_cfg(&client_workers, 10); /* 100 ms apart */
    cfg.retry_wait = 5000;
    client_run c;
    client_run_init(&c, &cfg, CLIENT_REQUEUE, cfg.client_rate, NULL);
    recorder rec = {.refuse_from = 150};
    c.queued = 3;
    client_run_tick(&c, 0, 1000, record, &rec);
    /* 0 accepted, 100 accepted, 200 refused: requeued for 5200 */
    CU_ASSERT_EQUAL(rec.n, 3);
    CU_ASSERT_EQUAL(rec.at[1], 100);
    CU_ASSERT_EQUAL(rec.at[2], 200);
    CU_ASSERT_EQUAL(c.requeued, 1);
    CU_ASSERT_EQUAL(c.d.dropped, 0);
    rec.refuse_from = INT64_MAX;
    client_run_tick(&c, 5000, 1000, record, &rec);
    CU_ASSERT_EQUAL(rec.n, 4);
    CU_ASSERT_EQUAL(rec.at[3], 5200);
    CU_ASSERT_EQUAL(c.requeued, 0);
    CU_ASSERT_EQUAL(c.d.sent, 3);
    client_run_destroy(&c);
}

/* An account's bucket shared by several clients; each client's own recorder. */
typedef struct shared {
    rate_bucket *b;
    recorder rec;
} shared;

static acct_reply shared_answer(void *ctx, int64_t now, int64_t at, int64_t n)
{
    shared *sh = ctx;
    record(&sh->rec, now, at, n);
    if (!bucket_open(sh->b, at))
        return (acct_reply){.refused = n};
    bucket_spend(sh->b, n);
    return (acct_reply){.accepted = n};
}

/* Two clients at 5/s on one 10/s account compete call by call: their calls
 * alternate and none is refused. Sent one client after the other over the
 * tick (as before client_run_group), the second met the bucket the first had
 * left at the tick's end, with no refill for its earlier instants, and most
 * of its calls were refused. */
static void test_run_group(void)
{
    rate_bucket b;
    bucket_init(&b, 10, 0);
    scn_traffic cfg = client_cfg(&client_bucket, 5);
    client_run a, c;
    shared sa = {.b = &b}, sc = {.b = &b};
    client_run_init(&a, &cfg, CLIENT_GIVE_UP, 5, NULL);
    client_run_init(&c, &cfg, CLIENT_GIVE_UP, 5, NULL);
    a.answer = c.answer = shared_answer;
    a.ctx = &sa, c.ctx = &sc;
    client_run *both[2] = {&a, &c};
    a.queued = c.queued = 1000;
    for (int64_t now = 0; now < 60000; now += 10000)
        client_run_group(both, 2, now, 10000);
    CU_ASSERT_EQUAL(a.calls, 300);
    CU_ASSERT_EQUAL(c.calls, 300);
    CU_ASSERT_EQUAL(a.throttled_calls, 0);
    CU_ASSERT_EQUAL(c.throttled_calls, 0);
    for (int i = 0; i < 8; i++) {
        CU_ASSERT_EQUAL(sa.rec.at[i], 200 * i);
        CU_ASSERT_EQUAL(sc.rec.at[i], 200 * i);
    }
    client_run_destroy(&a);
    client_run_destroy(&c);
}

/* The safe setting is the highest one whose probe passes: a whole number of
 * calls a window, at which the replayed demand stays under the target and
 * one call more does not. 300 calls a minute (5/s) on a 10/s account: the
 * queue empties in every tick and refills in mid-window. */
static void test_safe_rate(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    scn_traffic cfg = client_cfg(&client_window, 10);
    client_run c;
    client_run_init(&c, &cfg, CLIENT_GIVE_UP, cfg.client_rate, r);
    for (int i = 0; i < 100; i++)
        client_run_queue(&c, 300, 60000);
    CU_ASSERT_EQUAL(c.n_hist, 100);
    CU_ASSERT_EQUAL(c.queued, 30000);
    client_run *cp = &c;
    double safe = client_safe_rate(&cp, 1, 0, 10, 1, r);
    CU_ASSERT_EQUAL(safe, floor(safe));
    CU_ASSERT(safe >= 1 && safe < 20);
    CU_ASSERT(client_probe_share(&cp, 1, 0, safe, 10, 1, 10000, r) <= cfg.client_target);
    CU_ASSERT(client_probe_share(&cp, 1, 0, safe + 1, 10, 1, 10000, r) > cfg.client_target);
    /* alone with a full queue, 10 a window against 10/s is never refused */
    CU_ASSERT_EQUAL(client_probe_share(&cp, 1, 0, 10, 10, 1, 10000, r) > 0, safe < 10);
    client_run_destroy(&c);
    gsl_rng_free(r);
}

TEST_SUITE(client,
           {"window: client_rate calls per window of the client's clock", test_window},
           {"bucket: client_burst at once, then one per 1/rate", test_bucket_limiter},
           {"workers: 1/rate apart per worker, busy until answered", test_workers_limiter},
           {"run: window call times over a tick", test_run_window},
           {"run: bucket with drop, calls across ticks", test_run_bucket_drop},
           {"run: workers with wait requeue retry_wait later", test_run_workers_requeue},
           {"run: two clients on one bucket compete call by call", test_run_group},
           {"safe rate: the highest setting whose probe passes", test_safe_rate})
