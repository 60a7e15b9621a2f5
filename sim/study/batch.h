/* batch.h: `sesim batch FILE_OR_DIR...`: many scenario files in one command.
 *
 * Every scenario given (a folder: every *.ini in it, sorted by name) runs as one
 * unit of work in the worker pool the sweeps use, into DIR/NAME/ (NAME: the
 * file's name without .ini) with the outputs of `sesim run`. A scenario folder
 * is written as DIR/.NAME.tmp-PID and renamed when complete, so it is either
 * complete or absent. Then DIR/batch.csv gets one row per (scenario, rep,
 * account): the scenario's name, then the columns of summary.csv.
 *
 * Failures are isolated: a scenario that does not validate is reported with its
 * file:line and not run; one that fails at run time is reported and leaves no
 * folder; the others complete. The status is then SIM_EINPUT (any invalid) or
 * SIM_ERUNTIME (any failed at run time), naming them. */
#ifndef SESIM_BATCH_H
#define SESIM_BATCH_H

#include <stddef.h>

#include "core/error.h"

/* batch.csv's first column (the scenario's name); the columns of summary.csv
 * (run/columns.h) follow. */
#define BATCH_SCENARIO_COLUMN "scenario"

typedef struct batch_options {
    const char *const *inputs; /* scenario files and folders, in order */
    size_t n_inputs;
    const char *const *sets;   /* --set: applied to every scenario that has the section */
    size_t n_sets;
    const char *outdir;
    int jobs, resume, quiet, progress;
    int force; /* run scenarios estimated beyond the limits (scn_check_size) */
} batch_options;

int batch_run(const batch_options *opt, sim_err *err);

#endif
