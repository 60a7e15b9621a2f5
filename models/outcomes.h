/* outcomes.h: what happens to the messages an account accepted, per batch, by
 * binomial and hypergeometric draws (never one draw per message).
 *
 * List model (per stream): a finite list of list_size addresses, of which a
 * share `invalid` is invalid at the start; valid addresses go stale at
 * `list_decay` per 30 days. A batch picks its recipients from the list at random:
 *   - to a suppressed address (suppression = ses, after it bounced once): SES
 *     does not send it; not delivered, not counted in the bounce rate;
 *   - to an invalid address: a hard bounce, counted;
 *   - to a valid address: a soft bounce with probability soft_bounce (never
 *     counted), else delivered; a delivery to a feedback-loop domain (share
 *     fbl_share) turns into a complaint with probability
 *     complaint x content_complaint_factor^(1 - content)  (content 1 = best;
 *     the factor, 10 by default, is an assumption).
 * Replayed SES statistics (kind = ses-stats) replace the list and the complaint
 * probability by the shares observed at the time of the send.
 * Hard bounces and complaints arrive after lognormal delays (medians
 * bounce_delay and complaint_delay, shape feedback_delay_sigma), capped at the
 * reputation's horizon (policy.feedback_horizon), and are scheduled into the
 * account's reputation by the hour they arrive in. */
#ifndef SESIM_OUTCOMES_H
#define SESIM_OUTCOMES_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "reputation.h"
#include "scenario/scenario.h"

typedef struct mail_list {
    int64_t valid, invalid, suppressed;
    int64_t decayed_until; /* ms: decay applied up to here */
} mail_list;

/* A stream's outcome model: its list and its cached arrival-hour distributions. */
typedef struct outcome_model {
    const scn_traffic *cfg;
    int suppress;         /* the account uses SES's suppression list */
    mail_list list;
    const double *delay_bins[2]; /* [0] bounces, [1] complaints; on first use, shared by
                                  * median, shape and horizon */
} outcome_model;

typedef struct outcome {
    int64_t eligible;   /* sends counted in the bounce rate */
    int64_t suppressed, hard, soft, delivered, fbl, complaints;
} outcome;

void outcomes_init(outcome_model *m, const scn_traffic *cfg, int suppress);
void outcomes_destroy(outcome_model *m);
/* Keep a share of the list (a stream split over k accounts gives each 1/k). */
void outcomes_scale_list(outcome_model *m, double share);
/* Remove the invalid addresses from the list (a fix: the list was cleaned). */
void outcomes_clean_list(outcome_model *m);

/* Outcomes of n list recipients accepted at `now`; with have_observed, the
 * shares observed in replayed SES statistics replace the list model. */
void outcomes_draw(outcome_model *m, int64_t now, int64_t n, gsl_rng *r, int have_observed,
                   double obs_bounce, double obs_complaint, outcome *o);

/* Whether n recipients are a sizeable part of the list (over 1/OUTCOME_SIZEABLE
 * of it): picked without replacement, and a stream's outcome window closes
 * once it holds that many, so that the list (suppression above all) moves on
 * before more of it is sent. */
int outcomes_sizeable(const outcome_model *m, int64_t n);
/* The most a window may hold without being sizeable (INT64_MAX for an empty list). */
int64_t outcomes_window_limit(const outcome_model *m);

/* Probability that a delivery to a feedback-loop domain turns into a complaint. */
double outcomes_complaint_probability(const scn_traffic *cfg);

/* Schedule o's hard bounces and complaints into rep, by arrival hour. A few are
 * given a delay each; many are split over arrival hours by conditional binomial
 * draws (a multinomial) from the delay distribution as seen from the middle of
 * the send hour. */
void outcomes_schedule(outcome_model *m, reputation *rep, int64_t now, const outcome *o,
                       gsl_rng *r);
/* The same, the feedback also scheduled into each of `also` (NULL-terminated:
 * the stream's tenant's and configuration set's reputations), or NULL. */
void outcomes_schedule2(outcome_model *m, reputation *rep, reputation *const *also, int64_t now,
                        const outcome *o, gsl_rng *r);

#endif
