/* mm1.c: the M/M/1 queue of Cimba's benchmark (benchmark/MM1_single.c of
 * ambonvik/cimba: arrival rate 0.9, service rate 1.0, one million customers)
 * on sesim's engine: callbacks instead of coroutine processes.
 *
 *   mm1 CUSTOMERS REPS
 *
 * Two handlers: an arrival schedules the next arrival and, if the server is
 * idle, the customer's departure; a departure records the customer's time in
 * the system and starts the next waiting customer. Waiting customers are their
 * arrival times in a ring buffer that doubles when full. Time is an integer, so
 * one time unit of the model (the mean service time) is 10^6 ticks of the
 * engine's clock; exponential variates from GSL (taus2, as sesim's streams) are
 * rounded to the tick. One CSV line per timed run on stdout:
 *   mm1,customers,rep,seconds,mean_system_time
 * The mean time in the system should be near 1 / (1.0 - 0.9) = 10. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "core/engine.h"

#define UNIT 1000000.0 /* engine ticks per model time unit */
#define ARRIVAL_MEAN (UNIT / 0.9)
#define SERVICE_MEAN (UNIT / 1.0)

typedef struct mm1 {
    gsl_rng *r;
    uint64_t arrivals_left, served;
    int busy;
    int64_t *ring; /* arrival times of waiting customers (and the one in service) */
    size_t cap, head, len;
    double sum_system; /* in engine ticks */
} mm1;

static int64_t exp_ticks(gsl_rng *r, double mean) { return llround(gsl_ran_exponential(r, mean)); }

static void ring_push(mm1 *q, int64_t t)
{
    if (q->len == q->cap) { /* double, unwrapping the ring */
        int64_t *n = malloc(2 * q->cap * sizeof *n);
        for (size_t i = 0; i < q->len; i++)
            n[i] = q->ring[(q->head + i) % q->cap];
        free(q->ring);
        q->ring = n, q->head = 0, q->cap *= 2;
    }
    q->ring[(q->head + q->len++) % q->cap] = t;
}

static void departure(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    mm1 *q = obj;
    q->sum_system += (double)(e->now - q->ring[q->head]);
    q->served++;
    q->head = (q->head + 1) % q->cap, q->len--;
    if (q->len)
        engine_schedule(e, e->now + exp_ticks(q->r, SERVICE_MEAN), departure, q, 0);
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
        engine_schedule(e, e->now + exp_ticks(q->r, SERVICE_MEAN), departure, q, 0);
    }
    if (--q->arrivals_left)
        engine_schedule(e, e->now + exp_ticks(q->r, ARRIVAL_MEAN), arrival, q, 0);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mm1 CUSTOMERS REPS\n");
        return 2;
    }
    uint64_t customers = strtoull(argv[1], NULL, 10);
    int reps = atoi(argv[2]);
    for (int rep = 1; rep <= reps && customers; rep++) {
        mm1 q = {.r = gsl_rng_alloc(gsl_rng_taus2), .arrivals_left = customers, .cap = 1024};
        gsl_rng_set(q.r, (unsigned long)rep);
        q.ring = malloc(q.cap * sizeof *q.ring);
        sim_engine e;
        engine_init(&e);
        double t0 = now_s();
        engine_schedule(&e, exp_ticks(q.r, ARRIVAL_MEAN), arrival, &q, 0);
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
