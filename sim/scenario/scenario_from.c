/* scenario_from.c: account.NAME.from = FILE, an account's starting state from
 * what the AWS CLI prints (docs/formats.md, "account.from").
 *
 *   aws ses get-send-quota     {"Max24HourSend": 200.0, "SentLast24Hours": 1.0,
 *                               "MaxSendRate": 1.0}
 *   aws sesv2 get-account      {"SendQuota": {...the same three...},
 *                               "ProductionAccessEnabled": false,
 *                               "EnforcementStatus": "HEALTHY", "SendingEnabled": true}
 *
 * Each value sets a key of the account that the section does not write itself
 * (a key written in the scenario wins): Max24HourSend -> max24h (-1: unlimited),
 * MaxSendRate -> max_rate, SentLast24Hours -> sent_24h, ProductionAccessEnabled
 * -> stage, EnforcementStatus and SendingEnabled -> status. */
#include <math.h>
#include <string.h>

#include "core/jsonin.h"
#include "scenario_int.h"

static int quota(const char *path, long line, const json_t *q, scn_account *a, unsigned keep,
                 sim_err *err)
{
    double max24h = 0;
    int64_t count;
    int rc = jsonin_number(path, line, q, "Max24HourSend", &max24h, err);
    if (rc < 0)
        return rc;
    if (rc == 0 && !(keep & SCN_FROM_MAX24H)) {
        if (max24h == -1)
            a->max24h = INFINITY; /* the API's unlimited */
        else if ((rc = jsonin_count(path, line, q, "Max24HourSend", &count, err)))
            return rc;
        else if (count == 0)
            return sim_errorf(err, SIM_EINPUT, path, line, "Max24HourSend 0 is not positive");
        else
            a->max24h = (double)count;
        a->from_set |= SCN_FROM_MAX24H;
    }
    double rate = 0;
    if ((rc = jsonin_number(path, line, q, "MaxSendRate", &rate, err)) < 0)
        return rc;
    if (rc == 0 && !(keep & SCN_FROM_MAX_RATE)) {
        if (!(rate > 0))
            return sim_errorf(err, SIM_EINPUT, path, line, "MaxSendRate %g is not positive", rate);
        a->max_rate = rate;
        a->from_set |= SCN_FROM_MAX_RATE;
    }
    if ((rc = jsonin_count(path, line, q, "SentLast24Hours", &count, err)) < 0)
        return rc;
    if (rc == 0 && !(keep & SCN_FROM_SENT_24H))
        a->sent_24h = (double)count;
    return 0;
}

/* EnforcementStatus as docs/model.md maps api_status; SendingEnabled = false
 * is a pause whatever the status says (assumption: sesim has no other state
 * in which an account cannot send). */
static int status(const char *path, long line, const json_t *o, scn_account *a, unsigned keep,
                  sim_err *err)
{
    static const char *const names[] = {"HEALTHY", "PROBATION", "SHUTDOWN"};
    const char *s = "";
    int enabled, rc = jsonin_string(path, line, o, "EnforcementStatus", &s, err);
    if (rc < 0)
        return rc;
    int st = SCN_STATUS_HEALTHY;
    if (rc == 0) {
        while (st < 3 && strcmp(s, names[st]) != 0)
            st++;
        if (st == 3)
            return sim_errorf(err, SIM_EINPUT, path, line,
                              "EnforcementStatus '%.40s' is not HEALTHY, PROBATION or SHUTDOWN", s);
    }
    if ((rc = jsonin_bool(path, line, o, "SendingEnabled", &enabled, err)) < 0)
        return rc;
    if (rc == 0 && !enabled)
        st = SCN_STATUS_PAUSED;
    if (!(keep & SCN_FROM_STATUS))
        a->status = st;
    if ((rc = jsonin_bool(path, line, o, "ProductionAccessEnabled", &enabled, err)) < 0)
        return rc;
    if (rc == 0 && !(keep & SCN_FROM_STAGE))
        a->stage = enabled ? STAGE_PRODUCTION : STAGE_SANDBOX;
    return 0;
}

int scn_account_from(scn_account *a, unsigned keep, sim_err *err)
{
    jsonin *in;
    int rc = jsonin_load(&in, a->from, err);
    if (rc)
        return rc;
    const json_t *root = jsonin_root(in), *q = json_object_get(root, "SendQuota");
    const char *path = jsonin_path(in);
    long line = jsonin_line(in, root);
    if (!json_is_object(root) ||
        (!json_is_object(q) && !json_object_get(root, "Max24HourSend")))
        rc = sim_errorf(err, SIM_EINPUT, path, line > 0 ? line : 1,
                        "expected the output of `aws ses get-send-quota` (Max24HourSend, ...) "
                        "or `aws sesv2 get-account` (SendQuota, ...)");
    else if (json_is_object(q))
        rc = quota(path, jsonin_line(in, q), q, a, keep, err);
    else
        rc = quota(path, line, root, a, keep, err);
    if (!rc)
        rc = status(path, line, root, a, keep, err);
    jsonin_close(in);
    return rc;
}
