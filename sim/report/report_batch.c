/* report_batch.c: `sesim report DIR` on a batch folder (DIR/batch.csv written
 * by `sesim batch`): every scenario's own report in DIR/NAME/report/ (the
 * report of a run's folder, report_run.c), then
 * DIR/report/index.html with a comparison table of batch.csv and a small
 * multiple: one quota-ramp panel per scenario (rep 1, max24h per account, log
 * scale), all on the same axes (report-batch.gp). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "io/csvtext.h"
#include "io/output.h"
#include "run/columns.h"
#include "study/batch.h"
#include "report_int.h"
#include "scenario/scenario.h"

/* ---- batch.csv ---- */

static int plain_name(const char *s)
{
    return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/');
}

int report_read_batch(const char *dir, report_batch *b, sim_err *err)
{
    memset(b, 0, sizeof *b);
    char *path = out_join(dir, "batch.csv");
    int rc = report_read_table(path, REPORT_MAX_BATCH_ROWS, &b->table, err);
    const report_table *t = &b->table;
    if (!rc) {
        b->c_scn = report_csv_column(t->ncol, t->head, BATCH_SCENARIO_COLUMN);
        b->c_rep = report_csv_column(t->ncol, t->head, columns_summary[SUM_rep]);
        b->c_acc = report_csv_column(t->ncol, t->head, columns_summary[SUM_account]);
        if (b->c_scn < 0 || b->c_rep < 0 || b->c_acc < 0)
            rc = sim_errorf(err, SIM_EINPUT, path, 1,
                            "no scenario, rep and account columns: not a batch.csv of 'sesim batch'");
    }
    b->names = sim_xmalloc((t->nrow ? t->nrow : 1) * sizeof *b->names);
    for (size_t r = 0; !rc && r < t->nrow; r++) { /* the text of guarded cells (csvtext.h) */
        csvtext_unguard_cell(t->rows[r][b->c_scn]);
        csvtext_unguard_cell(t->rows[r][b->c_acc]);
    }
    for (size_t r = 0; !rc && r < t->nrow; r++) {
        const char *name = t->rows[r][b->c_scn];
        if (!plain_name(name)) {
            rc = sim_errorf(err, SIM_EINPUT, path, (long)r + 2,
                            "scenario '%s' is not the name of a folder", name);
            break;
        }
        size_t k = 0;
        while (k < b->n && strcmp(b->names[k], name))
            k++;
        if (k == b->n)
            b->names[b->n++] = (char *)name;
    }
    if (!rc && !b->n)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "no rows: no scenario to report");
    free(path);
    if (rc)
        report_batch_free(b);
    return rc;
}

void report_batch_free(report_batch *b)
{
    report_table_free(&b->table);
    free(b->names);
    memset(b, 0, sizeof *b);
}

/* ---- pure helpers ---- */

void report_batch_range(size_t n, const report_extent *e, report_range *out)
{
    double x = 0, a = INFINITY, z = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (e[k].days > x)
            x = e[k].days;
        if (e[k].lo > 0 && e[k].lo < a)
            a = e[k].lo;
        if (e[k].hi > 0 && e[k].hi > z)
            z = e[k].hi;
    }
    out->x_max = x > 0 ? x : 1;
    if (!isfinite(a) || !isfinite(z)) {
        out->y_min = 1, out->y_max = 10;
        return;
    }
    /* from the decade below the lowest quota to 30 % above the highest, so a
     * ramp that ends on a decade (1M) is not drawn along the frame */
    out->y_min = pow(10, floor(log10(a)));
    out->y_max = 1.3 * z;
    if (out->y_max < 10 * out->y_min)
        out->y_max = 10 * out->y_min;
}

double report_batch_median(const char *const *raw, size_t n, size_t *counted, size_t *finite)
{
    double *v = sim_xmalloc((n ? n : 1) * sizeof *v);
    size_t m = 0, f = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*raw[i])
            v[m++] = INFINITY;
        else if (!report_number(raw[i], &v[m]))
            m++, f++;
    }
    double med = NAN;
    if (m) {
        gsl_sort(v, 1, m);
        med = gsl_stats_median_from_sorted_data(v, 1, m); /* inf when the middle is */
    }
    free(v);
    *counted = m;
    *finite = f;
    return med;
}

/* ---- the comparison table ---- */

/* The columns shown: these in this order, the worst status after the final
 * one, the days paused and reviewed beside them (on the left, where a wide
 * table does not hide them), the days_to_TARGET ones after final_max24h
 * (SUM_COLUMNS_N stands for them). */
static const summary_column_id shown_cols[] = {
    SUM_final_status,      SUM_days_paused,      SUM_days_under_review,
    SUM_final_max24h,      SUM_COLUMNS_N,        SUM_total_sent,
    SUM_total_demand,      SUM_peak_bounce_rate, SUM_peak_complaint_rate};

/* cols[j] < 0: the worst status, from the final status in column -cols[j] - 1. */
static size_t table_columns(const report_table *t, int *cols)
{
    size_t n = 0;
    for (size_t s = 0; s < sizeof shown_cols / sizeof shown_cols[0]; s++)
        for (size_t i = 0; i < t->ncol; i++)
            if (shown_cols[s] == SUM_COLUMNS_N ? !strncmp(t->head[i], SUMMARY_DAYS_TO, strlen(SUMMARY_DAYS_TO))
                                               : !strcmp(t->head[i], columns_summary[shown_cols[s]])) {
                cols[n++] = (int)i;
                if (shown_cols[s] == SUM_final_status)
                    cols[n++] = -(int)i - 1;
            }
    return n;
}

/* Each distinct value of the n texts v with its count: "healthy 2/3, paused 1/3". */
static void text_values(FILE *f, const char *const *v, size_t n)
{
    fputs("<td>", f);
    for (size_t i = 0; i < n; i++) {
        size_t seen = 0, count = 0;
        for (size_t j = 0; j < n; j++) {
            seen |= j < i && !strcmp(v[j], v[i]);
            count += !strcmp(v[j], v[i]);
        }
        if (seen)
            continue;
        fputs(i ? ", " : "", f);
        report_html_escape(f, *v[i] ? v[i] : "(empty)");
        if (n > 1)
            fprintf(f, " %zu/%zu", count, n);
    }
    fputs("</td>", f);
}

static void text_cell(FILE *f, const report_table *t, const size_t *rows, size_t n, int c)
{
    const char **v = sim_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = t->rows[rows[i]][c];
    text_values(f, v, n);
    free(v);
}

/* A number of column `name` of row r above 0 (a missing column: no). */
static int positive(const report_table *t, size_t r, const char *name)
{
    int c = report_csv_column(t->ncol, t->head, name);
    double v;
    return c >= 0 && !report_number(t->rows[r][c], &v) && v > 0;
}

/* The worst status each replication reached: paused when it was paused at
 * some time, under_review when reviewed, else its final status (bad-list ends
 * healthy after a pause and an appeal). */
static void worst_cell(FILE *f, const report_table *t, const size_t *rows, size_t n, int c_final)
{
    const char **v = sim_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        v[i] = positive(t, r, columns_summary[SUM_times_paused]) ||
                       positive(t, r, columns_summary[SUM_days_paused])
                   ? report_status_name(RS_PAUSED)
               : positive(t, r, columns_summary[SUM_times_reviewed]) ||
                       positive(t, r, columns_summary[SUM_days_under_review])
                   ? report_status_name(RS_UNDER_REVIEW)
                   : t->rows[r][c_final];
    }
    text_values(f, v, n);
    free(v);
}

/* The median of numeric column c over the group's rows, formatted as the run
 * report formats summary values; "(k/n)" where some replications never reached it. */
static void number_cell(FILE *f, const report_table *t, const size_t *rows, size_t n, int c)
{
    const char **raw = sim_xmalloc(n * sizeof *raw);
    size_t na = 0;
    for (size_t i = 0; i < n; i++) {
        raw[i] = t->rows[rows[i]][c];
        na += !strcmp(raw[i], "NA");
    }
    size_t counted, finite;
    double med = report_batch_median(raw, n, &counted, &finite);
    free(raw);
    if (na == n) {
        fputs("<td class=\"n\" title=\"the scenario has no such target\">n/a</td>", f);
        return;
    }
    char num[64], shown[96];
    snprintf(num, sizeof num, "%.10g", med);
    report_fmt_value(t->head[c], num, shown, sizeof shown);
    fprintf(f, "<td class=\"n\" title=\"%s\">", isinf(med) ? "never reached" : num);
    fputs(isnan(med) ? "?" : isinf(med) ? "&ndash;" : "", f);
    if (isfinite(med))
        report_html_escape(f, shown);
    if (finite < counted && finite)
        fprintf(f, " <small>(%zu/%zu)</small>", finite, counted);
    fputs("</td>", f);
}

/* <a href="NAME/report/index.html">: the opening of a link to a scenario's report. */
static void scenario_link(FILE *f, const char *name)
{
    fputs("<a href=\"", f);
    report_url_segment(f, name);
    fputs("/report/index.html\">", f);
}

/* One row of the table: scenario k's account of row `first`, its replications. */
static void group_row(FILE *f, const report_batch *b, size_t k, size_t first, const int *cols,
                      size_t nc, int *done)
{
    const report_table *t = &b->table;
    size_t *rows = sim_xmalloc(t->nrow * sizeof *rows), n = 0;
    for (size_t r = first; r < t->nrow; r++)
        if (!strcmp(t->rows[r][b->c_scn], b->names[k]) &&
            !strcmp(t->rows[r][b->c_acc], t->rows[first][b->c_acc]))
            rows[n++] = r, done[r] = 1;
    fputs("<tr><td>", f);
    scenario_link(f, b->names[k]);
    report_html_escape(f, b->names[k]);
    fputs("</a></td>", f);
    report_html_tag(f, "td", report_account_label(t->rows[first][b->c_acc]));
    fprintf(f, "<td class=\"n\">%zu</td>", n);
    for (size_t i = 0; i < nc; i++) {
        if (cols[i] < 0) {
            worst_cell(f, t, rows, n, -cols[i] - 1);
            continue;
        }
        double v;
        int numeric = 1;
        for (size_t j = 0; j < n; j++) {
            const char *s = t->rows[rows[j]][cols[i]];
            numeric &= !*s || !strcmp(s, "NA") || !report_number(s, &v);
        }
        (numeric ? number_cell : text_cell)(f, t, rows, n, cols[i]);
    }
    fputs("</tr>\n", f);
    free(rows);
}

static void comparison_table(FILE *f, const report_batch *b)
{
    const report_table *t = &b->table;
    int *cols = sim_xmalloc((t->ncol + 1) * sizeof *cols);
    size_t nc = table_columns(t, cols);
    const char **head = sim_xmalloc((nc + 3) * sizeof *head);
    head[0] = BATCH_SCENARIO_COLUMN, head[1] = columns_summary[SUM_account], head[2] = "reps";
    for (size_t i = 0; i < nc; i++)
        head[3 + i] = cols[i] < 0 ? "worst_status" : t->head[cols[i]];
    report_html_table_open(f, NULL);
    report_html_head(f, nc + 3, head);
    free(head);
    int *done = sim_xcalloc(t->nrow ? t->nrow : 1, sizeof *done);
    for (size_t k = 0; k < b->n; k++)
        for (size_t r = 0; r < t->nrow; r++)
            if (!done[r] && !strcmp(t->rows[r][b->c_scn], b->names[k]))
                group_row(f, b, k, r, cols, nc, done);
    report_html_table_end(f);
    if (t->total > t->nrow)
        fprintf(f, "<p class=\"meta\">From the first %zu of %zu rows of batch.csv.</p>\n",
                t->nrow, t->total);
    free(done);
    free(cols);
}

/* ---- the panels ---- */

typedef struct panel {
    char *title;          /* the first line of the scenario's header, or NULL */
    report_extent span;   /* duration; smallest and largest positive max24h */
    size_t first, n_acc;  /* its accounts in the flat name list */
} panel;

typedef struct batch_ctx {
    const report_batch *b;
    const char *dir, *stage;
    int format;
    panel *p;
    char **acc;   /* every panel's account names, in panel order */
    size_t n_acc;
} batch_ctx;

static char *scenario_title(const char *scn_dir)
{
    char *path = out_join(scn_dir, "scenario.ini");
    scenario *s = scn_create();
    sim_err ignored;
    char *title = NULL;
    scn_load_file(s, path, &ignored); /* only its header is wanted */
    if (s->header && *s->header) {
        title = sim_xmalloc(512);
        report_header_title(s->header, title, 512);
    }
    scn_destroy(s);
    free(path);
    return title;
}

/* data/batch-K.dat: one block per account (the total `*` left out): day since
 * the start and max24h where it changes, and the last point. */
static int write_panel_data(batch_ctx *c, size_t k, const report_run *r, sim_err *err)
{
    char name[48];
    snprintf(name, sizeof name, "data/batch-%zu.dat", k + 1);
    FILE *f = report_open_data(c->stage, name, err);
    if (!f)
        return SIM_ERUNTIME;
    panel *p = &c->p[k];
    double t0 = report_run_start(r);
    report_extent *x = &p->span;
    x->lo = INFINITY, x->hi = -INFINITY, p->first = c->n_acc;
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (a->is_total)
            continue;
        c->acc = sim_xrealloc(c->acc, (c->n_acc + 1) * sizeof *c->acc);
        c->acc[c->n_acc++] = sim_xstrdup(a->name);
        if (p->n_acc++)
            fputs("\n\n", f); /* the next block (gnuplot's index) */
        for (size_t j = 0; j < a->n; j++) {
            double y = a->p[j].max24h, d = (a->p[j].t - t0) / 86400.0;
            x->days = d > x->days ? d : x->days;
            if (y > 0)
                x->lo = y < x->lo ? y : x->lo, x->hi = y > x->hi ? y : x->hi;
            if (j == 0 || j + 1 == a->n || y != a->p[j - 1].max24h)
                fprintf(f, "%.6f %.15g\n", d, y);
        }
    }
    return report_close_data(f, name, err);
}

static int read_panels(batch_ctx *c, sim_err *err)
{
    int rc = 0;
    for (size_t k = 0; !rc && k < c->b->n; k++) {
        char *sd = out_join(c->dir, c->b->names[k]);
        report_run r;
        c->p[k].title = scenario_title(sd);
        rc = report_read_run(sd, &r, err);
        if (!rc) {
            rc = write_panel_data(c, k, &r, err);
            report_run_free(&r);
        }
        free(sd);
    }
    return rc;
}

/* data/batch.gp: the panels, their accounts and colours, the common axes. */
static int write_batch_meta(const batch_ctx *c, const report_range *rg, sim_err *err)
{
    FILE *f = report_open_data(c->stage, "data/batch.gp", err);
    if (!f)
        return SIM_ERUNTIME;
    size_t n = c->b->n;
    fputs("# batch.gp: written by sesim report for scripts/report-batch.gp\n", f);
    fprintf(f, "fmt = '%s'\nn_panel = %zu\n", c->format == REPORT_SVG ? "svg" : "png", n);
    fprintf(f, "x_max = %.10g\ny_min = %.10g\ny_max = %.10g\n", rg->x_max, rg->y_min, rg->y_max);
    report_gp_array_str(f, "panel_name", n, (const char *const *)c->b->names);
    fprintf(f, "array panel_first[%zu]\narray panel_nacc[%zu]\n", n, n);
    for (size_t k = 0; k < n; k++)
        fprintf(f, "panel_first[%zu] = %zu\npanel_nacc[%zu] = %zu\n", k + 1, c->p[k].first,
                k + 1, c->p[k].n_acc);
    report_gp_array_str(f, "acc_name", c->n_acc, (const char *const *)c->acc);
    const char **colors = sim_xmalloc((c->n_acc ? c->n_acc : 1) * sizeof *colors);
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < c->p[k].n_acc; i++)
            colors[c->p[k].first + i] = report_palette_color(i);
    report_gp_array_str(f, "acc_color", c->n_acc, colors);
    free(colors);
    return report_close_data(f, "data/batch.gp", err);
}

static int draw_panels(batch_ctx *c, sim_err *err)
{
    size_t n = c->b->n;
    report_extent *e = sim_xmalloc(n * sizeof *e);
    for (size_t k = 0; k < n; k++)
        e[k] = c->p[k].span;
    report_range rg;
    report_batch_range(n, e, &rg);
    free(e);
    char *gnuplot = NULL, *scripts = NULL;
    int rc = write_batch_meta(c, &rg, err);
    if (!rc && !(rc = report_find_gnuplot(&gnuplot, err)) && !(rc = report_find_scripts(&scripts, err)))
        rc = report_run_gnuplot(gnuplot, scripts, c->stage, "data/batch.gp", "report-batch.gp",
                                NULL, err);
    for (size_t k = 0; !rc && k < n; k++) {
        char name[48];
        snprintf(name, sizeof name, "ramp-%zu.%s", k + 1, c->format == REPORT_SVG ? "svg" : "png");
        char *path = out_join(c->stage, name);
        struct stat st;
        if (stat(path, &st) != 0 || st.st_size == 0)
            rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "gnuplot wrote no plot (report-batch.gp)");
        free(path);
    }
    free(gnuplot);
    free(scripts);
    return rc;
}

/* ---- the page ---- */

static const char compare_text[] =
    "<h2 id=\"compare\">Comparison</h2>\n<p class=\"meta\">One row per scenario and "
    "account; with several replications (reps) each value is the median over them "
    "(a target never reached counts as later than any), a status shows how many "
    "replications ended in it (final_status) and how many were at worst paused or "
    "under review at some time (worst_status), and <small>(k/n)</small> how many reached a target. "
    "Rates in %, days counted from the start; &ndash; means never reached, n/a a target "
    "the scenario does not have. The scenario's name links to its own report.</p>\n";
static const char ramps_text[] =
    "<h2 id=\"ramps\">Quota ramps</h2>\n<p class=\"meta\">The daily quota (max24h) of "
    "each account over the days since the start, replication 1, on a logarithmic scale. "
    "Every panel has the same axes, so the ramps compare at a glance: a steeper staircase "
    "ramps faster, a flat stretch is a stall, a review or a pause.</p>\n";

/* Scenario k's panel: its ramp and its name, both linking to its report, and its title. */
static void panel_figure(FILE *f, const batch_ctx *c, size_t k)
{
    const char *name = c->b->names[k];
    fputs("<figure>", f);
    scenario_link(f, name);
    fprintf(f, "<img src=\"ramp-%zu.%s\" alt=\"quota ramp of ", k + 1,
            c->format == REPORT_SVG ? "svg" : "png");
    report_html_escape(f, name);
    fputs("\"></a>\n<figcaption>", f);
    scenario_link(f, name);
    report_html_tag(f, "b", name);
    fputs("</a>", f);
    if (c->p[k].title) {
        fputs(": ", f);
        report_html_escape(f, c->p[k].title);
    }
    fputs("</figcaption></figure>\n", f);
}

static void write_page(FILE *f, const batch_ctx *c)
{
    const report_batch *b = c->b;
    report_html_begin(f, c->dir);
    fputs("<h1>sesim batch</h1>\n<p class=\"meta\">sesim report of ", f);
    report_html_tag(f, "code", c->dir);
    fprintf(f, " &middot; %zu scenario%s, from batch.csv</p>\n", b->n, b->n == 1 ? "" : "s");
    fputs("<nav><a href=\"#compare\">Comparison</a><a href=\"#ramps\">Quota ramps</a></nav>\n", f);
    fputs(compare_text, f);
    comparison_table(f, b);
    fputs(ramps_text, f);
    fputs("<div class=\"panels\">\n", f);
    for (size_t k = 0; k < b->n; k++)
        panel_figure(f, c, k);
    fputs("</div>\n", f);
    report_html_end(f);
}

/* ---- the whole ---- */

/* Every scenario's folder is there, before anything is written. */
static int check_folders(const char *dir, const report_batch *b, sim_err *err)
{
    for (size_t k = 0; k < b->n; k++) {
        char *sd = out_join(dir, b->names[k]);
        char *ts = out_join(sd, "timeseries.csv");
        struct stat st;
        int rc = 0;
        if (stat(sd, &st) != 0 || !S_ISDIR(st.st_mode))
            rc = sim_errorf(err, SIM_EINPUT, sd, 0, "no such folder (scenario '%s' of batch.csv)",
                            b->names[k]);
        else if (stat(ts, &st) != 0)
            rc = sim_errorf(err, SIM_EINPUT, ts, 0, "missing (scenario '%s' of batch.csv)",
                            b->names[k]);
        free(ts);
        free(sd);
        if (rc)
            return rc;
    }
    return 0;
}

static int scenario_reports(const report_options *opt, const char *dir, const report_batch *b,
                            sim_err *err)
{
    int rc = 0;
    for (size_t k = 0; !rc && k < b->n; k++) {
        char *sd = out_join(dir, b->names[k]), *index = NULL;
        report_options o = {.dir = sd, .format = opt->format};
        rc = report_run_build(&o, &index, err);
        free(index);
        free(sd);
    }
    return rc;
}

int report_batch_build(const report_options *opt, char **index_path, sim_err *err)
{
    char *dir = report_trim_dir(opt->dir);
    report_batch b;
    int rc = report_read_batch(dir, &b, err);
    if (rc) {
        free(dir);
        return rc;
    }
    batch_ctx c = {.b = &b, .dir = dir, .format = opt->format,
                   .p = sim_xcalloc(b.n, sizeof *c.p)};
    char *stage = NULL;
    if (!(rc = check_folders(dir, &b, err)) && !(rc = scenario_reports(opt, dir, &b, err)))
        rc = report_stage_begin(dir, &stage, err);
    c.stage = stage;
    if (!rc && !(rc = read_panels(&c, err)))
        rc = draw_panels(&c, err);
    if (!rc) {
        out_file o = {0};
        if (!(rc = out_open(&o, stage, "index.html", err))) {
            write_page(o.f, &c);
            rc = out_commit_all(&o, 1, err);
        }
    }
    if (stage)
        rc = report_stage_end(dir, stage, rc, index_path, err);
    for (size_t k = 0; k < b.n; k++)
        free(c.p[k].title);
    for (size_t i = 0; i < c.n_acc; i++)
        free(c.acc[i]);
    free(c.acc);
    free(c.p);
    free(stage);
    report_batch_free(&b);
    free(dir);
    return rc;
}
