/* report_sweep.c: the report of a sweep folder: sweep.csv (one row per point
 * and account), sweep.ini (the keys and their values in sweep order) and the
 * first point's scenario.ini (the title, the question, the scenario shown and
 * the thresholds the captions quote). Two plots per key (days to the targets,
 * shares paused and reviewed), a third first for a key of categories (the
 * mail sent, overflowed, dropped, throttled and its delay per value) and,
 * with two keys, a heat map; notes say what
 * is missing when there is nothing to plot. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "io/output.h"
#include "report_int.h"
#include "scenario/scenario.h"

typedef struct sweep_ctx {
    report_page pg;
    report_sweep sweep;
    int has_sweep;
    report_policy pol;
    int has_pol; /* pol is the first point's */
} sweep_ctx;

/* Notes on what the sweep lacks; 0 when there is nothing to plot. */
static int worth_plotting(sweep_ctx *c)
{
    const report_sweep *s = &c->sweep;
    if (!s->has_def)
        report_page_note(&c->pg, sim_xstrdup("No readable sweep.ini in the folder: the varied "
                                             "keys are the columns of sweep.csv between "
                                             "<code>point</code> and <code>account</code>, "
                                             "their values in the order they first appear "
                                             "there."));
    if (!s->n_axes) {
        report_page_note(&c->pg, sim_xstrdup("sweep.csv has no varied key (no column between "
                                             "<code>point</code> and <code>account</code>): "
                                             "nothing to plot."));
        return 0;
    }
    if (!s->table.nrow) {
        report_page_note(&c->pg, sim_xstrdup("sweep.csv has no rows: nothing to plot."));
        return 0;
    }
    if (s->n_axes > REPORT_MAX_SWEEP_KEYS)
        report_page_note(&c->pg, report_strf("The sweep varies %zu keys: the plots show the "
                                             "first %d.", s->n_axes, REPORT_MAX_SWEEP_KEYS));
    if (!s->n_targets && !s->has_shares) {
        report_page_note(&c->pg, sim_xstrdup("sweep.csv has neither days_to_T_p50 nor share "
                                             "columns: nothing to plot."));
        return 0;
    }
    return 1;
}

/* A plot of the sweep: the names of its file, anchor and title are kept by the page. */
static int sweep_plot(sweep_ctx *c, const char *script, const char *setting, char *file,
                      char *id, char *title, char *caption, sim_err *err)
{
    report_plot_spec p = {.meta = "data/sweep.gp", .script = script, .setting = setting,
                          .file = report_page_keep(&c->pg, file),
                          .id = report_page_keep(&c->pg, id),
                          .title = report_page_keep(&c->pg, title)};
    return report_page_plot(&c->pg, &p, caption, err);
}

/* Days to the targets and the shares against key k. */
static int key_plots(sweep_ctx *c, size_t k, const char *ext, sim_err *err)
{
    const report_sweep *s = &c->sweep;
    char setting[32];
    snprintf(setting, sizeof setting, "k = %zu", k + 1);
    const char *key = s->axes[k].key;
    int rc = 0;
    if (!s->axes[k].numeric && s->has_outcomes) /* what separates the categories */
        rc = sweep_plot(c, "report-sweep-outcomes.gp", setting,
                        report_strf("sweep-outcomes-%zu.%s", k + 1, ext),
                        report_strf("sweep-outcomes-%zu", k + 1),
                        report_strf("What differs between the values of %s", key),
                        report_sweep_caption_outcomes(s, k), err);
    if (!rc && s->n_targets)
        rc = sweep_plot(c, "report-sweep-days.gp", setting,
                        report_strf("sweep-days-%zu.%s", k + 1, ext),
                        report_strf("sweep-days-%zu", k + 1),
                        report_strf("Days to the targets against %s", key),
                        report_sweep_caption_days(s, k), err);
    if (!rc && s->has_shares)
        rc = sweep_plot(c, "report-sweep-shares.gp", setting,
                        report_strf("sweep-shares-%zu.%s", k + 1, ext),
                        report_strf("sweep-shares-%zu", k + 1),
                        report_strf("Paused and reviewed against %s", key),
                        report_sweep_caption_shares(s, k), err);
    return rc;
}

static int plots(sweep_ctx *c, sim_err *err)
{
    report_sweep *s = &c->sweep;
    int rc = report_read_sweep(c->pg.dir, s, err);
    if (rc)
        return rc;
    c->has_sweep = 1;
    s->pol = c->pol;
    s->has_pol = c->has_pol;
    if (!worth_plotting(c))
        return 0;
    if ((rc = report_page_need_gnuplot(&c->pg, err)))
        return rc;
    rc = report_write_sweep_data(c->pg.stage, s, c->pg.format, err);
    const char *ext = c->pg.format == REPORT_SVG ? "svg" : "png";
    size_t nk = s->n_axes < REPORT_MAX_SWEEP_KEYS ? s->n_axes : REPORT_MAX_SWEEP_KEYS;
    for (size_t k = 0; !rc && k < nk; k++)
        rc = key_plots(c, k, ext, err);
    if (!rc && s->n_axes == 2 && s->n_targets) {
        const char *t = s->targets[s->heat_target >= 0 ? s->heat_target : 0];
        rc = sweep_plot(c, "report-sweep-heat.gp", NULL, report_strf("sweep-heat.%s", ext),
                        sim_xstrdup("sweep-heat"),
                        report_strf("Heat map: median days to %s by both keys", t),
                        report_sweep_caption_heat(s), err);
    }
    return rc;
}

/* points/NNNN/scenario.ini of the sweep's first complete point (the lowest
 * number), relative to dir, or NULL. */
static char *first_point_scenario(const char *dir)
{
    char *points = out_join(dir, "points");
    DIR *d = opendir(points);
    char *best = NULL;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            const char *n = e->d_name;
            if (strlen(n) < 4 || strlen(n) > 12 || strspn(n, "0123456789") != strlen(n))
                continue;
            char rel[64];
            snprintf(rel, sizeof rel, "points/%.12s/scenario.ini", n);
            if (!report_has_file(dir, rel))
                continue;
            if (!best || strlen(rel) < strlen(best) ||
                (strlen(rel) == strlen(best) && strcmp(rel, best) < 0)) {
                free(best);
                best = sim_xstrdup(rel);
            }
        }
        closedir(d);
    }
    free(points);
    return best;
}

/* The first point's scenario: its header for the page, its thresholds for the
 * captions (when it resolves). */
static scenario *load_first_point(sweep_ctx *c, const char *path)
{
    sim_err ignored;
    scenario *s = scn_create();
    if (!scn_load_file(s, path, &ignored) && !scn_resolve(s, &ignored)) {
        report_policy_of(&c->pol, s);
        c->has_pol = 1;
    }
    return s;
}

int report_sweep_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    sweep_ctx c;
    memset(&c, 0, sizeof c);
    int rc = report_page_begin(&c.pg, opt, err);
    char *scn_name = first_point_scenario(c.pg.dir);
    scenario *s = NULL;
    char *scn_text = NULL;
    if (!rc && scn_name) { /* a sweep without points/ has no scenario to show */
        char *scn_path = out_join(c.pg.dir, scn_name);
        s = load_first_point(&c, scn_path);
        scn_text = report_scenario_text(scn_path);
        free(scn_path);
    }
    if (!rc)
        rc = plots(&c, err);
    report_view v = {.header = s ? s->header : NULL, .scenario_text = scn_text,
                     .scenario_name = scn_name};
    if (!rc)
        report_sweep_view(&v, &c.sweep);
    rc = report_page_end(&c.pg, &v, rc, index_path, err);
    free(scn_name);
    free(scn_text);
    scn_destroy(s);
    if (c.has_sweep)
        report_sweep_free(&c.sweep);
    report_page_free(&c.pg);
    return rc;
}
