/* test_scenario_study.c: numeric keys for studies (sim/scenario/scenario_study.c):
 * the documented ranges of the assumptions, values as numbers and as the text
 * that sets them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "suite.h"

/* Every assumption of the default scenario with a range: the range parses,
 * holds the default value, and its ends set the key to themselves. */
static void test_assumption_ranges_hold_defaults(void)
{
    sim_err err;
    scenario *s = scn_open(NULL, NULL, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    size_t n;
    char **keys = scn_assumption_keys(s, &n);
    CU_ASSERT_EQUAL(n, 37); /* 36, and policy.retry_window of the mailbox providers */
    for (size_t i = 0; i < n; i++) {
        scn_range r;
        double v;
        CU_ASSERT_EQUAL(scn_key_range(keys[i], &r), 1);
        CU_ASSERT_EQUAL(scn_key_value(s, keys[i], &v, &err), 0);
        CU_ASSERT(r.lo < r.hi);
        CU_ASSERT(r.lo <= v && v <= r.hi);
        for (int end = 0; end < 2; end++) {
            char text[128], set[256];
            scn_key_text(keys[i], end ? r.hi : r.lo, text, sizeof text);
            snprintf(set, sizeof set, "%s=%s", keys[i], text);
            scn_override sets[] = {{.assignment = set}};
            scenario *t = scn_open(NULL, sets, 1, &err);
            CU_ASSERT_PTR_NOT_NULL_FATAL(t);
            double back;
            CU_ASSERT_EQUAL(scn_key_value(t, keys[i], &back, &err), 0);
            CU_ASSERT_EQUAL(back, end ? r.hi : r.lo);
            scn_destroy(t);
        }
        free(keys[i]);
    }
    free(keys);
    scn_destroy(s);
}

static void test_key_values_and_text(void)
{
    sim_err err;
    scenario *s = scn_open(NULL, NULL, 0, &err);
    double v;
    CU_ASSERT_EQUAL(scn_key_value(s, "policy.review_period", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 7 * 86400000.0);
    CU_ASSERT_EQUAL(scn_key_value(s, "traffic.newsletter.daily", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 150000);
    char text[64];
    scn_key_text("policy.review_period", 36 * 3600000.0 + 0.4, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "36h"); /* durations to the millisecond */
    scn_key_text("traffic.x.list_size", 316227.8, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "316228"); /* counts whole */
    scn_key_text("traffic.x.invalid", 0.0125, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "1.25%");
    CU_ASSERT_EQUAL(scn_key_value(s, "traffic.newsletter.sender", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(scn_key_value(s, "traffic.other.invalid", &v, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(scn_key_value(s, "policy.nosuch", &v, &err), SIM_EINPUT);
    scn_range r;
    CU_ASSERT_EQUAL(scn_key_range("policy.ramp_ceiling", &r), 0); /* a public default: no range */
    CU_ASSERT_EQUAL(scn_key_range("traffic.x.list_size", &r), 1);
    CU_ASSERT(r.log);
    CU_ASSERT_EQUAL(scn_parse_range(s, "policy.review_period", "1d:2w", "--range", &r, &err), 0);
    CU_ASSERT_EQUAL(r.hi, 14 * 86400000.0);
    CU_ASSERT_EQUAL(scn_parse_range(s, "policy.review_period", "2w:1d", "--range", &r, &err), SIM_EINPUT);
    scn_destroy(s);
}

/* How many of the scenario's screened assumptions are `key`. */
static size_t count_key(const scenario *s, const char *key)
{
    size_t n, found = 0;
    char **keys = scn_assumption_keys(s, &n);
    for (size_t i = 0; i < n; i++) {
        found += !strcmp(keys[i], key);
        free(keys[i]);
    }
    free(keys);
    return found;
}

/* A sending domain brings the providers' domain_* keys into the screen. */
static void test_domain_assumptions(void)
{
    sim_err err;
    scenario *s = scn_create();
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, "[sim]\nmailboxes = on\n[account.a]\n[domain.d]\n"
                                             "[traffic.t]\ndomain = d\n", "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL(s->traffic[0].domain_index, 0);
    CU_ASSERT_EQUAL(count_key(s, "mailbox.gmail.domain_weight"), 1);
    CU_ASSERT_EQUAL(count_key(s, "mailbox.other.domain_credit"), 1);
    scn_destroy(s);
}

/* With sim.mailboxes = on the shipped providers' assumptions are screened
 * and --set reaches them without a [mailbox.NAME] in the file (issue 22:
 * sensitivity left them out, and --keys mailbox.gmail.KEY was refused). */
static void test_mailbox_assumptions(void)
{
    sim_err err;
    scenario *s = scn_create();
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, "[sim]\nmailboxes = on\n[account.a]\n", "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    size_t n, found = 0;
    char **keys = scn_assumption_keys(s, &n);
    for (size_t i = 0; i < n; i++) {
        found += !strcmp(keys[i], "mailbox.gmail.allowance_growth") ||
                 !strcmp(keys[i], "mailbox.other.rule_block");
        free(keys[i]);
    }
    free(keys);
    CU_ASSERT_EQUAL(found, 2);
    CU_ASSERT_EQUAL(count_key(s, "mailbox.gmail.domain_weight"), 0); /* no domain: not screened */
    CU_ASSERT_EQUAL(count_key(s, "mailbox.gmail.allowance"), 1);      /* a range since issue 22 */
    double v;
    CU_ASSERT_EQUAL(scn_key_value(s, "mailbox.gmail.allowance", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 2000); /* gmail's default (models/mailbox_rules.c) */
    CU_ASSERT_EQUAL(scn_set_applies(s, "mailbox.yahoo.allowance_growth=0.3", &err), 1);
    CU_ASSERT_EQUAL(scn_set(s, "mailbox.yahoo.allowance_growth=0.3", &err), 0);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL(scn_key_value(s, "mailbox.yahoo.allowance_growth", &v, &err), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.3, 1e-12);
    /* a provider sesim does not ship is still a section to --add */
    CU_ASSERT_EQUAL(scn_set(s, "mailbox.aol.allowance_growth=0.3", &err), SIM_EINPUT);
    scn_destroy(s);
}

/* A sweep value as a plain number (sweep.csv's KEY_value), no scenario needed. */
static void test_key_number(void)
{
    double v;
    CU_ASSERT_EQUAL(scn_key_number("traffic.all.invalid", "0.3%", &v), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.003, 1e-15);
    CU_ASSERT_EQUAL(scn_key_number("traffic.*.daily", "1.5M", &v), 0);
    CU_ASSERT_EQUAL(v, 1500000);
    CU_ASSERT_EQUAL(scn_key_number("policy.review_period", "36h", &v), 0);
    CU_ASSERT_EQUAL(v, 36 * 3600.0); /* seconds */
    CU_ASSERT_EQUAL(scn_key_number("traffic.all.sender", "pace", &v), -1); /* not a number */
    CU_ASSERT_EQUAL(scn_key_number("traffic.all.invalid", "lots", &v), -1);
    CU_ASSERT_EQUAL(scn_key_number("nosuch.key", "1", &v), -1);
}

TEST_SUITE(scenario_study,
           {"assumption ranges hold the defaults and set their ends", test_assumption_ranges_hold_defaults},
           {"numeric keys: values, text, ranges", test_key_values_and_text},
           {"the mailbox providers' assumptions", test_mailbox_assumptions},
           {"a sending domain brings the domain_* keys into the screen", test_domain_assumptions},
           {"a key's value text as a plain number", test_key_number})
