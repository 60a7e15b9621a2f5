/* rows.c: the CSV rows of timeseries.csv, events.csv and summary.csv, with the
 * columns DESIGN.md fixes. */
#include <math.h>
#include <string.h>

#include "config.h"
#include "run_int.h"
#include "units.h"

void rows_timeseries_header(FILE *f)
{
    fputs("time,day,rep,account,status,max24h,max_rate,sent_24h,demand,sent,throttled,rejected,"
          "overflow,dropped,backlog,delivered,hard_bounces,soft_bounces,complaints,"
          "bounce_rate,complaint_rate,content_score\n", f);
}

void rows_events_header(FILE *f) { fputs("time,day,rep,account,event,detail\n", f); }

void rows_summary_header(FILE *f, const scn_sim *sim)
{
    fputs("rep,account,final_status,final_max24h,final_max_rate,production_day", f);
    for (size_t i = 0; i < sim->targets.n; i++) {
        char t[UNITS_BUF];
        units_fmt_count(sim->targets.v[i], t);
        fprintf(f, ",days_to_%s", t);
    }
    fputs(",total_demand,total_sent,total_rejected,total_overflow,total_dropped,total_throttled,"
          "peak_bounce_rate,peak_complaint_rate,days_under_review,days_paused,"
          "delay_p50_s,delay_p99_s\n", f);
}

static double days(int64_t ms) { return (double)ms / SIM_MS_PER_DAY; }

/* time,day,rep, the first columns of timeseries.csv and events.csv */
static void time_columns(FILE *f, const world *w, int64_t now)
{
    char when[UNITS_BUF];
    units_fmt_datetime(w->scn->sim.start + now, when);
    fprintf(f, "%s,%.6f,%lld,", when, days(now), (long long)w->rep);
}

void rows_timeseries(world *w, int64_t now)
{
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        const flow_counts *c = &a->interval;
        time_columns(w->timeseries, w, now);
        fprintf(w->timeseries,
                "%s,%s,%.15g,%.15g,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,"
                "%lld,%lld,%lld,%lld,%.6g,%.6g,%.4f\n",
                a->cfg->name, account_status_name(a),
                a->max24h, a->max_rate, (long long)win_sum(&a->window, now),
                (long long)c->demand, (long long)c->sent, (long long)c->throttled,
                (long long)c->rejected, (long long)c->overflow, (long long)c->dropped,
                (long long)a->backlog, (long long)c->delivered, (long long)c->hard_bounces,
                (long long)c->soft_bounces, (long long)c->complaints, a->rep.bounce_rate,
                a->rep.complaint_rate, a->rep.content_score);
        memset(&a->interval, 0, sizeof a->interval);
    }
}

void rows_event(world *w, const account *a, const char *event, const char *detail)
{
    time_columns(w->events, w, w->engine.now);
    fprintf(w->events, "%s,%s,%s\n", a->cfg->name, event, detail);
}

static void optional_days(FILE *f, int64_t ms)
{
    if (ms >= 0)
        fprintf(f, ",%.4f", days(ms));
    else
        fputs(",", f);
}

static void optional_seconds(FILE *f, double s)
{
    if (isnan(s))
        fputs(",", f);
    else
        fprintf(f, ",%.3f", s);
}

void rows_summary(world *w)
{
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        const flow_counts *t = &a->total;
        fprintf(w->summary, "%lld,%s,%s,%.15g,%.15g", (long long)w->rep, a->cfg->name,
                account_status_name(a), a->max24h, a->max_rate);
        optional_days(w->summary, a->production_at);
        for (size_t k = 0; k < a->n_targets; k++)
            optional_days(w->summary, a->reached_at[k]);
        fprintf(w->summary, ",%lld,%lld,%lld,%lld,%lld,%lld,%.6g,%.6g,%.4f,%.4f",
                (long long)t->demand, (long long)t->sent, (long long)t->rejected,
                (long long)t->overflow, (long long)t->dropped, (long long)t->throttled,
                a->peak_bounce_rate, a->peak_complaint_rate,
                days(account_time_in(a, STATUS_UNDER_REVIEW, w->engine.now)),
                days(account_time_in(a, STATUS_PAUSED, w->engine.now)));
        optional_seconds(w->summary, delay_quantile_s(&a->delays, 0.50));
        optional_seconds(w->summary, delay_quantile_s(&a->delays, 0.99));
        fputc('\n', w->summary);
    }
}
