/* run.c: set up a replication's world, schedule its events, run it, and keep
 * the output files whole (written under temporary names, renamed at the end). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "enforcement.h"
#include "relations.h"
#include "requests.h"
#include "output.h"
#include "run.h"
#include "run_int.h"

enum { OUT_TIMESERIES, OUT_EVENTS, OUT_SUMMARY, OUT_SCENARIO, OUT_COUNT };
static const char *const out_names[OUT_COUNT] = {"timeseries.csv", "events.csv", "summary.csv",
                                                 "scenario.ini"};

/* ---- events of a replication ---- */

/* A stream's tick: demand over [now, now + tick) and its submission. arg: stream index. */
static void on_tick(sim_engine *e, void *obj, int64_t arg)
{
    world *w = obj;
    int64_t tick = w->scn->sim.tick;
    if (stream_tick(&w->streams[arg], e->now, tick, w->err)) {
        w->failed = 1;
        sim_stop(e);
        return;
    }
    if (e->now + tick < w->scn->sim.duration)
        sim_schedule(e, e->now + tick, on_tick, w, arg);
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

static int64_t gcd64(int64_t a, int64_t b) { return b ? gcd64(b, a % b) : a; }

/* A boundary: the service's hourly look at every account, then, at the end of
 * an output interval, one timeseries row per account. Boundaries are scheduled
 * one step ahead, before the ticks of the same millisecond (the step is a
 * multiple of the tick), so FIFO ties run them first: a row holds exactly the
 * ticks of (end - interval, end] and the feedback that arrived by its end. */
static void on_boundary(sim_engine *e, void *obj, int64_t step)
{
    world *w = obj;
    const scn_sim *sim = &w->scn->sim;
    if (e->now % SIM_MS_PER_H == 0)
        for (size_t i = 0; i < w->scn->n_accounts; i++)
            enforce_hour(&w->accounts[i], e->now);
    if (e->now % SIM_MS_PER_DAY == 0)
        check_splits(w, e->now);
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
            return sim_errorf(err, SIM_EINPUT, s->path, 0, "%s", inner.msg);
    }
    return 0;
}

static int run_replication(const scenario *s, int64_t rep, out_file *out, sim_err *err)
{
    world w = {0};
    int rc = world_init(&w, s, rep, err);
    if (!rc) {
        w.timeseries = out[OUT_TIMESERIES].f;
        w.events = out[OUT_EVENTS].f;
        w.summary = out[OUT_SUMMARY].f;
        w.err = err;
        int64_t step = gcd64(s->sim.interval, SIM_MS_PER_H);
        sim_schedule(&w.engine, step, on_boundary, &w, step);
        for (size_t i = 0; i < s->n_traffic; i++)
            sim_schedule(&w.engine, 0, on_tick, &w, (int64_t)i);
        sim_run_until(&w.engine, s->sim.duration + 1);
        rc = w.failed ? err->code : 0;
        w.engine.now = s->sim.duration;
        if (!rc)
            rows_summary(&w);
    }
    world_destroy(&w);
    return rc;
}

int run_scenario(const scenario *s, const run_options *opt, sim_err *err)
{
    out_file out[OUT_COUNT] = {0};
    int rc = out_mkdir_p(opt->outdir, err);
    for (int i = 0; i < OUT_COUNT && !rc; i++)
        rc = out_open(&out[i], opt->outdir, out_names[i], err);
    if (rc) {
        out_abort_all(out, OUT_COUNT);
        return rc;
    }
    rows_timeseries_header(out[OUT_TIMESERIES].f);
    rows_events_header(out[OUT_EVENTS].f);
    rows_summary_header(out[OUT_SUMMARY].f, &s->sim);
    scn_print(s, out[OUT_SCENARIO].f, 0);
    for (int64_t rep = 1; rep <= s->sim.reps && !rc; rep++)
        rc = run_replication(s, rep, out, err);
    if (rc) {
        out_abort_all(out, OUT_COUNT);
        return rc;
    }
    return out_commit_all(out, OUT_COUNT, err);
}
