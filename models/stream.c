/* stream.c: a stream's set-up, its tick, and the counting every sender shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "stream.h"
#include "tenant.h"

static void window_add(stream *s, int64_t now, int64_t n);

/* SES's answer to one call of a client stream; accepted list recipients join
 * the outcome window once, at the tick's end. */
static acct_reply stream_call(void *ctx, int64_t now, int64_t at, int64_t n)
{
    stream *s = ctx;
    acct_reply r = account_call(s->acct, now, at, n, &s->mix, s->send_rng);
    if (r.accepted > r.listed) {
        flow_counts d = {.delivered = r.accepted - r.listed};
        flow_add(&s->acct->interval, &d);
        flow_add(&s->acct->total, &d);
    }
    s->client_listed += r.listed;
    return r;
}

/* Set up the sending side of a part: its account, sender, random stream, list. */
static void init_part(stream *s, account *acct, const char *rng_name, rng_set *rngs, size_t k)
{
    s->acct = acct;
    s->send_rng = rng_stream(rngs, rng_name);
    s->mix = (recipient_mix){.verified = s->cfg->verified, .simulator = s->cfg->simulator,
                             .per_call = s->cfg->recipients};
    outcomes_init(&s->outcomes, s->cfg, acct->cfg->suppression == SUPPRESSION_SES);
    outcomes_scale_list(&s->outcomes, 1.0 / (double)k);
    account_add_list(acct, &s->outcomes);
    fifo_init(&s->queue);
    if (client_active(s->cfg)) {
        char name[2 * SCN_MAX_NAME + 32];
        snprintf(name, sizeof name, "%s", rng_name);
        /* "traffic.NAME.send[.ACCOUNT]" -> "traffic.NAME.client[.ACCOUNT]" */
        char *send = strstr(name + strlen("traffic.") + strlen(s->cfg->name), ".send");
        snprintf(send, sizeof name - (size_t)(send - name), ".client%s", rng_name + (send - name) + 5);
        s->client_rng = rng_stream(rngs, name);
        s->client = sim_xmalloc(sizeof *s->client);
        client_run_init(s->client, s->cfg, stream_client_handling(s->cfg), s->cfg->client_rate,
                        s->client_rng);
        s->client->answer = stream_call;
        s->client->ctx = s;
        s->client_prev = acct->client_last;
        acct->client_last = s;
    }
}

static void init_other_parts(stream *s, account *accounts, rng_set *rngs)
{
    const scn_traffic *cfg = s->cfg;
    size_t k = cfg->account.n;
    s->n_parts = k;
    s->parts = sim_xcalloc(k, sizeof *s->parts);
    s->parts[0] = s;
    for (size_t i = 1; i < k; i++) {
        stream *p = sim_xcalloc(1, sizeof *p);
        *p = (stream){.cfg = cfg, .kind = s->kind, .sender = s->sender};
        char name[2 * SCN_MAX_NAME + 32];
        snprintf(name, sizeof name, "traffic.%s.send.%s", cfg->name, cfg->account.v[i]);
        init_part(p, &accounts[cfg->account_index[i]], name, rngs, k);
        s->parts[i - 1]->next = p;
        s->parts[i] = p;
    }
}

int stream_init(stream *s, const scn_traffic *cfg, account *accounts, const scn_sim *sim,
                rng_set *rngs, sim_err *err)
{
    *s = (stream){.cfg = cfg};
    s->kind = cfg->kind;
    s->sender = cfg->sender;
    char name[SCN_MAX_NAME + 32];
    snprintf(name, sizeof name, "traffic.%s", cfg->name);
    s->demand_rng = rng_stream(rngs, name);
    snprintf(name, sizeof name, "traffic.%s.send", cfg->name);
    init_part(s, &accounts[cfg->account_index[0]], name, rngs, cfg->account.n);
    if (cfg->account.n > 1)
        init_other_parts(s, accounts, rngs);
    s->source = sim_xcalloc(1, s->kind->state_size);
    /* the other parts read the source too (observed shares of replayed statistics) */
    for (size_t i = 1; i < s->n_parts; i++)
        s->parts[i]->source = s->source;
    return s->kind->init(s->source, cfg, sim, err);
}

client_handling stream_client_handling(const scn_traffic *cfg)
{
    return cfg->sender->handling;
}

static void destroy_part(stream *s)
{
    if (s->sender && s->sender->destroy)
        s->sender->destroy(s);
    outcomes_destroy(&s->outcomes);
    fifo_destroy(&s->queue);
    if (s->client)
        client_run_destroy(s->client);
    free(s->client);
    s->client = NULL;
    free(s->client_group);
    s->client_group = NULL;
}

void stream_destroy(stream *s)
{
    for (size_t i = 1; i < s->n_parts; i++) {
        destroy_part(s->parts[i]);
        free(s->parts[i]);
    }
    free(s->parts);
    s->parts = NULL;
    destroy_part(s);
    if (s->source && s->kind->destroy)
        s->kind->destroy(s->source);
    free(s->source);
    s->source = NULL;
}

/* The schedule cap of day `day` (from 1): the count of the last step on or
 * before it; none before the first step. */
static double cap_of_day(const scn_points *cap, int64_t day)
{
    double v = INFINITY;
    for (size_t i = 0; i < cap->n && cap->x[i] <= (double)day; i++)
        v = cap->y[i];
    return v;
}

double stream_cap_left(const stream *s, int64_t now)
{
    if (!s->cfg->cap.n)
        return INFINITY;
    int64_t day = now / SIM_MS_PER_DAY + 1;
    return cap_of_day(&s->cfg->cap, day) - (day == s->cap_day ? (double)s->cap_used : 0);
}

/* A stream with a schedule cap hands its sender at most the day's cap; the
 * rest goes to the legacy provider at once, counted as overflow (of the first
 * part's account). Returns what the sender gets. */
static int64_t apply_cap(stream *s, int64_t now, int64_t demand)
{
    int64_t day = now / SIM_MS_PER_DAY + 1;
    if (day != s->cap_day) {
        s->cap_day = day;
        s->cap_used = 0;
    }
    double left = cap_of_day(&s->cfg->cap, day) - (double)s->cap_used;
    int64_t pass = (double)demand <= left ? demand : (int64_t)left;
    s->cap_used += pass;
    if (demand > pass) {
        flow_counts d = {.demand = demand - pass, .overflow = demand - pass};
        stream_record(s, &d);
    }
    return pass;
}

/* A client part's tick after its calls: list recipients into the outcome
 * window, the backlog, the counts. */
static void client_settle(stream *s, int64_t now)
{
    client_run *c = s->client;
    if (s->client_listed > 0)
        window_add(s, now, s->client_listed);
    int64_t waiting = c->queued + c->requeued + c->flying;
    s->acct->backlog += waiting - s->client_waiting;
    s->client_waiting = waiting;
    stream_record(s, &c->d);
}

/* The clients of s's account, s last: built at the first tick, when every
 * part has been set up. */
static void client_group(stream *s)
{
    for (stream *p = s; p; p = p->client_prev)
        s->n_client_group++;
    s->client_group = sim_xcalloc(s->n_client_group, sizeof *s->client_group);
    size_t i = s->n_client_group;
    for (stream *p = s; p; p = p->client_prev)
        s->client_group[--i] = p->client;
}

client_run *const *stream_client_group(stream *s, size_t *n, size_t *k)
{
    stream *last = s->acct->client_last;
    if (!last->client_group)
        client_group(last);
    *n = last->n_client_group;
    for (*k = 0; *k < *n && last->client_group[*k] != s->client; ++*k)
        ;
    return last->client_group;
}

/* A client stream's tick: the demand joins the client's queue (with
 * target_utilization < 100%, what is beyond the planned quota is dropped
 * untried, as retry does). The calls go one by one at the turn of the
 * account's last client part, those of all its client parts together
 * (client_run_group), so that they compete for the bucket call by call. */
static void client_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    client_run *c = s->client;
    c->d = (flow_counts){.demand = demand};
    if (s->cfg->target_utilization < 1) {
        int64_t planned = account_quota_left(s->acct, now, s->cfg->target_utilization);
        c->d.dropped = demand > planned ? demand - planned : 0;
        demand -= c->d.dropped;
    }
    client_run_queue(c, demand, span);
    s->client_listed = 0;
    if (s->acct->client_last != s)
        return;
    if (!s->client_group)
        client_group(s);
    client_run_group(s->client_group, s->n_client_group, now, span);
    for (size_t i = 0; i < s->n_client_group; i++)
        client_settle(s->client_group[i]->ctx, now);
}

static void part_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    if (s->client)
        client_tick(s, now, span, demand);
    else
        s->sender->tick(s, now, span, demand);
}

int stream_tick(stream *s, int64_t now, int64_t span, sim_err *err)
{
    int64_t demand = 0;
    int rc = s->kind->demand(s->source, now, span, s->demand_rng, &demand, err);
    if (rc)
        return rc;
    s->last_demand = demand;
    if (s->cfg->cap.n)
        demand = apply_cap(s, now, demand);
    if (!s->parts) {
        part_tick(s, now, span, demand);
        return 0;
    }
    if (s->cfg->route == ROUTE_FAILOVER) {
        /* all to the first part; a later one sends what an earlier one handed over */
        for (size_t i = 0; i < s->n_parts; i++)
            part_tick(s->parts[i], now, span, i ? 0 : demand);
        return 0;
    }
    /* Equal shares; the remainder goes to parts in an order that rotates each tick. */
    size_t k = s->n_parts, first = (size_t)(s->ticks++ % k);
    int64_t base = demand / (int64_t)k, rem = demand % (int64_t)k;
    for (size_t i = 0; i < k; i++) {
        int64_t extra = (int64_t)((i + k - first) % k) < rem;
        part_tick(s->parts[i], now, span, base + extra);
    }
    return 0;
}

int stream_hand_over(stream *s, int64_t n)
{
    if (!s->next)
        return 0;
    s->next->carry += n;
    return 1;
}

/* Add outcome counts to the stream's tenant and configuration set. */
static void count_entities(stream *s, const flow_counts *d)
{
    struct tenant *e[2] = {s->tenant, s->configset};
    for (int i = 0; i < 2; i++)
        if (e[i]) {
            flow_add(&e[i]->interval, d);
            flow_add(&e[i]->total, d);
        }
}

/* May the stream's tenant and configuration set send now? */
static int entities_can_send(const stream *s)
{
    return (!s->tenant || tenant_can_send(s->tenant)) &&
           (!s->configset || tenant_can_send(s->configset));
}

/* Add outcome counts to the part's account (and its tenant, configuration set). */
static void count_flow(stream *s, const flow_counts *d)
{
    flow_add(&s->acct->interval, d);
    flow_add(&s->acct->total, d);
    count_entities(s, d);
}

/* sim.mailboxes = on: SES's deliveries go to the providers instead; their
 * answer comes back through stream_mailbox_feedback. SES's own soft bounces
 * stay; SES's complaint draw is replaced by the providers' reports, and the
 * complaint rate's denominator by the mail sent to feedback-loop providers. */
static void to_mailboxes(stream *s, int64_t at, outcome *o)
{
    mbx_mail mail = {.pool = s->pool_index, .at = at, .valid = o->delivered, .unknown = o->hard,
                     .content = s->cfg->content, .report = outcomes_complaint_probability(s->cfg),
                     .complaint_delay = s->cfg->complaint_delay, .origin = s,
                     .shares = s->cfg->mailbox_share,
                     .domain = s->cfg->domain && *s->cfg->domain ? s->cfg->domain_index : -1};
    count_flow(s, &(flow_counts){.soft_bounces = o->soft});
    o->fbl = mbx_send(s->mbx, &mail);
    o->complaints = 0;
}

void stream_mailbox_feedback(void *origin, const mbx_feedback *f)
{
    stream *s = origin;
    count_flow(s, &(flow_counts){.delivered = f->delivered, .soft_bounces = f->soft_bounces});
    if (!s->acct->policy || (!f->bounces && !f->complaints))
        return;
    rep_schedule(&s->acct->rep, f->send_hour, f->arrival_hour, f->bounces, f->complaints);
    if (s->tenant)
        rep_schedule(&s->tenant->rep, f->send_hour, f->arrival_hour, f->bounces, f->complaints);
    if (s->configset)
        rep_schedule(&s->configset->rep, f->send_hour, f->arrival_hour, f->bounces, f->complaints);
}

/* The providers' index of the pool a part's mail leaves over: its
 * configuration set's own, else its account's. */
static size_t pool_index_of(const stream *p, const mailboxes *m, const account *accounts)
{
    const ippool *own = tenant_pool(p->configset);
    for (size_t o = m->n_acct; own && o < m->n_pools; o++)
        if (m->pools[o] == own)
            return o;
    return (size_t)(p->acct - accounts);
}

void stream_attach_mailboxes(stream *s, mailboxes *m, const account *accounts)
{
    size_t n = s->parts ? s->n_parts : 1;
    for (size_t i = 0; i < n; i++) {
        stream *p = s->parts ? s->parts[i] : s;
        p->mbx = m;
        p->pool_index = pool_index_of(p, m, accounts);
    }
}

/* Draw the outcomes of a part's window at its mean send time, then empty it. */
static void flush_part(stream *s)
{
    outcome_window *w = &s->pending;
    if (w->listed <= 0)
        return;
    account *a = s->acct;
    int64_t at = w->first + llround(w->offsets / (double)w->listed);
    /* sends and their feedback in one reputation hour, the first send's, even
     * if a caller's window crossed an hour (the run's never do) */
    int64_t hour_end = (w->first / SIM_MS_PER_H + 1) * SIM_MS_PER_H - 1;
    if (at > hour_end)
        at = hour_end;
    outcome o;
    outcomes_draw(&s->outcomes, at, w->listed, s->send_rng, w->observed, w->obs_bounce,
                  w->obs_complaint, &o);
    if (s->mbx) {
        to_mailboxes(s, at, &o);
    } else {
        ippool *pool = tenant_pool(s->configset); /* the set's own pool, else the account's */
        if (pool ? ippool_dedicated(pool->cfg) : ippool_dedicated(a->cfg))
            ippool_split(pool ? pool : &a->ips, at, o.eligible);
        count_flow(s, &(flow_counts){.delivered = o.delivered, .soft_bounces = o.soft});
    }
    if (a->policy) {
        reputation *also[3] = {0};
        size_t n = 0;
        if (s->tenant)
            also[n++] = &s->tenant->rep;
        if (s->configset)
            also[n++] = &s->configset->rep;
        rep_record_sends(&a->rep, at / SIM_MS_PER_H, o.eligible, o.fbl,
                         s->cfg->content * (double)o.eligible);
        for (size_t i = 0; i < n; i++)
            rep_record_sends(also[i], at / SIM_MS_PER_H, o.eligible, o.fbl,
                             s->cfg->content * (double)o.eligible);
        outcomes_schedule2(&s->outcomes, &a->rep, n ? also : NULL, at, &o, s->send_rng);
    }
    *w = (outcome_window){0};
}

void stream_flush_outcomes(stream *s)
{
    if (!s->parts) {
        flush_part(s);
        return;
    }
    for (size_t i = 0; i < s->n_parts; i++)
        flush_part(s->parts[i]);
}

/* Add n accepted list recipients to the window; replayed shares that changed
 * since the window opened close it first (one window, one set of shares), and
 * a window that holds a sizeable part of its list closes at once (the list's
 * suppression and invalid share move on, as they did when drawn per tick). */
static void window_add(stream *s, int64_t now, int64_t n)
{
    outcome_window *w = &s->pending;
    double bounce = 0, complaint = 0;
    int observed = s->kind->observed_shares &&
                   s->kind->observed_shares(s->source, now, &bounce, &complaint);
    if (w->listed > 0 &&
        (observed != w->observed || bounce != w->obs_bounce || complaint != w->obs_complaint))
        flush_part(s);
    if (w->listed == 0)
        *w = (outcome_window){.first = now, .observed = observed, .obs_bounce = bounce,
                              .obs_complaint = complaint};
    w->offsets += (double)(now - w->first) * (double)n;
    w->listed += n;
    if (!observed && outcomes_sizeable(&s->outcomes, w->listed))
        flush_part(s);
}

/* The mean time of an hour batch's ticks weighted by their means: where a
 * Poisson batch's sends join the outcome window (their placement in the ticks
 * is not drawn; docs/model.md says what this approximates). */
static int64_t spread_mean_time(const stream *s, int64_t now)
{
    /* Equal means: the weighted mean is the middle tick's time, (n - 1) x fine
     * / 2, exactly. The loop's sums err by at most about 2n x 2^-53 relatively
     * (positive terms, normal numbers; under 10^-9 for n up to 3.6 million
     * ticks of 1 ms, under 0.004 ms), so when that middle is a whole
     * millisecond llround gives it, bit for bit as the loop would. */
    double m = s->spread_means[0];
    int64_t twice = (int64_t)(s->n_spread - 1) * s->fine;
    if (s->spread_uniform && twice % 2 == 0 && isnormal(m) && s->spread_sum < 1e300)
        return now + twice / 2;
    double moment = 0;
    for (size_t i = 0; i < s->n_spread; i++)
        moment += (double)i * s->spread_means[i];
    return now + llround(moment / s->spread_sum * (double)s->fine);
}

/* An hour batch's submission: taken whole (the run proved it can be); with
 * noise = none entered tick by tick, with Poisson noise as one hour entry. */
static acct_reply submit_spread(stream *s, int64_t now, int64_t n)
{
    account *a = s->acct;
    if (a->status == STATUS_PAUSED || a->stage != STAGE_PRODUCTION || n != s->spread_n) {
        fprintf(stderr, "sesim: internal error: an hour batch offered %lld of %lld\n",
                (long long)n, (long long)s->spread_n);
        abort();
    }
    if (!s->spread) {
        acct_reply r = account_submit_hour(a, now, s->fine, s->n_spread, n,
                                           s->spread_uniform ? NULL : s->spread_means,
                                           s->demand_rng);
        window_add(s, spread_mean_time(s, now), n);
        return r;
    }
    acct_reply r = account_submit_spread(a, now, s->fine, s->spread, s->n_spread);
    for (size_t i = 0; i < s->n_spread; i++)
        if (s->spread[i] > 0)
            window_add(s, now + (int64_t)i * s->fine, s->spread[i]);
    return r;
}

void stream_batch(stream *s, int64_t now, int64_t fine, size_t n, const double *means,
                  double sum, int uniform, int64_t *counts)
{
    int64_t demand = traffic_profile_batch(s->source, n, means, sum, s->demand_rng, counts);
    s->last_demand = demand;
    /* the run proved that the cap cannot bind in the hour: without noise it
     * cannot; with Poisson noise, if it does after all (probability at most
     * TICKPLAN_EPSILON), the hour's cut is taken from the hour as a whole */
    if (s->cfg->cap.n)
        demand = apply_cap(s, now, demand);
    if (demand < s->last_demand && s->cfg->noise != NOISE_POISSON) {
        fprintf(stderr, "sesim: internal error: a schedule cap bound in an hour batch\n");
        abort();
    }
    s->spread_n = demand;
    s->spread = s->cfg->noise == NOISE_POISSON ? NULL : counts;
    s->spread_means = means;
    s->spread_sum = sum;
    s->spread_uniform = uniform;
    s->n_spread = n;
    s->fine = fine;
    s->sender->tick(s, now, fine * (int64_t)n, demand);
    s->spread = NULL;
    s->n_spread = 0;
}

void stream_attach_tenant(stream *s, struct tenant *t)
{
    if (t->cfg->configset)
        s->configset = t;
    else
        s->tenant = t;
    if (t->cfg->suppression_scope == SCOPE_TENANT) /* the tenant's own suppression list */
        s->outcomes.suppress = t->cfg->suppression == SUPPRESSION_SES;
    tenant_add_list(t, &s->outcomes);
}

int64_t stream_room(stream *s, int64_t now, int64_t span, double utilization)
{
    if (!entities_can_send(s))
        return 0;
    return account_room(s->acct, now, span, utilization);
}

int64_t stream_quota_left(stream *s, int64_t now, double utilization)
{
    if (!entities_can_send(s))
        return 0;
    return account_quota_left(s->acct, now, utilization);
}

acct_reply stream_submit(stream *s, int64_t now, int64_t span, int64_t n)
{
    account *a = s->acct;
    if (!entities_can_send(s))
        return (acct_reply){.refused = n > 0 ? n : 0}; /* as a paused account refuses */
    if (s->n_spread && n > 0)
        return submit_spread(s, now, n);
    acct_reply r = account_submit(a, now, span, n, &s->mix, s->send_rng);
    /* verified and simulator recipients are delivered and never in the metrics */
    if (r.accepted > r.listed) {
        flow_counts d = {.delivered = r.accepted - r.listed};
        flow_add(&a->interval, &d);
        flow_add(&a->total, &d);
        count_entities(s, &d);
    }
    if (r.listed > 0)
        window_add(s, now, r.listed);
    return r;
}

void stream_record(stream *s, const flow_counts *d)
{
    flow_add(&s->total, d);
    flow_add(&s->acct->interval, d);
    flow_add(&s->acct->total, d);
    count_entities(s, d);
}

typedef struct wait_ctx {
    account *acct;
    int64_t now;
} wait_ctx;

static void record_wait(void *ctx, int64_t arrival, int64_t n)
{
    wait_ctx *w = ctx;
    delay_add(&w->acct->delays, w->now - arrival, n);
}

void stream_dequeue(stream *s, int64_t now, int64_t k)
{
    wait_ctx w = {s->acct, now};
    fifo_take(&s->queue, k, record_wait, &w);
}

int64_t stream_trim_queue(stream *s)
{
    if (!isfinite(s->cfg->max_backlog) || (double)s->queue.sum <= s->cfg->max_backlog)
        return 0;
    int64_t excess = s->queue.sum - (int64_t)s->cfg->max_backlog;
    fifo_take_back(&s->queue, excess);
    return excess;
}
