/* test_sweep_def.c: what tells sweeps apart: the data files' lines folded
 * into the fingerprint (sorted, each once), and a fingerprint that does not
 * move for a sweep without data files. */
#include <stdlib.h>
#include <string.h>

#include "study/sweep_def.h"
#include "suite.h"

static void test_unique_lines(void)
{
    char a[] = "data 2 /b.csv\ndata 1 /a.csv\n", b[] = "data 1 /a.csv\n", c[] = "";
    char *texts[] = {a, b, c, b};
    char *all = sweep_unique_lines(texts, 4);
    CU_ASSERT_STRING_EQUAL(all, "data 1 /a.csv\ndata 2 /b.csv\n");
    free(all);
    char *none = sweep_unique_lines(texts + 2, 1);
    CU_ASSERT_STRING_EQUAL(none, "");
    free(none);
}

static void test_fingerprint_inputs(void)
{
    sim_err err;
    scenario *s = scn_open(NULL, NULL, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    sweep_axis axis = {0};
    CU_ASSERT_EQUAL_FATAL(sweep_parse_axis("policy.ramp_factor=1.5,2", &axis, &err), 0);
    sweep_def d = {.axes = &axis, .n_axes = 1, .n_points = 2, .reps = 1};
    uint64_t plain = sweep_fingerprint(s, &d, NULL);
    CU_ASSERT_EQUAL(sweep_fingerprint(s, &d, ""), plain);
    uint64_t with = sweep_fingerprint(s, &d, "data 0000000000000001 /a.csv\n");
    CU_ASSERT_NOT_EQUAL(with, plain);
    CU_ASSERT_NOT_EQUAL(sweep_fingerprint(s, &d, "data 0000000000000002 /a.csv\n"), with);
    sweep_free_axis(&axis);
    scn_destroy(s);
}

TEST_SUITE(sweep_def, {"unique lines", test_unique_lines}, {"fingerprint and data files", test_fingerprint_inputs})
