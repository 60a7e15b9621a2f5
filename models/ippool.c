/* ippool.c: dedicated IPs, their warm-up percentage and the split of mail. */
#include "core/config.h"
#include "ippool.h"

/* SendGrid's automated IP warm-up, the hourly cap per IP by warm-up day
 * (docs/ses-facts.md). */
static const int64_t sendgrid_hourly[IPPOOL_SENDGRID_DAYS] = {
    20, 28, 39, 55, 77, 108, 151, 211, 295, 413, 579, 810, 1000, 1587, 2222, 3111, 4356, 6098,
    8583, 11953, 16734, 23427, 32798, 45917, 64284, 89998, 125997, 176395, 246953, 345735,
    484029, 677640, 948696, 1328175, 1859444, 2603222, 3644511, 5102316, 7143242, 10000539,
    14000754, 19601056,
};

void ippool_init(ippool *p, const scn_account *cfg) { *p = (ippool){.cfg = cfg, .day = -1, .hour = -1}; }

int ippool_dedicated(const scn_account *cfg) { return cfg->ip_pool != IP_POOL_SHARED; }

int64_t ippool_sendgrid_hourly(int64_t day)
{
    return day >= 0 && day < IPPOOL_SENDGRID_DAYS ? sendgrid_hourly[day] : -1;
}

int ippool_warmup_percentage(const scn_account *cfg, int64_t now)
{
    if (cfg->ip_pool != IP_POOL_STANDARD)
        return -1;
    int64_t day = now / SIM_MS_PER_DAY;
    if (cfg->warmup == WARMUP_OFF)
        return 100;
    int64_t days = cfg->warmup == WARMUP_SENDGRID ? IPPOOL_SENDGRID_DAYS
                                                  : cfg->warmup_days / SIM_MS_PER_DAY;
    int64_t pct = 100 * (day + 1) / days;
    return pct > 100 ? 100 : (int)pct;
}

/* The dedicated part of n more messages of the day under the SES percentage. */
static int64_t split_percentage(ippool *p, int64_t n, int pct)
{
    p->day_total += n;
    int64_t target = p->day_total / 100 * pct + p->day_total % 100 * pct / 100;
    int64_t d = target - p->day_dedicated;
    p->day_dedicated = target;
    return d;
}

/* SendGrid: what the hour's cap (per IP, times the IPs) still takes. */
static int64_t split_sendgrid(ippool *p, int64_t now, int64_t n)
{
    int64_t cap = ippool_sendgrid_hourly(now / SIM_MS_PER_DAY);
    if (cap < 0)
        return n;
    int64_t hour = now / SIM_MS_PER_H;
    if (hour != p->hour) {
        p->hour = hour;
        p->hour_dedicated = 0;
    }
    int64_t left = cap * p->cfg->dedicated_ips - p->hour_dedicated;
    int64_t d = n < left ? n : left > 0 ? left : 0;
    p->hour_dedicated += d;
    return d;
}

int64_t ippool_split(ippool *p, int64_t now, int64_t n)
{
    const scn_account *c = p->cfg;
    int64_t day = now / SIM_MS_PER_DAY, d = 0;
    if (day != p->day) {
        p->day = day;
        p->day_total = p->day_dedicated = 0;
    }
    if (c->ip_pool == IP_POOL_MANAGED || (c->ip_pool == IP_POOL_STANDARD && c->warmup == WARMUP_OFF))
        d = n;
    else if (c->ip_pool == IP_POOL_STANDARD && c->warmup == WARMUP_SENDGRID)
        d = split_sendgrid(p, now, n);
    else if (c->ip_pool == IP_POOL_STANDARD)
        d = split_percentage(p, n, ippool_warmup_percentage(c, now));
    p->dedicated += d;
    p->shared += n - d;
    return d;
}

void ippool_to_shared(ippool *p, int64_t n)
{
    p->dedicated -= n;
    p->shared += n;
}
