/* status.h: the status transitions that enforcement (thresholds, reviews,
 * appeals) and relations (circumvention) both make. A pause puts each related
 * account under review with probability policy.related_review. With
 * policy.region_enforcement = account, a review or pause of one Region of an
 * account is also the other Regions' (status.c). */
#ifndef SESIM_STATUS_H
#define SESIM_STATUS_H

#include <stdint.h>

#include "account.h"

void status_pause(account *a, int64_t now, const char *why);
void status_start_review(account *a, int64_t now, const char *why);

#endif
