/* sweep.c: sweep specs, points, running them in the pool, resuming and shards. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "io/output.h"
#include "io/pool.h"
#include "io/progress.h"
#include "points.h"
#include "run/run.h"
#include "scenario/scenario.h"
#include "sweep.h"
#include "sweep_tables.h"

/* "key=value" for axis k at point p. */
static char *assignment(const sweep_def *d, size_t k, const char *value)
{
    size_t n = strlen(d->axes[k].key) + strlen(value) + 2;
    char *set = sim_xmalloc(n);
    snprintf(set, n, "%s=%s", d->axes[k].key, value);
    return set;
}

/* The scenario with the common --set and --add, then `extra` assignments (--vary:
 * like --set, a section the scenario lacks is refused). */
static scenario *with_sets(const sweep_options *opt, char **extra, size_t n_extra, sim_err *err)
{
    scn_override *sets = sim_xmalloc((opt->n_sets + n_extra + 1) * sizeof *sets);
    for (size_t i = 0; i < opt->n_sets; i++)
        sets[i] = opt->sets[i];
    for (size_t i = 0; i < n_extra; i++)
        sets[opt->n_sets + i] = (scn_override){.assignment = extra[i]};
    scenario *s = scn_open(opt->scenario, sets, opt->n_sets + n_extra, err);
    free(sets);
    if (s && !opt->force && scn_check_size(s, opt->keep_series, err)) {
        scn_destroy(s);
        return NULL;
    }
    return s;
}

/* The scenario of a point (the base scenario when point < 0). */
static scenario *point_scenario(const sweep_options *opt, const sweep_def *d, long point,
                                sim_err *err)
{
    size_t n = point < 0 ? 0 : d->n_axes;
    char **extra = sim_xcalloc(n + 1, sizeof *extra);
    for (size_t k = 0; k < n; k++)
        extra[k] = assignment(d, k, sweep_value(d, (size_t)point, k));
    scenario *s = with_sets(opt, extra, n, err);
    for (size_t k = 0; k < n; k++)
        free(extra[k]);
    free(extra);
    return s;
}

/* Two --vary of one key (or of traffic.*.KEY and traffic.NAME.KEY) would run
 * the second's values under the first's labels. */
static int same_key(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    const char *a1 = strchr(a, '.'), *b1 = strchr(b, '.');
    const char *a2 = a1 ? strchr(a1 + 1, '.') : NULL, *b2 = b1 ? strchr(b1 + 1, '.') : NULL;
    if (!a2 || !b2 || a1 - a != b1 - b || strncmp(a, b, (size_t)(a1 - a)) || strcmp(a2, b2))
        return 0;
    return !strncmp(a1, ".*.", 3) || !strncmp(b1, ".*.", 3);
}

static int check_keys(const sweep_def *d, sim_err *err)
{
    for (size_t k = 0; k < d->n_axes; k++)
        for (size_t j = 0; j < k; j++)
            if (same_key(d->axes[j].key, d->axes[k].key))
                return !strcmp(d->axes[j].key, d->axes[k].key)
                           ? sim_errorf(err, SIM_EINPUT, "--vary", 0,
                                        "'%s' is varied twice: give all its values in one --vary",
                                        d->axes[k].key)
                           : sim_errorf(err, SIM_EINPUT, "--vary", 0,
                                        "'%s' and '%s' vary the same key: give all its values in "
                                        "one --vary", d->axes[j].key, d->axes[k].key);
    return 0;
}

/* Every value of every axis must be valid on its own: bad specs fail before any
 * run. The data files they name are added to *inputs (run_inputs lines). */
static int check_values(const sweep_options *opt, const sweep_def *d, char **inputs, size_t *n_inputs,
                        sim_err *err)
{
    for (size_t k = 0; k < d->n_axes; k++)
        for (size_t i = 0; i < d->axes[k].n; i++) {
            char *set = assignment(d, k, d->axes[k].values[i]);
            sim_err inner;
            scenario *s = with_sets(opt, &set, 1, &inner);
            int rc = s ? 0 : sim_errorf(err, SIM_EINPUT, "--vary", 0, "%s: %s", set, inner.msg);
            if (s)
                inputs[(*n_inputs)++] = run_inputs(s);
            free(set);
            scn_destroy(s);
            if (rc)
                return rc;
        }
    return 0;
}

/* Every data file the points read, with its hash: what --resume and merge
 * compare besides the scenario (sweep_fingerprint). */
static char *sweep_inputs(const sweep_options *opt, const sweep_def *d, const scenario *base,
                          sim_err *err, int *rc)
{
    size_t cap = 1, n = 0;
    for (size_t k = 0; k < d->n_axes; k++)
        cap += d->axes[k].n;
    char **texts = sim_xcalloc(cap, sizeof *texts);
    texts[n++] = run_inputs(base);
    *rc = check_values(opt, d, texts, &n, err);
    char *all = sweep_unique_lines(texts, n);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    return all;
}

/* ---- running the points ---- */

typedef struct sweep_job {
    const sweep_options *opt;
    const sweep_def *def;
    int *status;     /* per point: -1 not run, else exit status */
    size_t done, total;
    progress bar;
} sweep_job;

static void point_label(const sweep_def *d, size_t p, char *buf, size_t n)
{
    size_t used = (size_t)snprintf(buf, n, "point %zu", p + 1);
    for (size_t k = 0; k < d->n_axes && used < n; k++)
        used += (size_t)snprintf(buf + used, n - used, "%s %s=%s", k ? "," : " (", d->axes[k].key,
                                 sweep_value(d, p, k));
    if (d->n_axes && used < n)
        snprintf(buf + used, n - used, ")");
}

static int point_unit(size_t p, void *ctx)
{
    sweep_job *job = ctx;
    const sweep_def *d = job->def;
    sim_err err = {0};
    char label[512];
    point_label(d, p, label, sizeof label);
    scenario *s = point_scenario(job->opt, d, (long)p, &err);
    int rc = s ? points_run_one(s, job->opt->outdir, p, 1, job->opt->keep_series, &err) : err.code;
    scn_destroy(s);
    if (rc && rc != SIM_EINTERRUPTED && err.msg[0])
        sim_eprintf("%s: %s", label, err.msg);
    return sim_exit_code(rc);
}

static void point_done(size_t p, int status, const char *message, void *ctx)
{
    (void)message; /* a point prints its own error: each failed point gets its line */
    sweep_job *job = ctx;
    job->status[p] = status;
    progress_update(&job->bar, ++job->done);
}

static int in_shard(size_t p, void *ctx)
{
    sweep_job *job = ctx;
    const sweep_options *o = job->opt;
    if (o->shard_n && (int)(p % (size_t)o->shard_n) != o->shard_k - 1)
        return 0;
    if (o->resume && sweep_point_complete(o->outdir, p))
        return 0;
    return 1;
}

static int report_failures(const sweep_def *d, const int *status, sim_err *err)
{
    char list[900] = "";
    size_t used = 0, failed = 0;
    for (size_t p = 0; p < d->n_points; p++)
        if (status[p] > 0) {
            failed++;
            if (used < sizeof list - 16)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%zu", failed > 1 ? ", " : "", p + 1);
        }
    if (!failed)
        return 0;
    return sim_errorf(err, SIM_ERUNTIME, NULL, 0, "%zu point%s failed: %s", failed,
                      failed > 1 ? "s" : "", list);
}

/* Point folders left half-written by an interrupted, crashed or killed unit
 * (the sweep holds the folder's lock: they are its own). */
static void remove_stale(const char *outdir)
{
    char *points = out_join(outdir, "points");
    out_remove_temporaries(points);
    free(points);
}

static int run_points(const sweep_options *opt, sweep_def *d, sim_err *err)
{
    sweep_job job = {.opt = opt, .def = d};
    job.status = sim_xmalloc(d->n_points * sizeof *job.status);
    for (size_t p = 0; p < d->n_points; p++) {
        job.status[p] = -1;
        job.total += in_shard(p, &job);
    }
    progress_start(&job.bar, "points", job.total, opt->quiet, opt->progress);
    int jobs = opt->jobs > 0 ? opt->jobs : pool_default_jobs();
    int rc = pool_run(d->n_points, jobs, point_unit, point_done, in_shard, &job);
    remove_stale(opt->outdir); /* of a worker that died or was interrupted */
    if (rc == POOL_INTERRUPTED) {
        rc = sim_errorf(err, SIM_EINTERRUPTED, NULL, 0,
                        "interrupted: %zu of %zu points complete; continue with --resume", job.done,
                        job.total);
    } else {
        rc = report_failures(d, job.status, err);
    }
    free(job.status);
    return rc;
}

int sweep_run(const sweep_options *opt, sim_err *err)
{
    sweep_def d = {0};
    int rc = 0;
    d.axes = sim_xcalloc(opt->n_varies ? opt->n_varies : 1, sizeof *d.axes);
    d.n_points = 1;
    for (size_t k = 0; k < opt->n_varies && !rc; k++) {
        rc = sweep_parse_axis(opt->varies[k], &d.axes[d.n_axes++], err);
        d.n_points *= d.axes[k].n;
    }
    if (!rc)
        rc = check_keys(&d, err);
    if (!rc && d.n_points > SWEEP_MAX_POINTS)
        rc = sim_errorf(err, SIM_EINPUT, "--vary", 0, "%zu points: at most a million", d.n_points);
    scenario *base = rc ? NULL : point_scenario(opt, &d, -1, err);
    if (!rc && !base)
        rc = SIM_EINPUT;
    if (!rc)
        rc = run_check_size(base, err);
    char *inputs = rc ? NULL : sweep_inputs(opt, &d, base, err, &rc);
    out_lock lock = {.fd = -1};
    if (!rc) {
        d.reps = base->sim.reps;
        d.fingerprint = sweep_fingerprint(base, &d, inputs);
        d.scenario = opt->scenario;
        sweep_def_options(&d, opt->sets, opt->n_sets);
        rc = sweep_prepare_dir(opt->outdir, &d, &lock, err);
    }
    if (!rc)
        rc = run_points(opt, &d, err);
    if (!rc) { /* interrupts stop the tables before they are put in place */
        pool_catch_interrupts();
        rc = sweep_tables_if_complete(opt->outdir, &d, opt->quiet, err);
        pool_release_interrupts();
    }
    out_unclaim(&lock, 0);
    free(inputs);
    scn_destroy(base);
    sweep_free_def(&d);
    return rc;
}
