/* heap.h: the future-event list, a 4-ary min-heap of (time, seq, slot) keys.
 *
 * Keys are ordered by time, then by seq (insertion order), so events at the same
 * millisecond come out first-in first-out and a run is deterministic. The heap
 * holds small keys only; the events themselves live in the engine's pool and are
 * named by slot. A 4-ary layout halves the depth of a binary heap and keeps the
 * children of a node in one cache line. */
#ifndef SESIM_HEAP_H
#define SESIM_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

typedef struct heap_key {
    int64_t time;  /* ms since scenario start */
    uint64_t seq;  /* insertion order: the tie-break */
    uint32_t slot; /* the event's index in the engine's pool */
} heap_key;

typedef struct heap {
    heap_key *keys;
    size_t len, cap;
} heap;

void heap_init(heap *h);
void heap_reset(heap *h);   /* empty it, keep the memory */
void heap_destroy(heap *h);

void heap_push(heap *h, heap_key k);
/* Remove and return the smallest key; the heap must not be empty. */
heap_key heap_pop(heap *h);
/* Remove the smallest key and insert k in one sift-down from the root (cheaper
 * than heap_pop + heap_push); returns the removed key. The heap must not be
 * empty. The keys come out afterwards exactly as after pop + push. */
heap_key heap_replace_top(heap *h, heap_key k);

static inline size_t heap_len(const heap *h) { return h->len; }
static inline const heap_key *heap_top(const heap *h) { return h->len ? &h->keys[0] : NULL; }

#endif
