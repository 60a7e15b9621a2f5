/* tenant_rows.c: the rows of tenants.csv (per tenant and output interval) and
 * tenants-summary.csv (per tenant and replication). Separate files, written
 * only when the scenario has tenants, so that the files of a scenario without
 * tenants keep their columns byte for byte (docs/formats.md). */
#include <stdio.h>

#include "core/config.h"
#include "io/csvtext.h"
#include "run_int.h"

void tenant_rows_header(FILE *f)
{
    fputs("time,day,rep,tenant,account,policy,status,impact,demand,sent,throttled,delivered,"
          "hard_bounces,complaints,bounce_rate,complaint_rate,representative\n", f);
}

void tenant_rows_summary_header(FILE *f)
{
    fputs("rep,tenant,account,policy,status,demand,sent,throttled,delivered,hard_bounces,"
          "complaints,peak_bounce_rate,peak_complaint_rate,pauses,first_pause_day,"
          "alarm_pauses,days_paused,days_alarm_paused\n", f);
}

static const char *policy_name(int p)
{
    return p == TENANT_POLICY_NONE ? "none" : p == TENANT_POLICY_STRICT ? "strict" : "standard";
}

/* The tenant's and its account's names: user text (csvtext.h). */
static void names(FILE *f, const tenant *t)
{
    csvtext_field(f, t->cfg->name);
    fputc(',', f);
    csvtext_field(f, t->acct->cfg->name);
}

void tenant_rows(world *w, int64_t now)
{
    if (!w->tenants || !w->tenants_out)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    for (size_t i = 0; i < w->scn->n_tenants; i++) {
        tenant *t = &w->tenants[i];
        const flow_counts *c = &t->interval;
        fputs(time, w->tenants_out);
        names(w->tenants_out, t);
        fprintf(w->tenants_out, ",%s,%s,%s,%lld,%lld,%lld,%lld,%lld,%lld,%.6g,%.6g,%d\n",
                policy_name(t->cfg->policy),
                tenant_status_name(t->status), tenant_impact_name(t->impact),
                (long long)c->demand, (long long)c->sent, (long long)c->throttled,
                (long long)c->delivered, (long long)c->hard_bounces, (long long)c->complaints,
                t->rep.bounce_rate, t->rep.complaint_rate, t->rep.representative);
        t->interval = (flow_counts){0};
    }
}

static double days_of(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

void tenant_rows_summary(world *w)
{
    if (!w->tenants || !w->tenant_summary)
        return;
    int64_t end = w->scn->sim.duration;
    for (size_t i = 0; i < w->scn->n_tenants; i++) {
        tenant *t = &w->tenants[i];
        const flow_counts *c = &t->total;
        FILE *f = w->tenant_summary;
        fprintf(f, "%lld,", (long long)w->rep);
        names(f, t);
        fprintf(f, ",%s,%s,%lld,%lld,%lld,%lld,%lld,%lld,%.6g,%.6g,%lld,", policy_name(t->cfg->policy),
                tenant_status_name(t->status), (long long)c->demand, (long long)c->sent,
                (long long)c->throttled, (long long)c->delivered, (long long)c->hard_bounces,
                (long long)c->complaints, t->peak_bounce_rate, t->peak_complaint_rate,
                (long long)t->pauses);
        if (t->first_pause >= 0)
            fprintf(f, "%.4f", days_of(t->first_pause));
        fprintf(f, ",%lld,%.4f,%.4f\n", (long long)t->alarm_pauses,
                days_of(tenant_time_in(t, TENANT_PAUSED, end)),
                days_of(tenant_time_in(t, TENANT_ALARM_PAUSED, end)));
    }
}
