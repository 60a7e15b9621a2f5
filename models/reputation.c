/* reputation.c: hourly send buckets, the feedback arrival calendar, and the
 * representative-volume window. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reputation.h"

#define MIN_WINDOW_HOURS 24

void rep_init(reputation *r, double rep_volume)
{
    memset(r, 0, sizeof *r);
    r->rep_volume = rep_volume;
    r->n_slots = REP_MAX_DELAY_HOURS + 2;
    r->slots = sim_xcalloc(r->n_slots, sizeof *r->slots);
    r->content_score = 1;
}

void rep_destroy(reputation *r)
{
    for (uint32_t i = 0; r->slots && i < r->n_slots; i++)
        free(r->slots[i].v);
    free(r->slots);
    free(r->ring);
    memset(r, 0, sizeof *r);
}

static rep_bucket *bucket_at(reputation *r, uint32_t i) { return &r->ring[(r->head + i) % r->cap]; }

/* The bucket of a send hour if it is still held, else NULL. */
static rep_bucket *find_bucket(reputation *r, int64_t hour)
{
    if (!r->len)
        return NULL;
    int64_t first = bucket_at(r, 0)->hour;
    if (hour < first || hour >= first + r->len)
        return NULL;
    return bucket_at(r, (uint32_t)(hour - first));
}

static void push_bucket(reputation *r, int64_t hour)
{
    if (r->len == r->cap) {
        uint32_t cap = r->cap ? 2 * r->cap : 64;
        rep_bucket *ring = sim_xmalloc(cap * sizeof *ring);
        for (uint32_t i = 0; i < r->len; i++)
            ring[i] = *bucket_at(r, i);
        free(r->ring);
        r->ring = ring;
        r->cap = cap;
        r->head = 0;
    }
    *bucket_at(r, r->len++) = (rep_bucket){.hour = hour};
}

/* Make sure buckets exist up to `hour` (hours without sends are empty buckets). */
static rep_bucket *current(reputation *r, int64_t hour)
{
    if (!r->len)
        push_bucket(r, hour > r->floor_hour ? r->floor_hour : hour);
    while (bucket_at(r, r->len - 1)->hour < hour)
        push_bucket(r, bucket_at(r, r->len - 1)->hour + 1);
    return find_bucket(r, hour);
}

static void add_to(rep_bucket *into, const rep_bucket *d, int sign)
{
    into->eligible += sign * d->eligible;
    into->fbl += sign * d->fbl;
    into->bounces += sign * d->bounces;
    into->complaints += sign * d->complaints;
    into->content += sign * d->content;
}

void rep_record_sends(reputation *r, int64_t hour, int64_t eligible, int64_t fbl, double content)
{
    if (hour < r->floor_hour)
        return;
    rep_bucket d = {.eligible = eligible, .fbl = fbl, .content = content};
    add_to(current(r, hour), &d, 1);
    add_to(&r->sum, &d, 1);
}

void rep_schedule(reputation *r, int64_t send_hour, int64_t arrival_hour, int64_t bounces,
                  int64_t complaints)
{
    if ((!bounces && !complaints) || send_hour < r->floor_hour)
        return;
    if (arrival_hour > send_hour + REP_MAX_DELAY_HOURS)
        arrival_hour = send_hour + REP_MAX_DELAY_HOURS;
    rep_slot *s = &r->slots[arrival_hour % r->n_slots];
    /* Feedback is scheduled as time goes on, so a slot's entries are in send-hour
     * order: only the last one can be for this send hour. */
    if (s->len && s->v[s->len - 1].send_hour == send_hour) {
        s->v[s->len - 1].bounces += bounces;
        s->v[s->len - 1].complaints += complaints;
        return;
    }
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4;
        s->v = sim_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->len++] = (rep_arrival){send_hour, bounces, complaints};
}

/* Drop buckets from the front while the rest still holds the representative
 * volume over at least 24 hours. */
static void shrink_window(reputation *r)
{
    /* Leading hours without eligible sends carry nothing (no sends, no feedback). */
    while (r->len > 1 && bucket_at(r, 0)->eligible == 0) {
        r->head = (r->head + 1) % r->cap;
        r->len--;
    }
    while (r->len > MIN_WINDOW_HOURS) {
        rep_bucket *first = bucket_at(r, 0);
        if ((double)(r->sum.eligible - first->eligible) < r->rep_volume)
            break;
        add_to(&r->sum, first, -1);
        r->head = (r->head + 1) % r->cap;
        r->len--;
    }
}

void rep_end_hour(reputation *r, int64_t hour, int64_t *bounces, int64_t *complaints)
{
    *bounces = *complaints = 0;
    if (hour < 1)
        return;
    rep_slot *s = &r->slots[(hour - 1) % r->n_slots];
    for (uint32_t i = 0; i < s->len; i++) {
        const rep_arrival *a = &s->v[i];
        *bounces += a->bounces;
        *complaints += a->complaints;
        rep_bucket *b = find_bucket(r, a->send_hour);
        if (!b) /* sent before the window start or a fix: no longer counted */
            continue;
        rep_bucket d = {.bounces = a->bounces, .complaints = a->complaints};
        add_to(b, &d, 1);
        add_to(&r->sum, &d, 1);
    }
    s->len = 0;
    current(r, hour - 1);
    r->current_hour = hour;
    shrink_window(r);
    r->measured = r->sum;
    r->representative = (double)r->sum.eligible >= r->rep_volume;
    r->bounce_rate = r->sum.eligible ? (double)r->sum.bounces / (double)r->sum.eligible : 0;
    r->complaint_rate = r->sum.fbl ? (double)r->sum.complaints / (double)r->sum.fbl : 0;
    r->content_score = r->sum.eligible ? r->sum.content / (double)r->sum.eligible : 1;
}

void rep_forget_before(reputation *r, int64_t hour)
{
    r->head = r->len = 0;
    memset(&r->sum, 0, sizeof r->sum);
    memset(&r->measured, 0, sizeof r->measured);
    r->floor_hour = hour;
    r->bounce_rate = r->complaint_rate = 0;
    r->content_score = 1;
    r->representative = 0;
}
