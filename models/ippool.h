/* ippool.h: the IP addresses an account sends from (SES dedicated IPs).
 *
 *   ip_pool = shared    SES's shared pool (the default): every message
 *   ip_pool = standard  dedicated_ips standard dedicated IPs; with warmup = ses
 *                       SES's automatic warm-up: a share WarmupPercentage/100 of
 *                       the day's mail goes over the dedicated IPs, the rest
 *                       over the shared pool; the percentage rises with the days
 *                       since the start, whatever the volume (documented: "a
 *                       time-based process ... over 45 days independently from
 *                       your sending volume"); its curve is not public: linear,
 *                       floor(100 (d + 1) / warmup_days) on day d = 0, 1, ...
 *                       (assumption). warmup = sendgrid: SendGrid's published
 *                       automated schedule instead, an hourly cap per IP by day
 *                       (the excess over the shared pool); warmup = off: all
 *                       mail over the dedicated IPs from the first message.
 *   ip_pool = managed   SES's managed dedicated IPs: WarmupPercentage is -1
 *                       (not applicable); without mailbox providers all mail
 *                       goes over the dedicated IPs, with them SES sends over
 *                       the dedicated IPs what each provider accepts from them
 *                       and the rest over the shared pool (mailbox.h).
 *
 * The split is deterministic (no random number): the dedicated part of the
 * day's mail so far is floor(total so far x percentage / 100). */
#ifndef SESIM_IPPOOL_H
#define SESIM_IPPOOL_H

#include <stdint.h>

#include "scenario/scenario.h"

#define IPPOOL_SENDGRID_DAYS 42 /* the published schedule's days 0..41; then no cap */

typedef struct ippool {
    const scn_account *cfg;
    int64_t day, hour;                 /* the day and hour of the counts below */
    int64_t day_total, day_dedicated;  /* the day's mail so far and its dedicated part */
    int64_t hour_dedicated;            /* warmup = sendgrid: the hour's dedicated mail */
    int64_t dedicated, shared;         /* since the last ips.csv row */
} ippool;

void ippool_init(ippool *p, const scn_account *cfg);
/* Does the account send over dedicated IPs at all? */
int ippool_dedicated(const scn_account *cfg);
/* GetDedicatedIp's WarmupPercentage at `now` (ms since start): 0..100 for
 * standard IPs (100 with warmup = off), -1 for managed ones and the shared
 * pool. For warmup = sendgrid: the days of its schedule done, as
 * floor(100 (d + 1) / 42). */
int ippool_warmup_percentage(const scn_account *cfg, int64_t now);
/* SendGrid's automated warm-up: the hourly cap of one IP on warm-up day d
 * (0-based); -1 from day IPPOOL_SENDGRID_DAYS on (no cap). */
int64_t ippool_sendgrid_hourly(int64_t day);
/* Of n messages the account sends at `now`, how many go over its dedicated
 * IPs (the rest over the shared pool); counted for ips.csv. Managed pools
 * return n (the mailbox layer may send part of it over the shared pool). */
int64_t ippool_split(ippool *p, int64_t now, int64_t n);
/* Move n messages counted as dedicated to shared (managed pools, mailbox.h). */
void ippool_to_shared(ippool *p, int64_t n);

#endif
