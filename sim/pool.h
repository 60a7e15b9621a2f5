/* pool.h: a fork-based worker pool for units of work (replications of a run,
 * points of a sweep). Each unit runs in a child process, at most `jobs` at a
 * time; a unit writes its own files, and the parent combines them in a fixed
 * order afterwards, so results do not depend on `jobs`.
 *
 * SIGINT and SIGTERM stop the pool: the parent stops starting units, signals
 * the running ones, waits for them and returns POOL_INTERRUPTED; files of units
 * that did not finish are the caller's to remove. */
#ifndef SESIM_POOL_H
#define SESIM_POOL_H

#include <stddef.h>

#define POOL_INTERRUPTED (-100)

/* Run in the child: returns the exit status (0 success, 1 runtime, 2 bad input). */
typedef int (*pool_unit_fn)(size_t unit, void *ctx);
/* Called in the parent as each unit ends, in completion order, with its exit status. */
typedef void (*pool_done_fn)(size_t unit, int status, void *ctx);

/* Run units first..first+n-1 that `want` selects (NULL: all). Returns 0 when every
 * unit ran (whatever their statuses), or POOL_INTERRUPTED. */
int pool_run(size_t n, int jobs, pool_unit_fn unit, pool_done_fn done,
             int (*want)(size_t unit, void *ctx), void *ctx);

/* The flag SIGINT/SIGTERM set while a pool runs (read by in-process units). */
volatile int *pool_interrupt_flag(void);

/* Default number of jobs: the number of online processors. */
int pool_default_jobs(void);

#endif
