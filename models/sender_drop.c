/* sender_drop.c: sender = drop, a client without a queue. It submits its demand
 * as it comes (within target_utilization of the quota, when that is below 100%);
 * what SES refuses is counted as throttled and lost (dropped). */
#include "sender.h"

static void drop_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    flow_counts d = {.demand = demand};
    int64_t offer = demand;
    if (s->cfg->target_utilization < 1) {
        int64_t planned = stream_quota_left(s, now, s->cfg->target_utilization);
        offer = demand < planned ? demand : planned;
    }
    acct_reply r = stream_submit(s, now, span, offer);
    d.sent = r.accepted;
    d.rejected = r.rejected;
    d.throttled = r.refused;
    d.dropped = demand - r.accepted - r.rejected;
    stream_record(s, &d);
}

const sender_type sender_drop = {.name = "drop", .tick = drop_tick, .client = 1,
                                 .handling = CLIENT_GIVE_UP};
