/* report.c: `sesim report DIR`: the sections of a report, each drawn when its
 * input file is in DIR, built in a staging folder that replaces DIR/report whole.
 *
 * A section is a function and the file it needs (table `sections` below): the
 * run's plots need timeseries.csv (bands.csv adds a bands plot); the sweep's
 * plots need sweep.csv (sweep.ini gives the order of the values). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "io/output.h"
#include "report.h"
#include "scenario/scenario.h"
#include "core/units.h"

#define MAX_SCENARIO_TEXT (4u << 20)
#define MAX_PLOTS (8 + 2 * REPORT_MAX_SWEEP_KEYS + 1)
#define MAX_NOTES 8

int report_parse_format(const char *s, int *format, sim_err *err)
{
    if (!strcmp(s, "png"))
        *format = REPORT_PNG;
    else if (!strcmp(s, "svg"))
        *format = REPORT_SVG;
    else
        return sim_errorf(err, SIM_EINPUT, "--format", 0, "'%s': expected png or svg", s);
    return 0;
}

typedef struct report_ctx {
    const report_options *opt;
    char *dir;      /* opt->dir without trailing slashes */
    char *stage;    /* DIR/.report.tmpPID: gnuplot's working folder */
    char *gnuplot;  /* found on first use */
    char *scripts;
    report_run run;
    int has_run;
    report_policy pol;
    int has_pol; /* pol is a sweep point's (a run's is always set) */
    report_facts facts;
    report_sweep sweep;
    int has_sweep;
    report_plot plots[MAX_PLOTS];
    size_t n_plots;
    char *owned[3 * MAX_PLOTS]; /* the sweep plots' file names, ids and titles */
    size_t n_owned;
    char *notes[MAX_NOTES];
    size_t n_notes;
} report_ctx;

static int exists_in(const char *dir, const char *name)
{
    char *p = out_join(dir, name);
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

/* A whole small text file, or NULL. */
/* Remove a folder the report made, and what is in it (symbolic links are
 * removed, never followed). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = out_join(path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(path);
}

static void add_note(report_ctx *c, char *html)
{
    if (c->n_notes < MAX_NOTES)
        c->notes[c->n_notes++] = html;
    else
        free(html);
}

/* ---- text for captions ---- */

typedef struct buf {
    char *s;
    size_t n;
    FILE *f;
} buf;

static FILE *buf_open(buf *b)
{
    b->s = NULL;
    b->n = 0;
    b->f = open_memstream(&b->s, &b->n);
    if (!b->f)
        sim_oom(0);
    return b->f;
}

static char *buf_close(buf *b)
{
    fclose(b->f);
    return b->s;
}

static void esc(FILE *f, const char *s) { report_html_escape(f, s); }

/* "2026-01-14 (day 9)" for a time in seconds since 1970. */
static void when(FILE *f, double t, double t0)
{
    char d[UNITS_BUF];
    units_fmt_datetime((int64_t)llround(t * 1000.0), d);
    d[strcspn(d, "T")] = 0;
    fprintf(f, "%s (day %.3g)", d, (t - t0) / 86400.0);
}

static void count(FILE *f, double v)
{
    char s[64];
    report_fmt_count(round(v), s, sizeof s);
    fputs(s, f);
}

static void account_name(FILE *f, const report_series *a)
{
    fputs("<b>", f);
    esc(f, a->is_total ? "* (all accounts)" : a->name);
    fputs("</b>", f);
}

double report_run_start(const report_run *r)
{
    double t0 = INFINITY;
    for (size_t i = 0; i < r->n_acc; i++)
        if (r->acc[i].n && r->acc[i].p[0].t - r->interval_s < t0)
            t0 = r->acc[i].p[0].t - r->interval_s;
    return t0;
}

/* What every plot leaves out: other replications, accounts beyond
 * REPORT_MAX_ACCOUNTS. */
static const char *rep_clause(const report_run *r)
{
    static char text[512];
    size_t drawn = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        drawn += !r->acc[i].is_total;
    snprintf(text, sizeof text, "%s", r->max_rep > 1 ? "<p>All plots show replication 1 of the "
                                                       "run's replications; the summary above has "
                                                       "every replication.</p>" : "");
    if (r->n_acc_file > drawn)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "<p>Of the run's %zu accounts, the plots show the %zu with the most demand and "
                 "the organisation total <code>*</code>; summary.csv has them all.</p>",
                 r->n_acc_file, drawn);
    return text;
}

static char *caption_quota(const report_ctx *c, int log_scale)
{
    const report_run *r = &c->run;
    buf b;
    FILE *f = buf_open(&b);
    if (log_scale) {
        fputs("<p>The top panel of the plot above on a logarithmic scale: a ramp by a constant "
              "factor (ramp_factor) is a straight staircase here, and a slower or stalled ramp "
              "shows as a bend or a flat stretch.</p>", f);
        return buf_close(&b);
    }
    fputs("<p><b>Top:</b> the daily quota SES allows (max24h, solid steps), the messages sent "
          "in the last 24 hours (sent_24h, dashed) and the demand of the last 24 hours (dotted), "
          "one colour per account", f);
    fputs(c->run.n_acc > 1 ? "; the thick dark line is the organisation total <code>*</code>" : "", f);
    fputs(". Markers show events: automatic quota raises, reviews, pauses, production access. "
          "<b>Look for</b> the day the solid line rises above the dotted one: from then on SES "
          "can carry the whole demand. While sent_24h hugs the quota, the account is "
          "quota-bound and each raise is used at once.</p>", f);
    if (c->facts.has_overflow || c->facts.has_lost || c->facts.has_backlog)
        fputs("<p><b>Bottom:</b> what did not go through SES in the last 24 hours: overflow "
              "passed on by an overflow sender (to the legacy provider; for a stream split over "
              "several accounts, first to the next account of the split, so only the line of "
              "<code>*</code> is what left for the legacy provider), messages rejected or "
              "dropped, and the backlog waiting in a pacing client (a level, not a 24-hour "
              "sum).</p>", f);
    else
        fputs("<p>No message overflowed, was rejected or dropped, and no backlog built up, so "
              "there is no bottom panel.</p>", f);
    fputs("<ul>", f);
    double t0 = report_run_start(r);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (!a->n)
            continue;
        fputs("<li>", f);
        account_name(f, a);
        long k = report_covered_from(a);
        double *dem = sim_xmalloc(a->n * sizeof *dem);
        report_rolling_24h(a, ROLL_DEMAND, dem);
        double demand = 0, sent = 0, overflow = 0, lost = 0, backlog = 0;
        for (size_t j = 0; j < a->n; j++) {
            demand += a->p[j].demand, sent += a->p[j].sent, overflow += a->p[j].overflow;
            lost += a->p[j].rejected + a->p[j].dropped;
            backlog = a->p[j].backlog > backlog ? a->p[j].backlog : backlog;
        }
        if (k == 0)
            fputs(": the quota covers the demand of the last 24 h from the start", f);
        else if (k > 0) {
            fputs(": the quota covers the demand of the last 24 h from ", f);
            when(f, a->p[k].t, t0);
            fputs(" on", f);
        } else {
            fputs(": at the end the quota (", f);
            count(f, a->p[a->n - 1].max24h);
            fputs(") is still below the demand of the last 24 h (", f);
            count(f, dem[a->n - 1]);
            fputs(")", f);
        }
        fputs("; demand ", f);
        count(f, demand);
        fputs(", sent ", f);
        count(f, sent);
        if (overflow > 0)
            fputs(", overflow passed on ", f), count(f, overflow);
        if (lost > 0)
            fputs(", rejected or dropped ", f), count(f, lost);
        if (backlog > 0)
            fputs(", largest backlog ", f), count(f, backlog);
        fputs(".</li>", f);
        free(dem);
    }
    fputs("</ul>", f);
    fputs(rep_clause(r), f);
    return buf_close(&b);
}

static char *caption_rate(const report_ctx *c)
{
    const report_run *r = &c->run;
    buf b;
    FILE *f = buf_open(&b);
    fputs("<p>The maximum send rate SES allows (max_rate, messages per second, solid steps) and "
          "the mean rate actually sent over each interval (thin line). max_rate follows the "
          "quota through policy.rate_table. <b>Look for</b> the thin line reaching the solid "
          "one: then the rate, not the daily quota, limits a burst (a campaign) and a pacing "
          "client queues. The mean over an interval hides bursts within it.</p><ul>", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (!a->n)
            continue;
        fputs("<li>", f);
        account_name(f, a);
        fprintf(f, ": max_rate %.4g/s at the start, %.4g/s at the end.</li>", a->p[0].max_rate,
                a->p[a->n - 1].max_rate);
    }
    fputs("</ul>", f);
    fputs(rep_clause(r), f);
    return buf_close(&b);
}

static char *caption_reputation(const report_ctx *c)
{
    const report_run *r = &c->run;
    const report_policy *p = &c->pol;
    buf b;
    FILE *f = buf_open(&b);
    fprintf(f, "<p>The bounce rate (hard bounces / eligible sends, top) and complaint rate "
               "(complaints / deliveries to feedback-loop domains, bottom) that SES measures "
               "over its representative window, in %%. Dashed lines are the scenario's "
               "thresholds: review at %.3g%% and pause at %.3g%% for bounces, review at %.3g%% "
               "and pause at %.3g%% for complaints; the dotted grey line is the limit above "
               "which the automatic ramp stops (ramp_bounce_max %.3g%%, ramp_complaint_max "
               "%.3g%%). <b>Look for</b> a line crossing a dashed one: the review or pause "
               "comes at that time (see the status plot and the events). SES acts on the "
               "rates only once its window holds a representative volume (rep_volume, %.0f "
               "eligible sends): a new account's early rates are drawn, but are noisy and "
               "are not enforced until then.</p><ul>",
            100 * p->bounce_review, 100 * p->bounce_pause, 100 * p->complaint_review,
            100 * p->complaint_pause, 100 * p->ramp_bounce_max, 100 * p->ramp_complaint_max,
            p->rep_volume);
    double t0 = report_run_start(r);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (!a->n || a->is_total)
            continue;
        size_t kb = 0, kc = 0;
        for (size_t j = 0; j < a->n; j++) {
            if (a->p[j].bounce_rate > a->p[kb].bounce_rate) kb = j;
            if (a->p[j].complaint_rate > a->p[kc].complaint_rate) kc = j;
        }
        fputs("<li>", f);
        account_name(f, a);
        fprintf(f, ": peak bounce rate %.3g%% on ", 100 * a->p[kb].bounce_rate);
        when(f, a->p[kb].t, t0);
        fputs(a->p[kb].bounce_rate >= p->bounce_pause    ? " (at or above the pause threshold)"
              : a->p[kb].bounce_rate >= p->bounce_review ? " (at or above the review threshold)"
                                                         : "", f);
        fprintf(f, "; peak complaint rate %.3g%% on ", 100 * a->p[kc].complaint_rate);
        when(f, a->p[kc].t, t0);
        fputs(a->p[kc].complaint_rate >= p->complaint_pause    ? " (at or above the pause threshold)"
              : a->p[kc].complaint_rate >= p->complaint_review ? " (at or above the review threshold)"
                                                               : "", f);
        fputs(".</li>", f);
    }
    fputs("</ul>", f);
    fputs(rep_clause(r), f);
    return buf_close(&b);
}

static char *caption_status(const report_ctx *c)
{
    const report_run *r = &c->run;
    buf b;
    FILE *f = buf_open(&b);
    fputs("<p>One lane per account: its status over time (sandbox grey, healthy green, "
          "under_review orange, paused red)", f);
    fputs(r->n_acc > 1 ? "; the lane of <code>*</code> shows the most severe status of any "
                         "account at each time" : "", f);
    fputs(". <b>Look for</b> orange and red: a review lasts review_period and ends healthy or "
          "paused; a paused account sends nothing until an appeal is accepted.</p><ul>", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        if (!a->n)
            continue;
        double days[RS_N] = {0};
        for (size_t j = 0; j < a->n; j++)
            days[a->p[j].status] += (j ? a->p[j].t - a->p[j - 1].t : r->interval_s) / 86400.0;
        fputs("<li>", f);
        account_name(f, a);
        fputs(":", f);
        const char *sep = " ";
        for (int s = 0; s < RS_N; s++)
            if (days[s] > 0) {
                fprintf(f, "%s%s %.3g d", sep, report_status_names[s], days[s]);
                sep = ", ";
            }
        fputs(".</li>", f);
    }
    fputs("</ul>", f);
    fputs(rep_clause(r), f);
    return buf_close(&b);
}

static char *caption_bands(const report_ctx *c)
{
    (void)c;
    buf b;
    FILE *f = buf_open(&b);
    fputs("<p>From bands.csv, across all replications: the shaded band runs from the 5th to the "
          "95th percentile and the line is the median, of the daily quota (max24h, top) and of "
          "the messages sent in the last 24 hours (sent_24h, bottom). <b>Look for</b> the width "
          "of the band: a narrow band means the outcome hardly depends on chance; a wide one "
          "(for example some replications paused, others not) means a single run is not "
          "enough to answer the question.</p>", f);
    return buf_close(&b);
}

/* ---- gnuplot ---- */

static int need_gnuplot(report_ctx *c, sim_err *err)
{
    if (!c->gnuplot && report_find_gnuplot(&c->gnuplot, err))
        return SIM_ERUNTIME;
    if (!c->scripts && report_find_scripts(&c->scripts, err))
        return SIM_ERUNTIME;
    return 0;
}

static int plot(report_ctx *c, const char *meta, const char *script, const char *setting,
                const char *file, const char *id, const char *title, char *caption, sim_err *err)
{
    if (c->n_plots == MAX_PLOTS) {
        free(caption);
        return 0;
    }
    report_plot *p = &c->plots[c->n_plots++];
    p->file = file;
    p->id = id;
    p->title = title;
    p->caption = caption;
    int rc = report_run_gnuplot(c->gnuplot, c->scripts, c->stage, meta, script, setting, err);
    if (rc)
        return rc;
    char *out = out_join(c->stage, file);
    struct stat st;
    if (stat(out, &st) != 0 || st.st_size == 0)
        rc = sim_errorf(err, SIM_ERUNTIME, out, 0, "gnuplot wrote no plot (%s)", script);
    free(out);
    return rc;
}

/* ---- sections ---- */

static int section_run(report_ctx *c, sim_err *err)
{
    int rc = report_read_run(c->dir, &c->run, err);
    if (rc)
        return rc;
    c->has_run = 1;
    if ((rc = need_gnuplot(c, err)))
        return rc;
    if ((rc = report_write_data(c->stage, &c->run, &c->pol, c->opt->format, &c->facts, err)))
        return rc;
    int svg = c->opt->format == REPORT_SVG;
    rc = plot(c, NULL, "report-quota.gp", NULL, svg ? "quota.svg" : "quota.png", "quota",
              "Quota, sent and demand per 24 hours", caption_quota(c, 0), err);
    if (!rc && c->facts.log_quota)
        rc = plot(c, NULL, "report-quota.gp", "log_y = 1", svg ? "quota-log.svg" : "quota-log.png",
                  "quota-log", "Quota on a log scale", caption_quota(c, 1), err);
    if (!rc)
        rc = plot(c, NULL, "report-rate.gp", NULL, svg ? "rate.svg" : "rate.png", "rate",
                  "Maximum send rate", caption_rate(c), err);
    if (!rc)
        rc = plot(c, NULL, "report-reputation.gp", NULL, svg ? "reputation.svg" : "reputation.png",
                  "reputation", "Bounce and complaint rates", caption_reputation(c), err);
    if (!rc)
        rc = plot(c, NULL, "report-status.gp", NULL, svg ? "status.svg" : "status.png", "status",
                  "Status over time", caption_status(c), err);
    if (!rc && c->run.n_bands)
        rc = plot(c, NULL, "report-bands.gp", NULL, svg ? "bands.svg" : "bands.png", "bands",
                  "Replications: 5-95% bands and median", caption_bands(c), err);
    if (!rc && c->run.max_rep > 1 && !c->run.n_bands) {
        buf b;
        FILE *f = buf_open(&b);
        fprintf(f, "This run has %ld replications and no bands.csv: the plots show "
                   "replication 1 only; the summary shows them all.", c->run.max_rep);
        add_note(c, buf_close(&b));
    }
    if (!rc && c->facts.thinned)
        add_note(c, sim_xstrdup("The time series are long: the plots show every n-th interval "
                                "(at most 20,000 points per account); the 24-hour sums are "
                                "computed from every interval."));
    return rc;
}

/* A string the context frees at the end. */
static const char *keep(report_ctx *c, char *s)
{
    if (c->n_owned < sizeof c->owned / sizeof c->owned[0])
        c->owned[c->n_owned++] = s;
    return s;
}

static char *textf(const char *fmt, const char *a, const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
    char *s = sim_xmalloc(n);
    snprintf(s, n, fmt, a, b);
    return s;
}

static int section_sweep(report_ctx *c, sim_err *err)
{
    report_sweep *s = &c->sweep;
    int rc = report_read_sweep(c->dir, s, err);
    if (rc)
        return rc;
    c->has_sweep = 1;
    s->pol = c->pol;
    s->has_pol = c->has_pol;
    if (!s->has_def)
        add_note(c, sim_xstrdup("No readable sweep.ini in the folder: the varied keys are the "
                                "columns of sweep.csv between <code>point</code> and "
                                "<code>account</code>, their values in the order they first "
                                "appear there."));
    if (!s->n_axes) {
        add_note(c, sim_xstrdup("sweep.csv has no varied key (no column between "
                                "<code>point</code> and <code>account</code>): nothing to plot."));
        return 0;
    }
    if (!s->table.nrow) {
        add_note(c, sim_xstrdup("sweep.csv has no rows: nothing to plot."));
        return 0;
    }
    if (s->n_axes > REPORT_MAX_SWEEP_KEYS) {
        char *t = sim_xmalloc(160);
        snprintf(t, 160, "The sweep varies %zu keys: the plots show the first %d.", s->n_axes,
                 REPORT_MAX_SWEEP_KEYS);
        add_note(c, t);
    }
    if (!s->n_targets && !s->has_shares) {
        add_note(c, sim_xstrdup("sweep.csv has neither days_to_T_p50 nor share columns: "
                                "nothing to plot."));
        return 0;
    }
    if ((rc = need_gnuplot(c, err)))
        return rc;
    rc = report_write_sweep_data(c->stage, s, c->opt->format, err);
    const char *ext = c->opt->format == REPORT_SVG ? "svg" : "png";
    size_t nk = s->n_axes < REPORT_MAX_SWEEP_KEYS ? s->n_axes : REPORT_MAX_SWEEP_KEYS;
    for (size_t k = 0; !rc && k < nk; k++) {
        char setting[32], num[24];
        snprintf(setting, sizeof setting, "k = %zu", k + 1);
        snprintf(num, sizeof num, "%zu", k + 1);
        const char *key = s->axes[k].key;
        if (s->n_targets)
            rc = plot(c, "data/sweep.gp", "report-sweep-days.gp", setting,
                      keep(c, textf("sweep-days-%s.%s", num, ext)),
                      keep(c, textf("sweep-days-%s%s", num, "")),
                      keep(c, textf("Days to the targets against %s%s", key, "")),
                      report_sweep_caption_days(s, k), err);
        if (!rc && s->has_shares)
            rc = plot(c, "data/sweep.gp", "report-sweep-shares.gp", setting,
                      keep(c, textf("sweep-shares-%s.%s", num, ext)),
                      keep(c, textf("sweep-shares-%s%s", num, "")),
                      keep(c, textf("Paused and reviewed against %s%s", key, "")),
                      report_sweep_caption_shares(s, k), err);
    }
    if (!rc && s->n_axes == 2 && s->n_targets) {
        const char *t = s->targets[s->heat_target >= 0 ? s->heat_target : 0];
        rc = plot(c, "data/sweep.gp", "report-sweep-heat.gp", NULL,
                  keep(c, textf("sweep-heat.%s%s", ext, "")), "sweep-heat",
                  keep(c, textf("Heat map: median days to %s by both keys%s", t, "")),
                  report_sweep_caption_heat(s), err);
    }
    return rc;
}

static const struct {
    const char *needs; /* a file in DIR */
    int (*build)(report_ctx *, sim_err *);
} sections[] = {
    {"timeseries.csv", section_run}, /* also bands.csv when present */
    {"sweep.csv", section_sweep},
};

static void policy_of(report_policy *p, const scenario *s)
{
    p->bounce_review = s->policy.bounce_review;
    p->bounce_pause = s->policy.bounce_pause;
    p->complaint_review = s->policy.complaint_review;
    p->complaint_pause = s->policy.complaint_pause;
    p->ramp_bounce_max = s->policy.ramp_bounce_max;
    p->ramp_complaint_max = s->policy.ramp_complaint_max;
    p->rep_volume = s->policy.rep_volume;
}

/* The policy's thresholds from DIR/scenario.ini, or sesim's defaults. */
static void load_policy(report_ctx *c, const char *path, scenario **out)
{
    sim_err e;
    scenario *s = scn_create();
    int rc = scn_load_file(s, path, &e);
    if (!rc)
        rc = scn_resolve(s, &e);
    if (rc) {
        buf b;
        FILE *f = buf_open(&b);
        if (access(path, F_OK) != 0)
            fputs("No scenario.ini in the folder: the thresholds drawn are sesim's defaults.", f);
        else {
            fputs("scenario.ini could not be read (", f);
            esc(f, e.msg);
            fputs("): the thresholds drawn are sesim's defaults.", f);
        }
        add_note(c, buf_close(&b));
        char *header = s->header ? sim_xstrdup(s->header) : NULL;
        scn_destroy(s);
        s = scn_create();
        if (scn_load_string(s, "[account.a]\n", "(defaults)", ".", &e) || scn_resolve(s, &e)) {
            scn_destroy(s);
            s = NULL;
        } else {
            free(s->header);
            s->header = header;
            header = NULL;
        }
        free(header);
    }
    if (s) {
        policy_of(&c->pol, s);
    } else {
        c->pol = (report_policy){0.05, 0.10, 0.001, 0.005, 0.02, 0.001, 10000};
    }
    *out = s;
}

/* points/NNNN/scenario.ini of the sweep's first complete point (the lowest
 * number), relative to dir, or NULL. */
static char *first_point_scenario(const char *dir)
{
    char *points = out_join(dir, "points");
    DIR *d = opendir(points);
    char *best = NULL;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            const char *n = e->d_name;
            if (strlen(n) < 4 || strlen(n) > 12 || strspn(n, "0123456789") != strlen(n))
                continue;
            char rel[64];
            snprintf(rel, sizeof rel, "points/%.12s/scenario.ini", n);
            if (!exists_in(dir, rel))
                continue;
            if (!best || strlen(rel) < strlen(best) ||
                (strlen(rel) == strlen(best) && strcmp(rel, best) < 0)) {
                free(best);
                best = sim_xstrdup(rel);
            }
        }
        closedir(d);
    }
    free(points);
    return best;
}

/* Replace DIR/report by the staging folder. */
static int swap_in(const char *dir, const char *stage, const char *final, sim_err *err)
{
    struct stat st;
    char *old = NULL;
    if (lstat(final, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return sim_errorf(err, SIM_ERUNTIME, final, 0, "exists and is not a folder");
        char name[64];
        snprintf(name, sizeof name, ".report.old%ld", (long)getpid());
        old = out_join(dir, name);
        remove_tree(old);
        if (rename(final, old) != 0) {
            int rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot replace: %s", strerror(errno));
            free(old);
            return rc;
        }
    }
    if (rename(stage, final) != 0) {
        int rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot create: %s", strerror(errno));
        if (old)
            rename(old, final);
        free(old);
        return rc;
    }
    if (old)
        remove_tree(old);
    free(old);
    return 0;
}

char *report_trim_dir(const char *dir)
{
    char *d = sim_xstrdup(dir);
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = 0;
    return d;
}

int report_stage_begin(const char *dir, char **stage, sim_err *err)
{
    char name[64];
    snprintf(name, sizeof name, ".report.tmp%ld", (long)getpid());
    *stage = out_join(dir, name);
    remove_tree(*stage);
    if (mkdir(*stage, 0777) != 0)
        return sim_errorf(err, SIM_ERUNTIME, *stage, 0, "cannot create folder: %s", strerror(errno));
    char *data = out_join(*stage, "data");
    int rc = 0;
    if (mkdir(data, 0777) != 0)
        rc = sim_errorf(err, SIM_ERUNTIME, data, 0, "cannot create folder: %s", strerror(errno));
    free(data);
    return rc;
}

int report_stage_end(const char *dir, const char *stage, int rc, char **index_path, sim_err *err)
{
    if (!rc) {
        char *log = out_join(stage, "gnuplot.log");
        unlink(log);
        free(log);
        char *final = out_join(dir, "report");
        rc = swap_in(dir, stage, final, err);
        if (!rc)
            *index_path = out_join(final, "index.html");
        free(final);
    }
    if (rc)
        remove_tree(stage);
    return rc;
}

int report_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    struct stat st;
    if (stat(opt->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return sim_errorf(err, SIM_EINPUT, opt->dir, 0, "no such folder");
    int any = 0;
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        any |= exists_in(opt->dir, sections[i].needs);
    if (!any && exists_in(opt->dir, "batch.csv"))
        return report_batch_build(opt, index_path, err);
    if (!any)
        return sim_errorf(err, SIM_EINPUT, opt->dir, 0,
                          "no timeseries.csv, sweep.csv nor batch.csv here: not a folder "
                          "written by 'sesim run', 'sesim sweep' or 'sesim batch'");

    report_ctx c = {.opt = opt, .dir = report_trim_dir(opt->dir)};
    int rc = report_stage_begin(c.dir, &c.stage, err);

    /* A run's scenario.ini; a sweep folder has one per point: the first point's
     * gives the title, the question and the scenario shown. */
    char *scn_name = NULL;
    if (!exists_in(c.dir, "timeseries.csv") && exists_in(c.dir, "sweep.csv"))
        scn_name = first_point_scenario(c.dir);
    char *scn_path = out_join(c.dir, scn_name ? scn_name : "scenario.ini");
    scenario *s = NULL;
    char *scn_text = NULL;
    if (!rc && scn_name) {
        sim_err ignored;
        s = scn_create();
        /* its header for the page; its thresholds for the captions */
        if (!scn_load_file(s, scn_path, &ignored) && !scn_resolve(s, &ignored)) {
            policy_of(&c.pol, s);
            c.has_pol = 1;
        }
        scn_text = out_read_file(scn_path, MAX_SCENARIO_TEXT, NULL);
    } else if (!rc && !exists_in(c.dir, "timeseries.csv") && exists_in(c.dir, "sweep.csv")) {
        /* a sweep without points/: no scenario to show */
    } else if (!rc) {
        load_policy(&c, scn_path, &s);
        scn_text = out_read_file(scn_path, MAX_SCENARIO_TEXT, NULL);
    }
    for (size_t i = 0; !rc && i < sizeof sections / sizeof sections[0]; i++)
        if (exists_in(c.dir, sections[i].needs))
            rc = sections[i].build(&c, err);

    if (!rc) {
        report_page page = {.dir = c.dir, .scenario_text = scn_text,
                            .scenario_name = scn_name ? scn_name : "scenario.ini",
                            .sweep = c.has_sweep ? &c.sweep : NULL,
                            .header = s ? s->header : NULL, .run = c.has_run ? &c.run : NULL,
                            .plots = c.plots, .n_plots = c.n_plots};
        for (size_t i = 0; i < c.n_notes; i++)
            page.notes[page.n_notes++] = c.notes[i];
        out_file o = {0};
        rc = out_open(&o, c.stage, "index.html", err);
        if (!rc) {
            report_write_html(o.f, &page);
            rc = out_commit_all(&o, 1, err);
        }
    }
    rc = report_stage_end(c.dir, c.stage, rc, index_path, err);

    free(scn_path);
    free(scn_name);
    free(scn_text);
    if (c.has_sweep)
        report_sweep_free(&c.sweep);
    for (size_t i = 0; i < c.n_owned; i++)
        free(c.owned[i]);
    scn_destroy(s);
    if (c.has_run)
        report_run_free(&c.run);
    for (size_t i = 0; i < c.n_plots; i++)
        free(c.plots[i].caption);
    for (size_t i = 0; i < c.n_notes; i++)
        free(c.notes[i]);
    free(c.stage);
    free(c.dir);
    free(c.gnuplot);
    free(c.scripts);
    return rc;
}
