/* report_sweep_outcomes.c: what separates the points of a sweep besides the
 * days to the targets: the mail SES sent, the overflow, the dropped, the
 * throttled attempts and the queueing delay. The means come from sweep.csv
 * (mean_total_sent, ...), the 10th to 90th percentile over the replications
 * from runs.csv (when it is there and a point has several replications). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "io/csvtext.h"
#include "io/output.h"
#include "report_int.h"
#include "study/sweep_tables.h"

const report_measure report_measures[REPORT_N_MEASURES] = {
    {"Mail through SES", SUM_total_sent, 0},
    {"Overflow to the other provider", SUM_total_overflow, 0},
    {"Dropped", SUM_total_dropped, 0},
    {"Throttled attempts", SUM_total_throttled, 0},
    {"Queueing delay, median (p50)", SUM_delay_p50_s, 1},
    {"Queueing delay, 99th percentile", SUM_delay_p99_s, 1},
};

/* A sweep row by its point number and account, for runs.csv's rows. */
typedef struct row_key {
    long point;
    const char *account;
    size_t row;
} row_key;

static int by_key(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    if (x->point != y->point)
        return x->point < y->point ? -1 : 1;
    return strcmp(x->account, y->account);
}

/* What reading runs.csv gathers: per sweep row and measure, the values. */
typedef struct runs_reader {
    report_sweep *s;
    row_key *keys;
    int cpoint, cacc, col[REPORT_N_MEASURES];
    double **v; /* [row * REPORT_N_MEASURES + m] */
    size_t *n, *cap;
} runs_reader;

static void add_value(runs_reader *rd, size_t i, double x)
{
    if (rd->n[i] == rd->cap[i]) {
        rd->cap[i] = rd->cap[i] ? 2 * rd->cap[i] : 4;
        rd->v[i] = sim_xrealloc(rd->v[i], rd->cap[i] * sizeof *rd->v[i]);
    }
    rd->v[i][rd->n[i]++] = x;
}

static int on_runs_row(void *user, size_t n, char **fields, long line, sim_err *err)
{
    runs_reader *rd = user;
    if (line == 1) {
        rd->cpoint = report_csv_column(n, fields, SWEEP_COL_POINT);
        rd->cacc = report_csv_column(n, fields, columns_summary[SUM_account]);
        for (size_t m = 0; m < REPORT_N_MEASURES; m++)
            rd->col[m] = report_csv_column(n, fields, columns_summary[report_measures[m].column]);
        if (rd->cpoint < 0 || rd->cacc < 0) /* not a runs.csv: no intervals */
            return sim_errorf(err, SIM_EINPUT, NULL, 1, "no point and account columns");
        return 0;
    }
    double p;
    if ((size_t)rd->cpoint >= n || (size_t)rd->cacc >= n || report_number(fields[rd->cpoint], &p))
        return 0;
    csvtext_unguard_cell(fields[rd->cacc]);
    row_key want = {(long)p, fields[rd->cacc], 0};
    const row_key *k = bsearch(&want, rd->keys, rd->s->table.nrow, sizeof *k, by_key);
    for (size_t m = 0; k && m < REPORT_N_MEASURES; m++) {
        double x;
        if (rd->col[m] >= 0 && (size_t)rd->col[m] < n && !report_number(fields[rd->col[m]], &x))
            add_value(rd, k->row * REPORT_N_MEASURES + m, x);
    }
    return 0;
}

/* The 10th and 90th percentiles of the values gathered, into s->outc. */
static void set_intervals(report_sweep *s, runs_reader *rd)
{
    for (size_t i = 0; i < s->table.nrow * REPORT_N_MEASURES; i++) {
        if (rd->n[i] > 1) {
            gsl_sort(rd->v[i], 1, rd->n[i]);
            s->outc[i].p10 = gsl_stats_quantile_from_sorted_data(rd->v[i], 1, rd->n[i], 0.1);
            s->outc[i].p90 = gsl_stats_quantile_from_sorted_data(rd->v[i], 1, rd->n[i], 0.9);
            s->has_intervals = 1;
        }
        free(rd->v[i]);
    }
}

/* runs.csv's replications of each row: the intervals (none when it is missing). */
static void read_runs(const char *dir, report_sweep *s, int cpoint, int cacc)
{
    size_t nrow = s->table.nrow, nv = nrow * REPORT_N_MEASURES;
    runs_reader rd = {.s = s, .keys = sim_xmalloc((nrow ? nrow : 1) * sizeof *rd.keys),
                      .v = sim_xcalloc(nv ? nv : 1, sizeof *rd.v),
                      .n = sim_xcalloc(nv ? nv : 1, sizeof *rd.n),
                      .cap = sim_xcalloc(nv ? nv : 1, sizeof *rd.cap)};
    for (size_t r = 0; r < nrow; r++) {
        double p = 0;
        report_number(s->table.rows[r][cpoint], &p);
        rd.keys[r] = (row_key){(long)p, s->table.rows[r][cacc], r};
    }
    qsort(rd.keys, nrow, sizeof *rd.keys, by_key);
    char *path = out_join(dir, "runs.csv");
    sim_err ignored;
    report_csv_each(path, on_runs_row, &rd, &ignored); /* a bad runs.csv: no intervals */
    free(path);
    set_intervals(s, &rd);
    free(rd.keys);
    free(rd.v);
    free(rd.n);
    free(rd.cap);
}

void report_read_sweep_outcomes(const char *dir, report_sweep *s, int cpoint, int cacc)
{
    const report_table *t = &s->table;
    size_t nv = t->nrow * REPORT_N_MEASURES;
    s->outc = sim_xmalloc((nv ? nv : 1) * sizeof *s->outc);
    for (size_t m = 0; m < REPORT_N_MEASURES; m++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", SWEEP_MEAN_PREFIX,
                 columns_summary[report_measures[m].column]);
        int c = report_csv_column(t->ncol, t->head, name);
        s->has_outcomes |= c >= 0;
        for (size_t r = 0; r < t->nrow; r++) {
            report_outcome *o = &s->outc[r * REPORT_N_MEASURES + m];
            o->p10 = o->p90 = o->mean = NAN;
            if (c >= 0 && report_number(t->rows[r][c], &o->mean))
                o->mean = NAN;
        }
    }
    if (s->has_outcomes)
        read_runs(dir, s, cpoint, cacc);
}

/* ---- the caption ---- */

/* A measure's value as the caption says it: 12,683,972 or 10.9 days. */
static void say_value(FILE *f, size_t m, double v)
{
    char buf[64];
    if (!report_measures[m].is_delay) {
        report_fmt_count(v, buf, sizeof buf);
        fputs(buf, f);
    } else if (v >= 2 * 86400) {
        fprintf(f, "%.1f days", v / 86400);
    } else if (v >= 7200) {
        fprintf(f, "%.1f hours", v / 3600);
    } else {
        fprintf(f, "%.0f s", v);
    }
}

/* Row r's measures: "sent 44,114,948, overflow 12,683,972, ...". */
static void say_row(FILE *f, const report_sweep *s, size_t r)
{
    static const char *const names[REPORT_N_MEASURES] = {
        "through SES", "overflow", "dropped", "throttled", "delay p50", "delay p99"};
    const char *sep = "";
    for (size_t m = 0; m < REPORT_N_MEASURES; m++) {
        const report_outcome *o = &s->outc[r * REPORT_N_MEASURES + m];
        if (isnan(o->mean))
            continue;
        fprintf(f, "%s%s ", sep, names[m]);
        say_value(f, m, o->mean);
        sep = ", ";
    }
    if (!*sep)
        fputs("no figures", f);
}

char *report_sweep_caption_outcomes(const report_sweep *s, size_t k)
{
    const report_axis *a = &s->axes[k];
    size_t ns;
    size_t *ser = report_sweep_series(s, k, &ns);
    long *g = report_sweep_grid(s, k, ser, ns);
    report_mem mem;
    FILE *f = report_mem_open(&mem);
    fputs("One bar per value of ", f);
    report_html_tag(f, "code", a->key);
    fprintf(f, " (categories, in the order of the sweep) and per series: the mean of %ld "
               "replication%s. ", s->reps, s->reps == 1 ? "" : "s");
    fputs(s->has_intervals ? "The whisker spans the 10th to the 90th percentile of the "
                             "replications (runs.csv). "
                           : "No whisker: each point has one replication (or no runs.csv). ", f);
    fputs("A delay is the mean over the replications in which mail queued; none where "
          "nothing queued. ", f);
    if (ns > 1)
        fprintf(f, "The figures below are those of the first of %zu series. ", ns);
    fputs("<ul class=\"facts\">\n", f);
    for (size_t i = 0; i < a->n; i++) {
        long r = g[i];
        if (r < 0)
            continue;
        fputs("<li>", f);
        report_html_tag(f, "b", a->values[i]);
        fputs(": ", f);
        say_row(f, s, (size_t)r);
        fputs("</li>\n", f);
    }
    fputs("</ul>", f);
    free(g);
    free(ser);
    return report_mem_close(&mem);
}
