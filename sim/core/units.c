/* units.c: parsing and canonical formatting of values with units. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "numfmt.h"
#include "units.h"

/* Parse a decimal number at s (digits, one '.', optional exponent), no inf/nan/hex.
 * Returns the end pointer or NULL. */
static const char *parse_decimal(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) { p++; digits++; }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) { p++; digits++; }
    }
    if (!digits)
        return NULL;
    if ((*p == 'e' || *p == 'E') && (isdigit((unsigned char)p[1]) ||
        ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
        p += 2;
        while (isdigit((unsigned char)*p))
            p++;
    }
    char tmp[UNITS_BUF];
    size_t n = (size_t)(p - s);
    if (n >= sizeof tmp)
        return NULL;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    errno = 0;
    double v = strtod(tmp, NULL);
    if (errno == ERANGE || !isfinite(v))
        return NULL;
    *out = v;
    return p;
}

static int bad(sim_err *err, const char *what, const char *s)
{
    return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s' is not %s", s, what);
}

int units_number(const char *s, double *out, sim_err *err)
{
    double v;
    const char *end = parse_decimal(s, &v);
    if (!end || *end)
        return bad(err, "a number", s);
    *out = v;
    return 0;
}

/* The value of the decimal [+]digits[.digits][e[+-]digits] at s..end times
 * 10^shift, exactly, without going through a double: COUNT_WHOLE with the
 * value in *out when it is a whole number of at most 2^53, COUNT_FRACTION
 * when it is not whole (10.5, 1.2345k), COUNT_OVER when it is over 2^53
 * (9007199254740993, which a double would round to 2^53). */
enum { COUNT_WHOLE, COUNT_FRACTION, COUNT_OVER };

static int exact_count(const char *s, const char *end, int shift, double *out)
{
    char digits[UNITS_BUF];
    size_t n = 0;
    long exp = shift;
    int after_point = 0;
    const char *p = s + (*s == '+' || *s == '-'); /* -0 is 0 */
    for (; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            after_point = 1;
            continue;
        }
        exp -= after_point; /* a digit after the point is worth a tenth */
        if (n || *p != '0') /* no leading zeros */
            digits[n++] = *p;
        if (n == sizeof digits)
            return COUNT_OVER; /* over 60 significant digits: a huge number */
    }
    if (p < end) {
        long e = strtol(p + 1, NULL, 10); /* saturates: still over or a fraction */
        exp += e > 1000 ? 1000 : e < -1000 ? -1000 : e;
    }
    while (n && digits[n - 1] == '0')
        n--, exp++;
    if (!n) {
        *out = 0;
        return COUNT_WHOLE;
    }
    if (exp < 0)
        return COUNT_FRACTION;
    if ((long)n + exp > 16) /* 10^16 > 2^53 */
        return COUNT_OVER;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(digits[i] - '0');
    for (long i = 0; i < exp; i++)
        v *= 10;
    if (v > (uint64_t)SCN_MAX_COUNT)
        return COUNT_OVER;
    *out = (double)v;
    return COUNT_WHOLE;
}

int units_count(const char *s, double *out, sim_err *err)
{
    double v;
    int shift = 0;
    const char *end = parse_decimal(s, &v), *unit = end;
    if (!end)
        return bad(err, "a count (e.g. 10000, 10k, 1.5M)", s);
    if (*end == 'k' || *end == 'K') { shift = 3; end++; }
    else if (*end == 'M') { shift = 6; end++; }
    else if (*end == 'G') { shift = 9; end++; }
    if (*end)
        return bad(err, "a count (e.g. 10000, 10k, 1.5M)", s);
    if (v < 0)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "count '%s' is negative", s);
    switch (exact_count(s, unit, shift, out)) {
    case COUNT_FRACTION:
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "count '%s' is not a whole number", s);
    case COUNT_OVER:
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "count '%s' is over 2^53", s);
    }
    return 0;
}

int units_quota(const char *s, double *out, sim_err *err)
{
    /* SESv2 SendQuota and GetSendQuota: "A value of -1 signifies an unlimited quota." */
    double v = 0;
    if (strcmp(s, "unlimited") == 0 || (units_number(s, &v, NULL) == 0 && v == -1)) {
        *out = INFINITY;
        return 0;
    }
    if (*s == '-')
        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                          "quota '%s' is negative (the only negative quota is -1, unlimited)", s);
    return units_count(s, out, err);
}

int units_rate(const char *s, double *out, sim_err *err)
{
    char tmp[UNITS_BUF];
    size_t n = strlen(s);
    if (n >= 2 && strcmp(s + n - 2, "/s") == 0 && n - 2 < sizeof tmp) {
        memcpy(tmp, s, n - 2);
        tmp[n - 2] = 0;
        s = tmp;
    }
    double v = 0;
    if (units_number(s, &v, NULL) != 0 || v < 0)
        return bad(err, "a rate in messages per second (e.g. 5 or 14/s)", s);
    if (v > SCN_MAX_COUNT)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "rate '%s' is absurdly large", s);
    *out = v;
    return 0;
}

static int64_t unit_ms(const char **p)
{
    static const struct { const char *name; int64_t ms; } units[] = {
        {"ms", 1}, {"s", SIM_MS_PER_S}, {"m", SIM_MS_PER_MIN}, {"h", SIM_MS_PER_H},
        {"d", SIM_MS_PER_DAY}, {"w", 7 * SIM_MS_PER_DAY},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i].name);
        if (strncmp(*p, units[i].name, n) == 0 && !isalpha((unsigned char)(*p)[n])) {
            *p += n;
            return units[i].ms;
        }
    }
    return 0;
}

int units_duration(const char *s, int64_t *ms, sim_err *err)
{
    const char *what = "a duration (e.g. 500ms, 30s, 15m, 24h, 7d, 2w)";
    const char *p = s;
    double total = 0;
    if (!*p)
        return bad(err, what, s);
    while (*p) {
        double v;
        const char *end = parse_decimal(p, &v);
        if (!end || *p == '-' || *p == '+')
            return bad(err, what, s);
        p = end;
        int64_t unit = unit_ms(&p);
        if (!unit)
            return bad(err, what, s);
        total += v * (double)unit;
        if (total > (double)SCN_MAX_DURATION_MS)
            return sim_errorf(err, SIM_EINPUT, NULL, 0, "duration '%s' is over 100 years", s);
    }
    double r = nearbyint(total);
    if (fabs(r - total) > 1e-6)
        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                          "duration '%s' is not a whole number of milliseconds", s);
    *ms = (int64_t)r;
    return 0;
}

static int parse_fraction(const char *s, double *out, const char *what, sim_err *err)
{
    double v;
    const char *end = parse_decimal(s, &v);
    if (!end)
        return bad(err, what, s);
    if (*end == '%') {
        v /= 100;
        end++;
    }
    if (*end)
        return bad(err, what, s);
    *out = v;
    return 0;
}

int units_share(const char *s, double *out, sim_err *err)
{
    double v;
    if (parse_fraction(s, &v, "a share (e.g. 5% or 0.05)", err))
        return SIM_EINPUT;
    if (v < 0 || v > 1)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "share '%s' is outside 0%%..100%%", s);
    *out = v;
    return 0;
}

int units_ratio(const char *s, double *out, sim_err *err)
{
    double v;
    if (parse_fraction(s, &v, "a ratio (e.g. 2%, -1% or 0.02)", err))
        return SIM_EINPUT;
    if (fabs(v) > 1e6)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "ratio '%s' is absurdly large", s);
    *out = v;
    return 0;
}

int64_t units_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    /* H. Hinnant's days_from_civil. */
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void units_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int read_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

int units_datetime(const char *s, int64_t *epoch_ms, sim_err *err)
{
    const char *what = "a UTC date or time (e.g. 2026-01-01 or 2026-01-01T09:00:00Z)";
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
    if (read_digits(&p, 4, &y) || *p++ != '-' || read_digits(&p, 2, &mo) || *p++ != '-' ||
        read_digits(&p, 2, &d))
        return bad(err, what, s);
    if (*p == 'T' || *p == ' ') {
        p++;
        if (read_digits(&p, 2, &h) || *p++ != ':' || read_digits(&p, 2, &mi))
            return bad(err, what, s);
        if (*p == ':') {
            p++;
            if (read_digits(&p, 2, &sec))
                return bad(err, what, s);
            if (*p == '.') {
                p++;
                int frac = 0, digits = 0;
                while (isdigit((unsigned char)*p)) {
                    if (digits < 3) { frac = frac * 10 + (*p - '0'); digits++; }
                    else if (*p != '0')
                        return sim_errorf(err, SIM_EINPUT, NULL, 0,
                                          "time '%s' is finer than a millisecond", s);
                    p++;
                }
                if (!digits)
                    return bad(err, what, s);
                while (digits++ < 3)
                    frac *= 10;
                ms = frac;
            }
        }
        if (*p == 'Z')
            p++;
        else if (strcmp(p, "+00:00") == 0)
            p += 6;
    }
    if (*p)
        return bad(err, what, s);
    if (y < 1970)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s' is before 1970", s);
    if (y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
        h > 23 || mi > 59 || sec > 59)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s' is not a valid date or time", s);
    int64_t days = units_days_from_civil(y, (unsigned)mo, (unsigned)d);
    *epoch_ms = ((days * 24 + h) * 60 + mi) * SIM_MS_PER_MIN + sec * SIM_MS_PER_S + ms;
    return 0;
}

int units_time(const char *s, int64_t start_epoch_ms, int64_t *ms, sim_err *err)
{
    if (strlen(s) >= 10 && s[4] == '-') {
        int64_t abs_ms;
        if (units_datetime(s, &abs_ms, err))
            return SIM_EINPUT;
        if (abs_ms < start_epoch_ms)
            return sim_errorf(err, SIM_EINPUT, NULL, 0, "time '%s' is before sim.start", s);
        /* Times are written back as offsets, which stop at 100 years. */
        if (abs_ms - start_epoch_ms > SCN_MAX_DURATION_MS)
            return sim_errorf(err, SIM_EINPUT, NULL, 0,
                              "time '%s' is over 100 years after sim.start", s);
        *ms = abs_ms - start_epoch_ms;
        return 0;
    }
    if (units_duration(s, ms, NULL) == 0)
        return 0;
    return bad(err, "a time (a date such as 2026-01-01T09:00:00Z, or an offset from the start such as 2d)", s);
}

/* Shortest text of v * scale (plain decimal notation, no exponent, for values
 * people write) that parses back, after dividing by scale, to exactly v. */
/* snprintf(buf, UNITS_BUF, "%.*f%s", decimals, x, suffix), the number by
 * numfmt_f (the same bytes, without printf's cost) when it fits. */
static void fmt_fixed(char buf[UNITS_BUF], int decimals, double x, const char *suffix)
{
    char t[NUMFMT_BUF];
    size_t k = numfmt_f(x, decimals, t), ls = strlen(suffix);
    if (k + ls >= UNITS_BUF) {
        snprintf(buf, UNITS_BUF, "%.*f%s", decimals, x, suffix);
        return;
    }
    memcpy(buf, t, k);
    memcpy(buf + k, suffix, ls + 1);
}

static void fmt_shortest(double v, double scale, const char *suffix, char buf[UNITS_BUF])
{
    double x = v * scale;
    if (fabs(x) >= 1e-6 && fabs(x) < 1e15) {
        for (int decimals = 0; decimals <= 17; decimals++) {
            fmt_fixed(buf, decimals, x, suffix);
            if (strtod(buf, NULL) / scale == v)
                return;
        }
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, UNITS_BUF, "%.*g%s", prec, x, suffix);
        if (strtod(buf, NULL) / scale == v)
            return;
    }
    snprintf(buf, UNITS_BUF, "%.17g", v);
}

void units_fmt_number(double v, char buf[UNITS_BUF]) { fmt_shortest(v, 1, "", buf); }

void units_fmt_count(double v, char buf[UNITS_BUF])
{
    static const struct { double mult; const char *suffix; } sfx[] = {
        {1e9, "G"}, {1e6, "M"}, {1e3, "k"},
    };
    for (size_t i = 0; i < 3; i++) {
        double q = v / sfx[i].mult;
        if (v >= sfx[i].mult && q == nearbyint(q) && q * sfx[i].mult == v) {
            snprintf(buf, UNITS_BUF, "%.0f%s", q, sfx[i].suffix);
            return;
        }
    }
    fmt_shortest(v, 1, "", buf);
}

void units_fmt_quota(double v, char buf[UNITS_BUF])
{
    if (isinf(v))
        snprintf(buf, UNITS_BUF, "unlimited");
    else
        units_fmt_count(v, buf);
}

void units_fmt_duration(int64_t ms, char buf[UNITS_BUF])
{
    static const struct { int64_t ms; const char *name; } units[] = {
        {7 * SIM_MS_PER_DAY, "w"}, {SIM_MS_PER_DAY, "d"}, {SIM_MS_PER_H, "h"},
        {SIM_MS_PER_MIN, "m"}, {SIM_MS_PER_S, "s"},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (ms != 0 && ms % units[i].ms == 0) {
            snprintf(buf, UNITS_BUF, "%lld%s", (long long)(ms / units[i].ms), units[i].name);
            return;
        }
    snprintf(buf, UNITS_BUF, "%lldms", (long long)ms);
}

void units_fmt_share(double v, char buf[UNITS_BUF])
{
    /* Percent reads best; parse_fraction divides by 100 exactly as fmt_shortest checks. */
    fmt_shortest(v, 100, "%", buf);
}

/* Write v as `width` digits with leading zeros at p. */
static char *put_digits(char *p, unsigned v, int width)
{
    if (width == 2 && v < 100) { /* month, day, hours, minutes, seconds */
        p[0] = (char)('0' + v / 10);
        p[1] = (char)('0' + v % 10);
        return p + 2;
    }
    for (int i = width - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + width;
}

void units_fmt_datetime(int64_t epoch_ms, char buf[UNITS_BUF])
{
    int64_t days = epoch_ms / SIM_MS_PER_DAY, rem = epoch_ms % SIM_MS_PER_DAY;
    if (rem < 0) { rem += SIM_MS_PER_DAY; days--; }
    int64_t y;
    unsigned m, d;
    units_civil_from_days(days, &y, &m, &d);
    int h = (int)(rem / SIM_MS_PER_H), mi = (int)(rem / SIM_MS_PER_MIN % 60);
    int s = (int)(rem / SIM_MS_PER_S % 60), ms = (int)(rem % SIM_MS_PER_S);
    if (y < 0 || y > 9999) { /* never from a run (sim.start is 1970 or later) */
        snprintf(buf, UNITS_BUF, ms ? "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ" : "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                 (long long)y, m, d, h, mi, s, ms);
        return;
    }
    /* The text of "%04lld-%02u-%02uT%02d:%02d:%02d[.%03d]Z" by hand: a row's
     * time is written for every timeseries row, and printf was a third of it. */
    char *p = put_digits(buf, (unsigned)y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p++ = 'T';
    p = put_digits(p, (unsigned)h, 2);
    *p++ = ':';
    p = put_digits(p, (unsigned)mi, 2);
    *p++ = ':';
    p = put_digits(p, (unsigned)s, 2);
    if (ms) {
        *p++ = '.';
        p = put_digits(p, (unsigned)ms, 3);
    }
    *p++ = 'Z';
    *p = '\0';
}
