/* plan_tables.c: plan.csv from the time series of a plan's run (see plan_tables.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/csvin.h"
#include "io/output.h"
#include "models/account.h"
#include "plan_tables.h"
#include "run/columns.h"

/* The columns of timeseries.csv read (run/columns.h); col[] holds, per
 * column id, its index in the file. */
static const ts_column_id cols_read[] = {TS_day, TS_rep, TS_account, TS_status, TS_max24h, TS_sent};
enum { N_READ = sizeof cols_read / sizeof cols_read[0] };

/* Per replication and day, filled from the rows. */
typedef struct day_grid {
    size_t days, reps;
    double *sent, *quota; /* [rep * days + day] */
    unsigned char *risky; /* reviewed or paused in a row ending that day */
} day_grid;

static int header(csvin *in, long *col, sim_err *err)
{
    csvin_row row;
    int rc = csvin_next(in, &row, err);
    if (rc != 1)
        return rc ? rc : sim_errorf(err, SIM_ERUNTIME, csvin_path(in), 0, "empty time series");
    for (int c = 0; c < N_READ; c++) {
        const char *name = columns_timeseries[cols_read[c]];
        if ((col[cols_read[c]] = csvin_find(row.field, row.n, name)) < 0)
            return sim_errorf(err, SIM_ERUNTIME, csvin_path(in), 1, "no column %s", name);
    }
    return 0;
}

static void add_row(day_grid *g, const csvin_row *row, const long *col)
{
    double d = strtod(row->field[col[TS_day]], NULL);
    long rep = strtol(row->field[col[TS_rep]], NULL, 10);
    long day = (long)ceil(d - 1e-9); /* a row ending at 1.000000 belongs to day 1 */
    if (rep < 1 || (size_t)rep > g->reps || day < 1 || (size_t)day > g->days)
        return;
    size_t i = (size_t)(rep - 1) * g->days + (size_t)(day - 1);
    g->sent[i] += strtod(row->field[col[TS_sent]], NULL);
    double q = strtod(row->field[col[TS_max24h]], NULL);
    g->quota[i] = q < 0 ? INFINITY : q; /* the row at the day's end comes last */
    const char *st = row->field[col[TS_status]];
    int shown = account_shown_code(st);
    g->risky[i] |= shown == SHOWN_UNDER_REVIEW || shown == SHOWN_PAUSED;
}

static void summarise(const day_grid *g, plan_day *out)
{
    double *v = sim_xmalloc(g->reps * sizeof *v), *q = sim_xmalloc(g->reps * sizeof *q);
    unsigned char *ever = sim_xcalloc(g->reps, 1);
    for (size_t d = 0; d < g->days; d++) {
        size_t risky = 0;
        for (size_t r = 0; r < g->reps; r++) {
            size_t i = r * g->days + d;
            v[r] = g->sent[i];
            q[r] = g->quota[i];
            ever[r] |= g->risky[i];
            risky += ever[r];
        }
        gsl_sort(v, 1, g->reps);
        gsl_sort(q, 1, g->reps);
        out[d] = (plan_day){
            .sent_mean = gsl_stats_mean(v, 1, g->reps),
            .sent_p05 = gsl_stats_quantile_from_sorted_data(v, 1, g->reps, 0.05),
            .sent_p95 = gsl_stats_quantile_from_sorted_data(v, 1, g->reps, 0.95),
            .quota_mean = gsl_stats_mean(q, 1, g->reps),
            .quota_p05 = gsl_stats_quantile_from_sorted_data(q, 1, g->reps, 0.05),
            .quota_p95 = gsl_stats_quantile_from_sorted_data(q, 1, g->reps, 0.95),
            .p_risk = (double)risky / (double)g->reps,
        };
    }
    free(v);
    free(q);
    free(ever);
}

int plan_days_read(const char *rundir, const char *account, size_t days, size_t reps,
                   plan_day *out, sim_err *err)
{
    char *path = out_join(rundir, "timeseries.csv");
    day_grid g = {.days = days, .reps = reps};
    g.sent = sim_xcalloc(days * reps, sizeof *g.sent);
    g.quota = sim_xcalloc(days * reps, sizeof *g.quota);
    g.risky = sim_xcalloc(days * reps, 1);
    csvin *in;
    long col[TS_COLUMNS_N];
    int rc = csvin_open(&in, path, err);
    if (!rc) {
        csvin_row row;
        rc = header(in, col, err);
        while (!rc && (rc = csvin_next(in, &row, err)) == 1) {
            if (row.n > (size_t)col[TS_sent] && !strcmp(row.field[col[TS_account]], account))
                add_row(&g, &row, col);
            rc = 0;
        }
        csvin_close(in);
    }
    if (!rc)
        summarise(&g, out);
    free(g.sent);
    free(g.quota);
    free(g.risky);
    free(path);
    return rc;
}

#define PLAN_COLUMN_NAME(name) #name,
const char *const plan_columns[PLC_COLUMNS_N] = {PLAN_COLUMNS(PLAN_COLUMN_NAME)};
#undef PLAN_COLUMN_NAME

static void quota_cell(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.0f", v);
    else
        fputs("unlimited", f);
}

static void plan_cell(FILE *f, plan_column_id col, const plan_day *p, double cap, const double *asked,
                      size_t d)
{
    switch (col) {
    case PLC_day: fprintf(f, "%zu", d + 1); break;
    case PLC_cap: quota_cell(f, cap); break;
    case PLC_ses_sent_mean: fprintf(f, "%.0f", p->sent_mean); break;
    case PLC_ses_sent_p05: fprintf(f, "%.0f", p->sent_p05); break;
    case PLC_ses_sent_p95: fprintf(f, "%.0f", p->sent_p95); break;
    case PLC_quota_mean: quota_cell(f, p->quota_mean); break;
    case PLC_quota_p05: quota_cell(f, p->quota_p05); break;
    case PLC_quota_p95: quota_cell(f, p->quota_p95); break;
    case PLC_p_reviewed_or_paused: fprintf(f, "%.4g", p->p_risk); break;
    case PLC_quota_request:
        if (isfinite(asked[d]))
            fprintf(f, "%.0f", asked[d]);
        break;
    case PLC_COLUMNS_N: break;
    }
}

void plan_days_write(FILE *f, const plan_day *days, const double *caps, const double *asked, size_t n)
{
    int ncol = asked ? PLC_COLUMNS_N : PLC_REQUIRED_N; /* sesim plan --requests */
    for (int col = 0; col < ncol; col++)
        fprintf(f, "%s%c", plan_columns[col], col + 1 < ncol ? ',' : '\n');
    for (size_t d = 0; d < n; d++)
        for (int col = 0; col < ncol; col++) {
            plan_cell(f, (plan_column_id)col, &days[d], caps[d], asked, d);
            fputc(col + 1 < ncol ? ',' : '\n', f);
        }
}
