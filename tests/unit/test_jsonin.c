/* test_jsonin.c: JSON input (sim/core/jsonin.c): every object and array gets
 * the line on which it starts (keys in document order, brackets inside strings
 * skipped); syntax errors name LINE:COLUMN; counts accept 200.0 but not 2.5,
 * -1 or "5"; one record of a larger file keeps its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/jsonin.h"
#include "suite.h"

static char path[64];

static void write_file(const char *text)
{
    snprintf(path, sizeof path, "/tmp/sesim-jsonin-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void test_lines(void)
{
    write_file("\xEF\xBB\xBF{\"z\": \"{[\\\"{\",\n"
               " \"b\": [\n"
               "  {\"x\": 1},\n"
               "  {\"y\": [2,\n"
               "   3]}\n"
               " ],\n"
               " \"a\": {}\n"
               "}\n");
    jsonin *in;
    sim_err err;
    CU_ASSERT_FATAL(jsonin_load(&in, path, &err) == 0);
    const json_t *root = jsonin_root(in), *b = json_object_get(root, "b");
    CU_ASSERT_EQUAL(jsonin_line(in, root), 1);
    CU_ASSERT_EQUAL(jsonin_line(in, b), 2);
    CU_ASSERT_EQUAL(jsonin_line(in, json_array_get(b, 0)), 3);
    CU_ASSERT_EQUAL(jsonin_line(in, json_array_get(b, 1)), 4);
    CU_ASSERT_EQUAL(jsonin_line(in, json_object_get(json_array_get(b, 1), "y")), 4);
    CU_ASSERT_EQUAL(jsonin_line(in, json_object_get(root, "a")), 7);
    CU_ASSERT_EQUAL(jsonin_line(in, json_object_get(root, "z")), 0); /* a string */
    jsonin_close(in);
    unlink(path);
}

static void test_syntax_error(void)
{
    write_file("{\n  \"a\": 1,\n  \"b\": tru\n}\n");
    jsonin *in;
    sim_err err;
    CU_ASSERT_EQUAL(jsonin_load(&in, path, &err), SIM_EINPUT);
    char want[128];
    snprintf(want, sizeof want, "%s:3:", path);
    CU_ASSERT_EQUAL(strncmp(err.msg, want, strlen(want)), 0);
    CU_ASSERT_PTR_NULL(strchr(err.msg, '\n'));
    unlink(path);
    CU_ASSERT_EQUAL(jsonin_load(&in, "/nonexistent/x.json", &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "/nonexistent/x.json: cannot open: No such file or directory");
}

static void test_count(void)
{
    json_t *o;
    sim_err err;
    const char *t = "{\"f\": 200.0, \"i\": 7, \"h\": 2.5, \"n\": -1, \"s\": \"5\", \"big\": 1e300}";
    CU_ASSERT_FATAL(jsonin_parse_line(&o, "ev.json", 12, t, strlen(t), &err) == 0);
    int64_t v = 0;
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "f", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 200);
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "i", &v, &err), 0);
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "absent", &v, &err), 1);
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "h", &v, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "ev.json:12: h 2.5 is not a whole number");
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "n", &v, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "ev.json:12: n -1 is negative");
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "s", &v, &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "ev.json:12: s is a string (expected a number)");
    CU_ASSERT_EQUAL(jsonin_count("ev.json", 12, o, "big", &v, &err), SIM_EINPUT);
    json_decref(o);
    /* a record's syntax error: its own line, jansson's column */
    CU_ASSERT_EQUAL(jsonin_parse_line(&o, "ev.json", 40, "{\"a\": }", 7, &err), SIM_EINPUT);
    CU_ASSERT_EQUAL(strncmp(err.msg, "ev.json:40:7: ", 14), 0);
}

static void test_time(void)
{
    json_t *o;
    sim_err err;
    const char *t = "{\"a\": \"2024-09-29T22:10:00+00:00\", \"b\": \"2016-01-27T14:59:38.237Z\","
                    " \"c\": \"yesterday\\n\"}";
    CU_ASSERT_FATAL(jsonin_parse_line(&o, "f", 1, t, strlen(t), &err) == 0);
    int64_t ms;
    CU_ASSERT_EQUAL(jsonin_time("f", 1, o, "a", &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 1727647800000LL);
    CU_ASSERT_EQUAL(jsonin_time("f", 1, o, "b", &ms, &err), 0);
    CU_ASSERT_EQUAL(ms, 1453906778237LL);
    CU_ASSERT_EQUAL(jsonin_time("f", 1, o, "c", &ms, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NULL(strchr(err.msg, '\n'));
    json_decref(o);
}

TEST_SUITE(jsonin,
           {"lines of containers", test_lines},
           {"syntax errors", test_syntax_error},
           {"counts", test_count},
           {"times", test_time})
