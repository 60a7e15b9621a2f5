/* fuzz_scenario.c: the scenario reader (sim/scenario*.c).
 *
 * The input is scenario text, optionally followed by a line "--" and --set
 * assignments, one a line ("+KEY=VALUE": an --add). It is loaded
 * (scn_load_string), the assignments applied (scn_set, scn_add) and the whole
 * resolved (scn_resolve). An error must be SIM_EINPUT with one line
 * "fuzz.ini:LINE: ...", "--set ...: ..." or "--add ...: ...". A
 * scenario that resolves is printed (scn_print, as DIR/scenario.ini) and
 * must read back and resolve to the identical text; the annotated print of
 * `sesim check` must read back to the same sections too (its notes line
 * becomes part of the header comment). */
#include "fuzz.h"
#include "scenario/scenario.h"

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_scenario: %s\n---\n%s\n---\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n'), "an error message of several lines", err->msg);
    check(!strncmp(err->msg, "fuzz.ini", 8) || !strncmp(err->msg, "--set", 5) ||
              !strncmp(err->msg, "--add", 5) || !strncmp(err->msg, "round.ini", 9),
          "an error message without its location", err->msg);
}

/* The resolved scenario as text (annotated as by `sesim check`, or not). */
static char *print(const scenario *s, int annotate)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f)
        abort();
    check(scn_print(s, f, annotate) == 0, "scn_print failed", NULL);
    fclose(f);
    return text;
}

/* Read text back as a file named round.ini; returns its plain print. */
static char *reread(const char *text, const char *what)
{
    scenario *s = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(s, text, "round.ini", "/tmp", &err);
    if (!rc)
        rc = scn_resolve(s, &err);
    if (rc) {
        fprintf(stderr, "fuzz_scenario: %s does not read back: %s\n", what, err.msg);
        check(0, "round trip", text);
    }
    char *again = print(s, 0);
    scn_destroy(s);
    return again;
}

static void run(char *text, char *sets)
{
    scenario *s = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(s, text, "fuzz.ini", "/tmp", &err);
    for (char *line = sets, *next; line && !rc; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        rc = line[0] == '+' ? scn_add(s, line + 1, &err) : scn_set(s, line, &err);
    }
    if (!rc)
        rc = scn_resolve(s, &err);
    if (rc) {
        check_error(rc, &err);
        scn_destroy(s);
        return;
    }
    char *plain = print(s, 0), *annotated = print(s, 1);
    scn_destroy(s);
    char *back = reread(plain, "the resolved scenario");
    check(!strcmp(plain, back), "the resolved scenario prints differently when read back", back);
    char *from_check = reread(annotated, "the output of sesim check");
    /* check's notes line reads back as part of the header: compare the sections */
    check(!strcmp(strstr(plain, "\n[sim]"), strstr(from_check, "\n[sim]")),
          "sesim check's output reads back differently", from_check);
    free(plain);
    free(annotated);
    free(back);
    free(from_check);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char *sets = strstr(text, "\n--\n");
    if (sets) {
        *sets = 0;
        sets += 4;
    }
    run(text, sets);
    free(text);
    return 0;
}
