/* sender_overflow.c: sender = overflow, the "shift production traffic gradually"
 * migration (SES-FACTS, seed). Each tick it submits to SES what the account's
 * rate and quota (capped at target_utilization) let through; the rest goes out
 * through the legacy provider at once, counted as overflow. Nothing waits. */
#include "sender.h"

static void overflow_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    flow_counts d = {.demand = demand};
    int64_t room = account_room(s->acct, now, span, s->cfg->target_utilization);
    int64_t offer = demand < room ? demand : room;
    acct_reply r = stream_submit(s, now, span, offer);
    d.sent = r.accepted;
    d.rejected = r.rejected;
    d.throttled = r.refused;
    d.overflow = demand - r.accepted - r.rejected;
    stream_record(s, &d);
}

const sender_type sender_overflow = {.name = "overflow", .tick = overflow_tick};
