/* event_types.h: the events of events.csv, listed once (an X-macro, as
 * sim/run/columns.h lists the output columns). Models emit an event by its id
 * (account_event(a, EV_paused, ...)); the rows writer prints its name, and the
 * report reads events.csv back through the same list. A new event is one line
 * here (docs/formats.md lists them).
 *
 * X(name, tone): the name as written in events.csv (and EV_name, its id), and
 * how a reader shows it: EVENT_GOOD (the account gains), EVENT_WARN (a step
 * towards trouble), EVENT_BAD (trouble), EVENT_PLAIN. */
#ifndef EVENT_TYPES_H
#define EVENT_TYPES_H

#define EVENT_TYPES(X)                                                                            \
    X(quota_raised, EVENT_GOOD)                                                                   \
    X(quota_requested, EVENT_PLAIN)                                                               \
    X(quota_granted, EVENT_GOOD)                                                                  \
    X(quota_denied, EVENT_BAD)                                                                    \
    X(rate_requested, EVENT_PLAIN)                                                                \
    X(rate_granted, EVENT_PLAIN)                                                                  \
    X(rate_denied, EVENT_PLAIN)                                                                   \
    X(production_requested, EVENT_PLAIN)                                                          \
    X(production_granted, EVENT_GOOD)                                                             \
    X(production_denied, EVENT_BAD)                                                               \
    X(reason_requested, EVENT_WARN)                                                               \
    X(review_started, EVENT_WARN)                                                                 \
    X(review_cleared, EVENT_GOOD)                                                                 \
    X(paused, EVENT_BAD)                                                                          \
    X(appeal, EVENT_PLAIN)                                                                        \
    X(related_review, EVENT_WARN)                                                                 \
    X(circumvention_flagged, EVENT_WARN)                                                          \
    X(tenant_paused, EVENT_PLAIN)                                                                 \
    X(tenant_reinstated, EVENT_PLAIN)                                                             \
    X(tenant_enabled, EVENT_PLAIN)                                                                \
    X(tenant_alarm_paused, EVENT_PLAIN)                                                           \
    X(tenant_alarm_resumed, EVENT_PLAIN)                                                          \
    X(configset_paused, EVENT_PLAIN)                                                              \
    X(configset_resumed, EVENT_PLAIN)

typedef enum { EVENT_PLAIN, EVENT_GOOD, EVENT_WARN, EVENT_BAD } event_tone;

#define EVENT_ID(name, tone) EV_##name,
typedef enum { EVENT_TYPES(EVENT_ID) EV_N } event_type;
#undef EVENT_ID

/* The name written in events.csv. */
const char *event_name(event_type ev);
event_tone event_tone_of(event_type ev);
/* The id of a name as written in events.csv; -1 when it is none. */
int event_find(const char *name);

#endif
