/* calibrate.c: `sesim calibrate`: the exports read through their replay
 * kinds, the fit (calibrate_fit.c) printed and written as calibrated.ini. */
#include "calibrate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/jsonin.h"
#include "core/units.h"
#include "io/output.h"
#include "models/traffic.h"

/* ses-stats (CSV, or JSON with SendDataPoints), cloudwatch or ses-events. */
static const char *kind_of(const char *path)
{
    if (!jsonin_sniff(path))
        return "ses-stats";
    FILE *f = fopen(path, "rb");
    char head[65536];
    size_t n = f ? fread(head, 1, sizeof head - 1, f) : 0;
    if (f)
        fclose(f);
    head[n] = '\0';
    if (strstr(head, "\"SendDataPoints\""))
        return "ses-stats";
    if (strstr(head, "\"MetricDataResults\"") || strstr(head, "\"Datapoints\""))
        return "cloudwatch";
    return "ses-events";
}

static void append(const traffic_points *pts, int events, calib_obs **obs, size_t *n, size_t *cap)
{
    for (size_t i = 0; i < pts->n; i++) {
        if (*n == *cap)
            *obs = sim_xrealloc(*obs, (*cap = *cap ? 2 * *cap : 1024) * sizeof **obs);
        const traffic_point *p = &pts->p[i];
        (*obs)[(*n)++] = (calib_obs){.t = p->t, .width = pts->width, .sent = p->attempts,
                                     .hard = p->bounces, .complaints = p->complaints,
                                     .soft = p->soft, .outcomes = !pts->no_shares,
                                     .has_soft = events};
    }
}

static int read_one(const char *path, calib_obs **obs, size_t *n, size_t *cap, sim_err *err)
{
    const char *kind = kind_of(path);
    const traffic_type *type = traffic_type_find(kind);
    scn_traffic cfg = {.file = (char *)path};
    scn_sim sim = {.start = 0, .duration = SCN_MAX_DURATION_MS * 20};
    void *state = sim_xcalloc(1, type->state_size);
    int rc = type->init(state, &cfg, &sim, err);
    if (!rc)
        append(type->points(state), !strcmp(kind, "ses-events"), obs, n, cap);
    if (type->destroy)
        type->destroy(state);
    free(state);
    return rc;
}

static int by_time(const void *a, const void *b)
{
    const calib_obs *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

int calib_read(const char *const *files, size_t n_files, calib_obs **obs, size_t *n_obs,
               sim_err *err)
{
    size_t cap = 0;
    *obs = NULL;
    *n_obs = 0;
    for (size_t i = 0; i < n_files; i++) {
        int rc = read_one(files[i], obs, n_obs, &cap, err);
        if (rc)
            return rc;
    }
    if (*n_obs)
        qsort(*obs, *n_obs, sizeof **obs, by_time);
    for (size_t k = 1; k < *n_obs; k++)
        if ((*obs)[k - 1].t + (*obs)[k - 1].width > (*obs)[k].t)
            return sim_errorf(err, SIM_EINPUT, files[0], 0,
                              "the exports overlap in time: give each period once");
    return 0;
}

static void print_estimate(FILE *f, const char *key, const calib_estimate *e)
{
    if (e->identified)
        fprintf(f, "%s = %.4g%% ; 95%% interval %.4g%% .. %.4g%%\n", key, 100 * e->value,
                100 * e->lo, 100 * e->hi);
    else
        fprintf(f, "; %s: not identifiable from these exports (%s)\n", key, e->why);
}

static void write_fragment(FILE *f, const calib_result *r, const scn_traffic *fx)
{
    fprintf(f, "; sesim calibrate: %lld messages, %lld hard bounces, %lld complaints over %.2f days\n"
               "; keys of a [traffic.NAME] section (or --set 'traffic.*.KEY=VALUE')\n",
            (long long)r->sent, (long long)r->hard, (long long)r->complaints,
            (double)(r->end - r->first) / SIM_MS_PER_DAY);
    print_estimate(f, "invalid", &r->invalid);
    print_estimate(f, "list_decay", &r->list_decay);
    print_estimate(f, "complaint", &r->complaint);
    print_estimate(f, "soft_bounce", &r->soft_bounce);
    fprintf(f, "; held (not identifiable from counts): list_size = %.0f, fbl_share = %.4g%%, "
               "content = %.4g%%\n", fx->list_size, 100 * fx->fbl_share, 100 * fx->content);
}

/* ms in hours rounded to 0.01 h (down, nearest or up: dir -1, 0, 1), as a
 * duration a scenario reads ("23.82h"), trailing zeros left out. */
static void fmt_hours(double ms, int dir, char buf[UNITS_BUF])
{
    double h = ms / SIM_MS_PER_H * 100;
    h = (dir < 0 ? floor(h) : dir > 0 ? ceil(h) : round(h)) / 100;
    snprintf(buf, UNITS_BUF, "%.2f", h > 0.01 ? h : 0.01);
    char *end = buf + strlen(buf);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        *--end = '\0';
    snprintf(end, UNITS_BUF - (size_t)(end - buf), "h");
}

static void print_ramp(FILE *f, const calib_ramp *r)
{
    const calib_estimate *fa = &r->factor, *iv = &r->interval;
    char v[UNITS_BUF], lo[UNITS_BUF], hi[UNITS_BUF];
    if (fa->identified && r->exact[0])
        fprintf(f, "ramp_factor = %.6g ; exact range %.6f .. %.6f (floor(max24h x ramp_factor) "
                   "fits each of the %zu raises)\n", fa->value, floor(fa->lo * 1e6) / 1e6,
                ceil(fa->hi * 1e6) / 1e6, r->factor_raises);
    else if (fa->identified)
        fprintf(f, "ramp_factor = %.6g ; 95%% interval %.6f .. %.6f (Student's t of the mean log "
                   "ratio of %zu raises: no one factor fits them all)\n", fa->value,
                floor(fa->lo * 1e6) / 1e6, ceil(fa->hi * 1e6) / 1e6, r->factor_raises);
    else
        fprintf(f, "; ramp_factor: not identifiable from the quota history (%s)\n", fa->why);
    if (!iv->identified) {
        fprintf(f, "; ramp_interval: not identifiable from the quota history (%s)\n", iv->why);
        return;
    }
    fmt_hours(iv->value, 0, v);
    fmt_hours(iv->lo, -1, lo);
    fmt_hours(iv->hi, 1, hi);
    if (r->exact[1])
        fprintf(f, "ramp_interval = %s ; exact range %s .. %s (the longest check interval that "
                   "each of the %zu gaps between raises is a whole multiple of, a check running "
                   "at the hourly look)\n", v, lo, hi, r->gaps);
    else
        fprintf(f, "ramp_interval = %s ; 95%% interval %s .. %s (Student's t of %zu intervals "
                   "between raises: no one cadence fits them all)\n", v, lo, hi, r->gaps);
}

static void write_ramp(FILE *f, const calib_ramp *r)
{
    fprintf(f, "; the ramp, from a quota history: %zu snapshots over %.2f days; raises: %zu "
               "(%zu under ramp_ceiling); decreases (not the ramp's): %zu\n"
               "; keys of the [policy] section (or --set policy.KEY=VALUE)\n",
            r->snapshots, (double)(r->end - r->first) / SIM_MS_PER_DAY, r->raises,
            r->factor_raises, r->decreases);
    if (r->factor.identified || r->interval.identified)
        fprintf(f, "[policy]\n");
    print_ramp(f, r);
}

/* The whole calibrated.ini: the list keys (r, when exports were given), then
 * the ramp (ramp, when a quota history was). */
static void write_all(FILE *f, const calib_result *r, const calib_ramp *ramp,
                      const scn_traffic *fx)
{
    if (r)
        write_fragment(f, r, fx);
    if (ramp)
        write_ramp(f, ramp);
}

static int write_dir(const char *dir, const calib_result *r, const calib_ramp *ramp,
                     const scn_traffic *fx, sim_err *err)
{
    static const char *const owned[] = {"calibrated.ini", NULL};
    out_lock lock;
    out_file f;
    int rc = out_claim(&lock, dir, "calibrate", owned, err);
    if (rc)
        return rc;
    if (!(rc = out_open(&f, dir, "calibrated.ini", err))) {
        write_all(f.f, r, ramp, fx);
        rc = out_commit_all(&f, 1, err);
    }
    out_unclaim(&lock, rc != 0);
    return rc;
}

/* The quota histories of files read into *q; the other files (the exports)
 * listed in ex. */
static int read_quota(const calib_options *opt, const char **ex, size_t *n_ex, calib_quota **q,
                      size_t *nq, sim_err *err)
{
    size_t cap = 0;
    *n_ex = *nq = 0;
    *q = NULL;
    for (size_t i = 0; i < opt->n_files; i++) {
        if (!calib_is_quota(opt->files[i]))
            ex[(*n_ex)++] = opt->files[i];
        else {
            int rc = calib_quota_read(opt->files[i], q, nq, &cap, err);
            if (rc)
                return rc;
        }
    }
    return calib_quota_sort(*q, *nq, err);
}

int calib_run(const calib_options *opt, sim_err *err)
{
    const char **ex = sim_xcalloc(opt->n_files ? opt->n_files : 1, sizeof *ex);
    calib_obs *obs = NULL;
    calib_quota *q = NULL;
    size_t n = 0, n_ex, nq;
    calib_result r;
    calib_ramp ramp;
    int rc = read_quota(opt, ex, &n_ex, &q, &nq, err);
    if (!rc && n_ex && !(rc = calib_read(ex, n_ex, &obs, &n, err)))
        rc = calib_fit(obs, n, opt->fixed, &r, err);
    if (!rc && nq)
        calib_ramp_fit(q, nq, opt->policy ? opt->policy->ramp_ceiling : INFINITY, &ramp);
    free(obs);
    free(q);
    free(ex);
    if (rc)
        return rc;
    const calib_result *rp = n_ex ? &r : NULL;
    const calib_ramp *qp = nq ? &ramp : NULL;
    if (opt->outdir && (rc = write_dir(opt->outdir, rp, qp, opt->fixed, err)))
        return rc;
    if (!opt->quiet)
        write_all(stdout, rp, qp, opt->fixed);
    return 0;
}
