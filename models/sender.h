/* sender.h: sender behaviours, how a client submits its stream's demand to SES,
 * as a table of types (gsl_rng_type style). Adding a behaviour is one file
 * defining a sender_type and one line in SENDER_TYPES (sender.c).
 *
 * A behaviour is called once per tick with the demand that arrived over
 * [now, now + span); it submits through account_submit(), keeps whatever it
 * queues in the stream's queue, and reports counts with stream_record(). */
#ifndef SESIM_SENDER_H
#define SESIM_SENDER_H

#include <stdint.h>

#include "stream.h"

/* The one behaviour named outside the table: a failover route needs it
 * (scenario.c). */
extern const sender_type sender_overflow;

/* The loop of retry and wait (sender_retry.c): demand is tried at once, refused
 * messages are tried again later, up to retry_attempts attempts in all, then
 * dropped. wait < 0: exponential backoff with full jitter (retry); else every
 * retry comes exactly `wait` ms after the refusal (wait). */
void sender_retry_tick(stream *s, int64_t now, int64_t span, int64_t demand, int64_t wait);
void sender_retry_destroy(stream *s);
/* Their work() (stream.h): at most one group per attempt number a tick. */
double sender_retry_work(const scn_traffic *cfg);

/* The behaviour of that name, or NULL if this version does not model it. */
const sender_type *sender_type_find(const char *name);
/* The i-th behaviour of the table (0-based), NULL past the end: the scenario
 * reader takes the names of traffic.sender from here. */
const sender_type *sender_type_at(size_t i);

#endif
