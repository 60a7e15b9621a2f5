/* main.c: runs every registered CUnit suite and prints CUnit's run summary.
 * Exit status 0 when every assertion passed. `run_tests SUITE` runs one suite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "suite.h"

#define MAX_SUITES 128

static struct {
    const char *name;
    CU_TestInfo *tests;
} suites[MAX_SUITES];
static int n_suites;

void test_register(const char *name, CU_TestInfo *tests)
{
    if (n_suites == MAX_SUITES) {
        fprintf(stderr, "too many test suites\n");
        exit(2);
    }
    suites[n_suites].name = name;
    suites[n_suites++].tests = tests;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
    qsort(suites, (size_t)n_suites, sizeof suites[0], by_name);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (int i = 0; i < n_suites; i++) {
        if (argc > 1 && strcmp(argv[1], suites[i].name) != 0)
            continue;
        CU_pSuite s = CU_add_suite(suites[i].name, NULL, NULL);
        for (CU_TestInfo *t = suites[i].tests; s && t->pName; t++)
            CU_add_test(s, t->pName, t->pTestFunc);
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
