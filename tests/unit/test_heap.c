/* test_heap.c: the future-event list orders by time, then insertion (FIFO ties). */
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "core/heap.h"
#include "suite.h"

/* The reference order, from the unpacked fields. */
static int key_cmp(const void *a, const void *b)
{
    heap_key x = *(const heap_key *)a, y = *(const heap_key *)b;
    if (heap_key_time(x) != heap_key_time(y))
        return (heap_key_time(x) > heap_key_time(y)) - (heap_key_time(x) < heap_key_time(y));
    return (heap_key_seq(x) > heap_key_seq(y)) - (heap_key_seq(x) < heap_key_seq(y));
}

static void test_orders_by_time(void)
{
    heap h;
    heap_init(&h);
    int64_t times[] = {50, 10, 40, 20, 30};
    for (uint32_t i = 0; i < 5; i++)
        heap_push(&h, heap_key_make(times[i], i, i));
    int64_t want[] = {10, 20, 30, 40, 50};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(heap_key_time(heap_pop(&h)), want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
}

static void test_empty_top(void)
{
    heap h;
    heap_init(&h);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_push(&h, heap_key_make(9, 0, 3));
    heap_push(&h, heap_key_make(4, 1, 7));
    CU_ASSERT_EQUAL_FATAL(heap_len(&h), 2);
    CU_ASSERT_EQUAL(heap_key_time(heap_top(&h)), 4);
    CU_ASSERT_EQUAL(heap_key_slot(heap_top(&h)), 7);
    CU_ASSERT_EQUAL(heap_len(&h), 2); /* top does not remove */
    heap_key k = heap_pop(&h);
    CU_ASSERT_EQUAL(heap_key_time(k), 4);
    CU_ASSERT_EQUAL(heap_key_seq(k), 1);
    CU_ASSERT_EQUAL(heap_key_slot(k), 7);
    k = heap_pop(&h);
    CU_ASSERT_EQUAL(heap_key_slot(k), 3);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
}

/* 5,000 keys at the same time come out in seq order, whatever the push order of
 * other times around them. */
static void test_fifo_ties(void)
{
    heap h;
    heap_init(&h);
    uint64_t seq = 0;
    for (int i = 0; i < 5000; i++) {
        heap_push(&h, heap_key_make(7, seq, (uint32_t)seq));
        seq++;
        if (i % 3 == 0) { /* interleave keys at other times */
            heap_push(&h, heap_key_make(3, seq, (uint32_t)seq));
            seq++;
            heap_push(&h, heap_key_make(11, seq, (uint32_t)seq));
            seq++;
        }
    }
    size_t n = heap_len(&h);
    CU_ASSERT_EQUAL(n, 5000 + 2 * 1667);
    heap_key prev = heap_pop(&h);
    int bad = 0;
    for (size_t i = 1; i < n; i++) {
        heap_key k = heap_pop(&h);
        if (key_cmp(&prev, &k) >= 0)
            bad++;
        if (heap_key_slot(k) != (uint32_t)heap_key_seq(k))
            bad++;
        prev = k;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
}

/* 100,000 random keys (times drawn from 0..999, so many ties) pop in the order
 * of a qsort by (time, seq); the slot travels with its key. */
static void test_random_against_qsort(void)
{
    enum { N = 100000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 12345);
    heap_key *ref = malloc(N * sizeof *ref);
    heap h;
    heap_init(&h);
    for (uint32_t i = 0; i < N; i++) {
        ref[i] = heap_key_make((int64_t)gsl_rng_uniform_int(r, 1000), i, N - i);
        heap_push(&h, ref[i]);
    }
    qsort(ref, N, sizeof *ref, key_cmp);
    CU_ASSERT_EQUAL(heap_len(&h), N);
    int mismatches = 0;
    for (uint32_t i = 0; i < N; i++) {
        heap_key k = heap_pop(&h);
        if (heap_key_time(k) != heap_key_time(ref[i]) || heap_key_seq(k) != heap_key_seq(ref[i]) || heap_key_slot(k) != heap_key_slot(ref[i]))
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
    free(ref);
    gsl_rng_free(r);
}

/* Random interleaving of pushes and pops, checked against a linear-scan minimum. */
static void test_interleaved(void)
{
    enum { OPS = 40000, MAXN = 4096 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 777);
    heap_key *ref = malloc(MAXN * sizeof *ref);
    size_t nref = 0;
    heap h;
    heap_init(&h);
    uint64_t seq = 0;
    int mismatches = 0, pops = 0;
    for (int op = 0; op < OPS; op++) {
        /* Pushes slightly more likely than pops: the heap grows and shrinks. */
        int push = nref == 0 || (nref < MAXN && gsl_rng_uniform(r) < 0.55);
        if (push) {
            heap_key k = heap_key_make((int64_t)gsl_rng_uniform_int(r, 200), seq, (uint32_t)seq);
            seq++;
            heap_push(&h, k);
            ref[nref++] = k;
        } else {
            size_t best = 0;
            for (size_t i = 1; i < nref; i++)
                if (key_cmp(&ref[i], &ref[best]) < 0)
                    best = i;
            heap_key k = heap_pop(&h);
            if (heap_key_time(k) != heap_key_time(ref[best]) || heap_key_seq(k) != heap_key_seq(ref[best]) || heap_key_slot(k) != heap_key_slot(ref[best]))
                mismatches++;
            ref[best] = ref[--nref];
            pops++;
        }
        if (heap_len(&h) != nref)
            mismatches++;
    }
    CU_ASSERT(pops > OPS / 3);
    CU_ASSERT_EQUAL(mismatches, 0);
    heap_destroy(&h);
    free(ref);
    gsl_rng_free(r);
}

/* heap_reset empties the heap, keeps its memory, and the heap works afterwards. */
static void test_reset(void)
{
    heap h;
    heap_init(&h);
    for (uint32_t i = 0; i < 1000; i++)
        heap_push(&h, heap_key_make(1000 - i, i, i));
    size_t cap = h.cap;
    heap_key *keys = h.keys;
    CU_ASSERT(cap >= 1000);
    heap_reset(&h);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    CU_ASSERT_EQUAL(h.cap, cap);
    CU_ASSERT_PTR_EQUAL(h.keys, keys);
    int64_t times[] = {5, 3, 5, 1, 3};
    for (uint32_t i = 0; i < 5; i++)
        heap_push(&h, heap_key_make(times[i], i, 100 + i));
    uint32_t want[] = {103, 101, 104, 100, 102};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(heap_key_slot(heap_pop(&h)), want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
    CU_ASSERT_PTR_NULL(h.keys);
    CU_ASSERT_EQUAL(h.cap, 0);
}

/* Negative and extreme times order correctly (no overflow in the comparison). */
static void test_extreme_times(void)
{
    heap h;
    heap_init(&h);
    int64_t times[] = {INT64_MAX, 0, INT64_MIN, -1, 1, INT64_MAX, INT64_MIN};
    for (uint32_t i = 0; i < 7; i++)
        heap_push(&h, heap_key_make(times[i], i, i));
    uint32_t want[] = {2, 6, 3, 1, 4, 0, 5};
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(heap_key_slot(heap_pop(&h)), want[i]);
    heap_destroy(&h);
}

/* replace_top returns the old top and leaves the keys {rest} + {k}: a small
 * case with exact orders, including a new key that is still the smallest and one
 * that ties on time with a lower-seq key already there. */
static void test_replace_top_exact(void)
{
    heap h;
    heap_init(&h);
    int64_t times[] = {10, 20, 20, 30};
    for (uint32_t i = 0; i < 4; i++)
        heap_push(&h, heap_key_make(times[i], i, i));
    heap_key old = heap_replace_top(&h, heap_key_make(5, 4, 4));
    CU_ASSERT_EQUAL(heap_key_slot(old), 0);
    CU_ASSERT_EQUAL(heap_len(&h), 4);
    CU_ASSERT_EQUAL(heap_key_slot(heap_top(&h)), 4); /* still the smallest: stays on top */
    old = heap_replace_top(&h, heap_key_make(20, 5, 5));
    CU_ASSERT_EQUAL(heap_key_slot(old), 4);
    old = heap_replace_top(&h, heap_key_make(40, 6, 6));
    CU_ASSERT_EQUAL(heap_key_slot(old), 1);
    uint32_t want[] = {2, 5, 3, 6}; /* 20 (seq 2), 20 (seq 5), 30, 40 */
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(heap_key_slot(heap_pop(&h)), want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    /* A heap of one: replace swaps the only key. */
    heap_push(&h, heap_key_make(1, 7, 7));
    CU_ASSERT_EQUAL(heap_key_slot(heap_replace_top(&h, heap_key_make(0, 8, 8))), 7);
    CU_ASSERT_EQUAL(heap_key_slot(heap_pop(&h)), 8);
    heap_destroy(&h);
}

/* Two heaps fed the same random keys, one by pop + push, one by replace_top
 * (with pops and pushes mixed in): every key comes out the same. */
static void test_replace_top_as_pop_push(void)
{
    enum { OPS = 200000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 4242);
    heap a, b;
    heap_init(&a);
    heap_init(&b);
    uint64_t seq = 0;
    int mismatches = 0;
    for (int op = 0; op < OPS; op++) {
        double u = gsl_rng_uniform(r);
        heap_key k = heap_key_make((int64_t)gsl_rng_uniform_int(r, 300), seq, (uint32_t)seq);
        seq++;
        if (heap_len(&a) == 0 || u < 0.3) {
            heap_push(&a, k);
            heap_push(&b, k);
        } else if (u < 0.55) {
            heap_key x = heap_pop(&a), y = heap_pop(&b);
            mismatches += heap_key_seq(x) != heap_key_seq(y) || heap_key_slot(x) != heap_key_slot(y);
        } else {
            k = heap_key_make(heap_key_time(k) + heap_key_time(heap_top(&a)), heap_key_seq(k),
                              heap_key_slot(k)); /* never before the top, as in the engine */
            heap_key x = heap_pop(&a);
            heap_push(&a, k);
            heap_key y = heap_replace_top(&b, k);
            mismatches += heap_key_seq(x) != heap_key_seq(y) || heap_key_slot(x) != heap_key_slot(y);
        }
        mismatches += heap_len(&a) != heap_len(&b);
    }
    while (heap_len(&a)) {
        heap_key x = heap_pop(&a), y = heap_pop(&b);
        mismatches += heap_key_seq(x) != heap_key_seq(y) || heap_key_time(x) != heap_key_time(y);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    heap_destroy(&a);
    heap_destroy(&b);
    gsl_rng_free(r);
}

/* A key unpacks to what it was made of at the ends of every field, and the
 * order of packed keys is (time, seq) order across them. */
static void test_key_packing(void)
{
    int64_t times[] = {INT64_MIN, -1, 0, 1, INT64_MAX};
    uint64_t seqs[] = {0, 1, HEAP_SEQ_LIMIT - 1};
    uint32_t slots[] = {0, 1, (uint32_t)(HEAP_SLOT_LIMIT - 1)};
    heap_key prev = 0;
    int bad = 0, n = 0;
    for (int t = 0; t < 5; t++)
        for (int q = 0; q < 3; q++)
            for (int s = 2; s >= 0; s--) { /* the slot never orders keys of one (time, seq) */
                heap_key k = heap_key_make(times[t], seqs[q], slots[s]);
                bad += heap_key_time(k) != times[t] || heap_key_seq(k) != seqs[q] || heap_key_slot(k) != slots[s];
                if (n++ && s == 2)
                    bad += !(prev < k);
                prev = k;
            }
    CU_ASSERT_EQUAL(bad, 0);
}

TEST_SUITE(heap,
           {"orders by time", test_orders_by_time},
           {"key packing round trip and order", test_key_packing},
           {"replace_top: exact orders", test_replace_top_exact},
           {"replace_top equals pop + push", test_replace_top_as_pop_push},
           {"top of empty and non-empty heap", test_empty_top},
           {"FIFO ties by seq, many equal times", test_fifo_ties},
           {"100k random pushes against qsort", test_random_against_qsort},
           {"interleaved push/pop against linear scan", test_interleaved},
           {"reset keeps memory and keeps working", test_reset},
           {"extreme and negative times", test_extreme_times})
