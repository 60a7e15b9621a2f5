/* report_run.c: the report of a run's folder: timeseries.csv (rep 1 plotted),
 * events.csv, summary.csv, bands.csv (a bands plot) and scenario.ini (its
 * thresholds drawn, its text shown). The plots are the table `run_plots`, each
 * with a caption that says what to look for and the run's own facts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/units.h"
#include "io/output.h"
#include "report_int.h"
#include "scenario/scenario.h"

typedef struct run_ctx {
    report_page pg;
    report_run run;
    int has_run;
    report_policy pol;
    report_facts facts;
    const scenario *scn;   /* the run's scenario.ini, or NULL */
    report_observed obs;   /* CloudWatch's rates, when a stream replays them */
} run_ctx;

/* ---- text for captions ---- */

static void esc(FILE *f, const char *s) { report_html_escape(f, s); }

/* "<li><b>NAME</b>" opening an account's item. */
static void account_item(FILE *f, const report_series *a)
{
    fputs("<li>", f);
    report_html_tag(f, "b", report_account_label(a->name));
}

/* The list of facts, one item per account (fn writes an item's facts, after
 * its name), then the note on replications. */
static void account_list(FILE *f, const report_run *r, int skip_total,
                         void (*fn)(FILE *f, const report_run *r, const report_series *a,
                                    const void *data),
                         const void *data)
{
    fputs("<ul>", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (!a->n || (skip_total && a->is_total))
            continue;
        account_item(f, a);
        fn(f, r, a, data);
        fputs(".</li>", f);
    }
    fputs("</ul>", f);
    if (r->max_rep > 1)
        fputs("<p>All plots show replication 1 of the run's replications; "
              "the summary above has every replication.</p>", f);
    size_t drawn = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        drawn += !r->acc[i].is_total;
    if (r->n_acc_file > drawn) /* REPORT_MAX_ACCOUNTS */
        fprintf(f, "<p>Of the run's %zu accounts, the plots show the %zu with the most demand "
                "and the organisation total <code>*</code>; summary.csv has them all.</p>",
                r->n_acc_file, drawn);
}

/* ---- the captions ---- */

static const char quota_top[] =
    "<p><b>Top:</b> the daily quota SES allows (max24h, solid steps), the messages sent "
    "in the last 24 hours (sent_24h, dashed) and the demand of the last 24 hours (dotted), "
    "one colour per account";
static const char quota_total[] = "; the thick dark line is the organisation total <code>*</code>";
static const char quota_look[] =
    ". Markers show events: automatic quota raises, reviews, pauses, production access. "
    "<b>Look for</b> the day the solid line rises above the dotted one: from then on SES "
    "can carry the whole demand. While sent_24h hugs the quota, the account is "
    "quota-bound and each raise is used at once.</p>";
static const char quota_bottom[] =
    "<p><b>Bottom:</b> what did not go through SES in the last 24 hours: overflow "
    "passed on by an overflow sender (to the legacy provider; for a stream split over "
    "several accounts, first to the next account of the split, so only the line of "
    "<code>*</code> is what left for the legacy provider), messages rejected or "
    "dropped, and the backlog waiting in a pacing client (a level, not a 24-hour "
    "sum).</p>";
static const char quota_no_bottom[] =
    "<p>No message overflowed, was rejected or dropped, and no backlog built up, so "
    "there is no bottom panel.</p>";
static const char quota_log[] =
    "<p>The top panel of the plot above on a logarithmic scale: a ramp by a constant "
    "factor (ramp_factor) is a straight staircase here, and a slower or stalled ramp "
    "shows as a bend or a flat stretch.</p>";

/* ", but the account is paused ... days": a paused account sends nothing, so
 * a quota that covers the demand does not mean the mail went out. */
static void paused_clause(FILE *f, const report_run *r, const report_series *a)
{
    size_t n = 0, first = a->n;
    for (size_t j = 0; j < a->n; j++)
        if (a->p[j].status == RS_PAUSED) {
            n++;
            first = first < j ? first : j;
        }
    if (!n)
        return;
    double days = (double)n * r->interval_s / 86400.0;
    double span = (a->p[a->n - 1].t - report_run_start(r)) / 86400.0;
    fprintf(f, ", <b>but the account is paused %.3g of the %.3g days</b> (from ", days, span);
    report_when(f, a->p[first].t - r->interval_s, report_run_start(r));
    fputs(a->p[a->n - 1].status == RS_PAUSED ? ", still paused at the end" : "", f);
    fputs("): a paused account sends nothing, whatever its quota", f);
}

/* When the quota covers the demand, then the totals of the run. */
static void quota_facts(FILE *f, const report_run *r, const report_series *a, const void *data)
{
    (void)data;
    long k = report_covered_from(a);
    double *dem = sim_xmalloc(a->n * sizeof *dem);
    report_rolling_24h(a, ROLL_DEMAND, dem);
    double demand = 0, sent = 0, overflow = 0, lost = 0, backlog = 0;
    for (size_t j = 0; j < a->n; j++) {
        demand += a->p[j].demand, sent += a->p[j].sent, overflow += a->p[j].overflow;
        lost += a->p[j].rejected + a->p[j].dropped;
        backlog = a->p[j].backlog > backlog ? a->p[j].backlog : backlog;
    }
    if (isnan(a->p[a->n - 1].max24h))
        fputs(": the quota is unlimited (max24h -1, the API's Max24HourSend)", f);
    else if (k == 0)
        fputs(": the quota covers the demand of the last 24 h from the start", f);
    else if (k > 0) {
        fputs(": the quota covers the demand of the last 24 h from ", f);
        report_when(f, a->p[k].t, report_run_start(r));
        fputs(" on", f);
    } else {
        fputs(": at the end the quota (", f);
        report_count(f, a->p[a->n - 1].max24h);
        fputs(") is still below the demand of the last 24 h (", f);
        report_count(f, dem[a->n - 1]);
        fputs(")", f);
    }
    if (!a->is_total)
        paused_clause(f, r, a);
    fputs("; demand ", f), report_count(f, demand);
    fputs(", sent ", f), report_count(f, sent);
    if (overflow > 0)
        fputs(", overflow passed on ", f), report_count(f, overflow);
    if (lost > 0)
        fputs(", rejected or dropped ", f), report_count(f, lost);
    if (backlog > 0)
        fputs(", largest backlog ", f), report_count(f, backlog);
    free(dem);
}

static char *caption_quota(const run_ctx *c)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs(quota_top, f);
    fputs(c->run.n_acc > 1 ? quota_total : "", f);
    fputs(quota_look, f);
    int bottom = c->facts.has_overflow || c->facts.has_lost || c->facts.has_backlog;
    fputs(bottom ? quota_bottom : quota_no_bottom, f);
    account_list(f, &c->run, 0, quota_facts, NULL);
    for (size_t i = 0; i < c->run.n_acc; i++) {
        size_t j = report_same_as(&c->run, i);
        if (!j)
            continue;
        fputs("<p>", f);
        report_html_tag(f, "b", c->run.acc[i].name);
        fputs(" has the quota and rate of ", f);
        report_html_tag(f, "b", c->run.acc[j - 1].name);
        fputs(" all along: its lines are drawn dashed over the other's, which would "
              "otherwise hide them.</p>", f);
    }
    return report_mem_close(&m);
}

static char *caption_quota_zoom(const run_ctx *c)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    double t0 = report_run_start(&c->run);
    fputs("<p>The top panel of the first plot from the start to ", f);
    report_when(f, c->facts.zoom_end, t0);
    fputs(", a little after the last automatic quota raise: on the whole run's axis the ramp "
          "fills only its left part. Same lines and markers. <b>Look for</b> the steps of the "
          "staircase (one per raise) and where sent_24h stops hugging the quota.</p>", f);
    return report_mem_close(&m);
}

static char *caption_quota_log(const run_ctx *c)
{
    (void)c;
    return sim_xstrdup(quota_log);
}

static const char rate_text[] =
    "<p>The maximum send rate SES allows (max_rate, messages per second, solid steps) and "
    "the mean rate actually sent over each interval (thin line). max_rate follows the "
    "quota through policy.rate_table. <b>Look for</b> the thin line reaching the solid "
    "one: then the rate, not the daily quota, limits a burst (a campaign) and a pacing "
    "client queues. The mean over an interval hides bursts within it.</p>";

static void rate_facts(FILE *f, const report_run *r, const report_series *a, const void *data)
{
    (void)r, (void)data;
    fprintf(f, ": max_rate %.4g/s at the start, %.4g/s at the end", a->p[0].max_rate,
            a->p[a->n - 1].max_rate);
}

static char *caption_rate(const run_ctx *c)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs(rate_text, f);
    account_list(f, &c->run, 0, rate_facts, NULL);
    return report_mem_close(&m);
}

static const char reputation_text[] =
    "<p>The bounce rate (hard bounces / eligible sends, top) and complaint rate "
    "(complaints / deliveries to feedback-loop domains, bottom) that SES measures "
    "over its representative window, in %%. Dashed lines are the scenario's "
    "thresholds: review at %.3g%% and pause at %.3g%% for bounces, review at %.3g%% "
    "and pause at %.3g%% for complaints; the dotted grey line is the limit above "
    "which the automatic ramp stops (ramp_bounce_max %.3g%%, ramp_complaint_max "
    "%.3g%%). <b>Look for</b> a line crossing a dashed one: the review or pause "
    "comes at that time (see the status plot and the events). SES acts on the "
    "rates only once its window holds a representative volume (rep_volume, %.0f "
    "eligible sends): a new account's early rates are drawn, but are noisy and "
    "are not enforced until then.</p>";

/* " (at or above the pause threshold)" and the like, or "". */
static const char *threshold_said(double v, double review, double pause)
{
    return v >= pause    ? " (at or above the pause threshold)"
           : v >= review ? " (at or above the review threshold)"
                         : "";
}

static void reputation_facts(FILE *f, const report_run *r, const report_series *a,
                             const void *data)
{
    const report_policy *p = data;
    size_t kb = 0, kc = 0;
    for (size_t j = 0; j < a->n; j++) {
        if (a->p[j].bounce_rate > a->p[kb].bounce_rate) kb = j;
        if (a->p[j].complaint_rate > a->p[kc].complaint_rate) kc = j;
    }
    double t0 = report_run_start(r);
    fprintf(f, ": peak bounce rate %.3g%% on ", 100 * a->p[kb].bounce_rate);
    report_when(f, a->p[kb].t, t0);
    fputs(threshold_said(a->p[kb].bounce_rate, p->bounce_review, p->bounce_pause), f);
    fprintf(f, "; peak complaint rate %.3g%% on ", 100 * a->p[kc].complaint_rate);
    report_when(f, a->p[kc].t, t0);
    fputs(threshold_said(a->p[kc].complaint_rate, p->complaint_review, p->complaint_pause), f);
}

static char *caption_reputation(const run_ctx *c)
{
    const report_policy *p = &c->pol;
    report_mem m;
    FILE *f = report_mem_open(&m);
    fprintf(f, reputation_text, 100 * p->bounce_review, 100 * p->bounce_pause,
            100 * p->complaint_review, 100 * p->complaint_pause, 100 * p->ramp_bounce_max,
            100 * p->ramp_complaint_max, p->rep_volume);
    account_list(f, &c->run, 1, reputation_facts, p);
    if (c->obs.n_bounce || c->obs.n_complaint)
        fprintf(f, "<p>Black points: what CloudWatch showed (Reputation.BounceRate, "
                   "Reputation.ComplaintRate in the file of the kind = cloudwatch stream), "
                   "to compare with the run's lines; peak observed bounce rate %.3g%%, "
                   "complaint rate %.3g%%. <b>Look for</b> the run's line far from the "
                   "points: the model's keys (invalid, complaint; sesim calibrate) do not "
                   "match the account.</p>",
                100 * c->obs.peak_bounce, 100 * c->obs.peak_complaint);
    return report_mem_close(&m);
}

static const char status_text[] =
    "<p>One lane per account: its status over time (sandbox grey, healthy green, "
    "under_review orange, paused red)";
static const char status_total[] =
    "; the lane of <code>*</code> shows the most severe status of any account at each time";
static const char status_look[] =
    ". <b>Look for</b> orange and red: a review lasts review_period and ends healthy or "
    "paused; a paused account sends nothing until an appeal is accepted.</p>";

/* The days spent in each status. */
static void status_facts(FILE *f, const report_run *r, const report_series *a, const void *data)
{
    (void)data;
    double days[RS_N] = {0};
    for (size_t j = 0; j < a->n; j++)
        days[a->p[j].status] += (j ? a->p[j].t - a->p[j - 1].t : r->interval_s) / 86400.0;
    fputs(":", f);
    const char *sep = " ";
    for (int s = 0; s < RS_N; s++)
        if (days[s] > 0) {
            fprintf(f, "%s%s %.3g d", sep, report_status_name(s), days[s]);
            sep = ", ";
        }
}

static char *caption_status(const run_ctx *c)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs(status_text, f);
    fputs(c->run.n_acc > 1 ? status_total : "", f);
    fputs(status_look, f);
    account_list(f, &c->run, 0, status_facts, NULL);
    return report_mem_close(&m);
}

static const char bands_text[] =
    "<p>From bands.csv, across all replications: the shaded band runs from the 5th to the "
    "95th percentile and the line is the median, of the daily quota (max24h, top) and of "
    "the messages sent in the last 24 hours (sent_24h, bottom). <b>Look for</b> the width "
    "of the band: a narrow band means the outcome hardly depends on chance; a wide one "
    "(for example some replications paused, others not) means a single run is not "
    "enough to answer the question.</p>";

static char *caption_bands(const run_ctx *c)
{
    (void)c;
    return sim_xstrdup(bands_text);
}

/* ---- the plots ---- */

static int always(const run_ctx *c) { (void)c; return 1; }
static int wants_log(const run_ctx *c) { return c->facts.log_quota; }
static int wants_bands(const run_ctx *c) { return c->run.n_bands > 0; }
static int wants_zoom(const run_ctx *c) { return c->facts.zoom_end > 0; }

/* A plot of a run: the script that draws it (with an -e setting or NULL), its
 * file's name and anchor, its title, its caption, and when it is drawn. */
static const struct run_plot {
    const char *script, *setting, *id, *title;
    char *(*caption)(const run_ctx *);
    int (*wanted)(const run_ctx *);
} run_plots[] = {
    {"report-quota.gp", NULL, "quota", "Quota, sent and demand per 24 hours", caption_quota,
     always},
    {"report-quota.gp", "zoom = 1", "quota-ramp", "The ramp, zoomed", caption_quota_zoom,
     wants_zoom},
    {"report-quota.gp", "log_y = 1", "quota-log", "Quota on a log scale", caption_quota_log,
     wants_log},
    {"report-rate.gp", NULL, "rate", "Maximum send rate", caption_rate, always},
    {"report-reputation.gp", NULL, "reputation", "Bounce and complaint rates",
     caption_reputation, always},
    {"report-status.gp", NULL, "status", "Status over time", caption_status, always},
    {"report-bands.gp", NULL, "bands", "Replications: 5-95% bands and median", caption_bands,
     wants_bands},
};

static int draw_plots(run_ctx *c, sim_err *err)
{
    const char *ext = c->pg.format == REPORT_SVG ? "svg" : "png";
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof run_plots / sizeof run_plots[0]; i++) {
        const struct run_plot *p = &run_plots[i];
        if (!p->wanted(c))
            continue;
        report_plot_spec spec = {.script = p->script, .setting = p->setting, .id = p->id,
                                 .title = p->title,
                                 .file = report_page_keep(&c->pg, report_strf("%s.%s", p->id, ext))};
        rc = report_page_plot(&c->pg, &spec, p->caption(c), err);
    }
    return rc;
}

static int plots(run_ctx *c, sim_err *err)
{
    int rc = report_read_run(c->pg.dir, &c->run, err);
    if (rc)
        return rc;
    c->has_run = 1;
    if ((rc = report_page_need_gnuplot(&c->pg, err)))
        return rc;
    rc = report_write_data(c->pg.stage, &c->run, &c->pol, c->pg.format, &c->facts, err);
    if (!rc)
        rc = report_observed_write(c->pg.stage, c->scn, &c->obs, err);
    if (!rc)
        rc = report_observed_meta(c->pg.stage, &c->obs, err);
    if (c->obs.note)
        report_page_note(&c->pg, sim_xstrdup(c->obs.note));
    if (!rc)
        rc = draw_plots(c, err);
    if (!rc)
        rc = report_tenants_plot(&c->pg, &c->run, err);
    if (!rc)
        rc = report_mailbox_plots(&c->pg, &c->run, err);
    if (!rc && c->run.max_rep > 1 && !c->run.n_bands)
        report_page_note(&c->pg, report_strf("This run has %ld replications and no bands.csv: "
                                             "the plots show replication 1 only; the summary "
                                             "shows them all.", c->run.max_rep));
    if (!rc && c->facts.thinned)
        report_page_note(&c->pg, sim_xstrdup("The time series are long: the plots show every "
                                             "n-th interval (at most 20,000 points per "
                                             "account); the 24-hour sums are computed from "
                                             "every interval."));
    return rc;
}

/* ---- the scenario ---- */

/* sesim's defaults, with the header of the scenario that could not be read. */
static scenario *default_scenario(scenario *s)
{
    sim_err e;
    char *header = s->header ? sim_xstrdup(s->header) : NULL;
    scn_destroy(s);
    s = scn_create();
    if (scn_load_string(s, "[account.a]\n", "(defaults)", ".", &e) || scn_resolve(s, &e)) {
        scn_destroy(s);
        free(header);
        return NULL;
    }
    free(s->header);
    s->header = header;
    return s;
}

/* The policy's thresholds from DIR/scenario.ini, or sesim's defaults (and a note). */
static scenario *load_policy(run_ctx *c, const char *path)
{
    sim_err e;
    scenario *s = scn_create();
    int rc = scn_load_file(s, path, &e);
    if (!rc)
        rc = scn_resolve(s, &e);
    if (rc) {
        report_mem m;
        FILE *f = report_mem_open(&m);
        if (access(path, F_OK) != 0)
            fputs("No scenario.ini in the folder: the thresholds drawn are sesim's defaults.", f);
        else {
            fputs("scenario.ini could not be read (", f);
            esc(f, e.msg);
            fputs("): the thresholds drawn are sesim's defaults.", f);
        }
        report_page_note(&c->pg, report_mem_close(&m));
        s = default_scenario(s);
    }
    if (s)
        report_policy_of(&c->pol, s);
    else
        c->pol = (report_policy){0.05, 0.10, 0.001, 0.005, 0.02, 0.001, 10000};
    return s;
}

int report_run_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    run_ctx c;
    memset(&c, 0, sizeof c);
    int rc = report_page_begin(&c.pg, opt, err);
    char *scn_path = out_join(c.pg.dir, "scenario.ini");
    scenario *s = NULL;
    char *scn_text = NULL;
    if (!rc) {
        s = load_policy(&c, scn_path);
        c.scn = s;
        scn_text = report_scenario_text(scn_path);
        rc = plots(&c, err);
    }
    report_view v = {.header = s ? s->header : NULL, .scenario_text = scn_text};
    if (!rc)
        report_run_view(&v, &c.run);
    rc = report_page_end(&c.pg, &v, rc, index_path, err);
    free(scn_path);
    free(scn_text);
    scn_destroy(s);
    if (c.has_run)
        report_run_free(&c.run);
    report_observed_free(&c.obs);
    report_page_free(&c.pg);
    return rc;
}
