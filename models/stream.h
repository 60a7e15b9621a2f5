/* stream.h: a traffic stream: a source of demand (its traffic kind), a sender
 * behaviour that submits to the stream's account, and the stream's own counts. */
#ifndef SESIM_STREAM_H
#define SESIM_STREAM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "account.h"
#include "error.h"
#include "fifo.h"
#include "outcomes.h"
#include "rng.h"
#include "scenario.h"
#include "traffic.h"

struct sender_type;

typedef struct stream {
    const scn_traffic *cfg;
    account *acct;
    const traffic_type *kind;
    void *source; /* the kind's state */
    const struct sender_type *sender;
    gsl_rng *demand_rng; /* component "traffic.NAME" */
    gsl_rng *send_rng;   /* component "traffic.NAME.send" */
    recipient_mix mix;
    outcome_model outcomes;
    tn_fifo queue;       /* messages waiting to be submitted, by arrival time */
    void *sender_state;  /* the behaviour's own state, if it needs one */
    flow_counts total;
} stream;

/* accounts: the run's accounts, indexed like scenario.accounts. */
int stream_init(stream *s, const scn_traffic *cfg, account *accounts, const scn_sim *sim,
                rng_set *rngs, sim_err *err);
void stream_destroy(stream *s);

/* One tick: ask the source for the span's demand and let the sender handle it.
 * Fails only on bad input met while reading a replayed file. */
int stream_tick(stream *s, int64_t now, int64_t span, sim_err *err);

/* Submit n messages to the stream's account over [now, now + span) and draw the
 * outcomes of what it accepted (deliveries, bounces, complaints) into the
 * account's counts and reputation. Every sender submits through here. */
acct_reply stream_submit(stream *s, int64_t now, int64_t span, int64_t n);

/* Add a tick's counts to the stream, its account's interval and its account's total. */
void stream_record(stream *s, const flow_counts *d);

/* Take k messages from the front of the queue, recording how long they waited. */
void stream_dequeue(stream *s, int64_t now, int64_t k);
/* Drop what the queue holds beyond max_backlog (the newest); returns messages dropped. */
int64_t stream_trim_queue(stream *s);

#endif
