/* units.h: values with units, as scenario files and --set write them.
 *
 *   counts     10000  10k  1.5M  2G          (k = 1e3, M = 1e6, G = 1e9; whole, at most 2^53)
 *   rates      5  14/s  0.5                  (messages per second)
 *   durations  500ms 30s 15m 24h 7d 2w 1d12h (a number is not enough: a unit is required)
 *   shares     5%  0.05                      (in [0, 1])
 *   ratios     -1%  2.5%  0.01               (signed shares, e.g. growth per day)
 *   times      2026-01-01  2026-01-01T09:00:00Z  or an offset from the start: 2d
 *   quotas     a count, or -1 / unlimited    (the API's Max24HourSend: -1 is unlimited)
 *
 * Parsers return 0 or SIM_EINPUT with a message (without location) in err;
 * formatters write the canonical text, which parses back to the identical value. */
#ifndef SESIM_UNITS_H
#define SESIM_UNITS_H

#include <stdint.h>

#include "error.h"

#define UNITS_BUF 64

int units_count(const char *s, double *out, sim_err *err);
/* A daily quota: a count, or `-1` or `unlimited` (INFINITY), as SES's API writes
 * an unlimited Max24HourSend. */
int units_quota(const char *s, double *out, sim_err *err);
int units_rate(const char *s, double *out, sim_err *err);
int units_duration(const char *s, int64_t *ms, sim_err *err);
int units_share(const char *s, double *out, sim_err *err);
int units_ratio(const char *s, double *out, sim_err *err);
/* Absolute UTC date or date-time, as ms since 1970-01-01. */
int units_datetime(const char *s, int64_t *epoch_ms, sim_err *err);
/* A time of the run: absolute (needs start_epoch_ms) or an offset; ms since start. */
int units_time(const char *s, int64_t start_epoch_ms, int64_t *ms, sim_err *err);
/* A plain real number (no unit), finite. */
int units_number(const char *s, double *out, sim_err *err);

void units_fmt_count(double v, char buf[UNITS_BUF]);
/* A quota as a scenario writes it: a count, or `unlimited` for INFINITY. */
void units_fmt_quota(double v, char buf[UNITS_BUF]);
void units_fmt_number(double v, char buf[UNITS_BUF]);
void units_fmt_duration(int64_t ms, char buf[UNITS_BUF]);
void units_fmt_share(double v, char buf[UNITS_BUF]);
void units_fmt_datetime(int64_t epoch_ms, char buf[UNITS_BUF]);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
int64_t units_days_from_civil(int64_t y, unsigned m, unsigned d);
void units_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

#endif
