/* test_csvin.c: the streaming CSV reader: rows, fields and line numbers of good
 * files (LF, CRLF, BOM, quotes, blank lines, rows across chunk boundaries), and
 * the exact "FILE:LINE: message" of each malformed case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvin.h"
#include "suite.h"

static char path[64];

/* Write n bytes to a fresh temporary file; its name is in `path`. */
static void write_file(const char *bytes, size_t n)
{
    snprintf(path, sizeof path, "/tmp/sesim-csvin-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_FATAL(fwrite(bytes, 1, n, f) == n);
    fclose(f);
}

static csvin *open_text(const char *text)
{
    write_file(text, strlen(text));
    csvin *in = NULL;
    sim_err err;
    CU_ASSERT_FATAL(csvin_open(&in, path, &err) == 0);
    return in;
}

static void done(csvin *in)
{
    csvin_close(in);
    unlink(path);
}

/* The next row must be these fields (NULL-terminated list) on that line. */
static void expect_row(csvin *in, long line, const char *const *want)
{
    csvin_row row;
    sim_err err = {0};
    int rc = csvin_next(in, &row, &err);
    CU_ASSERT_EQUAL_FATAL(rc, 1);
    CU_ASSERT_EQUAL(row.line, line);
    size_t n = 0;
    while (want[n])
        n++;
    CU_ASSERT_EQUAL_FATAL(row.n, n);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_STRING_EQUAL(row.field[i], want[i]);
        CU_ASSERT_EQUAL(row.len[i], strlen(want[i]));
    }
}

static void expect_end(csvin *in)
{
    csvin_row row;
    sim_err err = {0};
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 0);
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 0); /* and stays there */
}

/* Reading must fail with exactly "PATH:LINE: msg" (line 0: "PATH: msg"). */
static void expect_error(csvin *in, long line, const char *msg)
{
    csvin_row row;
    sim_err err = {0};
    int rc;
    while ((rc = csvin_next(in, &row, &err)) == 1)
        ;
    CU_ASSERT_EQUAL(rc, SIM_EINPUT);
    char want[1200];
    if (line > 0)
        snprintf(want, sizeof want, "%s:%ld: %s", path, line, msg);
    else
        snprintf(want, sizeof want, "%s: %s", path, msg);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    if (strcmp(err.msg, want) != 0)
        fprintf(stderr, "\n  got:  %s\n  want: %s\n", err.msg, want);
    sim_err again = {0};
    CU_ASSERT_EQUAL(csvin_next(in, &row, &again), SIM_EINPUT); /* sticky */
    CU_ASSERT_STRING_EQUAL(again.msg, want);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_good_file(void)
{
    csvin *in = open_text("time,account,messages\n2026-01-05T00:00:00Z,main,10\n"
                          "2026-01-05T00:01:00Z,main,0\n");
    expect_row(in, 1, ROW("time", "account", "messages"));
    expect_row(in, 2, ROW("2026-01-05T00:00:00Z", "main", "10"));
    expect_row(in, 3, ROW("2026-01-05T00:01:00Z", "main", "0"));
    expect_end(in);
    done(in);
}

static void test_crlf_bom_no_final_newline(void)
{
    csvin *in = open_text("\xEF\xBB\xBFtime,account\r\na,b\r\n\r\nc,\r\n\"d\" ,e");
    expect_row(in, 1, ROW("time", "account"));
    expect_row(in, 2, ROW("a", "b"));
    expect_row(in, 4, ROW("c", ""));
    expect_row(in, 5, ROW("d", "e"));
    expect_end(in);
    done(in);
}

static void test_quotes(void)
{
    csvin *in = open_text("a,b,c\n"
                          "\"x, y\",\"say \"\"hi\"\"\",\"\"\n"
                          "\"two\nlines\",  padded  ,\" kept \"\n"
                          "last,row,here\n");
    expect_row(in, 1, ROW("a", "b", "c"));
    expect_row(in, 2, ROW("x, y", "say \"hi\"", ""));
    expect_row(in, 3, ROW("two\nlines", "padded", " kept "));
    expect_row(in, 5, ROW("last", "row", "here")); /* line 4 continued the quote */
    expect_end(in);
    done(in);
}

static void test_blank_lines_and_empty_file(void)
{
    csvin *in = open_text("\n  \n\r\nh\n\n\nv\n\n");
    expect_row(in, 4, ROW("h"));
    expect_row(in, 7, ROW("v"));
    expect_end(in);
    done(in);
    in = open_text("");
    expect_end(in);
    done(in);
}

/* Rows far past the first chunk, and rows cut by chunk boundaries, come out
 * whole and with the right line numbers. */
static void test_many_chunks(void)
{
    size_t rows = 3 * CSVIN_CHUNK / 20, cap = rows * 32 + 64, used = 0;
    char *text = malloc(cap);
    used += (size_t)snprintf(text, cap, "n,sq\n");
    for (size_t i = 0; i < rows; i++)
        used += (size_t)snprintf(text + used, cap - used, "%zu,\"%zu\"\r\n", i, i * i);
    write_file(text, used);
    free(text);
    csvin *in = NULL;
    sim_err err;
    CU_ASSERT_FATAL(csvin_open(&in, path, &err) == 0);
    csvin_row row;
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 1);
    size_t bad = 0;
    for (size_t i = 0; i < rows; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%zu", i);
        snprintf(b, sizeof b, "%zu", i * i);
        if (csvin_next(in, &row, &err) != 1 || row.n != 2 || strcmp(row.field[0], a) != 0 ||
            strcmp(row.field[1], b) != 0 || row.line != (long)i + 2)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    expect_end(in);
    done(in);
}

static void test_nul_byte(void)
{
    write_file("a,b\nc,d\ne,f\0g\n", 15);
    csvin *in = NULL;
    sim_err err;
    CU_ASSERT_FATAL(csvin_open(&in, path, &err) == 0);
    expect_row(in, 1, ROW("a", "b"));
    expect_row(in, 2, ROW("c", "d"));
    expect_error(in, 3, "NUL byte (is this a text CSV file?)");
    done(in);
}

static void test_long_field(void)
{
    char *text = malloc(CSVIN_MAX_FIELD + 64);
    strcpy(text, "a,b\nx,");
    size_t n = strlen(text);
    memset(text + n, 'y', CSVIN_MAX_FIELD);
    strcpy(text + n + CSVIN_MAX_FIELD, "\nx,");
    csvin *in = open_text(text); /* a field of exactly the limit is fine */
    expect_row(in, 1, ROW("a", "b"));
    csvin_row row;
    sim_err err;
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 1);
    CU_ASSERT_EQUAL(row.len[1], CSVIN_MAX_FIELD);
    done(in);
    memset(text + n, 'y', CSVIN_MAX_FIELD + 1);
    strcpy(text + n + CSVIN_MAX_FIELD + 1, "\n");
    in = open_text(text);
    char msg[64];
    snprintf(msg, sizeof msg, "field longer than %d bytes", CSVIN_MAX_FIELD);
    expect_error(in, 2, msg);
    done(in);
    free(text);
}

/* A quote never closed swallows the rest of a big file: refused once the field
 * passes the limit, not after loading everything. */
static void test_runaway_quote(void)
{
    size_t n = 4 * CSVIN_MAX_FIELD;
    char *text = malloc(n + 32);
    strcpy(text, "a,b\nc,d\n\"e,f\n");
    size_t used = strlen(text);
    for (; used < n; used += 4)
        memcpy(text + used, "g,h\n", 4);
    text[used] = 0;
    csvin *in = open_text(text);
    expect_row(in, 1, ROW("a", "b"));
    expect_row(in, 2, ROW("c", "d"));
    char msg[80];
    snprintf(msg, sizeof msg, "field longer than %d bytes (a quote not closed?)", CSVIN_MAX_FIELD);
    expect_error(in, 3, msg);
    done(in);
    free(text);
}

static void test_unclosed_quote_at_end(void)
{
    csvin *in = open_text("a,b\nc,\"d\n\ne\n");
    expect_row(in, 1, ROW("a", "b"));
    expect_error(in, 2, "quoted field not closed at the end of the file");
    done(in);
}

static void test_bad_quoting(void)
{
    static const char *const cases[] = {"a,b\nc,d\"e\n", "a,b\nc,\"d\"e\n", "a,b\nc,\"d\" \"\n"};
    for (size_t i = 0; i < 3; i++) {
        csvin *in = open_text(cases[i]);
        expect_row(in, 1, ROW("a", "b"));
        expect_error(in, 2, "bad quoting: a quote inside an unquoted field, or text after a "
                            "closing quote (write \"\" for a quote inside quotes)");
        done(in);
    }
}

static void test_too_many_fields(void)
{
    char text[4 * CSVIN_MAX_FIELDS + 16] = "a\n";
    for (int i = 0; i <= CSVIN_MAX_FIELDS; i++)
        strcat(text, i ? ",x" : "x");
    strcat(text, "\n");
    csvin *in = open_text(text);
    expect_row(in, 1, ROW("a"));
    char msg[64];
    snprintf(msg, sizeof msg, "row has more than %d fields", CSVIN_MAX_FIELDS);
    expect_error(in, 2, msg);
    done(in);
}

static void test_cr_only_lines(void)
{
    csvin *in = open_text("a,b\rc,d\re,f\r");
    expect_error(in, 1, "lines end with CR only (classic Mac OS): save the file with LF or CRLF "
                        "line ends");
    done(in);
}

static void test_cannot_open(void)
{
    csvin *in = (csvin *)&in;
    sim_err err;
    CU_ASSERT_EQUAL(csvin_open(&in, "/nonexistent/x.csv", &err), SIM_EINPUT);
    CU_ASSERT_PTR_NULL(in);
    CU_ASSERT_STRING_EQUAL(err.msg, "/nonexistent/x.csv: cannot open: No such file or directory");
}

/* A FIFO would block the run for ever (no writer) and a device never ends:
 * refused without reading, as not regular files (issue 17). */
static void test_not_regular(void)
{
    char dir[] = "/tmp/sesim-csvin-XXXXXX", fifo[64];
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/pipe.csv", dir);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    csvin *in = NULL;
    sim_err err;
    char want[128];
    CU_ASSERT_EQUAL(csvin_open(&in, fifo, &err), SIM_EINPUT);
    CU_ASSERT_PTR_NULL(in);
    snprintf(want, sizeof want, "%s: is a FIFO, not a regular file", fifo);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    CU_ASSERT_EQUAL(csvin_check_file("/dev/zero", &err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.msg, "/dev/zero: is a device or socket, not a regular file");
    CU_ASSERT_EQUAL(csvin_check_file(dir, &err), SIM_EINPUT);
    snprintf(want, sizeof want, "%s: is a folder, not a CSV file", dir);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    unlink(fifo);
    rmdir(dir);
}

/* ---- helpers ---- */

static const char *const names[] = {"time", "account", "messages", "stream"};

static int columns(const char *header, int *idx, sim_err *err)
{
    csvin *in = open_text(header);
    csvin_row row;
    CU_ASSERT_EQUAL_FATAL(csvin_next(in, &row, err), 1);
    int rc = csvin_columns(in, &row, names, 4, 7, idx, err);
    done(in);
    return rc;
}

static void expect_columns_error(const char *header, const char *msg)
{
    int idx[4];
    sim_err err;
    CU_ASSERT_EQUAL(columns(header, idx, &err), SIM_EINPUT);
    char want[600];
    snprintf(want, sizeof want, "%s:1: %s", path, msg);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
}

static void test_columns(void)
{
    int idx[4];
    sim_err err;
    CU_ASSERT_EQUAL(columns("messages, \" account \",time\n", idx, &err), 0);
    CU_ASSERT(idx[0] == 2 && idx[1] == 1 && idx[2] == 0 && idx[3] == -1);
    CU_ASSERT_EQUAL(columns("stream,time,account,messages\n", idx, &err), 0);
    CU_ASSERT(idx[0] == 1 && idx[3] == 0);
    const char *want = "(expected columns: time, account, messages, stream (optional))";
    char msg[300];
    snprintf(msg, sizeof msg, "unknown column 'msgs' %s", want);
    expect_columns_error("time,account,msgs\n", msg);
    snprintf(msg, sizeof msg, "missing column 'messages' %s", want);
    expect_columns_error("time,account\n", msg);
    snprintf(msg, sizeof msg, "column 3 has no name %s", want);
    expect_columns_error("time,account,,messages\n", msg);
    expect_columns_error("time,account,messages,time\n", "column 'time' appears twice (columns 1 and 4)");
    expect_columns_error("time;account;messages\n",
                         "unknown column 'time;account;mes...' (fields must be separated by "
                         "commas, not semicolons)");
    /* a file that is no CSV at all (a password file): at most 16 bytes quoted */
    snprintf(msg, sizeof msg, "unknown column 'root:$6$Qx9salts...' %s", want);
    expect_columns_error("root:$6$Qx9saltsalt$8MbWu0hashhash:19000:0:99999:7:::\n", msg);
    expect_columns_error("Time,account,messages\n",
                         "unknown column 'Time' (names are case-sensitive: did you mean 'time'?)");
}

static void test_width(void)
{
    csvin *in = open_text("a,b,c\nx,y\nx,y,z,w\n");
    csvin_row row;
    sim_err err;
    char want[200];
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 1);
    CU_ASSERT_EQUAL(csvin_check_width(in, &row, 3, &err), 0);
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 1);
    CU_ASSERT_EQUAL(csvin_check_width(in, &row, 3, &err), SIM_EINPUT);
    snprintf(want, sizeof want, "%s:2: short row: 2 fields where the header has 3", path);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    CU_ASSERT_EQUAL(csvin_next(in, &row, &err), 1);
    CU_ASSERT_EQUAL(csvin_check_width(in, &row, 3, &err), SIM_EINPUT);
    snprintf(want, sizeof want, "%s:3: extra field: 4 fields where the header has 3", path);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    done(in);
}

/* csvin_count on a one-field row holding text. */
static int count(const char *text, int64_t *v, char *msg)
{
    char file[128];
    snprintf(file, sizeof file, "h\n\"%s\"\n", text);
    csvin *in = open_text(file);
    csvin_row row;
    sim_err err = {0};
    CU_ASSERT_EQUAL_FATAL(csvin_next(in, &row, &err), 1);
    CU_ASSERT_EQUAL_FATAL(csvin_next(in, &row, &err), 1);
    int rc = csvin_count(in, &row, 0, "messages", v, &err);
    snprintf(msg, 300, "%s", rc ? err.msg + strlen(path) + 4 : "");
    done(in);
    return rc;
}

static void test_count(void)
{
    int64_t v = -1;
    char msg[300];
    CU_ASSERT(count("0", &v, msg) == 0 && v == 0);
    CU_ASSERT(count("120", &v, msg) == 0 && v == 120);
    CU_ASSERT(count("12.0", &v, msg) == 0 && v == 12);
    CU_ASSERT(count("1e3", &v, msg) == 0 && v == 1000);
    CU_ASSERT(count("9007199254740992", &v, msg) == 0 && v == 9007199254740992LL);
    static const struct { const char *text, *msg; } bad[] = {
        {"9007199254740993", "messages '9007199254740993' is over 2^53, the largest exact count"},
        {"1e17", "messages '1e17' is over 2^53, the largest exact count"},
        {"-3", "messages '-3' is negative"},
        {"2.5", "messages '2.5' is not a whole number"},
        {"10k", "messages '10k' is not a number (expected a whole number of messages, without units)"},
        {"0x10", "messages '0x10' is not a number (expected a whole number of messages, without units)"},
        {"nan", "messages 'nan' is not a number (expected a whole number of messages, without units)"},
        {"", "messages '' is empty (expected a whole number of messages)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(count(bad[i].text, &v, msg), SIM_EINPUT);
        CU_ASSERT_STRING_EQUAL(msg, bad[i].msg);
    }
}

static void test_show(void)
{
    char buf[CSVIN_SHOW], lng[100];
    CU_ASSERT_STRING_EQUAL(csvin_show("a\nb\tc", buf), "a?b?c");
    memset(lng, 'x', 99);
    lng[99] = 0;
    csvin_show(lng, buf);
    CU_ASSERT_EQUAL(strlen(buf), CSVIN_SHOW - 8 + 3);
    CU_ASSERT_STRING_EQUAL(buf + CSVIN_SHOW - 8, "...");
}

TEST_SUITE(csvin,
           {"good file", test_good_file},
           {"CRLF, BOM, no final newline", test_crlf_bom_no_final_newline},
           {"quoted fields", test_quotes},
           {"blank lines, empty file", test_blank_lines_and_empty_file},
           {"rows across chunks", test_many_chunks},
           {"NUL byte", test_nul_byte},
           {"long field", test_long_field},
           {"runaway quote", test_runaway_quote},
           {"unclosed quote at the end", test_unclosed_quote_at_end},
           {"bad quoting", test_bad_quoting},
           {"too many fields", test_too_many_fields},
           {"CR-only lines", test_cr_only_lines},
           {"cannot open", test_cannot_open},
           {"FIFO, device, folder", test_not_regular},
           {"columns", test_columns},
           {"row width", test_width},
           {"whole counts", test_count},
           {"show", test_show})
