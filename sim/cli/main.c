/* main.c: the sesim command line: run, check, --help, --version.
 * Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "study/batch.h"
#include "study/plan.h"
#include "study/sensitivity.h"
#include "study/calibrate.h"
#include "core/config.h"
#include "core/error.h"
#include "core/units.h"
#include "io/jsonout.h"
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
    "  sensitivity SCENARIO               which assumptions the results depend on\n"
    "  plan SCENARIO --target N --by T    the warm-up schedule that reaches a volume safely\n"
    "  report DIR                         plots and an HTML page of a run, sweep, batch,\n"
    "                                     plan or sensitivity study\n"
    "  calibrate EXPORT... [-o DIR]       list and ramp parameters estimated from SES exports\n"
    "\n"
    "  sesim COMMAND --help   options of a command\n"
    "  sesim --version        version\n"
    "\n"
    "Exit status: 0 success, 1 the run failed, 2 bad usage or bad input, 130 interrupted\n"
    "(SIGINT, SIGTERM, SIGHUP).\n"
    "Documentation: man sesim, docs/model.md, docs/formats.md, docs/sweeps.md,\n"
    "docs/sensitivity.md, docs/planning.md, docs/report.md.\n";

static const char usage_run[] =
    "usage: sesim run [SCENARIO] [-o DIR] [--set KEY=VALUE]... [--add KEY=VALUE]... [--seed N]\n"
    "                 [--reps N] [-j N] [--force] [--quiet] [--json]\n"
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
    "  configsets-summary.csv  with [configset.NAME] sections: one row per\n"
    "                  replication and configuration set (totals, alarm pauses)\n"
    "  configsets-ips.csv  when a configuration set has its own dedicated IPs\n"
    "                  (configset.NAME.ip_pool = standard|managed): per day and set,\n"
    "                  WarmupPercentage and its mail over each pool; with\n"
    "                  sim.mailboxes = on the providers judge its IPs apart\n"
    "                  (mailboxes.csv rows with pool configset.NAME)\n"
    "  ips.csv         when an account has dedicated IPs (account.ip_pool = standard|\n"
    "                  managed): per day and account, WarmupPercentage and the mail\n"
    "                  over the dedicated IPs and the shared pool\n"
    "  mailboxes.csv   with sim.mailboxes = on: per interval, account, mailbox\n"
    "                  provider and pool, sent, delivered, inbox, spam folder,\n"
    "                  deferred, blocked, expired and the provider's allowance\n"
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
    "  -q, --quiet           print nothing but errors\n"
    "  --json                print a JSON summary on stdout instead of the text line:\n"
    "                        command, status (the exit status), outdir, error, files\n"
    "                        written and the rows of summary.csv (docs/formats.md)\n";

static const char usage_sweep[] =
    "usage: sesim sweep SCENARIO --vary KEY=SPEC [--vary KEY=SPEC]... [--set KEY=VALUE]...\n"
    "                   [--add KEY=VALUE]... [--reps N] [--seed N] [-j N] [-o DIR]\n"
    "                   [--shard K/N] [--resume] [--keep-series] [--progress] [--force]\n"
    "                   [--quiet] [--json]\n"
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
    "               and reviewed, means of the totals and of the queueing delay\n"
    "               (both tables end with KEY_value, a key's values as plain numbers,\n"
    "               when they carry a unit: 0.3% -> 0.003, 10k -> 10000)\n"
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
    "  --json                as for sesim run, with the rows of sweep.csv (no progress)\n"
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
    "                   [--seed N] [--resume] [--progress] [--force] [--quiet] [--json]\n"
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
    "  --json                as for sesim run, with the rows of batch.csv (no progress)\n"
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

static const char usage_sensitivity[] =
    "usage: sesim sensitivity SCENARIO [--keys assumptions|KEY,...] [--metric COLUMN[@ACCOUNT],...]\n"
    "                         [--range KEY=LO:HI[:log]]... [--trajectories R] [--sobol N]\n"
    "                         [--sobol-keys M] [--set KEY=VALUE]... [--reps N] [--seed N] [-j N]\n"
    "                         [-o DIR] [--progress] [--force] [--quiet]\n"
    "\n"
    "Which assumptions do the results rest on? Varies every chosen key over its\n"
    "range and ranks the keys by how much they move each metric: first Morris\n"
    "elementary effects (R trajectories of one-key-at-a-time steps; mu*, the mean\n"
    "absolute change of the metric over a key's whole range, with a 95% bootstrap\n"
    "interval), then Sobol first-order and total indices (N quasi-random base\n"
    "samples, GSL's Sobol sequence) of the M keys that moved the metrics most.\n"
    "Every point runs the scenario with sim.reps replications and the same random\n"
    "numbers; a metric is a column of summary.csv for one account (the first, or\n"
    "@ACCOUNT), averaged over the replications; an empty days_to_TARGET counts as\n"
    "the run's length. Writes into DIR (default out/sensitivity):\n"
    "  sensitivity.csv  one row per metric and key: metric,key,low,high,mu_star,\n"
    "                   mu_star_lo,mu_star_hi,mu,sigma,sigma_lo,sigma_hi,\n"
    "                   first_order,total_order,rank\n"
    "  design.csv       one row per point: the keys' values and the metrics\n"
    "  points/NNNN/     each point's summary.csv and scenario.ini\n"
    "\n"
    "options:\n"
    "  --keys assumptions|KEY,...  the keys to vary (default: every key marked assumption\n"
    "                        in sesim check that has a documented range, docs/model.md)\n"
    "  --metric COLUMN[@ACCOUNT],...  summary columns (default: every days_to_TARGET,\n"
    "                        total_overflow, total_dropped, days_under_review, days_paused)\n"
    "  --range KEY=LO:HI[:log]  the range of a key, in its units (e.g. 1.2:2, 1%:5%,\n"
    "                        1m:1h:log); needed for keys without a documented range\n"
    "  --trajectories R      Morris trajectories (default 10): R (keys + 1) points\n"
    "  --sobol N             Sobol base samples (default 64; 0: no Sobol stage):\n"
    "                        N (M + 2) points more\n"
    "  --sobol-keys M        keys in the Sobol stage (default 4, at most 20)\n"
    "  --set, --reps, --seed, -j, -o, --progress, --quiet   as for sesim sweep\n"
    "\n"
    "The design depends on sim.seed (--seed), never on -j. See docs/sensitivity.md.\n";

static const char usage_plan[] =
    "usage: sesim plan SCENARIO --target COUNT --by DURATION [--risk SHARE] [--stream NAME]\n"
    "                  [--requests N] [--senders LIST] [--reps N] [--set KEY=VALUE]... [--seed N]\n"
    "                  [-j N] [-o DIR] [--progress] [--force] [--quiet] [--json]\n"
    "\n"
    "Plans a stream's warm-up: the day-by-day cap on what it sends through SES (the\n"
    "rest through the legacy provider) that moves the most mail through SES while\n"
    "the account's quota reaches COUNT a day by DURATION (e.g. 30d) in at least 95%\n"
    "of the replications, and the share of replications reviewed or paused by then\n"
    "is at most SHARE (default 1%). Candidates are geometric schedules (a first-day\n"
    "cap growing by a factor a day, lifted when it reaches COUNT) and no cap, each\n"
    "run to the deadline with N replications (default 20) and the same random\n"
    "numbers: a grid first, then GSL's Nelder-Mead simplex from the best capped one.\n"
    "Writes into DIR (default out/plan):\n"
    "  plan.txt         the plan in words, or why no plan meets the constraints\n"
    "  plan.csv         one row per day: cap, SES sends (mean, p05, p95), quota\n"
    "                   (mean, p05, p95), share of replications reviewed or paused\n"
    "  plan.ini         the scenario with the plan applied: sesim run DIR/plan.ini\n"
    "  candidates.csv   every schedule tried, with its results\n"
    "  run/             the plan's run to the deadline; points/NNNN/ the candidates'\n"
    "\n"
    "options:\n"
    "  --target COUNT        the daily volume the quota must reach (e.g. 1M)\n"
    "  --by DURATION         the deadline after the start (e.g. 30d)\n"
    "  --risk SHARE          largest share of replications reviewed or paused (default 1%)\n"
    "  --stream NAME         the stream to plan (default: the scenario's first)\n"
    "  --requests N          also place up to N manual quota requests (account.request_quota,\n"
    "                        at most 5): the day to file each and its amount, searched over\n"
    "                        every day to the deadline (default 0: none placed)\n"
    "  --senders LIST        also compare the plan under these sender behaviours (e.g.\n"
    "                        overflow,pace,retry) and the scenario's own; the best one is the plan's\n"
    "  --reps N              replications of each candidate (default 20)\n"
    "  --set, --seed, -j, -o, --progress, --quiet   as for sesim sweep\n"
    "  --json                as for sesim run, with the rows of plan.csv and candidates.csv\n"
    "                        (also when no plan meets the constraints)\n"
    "\n"
    "Exit status 1 when no plan meets the constraints: the files then hold the best\n"
    "plan found and plan.txt says why. See docs/planning.md.\n";

static const char usage_check[] =
    "usage: sesim check SCENARIO [--set KEY=VALUE]... [--add KEY=VALUE]... [--force]\n"
    "\n"
    "Validates SCENARIO and prints it fully resolved: every key of every section\n"
    "with its value. A comment marks values that are defaults, defaults that are\n"
    "assumptions (not public; see docs/model.md) and keys that are parsed but not\n"
    "modelled yet in this version. Errors: 'sesim: FILE:LINE: message', exit 2.\n"
    "--set and --add as for sesim run. A scenario whose run is estimated beyond\n"
    "the limits is refused as sesim run refuses it, unless --force.\n";

static const char usage_calibrate[] =
    "usage: sesim calibrate EXPORT... [-o DIR] [--set 'traffic.*.KEY=VALUE']... [--quiet]\n"
    "\n"
    "Estimates the list parameters of the model from what SES showed: EXPORT is\n"
    "`aws ses get-send-statistics` output (JSON, or the CSV), SES event records\n"
    "(one JSON object a line), or `aws cloudwatch get-metric-data` /\n"
    "`get-metric-statistics` output of Send, Bounce and Complaint (Sum). Prints\n"
    "invalid, list_decay (maximum likelihood of the daily hard bounces under the\n"
    "list model, 95% Wald intervals), complaint (Wilson interval) and, from event\n"
    "records, soft_bounce, each with its 95% interval, and names what the exports\n"
    "cannot tell, and why (no hard bounces: an upper bound by the rule of three,\n"
    "not an estimate; no complaints; a flat likelihood). The keys held (list_size, fbl_share, content, the delays) are\n"
    "the built-in scenario's, changed with --set 'traffic.*.list_size=200k'.\n"
    "A quota history among the files (a CSV time,max24h,max_rate, or `aws sesv2\n"
    "get-account` / `aws ses get-send-quota` snapshots, one JSON file each, the\n"
    "time in the name: account-20260105T090000Z.json) gives policy.ramp_factor and\n"
    "policy.ramp_interval: the range consistent with every raise under the\n"
    "model's rule, else a 95% Student t interval; not identifiable with fewer\n"
    "than two raises.\n"
    "\n"
    "options:\n"
    "  -o, --out DIR   also write DIR/calibrated.ini, the estimates as scenario keys\n"
    "  --set KEY=VALUE a key held fixed (as for sesim run)\n"
    "  -q, --quiet     print nothing but errors\n"
    "Method and assumptions: docs/model.md, \"Calibration\".\n";

static const char usage_report[] =
    "usage: sesim report DIR [--format png|svg] [--quiet]\n"
    "\n"
    "Draws the outputs of 'sesim run', 'sweep', 'batch', 'plan' or 'sensitivity' in\n"
    "DIR with gnuplot (Debian package gnuplot-nox) into DIR/report/. For a run: the\n"
    "quota, sent and demand per 24 hours with events, the maximum send rate, bounce\n"
    "and complaint rates against the thresholds, the status of each account, bands\n"
    "across replications when DIR/bands.csv exists, and a plot per mailbox provider\n"
    "(deferred, blocked, spam folder, the dedicated IPs' allowance) when\n"
    "DIR/mailboxes.csv exists. For a sweep: days to each target (median, 10th to\n"
    "90th percentile) and the shares paused and reviewed against each varied key, and\n"
    "a heat map with two keys. For a batch ('sesim batch', DIR/batch.csv): each\n"
    "scenario's report in DIR/NAME/report/, then a page comparing them (a table of\n"
    "batch.csv, medians over replications, and one quota-ramp plot per scenario on\n"
    "the same axes). For a plan (DIR/plan.csv): the schedule cap against what SES\n"
    "sent (mean, 5th to 95th percentile) and the quota, over the share of\n"
    "replications reviewed or paused by each day. For a sensitivity study\n"
    "(DIR/sensitivity.csv): per metric, the keys ranked by Morris mu* with their\n"
    "intervals and mu* against sigma, captioned with the keys that decide it.\n"
    "index.html is one self-contained page with the plots, their captions, the tables\n"
    "and the resolved scenario; its path is printed. DIR/report is replaced whole,\n"
    "only when the new report is complete. See\n"
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
    const char **metrics, **ranges; /* sensitivity: --metric, --range */
    const char *keys;    /* sensitivity: --keys */
    size_t n_metrics, n_ranges;
    long trajectories, sobol, sobol_keys;
    const char *target, *by, *risk, *stream; /* plan */
    long requests;       /* plan --requests N */
    const char *senders; /* plan --senders LIST */
    char **owned;        /* the sets made here, freed at the end */
    size_t n_sets, n_varies, n_args, n_owned;
    int jobs;            /* -j N; 0: one per core */
    int quiet, resume, keep_series, progress, force;
    int json;            /* --json: a JSON summary on stdout, no other text there */
    int outdir_given;    /* -o was given (calibrate writes only then) */
    int shard_k, shard_n;
    const char *format; /* report: png or svg */
} cli;

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
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
enum { C_RUN = 1, C_CHECK = 2, C_SWEEP = 4, C_MERGE = 8, C_REPORT = 16, C_BATCH = 32, C_SENS = 64,
       C_PLAN = 128, C_CALIBRATE = 256 };
enum { O_SET, O_ADD, O_OUT, O_SEED, O_REPS, O_JOBS, O_VARY, O_SHARD, O_QUIET, O_RESUME, O_KEEP,
       O_PROGRESS, O_FORMAT, O_FORCE, O_KEYS, O_METRIC, O_RANGE, O_TRAJ, O_SOBOL, O_SOBOL_KEYS,
       O_TARGET, O_BY, O_RISK, O_STREAM, O_JSON, O_REQUESTS, O_SENDERS };

static const struct {
    const char *name, *short_name;
    int id, takes_value, commands;
} options[] = {
    {"--set", NULL, O_SET, 1, C_RUN | C_CHECK | C_SWEEP | C_BATCH | C_SENS | C_PLAN | C_CALIBRATE},
    {"--add", NULL, O_ADD, 1, C_RUN | C_CHECK | C_SWEEP | C_SENS | C_PLAN},
    {"--out", "-o", O_OUT, 1, C_RUN | C_SWEEP | C_MERGE | C_BATCH | C_SENS | C_PLAN | C_CALIBRATE},
    {"--seed", NULL, O_SEED, 1, C_RUN | C_SWEEP | C_BATCH | C_SENS | C_PLAN},
    {"--reps", NULL, O_REPS, 1, C_RUN | C_SWEEP | C_BATCH | C_SENS | C_PLAN},
    {"--jobs", "-j", O_JOBS, 1, C_RUN | C_SWEEP | C_BATCH | C_SENS | C_PLAN},
    {"--vary", NULL, O_VARY, 1, C_SWEEP},
    {"--shard", NULL, O_SHARD, 1, C_SWEEP},
    {"--quiet", "-q", O_QUIET, 0,
     C_RUN | C_SWEEP | C_MERGE | C_REPORT | C_BATCH | C_SENS | C_PLAN | C_CALIBRATE},
    {"--resume", NULL, O_RESUME, 0, C_SWEEP | C_BATCH},
    {"--keep-series", NULL, O_KEEP, 0, C_SWEEP},
    {"--progress", NULL, O_PROGRESS, 0, C_SWEEP | C_BATCH | C_SENS | C_PLAN},
    {"--format", NULL, O_FORMAT, 1, C_REPORT},
    {"--keys", NULL, O_KEYS, 1, C_SENS},
    {"--metric", NULL, O_METRIC, 1, C_SENS},
    {"--range", NULL, O_RANGE, 1, C_SENS},
    {"--trajectories", NULL, O_TRAJ, 1, C_SENS},
    {"--sobol", NULL, O_SOBOL, 1, C_SENS},
    {"--sobol-keys", NULL, O_SOBOL_KEYS, 1, C_SENS},
    {"--target", NULL, O_TARGET, 1, C_PLAN},
    {"--by", NULL, O_BY, 1, C_PLAN},
    {"--risk", NULL, O_RISK, 1, C_PLAN},
    {"--stream", NULL, O_STREAM, 1, C_PLAN},
    {"--requests", NULL, O_REQUESTS, 1, C_PLAN},
    {"--senders", NULL, O_SENDERS, 1, C_PLAN},
    {"--force", NULL, O_FORCE, 0, C_RUN | C_CHECK | C_SWEEP | C_BATCH | C_SENS | C_PLAN},
    {"--json", NULL, O_JSON, 0, C_RUN | C_SWEEP | C_BATCH | C_PLAN},
};

/* A whole number from lo to hi for option `name`, into *out. */
static int whole_option(const char *name, const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        fprintf(stderr, "sesim: %s needs a whole number from %ld to %ld, not '%s' (see sesim --help)\n",
                name, lo, hi, v);
        return 2;
    }
    *out = n;
    return 0;
}

static int set_option(cli *c, int id, const char *v)
{
    char *end, tail;
    long j;
    switch (id) {
    case O_SET: add_set(c, NULL, v, 0); break;
    case O_ADD: add_set(c, NULL, v, 1); break;
    case O_OUT: c->outdir = v; c->outdir_given = 1; break;
    case O_SEED: add_set(c, "sim.seed", v, 0); break;
    case O_REPS: add_set(c, "sim.reps", v, 0); break;
    case O_VARY: c->varies[c->n_varies++] = v; break;
    case O_JOBS:
        j = strtol(v, &end, 10);
        if (*end || j < 1 || j > POOL_MAX_JOBS)
            return usage_error("-j needs a number of jobs from 1 to %d, not '%s'", POOL_MAX_JOBS, v);
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
    case O_KEYS: c->keys = v; break;
    case O_METRIC: c->metrics[c->n_metrics++] = v; break;
    case O_RANGE: c->ranges[c->n_ranges++] = v; break;
    case O_TRAJ: return whole_option("--trajectories", v, 2, 10000, &c->trajectories);
    case O_SOBOL: return whole_option("--sobol", v, 0, 1 << 20, &c->sobol);
    case O_SOBOL_KEYS: return whole_option("--sobol-keys", v, 1, 20, &c->sobol_keys);
    case O_TARGET: c->target = v; break;
    case O_BY: c->by = v; break;
    case O_RISK: c->risk = v; break;
    case O_STREAM: c->stream = v; break;
    case O_REQUESTS: return whole_option("--requests", v, 0, PLAN_MAX_REQUESTS, &c->requests);
    case O_SENDERS: c->senders = v; break;
    case O_FORCE: c->force = 1; break;
    case O_JSON: c->json = c->quiet = 1; break;
    }
    return 0;
}

static int parse_args(int argc, char **argv, cli *c, const char *usage, int command)
{
    c->outdir = command == C_SWEEP ? "out/sweep" : command == C_BATCH ? "out/batch"
              : command == C_SENS ? "out/sensitivity" : command == C_PLAN ? "out/plan" : "out";
    c->metrics = sim_xcalloc((size_t)argc, sizeof *c->metrics);
    c->ranges = sim_xcalloc((size_t)argc, sizeof *c->ranges);
    c->trajectories = SENSITIVITY_TRAJECTORIES;
    c->sobol = SENSITIVITY_SOBOL_SAMPLES;
    c->sobol_keys = SENSITIVITY_SOBOL_KEYS;
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
        } else if (command & (C_MERGE | C_BATCH | C_CALIBRATE)) {
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
    free(c->metrics);
    free(c->ranges);
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

/* What --json prints after a command (docs/formats.md, "JSON summaries"): the
 * exit status, the error, and on success the files written and the table
 * `table` of `csv` (every row). Returns rc, or 1 when stdout fails. */
static int json_result(const cli *c, const char *command, int rc, const sim_err *err,
                       const char *const *files, const char *table, const char *csv)
{
    json_t *j = jsonout_begin(command, rc, c->outdir, rc && err->msg[0] ? err->msg : NULL);
    for (size_t i = 0; !rc && files[i]; i++)
        jsonout_add_file(j, c->outdir, files[i]);
    if (!rc)
        jsonout_add_table(j, table, c->outdir, csv);
    int prc = jsonout_print(j);
    return rc ? rc : prc;
}

static int run_done(const cli *c, int rc, const sim_err *err)
{
    static const char *const files[] = {"timeseries.csv", "events.csv", "summary.csv", "scenario.ini",
                                        "bands.csv", "tenants.csv", "tenants-summary.csv",
                                        "configsets-summary.csv",
                                        "clients.csv", NULL};
    int code = rc ? fail(err) : 0;
    return c->json ? json_result(c, "run", code, err, files, "summary", "summary.csv") : code;
}

static int cmd_run(const cli *c)
{
    sim_err err;
    scenario *s = load(c, &err);
    if (!s)
        return run_done(c, 1, &err);
    run_options opt = {.outdir = c->outdir, .quiet = c->quiet, .jobs = c->jobs};
    int64_t reps = s->sim.reps;
    int tenants = s->n_tenants > 0, configsets = s->n_configsets > 0;
    int clients = run_writes_clients(s);
    out_install_signal_cleanup();
    int rc = run_scenario(s, &opt, &err);
    scn_destroy(s);
    if (rc || c->json)
        return run_done(c, rc, &err);
    if (!c->quiet)
        say("sesim: wrote %s/timeseries.csv, events.csv, summary.csv, scenario.ini%s%s%s%s",
            c->outdir, reps > 1 ? ", bands.csv" : "",
            tenants ? ", tenants.csv, tenants-summary.csv" : "",
            configsets ? ", configsets-summary.csv" : "", clients ? ", clients.csv" : "");
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
    static const char *const files[] = {"runs.csv", "sweep.csv", "sweep.ini", NULL};
    int code = rc ? fail(&err) : 0;
    return c->json ? json_result(c, "sweep", code, &err, files, "sweep", "sweep.csv") : code;
}

/* A study (sensitivity, plan) of a scenario whose one run is estimated beyond
 * the limits of work is refused as sesim run refuses it, unless --force (its
 * points write no time series, so their size is not what limits them). */
static int check_base(const cli *c, sim_err *err)
{
    scenario *s = scn_open(c->scenario, c->sets, c->n_sets, err);
    int rc = s ? 0 : err->code;
    if (s && !c->force)
        rc = scn_check_size(s, 0, err);
    scn_destroy(s);
    return rc;
}

static int cmd_sensitivity(const cli *c)
{
    if (!c->scenario)
        return usage_error("sensitivity needs a SCENARIO%s", "");
    sensitivity_options o = {.scenario = c->scenario, .sets = c->sets, .n_sets = c->n_sets,
                             .keys = c->keys, .metrics = c->metrics, .n_metrics = c->n_metrics,
                             .ranges = c->ranges, .n_ranges = c->n_ranges,
                             .trajectories = (size_t)c->trajectories,
                             .sobol_samples = (size_t)c->sobol, .sobol_keys = (size_t)c->sobol_keys,
                             .outdir = c->outdir, .jobs = c->jobs, .quiet = c->quiet,
                             .progress = c->progress};
    sim_err err;
    if (check_base(c, &err))
        return fail(&err);
    out_install_signal_cleanup();
    int rc = sensitivity_run(&o, &err);
    return rc ? fail(&err) : 0;
}

/* --target, --by, --risk of sesim plan, parsed with their units. */
static int plan_values(const cli *c, plan_options *o, sim_err *err)
{
    sim_err inner;
    o->risk = PLAN_RISK;
    if (!c->target || !c->by)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "plan needs --target COUNT and --by DURATION "
                          "(e.g. --target 1M --by 30d) (see sesim --help)");
    if (units_count(c->target, &o->target, &inner) || !(o->target > 0))
        return sim_errorf(err, SIM_EINPUT, "--target", 0, "'%s' is not a positive count (e.g. 100k, 1M)",
                          c->target);
    if (units_duration(c->by, &o->by, &inner) || o->by <= 0)
        return sim_errorf(err, SIM_EINPUT, "--by", 0, "'%s' is not a positive duration (e.g. 30d, 6w)", c->by);
    if (c->risk && units_share(c->risk, &o->risk, &inner))
        return sim_errorf(err, SIM_EINPUT, "--risk", 0, "%s", inner.msg);
    return 0;
}

/* The outcome of sesim plan, with --json its summary: the files written and
 * the rows of plan.csv and candidates.csv, also when no plan met the
 * constraints (exit 1: the files hold the best plan found). */
static int plan_done(const cli *c, int rc, const sim_err *err)
{
    static const char *const files[] = {"plan.txt", "plan.csv", "plan.ini", "candidates.csv", NULL};
    int code = rc ? fail(err) : 0;
    if (!c->json)
        return code;
    json_t *j = jsonout_begin("plan", code, c->outdir, code && err->msg[0] ? err->msg : NULL);
    for (size_t i = 0; (code == 0 || code == 1) && files[i]; i++)
        jsonout_add_file(j, c->outdir, files[i]);
    if (code == 0 || code == 1) {
        jsonout_add_table(j, "plan", c->outdir, "plan.csv");
        jsonout_add_table(j, "candidates", c->outdir, "candidates.csv");
    }
    int prc = jsonout_print(j);
    return code ? code : prc;
}

static int cmd_plan(const cli *c)
{
    if (!c->scenario)
        return usage_error("plan needs a SCENARIO%s", "");
    plan_options o = {.scenario = c->scenario, .sets = c->sets, .n_sets = c->n_sets,
                      .stream = c->stream, .requests = (int)c->requests, .senders = c->senders,
                      .outdir = c->outdir, .jobs = c->jobs, .quiet = c->quiet,
                      .progress = c->progress && !c->json};
    sim_err err;
    if (plan_values(c, &o, &err) || check_base(c, &err))
        return plan_done(c, 1, &err);
    out_install_signal_cleanup();
    int rc = plan_run(&o, &err);
    return plan_done(c, rc, &err);
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
    static const char *const files[] = {"batch.csv", NULL};
    int code = rc ? fail(&err) : 0;
    return c->json ? json_result(c, "batch", code, &err, files, "batch", "batch.csv") : code;
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

static int cmd_calibrate(const cli *c)
{
    if (!c->scenario)
        return usage_error("calibrate needs EXPORT files (aws ses get-send-statistics, event "
                           "records or aws cloudwatch get-metric-data output)%s", "");
    sim_err err;
    scenario *s = scn_open(NULL, c->sets, c->n_sets, &err);
    if (!s)
        return fail(&err);
    size_t n;
    const char **files = positional(c, &n);
    calib_options o = {.files = files, .n_files = n, .fixed = &s->traffic[0],
                       .policy = &s->policy,
                       .outdir = c->outdir_given ? c->outdir : NULL, .quiet = c->quiet};
    out_install_signal_cleanup();
    int rc = calib_run(&o, &err);
    free(files);
    scn_destroy(s);
    return rc ? fail(&err) : 0;
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
        {"sensitivity", usage_sensitivity, cmd_sensitivity, C_SENS},
        {"plan", usage_plan, cmd_plan, C_PLAN},
        {"calibrate", usage_calibrate, cmd_calibrate, C_CALIBRATE},
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
