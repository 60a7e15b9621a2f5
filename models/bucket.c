/* bucket.c: token bucket of `burst` seconds' capacity between ticks, spent per batch. */
#include <math.h>

#include "core/config.h"
#include "bucket.h"

/* Refill up to `now` (never backwards: a batch may have spent up to a later
 * time). Moving past a spent span's end forgets its spare. */
static void refill(rate_bucket *b, int64_t now)
{
    if (now <= b->t)
        return;
    b->tokens = fmin(b->rate * b->burst, b->tokens + b->rate * (double)(now - b->t) / SIM_MS_PER_S);
    b->spare = 0;
    b->t = now;
}

void bucket_init(rate_bucket *b, double rate, int64_t now)
{
    b->rate = rate;
    b->burst = 1;
    b->tokens = rate;
    b->spare = 0;
    b->t = now;
}

void bucket_set_burst(rate_bucket *b, double seconds)
{
    b->burst = seconds;
    b->tokens = b->rate * seconds;
}

void bucket_set_rate(rate_bucket *b, double rate, int64_t now)
{
    refill(b, now);
    b->rate = rate;
    b->tokens = fmin(b->tokens, rate * b->burst);
    /* a change inside a spent span: no more submissions come in that tick */
    b->spare = 0;
}

/* Tokens available over the span: held ones plus the refill still to come in
 * it; a span that ends where the last one spent ends (another submission of
 * the same tick) also has what that one left beyond a second. */
static double available(rate_bucket *b, int64_t now, int64_t span)
{
    refill(b, now);
    int64_t end = now + span;
    return b->tokens + (end > b->t ? b->rate * (double)(end - b->t) / SIM_MS_PER_S : b->spare);
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
    b->tokens = fmin(b->rate * b->burst, left);
    b->spare = left - b->tokens; /* > 0: the rest of the tick beyond the burst */
}

int bucket_full(const rate_bucket *b, int64_t now)
{
    double full = b->rate * b->burst;
    double held = now > b->t ? b->tokens + b->rate * (double)(now - b->t) / SIM_MS_PER_S : b->tokens;
    return held >= full;
}

int bucket_open(rate_bucket *b, int64_t at)
{
    refill(b, at);
    return floor(b->tokens + b->spare + 1e-9) >= 1;
}

void bucket_spend(rate_bucket *b, int64_t k)
{
    double left = b->tokens + b->spare - (double)k;
    b->tokens = fmin(b->rate * b->burst, left);
    b->spare = left - b->tokens;
}
