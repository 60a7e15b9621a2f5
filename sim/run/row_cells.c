/* row_cells.c: the cells every row writer of a run shares (rows.c,
 * tenant_rows.c, pool_rows.c): the time columns that start a row and a count. */
#include <stdint.h>
#include <string.h>

#include "core/config.h"
#include "core/numfmt.h"
#include "core/units.h"
#include "run_int.h"

/* time,day,rep, the first columns of timeseries.csv and events.csv, into buf */
void rows_time_columns(char buf[TIME_COLUMNS_BUF], const world *w, int64_t now)
{
    char when[UNITS_BUF], day[NUMFMT_BUF], rep[24], *r = rep + sizeof rep;
    units_fmt_datetime(w->scn->sim.start + now, when);
    numfmt_f((double)now / SIM_MS_PER_DAY, 6, day); /* printf's %.6f, faster */
    uint64_t k = w->rep < 0 ? 0 : (uint64_t)w->rep;
    *--r = '\0';
    do
        *--r = (char)('0' + k % 10);
    while (k /= 10);
    /* "%s,%s,%lld," without printf (a third of a row's cost) */
    const char *parts[] = {when, ",", day, ",", r, ","};
    size_t n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        size_t len = strlen(parts[i]);
        if (len > TIME_COLUMNS_BUF - 1 - n)
            len = TIME_COLUMNS_BUF - 1 - n;
        memcpy(buf + n, parts[i], len);
        n += len;
    }
    buf[n] = '\0';
}

void rows_put_count(FILE *f, int64_t v) { fprintf(f, "%lld", (long long)v); }
