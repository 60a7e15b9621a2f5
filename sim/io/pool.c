/* pool.c: `jobs` worker processes, forked once per pool_run and fed unit
 * numbers through a pipe each (a fork per unit cost ~6 ms of page faults and
 * symbol binding, more than a small sweep point itself); with one job, the
 * units run in this process. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
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

#define MESSAGE_MAX 1024
static char message[MESSAGE_MAX]; /* in the worker, or in-process: the unit's message */

void pool_message(const char *m) { snprintf(message, sizeof message, "%s", m); }

/* What a worker sends back for each unit. */
typedef struct result {
    size_t unit;
    int status;
    int ending; /* the worker was interrupted and exits after this answer */
    char message[MESSAGE_MAX];
} result;

/* A worker process: it runs the units it is given, one at a time. */
typedef struct worker {
    pid_t pid;    /* 0: not running */
    int task;     /* write end: unit numbers to the worker */
    int results;  /* read end: its results */
    int busy;
    size_t unit;  /* when busy */
} worker;

static int catching; /* nesting depth of pool_catch_interrupts */
static struct sigaction saved_int, saved_term, saved_hup, saved_pipe;

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
    /* SIGHUP (the terminal closed) stops the pool like the others, unless it
     * is ignored (nohup): then it stays ignored. */
    sigaction(SIGHUP, NULL, &saved_hup);
    if (saved_hup.sa_handler != SIG_IGN)
        sigaction(SIGHUP, &sa, NULL);
    /* A worker that died makes writes to its pipe fail with EPIPE, not kill us. */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &saved_pipe);
}

void pool_release_interrupts(void)
{
    if (--catching)
        return;
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
    sigaction(SIGHUP, &saved_hup, NULL);
    sigaction(SIGPIPE, &saved_pipe, NULL);
}

/* Read or write exactly n bytes; 0 at end of file before any byte, -1 on error. */
static ssize_t io_full(int fd, void *buf, size_t n, int writing)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = writing ? write(fd, (char *)buf + done, n - done) : read(fd, (char *)buf + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 || done ? -1 : 0;
        done += (size_t)k;
    }
    return (ssize_t)done;
}

/* The worker's life: read a unit, run it, answer; end when the pipe closes. */
static void worker_loop(int task, int results, pool_unit_fn fn, void *ctx)
{
    /* Workers catch interrupts themselves (their units check the flag), with no
     * outer handlers to restore; a signal that reached the parent's handler
     * between the fork and here still counts. */
    int inherited = interrupted;
    catching = 0;
    pool_catch_interrupts();
    interrupted |= inherited;
    size_t unit;
    while (!interrupted && io_full(task, &unit, sizeof unit, 0) == (ssize_t)sizeof unit) {
        result r = {.unit = unit};
        message[0] = 0;
        r.status = fn(unit, ctx);
        fflush(NULL);
        snprintf(r.message, sizeof r.message, "%s", message);
        r.ending = interrupted;
        if (io_full(results, &r, sizeof r, 1) < 0)
            _exit(1);
    }
    /* Interrupted (a signal to this worker alone, too): end, so that the flag
     * does not fail every later unit; the parent replaces the worker. */
    _exit(interrupted ? 130 : 0);
}

/* Fork worker w; the other workers' pipe ends are closed in it, so that a
 * worker's death shows as end of file on its own results pipe. */
static int spawn(worker *all, int n_all, int w, pool_unit_fn fn, void *ctx)
{
    int to[2], from[2];
    if (pipe(to) != 0)
        return -1;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return -1;
    }
    fflush(NULL); /* no buffered output is duplicated into the worker */
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
#ifdef __linux__
        /* A parent killed outright (SIGKILL) stops its workers too: they
         * would otherwise go on with units nobody collects, holding the
         * output folder's lock. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(130);
#else
        (void)parent;
#endif
        for (int i = 0; i < n_all; i++)
            if (all[i].pid > 0) {
                close(all[i].task);
                close(all[i].results);
            }
        close(to[1]);
        close(from[0]);
        worker_loop(to[0], from[1], fn, ctx);
    }
    close(to[0]);
    close(from[1]);
    if (pid < 0) {
        close(to[1]);
        close(from[0]);
        return -1;
    }
    all[w] = (worker){.pid = pid, .task = to[1], .results = from[0]};
    return 0;
}

static int status_of(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus) ? WEXITSTATUS(wstatus) : 1;
    return 128 + (WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
}

/* End worker w: close its task pipe (it exits after its unit), reap it. */
static int retire(worker *w)
{
    int wstatus = 0;
    close(w->task);
    close(w->results);
    waitpid(w->pid, &wstatus, 0);
    w->pid = 0;
    return wstatus;
}

typedef struct pool {
    worker *w;
    int jobs;
    size_t n, next;
    pool_unit_fn unit;
    pool_done_fn done;
    int (*want)(size_t unit, void *ctx);
    void *ctx;
} pool;

/* The next unit to run, or n when none is left. */
static size_t next_unit(pool *p)
{
    while (p->next < p->n && p->want && !p->want(p->next, p->ctx))
        p->next++;
    return p->next < p->n ? p->next++ : p->n;
}

/* Send unit u to worker i, starting it first if it is not running; a worker
 * found dead (it was killed while idle) is replaced once. */
static int send_unit(pool *p, int i, size_t u)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (!p->w[i].pid && spawn(p->w, p->jobs, i, p->unit, p->ctx) != 0)
            return -1;
        if (io_full(p->w[i].task, &u, sizeof u, 1) == (ssize_t)sizeof u)
            return 0;
        retire(&p->w[i]);
    }
    return -1;
}

/* Give each idle worker a unit. */
static void hand_out(pool *p)
{
    for (int i = 0; i < p->jobs && !interrupted; i++) {
        if (p->w[i].busy)
            continue;
        size_t u = next_unit(p);
        if (u == p->n)
            return;
        if (send_unit(p, i, u) != 0) {
            p->done(u, 1, "cannot start a worker process", p->ctx);
            continue;
        }
        p->w[i].busy = 1;
        p->w[i].unit = u;
    }
}

/* Read the result of worker i; a worker that died takes its unit with it
 * (status 128 + signal, as a shell reports it) and is replaced later. */
static void collect(pool *p, int i)
{
    worker *w = &p->w[i];
    result r;
    ssize_t got = io_full(w->results, &r, sizeof r, 0);
    w->busy = 0;
    if (got == (ssize_t)sizeof r) {
        if (r.ending)
            retire(w); /* interrupted alone, it exits now: give it no more units */
        p->done(r.unit, r.status, r.message, p->ctx);
        return;
    }
    p->done(w->unit, status_of(retire(w)), "", p->ctx);
}

static int any_busy(const pool *p)
{
    for (int i = 0; i < p->jobs; i++)
        if (p->w[i].busy)
            return 1;
    return 0;
}

/* Wait until a busy worker has answered, and take its answer. */
static void wait_result(pool *p)
{
    struct pollfd fds[p->jobs];
    int idx[p->jobs], n = 0;
    for (int i = 0; i < p->jobs; i++)
        if (p->w[i].busy) {
            fds[n] = (struct pollfd){.fd = p->w[i].results, .events = POLLIN};
            idx[n++] = i;
        }
    if (poll(fds, (nfds_t)n, -1) < 0)
        return; /* EINTR: the caller looks at the flag */
    for (int k = 0; k < n; k++)
        if (fds[k].revents)
            collect(p, idx[k]);
}

/* No more workers than units, and at most what the open-file limit allows
 * (the parent keeps two pipe ends per worker). */
static int worker_count(int jobs, size_t n)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 2u * (rlim_t)jobs + 64)
        jobs = rl.rlim_cur > 68 ? (int)((rl.rlim_cur - 64) / 2) : 2;
    if ((size_t)jobs > n)
        jobs = n > 1 ? (int)n : 1;
    return jobs;
}

static void run_in_process(size_t n, pool_unit_fn unit, pool_done_fn done,
                           int (*want)(size_t, void *), void *ctx)
{
    for (size_t u = 0; u < n && !interrupted; u++)
        if (!want || want(u, ctx)) {
            message[0] = 0;
            int status = unit(u, ctx);
            done(u, status, message, ctx);
        }
}

int pool_run(size_t n, int jobs, pool_unit_fn unit, pool_done_fn done,
             int (*want)(size_t unit, void *ctx), void *ctx)
{
    pool_catch_interrupts();
    if (jobs <= 1) { /* one at a time: no need for processes */
        run_in_process(n, unit, done, want, ctx);
    } else {
        jobs = worker_count(jobs, n);
        pool p = {.w = sim_xcalloc((size_t)jobs, sizeof(worker)), .jobs = jobs, .n = n,
                  .unit = unit, .done = done, .want = want, .ctx = ctx};
        for (hand_out(&p); !interrupted && any_busy(&p); hand_out(&p))
            wait_result(&p);
        for (int i = 0; i < jobs; i++) /* stop them: interrupted ones finish their unit early */
            if (p.w[i].pid) {
                if (interrupted)
                    kill(p.w[i].pid, SIGTERM);
                retire(&p.w[i]);
            }
        free(p.w);
    }
    int was_interrupted = interrupted;
    pool_release_interrupts();
    return was_interrupted ? POOL_INTERRUPTED : 0;
}
