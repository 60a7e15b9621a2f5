/* scenario_types.c: the value types of scenario keys, one table entry each
 * (parse text -> field, format field -> canonical text, release). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/client.h"
#include "models/sender.h"
#include "models/traffic.h"
#include "scenario_int.h"

/* ---- scalars ---------------------------------------------------------- */

#define SCALAR_TYPE(NAME, CTYPE, PARSE, FMT)                                            \
    static int parse_##NAME(const char *t, void *f, const scn_ctx *c, sim_err *e)       \
    {                                                                                   \
        (void)c;                                                                        \
        return PARSE(t, (CTYPE *)f, e);                                                 \
    }                                                                                   \
    static void format_##NAME(const void *f, const char *ch, char *buf, size_t n)       \
    {                                                                                   \
        (void)ch;                                                                       \
        char tmp[UNITS_BUF];                                                            \
        FMT(*(const CTYPE *)f, tmp);                                                    \
        snprintf(buf, n, "%s", tmp);                                                    \
    }                                                                                   \
    const scn_type scn_type_##NAME = {#NAME, parse_##NAME, format_##NAME, NULL};

SCALAR_TYPE(count, double, units_count, units_fmt_count)
SCALAR_TYPE(quota, double, units_quota, units_fmt_quota)
SCALAR_TYPE(rate, double, units_rate, units_fmt_number)
SCALAR_TYPE(duration, int64_t, units_duration, units_fmt_duration)
SCALAR_TYPE(share, double, units_share, units_fmt_share)
SCALAR_TYPE(ratio, double, units_ratio, units_fmt_share)
SCALAR_TYPE(datetime, int64_t, units_datetime, units_fmt_datetime)

/* A non-negative multiplier such as ramp_factor or weekend (2, 0.4, 40%). */
static int parse_factor(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    double v = 0;
    if (units_ratio(t, &v, e))
        return SIM_EINPUT;
    if (v < 0)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' must not be negative", t);
    *(double *)f = v;
    return 0;
}
static void format_number(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    char tmp[UNITS_BUF];
    units_fmt_number(*(const double *)f, tmp);
    snprintf(buf, n, "%s", tmp);
}
const scn_type scn_type_factor = {"factor", parse_factor, format_number, NULL};

static int is_none(const char *t) { return strcmp(t, "none") == 0 || !*t; }

static int parse_count_or_none(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    if (is_none(t)) {
        *(double *)f = INFINITY;
        return 0;
    }
    return units_count(t, (double *)f, e);
}
static void format_count_or_none(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    double v = *(const double *)f;
    char tmp[UNITS_BUF] = "none";
    if (isfinite(v))
        units_fmt_count(v, tmp);
    snprintf(buf, n, "%s", tmp);
}
const scn_type scn_type_count_or_none = {"count or none", parse_count_or_none,
                                         format_count_or_none, NULL};

/* sim.tick: a duration, or `auto` (stored as 0): hour batches where no limit
 * can bind, sim.tick_fine elsewhere (docs/model.md, time model). */
static int parse_tick(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    if (strcmp(t, "auto") == 0) {
        *(int64_t *)f = SCN_TICK_AUTO;
        return 0;
    }
    return units_duration(t, (int64_t *)f, e);
}
static void format_tick(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    int64_t v = *(const int64_t *)f;
    char tmp[UNITS_BUF] = "auto";
    if (v != SCN_TICK_AUTO)
        units_fmt_duration(v, tmp);
    snprintf(buf, n, "%s", tmp);
}
const scn_type scn_type_tick = {"duration or auto", parse_tick, format_tick, NULL};

static int parse_int(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    const char *p = t;
    if (!*p)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not a whole number", t);
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not a whole number", t);
    if (strlen(t) > 18)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is too large", t);
    *(int64_t *)f = strtoll(t, NULL, 10);
    return 0;
}
static void format_int(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    snprintf(buf, n, "%lld", (long long)*(const int64_t *)f);
}
const scn_type scn_type_int = {"whole number", parse_int, format_int, NULL};

static int parse_time_or_none(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    if (is_none(t)) {
        *(int64_t *)f = SCN_NONE_TIME;
        return 0;
    }
    return units_time(t, c->start, (int64_t *)f, e);
}
static void format_time_or_none(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    int64_t v = *(const int64_t *)f;
    char tmp[UNITS_BUF] = "none";
    if (v != SCN_NONE_TIME)
        units_fmt_duration(v, tmp);
    snprintf(buf, n, "%s", tmp);
}
const scn_type scn_type_time_or_none = {"time or none", parse_time_or_none,
                                        format_time_or_none, NULL};

/* A delay or none (-1): a tenant's reinstate_after. */
static int parse_duration_or_none(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    if (is_none(t)) {
        *(int64_t *)f = SCN_NONE_TIME;
        return 0;
    }
    return units_duration(t, (int64_t *)f, e);
}
const scn_type scn_type_duration_or_none = {"duration or none", parse_duration_or_none,
                                            format_time_or_none, NULL};

/* ---- enums and strings ------------------------------------------------ */

/* Index of word in "a|b|c", or -1. */
static int choice_index(const char *choices, const char *word)
{
    size_t wl = strlen(word);
    int i = 0;
    for (const char *p = choices; *p; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == wl && strncmp(p, word, len) == 0)
            return i;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

static int parse_enum(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    int i = choice_index(c->choices, t);
    if (i < 0)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not one of %s", t, c->choices);
    *(int *)f = i;
    return 0;
}
static void format_enum(const void *f, const char *choices, char *buf, size_t n)
{
    int want = *(const int *)f, i = 0;
    for (const char *p = choices; *p; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (i == want) {
            snprintf(buf, n, "%.*s", (int)len, p);
            return;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    snprintf(buf, n, "?");
}
const scn_type scn_type_enum = {"choice", parse_enum, format_enum, NULL};

/* traffic.kind and traffic.sender: entries of the models' type tables, which
 * alone hold the names (a new kind or sender is one file and one table line).
 * Every entry of those tables starts with its name (traffic_type, sender_type). */
typedef const void *(*table_at)(size_t i); /* the i-th entry, NULL past the end */

static const char *entry_name(const void *entry) { return *(const char *const *)entry; }

static int parse_entry(const char *t, void *f, table_at at, sim_err *e)
{
    char choices[256];
    size_t used = 0;
    for (size_t i = 0; at(i); i++) {
        if (!strcmp(entry_name(at(i)), t))
            return *(const void **)f = at(i), 0;
        if (used < sizeof choices)
            used += (size_t)snprintf(choices + used, sizeof choices - used, "%s%s", i ? "|" : "",
                                     entry_name(at(i)));
    }
    return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not one of %s", t, choices);
}
static void format_entry(const void *f, const char *choices, char *buf, size_t n)
{
    (void)choices;
    snprintf(buf, n, "%s", entry_name(*(const void *const *)f));
}

static const void *kind_at(size_t i) { return traffic_type_at(i); }
static const void *sender_at(size_t i) { return sender_type_at(i); }
static int parse_kind(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    return (void)c, parse_entry(t, f, kind_at, e);
}
static int parse_sender(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    return (void)c, parse_entry(t, f, sender_at, e);
}
static const void *client_at(size_t i) { return client_type_at(i); }
static int parse_client(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    return (void)c, parse_entry(t, f, client_at, e);
}
const scn_type scn_type_client = {"client", parse_client, format_entry, NULL};
const scn_type scn_type_traffic_kind = {"kind", parse_kind, format_entry, NULL};
const scn_type scn_type_sender = {"sender", parse_sender, format_entry, NULL};

static void release_string(void *f)
{
    free(*(char **)f);
    *(char **)f = NULL;
}

/* Text must survive a round trip through an INI file: inih trims spaces and
 * cuts an inline comment at " ;", so such text cannot be written back. */
static int parse_string(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    (void)c;
    /* Printed as "key = text", a leading ';' is " ;" too. */
    if (*t == ';')
        return sim_errorf(e, SIM_EINPUT, NULL, 0,
                          "'%s': a value starting with ';' reads back as a comment", t);
    for (const char *p = t; *p; p++) {
        if (iscntrl((unsigned char)*p))
            return sim_errorf(e, SIM_EINPUT, NULL, 0, "text holds a control character");
        if (*p == ';' && p > t && isspace((unsigned char)p[-1]))
            return sim_errorf(e, SIM_EINPUT, NULL, 0,
                              "'%s': ' ;' starts a comment in a scenario file", t);
    }
    release_string(f);
    *(char **)f = sim_xstrdup(t);
    return 0;
}
static void format_string(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    const char *v = *(char *const *)f;
    snprintf(buf, n, "%s", v ? v : "");
}
const scn_type scn_type_string = {"text", parse_string, format_string, release_string};

/* A file path: relative paths resolve against the folder of the file that
 * named them, and are kept absolute so that the resolved scenario, written
 * into another folder, still names the same file. */
static int parse_path(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    if (is_none(t))
        return parse_string("", f, c, e);
    const char *dir = c->dir && *c->dir ? c->dir : ".";
    char cwd[4096] = "";
    if (t[0] != '/' && dir[0] != '/' && !getcwd(cwd, sizeof cwd))
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "cannot resolve '%s': no current folder", t);
    size_t n = strlen(cwd) + strlen(dir) + strlen(t) + 3;
    char *joined = sim_xmalloc(n);
    if (t[0] == '/')
        snprintf(joined, n, "%s", t);
    else if (strcmp(dir, ".") == 0)
        snprintf(joined, n, "%s/%s", cwd, t);
    else
        snprintf(joined, n, "%s%s%s/%s", cwd, *cwd ? "/" : "", dir, t);
    int rc = parse_string(joined, f, c, e);
    free(joined);
    return rc;
}
const scn_type scn_type_path = {"file path", parse_path, format_string, release_string};

/* ---- lists ------------------------------------------------------------ */

/* Split text at commas into trimmed items; calls fn for each; stops on error. */
typedef int (*item_fn)(const char *item, void *acc, const scn_ctx *c, sim_err *e);

static int for_each_item(const char *t, item_fn fn, void *acc, const scn_ctx *c, sim_err *e)
{
    const char *p = t;
    while (isspace((unsigned char)*p))
        p++;
    if (!*p)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "the list is empty");
    /* Split at every comma (strtok would merge ",," and hide an empty item). */
    char *copy = sim_xstrdup(t);
    int rc = 0;
    for (char *tok = copy, *next; tok && !rc; tok = next) {
        next = strchr(tok, ',');
        if (next)
            *next++ = 0;
        while (isspace((unsigned char)*tok))
            tok++;
        char *end = tok + strlen(tok);
        while (end > tok && isspace((unsigned char)end[-1]))
            *--end = 0;
        rc = *tok ? fn(tok, acc, c, e)
                  : sim_errorf(e, SIM_EINPUT, NULL, 0, "empty item in list '%s'", t);
    }
    free(copy);
    return rc;
}

static void list_push(scn_list *l, double v)
{
    l->v = sim_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = v;
}

static void release_list(void *f)
{
    scn_list *l = f;
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int target_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    (void)c;
    scn_list *l = acc;
    double v;
    if (units_count(item, &v, e))
        return SIM_EINPUT;
    if (v <= 0 || (l->n && v <= l->v[l->n - 1]))
        return sim_errorf(e, SIM_EINPUT, NULL, 0,
                          "targets must be positive and increasing ('%s')", item);
    if (l->n == 16)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "at most 16 targets");
    list_push(l, v);
    return 0;
}

static int parse_targets(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    release_list(f);
    return for_each_item(t, target_item, f, c, e);
}
static void format_targets(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    const scn_list *l = f;
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < l->n && used < n; i++) {
        char tmp[UNITS_BUF];
        units_fmt_count(l->v[i], tmp);
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", tmp);
    }
}
const scn_type scn_type_targets = {"list of counts", parse_targets, format_targets, release_list};

/* Pairs "x:y, x:y" (rate_table count:rate, request_quota time:count). */
static void points_push(scn_points *p, double x, double y)
{
    p->x = sim_xrealloc(p->x, (p->n + 1) * sizeof *p->x);
    p->y = sim_xrealloc(p->y, (p->n + 1) * sizeof *p->y);
    p->x[p->n] = x;
    p->y[p->n++] = y;
}

static void release_points(void *f)
{
    scn_points *p = f;
    free(p->x);
    free(p->y);
    p->x = p->y = NULL;
    p->n = 0;
}

static int split_pair(const char *item, char *left, char *right, sim_err *e, const char *shape)
{
    /* A time such as 2026-01-01T09:00:00Z holds colons too: split at the last one. */
    const char *colon = strrchr(item, ':');
    if (!colon || (size_t)(colon - item) >= UNITS_BUF || strlen(colon + 1) >= UNITS_BUF)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not %s", item, shape);
    memcpy(left, item, (size_t)(colon - item));
    left[colon - item] = 0;
    strcpy(right, colon + 1);
    return 0;
}

static int rate_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    (void)c;
    scn_points *p = acc;
    char l[UNITS_BUF], r[UNITS_BUF];
    double x, y;
    if (split_pair(item, l, r, e, "COUNT:RATE (e.g. 10k:5)") || units_count(l, &x, e) ||
        units_rate(r, &y, e))
        return SIM_EINPUT;
    if (x <= 0 || y <= 0 || (p->n && (x <= p->x[p->n - 1] || y < p->y[p->n - 1])))
        return sim_errorf(e, SIM_EINPUT, NULL, 0,
                          "rate table points must be positive, with increasing counts and rates ('%s')", item);
    points_push(p, x, y);
    return 0;
}

static int parse_rate_table(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    release_points(f);
    return for_each_item(t, rate_item, f, c, e);
}

static void format_points(const scn_points *p, char *buf, size_t n,
                          void (*fx)(double, char *), void (*fy)(double, char *))
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < p->n && used < n; i++) {
        char a[UNITS_BUF], b[UNITS_BUF];
        fx(p->x[i], a);
        fy(p->y[i], b);
        used += (size_t)snprintf(buf + used, n - used, "%s%s:%s", i ? ", " : "", a, b);
    }
}

static void fmt_time_offset(double v, char *buf) { units_fmt_duration((int64_t)v, buf); }

static void format_rate_table(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    format_points(f, buf, n, units_fmt_count, units_fmt_number);
}
const scn_type scn_type_rate_table = {"rate table", parse_rate_table, format_rate_table,
                                      release_points};

/* Requests "TIME:VALUE, ..." in time order: request_quota (VALUE a count) and
 * request_rate (VALUE a rate). */
typedef int (*value_parser)(const char *text, double *out, sim_err *err);

static int request_pair(const char *item, scn_points *p, const scn_ctx *c, value_parser value,
                        const char *shape, const char *what, sim_err *e)
{
    char l[UNITS_BUF], r[UNITS_BUF];
    int64_t at;
    double v;
    if (split_pair(item, l, r, e, shape) || units_time(l, c->start, &at, e) || value(r, &v, e))
        return SIM_EINPUT;
    if (v <= 0 || (p->n && (double)at < p->x[p->n - 1]))
        return sim_errorf(e, SIM_EINPUT, NULL, 0,
                          "requests must ask for a positive %s, in time order ('%s')", what, item);
    points_push(p, (double)at, v);
    return 0;
}

static int quota_request_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    return request_pair(item, acc, c, units_count, "TIME:COUNT (e.g. 30d:500k)", "quota", e);
}

static int rate_request_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    return request_pair(item, acc, c, units_rate, "TIME:RATE (e.g. 30d:30)", "rate", e);
}

static int parse_requests_with(const char *t, void *f, const scn_ctx *c, item_fn item, sim_err *e)
{
    release_points(f);
    if (is_none(t))
        return 0;
    return for_each_item(t, item, f, c, e);
}

static int parse_requests(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    return parse_requests_with(t, f, c, quota_request_item, e);
}

static int parse_rate_requests(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    return parse_requests_with(t, f, c, rate_request_item, e);
}

static void format_requests_with(const void *f, char *buf, size_t n, void (*fy)(double, char *))
{
    const scn_points *p = f;
    if (!p->n)
        snprintf(buf, n, "none");
    else
        format_points(p, buf, n, fmt_time_offset, fy);
}

static void format_requests(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    format_requests_with(f, buf, n, units_fmt_count);
}

static void format_rate_requests(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    format_requests_with(f, buf, n, units_fmt_number);
}
const scn_type scn_type_requests = {"request list", parse_requests, format_requests,
                                    release_points};
const scn_type scn_type_rate_requests = {"rate request list", parse_rate_requests,
                                         format_rate_requests, release_points};

static const char *const related_names[] = {"payer", "domain", "company"};

static int related_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    (void)c;
    for (int i = 0; i < 3; i++)
        if (strcmp(item, related_names[i]) == 0) {
            *(int64_t *)acc |= 1 << i;
            return 0;
        }
    return sim_errorf(e, SIM_EINPUT, NULL, 0, "'%s' is not one of payer, domain, company", item);
}

static int parse_related_by(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    *(int64_t *)f = 0;
    if (is_none(t))
        return 0;
    return for_each_item(t, related_item, f, c, e);
}
static void format_related_by(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    int64_t v = *(const int64_t *)f;
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < 3; i++)
        if (v & (1 << i))
            used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", related_names[i]);
    if (!used)
        snprintf(buf, n, "none");
}
const scn_type scn_type_related_by = {"attribute list", parse_related_by, format_related_by, NULL};

static int name_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    (void)c;
    scn_names *l = acc;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], item) == 0)
            return sim_errorf(e, SIM_EINPUT, NULL, 0, "account '%s' is named twice", item);
    l->v = sim_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = sim_xstrdup(item);
    return 0;
}

static void release_names(void *f)
{
    scn_names *l = f;
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int parse_names(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    release_names(f);
    return for_each_item(t, name_item, f, c, e);
}
static void format_names(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    const scn_names *l = f;
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < l->n && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", l->v[i]);
}
const scn_type scn_type_names = {"list of accounts", parse_names, format_names, release_names};

/* hours: 24 weights "w0, ..., w23", or a range "8-20" (weight 1 from 08:00 to 20:00 UTC). */
typedef struct hours_acc { double *w; int n; } hours_acc;

static int hour_item(const char *item, void *acc, const scn_ctx *c, sim_err *e)
{
    (void)c;
    hours_acc *h = acc;
    double v = 0;
    if (h->n == 24)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "more than 24 hourly weights");
    if (units_number(item, &v, e) || v < 0)
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "hourly weight '%s' is not a number >= 0", item);
    if (v > SCN_MAX_COUNT) /* 24 of them must add up to a finite, positive sum */
        return sim_errorf(e, SIM_EINPUT, NULL, 0, "hourly weight '%s' is over 2^53 (weights "
                                                  "are relative: scale them down)", item);
    h->w[h->n++] = v;
    return 0;
}

static int parse_hours(const char *t, void *f, const scn_ctx *c, sim_err *e)
{
    double *w = f;
    int from, to;
    char tail;
    if (sscanf(t, "%d-%d%c", &from, &to, &tail) == 2) {
        if (from < 0 || to > 24 || from >= to)
            return sim_errorf(e, SIM_EINPUT, NULL, 0, "hour range '%s' must be H1-H2 with 0 <= H1 < H2 <= 24", t);
        for (int i = 0; i < 24; i++)
            w[i] = i >= from && i < to;
        return 0;
    }
    double tmp[24];
    hours_acc acc = {tmp, 0};
    if (for_each_item(t, hour_item, &acc, c, e))
        return SIM_EINPUT;
    double sum = 0;
    for (int i = 0; i < acc.n; i++)
        sum += tmp[i];
    if (acc.n != 24 || sum <= 0)
        return sim_errorf(e, SIM_EINPUT, NULL, 0,
                          "hours needs 24 weights with a positive sum, or a range such as 8-20");
    memcpy(w, tmp, sizeof tmp);
    return 0;
}
static void format_hours(const void *f, const char *ch, char *buf, size_t n)
{
    (void)ch;
    const double *w = f;
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < 24 && used < n; i++) {
        char tmp[UNITS_BUF];
        units_fmt_number(w[i], tmp);
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", tmp);
    }
}
const scn_type scn_type_hours = {"hourly profile", parse_hours, format_hours, NULL};
