/* test_org.c: the organisation of several accounts: its capacity (the quotas
 * of the accounts not paused) against the targets, and the time it had an
 * account under review or paused, exact to the millisecond. */
#include "models/account.h"
#include "models/delay.h"
#include "core/config.h"
#include "models/org.h"
#include "suite.h"

#define H SIM_MS_PER_H

static double targets_v[] = {20000, 25000, 40000};

typedef struct fixture {
    scn_sim sim;
    scn_account cfg[3];
    account a[3];
    org o;
} fixture;

static void setup(fixture *f)
{
    f->sim = (scn_sim){.duration = 30 * SIM_MS_PER_DAY, .tick = SIM_MS_PER_MIN, .interval = H,
                       .targets = {.n = 3, .v = targets_v}};
    static char names[3][2] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        f->cfg[i] = (scn_account){.name = names[i], .stage = STAGE_PRODUCTION, .max24h = 10000,
                                  .max_rate = 5, .request_production = SCN_NONE_TIME};
        account_init(&f->a[i], &f->cfg[i], &f->sim);
    }
    org_init(&f->o, f->a, 3, 0);
}

static void teardown(fixture *f)
{
    org_destroy(&f->o);
    for (int i = 0; i < 3; i++)
        account_destroy(&f->a[i]);
}

/* 3 x 10k reach 20k and 25k at once; a pause takes its quota out, so 40k is
 * reached only when the paused account's quota counts again. */
static void test_capacity_targets(void)
{
    fixture f;
    setup(&f);
    CU_ASSERT_EQUAL(org_capacity(&f.o), 30000);
    CU_ASSERT_EQUAL(f.o.reached_at[0], 0);
    CU_ASSERT_EQUAL(f.o.reached_at[1], 0);
    CU_ASSERT_EQUAL(f.o.reached_at[2], -1);
    account_set_status(&f.a[0], 5 * H, STATUS_PAUSED);
    CU_ASSERT_EQUAL(org_capacity(&f.o), 20000);
    account_set_limits(&f.a[1], 6 * H, 15000, 6.5);
    account_set_limits(&f.a[2], 6 * H, 15000, 6.5);
    CU_ASSERT_EQUAL(org_capacity(&f.o), 30000);
    CU_ASSERT_EQUAL(f.o.reached_at[2], -1); /* 10k paused + 15k + 15k */
    account_set_status(&f.a[0], 7 * H + 1, STATUS_UNDER_REVIEW);
    CU_ASSERT_EQUAL(org_capacity(&f.o), 40000);
    CU_ASSERT_EQUAL(f.o.reached_at[2], 7 * H + 1);
    CU_ASSERT_EQUAL(f.o.reached_at[0], 0); /* first times stay */
    teardown(&f);
}

/* Overlapping statuses: the organisation has an account under review while any
 * account is, and paused while any is; the two can overlap. */
static void test_time_in(void)
{
    fixture f;
    setup(&f);
    account_set_status(&f.a[0], 1 * H, STATUS_UNDER_REVIEW); /* a: review 1-5 h */
    CU_ASSERT_EQUAL(org_time_in(&f.o, STATUS_UNDER_REVIEW, 2 * H), H);
    account_set_status(&f.a[1], 3 * H, STATUS_UNDER_REVIEW); /* b: review 3-8 h */
    account_set_status(&f.a[0], 5 * H, STATUS_PAUSED);       /* a: paused 5-10 h */
    CU_ASSERT_EQUAL(org_time_in(&f.o, STATUS_PAUSED, 7 * H), 2 * H);
    CU_ASSERT_EQUAL(org_time_in(&f.o, STATUS_UNDER_REVIEW, 7 * H), 6 * H);
    account_set_status(&f.a[1], 8 * H, STATUS_HEALTHY);
    account_set_status(&f.a[2], 9 * H, STATUS_PAUSED); /* c: paused 9 h to the end */
    account_set_status(&f.a[0], 10 * H, STATUS_UNDER_REVIEW); /* a: review 10-12 h */
    account_set_status(&f.a[0], 12 * H, STATUS_HEALTHY);
    CU_ASSERT_EQUAL(org_time_in(&f.o, STATUS_UNDER_REVIEW, 20 * H), (8 - 1) * H + (12 - 10) * H);
    CU_ASSERT_EQUAL(org_time_in(&f.o, STATUS_PAUSED, 20 * H), (20 - 5) * H);
    teardown(&f);
}

/* The accounts count the events summary.csv reports, and the first of each. */
static void test_tally(void)
{
    fixture f;
    setup(&f);
    CU_ASSERT_EQUAL(f.a[0].tally.times[TALLY_PAUSE], 0);
    CU_ASSERT_EQUAL(f.a[0].tally.first[TALLY_PAUSE], -1);
    account_tally(&f.a[0], TALLY_PAUSE, 3 * H);
    account_tally(&f.a[0], TALLY_PAUSE, 9 * H);
    CU_ASSERT_EQUAL(f.a[0].tally.times[TALLY_PAUSE], 2);
    CU_ASSERT_EQUAL(f.a[0].tally.first[TALLY_PAUSE], 3 * H);
    CU_ASSERT_EQUAL(f.a[0].tally.first[TALLY_REVIEW], -1);
    teardown(&f);
}

/* The organisation's delay quantiles come from its accounts' histograms added:
 * 100 messages sent at once by one account and 100 that waited a day at the
 * other give a median of 0 and a 99th percentile in the bin of a day. */
static void test_delay_merge(void)
{
    delay_stats a, b, all;
    delay_init(&a);
    delay_init(&b);
    delay_init(&all);
    delay_add(&a, 0, 100);
    delay_add(&b, SIM_MS_PER_DAY, 100);
    delay_merge(&all, &a); /* no histogram yet on either side */
    CU_ASSERT_PTR_NULL(all.hist);
    delay_merge(&all, &b);
    ASSERT_NEAR(delay_quantile_s(&all, 0.5), 0, 0);
    ASSERT_NEAR(delay_quantile_s(&all, 0.99), delay_quantile_s(&b, 0.99), 0);
    ASSERT_NEAR(delay_quantile_s(&all, 0.99), 86400, 0.12 * 86400);
    delay_destroy(&a);
    delay_destroy(&b);
    delay_destroy(&all);
}

TEST_SUITE(org, {"capacity against the targets", test_capacity_targets},
           {"time with an account under review or paused", test_time_in},
           {"event tally", test_tally}, {"delay histograms added", test_delay_merge})
