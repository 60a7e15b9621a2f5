/* engine.c: clock, pooled events and the run loop. */
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "engine.h"
#include "error.h"

#define NO_SLOT UINT32_MAX

void engine_init(sim_engine *e)
{
    e->pool = NULL;
    e->pool_cap = 0;
    heap_init(&e->fel);
    engine_reset(e);
}

void engine_reset(sim_engine *e)
{
    e->now = 0;
    e->seq = 0;
    e->processed = 0;
    e->pool_len = 0;
    e->free_head = NO_SLOT;
    e->stopped = false;
    e->top_done = false;
    e->interrupt = NULL;
    heap_reset(&e->fel);
}

void engine_destroy(sim_engine *e)
{
    heap_destroy(&e->fel);
    free(e->pool);
    e->pool = NULL;
    e->pool_cap = e->pool_len = 0;
}

static uint32_t alloc_slot(sim_engine *e)
{
    if (e->free_head != NO_SLOT) {
        uint32_t s = e->free_head;
        e->free_head = e->pool[s].next_free;
        return s;
    }
    if (e->pool_len == e->pool_cap) {
        e->pool_cap = e->pool_cap ? 2 * e->pool_cap : SIM_EVENT_POOL_INIT;
        e->pool = sim_xrealloc(e->pool, (size_t)e->pool_cap * sizeof *e->pool);
    }
    return e->pool_len++;
}

void engine_schedule(sim_engine *e, int64_t at, sim_handler fn, void *obj, int64_t arg)
{
    if (at < e->now)
        at = e->now; /* the past is not reachable: run as soon as possible */
    uint32_t s = alloc_slot(e);
    e->pool[s] = (sim_event){.fn = fn, .obj = obj, .arg = arg, .next_free = NO_SLOT};
    heap_key k = {.time = at, .seq = e->seq++, .slot = s};
    /* Keys are unique (time, seq) pairs, so the pop order depends only on the
     * set of keys: replacing the spent top is the same as pop then push, with
     * one sift-down instead of two walks of the heap. */
    if (e->top_done) {
        e->top_done = false;
        heap_replace_top(&e->fel, k);
    } else {
        heap_push(&e->fel, k);
    }
}

uint64_t engine_run_until(sim_engine *e, int64_t end)
{
    uint64_t start = e->processed;
    e->stopped = false;
    if (e->top_done) { /* called from inside a handler: drop its spent key first */
        e->top_done = false;
        heap_pop(&e->fel);
    }
    while (!e->stopped && !(e->interrupt && *e->interrupt)) {
        const heap_key *top = heap_top(&e->fel);
        if (!top || top->time >= end)
            break;
        heap_key k = *top; /* stays on top while the handler runs: see top_done */
        sim_event ev = e->pool[k.slot];
        e->pool[k.slot].next_free = e->free_head; /* recycle before the handler reuses it */
        e->free_head = k.slot;
        e->now = k.time;
        e->processed++;
        e->top_done = true;
        ev.fn(e, ev.obj, ev.arg);
        if (e->top_done) { /* the handler scheduled nothing */
            e->top_done = false;
            heap_pop(&e->fel);
        }
    }
    if (!e->stopped && !(e->interrupt && *e->interrupt) && e->now < end)
        e->now = end;
    return e->processed - start;
}

void engine_stop(sim_engine *e) { e->stopped = true; }

int64_t engine_next_other(const sim_engine *e)
{
    const heap *h = &e->fel;
    if (!e->top_done) /* not inside a handler, or it has rescheduled itself */
        return h->len ? h->keys[0].time : INT64_MAX;
    /* the running event is still on top: the next is one of its children */
    int64_t next = INT64_MAX;
    for (size_t i = 1; i <= HEAP_ARITY && i < h->len; i++)
        if (h->keys[i].time < next)
            next = h->keys[i].time;
    return next;
}
