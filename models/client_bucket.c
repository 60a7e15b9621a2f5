/* client_bucket.c: client = bucket, a token bucket in the client: tokens
 * refill at client_rate per second up to client_burst calls (full at the
 * start); a call starts when a whole token is there and spends it. Calls do
 * not wait for each other's answers. */
#include <math.h>

#include "client.h"
#include "core/config.h"

typedef struct cbucket_state {
    double rate, cap, tokens;
    int64_t t;
} cbucket_state;

static void cbucket_init(void *st, const scn_traffic *cfg, double rate, gsl_rng *r)
{
    (void)r;
    cbucket_state *b = st;
    *b = (cbucket_state){.rate = rate, .cap = cfg->client_burst, .tokens = cfg->client_burst};
}

static void cbucket_refill(cbucket_state *b, int64_t t)
{
    if (t <= b->t)
        return;
    b->tokens += b->rate * (double)(t - b->t) / SIM_MS_PER_S;
    if (b->tokens > b->cap)
        b->tokens = b->cap;
    b->t = t;
}

static int64_t cbucket_next(void *st, int64_t t, int *slot)
{
    cbucket_state *b = st;
    *slot = -1;
    cbucket_refill(b, t);
    if (b->tokens >= 1 - 1e-9)
        return t;
    /* the first whole ms at which the refill makes a whole token */
    double ms = (1 - b->tokens) * SIM_MS_PER_S / b->rate;
    int64_t wait = (int64_t)ms;
    return t + (wait < ms - 1e-9 ? wait + 1 : wait);
}

static void cbucket_start(void *st, int64_t at, int slot)
{
    (void)slot;
    cbucket_state *b = st;
    cbucket_refill(b, at);
    b->tokens -= 1;
}

/* A continuous rate: the probe's resolution. */
static double cbucket_setting(double rate) { return floor(rate / CLIENT_PROBE_STEP + 1e-9) * CLIENT_PROBE_STEP; }

const client_type client_bucket = {.name = "bucket", .state_size = sizeof(cbucket_state),
                                   .init = cbucket_init, .next = cbucket_next, .start = cbucket_start,
                                   .setting = cbucket_setting};
