/* report_sweep_caption.c: the captions of a sweep's plots (HTML): what each
 * plot shows and what to look for, then the sweep's own facts: where a target
 * is never reached, the median days per series, where pauses and reviews
 * start, the fastest and slowest cells of the heat map. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* n, or 1 for an allocation of nothing */
static size_t n1(size_t n) { return n ? n : 1; }

static void esc(FILE *f, const char *s) { report_html_escape(f, s); }

static void key_code(FILE *f, const report_sweep *s, size_t k)
{
    report_html_tag(f, "code", s->axes[k].key);
}

/* ---- which values of a key ---- */

/* How many of the values present are in the set (flags per value). */
static size_t count_in(const report_axis *a, const int *in, const int *present)
{
    size_t c = 0;
    for (size_t i = 0; i < a->n; i++)
        c += present[i] && in[i];
    return c;
}

/* The first value present and in the set, when every later value present is
 * in it too; else SIZE_MAX. */
static size_t run_to_end(const report_axis *a, const int *in, const int *present)
{
    size_t first = SIZE_MAX;
    for (size_t i = 0; i < a->n; i++)
        if (present[i] && in[i] && first == SIZE_MAX)
            first = i;
        else if (present[i] && !in[i] && first != SIZE_MAX)
            return SIZE_MAX;
    return first;
}

/* The last value present and in the set, when every earlier value present is
 * in it too; else SIZE_MAX. */
static size_t run_from_start(const report_axis *a, const int *in, const int *present)
{
    size_t last = 0;
    for (size_t i = 0; i < a->n; i++)
        if (present[i] && in[i])
            last = i;
    for (size_t i = 0; i < last; i++)
        if (present[i] && !in[i])
            return SIZE_MAX;
    return last;
}

/* "at A, B, C" (at most 8, then an ellipsis). */
static void value_list(FILE *f, const report_axis *a, const int *in, const int *present)
{
    fputs("at ", f);
    size_t shown = 0;
    for (size_t i = 0; i < a->n; i++)
        if (present[i] && in[i]) {
            if (shown == 8) {
                fputs(", &hellip;", f);
                break;
            }
            fputs(shown++ ? ", " : "", f);
            esc(f, a->values[i]);
        }
}

/* Which values of a key a set (flags per value, only values present) holds:
 * "at every value", "from X on" (a run to the last value present), "up to X"
 * (a run from the first), or a list. */
static void describe_values(FILE *f, const report_axis *a, const int *in, const int *present)
{
    size_t count = count_in(a, in, present), n_present = 0;
    for (size_t i = 0; i < a->n; i++)
        n_present += present[i] != 0;
    size_t first = run_to_end(a, in, present), last = run_from_start(a, in, present);
    if (!count)
        fputs("at no value", f);
    else if (count == n_present)
        fputs("at every value", f);
    else if (first != SIZE_MAX) {
        fputs("from ", f);
        report_html_tag(f, "b", a->values[first]);
        fputs(" on", f);
    } else if (last != SIZE_MAX && count > 1) {
        fputs("up to ", f);
        report_html_tag(f, "b", a->values[last]);
    } else
        value_list(f, a, in, present);
}

/* ---- parts of the captions ---- */

static void axis_kind(FILE *f, const report_axis *a)
{
    if (a->numeric) {
        fputs("its values placed on a numeric axis", f);
        if (a->unit[0]) {
            fputs(" in ", f);
            esc(f, a->unit);
        }
        if (a->log)
            fputs(", log scale", f);
    } else {
        fputs("its values as categories in the order of the sweep", f);
    }
}

/* " against KEY (how its values are placed)" */
static void against(FILE *f, const report_sweep *s, size_t k)
{
    key_code(f, s, k);
    fputs(" (", f);
    axis_kind(f, &s->axes[k]);
    fputs(")", f);
}

static void other_colours(FILE *f, const report_sweep *s, size_t k)
{
    if (s->n_axes > 1) {
        fputs("; one colour per value of ", f);
        const char *sep = "";
        for (size_t j = 0; j < s->n_axes; j++)
            if (j != k) {
                fputs(sep, f);
                key_code(f, s, j);
                sep = s->n_axes > 2 ? ", " : "";
            }
        if (s->n_axes > 2)
            fputs(" (their combinations)", f);
    }
    if (s->n_acc > 1)
        fputs(s->n_axes > 1 ? ", one marker shape per account" : "; one colour per account", f);
}

/* "<b>KEYS = VALUES</b>: " naming row r's series, when there are several. */
static void series_name_html(FILE *f, const report_sweep *s, size_t k, size_t r, size_t ns)
{
    if (ns <= 1)
        return;
    char *t = report_sweep_label(s, k, 0, 1), *l = report_sweep_label(s, k, r, 0);
    fputs("<b>", f);
    esc(f, t);
    fputs(" = ", f);
    esc(f, l);
    fputs("</b>: ", f);
    free(t);
    free(l);
}

/* ---- days to the targets ---- */

static const char days_text[] =
    "<p>One panel per target of the scenario (<code>sim.targets</code>): the days from the "
    "start until the daily quota (max24h) first reached it, against ";
static const char days_marker[] =
    ". The filled marker is the median of the %ld replications of each point, the "
    "bar runs from their 10th to their 90th percentile";
static const char days_never[] =
    ". A hollow marker on the dotted line <i>never</i>: the median replication did not "
    "reach the target within the run; a bar that runs up to that line: at least one "
    "replication in ten did not. <b>Look for</b> the value of ";
static const char days_look[] =
    " from which the markers sit on the <i>never</i> line: from there on the ramp stops "
    "short of the target. A flat line means the key hardly matters for that target; "
    "long bars mean chance matters as much as the key.</p>";
static const char days_policy_text[] =
    "<p>The automatic ramp raises the quota only while the bounce rate is below "
    "<code>policy.ramp_bounce_max</code> (%.3g%%) and the complaint rate below "
    "<code>policy.ramp_complaint_max</code> (%.3g%%); a review starts at a bounce "
    "rate of %.3g%% and a pause at %.3g%%%s. Compare "
    "<code>mean_peak_bounce_rate</code> in the results below.</p>";

static void days_intro(FILE *f, const report_sweep *s, size_t k)
{
    fputs(days_text, f);
    against(f, s, k);
    fprintf(f, days_marker, s->reps);
    other_colours(f, s, k);
    fputs(days_never, f);
    key_code(f, s, k);
    fputs(days_look, f);
}

/* The thresholds that stop the ramp, from the first point. */
static void days_policy(FILE *f, const report_sweep *s)
{
    static const char *const named[] = {"policy.ramp_bounce_max", "policy.ramp_complaint_max",
                                        "policy.bounce_review", "policy.bounce_pause",
                                        "policy.preset"};
    int varied = 0;
    for (size_t j = 0; j < s->n_axes; j++)
        for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
            varied |= !strcmp(s->axes[j].key, named[i]);
    fprintf(f, days_policy_text, 100 * s->pol.ramp_bounce_max, 100 * s->pol.ramp_complaint_max,
            100 * s->pol.bounce_review, 100 * s->pol.bounce_pause,
            varied ? " (the values of the first point: this sweep varies them)" : "");
}

/* The plots against key k, for the facts of their series (of target q). */
typedef struct series_ctx {
    const report_sweep *s;
    size_t k, q;
    size_t *ser;       /* report_sweep_series */
    long *g;           /* report_sweep_grid */
    size_t ns, nf;     /* series; those stated */
    int *in, *present; /* scratch, per value of key k */
} series_ctx;

static void ctx_open(series_ctx *c, const report_sweep *s, size_t k)
{
    size_t nv = s->axes[k].n;
    *c = (series_ctx){.s = s, .k = k, .in = sim_xmalloc(n1(nv) * sizeof *c->in),
                    .present = sim_xmalloc(n1(nv) * sizeof *c->present)};
    c->ser = report_sweep_series(s, k, &c->ns);
    c->g = report_sweep_grid(s, k, c->ser, c->ns);
    c->nf = c->ns < REPORT_MAX_FACT_SERIES ? c->ns : REPORT_MAX_FACT_SERIES;
}

static void ctx_close(series_ctx *c)
{
    free(c->in);
    free(c->present);
    free(c->g);
    free(c->ser);
}

/* One series' facts about target q. */
typedef struct series_fact {
    double lo, hi;      /* the smallest and largest median days (lo infinite: none) */
    long any;           /* a row of the series, or -1 */
    size_t first, last; /* the first and last value with a median */
    char *never;        /* "never reached ..." or "" (malloc'd) */
} series_fact;

static double p50_at(const series_ctx *c, size_t j, size_t i)
{
    return report_sweep_days(c->s, (size_t)c->g[j * c->s->axes[c->k].n + i], c->q)->p50;
}

static void series_days(const series_ctx *c, size_t j, series_fact *sf)
{
    const report_axis *a = &c->s->axes[c->k];
    *sf = (series_fact){.lo = INFINITY, .hi = -INFINITY, .any = -1};
    for (size_t i = 0; i < a->n; i++) {
        long r = c->g[j * a->n + i];
        c->present[i] = r >= 0;
        c->in[i] = 0;
        if (r < 0)
            continue;
        sf->any = r;
        double p50 = p50_at(c, j, i);
        if (isnan(p50))
            c->in[i] = 1;
        else {
            if (!isfinite(sf->lo))
                sf->first = i;
            sf->last = i;
            sf->lo = p50 < sf->lo ? p50 : sf->lo;
            sf->hi = p50 > sf->hi ? p50 : sf->hi;
        }
    }
    report_mem m;
    FILE *f = report_mem_open(&m);
    if (!isfinite(sf->lo))
        fputs("never reached", f);
    else if (count_in(a, c->in, c->present)) {
        fputs("never reached ", f);
        describe_values(f, a, c->in, c->present);
    }
    sf->never = report_mem_close(&m);
}

/* A series' median days: "9 days" when they do not change, else from the first
 * value of the key that reached the target to the last one ("9 days at 1.2 to
 * 3 days at 2"), with the range when it goes beyond those two. */
static void median_range(FILE *f, const series_ctx *c, size_t j, const series_fact *sf)
{
    const report_axis *a = &c->s->axes[c->k];
    if (sf->lo == sf->hi) {
        fprintf(f, "%.3g days", sf->lo);
        return;
    }
    double d0 = p50_at(c, j, sf->first), d1 = p50_at(c, j, sf->last);
    fprintf(f, "%.3g days at ", d0);
    esc(f, a->values[sf->first]);
    fprintf(f, " to %.3g at ", d1);
    esc(f, a->values[sf->last]);
    double m0 = d0 < d1 ? d0 : d1, m1 = d0 < d1 ? d1 : d0;
    if (sf->lo < m0 && sf->hi > m1)
        fprintf(f, " (%.3g to %.3g in between)", sf->lo, sf->hi);
    else if (sf->hi > m1)
        fprintf(f, " (up to %.3g in between)", sf->hi);
    else if (sf->lo < m0)
        fprintf(f, " (down to %.3g in between)", sf->lo);
}

/* Every series never reaches the target at the same values: one statement,
 * then the medians per series. */
static void target_same(FILE *f, const series_ctx *c, const series_fact *sf)
{
    char *title = report_sweep_label(c->s, c->k, 0, 1);
    if (*sf[0].never) {
        fputs(sf[0].never, f);
        fputs(", whatever ", f);
        esc(f, title);
    }
    const char *sep = *sf[0].never ? "; median " : "median ";
    for (size_t j = 0; j < c->nf; j++) {
        if (sf[j].any < 0 || !isfinite(sf[j].lo))
            continue;
        fputs(sep, f);
        sep = ", ";
        median_range(f, c, j, &sf[j]);
        char *l = report_sweep_label(c->s, c->k, (size_t)sf[j].any, 0);
        fputs(" at ", f);
        esc(f, title);
        fputs(" = ", f);
        esc(f, l);
        free(l);
    }
    free(title);
}

/* Each series on its own: its name, its medians, where it never reaches the target. */
static void target_each(FILE *f, const series_ctx *c, const series_fact *sf)
{
    for (size_t j = 0; j < c->nf; j++) {
        if (sf[j].any < 0)
            continue;
        fputs(j ? "; " : "", f);
        series_name_html(f, c->s, c->k, (size_t)sf[j].any, c->ns);
        if (isfinite(sf[j].lo)) {
            fputs("median ", f);
            median_range(f, c, j, &sf[j]);
            fputs(*sf[j].never ? ", " : "", f);
        }
        fputs(sf[j].never, f);
    }
    if (c->ns > c->nf)
        fprintf(f, "; &hellip; (%zu more in sweep.csv)", c->ns - c->nf);
}

static void target_item(FILE *f, const series_ctx *c, series_fact *sf)
{
    int same = 1;
    for (size_t j = 0; j < c->nf; j++) {
        series_days(c, j, &sf[j]);
        same &= !strcmp(sf[j].never, sf[0].never);
    }
    fputs("<li>", f);
    report_html_tag(f, "b", c->s->targets[c->q]);
    fputs(": ", f);
    if (c->nf > 1 && same && c->ns == c->nf)
        target_same(f, c, sf);
    else
        target_each(f, c, sf);
    fputs(".</li>", f);
    for (size_t j = 0; j < c->nf; j++)
        free(sf[j].never);
}

char *report_sweep_caption_days(const report_sweep *s, size_t k)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    days_intro(f, s, k);
    if (s->has_pol)
        days_policy(f, s);
    fputs("<ul>", f);
    series_ctx c;
    ctx_open(&c, s, k);
    series_fact *sf = sim_xcalloc(n1(c.nf), sizeof *sf);
    for (c.q = 0; c.q < s->n_targets; c.q++)
        target_item(f, &c, sf);
    fputs("</ul>", f);
    if (c.ns > REPORT_MAX_SERIES)
        fprintf(f, "<p>The plot draws the first %d of %zu series; all are in sweep.csv.</p>",
                REPORT_MAX_SERIES, c.ns);
    free(sf);
    ctx_close(&c);
    return report_mem_close(&m);
}

/* ---- the shares paused and reviewed ---- */

static const char shares_text[] =
    "<p>Of the %ld replications of each point: the share that was paused at least "
    "once (top; <code>days_paused</code> &gt; 0) and the share that was reviewed at "
    "least once (bottom; <code>days_under_review</code> &gt; 0), in %%, against ";
static const char shares_look[] = ". <b>Look for</b> where pauses start: the first value of ";
static const char shares_reviews[] =
    " with a share above 0%; at 100% every replication was paused. Reviews come first (a "
    "review ends healthy or paused), so the bottom panel shows where trouble begins "
    "before it costs a pause. A pause can end a ramp early, or (with "
    "<code>on_pause = fix</code>) clean the list and let it go on later.</p>";

/* The shares stated, in order, and how. */
static const struct {
    size_t off;
    const char *none, *some;
} share_kinds[] = {
    {offsetof(report_shares, paused), "no pauses", "pauses "},
    {offsetof(report_shares, reviewed), "; no reviews", "; reviews "},
};

/* Series j's item: the values of key k with a share above 0, and the largest share. */
static void shares_item(FILE *f, const series_ctx *c, size_t j)
{
    const report_axis *a = &c->s->axes[c->k];
    long any = -1;
    for (size_t i = 0; i < a->n; i++)
        if (c->g[j * a->n + i] >= 0)
            any = c->g[j * a->n + i];
    if (any < 0)
        return;
    fputs("<li>", f);
    series_name_html(f, c->s, c->k, (size_t)any, c->ns);
    for (size_t w = 0; w < sizeof share_kinds / sizeof share_kinds[0]; w++) {
        double top = 0;
        for (size_t i = 0; i < a->n; i++) {
            long r = c->g[j * a->n + i];
            double v = r >= 0 ? *(const double *)((const char *)&c->s->share[r] +
                                                  share_kinds[w].off)
                              : NAN;
            c->present[i] = r >= 0 && !isnan(v);
            c->in[i] = c->present[i] && v > 0;
            if (c->in[i] && v > top)
                top = v;
        }
        if (!count_in(a, c->in, c->present)) {
            fputs(share_kinds[w].none, f);
            continue;
        }
        fputs(share_kinds[w].some, f);
        describe_values(f, a, c->in, c->present);
        if (top > 0)
            fprintf(f, " (up to %.3g%% of replications)", 100 * top);
    }
    fputs(".</li>", f);
}

char *report_sweep_caption_shares(const report_sweep *s, size_t k)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fprintf(f, shares_text, s->reps);
    against(f, s, k);
    other_colours(f, s, k);
    fputs(shares_look, f);
    key_code(f, s, k);
    fputs(shares_reviews, f);
    fputs("<ul>", f);
    series_ctx c;
    ctx_open(&c, s, k);
    for (size_t j = 0; j < c.nf; j++)
        shares_item(f, &c, j);
    if (c.ns > REPORT_MAX_FACT_SERIES)
        fprintf(f, "<li>&hellip; %zu more series in sweep.csv.</li>", c.ns - REPORT_MAX_FACT_SERIES);
    fputs("</ul>", f);
    ctx_close(&c);
    return report_mem_close(&m);
}

/* ---- the heat map ---- */

static const char heat_reached[] =
    " (the first target of <code>sim.targets</code> that some point reached)";
static const char heat_none[] = " (no point reached any target: every cell is <i>never</i>)";
static const char heat_look[] =
    ". Light cells are fast, dark cells slow. Grey cells marked <i>never</i>: the median "
    "replication did not reach the target within the run. A percentage in a cell is the "
    "share of replications that reached it, where not all did. <b>Look for</b> the border "
    "between coloured and grey cells: the combinations beyond it stop the ramp; along a "
    "row or a column, how much one key changes the days.</p>";

static void heat_intro(FILE *f, const report_sweep *s, size_t q)
{
    fputs("<p>The median number of days until the daily quota reached ", f);
    report_html_tag(f, "b", s->targets[q]);
    fputs(s->heat_target >= 0 ? heat_reached : heat_none, f);
    fputs(" for every combination of ", f);
    key_code(f, s, 0);
    fputs(" (across) and ", f);
    key_code(f, s, 1);
    fputs(" (up), both as categories in the order of the sweep", f);
    if (s->n_acc > 1)
        fputs("; one panel per account", f);
    fputs(heat_look, f);
}

/* "fastest D days at K1 = V1, K2 = V2" for row r. */
static void heat_cell(FILE *f, const report_sweep *s, size_t q, size_t r, const char *what)
{
    fprintf(f, "%s %.3g days at ", what, report_sweep_days(s, r, q)->p50);
    for (size_t k = 0; k < 2; k++) {
        fputs(k ? ", " : "", f);
        esc(f, report_sweep_short_key(s, k));
        fputs(" = ", f);
        esc(f, s->table.rows[r][s->axes[k].col]);
    }
}

/* Account p's panel: its fastest and slowest cells, and how many never. */
static void heat_item(FILE *f, const report_sweep *s, size_t q, size_t p)
{
    long fast = -1, slow = -1;
    size_t cells = 0, never = 0;
    for (size_t r = 0; r < s->table.nrow; r++) {
        if (s->acc[r] != p)
            continue;
        cells++;
        double v = report_sweep_days(s, r, q)->p50;
        if (isnan(v)) {
            never++;
            continue;
        }
        if (fast < 0 || v < report_sweep_days(s, (size_t)fast, q)->p50)
            fast = (long)r;
        if (slow < 0 || v > report_sweep_days(s, (size_t)slow, q)->p50)
            slow = (long)r;
    }
    fputs("<li>", f);
    if (s->n_acc > 1) {
        report_html_tag(f, "b", report_account_label(s->accounts[p]));
        fputs(": ", f);
    }
    if (fast >= 0)
        heat_cell(f, s, q, (size_t)fast, "fastest");
    if (fast >= 0 && slow != fast)
        heat_cell(f, s, q, (size_t)slow, "; slowest");
    fprintf(f, "%snever in %zu of %zu cells.</li>", fast >= 0 ? "; " : "", never, cells);
}

char *report_sweep_caption_heat(const report_sweep *s)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    size_t q = s->heat_target >= 0 ? (size_t)s->heat_target : 0;
    heat_intro(f, s, q);
    fputs("<ul>", f);
    size_t np = s->n_acc < REPORT_MAX_HEAT_ACCOUNTS ? s->n_acc : REPORT_MAX_HEAT_ACCOUNTS;
    for (size_t p = 0; p < np; p++)
        heat_item(f, s, q, p);
    if (s->n_acc > np)
        fprintf(f, "<li>The map shows the first %zu of %zu accounts; all are in sweep.csv.</li>",
                np, s->n_acc);
    fputs("</ul>", f);
    return report_mem_close(&m);
}
