/* sweep_tables.c: sweep.ini, the tables of a sweep (runs.csv, sweep.csv) and
 * merging the folders of shards. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <ini.h>

#include "core/csvin.h"
#include "io/csvtext.h"
#include "io/output.h"
#include "io/pool.h"
#include "run/columns.h"
#include "sweep_tables.h"

/* ---- points and sweep.ini ---- */

char *sweep_point_dir(const char *outdir, size_t point)
{
    size_t n = strlen(outdir) + 64;
    char *s = sim_xmalloc(n);
    snprintf(s, n, "%s/points/%04zu", outdir, point + 1);
    return s;
}

int sweep_point_complete(const char *outdir, size_t point)
{
    char *dir = sweep_point_dir(outdir, point), *summary = out_join(dir, "summary.csv");
    struct stat st;
    /* a point is a folder sesim made: a symbolic link in its place is not one */
    int ok = lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && stat(summary, &st) == 0;
    free(summary);
    free(dir);
    return ok;
}

int sweep_prepare_dir(const char *outdir, const sweep_def *d, out_lock *lock, sim_err *err)
{
    static const char *const owned[] = {"sweep.ini", "runs.csv", "sweep.csv", NULL};
    int rc = out_claim(lock, outdir, "sweep", owned, err);
    if (rc)
        return rc;
    char *points = out_join(outdir, "points");
    rc = out_mkdir_p(points, err);
    if (!rc)
        out_remove_temporaries(points); /* of a sweep that died: the lock is ours */
    free(points);
    sweep_def old;
    sim_err ignored;
    if (!rc && sweep_read_def(outdir, &old, &ignored) == 0) {
        if (old.fingerprint != d->fingerprint)
            rc = sim_errorf(err, SIM_EINPUT, outdir, 0,
                            "holds a different sweep (another scenario, data files, keys, values "
                            "or reps): use another -o folder");
        sweep_free_def(&old);
    }
    return rc ? rc : sweep_write_def(outdir, d, err);
}

/* ---- runs.csv and sweep.csv ---- */

/* One point's summary rows, as read from its summary.csv. */
typedef struct point_rows {
    char **header;
    size_t width;
    char ***rows;
    size_t n;
} point_rows;

static void free_rows(point_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        for (size_t j = 0; j < r->width; j++)
            free(r->rows[i][j]);
        free(r->rows[i]);
    }
    for (size_t j = 0; r->header && j < r->width; j++)
        free(r->header[j]);
    free(r->header);
    free(r->rows);
    *r = (point_rows){0};
}

static char **copy_fields(const csvin_row *row)
{
    char **v = sim_xmalloc(row->n * sizeof *v);
    for (size_t i = 0; i < row->n; i++)
        v[i] = sim_xstrdup(row->field[i]);
    return v;
}

static int read_point(const char *dir, point_rows *r, sim_err *err)
{
    size_t n = strlen(dir) + 16;
    char *path = sim_xmalloc(n);
    snprintf(path, n, "%s/summary.csv", dir);
    csvin *in;
    int rc = csvin_open(&in, path, err);
    free(path);
    if (rc)
        return rc;
    csvin_row row;
    while ((rc = csvin_next(in, &row, err)) == 1) {
        if (!r->header) {
            r->header = copy_fields(&row);
            r->width = row.n;
            continue;
        }
        if ((rc = csvin_check_width(in, &row, r->width, err)))
            break;
        r->rows = sim_xrealloc(r->rows, (r->n + 1) * sizeof *r->rows);
        r->rows[r->n++] = copy_fields(&row);
    }
    csvin_close(in);
    return rc < 0 ? rc : 0;
}

static long column(const point_rows *r, const char *name)
{
    return csvin_find((const char *const *)r->header, r->width, name);
}

/* ---- numeric companions of the keys ---- */

/* Axis k gets a column KEY_value when its values are numbers the key reads
 * (scn_key_number) and some of them are not plain numbers ("0.3%", "10k",
 * "1h"): pandas and gnuplot read the companion as a number. */
static int has_companion(const sweep_def *d, size_t k)
{
    const sweep_axis *a = &d->axes[k];
    int plain = 1;
    for (size_t i = 0; i < a->n; i++) {
        double v;
        char *end;
        if (scn_key_number(a->key, a->values[i], &v))
            return 0;
        strtod(a->values[i], &end);
        plain &= end != a->values[i] && !*end;
    }
    return !plain;
}

static void companion_header(FILE *f, const sweep_def *d)
{
    for (size_t k = 0; k < d->n_axes; k++)
        if (has_companion(d, k)) {
            char *name = sim_xmalloc(strlen(d->axes[k].key) + 8);
            sprintf(name, "%s_value", d->axes[k].key);
            fputc(',', f);
            csvtext_field(f, name);
            free(name);
        }
}

static void companion_cells(FILE *f, const sweep_def *d, size_t p)
{
    for (size_t k = 0; k < d->n_axes; k++) {
        double v;
        if (has_companion(d, k) && !scn_key_number(d->axes[k].key, sweep_value(d, p, k), &v))
            fprintf(f, ",%.10g", v);
    }
}

static void runs_rows(FILE *f, const sweep_def *d, size_t p, const point_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        fprintf(f, "%zu", p + 1);
        for (size_t k = 0; k < d->n_axes; k++) {
            fputc(',', f);
            csvtext_field(f, sweep_value(d, p, k));
        }
        for (size_t j = 0; j < r->width; j++) {
            fputc(',', f);
            out_csv_field(f, r->rows[i][j]);
        }
        companion_cells(f, d, p);
        fputc('\n', f);
    }
}

/* Values of column c over the rows of one account; empty fields become +inf. */
static size_t collect(const point_rows *r, const char *acct, long acol, long c, double *v)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->rows[i][acol], acct))
            v[n++] = *r->rows[i][c] ? strtod(r->rows[i][c], NULL) : INFINITY;
    return n;
}

static void stat_cell(FILE *f, double x)
{
    if (isfinite(x))
        fprintf(f, ",%.10g", x);
    else
        fputs(",", f);
}

#define SWEEP_TARGET_PREFIX(id, prefix, suffix) prefix,
#define SWEEP_TARGET_SUFFIX(id, prefix, suffix) suffix,
#define SWEEP_SHARE_NAME(name) #name,
const char *const sweep_target_prefix[SWT_N] = {SWEEP_TARGET_COLUMNS(SWEEP_TARGET_PREFIX)};
const char *const sweep_target_suffix[SWT_N] = {SWEEP_TARGET_COLUMNS(SWEEP_TARGET_SUFFIX)};
const char *const sweep_share_names[SWS_N] = {SWEEP_SHARE_COLUMNS(SWEEP_SHARE_NAME)};
#undef SWEEP_TARGET_PREFIX
#undef SWEEP_TARGET_SUFFIX
#undef SWEEP_SHARE_NAME

/* Is summary.csv's column h a target's (days_to_T)? */
static int is_target(const char *h) { return !strncmp(h, SUMMARY_DAYS_TO, strlen(SUMMARY_DAYS_TO)); }

/* days_to_X, sorted (v, n values): mean (only when every rep reached X), p10,
 * p50, p90 (empty when the quantile falls on a rep that never reached X),
 * share of reps that reached it. */
static void target_cell(FILE *f, sweep_target_column col, const double *v, size_t n, size_t reached)
{
    switch (col) {
    case SWT_mean: stat_cell(f, reached == n ? gsl_stats_mean(v, 1, n) : NAN); break;
    case SWT_p10: stat_cell(f, gsl_stats_quantile_from_sorted_data(v, 1, n, 0.1)); break;
    case SWT_p50: stat_cell(f, gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5)); break;
    case SWT_p90: stat_cell(f, gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9)); break;
    case SWT_reached: fprintf(f, ",%.6g", (double)reached / (double)n); break;
    case SWT_N: break;
    }
}

static void target_cells(FILE *f, double *v, size_t n)
{
    size_t reached = 0;
    for (size_t i = 0; i < n; i++)
        reached += isfinite(v[i]);
    gsl_sort(v, 1, n);
    for (int col = 0; col < SWT_N; col++)
        target_cell(f, (sweep_target_column)col, v, n, reached);
}

/* summary.csv's columns whose mean over the replications sweep.csv gives. */
static const summary_column_id mean_columns[] = {SUM_final_max24h,     SUM_total_demand,
                                                 SUM_total_sent,       SUM_total_overflow,
                                                 SUM_total_dropped,    SUM_total_throttled,
                                                 SUM_peak_bounce_rate, SUM_peak_complaint_rate};
#define N_MEANS (sizeof mean_columns / sizeof mean_columns[0])
/* Queueing delays: empty in summary.csv when nothing waited, so the mean is over
 * the replications that have one (empty when none has). */
static const summary_column_id delay_columns[] = {SUM_delay_p50_s, SUM_delay_p99_s};
#define N_DELAYS (sizeof delay_columns / sizeof delay_columns[0])

static void finite_mean_cell(FILE *f, const double *v, size_t n)
{
    double sum = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            sum += v[i], k++;
    stat_cell(f, k ? sum / (double)k : NAN);
}

static void sweep_header(FILE *f, const sweep_def *d, const point_rows *r)
{
    fputs(SWEEP_COL_POINT, f);
    for (size_t k = 0; k < d->n_axes; k++) {
        fputc(',', f);
        csvtext_field(f, d->axes[k].key);
    }
    fprintf(f, ",%s,%s", SWEEP_COL_ACCOUNT, SWEEP_COL_REPS);
    for (size_t j = 0; j < r->width; j++)
        for (int c = 0; is_target(r->header[j]) && c < SWT_N; c++)
            fprintf(f, ",%s%s%s", sweep_target_prefix[c], r->header[j] + strlen(SUMMARY_DAYS_TO),
                    sweep_target_suffix[c]);
    for (int c = 0; c < SWS_N; c++)
        fprintf(f, ",%s", sweep_share_names[c]);
    for (size_t m = 0; m < N_MEANS; m++)
        fprintf(f, ",%s%s", SWEEP_MEAN_PREFIX, columns_summary[mean_columns[m]]);
    for (size_t m = 0; m < N_DELAYS; m++)
        fprintf(f, ",%s%s", SWEEP_MEAN_PREFIX, columns_summary[delay_columns[m]]);
    companion_header(f, d);
    fputc('\n', f);
}

static void sweep_rows(FILE *f, const sweep_def *d, size_t p, const point_rows *r)
{
    long acol = column(r, columns_summary[SUM_account]);
    long paused = column(r, columns_summary[SUM_days_paused]);
    long reviewed = column(r, columns_summary[SUM_days_under_review]);
    double *v = sim_xmalloc((r->n ? r->n : 1) * sizeof *v);
    for (size_t i = 0; i < r->n; i++) {
        const char *acct = r->rows[i][acol];
        size_t first = 0;
        while (strcmp(r->rows[first][acol], acct))
            first++;
        if (first < i)
            continue; /* this account's row was written at its first appearance */
        fprintf(f, "%zu", p + 1);
        for (size_t k = 0; k < d->n_axes; k++) {
            fputc(',', f);
            csvtext_field(f, sweep_value(d, p, k));
        }
        fputc(',', f);
        out_csv_field(f, acct); /* as summary.csv wrote it */
        size_t n = collect(r, acct, acol, acol, v);
        fprintf(f, ",%zu", n);
        for (size_t j = 0; j < r->width; j++)
            if (is_target(r->header[j])) {
                collect(r, acct, acol, (long)j, v);
                target_cells(f, v, n);
            }
        size_t np = 0, nr = 0;
        collect(r, acct, acol, paused, v);
        for (size_t k = 0; k < n; k++)
            np += v[k] > 0;
        collect(r, acct, acol, reviewed, v);
        for (size_t k = 0; k < n; k++)
            nr += v[k] > 0;
        size_t with[SWS_N] = {[SWS_share_paused] = np, [SWS_share_reviewed] = nr};
        for (int c = 0; c < SWS_N; c++)
            fprintf(f, ",%.6g", (double)with[c] / (double)n);
        for (size_t m = 0; m < N_MEANS; m++) {
            collect(r, acct, acol, column(r, columns_summary[mean_columns[m]]), v);
            stat_cell(f, gsl_stats_mean(v, 1, n));
        }
        for (size_t m = 0; m < N_DELAYS; m++) {
            collect(r, acct, acol, column(r, columns_summary[delay_columns[m]]), v);
            finite_mean_cell(f, v, n);
        }
        companion_cells(f, d, p);
        fputc('\n', f);
    }
    free(v);
}

/* Build both tables from the points, each found in one of `srcs`. */
static int write_tables(const char *const *srcs, size_t n_srcs, const sweep_def *d,
                        const char *outdir, sim_err *err)
{
    out_file out[2] = {0};
    int rc = out_open(&out[0], outdir, "runs.csv", err);
    if (!rc)
        rc = out_open(&out[1], outdir, "sweep.csv", err);
    for (size_t p = 0; p < d->n_points && !rc; p++) {
        if (*pool_interrupt_flag()) /* the callers catch interrupts: a stop asked for now */
            rc = sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: every point is complete, "
                            "runs.csv and sweep.csv are not written: run the same command again");
        size_t s = 0;
        while (!rc && s + 1 < n_srcs && !sweep_point_complete(srcs[s], p))
            s++;
        if (rc)
            break;
        char *dir = sweep_point_dir(srcs[s], p);
        point_rows r = {0};
        rc = read_point(dir, &r, err);
        free(dir);
        if (!rc && (!r.header || column(&r, columns_summary[SUM_account]) < 0))
            rc = sim_errorf(err, SIM_ERUNTIME, srcs[s], 0, "point %zu: summary.csv has no account column", p + 1);
        if (!rc && p == 0) {
            fputs(SWEEP_COL_POINT, out[0].f);
            for (size_t k = 0; k < d->n_axes; k++) {
                fputc(',', out[0].f);
                csvtext_field(out[0].f, d->axes[k].key);
            }
            for (size_t j = 0; j < r.width; j++)
                fprintf(out[0].f, ",%s", r.header[j]);
            companion_header(out[0].f, d);
            fputc('\n', out[0].f);
            sweep_header(out[1].f, d, &r);
        }
        if (!rc) {
            runs_rows(out[0].f, d, p, &r);
            sweep_rows(out[1].f, d, p, &r);
        }
        free_rows(&r);
    }
    if (rc) {
        out_abort_all(out, 2);
        return rc;
    }
    return out_commit_all(out, 2, err); /* a stop asked for from here on comes too late */
}

int sweep_tables_if_complete(const char *outdir, const sweep_def *d, int quiet, sim_err *err)
{
    size_t complete = 0;
    for (size_t p = 0; p < d->n_points; p++)
        complete += sweep_point_complete(outdir, p);
    if (complete < d->n_points) {
        if (!quiet)
            printf("sesim: %zu of %zu points complete in %s; when every shard is done, "
                   "combine them with sesim merge\n", complete, d->n_points, outdir);
        return 0;
    }
    const char *srcs[1] = {outdir};
    int rc = write_tables(srcs, 1, d, outdir, err);
    if (!rc && !quiet)
        printf("sesim: wrote %s/runs.csv and %s/sweep.csv (%zu points)\n", outdir, outdir, d->n_points);
    return rc;
}

/* ---- merge ---- */

/* Copy the files of a shard's point folder (regular files only, not the
 * hidden ones) into a new point folder `to` of this sweep, made whole. */
static int copy_files(const char *from, const char *to, sim_err *err)
{
    DIR *dir = opendir(from);
    int rc = dir ? 0 : sim_errorf(err, SIM_ERUNTIME, from, 0, "cannot read: %s", strerror(errno));
    for (struct dirent *e; dir && !rc && (e = readdir(dir));) {
        char *src = out_join(from, e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && lstat(src, &st) == 0 && S_ISREG(st.st_mode)) {
            out_file f = {0};
            rc = out_open(&f, to, e->d_name, err);
            if (!rc)
                rc = out_append_file(f.f, src, err);
            rc = rc ? (out_abort_all(&f, 1), rc) : out_commit_all(&f, 1, err);
        }
        free(src);
    }
    if (dir)
        closedir(dir);
    return rc;
}

static int copy_point(const char *outdir, const char *from, const char *to, sim_err *err)
{
    char *points = out_join(outdir, "points"), *tmp = out_temp_dir(points, "point", err);
    free(points);
    if (!tmp)
        return err->code;
    out_lock lock;
    int rc = out_claim(&lock, tmp, "run", NULL, err);
    if (!rc)
        rc = copy_files(from, tmp, err);
    out_unclaim(&lock, 0);
    if (!rc)
        rc = out_swap_in(tmp, to, "run", err);
    if (rc)
        out_remove_tree(tmp);
    free(tmp);
    return rc;
}

int sweep_merge(const char *const *dirs, size_t n, const char *outdir, sim_err *err)
{
    sweep_def *defs = sim_xcalloc(n, sizeof *defs);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        rc = sweep_read_def(dirs[i], &defs[i], err);
        if (!rc && defs[i].fingerprint != defs[0].fingerprint)
            rc = sim_errorf(err, SIM_EINPUT, dirs[i], 0,
                            "is a shard of a different sweep than %s (fingerprints differ)", dirs[0]);
    }
    for (size_t p = 0; !rc && p < defs[0].n_points; p++) {
        size_t s = 0;
        while (s < n && !sweep_point_complete(dirs[s], p))
            s++;
        if (s == n)
            rc = sim_errorf(err, SIM_EINPUT, dirs[0], 0, "point %zu is in none of the folders", p + 1);
    }
    out_lock lock = {.fd = -1};
    if (!rc)
        rc = sweep_prepare_dir(outdir, &defs[0], &lock, err);
    /* SIGINT, SIGTERM and SIGHUP stop the copying between two points, or the tables. */
    pool_catch_interrupts();
    for (size_t p = 0; !rc && p < defs[0].n_points; p++) {
        if (*pool_interrupt_flag())
            rc = sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: the points copied so far "
                            "are complete; run the merge again to go on");
        if (rc || sweep_point_complete(outdir, p))
            continue;
        size_t s = 0;
        while (!sweep_point_complete(dirs[s], p))
            s++;
        char *from = sweep_point_dir(dirs[s], p), *to = sweep_point_dir(outdir, p);
        rc = copy_point(outdir, from, to, err);
        free(from);
        free(to);
    }
    if (!rc) {
        const char *srcs[1] = {outdir};
        rc = write_tables(srcs, 1, &defs[0], outdir, err);
    }
    pool_release_interrupts();
    out_unclaim(&lock, 0);
    for (size_t i = 0; i < n; i++)
        sweep_free_def(&defs[i]);
    free(defs);
    return rc;
}
