/* scenario.h: scenario files (INI, read with inih), --set overrides, defaults,
 * validation and the fully resolved scenario that `sesim check` prints and every
 * run writes as DIR/scenario.ini.
 *
 * Lifecycle: scn_create -> scn_load_file / scn_load_string -> scn_set, scn_add (0..n)
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
/* traffic.after: what a replay of observed points does past its data's end */
enum { AFTER_STOP, AFTER_REPEAT, AFTER_PROFILE };
enum { RELATED_PAYER = 1, RELATED_DOMAIN = 2, RELATED_COMPANY = 4 };
#define SCN_NONE_TIME (-1) /* an unset optional time */
#define SCN_TICK_AUTO (-1)  /* sim.tick = auto */

typedef struct scn_sim {
    int64_t start;            /* ms since 1970-01-01 UTC */
    int64_t duration, tick, interval;
    int64_t tick_fine;        /* the tick of hours not batched when tick = auto */
    int64_t seed, reps;
    scn_list targets;
    int mailboxes;            /* SCN_OFF or SCN_ON: the mailbox providers (models/mailbox.h) */
} scn_sim;

enum { SCN_OFF, SCN_ON };

/* The step of demand and submission when no hour is batched: sim.tick, or
 * sim.tick_fine with tick = auto. */
static inline int64_t scn_fine_tick(const scn_sim *m)
{
    return m->tick != SCN_TICK_AUTO ? m->tick : m->tick_fine;
}

typedef struct scn_policy {
    int preset;
    double sandbox_max24h, sandbox_max_rate, production_max24h, production_max_rate;
    int64_t rate_burst;       /* ms of max_rate the rate bucket holds */
    double bounce_review, bounce_pause, complaint_review, complaint_pause;
    double rep_volume;
    int64_t rep_min_window;   /* whole hours, in ms */
    int64_t feedback_horizon; /* whole hours, in ms */
    int64_t review_period;
    double pause_probability;
    int64_t appeal_delay;
    double related_review;
    int64_t ramp_interval;
    double ramp_utilization, ramp_bounce_max, ramp_complaint_max, ramp_content_min;
    double ramp_factor, ramp_ceiling;
    scn_points rate_table;
    int64_t production_review_delay, reason_review_delay, quota_review_delay;
    double request_delay_sigma; /* lognormal shape of the decision delays */
    double quota_request_factor;
    int64_t related_by; /* RELATED_* bits */
    double circumvention_hazard;
    double circumvention_threshold; /* x the largest single quota of the group */
    int region_enforcement;   /* REGION_ENFORCEMENT_*: is a review or pause shared by the Regions */
    int64_t retry_window;     /* SES retries mail a provider deferred this long (mailboxes) */
} scn_policy;

/* policy.region_enforcement: each Region of an account on its own, or a
 * review or pause of one Region applied to all of them (an assumption). */
enum { REGION_ENFORCEMENT_REGION, REGION_ENFORCEMENT_ACCOUNT };
/* traffic.route: equal shares over the stream's accounts, or everything to the
 * first and what it cannot take to the next (failover). */
enum { ROUTE_SPLIT, ROUTE_FAILOVER };

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
    char *from;                 /* get-send-quota or get-account JSON, "" for none */
    int status;                 /* starting status: SCN_STATUS_* */
    double sent_24h;            /* sent in the 24 hours before the start */
    unsigned from_set;          /* SCN_FROM_MAX24H, _MAX_RATE: set by `from` */
    char *region;               /* "" or the AWS Region this section sends in (us-east-1) */
    char *region_of;            /* "" or the account this section is another Region of */
    size_t home;                /* resolved: index of the account's first section (itself
                                 * unless region_of names another) */
    int ip_pool;                /* IP_POOL_*: shared pool, standard or managed dedicated IPs */
    int64_t dedicated_ips;      /* standard (and managed, at the start): how many */
    int warmup;                 /* WARMUP_*: the standard IPs' warm-up */
    int64_t warmup_days;        /* ms, whole days: SES's automatic warm-up lasts this long */
    int spf, dkim, dmarc;       /* SCN_ON / SCN_OFF: the sending domain's authentication */
} scn_account;

enum { IP_POOL_SHARED, IP_POOL_STANDARD, IP_POOL_MANAGED };
enum { WARMUP_SES, WARMUP_SENDGRID, WARMUP_OFF };

/* The keys account.from can set. */
enum { SCN_FROM_MAX24H = 1, SCN_FROM_MAX_RATE = 2, SCN_FROM_SENT_24H = 4, SCN_FROM_STATUS = 8,
       SCN_FROM_STAGE = 16 };
/* account.from (scenario_from.c): read a->from and set the keys of the
 * account not in `keep` (SCN_FROM_* of the keys the section writes itself).
 * Also read by `sesim calibrate` for a quota history's snapshots. */
int scn_account_from(scn_account *a, unsigned keep, sim_err *err);

/* account.status: the order of models/account.h's acct_status. */
enum { SCN_STATUS_HEALTHY, SCN_STATUS_UNDER_REVIEW, SCN_STATUS_PAUSED };

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
    double content_complaint_factor; /* complaint multiplier at content 0 */
    double simulator, verified;
    int64_t recipients;         /* per SendEmail call, 1..50 */
    int64_t bounce_delay, complaint_delay;
    double feedback_delay_sigma; /* lognormal shape of the feedback delays */
    /* message-level sending (models/client.h): the client limiter, or the
     * table's "none" entry (the per-tick path) */
    const struct client_type *client;
    double client_rate;          /* calls per second (workers: per worker) */
    int64_t client_workers;      /* workers: how many send at once */
    double client_burst;         /* bucket: calls the client's bucket holds */
    int64_t client_latency;      /* ms: median time from a call's start to SES's answer */
    double client_latency_sigma; /* lognormal shape of that latency */
    double client_target;        /* throttled share of calls the safe rate keeps under */
    char *tenant;               /* "" or the name of a [tenant.NAME] of the stream's account */
    long tenant_index;          /* resolved: index into scenario.tenants, or -1 */
    char *configset;            /* "" or the name of a [configset.NAME] of the stream's account */
    long configset_index;       /* resolved: index into scenario.configsets, or -1 */
    scn_points cap;             /* schedule cap: x day (from 1), y messages that day
                                   (INFINITY: none); n = 0: no cap */
    int route;                  /* ROUTE_*: how demand goes over several accounts */
    int after;                  /* AFTER_*: a point replay past its data (models/traffic.h) */
    char *domain;               /* "" or the name of a [domain.NAME]: the sending domain the
                                   mailbox providers judge besides the IPs (sim.mailboxes = on) */
    long domain_index;          /* resolved: index into scenario.domains, or -1 */
    double *mailbox_share;      /* resolved: the stream's share of each provider (scenario
                                   order), from its mailbox.NAME keys; NULL: the providers' */
} scn_traffic;

/* A tenant (SES tenant management, 2025): a container inside an account with
 * its own reputation metrics and an SES-managed reputation policy. */
enum { TENANT_POLICY_NONE, TENANT_POLICY_STANDARD, TENANT_POLICY_STRICT };
enum { SCOPE_ACCOUNT, SCOPE_TENANT };
typedef struct scn_tenant {
    char *name;
    char *account;              /* the account it belongs to */
    size_t account_index;       /* resolved */
    int policy;                 /* TENANT_POLICY_* */
    int suppression_scope;      /* SCOPE_ACCOUNT: the account's list; SCOPE_TENANT: its own */
    int suppression;            /* SUPPRESSION_*: the tenant's list, with scope = tenant */
    double low_bounce, high_bounce, low_complaint, high_complaint; /* finding impacts */
    double rep_volume;          /* eligible sends of a representative tenant window */
    int64_t reinstate_after;    /* paused -> reinstated by its owner after this; -1: never */
    double alarm_bounce, alarm_complaint; /* the owner's own alarms (0: none) */
    int64_t alarm_fix;          /* an alarm's pause lasts this long */
    int configset;              /* 1: a [configset.NAME]: only its window and the owner's
                                   alarm (no SES policy, no findings) */
    /* a configuration set's IP pool (PutConfigurationSetDeliveryOptions
     * SendingPoolName): CONFIGSET_POOL_ACCOUNT sends over the account's
     * ip_pool; the others as account.ip_pool, with these keys */
    int ip_pool;                /* CONFIGSET_POOL_* */
    int64_t dedicated_ips;
    int warmup;                 /* WARMUP_* */
    int64_t warmup_days;        /* ms, whole days */
} scn_tenant;

/* configset.ip_pool: the account's pool (default), or IP_POOL_* + 1. */
enum { CONFIGSET_POOL_ACCOUNT, CONFIGSET_POOL_SHARED, CONFIGSET_POOL_STANDARD,
       CONFIGSET_POOL_MANAGED };

/* A mailbox provider (sim.mailboxes = on): Gmail, Microsoft, Yahoo, the rest,
 * or one the user adds. Keys without a value in the file take the defaults of
 * the provider of that name (models/mailbox.h, mbx_defaults), or of `other`. */
typedef struct scn_mailbox {
    char *name;
    double share;               /* of every list's recipients */
    int feedback_loop;          /* SCN_ON: its users' spam reports reach SES as complaints */
    double spam_rate_limit;     /* published spam-rate rule (0: none) */
    int64_t spam_rate_days;     /* days below the limit before it is lifted */
    double auth_volume;         /* a day's mail that makes a sender bulk (0: no rule) */
    int64_t auth_from;          /* ms since 1970 (UTC): when the authentication rules apply */
    int auth_any;               /* SCN_ON: every sender needs SPF or DKIM */
    double allowance;           /* a new dedicated IP's daily allowance, per IP */
    double allowance_growth;    /* added to the allowance per good message accepted */
    double shared_reputation, new_reputation, block_below;
    double reputation_volume;   /* a day's mail that moves the reputation to the day's score */
    double bounce_weight, trap_share, trap_weight, spam_weight;
    double spam_reputation, spam_content; /* spam-folder share per unit of (1 - x) */
    double rule_block;          /* share blocked while the spam-rate rule is broken */
    double blocks_counted;      /* share of blocks SES counts as hard bounces */
    double domain_allowance;    /* a new sending domain's daily allowance */
    double domain_weight;       /* the domain's weight in the reputation judged */
    double domain_credit;       /* share of the domain's good history new IPs are credited */
} scn_mailbox;

/* A sending domain ([domain.NAME], sim.mailboxes = on), named by traffic.domain:
 * the providers judge it besides the IPs (models/mailbox.h). */
typedef struct scn_domain {
    char *name;
    double history;             /* good mail the providers accepted from it before the start */
} scn_domain;

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
    scn_tenant *tenants;
    size_t n_tenants;
    scn_tenant *configsets;     /* [configset.NAME]: configuration sets with the owner's alarm */
    size_t n_configsets;
    scn_mailbox *mailboxes;     /* with sim.mailboxes = on; else none */
    size_t n_mailboxes;
    scn_domain *domains;        /* [domain.NAME] sections (sim.mailboxes = on) */
    size_t n_domains;
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
 * when it has none: traffic.*.invalid=3%). A named section the scenario lacks
 * is an error suggesting the closest one it has (a typo must not add a stream
 * at the defaults); [sim] and [policy] always exist. */
int scn_set(scenario *s, const char *assignment, sim_err *err);
/* Apply one --add SECTION.NAME.KEY=VALUE: add the named section, which must be
 * new, with KEY = VALUE (its other keys at their defaults, or set by later --set). */
int scn_add(scenario *s, const char *assignment, sim_err *err);
/* Does the scenario as loaded have the section the assignment names? 1: [sim]
 * and [policy] always, account.NAME and traffic.NAME when the file has them; 0:
 * it has not (scn_set would refuse it); SIM_EINPUT: the assignment is malformed
 * or its key is unknown. `sesim batch` applies --set only where this is 1. */
int scn_set_applies(const scenario *s, const char *assignment, sim_err *err);
/* Does KEY (section.key or section.name.key) take a count, a whole number of
 * messages? A sweep rounds the points of a range of counts. */
int scn_key_is_count(const char *key);
/* Apply defaults, parse values, check ranges and references. */
int scn_resolve(scenario *s, sim_err *err);

/* What a run of the scenario would cost, estimated when it is read. */
typedef struct scn_estimate {
    double work;  /* steps of work over every replication (SCN_MAX_WORK) */
    double rows;  /* rows of timeseries.csv, mailboxes.csv and ips.csv */
    double bytes; /* bytes of those and bands.csv (SCN_MAX_OUTPUT_BYTES) */
    int mailboxes_csv, ips_csv; /* counted in rows and bytes */
} scn_estimate;
/* The estimate of a run; series: it writes timeseries.csv and bands.csv (not a
 * sweep point without --keep-series). */
void scn_estimate_run(const scenario *s, int series, scn_estimate *e);
/* Refuse a run estimated far beyond the limits of config.h: SIM_EINPUT with the
 * estimate, at the key that makes it so ("FILE:LINE: sim.interval: the run
 * would write about 89 GB ..."). --force skips this check. */
int scn_check_size(const scenario *s, int series, sim_err *err);

/* Every replayed file (traffic.NAME.file) is a regular file that can be read;
 * else SIM_EINPUT at the line that names it: "FILE:LINE: traffic.NAME.file:
 * PATH: cannot open: REASON". scn_open does this after scn_resolve; a reader
 * of a finished run's scenario.ini (report) does not need its data files. */
int scn_check_files(const scenario *s, sim_err *err);

/* One --set or --add of the command line. */
typedef struct scn_override {
    const char *assignment; /* KEY=VALUE */
    int add;                /* 1: --add (scn_add), 0: --set (scn_set) */
} scn_override;

/* All of the above in one call: read `path` (the built-in default when NULL),
 * apply the --set and --add assignments in order, resolve, check the data
 * files. NULL and err on failure. */
scenario *scn_open(const char *path, const scn_override *ov, size_t n_ov, sim_err *err);

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
/* TEXT as KEY's own type reads it, as a plain number: a fraction for shares
 * ("0.3%" -> 0.003), messages for counts ("10k" -> 10000), seconds for
 * durations ("1h" -> 3600). No scenario is needed (the key's section may be
 * any name, "*" too). 0, or -1 when KEY is not a numeric key or TEXT not one
 * of its values. */
int scn_key_number(const char *key, const char *text, double *v);
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
