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

/* Timeseries rows are built straight into a block of memory that is written
 * by one fwrite when it is nearly full (and when the world ends): printf's
 * parsing of a 19-conversion format, the date formatted again for every
 * account, and then an fwrite per row were most of a row's cost. A row gets
 * LINE_MAX_BYTES of room, which its worst case fits: time columns, a 64-byte
 * name, 2 x %.15g, 12 integers of 20 digits, %.6g x 2 and the %.4f of a huge
 * double (~320 bytes). */
#define LINE_MAX_BYTES (TIME_COLUMNS_BUF + SCN_MAX_NAME + 1024)
#define ROWS_BLOCK_BYTES (OUT_BUFFER_BYTES > 4 * LINE_MAX_BYTES ? OUT_BUFFER_BYTES : 4 * LINE_MAX_BYTES)
typedef struct line {
    char *buf;
    size_t n, cap;
} line;

/* k bytes of s, cut at the end of the buffer (which the worst case does not
 * reach). Texts of at most `fixed` bytes are copied with a fixed-size memcpy
 * (a few moves, no call) when the buffer has that much room. */
static inline void put_bytes(line *l, const char *s, size_t k)
{
    if (k > l->cap - l->n)
        k = l->cap - l->n;
    memcpy(l->buf + l->n, s, k);
    l->n += k;
}

#define PUT_FIXED 24
static inline void put_short(line *l, const char *s, size_t k) /* k <= PUT_FIXED, s has PUT_FIXED bytes */
{
    if (l->cap - l->n >= PUT_FIXED) {
        memcpy(l->buf + l->n, s, PUT_FIXED);
        l->n += k;
    } else {
        put_bytes(l, s, k);
    }
}

static void put_str(line *l, const char *s) { put_bytes(l, s, strlen(s)); }

static inline void put_comma(line *l)
{
    if (l->n < l->cap)
        l->buf[l->n++] = ',';
}

/* "00" to "99": two digits per division. */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

static const uint64_t pow10_u64[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                       10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                       100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                       100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                       100000000000000000ULL, 1000000000000000000ULL,
                                       10000000000000000000ULL};

/* The digits of u (n of them) ending at p, written backwards two at a time. */
static inline void put_digits_back(char *p, uint64_t u)
{
    while (u >= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (u % 100), 2);
        u /= 100;
    }
    if (u >= 10)
        memcpy(p - 2, digit_pairs + 2 * u, 2);
    else
        p[-1] = (char)('0' + u);
}

/* An integer and a comma, as "%lld," would write it, straight into the line. */
static void put_int(line *l, int64_t v)
{
    if (v >= 0 && v < 10 && l->cap - l->n >= 2) { /* most counts of a quiet hour */
        l->buf[l->n] = (char)('0' + v);
        l->buf[l->n + 1] = ',';
        l->n += 2;
        return;
    }
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v; /* INT64_MIN too */
    size_t nd = 1;
    while (nd < 20 && u >= pow10_u64[nd])
        nd++;
    size_t k = (v < 0) + nd + 1;
    char tmp[24], *p = l->cap - l->n >= k ? l->buf + l->n : tmp; /* tmp: the line is full */
    if (v < 0)
        p[0] = '-';
    put_digits_back(p + k - 1, u);
    p[k - 1] = ',';
    if (p == tmp)
        put_bytes(l, tmp, k);
    else
        l->n += k;
}

/* The text of a number kept with the value it was made from, compared bit for
 * bit (0 and -0 differ): an account's limits change rarely, its content score
 * and rates often stay the same from one row to the next. len < 0: none yet. */
#define NUM_TEXT_BUF PUT_FIXED
typedef struct num_text {
    double v;
    int len;
    char s[NUM_TEXT_BUF];
} num_text;

/* A row's cached texts: max24h and max_rate (%.15g), content score (%.4f);
 * the rates change with nearly every row. */
enum { TEXT_MAX24H, TEXT_MAX_RATE, TEXT_CONTENT, ROW_TEXTS };

/* Per-world cache of the rows' texts (ROW_TEXTS for each account and the `*`
 * row) and the block of timeseries rows not yet written. */
struct rows_cache {
    num_text *texts;
    char *block;
    size_t used;
};

static num_text *texts_cache(world *w)
{
    if (!w->rows) {
        size_t n = ROW_TEXTS * (w->scn->n_accounts + 1);
        w->rows = sim_xmalloc(sizeof *w->rows);
        w->rows->texts = sim_xmalloc(n * sizeof *w->rows->texts);
        w->rows->block = sim_xmalloc(ROWS_BLOCK_BYTES);
        w->rows->used = 0;
        for (size_t i = 0; i < n; i++)
            w->rows->texts[i] = (num_text){.v = 0, .len = -1};
    }
    return w->rows->texts;
}

/* Write the block of rows (fclose reports a failed write, as for every row). */
static void flush_block(world *w)
{
    if (w->rows->used && w->timeseries)
        fwrite(w->rows->block, 1, w->rows->used, w->timeseries);
    w->rows->used = 0;
}

void rows_destroy(world *w)
{
    if (w->rows) {
        flush_block(w);
        free(w->rows->texts);
        free(w->rows->block);
    }
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
        size_t room = l->cap - l->n;
        int n = snprintf(l->buf + l->n, room, g ? "%.*g" : "%.*f", prec, v);
        l->n += n < 0 ? 0 : (size_t)n < room ? (size_t)n : room - 1;
    } else if (k <= PUT_FIXED) {
        put_short(l, t, k);
    } else {
        put_bytes(l, t, k);
    }
    put_comma(l);
}

/* The same, the text kept in c for the next row when it is short. */
static void put_num_cached(line *l, num_text *c, double v, int prec, int g)
{
    if (c->len < 0 || memcmp(&c->v, &v, sizeof v)) {
        char t[NUMFMT_BUF];
        size_t k = g ? numfmt_g(v, prec, t) : numfmt_f(v, prec, t);
        if (k >= NUM_TEXT_BUF) { /* too long to keep */
            c->len = -1;
            put_num(l, v, prec, g);
            return;
        }
        memcpy(c->s, t, NUM_TEXT_BUF);
        c->len = (int)k, c->v = v;
    }
    put_short(l, c->s, (size_t)c->len);
    put_comma(l);
}

/* The rates of a row's reputation window. */
typedef struct ts_rates {
    double bounce, complaint, content;
} ts_rates;

/* Column `col` of a row and its comma; t: the row's cached texts. The time
 * columns come first, made once for all rows of a time. */
static void put_column(line *l, ts_column_id col, const ts_row *r, num_text *t, const ts_rates *q)
{
    const flow_counts *c = &r->c;
    switch (col) {
    case TS_time: case TS_day: case TS_rep: break; /* rows_time_columns */
    case TS_account:
        if (csvtext_guarded(r->account)) /* a name such as -A1 (csvtext.h) */
            put_str(l, "'");
        put_str(l, r->account);
        put_comma(l);
        break;
    case TS_status: put_str(l, account_shown_names[r->status]); put_comma(l); break;
    case TS_max24h: put_num_cached(l, &t[TEXT_MAX24H], api_quota(r->max24h), 15, 1); break;
    case TS_max_rate: put_num_cached(l, &t[TEXT_MAX_RATE], r->max_rate, 15, 1); break;
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
    case TS_content_score: put_num_cached(l, &t[TEXT_CONTENT], q->content, 4, 0); break;
    case TS_api_status: put_str(l, account_shown_api[r->status]); put_comma(l); break;
    case TS_COLUMNS_N: break;
    }
}

/* account: its index, -1 for the `*` row; time: the row's time columns. */
static void write_row(world *w, const char *time, size_t time_len, int64_t now, int64_t account,
                      const ts_row *r)
{
    const rep_bucket *b = &r->window;
    ts_rates q = {.bounce = b->eligible ? (double)b->bounces / (double)b->eligible : 0,
                  .complaint = b->fbl ? (double)b->complaints / (double)b->fbl : 0,
                  .content = b->eligible ? b->content / (double)b->eligible : 1};
    if (w->bands)
        write_band_record(w, now, account, r, q.bounce, q.complaint);
    if (!w->timeseries)
        return;
    num_text *t = texts_cache(w) + ROW_TEXTS * (size_t)(account + 1);
    if (ROWS_BLOCK_BYTES - w->rows->used < LINE_MAX_BYTES)
        flush_block(w);
    line l = {.buf = w->rows->block + w->rows->used, .n = 0, .cap = LINE_MAX_BYTES};
    put_bytes(&l, time, time_len);
    for (int col = TS_account; col < TS_COLUMNS_N; col++)
        put_column(&l, (ts_column_id)col, r, t, &q);
    l.buf[l.n - 1] = '\n'; /* the last comma ends the row */
    w->rows->used += l.n;
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
    size_t time_len = rows_time_columns(time, w, now);
    ts_row all = {.account = "*", .status = SHOWN_HEALTHY};
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        ts_row r = {.account = a->cfg->name, .status = account_shown_status(a), .max24h = a->max24h,
                    .max_rate = a->max_rate, .sent_24h = account_sent_24h(a, now),
                    .backlog = a->backlog, .c = a->interval, .window = a->rep.measured};
        r.c.handed_in = 0; /* an account's own row counts what it was handed as its demand */
        write_row(w, time, time_len, now, (int64_t)i, &r);
        r.c.handed_in = a->interval.handed_in;
        add_row(&all, &r);
        memset(&a->interval, 0, sizeof a->interval);
    }
    if (w->scn->n_accounts > 1)
        write_row(w, time, time_len, now, -1, &all);
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
