/* hold.c: the classic "hold model" benchmark of a future-event list.
 *
 *   hold VARIANT N EVENTS REPS
 *
 * N events are pending; each popped event schedules one new event after an
 * exponential delay (mean 1 s = 1000 ms of simulated time), so the list keeps N
 * events. After a warm-up of max(4N, 100k) events, EVENTS events are timed.
 * VARIANT:
 *   sesim  sesim's engine (sim/engine.c + sim/heap.c: 4-ary heap of (time, seq,
 *          slot) keys over a pooled event array, one handler call per event)
 *   floor  a bare binary heap of (time, seq) pairs: no pool, no handler pointer;
 *          the least work that keeps the same order (time, then FIFO)
 *   both   floor then sesim, REPS times, interleaved (ratios side by side)
 *   draws  the floor plus the random draws a sesim batch cannot do without: per
 *          event a Poisson demand (means of the 50 streams of the full-model
 *          scenario, per minute, with sesim's per-stream constant cache), and
 *          every 60th event of a stream (an hourly outcome window at 1-minute
 *          ticks) binomial hard bounces, soft bounces, feedback-loop share and
 *          complaints of the window's total, with GSL's taus2 as in sesim. A
 *          rough lower bound for the full model (see README).
 * One CSV line per timed run on stdout:
 *   variant,n,rep,events,seconds,final_time_ms
 * Both variants draw the same delays in the same order, so they process the
 * same event sequence and end at the same final_time_ms: the driver checks it.
 *
 * Delays come from a precomputed table of 2^16 exponential variates (integer ms),
 * so random-number cost is small and the same for both variants. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "core/engine.h"
#include "core/rng.h"

#define TABLE_BITS 16
#define TABLE_SIZE (1u << TABLE_BITS)
static int64_t delays[TABLE_SIZE];
static uint32_t next_delay;

static inline int64_t draw(void) { return delays[next_delay++ & (TABLE_SIZE - 1)]; }

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void fill_table(void)
{
    uint64_t s = 42;
    for (uint32_t i = 0; i < TABLE_SIZE; i++) {
        double u = ((double)(splitmix64(&s) >> 11) + 0.5) / 9007199254740992.0;
        delays[i] = llround(-log(u) * 1000.0);
    }
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---- the floor: a bare binary min-heap of (time, seq) ---- */

typedef struct fkey {
    int64_t time;
    uint64_t seq;
} fkey;

typedef struct fheap {
    fkey *k;
    size_t len, cap;
    uint64_t seq;
} fheap;

static inline int fless(fkey a, fkey b) { return a.time < b.time || (a.time == b.time && a.seq < b.seq); }

static inline void fpush(fheap *h, int64_t time)
{
    if (h->len == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 256;
        h->k = realloc(h->k, h->cap * sizeof *h->k);
        if (!h->k)
            abort();
    }
    fkey x = {time, h->seq++};
    size_t i = h->len++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!fless(x, h->k[p]))
            break;
        h->k[i] = h->k[p];
        i = p;
    }
    h->k[i] = x;
}

static inline fkey fpop(fheap *h)
{
    fkey top = h->k[0], last = h->k[--h->len];
    size_t n = h->len, i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && fless(h->k[c + 1], h->k[c]))
            c++;
        if (!fless(h->k[c], last))
            break;
        h->k[i] = h->k[c];
        i = c;
    }
    if (n)
        h->k[i] = last;
    return top;
}

static int64_t floor_steps(fheap *h, uint64_t events)
{
    int64_t now = 0;
    for (uint64_t i = 0; i < events; i++) {
        fkey k = fpop(h);
        now = k.time;
        fpush(h, now + draw());
    }
    return now;
}

static double run_floor(size_t n, uint64_t events, int64_t *final)
{
    fheap h = {0};
    next_delay = 0;
    for (size_t i = 0; i < n; i++)
        fpush(&h, draw());
    floor_steps(&h, n * 4 > 100000 ? n * 4 : 100000);
    double t0 = now_s();
    *final = floor_steps(&h, events);
    double t = now_s() - t0;
    free(h.k);
    return t;
}

/* ---- the floor plus the per-batch draws ---- */

static double means[50];
static rng_poisson_cache caches[50]; /* as each stream's traffic profile keeps one */
static uint64_t window[50], ticks[50];

static int64_t draws_steps(fheap *h, uint64_t events, gsl_rng *r, uint64_t *sink)
{
    int64_t now = 0;
    for (uint64_t i = 0; i < events; i++) {
        fkey k = fpop(h);
        now = k.time;
        size_t s = k.seq % 50;
        window[s] += (uint64_t)rng_poisson_cached(r, means[s], &caches[s]); /* as traffic_emit */
        if (++ticks[s] % 60 == 0) { /* an hourly outcome window of 1-minute ticks */
            unsigned int n = (unsigned int)window[s];
            unsigned int hard = gsl_ran_binomial(r, 0.01, n);
            unsigned int soft = gsl_ran_binomial(r, 0.02, n - hard);
            unsigned int fbl = gsl_ran_binomial(r, 0.5, n - hard - soft);
            *sink += gsl_ran_binomial(r, 0.0002, fbl);
            window[s] = 0;
        }
        fpush(h, now + draw());
    }
    return now;
}

static double run_draws(size_t n, uint64_t events, int64_t *final)
{
    for (int i = 0; i < 50; i++) /* bench/gen-scenario.sh's daily volumes, per minute */
        means[i] = 20000 * exp(log(100) * ((i * 37) % 101) / 100.0) / 1440;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    uint64_t sink = 0;
    fheap h = {0};
    next_delay = 0;
    for (size_t i = 0; i < n; i++)
        fpush(&h, draw());
    draws_steps(&h, n * 4 > 100000 ? n * 4 : 100000, r, &sink);
    double t0 = now_s();
    *final = draws_steps(&h, events, r, &sink);
    double t = now_s() - t0;
    free(h.k);
    gsl_rng_free(r);
    if (sink == 42) /* keep the draws */
        fputc(' ', stderr);
    return t;
}

/* ---- sesim's engine ---- */

static uint64_t left; /* events still to run before engine_stop */

static void hold_fn(sim_engine *e, void *obj, int64_t arg)
{
    if (--left == 0)
        engine_stop(e);
    engine_schedule(e, e->now + draw(), hold_fn, obj, arg);
}

static double run_sesim(size_t n, uint64_t events, int64_t *final)
{
    sim_engine e;
    engine_init(&e);
    next_delay = 0;
    for (size_t i = 0; i < n; i++)
        engine_schedule(&e, draw(), hold_fn, NULL, (int64_t)i);
    left = n * 4 > 100000 ? n * 4 : 100000;
    engine_run_until(&e, INT64_MAX);
    left = events;
    double t0 = now_s();
    uint64_t ran = engine_run_until(&e, INT64_MAX);
    double t = now_s() - t0;
    if (ran != events) {
        fprintf(stderr, "hold: sesim ran %llu events, not %llu\n", (unsigned long long)ran,
                (unsigned long long)events);
        exit(1);
    }
    *final = e.now;
    engine_destroy(&e);
    return t;
}

static void report(const char *variant, size_t n, int rep, uint64_t events, double t, int64_t final)
{
    printf("%s,%zu,%d,%llu,%.6f,%lld\n", variant, n, rep, (unsigned long long)events, t,
           (long long)final);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: hold sesim|floor|both|draws N EVENTS REPS\n");
        return 2;
    }
    const char *variant = argv[1];
    size_t n = strtoull(argv[2], NULL, 10);
    uint64_t events = strtoull(argv[3], NULL, 10);
    int reps = atoi(argv[4]);
    int do_floor = !strcmp(variant, "floor") || !strcmp(variant, "both");
    int do_sesim = !strcmp(variant, "sesim") || !strcmp(variant, "both");
    int do_draws = !strcmp(variant, "draws");
    if (n < 1 || events < 1 || reps < 1 || (!do_floor && !do_sesim && !do_draws)) {
        fprintf(stderr, "hold: bad arguments\n");
        return 2;
    }
    fill_table();
    for (int r = 1; r <= reps; r++) {
        int64_t final;
        if (do_floor) {
            double t = run_floor(n, events, &final);
            report("floor", n, r, events, t, final);
        }
        if (do_sesim) {
            double t = run_sesim(n, events, &final);
            report("sesim", n, r, events, t, final);
        }
        if (do_draws) {
            double t = run_draws(n, events, &final);
            report("draws", n, r, events, t, final);
        }
    }
    return 0;
}
