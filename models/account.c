/* account.c: limits and the service's answer to a submission. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "core/config.h"
#include "core/error.h"
#include "core/rng.h"

/* account.sent_24h (SentLast24Hours of account.from): the day before the start
 * spread evenly over its 24 hours, one entry at the middle of each hour, with
 * cumulative rounding (an assumption: the API gives only the sum). It leaves
 * the quota window an hour's share at a time: 00:30, 01:30, ... 23:30. */
static void prefill_window(account *a, double sent)
{
    int64_t total = (int64_t)sent, done = 0;
    for (int64_t k = 1; total > 0 && k <= 24; k++) {
        int64_t upto = total / 24 * k + total % 24 * k / 24;
        win_add(&a->window, (k - 24) * SIM_MS_PER_H - SIM_MS_PER_H / 2, upto - done);
        done = upto;
    }
}

void account_init(account *a, const scn_account *cfg, const scn_sim *sim)
{
    *a = (account){.cfg = cfg, .stage = cfg->stage, .status = STATUS_HEALTHY,
                   .tally = {.first = {-1, -1, -1}}};
    win_init(&a->window, SIM_QUOTA_WINDOW_MS);
    bucket_init(&a->bucket, cfg->max_rate, 0);
    delay_init(&a->delays);
    ippool_init(&a->ips, cfg);
    a->production_at = cfg->stage == STAGE_PRODUCTION ? 0 : -1;
    a->n_targets = sim->targets.n;
    a->targets = sim->targets.v;
    a->tick = scn_fine_tick(sim);
    a->reached_at = sim_xmalloc((a->n_targets ? a->n_targets : 1) * sizeof *a->reached_at);
    for (size_t i = 0; i < a->n_targets; i++)
        a->reached_at[i] = -1;
    account_set_limits(a, 0, cfg->max24h, cfg->max_rate);
    prefill_window(a, cfg->sent_24h);
}

/* account.status: the account starts under review (with a whole review period
 * ahead: when it began is not known) or paused (an appeal a whole appeal_delay
 * ahead with on_pause = fix). No event, no tally: nothing happened in the run. */
static void start_status(account *a)
{
    const scn_policy *p = a->policy;
    if (a->cfg->status == SCN_STATUS_UNDER_REVIEW) {
        a->status = STATUS_UNDER_REVIEW;
        a->review_until = p->review_period;
    } else if (a->cfg->status == SCN_STATUS_PAUSED) {
        a->status = STATUS_PAUSED;
        a->appeal_at = a->cfg->on_pause == ON_PAUSE_FIX ? p->appeal_delay : -1;
    }
}

int account_same(const account *a, const account *b)
{
    return a == b || (a->cfg && b->cfg && a->cfg->home == b->cfg->home);
}

account *account_next_related(const account *a, const account *r)
{
    account *next = r ? r->group_next : a->group_first;
    while (next && account_same(a, next)) /* itself and its other Regions */
        next = next->group_next;
    return next;
}

account *account_next_region(const account *a, const account *r)
{
    account *next = r ? r->region_next : a->region_first;
    return next == a ? a->region_next : next;
}

void account_attach_service(account *a, const scn_policy *policy, gsl_rng *r,
                            acct_event_fn on_event, void *ctx)
{
    a->policy = policy;
    a->service_rng = r;
    a->on_event = on_event;
    a->event_ctx = ctx;
    rep_init(&a->rep, policy->rep_volume, policy->feedback_horizon / SIM_MS_PER_H,
             policy->rep_min_window / SIM_MS_PER_H);
    bucket_set_burst(&a->bucket, (double)policy->rate_burst / SIM_MS_PER_S);
    a->next_ramp = a->stage == STAGE_PRODUCTION ? policy->ramp_interval : -1;
    start_status(a);
}

void account_add_list(account *a, struct outcome_model *list)
{
    a->lists = sim_xrealloc(a->lists, (a->n_lists + 1) * sizeof *a->lists);
    a->lists[a->n_lists++] = list;
}

void account_tally(account *a, tally_kind kind, int64_t now)
{
    if (!a->tally.times[kind]++)
        a->tally.first[kind] = now;
}

void account_event(const account *a, event_type event, const char *fmt, ...)
{
    if (!a->on_event)
        return;
    char detail[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    a->on_event(a->event_ctx, a, event, detail);
}

void account_destroy(account *a)
{
    if (a->policy)
        rep_destroy(&a->rep);
    win_destroy(&a->window);
    delay_destroy(&a->delays);
    free(a->lists);
    a->lists = NULL;
    free(a->reached_at);
    a->reached_at = NULL;
}

#define SHOWN_NAME(id, name, api) name,
#define SHOWN_API(id, name, api) api,
const char *const account_shown_names[SHOWN_N] = {ACCOUNT_SHOWN_STATUSES(SHOWN_NAME)};
const char *const account_shown_api[SHOWN_N] = {ACCOUNT_SHOWN_STATUSES(SHOWN_API)};

int account_shown_code(const char *name)
{
    for (int i = 0; i < SHOWN_N; i++)
        if (!strcmp(name, account_shown_names[i]))
            return i;
    return -1;
}

account_shown account_shown_status(const account *a)
{
    if (a->status == STATUS_UNDER_REVIEW)
        return SHOWN_UNDER_REVIEW;
    if (a->status == STATUS_PAUSED)
        return SHOWN_PAUSED;
    return a->stage == STAGE_SANDBOX ? SHOWN_SANDBOX : SHOWN_HEALTHY;
}

const char *account_status_name(const account *a)
{
    return account_shown_names[account_shown_status(a)];
}

void account_set_limits(account *a, int64_t now, double max24h, double max_rate)
{
    a->max24h = max24h;
    if (max_rate != a->max_rate)
        bucket_set_rate(&a->bucket, max_rate, now);
    a->max_rate = max_rate;
    for (size_t i = 0; i < a->n_targets; i++)
        if (a->reached_at[i] < 0 && max24h >= a->targets[i])
            a->reached_at[i] = now;
    if (a->changed)
        a->changed(a->observer, now);
}

int64_t account_sent_24h(account *a, int64_t now) { return win_sum(&a->window, now - 1); }

double account_peak_rate(account *a, int64_t now)
{
    if (a->tick <= 0)
        return 0;
    return (double)win_peak(&a->window, now) * SIM_MS_PER_S / (double)a->tick;
}

int64_t account_quota_left(account *a, int64_t now, double utilization)
{
    if (isinf(a->max24h)) /* Max24HourSend = -1: no daily quota (SESv2 SendQuota) */
        return utilization > 0 ? ACCOUNT_UNLIMITED : 0;
    int64_t cap = (int64_t)floor(a->max24h * utilization + 1e-9);
    int64_t left = cap - win_sum(&a->window, now);
    return left > 0 ? left : 0;
}

int64_t account_room(account *a, int64_t now, int64_t span, double utilization)
{
    if (a->status == STATUS_PAUSED)
        return 0;
    int64_t rate = bucket_capacity(&a->bucket, now, span);
    int64_t quota = account_quota_left(a, now, utilization);
    return rate < quota ? rate : quota;
}

/* Of n messages offered, the k that passed the rate limit: their recipient
 * classes, the sandbox's rejections and the quota's refusals; accepted
 * verified and list recipients count against the quota at `now`. */
static acct_reply settle(account *a, int64_t now, int64_t k, int64_t n, const recipient_mix *mix,
                         gsl_rng *r)
{
    acct_reply rep = {0};
    /* Recipient classes of the k messages that get through the rate limit:
     * simulator ones count against the rate only (SES-FACTS), verified ones are
     * all a sandbox may send to. One multinomial draw per batch. */
    int64_t sim = 0, ver = 0, other = k;
    if (k > 0 && (mix->simulator > 0 || mix->verified > 0)) {
        double p[3] = {mix->simulator, mix->verified, fmax(0, 1 - mix->simulator - mix->verified)};
        int64_t c[3];
        rng_multinomial(r, 3, k, p, c); /* k may be over UINT_MAX */
        sim = c[0], ver = c[1], other = c[2];
    }
    if (a->stage == STAGE_SANDBOX) {
        rep.rejected = other;
        other = 0;
    }
    int64_t excess = ver + other - account_quota_left(a, now, 1.0);
    if (excess > 0) { /* over the daily quota: refused, the rest of the batch stays with the sender */
        int64_t cut = excess < other ? excess : other;
        other -= cut;
        ver -= excess - cut;
    }
    rep.accepted = sim + ver + other;
    rep.listed = other;
    rep.refused = n - rep.accepted - rep.rejected;
    win_add(&a->window, now, ver + other);
    return rep;
}

acct_reply account_submit(account *a, int64_t now, int64_t span, int64_t n,
                          const recipient_mix *mix, gsl_rng *r)
{
    if (n <= 0)
        return (acct_reply){0};
    if (a->status == STATUS_PAUSED)
        return (acct_reply){.refused = n};
    int64_t k = bucket_capacity(&a->bucket, now, span);
    /* A call with several recipients that starts while tokens are left goes
     * through whole (SES-FACTS): the last call may overshoot the rate, and the
     * bucket goes negative until it is paid back. */
    if (mix->per_call > 1 && k > 0)
        k = (k + mix->per_call - 1) / mix->per_call * mix->per_call;
    if (k > n)
        k = n;
    acct_reply rep = settle(a, now, k, n, mix, r);
    bucket_take(&a->bucket, now, span, rep.accepted + rep.rejected);
    return rep;
}

acct_reply account_call(account *a, int64_t now, int64_t at, int64_t n, const recipient_mix *mix,
                        gsl_rng *r)
{
    if (n <= 0)
        return (acct_reply){0};
    if (a->status == STATUS_PAUSED || !bucket_open(&a->bucket, at))
        return (acct_reply){.refused = n};
    acct_reply rep = settle(a, now, n, n, mix, r);
    bucket_spend(&a->bucket, rep.accepted + rep.rejected);
    return rep;
}

acct_reply account_submit_spread(account *a, int64_t now, int64_t fine, const int64_t *counts,
                                 size_t n)
{
    acct_reply rep = {0};
    for (size_t i = 0; i < n; i++)
        rep.accepted += counts[i];
    if (rep.accepted <= 0)
        return rep;
    rep.listed = rep.accepted;
    bucket_take(&a->bucket, now, fine * (int64_t)n, rep.accepted);
    for (size_t i = 0; i < n; i++)
        if (counts[i] > 0)
            win_add(&a->window, now + (int64_t)i * fine, counts[i]);
    return rep;
}

acct_reply account_submit_hour(account *a, int64_t now, int64_t fine, size_t n, int64_t total,
                               const double *means, gsl_rng *r)
{
    if (total <= 0)
        return (acct_reply){0};
    bucket_take(&a->bucket, now, fine * (int64_t)n, total);
    win_add_hour(&a->window, now, fine, (uint32_t)n, total, means, r);
    return (acct_reply){.accepted = total, .listed = total};
}

void account_set_status(account *a, int64_t now, acct_status status)
{
    a->time_in_status[a->status] += now - a->status_since;
    a->status_since = now;
    a->status = status;
    if (a->changed)
        a->changed(a->observer, now);
}

int64_t account_time_in(const account *a, acct_status status, int64_t now)
{
    return a->time_in_status[status] + (a->status == status ? now - a->status_since : 0);
}
