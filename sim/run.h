/* run.h: running a scenario: its replications, one after the other, each a
 * world of accounts and streams driven by the engine, writing the outputs of
 * DESIGN.md (timeseries.csv, events.csv, summary.csv, scenario.ini) into a folder. */
#ifndef SESIM_RUN_H
#define SESIM_RUN_H

#include "error.h"
#include "scenario.h"

typedef struct run_options {
    const char *outdir;
    int quiet;
} run_options;

int run_scenario(const scenario *s, const run_options *opt, sim_err *err);

#endif
