/* tenant.h: an SES tenant (2025): a container inside an account with its own
 * reputation metrics, findings and sending status, under an SES-managed
 * reputation policy (none, standard, strict).
 *
 * Its mail still counts in its account's metrics (the roll-up): the stream
 * records every send and its feedback in both reputations, so the account's
 * window holds the sum of its tenants' and its own.
 *
 *   ReputationImpact (the highest open finding, GetReputationEntity):
 *     HIGH if a rate >= high_bounce / high_complaint, LOW if >= low_*, else none
 *     (over a representative tenant window: rep_volume eligible sends)
 *   the policy acts (SendingStatusAggregate DISABLED): standard on HIGH,
 *     strict on LOW or HIGH, none never
 *   enabled --(policy acts)--> paused --(reinstate_after: the owner's
 *     REINSTATED; lists cleaned, metrics from mail sent after)--> reinstated
 *   reinstated --(representative, no finding)--> enabled
 *   reinstated --(representative, the policy acts again)--> paused
 *   the owner's alarm (alarm_bounce, alarm_complaint > 0): enabled or
 *     reinstated --(rate >= alarm)--> alarm_paused (CustomerManagedStatus
 *     DISABLED) --(alarm_fix: lists cleaned, metrics restart)--> enabled
 *
 * A configuration set (cfg->configset) is the same entity with policy none and
 * no findings: its own window and the owner's alarm only
 * (UpdateConfigurationSetSendingEnabled); events configset_paused and
 * configset_resumed. A configuration set may have its own IP pool (ip_pool
 * other than account: PutConfigurationSetDeliveryOptions SendingPoolName):
 * its streams' mail leaves over it (ippool.h) instead of the account's. */
#ifndef SESIM_TENANT_H
#define SESIM_TENANT_H

#include <stdint.h>

#include "account.h"
#include "reputation.h"
#include "scenario/scenario.h"

typedef enum { TENANT_ENABLED, TENANT_PAUSED, TENANT_REINSTATED, TENANT_ALARM_PAUSED,
               TENANT_STATES } tenant_status;
typedef enum { IMPACT_NONE, IMPACT_LOW, IMPACT_HIGH } tenant_impact;

typedef struct tenant {
    const scn_tenant *cfg;
    account *acct;
    reputation rep;
    tenant_status status;
    tenant_impact impact;
    flow_counts interval, total;
    int64_t resume_at;          /* paused: when the owner reinstates (or -1); alarm: when fixed */
    int64_t status_since, time_in[TENANT_STATES];
    int64_t pauses, alarm_pauses, first_pause; /* first_pause: ms, or -1 */
    double peak_bounce_rate, peak_complaint_rate;
    struct outcome_model **lists; /* its streams' lists, cleaned at a fix */
    size_t n_lists;
    /* a configuration set's own pool: pool_cfg holds its keys in the account's
     * form (name: the set's), for ippool.h; own_pool 0: the account's pool */
    int own_pool;
    scn_account pool_cfg;
    ippool ips;
} tenant;

void tenant_init(tenant *t, const scn_tenant *cfg, account *acct, const scn_policy *policy);
/* The pool the mail of a stream through it leaves over: the configuration
 * set's own, or NULL (the account's). */
static inline ippool *tenant_pool(tenant *t)
{
    return t && t->own_pool ? &t->ips : NULL;
}
void tenant_destroy(tenant *t);
void tenant_add_list(tenant *t, struct outcome_model *list);

/* May the tenant's streams send now? (SendingStatusAggregate is not DISABLED) */
static inline int tenant_can_send(const tenant *t)
{
    return t->status == TENANT_ENABLED || t->status == TENANT_REINSTATED;
}

/* The impact of a reputation under a tenant's thresholds (pure; for tests). */
tenant_impact tenant_impact_of(const scn_tenant *cfg, const reputation *r);
/* Does the policy pause at this impact? */
int tenant_policy_pauses(int policy, tenant_impact impact);

/* At every hour boundary: the feedback that arrived, the rates and the impact;
 * with decide, the transitions (events on the tenant's account). */
void tenant_hour(tenant *t, int64_t now, int decide);

/* "enabled", "paused", "reinstated", "alarm_paused"; "none", "low", "high". */
const char *tenant_status_name(tenant_status s);
const char *tenant_impact_name(tenant_impact i);
int64_t tenant_time_in(const tenant *t, tenant_status s, int64_t now);

#endif
