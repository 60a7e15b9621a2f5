/* test_report.c: the pieces of `sesim report` that need no gnuplot: format
 * names, escaping for HTML and for gnuplot strings, numbers, the CSV reader,
 * reading a run (rep 1 kept, events as markers, errors with a line), rolling
 * 24-hour sums, when the quota covers the demand, and the page's text; for a
 * sweep folder: values as numbers, reading sweep.csv and sweep.ini, series,
 * captions and the page; for a batch folder: batch.csv, the panels' common
 * axes and the medians across replications. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_int.h"
#include "suite.h"

/* ---- helpers ---- */

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/sesim-report-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
}

static void put(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void remove_dir(void)
{
    static const char *const names[] = {"timeseries.csv", "events.csv", "summary.csv",
                                        "bands.csv", "t.csv", "sweep.csv", "sweep.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* ---- format, escaping, numbers ---- */

static void test_format(void)
{
    int fmt = -1;
    sim_err err = {0};
    CU_ASSERT_EQUAL(report_parse_format("png", &fmt, &err), 0);
    CU_ASSERT_EQUAL(fmt, REPORT_PNG);
    CU_ASSERT_EQUAL(report_parse_format("svg", &fmt, &err), 0);
    CU_ASSERT_EQUAL(fmt, REPORT_SVG);
    CU_ASSERT_EQUAL(report_parse_format("PNG", &fmt, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "expected png or svg"));
    CU_ASSERT_EQUAL(report_parse_format("", &fmt, &err), SIM_EINPUT);
}

static void test_html_escape(void)
{
    char *s = test_captured(report_html_escape, "<a href='x'>\"Tom\" & Jerry</a>");
    CU_ASSERT_STRING_EQUAL(s, "&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; &amp; Jerry&lt;/a&gt;");
    free(s);
    s = test_captured(report_html_escape, "caf\xc3\xa9\x01\n");
    CU_ASSERT_STRING_EQUAL(s, "caf\xc3\xa9&#xFFFD;\n"); /* UTF-8 kept, control bytes replaced */
    free(s);
}

/* The helpers the pages are written from: tags, lists and tables escape what
 * they are given; report_strf and report_mem build text in memory. */
static void test_html_helpers(void)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    report_html_tag(f, "b", "a<b");
    const char *const v[] = {"x&y", "z"};
    report_html_join(f, 2, v, ", ");
    report_html_table_open(f, "sweep");
    report_html_head(f, 2, v);
    report_html_table_end(f);
    char *s = report_mem_close(&m);
    CU_ASSERT_STRING_EQUAL(s, "<b>a&lt;b</b>x&amp;y, z<div class=\"scroll\"><table class=\"sweep\">\n"
                              "<thead><tr><th>x&amp;y</th><th>z</th></tr></thead>\n<tbody>\n"
                              "</tbody></table></div>\n");
    free(s);
    s = report_strf("%s-%zu.%s", "sweep-days", (size_t)12, "png");
    CU_ASSERT_STRING_EQUAL(s, "sweep-days-12.png");
    free(s);
    s = report_strf("%s", "");
    CU_ASSERT_STRING_EQUAL(s, "");
    free(s);
}

static void test_url_segment(void)
{
    char *s = test_captured(report_url_segment, "a#b 50%/x_y-z.~\xc3\xa9");
    CU_ASSERT_STRING_EQUAL(s, "a%23b%2050%25%2Fx_y-z.~%C3%A9");
    free(s);
}

static void test_gp_string(void)
{
    char *s = test_captured(report_gp_string, "it's a \"run\" \\ dir");
    CU_ASSERT_STRING_EQUAL(s, "\"it's a \\\"run\\\" \\\\ dir\""); /* double quotes: \" and \\ */
    free(s);
    s = test_captured(report_gp_string, "line\nbreak\t");
    CU_ASSERT_STRING_EQUAL(s, "\"linebreak\"");
    free(s);
    /* a leading quote (a batch's scenario 'q): gnuplot 5.4 refused '''q' */
    s = test_captured(report_gp_string, "'q");
    CU_ASSERT_STRING_EQUAL(s, "\"'q\"");
    free(s);
}

static void test_number(void)
{
    double v = -1;
    CU_ASSERT_EQUAL(report_number("1.5", &v), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 1.5, 0);
    CU_ASSERT_EQUAL(report_number("1e3", &v), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 1000, 0);
    v = -1;
    CU_ASSERT_EQUAL(report_number("", &v), -1);
    CU_ASSERT_EQUAL(report_number("12x", &v), -1);
    CU_ASSERT_EQUAL(report_number("nan", &v), -1);
    CU_ASSERT_EQUAL(report_number("inf", &v), -1);
    CU_ASSERT_DOUBLE_EQUAL(v, -1, 0);
}

static void test_fmt_count(void)
{
    char b[64];
    report_fmt_count(1234567, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "1,234,567");
    report_fmt_count(999, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "999");
    report_fmt_count(0, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "0");
    report_fmt_count(-1000, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "-1,000");
}

static void test_status_code(void)
{
    CU_ASSERT_EQUAL(report_status_code("sandbox"), RS_SANDBOX);
    CU_ASSERT_EQUAL(report_status_code("healthy"), RS_HEALTHY);
    CU_ASSERT_EQUAL(report_status_code("under_review"), RS_UNDER_REVIEW);
    CU_ASSERT_EQUAL(report_status_code("paused"), RS_PAUSED);
    CU_ASSERT_EQUAL(report_status_code("Paused"), -1);
}

/* ---- the CSV reader ---- */

typedef struct rows { size_t n, fields; char last[64]; } rows;

static int count_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    (void)err;
    rows *r = user;
    r->n++;
    r->fields += n;
    CU_ASSERT_EQUAL(line, (long)r->n);
    snprintf(r->last, sizeof r->last, "%s", f[n - 1]);
    return 0;
}

static void test_csv_each(void)
{
    make_dir();
    put("t.csv", "\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4,5,\"six\"");
    char p[128];
    snprintf(p, sizeof p, "%s/t.csv", dir);
    rows r = {0};
    sim_err err = {0};
    CU_ASSERT_EQUAL(report_csv_each(p, count_row, &r, &err), 0);
    CU_ASSERT_EQUAL(r.n, 3);
    CU_ASSERT_EQUAL(r.fields, 9);
    CU_ASSERT_STRING_EQUAL(r.last, "six");

    put("t.csv", "a,b\n1,\"open\n");
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(report_csv_each(p, count_row, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "malformed CSV"));

    put("t.csv", "a,b\n1,x\"y\n");
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(report_csv_each(p, count_row, &r, &err), SIM_EINPUT);

    snprintf(p, sizeof p, "%s/missing.csv", dir);
    CU_ASSERT_EQUAL(report_csv_each(p, count_row, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot open"));
    remove_dir();
}

static void test_read_table_cap(void)
{
    make_dir();
    put("t.csv", "a,b\n1,2\n3\n5,6\n");
    char p[128];
    snprintf(p, sizeof p, "%s/t.csv", dir);
    report_table t;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(report_read_table(p, 2, &t, &err), 0);
    CU_ASSERT_EQUAL(t.ncol, 2);
    CU_ASSERT_EQUAL(t.nrow, 2);
    CU_ASSERT_EQUAL(t.total, 3);
    CU_ASSERT_STRING_EQUAL(t.rows[1][0], "3");
    CU_ASSERT_STRING_EQUAL(t.rows[1][1], ""); /* a short row is padded */
    report_table_free(&t);
    remove_dir();
}

/* ---- reading a run ---- */

#define TS_HEAD "time,day,rep,account,status,max24h,max_rate,sent_24h,demand,sent,throttled," \
                "rejected,overflow,dropped,backlog,delivered,hard_bounces,soft_bounces," \
                "complaints,bounce_rate,complaint_rate,content_score\n"

static void test_read_run(void)
{
    make_dir();
    put("timeseries.csv",
        TS_HEAD
        "2026-01-01T01:00:00Z,0.041667,1,a,healthy,10000,5,100,100,100,0,0,0,0,0,99,1,0,0,0.01,0,0.9\n"
        "2026-01-01T01:00:00Z,0.041667,1,b,paused,10000,5,0,50,0,0,0,50,0,0,0,0,0,0,0.2,0.001,0.9\n"
        "2026-01-01T01:00:00Z,0.041667,1,*,paused,20000,10,100,150,100,0,0,50,0,0,99,1,0,0,0.01,0,0.9\n"
        "2026-01-01T02:00:00Z,0.083333,1,a,healthy,15000,6,300,200,200,0,0,0,0,0,198,2,0,0,0.01,0,0.9\n"
        "2026-01-01T02:00:00Z,0.083333,1,b,paused,10000,5,0,50,0,0,0,50,0,0,0,0,0,0,0.2,0.001,0.9\n"
        "2026-01-01T02:00:00Z,0.083333,1,*,paused,25000,11,300,250,200,0,0,50,0,0,198,2,0,0,0.01,0,0.9\n"
        "2026-01-01T01:00:00Z,0.041667,2,a,healthy,10000,5,7,7,7,0,0,0,0,0,7,0,0,0,0,0,0.9\n");
    put("events.csv", "time,day,rep,account,event,detail\n"
                      "2026-01-01T02:00:00Z,0.083333,1,a,quota_raised,\"max24h 10000 -> 15000; <b>\"\n"
                      "2026-01-01T01:00:00Z,0.041667,1,b,paused,bounce_rate 20% >= 10%\n"
                      "2026-01-01T01:00:00Z,0.041667,1,b,appeal,not a marker\n"
                      "2026-01-01T02:00:00Z,0.083333,2,a,quota_raised,rep 2: not a marker\n");
    put("summary.csv", "rep,account,final_status\n1,a,healthy\n1,b,paused\n2,a,healthy\n");
    report_run r;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(report_read_run(dir, &r, &err), 0);
    CU_ASSERT_EQUAL(r.n_acc, 3);
    CU_ASSERT_EQUAL(r.max_rep, 2);
    CU_ASSERT_DOUBLE_EQUAL(r.interval_s, 3600, 0);
    CU_ASSERT_STRING_EQUAL(r.acc[2].name, "*");
    CU_ASSERT(r.acc[2].is_total && !r.acc[0].is_total);
    CU_ASSERT_EQUAL(r.acc[0].n, 2); /* rep 2's row is not kept */
    CU_ASSERT_DOUBLE_EQUAL(r.acc[0].p[1].max24h, 15000, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.acc[0].p[1].t, 1767232800.0, 0); /* 2026-01-01T02:00:00Z */
    CU_ASSERT_EQUAL(r.acc[1].p[0].status, RS_PAUSED);
    CU_ASSERT_EQUAL(r.n_ev, 2); /* rep 1's quota_raised and paused */
    CU_ASSERT_EQUAL(r.ev_count[RE_QUOTA_RAISED], 1);
    CU_ASSERT_EQUAL(r.ev_count[RE_PAUSED], 1);
    CU_ASSERT_EQUAL(r.events.total, 4);
    CU_ASSERT_STRING_EQUAL(r.events.rows[0][5], "max24h 10000 -> 15000; <b>");
    CU_ASSERT(r.has_summary && r.summary.nrow == 3);
    CU_ASSERT_EQUAL(r.n_bands, 0);
    report_run_free(&r);

    /* bands.csv: max24h and sent_24h kept per account, other metrics skipped */
    put("bands.csv", "time,day,account,metric,mean,p05,p50,p95\n"
                     "2026-01-01T01:00:00Z,0.04,a,max24h,10,9,10,11\n"
                     "2026-01-01T01:00:00Z,0.04,a,sent_24h,5,4,5,6\n"
                     "2026-01-01T01:00:00Z,0.04,a,backlog,5,4,5,6\n"
                     "2026-01-01T02:00:00Z,0.08,a,max24h,10,9,10,12\n");
    CU_ASSERT_EQUAL_FATAL(report_read_run(dir, &r, &err), 0);
    CU_ASSERT_EQUAL(r.n_bands, 2);
    CU_ASSERT_EQUAL(r.bands[0].metric, 0);
    CU_ASSERT_EQUAL(r.bands[0].n, 2);
    CU_ASSERT_DOUBLE_EQUAL(r.bands[0].b[1].p95, 12, 0);
    report_run_free(&r);
    remove_dir();
}

static void test_read_run_errors(void)
{
    make_dir();
    report_run r;
    sim_err err = {0};
    put("timeseries.csv", TS_HEAD
        "2026-01-01T01:00:00Z,0.04,1,a,healthy,lots,5,100,100,100,0,0,0,0,0,99,1,0,0,0.01,0,0.9\n");
    CU_ASSERT_EQUAL(report_read_run(dir, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "timeseries.csv:2: column max24h: 'lots' is not a number"));

    put("timeseries.csv", TS_HEAD
        "2026-01-01T01:00:00Z,0.04,1,a,asleep,1,5,100,100,100,0,0,0,0,0,99,1,0,0,0.01,0,0.9\n");
    CU_ASSERT_EQUAL(report_read_run(dir, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown status 'asleep'"));

    put("timeseries.csv", "time,rep,account\n2026-01-01T01:00:00Z,1,a\n");
    CU_ASSERT_EQUAL(report_read_run(dir, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no column 'status'"));

    put("timeseries.csv", TS_HEAD);
    CU_ASSERT_EQUAL(report_read_run(dir, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no rows"));

    put("timeseries.csv", TS_HEAD
        "2026-01-01T01:00:00Z,0.04,1,a,healthy,1,5,100,100,100,0,0,0,0,0,99,1,0,0,0.01,0\n");
    CU_ASSERT_EQUAL(report_read_run(dir, &r, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "21 fields where the header has 22"));
    remove_dir();
}

/* ---- derived series ---- */

/* An hourly series of `n` points, demand 10 an hour, quota q(i). */
static report_series hourly(size_t n, double (*q)(size_t))
{
    report_series a = {.name = "a", .n = n, .cap = n};
    a.p = calloc(n, sizeof *a.p);
    for (size_t i = 0; i < n; i++) {
        a.p[i].t = 3600.0 * (double)(i + 1);
        a.p[i].demand = 10;
        a.p[i].overflow = i < 5 ? 1 : 0;
        a.p[i].max24h = q(i);
    }
    return a;
}

static double low_then_high(size_t i) { return i < 30 ? 100 : 1000; }
static double always_low(size_t i) { (void)i; return 100; }
static double always_high(size_t i) { (void)i; return 1e6; }

static void test_rolling_and_covered(void)
{
    report_series a = hourly(48, low_then_high);
    double out[48];
    report_rolling_24h(&a, ROLL_DEMAND, out);
    CU_ASSERT_DOUBLE_EQUAL(out[0], 10, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out[22], 230, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out[23], 240, 1e-9); /* 24 hours: 24 points */
    CU_ASSERT_DOUBLE_EQUAL(out[47], 240, 1e-9);
    report_rolling_24h(&a, ROLL_OVERFLOW, out);
    CU_ASSERT_DOUBLE_EQUAL(out[10], 5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out[27], 1, 1e-9); /* (4 h, 28 h]: point 4 (at 5 h) is still in */
    CU_ASSERT_DOUBLE_EQUAL(out[28], 0, 1e-9);
    /* quota 100 < 240 until point 30, then 1000: covered from point 30 on */
    CU_ASSERT_EQUAL(report_covered_from(&a), 30);
    free(a.p);
    a = hourly(48, always_low);
    CU_ASSERT_EQUAL(report_covered_from(&a), -1);
    free(a.p);
    a = hourly(48, always_high);
    CU_ASSERT_EQUAL(report_covered_from(&a), 0);
    free(a.p);
}

/* ---- the page ---- */

static void test_html_page(void)
{
    report_table summary = {0};
    char *head[] = {"rep", "account", "final_status", "peak_bounce_rate", "days_to_1M"};
    char *row[] = {"1", "<x>", "paused", "0.1234", ""};
    char **rows_[] = {row};
    summary.ncol = 5;
    summary.nrow = summary.total = 1;
    summary.head = head;
    summary.rows = rows_;
    report_run run = {.max_rep = 1, .summary = summary, .has_summary = 1};
    report_plot plot = {.file = "quota.png", .id = "quota", .title = "Quota & co",
                        .caption = "<p>look</p>"};
    report_view page = {.dir = "/tmp/a \"b\"", .scenario_text = "[sim]\nx = <1>\n",
                        .header = "Title <here>\n\nQuestion: `sesim run` & more.\n",
                        .plots = &plot, .n_plots = 1};
    report_run_view(&page, &run);
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    report_write_page(f, &page);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<h1>Title &lt;here&gt;</h1>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "Question: <code>sesim run</code> &amp; more."));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "/tmp/a &quot;b&quot;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "x = &lt;1&gt;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "&lt;x&gt; (rep 1)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, ">12.3%<"));           /* a rate shown in % */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<img src=\"quota.png\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<h3>Quota &amp; co</h3>"));
    CU_ASSERT_PTR_NULL(strstr(s, "<x>"));
    CU_ASSERT_PTR_NULL(strstr(s, "http"));                  /* nothing from the network */
    free(s);
}


/* ---- sweeps ---- */

static void test_value_number(void)
{
    double v = 0;
    char unit[16];
    CU_ASSERT_EQUAL(report_value_number("2%", &v, unit), 0);
    ASSERT_NEAR(v, 2, 1e-12);
    CU_ASSERT_STRING_EQUAL(unit, "%");
    CU_ASSERT_EQUAL(report_value_number("1.5", &v, unit), 0);
    ASSERT_NEAR(v, 1.5, 1e-12);
    CU_ASSERT_STRING_EQUAL(unit, "");
    CU_ASSERT_EQUAL(report_value_number("10k", &v, unit), 0); /* a multiplier, not a unit */
    ASSERT_NEAR(v, 10000, 1e-9);
    CU_ASSERT_STRING_EQUAL(unit, "");
    CU_ASSERT_EQUAL(report_value_number("12h", &v, unit), 0);
    CU_ASSERT_STRING_EQUAL(unit, "h");
    CU_ASSERT_EQUAL(report_value_number("14/s", &v, unit), 0);
    CU_ASSERT_STRING_EQUAL(unit, "/s");
    CU_ASSERT_EQUAL(report_value_number("1d12h", &v, unit), -1);
    CU_ASSERT_EQUAL(report_value_number("", &v, unit), -1);
    CU_ASSERT_EQUAL(report_value_number("fast", &v, unit), -1);
    CU_ASSERT_EQUAL(report_value_number("inf", &v, unit), -1);
    CU_ASSERT_EQUAL(report_value_number(" 2", &v, unit), -1);
}

/* Two keys (the second listed in sweep.ini in an order sweep.csv does not
 * show first), two accounts, targets 50k and 1M. */
static const char sweep_ini[] =
    "[sweep]\nscenario = scenarios/x.ini\nfingerprint = 1\nreps = 4\npoints = 4\n"
    "[axis.1]\nkey = traffic.a.invalid\nvalue = 1%\nvalue = 3%\n"
    "[axis.2]\nkey = policy.ramp_interval\nvalue = 2d\nvalue = 12h\n";
static const char sweep_csv[] =
    "point,traffic.a.invalid,policy.ramp_interval,account,reps,days_to_50k_mean,days_to_50k_p10,"
    "days_to_50k_p50,days_to_50k_p90,reached_50k,days_to_1M_mean,days_to_1M_p10,days_to_1M_p50,"
    "days_to_1M_p90,reached_1M,share_paused,share_reviewed\n"
    "1,1%,12h,a,4,3,2,3,4,1,,,,,0,0,0.25\n"
    "1,1%,12h,<b>,4,3,2,3,4,1,,,,,0,0,0\n"
    "2,1%,2d,a,4,,5,6,,0.75,,,,,0,0,0\n"
    "2,1%,2d,<b>,4,,5,6,,0.75,,,,,0,0,0\n"
    "3,3%,12h,a,4,,,,,0,,,,,0,0.5,1\n"
    "3,3%,12h,<b>,4,,,,,0,,,,,0,0.5,1\n"
    "4,3%,2d,a,4,,,,,0,,,,,0,1,1\n"
    "4,3%,2d,<b>,4,,,,,0,,,,,0,1,1\n";

static void test_read_sweep(void)
{
    make_dir();
    put("sweep.csv", sweep_csv);
    put("sweep.ini", sweep_ini);
    report_sweep s;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(report_read_sweep(dir, &s, &err), 0);
    CU_ASSERT(s.has_def);
    CU_ASSERT_STRING_EQUAL(s.scenario, "scenarios/x.ini");
    CU_ASSERT_EQUAL(s.reps, 4);
    CU_ASSERT_EQUAL(s.points, 4);
    CU_ASSERT_EQUAL_FATAL(s.n_axes, 2);
    CU_ASSERT_STRING_EQUAL(s.axes[0].key, "traffic.a.invalid");
    CU_ASSERT(s.axes[0].numeric);
    CU_ASSERT_STRING_EQUAL(s.axes[0].unit, "%");
    ASSERT_NEAR(s.axes[0].x[1], 3, 1e-12);
    /* sweep.ini's order (2d before 12h); different units: categories */
    CU_ASSERT_EQUAL_FATAL(s.axes[1].n, 2);
    CU_ASSERT_STRING_EQUAL(s.axes[1].values[0], "2d");
    CU_ASSERT(!s.axes[1].numeric);
    CU_ASSERT_EQUAL(s.vi[0 * 2 + 1], 1); /* row 1 is 12h: the second value */
    CU_ASSERT_EQUAL_FATAL(s.n_targets, 2);
    CU_ASSERT_STRING_EQUAL(s.targets[0], "50k");
    CU_ASSERT_STRING_EQUAL(s.targets[1], "1M");
    CU_ASSERT(s.has_p10 && s.has_shares);
    CU_ASSERT_EQUAL(s.n_acc, 2);
    CU_ASSERT_STRING_EQUAL(s.accounts[1], "<b>");
    CU_ASSERT_EQUAL(s.heat_target, 0);
    ASSERT_NEAR(report_sweep_days(&s, 2, 0)->p50, 6, 1e-12);
    CU_ASSERT(isnan(report_sweep_days(&s, 2, 0)->p90)); /* empty: never reached */
    CU_ASSERT(isnan(report_sweep_days(&s, 0, 1)->p50));
    ASSERT_NEAR(s.share[6].paused, 1, 1e-12);

    /* against key 1: one series per (ramp_interval, account), in sweep order */
    size_t ns;
    size_t *ser = report_sweep_series(&s, 0, &ns);
    CU_ASSERT_EQUAL(ns, 4);
    CU_ASSERT_EQUAL(ser[0], 2); /* 12h (second value), account a */
    CU_ASSERT_EQUAL(ser[3], 1); /* 2d, <b> */
    CU_ASSERT_EQUAL(ser[0], ser[4]);
    free(ser);

    char *cap = report_sweep_caption_days(&s, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap, "never reached from <b>3%</b> on"));
    CU_ASSERT_PTR_NOT_NULL(strstr(cap, "&lt;b&gt;"));
    CU_ASSERT_PTR_NULL(strstr(cap, "<b><b>"));
    free(cap);
    cap = report_sweep_caption_shares(&s, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap, "pauses from <b>3%</b> on"));
    free(cap);
    cap = report_sweep_caption_heat(&s);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap, "<b>50k</b>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(cap, "never in 2 of 4 cells"));
    free(cap);
    report_sweep_free(&s);

    /* without sweep.ini: the order of first appearance, reps from the column */
    char p[128];
    snprintf(p, sizeof p, "%s/sweep.ini", dir);
    unlink(p);
    CU_ASSERT_EQUAL_FATAL(report_read_sweep(dir, &s, &err), 0);
    CU_ASSERT(!s.has_def);
    CU_ASSERT_STRING_EQUAL(s.axes[1].values[0], "12h");
    CU_ASSERT_EQUAL(s.reps, 4);
    report_sweep_free(&s);
    remove_dir();
}

static void test_sweep_axes(void)
{
    make_dir();
    put("sweep.csv", "point,x,account,days_to_1k_p50\n1,10k,a,1\n2,100k,a,2\n3,1M,a,3\n");
    report_sweep s;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(report_read_sweep(dir, &s, &err), 0);
    CU_ASSERT(s.axes[0].numeric && s.axes[0].log); /* evenly spaced in log: a log scale */
    CU_ASSERT(!s.has_p10 && !s.has_shares);
    report_sweep_free(&s);
    put("sweep.csv", "point,x,account,days_to_1k_p50\n1,1,a,1\n2,10,a,2\n3,20,a,3\n");
    CU_ASSERT_EQUAL_FATAL(report_read_sweep(dir, &s, &err), 0);
    CU_ASSERT(s.axes[0].numeric && !s.axes[0].log);
    report_sweep_free(&s);
    /* errors: no point/account columns; a day that is not a number */
    put("sweep.csv", "x,y\n1,2\n");
    CU_ASSERT_EQUAL(report_read_sweep(dir, &s, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a sweep.csv"));
    put("sweep.csv", "point,x,account,days_to_1k_p50\n1,1,a,1\n2,2,a,soon\n");
    CU_ASSERT_EQUAL(report_read_sweep(dir, &s, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "sweep.csv:3:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "days_to_1k_p50"));
    remove_dir();
}

static void test_sweep_page(void)
{
    make_dir();
    put("sweep.csv", sweep_csv);
    put("sweep.ini", sweep_ini);
    report_sweep sw;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(report_read_sweep(dir, &sw, &err), 0);
    report_plot plot = {.file = "sweep-heat.png", .id = "sweep-heat", .title = "Heat", .caption = ""};
    report_view page = {.dir = "/tmp/sw", .scenario_text = "[sim]\n",
                        .scenario_name = "points/0001/scenario.ini", .plots = &plot, .n_plots = 1};
    report_sweep_view(&page, &sw);
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    report_write_page(f, &page);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<h1>sesim sweep</h1>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<h2 id=\"sweep\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<h2 id=\"results\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "2d, 12h"));                 /* values in sweep order */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "--vary policy.ramp_interval=2d,12h --reps 4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, ">75%<"));                   /* reached_50k in % */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "&lt;b&gt;"));
    CU_ASSERT_PTR_NULL(strstr(s, "<b>,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "points/0001/scenario.ini"));
    CU_ASSERT_PTR_NULL(strstr(s, "http"));
    free(s);
    report_sweep_free(&sw);
    remove_dir();
}

/* ---- a batch folder ---- */

static void test_batch_range(void)
{
    report_extent e[3] = {{30, 200, 50000}, {90, 10000, 1e6}, {60, NAN, NAN}};
    report_range r;
    report_batch_range(3, e, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.x_max, 90, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.y_min, 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.y_max, 1.3e6, 1e-3); /* above a ramp ending at 1M */
    report_extent e1 = {5, 1000, 1000};
    report_batch_range(1, &e1, &r); /* one value on a decade: still a decade high */
    CU_ASSERT_DOUBLE_EQUAL(r.y_min, 1000, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.y_max, 10000, 1e-6);
    report_extent e0 = {0, 0, -1};
    report_batch_range(1, &e0, &r); /* nothing positive: a default range */
    CU_ASSERT_DOUBLE_EQUAL(r.x_max, 1, 1e-9);
    CU_ASSERT(r.y_min > 0 && r.y_max > r.y_min);
}

static void test_batch_median(void)
{
    size_t counted, finite;
    const char *a[] = {"4", "2", "9"};
    CU_ASSERT_DOUBLE_EQUAL(report_batch_median(a, 3, &counted, &finite), 4, 1e-12);
    CU_ASSERT_EQUAL(counted, 3);
    CU_ASSERT_EQUAL(finite, 3);
    const char *b[] = {"4", "", "", "NA"}; /* empty: never reached; NA left out */
    CU_ASSERT(isinf(report_batch_median(b, 4, &counted, &finite)));
    CU_ASSERT_EQUAL(counted, 3);
    CU_ASSERT_EQUAL(finite, 1);
    const char *c[] = {"4", "6", "", "2"};
    CU_ASSERT_DOUBLE_EQUAL(report_batch_median(c, 4, &counted, &finite), 5, 1e-12);
    const char *d[] = {"NA"};
    CU_ASSERT(isnan(report_batch_median(d, 1, &counted, &finite)));
    CU_ASSERT_EQUAL(counted, 0);
}

static void test_read_batch(void)
{
    make_dir();
    report_batch b;
    sim_err err = {0};
    put("batch.csv", "scenario,rep,account,final_max24h\nx,1,a,10\ny,1,a,20\nx,2,a,30\n");
    CU_ASSERT_EQUAL_FATAL(report_read_batch(dir, &b, &err), 0);
    CU_ASSERT_EQUAL(b.n, 2);
    CU_ASSERT_STRING_EQUAL(b.names[0], "x");
    CU_ASSERT_STRING_EQUAL(b.names[1], "y");
    report_batch_free(&b);
    put("batch.csv", "scenario,rep,account\n../etc,1,a\n");
    CU_ASSERT_EQUAL(report_read_batch(dir, &b, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "batch.csv:2: scenario '../etc' is not the name"));
    put("batch.csv", "name,rep\nx,1\n");
    CU_ASSERT_EQUAL(report_read_batch(dir, &b, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no scenario, rep and account columns"));
    put("batch.csv", "scenario,rep,account\n");
    CU_ASSERT_EQUAL(report_read_batch(dir, &b, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no rows"));
    char p[128];
    snprintf(p, sizeof p, "%s/batch.csv", dir);
    unlink(p);
    remove_dir();
}

TEST_SUITE(report,
           {"format names", test_format},
           {"HTML escaping", test_html_escape},
           {"HTML helpers", test_html_helpers},
           {"URL path segment", test_url_segment},
           {"gnuplot strings", test_gp_string},
           {"numbers", test_number},
           {"counts grouped", test_fmt_count},
           {"status codes", test_status_code},
           {"CSV reader", test_csv_each},
           {"table with a row cap", test_read_table_cap},
           {"reading a run", test_read_run},
           {"errors in a run's files", test_read_run_errors},
           {"rolling 24 h and quota coverage", test_rolling_and_covered},
           {"the page", test_html_page},
           {"sweep values as numbers", test_value_number},
           {"reading a sweep", test_read_sweep},
           {"a sweep's axes and errors", test_sweep_axes},
           {"a sweep's page", test_sweep_page},
           {"a batch's common axes", test_batch_range},
           {"a batch's medians", test_batch_median},
           {"reading batch.csv", test_read_batch})
