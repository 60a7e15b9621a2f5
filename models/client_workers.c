/* client_workers.c: client = workers, the listmonk way: client_workers
 * workers, each sending one call at a time and at most client_rate calls per
 * second: a worker starts its next call at the later of its previous start +
 * 1/client_rate s (rounded up to the ms) and that call's final answer (SDK
 * retries included). The next call goes to the worker that can start first
 * (the lowest-numbered on a tie). Together: up to workers x client_rate. */
#include <math.h>
#include <stdlib.h>

#include "client.h"
#include "core/config.h"
#include "core/error.h"

typedef struct workers_state {
    int64_t n, gap; /* workers; ms between a worker's starts */
    int64_t *ready; /* per worker: earliest next start, INT64_MAX while busy */
    int64_t *allowed;
} workers_state;

static void workers_init(void *st, const scn_traffic *cfg, double rate, gsl_rng *r)
{
    (void)r;
    workers_state *w = st;
    w->n = cfg->client_workers;
    w->gap = (int64_t)ceil(SIM_MS_PER_S / rate - 1e-9);
    w->ready = sim_xcalloc((size_t)w->n, sizeof *w->ready);
    w->allowed = sim_xcalloc((size_t)w->n, sizeof *w->allowed);
}

static int64_t workers_next(void *st, int64_t t, int *slot)
{
    workers_state *w = st;
    int64_t best = INT64_MAX;
    *slot = -1;
    for (int64_t i = 0; i < w->n; i++) {
        int64_t at = w->ready[i] > w->allowed[i] ? w->ready[i] : w->allowed[i];
        if (at < t)
            at = t;
        if (at < best)
            best = at, *slot = (int)i;
    }
    return best;
}

static void workers_start(void *st, int64_t at, int slot)
{
    workers_state *w = st;
    w->ready[slot] = INT64_MAX;
    w->allowed[slot] = at + w->gap;
}

static void workers_done(void *st, int64_t at, int slot)
{
    workers_state *w = st;
    w->ready[slot] = at;
}

static void workers_destroy(void *st)
{
    workers_state *w = st;
    free(w->ready);
    free(w->allowed);
}

/* The highest rate with the same whole ms between a worker's starts. */
static double workers_setting(double rate)
{
    return rate > 0 ? SIM_MS_PER_S / ceil(SIM_MS_PER_S / rate - 1e-9) : 0;
}

const client_type client_workers = {.name = "workers", .state_size = sizeof(workers_state),
                                    .init = workers_init, .next = workers_next, .start = workers_start,
                                    .done = workers_done, .destroy = workers_destroy,
                                    .setting = workers_setting};
