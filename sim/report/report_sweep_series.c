/* report_sweep_series.c: the series the plots against a sweep's key draw:
 * the rows that differ only in that key (the other keys' values and the
 * account), their legend labels, and the grid of rows by series and value. */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static size_t series_id(const report_sweep *s, size_t k, size_t r)
{
    size_t id = 0;
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k)
            id = id * s->axes[j].n + s->vi[r * s->n_axes + j];
    if (s->n_acc > 1)
        id = id * s->n_acc + s->acc[r];
    return id;
}

size_t *report_sweep_series(const report_sweep *s, size_t k, size_t *n_series)
{
    size_t n = s->table.nrow;
    size_t *ids = sim_xmalloc((n ? n : 1) * sizeof *ids);
    size_t *out = sim_xmalloc((n ? n : 1) * sizeof *out);
    for (size_t r = 0; r < n; r++)
        ids[r] = series_id(s, k, r);
    size_t *u = sim_xmalloc((n ? n : 1) * sizeof *u);
    memcpy(u, ids, n * sizeof *u);
    qsort(u, n, sizeof *u, cmp_size);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || u[m - 1] != u[i])
            u[m++] = u[i];
    for (size_t r = 0; r < n; r++)
        out[r] = (size_t *)bsearch(&ids[r], u, m, sizeof *u, cmp_size) - u;
    free(ids);
    free(u);
    *n_series = m;
    return out;
}

const char *report_sweep_short_key(const report_sweep *s, size_t k)
{
    const char *key = s->axes[k].key, *dot = strrchr(key, '.');
    const char *tail = dot ? dot + 1 : key;
    for (size_t j = 0; j < s->n_axes; j++) {
        const char *o = s->axes[j].key, *od = strrchr(o, '.');
        if (j != k && !strcmp(od ? od + 1 : o, tail))
            return key;
    }
    return tail;
}

/* The legend title of the plots against key k: the other keys and "account". */
static void series_title(FILE *f, const report_sweep *s, size_t k)
{
    const char *sep = "";
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k) {
            fprintf(f, "%s%s", sep, report_sweep_short_key(s, j));
            sep = ", ";
        }
    if (s->n_acc > 1)
        fprintf(f, "%saccount", sep);
}

/* A series' label: the other keys' values of row r, and its account. */
static void series_label(FILE *f, const report_sweep *s, size_t k, size_t r)
{
    const char *sep = "";
    for (size_t j = 0; j < s->n_axes; j++)
        if (j != k) {
            fprintf(f, "%s%s", sep, s->table.rows[r][s->axes[j].col]);
            sep = ", ";
        }
    if (s->n_acc > 1)
        fprintf(f, "%s%s", sep, report_account_label(s->accounts[s->acc[r]]));
    else if (!*sep && s->n_acc)
        fprintf(f, "account %s", s->accounts[0]);
}

char *report_sweep_label(const report_sweep *s, size_t k, size_t r, int title)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    if (title)
        series_title(f, s, k);
    else
        series_label(f, s, k, r);
    return report_mem_close(&m);
}

long *report_sweep_grid(const report_sweep *s, size_t k, const size_t *ser, size_t ns)
{
    size_t nv = s->axes[k].n;
    size_t cells = ns * nv;
    long *g = sim_xmalloc((cells ? cells : 1) * sizeof *g);
    for (size_t i = 0; i < ns * nv; i++)
        g[i] = -1;
    for (size_t r = 0; r < s->table.nrow; r++) {
        long *cell = &g[ser[r] * nv + s->vi[r * s->n_axes + k]];
        if (*cell < 0)
            *cell = (long)r;
    }
    return g;
}

