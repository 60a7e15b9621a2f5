/* bucket.c: token bucket of one second's capacity between ticks, spent per batch. */
#include <math.h>

#include "config.h"
#include "bucket.h"

/* Refill up to `now` (never backwards: a batch may have spent up to a later
 * time). What a tick left over is held uncapped until the tick's end, so later
 * submissions of the same tick can use it; from the end on the bucket holds at
 * most one second's worth. */
static void refill(rate_bucket *b, int64_t now)
{
    if (now < b->t)
        return;
    b->tokens = fmin(b->rate, b->tokens + b->rate * (double)(now - b->t) / SIM_MS_PER_S);
    b->t = now;
}

void bucket_init(rate_bucket *b, double rate, int64_t now)
{
    b->rate = rate;
    b->tokens = rate;
    b->t = now;
}

void bucket_set_rate(rate_bucket *b, double rate, int64_t now)
{
    refill(b, now);
    /* Within a spent span (no more submissions come in that tick), cap the
     * rest at one second of the old rate first, as the span's end would. */
    b->tokens = fmin(b->tokens, fmin(b->rate, rate));
    b->rate = rate;
}

/* Tokens available over the span: held ones plus the refill still to come in it. */
static double available(rate_bucket *b, int64_t now, int64_t span)
{
    refill(b, now);
    int64_t end = now + span;
    return b->tokens + (end > b->t ? b->rate * (double)(end - b->t) / SIM_MS_PER_S : 0);
}

int64_t bucket_capacity(rate_bucket *b, int64_t now, int64_t span)
{
    double avail = available(b, now, span);
    /* The epsilon absorbs rounding in rate * span (e.g. 14/s over 60 s). */
    return avail > 0 ? (int64_t)floor(avail + 1e-9) : 0;
}

void bucket_take(rate_bucket *b, int64_t now, int64_t span, int64_t k)
{
    double left = available(b, now, span) - (double)k;
    int64_t end = now + span;
    if (end > b->t)
        b->t = end;
    /* Held at the span's end, uncapped: the rest of the tick's capacity for
     * the account's next submission in the same tick (refill caps it later). */
    b->tokens = left;
}
