/* requests.c: manual quota increase requests. */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>

#include "ramp.h"
#include "requests.h"

int64_t requests_delay(gsl_rng *r, int64_t median)
{
    if (median <= 0)
        return 0;
    return (int64_t)gsl_ran_lognormal(r, log((double)median), REQUEST_DELAY_SIGMA);
}

/* arg: index of the request in account.request_quota */
static void on_quota_decision(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    double want = a->cfg->request_quota.y[arg];
    double allowed = a->policy->quota_request_factor * (double)a->peak_24h;
    if (a->status != STATUS_HEALTHY || a->stage != STAGE_PRODUCTION)
        account_event(a, "quota_denied", "%.0f: the account is %s", want, account_status_name(a));
    else if (want > allowed)
        account_event(a, "quota_denied", "%.0f is over %.4g x peak 24h usage %lld: send more first",
                      want, a->policy->quota_request_factor, (long long)a->peak_24h);
    else if (!ramp_raise_to(a, e->now, want, "quota_granted"))
        account_event(a, "quota_granted", "%.0f: already at or above it", want);
}

static void on_quota_request(sim_engine *e, void *obj, int64_t arg)
{
    account *a = obj;
    account_event(a, "quota_requested", "%.0f", a->cfg->request_quota.y[arg]);
    sim_schedule(e, e->now + requests_delay(a->service_rng, a->policy->quota_review_delay),
                 on_quota_decision, a, arg);
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
    account_event(a, "production_granted", "%s: max24h %.0f, max_rate %.4g", why, a->max24h,
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
    account_event(a, "reason_requested", "related account %s already has production access",
                  other->cfg->name);
    switch (a->cfg->multi_account_reason) {
    case REASON_TEST_PROD:
    case REASON_BUSINESS_UNIT:
        sim_schedule(e, e->now + requests_delay(a->service_rng, a->policy->reason_review_delay),
                     on_reason_decision, a, 0);
        break;
    case REASON_VOLUME:
        account_event(a, "production_denied",
                      "reason: more volume; advice: request a quota increase on %s instead",
                      other->cfg->name);
        break;
    default:
        account_event(a, "production_denied", "no compelling reason given");
    }
}

static void on_production_request(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    account *a = obj;
    if (a->stage == STAGE_PRODUCTION)
        return;
    account_event(a, "production_requested", "sandbox account asks for production access");
    sim_schedule(e, e->now + requests_delay(a->service_rng, a->policy->production_review_delay),
                 on_production_decision, a, 0);
}

void requests_schedule(sim_engine *e, account *a)
{
    if (a->cfg->request_production != SCN_NONE_TIME)
        sim_schedule(e, a->cfg->request_production, on_production_request, a, 0);
    const scn_points *q = &a->cfg->request_quota;
    for (size_t i = 0; i < q->n; i++)
        sim_schedule(e, (int64_t)q->x[i], on_quota_request, a, (int64_t)i);
}
