/* sender_wait.c: sender = wait, a client that follows AWS's advice on a
 * throttling error: "wait for an interval of up to 10 minutes, and then retry
 * the send request" (DG manage-sending-quotas-errors). Demand is submitted as
 * it comes; what SES refuses is tried again exactly retry_wait later (10m by
 * default), up to retry_attempts attempts in all, then dropped. No random
 * draws: every message refused in a tick comes back in the tick holding
 * now + retry_wait (GOV.UK Notify requeues throttled mail after 5 minutes:
 * retry_wait = 5m). The loop is the retry sender's (sender_retry.c). */
#include "sender.h"

static void wait_tick(stream *s, int64_t now, int64_t span, int64_t demand)
{
    sender_retry_tick(s, now, span, demand, s->cfg->retry_wait);
}

const sender_type sender_wait = {.name = "wait", .tick = wait_tick, .destroy = sender_retry_destroy,
                                 .work = sender_retry_work, .client = 1, .handling = CLIENT_REQUEUE};
