/* report_stage.c: the report's folders. A report is built in a staging folder
 * DIR/.report.tmpPID and swapped in as DIR/report only when it is complete; on
 * failure DIR/report is left as it was and the staging folder is removed. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/output.h"
#include "io/pool.h"
#include "report_int.h"

int report_has_file(const char *dir, const char *name)
{
    char *p = out_join(dir, name);
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

/* Remove a folder the report made, and what is in it (symbolic links are
 * removed, never followed). */
static void remove_tree(const char *path)
{
    out_remove_tree(path);
}

/* Replace DIR/report by the staging folder: only a report sesim wrote is replaced. */
static int swap_in(const char *dir, const char *stage, const char *final, sim_err *err)
{
    (void)dir;
    return out_swap_in(stage, final, "report", err);
}

char *report_trim_dir(const char *dir)
{
    char *d = sim_xstrdup(dir);
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = 0;
    return d;
}

/* The folders being reported on, innermost last: their locks and stages. */
#define MAX_STAGES 4
static struct {
    out_lock lock;
    const char *stage;
} stages[MAX_STAGES];
static int n_stages;

/* Mark the staging folder as a report's, and make its data/. */
static int stage_fill(const char *stage, sim_err *err)
{
    out_file mark = {0};
    int rc = out_open(&mark, stage, OUT_MARK, err);
    if (!rc) {
        fputs("sesim report\n", mark.f);
        rc = out_commit_all(&mark, 1, err);
    }
    char *data = out_join(stage, "data");
    if (!rc && mkdir(data, 0777) != 0)
        rc = sim_errorf(err, SIM_ERUNTIME, data, 0, "cannot create folder: %s", strerror(errno));
    free(data);
    return rc;
}

int report_stage_begin(const char *dir, char **stage, sim_err *err)
{
    *stage = NULL;
    out_lock lock;
    if (n_stages == MAX_STAGES)
        return sim_errorf(err, SIM_ERUNTIME, dir, 0, "reports nested too deep");
    int rc = out_enter(&lock, dir, err);
    if (rc)
        return rc;
    *stage = out_temp_dir(dir, "report", err);
    rc = *stage ? stage_fill(*stage, err) : err->code;
    if (rc) {
        if (*stage)
            remove_tree(*stage);
        free(*stage);
        *stage = NULL;
        out_unclaim(&lock, 0);
        return rc;
    }
    stages[n_stages].lock = lock;
    stages[n_stages++].stage = *stage;
    pool_catch_interrupts(); /* gnuplot may be stopped too (Ctrl-C): the flag says why */
    return 0;
}

int report_stage_end(const char *dir, const char *stage, int rc, char **index_path, sim_err *err)
{
    if (!stage)
        return rc;
    if (*pool_interrupt_flag())
        rc = sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: no report written");
    if (!rc) {
        char *log = out_join(stage, "gnuplot.log");
        unlink(log);
        free(log);
        char *final = out_join(dir, "report");
        rc = swap_in(dir, stage, final, err);
        if (!rc)
            *index_path = out_join(final, "index.html");
        free(final);
    }
    if (rc)
        remove_tree(stage);
    pool_release_interrupts();
    if (n_stages && stages[n_stages - 1].stage == stage)
        out_unclaim(&stages[--n_stages].lock, 0);
    return rc;
}
