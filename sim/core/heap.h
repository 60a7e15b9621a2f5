/* heap.h: the future-event list, a 4-ary min-heap of (time, seq, slot) keys.
 *
 * Keys are ordered by time, then by seq (insertion order), so events at the same
 * millisecond come out first-in first-out and a run is deterministic. The heap
 * holds small keys only; the events themselves live in the engine's pool and are
 * named by slot. A 4-ary layout halves the depth of a binary heap.
 *
 * A key is one unsigned 128-bit word: the time in the high 64 bits (its sign
 * bit flipped, so unsigned order is the order of signed times), seq in the next
 * HEAP_SEQ_BITS and the slot in the low HEAP_SLOT_BITS. Comparing two keys is
 * then one 128-bit comparison (two instructions, no branch on the tie), a key
 * takes 16 bytes and the four children of a node fill one 64-byte cache line.
 * The caller keeps seq below 2^HEAP_SEQ_BITS and slot below 2^HEAP_SLOT_BITS
 * (the engine renumbers its pending keys before seq runs out). */
#ifndef SESIM_HEAP_H
#define SESIM_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

__extension__ typedef unsigned __int128 heap_key;

#define HEAP_SEQ_LIMIT ((uint64_t)1 << HEAP_SEQ_BITS)
#define HEAP_SLOT_LIMIT ((uint64_t)1 << HEAP_SLOT_BITS)
#define HEAP_TIME_FLIP ((uint64_t)1 << 63)

static inline heap_key heap_key_make(int64_t time, uint64_t seq, uint32_t slot)
{
    return (heap_key)((uint64_t)time ^ HEAP_TIME_FLIP) << 64 | (heap_key)(seq << HEAP_SLOT_BITS | slot);
}
static inline int64_t heap_key_time(heap_key k) { return (int64_t)((uint64_t)(k >> 64) ^ HEAP_TIME_FLIP); }
static inline uint64_t heap_key_seq(heap_key k) { return (uint64_t)k >> HEAP_SLOT_BITS; }
static inline uint32_t heap_key_slot(heap_key k) { return (uint32_t)((uint64_t)k & (HEAP_SLOT_LIMIT - 1)); }

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
/* The smallest key; the heap must not be empty. */
static inline heap_key heap_top(const heap *h) { return h->keys[0]; }

#endif
