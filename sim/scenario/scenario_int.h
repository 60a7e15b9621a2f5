/* scenario_int.h: internals of the scenario module shared by its files
 * (scenario.c reads and resolves, scenario_types.c parses values, scenario_keys.c
 * lists the keys). Not for use outside sim/scenario*.c and its tests. */
#ifndef SESIM_SCENARIO_INT_H
#define SESIM_SCENARIO_INT_H

#include <stddef.h>

#include "scenario.h"
#include "core/units.h"

/* What a value parser may need to know. */
typedef struct scn_ctx {
    int64_t start;       /* sim.start, for absolute times */
    const char *dir;     /* folder of the file the value came from, for paths */
    const char *choices; /* "a|b|c" for enums */
} scn_ctx;

/* A value type: parse text into a field, format it back canonically, free it. */
typedef struct scn_type {
    const char *name;
    int (*parse)(const char *text, void *field, const scn_ctx *ctx, sim_err *err);
    void (*format)(const void *field, const char *choices, char *buf, size_t n);
    void (*release)(void *field); /* NULL when the field owns no memory */
} scn_type;

extern const scn_type scn_type_count, scn_type_quota, scn_type_count_or_none, scn_type_rate,
    scn_type_duration, scn_type_share, scn_type_ratio, scn_type_factor,
    scn_type_int, scn_type_datetime, scn_type_time_or_none, scn_type_enum,
    scn_type_string, scn_type_path, scn_type_targets, scn_type_rate_table,
    scn_type_requests, scn_type_rate_requests, scn_type_related_by, scn_type_names, scn_type_hours,
    scn_type_traffic_kind, scn_type_sender, scn_type_tick, scn_type_client,
    scn_type_duration_or_none, scn_type_cap;

enum {
    KEY_ASSUMPTION = 1, /* the default is not public: an assumption of sesim */
    KEY_LATER = 2,      /* parsed and validated, not modelled yet in this version */
    KEY_QUIET = 4,      /* left out of DIR/scenario.ini when empty or at its default
                         * (sesim check shows it):
                         * scenarios that do not use it resolve to the same text as before */
    KEY_HOURS = 8,      /* a duration in whole hours: studies round the values they set */
};

typedef struct scn_keydef {
    const char *name;
    const scn_type *type;
    size_t offset;       /* of the field in the section's struct */
    const char *def;     /* default text; NULL: derived (see `derived`) */
    const char *choices; /* enums only */
    unsigned flags;
    const char *derived; /* how a NULL default is derived, for `sesim check` */
    const char *range;   /* an assumption's plausible range "LO:HI" or "LO:HI:log" in
                            the key's units (sesim sensitivity; docs/model.md); NULL: none */
} scn_keydef;

typedef enum { SEC_SIM, SEC_POLICY, SEC_ACCOUNT, SEC_TRAFFIC, SEC_TENANT, SEC_CONFIGSET, SEC_MAILBOX,
               SEC_DOMAIN, SEC_COUNT } scn_section_kind;

typedef struct scn_section_def {
    const char *name;  /* "sim", "policy", "account", "traffic", "tenant" */
    int named;         /* account.NAME and traffic.NAME carry a name */
    const scn_keydef *keys;
    size_t n_keys;
} scn_section_def;

extern const scn_section_def scn_sections[SEC_COUNT];

const scn_keydef *scn_find_key(scn_section_kind kind, const char *key);
/* Closest key name of the section within edit distance 2, or NULL. */
const char *scn_suggest_key(scn_section_kind kind, const char *key);
size_t scn_edit_distance(const char *a, const char *b);

/* An error about `key` of the section of this kind and name (NULL for [sim]
 * and [policy]): "FILE:LINE: SECTION.KEY: message", at the key's line when it
 * was written, else at the section's. Returns SIM_EINPUT. */
int scn_key_error(const scenario *s, scn_section_kind kind, const char *name, const char *key,
                  sim_err *err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* A large number for a message: "7.1e+19", or words when it overflowed. */
const char *scn_fmt_big(double v, char buf[32]);

/* The default hour-of-day profile of diurnal traffic (24 weights, UTC). */
extern const double scn_default_hours[24];

#endif
