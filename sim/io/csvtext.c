/* csvtext.c: text cells of the CSV outputs, guarded against formulas (csvtext.h). */
#include <stdlib.h>
#include <string.h>

#include "core/csvin.h"
#include "core/error.h"
#include "csvtext.h"
#include "output.h"

/* [+-]digits[.digits][e[+-]digits][%]: what a spreadsheet reads as a number. */
static int reads_as_number(const char *s)
{
    const char *end = csvin_number_end(s);
    return end && (!strcmp(end, "") || !strcmp(end, "%"));
}

int csvtext_guarded(const char *s)
{
    if (*s == '\'')
        return 1; /* so that unguarding drops exactly the guard */
    if (!strchr("=+-@\t\r", *s) || !*s)
        return 0;
    return !reads_as_number(s);
}

void csvtext_field(FILE *f, const char *s)
{
    if (!csvtext_guarded(s)) {
        out_csv_field(f, s);
        return;
    }
    size_t n = strlen(s);
    char *guarded = sim_xmalloc(n + 2);
    guarded[0] = '\'';
    memcpy(guarded + 1, s, n + 1);
    out_csv_field(f, guarded);
    free(guarded);
}

const char *csvtext_unguard(const char *cell)
{
    return *cell == '\'' ? cell + 1 : cell;
}

void csvtext_unguard_cell(char *cell)
{
    if (*cell == '\'')
        memmove(cell, cell + 1, strlen(cell));
}
