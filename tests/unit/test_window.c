/* test_window.c: the rolling 24-hour quota window, exact to the millisecond. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "suite.h"
#include "models/window.h"

#define DAY SIM_MS_PER_DAY

/* An entry at t counts over (t, t + span): at t + span - 1 ms it is still in,
 * at exactly t + span it has expired. */
static void test_expiry_boundary(void)
{
    quota_window w;
    win_init(&w, DAY);
    CU_ASSERT_EQUAL(win_sum(&w, 0), 0);
    win_add(&w, 0, 5);
    CU_ASSERT_EQUAL(win_sum(&w, 0), 5);
    CU_ASSERT_EQUAL(win_sum(&w, DAY - 1), 5);
    CU_ASSERT_EQUAL(win_sum(&w, DAY), 0);
    CU_ASSERT_EQUAL(w.sends.len, 0);
    /* Same at an arbitrary time. */
    win_add(&w, 3 * DAY + 12345, 7);
    CU_ASSERT_EQUAL(win_sum(&w, 4 * DAY + 12344), 7);
    CU_ASSERT_EQUAL(win_sum(&w, 4 * DAY + 12345), 0);
    win_destroy(&w);
}

static void test_merge_same_time(void)
{
    quota_window w;
    win_init(&w, DAY);
    win_add(&w, 60000, 3);
    win_add(&w, 60000, 4);
    win_add(&w, 60000, 0);  /* nothing: no entry */
    win_add(&w, 60000, -2); /* negative counts are ignored */
    CU_ASSERT_EQUAL(w.sends.len, 1);
    CU_ASSERT_EQUAL(win_sum(&w, 60000), 7);
    win_add(&w, 120000, 1);
    win_add(&w, 120000, 1);
    CU_ASSERT_EQUAL(w.sends.len, 2);
    CU_ASSERT_EQUAL(win_sum(&w, 120000), 9);
    win_destroy(&w);
}

/* Sends at each minute over a day and a half; the sum is checked at every minute
 * against a direct count of the entries in (now - 24h, now]. */
static void test_partial_expiry(void)
{
    quota_window w;
    win_init(&w, DAY);
    enum { MINUTES = 36 * 60 };
    int64_t *n = malloc(MINUTES * sizeof *n);
    int bad = 0;
    for (int i = 0; i < MINUTES; i++) {
        int64_t now = (int64_t)i * SIM_MS_PER_MIN;
        n[i] = i % 13 + 1;
        win_add(&w, now, n[i]);
        int64_t want = 0;
        for (int j = 0; j <= i; j++)
            if ((int64_t)j * SIM_MS_PER_MIN > now - DAY)
                want += n[j];
        bad += win_sum(&w, now) != want;
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* Never more than a day's worth of minute entries are held. */
    CU_ASSERT(w.sends.len <= 1440);
    /* Half-way through the next minute the sum is that of the last minute boundary. */
    int64_t at = (int64_t)(MINUTES - 1) * SIM_MS_PER_MIN + 30000;
    int64_t want = 0;
    for (int j = 0; j < MINUTES; j++)
        if ((int64_t)j * SIM_MS_PER_MIN > at - DAY)
            want += n[j];
    CU_ASSERT_EQUAL(win_sum(&w, at), want);
    CU_ASSERT_EQUAL(win_sum(&w, at + DAY), 0);
    free(n);
    win_destroy(&w);
}

/* A short span with irregular send times: many wrap-arounds of the ring, and
 * growth while the ring is wrapped. */
static void test_ring_growth_and_wrap(void)
{
    enum { N = 20000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 99);
    int64_t *t = malloc(N * sizeof *t), *n = malloc(N * sizeof *n);
    quota_window w;
    win_init(&w, 1000);
    int64_t now = 0;
    size_t lo = 0;
    int64_t live = 0;
    int bad = 0;
    uint32_t max_len = 0;
    for (int i = 0; i < N; i++) {
        /* Bursts (gaps of 1 ms, many entries live) then pauses (most expire). */
        now += (i / 500) % 2 ? 1 + (int64_t)gsl_rng_uniform_int(r, 3) : 1 + (int64_t)gsl_rng_uniform_int(r, 300);
        t[i] = now;
        n[i] = 1 + (int64_t)gsl_rng_uniform_int(r, 50);
        win_add(&w, now, n[i]);
        live += n[i];
        while (t[lo] <= now - 1000)
            live -= n[lo++];
        bad += win_sum(&w, now) != live;
        if (w.sends.len > max_len)
            max_len = w.sends.len;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(max_len > 64);       /* grew past the first ring */
    CU_ASSERT(w.sends.cap >= max_len);
    CU_ASSERT(w.sends.cap <= 1024); /* but only to what is live at once */
    free(t);
    free(n);
    win_destroy(&w);
    gsl_rng_free(r);
}

static void test_reset(void)
{
    quota_window w;
    win_init(&w, DAY);
    for (int i = 0; i < 100; i++)
        win_add(&w, i, 2);
    CU_ASSERT_EQUAL(win_sum(&w, 99), 200);
    win_reset(&w);
    CU_ASSERT_EQUAL(win_sum(&w, 99), 0);
    CU_ASSERT_EQUAL(w.sends.len, 0);
    win_add(&w, 5, 9);
    CU_ASSERT_EQUAL(win_sum(&w, 5), 9);
    win_destroy(&w);
}

/* ---- hour entries (sim.tick = auto, window.h) ---- */

#define MIN SIM_MS_PER_MIN

/* Sums that need no placement are exact: the whole hour is in the window
 * until its first tick leaves, and gone once its last tick has left. */
static void test_hour_exact(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    quota_window w;
    win_init(&w, DAY);
    win_add(&w, -5, 4);
    win_add_hour(&w, 0, MIN, 60, 6000, NULL, r);
    win_add_hour(&w, 0, MIN, 60, 0, NULL, r); /* nothing: no entry */
    CU_ASSERT_EQUAL(w.h_len, 1);
    CU_ASSERT_EQUAL(win_sum(&w, 0), 6004);
    CU_ASSERT_EQUAL(win_sum(&w, DAY - 1), 6000);
    CU_ASSERT_EQUAL(win_sum(&w, DAY + 59 * MIN), 0);
    CU_ASSERT_EQUAL(w.h_len, 0);
    win_destroy(&w);
    gsl_rng_free(r);
}

/* What is left after the first k ticks left: mean and variance of the
 * binomial the placement must give (equal means: (60 - k) / 60 of the
 * total; unequal means i + 1: their share), over many fixed-seed trials;
 * two leaving steps compose to the same law as one. Tolerances: 5 standard
 * errors of the mean, 10 % on the variance (2,000 trials: its relative
 * standard error is 3.2 %). */
static void hour_left_law(const double *means, uint32_t k1, uint32_t k, double share)
{
    enum { TRIALS = 2000, TOTAL = 6000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 7);
    double s = 0, ss = 0;
    for (int t = 0; t < TRIALS; t++) {
        quota_window w;
        win_init(&w, DAY);
        win_add_hour(&w, 0, MIN, 60, TOTAL, means, r);
        if (k1)
            win_sum(&w, DAY + (int64_t)(k1 - 1) * MIN);
        double x = (double)win_sum(&w, DAY + (int64_t)(k - 1) * MIN);
        s += x;
        ss += x * x;
        win_destroy(&w);
    }
    double mean = s / TRIALS, var = ss / TRIALS - mean * mean;
    double want = TOTAL * share, want_var = TOTAL * share * (1 - share);
    CU_ASSERT(fabs(mean - want) < 5 * sqrt(want_var / TRIALS));
    CU_ASSERT(fabs(var / want_var - 1) < 0.10);
    gsl_rng_free(r);
}

static void test_hour_placement_law(void)
{
    double means[60], all = 0, first10 = 0;
    for (int i = 0; i < 60; i++) {
        means[i] = i + 1;
        all += means[i];
        if (i < 10)
            first10 += means[i];
    }
    hour_left_law(NULL, 0, 20, 40.0 / 60);
    hour_left_law(NULL, 5, 20, 40.0 / 60);
    hour_left_law(means, 0, 10, 1 - first10 / all);
    hour_left_law(means, 3, 10, 1 - first10 / all);
}

/* win_peak places every tick and merges the hour entries with the sends (and
 * with each other) by time: the sum stays, the peak is a tick's total. */
static void test_hour_peak(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 3);
    quota_window w;
    win_init(&w, DAY);
    win_add(&w, -MIN, 2);
    win_add_hour(&w, 0, MIN, 60, 600, NULL, r);
    win_add_hour(&w, 0, MIN, 60, 1, NULL, r); /* a second stream, the same hour */
    win_add_hour(&w, SIM_MS_PER_H, MIN, 60, 60000, NULL, r);
    int64_t sum = win_sum(&w, SIM_MS_PER_H);
    int64_t peak = win_peak(&w, 2 * SIM_MS_PER_H);
    CU_ASSERT_EQUAL(w.h_len, 0);
    CU_ASSERT_EQUAL(win_sum(&w, SIM_MS_PER_H), sum);
    CU_ASSERT(w.sends.len <= 121);
    int64_t most = 0, total = 0;
    for (uint32_t i = 0; i < w.sends.len; i++) {
        tn_entry *e = &w.sends.ring[(w.sends.head + i) & (w.sends.cap - 1)];
        most = e->n > most && e->t >= SIM_MS_PER_H ? e->n : most;
        total += e->n;
        CU_ASSERT(i == 0 || e->t > w.sends.ring[(w.sends.head + i - 1) & (w.sends.cap - 1)].t);
    }
    CU_ASSERT_EQUAL(total, 60603);
    CU_ASSERT_EQUAL(peak, most);
    CU_ASSERT(peak >= 1000 && peak < 1300); /* about 1,000 a minute */
    win_destroy(&w);
    gsl_rng_free(r);
}

TEST_SUITE(window,
           {"expiry at exactly now - 24h", test_expiry_boundary},
           {"same-time adds merge", test_merge_same_time},
           {"sum after partial expiry", test_partial_expiry},
           {"ring growth and wrap-around", test_ring_growth_and_wrap},
           {"reset", test_reset},
           {"hour entry: exact sums", test_hour_exact},
           {"hour entry: placement law", test_hour_placement_law},
           {"hour entry: peak places and merges", test_hour_peak})
