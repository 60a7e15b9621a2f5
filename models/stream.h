/* stream.h: a traffic stream: a source of demand (its traffic kind), a sender
 * behaviour that submits to the stream's account, and the stream's own counts. */
#ifndef SESIM_STREAM_H
#define SESIM_STREAM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "account.h"
#include "client.h"
#include "core/error.h"
#include "fifo.h"
#include "mailbox.h"
#include "outcomes.h"
#include "core/rng.h"
#include "scenario/scenario.h"
#include "traffic.h"

/* A sender behaviour (the table of them: sender.h), as gsl_rng_type is defined
 * beside gsl_rng: called once per tick with the demand that arrived over
 * [now, now + span). */
struct stream;
typedef struct sender_type {
    const char *name;
    void (*tick)(struct stream *s, int64_t now, int64_t span, int64_t demand);
    void (*destroy)(struct stream *s); /* frees s->sender_state; NULL when there is none */
    /* Optional: the submissions of one tick at most, for the estimate of a
     * run's work (NULL: one). */
    double (*work)(const scn_traffic *cfg);
    /* A client stream (traffic.client) may use it: 1, and then what its
     * client does with a throttled call; 0: it works per tick only. */
    int client;
    client_handling handling;
} sender_type;

/* What a part's account accepted since the last outcome draw: outcomes are
 * drawn once per window (the run's boundary step, an hour or a divisor of it),
 * from the window's total, at one set of probabilities. */
typedef struct outcome_window {
    int64_t listed;   /* list recipients accepted in the window */
    int64_t first;    /* ms of the window's first accepted submission */
    double offsets;   /* sum of (send time - first) x listed: the mean send time */
    int observed;     /* replayed shares in force (kind = ses-stats) */
    double obs_bounce, obs_complaint;
} outcome_window;

/* A stream whose `account` names several accounts is split into parts, one per
 * account, each with its own sender state, queue and share of the list; the
 * first part owns the traffic source and hands every part an equal share of
 * each tick's demand (the remainder rotates over the parts). With sender =
 * overflow, what a part cannot take goes to the next part, and from the last to
 * the legacy provider. With route = failover the first part gets all the
 * demand and the others only what the part before them handed over (a second
 * Region for headroom). */
typedef struct stream {
    const scn_traffic *cfg;
    account *acct;
    struct stream **parts; /* first part: all parts, itself first; NULL on the others */
    size_t n_parts;
    struct stream *next;   /* the part that takes this part's overflow, or NULL */
    int64_t carry;         /* messages handed over by the previous part this tick */
    uint64_t ticks;
    const traffic_type *kind;
    void *source; /* the kind's state; owned by the first part, shared by the others */
    const sender_type *sender;
    gsl_rng *demand_rng; /* component "traffic.NAME" */
    gsl_rng *send_rng;   /* component "traffic.NAME.send" */
    recipient_mix mix;
    outcome_model outcomes;
    outcome_window pending; /* accepted, outcomes not drawn yet */
    tn_fifo queue;       /* messages waiting to be submitted, by arrival time */
    void *sender_state;  /* the behaviour's own state, if it needs one */
    /* during an hour batch: the means of its fine ticks, their sum, and with
     * noise = none the demand of each (NULL with Poisson noise: not drawn) */
    const double *spread_means;
    double spread_sum;
    int spread_uniform; /* the means are equal */
    const int64_t *spread;
    size_t n_spread; /* ticks in the batch (0: not in one) */
    int64_t spread_n; /* what the batch hands the sender (the demand, less a cap's cut) */
    int64_t fine;    /* their length */
    flow_counts total;
    client_run *client;     /* message-level sending (traffic.client), or NULL */
    gsl_rng *client_rng;    /* component "traffic.NAME.client" (".ACCOUNT" for other parts) */
    int64_t client_listed;  /* list recipients the tick's calls got accepted */
    int64_t client_waiting; /* the client's queued and requeued messages (backlog) */
    struct stream *client_prev; /* the client part before it on its account, or NULL */
    client_run **client_group;  /* last client part of an account: all its clients, in tick order */
    size_t n_client_group;
    struct tenant *tenant; /* the tenant it sends for (tenant.h), or NULL */
    struct tenant *configset; /* the configuration set it sends through (tenant.h), or NULL */
    mailboxes *mbx;        /* sim.mailboxes = on: the providers its mail goes to, or NULL */
    size_t pool_index;     /* its pool's (its set's own, else its account's): mailboxes.pools */
    int64_t last_demand; /* the source's demand of the last tick (first part) */
    int64_t cap_day;     /* schedule cap (cfg->cap): the day counted, from 1 */
    int64_t cap_used;    /* messages handed to the sender that day */
} stream;

/* Send through the mailbox providers (sim.mailboxes = on): every part hands
 * what its account sent to them (mbx_send) and takes their answer back
 * (stream_mailbox_feedback); accounts: the run's, to know each part's index. */
void stream_attach_mailboxes(stream *s, mailboxes *m, const account *accounts);
/* The providers' answer about mail a part sent (an mbx_feedback_fn; origin:
 * the part): deliveries and soft bounces into its account's counts (and its
 * tenant's), counted bounces and complaints into their reputations. */
void stream_mailbox_feedback(void *origin, const mbx_feedback *f);

/* Send for a tenant, or through a configuration set (t->cfg->configset), or
 * both (call it for each): its list is also theirs (cleaned at their fix),
 * its sends and feedback also count in their metrics, and while either may
 * not send, the account refuses the stream's mail. A configuration set's
 * own IP pool carries the stream's mail (tenant_pool). */
void stream_attach_tenant(stream *s, struct tenant *t);
/* account_room and account_quota_left as the stream sees them: 0 while its
 * tenant or configuration set may not send. */
int64_t stream_room(stream *s, int64_t now, int64_t span, double utilization);
int64_t stream_quota_left(stream *s, int64_t now, double utilization);

/* accounts: the run's accounts, indexed like scenario.accounts. A stream over k
 * accounts allocates its other k - 1 parts here; destroy frees them. */
int stream_init(stream *s, const scn_traffic *cfg, account *accounts, const scn_sim *sim,
                rng_set *rngs, sim_err *err);
void stream_destroy(stream *s);

/* What the stream's schedule cap (cfg->cap) leaves for the rest of the day
 * of `now` (days from 1): the day's cap less what the stream handed its
 * sender earlier that day; INFINITY without a cap or with none that day. */
double stream_cap_left(const stream *s, int64_t now);

/* One tick: ask the source for the span's demand and let the sender handle it.
 * Fails only on bad input met while reading a replayed file. */
int stream_tick(stream *s, int64_t now, int64_t span, sim_err *err);

/* An hour batch of sim.tick = auto (the run has proved that no limit can bind,
 * see docs/model.md): the demand of the n ticks of `fine` from `now`, whose
 * means are means[0..n-1] with sum `sum`, drawn at once and handed to the
 * sender as one tick of n x fine, whose submission the account takes whole.
 * noise = none: entered in the quota window and the outcome window tick by
 * tick as n ticks would (counts: room for n values); noise = poisson: one hour
 * entry in the quota window (window.h) and one addition to the outcome window
 * at the ticks' mean time weighted by their means. The stream's kind must be
 * a profile kind (traffic_type.profile), the stream on one account, without
 * verified or simulator recipients; a schedule cap takes the hour from what
 * the day's cap has left (the run has proved it fits: stream_cap_left).
 * uniform: 1 when the means are known to be equal (traffic_profile_means),
 * which spares the loops over them. */
void stream_batch(stream *s, int64_t now, int64_t fine, size_t n, const double *means,
                  double sum, int uniform, int64_t *counts);

/* Submit n messages to the stream's account over [now, now + span); what the
 * account accepted joins the part's outcome window. Every sender submits
 * through here. */
acct_reply stream_submit(stream *s, int64_t now, int64_t span, int64_t n);

/* Close every part's outcome window: draw the outcomes of what its account
 * accepted in it (deliveries, bounces, complaints) into the account's counts
 * and reputation. The run calls it at every boundary, before the service looks
 * at the accounts or a row is written, and at the end. */
void stream_flush_outcomes(stream *s);

/* The clients of a client part's account in tick order (*n of them; the
 * part's is the *k-th). */
client_run *const *stream_client_group(stream *s, size_t *n, size_t *k);

/* What a client stream does with a throttled call: its sender type's handling. */
client_handling stream_client_handling(const scn_traffic *cfg);

/* Add a tick's counts to the stream, its account's interval and its account's total. */
void stream_record(stream *s, const flow_counts *d);

/* Take k messages from the front of the queue, recording how long they waited. */
void stream_dequeue(stream *s, int64_t now, int64_t k);
/* Hand n messages over to the next part (sender = overflow); returns 0 if there is none. */
int stream_hand_over(stream *s, int64_t n);

/* Drop what the queue holds beyond max_backlog (the newest); returns messages dropped. */
int64_t stream_trim_queue(stream *s);

#endif
