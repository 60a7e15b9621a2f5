/* report_html.c: index.html of a report: one self-contained page (inline CSS,
 * images referenced relatively, nothing from the network). Everything taken
 * from the run's files is HTML-escaped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/config.h"
#include "report_int.h"

void report_html_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s >= 32 || *s == '\n' || *s == '\t')
                fputc(*s, f);
            else if (*s != '\r')
                fputs("&#xFFFD;", f);
        }
    }
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "margin:0;color:#1d2330;background:#f6f7f9;line-height:1.45}\n"
    "main{max-width:1260px;margin:0 auto;padding:18px 24px 40px;background:#fff;"
    "box-shadow:0 0 6px rgba(0,0,0,.08)}\n"
    "h1{font-size:1.55em;margin:.2em 0 .1em}h2{font-size:1.25em;margin:1.6em 0 .5em;"
    "padding-bottom:.2em;border-bottom:2px solid #dde3ea}h3{font-size:1.05em;margin:.2em 0 .4em}\n"
    ".meta{color:#5a6475;font-size:.92em;margin:0 0 .8em}\n"
    ".question{background:#f3f6fa;border-left:4px solid #1f77b4;padding:.4em 1em;margin:.6em 0}\n"
    ".question p{margin:.45em 0}\n"
    ".note{background:#fff8e1;border-left:4px solid #f0b400;padding:.45em 1em;margin:.6em 0}\n"
    "nav{font-size:.92em;margin:.8em 0}nav a{margin-right:1em}\n"
    "a{color:#1b5e9b}code{background:#eef1f5;padding:0 .25em;border-radius:3px;font-size:.92em}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "table{border-collapse:collapse;font-size:.86em;margin:.4em 0 1em}\n"
    "th,td{border:1px solid #d5dbe3;padding:.22em .55em;vertical-align:top}\n"
    "th{background:#eef1f5;text-align:left;font-weight:600;white-space:nowrap}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tbody tr:nth-child(even){background:#fafbfc}\n"
    "tr.ev-bad td{background:#fde8e7}tr.ev-warn td{background:#fff3e0}tr.ev-good td{background:#eef8ec}\n"
    "figure{margin:1.2em 0 2em;padding:0}figure img{width:100%;height:auto;border:1px solid #e3e7ec}\n"
    "figcaption{font-size:.92em;color:#2c3444;margin-top:.4em;max-width:1100px}\n"
    "figcaption p{margin:.35em 0}\n"
    "details{margin:.4em 0 1em}summary{cursor:pointer;color:#1b5e9b}\n"
    "pre{background:#f3f5f8;border:1px solid #dde3ea;padding:.7em 1em;font-size:.82em;"
    "overflow-x:auto;line-height:1.35}\n"
    ".panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:10px 16px}\n"
    ".panels figure{margin:.2em 0 .8em}.panels figcaption{margin-top:.15em}\n"
    "footer{color:#7a8394;font-size:.85em;margin-top:2em}\n";

/* ---- the scenario's header: title line and paragraphs ---- */

/* Escape s, showing `quoted` text as <code>. */
void report_url_segment(FILE *f, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
            strchr("-._~", *c))
            fputc(*c, f);
        else
            fprintf(f, "%%%02X", *c);
    }
}

static void escape_code(FILE *f, const char *s, size_t n, int *in_code)
{
    char buf[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`') {
            fputs(*in_code ? "</code>" : "<code>", f);
            *in_code = !*in_code;
            continue;
        }
        buf[0] = s[i];
        report_html_escape(f, buf);
    }
}

/* The header's first line is the title; the rest are paragraphs (blank lines
 * separate them; lines that start with a space or '-' keep their line break). */
void report_header_title(const char *header, char *out, size_t cap)
{
    size_t n = strcspn(header, "\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, header, n);
    out[n] = 0;
}

static void header_paragraphs(FILE *f, const char *header)
{
    const char *p = header + strcspn(header, "\n");
    int open = 0, in_code = 0;
    while (*p) {
        if (*p == '\n')
            p++;
        size_t n = strcspn(p, "\n");
        size_t blank = strspn(p, " \t");
        if (blank >= n) {
            if (open) {
                if (in_code)
                    fputs("</code>", f), in_code = 0;
                fputs("</p>\n", f);
            }
            open = 0;
        } else {
            if (!open)
                fputs("<p>", f);
            else
                fputs(blank || p[blank] == '-' ? "<br>\n" : "\n", f);
            open = 1;
            escape_code(f, p, n, &in_code);
        }
        p += n;
    }
    if (open) {
        if (in_code)
            fputs("</code>", f);
        fputs("</p>\n", f);
    }
}

/* ---- cells ---- */

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Digits grouped by thousands: 1234567 -> 1,234,567. */
void report_fmt_count(double v, char *out, size_t cap)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), o = 0;
    if (v < 0 && o + 1 < cap)
        out[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
}

/* A readable form of a summary value; the raw value stays in the title. */
void report_fmt_value(const char *col, const char *raw, char *out, size_t cap)
{
    double v;
    if (report_number(raw, &v)) {
        snprintf(out, cap, "%s", raw);
        return;
    }
    if ((ends_with(col, "_rate") && strcmp(col, "final_max_rate")) ||
        !strncmp(col, "reached_", 8) || !strncmp(col, "share_", 6))
        snprintf(out, cap, "%.3g%%", 100 * v);
    else if (ends_with(col, "_s")) {
        if (v < 120)
            snprintf(out, cap, "%.3g s", v);
        else if (v < 7200)
            snprintf(out, cap, "%.3g min", v / 60);
        else if (v < 172800)
            snprintf(out, cap, "%.3g h", v / 3600);
        else
            snprintf(out, cap, "%.3g d", v / 86400);
    } else if (v == floor(v) && fabs(v) < 1e15)
        report_fmt_count(v, out, cap);
    else if (fabs(v) >= 1000)
        report_fmt_count(round(v), out, cap);
    else
        snprintf(out, cap, "%.4g", v);
}

static void cell(FILE *f, const char *col, const char *raw)
{
    double v;
    if (!*raw) {
        fputs("<td class=\"n\" title=\"empty: never reached or not applicable\">&ndash;</td>", f);
        return;
    }
    if (report_number(raw, &v)) {
        fputs("<td>", f);
        report_html_escape(f, raw);
        fputs("</td>", f);
        return;
    }
    char shown[96];
    report_fmt_value(col, raw, shown, sizeof shown);
    fputs("<td class=\"n\" title=\"", f);
    report_html_escape(f, raw);
    fputs("\">", f);
    report_html_escape(f, shown);
    fputs("</td>", f);
}

/* ---- summary.csv ---- */

static void summary_table(FILE *f, const report_table *t)
{
    int c_rep = -1, c_acc = -1;
    for (size_t i = 0; i < t->ncol; i++) {
        if (!strcmp(t->head[i], "rep")) c_rep = (int)i;
        if (!strcmp(t->head[i], "account")) c_acc = (int)i;
    }
    fputs("<div class=\"scroll\"><table>\n", f);
    if (t->nrow <= 6) { /* few rows: one column per row, a line per field */
        fputs("<thead><tr><th>column</th>", f);
        for (size_t r = 0; r < t->nrow; r++) {
            fputs("<th>", f);
            if (c_acc >= 0)
                report_html_escape(f, t->rows[r][c_acc]);
            if (c_rep >= 0) {
                fputs(" (rep ", f);
                report_html_escape(f, t->rows[r][c_rep]);
                fputs(")", f);
            }
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (size_t i = 0; i < t->ncol; i++) {
            if ((int)i == c_rep || (int)i == c_acc)
                continue;
            fputs("<tr><th>", f);
            report_html_escape(f, t->head[i]);
            fputs("</th>", f);
            for (size_t r = 0; r < t->nrow; r++)
                cell(f, t->head[i], t->rows[r][i]);
            fputs("</tr>\n", f);
        }
    } else {
        fputs("<thead><tr>", f);
        for (size_t i = 0; i < t->ncol; i++) {
            fputs("<th>", f);
            report_html_escape(f, t->head[i]);
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (size_t r = 0; r < t->nrow; r++) {
            fputs("<tr>", f);
            for (size_t i = 0; i < t->ncol; i++)
                cell(f, t->head[i], t->rows[r][i]);
            fputs("</tr>\n", f);
        }
    }
    fputs("</tbody></table></div>\n", f);
    if (t->total > t->nrow)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows; all are in summary.csv.</p>\n",
                t->nrow, t->total);
}

/* Across replications: per account, each numeric column's mean and quantiles. */
static void replication_stats(FILE *f, const report_table *t)
{
    int c_rep = -1, c_acc = -1;
    for (size_t i = 0; i < t->ncol; i++) {
        if (!strcmp(t->head[i], "rep")) c_rep = (int)i;
        if (!strcmp(t->head[i], "account")) c_acc = (int)i;
    }
    if (c_acc < 0 || c_rep < 0)
        return;
    double *v = sim_xmalloc((t->nrow ? t->nrow : 1) * sizeof *v);
    int *done = sim_xcalloc(t->nrow ? t->nrow : 1, sizeof *done);
    for (size_t first = 0; first < t->nrow; first++) {
        if (done[first])
            continue;
        const char *acc = t->rows[first][c_acc];
        size_t reps = 0;
        for (size_t r = first; r < t->nrow; r++)
            if (!strcmp(t->rows[r][c_acc], acc))
                done[r] = 1, reps++;
        fputs("<h3>", f);
        report_html_escape(f, acc);
        fprintf(f, ": across %zu replications</h3>\n<div class=\"scroll\"><table>\n"
                   "<thead><tr><th>column</th><th>reps with a value</th><th>mean</th>"
                   "<th>p05</th><th>median</th><th>p95</th></tr></thead>\n<tbody>\n", reps);
        for (size_t i = 0; i < t->ncol; i++) {
            if ((int)i == c_rep || (int)i == c_acc)
                continue;
            size_t n = 0, numeric = 1;
            for (size_t r = first; r < t->nrow; r++) {
                if (strcmp(t->rows[r][c_acc], acc) || !*t->rows[r][i])
                    continue;
                if (report_number(t->rows[r][i], &v[n]))
                    numeric = 0;
                else
                    n++;
            }
            fputs("<tr><th>", f);
            report_html_escape(f, t->head[i]);
            fputs("</th>", f);
            if (!numeric) { /* text (final_status): each value and its count */
                fputs("<td colspan=\"5\">", f);
                for (size_t r = first; r < t->nrow; r++) {
                    if (strcmp(t->rows[r][c_acc], acc))
                        continue;
                    size_t seen = 0, count = 0;
                    for (size_t q = first; q < r; q++)
                        seen |= !strcmp(t->rows[q][c_acc], acc) && !strcmp(t->rows[q][i], t->rows[r][i]);
                    if (seen)
                        continue;
                    for (size_t q = r; q < t->nrow; q++)
                        count += !strcmp(t->rows[q][c_acc], acc) && !strcmp(t->rows[q][i], t->rows[r][i]);
                    report_html_escape(f, t->rows[r][i]);
                    fprintf(f, " %zu/%zu&ensp;", count, reps);
                }
                fputs("</td></tr>\n", f);
                continue;
            }
            fprintf(f, "<td class=\"n\">%zu/%zu</td>", n, reps);
            if (!n) {
                fputs("<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td>"
                      "<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td></tr>\n", f);
                continue;
            }
            gsl_sort(v, 1, n);
            double q[4] = {gsl_stats_mean(v, 1, n), gsl_stats_quantile_from_sorted_data(v, 1, n, 0.05),
                           gsl_stats_median_from_sorted_data(v, 1, n),
                           gsl_stats_quantile_from_sorted_data(v, 1, n, 0.95)};
            for (int k = 0; k < 4; k++) {
                char raw[64];
                snprintf(raw, sizeof raw, "%.10g", q[k]);
                cell(f, t->head[i], raw);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody></table></div>\n", f);
    }
    free(v);
    free(done);
}

/* ---- events.csv ---- */

static const char *event_class(const char *e)
{
    if (!strcmp(e, "paused") || !strcmp(e, "production_denied") || !strcmp(e, "quota_denied"))
        return "ev-bad";
    if (!strcmp(e, "review_started") || !strcmp(e, "circumvention_flagged") ||
        !strcmp(e, "related_review") || !strcmp(e, "reason_requested"))
        return "ev-warn";
    if (!strcmp(e, "quota_raised") || !strcmp(e, "production_granted") ||
        !strcmp(e, "quota_granted") || !strcmp(e, "review_cleared"))
        return "ev-good";
    return "";
}

static void events_table(FILE *f, const report_table *t, long reps)
{
    if (!t->total) {
        fputs("<p>No events: no quota change, review, pause or request happened.</p>\n", f);
        return;
    }
    int c_event = -1;
    for (size_t i = 0; i < t->ncol; i++)
        if (!strcmp(t->head[i], "event"))
            c_event = (int)i;
    fprintf(f, "<p class=\"meta\">%s%zu event%s in events.csv%s.</p>\n",
            t->total > t->nrow ? "The first rows of " : "", t->total, t->total == 1 ? "" : "s",
            reps > 1 ? ", every replication in file order" : "");
    fputs("<div class=\"scroll\"><table>\n<thead><tr>", f);
    for (size_t i = 0; i < t->ncol; i++) {
        fputs("<th>", f);
        report_html_escape(f, t->head[i]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t r = 0; r < t->nrow; r++) {
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
    fputs("</tbody></table></div>\n", f);
    if (t->total > t->nrow)
        fprintf(f, "<p class=\"meta\">Showing %zu of %zu events; the rest are in events.csv.</p>\n",
                t->nrow, t->total);
}

/* ---- a sweep: its definition and sweep.csv ---- */

static void sweep_definition(FILE *f, const report_sweep *sw)
{
    fputs("<h2 id=\"sweep\">Sweep</h2>\n<div class=\"scroll\"><table>\n<tbody>\n", f);
    fputs("<tr><th>scenario</th><td>", f);
    if (sw->scenario) {
        fputs("<code>", f);
        report_html_escape(f, sw->scenario);
        fputs("</code>", f);
    } else {
        fputs("(no sweep.ini)", f);
    }
    fputs("</td></tr>\n", f);
    fprintf(f, "<tr><th>points</th><td class=\"n\">%zu</td></tr>\n", sw->points);
    fprintf(f, "<tr><th>replications per point</th><td class=\"n\">%ld</td></tr>\n", sw->reps);
    fputs("<tr><th>targets (sim.targets)</th><td>", f);
    for (size_t t = 0; t < sw->n_targets; t++) {
        fputs(t ? ", " : "", f);
        report_html_escape(f, sw->targets[t]);
    }
    fputs(sw->n_targets ? "" : "&ndash;", f);
    fputs(" <span class=\"meta\">messages per 24 hours</span></td></tr>\n", f);
    fputs("<tr><th>accounts</th><td>", f);
    for (size_t i = 0; i < sw->n_acc; i++) {
        fputs(i ? ", " : "", f);
        report_html_escape(f, sw->accounts[i]);
    }
    fputs("</td></tr>\n</tbody></table></div>\n", f);

    fputs("<h3>Varied keys</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>key</th>"
          "<th>values, in sweep order</th><th>drawn as</th></tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < sw->n_axes; k++) {
        const report_axis *a = &sw->axes[k];
        fputs("<tr><th><code>", f);
        report_html_escape(f, a->key);
        fputs("</code></th><td>", f);
        for (size_t i = 0; i < a->n; i++) {
            fputs(i ? ", " : "", f);
            report_html_escape(f, a->values[i]);
        }
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
    fputs("</tbody></table></div>\n", f);
    if (sw->scenario && sw->n_axes) {
        fputs("<p class=\"meta\">Run again with <code>sesim sweep ", f);
        report_html_escape(f, sw->scenario);
        for (size_t k = 0; k < sw->n_axes; k++) {
            fputs(" --vary ", f);
            report_html_escape(f, sw->axes[k].key);
            fputs("=", f);
            for (size_t i = 0; i < sw->axes[k].n; i++) {
                fputs(i ? "," : "", f);
                report_html_escape(f, sw->axes[k].values[i]);
            }
        }
        fprintf(f, " --reps %ld</code> (with the same <code>--set</code> options, if any).</p>\n",
                sw->reps);
    }
}

static void sweep_results(FILE *f, const report_sweep *sw)
{
    const report_table *t = &sw->table;
    fputs("<h2 id=\"results\">Results (sweep.csv)</h2>\n<p class=\"meta\">One row per point "
          "and account. <code>days_to_T_*</code>: days from the start until the daily quota "
          "reached T (mean when every replication did; 10th, 50th, 90th percentile); "
          "<code>reached_T</code> and the shares: in % of replications; rates in %; means of "
          "the replications for the totals. &ndash;: never reached (or the percentile falls on "
          "a replication that never reached T). Hover a value for the exact figure.</p>\n", f);
    size_t shown = t->nrow < REPORT_MAX_SWEEP_SHOWN ? t->nrow : REPORT_MAX_SWEEP_SHOWN;
    fputs("<div class=\"scroll\"><table class=\"sweep\">\n<thead><tr>", f);
    for (size_t i = 0; i < t->ncol; i++) {
        fputs("<th>", f);
        report_html_escape(f, t->head[i]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t r = 0; r < shown; r++) {
        fputs("<tr>", f);
        for (size_t i = 0; i < t->ncol; i++)
            cell(f, t->head[i], t->rows[r][i]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
    if (t->nrow > shown)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows; all are in sweep.csv.</p>\n",
                shown, t->nrow);
}

/* ---- the page ---- */

void report_html_begin(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    fputs("sesim report: ", f);
    report_html_escape(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
}

void report_html_end(FILE *f)
{
    fputs("<footer>Made by sesim " SESIM_VERSION " (<code>sesim report</code>); what each plot "
          "shows: docs/report.md.</footer>\n</main>\n</body>\n</html>\n", f);
}

void report_write_html(FILE *f, const report_page *pg)
{
    char title[512] = "";
    if (pg->header && *pg->header)
        report_header_title(pg->header, title, sizeof title);
    report_html_begin(f, *title ? title : pg->dir);

    fputs("<h1>", f);
    report_html_escape(f, *title ? title : pg->sweep && !pg->run ? "sesim sweep" : "sesim run");
    fputs("</h1>\n<p class=\"meta\">sesim report of <code>", f);
    report_html_escape(f, pg->dir);
    fputs("</code>", f);
    const report_run *run = pg->run;
    if (run) {
        size_t n_real = 0, has_total = 0;
        for (size_t i = 0; i < run->n_acc; i++)
            n_real += !run->acc[i].is_total, has_total |= run->acc[i].is_total;
        fprintf(f, " &middot; %zu account%s", n_real, n_real == 1 ? "" : "s");
        if (has_total)
            fputs(" and their total <code>*</code>", f);
        fprintf(f, " &middot; %ld replication%s", run->max_rep, run->max_rep == 1 ? "" : "s");
    }
    const report_sweep *sw = pg->sweep;
    if (sw)
        fprintf(f, " &middot; a sweep of %zu key%s over %zu point%s, %ld replication%s each",
                sw->n_axes, sw->n_axes == 1 ? "" : "s", sw->points, sw->points == 1 ? "" : "s",
                sw->reps, sw->reps == 1 ? "" : "s");
    fputs("</p>\n", f);
    if (pg->header && *pg->header && pg->header[strcspn(pg->header, "\n")]) {
        fputs("<div class=\"question\">\n", f);
        header_paragraphs(f, pg->header);
        fputs("</div>\n", f);
    }
    for (size_t i = 0; i < pg->n_notes; i++)
        fprintf(f, "<p class=\"note\">%s</p>\n", pg->notes[i]);

    fputs("<nav>", f);
    if (sw)
        fputs("<a href=\"#sweep\">Sweep</a>", f);
    if (run && run->has_summary)
        fputs("<a href=\"#summary\">Summary</a>", f);
    for (size_t i = 0; i < pg->n_plots; i++) {
        fprintf(f, "<a href=\"#%s\">", pg->plots[i].id);
        report_html_escape(f, pg->plots[i].title);
        fputs("</a>", f);
    }
    if (sw)
        fputs("<a href=\"#results\">Results</a>", f);
    if (run && run->has_events)
        fputs("<a href=\"#events\">Events</a>", f);
    fputs("<a href=\"#scenario\">Scenario</a></nav>\n", f);

    if (sw)
        sweep_definition(f, sw);

    if (run && run->has_summary) {
        const report_table *t = &run->summary;
        fprintf(f, "<h2 id=\"summary\">Summary</h2>\n<p class=\"meta\">From summary.csv, one "
                   "%s per replication and account (hover a value for the exact figure). Rates "
                   "are shown in %%, delays in s, min, h or d, days counted from the start; "
                   "&ndash; means never reached or not applicable.</p>\n",
                t->nrow <= 6 ? "column" : "row");
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
    if (pg->n_plots)
        fputs("<h2 id=\"plots\">Plots</h2>\n", f);
    for (size_t i = 0; i < pg->n_plots; i++) {
        const report_plot *p = &pg->plots[i];
        fprintf(f, "<figure id=\"%s\">\n<h3>", p->id);
        report_html_escape(f, p->title);
        fputs("</h3>\n<img src=\"", f);
        report_html_escape(f, p->file);
        fputs("\" alt=\"", f);
        report_html_escape(f, p->title);
        fprintf(f, "\">\n<figcaption>%s</figcaption>\n</figure>\n", p->caption ? p->caption : "");
    }
    if (sw)
        sweep_results(f, sw);
    if (run && run->has_events) {
        fputs("<h2 id=\"events\">Events</h2>\n", f);
        events_table(f, &run->events, run->max_rep);
    }
    fputs("<h2 id=\"scenario\">Scenario</h2>\n", f);
    if (pg->scenario_text && sw && !run) {
        fputs("<p class=\"meta\"><code>", f);
        report_html_escape(f, pg->scenario_name ? pg->scenario_name : "scenario.ini");
        fputs("</code>: the fully resolved scenario of the sweep's first point; the other "
              "points differ only in the varied keys.</p>\n<pre>", f);
        report_html_escape(f, pg->scenario_text);
        fputs("</pre>\n", f);
    } else if (pg->scenario_text) {
        fputs("<p class=\"meta\">scenario.ini: the fully resolved scenario of this run; "
              "<code>sesim run scenario.ini</code> reproduces it.</p>\n<pre>", f);
        report_html_escape(f, pg->scenario_text);
        fputs("</pre>\n", f);
    } else {
        fputs(sw && !run ? "<p>No scenario.ini of a point in the folder (points/NNNN/).</p>\n"
                         : "<p>No scenario.ini in the folder.</p>\n", f);
    }
    report_html_end(f);
}
