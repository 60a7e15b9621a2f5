/* window.h: the rolling 24-hour quota window (SES-FACTS: a rolling window,
 * checked at every send, never reset at midnight).
 *
 * Exact at millisecond resolution: a FIFO of (send time, count), one entry per
 * distinct send time (at most span/tick: 1,440 at a 1-minute tick), expired as
 * time passes. */
#ifndef SESIM_WINDOW_H
#define SESIM_WINDOW_H

#include "fifo.h"

typedef struct quota_window {
    tn_fifo sends;
    int64_t span; /* ms */
} quota_window;

void win_init(quota_window *w, int64_t span_ms);
void win_reset(quota_window *w);
void win_destroy(quota_window *w);

/* Record n sends at time t; times must not decrease. */
void win_add(quota_window *w, int64_t t, int64_t n);
/* Sends in (now - span, now]: entries at or before now - span have expired. */
int64_t win_sum(quota_window *w, int64_t now);

/* The largest count recorded at one time in [now - span, now): with one entry
 * per tick, the busiest tick of the last span. */
int64_t win_peak(quota_window *w, int64_t now);

#endif
