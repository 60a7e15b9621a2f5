/* heap.c: 4-ary min-heap of packed (time, seq, slot) keys (heap.h). */
#include <stdlib.h>

#include "heap.h"
#include "error.h"

#define ARITY HEAP_ARITY

void heap_init(heap *h)
{
    h->keys = NULL;
    h->len = h->cap = 0;
}

void heap_reset(heap *h) { h->len = 0; }

void heap_destroy(heap *h)
{
    free(h->keys);
    h->keys = NULL;
    h->len = h->cap = 0;
}

void heap_push(heap *h, heap_key k)
{
    if (h->len == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 256;
        h->keys = sim_xrealloc(h->keys, h->cap * sizeof *h->keys);
    }
    heap_key *keys = h->keys;
    size_t i = h->len++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!(k < keys[parent]))
            break;
        keys[i] = keys[parent];
        i = parent;
    }
    keys[i] = k;
}

/* The index (0 to ARITY - 1) of the smallest of the ARITY keys at c. For four,
 * a tournament of three comparisons that select indices only (keys are unique,
 * so there are no ties to break). */
static inline size_t min_child(const heap_key *c)
{
#if HEAP_ARITY == 4
    size_t a = c[1] < c[0], b = 2 + (c[3] < c[2]);
    return c[b] < c[a] ? b : a;
#else
    size_t best = 0;
    for (size_t j = 1; j < ARITY; j++)
        best = c[j] < c[best] ? j : best;
    return best;
#endif
}

/* Put k at the root hole of a heap of n keys, moving smaller children up until
 * k fits: the one sift-down both pop and replace_top use. Only the last parent
 * has fewer than ARITY children. */
static inline void sift_down(heap_key *keys, size_t n, heap_key k)
{
    size_t i = 0;
    for (;;) {
        size_t first = ARITY * i + 1, best;
        if (first + ARITY <= n) {
            best = first + min_child(keys + first);
        } else if (first < n) {
            best = first;
            for (size_t c = first + 1; c < n; c++)
                best = keys[c] < keys[best] ? c : best;
        } else {
            break;
        }
        heap_key min = keys[best];
        if (!(min < k))
            break;
        keys[i] = min;
        i = best;
    }
    keys[i] = k;
}

heap_key heap_pop(heap *h)
{
    heap_key top = h->keys[0];
    heap_key last = h->keys[--h->len];
    if (h->len)
        sift_down(h->keys, h->len, last);
    return top;
}

heap_key heap_replace_top(heap *h, heap_key k)
{
    heap_key top = h->keys[0];
    sift_down(h->keys, h->len, k);
    return top;
}
