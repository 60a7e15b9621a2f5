/* test_scenario.c: reading scenario text, --set, defaults, validation with
 * "FILE:LINE:" errors, and the resolved scenario that prints and re-reads to
 * byte-identical text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "models/sender.h"
#include "models/traffic.h"
#include "scenario/scenario_int.h"
#include "suite.h"

#define MIN SIM_MS_PER_MIN
#define HOUR SIM_MS_PER_H
#define DAY SIM_MS_PER_DAY

/* ---- helpers ---- */

/* Load text as "t.ini", apply the --set assignments (NULL-terminated; one
 * written "+KEY=VALUE" is an --add), resolve. Returns the scenario (NULL on
 * error, with err filled). */
static scenario *load_with(const char *text, const char *const *sets, sim_err *err)
{
    scenario *s = scn_create();
    int rc = scn_load_string(s, text, "t.ini", "", err);
    for (size_t i = 0; !rc && sets && sets[i]; i++)
        rc = sets[i][0] == '+' ? scn_add(s, sets[i] + 1, err) : scn_set(s, sets[i], err);
    if (!rc)
        rc = scn_resolve(s, err);
    if (rc) {
        CU_ASSERT_EQUAL(rc, SIM_EINPUT);
        CU_ASSERT_EQUAL(err->code, SIM_EINPUT);
        scn_destroy(s);
        return NULL;
    }
    return s;
}

static scenario *load(const char *text)
{
    sim_err err = {0};
    scenario *s = load_with(text, NULL, &err);
    if (!s)
        fprintf(stderr, "\n  unexpected error: %s\n", err.msg);
    return s;
}

/* The error of text (+ sets) is exactly `want`. */
static int error_is(const char *text, const char *const *sets, const char *want)
{
    sim_err err = {0};
    scenario *s = load_with(text, sets, &err);
    if (s) {
        scn_destroy(s);
        fprintf(stderr, "\n  no error, wanted: %s\n", want);
        return 0;
    }
    if (strcmp(err.msg, want) != 0) {
        fprintf(stderr, "\n  got:    %s\n  wanted: %s\n", err.msg, want);
        return 0;
    }
    return 1;
}

static char *print_to_string(const scenario *s, int annotate)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(scn_print(s, f, annotate), 0);
    fclose(f);
    return buf;
}

/* Print s, re-read that text (as `name` in folder `dir`), resolve, print again;
 * returns 1 when both prints are byte-identical. */
static int round_trips_in(const scenario *s, const char *name, const char *dir)
{
    char *first = print_to_string(s, 0);
    scenario *t = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(t, first, name, dir, &err);
    if (!rc)
        rc = scn_resolve(t, &err);
    int same = 0;
    if (rc) {
        fprintf(stderr, "\n  re-reading the printed scenario failed: %s\n", err.msg);
    } else {
        char *second = print_to_string(t, 0);
        same = strcmp(first, second) == 0;
        if (!same) { /* show the first line that differs */
            size_t i = 0, line = 1;
            while (first[i] && first[i] == second[i])
                line += first[i++] == '\n';
            while (i > 0 && first[i - 1] != '\n')
                i--;
            fprintf(stderr, "\n  prints differ at line %zu:\n  first:  %.*s\n  second: %.*s\n", line,
                    (int)strcspn(first + i, "\n"), first + i, (int)strcspn(second + i, "\n"), second + i);
        }
        free(second);
    }
    scn_destroy(t);
    free(first);
    return same;
}

static int round_trips(const scenario *s) { return round_trips_in(s, "p.ini", ""); }

/* ---- defaults ---- */

static void test_defaults(void)
{
    scenario *s = load("[account.main]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->sim.start, 1767225600000LL); /* 2026-01-01T00:00:00Z */
    CU_ASSERT_EQUAL(s->sim.duration, 90 * DAY);
    CU_ASSERT_EQUAL(s->sim.tick, SCN_TICK_AUTO);
    CU_ASSERT_EQUAL(s->sim.tick_fine, MIN);
    CU_ASSERT_EQUAL(s->sim.interval, HOUR);
    CU_ASSERT_EQUAL(s->sim.seed, 1);
    CU_ASSERT_EQUAL(s->sim.reps, 1);
    CU_ASSERT_EQUAL_FATAL(s->sim.targets.n, 3);
    CU_ASSERT_EQUAL(s->sim.targets.v[0], 50000);
    CU_ASSERT_EQUAL(s->sim.targets.v[1], 100000);
    CU_ASSERT_EQUAL(s->sim.targets.v[2], 1000000);
    CU_ASSERT_EQUAL(s->policy.preset, PRESET_CLASSIC);
    CU_ASSERT_EQUAL(s->policy.production_max24h, 10000);
    CU_ASSERT_EQUAL(s->policy.production_max_rate, 5);
    CU_ASSERT_EQUAL(s->policy.sandbox_max24h, 200);
    CU_ASSERT_EQUAL(s->policy.sandbox_max_rate, 1);
    CU_ASSERT_EQUAL(s->policy.bounce_review, 0.05);
    CU_ASSERT_EQUAL(s->policy.bounce_pause, 0.10);
    CU_ASSERT_EQUAL(s->policy.complaint_review, 0.001);
    CU_ASSERT_EQUAL(s->policy.complaint_pause, 0.005);
    CU_ASSERT_EQUAL(s->policy.ramp_ceiling, 1e6);
    CU_ASSERT_EQUAL(s->policy.related_by, RELATED_PAYER);
    /* the assumptions that were built-in constants before (issue 15) */
    CU_ASSERT_EQUAL(s->policy.rate_burst, 1000);
    CU_ASSERT_EQUAL(s->policy.rep_min_window, 24 * HOUR);
    CU_ASSERT_EQUAL(s->policy.feedback_horizon, 14 * DAY);
    CU_ASSERT_EQUAL(s->policy.request_delay_sigma, 0.5);
    CU_ASSERT_EQUAL(s->policy.circumvention_threshold, 1);
    CU_ASSERT_EQUAL_FATAL(s->n_accounts, 1);
    CU_ASSERT_STRING_EQUAL(s->accounts[0].name, "main");
    CU_ASSERT_EQUAL(s->accounts[0].stage, STAGE_PRODUCTION);
    CU_ASSERT_EQUAL(s->accounts[0].max24h, 10000);
    CU_ASSERT_EQUAL(s->accounts[0].max_rate, 5);
    CU_ASSERT_EQUAL(s->accounts[0].request_production, SCN_NONE_TIME);
    CU_ASSERT_EQUAL(s->n_traffic, 0);
    scn_destroy(s);
}

static void test_preset_and_stage_defaults(void)
{
    scenario *s = load("[policy]\npreset = modern\n[account.p]\n[account.s]\nstage = sandbox\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->policy.preset, PRESET_MODERN);
    CU_ASSERT_EQUAL(s->accounts[0].max24h, 50000);
    CU_ASSERT_EQUAL(s->accounts[0].max_rate, 14);
    CU_ASSERT_EQUAL(s->accounts[1].stage, STAGE_SANDBOX);
    CU_ASSERT_EQUAL(s->accounts[1].max24h, 200);
    CU_ASSERT_EQUAL(s->accounts[1].max_rate, 1);
    scn_destroy(s);
    /* Explicit values win over the preset and the stage's baseline. */
    s = load("[policy]\npreset = modern\nproduction_max24h = 70k\nsandbox_max24h = 300\n"
             "[account.p]\n[account.q]\nmax24h = 2M\nmax_rate = 40/s\n[account.s]\nstage = sandbox\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->accounts[0].max24h, 70000);
    CU_ASSERT_EQUAL(s->accounts[0].max_rate, 14);
    CU_ASSERT_EQUAL(s->accounts[1].max24h, 2e6);
    CU_ASSERT_EQUAL(s->accounts[1].max_rate, 40);
    CU_ASSERT_EQUAL(s->accounts[2].max24h, 300);
    scn_destroy(s);
}

static void test_traffic_defaults(void)
{
    scenario *s = load("[account.main]\n[traffic.news]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(s->n_traffic, 1);
    scn_traffic *t = &s->traffic[0];
    CU_ASSERT_STRING_EQUAL(t->name, "news");
    /* The only account is the traffic's account. */
    CU_ASSERT_EQUAL_FATAL(t->account.n, 1);
    CU_ASSERT_STRING_EQUAL(t->account.v[0], "main");
    CU_ASSERT_EQUAL(t->account_index[0], 0);
    CU_ASSERT_STRING_EQUAL(t->kind->name, "diurnal");
    CU_ASSERT_STRING_EQUAL(t->sender->name, "pace");
    CU_ASSERT_EQUAL(t->daily, 10000);
    CU_ASSERT_EQUAL(t->noise, NOISE_POISSON);
    CU_ASSERT_EQUAL(t->weekend, 1);
    CU_ASSERT_EQUAL(t->target_utilization, 1);
    CU_ASSERT(isinf(t->max_backlog));
    CU_ASSERT_EQUAL(memcmp(t->hours, scn_default_hours, sizeof t->hours), 0);
    CU_ASSERT_EQUAL(t->content_complaint_factor, 10);
    CU_ASSERT_EQUAL(t->feedback_delay_sigma, 1);
    scn_destroy(s);
    /* hours as a range */
    s = load("[account.main]\n[traffic.news]\nhours = 8-20\nnoise = none\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (int h = 0; h < 24; h++)
        CU_ASSERT_EQUAL(s->traffic[0].hours[h], h >= 8 && h < 20 ? 1 : 0);
    CU_ASSERT_EQUAL(s->traffic[0].noise, NOISE_NONE);
    scn_destroy(s);
}

/* The built-in default scenario resolves. */
static void test_builtin_default(void)
{
    scenario *s = scn_create();
    sim_err err = {0};
    CU_ASSERT_EQUAL(scn_load_string(s, scn_default_text, "(built-in default)", ".", &err), 0);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT(s->n_accounts >= 1);
    CU_ASSERT(s->n_traffic >= 1);
    CU_ASSERT(round_trips(s));
    scn_destroy(s);
}

/* ---- errors with FILE:LINE ---- */

static void test_error_unknown_key(void)
{
    CU_ASSERT(error_is("[sim]\ndurration = 30d\n[account.a]\n", NULL,
                       "t.ini:2: unknown key 'durration' in [sim] (did you mean 'duration'?)"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\nkind = constant\ndialy = 5k\n", NULL,
                       "t.ini:4: unknown key 'dialy' in [traffic] (did you mean 'daily'?)"));
    CU_ASSERT(error_is("[account.a]\nzzzzzzzz = 1\n", NULL, "t.ini:2: unknown key 'zzzzzzzz' in [account]"));
}

static void test_error_sections(void)
{
    CU_ASSERT(error_is("[simm]\n", NULL, "t.ini:1: unknown section [simm] (did you mean [sim]?)"));
    CU_ASSERT(error_is("; c\n[acount.a]\n", NULL,
                       "t.ini:2: unknown section [acount.a] (did you mean [account.NAME]?)"));
    CU_ASSERT(error_is("[foo]\n", NULL,
                       "t.ini:1: unknown section [foo] (sections: sim, policy, account.NAME, traffic.NAME, tenant.NAME, configset.NAME, mailbox.NAME, domain.NAME)"));
    CU_ASSERT(error_is("[sim]\nseed = 2\n[account]\nstage = sandbox\n", NULL,
                       "t.ini:3: section [account] needs a name, as in [account.NAME]"));
    CU_ASSERT(error_is("[sim.x]\n", NULL, "t.ini:1: section [sim.x] takes no name: write [sim]"));
    CU_ASSERT(error_is("[account.a b]\n", NULL,
                       "t.ini:1: 'a b' is not a valid name (letters, digits, _ and -, at most 63)"));
    CU_ASSERT(error_is("[account.]\n", NULL,
                       "t.ini:1: '' is not a valid name (letters, digits, _ and -, at most 63)"));
    CU_ASSERT(error_is("[sim]\n", NULL, "t.ini: the scenario has no [account.NAME] section"));
    /* Names of up to 63 characters. */
    char text[128], name[80];
    memset(name, 'n', 63);
    name[63] = 0;
    snprintf(text, sizeof text, "[account.%s]\n", name);
    scenario *s = load(text);
    CU_ASSERT_PTR_NOT_NULL(s);
    scn_destroy(s);
    strcat(name, "n");
    snprintf(text, sizeof text, "[account.%s]\n", name);
    char want[160];
    snprintf(want, sizeof want, "t.ini:1: '%s' is not a valid name (letters, digits, _ and -, at most 63)", name);
    CU_ASSERT(error_is(text, NULL, want));
}

static void test_error_duplicates(void)
{
    CU_ASSERT(error_is("[sim]\ntick = 1m\ntick = 2m\n[account.a]\n", NULL,
                       "t.ini:3: key 'tick' is given twice (first at line 2)"));
    CU_ASSERT(error_is("[sim]\nseed = 1\n[account.a]\n[sim]\nreps = 2\n", NULL,
                       "t.ini:4: section [sim] appears twice"));
    CU_ASSERT(error_is("[account.a]\n[account.b]\n[account.a]\n", NULL,
                       "t.ini:3: section [account.a] appears twice"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\n[traffic.t]\n", NULL,
                       "t.ini:3: section [traffic.t] appears twice"));
}

static void test_error_values(void)
{
    CU_ASSERT(error_is("[sim]\ntick = 5\n[account.a]\n", NULL,
                       "t.ini:2: sim.tick: '5' is not a duration (e.g. 500ms, 30s, 15m, 24h, 7d, 2w)"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\ninvalid = 101%\n", NULL,
                       "t.ini:3: traffic.t.invalid: share '101%' is outside 0%..100%"));
    CU_ASSERT(error_is("[account.a]\nstage = staging\n", NULL,
                       "t.ini:2: account.a.stage: 'staging' is not one of production|sandbox"));
    CU_ASSERT(error_is("[account.a]\nmax24h = -5\n", NULL,
                       "t.ini:2: account.a.max24h: quota '-5' is negative (the only negative quota is -1, unlimited)"));
    CU_ASSERT(error_is("[account.a]\nmax24h = 0\n", NULL, "t.ini:2: account.a.max24h: must be positive"));
    CU_ASSERT(error_is("[sim]\nstart = 2026-02-30\n[account.a]\n", NULL,
                       "t.ini:2: sim.start: '2026-02-30' is not a valid date or time"));
    CU_ASSERT(error_is("[sim]\nseed = -1\n[account.a]\n", NULL, "t.ini:2: sim.seed: '-1' is not a whole number"));
    CU_ASSERT(error_is("[sim]\nreps = 0\n[account.a]\n", NULL, "t.ini:2: sim.reps: must be between 1 and 1000000"));
    CU_ASSERT(error_is("[sim]\ntargets = 100k, 50k\n[account.a]\n", NULL,
                       "t.ini:2: sim.targets: targets must be positive and increasing ('50k')"));
    CU_ASSERT(error_is("[policy]\nbounce_review = 20%\n[account.a]\n", NULL,
                       "t.ini:2: policy.bounce_review: must not exceed policy.bounce_pause"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\nverified = 60%\nsimulator = 50%\n", NULL,
                       "t.ini:3: traffic.t.verified: verified and simulator shares add up to over 100%"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\nhours = 1, 2\n", NULL,
                       "t.ini:3: traffic.t.hours: hours needs 24 weights with a positive sum, or a range such as 8-20"));
}

static void test_error_sim_multiples(void)
{
    /* interval not a multiple of tick: the error points at the interval line */
    CU_ASSERT(error_is("[sim]\ntick = 10m\ninterval = 15m\n[account.a]\n", NULL,
                       "t.ini:3: sim.interval: must be a positive multiple of sim.tick"));
    /* duration not a multiple of interval */
    CU_ASSERT(error_is("[sim]\nduration = 90d30m\n[account.a]\n", NULL,
                       "t.ini:2: sim.duration: must be a positive multiple of sim.interval"));
    /* a key left at its default points at its section's line */
    CU_ASSERT(error_is("[account.a]\n[sim]\ntick = 7m\n", NULL,
                       "t.ini:3: sim.tick: must divide 1h (e.g. 1s, 10s, 1m, 5m, 15m, 1h)"));
    CU_ASSERT(error_is("[account.a]\n[sim]\ninterval = 7h\n", NULL,
                       "t.ini:2: sim.duration: must be a positive multiple of sim.interval"));
}

static void test_error_references(void)
{
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\naccount = b\n", NULL,
                       "t.ini:3: traffic.t.account: no account named 'b' (add a section [account.b])"));
    CU_ASSERT(error_is("[account.a]\n[account.b]\n[traffic.t]\nkind = constant\n", NULL,
                       "t.ini:3: traffic.t.account: is required when the scenario has several accounts"));
    CU_ASSERT(error_is("[account.a]\n[traffic.t]\naccount = a, a\n", NULL,
                       "t.ini:3: traffic.t.account: account 'a' is named twice"));
    /* Accounts may be declared after the traffic that names them. */
    scenario *s = load("[traffic.t]\naccount = b, a\n[account.a]\n[account.b]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->traffic[0].account_index[0], 1);
    CU_ASSERT_EQUAL(s->traffic[0].account_index[1], 0);
    scn_destroy(s);
}

static void test_error_syntax(void)
{
    CU_ASSERT(error_is("daily = 5\n[sim]\n", NULL, "t.ini:1: 'daily' is outside any section"));
    CU_ASSERT(error_is("; header\n\nseed = 5\n", NULL, "t.ini:3: 'seed' is outside any section"));
    CU_ASSERT(error_is("[sim]\nthis is not ini\n[account.a]\n", NULL,
                       "t.ini:2: syntax error: expected [section], key = value, or a comment"));
    CU_ASSERT(error_is("[account.a]\n[sim\n", NULL,
                       "t.ini:2: syntax error: expected [section], key = value, or a comment"));
}

/* Lines of up to 198 characters are read; 199 is an error naming the line. */
static void test_line_length(void)
{
    char text[512], line[256];
    memset(line, 'x', sizeof line);
    line[0] = ';';
    line[198] = 0;
    snprintf(text, sizeof text, "[account.a]\n%s\n", line);
    scenario *s = load(text);
    CU_ASSERT_PTR_NOT_NULL(s);
    scn_destroy(s);
    /* 198 characters of key = value */
    snprintf(text, sizeof text, "[account.a]\npayer = %.*s\n", 198 - 8, line + 1);
    s = load(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(strlen(s->accounts[0].payer), 190);
    scn_destroy(s);
    line[198] = 'x';
    line[199] = 0;
    snprintf(text, sizeof text, "[account.a]\n%s\n", line);
    CU_ASSERT(error_is(text, NULL, "t.ini:2: line is longer than 198 characters"));
    /* The CR of a CRLF line end does not count. */
    line[199] = 0;
    line[198] = 0;
    snprintf(text, sizeof text, "[account.a]\r\n%s\r\n", line);
    s = load(text);
    CU_ASSERT_PTR_NOT_NULL(s);
    scn_destroy(s);
}

static void test_bom_crlf_comments(void)
{
    scenario *s = load("\xEF\xBB\xBF[sim]\nseed = 4\n[account.a]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->sim.seed, 4);
    scn_destroy(s);
    /* A BOM before a header comment stays out of the header. */
    s = load("\xEF\xBB\xBF; Question: how fast?\n[account.a]\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->header, "Question: how fast?\n");
    scn_destroy(s);
    s = load("; one\r\n;two\r\n[sim]\r\nseed = 4\r\n\r\n[account.a]\r\nstage = sandbox\r\npayer = acme\r\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->sim.seed, 4);
    CU_ASSERT_EQUAL(s->accounts[0].stage, STAGE_SANDBOX);
    CU_ASSERT_STRING_EQUAL(s->accounts[0].payer, "acme");
    CU_ASSERT_STRING_EQUAL(s->header, "one\ntwo\n");
    scn_destroy(s);
    /* Errors count CRLF lines like LF lines. */
    CU_ASSERT(error_is("[sim]\r\nseed = 4\r\nbogus = 1\r\n", NULL, "t.ini:3: unknown key 'bogus' in [sim]"));
    /* Comments: whole-line ; and #, inline ; after a space; blank lines. */
    s = load("# c\n\n[sim]\n; c\nseed = 9 ; nine\n  \n[account.a]\npayer = a;b\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->sim.seed, 9);
    CU_ASSERT_STRING_EQUAL(s->accounts[0].payer, "a;b");
    scn_destroy(s);
    /* An empty text has no account. */
    CU_ASSERT(error_is("", NULL, "t.ini: the scenario has no [account.NAME] section"));
}

/* ---- --set ---- */

static void test_set_overrides(void)
{
    const char *text = "[sim]\nseed = 3\n[account.main]\nmax24h = 20k\n";
    const char *sets[] = {"sim.seed=9", "account.main.max24h=1.5M", "policy.preset=modern",
                          "sim.seed=11", NULL};
    sim_err err = {0};
    scenario *s = load_with(text, sets, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->sim.seed, 11); /* the last --set wins */
    CU_ASSERT_EQUAL(s->accounts[0].max24h, 1.5e6);
    CU_ASSERT_EQUAL(s->policy.preset, PRESET_MODERN);
    scn_destroy(s);
}

/* --add adds a section, which later --set assignments can change. */
static void test_add_creates_sections(void)
{
    const char *sets[] = {"+traffic.news.daily=50k", "traffic.news.kind=constant", "sim.reps=3", NULL};
    sim_err err = {0};
    scenario *s = load_with("[account.main]\n", sets, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(s->n_traffic, 1);
    CU_ASSERT_STRING_EQUAL(s->traffic[0].name, "news");
    CU_ASSERT_EQUAL(s->traffic[0].daily, 50000);
    CU_ASSERT_STRING_EQUAL(s->traffic[0].kind->name, "constant");
    CU_ASSERT_STRING_EQUAL(s->traffic[0].account.v[0], "main");
    CU_ASSERT_EQUAL(s->sim.reps, 3);
    scn_destroy(s);
    /* A whole scenario from --add alone. */
    const char *only[] = {"+account.x.stage=sandbox", NULL};
    s = load_with("", only, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->n_accounts, 1);
    CU_ASSERT_EQUAL(s->accounts[0].max24h, 200);
    scn_destroy(s);
}

static void test_set_errors(void)
{
    const char *text = "[account.main]\n";
    const char *s1[] = {"x", NULL}, *s2[] = {"=1", NULL}, *s3[] = {"policy.nokey=1", NULL},
               *s4[] = {"nosection.key=1", NULL}, *s5[] = {"seed=1", NULL},
               *s6[] = {"sim.tick=5", NULL}, *s7[] = {"policy.ramp_factr=2", NULL},
               *s8[] = {"account.key=1", NULL}, *s9[] = {"+traffic.t.account=nobody", NULL};
    CU_ASSERT(error_is(text, s1, "--set: 'x' is not KEY=VALUE"));
    CU_ASSERT(error_is(text, s2, "--set: '=1' is not KEY=VALUE"));
    CU_ASSERT(error_is(text, s3, "--set policy.nokey=1: unknown key 'nokey' in [policy]"));
    CU_ASSERT(error_is(text, s4,
                       "--set nosection.key=1: unknown section [nosection] (sections: sim, policy, account.NAME, traffic.NAME, tenant.NAME, configset.NAME, mailbox.NAME, domain.NAME)"));
    CU_ASSERT(error_is(text, s5, "--set: 'seed=1': KEY must be section.key or section.name.key"));
    CU_ASSERT(error_is(text, s6,
                       "--set sim.tick=5: sim.tick: '5' is not a duration (e.g. 500ms, 30s, 15m, 24h, 7d, 2w)"));
    CU_ASSERT(error_is(text, s7,
                       "--set policy.ramp_factr=2: unknown key 'ramp_factr' in [policy] (did you mean 'ramp_factor'?)"));
    CU_ASSERT(error_is(text, s8, "--set account.key=1: section [account] needs a name, as in [account.NAME]"));
    CU_ASSERT(error_is(text, s9,
                       "--add traffic.t.account=nobody: traffic.t.account: no account named 'nobody' (add a section [account.nobody])"));
}

/* Was a BUG: a --set naming a stream or account the scenario lacks added it at
 * the defaults (--set traffic.main.invalid=1% with account main and stream all
 * added a second stream of 10k a day). Now it is refused, naming the closest
 * section of that kind the scenario has. */
static void test_set_refuses_missing_section(void)
{
    const char *text = "[account.main]\n[account.backup]\n[traffic.all]\naccount = main\n"
                       "[traffic.news]\naccount = main\n";
    const char *typo[] = {"traffic.main.invalid=1%", NULL}, *near[] = {"traffic.newz.daily=1k", NULL},
               *acct[] = {"account.bakup.max24h=1k", NULL}, *none[] = {"traffic.x.daily=1k", NULL},
               *after_key[] = {"traffic.main.invalidd=1%", NULL};
    CU_ASSERT(error_is(text, typo, "--set traffic.main.invalid=1%: the scenario has no section "
                                   "[traffic.main] (did you mean [traffic.all]? to add a section, use --add)"));
    CU_ASSERT(error_is(text, near, "--set traffic.newz.daily=1k: the scenario has no section "
                                   "[traffic.newz] (did you mean [traffic.news]? to add a section, use --add)"));
    CU_ASSERT(error_is(text, acct, "--set account.bakup.max24h=1k: the scenario has no section "
                                   "[account.bakup] (did you mean [account.backup]? to add a section, use --add)"));
    CU_ASSERT(error_is("[account.a]\n", none, "--set traffic.x.daily=1k: the scenario has no section "
                                              "[traffic.x] and no [traffic.NAME] at all (to add one, use --add)"));
    /* The key is checked first: its message has the suggestion that fixes it. */
    CU_ASSERT(error_is(text, after_key, "--set traffic.main.invalidd=1%: unknown key 'invalidd' in "
                                        "[traffic] (did you mean 'invalid'?)"));
    /* [sim] and [policy] are always there, written in the file or not. */
    const char *unnamed[] = {"policy.ramp_factor=1.5", "sim.reps=2", NULL};
    sim_err err = {0};
    scenario *s = load_with("[account.a]\n", unnamed, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    ASSERT_NEAR(s->policy.ramp_factor, 1.5, 1e-15);
    scn_destroy(s);
    /* Refused, the scenario is as it was: nothing was added. */
    s = scn_create();
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, text, "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL(scn_set(s, "traffic.main.invalid=1%", &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL(s->n_traffic, 2);
    scn_destroy(s);
}

/* --add names a new section: not one the scenario has, not [sim] or [policy],
 * not '*'; its key is checked like a --set's. */
static void test_add_errors(void)
{
    const char *text = "[account.main]\n[traffic.all]\n";
    const char *had[] = {"+traffic.all.daily=5k", NULL}, *sim[] = {"+sim.tick=1m", NULL},
               *every[] = {"+traffic.*.daily=5k", NULL}, *key[] = {"+traffic.x.dayly=5k", NULL},
               *twice[] = {"+traffic.x.daily=5k", "+traffic.x.account=main", NULL},
               *bad[] = {"+traffic.x.daily=lots", NULL};
    CU_ASSERT(error_is(text, had, "--add traffic.all.daily=5k: the scenario has [traffic.all] "
                                  "already: change it with --set traffic.all.daily=5k"));
    CU_ASSERT(error_is(text, sim, "--add sim.tick=1m: every scenario has [sim]: change it with "
                                  "--set sim.tick=1m"));
    CU_ASSERT(error_is(text, every, "--add traffic.*.daily=5k: --add adds one named section: "
                                    "traffic.NAME.KEY=VALUE, not '*'"));
    CU_ASSERT(error_is(text, key, "--add traffic.x.dayly=5k: unknown key 'dayly' in [traffic] "
                                  "(did you mean 'daily'?)"));
    CU_ASSERT(error_is(text, twice, "--add traffic.x.account=main: the scenario has [traffic.x] "
                                    "already: change it with --set traffic.x.account=main"));
    CU_ASSERT(error_is(text, bad, "--add traffic.x.daily=lots: traffic.x.daily: 'lots' is not a "
                                  "count (e.g. 10000, 10k, 1.5M)"));
}

/* Where a batch --set applies: [sim] and [policy] always, named sections only
 * where the file has them; unknown keys and malformed assignments are errors. */
static void test_set_applies(void)
{
    scenario *s = scn_create();
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, "[account.main]\n[traffic.news]\ndaily = 5k\n", "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL(scn_set_applies(s, "sim.reps=3", &err), 1);
    CU_ASSERT_EQUAL(scn_set_applies(s, "policy.ramp_factor=1.5", &err), 1); /* no [policy] in the file */
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.news.invalid=2%", &err), 1);
    CU_ASSERT_EQUAL(scn_set_applies(s, "account.main.max24h=50k", &err), 1);
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.promo.invalid=2%", &err), 0);
    CU_ASSERT_EQUAL(scn_set_applies(s, "account.other.max24h=50k", &err), 0);
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.news.invalidd=2%", &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "--set traffic.news.invalidd=2%: unknown key 'invalidd' in [traffic] (did you mean 'invalid'?)");
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.promo.ramp_factor=2", &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(scn_set_applies(s, "reps=3", &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.*.invalid=2%", &err), 1);
    CU_ASSERT_EQUAL(s->n_traffic, 0); /* nothing applied, nothing resolved */
    scn_destroy(s);
    s = scn_create();
    CU_ASSERT_EQUAL_FATAL(scn_load_string(s, "[account.main]\n", "t.ini", ".", &err), 0);
    CU_ASSERT_EQUAL(scn_set_applies(s, "traffic.*.invalid=2%", &err), 0);
    scn_destroy(s);
}

/* traffic.*.KEY sets the key in every stream; with no stream it is an error. */
static void test_set_every_section(void)
{
    const char *text = "[account.a]\n[traffic.x]\ninvalid = 1%\n[traffic.y]\n";
    const char *sets[] = {"traffic.*.invalid=3%", "traffic.y.invalid=4%", NULL};
    sim_err err = {0};
    scenario *s = load_with(text, sets, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(s->n_traffic, 2);
    ASSERT_NEAR(s->traffic[0].invalid, 0.03, 1e-15);
    ASSERT_NEAR(s->traffic[1].invalid, 0.04, 1e-15); /* the later, named --set wins */
    scn_destroy(s);
    const char *none[] = {"traffic.*.daily=3k", NULL}, *unnamed[] = {"sim.*.seed=3", NULL},
               *badkey[] = {"account.*.invalid=3%", NULL};
    CU_ASSERT(error_is("[account.a]\n", none, "--set traffic.*.daily=3k: the scenario has no [traffic.NAME] section"));
    CU_ASSERT(error_is(text, unnamed,
                       "--set sim.*.seed=3: '*' stands for every section of a kind with names: traffic.*.KEY or account.*.KEY"));
    CU_ASSERT(error_is(text, badkey,
                       "--set account.*.invalid=3%: unknown key 'invalid' in [account] (it is a key of [traffic.NAME])"));
}

/* Resolving again after a --set gives the new values (and frees the old ones:
 * the sanitizer build checks for leaks). */
static void test_resolve_again(void)
{
    sim_err err = {0};
    scenario *s = scn_create();
    CU_ASSERT_EQUAL(scn_load_string(s, "[account.a]\n[traffic.t]\nhours = 8-20\n", "t.ini", "", &err), 0);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL(s->traffic[0].daily, 10000);
    CU_ASSERT_EQUAL(scn_set(s, "traffic.t.daily=2M", &err), 0);
    CU_ASSERT_EQUAL(scn_set(s, "sim.targets=1k, 2k", &err), 0);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT_EQUAL(s->traffic[0].daily, 2e6);
    CU_ASSERT_EQUAL(s->sim.targets.n, 2);
    CU_ASSERT_EQUAL(s->n_accounts, 1);
    CU_ASSERT_EQUAL(s->n_traffic, 1);
    scn_destroy(s);
}

/* ---- printing and round trips ---- */

/* Odd values in every kind of field print and re-read to the same text, and
 * the values themselves survive exactly. */
static void test_round_trip_odd_values(void)
{
    const char *text =
        "; Question: do odd values survive?\n"
        "; second line\n"
        "\n"
        "[sim]\n"
        "start = 2026-01-05T09:30:00.250Z\n"
        "duration = 36h\n"
        "tick = 30s\n"
        "interval = 15m\n"
        "seed = 12345678901\n"
        "reps = 3\n"
        "targets = 1500, 1.5M, 2G\n"
        "[policy]\n"
        "preset = modern\n"
        "complaint_review = 0.1%\n"
        "complaint_pause = 0.333333333333333333\n"
        "rate_table = 1:0.5, 1500:2.5, 1.5M:33.3\n"
        "related_by = domain, payer\n"
        "ramp_factor = 1.25\n"
        "[account.a-1]\n"
        "stage = sandbox\n"
        "payer = Acme Corp\n"
        "request_production = 2026-01-07\n"
        "request_quota = 30d:500k, 2026-03-01T00:00:00Z:2M\n"
        "on_pause = fix\n"
        "[account.b_2]\n"
        "max24h = 123456789\n"
        "max_rate = 0.5\n"
        "[traffic.t]\n"
        "account = b_2, a-1\n"
        "kind = campaign\n"
        "size = 12345\n"
        "every = 1d12h\n"
        "at = 2026-01-06T10:00:00Z\n"
        "daily = 1/3\n";
    /* "1/3" is no count: check the error, then use a real text for one third */
    CU_ASSERT(error_is(text, NULL, "t.ini:34: traffic.t.daily: '1/3' is not a count (e.g. 10000, 10k, 1.5M)"));
    char fixed[4096];
    snprintf(fixed, sizeof fixed, "%.*s%s", (int)(strstr(text, "daily = 1/3") - text), text,
             "daily = 123.456k\n"
             "growth = -1%\n"
             "weekend = 40%\n"
             "hours = 0.1, 0.2, 0.3, 1e-7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0.5, 0\n"
             "invalid = 0.1%\n"
             "soft_bounce = 0.3333333333333333333\n"
             "list_decay = 1e-7\n"
             "complaint = 0.02%\n"
             "target_utilization = 0.66666666666666666\n"
             "max_backlog = 1.5M\n"
             "retry_attempts = 0\n"
             "verified = 12.5%\n"
             "simulator = 87.5%\n");
    scenario *s = load(fixed);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    scn_traffic *t = &s->traffic[0];
    CU_ASSERT_EQUAL(t->daily, 123456);
    CU_ASSERT_EQUAL(t->soft_bounce, 1.0 / 3);
    CU_ASSERT_EQUAL(t->target_utilization, 2.0 / 3);
    CU_ASSERT_EQUAL(t->invalid, 0.001);
    CU_ASSERT_EQUAL(t->list_decay, 1e-7);
    CU_ASSERT_EQUAL(t->growth, -0.01);
    CU_ASSERT_EQUAL(t->every, 36 * HOUR);
    CU_ASSERT_EQUAL(t->at, DAY + 30 * MIN - 250); /* 2026-01-06T10:00Z from start 09:30:00.250 */
    CU_ASSERT_EQUAL(s->policy.complaint_pause, 1.0 / 3);
    CU_ASSERT_EQUAL(s->policy.related_by, RELATED_PAYER | RELATED_DOMAIN);
    CU_ASSERT_EQUAL(s->sim.seed, 12345678901LL);
    CU_ASSERT_EQUAL(s->accounts[0].request_production, 2 * DAY - 9 * HOUR - 30 * MIN - 250);
    CU_ASSERT(round_trips(s));
    /* The second reading holds the same values. */
    char *printed = print_to_string(s, 0);
    scenario *u = load(printed);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    CU_ASSERT_EQUAL(u->traffic[0].daily, 123456);
    CU_ASSERT_EQUAL(u->traffic[0].list_decay, 1e-7);
    CU_ASSERT_EQUAL(memcmp(u->traffic[0].hours, t->hours, sizeof t->hours), 0);
    CU_ASSERT_EQUAL(u->traffic[0].at, t->at);
    CU_ASSERT_EQUAL(u->sim.start, s->sim.start);
    CU_ASSERT_EQUAL(u->accounts[0].request_quota.n, 2);
    CU_ASSERT_EQUAL(u->accounts[0].request_quota.x[1], s->accounts[0].request_quota.x[1]);
    CU_ASSERT_STRING_EQUAL(u->header, "Question: do odd values survive?\nsecond line\n");
    scn_destroy(u);
    free(printed);
    scn_destroy(s);
}

/* What the printed text looks like: header, then every key of every section,
 * then the line saying which sesim resolved it. */
static void test_print_shape(void)
{
    scenario *s = load("; Q?\n[account.main]\n[sim]\nseed = 7\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char *out = print_to_string(s, 0);
    const char *head = "; Q?\n\n[sim]\n";
    CU_ASSERT_NSTRING_EQUAL(out, head, strlen(head));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n\n; resolved by sesim "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n[sim]\nstart = 2026-01-01T00:00:00Z\nduration = 90d\ntick = auto\n"
                                       "tick_fine = 1m\ninterval = 1h\nseed = 7\nreps = 1\ntargets = 50k, 100k, 1M\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n[account.main]\nstage = production\nmax24h = 10k\nmax_rate = 5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\npayer =\n")); /* empty values: no trailing space */
    /* sim and policy come first, whatever the order in the file */
    CU_ASSERT(strstr(out, "[sim]") < strstr(out, "[policy]"));
    CU_ASSERT(strstr(out, "[policy]") < strstr(out, "[account.main]"));
    free(out);
    /* annotated: defaults and assumptions are marked, written values are not */
    out = print_to_string(s, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nseed = 7\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nreps = 1   ; default\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nrep_volume = 10k   ; default, assumption\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nmax24h = 10k   ; policy baseline of the stage\n"));
    free(out);
    scn_destroy(s);
}

/* Was a BUG: scn_print (sim/scenario.c) wrote "; resolved by sesim ..." as the first
 * line when the scenario has no header comment; re-reading that text takes the
 * line as the header, so the second print has it twice and is not
 * byte-identical (a run from DIR/scenario.ini of a header-less scenario writes
 * a different scenario.ini). */
static void test_round_trip_without_header(void)
{
    scenario *s = load("[account.main]\n[traffic.t]\nkind = constant\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(round_trips(s));
    scn_destroy(s);
}

/* Was a BUG: scn_print (sim/scenario.c) wrote lines longer than the 198 characters
 * the reader accepts, so its output cannot be read back: (1) a list value set
 * with --set (24 hour weights of 17 digits each: 456 characters); (2) a header
 * comment line of 198 characters whose comment sign is not followed by a space
 * comes back as "; " + 197 characters = 199. */
static void test_print_lines_fit_reader(void)
{
    char set[1024] = "traffic.t.hours=";
    for (int h = 0; h < 24; h++)
        strcat(set, h ? ",0.333333333333333" : "0.333333333333333");
    const char *sets[] = {set, NULL};
    sim_err err = {0};
    scenario *s = load_with("; h\n[account.main]\n[traffic.t]\n", sets, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(round_trips(s));
    scn_destroy(s);

    char text[512];
    memset(text, 'x', 198);
    text[0] = '#';
    strcpy(text + 198, "\n\n[account.main]\n");
    s = load(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(round_trips(s));
    scn_destroy(s);
}

/* Was a BUG: string values were printed as they are, but the reader strips an
 * inline comment " ;..." and surrounding spaces, so a value given with --set
 * containing " ;" came back shorter. Now --set trims values as the reader
 * does, and text holding " ;" is refused with a clear message. */
static void test_round_trip_string_values(void)
{
    const char *sets[] = {"account.main.domain= padded ", NULL};
    sim_err err = {0};
    scenario *s = load_with("; h\n[account.main]\n", sets, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->accounts[0].domain, "padded");
    CU_ASSERT(round_trips(s));
    scn_destroy(s);
    const char *bad[] = {"account.main.payer=a ;b", NULL};
    s = load_with("; h\n[account.main]\n", bad, &err);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "' ;' starts a comment"));
    scn_destroy(s);
}

/* Was a BUG: a relative `file` was resolved against the scenario's folder and
 * printed relative, so DIR/scenario.ini re-read from another folder named
 * another file. Now paths are kept absolute. */
static void test_round_trip_relative_path(void)
{
    scenario *s = scn_create();
    sim_err err = {0};
    CU_ASSERT_EQUAL(scn_load_string(s, "; h\n[account.a]\n[traffic.t]\nkind = csv\nfile = data.csv\n",
                                    "scn/t.ini", "scn", &err), 0);
    CU_ASSERT_EQUAL_FATAL(scn_resolve(s, &err), 0);
    const char *f = s->traffic[0].file;
    CU_ASSERT_EQUAL(f[0], '/');
    CU_ASSERT(strlen(f) > 13 && !strcmp(f + strlen(f) - 13, "/scn/data.csv"));
    CU_ASSERT(round_trips_in(s, "out/scenario.ini", "out"));
    scn_destroy(s);
}

/* ---- files ---- */

static char *write_temp(const char *content, size_t n)
{
    char *path = strdup("/tmp/sesim_test_XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL((size_t)write(fd, content, n), n);
    close(fd);
    return path;
}

static void test_load_file(void)
{
    const char ok[] = "; from a file\n[account.a]\n[traffic.t]\nfile = rel.csv\n";
    char *path = write_temp(ok, sizeof ok - 1);
    scenario *s = scn_create();
    sim_err err = {0};
    CU_ASSERT_EQUAL(scn_load_file(s, path, &err), 0);
    CU_ASSERT_EQUAL(scn_resolve(s, &err), 0);
    CU_ASSERT_STRING_EQUAL(s->path, path);
    CU_ASSERT_STRING_EQUAL(s->traffic[0].file, "/tmp/rel.csv"); /* against the file's folder */
    scn_destroy(s);
    unlink(path);
    free(path);

    const char nul[] = "[account.a]\nstage = \0sandbox\n";
    path = write_temp(nul, sizeof nul - 1);
    s = scn_create();
    char want[256];
    snprintf(want, sizeof want, "%s:2: NUL byte in scenario file", path);
    CU_ASSERT_EQUAL(scn_load_file(s, path, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    scn_destroy(s);
    unlink(path);
    free(path);

    path = write_temp("", 0);
    s = scn_create();
    snprintf(want, sizeof want, "%s: scenario file is empty", path);
    CU_ASSERT_EQUAL(scn_load_file(s, path, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    scn_destroy(s);
    unlink(path);
    free(path);

    s = scn_create();
    CU_ASSERT_EQUAL(scn_load_file(s, "/nonexistent/dir/x.ini", &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "/nonexistent/dir/x.ini: cannot open scenario: No such file or directory");
    scn_destroy(s);
}

/* ---- key table helpers ---- */

static void test_key_table(void)
{
    CU_ASSERT_EQUAL(scn_edit_distance("", ""), 0);
    CU_ASSERT_EQUAL(scn_edit_distance("kitten", "sitting"), 3);
    CU_ASSERT_EQUAL(scn_edit_distance("daily", "dialy"), 2);
    CU_ASSERT_EQUAL(scn_edit_distance("abc", ""), 3);
    CU_ASSERT_STRING_EQUAL(scn_suggest_key(SEC_TRAFFIC, "weekends"), "weekend");
    CU_ASSERT_PTR_NULL(scn_suggest_key(SEC_TRAFFIC, "qqqqqqqq"));
    CU_ASSERT_PTR_NOT_NULL(scn_find_key(SEC_POLICY, "rate_table"));
    CU_ASSERT_PTR_NULL(scn_find_key(SEC_POLICY, "daily"));
    /* Every key's default parses (with sim.start as the start). */
    int bad = 0;
    for (int k = 0; k < SEC_COUNT; k++)
        for (size_t i = 0; i < scn_sections[k].n_keys; i++) {
            const scn_keydef *d = &scn_sections[k].keys[i];
            if (!d->def)
                continue;
            union { double d; int64_t i; int e; char *p; scn_list l; scn_points pt; scn_names n; double h[24]; } field;
            memset(&field, 0, sizeof field);
            scn_ctx ctx = {.start = 1767225600000LL, .dir = "", .choices = d->choices};
            sim_err err = {0};
            if (d->type->parse(d->def, &field, &ctx, &err) != 0) {
                fprintf(stderr, "\n  default of %s.%s does not parse: %s\n", scn_sections[k].name, d->name, err.msg);
                bad++;
            }
            if (d->type->release)
                d->type->release(&field);
        }
    CU_ASSERT_EQUAL(bad, 0);
}

/* The estimate of a run counts the mailbox providers' work and files
 * (issue 22: it ignored mailboxes.csv and ips.csv). One account on two
 * dedicated IPs, 1 day of hourly rows, the four default providers. */
static void test_estimate_mailboxes(void)
{
    static const char text[] = "[sim]\nduration = 1d\ninterval = 1h\ntick = 1h\n"
                               "[account.ab]\nip_pool = standard\ndedicated_ips = 2\n"
                               "[traffic.t]\naccount = ab\n";
    sim_err err = {0};
    const char *const on[] = {"sim.mailboxes=on", NULL};
    scenario *off = load(text), *with = load_with(text, on, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(off);
    CU_ASSERT_PTR_NOT_NULL_FATAL(with);
    CU_ASSERT_EQUAL(with->n_mailboxes, 4);
    scn_estimate e0, e1, e2;
    scn_estimate_run(off, 1, &e0);
    scn_estimate_run(with, 1, &e1);
    scn_estimate_run(with, 0, &e2); /* a sweep point without its series */
    /* ips.csv: a row a day even without the providers */
    CU_ASSERT_EQUAL(e0.rows, 24 + 1);
    CU_ASSERT(e0.ips_csv && !e0.mailboxes_csv);
    /* mailboxes.csv: 24 intervals x 4 providers x 2 pools, of 100 bytes and the names */
    CU_ASSERT_EQUAL(e1.rows, e0.rows + 24 * 4 * 2);
    double names = strlen("gmail") + strlen("microsoft") + strlen("yahoo") + strlen("other");
    CU_ASSERT_DOUBLE_EQUAL(e1.bytes - e0.bytes, 24 * 2 * (4 * (SCN_MAILBOX_ROW_BYTES + 2) + names), 1e-6);
    CU_ASSERT(e1.mailboxes_csv && e1.ips_csv);
    /* work: 24 ticks x 1 part x 2 x 4 providers, 24 hours x 8 senders */
    CU_ASSERT_DOUBLE_EQUAL(e1.work - e0.work, 24 * 8 + 24 * 8, 1e-6);
    CU_ASSERT_EQUAL(e2.rows, 0);
    CU_ASSERT_EQUAL(e2.bytes, 0);
    CU_ASSERT_EQUAL(e2.work, e1.work);
    scn_destroy(off);
    scn_destroy(with);
}

/* A tenant sends through a configuration set associated with it
 * (CreateTenantResourceAssociation: a resource associated with a tenant "can
 * be used when sending emails on behalf of that tenant"): a stream may name
 * both. A set's pool defaults to the account's (ip_pool = account); its own
 * takes the account's keys (PutConfigurationSetDeliveryOptions SendingPoolName). */
static void test_tenant_through_configset(void)
{
    scenario *s = load("[account.a]\n[tenant.t]\n[configset.c]\n[configset.d]\nip_pool = standard\n"
                       "dedicated_ips = 4\nwarmup_days = 30d\n[traffic.x]\ntenant = t\n"
                       "configset = c\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->traffic[0].tenant_index, 0);
    CU_ASSERT_EQUAL(s->traffic[0].configset_index, 0);
    CU_ASSERT_EQUAL(s->configsets[0].ip_pool, CONFIGSET_POOL_ACCOUNT);
    CU_ASSERT_EQUAL(s->configsets[1].ip_pool, CONFIGSET_POOL_STANDARD);
    CU_ASSERT_EQUAL(s->configsets[1].dedicated_ips, 4);
    CU_ASSERT_EQUAL(s->configsets[1].warmup, WARMUP_SES);
    CU_ASSERT_EQUAL(s->configsets[1].warmup_days, 30 * SIM_MS_PER_DAY);
    scn_destroy(s);
}

TEST_SUITE(scenario,
           {"defaults", test_defaults},
           {"a tenant through a configuration set; a set's own pool", test_tenant_through_configset},
           {"preset and stage defaults", test_preset_and_stage_defaults},
           {"traffic defaults", test_traffic_defaults},
           {"built-in default scenario", test_builtin_default},
           {"error: unknown key with suggestion", test_error_unknown_key},
           {"error: sections", test_error_sections},
           {"error: duplicate keys and sections", test_error_duplicates},
           {"error: bad values", test_error_values},
           {"error: tick, interval, duration multiples", test_error_sim_multiples},
           {"error: account references", test_error_references},
           {"error: syntax and keys outside sections", test_error_syntax},
           {"line length limit", test_line_length},
           {"BOM, CRLF and comments", test_bom_crlf_comments},
           {"--set overrides", test_set_overrides},
           {"--add creates sections", test_add_creates_sections},
           {"--set refuses a section the scenario lacks", test_set_refuses_missing_section},
           {"--add errors", test_add_errors},
           {"--set errors name the argument", test_set_errors},
           {"where a batch --set applies", test_set_applies},
           {"--set traffic.*.KEY", test_set_every_section},
           {"resolve again after --set", test_resolve_again},
           {"round trip with odd values", test_round_trip_odd_values},
           {"printed shape and annotations", test_print_shape},
           {"round trip without a header", test_round_trip_without_header},
           {"printed lines fit the reader", test_print_lines_fit_reader},
           {"string values round trip or are refused", test_round_trip_string_values},
           {"relative file path round trip", test_round_trip_relative_path},
           {"scn_load_file", test_load_file},
           {"key table helpers", test_key_table},
           {"the run's estimate counts the mailbox providers", test_estimate_mailboxes})
