/* gsa.c: Morris screening with bootstrap intervals and Sobol indices on a
 * quasi-random sequence (see gsa.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/error.h"
#include "gsa.h"

static gsl_rng *seeded(uint64_t seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, (unsigned long)(seed ^ (seed >> 32)));
    return r;
}

/* ---- Morris ---- */

/* One trajectory from a random grid point: the factors in a random order,
 * each moved by delta up when it can be, else down (Morris's B* matrix with
 * random directions visits the grid's levels alike). */
static void trajectory(gsa_morris *m, size_t t, gsl_rng *rng)
{
    const double step = 1.0 / (GSA_LEVELS - 1), delta = GSA_LEVELS / (2.0 * (GSA_LEVELS - 1));
    size_t k = m->k, *order = m->moved + t * k;
    double *x = m->x + t * (k + 1) * k;
    for (size_t i = 0; i < k; i++) {
        x[i] = step * (double)gsl_rng_uniform_int(rng, GSA_LEVELS);
        order[i] = i;
    }
    gsl_ran_shuffle(rng, order, k, sizeof *order);
    for (size_t j = 0; j < k; j++) {
        double *prev = x + j * k, *next = prev + k;
        memcpy(next, prev, k * sizeof *next);
        size_t i = order[j];
        next[i] = prev[i] + delta <= 1 + 1e-12 ? prev[i] + delta : prev[i] - delta;
    }
}

void gsa_morris_design(gsa_morris *m, size_t k, size_t r, uint64_t seed)
{
    *m = (gsa_morris){.k = k, .r = r};
    m->x = sim_xmalloc(r * (k + 1) * k * sizeof *m->x);
    m->moved = sim_xmalloc(r * k * sizeof *m->moved);
    gsl_rng *rng = seeded(seed);
    for (size_t t = 0; t < r; t++)
        trajectory(m, t, rng);
    gsl_rng_free(rng);
}

void gsa_morris_free(gsa_morris *m)
{
    free(m->x);
    free(m->moved);
    *m = (gsa_morris){0};
}

/* ee[i * r + t]: the elementary effect of factor i in trajectory t. */
static void elementary_effects(const gsa_morris *m, const double *y, double *ee)
{
    size_t k = m->k;
    for (size_t t = 0; t < m->r; t++)
        for (size_t j = 0; j < k; j++) {
            size_t p = t * (k + 1) + j, i = m->moved[t * k + j];
            double dx = m->x[(p + 1) * k + i] - m->x[p * k + i];
            ee[i * m->r + t] = (y[p + 1] - y[p]) / dx;
        }
}

/* mu, mu* and sigma of n effects v[pick[0..n-1]] (pick NULL: v[0..n-1]). */
static void moments(const double *v, const size_t *pick, size_t n, double *scratch, gsa_effects *e)
{
    double abs_sum = 0;
    for (size_t t = 0; t < n; t++) {
        scratch[t] = v[pick ? pick[t] : t];
        abs_sum += fabs(scratch[t]);
    }
    e->mu = gsl_stats_mean(scratch, 1, n);
    e->mu_star = abs_sum / (double)n;
    e->sigma = n > 1 ? gsl_stats_sd_m(scratch, 1, n, e->mu) : 0;
}

static void interval(double *v, size_t n, double *lo, double *hi)
{
    gsl_sort(v, 1, n);
    *lo = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.025);
    *hi = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.975);
}

/* Resample the trajectories `boot` times: percentile intervals of mu* and sigma. */
static void bootstrap(const double *ee, size_t r, size_t boot, gsl_rng *rng, gsa_effects *e)
{
    double *mus = sim_xmalloc(boot * sizeof *mus), *sds = sim_xmalloc(boot * sizeof *sds);
    double *scratch = sim_xmalloc(r * sizeof *scratch);
    size_t *pick = sim_xmalloc(r * sizeof *pick);
    for (size_t b = 0; b < boot; b++) {
        for (size_t t = 0; t < r; t++)
            pick[t] = gsl_rng_uniform_int(rng, r);
        gsa_effects one;
        moments(ee, pick, r, scratch, &one);
        mus[b] = one.mu_star;
        sds[b] = one.sigma;
    }
    interval(mus, boot, &e->mu_star_lo, &e->mu_star_hi);
    interval(sds, boot, &e->sigma_lo, &e->sigma_hi);
    free(mus);
    free(sds);
    free(scratch);
    free(pick);
}

void gsa_morris_effects(const gsa_morris *m, const double *y, size_t boot, uint64_t seed,
                        gsa_effects *out)
{
    double *ee = sim_xmalloc(m->k * m->r * sizeof *ee), *scratch = sim_xmalloc(m->r * sizeof *scratch);
    elementary_effects(m, y, ee);
    gsl_rng *rng = seeded(seed);
    for (size_t i = 0; i < m->k; i++) {
        moments(ee + i * m->r, NULL, m->r, scratch, &out[i]);
        if (boot)
            bootstrap(ee + i * m->r, m->r, boot, rng, &out[i]);
        else
            out[i].mu_star_lo = out[i].mu_star_hi = out[i].sigma_lo = out[i].sigma_hi = NAN;
    }
    gsl_rng_free(rng);
    free(ee);
    free(scratch);
}

/* ---- Sobol ---- */

void gsa_sobol_design(gsa_sobol *s, size_t m, size_t n)
{
    *s = (gsa_sobol){.m = m, .n = n};
    s->a = sim_xmalloc(n * m * sizeof *s->a);
    s->b = sim_xmalloc(n * m * sizeof *s->b);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * m));
    double v[2 * GSA_SOBOL_MAX_KEYS];
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, v);
        memcpy(s->a + j * m, v, m * sizeof *v);
        memcpy(s->b + j * m, v + m, m * sizeof *v);
    }
    gsl_qrng_free(q);
}

void gsa_sobol_free(gsa_sobol *s)
{
    free(s->a);
    free(s->b);
    *s = (gsa_sobol){0};
}

size_t gsa_sobol_points(const gsa_sobol *s) { return s->n * (s->m + 2); }

void gsa_sobol_point(const gsa_sobol *s, size_t p, double *x, int *block, size_t *row)
{
    size_t j = p % s->n, which = p / s->n, m = s->m;
    *row = j;
    *block = (int)which - 2;
    memcpy(x, which == 1 ? s->b + j * m : s->a + j * m, m * sizeof *x);
    if (which >= 2)
        x[which - 2] = s->b[j * m + which - 2];
}

int gsa_sobol_indices(const gsa_sobol *s, const double *y, double *first, double *total)
{
    size_t n = s->n;
    const double *fa = y, *fb = y + n;
    double mean = gsl_stats_mean(y, 1, 2 * n);
    double var = gsl_stats_variance_m(y, 1, 2 * n, mean) * (double)(2 * n - 1) / (double)(2 * n);
    if (!(var > 0))
        return -1;
    for (size_t i = 0; i < s->m; i++) {
        const double *fab = y + (2 + i) * n;
        double f = 0, t = 0;
        for (size_t j = 0; j < n; j++) {
            /* f(B) centred: the same estimator in expectation, with far less
             * variance when the mean is large against the spread */
            f += (fb[j] - mean) * (fab[j] - fa[j]);
            t += (fa[j] - fab[j]) * (fa[j] - fab[j]);
        }
        first[i] = f / (double)n / var;
        total[i] = t / (2.0 * (double)n) / var;
    }
    return 0;
}
