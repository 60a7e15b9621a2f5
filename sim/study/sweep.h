/* sweep.h: parameter sweeps. `sesim sweep SCENARIO --vary KEY=SPEC ...` runs the
 * Cartesian product of the varied keys' values (the last key varies fastest),
 * every point with sim.reps replications as one unit of work in the worker pool.
 *
 * Folder layout (DIR):
 *   sweep.ini          what the sweep is: scenario, fingerprint, keys, values, reps
 *   points/NNNN/       one folder per completed point (summary.csv, scenario.ini,
 *                      and with --keep-series timeseries.csv, events.csv, bands.csv);
 *                      written as points/.NNNN.tmp-PID and renamed when complete,
 *                      so a point is either complete or absent
 *   runs.csv           one row per (point, rep, account): point, the varied keys,
 *                      then the summary columns
 *   sweep.csv          one row per (point, account): statistics over the reps
 * runs.csv and sweep.csv are written once every point is complete. Random
 * streams do not depend on the point: all points see the same random numbers. */
#ifndef SESIM_SWEEP_H
#define SESIM_SWEEP_H

#include <stddef.h>

#include "core/error.h"
#include "scenario/scenario.h"
#include "sweep_def.h"

typedef struct sweep_options {
    const char *scenario;   /* file */
    const scn_override *sets; /* --set and --add common to every point, in order */
    size_t n_sets;
    const char **varies;    /* KEY=SPEC */
    size_t n_varies;
    const char *outdir;
    int jobs, resume, keep_series, quiet, progress;
    int shard_k, shard_n;   /* run points p with (p - 1) % n == k - 1; 0/0: all */
    int force;              /* run points estimated beyond the limits (scn_check_size) */
} sweep_options;

/* Run a sweep; exit status 1 (SIM_ERUNTIME) names the points that failed. */
int sweep_run(const sweep_options *opt, sim_err *err);

#endif
