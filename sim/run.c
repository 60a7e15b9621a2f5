/* run.c: set up a replication's world, schedule its events, run it, and keep
 * the output files whole (written under temporary names, renamed at the end). */
#include <stdlib.h>
#include <string.h>

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

/* End of an output interval: one timeseries row per account. Scheduled one
 * interval ahead, it runs before the ticks of the same millisecond (FIFO ties),
 * so a row holds exactly the ticks of (end - interval, end]. */
static void on_interval(sim_engine *e, void *obj, int64_t arg)
{
    (void)arg;
    world *w = obj;
    rows_timeseries(w, e->now);
    if (e->now + w->scn->sim.interval <= w->scn->sim.duration)
        sim_schedule(e, e->now + w->scn->sim.interval, on_interval, w, 0);
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
    for (size_t i = 0; i < s->n_accounts; i++)
        account_init(&w->accounts[i], &s->accounts[i], &s->sim);
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
        sim_schedule(&w.engine, s->sim.interval, on_interval, &w, 0);
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
