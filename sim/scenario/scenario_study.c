/* scenario_study.c: numeric keys for the studies that vary them (sesim
 * sensitivity): a key's value as a number, its documented range, the text that
 * sets a value, and the scenario's assumptions. See scenario.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_int.h"

/* What KEY names: its section kind, the section's name (named kinds) and its
 * definition. The name is copied into `name` (at most SCN_MAX_NAME). */
typedef struct key_ref {
    scn_section_kind kind;
    char name[SCN_MAX_NAME];
    const scn_keydef *def;
} key_ref;

static int split_key(const char *key, key_ref *r)
{
    const char *dot = strchr(key, '.'), *last = strrchr(key, '.');
    if (!dot)
        return -1;
    for (int k = 0; k < SEC_COUNT; k++) {
        const scn_section_def *d = &scn_sections[k];
        if (strlen(d->name) != (size_t)(dot - key) || strncmp(key, d->name, (size_t)(dot - key)))
            continue;
        size_t name_len = last > dot ? (size_t)(last - dot - 1) : 0;
        if ((d->named != (last > dot)) || name_len >= SCN_MAX_NAME)
            return -1;
        r->kind = (scn_section_kind)k;
        memcpy(r->name, dot + 1, name_len);
        r->name[name_len] = 0;
        r->def = scn_find_key(r->kind, last + 1);
        return r->def ? 0 : -1;
    }
    return -1;
}

static int is_duration(const scn_keydef *d) { return d->type == &scn_type_duration; }
static int is_int(const scn_keydef *d) { return d->type == &scn_type_int; }

static int is_numeric(const scn_keydef *d)
{
    const scn_type *t = d->type;
    return t == &scn_type_count || t == &scn_type_quota || t == &scn_type_rate ||
           t == &scn_type_share || t == &scn_type_ratio || t == &scn_type_factor ||
           is_duration(d) || is_int(d);
}

/* The struct of the section KEY names in s, or NULL when s has none. */
static const void *section_base(const scenario *s, const key_ref *r)
{
    if (r->kind == SEC_SIM)
        return &s->sim;
    if (r->kind == SEC_POLICY)
        return &s->policy;
    for (size_t i = 0; r->kind == SEC_ACCOUNT && i < s->n_accounts; i++)
        if (!strcmp(s->accounts[i].name, r->name))
            return &s->accounts[i];
    for (size_t i = 0; r->kind == SEC_TRAFFIC && i < s->n_traffic; i++)
        if (!strcmp(s->traffic[i].name, r->name))
            return &s->traffic[i];
    for (size_t i = 0; r->kind == SEC_TENANT && i < s->n_tenants; i++)
        if (!strcmp(s->tenants[i].name, r->name))
            return &s->tenants[i];
    for (size_t i = 0; r->kind == SEC_MAILBOX && i < s->n_mailboxes; i++)
        if (!strcmp(s->mailboxes[i].name, r->name))
            return &s->mailboxes[i];
    for (size_t i = 0; r->kind == SEC_CONFIGSET && i < s->n_configsets; i++)
        if (!strcmp(s->configsets[i].name, r->name))
            return &s->configsets[i];
    return NULL;
}

static int numeric_ref(const char *key, key_ref *r, sim_err *err)
{
    if (split_key(key, r))
        return sim_errorf(err, SIM_EINPUT, "--keys", 0,
                          "'%s' is not a scenario key (section.key or section.NAME.key)", key);
    if (!is_numeric(r->def))
        return sim_errorf(err, SIM_EINPUT, "--keys", 0, "%s is not a number (it is a %s)", key,
                          r->def->type->name);
    return 0;
}

int scn_key_value(const scenario *s, const char *key, double *value, sim_err *err)
{
    key_ref r;
    if (numeric_ref(key, &r, err))
        return SIM_EINPUT;
    const char *base = section_base(s, &r);
    if (!base)
        return sim_errorf(err, SIM_EINPUT, "--keys", 0, "%s: the scenario has no [%s.%s]", key,
                          scn_sections[r.kind].name, r.name);
    const void *field = base + r.def->offset;
    *value = is_duration(r.def) || is_int(r.def) ? (double)*(const int64_t *)field
                                                 : *(const double *)field;
    if (!isfinite(*value))
        return sim_errorf(err, SIM_EINPUT, "--keys", 0, "%s is unlimited in this scenario", key);
    return 0;
}

/* Parse one end of a range with the key's own type, into a number. */
static int parse_end(const key_ref *r, const char *text, double *v, sim_err *err)
{
    union { double d; int64_t i; } field = {0};
    scn_ctx ctx = {0};
    if (r->def->type->parse(text, &field, &ctx, err))
        return SIM_EINPUT;
    *v = is_duration(r->def) || is_int(r->def) ? (double)field.i : field.d;
    return isfinite(*v) ? 0 : sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s' is not a finite value", text);
}

static int parse_range_text(const key_ref *r, const char *text, scn_range *out, sim_err *err)
{
    char lo[64], hi[64], scale[8] = "";
    int used = 0;
    if (sscanf(text, "%63[^:]:%63[^:]%n", lo, hi, &used) != 2 ||
        (text[used] && sscanf(text + used, ":%7s", scale) != 1) || (*scale && strcmp(scale, "log")))
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s' is not LO:HI or LO:HI:log", text);
    *out = (scn_range){.log = *scale != 0};
    if (parse_end(r, lo, &out->lo, err) || parse_end(r, hi, &out->hi, err))
        return SIM_EINPUT;
    if (!(out->lo < out->hi))
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s': LO must be below HI", text);
    if (out->log && out->lo <= 0)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "'%s': a log range needs LO > 0", text);
    return 0;
}

int scn_key_range(const char *key, scn_range *r)
{
    key_ref ref;
    sim_err ignored;
    if (split_key(key, &ref) || !ref.def->range)
        return 0;
    return parse_range_text(&ref, ref.def->range, r, &ignored) == 0;
}

int scn_parse_range(const scenario *s, const char *key, const char *text, const char *where,
                    scn_range *r, sim_err *err)
{
    key_ref ref;
    double ignored;
    if (scn_key_value(s, key, &ignored, err))
        return SIM_EINPUT;
    split_key(key, &ref);
    sim_err inner;
    if (parse_range_text(&ref, text, r, &inner))
        return sim_errorf(err, SIM_EINPUT, where, 0, "%s: %s", key, inner.msg);
    return 0;
}

int scn_key_number(const char *key, const char *text, double *v)
{
    key_ref r;
    sim_err ignored;
    if (split_key(key, &r) || !is_numeric(r.def) || parse_end(&r, text, v, &ignored))
        return -1;
    if (is_duration(r.def))
        *v /= 1000.0;
    return 0;
}

void scn_key_text(const char *key, double value, char *buf, size_t n)
{
    key_ref r;
    if (split_key(key, &r) || !is_numeric(r.def)) {
        snprintf(buf, n, "%.17g", value);
        return;
    }
    union { double d; int64_t i; } field;
    if (r.def->flags & KEY_HOURS)
        field.i = llround(value / SIM_MS_PER_H) * SIM_MS_PER_H;
    else if (is_duration(r.def) || is_int(r.def))
        field.i = llround(value);
    else
        field.d = r.def->type == &scn_type_count ? nearbyint(value) : value;
    r.def->type->format(&field, NULL, buf, n);
}

/* The section's assumptions with a range; `no_domains`: leave out the
 * providers' domain_* keys, which act only on a stream's sending domain. */
static void add_keys(char ***v, size_t *n, scn_section_kind kind, const char *name, int no_domains)
{
    const scn_section_def *d = &scn_sections[kind];
    for (size_t i = 0; i < d->n_keys; i++) {
        if (!(d->keys[i].flags & KEY_ASSUMPTION) || !d->keys[i].range ||
            (no_domains && !strncmp(d->keys[i].name, "domain_", 7)))
            continue;
        size_t len = strlen(d->name) + (name ? strlen(name) + 1 : 0) + strlen(d->keys[i].name) + 2;
        char *k = sim_xmalloc(len);
        snprintf(k, len, "%s%s%s.%s", d->name, name ? "." : "", name ? name : "", d->keys[i].name);
        *v = sim_xrealloc(*v, (*n + 1) * sizeof **v);
        (*v)[(*n)++] = k;
    }
}

char **scn_assumption_keys(const scenario *s, size_t *n)
{
    char **v = NULL;
    *n = 0;
    add_keys(&v, n, SEC_SIM, NULL, 0);
    add_keys(&v, n, SEC_POLICY, NULL, 0);
    for (size_t i = 0; i < s->n_accounts; i++)
        add_keys(&v, n, SEC_ACCOUNT, s->accounts[i].name, 0);
    for (size_t i = 0; i < s->n_traffic; i++)
        add_keys(&v, n, SEC_TRAFFIC, s->traffic[i].name, 0);
    for (size_t i = 0; i < s->n_tenants; i++)
        add_keys(&v, n, SEC_TENANT, s->tenants[i].name, 0);
    /* the providers' keys act only with the mailbox layer on */
    for (size_t i = 0; s->sim.mailboxes == SCN_ON && i < s->n_mailboxes; i++)
        add_keys(&v, n, SEC_MAILBOX, s->mailboxes[i].name, s->n_domains == 0);
    for (size_t i = 0; i < s->n_configsets; i++)
        add_keys(&v, n, SEC_CONFIGSET, s->configsets[i].name, 0);
    return v;
}
