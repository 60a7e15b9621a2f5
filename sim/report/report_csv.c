/* report_csv.c: the report's CSV reader: libcsv fed in chunks, one row at a
 * time handed to a callback, so a file of any length is read in little memory. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/csvin.h"
#include "report_int.h"

typedef struct reader {
    const char *path;
    report_row_fn fn;
    void *user;
    sim_err *err;
    int rc;       /* first error; later rows are ignored */
    long line;    /* rows seen so far (the header is row 1) */
    char *text;   /* this row's fields, each NUL-terminated */
    size_t used, cap;
    size_t *start; /* offsets of the fields in text */
    size_t nf, capf;
    char **fields;
} reader;

static void on_field(void *field, size_t len, void *data)
{
    reader *rd = data;
    if (rd->rc)
        return;
    if (rd->used + len + 1 > REPORT_CSV_MAX_ROW_BYTES || rd->nf == REPORT_CSV_MAX_FIELDS) {
        rd->rc = sim_errorf(rd->err, SIM_EINPUT, rd->path, rd->line + 1,
                            "row longer than %d bytes or %d fields", REPORT_CSV_MAX_ROW_BYTES, REPORT_CSV_MAX_FIELDS);
        return;
    }
    if (rd->used + len + 1 > rd->cap) {
        while (rd->used + len + 1 > rd->cap)
            rd->cap = rd->cap ? 2 * rd->cap : 1024;
        rd->text = sim_xrealloc(rd->text, rd->cap);
    }
    if (rd->nf == rd->capf) {
        rd->capf = rd->capf ? 2 * rd->capf : 32;
        rd->start = sim_xrealloc(rd->start, rd->capf * sizeof *rd->start);
        rd->fields = sim_xrealloc(rd->fields, rd->capf * sizeof *rd->fields);
    }
    rd->start[rd->nf++] = rd->used;
    if (len)
        memcpy(rd->text + rd->used, field, len);
    rd->used += len;
    rd->text[rd->used++] = 0;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *rd = data;
    rd->line++;
    if (!rd->rc && rd->nf) {
        for (size_t i = 0; i < rd->nf; i++)
            rd->fields[i] = rd->text + rd->start[i];
        rd->rc = rd->fn(rd->user, rd->nf, rd->fields, rd->line, rd->err);
    }
    rd->used = 0;
    rd->nf = 0;
}

int report_csv_each(const char *path, report_row_fn fn, void *user, sim_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sim_errorf(err, SIM_EINPUT, path, 0, "cannot open: %s", strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fclose(f);
        return sim_errorf(err, SIM_ENOMEM, path, 0, "cannot start the CSV reader");
    }
    reader rd = {.path = path, .fn = fn, .user = user, .err = err};
    char *buf = sim_xmalloc(REPORT_CSV_CHUNK);
    size_t n;
    int first = 1;
    while (!rd.rc && (n = fread(buf, 1, REPORT_CSV_CHUNK, f)) > 0) {
        char *b = buf;
        if (first && n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)) { /* byte-order mark */
            b += 3;
            n -= 3;
        }
        first = 0;
        if (memchr(b, 0, n)) {
            rd.rc = sim_errorf(err, SIM_EINPUT, path, rd.line + 1, "NUL byte: not a CSV file");
            break;
        }
        if (csv_parse(&p, b, n, on_field, on_row, &rd) != n && !rd.rc)
            rd.rc = sim_errorf(err, SIM_EINPUT, path, rd.line + 1, "malformed CSV: %s",
                               csv_strerror(csv_error(&p)));
    }
    if (!rd.rc && ferror(f))
        rd.rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "read failed: %s", strerror(errno));
    if (!rd.rc && csv_fini(&p, on_field, on_row, &rd) != 0 && !rd.rc)
        rd.rc = sim_errorf(err, SIM_EINPUT, path, rd.line + 1, "malformed CSV: %s",
                           csv_strerror(csv_error(&p)));
    csv_free(&p);
    fclose(f);
    free(buf);
    free(rd.text);
    free(rd.start);
    free(rd.fields);
    return rd.rc;
}

int report_csv_column(size_t n, char **fields, const char *name)
{
    return (int)csvin_find((const char *const *)fields, n, name);
}

int report_number(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int report_rep(const char *s, long *out)
{
    double v;
    if (report_number(s, &v) || v < 1 || v > SCN_MAX_REPS || v != floor(v))
        return -1;
    *out = (long)v; /* in range: a crafted 1e300 never reaches the cast */
    return 0;
}

int report_by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
