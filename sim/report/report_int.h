/* report_int.h: the inside of `sesim report`, shared by the files of sim/report/ and
 * tests/unit/test_report.c (report.h holds the entry points).
 *
 * The files of the report:
 *   report.c              the dispatch: which report a folder gets
 *   report_run.c          a run's folder: its plots and their captions, its page
 *   report_run_html.c     a run's page: the summary and events tables
 *   report_tenants.c      a run's tenants plot (tenants.csv, when present)
 *   report_sweep.c        a sweep's folder (sweep.csv, sweep.ini): its plots, its page
 *   report_sweep_read.c   sweep.csv and sweep.ini: keys, values, series
 *   report_sweep_outcomes.c  sent, overflow, dropped, throttled, delay per point
 *   report_sweep_data.c   the gnuplot data of the sweep plots
 *   report_sweep_caption.c  the captions of the sweep plots
 *   report_sweep_html.c   a sweep's page: its definition and sweep.csv
 *   report_plan.c         a plan's folder (plan.csv): the schedule against the
 *                         quota and the risk by day
 *   report_sensitivity.c  a sensitivity study's folder (sensitivity.csv): per
 *                         metric, the keys ranked by mu* and mu* against sigma
 *   report_batch.c        a batch folder (batch.csv): each scenario's report
 *                         (report_run.c), then a comparison table and a small
 *                         multiple of quota ramps
 *   report_page.c         what a run's and a sweep's report share: the plots
 *                         drawn, the notes, the scenario, index.html
 *   report_stage.c        the staging folder and its swap into DIR/report
 *   report_read.c         reading a run's CSV files (timeseries, events, summary, bands)
 *   report_data.c         the gnuplot data files of a run and meta.gp
 *   report_observed.c     CloudWatch's reputation rates of a kind = cloudwatch
 *                         stream, drawn over the run's
 *   report_mailbox.c      a run's mailboxes.csv: a plot per mailbox provider
 *   report_csv.c          a streaming CSV reader on libcsv, number parsing
 *   report_gnuplot.c      finding the scripts and gnuplot, running gnuplot
 *   report_html.c         HTML: escaping, cells, tables, the page's frame
 *   report_text.c         text built in memory */
#ifndef SESIM_REPORT_INT_H
#define SESIM_REPORT_INT_H

#include <stddef.h>
#include <stdio.h>

#include "core/config.h"
#include "models/event_types.h"
#include "report.h"
#include "scenario/scenario.h"

/* ---- the reports of each kind of folder (report.c dispatches) ---- */

/* A run's folder (timeseries.csv; events.csv, summary.csv, bands.csv and
 * scenario.ini when present). */
int report_run_build(const report_options *opt, char **index_path, sim_err *err);
/* A sweep's folder (sweep.csv; sweep.ini and points/NNNN/scenario.ini when present). */
int report_sweep_build(const report_options *opt, char **index_path, sim_err *err);
/* A batch folder (batch.csv and a run's folder per scenario). */
int report_batch_build(const report_options *opt, char **index_path, sim_err *err);
/* A plan's folder (plan.csv; plan.txt and plan.ini when present): report_plan.c. */
#define REPORT_MAX_PLAN_DAYS 100000 /* rows of plan.csv read */
int report_plan_build(const report_options *opt, char **index_path, sim_err *err);
/* A sensitivity study's folder (sensitivity.csv): report_sensitivity.c. */
#define REPORT_MAX_SENS_ROWS 100000   /* rows of sensitivity.csv read */
#define REPORT_MAX_SENS_METRICS 10    /* metrics plotted (one plot each) */
#define REPORT_MAX_SENS_BARS 15       /* keys drawn per metric, by rank */
int report_sensitivity_build(const report_options *opt, char **index_path, sim_err *err);

/* ---- report_text.c ---- */

/* A text built with stdio in memory: report_mem_open gives the FILE,
 * report_mem_close the text (malloc'd). */
typedef struct report_mem {
    char *s;
    size_t n;
    FILE *f;
} report_mem;
FILE *report_mem_open(report_mem *m);
char *report_mem_close(report_mem *m);
/* printf into a new string (malloc'd). */
char *report_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- report_stage.c: the report's folders ---- */

/* DIR/NAME is a regular file. */
int report_has_file(const char *dir, const char *name);
/* dir without trailing slashes (malloc'd). */
char *report_trim_dir(const char *dir);
/* Enter DIR (io/output.h out_enter: its lock when it has the mark) and create
 * a new staging folder DIR/.sesim-report-XXXXXX with its mark and data/;
 * *stage is malloc'd, NULL on failure. From here to report_stage_end,
 * SIGINT, SIGTERM and SIGHUP only raise the interrupt flag. */
int report_stage_begin(const char *dir, char **stage, sim_err *err);
/* rc 0 (and no interrupt): swap the staging folder in as DIR/report (an
 * earlier DIR/report must have the mark of a report) and set *index_path;
 * else (or when that fails) remove the staging folder; an interrupt makes the
 * outcome SIM_EINTERRUPTED. Returns the outcome; nothing to do when stage is NULL. */
int report_stage_end(const char *dir, const char *stage, int rc, char **index_path, sim_err *err);

/* ---- report_csv.c ---- */

/* Called for every row, the header included (line 1); fields are NUL-terminated.
 * Return 0 to go on, or a negative SIM_E* code (with err filled) to stop. */
typedef int (*report_row_fn)(void *user, size_t n, char **fields, long line, sim_err *err);

/* Stream the CSV file at path through fn, one row at a time. A missing file is
 * SIM_EINPUT "PATH: cannot open: ..."; malformed CSV is SIM_EINPUT with a line. */
int report_csv_each(const char *path, report_row_fn fn, void *user, sim_err *err);

/* The index of column `name` in a header row, or -1. */
int report_csv_column(size_t n, char **fields, const char *name);

/* A finite number, the whole field (an empty field is not a number). 0 or -1. */
int report_number(const char *s, double *out);
/* A replication number (or count): a whole number from 1 to SCN_MAX_REPS
 * (sim.reps' limit). 0 or -1. */
int report_rep(const char *s, long *out);
/* strcmp of two char * for qsort and bsearch. */
int report_by_string(const void *a, const void *b);

/* ---- report_read.c: a run's CSV files ---- */

/* Statuses of timeseries.csv, in lane-colour order. */
enum { RS_SANDBOX, RS_HEALTHY, RS_UNDER_REVIEW, RS_PAUSED, RS_N };
const char *report_status_name(int lane); /* its name in timeseries.csv */
int report_status_code(const char *s); /* -1 when unknown */

/* Event kinds drawn as markers on the quota plot, in block order:
 * X(id, event of models/event_types.h, gnuplot point type). */
#define REPORT_MARKED_EVENTS(X)                                                                   \
    X(RE_QUOTA_RAISED, quota_raised, 9)        /* triangle */                                     \
    X(RE_REVIEW_STARTED, review_started, 7)    /* circle */                                       \
    X(RE_PAUSED, paused, 5)                    /* square */                                       \
    X(RE_PRODUCTION_GRANTED, production_granted, 3) /* star */
#define REPORT_MARKED_ID(id, event, point) id,
enum { REPORT_MARKED_EVENTS(REPORT_MARKED_ID) RE_N };
#undef REPORT_MARKED_ID
extern const event_type report_marked_events[RE_N]; /* each kind's event */

/* One timeseries row, as plotted. Counts per interval except the levels. */
typedef struct report_point {
    double t; /* interval end, seconds since 1970 (UTC) */
    double day;
    double max24h, max_rate, sent_24h, backlog;
    double demand, sent, rejected, overflow, dropped;
    double bounce_rate, complaint_rate; /* shares, 0..1 */
    int status;                         /* RS_* */
} report_point;

/* One account's rep-1 series (or the organisation total, account `*`). */
typedef struct report_series {
    char *name;
    int is_total;
    report_point *p;
    size_t n, cap;
} report_series;

typedef struct report_event {
    double t;
    size_t account; /* index into report_run.acc, or (size_t)-1 */
    int kind;       /* RE_* or -1 */
} report_event;

/* A CSV file kept as text (summary.csv, the first rows of events.csv). */
typedef struct report_table {
    size_t ncol, nrow;
    char **head;  /* ncol names */
    char ***rows; /* nrow rows of ncol fields */
    size_t total; /* rows in the file (may exceed nrow when capped) */
} report_table;

typedef struct report_band {
    double t, mean, p05, p50, p95;
} report_band;

/* bands.csv for one account and one metric. */
typedef struct report_bands {
    char *account;
    int metric; /* 0: max24h, 1: sent_24h */
    report_band *b;
    size_t n, cap;
} report_bands;

typedef struct report_run {
    report_series *acc;
    size_t n_acc;
    size_t n_acc_file; /* accounts in timeseries.csv (`*` aside); more than drawn
                          when over REPORT_MAX_ACCOUNTS */
    long max_rep;   /* the largest rep number seen in timeseries.csv */
    double interval_s;
    report_event *ev;  /* rep-1 events of the marker kinds */
    size_t n_ev;
    size_t ev_count[RE_N];
    report_table events;  /* events.csv, the first REPORT_MAX_EVENT_ROWS rows */
    report_table summary; /* summary.csv */
    int has_events, has_summary;
    report_bands *bands;
    size_t n_bands;
} report_run;

/* Its limits (REPORT_MAX_ACCOUNTS drawn, rows shown, points plotted) are in
 * core/config.h. */
/* Read DIR/timeseries.csv (rep 1 kept), DIR/events.csv and DIR/summary.csv
 * (optional), DIR/bands.csv (optional). */
int report_read_run(const char *dir, report_run *r, sim_err *err);
/* ---- report_top.c ---- */
/* The `max` accounts with the most demand in replication 1 of the timeseries.csv
 * at path (ties in file order), as *keep (sorted by name, malloc'd strings);
 * *n_file: the accounts in the file, `*` aside. Rows it cannot read are
 * skipped: the reading that follows says what is wrong. */
int report_top_accounts(const char *path, size_t max, char ***keep, size_t *n_keep,
                        size_t *n_file, sim_err *err);
void report_run_free(report_run *r);
void report_table_free(report_table *t);
/* Read a whole CSV file as text, keeping at most max_rows rows. */
int report_read_table(const char *path, size_t max_rows, report_table *t, sim_err *err);
/* The start of a run: the first interval's beginning, seconds since 1970. */
double report_run_start(const report_run *r);

/* The first time (index into a->p) from which max24h >= the demand of the last
 * 24 h until the end of the run, or -1 when demand is never covered at the end. */
long report_covered_from(const report_series *a);
/* The demand of the 24 hours ending at each point (rolling sum), into out[a->n]. */
void report_rolling_24h(const report_series *a, int which, double *out);
enum { ROLL_DEMAND, ROLL_OVERFLOW, ROLL_LOST };

/* ---- report_data.c: a run's gnuplot data ---- */

/* What the plots are told about the run (meta.gp), beyond the data files. */
typedef struct report_policy {
    double bounce_review, bounce_pause, complaint_review, complaint_pause; /* shares */
    double ramp_bounce_max, ramp_complaint_max;
    double rep_volume; /* eligible sends before the rates count */
} report_policy;

/* Facts the page states about the data (filled by report_write_data). */
typedef struct report_facts {
    int has_overflow, has_lost, has_backlog; /* any non-zero in rep 1 */
    int log_quota;   /* the quota spans enough decades for a log-scale version */
    int thinned;     /* series were thinned to REPORT_MAX_PLOT_POINTS */
    double quota_min, quota_max;
    double top_max;        /* largest max24h, sent_24h or 24-hour demand, `*` included */
    double low_max;        /* largest 24-hour overflow, rejected + dropped, or backlog */
    double band_max[2];    /* largest p95 in bands.csv: max24h, sent_24h */
    double zoom_end;       /* the ramp's zoomed panel ends here (s since 1970), 0: none */
} report_facts;
/* A ramp that ends (last quota raise and a margin) within this share of the
 * run gets a zoomed panel (quota-ramp.png): a 9-day ramp on a 90-day axis is
 * squeezed into its left tenth. */
#define REPORT_ZOOM_SHARE 0.4

/* Write data/ts.dat, status.dat, events.dat, bands_*.dat and data/meta.gp
 * under the folder `stage`. */
int report_write_data(const char *stage, const report_run *r, const report_policy *pol,
                      int format, report_facts *facts, sim_err *err);

/* ---- report_observed.c: CloudWatch's reputation rates beside the run's ---- */

typedef struct report_observed {
    size_t n_bounce, n_complaint;    /* blocks of observed-bounce.dat, observed-complaint.dat */
    char **label[2];                 /* their legend titles: bounce, complaint */
    double peak_bounce, peak_complaint; /* shares */
    char *note;                      /* files that could not be read, or NULL */
} report_observed;

/* For every kind = cloudwatch stream of s (may be NULL) whose file holds
 * Reputation.BounceRate or .ComplaintRate points: data/observed-bounce.dat
 * and data/observed-complaint.dat under `stage`, one block per stream. */
int report_observed_write(const char *stage, const scenario *s, report_observed *o, sim_err *err);
/* obs_nb, obs_nc, obs_b_label, obs_c_label appended to data/meta.gp (nothing
 * when there is no observed series). */
int report_observed_meta(const char *stage, const report_observed *o, sim_err *err);
void report_observed_free(report_observed *o);
/* The number (from 1) of the first account before account i whose quota and
 * rate are i's all along (the plots draw i dashed over it), or 0. */
size_t report_same_as(const report_run *r, size_t i);

/* A data file of the staging folder for gnuplot, and its checked close. */
FILE *report_open_data(const char *stage, const char *name, sim_err *err);
int report_close_data(FILE *f, const char *name, sim_err *err);
/* s as a gnuplot double-quoted string (a quote and a backslash escaped), control
 * characters dropped. */
void report_gp_string(FILE *f, const char *s);
/* `array NAME[n] = ['a', 'b']` (one empty string when n is 0). */
void report_gp_array_str(FILE *f, const char *name, size_t n, const char *const *v);
/* The k-th account colour (k counts the accounts, the total `*` left out). */
const char *report_palette_color(size_t k);
/* The colour of account i of r in every plot (the total `*` near-black). */
const char *report_account_color(const report_run *r, size_t i);

/* ---- report_gnuplot.c ---- */

/* The folder holding report-common.gp (io/datadir.h: the source tree's scripts/,
 * an installed tree's share/sesim/ found from the executable, then the
 * compiled-in PREFIX/share/sesim). Sets *dir (malloc'd) or fails with
 * SIM_ERUNTIME naming where it looked. */
int report_find_scripts(char **dir, sim_err *err);
/* gnuplot's path on PATH, or SIM_ERUNTIME naming the Debian package gnuplot-nox. */
int report_find_gnuplot(char **path, sim_err *err);
/* Run `gnuplot -d [-e SETTING] META SCRIPTS/report-common.gp SCRIPTS/NAME` with
 * `stage` as its working folder (META: data/meta.gp when NULL, data/sweep.gp for
 * a sweep); its messages go to stage/gnuplot.log. A failure is SIM_ERUNTIME with
 * gnuplot's first error line. */
int report_run_gnuplot(const char *gnuplot, const char *scripts, const char *stage,
                       const char *meta, const char *script, const char *setting, sim_err *err);

/* ---- report_html.c ---- */

/* s with & < > " ' escaped. */
void report_html_escape(FILE *f, const char *s);
/* An account's name as a page shows it: "* (all accounts)" for the organisation. */
const char *report_account_label(const char *name);
/* <TAG>s</TAG>, s escaped. */
void report_html_tag(FILE *f, const char *tag, const char *s);
/* The n strings escaped, sep (HTML) between them. */
void report_html_join(FILE *f, size_t n, const char *const *v, const char *sep);
/* s as one path segment of a URL: bytes other than A-Z a-z 0-9 - . _ ~ as %XX
 * (a scenario named "a#b" or "50%" links to a%23b/, 50%25/). */
void report_url_segment(FILE *f, const char *s);
/* A whole number with its thousands grouped: 1234567 -> "1,234,567". */
void report_fmt_count(double v, char *out, size_t cap);
/* "2026-01-14 (day 9)" for a time t (seconds since 1970), day counted from t0. */
void report_when(FILE *f, double t, double t0);
/* A count with its thousands grouped, to f. */
void report_count(FILE *f, double v);
/* A readable form of a summary value of column col (rates in %, delays in s to d,
 * counts grouped); raw as it is when it is not a number. */
void report_fmt_value(const char *col, const char *raw, char *out, size_t cap);
/* A table cell of a CSV value of column col: readable, the raw value in its title. */
void report_html_cell(FILE *f, const char *col, const char *raw);
/* A scrolling table (of class cls, or none when NULL); report_html_table_end
 * closes it, with its body. */
void report_html_table_open(FILE *f, const char *cls);
void report_html_table_end(FILE *f);
/* The header row of the n names, then the body's start. */
void report_html_head(FILE *f, size_t n, const char *const *names);
/* A CSV file read as text, as a table: its first max_rows rows, then how many
 * more the file has. */
void report_html_csv_table(FILE *f, const report_table *t, size_t max_rows);
/* The page's head (title escaped, the shared style) up to <main>, and its footer. */
void report_html_begin(FILE *f, const char *title);
void report_html_end(FILE *f);
/* The first line of a scenario's header comment. */
void report_header_title(const char *header, char *out, size_t cap);

typedef struct report_plot {
    const char *file;    /* e.g. quota.png, relative to index.html */
    const char *id;      /* anchor */
    const char *title;
    char *caption;       /* HTML (already escaped where it quotes files) */
} report_plot;

/* A section of a page: its anchor, the link to it, and what writes it. */
typedef struct report_section {
    const char *id;  /* NULL: no such section */
    const char *nav; /* the link's text */
    void (*write)(FILE *f, const void *data);
} report_section;

/* What index.html of a run or a sweep shows: its title and facts, notes, a
 * section before the plots and one after them, the scenario. */
typedef struct report_view {
    const char *dir;        /* the folder as given */
    const char *header;     /* the scenario's leading comment block, or NULL */
    const char *kind;       /* the title when there is no header: "sesim run" */
    void (*facts)(FILE *f, const void *data); /* after "sesim report of DIR" */
    const char *const *notes; /* HTML paragraphs shown at the top */
    size_t n_notes;
    const report_plot *plots;
    size_t n_plots;
    report_section before, after; /* around the plots */
    const char *scenario_text;    /* shown whole, or NULL */
    const char *scenario_name;    /* its file, named before scenario_about; NULL: not named */
    const char *scenario_about;   /* HTML: what scenario_text is */
    const char *scenario_missing; /* HTML: when there is no scenario_text */
    const void *data;             /* for facts and the sections */
} report_view;

void report_write_page(FILE *f, const report_view *v);

/* ---- report_page.c: what a run's and a sweep's report share ---- */

#define REPORT_MAX_PLOTS (8 + 3 * REPORT_MAX_SWEEP_KEYS + 1)
#define REPORT_MAX_NOTES 8

/* A report being built: its staging folder, the plots drawn, the notes. */
typedef struct report_page {
    char *dir;     /* the folder without trailing slashes */
    int format;    /* REPORT_PNG or REPORT_SVG */
    char *stage;   /* DIR/.report.tmpPID: gnuplot's working folder */
    char *gnuplot; /* found on first use */
    char *scripts;
    report_plot plots[REPORT_MAX_PLOTS];
    size_t n_plots;
    char *owned[3 * REPORT_MAX_PLOTS]; /* strings freed with the page */
    size_t n_owned;
    char *notes[REPORT_MAX_NOTES];
    size_t n_notes;
} report_page;

/* A plot: the gnuplot script that draws it (META: data/meta.gp when NULL; an
 * -e SETTING or NULL) and where it goes on the page. */
typedef struct report_plot_spec {
    const char *meta, *script, *setting;
    const char *file, *id, *title;
} report_plot_spec;

/* Start a page: the folder trimmed, its staging folder created. */
int report_page_begin(report_page *pg, const report_options *opt, sim_err *err);
/* A note (HTML, malloc'd: the page frees it) at the top of the page. */
void report_page_note(report_page *pg, char *html);
/* s, freed with the page. */
const char *report_page_keep(report_page *pg, char *s);
/* Find gnuplot and its scripts, once. */
int report_page_need_gnuplot(report_page *pg, sim_err *err);
/* Draw a plot into the staging folder and add it to the page (with caption,
 * malloc'd: the page frees it). SIM_ERUNTIME when gnuplot fails or writes nothing. */
int report_page_plot(report_page *pg, const report_plot_spec *p, char *caption, sim_err *err);
/* rc 0: write index.html from v (its notes and plots are the page's), then
 * swap the staging folder in; else remove it. Returns the outcome. */
int report_page_end(report_page *pg, report_view *v, int rc, char **index_path, sim_err *err);
void report_page_free(report_page *pg);

/* A scenario file as text, or NULL (too large or unreadable). */
char *report_scenario_text(const char *path);
struct scenario;
/* The thresholds of a resolved scenario. */
void report_policy_of(report_policy *p, const struct scenario *s);

/* ---- report_mailbox.c ---- */

/* Providers plotted; a run with more says so in a note. */
#define REPORT_MAX_MAILBOXES 8
/* When DIR/mailboxes.csv exists (sim.mailboxes = on): a plot per mailbox
 * provider of the accounts of r (replication 1), after the page's others. */
int report_mailbox_plots(report_page *pg, const report_run *r, sim_err *err);
/* ---- report_tenants.c ---- */

/* The tenants plot of a run's page, when DIR/tenants.csv exists (else nothing). */
int report_tenants_plot(report_page *pg, const report_run *run, sim_err *err);

/* ---- report_run_html.c ---- */

/* v's facts, sections and scenario texts for a run's page. */
void report_run_view(report_view *v, const report_run *run);

/* ---- report_sweep_read.c ---- */

/* A varied key of a sweep: its values in sweep order (sweep.ini's, else the
 * order of first appearance in sweep.csv) and how the plots place them. */
typedef struct report_axis {
    char *key;
    char **values;
    size_t n;
    int col;       /* its column in sweep.csv */
    int numeric;   /* every value is a number once a common unit suffix is removed */
    int log;       /* numeric, all positive, spanning 50-fold or more: a log scale */
    double *x;     /* the values as numbers (numeric), else 1..n */
    char unit[16]; /* the common suffix ("%", "h"), "" for plain numbers */
} report_axis;

/* The days of a row of sweep.csv to one target (NAN: empty, never reached). */
typedef struct report_days {
    double p10, p50, p90; /* days_to_T_p10, _p50, _p90 */
    double reached;       /* reached_T */
} report_days;

/* The shares of a row of sweep.csv's replications (NAN when missing). */
typedef struct report_shares {
    double paused, reviewed;
} report_shares;

/* A measure of the outcomes plot: its title, its summary.csv column (runs.csv
 * has each replication's, sweep.csv the mean as SWEEP_MEAN_PREFIX + its
 * name), a delay in seconds or a count. */
typedef struct report_measure {
    const char *title;
    int column; /* a summary_column_id of run/columns.h */
    int is_delay;
} report_measure;
#define REPORT_N_MEASURES 6
extern const report_measure report_measures[REPORT_N_MEASURES];

/* A measure of a row of sweep.csv: the mean of its replications, their 10th
 * and 90th percentile (runs.csv; NAN with one replication or no runs.csv). */
typedef struct report_outcome {
    double mean, p10, p90;
} report_outcome;

typedef struct report_sweep {
    report_table table; /* sweep.csv as text */
    int has_def;        /* sweep.ini was read */
    char *scenario;     /* sweep.ini's scenario, or NULL */
    char **options;     /* sweep.ini's --set and --add ("--set KEY=VALUE") */
    size_t n_options;
    long reps;          /* sweep.ini's reps, else the largest of the reps column, or 0 */
    size_t points;      /* distinct points in sweep.csv */
    report_axis *axes;
    size_t n_axes;
    char **targets; /* T of the days_to_T_p50 columns, in column order */
    size_t n_targets;
    char **accounts;
    size_t n_acc;
    size_t *vi;     /* per row and axis: the index of the row's value */
    size_t *acc;    /* per row: its account */
    report_days *days;     /* per row and target: [row * n_targets + t] */
    report_shares *share;  /* per row */
    int has_p10, has_shares;
    long heat_target; /* the first target whose p50 some row has, or -1 */
    report_policy pol; /* the first point's thresholds, for the captions (has_pol) */
    int has_pol;
    report_outcome *outc; /* per row and measure: [row * REPORT_N_MEASURES + m] */
    int has_outcomes;     /* sweep.csv has some of the measures' columns */
    int has_intervals;    /* runs.csv gave some row an interval */
} report_sweep;

/* "2%" -> 2 and "%", "1.5" -> 1.5 and "", "10k" -> 10000 and "". 0, or -1 when
 * s is not a number followed by a short suffix of letters, '%' or '/'. */
int report_value_number(const char *s, double *v, char unit[16]);

/* Read DIR/sweep.csv and, when present, DIR/sweep.ini. SIM_EINPUT when
 * sweep.csv is malformed or has no point and account columns. */
int report_read_sweep(const char *dir, report_sweep *s, sim_err *err);
void report_sweep_free(report_sweep *s);
/* Row r's days to target q. */
const report_days *report_sweep_days(const report_sweep *s, size_t r, size_t q);

/* report_sweep_series.c: the series of the plots against axis k: the combinations of the other keys'
 * values (and the accounts, when there are several) present in sweep.csv, in
 * sweep order. Returns each row's series (malloc'd, table.nrow entries) and
 * sets *n_series. */
size_t *report_sweep_series(const report_sweep *s, size_t k, size_t *n_series);
/* Per series (of ser, ns of them) and value of key k: its row, or -1 (a point
 * missing); malloc'd, [series * axes[k].n + value]. */
long *report_sweep_grid(const report_sweep *s, size_t k, const size_t *ser, size_t ns);
/* A key's short name: its last part (ramp_factor), unless another key ends
 * the same way. */
const char *report_sweep_short_key(const report_sweep *s, size_t k);
/* The legend title of the plots against key k (the other keys and "account"),
 * or (title 0) the label of row r's series: the other keys' values and its
 * account. malloc'd. */
char *report_sweep_label(const report_sweep *s, size_t k, size_t r, int title);

/* ---- report_sweep_outcomes.c ---- */

/* s->outc from sweep.csv's means and runs.csv's replications (cpoint, cacc:
 * sweep.csv's point and account columns). */
void report_read_sweep_outcomes(const char *dir, report_sweep *s, int cpoint, int cacc);
/* The caption (HTML) of the outcomes plot against axis k: the means per value. */
char *report_sweep_caption_outcomes(const report_sweep *s, size_t k);

/* ---- report_sweep_data.c ---- */

/* Write data/sweep.gp, data/sweep-key-K.dat (K = 1..) and data/sweep-heat.dat
 * (two keys) under the folder `stage`. */
int report_write_sweep_data(const char *stage, const report_sweep *s, int format, sim_err *err);

/* ---- report_sweep_caption.c ---- */

/* Captions (HTML) of the sweep plots: days to the targets and shares against
 * axis k, and the heat map. */
char *report_sweep_caption_days(const report_sweep *s, size_t k);
char *report_sweep_caption_shares(const report_sweep *s, size_t k);
char *report_sweep_caption_heat(const report_sweep *s);

/* ---- report_sweep_html.c ---- */

/* v's facts, sections and scenario texts for a sweep's page. */
void report_sweep_view(report_view *v, const report_sweep *sw);

/* ---- report_batch.c ---- */

/* batch.csv: its scenarios in order of first appearance, their rows grouped by
 * scenario and account (in order of first appearance). */
typedef struct report_batch {
    report_table table;
    int c_scn, c_rep, c_acc; /* columns */
    char **names;            /* distinct scenarios (pointing into table) */
    size_t n;
} report_batch;

/* Read DIR/batch.csv. SIM_EINPUT when it is malformed, lacks a scenario, rep or
 * account column, or names a scenario that is not a plain folder name. */
int report_read_batch(const char *dir, report_batch *b, sim_err *err);
void report_batch_free(report_batch *b);

/* What a panel of the small multiple spans: its duration in days and its
 * smallest and largest positive max24h (NAN or <= 0 when it has none). */
typedef struct report_extent {
    double days, lo, hi;
} report_extent;

/* The common axes of the panels. */
typedef struct report_range {
    double x_max;        /* days: the longest duration */
    double y_min, y_max; /* whole decades around every positive quota */
} report_range;

void report_batch_range(size_t n, const report_extent *e, report_range *out);

/* The median of n summary values across replications: an empty value counts as
 * never reached (+INFINITY), NA and text are left out. *counted: the values
 * used; *finite: those reached. NAN when none is counted. */
double report_batch_median(const char *const *raw, size_t n, size_t *counted, size_t *finite);

#endif
