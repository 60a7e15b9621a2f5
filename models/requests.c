/* requests.c: manual quota increase requests. */
#include <math.h>

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

void requests_schedule(sim_engine *e, account *a)
{
    const scn_points *q = &a->cfg->request_quota;
    for (size_t i = 0; i < q->n; i++)
        sim_schedule(e, (int64_t)q->x[i], on_quota_request, a, (int64_t)i);
}
