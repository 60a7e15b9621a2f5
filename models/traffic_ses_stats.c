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
 * The synthetic keys (daily, growth, noise, weekend, hours) do not apply. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/csvin.h"
#include "traffic.h"
#include "core/units.h"

#define SES_POINT_MS (15 * SIM_MS_PER_MIN)
/* Far beyond any export (two weeks is 1,344 points): refuse before memory does. */
#define SES_MAX_POINTS 1000000

enum { COL_TIME, COL_ATTEMPTS, COL_BOUNCES, COL_COMPLAINTS, COL_REJECTS, N_COLS };
static const char *const col_names[N_COLS] = {"Timestamp", "DeliveryAttempts", "Bounces",
                                              "Complaints", "Rejects"};
#define REQUIRED_COLS ((1u << COL_TIME) | (1u << COL_ATTEMPTS) | (1u << COL_BOUNCES) | \
                       (1u << COL_COMPLAINTS))

typedef struct ses_point {
    int64_t t; /* start of its 15 minutes, ms since the run's start */
    int64_t attempts, bounces, complaints;
    long line;
} ses_point;

typedef struct ses_source {
    ses_point *p; /* sorted by time, only those that start before the end of the run */
    size_t n, cap;
    size_t cur;   /* the first point not yet wholly replayed */
    int64_t start, end; /* sim.start (ms since 1970); the run's duration */
    const char *path;   /* the file, for messages (the scenario owns it) */
} ses_source;

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
    if (at < s->start) {
        char a[UNITS_BUF], b[UNITS_BUF];
        units_fmt_datetime(at, a);
        units_fmt_datetime(s->start, b);
        return sim_errorf(err, SIM_EINPUT, csvin_path(in), row->line,
                          "Timestamp %s is before sim.start (%s)", a, b);
    }
    pt.t = at - s->start;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->p = sim_xrealloc(s->p, s->cap * sizeof *s->p);
    }
    s->p[s->n++] = pt;
    return 0;
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
    while ((rc = csvin_next(in, &row, err)) == 1) {
        if (s->n == SES_MAX_POINTS)
            return sim_errorf(err, SIM_EINPUT, csvin_path(in), row.line,
                              "more than %d data points: a GetSendStatistics export holds two "
                              "weeks of 15-minute points (1,344)", SES_MAX_POINTS);
        if ((rc = read_point(s, in, &row, col, width, err)))
            return rc;
    }
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
    for (size_t i = 1; i < s->n; i++) {
        const ses_point *a = &s->p[i - 1], *b = &s->p[i];
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
    *s = (ses_source){.start = sim->start, .end = sim->duration, .path = cfg->file};
    csvin *in;
    int rc = csvin_open(&in, cfg->file, err);
    if (rc)
        return rc;
    rc = read_points(s, in, err);
    if (!rc && s->n)
        qsort(s->p, s->n, sizeof *s->p, by_time);
    if (!rc)
        rc = check_spacing(s, csvin_path(in), err);
    csvin_close(in);
    while (s->n && s->p[s->n - 1].t >= s->end)
        s->n--; /* points from the end of the run on are never replayed */
    int64_t total = 0;
    for (size_t i = 0; i < s->n && !rc; i++) /* each at most 2^53: no overflow */
        if ((total += s->p[i].attempts) > (int64_t)SCN_MAX_DEMAND)
            rc = sim_errorf(err, SIM_EINPUT, s->path, s->p[i].line,
                            "the points up to here add up to over 2^53 messages, the most one "
                            "run may ask for");
    return rc;
}

static void ses_destroy(void *state)
{
    ses_source *s = state;
    free(s->p);
    s->p = NULL;
}

/* Messages of point p wanted before time x: DeliveryAttempts x elapsed share,
 * rounded to nearest, exactly DeliveryAttempts at the point's end. Split as
 * q * W + r so the products stay far inside int64 (attempts <= 2^53). */
static int64_t spread(const ses_point *p, int64_t x)
{
    int64_t e = x - p->t;
    if (e <= 0)
        return 0;
    if (e >= SES_POINT_MS)
        return p->attempts;
    int64_t q = p->attempts / SES_POINT_MS, r = p->attempts % SES_POINT_MS;
    return q * e + (r * e + SES_POINT_MS / 2) / SES_POINT_MS;
}

static int ses_demand(void *state, int64_t now, int64_t span, gsl_rng *rng, int64_t *n, sim_err *err)
{
    (void)rng;
    ses_source *s = state;
    int64_t a = now, b = now + span < s->end ? now + span : s->end, sum = 0;
    for (size_t i = s->cur; i < s->n && s->p[i].t < b; i++) {
        sum += spread(&s->p[i], b) - spread(&s->p[i], a);
        if (sum > (int64_t)SCN_MAX_COUNT)
            return sim_errorf(err, SIM_EINPUT, s->path, s->p[i].line,
                              "the points of one tick add up to over 2^53 messages");
    }
    while (s->cur < s->n && s->p[s->cur].t + SES_POINT_MS <= b)
        s->cur++;
    *n = sum;
    return 0;
}

static double share(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return 0;
    /* Bounces and complaints are counted when they arrive, so a quiet point
     * can report more than it sent: a share is at most 1. */
    return part >= whole ? 1.0 : (double)part / (double)whole;
}

static int ses_observed_shares(void *state, int64_t t, double *bounce, double *complaint)
{
    const ses_source *s = state;
    size_t lo = 0, hi = s->n; /* the first point starting after t is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->p[mid].t <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || t >= s->p[lo - 1].t + SES_POINT_MS)
        return 0;
    const ses_point *p = &s->p[lo - 1];
    *bounce = share(p->bounces, p->attempts);
    *complaint = share(p->complaints, p->attempts);
    return 1;
}

const traffic_type traffic_ses_stats = {
    .name = "ses-stats",
    .needs = TRAFFIC_NEEDS_FILE,
    .state_size = sizeof(ses_source),
    .init = ses_init,
    .demand = ses_demand,
    .destroy = ses_destroy,
    .observed_shares = ses_observed_shares,
};
