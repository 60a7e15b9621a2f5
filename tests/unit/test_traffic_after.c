/* test_traffic_after.c: traffic.after = repeat | profile (models/traffic_after.c).
 * Two weeks of GetSendStatistics points, one at the start of every hour, with
 * 10 + h messages in hour h of the week in the first week and 20 + h in the
 * second: past the data, repeat asks for 20 + h in each hour h, profile for
 * their mean 15 + h, growth compounds daily from the data's end, the replay
 * before the end is the same as with after = stop, and less than a week of
 * data is refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/units.h"
#include "models/traffic.h"
#include "suite.h"

#define DAYS 14
#define HOURS (DAYS * 24)

static char path[64];
static char *accounts[] = {"main"};

/* The hour of the week (0 = Thursday 00:00 UTC, as traffic_after.c counts) of
 * hour k of the run, which starts on Monday 2026-01-05. */
static int how(int k)
{
    return (4 * 24 + k) % 168;
}

static void write_export(int days)
{
    snprintf(path, sizeof path, "/tmp/sesim-after-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs("Timestamp,DeliveryAttempts,Bounces,Complaints\n", f);
    for (int k = 0; k < days * 24; k++)
        fprintf(f, "2026-01-%02dT%02d:00:00Z,%d,0,0\n", 5 + k / 24, k % 24,
                (k < 168 ? 10 : 20) + how(k));
    fclose(f);
}

typedef struct source {
    const traffic_type *kind;
    scn_traffic cfg;
    scn_sim sim;
    void *state;
    sim_err err;
    int rc;
} source;

static void source_open(source *s, int after, double growth, int days, int64_t duration)
{
    write_export(days);
    memset(s, 0, sizeof *s);
    s->kind = traffic_type_find("ses-stats");
    s->cfg = (scn_traffic){.name = "t", .account = {1, accounts}, .file = path,
                           .after = after, .growth = growth};
    CU_ASSERT_FATAL(units_datetime("2026-01-05T00:00:00Z", &s->sim.start, NULL) == 0);
    s->sim.duration = duration;
    s->state = calloc(1, s->kind->state_size);
    s->rc = s->kind->init(s->state, &s->cfg, &s->sim, &s->err);
}

static void source_close(source *s)
{
    s->kind->destroy(s->state);
    free(s->state);
    unlink(path);
}

/* Demand of each hour of the run into per[0..hours-1] with 1-minute ticks. */
static void hourly(source *s, int64_t *per, int hours)
{
    for (int k = 0; k < hours; k++) {
        per[k] = 0;
        for (int m = 0; m < 60; m++) {
            int64_t n = -1, now = (int64_t)k * SIM_MS_PER_H + m * SIM_MS_PER_MIN;
            CU_ASSERT_EQUAL_FATAL(s->kind->demand(s->state, now, SIM_MS_PER_MIN, NULL, &n, &s->err), 0);
            per[k] += n;
        }
    }
}

static void expect_weeks(int after, int base)
{
    source s;
    int64_t per[HOURS + 336], stop[HOURS];
    source_open(&s, AFTER_STOP, 0, DAYS, 28 * SIM_MS_PER_DAY);
    hourly(&s, stop, HOURS);
    source_close(&s);
    source_open(&s, after, 0, DAYS, 28 * SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    hourly(&s, per, HOURS + 336);
    int same = 1, projected = 1;
    for (int k = 0; k < HOURS; k++)
        same &= per[k] == stop[k];
    for (int k = HOURS; k < HOURS + 336; k++)
        projected &= per[k] == base + how(k);
    CU_ASSERT(same);
    CU_ASSERT(projected);
    source_close(&s);
}

static void test_repeat_last_week(void)
{
    expect_weeks(AFTER_REPEAT, 20);
}

static void test_profile_mean_of_weeks(void)
{
    expect_weeks(AFTER_PROFILE, 15);
}

/* 1% a day from the data's end: the projection's second week over its first
 * is 1.01^7, and its first hour is the week's hour times 1.01^(1/48). */
static void test_growth_from_data_end(void)
{
    source s;
    int64_t per[HOURS + 336];
    source_open(&s, AFTER_PROFILE, 0.01, DAYS, 28 * SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    hourly(&s, per, HOURS + 336);
    double w1 = 0, w2 = 0;
    for (int k = 0; k < 168; k++) {
        w1 += (double)per[HOURS + k];
        w2 += (double)per[HOURS + 168 + k];
    }
    ASSERT_NEAR(w2 / w1, pow(1.01, 7), 2e-4);
    ASSERT_NEAR((double)per[HOURS], (15 + how(HOURS)) * pow(1.01, 1.0 / 48), 1);
    source_close(&s);
}

static void test_short_data_refused(void)
{
    source s;
    source_open(&s, AFTER_REPEAT, 0, 6, 28 * SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(s.rc, SIM_EINPUT);
    char want[300];
    snprintf(want, sizeof want, "%s:2: after = repeat needs at least 7 days of data to carry "
             "the week forward; the data spans 6.00 days", path);
    CU_ASSERT_STRING_EQUAL(s.err.msg, want);
    source_close(&s);
    /* a run that ends within the data needs no projection: no error */
    source_open(&s, AFTER_REPEAT, 0, 6, 3 * SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(s.rc, 0);
    source_close(&s);
}

/* ses-events drops the minutes past the run's end as it reads: the data's
 * span is still the records' (8 days here), so a 3-day run is not refused;
 * a 20-day run repeats the last week, one message an hour. */
static void test_events_span(void)
{
    snprintf(path, sizeof path, "/tmp/sesim-after-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    for (int k = 0; k < 8 * 24; k++)
        fprintf(f, "{\"eventType\":\"Delivery\",\"mail\":{\"timestamp\":"
                   "\"2026-01-%02dT%02d:10:00Z\"}}\n", 5 + k / 24, k % 24);
    fclose(f);
    const traffic_type *kind = traffic_type_find("ses-events");
    scn_traffic cfg = {.name = "t", .account = {1, accounts}, .file = path, .after = AFTER_REPEAT};
    scn_sim sim = {.duration = 3 * SIM_MS_PER_DAY};
    CU_ASSERT_FATAL(units_datetime("2026-01-05T00:00:00Z", &sim.start, NULL) == 0);
    sim_err err;
    for (int run = 0; run < 2; run++) {
        void *state = calloc(1, kind->state_size);
        CU_ASSERT_EQUAL(kind->init(state, &cfg, &sim, &err), 0);
        int64_t n = -1, total = 0;
        for (int64_t now = 12 * SIM_MS_PER_DAY; run && now < 13 * SIM_MS_PER_DAY; now += SIM_MS_PER_H) {
            CU_ASSERT_EQUAL(kind->demand(state, now, SIM_MS_PER_H, NULL, &n, &err), 0);
            total += n;
        }
        CU_ASSERT_EQUAL(total, run ? 24 : 0);
        kind->destroy(state);
        free(state);
        sim.duration = 20 * SIM_MS_PER_DAY;
    }
    unlink(path);
}

TEST_SUITE(traffic_after,
           {"repeat carries the last week", test_repeat_last_week},
           {"profile carries the mean week", test_profile_mean_of_weeks},
           {"growth from the data's end", test_growth_from_data_end},
           {"less than a week refused", test_short_data_refused},
           {"ses-events: the span of every record", test_events_span})
