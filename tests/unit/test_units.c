/* test_units.c: parsing values with units, and canonical formatting that parses
 * back to the identical value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "suite.h"
#include "core/units.h"

/* 2026-01-01T00:00:00Z in ms since 1970 (date -d 2026-01-01Z +%s = 1767225600). */
#define JAN1_2026 1767225600000LL

/* ---- helpers: parse and expect a value, or expect an error ---- */

static int count_is(const char *s, double want)
{
    double v = -12345;
    sim_err err = {0};
    return units_count(s, &v, &err) == 0 && v == want;
}

static int count_bad(const char *s)
{
    double v = -12345;
    sim_err err = {0};
    int rc = units_count(s, &v, &err);
    /* An error leaves the output alone and says something. */
    return rc == SIM_EINPUT && v == -12345 && err.code == SIM_EINPUT && err.msg[0];
}

static int rate_is(const char *s, double want)
{
    double v = -1;
    sim_err err = {0};
    return units_rate(s, &v, &err) == 0 && v == want;
}

static int rate_bad(const char *s)
{
    double v = -12345;
    sim_err err = {0};
    return units_rate(s, &v, &err) == SIM_EINPUT && v == -12345 && err.msg[0];
}

static int dur_is(const char *s, int64_t want)
{
    int64_t v = -1;
    sim_err err = {0};
    return units_duration(s, &v, &err) == 0 && v == want;
}

static int dur_bad(const char *s)
{
    int64_t v = -12345;
    sim_err err = {0};
    return units_duration(s, &v, &err) == SIM_EINPUT && v == -12345 && err.msg[0];
}

static int share_is(const char *s, double want)
{
    double v = -1;
    sim_err err = {0};
    return units_share(s, &v, &err) == 0 && v == want;
}

static int share_bad(const char *s)
{
    double v = -12345;
    sim_err err = {0};
    return units_share(s, &v, &err) == SIM_EINPUT && v == -12345 && err.msg[0];
}

static int ratio_is(const char *s, double want)
{
    double v = -12345;
    sim_err err = {0};
    return units_ratio(s, &v, &err) == 0 && v == want;
}

static int dt_is(const char *s, int64_t want)
{
    int64_t v = -1;
    sim_err err = {0};
    return units_datetime(s, &v, &err) == 0 && v == want;
}

static int dt_bad(const char *s)
{
    int64_t v = -12345;
    sim_err err = {0};
    return units_datetime(s, &v, &err) == SIM_EINPUT && v == -12345 && err.msg[0];
}

/* ---- parsers ---- */

static void test_counts(void)
{
    CU_ASSERT(count_is("10000", 10000));
    CU_ASSERT(count_is("10k", 10000));
    CU_ASSERT(count_is("10K", 10000));
    CU_ASSERT(count_is("1.5M", 1500000));
    CU_ASSERT(count_is("2G", 2e9));
    CU_ASSERT(count_is("0", 0));
    CU_ASSERT(count_is("1e3", 1000));
    CU_ASSERT(count_is("0.5k", 500));
    CU_ASSERT(count_is("9007199254740992", 9007199254740992.0)); /* 2^53 itself */
    CU_ASSERT(count_is("12.0", 12));
    CU_ASSERT(count_is("1.234567M", 1234567));
    CU_ASSERT(count_is("+7", 7));
    CU_ASSERT(count_is("-0", 0));
    CU_ASSERT(count_is("9.007199254740992e15", 9007199254740992.0));
    CU_ASSERT(count_is("1.5e3", 1500));
}

static void test_counts_bad(void)
{
    const char *bad[] = {"", "abc", "-5", "-1k", "1e400", "nan", "inf", "NaN", "0x10", "10kk",
                         "10 k", "k", "1.5m", "10k ", " 10k", "1,000", "9007199254740994",
                         "9.1e15", "10T", ".",
                         /* issue 17: whole numbers only, exactly (a double rounds these) */
                         "2.5", "10.5", "1.2345k", "1e-7", "0.1", "9007199254740993",
                         "9007199254740992.5", "4503599627370496.5", "1e16", "1e1000"};
    int accepted = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!count_bad(bad[i])) {
            fprintf(stderr, "\n  wrongly accepted: '%s'\n", bad[i]);
            accepted++;
        }
    CU_ASSERT_EQUAL(accepted, 0); /* names the value that was wrongly accepted */
    sim_err err = {0};
    double v;
    units_count("-5", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "count '-5' is negative");
    units_count("9.1e15", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "count '9.1e15' is over 2^53");
    units_count("abc", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "'abc' is not a count (e.g. 10000, 10k, 1.5M)");
    units_count("10.5", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "count '10.5' is not a whole number");
    units_count("9007199254740993", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "count '9007199254740993' is over 2^53");
}

/* Max24HourSend = -1 means an unlimited quota (SESv2 API reference, SendQuota;
 * GetSendQuota: "A value of -1 signifies an unlimited quota."). */
static void test_quotas(void)
{
    double v = 0;
    sim_err err = {0};
    const char *unlimited[] = {"-1", "unlimited", "-1.0", "-1e0"};
    for (size_t i = 0; i < sizeof unlimited / sizeof *unlimited; i++) {
        v = 0;
        CU_ASSERT_EQUAL(units_quota(unlimited[i], &v, &err), 0);
        CU_ASSERT(isinf(v) && v > 0);
    }
    CU_ASSERT_EQUAL(units_quota("50k", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 50000);
    CU_ASSERT_EQUAL(units_quota("-2", &v, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "quota '-2' is negative (the only negative quota is -1, unlimited)");
    CU_ASSERT_EQUAL(units_quota("Unlimited", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_quota("inf", &v, &err), SIM_EINPUT);
    char b[UNITS_BUF];
    units_fmt_quota(INFINITY, b);
    CU_ASSERT_STRING_EQUAL(b, "unlimited");
    units_fmt_quota(50000, b);
    CU_ASSERT_STRING_EQUAL(b, "50k");
}

static void test_rates(void)
{
    CU_ASSERT(rate_is("5", 5));
    CU_ASSERT(rate_is("14/s", 14));
    CU_ASSERT(rate_is("0.5", 0.5));
    CU_ASSERT(rate_is("0", 0));
    CU_ASSERT(rate_bad("-1"));
    CU_ASSERT(rate_bad("-1/s"));
    CU_ASSERT(rate_bad("/s"));
    CU_ASSERT(rate_bad("5/m"));
    CU_ASSERT(rate_bad("5k"));
    CU_ASSERT(rate_bad(""));
    CU_ASSERT(rate_bad("inf"));
    CU_ASSERT(rate_bad("1e16"));
}

static void test_durations(void)
{
    CU_ASSERT(dur_is("500ms", 500));
    CU_ASSERT(dur_is("30s", 30000));
    CU_ASSERT(dur_is("15m", 900000));
    CU_ASSERT(dur_is("24h", 86400000));
    CU_ASSERT(dur_is("7d", 604800000));
    CU_ASSERT(dur_is("2w", 1209600000));
    CU_ASSERT(dur_is("1d12h", 129600000));
    CU_ASSERT(dur_is("1.5h", 5400000));
    CU_ASSERT(dur_is("1h30m15s250ms", 5415250));
    CU_ASSERT(dur_is("0s", 0));
    CU_ASSERT(dur_is("0ms", 0));
    CU_ASSERT(dur_is("1.1s", 1100)); /* 1.1 * 1000 is not exact in binary: rounded */
    CU_ASSERT(dur_is("36600d", SCN_MAX_DURATION_MS)); /* the limit itself */
}

static void test_durations_bad(void)
{
    const char *bad[] = {"", "5", "-1h", "+1h", "1x", "0.5ms", "1.0005s", "h", "1h-30m",
                         "1min", "1 h", "1h ", "36600d1ms", "5229w", "1e400s", "nan", "1hh"};
    int accepted = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!dur_bad(bad[i])) {
            fprintf(stderr, "\n  wrongly accepted: '%s'\n", bad[i]);
            accepted++;
        }
    CU_ASSERT_EQUAL(accepted, 0);
    sim_err err = {0};
    int64_t v;
    units_duration("0.5ms", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "duration '0.5ms' is not a whole number of milliseconds");
    units_duration("5229w", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "duration '5229w' is over 100 years");
}

static void test_shares_and_ratios(void)
{
    CU_ASSERT(share_is("5%", 0.05));
    CU_ASSERT(share_is("0.05", 0.05));
    CU_ASSERT(share_is("100%", 1));
    CU_ASSERT(share_is("1", 1));
    CU_ASSERT(share_is("0", 0));
    CU_ASSERT(share_is("0%", 0));
    CU_ASSERT(share_is("0.1%", 0.001));
    CU_ASSERT(share_bad("101%"));
    CU_ASSERT(share_bad("-1%"));
    CU_ASSERT(share_bad("1.5"));
    CU_ASSERT(share_bad("5%%"));
    CU_ASSERT(share_bad("%"));
    CU_ASSERT(share_bad("5 %"));
    CU_ASSERT(share_bad(""));
    CU_ASSERT(share_bad("nan"));
    sim_err err = {0};
    double v;
    units_share("101%", &v, &err);
    CU_ASSERT_STRING_EQUAL(err.msg, "share '101%' is outside 0%..100%");

    CU_ASSERT(ratio_is("-1%", -0.01));
    CU_ASSERT(ratio_is("2.5%", 0.025));
    CU_ASSERT(ratio_is("0.01", 0.01));
    CU_ASSERT(ratio_is("150%", 1.5));
    CU_ASSERT(!ratio_is("1e7", 1e7)); /* absurdly large */
    CU_ASSERT(!ratio_is("x", 0));
}

static void test_datetimes(void)
{
    CU_ASSERT(dt_is("1970-01-01", 0));
    CU_ASSERT(dt_is("2026-01-01", JAN1_2026));
    CU_ASSERT(dt_is("2026-01-01T09:00:00Z", JAN1_2026 + 9 * SIM_MS_PER_H));
    CU_ASSERT(dt_is("2026-01-01T09:00Z", JAN1_2026 + 9 * SIM_MS_PER_H));
    CU_ASSERT(dt_is("2026-01-01T09:00", JAN1_2026 + 9 * SIM_MS_PER_H));
    CU_ASSERT(dt_is("2026-01-01 09:00:00", JAN1_2026 + 9 * SIM_MS_PER_H));
    CU_ASSERT(dt_is("2026-01-01T09:00:00+00:00", JAN1_2026 + 9 * SIM_MS_PER_H));
    CU_ASSERT(dt_is("2026-01-01T09:00:00.250Z", JAN1_2026 + 9 * SIM_MS_PER_H + 250));
    CU_ASSERT(dt_is("2026-01-01T09:00:00.25Z", JAN1_2026 + 9 * SIM_MS_PER_H + 250));
    CU_ASSERT(dt_is("2026-01-01T09:00:00.2500Z", JAN1_2026 + 9 * SIM_MS_PER_H + 250));
    CU_ASSERT(dt_is("2026-12-31T23:59:59.999Z", JAN1_2026 + 365 * SIM_MS_PER_DAY - 1));
    CU_ASSERT(dt_is("2024-02-29", 1709164800000LL)); /* leap day */
    CU_ASSERT(dt_is("2000-02-29", 951782400000LL));  /* 400-year leap */
    const char *bad[] = {"2025-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                         "2026-01-00", "2026-01-01T24:00:00Z", "2026-01-01T24:00",
                         "2026-01-01T23:60", "2026-01-01T23:59:60Z", "1969-12-31",
                         "2026-1-1", "2026-01-01T09", "2026-01-01T09:00:00+01:00",
                         "2026-01-01T09:00:00.Z", "2026-01-01T09:00:00.2501Z",
                         "2026-01-01Z", "", "tomorrow", "2026-01-01T09:00:00ZZ"};
    int accepted = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!dt_bad(bad[i])) {
            fprintf(stderr, "\n  wrongly accepted: '%s'\n", bad[i]);
            accepted++;
        }
    CU_ASSERT_EQUAL(accepted, 0);
}

static void test_time_of_run(void)
{
    int64_t ms = -1;
    sim_err err = {0};
    CU_ASSERT_EQUAL(units_time("2d", JAN1_2026, &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 2 * SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(units_time("1d12h", JAN1_2026, &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 36 * SIM_MS_PER_H);
    CU_ASSERT_EQUAL(units_time("2026-01-03T06:00:00Z", JAN1_2026, &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 54 * SIM_MS_PER_H);
    CU_ASSERT_EQUAL(units_time("2026-01-01", JAN1_2026, &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 0);
    ms = -7;
    CU_ASSERT_EQUAL(units_time("2025-12-31T23:59:59Z", JAN1_2026, &ms, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "time '2025-12-31T23:59:59Z' is before sim.start");
    CU_ASSERT_EQUAL(ms, -7);
    CU_ASSERT_EQUAL(units_time("2026-02-30", JAN1_2026, &ms, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_time("2", JAN1_2026, &ms, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_time("-2d", JAN1_2026, &ms, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_time("", JAN1_2026, &ms, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(ms, -7);
}

static void test_numbers(void)
{
    double v = 0;
    sim_err err = {0};
    CU_ASSERT(units_number("-2.5", &v, &err) == 0 && v == -2.5);
    CU_ASSERT(units_number("1e-7", &v, &err) == 0 && v == 1e-7);
    CU_ASSERT(units_number("1E+3", &v, &err) == 0 && v == 1000);
    CU_ASSERT_EQUAL(units_number("1e", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_number("inf", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_number("1e999", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_number("5%", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(units_number("", &v, &err), SIM_EINPUT);
}

/* ---- calendar ---- */

static void test_civil_round_trip(void)
{
    CU_ASSERT_EQUAL(units_days_from_civil(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(units_days_from_civil(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(units_days_from_civil(2026, 1, 1), 20454);
    CU_ASSERT_EQUAL(units_days_from_civil(1969, 12, 31), -1);
    /* Every day from 1 Jan -2000 to about 4700: back and forth, and each next day
     * is the civil successor of the one before (day+1, or the 1st of the next month). */
    int bad = 0;
    int64_t py = 0;
    unsigned pm = 0, pd = 0;
    for (int64_t z = -1450000; z <= 1000000; z++) {
        int64_t y;
        unsigned m, d;
        units_civil_from_days(z, &y, &m, &d);
        if (units_days_from_civil(y, m, d) != z || m < 1 || m > 12 || d < 1 || d > 31)
            bad++;
        if (z > -1450000) {
            int next_day = y == py && m == pm && d == pd + 1;
            int next_month = d == 1 && ((y == py && m == pm + 1) || (y == py + 1 && m == 1 && pm == 12));
            if (!next_day && !next_month)
                bad++;
        }
        py = y, pm = m, pd = d;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* ---- formatters ---- */

static void test_fmt_canonical(void)
{
    char b[UNITS_BUF];
    units_fmt_count(10000, b);
    CU_ASSERT_STRING_EQUAL(b, "10k");
    /* Non-integer multiples of M fall back to the next suffix that is whole. */
    units_fmt_count(1500000, b);
    CU_ASSERT_STRING_EQUAL(b, "1500k");
    units_fmt_count(1e6, b);
    CU_ASSERT_STRING_EQUAL(b, "1M");
    units_fmt_count(2e9, b);
    CU_ASSERT_STRING_EQUAL(b, "2G");
    units_fmt_count(1500, b);
    CU_ASSERT_STRING_EQUAL(b, "1500");
    units_fmt_count(999, b);
    CU_ASSERT_STRING_EQUAL(b, "999");
    units_fmt_count(0, b);
    CU_ASSERT_STRING_EQUAL(b, "0");
    units_fmt_count(123456789, b);
    CU_ASSERT_STRING_EQUAL(b, "123456789");
    units_fmt_count(2.5, b);
    CU_ASSERT_STRING_EQUAL(b, "2.5");

    units_fmt_duration(86400000, b);
    CU_ASSERT_STRING_EQUAL(b, "1d");
    units_fmt_duration(604800000, b);
    CU_ASSERT_STRING_EQUAL(b, "1w");
    units_fmt_duration(90 * SIM_MS_PER_MIN, b);
    CU_ASSERT_STRING_EQUAL(b, "90m");
    units_fmt_duration(36 * SIM_MS_PER_H, b);
    CU_ASSERT_STRING_EQUAL(b, "36h");
    units_fmt_duration(1500, b);
    CU_ASSERT_STRING_EQUAL(b, "1500ms");
    units_fmt_duration(0, b);
    CU_ASSERT_STRING_EQUAL(b, "0ms");
    units_fmt_duration(14 * SIM_MS_PER_DAY, b);
    CU_ASSERT_STRING_EQUAL(b, "2w");

    units_fmt_share(0.05, b);
    CU_ASSERT_STRING_EQUAL(b, "5%");
    units_fmt_share(0.001, b);
    CU_ASSERT_STRING_EQUAL(b, "0.1%");
    units_fmt_share(1, b);
    CU_ASSERT_STRING_EQUAL(b, "100%");
    units_fmt_share(0, b);
    CU_ASSERT_STRING_EQUAL(b, "0%");
    units_fmt_share(0.0002, b);
    CU_ASSERT_STRING_EQUAL(b, "0.02%");

    units_fmt_number(5, b);
    CU_ASSERT_STRING_EQUAL(b, "5");
    units_fmt_number(0.5, b);
    CU_ASSERT_STRING_EQUAL(b, "0.5");
    units_fmt_number(1.0 / 3, b);
    CU_ASSERT_STRING_EQUAL(b, "0.3333333333333333");
    units_fmt_number(-2.25, b);
    CU_ASSERT_STRING_EQUAL(b, "-2.25");

    units_fmt_datetime(JAN1_2026, b);
    CU_ASSERT_STRING_EQUAL(b, "2026-01-01T00:00:00Z");
    units_fmt_datetime(JAN1_2026 + 9 * SIM_MS_PER_H + 250, b);
    CU_ASSERT_STRING_EQUAL(b, "2026-01-01T09:00:00.250Z");
    units_fmt_datetime(1709164800000LL + SIM_MS_PER_DAY - 1, b);
    CU_ASSERT_STRING_EQUAL(b, "2024-02-29T23:59:59.999Z");
}

/* Formatted text parses back to the identical double (== , not approximately). */
static int share_round_trips(double v)
{
    char b[UNITS_BUF];
    units_fmt_share(v, b);
    double back = -1;
    return units_share(b, &back, NULL) == 0 && back == v;
}

static int count_round_trips(double v)
{
    char b[UNITS_BUF];
    units_fmt_count(v, b);
    double back = -1;
    return units_count(b, &back, NULL) == 0 && back == v;
}

static int number_round_trips(double v)
{
    char b[UNITS_BUF];
    units_fmt_number(v, b);
    double back = -1;
    return units_number(b, &back, NULL) == 0 && back == v;
}

static int ratio_round_trips(double v)
{
    char b[UNITS_BUF];
    units_fmt_share(v, b); /* ratios are printed like shares */
    double back = -1;
    return units_ratio(b, &back, NULL) == 0 && back == v;
}

static int duration_round_trips(int64_t v)
{
    char b[UNITS_BUF];
    units_fmt_duration(v, b);
    int64_t back = -1;
    return units_duration(b, &back, NULL) == 0 && back == v;
}

static int datetime_round_trips(int64_t v)
{
    char b[UNITS_BUF];
    units_fmt_datetime(v, b);
    int64_t back = -1;
    return units_datetime(b, &back, NULL) == 0 && back == v;
}

static void test_fmt_round_trip_fixed(void)
{
    const double shares[] = {0, 1, 0.05, 0.001, 1.0 / 3, 2.0 / 3, 1e-7, 0.1, 0.2, 0.3, 0.7,
                             0.123456789, 0.999999999, 1e-300, 0.0002, 0.5, 0.015};
    for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
        CU_ASSERT(share_round_trips(shares[i]));
        CU_ASSERT(ratio_round_trips(shares[i]));
        CU_ASSERT(ratio_round_trips(-shares[i]));
        CU_ASSERT(number_round_trips(shares[i]));
    }
    const double counts[] = {0, 1, 7, 123456789, 1500000, 10000, 2.5e9, 999999, 1e15,
                             9007199254740992.0, 9007199254740991.0, 1234567, 1e6 + 1};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        CU_ASSERT(count_round_trips(counts[i]));
        CU_ASSERT(number_round_trips(counts[i]));
        CU_ASSERT(number_round_trips(-counts[i]));
    }
    CU_ASSERT(number_round_trips(1e300));
    CU_ASSERT(number_round_trips(-1e-300));
    const int64_t durations[] = {0, 1, 999, 1000, 1001, 60000, 90 * SIM_MS_PER_MIN, SIM_MS_PER_DAY,
                                 7 * SIM_MS_PER_DAY, 36 * SIM_MS_PER_H, SCN_MAX_DURATION_MS,
                                 SCN_MAX_DURATION_MS - 1};
    for (size_t i = 0; i < sizeof durations / sizeof durations[0]; i++)
        CU_ASSERT(duration_round_trips(durations[i]));
    CU_ASSERT(datetime_round_trips(0));
    CU_ASSERT(datetime_round_trips(JAN1_2026 + 1));
    CU_ASSERT(datetime_round_trips(253402300799999LL)); /* 9999-12-31T23:59:59.999Z */
}

/* Many random values of every magnitude round-trip exactly. */
static void test_fmt_round_trip_random(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2026);
    int bad_share = 0, bad_count = 0, bad_number = 0, bad_dur = 0, bad_dt = 0;
    for (int i = 0; i < 20000; i++) {
        double u = gsl_rng_uniform(r);
        double scale = pow(10, -(double)gsl_rng_uniform_int(r, 12));
        bad_share += !share_round_trips(u * scale);
        double c = floor(gsl_rng_uniform(r) * pow(10, (double)gsl_rng_uniform_int(r, 16)));
        bad_count += !count_round_trips(c);
        bad_count += !count_round_trips((double)gsl_rng_uniform_int(r, 1000) * 1000); /* k multiples */
        bad_number += !number_round_trips((u - 0.5) * pow(10, (double)gsl_rng_uniform_int(r, 40) - 20));
        int64_t d = (int64_t)(gsl_rng_uniform(r) * (double)SCN_MAX_DURATION_MS);
        if (i % 2) /* values that are whole units too */
            d -= d % (i % 4 == 1 ? SIM_MS_PER_MIN : SIM_MS_PER_DAY);
        bad_dur += !duration_round_trips(d);
        bad_dt += !datetime_round_trips((int64_t)(gsl_rng_uniform(r) * 253402300799999.0));
    }
    CU_ASSERT_EQUAL(bad_share, 0);
    CU_ASSERT_EQUAL(bad_count, 0);
    CU_ASSERT_EQUAL(bad_number, 0);
    CU_ASSERT_EQUAL(bad_dur, 0);
    CU_ASSERT_EQUAL(bad_dt, 0);
    gsl_rng_free(r);
}

TEST_SUITE(units,
           {"counts", test_counts},
           {"bad counts", test_counts_bad},
           {"quotas: -1 and unlimited", test_quotas},
           {"rates", test_rates},
           {"durations", test_durations},
           {"bad durations", test_durations_bad},
           {"shares and ratios", test_shares_and_ratios},
           {"datetimes", test_datetimes},
           {"units_time: absolute and offsets", test_time_of_run},
           {"plain numbers", test_numbers},
           {"civil dates round trip", test_civil_round_trip},
           {"canonical text", test_fmt_canonical},
           {"formatters round trip: fixed values", test_fmt_round_trip_fixed},
           {"formatters round trip: random values", test_fmt_round_trip_random})
