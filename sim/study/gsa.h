/* gsa.h: global sensitivity analysis on the unit cube [0, 1]^k, the methods
 * behind `sesim sensitivity` (docs/sensitivity.md):
 *
 *  - Morris elementary effects (Morris 1991; mu* of Campolongo, Cariboni and
 *    Saltelli 2007): r trajectories on a grid of GSA_LEVELS levels, each moving
 *    one factor at a time by delta = p / (2 (p - 1)); the elementary effect of
 *    factor i is (y(after) - y(before)) / (x_i(after) - x_i(before)), so it is
 *    the change of the response per whole range of the factor. mu* is the mean
 *    of their absolute values, sigma their standard deviation (n - 1), with
 *    bootstrap percentile intervals over the trajectories.
 *  - Sobol first-order and total indices on GSL's quasi-random Sobol sequence
 *    (gsl_qrng_sobol, 2m dimensions: A from the first m, B from the last m):
 *    first order by Saltelli (2010), S_i = mean(f(B) (f(AB_i) - f(A))) / V,
 *    total by Jansen (1999), ST_i = mean((f(A) - f(AB_i))^2) / 2 / V, with V
 *    the variance of f over A and B together.
 *
 * Pure functions of the design and the responses (no runs, no files), so the
 * unit tests check them on analytic functions. Random choices come from a GSL
 * generator seeded by the caller: same seed, same design. */
#ifndef SESIM_GSA_H
#define SESIM_GSA_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

typedef struct gsa_morris {
    size_t k, r;   /* factors, trajectories */
    double *x;     /* r (k + 1) points of k coordinates: point j of trajectory t at t (k + 1) + j */
    size_t *moved; /* r k: the factor that changes between points j and j + 1 of trajectory t */
} gsa_morris;

/* r trajectories for k factors (k >= 1, r >= 2). */
void gsa_morris_design(gsa_morris *m, size_t k, size_t r, uint64_t seed);
void gsa_morris_free(gsa_morris *m);

typedef struct gsa_effects {
    double mu, mu_star, sigma;
    double mu_star_lo, mu_star_hi, sigma_lo, sigma_hi; /* 95% bootstrap intervals */
} gsa_effects;

/* The effects of every factor from y (one response per point of the design),
 * into out[0..k-1]; `boot` bootstrap resamples of the trajectories. */
void gsa_morris_effects(const gsa_morris *m, const double *y, size_t boot, uint64_t seed,
                        gsa_effects *out);

typedef struct gsa_sobol {
    size_t m, n;  /* factors, base samples */
    double *a, *b; /* n m each: row j of A and of B */
} gsa_sobol;

/* The sampling plan of m factors (1..GSA_SOBOL_MAX_KEYS) with n base samples:
 * n (m + 2) points, A's rows, then B's, then AB_1's ... AB_m's. */
void gsa_sobol_design(gsa_sobol *s, size_t m, size_t n);
void gsa_sobol_free(gsa_sobol *s);
size_t gsa_sobol_points(const gsa_sobol *s);
/* Point p of the plan (m coordinates into x); *block is -2 for A, -1 for B,
 * i for AB_i; *row the row j (0-based). */
void gsa_sobol_point(const gsa_sobol *s, size_t p, double *x, int *block, size_t *row);
/* First-order and total indices of every factor from y (one response per
 * point). Returns 0, or -1 when the responses do not vary (no indices). */
int gsa_sobol_indices(const gsa_sobol *s, const double *y, double *first, double *total);

#endif
