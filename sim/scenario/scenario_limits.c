/* scenario_limits.c: what a run may ask for, checked when a scenario is read
 * (docs/model.md, "Limits of a run"). The demand of a replication is bounded
 * so that no count can overflow (check_demand in scenario.c, part of
 * scn_resolve); the work and output of a run are estimated, and a run far beyond the limits of
 * config.h is refused unless --force (scn_check_size). The traffic kinds and
 * senders say what they add (traffic_type.most and .work, sender_type.work). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/ippool.h"
#include "models/sender.h"
#include "models/traffic.h"
#include "scenario_int.h"

/* ---- work and output ---- */

static int64_t gcd64(int64_t a, int64_t b) { return b ? gcd64(b, a % b) : a; }

/* The steps of one tick of stream t: its demand and every part's submissions. */
static double tick_steps(const scn_traffic *t, const scn_sim *sim, double *kind_steps,
                         double *sender_steps)
{
    *kind_steps = t->kind->work ? t->kind->work(t, sim) : 1;
    *sender_steps = (double)t->account.n * (t->sender->work ? t->sender->work(t) : 1);
    return *kind_steps + *sender_steps;
}

/* The mailbox providers (sim.mailboxes = on): every part's submission is
 * split over the providers and both pools, every hour each (account, pool,
 * provider) ends its day or retries; mailboxes.csv has a row per interval,
 * account, provider and pool, and ips.csv a row per day and account on
 * dedicated IPs, configsets-ips.csv per day and set on its own (both
 * written with the series). */
static void estimate_mailboxes(const scenario *s, int series, double parts, scn_estimate *e)
{
    const scn_sim *sim = &s->sim;
    double reps = (double)sim->reps, intervals = (double)(sim->duration / sim->interval);
    double days = ceil((double)sim->duration / SIM_MS_PER_DAY), prov = (double)s->n_mailboxes;
    double names = 0, senders = 0, rows_mb = 0, bytes_mb = 0, rows_ip = 0, bytes_ip = 0;
    for (size_t p = 0; p < s->n_mailboxes; p++)
        names += (double)strlen(s->mailboxes[p].name);
    for (size_t i = 0; i < s->n_accounts; i++) {
        double name = (double)strlen(s->accounts[i].name), pools = 1;
        if (ippool_dedicated(&s->accounts[i])) {
            pools = 2;
            rows_ip += days;
            bytes_ip += days * (SCN_IPS_ROW_BYTES + name);
        }
        senders += pools * prov;
        rows_mb += intervals * pools * prov;
        bytes_mb += intervals * pools * (prov * (SCN_MAILBOX_ROW_BYTES + name) + names);
    }
    if (sim->mailboxes == SCN_ON) {
        double ticks = (double)(sim->duration / scn_fine_tick(sim));
        double hours = (double)(sim->duration / SIM_MS_PER_H);
        e->work += reps * (ticks * parts * 2 * prov + hours * senders);
    }
    if (!series)
        return;
    if (sim->mailboxes == SCN_ON)
        e->rows += reps * rows_mb, e->bytes += reps * bytes_mb;
    e->rows += reps * rows_ip, e->bytes += reps * bytes_ip;
    for (size_t i = 0; i < s->n_configsets; i++) { /* configsets-ips.csv */
        const scn_tenant *c = &s->configsets[i];
        if (c->ip_pool == CONFIGSET_POOL_STANDARD || c->ip_pool == CONFIGSET_POOL_MANAGED)
            e->rows += reps * days, e->bytes += reps * days * (SCN_IPS_ROW_BYTES +
                (double)strlen(c->name) + (double)strlen(c->account) + 1);
    }
    e->mailboxes_csv = sim->mailboxes == SCN_ON;
    e->ips_csv = rows_ip > 0;
}

void scn_estimate_run(const scenario *s, int series, scn_estimate *e)
{
    const scn_sim *sim = &s->sim;
    double ticks = (double)(sim->duration / scn_fine_tick(sim)); /* auto: as if never batched */
    double intervals = (double)(sim->duration / sim->interval);
    double steps = (double)(sim->duration / gcd64(sim->interval, SIM_MS_PER_H));
    double per_tick = 0, parts = 0, names = 0, k, snd;
    for (size_t i = 0; i < s->n_traffic; i++) {
        per_tick += tick_steps(&s->traffic[i], sim, &k, &snd);
        parts += (double)s->traffic[i].account.n;
    }
    for (size_t i = 0; i < s->n_accounts; i++)
        names += (double)strlen(s->accounts[i].name) + 1;
    double accounts = (double)s->n_accounts, row_sets = accounts + (s->n_accounts > 1);
    /* a boundary flushes every part's outcomes and looks at every account */
    e->work = (double)sim->reps * (ticks * per_tick + steps * (accounts + parts));
    e->rows = series ? (double)sim->reps * intervals * row_sets : 0;
    e->bytes = series ? (double)sim->reps * intervals * (row_sets * SCN_ROW_BYTES + names + 2) : 0;
    if (series && sim->reps > 1) /* bands.csv: six metrics per account and time */
        e->bytes += intervals * row_sets * 6 * SCN_BAND_ROW_BYTES;
    e->mailboxes_csv = e->ips_csv = 0;
    estimate_mailboxes(s, series, parts, e);
}

/* The stream whose ticks cost the most, and whether its kind or its sender does. */
static const scn_traffic *costliest(const scenario *s, int *by_sender)
{
    const scn_traffic *worst = NULL;
    double most = 0, k, snd;
    for (size_t i = 0; i < s->n_traffic; i++) {
        double steps = tick_steps(&s->traffic[i], &s->sim, &k, &snd);
        if (steps > most && (k > 2 || snd > 2 * (double)s->traffic[i].account.n)) {
            most = steps;
            worst = &s->traffic[i];
            *by_sender = snd > k;
        }
    }
    return worst;
}

/* Bytes for a message: "89 GB", "337 MB". */
static void fmt_bytes(double v, char buf[32])
{
    static const char *const unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (v >= 1000 && u < 5)
        v /= 1000, u++;
    snprintf(buf, 32, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

int scn_check_size(const scenario *s, int series, sim_err *err)
{
    scn_estimate e;
    scn_estimate_run(s, series, &e);
    char a[32], b[32];
    const char *also = e.mailboxes_csv && e.ips_csv ? ", mailboxes.csv and ips.csv"
                       : e.mailboxes_csv            ? " and mailboxes.csv"
                       : e.ips_csv                  ? " and ips.csv"
                                                    : "";
    if (e.bytes > SCN_MAX_OUTPUT_BYTES) {
        /* many replications of a fine run, or a run too fine */
        int by_reps = e.bytes / (double)s->sim.reps <= SCN_MAX_OUTPUT_BYTES;
        fmt_bytes(e.bytes, a);
        fmt_bytes(SCN_MAX_OUTPUT_BYTES, b);
        return scn_key_error(s, SEC_SIM, NULL, by_reps ? "reps" : "interval", err,
                             "the run would write about %s of timeseries.csv%s (%.3g rows), over "
                             "the limit of %s: use %s, or --force to run it anyway", a,
                             also, e.rows, b,
                             by_reps ? "fewer sim.reps" : "a longer sim.interval");
    }
    if (e.work <= SCN_MAX_WORK)
        return 0;
    int by_sender = 0;
    const scn_traffic *t = costliest(s, &by_sender);
    const char *what = "the run is estimated at %s steps of work (ticks x streams, over every "
                       "replication), over the limit of %.0e (hours of computing): use %s, or "
                       "--force to run it anyway";
    if (!t)
        return scn_key_error(s, SEC_SIM, NULL, "tick", err, what, scn_fmt_big(e.work, a), SCN_MAX_WORK,
                             "a longer sim.tick, a shorter sim.duration or fewer sim.reps");
    return scn_key_error(s, SEC_TRAFFIC, t->name, by_sender ? "retry_attempts" : "every", err,
                         what, scn_fmt_big(e.work, a), SCN_MAX_WORK,
                         by_sender ? "fewer retry_attempts or a longer sim.tick"
                                   : "a longer every, a shorter spread or a longer sim.tick");
}
