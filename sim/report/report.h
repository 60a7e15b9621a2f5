/* report.h: `sesim report DIR`: plots and an HTML page of the outputs of a
 * run, a sweep or a batch (docs/report.md). These are the entry points of the
 * command line; the rest of the report is internal (report_int.h).
 *
 * The report is built in a staging folder DIR/.report.tmpPID, with gnuplot (an
 * external program, started with fork/exec and an argument vector, never
 * through a shell), and swapped in as DIR/report only when it is complete. On
 * failure DIR/report is left as it was and the staging folder is removed. */
#ifndef SESIM_REPORT_H
#define SESIM_REPORT_H

#include "core/error.h"

enum { REPORT_PNG, REPORT_SVG };

typedef struct report_options {
    const char *dir; /* the run's folder */
    int format;      /* REPORT_PNG or REPORT_SVG */
} report_options;

/* "png" or "svg"; anything else is SIM_EINPUT. */
int report_parse_format(const char *s, int *format, sim_err *err);

/* Build DIR/report/ and set *index_path (malloc'd) to DIR/report/index.html.
 * The folder's kind is the first of these files it holds: timeseries.csv (a
 * run), sweep.csv (a sweep), batch.csv (a batch: every scenario's
 * DIR/NAME/report/ first, then DIR/report/ comparing them).
 * SIM_EINPUT: DIR is not a run's folder (none of those files), a scenario
 * folder of a batch is missing, or a file in it is malformed. SIM_ERUNTIME:
 * gnuplot or its scripts are missing or failed, or a file cannot be written. */
int report_build(const report_options *opt, char **index_path, sim_err *err);

#endif
