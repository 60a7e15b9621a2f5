/* report_text.c: text built in memory, for captions, labels and file names. */
#include <stdarg.h>
#include <stdlib.h>

#include "report_int.h"

FILE *report_mem_open(report_mem *m)
{
    m->s = NULL;
    m->n = 0;
    m->f = open_memstream(&m->s, &m->n);
    if (!m->f)
        sim_oom(0);
    return m->f;
}

char *report_mem_close(report_mem *m)
{
    fclose(m->f);
    return m->s;
}

char *report_strf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = sim_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    va_start(ap, fmt);
    vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    return s;
}
