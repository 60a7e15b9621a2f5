/* run.c: set up a replication's world, schedule its events, run it, and keep
 * the output files whole (written under temporary names, renamed at the end). */
#include <errno.h>
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

enum { OUT_TIMESERIES, OUT_EVENTS, OUT_SUMMARY, OUT_SCENARIO, OUT_COUNT };
static const char *const out_names[OUT_COUNT] = {"timeseries.csv", "events.csv", "summary.csv",
                                                 "scenario.ini"};

/* ---- events of a replication ---- */

/* Every stream's tick, in index order: demand over [now, now + tick) and its
 * submission. One event for all streams rather than one each: ticks never
 * schedule events, so nothing else can run between two streams' ticks of the
 * same millisecond, and the order is the one of per-stream events (scheduled at
 * 0 in index order, each rescheduling in turn), at a fraction of the heap work. */
static void on_ticks(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    world *w = obj;
    int64_t tick = w->scn->sim.tick;
    for (size_t i = 0; i < w->scn->n_traffic; i++) {
        int rc = stream_tick(&w->streams[i], e->now, tick, w->err);
        /* each tick's demand is at most 2^53 (the kinds see to it): no overflow */
        if (!rc && (w->demanded += w->streams[i].last_demand) > (int64_t)SCN_MAX_DEMAND) {
            char when[UNITS_BUF];
            units_fmt_datetime(w->scn->sim.start + e->now, when);
            rc = sim_errorf(w->err, SIM_EINPUT, NULL, 0,
                            "traffic.%s: the demand of the run, all streams together, adds up "
                            "to over 2^53 messages at %s, the most one run may ask for",
                            w->scn->traffic[i].name, when);
        }
        if (rc) {
            w->failed = 1;
            sim_stop(e);
            return;
        }
    }
    if (e->now + tick < w->scn->sim.duration)
        sim_schedule(e, e->now + tick, on_ticks, w, 0);
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
 * ticks that start in [end - interval, end) and the feedback that arrived by its end. */
static void on_boundary(sim_engine *e, void *obj, int64_t step)
{
    world *w = obj;
    const scn_sim *sim = &w->scn->sim;
    flush_outcomes(w);
    if (e->now % SIM_MS_PER_H == 0)
        for (size_t i = 0; i < w->scn->n_accounts; i++)
            enforce_hour(&w->accounts[i], e->now);
    if (e->now % SIM_MS_PER_DAY == 0) {
        check_splits(w, e->now);
        if (w->days)
            progress_update(w->days, (size_t)(e->now / SIM_MS_PER_DAY));
    }
    if (e->now % sim->interval == 0)
        rows_timeseries(w, e->now);
    if (e->now + step <= sim->duration)
        sim_schedule(e, e->now + step, on_boundary, w, step);
}

static void log_event(void *ctx, const account *a, const char *event, const char *detail)
{
    rows_event(ctx, a, event, detail);
}

/* ---- world lifecycle ---- */

static void world_destroy(world *w)
{
    for (size_t i = 0; w->streams && i < w->scn->n_traffic; i++)
        stream_destroy(&w->streams[i]);
    for (size_t i = 0; w->accounts && i < w->scn->n_accounts; i++)
        account_destroy(&w->accounts[i]);
    free(w->streams);
    free(w->accounts);
    rng_set_destroy(w->rngs);
    rows_destroy(w);
    sim_engine_destroy(&w->engine);
}

static int world_init(world *w, const scenario *s, int64_t rep, sim_err *err)
{
    w->scn = s;
    w->rep = rep;
    sim_engine_init(&w->engine);
    w->rngs = rng_set_create((uint64_t)s->sim.seed, (uint64_t)rep);
    w->accounts = sim_xcalloc(s->n_accounts, sizeof *w->accounts);
    for (size_t i = 0; i < s->n_accounts; i++) {
        account *a = &w->accounts[i];
        char name[SCN_MAX_NAME + 32];
        snprintf(name, sizeof name, "account.%s.service", s->accounts[i].name);
        account_init(a, &s->accounts[i], &s->sim);
        account_attach_service(a, &s->policy, rng_stream(w->rngs, name), log_event, w);
        requests_schedule(&w->engine, a);
    }
    size_t *group = sim_xmalloc(s->n_accounts * sizeof *group);
    relations_groups(s, group);
    relations_attach(w->accounts, s->n_accounts, group);
    free(group);
    w->streams = sim_xcalloc(s->n_traffic ? s->n_traffic : 1, sizeof *w->streams);
    for (size_t i = 0; i < s->n_traffic; i++) {
        sim_err inner;
        if (stream_init(&w->streams[i], &s->traffic[i], w->accounts, &s->sim, w->rngs, &inner))
            return sim_errorf(err, inner.code, NULL, 0, "%s", inner.msg);
    }
    return 0;
}

/* ---- one replication into part files ---- */

enum { PART_TIMESERIES, PART_EVENTS, PART_SUMMARY, PART_BANDS, PART_COUNT };
static const char *const part_names[PART_COUNT] = {"timeseries.part", "events.part",
                                                   "summary.part", "bands.part"};

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
        if (!keep_series && i != PART_SUMMARY)
            continue;
        char *path = part_path(parts, rep, i);
        f[i] = fopen(path, "wb");
        if (!f[i])
            rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot write: %s", strerror(errno));
        free(path);
    }
    world w = {.timeseries = f[PART_TIMESERIES], .events = f[PART_EVENTS],
               .summary = f[PART_SUMMARY], .bands = f[PART_BANDS], .err = err, .days = days};
    if (!rc)
        rc = world_init(&w, s, rep, err);
    if (!rc) {
        int64_t step = gcd64(s->sim.interval, SIM_MS_PER_H);
        sim_schedule(&w.engine, step, on_boundary, &w, step);
        if (s->n_traffic)
            sim_schedule(&w.engine, 0, on_ticks, &w, 0);
        w.engine.interrupt = pool_interrupt_flag();
        sim_run_until(&w.engine, s->sim.duration + 1);
        rc = w.failed ? err->code : w.engine.now <= s->sim.duration ? SIM_EINTERRUPTED : 0;
        w.engine.now = s->sim.duration;
        if (!rc) {
            flush_outcomes(&w); /* a safety net: duration is a boundary, so nothing is left */
            rows_summary(&w);
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

enum { OUT_BANDS = OUT_COUNT };

/* Write the final files from the parts, under temporary names, then rename. */
static int finish(const scenario *s, const char *dir, const char *parts, int keep_series,
                  sim_err *err)
{
    out_file out[OUT_COUNT + 1] = {0};
    size_t n = s->sim.reps > 1 && keep_series ? OUT_COUNT + 1 : OUT_COUNT;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!keep_series && (i == OUT_TIMESERIES || i == OUT_EVENTS))
            continue;
        rc = out_open(&out[i], dir, i == OUT_BANDS ? "bands.csv" : out_names[i], err);
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
        scn_print(s, out[OUT_SCENARIO].f, 0);
    }
    /* files not opened (no series kept) have no temporary name: skipped by both */
    out_file kept[OUT_COUNT + 1];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (out[i].tmp)
            kept[k++] = out[i];
    if (!rc && *pool_interrupt_flag())
        rc = interrupted(err);
    if (rc) {
        out_abort_all(kept, k);
        return rc;
    }
    return out_commit_all(kept, k, err);
}

int run_scenario(const scenario *s, const run_options *opt, sim_err *err)
{
    int rc = out_mkdir_p(opt->outdir, err);
    if (rc)
        return rc;
    /* From here to the end, SIGINT and SIGTERM only raise a flag that every
     * stage checks: the parts are removed and nothing partial is kept. */
    pool_catch_interrupts();
    size_t n = strlen(opt->outdir) + 32;
    char *parts = sim_xmalloc(n);
    snprintf(parts, n, "%s/.parts-%ld", opt->outdir, (long)getpid());
    rc = out_mkdir_p(parts, err);
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
        rc = finish(s, opt->outdir, parts, job.keep_series, err);
    out_remove_tree(parts);
    free(parts);
    pool_release_interrupts();
    return rc;
}
