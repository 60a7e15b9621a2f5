/* engine.h: the discrete-event engine: clock, event pool, future-event list.
 *
 * Lifecycle: engine_init / engine_reset / engine_destroy.
 * An event is a handler, an object and an integer argument, stored in a pool that
 * grows by doubling and recycles freed slots, so scheduling never mallocs per
 * event. Events at the same millisecond run in the order they were scheduled. */
#ifndef SESIM_ENGINE_H
#define SESIM_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "heap.h"

typedef struct sim_engine sim_engine;
typedef void (*sim_handler)(sim_engine *e, void *obj, int64_t arg);

typedef struct sim_event {
    sim_handler fn;
    void *obj;
    int64_t arg;
    uint32_t next_free; /* free-list link while the slot is unused */
} sim_event;

struct sim_engine {
    int64_t now;        /* ms since scenario start */
    uint64_t seq;       /* next insertion number */
    uint64_t processed; /* events run so far */
    heap fel;           /* future-event list */
    sim_event *pool;
    uint32_t pool_len, pool_cap, free_head;
    bool stopped;
    /* While a handler runs, its own key is still on top of fel (already run):
     * the handler's first engine_schedule replaces it, else the loop pops it after.
     * So heap_len(&fel) counts it during a handler. */
    bool top_done;
    volatile int *interrupt; /* when set and non-zero, the run loop returns (Ctrl-C) */
};

void engine_init(sim_engine *e);
void engine_reset(sim_engine *e);
void engine_destroy(sim_engine *e);

/* Schedule fn(e, obj, arg) at absolute time `at` (>= now). */
void engine_schedule(sim_engine *e, int64_t at, sim_handler fn, void *obj, int64_t arg);

/* Run events whose time is < end, in order; the clock then reads `end` (or the
 * time of the stopping event if engine_stop was called). Returns events run. */
uint64_t engine_run_until(sim_engine *e, int64_t end);

/* The time of the earliest pending event other than the one running (a
 * handler asks what else is due), or INT64_MAX when there is none. */
int64_t engine_next_other(const sim_engine *e);

/* Ask the run loop to return after the current event. */
void engine_stop(sim_engine *e);

#endif
