/* numfmt.c: printf's %.Nf and %.Ng, exact, with snprintf behind the fast path
 * (numfmt.h says when). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* Powers of ten that are exact doubles. */
static const double pow10_d[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
static const uint64_t pow10_u[11] = {1,      10,      100,      1000,      10000,     100000,
                                     1000000, 10000000, 100000000, 1000000000, 10000000000};

/* The fast path: scaled values below this, precisions up to NUMFMT_FAST. The
 * scaled value carries one rounding (relative error 2^-53), so its absolute
 * error is below 10^12 x 1.2 x 10^-16 < 10^-3: TIE_MARGIN away from a tie,
 * its nearest integer is that of the exact product. */
#define SCALED_MAX 1e12
#define TIE_MARGIN 1e-3
#define NUMFMT_FAST 9

/* *m = the nearest integer to v x 10^k (v >= 0) when it is certain; 1 then. */
static int scaled(double v, int k, uint64_t *m)
{
    if (k > 22 || k < -22)
        return 0;
    double x = k >= 0 ? v * pow10_d[k] : v / pow10_d[-k];
    if (!(x < SCALED_MAX))
        return 0;
    double r = floor(x), f = x - r; /* both exact */
    if (fabs(f - 0.5) < TIE_MARGIN)
        return 0;
    *m = (uint64_t)r + (f > 0.5);
    return 1;
}

/* "00" to "99": two digits per division. */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

/* The n decimal digits of m (m < 10^n), zero-padded, at p. */
static void digits(uint64_t m, int n, char *p)
{
    for (; n >= 2; n -= 2) {
        memcpy(p + n - 2, digit_pairs + 2 * (m % 100), 2);
        m /= 100;
    }
    if (n)
        p[0] = (char)('0' + m % 10);
}

/* Decimal digits of m, at least one, at p; returns how many. */
static int udigits(uint64_t m, char *p)
{
    int n = 1;
    while (n < 20 && m >= (n < 11 ? pow10_u[n] : pow10_u[10] * pow10_u[n - 10]))
        n++;
    digits(m, n, p);
    return n;
}

static size_t fallback(const char *fmt, double v, int prec, char buf[NUMFMT_BUF])
{
    int k = snprintf(buf, NUMFMT_BUF, fmt, prec, v);
    return k < 0 ? 0 : (size_t)k;
}

size_t numfmt_f(double v, int prec, char buf[NUMFMT_BUF])
{
    uint64_t m;
    if (prec < 0 || prec > NUMFMT_FAST || !isfinite(v) || !scaled(fabs(v), prec, &m))
        return fallback("%.*f", v, prec, buf);
    char *p = buf;
    if (signbit(v))
        *p++ = '-';
    p += udigits(m / pow10_u[prec], p);
    if (prec > 0) {
        *p++ = '.';
        digits(m % pow10_u[prec], prec, p);
        p += prec;
    }
    *p = '\0';
    return (size_t)(p - buf);
}

/* The text of %.Pg for P significant digits d (no leading zero) and the
 * decimal exponent e of the first: fixed or with an exponent, trailing zeros
 * of the fraction and a bare point removed. */
static char *g_text(char *p, const char *d, int prec, int e)
{
    int n = prec;
    while (n > 1 && d[n - 1] == '0')
        n--;
    if (e < -4 || e >= prec) {
        *p++ = d[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, d + 1, (size_t)n - 1);
            p += n - 1;
        }
        *p++ = 'e';
        *p++ = e < 0 ? '-' : '+';
        int a = e < 0 ? -e : e;
        if (a < 10)
            *p++ = '0';
        p += udigits((uint64_t)a, p);
    } else if (e >= 0) {
        memcpy(p, d, (size_t)e + 1);
        p += e + 1;
        if (n > e + 1) {
            *p++ = '.';
            memcpy(p, d + e + 1, (size_t)(n - e - 1));
            p += n - e - 1;
        }
    } else { /* fixed-size copies (no call): buf has room, the NUL ends the text */
        memcpy(p, "0.000000", 8);
        p += 1 - e;
        memcpy(p, d, NUMFMT_FAST);
        p += n;
    }
    *p = '\0';
    return p;
}

size_t numfmt_g(double v, int prec, char buf[NUMFMT_BUF])
{
    if (prec == 0)
        prec = 1;
    if (prec < 0 || prec > NUMFMT_FAST || !isfinite(v))
        return fallback("%.*g", v, prec, buf);
    char *p = buf;
    if (signbit(v))
        *p++ = '-';
    double a = fabs(v);
    if (a == 0) {
        memcpy(p, "0", 2);
        return (size_t)(p + 1 - buf);
    }
    /* 2^(b-1) <= a < 2^b (frexp's b, from the bits when a is normal); the
     * decimal exponent is floor((b - 1) log10 2), in integers (exact for
     * |b - 1| <= 1200), or one more */
    int b;
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    if (bits >> 52)
        b = (int)(bits >> 52) - 1022;
    else
        frexp(a, &b); /* subnormal */
    int x = b - 1;
    int e = x >= 0 ? (x * 78913) >> 18 : -((-x * 78913 + 262143) >> 18);
    uint64_t m = 0;
    int ok = 0;
    for (int tries = 0; tries < 3 && !ok; tries++) {
        if (!scaled(a, prec - 1 - e, &m))
            return fallback("%.*g", v, prec, buf);
        if (m >= pow10_u[prec])
            e++; /* a rounding carry, or the estimate one low */
        else if (m < pow10_u[prec - 1])
            e--;
        else
            ok = 1;
    }
    if (!ok)
        return fallback("%.*g", v, prec, buf);
    char d[NUMFMT_FAST] = {0};
    digits(m, prec, d);
    return (size_t)(g_text(p, d, prec, e) - buf);
}
