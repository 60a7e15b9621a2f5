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
        account_event(r, "related_review", "related account %s was paused", a->cfg->name);
        status_start_review(r, now, "related account paused");
    }
}

void status_pause(account *a, int64_t now, const char *why)
{
    account_set_status(a, now, STATUS_PAUSED);
    account_tally(a, TALLY_PAUSE, now);
    account_event(a, "paused", "%s", why);
    a->appeal_at = a->cfg->on_pause == ON_PAUSE_FIX ? now + a->policy->appeal_delay : -1;
    spread_pause(a, now);
}

void status_start_review(account *a, int64_t now, const char *why)
{
    account_set_status(a, now, STATUS_UNDER_REVIEW);
    a->review_until = now + a->policy->review_period;
    account_tally(a, TALLY_REVIEW, now);
    account_event(a, "review_started", "%s", why);
}
