/* outcomes.c: the list model, outcome draws and feedback delays. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/config.h"
#include "core/error.h"
#include "outcomes.h"
#include "core/rng.h"

void outcomes_init(outcome_model *m, const scn_traffic *cfg, int suppress)
{
    *m = (outcome_model){.cfg = cfg, .suppress = suppress};
    m->list.invalid = llround(cfg->list_size * cfg->invalid);
    m->list.valid = llround(cfg->list_size) - m->list.invalid;
}

void outcomes_clean_list(outcome_model *m) { m->list.invalid = 0; }

void outcomes_scale_list(outcome_model *m, double share)
{
    if (share >= 1)
        return;
    m->list.valid = llround((double)m->list.valid * share);
    m->list.invalid = llround((double)m->list.invalid * share);
}

/* Valid addresses that went stale since the last update; updated at most once
 * an hour of simulated time (decay is slow: percent per month). */
static void decay(mail_list *l, const scn_traffic *cfg, int64_t now, gsl_rng *r)
{
    if (cfg->list_decay <= 0 || l->valid <= 0) {
        l->decayed_until = now;
        return;
    }
    if (now < l->decayed_until + SIM_MS_PER_H)
        return;
    double months = (double)(now - l->decayed_until) / (30.0 * SIM_MS_PER_DAY);
    double p = 1 - pow(1 - cfg->list_decay, months);
    int64_t stale = rng_binomial(r, p, l->valid);
    l->valid -= stale;
    l->invalid += stale;
    l->decayed_until = now;
}

static int64_t binom(gsl_rng *r, double p, int64_t n)
{
    if (n <= 0 || p <= 0)
        return 0;
    if (p >= 1)
        return n;
    return rng_binomial(r, p, n);
}

static int64_t list_total(const mail_list *l) { return l->valid + l->invalid + l->suppressed; }

int outcomes_sizeable(const outcome_model *m, int64_t n)
{
    int64_t total = list_total(&m->list);
    return total > 0 && n > total / OUTCOME_SIZEABLE; /* n * 20 > total, without overflow */
}

int64_t outcomes_window_limit(const outcome_model *m)
{
    int64_t total = list_total(&m->list);
    return total > 0 ? total / OUTCOME_SIZEABLE : INT64_MAX;
}

/* Split n recipients over suppressed, invalid and valid addresses: without
 * replacement (hypergeometric) when the batch is a sizeable part of the list,
 * else with replacement (binomial), which differs by less than the batch's share
 * of the list. Both cost O(1) (rng_hypergeometric, not GSL's O(n) sampler, which
 * took half a replay's time at an hourly tick); the binomial is the cheaper.
 * Lists of 4e9 and more stay binomial (the ratio-of-uniforms test loses
 * precision there). */
static void pick_recipients(const mail_list *l, int64_t n, gsl_rng *r, outcome *o)
{
    int64_t total = list_total(l);
    if (total <= 0) {
        o->suppressed = o->hard = 0;
        return;
    }
    if (n <= total && n > total / OUTCOME_SIZEABLE && total < 4000000000LL) {
        o->suppressed = l->suppressed ? rng_hypergeometric(r, l->suppressed, l->valid + l->invalid, n) : 0;
        int64_t rest = n - o->suppressed;
        o->hard = l->invalid ? rng_hypergeometric(r, l->invalid, l->valid, rest) : 0;
        return;
    }
    o->suppressed = binom(r, (double)l->suppressed / (double)total, n);
    o->hard = binom(r, (double)l->invalid / (double)(l->valid + l->invalid), n - o->suppressed);
}

double outcomes_complaint_probability(const scn_traffic *cfg)
{
    return fmin(1.0, cfg->complaint * pow(cfg->content_complaint_factor, 1.0 - cfg->content));
}

void outcomes_draw(outcome_model *m, int64_t now, int64_t n, gsl_rng *r, int have_observed,
                   double obs_bounce, double obs_complaint, outcome *o)
{
    const scn_traffic *cfg = m->cfg;
    mail_list *l = &m->list;
    *o = (outcome){0};
    if (n <= 0)
        return;
    if (have_observed) {
        o->hard = binom(r, obs_bounce, n);
    } else {
        decay(l, cfg, now, r);
        pick_recipients(l, n, r, o);
        if (m->suppress) {
            /* a big batch may hit one address more than once: only distinct
             * addresses join the suppression list (at most all the invalid ones) */
            int64_t newly = o->hard < l->invalid ? o->hard : l->invalid;
            l->invalid -= newly;
            l->suppressed += newly;
        }
    }
    o->eligible = n - o->suppressed;
    int64_t valid = o->eligible - o->hard;
    o->soft = binom(r, cfg->soft_bounce, valid);
    o->delivered = valid - o->soft;
    o->fbl = binom(r, cfg->fbl_share, o->delivered);
    if (have_observed) /* observed complaints per attempt, carried by the FBL part */
        o->complaints = binom(r, cfg->fbl_share > 0 ? fmin(1, obs_complaint / cfg->fbl_share) : 0, o->fbl);
    else
        o->complaints = binom(r, outcomes_complaint_probability(cfg), o->fbl);
}

/* Arrival hour of one message sent at `now` after a lognormal delay:
 * median x e^(sigma z), z standard normal by GSL's ziggurat (mostly one
 * uniform and a table look-up; gsl_ran_lognormal's polar method costs a log
 * and a sqrt per pair, and log(median) came on top). Sigma 0: the median,
 * without a draw. Capped at the horizon (hours). */
static int64_t arrival_hour(int64_t now, int64_t median, double sigma, int64_t horizon, gsl_rng *r)
{
    double delay = 0;
    if (median > 0)
        delay = sigma > 0 ? (double)median * exp(sigma * gsl_ran_gaussian_ziggurat(r, 1.0))
                          : (double)median;
    double cap = (double)horizon * SIM_MS_PER_H;
    return (now + (int64_t)fmin(delay, cap)) / SIM_MS_PER_H;
}

/* P(delay < x ms) of the lognormal; sigma 0: a step at the median. */
static double delay_cdf(double x, int64_t median, double sigma)
{
    if (sigma <= 0)
        return (double)median < x ? 1.0 : 0.0;
    return gsl_cdf_lognormal_P(x, log(median > 0 ? (double)median : 1.0), sigma);
}

/* For arrival k = 0..horizon hours after the send hour (sending at mid-hour on
 * average): P(bin k | not in an earlier bin), the last bin taking all that is
 * left. */
static double *delay_bins(int64_t median, double sigma, int64_t horizon)
{
    double *p = sim_xmalloc((size_t)(horizon + 1) * sizeof *p);
    double prev = 0;
    for (int64_t k = 0; k <= horizon; k++) {
        double edge = ((double)k + 0.5) * SIM_MS_PER_H;
        double cdf = k == horizon ? 1.0 : delay_cdf(edge, median, sigma);
        p[k] = prev < 1 ? fmin(1.0, (cdf - prev) / (1 - prev)) : 1.0;
        prev = cdf;
    }
    return p;
}

/* Arrival-hour tables shared by every stream of the process with the same delay
 * median, shape and horizon (most scenarios have one or two medians, so 10,000
 * streams need two tables, not 20,000), counted so the last user frees them.
 * Processes are single-threaded (replications run in worker processes). */
typedef struct shared_bins {
    int64_t median, horizon;
    double sigma;
    unsigned refs;
    double *p;
} shared_bins;

static shared_bins *bins_cache;
static size_t bins_len, bins_cap;

/* The table for a delay distribution, made on first use; each call takes a
 * reference. Few distinct ones: a linear scan. */
static const double *bins_acquire(int64_t median, double sigma, int64_t horizon)
{
    for (size_t i = 0; i < bins_len; i++)
        if (bins_cache[i].median == median && bins_cache[i].sigma == sigma &&
            bins_cache[i].horizon == horizon) {
            bins_cache[i].refs++;
            return bins_cache[i].p;
        }
    if (bins_len == bins_cap) {
        bins_cap = bins_cap ? 2 * bins_cap : 4;
        bins_cache = sim_xrealloc(bins_cache, bins_cap * sizeof *bins_cache);
    }
    bins_cache[bins_len] = (shared_bins){median, horizon, sigma, 1, delay_bins(median, sigma, horizon)};
    return bins_cache[bins_len++].p;
}

static void bins_release(const double *p)
{
    for (size_t i = 0; p && i < bins_len; i++) {
        if (bins_cache[i].p != p || --bins_cache[i].refs)
            continue;
        free(bins_cache[i].p);
        bins_cache[i] = bins_cache[--bins_len];
        if (!bins_len) {
            free(bins_cache);
            bins_cache = NULL;
            bins_cap = 0;
        }
        return;
    }
}

void outcomes_destroy(outcome_model *m)
{
    bins_release(m->delay_bins[0]);
    bins_release(m->delay_bins[1]);
    m->delay_bins[0] = m->delay_bins[1] = NULL;
}

/* Spread `count` feedback messages (kind 0 bounces, 1 complaints) over their
 * arrival hours: a few get a delay each; many are split by conditional binomial
 * draws over the hours, the multinomial draw that gsl_ran_multinomial makes,
 * but stopping as soon as every message has its hour (most arrive within a few
 * hours, and the calendar has 337). */
/* Feedback into the account's reputation and, for a tenant's or a
 * configuration set's stream, theirs too (`also`, NULL-terminated, or NULL:
 * the same arrivals, no extra draw). */
static void schedule2(reputation *rep, reputation *const *also, int64_t send_hour, int64_t arrival,
                      int64_t bounces, int64_t complaints)
{
    rep_schedule(rep, send_hour, arrival, bounces, complaints);
    for (size_t i = 0; also && also[i]; i++)
        rep_schedule(also[i], send_hour, arrival, bounces, complaints);
}

static void spread(outcome_model *m, reputation *rep, reputation *const *also, int64_t now, int kind,
                   int64_t count, gsl_rng *r)
{
    int64_t median = kind == 0 ? m->cfg->bounce_delay : m->cfg->complaint_delay;
    double sigma = m->cfg->feedback_delay_sigma;
    int64_t send_hour = now / SIM_MS_PER_H;
    if (count <= OUTCOME_FEW) {
        for (int64_t i = 0; i < count; i++)
            schedule2(rep, also, send_hour, arrival_hour(now, median, sigma, rep->horizon, r),
                      kind == 0, kind == 1);
        return;
    }
    if (!m->delay_bins[kind])
        m->delay_bins[kind] = bins_acquire(median, sigma, rep->horizon);
    const double *cond = m->delay_bins[kind];
    for (int64_t k = 0; k <= rep->horizon && count > 0; k++) {
        int64_t c = binom(r, cond[k], count);
        count -= c;
        if (c)
            schedule2(rep, also, send_hour, send_hour + k, kind == 0 ? c : 0, kind == 1 ? c : 0);
    }
}

void outcomes_schedule(outcome_model *m, reputation *rep, int64_t now, const outcome *o,
                       gsl_rng *r)
{
    outcomes_schedule2(m, rep, NULL, now, o, r);
}

void outcomes_schedule2(outcome_model *m, reputation *rep, reputation *const *also, int64_t now,
                        const outcome *o, gsl_rng *r)
{
    spread(m, rep, also, now, 0, o->hard, r);
    spread(m, rep, also, now, 1, o->complaints, r);
}
