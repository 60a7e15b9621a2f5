/* run.h: running a scenario: its replications, one after the other, each a
 * world of accounts and streams driven by the engine, writing the outputs of
 * DESIGN.md (timeseries.csv, events.csv, summary.csv, scenario.ini) into a folder. */
#ifndef SESIM_RUN_H
#define SESIM_RUN_H

#include "core/error.h"
#include "scenario/scenario.h"

typedef struct run_options {
    const char *outdir;
    int quiet;
    int jobs;         /* worker processes for replications; 0: one per core */
    int summary_only; /* write summary.csv and scenario.ini only (sweeps without series) */
} run_options;

/* Run every replication (in parallel with opt->jobs workers) and write the
 * outputs into opt->outdir, plus bands.csv when there are several replications.
 * Files appear only when all is complete. A replication that fails has already
 * printed its error: then err->msg is empty. */
int run_scenario(const scenario *s, const run_options *opt, sim_err *err);

/* The header row of the scenario's summary.csv (its column names, comma
 * separated, no line end), malloc'd: the columns a study may read. */
char *run_summary_columns(const scn_sim *sim);

#endif
