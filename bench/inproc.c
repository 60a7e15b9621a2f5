/* inproc.c: the points of a sweep run one after the other inside this process,
 * each timed alone: the "in-process run time" that the sweep benchmark
 * subtracts from a sweep's wall time to get the per-point overhead.
 *
 *   inproc SCENARIO OUTDIR < points
 *
 * Each line of stdin is one point: its KEY=VALUE assignments separated by
 * spaces. For each point this does what a sweep's worker does for it, less the
 * sweep machinery: open the scenario with the point's --set assignments
 * (scn_open) and run it with run_scenario (summary.csv and scenario.ini only, one
 * job, in process) into OUTDIR/NNNN. Prints one line per point:
 *   point,open_seconds,run_seconds
 * and removes OUTDIR at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/output.h"
#include "run/run.h"
#include "scenario/scenario.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: inproc SCENARIO OUTDIR < points\n");
        return 2;
    }
    char line[4096];
    int point = 0, status = 0;
    while (fgets(line, sizeof line, stdin)) {
        scn_override sets[64];
        size_t n = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok && n < 64; tok = strtok(NULL, " \t\r\n"))
            sets[n++] = (scn_override){.assignment = tok};
        point++;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%04d", argv[2], point);
        sim_err err = {0};
        double t0 = now_s();
        scenario *s = scn_open(argv[1], sets, n, &err);
        double t1 = now_s();
        if (!s) {
            fprintf(stderr, "inproc: point %d: %s\n", point, err.msg);
            status = 1;
            continue;
        }
        run_options ro = {.outdir = dir, .quiet = 1, .jobs = 1, .summary_only = 1};
        int rc = run_scenario(s, &ro, &err);
        double t2 = now_s();
        scn_destroy(s);
        if (rc) {
            fprintf(stderr, "inproc: point %d: %s\n", point, err.msg);
            status = 1;
        }
        printf("%d,%.6f,%.6f\n", point, t1 - t0, t2 - t1);
        fflush(stdout);
    }
    out_remove_tree(argv[2]);
    return status;
}
