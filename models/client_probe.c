/* client_probe.c: the safe client setting of a stream: the throttled share of
 * its client replaying the run's demand beside the account's other clients,
 * and the highest setting that keeps it under the target (docs/model.md "The
 * safe client rate"). */
#include <math.h>
#include <stdlib.h>

#include "bucket.h"
#include "client.h"
#include "core/config.h"
#include "core/error.h"

static acct_reply probe_answer(void *ctx, int64_t now, int64_t at, int64_t n)
{
    (void)now;
    rate_bucket *b = ctx;
    if (!bucket_open(b, at))
        return (acct_reply){.refused = n};
    bucket_spend(b, n);
    return (acct_reply){.accepted = n, .listed = n};
}

/* Replay the histories through the fresh clients p[0..n-1], from the first
 * tick (again from the first after the last), until p[k] has made `calls`
 * attempts or CLIENT_PROBE_MAX_TICKS ticks have passed. */
static void replay(client_run *const *cs, client_run *p, client_run **group, size_t n, size_t k,
                   int64_t calls)
{
    int64_t span = cs[k]->span > 0 ? cs[k]->span : SIM_MS_PER_MIN;
    if (cs[k]->n_hist == 0) /* nothing to replay */
        return;
    for (size_t tick = 0; p[k].calls < calls && tick < CLIENT_PROBE_MAX_TICKS; tick++) {
        for (size_t i = 0; i < n; i++)
            if (cs[i]->n_hist)
                p[i].queued += cs[i]->hist[tick % cs[i]->n_hist];
        client_run_group(group, n, (int64_t)tick * span, span);
    }
}

double client_probe_share(client_run *const *cs, size_t n, size_t k, double rate, double account_rate,
                          double burst_s, int64_t calls, const gsl_rng *seed_rng)
{
    gsl_rng *r = gsl_rng_clone(seed_rng);
    rate_bucket b;
    bucket_init(&b, account_rate, 0);
    bucket_set_burst(&b, burst_s);
    client_run *p = sim_xcalloc(n, sizeof *p);
    client_run **group = sim_xcalloc(n, sizeof *group);
    for (size_t i = 0; i < n; i++) {
        client_run_init(&p[i], cs[i]->cfg, cs[i]->handling, i == k ? rate : cs[i]->cfg->client_rate, r);
        p[i].answer = probe_answer;
        p[i].ctx = &b;
        group[i] = &p[i];
    }
    replay(cs, p, group, n, k, calls);
    double share = p[k].calls ? (double)p[k].throttled_calls / (double)p[k].calls : 0;
    for (size_t i = 0; i < n; i++)
        client_run_destroy(&p[i]);
    free(p);
    free(group);
    gsl_rng_free(r);
    return share;
}

double client_safe_rate(client_run *const *cs, size_t n, size_t k, double account_rate, double burst_s,
                        const gsl_rng *seed_rng)
{
    const scn_traffic *cfg = cs[k]->cfg;
    double (*setting)(double) = cfg->client->setting;
    double per = (double)cfg->recipients * (double)(cfg->client == &client_workers ? cfg->client_workers : 1);
    /* enough calls to see the target: 100 throttled calls at the target share */
    double want = fmin(CLIENT_PROBE_MAX_CALLS, fmax(CLIENT_PROBE_MIN_CALLS, 100 / cfg->client_target));
    /* ... or the calls of one pass over the history, if fewer (no more mail
     * than the run had: a replay again adds latency draws, not demand) */
    double pass = 0;
    for (size_t i = 0; i < cs[k]->n_hist; i++)
        pass += (double)cs[k]->hist[i];
    want = fmin(want, fmax(CLIENT_PROBE_MIN_CALLS, ceil(pass / (double)cfg->recipients)));
    /* lo: passed (or 0, untried); hi: failed */
    double lo = 0, hi = setting(2 * account_rate / per);
    if (client_probe_share(cs, n, k, hi, account_rate, burst_s, (int64_t)want, seed_rng) <= cfg->client_target)
        return hi;
    for (;;) {
        double mid = setting((lo + hi) / 2);
        if (mid <= lo || mid >= hi)
            return lo;
        if (client_probe_share(cs, n, k, mid, account_rate, burst_s, (int64_t)want, seed_rng) <= cfg->client_target)
            lo = mid;
        else
            hi = mid;
    }
}
