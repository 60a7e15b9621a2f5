/* sender.c: the table of sender behaviours. */
#include <string.h>

#include "sender.h"

/* The behaviours, one line each: X(NAME) is the sender_type sender_NAME that
 * models/sender_NAME.c defines. The list declares them and fills the table,
 * in the order `sesim check` lists them. */
#define SENDER_TYPES(X)                                                                            \
    X(pace)                                                                                        \
    X(retry)                                                                                       \
    X(overflow)                                                                                    \
    X(drop)                                                                                        \
    X(wait)                                                                                        \
    /* a new behaviour: one line above this one */

#define SENDER_DECLARE(k) extern const sender_type sender_##k;
#define SENDER_ENTRY(k) &sender_##k,
SENDER_TYPES(SENDER_DECLARE)
static const sender_type *const sender_types[] = {SENDER_TYPES(SENDER_ENTRY) NULL};
#undef SENDER_DECLARE
#undef SENDER_ENTRY

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
