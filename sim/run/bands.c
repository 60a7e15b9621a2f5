/* bands.c: mean and quantiles across replications, block by block. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "bands.h"
#include "columns.h"
#include "io/csvtext.h"
#include "core/config.h"
#include "core/units.h"

const char *const band_names[BAND_N] = {"max24h", "sent", "sent_24h", "backlog", "bounce_rate",
                                        "complaint_rate"};

void bands_header(FILE *out) { columns_header(out, columns_bands, BND_COLUMNS_N); }

static long count_records(const char *path, sim_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) {
        if (f)
            fclose(f);
        return sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot read: %s", strerror(errno));
    }
    long n = ftell(f) / (long)sizeof(band_rec);
    fclose(f);
    return n;
}

/* Read records [first, first + n) of replication file `path` into recs. */
static int read_block(const char *path, long first, long n, band_rec *recs, sim_err *err)
{
    FILE *f = fopen(path, "rb");
    int ok = f && fseek(f, first * (long)sizeof(band_rec), SEEK_SET) == 0 &&
             fread(recs, sizeof *recs, (size_t)n, f) == (size_t)n;
    if (f)
        fclose(f);
    return ok ? 0 : sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot read replication records");
}

/* An unlimited quota (INFINITY) is written -1, as in timeseries.csv and as
 * SES's API writes it; a mean or quantile that involves one is unlimited
 * too (GSL's interpolation may make it NaN: 0 x inf). */
static double api_value(double v) { return isfinite(v) ? v : -1; }

/* The values of a bands.csv row: mean, p05, p50, p95. */
typedef struct band_stats {
    double mean, p05, p50, p95;
} band_stats;

/* Column `col` of a row, without its comma. */
static void band_cell(FILE *out, band_column_id col, const scenario *s, const band_rec *key,
                      int metric, const band_stats *q)
{
    char when[UNITS_BUF];
    switch (col) {
    case BND_time:
        units_fmt_datetime(s->sim.start + key->t, when);
        fputs(when, out);
        break;
    case BND_day: fprintf(out, "%.6f", (double)key->t / SIM_MS_PER_DAY); break;
    case BND_account: csvtext_field(out, key->account < 0 ? "*" : s->accounts[key->account].name); break;
    case BND_metric: fputs(band_names[metric], out); break;
    case BND_mean: fprintf(out, "%.10g", q->mean); break;
    case BND_p05: fprintf(out, "%.10g", q->p05); break;
    case BND_p50: fprintf(out, "%.10g", q->p50); break;
    case BND_p95: fprintf(out, "%.10g", q->p95); break;
    case BND_COLUMNS_N: break;
    }
}

static void write_row(FILE *out, const scenario *s, const band_rec *key, int metric, double *v,
                      size_t reps)
{
    gsl_sort(v, 1, reps);
    band_stats q = {gsl_stats_mean(v, 1, reps), gsl_stats_quantile_from_sorted_data(v, 1, reps, 0.05),
                    gsl_stats_quantile_from_sorted_data(v, 1, reps, 0.50),
                    gsl_stats_quantile_from_sorted_data(v, 1, reps, 0.95)};
    if (metric == BAND_MAX24H)
        q = (band_stats){api_value(q.mean), api_value(q.p05), api_value(q.p50), api_value(q.p95)};
    for (int col = 0; col < BND_COLUMNS_N; col++) {
        band_cell(out, (band_column_id)col, s, key, metric, &q);
        fputc(col + 1 < BND_COLUMNS_N ? ',' : '\n', out);
    }
}

int bands_write(FILE *out, const scenario *s, char *const *paths, size_t reps, sim_err *err)
{
    long rows = count_records(paths[0], err);
    if (rows < 0)
        return SIM_ERUNTIME;
    long block = (long)(BANDS_BLOCK_VALUES / (reps * BAND_N));
    if (block < 1)
        block = 1;
    band_rec *recs = sim_xmalloc((size_t)block * reps * sizeof *recs);
    double *v = sim_xmalloc(reps * sizeof *v);
    int rc = 0;
    for (long first = 0; first < rows && !rc; first += block) {
        long n = rows - first < block ? rows - first : block;
        for (size_t r = 0; r < reps && !rc; r++)
            rc = read_block(paths[r], first, n, recs + r * (size_t)block, err);
        for (long i = 0; i < n && !rc; i++) {
            const band_rec *key = &recs[i];
            for (int m = 0; m < BAND_N; m++) {
                for (size_t r = 0; r < reps; r++)
                    v[r] = recs[r * (size_t)block + (size_t)i].v[m];
                write_row(out, s, key, m, v, reps);
            }
        }
    }
    free(v);
    free(recs);
    return rc;
}
