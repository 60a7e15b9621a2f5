/* traffic_cloudwatch.c: kind = cloudwatch, demand (and, when the file has
 * them, observed outcome shares) replayed from SES's CloudWatch metrics as
 * `aws cloudwatch get-metric-data` prints them (models/cloudwatch.h).
 *
 * A point is one period of the Send series: its Sum is the messages, spread
 * evenly over the period as ses-stats spreads a 15-minute point. The period is
 * the smallest gap between two Send points (CloudWatch leaves out periods with
 * no data, so any two consecutive ones show it). With Bounce and Complaint
 * series in the file, the point's Bounce / Send and Complaint / Send replace
 * the list model for mail sent in it, as ses-stats's shares do (SES's Bounce
 * metric counts hard bounces only); with neither, the list model gives the
 * outcomes; with one of them only, the file is refused. Other metrics
 * (Delivery, Reject, the Reputation rates) are read, checked and not replayed. */
#include <stdint.h>
#include <stdlib.h>

#include "cloudwatch.h"
#include "core/units.h"
#include "traffic.h"

typedef struct cw_source {
    traffic_points pts;
} cw_source;

/* The point that starts at t, found or appended. The first `sorted` points
 * (the Send series) are in time order: a binary search; the few appended after
 * them (a Bounce or Complaint in a period without sends) are searched in turn. */
static traffic_point *point_at(cw_source *s, size_t sorted, int64_t t, long line)
{
    size_t lo = 0, hi = sorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pts.p[mid].t < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sorted && s->pts.p[lo].t == t)
        return &s->pts.p[lo];
    for (size_t i = sorted; i < s->pts.n; i++)
        if (s->pts.p[i].t == t)
            return &s->pts.p[i];
    if (s->pts.n == s->pts.cap) {
        s->pts.cap = s->pts.cap ? 2 * s->pts.cap : 256;
        s->pts.p = sim_xrealloc(s->pts.p, s->pts.cap * sizeof *s->pts.p);
    }
    s->pts.p[s->pts.n] = (traffic_point){.t = t, .line = line};
    return &s->pts.p[s->pts.n++];
}

static int period_of(const cw_data *d, int64_t *width, sim_err *err)
{
    const cw_series *send = &d->m[CW_SEND];
    if (send->n < 2)
        return sim_errorf(err, SIM_EINPUT, d->path, send->n ? send->line[0] : 1,
                          "kind = cloudwatch needs a Send series of at least two points "
                          "(its period is the gap between them)");
    *width = send->t[1] - send->t[0];
    for (size_t i = 2; i < send->n; i++)
        if (send->t[i] - send->t[i - 1] < *width)
            *width = send->t[i] - send->t[i - 1];
    if (*width % SIM_MS_PER_MIN)
        return sim_errorf(err, SIM_EINPUT, d->path, send->line[0],
                          "the Send points are not whole minutes apart: SES publishes its "
                          "metrics at periods of a minute or more");
    return 0;
}

/* Send, Bounce and Complaint into points, checked against the run's start. */
static int build_points(cw_source *s, const cw_data *d, int64_t start, sim_err *err)
{
    static const int metrics[] = {CW_SEND, CW_BOUNCE, CW_COMPLAINT};
    for (size_t k = 0; k < 3; k++) {
        const cw_series *m = &d->m[metrics[k]];
        for (size_t i = 0; i < m->n; i++) {
            if (m->t[i] < start) {
                char a[UNITS_BUF], b[UNITS_BUF];
                units_fmt_datetime(m->t[i], a);
                units_fmt_datetime(start, b);
                return sim_errorf(err, SIM_EINPUT, d->path, m->line[i],
                                  "%s point %s is before sim.start (%s)",
                                  cw_metric_name(metrics[k]), a, b);
            }
            traffic_point *p = point_at(s, k ? d->m[CW_SEND].n : s->pts.n, m->t[i] - start, m->line[i]);
            int64_t v = (int64_t)m->v[i];
            *(k == 0 ? &p->attempts : k == 1 ? &p->bounces : &p->complaints) = v;
        }
    }
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const traffic_point *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

static int cw_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    cw_source *s = state;
    *s = (cw_source){.pts = {.end = sim->duration, .path = cfg->file}};
    cw_data d;
    int rc = cw_read(&d, cfg->file, err);
    if (rc)
        return rc;
    int bounce = d.m[CW_BOUNCE].present, complaint = d.m[CW_COMPLAINT].present;
    if (bounce != complaint)
        rc = sim_errorf(err, SIM_EINPUT, cfg->file, 1,
                        "a %s series without a %s series: give both, or neither for the "
                        "list model's outcomes", bounce ? "Bounce" : "Complaint",
                        bounce ? "Complaint" : "Bounce");
    s->pts.no_shares = !bounce;
    if (!rc && !(rc = period_of(&d, &s->pts.width, err)))
        rc = build_points(s, &d, sim->start, err);
    cw_free(&d);
    if (!rc && s->pts.n)
        qsort(s->pts.p, s->pts.n, sizeof *s->pts.p, by_time);
    return rc ? rc : traffic_points_finish(&s->pts, cfg, sim, err);
}

const traffic_type traffic_cloudwatch = {
    .name = "cloudwatch",
    .needs = TRAFFIC_NEEDS_FILE,
    .state_size = sizeof(cw_source),
    .init = cw_init,
    .demand = traffic_points_kind_demand,
    .destroy = traffic_points_kind_destroy,
    .observed_shares = traffic_points_kind_shares,
    .points = traffic_points_kind_points,
};
