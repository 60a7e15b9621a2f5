/* window.c: rolling-window sum over a FIFO of (time, count). */
#include "window.h"

void win_init(quota_window *w, int64_t span_ms)
{
    fifo_init(&w->sends);
    w->span = span_ms;
}

void win_reset(quota_window *w) { fifo_reset(&w->sends); }
void win_destroy(quota_window *w) { fifo_destroy(&w->sends); }
void win_add(quota_window *w, int64_t t, int64_t n) { fifo_push(&w->sends, t, n); }

int64_t win_sum(quota_window *w, int64_t now)
{
    const tn_entry *e;
    while ((e = fifo_front(&w->sends)) && e->t <= now - w->span)
        fifo_pop(&w->sends);
    return w->sends.sum;
}

int64_t win_peak(quota_window *w, int64_t now) { return fifo_max(&w->sends, now - w->span, now); }
