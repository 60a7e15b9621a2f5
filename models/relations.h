/* relations.h: which accounts SES treats as related, and what that costs them.
 *
 * What makes two accounts "related" is not public (SES-FACTS, the seed): it may
 * be a shared payer (linked billing), e-mail domain or company. policy.related_by
 * names the attributes that count; accounts sharing any of them (non-empty and
 * equal) are related, transitively: groups are the connected components, found
 * once per run with union-find.
 *
 * Related accounts matter three ways: a production-access request is answered
 * with a request for a reason when a related account already has production
 * (requests.h); a pause puts each related account under review with probability
 * related_review; and a stream split over related accounts whose combined
 * 24-hour volume exceeds circumvention_threshold (1 by default) x the largest
 * single quota among them risks, each day, circumvention_hazard of the whole
 * group being flagged: circumvention_flagged, then a review with reason
 * circumvention on every account of the group (a second flag pauses). */
#ifndef SESIM_RELATIONS_H
#define SESIM_RELATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "scenario/scenario.h"

/* group[i] = the smallest index of the accounts related to account i (itself if none). */
void relations_groups(const scenario *s, size_t *group);

/* Link each account to the others of its group (account.group_first and
 * group_next; account_next_related walks them), in memory linear in accounts. */
void relations_attach(account *accounts, size_t n, const size_t *group);

/* The daily circumvention check of a stream split over `parts` accounts. */
void relations_check_split(account **parts, size_t n, int64_t now);

#endif
