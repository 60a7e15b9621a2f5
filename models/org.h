/* org.h: the organisation: all the accounts of a run together, as the `*` rows
 * of timeseries.csv and summary.csv show it.
 *
 * Its capacity at any instant is the sum of max24h over the accounts that are
 * not paused (a paused account's quota is of no use). The organisation reaches
 * a target of sim.targets the first time its capacity is at or above it. It has
 * an account under review (or paused) while any of its accounts is. Both change
 * only when an account's limits or status do, and the account tells the
 * organisation then (account_set_limits, account_set_status), so the times are
 * exact to the millisecond, as an account's own are. */
#ifndef SESIM_ORG_H
#define SESIM_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"

typedef struct org {
    account *accounts;
    size_t n;
    int64_t *reached_at; /* per sim.targets: first time capacity >= target, or -1 */
    int any[3];          /* per acct_status: is some account in it now */
    int64_t since[3];    /* when any[s] last became true */
    int64_t time_in[3];  /* time with some account in s, before since[s] */
} org;

/* The organisation of accounts[0..n) (all initialised, with the same targets):
 * each account reports its changes to it from now on. */
void org_init(org *o, account *accounts, size_t n, int64_t now);
void org_destroy(org *o);

/* An account's limits or status changed at `now`. */
void org_changed(org *o, int64_t now);

/* max24h summed over the accounts not paused. */
double org_capacity(const org *o);

/* Time up to `now` during which at least one account was in `status`
 * (STATUS_UNDER_REVIEW or STATUS_PAUSED). */
int64_t org_time_in(const org *o, acct_status status, int64_t now);

#endif
