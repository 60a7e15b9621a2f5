/* run_int.h: one replication's world, shared by run.c (set-up and schedule) and
 * rows.c (the CSV rows it writes). */
#ifndef SESIM_RUN_INT_H
#define SESIM_RUN_INT_H

#include <stdio.h>

#include "models/account.h"
#include "core/engine.h"
#include "core/rng.h"
#include "scenario/scenario.h"
#include "models/stream.h"

typedef struct world {
    const scenario *scn;
    int64_t rep;
    sim_engine engine;
    rng_set *rngs;
    account *accounts;
    stream *streams;
    FILE *timeseries, *events, *summary; /* rows without headers; NULL: not kept */
    FILE *bands;                          /* band_rec per timeseries row, or NULL */
    int failed;      /* an event met bad input: the run stops, nothing is kept */
    int64_t demanded; /* the demand of every stream so far (at most SCN_MAX_DEMAND) */
    struct progress *days; /* simulated days done, for a run of one replication; or NULL */
    sim_err *err;
    struct rows_cache *rows; /* rows.c's formatting cache, or NULL before the first row */
} world;

void rows_timeseries_header(FILE *f);
void rows_events_header(FILE *f);
void rows_summary_header(FILE *f, const scn_sim *sim);
/* One row per account for the interval ending at `now`; resets interval counts. */
void rows_timeseries(world *w, int64_t now);
void rows_summary(world *w);
/* Free what rows_timeseries keeps between calls (w->rows). */
void rows_destroy(world *w);
/* Append an event of an account to events.csv. */
void rows_event(world *w, const account *a, const char *event, const char *detail);

#endif
