/* test_relations.c: relation groups by policy.related_by (union-find). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "models/status.h"
#include "models/relations.h"
#include "scenario/scenario.h"
#include "suite.h"

/* Five accounts: a-b share a payer; b-c share a domain; d-e share a company;
 * c-d share nothing; e has an empty payer like f (empty never relates). */
static const char *accounts_text =
    "[account.a]\npayer = P1\ndomain = a.com\n"
    "[account.b]\npayer = P1\ndomain = shared.com\n"
    "[account.c]\npayer = P2\ndomain = shared.com\ncompany = C1\n"
    "[account.d]\npayer = P3\ncompany = C2\n"
    "[account.e]\ncompany = C2\n"
    "[account.f]\n";

static void groups_for(const char *related_by, size_t *group)
{
    scenario *s = scn_create();
    sim_err err;
    char set[128];
    snprintf(set, sizeof set, "policy.related_by=%s", related_by);
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, accounts_text, "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_set(s, set, &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    relations_groups(s, group);
    scn_destroy(s);
}

static void test_payer(void)
{
    size_t g[6];
    groups_for("payer", g);
    size_t want[6] = {0, 0, 2, 3, 4, 5};
    CU_ASSERT_EQUAL(memcmp(g, want, sizeof g), 0);
}

static void test_domain(void)
{
    size_t g[6];
    groups_for("domain", g);
    size_t want[6] = {0, 1, 1, 3, 4, 5};
    CU_ASSERT_EQUAL(memcmp(g, want, sizeof g), 0);
}

static void test_company(void)
{
    size_t g[6];
    groups_for("company", g);
    size_t want[6] = {0, 1, 2, 3, 3, 5};
    CU_ASSERT_EQUAL(memcmp(g, want, sizeof g), 0);
}

static void test_all_transitive(void)
{
    /* a-b by payer, b-c by domain: a, b, c one group, by transitivity */
    size_t g[6];
    groups_for("payer, domain, company", g);
    size_t want[6] = {0, 0, 0, 3, 3, 5};
    CU_ASSERT_EQUAL(memcmp(g, want, sizeof g), 0);
}

static void test_none(void)
{
    size_t g[6];
    groups_for("none", g);
    for (size_t i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(g[i], i);
}

static void test_attach_lists_the_others(void)
{
    size_t g[6];
    groups_for("payer, domain, company", g);
    account acc[6];
    memset(acc, 0, sizeof acc);
    relations_attach(acc, 6, g);
    /* the others of each group, in index order */
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[0], NULL), &acc[1]);
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[0], &acc[1]), &acc[2]);
    CU_ASSERT_PTR_NULL(account_next_related(&acc[0], &acc[2]));
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[1], NULL), &acc[0]);
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[1], &acc[0]), &acc[2]);
    CU_ASSERT_PTR_NULL(account_next_related(&acc[1], &acc[2]));
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[2], NULL), &acc[0]);
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[2], &acc[0]), &acc[1]);
    CU_ASSERT_PTR_NULL(account_next_related(&acc[2], &acc[1]));
    CU_ASSERT_PTR_EQUAL(account_next_related(&acc[4], NULL), &acc[3]);
    CU_ASSERT_PTR_NULL(account_next_related(&acc[4], &acc[3]));
    CU_ASSERT_PTR_NULL(account_next_related(&acc[5], NULL));
}

/* 100,000 accounts of one payer: one link each (the lists of the others were
 * 8 x 10^10 bytes), and every account sees the 99,999 others. */
static void test_attach_linear(void)
{
    enum { N = 100000 };
    account *acc = sim_xcalloc(N, sizeof *acc);
    size_t *g = sim_xcalloc(N, sizeof *g); /* all in the group of account 0 */
    relations_attach(acc, N, g);
    size_t seen = 0;
    for (account *r = account_next_related(&acc[N / 2], NULL); r; r = account_next_related(&acc[N / 2], r))
        seen += r != &acc[N / 2];
    CU_ASSERT_EQUAL(seen, N - 1);
    free(g);
    free(acc);
}

/* Related review (docs/model.md, several accounts): when `p` is paused, each
 * related account whose status is healthy (the sandbox account `s` too) gets
 * one draw from its own service stream, in file order; `r`, already under
 * review, gets none, and `p`'s own stream is not used. related_review = 50%. */
static void test_related_review_draws(void)
{
    scenario *sc = scn_create();
    sim_err err;
    CU_ASSERT_EQUAL_FATAL(scn_load_string(sc, "[policy]\nrelated_review = 50%\n"
                                              "[account.p]\npayer = P\n"
                                              "[account.s]\npayer = P\nstage = sandbox\n"
                                              "[account.r]\npayer = P\n"
                                              "[account.h]\npayer = P\n",
                                          "t.ini", ".", &err),
                          0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(sc, &err), 0);
    enum { N = 4 };
    account acc[N];
    gsl_rng *rng[N], *copy[N];
    for (size_t i = 0; i < N; i++) {
        account_init(&acc[i], &sc->accounts[i], &sc->sim);
        rng[i] = gsl_rng_alloc(gsl_rng_taus2);
        gsl_rng_set(rng[i], 100 + i);
        copy[i] = gsl_rng_clone(rng[i]);
        account_attach_service(&acc[i], &sc->policy, rng[i], NULL, NULL);
    }
    size_t group[N];
    relations_groups(sc, group);
    relations_attach(acc, N, group);
    status_start_review(&acc[2], 0, "test");
    status_pause(&acc[0], 3600000, "test");
    /* s and h drew once each from their own stream; p and r not at all */
    int drawn[N] = {0, 1, 0, 1};
    for (size_t i = 0; i < N; i++) {
        double u = drawn[i] ? gsl_rng_uniform(copy[i]) : -1;
        if (drawn[i])
            CU_ASSERT_EQUAL(acc[i].status, u < 0.5 ? STATUS_UNDER_REVIEW : STATUS_HEALTHY);
        CU_ASSERT_EQUAL(gsl_rng_get(rng[i]), gsl_rng_get(copy[i]));
    }
    CU_ASSERT_EQUAL(acc[2].status, STATUS_UNDER_REVIEW);
    for (size_t i = 0; i < N; i++) {
        account_destroy(&acc[i]);
        gsl_rng_free(rng[i]);
        gsl_rng_free(copy[i]);
    }
    scn_destroy(sc);
}

TEST_SUITE(relations, {"related_by = payer", test_payer}, {"related_by = domain", test_domain},
           {"related_by = company", test_company},
           {"payer, domain, company is transitive", test_all_transitive},
           {"related_by = none relates nothing", test_none},
           {"attach lists the other members", test_attach_lists_the_others},
           {"related review: one draw per healthy related account", test_related_review_draws},
           {"a group of 100,000: one link per account", test_attach_linear})
