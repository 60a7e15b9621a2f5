/* mailbox.h: the mailbox providers, the second gate after SES (sim.mailboxes = on).
 *
 * Each provider ([mailbox.NAME]: gmail, microsoft, yahoo and other by default)
 * judges each sender on its own. A sender is an account's mail over one IP
 * pool: SES's shared pool (warm from the start, no allowance: an assumption)
 * or the account's dedicated IPs (ippool.h). Per (provider, sender):
 *
 *   reputation r in [0, 1]: starts at shared_reputation or new_reputation; at
 *     each day's end, with the day's score
 *       q = clamp(1 - (bounce_weight + trap_share x trap_weight) x u
 *                   - spam_weight x s, 0, 1)
 *     (u: unknown users / mail offered, s: spam reports / inbox deliveries),
 *     r += (q - r) x min(1, accepted / reputation_volume);
 *   daily allowance (dedicated senders): allowance x IPs + allowance_growth x
 *     the good history (sum over past days of accepted x q); what is offered
 *     beyond it is deferred (4xx);
 *   blocks (5xx): everything while r < block_below; the published rules
 *     (authentication; spam rate, as rule_block of the mail) as stated in
 *     docs/model.md;
 *   of what is accepted: spam folder with probability
 *     min(1, spam_reputation x (1 - r) + spam_content x (1 - content)),
 *     else the inbox; a user reports an inbox message as spam with the
 *     stream's complaint probability (no one reports what sits in the spam
 *     folder).
 * SES retries deferred mail at every hour boundary, oldest first, for
 * policy.retry_window; then it is a soft bounce.
 *
 * A configuration set with its own pool (configset.ip_pool standard or
 * managed) is a sender of its own over its dedicated IPs: its own
 * reputation, history and allowance per provider (allowance x the set's
 * dedicated_ips), started as new IPs are. What its pool sends over the shared
 * pool (the warm-up's rest, a managed pool's overflow), and all mail of a
 * set with ip_pool = shared, is the account's shared sender's. The published
 * authentication rules read the account's keys.
 *
 * The sending domain (traffic.domain = NAME, [domain.NAME]; none by default:
 * then nothing of this paragraph runs) is judged too, per (provider, domain)
 * and whatever the account or IPs: its own reputation rD, good history hD and
 * allowance domain_allowance + allowance_growth x hD (its start:
 * docs/model.md). With a domain:
 *   the reputation judged is (1 - domain_weight) x r + domain_weight x rD;
 *   accepted is at most what both allowances leave (the IPs' and the domain's);
 *   dedicated IPs' allowance is at least allowance x IPs + allowance_growth x
 *     domain_credit x hD (a known domain's head start on new IPs).
 *   the published rules (bulk sender, spam rate) count the domain's mail, over
 *     every account and IP that sends it, not the IP sender's.
 * The stream's share of each provider (traffic.NAME.mailbox.PROVIDER) replaces
 * the providers' shares for its mail.
 *
 * The interface to SES is this file: SES hands over what it sent (mbx_send)
 * and gets back, through one callback, what the providers did with it
 * (mbx_feedback): deliveries, soft bounces, bounces SES counts and
 * complaints, each for the hour SES sent the mail in. */
#ifndef SESIM_MAILBOX_H
#define SESIM_MAILBOX_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "ippool.h"
#include "scenario/scenario.h"

/* The shipped providers' defaults for the keys derived "by provider", as
 * scenario text (the reader parses them like written values). */
typedef struct mbx_default {
    const char *name;
    const char *share, *feedback_loop, *spam_rate_limit, *auth_volume, *auth_from, *auth_any,
        *allowance;
} mbx_default;
extern const mbx_default mbx_defaults[];
extern const size_t mbx_n_defaults;
/* Is `name` one of the shipped providers? */
int mbx_shipped(const char *name);
/* The default text of `key` for a provider (the `other` row for a name not
 * shipped), or NULL when the key is not derived by provider. */
const char *mbx_default_of(const char *provider, const char *key);

/* What SES sent to the providers: one outcome window of a stream part. */
typedef struct mbx_mail {
    size_t pool;             /* the pool it leaves over: index into mailboxes.pools */
    int64_t at;              /* ms: when SES sent it */
    int64_t valid;           /* recipients that exist (SES delivered them before) */
    int64_t unknown;         /* unknown users (SES's hard bounces, already counted by SES) */
    double content;          /* the stream's content quality */
    double report;           /* P(a user reports an inbox message as spam) */
    int64_t complaint_delay; /* ms from delivery to the report reaching SES */
    void *origin;            /* the SES-side sender, handed back with its feedback */
    const double *shares;    /* per provider: the stream's shares, or NULL: the providers' */
    long domain;             /* the sending domain (index into the scenario's), or -1 */
} mbx_mail;

typedef struct mbx_feedback {
    int64_t send_hour, arrival_hour;
    int64_t delivered, soft_bounces, bounces, complaints;
} mbx_feedback;
typedef void (*mbx_feedback_fn)(void *origin, const mbx_feedback *f);

/* Counts per (provider, sender), per output interval and in total. */
typedef struct mbx_counts {
    int64_t sent, delivered, inbox, spam_folder, deferred, blocked, complaints, expired;
} mbx_counts;

/* Deferred mail waiting for SES's next attempt. */
typedef struct mbx_retry {
    int64_t first, n, send_hour, complaint_delay;
    double content, report;
    void *origin;
    long domain;
} mbx_retry;

typedef struct mbx_sender {
    int dedicated;               /* 0: the shared pool (or a domain) */
    double reputation, history, allowance;
    double base;                 /* allowance without history: INFINITY for the shared pool */
    int64_t day_offered, day_accepted, day_inbox, day_reports, day_unknown;
    int bulk, broken;            /* authentication bulk sender; spam-rate rule broken */
    int64_t clean_days;          /* consecutive days under the spam-rate limit */
    mbx_retry *queue;
    size_t head, len, cap;       /* queue[head .. len) */
    int64_t retrying;            /* messages in the queue */
    int used;                    /* has been offered mail (it has rows) */
    mbx_counts interval, total;
} mbx_sender;

typedef struct mailboxes {
    const scenario *scn;
    size_t n_prov, n_acct;
    mbx_sender *senders;         /* [owner][pool 0 shared, 1 dedicated][provider] */
    mbx_sender *domains;         /* [domain][provider]: the sending domains' judgement */
    size_t n_dom;
    /* the pools' owners: the accounts (0 .. n_acct), then the configuration
     * sets with their own pool, in the scenario's order (n_pools in all);
     * pools[o] its IPs, owner_account[o] its account. A set's shared slot
     * of senders is never used (its shared mail is its account's). */
    size_t n_pools;
    ippool **pools;
    size_t *owner_account;
    gsl_rng *rng;                /* component "mailboxes" */
    mbx_feedback_fn feedback;
    double *shares;              /* per provider */
    unsigned int *counts;        /* scratch of the multinomial split */
} mailboxes;

/* pools: the accounts' pools, then those of the configuration sets whose
 * ip_pool is not `account` (mbx_own_pool), in the scenario's order. */
void mbx_init(mailboxes *m, const scenario *s, ippool **pools, gsl_rng *r, mbx_feedback_fn fn);
void mbx_destroy(mailboxes *m);
/* Does configuration set c have a pool of its own (a slot in pools)? */
int mbx_own_pool(const scn_tenant *c);
/* The sender of (pool owner, pool, provider): owners 0 .. n_acct are the
 * accounts (as stored: a set's shared slot is its own, unused). */
mbx_sender *mbx_sender_of(mailboxes *m, size_t owner, int dedicated, size_t provider);
/* A sending domain's judgement by a provider. */
mbx_sender *mbx_domain_of(mailboxes *m, size_t domain, size_t provider);
/* SES sends `mail`; returns the valid recipients at providers with a
 * feedback loop (the denominator of SES's complaint rate). */
int64_t mbx_send(mailboxes *m, const mbx_mail *mail);
/* At every hour boundary `now` (before that hour's sends): SES's retries of
 * deferred mail and their expiry; at a day boundary, the day's judgement
 * first (reputation, allowance, the spam-rate rule). */
void mbx_hour(mailboxes *m, int64_t now);

/* The day's score and the published rules, pure (mailbox_rules.c; for tests). */
double mbx_day_score(const scn_mailbox *p, int64_t offered, int64_t unknown, int64_t inbox,
                     int64_t reports);
/* Of n messages offered at absolute time `when` (ms since 1970) by a sender
 * that had offered `before` today, how many the authentication rules block;
 * sets *bulk once the sender is bulk at this provider. */
int64_t mbx_auth_blocks(const scn_mailbox *p, const scn_account *a, int64_t when, int64_t before,
                        int64_t n, int *bulk);
/* The spam-rate rule at a day's end: sets *broken and *clean_days. */
void mbx_spam_rule(const scn_mailbox *p, int64_t inbox, int64_t reports, int *broken,
                   int64_t *clean_days);
double mbx_spam_folder_share(const scn_mailbox *p, double reputation, double content);
/* The reputation a provider judges mail by: the IPs' r alone without a
 * domain (domain < 0), else (1 - domain_weight) r + domain_weight rD. */
double mbx_judged_reputation(const scn_mailbox *p, double r, double rd, long domain);
/* The day's allowance of a sender for mail of a domain with good history hd
 * (domain < 0: none): a dedicated sender's is at least allowance x ips +
 * allowance_growth x domain_credit x hd. */
double mbx_ip_allowance(const scn_mailbox *p, const mbx_sender *s, int64_t ips, double hd,
                        long domain);

#endif
