/* report_sweep_html.c: the sections of a sweep's page: the facts under its
 * title, its definition (scenario, points, targets, the varied keys and how
 * they are drawn, the command that runs it again) before the plots, and
 * sweep.csv after them. */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

static void sweep_facts(FILE *f, const void *data)
{
    const report_sweep *sw = data;
    fprintf(f, " &middot; a sweep of %zu key%s over %zu point%s, %ld replication%s each",
            sw->n_axes, sw->n_axes == 1 ? "" : "s", sw->points, sw->points == 1 ? "" : "s",
            sw->reps, sw->reps == 1 ? "" : "s");
}

/* ---- the definition ---- */

static void definition_table(FILE *f, const report_sweep *sw)
{
    report_html_table_open(f, NULL);
    fputs("<tbody>\n<tr><th>scenario</th><td>", f);
    if (sw->scenario)
        report_html_tag(f, "code", sw->scenario);
    else
        fputs("(no sweep.ini)", f);
    fputs("</td></tr>\n", f);
    fprintf(f, "<tr><th>points</th><td class=\"n\">%zu</td></tr>\n", sw->points);
    fprintf(f, "<tr><th>replications per point</th><td class=\"n\">%ld</td></tr>\n", sw->reps);
    fputs("<tr><th>targets (sim.targets)</th><td>", f);
    report_html_join(f, sw->n_targets, (const char *const *)sw->targets, ", ");
    fputs(sw->n_targets ? "" : "&ndash;", f);
    fputs(" <span class=\"meta\">messages per 24 hours</span></td></tr>\n", f);
    fputs("<tr><th>accounts</th><td>", f);
    report_html_join(f, sw->n_acc, (const char *const *)sw->accounts, ", ");
    fputs("</td></tr>\n", f);
    report_html_table_end(f);
}

static const char *const keys_head[] = {"key", "values, in sweep order", "drawn as"};

static void keys_table(FILE *f, const report_sweep *sw)
{
    fputs("<h3>Varied keys</h3>\n", f);
    report_html_table_open(f, NULL);
    report_html_head(f, sizeof keys_head / sizeof keys_head[0], keys_head);
    for (size_t k = 0; k < sw->n_axes; k++) {
        const report_axis *a = &sw->axes[k];
        fputs("<tr><th>", f);
        report_html_tag(f, "code", a->key);
        fputs("</th><td>", f);
        report_html_join(f, a->n, (const char *const *)a->values, ", ");
        fputs("</td><td>", f);
        if (a->numeric) {
            fputs("numbers", f);
            if (a->unit[0]) {
                fputs(" in ", f);
                report_html_escape(f, a->unit);
            }
            fputs(a->log ? ", log scale" : "", f);
        } else {
            fputs("categories", f);
        }
        fputs("</td></tr>\n", f);
    }
    report_html_table_end(f);
}

/* An argument for a POSIX shell: in single quotes unless plainly safe. */
static void shell_word(FILE *f, const char *s)
{
    if (s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._=,:%/+-")]) {
        fputs("'", f);
        for (const char *p = s; *p; p++) {
            char c[2] = {*p, 0};
            report_html_escape(f, *p == '\'' ? "'\\''" : c);
        }
        fputs("'", f);
    } else {
        report_html_escape(f, s);
    }
}

/* The command that runs the sweep again, with its --set and --add. */
static void rerun(FILE *f, const report_sweep *sw)
{
    fputs("<p class=\"meta\">Run again with <code>sesim sweep ", f);
    report_html_escape(f, sw->scenario);
    for (size_t i = 0; i < sw->n_options; i++) { /* "--set KEY=VALUE" */
        const char *sp = strchr(sw->options[i], ' ');
        fputs(" ", f);
        fwrite(sw->options[i], 1, sp ? (size_t)(sp - sw->options[i]) : 0, f);
        fputs(" ", f);
        shell_word(f, sp ? sp + 1 : sw->options[i]);
    }
    for (size_t k = 0; k < sw->n_axes; k++) {
        fputs(" --vary ", f);
        report_html_escape(f, sw->axes[k].key);
        fputs("=", f);
        report_html_join(f, sw->axes[k].n, (const char *const *)sw->axes[k].values, ",");
    }
    fprintf(f, " --reps %ld</code>.</p>\n", sw->reps);
}

static void definition_section(FILE *f, const void *data)
{
    const report_sweep *sw = data;
    fputs("<h2 id=\"sweep\">Sweep</h2>\n", f);
    definition_table(f, sw);
    keys_table(f, sw);
    if (sw->scenario && sw->n_axes)
        rerun(f, sw);
}

/* ---- sweep.csv ---- */

static const char results_text[] =
    "<h2 id=\"results\">Results (sweep.csv)</h2>\n<p class=\"meta\">One row per point "
    "and account: the point and the varied keys, then the columns whose value differs "
    "between rows; the columns with one value in every row are listed under the table. "
    "<code>days_to_T_*</code>: days from the start until the daily quota "
    "reached T (mean when every replication did; 10th, 50th, 90th percentile); "
    "<code>reached_T</code> and the shares: in % of replications; rates in %; means of "
    "the replications for the totals. &ndash;: never reached (or the percentile falls on "
    "a replication that never reached T). Hover a value for the exact figure.</p>\n";

/* Column i has one value in the first `shown` rows. */
static int same_everywhere(const report_table *t, size_t i, size_t shown)
{
    for (size_t r = 1; r < shown; r++)
        if (strcmp(t->rows[r][i], t->rows[0][i]))
            return 0;
    return 1;
}

/* The columns shown, in order: point and the keys (and the account when
 * several), then the others that vary; *n_fixed the rest, in fixed[]. */
static size_t results_columns(const report_sweep *sw, size_t shown, size_t *cols, size_t *fixed,
                              size_t *n_fixed)
{
    const report_table *t = &sw->table;
    size_t n = 0, last_key = (size_t)sw->axes[sw->n_axes ? sw->n_axes - 1 : 0].col;
    *n_fixed = 0;
    for (size_t i = 0; i < t->ncol; i++) {
        int lead = i <= last_key || (!strcmp(t->head[i], "account") && sw->n_acc > 1);
        if (lead || (shown > 1 && !same_everywhere(t, i, shown)))
            cols[n++] = i;
        else
            fixed[(*n_fixed)++] = i;
    }
    return n;
}

static void fixed_list(FILE *f, const report_table *t, const size_t *fixed, size_t n)
{
    if (!n)
        return;
    fputs("<p class=\"meta\">The same in every row shown: ", f);
    for (size_t j = 0; j < n; j++) {
        char shown[96];
        const char *raw = t->rows[0][fixed[j]];
        report_fmt_value(t->head[fixed[j]], raw, shown, sizeof shown);
        fputs(j ? "; " : "", f);
        report_html_tag(f, "code", t->head[fixed[j]]);
        fputs(" ", f);
        report_html_escape(f, *raw ? shown : "\u2013");
    }
    fputs(".</p>\n", f);
}

/* The header row, each name breakable after its _ and . (the long names of
 * sweep.csv would make the table wider than the page). */
static void results_head(FILE *f, size_t n, const char *const *names)
{
    fputs("<thead><tr>", f);
    for (size_t i = 0; i < n; i++) {
        fputs("<th style=\"white-space:normal\">", f);
        for (const char *p = names[i]; *p; p++) {
            char c[2] = {*p, 0};
            report_html_escape(f, c);
            if ((*p == '_' || *p == '.') && p[1])
                fputs("<wbr>", f);
        }
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
}

static void results_section(FILE *f, const void *data)
{
    const report_sweep *sw = data;
    const report_table *t = &sw->table;
    fputs(results_text, f);
    size_t shown = t->nrow < REPORT_MAX_SWEEP_SHOWN ? t->nrow : REPORT_MAX_SWEEP_SHOWN;
    size_t *cols = sim_xmalloc((t->ncol + 1) * sizeof *cols);
    size_t *fixed = sim_xmalloc((t->ncol + 1) * sizeof *fixed), n_fixed;
    size_t nc = sw->n_axes ? results_columns(sw, shown, cols, fixed, &n_fixed) : 0;
    if (!sw->n_axes) /* no keys: every column, as it is */
        for (n_fixed = 0; nc < t->ncol; nc++)
            cols[nc] = nc;
    const char **head = sim_xmalloc((nc + 1) * sizeof *head);
    for (size_t j = 0; j < nc; j++)
        head[j] = t->head[cols[j]];
    report_html_table_open(f, "sweep");
    results_head(f, nc, head);
    for (size_t r = 0; r < shown; r++) {
        fputs("<tr>", f);
        for (size_t j = 0; j < nc; j++)
            report_html_cell(f, t->head[cols[j]], t->rows[r][cols[j]]);
        fputs("</tr>\n", f);
    }
    report_html_table_end(f);
    fixed_list(f, t, fixed, n_fixed);
    if (t->nrow > shown)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows; all are in sweep.csv.</p>\n",
                shown, t->nrow);
    free(head);
    free(fixed);
    free(cols);
}

void report_sweep_view(report_view *v, const report_sweep *sw)
{
    v->kind = "sesim sweep";
    v->facts = sweep_facts;
    v->before = (report_section){"sweep", "Sweep", definition_section};
    v->after = (report_section){"results", "Results", results_section};
    if (!v->scenario_name)
        v->scenario_name = "scenario.ini";
    v->scenario_about = ": the fully resolved scenario of the sweep's first point; the other "
                        "points differ only in the varied keys.";
    v->scenario_missing = "<p>No scenario.ini of a point in the folder (points/NNNN/).</p>\n";
    v->data = sw;
}
