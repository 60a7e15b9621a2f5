/* mm1.c: the M/M/1 queue of Cimba's benchmark (benchmark/MM1_single.c of
 * ambonvik/cimba: arrival rate 0.9, service rate 1.0, one million customers)
 * on sesim's engine: callbacks instead of coroutine processes.
 *
 *   mm1 CUSTOMERS REPS [fast|gsl]
 *
 * Two handlers: an arrival schedules the next arrival and, if the server is
 * idle, the customer's departure; a departure records the customer's time in
 * the system and starts the next waiting customer. Waiting customers are their
 * arrival times in a ring buffer (a power of two, doubled when full). Time is
 * an integer, so one time unit of the model (the mean service time) is 10^6
 * ticks of the engine's clock; exponential variates are rounded to the tick.
 *
 * The variates, as the variant says:
 *   fast  (the default) what Cimba's benchmark draws with: a small fast
 *         generator inlined (sfc64, Doty-Humphrey's public-domain "small fast
 *         chaotic" 64-bit generator, as Cimba's cmb_random) and exponentials
 *         by the ziggurat method (Marsaglia and Tsang 2000, 256 levels, as
 *         Cimba's cmb_random_exponential), built here from the papers.
 *   gsl   GSL's taus2 (sesim's streams) through gsl_rng's function pointer and
 *         gsl_ran_exponential (inversion with log1p): about 150 more
 *         instructions a customer, none of them the engine's.
 * One CSV line per timed run on stdout:
 *   mm1,customers,rep,seconds,mean_system_time
 * The mean time in the system should be near 1 / (1.0 - 0.9) = 10. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "core/engine.h"

#define UNIT 1000000.0 /* engine ticks per model time unit */
#define ARRIVAL_MEAN (UNIT / 0.9)
#define SERVICE_MEAN (UNIT / 1.0)

/* ---- sfc64 and the exponential ziggurat ---- */

typedef struct sfc64 {
    uint64_t a, b, c, n;
} sfc64;

static inline uint64_t sfc64_next(sfc64 *s)
{
    uint64_t t = s->a + s->b + s->n++;
    s->a = s->b ^ (s->b >> 11);
    s->b = s->c + (s->c << 3);
    s->c = ((s->c << 24) | (s->c >> 40)) + t;
    return t;
}

static void sfc64_seed(sfc64 *s, uint64_t seed)
{
    s->a = s->b = s->c = seed, s->n = 1;
    for (int i = 0; i < 12; i++)
        sfc64_next(s);
}

/* A uniform on (0, 1): 53 bits plus one half, never 0 or 1. */
static inline double sfc64_open01(sfc64 *s) { return ((double)(sfc64_next(s) >> 11) + 0.5) * 0x1p-53; }

/* Level i of the ziggurat is [0, x_i] x [f(x_{i-1}), f(x_i)] under f(x) = exp(-x)
 * (x_0 is the base strip's right edge R; the base strip also holds the tail
 * beyond R). A 64-bit word gives the level (its low 8 bits) and a 53-bit
 * uniform u (its high bits): x = u w_i, accepted at once when u < k_i (x within
 * the rectangle under the level above), which is 98.9 % of draws. */
#define ZIG_LEVELS 256
#define ZIG_R 7.69711747013104972 /* Marsaglia and Tsang's r for 256 levels */
#define ZIG_V 3.94965982258157267e-3 /* the area of each level */
static uint64_t zig_k[ZIG_LEVELS];
static double zig_w[ZIG_LEVELS], zig_f[ZIG_LEVELS];

static void zig_init(void)
{
    const double m = 0x1p53;
    double de = ZIG_R, te = ZIG_R, q = ZIG_V / exp(-ZIG_R);
    zig_k[0] = (uint64_t)(ZIG_R / q * m);
    zig_k[1] = 0;
    zig_w[0] = q / m, zig_w[ZIG_LEVELS - 1] = ZIG_R / m;
    zig_f[0] = 1.0, zig_f[ZIG_LEVELS - 1] = exp(-ZIG_R);
    for (int i = ZIG_LEVELS - 2; i >= 1; i--) {
        de = -log(ZIG_V / de + exp(-de));
        zig_k[i + 1] = (uint64_t)(de / te * m);
        te = de;
        zig_f[i] = exp(-de);
        zig_w[i] = de / m;
    }
}

static __attribute__((noinline)) double zig_exp_slow(sfc64 *s, uint64_t u, unsigned i)
{
    for (;;) {
        if (i == 0) /* the tail: R plus a standard exponential */
            return ZIG_R - log(sfc64_open01(s));
        double x = (double)u * zig_w[i];
        if (zig_f[i] + sfc64_open01(s) * (zig_f[i - 1] - zig_f[i]) < exp(-x))
            return x;
        uint64_t r = sfc64_next(s);
        i = (unsigned)(r & (ZIG_LEVELS - 1)), u = r >> 11;
        if (u < zig_k[i])
            return (double)u * zig_w[i];
    }
}

static inline double zig_exp(sfc64 *s)
{
    uint64_t r = sfc64_next(s);
    unsigned i = (unsigned)(r & (ZIG_LEVELS - 1));
    uint64_t u = r >> 11;
    if (u < zig_k[i])
        return (double)u * zig_w[i];
    return zig_exp_slow(s, u, i);
}

/* ---- the queue ---- */

typedef struct mm1 {
    int fast;
    sfc64 s;
    gsl_rng *r;
    uint64_t arrivals_left, served;
    int busy;
    int64_t *ring; /* arrival times of waiting customers (and the one in service) */
    size_t mask, head, len; /* capacity mask + 1 is a power of two */
    double sum_system; /* in engine ticks */
} mm1;

static __attribute__((noinline)) double gsl_exp(mm1 *q, double mean) { return gsl_ran_exponential(q->r, mean); }

static inline __attribute__((always_inline)) int64_t exp_ticks(mm1 *q, double mean)
{
    double x = q->fast ? zig_exp(&q->s) * mean : gsl_exp(q, mean);
    return (int64_t)(x + 0.5); /* x >= 0 */
}

static void ring_push(mm1 *q, int64_t t)
{
    if (q->len > q->mask) { /* full: double, unwrapping the ring */
        size_t cap = q->mask + 1;
        int64_t *n = malloc(2 * cap * sizeof *n);
        for (size_t i = 0; i < q->len; i++)
            n[i] = q->ring[(q->head + i) & q->mask];
        free(q->ring);
        q->ring = n, q->head = 0, q->mask = 2 * cap - 1;
    }
    q->ring[(q->head + q->len++) & q->mask] = t;
}

static void departure(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    mm1 *q = obj;
    q->sum_system += (double)(e->now - q->ring[q->head]);
    q->served++;
    q->head = (q->head + 1) & q->mask, q->len--;
    if (q->len)
        engine_schedule(e, e->now + exp_ticks(q, SERVICE_MEAN), departure, q, 0);
    else
        q->busy = 0;
}

static void arrival(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    mm1 *q = obj;
    ring_push(q, e->now);
    if (!q->busy) {
        q->busy = 1;
        engine_schedule(e, e->now + exp_ticks(q, SERVICE_MEAN), departure, q, 0);
    }
    if (--q->arrivals_left)
        engine_schedule(e, e->now + exp_ticks(q, ARRIVAL_MEAN), arrival, q, 0);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if ((argc != 3 && argc != 4) || (argc == 4 && strcmp(argv[3], "fast") && strcmp(argv[3], "gsl"))) {
        fprintf(stderr, "usage: mm1 CUSTOMERS REPS [fast|gsl]\n");
        return 2;
    }
    uint64_t customers = strtoull(argv[1], NULL, 10);
    int reps = atoi(argv[2]);
    int fast = argc == 3 || !strcmp(argv[3], "fast");
    zig_init();
    for (int rep = 1; rep <= reps && customers; rep++) {
        mm1 q = {.fast = fast, .r = gsl_rng_alloc(gsl_rng_taus2), .arrivals_left = customers, .mask = 1023};
        gsl_rng_set(q.r, (unsigned long)rep);
        sfc64_seed(&q.s, (uint64_t)rep);
        q.ring = malloc((q.mask + 1) * sizeof *q.ring);
        sim_engine e;
        engine_init(&e);
        double t0 = now_s();
        engine_schedule(&e, exp_ticks(&q, ARRIVAL_MEAN), arrival, &q, 0);
        engine_run_until(&e, INT64_MAX);
        double secs = now_s() - t0;
        printf("mm1,%llu,%d,%.6f,%.4f\n", (unsigned long long)q.served, rep, secs,
               q.sum_system / (double)q.served / UNIT);
        engine_destroy(&e);
        free(q.ring);
        gsl_rng_free(q.r);
    }
    return 0;
}
