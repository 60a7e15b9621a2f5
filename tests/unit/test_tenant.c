/* test_tenant.c: tenants' findings, policies and the roll-up of their metrics
 * into the account's (dg/tenants; GetReputationEntity ReputationImpact LOW |
 * HIGH; UpdateReputationEntityPolicy none | standard | strict). */
#include <string.h>

#include "models/reputation.h"
#include "models/tenant.h"
#include "suite.h"

static scn_tenant cfg(void)
{
    return (scn_tenant){.name = "t", .policy = TENANT_POLICY_STANDARD, .low_bounce = 0.05,
                        .high_bounce = 0.10, .low_complaint = 0.001, .high_complaint = 0.005,
                        .rep_volume = 1000};
}

static reputation rates(double bounce, double complaint, int representative)
{
    reputation r;
    memset(&r, 0, sizeof r);
    r.bounce_rate = bounce, r.complaint_rate = complaint, r.representative = representative;
    return r;
}

/* Impact: the thresholds are inclusive (>=), as the account's review and pause. */
static void test_impact_thresholds(void)
{
    scn_tenant c = cfg();
    reputation r = rates(0.0499, 0.00099, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_NONE);
    r = rates(0.05, 0, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_LOW);
    r = rates(0, 0.001, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_LOW);
    r = rates(0.10, 0, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_HIGH);
    r = rates(0.01, 0.005, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_HIGH);
    r = rates(0.5, 0.5, 0); /* not representative: no finding */
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_NONE);
}

/* The policies (dg/tenants, UpdateReputationEntityPolicy): none never pauses,
 * standard pauses on high-impact findings, strict on any finding. */
static void test_policies(void)
{
    CU_ASSERT_FALSE(tenant_policy_pauses(TENANT_POLICY_NONE, IMPACT_HIGH));
    CU_ASSERT_FALSE(tenant_policy_pauses(TENANT_POLICY_STANDARD, IMPACT_LOW));
    CU_ASSERT_TRUE(tenant_policy_pauses(TENANT_POLICY_STANDARD, IMPACT_HIGH));
    CU_ASSERT_TRUE(tenant_policy_pauses(TENANT_POLICY_STRICT, IMPACT_LOW));
    CU_ASSERT_TRUE(tenant_policy_pauses(TENANT_POLICY_STRICT, IMPACT_HIGH));
    for (int p = 0; p < 3; p++)
        CU_ASSERT_FALSE(tenant_policy_pauses(p, IMPACT_NONE));
}

/* The roll-up: a tenant's sends and feedback count in both windows, so the
 * account's rate is the pooled one. A constructed example (the blog's own
 * figures could not be retrieved): tenant A 1,000 eligible sends with 10
 * bounces (1%), tenant B 1,000 with 100 (10%): the account 110 / 2,000 = 5.5%,
 * under review although A is healthy, and B a high-impact finding. */
static void test_rollup(void)
{
    reputation acct, a, b;
    rep_init(&acct, 2000, 24, 1);
    rep_init(&a, 1000, 24, 1);
    rep_init(&b, 1000, 24, 1);
    rep_record_sends(&acct, 0, 2000, 1000, 1800);
    rep_record_sends(&a, 0, 1000, 500, 900);
    rep_record_sends(&b, 0, 1000, 500, 900);
    rep_schedule(&acct, 0, 0, 110, 0);
    rep_schedule(&a, 0, 0, 10, 0);
    rep_schedule(&b, 0, 0, 100, 0);
    int64_t x, y;
    rep_end_hour(&acct, 1, &x, &y);
    rep_end_hour(&a, 1, &x, &y);
    rep_end_hour(&b, 1, &x, &y);
    ASSERT_NEAR(a.bounce_rate, 0.01, 1e-12);
    ASSERT_NEAR(b.bounce_rate, 0.10, 1e-12);
    ASSERT_NEAR(acct.bounce_rate, 0.055, 1e-12);
    scn_tenant c = cfg();
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &a), IMPACT_NONE);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &b), IMPACT_HIGH);
    rep_destroy(&acct);
    rep_destroy(&a);
    rep_destroy(&b);
}

/* A configuration set is a tenant without findings: SES has no policy for it
 * (only the owner's alarm pauses it, dg/monitoring-sender-reputation-pausing),
 * so no rate gives it an impact, even with the tenant's thresholds set. */
static void test_configset_no_findings(void)
{
    scn_tenant c = cfg();
    c.configset = 1;
    c.policy = TENANT_POLICY_NONE;
    reputation r = rates(0.5, 0.5, 1);
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_NONE);
    c.low_bounce = c.high_bounce = c.low_complaint = c.high_complaint = 0; /* as resolved: unset */
    CU_ASSERT_EQUAL(tenant_impact_of(&c, &r), IMPACT_NONE);
}

TEST_SUITE(tenant, {"impact thresholds inclusive", test_impact_thresholds},
           {"a configuration set has no findings", test_configset_no_findings},
           {"none, standard, strict", test_policies},
           {"roll-up of tenant metrics to the account", test_rollup})
