/* sensitivity.c: `sesim sensitivity`: choosing the keys and metrics, the
 * Morris and Sobol designs as scenario points, running them, and
 * sensitivity.csv and design.csv (see sensitivity.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsa.h"
#include "io/output.h"
#include "points.h"
#include "run/columns.h"
#include "run/run.h"
#include "scenario/scenario.h"
#include "sensitivity.h"

typedef struct factor {
    char *key;
    scn_range range;
    double base;    /* the scenario's own value */
    int given;      /* the range came from --range */
} factor;

typedef struct metric {
    char *name;     /* as asked: COLUMN or COLUMN@ACCOUNT */
    char *column, *account;
    int days;       /* days_to_* or production_day: empty means never, within the run */
} metric;

typedef struct point_info {
    const char *stage; /* "morris" or "sobol" */
    size_t run;        /* trajectory or row, 1-based */
    char step[72];     /* morris: 0..k; sobol: A, B or the key taken from B */
} point_info;

typedef struct study {
    const sensitivity_options *o;
    scenario *base;
    factor *f;
    size_t k;
    metric *m;
    size_t nm;
    double run_days;   /* an empty days_to_* counts as this */
    /* the points of both stages */
    size_t np, cap;
    char ***assign;
    size_t *n_assign;
    point_info *info;
    double *y;         /* y[metric][point], metric-major, grown with the points */
    /* results */
    gsa_effects *effects;      /* [metric][key] */
    double *first, *total;     /* [metric][key]; NAN when not estimated */
    size_t *sobol_key;         /* the keys of the Sobol stage */
    size_t n_sobol;
    points_study dir;          /* DIR claimed; dir.work holds points/ until the end */
} study;

/* ---- keys ---- */

static int add_factor(study *st, const char *key, sim_err *err)
{
    for (size_t i = 0; i < st->k; i++)
        if (!strcmp(st->f[i].key, key))
            return sim_errorf(err, SIM_EINPUT, "--keys", 0, "%s is named twice", key);
    factor f = {.key = sim_xstrdup(key)};
    st->f = sim_xrealloc(st->f, (st->k + 1) * sizeof *st->f);
    st->f[st->k++] = f;
    return scn_key_value(st->base, key, &st->f[st->k - 1].base, err);
}

static int list_keys(study *st, sim_err *err)
{
    const char *keys = st->o->keys;
    if (!keys || !strcmp(keys, "assumptions")) {
        size_t n;
        char **v = scn_assumption_keys(st->base, &n);
        int rc = 0;
        for (size_t i = 0; i < n; i++) {
            if (!rc)
                rc = add_factor(st, v[i], err);
            free(v[i]);
        }
        free(v);
        return rc;
    }
    char *copy = sim_xstrdup(keys);
    int rc = 0;
    for (char *tok = strtok(copy, ","); tok && !rc; tok = strtok(NULL, ","))
        rc = add_factor(st, tok, err);
    free(copy);
    return rc;
}

/* Apply --range KEY=LO:HI[:log]; the others take their documented range. */
static int set_ranges(study *st, sim_err *err)
{
    for (size_t j = 0; j < st->o->n_ranges; j++) {
        const char *arg = st->o->ranges[j], *eq = strchr(arg, '=');
        if (!eq)
            return sim_errorf(err, SIM_EINPUT, "--range", 0, "'%s' is not KEY=LO:HI", arg);
        size_t i = 0;
        while (i < st->k && (strlen(st->f[i].key) != (size_t)(eq - arg) ||
                             strncmp(st->f[i].key, arg, (size_t)(eq - arg))))
            i++;
        if (i == st->k)
            return sim_errorf(err, SIM_EINPUT, "--range", 0, "%.*s is not one of the keys studied",
                              (int)(eq - arg), arg);
        if (scn_parse_range(st->base, st->f[i].key, eq + 1, "--range", &st->f[i].range, err))
            return SIM_EINPUT;
        st->f[i].given = 1;
    }
    for (size_t i = 0; i < st->k; i++) {
        factor *f = &st->f[i];
        if (!f->given && !scn_key_range(f->key, &f->range))
            return sim_errorf(err, SIM_EINPUT, "--keys", 0,
                              "%s has no documented range: give one with --range %s=LO:HI", f->key, f->key);
    }
    return 0;
}

static double value_at(const factor *f, double u)
{
    const scn_range *r = &f->range;
    return r->log ? r->lo * pow(r->hi / r->lo, u) : r->lo + (r->hi - r->lo) * u;
}

static char *assignment(const factor *f, double value)
{
    char text[256];
    scn_key_text(f->key, value, text, sizeof text);
    size_t n = strlen(f->key) + strlen(text) + 2;
    char *a = sim_xmalloc(n);
    snprintf(a, n, "%s=%s", f->key, text);
    return a;
}

/* Both ends of every range must make a valid scenario: fail before any run. */
static int check_ends(study *st, sim_err *err)
{
    size_t n = st->o->n_sets;
    scn_override *sets = sim_xmalloc((n + 1) * sizeof *sets);
    memcpy(sets, st->o->sets, n * sizeof *sets);
    int rc = 0;
    for (size_t i = 0; i < st->k && !rc; i++)
        for (int end = 0; end < 2 && !rc; end++) {
            char *a = assignment(&st->f[i], end ? st->f[i].range.hi : st->f[i].range.lo);
            sets[n] = (scn_override){.assignment = a};
            sim_err inner;
            scenario *s = scn_open(st->o->scenario, sets, n + 1, &inner);
            rc = s ? 0 : sim_errorf(err, SIM_EINPUT, "--range", 0, "%s: %s", a, inner.msg);
            free(a);
            scn_destroy(s);
        }
    free(sets);
    return rc;
}

/* ---- metrics ---- */

static int in_list(const char *columns, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = columns; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
            return 1;
    return 0;
}

static int add_metric(study *st, const char *name, const char *columns, sim_err *err)
{
    metric m = {.name = sim_xstrdup(name), .column = sim_xstrdup(name)};
    char *at = strchr(m.column, '@');
    if (at)
        *at = 0;
    m.account = sim_xstrdup(at ? at + 1 : st->base->accounts[0].name);
    m.days = !strncmp(m.column, SUMMARY_DAYS_TO, strlen(SUMMARY_DAYS_TO)) ||
             !strcmp(m.column, columns_summary[SUM_production_day]);
    st->m = sim_xrealloc(st->m, (st->nm + 1) * sizeof *st->m);
    st->m[st->nm++] = m;
    if (!in_list(columns, m.column) || !strcmp(m.column, "rep") || !strcmp(m.column, "account") ||
        !strcmp(m.column, "final_status"))
        return sim_errorf(err, SIM_EINPUT, "--metric", 0,
                          "'%s' is not a numeric column of summary.csv (%s)", m.column,
                          strstr(columns, "final_max24h"));
    for (size_t i = 0; i < st->base->n_accounts; i++)
        if (!strcmp(st->base->accounts[i].name, m.account))
            return 0;
    return sim_errorf(err, SIM_EINPUT, "--metric", 0, "%s: the scenario has no account '%s'", name,
                      m.account);
}

static const char *const default_metrics[] = {"total_overflow", "total_dropped", "days_under_review",
                                              "days_paused"};

static int list_metrics(study *st, sim_err *err)
{
    char *columns = run_summary_columns(&st->base->sim);
    int rc = 0;
    for (size_t j = 0; j < st->o->n_metrics && !rc; j++) {
        char *copy = sim_xstrdup(st->o->metrics[j]);
        for (char *tok = strtok(copy, ","); tok && !rc; tok = strtok(NULL, ","))
            rc = add_metric(st, tok, columns, err);
        free(copy);
    }
    if (!st->o->n_metrics) { /* every days_to_TARGET, then the totals of default_metrics */
        char *copy = sim_xstrdup(columns);
        for (char *tok = strtok(copy, ","); tok && !rc; tok = strtok(NULL, ","))
            if (!strncmp(tok, SUMMARY_DAYS_TO, strlen(SUMMARY_DAYS_TO)))
                rc = add_metric(st, tok, columns, err);
        free(copy);
        for (size_t j = 0; j < sizeof default_metrics / sizeof *default_metrics && !rc; j++)
            rc = add_metric(st, default_metrics[j], columns, err);
    }
    free(columns);
    return rc;
}

/* ---- points ---- */

static void add_point(study *st, char **assign, size_t n, const char *stage, size_t run,
                      const char *step)
{
    if (st->np == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 64;
        st->assign = sim_xrealloc(st->assign, st->cap * sizeof *st->assign);
        st->n_assign = sim_xrealloc(st->n_assign, st->cap * sizeof *st->n_assign);
        st->info = sim_xrealloc(st->info, st->cap * sizeof *st->info);
    }
    st->assign[st->np] = assign;
    st->n_assign[st->np] = n;
    point_info *pi = &st->info[st->np++];
    *pi = (point_info){.stage = stage, .run = run};
    snprintf(pi->step, sizeof pi->step, "%s", step);
}

/* Run points first..np-1 and read every metric of them (mean over the reps). */
static int run_and_read(study *st, size_t first, sim_err *err)
{
    const sensitivity_options *o = st->o;
    points_batch b = {.scenario = o->scenario, .sets = o->sets, .n_sets = o->n_sets,
                      .outdir = st->dir.work, .assign = (char *const *const *)st->assign,
                      .n_assign = st->n_assign, .first = first, .n = st->np - first,
                      .jobs = o->jobs, .quiet = o->quiet, .progress = o->progress,
                      .unit = "points"};
    int rc = points_run(&b, err);
    double *y = sim_xmalloc(st->nm * st->np * sizeof *y); /* re-laid out for the new count */
    for (size_t j = 0; j < st->nm; j++)
        for (size_t p = 0; p < first; p++)
            y[j * st->np + p] = st->y[j * first + p];
    free(st->y);
    st->y = y;
    for (size_t j = 0; j < st->nm && !rc; j++)
        for (size_t p = first; p < st->np && !rc; p++) {
            double *v;
            size_t n;
            rc = points_column(st->dir.work, p, st->m[j].account, st->m[j].column, &v, &n, err);
            double sum = 0;
            for (size_t r = 0; r < n && !rc; r++)
                sum += isnan(v[r]) ? (st->m[j].days ? st->run_days : 0) : v[r];
            if (!rc)
                y[j * st->np + p] = sum / (double)n;
            free(v);
        }
    return rc;
}

static uint64_t design_seed(const study *st, uint64_t salt)
{
    return (uint64_t)st->base->sim.seed * 0x9e3779b97f4a7c15ULL + salt;
}

static int morris_stage(study *st, gsa_morris *m, sim_err *err)
{
    size_t k = st->k;
    gsa_morris_design(m, k, st->o->trajectories, design_seed(st, 1));
    for (size_t t = 0; t < m->r; t++)
        for (size_t j = 0; j <= k; j++) {
            char **a = sim_xmalloc(k * sizeof *a), step[24];
            for (size_t i = 0; i < k; i++)
                a[i] = assignment(&st->f[i], value_at(&st->f[i], m->x[(t * (k + 1) + j) * k + i]));
            snprintf(step, sizeof step, "%zu", j);
            add_point(st, a, k, "morris", t + 1, step);
        }
    int rc = run_and_read(st, 0, err);
    st->effects = sim_xcalloc(st->nm * k, sizeof *st->effects);
    for (size_t j = 0; j < st->nm && !rc; j++)
        gsa_morris_effects(m, st->y + j * st->np, SENSITIVITY_BOOTSTRAP, design_seed(st, 2),
                           st->effects + j * k);
    return rc;
}

/* The keys of the Sobol stage: by their largest mu* relative to the largest
 * mu* of each metric; keys with no effect on any metric are left out. */
static void choose_sobol_keys(study *st)
{
    double *score = sim_xcalloc(st->k, sizeof *score);
    for (size_t j = 0; j < st->nm; j++) {
        double top = 0;
        for (size_t i = 0; i < st->k; i++)
            top = fmax(top, st->effects[j * st->k + i].mu_star);
        for (size_t i = 0; i < st->k && top > 0; i++)
            score[i] = fmax(score[i], st->effects[j * st->k + i].mu_star / top);
    }
    st->sobol_key = sim_xmalloc(st->k * sizeof *st->sobol_key);
    size_t want = st->o->sobol_samples ? st->o->sobol_keys : 0;
    if (want > GSA_SOBOL_MAX_KEYS)
        want = GSA_SOBOL_MAX_KEYS;
    while (st->n_sobol < want) {
        size_t best = st->k;
        for (size_t i = 0; i < st->k; i++)
            if (score[i] > 0 && (best == st->k || score[i] > score[best]))
                best = i;
        if (best == st->k)
            break;
        st->sobol_key[st->n_sobol++] = best;
        score[best] = 0;
    }
    free(score);
}

static int sobol_stage(study *st, sim_err *err)
{
    size_t ms = st->n_sobol, first = st->np;
    st->first = sim_xmalloc(st->nm * st->k * sizeof *st->first);
    st->total = sim_xmalloc(st->nm * st->k * sizeof *st->total);
    for (size_t i = 0; i < st->nm * st->k; i++)
        st->first[i] = st->total[i] = NAN;
    if (!ms)
        return 0;
    gsa_sobol s;
    gsa_sobol_design(&s, ms, st->o->sobol_samples);
    for (size_t p = 0; p < gsa_sobol_points(&s); p++) {
        double x[GSA_SOBOL_MAX_KEYS];
        int block;
        size_t row;
        gsa_sobol_point(&s, p, x, &block, &row);
        char **a = sim_xmalloc(ms * sizeof *a);
        for (size_t i = 0; i < ms; i++)
            a[i] = assignment(&st->f[st->sobol_key[i]], value_at(&st->f[st->sobol_key[i]], x[i]));
        add_point(st, a, ms, "sobol", row + 1,
                  block == -2 ? "A" : block == -1 ? "B" : st->f[st->sobol_key[block]].key);
    }
    int rc = run_and_read(st, first, err);
    double fi[GSA_SOBOL_MAX_KEYS], ti[GSA_SOBOL_MAX_KEYS];
    for (size_t j = 0; j < st->nm && !rc; j++) {
        if (gsa_sobol_indices(&s, st->y + j * st->np + first, fi, ti))
            continue; /* the metric does not vary: no indices */
        for (size_t i = 0; i < ms; i++) {
            st->first[j * st->k + st->sobol_key[i]] = fi[i];
            st->total[j * st->k + st->sobol_key[i]] = ti[i];
        }
    }
    gsa_sobol_free(&s);
    return rc;
}

/* ---- outputs ---- */

#define SENSITIVITY_COLUMN_NAME(name) #name,
const char *const sensitivity_columns[SNC_COLUMNS_N] = {SENSITIVITY_COLUMNS(SENSITIVITY_COLUMN_NAME)};
#undef SENSITIVITY_COLUMN_NAME

static void cell(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.6g", v);
}

/* Keys of metric j by mu*, largest first (ties in key order); rank[i]: 1 +
 * the number of keys with a larger mu* (equal mu*, equal rank). */
static void ranking(const study *st, size_t j, size_t *order, size_t *rank)
{
    const gsa_effects *e = st->effects + j * st->k;
    for (size_t i = 0; i < st->k; i++) {
        order[i] = i;
        rank[i] = 1;
        for (size_t h = 0; h < st->k; h++)
            rank[i] += e[h].mu_star > e[i].mu_star;
    }
    for (size_t a = 1; a < st->k; a++) /* insertion sort by rank, stable */
        for (size_t b = a; b > 0 && rank[order[b]] < rank[order[b - 1]]; b--) {
            size_t tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
}

/* Column col of sensitivity.csv's row of metric j and key i. */
static void sensitivity_cell(FILE *f, sensitivity_column_id col, const study *st, size_t j,
                             size_t i, size_t rank)
{
    const gsa_effects *e = &st->effects[j * st->k + i];
    char text[128];
    switch (col) {
    case SNC_metric: out_csv_field(f, st->m[j].name); break;
    case SNC_key: fputs(st->f[i].key, f); break;
    case SNC_low: case SNC_high:
        scn_key_text(st->f[i].key, col == SNC_low ? st->f[i].range.lo : st->f[i].range.hi, text,
                     sizeof text);
        fputs(text, f);
        break;
    case SNC_mu_star: cell(f, e->mu_star); break;
    case SNC_mu_star_lo: cell(f, e->mu_star_lo); break;
    case SNC_mu_star_hi: cell(f, e->mu_star_hi); break;
    case SNC_mu: cell(f, e->mu); break;
    case SNC_sigma: cell(f, e->sigma); break;
    case SNC_sigma_lo: cell(f, e->sigma_lo); break;
    case SNC_sigma_hi: cell(f, e->sigma_hi); break;
    case SNC_first_order: cell(f, st->first[j * st->k + i]); break;
    case SNC_total_order: cell(f, st->total[j * st->k + i]); break;
    case SNC_rank: fprintf(f, "%zu", rank); break;
    case SNC_COLUMNS_N: break;
    }
}

static void write_sensitivity(const study *st, FILE *f)
{
    for (int col = 0; col < SNC_COLUMNS_N; col++)
        fprintf(f, "%s%c", sensitivity_columns[col], col + 1 < SNC_COLUMNS_N ? ',' : '\n');
    size_t *order = sim_xmalloc(st->k * sizeof *order), *rank = sim_xmalloc(st->k * sizeof *rank);
    for (size_t j = 0; j < st->nm; j++) {
        ranking(st, j, order, rank);
        for (size_t a = 0; a < st->k; a++) {
            size_t i = order[a];
            for (int col = 0; col < SNC_COLUMNS_N; col++) {
                sensitivity_cell(f, (sensitivity_column_id)col, st, j, i, rank[i]);
                fputc(col + 1 < SNC_COLUMNS_N ? ',' : '\n', f);
            }
        }
    }
    free(order);
    free(rank);
}

/* The text a point set for key i, or the scenario's own value. */
static void key_cell(FILE *f, const study *st, size_t p, size_t i)
{
    size_t n = strlen(st->f[i].key);
    for (size_t a = 0; a < st->n_assign[p]; a++)
        if (!strncmp(st->assign[p][a], st->f[i].key, n) && st->assign[p][a][n] == '=') {
            fputc(',', f);
            out_csv_field(f, st->assign[p][a] + n + 1);
            return;
        }
    char text[128];
    scn_key_text(st->f[i].key, st->f[i].base, text, sizeof text);
    fprintf(f, ",%s", text);
}

/* Column col of design.csv's row of point p (the first columns; the keys and
 * the metrics follow them). */
static void design_cell(FILE *f, design_column_id col, const study *st, size_t p)
{
    switch (col) {
    case DSC_point: fprintf(f, "%zu", p + 1); break;
    case DSC_stage: fputs(st->info[p].stage, f); break;
    case DSC_run: fprintf(f, "%zu", st->info[p].run); break;
    case DSC_step: fputs(st->info[p].step, f); break;
    case DSC_COLUMNS_N: break;
    }
}

static void write_design(const study *st, FILE *f)
{
#define DESIGN_COLUMN_NAME(name) #name,
    static const char *const design_columns[DSC_COLUMNS_N] = {DESIGN_COLUMNS(DESIGN_COLUMN_NAME)};
#undef DESIGN_COLUMN_NAME
    for (int c = 0; c < DSC_COLUMNS_N; c++)
        fprintf(f, "%s%s", c ? "," : "", design_columns[c]);
    for (size_t i = 0; i < st->k; i++)
        fprintf(f, ",%s", st->f[i].key);
    for (size_t j = 0; j < st->nm; j++) {
        fputc(',', f);
        out_csv_field(f, st->m[j].name);
    }
    fputc('\n', f);
    for (size_t p = 0; p < st->np; p++) {
        for (int c = 0; c < DSC_COLUMNS_N; c++) {
            fputs(c ? "," : "", f);
            design_cell(f, (design_column_id)c, st, p);
        }
        for (size_t i = 0; i < st->k; i++)
            key_cell(f, st, p, i);
        for (size_t j = 0; j < st->nm; j++)
            fprintf(f, ",%.10g", st->y[j * st->np + p]);
        fputc('\n', f);
    }
}

static int write_outputs(study *st, sim_err *err)
{
    out_file files[2] = {{0}};
    int rc = out_open(&files[0], st->o->outdir, "sensitivity.csv", err);
    if (!rc)
        rc = out_open(&files[1], st->o->outdir, "design.csv", err);
    if (rc) {
        out_abort_all(files, 2);
        return rc;
    }
    write_sensitivity(st, files[0].f);
    write_design(st, files[1].f);
    return points_commit(&st->dir, files, 2, NULL, 0, err);
}

/* On stdout: each metric's most influential keys, in words. */
static void print_summary(const study *st)
{
    size_t *order = sim_xmalloc(st->k * sizeof *order), *rank = sim_xmalloc(st->k * sizeof *rank);
    printf("sesim: wrote %s/sensitivity.csv and design.csv (%zu points)\n", st->o->outdir, st->np);
    for (size_t j = 0; j < st->nm; j++) {
        ranking(st, j, order, rank);
        printf("  %s:", st->m[j].name);
        size_t shown = 0, none = 0;
        for (size_t a = 0; a < st->k; a++) {
            const gsa_effects *e = &st->effects[j * st->k + order[a]];
            if (e->mu_star == 0)
                none++;
            else if (shown < 3)
                printf("%s %s (mu* %.3g)", shown++ ? "," : "", st->f[order[a]].key, e->mu_star);
        }
        printf("%s%zu key%s with no effect\n", shown ? "; " : " ", none, none == 1 ? "" : "s");
    }
    free(order);
    free(rank);
}

/* ---- the command ---- */

static int check_options(const sensitivity_options *o, sim_err *err)
{
    if (o->trajectories < 2)
        return sim_errorf(err, SIM_EINPUT, "--trajectories", 0, "needs at least 2 trajectories");
    if (o->sobol_samples && o->sobol_keys < 1)
        return sim_errorf(err, SIM_EINPUT, "--sobol-keys", 0, "needs at least 1 key");
    return 0;
}

static int prepare(study *st, sim_err *err)
{
    int rc = check_options(st->o, err);
    if (!rc && !(st->base = scn_open(st->o->scenario, st->o->sets, st->o->n_sets, err)))
        rc = SIM_EINPUT;
    if (!rc)
        rc = list_keys(st, err);
    if (!rc && !st->k)
        rc = sim_errorf(err, SIM_EINPUT, "--keys", 0, "no keys to study");
    if (!rc)
        rc = set_ranges(st, err);
    if (!rc)
        rc = list_metrics(st, err);
    if (!rc)
        rc = check_ends(st, err);
    if (!rc)
        st->run_days = (double)st->base->sim.duration / 86400000.0;
    return rc;
}

static void free_study(study *st)
{
    for (size_t i = 0; i < st->k; i++)
        free(st->f[i].key);
    for (size_t j = 0; j < st->nm; j++) {
        free(st->m[j].name);
        free(st->m[j].column);
        free(st->m[j].account);
    }
    for (size_t p = 0; p < st->np; p++) {
        for (size_t a = 0; a < st->n_assign[p]; a++)
            free(st->assign[p][a]);
        free(st->assign[p]);
    }
    free(st->f);
    free(st->m);
    free(st->assign);
    free(st->n_assign);
    free(st->info);
    free(st->y);
    free(st->effects);
    free(st->first);
    free(st->total);
    free(st->sobol_key);
    scn_destroy(st->base);
}

int sensitivity_run(const sensitivity_options *opt, sim_err *err)
{
    study st = {.o = opt};
    gsa_morris m = {0};
    static const char *const owned[] = {"sensitivity.csv", "design.csv", "points", NULL};
    int rc = prepare(&st, err);
    if (!rc)
        rc = points_begin(&st.dir, opt->outdir, "sensitivity", owned, err);
    if (!rc)
        rc = morris_stage(&st, &m, err);
    if (!rc) {
        choose_sobol_keys(&st);
        rc = sobol_stage(&st, err);
    }
    if (!rc)
        rc = write_outputs(&st, err);
    if (!rc && !opt->quiet)
        print_summary(&st);
    points_end(&st.dir);
    gsa_morris_free(&m);
    free_study(&st);
    return rc;
}
