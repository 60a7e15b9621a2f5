/* progress.c: progress bar or lines on stderr. */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

void progress_start(progress *p, const char *unit, size_t total, int quiet, int lines)
{
    p->unit = unit;
    p->total = total;
    p->show_bar = !quiet && isatty(2);
    p->lines = !quiet && !p->show_bar && lines;
    p->drawn = -1;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
}

void progress_update(progress *p, size_t done)
{
    if (!p->show_bar && !p->lines)
        return;
    double elapsed = seconds_since(&p->started);
    double eta = done ? elapsed * (double)(p->total - done) / (double)done : 0;
    if (p->lines) {
        fprintf(stderr, "sesim: %zu/%zu %s done, %.1f s elapsed, ETA %.0f s\n", done, p->total,
                p->unit, elapsed, eta);
        return;
    }
    if (done < p->total && elapsed - p->drawn < 0.1)
        return; /* at most ten redraws a second */
    p->drawn = elapsed;
    const int width = 30;
    int filled = p->total ? (int)((size_t)width * done / p->total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu %s, %.0f s elapsed, ETA %.0f s ", filled,
            "##############################", width - filled, "", done, p->total, p->unit,
            elapsed, eta);
    if (done >= p->total)
        fputc('\n', stderr);
    fflush(stderr);
}
