/* calibrate_quota.c: a quota history for `sesim calibrate` (calibrate.h):
 * a CSV `time,max24h,max_rate`, or one `aws sesv2 get-account` /
 * `aws ses get-send-quota` JSON file a snapshot, its time in its name
 * (docs/formats.md, "Quota history"). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "core/csvin.h"
#include "core/jsonin.h"
#include "core/units.h"

enum { QCOL_TIME, QCOL_MAX24H, QCOL_MAX_RATE, N_QCOLS };
static const char *const qcol_names[N_QCOLS] = {"time", "max24h", "max_rate"};

int calib_is_quota(const char *path)
{
    FILE *f = fopen(path, "rb");
    char head[4096];
    size_t n = f ? fread(head, 1, sizeof head - 1, f) : 0;
    if (f)
        fclose(f);
    head[n] = '\0';
    if (jsonin_sniff(path))
        return strstr(head, "\"Max24HourSend\"") || strstr(head, "\"SendQuota\"");
    char *eol = strpbrk(head, "\r\n");
    if (eol)
        *eol = '\0';
    return strstr(head, "max24h") != NULL;
}

static void push(calib_quota **q, size_t *n, size_t *cap, calib_quota v)
{
    if (*n == *cap)
        *q = sim_xrealloc(*q, (*cap = *cap ? 2 * *cap : 256) * sizeof **q);
    (*q)[(*n)++] = v;
}

/* max24h: -1 (unlimited) or a positive whole count, as a row writes it. */
static int csv_quota(const csvin *in, const csvin_row *row, const int *col, double *out,
                     sim_err *err)
{
    const char *s = row->field[col[QCOL_MAX24H]];
    if (!strcmp(s, "-1") || !strcmp(s, "-1.0")) {
        *out = INFINITY;
        return 0;
    }
    int64_t count;
    int rc = csvin_count(in, row, col[QCOL_MAX24H], "max24h", &count, err);
    if (!rc && count == 0)
        rc = sim_errorf(err, SIM_EINPUT, csvin_path(in), row->line,
                        "max24h 0 is not a quota: a positive count, or -1 for unlimited");
    *out = (double)count;
    return rc;
}

/* A row of path (as the caller named it: csvin's copy goes with the reader). */
static int csv_row(const char *path, const csvin *in, const csvin_row *row, const int *col,
                   size_t width, calib_quota *v, sim_err *err)
{
    int rc;
    sim_err e2;
    *v = (calib_quota){.production = -1, .file = path, .line = row->line};
    if ((rc = csvin_check_width(in, row, width, err)) ||
        (rc = csvin_time(in, row, col[QCOL_TIME], "time", &v->t, err)) ||
        (rc = csv_quota(in, row, col, &v->max24h, err)))
        return rc;
    const char *r = row->field[col[QCOL_MAX_RATE]];
    if (units_number(r, &v->max_rate, &e2) || !(v->max_rate > 0))
        return sim_errorf(err, SIM_EINPUT, csvin_path(in), row->line,
                          "max_rate '%.40s' is not a positive number of messages a second", r);
    return 0;
}

static int read_csv(const char *path, calib_quota **q, size_t *n, size_t *cap, sim_err *err)
{
    csvin *in;
    csvin_row row;
    int col[N_QCOLS], rc = csvin_open(&in, path, err);
    if (rc)
        return rc;
    if ((rc = csvin_next(in, &row, err)) == 0)
        rc = sim_errorf(err, SIM_EINPUT, path, 1, "empty file: expected a header row time,max24h,max_rate");
    else if (rc > 0)
        rc = csvin_columns(in, &row, qcol_names, N_QCOLS, 7, col, err);
    size_t width = row.n, before = *n;
    while (!rc && (rc = csvin_next(in, &row, err)) == 1) {
        calib_quota v;
        if (!(rc = csv_row(path, in, &row, col, width, &v, err)))
            push(q, n, cap, v);
    }
    if (!rc && *n == before)
        rc = sim_errorf(err, SIM_EINPUT, path, 1, "a quota history without snapshots: "
                        "expected rows time,max24h,max_rate after the header");
    csvin_close(in);
    return rc;
}

static int digits(const char *s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The time in a snapshot's file name: YYYYMMDDTHHMMSSZ or YYYY-MM-DDTHH:MM:SSZ. */
static int name_time(const char *path, int64_t *t, sim_err *err)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char iso[32];
    for (const char *s = base; *s; s++) {
        size_t left = strlen(s);
        iso[0] = '\0';
        if (left >= 16 && digits(s, 8) && s[8] == 'T' && digits(s + 9, 6) && s[15] == 'Z')
            snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6, s + 9,
                     s + 11, s + 13);
        else if (left >= 20 && digits(s, 4) && s[4] == '-' && s[10] == 'T' && s[13] == ':' &&
                 s[19] == 'Z')
            snprintf(iso, sizeof iso, "%.20s", s);
        sim_err e2;
        if (iso[0] && !units_datetime(iso, t, &e2))
            return 0;
    }
    return sim_errorf(err, SIM_EINPUT, path, 0,
                      "a get-account snapshot needs its time in its file name, as "
                      "account-20260105T090000Z.json (date -u +%%Y%%m%%dT%%H%%M%%SZ)");
}

static int read_json(const char *path, calib_quota **q, size_t *n, size_t *cap, sim_err *err)
{
    calib_quota v = {.file = path, .line = 1};
    scn_account a = {.from = (char *)path, .stage = -1, .status = SCN_STATUS_HEALTHY};
    int rc = name_time(path, &v.t, err);
    if (rc || (rc = scn_account_from(&a, 0, err)))
        return rc;
    if (!(a.from_set & SCN_FROM_MAX24H) || !(a.from_set & SCN_FROM_MAX_RATE))
        return sim_errorf(err, SIM_EINPUT, path, 1,
                          "a quota snapshot needs Max24HourSend and MaxSendRate");
    v.max24h = a.max24h;
    v.max_rate = a.max_rate;
    v.production = a.status != SCN_STATUS_HEALTHY ? 0
                   : a.stage == STAGE_PRODUCTION  ? 1
                   : a.stage == STAGE_SANDBOX     ? 0
                                                  : -1;
    push(q, n, cap, v);
    return 0;
}

int calib_quota_read(const char *path, calib_quota **q, size_t *n, size_t *cap, sim_err *err)
{
    return jsonin_sniff(path) ? read_json(path, q, n, cap, err) : read_csv(path, q, n, cap, err);
}

static int by_time(const void *a, const void *b)
{
    const calib_quota *x = a, *y = b;
    if (x->t != y->t)
        return (x->t > y->t) - (x->t < y->t);
    int f = strcmp(x->file, y->file);
    return f ? f : (x->line > y->line) - (x->line < y->line);
}

int calib_quota_sort(calib_quota *q, size_t n, sim_err *err)
{
    if (n)
        qsort(q, n, sizeof *q, by_time);
    for (size_t k = 1; k < n; k++)
        if (q[k].t == q[k - 1].t) {
            char when[UNITS_BUF];
            units_fmt_datetime(q[k].t, when);
            return sim_errorf(err, SIM_EINPUT, q[k].file, q[k].line,
                              "a second quota snapshot at %s (the first: %s:%ld)", when,
                              q[k - 1].file, q[k - 1].line);
        }
    return 0;
}
