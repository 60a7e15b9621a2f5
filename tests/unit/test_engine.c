/* test_engine.c: the event loop: time order, FIFO at equal times, run_until's
 * end, handlers that schedule, engine_stop, reset and pool recycling. */
#include <stdlib.h>

#include "core/config.h"
#include "core/engine.h"
#include "suite.h"

/* A log of (time, arg) of the events that ran. */
typedef struct run_log {
    int64_t t[4096], arg[4096];
    size_t n;
} run_log;

static void record(sim_engine *e, void *obj, int64_t arg)
{
    run_log *l = obj;
    if (l->n < 4096) {
        l->t[l->n] = e->now;
        l->arg[l->n] = arg;
    }
    l->n++;
}

static void test_time_order(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    engine_schedule(&e, 30, record, &l, 3);
    engine_schedule(&e, 10, record, &l, 1);
    engine_schedule(&e, 20, record, &l, 2);
    engine_schedule(&e, 0, record, &l, 0);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 4);
    CU_ASSERT_EQUAL_FATAL(l.n, 4);
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(l.t[i], 10 * i);
        CU_ASSERT_EQUAL(l.arg[i], i);
    }
    CU_ASSERT_EQUAL(e.now, 100);
    CU_ASSERT_EQUAL(e.processed, 4);
    engine_destroy(&e);
}

static void test_same_time_fifo(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    /* 1000 events at time 5 interleaved with events at 4 and 6. */
    for (int i = 0; i < 1000; i++) {
        engine_schedule(&e, 5, record, &l, i);
        if (i % 100 == 0) {
            engine_schedule(&e, 6, record, &l, 2000 + i);
            engine_schedule(&e, 4, record, &l, 1000 + i);
        }
    }
    CU_ASSERT_EQUAL(engine_run_until(&e, 7), 1020);
    CU_ASSERT_EQUAL_FATAL(l.n, 1020);
    int bad = 0;
    for (int i = 0; i < 10; i++)
        bad += l.t[i] != 4 || l.arg[i] != 1000 + 100 * i;
    for (int i = 0; i < 1000; i++)
        bad += l.t[10 + i] != 5 || l.arg[10 + i] != i;
    for (int i = 0; i < 10; i++)
        bad += l.t[1010 + i] != 6 || l.arg[1010 + i] != 2000 + 100 * i;
    CU_ASSERT_EQUAL(bad, 0);
    engine_destroy(&e);
}

/* Events at or after `end` stay pending; the clock reads `end`. */
static void test_run_until_end(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    engine_schedule(&e, 10, record, &l, 1);
    engine_schedule(&e, 20, record, &l, 2);
    engine_schedule(&e, 30, record, &l, 3);
    CU_ASSERT_EQUAL(engine_run_until(&e, 20), 1); /* the event at exactly 20 is not run */
    CU_ASSERT_EQUAL(l.n, 1);
    CU_ASSERT_EQUAL(e.now, 20);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 2);
    CU_ASSERT_EQUAL(engine_run_until(&e, 20), 0); /* again: nothing */
    CU_ASSERT_EQUAL(e.now, 20);
    CU_ASSERT_EQUAL(engine_run_until(&e, 31), 2);
    CU_ASSERT_EQUAL(l.n, 3);
    CU_ASSERT_EQUAL(l.t[1], 20);
    CU_ASSERT_EQUAL(l.t[2], 30);
    CU_ASSERT_EQUAL(e.now, 31);
    /* An empty queue still advances the clock to end. */
    CU_ASSERT_EQUAL(engine_run_until(&e, 1000), 0);
    CU_ASSERT_EQUAL(e.now, 1000);
    /* An end before now never moves the clock backwards. */
    CU_ASSERT_EQUAL(engine_run_until(&e, 500), 0);
    CU_ASSERT_EQUAL(e.now, 1000);
    CU_ASSERT_EQUAL(e.processed, 3);
    engine_destroy(&e);
}

/* A handler that reschedules itself every 7 ms, with the log as object. */
static void tick7(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    engine_schedule(e, e->now + 7, tick7, obj, arg + 1);
}

static void test_handler_schedules(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    engine_schedule(&e, 0, tick7, &l, 0);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 15); /* 0, 7, ..., 98 */
    CU_ASSERT_EQUAL_FATAL(l.n, 15);
    for (int i = 0; i < 15; i++) {
        CU_ASSERT_EQUAL(l.t[i], 7 * i);
        CU_ASSERT_EQUAL(l.arg[i], i);
    }
    CU_ASSERT_EQUAL(e.now, 100);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 1);
    CU_ASSERT_EQUAL(heap_key_time(heap_top(&e.fel)), 105);
    engine_destroy(&e);
}

/* A handler scheduling at its own time (or in the past, which is clamped to now)
 * runs after the events already pending at that time. */
static void schedule_now_and_past(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    if (arg == 0) {
        engine_schedule(e, e->now, record, obj, 10);
        engine_schedule(e, e->now - 40, record, obj, 11); /* the past: clamped to now */
    }
}

static void test_schedule_now_and_past(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    engine_schedule(&e, 50, schedule_now_and_past, &l, 0);
    engine_schedule(&e, 50, record, &l, 1);
    engine_schedule(&e, 51, record, &l, 2);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 5);
    CU_ASSERT_EQUAL_FATAL(l.n, 5);
    int64_t want_arg[] = {0, 1, 10, 11, 2};
    int64_t want_t[] = {50, 50, 50, 50, 51};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(l.arg[i], want_arg[i]);
        CU_ASSERT_EQUAL(l.t[i], want_t[i]);
    }
    engine_destroy(&e);
}

static void stopper(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    engine_stop(e);
}

static void test_stop(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    engine_schedule(&e, 10, record, &l, 1);
    engine_schedule(&e, 30, stopper, &l, 2);
    engine_schedule(&e, 30, record, &l, 3); /* same time, after the stopper: not run yet */
    engine_schedule(&e, 40, record, &l, 4);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 2);
    CU_ASSERT_EQUAL(l.n, 2);
    CU_ASSERT_EQUAL(e.now, 30); /* the stopping event's time, not end */
    CU_ASSERT_EQUAL(heap_len(&e.fel), 2);
    /* The next run resumes where it stopped. */
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 2);
    CU_ASSERT_EQUAL_FATAL(l.n, 4);
    CU_ASSERT_EQUAL(l.arg[2], 3);
    CU_ASSERT_EQUAL(l.t[2], 30);
    CU_ASSERT_EQUAL(l.arg[3], 4);
    CU_ASSERT_EQUAL(e.now, 100);
    engine_destroy(&e);
}

static void test_reset(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    for (int i = 0; i < 10; i++)
        engine_schedule(&e, 100 + i, record, &l, i);
    engine_run_until(&e, 105);
    CU_ASSERT_EQUAL(l.n, 5);
    engine_reset(&e);
    CU_ASSERT_EQUAL(e.now, 0);
    CU_ASSERT_EQUAL(e.seq, 0);
    CU_ASSERT_EQUAL(e.processed, 0);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 0);
    CU_ASSERT_EQUAL(e.pool_len, 0);
    CU_ASSERT_EQUAL(engine_run_until(&e, 1000), 0); /* the old events are gone */
    CU_ASSERT_EQUAL(l.n, 5);
    engine_reset(&e);
    engine_schedule(&e, 3, record, &l, 42);
    CU_ASSERT_EQUAL(engine_run_until(&e, 4), 1);
    CU_ASSERT_EQUAL(l.n, 6);
    CU_ASSERT_EQUAL(l.arg[5], 42);
    CU_ASSERT_EQUAL(l.t[5], 3);
    engine_destroy(&e);
}

/* Four self-rescheduling chains run a million events: freed slots are reused,
 * so the pool never grows past its first allocation. */
typedef struct chain_count {
    int64_t runs;
} chain_count;

static void chain(sim_engine *e, void *obj, int64_t arg)
{
    chain_count *c = obj;
    c->runs++;
    engine_schedule(e, e->now + 1 + arg, chain, obj, arg);
}

static void test_pool_recycling(void)
{
    chain_count c = {0};
    sim_engine e;
    engine_init(&e);
    for (int64_t k = 0; k < 4; k++)
        engine_schedule(&e, 0, chain, &c, k); /* periods 1, 2, 3, 4 ms */
    /* Events per ms: 1 + 1/2 + 1/3 + 1/4 = 25/12; 480,000 ms gives 1,000,000. */
    uint64_t ran = engine_run_until(&e, 480000);
    CU_ASSERT_EQUAL(ran, 1000000);
    CU_ASSERT_EQUAL(c.runs, 1000000);
    CU_ASSERT_EQUAL(e.processed, 1000000);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 4);
    CU_ASSERT(e.pool_len <= 5);
    CU_ASSERT_EQUAL(e.pool_cap, SIM_EVENT_POOL_INIT);
    CU_ASSERT(e.fel.cap <= 256);
    engine_destroy(&e);
}

/* A burst of pending events grows the pool; after they run, the slots are
 * reused for the next burst instead of growing again. */
static void test_pool_burst_reuse(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    for (int i = 0; i < 3000; i++)
        engine_schedule(&e, i % 17, record, &l, i);
    uint32_t cap = e.pool_cap;
    CU_ASSERT(cap >= 3000);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 3000);
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 3000; i++)
            engine_schedule(&e, e.now + i % 17, record, &l, i);
        CU_ASSERT_EQUAL(engine_run_until(&e, e.now + 100), 3000);
    }
    CU_ASSERT_EQUAL(e.pool_cap, cap);
    CU_ASSERT_EQUAL(e.pool_len, 3000);
    engine_destroy(&e);
}

/* The running event's key stays on top while its handler runs (top_done): the
 * first engine_schedule replaces it, later ones push. The order must be the plain
 * (time, seq) order whatever the handler does. */
static void fan_out(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    if (arg != 0)
        return; /* the others schedule nothing: the loop pops their keys */
    engine_schedule(e, e->now + 5, record, obj, 1); /* replaces the top */
    engine_schedule(e, e->now, record, obj, 2);     /* at now: after the pending 10s */
    engine_schedule(e, e->now + 2, record, obj, 3); /* at 12: after the pending 12 */
}

/* An event to schedule at the start of a test. */
typedef struct plan {
    int64_t t;
    sim_handler fn;
    int64_t arg;
} plan;

/* A fresh engine and an empty log, with the n planned events scheduled in order. */
static void start(sim_engine *e, run_log *l, const plan *p, size_t n)
{
    l->n = 0;
    engine_init(e);
    for (size_t i = 0; i < n; i++)
        engine_schedule(e, p[i].t, p[i].fn, l, p[i].arg);
}

static void check_log(const run_log *l, const int64_t *t, const int64_t *arg, size_t n)
{
    CU_ASSERT_EQUAL_FATAL(l->n, n);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(l->t[i], t[i]);
        CU_ASSERT_EQUAL(l->arg[i], arg[i]);
    }
}

static void test_handler_schedules_several(void)
{
    static run_log l;
    sim_engine e;
    plan p[] = {{12, fan_out, 4}, {10, fan_out, 0}, {10, fan_out, 5}, {30, fan_out, 6}};
    start(&e, &l, p, 4);
    CU_ASSERT_EQUAL(engine_run_until(&e, 20), 6);
    int64_t t[] = {10, 10, 10, 12, 12, 15}, arg[] = {0, 5, 2, 4, 3, 1};
    check_log(&l, t, arg, 6);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 1); /* no spent key left behind */
    CU_ASSERT_EQUAL(heap_key_time(heap_top(&e.fel)), 30);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 1);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 0);
    engine_destroy(&e);
}

/* A handler at now that reschedules itself at now runs after every event
 * already pending at now, also when its key replaces the top. */
static void again_at_now(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    if (arg < 3)
        engine_schedule(e, e->now, again_at_now, obj, arg + 1);
}

static void test_reschedule_at_now(void)
{
    static run_log l;
    sim_engine e;
    plan p[] = {{7, again_at_now, 0}, {7, record, 100}, {7, record, 101}, {8, record, 102}};
    start(&e, &l, p, 4);
    CU_ASSERT_EQUAL(engine_run_until(&e, 10), 7);
    int64_t t[] = {7, 7, 7, 7, 7, 7, 8}, arg[] = {0, 100, 101, 1, 2, 3, 102};
    check_log(&l, t, arg, 7);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 0);
    engine_destroy(&e);
}

/* A handler that schedules at or after end: the new event waits for the next
 * run; one that sets the interrupt flag after scheduling: the loop returns with
 * the new event pending and the spent one gone; engine_stop likewise. */
static void sched_then_interrupt(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    engine_schedule(e, e->now + 1, record, obj, arg + 1);
    if (arg == 10)
        *e->interrupt = 1;
    if (arg == 20)
        engine_stop(e);
}

static void test_replace_at_boundaries(void)
{
    static run_log l;
    volatile int flag = 0;
    sim_engine e;
    plan p[] = {{19, sched_then_interrupt, 0}}; /* schedules 1 at 20 = end */
    start(&e, &l, p, 1);
    e.interrupt = &flag;
    CU_ASSERT_EQUAL(engine_run_until(&e, 20), 1);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 1);
    CU_ASSERT_EQUAL(heap_key_time(heap_top(&e.fel)), 20);
    CU_ASSERT_EQUAL(e.now, 20);
    engine_schedule(&e, 25, sched_then_interrupt, &l, 10);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 2); /* 1 at 20, 10 at 25, then the flag */
    CU_ASSERT_EQUAL(e.now, 25);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 1);
    CU_ASSERT_EQUAL(heap_key_time(heap_top(&e.fel)), 26);
    flag = 0;
    engine_schedule(&e, 30, sched_then_interrupt, &l, 20);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 2); /* 11 at 26, 20 at 30, then stop */
    CU_ASSERT_EQUAL(e.now, 30);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 1);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 1); /* 21 at 31 */
    int64_t t[] = {19, 20, 25, 26, 30, 31}, arg[] = {0, 1, 10, 11, 20, 21};
    check_log(&l, t, arg, 6);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 0);
    engine_destroy(&e);
}

/* A handler that runs the loop itself (engine_run_until from inside a handler)
 * does not see its own spent key again. */
static void nested_run(sim_engine *e, void *obj, int64_t arg)
{
    record(e, obj, arg);
    engine_run_until(e, e->now + 1);
}

static void test_nested_run(void)
{
    static run_log l;
    sim_engine e;
    plan p[] = {{5, nested_run, 0}, {5, record, 1}, {9, record, 2}};
    start(&e, &l, p, 3);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 3); /* the inner run's event counts too */
    int64_t t[] = {5, 5, 9}, arg[] = {0, 1, 2};
    check_log(&l, t, arg, 3);
    CU_ASSERT_EQUAL(heap_len(&e.fel), 0);
    engine_destroy(&e);
}

/* When seq reaches the limit of its bits the engine renumbers its pending
 * keys: the run is the same as with unbounded numbers. Events at a few times,
 * many at the same time, are scheduled before and after the limit (twice,
 * the second time with the clock moved and keys pending): they run in time order, FIFO among equal times. */
static void test_seq_renumbering(void)
{
    static run_log l;
    l.n = 0;
    sim_engine e;
    engine_init(&e);
    e.seq = HEAP_SEQ_LIMIT - 5;
    int64_t at[] = {7, 3, 7, 7, 3, 9, 7, 3, 7, 9};
    for (int i = 0; i < 10; i++) /* the renumbering happens at the 6th */
        engine_schedule(&e, at[i], record, &l, i);
    CU_ASSERT(e.seq < 20);
    CU_ASSERT_EQUAL(engine_run_until(&e, 5), 3); /* 3, 3, 3 */
    e.seq = HEAP_SEQ_LIMIT - 1; /* again, with keys left and the clock moved */
    engine_schedule(&e, 7, record, &l, 10);
    engine_schedule(&e, 7, record, &l, 11);
    engine_schedule(&e, 5, record, &l, 12);
    CU_ASSERT_EQUAL(engine_run_until(&e, 100), 10);
    int64_t t7[] = {3, 3, 3, 5, 7, 7, 7, 7, 7, 7, 7, 9, 9}, a7[] = {1, 4, 7, 12, 0, 2, 3, 6, 8, 10, 11, 5, 9};
    CU_ASSERT_EQUAL_FATAL(l.n, 13);
    for (int i = 0; i < 13; i++) {
        CU_ASSERT_EQUAL(l.t[i], t7[i]);
        CU_ASSERT_EQUAL(l.arg[i], a7[i]);
    }
    engine_destroy(&e);
}

TEST_SUITE(engine,
           {"events run in time order", test_time_order},
           {"same-time events in scheduling order", test_same_time_fifo},
           {"run_until stops before end, clock reads end", test_run_until_end},
           {"handlers schedule new events", test_handler_schedules},
           {"scheduling now or in the past runs after pending", test_schedule_now_and_past},
           {"engine_stop returns after the current event", test_stop},
           {"a handler schedules several, at now, or none", test_handler_schedules_several},
           {"rescheduling at now runs after pending at now", test_reschedule_at_now},
           {"replaced top at end, interrupt and stop", test_replace_at_boundaries},
           {"engine_run_until from inside a handler", test_nested_run},
           {"reset drops pending events", test_reset},
           {"seq renumbered at its limit keeps the order", test_seq_renumbering},
           {"pool recycling over 1e6 events", test_pool_recycling},
           {"pool reuse after a burst", test_pool_burst_reuse})
