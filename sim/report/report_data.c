/* report_data.c: what gnuplot draws of a run: whitespace-separated data files
 * with one block per account (gnuplot's `index`) and meta.gp, the variables
 * the scripts read. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/output.h"
#include "report_int.h"

/* ---- gnuplot files ---- */

/* In double quotes: gnuplot 5.4 misreads the doubled quote of a single-quoted
 * string that starts with one (a scenario named 'q gave '''q', an error). */
void report_gp_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if ((unsigned char)*s >= 32 && *s != 127)
            fputc(*s, f);
    }
    fputc('"', f);
}

/* Account colours: distinct from the status and threshold colours (green,
 * orange, red) for the first accounts; the total `*` is near-black and thick. */
static const char *const palette[] = {"#1f77b4", "#9467bd", "#17becf", "#8c564b", "#e377c2",
                                      "#bcbd22", "#7f7f7f", "#2ca02c", "#ff7f0e", "#d62728"};
#define N_PALETTE (sizeof palette / sizeof palette[0])
#define TOTAL_COLOR "#222222"

const char *report_palette_color(size_t k)
{
    return palette[k % N_PALETTE];
}

const char *report_account_color(const report_run *r, size_t i)
{
    if (r->acc[i].is_total)
        return TOTAL_COLOR;
    size_t k = 0;
    for (size_t j = 0; j < i; j++)
        k += !r->acc[j].is_total;
    return report_palette_color(k);
}

static const char *color_of_name(const report_run *r, const char *name, size_t *next_extra)
{
    for (size_t i = 0; i < r->n_acc; i++)
        if (!strcmp(r->acc[i].name, name))
            return report_account_color(r, i);
    return palette[(r->n_acc + (*next_extra)++) % N_PALETTE];
}

FILE *report_open_data(const char *stage, const char *name, sim_err *err)
{
    char *path = out_join(stage, name);
    FILE *f = fopen(path, "w");
    if (!f)
        sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot write");
    free(path);
    return f;
}

int report_close_data(FILE *f, const char *name, sim_err *err)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return sim_errorf(err, SIM_ERUNTIME, name, 0, "write failed");
    return 0;
}

static size_t stride_of(size_t n)
{
    return n > REPORT_MAX_PLOT_POINTS ? (n + REPORT_MAX_PLOT_POINTS - 1) / REPORT_MAX_PLOT_POINTS : 1;
}

static int write_ts(const char *stage, const report_run *r, report_facts *facts, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/ts.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# sesim report: replication 1, one block per account (gnuplot index)\n"
          "# t(s since 1970 UTC) max24h max_rate sent_24h demand_24h overflow_24h lost_24h "
          "backlog bounce_rate(%) complaint_rate(%) send_rate(/s) day\n", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        double *dem = sim_xmalloc(a->n * sizeof *dem);
        double *ovf = sim_xmalloc(a->n * sizeof *ovf);
        double *lost = sim_xmalloc(a->n * sizeof *lost);
        report_rolling_24h(a, ROLL_DEMAND, dem);
        report_rolling_24h(a, ROLL_OVERFLOW, ovf);
        report_rolling_24h(a, ROLL_LOST, lost);
        size_t step = stride_of(a->n);
        facts->thinned |= step > 1;
        fprintf(f, "%s# account ", i ? "\n\n" : "");
        report_gp_string(f, a->name);
        fputc('\n', f);
        for (size_t k = 0; k < a->n; k++) {
            const report_point *p = &a->p[k];
            if (!a->is_total) {
                facts->has_overflow |= p->overflow > 0;
                facts->has_lost |= p->rejected + p->dropped > 0;
                facts->has_backlog |= p->backlog > 0;
                if (p->max24h > 0 && (facts->quota_min == 0 || p->max24h < facts->quota_min))
                    facts->quota_min = p->max24h;
                if (p->max24h > facts->quota_max)
                    facts->quota_max = p->max24h;
            }
            double top = fmax(p->max24h, fmax(p->sent_24h, dem[k]));
            double low = fmax(p->backlog, fmax(ovf[k], lost[k]));
            facts->top_max = fmax(facts->top_max, top);
            facts->low_max = fmax(facts->low_max, low);
            if (k % step && k + 1 != a->n)
                continue;
            fprintf(f, "%.0f %.15g %.15g %.15g %.15g %.15g %.15g %.15g %.8g %.8g %.8g %.6f\n", p->t,
                    p->max24h, p->max_rate, p->sent_24h, dem[k], ovf[k], lost[k], p->backlog,
                    100 * p->bounce_rate, 100 * p->complaint_rate, p->sent / r->interval_s,
                    isnan(p->day) ? 0.0 : p->day);
        }
        free(dem);
        free(ovf);
        free(lost);
    }
    return report_close_data(f, "data/ts.dat", err);
}

/* Status lanes: runs of one status as segments [t0, t1], the first account on top. */
static int write_status(const char *stage, const report_run *r, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/status.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# t0 t1 lane status(0 sandbox, 1 healthy, 2 under_review, 3 paused)\n", f);
    for (size_t i = 0; i < r->n_acc; i++) {
        const report_series *a = &r->acc[i];
        size_t lane = r->n_acc - i;
        size_t k = 0;
        while (k < a->n) {
            size_t e = k;
            while (e + 1 < a->n && a->p[e + 1].status == a->p[k].status)
                e++;
            double t0 = k ? a->p[k - 1].t : a->p[0].t - r->interval_s;
            fprintf(f, "%.0f %.0f %zu %d\n", t0, a->p[e].t, lane, a->p[k].status);
            k = e + 1;
        }
    }
    return report_close_data(f, "data/status.dat", err);
}

static unsigned long rgb_int(const char *hex) { return strtoul(hex + 1, NULL, 16); }

/* Markers: one block per event kind that occurs, at the account's quota then. */
static int write_events(const char *stage, const report_run *r, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/events.dat", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# one block per event kind that occurs (see ev_names in meta.gp): t max24h rgb\n", f);
    int blocks = 0;
    for (int kind = 0; kind < RE_N; kind++) {
        if (!r->ev_count[kind])
            continue;
        fprintf(f, "%s# %s\n", blocks++ ? "\n\n" : "", event_name(report_marked_events[kind]));
        for (size_t i = 0; i < r->n_ev; i++) {
            const report_event *e = &r->ev[i];
            if (e->kind != kind)
                continue;
            const report_series *a = &r->acc[e->account];
            size_t lo = 0, hi = a->n; /* the first point at or after the event */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (a->p[mid].t < e->t - 1e-6)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo == a->n)
                lo = a->n - 1;
            fprintf(f, "%.0f %.15g %lu\n", e->t, a->p[lo].max24h,
                    rgb_int(report_account_color(r, e->account)));
        }
    }
    return report_close_data(f, "data/events.dat", err);
}

static int write_bands(const char *stage, const report_run *r, int metric, double *max,
                       sim_err *err)
{
    const char *name = metric ? "data/bands_sent_24h.dat" : "data/bands_max24h.dat";
    FILE *f = report_open_data(stage, name, err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# bands.csv, one block per account: t mean p05 p50 p95\n", f);
    int blocks = 0;
    for (size_t i = 0; i < r->n_bands; i++) {
        const report_bands *b = &r->bands[i];
        if (b->metric != metric)
            continue;
        fprintf(f, "%s# account ", blocks++ ? "\n\n" : "");
        report_gp_string(f, b->account);
        fputc('\n', f);
        size_t step = stride_of(b->n);
        for (size_t k = 0; k < b->n; k++)
            if (b->b[k].p95 > *max)
                *max = b->b[k].p95;
        for (size_t k = 0; k < b->n; k++)
            if (k % step == 0 || k + 1 == b->n)
                fprintf(f, "%.0f %.15g %.15g %.15g %.15g\n", b->b[k].t, b->b[k].mean,
                        b->b[k].p05, b->b[k].p50, b->b[k].p95);
    }
    return report_close_data(f, name, err);
}

void report_gp_array_str(FILE *f, const char *name, size_t n, const char *const *v)
{
    fprintf(f, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        report_gp_string(f, v[i]);
    }
    if (!n)
        fputs("''", f);
    fputs("]\n", f);
}

/* The bands' accounts for one metric, in file order, with their colours. */
static void gp_band_arrays(FILE *f, const report_run *r, int metric)
{
    const char **names = sim_xcalloc(r->n_bands + 1, sizeof *names);
    const char **colors = sim_xcalloc(r->n_bands + 1, sizeof *colors);
    size_t n = 0, extra = 0;
    for (size_t i = 0; i < r->n_bands; i++) {
        if (r->bands[i].metric != metric)
            continue;
        names[n] = r->bands[i].account;
        colors[n++] = color_of_name(r, r->bands[i].account, &extra);
    }
    const char *m = metric ? "sent" : "quota";
    fprintf(f, "nb_%s = %zu\n", m, n);
    char an[32], ac[32];
    snprintf(an, sizeof an, "nb_%s_name", m);
    snprintf(ac, sizeof ac, "nb_%s_color", m);
    report_gp_array_str(f, an, n, names);
    report_gp_array_str(f, ac, n, colors);
    /* widths as for the accounts' lines: the total thick, earlier accounts wider */
    size_t n_real = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        n_real += strcmp(names[i], "*") != 0;
    fprintf(f, "array nb_%s_lw[%zu] = [", m, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        int total = !strcmp(names[i], "*");
        size_t later = total ? 0 : n_real - 1 - k++;
        fprintf(f, "%s%g", i ? ", " : "", total ? 3.5 : 2.0 + 1.2 * (later < 3 ? later : 3));
    }
    fputs(n ? "]\n" : "2]\n", f);
    free(names);
    free(colors);
}

/* The x-axis labels: dates, with hours for short runs. */
static const char *time_format(double span_s)
{
    if (span_s <= 4 * 86400.0)
        return "%d %b\\n%H:%M";
    if (span_s <= 500 * 86400.0)
        return "%d %b";
    return "%b %Y";
}

/* Account i's quota and rate are those of account j all along. */
static int same_series(const report_series *a, const report_series *b)
{
    if (a->is_total || b->is_total || a->n != b->n)
        return 0;
    for (size_t k = 0; k < a->n; k++)
        if (a->p[k].max24h != b->p[k].max24h || a->p[k].max_rate != b->p[k].max_rate)
            return 0;
    return 1;
}

size_t report_same_as(const report_run *r, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (same_series(&r->acc[i], &r->acc[j]))
            return j + 1;
    return 0;
}

/* acc_same: per account report_same_as; written only when some account has one. */
static void gp_same(FILE *f, const report_run *r)
{
    size_t *same = sim_xcalloc(r->n_acc ? r->n_acc : 1, sizeof *same), any = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        any |= (same[i] = report_same_as(r, i)) > 0;
    if (any) {
        fprintf(f, "array acc_same[%zu] = [", r->n_acc);
        for (size_t i = 0; i < r->n_acc; i++)
            fprintf(f, "%s%zu", i ? ", " : "", same[i]);
        fputs("]\n", f);
    }
    free(same);
}

/* acc_name, acc_color and acc_lw: the accounts, their colours, their lines' widths. */
static void gp_accounts(FILE *f, const report_run *r)
{
    fprintf(f, "n_acc = %zu\n", r->n_acc);
    const char **names = sim_xmalloc(r->n_acc * sizeof *names);
    const char **colors = sim_xmalloc(r->n_acc * sizeof *colors);
    size_t has_total = 0;
    for (size_t i = 0; i < r->n_acc; i++) {
        names[i] = r->acc[i].name;
        colors[i] = report_account_color(r, i);
        has_total |= r->acc[i].is_total;
    }
    report_gp_array_str(f, "acc_name", r->n_acc, names);
    report_gp_array_str(f, "acc_color", r->n_acc, colors);
    /* Accounts drawn first are drawn wider, so that an account whose line lies
     * on another's (two accounts with the same quota) still shows as a border. */
    size_t n_real = 0, k = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        n_real += !r->acc[i].is_total;
    fprintf(f, "array acc_lw[%zu] = [", r->n_acc);
    for (size_t i = 0; i < r->n_acc; i++) {
        size_t later = r->acc[i].is_total ? 0 : n_real - 1 - k++;
        fprintf(f, "%s%g", i ? ", " : "", r->acc[i].is_total ? 3.5 : 2.0 + 1.2 * (later < 3 ? later : 3));
    }
    fputs("]\n", f);
    fprintf(f, "has_total = %zu\n", has_total);
    gp_same(f, r);
    size_t longest = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        longest = strlen(names[i]) > longest ? strlen(names[i]) : longest;
    fprintf(f, "name_len_max = %zu\n", longest < 9 ? 9 : longest); /* '* (total)' */
    free(names);
    free(colors);
}

/* The time the series span: from the start of the first interval to the last end. */
static void time_span(const report_run *r, double *t0, double *t1)
{
    *t0 = INFINITY, *t1 = -INFINITY;
    for (size_t i = 0; i < r->n_acc; i++)
        if (r->acc[i].n) {
            double a = r->acc[i].p[0].t - r->interval_s, b = r->acc[i].p[r->acc[i].n - 1].t;
            *t0 = a < *t0 ? a : *t0;
            *t1 = b > *t1 ? b : *t1;
        }
}

/* The end of the zoomed ramp panel: the last quota raise (replication 1) and a
 * margin, when that is within the first 40% of the run; else 0. */
static double zoom_end(const report_run *r)
{
    double t0, t1, last = -INFINITY;
    time_span(r, &t0, &t1);
    size_t raises = 0;
    for (size_t i = 0; i < r->n_ev; i++)
        if (r->ev[i].kind == RE_QUOTA_RAISED) {
            raises++;
            last = r->ev[i].t > last ? r->ev[i].t : last;
        }
    if (raises < 2 || !(t1 > t0))
        return 0;
    double margin = 0.25 * (last - t0), end = last + (margin > 2 * 86400 ? margin : 2 * 86400);
    return end - t0 <= REPORT_ZOOM_SHARE * (t1 - t0) ? end : 0;
}

/* The time axis, the thresholds, and what the data holds. */
static void gp_axes(FILE *f, const report_run *r, const report_policy *pol,
                    const report_facts *facts)
{
    double t0, t1;
    time_span(r, &t0, &t1);
    fprintf(f, "t_min = %.0f\nt_max = %.0f\ninterval_s = %.15g\n", t0, t1, r->interval_s);
    if (facts->zoom_end > 0)
        fprintf(f, "t_zoom = %.0f\n", facts->zoom_end);
    fprintf(f, "xfmt = \"%s\"\n", time_format(t1 - t0));
    fprintf(f, "bounce_review = %.10g\nbounce_pause = %.10g\nramp_bounce_max = %.10g\n",
            100 * pol->bounce_review, 100 * pol->bounce_pause, 100 * pol->ramp_bounce_max);
    fprintf(f, "complaint_review = %.10g\ncomplaint_pause = %.10g\nramp_complaint_max = %.10g\n",
            100 * pol->complaint_review, 100 * pol->complaint_pause, 100 * pol->ramp_complaint_max);
    fprintf(f, "has_overflow = %d\nhas_lost = %d\nhas_backlog = %d\n", facts->has_overflow,
            facts->has_lost, facts->has_backlog);
    fprintf(f, "top_max = %.15g\nlow_max = %.15g\nband_quota_max = %.15g\nband_sent_max = %.15g\n",
            facts->top_max, facts->low_max, facts->band_max[0], facts->band_max[1]);
    fprintf(f, "log_min = %.15g\n", facts->quota_min > 0 ? facts->quota_min / 3 : 1);
}

/* An event's label: its name, words apart ("quota raised"). */
static void ev_label(FILE *f, int j, const char *name)
{
    fputs(j ? ", '" : "'", f);
    for (const char *c = name; *c; c++)
        fputc(*c == '_' ? ' ' : *c, f);
    fputc('\'', f);
}

/* The event kinds present, in block order, with their labels and marker shapes. */
static void gp_events(FILE *f, const report_run *r)
{
#define REPORT_MARKED_POINT(id, event, point) [id] = point,
    static const int point_type[RE_N] = {REPORT_MARKED_EVENTS(REPORT_MARKED_POINT)};
#undef REPORT_MARKED_POINT
    int n_ev = 0;
    for (int k = 0; k < RE_N; k++)
        n_ev += r->ev_count[k] > 0;
    fprintf(f, "ev_n = %d\n", n_ev);
    fprintf(f, "array ev_label[%d] = [", n_ev ? n_ev : 1);
    for (int k = 0, j = 0; k < RE_N; k++)
        if (r->ev_count[k])
            ev_label(f, j++, event_name(report_marked_events[k]));
    fputs(n_ev ? "]\n" : "'']\n", f);
    fprintf(f, "array ev_pt[%d] = [", n_ev ? n_ev : 1);
    for (int k = 0, j = 0; k < RE_N; k++)
        if (r->ev_count[k])
            fprintf(f, "%s%d", j++ ? ", " : "", point_type[k]);
    fputs(n_ev ? "]\n" : "0]\n", f);
}

static int write_meta(const char *stage, const report_run *r, const report_policy *pol, int format,
                      const report_facts *facts, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/meta.gp", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# meta.gp: written by sesim report; the scripts in share/sesim/ read these.\n"
          "# Re-draw a plot: cd into the report folder, then\n"
          "#   gnuplot -d data/meta.gp SCRIPTS/report-common.gp SCRIPTS/report-quota.gp\n", f);
    fprintf(f, "fmt = '%s'\n", format == REPORT_SVG ? "svg" : "png");
    gp_accounts(f, r);
    gp_axes(f, r, pol, facts);
    gp_events(f, r);
    gp_band_arrays(f, r, 0);
    gp_band_arrays(f, r, 1);
    return report_close_data(f, "data/meta.gp", err);
}

int report_write_data(const char *stage, const report_run *r, const report_policy *pol,
                      int format, report_facts *facts, sim_err *err)
{
    memset(facts, 0, sizeof *facts);
    int rc = write_ts(stage, r, facts, err);
    if (!rc)
        rc = write_status(stage, r, err);
    if (!rc)
        rc = write_events(stage, r, err);
    if (!rc && r->n_bands)
        rc = write_bands(stage, r, 0, &facts->band_max[0], err);
    if (!rc && r->n_bands)
        rc = write_bands(stage, r, 1, &facts->band_max[1], err);
    facts->log_quota = facts->quota_min > 0 && facts->quota_max >= 20 * facts->quota_min;
    facts->zoom_end = zoom_end(r);
    if (!rc)
        rc = write_meta(stage, r, pol, format, facts, err);
    return rc;
}
