/* main.c: the sesim command line: run, check, --help, --version.
 * Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "output.h"
#include "relations.h"
#include "run.h"
#include "scenario.h"

static const char usage_main[] =
    "usage: sesim COMMAND [ARGS]\n"
    "\n"
    "sesim simulates the quota ramp and sender reputation of an Amazon SES account\n"
    "(or several) for your traffic, and writes time series, events and summaries.\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]   run a scenario (the built-in default without one)\n"
    "  check SCENARIO   validate a scenario and print it fully resolved\n"
    "\n"
    "  sesim COMMAND --help   options of a command\n"
    "  sesim --version        version\n"
    "\n"
    "Exit status: 0 success, 1 the run failed, 2 bad usage or bad input.\n"
    "Documentation: man sesim, docs/model.md, docs/formats.md.\n";

static const char usage_run[] =
    "usage: sesim run [SCENARIO] [-o DIR] [--set KEY=VALUE]... [--seed N] [--reps N] [-j N] [--quiet]\n"
    "\n"
    "Runs SCENARIO (an INI file; without it the built-in default, the same as\n"
    "scenarios/default.ini) and writes into DIR (default out/):\n"
    "  timeseries.csv  one row per replication, account and interval\n"
    "  events.csv      what happened to each account, and when\n"
    "  summary.csv     one row per replication and account\n"
    "  bands.csv       with several replications: mean, p05, p50, p95 per time,\n"
    "                  account and metric\n"
    "  scenario.ini    the fully resolved scenario: 'sesim run DIR/scenario.ini'\n"
    "                  reproduces the run byte for byte\n"
    "Files appear only when the run completes; an earlier run's files stay until then.\n"
    "\n"
    "options:\n"
    "  -o, --out DIR         output folder (created if needed)\n"
    "  --set KEY=VALUE       override a scenario key: section.key or section.name.key,\n"
    "                        e.g. --set policy.ramp_factor=1.5 --set traffic.news.daily=200k\n"
    "  --seed N              same as --set sim.seed=N\n"
    "  --reps N              same as --set sim.reps=N (replications)\n"
    "  -j, --jobs N          replications run in N worker processes (default: one per\n"
    "                        core); the outputs are the same whatever N is\n"
    "  -q, --quiet           print nothing but errors\n";

static const char usage_check[] =
    "usage: sesim check SCENARIO [--set KEY=VALUE]...\n"
    "\n"
    "Validates SCENARIO and prints it fully resolved: every key of every section\n"
    "with its value. A comment marks values that are defaults, defaults that are\n"
    "assumptions (not public; see docs/model.md) and keys that are parsed but not\n"
    "modelled yet in this version. Errors: 'sesim: FILE:LINE: message', exit 2.\n";

typedef struct cli {
    const char *scenario;
    const char *outdir;
    const char **sets; /* KEY=VALUE, in order; --seed and --reps become sets too */
    int jobs;          /* -j N; 0: one per core */
    char **owned;      /* the sets made here, freed at the end */
    size_t n_sets, n_owned;
    int quiet;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "sesim: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see sesim --help)\n");
    return 2;
}

static void add_set(cli *c, const char *key, const char *value)
{
    if (!key) {
        c->sets[c->n_sets++] = value;
        return;
    }
    size_t n = strlen(key) + strlen(value) + 2;
    char *s = sim_xmalloc(n);
    snprintf(s, n, "%s=%s", key, value);
    c->owned[c->n_owned++] = s;
    c->sets[c->n_sets++] = s;
}

/* Options that take a value: name, short name, the key it sets (NULL: itself). */
static const struct {
    const char *name, *short_name, *key;
    int run_only;
} value_options[] = {
    {"--set", NULL, NULL, 0},
    {"--out", "-o", NULL, 1},
    {"--seed", NULL, "sim.seed", 1},
    {"--reps", NULL, "sim.reps", 1},
    {"--jobs", "-j", NULL, 1},
};

static int parse_args(int argc, char **argv, cli *c, const char *usage, int is_run)
{
    c->outdir = "out";
    c->sets = sim_xcalloc((size_t)argc, sizeof *c->sets);
    c->owned = sim_xcalloc((size_t)argc, sizeof *c->owned);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            exit(0);
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            c->quiet = 1;
            continue;
        }
        size_t k = 0, n = sizeof value_options / sizeof value_options[0];
        while (k < n && strcmp(a, value_options[k].name) &&
               !(value_options[k].short_name && !strcmp(a, value_options[k].short_name)))
            k++;
        if (k < n && (!value_options[k].run_only || is_run)) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            const char *v = argv[++i];
            if (!strcmp(value_options[k].name, "--out"))
                c->outdir = v;
            else if (!strcmp(value_options[k].name, "--jobs")) {
                char *end;
                long j = strtol(v, &end, 10);
                if (*end || j < 1 || j > 1024)
                    return usage_error("-j needs a number of jobs from 1 to 1024, not '%s'", v);
                c->jobs = (int)j;
            }
            else
                add_set(c, value_options[k].key, v);
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!c->scenario) {
            c->scenario = a;
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    return 0;
}

static void free_args(cli *c)
{
    for (size_t i = 0; i < c->n_owned; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->sets);
}

static scenario *load(const cli *c, sim_err *err)
{
    scenario *s = scn_create();
    int rc = c->scenario ? scn_load_file(s, c->scenario, err)
                         : scn_load_string(s, scn_default_text, "(built-in default)", ".", err);
    for (size_t i = 0; i < c->n_sets && !rc; i++)
        rc = scn_set(s, c->sets[i], err);
    if (!rc)
        rc = scn_resolve(s, err);
    if (rc) {
        scn_destroy(s);
        return NULL;
    }
    return s;
}

static int fail(const sim_err *err)
{
    if (err->msg[0]) /* empty: a worker has printed the error already */
        fprintf(stderr, "sesim: %s\n", err->msg);
    return sim_exit_code(err->code);
}

static int cmd_run(const cli *c)
{
    sim_err err;
    scenario *s = load(c, &err);
    if (!s)
        return fail(&err);
    run_options opt = {.outdir = c->outdir, .quiet = c->quiet, .jobs = c->jobs};
    out_install_signal_cleanup();
    int rc = run_scenario(s, &opt, &err);
    scn_destroy(s);
    if (rc)
        return fail(&err);
    if (!c->quiet)
        printf("sesim: wrote %s/timeseries.csv, events.csv, summary.csv, scenario.ini\n", c->outdir);
    return 0;
}

/* The relation groups of the accounts, as comments after the resolved scenario. */
static void print_groups(const scenario *s)
{
    size_t *group = sim_xmalloc(s->n_accounts * sizeof *group);
    relations_groups(s, group);
    printf("\n; relation groups (policy.related_by): accounts related to each other\n");
    for (size_t g = 0; g < s->n_accounts; g++) {
        if (group[g] != g)
            continue;
        printf(";   group %zu:", g + 1);
        for (size_t i = 0; i < s->n_accounts; i++)
            if (group[i] == g)
                printf(" %s", s->accounts[i].name);
        printf("\n");
    }
    free(group);
}

static int cmd_check(const cli *c)
{
    if (!c->scenario)
        return usage_error("check needs a SCENARIO%s", "");
    sim_err err;
    scenario *s = load(c, &err);
    if (!s)
        return fail(&err);
    scn_print(s, stdout, 1);
    print_groups(s);
    scn_destroy(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("sesim %s\n", SESIM_VERSION);
        return 0;
    }
    static const struct {
        const char *name, *usage;
        int (*fn)(const cli *);
        int is_run;
    } commands[] = {
        {"run", usage_run, cmd_run, 1},
        {"check", usage_check, cmd_check, 0},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name))
            continue;
        cli c = {0};
        int rc = parse_args(argc, argv, &c, commands[i].usage, commands[i].is_run);
        if (!rc)
            rc = commands[i].fn(&c);
        free_args(&c);
        return rc;
    }
    return usage_error("unknown command '%s'", argv[1]);
}
