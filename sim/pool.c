/* pool.c: fork one child per unit, at most `jobs` running, reap in any order. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "pool.h"

static volatile int interrupted; /* set by the handler; int is written atomically here */

volatile int *pool_interrupt_flag(void) { return &interrupted; }

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

int pool_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

typedef struct running {
    pid_t pid;
    size_t unit;
} running;

static void install(struct sigaction *old_int, struct sigaction *old_term)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, old_int);
    sigaction(SIGTERM, &sa, old_term);
}

static pid_t start(size_t unit, pool_unit_fn fn, void *ctx, struct sigaction *old_int,
                   struct sigaction *old_term)
{
    fflush(NULL); /* no buffered output is duplicated into the child */
    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, old_int, NULL);
        sigaction(SIGTERM, old_term, NULL);
        int rc = fn(unit, ctx);
        fflush(NULL);
        _exit(rc);
    }
    return pid;
}

static int status_of(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    return 128 + (WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
}

/* Wait for one child; returns its slot index in run[], or -1. */
static int reap(running *run, int n_run, int *status)
{
    int w;
    pid_t pid = waitpid(-1, &w, 0);
    if (pid < 0)
        return -1;
    for (int i = 0; i < n_run; i++)
        if (run[i].pid == pid) {
            *status = status_of(w);
            return i;
        }
    return -1;
}

int pool_run(size_t n, int jobs, pool_unit_fn unit, pool_done_fn done,
             int (*want)(size_t unit, void *ctx), void *ctx)
{
    if (jobs < 1)
        jobs = 1;
    running *run = sim_xcalloc((size_t)jobs, sizeof *run);
    struct sigaction old_int, old_term;
    interrupted = 0;
    install(&old_int, &old_term);
    if (jobs == 1) { /* one at a time: no need for processes */
        for (size_t u = 0; u < n && !interrupted; u++)
            if (!want || want(u, ctx))
                done(u, unit(u, ctx), ctx);
        n = 0;
    }
    int n_run = 0;
    size_t next = 0;
    while (!interrupted && (next < n || n_run > 0)) {
        while (!interrupted && n_run < jobs && next < n) {
            size_t u = next++;
            if (want && !want(u, ctx))
                continue;
            pid_t pid = start(u, unit, ctx, &old_int, &old_term);
            if (pid < 0) {
                done(u, 1, ctx);
                continue;
            }
            run[n_run++] = (running){pid, u};
        }
        if (!n_run)
            continue;
        int status, i = reap(run, n_run, &status);
        if (i < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        done(run[i].unit, status, ctx);
        run[i] = run[--n_run];
    }
    if (interrupted) {
        for (int i = 0; i < n_run; i++)
            kill(run[i].pid, SIGTERM);
        for (int i = 0; i < n_run; i++)
            waitpid(run[i].pid, NULL, 0);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(run);
    return interrupted ? POOL_INTERRUPTED : 0;
}
