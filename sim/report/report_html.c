/* report_html.c: the HTML of the reports: one self-contained page (inline CSS,
 * images referenced relatively, nothing from the network), written from small
 * helpers: escaped text, tags, cells, tables, and the frame of a run's or a
 * sweep's page (report_write_page) whose sections each report supplies.
 * Everything taken from the run's files is HTML-escaped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/units.h"
#include "report_int.h"
#include "study/sweep_tables.h"

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

const char *report_account_label(const char *name)
{
    return strcmp(name, "*") ? name : "* (all accounts)";
}

void report_html_tag(FILE *f, const char *tag, const char *s)
{
    fprintf(f, "<%s>", tag);
    report_html_escape(f, s);
    fprintf(f, "</%s>", tag);
}

void report_html_join(FILE *f, size_t n, const char *const *v, const char *sep)
{
    for (size_t i = 0; i < n; i++) {
        fputs(i ? sep : "", f);
        report_html_escape(f, v[i]);
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

/* ---- the scenario's header: title line and paragraphs ---- */

/* Escape s, showing `quoted` text as <code>. */
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

/* ---- cells and tables ---- */

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

/* "2026-01-14 (day 9)" for a time in seconds since 1970. */
void report_when(FILE *f, double t, double t0)
{
    char d[UNITS_BUF];
    units_fmt_datetime((int64_t)llround(t * 1000.0), d);
    d[strcspn(d, "T")] = 0;
    fprintf(f, "%s (day %.3g)", d, (t - t0) / 86400.0);
}

void report_count(FILE *f, double v)
{
    char s[64];
    report_fmt_count(round(v), s, sizeof s);
    fputs(s, f);
}

/* A readable form of a summary value; the raw value stays in the title. */
/* sweep.csv's shares (reached_T, share_paused, ...), named in sweep_tables.h */
static int is_share_column(const char *col)
{
    const char *reached = sweep_target_prefix[SWT_reached];
    if (!strncmp(col, reached, strlen(reached)))
        return 1;
    for (int k = 0; k < SWS_N; k++)
        if (!strcmp(col, sweep_share_names[k]))
            return 1;
    return 0;
}

void report_fmt_value(const char *col, const char *raw, char *out, size_t cap)
{
    double v;
    if (report_number(raw, &v)) {
        snprintf(out, cap, "%s", raw);
        return;
    }
    if ((ends_with(col, "_rate") && strcmp(col, "final_max_rate")) ||
        is_share_column(col))
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

void report_html_cell(FILE *f, const char *col, const char *raw)
{
    double v;
    if (!*raw) {
        fputs("<td class=\"n\" title=\"empty: never reached or not applicable\">&ndash;</td>", f);
        return;
    }
    if (report_number(raw, &v)) {
        report_html_tag(f, "td", raw);
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

void report_html_table_open(FILE *f, const char *cls)
{
    fputs("<div class=\"scroll\"><table", f);
    if (cls)
        fprintf(f, " class=\"%s\"", cls);
    fputs(">\n", f);
}

void report_html_head(FILE *f, size_t n, const char *const *names)
{
    fputs("<thead><tr>", f);
    for (size_t i = 0; i < n; i++)
        report_html_tag(f, "th", names[i]);
    fputs("</tr></thead>\n<tbody>\n", f);
}

void report_html_table_end(FILE *f)
{
    fputs("</tbody></table></div>\n", f);
}

void report_html_csv_table(FILE *f, const report_table *t, size_t max_rows)
{
    size_t shown = t->nrow < max_rows ? t->nrow : max_rows;
    report_html_table_open(f, NULL);
    report_html_head(f, t->ncol, (const char *const *)t->head);
    for (size_t r = 0; r < shown; r++) {
        fputs("<tr>", f);
        for (size_t i = 0; i < t->ncol; i++)
            report_html_cell(f, t->head[i], t->rows[r][i]);
        fputs("</tr>\n", f);
    }
    report_html_table_end(f);
    if (t->nrow > shown)
        fprintf(f, "<p class=\"meta\">The first %zu of %zu rows.</p>\n", shown, t->nrow);
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

/* The title, the facts, the question (the header's paragraphs), the notes. */
static void page_top(FILE *f, const report_view *v)
{
    char title[512] = "";
    if (v->header && *v->header)
        report_header_title(v->header, title, sizeof title);
    report_html_begin(f, *title ? title : v->dir);
    report_html_tag(f, "h1", *title ? title : v->kind);
    fputs("\n<p class=\"meta\">sesim report of ", f);
    report_html_tag(f, "code", v->dir);
    if (v->facts)
        v->facts(f, v->data);
    fputs("</p>\n", f);
    if (v->header && *v->header && v->header[strcspn(v->header, "\n")]) {
        fputs("<div class=\"question\">\n", f);
        header_paragraphs(f, v->header);
        fputs("</div>\n", f);
    }
    for (size_t i = 0; i < v->n_notes; i++)
        fprintf(f, "<p class=\"note\">%s</p>\n", v->notes[i]);
}

static void nav_link(FILE *f, const char *id, const char *text)
{
    fprintf(f, "<a href=\"#%s\">", id);
    report_html_escape(f, text);
    fputs("</a>", f);
}

static void page_nav(FILE *f, const report_view *v)
{
    fputs("<nav>", f);
    if (v->before.id)
        nav_link(f, v->before.id, v->before.nav);
    for (size_t i = 0; i < v->n_plots; i++)
        nav_link(f, v->plots[i].id, v->plots[i].title);
    if (v->after.id)
        nav_link(f, v->after.id, v->after.nav);
    nav_link(f, "scenario", "Scenario");
    fputs("</nav>\n", f);
}

static void page_plots(FILE *f, const report_view *v)
{
    if (v->n_plots)
        fputs("<h2 id=\"plots\">Plots</h2>\n", f);
    for (size_t i = 0; i < v->n_plots; i++) {
        const report_plot *p = &v->plots[i];
        fprintf(f, "<figure id=\"%s\">\n", p->id);
        report_html_tag(f, "h3", p->title);
        fputs("\n<img src=\"", f);
        report_html_escape(f, p->file);
        fputs("\" alt=\"", f);
        report_html_escape(f, p->title);
        fprintf(f, "\">\n<figcaption>%s</figcaption>\n</figure>\n", p->caption ? p->caption : "");
    }
}

static void page_scenario(FILE *f, const report_view *v)
{
    fputs("<h2 id=\"scenario\">Scenario</h2>\n", f);
    if (!v->scenario_text) {
        fputs(v->scenario_missing, f);
        return;
    }
    fputs("<p class=\"meta\">", f);
    if (v->scenario_name)
        report_html_tag(f, "code", v->scenario_name);
    fprintf(f, "%s</p>\n<pre>", v->scenario_about);
    report_html_escape(f, v->scenario_text);
    fputs("</pre>\n", f);
}

void report_write_page(FILE *f, const report_view *v)
{
    page_top(f, v);
    page_nav(f, v);
    if (v->before.id)
        v->before.write(f, v->data);
    page_plots(f, v);
    if (v->after.id)
        v->after.write(f, v->data);
    page_scenario(f, v);
    report_html_end(f);
}
