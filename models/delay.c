/* delay.c: weighted log-binned delay histogram (GSL). */
#include <math.h>

#include "delay.h"
#include "core/config.h"
#include "core/error.h"

void delay_init(delay_stats *d)
{
    d->zero = 0;
    d->hist = NULL;
}

void delay_reset(delay_stats *d)
{
    d->zero = 0;
    if (d->hist)
        gsl_histogram_reset(d->hist);
}

void delay_destroy(delay_stats *d)
{
    if (d->hist)
        gsl_histogram_free(d->hist);
    d->hist = NULL;
}

static gsl_histogram *make_hist(void)
{
    size_t n = DELAY_BINS_PER_DECADE * DELAY_DECADES;
    gsl_histogram *h = gsl_histogram_alloc(n);
    if (!h)
        sim_oom(n * 2 * sizeof(double));
    double ranges[DELAY_BINS_PER_DECADE * DELAY_DECADES + 1];
    for (size_t i = 0; i <= n; i++)
        ranges[i] = pow(10.0, (double)i / DELAY_BINS_PER_DECADE);
    gsl_histogram_set_ranges(h, ranges, n + 1);
    return h;
}

void delay_add(delay_stats *d, int64_t delay_ms, int64_t messages)
{
    if (messages <= 0)
        return;
    if (delay_ms <= 0) {
        d->zero += (double)messages;
        return;
    }
    if (!d->hist)
        d->hist = make_hist();
    double x = (double)delay_ms;
    double top = gsl_histogram_max(d->hist);
    if (x >= top)
        x = nextafter(top, 0); /* clamp into the last bin */
    gsl_histogram_accumulate(d->hist, x, (double)messages);
}

void delay_merge(delay_stats *into, const delay_stats *from)
{
    into->zero += from->zero;
    if (!from->hist)
        return;
    if (!into->hist)
        into->hist = make_hist();
    gsl_histogram_add(into->hist, from->hist);
}

double delay_quantile_s(const delay_stats *d, double q)
{
    double total = d->zero + (d->hist ? gsl_histogram_sum(d->hist) : 0);
    if (total <= 0)
        return NAN;
    double want = q * total;
    if (want <= d->zero)
        return 0;
    double cum = d->zero;
    size_t n = gsl_histogram_bins(d->hist);
    for (size_t i = 0; i < n; i++) {
        double w = gsl_histogram_get(d->hist, i);
        if (cum + w >= want && w > 0) {
            double lo, hi;
            gsl_histogram_get_range(d->hist, i, &lo, &hi);
            return sqrt(lo * hi) / 1000.0; /* geometric middle of the bin */
        }
        cum += w;
    }
    return gsl_histogram_max(d->hist) / 1000.0;
}
