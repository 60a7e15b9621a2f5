/* traffic.h: traffic kinds, the sources of demand, as a table of types in the
 * style of gsl_rng_type. Adding a kind is one file defining a traffic_type and
 * one line in TRAFFIC_TYPES (traffic.c).
 *
 * A source is asked, once per tick, how many messages its users want sent over
 * [now, now + span). Volumes follow the calendar (sim.start, UTC): hour-of-day
 * weights, a weekend factor and compound daily growth. Without noise a source
 * rounds cumulatively, so a day's total equals its configured volume exactly;
 * with noise = poisson each tick's count is a Poisson draw around its mean. */
#ifndef SESIM_TRAFFIC_H
#define SESIM_TRAFFIC_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "core/error.h"
#include "core/rng.h"
#include "scenario/scenario.h"

/* What a kind needs besides the common keys (checked when a scenario is read). */
enum {
    TRAFFIC_NEEDS_FILE = 1,     /* file = (the replay kinds) */
    TRAFFIC_NEEDS_SCHEDULE = 2, /* size > 0 and every > 0 (campaign) */
};

typedef struct traffic_type {
    const char *name;
    unsigned needs;             /* TRAFFIC_NEEDS_* */
    int profile;                /* 1: the state is a traffic_profile (constant,
                                 * diurnal), whose demand an hour batch may draw */
    size_t state_size;
    /* Set up a source of the stream cfg (state is zeroed, state_size bytes). */
    int (*init)(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err);
    /* Messages wanted over [now, now + span) into *n; 0, or SIM_EINPUT with
     * "FILE:LINE: message" for bad input found while reading (CSV replay). */
    int (*demand)(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n, sim_err *err);
    void (*destroy)(void *state); /* may be NULL */
    /* Optional (NULL for synthetic kinds): the hard-bounce and complaint shares
     * observed in the replayed data at time t, which then replace the outcome
     * model's probabilities for mail sent at t (kind = ses-stats). Returns 1 when
     * it has shares for t, else 0. */
    int (*observed_shares)(void *state, int64_t t, double *bounce, double *complaint);
    /* Optional (NULL but for the replay kinds of observed points): the points
     * read, for `sesim calibrate`, which reads an export through its kind. */
    const struct traffic_points *(*points)(const void *state);
    /* Optional, read before any run (docs/model.md, "Limits of a run"): an
     * upper bound of the messages the stream asks for over the run (the mean,
     * before noise); NULL for the replay kinds, which check their rows as
     * they read them. */
    double (*most)(const scn_traffic *cfg, const scn_sim *sim);
    /* Optional: the steps of work of one tick, for the estimate of a run's
     * work (NULL: one). */
    double (*work)(const scn_traffic *cfg, const scn_sim *sim);
} traffic_type;

/* The kind of that name, or NULL if this version does not model it. */
const traffic_type *traffic_type_find(const char *name);
/* The i-th kind of the table (0-based), NULL past the end: the scenario reader
 * takes the names of traffic.kind from here. */
const traffic_type *traffic_type_at(size_t i);

/* ---- shared by the kinds that follow a smooth daily volume ---- */

typedef struct traffic_profile {
    const scn_traffic *cfg;
    int64_t start;     /* sim.start, ms since 1970 */
    double weight[24]; /* hour-of-day weights scaled to a mean of 1 */
    double expected;   /* cumulative mean volume so far */
    int64_t emitted;   /* cumulative messages emitted so far */
    /* the calendar hour of the last piece, [hour_lo, hour_hi) in run time, and
     * its weight and weekend factor: a tick inside it needs no division */
    int64_t hour_lo, hour_hi;
    double hour_weight, hour_factor;
    rng_poisson_cache poisson; /* the noise's constants at the last mean */
} traffic_profile;

int traffic_profile_init(traffic_profile *p, const scn_traffic *cfg, const scn_sim *sim,
                         const double weights[24], sim_err *err);
/* Mean messages over [a, b): daily x hour weight x weekend x growth, integrated. */
double traffic_profile_mean(traffic_profile *p, int64_t a, int64_t b);
/* Whole messages for a span whose mean is `mean`: with noise = none, cumulative
 * rounding (so totals are exact), with noise = poisson a Poisson draw. */
int64_t traffic_emit(traffic_profile *p, double mean, gsl_rng *r);
/* demand() of the profile kinds: traffic_emit of traffic_profile_mean. */
int traffic_profile_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n,
                           sim_err *err);

/* The means of the n ticks of `fine` from `now` (an hour batch of sim.tick =
 * auto) into means[0..n-1], the values n calls of traffic_profile_mean give;
 * returns their sum, added in tick order. *uniform: 1 when they are known to
 * be equal (one calendar hour, no growth), so readers may take means[0] for
 * each; 0 when they may differ. */
double traffic_profile_means(traffic_profile *p, int64_t now, int64_t fine, size_t n,
                             double *means, int *uniform);
/* The demand of an hour batch whose n ticks have the means means[0..n-1] and
 * their sum `sum`, drawn at once; returns the total.
 * noise = none: counts[i], the very counts of n calls of traffic_profile_demand
 * (the same cumulative rounding). noise = poisson: one Poisson draw of the
 * total (a sum of independent Poisson counts is Poisson with the sum of the
 * means); counts is not written: how the total falls in the ticks is drawn
 * later, only as far as it is read (window.h). */
int64_t traffic_profile_batch(traffic_profile *p, size_t n, const double *means, double sum,
                              gsl_rng *r, int64_t *counts);

/* ---- shared by the replay kinds of observed points (traffic_points.c) ----
 * A point covers [t, t + width): `attempts` messages spread evenly over it, and
 * the bounces and complaints of the mail sent in it. */

typedef struct traffic_point {
    int64_t t; /* start, ms since the run's start */
    int64_t attempts, bounces, complaints;
    int64_t soft; /* Transient bounces (ses-events; read by calibrate only) */
    long line; /* in the file, for messages */
} traffic_point;

typedef struct traffic_points {
    traffic_point *p; /* sorted by t, none closer than width */
    int no_shares;    /* 1: the data has no bounces and complaints (a CloudWatch
                       * Send series alone): the list model gives the outcomes */
    size_t n, cap;
    size_t cur;       /* the first point not yet wholly replayed */
    int64_t width, end;
    const char *path;
    /* The data's span in run time, from the first point's start to the last
     * one's end, taken before the points past the run's end are dropped (a
     * kind that drops them as it reads sets data_end itself). */
    int64_t data_first, data_end;
    /* after = repeat | profile (traffic_after.c): the messages of each hour of
     * the week (168, from Thursday 00:00 UTC) carried past data_end, and the
     * cumulative rounding of the projection; NULL: the replay stops. */
    double *week;
    double growth, expected;
    int64_t emitted, start; /* start: sim.start, ms since 1970 */
} traffic_points;

/* Demand over [now, now + span): each point's attempts x elapsed share, rounded
 * cumulatively (exactly `attempts` by the point's end); SIM_EINPUT when one
 * tick would add up to over 2^53. */
int traffic_points_demand(traffic_points *s, int64_t now, int64_t span, int64_t *n, sim_err *err);
/* What every point kind does once its points are read and sorted: the data's
 * span, the points from the run's end on dropped, traffic_points_total, and
 * the projection past the data of after = repeat | profile
 * (traffic_after.c): 0 or SIM_EINPUT. */
int traffic_points_finish(traffic_points *s, const scn_traffic *cfg, const scn_sim *sim,
                          sim_err *err);
/* The projection's messages over [a, b), both at or after data_end: the
 * week's hours times (1 + growth)^(days since data_end), cumulative rounding. */
int64_t traffic_after_demand(traffic_points *s, int64_t a, int64_t b);
/* Start the projection past data_end (traffic_after.c): the week of the data's
 * last weeks (at least 7 days of data, else SIM_EINPUT), and the check that
 * the data and its projection stay within SCN_MAX_DEMAND. */
int traffic_after_start(traffic_points *s, const scn_traffic *cfg, sim_err *err);
/* SIM_EINPUT, at the point that crosses it, when the points add up to over
 * SCN_MAX_DEMAND (the most one run may ask for; docs/model.md "Limits of a run"). */
int traffic_points_total(const traffic_points *s, sim_err *err);
/* observed_shares of the point that covers t (bounces and complaints over
 * attempts, each at most 1): 1, or 0 when no point covers t. */
int traffic_points_shares(const traffic_points *s, int64_t t, double *bounce, double *complaint);
/* most() of the profile kinds: over each day of the run, the daily volume
 * times the weekend factor (when over 1) times the larger growth factor of the
 * day's two ends. The hour weights average 1 over any 24 hours, so no part of
 * a day asks for more than the whole day. */
double traffic_profile_most(const scn_traffic *cfg, const scn_sim *sim);
/* The largest growth factor within day d of the run (growth compounds daily). */
double traffic_day_growth(const scn_traffic *cfg, double d);

/* The type-table functions of a kind whose state begins with its
 * traffic_points (ses-stats, ses-events, cloudwatch): demand, destroy (frees
 * the points), observed_shares and points. */
int traffic_points_kind_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n,
                               sim_err *err);
void traffic_points_kind_destroy(void *state);
int traffic_points_kind_shares(void *state, int64_t t, double *bounce, double *complaint);
const traffic_points *traffic_points_kind_points(const void *state);

/* Day of the week of a time of the run: 0 = Sunday ... 6 = Saturday. */
int traffic_weekday(int64_t start, int64_t t);

#endif
