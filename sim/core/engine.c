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

/* A slot past the used part of the pool, growing it (the free list is empty). */
static __attribute__((noinline)) uint32_t new_slot(sim_engine *e)
{
    if (e->pool_len == e->pool_cap) {
        if (e->pool_cap >= HEAP_SLOT_LIMIT) {
            sim_eprintf("more than %llu pending events", (unsigned long long)HEAP_SLOT_LIMIT);
            exit(1);
        }
        e->pool_cap = e->pool_cap ? 2 * e->pool_cap : SIM_EVENT_POOL_INIT;
        e->pool = sim_xrealloc(e->pool, (size_t)e->pool_cap * sizeof *e->pool);
    }
    return e->pool_len++;
}

static int key_cmp(const void *a, const void *b)
{
    heap_key x = *(const heap_key *)a, y = *(const heap_key *)b;
    return (x > y) - (x < y);
}

/* seq is about to outgrow its bits in a key: number the pending keys 0, 1, ...
 * in their order. Sorted keys are a valid heap, their order is unchanged and
 * every later key gets a higher number, so the run is the same as with
 * unbounded numbers. Once every 2^HEAP_SEQ_BITS insertions. */
static __attribute__((noinline)) void renumber(sim_engine *e)
{
    heap *h = &e->fel;
    qsort(h->keys, h->len, sizeof *h->keys, key_cmp);
    for (size_t i = 0; i < h->len; i++)
        h->keys[i] = heap_key_make(heap_key_time(h->keys[i]), i, heap_key_slot(h->keys[i]));
    e->seq = h->len;
}

void engine_schedule(sim_engine *e, int64_t at, sim_handler fn, void *obj, int64_t arg)
{
    if (at < e->now)
        at = e->now; /* the past is not reachable: run as soon as possible */
    uint32_t s = e->free_head;
    if (s != NO_SLOT)
        e->free_head = e->pool[s].next_free;
    else
        s = new_slot(e);
    sim_event *ev = &e->pool[s];
    ev->fn = fn, ev->obj = obj, ev->arg = arg;
    if (e->seq == HEAP_SEQ_LIMIT)
        renumber(e);
    heap_key k = heap_key_make(at, e->seq++, s);
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
    const heap_key end_key = heap_key_make(end, 0, 0); /* below it: the keys of times < end */
    while (!e->stopped && !(e->interrupt && *e->interrupt) && e->fel.len) {
        heap_key k = heap_top(&e->fel); /* stays on top while the handler runs: see top_done */
        if (k >= end_key)
            break;
        uint32_t s = heap_key_slot(k);
        sim_event *ev = &e->pool[s];
        sim_handler fn = ev->fn;
        void *obj = ev->obj;
        int64_t arg = ev->arg;
        ev->next_free = e->free_head; /* recycle before the handler reuses it */
        e->free_head = s;
        e->now = heap_key_time(k);
        e->processed++;
        e->top_done = true;
        fn(e, obj, arg);
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
        return h->len ? heap_key_time(h->keys[0]) : INT64_MAX;
    /* the running event is still on top: the next is one of its children */
    int64_t next = INT64_MAX;
    for (size_t i = 1; i <= HEAP_ARITY && i < h->len; i++)
        if (heap_key_time(h->keys[i]) < next)
            next = heap_key_time(h->keys[i]);
    return next;
}
