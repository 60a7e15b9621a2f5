/* test_plan_tables.c: plan.csv's day table from a time series
 * (sim/study/plan_tables.c): sends summed per day, the quota at the day's
 * end, the share reviewed or paused by the day cumulative, other accounts
 * ignored. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "study/plan_tables.h"
#include "suite.h"

static const char series[] =
    "time,day,rep,account,status,max24h,max_rate,sent\n"
    "t,0.500000,1,a,healthy,10000,5,100\n"
    "t,0.500000,1,b,paused,10000,5,999\n"
    "t,1.000000,1,a,healthy,15000,5,200\n"
    "t,1.500000,1,a,under_review,15000,5,300\n"
    "t,2.000000,1,a,healthy,-1,5,400\n"
    "t,0.500000,2,a,healthy,10000,5,10\n"
    "t,1.000000,2,a,healthy,10000,5,20\n"
    "t,1.500000,2,a,healthy,10000,5,30\n"
    "t,2.000000,2,a,paused,10000,5,40\n";

static void test_days_from_series(void)
{
    char dir[] = "/tmp/sesim-plan-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/timeseries.csv", dir);
    FILE *f = fopen(path, "w");
    fputs(series, f);
    fclose(f);
    plan_day d[2];
    sim_err err;
    CU_ASSERT_EQUAL_FATAL(plan_days_read(dir, "a", 2, 2, d, &err), 0);
    ASSERT_NEAR(d[0].sent_mean, (300 + 30) / 2.0, 1e-9); /* rows ending at 0.5 and 1.0 */
    ASSERT_NEAR(d[1].sent_mean, (700 + 70) / 2.0, 1e-9);
    ASSERT_NEAR(d[0].quota_mean, (15000 + 10000) / 2.0, 1e-9); /* the day's last row */
    CU_ASSERT(isinf(d[1].quota_p95));                           /* -1: unlimited */
    ASSERT_NEAR(d[0].p_risk, 0, 1e-12);   /* b's pause is not a's */
    ASSERT_NEAR(d[1].p_risk, 1, 1e-12);   /* rep 1 under review, rep 2 paused on day 2 */
    CU_ASSERT(d[0].sent_p05 <= d[0].sent_mean && d[0].sent_mean <= d[0].sent_p95);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    double caps[2] = {500, INFINITY};
    plan_days_write(out, d, caps, NULL, 2);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n1,500,165,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n2,unlimited,385,"));
    CU_ASSERT_PTR_NULL(strstr(text, "quota_request")); /* no --requests: no column */
    free(text);
    /* sesim plan --requests: quota_request, the amount on the day filed, else empty */
    double asked[2] = {NAN, 150000};
    out = open_memstream(&text, &len);
    plan_days_write(out, d, caps, asked, 2);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",p_reviewed_or_paused,quota_request\n1,500,165,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",0,\n2,unlimited,385,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",1,150000\n"));
    free(text);
    unlink(path);
    rmdir(dir);
}

TEST_SUITE(plan_tables, {"plan.csv days from a time series", test_days_from_series})
