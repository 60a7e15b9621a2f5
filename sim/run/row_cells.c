/* row_cells.c: the cells every row writer of a run shares (rows.c,
 * tenant_rows.c, pool_rows.c): the time columns that start a row and a count. */
#include <stdint.h>
#include <string.h>

#include "core/config.h"
#include "core/numfmt.h"
#include "core/units.h"
#include "run_int.h"

/* time,day,rep, the first columns of timeseries.csv and events.csv, into buf
 * ("%s,%.6f,%lld," without printf or a strlen per part: a row's time columns
 * are made once for all its accounts, but a run makes them for every row time) */
size_t rows_time_columns(char buf[TIME_COLUMNS_BUF], const world *w, int64_t now)
{
    char day[NUMFMT_BUF], rep[24], *r = rep + sizeof rep;
    units_fmt_datetime(w->scn->sim.start + now, buf); /* UNITS_BUF <= TIME_COLUMNS_BUF */
    size_t n = strlen(buf);
    size_t kd = numfmt_f((double)now / SIM_MS_PER_DAY, 6, day); /* printf's %.6f, faster */
    uint64_t k = w->rep < 0 ? 0 : (uint64_t)w->rep;
    *--r = ',';
    do
        *--r = (char)('0' + k % 10);
    while (k /= 10);
    size_t kr = (size_t)(rep + sizeof rep - r);
    if (kd >= NUMFMT_BUF || n + kd + kr + 2 > TIME_COLUMNS_BUF) { /* never with a run's times */
        kd = kd >= NUMFMT_BUF ? NUMFMT_BUF - 1 : kd;
        kd = kd < TIME_COLUMNS_BUF - 2 - n ? kd : TIME_COLUMNS_BUF - 2 - n;
        kr = kr < TIME_COLUMNS_BUF - 2 - n - kd ? kr : TIME_COLUMNS_BUF - 2 - n - kd;
    }
    buf[n++] = ',';
    memcpy(buf + n, day, kd);
    n += kd;
    buf[n++] = ',';
    memcpy(buf + n, r, kr);
    buf[n + kr] = '\0';
    return n + kr;
}

void rows_put_count(FILE *f, int64_t v) { fprintf(f, "%lld", (long long)v); }
