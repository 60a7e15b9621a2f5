/* rows.c: the CSV rows of timeseries.csv, events.csv and summary.csv, with the
 * columns DESIGN.md fixes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bands.h"
#include "columns.h"
#include "core/config.h"
#include "core/numfmt.h"
#include "io/csvtext.h"
#include "io/output.h"
#include "run.h"
#include "run_int.h"
#include "core/units.h"

void rows_timeseries_header(FILE *f) { columns_header(f, columns_timeseries, TS_COLUMNS_N); }

void rows_events_header(FILE *f) { columns_header(f, columns_events, EVT_COLUMNS_N); }

void rows_summary_header(FILE *f, const scn_sim *sim)
{
    for (int i = 0; i < SUM_COLUMNS_N; i++) {
        fprintf(f, "%s%s", i ? "," : "", columns_summary[i]);
        for (size_t k = 0; i == SUMMARY_TARGETS_AFTER && k < sim->targets.n; k++) {
            char t[UNITS_BUF];
            units_fmt_count(sim->targets.v[k], t);
            fprintf(f, ",%s%s", SUMMARY_DAYS_TO, t);
        }
    }
    for (int i = 0; sim->mailboxes == SCN_ON && i < MSUM_COLUMNS_N; i++)
        fprintf(f, ",%s", columns_mailbox_summary[i]);
    fputc('\n', f);
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

static double days(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

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
    const char *account;
    account_shown status;
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

/* A number as printf's "%.<prec>g," (g = 1) or "%.<prec>f," writes it
 * (numfmt.h: the same bytes, faster). */
static void put_num(line *l, double v, int prec, int g)
{
    char t[NUMFMT_BUF];
    size_t k = g ? numfmt_g(v, prec, t) : numfmt_f(v, prec, t);
    if (k >= NUMFMT_BUF) { /* a huge %.Nf: printf into the line */
        size_t room = sizeof l->buf - l->n;
        int n = snprintf(l->buf + l->n, room, g ? "%.*g" : "%.*f", prec, v);
        l->n += n < 0 ? 0 : (size_t)n < room ? (size_t)n : room - 1;
    } else {
        put_str(l, t);
    }
    put_str(l, ",");
}

/* The rates of a row's reputation window. */
typedef struct ts_rates {
    double bounce, complaint, content;
} ts_rates;

/* Column `col` of a row and its comma; limits: the row's two cached %.15g
 * texts. The time columns come first, made once for all rows of a time. */
static void put_column(line *l, ts_column_id col, const ts_row *r, g15_text *limits,
                       const ts_rates *q)
{
    const flow_counts *c = &r->c;
    switch (col) {
    case TS_time: case TS_day: case TS_rep: break; /* rows_time_columns */
    case TS_account:
        if (csvtext_guarded(r->account)) /* a name such as -A1 (csvtext.h) */
            put_str(l, "'");
        put_str(l, r->account);
        put_str(l, ",");
        break;
    case TS_status: put_str(l, account_shown_names[r->status]); put_str(l, ","); break;
    case TS_max24h: put_g15(l, &limits[0], api_quota(r->max24h)); break;
    case TS_max_rate: put_g15(l, &limits[1], r->max_rate); break;
    case TS_sent_24h: put_int(l, r->sent_24h); break;
    case TS_demand: put_int(l, c->demand - c->handed_in); break;
    case TS_sent: put_int(l, c->sent); break;
    case TS_throttled: put_int(l, c->throttled); break;
    case TS_rejected: put_int(l, c->rejected); break;
    case TS_overflow: put_int(l, c->overflow - c->handed_in); break;
    case TS_dropped: put_int(l, c->dropped); break;
    case TS_backlog: put_int(l, r->backlog); break;
    case TS_delivered: put_int(l, c->delivered); break;
    case TS_hard_bounces: put_int(l, c->hard_bounces); break;
    case TS_soft_bounces: put_int(l, c->soft_bounces); break;
    case TS_complaints: put_int(l, c->complaints); break;
    case TS_bounce_rate: put_num(l, q->bounce, 6, 1); break;
    case TS_complaint_rate: put_num(l, q->complaint, 6, 1); break;
    case TS_content_score: put_num(l, q->content, 4, 0); break;
    case TS_api_status: put_str(l, account_shown_api[r->status]); put_str(l, ","); break;
    case TS_COLUMNS_N: break;
    }
}

/* account: its index, -1 for the `*` row; time: the row's time columns. */
static void write_row(world *w, const char *time, int64_t now, int64_t account, const ts_row *r)
{
    const rep_bucket *b = &r->window;
    ts_rates q = {.bounce = b->eligible ? (double)b->bounces / (double)b->eligible : 0,
                  .complaint = b->fbl ? (double)b->complaints / (double)b->fbl : 0,
                  .content = b->eligible ? b->content / (double)b->eligible : 1};
    if (w->bands)
        write_band_record(w, now, account, r, q.bounce, q.complaint);
    if (!w->timeseries)
        return;
    line l = {.n = 0};
    put_str(&l, time);
    g15_text *limits = limits_cache(w) + 2 * (size_t)(account + 1);
    for (int col = TS_account; col < TS_COLUMNS_N; col++)
        put_column(&l, (ts_column_id)col, r, limits, &q);
    l.buf[l.n - 1] = '\n'; /* the last comma ends the row */
    fwrite(l.buf, 1, l.n, w->timeseries);
}

/* The organisation's limits and status, with an account's added: the capacity
 * counts only the accounts that can send (a paused account's quota is of no
 * use, as org_capacity says); the status is the most severe. */
static void add_limits(double *max24h, double *max_rate, account_shown *status, double a_max24h,
                       double a_max_rate, account_shown a_status)
{
    if (a_status != SHOWN_PAUSED) {
        *max24h += a_max24h;
        *max_rate += a_max_rate;
    }
    if (a_status > *status) /* account_shown is in severity order */
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
}

void rows_timeseries(world *w, int64_t now)
{
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    ts_row all = {.account = "*", .status = SHOWN_HEALTHY};
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        ts_row r = {.account = a->cfg->name, .status = account_shown_status(a), .max24h = a->max24h,
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

/* Column `col` of an events.csv row, without its comma. */
static void event_cell(FILE *f, event_column_id col, const account *a, event_type event,
                       const char *detail)
{
    switch (col) {
    case EVT_time: case EVT_day: case EVT_rep: break; /* rows_time_columns */
    case EVT_account: csvtext_field(f, a->cfg->name); break;
    case EVT_event: fputs(event_name(event), f); break;
    case EVT_detail: csvtext_field(f, detail); break;
    case EVT_COLUMNS_N: break;
    }
}

void rows_event(world *w, const account *a, event_type event, const char *detail)
{
    if (!w->events)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, w->engine.now);
    fputs(time, w->events);
    for (int col = EVT_rep + 1; col < EVT_COLUMNS_N; col++) {
        event_cell(w->events, (event_column_id)col, a, event, detail);
        fputc(col + 1 < EVT_COLUMNS_N ? ',' : '\n', w->events);
    }
}

/* A time in days, empty when never (-1). */
static void optional_days(FILE *f, int64_t ms)
{
    if (ms >= 0)
        fprintf(f, "%.4f", days(ms));
}

/* Time in a status, in days to 4 decimals; a positive time shows as at least
 * 0.0001, so that days_paused > 0 exactly when the account was paused. */
static void status_days(FILE *f, int64_t ms)
{
    double d = days(ms);
    fprintf(f, "%.4f", ms > 0 && d < 0.0001 ? 0.0001 : d);
}

static void optional_seconds(FILE *f, double s)
{
    if (!isnan(s))
        fprintf(f, "%.3f", s);
}

/* The values of one summary row: an account's, or the organisation's (`*`). */
typedef struct sum_row {
    const char *account;
    account_shown status;
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

/* The times and first day of the events of a kind (summary.csv's tallies). */
static void put_tally(FILE *f, const sum_row *r, tally_kind k, int first)
{
    if (first)
        optional_days(f, r->tally.first[k]);
    else
        rows_put_count(f, r->tally.times[k]);
}

/* Column `col` of a summary row, without its comma. */
static void summary_cell(FILE *f, summary_column_id col, const world *w, const sum_row *r)
{
    const flow_counts *t = &r->t;
    switch (col) {
    case SUM_rep: rows_put_count(f, w->rep); break;
    case SUM_account: csvtext_field(f, r->account); break;
    case SUM_final_status: fputs(account_shown_names[r->status], f); break;
    case SUM_final_max24h: fprintf(f, "%.15g", api_quota(r->max24h)); break;
    case SUM_final_max_rate: fprintf(f, "%.15g", r->max_rate); break;
    case SUM_production_day: optional_days(f, r->production_at); break;
    case SUM_total_demand: rows_put_count(f, t->demand - t->handed_in); break;
    case SUM_total_sent: rows_put_count(f, t->sent); break;
    case SUM_total_rejected: rows_put_count(f, t->rejected); break;
    case SUM_total_overflow: rows_put_count(f, t->overflow - t->handed_in); break;
    case SUM_total_dropped: rows_put_count(f, t->dropped); break;
    case SUM_total_throttled: rows_put_count(f, t->throttled); break;
    case SUM_peak_bounce_rate: fprintf(f, "%.6g", r->peak_bounce); break;
    case SUM_peak_complaint_rate: fprintf(f, "%.6g", r->peak_complaint); break;
    case SUM_days_under_review: status_days(f, r->under_review); break;
    case SUM_days_paused: status_days(f, r->paused); break;
    case SUM_delay_p50_s: optional_seconds(f, delay_quantile_s(r->delays, 0.50)); break;
    case SUM_delay_p99_s: optional_seconds(f, delay_quantile_s(r->delays, 0.99)); break;
    case SUM_times_reviewed: case SUM_first_review_day:
        put_tally(f, r, TALLY_REVIEW, col == SUM_first_review_day); break;
    case SUM_times_paused: case SUM_first_pause_day:
        put_tally(f, r, TALLY_PAUSE, col == SUM_first_pause_day); break;
    case SUM_times_flagged: case SUM_first_flag_day:
        put_tally(f, r, TALLY_FLAG, col == SUM_first_flag_day); break;
    case SUM_COLUMNS_N: break;
    }
}

static void write_summary_row(world *w, const sum_row *r)
{
    FILE *f = w->summary;
    for (int col = 0; col < SUM_COLUMNS_N; col++) {
        if (col)
            fputc(',', f);
        summary_cell(f, (summary_column_id)col, w, r);
        for (size_t k = 0; col == SUMMARY_TARGETS_AFTER && k < w->scn->sim.targets.n; k++) {
            fputc(',', f);
            optional_days(f, r->reached_at[k]);
        }
    }
    if (w->mbx)
        mailbox_summary_columns(w, r->index, f);
    fputc('\n', f);
}

static sum_row account_row(const account *a, long index, int64_t now)
{
    sum_row r = {.account = a->cfg->name, .status = account_shown_status(a), .max24h = a->max24h,
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
    sum_row org = {.account = "*", .status = SHOWN_HEALTHY, .production_at = -1,
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

void rows_clients_header(FILE *f) { columns_header(f, columns_clients, CLI_COLUMNS_N); }

/* Column `col` of a clients.csv row, without its comma; safe: the probe's
 * safe rate. */
static void client_cell(FILE *f, client_column_id col, const world *w, const stream *p, double safe)
{
    const scn_traffic *t = p->cfg;
    const client_run *c = p->client;
    switch (col) {
    case CLI_rep: rows_put_count(f, w->rep); break;
    case CLI_stream: csvtext_field(f, t->name); break;
    case CLI_account: csvtext_field(f, p->acct->cfg->name); break;
    case CLI_client: fputs(t->client->name, f); break;
    case CLI_client_rate: fprintf(f, "%.6g", t->client_rate); break;
    case CLI_calls: rows_put_count(f, c->calls); break;
    case CLI_throttled_calls: rows_put_count(f, c->throttled_calls); break;
    case CLI_throttled_share:
        fprintf(f, "%.6g", c->calls ? (double)c->throttled_calls / (double)c->calls : 0);
        break;
    case CLI_dropped: rows_put_count(f, p->total.dropped); break;
    case CLI_safe_client_rate: fprintf(f, "%.2f", floor(safe * 100) / 100); break;
    case CLI_COLUMNS_N: break;
    }
}

/* One row per part of a client stream: what its calls met over the run, and
 * the probe's safe rate against its account's starting rate. */
static void client_row(world *w, stream *p)
{
    const scn_traffic *t = p->cfg;
    char name[SCN_MAX_NAME + 32];
    snprintf(name, sizeof name, "traffic.%s.probe.%s", t->name, p->acct->cfg->name);
    size_t n, k;
    client_run *const *group = stream_client_group(p, &n, &k);
    double safe = client_safe_rate(group, n, k, p->acct->cfg->max_rate,
                                   (double)w->scn->policy.rate_burst / SIM_MS_PER_S, rng_stream(w->rngs, name));
    for (int col = 0; col < CLI_COLUMNS_N; col++) {
        client_cell(w->clients, (client_column_id)col, w, p, safe);
        fputc(col + 1 < CLI_COLUMNS_N ? ',' : '\n', w->clients);
    }
}

void rows_clients(world *w)
{
    for (size_t i = 0; i < w->scn->n_traffic; i++) {
        stream *s = &w->streams[i];
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
