/* test_numfmt.c: numfmt_f and numfmt_g write what printf's %.Nf and %.Ng
 * write, byte for byte: edge values (zeros, signs, ties, powers of ten,
 * carries, the %g switch to exponents, inf, nan, extremes) and many random
 * ones (bit patterns, decimal magnitudes, decimal fractions and their ties,
 * day columns, rates). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/numfmt.h"
#include "suite.h"

static long differ;

/* Both conversions of v at prec against snprintf; counts the differences and
 * shows the first few. */
static void same_as_printf(double v, int prec)
{
    char a[NUMFMT_BUF], b[512];
    size_t k = numfmt_f(v, prec, a);
    int n = snprintf(b, sizeof b, "%.*f", prec, v);
    if ((size_t)n != k || (n < NUMFMT_BUF && strcmp(a, b))) {
        if (differ++ < 10)
            fprintf(stderr, "%%.%df of %.17g: %s, printf %s\n", prec, v, a, b);
    }
    k = numfmt_g(v, prec, a);
    n = snprintf(b, sizeof b, "%.*g", prec, v);
    if ((size_t)n != k || strcmp(a, b)) {
        if (differ++ < 10)
            fprintf(stderr, "%%.%dg of %.17g: %s, printf %s\n", prec, v, a, b);
    }
}

static void test_edges(void)
{
    static const double v[] = {
        0, 1e-7, 1e15, 1e16, 1e22, 1e23, 0.5, 1.5, 2.5, 0.125, 0.375, 9.5, 99.5, 999999.5,
        9999995, 1e-5, 1e-4, 1e-3, 9.999995e-5, 99999.95, 999999.4999, 0.00049999,
        9.9999949999e-5, 4.35, 2.675, 1.005, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1, 10, 100,
        123456, 1234567, 999999, 9999999, 0.999999, 0.9999995, 0.99999949, 1e300, 1e-300,
        DBL_MAX, DBL_MIN, 5e-324, INFINITY, NAN};
    differ = 0;
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        for (int p = 0; p <= 17; p++) {
            same_as_printf(v[i], p);
            same_as_printf(-v[i], p);
        }
    CU_ASSERT_EQUAL(differ, 0);
    char buf[NUMFMT_BUF];
    numfmt_g(-0.0, 6, buf);
    CU_ASSERT_STRING_EQUAL(buf, "-0");
    numfmt_f(-1e-9, 4, buf);
    CU_ASSERT_STRING_EQUAL(buf, "-0.0000");
    numfmt_f(0.125, 2, buf); /* an exact tie: printf's round-half-even */
    CU_ASSERT_STRING_EQUAL(buf, "0.12");
    numfmt_g(3.2e-5, 6, buf);
    CU_ASSERT_STRING_EQUAL(buf, "3.2e-05");
    /* a huge %f is longer than the buffer: the length says so */
    CU_ASSERT_TRUE(numfmt_f(1e300, 4, buf) >= NUMFMT_BUF);
}

static void test_random(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 24);
    differ = 0;
    for (int i = 0; i < 200000; i++) {
        int p = i % 11;
        uint64_t u = (uint64_t)gsl_rng_get(r) << 32 ^ gsl_rng_get(r);
        double v;
        memcpy(&v, &u, sizeof v);
        same_as_printf(v, p);
        same_as_printf(gsl_rng_uniform(r) * pow(10, (int)gsl_rng_uniform_int(r, 30) - 15), p);
        double q = (double)gsl_rng_uniform_int(r, 2000000) / pow(10, (int)gsl_rng_uniform_int(r, 10));
        same_as_printf(q, p);
        same_as_printf(q + 0.5 / pow(10, p), p); /* near ties */
        double day = floor(gsl_rng_uniform(r) * 400 * 86400000.0) / 86400000;
        same_as_printf(day, 6);
        same_as_printf((double)gsl_rng_uniform_int(r, 1000) / (double)(1 + gsl_rng_uniform_int(r, 100000)), 6);
    }
    gsl_rng_free(r);
    CU_ASSERT_EQUAL(differ, 0);
}

TEST_SUITE(numfmt, {"edge values as printf", test_edges}, {"random values as printf", test_random})
