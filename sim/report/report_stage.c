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
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = out_join(path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Replace DIR/report by the staging folder. */
static int swap_in(const char *dir, const char *stage, const char *final, sim_err *err)
{
    struct stat st;
    char *old = NULL;
    if (lstat(final, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return sim_errorf(err, SIM_ERUNTIME, final, 0, "exists and is not a folder");
        char name[64];
        snprintf(name, sizeof name, ".report.old%ld", (long)getpid());
        old = out_join(dir, name);
        remove_tree(old);
        if (rename(final, old) != 0) {
            int rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot replace: %s", strerror(errno));
            free(old);
            return rc;
        }
    }
    if (rename(stage, final) != 0) {
        int rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot create: %s", strerror(errno));
        if (old)
            rename(old, final);
        free(old);
        return rc;
    }
    if (old)
        remove_tree(old);
    free(old);
    return 0;
}

char *report_trim_dir(const char *dir)
{
    char *d = sim_xstrdup(dir);
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = 0;
    return d;
}

int report_stage_begin(const char *dir, char **stage, sim_err *err)
{
    char name[64];
    snprintf(name, sizeof name, ".report.tmp%ld", (long)getpid());
    *stage = out_join(dir, name);
    remove_tree(*stage);
    if (mkdir(*stage, 0777) != 0)
        return sim_errorf(err, SIM_ERUNTIME, *stage, 0, "cannot create folder: %s", strerror(errno));
    char *data = out_join(*stage, "data");
    int rc = 0;
    if (mkdir(data, 0777) != 0)
        rc = sim_errorf(err, SIM_ERUNTIME, data, 0, "cannot create folder: %s", strerror(errno));
    free(data);
    return rc;
}

int report_stage_end(const char *dir, const char *stage, int rc, char **index_path, sim_err *err)
{
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
    return rc;
}
