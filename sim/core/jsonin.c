/* jsonin.c: JSON input files on jansson, with lines for every container. */
#include "jsonin.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "units.h"

typedef struct jsonin_pos {
    const json_t *v;
    long line;
} jsonin_pos;

struct jsonin {
    char *path;
    json_t *root;
    jsonin_pos *pos; /* every container, sorted by address for bsearch */
    size_t npos;
};

/* "FILE:LINE:COLUMN: reason", control characters of jansson's text (it quotes
 * the input near the error) shown as '?', so the message stays one line. */
static int syntax_error(const char *path, long line, const json_error_t *je, sim_err *err)
{
    char text[JSON_ERROR_TEXT_LENGTH];
    snprintf(text, sizeof text, "%s", je->text);
    for (char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    char loc[4096];
    snprintf(loc, sizeof loc, "%s:%ld:%d", path, line > 0 ? line : 1,
             je->column > 0 ? je->column : 1);
    return sim_errorf(err, SIM_EINPUT, loc, 0, "%s", text);
}

static int parse(json_t **out, const char *path, long line0, const char *text, size_t len,
                 sim_err *err)
{
    json_error_t je;
    const char *nul = memchr(text, '\0', len);
    if (nul) { /* jansson would stop there with a less helpful message */
        long line = line0;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        return sim_errorf(err, SIM_EINPUT, path, line, "NUL byte (is this a text JSON file?)");
    }
    *out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!*out)
        return syntax_error(path, line0 + je.line - 1, &je, err);
    return 0;
}

int jsonin_parse_line(json_t **out, const char *path, long line, const char *text, size_t len,
                      sim_err *err)
{
    return parse(out, path, line, text, len, err);
}

static int read_file(const char *path, char **buf, size_t *len, sim_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sim_errorf(err, SIM_EINPUT, path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "is a folder, not a JSON file");
    else if (fstat(fileno(f), &st) == 0 && st.st_size > JSONIN_MAX_BYTES)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "over %ld bytes: too large for a JSON document",
                        JSONIN_MAX_BYTES);
    size_t cap = 65536, n = 0;
    char *b = rc ? NULL : sim_xmalloc(cap);
    while (!rc) {
        if (n == cap)
            b = sim_xrealloc(b, cap *= 2);
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (n > (size_t)JSONIN_MAX_BYTES)
            rc = sim_errorf(err, SIM_EINPUT, path, 0,
                            "over %ld bytes: too large for a JSON document", JSONIN_MAX_BYTES);
        else if (got == 0 && ferror(f))
            rc = sim_errorf(err, SIM_EINPUT, path, 0, "cannot read: %s", strerror(errno));
        else if (got == 0)
            break;
    }
    fclose(f);
    if (rc)
        free(b);
    *buf = rc ? NULL : b;
    *len = n;
    return rc;
}

/* The lines on which the text's '{' and '[' stand, in order (the text is valid
 * JSON: brackets inside strings are skipped). */
static long *container_lines(const char *t, size_t len, size_t *n)
{
    size_t cap = 64;
    long *lines = sim_xmalloc(cap * sizeof *lines), line = 1;
    int in_string = 0;
    *n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '\n')
            line++;
        else if (in_string && c == '\\')
            i++; /* the escaped character (never a line end in valid JSON) */
        else if (c == '"')
            in_string = !in_string;
        else if (!in_string && (c == '{' || c == '[')) {
            if (*n == cap)
                lines = sim_xrealloc(lines, (cap *= 2) * sizeof *lines);
            lines[(*n)++] = line;
        }
    }
    return lines;
}

/* Pre-order walk: the k-th container gets the k-th line. */
static void walk(jsonin *in, const json_t *v, const long *lines, size_t nlines)
{
    if (!json_is_object(v) && !json_is_array(v))
        return;
    if (in->npos < nlines)
        in->pos[in->npos] = (jsonin_pos){v, lines[in->npos]};
    in->npos++;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            walk(in, json_array_get(v, i), lines, nlines);
        return;
    }
    const char *key;
    json_t *child;
    json_object_foreach((json_t *)v, key, child)
        walk(in, child, lines, nlines);
}

static int by_address(const void *a, const void *b)
{
    const jsonin_pos *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

static void map_lines(jsonin *in, const char *text, size_t len)
{
    size_t nlines;
    long *lines = container_lines(text, len, &nlines);
    in->pos = sim_xmalloc((nlines ? nlines : 1) * sizeof *in->pos);
    walk(in, in->root, lines, nlines);
    if (in->npos > nlines)
        in->npos = nlines; /* cannot happen with valid JSON; stay in bounds */
    qsort(in->pos, in->npos, sizeof *in->pos, by_address);
    free(lines);
}

int jsonin_load(jsonin **out, const char *path, sim_err *err)
{
    *out = NULL;
    char *buf = NULL;
    size_t len = 0;
    int rc = read_file(path, &buf, &len, err);
    if (rc)
        return rc;
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* BOM */
    json_t *root;
    if ((rc = parse(&root, path, 1, buf + skip, len - skip, err))) {
        free(buf);
        return rc;
    }
    jsonin *in = sim_xcalloc(1, sizeof *in);
    in->path = sim_xstrdup(path);
    in->root = root;
    map_lines(in, buf + skip, len - skip);
    free(buf);
    *out = in;
    return 0;
}

json_t *jsonin_root(const jsonin *in) { return in->root; }
const char *jsonin_path(const jsonin *in) { return in->path; }

long jsonin_line(const jsonin *in, const json_t *v)
{
    jsonin_pos key = {v, 0};
    const jsonin_pos *p = bsearch(&key, in->pos, in->npos, sizeof *in->pos, by_address);
    return p ? p->line : 0;
}

void jsonin_close(jsonin *in)
{
    if (!in)
        return;
    json_decref(in->root);
    free(in->pos);
    free(in->path);
    free(in);
}

int jsonin_sniff(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char b[4096];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    return i < n && (b[i] == '{' || b[i] == '[');
}

/* ---- fields ---- */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static int wrong_type(const char *path, long line, const char *key, const json_t *v,
                      const char *want, sim_err *err)
{
    return sim_errorf(err, SIM_EINPUT, path, line, "%s is %s (expected %s)", key, type_name(v),
                      want);
}

int jsonin_number(const char *path, long line, const json_t *obj, const char *key, double *out,
                  sim_err *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return 1;
    if (!json_is_number(v))
        return wrong_type(path, line, key, v, "a number", err);
    *out = json_number_value(v);
    return 0;
}

int jsonin_count(const char *path, long line, const json_t *obj, const char *key, int64_t *out,
                 sim_err *err)
{
    double d = 0;
    int rc = jsonin_number(path, line, obj, key, &d, err);
    if (rc)
        return rc;
    char shown[UNITS_BUF];
    units_fmt_number(d, shown);
    if (d < 0)
        return sim_errorf(err, SIM_EINPUT, path, line, "%s %s is negative", key, shown);
    if (d > SCN_MAX_COUNT)
        return sim_errorf(err, SIM_EINPUT, path, line, "%s %s is over 2^53, the largest exact count",
                          key, shown);
    if (d != floor(d))
        return sim_errorf(err, SIM_EINPUT, path, line, "%s %s is not a whole number", key, shown);
    *out = (int64_t)d;
    return 0;
}

int jsonin_bool(const char *path, long line, const json_t *obj, const char *key, int *out,
                sim_err *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return 1;
    if (!json_is_boolean(v))
        return wrong_type(path, line, key, v, "true or false", err);
    *out = json_is_true(v);
    return 0;
}

int jsonin_string(const char *path, long line, const json_t *obj, const char *key,
                  const char **out, sim_err *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return 1;
    if (!json_is_string(v))
        return wrong_type(path, line, key, v, "a string", err);
    *out = json_string_value(v);
    return 0;
}

int jsonin_time(const char *path, long line, const json_t *obj, const char *key, int64_t *out,
                sim_err *err)
{
    const char *s = NULL;
    int rc = jsonin_string(path, line, obj, key, &s, err);
    if (rc)
        return rc;
    sim_err why = {0};
    if (units_datetime(s, out, &why) == 0)
        return 0;
    for (char *p = why.msg; *p; p++) /* the string may hold an escaped line end */
        if ((unsigned char)*p < 0x20)
            *p = '?';
    return sim_errorf(err, SIM_EINPUT, path, line, "%s: %s", key, why.msg);
}
