/* sweep_tables.h: a sweep's folder (points/NNNN, sweep.ini), its tables
 * (runs.csv, sweep.csv) and merging the folders of shards. */
#ifndef SESIM_SWEEP_TABLES_H
#define SESIM_SWEEP_TABLES_H

#include <stddef.h>

#include "core/error.h"
#include "io/output.h"
#include "sweep_def.h"

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
