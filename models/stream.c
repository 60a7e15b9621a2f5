/* stream.c: a stream's set-up, its tick, and the counting every sender shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "sender.h"
#include "stream.h"

int stream_init(stream *s, const scn_traffic *cfg, account *accounts, const scn_sim *sim,
                rng_set *rngs, sim_err *err)
{
    *s = (stream){.cfg = cfg, .acct = &accounts[cfg->account_index[0]]};
    const char *kind = scn_kind_names[cfg->kind], *sender = scn_sender_names[cfg->sender];
    s->kind = traffic_type_find(kind);
    if (!s->kind)
        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                          "traffic.%s.kind: kind '%s' is not modelled in this version", cfg->name, kind);
    s->sender = sender_type_find(sender);
    if (!s->sender)
        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                          "traffic.%s.sender: sender '%s' is not modelled in this version", cfg->name, sender);
    if (cfg->account.n > 1)
        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                          "traffic.%s.account: streams split over several accounts are not modelled in this version",
                          cfg->name);
    char name[SCN_MAX_NAME + 32];
    snprintf(name, sizeof name, "traffic.%s", cfg->name);
    s->demand_rng = rng_stream(rngs, name);
    snprintf(name, sizeof name, "traffic.%s.send", cfg->name);
    s->send_rng = rng_stream(rngs, name);
    s->mix = (recipient_mix){.verified = cfg->verified, .simulator = cfg->simulator};
    outcomes_init(&s->outcomes, cfg, s->acct->cfg->suppression == SUPPRESSION_SES);
    account_add_list(s->acct, &s->outcomes);
    fifo_init(&s->queue);
    s->source = sim_xcalloc(1, s->kind->state_size);
    return s->kind->init(s->source, cfg, sim, err);
}

void stream_destroy(stream *s)
{
    if (s->sender && s->sender->destroy)
        s->sender->destroy(s);
    if (s->source && s->kind->destroy)
        s->kind->destroy(s->source);
    free(s->source);
    s->source = NULL;
    outcomes_destroy(&s->outcomes);
    fifo_destroy(&s->queue);
}

int stream_tick(stream *s, int64_t now, int64_t span, sim_err *err)
{
    int64_t demand = 0;
    int rc = s->kind->demand(s->source, now, span, s->demand_rng, &demand, err);
    if (!rc)
        s->sender->tick(s, now, span, demand);
    return rc;
}

acct_reply stream_submit(stream *s, int64_t now, int64_t span, int64_t n)
{
    account *a = s->acct;
    acct_reply r = account_submit(a, now, span, n, &s->mix, s->send_rng);
    if (r.accepted <= 0)
        return r;
    double obs_bounce = 0, obs_complaint = 0;
    int observed = s->kind->observed_shares &&
                   s->kind->observed_shares(s->source, now, &obs_bounce, &obs_complaint);
    outcome o;
    outcomes_draw(&s->outcomes, now, r.listed, s->send_rng, observed, obs_bounce, obs_complaint, &o);
    /* verified and simulator recipients are delivered and never in the metrics */
    flow_counts d = {.delivered = o.delivered + (r.accepted - r.listed), .soft_bounces = o.soft};
    flow_add(&a->interval, &d);
    flow_add(&a->total, &d);
    if (a->policy) {
        int64_t hour = now / SIM_MS_PER_H;
        rep_record_sends(&a->rep, hour, o.eligible, o.fbl, s->cfg->content * (double)o.eligible);
        outcomes_schedule(&s->outcomes, &a->rep, now, &o, s->send_rng);
    }
    return r;
}

void stream_record(stream *s, const flow_counts *d)
{
    flow_add(&s->total, d);
    flow_add(&s->acct->interval, d);
    flow_add(&s->acct->total, d);
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
