/* test_datadir.c: where the data files are found (sim/io/datadir.c): the order
 * of the folders looked in, relative to the test binary itself, and the first
 * one holding the marker winning. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/datadir.h"
#include "suite.h"

/* The folder of this executable and the one above it. */
static void exe_folders(char *bin, char *parent)
{
    ssize_t n = readlink("/proc/self/exe", bin, PATH_MAX - 1);
    CU_ASSERT_FATAL(n > 0);
    bin[n] = 0;
    *strrchr(bin, '/') = 0;
    strcpy(parent, bin);
    *strrchr(parent, '/') = 0;
}

/* Nothing found: the folders looked in, in order, the compiled-in one last. */
static void test_order_when_missing(void)
{
    char bin[PATH_MAX], parent[PATH_MAX], looked[4 * PATH_MAX], want[4 * PATH_MAX];
    exe_folders(bin, parent);
    CU_ASSERT_PTR_NULL(datadir_find("no-such-folder", "no-such-marker", looked, sizeof looked));
    snprintf(want, sizeof want, "%s/no-such-folder, %s/no-such-folder, %s/share/sesim, ", bin,
             parent, parent);
    CU_ASSERT_NSTRING_EQUAL(looked, want, strlen(want));
    CU_ASSERT(strlen(looked) > strlen(want)); /* then the compiled-in folder */
    char small[8];
    CU_ASSERT_PTR_NULL(datadir_find("no-such-folder", "no-such-marker", small, sizeof small));
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1); /* cut short, terminated */
}

/* The marker in BIN/SOURCE (SOURCE here leads from the binary's folder to a
 * temporary folder): that folder is returned. */
static void test_found_beside_executable(void)
{
    char bin[PATH_MAX], parent[PATH_MAX], looked[4 * PATH_MAX];
    exe_folders(bin, parent);
    char tmp[] = "/tmp/sesim-datadir.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmp));
    char marker[PATH_MAX + 16], source[4 * PATH_MAX] = "";
    snprintf(marker, sizeof marker, "%s/mark.gp", tmp);
    FILE *f = fopen(marker, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    for (const char *p = bin; *p; p++) /* one ".." per folder of bin */
        if (*p == '/')
            strcat(source, "../");
    strcat(source, tmp + 1);
    char *dir = datadir_find(source, "mark.gp", looked, sizeof looked);
    CU_ASSERT_PTR_NOT_NULL(dir);
    if (dir) {
        char want[8 * PATH_MAX];
        snprintf(want, sizeof want, "%s/%s", bin, source);
        CU_ASSERT_STRING_EQUAL(dir, want);
        CU_ASSERT_STRING_EQUAL(looked, ""); /* the first place held it */
    }
    free(dir);
    remove(marker);
    rmdir(tmp);
}

TEST_SUITE(datadir,
           {"folders looked in, in order", test_order_when_missing},
           {"found beside the executable", test_found_beside_executable})
