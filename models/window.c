/* window.c: rolling-window sum over a FIFO of (time, count), and the hour
 * entries of sim.tick = auto (window.h). */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/rng.h"
#include "window.h"

void win_init(quota_window *w, int64_t span_ms)
{
    *w = (quota_window){.span = span_ms};
    fifo_init(&w->sends);
}

static win_hour *hour_at(quota_window *w, uint32_t i)
{
    return &w->hours[(w->h_head + i) & (w->h_cap - 1)];
}

static void hour_pop(quota_window *w)
{
    win_hour *h = hour_at(w, 0);
    w->hours_sum -= h->left;
    free(h->means);
    w->h_head = (w->h_head + 1) & (w->h_cap - 1);
    w->h_len--;
}

void win_reset(quota_window *w)
{
    fifo_reset(&w->sends);
    while (w->h_len)
        hour_pop(w);
}

void win_destroy(quota_window *w)
{
    win_reset(w);
    fifo_destroy(&w->sends);
    free(w->hours);
    w->hours = NULL;
    w->h_cap = 0;
}

void win_add(quota_window *w, int64_t t, int64_t n) { fifo_push(&w->sends, t, n); }

/* The hour entries' capacity is a power of two, as the fifo's. */
static void hours_grow(quota_window *w)
{
    uint32_t cap = w->h_cap ? 2 * w->h_cap : 32;
    win_hour *ring = sim_xmalloc(cap * sizeof *ring);
    for (uint32_t i = 0; i < w->h_len; i++)
        ring[i] = *hour_at(w, i);
    free(w->hours);
    w->hours = ring;
    w->h_cap = cap;
    w->h_head = 0;
}

void win_add_hour(quota_window *w, int64_t t0, int64_t fine, uint32_t n, int64_t total,
                  const double *means, gsl_rng *r)
{
    if (total <= 0)
        return;
    if (w->h_len == w->h_cap)
        hours_grow(w);
    win_hour *h = hour_at(w, w->h_len++);
    *h = (win_hour){.t0 = t0, .fine = fine, .left = total, .n = n, .r = r};
    for (uint32_t i = 1; means && i < n; i++)
        if (means[i] != means[0]) {
            h->means = sim_xmalloc(n * sizeof *h->means);
            memcpy(h->means, means, n * sizeof *h->means);
            break;
        }
    w->hours_sum += total;
}

/* The weight of ticks [a, b) of an hour entry. */
static double hour_weight(const win_hour *h, uint32_t a, uint32_t b)
{
    if (!h->means)
        return (double)(b - a);
    double s = 0;
    for (uint32_t i = a; i < b; i++)
        s += h->means[i];
    return s;
}

/* Place the sends not yet placed of ticks next..k-1: of the `left` in ticks
 * next..n-1, those in the first k - next are binomial with their share of the
 * weight (the conditional law of a multinomial's leading cells). */
static int64_t hour_take(win_hour *h, uint32_t k)
{
    int64_t gone = h->left;
    if (k < h->n && h->left > 0) {
        double all = hour_weight(h, h->next, h->n);
        double p = all > 0 ? hour_weight(h, h->next, k) / all : 0;
        gone = p > 0 ? rng_binomial(h->r, p < 1 ? p : 1, h->left) : 0;
    }
    h->left -= gone;
    h->next = k;
    return gone;
}

/* The ticks at or before `limit` leave the window (win_sum's cold part: only
 * with sim.tick = auto). */
void win_expire_hours(quota_window *w, int64_t limit)
{
    for (uint32_t i = 0; i < w->h_len; i++) {
        win_hour *h = hour_at(w, i);
        if (h->t0 > limit)
            break;
        int64_t k = (limit - h->t0) / h->fine + 1;
        if (k > (int64_t)h->next)
            w->hours_sum -= hour_take(h, k < (int64_t)h->n ? (uint32_t)k : h->n);
    }
    while (w->h_len && hour_at(w, 0)->next == hour_at(w, 0)->n)
        hour_pop(w);
}

/* Place the sends of an hour entry not yet placed, tick by tick (the chain of
 * conditional binomials a multinomial draw makes), into out; returns how many
 * entries it wrote (at most n - next). */
static size_t hour_place(win_hour *h, tn_entry *out)
{
    size_t m = 0;
    double all = hour_weight(h, h->next, h->n);
    for (uint32_t i = h->next; i < h->n && h->left > 0; i++) {
        double wi = h->means ? h->means[i] : 1;
        int64_t c = h->left;
        if (i + 1 < h->n && all > wi)
            c = wi > 0 ? rng_binomial(h->r, wi / all, h->left) : 0;
        all -= wi;
        h->left -= c;
        if (c > 0)
            out[m++] = (tn_entry){h->t0 + (int64_t)i * h->fine, c};
    }
    h->next = h->n;
    return m;
}

static int by_time(const void *a, const void *b)
{
    int64_t x = ((const tn_entry *)a)->t, y = ((const tn_entry *)b)->t;
    return (x > y) - (x < y);
}

/* Place every hour entry's sends in its ticks and rebuild the sends in time
 * order (equal times merge, as the fine ticks' entries of several streams do). */
static void hours_place(quota_window *w)
{
    size_t cap = w->sends.len;
    for (uint32_t i = 0; i < w->h_len; i++)
        cap += hour_at(w, i)->n;
    tn_entry *all = sim_xmalloc(cap * sizeof *all);
    size_t m = 0;
    const tn_entry *e;
    while ((e = fifo_front(&w->sends))) {
        all[m++] = *e;
        fifo_pop(&w->sends);
    }
    while (w->h_len) {
        m += hour_place(hour_at(w, 0), all + m);
        hour_pop(w);
    }
    w->hours_sum = 0;
    qsort(all, m, sizeof *all, by_time);
    for (size_t i = 0; i < m; i++)
        fifo_push(&w->sends, all[i].t, all[i].n);
    free(all);
}

int64_t win_peak(quota_window *w, int64_t now)
{
    if (w->h_len)
        hours_place(w);
    return fifo_max(&w->sends, now - w->span, now);
}
