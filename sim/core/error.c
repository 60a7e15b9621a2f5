/* error.c: error messages, exit codes and checked allocation. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

int sim_errorf(sim_err *err, int code, const char *file, long line, const char *fmt, ...)
{
    if (!err)
        return code;
    size_t used = 0;
    if (file && line > 0)
        used = (size_t)snprintf(err->msg, sizeof err->msg, "%s:%ld: ", file, line);
    else if (file)
        used = (size_t)snprintf(err->msg, sizeof err->msg, "%s: ", file);
    if (used >= sizeof err->msg)
        used = sizeof err->msg - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + used, sizeof err->msg - used, fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

int sim_check_argument(const char *where, const char *text, sim_err *err)
{
    for (const char *p = text; *p; p++)
        if (iscntrl((unsigned char)*p)) {
            char shown[64];
            size_t n = 0;
            for (const char *q = text; *q && n < sizeof shown - 4; q++)
                shown[n++] = iscntrl((unsigned char)*q) ? '?' : *q;
            snprintf(shown + n, sizeof shown - n, "%s", text[n] ? "..." : "");
            return sim_errorf(err, SIM_EINPUT, where, 0,
                              "'%s' holds a control character (a line end or a tab?)", shown);
        }
    return 0;
}

const char *sim_strerror(int code)
{
    switch (code) {
    case SIM_OK: return "success";
    case SIM_EINPUT: return "bad input";
    case SIM_ERUNTIME: return "run failed";
    case SIM_ENOMEM: return "out of memory";
    case SIM_EINTERRUPTED: return "interrupted";
    default: return "unknown error";
    }
}

int sim_exit_code(int code)
{
    if (code == SIM_OK)
        return 0;
    if (code == SIM_EINTERRUPTED)
        return 130;
    return code == SIM_EINPUT ? 2 : 1;
}

_Noreturn void sim_oom(size_t n)
{
    fprintf(stderr, "sesim: out of memory (asked for %zu bytes)\n", n);
    exit(1);
}

static void *check(void *p, size_t n)
{
    if (!p && n)
        sim_oom(n);
    return p;
}

void *sim_xmalloc(size_t n) { return check(malloc(n), n); }
void *sim_xcalloc(size_t n, size_t size) { return check(calloc(n, size), n * size); }
void *sim_xrealloc(void *p, size_t n) { return check(realloc(p, n), n); }
char *sim_xstrdup(const char *s) { return check(strdup(s), strlen(s) + 1); }
