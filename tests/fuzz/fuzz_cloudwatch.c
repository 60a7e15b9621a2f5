/* fuzz_cloudwatch.c: the CloudWatch reader (models/cloudwatch.c: `aws
 * cloudwatch get-metric-data` / `get-metric-statistics` JSON), kind =
 * cloudwatch's replay through it (models/traffic_cloudwatch.c, with
 * traffic.after, models/traffic_after.c) and `sesim calibrate`'s fit of what it
 * read (sim/study/calibrate_fit.c).
 *
 * Byte 0 picks: bits 0-1 (mod 3) traffic.after (stop, repeat, profile), bit 2
 * growth 5% a day, bit 3 calibrate; the rest is the file. cw_read must give
 * series in strictly ascending time, counts whole in 0..2^53, rates in [0, 1],
 * lines from 1; the replay (30 days, 15-minute ticks) demand in 0..2^53 and
 * shares in [0, 1]; calibrate estimates in [0, 1] with lo <= value <= hi
 * (complaint's may pass 1 only through the content factor, which is 1 here);
 * every error SIM_EINPUT, one line, naming the file. */
#include <math.h>

#include "core/config.h"
#include "fuzz.h"
#include "models/cloudwatch.h"
#include "models/traffic.h"
#include "study/calibrate.h"

static const char *path;

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_cloudwatch: %s: %s\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n') && !strchr(err->msg, '\r'), "a message of several lines",
          err->msg);
    check(strstr(err->msg, path) != NULL || strstr(err->msg, "calibrate") != NULL,
          "a message without the file", err->msg);
}

static void read_series(void)
{
    cw_data d;
    sim_err err = {0};
    int rc = cw_read(&d, path, &err);
    if (rc) {
        check_error(rc, &err);
        return;
    }
    for (int m = 0; m < CW_N_METRICS; m++) {
        const cw_series *s = &d.m[m];
        for (size_t i = 0; i < s->n; i++) {
            check(i == 0 || s->t[i] > s->t[i - 1], "a series not in ascending time",
                  cw_metric_name(m));
            check(s->line[i] >= 1, "a point without its line", cw_metric_name(m));
            if (m >= CW_FIRST_RATE)
                check(s->v[i] >= 0 && s->v[i] <= 1, "a rate outside [0, 1]", cw_metric_name(m));
            else
                check(s->v[i] >= 0 && s->v[i] <= SCN_MAX_COUNT && s->v[i] == floor(s->v[i]),
                      "a count that is not whole in 0..2^53", cw_metric_name(m));
        }
    }
    cw_free(&d);
}

static void replay(int after, double growth)
{
    const traffic_type *type = traffic_type_find("cloudwatch");
    char *names[] = {"main"};
    scn_traffic cfg = {.name = "t", .account = {1, names}, .file = (char *)path,
                       .after = after, .growth = growth};
    scn_sim sim = {.start = 1767571200000LL, .tick = 15 * SIM_MS_PER_MIN,
                   .interval = SIM_MS_PER_H, .duration = 30 * SIM_MS_PER_DAY};
    void *state = calloc(1, type->state_size);
    sim_err err = {0};
    int rc = type->init(state, &cfg, &sim, &err);
    for (int64_t now = 0; !rc && now < sim.duration; now += sim.tick) {
        int64_t n = -1;
        if ((rc = type->demand(state, now, sim.tick, NULL, &n, &err)))
            break;
        check(n >= 0 && n <= (int64_t)SCN_MAX_COUNT, "demand out of range", NULL);
        double b = -1, c = -1;
        if (type->observed_shares(state, now, &b, &c))
            check(b >= 0 && b <= 1 && c >= 0 && c <= 1, "observed shares out of [0, 1]", NULL);
    }
    if (rc)
        check_error(rc, &err);
    type->destroy(state);
    free(state);
}

static void check_estimate(const calib_estimate *e, const char *key)
{
    if (!e->identified)
        return;
    check(isfinite(e->value) && isfinite(e->lo) && isfinite(e->hi), "an estimate not finite", key);
    check(e->lo <= e->value && e->value <= e->hi, "an estimate outside its interval", key);
    check(e->lo >= 0 && e->hi <= 1, "an interval outside [0, 1]", key);
}

static void calibrate(void)
{
    const char *files[] = {path};
    calib_obs *obs;
    size_t n;
    sim_err err = {0};
    int rc = calib_read(files, 1, &obs, &n, &err);
    calib_result r;
    scn_traffic fixed = {.list_size = 1e6, .soft_bounce = 0.02, .fbl_share = 0.5, .content = 1,
                         .content_complaint_factor = 1, .bounce_delay = 10 * SIM_MS_PER_MIN,
                         .complaint_delay = 6 * SIM_MS_PER_H, .feedback_delay_sigma = 1};
    if (!rc && n > 2000)
        n = 2000; /* the fit's cost grows with the points: keep an input under the timeout */
    if (!rc && !(rc = calib_fit(obs, n, &fixed, &r, &err))) {
        check_estimate(&r.invalid, "invalid");
        check_estimate(&r.list_decay, "list_decay");
        check_estimate(&r.complaint, "complaint");
        check_estimate(&r.soft_bounce, "soft_bounce");
    }
    free(obs);
    if (rc)
        check_error(rc, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    path = fuzz_file(data + 1, size - 1, ".json");
    read_series();
    replay(data[0] % 4 % 3, data[0] & 4 ? 0.05 : 0);
    if (data[0] & 8)
        calibrate();
    return 0;
}
