/* report_gnuplot.c: where the gnuplot scripts and gnuplot are, and running
 * gnuplot on them: fork, chdir into the staging folder, exec with an argument
 * vector (never a shell), so no file name is ever parsed by a shell or by
 * gnuplot: the scripts read fixed relative names (data/ts.dat, quota.png). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/datadir.h"
#include "io/output.h"
#include "io/pool.h"
#include "report_int.h"

#define MARKER "report-common.gp" /* the file that says: the scripts are here */

int report_find_scripts(char **dir, sim_err *err)
{
    char looked[4096];
    *dir = datadir_find("scripts", MARKER, looked, sizeof looked);
    if (*dir)
        return 0;
    return sim_errorf(err, SIM_ERUNTIME, NULL, 0,
                      "the gnuplot scripts of sesim (%s) are not in %s: reinstall sesim "
                      "(make install)", MARKER, looked);
}

int report_find_gnuplot(char **path, sim_err *err)
{
    const char *env = getenv("PATH");
    if (!env || !*env)
        env = "/usr/bin:/bin";
    char *copy = sim_xstrdup(env);
    char *save = NULL;
    for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char *p = out_join(*d ? d : ".", "gnuplot");
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0) {
            free(copy);
            *path = p;
            return 0;
        }
        free(p);
    }
    free(copy);
    return sim_errorf(err, SIM_ERUNTIME, NULL, 0,
                      "gnuplot not found on PATH: sesim report draws its plots with it; "
                      "install the Debian package gnuplot-nox (apt-get install gnuplot-nox)");
}

/* Append s to buf (of cap bytes, *used so far), cutting it short if need be. */
static void append(char *buf, size_t cap, size_t *used, const char *s)
{
    size_t n = strlen(s);
    if (n > cap - 1 - *used)
        n = cap - 1 - *used;
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = 0;
}

/* The first line of gnuplot's messages that says what failed, into buf. */
static void first_error(const char *log, char *buf, size_t cap)
{
    buf[0] = 0;
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char line[512], prev[512] = "";
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (strstr(line, "rror") || strstr(line, "annot") || strstr(line, "nvalid")) {
            /* gnuplot prints the offending line, a caret, then the message */
            size_t used = 0;
            append(buf, cap, &used, line);
            if (prev[0]) {
                append(buf, cap, &used, " in: ");
                append(buf, cap, &used, prev);
            }
            break;
        }
        if (line[0] && strspn(line, " ^") != strlen(line)) {
            size_t used = 0;
            append(prev, sizeof prev, &used, line + strspn(line, " "));
        }
    }
    if (!buf[0] && prev[0]) {
        size_t used = 0;
        append(buf, cap, &used, prev);
    }
    fclose(f);
}

/* The child: stdin from /dev/null, stdout and stderr to the log, the staging
 * folder as working folder, then gnuplot. Only async-signal-safe calls until exec. */
static void exec_gnuplot(const char *gnuplot, const char *const *argv, int logfd,
                         const char *stage)
{
    int in = open("/dev/null", O_RDONLY);
    if (in >= 0)
        dup2(in, 0);
    dup2(logfd, 1);
    dup2(logfd, 2);
    if (chdir(stage) != 0)
        _exit(126);
    execv(gnuplot, (char *const *)argv);
    _exit(127);
}

/* gnuplot's exit status as an error: its first error line, or why it did not run. */
static int gnuplot_failed(int status, const char *gnuplot, const char *log, const char *plot,
                          sim_err *err)
{
    char why[600];
    first_error(log, why, sizeof why);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(why, sizeof why, "cannot execute %s", gnuplot);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
        snprintf(why, sizeof why, "cannot enter the report folder");
    return sim_errorf(err, SIM_ERUNTIME, plot, 0, "gnuplot failed%s%s", why[0] ? ": " : "", why);
}

/* Run gnuplot with argv, its messages into log; plot names the script in errors. */
static int run(const char *gnuplot, const char *const *argv, const char *stage, const char *log,
               const char *plot, sim_err *err)
{
    int logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (logfd < 0)
        return sim_errorf(err, SIM_ERUNTIME, log, 0, "cannot write: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(logfd);
        return sim_errorf(err, SIM_ERUNTIME, NULL, 0, "cannot start gnuplot: %s", strerror(errno));
    }
    if (pid == 0)
        exec_gnuplot(gnuplot, argv, logfd, stage);
    close(logfd);
    int status, stopped = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return sim_errorf(err, SIM_ERUNTIME, NULL, 0, "waiting for gnuplot: %s",
                              strerror(errno));
        /* SIGTERM or SIGHUP reach sesim alone (Ctrl-C the whole group): stop
         * gnuplot too, or the report waits for a plot it will throw away. */
        if (*pool_interrupt_flag() && !stopped++)
            kill(pid, SIGTERM);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return gnuplot_failed(status, gnuplot, log, plot, err);
    return 0;
}

int report_run_gnuplot(const char *gnuplot, const char *scripts, const char *stage,
                       const char *meta, const char *script, const char *setting, sim_err *err)
{
    if (*pool_interrupt_flag()) /* no more plots once interrupted */
        return sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: no report written");
    char *common = out_join(scripts, MARKER);
    char *plot = out_join(scripts, script);
    char *log = out_join(stage, "gnuplot.log");
    const char *argv[8];
    int k = 0;
    argv[k++] = "gnuplot";
    argv[k++] = "-d"; /* no ~/.gnuplot: the same plots for every user */
    if (setting) {
        argv[k++] = "-e";
        argv[k++] = setting; /* a fixed assignment from this program, never a path */
    }
    argv[k++] = meta ? meta : "data/meta.gp"; /* a fixed name from this program */
    argv[k++] = common;
    argv[k++] = plot;
    argv[k] = NULL;
    int rc = run(gnuplot, argv, stage, log, plot, err);
    free(common);
    free(plot);
    free(log);
    return rc;
}
