/* client.c: the table of client limiters and the sending of a tick call by
 * call (docs/model.md "Client streams"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "client.h"
#include "core/config.h"
#include "core/error.h"

const client_type client_none = {.name = "none"};

static const client_type *const client_types[] = {
    &client_none,
    &client_window,
    &client_bucket,
    &client_workers,
    NULL,
};

const client_type *client_type_at(size_t i)
{
    return i < sizeof client_types / sizeof client_types[0] ? client_types[i] : NULL;
}

int client_active(const scn_traffic *cfg) { return cfg->client && cfg->client->next; }

void client_run_init(client_run *c, const scn_traffic *cfg, client_handling h, double rate,
                     gsl_rng *r)
{
    *c = (client_run){.type = cfg->client, .cfg = cfg, .handling = h, .rng = r,
                      .lat_mu = log(cfg->client_latency > 0 ? (double)cfg->client_latency : 1)};
    c->limiter = sim_xcalloc(1, c->type->state_size);
    c->type->init(c->limiter, cfg, rate, r);
}

void client_run_destroy(client_run *c)
{
    if (c->type && c->type->destroy)
        c->type->destroy(c->limiter);
    free(c->limiter);
    free(c->due);
    free(c->fly);
    free(c->hist);
    *c = (client_run){0};
}

void client_run_queue(client_run *c, int64_t n, int64_t span)
{
    c->queued += n;
    c->span = span;
    if (c->n_hist >= CLIENT_HIST_TICKS)
        return;
    if ((c->n_hist & (c->n_hist - 1)) == 0) /* 0, 1, 2, 4, ...: grow to the next power of two */
        c->hist = sim_xrealloc(c->hist, (c->n_hist ? 2 * c->n_hist : 1) * sizeof *c->hist);
    c->hist[c->n_hist++] = n;
}

/* A call's latency: lognormal with median client_latency, rounded to the ms;
 * a median of 0 means no latency and draws nothing. */
static int64_t latency(client_run *c)
{
    if (c->cfg->client_latency <= 0)
        return 0;
    if (c->cfg->client_latency_sigma <= 0)
        return c->cfg->client_latency;
    /* exp(mu + sigma z) with z from the ziggurat: the same lognormal as
     * gsl_ran_lognormal at a third of its cost (no log or sqrt per draw) */
    double x = exp(c->lat_mu + gsl_ran_gaussian_ziggurat(c->rng, c->cfg->client_latency_sigma));
    return (int64_t)(x + 0.5); /* x > 0: rounds half away from zero, as llround */
}

static int before(const client_call *a, const client_call *b)
{
    return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

/* Put a call on its way (arguments as scalars: no struct copies through the
 * stack, which cost a store-forwarding stall a call). */
static void fly_push(client_run *c, int64_t at, int64_t n, int attempt, int slot)
{
    if (c->n_fly == c->cap_fly) {
        c->cap_fly = c->cap_fly ? 2 * c->cap_fly : 64;
        c->fly = sim_xrealloc(c->fly, c->cap_fly * sizeof *c->fly);
    }
    int64_t seq = c->seq++;
    c->flying += n;
    size_t i = c->n_fly++;
    while (i > 0) {
        const client_call *up = &c->fly[(i - 1) / 2];
        if (!(at < up->at || (at == up->at && seq < up->seq)))
            break;
        c->fly[i] = *up;
        i = (i - 1) / 2;
    }
    client_call *x = &c->fly[i];
    x->at = at, x->seq = seq, x->n = n, x->attempt = attempt, x->slot = slot;
}

static client_call fly_pop(client_run *c)
{
    client_call top = c->fly[0], last = c->fly[--c->n_fly];
    c->flying -= top.n;
    size_t i = 0, n = c->n_fly;
    for (;;) {
        size_t k = 2 * i + 1;
        if (k >= n)
            break;
        if (k + 1 < n && before(&c->fly[k + 1], &c->fly[k]))
            k++;
        if (!before(&c->fly[k], &last))
            break;
        c->fly[i] = c->fly[k];
        i = k;
    }
    if (n)
        c->fly[i] = last;
    return top;
}

static void due_push(client_run *c, int64_t due, int64_t n, int attempt)
{
    if (c->due_head > 0 && c->due_head == c->due_len) /* empty: start over */
        c->due_head = c->due_len = 0;
    if (c->due_len == c->due_cap) {
        if (c->due_head > 0) { /* compact */
            memmove(c->due, c->due + c->due_head, (c->due_len - c->due_head) * sizeof *c->due);
            c->due_len -= c->due_head;
            c->due_head = 0;
        }
        if (c->due_len == c->due_cap) {
            c->due_cap = c->due_cap ? 2 * c->due_cap : 16;
            c->due = sim_xrealloc(c->due, c->due_cap * sizeof *c->due);
        }
    }
    c->due[c->due_len++] = (client_due){due, n, attempt};
    c->requeued += n;
}

/* When the next call could have mail: now if messages are queued, else when
 * the oldest requeued call is due; INT64_MAX when there is none. */
static int64_t mail_at(const client_run *c, int64_t t)
{
    if (c->queued > 0)
        return t;
    if (c->due_head < c->due_len)
        return c->due[c->due_head].due > t ? c->due[c->due_head].due : t;
    return INT64_MAX;
}

/* Start a call at `at`: a requeued call due by then first, whole; else up to
 * `recipients` queued messages. */
static void start_call(client_run *c, int64_t at, int slot)
{
    client_call call = {.slot = slot, .attempt = 1};
    if (c->due_head < c->due_len && c->due[c->due_head].due <= at) {
        client_due *d = &c->due[c->due_head++];
        call.n = d->n, call.attempt = d->attempt;
        c->requeued -= d->n;
    } else {
        call.n = c->queued < c->cfg->recipients ? c->queued : c->cfg->recipients;
        c->queued -= call.n;
    }
    c->type->start(c->limiter, at, slot);
    fly_push(c, at + latency(c), call.n, call.attempt, slot);
}

/* What the client does with a call SES refused at call->at. */
static void on_refused(client_run *c, client_call *call)
{
    int last = call->attempt >= c->cfg->retry_attempts;
    c->throttled_calls++;
    c->d.throttled += call->n;
    if (last || c->handling == CLIENT_GIVE_UP) {
        c->d.dropped += call->n;
    } else if (c->handling == CLIENT_BACKOFF) { /* the SDK retries inside the call: the worker stays busy */
        double cap = (double)c->cfg->retry_base * ldexp(1, call->attempt - 1 < 40 ? call->attempt - 1 : 40);
        int64_t wait = (int64_t)floor(gsl_rng_uniform(c->rng) * cap);
        fly_push(c, call->at + wait + latency(c), call->n, call->attempt + 1, call->slot);
        return;
    } else { /* wait: back to the client's queue, due retry_wait later */
        due_push(c, call->at + c->cfg->retry_wait, call->n, call->attempt + 1);
    }
    if (c->type->done)
        c->type->done(c->limiter, call->at, call->slot);
}

/* Answer the call on its way that reaches SES first. Returns 1 when that may
 * change the client's next start (a worker freed, a call requeued). */
static int answer_call(client_run *c, int64_t now)
{
    client_call call = fly_pop(c);
    acct_reply r = c->answer(c->ctx, now, call.at, call.n);
    c->calls++;
    c->d.sent += r.accepted;
    c->d.rejected += r.rejected;
    if (r.refused > 0) {
        call.n = r.refused; /* over the quota: the refused part is the call now */
        on_refused(c, &call);
        return 1;
    }
    if (c->type->done) {
        c->type->done(c->limiter, call.at, call.slot);
        return 1;
    }
    return 0;
}

/* The next start the limiter allows from the last one (c->t), in [.., end). */
static void plan(client_run *c, int64_t end)
{
    int slot = -1;
    int64_t m = mail_at(c, c->t);
    int64_t s = m < end ? c->type->next(c->limiter, m, &slot) : INT64_MAX;
    c->s = s >= end ? INT64_MAX : s;
    c->slot = slot;
}

/* The instant of the client's next action in the tick (INT64_MAX: none):
 * an answer (*ans = 1) when a call reaches SES at or before the next start. */
static int64_t action_at(const client_run *c, int64_t end, int *ans)
{
    *ans = c->n_fly && c->fly[0].at <= c->s && c->fly[0].at < end;
    return *ans ? c->fly[0].at : c->s;
}

void client_run_group(client_run *const *cs, size_t n, int64_t now, int64_t span)
{
    int64_t end = now + span;
    for (size_t i = 0; i < n; i++) {
        cs[i]->t = now;
        plan(cs[i], end);
    }
    for (;;) {
        size_t best = n;
        int64_t at = INT64_MAX;
        int ans = 0;
        for (size_t i = 0; i < n; i++) {
            int a;
            int64_t x = action_at(cs[i], end, &a);
            if (x < at)
                at = x, best = i, ans = a;
        }
        if (best == n)
            break;
        client_run *c = cs[best];
        if (!ans) {
            start_call(c, c->s, c->slot);
            c->t = c->s;
            plan(c, end);
        } else if (answer_call(c, now)) {
            plan(c, end);
        }
    }
}

void client_run_tick(client_run *c, int64_t now, int64_t span, client_answer_fn answer, void *ctx)
{
    c->answer = answer;
    c->ctx = ctx;
    client_run_group(&c, 1, now, span);
}
