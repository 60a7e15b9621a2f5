/* test_output.c: output folders sesim owns (io/output.h): the mark and its
 * lock, what a claim refuses, temporaries, removal that never follows a
 * symbolic link, folders swapped in only over a marked one, and a set of files
 * that replaces the earlier set whole (a file of the earlier set the new one
 * lacks goes with it). */
#define _DEFAULT_SOURCE /* mkdtemp, symlink */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/output.h"
#include "suite.h"

static char root[64];

static void make_root(void)
{
    snprintf(root, sizeof root, "/tmp/sesim-output-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(root) != NULL);
}

static char *at(const char *name) { return out_join(root, name); }

static void put(const char *name, const char *text)
{
    char *p = at(name);
    FILE *f = fopen(p, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
    free(p);
}

static int exists(const char *name)
{
    char *p = at(name);
    struct stat st;
    int ok = lstat(p, &st) == 0;
    free(p);
    return ok;
}

static char *slurp(const char *name)
{
    char *p = at(name), *text = out_read_file(p, 4096, NULL);
    free(p);
    return text;
}

/* How many entries of root have a temporary's name. */
static int temporaries(void)
{
    DIR *d = opendir(root);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += !strncmp(e->d_name, OUT_TEMP_PREFIX, strlen(OUT_TEMP_PREFIX));
    if (d)
        closedir(d);
    return n;
}

static const char *const run_owned[] = {"summary.csv", NULL};

static void test_claim_marks_and_locks(void)
{
    make_root();
    char *dir = at("run");
    out_lock a, b;
    sim_err err;
    CU_ASSERT_EQUAL_FATAL(out_claim(&a, dir, "run", run_owned, &err), 0);
    char *mark = slurp("run/.sesim");
    CU_ASSERT_STRING_EQUAL(mark, "sesim run\n");
    free(mark);
    /* a second claim while the first holds it: refused, the mark stays */
    CU_ASSERT_EQUAL(out_claim(&b, dir, "run", run_owned, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "another sesim is using this folder"));
    CU_ASSERT_EQUAL(out_mark_write(&a, "data 0123456789abcdef /x.csv\n", &err), 0);
    out_unclaim(&a, 0);
    mark = slurp("run/.sesim");
    CU_ASSERT_STRING_EQUAL(mark, "sesim run\ndata 0123456789abcdef /x.csv\n");
    free(mark);
    /* released: claimed again; another kind is refused */
    CU_ASSERT_EQUAL(out_claim(&b, dir, "run", run_owned, &err), 0);
    out_unclaim(&b, 0);
    CU_ASSERT_EQUAL(out_claim(&b, dir, "sweep", NULL, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "holds a sesim run, not a sweep"));
    free(dir);
    out_remove_tree(root);
}

static void test_claim_refuses(void)
{
    make_root();
    out_lock l;
    sim_err err;
    /* an unmarked folder with a file the run would replace */
    put("summary.csv", "mine\n");
    CU_ASSERT_EQUAL(out_claim(&l, root, "run", run_owned, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "summary.csv: exists and was not written by sesim"));
    CU_ASSERT_FALSE(exists(".sesim"));
    /* an empty path, a file */
    CU_ASSERT_EQUAL(out_claim(&l, "", "run", run_owned, &err), SIM_EINPUT);
    char *file = at("summary.csv");
    CU_ASSERT_EQUAL(out_claim(&l, file, "run", run_owned, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "exists and is not a folder"));
    free(file);
    /* a claim that wrote nothing takes its fresh mark away again */
    char *fresh = at("fresh");
    CU_ASSERT_EQUAL_FATAL(out_claim(&l, fresh, "run", run_owned, &err), 0);
    out_unclaim(&l, 1);
    CU_ASSERT_FALSE(exists("fresh/.sesim"));
    free(fresh);
    out_remove_tree(root);
}

static void test_temporaries_and_removal(void)
{
    make_root();
    sim_err err;
    char *outside = at("outside"), *dir = at("dir");
    CU_ASSERT_FATAL(mkdir(outside, 0777) == 0 && mkdir(dir, 0777) == 0);
    put("outside/keep", "precious\n");
    char *tmp = out_temp_dir(dir, "run", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    CU_ASSERT_PTR_NOT_NULL(strstr(tmp, "/.sesim-run-"));
    /* links inside a temporary, and a temporary that is a link: unlinked, not followed */
    char *in = out_join(tmp, "link"), *top = out_join(dir, ".sesim-run-zzzzzz");
    CU_ASSERT_FATAL(symlink(outside, in) == 0 && symlink(outside, top) == 0);
    put("dir/.notes.tmp-1", "user\n"); /* not a name of sesim's */
    out_remove_temporaries(dir);
    CU_ASSERT_FALSE(exists(tmp + strlen(root) + 1));
    CU_ASSERT_FALSE(exists("dir/.sesim-run-zzzzzz"));
    CU_ASSERT_TRUE(exists("dir/.notes.tmp-1"));
    char *keep = slurp("outside/keep");
    CU_ASSERT_STRING_EQUAL(keep, "precious\n");
    free(keep);
    /* removing a link given as the path removes the link */
    char *link = at("link");
    CU_ASSERT_FATAL(symlink(outside, link) == 0);
    out_remove_tree(link);
    CU_ASSERT_FALSE(exists("link"));
    CU_ASSERT_TRUE(exists("outside/keep"));
    free(link);
    free(in);
    free(top);
    free(tmp);
    free(dir);
    free(outside);
    out_remove_tree(root);
}

static void test_swap_in(void)
{
    make_root();
    sim_err err;
    out_lock l;
    char *final = at("final"), *user = at("user");
    /* over nothing, then over a marked folder */
    for (int round = 0; round < 2; round++) {
        char *tmp = out_temp_dir(root, "run", &err);
        CU_ASSERT_EQUAL_FATAL(out_claim(&l, tmp, "run", NULL, &err), 0);
        out_unclaim(&l, 0);
        char *f = out_join(tmp, "summary.csv");
        FILE *fp = fopen(f, "w");
        fprintf(fp, "round %d\n", round);
        fclose(fp);
        CU_ASSERT_EQUAL(out_swap_in(tmp, final, "run", &err), 0);
        free(f);
        free(tmp);
    }
    char *text = slurp("final/summary.csv");
    CU_ASSERT_STRING_EQUAL(text, "round 1\n");
    free(text);
    /* over a folder without the mark: refused, both as they were */
    CU_ASSERT_FATAL(mkdir(user, 0777) == 0);
    put("user/notes.txt", "mine\n");
    CU_ASSERT_EQUAL(out_swap_in(final, user, "run", &err), SIM_EINPUT);
    CU_ASSERT_TRUE(exists("user/notes.txt"));
    CU_ASSERT_TRUE(exists("final/summary.csv"));
    free(final);
    free(user);
    out_remove_tree(root);
}

static void test_commit_set(void)
{
    make_root();
    sim_err err;
    put("a.csv", "old a\n");
    put("b.csv", "old b\n");
    out_file f[1] = {{0}};
    CU_ASSERT_EQUAL_FATAL(out_open(&f[0], root, "a.csv", &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(f[0].tmp, "/.sesim-a.csv-"));
    fputs("new a\n", f[0].f);
    const char *drop[] = {"b.csv", "c.csv", NULL}; /* c.csv: not there, nothing to do */
    CU_ASSERT_EQUAL(out_commit_set(f, 1, drop, &err), 0);
    char *a = slurp("a.csv");
    CU_ASSERT_STRING_EQUAL(a, "new a\n");
    free(a);
    CU_ASSERT_FALSE(exists("b.csv"));
    CU_ASSERT_EQUAL(temporaries(), 0); /* nor the earlier files kept meanwhile */
    out_remove_tree(root);
}

TEST_SUITE(output, {"claim marks and locks", test_claim_marks_and_locks},
           {"claim refuses", test_claim_refuses},
           {"temporaries and removal", test_temporaries_and_removal}, {"swap in", test_swap_in},
           {"commit set", test_commit_set})
