/* report_observed.c: what CloudWatch showed, beside what the run gives. For
 * each stream of the run's scenario with kind = cloudwatch whose file holds
 * Reputation.BounceRate or Reputation.ComplaintRate points, those points go to
 * data/observed-bounce.dat and data/observed-complaint.dat (one block per
 * stream: t in s since 1970, the rate in %), and meta.gp gains obs_nb, obs_nc
 * and their labels, which report-reputation.gp draws over the run's rates. A
 * run without such a stream writes neither file and leaves meta.gp as it was;
 * a file that can no longer be read is said in a note, not drawn. */
#include <stdlib.h>
#include <string.h>

#include "io/output.h"
#include "models/cloudwatch.h"
#include "models/traffic.h"
#include "report_int.h"

#define OBS_FILE(m) ((m) == CW_BOUNCE_RATE ? "data/observed-bounce.dat" : "data/observed-complaint.dat")

static int is_cloudwatch(const scn_traffic *t)
{
    return t->kind && !strcmp(t->kind->name, "cloudwatch") && t->file && *t->file;
}

/* One block of series s of stream `name` into f. */
static void write_block(FILE *f, const cw_series *s, size_t blocks, const char *name,
                        double *peak)
{
    fprintf(f, "%s# traffic.", blocks ? "\n\n" : "# observed (CloudWatch): t(s since 1970 UTC) rate(%)\n");
    report_gp_string(f, name);
    fputc('\n', f);
    for (size_t i = 0; i < s->n; i++) {
        fprintf(f, "%.3f %.8g\n", (double)s->t[i] / 1000.0, 100 * s->v[i]);
        *peak = s->v[i] > *peak ? s->v[i] : *peak;
    }
}

static int write_series(const char *stage, FILE **f, int m, const cw_data *d, const char *name,
                        report_observed *o, sim_err *err)
{
    const cw_series *s = &d->m[m];
    if (!s->n)
        return 0;
    int bounce = m == CW_BOUNCE_RATE;
    size_t *n = bounce ? &o->n_bounce : &o->n_complaint;
    if (!*f && !(*f = report_open_data(stage, OBS_FILE(m), err)))
        return SIM_ERUNTIME;
    write_block(*f, s, *n, name, bounce ? &o->peak_bounce : &o->peak_complaint);
    o->label[bounce ? 0 : 1] = sim_xrealloc(o->label[bounce ? 0 : 1], (*n + 1) * sizeof(char *));
    o->label[bounce ? 0 : 1][(*n)++] = report_strf("observed, traffic.%s", name);
    return 0;
}

/* The note (HTML) on a file that could not be read. */
static void note_unread(report_observed *o, const char *name, const char *msg)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    if (o->note)
        fprintf(f, "%s ", o->note);
    fputs("The CloudWatch file of traffic.", f);
    report_html_escape(f, name);
    fputs(" could not be read (", f);
    report_html_escape(f, msg);
    fputs("): its observed rates are not drawn.", f);
    free(o->note);
    o->note = report_mem_close(&m);
}

static int close_data(FILE *f, int m, sim_err *err)
{
    return f ? report_close_data(f, OBS_FILE(m), err) : 0;
}

int report_observed_write(const char *stage, const scenario *s, report_observed *o, sim_err *err)
{
    memset(o, 0, sizeof *o);
    FILE *fb = NULL, *fc = NULL;
    int rc = 0;
    for (size_t i = 0; s && !rc && i < s->n_traffic; i++) {
        const scn_traffic *t = &s->traffic[i];
        cw_data d;
        sim_err e;
        if (!is_cloudwatch(t))
            continue;
        if (cw_read(&d, t->file, &e)) {
            note_unread(o, t->name, e.msg);
            continue;
        }
        rc = write_series(stage, &fb, CW_BOUNCE_RATE, &d, t->name, o, err);
        if (!rc)
            rc = write_series(stage, &fc, CW_COMPLAINT_RATE, &d, t->name, o, err);
        cw_free(&d);
    }
    int rb = close_data(fb, CW_BOUNCE_RATE, err), rcl = close_data(fc, CW_COMPLAINT_RATE, err);
    return rc ? rc : rb ? rb : rcl;
}

/* obs_nb, obs_nc and their labels, appended to data/meta.gp. */
int report_observed_meta(const char *stage, const report_observed *o, sim_err *err)
{
    if (!o->n_bounce && !o->n_complaint)
        return 0;
    char *path = out_join(stage, "data/meta.gp");
    FILE *f = fopen(path, "a");
    free(path);
    if (!f)
        return sim_errorf(err, SIM_ERUNTIME, "data/meta.gp", 0, "cannot write");
    fprintf(f, "obs_nb = %zu\nobs_nc = %zu\n", o->n_bounce, o->n_complaint);
    report_gp_array_str(f, "obs_b_label", o->n_bounce, (const char *const *)o->label[0]);
    report_gp_array_str(f, "obs_c_label", o->n_complaint, (const char *const *)o->label[1]);
    return report_close_data(f, "data/meta.gp", err);
}

void report_observed_free(report_observed *o)
{
    for (int k = 0; k < 2; k++) {
        size_t n = k ? o->n_complaint : o->n_bounce;
        for (size_t i = 0; i < n; i++)
            free(o->label[k][i]);
        free(o->label[k]);
    }
    free(o->note);
    memset(o, 0, sizeof *o);
}
