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
#include "models/org.h"
#include "models/tenant.h"
#include "models/mailbox.h"
#include "core/units.h"

typedef struct world {
    const scenario *scn;
    int64_t rep;
    sim_engine engine;
    rng_set *rngs;
    account *accounts;
    tenant *tenants;  /* scenario.tenants, or NULL */
    tenant *configsets; /* scenario.configsets (tenant.h: policy none, the owner's alarm), or NULL */
    org org; /* the accounts together: the `*` rows */
    stream *streams;
    FILE *timeseries, *events, *summary; /* rows without headers; NULL: not kept */
    FILE *clients;                        /* clients.csv rows, or NULL: no client stream */
    FILE *tenants_out, *tenant_summary;         /* tenants.csv, tenants-summary.csv rows; NULL: none */
    FILE *configset_summary;              /* configsets-summary.csv rows, or NULL: no sets */
    FILE *bands;                          /* band_rec per timeseries row, or NULL */
    FILE *ips_out;                        /* ips.csv rows, or NULL: no dedicated IPs */
    FILE *configset_ips_out;              /* configsets-ips.csv rows, or NULL: no set's own */
    FILE *mailboxes_out;                  /* mailboxes.csv rows, or NULL */
    mailboxes *mbx;                       /* sim.mailboxes = on: the providers, else NULL */
    ippool **pools;                       /* the providers' pools (mailbox.h; with mbx) */
    int failed;      /* an event met bad input: the run stops, nothing is kept */
    int64_t demanded; /* the demand of every stream so far (at most SCN_MAX_DEMAND) */
    struct progress *days; /* simulated days done, for a run of one replication; or NULL */
    sim_err *err;
    struct rows_cache *rows; /* rows.c's formatting cache, or NULL before the first row */
    uint64_t batches;        /* stream ticks run: fine ticks and hour batches */
    struct tickplan *plan;   /* tickplan.c's buffers, or NULL before the first plan */
} world;

/* row_cells.c: "time,day,rep," of a row: a datetime, a day of %.6f and a 64-bit rep. */
#define TIME_COLUMNS_BUF (UNITS_BUF + 64)
/* Returns the length of the text. */
size_t rows_time_columns(char buf[TIME_COLUMNS_BUF], const world *w, int64_t now);

/* tenants.csv and tenants-summary.csv (tenant_rows.c): written only when the
 * scenario has tenants. */
void tenant_rows_header(FILE *f);
void tenant_rows_summary_header(FILE *f);
void configset_rows_summary_header(FILE *f);
/* One row per tenant for the interval ending at `now`; resets interval counts. */
void tenant_rows(world *w, int64_t now);
/* The tenants' and the configuration sets' summary rows of the replication. */
void tenant_rows_summary(world *w);

/* ips.csv (pool_rows.c): written only when an account has dedicated IPs. */
int pool_rows_wanted(const scenario *s);
void pool_rows_header(FILE *f);
/* One row per account with dedicated IPs for the day ending at `now`. */
void pool_rows(world *w, int64_t now);
/* configsets-ips.csv (pool_rows.c): written only when a configuration set
 * has its own dedicated IPs (configset.ip_pool standard or managed); one row
 * per day and such set, as ips.csv's with a configset column first. */
int configset_pool_rows_wanted(const scenario *s);
void configset_pool_rows_header(FILE *f);
void configset_pool_rows(world *w, int64_t now);
/* mailboxes.csv: one row per account, provider and pool used, per interval. */
void mailbox_rows_header(FILE *f);
void mailbox_rows(world *w, int64_t now);
/* summary.csv's mailbox columns (sim.mailboxes = on) of an account, or of
 * all (index -1): totals over providers and pools. */
void mailbox_summary_columns(world *w, long index, FILE *f);

/* A count as "%lld" writes it, no comma (row_cells.c). */
void rows_put_count(FILE *f, int64_t v);
void rows_timeseries_header(FILE *f);
void rows_events_header(FILE *f);
void rows_summary_header(FILE *f, const scn_sim *sim);
/* One row per account for the interval ending at `now`; resets interval counts. */
void rows_timeseries(world *w, int64_t now);
void rows_summary(world *w);
/* clients.csv: a row per part of every client stream (traffic.client). */
void rows_clients_header(FILE *f);
void rows_clients(world *w);
/* Free what rows_timeseries keeps between calls (w->rows). */
void rows_destroy(world *w);
/* Append an event of an account to events.csv. */
void rows_event(world *w, const account *a, event_type event, const char *detail);

/* tickplan.c, sim.tick = auto: 1 when the hour from `now` (a whole hour) can
 * run as one batch per stream (stream_batch) with the distribution of every
 * output of fine ticks, up to events of probability at most 1e-9 per check
 * (docs/model.md); 0: run it at the fine tick. Draws no random number. */
int tickplan_batch_hour(world *w, int64_t now);
/* After tickplan_batch_hour said 1: the means of stream i's ticks in the hour
 * (its ticks of tick_fine), their sum, and whether they are known to be equal
 * (traffic_profile_means). */
const double *tickplan_means(const world *w, size_t i, double *sum, int *uniform);
/* Free the planner's buffers (w->plan). */
void tickplan_destroy(world *w);

#endif
