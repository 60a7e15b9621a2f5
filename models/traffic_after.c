/* traffic_after.c: a replay of observed points carried past its data's end
 * (traffic.after = repeat | profile; docs/model.md, "Replay, then project").
 *
 * The points of the data's last weeks are put into the 168 hours of the week
 * (calendar hours, UTC): a point's messages spread evenly over its period, as
 * the replay spreads them, the share of each hour going to that hour of the
 * week. The data's start and end are taken out to whole calendar hours, so
 * the window and the projection start on the hour. The window is a whole number of weeks long (one for repeat; every
 * whole week of the data for profile), so each hour of the week covers the
 * same time in it, and its sum over the window's weeks is a mean. Past the
 * data's end each calendar hour asks for its hour of the week, times
 * (1 + growth)^(days since the data's end), rounded cumulatively (no noise:
 * the week kept is already real data). */
#include <math.h>
#include <stdlib.h>

#include "core/config.h"
#include "traffic.h"

#define AFTER_WEEK_MS (7 * SIM_MS_PER_DAY)
#define AFTER_HOURS 168

/* The hour of the week (0..167) of run time t. */
static size_t week_hour(const traffic_points *s, int64_t t)
{
    return (size_t)(((s->start + t) / SIM_MS_PER_H) % AFTER_HOURS);
}

/* The end of the calendar hour that run time t falls in. */
static int64_t hour_end(const traffic_points *s, int64_t t)
{
    return ((s->start + t) / SIM_MS_PER_H + 1) * SIM_MS_PER_H - s->start;
}

/* Add the part of point p inside [lo, hi) to the week, hour by hour. */
static void add_point(traffic_points *s, const traffic_point *p, int64_t lo, int64_t hi)
{
    int64_t a = p->t > lo ? p->t : lo, b = p->t + s->width < hi ? p->t + s->width : hi;
    while (a < b) {
        int64_t e = hour_end(s, a) < b ? hour_end(s, a) : b;
        s->week[week_hour(s, a)] += (double)p->attempts * (double)(e - a) / (double)s->width;
        a = e;
    }
}

/* The week of the last `weeks` weeks of the data, before any point is dropped. */
static void build_week(traffic_points *s, int64_t weeks)
{
    int64_t lo = s->data_end - weeks * AFTER_WEEK_MS;
    s->week = sim_xcalloc(AFTER_HOURS, sizeof *s->week);
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i].t + s->width > lo)
            add_point(s, &s->p[i], lo, s->data_end);
    for (size_t h = 0; h < AFTER_HOURS; h++)
        s->week[h] /= (double)weeks;
}

/* SIM_EINPUT when the projection could ask for over SCN_MAX_DEMAND messages
 * with the points: each day at the week's mean day times the day's larger
 * growth factor (an upper bound, as the profile kinds' most()). */
static int check_total(const traffic_points *s, const scn_traffic *cfg, sim_err *err)
{
    double week = 0, total = 0, days = ceil((double)(s->end - s->data_end) / SIM_MS_PER_DAY);
    for (size_t h = 0; h < AFTER_HOURS; h++)
        week += s->week[h];
    for (size_t i = 0; i < s->n; i++)
        total += (double)s->p[i].attempts;
    for (double d = 0; d < days && total <= SCN_MAX_DEMAND; d++) /* at most 36,600 days */
        total += week / 7 * traffic_day_growth(cfg, d);
    if (total <= SCN_MAX_DEMAND)
        return 0;
    return sim_errorf(err, SIM_EINPUT, s->path, s->n ? s->p[s->n - 1].line : 1,
                      "after = %s: the data and its projection to the end of the run add up "
                      "to over 2^53 messages, the most one run may ask for",
                      cfg->after == AFTER_REPEAT ? "repeat" : "profile");
}

int traffic_after_start(traffic_points *s, const scn_traffic *cfg, sim_err *err)
{
    s->data_end = hour_end(s, s->data_end - 1); /* the projection starts on the hour */
    int64_t span = s->data_end - (hour_end(s, s->data_first) - SIM_MS_PER_H);
    if (span < AFTER_WEEK_MS)
        return sim_errorf(err, SIM_EINPUT, s->path, s->n ? s->p[0].line : 1,
                          "after = %s needs at least 7 days of data to carry the week "
                          "forward; the data spans %.2f days",
                          cfg->after == AFTER_REPEAT ? "repeat" : "profile",
                          (double)span / SIM_MS_PER_DAY);
    build_week(s, cfg->after == AFTER_REPEAT ? 1 : span / AFTER_WEEK_MS);
    s->growth = cfg->growth;
    return check_total(s, cfg, err);
}

int64_t traffic_after_demand(traffic_points *s, int64_t a, int64_t b)
{
    double mean = 0;
    while (a < b) {
        int64_t e = hour_end(s, a) < b ? hour_end(s, a) : b;
        double days = (double)((a + e) / 2 - s->data_end) / SIM_MS_PER_DAY;
        double growth = s->growth != 0 ? pow(1 + s->growth, days) : 1.0;
        mean += s->week[week_hour(s, a)] * (double)(e - a) / SIM_MS_PER_H * growth;
        a = e;
    }
    s->expected += mean;
    int64_t n = llround(s->expected) - s->emitted;
    s->emitted += n;
    return n;
}
