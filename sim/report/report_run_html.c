/* report_run_html.c: the sections of a run's page: the facts under its title,
 * summary.csv (with statistics across replications when there are several)
 * before the plots, events.csv after them. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "report_int.h"
#include "run/columns.h"

static void run_facts(FILE *f, const void *data)
{
    const report_run *run = data;
    size_t n_real = 0, has_total = 0;
    for (size_t i = 0; i < run->n_acc; i++)
        n_real += !run->acc[i].is_total, has_total |= run->acc[i].is_total;
    fprintf(f, " &middot; %zu account%s", n_real, n_real == 1 ? "" : "s");
    if (has_total)
        fputs(" and their total <code>*</code>", f);
    fprintf(f, " &middot; %ld replication%s", run->max_rep, run->max_rep == 1 ? "" : "s");
}

/* ---- summary.csv ---- */

typedef struct summary_cols {
    int rep, acc; /* -1: none */
} summary_cols;

static summary_cols columns_of(const report_table *t)
{
    summary_cols c = {-1, -1};
    for (size_t i = 0; i < t->ncol; i++) {
        if (!strcmp(t->head[i], "rep")) c.rep = (int)i;
        if (!strcmp(t->head[i], "account")) c.acc = (int)i;
    }
    return c;
}

/* Few rows: one column per row ("ACCOUNT (rep N)"), a line per field. */
static void summary_by_column(FILE *f, const report_table *t, summary_cols c)
{
    fputs("<thead><tr><th>column</th>", f);
    for (size_t r = 0; r < t->nrow; r++) {
        fputs("<th>", f);
        if (c.acc >= 0)
            report_html_escape(f, report_account_label(t->rows[r][c.acc]));
        if (c.rep >= 0) {
            fputs(" (rep ", f);
            report_html_escape(f, t->rows[r][c.rep]);
            fputs(")", f);
        }
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < t->ncol; i++) {
        if ((int)i == c.rep || (int)i == c.acc)
            continue;
        fputs("<tr>", f);
        report_html_tag(f, "th", t->head[i]);
        for (size_t r = 0; r < t->nrow; r++)
            report_html_cell(f, t->head[i], t->rows[r][i]);
        fputs("</tr>\n", f);
    }
}

static void summary_by_row(FILE *f, const report_table *t)
{
    report_html_head(f, t->ncol, (const char *const *)t->head);
    for (size_t r = 0; r < t->nrow; r++) {
        fputs("<tr>", f);
        for (size_t i = 0; i < t->ncol; i++)
            report_html_cell(f, t->head[i], t->rows[r][i]);
        fputs("</tr>\n", f);
    }
}

static void summary_table(FILE *f, const report_table *t)
{
    report_html_table_open(f, NULL);
    if (t->nrow <= 6)
        summary_by_column(f, t, columns_of(t));
    else
        summary_by_row(f, t);
    report_html_table_end(f);
    if (t->total > t->nrow)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows; all are in summary.csv.</p>\n",
                t->nrow, t->total);
}

/* ---- across replications: per account, each column's mean and quantiles ---- */

/* The rows of one account: the first, and the flags of every row (done). */
typedef struct acc_rows {
    const report_table *t;
    summary_cols c;
    size_t first, reps;
    const char *name;
} acc_rows;

static int of_account(const acc_rows *a, size_t r)
{
    return !strcmp(a->t->rows[r][a->c.acc], a->name);
}

/* A text column (final_status): each value and its count. */
static void text_counts(FILE *f, const acc_rows *a, size_t col)
{
    const report_table *t = a->t;
    fputs("<td colspan=\"5\">", f);
    for (size_t r = a->first; r < t->nrow; r++) {
        if (!of_account(a, r))
            continue;
        size_t seen = 0, count = 0;
        for (size_t q = a->first; q < r; q++)
            seen |= of_account(a, q) && !strcmp(t->rows[q][col], t->rows[r][col]);
        if (seen)
            continue;
        for (size_t q = r; q < t->nrow; q++)
            count += of_account(a, q) && !strcmp(t->rows[q][col], t->rows[r][col]);
        report_html_escape(f, t->rows[r][col]);
        fprintf(f, " %zu/%zu&ensp;", count, a->reps);
    }
    fputs("</td></tr>\n", f);
}

/* One column's row: its values' count, mean, p05, median, p95 (v: scratch). */
static void stats_row(FILE *f, const acc_rows *a, size_t col, double *v)
{
    const report_table *t = a->t;
    size_t n = 0, numeric = 1;
    for (size_t r = a->first; r < t->nrow; r++) {
        if (!of_account(a, r) || !*t->rows[r][col])
            continue;
        if (report_number(t->rows[r][col], &v[n]))
            numeric = 0;
        else
            n++;
    }
    fputs("<tr>", f);
    report_html_tag(f, "th", t->head[col]);
    if (!numeric) {
        text_counts(f, a, col);
        return;
    }
    fprintf(f, "<td class=\"n\">%zu/%zu</td>", n, a->reps);
    if (!n) {
        fputs("<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td>"
              "<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td></tr>\n", f);
        return;
    }
    gsl_sort(v, 1, n);
    double q[4] = {gsl_stats_mean(v, 1, n), gsl_stats_quantile_from_sorted_data(v, 1, n, 0.05),
                   gsl_stats_median_from_sorted_data(v, 1, n),
                   gsl_stats_quantile_from_sorted_data(v, 1, n, 0.95)};
    for (int k = 0; k < 4; k++) {
        char raw[64];
        snprintf(raw, sizeof raw, "%.10g", q[k]);
        report_html_cell(f, t->head[col], raw);
    }
    fputs("</tr>\n", f);
}

static const char *const stats_head[] = {"column", "reps with a value", "mean", "p05",
                                         "median", "p95"};

static void account_stats(FILE *f, const acc_rows *a, double *v)
{
    fputs("<h3>", f);
    report_html_escape(f, report_account_label(a->name));
    fprintf(f, ": across %zu replications</h3>\n", a->reps);
    report_html_table_open(f, NULL);
    report_html_head(f, sizeof stats_head / sizeof stats_head[0], stats_head);
    for (size_t i = 0; i < a->t->ncol; i++)
        if ((int)i != a->c.rep && (int)i != a->c.acc)
            stats_row(f, a, i, v);
    report_html_table_end(f);
}

static void replication_stats(FILE *f, const report_table *t)
{
    summary_cols c = columns_of(t);
    if (c.acc < 0 || c.rep < 0)
        return;
    double *v = sim_xmalloc((t->nrow ? t->nrow : 1) * sizeof *v);
    int *done = sim_xcalloc(t->nrow ? t->nrow : 1, sizeof *done);
    for (size_t first = 0; first < t->nrow; first++) {
        if (done[first])
            continue;
        acc_rows a = {.t = t, .c = c, .first = first, .name = t->rows[first][c.acc]};
        for (size_t r = first; r < t->nrow; r++)
            if (of_account(&a, r))
                done[r] = 1, a.reps++;
        account_stats(f, &a, v);
    }
    free(v);
    free(done);
}

/* Does summary.csv have the organisation's rows `*`? */
static int has_org_row(const report_table *t)
{
    int c_acc = columns_of(t).acc;
    for (size_t r = 0; c_acc >= 0 && r < t->nrow; r++)
        if (!strcmp(t->rows[r][c_acc], "*"))
            return 1;
    return 0;
}

static const char summary_text[] =
    "<h2 id=\"summary\">Summary</h2>\n<p class=\"meta\">From summary.csv, one "
    "%s per replication and account (hover a value for the exact figure). Rates "
    "are shown in %%, delays in s, min, h or d, days counted from the start; "
    "&ndash; means never reached or not applicable.%s</p>\n";
static const char summary_org[] =
    " <code>* (all accounts)</code> is the organisation: its demand and overflow do not "
    "count twice what one account of a split stream handed to the next, its days under "
    "review or paused are the days some account was.";

static void summary_section(FILE *f, const void *data)
{
    const report_run *run = data;
    const report_table *t = &run->summary;
    fprintf(f, summary_text, t->nrow <= 6 ? "column" : "row", has_org_row(t) ? summary_org : "");
    if (run->max_rep > 1) { /* the statistics first, every replication on demand */
        replication_stats(f, t);
        fprintf(f, "<details%s><summary>Every replication (%zu rows)</summary>\n",
                t->nrow <= 6 ? " open" : "", t->total);
        summary_table(f, t);
        fputs("</details>\n", f);
    } else {
        summary_table(f, t);
    }
}

/* ---- events.csv ---- */

/* The row's class, from the event's tone in models/event_types.h. */
static const char *event_class(const char *e)
{
    static const char *const cls[] = {[EVENT_PLAIN] = "", [EVENT_GOOD] = "ev-good",
                                      [EVENT_WARN] = "ev-warn", [EVENT_BAD] = "ev-bad"};
    int ev = event_find(e);
    return ev < 0 ? "" : cls[event_tone_of((event_type)ev)];
}

static void event_row(FILE *f, const report_table *t, size_t r, int c_event)
{
    const char *cls = c_event >= 0 ? event_class(t->rows[r][c_event]) : "";
    fprintf(f, "<tr%s%s%s>", *cls ? " class=\"" : "", cls, *cls ? "\"" : "");
    for (size_t i = 0; i < t->ncol; i++) {
        double v;
        int num = !report_number(t->rows[r][i], &v);
        fputs(num ? "<td class=\"n\">" : "<td>", f);
        report_html_escape(f, t->rows[r][i]);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

static void events_section(FILE *f, const void *data)
{
    const report_run *run = data;
    const report_table *t = &run->events;
    fputs("<h2 id=\"events\">Events</h2>\n", f);
    if (!t->total) {
        fputs("<p>No events: no quota change, review, pause or request happened.</p>\n", f);
        return;
    }
    int c_event = report_csv_column(t->ncol, t->head, columns_events[EVT_event]);
    fprintf(f, "<p class=\"meta\">%s%zu event%s in events.csv%s.</p>\n",
            t->total > t->nrow ? "The first rows of " : "", t->total, t->total == 1 ? "" : "s",
            run->max_rep > 1 ? ", every replication in file order" : "");
    report_html_table_open(f, NULL);
    report_html_head(f, t->ncol, (const char *const *)t->head);
    for (size_t r = 0; r < t->nrow; r++)
        event_row(f, t, r, c_event);
    report_html_table_end(f);
    if (t->total > t->nrow)
        fprintf(f, "<p class=\"meta\">Showing %zu of %zu events; the rest are in events.csv.</p>\n",
                t->nrow, t->total);
}

void report_run_view(report_view *v, const report_run *run)
{
    v->kind = "sesim run";
    v->facts = run_facts;
    v->before = run->has_summary ? (report_section){"summary", "Summary", summary_section}
                                 : (report_section){0};
    v->after = run->has_events ? (report_section){"events", "Events", events_section}
                               : (report_section){0};
    v->scenario_name = NULL;
    v->scenario_about = "scenario.ini: the fully resolved scenario of this run; "
                        "<code>sesim run scenario.ini</code> reproduces it.";
    v->scenario_missing = "<p>No scenario.ini in the folder.</p>\n";
    v->data = run;
}
