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

/* plan.csv's columns, listed once (as sim/run/columns.h): the writer's header
 * and switch and the report's reader (report_plan.c) take them from here. */
#define PLAN_COLUMNS(X)                                                                           \
    X(day) X(cap) X(ses_sent_mean) X(ses_sent_p05) X(ses_sent_p95) X(quota_mean) X(quota_p05)     \
    X(quota_p95) X(p_reviewed_or_paused) X(quota_request)
#define PLAN_COLUMN_ID(name) PLC_##name,
typedef enum { PLAN_COLUMNS(PLAN_COLUMN_ID) PLC_COLUMNS_N } plan_column_id;
#undef PLAN_COLUMN_ID
extern const char *const plan_columns[PLC_COLUMNS_N];

/* The last column, quota_request, is written only by sesim plan --requests:
 * readers need the ones before it. */
#define PLC_REQUIRED_N PLC_quota_request

/* plan.csv: the columns above, a row per day; caps[d] the cap of day d + 1
 * (INFINITY: none). With `asked` (NULL: no quota_request column), asked[d] the
 * quota asked by a manual request filed at the start of day d + 1, empty when
 * NAN. */
void plan_days_write(FILE *f, const plan_day *days, const double *caps, const double *asked, size_t n);

#endif
