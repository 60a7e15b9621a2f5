/* status.c: the transitions of an account's status that several models share
 * (enforcement, relations): a pause, which spreads to related accounts, and a
 * review. */
#include <gsl/gsl_rng.h>

#include "status.h"

/* A pause of `a`: each related account goes under review with probability
 * related_review (an assumption, model.md). */
static void spread_pause(account *a, int64_t now)
{
    for (account *r = account_next_related(a, NULL); r; r = account_next_related(a, r)) {
        if (r->status != STATUS_HEALTHY ||
            gsl_rng_uniform(r->service_rng) >= a->policy->related_review)
            continue;
        account_event(r, EV_related_review, "related account %s was paused", a->cfg->name);
        status_start_review(r, now, "related account paused");
    }
}

/* policy.region_enforcement = account (an assumption, model.md "Regions"):
 * a review or pause of one Region reaches the account's other Regions at the
 * same instant, without a draw; a Region already paused stays paused, one
 * already under review keeps its review. They do not spread it further, and
 * the review that follows an accepted appeal is the appealing Region's alone. */
static int shared(const account *a)
{
    return a->policy->region_enforcement == REGION_ENFORCEMENT_ACCOUNT;
}

static void pause_one(account *a, int64_t now, const char *why)
{
    account_set_status(a, now, STATUS_PAUSED);
    account_tally(a, TALLY_PAUSE, now);
    account_event(a, EV_paused, "%s", why);
    a->appeal_at = a->cfg->on_pause == ON_PAUSE_FIX ? now + a->policy->appeal_delay : -1;
}

static void review_one(account *a, int64_t now, const char *why)
{
    account_set_status(a, now, STATUS_UNDER_REVIEW);
    a->review_until = now + a->policy->review_period;
    account_tally(a, TALLY_REVIEW, now);
    account_event(a, EV_review_started, "%s", why);
}

void status_pause(account *a, int64_t now, const char *why)
{
    pause_one(a, now, why);
    spread_pause(a, now);
    for (account *r = account_next_region(a, NULL); r && shared(a); r = account_next_region(a, r))
        if (r->status != STATUS_PAUSED)
            pause_one(r, now, "another Region of the account was paused");
}

void status_start_review(account *a, int64_t now, const char *why)
{
    int appeal = a->status == STATUS_PAUSED; /* back from a pause: the Region's own matter */
    review_one(a, now, why);
    for (account *r = account_next_region(a, NULL); r && shared(a) && !appeal;
         r = account_next_region(a, r))
        if (r->status == STATUS_HEALTHY)
            review_one(r, now, "another Region of the account under review");
}
