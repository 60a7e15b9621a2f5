/* client.h: message-level sending. A stream with `client` set sends its calls
 * one by one inside its tick, at the times its client's limiter allows, each
 * answered by SES's token bucket at the instant the call reaches it (start +
 * a lognormal latency). The limiters are a table of types (gsl_rng_type
 * style): one file each (client_window.c, client_bucket.c, client_workers.c)
 * and one line in client_types[] (client.c). What the client does with a
 * throttled call is the stream's sender: retry (the SDK's backoff, inside
 * the call), wait (requeued after retry_wait), drop (given up).
 * docs/model.md "Client streams" states every rule. */
#ifndef SESIM_CLIENT_H
#define SESIM_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "account.h"
#include "scenario/scenario.h"

/* A limiter. `rate` is the setting under study (client_rate, or a probe's). */
typedef struct client_type {
    const char *name;
    size_t state_size;
    void (*init)(void *st, const scn_traffic *cfg, double rate, gsl_rng *r);
    /* The earliest start >= t the limiter allows (INT64_MAX: none until a
     * slot is freed); *slot: the worker that would make it, or -1. */
    int64_t (*next)(void *st, int64_t t, int *slot);
    void (*start)(void *st, int64_t at, int slot);
    /* The call of `slot` has its final answer at `at`: the worker is free. */
    void (*done)(void *st, int64_t at, int slot);
    void (*destroy)(void *st); /* NULL: nothing beyond the state itself */
    /* The setting in force at `rate`: the highest rate <= `rate` that the
     * limiter treats as `rate` (window: whole calls; workers: whole ms
     * between a worker's starts; bucket: CLIENT_PROBE_STEP). */
    double (*setting)(double rate);
} client_type;

extern const client_type client_none, client_window, client_bucket, client_workers;

const client_type *client_type_at(size_t i);
/* Does the stream send message by message? (client other than none) */
int client_active(const scn_traffic *cfg);

/* What the client does with a throttled call: the stream's sender says
 * (stream_client_handling): drop gives up, retry backs off inside the call
 * (the SDK), wait requeues it retry_wait later. */
typedef enum { CLIENT_GIVE_UP, CLIENT_BACKOFF, CLIENT_REQUEUE } client_handling;

/* A call on its way: it reaches SES (or its SDK retry does) at `at`. */
typedef struct client_call {
    int64_t at, seq, n;
    int attempt, slot;
} client_call;

/* Messages of refused calls waiting for their retry_wait (sender = wait). */
typedef struct client_due {
    int64_t due, n;
    int attempt;
} client_due;

/* SES's answer to a call of n recipients at `at` in the tick starting `now`. */
typedef acct_reply (*client_answer_fn)(void *ctx, int64_t now, int64_t at, int64_t n);

typedef struct client_run {
    const client_type *type;
    const scn_traffic *cfg;
    client_handling handling;
    void *limiter;
    gsl_rng *rng;
    double lat_mu;           /* log of the median latency (ms) */
    int64_t queued;          /* messages ready to go into calls */
    client_due *due;         /* FIFO of requeued calls */
    size_t due_head, due_len, due_cap;
    int64_t requeued;        /* messages in it */
    client_call *fly;        /* min-heap by (at, seq) */
    size_t n_fly, cap_fly;
    int64_t seq;
    int64_t flying;          /* messages in the calls on their way */
    int64_t calls, throttled_calls; /* attempts and refused attempts, all ticks */
    flow_counts d;           /* the tick being sent */
    client_answer_fn answer; /* SES's answer to its calls, and its context */
    void *ctx;
    int64_t t, s;            /* in a tick: the last start; the next start allowed (INT64_MAX: none) */
    int slot;                /* the worker of that start */
    int64_t *hist;           /* the demand queued in each tick so far (the first CLIENT_HIST_TICKS) */
    size_t n_hist;
    int64_t span;            /* the ticks' length */
} client_run;

/* Set up with the limiter at `rate`, random numbers from r (owned by the caller). */
void client_run_init(client_run *c, const scn_traffic *cfg, client_handling h, double rate,
                     gsl_rng *r);
void client_run_destroy(client_run *c);
/* Send what is queued over the tick [now, now + span): calls start in it, and
 * every call (or SDK retry) that reaches SES before now + span is answered, in
 * the order of those instants; the others stay on their way to the next tick.
 * Counts go to c->d. */
void client_run_tick(client_run *c, int64_t now, int64_t span, client_answer_fn answer, void *ctx);
/* Several clients on one account over the same tick, each answered through its
 * own c->answer and c->ctx: the calls of all of them are started and answered
 * in the order of their instants (ties: answers before starts within a client,
 * then the client first in cs), so that they compete for the account's bucket
 * call by call. With n = 1 it is client_run_tick. */
void client_run_group(client_run *const *cs, size_t n, int64_t now, int64_t span);

/* A tick's demand joins the queue, and the client's history for the probe. */
void client_run_queue(client_run *c, int64_t n, int64_t span);

/* The safe client setting of cs[k], one of the n clients of an account
 * (client_probe.c, docs/model.md "The safe client rate"). The probe replays
 * the demand every client queued in the run (client_run_queue), tick by tick
 * from the first, through fresh clients, cs[k]'s at `rate` and the others at
 * their own client_rate, against a bucket of account_rate and burst_s
 * seconds, until cs[k]'s copy has made at least `calls` attempts (the history
 * replayed again from its start if need be, CLIENT_PROBE_MAX_TICKS at most),
 * every evaluation with a copy of `seed_rng` (common random numbers). Returns
 * the throttled share of cs[k]'s attempts. */
double client_probe_share(client_run *const *cs, size_t n, size_t k, double rate, double account_rate,
                          double burst_s, int64_t calls, const gsl_rng *seed_rng);
/* The highest setting of cs[k] whose probe share is at most its client_target:
 * bisection over the limiter's settings (client_type.setting) between 0 and
 * 2 x account_rate / (recipients x workers), until no setting lies between
 * the highest that passed and the lowest that failed. Assumes the share does
 * not fall as the setting rises. 0: even the lowest setting tried fails. */
double client_safe_rate(client_run *const *cs, size_t n, size_t k, double account_rate, double burst_s,
                        const gsl_rng *seed_rng);

#endif
