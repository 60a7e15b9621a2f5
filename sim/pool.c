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
    int pipe; /* read end of the child's message pipe */
} running;

#define MESSAGE_MAX 1024
static char message[MESSAGE_MAX]; /* in the child, or in-process: the unit's message */

void pool_message(const char *m) { snprintf(message, sizeof message, "%s", m); }

/* Read the message a finished child sent (it wrote it just before exiting). */
static void read_message(int fd, char *buf)
{
    ssize_t n, used = 0;
    while (used < MESSAGE_MAX - 1 && (n = read(fd, buf + used, (size_t)(MESSAGE_MAX - 1 - used))) > 0)
        used += n;
    buf[used > 0 ? used : 0] = 0;
    close(fd);
}

static int catching; /* nesting depth of pool_catch_interrupts */
static struct sigaction saved_int, saved_term;

void pool_catch_interrupts(void)
{
    if (catching++)
        return;
    interrupted = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &saved_int);
    sigaction(SIGTERM, &sa, &saved_term);
}

void pool_release_interrupts(void)
{
    if (--catching)
        return;
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
}

static pid_t start(size_t unit, pool_unit_fn fn, void *ctx, int *read_end)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL); /* no buffered output is duplicated into the child */
    pid_t pid = fork();
    if (pid == 0) {
        /* The child catches interrupts itself (its units check the flag) and
         * starts with a clear flag and no outer handlers to restore. */
        close(fds[0]);
        catching = 0;
        pool_catch_interrupts();
        message[0] = 0;
        int rc = fn(unit, ctx);
        fflush(NULL);
        if (message[0] && write(fds[1], message, strlen(message)) < 0)
            rc = rc ? rc : 1;
        _exit(rc);
    }
    close(fds[1]);
    if (pid < 0)
        close(fds[0]);
    *read_end = fds[0];
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
    pool_catch_interrupts();
    if (jobs == 1) { /* one at a time: no need for processes */
        for (size_t u = 0; u < n && !interrupted; u++)
            if (!want || want(u, ctx)) {
                message[0] = 0;
                int status = unit(u, ctx);
                done(u, status, message, ctx);
            }
        n = 0;
    }
    int n_run = 0;
    size_t next = 0;
    while (!interrupted && (next < n || n_run > 0)) {
        while (!interrupted && n_run < jobs && next < n) {
            size_t u = next++;
            if (want && !want(u, ctx))
                continue;
            int fd = -1;
            pid_t pid = start(u, unit, ctx, &fd);
            if (pid < 0) {
                done(u, 1, "cannot start a worker process", ctx);
                continue;
            }
            run[n_run++] = (running){pid, u, fd};
        }
        if (!n_run)
            continue;
        int status, i = reap(run, n_run, &status);
        if (i < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        char buf[MESSAGE_MAX];
        read_message(run[i].pipe, buf);
        done(run[i].unit, status, buf, ctx);
        run[i] = run[--n_run];
    }
    if (interrupted) {
        for (int i = 0; i < n_run; i++)
            kill(run[i].pid, SIGTERM);
        for (int i = 0; i < n_run; i++) {
            waitpid(run[i].pid, NULL, 0);
            close(run[i].pipe);
        }
    }
    int was_interrupted = interrupted;
    pool_release_interrupts();
    free(run);
    return was_interrupted ? POOL_INTERRUPTED : 0;
}
