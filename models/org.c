/* org.c: the organisation's capacity against the targets, and the time it had
 * an account under review or paused. */
#include <stdlib.h>

#include "core/error.h"
#include "org.h"

static void on_account_changed(void *observer, int64_t now) { org_changed(observer, now); }

void org_init(org *o, account *accounts, size_t n, int64_t now)
{
    *o = (org){.accounts = accounts, .n = n};
    size_t targets = n ? accounts[0].n_targets : 0;
    o->reached_at = sim_xmalloc((targets ? targets : 1) * sizeof *o->reached_at);
    for (size_t k = 0; k < targets; k++)
        o->reached_at[k] = -1;
    for (size_t i = 0; i < n; i++) {
        accounts[i].changed = on_account_changed;
        accounts[i].observer = o;
    }
    org_changed(o, now);
}

void org_destroy(org *o)
{
    for (size_t i = 0; i < o->n; i++)
        o->accounts[i].changed = NULL;
    free(o->reached_at);
    *o = (org){0};
}

double org_capacity(const org *o)
{
    double c = 0;
    for (size_t i = 0; i < o->n; i++)
        if (o->accounts[i].status != STATUS_PAUSED)
            c += o->accounts[i].max24h;
    return c;
}

/* Start or stop the clock of "some account is in status s". */
static void track(org *o, acct_status s, int64_t now)
{
    int any = 0;
    for (size_t i = 0; i < o->n && !any; i++)
        any = o->accounts[i].status == s;
    if (any == o->any[s])
        return;
    if (any)
        o->since[s] = now;
    else
        o->time_in[s] += now - o->since[s];
    o->any[s] = any;
}

void org_changed(org *o, int64_t now)
{
    if (!o->n)
        return;
    double capacity = org_capacity(o);
    const account *first = &o->accounts[0];
    for (size_t k = 0; k < first->n_targets; k++)
        if (o->reached_at[k] < 0 && capacity >= first->targets[k])
            o->reached_at[k] = now;
    track(o, STATUS_UNDER_REVIEW, now);
    track(o, STATUS_PAUSED, now);
}

int64_t org_time_in(const org *o, acct_status status, int64_t now)
{
    return o->time_in[status] + (o->any[status] ? now - o->since[status] : 0);
}
