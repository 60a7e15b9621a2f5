/* sweep_def.c: what a sweep is: its axes (--vary specs), the value of each axis
 * at each point, the fingerprint that tells sweeps apart, and sweep.ini. */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "core/config.h"
#include "io/output.h"
#include "sweep_def.h"

/* ---- specs ---- */

/* Split "12.5k" into 12500 and "", "5%" into 5 and "%", "30h" into 30 and "h". */
static int split_unit(const char *t, double *v, char *unit, size_t n)
{
    char *end;
    *v = strtod(t, &end);
    if (end == t || !isfinite(*v))
        return -1;
    double mult = 1;
    if (!strcmp(end, "k") || !strcmp(end, "K")) mult = 1e3;
    else if (!strcmp(end, "M")) mult = 1e6;
    else if (!strcmp(end, "G")) mult = 1e9;
    if (mult != 1) {
        *v *= mult;
        end += 1;
    }
    if (strlen(end) >= n)
        return -1;
    strcpy(unit, end);
    return 0;
}

/* A range of a count (10k:1M:5:log) is rounded to whole messages: counts
 * are whole numbers. */
static int parse_range(const char *spec, sweep_axis *a, int whole, sim_err *err)
{
    char lo_t[64], hi_t[64], scale[8] = "";
    int n = 0, used = 0;
    if (sscanf(spec, "%63[^:]:%63[^:]:%d%n", lo_t, hi_t, &n, &used) < 3 ||
        (spec[used] && sscanf(spec + used, ":%7s", scale) != 1) ||
        (*scale && strcmp(scale, "log")))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' is not lo:hi:n or lo:hi:n:log", spec);
    double lo, hi;
    char ulo[16], uhi[16];
    if (split_unit(lo_t, &lo, ulo, sizeof ulo) || split_unit(hi_t, &hi, uhi, sizeof uhi))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': the ends must be numbers", spec);
    if (strcmp(ulo, uhi))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': use the same unit at both ends", spec);
    if (n < 1 || n > SWEEP_MAX_AXIS_VALUES)
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': n must be between 1 and %d", spec,
                          SWEEP_MAX_AXIS_VALUES);
    int geometric = *scale != 0;
    if (geometric && (lo <= 0 || hi <= 0))
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s': a log range needs positive ends", spec);
    a->values = sim_xcalloc((size_t)n, sizeof *a->values);
    for (int i = 0; i < n; i++) {
        double f = n == 1 ? 0 : (double)i / (n - 1);
        double v = geometric ? lo * pow(hi / lo, f) : lo + (hi - lo) * f;
        if (whole)
            v = round(v);
        char text[64];
        snprintf(text, sizeof text, "%.10g%s", v, ulo);
        a->values[a->n++] = sim_xstrdup(text);
    }
    return 0;
}

static int parse_list(const char *spec, sweep_axis *a, sim_err *err)
{
    size_t cap = 1;
    for (const char *p = spec; *p; p++)
        cap += *p == ',';
    a->values = sim_xcalloc(cap, sizeof *a->values);
    for (const char *p = spec;;) { /* split at every comma: an empty item is an error */
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && isspace((unsigned char)*p))
            p++, len--;
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        if (!len)
            return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' has an empty value", spec);
        char *v = sim_xmalloc(len + 1);
        memcpy(v, p, len);
        v[len] = 0;
        a->values[a->n++] = v;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int sweep_parse_axis(const char *arg, sweep_axis *a, sim_err *err)
{
    *a = (sweep_axis){0};
    if (sim_check_argument("--vary", arg, err))
        return SIM_EINPUT;
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return sim_errorf(err, SIM_EINPUT, "--vary", 0, "'%s' is not KEY=SPEC", arg);
    a->key = sim_xmalloc((size_t)(eq - arg) + 1);
    memcpy(a->key, arg, (size_t)(eq - arg));
    a->key[eq - arg] = 0;
    return strchr(eq + 1, ':') ? parse_range(eq + 1, a, scn_key_is_count(a->key), err)
                               : parse_list(eq + 1, a, err);
}

void sweep_free_axis(sweep_axis *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->values[i]);
    free(a->values);
    free(a->key);
    *a = (sweep_axis){0};
}

const char *sweep_value(const sweep_def *d, size_t point, size_t axis)
{
    size_t stride = 1;
    for (size_t k = d->n_axes; k-- > axis + 1;)
        stride *= d->axes[k].n;
    return d->axes[axis].values[(point / stride) % d->axes[axis].n];
}

uint64_t sweep_fingerprint(const scenario *base, const sweep_def *d, const char *inputs)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    scn_print(base, f, 0);
    for (size_t k = 0; k < d->n_axes; k++) {
        fprintf(f, "\nvary %s", d->axes[k].key);
        for (size_t i = 0; i < d->axes[k].n; i++)
            fprintf(f, "|%s", d->axes[k].values[i]);
    }
    fprintf(f, "\nreps %lld\n", (long long)d->reps);
    if (inputs && *inputs) /* none: the fingerprint of a sweep without data files is as before */
        fputs(inputs, f);
    fclose(f);
    uint64_t h = out_hash(OUT_HASH_INIT, text, len);
    free(text);
    return h;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *sweep_unique_lines(char *const *texts, size_t n)
{
    char **lines = NULL;
    size_t n_lines = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = texts[i]; p && *p;) {
            size_t len = strcspn(p, "\n");
            lines = sim_xrealloc(lines, (n_lines + 1) * sizeof *lines);
            lines[n_lines] = sim_xmalloc(len + 1);
            memcpy(lines[n_lines], p, len);
            lines[n_lines++][len] = 0;
            p += len + (p[len] == '\n');
        }
    if (n_lines) /* qsort wants a non-NULL array even for none */
        qsort(lines, n_lines, sizeof *lines, by_text);
    char *all = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&all, &len);
    for (size_t i = 0; i < n_lines; i++)
        if (!i || strcmp(lines[i], lines[i - 1]))
            fprintf(f, "%s\n", lines[i]);
    for (size_t i = 0; i < n_lines; i++)
        free(lines[i]);
    fclose(f);
    free(lines);
    return all;
}

static void add_option(sweep_def *d, const char *text)
{
    d->options = sim_xrealloc(d->options, (d->n_options + 1) * sizeof *d->options);
    d->options[d->n_options++] = sim_xstrdup(text);
}

void sweep_def_options(sweep_def *d, const scn_override *sets, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!strncmp(sets[i].assignment, "sim.reps=", 9))
            continue;
        char text[4096];
        snprintf(text, sizeof text, "%s %s", sets[i].add ? "--add" : "--set", sets[i].assignment);
        add_option(d, text);
    }
}

void sweep_free_def(sweep_def *d)
{
    for (size_t i = 0; i < d->n_options; i++)
        free(d->options[i]);
    free(d->options);
    for (size_t k = 0; k < d->n_axes; k++)
        sweep_free_axis(&d->axes[k]);
    free(d->axes);
    free(d->scenario_owned);
    *d = (sweep_def){0};
}

int sweep_write_def(const char *outdir, const sweep_def *d, sim_err *err)
{
    out_file f = {0};
    int rc = out_open(&f, outdir, "sweep.ini", err);
    if (rc)
        return rc;
    fprintf(f.f, "; sesim sweep: what was run. `sesim sweep --resume` and `sesim merge`\n"
                 "; compare the fingerprint to refuse mixing different sweeps.\n"
                 "[sweep]\nscenario = %s\nfingerprint = %016" PRIx64 "\nreps = %lld\npoints = %zu\n",
            d->scenario, d->fingerprint, (long long)d->reps, d->n_points);
    for (size_t i = 0; i < d->n_options; i++)
        fprintf(f.f, "option = %s\n", d->options[i]);
    for (size_t k = 0; k < d->n_axes; k++) {
        fprintf(f.f, "\n[axis.%zu]\nkey = %s\n", k + 1, d->axes[k].key);
        for (size_t i = 0; i < d->axes[k].n; i++)
            fprintf(f.f, "value = %s\n", d->axes[k].values[i]);
    }
    return out_commit_all(&f, 1, err);
}

static int on_def(void *user, const char *section, const char *key, const char *value)
{
    sweep_def *d = user;
    if (!strcmp(section, "sweep")) {
        if (!strcmp(key, "scenario"))
            d->scenario = d->scenario_owned = sim_xstrdup(value);
        else if (!strcmp(key, "fingerprint"))
            d->fingerprint = strtoull(value, NULL, 16);
        else if (!strcmp(key, "reps"))
            d->reps = strtoll(value, NULL, 10);
        else if (!strcmp(key, "points"))
            d->n_points = (size_t)strtoull(value, NULL, 10);
        else if (!strcmp(key, "option"))
            add_option(d, value);
        return 1;
    }
    if (strncmp(section, "axis.", 5))
        return 0;
    size_t k = (size_t)strtoul(section + 5, NULL, 10);
    if (k < 1 || k > 64)
        return 0;
    if (k > d->n_axes) {
        d->axes = sim_xrealloc(d->axes, k * sizeof *d->axes);
        memset(d->axes + d->n_axes, 0, (k - d->n_axes) * sizeof *d->axes);
        d->n_axes = k;
    }
    sweep_axis *a = &d->axes[k - 1];
    if (!strcmp(key, "key")) {
        free(a->key);
        a->key = sim_xstrdup(value);
    } else if (!strcmp(key, "value")) {
        a->values = sim_xrealloc(a->values, (a->n + 1) * sizeof *a->values);
        a->values[a->n++] = sim_xstrdup(value);
    }
    return 1;
}

int sweep_read_def(const char *dir, sweep_def *d, sim_err *err)
{
    size_t n = strlen(dir) + 16;
    char *path = sim_xmalloc(n);
    snprintf(path, n, "%s/sweep.ini", dir);
    *d = (sweep_def){0};
    int line = ini_parse(path, on_def, d);
    int rc = 0;
    if (line == -1)
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "not a sweep folder (no sweep.ini)");
    else if (line != 0 || !d->n_points || !d->fingerprint)
        rc = sim_errorf(err, SIM_EINPUT, path, line > 0 ? line : 0, "damaged sweep definition");
    free(path);
    return rc;
}
