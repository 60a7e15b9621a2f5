/* report_top.c: which accounts a report draws when a run has more than
 * REPORT_MAX_ACCOUNTS: those with the most demand in replication 1. */
#include <stdlib.h>
#include <string.h>

#include "io/csvtext.h"
#include "run/columns.h"
#include "report_int.h"

/* Every account's demand over replication 1, in the order of the file. */
typedef struct demand_reader {
    int c_rep, c_account, c_demand;
    long first_rep;
    char **name;
    double *demand;
    size_t n, cap, last;
} demand_reader;

/* The account's index in d, added when new. */
static size_t account_of(demand_reader *d, const char *name)
{
    size_t i = d->last + 1 < d->n && !strcmp(d->name[d->last + 1], name) ? d->last + 1 : 0;
    while (i < d->n && strcmp(d->name[i], name))
        i++;
    if (i == d->n) {
        if (d->n == d->cap) {
            d->cap = d->cap ? 2 * d->cap : 64;
            d->name = sim_xrealloc(d->name, d->cap * sizeof *d->name);
            d->demand = sim_xrealloc(d->demand, d->cap * sizeof *d->demand);
        }
        d->name[d->n] = sim_xstrdup(name);
        d->demand[d->n++] = 0;
    }
    return d->last = i;
}

static int demand_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    (void)err; /* the reading that follows says what is wrong */
    demand_reader *d = user;
    if (!n)
        return 0;
    if (line == 1) {
        d->c_rep = report_csv_column(n, f, columns_timeseries[TS_rep]);
        d->c_account = report_csv_column(n, f, columns_timeseries[TS_account]);
        d->c_demand = report_csv_column(n, f, columns_timeseries[TS_demand]);
        return 0;
    }
    long rep;
    double v;
    if (d->c_rep < 0 || d->c_account < 0 || d->c_demand < 0 || (size_t)d->c_rep >= n ||
        (size_t)d->c_account >= n || (size_t)d->c_demand >= n)
        return 0;
    if (report_rep(f[d->c_rep], &rep) || report_number(f[d->c_demand], &v))
        return 0;
    const char *name = csvtext_unguard(f[d->c_account]);
    if ((d->first_rep >= 0 && rep != d->first_rep) || !strcmp(name, "*"))
        return 0;
    d->first_rep = rep;
    size_t i = account_of(d, name); /* before reading d->demand: it may move */
    d->demand[i] += v;
    return 0;
}

static const double *sort_demand; /* qsort has no context argument in C11 */

/* Most demand first; equal demands in the order of the file. */
static int by_demand(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (sort_demand[i] != sort_demand[j])
        return sort_demand[i] > sort_demand[j] ? -1 : 1;
    return (i > j) - (i < j);
}

int report_top_accounts(const char *path, size_t max, char ***keep, size_t *n_keep,
                        size_t *n_file, sim_err *err)
{
    demand_reader d = {.first_rep = -1};
    int rc = report_csv_each(path, demand_row, &d, err);
    size_t *order = sim_xmalloc((d.n ? d.n : 1) * sizeof *order);
    for (size_t i = 0; i < d.n; i++)
        order[i] = i;
    sort_demand = d.demand;
    qsort(order, d.n, sizeof *order, by_demand);
    *n_keep = d.n < max ? d.n : max;
    *keep = sim_xmalloc((*n_keep ? *n_keep : 1) * sizeof **keep);
    for (size_t k = 0; k < d.n; k++) {
        if (k < *n_keep)
            (*keep)[k] = d.name[order[k]];
        else
            free(d.name[order[k]]);
    }
    qsort(*keep, *n_keep, sizeof **keep, report_by_string);
    *n_file = d.n;
    free(d.name);
    free(d.demand);
    free(order);
    return rc;
}
