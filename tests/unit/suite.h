/* suite.h: how a test file adds its CUnit suite without touching main.c.
 *
 *   static void test_something(void) { CU_ASSERT_EQUAL(1 + 1, 2); }
 *   TEST_SUITE(heap, {"something", test_something})
 *
 * Each file's suite registers itself before main() runs (a constructor);
 * main.c adds them to CUnit sorted by name, so the order is stable. */
#ifndef SESIM_TEST_SUITE_H
#define SESIM_TEST_SUITE_H

#include <CUnit/CUnit.h>

void test_register(const char *name, CU_TestInfo *tests);

#define TEST_SUITE(NAME, ...)                                                   \
    static CU_TestInfo NAME##_tests[] = {__VA_ARGS__, CU_TEST_INFO_NULL};       \
    __attribute__((constructor)) static void NAME##_register(void)              \
    {                                                                           \
        test_register(#NAME, NAME##_tests);                                     \
    }

/* What fn wrote to a FILE, as a malloc'd string (writers of text: escaping,
 * quoting). */
#include <stdio.h>
static inline char *test_captured(void (*fn)(FILE *, const char *), const char *arg)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    fn(f, arg);
    fclose(f);
    return s;
}

/* Doubles equal within an absolute tolerance, with the values in the message. */
#define ASSERT_NEAR(a, b, tol) CU_ASSERT_DOUBLE_EQUAL((a), (b), (tol))

#endif
