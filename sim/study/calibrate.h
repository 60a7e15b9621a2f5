/* calibrate.h: `sesim calibrate EXPORT...`: the list parameters of the model
 * estimated from what SES showed (docs/model.md, "Calibration").
 *
 * The exports are read by the replay kinds that read them in a run
 * (ses-stats: GetSendStatistics CSV or JSON; ses-events: event records;
 * cloudwatch: get-metric-data / get-metric-statistics), so an export that
 * replays calibrates. Their points, in time order, are the observations:
 * messages sent, hard bounces and complaints per period (and soft bounces,
 * from event records).
 *
 *   invalid, list_decay  maximum likelihood (GSL's Nelder-Mead simplex) of the
 *                        day-by-day hard bounces under the list model's mean
 *                        path, with 95% Wald intervals from the observed
 *                        information (a numerical Hessian)
 *   complaint            the complaints over the deliveries to feedback loops
 *                        the fit implies, as a binomial share: Wilson's 95%
 *                        interval, divided by the content factor
 *   soft_bounce          Transient bounce records over valid picks (event
 *                        records only), Wilson's interval
 * The other list keys (list_size, fbl_share, content, the delays) are held at
 * the scenario's values: they are not identifiable from these counts.
 *
 * A key the data cannot tell is said so, with the reason found in the data
 * (why): no hard bounces (invalid and list_decay; the rule of three bounds the
 * share), a flat likelihood (the Hessian not positive definite), no complaints
 * or no deliveries to feedback loops (complaint), no event records or no
 * Transient bounces in them (soft_bounce); no number is given for it. */
#ifndef SESIM_CALIBRATE_H
#define SESIM_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "scenario/scenario.h"

/* One period of observed data. */
typedef struct calib_obs {
    int64_t t, width;               /* ms since 1970 */
    int64_t sent, hard, complaints; /* messages, hard bounces, complaints */
    int64_t soft;                   /* Transient bounces (has_soft) */
    int outcomes;                   /* 0: sends only (a CloudWatch Send series) */
    int has_soft;                   /* the soft bounces were observed (event records) */
} calib_obs;

typedef struct calib_estimate {
    double value, lo, hi; /* the estimate and its 95% interval */
    int identified;       /* 0: the data cannot tell (value is the scenario's) */
    char why[200];        /* when not identified: why, from the data (and the bound it gives) */
} calib_estimate;

typedef struct calib_result {
    calib_estimate invalid, list_decay, complaint, soft_bounce;
    int64_t sent, hard, complaints, soft; /* totals of the observations used */
    int64_t first, end;                   /* the data's span, ms since 1970 */
    double nll;                           /* negative log-likelihood at the fit */
} calib_result;

/* Fit the observations (sorted by t, not overlapping) with the stream's fixed
 * keys (list_size, fbl_share, content, content_complaint_factor, the delays):
 * 0, or SIM_EINPUT when there is nothing to fit (no sends with outcomes). */
int calib_fit(const calib_obs *obs, size_t n, const scn_traffic *fixed, calib_result *r,
              sim_err *err);

/* Read the exports (each sniffed: a CSV or a JSON with SendDataPoints is
 * ses-stats, one with MetricDataResults or Datapoints is cloudwatch, any
 * other JSON is event records) into sorted observations; overlapping periods
 * of two files are refused. */
int calib_read(const char *const *files, size_t n_files, calib_obs **obs, size_t *n_obs,
               sim_err *err);

/* ---- the ramp, from a quota history (calibrate_quota.c, calibrate_ramp.c) ----
 *
 * A quota history is a CSV `time,max24h,max_rate` (one row a snapshot) or
 * `aws sesv2 get-account` / `aws ses get-send-quota` JSON, one file a
 * snapshot, whose time is in its name (account-20260105T090000Z.json, as
 * `date -u +%Y%m%dT%H%M%SZ` writes it, or 2026-01-05T09:00:00Z). A change of
 * max24h between two snapshots is taken as one raise, somewhere after the
 * first and at or before the second (docs/model.md, "Calibration"). */
typedef struct calib_quota {
    int64_t t;          /* ms since 1970 */
    double max24h;      /* INFINITY: unlimited (-1) */
    double max_rate;
    int production;     /* 1, 0 (sandbox) or -1 (not said: a CSV row) */
    const char *file;   /* where it was read, for messages */
    long line;
} calib_quota;

typedef struct calib_ramp {
    calib_estimate factor;   /* policy.ramp_factor */
    calib_estimate interval; /* policy.ramp_interval, in ms */
    int exact[2];            /* factor, interval: 1 when the range is every value
                              * consistent with the model's rule (not a 95% interval) */
    size_t snapshots, raises, factor_raises, gaps, decreases;
    int64_t first, end;      /* the history's span, ms since 1970 */
} calib_ramp;

/* Whether path is a quota history (a CSV whose header names max24h, or JSON
 * with Max24HourSend or SendQuota). */
int calib_is_quota(const char *path);
/* Append path's snapshots to *q (n, cap as for a growing array). */
int calib_quota_read(const char *path, calib_quota **q, size_t *n, size_t *cap, sim_err *err);
/* Sort the snapshots by time; two at the same time are refused. */
int calib_quota_sort(calib_quota *q, size_t n, sim_err *err);
/* The ramp's factor and check interval from sorted snapshots; raises that
 * end at or over `ceiling` (policy.ramp_ceiling) are capped: not used for the
 * factor. Always succeeds: what the history cannot tell is said in `why`. */
void calib_ramp_fit(const calib_quota *q, size_t n, double ceiling, calib_ramp *r);

typedef struct calib_options {
    const char *const *files;
    size_t n_files;
    const scn_traffic *fixed; /* the keys held: the scenario's first stream */
    const scn_policy *policy; /* its policy (ramp_ceiling) */
    const char *outdir;       /* NULL: print only */
    int quiet;
} calib_options;

/* The whole command: read, fit, print the estimates, write DIR/calibrated.ini. */
int calib_run(const calib_options *opt, sim_err *err);

#endif
