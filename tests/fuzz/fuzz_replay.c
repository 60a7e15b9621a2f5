/* fuzz_replay.c: the replay kinds, models/traffic_csv.c (kind = csv) and
 * models/traffic_ses_stats.c (kind = ses-stats), through their init and demand.
 *
 * The first byte of the input picks the kind, the tick and the accounts of
 * the stream; the rest is the file. The source is asked for its demand tick
 * after tick over a two-day run, as a stream does, until the end or the first
 * error. Demand must be a count (0..2^53), observed shares in [0, 1], and
 * errors one line "PATH:LINE: ..." with SIM_EINPUT. */
#include <math.h>

#include "core/config.h"
#include "fuzz.h"
#include "models/traffic.h"

static const char *path;

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_replay: %s: %s\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n') && !strchr(err->msg, '\r'), "a message of several lines",
          err->msg);
    check(!strncmp(err->msg, path, strlen(path)), "a message without the file", err->msg);
}

static void replay(const traffic_type *type, scn_traffic *cfg, const scn_sim *sim)
{
    void *state = calloc(1, type->state_size);
    sim_err err = {0};
    int rc = type->init(state, cfg, sim, &err);
    for (int64_t now = 0; !rc && now < sim->duration; now += sim->tick) {
        int64_t n = -1;
        rc = type->demand(state, now, sim->tick, NULL, &n, &err);
        if (rc)
            break;
        check(n >= 0 && n <= (int64_t)SCN_MAX_COUNT, "demand out of range", NULL);
        double b = -1, c = -1;
        if (type->observed_shares && type->observed_shares(state, now, &b, &c))
            check(b >= 0 && b <= 1 && c >= 0 && c <= 1, "observed shares out of [0, 1]", NULL);
    }
    if (rc)
        check_error(rc, &err);
    if (type->destroy)
        type->destroy(state);
    free(state);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int64_t ticks[] = {SIM_MS_PER_MIN, 4 * SIM_MS_PER_MIN, 15 * SIM_MS_PER_MIN,
                                    20 * SIM_MS_PER_MIN, SIM_MS_PER_H, 7 * SIM_MS_PER_S,
                                    3 * SIM_MS_PER_H, 500};
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    path = fuzz_file(data + 1, size - 1, ".csv");
    char *names[] = {"main", "other"};
    scn_traffic cfg = {.name = "transactional", .account = {1 + (pick >> 1 & 1), names},
                       .file = (char *)path};
    int64_t tick = ticks[pick >> 2 & 7];
    /* 2026-01-05T00:00:00Z, two days; with a tick of 500 ms, 10 minutes */
    scn_sim sim = {.start = 1767571200000LL, .tick = tick,
                   .duration = tick < SIM_MS_PER_S ? 10 * SIM_MS_PER_MIN : 2 * SIM_MS_PER_DAY};
    sim.interval = sim.tick;
    replay(traffic_type_find(pick & 1 ? "ses-stats" : "csv"), &cfg, &sim);
    return 0;
}
