/* tenant_rows.c: the rows of tenants.csv (per tenant and output interval),
 * tenants-summary.csv (per tenant and replication) and configsets-summary.csv
 * (per configuration set and replication, with configuration sets). Separate files, written
 * only when the scenario has tenants, so that the files of a scenario without
 * tenants keep their columns byte for byte (docs/formats.md). */
#include <stdio.h>

#include "core/config.h"
#include "io/csvtext.h"
#include "columns.h"
#include "run_int.h"

void tenant_rows_header(FILE *f) { columns_header(f, columns_tenants, TN_COLUMNS_N); }
#define COLUMN_AS(name, as) TNS_##as,
static const tenant_summary_column_id configset_as_tenant[CSS_COLUMNS_N] = {
    CONFIGSET_SUMMARY_COLUMNS(COLUMN_AS)};
#undef COLUMN_AS

void tenant_rows_summary_header(FILE *f) { columns_header(f, columns_tenant_summary, TNS_COLUMNS_N); }

void configset_rows_summary_header(FILE *f)
{
    columns_header(f, columns_configset_summary, CSS_COLUMNS_N);
}

static const char *policy_name(int p)
{
    return p == TENANT_POLICY_NONE ? "none" : p == TENANT_POLICY_STRICT ? "strict" : "standard";
}

/* Column `col` of a tenants.csv row, without its comma (the time columns are
 * made once for all rows of a time). */
static void tenant_cell(FILE *f, tenant_column_id col, const tenant *t)
{
    const flow_counts *c = &t->interval;
    switch (col) {
    case TN_time: case TN_day: case TN_rep: break; /* rows_time_columns */
    case TN_tenant: csvtext_field(f, t->cfg->name); break;
    case TN_account: csvtext_field(f, t->acct->cfg->name); break;
    case TN_policy: fputs(policy_name(t->cfg->policy), f); break;
    case TN_status: fputs(tenant_status_name(t->status), f); break;
    case TN_impact: fputs(tenant_impact_name(t->impact), f); break;
    case TN_demand: rows_put_count(f, c->demand); break;
    case TN_sent: rows_put_count(f, c->sent); break;
    case TN_throttled: rows_put_count(f, c->throttled); break;
    case TN_delivered: rows_put_count(f, c->delivered); break;
    case TN_hard_bounces: rows_put_count(f, c->hard_bounces); break;
    case TN_complaints: rows_put_count(f, c->complaints); break;
    case TN_bounce_rate: fprintf(f, "%.6g", t->rep.bounce_rate); break;
    case TN_complaint_rate: fprintf(f, "%.6g", t->rep.complaint_rate); break;
    case TN_representative: fprintf(f, "%d", t->rep.representative); break;
    case TN_COLUMNS_N: break;
    }
}

void tenant_rows(world *w, int64_t now)
{
    if (!w->tenants || !w->tenants_out)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    for (size_t i = 0; i < w->scn->n_tenants; i++) {
        tenant *t = &w->tenants[i];
        fputs(time, w->tenants_out);
        for (int col = TN_tenant; col < TN_COLUMNS_N; col++) {
            tenant_cell(w->tenants_out, (tenant_column_id)col, t);
            fputc(col + 1 < TN_COLUMNS_N ? ',' : '\n', w->tenants_out);
        }
        t->interval = (flow_counts){0};
    }
}

static double days_of(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

/* Column `col` of a tenants-summary.csv row, without its comma. */
static void summary_cell(FILE *f, tenant_summary_column_id col, const world *w, const tenant *t)
{
    const flow_counts *c = &t->total;
    int64_t end = w->scn->sim.duration;
    switch (col) {
    case TNS_rep: rows_put_count(f, w->rep); break;
    case TNS_tenant: csvtext_field(f, t->cfg->name); break;
    case TNS_account: csvtext_field(f, t->acct->cfg->name); break;
    case TNS_policy: fputs(policy_name(t->cfg->policy), f); break;
    case TNS_status: fputs(tenant_status_name(t->status), f); break;
    case TNS_demand: rows_put_count(f, c->demand); break;
    case TNS_sent: rows_put_count(f, c->sent); break;
    case TNS_throttled: rows_put_count(f, c->throttled); break;
    case TNS_delivered: rows_put_count(f, c->delivered); break;
    case TNS_hard_bounces: rows_put_count(f, c->hard_bounces); break;
    case TNS_complaints: rows_put_count(f, c->complaints); break;
    case TNS_peak_bounce_rate: fprintf(f, "%.6g", t->peak_bounce_rate); break;
    case TNS_peak_complaint_rate: fprintf(f, "%.6g", t->peak_complaint_rate); break;
    case TNS_pauses: rows_put_count(f, t->pauses); break;
    case TNS_first_pause_day:
        if (t->first_pause >= 0)
            fprintf(f, "%.4f", days_of(t->first_pause));
        break;
    case TNS_alarm_pauses: rows_put_count(f, t->alarm_pauses); break;
    case TNS_days_paused: fprintf(f, "%.4f", days_of(tenant_time_in(t, TENANT_PAUSED, end))); break;
    case TNS_days_alarm_paused:
        fprintf(f, "%.4f", days_of(tenant_time_in(t, TENANT_ALARM_PAUSED, end)));
        break;
    case TNS_COLUMNS_N: break;
    }
}

void tenant_rows_summary(world *w)
{
    if (w->tenants && w->tenant_summary)
        for (size_t i = 0; i < w->scn->n_tenants; i++)
            for (int col = 0; col < TNS_COLUMNS_N; col++) {
                summary_cell(w->tenant_summary, (tenant_summary_column_id)col, w, &w->tenants[i]);
                fputc(col + 1 < TNS_COLUMNS_N ? ',' : '\n', w->tenant_summary);
            }
    if (w->configsets && w->configset_summary)
        for (size_t i = 0; i < w->scn->n_configsets; i++)
            for (int col = 0; col < CSS_COLUMNS_N; col++) {
                summary_cell(w->configset_summary, configset_as_tenant[col], w, &w->configsets[i]);
                fputc(col + 1 < CSS_COLUMNS_N ? ',' : '\n', w->configset_summary);
            }
}
