/* client_window.c: client = window, the nodemailer way: at most client_rate
 * calls start in each one-second window of the client's own clock. The
 * windows are [phase + k s, phase + (k + 1) s), the phase drawn once per
 * stream, uniform in whole ms of [0, 1000) (the client's clock is not SES's);
 * a call that finds its window full waits for the next one to open. Calls do
 * not wait for each other's answers (an asynchronous client). */
#include <math.h>

#include "client.h"
#include "core/config.h"

typedef struct window_state {
    double limit;
    int64_t phase, window, count; /* the window of the last start and its calls */
} window_state;

static void window_init(void *st, const scn_traffic *cfg, double rate, gsl_rng *r)
{
    (void)cfg;
    window_state *w = st;
    *w = (window_state){.limit = rate, .window = INT64_MIN};
    w->phase = (int64_t)floor(gsl_rng_uniform(r) * SIM_MS_PER_S);
}

static int64_t window_of(const window_state *w, int64_t t)
{
    int64_t x = t - w->phase;
    return x >= 0 ? x / SIM_MS_PER_S : -((-x + SIM_MS_PER_S - 1) / SIM_MS_PER_S);
}

static int64_t window_next(void *st, int64_t t, int *slot)
{
    window_state *w = st;
    *slot = -1;
    int64_t k = window_of(w, t);
    if (k == w->window && (double)w->count + 1 > w->limit + 1e-9)
        return w->phase + (k + 1) * SIM_MS_PER_S;
    return t;
}

static void window_start(void *st, int64_t at, int slot)
{
    (void)slot;
    window_state *w = st;
    int64_t k = window_of(w, at);
    if (k != w->window)
        w->window = k, w->count = 0;
    w->count++;
}

/* Whole calls per window. */
static double window_setting(double rate) { return floor(rate + 1e-9); }

const client_type client_window = {.name = "window", .state_size = sizeof(window_state),
                                   .init = window_init, .next = window_next, .start = window_start,
                                   .setting = window_setting};
