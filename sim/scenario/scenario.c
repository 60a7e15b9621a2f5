/* scenario.c: reading scenario files with inih, --set overrides, resolution to
 * typed structs with defaults and validation, and printing the resolved scenario. */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "core/config.h"
#include "core/csvin.h"
#include "models/traffic.h"
#include "models/client.h"
#include "models/mailbox.h"
#include "models/sender.h"
#include "scenario_int.h"

/* ---- what was read -------------------------------------------------- */

typedef struct raw_entry {
    char *key, *value, *file, *dir;
    long line;
} raw_entry;

typedef struct raw_section {
    scn_section_kind kind;
    char *name; /* NULL for sim and policy */
    char *file;
    long line;
    raw_entry *e;
    size_t ne;
    uint64_t given; /* bit i: key i of the section was written explicitly */
} raw_section;

typedef struct scn_raw {
    raw_section *sec;
    size_t ns, cap;
} scn_raw;

scenario *scn_create(void)
{
    scenario *s = sim_xcalloc(1, sizeof *s);
    s->raw = sim_xcalloc(1, sizeof *s->raw);
    return s;
}

static void release_fields(void *base, scn_section_kind kind)
{
    const scn_section_def *d = &scn_sections[kind];
    for (size_t i = 0; i < d->n_keys; i++)
        if (d->keys[i].type->release)
            d->keys[i].type->release((char *)base + d->keys[i].offset);
}

static void free_raw(scn_raw *r)
{
    for (size_t i = 0; i < r->ns; i++) {
        raw_section *sec = &r->sec[i];
        for (size_t j = 0; j < sec->ne; j++) {
            free(sec->e[j].key);
            free(sec->e[j].value);
            free(sec->e[j].file);
            free(sec->e[j].dir);
        }
        free(sec->e);
        free(sec->name);
        free(sec->file);
    }
    free(r->sec);
    free(r);
}

static void free_resolved(scenario *s)
{
    release_fields(&s->sim, SEC_SIM);
    release_fields(&s->policy, SEC_POLICY);
    for (size_t i = 0; i < s->n_accounts; i++) {
        release_fields(&s->accounts[i], SEC_ACCOUNT);
        free(s->accounts[i].name);
    }
    for (size_t i = 0; i < s->n_traffic; i++) {
        release_fields(&s->traffic[i], SEC_TRAFFIC);
        free(s->traffic[i].name);
        free(s->traffic[i].account_index);
        free(s->traffic[i].mailbox_share);
    }
    for (size_t i = 0; i < s->n_tenants; i++) {
        release_fields(&s->tenants[i], SEC_TENANT);
        free(s->tenants[i].name);
    }
    for (size_t i = 0; i < s->n_configsets; i++) {
        release_fields(&s->configsets[i], SEC_CONFIGSET);
        free(s->configsets[i].name);
    }
    for (size_t i = 0; i < s->n_mailboxes; i++) {
        release_fields(&s->mailboxes[i], SEC_MAILBOX);
        free(s->mailboxes[i].name);
    }
    free(s->accounts);
    free(s->traffic);
    free(s->tenants);
    free(s->configsets);
    for (size_t i = 0; i < s->n_domains; i++) {
        release_fields(&s->domains[i], SEC_DOMAIN);
        free(s->domains[i].name);
    }
    free(s->mailboxes);
    free(s->domains);
    s->domains = NULL;
    s->n_domains = 0;
    s->accounts = NULL;
    s->traffic = NULL;
    s->tenants = NULL;
    s->configsets = NULL;
    s->mailboxes = NULL;
    s->n_accounts = s->n_traffic = s->n_tenants = s->n_configsets = s->n_mailboxes = 0;
}

void scn_destroy(scenario *s)
{
    if (!s)
        return;
    free_resolved(s);
    free_raw(s->raw);
    free(s->path);
    free(s->header);
    free(s);
}

/* ---- sections ---------------------------------------------------------- */

static int valid_name(const char *n)
{
    size_t len = strlen(n);
    if (!len || len >= SCN_MAX_NAME)
        return 0;
    for (; *n; n++)
        if (!isalnum((unsigned char)*n) && *n != '_' && *n != '-')
            return 0;
    return 1;
}

/* Parse "sim", "policy", "account.NAME", "traffic.NAME" into kind and name. */
static int parse_section_name(const char *text, scn_section_kind *kind, const char **name,
                              const char *file, long line, sim_err *err)
{
    const char *dot = strchr(text, '.');
    size_t typelen = dot ? (size_t)(dot - text) : strlen(text);
    for (int k = 0; k < SEC_COUNT; k++) {
        const scn_section_def *d = &scn_sections[k];
        if (strlen(d->name) != typelen || strncmp(text, d->name, typelen) != 0)
            continue;
        if (d->named && !dot)
            return sim_errorf(err, SIM_EINPUT, file, line,
                              "section [%s] needs a name, as in [%s.NAME]", text, d->name);
        if (!d->named && dot)
            return sim_errorf(err, SIM_EINPUT, file, line,
                              "section [%s] takes no name: write [%s]", text, d->name);
        if (dot && !valid_name(dot + 1))
            return sim_errorf(err, SIM_EINPUT, file, line,
                              "'%s' is not a valid name (letters, digits, _ and -, at most %d)",
                              dot + 1, SCN_MAX_NAME - 1);
        *kind = (scn_section_kind)k;
        *name = dot ? dot + 1 : NULL;
        return 0;
    }
    char type[SCN_MAX_LINE];
    snprintf(type, sizeof type, "%.*s", (int)typelen, text);
    const scn_section_def *hint = NULL;
    for (int k = 0; k < SEC_COUNT; k++)
        if (scn_edit_distance(scn_sections[k].name, type) <= 2)
            hint = &scn_sections[k];
    if (hint)
        return sim_errorf(err, SIM_EINPUT, file, line, "unknown section [%s] (did you mean [%s%s]?)",
                          text, hint->name, hint->named ? ".NAME" : "");
    return sim_errorf(err, SIM_EINPUT, file, line,
                      "unknown section [%s] (sections: sim, policy, account.NAME, traffic.NAME, tenant.NAME, "
                      "configset.NAME, mailbox.NAME, domain.NAME)", text);
}

static raw_section *find_section(scn_raw *r, scn_section_kind kind, const char *name)
{
    for (size_t i = 0; i < r->ns; i++)
        if (r->sec[i].kind == kind &&
            ((!name && !r->sec[i].name) || (name && r->sec[i].name && !strcmp(name, r->sec[i].name))))
            return &r->sec[i];
    return NULL;
}

static raw_section *add_section(scn_raw *r, scn_section_kind kind, const char *name,
                                const char *file, long line)
{
    if (r->ns == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->sec = sim_xrealloc(r->sec, r->cap * sizeof *r->sec);
    }
    raw_section *sec = &r->sec[r->ns++];
    *sec = (raw_section){.kind = kind, .name = name ? sim_xstrdup(name) : NULL,
                         .file = sim_xstrdup(file), .line = line};
    return sec;
}

/* traffic.NAME.mailbox.PROVIDER: the stream's share of a provider's
 * recipients. The provider's name, or NULL when `key` is not such a key. */
static const char *share_provider(scn_section_kind kind, const char *key)
{
    return kind == SEC_TRAFFIC && !strncmp(key, "mailbox.", 8) && valid_name(key + 8) ? key + 8
                                                                                      : NULL;
}

/* The definition of key in a section of this kind, or NULL and an error that
 * suggests the closest key or the section the key belongs to. */
static const scn_keydef *known_key(scn_section_kind kind, const char *key, const char *file,
                                   long line, sim_err *err)
{
    const scn_keydef *k = scn_find_key(kind, key);
    if (k)
        return k;
    const char *hint = scn_suggest_key(kind, key);
    if (hint) {
        sim_errorf(err, SIM_EINPUT, file, line, "unknown key '%s' in [%s] (did you mean '%s'?)", key,
                   scn_sections[kind].name, hint);
        return NULL;
    }
    for (int other = 0; other < SEC_COUNT; other++) /* a key written in the wrong section */
        if (scn_find_key((scn_section_kind)other, key)) {
            sim_errorf(err, SIM_EINPUT, file, line, "unknown key '%s' in [%s] (it is a key of [%s%s])",
                       key, scn_sections[kind].name, scn_sections[other].name,
                       scn_sections[other].named ? ".NAME" : "");
            return NULL;
        }
    sim_errorf(err, SIM_EINPUT, file, line, "unknown key '%s' in [%s]", key, scn_sections[kind].name);
    return NULL;
}

/* Record key = value in sec after checking the key; a later value of the same
 * key from --set replaces the earlier one, a repeated key in a file is an error. */
static int add_entry(raw_section *sec, const char *key, const char *value, const char *file,
                     const char *dir, long line, int replace, sim_err *err)
{
    const scn_keydef *k = share_provider(sec->kind, key) ? NULL
                                                         : known_key(sec->kind, key, file, line, err);
    if (!k && !share_provider(sec->kind, key))
        return SIM_EINPUT;
    for (size_t i = 0; i < sec->ne; i++) {
        if (strcmp(sec->e[i].key, key) != 0)
            continue;
        if (!replace)
            return sim_errorf(err, SIM_EINPUT, file, line,
                              "key '%s' is given twice (first at line %ld)", key, sec->e[i].line);
        free(sec->e[i].value);
        free(sec->e[i].file);
        free(sec->e[i].dir);
        sec->e[i].value = sim_xstrdup(value);
        sec->e[i].file = sim_xstrdup(file);
        sec->e[i].dir = sim_xstrdup(dir);
        sec->e[i].line = line;
        return 0;
    }
    sec->e = sim_xrealloc(sec->e, (sec->ne + 1) * sizeof *sec->e);
    sec->e[sec->ne++] = (raw_entry){.key = sim_xstrdup(key), .value = sim_xstrdup(value),
                                    .file = sim_xstrdup(file), .dir = sim_xstrdup(dir),
                                    .line = line};
    if (k)
        sec->given |= 1ULL << (size_t)(k - scn_sections[sec->kind].keys);
    return 0;
}

/* ---- reading with inih -------------------------------------------------- */

/* inih reads through this reader, which counts lines (Debian's inih is built
 * without line numbers in handlers), rejects over-long lines instead of letting
 * inih split them, and sees section headers itself so that empty sections exist. */
typedef struct reader {
    scenario *s;
    const char *text, *file, *dir;
    size_t pos;
    long line;
    raw_section *cur;
    sim_err *err;
    int failed;
    int indented; /* the line just read starts with white space */
} reader;

static int fail(reader *rd, int rc)
{
    rd->failed = rc;
    return rc;
}

static void see_section_header(reader *rd, const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    if (*line != '[')
        return;
    /* inih would note a header without ']' and go on, so that the keys below
     * fall outside any section and the error points at the wrong line; and it
     * ignores text after ']'. Both are said here, on the header's line. */
    const char *close = strchr(line, ']');
    if (!close) {
        fail(rd, sim_errorf(rd->err, SIM_EINPUT, rd->file, rd->line,
                            "syntax error: expected [section], key = value, or a comment"));
        return;
    }
    const char *after = close + 1;
    while (*after == ' ' || *after == '\t' || *after == '\r' || *after == '\n')
        after++;
    if (*after && *after != ';' && *after != '#') {
        fail(rd, sim_errorf(rd->err, SIM_EINPUT, rd->file, rd->line,
                            "text after ']' of a section header"));
        return;
    }
    char name[SCN_MAX_LINE];
    size_t n = (size_t)(close - line - 1);
    memcpy(name, line + 1, n);
    name[n] = 0;
    scn_section_kind kind;
    const char *sname;
    if (parse_section_name(name, &kind, &sname, rd->file, rd->line, rd->err)) {
        fail(rd, SIM_EINPUT);
        return;
    }
    rd->cur = add_section(rd->s->raw, kind, sname, rd->file, rd->line);
}

static char *read_line(char *str, int num, void *stream)
{
    reader *rd = stream;
    if (rd->failed || !rd->text[rd->pos])
        return NULL;
    const char *start = rd->text + rd->pos;
    const char *nl = strchr(start, '\n');
    size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);
    rd->line++;
    size_t content = len - (nl ? 1 : 0);
    if (content && start[content - 1] == '\r')
        content--;
    if (content > (size_t)num - 2) {
        fail(rd, sim_errorf(rd->err, SIM_EINPUT, rd->file, rd->line,
                            "line is longer than %d characters", num - 2));
        return NULL;
    }
    memcpy(str, start, content);
    rd->indented = content && (start[0] == ' ' || start[0] == '\t');
    str[content] = '\n';
    str[content + 1] = 0;
    rd->pos += len;
    see_section_header(rd, str);
    return rd->failed ? NULL : str;
}

/* inih hands an indented line over as more of the previous key's value: long
 * lists are written that way (see print_value). An indented "key = value" is
 * a mistake that would otherwise read as a strange value. */
static int continue_value(reader *rd, raw_entry *last, const char *more)
{
    if (strchr(more, '=')) {
        fail(rd, sim_errorf(rd->err, SIM_EINPUT, rd->file, rd->line,
                            "indented line continues '%s' of line %ld: write keys without indentation",
                            last->key, last->line));
        return 0;
    }
    size_t n = strlen(last->value) + strlen(more) + 2;
    char *joined = sim_xmalloc(n);
    /* no space after an empty value: inih would trim it when read back */
    snprintf(joined, n, "%s%s%s", last->value, *last->value ? " " : "", more);
    free(last->value);
    last->value = joined;
    return 1;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
    reader *rd = user;
    if (rd->failed)
        return 0;
    if (!*section || !rd->cur) {
        fail(rd, sim_errorf(rd->err, SIM_EINPUT, rd->file, rd->line,
                            "'%s' is outside any section", key));
        return 0;
    }
    raw_entry *last = rd->cur->ne ? &rd->cur->e[rd->cur->ne - 1] : NULL;
    if (rd->indented && last && !strcmp(last->key, key))
        return continue_value(rd, last, value);
    if (add_entry(rd->cur, key, value, rd->file, rd->dir, rd->line, 0, rd->err))
        return fail(rd, SIM_EINPUT), 0;
    return 1;
}

/* Keep the comment block at the top of the file: it states the question a
 * shipped scenario answers, and reports show it. */
static char *leading_comments(const char *text)
{
    size_t cap = strlen(text) + 1, used = 0;
    char *out = sim_xmalloc(cap);
    out[0] = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *q = p;
        while (q < p + len && (*q == ' ' || *q == '\t'))
            q++;
        if (q == p + len || (*q != ';' && *q != '#'))
            break;
        q++;
        if (*q == ' ')
            q++;
        size_t n = (size_t)(p + len - q);
        if (n && q[n - 1] == '\r')
            n--;
        /* Other control characters (a stray CR, a backspace) would not print
         * back the same and have no business in a report: shown as '?'. */
        for (size_t i = 0; i < n; i++)
            out[used + i] = iscntrl((unsigned char)q[i]) && q[i] != '\t' ? '?' : q[i];
        used += n;
        out[used++] = '\n';
        out[used] = 0;
        p = nl ? nl + 1 : p + len;
    }
    return out;
}

int scn_load_string(scenario *s, const char *text, const char *name, const char *dir, sim_err *err)
{
    if (!s->path)
        s->path = sim_xstrdup(name);
    if (!s->header)
        s->header = leading_comments(strncmp(text, "\xEF\xBB\xBF", 3) ? text : text + 3);
    reader rd = {.s = s, .text = text, .file = name, .dir = dir ? dir : "", .err = err};
    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        rd.pos = 3; /* a UTF-8 byte-order mark is accepted and skipped */
    int rc = ini_parse_stream(read_line, &rd, on_key, &rd);
    if (rd.failed)
        return rd.failed;
    if (rc > 0)
        return sim_errorf(err, SIM_EINPUT, name, rc,
                          "syntax error: expected [section], key = value, or a comment");
    if (rc < 0)
        return sim_errorf(err, SIM_ERUNTIME, name, 0, "could not read the scenario");
    return 0;
}

int scn_load_file(scenario *s, const char *path, sim_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sim_errorf(err, SIM_EINPUT, path, 0, "cannot open scenario: %s", strerror(errno));
    char *text = sim_xmalloc(SCN_MAX_FILE_BYTES + 1);
    size_t n = fread(text, 1, SCN_MAX_FILE_BYTES + 1, f);
    int read_error = ferror(f);
    fclose(f);
    int rc = 0;
    if (read_error)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "cannot read scenario: %s", strerror(errno));
    else if (n > SCN_MAX_FILE_BYTES)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "scenario is larger than %u MiB",
                        SCN_MAX_FILE_BYTES >> 20);
    else if (n == 0)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "scenario file is empty");
    const char *nul = rc ? NULL : memchr(text, 0, n);
    if (nul) {
        long line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        rc = sim_errorf(err, SIM_EINPUT, path, line, "NUL byte in scenario file");
    }
    if (!rc) {
        text[n] = 0;
        char *copy = sim_xstrdup(path);
        rc = scn_load_string(s, text, path, dirname(copy), err);
        free(copy);
    }
    free(text);
    return rc;
}

/* The section of a --set or --add assignment: its kind and name (pointing into
 * `path`, which receives the section part), its key, and `where` for messages. */
typedef struct set_target {
    char path[SCN_MAX_LINE];
    char where[SCN_MAX_LINE + 8];
    scn_section_kind kind;
    const char *name, *key, *value;
    int every; /* NAME is '*': every section of the kind the scenario has */
} set_target;

/* `option` is "--set" or "--add": the assignment's errors are placed there. */
static int parse_set(const char *option, const char *assignment, set_target *t, sim_err *err)
{
    /* A file's lines cannot hold control characters; an argument can. */
    if (sim_check_argument(option, assignment, err))
        return SIM_EINPUT;
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return sim_errorf(err, SIM_EINPUT, option, 0, "'%s' is not KEY=VALUE", assignment);
    size_t n = (size_t)(eq - assignment);
    if (n >= sizeof t->path)
        return sim_errorf(err, SIM_EINPUT, option, 0, "key in '%s' is too long", assignment);
    memcpy(t->path, assignment, n);
    t->path[n] = 0;
    char *dot = strrchr(t->path, '.');
    /* traffic.NAME.mailbox.PROVIDER: the key is mailbox.PROVIDER */
    if (dot && !strncmp(t->path, "traffic.", 8) && dot - t->path > 16 && !strncmp(dot - 8, ".mailbox", 8))
        dot -= 8;
    if (!dot)
        return sim_errorf(err, SIM_EINPUT, option, 0,
                          "'%s': KEY must be section.key or section.name.key", assignment);
    *dot = 0;
    t->key = dot + 1;
    t->value = eq + 1;
    /* The assignment names the place of its errors: cut a long one short. */
    snprintf(t->where, sizeof t->where, "%s %.60s%s", option, assignment,
             strlen(assignment) > 60 ? "..." : "");
    char *name = strchr(t->path, '.');
    t->every = name && !strcmp(name + 1, "*");
    if (t->every)
        name[1] = 'x'; /* any valid name: the kind is what counts */
    if (parse_section_name(t->path, &t->kind, &t->name, t->where, 0, err))
        return t->every ? sim_errorf(err, SIM_EINPUT, t->where, 0,
                                     "'*' stands for every section of a kind with names: "
                                     "traffic.*.KEY or account.*.KEY")
                        : SIM_EINPUT;
    return 0;
}

/* Every section of the kind, for `traffic.*.KEY`; an error when there is none. */
static int set_every(scenario *s, const set_target *t, const char *value, sim_err *err)
{
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < s->raw->ns && !rc; i++)
        if (s->raw->sec[i].kind == t->kind) {
            rc = add_entry(&s->raw->sec[i], t->key, value, t->where, ".", 0, 1, err);
            n++;
        }
    if (!rc && !n)
        rc = sim_errorf(err, SIM_EINPUT, t->where, 0, "the scenario has no [%s.NAME] section",
                        scn_sections[t->kind].name);
    return rc;
}

static int any_section(const scn_raw *r, scn_section_kind kind)
{
    for (size_t i = 0; i < r->ns; i++)
        if (r->sec[i].kind == kind)
            return 1;
    return 0;
}

/* The name of the section of this kind closest to `name` (edit distance; the
 * first in the file on a tie), or NULL when the scenario has none of the kind. */
static const char *closest_section(const scn_raw *r, scn_section_kind kind, const char *name)
{
    const char *best = NULL;
    size_t best_d = 0;
    for (size_t i = 0; i < r->ns; i++) {
        size_t d = r->sec[i].kind == kind ? scn_edit_distance(name, r->sec[i].name) : 0;
        if (r->sec[i].kind == kind && (!best || d < best_d)) {
            best = r->sec[i].name;
            best_d = d;
        }
    }
    return best;
}

/* --set of a named section the scenario lacks: a typo far more often than a
 * wish for a new stream or account at the defaults, so it is refused. */
static int no_such_section(const scenario *s, const set_target *t, sim_err *err)
{
    const char *kind = scn_sections[t->kind].name;
    const char *hint = closest_section(s->raw, t->kind, t->name);
    if (hint)
        return sim_errorf(err, SIM_EINPUT, t->where, 0,
                          "the scenario has no section [%s.%s] (did you mean [%s.%s]? "
                          "to add a section, use --add)", kind, t->name, kind, hint);
    return sim_errorf(err, SIM_EINPUT, t->where, 0,
                      "the scenario has no section [%s.%s] and no [%s.NAME] at all "
                      "(to add one, use --add)", kind, t->name, kind);
}

/* [mailbox.NAME] of a provider sesim ships (gmail, microsoft, yahoo, other)
 * exists whether the file writes it or not: --set changes it. */
static int shipped_mailbox(const set_target *t)
{
    return t->kind == SEC_MAILBOX && !t->every && mbx_shipped(t->name);
}

/* --add names a section that must be new: [sim] and [policy] always exist. */
static int check_new_section(const scenario *s, const set_target *t, const char *assignment,
                             sim_err *err)
{
    const char *kind = scn_sections[t->kind].name;
    if (!scn_sections[t->kind].named)
        return sim_errorf(err, SIM_EINPUT, t->where, 0,
                          "every scenario has [%s]: change it with --set %s", kind, assignment);
    if (t->every)
        return sim_errorf(err, SIM_EINPUT, t->where, 0,
                          "--add adds one named section: %s.NAME.KEY=VALUE, not '*'", kind);
    if (find_section(s->raw, t->kind, t->name))
        return sim_errorf(err, SIM_EINPUT, t->where, 0,
                          "the scenario has [%s.%s] already: change it with --set %s", kind,
                          t->name, assignment);
    return 0;
}

/* The value as inih trims values read from files (malloc'd). */
static char *trimmed(const char *v)
{
    while (isspace((unsigned char)*v))
        v++;
    size_t len = strlen(v);
    while (len && isspace((unsigned char)v[len - 1]))
        len--;
    char *value = sim_xmalloc(len + 1);
    memcpy(value, v, len);
    value[len] = 0;
    return value;
}

static int apply(scenario *s, const char *assignment, int add, sim_err *err)
{
    set_target t;
    if (parse_set(add ? "--add" : "--set", assignment, &t, err) ||
        (!share_provider(t.kind, t.key) && !known_key(t.kind, t.key, t.where, 0, err)))
        return SIM_EINPUT;
    raw_section *sec = t.every ? NULL : find_section(s->raw, t.kind, t.name);
    if (add && check_new_section(s, &t, assignment, err))
        return SIM_EINPUT;
    if (!add && !t.every && !sec && scn_sections[t.kind].named && !shipped_mailbox(&t))
        return no_such_section(s, &t, err);
    if (!t.every && !sec) /* --add, or [sim] or [policy] not written in the file */
        sec = add_section(s->raw, t.kind, t.name, t.where, 0);
    char *value = trimmed(t.value);
    int rc = t.every ? set_every(s, &t, value, err)
                     : add_entry(sec, t.key, value, t.where, ".", 0, 1, err);
    free(value);
    return rc;
}

int scn_set(scenario *s, const char *assignment, sim_err *err)
{
    return apply(s, assignment, 0, err);
}

int scn_add(scenario *s, const char *assignment, sim_err *err)
{
    return apply(s, assignment, 1, err);
}

int scn_set_applies(const scenario *s, const char *assignment, sim_err *err)
{
    set_target t;
    if (parse_set("--set", assignment, &t, err) ||
        (!share_provider(t.kind, t.key) && !known_key(t.kind, t.key, t.where, 0, err)))
        return SIM_EINPUT;
    if (t.every)
        return any_section(s->raw, t.kind);
    return !scn_sections[t.kind].named || find_section(s->raw, t.kind, t.name) != NULL ||
           shipped_mailbox(&t);
}

int scn_key_is_count(const char *key)
{
    char assignment[SCN_MAX_LINE + 2];
    set_target t;
    sim_err ignored;
    snprintf(assignment, sizeof assignment, "%s=", key);
    if (parse_set("--vary", assignment, &t, &ignored))
        return 0;
    const scn_keydef *k = scn_find_key(t.kind, t.key);
    return k && (k->type == &scn_type_count || k->type == &scn_type_count_or_none);
}

scenario *scn_open(const char *path, const scn_override *ov, size_t n_ov, sim_err *err)
{
    scenario *s = scn_create();
    int rc = path ? scn_load_file(s, path, err)
                  : scn_load_string(s, scn_default_text, "(built-in default)", ".", err);
    for (size_t i = 0; i < n_ov && !rc; i++)
        rc = apply(s, ov[i].assignment, ov[i].add, err);
    if (!rc)
        rc = scn_resolve(s, err);
    if (!rc)
        rc = scn_check_files(s, err);
    if (rc) {
        scn_destroy(s);
        return NULL;
    }
    return s;
}

/* ---- resolution ----------------------------------------------------------- */

static int is_text(const scn_keydef *k)
{
    return k->type == &scn_type_string || k->type == &scn_type_path;
}

static int set_field(void *base, const scn_keydef *k, const char *text, const scn_ctx *ctx,
                     const char *sec_label, const char *file, long line, sim_err *err)
{
    scn_ctx c = *ctx;
    c.choices = k->choices;
    sim_err inner;
    if (k->type->parse(text, (char *)base + k->offset, &c, &inner) != 0)
        return sim_errorf(err, SIM_EINPUT, file, line, "%s.%s: %s", sec_label, k->name, inner.msg);
    /* Text is printed whole, "key = text" on one line of the resolved scenario
     * (print_value), and inih reads lines of at most SCN_MAX_LINE - 2. */
    size_t max = SCN_MAX_LINE - 2 - strlen(k->name) - 3;
    const char *v = is_text(k) ? *(char **)((char *)base + k->offset) : NULL;
    if (!v || strlen(v) <= max)
        return 0;
    if (k->type == &scn_type_path)
        return sim_errorf(err, SIM_EINPUT, file, line,
                          "%s.%s: the path '%.40s%s' is longer than %zu characters once made absolute",
                          sec_label, k->name, text, strlen(text) > 40 ? "..." : "", max);
    return sim_errorf(err, SIM_EINPUT, file, line, "%s.%s: text is longer than %zu characters",
                      sec_label, k->name, max);
}

/* Fill a section's struct: defaults first, then what was written. */
static int fill_section(void *base, const raw_section *sec, scn_section_kind kind,
                        const scn_ctx *ctx, sim_err *err)
{
    const scn_section_def *d = &scn_sections[kind];
    char label[SCN_MAX_NAME + 16];
    snprintf(label, sizeof label, "%s%s%s", d->name, sec && sec->name ? "." : "",
             sec && sec->name ? sec->name : "");
    for (size_t i = 0; i < d->n_keys; i++)
        if (d->keys[i].def &&
            set_field(base, &d->keys[i], d->keys[i].def, ctx, label, "(default)", 0, err))
            return SIM_EINPUT;
    for (size_t j = 0; sec && j < sec->ne; j++) {
        const raw_entry *e = &sec->e[j];
        if (share_provider(kind, e->key))
            continue; /* resolved with the providers (resolve_shares) */
        scn_ctx c = *ctx;
        c.dir = e->dir;
        if (set_field(base, scn_find_key(kind, e->key), e->value, &c, label, e->file, e->line, err))
            return SIM_EINPUT;
    }
    return 0;
}

static int given(const raw_section *sec, scn_section_kind kind, const char *key)
{
    const scn_keydef *k = scn_find_key(kind, key);
    return sec && k && (sec->given >> (k - scn_sections[kind].keys) & 1);
}

/* Where to point an error about `key` of a section: its line if written, else the section's. */
static const raw_entry *entry_of(const raw_section *sec, const char *key)
{
    for (size_t j = 0; sec && j < sec->ne; j++)
        if (!strcmp(sec->e[j].key, key))
            return &sec->e[j];
    return NULL;
}

/* "FILE:LINE: section.NAME.key: message" at the line that set the key (or
 * its section's); fmt and its arguments are checked by the compiler. */
static int key_error(sim_err *err, const raw_section *sec, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int key_error(sim_err *err, const raw_section *sec, const char *key, const char *fmt, ...)
{
    const raw_entry *e = entry_of(sec, key);
    const char *file = e ? e->file : sec ? sec->file : "(default)";
    long line = e ? e->line : sec ? sec->line : 0;
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (sec && sec->name)
        return sim_errorf(err, SIM_EINPUT, file, line, "%s.%s.%s: %s",
                          scn_sections[sec->kind].name, sec->name, key, what);
    return sim_errorf(err, SIM_EINPUT, file, line, "%s.%s: %s",
                      sec ? scn_sections[sec->kind].name : "sim", key, what);
}

int scn_key_error(const scenario *s, scn_section_kind kind, const char *name, const char *key,
                  sim_err *err, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    /* NULL when [sim] is not written: key_error says "(default): sim.KEY" */
    return key_error(err, find_section(s->raw, kind, name), key, "%s", what);
}

static int check_sim(const scn_sim *m, const raw_section *sec, sim_err *err)
{
    int64_t tick = scn_fine_tick(m);
    const char *key = m->tick == SCN_TICK_AUTO ? "tick_fine" : "tick";
    if (tick <= 0)
        return key_error(err, sec, key, "must be positive");
    if (tick > SIM_MS_PER_H || SIM_MS_PER_H % tick)
        return key_error(err, sec, key, "must divide 1h (e.g. 1s, 10s, 1m, 5m, 15m, 1h)");
    if (m->interval <= 0 || m->interval % tick)
        return key_error(err, sec, "interval", "must be a positive multiple of sim.%s", key);
    if (m->duration <= 0 || m->duration % m->interval)
        return key_error(err, sec, "duration", "must be a positive multiple of sim.interval");
    if (m->duration / tick > SCN_MAX_TICKS)
        return key_error(err, sec, "duration", "is over a billion ticks: use a longer sim.%s", key);
    if (m->reps < 1 || m->reps > SCN_MAX_REPS)
        return key_error(err, sec, "reps", "must be between 1 and %d", SCN_MAX_REPS);
    /* The last row is written at the end: a time must fit 9999-12-31T23:59:59Z. */
    if (m->start + m->duration > SCN_MAX_END_MS)
        return key_error(err, sec, given(sec, SEC_SIM, "start") ? "start" : "duration",
                         "the run (start + duration) would end after 9999-12-31, the last "
                         "date the outputs can write");
    return 0;
}

/* The shapes of the assumed rules (docs/model.md): windows on the hourly
 * reputation calendar are whole hours; lognormal shapes stay where a median
 * still describes the delays (SCN_MAX_SIGMA, SCN_MAX_HORIZON: config.h). */
static int check_policy_shapes(const scn_policy *p, const raw_section *sec, sim_err *err)
{
    if (p->rate_burst > SIM_MS_PER_H)
        return key_error(err, sec, "rate_burst",
                         "must be at most 1h (a longer burst is not short: raise the rate instead)");
    if (p->rep_min_window < SIM_MS_PER_H || p->rep_min_window % SIM_MS_PER_H)
        return key_error(err, sec, "rep_min_window", "must be a whole number of hours, at least 1h");
    if (p->feedback_horizon > SCN_MAX_HORIZON || p->feedback_horizon % SIM_MS_PER_H)
        return key_error(err, sec, "feedback_horizon", "must be a whole number of hours, at most %lldd",
                         (long long)(SCN_MAX_HORIZON / SIM_MS_PER_DAY));
    if (p->request_delay_sigma > SCN_MAX_SIGMA)
        return key_error(err, sec, "request_delay_sigma",
                         "must be at most %g (a lognormal shape; 0: every decision takes its median)",
                         SCN_MAX_SIGMA);
    return 0;
}

static int check_policy(scn_policy *p, const raw_section *sec, sim_err *err)
{
    static const double base24[] = {10000, 50000}, baserate[] = {5, 14};
    if (!given(sec, SEC_POLICY, "production_max24h"))
        p->production_max24h = base24[p->preset];
    if (!given(sec, SEC_POLICY, "production_max_rate"))
        p->production_max_rate = baserate[p->preset];
    const struct { const char *key; double v; } positive[] = {
        {"sandbox_max24h", p->sandbox_max24h}, {"sandbox_max_rate", p->sandbox_max_rate},
        {"production_max24h", p->production_max24h}, {"production_max_rate", p->production_max_rate},
        {"rep_volume", p->rep_volume}, {"ramp_ceiling", p->ramp_ceiling},
    };
    for (size_t i = 0; i < sizeof positive / sizeof positive[0]; i++)
        if (positive[i].v <= 0)
            return key_error(err, sec, positive[i].key, "must be positive");
    if (p->bounce_review > p->bounce_pause)
        return key_error(err, sec, "bounce_review", "must not exceed policy.bounce_pause");
    if (p->complaint_review > p->complaint_pause)
        return key_error(err, sec, "complaint_review", "must not exceed policy.complaint_pause");
    if (p->ramp_factor < 1)
        return key_error(err, sec, "ramp_factor", "must be at least 1");
    if (p->ramp_interval <= 0)
        return key_error(err, sec, "ramp_interval", "must be positive");
    return check_policy_shapes(p, sec, err);
}

/* account.from: the keys the section writes itself are kept. */
static int account_from(scn_account *a, const raw_section *sec, sim_err *err)
{
    static const char *const keys[] = {"max24h", "max_rate", "sent_24h", "status", "stage"};
    unsigned keep = 0;
    for (unsigned i = 0; i < sizeof keys / sizeof *keys; i++)
        if (given(sec, SEC_ACCOUNT, keys[i]))
            keep |= 1u << i;
    a->from_set = 0;
    return *a->from ? scn_account_from(a, keep, err) : 0;
}

/* Dedicated IPs: a count SES can lease (1..SCN_MAX_DEDICATED_IPS), a
 * warm-up of whole days. */
static int check_ip_pool(int64_t dedicated_ips, int64_t warmup_days, const raw_section *sec,
                         sim_err *err)
{
    if (dedicated_ips < 1 || dedicated_ips > SCN_MAX_DEDICATED_IPS)
        return key_error(err, sec, "dedicated_ips", "must be between 1 and %d", SCN_MAX_DEDICATED_IPS);
    if (warmup_days < SIM_MS_PER_DAY || warmup_days % SIM_MS_PER_DAY)
        return key_error(err, sec, "warmup_days", "must be a whole number of days, at least 1d");
    return 0;
}

static int check_account(scn_account *a, const scn_policy *p, const raw_section *sec, sim_err *err)
{
    int rc = account_from(a, sec, err);
    if (rc)
        return rc;
    int sandbox = a->stage == STAGE_SANDBOX;
    if (!given(sec, SEC_ACCOUNT, "max24h") && !(a->from_set & SCN_FROM_MAX24H))
        a->max24h = sandbox ? p->sandbox_max24h : p->production_max24h;
    if (!given(sec, SEC_ACCOUNT, "max_rate") && !(a->from_set & SCN_FROM_MAX_RATE))
        a->max_rate = sandbox ? p->sandbox_max_rate : p->production_max_rate;
    if (a->max24h <= 0)
        return key_error(err, sec, "max24h", "must be positive");
    /* Max24HourSend = -1 is a production account's; the sandbox is 200 a day. */
    if (sandbox && isinf(a->max24h))
        return key_error(err, sec, "max24h", "an unlimited quota needs stage = production");
    if (a->max_rate <= 0)
        return key_error(err, sec, "max_rate", "must be positive");
    return check_ip_pool(a->dedicated_ips, a->warmup_days, sec, err);
}

/* Account indices sorted by name, for duplicate checks and lookups by name. */
static const scenario *sort_scenario; /* qsort has no context argument in C11 */

static int cmp_account_index(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_scenario->accounts[i].name, sort_scenario->accounts[j].name);
    return c ? c : (i > j) - (i < j);
}

static long find_account(const scenario *s, const size_t *order, const char *name)
{
    size_t lo = 0, hi = s->n_accounts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->accounts[order[mid]].name, name);
        if (c == 0)
            return (long)order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The senders a client stream may use, from their type table: "a, b or c". */
static void client_senders(char *buf, size_t size)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; sender_type_at(i); i++)
        n += sender_type_at(i)->client;
    for (size_t i = 0; sender_type_at(i); i++) {
        if (!sender_type_at(i)->client)
            continue;
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", k == 0 ? "" : k + 1 < n ? ", " : " or ",
                 sender_type_at(i)->name);
        k++;
    }
}

/* A client stream (traffic.client): its sender says what the client does
 * with a throttled call, so only the senders that offer more than the room. */
static int check_client(const scn_traffic *t, const raw_section *sec, sim_err *err)
{
    if (!client_active(t))
        return 0;
    if (!t->sender->client) {
        char names[SCN_MAX_LINE] = "";
        client_senders(names, sizeof names);
        return key_error(err, sec, "sender", "a client stream needs sender = %s, not %s", names,
                         t->sender->name);
    }
    if (t->client_rate <= 0)
        return key_error(err, sec, "client_rate", "must be above 0 (calls per second)");
    if (t->client_workers < 1 || t->client_workers > SCN_MAX_CLIENT_WORKERS)
        return key_error(err, sec, "client_workers", "must be between 1 and %d", SCN_MAX_CLIENT_WORKERS);
    if (t->client_burst < 1)
        return key_error(err, sec, "client_burst", "must be at least 1 (calls the client's bucket holds)");
    if (t->client_latency_sigma > SCN_MAX_SIGMA)
        return key_error(err, sec, "client_latency_sigma",
                         "must be at most %g (a lognormal shape; 0: every latency is its median)",
                         SCN_MAX_SIGMA);
    if (t->client_target <= 0 || t->client_target >= 1)
        return key_error(err, sec, "client_target", "must be above 0%% and below 100%%");
    return 0;
}

static int check_traffic(scenario *s, scn_traffic *t, const raw_section *sec, const size_t *order,
                         sim_err *err)
{
    if (!given(sec, SEC_TRAFFIC, "account")) {
        if (s->n_accounts != 1)
            return key_error(err, sec, "account", "is required when the scenario has %s accounts",
                             s->n_accounts ? "several" : "no");
        const char *only = s->accounts[0].name;
        t->account.v = sim_xmalloc(sizeof *t->account.v);
        t->account.v[0] = sim_xstrdup(only);
        t->account.n = 1;
    }
    if (!given(sec, SEC_TRAFFIC, "hours"))
        memcpy(t->hours, scn_default_hours, sizeof t->hours);
    t->account_index = sim_xmalloc(t->account.n * sizeof *t->account_index);
    for (size_t i = 0; i < t->account.n; i++) {
        long k = find_account(s, order, t->account.v[i]);
        if (k < 0)
            return key_error(err, sec, "account", "no account named '%s' (add a section [account.%s])",
                             t->account.v[i], t->account.v[i]);
        t->account_index[i] = (size_t)k;
    }
    if (t->recipients < 1 || t->recipients > 50)
        return key_error(err, sec, "recipients", "must be between 1 and 50 (SES's limit per message)");
    if (t->verified + t->simulator > 1)
        return key_error(err, sec, "verified", "verified and simulator shares add up to over 100%%");
    if (t->content_complaint_factor < 1)
        return key_error(err, sec, "content_complaint_factor",
                         "must be at least 1 (1: content does not change complaints)");
    if (t->feedback_delay_sigma > SCN_MAX_SIGMA)
        return key_error(err, sec, "feedback_delay_sigma",
                         "must be at most %g (a lognormal shape; 0: every delay is its median)",
                         SCN_MAX_SIGMA);
    if (check_client(t, sec, err))
        return SIM_EINPUT;
    if (t->route == ROUTE_FAILOVER && t->account.n < 2)
        return key_error(err, sec, "route", "failover needs a stream over several accounts or Regions");
    if (t->route == ROUTE_FAILOVER && t->sender != &sender_overflow)
        return key_error(err, sec, "route", "failover needs sender = %s: only overflow hands "
                         "what one Region cannot take to the next (pace and wait queue it, retry "
                         "retries it, drop loses it), not %s", sender_overflow.name, t->sender->name);
    if ((t->kind->needs & TRAFFIC_NEEDS_SCHEDULE) && (t->size <= 0 || t->every <= 0))
        return key_error(err, sec, "size", "a campaign needs size > 0 and every > 0");
    if ((t->kind->needs & TRAFFIC_NEEDS_FILE) && (!t->file || !*t->file))
        return key_error(err, sec, "file", "kind %s needs a file", t->kind->name);
    if (t->after != AFTER_STOP && !t->kind->points)
        return key_error(err, sec, "after", "applies to the replays of observed points "
                         "(ses-stats, ses-events, cloudwatch), not kind %s", t->kind->name);
    if (t->growth <= -1) /* (1 + growth)^days would be 0, or no number at all */
        return key_error(err, sec, "growth", "must be above -100%% (a volume that shrinks "
                                             "to nothing, or below)");
    if (t->retry_attempts > SCN_MAX_RETRY_ATTEMPTS)
        return key_error(err, sec, "retry_attempts", "must be at most 1000 (every refused "
                                                     "attempt is counted in throttled)");
    return 0;
}

/* A tenant or a configuration set belongs to one account of the scenario; a
 * tenant's thresholds are ordered (a configuration set has none). */
static int check_tenant(scenario *s, scn_tenant *t, const raw_section *sec, const size_t *order,
                        sim_err *err)
{
    if (!given(sec, t->configset ? SEC_CONFIGSET : SEC_TENANT, "account")) {
        if (s->n_accounts != 1)
            return key_error(err, sec, "account", "is required when the scenario has several accounts");
        free(t->account);
        t->account = sim_xstrdup(s->accounts[0].name);
    }
    long k = find_account(s, order, t->account);
    if (k < 0)
        return key_error(err, sec, "account", "no account named '%s' (add a section [account.%s])",
                         t->account, t->account);
    t->account_index = (size_t)k;
    if (t->low_bounce > t->high_bounce)
        return key_error(err, sec, "low_bounce", "must not exceed high_bounce");
    if (t->low_complaint > t->high_complaint)
        return key_error(err, sec, "low_complaint", "must not exceed high_complaint");
    if (t->rep_volume < 1)
        return key_error(err, sec, "rep_volume", "must be at least 1");
    if (!t->configset)
        return 0;
    return check_ip_pool(t->dedicated_ips, t->warmup_days, sec, err);
}

/* A stream's tenant or configuration set: a [tenant.NAME] or [configset.NAME]
 * of the stream's one account, found in v (n of them); *index -1 when none. */
static int check_stream_entity(scn_traffic *t, const raw_section *sec, const char *key,
                               const char *want, const scn_tenant *v, size_t n, long *index,
                               sim_err *err)
{
    *index = -1;
    if (!want || !*want)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].name, want))
            *index = (long)i;
    if (*index < 0)
        return key_error(err, sec, key, "no %s named '%s' (add a section [%s.%s])", key, want, key,
                         want);
    const scn_tenant *tn = &v[*index];
    if (t->account.n != 1 || t->account_index[0] != tn->account_index)
        return key_error(err, sec, key, "%s '%s' belongs to account '%s': the stream must "
                         "send through that account alone", key, want, tn->account);
    return 0;
}

static int check_stream_tenant(scenario *s, scn_traffic *t, const raw_section *sec, sim_err *err)
{
    /* both: the tenant sends through a configuration set associated with it
     * (CreateTenantResourceAssociation); both are of the stream's account */
    if (check_stream_entity(t, sec, "tenant", t->tenant, s->tenants, s->n_tenants,
                            &t->tenant_index, err) ||
        check_stream_entity(t, sec, "configset", t->configset, s->configsets, s->n_configsets,
                            &t->configset_index, err))
        return SIM_EINPUT;
    return 0;
}

/* The [tenant.NAME] (kind SEC_TENANT) or [configset.NAME] sections, into *v. */
static int resolve_tenants(scenario *s, scn_section_kind kind, scn_tenant **v, size_t *nv,
                           const size_t *order, sim_err *err)
{
    scn_ctx ctx = {.start = s->sim.start};
    const scn_raw *r = s->raw;
    *v = sim_xcalloc(r->ns ? r->ns : 1, sizeof **v);
    int rc = 0;
    for (size_t i = 0; i < r->ns && !rc; i++) {
        const raw_section *sec = &r->sec[i];
        if (sec->kind != kind)
            continue;
        scn_tenant *t = &(*v)[(*nv)++];
        t->name = sim_xstrdup(sec->name);
        t->configset = kind == SEC_CONFIGSET;
        rc = fill_section(t, sec, kind, &ctx, err) || check_tenant(s, t, sec, order, err);
        for (size_t j = 0; j + 1 < *nv && !rc; j++)
            if (!strcmp((*v)[j].name, t->name))
                rc = sim_errorf(err, SIM_EINPUT, sec->file, sec->line, "section [%s.%s] appears twice",
                                scn_sections[kind].name, t->name);
    }
    return rc;
}

/* The accounts' indices sorted by name (for lookups by name). */
/* One provider: the keys' defaults, what the file wrote, then the keys
 * derived by provider that it did not write (models/mailbox.h). */
static int fill_mailbox(scn_mailbox *m, const char *name, const raw_section *sec, const scn_ctx *ctx,
                        sim_err *err)
{
    m->name = sim_xstrdup(name);
    if (fill_section(m, sec, SEC_MAILBOX, ctx, err))
        return SIM_EINPUT;
    const scn_section_def *d = &scn_sections[SEC_MAILBOX];
    char label[SCN_MAX_NAME + 16];
    snprintf(label, sizeof label, "mailbox.%s", name);
    for (size_t i = 0; i < d->n_keys; i++) {
        const char *def = mbx_default_of(name, d->keys[i].name);
        if (def && !given(sec, SEC_MAILBOX, d->keys[i].name) &&
            set_field(m, &d->keys[i], def, ctx, label, "(default)", 0, err))
            return SIM_EINPUT;
    }
    return 0;
}

static int check_mailbox_shares(const scenario *s, const raw_section *first, sim_err *err)
{
    double sum = 0;
    for (size_t i = 0; i < s->n_mailboxes; i++)
        sum += s->mailboxes[i].share;
    if (fabs(sum - 1) > 1e-9)
        return sim_errorf(err, SIM_EINPUT, first ? first->file : s->path, first ? first->line : 0,
                          "the mailbox shares sum to %.6g%%, not 100%%", 100 * sum);
    return 0;
}

/* sim.mailboxes = on: the shipped providers (with what the file sets for
 * them), then the file's other [mailbox.NAME] sections in file order. */
static int resolve_mailboxes(scenario *s, sim_err *err)
{
    scn_raw *r = s->raw;
    const raw_section *first = NULL;
    for (size_t i = 0; i < r->ns && !first; i++)
        if (r->sec[i].kind == SEC_MAILBOX)
            first = &r->sec[i];
    if (s->sim.mailboxes != SCN_ON)
        return first ? sim_errorf(err, SIM_EINPUT, first->file, first->line,
                                  "[mailbox.%s] needs sim.mailboxes = on", first->name) : 0;
    scn_ctx ctx = {.start = s->sim.start};
    s->mailboxes = sim_xcalloc(mbx_n_defaults + r->ns, sizeof *s->mailboxes);
    int rc = 0;
    for (size_t i = 0; i < mbx_n_defaults && !rc; i++) {
        const char *name = mbx_defaults[i].name;
        rc = fill_mailbox(&s->mailboxes[s->n_mailboxes++], name,
                          find_section(r, SEC_MAILBOX, name), &ctx, err);
    }
    for (size_t i = 0; i < r->ns && !rc; i++) {
        const raw_section *sec = &r->sec[i];
        if (sec->kind == SEC_MAILBOX && !mbx_shipped(sec->name))
            rc = fill_mailbox(&s->mailboxes[s->n_mailboxes++], sec->name, sec, &ctx, err);
    }
    return rc ? SIM_EINPUT : check_mailbox_shares(s, first, err);
}

/* A stream's mailbox.PROVIDER keys into t->mailbox_share (NAN where the
 * stream names no share); *named: their sum; *first: the first of them. */
static int read_stream_shares(const scenario *s, scn_traffic *t, const raw_section *sec,
                              double *named, const raw_entry **first, sim_err *err)
{
    for (size_t j = 0; j < sec->ne; j++) {
        const raw_entry *e = &sec->e[j];
        const char *prov = share_provider(SEC_TRAFFIC, e->key);
        if (!prov)
            continue;
        if (s->sim.mailboxes != SCN_ON)
            return sim_errorf(err, SIM_EINPUT, e->file, e->line,
                              "traffic.%s.%s: needs sim.mailboxes = on", t->name, e->key);
        size_t p = 0;
        while (p < s->n_mailboxes && strcmp(s->mailboxes[p].name, prov))
            p++;
        if (p == s->n_mailboxes)
            return sim_errorf(err, SIM_EINPUT, e->file, e->line, "traffic.%s.%s: no mailbox "
                              "provider '%s' (add a section [mailbox.%s])", t->name, e->key, prov, prov);
        if (!t->mailbox_share) {
            t->mailbox_share = sim_xmalloc(s->n_mailboxes * sizeof *t->mailbox_share);
            for (size_t q = 0; q < s->n_mailboxes; q++)
                t->mailbox_share[q] = NAN;
            *first = e;
        }
        sim_err inner;
        if (scn_type_share.parse(e->value, &t->mailbox_share[p], &(scn_ctx){0}, &inner))
            return sim_errorf(err, SIM_EINPUT, e->file, e->line, "traffic.%s.%s: %s", t->name,
                              e->key, inner.msg);
        *named += t->mailbox_share[p];
    }
    return 0;
}

/* A stream's shares of the providers: those it names take its values, the
 * others share the rest in proportion to their [mailbox.NAME] shares. */
static int stream_shares(const scenario *s, scn_traffic *t, const raw_section *sec, sim_err *err)
{
    double named = 0, others = 0;
    const raw_entry *first = NULL;
    if (read_stream_shares(s, t, sec, &named, &first, err))
        return SIM_EINPUT;
    if (!t->mailbox_share)
        return 0;
    for (size_t p = 0; p < s->n_mailboxes; p++)
        others += isnan(t->mailbox_share[p]) ? s->mailboxes[p].share : 0;
    if (named > 1 + 1e-9)
        return sim_errorf(err, SIM_EINPUT, first->file, first->line, "traffic.%s: the stream's "
                          "mailbox shares sum to %.6g%%, over 100%%", t->name, 100 * named);
    if (named < 1 - 1e-9 && others <= 0)
        return sim_errorf(err, SIM_EINPUT, first->file, first->line, "traffic.%s: the stream's "
                          "mailbox shares sum to %.6g%%, not 100%%, and no provider it leaves out "
                          "has a share to take the rest", t->name, 100 * named);
    for (size_t p = 0; p < s->n_mailboxes; p++)
        if (isnan(t->mailbox_share[p]))
            t->mailbox_share[p] = others > 0 ? (1 - named) * s->mailboxes[p].share / others : 0;
    return 0;
}

/* [domain.NAME] sections (sim.mailboxes = on), in file order. */
static int resolve_domain_sections(scenario *s, sim_err *err)
{
    const scn_raw *r = s->raw;
    scn_ctx ctx = {.start = s->sim.start};
    s->domains = sim_xcalloc(r->ns ? r->ns : 1, sizeof *s->domains);
    for (size_t i = 0; i < r->ns; i++) {
        const raw_section *sec = &r->sec[i];
        if (sec->kind != SEC_DOMAIN)
            continue;
        if (s->sim.mailboxes != SCN_ON)
            return sim_errorf(err, SIM_EINPUT, sec->file, sec->line,
                              "[domain.%s] needs sim.mailboxes = on", sec->name);
        scn_domain *d = &s->domains[s->n_domains++];
        d->name = sim_xstrdup(sec->name);
        if (fill_section(d, sec, SEC_DOMAIN, &ctx, err))
            return SIM_EINPUT;
        for (size_t j = 0; j + 1 < s->n_domains; j++)
            if (!strcmp(s->domains[j].name, d->name))
                return sim_errorf(err, SIM_EINPUT, sec->file, sec->line,
                                  "section [domain.%s] appears twice", d->name);
    }
    return 0;
}

/* The streams' sending domains and provider shares (models/mailbox.h). */
static int resolve_stream_mailboxes(scenario *s, sim_err *err)
{
    if (resolve_domain_sections(s, err))
        return SIM_EINPUT;
    size_t ti = 0;
    for (size_t i = 0; i < s->raw->ns && ti < s->n_traffic; i++) {
        const raw_section *sec = &s->raw->sec[i];
        if (sec->kind != SEC_TRAFFIC)
            continue;
        scn_traffic *t = &s->traffic[ti++]; /* resolved in the order of the sections */
        t->domain_index = -1;
        for (size_t d = 0; t->domain && *t->domain && d < s->n_domains; d++)
            if (!strcmp(s->domains[d].name, t->domain))
                t->domain_index = (long)d;
        if (t->domain && *t->domain && t->domain_index < 0)
            return key_error(err, sec, "domain", "no domain named '%s' (add a section [domain.%s])",
                             t->domain, t->domain);
        if (stream_shares(s, t, sec, err))
            return SIM_EINPUT;
    }
    return 0;
}

static size_t *sorted_accounts(scenario *s)
{
    size_t *order = sim_xmalloc((s->n_accounts ? s->n_accounts : 1) * sizeof *order);
    for (size_t i = 0; i < s->n_accounts; i++)
        order[i] = i;
    sort_scenario = s;
    qsort(order, s->n_accounts, sizeof *order, cmp_account_index);
    return order;
}

/* Two [account.NAME] sections of one name: the second is named. */
static int check_accounts_unique(const scenario *s, const size_t *order,
                                 const raw_section *const *asec, sim_err *err)
{
    for (size_t i = 1; i < s->n_accounts; i++)
        if (!strcmp(s->accounts[order[i - 1]].name, s->accounts[order[i]].name))
            return sim_errorf(err, SIM_EINPUT, asec[order[i]]->file, asec[order[i]]->line,
                              "section [account.%s] appears twice", s->accounts[order[i]].name);
    return 0;
}

/* A Region code as AWS writes them (us-east-1, eu-west-1, ap-southeast-2):
 * lower-case letters, digits and hyphens, starting with a letter. */
static int valid_region(const char *r)
{
    if (!islower((unsigned char)*r))
        return 0;
    for (; *r; r++)
        if (!islower((unsigned char)*r) && !isdigit((unsigned char)*r) && *r != '-')
            return 0;
    return 1;
}

/* account.region_of: the account whose other Region this section is; that
 * account's own section is its first (home), and both name their Region. */
static int check_region_of(scenario *s, size_t i, const size_t *order, const raw_section *sec,
                           sim_err *err)
{
    scn_account *a = &s->accounts[i];
    long h = find_account(s, order, a->region_of);
    if (h < 0)
        return key_error(err, sec, "region_of", "no account named '%s' (add a section [account.%s])",
                         a->region_of, a->region_of);
    const scn_account *home = &s->accounts[h];
    if ((size_t)h == i)
        return key_error(err, sec, "region_of", "names the section itself");
    if (*home->region_of)
        return key_error(err, sec, "region_of", "'%s' is itself a Region of '%s': name '%s'",
                         home->name, home->region_of, home->region_of);
    if (!*a->region || !*home->region)
        return key_error(err, sec, "region", "the Regions of account '%s' each need region = CODE",
                         home->name);
    a->home = (size_t)h;
    return 0;
}

/* Each section's Region code is well formed; a region_of names the home
 * section of an account; an account sends at most once in a Region. */
static int check_regions(scenario *s, const size_t *order, const raw_section *const *asec,
                         sim_err *err)
{
    for (size_t i = 0; i < s->n_accounts; i++) {
        scn_account *a = &s->accounts[i];
        a->home = i;
        if (*a->region && !valid_region(a->region))
            return key_error(err, asec[i], "region", "'%s' is not a Region code (as in us-east-1)",
                             a->region);
        if (*a->region_of && check_region_of(s, i, order, asec[i], err))
            return SIM_EINPUT;
    }
    for (size_t i = 0; i < s->n_accounts; i++)
        for (size_t j = 0; j < i; j++) {
            const scn_account *a = &s->accounts[i], *b = &s->accounts[j];
            if (*a->region && a->home == b->home && !strcmp(a->region, b->region))
                return key_error(err, asec[i], "region", "account '%s' already sends in %s "
                                 "(section [account.%s])", s->accounts[a->home].name, a->region, b->name);
        }
    return 0;
}

static int resolve_named(scenario *s, sim_err *err)
{
    scn_raw *r = s->raw;
    scn_ctx ctx = {.start = s->sim.start};
    size_t na = 0, nt = 0;
    for (size_t i = 0; i < r->ns; i++) {
        na += r->sec[i].kind == SEC_ACCOUNT;
        nt += r->sec[i].kind == SEC_TRAFFIC;
    }
    s->accounts = sim_xcalloc(na ? na : 1, sizeof *s->accounts);
    s->traffic = sim_xcalloc(nt ? nt : 1, sizeof *s->traffic);
    const raw_section **tsec = sim_xcalloc(nt ? nt : 1, sizeof *tsec);
    const raw_section **asec = sim_xcalloc(na ? na : 1, sizeof *asec);
    int rc = 0;
    for (size_t i = 0; i < r->ns && !rc; i++) {
        raw_section *sec = &r->sec[i];
        if (sec->kind == SEC_ACCOUNT) {
            scn_account *a = &s->accounts[s->n_accounts];
            asec[s->n_accounts++] = sec;
            a->name = sim_xstrdup(sec->name);
            rc = fill_section(a, sec, SEC_ACCOUNT, &ctx, err) ||
                 check_account(a, &s->policy, sec, err);
        } else if (sec->kind == SEC_TRAFFIC) {
            scn_traffic *t = &s->traffic[s->n_traffic];
            tsec[s->n_traffic++] = sec;
            t->name = sim_xstrdup(sec->name);
            rc = fill_section(t, sec, SEC_TRAFFIC, &ctx, err);
        }
    }
    size_t *order = sorted_accounts(s);
    if (!rc)
        rc = check_accounts_unique(s, order, asec, err);
    if (!rc)
        rc = check_regions(s, order, asec, err);
    if (!rc && s->n_accounts == 0)
        rc = sim_errorf(err, SIM_EINPUT, s->path, 0, "the scenario has no [account.NAME] section");
    if (!rc)
        rc = resolve_tenants(s, SEC_TENANT, &s->tenants, &s->n_tenants, order, err) ||
             resolve_tenants(s, SEC_CONFIGSET, &s->configsets, &s->n_configsets, order, err);
    for (size_t i = 0; i < s->n_traffic && !rc; i++) {
        for (size_t j = 0; j < i && !rc; j++)
            if (!strcmp(s->traffic[i].name, s->traffic[j].name))
                rc = sim_errorf(err, SIM_EINPUT, tsec[i]->file, tsec[i]->line,
                                "section [traffic.%s] appears twice", s->traffic[i].name);
        if (!rc)
            rc = check_traffic(s, &s->traffic[i], tsec[i], order, err) ||
                 check_stream_tenant(s, &s->traffic[i], tsec[i], err);
    }
    free(order);
    free(tsec);
    free(asec);
    return rc ? SIM_EINPUT : 0;
}

/* A large number for a message: "7.1e+19", or words when it overflowed. */
const char *scn_fmt_big(double v, char buf[32])
{
    if (!isfinite(v) || v > 1e300)
        return "more than 1e300";
    snprintf(buf, 32, "%.2g", v);
    return buf;
}

/* The key that sets a stream's volume: growth when it grows, else its size. */
static const char *volume_key(const scn_traffic *t)
{
    if (t->growth > 0)
        return "growth";
    return (t->kind->needs & TRAFFIC_NEEDS_SCHEDULE) ? "size" : "daily";
}

/* The limit of a run's demand (docs/model.md, "Limits of a run"): the streams'
 * most() added up stay within SCN_MAX_DEMAND, so that no count can overflow. */
static int check_demand(const scenario *s, sim_err *err)
{
    double total = 0;
    for (size_t i = 0; i < s->n_traffic; i++) {
        const scn_traffic *t = &s->traffic[i];
        if (!t->kind->most) /* a replay: its rows are counted as they are read */
            continue;
        double most = t->kind->most(t, &s->sim);
        total += most;
        if (!(total <= SCN_MAX_DEMAND)) {
            char a[32];
            return scn_key_error(s, SEC_TRAFFIC, t->name, volume_key(t), err,
                                 "%sdemand over the run could reach %s messages, over 2^53 "
                                 "(9.0e15), the most one run may ask for",
                                 most < total ? "with the streams before it, " : "",
                                 scn_fmt_big(total, a));
        }
    }
    return 0;
}

int scn_resolve(scenario *s, sim_err *err)
{
    free_resolved(s);
    scn_ctx ctx = {0};
    const raw_section *sim = find_section(s->raw, SEC_SIM, NULL);
    const raw_section *pol = find_section(s->raw, SEC_POLICY, NULL);
    for (size_t i = 0; i < s->raw->ns; i++) {
        const raw_section *sec = &s->raw->sec[i];
        if (!sec->name && sec != (sec->kind == SEC_SIM ? sim : pol))
            return sim_errorf(err, SIM_EINPUT, sec->file, sec->line, "section [%s] appears twice",
                              scn_sections[sec->kind].name);
    }
    if (fill_section(&s->sim, sim, SEC_SIM, &ctx, err) || check_sim(&s->sim, sim, err))
        return SIM_EINPUT;
    ctx.start = s->sim.start;
    if (fill_section(&s->policy, pol, SEC_POLICY, &ctx, err) || check_policy(&s->policy, pol, err))
        return SIM_EINPUT;
    if (resolve_named(s, err) || check_demand(s, err) || resolve_mailboxes(s, err))
        return SIM_EINPUT;
    return resolve_stream_mailboxes(s, err);
}

int scn_check_files(const scenario *s, sim_err *err)
{
    size_t ti = 0;
    for (size_t i = 0; i < s->raw->ns && ti < s->n_traffic; i++) {
        const raw_section *sec = &s->raw->sec[i];
        if (sec->kind != SEC_TRAFFIC)
            continue;
        const scn_traffic *t = &s->traffic[ti++]; /* resolved in the order of the sections */
        sim_err inner;
        if ((t->kind->needs & TRAFFIC_NEEDS_FILE) && csvin_check_file(t->file, &inner))
            return key_error(err, sec, "file", "%s", inner.msg);
    }
    return 0;
}

/* ---- printing -------------------------------------------------------------- */

/* Longest line printed: inih reads at most SCN_MAX_LINE - 2 characters. */
#define PRINT_WIDTH (SCN_MAX_LINE - 10)

/* The header block as comment lines, long lines wrapped at spaces. */
static void print_header(FILE *out, const char *header)
{
    const size_t width = PRINT_WIDTH - 2;
    if (!header || !*header)
        return;
    for (const char *p = header; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n > width) {
            size_t cut = width, skip = 1; /* cut at the last space that fits */
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = width, skip = 0;
            fprintf(out, "; %.*s\n", (int)cut, p);
            p += cut + skip;
            n -= cut + skip;
        }
        fprintf(out, "; %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
}

/* key = value, a long list value continued on indented lines, cut after commas
 * (the reader joins continuation lines; see on_key). Text is never cut: its
 * commas need not be followed by one space, as the reader's join puts back;
 * set_field keeps it short enough for one line. */
static void print_value(FILE *out, const char *key, const char *value, int wrap)
{
    size_t width = PRINT_WIDTH - strlen(key) - 3;
    fprintf(out, "%s =%s", key, *value ? " " : "");
    while (wrap && strlen(value) > width) {
        const char *cut = value + width;
        while (cut > value && *cut != ',')
            cut--;
        if (cut == value)
            break; /* no comma to cut at: the value is one item */
        fprintf(out, "%.*s\n    ", (int)(cut - value + 1), value);
        value = cut + 1;
        while (*value == ' ')
            value++;
        width = PRINT_WIDTH - 4;
    }
    fputs(value, out);
}

static void print_section(FILE *out, const void *base, const raw_section *sec,
                          scn_section_kind kind, const char *name, int annotate)
{
    const scn_section_def *d = &scn_sections[kind];
    fprintf(out, "\n[%s%s%s]\n", d->name, name ? "." : "", name ? name : "");
    for (size_t i = 0; i < d->n_keys; i++) {
        const scn_keydef *k = &d->keys[i];
        static char buf[1 << 16];
        k->type->format((const char *)base + k->offset, k->choices, buf, sizeof buf);
        if ((k->flags & KEY_QUIET) && !annotate && (!*buf || (k->def && !strcmp(buf, k->def))))
            continue;
        print_value(out, k->name, buf, !is_text(k));
        if (annotate) {
            int explicit = sec && (sec->given >> i & 1);
            const char *notes[3];
            int n = 0;
            if (!explicit)
                notes[n++] = k->def ? "default" : k->derived;
            if (!explicit && (k->flags & KEY_ASSUMPTION))
                notes[n++] = "assumption";
            if (k->flags & KEY_LATER)
                notes[n++] = "not modelled yet";
            for (int j = 0; j < n; j++)
                fprintf(out, "%s%s", j ? ", " : "   ; ", notes[j]);
        }
        fputc('\n', out);
    }
}

/* A stream, then the provider shares it names (mailbox.PROVIDER), in the
 * providers' order. */
static void print_traffic(FILE *out, const scenario *s, const scn_traffic *t,
                          const raw_section *sec, int annotate)
{
    print_section(out, t, sec, SEC_TRAFFIC, t->name, annotate);
    for (size_t p = 0; t->mailbox_share && p < s->n_mailboxes; p++) {
        char key[SCN_MAX_NAME + 16], buf[64];
        snprintf(key, sizeof key, "mailbox.%s", s->mailboxes[p].name);
        if (!entry_of(sec, key))
            continue;
        scn_type_share.format(&t->mailbox_share[p], NULL, buf, sizeof buf);
        fprintf(out, "%s = %s\n", key, buf);
    }
}

int scn_print(const scenario *s, FILE *out, int annotate)
{
    /* The user's header block first, so that re-reading this output keeps the
     * same header and a resolved scenario resolves to itself. */
    print_header(out, s->header);
    if (annotate)
        fprintf(out, "; notes: default = not in the file; assumption = the default is not public,"
                     " see docs/model.md\n");
    print_section(out, &s->sim, find_section(s->raw, SEC_SIM, NULL), SEC_SIM, NULL, annotate);
    print_section(out, &s->policy, find_section(s->raw, SEC_POLICY, NULL), SEC_POLICY, NULL, annotate);
    size_t ai = 0, ti = 0, ni = 0, ci = 0;
    for (size_t i = 0; i < s->raw->ns; i++) {
        const raw_section *sec = &s->raw->sec[i];
        if (sec->kind == SEC_ACCOUNT && ai < s->n_accounts)
            print_section(out, &s->accounts[ai++], sec, SEC_ACCOUNT, sec->name, annotate);
        else if (sec->kind == SEC_TRAFFIC && ti < s->n_traffic)
            print_traffic(out, s, &s->traffic[ti++], sec, annotate);
        else if (sec->kind == SEC_TENANT && ni < s->n_tenants)
            print_section(out, &s->tenants[ni++], sec, SEC_TENANT, sec->name, annotate);
        else if (sec->kind == SEC_CONFIGSET && ci < s->n_configsets)
            print_section(out, &s->configsets[ci++], sec, SEC_CONFIGSET, sec->name, annotate);
    }
    for (size_t i = 0; i < s->n_mailboxes; i++)
        print_section(out, &s->mailboxes[i], find_section(s->raw, SEC_MAILBOX, s->mailboxes[i].name),
                      SEC_MAILBOX, s->mailboxes[i].name, annotate);
    for (size_t i = 0; i < s->n_domains; i++)
        print_section(out, &s->domains[i], find_section(s->raw, SEC_DOMAIN, s->domains[i].name),
                      SEC_DOMAIN, s->domains[i].name, annotate);
    fprintf(out, "\n; resolved by sesim %s: every key with its value\n", SESIM_VERSION);
    return ferror(out) ? SIM_ERUNTIME : 0;
}
