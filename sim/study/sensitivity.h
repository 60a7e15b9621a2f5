/* sensitivity.h: `sesim sensitivity SCENARIO`: which assumptions an answer
 * rests on (docs/sensitivity.md).
 *
 * Every chosen key (default: every key of the scenario marked `assumption`
 * that has a documented range) is varied over its range; Morris elementary
 * effects screen them (gsa.h), then Sobol indices are estimated for the few
 * that move the metrics most. Each point is the scenario with the keys set,
 * run with all its replications in the worker pool (points.h), every point
 * with the same random numbers. A metric is a column of summary.csv for one
 * account, averaged over the replications.
 *
 * Folder layout (DIR):
 *   sensitivity.csv  one row per (metric, key): range, mu* with its bootstrap
 *                    interval, mu, sigma with its interval, Sobol first-order
 *                    and total indices (empty for keys not in the Sobol stage), rank
 *   design.csv       one row per point: stage, trajectory or row, step, the
 *                    keys' values as set, the metrics' values
 *   points/NNNN/     each point's summary.csv and scenario.ini */
#ifndef SESIM_SENSITIVITY_H
#define SESIM_SENSITIVITY_H

#include <stddef.h>

#include "core/config.h"
#include "core/error.h"
#include "scenario/scenario.h"

/* sensitivity.csv's columns, listed once (as sim/run/columns.h): the writer's
 * header and switch (sensitivity.c) and the report's reader take them from
 * here. design.csv's first columns likewise, before its keys and metrics. */
#define SENSITIVITY_COLUMNS(X)                                                                    \
    X(metric) X(key) X(low) X(high) X(mu_star) X(mu_star_lo) X(mu_star_hi) X(mu) X(sigma)        \
    X(sigma_lo) X(sigma_hi) X(first_order) X(total_order) X(rank)
#define DESIGN_COLUMNS(X) X(point) X(stage) X(run) X(step)
#define SENSITIVITY_COLUMN_ID(name) SNC_##name,
typedef enum { SENSITIVITY_COLUMNS(SENSITIVITY_COLUMN_ID) SNC_COLUMNS_N } sensitivity_column_id;
#define DESIGN_COLUMN_ID(name) DSC_##name,
typedef enum { DESIGN_COLUMNS(DESIGN_COLUMN_ID) DSC_COLUMNS_N } design_column_id;
#undef SENSITIVITY_COLUMN_ID
#undef DESIGN_COLUMN_ID
extern const char *const sensitivity_columns[SNC_COLUMNS_N];

typedef struct sensitivity_options {
    const char *scenario;        /* file; NULL: the built-in default */
    const scn_override *sets;     /* --set and --add common to every point (also --reps, --seed) */
    size_t n_sets;
    const char *keys;            /* "assumptions" (NULL too) or "KEY,KEY,..." */
    const char *const *metrics;  /* --metric COLUMN[@ACCOUNT][,...]; none: the defaults */
    size_t n_metrics;
    const char *const *ranges;   /* --range KEY=LO:HI[:log] */
    size_t n_ranges;
    size_t trajectories;         /* Morris trajectories (>= 2) */
    size_t sobol_samples;        /* Sobol base samples; 0: no Sobol stage */
    size_t sobol_keys;           /* keys in the Sobol stage, at most */
    const char *outdir;
    int jobs, quiet, progress;
} sensitivity_options;

int sensitivity_run(const sensitivity_options *opt, sim_err *err);

#endif
