/* bucket.h: the sending-rate limit, a token bucket holding `burst` seconds'
 * worth (policy.rate_burst, 1 s by default: an assumption, SES says only that
 * short bursts are tolerated).
 *
 * Tokens refill at `rate` per second up to `rate x burst`. Sending
 * is modelled per batch: a batch submitted over the span [now, now + span) may use
 * the tokens held at `now` plus what refills during the span, so at most
 * rate * span + rate * burst messages leave in any span. Every take over the
 * same span (several streams on one account, a retry sender's groups) draws on
 * that one capacity: the rest stays available until the span's end, and only
 * then is it capped at `burst` seconds' worth. A multi-recipient call that
 * starts with tokens left may overshoot (SES-FACTS), driving the bucket
 * negative until it is paid back: bucket_take accepts more than
 * bucket_capacity for that. */
#ifndef SESIM_BUCKET_H
#define SESIM_BUCKET_H

#include <stdint.h>

typedef struct rate_bucket {
    double rate;   /* messages per second */
    double burst;  /* seconds of `rate` the bucket holds between spans: capacity rate x burst */
    double tokens; /* at time t, at most rate x burst; negative after an overshoot */
    double spare;  /* what the span ending at t left beyond `tokens`: usable
                    * only by other takes over that span (same tick) */
    int64_t t;     /* ms */
} rate_bucket;

/* Starts full, holding one second's worth until bucket_set_burst. */
void bucket_init(rate_bucket *b, double rate, int64_t now);
/* Before any use: hold `seconds` of the rate (>= 0), and start full. */
void bucket_set_burst(rate_bucket *b, double seconds);
void bucket_set_rate(rate_bucket *b, double rate, int64_t now);
/* Messages that can leave over [now, now + span) without exceeding the rate. */
int64_t bucket_capacity(rate_bucket *b, int64_t now, int64_t span);
/* 1 when the bucket holds its full burst at `now` (nothing spent beyond the
 * refill since): a tick that spends at most rate x tick leaves it full. */
int bucket_full(const rate_bucket *b, int64_t now);
/* Spend k tokens over [now, now + span). */
void bucket_take(rate_bucket *b, int64_t now, int64_t span, int64_t k);

/* Message-level sending (client streams, models/client.h): the bucket seen by
 * one call at the instant `at` (ms). bucket_open refills up to `at` (never
 * backwards: a call at or before the last spend sees what that left, spare
 * included) and says whether a call may start: at least one whole token,
 * floor(tokens + spare + 1e-9) >= 1. bucket_spend then takes k tokens, which
 * may drive the bucket negative (a call of several recipients goes through
 * whole). */
int bucket_open(rate_bucket *b, int64_t at);
void bucket_spend(rate_bucket *b, int64_t k);

#endif
