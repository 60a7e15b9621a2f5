/* jsonout.c: the JSON summaries of --json (jsonout.h). */
#include "jsonout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csvin.h"

json_t *jsonout_begin(const char *command, int status, const char *outdir, const char *error)
{
    json_t *j = json_object();
    json_object_set_new(j, "command", json_string(command));
    json_object_set_new(j, "status", json_integer(status));
    if (outdir)
        json_object_set_new(j, "outdir", json_string(outdir));
    if (error)
        json_object_set_new(j, "error", json_string(error));
    json_object_set_new(j, "files", json_array());
    return j;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void jsonout_add_file(json_t *j, const char *dir, const char *name)
{
    char *p = join(dir, name);
    struct stat st;
    if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode))
        json_array_append_new(json_object_get(j, "files"), json_string(p));
    free(p);
}

/* A cell as a JSON value: a finite decimal number, null when empty, else text. */
static json_t *cell(const char *s)
{
    if (!*s)
        return json_null();
    const char *end = csvin_number_end(s);
    if (end && !*end) {
        double v = strtod(s, NULL);
        if (!strpbrk(s, ".eE") && fabs(v) < 9007199254740992.0) /* a count: an integer */
            return json_integer((json_int_t)v);
        if (isfinite(v))
            return json_real(v);
    }
    return json_string(s);
}

/* The rows after the header, each an object of header name -> cell. */
static json_t *rows(csvin *in)
{
    json_t *out = json_array(), *header = json_array();
    csvin_row row;
    sim_err err;
    int first = 1;
    while (csvin_next(in, &row, &err) == 1) {
        if (first) {
            for (size_t i = 0; i < row.n; i++)
                json_array_append_new(header, json_string(row.field[i]));
            first = 0;
            continue;
        }
        json_t *o = json_object();
        for (size_t i = 0; i < row.n && i < json_array_size(header); i++)
            json_object_set_new(o, json_string_value(json_array_get(header, i)), cell(row.field[i]));
        json_array_append_new(out, o);
    }
    json_decref(header);
    return out;
}

void jsonout_add_table(json_t *j, const char *key, const char *dir, const char *name)
{
    char *p = join(dir, name);
    csvin *in;
    sim_err err;
    if (p && csvin_open(&in, p, &err) == 0) {
        json_object_set_new(j, key, rows(in));
        csvin_close(in);
    }
    free(p);
}

int jsonout_print(json_t *j)
{
    int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(j);
    if (rc == 0 && fputc('\n', stdout) == EOF)
        rc = -1;
    return rc ? 1 : 0;
}
