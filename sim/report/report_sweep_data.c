/* report_sweep_data.c: what the sweep scripts draw: data/sweep.gp (keys,
 * values, series, scales), data/sweep-key-K.dat (per series: days to each
 * target and the shares paused and reviewed against key K) and
 * data/sweep-heat.dat (two keys: the median days to the first target reached,
 * per cell). The arrays of sweep.gp are written from structs, one array per
 * field, by the column tables beside them. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* n, or 1 for an allocation of nothing */
static size_t n1(size_t n) { return n ? n : 1; }

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                      "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"};
#define N_PALETTE (sizeof palette / sizeof palette[0])
/* filled and hollow marker of the same shape, one shape per account */
static const int point_full[] = {7, 5, 9, 11, 13}, point_open[] = {6, 4, 8, 10, 12};
#define N_SHAPES 5

/* ---- scales ---- */

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

/* The largest day of target q in any row's percentiles, or -1. */
static double days_max(const report_sweep *s, size_t q)
{
    double m = -1;
    for (size_t r = 0; r < s->table.nrow; r++) {
        const report_days *d = report_sweep_days(s, r, q);
        double v[] = {d->p10, d->p50, d->p90};
        for (size_t j = 0; j < 3; j++)
            if (!isnan(v[j]) && v[j] > m)
                m = v[j];
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

/* ---- data/sweep-key-K.dat ---- */

/* A row's point against target q: y, the bar from low to high, and whether
 * the median never reached it (y is then the 'never' line). */
static void key_point(FILE *f, const report_sweep *s, const report_days *v, const yscale *ys)
{
    double y, lo, hi;
    int never = isnan(v->p50);
    if (!never) {
        y = v->p50;
        lo = s->has_p10 && !isnan(v->p10) ? v->p10 : y;
        hi = isnan(v->p90) ? ys->never : v->p90;
    } else {
        y = hi = ys->never;
        lo = s->has_p10 && !isnan(v->p10) ? v->p10 : y;
    }
    fprintf(f, " %.10g %.10g %.10g %d", y, lo, hi, never);
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
    long *g = report_sweep_grid(s, k, ser, ns);
    xaxis x = x_axis(a, nd);
    fprintf(f, "# %s: one block per series (the other keys' values, the account); columns:\n"
               "# x (dodged), value index, then per target: y, low, high, never (the median\n"
               "# never reached it: y is the 'never' line), then share paused, share reviewed (%%),\n"
               "# then per measure of sweep.gp's meas_title: mean, p10, p90 (-1: none)\n",
            a->key);
    for (size_t j = 0; j < nd; j++) {
        if (j)
            fputs("\n\n", f);
        for (size_t i = 0; i < a->n; i++) {
            long r = g[j * a->n + i];
            if (r < 0)
                continue;
            fprintf(f, "%.10g %zu", x_at(a, &x, i, j, nd), i + 1);
            for (size_t q = 0; q < s->n_targets; q++)
                key_point(f, s, report_sweep_days(s, (size_t)r, q), &ys[q]);
            double p = s->share[r].paused, rv = s->share[r].reviewed;
            fprintf(f, " %.10g %.10g", isnan(p) ? -1 : 100 * p, isnan(rv) ? -1 : 100 * rv);
            for (size_t m = 0; m < REPORT_N_MEASURES; m++) {
                const report_outcome *o = &s->outc[(size_t)r * REPORT_N_MEASURES + m];
                fprintf(f, " %.10g %.10g %.10g", isnan(o->mean) ? -1 : o->mean,
                        isnan(o->p10) ? -1 : o->p10, isnan(o->p90) ? -1 : o->p90);
            }
            fputc('\n', f);
        }
    }
    free(g);
    free(ser);
    *n_drawn = nd;
    return report_close_data(f, name, err);
}

/* ---- data/sweep-heat.dat ---- */

/* The colour range of the heat map, in days. */
typedef struct heat_range {
    double min, max;
} heat_range;

static int write_heat(const char *stage, const report_sweep *s, heat_range *cb, size_t *n_panels,
                      sim_err *err)
{
    FILE *f = report_open_data(stage, "data/sweep-heat.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    size_t q = s->heat_target >= 0 ? (size_t)s->heat_target : 0;
    size_t np = s->n_acc < REPORT_MAX_HEAT_ACCOUNTS ? s->n_acc : REPORT_MAX_HEAT_ACCOUNTS;
    cb->min = INFINITY, cb->max = -INFINITY;
    fprintf(f, "# days to %s: one block per account; columns: index of %s, index of %s,\n"
               "# p50 (0 when never), never (1: the median never reached it), share reached\n",
            s->n_targets ? s->targets[q] : "-", s->axes[0].key, s->axes[1].key);
    for (size_t p = 0; p < np; p++) {
        if (p)
            fputs("\n\n", f);
        for (size_t r = 0; r < s->table.nrow; r++) {
            if (s->acc[r] != p)
                continue;
            const report_days *v = report_sweep_days(s, r, q);
            int never = isnan(v->p50);
            fprintf(f, "%zu %zu %.10g %d %.10g\n", s->vi[r * 2] + 1, s->vi[r * 2 + 1] + 1,
                    never ? 0 : v->p50, never, isnan(v->reached) ? -1 : v->reached);
            if (!never) {
                cb->min = v->p50 < cb->min ? v->p50 : cb->min;
                cb->max = v->p50 > cb->max ? v->p50 : cb->max;
            }
        }
    }
    if (!isfinite(cb->min))
        cb->min = 0, cb->max = 1;
    else if (cb->max - cb->min < 1)
        cb->min = cb->min >= 0.5 ? cb->min - 0.5 : 0, cb->max = cb->min + 1;
    *n_panels = np;
    return report_close_data(f, "data/sweep-heat.dat", err);
}

/* ---- data/sweep.gp ---- */

/* A field of a struct written as a gnuplot array: one element per struct. */
typedef struct gp_column {
    const char *name;
    size_t off;
} gp_column;

static void gp_num_array(FILE *f, const char *name, size_t n, const double *v)
{
    fprintf(f, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%.10g", i ? ", " : "", v[i]);
    fputs(n ? "]\n" : "0]\n", f);
}

/* The double fields cols[] of the n structs at rows (each of size bytes). */
static void gp_num_columns(FILE *f, const gp_column *cols, size_t nc, const void *rows, size_t n,
                           size_t size)
{
    double *v = sim_xmalloc(n1(n) * sizeof *v);
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < n; i++)
            v[i] = *(const double *)((const char *)rows + i * size + cols[c].off);
        gp_num_array(f, cols[c].name, n, v);
    }
    free(v);
}

/* The string fields cols[] of the n structs at rows. */
static void gp_str_columns(FILE *f, const gp_column *cols, size_t nc, const void *rows, size_t n,
                           size_t size)
{
    const char **v = sim_xmalloc(n1(n) * sizeof *v);
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < n; i++)
            v[i] = *(const char *const *)((const char *)rows + i * size + cols[c].off);
        report_gp_array_str(f, cols[c].name, n, v);
    }
    free(v);
}

/* prefix then s, each % doubled: gnuplot reads tic labels as formats. */
static char *percent_doubled(const char *prefix, const char *s)
{
    size_t n = strlen(prefix);
    char *d = sim_xmalloc(n + 2 * strlen(s) + 1);
    memcpy(d, prefix, n);
    for (; *s; s++) {
        if (*s == '%')
            d[n++] = '%';
        d[n++] = *s;
    }
    d[n] = 0;
    return d;
}

/* The x-axis label: the key, its unit, and how its values are placed. */
static char *axis_label(const report_axis *a)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs(a->key, f);
    if (a->numeric && a->unit[0])
        fprintf(f, ", in %s", a->unit);
    fputs(a->numeric ? (a->log ? " (numeric axis, log scale)" : " (numeric axis)")
                     : " (categories, in sweep order)", f);
    return report_mem_close(&m);
}

/* What sweep.gp is written from. */
typedef struct sweep_gp {
    const report_sweep *s;
    int format;
    size_t nk;            /* keys plotted */
    const yscale *ys;     /* per target */
    const size_t *drawn;  /* per key: the series drawn */
    heat_range cb;
    size_t heat_panels;
} sweep_gp;

/* A key plotted: its texts, and how its values are placed. */
typedef struct key_gp {
    const char *name;
    char *label, *title, *ticfmt;
    double cat, log, xlo, xhi; /* categories; log scale; the x range */
    double nval, val_off;      /* its values: val_*[val_off + 1 ..] */
    double tics_at_values;     /* tics at every value, with its text */
    double ser_off, nser;      /* its series: ser_*[ser_off + 1 ..] */
} key_gp;

static const gp_column key_str_cols[] = {
    {"key_name", offsetof(key_gp, name)}, {"key_label", offsetof(key_gp, label)},
    {"key_title", offsetof(key_gp, title)}, {"key_ticfmt", offsetof(key_gp, ticfmt)}};
static const gp_column key_num_cols[] = {
    {"key_cat", offsetof(key_gp, cat)},         {"key_log", offsetof(key_gp, log)},
    {"key_xlo", offsetof(key_gp, xlo)},         {"key_xhi", offsetof(key_gp, xhi)},
    {"key_nval", offsetof(key_gp, nval)},       {"key_val_off", offsetof(key_gp, val_off)},
    {"key_tics_at_values", offsetof(key_gp, tics_at_values)},
    {"key_ser_off", offsetof(key_gp, ser_off)}, {"key_nser", offsetof(key_gp, nser)}};
#define N_COLS(c) (sizeof c / sizeof c[0])

static void gp_keys(FILE *f, const sweep_gp *g)
{
    key_gp *kg = sim_xcalloc(n1(g->nk), sizeof *kg);
    size_t total_vals = 0, total_ser = 0;
    for (size_t k = 0; k < g->nk; k++) {
        const report_axis *a = &g->s->axes[k];
        xaxis x = x_axis(a, g->drawn[k]);
        kg[k] = (key_gp){.name = a->key, .label = axis_label(a),
                         .title = report_sweep_label(g->s, k, 0, 1),
                         .ticfmt = percent_doubled("%g", a->unit), .cat = !a->numeric,
                         .log = a->log, .xlo = x.lo, .xhi = x.hi, .nval = (double)a->n,
                         .val_off = (double)total_vals,
                         .tics_at_values = !a->numeric || a->n <= 12,
                         .ser_off = (double)total_ser, .nser = (double)g->drawn[k]};
        total_vals += a->n;
        total_ser += g->drawn[k];
    }
    gp_str_columns(f, key_str_cols, N_COLS(key_str_cols), kg, g->nk, sizeof *kg);
    gp_num_columns(f, key_num_cols, N_COLS(key_num_cols), kg, g->nk, sizeof *kg);
    for (size_t k = 0; k < g->nk; k++) {
        free(kg[k].label);
        free(kg[k].title);
        free(kg[k].ticfmt);
    }
    free(kg);
}

/* A value of a key plotted: its text, as a tic label, its position (a
 * category's is its index). */
typedef struct val_gp {
    const char *text;
    char *tic;
    double x;
} val_gp;

static const gp_column val_str_cols[] = {{"val_text", offsetof(val_gp, text)},
                                         {"val_tic", offsetof(val_gp, tic)}};
static const gp_column val_num_cols[] = {{"val_x", offsetof(val_gp, x)}};

static void gp_values(FILE *f, const sweep_gp *g)
{
    size_t n = 0;
    for (size_t k = 0; k < g->nk; k++)
        n += g->s->axes[k].n;
    val_gp *vg = sim_xmalloc(n1(n) * sizeof *vg);
    for (size_t k = 0, o = 0; k < g->nk; k++)
        for (size_t i = 0; i < g->s->axes[k].n; i++, o++) {
            const report_axis *a = &g->s->axes[k];
            vg[o] = (val_gp){.text = a->values[i], .tic = percent_doubled("", a->values[i]),
                             .x = a->x[i]};
        }
    gp_str_columns(f, val_str_cols, N_COLS(val_str_cols), vg, n, sizeof *vg);
    gp_num_columns(f, val_num_cols, N_COLS(val_num_cols), vg, n, sizeof *vg);
    for (size_t o = 0; o < n; o++)
        free(vg[o].tic);
    free(vg);
}

/* A series of a key's plots: its label, colour and markers. */
typedef struct ser_gp {
    char *label;
    const char *color;
    double pt, pt_never;
} ser_gp;

static const gp_column ser_str_cols[] = {{"ser_label", offsetof(ser_gp, label)},
                                         {"ser_color", offsetof(ser_gp, color)}};
static const gp_column ser_num_cols[] = {{"ser_pt", offsetof(ser_gp, pt)},
                                         {"ser_pt_never", offsetof(ser_gp, pt_never)}};

/* Key k's series drawn, into sg: one colour per combination of the other
 * keys, one marker shape per account. */
static void key_series(const sweep_gp *g, size_t k, ser_gp *sg)
{
    const report_sweep *s = g->s;
    size_t ns;
    size_t *ser = report_sweep_series(s, k, &ns);
    size_t per_acc = s->n_acc > 1 ? s->n_acc : 1;
    for (size_t j = 0; j < g->drawn[k]; j++) {
        size_t r = 0;
        while (ser[r] != j)
            r++;
        size_t combo = j / per_acc, acc = s->n_acc > 1 ? s->acc[r] : 0;
        int other_keys = s->n_axes > 1;
        sg[j] = (ser_gp){.label = report_sweep_label(s, k, r, 0),
                         .color = palette[(other_keys ? combo : acc) % N_PALETTE],
                         .pt = point_full[acc % N_SHAPES], .pt_never = point_open[acc % N_SHAPES]};
    }
    free(ser);
}

static void gp_series(FILE *f, const sweep_gp *g)
{
    size_t n = 0;
    for (size_t k = 0; k < g->nk; k++)
        n += g->drawn[k];
    ser_gp *sg = sim_xmalloc(n1(n) * sizeof *sg);
    for (size_t k = 0, o = 0; k < g->nk; o += g->drawn[k], k++)
        key_series(g, k, sg + o);
    gp_str_columns(f, ser_str_cols, N_COLS(ser_str_cols), sg, n, sizeof *sg);
    gp_num_columns(f, ser_num_cols, N_COLS(ser_num_cols), sg, n, sizeof *sg);
    for (size_t i = 0; i < n; i++)
        free(sg[i].label);
    free(sg);
}

static const gp_column scale_cols[] = {
    {"t_step", offsetof(yscale, step)}, {"t_top", offsetof(yscale, top)},
    {"t_never", offsetof(yscale, never)}, {"t_yhi", offsetof(yscale, hi)}};

/* The targets and their day scales, then the heat map. */
static void gp_targets(FILE *f, const sweep_gp *g)
{
    const report_sweep *s = g->s;
    size_t nt = s->n_targets;
    report_gp_array_str(f, "target_name", nt, (const char *const *)s->targets);
    gp_num_columns(f, scale_cols, N_COLS(scale_cols), g->ys, nt, sizeof *g->ys);
    fprintf(f, "has_heat = %d\n", s->n_axes == 2 && nt > 0);
    fprintf(f, "heat_panels = %zu\n", g->heat_panels);
    fputs("heat_target = ", f);
    report_gp_string(f, nt ? s->targets[s->heat_target >= 0 ? s->heat_target : 0] : "");
    fprintf(f, "\nheat_reached = %d\nheat_cbmin = %.10g\nheat_cbmax = %.10g\n",
            s->heat_target >= 0, g->cb.min, g->cb.max);
    report_gp_array_str(f, "acc_name", s->n_acc, (const char *const *)s->accounts);
}

/* How a measure's axis is labelled: its values divided by div, in unit. */
typedef struct meas_gp {
    const char *title, *unit;
    double div, any; /* any: some row has a value */
} meas_gp;

static const gp_column meas_str_cols[] = {{"meas_title", offsetof(meas_gp, title)},
                                          {"meas_unit", offsetof(meas_gp, unit)}};
static const gp_column meas_num_cols[] = {{"meas_div", offsetof(meas_gp, div)},
                                          {"meas_any", offsetof(meas_gp, any)}};

static meas_gp measure_scale(const report_sweep *s, size_t m)
{
    double top = -1;
    for (size_t r = 0; r < s->table.nrow; r++) {
        const report_outcome *o = &s->outc[r * REPORT_N_MEASURES + m];
        top = !isnan(o->mean) && o->mean > top ? o->mean : top;
        top = !isnan(o->p90) && o->p90 > top ? o->p90 : top;
    }
    meas_gp g = {.title = report_measures[m].title, .div = 1, .any = top >= 0};
    if (report_measures[m].is_delay)
        g.unit = top >= 2 * 86400 ? "days" : top >= 7200 ? "hours" : top >= 120 ? "minutes"
                                                                              : "seconds";
    else
        g.unit = top >= 1e6 ? "millions of messages" : top >= 2e4 ? "thousands of messages"
                                                                   : "messages";
    static const struct { const char *unit; double div; } divs[] = {
        {"days", 86400}, {"hours", 3600}, {"minutes", 60},
        {"millions of messages", 1e6}, {"thousands of messages", 1e3}};
    for (size_t i = 0; i < sizeof divs / sizeof divs[0]; i++)
        if (!strcmp(g.unit, divs[i].unit))
            g.div = divs[i].div;
    return g;
}

static void gp_measures(FILE *f, const report_sweep *s)
{
    meas_gp mg[REPORT_N_MEASURES];
    for (size_t m = 0; m < REPORT_N_MEASURES; m++)
        mg[m] = measure_scale(s, m);
    fprintf(f, "n_meas = %d\nhas_intervals = %d\n", REPORT_N_MEASURES, s->has_intervals);
    gp_str_columns(f, meas_str_cols, N_COLS(meas_str_cols), mg, REPORT_N_MEASURES, sizeof *mg);
    gp_num_columns(f, meas_num_cols, N_COLS(meas_num_cols), mg, REPORT_N_MEASURES, sizeof *mg);
}

static int write_sweep_gp(const char *stage, const sweep_gp *g, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/sweep.gp", err);
    if (!f)
        return SIM_ERUNTIME;
    const report_sweep *s = g->s;
    fputs("# sweep.gp: written by sesim report; the report-sweep-*.gp scripts read these.\n"
          "# Re-draw a plot: cd into the report folder, then\n"
          "#   gnuplot -d -e 'k = 1' data/sweep.gp SCRIPTS/report-common.gp "
          "SCRIPTS/report-sweep-days.gp\n", f);
    fprintf(f, "fmt = '%s'\n", g->format == REPORT_SVG ? "svg" : "png");
    fprintf(f, "reps = %ld\nn_acc = %zu\nn_keys = %zu\nn_targets = %zu\n", s->reps, s->n_acc,
            g->nk, s->n_targets);
    gp_keys(f, g);
    gp_values(f, g);
    gp_series(f, g);
    gp_targets(f, g);
    gp_measures(f, s);
    return report_close_data(f, "data/sweep.gp", err);
}

int report_write_sweep_data(const char *stage, const report_sweep *s, int format, sim_err *err)
{
    size_t nk = s->n_axes < REPORT_MAX_SWEEP_KEYS ? s->n_axes : REPORT_MAX_SWEEP_KEYS;
    size_t nt = s->n_targets;
    yscale *ys = sim_xmalloc(n1(nt) * sizeof *ys);
    for (size_t q = 0; q < nt; q++)
        ys[q] = target_scale(s, q);
    size_t *drawn = sim_xcalloc(n1(nk), sizeof *drawn);
    int rc = 0;
    for (size_t k = 0; !rc && k < nk; k++)
        rc = write_key_data(stage, s, k, ys, &drawn[k], err);
    sweep_gp g = {.s = s, .format = format, .nk = nk, .ys = ys, .drawn = drawn, .cb = {0, 1}};
    if (!rc && s->n_axes == 2 && nt)
        rc = write_heat(stage, s, &g.cb, &g.heat_panels, err);
    if (!rc)
        rc = write_sweep_gp(stage, &g, err);
    free(ys);
    free(drawn);
    return rc;
}
