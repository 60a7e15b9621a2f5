/* report_read.c: reading a run's CSV files for the report: timeseries.csv
 * (replication 1 kept as numbers; the columns read are the table ts_columns),
 * events.csv (its first rows as text, rep-1 markers), summary.csv (as text),
 * bands.csv (the table band_columns); and the series derived from them. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "io/csvtext.h"
#include "io/output.h"
#include "models/account.h"
#include "run/bands.h"
#include "run/columns.h"
#include "report_int.h"

/* The shown status (models/account.h lists them) of each lane, in lane order. */
static const account_shown lane_status[RS_N] = {
    [RS_SANDBOX] = SHOWN_SANDBOX, [RS_HEALTHY] = SHOWN_HEALTHY,
    [RS_UNDER_REVIEW] = SHOWN_UNDER_REVIEW, [RS_PAUSED] = SHOWN_PAUSED};

const char *report_status_name(int lane) { return account_shown_names[lane_status[lane]]; }
#define REPORT_MARKED_EVENT(id, event, point) [id] = EV_##event,
const event_type report_marked_events[RE_N] = {REPORT_MARKED_EVENTS(REPORT_MARKED_EVENT)};
#undef REPORT_MARKED_EVENT

int report_status_code(const char *s)
{
    for (int i = 0; i < RS_N; i++)
        if (!strcmp(s, report_status_name(i)))
            return i;
    return -1;
}

static int event_code(const char *s)
{
    int ev = event_find(s);
    for (int i = 0; i < RE_N; i++)
        if (ev >= 0 && (event_type)ev == report_marked_events[i])
            return i;
    return -1;
}

/* Text shown in messages: a field cut short and without control bytes. */
static const char *shown(const char *s, char buf[48])
{
    size_t i = 0;
    for (; s[i] && i < 40; i++)
        buf[i] = (unsigned char)s[i] < 32 ? '?' : s[i];
    if (s[i])
        memcpy(buf + i, "...", 3), i += 3;
    buf[i] = 0;
    return buf;
}

static int parse_time(const char *path, long line, const char *s, double *t, sim_err *err)
{
    int64_t ms;
    sim_err e;
    char b[48];
    if (units_datetime(s, &ms, &e))
        return sim_errorf(err, SIM_EINPUT, path, line, "time '%s' is not an ISO 8601 UTC time",
                          shown(s, b));
    *t = (double)ms / 1000.0;
    return 0;
}

static int bad_number(const char *path, long line, const char *col, const char *s, sim_err *err)
{
    char b[48];
    return sim_errorf(err, SIM_EINPUT, path, line, "column %s: '%s' is not a number", col,
                      shown(s, b));
}

static int bad_rep(const char *path, long line, const char *s, sim_err *err)
{
    char b[48];
    return sim_errorf(err, SIM_EINPUT, path, line,
                      "column rep: '%s' is not a replication number (1 to %d)", shown(s, b),
                      SCN_MAX_REPS);
}

/* ---- tables kept as text ---- */

void report_table_free(report_table *t)
{
    for (size_t i = 0; i < t->ncol; i++)
        free(t->head[i]);
    free(t->head);
    for (size_t r = 0; r < t->nrow; r++) {
        for (size_t i = 0; i < t->ncol; i++)
            free(t->rows[r][i]);
        free(t->rows[r]);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

typedef struct table_reader {
    report_table *t;
    size_t max_rows, cap;
    const char *path;
} table_reader;

/* Keep a row (the header when t has none yet); a short row is padded with
 * empty fields and extra fields are dropped. */
static void table_add(table_reader *tr, size_t n, char **fields)
{
    report_table *t = tr->t;
    if (!t->head) {
        t->ncol = n;
        t->head = sim_xmalloc(n * sizeof *t->head);
        for (size_t i = 0; i < n; i++)
            t->head[i] = sim_xstrdup(fields[i]);
        return;
    }
    t->total++;
    if (t->nrow >= tr->max_rows)
        return;
    if (t->nrow == tr->cap) {
        tr->cap = tr->cap ? 2 * tr->cap : 64;
        t->rows = sim_xrealloc(t->rows, tr->cap * sizeof *t->rows);
    }
    char **row = sim_xmalloc(t->ncol * sizeof *row);
    for (size_t i = 0; i < t->ncol; i++)
        row[i] = sim_xstrdup(i < n ? fields[i] : "");
    t->rows[t->nrow++] = row;
}

static int table_row(void *user, size_t n, char **fields, long line, sim_err *err)
{
    (void)line, (void)err;
    if (n)
        table_add(user, n, fields);
    return 0;
}

int report_read_table(const char *path, size_t max_rows, report_table *t, sim_err *err)
{
    memset(t, 0, sizeof *t);
    table_reader tr = {.t = t, .max_rows = max_rows, .path = path};
    int rc = report_csv_each(path, table_row, &tr, err);
    if (!rc && !t->head)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "empty file: no header row");
    if (rc)
        report_table_free(t);
    return rc;
}

/* ---- timeseries.csv ---- */

/* A column of timeseries.csv the report reads, and where it goes. */
enum { TSK_TIME, TSK_NUMBER, TSK_OPTIONAL, TSK_REP, TSK_ACCOUNT, TSK_STATUS };
typedef struct ts_column {
    ts_column_id id; /* columns.h: its name is columns_timeseries[id] */
    int kind;   /* TS_*: TSK_OPTIONAL is a number that may be missing */
    size_t off; /* the report_point field of a time or a number */
} ts_column;

static const ts_column ts_columns[] = {
    {TS_time, TSK_TIME, offsetof(report_point, t)},
    {TS_day, TSK_OPTIONAL, offsetof(report_point, day)},
    {TS_rep, TSK_REP, 0},
    {TS_account, TSK_ACCOUNT, 0},
    {TS_status, TSK_STATUS, 0},
    {TS_max24h, TSK_NUMBER, offsetof(report_point, max24h)},
    {TS_max_rate, TSK_NUMBER, offsetof(report_point, max_rate)},
    {TS_sent_24h, TSK_NUMBER, offsetof(report_point, sent_24h)},
    {TS_demand, TSK_NUMBER, offsetof(report_point, demand)},
    {TS_sent, TSK_NUMBER, offsetof(report_point, sent)},
    {TS_rejected, TSK_NUMBER, offsetof(report_point, rejected)},
    {TS_overflow, TSK_NUMBER, offsetof(report_point, overflow)},
    {TS_dropped, TSK_NUMBER, offsetof(report_point, dropped)},
    {TS_backlog, TSK_NUMBER, offsetof(report_point, backlog)},
    {TS_bounce_rate, TSK_NUMBER, offsetof(report_point, bounce_rate)},
    {TS_complaint_rate, TSK_NUMBER, offsetof(report_point, complaint_rate)},
};
enum { N_TS = sizeof ts_columns / sizeof ts_columns[0] };

typedef struct ts_reader {
    report_run *r;
    const char *path;
    int col[N_TS]; /* per ts_columns entry: its index in the file, or -1 */
    int c_rep, c_account, c_status;
    size_t ncol;
    long first_rep; /* the replication plotted: the first one in the file */
    size_t last;    /* account of the previous row, a lookup shortcut */
    const char *const *keep; /* sorted: the accounts drawn when not all are; NULL: all */
    size_t n_keep;
    size_t named;   /* accounts seen, `*` aside */
    int too_many;   /* stopped at account REPORT_MAX_ACCOUNTS + 1: choose, read again */
} ts_reader;

static double *point_field(report_point *p, size_t off) { return (double *)((char *)p + off); }

/* Is the account of this name drawn? The organisation `*` always is. */
static int kept(const ts_reader *tr, const char *name)
{
    return !tr->keep || !strcmp(name, "*") ||
           bsearch(&name, tr->keep, tr->n_keep, sizeof *tr->keep, report_by_string);
}

/* The index of the account of this name, or r->n_acc; hint: where it likely
 * is (rows come in the same account order at every time). */
static size_t account_index_of(const report_run *r, const char *name, size_t hint)
{
    if (hint < r->n_acc && !strcmp(r->acc[hint].name, name))
        return hint;
    for (size_t i = 0; i < r->n_acc; i++)
        if (!strcmp(r->acc[i].name, name))
            return i;
    return r->n_acc;
}

static size_t account_index(report_run *r, const char *name, size_t hint)
{
    size_t i = account_index_of(r, name, hint);
    if (i < r->n_acc)
        return i;
    r->acc = sim_xrealloc(r->acc, (r->n_acc + 1) * sizeof *r->acc);
    report_series *a = &r->acc[r->n_acc];
    memset(a, 0, sizeof *a);
    a->name = sim_xstrdup(name);
    a->is_total = !strcmp(name, "*");
    return r->n_acc++;
}

static int ts_header(ts_reader *tr, size_t n, char **f, sim_err *err)
{
    tr->ncol = n;
    for (int k = 0; k < N_TS; k++) {
        tr->col[k] = report_csv_column(n, f, columns_timeseries[ts_columns[k].id]);
        if (tr->col[k] < 0 && ts_columns[k].kind != TSK_OPTIONAL)
            return sim_errorf(err, SIM_EINPUT, tr->path, 1,
                              "no column '%s': not a timeseries.csv of sesim", columns_timeseries[ts_columns[k].id]);
        if (ts_columns[k].kind == TSK_REP) tr->c_rep = tr->col[k];
        if (ts_columns[k].kind == TSK_ACCOUNT) tr->c_account = tr->col[k];
        if (ts_columns[k].kind == TSK_STATUS) tr->c_status = tr->col[k];
    }
    return 0;
}

/* The time and the numbers of a row, then its status. */
static int ts_point(ts_reader *tr, char **f, long line, report_point *p, sim_err *err)
{
    for (int k = 0; k < N_TS; k++) {
        const ts_column *c = &ts_columns[k];
        double *v = point_field(p, c->off);
        if (c->kind == TSK_TIME && parse_time(tr->path, line, f[tr->col[k]], v, err))
            return SIM_EINPUT;
        if (c->kind == TSK_NUMBER && report_number(f[tr->col[k]], v))
            return bad_number(tr->path, line, columns_timeseries[c->id], f[tr->col[k]], err);
        if (c->kind == TSK_OPTIONAL && (tr->col[k] < 0 || report_number(f[tr->col[k]], v)))
            *v = NAN;
    }
    if (p->max24h < 0) /* unlimited: -1, as SES's API writes it; no quota line is drawn */
        p->max24h = NAN;
    p->status = report_status_code(f[tr->c_status]);
    if (p->status < 0) {
        char b[48];
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "unknown status '%s'",
                          shown(f[tr->c_status], b));
    }
    return 0;
}

/* The series of a row's account, added when new; SIM_EINPUT (and too_many)
 * when a first reading meets account REPORT_MAX_ACCOUNTS + 1. */
static int row_series(ts_reader *tr, const char *name, size_t *i)
{
    report_run *r = tr->r;
    *i = account_index_of(r, name, tr->last + 1);
    if (*i == r->n_acc && strcmp(name, "*") && tr->named++ == REPORT_MAX_ACCOUNTS && !tr->keep) {
        tr->too_many = 1; /* one more account than can be drawn: choose which */
        return SIM_EINPUT;
    }
    *i = account_index(r, name, *i);
    tr->last = *i;
    return 0;
}

static int ts_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    ts_reader *tr = user;
    if (!n)
        return 0;
    if (line == 1)
        return ts_header(tr, n, f, err);
    if (n != tr->ncol)
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "%zu fields where the header has %zu",
                          n, tr->ncol);
    long rep;
    if (report_rep(f[tr->c_rep], &rep))
        return bad_rep(tr->path, line, f[tr->c_rep], err);
    report_run *r = tr->r;
    tr->first_rep = tr->first_rep < 0 ? rep : tr->first_rep;
    r->max_rep = rep > r->max_rep ? rep : r->max_rep;
    const char *name = csvtext_unguard(f[tr->c_account]);
    if (rep != tr->first_rep || !kept(tr, name))
        return 0;
    report_point p = {0};
    size_t i;
    if (ts_point(tr, f, line, &p, err) || row_series(tr, name, &i))
        return SIM_EINPUT;
    report_series *a = &r->acc[i];
    if (a->n && p.t < a->p[a->n - 1].t)
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "rows of account '%s' out of time order",
                          a->name);
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 256;
        a->p = sim_xrealloc(a->p, a->cap * sizeof *a->p);
    }
    a->p[a->n++] = p;
    return 0;
}

/* ---- events.csv: the first rows as text, and rep-1 markers ---- */

typedef struct ev_reader {
    report_run *r;
    table_reader table;
    const char *path;
    int col[EVT_COLUMNS_N]; /* per column of columns.h: its index in the file */
    int need;               /* the largest index of a column read */
    long first_rep;
    size_t cap;
} ev_reader;

/* The columns of events.csv the report reads (columns.h). */
static const event_column_id ev_columns[] = {EVT_time, EVT_rep, EVT_account, EVT_event};
enum { N_EV = sizeof ev_columns / sizeof ev_columns[0] };

static int ev_header(ev_reader *er, size_t n, char **f, sim_err *err)
{
    for (int k = 0; k < N_EV; k++) {
        const char *name = columns_events[ev_columns[k]];
        int c = er->col[ev_columns[k]] = report_csv_column(n, f, name);
        if (c < 0)
            return sim_errorf(err, SIM_EINPUT, er->path, 1,
                              "no column '%s': not an events.csv of sesim", name);
        er->need = c > er->need ? c : er->need;
    }
    return 0;
}

static int ev_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    ev_reader *er = user;
    if (!n)
        return 0;
    table_add(&er->table, n, f);
    if (line == 1)
        return ev_header(er, n, f, err);
    if ((int)n <= er->need)
        return sim_errorf(err, SIM_EINPUT, er->path, line, "short row: %zu fields", n);
    long rep;
    if (report_rep(f[er->col[EVT_rep]], &rep))
        return bad_rep(er->path, line, f[er->col[EVT_rep]], err);
    if (er->first_rep < 0)
        er->first_rep = rep;
    int kind = event_code(f[er->col[EVT_event]]);
    if (rep != er->first_rep || kind < 0)
        return 0;
    report_event e = {.kind = kind, .account = (size_t)-1};
    if (parse_time(er->path, line, f[er->col[EVT_time]], &e.t, err))
        return SIM_EINPUT;
    report_run *r = er->r;
    for (size_t i = 0; i < r->n_acc; i++)
        if (!strcmp(r->acc[i].name, csvtext_unguard(f[er->col[EVT_account]])))
            e.account = i;
    if (e.account == (size_t)-1)
        return 0; /* an account without a time series: nowhere to draw it */
    if (r->n_ev == er->cap) {
        er->cap = er->cap ? 2 * er->cap : 64;
        r->ev = sim_xrealloc(r->ev, er->cap * sizeof *r->ev);
    }
    r->ev[r->n_ev++] = e;
    r->ev_count[kind]++;
    return 0;
}

/* ---- bands.csv ---- */

/* The columns of bands.csv the report reads (columns.h); a value goes to a
 * report_band field. */
static const struct {
    band_column_id id;
    int value;  /* 1: a number, read into the field at off */
    size_t off;
} band_columns[] = {
    {BND_time, 0, 0},
    {BND_account, 0, 0},
    {BND_metric, 0, 0},
    {BND_mean, 1, offsetof(report_band, mean)},
    {BND_p05, 1, offsetof(report_band, p05)},
    {BND_p50, 1, offsetof(report_band, p50)},
    {BND_p95, 1, offsetof(report_band, p95)},
};
enum { N_BAND_READ = sizeof band_columns / sizeof band_columns[0] };

typedef struct band_reader {
    report_run *r;
    const char *path;
    int col[BND_COLUMNS_N]; /* per column of columns.h: its index in the file */
    int need;               /* the largest index of a column read */
} band_reader;

/* The bands of an account and metric, added when new. */
static report_bands *bands_of(report_run *r, const char *account, int metric)
{
    size_t i = 0;
    while (i < r->n_bands && (r->bands[i].metric != metric || strcmp(r->bands[i].account, account)))
        i++;
    if (i == r->n_bands) {
        r->bands = sim_xrealloc(r->bands, (r->n_bands + 1) * sizeof *r->bands);
        memset(&r->bands[i], 0, sizeof r->bands[i]);
        r->bands[i].account = sim_xstrdup(account);
        r->bands[i].metric = metric;
        r->n_bands++;
    }
    return &r->bands[i];
}

static int band_header(band_reader *br, size_t n, char **f, sim_err *err)
{
    for (int k = 0; k < N_BAND_READ; k++) {
        const char *name = columns_bands[band_columns[k].id];
        int c = br->col[band_columns[k].id] = report_csv_column(n, f, name);
        if (c < 0)
            return sim_errorf(err, SIM_EINPUT, br->path, 1, "no column '%s'", name);
        br->need = c > br->need ? c : br->need;
    }
    return 0;
}

static int band_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    band_reader *br = user;
    if (!n)
        return 0;
    if (line == 1)
        return band_header(br, n, f, err);
    if ((int)n <= br->need)
        return sim_errorf(err, SIM_EINPUT, br->path, line, "short row: %zu fields", n);
    const char *m = f[br->col[BND_metric]];
    int metric = !strcmp(m, band_names[BAND_MAX24H]) ? 0 : !strcmp(m, band_names[BAND_SENT_24H]) ? 1 : -1;
    if (metric < 0)
        return 0;
    report_band b;
    if (parse_time(br->path, line, f[br->col[BND_time]], &b.t, err))
        return SIM_EINPUT;
    for (int k = 0; k < N_BAND_READ; k++) {
        int c = br->col[band_columns[k].id];
        if (band_columns[k].value && report_number(f[c], (double *)((char *)&b + band_columns[k].off)))
            return bad_number(br->path, line, columns_bands[band_columns[k].id], f[c], err);
    }
    if (metric == 0 && (b.mean < 0 || b.p05 < 0 || b.p50 < 0 || b.p95 < 0))
        return 0; /* an unlimited quota (-1) has no band */
    const char *account = csvtext_unguard(f[br->col[BND_account]]);
    report_run *r = br->r;
    if (r->n_acc_file > REPORT_MAX_ACCOUNTS && account_index_of(r, account, 0) == r->n_acc)
        return 0; /* an account not drawn (REPORT_MAX_ACCOUNTS) */
    report_bands *bs = bands_of(r, account, metric);
    if (bs->n == bs->cap) {
        bs->cap = bs->cap ? 2 * bs->cap : 256;
        bs->b = sim_xrealloc(bs->b, bs->cap * sizeof *bs->b);
    }
    bs->b[bs->n++] = b;
    return 0;
}

/* ---- the run ---- */

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

/* The interval: the commonest step between an account's rows (the first row
 * of a run is one interval after its start). */
static double interval_of(const report_series *a)
{
    double step = a->n > 1 ? a->p[1].t - a->p[0].t : 3600;
    for (size_t i = 2; i < a->n && i < 50; i++)
        if (a->p[i].t - a->p[i - 1].t < step)
            step = a->p[i].t - a->p[i - 1].t;
    return step > 0 ? step : 3600;
}

/* Read the series of the REPORT_MAX_ACCOUNTS accounts with the most demand
 * (and `*`): the file again, in the memory of the accounts drawn. */
static int read_drawn(ts_reader *tr, sim_err *err)
{
    char **keep = NULL;
    size_t n_keep = 0, n_file = 0;
    int rc = report_top_accounts(tr->path, REPORT_MAX_ACCOUNTS, &keep, &n_keep, &n_file, err);
    report_run *r = tr->r;
    report_run_free(r);
    *tr = (ts_reader){.r = r, .path = tr->path, .first_rep = -1,
                      .keep = (const char *const *)keep, .n_keep = n_keep};
    if (!rc)
        rc = report_csv_each(tr->path, ts_row, tr, err);
    r->n_acc_file = n_file;
    for (size_t i = 0; i < n_keep; i++)
        free(keep[i]);
    free(keep);
    return rc;
}

static int read_timeseries(const char *dir, report_run *r, sim_err *err)
{
    char *path = out_join(dir, "timeseries.csv");
    ts_reader tr = {.r = r, .path = path, .first_rep = -1};
    int rc = report_csv_each(path, ts_row, &tr, err);
    if (tr.too_many)
        rc = read_drawn(&tr, err);
    else
        r->n_acc_file = tr.named;
    if (!rc && !r->n_acc)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "no rows: the run wrote no time series");
    free(path);
    if (!rc)
        r->interval_s = interval_of(&r->acc[0]);
    return rc;
}

/* DIR/NAME, when it is there, through read. */
static int read_optional(const char *dir, const char *name, report_run *r,
                         int (*read)(const char *path, report_run *r, sim_err *err), sim_err *err)
{
    char *path = out_join(dir, name);
    int rc = readable(path) ? read(path, r, err) : 0;
    free(path);
    return rc;
}

static int read_events(const char *path, report_run *r, sim_err *err)
{
    ev_reader er = {.r = r, .path = path, .first_rep = -1,
                    .table = {.t = &r->events, .max_rows = REPORT_MAX_EVENT_ROWS}};
    int rc = report_csv_each(path, ev_row, &er, err);
    r->has_events = !rc && r->events.head;
    return rc;
}

static int read_summary(const char *path, report_run *r, sim_err *err)
{
    int rc = report_read_table(path, REPORT_MAX_SUMMARY_ROWS, &r->summary, err);
    r->has_summary = !rc;
    return rc;
}

static int read_bands(const char *path, report_run *r, sim_err *err)
{
    band_reader br = {.r = r, .path = path};
    return report_csv_each(path, band_row, &br, err);
}

int report_read_run(const char *dir, report_run *r, sim_err *err)
{
    memset(r, 0, sizeof *r);
    int rc = read_timeseries(dir, r, err);
    if (!rc)
        rc = read_optional(dir, "events.csv", r, read_events, err);
    if (!rc)
        rc = read_optional(dir, "summary.csv", r, read_summary, err);
    if (!rc)
        rc = read_optional(dir, "bands.csv", r, read_bands, err);
    if (rc)
        report_run_free(r);
    return rc;
}

void report_run_free(report_run *r)
{
    for (size_t i = 0; i < r->n_acc; i++) {
        free(r->acc[i].name);
        free(r->acc[i].p);
    }
    free(r->acc);
    free(r->ev);
    report_table_free(&r->events);
    report_table_free(&r->summary);
    for (size_t i = 0; i < r->n_bands; i++) {
        free(r->bands[i].account);
        free(r->bands[i].b);
    }
    free(r->bands);
    memset(r, 0, sizeof *r);
}

double report_run_start(const report_run *r)
{
    double t0 = INFINITY;
    for (size_t i = 0; i < r->n_acc; i++)
        if (r->acc[i].n && r->acc[i].p[0].t - r->interval_s < t0)
            t0 = r->acc[i].p[0].t - r->interval_s;
    return t0;
}

/* ---- derived series ---- */

static double rolled(const report_point *p, int which)
{
    switch (which) {
    case ROLL_DEMAND: return p->demand;
    case ROLL_OVERFLOW: return p->overflow;
    default: return p->rejected + p->dropped;
    }
}

void report_rolling_24h(const report_series *a, int which, double *out)
{
    double sum = 0;
    size_t lo = 0;
    for (size_t i = 0; i < a->n; i++) {
        sum += rolled(&a->p[i], which);
        while (a->p[lo].t <= a->p[i].t - 86400.0 + 1e-6)
            sum -= rolled(&a->p[lo++], which);
        out[i] = sum < 0 ? 0 : sum;
    }
}

long report_covered_from(const report_series *a)
{
    if (!a->n)
        return -1;
    double *d = sim_xmalloc(a->n * sizeof *d);
    report_rolling_24h(a, ROLL_DEMAND, d);
    long last_short = -1;
    for (size_t i = 0; i < a->n; i++)
        if (a->p[i].max24h < d[i])
            last_short = (long)i;
    free(d);
    return last_short + 1 < (long)a->n ? last_short + 1 : -1;
}
