/* fuzz_json.c: the JSON readers: kind = ses-stats's JSON (models/
 * traffic_ses_stats.c), kind = ses-events (models/traffic_ses_events.c) and
 * account.from (sim/scenario/scenario_from.c), all on sim/core/jsonin.c.
 *
 * The first byte of the input picks the reader (0, 1, 2: its value mod 3); the
 * rest is the file. The replay kinds are asked for demand tick after tick over
 * a two-day run with 1-minute ticks; account.from goes through a scenario
 * (scn_load_string, scn_resolve). Demand must be a count, shares in [0, 1],
 * errors SIM_EINPUT and one line naming the file, and an accepted account a
 * positive quota and rate. */
#include <math.h>

#include "core/config.h"
#include "fuzz.h"
#include "models/traffic.h"
#include "scenario/scenario.h"

static const char *path;

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_json: %s: %s\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n') && !strchr(err->msg, '\r'), "a message of several lines",
          err->msg);
    check(strstr(err->msg, path) != NULL, "a message without the file", err->msg);
}

static void replay(const char *kind)
{
    const traffic_type *type = traffic_type_find(kind);
    char *names[] = {"main"};
    scn_traffic cfg = {.name = "t", .account = {1, names}, .file = (char *)path};
    scn_sim sim = {.start = 1767571200000LL, .tick = SIM_MS_PER_MIN, .interval = SIM_MS_PER_H,
                   .duration = 2 * SIM_MS_PER_DAY}; /* 2026-01-05T00:00:00Z */
    void *state = calloc(1, type->state_size);
    sim_err err = {0};
    int rc = type->init(state, &cfg, &sim, &err);
    for (int64_t now = 0; !rc && now < sim.duration; now += sim.tick) {
        int64_t n = -1;
        if ((rc = type->demand(state, now, sim.tick, NULL, &n, &err)))
            break;
        check(n >= 0 && n <= (int64_t)SCN_MAX_COUNT, "demand out of range", NULL);
        double b = -1, c = -1;
        if (type->observed_shares(state, now, &b, &c))
            check(b >= 0 && b <= 1 && c >= 0 && c <= 1, "observed shares out of [0, 1]", NULL);
    }
    if (rc)
        check_error(rc, &err);
    if (type->destroy)
        type->destroy(state);
    free(state);
}

static void account_from(void)
{
    char text[4200];
    snprintf(text, sizeof text, "[account.main]\nfrom = %s\n[traffic.t]\nkind = constant\n", path);
    scenario *s = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(s, text, "fuzz.ini", "", &err);
    check(rc == 0, "the scenario around the file was refused", err.msg);
    if ((rc = scn_resolve(s, &err)))
        check_error(rc, &err);
    else
        check(s->accounts[0].max24h > 0 && s->accounts[0].max_rate > 0 &&
              s->accounts[0].sent_24h >= 0, "an account without a positive quota", NULL);
    scn_destroy(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    path = fuzz_file(data + 1, size - 1, ".json");
    switch (data[0] % 3) {
    case 0: replay("ses-stats"); break;
    case 1: replay("ses-events"); break;
    default: account_from(); break;
    }
    return 0;
}
