/* fuzz_quota.c: `sesim calibrate`'s quota history (sim/study/calibrate_quota.c:
 * a CSV time,max24h,max_rate, or a get-account / get-send-quota snapshot whose
 * time is in its name) and the ramp's estimate from it
 * (sim/study/calibrate_ramp.c).
 *
 * Byte 0 picks: bit 0 a JSON snapshot (named account-20260105T090000Z.json)
 * instead of a CSV; bit 1 a ramp_ceiling of 1M instead of none; the rest is
 * the file. Each snapshot must have a positive max24h (INFINITY for
 * unlimited) and max_rate, a line from 1 and the file's name; sorted, times
 * strictly ascending; an estimate finite with lo <= value <= hi, a factor's
 * range at least 1 (only rises are raises) and an interval's above 0, and a
 * reason when not identified; every error SIM_EINPUT, one line, naming the
 * file. */
#include <math.h>

#include "core/config.h"
#include "fuzz.h"
#include "study/calibrate.h"

static const char *path;

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_quota: %s: %s\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n') && !strchr(err->msg, '\r'), "a message of several lines",
          err->msg);
    check(strstr(err->msg, path) != NULL, "a message without the file", err->msg);
}

static void check_estimate(const calib_estimate *e, double least, const char *key)
{
    if (!e->identified) {
        check(e->why[0] != '\0', "not identified without a reason", key);
        return;
    }
    check(isfinite(e->value) && isfinite(e->lo) && isfinite(e->hi), "an estimate not finite", key);
    check(e->lo <= e->value && e->value <= e->hi, "an estimate outside its range", key);
    check(e->lo >= least, "a range below its least value", key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    path = fuzz_file(data + 1, size - 1, data[0] & 1 ? "-20260105T090000Z.json" : ".csv");
    calib_quota *q = NULL;
    size_t n = 0, cap = 0;
    sim_err err = {0};
    int rc = calib_quota_read(path, &q, &n, &cap, &err);
    if (!rc)
        rc = calib_quota_sort(q, n, &err);
    if (rc) {
        check_error(rc, &err);
        free(q);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        check(q[i].max24h > 0 && q[i].max_rate > 0, "a quota or rate not positive", NULL);
        check(q[i].line >= 1 && !strcmp(q[i].file, path), "a snapshot without its place", NULL);
        check(i == 0 || q[i].t > q[i - 1].t, "snapshots not in ascending time", NULL);
    }
    calib_ramp r;
    calib_ramp_fit(q, n, data[0] & 2 ? 1e6 : INFINITY, &r);
    check_estimate(&r.factor, 1 - 1e-9, "ramp_factor");
    check_estimate(&r.interval, 0, "ramp_interval");
    check(r.raises < (n ? n : 1) && r.factor_raises <= r.raises, "more raises than snapshots", NULL);
    free(q);
    return 0;
}
