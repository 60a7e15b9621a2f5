/* report_tenants.c: the tenants plot of a run's report, drawn only when the
 * folder has tenants.csv (a scenario with [tenant.NAME] sections): one lane
 * per tenant coloured by its status over time (top) and the mail each tenant
 * sent per interval (bottom), replication 1. Data: data/tenants-lanes.dat,
 * data/tenants-sent.dat and data/tenants.gp (which loads data/meta.gp);
 * script: scripts/report-tenants.gp. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/units.h"
#include "io/output.h"
#include "models/tenant.h"
#include "report_int.h"
#include "run/columns.h"

#define REPORT_MAX_TENANTS 40 /* lanes and lines drawn; more are left out and said */

/* Statuses of tenants.csv, in lane-colour order (report-tenants.gp's tenant_rgb). */
static const tenant_status tenant_states[] = {TENANT_ENABLED, TENANT_REINSTATED,
                                              TENANT_ALARM_PAUSED, TENANT_PAUSED};
#define N_TENANT_STATES (sizeof tenant_states / sizeof tenant_states[0])

typedef struct ten_row {
    double t, sent;
    size_t who;
    int status;
} ten_row;

enum { TC_TIME, TC_REP, TC_TENANT, TC_STATUS, TC_SENT, TC_N };
static const int ten_cols[TC_N] = {TN_time, TN_rep, TN_tenant, TN_status, TN_sent};

typedef struct ten_reader {
    const char *path;
    int col[TC_N];
    char *names[REPORT_MAX_TENANTS]; /* in order of first appearance */
    size_t n_names;
    int more;                        /* tenants beyond REPORT_MAX_TENANTS were left out */
    ten_row *rows;
    size_t n, cap;
} ten_reader;

static int ten_header(ten_reader *tr, size_t n, char **f, sim_err *err)
{
    for (int c = 0; c < TC_N; c++)
        if ((tr->col[c] = report_csv_column(n, f, columns_tenants[ten_cols[c]])) < 0)
            return sim_errorf(err, SIM_EINPUT, tr->path, 1, "no column %s",
                              columns_tenants[ten_cols[c]]);
    return 0;
}

/* The tenant's index, added when new; -1 when it is one too many to draw. */
static long ten_index(ten_reader *tr, const char *name)
{
    for (size_t i = 0; i < tr->n_names; i++)
        if (!strcmp(tr->names[i], name))
            return (long)i;
    if (tr->n_names == REPORT_MAX_TENANTS) {
        tr->more = 1;
        return -1;
    }
    tr->names[tr->n_names] = sim_xstrdup(name);
    return (long)tr->n_names++;
}

static int ten_row_fn(void *user, size_t n, char **f, long line, sim_err *err)
{
    ten_reader *tr = user;
    if (line == 1)
        return ten_header(tr, n, f, err);
    for (int c = 0; c < TC_N; c++)
        if ((size_t)tr->col[c] >= n)
            return sim_errorf(err, SIM_EINPUT, tr->path, line, "too few columns");
    long rep;
    if (report_rep(f[tr->col[TC_REP]], &rep))
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "column rep: not a replication number");
    if (rep != 1)
        return 0;
    ten_row r = {.status = -1};
    int64_t ms;
    sim_err e;
    if (units_datetime(f[tr->col[TC_TIME]], &ms, &e))
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "column time: not an ISO 8601 UTC time");
    r.t = (double)ms / 1000.0;
    if (report_number(f[tr->col[TC_SENT]], &r.sent))
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "column sent: not a number");
    for (size_t s = 0; s < N_TENANT_STATES; s++)
        if (!strcmp(f[tr->col[TC_STATUS]], tenant_status_name(tenant_states[s])))
            r.status = (int)s;
    if (r.status < 0)
        return sim_errorf(err, SIM_EINPUT, tr->path, line, "column status: not a tenant status");
    long who = ten_index(tr, f[tr->col[TC_TENANT]]);
    if (who < 0)
        return 0;
    r.who = (size_t)who;
    if (tr->n == tr->cap) {
        tr->cap = tr->cap ? 2 * tr->cap : 256;
        tr->rows = sim_xrealloc(tr->rows, tr->cap * sizeof *tr->rows);
    }
    tr->rows[tr->n++] = r;
    return 0;
}

static void ten_free(ten_reader *tr)
{
    for (size_t i = 0; i < tr->n_names; i++)
        free(tr->names[i]);
    free(tr->rows);
}

/* Status lanes as runs [t0, t1] of one status, the first tenant on top; and
 * each tenant's sent per interval, one block (gnuplot index) per tenant. */
static int write_series(const char *stage, const ten_reader *tr, double interval_s, sim_err *err)
{
    FILE *l = report_open_data(stage, "data/tenants-lanes.dat", err);
    if (!l)
        return SIM_ERUNTIME;
    FILE *s = report_open_data(stage, "data/tenants-sent.dat", err);
    if (!s) {
        fclose(l);
        return SIM_ERUNTIME;
    }
    fputs("# t0 t1 lane status(0 enabled, 1 reinstated, 2 alarm_paused, 3 paused)\n", l);
    for (size_t w = 0; w < tr->n_names; w++) {
        fprintf(s, "%s# tenant %zu\n", w ? "\n\n" : "", w + 1);
        double prev = NAN, t0 = NAN;
        int cur = -1;
        for (size_t k = 0; k < tr->n; k++) {
            const ten_row *r = &tr->rows[k];
            if (r->who != w)
                continue;
            fprintf(s, "%.0f %.15g\n", r->t, r->sent);
            if (r->status != cur) {
                if (cur >= 0)
                    fprintf(l, "%.0f %.0f %zu %d\n", t0, prev, tr->n_names - w, cur);
                t0 = isnan(prev) ? r->t - interval_s : prev;
                cur = r->status;
            }
            prev = r->t;
        }
        if (cur >= 0)
            fprintf(l, "%.0f %.0f %zu %d\n", t0, prev, tr->n_names - w, cur);
    }
    int rc = report_close_data(s, "data/tenants-sent.dat", err);
    int rl = report_close_data(l, "data/tenants-lanes.dat", err);
    return rc ? rc : rl;
}

/* Per tenant: the first time it was not enabled (NAN: never), its total sent. */
static void tenant_facts(const ten_reader *tr, double *first_off, double *sent)
{
    for (size_t w = 0; w < tr->n_names; w++)
        first_off[w] = NAN, sent[w] = 0;
    for (size_t k = 0; k < tr->n; k++) {
        const ten_row *r = &tr->rows[k];
        sent[r->who] += r->sent;
        if (r->status != 0 && isnan(first_off[r->who]))
            first_off[r->who] = r->t;
    }
}

/* data/tenants.gp: meta.gp, then the tenants' names, whether each was ever
 * held back (drawn in colour) and its colour. */
static int write_gp(const char *stage, const ten_reader *tr, const double *first_off, sim_err *err)
{
    FILE *f = report_open_data(stage, "data/tenants.gp", err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("load 'data/meta.gp'\n", f);
    fprintf(f, "n_ten = %zu\n", tr->n_names);
    report_gp_array_str(f, "ten_name", tr->n_names, (const char *const *)tr->names);
    const char *colors[REPORT_MAX_TENANTS];
    size_t longest = 0, k = 0;
    fprintf(f, "array ten_off[%zu] = [", tr->n_names ? tr->n_names : 1);
    for (size_t w = 0; w < tr->n_names; w++) {
        int off = !isnan(first_off[w]);
        fprintf(f, "%s%d", w ? ", " : "", off);
        colors[w] = off ? report_palette_color(k++) : "#bdbdbd";
        longest = strlen(tr->names[w]) > longest ? strlen(tr->names[w]) : longest;
    }
    fputs(tr->n_names ? "]\n" : "0]\n", f);
    report_gp_array_str(f, "ten_color", tr->n_names, colors);
    fprintf(f, "ten_len_max = %zu\n", longest < 6 ? 6 : longest);
    return report_close_data(f, "data/tenants.gp", err);
}

static char *caption(const ten_reader *tr, const double *first_off, const double *sent,
                     double start)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    fputs("<p>From tenants.csv, replication 1: top, one lane per tenant coloured by its "
          "status (enabled, reinstated by its owner, paused by the owner's alarm, paused by "
          "its SES reputation policy); bottom, the mail each tenant sent per interval, in "
          "colour the tenants that were ever held back, in grey the others. <b>Look for</b> "
          "whether a paused tenant stopped alone while the others kept sending (the "
          "isolation tenants give), or whether the others' lines dropped with it (the "
          "account paused).</p><p>", f);
    size_t held = 0;
    for (size_t w = 0; w < tr->n_names; w++)
        if (!isnan(first_off[w])) {
            char n[40];
            report_fmt_count(sent[w], n, sizeof n);
            fprintf(f, "%s", held++ ? "; " : "Held back (a status other than enabled at the end of "
                                             "an interval; first such interval's end): ");
            report_html_escape(f, tr->names[w]);
            fprintf(f, " day %.2f (%s sent in all)", (first_off[w] - start) / 86400.0, n);
        }
    fputs(held ? ".</p>" : "No tenant was held back.</p>", f);
    if (tr->more)
        fprintf(f, "<p>Only the first %d tenants of the file are drawn.</p>", REPORT_MAX_TENANTS);
    return report_mem_close(&m);
}

int report_tenants_plot(report_page *pg, const report_run *run, sim_err *err)
{
    if (!report_has_file(pg->dir, "tenants.csv"))
        return 0;
    ten_reader tr = {0};
    char *path = out_join(pg->dir, "tenants.csv");
    tr.path = path;
    int rc = report_csv_each(path, ten_row_fn, &tr, err);
    double first_off[REPORT_MAX_TENANTS], sent[REPORT_MAX_TENANTS];
    tenant_facts(&tr, first_off, sent);
    if (!rc && tr.n_names)
        rc = write_series(pg->stage, &tr, run->interval_s, err);
    if (!rc && tr.n_names)
        rc = write_gp(pg->stage, &tr, first_off, err);
    if (!rc && tr.n_names) {
        const char *ext = pg->format == REPORT_SVG ? "svg" : "png";
        report_plot_spec spec = {.meta = "data/tenants.gp", .script = "report-tenants.gp",
                                 .id = "tenants", .title = "Tenants: status and mail sent",
                                 .file = report_page_keep(pg, report_strf("tenants.%s", ext))};
        rc = report_page_plot(pg, &spec, caption(&tr, first_off, sent, report_run_start(run)), err);
    }
    free(path);
    ten_free(&tr);
    return rc;
}
