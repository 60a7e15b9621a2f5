/* traffic_campaign.c: kind = campaign, bulk sends: `size` messages every
 * `every`, the first at `at`, each spread uniformly over `spread` (0: all at
 * once). Campaign k starts at at + k * every and has size x (1 + growth)^days
 * (days since the start), times `weekend` when it starts on a Saturday or Sunday. */
#include <math.h>

#include "core/config.h"
#include "traffic.h"

typedef struct campaign {
    traffic_profile base; /* calendar, rounding and noise */
    int64_t first;
} campaign;

static int campaign_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    campaign *c = state;
    c->first = cfg->at == SCN_NONE_TIME ? 0 : cfg->at;
    return traffic_profile_init(&c->base, cfg, sim, cfg->hours, err);
}

/* Size of campaign k, with growth and the weekend factor of its start day. */
static double campaign_size(const campaign *c, int64_t start)
{
    const scn_traffic *cfg = c->base.cfg;
    double size = cfg->size;
    if (cfg->growth != 0)
        size *= pow(1 + cfg->growth, (double)start / SIM_MS_PER_DAY);
    int wd = traffic_weekday(c->base.start, start);
    return (wd == 0 || wd == 6) ? size * cfg->weekend : size;
}

/* Mean messages over [a, b): the overlapping part of every campaign running then. */
static double campaign_mean(const campaign *c, int64_t a, int64_t b)
{
    const scn_traffic *cfg = c->base.cfg;
    int64_t spread = cfg->spread, every = cfg->every;
    if (b <= c->first)
        return 0;
    int64_t lo = a - spread - c->first; /* campaigns starting after a - spread may overlap */
    int64_t k = lo < 0 ? 0 : lo / every;
    double mean = 0;
    for (;; k++) {
        int64_t start = c->first + k * every;
        if (start >= b)
            break;
        if (spread == 0) {
            if (start >= a)
                mean += campaign_size(c, start);
            continue;
        }
        int64_t from = start > a ? start : a, to = start + spread < b ? start + spread : b;
        if (to > from)
            mean += campaign_size(c, start) * (double)(to - from) / (double)spread;
    }
    return mean;
}

/* At most ceil(day / every) + 1 campaigns start in a day of the run, each of
 * at most size x weekend x the day's largest growth (spread or not). */
static double campaign_most(const scn_traffic *cfg, const scn_sim *sim)
{
    double days = ceil((double)sim->duration / SIM_MS_PER_DAY), total = 0;
    double per_day = ceil((double)SIM_MS_PER_DAY / (double)cfg->every) + 1;
    double factor = cfg->weekend > 1 ? cfg->weekend : 1;
    for (double d = 0; d < days && total < HUGE_VAL; d++)
        total += per_day * cfg->size * factor * traffic_day_growth(cfg, d);
    return total;
}

/* A tick sums every campaign that overlaps it: those that start in the tick
 * or in the spread before it. */
static double campaign_work(const scn_traffic *cfg, const scn_sim *sim)
{
    return (double)(sim->tick + cfg->spread) / (double)cfg->every + 1;
}

static int campaign_demand(void *state, int64_t now, int64_t span, gsl_rng *r, int64_t *n,
                           sim_err *err)
{
    (void)err;
    campaign *c = state;
    *n = traffic_emit(&c->base, campaign_mean(c, now, now + span), r);
    return 0;
}

const traffic_type traffic_campaign = {
    .name = "campaign",
    .needs = TRAFFIC_NEEDS_SCHEDULE,
    .state_size = sizeof(campaign),
    .init = campaign_init,
    .demand = campaign_demand,
    .most = campaign_most,
    .work = campaign_work,
};
