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
 * The folder is claimed first (io/output.h: refused when it holds files of
 * these names that sesim did not write, or another sesim is writing into it);
 * the files appear only when all is complete, as one set that replaces the
 * earlier run's whole; then the folder's mark records the data files read
 * (run_inputs). A replication that fails has already printed its error: then
 * err->msg is empty. */
int run_scenario(const scenario *s, const run_options *opt, sim_err *err);
/* Does the run write clients.csv? (a stream sends message by message) */
int run_writes_clients(const scenario *s);

/* SIM_EINPUT when the scenario's resolved form (scenario.ini) would be over
 * SCN_MAX_FILE_BYTES, the most a scenario file may have. */
int run_check_size(const scenario *s, sim_err *err);

/* What a run is made of besides its scenario: one line "data HASH PATH" per
 * data file replayed (HASH: FNV-1a of its content, 16 hex digits; "unreadable"
 * when it cannot be read), in stream order; "" for none. malloc'd. What
 * --resume compares, with scenario.ini, to the mark of a complete run. */
char *run_inputs(const scenario *s);

/* The header row of the scenario's summary.csv (its column names, comma
 * separated, no line end), malloc'd: the columns a study may read. */
char *run_summary_columns(const scn_sim *sim);

#endif
