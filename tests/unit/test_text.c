/* test_text.c: text that reaches a reader: messages shown on a terminal
 * (sim_sanitize, core/error.h) and the text cells of the CSV outputs
 * (io/csvtext.h), both from issue 17. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/csvtext.h"
#include "suite.h"

static void expect_sanitized(const char *in, const char *want, size_t replaced)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", in);
    CU_ASSERT_EQUAL(sim_sanitize(buf), replaced);
    CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_sanitize(void)
{
    expect_sanitized("plain text: 10k, 5%", "plain text: 10k, 5%", 0);
    expect_sanitized("\x1b[31mred\x1b[0m", "?[31mred?[0m", 2);          /* CSI by ESC */
    expect_sanitized("\x1b]0;title\x07", "?]0;title?", 2);                 /* OSC ... BEL */
    expect_sanitized("a\nb\tc\rd\x7f", "a?b?c?d?", 4);                    /* C0 and DEL */
    expect_sanitized("\xc2\x9b" "31m", "?31m", 1);                         /* U+009B: C1 CSI */
    expect_sanitized("caf\xe9", "caf?", 1);                                /* Latin-1, not UTF-8 */
    expect_sanitized("\x9b" "2J", "?2J", 1);                               /* a lone C1 byte */
    expect_sanitized("\xe2\x80\xae" "txt.exe", "?txt.exe", 1);             /* U+202E override */
    expect_sanitized("\xc0\xaf \xed\xa0\x80", "?? ???", 5);                /* overlong, surrogate */
    expect_sanitized("\xf0\x9f\x93\xa7 \xc3\xa9t\xc3\xa9 \xe2\x82\xac", /* kept: UTF-8 text */
                     "\xf0\x9f\x93\xa7 \xc3\xa9t\xc3\xa9 \xe2\x82\xac", 0);
    expect_sanitized("cut \xe2\x82", "cut ??", 2);                         /* a sequence cut short */
}

static void test_errorf_sanitizes(void)
{
    sim_err err;
    sim_errorf(&err, SIM_EINPUT, "a\x1b[2J.ini", 3, "unknown key '%s'", "k\x07");
    CU_ASSERT_STRING_EQUAL(err.msg, "a?[2J.ini:3: unknown key 'k?'");
}

static void expect_field(const char *s, const char *want)
{
    char *got = test_captured(csvtext_field, s);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void test_csv_text(void)
{
    expect_field("main", "main");
    expect_field("=1+1", "'=1+1");
    expect_field("+x", "'+x");
    expect_field("-A1", "'-A1");
    expect_field("@SUM(A1)", "'@SUM(A1)");
    expect_field("\tx", "'\tx");
    expect_field("'q", "''q");                /* unguarding drops exactly one */
    expect_field("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""); /* quoted too */
    expect_field("-1%", "-1%");               /* numbers stay numbers */
    expect_field("-0.5", "-0.5");
    expect_field("+2e3", "+2e3");
    expect_field("-5k", "'-5k");              /* not a number to a spreadsheet */
    expect_field("-", "'-");
    expect_field("", "");
    CU_ASSERT_STRING_EQUAL(csvtext_unguard("'-A1"), "-A1");
    CU_ASSERT_STRING_EQUAL(csvtext_unguard("''q"), "'q");
    CU_ASSERT_STRING_EQUAL(csvtext_unguard("main"), "main");
    char cell[] = "'@x";
    csvtext_unguard_cell(cell);
    CU_ASSERT_STRING_EQUAL(cell, "@x");
}

TEST_SUITE(text,
           {"sanitize: control characters, C1, not UTF-8, overrides", test_sanitize},
           {"sim_errorf sanitizes what it quotes", test_errorf_sanitizes},
           {"CSV text cells: guard, quoting, numbers", test_csv_text})
