/* report_sensitivity.c: the report of a sensitivity study's folder (`sesim
 * sensitivity`: sensitivity.csv). One plot per metric: its keys ranked by
 * Morris mu* (bars, with the bootstrap interval) beside mu* against sigma;
 * a caption that says in words which assumptions decide the metric;
 * sensitivity.csv after the plots. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/output.h"
#include "report_int.h"
#include "study/sensitivity.h"

/* The columns read, in this order (named by study/sensitivity.h's list). */
enum { SC_METRIC, SC_KEY, SC_MU, SC_LO, SC_HI, SC_SIGMA, SC_FIRST, SC_TOTAL, SC_N };
static const sensitivity_column_id sens_cols[SC_N] = {
    [SC_METRIC] = SNC_metric, [SC_KEY] = SNC_key,        [SC_MU] = SNC_mu_star,
    [SC_LO] = SNC_mu_star_lo, [SC_HI] = SNC_mu_star_hi,  [SC_SIGMA] = SNC_sigma,
    [SC_FIRST] = SNC_first_order, [SC_TOTAL] = SNC_total_order};

typedef struct sens_metric {
    const char *name; /* points into the table */
    size_t *rows;     /* its rows, in file order (by rank) */
    size_t n;
} sens_metric;

typedef struct sens_ctx {
    report_page pg;
    report_table csv;
    int has_csv;
    int col[SC_N];
    double *v;        /* per row: [row * SC_N + column], NAN when empty; SC_METRIC, SC_KEY unused */
    sens_metric m[REPORT_MAX_SENS_METRICS];
    size_t nm, nm_file; /* metrics plotted, and in the file */
} sens_ctx;

static double val(const sens_ctx *c, size_t row, int col) { return c->v[row * SC_N + col]; }

/* The columns, the numbers, and the rows of each metric. */
static int sens_index(sens_ctx *c, sim_err *err)
{
    const report_table *t = &c->csv;
    for (int k = 0; k < SC_N; k++)
        if ((c->col[k] = report_csv_column(t->ncol, t->head, sensitivity_columns[sens_cols[k]])) < 0)
            return sim_errorf(err, SIM_EINPUT, "sensitivity.csv", 1, "no column %s",
                              sensitivity_columns[sens_cols[k]]);
    c->v = sim_xmalloc((t->nrow ? t->nrow : 1) * SC_N * sizeof *c->v);
    for (size_t r = 0; r < t->nrow; r++) {
        for (int k = SC_MU; k < SC_N; k++) {
            const char *s = t->rows[r][c->col[k]];
            if (!s[0])
                c->v[r * SC_N + k] = NAN;
            else if (report_number(s, &c->v[r * SC_N + k]))
                return sim_errorf(err, SIM_EINPUT, "sensitivity.csv", (long)r + 2,
                                  "%s: '%s' is not a number", sensitivity_columns[sens_cols[k]], s);
        }
        const char *name = t->rows[r][c->col[SC_METRIC]];
        size_t j = 0;
        while (j < c->nm && strcmp(c->m[j].name, name))
            j++;
        if (j == c->nm && (c->nm_file++, c->nm == REPORT_MAX_SENS_METRICS))
            continue;
        if (j == c->nm)
            c->m[c->nm++] = (sens_metric){.name = name};
        sens_metric *m = &c->m[j];
        m->rows = sim_xrealloc(m->rows, (m->n + 1) * sizeof *m->rows);
        m->rows[m->n++] = r;
    }
    return 0;
}

/* A metric counted in days (days_to_*, days_paused, production_day, ...). */
static int in_days(const char *metric)
{
    return !strncmp(metric, "days_", 5) || !strncmp(metric, "production_day", 14);
}

/* An effect in the metric's unit: "3.2 days", "1.5M", "12,000". */
static void fmt_effect(const char *metric, double v, char *out, size_t n)
{
    double a = fabs(v);
    if (in_days(metric))
        snprintf(out, n, "%.*f day%s", a < 10 ? 1 : 0, v, a == 1 ? "" : "s");
    else if (a >= 1e6)
        snprintf(out, n, "%.1fM", v / 1e6);
    else if (a >= 1e4)
        snprintf(out, n, "%.0fk", v / 1e3);
    else if (a >= 1 || a == 0)
        report_fmt_count(v, out, n);
    else
        snprintf(out, n, "%.3g", v);
}

/* data/sens-K.dat per metric: position (rank 1 at the top), mu*, lo, hi,
 * sigma, key; and data/sens.gp. */
static int sens_metric_data(const sens_ctx *c, size_t k, double *top, sim_err *err)
{
    char name[48]; /* room for any size_t */
    snprintf(name, sizeof name, "data/sens-%zu.dat", k + 1);
    FILE *f = report_open_data(c->pg.stage, name, err);
    if (!f)
        return SIM_ERUNTIME;
    const sens_metric *m = &c->m[k];
    size_t nb = m->n < REPORT_MAX_SENS_BARS ? m->n : REPORT_MAX_SENS_BARS;
    *top = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t r = m->rows[i];
        double x[] = {val(c, r, SC_MU), val(c, r, SC_LO), val(c, r, SC_HI), val(c, r, SC_SIGMA)};
        fprintf(f, "%zu", i < nb ? nb - i : 0);
        for (size_t j = 0; j < 4; j++) {
            fprintf(f, isnan(x[j]) ? "\t-1" : "\t%.10g", x[j]);
            *top = x[j] > *top ? x[j] : *top;
        }
        fputc('\t', f);
        for (const char *s = c->csv.rows[r][c->col[SC_KEY]]; *s; s++)
            fputc(*s == '\t' || *s == '\n' || *s == '"' ? ' ' : *s, f);
        fprintf(f, "\t%zu\n", i + 1);
    }
    return report_close_data(f, name, err);
}

static int sens_data(const sens_ctx *c, sim_err *err)
{
    double top[REPORT_MAX_SENS_METRICS];
    int rc = 0;
    for (size_t k = 0; k < c->nm && !rc; k++)
        rc = sens_metric_data(c, k, &top[k], err);
    FILE *f = rc ? NULL : report_open_data(c->pg.stage, "data/sens.gp", err);
    if (!f)
        return rc ? rc : SIM_ERUNTIME;
    fprintf(f, "fmt = '%s'\narray sens_name[%zu]\narray sens_bars[%zu]\narray sens_top[%zu]\n"
            "array sens_days[%zu]\n", c->pg.format == REPORT_SVG ? "svg" : "png", c->nm, c->nm,
            c->nm, c->nm);
    for (size_t k = 0; k < c->nm; k++) {
        fprintf(f, "sens_name[%zu] = ", k + 1);
        report_gp_string(f, c->m[k].name);
        fprintf(f, "\nsens_bars[%zu] = %zu\nsens_top[%zu] = %.10g\nsens_days[%zu] = %d\n", k + 1,
                c->m[k].n < REPORT_MAX_SENS_BARS ? c->m[k].n : REPORT_MAX_SENS_BARS, k + 1,
                top[k] > 0 ? top[k] : 1, k + 1, in_days(c->m[k].name));
    }
    return report_close_data(f, "sens.gp", err);
}

/* "A, B and C": the keys of rows 0..n-1 of metric m. */
static void key_list(FILE *f, const sens_ctx *c, const sens_metric *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputs(i == 0 ? "" : (i + 1 == n ? " and " : ", "), f);
        report_html_tag(f, "code", c->csv.rows[m->rows[i]][c->col[SC_KEY]]);
    }
}

/* The keys that decide the metric (mu* at least half the largest, at most 3),
 * what the rest move it by, the keys of no effect. */
static void caption_ranking(FILE *f, const sens_ctx *c, const sens_metric *m)
{
    double top = val(c, m->rows[0], SC_MU);
    size_t nd = 0, zero = 0;
    while (nd < m->n && nd < 3 && val(c, m->rows[nd], SC_MU) >= 0.5 * top)
        nd++;
    for (size_t i = 0; i < m->n; i++)
        zero += val(c, m->rows[i], SC_MU) == 0;
    report_html_tag(f, "code", m->name);
    fputs(" depends on ", f);
    key_list(f, c, m, nd);
    char a[48];
    double next = nd < m->n ? val(c, m->rows[nd], SC_MU) : 0;
    fmt_effect(m->name, next, a, sizeof a);
    if (next > 0) {
        fprintf(f, "; nothing else moves it by more than %s (", a);
        report_html_tag(f, "code", c->csv.rows[m->rows[nd]][c->col[SC_KEY]]);
        fputs(")", f);
    } else if (nd < m->n) {
        fputs("; no other key moves it at all", f);
    }
    fprintf(f, ". %zu of the %zu keys do not move it (mu* = 0). ", zero, m->n);
}

static char *sens_caption(const sens_ctx *c, size_t k)
{
    const sens_metric *m = &c->m[k];
    report_mem mem;
    FILE *f = report_mem_open(&mem);
    double top = m->n ? val(c, m->rows[0], SC_MU) : 0;
    if (!(top > 0)) {
        fputs("No key moves ", f);
        report_html_tag(f, "code", m->name);
        fprintf(f, ": mu* is 0 for all %zu keys over their ranges.", m->n);
        return report_mem_close(&mem);
    }
    caption_ranking(f, c, m);
    const char *key = c->csv.rows[m->rows[0]][c->col[SC_KEY]];
    double first = val(c, m->rows[0], SC_FIRST), total = val(c, m->rows[0], SC_TOTAL);
    double sigma = val(c, m->rows[0], SC_SIGMA);
    if (!isnan(first) && !isnan(total)) {
        fputs("Over the Sobol stage, ", f);
        report_html_tag(f, "code", key);
        fprintf(f, " alone explains %.0f%% of its variance (%.0f%% with its interactions). ",
                100 * first, 100 * total);
    }
    if (sigma > top) {
        fputs("The effect of ", f);
        report_html_tag(f, "code", key);
        fputs(" depends on the other keys or is not linear (sigma above mu*). ", f);
    }
    char a[48];
    fmt_effect(m->name, top, a, sizeof a);
    fprintf(f, "Left: mu*, the mean absolute change of the metric over a key's whole range (largest: "
            "%s), with its 95%% bootstrap interval, for the first %d keys by rank; right: mu* "
            "against sigma, the first 3 named.", a, REPORT_MAX_SENS_BARS);
    return report_mem_close(&mem);
}

static void sens_facts(FILE *f, const void *data)
{
    const sens_ctx *c = data;
    fprintf(f, " &middot; a sensitivity study of %zu key%s and %zu metric%s",
            c->nm ? c->m[0].n : 0, c->nm && c->m[0].n == 1 ? "" : "s", c->nm_file,
            c->nm_file == 1 ? "" : "s");
}

static void sens_read_section(FILE *f, const void *data)
{
    (void)data;
    fputs("<h2 id=\"reading\">How to read it</h2>\n<p>Each key was varied over its range "
          "(docs/sensitivity.md) with the others held at grid points (Morris screening). "
          "<b>mu*</b>: how much the key moves the metric, in the metric's unit, per whole range "
          "of the key; <b>sigma</b>: how much that effect changes with the other keys (a large "
          "sigma against mu*: interactions or a threshold). Keys with the same mu* share a "
          "rank; keys with mu* = 0 do not move the metric at all. <b>first_order</b> and "
          "<b>total_order</b> (Sobol indices, for the most influential keys): the share of "
          "the metric's variance the key explains alone, and with its interactions.</p>\n", f);
}

static void sens_table_section(FILE *f, const void *data)
{
    const sens_ctx *c = data;
    fputs("<h2 id=\"results\">Results (sensitivity.csv)</h2>\n", f);
    report_html_csv_table(f, &c->csv, REPORT_MAX_SWEEP_SHOWN);
}

static int sens_plots(sens_ctx *c, sim_err *err)
{
    char *path = out_join(c->pg.dir, "sensitivity.csv");
    int rc = report_read_table(path, REPORT_MAX_SENS_ROWS, &c->csv, err);
    free(path);
    if (rc)
        return rc;
    c->has_csv = 1;
    if ((rc = sens_index(c, err)))
        return rc;
    if (!c->nm) {
        report_page_note(&c->pg, sim_xstrdup("sensitivity.csv has no rows: nothing to plot."));
        return 0;
    }
    if (c->nm_file > c->nm)
        report_page_note(&c->pg, report_strf("The study has %zu metrics: the plots show the "
                                             "first %zu.", c->nm_file, c->nm));
    if ((rc = report_page_need_gnuplot(&c->pg, err)) || (rc = sens_data(c, err)))
        return rc;
    const char *ext = c->pg.format == REPORT_SVG ? "svg" : "png";
    for (size_t k = 0; k < c->nm && !rc; k++) {
        char setting[32];
        snprintf(setting, sizeof setting, "m = %zu", k + 1);
        report_plot_spec p = {
            .meta = "data/sens.gp", .script = "report-sensitivity.gp", .setting = setting,
            .file = report_page_keep(&c->pg, report_strf("sensitivity-%zu.%s", k + 1, ext)),
            .id = report_page_keep(&c->pg, report_strf("sensitivity-%zu", k + 1)),
            .title = report_page_keep(&c->pg, report_strf("What moves %s", c->m[k].name))};
        rc = report_page_plot(&c->pg, &p, sens_caption(c, k), err);
    }
    return rc;
}

int report_sensitivity_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    sens_ctx c;
    memset(&c, 0, sizeof c);
    int rc = report_page_begin(&c.pg, opt, err);
    if (!rc)
        rc = sens_plots(&c, err);
    report_view v = {.kind = "sesim sensitivity", .facts = sens_facts,
                     .scenario_missing = "<p>Each point's scenario is in points/NNNN/scenario.ini "
                                         "(design.csv lists what each point set).</p>\n",
                     .before = {"reading", "How to read it", sens_read_section},
                     .after = {"results", "Results", sens_table_section}, .data = &c};
    rc = report_page_end(&c.pg, &v, rc, index_path, err);
    for (size_t k = 0; k < c.nm; k++)
        free(c.m[k].rows);
    free(c.v);
    if (c.has_csv)
        report_table_free(&c.csv);
    report_page_free(&c.pg);
    return rc;
}
