/* reputation.c: hourly send buckets, the feedback arrival calendar, and the
 * representative-volume window. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "reputation.h"

void rep_init(reputation *r, double rep_volume, int64_t horizon_hours, int64_t min_window_hours)
{
    memset(r, 0, sizeof *r);
    r->rep_volume = rep_volume;
    r->horizon = horizon_hours;
    r->min_window = min_window_hours;
    r->n_slots = (uint32_t)horizon_hours + 2;
    r->slots = sim_xcalloc(r->n_slots, sizeof *r->slots);
    r->content_score = 1;
    r->win_last = -1; /* empty window */
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

static int window_empty(const reputation *r) { return r->win_last < r->win_first; }

/* The bucket of a send hour if it is still held, else NULL. Only hours with
 * sends are stored, in hour order: binary search (feedback always follows the
 * recorded sends of its hour, so an hour without a bucket has no feedback). */
static rep_bucket *find_bucket(reputation *r, int64_t hour)
{
    if (window_empty(r) || hour < r->win_first || hour > r->win_last)
        return NULL;
    uint32_t lo = 0, hi = r->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (bucket_at(r, mid)->hour < hour)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->len && bucket_at(r, lo)->hour == hour ? bucket_at(r, lo) : NULL;
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

static void drop_front(reputation *r)
{
    r->head = (r->head + 1) % r->cap;
    r->len--;
}

/* Stretch the window to `hour`. Hours without sends are part of the window (they
 * count towards its min_window hours) but take no memory, so a silent account's window
 * costs nothing however long it lasts. */
static void extend(reputation *r, int64_t hour)
{
    if (window_empty(r))
        r->win_first = r->win_last = hour > r->floor_hour ? r->floor_hour : hour;
    if (hour > r->win_last)
        r->win_last = hour;
}

/* The bucket of the current hour: the last one, as hours only move forward. */
static rep_bucket *current(reputation *r, int64_t hour)
{
    extend(r, hour);
    if (!r->len || bucket_at(r, r->len - 1)->hour < hour)
        push_bucket(r, hour);
    return bucket_at(r, r->len - 1);
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
    if (arrival_hour > send_hour + r->horizon)
        arrival_hour = send_hour + r->horizon;
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

/* The first stored bucket if it is the window's first hour, else NULL (an hour
 * without sends). */
static rep_bucket *first_bucket(reputation *r)
{
    return r->len && bucket_at(r, 0)->hour == r->win_first ? bucket_at(r, 0) : NULL;
}

/* Leading hours without eligible sends carry nothing (no sends, no feedback):
 * drop them, keeping at least the last hour. */
static void skip_empty_front(reputation *r)
{
    while (r->win_last > r->win_first) {
        rep_bucket *b = first_bucket(r);
        if (b && b->eligible)
            return;
        if (b) {
            drop_front(r);
            r->win_first++;
        } else /* jump over the run of hours without a bucket */
            r->win_first = r->len && bucket_at(r, 0)->hour < r->win_last ? bucket_at(r, 0)->hour
                                                                        : r->win_last;
    }
}

/* Drop hours from the front while the rest still holds the representative
 * volume over at least min_window hours. */
static void shrink_window(reputation *r)
{
    skip_empty_front(r);
    while (r->win_last - r->win_first + 1 > r->min_window) {
        rep_bucket *b = first_bucket(r);
        if ((double)(r->sum.eligible - (b ? b->eligible : 0)) < r->rep_volume)
            break;
        if (b) {
            add_to(&r->sum, b, -1);
            drop_front(r);
            r->win_first++;
            continue;
        }
        /* a run of hours without a bucket: up to the next bucket or min_window hours */
        int64_t to = r->win_last - r->min_window + 1;
        r->win_first = r->len && bucket_at(r, 0)->hour < to ? bucket_at(r, 0)->hour : to;
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
    extend(r, hour - 1);
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
    r->win_first = 0;
    r->win_last = -1;
    memset(&r->sum, 0, sizeof r->sum);
    memset(&r->measured, 0, sizeof r->measured);
    r->floor_hour = hour;
    r->bounce_rate = r->complaint_rate = 0;
    r->content_score = 1;
    r->representative = 0;
}

int64_t rep_window_first(const reputation *r) { return window_empty(r) ? -1 : r->win_first; }

int64_t rep_window_hours(const reputation *r)
{
    return window_empty(r) ? 0 : r->win_last - r->win_first + 1;
}

uint32_t rep_buckets_held(const reputation *r) { return r->len; }
