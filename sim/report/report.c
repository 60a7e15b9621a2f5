/* report.c: `sesim report DIR`: which report a folder gets. Its kind is the
 * first file of the table `kinds` that it holds, and each kind's report is
 * built by its own file: a run (report_run.c), a sweep (report_sweep.c), a
 * batch (report_batch.c, which builds each scenario's report as a run's), a
 * plan (report_plan.c), a sensitivity study (report_sensitivity.c). */
#include <string.h>
#include <sys/stat.h>

#include "report_int.h"

int report_parse_format(const char *s, int *format, sim_err *err)
{
    if (!strcmp(s, "png"))
        *format = REPORT_PNG;
    else if (!strcmp(s, "svg"))
        *format = REPORT_SVG;
    else
        return sim_errorf(err, SIM_EINPUT, "--format", 0, "'%s': expected png or svg", s);
    return 0;
}

static const struct {
    const char *needs; /* a file in DIR */
    int (*build)(const report_options *, char **, sim_err *);
} kinds[] = {
    {"timeseries.csv", report_run_build},
    {"sweep.csv", report_sweep_build},
    {"batch.csv", report_batch_build},
    {"plan.csv", report_plan_build},
    {"sensitivity.csv", report_sensitivity_build},
};

int report_build(const report_options *opt, char **index_path, sim_err *err)
{
    *index_path = NULL;
    struct stat st;
    if (stat(opt->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return sim_errorf(err, SIM_EINPUT, opt->dir, 0, "no such folder");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (report_has_file(opt->dir, kinds[i].needs))
            return kinds[i].build(opt, index_path, err);
    if (report_has_file(opt->dir, "summary.csv")) /* a sweep's points/NNNN */
        return sim_errorf(err, SIM_EINPUT, opt->dir, 0,
                          "has summary.csv but no timeseries.csv: a sweep point keeps its "
                          "series only when the sweep runs with --keep-series");
    return sim_errorf(err, SIM_EINPUT, opt->dir, 0,
                      "no timeseries.csv, sweep.csv, batch.csv, plan.csv nor sensitivity.csv "
                      "here: not a folder written by 'sesim run', 'sesim sweep', 'sesim batch', "
                      "'sesim plan' or 'sesim sensitivity'");
}
