/* tenant.c: a tenant's reputation, findings and sending status (tenant.h). */
#include <stdlib.h>

#include "core/config.h"
#include "core/error.h"
#include "outcomes.h"
#include "tenant.h"

void tenant_init(tenant *t, const scn_tenant *cfg, account *acct, const scn_policy *policy)
{
    *t = (tenant){.cfg = cfg, .acct = acct, .resume_at = -1, .first_pause = -1};
    /* the window's other rules (horizon, shortest window) are the account's */
    rep_init(&t->rep, cfg->rep_volume, policy->feedback_horizon / SIM_MS_PER_H,
             policy->rep_min_window / SIM_MS_PER_H);
    if (cfg->configset && cfg->ip_pool != CONFIGSET_POOL_ACCOUNT) {
        t->own_pool = 1;
        t->pool_cfg = (scn_account){.name = cfg->name, .ip_pool = cfg->ip_pool - 1,
                                    .dedicated_ips = cfg->dedicated_ips, .warmup = cfg->warmup,
                                    .warmup_days = cfg->warmup_days};
        ippool_init(&t->ips, &t->pool_cfg);
    }
}

void tenant_destroy(tenant *t)
{
    rep_destroy(&t->rep);
    free(t->lists);
    t->lists = NULL;
}

void tenant_add_list(tenant *t, struct outcome_model *list)
{
    t->lists = sim_xrealloc(t->lists, (t->n_lists + 1) * sizeof *t->lists);
    t->lists[t->n_lists++] = list;
}

tenant_impact tenant_impact_of(const scn_tenant *cfg, const reputation *r)
{
    if (!r->representative || cfg->configset) /* a configuration set has no findings */
        return IMPACT_NONE;
    if (r->bounce_rate >= cfg->high_bounce || r->complaint_rate >= cfg->high_complaint)
        return IMPACT_HIGH;
    if (r->bounce_rate >= cfg->low_bounce || r->complaint_rate >= cfg->low_complaint)
        return IMPACT_LOW;
    return IMPACT_NONE;
}

int tenant_policy_pauses(int policy, tenant_impact impact)
{
    /* standard: "high severity" findings; strict: any finding; none: never */
    if (policy == TENANT_POLICY_STANDARD)
        return impact == IMPACT_HIGH;
    if (policy == TENANT_POLICY_STRICT)
        return impact != IMPACT_NONE;
    return 0;
}

static const char *const status_names[TENANT_STATES] = {"enabled", "paused", "reinstated",
                                                        "alarm_paused"};
const char *tenant_status_name(tenant_status s) { return status_names[s]; }

const char *tenant_impact_name(tenant_impact i)
{
    return i == IMPACT_HIGH ? "high" : i == IMPACT_LOW ? "low" : "none";
}

int64_t tenant_time_in(const tenant *t, tenant_status s, int64_t now)
{
    return t->time_in[s] + (t->status == s ? now - t->status_since : 0);
}

/* A configuration set's events: configset_paused, configset_resumed (only the
 * owner's alarm acts on one). */
static event_type configset_event(const tenant *t, event_type event)
{
    if (!t->cfg->configset)
        return event;
    return event == EV_tenant_alarm_paused ? EV_configset_paused : EV_configset_resumed;
}

static void set_status(tenant *t, int64_t now, tenant_status s, event_type event)
{
    t->time_in[t->status] += now - t->status_since;
    t->status_since = now;
    t->status = s;
    account_event(t->acct, configset_event(t, event),
                  "%s %s: bounce_rate %.3f%%, complaint_rate %.4f%%, impact %s",
                  t->cfg->configset ? "configset" : "tenant", t->cfg->name, 100 * t->rep.bounce_rate,
                  100 * t->rep.complaint_rate, tenant_impact_name(t->impact));
}

/* The owner's fix: lists cleaned, metrics from mail sent from now on. */
static void fix(tenant *t, int64_t now)
{
    for (size_t i = 0; i < t->n_lists; i++)
        outcomes_clean_list(t->lists[i]);
    rep_forget_before(&t->rep, now / SIM_MS_PER_H);
    t->impact = IMPACT_NONE;
    t->resume_at = -1;
}

static void policy_pause(tenant *t, int64_t now)
{
    t->pauses++;
    if (t->first_pause < 0)
        t->first_pause = now;
    t->resume_at = t->cfg->reinstate_after >= 0 ? now + t->cfg->reinstate_after : -1;
    set_status(t, now, TENANT_PAUSED, EV_tenant_paused);
}

static int alarm_rings(const tenant *t)
{
    const scn_tenant *c = t->cfg;
    const reputation *r = &t->rep;
    return r->representative && ((c->alarm_bounce > 0 && r->bounce_rate >= c->alarm_bounce) ||
                                 (c->alarm_complaint > 0 && r->complaint_rate >= c->alarm_complaint));
}

static void transitions(tenant *t, int64_t now)
{
    int acts = tenant_policy_pauses(t->cfg->policy, t->impact);
    switch (t->status) {
    case TENANT_PAUSED:
        if (t->resume_at >= 0 && now >= t->resume_at) {
            fix(t, now);
            set_status(t, now, TENANT_REINSTATED, EV_tenant_reinstated);
        }
        return;
    case TENANT_ALARM_PAUSED:
        if (now >= t->resume_at) {
            fix(t, now);
            set_status(t, now, TENANT_ENABLED, EV_tenant_alarm_resumed);
        }
        return;
    default:
        break;
    }
    if (acts) { /* the policy first: SES's pause is what the owner's alarm tries to beat */
        policy_pause(t, now);
    } else if (alarm_rings(t)) {
        t->alarm_pauses++;
        t->resume_at = now + t->cfg->alarm_fix;
        set_status(t, now, TENANT_ALARM_PAUSED, EV_tenant_alarm_paused);
    } else if (t->status == TENANT_REINSTATED && t->rep.representative && t->impact == IMPACT_NONE) {
        set_status(t, now, TENANT_ENABLED, EV_tenant_enabled); /* findings resolved */
    }
}

void tenant_hour(tenant *t, int64_t now, int decide)
{
    int64_t bounces, complaints;
    rep_end_hour(&t->rep, now / SIM_MS_PER_H, &bounces, &complaints);
    flow_counts arrived = {.hard_bounces = bounces, .complaints = complaints};
    flow_add(&t->interval, &arrived);
    flow_add(&t->total, &arrived);
    t->impact = tenant_impact_of(t->cfg, &t->rep);
    if (t->rep.representative) {
        if (t->rep.bounce_rate > t->peak_bounce_rate)
            t->peak_bounce_rate = t->rep.bounce_rate;
        if (t->rep.complaint_rate > t->peak_complaint_rate)
            t->peak_complaint_rate = t->rep.complaint_rate;
    }
    if (decide)
        transitions(t, now);
}
