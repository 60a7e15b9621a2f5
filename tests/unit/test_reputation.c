/* test_reputation.c: hourly send buckets, the feedback arrival calendar and the
 * representative-volume window (DESIGN.md Model 5), driven by hand-built
 * sequences of rep_record_sends / rep_schedule / rep_end_hour.
 *
 * Convention of the API: sends of hour h are recorded during hour h;
 * rep_end_hour(r, h + 1) closes hour h and applies the feedback that arrived
 * in it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "models/reputation.h"
#include "suite.h"

/* policy.feedback_horizon and rep_min_window at their defaults, in hours */
#define HORIZON (14 * 24)
#define MIN_WINDOW 24

/* First send hour held in the window, or -1. */
static int64_t first_hour(const reputation *r) { return rep_window_first(r); }

/* The bucket of send hour h if held, else NULL. */
static const rep_bucket *bucket_of(const reputation *r, int64_t h)
{
    for (uint32_t i = 0; i < r->len; i++) {
        const rep_bucket *b = &r->ring[(r->head + i) % r->cap];
        if (b->hour == h)
            return b;
    }
    return NULL;
}

/* Close hour h (call rep_end_hour(h + 1)); returns what arrived. */
static void end_of(reputation *r, int64_t h, int64_t *bounces, int64_t *complaints)
{
    int64_t b, c;
    rep_end_hour(r, h + 1, &b, &c);
    if (bounces)
        *bounces = b;
    if (complaints)
        *complaints = c;
}

/* Nothing sent: zero rates, content 1, not representative. */
static void test_initial(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    CU_ASSERT_EQUAL(r.bounce_rate, 0);
    CU_ASSERT_EQUAL(r.complaint_rate, 0);
    CU_ASSERT_EQUAL(r.content_score, 1);
    CU_ASSERT_EQUAL(r.representative, 0);
    CU_ASSERT_EQUAL(r.rep_volume, 1000);
    for (int64_t h = 0; h < 50; h++)
        end_of(&r, h, NULL, NULL);
    CU_ASSERT_EQUAL(r.bounce_rate, 0);
    CU_ASSERT_EQUAL(r.complaint_rate, 0);
    CU_ASSERT_EQUAL(r.content_score, 1);
    CU_ASSERT_EQUAL(r.representative, 0);
    CU_ASSERT_EQUAL(r.sum.eligible, 0);
    CU_ASSERT_EQUAL(r.current_hour, 50);
    rep_destroy(&r);
}

/* 100 eligible sends an hour, rep_volume 1000: the volume is reached after 10
 * hours, but the window keeps at least min_window hours (24 by default), so it
 * settles at that many buckets; a window of at least 1 hour settles at the 10
 * hours that hold the volume, one of 48 hours at 48. */
static void window_min(int64_t min_window)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, min_window);
    int64_t settle = min_window > 10 ? min_window : 10;
    int bad_len = 0, bad_first = 0, bad_sum = 0, bad_flag = 0;
    for (int64_t h = 0; h < 120; h++) {
        rep_record_sends(&r, h, 100, 50, 90);
        end_of(&r, h, NULL, NULL);
        int64_t len = h + 1 < settle ? h + 1 : settle;
        bad_len += rep_window_hours(&r) != len;
        bad_first += first_hour(&r) != h + 1 - len;
        bad_sum += r.sum.eligible != 100 * len || r.sum.fbl != 50 * len;
        bad_flag += r.representative != (h >= 9); /* 10 hours x 100 = 1000 */
    }
    CU_ASSERT_EQUAL(bad_len, 0);
    CU_ASSERT_EQUAL(bad_first, 0);
    CU_ASSERT_EQUAL(bad_sum, 0);
    CU_ASSERT_EQUAL(bad_flag, 0);
    ASSERT_NEAR(r.content_score, 0.9, 1e-12);
    CU_ASSERT_EQUAL(rep_window_hours(&r), settle);
    rep_destroy(&r);
}

static void test_window_min_24h(void) { window_min(MIN_WINDOW); }

/* policy.rep_min_window changes the shortest window. */
static void test_window_min_other(void)
{
    window_min(1);
    window_min(48);
}

/* rep_volume 5000 at 100 an hour: the window holds the last 50 hours (5000). */
static void test_window_volume(void)
{
    reputation r;
    rep_init(&r, 5000, HORIZON, MIN_WINDOW);
    int bad = 0;
    for (int64_t h = 0; h < 120; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        end_of(&r, h, NULL, NULL);
        int64_t len = h + 1 < 50 ? h + 1 : 50;
        bad += rep_window_hours(&r) != len || first_hour(&r) != h + 1 - len || r.sum.eligible != 100 * len;
        bad += r.representative != (h >= 49);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(first_hour(&r), 70);
    rep_destroy(&r);
}

/* Exact rates over the window: bounces / eligible, complaints / fbl, content
 * eligible-weighted; they leave with their send hour. */
static void test_rates_exact(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    rep_record_sends(&r, 0, 100, 50, 100 * 0.5);
    rep_schedule(&r, 0, 0, 10, 0); /* 10 bounces arrive in hour 0 */
    rep_schedule(&r, 0, 2, 0, 1);  /* 1 complaint arrives in hour 2 */
    int64_t b, c;
    end_of(&r, 0, &b, &c);
    CU_ASSERT_EQUAL(b, 10);
    CU_ASSERT_EQUAL(c, 0);
    ASSERT_NEAR(r.bounce_rate, 0.10, 1e-15);
    ASSERT_NEAR(r.complaint_rate, 0.0, 0);
    ASSERT_NEAR(r.content_score, 0.5, 1e-15);
    CU_ASSERT_EQUAL(r.representative, 0);

    rep_record_sends(&r, 1, 300, 100, 300 * 1.0);
    end_of(&r, 1, &b, &c);
    ASSERT_NEAR(r.bounce_rate, 10.0 / 400, 1e-15);
    ASSERT_NEAR(r.complaint_rate, 0.0, 0);
    ASSERT_NEAR(r.content_score, (50.0 + 300.0) / 400, 1e-15);

    rep_record_sends(&r, 2, 100, 50, 100);
    end_of(&r, 2, &b, &c); /* the complaint arrives */
    CU_ASSERT_EQUAL(c, 1);
    ASSERT_NEAR(r.complaint_rate, 1.0 / 200, 1e-15);
    CU_ASSERT_EQUAL(bucket_of(&r, 0)->complaints, 1); /* attributed to hour 0 */

    for (int64_t h = 3; h < 24; h++) {
        rep_record_sends(&r, h, 100, 50, 100);
        end_of(&r, h, NULL, NULL);
    }
    /* hours 0..23: 2600 eligible, 1250 fbl */
    CU_ASSERT_EQUAL(first_hour(&r), 0);
    ASSERT_NEAR(r.bounce_rate, 10.0 / 2600, 1e-15);
    ASSERT_NEAR(r.complaint_rate, 1.0 / 1250, 1e-15);
    ASSERT_NEAR(r.content_score, (50.0 + 2500.0) / 2600, 1e-12);
    CU_ASSERT_EQUAL(r.representative, 1);

    rep_record_sends(&r, 24, 100, 50, 100);
    end_of(&r, 24, NULL, NULL); /* hour 0 leaves: hours 1..24, 2600 - 100 + 100 */
    CU_ASSERT_EQUAL(first_hour(&r), 1);
    ASSERT_NEAR(r.bounce_rate, 0.0, 0);
    ASSERT_NEAR(r.complaint_rate, 0.0, 0);
    ASSERT_NEAR(r.content_score, 1.0, 1e-12);
    CU_ASSERT_EQUAL(r.sum.bounces, 0);
    CU_ASSERT_EQUAL(r.sum.complaints, 0);
    rep_destroy(&r);
}

/* Feedback counts only from the hour it arrives in, attributed to the send
 * hour (so it leaves the window with that hour, not 24 h after arriving). */
static void test_feedback_on_arrival(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    int64_t b, c;
    for (int64_t h = 0; h < 40; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        if (h == 5)
            rep_schedule(&r, 5, 8, 20, 3); /* sent in hour 5, arrive in hour 8 */
        end_of(&r, h, &b, &c);
        if (h < 8) {
            CU_ASSERT_EQUAL(r.sum.bounces, 0);
            CU_ASSERT_EQUAL(r.bounce_rate, 0);
            CU_ASSERT_EQUAL(b, 0);
        } else if (h == 8) {
            CU_ASSERT_EQUAL(b, 20);
            CU_ASSERT_EQUAL(c, 3);
            ASSERT_NEAR(r.bounce_rate, 20.0 / 900, 1e-15); /* hours 0..8 */
            ASSERT_NEAR(r.complaint_rate, 3.0 / 900, 1e-15);
            CU_ASSERT_EQUAL(bucket_of(&r, 5)->bounces, 20);
            CU_ASSERT_EQUAL(bucket_of(&r, 8)->bounces, 0);
        } else if (h <= 28) { /* window first hour = h - 23 <= 5 */
            CU_ASSERT_EQUAL(r.sum.bounces, 20);
            CU_ASSERT_EQUAL(b, 0);
        } else { /* h = 29: window 6..29, hour 5 is gone */
            CU_ASSERT_EQUAL(r.sum.bounces, 0);
            CU_ASSERT_EQUAL(r.sum.complaints, 0);
        }
    }
    rep_destroy(&r);
}

/* Feedback arriving after its send hour left the window is reported (for the
 * output counts) but not counted in the rates. */
static void test_late_feedback(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    int64_t b, c, got_b = 0;
    rep_schedule(&r, 0, 30, 7, 2);
    for (int64_t h = 0; h < 40; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        end_of(&r, h, &b, &c);
        got_b += b;
        if (h == 30) {
            CU_ASSERT_EQUAL(b, 7);
            CU_ASSERT_EQUAL(c, 2);
        }
        CU_ASSERT_EQUAL(r.sum.bounces, 0);
        CU_ASSERT_EQUAL(r.sum.complaints, 0);
    }
    CU_ASSERT_EQUAL(got_b, 7);
    rep_destroy(&r);
}

/* Feedback later than the horizon is counted at send hour + the horizon
 * (policy.feedback_horizon: 14 days by default; 2 days and 0 here). */
static void delay_cap(int64_t horizon)
{
    reputation r;
    rep_init(&r, 1e9, horizon, MIN_WINDOW);
    CU_ASSERT_EQUAL(r.n_slots, horizon + 2);
    rep_record_sends(&r, 2, 100, 100, 100);
    rep_schedule(&r, 2, 5000, 4, 0);
    rep_schedule(&r, 2, 2 + horizon, 1, 0); /* exactly at the horizon: kept */
    int64_t b, total = 0, at = -1;
    for (int64_t h = 2; h < 2 + horizon + 30; h++) {
        end_of(&r, h, &b, NULL);
        if (b) {
            total += b;
            at = h;
        }
    }
    CU_ASSERT_EQUAL(total, 5);
    CU_ASSERT_EQUAL(at, 2 + horizon);
    CU_ASSERT_EQUAL(r.sum.bounces, 5);
    rep_destroy(&r);
}

static void test_delay_cap(void)
{
    delay_cap(HORIZON);
    delay_cap(48);
    delay_cap(0);
}

/* Several schedules for the same (send hour, arrival hour) add up. */
static void test_schedule_merges(void)
{
    reputation r;
    rep_init(&r, 10, HORIZON, MIN_WINDOW);
    rep_record_sends(&r, 0, 100, 100, 100);
    rep_record_sends(&r, 1, 100, 100, 100);
    rep_schedule(&r, 0, 1, 1, 0);
    rep_schedule(&r, 0, 1, 2, 1);
    rep_schedule(&r, 1, 1, 4, 0);
    rep_schedule(&r, 1, 1, 0, 0); /* nothing: ignored */
    int64_t b, c;
    end_of(&r, 0, &b, &c);
    CU_ASSERT_EQUAL(b, 0);
    end_of(&r, 1, &b, &c);
    CU_ASSERT_EQUAL(b, 7);
    CU_ASSERT_EQUAL(c, 1);
    CU_ASSERT_EQUAL(bucket_of(&r, 0)->bounces, 3);
    CU_ASSERT_EQUAL(bucket_of(&r, 1)->bounces, 4);
    ASSERT_NEAR(r.bounce_rate, 7.0 / 200, 1e-15);
    rep_destroy(&r);
}

/* A burst followed by a trickle: the window keeps the burst as long as the
 * trickle alone is below rep_volume, and drops it the hour it is not. */
static void test_burst_then_trickle(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    rep_record_sends(&r, 0, 5000, 5000, 5000);
    rep_schedule(&r, 0, 0, 500, 0); /* 10% */
    end_of(&r, 0, NULL, NULL);
    ASSERT_NEAR(r.bounce_rate, 0.1, 1e-15);
    for (int64_t h = 1; h <= 100; h++) {
        rep_record_sends(&r, h, 10, 10, 10);
        end_of(&r, h, NULL, NULL);
        if (h < 100) {
            CU_ASSERT_EQUAL(first_hour(&r), 0);
            ASSERT_NEAR(r.bounce_rate, 500.0 / (5000 + 10 * (double)h), 1e-15);
        }
    }
    /* hours 1..100 hold exactly 1000: hour 0 leaves */
    CU_ASSERT_EQUAL(first_hour(&r), 1);
    CU_ASSERT_EQUAL(r.sum.eligible, 1000);
    CU_ASSERT_EQUAL(r.bounce_rate, 0);
    CU_ASSERT_EQUAL(r.representative, 1);
    rep_destroy(&r);
}

/* Quiet hours: the window is not shortened by time alone; with no sends at all
 * after a representative period, the old rates stay (volume, not time). */
static void test_quiet_hours_keep_window(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    for (int64_t h = 0; h < 30; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        rep_schedule(&r, h, h, 3, 0);
        end_of(&r, h, NULL, NULL);
    }
    int64_t first = first_hour(&r);
    CU_ASSERT_EQUAL(first, 6);
    ASSERT_NEAR(r.bounce_rate, 0.03, 1e-15);
    for (int64_t h = 30; h < 30 + 24 * 30; h++) /* a month without sends */
        end_of(&r, h, NULL, NULL);
    /* the 2400 sends of hours 6..29 are still the most recent 1000+ */
    CU_ASSERT_EQUAL(r.sum.eligible, 1000);
    ASSERT_NEAR(r.bounce_rate, 0.03, 1e-15);
    CU_ASSERT_EQUAL(r.representative, 1);
    CU_ASSERT(first_hour(&r) >= first);
    rep_destroy(&r);
}

/* Random volumes (with empty hours and bursts) and random feedback delays: the
 * window sums equal a brute-force recomputation of "the most recent hours that
 * hold >= rep_volume eligible sends and span >= min_window hours, counting
 * feedback that has arrived", and the window start never moves back. */
static void window_brute_force(int64_t min_window)
{
    enum { HOURS = 600, MAXD = 48 };
    const double V = 3000;
    reputation r;
    rep_init(&r, V, HORIZON, min_window);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 99);
    static int64_t elig[HOURS], fbl[HOURS];
    static int64_t fb[HOURS][HOURS + MAXD + 1]; /* bounces of send hour s arriving at a: sparse */
    memset(fb, 0, sizeof fb);
    int64_t prev_first = -1;
    int bad_sum = 0, bad_bounce = 0, bad_fbl = 0, back = 0, bad_flag = 0;
    for (int64_t h = 0; h < HOURS; h++) {
        double u = gsl_rng_uniform(g);
        elig[h] = u < 0.3 ? 0 : u < 0.95 ? (int64_t)gsl_rng_uniform_int(g, 200) : 2000;
        fbl[h] = elig[h] / 2;
        if (elig[h]) {
            rep_record_sends(&r, h, elig[h], fbl[h], (double)elig[h]);
            int64_t bnc = (int64_t)gsl_rng_uniform_int(g, (unsigned long)elig[h] / 10 + 1);
            int64_t d = (int64_t)gsl_rng_uniform_int(g, MAXD + 1);
            rep_schedule(&r, h, h + d, bnc, 0);
            fb[h][h + d] += bnc;
        }
        end_of(&r, h, NULL, NULL);
        /* brute force: latest start s with sum[s..h] >= V and h - s + 1 >= min_window */
        int64_t s = -1, acc = 0;
        for (int64_t k = h; k >= 0; k--) {
            acc += elig[k];
            if (acc >= V && h - k + 1 >= min_window) {
                s = k;
                break;
            }
        }
        if (s < 0)
            s = 0;
        int64_t e = 0, f = 0, bsum = 0;
        for (int64_t k = s; k <= h; k++) {
            e += elig[k];
            f += fbl[k];
            for (int64_t a = k; a <= h && a <= k + MAXD; a++)
                bsum += fb[k][a];
        }
        bad_sum += r.sum.eligible != e;
        bad_fbl += r.sum.fbl != f;
        bad_bounce += r.sum.bounces != bsum;
        bad_flag += r.representative != (e >= V);
        back += first_hour(&r) < prev_first;
        prev_first = first_hour(&r);
    }
    CU_ASSERT_EQUAL(bad_sum, 0);
    CU_ASSERT_EQUAL(bad_fbl, 0);
    CU_ASSERT_EQUAL(bad_bounce, 0);
    CU_ASSERT_EQUAL(bad_flag, 0);
    CU_ASSERT_EQUAL(back, 0);
    gsl_rng_free(g);
    rep_destroy(&r);
}

static void test_window_brute_force(void)
{
    window_brute_force(MIN_WINDOW);
    window_brute_force(1);  /* policy.rep_min_window = 1h */
    window_brute_force(72); /* 3d */
}

/* rep_forget_before: a fix resets the metrics; mail sent before it no longer
 * counts, even when its feedback arrives later; mail after it does. */
static void test_forget_before(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    for (int64_t h = 0; h < 30; h++) {
        rep_record_sends(&r, h, 100, 100, 50);
        rep_schedule(&r, h, h, 8, 1);
        end_of(&r, h, NULL, NULL);
    }
    rep_schedule(&r, 29, 33, 50, 5); /* pending feedback of pre-fix mail */
    ASSERT_NEAR(r.bounce_rate, 0.08, 1e-15);
    ASSERT_NEAR(r.content_score, 0.5, 1e-15);
    CU_ASSERT_EQUAL(r.representative, 1);

    rep_forget_before(&r, 30);
    CU_ASSERT_EQUAL(r.bounce_rate, 0);
    CU_ASSERT_EQUAL(r.complaint_rate, 0);
    CU_ASSERT_EQUAL(r.content_score, 1);
    CU_ASSERT_EQUAL(r.representative, 0);
    CU_ASSERT_EQUAL(r.sum.eligible, 0);
    CU_ASSERT_EQUAL(rep_window_hours(&r), 0);
    CU_ASSERT_EQUAL(rep_buckets_held(&r), 0);
    CU_ASSERT_EQUAL(r.floor_hour, 30);

    rep_record_sends(&r, 29, 1000, 1000, 0); /* before the fix: ignored */
    rep_schedule(&r, 29, 31, 99, 0);         /* ignored as well */
    CU_ASSERT_EQUAL(r.sum.eligible, 0);

    int64_t b, c, late_b = 0;
    for (int64_t h = 30; h < 60; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        if (h == 30)
            rep_schedule(&r, 30, 30, 2, 0);
        end_of(&r, h, &b, &c);
        late_b += b;
        if (h == 30) {
            CU_ASSERT_EQUAL(first_hour(&r), 30);
            ASSERT_NEAR(r.bounce_rate, 0.02, 1e-15);
            ASSERT_NEAR(r.content_score, 1.0, 1e-15);
            CU_ASSERT_EQUAL(r.representative, 0);
        }
        CU_ASSERT(first_hour(&r) >= 30);
    }
    /* the pending 50 arrived (reported) but never counted */
    CU_ASSERT_EQUAL(late_b, 2 + 50);
    CU_ASSERT_EQUAL(r.sum.bounces, 0); /* hour 30 left the window by hour 59 */
    CU_ASSERT_EQUAL(first_hour(&r), 36);
    CU_ASSERT_EQUAL(r.representative, 1);
    rep_destroy(&r);
}

/* A long run (a year of hours): the ring stays bounded by the window. */
static void test_long_run_bounded(void)
{
    reputation r;
    rep_init(&r, 10000, HORIZON, MIN_WINDOW);
    for (int64_t h = 0; h < 24 * 365; h++) {
        rep_record_sends(&r, h, 1000, 500, 900);
        rep_schedule(&r, h, h + 3, 10, 1);
        end_of(&r, h, NULL, NULL);
    }
    CU_ASSERT_EQUAL(rep_window_hours(&r), 24);
    CU_ASSERT_EQUAL(rep_buckets_held(&r), 24);
    CU_ASSERT(r.cap <= 64);
    /* the last 3 hours' bounces are still on their way */
    ASSERT_NEAR(r.bounce_rate, 210.0 / 24000, 1e-15);
    ASSERT_NEAR(r.complaint_rate, 21.0 / 12000, 1e-15);
    ASSERT_NEAR(r.content_score, 0.9, 1e-12);
    rep_destroy(&r);
}

/* A representative period, then 20 silent years (a paused account): the window
 * grows in hours (volume, not time, moves it) but holds no bucket for the
 * silent hours, so memory stays bounded; the old rates stay. A send after the
 * silence then counts as usual. */
static void test_silent_years_bounded(void)
{
    reputation r;
    rep_init(&r, 1000, HORIZON, MIN_WINDOW);
    for (int64_t h = 0; h < 48; h++) {
        rep_record_sends(&r, h, 100, 100, 100);
        rep_schedule(&r, h, h + 1, 2, 0);
        end_of(&r, h, NULL, NULL);
    }
    uint32_t held = rep_buckets_held(&r), max_held = held;
    int64_t end = 48 + 24 * 365 * 20;
    for (int64_t h = 48; h < end; h++) {
        end_of(&r, h, NULL, NULL);
        if (rep_buckets_held(&r) > max_held)
            max_held = rep_buckets_held(&r);
    }
    CU_ASSERT_EQUAL(held, 24);
    CU_ASSERT_EQUAL(max_held, 24);
    CU_ASSERT_EQUAL(rep_buckets_held(&r), 10); /* the last 1000 sends: hours 38..47 */
    CU_ASSERT(r.cap <= 64);
    CU_ASSERT_EQUAL(rep_window_first(&r), 38);
    CU_ASSERT_EQUAL(rep_window_hours(&r), end - 38);
    ASSERT_NEAR(r.bounce_rate, 0.02, 1e-15);
    CU_ASSERT_EQUAL(r.representative, 1);
    /* 1000 sends in one hour after the silence: the window is that hour and
     * the 23 silent hours before it */
    rep_record_sends(&r, end, 1000, 1000, 1000);
    end_of(&r, end, NULL, NULL);
    CU_ASSERT_EQUAL(rep_window_first(&r), end - 23);
    CU_ASSERT_EQUAL(rep_window_hours(&r), 24);
    CU_ASSERT_EQUAL(rep_buckets_held(&r), 1);
    CU_ASSERT_EQUAL(r.sum.eligible, 1000);
    CU_ASSERT_EQUAL(r.bounce_rate, 0);
    rep_destroy(&r);
}

/* The representative window against the public enforcement notices, each an
 * account's bounce rate "measured over the last N eligible emails ... spanning
 * D days": 10,192 over 224.9 days (blog.lalatendu.info), 10,476 over
 * approximately 74.9 days (steedos/workflow#1052) and 10,244 over 346.1 days
 * (arithmetric/aws-lambda-ses-forwarder#150). With rep_volume = 10k, an
 * account sending the notice's daily volume (N / D a day, one send hour a
 * day) for two years has a window of at least 10k eligible sends that spans
 * 10k / (N / D) days, within one day: each notice's span to within 5%. */
static void test_window_against_notices(void)
{
    static const struct { double n, days; } notice[] = {{10192, 224.9}, {10476, 74.9}, {10244, 346.1}};
    for (size_t k = 0; k < 3; k++) {
        reputation r;
        rep_init(&r, 10000, HORIZON, MIN_WINDOW);
        double per_day = notice[k].n / notice[k].days;
        int64_t sent = 0;
        for (int64_t day = 0; day < 730; day++) {
            int64_t due = (int64_t)floor((double)(day + 1) * per_day) - sent;
            sent += due;
            rep_record_sends(&r, day * 24 + 9, due, due, (double)due);
            for (int64_t h = day * 24; h < day * 24 + 24; h++)
                end_of(&r, h, NULL, NULL);
        }
        CU_ASSERT(r.representative);
        CU_ASSERT(r.sum.eligible >= 10000 && (double)r.sum.eligible < 10000 + per_day + 1);
        double span = (double)rep_window_hours(&r) / 24;
        ASSERT_NEAR(span, 10000 / per_day, 1.0);
        ASSERT_NEAR(span / notice[k].days, 1, 0.05);
        rep_destroy(&r);
    }
}

TEST_SUITE(reputation,
           {"initial state", test_initial},
           {"window keeps at least 24 h", test_window_min_24h},
           {"window keeps at least rep_min_window", test_window_min_other},
           {"window holds rep_volume", test_window_volume},
           {"window spans what the public notices say", test_window_against_notices},
           {"exact rates", test_rates_exact},
           {"feedback counted on arrival", test_feedback_on_arrival},
           {"late feedback not counted", test_late_feedback},
           {"delay cap at the horizon", test_delay_cap},
           {"schedules merge", test_schedule_merges},
           {"burst then trickle", test_burst_then_trickle},
           {"quiet hours keep the window", test_quiet_hours_keep_window},
           {"window equals brute force", test_window_brute_force},
           {"forget before a fix", test_forget_before},
           {"long run stays bounded", test_long_run_bounded},
           {"silent years stay bounded", test_silent_years_bounded})
