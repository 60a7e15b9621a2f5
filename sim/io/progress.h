/* progress.h: a progress line on stderr for long runs and sweeps.
 *
 * On a terminal: a bar redrawn in place with units done, elapsed time and ETA.
 * Not a terminal: nothing, unless `lines` asks for one line per update (sweep
 * --progress). Quiet: nothing at all. */
#ifndef SESIM_PROGRESS_H
#define SESIM_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct progress {
    const char *unit; /* "points", "replications", "days" */
    size_t total;
    int show_bar, lines;
    struct timespec started;
    double drawn; /* seconds after start of the last redraw */
} progress;

void progress_start(progress *p, const char *unit, size_t total, int quiet, int lines);
void progress_update(progress *p, size_t done);

#endif
