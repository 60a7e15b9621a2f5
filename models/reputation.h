/* reputation.h: an account's reputation metrics, as SES computes them over a
 * "representative volume" of its recent mail (SES-FACTS; the formula is not
 * public, so this one is an assumption, see docs/model.md):
 *
 *   bounce rate    = counted hard bounces / eligible sends
 *   complaint rate = complaints / deliveries to feedback-loop domains
 *   content score  = eligible-weighted mean content quality
 *
 * over the most recent hourly send buckets that hold at least rep_volume
 * eligible sends and span at least min_window hours (24 by default; all buckets
 * since the start, or since a fix, when there are fewer). Feedback is
 * attributed to the hour of the send and counted when it arrives: bounces and
 * complaints are scheduled into an arrival calendar of `horizon` + 2 hourly
 * slots and applied at the end of the hour they arrive in.
 *
 * The window start only moves forward (adding an hour never needs an older
 * bucket back), so each hour costs O(1) amortised. Only hours with sends hold a
 * bucket: memory is bounded by the sends in the window, not by its length in
 * hours (a paused account's window can last for years). */
#ifndef SESIM_REPUTATION_H
#define SESIM_REPUTATION_H

#include <stdint.h>

typedef struct rep_bucket {
    int64_t hour; /* send hour, as hours since the scenario start */
    int64_t eligible, fbl, bounces, complaints;
    double content; /* sum of content quality x eligible */
} rep_bucket;

typedef struct rep_arrival {
    int64_t send_hour, bounces, complaints;
} rep_arrival;

/* Feedback due in one arrival hour. */
typedef struct rep_slot {
    rep_arrival *v;
    uint32_t len, cap;
} rep_slot;

typedef struct reputation {
    /* buckets of the hours with sends in [win_first, win_last], in hour order */
    rep_bucket *ring;
    uint32_t head, len, cap;
    int64_t win_first, win_last; /* the window's hours, sends or not; empty if last < first */
    rep_bucket sum; /* totals over the window */
    /* arrival calendar: slot for arrival hour h is slots[h % n_slots] */
    rep_slot *slots;
    uint32_t n_slots;
    int64_t current_hour;
    int64_t floor_hour;  /* buckets before it were forgotten by a fix */
    double rep_volume;
    int64_t horizon;    /* hours: later feedback is counted at this delay */
    int64_t min_window; /* hours: the shortest window */
    /* latest values, as of the last hour's end */
    rep_bucket measured; /* the window totals they were computed from */
    double bounce_rate, complaint_rate, content_score;
    int representative; /* the window holds rep_volume eligible sends */
} reputation;

/* rep_volume: eligible sends of a representative window; horizon_hours:
 * feedback arriving later than this after its send hour is counted at this
 * horizon (policy.feedback_horizon, >= 0); min_window_hours: the shortest
 * window (policy.rep_min_window, >= 1). */
void rep_init(reputation *r, double rep_volume, int64_t horizon_hours, int64_t min_window_hours);
void rep_destroy(reputation *r);

/* Record sends of the current hour (hour = now / 1 h; hours never go back). */
void rep_record_sends(reputation *r, int64_t hour, int64_t eligible, int64_t fbl, double content);
/* Schedule feedback on mail sent in send_hour to arrive in arrival_hour. */
void rep_schedule(reputation *r, int64_t send_hour, int64_t arrival_hour, int64_t bounces,
                  int64_t complaints);
/* End of hour `hour` - 1 (called at the hour boundary `hour`): apply the feedback
 * that arrived in it, advance the window and recompute the rates. Returns the
 * bounces and complaints that arrived, for the output counts. */
void rep_end_hour(reputation *r, int64_t hour, int64_t *bounces, int64_t *complaints);
/* Forget everything sent before `hour` (a fix was accepted). */
void rep_forget_before(reputation *r, int64_t hour);

/* The window's first hour (-1 when empty) and its length in hours, hours
 * without sends included; the buckets held (hours with sends). */
int64_t rep_window_first(const reputation *r);
int64_t rep_window_hours(const reputation *r);
uint32_t rep_buckets_held(const reputation *r);

#endif
