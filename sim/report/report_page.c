/* report_page.c: what the reports of a run and of a sweep share: a staging
 * folder, gnuplot found once, the plots drawn with their captions, the notes
 * shown at the top, the scenario, and index.html written at the end. */
#include <stdlib.h>
#include <sys/stat.h>

#include "core/config.h"
#include "io/output.h"
#include "report_int.h"
#include "scenario/scenario.h"


int report_page_begin(report_page *pg, const report_options *opt, sim_err *err)
{
    *pg = (report_page){.dir = report_trim_dir(opt->dir), .format = opt->format};
    return report_stage_begin(pg->dir, &pg->stage, err);
}

void report_page_note(report_page *pg, char *html)
{
    if (pg->n_notes < REPORT_MAX_NOTES)
        pg->notes[pg->n_notes++] = html;
    else
        free(html);
}

const char *report_page_keep(report_page *pg, char *s)
{
    if (pg->n_owned < sizeof pg->owned / sizeof pg->owned[0])
        pg->owned[pg->n_owned++] = s;
    return s;
}

int report_page_need_gnuplot(report_page *pg, sim_err *err)
{
    if (!pg->gnuplot && report_find_gnuplot(&pg->gnuplot, err))
        return SIM_ERUNTIME;
    if (!pg->scripts && report_find_scripts(&pg->scripts, err))
        return SIM_ERUNTIME;
    return 0;
}

int report_page_plot(report_page *pg, const report_plot_spec *p, char *caption, sim_err *err)
{
    if (pg->n_plots == REPORT_MAX_PLOTS) {
        free(caption);
        return 0;
    }
    pg->plots[pg->n_plots++] =
        (report_plot){.file = p->file, .id = p->id, .title = p->title, .caption = caption};
    int rc = report_run_gnuplot(pg->gnuplot, pg->scripts, pg->stage, p->meta, p->script,
                                p->setting, err);
    if (rc)
        return rc;
    char *out = out_join(pg->stage, p->file);
    struct stat st;
    if (stat(out, &st) != 0 || st.st_size == 0)
        rc = sim_errorf(err, SIM_ERUNTIME, out, 0, "gnuplot wrote no plot (%s)", p->script);
    free(out);
    return rc;
}

int report_page_end(report_page *pg, report_view *v, int rc, char **index_path, sim_err *err)
{
    if (!rc) {
        v->dir = pg->dir;
        v->notes = (const char *const *)pg->notes;
        v->n_notes = pg->n_notes;
        v->plots = pg->plots;
        v->n_plots = pg->n_plots;
        out_file o = {0};
        rc = out_open(&o, pg->stage, "index.html", err);
        if (!rc) {
            report_write_page(o.f, v);
            rc = out_commit_all(&o, 1, err);
        }
    }
    return report_stage_end(pg->dir, pg->stage, rc, index_path, err);
}

void report_page_free(report_page *pg)
{
    for (size_t i = 0; i < pg->n_owned; i++)
        free(pg->owned[i]);
    for (size_t i = 0; i < pg->n_plots; i++)
        free(pg->plots[i].caption);
    for (size_t i = 0; i < pg->n_notes; i++)
        free(pg->notes[i]);
    free(pg->stage);
    free(pg->dir);
    free(pg->gnuplot);
    free(pg->scripts);
}

char *report_scenario_text(const char *path)
{
    return out_read_file(path, SCN_MAX_FILE_BYTES, NULL) /* every scenario.ini sesim writes */;
}

void report_policy_of(report_policy *p, const scenario *s)
{
    p->bounce_review = s->policy.bounce_review;
    p->bounce_pause = s->policy.bounce_pause;
    p->complaint_review = s->policy.complaint_review;
    p->complaint_pause = s->policy.complaint_pause;
    p->ramp_bounce_max = s->policy.ramp_bounce_max;
    p->ramp_complaint_max = s->policy.ramp_complaint_max;
    p->rep_volume = s->policy.rep_volume;
}
