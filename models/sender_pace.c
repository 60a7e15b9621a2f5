/* sender_pace.c: sender = pace, a well-behaved client. It queues messages
 * locally and submits, each tick, what its account's rate and daily quota allow
 * (the quota capped at target_utilization), so it is never throttled; what does
 * not fit waits, oldest first, and the wait is recorded as queueing delay. A
 * queue longer than max_backlog loses its newest messages (counted as dropped). */
#include "sender.h"

static void pace_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    flow_counts d = {.demand = demand};
    int64_t before = s->queue.sum;
    fifo_push(&s->queue, now, demand);
    int64_t room = stream_room(s, now, span, s->cfg->target_utilization);
    int64_t offer = s->queue.sum < room ? s->queue.sum : room;
    acct_reply r = stream_submit(s, now, span, offer);
    stream_dequeue(s, now, r.accepted + r.rejected);
    d.sent = r.accepted;
    d.rejected = r.rejected;
    d.throttled = r.refused;
    d.dropped = stream_trim_queue(s);
    s->acct->backlog += s->queue.sum - before;
    stream_record(s, &d);
}

const sender_type sender_pace = {.name = "pace", .tick = pace_tick};
