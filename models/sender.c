/* sender.c: the table of sender behaviours. */
#include <string.h>

#include "sender.h"

static const sender_type *const sender_types[] = {
    &sender_pace,
    &sender_retry,
    &sender_overflow,
    &sender_drop,
    &sender_wait,
    NULL,
};

const sender_type *sender_type_at(size_t i)
{
    return i < sizeof sender_types / sizeof sender_types[0] ? sender_types[i] : NULL;
}

const sender_type *sender_type_find(const char *name)
{
    for (size_t i = 0; sender_types[i]; i++)
        if (strcmp(sender_types[i]->name, name) == 0)
            return sender_types[i];
    return NULL;
}
