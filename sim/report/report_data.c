/* report_data.c: reading a run's CSV files for the report, and writing what
 * gnuplot draws: whitespace-separated data files with one block per account
 * (gnuplot's `index`) and meta.gp, the variables the scripts read. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "io/csvtext.h"
#include "io/output.h"
#include "report.h"
#include "core/units.h"

const char *const report_status_names[RS_N] = {"sandbox", "healthy", "under_review", "paused"};
const char *const report_event_names[RE_N] = {"quota_raised", "review_started", "paused",
                                              "production_granted"};

int report_status_code(const char *s)
{
    for (int i = 0; i < RS_N; i++)
        if (!strcmp(s, report_status_names[i]))
            return i;
    return -1;
}

static int event_code(const char *s)
{
    for (int i = 0; i < RE_N; i++)
        if (!strcmp(s, report_event_names[i]))
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
                      REPORT_MAX_REP);
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

enum {
    C_TIME, C_DAY, C_REP, C_ACCOUNT, C_STATUS, C_MAX24H, C_MAX_RATE, C_SENT_24H, C_DEMAND, C_SENT,
    C_REJECTED, C_OVERFLOW, C_DROPPED, C_BACKLOG, C_BOUNCE, C_COMPLAINT, C_N
};
static const char *const ts_columns[C_N] = {
    "time", "day", "rep", "account", "status", "max24h", "max_rate", "sent_24h", "demand", "sent",
    "rejected", "overflow", "dropped", "backlog", "bounce_rate", "complaint_rate"};

typedef struct ts_reader {
    report_run *r;
    const char *path;
    int col[C_N];
    size_t ncol;
    long first_rep; /* the replication plotted: the first one in the file */
    size_t last;    /* account of the previous row, a lookup shortcut */
    const char *const *keep; /* sorted: the accounts drawn when not all are; NULL: all */
    size_t n_keep;
    size_t named;   /* accounts seen, `*` aside */
    int too_many;   /* stopped at account REPORT_MAX_ACCOUNTS + 1: choose, read again */
} ts_reader;

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is the account of this name drawn? The organisation `*` always is. */
static int kept(const ts_reader *tr, const char *name)
{
    return !tr->keep || !strcmp(name, "*") ||
           bsearch(&name, tr->keep, tr->n_keep, sizeof *tr->keep, by_string);
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
    if (line == 1) {
        tr->ncol = n;
        for (int k = 0; k < C_N; k++) {
            tr->col[k] = report_csv_column(n, f, ts_columns[k]);
            if (tr->col[k] < 0 && k != C_DAY)
                return sim_errorf(err, SIM_EINPUT, tr->path, 1,
                                  "no column '%s': not a timeseries.csv of sesim", ts_columns[k]);
        }
        return 0;
    }
    if (n != tr->ncol)
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "%zu fields where the header has %zu",
                          n, tr->ncol);
    long rep;
    if (report_rep(f[tr->col[C_REP]], &rep))
        return bad_rep(tr->path, line, f[tr->col[C_REP]], err);
    report_run *r = tr->r;
    tr->first_rep = tr->first_rep < 0 ? rep : tr->first_rep;
    r->max_rep = rep > r->max_rep ? rep : r->max_rep;
    const char *name = csvtext_unguard(f[tr->col[C_ACCOUNT]]);
    if (rep != tr->first_rep || !kept(tr, name))
        return 0;
    report_point p = {0};
    if (parse_time(tr->path, line, f[tr->col[C_TIME]], &p.t, err))
        return SIM_EINPUT;
    static const int num[] = {C_MAX24H, C_MAX_RATE, C_SENT_24H, C_DEMAND, C_SENT, C_REJECTED,
                              C_OVERFLOW, C_DROPPED, C_BACKLOG, C_BOUNCE, C_COMPLAINT};
    double v[sizeof num / sizeof num[0]];
    for (size_t k = 0; k < sizeof num / sizeof num[0]; k++)
        if (report_number(f[tr->col[num[k]]], &v[k]))
            return bad_number(tr->path, line, ts_columns[num[k]], f[tr->col[num[k]]], err);
    p.max24h = v[0], p.max_rate = v[1], p.sent_24h = v[2], p.demand = v[3], p.sent = v[4];
    p.rejected = v[5], p.overflow = v[6], p.dropped = v[7], p.backlog = v[8];
    p.bounce_rate = v[9], p.complaint_rate = v[10];
    if (tr->col[C_DAY] < 0 || report_number(f[tr->col[C_DAY]], &p.day))
        p.day = NAN;
    p.status = report_status_code(f[tr->col[C_STATUS]]);
    if (p.status < 0) {
        char b[48];
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "unknown status '%s'",
                          shown(f[tr->col[C_STATUS]], b));
    }
    size_t i;
    if (row_series(tr, name, &i))
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
    int c_time, c_rep, c_account, c_event;
    long first_rep;
    size_t cap;
} ev_reader;

static int ev_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    ev_reader *er = user;
    if (!n)
        return 0;
    table_add(&er->table, n, f);
    if (line == 1) {
        er->c_time = report_csv_column(n, f, "time");
        er->c_rep = report_csv_column(n, f, "rep");
        er->c_account = report_csv_column(n, f, "account");
        er->c_event = report_csv_column(n, f, "event");
        if (er->c_time < 0 || er->c_rep < 0 || er->c_account < 0 || er->c_event < 0)
            return sim_errorf(err, SIM_EINPUT, er->path, 1,
                              "expected the columns time, rep, account, event");
        return 0;
    }
    int need = er->c_time;
    if (er->c_rep > need) need = er->c_rep;
    if (er->c_account > need) need = er->c_account;
    if (er->c_event > need) need = er->c_event;
    if ((int)n <= need)
        return sim_errorf(err, SIM_EINPUT, er->path, line, "short row: %zu fields", n);
    long rep;
    if (report_rep(f[er->c_rep], &rep))
        return bad_rep(er->path, line, f[er->c_rep], err);
    if (er->first_rep < 0)
        er->first_rep = rep;
    int kind = event_code(f[er->c_event]);
    if (rep != er->first_rep || kind < 0)
        return 0;
    report_event e = {.kind = kind, .account = (size_t)-1};
    if (parse_time(er->path, line, f[er->c_time], &e.t, err))
        return SIM_EINPUT;
    report_run *r = er->r;
    for (size_t i = 0; i < r->n_acc; i++)
        if (!strcmp(r->acc[i].name, csvtext_unguard(f[er->c_account])))
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

typedef struct band_reader {
    report_run *r;
    const char *path;
    int c_time, c_account, c_metric, c_mean, c_p05, c_p50, c_p95;
} band_reader;

static int band_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    band_reader *br = user;
    if (!n)
        return 0;
    if (line == 1) {
        static const char *const names[] = {"time", "account", "metric", "mean", "p05", "p50", "p95"};
        int *cols[] = {&br->c_time, &br->c_account, &br->c_metric, &br->c_mean,
                       &br->c_p05, &br->c_p50, &br->c_p95};
        for (size_t k = 0; k < 7; k++)
            if ((*cols[k] = report_csv_column(n, f, names[k])) < 0)
                return sim_errorf(err, SIM_EINPUT, br->path, 1, "no column '%s'", names[k]);
        return 0;
    }
    int need = 0;
    int cols[] = {br->c_time, br->c_account, br->c_metric, br->c_mean, br->c_p05, br->c_p50, br->c_p95};
    for (size_t k = 0; k < 7; k++)
        if (cols[k] > need)
            need = cols[k];
    if ((int)n <= need)
        return sim_errorf(err, SIM_EINPUT, br->path, line, "short row: %zu fields", n);
    int metric = !strcmp(f[br->c_metric], "max24h") ? 0 : !strcmp(f[br->c_metric], "sent_24h") ? 1 : -1;
    if (metric < 0)
        return 0;
    report_band b;
    if (parse_time(br->path, line, f[br->c_time], &b.t, err))
        return SIM_EINPUT;
    double *v[] = {&b.mean, &b.p05, &b.p50, &b.p95};
    int vc[] = {br->c_mean, br->c_p05, br->c_p50, br->c_p95};
    static const char *const vn[] = {"mean", "p05", "p50", "p95"};
    for (size_t k = 0; k < 4; k++)
        if (report_number(f[vc[k]], v[k]))
            return bad_number(br->path, line, vn[k], f[vc[k]], err);
    report_run *r = br->r;
    size_t i = 0;
    const char *account = csvtext_unguard(f[br->c_account]);
    if (r->n_acc_file > REPORT_MAX_ACCOUNTS && account_index_of(r, account, 0) == r->n_acc)
        return 0; /* an account not drawn (REPORT_MAX_ACCOUNTS) */
    while (i < r->n_bands && (r->bands[i].metric != metric || strcmp(r->bands[i].account, account)))
        i++;
    if (i == r->n_bands) {
        r->bands = sim_xrealloc(r->bands, (r->n_bands + 1) * sizeof *r->bands);
        memset(&r->bands[i], 0, sizeof r->bands[i]);
        r->bands[i].account = sim_xstrdup(account);
        r->bands[i].metric = metric;
        r->n_bands++;
    }
    report_bands *bs = &r->bands[i];
    if (bs->n == bs->cap) {
        bs->cap = bs->cap ? 2 * bs->cap : 256;
        bs->b = sim_xrealloc(bs->b, bs->cap * sizeof *bs->b);
    }
    bs->b[bs->n++] = b;
    return 0;
}

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

/* ---- the accounts drawn when there are more than REPORT_MAX_ACCOUNTS ---- */

/* Every account's demand over replication 1, in the order of the file. */
typedef struct demand_reader {
    const char *path;
    int c_rep, c_account, c_demand;
    long first_rep;
    char **name;
    double *demand;
    size_t n, cap, last;
} demand_reader;

static int demand_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    (void)err; /* the second reading says what is wrong */
    demand_reader *d = user;
    if (!n)
        return 0;
    if (line == 1) { /* the first reading checked the header */
        d->c_rep = report_csv_column(n, f, "rep");
        d->c_account = report_csv_column(n, f, "account");
        d->c_demand = report_csv_column(n, f, "demand");
        return 0;
    }
    long rep;
    double v;
    if ((size_t)d->c_rep >= n || (size_t)d->c_account >= n || (size_t)d->c_demand >= n)
        return 0; /* a short row: the second reading says so */
    if (report_rep(f[d->c_rep], &rep) || report_number(f[d->c_demand], &v))
        return 0;
    const char *name = csvtext_unguard(f[d->c_account]);
    if ((d->first_rep >= 0 && rep != d->first_rep) || !strcmp(name, "*"))
        return 0;
    d->first_rep = rep;
    size_t i = d->last + 1 < d->n && !strcmp(d->name[d->last + 1], name) ? d->last + 1 : 0;
    while (i < d->n && strcmp(d->name[i], name))
        i++;
    if (i == d->n) {
        if (d->n == d->cap) {
            d->cap = d->cap ? 2 * d->cap : 64;
            d->name = sim_xrealloc(d->name, d->cap * sizeof *d->name);
            d->demand = sim_xrealloc(d->demand, d->cap * sizeof *d->demand);
        }
        d->name[d->n] = sim_xstrdup(name);
        d->demand[d->n++] = 0;
    }
    d->demand[i] += v;
    d->last = i;
    return 0;
}

static const double *sort_demand; /* qsort has no context argument in C11 */

/* Most demand first; equal demands in the order of the file. */
static int by_demand(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (sort_demand[i] != sort_demand[j])
        return sort_demand[i] > sort_demand[j] ? -1 : 1;
    return (i > j) - (i < j);
}

/* Read the series of the REPORT_MAX_ACCOUNTS accounts with the most demand
 * (and `*`): the file again, twice, in the memory of the accounts drawn. */
static int read_drawn(ts_reader *tr, sim_err *err)
{
    demand_reader d = {.path = tr->path, .first_rep = -1};
    int rc = report_csv_each(tr->path, demand_row, &d, err);
    size_t *order = sim_xmalloc((d.n ? d.n : 1) * sizeof *order);
    const char **keep = sim_xmalloc(REPORT_MAX_ACCOUNTS * sizeof *keep);
    for (size_t i = 0; i < d.n; i++)
        order[i] = i;
    sort_demand = d.demand;
    qsort(order, d.n, sizeof *order, by_demand);
    size_t n_keep = d.n < REPORT_MAX_ACCOUNTS ? d.n : REPORT_MAX_ACCOUNTS;
    for (size_t k = 0; k < n_keep; k++)
        keep[k] = d.name[order[k]];
    qsort(keep, n_keep, sizeof *keep, by_string);
    report_run *r = tr->r;
    report_run_free(r);
    *tr = (ts_reader){.r = r, .path = tr->path, .first_rep = -1, .keep = keep, .n_keep = n_keep};
    if (!rc)
        rc = report_csv_each(tr->path, ts_row, tr, err);
    r->n_acc_file = d.n;
    for (size_t i = 0; i < d.n; i++)
        free(d.name[i]);
    free(d.name);
    free(d.demand);
    free(order);
    free(keep);
    return rc;
}

int report_read_run(const char *dir, report_run *r, sim_err *err)
{
    memset(r, 0, sizeof *r);
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
    /* The interval: the commonest step between an account's rows (the first row
     * of a run is one interval after its start). */
    if (!rc) {
        const report_series *a = &r->acc[0];
        r->interval_s = a->n > 1 ? a->p[1].t - a->p[0].t : 3600;
        for (size_t i = 2; i < a->n && i < 50; i++)
            if (a->p[i].t - a->p[i - 1].t < r->interval_s)
                r->interval_s = a->p[i].t - a->p[i - 1].t;
        if (!(r->interval_s > 0))
            r->interval_s = 3600;
    }
    if (!rc) {
        path = out_join(dir, "events.csv");
        if (readable(path)) {
            ev_reader er = {.r = r, .path = path, .first_rep = -1,
                            .table = {.t = &r->events, .max_rows = REPORT_MAX_EVENT_ROWS}};
            rc = report_csv_each(path, ev_row, &er, err);
            r->has_events = !rc && r->events.head;
        }
        free(path);
    }
    if (!rc) {
        path = out_join(dir, "summary.csv");
        if (readable(path)) {
            rc = report_read_table(path, REPORT_MAX_SUMMARY_ROWS, &r->summary, err);
            r->has_summary = !rc;
        }
        free(path);
    }
    if (!rc) {
        path = out_join(dir, "bands.csv");
        if (readable(path)) {
            band_reader br = {.r = r, .path = path};
            rc = report_csv_each(path, band_row, &br, err);
        }
        free(path);
    }
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

/* ---- gnuplot files ---- */

/* In double quotes: gnuplot 5.4 misreads the doubled quote of a single-quoted
 * string that starts with one (a scenario named 'q gave '''q', an error). */
void report_gp_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if ((unsigned char)*s >= 32 && *s != 127)
            fputc(*s, f);
    }
    fputc('"', f);
}

/* Account colours: distinct from the status and threshold colours (green,
 * orange, red) for the first accounts; the total `*` is near-black and thick. */
static const char *const palette[] = {"#1f77b4", "#9467bd", "#17becf", "#8c564b", "#e377c2",
                                      "#bcbd22", "#7f7f7f", "#2ca02c", "#ff7f0e", "#d62728"};
#define N_PALETTE (sizeof palette / sizeof palette[0])
#define TOTAL_COLOR "#222222"

const char *report_palette_color(size_t k)
{
    return palette[k % N_PALETTE];
}

static const char *account_color(const report_run *r, size_t i)
{
    if (r->acc[i].is_total)
        return TOTAL_COLOR;
    size_t k = 0;
    for (size_t j = 0; j < i; j++)
        k += !r->acc[j].is_total;
    return report_palette_color(k);
}

static const char *color_of_name(const report_run *r, const char *name, size_t *next_extra)
{
    for (size_t i = 0; i < r->n_acc; i++)
        if (!strcmp(r->acc[i].name, name))
            return account_color(r, i);
    return palette[(r->n_acc + (*next_extra)++) % N_PALETTE];
}

FILE *report_open_data(const char *stage, const char *name, sim_err *err)
{
    char *path = out_join(stage, name);
    FILE *f = fopen(path, "w");
    if (!f)
        sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot write");
    free(path);
    return f;
}

int report_close_data(FILE *f, const char *name, sim_err *err)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return sim_errorf(err, SIM_ERUNTIME, name, 0, "write failed");
    return 0;
}

static size_t stride_of(size_t n)
{
    return n > REPORT_MAX_PLOT_POINTS ? (n + REPORT_MAX_PLOT_POINTS - 1) / REPORT_MAX_PLOT_POINTS : 1;
}

static int write_ts(const char *stage, const report_run *r, report_facts *facts, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/ts.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# sesim report: replication 1, one block per account (gnuplot index)\n"
          "# t(s since 1970 UTC) max24h max_rate sent_24h demand_24h overflow_24h lost_24h "
          "backlog bounce_rate(%) complaint_rate(%) send_rate(/s) day\n", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        double *dem = sim_xmalloc(a->n * sizeof *dem);
        double *ovf = sim_xmalloc(a->n * sizeof *ovf);
        double *lost = sim_xmalloc(a->n * sizeof *lost);
        report_rolling_24h(a, ROLL_DEMAND, dem);
        report_rolling_24h(a, ROLL_OVERFLOW, ovf);
        report_rolling_24h(a, ROLL_LOST, lost);
        size_t step = stride_of(a->n);
        facts->thinned |= step > 1;
        fprintf(f, "%s# account ", i ? "\n\n" : "");
        report_gp_string(f, a->name);
        fputc('\n', f);
        for (size_t k = 0; k < a->n; k++) {
            const report_point *p = &a->p[k];
            if (!a->is_total) {
                facts->has_overflow |= p->overflow > 0;
                facts->has_lost |= p->rejected + p->dropped > 0;
                facts->has_backlog |= p->backlog > 0;
                if (p->max24h > 0 && (facts->quota_min == 0 || p->max24h < facts->quota_min))
                    facts->quota_min = p->max24h;
                if (p->max24h > facts->quota_max)
                    facts->quota_max = p->max24h;
            }
            double top = fmax(p->max24h, fmax(p->sent_24h, dem[k]));
            double low = fmax(p->backlog, fmax(ovf[k], lost[k]));
            facts->top_max = fmax(facts->top_max, top);
            facts->low_max = fmax(facts->low_max, low);
            if (k % step && k + 1 != a->n)
                continue;
            fprintf(f, "%.0f %.15g %.15g %.15g %.15g %.15g %.15g %.15g %.8g %.8g %.8g %.6f\n", p->t,
                    p->max24h, p->max_rate, p->sent_24h, dem[k], ovf[k], lost[k], p->backlog,
                    100 * p->bounce_rate, 100 * p->complaint_rate, p->sent / r->interval_s,
                    isnan(p->day) ? 0.0 : p->day);
        }
        free(dem);
        free(ovf);
        free(lost);
    }
    return report_close_data(f, "data/ts.dat", err);
}

/* Status lanes: runs of one status as segments [t0, t1], the first account on top. */
static int write_status(const char *stage, const report_run *r, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/status.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# t0 t1 lane status(0 sandbox, 1 healthy, 2 under_review, 3 paused)\n", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        size_t lane = r->n_acc - i;
        size_t k = 0;
        while (k < a->n) {
            size_t e = k;
            while (e + 1 < a->n && a->p[e + 1].status == a->p[k].status)
                e++;
            double t0 = k ? a->p[k - 1].t : a->p[0].t - r->interval_s;
            fprintf(f, "%.0f %.0f %zu %d\n", t0, a->p[e].t, lane, a->p[k].status);
            k = e + 1;
        }
    }
    return report_close_data(f, "data/status.dat", err);
}

static unsigned long rgb_int(const char *hex) { return strtoul(hex + 1, NULL, 16); }

/* Markers: one block per event kind that occurs, at the account's quota then. */
static int write_events(const char *stage, const report_run *r, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/events.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# one block per event kind that occurs (see ev_names in meta.gp): t max24h rgb\n", f);
    int blocks = 0;
    for (int kind = 0; kind < RE_N; kind++) {
        if (!r->ev_count[kind])
            continue;
        fprintf(f, "%s# %s\n", blocks++ ? "\n\n" : "", report_event_names[kind]);
        for (size_t i = 0; i < r->n_ev; i++) {
            const report_event *e = &r->ev[i];
            if (e->kind != kind)
                continue;
            const report_series *a = &r->acc[e->account];
            size_t lo = 0, hi = a->n; /* the first point at or after the event */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (a->p[mid].t < e->t - 1e-6)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo == a->n)
                lo = a->n - 1;
            fprintf(f, "%.0f %.15g %lu\n", e->t, a->p[lo].max24h,
                    rgb_int(account_color(r, e->account)));
        }
    }
    return report_close_data(f, "data/events.dat", err);
}

static int write_bands(const char *stage, const report_run *r, int metric, double *max,
                       sim_err *err)
{
    const char *name = metric ? "data/bands_sent_24h.dat" : "data/bands_max24h.dat";
    FILE *f = report_open_data(stage, name, err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# bands.csv, one block per account: t mean p05 p50 p95\n", f);
    int blocks = 0;
    for (size_t i = 0; i < r->n_bands; i++) {
        const report_bands *b = &r->bands[i];
        if (b->metric != metric)
            continue;
        fprintf(f, "%s# account ", blocks++ ? "\n\n" : "");
        report_gp_string(f, b->account);
        fputc('\n', f);
        size_t step = stride_of(b->n);
        for (size_t k = 0; k < b->n; k++)
            if (b->b[k].p95 > *max)
                *max = b->b[k].p95;
        for (size_t k = 0; k < b->n; k++)
            if (k % step == 0 || k + 1 == b->n)
                fprintf(f, "%.0f %.15g %.15g %.15g %.15g\n", b->b[k].t, b->b[k].mean,
                        b->b[k].p05, b->b[k].p50, b->b[k].p95);
    }
    return report_close_data(f, name, err);
}

void report_gp_array_str(FILE *f, const char *name, size_t n, const char *const *v)
{
    fprintf(f, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        report_gp_string(f, v[i]);
    }
    if (!n)
        fputs("''", f);
    fputs("]\n", f);
}

/* The bands' accounts for one metric, in file order, with their colours. */
static void gp_band_arrays(FILE *f, const report_run *r, int metric)
{
    const char **names = sim_xcalloc(r->n_bands + 1, sizeof *names);
    const char **colors = sim_xcalloc(r->n_bands + 1, sizeof *colors);
    size_t n = 0, extra = 0;
    for (size_t i = 0; i < r->n_bands; i++) {
        if (r->bands[i].metric != metric)
            continue;
        names[n] = r->bands[i].account;
        colors[n++] = color_of_name(r, r->bands[i].account, &extra);
    }
    const char *m = metric ? "sent" : "quota";
    fprintf(f, "nb_%s = %zu\n", m, n);
    char an[32], ac[32];
    snprintf(an, sizeof an, "nb_%s_name", m);
    snprintf(ac, sizeof ac, "nb_%s_color", m);
    report_gp_array_str(f, an, n, names);
    report_gp_array_str(f, ac, n, colors);
    /* widths as for the accounts' lines: the total thick, earlier accounts wider */
    size_t n_real = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        n_real += strcmp(names[i], "*") != 0;
    fprintf(f, "array nb_%s_lw[%zu] = [", m, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        int total = !strcmp(names[i], "*");
        size_t later = total ? 0 : n_real - 1 - k++;
        fprintf(f, "%s%g", i ? ", " : "", total ? 3.5 : 2.0 + 1.2 * (later < 3 ? later : 3));
    }
    fputs(n ? "]\n" : "2]\n", f);
    free(names);
    free(colors);
}

/* The x-axis labels: dates, with hours for short runs. */
static const char *time_format(double span_s)
{
    if (span_s <= 4 * 86400.0)
        return "%d %b\\n%H:%M";
    if (span_s <= 500 * 86400.0)
        return "%d %b";
    return "%b %Y";
}

static int write_meta(const char *stage, const report_run *r, const report_policy *pol, int format,
                      const report_facts *facts, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/meta.gp", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# meta.gp: written by sesim report; the scripts in share/sesim/ read these.\n"
          "# Re-draw a plot: cd into the report folder, then\n"
          "#   gnuplot -d data/meta.gp SCRIPTS/report-common.gp SCRIPTS/report-quota.gp\n", f);
    fprintf(f, "fmt = '%s'\n", format == REPORT_SVG ? "svg" : "png");
    fprintf(f, "n_acc = %zu\n", r->n_acc);
    const char **names = sim_xmalloc(r->n_acc * sizeof *names);
    const char **colors = sim_xmalloc(r->n_acc * sizeof *colors);
    size_t has_total = 0;
    for (size_t i = 0; i < r->n_acc; i++) {
        names[i] = r->acc[i].name;
        colors[i] = account_color(r, i);
        has_total |= r->acc[i].is_total;
    }
    report_gp_array_str(f, "acc_name", r->n_acc, names);
    report_gp_array_str(f, "acc_color", r->n_acc, colors);
    /* Accounts drawn first are drawn wider, so that an account whose line lies
     * on another's (two accounts with the same quota) still shows as a border. */
    size_t n_real = 0, k = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        n_real += !r->acc[i].is_total;
    fprintf(f, "array acc_lw[%zu] = [", r->n_acc);
    for (size_t i = 0; i < r->n_acc; i++) {
        size_t later = r->acc[i].is_total ? 0 : n_real - 1 - k++;
        fprintf(f, "%s%g", i ? ", " : "", r->acc[i].is_total ? 3.5 : 2.0 + 1.2 * (later < 3 ? later : 3));
    }
    fputs("]\n", f);
    fprintf(f, "has_total = %zu\n", has_total);
    size_t longest = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        longest = strlen(names[i]) > longest ? strlen(names[i]) : longest;
    fprintf(f, "name_len_max = %zu\n", longest < 9 ? 9 : longest); /* '* (total)' */
    free(names);
    free(colors);
    double t0 = INFINITY, t1 = -INFINITY;
    for (size_t i = 0; i < r->n_acc; i++)
        if (r->acc[i].n) {
            double a = r->acc[i].p[0].t - r->interval_s, b = r->acc[i].p[r->acc[i].n - 1].t;
            t0 = a < t0 ? a : t0;
            t1 = b > t1 ? b : t1;
        }
    fprintf(f, "t_min = %.0f\nt_max = %.0f\ninterval_s = %.15g\n", t0, t1, r->interval_s);
    fprintf(f, "xfmt = \"%s\"\n", time_format(t1 - t0));
    fprintf(f, "bounce_review = %.10g\nbounce_pause = %.10g\nramp_bounce_max = %.10g\n",
            100 * pol->bounce_review, 100 * pol->bounce_pause, 100 * pol->ramp_bounce_max);
    fprintf(f, "complaint_review = %.10g\ncomplaint_pause = %.10g\nramp_complaint_max = %.10g\n",
            100 * pol->complaint_review, 100 * pol->complaint_pause, 100 * pol->ramp_complaint_max);
    fprintf(f, "has_overflow = %d\nhas_lost = %d\nhas_backlog = %d\n", facts->has_overflow,
            facts->has_lost, facts->has_backlog);
    fprintf(f, "top_max = %.15g\nlow_max = %.15g\nband_quota_max = %.15g\nband_sent_max = %.15g\n",
            facts->top_max, facts->low_max, facts->band_max[0], facts->band_max[1]);
    fprintf(f, "log_min = %.15g\n", facts->quota_min > 0 ? facts->quota_min / 3 : 1);
    /* Event kinds present, in block order, with their marker shapes. */
    static const int point_type[RE_N] = {9, 7, 5, 3}; /* triangle, circle, square, star */
    static const char *const label[RE_N] = {"quota raised", "review started", "paused",
                                            "production granted"};
    int n_ev = 0;
    for (int k = 0; k < RE_N; k++)
        n_ev += r->ev_count[k] > 0;
    fprintf(f, "ev_n = %d\n", n_ev);
    fprintf(f, "array ev_label[%d] = [", n_ev ? n_ev : 1);
    for (int k = 0, j = 0; k < RE_N; k++)
        if (r->ev_count[k])
            fprintf(f, "%s'%s'", j++ ? ", " : "", label[k]);
    fputs(n_ev ? "]\n" : "'']\n", f);
    fprintf(f, "array ev_pt[%d] = [", n_ev ? n_ev : 1);
    for (int k = 0, j = 0; k < RE_N; k++)
        if (r->ev_count[k])
            fprintf(f, "%s%d", j++ ? ", " : "", point_type[k]);
    fputs(n_ev ? "]\n" : "0]\n", f);
    gp_band_arrays(f, r, 0);
    gp_band_arrays(f, r, 1);
    return report_close_data(f, "data/meta.gp", err);
}

int report_write_data(const char *stage, const report_run *r, const report_policy *pol,
                      int format, report_facts *facts, sim_err *err)
{
    memset(facts, 0, sizeof *facts);
    int rc = write_ts(stage, r, facts, err);
    if (!rc)
        rc = write_status(stage, r, err);
    if (!rc)
        rc = write_events(stage, r, err);
    if (!rc && r->n_bands)
        rc = write_bands(stage, r, 0, &facts->band_max[0], err);
    if (!rc && r->n_bands)
        rc = write_bands(stage, r, 1, &facts->band_max[1], err);
    facts->log_quota = facts->quota_min > 0 && facts->quota_max >= 20 * facts->quota_min;
    if (!rc)
        rc = write_meta(stage, r, pol, format, facts, err);
    return rc;
}
