/* plan_tables.h: the day-by-day table of a plan (plan.csv), from the time
 * series of its run: for one account, per day (1 = the first 24 hours), what
 * SES sent that day and the quota at the day's end across the replications,
 * and the share of replications under review or paused by then. */
#ifndef SESIM_PLAN_TABLES_H
#define SESIM_PLAN_TABLES_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

typedef struct plan_day {
    double sent_mean, sent_p05, sent_p95;    /* messages SES accepted that day */
    double quota_mean, quota_p05, quota_p95; /* max24h at the day's end (INFINITY: unlimited) */
    double p_risk;                           /* share of reps reviewed or paused by the day's end */
} plan_day;

/* Read RUNDIR/timeseries.csv (reps 1..reps) for `account`, days 1..days, into
 * out[0..days-1]. A replication is counted as reviewed or paused by day d when
 * a row ending on or before d shows status under_review or paused. */
int plan_days_read(const char *rundir, const char *account, size_t days, size_t reps,
                   plan_day *out, sim_err *err);

/* plan.csv: day,cap,ses_sent_mean,ses_sent_p05,ses_sent_p95,quota_mean,
 * quota_p05,quota_p95,p_reviewed_or_paused; caps[d] the cap of day d + 1
 * (INFINITY: none). With `asked` (sesim plan --requests; NULL: no column) one
 * more, quota_request: asked[d] the quota asked by a manual request filed at
 * the start of day d + 1, empty when NAN. */
void plan_days_write(FILE *f, const plan_day *days, const double *caps, const double *asked, size_t n);

#endif
