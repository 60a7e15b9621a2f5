/* tickplan.c: sim.tick = auto. At each whole hour, decide whether the coming
 * hour can be one batch per stream (no limit can bind, nothing depends on the
 * time within the hour) or must run at the fine tick. The conditions are those
 * of docs/model.md ("Ticks with sim.tick = auto"); each is conservative: when
 * in doubt, the hour runs at the fine tick, which is always exact. */
#include <math.h>
#include <stdlib.h>

#include "core/config.h"
#include "run_int.h"

/* 1 when P(Poisson(mu) > k) <= eps, by the Chernoff bound
 * P(X >= j) <= e^-mu (e mu / j)^j for j > mu. */
static int poisson_below(double mu, double k, double eps)
{
    if (k < 0)
        return 0;
    if (mu <= 0)
        return 1;
    double j = floor(k) + 1;
    if (j <= mu)
        return 0;
    return -mu + j * (1 + log(mu / j)) <= log(eps);
}

/* 1 when a stream's hour demand, of mean `hour`, stays within `room`: without
 * noise it exceeds its mean by at most 1 (cumulative rounding); with Poisson
 * noise except with probability at most TICKPLAN_EPSILON. */
static int hour_fits(const scn_traffic *c, double hour, double room)
{
    if (isinf(room))
        return room > 0;
    return c->noise == NOISE_POISSON ? poisson_below(hour, room, TICKPLAN_EPSILON)
                                     : hour + 1 <= room;
}

/* What every stream on one account may send in the hour: the Poisson part's
 * means (per tick and in all) and the deterministic part's bounds (a
 * cumulatively rounded count exceeds its mean by less than 1). While every
 * stream added has equal tick means, every tick's sum is the same value, bit
 * for bit (the same additions of the same numbers): it is kept once, in
 * same_poisson and same_fixed, and the per-tick arrays are filled only when a
 * stream with unequal means comes (per_tick = 1). */
typedef struct load {
    double *poisson, *fixed; /* per tick, when per_tick */
    double same_poisson, same_fixed; /* every tick's, while !per_tick */
    double hour_poisson, hour_fixed;
    double cap;              /* the smallest quota cap of its streams */
    int used, per_tick;
} load;

/* The planner's buffers, kept for the run: the streams' tick means of the
 * hour last planned (stream_batch takes them) and the accounts' loads. */
struct tickplan {
    size_t n;        /* ticks in an hour */
    double *means;   /* n per stream */
    double *sums;    /* per stream */
    int *uniform;    /* per stream: its n means are equal */
    double *per_tick; /* 2 n per account */
    load *loads;     /* per account */
};

static struct tickplan *plan_of(world *w, size_t n)
{
    if (!w->plan) {
        size_t ns = w->scn->n_traffic, na = w->scn->n_accounts;
        struct tickplan *p = sim_xmalloc(sizeof *p);
        *p = (struct tickplan){.n = n, .means = sim_xmalloc(ns * n * sizeof *p->means),
                               .sums = sim_xmalloc(ns * sizeof *p->sums),
                               .uniform = sim_xmalloc(ns * sizeof *p->uniform),
                               .per_tick = sim_xmalloc(2 * n * na * sizeof *p->per_tick),
                               .loads = sim_xmalloc(na * sizeof *p->loads)};
        w->plan = p;
    }
    return w->plan;
}

void tickplan_destroy(world *w)
{
    if (!w->plan)
        return;
    free(w->plan->means);
    free(w->plan->sums);
    free(w->plan->uniform);
    free(w->plan->per_tick);
    free(w->plan->loads);
    free(w->plan);
    w->plan = NULL;
}

const double *tickplan_means(const world *w, size_t i, double *sum, int *uniform)
{
    *sum = w->plan->sums[i];
    *uniform = w->plan->uniform[i];
    return w->plan->means + i * w->plan->n;
}

/* Add a stream's tick means (plus `extra` each) to its account's load. */
static void load_add(load *l, int poisson, const double *means, int uniform, double extra,
                     size_t n)
{
    if (uniform && !l->per_tick) {
        *(poisson ? &l->same_poisson : &l->same_fixed) += means[0] + extra;
        return;
    }
    if (!l->per_tick) {
        for (size_t i = 0; i < n; i++) {
            l->poisson[i] = l->same_poisson;
            l->fixed[i] = l->same_fixed;
        }
        l->per_tick = 1;
    }
    double *ticks = poisson ? l->poisson : l->fixed;
    for (size_t i = 0; i < n; i++)
        ticks[i] += means[i] + extra;
}

/* The conditions on the stream alone; 1 when it may be batched. Adds its
 * demand (means: its ticks', filled here) to its account's load. */
static int stream_ok(stream *s, load *l, int64_t now, int64_t fine, size_t n, double *means,
                     double *sum, int *uniform)
{
    const scn_traffic *c = s->cfg;
    /* a client stream sends call by call inside its tick, a tenant's or a
     * configuration set's stream answers to its status: never batched */
    if (!s->kind->profile || s->parts || s->client || s->tenant || s->configset || c->verified > 0 ||
        c->simulator > 0)
        return 0;
    double hour = *sum = traffic_profile_means(s->source, now, fine, n, means, uniform);
    load_add(l, c->noise == NOISE_POISSON, means, *uniform, c->noise == NOISE_POISSON ? 0 : 1, n);
    if (c->noise == NOISE_POISSON)
        l->hour_poisson += hour;
    else
        l->hour_fixed += hour + 1;
    /* the outcome window must not close early (over 1/20 of the list) */
    double room = (double)outcomes_window_limit(&s->outcomes) - (double)s->pending.listed;
    /* a schedule cap must not bind: the hour's demand fits in what the
     * day's cap has left (an hour lies within one day) */
    int ok = hour_fits(c, hour, room) && hour_fits(c, hour, stream_cap_left(s, now));
    account *a = s->acct;
    double cap = isinf(a->max24h) ? (c->target_utilization > 0 ? INFINITY : 0)
                                  : floor(a->max24h * c->target_utilization + 1e-9);
    if (!l->used || cap < l->cap)
        l->cap = cap;
    l->used = 1;
    return ok && hour < 1e9; /* counts of an hour far below 2^32 */
}

/* The largest of v[0..n-1] and 0. */
static double largest(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = m > v[i] ? m : v[i];
    return m;
}

/* The conditions on an account with streams; 1 when its hour can be a batch. */
static int account_ok(account *a, const load *l, int64_t now, int64_t fine, size_t n)
{
    if (a->stage != STAGE_PRODUCTION || a->status == STATUS_PAUSED || a->backlog != 0 ||
        !bucket_full(&a->bucket, now))
        return 0;
    /* rate: no tick of the hour may spend more than its refill, so that none is
     * cut and the bucket is full after each (union bound over the ticks) */
    double per_tick = floor(a->max_rate * (double)fine / SIM_MS_PER_S + 1e-9);
    /* the largest of each: the bound of every tick */
    double mu = l->per_tick ? largest(l->poisson, n) : largest(&l->same_poisson, 1);
    double fixed = l->per_tick ? largest(l->fixed, n) : largest(&l->same_fixed, 1);
    if (!poisson_below(mu, per_tick - fixed, TICKPLAN_EPSILON / (double)n))
        return 0;
    if (isinf(l->cap))
        return 1;
    /* quota: what the window holds now, plus the whole hour, fits under the cap */
    double left = l->cap - (double)win_sum(&a->window, now) - l->hour_fixed;
    return poisson_below(l->hour_poisson, left, TICKPLAN_EPSILON);
}

static int all_ok(world *w, struct tickplan *p, int64_t now, int64_t fine)
{
    const scenario *scn = w->scn;
    size_t n = p->n;
    for (size_t i = 0; i < scn->n_traffic; i++) {
        stream *s = &w->streams[i];
        if (!stream_ok(s, &p->loads[s->acct - w->accounts], now, fine, n, p->means + i * n,
                       &p->sums[i], &p->uniform[i]))
            return 0;
    }
    for (size_t k = 0; k < scn->n_accounts; k++)
        if (p->loads[k].used && !account_ok(&w->accounts[k], &p->loads[k], now, fine, n))
            return 0;
    return 1;
}

int tickplan_batch_hour(world *w, int64_t now)
{
    const scn_sim *sim = &w->scn->sim;
    int64_t fine = sim->tick_fine;
    /* whole hours only, boundaries only at whole hours, nothing else due in
     * the hour (requests and their decisions run at their own millisecond) */
    if (now % SIM_MS_PER_H || sim->interval % SIM_MS_PER_H || fine >= SIM_MS_PER_H ||
        now + SIM_MS_PER_H > sim->duration || engine_next_other(&w->engine) < now + SIM_MS_PER_H)
        return 0;
    size_t n = (size_t)(SIM_MS_PER_H / fine);
    struct tickplan *p = plan_of(w, n);
    for (size_t k = 0; k < w->scn->n_accounts; k++)
        p->loads[k] = (load){.poisson = p->per_tick + 2 * n * k,
                             .fixed = p->per_tick + 2 * n * k + n};
    return all_ok(w, p, now, fine);
}
