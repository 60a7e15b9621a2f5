/* window.h: the rolling 24-hour quota window (SES-FACTS: a rolling window,
 * checked at every send, never reset at midnight).
 *
 * Exact at millisecond resolution: a FIFO of (send time, count), one entry per
 * distinct send time (at most span/tick: 1,440 at a 1-minute tick), expired as
 * time passes.
 *
 * With sim.tick = auto, an hour batch of Poisson demand enters as one *hour*
 * entry: its total, not yet placed in its fine ticks. Given the total, the
 * ticks' counts are multinomial in proportion to their means and nothing else
 * depends on them, so they are drawn only when a reader needs them, and only
 * as far as it needs: a sum read while the hour is leaving the window draws how
 * many of the sends not yet placed were in the ticks that expired (one
 * conditional binomial), and win_peak places every tick. The counts read are
 * the multinomial's, whenever they are drawn (docs/model.md, ticks with auto). */
#ifndef SESIM_WINDOW_H
#define SESIM_WINDOW_H

#include <gsl/gsl_rng.h>

#include "fifo.h"

/* An hour batch's sends in ticks t0 + i x fine, i < n; those before tick
 * `next` have left the window, `left` are in ticks next..n-1, not yet placed. */
typedef struct win_hour {
    int64_t t0, fine, left;
    uint32_t next, n;
    double *means; /* the ticks' means (owned); NULL: all equal */
    gsl_rng *r;    /* draws the placement */
} win_hour;

typedef struct quota_window {
    tn_fifo sends;
    int64_t span; /* ms */
    win_hour *hours; /* a ring of hour entries in time order */
    uint32_t h_head, h_len, h_cap;
    int64_t hours_sum; /* of `left` over them */
} quota_window;

void win_init(quota_window *w, int64_t span_ms);
void win_reset(quota_window *w);
void win_destroy(quota_window *w);

/* Record n sends at time t; times must not decrease. */
void win_add(quota_window *w, int64_t t, int64_t n);
/* Record an hour batch of `total` sends over the n ticks of `fine` from t0, to
 * be placed in proportion to means[0..n-1] (copied; NULL or all equal: evenly)
 * with draws from r. t0 must not decrease. */
void win_add_hour(quota_window *w, int64_t t0, int64_t fine, uint32_t n, int64_t total,
                  const double *means, gsl_rng *r);
void win_expire_hours(quota_window *w, int64_t limit);
/* Sends in (now - span, now]: entries at or before now - span have expired.
 * Inline: the fine tick reads it several times. */
static inline int64_t win_sum(quota_window *w, int64_t now)
{
    const tn_entry *e;
    while ((e = fifo_front(&w->sends)) && e->t <= now - w->span)
        fifo_pop(&w->sends);
    if (w->h_len)
        win_expire_hours(w, now - w->span);
    return w->sends.sum + w->hours_sum;
}

/* The largest count recorded at one time in [now - span, now): with one entry
 * per tick, the busiest tick of the last span. Places every hour entry first. */
int64_t win_peak(quota_window *w, int64_t now);

#endif
