/* traffic_points.c: what the replay kinds of observed points share
 * (ses-stats, ses-events, cloudwatch): the demand of the points, spread over
 * each point's period, their bounce and complaint shares, their total, and
 * the finish of a kind's reading, which starts the projection past the data
 * (traffic_after.c) when traffic.after asks for one. */
#include <stdlib.h>

#include "core/config.h"
#include "traffic.h"

/* Messages of point p wanted before time x: attempts x elapsed share, rounded
 * to nearest, exactly attempts at the point's end. Split as q * W + r so the
 * products stay far inside int64 (attempts <= 2^53). */
static int64_t point_spread(const traffic_point *p, int64_t width, int64_t x)
{
    int64_t e = x - p->t;
    if (e <= 0)
        return 0;
    if (e >= width)
        return p->attempts;
    int64_t q = p->attempts / width, r = p->attempts % width;
    return q * e + (r * e + width / 2) / width;
}

int traffic_points_demand(traffic_points *s, int64_t now, int64_t span, int64_t *n, sim_err *err)
{
    int64_t a = now, b = now + span < s->end ? now + span : s->end, sum = 0;
    if (s->week && b > s->data_end)
        sum = traffic_after_demand(s, a > s->data_end ? a : s->data_end, b);
    for (size_t i = s->cur; i < s->n && s->p[i].t < b; i++) {
        sum += point_spread(&s->p[i], s->width, b) - point_spread(&s->p[i], s->width, a);
        if (sum > (int64_t)SCN_MAX_COUNT)
            return sim_errorf(err, SIM_EINPUT, s->path, s->p[i].line,
                              "the points of one tick add up to over 2^53 messages");
    }
    while (s->cur < s->n && s->p[s->cur].t + s->width <= b)
        s->cur++;
    *n = sum;
    return 0;
}

int traffic_points_total(const traffic_points *s, sim_err *err)
{
    int64_t total = 0;
    for (size_t i = 0; i < s->n; i++) /* each at most 2^53: no overflow */
        if ((total += s->p[i].attempts) > (int64_t)SCN_MAX_DEMAND)
            return sim_errorf(err, SIM_EINPUT, s->path, s->p[i].line,
                              "the points up to here add up to over 2^53 messages, the most one "
                              "run may ask for");
    return 0;
}

static double point_share(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return 0;
    /* Bounces and complaints are counted when they arrive, so a quiet point
     * can report more than it sent: a share is at most 1. */
    return part >= whole ? 1.0 : (double)part / (double)whole;
}

int traffic_points_shares(const traffic_points *s, int64_t t, double *bounce, double *complaint)
{
    if (s->no_shares)
        return 0;
    size_t lo = 0, hi = s->n; /* the first point starting after t is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->p[mid].t <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || t >= s->p[lo - 1].t + s->width)
        return 0;
    const traffic_point *p = &s->p[lo - 1];
    *bounce = point_share(p->bounces, p->attempts);
    *complaint = point_share(p->complaints, p->attempts);
    return 1;
}

int traffic_points_kind_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n,
                               sim_err *err)
{
    (void)r;
    return traffic_points_demand(state, now, span, n, err);
}

void traffic_points_kind_destroy(void *state)
{
    traffic_points *s = state;
    free(s->p);
    free(s->week);
    s->p = NULL;
    s->week = NULL;
}

int traffic_points_kind_shares(void *state, int64_t t, double *bounce, double *complaint)
{
    return traffic_points_shares(state, t, bounce, complaint);
}

const traffic_points *traffic_points_kind_points(const void *state)
{
    return state;
}

int traffic_points_finish(traffic_points *s, const scn_traffic *cfg, const scn_sim *sim,
                          sim_err *err)
{
    s->start = sim->start;
    if (s->n && !s->data_end) {
        s->data_first = s->p[0].t;
        s->data_end = s->p[s->n - 1].t + s->width;
    }
    int rc = cfg->after != AFTER_STOP && s->data_end < s->end ? traffic_after_start(s, cfg, err) : 0;
    while (s->n && s->p[s->n - 1].t >= s->end)
        s->n--; /* points from the end of the run on are never replayed */
    return rc ? rc : traffic_points_total(s, err);
}
