/* plan.h: `sesim plan SCENARIO --target COUNT --by DURATION`: the schedule
 * cap of a stream that moves the most mail through SES while the account's
 * quota reaches the target daily volume by the deadline in at least 95% of
 * the replications and the share of replications reviewed or paused by then
 * stays at most --risk (docs/planning.md).
 *
 * Candidates are geometric schedules, a cap of `start` on day 1 growing by
 * `growth` a day and lifted the day it reaches the target, and "no cap"; each
 * runs the scenario to the deadline with the same random numbers (points.h).
 * A grid of them runs first, in the worker pool; then, unless sending
 * everything is the best plan, GSL's Nelder-Mead simplex
 * (gsl_multimin_fminimizer_nmsimplex2) refines the best capped one over
 * (log start, log(growth - 1)), a penalty for broken constraints added.
 *
 * Folder layout (DIR):
 *   plan.txt        the plan in words, or why no plan meets the constraints
 *   plan.csv        one row per day to the deadline: cap, SES sends (mean,
 *                   p05, p95), quota (mean, p05, p95), share reviewed or paused
 *   plan.ini        the scenario with the plan's cap (and the target) applied
 *   candidates.csv  every schedule evaluated, with its results
 *   run/            the plan's run to the deadline (timeseries.csv, ...)
 *   points/NNNN/    each candidate's summary.csv and scenario.ini */
#ifndef SESIM_PLAN_H
#define SESIM_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/error.h"
#include "scenario/scenario.h"

typedef struct plan_options {
    const char *scenario;    /* file; NULL: the built-in default */
    const scn_override *sets; /* --set and --add, --reps, --seed, in order */
    size_t n_sets;
    const char *stream;      /* --stream NAME; NULL: the scenario's first stream */
    double target;           /* messages a day (the account's max24h) */
    int64_t by;              /* the deadline, ms after the start */
    double risk;             /* largest share of replications reviewed or paused */
    int requests;            /* --requests N: manual quota requests to place (0: none searched) */
    const char *senders;     /* --senders LIST: sender behaviours to compare (NULL: none) */
    const char *outdir;
    int jobs, quiet, progress;
} plan_options;

/* 0: a plan meets the constraints. SIM_ERUNTIME: none does; the files hold the
 * best found and plan.txt says why. SIM_EINPUT: bad options or scenario. */
int plan_run(const plan_options *opt, sim_err *err);

#endif
