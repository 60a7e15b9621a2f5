/* report_plan.c: the report of a plan's folder (`sesim plan`: plan.csv,
 * plan.txt, plan.ini): one plot, the day-by-day schedule cap against what
 * SES sent (mean and 5th to 95th percentile band) and the quota, above the
 * share of replications reviewed or paused by each day; a caption that says
 * it in words; plan.txt before the plot, plan.csv after it, plan.ini at the end. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/output.h"
#include "report_int.h"
#include "study/plan_tables.h"

/* The report reads every column of plan.csv (study/plan_tables.h's list), in
 * the order of data/plan.dat. */

typedef struct plan_ctx {
    report_page pg;
    report_table csv;  /* plan.csv */
    int has_csv;
    char *text;        /* plan.txt, or NULL */
    double *v;         /* [row * PLC_COLUMNS_N + column]; cap -1 when unlimited */
    double target;     /* from plan.txt; NAN when it does not say */
    double risk_limit; /* --risk, 0..1, from plan.txt; NAN */
} plan_ctx;

/* plan.csv's values as numbers; SIM_EINPUT naming the first cell that is not one. */
static int plan_values(plan_ctx *c, sim_err *err)
{
    const report_table *t = &c->csv;
    int col[PLC_COLUMNS_N];
    for (size_t k = 0; k < PLC_REQUIRED_N; k++)
        if ((col[k] = report_csv_column(t->ncol, t->head, plan_columns[k])) < 0)
            return sim_errorf(err, SIM_EINPUT, "plan.csv", 1, "no column %s", plan_columns[k]);
    c->v = sim_xmalloc((t->nrow ? t->nrow : 1) * PLC_COLUMNS_N * sizeof *c->v);
    for (size_t r = 0; r < t->nrow; r++)
        for (size_t k = 0; k < PLC_REQUIRED_N; k++) {
            const char *s = t->rows[r][col[k]];
            double *x = &c->v[r * PLC_COLUMNS_N + k];
            if (k == PLC_cap && !strcmp(s, "unlimited"))
                *x = -1;
            else if (report_number(s, x) != 0)
                return sim_errorf(err, SIM_EINPUT, "plan.csv", (long)r + 2,
                                  "%s: '%s' is not a number", plan_columns[k], s);
        }
    return 0;
}

/* The target and the risk limit, from plan.txt's first sentence ("... to a
 * quota of 100k a day by ..., reviewed or paused in at most 1% of ..."). */
static void plan_limits(plan_ctx *c)
{
    c->target = c->risk_limit = NAN;
    const char *s = c->text ? strstr(c->text, "to a quota of ") : NULL;
    char word[32], unit[16];
    double x;
    if (s && sscanf(s + 14, "%31s", word) == 1 && !report_value_number(word, &x, unit) && !unit[0])
        c->target = x;
    s = c->text ? strstr(c->text, "in at most ") : NULL;
    if (s && sscanf(s + 11, "%31[0-9.]%%", word) == 1 && !report_value_number(word, &x, unit))
        c->risk_limit = x / 100;
}

/* data/plan.dat (one row per day) and data/plan.gp (the plot's settings). */
static int plan_data(plan_ctx *c, sim_err *err)
{
    FILE *f = report_open_data(c->pg.stage, "data/plan.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    double top = isnan(c->target) ? 0 : c->target;
    for (size_t r = 0; r < c->csv.nrow; r++) {
        const double *x = &c->v[r * PLC_COLUMNS_N];
        for (size_t k = 0; k < PLC_REQUIRED_N; k++)
            fprintf(f, "%s%.10g", k ? "\t" : "", k == PLC_p_reviewed_or_paused ? 100 * x[k] : x[k]);
        fputc('\n', f);
        double m[] = {x[PLC_cap], x[PLC_ses_sent_p95], x[PLC_quota_p95]};
        for (size_t k = 0; k < 3; k++)
            top = m[k] > top ? m[k] : top;
    }
    int rc = report_close_data(f, "plan.dat", err);
    if (rc || !(f = report_open_data(c->pg.stage, "data/plan.gp", err)))
        return rc ? rc : SIM_ERUNTIME;
    fprintf(f, "fmt = '%s'\nplan_days = %zu\ny_max = %.10g\ntarget = %.10g\nrisk_limit = %.10g\n",
            c->pg.format == REPORT_SVG ? "svg" : "png", c->csv.nrow, top > 0 ? top : 1,
            isnan(c->target) ? -1 : c->target, isnan(c->risk_limit) ? -1 : 100 * c->risk_limit);
    return report_close_data(f, "plan.gp", err);
}

/* A count in words: 1,234,567. */
static const char *count(double v, char *buf, size_t n)
{
    report_fmt_count(v, buf, n);
    return buf;
}

/* The schedule in words. */
static void caption_cap(FILE *f, const plan_ctx *c)
{
    size_t n = c->csv.nrow, lift = 0, capped = 0;
    for (size_t r = 0; r < n; r++)
        if (c->v[r * PLC_COLUMNS_N + PLC_cap] >= 0)
            capped = r + 1;
        else if (capped && !lift)
            lift = r + 1;
    char a[32], b[32];
    if (!capped)
        fputs("The plan sets <b>no cap</b>: everything goes to SES from day 1, what SES refuses "
              "to the legacy provider. ", f);
    else if (lift)
        fprintf(f, "The schedule caps SES at <b>%s</b> on day 1, %s on day %zu, and lifts the cap "
                "on day %zu. ", count(c->v[PLC_cap], a, sizeof a),
                count(c->v[(lift - 2) * PLC_COLUMNS_N + PLC_cap], b, sizeof b), lift - 1, lift);
    else
        fprintf(f, "The schedule caps SES at <b>%s</b> on day 1 and %s on day %zu, the last. ",
                count(c->v[PLC_cap], a, sizeof a), count(c->v[(n - 1) * PLC_COLUMNS_N + PLC_cap], b, sizeof b), n);
}

static char *plan_caption(const plan_ctx *c)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    size_t n = c->csv.nrow, reach = 0, risky = 0;
    const double *last = &c->v[(n - 1) * PLC_COLUMNS_N];
    for (size_t r = 0; r < n; r++) {
        if (!reach && !isnan(c->target) && c->v[r * PLC_COLUMNS_N + PLC_quota_mean] >= c->target)
            reach = r + 1;
        if (!risky && c->v[r * PLC_COLUMNS_N + PLC_p_reviewed_or_paused] > 0)
            risky = r + 1;
    }
    caption_cap(f, c);
    char a[32], b[32], d[32], q[32];
    fprintf(f, "On day %zu, the last, SES sends %s messages (mean; %s to %s in 90%% of the "
            "replications) and the quota is %s. ", n, count(last[PLC_ses_sent_mean], a, sizeof a),
            count(last[PLC_ses_sent_p05], b, sizeof b), count(last[PLC_ses_sent_p95], d, sizeof d),
            count(last[PLC_quota_mean], q, sizeof q));
    if (!isnan(c->target))
        fprintf(f, reach ? "The mean quota reaches the target, %s, on day %zu. "
                         : "The mean quota never reaches the target, %s. ",
                count(c->target, b, sizeof b), reach);
    if (!risky)
        fputs("No replication is reviewed or paused by the last day.", f);
    else
        fprintf(f, "Replications reviewed or paused: the first on day %zu, %.0f%% by day %zu%s.",
                risky, 100 * last[PLC_p_reviewed_or_paused], n,
                isnan(c->risk_limit) ? "" : (last[PLC_p_reviewed_or_paused] <= c->risk_limit + 1e-9 ? ", within --risk"
                                                                                 : ", above --risk"));
    return report_mem_close(&m);
}

static void plan_facts(FILE *f, const void *data)
{
    const plan_ctx *c = data;
    fprintf(f, " &middot; a plan over %zu day%s", c->csv.nrow, c->csv.nrow == 1 ? "" : "s");
}

static void plan_text_section(FILE *f, const void *data)
{
    const plan_ctx *c = data;
    fputs("<h2 id=\"plan\">The plan (plan.txt)</h2>\n<pre>", f);
    report_html_escape(f, c->text ? c->text : "(no readable plan.txt in the folder)");
    fputs("</pre>\n", f);
}

static void plan_days_section(FILE *f, const void *data)
{
    const plan_ctx *c = data;
    fputs("<h2 id=\"days\">Day by day (plan.csv)</h2>\n<p class=\"meta\">From the plan's run "
          "(run/): the cap, what SES accepted that day and the quota at the day's end (mean, "
          "5th and 95th percentiles over the replications), and the share of replications "
          "reviewed or paused by then.</p>\n", f);
    report_html_csv_table(f, &c->csv, c->csv.nrow);
}

/* When plan.txt says no plan meets the constraints, its reason as a note:
 * the plot then shows the best found. */
static void plan_failed_note(plan_ctx *c)
{
    const char *s = c->text ? strstr(c->text, "No plan meets the constraints") : NULL;
    if (!s)
        return;
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs("<b>", f);
    size_t n = strcspn(s, "\n");
    char *line = sim_xmalloc(n + 1);
    memcpy(line, s, n);
    line[n] = 0;
    report_html_escape(f, line);
    free(line);
    fputs("</b> The plot shows the best schedule found (sesim plan exited 1).", f);
    report_page_note(&c->pg, report_mem_close(&m));
}

/* Read the folder's files, then draw the plot. */
static int plan_plot(plan_ctx *c, sim_err *err)
{
    char *path = out_join(c->pg.dir, "plan.csv");
    int rc = report_read_table(path, REPORT_MAX_PLAN_DAYS, &c->csv, err);
    free(path);
    if (rc)
        return rc;
    c->has_csv = 1;
    path = out_join(c->pg.dir, "plan.txt");
    c->text = out_read_file(path, 1 << 20, NULL);
    free(path);
    plan_limits(c);
    plan_failed_note(c);
    if ((rc = plan_values(c, err)))
        return rc;
    if (!c->csv.nrow) {
        report_page_note(&c->pg, sim_xstrdup("plan.csv has no rows: nothing to plot."));
        return 0;
    }
    if ((rc = report_page_need_gnuplot(&c->pg, err)) || (rc = plan_data(c, err)))
        return rc;
    report_plot_spec p = {.meta = "data/plan.gp", .script = "report-plan.gp",
                          .file = c->pg.format == REPORT_SVG ? "plan.svg" : "plan.png",
                          .id = "schedule", .title = "The schedule against the quota, and the risk by day"};
    return report_page_plot(&c->pg, &p, plan_caption(c), err);
}

int report_plan_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    plan_ctx c;
    memset(&c, 0, sizeof c);
    int rc = report_page_begin(&c.pg, opt, err);
    if (!rc)
        rc = plan_plot(&c, err);
    char *ini = rc ? NULL : out_join(c.pg.dir, "plan.ini");
    char *scn_text = ini ? report_scenario_text(ini) : NULL;
    report_view v = {.kind = "sesim plan", .facts = plan_facts, .scenario_text = scn_text,
                     .scenario_name = "plan.ini",
                     .scenario_about = ": the scenario with the plan applied; run it with "
                                       "<code>sesim run plan.ini</code>.",
                     .scenario_missing = "<p>No readable plan.ini in the folder.</p>\n",
                     .before = {"plan", "Plan", plan_text_section},
                     .after = {"days", "Day by day", plan_days_section}, .data = &c};
    rc = report_page_end(&c.pg, &v, rc, index_path, err);
    free(ini);
    free(scn_text);
    free(c.text);
    free(c.v);
    if (c.has_csv)
        report_table_free(&c.csv);
    report_page_free(&c.pg);
    return rc;
}
