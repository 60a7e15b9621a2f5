/* fifo.h: a first-in first-out ring of (time, count) entries, the one structure
 * behind the rolling quota window (sends by time) and a sender's backlog
 * (messages by arrival time). Pushing at the time of the last entry merges. */
#ifndef SESIM_FIFO_H
#define SESIM_FIFO_H

#include <stdint.h>

typedef struct tn_entry {
    int64_t t, n;
} tn_entry;

typedef struct tn_fifo {
    tn_entry *ring;
    uint32_t head, len, cap;
    int64_t sum; /* of n over the entries held */
} tn_fifo;

void fifo_init(tn_fifo *f);
void fifo_reset(tn_fifo *f);
void fifo_destroy(tn_fifo *f);

void fifo_push(tn_fifo *f, int64_t t, int64_t n);
static inline tn_entry *fifo_front(tn_fifo *f) { return f->len ? &f->ring[f->head] : 0; }
void fifo_pop(tn_fifo *f);
/* The largest count of an entry at a time in [from, to), 0 if none. O(len). */
int64_t fifo_max(tn_fifo *f, int64_t from, int64_t to);
/* Remove k (<= sum) from the front; visit(ctx, t, n) sees each (arrival, count) taken. */
void fifo_take(tn_fifo *f, int64_t k, void (*visit)(void *ctx, int64_t t, int64_t n), void *ctx);
/* Remove k (<= sum) from the back (the newest entries). */
void fifo_take_back(tn_fifo *f, int64_t k);

#endif
