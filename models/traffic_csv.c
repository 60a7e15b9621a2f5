/* traffic_csv.c: kind = csv, demand replayed from a recording of sends.
 *
 *   time,account,messages[,stream]        (columns in any order)
 *   2026-01-05T08:00:12Z,main,120
 *
 * Each row asks for `messages` at `time` (ISO 8601 UTC); a tick's demand is the
 * sum of the rows whose time falls in [now, now + span). With a `stream` column
 * only the rows naming this traffic section count. The file is streamed: one row
 * is read ahead and held (`pending`) until its tick comes, so memory does not
 * grow with the file, and reading stops at the first row at or after the end of
 * the run. The synthetic keys (daily, growth, noise, weekend, hours) do not
 * apply: the recording is the demand, replayed exactly. */
#include <stdint.h>
#include <string.h>

#include "core/config.h"
#include "core/csvin.h"
#include "traffic.h"
#include "core/units.h"

enum { COL_TIME, COL_ACCOUNT, COL_MESSAGES, COL_STREAM, N_COLS };
static const char *const col_names[N_COLS] = {"time", "account", "messages", "stream"};
#define REQUIRED_COLS ((1u << COL_TIME) | (1u << COL_ACCOUNT) | (1u << COL_MESSAGES))

typedef struct csv_source {
    const scn_traffic *cfg;
    csvin *in;
    int col[N_COLS];
    size_t width;              /* fields per row: the header's */
    int64_t start, end;        /* sim.start and the end of the run, ms since 1970 */
    int64_t prev_time;         /* the last row's time (order check), ms since 1970 */
    long prev_line;
    int pending, done;         /* a row is held; no more rows will be read */
    int64_t pending_time;      /* ms since the start */
    int64_t pending_n;
    long pending_line;
    int64_t total;             /* messages of the rows replayed so far */
} csv_source;

static int read_header(csv_source *s, sim_err *err)
{
    csvin_row row;
    int rc = csvin_next(s->in, &row, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return sim_errorf(err, SIM_EINPUT, s->cfg->file, 1,
                          "empty file: expected a header row time,account,messages[,stream]");
    s->width = row.n;
    return csvin_columns(s->in, &row, col_names, N_COLS, REQUIRED_COLS, s->col, err);
}

static int csv_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    csv_source *s = state;
    *s = (csv_source){.cfg = cfg, .start = sim->start, .end = sim->start + sim->duration,
                      .prev_time = INT64_MIN};
    int rc = csvin_open(&s->in, cfg->file, err);
    return rc ? rc : read_header(s, err);
}

static void csv_destroy(void *state)
{
    csv_source *s = state;
    csvin_close(s->in);
    s->in = NULL;
}

/* The row's time, in order and not before sim.start. */
static int row_time(csv_source *s, const csvin_row *row, int64_t *t, sim_err *err)
{
    const char *text = row->field[s->col[COL_TIME]];
    const char *path = csvin_path(s->in);
    char show[CSVIN_SHOW], when[UNITS_BUF];
    int rc = csvin_time(s->in, row, s->col[COL_TIME], "time", t, err);
    if (rc)
        return rc;
    if (*t < s->start) {
        units_fmt_datetime(s->start, when);
        return sim_errorf(err, SIM_EINPUT, path, row->line, "time %s is before sim.start (%s)",
                          csvin_show(text, show), when);
    }
    if (*t < s->prev_time) {
        units_fmt_datetime(s->prev_time, when);
        return sim_errorf(err, SIM_EINPUT, path, row->line,
                          "rows out of time order: %s comes after %s (line %ld)",
                          csvin_show(text, show), when, s->prev_line);
    }
    s->prev_time = *t;
    s->prev_line = row->line;
    return 0;
}

static int check_account(const csv_source *s, const csvin_row *row, sim_err *err)
{
    const char *name = row->field[s->col[COL_ACCOUNT]];
    const scn_names *acc = &s->cfg->account;
    for (size_t i = 0; i < acc->n; i++)
        if (strcmp(acc->v[i], name) == 0)
            return 0;
    char show[CSVIN_SHOW];
    return sim_errorf(err, SIM_EINPUT, csvin_path(s->in), row->line,
                      "account '%s' is not an account of traffic.%s (its account%s: %s%s)",
                      csvin_show(name, show), s->cfg->name, acc->n == 1 ? "" : "s",
                      acc->n ? acc->v[0] : "", acc->n > 1 ? ", ..." : "");
}

/* Read rows until one of this stream is pending, or the end (of the file or of
 * the run). Every row read is checked, whichever stream it belongs to. */
static int read_next(csv_source *s, sim_err *err)
{
    csvin_row row;
    for (;;) {
        int rc = csvin_next(s->in, &row, err);
        if (rc <= 0) {
            s->done = 1;
            return rc;
        }
        int64_t t, n;
        if ((rc = csvin_check_width(s->in, &row, s->width, err)) ||
            (rc = row_time(s, &row, &t, err)))
            return rc;
        if (t >= s->end) {
            s->done = 1;
            return 0;
        }
        if ((rc = csvin_count(s->in, &row, s->col[COL_MESSAGES], "messages", &n, err)))
            return rc;
        if (s->col[COL_STREAM] >= 0 && strcmp(row.field[s->col[COL_STREAM]], s->cfg->name) != 0)
            continue;
        if ((rc = check_account(s, &row, err)))
            return rc;
        s->pending = 1;
        s->pending_time = t - s->start;
        s->pending_n = n;
        s->pending_line = row.line;
        return 0;
    }
}

static int csv_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n, sim_err *err)
{
    (void)r;
    csv_source *s = state;
    int64_t sum = 0;
    for (;;) {
        if (!s->pending && !s->done) {
            int rc = read_next(s, err);
            if (rc)
                return rc;
        }
        if (!s->pending || s->pending_time >= now + span)
            break;
        if (s->pending_n > (int64_t)SCN_MAX_COUNT - sum)
            return sim_errorf(err, SIM_EINPUT, csvin_path(s->in), s->pending_line,
                              "the rows of one tick add up to over 2^53 messages");
        if (s->pending_n > (int64_t)SCN_MAX_DEMAND - s->total - sum)
            return sim_errorf(err, SIM_EINPUT, csvin_path(s->in), s->pending_line,
                              "the rows up to here add up to over 2^53 messages, the most one "
                              "run may ask for");
        sum += s->pending_n;
        s->pending = 0;
    }
    s->total += sum;
    *n = sum;
    return 0;
}

const traffic_type traffic_csv = {
    .name = "csv",
    .needs = TRAFFIC_NEEDS_FILE,
    .state_size = sizeof(csv_source),
    .init = csv_init,
    .demand = csv_demand,
    .destroy = csv_destroy,
};
