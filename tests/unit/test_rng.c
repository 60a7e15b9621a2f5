/* test_rng.c: random streams per (seed, replication, component). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/rng.h"
#include "suite.h"

#define DRAWS 1000

static void draws(rng_set *s, const char *component, unsigned long out[DRAWS])
{
    gsl_rng *r = rng_stream(s, component);
    for (int i = 0; i < DRAWS; i++)
        out[i] = gsl_rng_get(r);
}

/* Number of positions where two sequences agree. */
static int agree(const unsigned long *a, const unsigned long *b)
{
    int n = 0;
    for (int i = 0; i < DRAWS; i++)
        n += a[i] == b[i];
    return n;
}

static void test_same_inputs_same_sequence(void)
{
    static unsigned long a[DRAWS], b[DRAWS];
    rng_set *s1 = rng_set_create(42, 3), *s2 = rng_set_create(42, 3);
    draws(s1, "traffic.news", a);
    draws(s2, "traffic.news", b);
    CU_ASSERT_EQUAL(agree(a, b), DRAWS);
    rng_set_destroy(s1);
    rng_set_destroy(s2);
}

/* Changing any one of seed, rep or component changes the sequence (taus2 draws
 * are 32-bit: two unrelated streams agree at a position with chance 2^-32, so a
 * handful of agreements in 1,000 would already be suspicious; we allow 1). */
static void test_different_inputs_differ(void)
{
    static unsigned long base[DRAWS], other[DRAWS];
    rng_set *s = rng_set_create(42, 3);
    draws(s, "traffic.news", base);
    draws(s, "traffic.newt", other);
    CU_ASSERT(agree(base, other) <= 1);
    draws(s, "account.main.outcomes", other);
    CU_ASSERT(agree(base, other) <= 1);
    rng_set_destroy(s);

    s = rng_set_create(42, 4); /* another replication */
    draws(s, "traffic.news", other);
    CU_ASSERT(agree(base, other) <= 1);
    rng_set_destroy(s);

    s = rng_set_create(43, 3); /* another seed */
    draws(s, "traffic.news", other);
    CU_ASSERT(agree(base, other) <= 1);
    rng_set_destroy(s);

    /* seed and rep are not interchangeable */
    CU_ASSERT_NOT_EQUAL(rng_seed_of(1, 2, "x"), rng_seed_of(2, 1, "x"));
    CU_ASSERT_NOT_EQUAL(rng_seed_of(0, 0, "x"), rng_seed_of(0, 0, "y"));
    CU_ASSERT_NOT_EQUAL(rng_seed_of(0, 0, ""), rng_seed_of(0, 1, ""));
}

/* rng_stream returns the same generator for a name, whose state continues. */
static void test_stream_identity(void)
{
    rng_set *s = rng_set_create(7, 0), *fresh = rng_set_create(7, 0);
    gsl_rng *a = rng_stream(s, "a");
    gsl_rng *b = rng_stream(s, "b");
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    unsigned long x1 = gsl_rng_get(a);
    CU_ASSERT_PTR_EQUAL(rng_stream(s, "a"), a);
    unsigned long x2 = gsl_rng_get(rng_stream(s, "a"));
    gsl_rng *f = rng_stream(fresh, "a");
    CU_ASSERT_EQUAL(gsl_rng_get(f), x1);
    CU_ASSERT_EQUAL(gsl_rng_get(f), x2);
    /* Many streams (past the set's first growth): every name keeps its generator. */
    gsl_rng *seen[100];
    char name[32];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof name, "component.%d", i);
        seen[i] = rng_stream(s, name);
    }
    int same = 0;
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof name, "component.%d", i);
        same += rng_stream(s, name) == seen[i];
    }
    CU_ASSERT_EQUAL(same, 100);
    CU_ASSERT_PTR_EQUAL(rng_stream(s, "a"), a);
    CU_ASSERT_PTR_EQUAL(rng_stream(s, "b"), b);
    rng_set_destroy(s);
    rng_set_destroy(fresh);
}

/* A component's draws do not depend on which other streams exist or on the
 * order they were created in (adding a model does not shift another's draws). */
static void test_creation_order_independent(void)
{
    static unsigned long a[DRAWS], b[DRAWS];
    rng_set *s1 = rng_set_create(5, 1), *s2 = rng_set_create(5, 1);
    gsl_rng_get(rng_stream(s1, "first"));
    gsl_rng_get(rng_stream(s1, "second"));
    draws(s1, "target", a);
    draws(s2, "target", b);
    CU_ASSERT_EQUAL(agree(a, b), DRAWS);
    rng_set_destroy(s1);
    rng_set_destroy(s2);
}

/* The mixing is pinned: a change of it changes every run's random numbers and
 * must be deliberate. rng_mix64(0) is splitmix64's well-known first output. */
static void test_seed_pinned(void)
{
    CU_ASSERT_EQUAL(rng_mix64(0), 0xe220a8397b1dcdafULL);
    CU_ASSERT_EQUAL(rng_seed_of(1, 0, "traffic.newsletter"), 0x8583e10e7e9b6480ULL);
    CU_ASSERT_EQUAL(rng_seed_of(1, 0, "traffic.newsletter"), rng_seed_of(1, 0, "traffic.newsletter"));
    /* First draw of a pinned stream: the seeding of GSL's taus2 state (all 96
     * bits from the 64-bit seed, sim/rng.c) is pinned too. */
    rng_set *s = rng_set_create(1, 0);
    CU_ASSERT_EQUAL(gsl_rng_get(rng_stream(s, "traffic.newsletter")), 2501238630UL);
    rng_set_destroy(s);
}

/* ---- rng_poisson ------------------------------------------------------- */

enum { POIS_N = 200000 }; /* draws per mean */

/* A discrete distribution for the goodness-of-fit test. */
typedef struct dist {
    double (*pmf)(int64_t k, const double *par);
    double (*cdf)(int64_t k, const double *par); /* P(X <= k) */
    double par[3];
} dist;

/* Pearson's chi-square of draws against a pmf over [lo, hi]: cells of
 * consecutive values, each closed once it expects >= 20 draws; the first also
 * takes the lower tail, the last the upper. Returns the p-value. */
static double chisq_p(const int64_t *x, size_t n, int64_t lo, int64_t hi, const dist *d)
{
    size_t span = (size_t)(hi - lo + 1);
    double *obs = calloc(span, sizeof *obs);
    for (size_t i = 0; i < n; i++) {
        int64_t k = x[i] < lo ? lo : x[i] > hi ? hi : x[i];
        obs[k - lo] += 1;
    }
    double chi = 0, cell_o = 0, used = 0;
    double cell_e = d->cdf(lo - 1, d->par) * (double)n;
    int cells = 0;
    for (int64_t k = lo; k <= hi; k++) {
        double e = k == hi ? (double)n - used - cell_e : d->pmf(k, d->par) * (double)n;
        cell_e += e;
        cell_o += obs[k - lo];
        if (cell_e >= 20 && (double)n - used - cell_e >= 20) {
            chi += (cell_o - cell_e) * (cell_o - cell_e) / cell_e;
            used += cell_e;
            cells++;
            cell_e = cell_o = 0;
        }
    }
    chi += (cell_o - cell_e) * (cell_o - cell_e) / cell_e; /* the upper tail's cell */
    cells++;
    free(obs);
    return gsl_cdf_chisq_Q(chi, cells - 1);
}

static double pois_pmf(int64_t k, const double *par) { return gsl_ran_poisson_pdf((unsigned)k, par[0]); }
static double pois_cdf(int64_t k, const double *par)
{
    return k < 0 ? 0 : gsl_cdf_poisson_P((unsigned)k, par[0]);
}

static double poisson_chisq_p(const int64_t *x, size_t n, double mu)
{
    dist d = {pois_pmf, pois_cdf, {mu}};
    int64_t lo = (int64_t)fmax(0, floor(mu - 8 * sqrt(mu)));
    return chisq_p(x, n, lo, (int64_t)ceil(mu + 8 * sqrt(mu)) + 20, &d);
}

/* Means on both sides of the switch to PTRS (10) and far above it: the sample
 * mean within 5 standard errors (sqrt(mu / N)), the sample variance within 5
 * of its standard errors (sqrt((mu + 2 mu^2) / N) for a Poisson), and the
 * chi-square fit to the pmf not rejected at p = 0.001. Fixed seed: the draws,
 * and so the outcome, are the same every run. */
static void test_poisson_distribution(void)
{
    const double means[] = {3.5, 9.99, 10, 37.5, 1000, 1e6};
    int64_t *x = malloc(POIS_N * sizeof *x);
    rng_set *s = rng_set_create(2026, 0);
    gsl_rng *r = rng_stream(s, "test.poisson");
    for (size_t m = 0; m < sizeof means / sizeof *means; m++) {
        double mu = means[m], sum = 0, ss = 0;
        for (int i = 0; i < POIS_N; i++)
            sum += (double)(x[i] = rng_poisson(r, mu));
        double mean = sum / POIS_N;
        for (int i = 0; i < POIS_N; i++)
            ss += ((double)x[i] - mean) * ((double)x[i] - mean);
        double var = ss / (POIS_N - 1);
        double p = poisson_chisq_p(x, POIS_N, mu);
        if (fabs(mean - mu) > 5 * sqrt(mu / POIS_N) ||
            fabs(var - mu) > 5 * sqrt((mu + 2 * mu * mu) / POIS_N) || p <= 0.001)
            printf("\n  mu %g: mean %.6g var %.6g chi-square p %.4g\n", mu, mean, var, p);
        ASSERT_NEAR(mean, mu, 5 * sqrt(mu / POIS_N));
        ASSERT_NEAR(var, mu, 5 * sqrt((mu + 2 * mu * mu) / POIS_N));
        CU_ASSERT(p > 0.001);
    }
    rng_set_destroy(s);
    free(x);
}

/* No mean, no messages; a huge mean stays near it (no 32-bit wrap). */
static void test_poisson_edges(void)
{
    rng_set *s = rng_set_create(1, 0);
    gsl_rng *r = rng_stream(s, "test.poisson");
    CU_ASSERT_EQUAL(rng_poisson(r, 0), 0);
    CU_ASSERT_EQUAL(rng_poisson(r, -5), 0);
    CU_ASSERT_EQUAL(rng_poisson(r, NAN), 0);
    int bad = 0;
    for (int i = 0; i < 1000; i++)
        bad += llabs(rng_poisson(r, 1e10) - 10000000000LL) > 6 * 100000;
    CU_ASSERT_EQUAL(bad, 0);
    /* Above RNG_POISSON_NORMAL (normal approximation): mean within 5 standard
     * errors and variance/mean within 10 % over 20,000 draws at 1e16, where
     * PTRS gave 1.42; an infinite mean is clamped, not undefined. */
    double sum = 0, sq = 0, mu = 1e16;
    for (int i = 0; i < 20000; i++) {
        double d = (double)rng_poisson(r, mu) - mu;
        sum += d, sq += d * d;
    }
    CU_ASSERT(fabs(sum / 20000) < 5 * sqrt(mu / 20000));
    CU_ASSERT(fabs(sq / 20000 / mu - 1) < 0.1);
    CU_ASSERT(rng_poisson(r, INFINITY) > 0);
    rng_set_destroy(s);
}

/* rng_poisson_cached is rng_poisson with its per-mean constants kept: the same
 * draws from the same seed, whatever the sequence of means (repeats, changes,
 * means whose draws straddle the log-factorial table's end at 4096, tiny and
 * huge means). */
static void test_poisson_cached(void)
{
    static const double means[] = {230, 230, 230, 4090, 4090, 5000, 10.5, 3.2, 230, 1e9, 2e12, 230};
    rng_set *s = rng_set_create(11, 1);
    gsl_rng *plain = rng_stream(s, "test.plain"), *cached = gsl_rng_clone(plain);
    rng_poisson_cache c = {0};
    int differ = 0;
    for (int rep = 0; rep < 2000; rep++)
        for (size_t i = 0; i < sizeof means / sizeof *means; i++)
            differ += rng_poisson(plain, means[i]) != rng_poisson_cached(cached, means[i], &c);
    CU_ASSERT_EQUAL(differ, 0);
    gsl_rng_free(cached);
    rng_set_destroy(s);
}

/* ---- rng_hypergeometric ------------------------------------------------ */

/* par: good, bad, n */
static double hyp_pmf(int64_t k, const double *par)
{
    return gsl_ran_hypergeometric_pdf((unsigned)k, (unsigned)par[0], (unsigned)par[1], (unsigned)par[2]);
}
static double hyp_cdf(int64_t k, const double *par)
{
    return k < 0 ? 0
                 : gsl_cdf_hypergeometric_P((unsigned)k, (unsigned)par[0], (unsigned)par[1],
                                            (unsigned)par[2]);
}

/* Both samplers (fewer than 10 drawn or left: one by one; else HRUA), the
 * smaller group good or bad, samples below and above half the population:
 * mean and variance within 5 standard errors, chi-square p > 0.001 (fixed
 * seed). The variance of the sample variance is taken as 2 var^2 / N, the
 * normal value, with a floor for the near-degenerate cases. */
static void test_hypergeometric_distribution(void)
{
    const int64_t cases[][3] = {
        {50, 950, 100},         {950, 50, 100},          {500, 500, 600},
        {10000, 990000, 100000}, {300000, 700000, 999995}, {20, 80, 7},
        {3, 4000000000LL, 2000000000LL},
    };
    enum { N = 100000 };
    int64_t *x = malloc(N * sizeof *x);
    rng_set *s = rng_set_create(2026, 0);
    gsl_rng *r = rng_stream(s, "test.hypergeometric");
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int64_t good = cases[c][0], bad = cases[c][1], n = cases[c][2];
        double tot = (double)(good + bad), p = (double)good / tot;
        double mu = (double)n * p, var = mu * (1 - p) * (tot - (double)n) / (tot - 1);
        double sum = 0, ss = 0;
        int out = 0;
        for (int i = 0; i < N; i++) {
            x[i] = rng_hypergeometric(r, good, bad, n);
            out += x[i] < 0 || x[i] > good || x[i] > n || n - x[i] > bad;
            sum += (double)x[i];
        }
        double mean = sum / N;
        for (int i = 0; i < N; i++)
            ss += ((double)x[i] - mean) * ((double)x[i] - mean);
        double svar = ss / (N - 1);
        CU_ASSERT_EQUAL(out, 0);
        ASSERT_NEAR(mean, mu, 5 * sqrt(var / N) + 1e-12);
        ASSERT_NEAR(svar, var, 5 * sqrt(2 * var * var / N) + 5 * sqrt(var / N) + 1e-12);
        if (good + bad > 4000000000LL) /* beyond GSL's unsigned pmf */
            continue;
        dist d = {hyp_pmf, hyp_cdf, {(double)good, (double)bad, (double)n}};
        double sd = sqrt(var);
        int64_t lo = (int64_t)fmax(fmax(0, (double)(n - bad)), floor(mu - 8 * sd));
        int64_t hi = (int64_t)fmin(fmin((double)good, (double)n), ceil(mu + 8 * sd) + 5);
        double pv = chisq_p(x, N, lo, hi, &d);
        if (pv <= 0.001)
            printf("\n  hypergeometric %lld %lld %lld: chi-square p %.4g\n", (long long)good,
                   (long long)bad, (long long)n, pv);
        CU_ASSERT(pv > 0.001);
    }
    CU_ASSERT_EQUAL(rng_hypergeometric(r, 0, 10, 5), 0);
    CU_ASSERT_EQUAL(rng_hypergeometric(r, 10, 0, 5), 5);
    CU_ASSERT_EQUAL(rng_hypergeometric(r, 10, 20, 30), 10);
    CU_ASSERT_EQUAL(rng_hypergeometric(r, 10, 20, 0), 0);
    rng_set_destroy(s);
    free(x);
}

TEST_SUITE(rng,
           {"same seed, rep, component: same sequence", test_same_inputs_same_sequence},
           {"different seed, rep or component: different", test_different_inputs_differ},
           {"rng_stream returns the same generator", test_stream_identity},
           {"creation order does not matter", test_creation_order_independent},
           {"seed mixing is pinned", test_seed_pinned},
           {"poisson: mean, variance, chi-square", test_poisson_distribution},
           {"poisson: edges", test_poisson_edges},
           {"poisson: the cached constants give the same draws", test_poisson_cached},
           {"hypergeometric: mean, variance, chi-square", test_hypergeometric_distribution})
