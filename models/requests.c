/* requests.c: production access, manual quota and rate increase requests. */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>

#include "core/config.h"
#include "ramp.h"
#include "requests.h"

int64_t requests_delay(gsl_rng *r, int64_t median, double sigma)
{
    if (median <= 0)
        return 0;
    if (sigma <= 0)
        return median;
    /* The cap keeps now + delay far from int64 overflow at large shapes. */
    return (int64_t)fmin(gsl_ran_lognormal(r, log((double)median), sigma), (double)SCN_MAX_DURATION_MS);
}

/* The account's decision delay for a request with this median. */
static int64_t decision_delay(const account *a, int64_t median)
{
    return requests_delay(a->service_rng, median, a->policy->request_delay_sigma);
}

/* arg: index of the request in account.request_quota */
static void on_quota_decision(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    double want = a->cfg->request_quota.y[arg];
    double allowed = a->policy->quota_request_factor * (double)a->peak_24h;
    if (a->status != STATUS_HEALTHY || a->stage != STAGE_PRODUCTION)
        account_event(a, EV_quota_denied, "%.0f: the account is %s", want, account_status_name(a));
    else if (want > allowed)
        account_event(a, EV_quota_denied, "%.0f is over %.4g x peak 24h usage %lld: send more first",
                      want, a->policy->quota_request_factor, (long long)a->peak_24h);
    else if (!ramp_raise_to(a, e->now, want, EV_quota_granted))
        account_event(a, EV_quota_granted, "%.0f: already at or above it", want);
}

static void on_quota_request(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    account_event(a, EV_quota_requested, "%.0f", a->cfg->request_quota.y[arg]);
    engine_schedule(e, e->now + decision_delay(a, a->policy->quota_review_delay),
                 on_quota_decision, a, arg);
}

/* A rate-only request (a "Desired Maximum Send Rate" case, DG
 * manage-sending-quotas-request-increase): decided as a quota request, with the
 * busiest tick of the last 24 hours in place of the peak 24-hour usage (an
 * assumption: the rule is not public). The quota does not change.
 * arg: index of the request in account.request_rate. */
static void on_rate_decision(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    double want = a->cfg->request_rate.y[arg], old = a->max_rate;
    double peak = account_peak_rate(a, e->now);
    double allowed = a->policy->quota_request_factor * peak;
    if (a->status != STATUS_HEALTHY || a->stage != STAGE_PRODUCTION)
        account_event(a, EV_rate_denied, "%.4g/s: the account is %s", want, account_status_name(a));
    else if (want > allowed)
        account_event(a, EV_rate_denied,
                      "%.4g/s is over %.4g x peak rate %.4g/s (busiest tick of the last 24h): send faster first",
                      want, a->policy->quota_request_factor, peak);
    else if (want <= old)
        account_event(a, EV_rate_granted, "%.4g/s: already at or above it", want);
    else {
        account_set_limits(a, e->now, a->max24h, want);
        account_event(a, EV_rate_granted, "max_rate %.4g -> %.4g; max24h unchanged", old, want);
    }
}

static void on_rate_request(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    account_event(a, EV_rate_requested, "%.4g/s", a->cfg->request_rate.y[arg]);
    engine_schedule(e, e->now + requests_delay(a->service_rng, a->policy->quota_review_delay,
                                             a->policy->request_delay_sigma),
                 on_rate_decision, a, arg);
}

/* Production access at the policy's baseline; the ramp starts from here. */
static void grant_production(account *a, int64_t now, const char *why)
{
    const scn_policy *p = a->policy;
    a->stage = STAGE_PRODUCTION;
    a->production_at = now;
    a->next_ramp = now + p->ramp_interval;
    account_set_limits(a, now, fmax(a->max24h, p->production_max24h),
                       fmax(a->max_rate, p->production_max_rate));
    account_event(a, EV_production_granted, "%s: max24h %.0f, max_rate %.4g", why, a->max24h,
                  a->max_rate);
}

static void on_reason_decision(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    account *a = obj;
    char why[64];
    snprintf(why, sizeof why, "reason accepted (%s)",
             a->cfg->multi_account_reason == REASON_TEST_PROD ? "test_prod" : "business_unit");
    grant_production(a, e->now, why);
}

static const account *related_in_production(const account *a)
{
    for (const account *r = account_next_related(a, NULL); r; r = account_next_related(a, r))
        if (r->stage == STAGE_PRODUCTION)
            return r;
    return NULL;
}

static void on_production_decision(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    account *a = obj;
    if (a->stage == STAGE_PRODUCTION)
        return;
    const account *other = related_in_production(a);
    if (!other) {
        grant_production(a, e->now, "no related account in production");
        return;
    }
    account_event(a, EV_reason_requested, "related account %s already has production access",
                  other->cfg->name);
    switch (a->cfg->multi_account_reason) {
    case REASON_TEST_PROD:
    case REASON_BUSINESS_UNIT:
        engine_schedule(e, e->now + decision_delay(a, a->policy->reason_review_delay),
                     on_reason_decision, a, 0);
        break;
    case REASON_VOLUME:
        account_event(a, EV_production_denied,
                      "reason: more volume; advice: request a quota increase on %s instead",
                      other->cfg->name);
        break;
    default:
        account_event(a, EV_production_denied, "no compelling reason given");
    }
}

static void on_production_request(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    account *a = obj;
    if (a->stage == STAGE_PRODUCTION)
        return;
    account_event(a, EV_production_requested, "sandbox account asks for production access");
    engine_schedule(e, e->now + decision_delay(a, a->policy->production_review_delay),
                 on_production_decision, a, 0);
}

void requests_schedule(sim_engine *e, account *a)
{
    if (a->cfg->request_production != SCN_NONE_TIME)
        engine_schedule(e, a->cfg->request_production, on_production_request, a, 0);
    const scn_points *q = &a->cfg->request_quota;
    for (size_t i = 0; i < q->n; i++)
        engine_schedule(e, (int64_t)q->x[i], on_quota_request, a, (int64_t)i);
    const scn_points *r = &a->cfg->request_rate;
    for (size_t i = 0; i < r->n; i++)
        engine_schedule(e, (int64_t)r->x[i], on_rate_request, a, (int64_t)i);
}
