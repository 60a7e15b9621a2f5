/* plan.c: `sesim plan`: candidate schedules, the grid and the simplex
 * search, the plan's run and its files (see plan.h, docs/planning.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multimin.h>

#include "core/config.h"
#include "core/units.h"
#include "io/output.h"
#include "models/account.h"
#include "models/sender.h"
#include "plan.h"
#include "plan_tables.h"
#include "points.h"
#include "run/columns.h"
#include "run/run.h"
#include "scenario/scenario.h"

static const double grid_growths[] = {1.2, 1.4, 1.7, 2.2, 3.0};
#define N_GROWTHS (sizeof grid_growths / sizeof grid_growths[0])

typedef struct candidate {
    double start, growth; /* growth 0: no cap */
    size_t lift;          /* the cap is lifted on this day at the latest (0: when it reaches the target) */
    char *cap;            /* the cap's text, "none" for no cap */
    const char *stage;    /* "request", "grid", "simplex", "lift" or "sender" */
    char *requests;       /* account.request_quota of the candidate; NULL: none */
    const char *sender;   /* the stream's sender; NULL: the scenario's */
    size_t n_req;         /* its requests: filed at the start of day req_day[k], asking req_amount[k] */
    size_t req_day[PLAN_MAX_REQUESTS];
    double req_amount[PLAN_MAX_REQUESTS];
    size_t point;
    double reach, risk;   /* shares of replications */
    double sent, overflow, demand, quota, median_day; /* means; median of days_to_T */
    double lost;          /* mean dropped or rejected (the rest of demand: still waiting) */
    double delay99;       /* mean delay_p99_s over the replications that have one (NAN: none) */
} candidate;

typedef struct planner {
    const plan_options *o;
    scenario *base;
    const scn_traffic *stream;
    const scn_account *account;
    scn_override *sets;     /* common to every candidate (owned strings) */
    size_t n_sets;
    char column[UNITS_BUF + 16]; /* days_to_TARGET */
    int64_t horizon;        /* the candidates' sim.duration: the deadline on the interval grid */
    size_t days;            /* days to the deadline, rounded up */
    size_t schedule_days;   /* days a schedule lists: the longer of the deadline and the run */
    candidate *c;
    size_t nc, cap_c;
    char ***assign;         /* per point: its one assignment, the cap */
    size_t *n_assign, np;
    double scale;           /* objective scale: what no cap sends */
    int failed;             /* a run failed inside the simplex */
    sim_err *err;
    candidate with;         /* new candidates take its requests and sender */
    char **senders;         /* --senders, split */
    size_t n_senders;
    points_study study;     /* DIR claimed; study.work holds points/ and run/ until the end */
} planner;

/* ---- setting up ---- */

static void push_set(planner *pl, int add, const char *fmt, const char *a, const char *b)
{
    char buf[4096];
    snprintf(buf, sizeof buf, fmt, a, b);
    pl->sets = sim_xrealloc(pl->sets, (pl->n_sets + 1) * sizeof *pl->sets);
    pl->sets[pl->n_sets++] = (scn_override){.assignment = sim_xstrdup(buf), .add = add};
}

static int find_stream(planner *pl, sim_err *err)
{
    const scenario *s = pl->base;
    if (!s->n_traffic)
        return sim_errorf(err, SIM_EINPUT, s->path, 0, "the scenario has no [traffic.NAME] stream to plan");
    pl->stream = &s->traffic[0];
    for (size_t i = 0; pl->o->stream && i < s->n_traffic; i++)
        if (!strcmp(s->traffic[i].name, pl->o->stream))
            pl->stream = &s->traffic[i];
    if (pl->o->stream && strcmp(pl->stream->name, pl->o->stream))
        return sim_errorf(err, SIM_EINPUT, "--stream", 0, "the scenario has no [traffic.%s]", pl->o->stream);
    pl->account = &s->accounts[pl->stream->account_index[0]];
    return 0;
}

/* --senders LIST: split at commas; each must make a valid scenario as the
 * stream's sender. */
static int parse_senders(planner *pl, sim_err *err)
{
    char *list = sim_xstrdup(pl->o->senders), *save = NULL;
    int rc = 0;
    for (char *t = strtok_r(list, ", ", &save); t && !rc; t = strtok_r(NULL, ", ", &save)) {
        char set[256];
        snprintf(set, sizeof set, "traffic.%s.sender=%s", pl->stream->name, t);
        scn_override *sets = sim_xmalloc((pl->n_sets + 1) * sizeof *sets);
        memcpy(sets, pl->sets, pl->n_sets * sizeof *sets);
        sets[pl->n_sets] = (scn_override){.assignment = set};
        sim_err inner;
        scenario *s = scn_open(pl->o->scenario, sets, pl->n_sets + 1, &inner);
        free(sets);
        if (!s)
            rc = sim_errorf(err, SIM_EINPUT, "--senders", 0, "%s", inner.msg);
        scn_destroy(s);
        pl->senders = sim_xrealloc(pl->senders, (pl->n_senders + 1) * sizeof *pl->senders);
        pl->senders[pl->n_senders++] = sim_xstrdup(t);
    }
    free(list);
    if (!rc && !pl->n_senders)
        rc = sim_errorf(err, SIM_EINPUT, "--senders", 0, "needs a list of senders (e.g. overflow,pace)");
    return rc;
}

static int prepare(planner *pl, sim_err *err)
{
    const plan_options *o = pl->o;
    char reps[32];
    snprintf(reps, sizeof reps, "%d", PLAN_REPS);
    push_set(pl, 0, "sim.reps=%s%s", reps, "");
    for (size_t i = 0; i < o->n_sets; i++)
        push_set(pl, o->sets[i].add, "%s%s", o->sets[i].assignment, "");
    pl->base = scn_open(o->scenario, pl->sets, pl->n_sets, err);
    if (!pl->base || find_stream(pl, err))
        return SIM_EINPUT;
    if (!(o->target > 0) || o->by <= 0)
        return sim_errorf(err, SIM_EINPUT, "--target", 0, "plan needs --target COUNT and --by DURATION, both positive");
    int64_t step = pl->base->sim.interval;
    pl->horizon = (o->by + step - 1) / step * step;
    pl->days = (size_t)((pl->horizon + SIM_MS_PER_DAY - 1) / SIM_MS_PER_DAY);
    int64_t run = pl->base->sim.duration > pl->horizon ? pl->base->sim.duration : pl->horizon;
    pl->schedule_days = (size_t)((run + SIM_MS_PER_DAY - 1) / SIM_MS_PER_DAY);
    char t[UNITS_BUF], d[UNITS_BUF];
    units_fmt_count(o->target, t);
    units_fmt_duration(pl->horizon, d);
    snprintf(pl->column, sizeof pl->column, "%s%s", SUMMARY_DAYS_TO, t);
    push_set(pl, 0, "sim.duration=%s%s", d, "");
    push_set(pl, 0, "sim.targets=%s%s", t, "");
    sim_err inner; /* the deadline must fit the scenario's sim settings */
    scenario *check = scn_open(o->scenario, pl->sets, pl->n_sets, &inner);
    int rc = check ? 0 : sim_errorf(err, SIM_EINPUT, "--by", 0, "%s", inner.msg);
    scn_destroy(check);
    if (!rc && o->senders)
        rc = parse_senders(pl, err);
    return rc;
}

/* ---- candidates ---- */

/* The cap of a schedule on each day 1..n (into caps, INFINITY: none) and its
 * text: `start` on day 1, times `growth` a day, unlimited from the first day
 * it reaches the target (times the accounts a split stream shares it over);
 * growth 0 or a start at that: no cap. */
static char *schedule(const planner *pl, double start, double growth, size_t lift, double *caps,
                      size_t n)
{
    size_t len = 0, size = 64;
    char *text = sim_xmalloc(size);
    double prev = -1, cap = INFINITY, lift_at = pl->o->target * (double)pl->stream->account.n;
    int open = growth > 0 && start < lift_at;
    strcpy(text, "none");
    for (size_t d = 1; d <= pl->schedule_days || (caps && d <= n); d++) {
        if (open && d <= pl->schedule_days) {
            double c = nearbyint(start * pow(growth, (double)(d - 1)));
            cap = c >= lift_at || (lift && d >= lift) ? INFINITY : c;
            open = isfinite(cap);
            if (cap != prev) {
                char step[64];
                int w = isfinite(cap) ? snprintf(step, sizeof step, "%s%zu:%.0f", len ? ", " : "", d, cap)
                                      : snprintf(step, sizeof step, "%s%zu:unlimited", len ? ", " : "", d);
                if (len + (size_t)w + 1 > size)
                    text = sim_xrealloc(text, size = 2 * (len + (size_t)w + 1));
                memcpy(text + len, step, (size_t)w + 1);
                len += (size_t)w;
                prev = cap;
            }
        }
        if (caps && d <= n)
            caps[d - 1] = cap;
    }
    return text;
}

/* account.request_quota of a candidate's requests ("6d:150k, 8d:300k", in
 * time order), NULL when it has none. */
static char *request_text(const candidate *c)
{
    if (!c->n_req)
        return NULL;
    char *text = sim_xmalloc(c->n_req * (UNITS_BUF + 24));
    size_t used = 0;
    for (size_t k = 0; k < c->n_req; k++) {
        char amount[UNITS_BUF];
        units_fmt_count(c->req_amount[k], amount);
        used += (size_t)sprintf(text + used, "%s%zud:%s", k ? ", " : "", c->req_day[k] - 1, amount);
    }
    return text;
}

static int same_text(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* Point p's assignments: the cap, then the requests (with --requests always)
 * and the sender when the candidate has them. */
static void set_assignments(planner *pl, const candidate *c, const char *cap)
{
    const char *acc = pl->account->name, *name = pl->stream->name;
    size_t n = 0, size = strlen(name) + strlen(cap) + 32;
    char **a = sim_xmalloc(3 * sizeof *a);
    a[n] = sim_xmalloc(size);
    snprintf(a[n++], size, "traffic.%s.cap=%s", name, cap);
    if (c->requests || pl->o->requests > 0) { /* --requests: the plan's requests replace the scenario's */
        const char *r = c->requests ? c->requests : "none";
        size = strlen(acc) + strlen(r) + 32;
        a[n] = sim_xmalloc(size);
        snprintf(a[n++], size, "account.%s.request_quota=%s", acc, r);
    }
    if (c->sender) {
        size = strlen(name) + strlen(c->sender) + 32;
        a[n] = sim_xmalloc(size);
        snprintf(a[n++], size, "traffic.%s.sender=%s", name, c->sender);
    }
    pl->assign[pl->np] = a;
    pl->n_assign[pl->np++] = n;
}

/* The candidate of this schedule (with the requests and sender of pl->with):
 * an earlier one with the same texts, or a new one with a point to run. */
static size_t add_candidate(planner *pl, double start, double growth, size_t lift, const char *stage)
{
    char *text = schedule(pl, start, growth, lift, NULL, 0), *req = request_text(&pl->with);
    for (size_t i = 0; i < pl->nc; i++)
        if (!strcmp(pl->c[i].cap, text) && same_text(pl->c[i].requests, req) &&
            pl->c[i].sender == pl->with.sender) {
            free(text);
            free(req);
            return i;
        }
    if (pl->nc == pl->cap_c) {
        pl->cap_c = pl->cap_c ? 2 * pl->cap_c : 32;
        pl->c = sim_xrealloc(pl->c, pl->cap_c * sizeof *pl->c);
        pl->assign = sim_xrealloc(pl->assign, pl->cap_c * sizeof *pl->assign);
        pl->n_assign = sim_xrealloc(pl->n_assign, pl->cap_c * sizeof *pl->n_assign);
    }
    candidate *c = &pl->c[pl->nc];
    *c = pl->with;
    c->start = start;
    c->growth = growth;
    c->lift = lift;
    c->cap = text;
    c->stage = stage;
    c->point = pl->np;
    c->requests = req;
    set_assignments(pl, c, text);
    return pl->nc++;
}

/* Mean of a summary column over the reps (empty cells skipped); *n_empty counts them. */
static int column_mean(const planner *pl, size_t p, const char *column, double *mean, size_t *n_empty,
                       double **values, size_t *n, sim_err *err)
{
    int rc = points_column(pl->study.work, p, pl->account->name, column, values, n, err);
    double sum = 0;
    size_t empty = 0;
    for (size_t r = 0; !rc && r < *n; r++) {
        if (isnan((*values)[r]))
            empty++;
        else
            sum += (*values)[r];
    }
    *mean = *n > empty ? sum / (double)(*n - empty) : NAN;
    if (n_empty)
        *n_empty = empty;
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int read_candidate(const planner *pl, candidate *c, sim_err *err)
{
    double *v = NULL, *w = NULL;
    size_t n, m, empty;
    int rc = column_mean(pl, c->point, pl->column, &c->median_day, &empty, &v, &n, err);
    if (!rc) {
        c->reach = (double)(n - empty) / (double)n;
        for (size_t r = 0; r < n; r++) /* never reached: after every day */
            v[r] = isnan(v[r]) ? INFINITY : v[r];
        qsort(v, n, sizeof *v, cmp_double);
        c->median_day = v[n / 2]; /* the upper median; INFINITY when half never reached it */
        free(v);
        v = NULL;
        rc = points_column(pl->study.work, c->point, pl->account->name, columns_summary[SUM_days_under_review], &v, &n, err) ||
             points_column(pl->study.work, c->point, pl->account->name, columns_summary[SUM_days_paused], &w, &m, err);
    }
    char **status = NULL;
    size_t ns = 0, risky = 0;
    if (!rc)
        rc = points_text_column(pl->study.work, c->point, pl->account->name,
                                columns_summary[SUM_final_status], &status, &ns, err);
    /* reviewed or paused by the deadline: for a while, or from its last instant on */
    for (size_t r = 0; !rc && r < n && r < m && r < ns; r++) {
        int shown = account_shown_code(status[r]);
        risky += v[r] > 0 || w[r] > 0 || shown == SHOWN_UNDER_REVIEW || shown == SHOWN_PAUSED;
    }
    for (size_t r = 0; r < ns; r++)
        free(status[r]);
    free(status);
    free(v);
    free(w);
    v = NULL;
    if (!rc)
        c->risk = (double)risky / (double)n;
    const summary_column_id cols[] = {SUM_total_sent, SUM_total_overflow, SUM_total_demand,
                                      SUM_final_max24h, SUM_total_dropped, SUM_total_rejected,
                                      SUM_delay_p99_s};
    double rejected = 0, *out[] = {&c->sent, &c->overflow, &c->demand, &c->quota, &c->lost, &rejected,
                                   &c->delay99};
    for (size_t k = 0; k < 7 && !rc; k++) {
        rc = column_mean(pl, c->point, columns_summary[cols[k]], out[k], NULL, &v, &n, err);
        free(v);
        v = NULL;
    }
    c->lost += rejected;
    return rc;
}

/* Run the points of candidates first..nc-1 and read their results. */
static int evaluate(planner *pl, size_t first, int quiet, sim_err *err)
{
    if (first >= pl->nc)
        return 0;
    const plan_options *o = pl->o;
    size_t p0 = pl->c[first].point;
    points_batch b = {.scenario = o->scenario, .sets = pl->sets,
                      .n_sets = pl->n_sets, .outdir = pl->study.work,
                      .assign = (char *const *const *)pl->assign, .n_assign = pl->n_assign,
                      .first = p0, .n = pl->np - p0, .jobs = o->jobs, .quiet = quiet,
                      .progress = o->progress, .unit = "candidates"};
    int rc = points_run(&b, err);
    for (size_t i = first; i < pl->nc && !rc; i++)
        rc = read_candidate(pl, &pl->c[i], err);
    return rc;
}

/* ---- comparing ---- */

static double violation(const planner *pl, const candidate *c)
{
    return fmax(0, PLAN_REACH - c->reach - 1e-12) + fmax(0, c->risk - pl->o->risk - 1e-12);
}

static int feasible(const planner *pl, const candidate *c) { return violation(pl, c) == 0; }

/* Is a better than b? Feasible first, then the most sent through SES;
 * among infeasible ones, the smallest violation. */
static int better(const planner *pl, const candidate *a, const candidate *b)
{
    int fa = feasible(pl, a), fb = feasible(pl, b);
    if (fa != fb)
        return fa;
    double va = violation(pl, a), vb = violation(pl, b);
    if (!fa && va != vb)
        return va < vb;
    return a->sent > b->sent;
}

static size_t best_of(const planner *pl, int capped_only)
{
    size_t best = pl->nc;
    for (size_t i = 0; i < pl->nc; i++)
        if ((!capped_only || pl->c[i].growth > 0) && (best == pl->nc || better(pl, &pl->c[i], &pl->c[best])))
            best = i;
    return best;
}

/* ---- the search ---- */

/* No cap, then PLAN_GRID_STARTS first-day caps from PLAN_MIN_START up (geometric,
 * below the target) times the grid's growths. */
static int grid(planner *pl, sim_err *err)
{
    size_t first = pl->nc, none = add_candidate(pl, pl->o->target, 0, 0, "grid");
    double lo = fmin(PLAN_MIN_START, pl->o->target / 2);
    for (size_t k = 0; k < PLAN_GRID_STARTS; k++)
        for (size_t g = 0; g < N_GROWTHS; g++)
            add_candidate(pl, lo * pow(pl->o->target / lo, (double)k / PLAN_GRID_STARTS), grid_growths[g], 0,
                          "grid");
    int rc = evaluate(pl, first, pl->o->quiet, err);
    if (!rc)
        pl->scale = pl->c[none].sent > 0 ? pl->c[none].sent : pl->o->target * (double)pl->days;
    return rc;
}

static double objective(const gsl_vector *x, void *ctx)
{
    planner *pl = ctx;
    if (pl->failed)
        return GSL_NAN;
    double lo = fmin(PLAN_MIN_START, pl->o->target / 2);
    double start = fmin(fmax(exp(gsl_vector_get(x, 0)), lo), pl->o->target);
    double growth = 1 + fmin(fmax(exp(gsl_vector_get(x, 1)), 0.02), PLAN_MAX_GROWTH - 1);
    size_t before = pl->nc, i = add_candidate(pl, start, growth, 0, "simplex");
    if (i >= before && evaluate(pl, before, 1, pl->err)) {
        pl->failed = 1;
        return GSL_NAN;
    }
    const candidate *c = &pl->c[i];
    return -c->sent / pl->scale + PLAN_PENALTY * violation(pl, c);
}

/* Nelder-Mead from the best capped candidate of the grid. */
static int refine(planner *pl, sim_err *err)
{
    const candidate *from = &pl->c[best_of(pl, 1)];
    double lo = fmin(PLAN_MIN_START, pl->o->target / 2);
    gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_vector_set(x, 0, log(from->start));
    gsl_vector_set(x, 1, log(from->growth - 1));
    gsl_vector_set(step, 0, log(pl->o->target / lo) / PLAN_GRID_STARTS);
    gsl_vector_set(step, 1, 0.3);
    gsl_multimin_function f = {.n = 2, .f = objective, .params = pl};
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    pl->err = err;
    gsl_multimin_fminimizer_set(m, &f, x, step);
    for (int it = 0; it < PLAN_SIMPLEX_ITERATIONS && !pl->failed; it++)
        if (gsl_multimin_fminimizer_iterate(m) ||
            gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), PLAN_SIMPLEX_SIZE) == GSL_SUCCESS)
            break;
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return pl->failed ? SIM_ERUNTIME : 0;
}

/* The day a candidate's cap is lifted: its lift day, or the first day its
 * geometric cap reaches the target; 0 when it never is within the schedule. */
static size_t lift_day(const planner *pl, const candidate *c)
{
    double caps[1];
    char *text = schedule(pl, c->start, c->growth, c->lift, caps, 1);
    const char *u = strstr(text, ":unlimited");
    size_t day = 0;
    if (u) { /* the number before ":unlimited" */
        while (u > text && u[-1] >= '0' && u[-1] <= '9')
            u--;
        day = (size_t)strtoul(u, NULL, 10);
    }
    free(text);
    return day;
}

/* The best capped schedule with its cap lifted earlier: every earlier day,
 * in the pool at once (lifting sends more, and may risk more). */
static int lift_scan(planner *pl, sim_err *err)
{
    const candidate *c = &pl->c[best_of(pl, 1)];
    size_t last = lift_day(pl, c), first = pl->nc;
    double start = c->start, growth = c->growth;
    if (!last)
        last = pl->days + 1;
    for (size_t day = 2; day < last && day <= pl->days; day++)
        add_candidate(pl, start, growth, day, "lift");
    return evaluate(pl, first, pl->o->quiet, err);
}

/* ---- manual quota requests and senders ---- */

/* The amounts a request asks: the target times quota_request_factor^j, j from
 * -PLAN_REQUEST_STEPS_DOWN to PLAN_REQUEST_STEPS_UP, those above the starting quota. */
static size_t request_amounts(const planner *pl, double *out)
{
    double f = pl->base->policy.quota_request_factor;
    size_t n = 0;
    for (int j = -PLAN_REQUEST_STEPS_DOWN; j <= PLAN_REQUEST_STEPS_UP; j++) {
        double a = nearbyint(pl->o->target * pow(f, j));
        if (a > pl->account->max24h && (!n || a > out[n - 1]))
            out[n++] = a;
    }
    return n;
}

/* *w: from's requests with one more, filed on `day` asking `amount`, in time
 * order; 0 when from has the most or that one already. */
static int with_request(candidate *w, const candidate *from, size_t day, double amount)
{
    *w = *from;
    if (w->n_req >= PLAN_MAX_REQUESTS)
        return 0;
    for (size_t k = 0; k < w->n_req; k++)
        if (w->req_day[k] == day && w->req_amount[k] == amount)
            return 0;
    size_t k = w->n_req++;
    for (; k > 0 && (w->req_day[k - 1] > day || (w->req_day[k - 1] == day && w->req_amount[k - 1] > amount)); k--) {
        w->req_day[k] = w->req_day[k - 1];
        w->req_amount[k] = w->req_amount[k - 1];
    }
    w->req_day[k] = day;
    w->req_amount[k] = amount;
    return 1;
}

/* c without its request k. */
static void drop_request(candidate *c, size_t k)
{
    memmove(c->req_day + k, c->req_day + k + 1, (c->n_req - k - 1) * sizeof *c->req_day);
    memmove(c->req_amount + k, c->req_amount + k + 1, (c->n_req - k - 1) * sizeof *c->req_amount);
    c->n_req--;
}

/* `from` with one more request, on every day to the deadline times every
 * amount, with no cap, in the pool at once (common random numbers); *cur
 * becomes the best of them if it beats *cur. */
static int one_more(planner *pl, const candidate *from, size_t *cur, sim_err *err)
{
    double amounts[PLAN_REQUEST_STEPS_DOWN + PLAN_REQUEST_STEPS_UP + 1];
    size_t na = request_amounts(pl, amounts), first = pl->nc;
    for (size_t d = 1; d <= pl->days; d++)
        for (size_t a = 0; a < na; a++)
            if (with_request(&pl->with, from, d, amounts[a]))
                add_candidate(pl, pl->o->target, 0, 0, "request");
    int rc = evaluate(pl, first, pl->o->quiet, err);
    for (size_t i = first; !rc && i < pl->nc; i++)
        if (better(pl, &pl->c[i], &pl->c[*cur]))
            *cur = i;
    return rc;
}

/* --requests N: greedy, one request at a time while one more beats the plan
 * without it; then coordinate passes, each request searched again with the
 * others fixed, until a pass changes nothing (at most PLAN_REQUEST_PASSES).
 * The candidates after this take the requests found (pl->with). */
static int request_search(planner *pl, sim_err *err)
{
    size_t cur = add_candidate(pl, pl->o->target, 0, 0, "request");
    int rc = evaluate(pl, cur, pl->o->quiet, err);
    for (int k = 0; !rc && k < pl->o->requests; k++) {
        size_t was = cur;
        candidate from = pl->c[cur];
        rc = one_more(pl, &from, &cur, err);
        if (cur == was)
            break;
    }
    for (int pass = 0; !rc && pass < PLAN_REQUEST_PASSES && pl->c[cur].n_req > 1; pass++) {
        size_t was = cur;
        for (size_t k = 0; !rc && k < pl->c[cur].n_req; k++) {
            candidate from = pl->c[cur];
            drop_request(&from, k);
            rc = one_more(pl, &from, &cur, err);
        }
        if (cur == was)
            break;
    }
    pl->with = pl->c[cur];
    return rc;
}

/* --senders: the best plan found again with each sender named (the
 * scenario's own is the plan itself), in the pool at once. */
static int sender_stage(planner *pl, sim_err *err)
{
    candidate best = pl->c[best_of(pl, 0)];
    size_t first = pl->nc;
    pl->with = best;
    for (size_t i = 0; i < pl->n_senders; i++) {
        if (!strcmp(pl->senders[i], pl->stream->sender->name))
            continue;
        pl->with.sender = pl->senders[i];
        add_candidate(pl, best.start, best.growth, best.lift, "sender");
    }
    return evaluate(pl, first, pl->o->quiet, err);
}

/* ---- why no plan ---- */

/* What in the scenario makes reviews and pauses, for the words of a failure. */
static const char *risk_cause(const planner *pl)
{
    if (pl->stream->account.n > 1)
        return "the stream is split over several accounts: a day whose combined volume exceeds the "
               "largest single quota risks a circumvention flag (policy.circumvention_hazard), which a "
               "lower cap avoids only by sending less";
    if (pl->account->review_hazard > 0)
        return "account.review_hazard puts a healthy account under review at random, whatever it sends";
    return "SES judges the bounce and complaint rates, not the volume, so no schedule lowers them; "
           "clean the list or lower the complaints";
}

static void explain(const planner *pl, const candidate *best, char *buf, size_t n)
{
    const scn_policy *p = &pl->base->policy;
    char t[UNITS_BUF], q0[UNITS_BUF], dem[UNITS_BUF], need[UNITS_BUF], qd[UNITS_BUF];
    units_fmt_count(pl->o->target, t);
    units_fmt_count(nearbyint(best->quota), qd);
    units_fmt_quota(pl->account->max24h, q0);
    double raises = p->ramp_factor > 1 ? ceil(log(pl->o->target / pl->account->max24h) / log(p->ramp_factor)) : INFINITY;
    double days_needed = raises * (double)p->ramp_interval / SIM_MS_PER_DAY;
    double daily = best->demand / ((double)pl->horizon / SIM_MS_PER_DAY);
    units_fmt_count(nearbyint(daily), dem);
    units_fmt_count(nearbyint(p->ramp_utilization * pl->o->target), need);
    char advice[256];
    if (pl->o->requests > 0)
        snprintf(advice, sizeof advice, "no plan with up to %d manual quota requests (--requests) brought it in "
                 "time (SES grants at most %.3g x the peak 24-hour usage): move the deadline", pl->o->requests, p->quota_request_factor);
    else
        snprintf(advice, sizeof advice, "file a manual quota request (account.%s.request_quota) or move the deadline",
                 pl->account->name);
    if (best->reach >= PLAN_REACH)
        snprintf(buf, n, "every schedule tried that reaches %s by day %zu is reviewed or paused in at least "
                 "%.0f%% of the replications, over --risk %.3g%%; %s", t, pl->days, 100 * best->risk,
                 100 * pl->o->risk, risk_cause(pl));
    else if (pl->o->target > p->ramp_ceiling && pl->o->requests > 0)
        snprintf(buf, n, "automatic raises stop at policy.ramp_ceiling and no plan with up to %d manual quota requests "
                 "(--requests), on any day to day %zu, reached %s in 95%% of the replications: SES grants at most %.3g x the peak "
                 "24-hour usage, so the account must send %.0f a day first", pl->o->requests, pl->days, t,
                 p->quota_request_factor, pl->o->target / p->quota_request_factor);
    else if (pl->o->target > p->ramp_ceiling)
        snprintf(buf, n, "automatic raises stop at policy.ramp_ceiling; only a manual quota request "
                 "(account.%s.request_quota) can reach %s", pl->account->name, t);
    else if (!(days_needed <= (double)pl->horizon / SIM_MS_PER_DAY))
        snprintf(buf, n, "the quota cannot reach %s in %zu days at ramp_factor %g even with clean sending: "
                 "from %s it takes %.0f raises, one per ramp_interval, %.1f days; %s", t, pl->days, p->ramp_factor,
                 q0, raises, days_needed, advice);
    else if (daily < p->ramp_utilization * pl->o->target)
        snprintf(buf, n, "the account gets about %s a day of the stream, below ramp_utilization x %s = %s: SES raises the "
                 "quota only when the last 24 hours used %.0f%% of it, so the quota stops short of %s (%s on "
                 "average on day %zu)", dem, t, need, 100 * p->ramp_utilization, t, qd, pl->days);
    else
        snprintf(buf, n, "the quota reached %s by day %zu in only %.0f%% of the replications: the ramp's "
                 "reputation conditions held it back (reviewed or paused in %.0f%%)", t, pl->days,
                 100 * best->reach, 100 * best->risk);
}

/* ---- the plan's files ---- */

static void fmt_int(double v, char *buf, size_t n)
{
    if (!isfinite(v))
        snprintf(buf, n, "never");
    else
        snprintf(buf, n, "%.0f", v);
}

static void write_schedule_words(FILE *f, const planner *pl, const candidate *c)
{
    if (c->growth <= 0) {
        fprintf(f, "Schedule: no cap. Send everything through SES from day 1 (what SES refuses goes to the\n"
                   "legacy provider at once): no capped schedule tried moved more mail through SES.\n");
        return;
    }
    double caps[1];
    char *text = schedule(pl, c->start, c->growth, c->lift, caps, 1);
    size_t lift = lift_day(pl, c);
    fprintf(f, "Schedule: at most %.0f messages through SES on day 1", caps[0]);
    if (lift != 2)
        fprintf(f, ", then %.3g times more each day", c->growth);
    if (lift)
        fprintf(f, ",\nno cap from day %zu; the rest through the legacy provider.\n", lift);
    else
        fprintf(f, ",\ncapped for the whole run; the rest through the legacy provider.\n");
    fprintf(f, "  cap = %s\n", text);
    free(text);
}

/* The candidate with this cap, these requests and this sender, or NULL. */
static const candidate *find_candidate(const planner *pl, const char *cap, const char *requests,
                                       const char *sender)
{
    for (size_t i = 0; i < pl->nc; i++)
        if (!strcmp(pl->c[i].cap, cap) && same_text(pl->c[i].requests, requests) && pl->c[i].sender == sender)
            return &pl->c[i];
    return NULL;
}

/* The no-cap candidate of the request search with request k of c moved a day
 * earlier (shift 1) or left out (shift 0), or NULL. */
static const candidate *request_variant(const planner *pl, const candidate *c, size_t k, int shift)
{
    candidate v = *c;
    if (shift) {
        if (v.req_day[k] < 2 || (k && v.req_day[k - 1] == v.req_day[k]))
            return NULL;
        v.req_day[k]--;
    } else
        drop_request(&v, k);
    char *text = request_text(&v);
    const candidate *found = find_candidate(pl, "none", text, NULL);
    free(text);
    return found;
}

static void write_request_words(FILE *f, const planner *pl, const candidate *c)
{
    if (!c->n_req) {
        fprintf(f, "\nManual quota requests: none; no request tried (--requests %d) moved more mail through SES.\n",
                pl->o->requests);
        return;
    }
    fprintf(f, "\nManual quota requests: account.%s.request_quota = %s\n", pl->account->name, c->requests);
    for (size_t k = 0; k < c->n_req; k++) {
        const candidate *without = request_variant(pl, c, k, 0), *early = request_variant(pl, c, k, 1);
        fprintf(f, "  file a request for %.0f a day at the start of day %zu (%zud after the start)", c->req_amount[k],
                c->req_day[k], c->req_day[k] - 1);
        if (without)
            fprintf(f, ";\n    without it the target was reached in %.0f%%, %.0f through SES", 100 * without->reach,
                    without->sent);
        if (early)
            fprintf(f, ";\n    filed a day earlier, in %.0f%%, %.0f through SES", 100 * early->reach, early->sent);
        fputs(".\n", f);
    }
    fprintf(f, "  (with no cap, the same random numbers.) SES grants a request only when the account is healthy\n"
               "  and the amount is at most %.3g x the peak 24-hour usage so far (policy.quota_request_factor):\n"
               "  filed too early it is denied (\"send more first\"), too late it moves less mail.\n",
            pl->base->policy.quota_request_factor);
}

static void write_sender_line(FILE *f, const candidate *c, const char *name, int chosen)
{
    /* a difference of means: rounding leaves +-1e-10 where none wait, which
     * %.0f would print as "-0" */
    double waiting = c->demand - c->sent - c->overflow - c->lost;
    if (fabs(waiting) < 0.5)
        waiting = 0;
    fprintf(f, "  %-9s reached %3.0f%%, reviewed or paused %3.0f%%, %.0f through SES, %.0f legacy, %.0f lost, "
               "%.0f waiting", name, 100 * c->reach, 100 * c->risk, c->sent, c->overflow, c->lost,
            waiting);
    if (isfinite(c->delay99))
        fprintf(f, ", p99 delay %.1f h", c->delay99 / 3600);
    fputs(chosen ? "   <- the plan\n" : "\n", f);
}

/* --senders: each sender with the plan's cap and requests, the plan's marked. */
static void write_sender_words(FILE *f, const planner *pl, const candidate *c)
{
    const char *own = pl->stream->sender->name, *chosen = c->sender ? c->sender : own;
    fprintf(f, "\nSender: %s (traffic.%s.sender; the scenario's: %s). Each sender compared, with the plan's\n"
               "cap and requests (means by day %zu; lost: dropped or rejected; waiting: in the sender at the end):\n",
            chosen, pl->stream->name, own, pl->days);
    const candidate *base = find_candidate(pl, c->cap, c->requests, NULL);
    if (base)
        write_sender_line(f, base, own, !c->sender);
    for (size_t i = 0; i < pl->n_senders; i++) {
        const candidate *s = strcmp(pl->senders[i], own) ? find_candidate(pl, c->cap, c->requests, pl->senders[i]) : NULL;
        if (s)
            write_sender_line(f, s, s->sender, s == c);
    }
}

static void write_text(FILE *f, const planner *pl, const candidate *c, int found, const char *why)
{
    char t[UNITS_BUF], by[UNITS_BUF], day[32];
    units_fmt_count(pl->o->target, t);
    units_fmt_duration(pl->o->by, by);
    fmt_int(c->median_day, day, sizeof day);
    fprintf(f, "sesim plan: traffic.%s (account %s) to a quota of %s a day by %s (day %zu), reviewed or\n"
               "paused in at most %.3g%% of the replications.\n\n", pl->stream->name, pl->account->name,
            t, by, pl->days, 100 * pl->o->risk);
    if (!found)
        fprintf(f, "No plan meets the constraints: %s.\n\nThe best found:\n", why);
    write_schedule_words(f, pl, c);
    if (pl->o->requests > 0)
        write_request_words(f, pl, c);
    if (pl->n_senders)
        write_sender_words(f, pl, c);
    size_t reps = (size_t)pl->base->sim.reps;
    fprintf(f, "\nReached %s in %.0f of %zu replications (%.0f%%; median day %s); reviewed or paused by\n"
               "day %zu in %.0f of %zu (%.0f%%). By day %zu, %.0f messages through SES and %.0f through the\n"
               "legacy provider (means over the replications; quota on day %zu: %.0f).\n",
            t, c->reach * (double)reps, reps, 100 * c->reach, day, pl->days, c->risk * (double)reps, reps,
            100 * c->risk, pl->days, c->sent, c->overflow, pl->days, c->quota);
    fprintf(f, "\nSearched %zu schedules with the same random numbers, %zu replications each "
               "(candidates.csv).\nDay by day: plan.csv. The scenario with the plan: plan.ini. "
               "The plan's run to day %zu: run/.\n", pl->nc, reps, pl->days);
}

/* candidates.csv's columns, listed once: the header and the switch below. */
#define CANDIDATE_COLUMNS(X)                                                                      \
    X(candidate) X(stage) X(start) X(growth) X(lift_day) X(reach) X(risk) X(feasible)             \
    X(mean_sent) X(mean_overflow) X(median_days) X(cap) X(requests) X(sender)
#define CANDIDATE_COLUMN_ID(name) CAND_##name,
typedef enum { CANDIDATE_COLUMNS(CANDIDATE_COLUMN_ID) CAND_COLUMNS_N } candidate_column_id;
#undef CANDIDATE_COLUMN_ID

/* Column col of candidate i's row; a flat schedule (growth 0) has none of
 * start, growth and lift_day. */
static void candidate_cell(FILE *f, candidate_column_id col, const planner *pl, size_t i)
{
    const candidate *c = &pl->c[i];
    char day[32];
    if (!(c->growth > 0) && (col == CAND_start || col == CAND_growth || col == CAND_lift_day)) {
        fputs("none", f);
        return;
    }
    switch (col) {
    case CAND_candidate: fprintf(f, "%zu", i + 1); break;
    case CAND_stage: fputs(c->stage, f); break;
    case CAND_start: fprintf(f, "%.0f", c->start); break;
    case CAND_growth: fprintf(f, "%.6g", c->growth); break;
    case CAND_lift_day: fprintf(f, "%zu", lift_day(pl, c)); break;
    case CAND_reach: fprintf(f, "%.4g", c->reach); break;
    case CAND_risk: fprintf(f, "%.4g", c->risk); break;
    case CAND_feasible: fprintf(f, "%d", feasible(pl, c)); break;
    case CAND_mean_sent: fprintf(f, "%.0f", c->sent); break;
    case CAND_mean_overflow: fprintf(f, "%.0f", c->overflow); break;
    case CAND_median_days: fmt_int(c->median_day, day, sizeof day), fputs(day, f); break;
    case CAND_cap: out_csv_field(f, c->cap); break;
    case CAND_requests: out_csv_field(f, c->requests ? c->requests : "none"); break;
    case CAND_sender: fputs(c->sender ? c->sender : pl->stream->sender->name, f); break;
    case CAND_COLUMNS_N: break;
    }
}

static void write_candidates(FILE *f, const planner *pl)
{
#define CANDIDATE_COLUMN_NAME(name) #name,
    static const char *const names[CAND_COLUMNS_N] = {CANDIDATE_COLUMNS(CANDIDATE_COLUMN_NAME)};
#undef CANDIDATE_COLUMN_NAME
    /* requests and sender only with --requests or --senders */
    int n = pl->o->requests > 0 || pl->n_senders ? CAND_COLUMNS_N : CAND_requests;
    for (int col = 0; col < n; col++)
        fprintf(f, "%s%c", names[col], col + 1 < n ? ',' : '\n');
    for (size_t i = 0; i < pl->nc; i++)
        for (int col = 0; col < n; col++) {
            candidate_cell(f, (candidate_column_id)col, pl, i);
            fputc(col + 1 < n ? ',' : '\n', f);
        }
}

/* plan.ini: the scenario with the user's --set, the plan's cap, and the target
 * among the targets; the run as long as the scenario's or the deadline. */
static int write_ini(FILE *f, const planner *pl, const candidate *c, sim_err *err)
{
    scn_list *tl = &pl->base->sim.targets;
    char list[1024] = "", text[UNITS_BUF];
    size_t used = 0;
    int added = 0;
    for (size_t i = 0; i <= tl->n; i++) {
        double v = i < tl->n ? tl->v[i] : INFINITY;
        if (!added && pl->o->target <= v) {
            added = 1;
            if (pl->o->target < v || i == tl->n) {
                units_fmt_count(pl->o->target, text);
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", text);
            }
        }
        if (i < tl->n && used < sizeof list) {
            units_fmt_count(v, text);
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", text);
        }
    }
    size_t n = pl->n_sets - 2; /* without the candidates' duration and targets */
    scn_override *sets = sim_xmalloc((n + 2 + pl->n_assign[c->point]) * sizeof *sets);
    memcpy(sets, pl->sets, n * sizeof *sets);
    char targets[1100], duration[UNITS_BUF + 16];
    snprintf(targets, sizeof targets, "sim.targets=%s", list);
    units_fmt_duration(pl->base->sim.duration > pl->horizon ? pl->base->sim.duration : pl->horizon, text);
    snprintf(duration, sizeof duration, "sim.duration=%s", text);
    sets[n++] = (scn_override){.assignment = targets};
    sets[n++] = (scn_override){.assignment = duration};
    for (size_t k = 0; k < pl->n_assign[c->point]; k++)
        sets[n++] = (scn_override){.assignment = pl->assign[c->point][k]};
    scenario *s = scn_open(pl->o->scenario, sets, n, err);
    free(sets);
    if (!s)
        return SIM_EINPUT;
    fprintf(f, "; sesim plan: the scenario with the plan's schedule cap on traffic.%s (plan.txt).\n;\n",
            pl->stream->name);
    if (c->requests)
        fprintf(f, "; Manual quota requests on account.%s: request_quota = %s.\n;\n", pl->account->name, c->requests);
    if (c->sender)
        fprintf(f, "; Sender of traffic.%s: %s (--senders).\n;\n", pl->stream->name, c->sender);
    int rc = scn_print(s, f, 0);
    scn_destroy(s);
    return rc;
}

/* The plan's run to the deadline, with its time series, into WORK/run (DIR/run at the end). */
static int final_run(const planner *pl, const candidate *c, plan_day *days, sim_err *err)
{
    size_t n = pl->n_sets;
    scn_override *sets = sim_xmalloc((n + pl->n_assign[c->point]) * sizeof *sets);
    memcpy(sets, pl->sets, n * sizeof *sets);
    for (size_t k = 0; k < pl->n_assign[c->point]; k++)
        sets[n++] = (scn_override){.assignment = pl->assign[c->point][k]};
    scenario *s = scn_open(pl->o->scenario, sets, n, err);
    free(sets);
    if (!s)
        return SIM_EINPUT;
    char *dir = out_join(pl->study.work, "run");
    run_options ro = {.outdir = dir, .quiet = 1, .jobs = pl->o->jobs};
    int rc = run_scenario(s, &ro, err);
    if (!rc)
        rc = plan_days_read(dir, pl->account->name, pl->days, (size_t)s->sim.reps, days, err);
    free(dir);
    scn_destroy(s);
    return rc;
}

static int write_outputs(planner *pl, const candidate *c, int found, const char *why, sim_err *err)
{
    plan_day *days = sim_xcalloc(pl->days, sizeof *days);
    double *caps = sim_xmalloc(pl->days * sizeof *caps), *asked = NULL;
    free(schedule(pl, c->start, c->growth, c->lift, caps, pl->days));
    if (pl->o->requests > 0) { /* plan.csv's quota_request: the largest asked that day */
        asked = sim_xmalloc(pl->days * sizeof *asked);
        for (size_t d = 0; d < pl->days; d++)
            asked[d] = NAN;
        for (size_t k = 0; k < c->n_req; k++)
            if (c->req_day[k] <= pl->days && !(asked[c->req_day[k] - 1] >= c->req_amount[k]))
                asked[c->req_day[k] - 1] = c->req_amount[k];
    }
    out_file files[4] = {{0}};
    static const char *const names[] = {"plan.txt", "plan.csv", "plan.ini", "candidates.csv"};
    int rc = final_run(pl, c, days, err);
    for (size_t i = 0; i < 4 && !rc; i++)
        rc = out_open(&files[i], pl->o->outdir, names[i], err);
    if (!rc) {
        write_text(files[0].f, pl, c, found, why);
        plan_days_write(files[1].f, days, caps, asked, pl->days);
        rc = write_ini(files[2].f, pl, c, err);
        write_candidates(files[3].f, pl);
    }
    static const points_folder run_folder = {"run", "run"};
    rc = rc ? (out_abort_all(files, 4), rc) : points_commit(&pl->study, files, 4, &run_folder, 1, err);
    free(days);
    free(caps);
    free(asked);
    return rc;
}

/* ---- the command ---- */

static void free_planner(planner *pl)
{
    for (size_t i = 0; i < pl->nc; i++)
        free(pl->c[i].cap);
    for (size_t i = 0; i < pl->nc; i++)
        free(pl->c[i].requests);
    for (size_t p = 0; p < pl->np; p++) {
        for (size_t k = 0; k < pl->n_assign[p]; k++)
            free(pl->assign[p][k]);
        free(pl->assign[p]);
    }
    for (size_t i = 0; i < pl->n_senders; i++)
        free(pl->senders[i]);
    free(pl->senders);
    for (size_t i = 0; i < pl->n_sets; i++)
        free((char *)pl->sets[i].assignment);
    free(pl->sets);
    free(pl->c);
    free(pl->assign);
    free(pl->n_assign);
    scn_destroy(pl->base);
}

static void print_result(const planner *pl, const candidate *c, int found, const char *why)
{
    printf("sesim: wrote %s/plan.txt, plan.csv, plan.ini, candidates.csv (%zu schedules)\n", pl->o->outdir,
           pl->nc);
    if (!found)
        printf("  no plan meets the constraints: %s\n", why);
    char day[32];
    fmt_int(c->median_day, day, sizeof day);
    printf("  %s: %s; target reached in %.0f%% (median day %s), reviewed or paused in %.0f%%, "
           "%.0f through SES by day %zu\n", found ? "plan" : "best found",
           c->growth > 0 ? "capped schedule (plan.txt)" : "no cap", 100 * c->reach, day, 100 * c->risk,
           c->sent, pl->days);
    if (c->requests || c->sender)
        printf("  manual quota requests: %s; sender: %s\n", c->requests ? c->requests : "none",
               c->sender ? c->sender : pl->stream->sender->name);
}

int plan_run(const plan_options *opt, sim_err *err)
{
    planner pl = {.o = opt};
    static const char *const owned[] = {"plan.txt", "plan.csv", "plan.ini", "candidates.csv",
                                        "points", "run", NULL};
    int rc = prepare(&pl, err);
    if (!rc)
        rc = points_begin(&pl.study, opt->outdir, "plan", owned, err);
    if (!rc && opt->requests > 0)
        rc = request_search(&pl, err);
    if (!rc)
        rc = grid(&pl, err);
    size_t best = rc ? 0 : best_of(&pl, 0);
    /* A cap only withholds mail: when no cap is the best plan, nothing to refine. */
    if (!rc && (pl.c[best].growth > 0 || !feasible(&pl, &pl.c[best]))) {
        rc = refine(&pl, err);
        if (!rc)
            rc = lift_scan(&pl, err);
    }
    if (!rc && pl.n_senders)
        rc = sender_stage(&pl, err);
    char why[1024] = "";
    if (!rc) {
        best = best_of(&pl, 0);
        int found = feasible(&pl, &pl.c[best]);
        if (!found)
            explain(&pl, &pl.c[best], why, sizeof why);
        rc = write_outputs(&pl, &pl.c[best], found, why, err);
        if (!rc && !opt->quiet)
            print_result(&pl, &pl.c[best], found, why);
        if (!rc && !found)
            rc = sim_errorf(err, SIM_ERUNTIME, NULL, 0, "no plan meets the constraints: %s", why);
    }
    points_end(&pl.study);
    free_planner(&pl);
    return rc;
}
