/* ramp.h: quota increases. SES raises a production account's quota on its own
 * when it sends near its quota with low bounce and complaint rates and good
 * content (SES-FACTS); how often and by how much is not public, so the check
 * runs every ramp_interval and multiplies the quota by ramp_factor, up to
 * ramp_ceiling (the documented historical ceiling of automatic increases, 1M).
 * The rate follows the quota through rate_table (SES raises them "in tandem").
 * Manual requests (request_quota) are decided by the service after
 * quota_review_delay: see requests.h. */
#ifndef SESIM_RAMP_H
#define SESIM_RAMP_H

#include <stdint.h>

#include "account.h"
#include "scenario/scenario.h"

/* Sending rate for a quota: log-log interpolation between the table's points,
 * the first or last slope beyond them. */
double ramp_rate_for(const scn_points *table, double quota);

/* The automatic check, due every ramp_interval: raise the quota if it qualifies. */
void ramp_check(account *a, int64_t now, int64_t sent_24h);

/* Raise the account's limits to at least (quota, rate for quota); returns 1 if raised. */
int ramp_raise_to(account *a, int64_t now, double quota, event_type event);

#endif
