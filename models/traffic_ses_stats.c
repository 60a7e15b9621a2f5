/* traffic_ses_stats.c: kind = ses-stats, demand and observed outcome shares
 * replayed from an SES GetSendStatistics export.
 *
 *   Timestamp,DeliveryAttempts,Bounces,Complaints,Rejects   (any order)
 *   2026-01-05T10:15:00Z,412,3,0,0
 *
 * Each point covers the 15 minutes starting at its Timestamp. The API returns
 * points unsorted, and an export is small (two weeks = 1,344 points), so the
 * whole file is loaded, sorted and checked: no two points closer than 15
 * minutes (a repeated Timestamp is named with both lines). A point's
 * DeliveryAttempts are spread evenly over its 15 minutes with cumulative
 * rounding in integers, so any tick (dividing 15 minutes or not) gets its
 * proportional share and the total replays exactly.
 *
 * Rejects are not demand: DeliveryAttempts is what SES accepted and tried to
 * deliver, and Bounces and Complaints are counted against it, so replaying
 * DeliveryAttempts alone keeps the observed shares true to the data (adding
 * Rejects would dilute them). Rejected messages (SES found a virus) never
 * reach a recipient, so they take no part in reputation; and the sim's own
 * `rejected` column means something else (refused by sandbox rules). The
 * column is optional and, when present, checked like the others.
 *
 * The same data as `aws ses get-send-statistics` prints it (JSON, told apart
 * from the CSV by its first character, '{') is read as printed: fields as AWS
 * names them, counts that are absent taken as 0, a point's line the line of its
 * '{' (core/jsonin.h).
 *
 * The synthetic keys (daily, growth, noise, weekend, hours) do not apply. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/csvin.h"
#include "core/jsonin.h"
#include "traffic.h"
#include "core/units.h"

#define SES_POINT_MS (15 * SIM_MS_PER_MIN)
enum { COL_TIME, COL_ATTEMPTS, COL_BOUNCES, COL_COMPLAINTS, COL_REJECTS, N_COLS };
static const char *const col_names[N_COLS] = {"Timestamp", "DeliveryAttempts", "Bounces",
                                              "Complaints", "Rejects"};
#define REQUIRED_COLS ((1u << COL_TIME) | (1u << COL_ATTEMPTS) | (1u << COL_BOUNCES) | \
                       (1u << COL_COMPLAINTS))

typedef traffic_point ses_point;

typedef struct ses_source {
    traffic_points pts; /* 15-minute points; only those that start before the end */
    int64_t start;      /* sim.start (ms since 1970) */
} ses_source;

/* One point, from either format, checked against the run's start. */
static int add_point(ses_source *s, int64_t at, ses_point pt, const char *path, sim_err *err)
{
    if (s->pts.n == SES_STATS_MAX_POINTS)
        return sim_errorf(err, SIM_EINPUT, path, pt.line,
                          "more than %d data points: a GetSendStatistics export holds two "
                          "weeks of 15-minute points (1,344)", SES_STATS_MAX_POINTS);
    if (at < s->start) {
        char a[UNITS_BUF], b[UNITS_BUF];
        units_fmt_datetime(at, a);
        units_fmt_datetime(s->start, b);
        return sim_errorf(err, SIM_EINPUT, path, pt.line,
                          "Timestamp %s is before sim.start (%s)", a, b);
    }
    pt.t = at - s->start;
    if (s->pts.n == s->pts.cap) {
        s->pts.cap = s->pts.cap ? 2 * s->pts.cap : 1024;
        s->pts.p = sim_xrealloc(s->pts.p, s->pts.cap * sizeof *s->pts.p);
    }
    s->pts.p[s->pts.n++] = pt;
    return 0;
}

static int read_point(ses_source *s, const csvin *in, const csvin_row *row, const int *col,
                      size_t width, sim_err *err)
{
    ses_point pt = {.line = row->line};
    int64_t at, rejects;
    int rc;
    if ((rc = csvin_check_width(in, row, width, err)) ||
        (rc = csvin_time(in, row, col[COL_TIME], "Timestamp", &at, err)) ||
        (rc = csvin_count(in, row, col[COL_ATTEMPTS], "DeliveryAttempts", &pt.attempts, err)) ||
        (rc = csvin_count(in, row, col[COL_BOUNCES], "Bounces", &pt.bounces, err)) ||
        (rc = csvin_count(in, row, col[COL_COMPLAINTS], "Complaints", &pt.complaints, err)) ||
        (col[COL_REJECTS] >= 0 &&
         (rc = csvin_count(in, row, col[COL_REJECTS], "Rejects", &rejects, err))))
        return rc;
    return add_point(s, at, pt, csvin_path(in), err);
}

static int read_points(ses_source *s, csvin *in, sim_err *err)
{
    csvin_row row;
    int col[N_COLS];
    int rc = csvin_next(in, &row, err);
    if (rc == 0)
        return sim_errorf(err, SIM_EINPUT, csvin_path(in), 1,
                          "empty file: expected a header row "
                          "Timestamp,DeliveryAttempts,Bounces,Complaints,Rejects");
    if (rc < 0 || (rc = csvin_columns(in, &row, col_names, N_COLS, REQUIRED_COLS, col, err)))
        return rc;
    size_t width = row.n;
    while ((rc = csvin_next(in, &row, err)) == 1)
        if ((rc = read_point(s, in, &row, col, width, err)))
            return rc;
    return rc;
}

/* A count of a JSON point: the CLI leaves out none, but the API marks them
 * optional (jq's `// 0`), so an absent count is 0. */
static int json_count(const char *path, long line, const json_t *o, int col, int64_t *out,
                      sim_err *err)
{
    int rc = jsonin_count(path, line, o, col_names[col], out, err);
    if (rc == 1)
        *out = 0;
    return rc < 0 ? rc : 0;
}

static int read_json_point(ses_source *s, const jsonin *in, const json_t *points, size_t i,
                           sim_err *err)
{
    const char *path = jsonin_path(in);
    const json_t *o = json_array_get(points, i);
    ses_point pt = {.line = jsonin_line(in, o)};
    int64_t at, rejects;
    int rc;
    if (!json_is_object(o))
        return sim_errorf(err, SIM_EINPUT, path, jsonin_line(in, points),
                          "SendDataPoints[%zu] is not an object {\"Timestamp\": ...}", i);
    if ((rc = jsonin_time(path, pt.line, o, "Timestamp", &at, err)) == 1)
        return sim_errorf(err, SIM_EINPUT, path, pt.line, "data point without a Timestamp");
    if (rc || (rc = json_count(path, pt.line, o, COL_ATTEMPTS, &pt.attempts, err)) ||
        (rc = json_count(path, pt.line, o, COL_BOUNCES, &pt.bounces, err)) ||
        (rc = json_count(path, pt.line, o, COL_COMPLAINTS, &pt.complaints, err)) ||
        (rc = json_count(path, pt.line, o, COL_REJECTS, &rejects, err)))
        return rc;
    return add_point(s, at, pt, path, err);
}

/* `aws ses get-send-statistics` as printed: {"SendDataPoints": [{...}, ...]}. */
static int read_json(ses_source *s, const char *path, sim_err *err)
{
    jsonin *in;
    int rc = jsonin_load(&in, path, err);
    if (rc)
        return rc;
    const json_t *root = jsonin_root(in), *points = json_object_get(root, "SendDataPoints");
    if (!json_is_array(points))
        rc = sim_errorf(err, SIM_EINPUT, path, 1,
                        "expected the output of `aws ses get-send-statistics`: an object "
                        "with an array SendDataPoints");
    for (size_t i = 0; !rc && i < json_array_size(points); i++)
        rc = read_json_point(s, in, points, i, err);
    jsonin_close(in);
    return rc;
}

static int by_time(const void *a, const void *b)
{
    const ses_point *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* After sorting: no two points closer than 15 minutes. */
static int check_spacing(const ses_source *s, const char *path, sim_err *err)
{
    for (size_t i = 1; i < s->pts.n; i++) {
        const ses_point *a = &s->pts.p[i - 1], *b = &s->pts.p[i];
        if (b->t - a->t >= SES_POINT_MS)
            continue;
        char ta[UNITS_BUF], tb[UNITS_BUF];
        units_fmt_datetime(s->start + a->t, ta);
        units_fmt_datetime(s->start + b->t, tb);
        if (a->t == b->t)
            return sim_errorf(err, SIM_EINPUT, path, b->line,
                              "duplicate Timestamp %s (also on line %ld)", tb, a->line);
        return sim_errorf(err, SIM_EINPUT, path, b->line,
                          "Timestamp %s is less than 15 minutes after %s (line %ld): "
                          "GetSendStatistics points are 15 minutes apart", tb, ta, a->line);
    }
    return 0;
}

static int ses_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    ses_source *s = state;
    *s = (ses_source){.pts = {.width = SES_POINT_MS, .end = sim->duration, .path = cfg->file},
                      .start = sim->start};
    int rc;
    if (jsonin_sniff(cfg->file)) {
        rc = read_json(s, cfg->file, err);
    } else {
        csvin *in;
        if ((rc = csvin_open(&in, cfg->file, err)))
            return rc;
        rc = read_points(s, in, err);
        csvin_close(in);
    }
    if (!rc && s->pts.n)
        qsort(s->pts.p, s->pts.n, sizeof *s->pts.p, by_time);
    if (!rc)
        rc = check_spacing(s, cfg->file, err);
    return rc ? rc : traffic_points_finish(&s->pts, cfg, sim, err);
}

const traffic_type traffic_ses_stats = {
    .name = "ses-stats",
    .needs = TRAFFIC_NEEDS_FILE,
    .state_size = sizeof(ses_source),
    .init = ses_init,
    .demand = traffic_points_kind_demand,
    .destroy = traffic_points_kind_destroy,
    .observed_shares = traffic_points_kind_shares,
    .points = traffic_points_kind_points,
};
