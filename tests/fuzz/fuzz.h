/* fuzz.h: what every fuzz target of tests/fuzz shares.
 *
 * A target defines LLVMFuzzerTestOneInput (libFuzzer's entry point). Built
 * with -fsanitize=fuzzer, libFuzzer supplies main(); built with -DAFL_MAIN
 * (AFL++, or any compiler to replay a crash), the main() below reads one
 * input from the file named on the command line, or from stdin, and runs it
 * once (with AFL++'s persistent loop when afl-clang-fast provides it). */
#ifndef SESIM_FUZZ_H
#define SESIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (inputs are not: libFuzzer hands out
 * exactly `size` bytes, so reading one past them is a real overflow). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = 0;
    return s;
}

/* Write the input to a file of its own (the CSV readers take a path) and
 * return its name; one file per process, rewritten for each input. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[256];
    const char *dir = getenv("FUZZ_TMPDIR");
    if (!dir)
        dir = getenv("TMPDIR");
    if (!dir)
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/sesim-fuzz-%ld%s", dir, (long)getpid(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

#ifdef AFL_MAIN
#ifndef __AFL_FUZZ_TESTCASE_LEN
/* Not under afl-clang-fast: read the whole file once. */
static uint8_t *fuzz_read(FILE *f, size_t *n)
{
    size_t cap = 1 << 16;
    uint8_t *buf = malloc(cap);
    *n = 0;
    for (size_t got; buf && (got = fread(buf + *n, 1, cap - *n, f)) > 0;) {
        *n += got;
        if (*n == cap)
            buf = realloc(buf, cap *= 2);
    }
    if (!buf)
        abort();
    return buf;
}

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc || (i == 1 && argc == 1); i++) {
        FILE *f = argc > 1 ? fopen(argv[i], "rb") : stdin;
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t n;
        uint8_t *buf = fuzz_read(f, &n);
        if (f != stdin)
            fclose(f);
        rc |= LLVMFuzzerTestOneInput(buf, n);
        free(buf);
    }
    return rc;
}
#else
__AFL_FUZZ_INIT();
int main(void)
{
    __AFL_INIT();
    const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(10000))
        LLVMFuzzerTestOneInput(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
    return 0;
}
#endif
#endif

#endif
