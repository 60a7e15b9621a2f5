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

#include "error.h"

/* SPEC: "a,b,c" (values as in a scenario, units allowed), "lo:hi:n" (n values,
 * evenly spaced) or "lo:hi:n:log" (geometric). */
typedef struct sweep_axis {
    char *key;     /* section.key or section.name.key */
    char **values; /* texts, as --set would take them */
    size_t n;
} sweep_axis;

typedef struct sweep_options {
    const char *scenario;   /* file */
    const char **sets;      /* --set overrides common to every point */
    size_t n_sets;
    const char **varies;    /* KEY=SPEC */
    size_t n_varies;
    const char *outdir;
    int jobs, resume, keep_series, quiet, progress;
    int shard_k, shard_n;   /* run points p with (p - 1) % n == k - 1; 0/0: all */
} sweep_options;

/* Parse one --vary argument. */
int sweep_parse_axis(const char *arg, sweep_axis *axis, sim_err *err);
void sweep_free_axis(sweep_axis *axis);

/* Run a sweep; exit status 1 (SIM_ERUNTIME) names the points that failed. */
int sweep_run(const sweep_options *opt, sim_err *err);

/* Rebuild runs.csv and sweep.csv from the points of one or more shard folders. */
int sweep_merge(const char *const *dirs, size_t n, const char *outdir, sim_err *err);

#endif
