/* calibrate.c: `sesim calibrate`: the exports read through their replay
 * kinds, the fit (calibrate_fit.c) printed and written as calibrated.ini. */
#include "calibrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/jsonin.h"
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

static int write_dir(const char *dir, const calib_result *r, const scn_traffic *fx, sim_err *err)
{
    static const char *const owned[] = {"calibrated.ini", NULL};
    out_lock lock;
    out_file f;
    int rc = out_claim(&lock, dir, "calibrate", owned, err);
    if (rc)
        return rc;
    if (!(rc = out_open(&f, dir, "calibrated.ini", err))) {
        write_fragment(f.f, r, fx);
        rc = out_commit_all(&f, 1, err);
    }
    out_unclaim(&lock, rc != 0);
    return rc;
}

int calib_run(const calib_options *opt, sim_err *err)
{
    calib_obs *obs;
    size_t n;
    calib_result r;
    int rc = calib_read(opt->files, opt->n_files, &obs, &n, err);
    if (!rc)
        rc = calib_fit(obs, n, opt->fixed, &r, err);
    free(obs);
    if (rc)
        return rc;
    if (opt->outdir && (rc = write_dir(opt->outdir, &r, opt->fixed, err)))
        return rc;
    if (!opt->quiet)
        write_fragment(stdout, &r, opt->fixed);
    return 0;
}
