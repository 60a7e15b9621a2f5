/* traffic.c: the table of traffic kinds and the daily-volume profile they share. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

#include "core/rng.h"
#include "traffic.h"

/* The kinds, one line each: X(NAME) is the traffic_type traffic_NAME that
 * models/traffic_NAME.c defines (the name users write is its .name). The list
 * declares them and fills the table, in the order `sesim check` lists them. */
#define TRAFFIC_TYPES(X)                                                                           \
    X(constant)                                                                                    \
    X(diurnal)                                                                                     \
    X(campaign)                                                                                    \
    X(csv)                                                                                         \
    X(ses_stats)                                                                                   \
    X(ses_events)                                                                                  \
    X(cloudwatch)                                                                                  \
    /* a new kind: one line above this one */

#define TRAFFIC_DECLARE(k) extern const traffic_type traffic_##k;
#define TRAFFIC_ENTRY(k) &traffic_##k,
TRAFFIC_TYPES(TRAFFIC_DECLARE)
static const traffic_type *const traffic_types[] = {TRAFFIC_TYPES(TRAFFIC_ENTRY) NULL};
#undef TRAFFIC_DECLARE
#undef TRAFFIC_ENTRY

const traffic_type *traffic_type_find(const char *name)
{
    for (size_t i = 0; traffic_types[i]; i++)
        if (strcmp(traffic_types[i]->name, name) == 0)
            return traffic_types[i];
    return NULL;
}

const traffic_type *traffic_type_at(size_t i)
{
    return i < sizeof traffic_types / sizeof traffic_types[0] ? traffic_types[i] : NULL;
}

int traffic_weekday(int64_t start, int64_t t)
{
    int64_t ms = start + t;
    int64_t days = ms / SIM_MS_PER_DAY - (ms % SIM_MS_PER_DAY < 0);
    return (int)(((days % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

int traffic_profile_init(traffic_profile *p, const scn_traffic *cfg, const scn_sim *sim,
                         const double weights[24], sim_err *err)
{
    (void)err;
    double sum = 0;
    for (int h = 0; h < 24; h++)
        sum += weights[h];
    *p = (traffic_profile){.cfg = cfg, .start = sim->start};
    for (int h = 0; h < 24; h++)
        p->weight[h] = weights[h] * 24 / sum;
    return 0;
}

/* Look up (and remember) the calendar hour that run time `a` falls in. */
static inline void profile_hour(traffic_profile *p, int64_t a)
{
    if (a >= p->hour_lo && a < p->hour_hi)
        return;
    int64_t abs_ms = p->start + a; /* >= 0: sim.start is 1970 or later */
    p->hour_lo = abs_ms / SIM_MS_PER_H * SIM_MS_PER_H - p->start;
    p->hour_hi = (abs_ms / SIM_MS_PER_H + 1) * SIM_MS_PER_H - p->start;
    int wd = traffic_weekday(p->start, a);
    p->hour_weight = p->weight[(abs_ms / SIM_MS_PER_H) % 24];
    p->hour_factor = (wd == 0 || wd == 6) ? p->cfg->weekend : 1.0;
}

double traffic_profile_mean(traffic_profile *p, int64_t a, int64_t b)
{
    const scn_traffic *c = p->cfg;
    double total = 0;
    while (a < b) {
        profile_hour(p, a);
        int64_t piece_end = p->hour_hi < b ? p->hour_hi : b;
        double mid_days = (double)(a + piece_end) / 2 / SIM_MS_PER_DAY;
        double growth = c->growth != 0 ? pow(1 + c->growth, mid_days) : 1.0;
        total += c->daily * (double)(piece_end - a) / SIM_MS_PER_DAY * p->hour_weight * p->hour_factor * growth;
        a = piece_end;
    }
    return total;
}

int traffic_profile_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n,
                           sim_err *err)
{
    (void)err;
    traffic_profile *p = state;
    *n = traffic_emit(p, traffic_profile_mean(p, now, now + span), r);
    return 0;
}

double traffic_day_growth(const scn_traffic *cfg, double d)
{
    if (cfg->growth == 0)
        return 1;
    return fmax(pow(1 + cfg->growth, d), pow(1 + cfg->growth, d + 1));
}

double traffic_profile_most(const scn_traffic *cfg, const scn_sim *sim)
{
    double days = ceil((double)sim->duration / SIM_MS_PER_DAY), total = 0;
    double factor = cfg->weekend > 1 ? cfg->weekend : 1;
    for (double d = 0; d < days && total < HUGE_VAL; d++) /* at most 36,600 days */
        total += cfg->daily * factor * traffic_day_growth(cfg, d);
    return total;
}

int64_t traffic_emit(traffic_profile *p, double mean, gsl_rng *r)
{
    if (p->cfg->noise == NOISE_POISSON)
        return rng_poisson_cached(r, mean, &p->poisson);
    p->expected += mean;
    int64_t n = llround(p->expected) - p->emitted;
    p->emitted += n;
    return n;
}

/* 0 + m + m + ... (n terms), added one at a time as a loop over n equal
 * means adds them: the same value bit for bit, four additions a pass. */
static double repeated_sum(double m, size_t n)
{
    double sum = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        sum += m;
        sum += m;
        sum += m;
        sum += m;
    }
    for (; i < n; i++)
        sum += m;
    return sum;
}

double traffic_profile_means(traffic_profile *p, int64_t now, int64_t fine, size_t n,
                             double *means, int *uniform)
{
    int64_t end = now + (int64_t)n * fine;
    profile_hour(p, now);
    /* Within one calendar hour and without growth every tick has the same
     * mean, bit for bit (the same product of the same factors). */
    *uniform = p->cfg->growth == 0 && end <= p->hour_hi && n > 0;
    if (*uniform) {
        double m = traffic_profile_mean(p, now, now + fine);
        for (size_t i = 0; i < n; i++)
            means[i] = m;
        return repeated_sum(m, n);
    }
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t a = now + (int64_t)i * fine;
        means[i] = traffic_profile_mean(p, a, a + fine);
        sum += means[i];
    }
    return sum;
}

int64_t traffic_profile_batch(traffic_profile *p, size_t n, const double *means, double sum,
                              gsl_rng *r, int64_t *counts)
{
    if (p->cfg->noise == NOISE_POISSON)
        return sum > 0 ? rng_poisson(r, sum) : 0;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i] = traffic_emit(p, means[i], r);
    return total;
}
