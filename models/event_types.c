/* event_types.c: the names and tones of the events, from their one list. */
#include <string.h>

#include "event_types.h"

#define EVENT_NAME(name, tone) #name,
static const char *const names[EV_N] = {EVENT_TYPES(EVENT_NAME)};
#undef EVENT_NAME
#define EVENT_TONE(name, tone) tone,
static const event_tone tones[EV_N] = {EVENT_TYPES(EVENT_TONE)};
#undef EVENT_TONE

const char *event_name(event_type ev) { return names[ev]; }

event_tone event_tone_of(event_type ev) { return tones[ev]; }

int event_find(const char *name)
{
    for (int i = 0; i < EV_N; i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}
