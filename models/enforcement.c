/* enforcement.c: reputation -> status transitions, and the hourly ramp check. */
#include <stdio.h>

#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "enforcement.h"
#include "outcomes.h"
#include "ramp.h"
#include "status.h"

/* Which metric is over `bounce`/`complaint` thresholds, as "bounce_rate 12.1% >= 10%". */
static int over(const reputation *r, double bounce, double complaint, char *why, size_t n)
{
    if (!r->representative)
        return 0;
    if (r->bounce_rate >= bounce)
        return snprintf(why, n, "bounce_rate %.3f%% >= %.3g%%", 100 * r->bounce_rate, 100 * bounce), 1;
    if (r->complaint_rate >= complaint)
        return snprintf(why, n, "complaint_rate %.4f%% >= %.3g%%", 100 * r->complaint_rate,
                        100 * complaint), 1;
    return 0;
}

/* A fix was accepted: lists cleaned, metrics from mail sent from now on. */
static void appeal(account *a, int64_t now)
{
    for (size_t i = 0; i < a->n_lists; i++)
        outcomes_clean_list(a->lists[i]);
    rep_forget_before(&a->rep, now / SIM_MS_PER_H);
    a->appeal_at = -1;
    account_event(a, EV_appeal, "fix accepted: lists cleaned, metrics restart");
    status_start_review(a, now, "appeal: review after the fix");
}

static void transitions(account *a, int64_t now)
{
    const scn_policy *p = a->policy;
    char why[128];
    if (a->status == STATUS_PAUSED) {
        if (a->appeal_at >= 0 && now >= a->appeal_at)
            appeal(a, now);
        return;
    }
    if (over(&a->rep, p->bounce_pause, p->complaint_pause, why, sizeof why)) {
        if (!a->pause_spared) {
            if (gsl_rng_uniform(a->service_rng) < p->pause_probability) {
                status_pause(a, now, why);
                return;
            }
            a->pause_spared = 1; /* one draw per crossing of the pause threshold */
        }
    } else {
        a->pause_spared = 0;
    }
    int reviewable = over(&a->rep, p->bounce_review, p->complaint_review, why, sizeof why);
    if (a->status == STATUS_HEALTHY && reviewable)
        status_start_review(a, now, why);
    else if (a->status == STATUS_UNDER_REVIEW && now >= a->review_until) {
        if (!reviewable) {
            account_set_status(a, now, STATUS_HEALTHY);
            account_event(a, EV_review_cleared, "bounce_rate %.3f%%, complaint_rate %.4f%%",
                          100 * a->rep.bounce_rate, 100 * a->rep.complaint_rate);
        } else {
            char ended[160];
            snprintf(ended, sizeof ended, "review ended with %s", why);
            status_pause(a, now, ended);
        }
    }
}

int64_t enforce_measure_hour(account *a, int64_t now)
{
    int64_t bounces, complaints;
    rep_end_hour(&a->rep, now / SIM_MS_PER_H, &bounces, &complaints);
    flow_counts arrived = {.hard_bounces = bounces, .complaints = complaints};
    flow_add(&a->interval, &arrived);
    flow_add(&a->total, &arrived);
    int64_t sent_24h = account_sent_24h(a, now);
    if (sent_24h > a->peak_24h)
        a->peak_24h = sent_24h;
    if (a->rep.representative) {
        if (a->rep.bounce_rate > a->peak_bounce_rate)
            a->peak_bounce_rate = a->rep.bounce_rate;
        if (a->rep.complaint_rate > a->peak_complaint_rate)
            a->peak_complaint_rate = a->rep.complaint_rate;
    }
    return sent_24h;
}

void enforce_hour(account *a, int64_t now)
{
    int64_t sent_24h = enforce_measure_hour(a, now);
    transitions(a, now);
    if (a->next_ramp >= 0 && now >= a->next_ramp) {
        a->next_ramp += a->policy->ramp_interval;
        ramp_check(a, now, sent_24h);
    }
}

void enforce_day(account *a, int64_t now)
{
    /* Probation "not due to bounces or complaints": a human review of the
     * account (arithmetric/aws-lambda-ses-forwarder#130). Its rate is not
     * public: account.review_hazard, 0 by default; 0 draws nothing. */
    if (!a->review_rng || a->status != STATUS_HEALTHY || a->stage != STAGE_PRODUCTION)
        return;
    if (gsl_rng_uniform(a->review_rng) < a->cfg->review_hazard)
        status_start_review(a, now, "human review: not bounce or complaint rates");
}
