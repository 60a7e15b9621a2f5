/* calibrate_fit.c: the estimates of `sesim calibrate` (calibrate.h).
 *
 * The list model's mean path (docs/model.md, "Outcomes", with suppression =
 * ses): a list of L addresses, I = invalid x L of them invalid, none
 * suppressed. Before each observed period the valid addresses decay for the
 * time since the last period, V x (1 - (1 - list_decay)^(dt / 30 d)) going
 * invalid; the period's n sends pick at random from the whole list, so
 * n x I / L hard-bounce (and those addresses move to suppressed) and
 * n x S / L hit suppressed addresses (neither delivered nor bounced). Hard
 * bounces come back after the bounce delay: a period's expected bounces are
 * weighted by the share of the lognormal delay that has arrived by the end of
 * the data (the same for complaints), so the data's last hours count what had
 * come back. The hard bounces of each day (24 h from the first period) are
 * binomial with the day's sends and the day's mean share: the likelihood. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>

#include "calibrate.h"
#include "core/config.h"

#define CALIB_Z95 1.959963984540054 /* the normal's 97.5% point */
#define CALIB_BAD 1e300             /* the objective outside [0, 1]^2 */

typedef struct calib_problem {
    const calib_obs *obs;
    size_t n;
    const scn_traffic *fx;
    double *hard, *delivered;    /* per period: expected, weighted by arrival */
    double *sup;                 /* per period: expected picks of suppressed addresses */
    int64_t end;                 /* the end of the data */
} calib_problem;

/* The share of a feedback delay (lognormal, median m) arrived x ms after the send. */
static double arrived(int64_t x, int64_t median, double sigma)
{
    if (x <= 0)
        return 0;
    if (sigma <= 0)
        return x >= median ? 1 : 0;
    return gsl_cdf_lognormal_P((double)x, log(median > 0 ? (double)median : 1.0), sigma);
}

/* The mean path for (invalid, decay): expected hard bounces and FBL deliveries. */
static void mean_path(calib_problem *p, double invalid, double decay)
{
    const scn_traffic *fx = p->fx;
    double L = fx->list_size, I = invalid * L, S = 0, V = L - I;
    int64_t last = p->obs[0].t;
    for (size_t k = 0; k < p->n; k++) {
        const calib_obs *o = &p->obs[k];
        if (o->t > last && decay > 0) {
            double stale = V * (1 - pow(1 - decay, (double)(o->t - last) / (30.0 * SIM_MS_PER_DAY)));
            V -= stale;
            I += stale;
        }
        last = o->t > last ? o->t : last;
        double n = (double)o->sent, h = L > 0 ? n * I / L : 0, sup = L > 0 ? n * S / L : 0;
        double moved = h < I ? h : I;
        I -= moved;
        S += moved;
        p->sup[k] = sup;
        int64_t mid = p->end - (o->t + o->width / 2);
        double dv = n - h - sup > 0 ? n - h - sup : 0;
        p->hard[k] = h * arrived(mid, fx->bounce_delay, fx->feedback_delay_sigma);
        p->delivered[k] = dv * (1 - fx->soft_bounce) *
                          arrived(mid, fx->complaint_delay, fx->feedback_delay_sigma);
    }
}

/* Minus the log-likelihood of the days' hard bounces. */
static double day_nll(const calib_problem *p)
{
    double nll = 0, sent = 0, hard = 0, mean = 0;
    int64_t day0 = p->obs[0].t;
    for (size_t k = 0; k < p->n; k++) {
        const calib_obs *o = &p->obs[k];
        if (o->outcomes) {
            sent += (double)o->sent;
            hard += (double)o->hard;
            mean += p->hard[k];
        }
        int last_of_day = k + 1 == p->n ||
                          (p->obs[k + 1].t - day0) / SIM_MS_PER_DAY != (o->t - day0) / SIM_MS_PER_DAY;
        if (!last_of_day || sent <= 0)
            continue;
        double q = mean / sent;
        if (q >= 1 || (q <= 0 && hard > 0))
            return CALIB_BAD;
        if (q > 0)
            nll -= hard * log(q) + (sent - hard) * log1p(-q);
        sent = hard = mean = 0;
    }
    return nll;
}

static double objective(const gsl_vector *x, void *params)
{
    calib_problem *p = params;
    double invalid = gsl_vector_get(x, 0), decay = gsl_vector_get(x, 1);
    if (invalid < 0 || invalid > 1 || decay < 0 || decay >= 1)
        return CALIB_BAD;
    mean_path(p, invalid, decay);
    return day_nll(p);
}

static double eval2(calib_problem *p, double a, double b)
{
    double v[2] = {a, b};
    gsl_vector_view x = gsl_vector_view_array(v, 2);
    return objective(&x.vector, p);
}

/* Nelder-Mead (GSL's nmsimplex2) from x, restarted once from its result, as
 * the simplex can stop short on a long valley. */
static void minimise(calib_problem *p, double x[2])
{
    gsl_multimin_function fn = {.f = objective, .n = 2, .params = p};
    for (int round = 0; round < 2; round++) {
        gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
        gsl_vector_view start = gsl_vector_view_array(x, 2);
        double st[2] = {x[0] > 1e-4 ? x[0] / 2 : 1e-4, x[1] > 1e-3 ? x[1] / 2 : 5e-3};
        gsl_vector_view step = gsl_vector_view_array(st, 2);
        gsl_multimin_fminimizer_set(m, &fn, &start.vector, &step.vector);
        for (int it = 0; it < CALIB_MAX_ITERATIONS; it++) {
            if (gsl_multimin_fminimizer_iterate(m) ||
                gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), CALIB_TOLERANCE) != GSL_CONTINUE)
                break;
        }
        x[0] = gsl_vector_get(m->x, 0);
        x[1] = gsl_vector_get(m->x, 1);
        gsl_multimin_fminimizer_free(m);
    }
}

/* 95% Wald intervals from the inverse of the numerical Hessian at x (central
 * differences about a centre moved off the bound 0 by one step). */
static void wald(calib_problem *p, const double x[2], calib_estimate *e0, calib_estimate *e1)
{
    double h[2], c[2];
    for (int i = 0; i < 2; i++) {
        h[i] = 1e-3 * (x[i] > 1e-4 ? x[i] : 1e-4);
        c[i] = x[i] > h[i] ? x[i] : h[i];
    }
    double f0 = eval2(p, c[0], c[1]);
    double a = (eval2(p, c[0] + h[0], c[1]) - 2 * f0 + eval2(p, c[0] - h[0], c[1])) / (h[0] * h[0]);
    double d = (eval2(p, c[0], c[1] + h[1]) - 2 * f0 + eval2(p, c[0], c[1] - h[1])) / (h[1] * h[1]);
    double b = (eval2(p, c[0] + h[0], c[1] + h[1]) - eval2(p, c[0] + h[0], c[1] - h[1]) -
                eval2(p, c[0] - h[0], c[1] + h[1]) + eval2(p, c[0] - h[0], c[1] - h[1])) /
               (4 * h[0] * h[1]);
    double det = a * d - b * b;
    calib_estimate *e[2] = {e0, e1};
    double var[2] = {det > 0 ? d / det : -1, det > 0 ? a / det : -1};
    for (int i = 0; i < 2; i++) {
        e[i]->value = x[i];
        e[i]->identified = var[i] > 0 && isfinite(var[i]) && f0 < CALIB_BAD;
        double half = e[i]->identified ? CALIB_Z95 * sqrt(var[i]) : 0;
        e[i]->lo = x[i] - half > 0 ? x[i] - half : 0;
        e[i]->hi = x[i] + half < 1 ? x[i] + half : 1;
    }
}

/* Wilson's 95% score interval of k successes in n trials, divided by `scale`. */
static calib_estimate wilson(double k, double n, double scale)
{
    calib_estimate e = {.identified = n > 0};
    if (n <= 0)
        return e;
    double z2 = CALIB_Z95 * CALIB_Z95, q = k / n > 1 ? 1 : k / n;
    double centre = (q + z2 / (2 * n)) / (1 + z2 / n);
    double half = CALIB_Z95 / (1 + z2 / n) * sqrt(q * (1 - q) / n + z2 / (4 * n * n));
    e.value = q / scale;
    e.lo = (centre - half > 0 ? centre - half : 0) / scale;
    e.hi = (centre + half) / scale;
    return e;
}

static void totals(const calib_obs *obs, size_t n, calib_result *r)
{
    for (size_t k = 0; k < n; k++) {
        const calib_obs *o = &obs[k];
        if (o->outcomes) {
            r->sent += o->sent;
            r->hard += o->hard;
            r->complaints += o->complaints;
        }
        if (o->has_soft)
            r->soft += o->soft;
        r->end = o->t + o->width > r->end ? o->t + o->width : r->end;
    }
    r->first = obs[0].t;
}

/* 3/n, the rule of three: the 95% upper bound of a share seen 0 times in n. */
static double rule_of_three(double n)
{
    return n > 0 ? 3 / n : 1;
}

/* invalid and list_decay without the fit's answer: why not, from the data. */
static void why_list(calib_result *r)
{
    calib_estimate *e[2] = {&r->invalid, &r->list_decay};
    for (int i = 0; i < 2; i++) {
        if (e[i]->identified)
            continue;
        if (r->hard == 0)
            snprintf(e[i]->why, sizeof e[i]->why,
                     i ? "no hard bounces: nothing shows the list going stale"
                       : "no hard bounces in %lld messages: their share is under %.3g%% "
                         "(95%%, the rule of three), an upper bound, not an estimate",
                     (long long)r->sent, 100 * rule_of_three((double)r->sent));
        else
            snprintf(e[i]->why, sizeof e[i]->why,
                     "the likelihood is flat in it: the hard bounces (%lld) do not tell "
                     "invalid from list_decay", (long long)r->hard);
        e[i]->identified = 0;
    }
    if (r->hard == 0)
        r->invalid.identified = r->list_decay.identified = 0;
}

/* complaint and soft_bounce: none seen, or nothing to see them in. */
static void why_shares(calib_result *r, double fbl, double factor, double soft_trials,
                       int has_events)
{
    calib_estimate *c = &r->complaint, *s = &r->soft_bounce;
    if (fbl <= 0)
        snprintf(c->why, sizeof c->why, "no deliveries to feedback loops");
    else if (r->complaints == 0)
        snprintf(c->why, sizeof c->why,
                 "no complaints in about %.0f deliveries to feedback loops: complaint is "
                 "under %.3g%% (95%%, the rule of three), an upper bound, not an estimate",
                 fbl, 100 * rule_of_three(fbl) / factor);
    c->identified = fbl > 0 && r->complaints > 0;
    if (!has_events)
        snprintf(s->why, sizeof s->why, "only event records show Transient bounces");
    else if (r->soft == 0)
        snprintf(s->why, sizeof s->why, "no Transient bounces in %.0f event records' messages",
                 soft_trials);
    s->identified = has_events && r->soft > 0;
}

int calib_fit(const calib_obs *obs, size_t n, const scn_traffic *fixed, calib_result *r,
              sim_err *err)
{
    *r = (calib_result){0};
    if (n)
        totals(obs, n, r);
    if (!n || r->sent <= 0)
        return sim_errorf(err, SIM_EINPUT, "calibrate", 0,
                          "nothing to fit: the exports have no sends with their bounces and complaints");
    calib_problem p = {.obs = obs, .n = n, .fx = fixed, .end = r->end,
                       .hard = sim_xcalloc(n, sizeof(double)),
                       .delivered = sim_xcalloc(n, sizeof(double)),
                       .sup = sim_xcalloc(n, sizeof(double))};
    double x[2] = {r->hard > 0 ? (double)r->hard / (double)r->sent : 1e-4, 0.02};
    minimise(&p, x);
    wald(&p, x, &r->invalid, &r->list_decay);
    r->nll = eval2(&p, x[0], x[1]); /* leaves p's path at the fit */
    double fbl = 0, soft_trials = 0;
    for (size_t k = 0; k < n; k++) {
        fbl += obs[k].outcomes ? p.delivered[k] * fixed->fbl_share : 0;
        /* a soft bounce is of a valid pick: not a hard bounce, nor suppressed */
        if (obs[k].has_soft)
            soft_trials += fmax(0, (double)(obs[k].sent - obs[k].hard) - p.sup[k]);
    }
    double factor = pow(fixed->content_complaint_factor, 1 - fixed->content);
    r->complaint = wilson((double)r->complaints, fbl, factor);
    r->soft_bounce = wilson((double)r->soft, soft_trials, 1);
    int has_events = 0;
    for (size_t k = 0; k < n; k++)
        has_events |= obs[k].has_soft;
    why_list(r);
    why_shares(r, fbl, factor, soft_trials, has_events);
    if (!r->soft_bounce.identified)
        r->soft_bounce.value = fixed->soft_bounce;
    if (!r->complaint.identified)
        r->complaint.value = fixed->complaint;
    free(p.hard);
    free(p.delivered);
    free(p.sup);
    return 0;
}
