/* sweep.c: sweep specs, points, running them in the pool, resuming and shards. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "pool.h"
#include "progress.h"
#include "run.h"
#include "scenario.h"
#include "sweep.h"
#include "sweep_int.h"

/* ---- specs ---- */

/* Split "12.5k" into 12500 and "", "5%" into 5 and "%", "30h" into 30 and "h". */
static int split_unit(const char *t, double *v, char *unit, size_t n)
{
    char *end;
    *v = strtod(t, &end);
    if (end == t || !isfinite(*v))
        return -1;
    double mult = 1;
    if (!strcmp(end, "k") || !strcmp(end, "K")) mult = 1e3;
    else if (!strcmp(end, "M")) mult = 1e6;
    else if (!strcmp(end, "G")) mult = 1e9;
    if (mult != 1) {
        *v *= mult;
        end += 1;
    }
    if (strlen(end) >= n)
        return -1;
    strcpy(unit, end);
    return 0;
}

static int parse_range(const char *spec, sweep_axis *a, sim_err *err)
{
    char lo_t[64], hi_t[64], scale[8] = "";
    int n = 0, used = 0;
    if (sscanf(spec, "%63[^:]:%63[^:]:%d%n", lo_t, hi_t, &n, &used) < 3 ||
        (spec[used] && sscanf(spec + used, ":%7s", scale) != 1) ||
        (*scale && strcmp(scale, "log")))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' is not lo:hi:n or lo:hi:n:log", spec);
    double lo, hi;
    char ulo[16], uhi[16];
    if (split_unit(lo_t, &lo, ulo, sizeof ulo) || split_unit(hi_t, &hi, uhi, sizeof uhi))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': the ends must be numbers", spec);
    if (strcmp(ulo, uhi))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': use the same unit at both ends", spec);
    if (n < 1 || n > 100000)
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': n must be between 1 and 100000", spec);
    int geometric = *scale != 0;
    if (geometric && (lo <= 0 || hi <= 0))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': a log range needs positive ends", spec);
    a->values = sim_xcalloc((size_t)n, sizeof *a->values);
    for (int i = 0; i < n; i++) {
        double f = n == 1 ? 0 : (double)i / (n - 1);
        double v = geometric ? lo * pow(hi / lo, f) : lo + (hi - lo) * f;
        char text[64];
        snprintf(text, sizeof text, "%.10g%s", v, ulo);
        a->values[a->n++] = sim_xstrdup(text);
    }
    return 0;
}

static int parse_list(const char *spec, sweep_axis *a, sim_err *err)
{
    size_t cap = 1;
    for (const char *p = spec; *p; p++)
        cap += *p == ',';
    a->values = sim_xcalloc(cap, sizeof *a->values);
    for (const char *p = spec;;) { /* split at every comma: an empty item is an error */
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && isspace((unsigned char)*p))
            p++, len--;
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        if (!len)
            return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' has an empty value", spec);
        char *v = sim_xmalloc(len + 1);
        memcpy(v, p, len);
        v[len] = 0;
        a->values[a->n++] = v;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int sweep_parse_axis(const char *arg, sweep_axis *a, sim_err *err)
{
    *a = (sweep_axis){0};
    if (sim_check_argument("--vary", arg, err))
        return SIM_EINPUT;
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' is not KEY=SPEC", arg);
    a->key = sim_xmalloc((size_t)(eq - arg) + 1);
    memcpy(a->key, arg, (size_t)(eq - arg));
    a->key[eq - arg] = 0;
    return strchr(eq + 1, ':') ? parse_range(eq + 1, a, err) : parse_list(eq + 1, a, err);
}

void sweep_free_axis(sweep_axis *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->values[i]);
    free(a->values);
    free(a->key);
    *a = (sweep_axis){0};
}

/* ---- points ---- */

const char *sweep_value(const sweep_def *d, size_t point, size_t axis)
{
    size_t stride = 1;
    for (size_t k = d->n_axes; k-- > axis + 1;)
        stride *= d->axes[k].n;
    return d->axes[axis].values[(point / stride) % d->axes[axis].n];
}

/* "key=value" for axis k at point p. */
static char *assignment(const sweep_def *d, size_t k, const char *value)
{
    size_t n = strlen(d->axes[k].key) + strlen(value) + 2;
    char *set = sim_xmalloc(n);
    snprintf(set, n, "%s=%s", d->axes[k].key, value);
    return set;
}

/* The scenario with the common --set, then `extra` assignments. */
static scenario *with_sets(const sweep_options *opt, char **extra, size_t n_extra, sim_err *err)
{
    const char **sets = sim_xmalloc((opt->n_sets + n_extra + 1) * sizeof *sets);
    for (size_t i = 0; i < opt->n_sets; i++)
        sets[i] = opt->sets[i];
    for (size_t i = 0; i < n_extra; i++)
        sets[opt->n_sets + i] = extra[i];
    scenario *s = scn_open(opt->scenario, sets, opt->n_sets + n_extra, err);
    free(sets);
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

/* Every value of every axis must be valid on its own: bad specs fail before any run. */
static int check_values(const sweep_options *opt, const sweep_def *d, sim_err *err)
{
    for (size_t k = 0; k < d->n_axes; k++)
        for (size_t i = 0; i < d->axes[k].n; i++) {
            char *set = assignment(d, k, d->axes[k].values[i]);
            sim_err inner;
            scenario *s = with_sets(opt, &set, 1, &inner);
            int rc = s ? 0 : sim_errorf(err, SIM_EINPUT, "--vary", 0, "%s: %s", set, inner.msg);
            free(set);
            scn_destroy(s);
            if (rc)
                return rc;
        }
    return 0;
}

/* FNV-1a over the resolved base scenario, the axes and the reps. */
static uint64_t fingerprint(const scenario *base, const sweep_def *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    scn_print(base, f, 0);
    for (size_t k = 0; k < d->n_axes; k++) {
        fprintf(f, "\nvary %s", d->axes[k].key);
        for (size_t i = 0; i < d->axes[k].n; i++)
            fprintf(f, "|%s", d->axes[k].values[i]);
    }
    fprintf(f, "\nreps %lld\n", (long long)d->reps);
    fclose(f);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 0x100000001b3ULL;
    free(text);
    return h;
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
    char label[512], *tmp = sweep_point_dir(job->opt->outdir, p, 1);
    point_label(d, p, label, sizeof label);
    scenario *s = point_scenario(job->opt, d, (long)p, &err);
    int rc = s ? 0 : err.code;
    if (s) {
        run_options ro = {.outdir = tmp, .quiet = 1, .jobs = 1, .summary_only = !job->opt->keep_series};
        rc = run_scenario(s, &ro, &err);
        scn_destroy(s);
    }
    if (!rc) { /* complete: move it into place in one step */
        char *final = sweep_point_dir(job->opt->outdir, p, 0);
        out_remove_tree(final);
        if (rename(tmp, final) != 0)
            rc = sim_errorf(&err, SIM_ERUNTIME, final, 0, "cannot rename into place: %s", strerror(errno));
        free(final);
    }
    if (rc) {
        out_remove_tree(tmp);
        if (rc != SIM_EINTERRUPTED && err.msg[0])
            fprintf(stderr, "sesim: %s: %s\n", label, err.msg);
    }
    free(tmp);
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

/* Point folders left half-written by an interrupted, crashed or killed unit. */
static void remove_stale(const char *outdir)
{
    char *points = out_join(outdir, "points");
    out_remove_stale(points);
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
    if (!rc && d.n_points > 1000000)
        rc = sim_errorf(err, SIM_EINPUT, "--vary", 0, "%zu points: at most a million", d.n_points);
    scenario *base = rc ? NULL : point_scenario(opt, &d, -1, err);
    if (!rc && !base)
        rc = SIM_EINPUT;
    if (!rc)
        rc = check_values(opt, &d, err);
    if (!rc) {
        d.reps = base->sim.reps;
        d.fingerprint = fingerprint(base, &d);
        d.scenario = opt->scenario;
        rc = sweep_prepare_dir(opt->outdir, &d, err);
    }
    if (!rc) {
        remove_stale(opt->outdir);
        rc = run_points(opt, &d, err);
    }
    if (!rc)
        rc = sweep_tables_if_complete(opt->outdir, &d, opt->quiet, err);
    scn_destroy(base);
    sweep_free_def(&d);
    return rc;
}
