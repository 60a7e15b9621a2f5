/* sweep_tables.h: a sweep's folder (points/NNNN, sweep.ini), its tables
 * (runs.csv, sweep.csv) and merging the folders of shards. */
#ifndef SESIM_SWEEP_TABLES_H
#define SESIM_SWEEP_TABLES_H

#include <stddef.h>

#include "core/error.h"
#include "io/output.h"
#include "run/columns.h"
#include "sweep_def.h"

/* sweep.csv's columns, each named once (docs/formats.md): SWEEP_COL_POINT
 * (also runs.csv's first column, before its keys and summary.csv's columns),
 * one column per --vary key, SWEEP_COL_ACCOUNT, SWEEP_COL_REPS; per target T
 * (a days_to_T column of summary.csv), the columns of SWEEP_TARGET_COLUMNS,
 * each its prefix, T and its suffix; the SWEEP_SHARE_COLUMNS; then mean_ and
 * each summary column averaged. The report reads them by these names. */
#define SWEEP_COL_POINT "point"
#define SWEEP_COL_ACCOUNT "account"
#define SWEEP_COL_REPS "reps"
#define SWEEP_MEAN_PREFIX "mean_" /* before a summary column averaged */
#define SWEEP_TARGET_COLUMNS(X)                                                                    \
    X(mean, SUMMARY_DAYS_TO, "_mean") X(p10, SUMMARY_DAYS_TO, "_p10")                           \
    X(p50, SUMMARY_DAYS_TO, "_p50") X(p90, SUMMARY_DAYS_TO, "_p90") X(reached, "reached_", "")
#define SWEEP_SHARE_COLUMNS(X) X(share_paused) X(share_reviewed)
#define SWEEP_TARGET_ID(id, prefix, suffix) SWT_##id,
#define SWEEP_SHARE_ID(name) SWS_##name,
typedef enum { SWEEP_TARGET_COLUMNS(SWEEP_TARGET_ID) SWT_N } sweep_target_column;
typedef enum { SWEEP_SHARE_COLUMNS(SWEEP_SHARE_ID) SWS_N } sweep_share_column;
#undef SWEEP_TARGET_ID
#undef SWEEP_SHARE_ID
extern const char *const sweep_target_prefix[SWT_N];
extern const char *const sweep_target_suffix[SWT_N];
extern const char *const sweep_share_names[SWS_N];

/* DIR/points/NNNN (1-based number); complete: a folder (not a link) with its summary.csv. */
char *sweep_point_dir(const char *outdir, size_t point);
int sweep_point_complete(const char *outdir, size_t point);

/* Claim DIR (io/output.h: the lock is held in *lock until out_unclaim),
 * create DIR/points and write DIR/sweep.ini; a DIR holding another sweep is
 * refused. */
int sweep_prepare_dir(const char *outdir, const sweep_def *d, out_lock *lock, sim_err *err);
/* Write runs.csv and sweep.csv when every point is complete; else say how many are. */
int sweep_tables_if_complete(const char *outdir, const sweep_def *d, int quiet, sim_err *err);

/* Rebuild runs.csv and sweep.csv from the points of one or more shard folders. */
int sweep_merge(const char *const *dirs, size_t n, const char *outdir, sim_err *err);

#endif
