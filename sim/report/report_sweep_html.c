/* report_sweep_html.c: the sections of a sweep's page: the facts under its
 * title, its definition (scenario, points, targets, the varied keys and how
 * they are drawn, the command that runs it again) before the plots, and
 * sweep.csv after them. */
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
    "and account. <code>days_to_T_*</code>: days from the start until the daily quota "
    "reached T (mean when every replication did; 10th, 50th, 90th percentile); "
    "<code>reached_T</code> and the shares: in % of replications; rates in %; means of "
    "the replications for the totals. &ndash;: never reached (or the percentile falls on "
    "a replication that never reached T). Hover a value for the exact figure.</p>\n";

static void results_section(FILE *f, const void *data)
{
    const report_sweep *sw = data;
    const report_table *t = &sw->table;
    fputs(results_text, f);
    size_t shown = t->nrow < REPORT_MAX_SWEEP_SHOWN ? t->nrow : REPORT_MAX_SWEEP_SHOWN;
    report_html_table_open(f, "sweep");
    report_html_head(f, t->ncol, (const char *const *)t->head);
    for (size_t r = 0; r < shown; r++) {
        fputs("<tr>", f);
        for (size_t i = 0; i < t->ncol; i++)
            report_html_cell(f, t->head[i], t->rows[r][i]);
        fputs("</tr>\n", f);
    }
    report_html_table_end(f);
    if (t->nrow > shown)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows; all are in sweep.csv.</p>\n",
                shown, t->nrow);
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
