/* points.h: variants of one scenario run in the worker pool, the units of the
 * studies that choose their own points (`sesim sensitivity`, `sesim plan`).
 *
 * Point p is the scenario with the common --set assignments, then its own,
 * run with all its replications into DIR/points/NNNN (NNNN = p + 1, the
 * folders of a sweep, sweep_tables.h: summary.csv and scenario.ini; with
 * keep_series the other outputs of a run too), written under a temporary name
 * and renamed when complete. Random streams do not depend on the point
 * (common random numbers), and the files do not depend on -j. */
#ifndef SESIM_POINTS_H
#define SESIM_POINTS_H

#include <stddef.h>

#include "core/error.h"
#include "io/output.h"
#include "scenario/scenario.h"

typedef struct points_batch {
    const char *scenario;     /* file; NULL: the built-in default */
    const scn_override *sets;  /* --set and --add common to every point */
    size_t n_sets;
    const char *outdir;
    char *const *const *assign; /* per point: its KEY=VALUE assignments */
    const size_t *n_assign;
    size_t first, n;          /* run points first .. first + n - 1 */
    int jobs;                 /* 0: one per core */
    int quiet, progress, keep_series;
    const char *unit;         /* the progress bar's word: "points", "candidates" */
} points_batch;

/* Run the points; SIM_ERUNTIME names those that failed (each printed its error). */
int points_run(const points_batch *b, sim_err *err);

/* Run one point's resolved scenario into DIR/points/NNNN (under a temporary
 * name, renamed when complete; nothing left on failure), its replications in
 * `jobs` workers. */
int points_run_one(const scenario *s, const char *outdir, size_t p, int jobs, int keep_series,
                   sim_err *err);

/* One column of point p's summary.csv for one account: one value per
 * replication in replication order, NAN for an empty cell. *v is malloc'd. */
int points_column(const char *outdir, size_t p, const char *account, const char *column,
                  double **v, size_t *n, sim_err *err);

/* The same column as text, one malloc'd string per replication. */
int points_text_column(const char *outdir, size_t p, const char *account, const char *column,
                       char ***v, size_t *n, sim_err *err);

/* A study's output folder DIR, claimed: its mark (kind "plan" or
 * "sensitivity") is locked while the study runs, and the study makes its
 * points (and any folder it puts in place whole, as the plan's run/) in a
 * work folder DIR/.sesim-study-XXXXXX, passed as the points' outdir. The
 * earlier study's files and points/ stay as they were until the new ones are
 * complete (points_commit); an interrupted or failed study leaves them. */
typedef struct points_study {
    out_lock lock;
    char *work;    /* the work folder: the points' outdir */
    int committed; /* points_commit put the outputs in place */
} points_study;

/* Claim DIR as the output of `kind`; a folder without the mark is refused
 * when it holds one of `owned` (NULL-terminated; "points" should be one), a
 * folder marked for another kind (a sweep's) always. Then make the work folder. */
int points_begin(points_study *ps, const char *outdir, const char *kind, const char *const *owned,
                 sim_err *err);

/* A folder of the work folder put in place whole, and the kind of its mark. */
typedef struct points_folder {
    const char *name, *kind;
} points_folder;

/* Put the study's outputs in place as one step (interrupts held): the files
 * (opened in DIR with out_open) committed, then WORK/points (given the mark
 * of "points") and the `n` folders moved into DIR in place of the earlier
 * ones. On failure the files are removed. */
int points_commit(points_study *ps, out_file *files, size_t n_files, const points_folder *folders,
                  size_t n, sim_err *err);

/* Remove what is left of the work folder and release DIR (its mark removed
 * when this claim made it and nothing was committed). Nothing to do when
 * points_begin was not called (ps zeroed) or failed. */
void points_end(points_study *ps);

#endif
