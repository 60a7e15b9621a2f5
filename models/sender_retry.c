/* sender_retry.c: sender = retry, a naive SDK client. It submits demand as it
 * comes; each refused (throttled) submission is retried after a random delay,
 * exponential backoff with full jitter as the AWS SDKs do: before attempt k+1 it
 * waits uniform(0, retry_base * 2^(k-1)). After retry_attempts attempts in all,
 * a message is dropped. Every refused attempt counts in `throttled`. With
 * target_utilization below 100%, new demand beyond that share of the quota is
 * dropped without being tried, as sender = drop does.
 *
 * Per batch, not per message: the refused part of a batch at attempt k is split
 * over the ticks its retries fall in with one multinomial draw. Retries that fall
 * in the current tick are tried again at once (and mostly refused again, since
 * the tick's capacity is spent); later ones wait in a small pending list.
 *
 * sender = wait (sender_wait.c) runs the same loop with a fixed wait instead
 * of the jittered backoff. */
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/error.h"
#include "core/rng.h"
#include "sender.h"

typedef struct retry_group {
    int64_t due, attempt, n;
} retry_group;

/* A stream's pending retries: a handful of groups, by due tick and attempt. */
typedef struct retry_state {
    retry_group *v;
    size_t len, cap;
    int64_t waiting; /* messages in the groups, reported as backlog */
} retry_state;

static void add_group(retry_state *rs, int64_t due, int64_t attempt, int64_t n)
{
    if (n <= 0)
        return;
    for (size_t i = 0; i < rs->len; i++)
        if (rs->v[i].due == due && rs->v[i].attempt == attempt) {
            rs->v[i].n += n;
            return;
        }
    if (rs->len == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 16;
        rs->v = sim_xrealloc(rs->v, rs->cap * sizeof *rs->v);
    }
    rs->v[rs->len++] = (retry_group){due, attempt, n};
}

/* Spread n refused messages of attempt k over the ticks their retry falls in. */
static void schedule_retries(stream *s, retry_state *rs, int64_t now, int64_t span,
                             int64_t attempt, int64_t n)
{
    double max_wait = (double)s->cfg->retry_base * (double)(1LL << (attempt - 1 < 40 ? attempt - 1 : 40));
    double spans = max_wait / (double)span; /* up to 100 years x 2^40: compared, not cast */
    size_t buckets = spans >= RETRY_MAX_BUCKETS - 1 ? RETRY_MAX_BUCKETS : (size_t)spans + 1;
    double p[RETRY_MAX_BUCKETS] = {0};
    int64_t c[RETRY_MAX_BUCKETS];
    for (size_t j = 0; j < buckets; j++) {
        double lo = (double)j * (double)span, hi = lo + (double)span;
        if (j == buckets - 1)
            hi = max_wait > hi ? max_wait : hi;
        double top = hi < max_wait ? hi : max_wait;
        p[j] = max_wait > 0 ? (top > lo ? top - lo : 0) / max_wait : (j == 0);
    }
    rng_multinomial(s->send_rng, buckets, n, p, c); /* n may be over UINT_MAX */
    for (size_t j = 0; j < buckets; j++)
        add_group(rs, now + (int64_t)j * span, attempt + 1, c[j]);
}

/* The group due before `end` with the most attempts behind it (the oldest
 * messages go first), or -1. */
static long next_due(const retry_state *rs, int64_t end)
{
    long best = -1;
    for (size_t i = 0; i < rs->len; i++)
        if (rs->v[i].due < end && (best < 0 || rs->v[i].attempt > rs->v[best].attempt))
            best = (long)i;
    return best;
}

/* Refused messages of attempt k wait exactly `wait` ms (sender = wait): they
 * are tried again in the tick holding now + wait, with no draw. */
static void schedule_after(retry_state *rs, int64_t now, int64_t span, int64_t wait,
                           int64_t attempt, int64_t n)
{
    add_group(rs, now + wait / span * span, attempt + 1, n);
}

void sender_retry_tick(stream *s, int64_t now, int64_t span, int64_t demand, int64_t wait)
{
    if (!s->sender_state)
        s->sender_state = sim_xcalloc(1, sizeof(retry_state));
    retry_state *rs = s->sender_state;
    flow_counts d = {.demand = demand};
    if (s->cfg->target_utilization < 1) { /* planned use of the quota: the rest is not tried */
        int64_t planned = stream_quota_left(s, now, s->cfg->target_utilization);
        d.dropped = demand > planned ? demand - planned : 0;
        demand -= d.dropped;
    }
    add_group(rs, now, 1, demand);
    for (long i; (i = next_due(rs, now + span)) >= 0;) {
        retry_group g = rs->v[i];
        rs->v[i] = rs->v[--rs->len];
        acct_reply r = stream_submit(s, now, span, g.n);
        d.sent += r.accepted;
        d.rejected += r.rejected;
        d.throttled += r.refused;
        if (g.attempt >= s->cfg->retry_attempts)
            d.dropped += r.refused;
        else if (wait < 0)
            schedule_retries(s, rs, now, span, g.attempt, r.refused);
        else
            schedule_after(rs, now, span, wait, g.attempt, r.refused);
    }
    int64_t waiting = 0;
    for (size_t i = 0; i < rs->len; i++)
        waiting += rs->v[i].n;
    s->acct->backlog += waiting - rs->waiting;
    rs->waiting = waiting;
    stream_record(s, &d);
}

static void retry_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    sender_retry_tick(s, now, span, demand, -1);
}

void sender_retry_destroy(stream *s)
{
    retry_state *rs = s->sender_state;
    if (rs)
        free(rs->v);
    free(rs);
    s->sender_state = NULL;
}

/* A tick submits at most one group per attempt number: the new demand, and
 * the retries due of each later attempt (retry_base 0 puts them all in the
 * tick they were refused in). */
double sender_retry_work(const scn_traffic *cfg)
{
    return cfg->retry_attempts > 1 ? (double)cfg->retry_attempts : 1;
}

const sender_type sender_retry = {.name = "retry", .tick = retry_tick, .destroy = sender_retry_destroy,
                                  .client = 1, .handling = CLIENT_BACKOFF,
                                  .work = sender_retry_work};
