/* run.c: set up a replication's world, schedule its events, run it, and keep
 * the output files whole (written under temporary names, renamed at the end). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/units.h"
#include "models/enforcement.h"
#include "models/relations.h"
#include "models/requests.h"
#include "bands.h"
#include "io/output.h"
#include "io/pool.h"
#include "io/progress.h"
#include "run.h"
#include "run_int.h"

/* The files a run opens in finish()'s loop, then those it writes when they
 * apply: together, every file a run folder holds. */
enum { OUT_TIMESERIES, OUT_EVENTS, OUT_SUMMARY, OUT_SCENARIO, OUT_CLIENTS, OUT_COUNT };
enum { OUT_BANDS = OUT_COUNT, OUT_TENANTS, OUT_TENANT_SUMMARY, OUT_IPS, OUT_MAILBOXES,
       OUT_CONFIGSET_SUMMARY, OUT_CONFIGSET_IPS, OUT_ALL };
static const char *const out_names[OUT_ALL + 1] = {
    "timeseries.csv", "events.csv", "summary.csv", "scenario.ini", "clients.csv",
    "bands.csv", "tenants.csv", "tenants-summary.csv", "ips.csv", "mailboxes.csv",
    "configsets-summary.csv", "configsets-ips.csv", NULL};

/* ---- events of a replication ---- */

/* Add stream i's demand of the tick to the run's: SIM_EINPUT past 2^53. Each
 * tick's demand is at most 2^53 (the kinds see to it), so the sum cannot overflow. */
static int count_demand(world *w, size_t i, int64_t now)
{
    if ((w->demanded += w->streams[i].last_demand) <= (int64_t)SCN_MAX_DEMAND)
        return 0;
    char when[UNITS_BUF];
    units_fmt_datetime(w->scn->sim.start + now, when);
    return sim_errorf(w->err, SIM_EINPUT, NULL, 0,
                      "traffic.%s: the demand of the run, all streams together, adds up "
                      "to over 2^53 messages at %s, the most one run may ask for",
                      w->scn->traffic[i].name, when);
}

/* sim.tick = auto: the hour from `now` as one batch per stream, in index order
 * (tickplan_batch_hour has proved that nothing can bind in it). */
static int batch_hour(world *w, int64_t now, int64_t fine)
{
    size_t n = (size_t)(SIM_MS_PER_H / fine);
    int64_t small[60]; /* a minute's fine tick: no malloc and free every hour */
    int64_t *counts = n <= 60 ? small : sim_xmalloc(n * sizeof *counts);
    int rc = 0;
    for (size_t i = 0; i < w->scn->n_traffic && !rc; i++) {
        double sum;
        int uniform;
        const double *means = tickplan_means(w, i, &sum, &uniform);
        stream_batch(&w->streams[i], now, fine, n, means, sum, uniform, counts);
        rc = count_demand(w, i, now);
    }
    w->batches += w->scn->n_traffic;
    if (counts != small)
        free(counts);
    return rc;
}

/* Every stream's tick, in index order: demand over [now, now + tick) and its
 * submission. One event for all streams rather than one each: ticks never
 * schedule events, so nothing else can run between two streams' ticks of the
 * same millisecond, and the order is the one of per-stream events (scheduled at
 * 0 in index order, each rescheduling in turn), at a fraction of the heap work. */
static void on_ticks(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    world *w = obj;
    int64_t tick = scn_fine_tick(&w->scn->sim);
    int rc = 0;
    if (w->scn->sim.tick == SCN_TICK_AUTO && tickplan_batch_hour(w, e->now)) {
        rc = batch_hour(w, e->now, tick);
        tick = SIM_MS_PER_H;
    } else {
        for (size_t i = 0; i < w->scn->n_traffic && !rc; i++)
            if (!(rc = stream_tick(&w->streams[i], e->now, tick, w->err)))
                rc = count_demand(w, i, e->now);
        w->batches += w->scn->n_traffic;
    }
    if (rc) {
        w->failed = 1;
        engine_stop(e);
        return;
    }
    if (e->now + tick < w->scn->sim.duration)
        engine_schedule(e, e->now + tick, on_ticks, w, 0);
}

/* The daily circumvention check of every stream split over several accounts. */
static void check_splits(world *w, int64_t now)
{
    for (size_t i = 0; i < w->scn->n_traffic; i++) {
        stream *s = &w->streams[i];
        if (s->n_parts < 2)
            continue;
        account **parts = sim_xmalloc(s->n_parts * sizeof *parts);
        for (size_t k = 0; k < s->n_parts; k++)
            parts[k] = s->parts[k]->acct;
        relations_check_split(parts, s->n_parts, now);
        free(parts);
    }
}

/* Draw the outcomes of every stream's window (see stream_flush_outcomes). */
static void flush_outcomes(world *w)
{
    for (size_t i = 0; i < w->scn->n_traffic; i++)
        stream_flush_outcomes(&w->streams[i]);
}

static int64_t gcd64(int64_t a, int64_t b) { return b ? gcd64(b, a % b) : a; }

/* A boundary: the service's hourly look at every account, then, at the end of
 * an output interval, one timeseries row per account. Boundaries are scheduled
 * one step ahead, before the ticks of the same millisecond (the step is a
 * multiple of the tick), so FIFO ties run them first: a row holds exactly the
 * ticks that start in [end - interval, end) and the feedback that arrived by its end.
 * decide: 0 at the run's end, where the books are closed but the service
 * decides nothing (no transition, ramp or circumvention check): the run covers
 * [0, duration), so a pause at `duration` would last no time at all. */
static void boundary(world *w, int64_t now, int decide)
{
    flush_outcomes(w);
    if (now % SIM_MS_PER_H == 0) {
        for (size_t i = 0; i < w->scn->n_accounts; i++) {
            if (decide)
                enforce_hour(&w->accounts[i], now);
            else
                enforce_measure_hour(&w->accounts[i], now);
        }
        for (size_t i = 0; i < w->scn->n_tenants; i++)
            tenant_hour(&w->tenants[i], now, decide);
        for (size_t i = 0; i < w->scn->n_configsets; i++)
            tenant_hour(&w->configsets[i], now, decide);
    }
    if (now % SIM_MS_PER_DAY == 0) {
        if (decide) {
            check_splits(w, now);
            for (size_t i = 0; i < w->scn->n_accounts; i++)
                enforce_day(&w->accounts[i], now);
        }
        if (w->days)
            progress_update(w->days, (size_t)(now / SIM_MS_PER_DAY));
    }
    if (now % w->scn->sim.interval == 0) {
        rows_timeseries(w, now);
        tenant_rows(w, now);
        mailbox_rows(w, now);
    }
    if (now % SIM_MS_PER_DAY == 0 || !decide) {
        pool_rows(w, now);
        configset_pool_rows(w, now);
    }
    /* SES's retries at the hour: after the rows, which end before it */
    if (w->mbx && decide && now % SIM_MS_PER_H == 0)
        mbx_hour(w->mbx, now);
}

/* The boundaries before the end; the end's is run_replication's. */
static void on_boundary(sim_engine *e, void *obj, int64_t step)
{
    world *w = obj;
    boundary(w, e->now, 1);
    if (e->now + step < w->scn->sim.duration)
        engine_schedule(e, e->now + step, on_boundary, w, step);
}

static void log_event(void *ctx, const account *a, event_type event, const char *detail)
{
    rows_event(ctx, a, event, detail);
}

/* ---- world lifecycle ---- */

static void world_destroy(world *w)
{
    for (size_t i = 0; w->streams && i < w->scn->n_traffic; i++)
        stream_destroy(&w->streams[i]);
    for (size_t i = 0; w->tenants && i < w->scn->n_tenants; i++)
        tenant_destroy(&w->tenants[i]);
    for (size_t i = 0; w->configsets && i < w->scn->n_configsets; i++)
        tenant_destroy(&w->configsets[i]);
    if (w->mbx)
        mbx_destroy(w->mbx);
    free(w->mbx);
    free(w->pools);
    free(w->tenants);
    free(w->configsets);
    org_destroy(&w->org);
    for (size_t i = 0; w->accounts && i < w->scn->n_accounts; i++)
        account_destroy(&w->accounts[i]);
    free(w->streams);
    free(w->accounts);
    rng_set_destroy(w->rngs);
    rows_destroy(w);
    tickplan_destroy(w);
    engine_destroy(&w->engine);
}

/* sim.mailboxes = on: the providers and their random stream "mailboxes"
 * (none is made otherwise: other scenarios draw the same numbers as before). */
static void attach_mailboxes(world *w)
{
    const scenario *s = w->scn;
    /* the accounts' pools, then the sets' own (mailbox.h's order) */
    w->pools = sim_xmalloc((s->n_accounts + s->n_configsets + 1) * sizeof *w->pools);
    size_t n = 0;
    for (size_t i = 0; i < s->n_accounts; i++)
        w->pools[n++] = &w->accounts[i].ips;
    for (size_t i = 0; i < s->n_configsets; i++)
        if (mbx_own_pool(&s->configsets[i]))
            w->pools[n++] = &w->configsets[i].ips;
    w->mbx = sim_xmalloc(sizeof *w->mbx);
    mbx_init(w->mbx, s, w->pools, rng_stream(w->rngs, "mailboxes"), stream_mailbox_feedback);
    for (size_t i = 0; i < s->n_traffic; i++)
        stream_attach_mailboxes(&w->streams[i], w->mbx, w->accounts);
}

/* The tenants or configuration sets of the scenario (n of them), or NULL. */
static tenant *entities_init(world *w, const scn_tenant *cfg, size_t n)
{
    if (!n)
        return NULL;
    tenant *v = sim_xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        tenant_init(&v[i], &cfg[i], &w->accounts[cfg[i].account_index], &w->scn->policy);
    return v;
}

static int world_init(world *w, const scenario *s, int64_t rep, sim_err *err)
{
    w->scn = s;
    w->rep = rep;
    engine_init(&w->engine);
    w->rngs = rng_set_create((uint64_t)s->sim.seed, (uint64_t)rep);
    w->accounts = sim_xcalloc(s->n_accounts, sizeof *w->accounts);
    for (size_t i = 0; i < s->n_accounts; i++) {
        account *a = &w->accounts[i];
        char name[SCN_MAX_NAME + 32];
        snprintf(name, sizeof name, "account.%s.service", s->accounts[i].name);
        account_init(a, &s->accounts[i], &s->sim);
        account_attach_service(a, &s->policy, rng_stream(w->rngs, name), log_event, w);
        if (s->accounts[i].review_hazard > 0) { /* its own stream: 0 draws nothing */
            snprintf(name, sizeof name, "account.%s.review", s->accounts[i].name);
            a->review_rng = rng_stream(w->rngs, name);
        }
        requests_schedule(&w->engine, a);
    }
    size_t *group = sim_xmalloc(s->n_accounts * sizeof *group);
    relations_groups(s, group);
    relations_attach(w->accounts, s->n_accounts, group);
    free(group);
    org_init(&w->org, w->accounts, s->n_accounts, 0);
    w->tenants = entities_init(w, s->tenants, s->n_tenants);
    w->configsets = entities_init(w, s->configsets, s->n_configsets);
    w->streams = sim_xcalloc(s->n_traffic ? s->n_traffic : 1, sizeof *w->streams);
    for (size_t i = 0; i < s->n_traffic; i++) {
        sim_err inner;
        if (stream_init(&w->streams[i], &s->traffic[i], w->accounts, &s->sim, w->rngs, &inner))
            return sim_errorf(err, inner.code, NULL, 0, "%s", inner.msg);
        if (s->traffic[i].tenant_index >= 0)
            stream_attach_tenant(&w->streams[i], &w->tenants[s->traffic[i].tenant_index]);
        if (s->traffic[i].configset_index >= 0) /* a configuration set is a tenant without policy */
            stream_attach_tenant(&w->streams[i], &w->configsets[s->traffic[i].configset_index]);
    }
    if (s->sim.mailboxes == SCN_ON)
        attach_mailboxes(w);
    return 0;
}

/* SESIM_BATCHES=1 (a measuring aid, docs/performance.md): one line
 * "sesim: batches: REP,N" on stderr per replication, N the stream ticks and
 * hour batches it made. Written to stderr so that sesim writes no file it did
 * not create. */
static void report_batches(const world *w)
{
    const char *on = getenv("SESIM_BATCHES");
    if (on && !strcmp(on, "1"))
        fprintf(stderr, "sesim: batches: %lld,%llu\n", (long long)w->rep,
                (unsigned long long)w->batches);
}

/* ---- one replication into part files ---- */

enum { PART_TIMESERIES, PART_EVENTS, PART_SUMMARY, PART_BANDS, PART_CLIENTS, PART_TENANTS,
       PART_TENANT_SUMMARY, PART_IPS, PART_MAILBOXES, PART_CONFIGSET_SUMMARY, PART_CONFIGSET_IPS,
       PART_COUNT };
static const char *const part_names[PART_COUNT] = {"timeseries.part", "events.part",
                                                   "summary.part", "bands.part", "clients.part",
                                                   "tenants.part", "tenants-summary.part",
                                                   "ips.part", "mailboxes.part",
                                                   "configsets-summary.part",
                                                   "configsets-ips.part"};

int run_writes_clients(const scenario *s)
{
    for (size_t i = 0; i < s->n_traffic; i++)
        if (client_active(&s->traffic[i]))
            return 1;
    return 0;
}

/* Which part files a replication writes: the series only when kept (the
 * bands only for several replications), clients' only with a client stream
 * (kept or not), the tenants' only when the scenario has tenants. */
static int part_wanted(const scenario *s, int which, int keep_series)
{
    if (which == PART_CLIENTS)
        return run_writes_clients(s);
    if (which == PART_IPS)
        return keep_series && pool_rows_wanted(s);
    if (which == PART_MAILBOXES)
        return keep_series && s->sim.mailboxes == SCN_ON;
    if (which == PART_BANDS) /* bands.csv is across replications: with one, none (finish) */
        return keep_series && s->sim.reps > 1;
    if (which == PART_CONFIGSET_SUMMARY)
        return s->n_configsets > 0;
    if (which == PART_CONFIGSET_IPS)
        return keep_series && configset_pool_rows_wanted(s);
    if (which >= PART_TENANTS && !s->n_tenants)
        return 0;
    return keep_series || which == PART_SUMMARY || which == PART_TENANT_SUMMARY;
}

static char *part_path(const char *parts, int64_t rep, int which)
{
    size_t n = strlen(parts) + 64;
    char *p = sim_xmalloc(n);
    snprintf(p, n, "%s/%08lld.%s", parts, (long long)rep, part_names[which]);
    return p;
}

/* Run replication `rep`, its rows (no headers) into files in `parts`. */
static int run_replication(const scenario *s, int64_t rep, const char *parts, int keep_series,
                           progress *days, sim_err *err)
{
    FILE *f[PART_COUNT] = {0};
    int rc = 0;
    for (int i = 0; i < PART_COUNT && !rc; i++) {
        if (!part_wanted(s, i, keep_series))
            continue;
        char *path = part_path(parts, rep, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        f[i] = fd < 0 ? NULL : fdopen(fd, "wb");
        if (!f[i])
            rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot write: %s", strerror(errno));
        free(path);
    }
    world w = {.timeseries = f[PART_TIMESERIES], .events = f[PART_EVENTS],
               .summary = f[PART_SUMMARY], .bands = f[PART_BANDS], .clients = f[PART_CLIENTS],
               .tenants_out = f[PART_TENANTS], .tenant_summary = f[PART_TENANT_SUMMARY],
               .ips_out = f[PART_IPS], .mailboxes_out = f[PART_MAILBOXES],
               .configset_summary = f[PART_CONFIGSET_SUMMARY],
               .configset_ips_out = f[PART_CONFIGSET_IPS],
               .err = err, .days = days};
    if (!rc)
        rc = world_init(&w, s, rep, err);
    if (!rc) {
        int64_t step = gcd64(s->sim.interval, SIM_MS_PER_H);
        if (step < s->sim.duration)
            engine_schedule(&w.engine, step, on_boundary, &w, step);
        if (s->n_traffic)
            engine_schedule(&w.engine, 0, on_ticks, &w, 0);
        w.engine.interrupt = pool_interrupt_flag();
        /* every event before the end (a request decided at `duration` is not) */
        engine_run_until(&w.engine, s->sim.duration);
        rc = w.failed ? err->code : w.engine.now < s->sim.duration ? SIM_EINTERRUPTED : 0;
        if (!rc) {
            boundary(&w, s->sim.duration, 0); /* duration is a multiple of the step */
            rows_summary(&w);
            report_batches(&w);
            if (w.clients)
                rows_clients(&w);
            tenant_rows_summary(&w);
        }
    }
    world_destroy(&w);
    for (int i = 0; i < PART_COUNT; i++)
        if (f[i] && (fclose(f[i]) != 0) && !rc)
            rc = sim_errorf(err, SIM_ERUNTIME, parts, 0, "write failed: %s", strerror(errno));
    return rc;
}

/* ---- replications as units of the worker pool ---- */

typedef struct run_job {
    const scenario *s;
    const char *parts;
    int keep_series, quiet;
    int status; /* exit status of the first unit that failed */
    size_t failed_unit;
    char message[1024]; /* its error */
    size_t done;
    progress bar;
} run_job;

static int rep_unit(size_t unit, void *ctx)
{
    run_job *job = ctx;
    sim_err err = {0};
    progress days;
    int single = job->s->sim.reps == 1;
    if (single)
        progress_start(&days, "days", (size_t)(job->s->sim.duration / SIM_MS_PER_DAY), job->quiet, 0);
    int rc = run_replication(job->s, (int64_t)unit + 1, job->parts, job->keep_series,
                             single ? &days : NULL, &err);
    if (rc && rc != SIM_EINTERRUPTED)
        pool_message(err.msg); /* the parent reports the first failed replication */
    return sim_exit_code(rc);
}

/* Keep the failure of the lowest replication (they may fail alike in several
 * workers: one line is enough, and the same one whatever -j is). */
static void rep_done(size_t unit, int status, const char *message, void *ctx)
{
    run_job *job = ctx;
    if (status && (!job->status || unit < job->failed_unit)) {
        job->status = status;
        job->failed_unit = unit;
        snprintf(job->message, sizeof job->message, "%s", *message ? message : "a replication failed");
    }
    if (job->s->sim.reps > 1)
        progress_update(&job->bar, ++job->done);
}

static int interrupted(sim_err *err)
{
    return sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: no output written");
}

/* Concatenate the replications' parts of one kind after a header. */
static int merge_parts(FILE *out, const char *parts, int64_t reps, int which, sim_err *err)
{
    int rc = 0;
    for (int64_t rep = 1; rep <= reps && !rc; rep++) {
        if (*pool_interrupt_flag())
            return interrupted(err);
        char *path = part_path(parts, rep, which);
        rc = out_append_file(out, path, err);
        free(path);
    }
    return rc;
}

static int write_bands(FILE *out, const scenario *s, const char *parts, sim_err *err)
{
    size_t reps = (size_t)s->sim.reps;
    char **paths = sim_xmalloc(reps * sizeof *paths);
    for (size_t r = 0; r < reps; r++)
        paths[r] = part_path(parts, (int64_t)r + 1, PART_BANDS);
    bands_header(out);
    int rc = bands_write(out, s, paths, reps, err);
    for (size_t r = 0; r < reps; r++)
        free(paths[r]);
    free(paths);
    return rc;
}

/* tenants.csv (with the series) and tenants-summary.csv, when there are tenants. */
static int write_tenant_files(const scenario *s, const char *dir, const char *parts,
                              int keep_series, out_file *out, sim_err *err)
{
    if (!s->n_tenants)
        return 0;
    int rc = 0;
    if (keep_series) {
        rc = out_open(&out[OUT_TENANTS], dir, "tenants.csv", err);
        if (!rc) {
            tenant_rows_header(out[OUT_TENANTS].f);
            rc = merge_parts(out[OUT_TENANTS].f, parts, s->sim.reps, PART_TENANTS, err);
        }
    }
    if (!rc)
        rc = out_open(&out[OUT_TENANT_SUMMARY], dir, "tenants-summary.csv", err);
    if (!rc) {
        tenant_rows_summary_header(out[OUT_TENANT_SUMMARY].f);
        rc = merge_parts(out[OUT_TENANT_SUMMARY].f, parts, s->sim.reps, PART_TENANT_SUMMARY, err);
    }
    return rc;
}

/* An output file of one header and the replications' parts of a kind. */
static int write_merged(out_file *out, const char *dir, const char *parts, int64_t reps, int which,
                        void (*header)(FILE *), sim_err *err)
{
    int name = which == PART_IPS ? OUT_IPS : which == PART_MAILBOXES ? OUT_MAILBOXES
                                           : which == PART_CONFIGSET_IPS ? OUT_CONFIGSET_IPS
                                                                         : OUT_CONFIGSET_SUMMARY;
    int rc = out_open(out, dir, out_names[name], err);
    if (!rc) {
        header(out->f);
        rc = merge_parts(out->f, parts, reps, which, err);
    }
    return rc;
}

/* Write the final files from the parts, under temporary names, then put them
 * in place as one set: the files of an earlier run that this one does not
 * write (bands.csv of several replications, the series) go with it. */
static int finish(const scenario *s, const char *dir, const char *parts, int keep_series,
                  const char *ini, size_t ini_len, sim_err *err)
{
    out_file out[OUT_ALL] = {0};
    size_t n = s->sim.reps > 1 && keep_series ? OUT_COUNT + 1 : OUT_COUNT;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if ((!keep_series && (i == OUT_TIMESERIES || i == OUT_EVENTS)) ||
            (i == OUT_CLIENTS && !run_writes_clients(s)))
            continue;
        rc = out_open(&out[i], dir, out_names[i], err);
    }
    if (!rc && keep_series) {
        rows_timeseries_header(out[OUT_TIMESERIES].f);
        rows_events_header(out[OUT_EVENTS].f);
        rc = merge_parts(out[OUT_TIMESERIES].f, parts, s->sim.reps, PART_TIMESERIES, err);
        if (!rc)
            rc = merge_parts(out[OUT_EVENTS].f, parts, s->sim.reps, PART_EVENTS, err);
        if (!rc && n > OUT_COUNT)
            rc = write_bands(out[OUT_BANDS].f, s, parts, err);
    }
    if (!rc) {
        rows_summary_header(out[OUT_SUMMARY].f, &s->sim);
        rc = merge_parts(out[OUT_SUMMARY].f, parts, s->sim.reps, PART_SUMMARY, err);
        fwrite(ini, 1, ini_len, out[OUT_SCENARIO].f); /* scn_print's text, made once */
    }
    if (!rc && out[OUT_CLIENTS].f) {
        rows_clients_header(out[OUT_CLIENTS].f);
        rc = merge_parts(out[OUT_CLIENTS].f, parts, s->sim.reps, PART_CLIENTS, err);
    }
    if (!rc)
        rc = write_tenant_files(s, dir, parts, keep_series, out, err);
    if (!rc && keep_series && pool_rows_wanted(s))
        rc = write_merged(&out[OUT_IPS], dir, parts, s->sim.reps, PART_IPS, pool_rows_header, err);
    if (!rc && keep_series && s->sim.mailboxes == SCN_ON)
        rc = write_merged(&out[OUT_MAILBOXES], dir, parts, s->sim.reps, PART_MAILBOXES,
                          mailbox_rows_header, err);
    if (!rc && s->n_configsets)
        rc = write_merged(&out[OUT_CONFIGSET_SUMMARY], dir, parts, s->sim.reps,
                          PART_CONFIGSET_SUMMARY, configset_rows_summary_header, err);
    if (!rc && keep_series && configset_pool_rows_wanted(s))
        rc = write_merged(&out[OUT_CONFIGSET_IPS], dir, parts, s->sim.reps, PART_CONFIGSET_IPS,
                          configset_pool_rows_header, err);
    /* files not opened (no series kept) have no temporary name: skipped by both */
    out_file kept[OUT_ALL];
    const char *drop[OUT_ALL + 1] = {0};
    size_t k = 0, d = 0;
    for (size_t i = 0; i < OUT_ALL; i++)
        if (out[i].tmp)
            kept[k++] = out[i];
        else
            drop[d++] = out_names[i];
    if (!rc && *pool_interrupt_flag())
        rc = interrupted(err);
    if (rc) {
        out_abort_all(kept, k);
        return rc;
    }
    return out_commit_set(kept, k, drop, err);
}

/* The scenario as scn_print writes it (scenario.ini), and its length. */
static char *scenario_text(const scenario *s, size_t *len)
{
    char *text = NULL;
    *len = 0;
    FILE *f = open_memstream(&text, len);
    if (!f)
        sim_oom(0);
    scn_print(s, f, 0);
    fclose(f);
    return text;
}

static int check_text_size(const scenario *s, size_t len, sim_err *err)
{
    if (len <= SCN_MAX_FILE_BYTES)
        return 0;
    return sim_errorf(err, SIM_EINPUT, s->path, 0,
                      "resolves to a scenario.ini of %zu bytes, over the %u MiB a scenario file may "
                      "have (it could not be run again)", len, SCN_MAX_FILE_BYTES >> 20);
}

int run_check_size(const scenario *s, sim_err *err)
{
    size_t len;
    free(scenario_text(s, &len));
    return check_text_size(s, len, err);
}

char *run_inputs(const scenario *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        sim_oom(0);
    for (size_t i = 0; i < s->n_traffic; i++) {
        const char *file = s->traffic[i].file;
        uint64_t h;
        if (!file || !*file)
            continue;
        if (out_hash_file(file, &h) == 0)
            fprintf(f, "data %016" PRIx64 " %s\n", h, file);
        else
            fprintf(f, "data unreadable %s\n", file);
    }
    fclose(f);
    return text;
}

int run_scenario(const scenario *s, const run_options *opt, sim_err *err)
{
    out_lock lock;
    size_t ini_len;
    char *ini = scenario_text(s, &ini_len); /* checked now, written by finish */
    int rc = check_text_size(s, ini_len, err);
    if (!rc)
        rc = out_claim(&lock, opt->outdir, "run", out_names, err);
    if (rc) {
        free(ini);
        return rc;
    }
    /* What the run is made of, for --resume: read before the run, as it reads them. */
    char *inputs = run_inputs(s);
    /* From here to the end, SIGINT, SIGTERM and SIGHUP only raise a flag that
     * every stage checks: the parts are removed and nothing partial is kept. */
    pool_catch_interrupts();
    char *parts = out_temp_dir(opt->outdir, "parts", err);
    rc = parts ? 0 : err->code;
    run_job job = {.s = s, .parts = parts, .keep_series = !opt->summary_only, .quiet = opt->quiet};
    if (!rc) {
        int jobs = opt->jobs > 0 ? opt->jobs : pool_default_jobs();
        if (jobs > s->sim.reps)
            jobs = (int)s->sim.reps;
        progress_start(&job.bar, "replications", (size_t)s->sim.reps, opt->quiet || s->sim.reps < 2, 0);
        int p = pool_run((size_t)s->sim.reps, jobs, rep_unit, rep_done, NULL, &job);
        if (p == POOL_INTERRUPTED || *pool_interrupt_flag())
            rc = interrupted(err);
        else if (job.status)
            rc = sim_errorf(err, job.status == 2 ? SIM_EINPUT : job.status == 130 ? SIM_EINTERRUPTED
                                                                            : SIM_ERUNTIME,
                            NULL, 0, "%s", job.message);
    }
    if (!rc)
        rc = finish(s, opt->outdir, parts, job.keep_series, ini, ini_len, err);
    /* The run is in place: the mark says what it was made of (best effort:
     * a mark without its data lines only makes --resume run it again). */
    sim_err ignored;
    if (!rc)
        out_mark_write(&lock, inputs, &ignored);
    if (parts)
        out_remove_tree(parts);
    free(parts);
    free(inputs);
    free(ini);
    pool_release_interrupts();
    out_unclaim(&lock, rc != 0);
    return rc;
}
