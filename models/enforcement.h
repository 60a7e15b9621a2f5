/* enforcement.h: the service's hourly look at an account: reputation metrics,
 * the enforcement state machine and the automatic ramp.
 *
 *   healthy --(rate >= review threshold)--> under_review (for review_period)
 *   healthy/under_review --(rate >= pause threshold, with pause_probability)--> paused
 *   under_review --(period over, both rates below review thresholds)--> healthy
 *   under_review --(period over, a rate still at or above review)--> paused
 *   paused --(on_pause = fix, after appeal_delay: lists cleaned, metrics
 *            recomputed from mail sent after the fix)--> under_review
 *
 * Thresholds default to the documented 5% / 10% bounce and 0.1% / 0.5%
 * complaint (SES-FACTS). Enforcement acts only on representative windows (at
 * least rep_volume eligible sends, an assumption): a handful of early bounces
 * does not pause a new account. */
#ifndef SESIM_ENFORCEMENT_H
#define SESIM_ENFORCEMENT_H

#include <stdint.h>

#include "account.h"

/* At every hour boundary `now` before the end of the run, for an account under
 * a policy: enforce_measure_hour, then the transitions and the ramp check. */
void enforce_hour(account *a, int64_t now);
/* The measuring half alone (the run's end, where the service decides nothing):
 * the feedback that arrived in the past hour, the reputation rates, the peaks.
 * Returns sent_24h at `now`. */
int64_t enforce_measure_hour(account *a, int64_t now);

/* At every whole day `now`: a healthy production account with
 * account.review_hazard > 0 is put under review with that chance, whatever
 * its rates (a human review), drawn from its own stream (a->review_rng). The
 * review ends as any other: cleared if the rates are below the review
 * thresholds, else paused. */
void enforce_day(account *a, int64_t now);

#endif
