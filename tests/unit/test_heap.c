/* test_heap.c: the future-event list orders by time, then insertion (FIFO ties). */
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "core/heap.h"
#include "suite.h"

static int key_cmp(const void *a, const void *b)
{
    const heap_key *x = a, *y = b;
    if (x->time != y->time)
        return (x->time > y->time) - (x->time < y->time);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void test_orders_by_time(void)
{
    heap h;
    heap_init(&h);
    int64_t times[] = {50, 10, 40, 20, 30};
    for (uint32_t i = 0; i < 5; i++)
        heap_push(&h, (heap_key){.time = times[i], .seq = i, .slot = i});
    int64_t want[] = {10, 20, 30, 40, 50};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(heap_pop(&h).time, want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
}

static void test_empty_top(void)
{
    heap h;
    heap_init(&h);
    CU_ASSERT_PTR_NULL(heap_top(&h));
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_push(&h, (heap_key){.time = 9, .seq = 0, .slot = 3});
    heap_push(&h, (heap_key){.time = 4, .seq = 1, .slot = 7});
    CU_ASSERT_PTR_NOT_NULL_FATAL(heap_top(&h));
    CU_ASSERT_EQUAL(heap_top(&h)->time, 4);
    CU_ASSERT_EQUAL(heap_top(&h)->slot, 7);
    CU_ASSERT_EQUAL(heap_len(&h), 2); /* top does not remove */
    heap_key k = heap_pop(&h);
    CU_ASSERT_EQUAL(k.time, 4);
    CU_ASSERT_EQUAL(k.seq, 1);
    CU_ASSERT_EQUAL(k.slot, 7);
    k = heap_pop(&h);
    CU_ASSERT_EQUAL(k.slot, 3);
    CU_ASSERT_PTR_NULL(heap_top(&h));
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
        heap_push(&h, (heap_key){.time = 7, .seq = seq, .slot = (uint32_t)seq});
        seq++;
        if (i % 3 == 0) { /* interleave keys at other times */
            heap_push(&h, (heap_key){.time = 3, .seq = seq, .slot = (uint32_t)seq});
            seq++;
            heap_push(&h, (heap_key){.time = 11, .seq = seq, .slot = (uint32_t)seq});
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
        if (k.slot != (uint32_t)k.seq)
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
        ref[i] = (heap_key){.time = (int64_t)gsl_rng_uniform_int(r, 1000), .seq = i, .slot = N - i};
        heap_push(&h, ref[i]);
    }
    qsort(ref, N, sizeof *ref, key_cmp);
    CU_ASSERT_EQUAL(heap_len(&h), N);
    int mismatches = 0;
    for (uint32_t i = 0; i < N; i++) {
        heap_key k = heap_pop(&h);
        if (k.time != ref[i].time || k.seq != ref[i].seq || k.slot != ref[i].slot)
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
            heap_key k = {.time = (int64_t)gsl_rng_uniform_int(r, 200), .seq = seq, .slot = (uint32_t)seq};
            seq++;
            heap_push(&h, k);
            ref[nref++] = k;
        } else {
            size_t best = 0;
            for (size_t i = 1; i < nref; i++)
                if (key_cmp(&ref[i], &ref[best]) < 0)
                    best = i;
            heap_key k = heap_pop(&h);
            if (k.time != ref[best].time || k.seq != ref[best].seq || k.slot != ref[best].slot)
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
        heap_push(&h, (heap_key){.time = 1000 - i, .seq = i, .slot = i});
    size_t cap = h.cap;
    heap_key *keys = h.keys;
    CU_ASSERT(cap >= 1000);
    heap_reset(&h);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    CU_ASSERT_PTR_NULL(heap_top(&h));
    CU_ASSERT_EQUAL(h.cap, cap);
    CU_ASSERT_PTR_EQUAL(h.keys, keys);
    int64_t times[] = {5, 3, 5, 1, 3};
    for (uint32_t i = 0; i < 5; i++)
        heap_push(&h, (heap_key){.time = times[i], .seq = i, .slot = 100 + i});
    uint32_t want[] = {103, 101, 104, 100, 102};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(heap_pop(&h).slot, want[i]);
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
        heap_push(&h, (heap_key){.time = times[i], .seq = i, .slot = i});
    uint32_t want[] = {2, 6, 3, 1, 4, 0, 5};
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(heap_pop(&h).slot, want[i]);
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
        heap_push(&h, (heap_key){.time = times[i], .seq = i, .slot = i});
    heap_key old = heap_replace_top(&h, (heap_key){.time = 5, .seq = 4, .slot = 4});
    CU_ASSERT_EQUAL(old.slot, 0);
    CU_ASSERT_EQUAL(heap_len(&h), 4);
    CU_ASSERT_EQUAL(heap_top(&h)->slot, 4); /* still the smallest: stays on top */
    old = heap_replace_top(&h, (heap_key){.time = 20, .seq = 5, .slot = 5});
    CU_ASSERT_EQUAL(old.slot, 4);
    old = heap_replace_top(&h, (heap_key){.time = 40, .seq = 6, .slot = 6});
    CU_ASSERT_EQUAL(old.slot, 1);
    uint32_t want[] = {2, 5, 3, 6}; /* 20 (seq 2), 20 (seq 5), 30, 40 */
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(heap_pop(&h).slot, want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    /* A heap of one: replace swaps the only key. */
    heap_push(&h, (heap_key){.time = 1, .seq = 7, .slot = 7});
    CU_ASSERT_EQUAL(heap_replace_top(&h, (heap_key){.time = 0, .seq = 8, .slot = 8}).slot, 7);
    CU_ASSERT_EQUAL(heap_pop(&h).slot, 8);
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
        heap_key k = {.time = (int64_t)gsl_rng_uniform_int(r, 300), .seq = seq, .slot = (uint32_t)seq};
        seq++;
        if (heap_len(&a) == 0 || u < 0.3) {
            heap_push(&a, k);
            heap_push(&b, k);
        } else if (u < 0.55) {
            heap_key x = heap_pop(&a), y = heap_pop(&b);
            mismatches += x.seq != y.seq || x.slot != y.slot;
        } else {
            k.time += heap_top(&a)->time; /* never before the top, as in the engine */
            heap_key x = heap_pop(&a);
            heap_push(&a, k);
            heap_key y = heap_replace_top(&b, k);
            mismatches += x.seq != y.seq || x.slot != y.slot;
        }
        mismatches += heap_len(&a) != heap_len(&b);
    }
    while (heap_len(&a)) {
        heap_key x = heap_pop(&a), y = heap_pop(&b);
        mismatches += x.seq != y.seq || x.time != y.time;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    heap_destroy(&a);
    heap_destroy(&b);
    gsl_rng_free(r);
}

TEST_SUITE(heap,
           {"orders by time", test_orders_by_time},
           {"replace_top: exact orders", test_replace_top_exact},
           {"replace_top equals pop + push", test_replace_top_as_pop_push},
           {"top of empty and non-empty heap", test_empty_top},
           {"FIFO ties by seq, many equal times", test_fifo_ties},
           {"100k random pushes against qsort", test_random_against_qsort},
           {"interleaved push/pop against linear scan", test_interleaved},
           {"reset keeps memory and keeps working", test_reset},
           {"extreme and negative times", test_extreme_times})
