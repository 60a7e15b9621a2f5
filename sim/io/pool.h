/* pool.h: a fork-based worker pool for units of work (replications of a run,
 * points of a sweep, scenarios of a batch). `jobs` worker processes, forked
 * once, run the units one at a time each; a unit writes its own files, and the
 * parent combines them in a fixed order afterwards, so results do not depend on
 * `jobs`. Units must not rely on state an earlier unit left in their worker
 * (with one job they all run in the calling process anyway). A worker that dies
 * takes only its unit with it (status 128 + the signal) and is replaced.
 *
 * SIGINT, SIGTERM and SIGHUP (unless ignored, as under nohup) stop the pool:
 * the parent stops starting units, signals the running ones, waits for them
 * and returns POOL_INTERRUPTED; files of units that did not finish are the
 * caller's to remove. */
#ifndef SESIM_POOL_H
#define SESIM_POOL_H

#include <stddef.h>

#define POOL_INTERRUPTED (-100)

/* Run in the child: returns the exit status (0 success, 1 runtime, 2 bad input). */
typedef int (*pool_unit_fn)(size_t unit, void *ctx);
/* Called in the parent as each unit ends, in completion order, with its exit
 * status and the message it sent with pool_message ("" if none). */
typedef void (*pool_done_fn)(size_t unit, int status, const char *message, void *ctx);

/* From a unit: one line for the parent (an error), through a pipe, so it
 * arrives even when the disk is full. The last call wins. */
void pool_message(const char *message);

/* Run units first..first+n-1 that `want` selects (NULL: all). Returns 0 when every
 * unit ran (whatever their statuses), or POOL_INTERRUPTED. */
int pool_run(size_t n, int jobs, pool_unit_fn unit, pool_done_fn done,
             int (*want)(size_t unit, void *ctx), void *ctx);

/* The flag SIGINT/SIGTERM/SIGHUP set while interrupts are caught (read by in-process
 * units, and by whatever runs between pool_catch and pool_release). */
volatile int *pool_interrupt_flag(void);
/* Catch SIGINT, SIGTERM and SIGHUP into the flag (cleared) until the matching release;
 * calls nest, and the outermost release restores the previous handlers. */
void pool_catch_interrupts(void);
void pool_release_interrupts(void);

/* Default number of jobs: the number of online processors. */
int pool_default_jobs(void);

#endif
