/* heap.c: 4-ary min-heap over (time, seq). */
#include <stdlib.h>

#include "heap.h"
#include "error.h"

#define ARITY HEAP_ARITY

static inline int key_less(const heap_key *a, const heap_key *b)
{
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

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
    size_t i = h->len++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!key_less(&k, &h->keys[parent]))
            break;
        h->keys[i] = h->keys[parent];
        i = parent;
    }
    h->keys[i] = k;
}

/* Put k at hole i (0 = the root) of a heap of n keys, moving smaller children up
 * until k fits: the one sift-down both pop and replace_top use. */
static void sift_down(heap *h, size_t i, size_t n, heap_key k)
{
    for (;;) {
        size_t first = ARITY * i + 1;
        if (first >= n)
            break;
        size_t best = first, end = first + ARITY < n ? first + ARITY : n;
        for (size_t c = first + 1; c < end; c++)
            if (key_less(&h->keys[c], &h->keys[best]))
                best = c;
        if (!key_less(&h->keys[best], &k))
            break;
        h->keys[i] = h->keys[best];
        i = best;
    }
    h->keys[i] = k;
}

heap_key heap_pop(heap *h)
{
    heap_key top = h->keys[0];
    heap_key last = h->keys[--h->len];
    if (h->len)
        sift_down(h, 0, h->len, last);
    return top;
}

heap_key heap_replace_top(heap *h, heap_key k)
{
    heap_key top = h->keys[0];
    sift_down(h, 0, h->len, k);
    return top;
}
