/* main.c: the sesim command line: run, check, --help, --version.
 * Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "study/batch.h"
#include "core/config.h"
#include "core/error.h"
#include "io/output.h"
#include "models/relations.h"
#include "report/report.h"
#include "run/run.h"
#include "scenario/scenario.h"
#include "study/sweep.h"
#include "study/sweep_tables.h"

static const char usage_main[] =
    "usage: sesim COMMAND [ARGS]\n"
    "\n"
    "sesim simulates the quota ramp and sender reputation of an Amazon SES account\n"
    "(or several) for your traffic, and writes time series, events and summaries.\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]                     run a scenario (the built-in default without one)\n"
    "  check SCENARIO                     validate a scenario and print it fully resolved\n"
    "  sweep SCENARIO --vary KEY=SPEC...  run a parameter sweep\n"
    "  batch FILE_OR_DIR...               run many scenarios, one comparison table\n"
    "  merge DIR... -o DIR                combine the shards of a sweep\n"
    "  report DIR                         plots and an HTML page of a run, sweep or batch\n"
    "\n"
    "  sesim COMMAND --help   options of a command\n"
    "  sesim --version        version\n"
    "\n"
    "Exit status: 0 success, 1 the run failed, 2 bad usage or bad input, 130 interrupted\n"
    "(SIGINT, SIGTERM, SIGHUP).\n"
    "Documentation: man sesim, docs/model.md, docs/formats.md, docs/sweeps.md,\n"
    "docs/report.md.\n";

static const char usage_run[] =
    "usage: sesim run [SCENARIO] [-o DIR] [--set KEY=VALUE]... [--add KEY=VALUE]... [--seed N]\n"
    "                 [--reps N] [-j N] [--force] [--quiet]\n"
    "\n"
    "Runs SCENARIO (an INI file; without it the built-in default, the same as\n"
    "scenarios/default.ini) and writes into DIR (default out/):\n"
    "  timeseries.csv  one row per replication, account and interval\n"
    "  events.csv      what happened to each account, and when\n"
    "  summary.csv     one row per replication and account: final quota, totals,\n"
    "                  reviews, pauses and flags\n"
    "                  With several accounts, timeseries.csv and summary.csv also\n"
    "                  have rows for account '*', the organisation (a split\n"
    "                  stream's hand-overs between accounts not counted twice)\n"
    "  bands.csv       with several replications: mean, p05, p50, p95 per time,\n"
    "                  account and metric\n"
    "  tenants.csv     with [tenant.NAME] sections: one row per replication,\n"
    "                  tenant and interval (status, impact, mail, rates)\n"
    "  tenants-summary.csv  with tenants: one row per replication and tenant\n"
    "                  (totals, pauses by its policy and by the owner's alarms)\n"
    "  clients.csv     when a stream has a client (traffic.NAME.client = window|bucket|\n"
    "                  workers): per stream, calls, throttled_share, dropped and\n"
    "                  safe_client_rate, the highest setting throttled under client_target\n"
    "  scenario.ini    the fully resolved scenario: 'sesim run DIR/scenario.ini'\n"
    "                  reproduces the run byte for byte\n"
    "Files appear only when the run completes, as one set that replaces an earlier\n"
    "run's whole; until then the earlier files stay. DIR gets a mark, DIR/.sesim:\n"
    "files of these names in a folder without it are not replaced (exit 2), and one\n"
    "sesim at a time writes into a folder.\n"
    "\n"
    "options:\n"
    "  -o, --out DIR         output folder (created if needed)\n"
    "  --set KEY=VALUE       override a scenario key: section.key or section.name.key,\n"
    "                        e.g. --set policy.ramp_factor=1.5 --set traffic.news.daily=200k\n"
    "                        (traffic.*.KEY: every stream, e.g. --set 'traffic.*.invalid=3%');\n"
    "                        a traffic.NAME or account.NAME the scenario lacks is an error\n"
    "  --add KEY=VALUE       add a new section traffic.NAME or account.NAME with KEY = VALUE\n"
    "                        (its other keys: defaults, or a --set after it), e.g.\n"
    "                        --add traffic.extra.daily=5k --set traffic.extra.kind=constant\n"
    "  --seed N              same as --set sim.seed=N\n"
    "  --reps N              same as --set sim.reps=N (replications)\n"
    "  -j, --jobs N          replications run in N worker processes (default: one per\n"
    "                        core); the outputs are the same whatever N is\n"
    "  --force               run a scenario whose estimate is beyond the limits: over\n"
    "                        10^11 steps of work (hours of computing) or over 10 GB of\n"
    "                        timeseries.csv (refused otherwise, with the estimate)\n"
    "  -q, --quiet           print nothing but errors\n";

static const char usage_sweep[] =
    "usage: sesim sweep SCENARIO --vary KEY=SPEC [--vary KEY=SPEC]... [--set KEY=VALUE]...\n"
    "                   [--add KEY=VALUE]... [--reps N] [--seed N] [-j N] [-o DIR]\n"
    "                   [--shard K/N] [--resume] [--keep-series] [--progress] [--force]\n"
    "                   [--quiet]\n"
    "\n"
    "Runs SCENARIO at every point of the Cartesian product of the varied keys (the\n"
    "last --vary varies fastest), each point with sim.reps replications, in\n"
    "parallel worker processes. Every point sees the same random numbers, so\n"
    "differences between points come from the parameters. Writes into DIR\n"
    "(default out/sweep):\n"
    "  runs.csv     one row per point, replication and account: the point, the\n"
    "               varied keys, then the columns of summary.csv\n"
    "  sweep.csv    one row per point and account: mean, p50, p90 and share\n"
    "               reached of each days_to_TARGET, shares of replications paused\n"
    "               and reviewed, means of the totals\n"
    "  points/NNNN/ each point's summary.csv and scenario.ini (with --keep-series\n"
    "               also timeseries.csv, events.csv and bands.csv)\n"
    "  sweep.ini    what was swept, with a fingerprint\n"
    "\n"
    "SPEC: a,b,c (values as in a scenario file, units allowed: 1%,2%,5%),\n"
    "lo:hi:n (n values evenly spaced: 1.2:2:5), lo:hi:n:log (geometric: 10k:1M:5:log).\n"
    "\n"
    "options:\n"
    "  --vary KEY=SPEC       a key to vary (section.key or section.name.key of a section the\n"
    "                        scenario has, or that an --add adds)\n"
    "  --set, --add, --reps, --seed, -j, -o, --quiet   as for sesim run\n"
    "  --force               as for sesim run, for every point\n"
    "  --shard K/N           run only the points K, K+N, K+2N, ... (1-based); combine\n"
    "                        the shards' folders with sesim merge\n"
    "  --resume              skip the points already complete in DIR (a DIR of another\n"
    "                        sweep, or of data files that changed since, is refused)\n"
    "  --keep-series         keep every point's time series\n"
    "  --progress            one line per finished point when stderr is not a terminal\n"
    "                        (on a terminal a progress bar is shown unless --quiet)\n"
    "\n"
    "A point that fails is reported and the sweep goes on; the exit status is then 1\n"
    "and the failed points are named. Ctrl-C stops the workers and keeps the points\n"
    "already complete: run again with --resume.\n";

static const char usage_batch[] =
    "usage: sesim batch FILE_OR_DIR... [-o DIR] [-j N] [--set KEY=VALUE]... [--reps N]\n"
    "                   [--seed N] [--resume] [--progress] [--force] [--quiet]\n"
    "\n"
    "Runs every scenario given (a folder: every *.ini in it, sorted by name) in\n"
    "parallel worker processes, each into DIR/NAME/ (NAME: the file name without\n"
    ".ini; default DIR out/batch) with the outputs of sesim run, then writes\n"
    "  batch.csv    one row per scenario, replication and account: the scenario's\n"
    "               name, then the columns of summary.csv (NA in a days_to_TARGET\n"
    "               column of a target the scenario does not have)\n"
    "The outputs are the same whatever -j is. sesim report DIR draws the comparison.\n"
    "\n"
    "options:\n"
    "  --set KEY=VALUE       applied to every scenario that has KEY's section ([sim] and\n"
    "                        [policy]: all; traffic.NAME, account.NAME: those that have\n"
    "                        it); an error when no scenario has it\n"
    "                        (traffic.*.KEY: every stream of every scenario that has one);\n"
    "                        batch takes no --add\n"
    "  --reps N, --seed N    the same as --set sim.reps=N, --set sim.seed=N\n"
    "  -j, --jobs N          scenarios run in N worker processes (default: one per core)\n"
    "  -o, --out DIR         output folder (created if needed)\n"
    "  --resume              skip the scenarios whose folder already holds a complete run\n"
    "                        of the same resolved scenario and data files\n"
    "  --progress, --quiet   as for sesim sweep\n"
    "  --force               as for sesim run, for every scenario\n"
    "\n"
    "A scenario that does not validate is reported (FILE:LINE) and not run; one that\n"
    "fails at run time is reported and leaves no folder; the others complete. The\n"
    "exit status is then 2 (some did not validate) or 1 (some failed), naming them.\n"
    "Ctrl-C keeps the scenarios already complete: run again with --resume.\n";

static const char usage_merge[] =
    "usage: sesim merge DIR... [-o DIR] [--quiet]\n"
    "\n"
    "Combines the folders of the shards of one sweep (sesim sweep --shard K/N) into\n"
    "-o DIR (default out), with the same runs.csv and sweep.csv as the sweep run\n"
    "unsharded. Shards of different sweeps (another scenario, keys, values or reps)\n"
    "are refused. --quiet prints nothing but errors.\n";

static const char usage_check[] =
    "usage: sesim check SCENARIO [--set KEY=VALUE]... [--add KEY=VALUE]... [--force]\n"
    "\n"
    "Validates SCENARIO and prints it fully resolved: every key of every section\n"
    "with its value. A comment marks values that are defaults, defaults that are\n"
    "assumptions (not public; see docs/model.md) and keys that are parsed but not\n"
    "modelled yet in this version. Errors: 'sesim: FILE:LINE: message', exit 2.\n"
    "--set and --add as for sesim run. A scenario whose run is estimated beyond\n"
    "the limits is refused as sesim run refuses it, unless --force.\n";

static const char usage_report[] =
    "usage: sesim report DIR [--format png|svg] [--quiet]\n"
    "\n"
    "Draws the outputs of 'sesim run', 'sweep' or 'batch' in DIR with gnuplot (Debian\n"
    "package gnuplot-nox) into DIR/report/. For a run: the quota, sent and demand per\n"
    "24 hours with events, the maximum send rate, bounce and complaint rates against\n"
    "the thresholds, the status of each account, and bands across replications when\n"
    "DIR/bands.csv exists. For a sweep: days to each target (median, 10th to 90th\n"
    "percentile) and the shares paused and reviewed against each varied key, and a\n"
    "heat map with two keys. For a batch ('sesim batch', DIR/batch.csv): each\n"
    "scenario's report in DIR/NAME/report/, then a page comparing them (a table of\n"
    "batch.csv, medians over replications, and one quota-ramp plot per scenario on\n"
    "the same axes). index.html is one self-contained page with the plots, their\n"
    "captions, the tables and the resolved scenario; its path is printed.\n"
    "DIR/report is replaced whole, only when the new report is complete. See\n"
    "docs/report.md.\n"
    "\n"
    "options:\n"
    "  --format png|svg      image format of the plots (default png)\n"
    "  -q, --quiet           do not print the path of index.html\n";

typedef struct cli {
    const char *scenario;
    const char *outdir;
    scn_override *sets;  /* --set and --add, in order; --seed and --reps become sets too */
    const char **varies; /* --vary KEY=SPEC */
    const char **args;   /* positional arguments after the first (merge: folders) */
    char **owned;        /* the sets made here, freed at the end */
    size_t n_sets, n_varies, n_args, n_owned;
    int jobs;            /* -j N; 0: one per core */
    int quiet, resume, keep_series, progress, force;
    int shard_k, shard_n;
    const char *format; /* report: png or svg */
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    char what[1024];
    snprintf(what, sizeof what, fmt, arg); /* fmt is one of the literals below */
    sim_eprintf("%s (see sesim --help)", what);
    return 2;
}

/* A line on stdout that names a path given by the user: sanitised as messages are. */
__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sim_sanitize(line);
    puts(line);
}

/* A --set (add 0) or --add (add 1) of `value`, or of KEY=VALUE when key is given. */
static void add_set(cli *c, const char *key, const char *value, int add)
{
    if (!key) {
        c->sets[c->n_sets++] = (scn_override){.assignment = value, .add = add};
        return;
    }
    size_t n = strlen(key) + strlen(value) + 2;
    char *s = sim_xmalloc(n);
    snprintf(s, n, "%s=%s", key, value);
    c->owned[c->n_owned++] = s;
    c->sets[c->n_sets++] = (scn_override){.assignment = s};
}

/* Which commands take an option. */
enum { C_RUN = 1, C_CHECK = 2, C_SWEEP = 4, C_MERGE = 8, C_REPORT = 16, C_BATCH = 32 };
enum { O_SET, O_ADD, O_OUT, O_SEED, O_REPS, O_JOBS, O_VARY, O_SHARD, O_QUIET, O_RESUME, O_KEEP, O_PROGRESS,
       O_FORMAT, O_FORCE };

static const struct {
    const char *name, *short_name;
    int id, takes_value, commands;
} options[] = {
    {"--set", NULL, O_SET, 1, C_RUN | C_CHECK | C_SWEEP | C_BATCH},
    {"--add", NULL, O_ADD, 1, C_RUN | C_CHECK | C_SWEEP},
    {"--out", "-o", O_OUT, 1, C_RUN | C_SWEEP | C_MERGE | C_BATCH},
    {"--seed", NULL, O_SEED, 1, C_RUN | C_SWEEP | C_BATCH},
    {"--reps", NULL, O_REPS, 1, C_RUN | C_SWEEP | C_BATCH},
    {"--jobs", "-j", O_JOBS, 1, C_RUN | C_SWEEP | C_BATCH},
    {"--vary", NULL, O_VARY, 1, C_SWEEP},
    {"--shard", NULL, O_SHARD, 1, C_SWEEP},
    {"--quiet", "-q", O_QUIET, 0, C_RUN | C_SWEEP | C_MERGE | C_REPORT | C_BATCH},
    {"--resume", NULL, O_RESUME, 0, C_SWEEP | C_BATCH},
    {"--keep-series", NULL, O_KEEP, 0, C_SWEEP},
    {"--progress", NULL, O_PROGRESS, 0, C_SWEEP | C_BATCH},
    {"--format", NULL, O_FORMAT, 1, C_REPORT},
    {"--force", NULL, O_FORCE, 0, C_RUN | C_CHECK | C_SWEEP | C_BATCH},
};

static int set_option(cli *c, int id, const char *v)
{
    char *end, tail;
    long j;
    switch (id) {
    case O_SET: add_set(c, NULL, v, 0); break;
    case O_ADD: add_set(c, NULL, v, 1); break;
    case O_OUT: c->outdir = v; break;
    case O_SEED: add_set(c, "sim.seed", v, 0); break;
    case O_REPS: add_set(c, "sim.reps", v, 0); break;
    case O_VARY: c->varies[c->n_varies++] = v; break;
    case O_JOBS:
        j = strtol(v, &end, 10);
        if (*end || j < 1 || j > 1024)
            return usage_error("-j needs a number of jobs from 1 to 1024, not '%s'", v);
        c->jobs = (int)j;
        break;
    case O_SHARD:
        if (sscanf(v, "%d/%d%c", &c->shard_k, &c->shard_n, &tail) != 2 || c->shard_n < 1 ||
            c->shard_k < 1 || c->shard_k > c->shard_n)
            return usage_error("--shard needs K/N with 1 <= K <= N, not '%s'", v);
        break;
    case O_QUIET: c->quiet = 1; break;
    case O_RESUME: c->resume = 1; break;
    case O_KEEP: c->keep_series = 1; break;
    case O_PROGRESS: c->progress = 1; break;
    case O_FORMAT: c->format = v; break;
    case O_FORCE: c->force = 1; break;
    }
    return 0;
}

static int parse_args(int argc, char **argv, cli *c, const char *usage, int command)
{
    c->outdir = command == C_SWEEP ? "out/sweep" : command == C_BATCH ? "out/batch" : "out";
    c->sets = sim_xcalloc((size_t)argc, sizeof *c->sets);
    c->varies = sim_xcalloc((size_t)argc, sizeof *c->varies);
    c->args = sim_xcalloc((size_t)argc, sizeof *c->args);
    c->owned = sim_xcalloc((size_t)argc, sizeof *c->owned);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            exit(0);
        }
        size_t k = 0, n = sizeof options / sizeof options[0];
        while (k < n && strcmp(a, options[k].name) &&
               !(options[k].short_name && !strcmp(a, options[k].short_name)))
            k++;
        if (k < n && (options[k].commands & command)) {
            if (options[k].takes_value && i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            /* an unset shell variable: never take "" for the current or the root folder */
            if (options[k].id == O_OUT && !argv[i + 1][0])
                return usage_error("option '%s' needs a folder, not an empty string", a);
            int rc = set_option(c, options[k].id, options[k].takes_value ? argv[++i] : NULL);
            if (rc)
                return rc;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!a[0]) {
            return usage_error("an argument is an empty string%s: a file or folder was expected", "");
        } else if (!c->scenario) {
            c->scenario = a;
        } else if (command & (C_MERGE | C_BATCH)) {
            c->args[c->n_args++] = a;
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
    free(c->varies);
    free(c->args);
}

/* The scenario, with its estimate checked unless --force (scn_check_size). */
static scenario *load(const cli *c, sim_err *err)
{
    scenario *s = scn_open(c->scenario, c->sets, c->n_sets, err);
    if (s && !c->force && scn_check_size(s, 1, err)) {
        scn_destroy(s);
        return NULL;
    }
    return s;
}

static int fail(const sim_err *err)
{
    if (err->msg[0]) /* empty: a worker has printed the error already */
        sim_eprintf("%s", err->msg);
    return sim_exit_code(err->code);
}

static int cmd_run(const cli *c)
{
    sim_err err;
    scenario *s = load(c, &err);
    if (!s)
        return fail(&err);
    run_options opt = {.outdir = c->outdir, .quiet = c->quiet, .jobs = c->jobs};
    int64_t reps = s->sim.reps;
    int tenants = s->n_tenants > 0;
    int clients = run_writes_clients(s);
    out_install_signal_cleanup();
    int rc = run_scenario(s, &opt, &err);
    scn_destroy(s);
    if (rc)
        return fail(&err);
    if (!c->quiet)
        say("sesim: wrote %s/timeseries.csv, events.csv, summary.csv, scenario.ini%s%s%s", c->outdir,
            reps > 1 ? ", bands.csv" : "", tenants ? ", tenants.csv, tenants-summary.csv" : "",
            clients ? ", clients.csv" : "");
    return 0;
}

/* The relation groups of the accounts, as comments after the resolved scenario. */
static void print_groups(const scenario *s)
{
    size_t n = s->n_accounts, *group = sim_xmalloc(n * sizeof *group);
    size_t *next = sim_xmalloc(n * sizeof *next), *last = sim_xmalloc(n * sizeof *last);
    relations_groups(s, group);
    for (size_t i = 0; i < n; i++) { /* each group's members as a list: linear in accounts */
        next[i] = n;
        if (group[i] != i)
            next[last[group[i]]] = i;
        last[group[i]] = i;
    }
    printf("\n; relation groups (policy.related_by): accounts related to each other\n");
    for (size_t g = 0; g < n; g++) {
        if (group[g] != g)
            continue;
        printf(";   group %zu:", g + 1);
        for (size_t i = g; i < n; i = next[i])
            printf(" %s", s->accounts[i].name);
        printf("\n");
    }
    free(last);
    free(next);
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

static int cmd_sweep(const cli *c)
{
    if (!c->scenario)
        return usage_error("sweep needs a SCENARIO%s", "");
    if (!c->n_varies)
        return usage_error("sweep needs at least one --vary KEY=SPEC%s", "");
    sweep_options o = {.scenario = c->scenario, .sets = c->sets, .n_sets = c->n_sets,
                       .varies = c->varies, .n_varies = c->n_varies, .outdir = c->outdir,
                       .jobs = c->jobs, .resume = c->resume, .keep_series = c->keep_series,
                       .quiet = c->quiet, .progress = c->progress, .shard_k = c->shard_k,
                       .shard_n = c->shard_n, .force = c->force};
    sim_err err;
    out_install_signal_cleanup();
    int rc = sweep_run(&o, &err);
    return rc ? fail(&err) : 0;
}

/* The positional arguments: the first is in c->scenario, the others in c->args. */
static const char **positional(const cli *c, size_t *n)
{
    const char **v = sim_xcalloc(c->n_args + 1, sizeof *v);
    v[0] = c->scenario;
    for (size_t i = 0; i < c->n_args; i++)
        v[i + 1] = c->args[i];
    *n = c->n_args + 1;
    return v;
}

static int cmd_batch(const cli *c)
{
    if (!c->scenario)
        return usage_error("batch needs scenario files or folders%s", "");
    size_t n;
    const char **inputs = positional(c, &n);
    const char **sets = sim_xcalloc(c->n_sets + 1, sizeof *sets); /* batch takes no --add */
    for (size_t i = 0; i < c->n_sets; i++)
        sets[i] = c->sets[i].assignment;
    batch_options o = {.inputs = inputs, .n_inputs = n, .sets = sets, .n_sets = c->n_sets,
                       .outdir = c->outdir, .jobs = c->jobs, .resume = c->resume, .quiet = c->quiet,
                       .progress = c->progress, .force = c->force};
    sim_err err;
    out_install_signal_cleanup();
    int rc = batch_run(&o, &err);
    free(sets);
    free(inputs);
    return rc ? fail(&err) : 0;
}

static int cmd_merge(const cli *c)
{
    if (!c->scenario)
        return usage_error("merge needs the folders of the shards%s", "");
    size_t n;
    const char **dirs = positional(c, &n);
    sim_err err;
    out_install_signal_cleanup();
    int rc = sweep_merge(dirs, n, c->outdir, &err);
    free(dirs);
    if (rc)
        return fail(&err);
    if (!c->quiet)
        say("sesim: wrote %s/runs.csv and %s/sweep.csv", c->outdir, c->outdir);
    return 0;
}

static int cmd_report(const cli *c)
{
    if (!c->scenario)
        return usage_error("report needs a DIR: the folder of a run (sesim run -o DIR)%s", "");
    report_options opt = {.dir = c->scenario, .format = REPORT_PNG};
    sim_err err;
    if (c->format && report_parse_format(c->format, &opt.format, &err))
        return fail(&err);
    struct stat st;
    if (stat(c->scenario, &st) == 0 && !S_ISDIR(st.st_mode)) {
        sim_errorf(&err, SIM_EINPUT, c->scenario, 0,
                   "is not a folder: sesim report needs the folder of a run, a sweep or a batch");
        return fail(&err);
    }
    out_install_signal_cleanup();
    char *index = NULL;
    if (report_build(&opt, &index, &err))
        return fail(&err);
    if (!c->quiet)
        say("%s", index);
    free(index);
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
        int mask;
    } commands[] = {
        {"run", usage_run, cmd_run, C_RUN},
        {"check", usage_check, cmd_check, C_CHECK},
        {"sweep", usage_sweep, cmd_sweep, C_SWEEP},
        {"merge", usage_merge, cmd_merge, C_MERGE},
        {"batch", usage_batch, cmd_batch, C_BATCH},
        {"report", usage_report, cmd_report, C_REPORT},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name))
            continue;
        cli c = {0};
        int rc = parse_args(argc, argv, &c, commands[i].usage, commands[i].mask);
        if (!rc)
            rc = commands[i].fn(&c);
        free_args(&c);
        return rc;
    }
    return usage_error("unknown command '%s'", argv[1]);
}
