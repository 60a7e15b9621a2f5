/* cloudwatch.c: SES metrics from `aws cloudwatch get-metric-data` or
 * `get-metric-statistics` JSON, as the CLI prints them. */
#include "core/config.h"
#include "cloudwatch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonin.h"
#include "core/units.h"

static const char *const cw_names[CW_N_METRICS] = {
    "Send", "Delivery", "Bounce", "Complaint", "Reject",
    "Reputation.BounceRate", "Reputation.ComplaintRate",
};

const char *cw_metric_name(int metric)
{
    return metric >= 0 && metric < CW_N_METRICS ? cw_names[metric] : "?";
}

/* An Id (lower case first, no dots: CloudWatch's rule) against a name. */
static int id_matches(const char *id, const char *name)
{
    for (; *name; name++) {
        if (*name == '.')
            continue;
        if (tolower((unsigned char)*id) != tolower((unsigned char)*name))
            return 0;
        id++;
    }
    return *id == '\0';
}

static int find_metric(const char *label, const char *id)
{
    for (int m = 0; m < CW_N_METRICS; m++)
        if ((label && !strcmp(label, cw_names[m])) || (id && id_matches(id, cw_names[m])))
            return m;
    return -1;
}

/* A value of the metric: a count (a whole number) or a share in [0, 1]. */
static int check_value(const char *path, long line, json_t *v, const char *what, int metric,
                       double *out, sim_err *err)
{
    json_t *o = json_object();
    json_object_set(o, what, v);
    int rc;
    if (metric < CW_FIRST_RATE) {
        int64_t n = 0;
        rc = jsonin_count(path, line, o, what, &n, err);
        *out = (double)n;
    } else {
        rc = jsonin_number(path, line, o, what, out, err);
        if (!rc && (*out < 0 || *out > 1))
            rc = sim_errorf(err, SIM_EINPUT, path, line, "%s %g of %s is not a share in [0, 1]",
                            what, *out, cw_names[metric]);
    }
    json_decref(o);
    return rc;
}

static void push(cw_series *s, int64_t t, double v, long line)
{
    if ((s->n & (s->n - 1)) == 0) { /* 0, 1, 2, 4, ...: grow at powers of two */
        size_t cap = s->n ? 2 * s->n : 1;
        s->t = sim_xrealloc(s->t, cap * sizeof *s->t);
        s->v = sim_xrealloc(s->v, cap * sizeof *s->v);
        s->line = sim_xrealloc(s->line, cap * sizeof *s->line);
    }
    s->t[s->n] = t;
    s->v[s->n] = v;
    s->line[s->n++] = line;
}

static int add_point(cw_data *d, int metric, int64_t t, double v, long line, sim_err *err)
{
    cw_series *s = &d->m[metric];
    if (s->n == CW_MAX_POINTS)
        return sim_errorf(err, SIM_EINPUT, d->path, line, "more than %d points of %s",
                          CW_MAX_POINTS, cw_names[metric]);
    push(s, t, v, line);
    return 0;
}

/* One result of get-metric-data: {"Id", "Label", "Timestamps": [], "Values": []}. */
static int read_result(cw_data *d, const jsonin *in, const json_t *r, size_t i, sim_err *err)
{
    long line = jsonin_line(in, r);
    if (!json_is_object(r))
        return sim_errorf(err, SIM_EINPUT, d->path, line ? line : 1,
                          "MetricDataResults[%zu] is not an object {\"Id\": ...}", i);
    const char *label = NULL, *id = NULL;
    int rc;
    if ((rc = jsonin_string(d->path, line, r, "Label", &label, err)) < 0 ||
        (rc = jsonin_string(d->path, line, r, "Id", &id, err)) < 0)
        return rc;
    int m = find_metric(label, id);
    if (m < 0)
        return sim_errorf(err, SIM_EINPUT, d->path, line,
                          "MetricDataResults[%zu] (Label '%.40s') is not an SES metric: Send, "
                          "Delivery, Bounce, Complaint, Reject, Reputation.BounceRate or "
                          "Reputation.ComplaintRate", i, label ? label : id ? id : "");
    if (d->m[m].present)
        return sim_errorf(err, SIM_EINPUT, d->path, line, "%s is in the file twice", cw_names[m]);
    d->m[m].present = 1;
    json_t *ts = json_object_get(r, "Timestamps"), *vs = json_object_get(r, "Values");
    if (!json_is_array(ts) || !json_is_array(vs) || json_array_size(ts) != json_array_size(vs))
        return sim_errorf(err, SIM_EINPUT, d->path, line,
                          "%s: Timestamps and Values must be arrays of the same length",
                          cw_names[m]);
    for (size_t k = 0; k < json_array_size(ts); k++) {
        json_t *o = json_object();
        int64_t t = 0;
        double v = 0;
        json_object_set(o, "Timestamps[]", json_array_get(ts, k));
        rc = jsonin_time(d->path, line, o, "Timestamps[]", &t, err);
        json_decref(o);
        if (rc || (rc = check_value(d->path, line, json_array_get(vs, k), "Values[]", m, &v, err)) ||
            (rc = add_point(d, m, t, v, line, err)))
            return rc;
    }
    return 0;
}

static int read_metric_data(cw_data *d, const jsonin *in, const json_t *results, sim_err *err)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(results); i++)
        rc = read_result(d, in, json_array_get(results, i), i, err);
    return rc;
}

/* One datapoint of get-metric-statistics: {"Timestamp", "Sum" | "Average", "Unit"}. */
static int read_datapoint(cw_data *d, const jsonin *in, const json_t *p, int m, size_t i,
                          sim_err *err)
{
    long line = jsonin_line(in, p);
    if (!json_is_object(p))
        return sim_errorf(err, SIM_EINPUT, d->path, 1, "Datapoints[%zu] is not an object", i);
    int64_t t;
    int rc = jsonin_time(d->path, line, p, "Timestamp", &t, err);
    if (rc == 1)
        return sim_errorf(err, SIM_EINPUT, d->path, line, "a datapoint without a Timestamp");
    const char *stat = m < CW_FIRST_RATE ? "Sum"
                       : json_object_get(p, "Average") ? "Average" : "Maximum";
    json_t *v = json_object_get(p, stat);
    double x = 0;
    if (!rc && !v)
        return sim_errorf(err, SIM_EINPUT, d->path, line,
                          "a datapoint of %s without %s (ask get-metric-statistics for "
                          "--statistics %s)", cw_names[m], stat, m < CW_FIRST_RATE ? "Sum" : "Average");
    if (rc || (rc = check_value(d->path, line, v, stat, m, &x, err)))
        return rc;
    return add_point(d, m, t, x, line, err);
}

static int read_statistics(cw_data *d, const jsonin *in, const json_t *root, sim_err *err)
{
    const char *label = NULL;
    int rc = jsonin_string(d->path, 1, root, "Label", &label, err);
    if (rc < 0)
        return rc;
    int m = label ? find_metric(label, NULL) : -1;
    if (m < 0)
        return sim_errorf(err, SIM_EINPUT, d->path, 1,
                          "Label '%.40s' is not an SES metric: Send, Delivery, Bounce, Complaint, "
                          "Reject, Reputation.BounceRate or Reputation.ComplaintRate",
                          label ? label : "");
    const json_t *pts = json_object_get(root, "Datapoints");
    d->m[m].present = 1;
    for (size_t i = 0; !rc && i < json_array_size(pts); i++)
        rc = read_datapoint(d, in, json_array_get(pts, i), m, i, err);
    return rc;
}

typedef struct cw_entry {
    int64_t t;
    double v;
    long line;
} cw_entry;

static int by_time(const void *a, const void *b)
{
    const cw_entry *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* CloudWatch lists points newest first (get-metric-data) or in no order
 * (get-metric-statistics): sort, and refuse a time given twice. */
static int sort_series(cw_data *d, int m, sim_err *err)
{
    cw_series *s = &d->m[m];
    cw_entry *e = sim_xmalloc((s->n ? s->n : 1) * sizeof *e);
    for (size_t i = 0; i < s->n; i++)
        e[i] = (cw_entry){s->t[i], s->v[i], s->line[i]};
    qsort(e, s->n, sizeof *e, by_time);
    int rc = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->t[i] = e[i].t;
        s->v[i] = e[i].v;
        s->line[i] = e[i].line;
        if (!rc && i && e[i].t == e[i - 1].t) {
            char when[UNITS_BUF];
            units_fmt_datetime(e[i].t, when);
            rc = sim_errorf(err, SIM_EINPUT, d->path, e[i].line,
                            "%s has two points at %s", cw_names[m], when);
        }
    }
    free(e);
    return rc;
}

int cw_read(cw_data *d, const char *path, sim_err *err)
{
    *d = (cw_data){.path = path};
    jsonin *in;
    int rc = jsonin_load(&in, path, err);
    if (rc)
        return rc;
    const json_t *root = jsonin_root(in), *results = json_object_get(root, "MetricDataResults");
    if (json_is_array(results))
        rc = read_metric_data(d, in, results, err);
    else if (json_is_array(json_object_get(root, "Datapoints")))
        rc = read_statistics(d, in, root, err);
    else
        rc = sim_errorf(err, SIM_EINPUT, path, 1,
                        "expected the output of `aws cloudwatch get-metric-data` (an array "
                        "MetricDataResults) or `get-metric-statistics` (an array Datapoints)");
    size_t points = 0;
    for (int m = 0; !rc && m < CW_N_METRICS; m++) {
        rc = sort_series(d, m, err);
        points += d->m[m].n;
    }
    if (!rc && !points)
        rc = sim_errorf(err, SIM_EINPUT, path, 1, "no data points");
    jsonin_close(in);
    if (rc)
        cw_free(d);
    return rc;
}

void cw_free(cw_data *d)
{
    for (int m = 0; m < CW_N_METRICS; m++) {
        free(d->m[m].t);
        free(d->m[m].v);
        free(d->m[m].line);
        d->m[m] = (cw_series){0};
    }
}
