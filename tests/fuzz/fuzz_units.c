/* fuzz_units.c: the value parsers of sim/units.c.
 *
 * Every parser is run on the input. What one accepts must be in its range,
 * and its canonical text (units_fmt_*) must parse back to the identical value
 * (DIR/scenario.ini relies on that to reproduce a run byte for byte). An
 * error must be one line: no line end in the message unless the input has one. */
#include <math.h>

#include "core/config.h"
#include "fuzz.h"
#include "core/units.h"

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "fuzz_units: %s:%d: %s fails for '%s'\n", __FILE__,     \
                    __LINE__, #cond, s);                                            \
            abort();                                                                \
        }                                                                           \
    } while (0)

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

static void check_error(const char *s, int rc, const sim_err *err)
{
    if (!rc)
        return;
    CHECK(rc == SIM_EINPUT);
    CHECK(has_control(s) || !strchr(err->msg, '\n'));
}

static void counts(const char *s)
{
    sim_err err;
    double v, back;
    char buf[UNITS_BUF];
    int rc = units_count(s, &v, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(v >= 0 && v <= SCN_MAX_COUNT);
        units_fmt_count(v, buf);
        CHECK(units_count(buf, &back, &err) == 0 && back == v);
    }
    rc = units_rate(s, &v, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(v >= 0 && isfinite(v));
        units_fmt_number(v, buf);
        CHECK(units_rate(buf, &back, &err) == 0 && back == v);
    }
    rc = units_number(s, &v, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(isfinite(v));
        units_fmt_number(v, buf);
        CHECK(units_number(buf, &back, &err) == 0 && back == v);
    }
}

static void shares(const char *s)
{
    sim_err err;
    double v, back;
    char buf[UNITS_BUF];
    int rc = units_share(s, &v, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(v >= 0 && v <= 1);
        units_fmt_share(v, buf);
        CHECK(units_share(buf, &back, &err) == 0 && back == v);
    }
    rc = units_ratio(s, &v, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(isfinite(v) && fabs(v) <= 1e6);
        units_fmt_share(v, buf);
        CHECK(units_ratio(buf, &back, &err) == 0 && back == v);
    }
}

static void times(const char *s)
{
    sim_err err;
    int64_t ms, back;
    char buf[UNITS_BUF];
    int rc = units_duration(s, &ms, &err);
    check_error(s, rc, &err);
    if (!rc) {
        CHECK(ms >= 0 && ms <= SCN_MAX_DURATION_MS);
        units_fmt_duration(ms, buf);
        CHECK(units_duration(buf, &back, &err) == 0 && back == ms);
    }
    rc = units_datetime(s, &ms, &err);
    check_error(s, rc, &err);
    if (!rc) {
        units_fmt_datetime(ms, buf);
        CHECK(units_datetime(buf, &back, &err) == 0 && back == ms);
        int64_t y;
        unsigned m, d;
        units_civil_from_days(ms / SIM_MS_PER_DAY, &y, &m, &d);
        CHECK(units_days_from_civil(y, m, d) == ms / SIM_MS_PER_DAY);
    }
    const int64_t start = 1767225600000LL; /* 2026-01-01T00:00:00Z */
    rc = units_time(s, start, &ms, &err);
    check_error(s, rc, &err);
    if (!rc)
        CHECK(ms >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_text(data, size);
    counts(s);
    shares(s);
    times(s);
    free(s);
    return 0;
}
