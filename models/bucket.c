/* bucket.c: token bucket of one second's capacity, spent per batch. */
#include <math.h>

#include "core/config.h"
#include "bucket.h"

/* Refill up to `now` (never backwards: a batch may have spent up to a later time). */
static void refill(rate_bucket *b, int64_t now)
{
    if (now <= b->t)
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
    b->rate = rate;
    b->tokens = fmin(b->tokens, rate);
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
    /* The epsilon absorbs rounding in rate * span (e.g. 14/s over 60 s). More
     * than 2^53 (2^53/s over an hour) is more than a run asks for: capped, so
     * that the cast stays defined. */
    if (avail >= SCN_MAX_COUNT)
        return (int64_t)SCN_MAX_COUNT;
    return avail > 0 ? (int64_t)floor(avail + 1e-9) : 0;
}

void bucket_take(rate_bucket *b, int64_t now, int64_t span, int64_t k)
{
    double left = available(b, now, span) - (double)k;
    int64_t end = now + span;
    if (end > b->t)
        b->t = end;
    b->tokens = fmin(b->rate, left);
}
