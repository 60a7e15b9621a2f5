/* account.h: an SES account as the service sees it: stage, status, quota
 * (max24h over a rolling 24-hour window) and rate (token bucket), and what it
 * counted. One struct per account of the scenario, created per replication.
 *
 * account_submit() is the service's answer to a sender: of n messages offered
 * over a span, how many it accepted, rejected (sandbox: unverified recipients) and
 * refused (throttled: over the rate or the quota, or the account is paused). */
#ifndef SESIM_ACCOUNT_H
#define SESIM_ACCOUNT_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "bucket.h"
#include "delay.h"
#include "event_types.h"
#include "ippool.h"
#include "reputation.h"
#include "scenario/scenario.h"
#include "window.h"

typedef enum { STATUS_HEALTHY, STATUS_UNDER_REVIEW, STATUS_PAUSED } acct_status;

/* The status the outputs show, listed once, in severity order (the
 * organisation's `*` row shows its accounts' most severe): X(ID, name in
 * timeseries.csv and summary.csv, SESv2 GetAccount EnforcementStatus). A
 * sandbox account is HEALTHY to the API: the sandbox is ProductionAccessEnabled
 * = false, not an enforcement status; PROBATION is "placing your account under
 * review", SHUTDOWN "ability to send email is currently paused". */
#define ACCOUNT_SHOWN_STATUSES(X)                  \
    X(SHOWN_HEALTHY, "healthy", "HEALTHY")         \
    X(SHOWN_SANDBOX, "sandbox", "HEALTHY")         \
    X(SHOWN_UNDER_REVIEW, "under_review", "PROBATION") \
    X(SHOWN_PAUSED, "paused", "SHUTDOWN")
#define ACCOUNT_SHOWN_ID(id, name, api) id,
typedef enum { ACCOUNT_SHOWN_STATUSES(ACCOUNT_SHOWN_ID) SHOWN_N } account_shown;
#undef ACCOUNT_SHOWN_ID
extern const char *const account_shown_names[SHOWN_N];
extern const char *const account_shown_api[SHOWN_N];
/* The shown status of a name, or -1. */
int account_shown_code(const char *name);

/* The events summary.csv counts (as events.csv has them): review_started,
 * paused and circumvention_flagged; how many, and when the first was. */
typedef enum { TALLY_REVIEW, TALLY_PAUSE, TALLY_FLAG, TALLY_KINDS } tally_kind;
typedef struct event_tally {
    int64_t times[TALLY_KINDS];
    int64_t first[TALLY_KINDS]; /* ms since start, or -1 when none */
} event_tally;

/* Message counts, per output interval and in total. Conservation, per stream:
 * demand = sent + rejected + overflow + dropped + backlog. `throttled` counts
 * refused submission attempts, not messages. */
typedef struct flow_counts {
    int64_t demand, sent, throttled, rejected, overflow, dropped;
    /* outcomes: deliveries and soft bounces when sent; hard bounces and
     * complaints when their feedback arrives */
    int64_t delivered, soft_bounces, hard_bounces, complaints;
    /* of demand: messages another account of a split stream handed over (not
     * new demand of the organisation; the `*` rows subtract it) */
    int64_t handed_in;
} flow_counts;

/* Who the recipients are: shares of verified identities and of the mailbox simulator. */
typedef struct recipient_mix {
    double verified, simulator;
    int64_t per_call; /* recipients per SendEmail call (0 or 1: one each) */
} recipient_mix;

typedef struct acct_reply {
    int64_t accepted, rejected, refused;
    int64_t listed; /* of the accepted: list recipients (not verified, not simulator) */
} acct_reply;

struct account;
/* Where an account's events go (events.csv): the event and its detail. */
typedef void (*acct_event_fn)(void *ctx, const struct account *a, event_type event,
                              const char *detail);

typedef struct account {
    const scn_account *cfg;
    int stage; /* STAGE_PRODUCTION or STAGE_SANDBOX */
    acct_status status;
    double max24h, max_rate;
    quota_window window;
    rate_bucket bucket;
    flow_counts interval, total;
    int64_t backlog;       /* messages waiting in this account's senders' queues */
    struct stream *client_last; /* its last client stream part in tick order (stream.c), or NULL */
    int64_t production_at; /* ms since start, or -1 while in the sandbox */
    int64_t *reached_at;   /* per sim.targets: first time max24h >= target, or -1 */
    size_t n_targets;
    const double *targets;
    int64_t tick;          /* sim.tick: the quota window holds one entry per tick */
    delay_stats delays;
    int64_t status_since;      /* when the current status began */
    int64_t time_in_status[3]; /* ms spent in each status before status_since */

    /* The service's view of the account (set by account_attach_service). */
    const scn_policy *policy; /* NULL: no reputation enforcement or ramp */
    gsl_rng *service_rng;     /* component "account.NAME.service" */
    acct_event_fn on_event;
    void *event_ctx;
    reputation rep;
    double peak_bounce_rate, peak_complaint_rate; /* over representative windows */
    int64_t peak_24h;         /* highest sent_24h seen at an hour's end */
    int64_t review_until;     /* under review: when the review ends */
    int64_t appeal_at;        /* paused with on_pause = fix: when the appeal is decided */
    int64_t next_ramp;        /* next automatic-increase check */
    int pause_spared;         /* a pause draw said no; wait for the rate to drop below */
    struct outcome_model **lists; /* the lists of the streams sending through it */
    size_t n_lists;
    size_t group;                 /* relation group (relations.h) */
    /* The group as a list in index order, one link per account (a list of the
     * others per account was quadratic: 16,000 accounts of one payer took 2 GB):
     * its first member and the next member after this one, or NULL. */
    struct account *group_first, *group_next;
    /* The account's Regions (account.region_of) as a list in index order, the
     * same way: its home section, and the next Region after this one, or NULL. */
    struct account *region_first, *region_next;
    gsl_rng *review_rng;      /* "account.NAME.review": the review hazard's own stream, or NULL */
    event_tally tally;  /* reviews, pauses, circumvention flags */
    /* told of every change of limits or status, or NULL: the organisation
     * (org.h) observes its accounts this way, so account does not depend on it */
    void (*changed)(void *observer, int64_t now);
    void *observer;
    ippool ips;         /* the IPs it sends from (ip_pool, dedicated_ips, warmup) */
} account;

void account_init(account *a, const scn_account *cfg, const scn_sim *sim);
/* The accounts related to a (the others of its group), in index order:
 *   for (account *r = account_next_related(a, NULL); r; r = account_next_related(a, r)) */
struct account *account_next_related(const account *a, const account *r);
/* The other Regions of a's account (model.md "Regions"), in index order, as
 * above; they are not related accounts, so account_next_related skips them. */
struct account *account_next_region(const account *a, const account *r);
/* Are a and b Regions of one account? (An account is the same as itself.) */
int account_same(const account *a, const account *b);
/* Put the account under the scenario's policy: reputation, enforcement, ramp. */
void account_attach_service(account *a, const scn_policy *policy, gsl_rng *r,
                            acct_event_fn on_event, void *ctx);
/* A stream's list sends through this account (cleaned when a fix is accepted). */
void account_add_list(account *a, struct outcome_model *list);
/* Count an event of summary.csv's (see event_tally) at `now`. */
void account_tally(account *a, tally_kind kind, int64_t now);
/* Report an event (printf-style detail). */
void account_event(const account *a, event_type event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void account_destroy(account *a);

/* The status as the outputs show it (sandbox when healthy in the sandbox). */
account_shown account_shown_status(const account *a);
/* Its name, as in timeseries.csv: account_shown_names[account_shown_status(a)]. */
const char *account_status_name(const account *a);

/* What a client that knows its limits may submit now over the span: the rate's
 * capacity and the quota left, with the quota capped at `utilization` of max24h. */
int64_t account_room(account *a, int64_t now, int64_t span, double utilization);

/* The highest sending rate the account used in the 24 hours before `now`:
 * the busiest tick's quota-counted sends per second of the tick. */
double account_peak_rate(account *a, int64_t now);

/* Messages sent in the 24 hours before `now`: the batches of the ticks that
 * started in [now - 24 h, now). (The quota check of a send at `now` counts
 * (now - 24 h, now]: the 1,439 ticks before it and its own, so that any 1,440
 * consecutive ticks send at most max24h.) */
int64_t account_sent_24h(account *a, int64_t now);

/* Quota left now, with the quota capped at `utilization` of max24h. An
 * unlimited quota (max24h INFINITY, the API's -1) has ACCOUNT_UNLIMITED left,
 * a count far above any batch that sums without overflow. */
#define ACCOUNT_UNLIMITED (INT64_MAX / 4)
int64_t account_quota_left(account *a, int64_t now, double utilization);

/* The submission of an hour batch (sim.tick = auto) whose every message the
 * account takes: counts[i] messages, all list recipients, at now + i x fine.
 * The bucket is spent once over the n ticks; the quota window gets one entry
 * per tick, as n submissions would give it. The caller has proved that
 * nothing can be refused (production, not paused, rate and quota ample). */
acct_reply account_submit_spread(account *a, int64_t now, int64_t fine, const int64_t *counts,
                                 size_t n);
/* The same for an hour batch of Poisson demand: `total` messages over the n
 * ticks, in the quota window as one hour entry placed later in proportion to
 * means (win_add_hour, draws from r; NULL: evenly). */
acct_reply account_submit_hour(account *a, int64_t now, int64_t fine, size_t n, int64_t total,
                               const double *means, gsl_rng *r);
acct_reply account_submit(account *a, int64_t now, int64_t span, int64_t n,
                          const recipient_mix *mix, gsl_rng *r);

/* One SendEmail call of n recipients reaching SES at the instant `at` (ms),
 * within the tick that starts at `now` (message-level sending, client.h): the
 * whole call is refused when the account is paused or the rate bucket holds
 * less than one token at `at`; else it is answered as account_submit answers
 * n messages that passed the rate (recipient classes, sandbox, quota counted
 * at `now`), and what it accepted or rejected spends tokens. */
acct_reply account_call(account *a, int64_t now, int64_t at, int64_t n, const recipient_mix *mix,
                        gsl_rng *r);

/* Set a new quota and rate (ramp, grants); records when targets are reached. */
void account_set_limits(account *a, int64_t now, double max24h, double max_rate);

/* Change status at `now`, keeping the time spent in each. */
void account_set_status(account *a, int64_t now, acct_status status);
/* Time spent in a status up to `now`. */
int64_t account_time_in(const account *a, acct_status status, int64_t now);

static inline void flow_add(flow_counts *into, const flow_counts *d)
{
    /* inline: several calls a tick, each a handful of additions */
    into->demand += d->demand;
    into->sent += d->sent;
    into->throttled += d->throttled;
    into->rejected += d->rejected;
    into->overflow += d->overflow;
    into->dropped += d->dropped;
    into->delivered += d->delivered;
    into->soft_bounces += d->soft_bounces;
    into->hard_bounces += d->hard_bounces;
    into->complaints += d->complaints;
    into->handed_in += d->handed_in;
}

#endif
