/* sweep_def.h: what a sweep is, shared by running it (sweep.c), its tables
 * (sweep_tables.c) and its report: the axes, the value of an axis at a point,
 * the fingerprint and DIR/sweep.ini. */
#ifndef SESIM_SWEEP_DEF_H
#define SESIM_SWEEP_DEF_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "scenario/scenario.h"

/* SPEC: "a,b,c" (values as in a scenario, units allowed), "lo:hi:n" (n values,
 * evenly spaced) or "lo:hi:n:log" (geometric). */
typedef struct sweep_axis {
    char *key;     /* section.key or section.name.key */
    char **values; /* texts, as --set would take them */
    size_t n;
} sweep_axis;

typedef struct sweep_def {
    char *scenario_owned;   /* when read from sweep.ini */
    const char *scenario;
    sweep_axis *axes;
    size_t n_axes, n_points;
    int64_t reps;
    uint64_t fingerprint;
    char **options;         /* the sweep's --set and --add, as "--set KEY=VALUE" */
    size_t n_options;
} sweep_def;

/* Record the --set and --add of a sweep (not sim.reps: sweep.ini has reps). */
void sweep_def_options(sweep_def *d, const scn_override *sets, size_t n);

/* Parse one --vary argument. */
int sweep_parse_axis(const char *arg, sweep_axis *axis, sim_err *err);
void sweep_free_axis(sweep_axis *axis);

/* The value of axis `axis` at point `point` (0-based; the last axis varies fastest). */
const char *sweep_value(const sweep_def *d, size_t point, size_t axis);

/* FNV-1a over the resolved base scenario, the axes, the reps and `inputs`:
 * the data files the points read, with the hash of their content (run_inputs
 * lines, sorted, each once), so that a changed data file is another sweep. */
uint64_t sweep_fingerprint(const scenario *base, const sweep_def *d, const char *inputs);
/* The lines of texts[0..n), sorted and each once, joined (malloc'd). */
char *sweep_unique_lines(char *const *texts, size_t n);

/* Write DIR/sweep.ini; read it back. */
int sweep_write_def(const char *outdir, const sweep_def *d, sim_err *err);
int sweep_read_def(const char *dir, sweep_def *d, sim_err *err);
void sweep_free_def(sweep_def *d);

#endif
