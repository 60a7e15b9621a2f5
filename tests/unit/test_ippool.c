/* test_ippool.c: dedicated IPs (dg/dedicated-ip-warming: "The warm-up
 * percentage steadily increases over 45 days independently from your sending
 * volume"; API DedicatedIp.WarmupPercentage: 0-100, -1 for managed pools;
 * SendGrid's published automated warm-up schedule). */
#include "core/config.h"
#include "models/ippool.h"
#include "suite.h"

static scn_account acct(int pool, int warmup)
{
    return (scn_account){.name = "a", .ip_pool = pool, .dedicated_ips = 2, .warmup = warmup,
                         .warmup_days = 45 * SIM_MS_PER_DAY};
}

/* SES's automatic warm-up: linear over warmup_days (the curve is an
 * assumption), 100 from day 44 on, whatever the volume. */
static void test_ses_percentage(void)
{
    scn_account a = acct(IP_POOL_STANDARD, WARMUP_SES);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 0), 2);                         /* 100/45 */
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, SIM_MS_PER_DAY - 1), 2);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, SIM_MS_PER_DAY), 4);            /* 200/45 */
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 22 * SIM_MS_PER_DAY), 51);      /* 2300/45 */
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 43 * SIM_MS_PER_DAY), 97);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 44 * SIM_MS_PER_DAY), 100);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 400 * SIM_MS_PER_DAY), 100);
    a.warmup = WARMUP_OFF;
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 0), 100);
    a = acct(IP_POOL_MANAGED, WARMUP_SES);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 0), -1);
    a = acct(IP_POOL_SHARED, WARMUP_SES);
    CU_ASSERT_EQUAL(ippool_warmup_percentage(&a, 0), -1);
}

/* The day's dedicated part is floor(total x percentage / 100) exactly,
 * however the day's mail comes in batches; a new day starts again. */
static void test_split_exact(void)
{
    scn_account a = acct(IP_POOL_STANDARD, WARMUP_SES);
    ippool p;
    ippool_init(&p, &a);
    int64_t d = 0;
    for (int i = 0; i < 99; i++)
        d += ippool_split(&p, i * 1000, 7); /* 693 messages at 2% */
    CU_ASSERT_EQUAL(d, 13);                 /* floor(13.86) */
    CU_ASSERT_EQUAL(p.dedicated + p.shared, 693);
    CU_ASSERT_EQUAL(ippool_split(&p, SIM_MS_PER_DAY, 1000), 40); /* day 1: 4% */
    a.warmup = WARMUP_OFF;
    CU_ASSERT_EQUAL(ippool_split(&p, SIM_MS_PER_DAY, 10), 10);
}

/* SendGrid: the hourly cap per IP of the published table (20 on day 0, 1,000
 * on day 12, 19,601,056 on day 41, none after), times the IPs. */
static void test_sendgrid(void)
{
    CU_ASSERT_EQUAL(ippool_sendgrid_hourly(0), 20);
    CU_ASSERT_EQUAL(ippool_sendgrid_hourly(12), 1000);
    CU_ASSERT_EQUAL(ippool_sendgrid_hourly(41), 19601056);
    CU_ASSERT_EQUAL(ippool_sendgrid_hourly(42), -1);
    scn_account a = acct(IP_POOL_STANDARD, WARMUP_SENDGRID);
    ippool p;
    ippool_init(&p, &a);
    CU_ASSERT_EQUAL(ippool_split(&p, 0, 30), 30);
    CU_ASSERT_EQUAL(ippool_split(&p, 1000, 30), 10); /* 2 IPs x 20 an hour */
    CU_ASSERT_EQUAL(ippool_split(&p, SIM_MS_PER_H, 50), 40);
    CU_ASSERT_EQUAL(ippool_split(&p, 42 * SIM_MS_PER_DAY, 5000000), 5000000);
}

TEST_SUITE(ippool, {"SES automatic warm-up percentage", test_ses_percentage},
           {"exact daily split", test_split_exact}, {"SendGrid schedule", test_sendgrid})
