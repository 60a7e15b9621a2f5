/* points.c: scenario variants run in the worker pool, and their summaries read
 * back (see points.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csvin.h"
#include "io/output.h"
#include "io/pool.h"
#include "io/progress.h"
#include "points.h"
#include "run/run.h"
#include "scenario/scenario.h"
#include "sweep_tables.h"

typedef struct points_job {
    const points_batch *b;
    int inner_jobs; /* workers of a point's own replications */
    size_t done, failed;
    progress bar;
} points_job;

static scenario *point_scenario(const points_batch *b, size_t p, sim_err *err)
{
    size_t n = b->n_sets + b->n_assign[p];
    scn_override *sets = sim_xcalloc(n + 1, sizeof *sets);
    for (size_t i = 0; i < b->n_sets; i++)
        sets[i] = b->sets[i];
    for (size_t i = 0; i < b->n_assign[p]; i++)
        sets[b->n_sets + i] = (scn_override){.assignment = b->assign[p][i]};
    scenario *s = scn_open(b->scenario, sets, n, err);
    free(sets);
    return s;
}

int points_run_one(const scenario *s, const char *outdir, size_t p, int jobs, int keep_series,
                   sim_err *err)
{
    char *points = out_join(outdir, "points");
    char *tmp = out_temp_dir(points, "point", err);
    free(points);
    if (!tmp)
        return err->code;
    run_options ro = {.outdir = tmp, .quiet = 1, .jobs = jobs, .summary_only = !keep_series};
    int rc = run_scenario(s, &ro, err);
    if (!rc) { /* complete: move it into place in one step */
        char *final = sweep_point_dir(outdir, p);
        rc = out_swap_in(tmp, final, "run", err);
        free(final);
    }
    if (rc)
        out_remove_tree(tmp);
    free(tmp);
    return rc;
}

static int point_unit(size_t p, void *ctx)
{
    points_job *job = ctx;
    const points_batch *b = job->b;
    sim_err err = {0};
    scenario *s = point_scenario(b, p, &err);
    int rc = s ? points_run_one(s, b->outdir, p, job->inner_jobs, b->keep_series, &err) : err.code;
    scn_destroy(s);
    if (rc && rc != SIM_EINTERRUPTED && err.msg[0])
        sim_eprintf("point %zu: %s", p + 1, err.msg);
    return sim_exit_code(rc);
}

static void point_done(size_t p, int status, const char *message, void *ctx)
{
    (void)p, (void)message; /* a point prints its own error */
    points_job *job = ctx;
    job->failed += status != 0;
    progress_update(&job->bar, ++job->done);
}

static int wanted(size_t p, void *ctx)
{
    const points_batch *b = ((points_job *)ctx)->b;
    return p >= b->first && p < b->first + b->n;
}

int points_run(const points_batch *b, sim_err *err)
{
    char *dir = out_join(b->outdir, "points");
    int rc = out_mkdir_p(dir, err);
    if (rc) {
        free(dir);
        return rc;
    }
    points_job job = {.b = b};
    int jobs = b->jobs > 0 ? b->jobs : pool_default_jobs();
    /* One point to run: give its replications the workers instead. */
    job.inner_jobs = b->n == 1 ? jobs : 1;
    progress_start(&job.bar, b->unit, b->n, b->quiet, b->progress);
    rc = pool_run(b->first + b->n, b->n == 1 ? 1 : jobs, point_unit, point_done, wanted, &job);
    out_remove_temporaries(dir); /* of a worker that died or was interrupted */
    free(dir);
    if (rc == POOL_INTERRUPTED)
        return sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted");
    if (job.failed)
        return sim_errorf(err, SIM_ERUNTIME, NULL, 0, "%zu of %zu %s failed", job.failed, b->n, b->unit);
    return 0;
}

int points_begin(points_study *ps, const char *outdir, const char *kind, const char *const *owned,
                 sim_err *err)
{
    ps->work = NULL;
    ps->committed = 0;
    int rc = out_claim(&ps->lock, outdir, kind, owned, err);
    if (rc)
        return rc;
    ps->work = out_temp_dir(outdir, "study", err);
    return ps->work ? 0 : err->code;
}

/* Give WORK/points the mark of "points" (it may hold no point yet). */
static int mark_points(const char *work, sim_err *err)
{
    static const char *const none[] = {NULL};
    char *dir = out_join(work, "points");
    out_lock l;
    int rc = out_claim(&l, dir, "points", none, err);
    if (!rc)
        out_unclaim(&l, 0);
    free(dir);
    return rc;
}

int points_commit(points_study *ps, out_file *files, size_t n_files, const points_folder *folders,
                  size_t n, sim_err *err)
{
    pool_catch_interrupts(); /* from here to the end, an interrupt waits */
    int rc = mark_points(ps->work, err);
    rc = rc ? (out_abort_all(files, n_files), rc) : out_commit_all(files, n_files, err);
    for (size_t i = 0; i <= n && !rc; i++) {
        const char *name = i < n ? folders[i].name : "points";
        char *from = out_join(ps->work, name), *to = out_join(ps->lock.dir, name);
        rc = out_swap_in(from, to, i < n ? folders[i].kind : "points", err);
        free(from);
        free(to);
    }
    pool_release_interrupts();
    ps->committed = !rc;
    return rc;
}

void points_end(points_study *ps)
{
    if (ps->work)
        out_remove_tree(ps->work);
    free(ps->work);
    ps->work = NULL;
    if (ps->lock.dir) /* claimed */
        out_unclaim(&ps->lock, !ps->committed);
}

/* The rows of one account: each cell of `column`, in order, to store(). */
typedef void (*cell_fn)(const char *cell, void *ctx);

static int read_column(csvin *in, const char *account, const char *column, cell_fn store, void *ctx,
                       size_t *n, sim_err *err)
{
    csvin_row row;
    int rc = csvin_next(in, &row, err);
    if (rc != 1)
        return rc ? rc : sim_errorf(err, SIM_ERUNTIME, csvin_path(in), 0, "empty summary");
    long acol = csvin_find(row.field, row.n, "account"), c = csvin_find(row.field, row.n, column);
    if (acol < 0 || c < 0)
        return sim_errorf(err, SIM_ERUNTIME, csvin_path(in), 1, "no column %s", acol < 0 ? "account" : column);
    size_t width = row.n;
    while ((rc = csvin_next(in, &row, err)) == 1) {
        if ((rc = csvin_check_width(in, &row, width, err)))
            return rc;
        if (!strcmp(row.field[acol], account)) {
            store(row.field[c], ctx);
            (*n)++;
        }
    }
    if (!rc && !*n)
        rc = sim_errorf(err, SIM_ERUNTIME, csvin_path(in), 0, "no row of account %s", account);
    return rc;
}

static int read_point(const char *outdir, size_t p, const char *account, const char *column,
                      cell_fn store, void *ctx, size_t *n, sim_err *err)
{
    char *dir = sweep_point_dir(outdir, p), *path = out_join(dir, "summary.csv");
    *n = 0;
    csvin *in;
    int rc = csvin_open(&in, path, err);
    if (!rc) {
        rc = read_column(in, account, column, store, ctx, n, err);
        csvin_close(in);
    }
    free(path);
    free(dir);
    return rc;
}

typedef struct grow { void **v; size_t n, cap, size; } grow;

static void *grow_slot(grow *g)
{
    if (g->n == g->cap)
        *g->v = sim_xrealloc(*g->v, (g->cap = g->cap ? 2 * g->cap : 16) * g->size);
    return (char *)*g->v + g->n++ * g->size;
}

static void store_number(const char *cell, void *ctx)
{
    char *end;
    double x = strtod(cell, &end);
    *(double *)grow_slot(ctx) = cell[0] && !*end ? x : NAN;
}

static void store_text(const char *cell, void *ctx) { *(char **)grow_slot(ctx) = sim_xstrdup(cell); }

int points_column(const char *outdir, size_t p, const char *account, const char *column,
                  double **v, size_t *n, sim_err *err)
{
    *v = NULL;
    grow g = {.v = (void **)v, .size = sizeof **v};
    int rc = read_point(outdir, p, account, column, store_number, &g, n, err);
    if (rc) {
        free(*v);
        *v = NULL;
    }
    return rc;
}

int points_text_column(const char *outdir, size_t p, const char *account, const char *column,
                       char ***v, size_t *n, sim_err *err)
{
    *v = NULL;
    grow g = {.v = (void **)v, .size = sizeof **v};
    int rc = read_point(outdir, p, account, column, store_text, &g, n, err);
    if (rc) {
        for (size_t i = 0; i < g.n; i++)
            free((*v)[i]);
        free(*v);
        *v = NULL;
    }
    return rc;
}
