/* calibrate_ramp.c: policy.ramp_factor and policy.ramp_interval from a quota
 * history (calibrate.h; method: docs/model.md, "Calibration").
 *
 * A raise is a rise of max24h between two snapshots of a production account
 * in good standing: it came after the first and at or before the second. The
 * model's rule (docs/model.md, "Automatic ramp") makes the history exact but
 * for rounding: a raise sets floor(max24h x ramp_factor), and a check due at d
 * runs at the first hourly look at or after d (so a raise comes up to an hour
 * after its due time), the due times ramp_interval apart. So first the range
 * of every value consistent with every raise under that rule is found: where
 * it is not empty, that range is the answer (exact, not a 95% interval: the
 * rule leaves nothing random in it). Where it is empty, the raises do not
 * follow one factor or one cadence (real SES need not), and the answer is the
 * 95% Student t interval of the mean log ratio (the factor, a geometric mean)
 * or of the mean interval between raises.
 *
 * What the history cannot tell: a check skipped (the model skips it when
 * sent_24h < ramp_utilization x max24h, which a quota history does not show)
 * is a gap of two intervals, so the interval taken is the LONGEST one every
 * gap is a whole multiple of: a cadence of half that, every other check
 * failing, gives the same history. Two raises between two snapshots look like
 * one of factor^2: snapshots must come more often than raises. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "calibrate.h"
#include "core/config.h"

typedef struct raise {
    int64_t lo, hi;  /* after lo, at or before hi: the snapshots around it */
    double from, to; /* max24h before and after */
    int seg;         /* raises of one segment share the due times */
} raise;

/* The raises: each rise of max24h between two snapshots of a ramping account;
 * a snapshot of an account that cannot ramp (sandbox, not healthy, unlimited)
 * starts a new segment (production access restarts the due times). */
static size_t find_raises(const calib_quota *q, size_t n, raise *out, calib_ramp *r)
{
    size_t m = 0;
    int seg = 0;
    for (size_t k = 1; k < n; k++) {
        const calib_quota *a = &q[k - 1], *b = &q[k];
        if (!a->production || !b->production || !isfinite(a->max24h) || !isfinite(b->max24h)) {
            seg++;
            continue;
        }
        if (b->max24h > a->max24h)
            out[m++] = (raise){.lo = a->t, .hi = b->t, .from = a->max24h, .to = b->max24h,
                               .seg = seg};
        else if (b->max24h < a->max24h)
            r->decreases++;
    }
    return m;
}

/* 95% Student t interval of the mean of x[0..n) (n >= 2), through `map`,
 * clipped below at `least` (a factor under 1 or an interval under 0 is no
 * ramp: the t interval of a few spread raises can reach there; found by
 * fuzz_quota). */
static void t_interval(const double *x, size_t n, double (*map)(double), double least,
                       calib_estimate *e)
{
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        mean += x[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sqrt(ss / (double)(n - 1) / (double)n);
    e->value = map(mean);
    e->lo = fmax(least, map(mean - half));
    e->hi = map(mean + half);
    e->identified = 1;
}

static double same(double x) { return x; }

static void fit_factor(const raise *rs, size_t m, double ceiling, calib_ramp *r)
{
    calib_estimate *e = &r->factor;
    double lo = 0, hi = INFINITY, *logs = sim_xcalloc(m ? m : 1, sizeof *logs);
    size_t used = 0;
    for (size_t i = 0; i < m; i++) {
        if (rs[i].to >= ceiling)
            continue; /* capped at ramp_ceiling: not a whole factor */
        logs[used++] = log(rs[i].to / rs[i].from);
        lo = fmax(lo, rs[i].to / rs[i].from * (1 - 1e-12));
        hi = fmin(hi, (rs[i].to + 1) / rs[i].from * (1 + 1e-12));
    }
    r->factor_raises = used;
    if (used < 2)
        snprintf(e->why, sizeof e->why,
                 used ? "one raise under ramp_ceiling (x %.4g): one ratio cannot tell a fixed "
                        "factor from chance"
                      : "no raise under ramp_ceiling in the history",
                 used ? exp(logs[0]) : 0.0);
    else if (lo <= hi) {
        *e = (calib_estimate){.value = (lo + hi) / 2, .lo = lo, .hi = hi, .identified = 1};
        r->exact[0] = 1;
    } else
        t_interval(logs, used, exp, 1, e);
    free(logs);
}

/* Whether the due times can be `iv` apart: each gap a whole number k[i] >= 1
 * of intervals (give or take the windows and the hourly look), and each raise
 * as far from its segment's first as the sum of the k's says. */
static int fits(const raise *rs, size_t m, int64_t iv, int *k)
{
    const double H = (double)CALIB_RAMP_CHECK_MS, d = (double)iv;
    size_t first = 0;
    double sum = 0;
    for (size_t j = 1; j < m; j++) {
        if (rs[j].seg != rs[j - 1].seg) {
            first = j;
            sum = 0;
            k[j] = 0;
            continue;
        }
        double glo = (double)rs[j].lo - H - (double)rs[j - 1].hi;
        double ghi = (double)rs[j].hi - (double)rs[j - 1].lo + H;
        double mid = ((double)rs[j].lo + (double)rs[j].hi - (double)rs[j - 1].lo -
                      (double)rs[j - 1].hi) / 2;
        double kk = round(mid / d);
        if (kk < 1 || kk * d < glo || kk * d > ghi)
            kk = fmax(1, ceil(glo / d));
        if (kk * d > ghi || kk > INT_MAX)
            return 0;
        k[j] = (int)kk;
        sum += kk;
        if (sum * d < (double)rs[j].lo - H - (double)rs[first].hi ||
            sum * d > (double)rs[j].hi - (double)rs[first].lo + H)
            return 0;
    }
    return 1;
}

/* The range of intervals consistent with the counts k (pairs: consecutive
 * raises, and each raise with its segment's first). */
static void exact_range(const raise *rs, size_t m, const int *k, double *lo, double *hi)
{
    const double H = (double)CALIB_RAMP_CHECK_MS;
    size_t first = 0;
    double sum = 0;
    *lo = 0;
    *hi = INFINITY;
    for (size_t j = 1; j < m; j++) {
        if (rs[j].seg != rs[j - 1].seg) {
            first = j;
            sum = 0;
            continue;
        }
        sum += k[j];
        *lo = fmax(*lo, ((double)rs[j].lo - H - (double)rs[j - 1].hi) / k[j]);
        *hi = fmin(*hi, ((double)rs[j].hi - (double)rs[j - 1].lo + H) / k[j]);
        *lo = fmax(*lo, ((double)rs[j].lo - H - (double)rs[first].hi) / (double)sum);
        *hi = fmin(*hi, ((double)rs[j].hi - (double)rs[first].lo + H) / (double)sum);
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* No one cadence fits: the t interval of the gaps over their counts, a
 * gap's count its length over the median gap's, rounded (at least 1). */
static void interval_t(const raise *rs, size_t m, size_t gaps, calib_estimate *e)
{
    double *g = sim_xcalloc(gaps, sizeof *g), *sorted = sim_xcalloc(gaps, sizeof *sorted);
    size_t n = 0;
    for (size_t j = 1; j < m; j++)
        if (rs[j].seg == rs[j - 1].seg)
            g[n++] = ((double)rs[j].lo + (double)rs[j].hi - (double)rs[j - 1].lo -
                      (double)rs[j - 1].hi) / 2;
    memcpy(sorted, g, n * sizeof *g);
    qsort(sorted, n, sizeof *sorted, by_value);
    double median = fmax(sorted[n / 2], 1);
    for (size_t i = 0; i < n; i++)
        g[i] /= fmax(1, round(g[i] / median));
    t_interval(g, n, same, 0, e);
    free(g);
    free(sorted);
}

/* The longest interval that fits (fits()) and has at least one gap of one
 * interval: from the shortest gap's upper bound down, a minute apart or
 * coarser, to its lower bound. With none: -1. */
static int64_t longest_fit(const raise *rs, size_t m, int *k)
{
    double top = INFINITY, bottom = INFINITY, H = (double)CALIB_RAMP_CHECK_MS;
    for (size_t j = 1; j < m; j++)
        if (rs[j].seg == rs[j - 1].seg) {
            top = fmin(top, (double)rs[j].hi - (double)rs[j - 1].lo + H);
            bottom = fmin(bottom, (double)rs[j].lo - H - (double)rs[j - 1].hi);
        }
    bottom = fmax(bottom, (double)SIM_MS_PER_MIN);
    int64_t step = (int64_t)fmax((double)SIM_MS_PER_MIN, (top - bottom) / CALIB_RAMP_CANDIDATES);
    for (int64_t iv = (int64_t)top / step * step; (double)iv >= bottom; iv -= step)
        if (fits(rs, m, iv, k))
            return iv;
    return -1;
}

static void fit_interval(const raise *rs, size_t m, calib_ramp *r)
{
    calib_estimate *e = &r->interval;
    for (size_t j = 1; j < m; j++)
        r->gaps += rs[j].seg == rs[j - 1].seg;
    if (r->gaps == 0) {
        snprintf(e->why, sizeof e->why, "%s", m ? "one raise: no interval between raises"
                                                : "no raises in the history");
        return;
    }
    int *k = sim_xcalloc(m, sizeof *k);
    if (longest_fit(rs, m, k) > 0) {
        double lo, hi;
        exact_range(rs, m, k, &lo, &hi);
        *e = (calib_estimate){.value = (lo + hi) / 2, .lo = lo, .hi = hi, .identified = lo <= hi};
        r->exact[1] = lo <= hi;
    }
    if (!e->identified && r->gaps >= 2)
        interval_t(rs, m, r->gaps, e);
    else if (!e->identified)
        snprintf(e->why, sizeof e->why, "one interval between raises and no cadence fits it");
    free(k);
}

/* Two raises may hide in a window longer than the interval found. */
static void check_windows(const raise *rs, size_t m, calib_ramp *r)
{
    int64_t widest = 0;
    for (size_t i = 0; i < m; i++)
        widest = rs[i].hi - rs[i].lo > widest ? rs[i].hi - rs[i].lo : widest;
    if (!r->interval.identified || (double)widest <= r->interval.value)
        return;
    calib_estimate *e[2] = {&r->factor, &r->interval};
    for (int i = 0; i < 2; i++) {
        e[i]->identified = 0;
        snprintf(e[i]->why, sizeof e[i]->why,
                 "snapshots up to %.1f h apart around a raise, more than the %.1f h between "
                 "raises: a change between two snapshots may be two raises; take them more often",
                 (double)widest / SIM_MS_PER_H, r->interval.value / SIM_MS_PER_H);
    }
}

void calib_ramp_fit(const calib_quota *q, size_t n, double ceiling, calib_ramp *r)
{
    *r = (calib_ramp){.snapshots = n};
    if (n) {
        r->first = q[0].t;
        r->end = q[n - 1].t;
    }
    raise *rs = sim_xcalloc(n ? n : 1, sizeof *rs);
    size_t m = find_raises(q, n, rs, r);
    r->raises = m;
    fit_factor(rs, m, ceiling, r);
    fit_interval(rs, m, r);
    check_windows(rs, m, r);
    free(rs);
}
