/* test_traffic_kinds.c: the synthetic traffic kinds (constant, diurnal,
 * campaign): day totals, weekend factor, growth, Poisson noise, hour profile. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/config.h"
#include "suite.h"
#include "models/traffic.h"

#define MIN SIM_MS_PER_MIN
#define HOUR SIM_MS_PER_H
#define DAY SIM_MS_PER_DAY
#define MON_2026_01_05 1767571200000LL /* a Monday, 00:00 UTC */

static scn_sim make_sim(int64_t start)
{
    return (scn_sim){.start = start, .duration = 30 * DAY, .tick = MIN, .interval = HOUR,
                     .seed = 1, .reps = 1};
}

static scn_traffic make_cfg(const char *kind, double daily)
{
    scn_traffic t;
    memset(&t, 0, sizeof t);
    t.name = "t";
    t.kind = traffic_type_find(kind);
    t.daily = daily;
    t.growth = 0;
    t.noise = NOISE_NONE;
    t.weekend = 1;
    for (int h = 0; h < 24; h++)
        t.hours[h] = 1;
    t.at = SCN_NONE_TIME;
    return t;
}

/* A source of one kind, asked every `tick` ms; per-day and per-hour totals. */
typedef struct source {
    const traffic_type *type;
    void *state;
    gsl_rng *r;
} source;

static source open_source(const char *kind, const scn_traffic *cfg, const scn_sim *sim)
{
    source s = {.type = traffic_type_find(kind)};
    CU_ASSERT_PTR_NOT_NULL_FATAL(s.type);
    CU_ASSERT_STRING_EQUAL(s.type->name, kind);
    s.state = calloc(1, s.type->state_size);
    s.r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(s.r, 20260105);
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(s.type->init(s.state, cfg, sim, &err), 0);
    return s;
}

static void close_source(source *s)
{
    if (s->type->destroy)
        s->type->destroy(s->state);
    free(s->state);
    gsl_rng_free(s->r);
}

/* Run `days` days at `tick`; fill day totals and hour-of-run totals (if asked). */
static void run_days(source *s, int days, int64_t tick, int64_t *day_total, int64_t *hour_total)
{
    sim_err err = {0};
    int bad = 0;
    for (int64_t now = 0; now < days * DAY; now += tick) {
        int64_t n = -1;
        bad += s->type->demand(s->state, now, tick, s->r, &n, &err) != 0 || n < 0;
        day_total[now / DAY] += n;
        if (hour_total)
            hour_total[now / HOUR] += n;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_find(void)
{
    CU_ASSERT_PTR_NOT_NULL(traffic_type_find("constant"));
    CU_ASSERT_PTR_NOT_NULL(traffic_type_find("diurnal"));
    CU_ASSERT_PTR_NOT_NULL(traffic_type_find("campaign"));
    CU_ASSERT_PTR_NULL(traffic_type_find("Diurnal"));
    CU_ASSERT_PTR_NULL(traffic_type_find(""));
    CU_ASSERT_PTR_NULL(traffic_type_find("nosuchkind"));
}

static void test_weekday(void)
{
    CU_ASSERT_EQUAL(traffic_weekday(0, 0), 4); /* 1970-01-01: Thursday */
    CU_ASSERT_EQUAL(traffic_weekday(MON_2026_01_05, 0), 1);
    CU_ASSERT_EQUAL(traffic_weekday(MON_2026_01_05, 5 * DAY), 6);      /* Saturday */
    CU_ASSERT_EQUAL(traffic_weekday(MON_2026_01_05, 6 * DAY + 1), 0);  /* Sunday */
    CU_ASSERT_EQUAL(traffic_weekday(MON_2026_01_05, 7 * DAY - 1), 0);
    CU_ASSERT_EQUAL(traffic_weekday(MON_2026_01_05, 7 * DAY), 1);
    CU_ASSERT_EQUAL(traffic_weekday(0, -1), 3); /* 1969-12-31: Wednesday */
}

/* Without noise, every whole day sends exactly `daily`, for both kinds and
 * whatever the tick (1 min, 1 s, 15 min). */
static void test_day_totals_exact(void)
{
    const char *kinds[] = {"constant", "diurnal"};
    const int64_t ticks[] = {MIN, 15 * MIN, SIM_MS_PER_S};
    scn_sim sim = make_sim(MON_2026_01_05);
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < 3; j++) {
            scn_traffic cfg = make_cfg(kinds[k], 150000);
            if (k == 1) /* the diurnal default profile shape */
                for (int h = 0; h < 24; h++)
                    cfg.hours[h] = 1 + (h >= 8 && h < 18) * 2.5 + 0.1 * h;
            int days = ticks[j] == SIM_MS_PER_S ? 2 : 7;
            source s = open_source(kinds[k], &cfg, &sim);
            int64_t day_total[7] = {0};
            run_days(&s, days, ticks[j], day_total, NULL);
            for (int d = 0; d < days; d++)
                CU_ASSERT_EQUAL(day_total[d], 150000);
            close_source(&s);
        }
}

/* weekend = 0.5 from a Monday: Saturday and Sunday (days 5 and 6) give half. */
static void test_weekend(void)
{
    const char *kinds[] = {"constant", "diurnal"};
    scn_sim sim = make_sim(MON_2026_01_05);
    for (int k = 0; k < 2; k++) {
        scn_traffic cfg = make_cfg(kinds[k], 150000);
        cfg.weekend = 0.5;
        source s = open_source(kinds[k], &cfg, &sim);
        int64_t day_total[14] = {0};
        run_days(&s, 14, MIN, day_total, NULL);
        int64_t want[7] = {150000, 150000, 150000, 150000, 150000, 75000, 75000};
        for (int d = 0; d < 14; d++)
            CU_ASSERT_EQUAL(day_total[d], want[d % 7]);
        close_source(&s);
    }
    /* Starting on a Saturday (2026-01-03): the first two days are the weekend.
     * weekend = 0 sends nothing then. */
    scn_sim sat = make_sim(MON_2026_01_05 - 2 * DAY);
    scn_traffic cfg = make_cfg("constant", 1000);
    cfg.weekend = 0;
    source s = open_source("constant", &cfg, &sat);
    int64_t day_total[3] = {0};
    run_days(&s, 3, MIN, day_total, NULL);
    CU_ASSERT_EQUAL(day_total[0], 0);
    CU_ASSERT_EQUAL(day_total[1], 0);
    CU_ASSERT_EQUAL(day_total[2], 1000);
    close_source(&s);
}

/* growth = 10% a day, compounded continuously within the day: day 0 sends
 * daily * 0.1 / ln 1.1 and each day 1.1 times the one before. Tolerances: the
 * rounding of a day's total (1 message each side) over the total. */
static void test_growth(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("constant", 10000);
    cfg.growth = 0.10;
    source s = open_source("constant", &cfg, &sim);
    int64_t day_total[4] = {0};
    run_days(&s, 4, MIN, day_total, NULL);
    CU_ASSERT_DOUBLE_EQUAL((double)day_total[0], 10000 * 0.1 / log(1.1), 1.0);
    for (int d = 1; d < 4; d++)
        CU_ASSERT_DOUBLE_EQUAL((double)day_total[d] / (double)day_total[d - 1], 1.1,
                               2.0 / (double)day_total[d - 1]);
    close_source(&s);
    /* A shrinking stream (-5% a day) shrinks the same way. */
    cfg.growth = -0.05;
    s = open_source("diurnal", &cfg, &sim);
    int64_t shrink[3] = {0};
    run_days(&s, 3, MIN, shrink, NULL);
    CU_ASSERT_DOUBLE_EQUAL((double)shrink[2] / (double)shrink[1], 0.95, 2.0 / (double)shrink[1]);
    close_source(&s);
}

/* noise = poisson, 30 days of 10,000 a day at 1-minute ticks: the total is a
 * sum of independent Poisson draws, so Poisson(300,000): sd = sqrt(300,000)
 * = 548. Tolerance 4 sd = 2,191 (fails by chance with probability 6e-5; the
 * seed is fixed, so the result is the same every run). Per-day totals
 * (sd = 100) stay within 4 sd too. */
static void test_poisson_noise(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("constant", 10000);
    cfg.noise = NOISE_POISSON;
    source s = open_source("constant", &cfg, &sim);
    int64_t day_total[30] = {0};
    run_days(&s, 30, MIN, day_total, NULL);
    int64_t total = 0, exact_days = 0;
    for (int d = 0; d < 30; d++) {
        total += day_total[d];
        CU_ASSERT(labs((long)(day_total[d] - 10000)) <= 400);
        exact_days += day_total[d] == 10000;
    }
    CU_ASSERT(labs((long)(total - 300000)) <= 4 * 548);
    CU_ASSERT(exact_days < 5); /* it is noisy: not every day is exactly 10,000 */
    close_source(&s);
    /* Same seed, same draws. */
    source t = open_source("constant", &cfg, &sim);
    int64_t again[30] = {0};
    run_days(&t, 30, MIN, again, NULL);
    CU_ASSERT_EQUAL(memcmp(day_total, again, sizeof again), 0);
    close_source(&t);
}

/* The share of a day sent in hour h is weights[h] / sum, exact within the
 * rounding of one message (cumulative rounding never lags by a whole message). */
static void test_hour_profile(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("diurnal", 100000);
    double sum = 0;
    for (int h = 0; h < 24; h++) {
        cfg.hours[h] = h < 6 ? 0 : (double)(h + 1); /* nothing at night, rising */
        sum += cfg.hours[h];
    }
    source s = open_source("diurnal", &cfg, &sim);
    int64_t day_total[2] = {0}, hour_total[48] = {0};
    run_days(&s, 2, MIN, day_total, hour_total);
    int bad = 0;
    for (int h = 0; h < 48; h++) {
        double want = 100000 * cfg.hours[h % 24] / sum;
        bad += fabs((double)hour_total[h] - want) > 1.0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(hour_total[0] + hour_total[5] + hour_total[24 + 3], 0);
    CU_ASSERT_EQUAL(day_total[0], 100000);
    CU_ASSERT_EQUAL(day_total[1], 100000);
    close_source(&s);
    /* The hours are UTC hours of the calendar: a start at 09:00 sends the hour-9
     * weight in the first hour of the run. */
    scn_sim nine = make_sim(MON_2026_01_05 + 9 * HOUR);
    s = open_source("diurnal", &cfg, &nine);
    int64_t d2[2] = {0}, h2[48] = {0};
    run_days(&s, 1, MIN, d2, h2);
    CU_ASSERT(fabs((double)h2[0] - 100000 * 10 / sum) <= 1.0);
    CU_ASSERT(fabs((double)h2[15] - 0) <= 1.0); /* 00:00 UTC */
    CU_ASSERT_EQUAL(d2[0], 100000);
    close_source(&s);
    /* The constant kind ignores the hour weights. */
    s = open_source("constant", &cfg, &sim);
    int64_t d3[1] = {0}, h3[24] = {0};
    run_days(&s, 1, MIN, d3, h3);
    bad = 0;
    for (int h = 0; h < 24; h++)
        bad += fabs((double)h3[h] - 100000.0 / 24) > 1.0;
    CU_ASSERT_EQUAL(bad, 0);
    close_source(&s);
}

/* traffic_profile_mean integrates over any span: a day is `daily`, an hour its
 * share, independent of how the span is cut. */
static void test_profile_mean(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("diurnal", 24000);
    for (int h = 0; h < 24; h++)
        cfg.hours[h] = h == 12 ? 23 : 1; /* sum 46 */
    traffic_profile p;
    sim_err err = {0};
    CU_ASSERT_EQUAL(traffic_profile_init(&p, &cfg, &sim, cfg.hours, &err), 0);
    CU_ASSERT_DOUBLE_EQUAL(traffic_profile_mean(&p, 0, DAY), 24000, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(traffic_profile_mean(&p, 12 * HOUR, 13 * HOUR), 12000, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(traffic_profile_mean(&p, 12 * HOUR + 30 * MIN, 12 * HOUR + 45 * MIN), 3000, 1e-6);
    /* a span across an hour boundary */
    CU_ASSERT_DOUBLE_EQUAL(traffic_profile_mean(&p, 11 * HOUR + 30 * MIN, 12 * HOUR + 30 * MIN),
                           24000.0 / 46 * 0.5 + 12000 * 0.5, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(traffic_profile_mean(&p, 5, 5), 0, 0);
}

/* traffic_profile_means (sim.tick = auto's hour batches): within one calendar
 * hour and without growth it says the means are equal, and its means and sum
 * are bit for bit those of the ticks' traffic_profile_mean added in order (the
 * batch's Poisson draw takes that sum); across a calendar hour or with growth
 * it says nothing and gives the same values. */
static int means_match(traffic_profile *p, int64_t now, int64_t fine, size_t n, int *uniform)
{
    double means[60], sum = traffic_profile_means(p, now, fine, n, means, uniform), want = 0;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        int64_t a = now + (int64_t)i * fine;
        double m = traffic_profile_mean(p, a, a + fine);
        ok &= memcmp(&m, &means[i], sizeof m) == 0;
        want += m;
    }
    return ok && memcmp(&sum, &want, sizeof sum) == 0;
}

static void test_profile_means(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("diurnal", 150001);
    cfg.weekend = 0.6;
    for (int h = 0; h < 24; h++)
        cfg.hours[h] = 1 + h % 7 * 0.37;
    traffic_profile p;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(traffic_profile_init(&p, &cfg, &sim, cfg.hours, &err), 0);
    int bad = 0, uniform = 0, odd = 0;
    for (int64_t h = 0; h < 14 * 24; h++) {
        bad += !means_match(&p, h * HOUR, MIN, 60, &uniform) || !uniform;
        bad += !means_match(&p, h * HOUR, 2 * MIN + 7, 7, &uniform) || !uniform;
        odd += !means_match(&p, h * HOUR + 30 * MIN, MIN, 60, &uniform) || uniform;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(odd, 0);
    cfg.growth = 0.01;
    bad = 0;
    for (int64_t h = 0; h < 48; h++)
        bad += !means_match(&p, h * HOUR, MIN, 60, &uniform) || uniform;
    CU_ASSERT_EQUAL(bad, 0);
}

/* campaign: `size` every `every` from `at`, spread over `spread`: each day's
 * total is the size, arriving inside the spread hour only. */
static void test_campaign(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("campaign", 0);
    cfg.size = 50000;
    cfg.every = DAY;
    cfg.at = 9 * HOUR;
    cfg.spread = HOUR;
    source s = open_source("campaign", &cfg, &sim);
    int64_t day_total[3] = {0}, hour_total[72] = {0};
    run_days(&s, 3, MIN, day_total, hour_total);
    for (int d = 0; d < 3; d++) {
        CU_ASSERT_EQUAL(day_total[d], 50000);
        CU_ASSERT_EQUAL(hour_total[24 * d + 9], 50000);
    }
    close_source(&s);
    /* spread = 0: the whole campaign in the tick of its start */
    cfg.spread = 0;
    cfg.at = 9 * HOUR + 30 * MIN;
    s = open_source("campaign", &cfg, &sim);
    int64_t n = -1;
    sim_err err = {0};
    s.type->demand(s.state, 9 * HOUR + 29 * MIN, MIN, s.r, &n, &err);
    CU_ASSERT_EQUAL(n, 0);
    s.type->demand(s.state, 9 * HOUR + 30 * MIN, MIN, s.r, &n, &err);
    CU_ASSERT_EQUAL(n, 50000);
    close_source(&s);
}

/* noise = none rounds the running sum of the ticks' means half away from zero
 * (docs/model.md, traffic kinds): 720 a day at 1-minute ticks is 0.5 a tick,
 * so the running sums 0.5, 1, 1.5, 2, 2.5 give 1, 1, 2, 2, 3 and the ticks
 * 1, 0, 1, 0, 1. Rounding halves to even would give 0, 1, 1, 0, 0. */
static void test_no_noise_rounds_half_away(void)
{
    scn_sim sim = make_sim(MON_2026_01_05);
    scn_traffic cfg = make_cfg("constant", 720);
    source s = open_source("constant", &cfg, &sim);
    static const int64_t want[] = {1, 0, 1, 0, 1, 0};
    sim_err err = {0};
    for (int i = 0; i < 6; i++) {
        int64_t n = -1;
        CU_ASSERT_EQUAL(s.type->demand(s.state, i * MIN, MIN, s.r, &n, &err), 0);
        CU_ASSERT_EQUAL(n, want[i]);
    }
    close_source(&s);
}

TEST_SUITE(traffic_kinds,
           {"traffic_type_find", test_find},
           {"weekday of a time of the run", test_weekday},
           {"no noise: each day totals daily exactly", test_day_totals_exact},
           {"weekend factor on Saturday and Sunday", test_weekend},
           {"growth compounds daily", test_growth},
           {"poisson noise within 4 sd", test_poisson_noise},
           {"diurnal hour profile", test_hour_profile},
           {"profile mean over spans", test_profile_mean},
           {"hour batch means: equal ones flagged, same bits", test_profile_means},
           {"campaign sizes", test_campaign},
           {"no noise: halves round away from zero", test_no_noise_rounds_half_away})
