/* sender_overflow.c: sender = overflow, the "shift production traffic gradually"
 * migration (SES-FACTS, seed). Each tick it submits to SES what the account's
 * rate and quota (capped at target_utilization) let through; the rest goes out
 * through the legacy provider at once, counted as overflow. Nothing waits.
 * In a stream split over several accounts the overflow of one part goes to the
 * next part first (still counted as this account's overflow), and only the
 * last part's overflow reaches the legacy provider. */
#include "sender.h"

static void overflow_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    /* A part of a split stream also takes what the previous part could not. */
    flow_counts d = {.demand = demand + s->carry, .handed_in = s->carry};
    demand += s->carry;
    s->carry = 0;
    int64_t room = stream_room(s, now, span, s->cfg->target_utilization);
    int64_t offer = demand < room ? demand : room;
    acct_reply r = stream_submit(s, now, span, offer);
    d.sent = r.accepted;
    d.rejected = r.rejected;
    d.throttled = r.refused;
    d.overflow = demand - r.accepted - r.rejected;
    stream_hand_over(s, d.overflow); /* to the next part, else to the legacy provider */
    stream_record(s, &d);
}

const sender_type sender_overflow = {.name = "overflow", .tick = overflow_tick};
