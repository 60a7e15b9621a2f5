/* csvin.c: the streaming CSV row reader (csvin.h) on libcsv.
 *
 * libcsv pushes fields and rows through callbacks; callers here want to pull
 * one row at a time and know its line. Both come from feeding libcsv one line
 * (up to and including its '\n') per csv_parse call: a call then completes at
 * most one row, so nothing needs queueing, and the line being fed is known when
 * a callback fires. Only '\n' ends a row (a custom terminator test) and '\r'
 * counts as a space, so CRLF files read like LF files while a CR inside quotes
 * is kept. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "config.h"
#include "csvin.h"
#include "units.h"

/* libcsv grows its field buffer by this many bytes at a time (its default);
 * a buffer larger than the longest field plus this means a field in progress
 * is over the limit (typically a quote that is never closed). */
#define LIBCSV_BLOCK 128

struct csvin {
    FILE *f;
    char *path;
    struct csv_parser p;
    unsigned char *buf;         /* CSVIN_CHUNK bytes read from f */
    size_t pos, len;            /* the part of buf not yet fed: [pos, len) */
    const unsigned char *nul;   /* the first NUL byte in buf, or NULL */
    int started, eof, finished; /* first chunk read; f exhausted; csv_fini done */
    int status;                 /* 0, or the sticky error code */
    sim_err error;              /* its message */
    long line;                  /* the line being fed, from 1 */
    long row_line;              /* where the row in progress started; 0: none */
    int row_done;               /* the last csv_parse call completed a row */
    size_t nf;                  /* fields of the row in progress */
    char *arena;                /* their bytes, each NUL-terminated */
    size_t used, cap;
    size_t off[CSVIN_MAX_FIELDS], flen[CSVIN_MAX_FIELDS];
    const char *field[CSVIN_MAX_FIELDS];
};

__attribute__((format(printf, 3, 4)))
static int fail(csvin *in, long line, const char *fmt, ...)
{
    char msg[sizeof in->error.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    in->status = sim_errorf(&in->error, SIM_EINPUT, in->path, line, "%s", msg);
    return in->status;
}

static int is_term(unsigned char c) { return c == '\n'; }
static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* libcsv callback: one field of the row in progress. */
static void on_field(void *s, size_t len, void *data)
{
    csvin *in = data;
    if (in->status)
        return;
    if (len > CSVIN_MAX_FIELD) {
        fail(in, in->line, "field longer than %d bytes", CSVIN_MAX_FIELD);
        return;
    }
    if (in->nf == CSVIN_MAX_FIELDS) {
        fail(in, in->line, "row has more than %d fields", CSVIN_MAX_FIELDS);
        return;
    }
    if (in->used + len + 1 > in->cap) {
        /* Bounded by CSVIN_MAX_FIELDS x (CSVIN_MAX_FIELD + 1); grows rarely. */
        while (in->used + len + 1 > in->cap)
            in->cap *= 2;
        in->arena = sim_xrealloc(in->arena, in->cap);
    }
    if (len)
        memcpy(in->arena + in->used, s, len);
    in->arena[in->used + len] = 0;
    in->off[in->nf] = in->used;
    in->flen[in->nf++] = len;
    in->used += len + 1;
}

/* libcsv callback: the row in progress is complete. */
static void on_row(int c, void *data)
{
    (void)c;
    csvin *in = data;
    if (!in->status)
        in->row_done = 1;
}

/* Open a data file for reading, refusing what is not a regular file: a FIFO
 * or a terminal would block (or never end), a device such as /dev/zero would
 * never end. Opened without blocking, so that a FIFO with no writer is seen
 * for what it is, then switched back to blocking reads. */
static FILE *open_regular(const char *path, sim_err *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        sim_errorf(err, SIM_EINPUT, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    const char *not = NULL;
    if (fstat(fd, &st) != 0)
        not = "cannot be examined";
    else if (S_ISDIR(st.st_mode))
        not = "is a folder, not a CSV file"; /* reading it would fail on "line 1" */
    else if (!S_ISREG(st.st_mode))
        not = S_ISFIFO(st.st_mode) ? "is a FIFO, not a regular file"
                                   : "is a device or socket, not a regular file";
    FILE *f = NULL;
    if (!not && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
        f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        sim_errorf(err, SIM_EINPUT, path, 0, "%s", not ? not : strerror(errno));
    }
    return f;
}

int csvin_check_file(const char *path, sim_err *err)
{
    FILE *f = open_regular(path, err);
    if (!f)
        return SIM_EINPUT;
    fclose(f);
    return 0;
}

int csvin_open(csvin **out, const char *path, sim_err *err)
{
    *out = NULL;
    FILE *f = open_regular(path, err);
    if (!f)
        return SIM_EINPUT;
    csvin *in = sim_xcalloc(1, sizeof *in);
    in->f = f;
    in->path = sim_xstrdup(path);
    in->buf = sim_xmalloc(CSVIN_CHUNK);
    in->cap = 4096;
    in->arena = sim_xmalloc(in->cap);
    in->line = 1;
    if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        csvin_close(in);
        return sim_errorf(err, SIM_ENOMEM, path, 0, "cannot set up the CSV parser");
    }
    csv_set_term_func(&in->p, is_term);
    csv_set_space_func(&in->p, is_space);
    *out = in;
    return 0;
}

void csvin_close(csvin *in)
{
    if (!in)
        return;
    csv_free(&in->p);
    if (in->f)
        fclose(in->f);
    free(in->buf);
    free(in->arena);
    free(in->path);
    free(in);
}

const char *csvin_path(const csvin *in) { return in->path; }

/* Read the next chunk; skip a UTF-8 byte order mark at the start of the file. */
static int fill(csvin *in)
{
    size_t n = fread(in->buf, 1, CSVIN_CHUNK, in->f);
    if (n < CSVIN_CHUNK) {
        if (ferror(in->f))
            return fail(in, in->line, "cannot read: %s", strerror(errno));
        in->eof = 1;
    }
    in->pos = 0;
    in->len = n;
    if (!in->started && n >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
        in->pos = 3;
    /* Only '\n' ends a row here, so a file of CR-only lines would read as one
     * huge row: say what it is instead. */
    if (!in->started && !memchr(in->buf, '\n', n) && memchr(in->buf, '\r', n))
        return fail(in, 1, "lines end with CR only (classic Mac OS): save the file with LF "
                           "or CRLF line ends");
    in->started = 1;
    in->nul = memchr(in->buf, 0, n);
    return 0;
}

static int blank(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]) && s[i] != '\n')
            return 0;
    return 1;
}

/* Feed libcsv the next line of the chunk, or its rest when the line goes on in
 * the next chunk. */
static int feed_line(csvin *in)
{
    const unsigned char *s = in->buf + in->pos;
    size_t left = in->len - in->pos;
    const unsigned char *nl = memchr(s, '\n', left);
    size_t n = nl ? (size_t)(nl - s) + 1 : left;
    if (in->nul && in->nul >= s && in->nul < s + n)
        return fail(in, in->line, "NUL byte (is this a text CSV file?)");
    if (!in->row_line && !blank(s, n))
        in->row_line = in->line;
    size_t done = csv_parse(&in->p, s, n, on_field, on_row, in);
    in->pos += n;
    if (in->status)
        return in->status;
    if (done != n)
        return fail(in, in->line, "bad quoting: a quote inside an unquoted field, or text "
                                  "after a closing quote (write \"\" for a quote inside quotes)");
    /* The field in progress (libcsv's entry) is over the limit: typically a
     * quote never closed, which swallows the lines after it; but only say so
     * when the field is quoted. */
    if (csv_get_buffer_size(&in->p) > CSVIN_MAX_FIELD + 2 * LIBCSV_BLOCK)
        return fail(in, in->row_line, "field longer than %d bytes%s", CSVIN_MAX_FIELD,
                    in->p.quoted ? " (a quote not closed?)" : "");
    if (nl)
        in->line++;
    return 0;
}

/* At the end of the file: the last row when it has no line end. */
static int finish(csvin *in)
{
    if (in->finished)
        return 0;
    in->finished = 1;
    if (csv_fini(&in->p, on_field, on_row, in) != 0 && !in->status)
        return fail(in, in->row_line, "quoted field not closed at the end of the file");
    return in->status;
}

static void hand_out(csvin *in, csvin_row *row)
{
    for (size_t i = 0; i < in->nf; i++)
        in->field[i] = in->arena + in->off[i];
    *row = (csvin_row){.n = in->nf, .field = in->field, .len = in->flen, .line = in->row_line};
    in->row_line = 0;
}

int csvin_next(csvin *in, csvin_row *row, sim_err *err)
{
    in->nf = in->used = 0;
    in->row_done = 0;
    while (!in->status && !in->row_done) {
        if (in->pos < in->len)
            feed_line(in);
        else if (!in->eof)
            fill(in);
        else if (finish(in) || !in->row_done)
            break;
    }
    if (in->status) {
        if (err)
            *err = in->error;
        return in->status;
    }
    if (!in->row_done)
        return 0;
    hand_out(in, row);
    return 1;
}

/* ---- helpers ---- */

/* At most `keep` bytes of s, control bytes as '?', "..." when cut. */
static const char *show_prefix(const char *s, size_t keep, char buf[CSVIN_SHOW])
{
    size_t n = strlen(s), k = n > keep ? keep : n;
    while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--; /* do not cut a UTF-8 sequence */
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    strcpy(buf + k, k < n ? "..." : "");
    return buf;
}

const char *csvin_show(const char *s, char buf[CSVIN_SHOW])
{
    return show_prefix(s, CSVIN_SHOW - 8, buf);
}

/* A header field that names no column: the file may be anything (a password
 * file, a key), so only a short prefix of it is quoted. */
static const char *show_header(const char *s, char buf[CSVIN_SHOW])
{
    return show_prefix(s, CSVIN_SHOW_HEADER, buf);
}

/* The expected header, for messages: "time, account, messages, stream (optional)". */
static void describe_columns(const char *const *names, size_t n, uint32_t required, char *buf,
                             size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s", k ? ", " : "", names[k],
                                 required >> k & 1 ? "" : " (optional)");
}

static int find_name(const char *const *names, size_t n, const char *s, size_t len, int nocase)
{
    for (size_t k = 0; k < n; k++)
        if (strlen(names[k]) == len &&
            (nocase ? strncasecmp(names[k], s, len) : strncmp(names[k], s, len)) == 0)
            return (int)k;
    return -1;
}

static int unknown_column(const csvin *in, const csvin_row *h, size_t i, const char *s,
                          const char *const *names, size_t n, uint32_t required, sim_err *err)
{
    char show[CSVIN_SHOW], want[512];
    describe_columns(names, n, required, want, sizeof want);
    int k = find_name(names, n, s, strlen(s), 1);
    if (k >= 0)
        return sim_errorf(err, SIM_EINPUT, in->path, h->line,
                          "unknown column '%s' (names are case-sensitive: did you mean '%s'?)",
                          show_header(s, show), names[k]);
    if (!*s)
        return sim_errorf(err, SIM_EINPUT, in->path, h->line,
                          "column %zu has no name (expected columns: %s)", i + 1, want);
    if (h->n == 1 && (strchr(s, ';') || strchr(s, '\t')))
        return sim_errorf(err, SIM_EINPUT, in->path, h->line,
                          "unknown column '%s' (fields must be separated by commas, not %s)",
                          show_header(s, show), strchr(s, ';') ? "semicolons" : "tabs");
    return sim_errorf(err, SIM_EINPUT, in->path, h->line, "unknown column '%s' (expected columns: %s)",
                      show_header(s, show), want);
}

int csvin_columns(const csvin *in, const csvin_row *header, const char *const *names,
                  size_t n_names, uint32_t required, int *idx, sim_err *err)
{
    for (size_t k = 0; k < n_names; k++)
        idx[k] = -1;
    for (size_t i = 0; i < header->n; i++) {
        const char *s = header->field[i];
        size_t len = header->len[i];
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        int k = find_name(names, n_names, s, len, 0);
        if (k < 0)
            return unknown_column(in, header, i, header->field[i], names, n_names, required, err);
        if (idx[k] >= 0)
            return sim_errorf(err, SIM_EINPUT, in->path, header->line,
                              "column '%s' appears twice (columns %d and %zu)", names[k], idx[k] + 1, i + 1);
        idx[k] = (int)i;
    }
    for (size_t k = 0; k < n_names; k++)
        if (idx[k] < 0 && (required >> k & 1)) {
            char want[512];
            describe_columns(names, n_names, required, want, sizeof want);
            return sim_errorf(err, SIM_EINPUT, in->path, header->line,
                              "missing column '%s' (expected columns: %s)", names[k], want);
        }
    return 0;
}

int csvin_check_width(const csvin *in, const csvin_row *row, size_t want, sim_err *err)
{
    if (row->n < want)
        return sim_errorf(err, SIM_EINPUT, in->path, row->line,
                          "short row: %zu field%s where the header has %zu", row->n,
                          row->n == 1 ? "" : "s", want);
    if (row->n > want)
        return sim_errorf(err, SIM_EINPUT, in->path, row->line,
                          "extra field: %zu fields where the header has %zu", row->n, want);
    return 0;
}

const char *csvin_number_end(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        digits += frac;
        p += 1 + frac;
    }
    if (!digits)
        return NULL;
    if (*p == 'e' || *p == 'E') {
        const char *exp = p + 1 + (p[1] == '+' || p[1] == '-');
        size_t n = strspn(exp, "0123456789");
        if (n)
            p = exp + n;
    }
    return p;
}

/* A decimal number as people write one: [-]digits[.digits][e[+-]digits]. */
static int decimal_syntax(const char *s)
{
    const char *end = *s == '+' ? NULL : csvin_number_end(s);
    return end && *end == 0;
}

/* Digits only, the common case: exact, without going through a double. */
static int plain_count(const char *s, size_t len, int64_t *out)
{
    if (len == 0 || len > 20 || strspn(s, "0123456789") != len)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > (uint64_t)SCN_MAX_COUNT)
            return -1;
    }
    *out = (int64_t)v;
    return 1;
}

int csvin_count(const csvin *in, const csvin_row *row, int col, const char *what, int64_t *out,
                sim_err *err)
{
    const char *s = row->field[col];
    char show[CSVIN_SHOW];
    int plain = plain_count(s, row->len[col], out);
    if (plain > 0)
        return 0;
    const char *why = NULL;
    double v = 0;
    if (!*s)
        why = "is empty (expected a whole number of messages)";
    else if (plain < 0)
        why = "is over 2^53, the largest exact count";
    else if (!decimal_syntax(s))
        why = "is not a number (expected a whole number of messages, without units)";
    else if ((v = strtod(s, NULL)) < 0)
        why = "is negative";
    else if (v != floor(v))
        why = "is not a whole number";
    else if (v >= SCN_MAX_COUNT)
        why = "is over 2^53, the largest exact count";
    if (why)
        return sim_errorf(err, SIM_EINPUT, in->path, row->line, "%s '%s' %s", what,
                          csvin_show(s, show), why);
    *out = (int64_t)v;
    return 0;
}

int csvin_time(const csvin *in, const csvin_row *row, int col, const char *what, int64_t *epoch_ms,
               sim_err *err)
{
    const char *text = row->field[col];
    char show[CSVIN_SHOW];
    sim_err inner;
    int short_text = row->len[col] <= 40;
    if (short_text && units_datetime(text, epoch_ms, &inner) == 0)
        return 0;
    /* units_datetime quotes the text: use its reason only when that keeps the
     * message to one short line. */
    if (short_text && strcmp(csvin_show(text, show), text) == 0)
        return sim_errorf(err, SIM_EINPUT, in->path, row->line, "%s %s", what, inner.msg);
    return sim_errorf(err, SIM_EINPUT, in->path, row->line,
                      "%s '%s' is not a UTC date or time (e.g. 2026-01-05T08:00:00Z)", what,
                      csvin_show(text, show));
}

long csvin_find(const char *const *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(fields[i], name))
            return (long)i;
    return -1;
}
