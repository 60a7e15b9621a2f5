/* rows.c: the CSV rows of timeseries.csv, events.csv and summary.csv, with the
 * columns DESIGN.md fixes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "core/config.h"
#include "io/csvtext.h"
#include "io/output.h"
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
          "delay_p50_s,delay_p99_s,times_reviewed,first_review_day,times_paused,first_pause_day,"
          "times_flagged,first_flag_day", f);
    if (sim->mailboxes == SCN_ON)
        fputs(",mailbox_sent,inbox,spam_folder,deferred,blocked,expired,inbox_share,deferred_share", f);
    fputc('\n', f);
}

static double days(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

/* time,day,rep, the first columns of timeseries.csv and events.csv, into buf */
void rows_time_columns(char buf[TIME_COLUMNS_BUF], const world *w, int64_t now)
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
    if (csvtext_guarded(r->account)) /* a name such as -A1 (csvtext.h) */
        put_str(l, "'");
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

/* The organisation's limits and status, with an account's added: the capacity
 * counts only the accounts that can send (a paused account's quota is of no
 * use, as org_capacity says); the status is the most severe. */
static void add_limits(double *max24h, double *max_rate, const char **status, double a_max24h,
                       double a_max_rate, const char *a_status)
{
    if (strcmp(a_status, "paused")) {
        *max24h += a_max24h;
        *max_rate += a_max_rate;
    }
    if (severity(a_status) > severity(*status))
        *status = a_status;
}

/* Add an account's row to the organisation's. */
static void add_row(ts_row *into, const ts_row *r)
{
    add_limits(&into->max24h, &into->max_rate, &into->status, r->max24h, r->max_rate, r->status);
    into->sent_24h += r->sent_24h;
    into->backlog += r->backlog;
    flow_add(&into->c, &r->c);
    into->window.eligible += r->window.eligible;
    into->window.fbl += r->window.fbl;
    into->window.bounces += r->window.bounces;
    into->window.complaints += r->window.complaints;
    into->window.content += r->window.content;
    if (into->status == r->status) /* add_limits took r's status: its API name too */
        into->api_status = r->api_status;
}

void rows_timeseries(world *w, int64_t now)
{
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
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
    rows_time_columns(time, w, w->engine.now);
    fputs(time, w->events);
    csvtext_field(w->events, a->cfg->name);
    fprintf(w->events, ",%s,", event);
    csvtext_field(w->events, detail);
    fputc('\n', w->events);
}

static void optional_days(FILE *f, int64_t ms)
{
    if (ms >= 0)
        fprintf(f, ",%.4f", days(ms));
    else
        fputs(",", f);
}

/* Time in a status, in days to 4 decimals; a positive time shows as at least
 * 0.0001, so that days_paused > 0 exactly when the account was paused. */
static void status_days(FILE *f, int64_t ms)
{
    double d = days(ms);
    fprintf(f, ",%.4f", ms > 0 && d < 0.0001 ? 0.0001 : d);
}

static void optional_seconds(FILE *f, double s)
{
    if (isnan(s))
        fputs(",", f);
    else
        fprintf(f, ",%.3f", s);
}

/* The values of one summary row: an account's, or the organisation's (`*`). */
typedef struct sum_row {
    const char *account, *status;
    double max24h, max_rate;
    int64_t production_at;
    const int64_t *reached_at; /* per target */
    flow_counts t;             /* totals; demand and overflow without handed_in */
    double peak_bounce, peak_complaint;
    int64_t under_review, paused; /* ms */
    const delay_stats *delays;
    event_tally tally;
    long index;                /* the account's, or -1 for the `*` row */
} sum_row;

static void write_summary_row(world *w, const sum_row *r)
{
    FILE *f = w->summary;
    const flow_counts *t = &r->t;
    fprintf(f, "%lld,", (long long)w->rep);
    csvtext_field(f, r->account);
    fprintf(f, ",%s,%.15g,%.15g", r->status, api_quota(r->max24h), r->max_rate);
    optional_days(f, r->production_at);
    for (size_t k = 0; k < w->scn->sim.targets.n; k++)
        optional_days(f, r->reached_at[k]);
    fprintf(f, ",%lld,%lld,%lld,%lld,%lld,%lld,%.6g,%.6g", (long long)(t->demand - t->handed_in),
            (long long)t->sent, (long long)t->rejected, (long long)(t->overflow - t->handed_in),
            (long long)t->dropped, (long long)t->throttled, r->peak_bounce, r->peak_complaint);
    status_days(f, r->under_review);
    status_days(f, r->paused);
    optional_seconds(f, delay_quantile_s(r->delays, 0.50));
    optional_seconds(f, delay_quantile_s(r->delays, 0.99));
    for (int k = 0; k < TALLY_KINDS; k++) {
        fprintf(f, ",%lld", (long long)r->tally.times[k]);
        optional_days(f, r->tally.first[k]);
    }
    if (w->mbx)
        mailbox_summary_columns(w, r->index, f);
    fputc('\n', f);
}

static sum_row account_row(const account *a, long index, int64_t now)
{
    sum_row r = {.account = a->cfg->name, .status = account_status_name(a), .max24h = a->max24h,
                 .max_rate = a->max_rate, .production_at = a->production_at,
                 .reached_at = a->reached_at, .t = a->total, .peak_bounce = a->peak_bounce_rate,
                 .peak_complaint = a->peak_complaint_rate,
                 .under_review = account_time_in(a, STATUS_UNDER_REVIEW, now),
                 .paused = account_time_in(a, STATUS_PAUSED, now), .delays = &a->delays,
                 .tally = a->tally, .index = index};
    r.t.handed_in = 0; /* an account's own row counts what it was handed */
    return r;
}

/* The earlier of two times of which -1 means never. */
static int64_t earliest(int64_t x, int64_t y) { return x < 0 ? y : y < 0 || x < y ? x : y; }

/* Add an account's row to the organisation's; `delays` collects the histograms. */
static void add_summary(sum_row *org, const account *a, const sum_row *r, delay_stats *delays)
{
    add_limits(&org->max24h, &org->max_rate, &org->status, r->max24h, r->max_rate, r->status);
    org->production_at = earliest(org->production_at, r->production_at);
    flow_add(&org->t, &a->total); /* with handed_in: the hand-overs are not the organisation's */
    org->peak_bounce = fmax(org->peak_bounce, r->peak_bounce);
    org->peak_complaint = fmax(org->peak_complaint, r->peak_complaint);
    delay_merge(delays, r->delays);
    for (int k = 0; k < TALLY_KINDS; k++) {
        org->tally.times[k] += r->tally.times[k];
        org->tally.first[k] = earliest(org->tally.first[k], r->tally.first[k]);
    }
}

void rows_summary(world *w)
{
    int64_t now = w->engine.now;
    delay_stats delays;
    delay_init(&delays);
    sum_row org = {.account = "*", .status = "healthy", .production_at = -1,
                   .reached_at = w->org.reached_at, .delays = &delays,
                   .under_review = org_time_in(&w->org, STATUS_UNDER_REVIEW, now),
                   .paused = org_time_in(&w->org, STATUS_PAUSED, now),
                   .tally = {.first = {-1, -1, -1}}, .index = -1};
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        sum_row r = account_row(&w->accounts[i], (long)i, now);
        write_summary_row(w, &r);
        add_summary(&org, &w->accounts[i], &r, &delays);
    }
    if (w->scn->n_accounts > 1)
        write_summary_row(w, &org);
    delay_destroy(&delays);
}

void rows_clients_header(FILE *f)
{
    fputs("rep,stream,account,client,client_rate,calls,throttled_calls,throttled_share,dropped,"
          "safe_client_rate\n", f);
}

/* One row per part of a client stream: what its calls met over the run, and
 * the probe's safe rate against its account's starting rate. */
static void client_row(world *w, const stream *p)
{
    const scn_traffic *t = p->cfg;
    const client_run *c = p->client;
    char name[SCN_MAX_NAME + 32];
    snprintf(name, sizeof name, "traffic.%s.probe.%s", t->name, p->acct->cfg->name);
    double safe = client_safe_rate(t, stream_client_handling(t), p->acct->cfg->max_rate,
                                   (double)w->scn->policy.rate_burst / SIM_MS_PER_S,
                                   rng_stream(w->rngs, name));
    fprintf(w->clients, "%lld,", (long long)w->rep);
    csvtext_field(w->clients, t->name);
    fputc(',', w->clients);
    csvtext_field(w->clients, p->acct->cfg->name);
    fprintf(w->clients, ",%s,%.6g,%lld,%lld,%.6g,%lld,%.2f\n", t->client->name, t->client_rate, (long long)c->calls,
            (long long)c->throttled_calls, c->calls ? (double)c->throttled_calls / (double)c->calls : 0,
            (long long)p->total.dropped, floor(safe * 100) / 100);
}

void rows_clients(world *w)
{
    for (size_t i = 0; i < w->scn->n_traffic; i++) {
        const stream *s = &w->streams[i];
        if (!s->client)
            continue;
        if (!s->parts) {
            client_row(w, s);
            continue;
        }
        for (size_t k = 0; k < s->n_parts; k++)
            client_row(w, s->parts[k]);
    }
}
