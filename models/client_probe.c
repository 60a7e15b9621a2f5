/* client_probe.c: the safe client setting of a stream: the throttled share of
 * a client that always has mail, alone on an account's bucket, and the
 * highest rate that keeps it under the target (docs/model.md "The safe client
 * rate"). */
#include <math.h>

#include "bucket.h"
#include "client.h"
#include "core/config.h"

static acct_reply probe_answer(void *ctx, int64_t now, int64_t at, int64_t n)
{
    (void)now;
    rate_bucket *b = ctx;
    if (!bucket_open(b, at))
        return (acct_reply){.refused = n};
    bucket_spend(b, n);
    return (acct_reply){.accepted = n, .listed = n};
}

double client_probe_share(const scn_traffic *cfg, client_handling h, double rate, double account_rate, double burst_s,
                          int64_t calls, const gsl_rng *seed_rng)
{
    gsl_rng *r = gsl_rng_clone(seed_rng);
    rate_bucket b;
    bucket_init(&b, account_rate, 0);
    bucket_set_burst(&b, burst_s);
    client_run c;
    client_run_init(&c, cfg, h, rate, r);
    const int64_t span = SIM_MS_PER_MIN;
    for (int64_t now = 0; c.calls < calls; now += span) {
        c.queued = INT64_MAX / 4; /* always mail to send */
        client_run_tick(&c, now, span, probe_answer, &b);
    }
    double share = (double)c.throttled_calls / (double)c.calls;
    client_run_destroy(&c);
    gsl_rng_free(r);
    return share;
}

double client_safe_rate(const scn_traffic *cfg, client_handling h, double account_rate, double burst_s,
                        const gsl_rng *seed_rng)
{
    double per = (double)cfg->recipients * (double)(client_active(cfg) && cfg->client == &client_workers
                                                        ? cfg->client_workers : 1);
    double lo = 0, hi = 2 * account_rate / per;
    /* enough calls to see the target: 100 throttled calls at the target share */
    double want = fmin(1e7, fmax(1e4, 100 / cfg->client_target));
    if (client_probe_share(cfg, h, hi, account_rate, burst_s, (int64_t)want, seed_rng) <= cfg->client_target)
        return hi;
    for (int i = 0; i < 20; i++) {
        double mid = (lo + hi) / 2;
        if (client_probe_share(cfg, h, mid, account_rate, burst_s, (int64_t)want, seed_rng) <= cfg->client_target)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
