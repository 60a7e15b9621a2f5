/* batch.c: many scenario files in one command (see batch.h): collecting the
 * files, validating them with the --set that apply, running them in the pool,
 * and batch.csv. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "core/csvin.h"
#include "io/csvtext.h"
#include "io/output.h"
#include "io/pool.h"
#include "io/progress.h"
#include "run/run.h"
#include "scenario/scenario.h"

enum { NOT_RUN = -1 };

typedef struct batch_item {
    char *path, *name;
    scenario *s;  /* loaded, then resolved; NULL when invalid */
    int status;   /* NOT_RUN, or the exit status of its unit (2: invalid) */
    int complete; /* its folder holds a complete run of this very scenario */
} batch_item;

typedef struct batch {
    const batch_options *opt;
    batch_item *it;
    size_t n, cap;
    int inner_jobs; /* workers of each scenario's own replications */
    size_t done, total;
    progress bar;
} batch;

/* ---- collecting the scenario files ---- */

static int ends_with_ini(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && !strcmp(s + n - 4, ".ini");
}

static void add_item(batch *b, const char *path)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 16;
        b->it = sim_xrealloc(b->it, b->cap * sizeof *b->it);
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    batch_item *it = &b->it[b->n++];
    *it = (batch_item){.path = sim_xstrdup(path), .name = sim_xstrdup(base), .status = NOT_RUN};
    if (ends_with_ini(it->name))
        it->name[strlen(it->name) - 4] = 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.ini file of a folder (not hidden ones), sorted by name (bytes, not locale). */
static int add_folder(batch *b, const char *dir, sim_err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return sim_errorf(err, SIM_EINPUT, dir, 0, "cannot open: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        struct stat st;
        char *path = out_join(dir, e->d_name);
        if (e->d_name[0] != '.' && ends_with_ini(e->d_name) && !stat(path, &st) && S_ISREG(st.st_mode)) {
            names = sim_xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        add_item(b, names[i]);
        free(names[i]);
    }
    free(names);
    return n ? 0 : sim_errorf(err, SIM_EINPUT, dir, 0, "holds no scenario files (*.ini)");
}

static int collect(batch *b, sim_err *err)
{
    const batch_options *o = b->opt;
    for (size_t i = 0; i < o->n_inputs; i++) {
        struct stat st;
        if (stat(o->inputs[i], &st))
            return sim_errorf(err, SIM_EINPUT, o->inputs[i], 0, "cannot open: %s", strerror(errno));
        int rc = S_ISDIR(st.st_mode) ? add_folder(b, o->inputs[i], err) : (add_item(b, o->inputs[i]), 0);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < b->n; i++) {
        if (!b->it[i].name[0] || b->it[i].name[0] == '.')
            return sim_errorf(err, SIM_EINPUT, b->it[i].path, 0,
                              "a scenario's file name must not start with '.' (it names its folder)");
        if (!strcmp(b->it[i].name, "report") || !strcmp(b->it[i].name, "batch.csv"))
            return sim_errorf(err, SIM_EINPUT, b->it[i].path, 0,
                              "a scenario cannot be named '%s': the batch writes DIR/%s itself",
                              b->it[i].name, b->it[i].name);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(b->it[i].name, b->it[j].name))
                return sim_errorf(err, SIM_EINPUT, b->it[i].path, 0,
                                  "two scenarios named '%s' (also %s): each needs its own folder",
                                  b->it[i].name, b->it[j].path);
    }
    return 0;
}

/* ---- validating: load every file, check the --set, then apply and resolve ---- */

static void invalid(batch_item *it, const sim_err *e)
{
    sim_eprintf("%s", e->msg);
    scn_destroy(it->s);
    it->s = NULL;
    it->status = 2;
}

static void load_all(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        sim_err e;
        b->it[i].s = scn_create();
        if (scn_load_file(b->it[i].s, b->it[i].path, &e))
            invalid(&b->it[i], &e);
    }
}

/* A --set must be a known key of a section that some loaded scenario has. */
static int check_sets(const batch *b, sim_err *err)
{
    for (size_t k = 0; k < b->opt->n_sets; k++) {
        size_t applies = 0;
        for (size_t i = 0; i < b->n; i++) {
            if (!b->it[i].s)
                continue;
            int rc = scn_set_applies(b->it[i].s, b->opt->sets[k], err);
            if (rc < 0)
                return rc;
            applies += (size_t)rc;
        }
        if (!applies)
            return sim_errorf(err, SIM_EINPUT, "--set", 0, "'%s': no scenario of the batch has that section",
                              b->opt->sets[k]);
    }
    return 0;
}

static void resolve_all(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        batch_item *it = &b->it[i];
        sim_err e;
        int rc = 0;
        for (size_t k = 0; it->s && k < b->opt->n_sets && !rc; k++)
            if (scn_set_applies(it->s, b->opt->sets[k], &e) == 1)
                rc = scn_set(it->s, b->opt->sets[k], &e);
        if (it->s && (rc || scn_resolve(it->s, &e) || scn_check_files(it->s, &e) ||
                      run_check_size(it->s, &e) || (!b->opt->force && scn_check_size(it->s, 1, &e))))
            invalid(it, &e);
    }
}

/* ---- running ---- */

/* DIR/NAME holds a complete run of exactly this scenario and data: its
 * scenario.ini is what this one prints, and its mark names the same data files
 * with the same content (run_inputs). */
static int already_complete(const batch *b, const batch_item *it)
{
    char *dir = out_join(b->opt->outdir, it->name), *path = out_join(dir, "scenario.ini");
    size_t have_len = 0, want_len = 0;
    char *have = out_read_file(path, SCN_MAX_FILE_BYTES + 1, &have_len), *want = NULL;
    FILE *m = open_memstream(&want, &want_len);
    scn_print(it->s, m, 0);
    fclose(m);
    int same = have && have_len == want_len && !memcmp(have, want, want_len);
    char *mark = same ? out_read_mark(dir) : NULL, *inputs = same ? run_inputs(it->s) : NULL;
    same = same && mark && !strncmp(mark, "sesim run\n", 10) && !strcmp(mark + 10, inputs);
    free(mark);
    free(inputs);
    free(have);
    free(want);
    free(path);
    free(dir);
    return same;
}

static int unit_run(size_t i, void *ctx)
{
    batch *b = ctx;
    batch_item *it = &b->it[i];
    sim_err err = {0};
    char *final = out_join(b->opt->outdir, it->name), *tmp = out_temp_dir(b->opt->outdir, "run", &err);
    run_options ro = {.outdir = tmp, .quiet = 1, .jobs = b->inner_jobs};
    int rc = tmp ? run_scenario(it->s, &ro, &err) : err.code;
    if (!rc) /* complete: replace the earlier folder in one step */
        rc = out_swap_in(tmp, final, "run", &err);
    if (rc) {
        if (tmp)
            out_remove_tree(tmp);
        if (rc != SIM_EINTERRUPTED && err.msg[0])
            sim_eprintf("%s: %s", it->path, err.msg);
    }
    free(tmp);
    free(final);
    return sim_exit_code(rc);
}

static void unit_done(size_t i, int status, const char *message, void *ctx)
{
    (void)message; /* a scenario that ran prints its own error line */
    batch *b = ctx;
    if (status == 130)
        sim_eprintf("%s: interrupted", b->it[i].path);
    else if (status > 128)
        sim_eprintf("%s: its worker process was killed by signal %d", b->it[i].path, status - 128);
    b->it[i].status = status;
    progress_update(&b->bar, ++b->done);
}

static int wanted(size_t i, void *ctx)
{
    const batch *b = ctx;
    return b->it[i].s && !b->it[i].complete;
}

/* Every folder the batch would replace is one a batch wrote (or absent):
 * checked before anything runs, so that nothing runs in vain. */
static int check_folders(const batch *b, sim_err *err)
{
    for (size_t i = 0; i < b->n; i++) {
        if (!wanted(i, (void *)b))
            continue;
        char *final = out_join(b->opt->outdir, b->it[i].name);
        int rc = out_check_replace(final, "run", err);
        free(final);
        if (rc)
            return rc;
    }
    return 0;
}

static int run_all(batch *b, sim_err *err)
{
    const batch_options *o = b->opt;
    for (size_t i = 0; i < b->n; i++) {
        b->it[i].complete = o->resume && b->it[i].s && already_complete(b, &b->it[i]);
        b->total += wanted(i, b);
    }
    int rc = check_folders(b, err);
    if (rc)
        return rc;
    int jobs = o->jobs > 0 ? o->jobs : pool_default_jobs();
    /* One scenario to run: give its replications the workers instead. */
    b->inner_jobs = b->total == 1 ? jobs : 1;
    /* The earlier batch.csv stays until the new one replaces it whole. */
    progress_start(&b->bar, "scenarios", b->total, o->quiet, o->progress);
    rc = pool_run(b->n, b->total == 1 ? 1 : jobs, unit_run, unit_done, wanted, b);
    out_remove_temporaries(o->outdir); /* of a worker that died */
    if (rc == POOL_INTERRUPTED) {
        return sim_errorf(err, SIM_EINTERRUPTED, NULL, 0,
                          "interrupted: %zu of %zu scenarios complete; continue with --resume", b->done,
                          b->total);
    }
    return 0;
}

/* ---- batch.csv ---- */

/* The union of the scenarios' summary columns. Targets differ between
 * scenarios (days_to_50k, days_to_1M, ...): a column new to the union goes
 * right after the union's copy of the column before it, so each scenario's
 * order (targets ascending) is kept. */
typedef struct columns {
    char **name;
    size_t n;
} columns;

static void merge_header(columns *c, const csvin_row *h)
{
    long after = -1;
    for (size_t j = 0; j < h->n; j++) {
        long at = csvin_find((const char *const *)c->name, c->n, h->field[j]);
        if (at < 0) {
            at = after + 1;
            c->name = sim_xrealloc(c->name, (c->n + 1) * sizeof *c->name);
            memmove(c->name + at + 1, c->name + at, (c->n - (size_t)at) * sizeof *c->name);
            c->name[at] = sim_xstrdup(h->field[j]);
            c->n++;
        }
        after = at;
    }
}

static char *summary_path(const batch *b, const batch_item *it)
{
    char *dir = out_join(b->opt->outdir, it->name), *path = out_join(dir, "summary.csv");
    free(dir);
    return path;
}

static int ran(const batch_item *it)
{
    return it->complete || it->status == 0;
}

static int read_header(const char *path, columns *c, sim_err *err)
{
    csvin *in;
    csvin_row row;
    int rc = csvin_open(&in, path, err);
    if (!rc && (rc = csvin_next(in, &row, err)) == 1) {
        merge_header(c, &row);
        rc = 0;
    } else if (!rc) {
        rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "is empty");
    }
    csvin_close(in);
    return rc;
}

/* The scenario's rows in the union's columns; "NA" where it has no such column. */
static int copy_rows(FILE *f, const char *path, const char *name, const columns *c, sim_err *err)
{
    csvin *in;
    csvin_row row;
    long *src = sim_xmalloc((c->n + 1) * sizeof *src);
    int rc = csvin_open(&in, path, err), line = 0;
    while (!rc && (rc = csvin_next(in, &row, err)) == 1) {
        rc = 0;
        if (line++ == 0) {
            for (size_t j = 0; j < c->n; j++)
                src[j] = csvin_find(row.field, row.n, c->name[j]);
            continue;
        }
        csvtext_field(f, name); /* a file name: "=1+1.ini" is a batch's scenario "=1+1" */
        for (size_t j = 0; j < c->n; j++) {
            fputc(',', f);
            out_csv_field(f, src[j] < 0 ? "NA" : row.field[src[j]]);
        }
        fputc('\n', f);
    }
    csvin_close(in);
    free(src);
    return rc < 0 ? rc : 0;
}

static int write_table(const batch *b, sim_err *err)
{
    columns c = {0};
    int rc = 0;
    for (size_t i = 0; i < b->n && !rc; i++)
        if (ran(&b->it[i])) {
            char *path = summary_path(b, &b->it[i]);
            rc = read_header(path, &c, err);
            free(path);
        }
    out_file out = {0};
    if (!rc)
        rc = out_open(&out, b->opt->outdir, "batch.csv", err);
    if (!rc) {
        fputs(BATCH_SCENARIO_COLUMN, out.f);
        for (size_t j = 0; j < c.n; j++) {
            fputc(',', out.f);
            out_csv_field(out.f, c.name[j]);
        }
        fputc('\n', out.f);
    }
    for (size_t i = 0; i < b->n && !rc; i++)
        if (ran(&b->it[i])) {
            char *path = summary_path(b, &b->it[i]);
            rc = copy_rows(out.f, path, b->it[i].name, &c, err);
            free(path);
        }
    for (size_t j = 0; j < c.n; j++)
        free(c.name[j]);
    free(c.name);
    if (!rc && *pool_interrupt_flag()) /* the caller catches interrupts */
        rc = sim_errorf(err, SIM_EINTERRUPTED, NULL, 0, "interrupted: batch.csv is not written "
                        "(the earlier one stays); continue with --resume");
    if (rc) {
        if (out.f)
            out_abort_all(&out, 1);
        return rc;
    }
    return out_commit_all(&out, 1, err); /* a stop asked for from here on comes too late */
}

/* ---- the end ---- */

/* Append "N scenario(s) WHAT: a, b" for the failed scenarios that had bad input
 * (status 2) or not (any other failure); returns N. */
static size_t list_failures(const batch *b, int bad_input, const char *what, char *out, size_t cap)
{
    char names[700] = "";
    size_t used = 0, n = 0;
    for (size_t i = 0; i < b->n; i++) {
        int st = b->it[i].status;
        if (st == 0 || st == NOT_RUN || (st == 2) != bad_input)
            continue;
        if (used < sizeof names - 16)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", n ? ", " : "", b->it[i].path);
        n++;
    }
    size_t len = strlen(out);
    if (n)
        snprintf(out + len, cap - len, "%s%zu scenario%s %s: %s", len ? "; " : "", n, n > 1 ? "s" : "",
                 what, names);
    return n;
}

/* Exit 2 when some scenario had bad input, else 1 when some failed otherwise
 * (at run time, killed, interrupted); the message names them all. */
static int name_failures(const batch *b, sim_err *err)
{
    char list[900] = "";
    size_t bad = list_failures(b, 1, "had bad input", list, sizeof list);
    size_t failed = list_failures(b, 0, "failed", list, sizeof list);
    if (!bad && !failed)
        return 0;
    return sim_errorf(err, bad ? SIM_EINPUT : SIM_ERUNTIME, NULL, 0, "%s", list);
}

static size_t count_ran(const batch *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += (size_t)ran(&b->it[i]);
    return n;
}

static int any_valid(const batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->it[i].s)
            return 1;
    return 0;
}

static void batch_free(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        scn_destroy(b->it[i].s);
        free(b->it[i].path);
        free(b->it[i].name);
    }
    free(b->it);
}

int batch_run(const batch_options *opt, sim_err *err)
{
    static const char *const owned[] = {"batch.csv", NULL};
    batch b = {.opt = opt};
    out_lock lock = {.fd = -1};
    int rc = collect(&b, err);
    if (!rc) {
        load_all(&b);
        rc = check_sets(&b, err);
    }
    if (!rc) {
        resolve_all(&b);
        if (any_valid(&b)) /* else nothing runs: no folder to claim */
            rc = out_claim(&lock, opt->outdir, "batch", owned, err);
    }
    if (!rc && any_valid(&b))
        rc = run_all(&b, err);
    size_t n_ran = rc ? 0 : count_ran(&b);
    pool_catch_interrupts();
    if (!rc && n_ran)
        rc = write_table(&b, err);
    pool_release_interrupts();
    if (!rc && n_ran && !opt->quiet)
        printf("sesim: wrote %s/batch.csv (%zu of %zu scenarios)\n", opt->outdir, n_ran, b.n);
    if (!rc)
        rc = name_failures(&b, err);
    out_unclaim(&lock, count_ran(&b) == 0);
    batch_free(&b);
    return rc;
}
