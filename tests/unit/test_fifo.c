/* test_fifo.c: the (time, count) ring behind the quota window and backlogs. */
#include <stdlib.h>

#include "models/fifo.h"
#include "suite.h"

typedef struct pieces {
    int64_t t[64], n[64];
    int count;
} pieces;

static void visit(void *ctx, int64_t t, int64_t n)
{
    pieces *p = ctx;
    if (p->count < 64) {
        p->t[p->count] = t;
        p->n[p->count] = n;
    }
    p->count++;
}

/* Sum of n over the entries, walked through the ring. */
static int64_t walk_sum(tn_fifo *f)
{
    int64_t s = 0;
    for (uint32_t i = 0; i < f->len; i++)
        s += f->ring[(f->head + i) % f->cap].n;
    return s;
}

static void test_push_merge(void)
{
    tn_fifo f;
    fifo_init(&f);
    CU_ASSERT_PTR_NULL(fifo_front(&f));
    fifo_push(&f, 10, 5);
    fifo_push(&f, 10, 2);
    fifo_push(&f, 20, 3);
    fifo_push(&f, 20, 0); /* ignored */
    fifo_push(&f, 30, -1);
    CU_ASSERT_EQUAL(f.len, 2);
    CU_ASSERT_EQUAL(f.sum, 10);
    CU_ASSERT_EQUAL(fifo_front(&f)->t, 10);
    CU_ASSERT_EQUAL(fifo_front(&f)->n, 7);
    fifo_pop(&f);
    CU_ASSERT_EQUAL(f.sum, 3);
    CU_ASSERT_EQUAL(fifo_front(&f)->t, 20);
    /* Only the last entry merges: an older time pushed later is a new entry. */
    fifo_push(&f, 30, 1);
    fifo_push(&f, 20, 1);
    CU_ASSERT_EQUAL(f.len, 3);
    CU_ASSERT_EQUAL(f.sum, 5);
    fifo_destroy(&f);
}

static void test_take_pieces(void)
{
    tn_fifo f;
    fifo_init(&f);
    fifo_push(&f, 10, 5);
    fifo_push(&f, 20, 3);
    fifo_push(&f, 30, 4);
    pieces p = {0};
    fifo_take(&f, 7, visit, &p);
    CU_ASSERT_EQUAL_FATAL(p.count, 2);
    CU_ASSERT(p.t[0] == 10 && p.n[0] == 5);
    CU_ASSERT(p.t[1] == 20 && p.n[1] == 2); /* part of the entry at 20 */
    CU_ASSERT_EQUAL(f.len, 2);
    CU_ASSERT_EQUAL(f.sum, 5);
    CU_ASSERT_EQUAL(fifo_front(&f)->t, 20);
    CU_ASSERT_EQUAL(fifo_front(&f)->n, 1);
    p.count = 0;
    fifo_take(&f, 1, visit, &p); /* exactly the rest of the front */
    CU_ASSERT_EQUAL_FATAL(p.count, 1);
    CU_ASSERT(p.t[0] == 20 && p.n[0] == 1);
    CU_ASSERT_EQUAL(f.len, 1);
    p.count = 0;
    fifo_take(&f, 0, visit, &p); /* nothing */
    CU_ASSERT_EQUAL(p.count, 0);
    fifo_take(&f, 100, visit, &p); /* more than held: takes what there is */
    CU_ASSERT_EQUAL_FATAL(p.count, 1);
    CU_ASSERT(p.t[0] == 30 && p.n[0] == 4);
    CU_ASSERT_EQUAL(f.len, 0);
    CU_ASSERT_EQUAL(f.sum, 0);
    /* visit may be NULL */
    fifo_push(&f, 40, 6);
    fifo_take(&f, 2, NULL, NULL);
    CU_ASSERT_EQUAL(f.sum, 4);
    CU_ASSERT_EQUAL(fifo_front(&f)->n, 4);
    fifo_destroy(&f);
}

static void test_take_back(void)
{
    tn_fifo f;
    fifo_init(&f);
    fifo_push(&f, 10, 5);
    fifo_push(&f, 20, 3);
    fifo_push(&f, 30, 4);
    fifo_take_back(&f, 6); /* all of 30, 2 of 20 */
    CU_ASSERT_EQUAL(f.len, 2);
    CU_ASSERT_EQUAL(f.sum, 6);
    CU_ASSERT_EQUAL(f.ring[(f.head + 1) % f.cap].t, 20);
    CU_ASSERT_EQUAL(f.ring[(f.head + 1) % f.cap].n, 1);
    /* A push at the time of the (now) last entry merges into it. */
    fifo_push(&f, 20, 2);
    CU_ASSERT_EQUAL(f.len, 2);
    CU_ASSERT_EQUAL(f.ring[(f.head + 1) % f.cap].n, 3);
    fifo_take_back(&f, 3); /* exactly the last entry */
    CU_ASSERT_EQUAL(f.len, 1);
    CU_ASSERT_EQUAL(f.sum, 5);
    fifo_take_back(&f, 50);
    CU_ASSERT_EQUAL(f.len, 0);
    CU_ASSERT_EQUAL(f.sum, 0);
    fifo_destroy(&f);
}

/* Fill past the first ring (64), pop most, push more so the ring wraps, then
 * grow while wrapped: order and sums survive. */
static void test_wrap_and_grow(void)
{
    tn_fifo f;
    fifo_init(&f);
    for (int64_t t = 0; t < 64; t++)
        fifo_push(&f, t, t + 1);
    CU_ASSERT_EQUAL(f.cap, 64);
    for (int i = 0; i < 40; i++)
        fifo_pop(&f);
    CU_ASSERT_EQUAL(f.head, 40);
    for (int64_t t = 64; t < 104; t++) /* 24 live + 40 = 64: wraps, fills */
        fifo_push(&f, t, t + 1);
    CU_ASSERT_EQUAL(f.cap, 64);
    CU_ASSERT_EQUAL(f.len, 64);
    CU_ASSERT(f.head != 0);
    for (int64_t t = 104; t < 200; t++) /* grows while wrapped */
        fifo_push(&f, t, t + 1);
    CU_ASSERT_EQUAL(f.cap, 256);
    CU_ASSERT_EQUAL(f.len, 160);
    CU_ASSERT_EQUAL(f.sum, walk_sum(&f));
    /* sum of t+1 for t = 40..199 */
    CU_ASSERT_EQUAL(f.sum, (200 * 201 - 40 * 41) / 2);
    /* Take across everything: pieces come out in time order. */
    int bad = 0;
    for (int64_t t = 40; t < 200; t++) {
        tn_entry *e = fifo_front(&f);
        bad += !e || e->t != t || e->n != t + 1;
        fifo_take(&f, t + 1, NULL, NULL);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(f.len, 0);
    CU_ASSERT_EQUAL(f.sum, 0);
    fifo_destroy(&f);
}

/* fifo_take and fifo_take_back over the wrap point of the ring. */
static void test_take_across_wrap(void)
{
    tn_fifo f;
    fifo_init(&f);
    for (int64_t t = 0; t < 60; t++)
        fifo_push(&f, t, 1);
    fifo_take(&f, 58, NULL, NULL);
    for (int64_t t = 60; t < 70; t++) /* indices 60..63 then 0..5 */
        fifo_push(&f, t, 2);
    CU_ASSERT_EQUAL(f.cap, 64);
    CU_ASSERT_EQUAL(f.len, 12);
    CU_ASSERT_EQUAL(f.sum, 22);
    pieces p = {0};
    fifo_take(&f, 9, visit, &p); /* 58:1, 59:1, 60:2, 61:2, 62:2, 63:1 */
    CU_ASSERT_EQUAL_FATAL(p.count, 6);
    CU_ASSERT(p.t[0] == 58 && p.n[0] == 1);
    CU_ASSERT(p.t[5] == 63 && p.n[5] == 1);
    fifo_take_back(&f, 7); /* 69:2, 68:2, 67:2, 66:1 */
    CU_ASSERT_EQUAL(f.sum, 22 - 9 - 7);
    CU_ASSERT_EQUAL(f.sum, walk_sum(&f));
    CU_ASSERT_EQUAL(f.len, 4); /* 63:1, 64, 65, 66:1 */
    CU_ASSERT_EQUAL(fifo_front(&f)->t, 63);
    fifo_reset(&f);
    CU_ASSERT_EQUAL(f.len, 0);
    CU_ASSERT_EQUAL(f.sum, 0);
    fifo_push(&f, 1, 1);
    CU_ASSERT_EQUAL(fifo_front(&f)->t, 1);
    fifo_destroy(&f);
}

TEST_SUITE(fifo,
           {"push merges equal last times", test_push_merge},
           {"take visits pieces in order", test_take_pieces},
           {"take_back removes the newest", test_take_back},
           {"wrap-around and growth while wrapped", test_wrap_and_grow},
           {"take and take_back across the wrap point", test_take_across_wrap})
