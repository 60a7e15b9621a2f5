/* rows.c: the CSV rows of timeseries.csv, events.csv and summary.csv, with the
 * columns DESIGN.md fixes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "core/config.h"
#include "io/output.h"
#include "run.h"
#include "run_int.h"
#include "core/units.h"

void rows_timeseries_header(FILE *f)
{
    fputs("time,day,rep,account,status,max24h,max_rate,sent_24h,demand,sent,throttled,rejected,"
          "overflow,dropped,backlog,delivered,hard_bounces,soft_bounces,complaints,"
          "bounce_rate,complaint_rate,content_score,api_status\n", f);
}

void rows_events_header(FILE *f) { fputs("time,day,rep,account,event,detail\n", f); }

void rows_summary_header(FILE *f, const scn_sim *sim)
{
    fputs("rep,account,final_status,final_max24h,final_max_rate,production_day", f);
    for (size_t i = 0; i < sim->targets.n; i++) {
        char t[UNITS_BUF];
        units_fmt_count(sim->targets.v[i], t);
        fprintf(f, ",days_to_%s", t);
    }
    fputs(",total_demand,total_sent,total_rejected,total_overflow,total_dropped,total_throttled,"
          "peak_bounce_rate,peak_complaint_rate,days_under_review,days_paused,"
          "delay_p50_s,delay_p99_s\n", f);
}

char *run_summary_columns(const scn_sim *sim)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rows_summary_header(f, sim);
    fclose(f);
    if (len && text[len - 1] == '\n')
        text[len - 1] = 0;
    return text;
}

/* "time,day,rep," of a row: a datetime, a day of %.6f and a 64-bit rep. */
#define TIME_COLUMNS_BUF (UNITS_BUF + 64)

static double days(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

/* time,day,rep, the first columns of timeseries.csv and events.csv, into buf */
static void time_columns(char buf[TIME_COLUMNS_BUF], const world *w, int64_t now)
{
    char when[UNITS_BUF];
    units_fmt_datetime(w->scn->sim.start + now, when);
    snprintf(buf, TIME_COLUMNS_BUF, "%s,%.6f,%lld,", when, days(now), (long long)w->rep);
}

/* A timeseries row is built in a buffer and written by one fwrite: printf's
 * parsing of a 19-conversion format, and the date formatted again for every
 * account, were most of a row's cost. The worst case fits: time columns,
 * a 64-byte name, 2 x %.15g, 12 integers of 20 digits, %.6g x 2 and the %.4f of
 * a huge double (~320 bytes). */
typedef struct line {
    size_t n;
    char buf[TIME_COLUMNS_BUF + SCN_MAX_NAME + 1024];
} line;

static void put_str(line *l, const char *s)
{
    size_t k = strlen(s);
    if (k > sizeof l->buf - l->n)
        k = sizeof l->buf - l->n;
    memcpy(l->buf + l->n, s, k);
    l->n += k;
}

/* An integer and a comma, as "%lld," would write it. */
static void put_int(line *l, int64_t v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v; /* INT64_MIN too */
    *--p = '\0';
    *--p = ',';
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    put_str(l, p);
}

/* The %.15g text of a value that changes rarely (an account's limits): kept
 * with the value it was made from, compared bit for bit (0 and -0 differ). */
typedef struct g15_text {
    double v;
    char s[32];
} g15_text;

/* Per-world cache of the limits' text: two for each account and the `*` row. */
struct rows_cache {
    g15_text *limits;
};

static void put_g15(line *l, g15_text *c, double v)
{
    if (memcmp(&c->v, &v, sizeof v)) {
        c->v = v;
        snprintf(c->s, sizeof c->s, "%.15g", v);
    }
    put_str(l, c->s);
    put_str(l, ",");
}

static g15_text *limits_cache(world *w)
{
    if (!w->rows) {
        size_t n = 2 * (w->scn->n_accounts + 1);
        w->rows = sim_xmalloc(sizeof *w->rows);
        w->rows->limits = sim_xmalloc(n * sizeof *w->rows->limits);
        for (size_t i = 0; i < n; i++)
            w->rows->limits[i] = (g15_text){.v = 0, .s = "0"};
    }
    return w->rows->limits;
}

void rows_destroy(world *w)
{
    if (w->rows)
        free(w->rows->limits);
    free(w->rows);
    w->rows = NULL;
}

/* The values of one timeseries row: an account's, or the sum over all (`*`). */
typedef struct ts_row {
    const char *account, *status;
    const char *api_status; /* the status as SESv2 GetAccount's EnforcementStatus says it */
    double max24h, max_rate;
    int64_t sent_24h, backlog;
    flow_counts c;
    rep_bucket window; /* reputation window totals, for the rates */
} ts_row;

/* The banded metrics of a row, for bands.csv across replications. */
static void write_band_record(world *w, int64_t now, int64_t account, const ts_row *r, double bounce,
                              double complaint)
{
    band_rec b = {.t = now, .account = account};
    b.v[BAND_MAX24H] = r->max24h;
    b.v[BAND_SENT] = (double)r->c.sent;
    b.v[BAND_SENT_24H] = (double)r->sent_24h;
    b.v[BAND_BACKLOG] = (double)r->backlog;
    b.v[BAND_BOUNCE] = bounce;
    b.v[BAND_COMPLAINT] = complaint;
    fwrite(&b, sizeof b, 1, w->bands);
}

/* A quota as SES's API writes it: an unlimited Max24HourSend is -1 (SESv2
 * SendQuota), which keeps the column numeric. */
static double api_quota(double max24h) { return isinf(max24h) ? -1 : max24h; }

/* The text after the time columns; limits: this row's two cached %.15g texts. */
static void format_row(line *l, const ts_row *r, g15_text *limits, double bounce,
                       double complaint, double content)
{
    const flow_counts *c = &r->c;
    put_str(l, r->account);
    put_str(l, ",");
    put_str(l, r->status);
    put_str(l, ",");
    put_g15(l, &limits[0], api_quota(r->max24h));
    put_g15(l, &limits[1], r->max_rate);
    int64_t ints[] = {r->sent_24h,   c->demand - c->handed_in,   c->sent,         c->throttled,
                      c->rejected,   c->overflow - c->handed_in, c->dropped,      r->backlog,
                      c->delivered,  c->hard_bounces,            c->soft_bounces, c->complaints};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        put_int(l, ints[i]);
    size_t room = sizeof l->buf - l->n;
    int k = snprintf(l->buf + l->n, room, "%.6g,%.6g,%.4f,%s\n", bounce, complaint, content,
                     r->api_status);
    l->n += k < 0 ? 0 : (size_t)k < room ? (size_t)k : room - 1;
}

/* account: its index, -1 for the `*` row; time: the row's time columns. */
static void write_row(world *w, const char *time, int64_t now, int64_t account, const ts_row *r)
{
    const rep_bucket *b = &r->window;
    double bounce = b->eligible ? (double)b->bounces / (double)b->eligible : 0;
    double complaint = b->fbl ? (double)b->complaints / (double)b->fbl : 0;
    double content = b->eligible ? b->content / (double)b->eligible : 1;
    if (w->bands)
        write_band_record(w, now, account, r, bounce, complaint);
    if (!w->timeseries)
        return;
    line l = {.n = 0};
    put_str(&l, time);
    g15_text *limits = limits_cache(w) + 2 * (size_t)(account + 1);
    format_row(&l, r, limits, bounce, complaint, content);
    fwrite(l.buf, 1, l.n, w->timeseries);
}

/* Severity order for the `*` row's status: the most severe account status. */
static int severity(const char *status)
{
    static const char *const order[] = {"healthy", "sandbox", "under_review", "paused"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(status, order[i]))
            return i;
    return 0;
}

/* Add an account's row to the organisation's: the capacity counts only the
 * accounts that can send (a paused account's quota is of no use). */
static void add_row(ts_row *into, const ts_row *r)
{
    if (strcmp(r->status, "paused")) {
        into->max24h += r->max24h;
        into->max_rate += r->max_rate;
    }
    into->sent_24h += r->sent_24h;
    into->backlog += r->backlog;
    flow_add(&into->c, &r->c);
    into->window.eligible += r->window.eligible;
    into->window.fbl += r->window.fbl;
    into->window.bounces += r->window.bounces;
    into->window.complaints += r->window.complaints;
    into->window.content += r->window.content;
    if (severity(r->status) > severity(into->status)) {
        into->status = r->status;
        into->api_status = r->api_status;
    }
}

void rows_timeseries(world *w, int64_t now)
{
    char time[TIME_COLUMNS_BUF];
    time_columns(time, w, now);
    ts_row all = {.account = "*", .status = "healthy", .api_status = "HEALTHY"};
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        ts_row r = {.account = a->cfg->name, .status = account_status_name(a),
                    .api_status = account_api_status(a), .max24h = a->max24h,
                    .max_rate = a->max_rate, .sent_24h = account_sent_24h(a, now),
                    .backlog = a->backlog, .c = a->interval, .window = a->rep.measured};
        r.c.handed_in = 0; /* an account's own row counts what it was handed as its demand */
        write_row(w, time, now, (int64_t)i, &r);
        r.c.handed_in = a->interval.handed_in;
        add_row(&all, &r);
        memset(&a->interval, 0, sizeof a->interval);
    }
    if (w->scn->n_accounts > 1)
        write_row(w, time, now, -1, &all);
}

void rows_event(world *w, const account *a, const char *event, const char *detail)
{
    if (!w->events)
        return;
    char time[TIME_COLUMNS_BUF];
    time_columns(time, w, w->engine.now);
    fputs(time, w->events);
    fprintf(w->events, "%s,%s,", a->cfg->name, event);
    out_csv_field(w->events, detail);
    fputc('\n', w->events);
}

static void optional_days(FILE *f, int64_t ms)
{
    if (ms >= 0)
        fprintf(f, ",%.4f", days(ms));
    else
        fputs(",", f);
}

static void optional_seconds(FILE *f, double s)
{
    if (isnan(s))
        fputs(",", f);
    else
        fprintf(f, ",%.3f", s);
}

void rows_summary(world *w)
{
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        const flow_counts *t = &a->total;
        fprintf(w->summary, "%lld,%s,%s,%.15g,%.15g", (long long)w->rep, a->cfg->name,
                account_status_name(a), api_quota(a->max24h), a->max_rate);
        optional_days(w->summary, a->production_at);
        for (size_t k = 0; k < a->n_targets; k++)
            optional_days(w->summary, a->reached_at[k]);
        fprintf(w->summary, ",%lld,%lld,%lld,%lld,%lld,%lld,%.6g,%.6g,%.4f,%.4f",
                (long long)t->demand, (long long)t->sent, (long long)t->rejected,
                (long long)t->overflow, (long long)t->dropped, (long long)t->throttled,
                a->peak_bounce_rate, a->peak_complaint_rate,
                days(account_time_in(a, STATUS_UNDER_REVIEW, w->engine.now)),
                days(account_time_in(a, STATUS_PAUSED, w->engine.now)));
        optional_seconds(w->summary, delay_quantile_s(&a->delays, 0.50));
        optional_seconds(w->summary, delay_quantile_s(&a->delays, 0.99));
        fputc('\n', w->summary);
    }
}
