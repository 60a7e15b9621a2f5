/* error.c: error messages, exit codes and checked allocation. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* The length of the UTF-8 sequence at s (1 to 4) and its code point, or 0 when
 * the bytes there are not well-formed UTF-8 (overlong, a surrogate, cut short). */
static size_t utf8_char(const unsigned char *s, unsigned *cp)
{
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (s[0] < 0xC2 || s[0] > 0xF4)
        return 0;
    unsigned v = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Code points a terminal acts on or that reorder what it shows: C1 controls
 * (U+009B is a CSI), line and paragraph separators, bidirectional overrides. */
static int unsafe_code_point(unsigned cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t sim_sanitize(char *text)
{
    unsigned char *s = (unsigned char *)text, *out = s;
    size_t replaced = 0;
    while (*s) {
        unsigned cp = 0;
        size_t n = *s < 0x80 ? 1 : utf8_char(s, &cp);
        if (n == 1 && (*s < 0x20 || *s == 0x7F))
            n = 0, cp = 0;
        if (n == 0 || (n > 1 && unsafe_code_point(cp))) {
            *out++ = '?';
            s += n ? n : 1;
            replaced++;
            continue;
        }
        while (n--)
            *out++ = *s++;
    }
    *out = 0;
    return replaced;
}

void sim_eprintf(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sim_sanitize(line);
    fprintf(stderr, "sesim: %s\n", line);
}

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
    /* Whatever the message quotes (a key, a value, a file name, a field of a
     * data file) reaches a terminal: no byte of it may act on the terminal. */
    sim_sanitize(err->msg);
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
