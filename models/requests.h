/* requests.h: requests an account makes to the service, each decided after a
 * lognormal delay (shape policy.request_delay_sigma, an assumption) around a
 * median (assumptions too: SES documents a bound, not a median).
 *
 * Manual quota increases (account.request_quota = 30d:500k, 60d:2M): at each
 * time the account asks for that quota (quota_requested); after
 * quota_review_delay (documented: "up to 24 hours") it is granted when the
 * account is healthy and the request is at most quota_request_factor x its
 * peak 24-hour usage so far (quota_granted; the rate follows rate_table),
 * else denied (quota_denied, the detail says why).
 *
 * Rate-only requests (account.request_rate = 30d:30): the rate is requested
 * apart from the quota (DG manage-sending-quotas-request-increase); decided as
 * a quota request after quota_review_delay, against quota_request_factor x the
 * busiest tick of the last 24 hours (an assumption): rate_requested, then
 * rate_granted (max_rate raised, max24h unchanged) or rate_denied.
 *
 * Production access (account.request_production = T, a sandbox account): at T
 * production_requested; after production_review_delay (documented: an answer
 * "within 24 hours") production_granted at the production baseline, unless a
 * related account already has production access: then reason_requested, and
 * multi_account_reason decides (the seed's e-mail from AWS): test_prod or
 * business_unit is granted after reason_review_delay; volume is denied with the
 * advice to request a quota increase instead; none is denied. A denied account
 * stays in the sandbox. */
#ifndef SESIM_REQUESTS_H
#define SESIM_REQUESTS_H

#include "account.h"
#include "core/engine.h"

/* Schedule the account's requests on the engine. */
void requests_schedule(sim_engine *e, account *a);

/* A lognormal delay with the given median and shape (0 when the median is 0;
 * the median itself, without a draw, when sigma is 0), at most
 * SCN_MAX_DURATION_MS (100 years, longer than any run). */
int64_t requests_delay(gsl_rng *r, int64_t median, double sigma);

#endif
