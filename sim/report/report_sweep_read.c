/* report_sweep_read.c: a sweep folder as the report sees it: sweep.csv (one
 * row per point and account) as text and as numbers, sweep.ini (the keys and
 * their values in sweep order), how each key is drawn (a numeric axis when its
 * values are numbers with one common unit, else categories in sweep order),
 * and (report_sweep_series.c) the series the plots against a key draw. */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvtext.h"
#include "io/output.h"
#include "report_int.h"
#include "study/sweep_def.h"
#include "study/sweep_tables.h"

/* n, or 1 for an allocation of nothing */
static size_t n1(size_t n) { return n ? n : 1; }

/* ---- values as numbers ---- */

int report_value_number(const char *s, double *v, char unit[16])
{
    unit[0] = 0;
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    double x = strtod(s, &end);
    if (end == s || !isfinite(x))
        return -1;
    size_t n = strlen(end);
    if (n >= 16)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)end[i]) && end[i] != '%' && end[i] != '/')
            return -1;
    if (!strcmp(end, "k") || !strcmp(end, "M") || !strcmp(end, "G")) {
        x *= *end == 'k' ? 1e3 : *end == 'M' ? 1e6 : 1e9;
        end += 1;
    }
    memcpy(unit, end, strlen(end) + 1);
    *v = x;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* A log scale for positive values spanning ten-fold or more that are spaced
 * more evenly in their logarithms than in themselves (10k:1M:5:log). */
static int wants_log(const report_axis *a)
{
    if (!a->numeric || a->n < 3)
        return 0;
    double *v = sim_xmalloc(a->n * sizeof *v);
    memcpy(v, a->x, a->n * sizeof *v);
    qsort(v, a->n, sizeof *v, cmp_double);
    int log_scale = 0;
    if (v[0] > 0 && v[a->n - 1] >= 10 * v[0]) {
        double lin[2] = {INFINITY, 0}, lg[2] = {INFINITY, 0}; /* smallest and largest step */
        for (size_t i = 1; i < a->n; i++) {
            double d = v[i] - v[i - 1], e = log(v[i] / v[i - 1]);
            lin[0] = d < lin[0] ? d : lin[0], lin[1] = d > lin[1] ? d : lin[1];
            lg[0] = e < lg[0] ? e : lg[0], lg[1] = e > lg[1] ? e : lg[1];
        }
        log_scale = lg[1] / lg[0] < lin[1] / lin[0];
    }
    free(v);
    return log_scale;
}

static void axis_classify(report_axis *a)
{
    a->x = sim_xmalloc((a->n ? a->n : 1) * sizeof *a->x);
    a->numeric = a->n > 0;
    a->unit[0] = 0;
    for (size_t i = 0; i < a->n && a->numeric; i++) {
        char u[16];
        if (report_value_number(a->values[i], &a->x[i], u))
            a->numeric = 0;
        else if (i == 0)
            memcpy(a->unit, u, sizeof u);
        else if (strcmp(a->unit, u))
            a->numeric = 0;
    }
    for (size_t i = 0; i < a->n && a->numeric; i++) /* two texts of one number: categories */
        for (size_t j = i + 1; j < a->n; j++)
            if (a->x[i] == a->x[j])
                a->numeric = 0;
    if (!a->numeric) {
        a->unit[0] = 0;
        for (size_t i = 0; i < a->n; i++)
            a->x[i] = (double)(i + 1);
    }
    a->log = wants_log(a);
}

static void axis_free(report_axis *a)
{
    free(a->key);
    for (size_t i = 0; i < a->n; i++)
        free(a->values[i]);
    free(a->values);
    free(a->x);
    memset(a, 0, sizeof *a);
}

/* ---- sweep.csv ---- */

void report_sweep_free(report_sweep *s)
{
    report_table_free(&s->table);
    free(s->scenario);
    for (size_t i = 0; i < s->n_options; i++)
        free(s->options[i]);
    free(s->options);
    for (size_t k = 0; k < s->n_axes; k++)
        axis_free(&s->axes[k]);
    free(s->axes);
    for (size_t t = 0; t < s->n_targets; t++)
        free(s->targets[t]);
    free(s->targets);
    for (size_t i = 0; i < s->n_acc; i++)
        free(s->accounts[i]);
    free(s->accounts);
    free(s->vi);
    free(s->acc);
    free(s->days);
    free(s->share);
    free(s->outc);
    memset(s, 0, sizeof *s);
    s->heat_target = -1;
}

static int column(const report_table *t, const char *name)
{
    return report_csv_column(t->ncol, t->head, name);
}

static int column_of(const report_table *t, const char *prefix, const char *mid, const char *suffix)
{
    char *name = report_strf("%s%s%s", prefix, mid, suffix);
    int c = column(t, name);
    free(name);
    return c;
}

/* The index of value v on axis a, appended when new. */
static size_t value_index(report_axis *a, const char *v)
{
    for (size_t i = 0; i < a->n; i++)
        if (!strcmp(a->values[i], v))
            return i;
    a->values = sim_xrealloc(a->values, (a->n + 1) * sizeof *a->values);
    a->values[a->n] = sim_xstrdup(v);
    return a->n++;
}

/* A cell as a number: NAN when empty or the column is absent. */
static int cell_number(const report_sweep *s, size_t r, int c, double *out, const char *path,
                       sim_err *err)
{
    *out = NAN;
    if (c < 0 || !*s->table.rows[r][c])
        return 0;
    if (report_number(s->table.rows[r][c], out)) {
        char shown[40];
        snprintf(shown, sizeof shown, "%.32s", s->table.rows[r][c]);
        return sim_errorf(err, SIM_EINPUT, path, (long)r + 2, "column %s: '%s' is not a number",
                          s->table.head[c], shown);
    }
    return 0;
}

/* The columns of sweep.csv read as numbers, and where each goes: per target
 * (days_to_T_p10 and the like, T a target), and per row. */
static const struct {
    sweep_target_column id; /* study/sweep_tables.h */
    size_t off;
} day_columns[] = {
    {SWT_p10, offsetof(report_days, p10)},
    {SWT_p50, offsetof(report_days, p50)},
    {SWT_p90, offsetof(report_days, p90)},
    {SWT_reached, offsetof(report_days, reached)},
};
#define N_DAY_COLUMNS (sizeof day_columns / sizeof day_columns[0])
static const struct {
    sweep_share_column id;
    size_t off;
} share_columns[] = {
    {SWS_share_paused, offsetof(report_shares, paused)},
    {SWS_share_reviewed, offsetof(report_shares, reviewed)},
};
#define N_SHARE_COLUMNS (sizeof share_columns / sizeof share_columns[0])

static double *field(void *row, size_t off) { return (double *)((char *)row + off); }

/* sweep.csv as text, with its point and account columns. */
static int read_csv(const char *path, report_sweep *s, int *cpoint, int *cacc, sim_err *err)
{
    int rc = report_read_table(path, REPORT_MAX_SWEEP_ROWS, &s->table, err);
    report_table *t = &s->table;
    if (!rc && t->total > t->nrow)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "more than %d rows: too many to report on",
                        REPORT_MAX_SWEEP_ROWS);
    *cpoint = rc ? -1 : column(t, SWEEP_COL_POINT), *cacc = rc ? -1 : column(t, SWEEP_COL_ACCOUNT);
    if (!rc && (*cpoint < 0 || *cacc <= *cpoint))
        rc = sim_errorf(err, SIM_EINPUT, path, 1,
                        "no point and account columns: not a sweep.csv of sesim sweep");
    return rc;
}

/* The keys: sweep.csv's columns between point and account, their values in
 * the order of sweep.ini (sweep_tables.c reads it) when it is there. */
static void read_axes(const char *dir, report_sweep *s, int cpoint, int cacc)
{
    sweep_def d = {0};
    sim_err ignored;
    s->has_def = sweep_read_def(dir, &d, &ignored) == 0;
    if (s->has_def) {
        s->scenario = d.scenario_owned;
        d.scenario_owned = NULL;
        s->options = d.options, s->n_options = d.n_options;
        d.options = NULL, d.n_options = 0;
        s->reps = d.reps;
    }
    s->n_axes = (size_t)(cacc - cpoint - 1);
    s->axes = sim_xcalloc(s->n_axes ? s->n_axes : 1, sizeof *s->axes);
    for (size_t k = 0; k < s->n_axes; k++) {
        report_axis *a = &s->axes[k];
        a->col = cpoint + 1 + (int)k;
        a->key = sim_xstrdup(csvtext_unguard(s->table.head[a->col]));
        for (size_t j = 0; s->has_def && j < d.n_axes; j++)
            if (d.axes[j].key && !strcmp(d.axes[j].key, a->key)) {
                for (size_t i = 0; i < d.axes[j].n; i++)
                    value_index(a, d.axes[j].values[i]);
                break;
            }
    }
    sweep_free_def(&d);
}

/* The text of the guarded cells (csvtext.h): the keys' values and the account. */
static void unguard_text(report_sweep *s, int cacc)
{
    for (size_t r = 0; r < s->table.nrow; r++) {
        for (size_t k = 0; k < s->n_axes; k++)
            csvtext_unguard_cell(s->table.rows[r][s->axes[k].col]);
        csvtext_unguard_cell(s->table.rows[r][cacc]);
    }
}

/* Each row's values, its account, the number of points; then how each key is drawn. */
static void index_rows(report_sweep *s, int cpoint, int cacc)
{
    const report_table *t = &s->table;
    size_t nrow = t->nrow;
    unguard_text(s, cacc);
    s->vi = sim_xmalloc(n1(nrow * s->n_axes) * sizeof *s->vi);
    s->acc = sim_xmalloc((nrow ? nrow : 1) * sizeof *s->acc);
    for (size_t r = 0; r < nrow; r++) {
        for (size_t k = 0; k < s->n_axes; k++)
            s->vi[r * s->n_axes + k] = value_index(&s->axes[k], t->rows[r][s->axes[k].col]);
        const char *name = t->rows[r][cacc];
        size_t i = 0;
        while (i < s->n_acc && strcmp(s->accounts[i], name))
            i++;
        if (i == s->n_acc) {
            s->accounts = sim_xrealloc(s->accounts, (s->n_acc + 1) * sizeof *s->accounts);
            s->accounts[s->n_acc++] = sim_xstrdup(name);
        }
        s->acc[r] = i;
        if (!r || strcmp(t->rows[r][cpoint], t->rows[r - 1][cpoint]))
            s->points++;
    }
    for (size_t k = 0; k < s->n_axes; k++)
        axis_classify(&s->axes[k]);
}

/* The targets: T of the days_to_T_p50 columns. */
static void find_targets(report_sweep *s)
{
    const report_table *t = &s->table;
    for (size_t i = 0; i < t->ncol; i++) {
        const char *h = t->head[i];
        size_t n = strlen(h), pre = strlen(sweep_target_prefix[SWT_p50]),
               suf = strlen(sweep_target_suffix[SWT_p50]);
        if (n > pre + suf && !strncmp(h, sweep_target_prefix[SWT_p50], pre) &&
            !strcmp(h + n - suf, sweep_target_suffix[SWT_p50])) {
            s->targets = sim_xrealloc(s->targets, (s->n_targets + 1) * sizeof *s->targets);
            char *name = sim_xmalloc(n - pre - suf + 1);
            memcpy(name, h + pre, n - pre - suf);
            name[n - pre - suf] = 0;
            s->targets[s->n_targets++] = name;
        }
    }
    s->has_p10 = s->n_targets > 0;
    for (size_t q = 0; q < s->n_targets; q++)
        if (column_of(t, sweep_target_prefix[SWT_p10], s->targets[q], sweep_target_suffix[SWT_p10]) < 0)
            s->has_p10 = 0;
}

/* Row r's numbers: its days to each target (cols: per target, the columns of
 * day_columns), its shares (scols), and its reps when there is no sweep.ini. */
static int read_row(report_sweep *s, size_t r, const int *cols, const int *scols, int creps,
                    const char *path, sim_err *err)
{
    int rc = 0;
    for (size_t q = 0; !rc && q < s->n_targets; q++)
        for (size_t j = 0; !rc && j < N_DAY_COLUMNS; j++)
            rc = cell_number(s, r, cols[q * N_DAY_COLUMNS + j],
                             field(&s->days[r * s->n_targets + q], day_columns[j].off), path, err);
    for (size_t j = 0; !rc && j < N_SHARE_COLUMNS; j++)
        rc = cell_number(s, r, scols[j], field(&s->share[r], share_columns[j].off), path, err);
    long reps;
    if (!rc && !s->has_def && creps >= 0 && report_rep(s->table.rows[r][creps], &reps))
        rc = sim_errorf(err, SIM_EINPUT, path, (long)r + 2,
                        "column reps: '%.32s' is not a number of replications (1 to %d)",
                        s->table.rows[r][creps], SCN_MAX_REPS);
    else if (!rc && !s->has_def && creps >= 0 && reps > s->reps)
        s->reps = reps;
    return rc;
}

static int read_numbers(report_sweep *s, const char *path, sim_err *err)
{
    const report_table *t = &s->table;
    size_t nrow = t->nrow, nt = s->n_targets;
    s->days = sim_xmalloc(n1(nrow * nt) * sizeof *s->days);
    s->share = sim_xmalloc(n1(nrow) * sizeof *s->share);
    int *cols = sim_xmalloc(n1(nt * N_DAY_COLUMNS) * sizeof *cols), scols[N_SHARE_COLUMNS];
    for (size_t q = 0; q < nt; q++)
        for (size_t j = 0; j < N_DAY_COLUMNS; j++)
            cols[q * N_DAY_COLUMNS + j] =
                column_of(t, sweep_target_prefix[day_columns[j].id], s->targets[q],
                          sweep_target_suffix[day_columns[j].id]);
    for (size_t j = 0; j < N_SHARE_COLUMNS; j++) {
        scols[j] = column(t, sweep_share_names[share_columns[j].id]);
        s->has_shares |= scols[j] >= 0;
    }
    int rc = 0, creps = column(t, SWEEP_COL_REPS);
    for (size_t r = 0; !rc && r < nrow; r++)
        rc = read_row(s, r, cols, scols, creps, path, err);
    free(cols);
    return rc;
}

/* The heat map's target: the first target (in column order) any row reached. */
static long heat_target(const report_sweep *s)
{
    for (size_t q = 0; q < s->n_targets; q++)
        for (size_t r = 0; r < s->table.nrow; r++)
            if (!isnan(report_sweep_days(s, r, q)->p50))
                return (long)q;
    return -1;
}

int report_read_sweep(const char *dir, report_sweep *s, sim_err *err)
{
    memset(s, 0, sizeof *s);
    s->heat_target = -1;
    char *path = out_join(dir, "sweep.csv");
    int cpoint, cacc;
    int rc = read_csv(path, s, &cpoint, &cacc, err);
    if (!rc) {
        read_axes(dir, s, cpoint, cacc);
        index_rows(s, cpoint, cacc);
        find_targets(s);
        rc = read_numbers(s, path, err);
    }
    if (!rc)
        report_read_sweep_outcomes(dir, s, cpoint, cacc);
    if (!rc)
        s->heat_target = heat_target(s);
    free(path);
    if (rc)
        report_sweep_free(s);
    return rc;
}

const report_days *report_sweep_days(const report_sweep *s, size_t r, size_t q)
{
    return &s->days[r * s->n_targets + q];
}
