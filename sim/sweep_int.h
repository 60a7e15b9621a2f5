/* sweep_int.h: what sweep.c (running) and sweep_tables.c (sweep.ini, runs.csv,
 * sweep.csv, merge) share. */
#ifndef SESIM_SWEEP_INT_H
#define SESIM_SWEEP_INT_H

#include <stdint.h>

#include "sweep.h"

typedef struct sweep_def {
    char *scenario_owned;   /* when read from sweep.ini */
    const char *scenario;
    sweep_axis *axes;
    size_t n_axes, n_points;
    int64_t reps;
    uint64_t fingerprint;
} sweep_def;

/* The value of axis `axis` at point `point` (0-based; the last axis varies fastest). */
const char *sweep_value(const sweep_def *d, size_t point, size_t axis);

/* DIR/points/NNNN (1-based number), or its temporary name while being written. */
char *sweep_point_dir(const char *outdir, size_t point, int temporary);
int sweep_point_complete(const char *outdir, size_t point);

/* Create DIR/points and write DIR/sweep.ini; a DIR holding another sweep is refused. */
int sweep_prepare_dir(const char *outdir, const sweep_def *d, sim_err *err);
/* Write runs.csv and sweep.csv when every point is complete; else say how many are. */
int sweep_tables_if_complete(const char *outdir, const sweep_def *d, int quiet, sim_err *err);
/* Read DIR/sweep.ini (written by sweep_prepare_dir). */
int sweep_read_def(const char *dir, sweep_def *d, sim_err *err);
void sweep_free_def(sweep_def *d);

#endif
