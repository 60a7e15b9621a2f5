/* scenario.h: scenario files (INI, read with inih), --set overrides, defaults,
 * validation and the fully resolved scenario that `sesim check` prints and every
 * run writes as DIR/scenario.ini.
 *
 * Lifecycle: scn_create -> scn_load_file / scn_load_string -> scn_set (0..n)
 * -> scn_resolve -> use -> scn_destroy. Errors are "FILE:LINE: message" in a sim_err
 * with SIM_EINPUT. The structs below are the resolved configuration (what the
 * user asked for); models keep their running state elsewhere. */
#ifndef SESIM_SCENARIO_H
#define SESIM_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/error.h"

typedef struct scn_list { size_t n; double *v; } scn_list;             /* 50k, 100k, 1M */
typedef struct scn_points { size_t n; double *x, *y; } scn_points;     /* 200:1, 10k:5 */
typedef struct scn_names { size_t n; char **v; } scn_names;            /* a, b */

enum { STAGE_PRODUCTION, STAGE_SANDBOX };
enum { PRESET_CLASSIC, PRESET_MODERN };
enum { REASON_NONE, REASON_TEST_PROD, REASON_BUSINESS_UNIT, REASON_VOLUME };
enum { SUPPRESSION_SES, SUPPRESSION_NONE };
enum { ON_PAUSE_NONE, ON_PAUSE_FIX };
enum { NOISE_POISSON, NOISE_NONE };
enum { RELATED_PAYER = 1, RELATED_DOMAIN = 2, RELATED_COMPANY = 4 };
#define SCN_NONE_TIME (-1) /* an unset optional time */

typedef struct scn_sim {
    int64_t start;            /* ms since 1970-01-01 UTC */
    int64_t duration, tick, interval;
    int64_t seed, reps;
    scn_list targets;
} scn_sim;

typedef struct scn_policy {
    int preset;
    double sandbox_max24h, sandbox_max_rate, production_max24h, production_max_rate;
    double bounce_review, bounce_pause, complaint_review, complaint_pause;
    double rep_volume;
    int64_t review_period;
    double pause_probability;
    int64_t appeal_delay;
    double related_review;
    int64_t ramp_interval;
    double ramp_utilization, ramp_bounce_max, ramp_complaint_max, ramp_content_min;
    double ramp_factor, ramp_ceiling;
    scn_points rate_table;
    int64_t production_review_delay, reason_review_delay, quota_review_delay;
    double quota_request_factor;
    int64_t related_by; /* RELATED_* bits */
    double circumvention_hazard;
} scn_policy;

typedef struct scn_account {
    char *name;
    int stage;
    double max24h, max_rate;    /* max24h INFINITY: unlimited (the API's -1) */
    char *payer, *domain, *company;
    int64_t request_production; /* ms since start or SCN_NONE_TIME */
    int multi_account_reason;
    scn_points request_quota;   /* x: ms since start, y: messages per 24 h */
    scn_points request_rate;    /* x: ms since start, y: messages per second */
    int suppression, on_pause;
    double review_hazard;       /* chance per day of a review not caused by the rates */
} scn_account;

/* A stream's traffic kind and sender are entries of their models' type tables
 * (models/traffic.h, models/sender.h), which alone hold their names. */
struct traffic_type;
struct sender_type;

typedef struct scn_traffic {
    char *name;
    scn_names account;          /* names as written */
    size_t *account_index;      /* resolved: indices into scenario.accounts */
    const struct traffic_type *kind; /* models/traffic.h: its type table entry */
    double daily, growth;
    int noise;
    double weekend;
    double hours[24];           /* hour-of-day weights (UTC), normalised on use */
    int64_t every, at, spread;
    double size;
    char *file;                 /* resolved against the scenario file's folder */
    const struct sender_type *sender; /* models/sender.h: its type table entry */
    double target_utilization, max_backlog; /* max_backlog: INFINITY = none */
    int64_t retry_attempts, retry_base;
    int64_t retry_wait;         /* sender = wait: the wait before each retry */
    double list_size, invalid, list_decay, soft_bounce, complaint, fbl_share, content;
    double simulator, verified;
    int64_t recipients;         /* per SendEmail call, 1..50 */
    int64_t bounce_delay, complaint_delay;
    scn_points cap;             /* schedule cap: x day (from 1), y messages that day
                                   (INFINITY: none); n = 0: no cap */
} scn_traffic;

typedef struct scenario scenario;

struct scenario {
    char *path;        /* the file it came from, or "(built-in)" */
    char *header;      /* leading comment block of the file, kept for reports */
    scn_sim sim;
    scn_policy policy;
    scn_account *accounts;
    size_t n_accounts;
    scn_traffic *traffic;
    size_t n_traffic;
    struct scn_raw *raw; /* what was read, before resolution (internal) */
};

scenario *scn_create(void);
void scn_destroy(scenario *s);

/* Read a scenario file; relative paths in it resolve against its folder. */
int scn_load_file(scenario *s, const char *path, sim_err *err);
/* Read scenario text; `name` is used in messages, relative paths resolve against `dir`. */
int scn_load_string(scenario *s, const char *text, const char *name, const char *dir, sim_err *err);
/* Apply one --set KEY=VALUE (KEY is section.key or section.name.key; the name
 * '*' sets the key in every section of that kind the scenario has, an error
 * when it has none: traffic.*.invalid=3%). */
int scn_set(scenario *s, const char *assignment, sim_err *err);
/* Does the scenario as loaded have the section the assignment names? 1: [sim]
 * and [policy] always, account.NAME and traffic.NAME when the file has them; 0:
 * it has not (scn_set would add it); SIM_EINPUT: the assignment is malformed or
 * its key is unknown. `sesim batch` applies --set only where this is 1. */
int scn_set_applies(const scenario *s, const char *assignment, sim_err *err);
/* Apply defaults, parse values, check ranges and references. */
int scn_resolve(scenario *s, sim_err *err);

/* All of the above in one call: read `path` (the built-in default when NULL),
 * apply the --set assignments in order, resolve. NULL and err on failure. */
scenario *scn_open(const char *path, const char *const *sets, size_t n_sets, sim_err *err);

/* Print the fully resolved scenario as INI. With annotate, each value carries a
 * comment saying whether it is a default, an assumption or not modelled yet. */
int scn_print(const scenario *s, FILE *out, int annotate);

/* ---- numeric keys, for the studies that vary them (sesim sensitivity) ----
 * KEY is section.key or section.NAME.key, as for --set. Values are in the key's
 * base unit: messages, messages per second, a fraction for shares, ratios and
 * factors, milliseconds for durations. Numeric types: count, quota (finite),
 * rate, duration, share, ratio, factor, whole number. */

/* A range of values: lo..hi, spaced evenly or (log) geometrically. */
typedef struct scn_range {
    double lo, hi;
    int log;
} scn_range;

/* The value of KEY in the resolved scenario; SIM_EINPUT ("--keys") when the
 * scenario has no such section or key, or the key is not a number. */
int scn_key_value(const scenario *s, const char *key, double *value, sim_err *err);
/* The plausible range documented for KEY (the key table, docs/model.md):
 * 1 and *r when it has one, 0 when not. */
int scn_key_range(const char *key, scn_range *r);
/* Parse "LO:HI" or "LO:HI:log" in KEY's units (1d:7d, 0.5%:3%); `where`
 * names the option in messages. */
int scn_parse_range(const scenario *s, const char *key, const char *text, const char *where,
                    scn_range *r, sim_err *err);
/* The value as a scenario writes it for KEY (canonical: it reads back to the
 * same value); durations are rounded to the millisecond, counts and whole
 * numbers to a whole number. */
void scn_key_text(const char *key, double value, char *buf, size_t n);
/* Every key of the scenario's sections that is marked assumption and has a
 * range, as section.key or section.NAME.key: [sim], [policy], the accounts,
 * then the streams, each in file order and its keys in the table's order.
 * *n receives the count; free each string and the array. */
char **scn_assumption_keys(const scenario *s, size_t *n);

/* The built-in default scenario (scenarios/default.ini, embedded by the build). */
extern const char scn_default_text[];

#endif
