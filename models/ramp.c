/* ramp.c: the automatic quota increase and the rate table. */
#include <math.h>

#include "ramp.h"

double ramp_rate_for(const scn_points *t, double quota)
{
    if (t->n == 0 || quota <= 0)
        return 0;
    if (t->n == 1)
        return t->y[0];
    size_t i = 0; /* the segment [i, i + 1] to use: inside, or the first/last beyond */
    while (i + 2 < t->n && quota > t->x[i + 1])
        i++;
    double slope = log(t->y[i + 1] / t->y[i]) / log(t->x[i + 1] / t->x[i]);
    return t->y[i] * pow(quota / t->x[i], slope);
}

int ramp_raise_to(account *a, int64_t now, double quota, event_type event)
{
    double rate = fmax(a->max_rate, ramp_rate_for(&a->policy->rate_table, quota));
    if (quota <= a->max24h)
        return 0;
    double old_q = a->max24h, old_r = a->max_rate;
    account_set_limits(a, now, quota, rate);
    account_event(a, event, "max24h %.0f -> %.0f; max_rate %.4g -> %.4g", old_q, quota, old_r, rate);
    return 1;
}

void ramp_check(account *a, int64_t now, int64_t sent_24h)
{
    const scn_policy *p = a->policy;
    const reputation *r = &a->rep;
    if (a->stage != STAGE_PRODUCTION || a->status != STATUS_HEALTHY || a->max24h >= p->ramp_ceiling)
        return;
    if ((double)sent_24h < p->ramp_utilization * a->max24h || r->bounce_rate >= p->ramp_bounce_max ||
        r->complaint_rate >= p->ramp_complaint_max || r->content_score < p->ramp_content_min)
        return;
    double quota = fmin(p->ramp_ceiling, floor(a->max24h * p->ramp_factor));
    ramp_raise_to(a, now, quota, EV_quota_raised);
}
