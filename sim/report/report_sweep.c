/* report_sweep.c: the report of a sweep folder. Reads sweep.csv (one row per
 * point and account) and sweep.ini (the keys and their values in sweep order),
 * decides how each key is drawn (a numeric axis when its values are numbers
 * with one common unit, else categories in sweep order), and writes what the
 * sweep scripts draw: data/sweep.gp (keys, values, series, scales),
 * data/sweep-key-K.dat (per series: days to each target and the shares paused
 * and reviewed against key K) and data/sweep-heat.dat (two keys: the median
 * days to the first target reached, per cell). Also the plots' captions. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvtext.h"
#include "report.h"
#include "study/sweep_def.h"

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = sim_xmalloc(n);
    snprintf(s, n, "%s/%s", dir, name);
    return s;
}

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
    /* a log scale for positive values spanning ten-fold or more that are spaced
     * more evenly in their logarithms than in themselves (10k:1M:5:log) */
    a->log = 0;
    if (a->numeric && a->n >= 3) {
        double *v = sim_xmalloc(a->n * sizeof *v);
        memcpy(v, a->x, a->n * sizeof *v);
        qsort(v, a->n, sizeof *v, cmp_double);
        if (v[0] > 0 && v[a->n - 1] >= 10 * v[0]) {
            double lin[2] = {INFINITY, 0}, lg[2] = {INFINITY, 0};
            for (size_t i = 1; i < a->n; i++) {
                double d = v[i] - v[i - 1], e = log(v[i] / v[i - 1]);
                lin[0] = d < lin[0] ? d : lin[0], lin[1] = d > lin[1] ? d : lin[1];
                lg[0] = e < lg[0] ? e : lg[0], lg[1] = e > lg[1] ? e : lg[1];
            }
            a->log = lg[1] / lg[0] < lin[1] / lin[0];
        }
        free(v);
    }
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
    memset(s, 0, sizeof *s);
    s->heat_target = -1;
}

static int column(const report_table *t, const char *name)
{
    return report_csv_column(t->ncol, t->head, name);
}

static int column_of(const report_table *t, const char *prefix, const char *mid, const char *suffix)
{
    size_t n = strlen(prefix) + strlen(mid) + strlen(suffix) + 1;
    char *name = sim_xmalloc(n);
    snprintf(name, n, "%s%s%s", prefix, mid, suffix);
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

/* The text of the guarded cells (csvtext.h): the keys' values and the account. */
static void unguard_text(report_sweep *s, int cacc)
{
    for (size_t r = 0; r < s->table.nrow; r++) {
        for (size_t k = 0; k < s->n_axes; k++)
            csvtext_unguard_cell(s->table.rows[r][s->axes[k].col]);
        csvtext_unguard_cell(s->table.rows[r][cacc]);
    }
}

int report_read_sweep(const char *dir, report_sweep *s, sim_err *err)
{
    memset(s, 0, sizeof *s);
    s->heat_target = -1;
    char *path = join(dir, "sweep.csv");
    int rc = report_read_table(path, REPORT_MAX_SWEEP_ROWS, &s->table, err);
    report_table *t = &s->table;
    if (!rc && t->total > t->nrow)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "more than %d rows: too many to report on",
                        REPORT_MAX_SWEEP_ROWS);
    int cpoint = rc ? -1 : column(t, "point"), cacc = rc ? -1 : column(t, "account");
    if (!rc && (cpoint < 0 || cacc <= cpoint))
        rc = sim_errorf(err, SIM_EINPUT, path, 1,
                        "no point and account columns: not a sweep.csv of sesim sweep");
    if (rc) {
        free(path);
        report_sweep_free(s);
        return rc;
    }

    /* sweep.ini: the values of each key in sweep order (sweep_tables.c reads it) */
    sweep_def d = {0};
    sim_err ignored;
    s->has_def = sweep_read_def(dir, &d, &ignored) == 0;
    if (s->has_def) {
        s->scenario = d.scenario_owned;
        d.scenario_owned = NULL;
        s->reps = d.reps;
    }

    s->n_axes = (size_t)(cacc - cpoint - 1);
    s->axes = sim_xcalloc(s->n_axes ? s->n_axes : 1, sizeof *s->axes);
    for (size_t k = 0; k < s->n_axes; k++) {
        report_axis *a = &s->axes[k];
        a->col = cpoint + 1 + (int)k;
        a->key = sim_xstrdup(csvtext_unguard(t->head[a->col]));
        for (size_t j = 0; s->has_def && j < d.n_axes; j++)
            if (d.axes[j].key && !strcmp(d.axes[j].key, a->key)) {
                for (size_t i = 0; i < d.axes[j].n; i++)
                    value_index(a, d.axes[j].values[i]);
                break;
            }
    }
    sweep_free_def(&d);

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

    /* the targets: days_to_T_p50 columns */
    for (size_t i = 0; i < t->ncol; i++) {
        const char *h = t->head[i];
        size_t n = strlen(h);
        if (n > 12 && !strncmp(h, "days_to_", 8) && !strcmp(h + n - 4, "_p50")) {
            s->targets = sim_xrealloc(s->targets, (s->n_targets + 1) * sizeof *s->targets);
            char *name = sim_xmalloc(n - 11);
            memcpy(name, h + 8, n - 12);
            name[n - 12] = 0;
            s->targets[s->n_targets++] = name;
        }
    }
    s->days = sim_xmalloc(n1(nrow * s->n_targets * RD_N) * sizeof *s->days);
    s->share = sim_xmalloc((nrow ? 2 * nrow : 1) * sizeof *s->share);
    int cps = column(t, "share_paused"), crs = column(t, "share_reviewed"), creps = column(t, "reps");
    s->has_shares = cps >= 0 || crs >= 0;
    s->has_p10 = s->n_targets > 0;
    for (size_t q = 0; q < s->n_targets; q++)
        if (column_of(t, "days_to_", s->targets[q], "_p10") < 0)
            s->has_p10 = 0;
    for (size_t r = 0; !rc && r < nrow; r++) {
        for (size_t q = 0; !rc && q < s->n_targets; q++) {
            double *v = &s->days[(r * s->n_targets + q) * RD_N];
            const char *T = s->targets[q];
            int cols[RD_N] = {column_of(t, "days_to_", T, "_p10"), column_of(t, "days_to_", T, "_p50"),
                              column_of(t, "days_to_", T, "_p90"), column_of(t, "reached_", T, "")};
            for (int j = 0; !rc && j < RD_N; j++)
                rc = cell_number(s, r, cols[j], &v[j], path, err);
        }
        if (!rc)
            rc = cell_number(s, r, cps, &s->share[2 * r], path, err);
        if (!rc)
            rc = cell_number(s, r, crs, &s->share[2 * r + 1], path, err);
        long reps;
        if (!rc && !s->has_def && creps >= 0 && report_rep(t->rows[r][creps], &reps))
            rc = sim_errorf(err, SIM_EINPUT, path, (long)r + 2,
                            "column reps: '%.32s' is not a number of replications (1 to %d)",
                            t->rows[r][creps], REPORT_MAX_REP);
        else if (!rc && !s->has_def && creps >= 0 && reps > s->reps)
            s->reps = reps;
    }
    /* the heat map's target: the first target (in column order) any row reached */
    if (!rc) {
        for (size_t q = 0; q < s->n_targets && s->heat_target < 0; q++)
            for (size_t r = 0; r < nrow; r++)
                if (!isnan(s->days[(r * s->n_targets + q) * RD_N + RD_P50])) {
                    s->heat_target = (long)q;
                    break;
                }
    }
    free(path);
    if (rc)
        report_sweep_free(s);
    return rc;
}

/* ---- series ---- */

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static size_t series_id(const report_sweep *s, size_t k, size_t r)
{
    size_t id = 0;
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k)
            id = id * s->axes[j].n + s->vi[r * s->n_axes + j];
    if (s->n_acc > 1)
        id = id * s->n_acc + s->acc[r];
    return id;
}

size_t *report_sweep_series(const report_sweep *s, size_t k, size_t *n_series)
{
    size_t n = s->table.nrow;
    size_t *ids = sim_xmalloc((n ? n : 1) * sizeof *ids);
    size_t *out = sim_xmalloc((n ? n : 1) * sizeof *out);
    for (size_t r = 0; r < n; r++)
        ids[r] = series_id(s, k, r);
    size_t *u = sim_xmalloc((n ? n : 1) * sizeof *u);
    memcpy(u, ids, n * sizeof *u);
    qsort(u, n, sizeof *u, cmp_size);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || u[m - 1] != u[i])
            u[m++] = u[i];
    for (size_t r = 0; r < n; r++)
        out[r] = (size_t *)bsearch(&ids[r], u, m, sizeof *u, cmp_size) - u;
    free(ids);
    free(u);
    *n_series = m;
    return out;
}

/* A key's short name: its last part (ramp_factor), unless another key ends
 * the same way. */
static const char *short_key(const report_sweep *s, size_t k)
{
    const char *key = s->axes[k].key, *dot = strrchr(key, '.');
    const char *tail = dot ? dot + 1 : key;
    for (size_t j = 0; j < s->n_axes; j++) {
        const char *o = s->axes[j].key, *od = strrchr(o, '.');
        if (j != k && !strcmp(od ? od + 1 : o, tail))
            return key;
    }
    return tail;
}

/* The legend title of the plots against key k: the other keys and "account". */
static void series_title(FILE *f, const report_sweep *s, size_t k)
{
    const char *sep = "";
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k) {
            fprintf(f, "%s%s", sep, short_key(s, j));
            sep = ", ";
        }
    if (s->n_acc > 1)
        fprintf(f, "%saccount", sep);
}

/* A series' label: the other keys' values of row r, and its account. */
static void series_label(FILE *f, const report_sweep *s, size_t k, size_t r)
{
    const char *sep = "";
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k) {
            fprintf(f, "%s%s", sep, s->table.rows[r][s->axes[j].col]);
            sep = ", ";
        }
    if (s->n_acc > 1)
        fprintf(f, "%s%s", sep, s->accounts[s->acc[r]]);
    else if (!*sep && s->n_acc)
        fprintf(f, "account %s", s->accounts[0]);
}

static char *label_string(const report_sweep *s, size_t k, size_t r, int title)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f)
        sim_oom(0);
    if (title)
        series_title(f, s, k);
    else
        series_label(f, s, k, r);
    fclose(f);
    return text;
}

/* Per series and value of key k: the row, or -1 (a point missing). */
static long *series_grid(const report_sweep *s, size_t k, const size_t *ser, size_t ns)
{
    size_t nv = s->axes[k].n;
    long *g = sim_xmalloc(n1(ns * nv) * sizeof *g);
    for (size_t i = 0; i < ns * nv; i++)
        g[i] = -1;
    for (size_t r = 0; r < s->table.nrow; r++) {
        long *cell = &g[ser[r] * nv + s->vi[r * s->n_axes + k]];
        if (*cell < 0)
            *cell = (long)r;
    }
    return g;
}

/* ---- data files ---- */

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                      "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"};
#define N_PALETTE (sizeof palette / sizeof palette[0])
/* filled and hollow marker of the same shape, one shape per account */
static const int point_full[] = {7, 5, 9, 11, 13}, point_open[] = {6, 4, 8, 10, 12};
#define N_SHAPES 5

static double nice_step(double ymax)
{
    if (!(ymax > 0))
        return 1;
    double raw = ymax / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

typedef struct yscale {
    double step, top, never, hi;
} yscale;

static double days_max(const report_sweep *s, size_t q)
{
    double m = -1;
    for (size_t r = 0; r < s->table.nrow; r++)
        for (int j = RD_P10; j <= RD_P90; j++) {
            double v = s->days[(r * s->n_targets + q) * RD_N + j];
            if (!isnan(v) && v > m)
                m = v;
        }
    return m;
}

/* A target's day axis: from 0 to its largest day, then the 'never' line. A
 * target nobody reached gets the scale of the largest day of any target. */
static yscale target_scale(const report_sweep *s, size_t q)
{
    double m = days_max(s, q);
    if (m < 0) {
        for (size_t o = 0; o < s->n_targets; o++) {
            double d = days_max(s, o);
            m = d > m ? d : m;
        }
        if (m < 0)
            m = 10;
    }
    yscale y;
    y.step = nice_step(m);
    y.top = ceil(m / y.step - 1e-9) * y.step;
    if (y.top < y.step)
        y.top = y.step;
    y.never = y.top + y.step;
    y.hi = y.never + 0.5 * y.step;
    return y;
}

/* Where key k's value i sits on the x axis with series j of ns drawn beside it. */
typedef struct xaxis {
    double lo, hi, width; /* range; dodge per series, in axis units (log units when log) */
} xaxis;

static xaxis x_axis(const report_axis *a, size_t ns)
{
    xaxis x = {0.5, a->n + 0.5, 0};
    double gap = 1;
    if (a->numeric) {
        double lo = INFINITY, hi = -INFINITY;
        gap = INFINITY;
        for (size_t i = 0; i < a->n; i++) {
            double v = a->log ? log(a->x[i]) : a->x[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            for (size_t j = 0; j < a->n; j++) {
                double w = a->log ? log(a->x[j]) : a->x[j];
                if (w > v && w - v < gap)
                    gap = w - v;
            }
        }
        if (!isfinite(gap))
            gap = lo != 0 ? fabs(lo) * 0.2 : 1;
        double span = hi - lo;
        double pad = span > 0 ? span * 0.05 + gap * 0.3 : gap;
        x.lo = lo - pad;
        x.hi = hi + pad;
        if (a->log) {
            x.lo = exp(x.lo);
            x.hi = exp(x.hi);
        }
    }
    double w = ns > 1 ? 0.5 / ns : 0;
    x.width = (w < 0.1 ? w : 0.1) * gap;
    return x;
}

static double x_at(const report_axis *a, const xaxis *x, size_t i, size_t j, size_t ns)
{
    double off = ((double)j - (ns - 1) / 2.0) * x->width;
    if (a->log)
        return exp(log(a->x[i]) + off);
    return a->x[i] + off;
}

static int write_key_data(const char *stage, const report_sweep *s, size_t k, const yscale *ys,
                          size_t *n_drawn, sim_err *err)
{
    char name[64];
    snprintf(name, sizeof name, "data/sweep-key-%zu.dat", k + 1);
    FILE *f = report_open_data(stage, name, err);
    if (!f)
        return SIM_ERUNTIME;
    const report_axis *a = &s->axes[k];
    size_t ns;
    size_t *ser = report_sweep_series(s, k, &ns);
    size_t nd = ns < REPORT_MAX_SERIES ? ns : REPORT_MAX_SERIES;
    long *g = series_grid(s, k, ser, ns);
    xaxis x = x_axis(a, nd);
    fprintf(f, "# %s: one block per series (the other keys' values, the account); columns:\n"
               "# x (dodged), value index, then per target: y, low, high, never (the median\n"
               "# never reached it: y is the 'never' line), then share paused, share reviewed (%%)\n",
            a->key);
    for (size_t j = 0; j < nd; j++) {
        if (j)
            fputs("\n\n", f);
        for (size_t i = 0; i < a->n; i++) {
            long r = g[j * a->n + i];
            if (r < 0)
                continue;
            fprintf(f, "%.10g %zu", x_at(a, &x, i, j, nd), i + 1);
            for (size_t q = 0; q < s->n_targets; q++) {
                const double *v = &s->days[((size_t)r * s->n_targets + q) * RD_N];
                double y, lo, hi;
                int never = isnan(v[RD_P50]);
                if (!never) {
                    y = v[RD_P50];
                    lo = s->has_p10 && !isnan(v[RD_P10]) ? v[RD_P10] : y;
                    hi = isnan(v[RD_P90]) ? ys[q].never : v[RD_P90];
                } else {
                    y = hi = ys[q].never;
                    lo = s->has_p10 && !isnan(v[RD_P10]) ? v[RD_P10] : y;
                }
                fprintf(f, " %.10g %.10g %.10g %d", y, lo, hi, never);
            }
            double p = s->share[2 * r], rv = s->share[2 * r + 1];
            fprintf(f, " %.10g %.10g\n", isnan(p) ? -1 : 100 * p, isnan(rv) ? -1 : 100 * rv);
        }
    }
    free(g);
    free(ser);
    *n_drawn = nd;
    return report_close_data(f, name, err);
}

static void gp_num_array(FILE *f, const char *name, size_t n, const double *v)
{
    fprintf(f, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%.10g", i ? ", " : "", v[i]);
    fputs(n ? "]\n" : "0]\n", f);
}

static void gp_str_array(FILE *f, const char *name, size_t n, char *const *v)
{
    fprintf(f, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        report_gp_string(f, v[i]);
    }
    fputs(n ? "]\n" : "'']\n", f);
}

/* The x-axis label: the key, its unit, and how its values are placed. */
static char *axis_label(const report_axis *a)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f)
        sim_oom(0);
    fputs(a->key, f);
    if (a->numeric && a->unit[0])
        fprintf(f, ", in %s", a->unit);
    fputs(a->numeric ? (a->log ? " (numeric axis, log scale)" : " (numeric axis)")
                     : " (categories, in sweep order)", f);
    fclose(f);
    return text;
}

static int write_heat(const char *stage, const report_sweep *s, double *cb, size_t *n_panels,
                      sim_err *err)
{
    FILE *f = report_open_data(stage, "data/sweep-heat.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    size_t q = s->heat_target >= 0 ? (size_t)s->heat_target : 0;
    size_t np = s->n_acc < REPORT_MAX_HEAT_ACCOUNTS ? s->n_acc : REPORT_MAX_HEAT_ACCOUNTS;
    cb[0] = INFINITY, cb[1] = -INFINITY;
    fprintf(f, "# days to %s: one block per account; columns: index of %s, index of %s,\n"
               "# p50 (0 when never), never (1: the median never reached it), share reached\n",
            s->n_targets ? s->targets[q] : "-", s->axes[0].key, s->axes[1].key);
    for (size_t p = 0; p < np; p++) {
        if (p)
            fputs("\n\n", f);
        for (size_t r = 0; r < s->table.nrow; r++) {
            if (s->acc[r] != p)
                continue;
            const double *v = &s->days[(r * s->n_targets + q) * RD_N];
            int never = isnan(v[RD_P50]);
            fprintf(f, "%zu %zu %.10g %d %.10g\n", s->vi[r * 2] + 1, s->vi[r * 2 + 1] + 1,
                    never ? 0 : v[RD_P50], never, isnan(v[RD_REACHED]) ? -1 : v[RD_REACHED]);
            if (!never) {
                cb[0] = v[RD_P50] < cb[0] ? v[RD_P50] : cb[0];
                cb[1] = v[RD_P50] > cb[1] ? v[RD_P50] : cb[1];
            }
        }
    }
    if (!isfinite(cb[0]))
        cb[0] = 0, cb[1] = 1;
    else if (cb[1] - cb[0] < 1)
        cb[0] = cb[0] >= 0.5 ? cb[0] - 0.5 : 0, cb[1] = cb[0] + 1;
    *n_panels = np;
    return report_close_data(f, "data/sweep-heat.dat", err);
}

int report_write_sweep_data(const char *stage, const report_sweep *s, int format, sim_err *err)
{
    size_t nk = s->n_axes < REPORT_MAX_SWEEP_KEYS ? s->n_axes : REPORT_MAX_SWEEP_KEYS;
    size_t nt = s->n_targets;
    yscale *ys = sim_xmalloc((nt ? nt : 1) * sizeof *ys);
    for (size_t q = 0; q < nt; q++)
        ys[q] = target_scale(s, q);
    int rc = 0;
    size_t *drawn = sim_xcalloc(nk ? nk : 1, sizeof *drawn);
    for (size_t k = 0; !rc && k < nk; k++)
        rc = write_key_data(stage, s, k, ys, &drawn[k], err);
    double cb[2] = {0, 1};
    size_t heat_panels = 0;
    if (!rc && s->n_axes == 2 && nt)
        rc = write_heat(stage, s, cb, &heat_panels, err);
    FILE *f = rc ? NULL : report_open_data(stage, "data/sweep.gp", err);
    if (!rc && !f)
        rc = SIM_ERUNTIME;
    if (rc) {
        free(ys);
        free(drawn);
        return rc;
    }
    fputs("# sweep.gp: written by sesim report; the report-sweep-*.gp scripts read these.\n"
          "# Re-draw a plot: cd into the report folder, then\n"
          "#   gnuplot -d -e 'k = 1' data/sweep.gp SCRIPTS/report-common.gp "
          "SCRIPTS/report-sweep-days.gp\n", f);
    fprintf(f, "fmt = '%s'\n", format == REPORT_SVG ? "svg" : "png");
    fprintf(f, "reps = %ld\nn_acc = %zu\nn_keys = %zu\nn_targets = %zu\n", s->reps, s->n_acc, nk, nt);

    /* keys: names, labels, ranges, tics; values flat, key k from val_off[k] + 1 */
    char **names = sim_xmalloc((nk ? nk : 1) * sizeof *names);
    char **labels = sim_xmalloc((nk ? nk : 1) * sizeof *labels);
    char **titles = sim_xmalloc((nk ? nk : 1) * sizeof *titles);
    char **tic_fmt = sim_xmalloc((nk ? nk : 1) * sizeof *tic_fmt);
    double *num = sim_xmalloc((nk ? nk : 1) * 8 * sizeof *num);
    size_t total_vals = 0, total_ser = 0;
    for (size_t k = 0; k < nk; k++) {
        const report_axis *a = &s->axes[k];
        xaxis x = x_axis(a, drawn[k]);
        names[k] = a->key;
        labels[k] = axis_label(a);
        titles[k] = label_string(s, k, 0, 1);
        /* a unit's % must be %% in a gnuplot format */
        size_t n = 0;
        tic_fmt[k] = sim_xmalloc(2 * sizeof a->unit + 4);
        tic_fmt[k][n++] = '%', tic_fmt[k][n++] = 'g';
        for (const char *u = a->unit; *u; u++) {
            if (*u == '%')
                tic_fmt[k][n++] = '%';
            tic_fmt[k][n++] = *u;
        }
        tic_fmt[k][n] = 0;
        double *v = &num[k * 8];
        v[0] = !a->numeric;               /* key_cat */
        v[1] = a->log;                    /* key_log */
        v[2] = x.lo, v[3] = x.hi;         /* key_xlo, key_xhi */
        v[4] = (double)a->n;              /* key_nval */
        v[5] = (double)total_vals;        /* key_val_off */
        /* tics at every value, with its text, unless they would crowd */
        v[6] = !a->numeric || a->n <= 12;
        v[7] = (double)total_ser;         /* key_ser_off */
        total_vals += a->n;
        total_ser += drawn[k];
    }
    gp_str_array(f, "key_name", nk, names);
    gp_str_array(f, "key_label", nk, labels);
    gp_str_array(f, "key_title", nk, titles);
    gp_str_array(f, "key_ticfmt", nk, tic_fmt);
    static const char *const num_names[8] = {"key_cat", "key_log", "key_xlo", "key_xhi", "key_nval",
                                             "key_val_off", "key_tics_at_values", "key_ser_off"};
    double *col = sim_xmalloc((nk ? nk : 1) * sizeof *col);
    for (int j = 0; j < 8; j++) {
        for (size_t k = 0; k < nk; k++)
            col[k] = num[k * 8 + j];
        gp_num_array(f, num_names[j], nk, col);
    }
    free(col);
    fprintf(f, "array key_nser[%zu] = [", nk ? nk : 1);
    for (size_t k = 0; k < nk; k++)
        fprintf(f, "%s%zu", k ? ", " : "", drawn[k]);
    fputs(nk ? "]\n" : "0]\n", f);

    /* the values: texts and positions; a category's position is its index */
    char **vt = sim_xmalloc((total_vals ? total_vals : 1) * sizeof *vt);
    double *vx = sim_xmalloc((total_vals ? total_vals : 1) * sizeof *vx);
    for (size_t k = 0, o = 0; k < nk; k++)
        for (size_t i = 0; i < s->axes[k].n; i++, o++) {
            vt[o] = s->axes[k].values[i];
            vx[o] = s->axes[k].x[i];
        }
    gp_str_array(f, "val_text", total_vals, vt);
    /* as tic labels, which gnuplot reads as formats: % doubled */
    for (size_t o = 0; o < total_vals; o++) {
        size_t n = 0;
        char *d = sim_xmalloc(2 * strlen(vt[o]) + 1);
        for (const char *c = vt[o]; *c; c++) {
            if (*c == '%')
                d[n++] = '%';
            d[n++] = *c;
        }
        d[n] = 0;
        vt[o] = d;
    }
    gp_str_array(f, "val_tic", total_vals, vt);
    for (size_t o = 0; o < total_vals; o++)
        free(vt[o]);
    gp_num_array(f, "val_x", total_vals, vx);
    free(vt);
    free(vx);

    /* the series of each key's plots: label, colour, marker */
    char **sl = sim_xmalloc((total_ser ? total_ser : 1) * sizeof *sl);
    char **sc = sim_xmalloc((total_ser ? total_ser : 1) * sizeof *sc);
    double *spf = sim_xmalloc((total_ser ? total_ser : 1) * sizeof *spf);
    double *spo = sim_xmalloc((total_ser ? total_ser : 1) * sizeof *spo);
    for (size_t k = 0, o = 0; k < nk; k++) {
        size_t ns;
        size_t *ser = report_sweep_series(s, k, &ns);
        size_t per_acc = s->n_acc > 1 ? s->n_acc : 1;
        for (size_t j = 0; j < drawn[k]; j++, o++) {
            size_t r = 0;
            while (ser[r] != j)
                r++;
            sl[o] = label_string(s, k, r, 0);
            /* one colour per combination of the other keys, one marker shape per account */
            size_t combo = j / per_acc, acc = s->n_acc > 1 ? s->acc[r] : 0;
            int other_keys = s->n_axes > 1;
            sc[o] = (char *)palette[(other_keys ? combo : acc) % N_PALETTE];
            spf[o] = point_full[acc % N_SHAPES];
            spo[o] = point_open[acc % N_SHAPES];
        }
        free(ser);
    }
    gp_str_array(f, "ser_label", total_ser, sl);
    gp_str_array(f, "ser_color", total_ser, sc);
    gp_num_array(f, "ser_pt", total_ser, spf);
    gp_num_array(f, "ser_pt_never", total_ser, spo);
    for (size_t i = 0; i < total_ser; i++)
        free(sl[i]);
    free(sl);
    free(sc);
    free(spf);
    free(spo);

    /* targets and their day scales */
    gp_str_array(f, "target_name", nt, s->targets);
    double *tv = sim_xmalloc((nt ? nt : 1) * sizeof *tv);
    static const char *const scale_names[4] = {"t_step", "t_top", "t_never", "t_yhi"};
    for (int j = 0; j < 4; j++) {
        for (size_t q = 0; q < nt; q++)
            tv[q] = j == 0 ? ys[q].step : j == 1 ? ys[q].top : j == 2 ? ys[q].never : ys[q].hi;
        gp_num_array(f, scale_names[j], nt, tv);
    }
    free(tv);

    /* the heat map */
    fprintf(f, "has_heat = %d\n", s->n_axes == 2 && nt > 0);
    fprintf(f, "heat_panels = %zu\n", heat_panels);
    fputs("heat_target = ", f);
    report_gp_string(f, nt ? s->targets[s->heat_target >= 0 ? s->heat_target : 0] : "");
    fprintf(f, "\nheat_reached = %d\nheat_cbmin = %.10g\nheat_cbmax = %.10g\n",
            s->heat_target >= 0, cb[0], cb[1]);
    gp_str_array(f, "acc_name", s->n_acc, s->accounts);

    for (size_t k = 0; k < nk; k++) {
        free(labels[k]);
        free(titles[k]);
        free(tic_fmt[k]);
    }
    free(names);
    free(labels);
    free(titles);
    free(tic_fmt);
    free(num);
    free(ys);
    free(drawn);
    return report_close_data(f, "data/sweep.gp", err);
}

/* ---- captions ---- */

static FILE *cap_open(char **text, size_t *n)
{
    *text = NULL;
    *n = 0;
    FILE *f = open_memstream(text, n);
    if (!f)
        sim_oom(0);
    return f;
}

static void esc(FILE *f, const char *s) { report_html_escape(f, s); }

static void key_code(FILE *f, const report_sweep *s, size_t k)
{
    fputs("<code>", f);
    esc(f, s->axes[k].key);
    fputs("</code>", f);
}

/* How many of the values present are in the set (flags per value). */
static size_t count_in(const report_axis *a, const int *in, const int *present)
{
    size_t c = 0;
    for (size_t i = 0; i < a->n; i++)
        c += present[i] && in[i];
    return c;
}

/* Which values of a key a set (flags per value, only values present) holds:
 * "at every value", "from X on" (a run to the last value present), "up to X"
 * (a run from the first), or a list. */
static void describe_values(FILE *f, const report_axis *a, const int *in, const int *present)
{
    size_t first = SIZE_MAX, count = 0, n_present = 0;
    for (size_t i = 0; i < a->n; i++) {
        n_present += present[i] != 0;
        if (present[i] && in[i]) {
            count++;
            if (first == SIZE_MAX)
                first = i;
        }
    }
    if (!count) {
        fputs("at no value", f);
        return;
    }
    if (count == n_present) {
        fputs("at every value", f);
        return;
    }
    int run = 1;
    for (size_t i = first; i < a->n; i++)
        if (present[i] && !in[i])
            run = 0;
    if (run) {
        fputs("from <b>", f);
        esc(f, a->values[first]);
        fputs("</b> on", f);
        return;
    }
    size_t last = 0, prefix = 1; /* a run from the first value present */
    for (size_t i = 0; i < a->n; i++)
        if (present[i] && in[i])
            last = i;
    for (size_t i = 0; i < last; i++)
        if (present[i] && !in[i])
            prefix = 0;
    if (prefix && count > 1) {
        fputs("up to <b>", f);
        esc(f, a->values[last]);
        fputs("</b>", f);
        return;
    }
    fputs("at ", f);
    size_t shown = 0;
    for (size_t i = 0; i < a->n; i++)
        if (present[i] && in[i]) {
            if (shown == 8) {
                fputs(", &hellip;", f);
                break;
            }
            fputs(shown++ ? ", " : "", f);
            esc(f, a->values[i]);
        }
}

static void axis_kind(FILE *f, const report_axis *a)
{
    if (a->numeric) {
        fputs("its values placed on a numeric axis", f);
        if (a->unit[0]) {
            fputs(" in ", f);
            esc(f, a->unit);
        }
        if (a->log)
            fputs(", log scale", f);
    } else {
        fputs("its values as categories in the order of the sweep", f);
    }
}

static void other_colours(FILE *f, const report_sweep *s, size_t k)
{
    if (s->n_axes > 1) {
        fputs("; one colour per value of ", f);
        const char *sep = "";
        for (size_t j = 0; j < s->n_axes; j++)
            if (j != k) {
                fputs(sep, f);
                key_code(f, s, j);
                sep = s->n_axes > 2 ? ", " : "";
            }
        if (s->n_axes > 2)
            fputs(" (their combinations)", f);
    }
    if (s->n_acc > 1)
        fputs(s->n_axes > 1 ? ", one marker shape per account" : "; one colour per account", f);
}

static void series_name_html(FILE *f, const report_sweep *s, size_t k, size_t r, size_t ns)
{
    if (ns <= 1)
        return;
    char *t = label_string(s, k, 0, 1), *l = label_string(s, k, r, 0);
    fputs("<b>", f);
    esc(f, t);
    fputs(" = ", f);
    esc(f, l);
    fputs("</b>: ", f);
    free(t);
    free(l);
}

#define MAX_FACT_SERIES 8

/* A series' median days: "9 days" when they do not change, else from the first
 * value of the key that reached the target to the last one ("9 days at 1.2 to
 * 3 days at 2"), with the range when it goes beyond those two. */
static void median_range(FILE *f, const report_sweep *s, size_t k, size_t q, const long *g,
                         size_t j, size_t first, size_t last, double lo, double hi)
{
    const report_axis *a = &s->axes[k];
    if (lo == hi) {
        fprintf(f, "%.3g days", lo);
        return;
    }
    double d0 = s->days[((size_t)g[j * a->n + first] * s->n_targets + q) * RD_N + RD_P50];
    double d1 = s->days[((size_t)g[j * a->n + last] * s->n_targets + q) * RD_N + RD_P50];
    fprintf(f, "%.3g days at ", d0);
    esc(f, a->values[first]);
    fprintf(f, " to %.3g at ", d1);
    esc(f, a->values[last]);
    double m0 = d0 < d1 ? d0 : d1, m1 = d0 < d1 ? d1 : d0;
    if (lo < m0 && hi > m1)
        fprintf(f, " (%.3g to %.3g in between)", lo, hi);
    else if (hi > m1)
        fprintf(f, " (up to %.3g in between)", hi);
    else if (lo < m0)
        fprintf(f, " (down to %.3g in between)", lo);
}

char *report_sweep_caption_days(const report_sweep *s, size_t k)
{
    char *text;
    size_t n;
    FILE *f = cap_open(&text, &n);
    const report_axis *a = &s->axes[k];
    fputs("<p>One panel per target of the scenario (<code>sim.targets</code>): the days from the "
          "start until the daily quota (max24h) first reached it, against ", f);
    key_code(f, s, k);
    fputs(" (", f);
    axis_kind(f, a);
    fprintf(f, "). The filled marker is the median of the %ld replications of each point, the "
               "bar runs from their 10th to their 90th percentile", s->reps);
    other_colours(f, s, k);
    fputs(". A hollow marker on the dotted line <i>never</i>: the median replication did not "
          "reach the target within the run; a bar that runs up to that line: at least one "
          "replication in ten did not. <b>Look for</b> the value of ", f);
    key_code(f, s, k);
    fputs(" from which the markers sit on the <i>never</i> line: from there on the ramp stops "
          "short of the target. A flat line means the key hardly matters for that target; "
          "long bars mean chance matters as much as the key.</p>", f);
    if (s->has_pol) {
        static const char *const named[] = {"policy.ramp_bounce_max", "policy.ramp_complaint_max",
                                            "policy.bounce_review", "policy.bounce_pause",
                                            "policy.preset"};
        int varied = 0;
        for (size_t j = 0; j < s->n_axes; j++)
            for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
                varied |= !strcmp(s->axes[j].key, named[i]);
        fprintf(f, "<p>The automatic ramp raises the quota only while the bounce rate is below "
                   "<code>policy.ramp_bounce_max</code> (%.3g%%) and the complaint rate below "
                   "<code>policy.ramp_complaint_max</code> (%.3g%%); a review starts at a bounce "
                   "rate of %.3g%% and a pause at %.3g%%%s. Compare "
                   "<code>mean_peak_bounce_rate</code> in the results below.</p>",
                100 * s->pol.ramp_bounce_max, 100 * s->pol.ramp_complaint_max,
                100 * s->pol.bounce_review, 100 * s->pol.bounce_pause,
                varied ? " (the values of the first point: this sweep varies them)" : "");
    }
    fputs("<ul>", f);
    size_t ns;
    size_t *ser = report_sweep_series(s, k, &ns);
    long *g = series_grid(s, k, ser, ns);
    int *in = sim_xmalloc(n1(a->n) * sizeof *in);
    int *present = sim_xmalloc(n1(a->n) * sizeof *present);
    size_t nf = ns < MAX_FACT_SERIES ? ns : MAX_FACT_SERIES;
    char **never = sim_xcalloc(n1(nf), sizeof *never); /* per series: where never reached */
    double *lo = sim_xmalloc(n1(nf) * sizeof *lo), *hi = sim_xmalloc(n1(nf) * sizeof *hi);
    long *any = sim_xmalloc(n1(nf) * sizeof *any);
    size_t *first = sim_xmalloc(n1(nf) * sizeof *first), *last = sim_xmalloc(n1(nf) * sizeof *last);
    for (size_t q = 0; q < s->n_targets; q++) {
        int same = 1;
        for (size_t j = 0; j < nf; j++) {
            lo[j] = INFINITY, hi[j] = -INFINITY, any[j] = -1;
            for (size_t i = 0; i < a->n; i++) {
                long r = g[j * a->n + i];
                present[i] = r >= 0;
                in[i] = 0;
                if (r < 0)
                    continue;
                any[j] = r;
                double p50 = s->days[((size_t)r * s->n_targets + q) * RD_N + RD_P50];
                if (isnan(p50))
                    in[i] = 1;
                else {
                    if (!isfinite(lo[j]))
                        first[j] = i;
                    last[j] = i;
                    lo[j] = p50 < lo[j] ? p50 : lo[j];
                    hi[j] = p50 > hi[j] ? p50 : hi[j];
                }
            }
            size_t len;
            FILE *m = cap_open(&never[j], &len);
            if (!isfinite(lo[j]))
                fputs("never reached", m);
            else if (count_in(a, in, present)) {
                fputs("never reached ", m);
                describe_values(m, a, in, present);
            }
            fclose(m);
            same &= !strcmp(never[j], never[0]);
        }
        fputs("<li><b>", f);
        esc(f, s->targets[q]);
        fputs("</b>: ", f);
        if (nf > 1 && same && ns == nf) { /* one statement, then the medians per series */
            char *title = label_string(s, k, 0, 1);
            if (*never[0]) {
                fputs(never[0], f);
                fputs(", whatever ", f);
                esc(f, title);
            }
            const char *sep = *never[0] ? "; median " : "median ";
            for (size_t j = 0; j < nf; j++) {
                if (any[j] < 0 || !isfinite(lo[j]))
                    continue;
                fputs(sep, f);
                sep = ", ";
                median_range(f, s, k, q, g, j, first[j], last[j], lo[j], hi[j]);
                char *l = label_string(s, k, (size_t)any[j], 0);
                fputs(" at ", f);
                esc(f, title);
                fputs(" = ", f);
                esc(f, l);
                free(l);
            }
            free(title);
        } else {
            for (size_t j = 0; j < nf; j++) {
                if (any[j] < 0)
                    continue;
                fputs(j ? "; " : "", f);
                series_name_html(f, s, k, (size_t)any[j], ns);
                if (isfinite(lo[j])) {
                    fputs("median ", f);
                    median_range(f, s, k, q, g, j, first[j], last[j], lo[j], hi[j]);
                    fputs(*never[j] ? ", " : "", f);
                }
                fputs(never[j], f);
            }
            if (ns > nf)
                fprintf(f, "; &hellip; (%zu more in sweep.csv)", ns - nf);
        }
        fputs(".</li>", f);
        for (size_t j = 0; j < nf; j++) {
            free(never[j]);
            never[j] = NULL;
        }
    }
    free(never);
    free(lo);
    free(hi);
    free(any);
    free(first);
    free(last);
    fputs("</ul>", f);
    if (ns > REPORT_MAX_SERIES)
        fprintf(f, "<p>The plot draws the first %d of %zu series; all are in sweep.csv.</p>",
                REPORT_MAX_SERIES, ns);
    free(in);
    free(present);
    free(g);
    free(ser);
    fclose(f);
    return text;
}

char *report_sweep_caption_shares(const report_sweep *s, size_t k)
{
    char *text;
    size_t n;
    FILE *f = cap_open(&text, &n);
    const report_axis *a = &s->axes[k];
    fprintf(f, "<p>Of the %ld replications of each point: the share that was paused at least "
               "once (top; <code>days_paused</code> &gt; 0) and the share that was reviewed at "
               "least once (bottom; <code>days_under_review</code> &gt; 0), in %%, against ",
            s->reps);
    key_code(f, s, k);
    fputs(" (", f);
    axis_kind(f, a);
    fputs(")", f);
    other_colours(f, s, k);
    fputs(". <b>Look for</b> where pauses start: the first value of ", f);
    key_code(f, s, k);
    fputs(" with a share above 0%; at 100% every replication was paused. Reviews come first (a "
          "review ends healthy or paused), so the bottom panel shows where trouble begins "
          "before it costs a pause. A pause can end a ramp early, or (with "
          "<code>on_pause = fix</code>) clean the list and let it go on later.</p><ul>", f);
    size_t ns;
    size_t *ser = report_sweep_series(s, k, &ns);
    long *g = series_grid(s, k, ser, ns);
    int *in = sim_xmalloc((a->n ? a->n : 1) * sizeof *in);
    int *present = sim_xmalloc((a->n ? a->n : 1) * sizeof *present);
    for (size_t j = 0; j < ns && j < MAX_FACT_SERIES; j++) {
        long any = -1;
        for (size_t i = 0; i < a->n; i++)
            if (g[j * a->n + i] >= 0)
                any = g[j * a->n + i];
        if (any < 0)
            continue;
        fputs("<li>", f);
        series_name_html(f, s, k, (size_t)any, ns);
        for (int w = 0; w < 2; w++) {
            double top = 0;
            for (size_t i = 0; i < a->n; i++) {
                long r = g[j * a->n + i];
                present[i] = r >= 0 && !isnan(s->share[2 * r + w]);
                in[i] = present[i] && s->share[2 * r + w] > 0;
                if (in[i] && s->share[2 * r + w] > top)
                    top = s->share[2 * r + w];
            }
            if (!count_in(a, in, present)) {
                fputs(w ? "; no reviews" : "no pauses", f);
                continue;
            }
            fputs(w ? "; reviews " : "pauses ", f);
            describe_values(f, a, in, present);
            if (top > 0)
                fprintf(f, " (up to %.3g%% of replications)", 100 * top);
        }
        fputs(".</li>", f);
    }
    if (ns > MAX_FACT_SERIES)
        fprintf(f, "<li>&hellip; %zu more series in sweep.csv.</li>", ns - MAX_FACT_SERIES);
    fputs("</ul>", f);
    free(in);
    free(present);
    free(g);
    free(ser);
    fclose(f);
    return text;
}

char *report_sweep_caption_heat(const report_sweep *s)
{
    char *text;
    size_t n;
    FILE *f = cap_open(&text, &n);
    size_t q = s->heat_target >= 0 ? (size_t)s->heat_target : 0;
    fputs("<p>The median number of days until the daily quota reached <b>", f);
    esc(f, s->targets[q]);
    fputs("</b>", f);
    fputs(s->heat_target >= 0 ? " (the first target of <code>sim.targets</code> that some point "
                                "reached)"
                              : " (no point reached any target: every cell is <i>never</i>)", f);
    fputs(" for every combination of ", f);
    key_code(f, s, 0);
    fputs(" (across) and ", f);
    key_code(f, s, 1);
    fputs(" (up), both as categories in the order of the sweep", f);
    if (s->n_acc > 1)
        fputs("; one panel per account", f);
    fputs(". Light cells are fast, dark cells slow. Grey cells marked <i>never</i>: the median "
          "replication did not reach the target within the run. A percentage in a cell is the "
          "share of replications that reached it, where not all did. <b>Look for</b> the border "
          "between coloured and grey cells: the combinations beyond it stop the ramp; along a "
          "row or a column, how much one key changes the days.</p><ul>", f);
    size_t np = s->n_acc < REPORT_MAX_HEAT_ACCOUNTS ? s->n_acc : REPORT_MAX_HEAT_ACCOUNTS;
    for (size_t p = 0; p < np; p++) {
        long fast = -1, slow = -1;
        size_t cells = 0, never = 0;
        for (size_t r = 0; r < s->table.nrow; r++) {
            if (s->acc[r] != p)
                continue;
            cells++;
            double v = s->days[(r * s->n_targets + q) * RD_N + RD_P50];
            if (isnan(v)) {
                never++;
                continue;
            }
            if (fast < 0 || v < s->days[((size_t)fast * s->n_targets + q) * RD_N + RD_P50])
                fast = (long)r;
            if (slow < 0 || v > s->days[((size_t)slow * s->n_targets + q) * RD_N + RD_P50])
                slow = (long)r;
        }
        fputs("<li>", f);
        if (s->n_acc > 1) {
            fputs("<b>", f);
            esc(f, s->accounts[p]);
            fputs("</b>: ", f);
        }
        for (int w = 0; w < 2 && fast >= 0; w++) {
            size_t r = (size_t)(w ? slow : fast);
            if (w && slow == fast)
                break;
            fprintf(f, "%s %.3g days at ", w ? "; slowest" : "fastest",
                    s->days[(r * s->n_targets + q) * RD_N + RD_P50]);
            for (size_t k = 0; k < 2; k++) {
                fputs(k ? ", " : "", f);
                esc(f, short_key(s, k));
                fputs(" = ", f);
                esc(f, s->table.rows[r][s->axes[k].col]);
            }
        }
        fprintf(f, "%snever in %zu of %zu cells.</li>", fast >= 0 ? "; " : "", never, cells);
    }
    if (s->n_acc > np)
        fprintf(f, "<li>The map shows the first %zu of %zu accounts; all are in sweep.csv.</li>",
                np, s->n_acc);
    fputs("</ul>", f);
    fclose(f);
    return text;
}
