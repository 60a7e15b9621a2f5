/* report_mailbox.c: the mailbox providers on a run's page, from mailboxes.csv
 * (written with sim.mailboxes = on). One plot per provider, in the file's
 * order, one line per account drawn elsewhere in the report (replication 1):
 * the share of new mail deferred (4xx) at its first attempt and the share
 * blocked (5xx), both of the mail sent in the last 24 hours; the share of
 * the last 24 hours' deliveries put in the spam folder; and the daily
 * allowance of the account's dedicated IPs at that provider. The shared and
 * dedicated pools of an account are added up; the reputation and the
 * allowance are the dedicated pool's when there is one. A run of more than
 * REPORT_MAX_PLOT_POINTS intervals is read in buckets of whole intervals, as
 * many as that (memory stays that of the points drawn). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "io/output.h"
#include "report_int.h"
#include "run/columns.h"

/* A point drawn: an interval's rows (or a bucket's), its pools added up. */
typedef struct mb_point {
    double t, sent, delivered, spam, deferred, blocked;
    double sent_dedicated; /* of sent, over the dedicated IPs */
    double allowance;      /* NAN: no dedicated row */
} mb_point;

/* An account's totals at a provider, for the caption. */
typedef struct mb_totals {
    double sent, delivered, inbox, spam, deferred, blocked, expired;
    double last_deferral; /* time of the last row with a deferral, NAN: none */
    double rep_shared, rep_dedicated; /* at the last row of each pool, NAN: none */
} mb_totals;

typedef struct mb_series {
    mb_point *p;
    size_t n, cap;
    mb_totals tot;
} mb_series;

typedef struct mb_provider {
    char *name;
    mb_series *acc; /* one per account of the run (report_run.acc) */
} mb_provider;

typedef struct mb_reader {
    const char *path;
    const report_run *run;
    int col[MBX_COLUMNS_N];
    mb_provider mb[REPORT_MAX_MAILBOXES];
    size_t n_mb;
    char **extra; /* providers beyond REPORT_MAX_MAILBOXES (named, not drawn) */
    size_t n_extra;
    double t0, bucket_s; /* the run's start; a point's length when bucketed, else 0 */
} mb_reader;

/* The columns read, in the order of mailboxes.csv's list (columns.h). */
static const mailbox_column_id read_cols[] = {
    MBX_time,    MBX_rep,     MBX_account, MBX_mailbox,    MBX_pool,    MBX_sent,    MBX_delivered,
    MBX_inbox,   MBX_spam_folder, MBX_deferred, MBX_blocked, MBX_reputation, MBX_expired, MBX_allowance};
#define N_READ (sizeof read_cols / sizeof read_cols[0])

static int mb_header(mb_reader *mr, size_t n, char **f, sim_err *err)
{
    for (size_t k = 0; k < N_READ; k++) {
        const char *name = columns_mailboxes[read_cols[k]];
        mr->col[read_cols[k]] = report_csv_column(n, f, name);
        if (mr->col[read_cols[k]] < 0)
            return sim_errorf(err, SIM_EINPUT, mr->path, 1,
                              "no column '%s': not a mailboxes.csv of sesim", name);
    }
    return 0;
}

static int bad_cell(const mb_reader *mr, long line, mailbox_column_id c, sim_err *err)
{
    return sim_errorf(err, SIM_EINPUT, mr->path, line, "column %s: not a %s",
                      columns_mailboxes[c], c == MBX_time ? "ISO 8601 UTC time" : "number");
}

/* The provider named s, added in file order; NULL beyond the plotted ones. */
static mb_provider *provider_of(mb_reader *mr, const char *s)
{
    for (size_t i = 0; i < mr->n_mb; i++)
        if (!strcmp(mr->mb[i].name, s))
            return &mr->mb[i];
    if (mr->n_mb < REPORT_MAX_MAILBOXES) {
        mb_provider *p = &mr->mb[mr->n_mb++];
        p->name = sim_xstrdup(s);
        p->acc = sim_xcalloc(mr->run->n_acc ? mr->run->n_acc : 1, sizeof *p->acc);
        for (size_t a = 0; a < mr->run->n_acc; a++)
            p->acc[a].tot = (mb_totals){.last_deferral = NAN, .rep_shared = NAN,
                                        .rep_dedicated = NAN};
        return p;
    }
    for (size_t i = 0; i < mr->n_extra; i++)
        if (!strcmp(mr->extra[i], s))
            return NULL;
    mr->extra = sim_xrealloc(mr->extra, (mr->n_extra + 1) * sizeof *mr->extra);
    mr->extra[mr->n_extra++] = sim_xstrdup(s);
    return NULL;
}

/* The account drawn under that name (not the total), or -1. */
static long drawn_account(const report_run *r, const char *name)
{
    for (size_t i = 0; i < r->n_acc; i++)
        if (!r->acc[i].is_total && !strcmp(r->acc[i].name, name))
            return (long)i;
    return -1;
}

/* The bucket of a time: its interval when not bucketed. */
static double bucket_of(const mb_reader *mr, double t)
{
    return mr->bucket_s > 0 ? ceil((t - mr->t0) / mr->bucket_s - 1e-9) : t;
}

/* The point of time t of a series: the last one (same time, or same bucket:
 * its time moves to t), or a new one after it; NULL when t is before it. */
static mb_point *point_at(const mb_reader *mr, mb_series *s, double t)
{
    mb_point *last = s->n ? &s->p[s->n - 1] : NULL;
    if (last && last->t > t)
        return NULL;
    if (last && bucket_of(mr, last->t) == bucket_of(mr, t)) {
        last->t = t;
        return last;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->p = sim_xrealloc(s->p, s->cap * sizeof *s->p);
    }
    s->p[s->n] = (mb_point){.t = t, .allowance = NAN};
    return &s->p[s->n++];
}

/* The numbers of a row, added to its point and the totals (the pools add up). */
static int add_row(const mb_reader *mr, char **f, long line, mb_series *se, mb_point *p,
                   int dedicated, sim_err *err)
{
    enum { SENT, DELIVERED, INBOX, SPAM, DEFERRED, BLOCKED, EXPIRED, REP, N_NUM };
    static const mailbox_column_id cols[N_NUM] = {MBX_sent,     MBX_delivered, MBX_inbox,
                                                  MBX_spam_folder, MBX_deferred, MBX_blocked,
                                                  MBX_expired,  MBX_reputation};
    double v[N_NUM];
    for (int k = 0; k < N_NUM; k++)
        if (report_number(f[mr->col[cols[k]]], &v[k]))
            return bad_cell(mr, line, cols[k], err);
    const char *al = f[mr->col[MBX_allowance]];
    if (*al && report_number(al, &p->allowance))
        return bad_cell(mr, line, MBX_allowance, err);
    p->sent += v[SENT], p->delivered += v[DELIVERED], p->spam += v[SPAM];
    p->deferred += v[DEFERRED], p->blocked += v[BLOCKED];
    p->sent_dedicated += dedicated ? v[SENT] : 0;
    mb_totals *t = &se->tot;
    t->sent += v[SENT], t->delivered += v[DELIVERED], t->inbox += v[INBOX];
    t->spam += v[SPAM], t->deferred += v[DEFERRED], t->blocked += v[BLOCKED];
    t->expired += v[EXPIRED];
    t->last_deferral = v[DEFERRED] > 0 ? p->t : t->last_deferral;
    *(dedicated ? &t->rep_dedicated : &t->rep_shared) = v[REP];
    return 0;
}

static int mb_row(void *user, size_t n, char **f, long line, sim_err *err)
{
    mb_reader *mr = user;
    if (line == 1)
        return mb_header(mr, n, f, err);
    for (size_t k = 0; k < N_READ; k++)
        if ((size_t)mr->col[read_cols[k]] >= n)
            return sim_errorf(err, SIM_EINPUT, mr->path, line, "a row of %zu fields", n);
    long rep;
    if (report_rep(f[mr->col[MBX_rep]], &rep))
        return bad_cell(mr, line, MBX_rep, err);
    long a = drawn_account(mr->run, f[mr->col[MBX_account]]);
    mb_provider *pv = rep == 1 ? provider_of(mr, f[mr->col[MBX_mailbox]]) : NULL;
    if (!pv || a < 0)
        return 0;
    int64_t ms;
    sim_err e;
    if (units_datetime(f[mr->col[MBX_time]], &ms, &e))
        return bad_cell(mr, line, MBX_time, err);
    mb_point *p = point_at(mr, &pv->acc[a], (double)ms / 1000.0);
    if (!p)
        return sim_errorf(err, SIM_EINPUT, mr->path, line, "rows out of time order");
    /* dedicated IPs: the account's ("dedicated") or a set's ("configset.NAME") */
    return add_row(mr, f, line, &pv->acc[a], p, strcmp(f[mr->col[MBX_pool]], "shared") != 0,
                   err);
}

static void mb_free(mb_reader *mr)
{
    for (size_t i = 0; i < mr->n_mb; i++) {
        for (size_t a = 0; a < mr->run->n_acc; a++)
            free(mr->mb[i].acc[a].p);
        free(mr->mb[i].acc);
        free(mr->mb[i].name);
    }
    for (size_t i = 0; i < mr->n_extra; i++)
        free(mr->extra[i]);
    free(mr->extra);
}

/* ---- the data files ---- */

/* 100 * num / den, or NAN (no mail: no share). */
static double pct(double num, double den) { return den > 0 ? 100 * num / den : NAN; }

/* One account's block: t, deferred %, blocked %, spam folder %, allowance,
 * mail over the dedicated IPs; shares and mail over the 24 hours ending at
 * each point. Returns the largest allowance. */
static double write_block(FILE *f, const mb_series *s)
{
    double sent = 0, def = 0, blk = 0, del = 0, spam = 0, ded = 0, amax = 0;
    size_t lo = 0;
    for (size_t k = 0; k < s->n; k++) {
        const mb_point *p = &s->p[k];
        sent += p->sent, def += p->deferred, blk += p->blocked;
        del += p->delivered, spam += p->spam, ded += p->sent_dedicated;
        for (; s->p[lo].t <= p->t - 86400.0; lo++) {
            const mb_point *q = &s->p[lo];
            sent -= q->sent, def -= q->deferred, blk -= q->blocked;
            del -= q->delivered, spam -= q->spam, ded -= q->sent_dedicated;
        }
        fprintf(f, "%.0f %.8g %.8g %.8g %.15g %.15g\n", p->t, pct(def, sent), pct(blk, sent),
                pct(spam, del), p->allowance, isnan(p->allowance) ? NAN : ded);
        amax = p->allowance > amax ? p->allowance : amax;
    }
    return amax;
}

/* data/mailbox-K.dat (a block per account with rows) and data/mailbox-K.gp
 * (meta.gp, then the provider's name, accounts and colours). */
static int write_provider(const char *stage, const report_run *r, const mb_provider *pv,
                          size_t k, sim_err *err)
{
    char dat[64], gp[64];
    snprintf(dat, sizeof dat, "data/mailbox-%zu.dat", k + 1);
    snprintf(gp, sizeof gp, "data/mailbox-%zu.gp", k + 1);
    FILE *f = report_open_data(stage, dat, err);
    if (!f)
        return SIM_ERUNTIME;
    fputs("# sesim report: mailboxes.csv, replication 1, one block per account\n"
          "# t deferred(% of sent, 24 h) blocked(% of sent, 24 h) "
          "spam_folder(% of delivered, 24 h) allowance dedicated(mail over the dedicated IPs, 24 h)\n", f);
    const char **names = sim_xcalloc(r->n_acc + 1, sizeof *names);
    const char **colors = sim_xcalloc(r->n_acc + 1, sizeof *colors);
    size_t n = 0;
    double amax = 0;
    for (size_t a = 0; a < r->n_acc; a++) {
        if (!pv->acc[a].n)
            continue;
        fprintf(f, "%s# account ", n ? "\n\n" : "");
        report_gp_string(f, r->acc[a].name);
        fputc('\n', f);
        amax = fmax(amax, write_block(f, &pv->acc[a]));
        names[n] = r->acc[a].name, colors[n++] = report_account_color(r, a);
    }
    int rc = report_close_data(f, dat, err);
    if (!rc && !(f = report_open_data(stage, gp, err)))
        rc = SIM_ERUNTIME;
    if (!rc) {
        fputs("# written by sesim report: one mailbox provider's plot (report-mailbox.gp)\n"
              "load 'data/meta.gp'\nmb_name = ", f);
        report_gp_string(f, pv->name);
        fprintf(f, "\nmb_file = '%s'\nmb_out = 'mailbox-%zu'\nmb_n = %zu\n", dat, k + 1, n);
        report_gp_array_str(f, "mb_acc_name", n, names);
        report_gp_array_str(f, "mb_acc_color", n, colors);
        fprintf(f, "mb_allow_max = %.15g\n", amax);
        rc = report_close_data(f, gp, err);
    }
    free(names);
    free(colors);
    return rc;
}

/* ---- the captions ---- */

static const char mb_text[] =
    "<p>What the provider <b>%s</b> did with each account's mail, as the mailbox "
    "model judges it (docs/model.md, \"Mailbox providers\": every rule not "
    "published by the provider is an assumption). <b>Top:</b> the share of the "
    "last 24 hours' new mail deferred (4xx) at its first attempt, which SES "
    "retries; <b>second:</b> the share blocked (5xx); <b>third:</b> the share of "
    "the last 24 hours' deliveries put in the spam folder; <b>bottom</b> (for "
    "accounts with dedicated IPs): the daily allowance of their dedicated IPs at "
    "this provider, which starts low for new IPs and grows with good history "
    "(solid steps, log scale), and the mail offered over those IPs in the last "
    "24 hours (dashed). <b>Look for</b> deferrals while the dashed line is above "
    "the solid one (a warm-up too fast for this provider), blocks after a broken rule or a low "
    "reputation, and a spam-folder share that rises as the reputation "
    "falls.</p>";

/* An account's totals at this provider. */
static void mb_facts(FILE *f, const report_run *r, const mb_totals *t)
{
    fputs(": sent ", f), report_count(f, t->sent);
    fputs(", deferred ", f), report_count(f, t->deferred);
    fprintf(f, " (%.3g%%)", t->sent > 0 ? 100 * t->deferred / t->sent : 0);
    if (!isnan(t->last_deferral))
        fputs(", the last on ", f), report_when(f, t->last_deferral, report_run_start(r));
    fputs(", blocked ", f), report_count(f, t->blocked);
    fputs(", soft-bounced after SES's retries ", f), report_count(f, t->expired);
    fprintf(f, "; inbox %.3g%% of sent, spam folder %.3g%% of delivered",
            t->sent > 0 ? 100 * t->inbox / t->sent : 0,
            t->delivered > 0 ? 100 * t->spam / t->delivered : 0);
    if (!isnan(t->rep_shared))
        fprintf(f, "; reputation at the end %.3g (shared pool)", t->rep_shared);
    if (!isnan(t->rep_dedicated))
        fprintf(f, "%s %.3g (dedicated IPs)",
                isnan(t->rep_shared) ? "; reputation at the end" : ",", t->rep_dedicated);
}

static char *mb_caption(const report_run *r, const mb_provider *pv)
{
    report_mem m;
    FILE *f = report_mem_open(&m);
    report_mem hm;
    FILE *h = report_mem_open(&hm);
    report_html_escape(h, pv->name);
    char *name = report_mem_close(&hm);
    fprintf(f, mb_text, name);
    free(name);
    fputs("<ul>", f);
    for (size_t a = 0; a < r->n_acc; a++) {
        if (!pv->acc[a].n)
            continue;
        fputs("<li>", f);
        report_html_tag(f, "b", r->acc[a].name);
        mb_facts(f, r, &pv->acc[a].tot);
        fputs(".</li>", f);
    }
    fputs("</ul>", f);
    if (r->max_rep > 1)
        fputs("<p>Replication 1 of the run's replications; summary.csv has the mailbox "
              "columns of every replication.</p>", f);
    return report_mem_close(&m);
}

/* ---- the plots ---- */

static int draw(report_page *pg, const report_run *r, mb_reader *mr, sim_err *err)
{
    const char *ext = pg->format == REPORT_SVG ? "svg" : "png";
    int rc = 0;
    for (size_t k = 0; !rc && k < mr->n_mb; k++) {
        rc = write_provider(pg->stage, r, &mr->mb[k], k, err);
        if (rc)
            break;
        report_plot_spec spec = {
            .meta = report_page_keep(pg, report_strf("data/mailbox-%zu.gp", k + 1)),
            .script = "report-mailbox.gp",
            .id = report_page_keep(pg, report_strf("mailbox-%zu", k + 1)),
            .title = report_page_keep(pg, report_strf("Mailbox provider %s", mr->mb[k].name)),
            .file = report_page_keep(pg, report_strf("mailbox-%zu.%s", k + 1, ext))};
        rc = report_page_plot(pg, &spec, mb_caption(r, &mr->mb[k]), err);
    }
    return rc;
}

int report_mailbox_plots(report_page *pg, const report_run *r, sim_err *err)
{
    if (!report_has_file(pg->dir, "mailboxes.csv"))
        return 0;
    mb_reader mr = {.run = r, .t0 = report_run_start(r)};
    size_t n_max = 0;
    for (size_t i = 0; i < r->n_acc; i++)
        n_max = r->acc[i].n > n_max ? r->acc[i].n : n_max;
    if (n_max > REPORT_MAX_PLOT_POINTS)
        mr.bucket_s = r->interval_s * (double)((n_max + REPORT_MAX_PLOT_POINTS - 1) /
                                               REPORT_MAX_PLOT_POINTS);
    char *path = out_join(pg->dir, "mailboxes.csv");
    mr.path = path;
    int rc = report_csv_each(path, mb_row, &mr, err);
    if (!rc && mr.n_mb)
        rc = draw(pg, r, &mr, err);
    if (!rc && mr.n_extra)
        report_page_note(pg, report_strf("mailboxes.csv has %zu mailbox providers: the plots "
                                         "show the first %d; summary.csv counts them all.",
                                         mr.n_mb + mr.n_extra, REPORT_MAX_MAILBOXES));
    mb_free(&mr);
    free(path);
    return rc;
}
