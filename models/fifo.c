/* fifo.c: growable ring buffer of (time, count). */
#include <stdlib.h>

#include "core/error.h"
#include "fifo.h"

void fifo_init(tn_fifo *f)
{
    f->ring = NULL;
    f->cap = 0;
    fifo_reset(f);
}

void fifo_reset(tn_fifo *f)
{
    f->head = f->len = 0;
    f->sum = 0;
}

void fifo_destroy(tn_fifo *f)
{
    free(f->ring);
    f->ring = NULL;
    f->cap = f->len = 0;
}

/* cap is a power of two (64, doubled when full): a mask, not a division */
static tn_entry *at(tn_fifo *f, uint32_t i) { return &f->ring[(f->head + i) & (f->cap - 1)]; }

static void grow(tn_fifo *f)
{
    uint32_t cap = f->cap ? 2 * f->cap : 64;
    tn_entry *ring = sim_xmalloc(cap * sizeof *ring);
    for (uint32_t i = 0; i < f->len; i++)
        ring[i] = *at(f, i);
    free(f->ring);
    f->ring = ring;
    f->cap = cap;
    f->head = 0;
}

void fifo_push(tn_fifo *f, int64_t t, int64_t n)
{
    if (n <= 0)
        return;
    f->sum += n;
    if (f->len && at(f, f->len - 1)->t == t) {
        at(f, f->len - 1)->n += n;
        return;
    }
    if (f->len == f->cap)
        grow(f);
    *at(f, f->len) = (tn_entry){t, n};
    f->len++;
}

int64_t fifo_max(tn_fifo *f, int64_t from, int64_t to)
{
    int64_t best = 0;
    for (uint32_t i = 0; i < f->len; i++) {
        const tn_entry *e = at(f, i);
        if (e->t >= from && e->t < to && e->n > best)
            best = e->n;
    }
    return best;
}

void fifo_pop(tn_fifo *f)
{
    f->sum -= f->ring[f->head].n;
    f->head = (f->head + 1) & (f->cap - 1);
    f->len--;
}

void fifo_take(tn_fifo *f, int64_t k, void (*visit)(void *ctx, int64_t t, int64_t n), void *ctx)
{
    while (k > 0 && f->len) {
        tn_entry *e = fifo_front(f);
        int64_t n = e->n < k ? e->n : k;
        if (visit)
            visit(ctx, e->t, n);
        k -= n;
        if (n == e->n) {
            fifo_pop(f);
        } else {
            e->n -= n;
            f->sum -= n;
        }
    }
}

void fifo_take_back(tn_fifo *f, int64_t k)
{
    while (k > 0 && f->len) {
        tn_entry *e = at(f, f->len - 1);
        int64_t n = e->n < k ? e->n : k;
        e->n -= n;
        f->sum -= n;
        k -= n;
        if (!e->n)
            f->len--;
    }
}
