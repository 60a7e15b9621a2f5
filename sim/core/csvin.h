/* csvin.h: a streaming CSV row reader on libcsv, for replayed input files.
 *
 *   csvin *in;
 *   if (csvin_open(&in, path, err)) return SIM_EINPUT;
 *   csvin_row row;
 *   while ((rc = csvin_next(in, &row, err)) == 1)
 *       use(row.field[0], row.line);
 *   csvin_close(in);
 *
 * The file is read in chunks and handed to libcsv one line at a time, so at most
 * one row (and one chunk) is held in memory, whatever the file's size. Rows are
 * RFC 4180: comma separated, fields may be quoted ("a,b", "say ""hi"""), quoted
 * fields may span lines. LF and CRLF line ends and a leading UTF-8 byte order
 * mark are accepted; blank lines are skipped; spaces around unquoted fields are
 * trimmed (libcsv). Refused, as "FILE:LINE: message" with SIM_EINPUT: NUL bytes,
 * fields over CSVIN_MAX_FIELD bytes, rows of over CSVIN_MAX_FIELDS fields, bad
 * quoting, a quoted field still open at the end of the file, CR-only line ends.
 * A header field that is no known column is quoted at most CSVIN_SHOW_HEADER
 * bytes long: the file may not be a CSV file at all (a password file).
 * docs/formats-input.md lists the messages. */
#ifndef SESIM_CSVIN_H
#define SESIM_CSVIN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"

#define CSVIN_SHOW 48             /* buffer size for csvin_show */
#define CSVIN_SHOW_HEADER 16      /* most bytes of a bad header field quoted */

typedef struct csvin csvin;

typedef struct csvin_row {
    size_t n;            /* number of fields (>= 1) */
    const char **field;  /* NUL-terminated; valid until the next csvin_next */
    const size_t *len;   /* their lengths in bytes */
    long line;           /* the line on which the row starts, from 1 */
} csvin_row;

/* Open path for reading; "FILE: cannot open: reason" when it cannot be, and
 * "FILE: is a FIFO, not a regular file" (a device, a folder) when it is not a
 * regular file: such a file would block or never end. */
int csvin_open(csvin **in, const char *path, sim_err *err);
/* The checks of csvin_open alone, the file closed again: 0 or SIM_EINPUT. */
int csvin_check_file(const char *path, sim_err *err);
/* The next row: 1 and *row, 0 at the end of the file, or SIM_EINPUT. An error
 * is sticky: later calls return it again. */
int csvin_next(csvin *in, csvin_row *row, sim_err *err);
/* The path as given to csvin_open, for messages. */
const char *csvin_path(const csvin *in);
void csvin_close(csvin *in); /* NULL is fine */

/* ---- helpers for the readers of a file type ---- */

/* The index of the first of n fields equal to name, or -1: a column by its
 * header name (headers sesim wrote itself, matched exactly). */
long csvin_find(const char *const *fields, size_t n, const char *name);

/* Map a header row onto known column names: idx[k] = the field index of
 * names[k], or -1 when absent. Names are matched exactly after trimming spaces.
 * Errors: an unknown, empty or repeated column, or a missing one among those
 * whose bit is set in `required` (bit k for names[k]). n_names <= 32. */
int csvin_columns(const csvin *in, const csvin_row *header, const char *const *names,
                  size_t n_names, uint32_t required, int *idx, sim_err *err);
/* A row must have exactly `want` fields (the header's): "short row" or "extra
 * field" otherwise. */
int csvin_check_width(const csvin *in, const csvin_row *row, size_t want, sim_err *err);
/* Field `col` of row as a whole non-negative number of at most 2^53: digits,
 * or a decimal such as 12.0 or 1e3 whose value is whole; no units, no sign.
 * `what` names the column in messages. */
int csvin_count(const csvin *in, const csvin_row *row, int col, const char *what,
                int64_t *out, sim_err *err);
/* Field `col` of row as an ISO 8601 UTC time (units_datetime), ms since 1970. */
int csvin_time(const csvin *in, const csvin_row *row, int col, const char *what, int64_t *epoch_ms,
               sim_err *err);
/* The end of the decimal number at s, [+-]digits[.digits][e[+-]digits] (an
 * exponent without digits is left out), or NULL when s starts with none. */
const char *csvin_number_end(const char *s);
/* A printable excerpt of a field for a one-line message: control bytes become
 * '?', long text is cut with "...". Returns buf. */
const char *csvin_show(const char *s, char buf[CSVIN_SHOW]);

#endif
