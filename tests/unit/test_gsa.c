/* test_gsa.c: the sensitivity estimators (sim/study/gsa.c) on analytic
 * functions: Morris effects of a linear function are its coefficients exactly,
 * Sobol indices of a linear and of the Ishigami function match their known
 * values within stated tolerances. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_math.h>

#include "study/gsa.h"
#include "suite.h"

/* ---- Morris ---- */

static void test_morris_design_moves_one_factor(void)
{
    gsa_morris m;
    gsa_morris_design(&m, 5, 20, 7);
    for (size_t t = 0; t < m.r; t++)
        for (size_t j = 0; j < m.k; j++) {
            const double *a = m.x + (t * (m.k + 1) + j) * m.k, *b = a + m.k;
            size_t changed = 0;
            for (size_t i = 0; i < m.k; i++) {
                CU_ASSERT(a[i] >= 0 && a[i] <= 1 && b[i] >= 0 && b[i] <= 1);
                if (a[i] != b[i]) {
                    changed++;
                    CU_ASSERT_EQUAL(i, m.moved[t * m.k + j]);
                    ASSERT_NEAR(fabs(b[i] - a[i]), 2.0 / 3, 1e-12);
                }
            }
            CU_ASSERT_EQUAL(changed, 1);
        }
    /* every factor moves once per trajectory */
    for (size_t t = 0; t < m.r; t++) {
        unsigned seen = 0;
        for (size_t j = 0; j < m.k; j++)
            seen |= 1u << m.moved[t * m.k + j];
        CU_ASSERT_EQUAL(seen, 31u);
    }
    gsa_morris_free(&m);
}

static void test_morris_design_repeats_with_seed(void)
{
    gsa_morris a, b, c;
    gsa_morris_design(&a, 3, 10, 42);
    gsa_morris_design(&b, 3, 10, 42);
    gsa_morris_design(&c, 3, 10, 43);
    size_t n = 10 * 4 * 3, same = 1, differ = 0;
    for (size_t i = 0; i < n; i++) {
        same &= a.x[i] == b.x[i];
        differ += a.x[i] != c.x[i];
    }
    CU_ASSERT(same);
    CU_ASSERT(differ > 0);
    gsa_morris_free(&a);
    gsa_morris_free(&b);
    gsa_morris_free(&c);
}

/* y = 3 x0 + 0 x1 - 2 x2: every elementary effect is the coefficient, exactly. */
static void test_morris_linear_exact(void)
{
    gsa_morris m;
    gsa_morris_design(&m, 3, 12, 1);
    size_t np = m.r * (m.k + 1);
    double *y = malloc(np * sizeof *y);
    for (size_t p = 0; p < np; p++)
        y[p] = 3 * m.x[p * 3] - 2 * m.x[p * 3 + 2];
    gsa_effects e[3];
    gsa_morris_effects(&m, y, 500, 9, e);
    ASSERT_NEAR(e[0].mu_star, 3, 1e-12);
    ASSERT_NEAR(e[0].mu, 3, 1e-12);
    ASSERT_NEAR(e[0].sigma, 0, 1e-12);
    ASSERT_NEAR(e[0].mu_star_lo, 3, 1e-12);
    ASSERT_NEAR(e[0].mu_star_hi, 3, 1e-12);
    CU_ASSERT_EQUAL(e[1].mu_star, 0); /* a factor the function does not read: exactly 0 */
    CU_ASSERT_EQUAL(e[1].sigma, 0);
    CU_ASSERT_EQUAL(e[1].mu_star_hi, 0);
    ASSERT_NEAR(e[2].mu_star, 2, 1e-12);
    ASSERT_NEAR(e[2].mu, -2, 1e-12);
    free(y);
    gsa_morris_free(&m);
}

/* y = x0 x1: effects vary (sigma > 0) and the bootstrap interval holds mu*. */
static void test_morris_interaction_interval(void)
{
    gsa_morris m;
    gsa_morris_design(&m, 2, 30, 3);
    size_t np = m.r * (m.k + 1);
    double *y = malloc(np * sizeof *y);
    for (size_t p = 0; p < np; p++)
        y[p] = m.x[p * 2] * m.x[p * 2 + 1];
    gsa_effects e[2];
    gsa_morris_effects(&m, y, 1000, 5, e);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT(e[i].sigma > 0.1);
        CU_ASSERT(e[i].mu_star_lo <= e[i].mu_star && e[i].mu_star <= e[i].mu_star_hi);
        CU_ASSERT(e[i].sigma_lo <= e[i].sigma && e[i].sigma <= e[i].sigma_hi);
        /* the mean effect of x0 on x0 x1 is the mean of x1 over the grid's other level: about 1/2 */
        ASSERT_NEAR(e[i].mu_star, 0.5, 0.15);
    }
    free(y);
    gsa_morris_free(&m);
}

/* ---- Sobol ---- */

typedef double (*fn)(const double *x);

static void sobol_of(fn f, size_t m, size_t n, double *first, double *total, int *rc)
{
    gsa_sobol s;
    gsa_sobol_design(&s, m, n);
    size_t np = gsa_sobol_points(&s);
    CU_ASSERT_EQUAL(np, n * (m + 2));
    double *y = malloc(np * sizeof *y), x[GSA_SOBOL_MAX_KEYS];
    for (size_t p = 0; p < np; p++) {
        int block;
        size_t row;
        gsa_sobol_point(&s, p, x, &block, &row);
        y[p] = f(x);
    }
    *rc = gsa_sobol_indices(&s, y, first, total);
    free(y);
    gsa_sobol_free(&s);
}

/* y = x0 + 2 x1 on uniform inputs: S0 = 1/5, S1 = 4/5, and total = first
 * (no interaction). 256 quasi-random base samples: within 0.02. */
static double linear(const double *x) { return x[0] + 2 * x[1]; }

static void test_sobol_linear(void)
{
    double s[2], st[2];
    int rc;
    sobol_of(linear, 2, 256, s, st, &rc);
    CU_ASSERT_EQUAL(rc, 0);
    ASSERT_NEAR(s[0], 0.2, 0.02);
    ASSERT_NEAR(s[1], 0.8, 0.02);
    ASSERT_NEAR(st[0], 0.2, 0.02);
    ASSERT_NEAR(st[1], 0.8, 0.02);
}

/* Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S = 0.3139, 0.4424, 0; ST =
 * 0.5576, 0.4424, 0.2437 (Saltelli et al. 2008, Global Sensitivity Analysis:
 * The Primer). 8192 base samples: within 0.02. */
static double ishigami(const double *u)
{
    double x[3];
    for (int i = 0; i < 3; i++)
        x[i] = -M_PI + 2 * M_PI * u[i];
    return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

static void test_sobol_ishigami(void)
{
    double s[3], st[3];
    int rc;
    sobol_of(ishigami, 3, 8192, s, st, &rc);
    CU_ASSERT_EQUAL(rc, 0);
    ASSERT_NEAR(s[0], 0.3139, 0.02);
    ASSERT_NEAR(s[1], 0.4424, 0.02);
    ASSERT_NEAR(s[2], 0.0, 0.02);
    ASSERT_NEAR(st[0], 0.5576, 0.02);
    ASSERT_NEAR(st[1], 0.4424, 0.02);
    ASSERT_NEAR(st[2], 0.2437, 0.02);
}

static double constant(const double *x) { return (void)x, 4.0; }

static void test_sobol_constant_has_no_indices(void)
{
    double s[2], st[2];
    int rc;
    sobol_of(constant, 2, 16, s, st, &rc);
    CU_ASSERT_EQUAL(rc, -1);
}

static void test_sobol_plan_blocks(void)
{
    gsa_sobol s;
    gsa_sobol_design(&s, 3, 8);
    double x[3], a[3], b[3];
    int block;
    size_t row;
    gsa_sobol_point(&s, 5, a, &block, &row);
    CU_ASSERT_EQUAL(block, -2);
    CU_ASSERT_EQUAL(row, 5);
    gsa_sobol_point(&s, 8 + 5, b, &block, &row);
    CU_ASSERT_EQUAL(block, -1);
    gsa_sobol_point(&s, 2 * 8 + 8 + 5, x, &block, &row); /* AB_1, row 5: A with B's column 1 */
    CU_ASSERT_EQUAL(block, 1);
    CU_ASSERT_EQUAL(row, 5);
    CU_ASSERT(x[0] == a[0] && x[1] == b[1] && x[2] == a[2]);
    gsa_sobol_free(&s);
}

TEST_SUITE(gsa,
           {"morris design moves one factor by delta", test_morris_design_moves_one_factor},
           {"morris design repeats with its seed", test_morris_design_repeats_with_seed},
           {"morris effects of a linear function are exact", test_morris_linear_exact},
           {"morris bootstrap intervals hold the estimate", test_morris_interaction_interval},
           {"sobol indices of a linear function", test_sobol_linear},
           {"sobol indices of the ishigami function", test_sobol_ishigami},
           {"sobol of a constant has no indices", test_sobol_constant_has_no_indices},
           {"sobol plan: A, B and AB_i rows", test_sobol_plan_blocks})
