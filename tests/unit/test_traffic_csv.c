/* test_traffic_csv.c: the replay kinds. kind = csv: totals equal the file's sum
 * exactly, rows fall in the tick that holds their time, the stream column
 * filters, bad rows stop the run with FILE:LINE. kind = ses-stats: unsorted
 * points are sorted, duplicates and overlaps are refused naming both lines,
 * DeliveryAttempts spread over 15 minutes with exact totals for any tick, and
 * the observed shares of the point covering a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "suite.h"
#include "models/traffic.h"
#include "core/units.h"

#define T0 "2026-01-05T00:00:00Z"
#define MIN SIM_MS_PER_MIN

static char path[64];
static char *accounts[] = {"main", "other"};

static void write_text(const char *text)
{
    snprintf(path, sizeof path, "/tmp/sesim-replay-XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* A source of `kind` replaying text, for stream "news" of account main. */
typedef struct source {
    const traffic_type *kind;
    scn_traffic cfg;
    scn_sim sim;
    void *state;
    sim_err err;
    int rc; /* of init */
} source;

static void source_open(source *s, const char *kind, const char *text, int64_t duration)
{
    write_text(text);
    memset(s, 0, sizeof *s);
    s->kind = traffic_type_find(kind);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->kind);
    s->cfg = (scn_traffic){.name = "news", .account = {1, accounts}, .file = path};
    CU_ASSERT_FATAL(units_datetime(T0, &s->sim.start, NULL) == 0);
    s->sim.duration = duration;
    s->sim.tick = MIN;
    s->state = calloc(1, s->kind->state_size);
    s->rc = s->kind->init(s->state, &s->cfg, &s->sim, &s->err);
}

static void source_close(source *s)
{
    if (s->kind->destroy)
        s->kind->destroy(s->state);
    free(s->state);
    unlink(path);
}

/* Demand of the ticks of `tick` ms over the run into per[] (when not NULL);
 * returns the total, or -1 on error (message in s->err). */
static int64_t replay(source *s, int64_t tick, int64_t *per, size_t n_per)
{
    int64_t total = 0, negative = 0;
    size_t i = 0;
    for (int64_t now = 0; now < s->sim.duration; now += tick, i++) {
        int64_t n = -7;
        if (s->kind->demand(s->state, now, tick, NULL, &n, &s->err))
            return -1;
        negative += n < 0;
        if (per && i < n_per)
            per[i] = n;
        total += n;
    }
    CU_ASSERT_EQUAL(negative, 0);
    return total;
}

static void expect_msg(const source *s, long line, const char *msg)
{
    char want[600];
    snprintf(want, sizeof want, "%s:%ld: %s", path, line, msg);
    CU_ASSERT_STRING_EQUAL(s->err.msg, want);
    if (strcmp(s->err.msg, want) != 0)
        fprintf(stderr, "\n  got:  %s\n  want: %s\n", s->err.msg, want);
}

/* ---- kind = csv ---- */

static const char recording[] =
    "time,account,messages\n"
    "2026-01-05T00:00:00Z,main,10\n"     /* at the start: tick 0 */
    "2026-01-05T00:00:59.999Z,main,5\n"  /* last ms of tick 0 */
    "2026-01-05T00:01:00Z,main,7\n"      /* first ms of tick 1 */
    "2026-01-05T00:01:00Z,main,1\n"      /* same time again */
    "2026-01-05T00:09:30Z,main,100\n"
    "2026-01-05T00:59:59Z,main,3\n"
    "2026-01-05T01:00:00Z,main,1000\n";  /* the end of a 1 h run: never read */

static void test_csv_tick_boundaries(void)
{
    source s;
    source_open(&s, "csv", recording, SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    int64_t per[60];
    CU_ASSERT_EQUAL(replay(&s, MIN, per, 60), 126);
    CU_ASSERT_EQUAL(per[0], 15);
    CU_ASSERT_EQUAL(per[1], 8);
    CU_ASSERT_EQUAL(per[9], 100);
    CU_ASSERT_EQUAL(per[59], 3);
    source_close(&s);
}

/* Any tick, dividing the run or not, replays every row exactly once. */
static void test_csv_totals_any_tick(void)
{
    static const int64_t ticks[] = {1, 1000, 7 * MIN, 13 * MIN, SIM_MS_PER_H, 2 * SIM_MS_PER_H};
    for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++) {
        source s;
        source_open(&s, "csv", recording, SIM_MS_PER_H);
        CU_ASSERT_EQUAL(replay(&s, ticks[i], NULL, 0), 126);
        source_close(&s);
    }
    source s; /* the row at the end counts when the run is longer */
    source_open(&s, "csv", recording, SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(replay(&s, 7 * MIN, NULL, 0), 1126);
    source_close(&s);
}

static void test_csv_stream_column(void)
{
    source s;
    source_open(&s, "csv",
                "stream,messages,time,account\n"
                "news,1," T0 ",main\n"
                "alerts,20," T0 ",elsewhere\n" /* another stream's account: not ours to check */
                "news,300,2026-01-05T00:02:00Z,other\n"
                "News,4000,2026-01-05T00:03:00Z,main\n" /* case-sensitive */
                "news,50000,2026-01-05T00:04:00Z,main\n",
                SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    s.cfg.account.n = 2; /* news sends from main and other */
    int64_t per[60];
    CU_ASSERT_EQUAL(replay(&s, MIN, per, 60), 50301);
    CU_ASSERT(per[0] == 1 && per[1] == 0 && per[2] == 300 && per[3] == 0 && per[4] == 50000);
    source_close(&s);
}

/* A bad row stops the replay when it is reached, with its file and line. */
static void expect_csv_error(const char *rows, long line, const char *msg)
{
    char text[1024];
    snprintf(text, sizeof text, "time,account,messages\n%s", rows);
    source s;
    source_open(&s, "csv", text, SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    CU_ASSERT_EQUAL(replay(&s, MIN, NULL, 0), -1);
    CU_ASSERT_EQUAL(s.err.code, SIM_EINPUT);
    expect_msg(&s, line, msg);
    source_close(&s);
}

static void test_csv_bad_rows(void)
{
    expect_csv_error(T0 ",main,1\n2026-01-05T00:01:00Z,main,2\n2026-01-05T00:00:30Z,main,3\n", 4,
                     "rows out of time order: 2026-01-05T00:00:30Z comes after "
                     "2026-01-05T00:01:00Z (line 3)");
    expect_csv_error("2026-01-04T23:59:59Z,main,1\n", 2,
                     "time 2026-01-04T23:59:59Z is before sim.start (2026-01-05T00:00:00Z)");
    expect_csv_error(T0 ",nobody,1\n", 2,
                     "account 'nobody' is not an account of traffic.news (its account: main)");
    expect_csv_error(T0 ",main,2.5\n", 2, "messages '2.5' is not a whole number");
    expect_csv_error(T0 ",main,-1\n", 2, "messages '-1' is negative");
    expect_csv_error(T0 ",main,ten\n", 2,
                     "messages 'ten' is not a number (expected a whole number of messages, without units)");
    expect_csv_error(T0 ",main,99999999999999999\n", 2,
                     "messages '99999999999999999' is over 2^53, the largest exact count");
    expect_csv_error("2026-01-05T24:00:00Z,main,1\n", 2,
                     "time '2026-01-05T24:00:00Z' is not a valid date or time");
    expect_csv_error("\"2026-01-05\n09:00\",main,1\n", 2,
                     "time '2026-01-05?09:00' is not a UTC date or time (e.g. 2026-01-05T08:00:00Z)");
    expect_csv_error(T0 ",main\n", 2, "short row: 2 fields where the header has 3");
    expect_csv_error(T0 ",main,1,x\n", 2, "extra field: 4 fields where the header has 3");
    expect_csv_error(T0 ",main,9007199254740992\n" T0 ",main,1\n", 3,
                     "the rows of one tick add up to over 2^53 messages");
}

static void expect_csv_init_error(const char *text, long line, const char *msg)
{
    source s;
    source_open(&s, "csv", text, SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(s.rc, SIM_EINPUT);
    expect_msg(&s, line, msg);
    source_close(&s);
}

static void test_csv_bad_header(void)
{
    expect_csv_init_error("", 1, "empty file: expected a header row time,account,messages[,stream]");
    expect_csv_init_error("time,account,count\n", 1,
                          "unknown column 'count' (expected columns: time, account, messages, "
                          "stream (optional))");
    expect_csv_init_error("time,messages\n", 1,
                          "missing column 'account' (expected columns: time, account, messages, "
                          "stream (optional))");
    expect_csv_init_error("time,account,messages,account\n", 1,
                          "column 'account' appears twice (columns 2 and 4)");
    source s;
    source_open(&s, "csv", "", SIM_MS_PER_DAY);
    source_close(&s);
    s.cfg.file = "/nonexistent/replay.csv";
    void *state = calloc(1, s.kind->state_size);
    CU_ASSERT_EQUAL(s.kind->init(state, &s.cfg, &s.sim, &s.err), SIM_EINPUT);
    CU_ASSERT_STRING_EQUAL(s.err.msg, "/nonexistent/replay.csv: cannot open: No such file or directory");
    s.kind->destroy(state);
    free(state);
}

/* ---- kind = ses-stats ---- */

#define SES_HEADER "Timestamp,DeliveryAttempts,Bounces,Complaints,Rejects\n"

/* Three points, unsorted as the API returns them; one 45 minutes after the start. */
static const char export_text[] =
    "Rejects,Complaints,Timestamp,Bounces,DeliveryAttempts\n"
    "0,0,2026-01-05T00:45:00Z,0,0\n"
    "1,1,2026-01-05T00:15:00+00:00,30,1000\n"
    "0,0,2026-01-05T00:00:00Z,1,17\n"
    "0,0,2026-01-05T02:00:00Z,0,999\n"; /* past the end of a 2 h run */

static void test_ses_spread_one_minute(void)
{
    source s;
    source_open(&s, "ses-stats", export_text, 2 * SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    int64_t per[120];
    CU_ASSERT_EQUAL(replay(&s, MIN, per, 120), 1017);
    int64_t first = 0, second = 0, rest = 0;
    for (int i = 0; i < 120; i++) {
        if (i < 15) {
            first += per[i];
            CU_ASSERT(per[i] == 1 || per[i] == 2); /* 17 / 15, evenly */
        } else if (i < 30) {
            second += per[i];
            CU_ASSERT(per[i] == 66 || per[i] == 67); /* 1000 / 15 */
        } else {
            rest += per[i];
        }
    }
    CU_ASSERT(first == 17 && second == 1000 && rest == 0);
    source_close(&s);
}

/* A point's attempts fall due by rounding to nearest, halves up
 * (docs/model.md, ses-stats): of 3 attempts, one is due from 2.5, 7.5 and
 * 12.5 minutes into the point, so at 30-second ticks they land in the ticks
 * that end exactly there (4, 14 and 24); halves down would move each to the
 * next tick, and a plain floor would give ticks 9, 19 and 29. */
static void test_ses_spread_halves_up(void)
{
    source s;
    source_open(&s, "ses-stats", SES_HEADER T0 ",3,0,0,0\n", SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    int64_t per[30];
    CU_ASSERT_EQUAL(replay(&s, 30 * SIM_MS_PER_S, per, 30), 3);
    for (int i = 0; i < 30; i++)
        CU_ASSERT_EQUAL(per[i], i == 4 || i == 14 || i == 24);
    source_close(&s);
}

/* Ticks that do not divide 15 minutes share points in proportion, exactly. */
static void test_ses_totals_any_tick(void)
{
    static const int64_t ticks[] = {1000, 7 * MIN, 13 * MIN, 15 * MIN, 40 * MIN, SIM_MS_PER_DAY};
    for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++) {
        source s;
        source_open(&s, "ses-stats", export_text, 2 * SIM_MS_PER_H);
        CU_ASSERT_EQUAL(replay(&s, ticks[i], NULL, 0), 1017);
        source_close(&s);
    }
    source s; /* 7-minute ticks: [0,7) holds 7/15 of 17, [14,21) 1/15 of 17 and 6/15 of 1000 */
    source_open(&s, "ses-stats", export_text, 2 * SIM_MS_PER_H);
    int64_t per[18];
    replay(&s, 7 * MIN, per, 18);
    CU_ASSERT_EQUAL(per[0], 8);   /* round(17 * 7 / 15) */
    CU_ASSERT_EQUAL(per[1], 16 - 8); /* round(17 * 14 / 15) - 8 */
    CU_ASSERT_EQUAL(per[2], (17 - 16) + 400);
    source_close(&s);
}

static void test_ses_observed_shares(void)
{
    source s;
    source_open(&s, "ses-stats", export_text, 2 * SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    double b = -1, c = -1;
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 0, &b, &c), 1);
    ASSERT_NEAR(b, 1.0 / 17, 1e-15);
    ASSERT_NEAR(c, 0, 0);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 15 * MIN, &b, &c), 1);
    ASSERT_NEAR(b, 0.03, 1e-15);
    ASSERT_NEAR(c, 0.001, 1e-15);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 30 * MIN - 1, &b, &c), 1);
    ASSERT_NEAR(b, 0.03, 1e-15);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 30 * MIN, &b, &c), 0); /* a gap */
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 50 * MIN, &b, &c), 1); /* nothing sent */
    ASSERT_NEAR(b, 0, 0);
    ASSERT_NEAR(c, 0, 0);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 60 * MIN, &b, &c), 0);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 2 * SIM_MS_PER_H + MIN, &b, &c), 0);
    source_close(&s);
    /* late bounces can outnumber a quiet point's sends: the share stays <= 1 */
    source_open(&s, "ses-stats", SES_HEADER T0 ",2,5,3,0\n", SIM_MS_PER_H);
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, MIN, &b, &c), 1);
    ASSERT_NEAR(b, 1, 0);
    ASSERT_NEAR(c, 1, 0);
    source_close(&s);
}

static void expect_ses_error(const char *text, long line, const char *msg)
{
    source s;
    source_open(&s, "ses-stats", text, SIM_MS_PER_DAY);
    CU_ASSERT_EQUAL(s.rc, SIM_EINPUT);
    expect_msg(&s, line, msg);
    source_close(&s);
}

static void test_ses_bad_points(void)
{
    expect_ses_error(SES_HEADER "2026-01-05T00:15:00Z,1,0,0,0\n" T0 ",1,0,0,0\n"
                                "2026-01-05T00:15:00Z,2,0,0,0\n",
                     4, "duplicate Timestamp 2026-01-05T00:15:00Z (also on line 2)");
    expect_ses_error(SES_HEADER "2026-01-05T00:20:00Z,1,0,0,0\n" T0 ",1,0,0,0\n"
                                "2026-01-05T00:10:00Z,2,0,0,0\n",
                     4, "Timestamp 2026-01-05T00:10:00Z is less than 15 minutes after "
                        "2026-01-05T00:00:00Z (line 3): GetSendStatistics points are 15 minutes apart");
    expect_ses_error(SES_HEADER "2026-01-04T23:45:00Z,1,0,0,0\n", 2,
                     "Timestamp 2026-01-04T23:45:00Z is before sim.start (2026-01-05T00:00:00Z)");
    expect_ses_error(SES_HEADER T0 ",1.5,0,0,0\n", 2, "DeliveryAttempts '1.5' is not a whole number");
    expect_ses_error(SES_HEADER T0 ",1,0,-2,0\n", 2, "Complaints '-2' is negative");
    expect_ses_error(SES_HEADER T0 ",1,0,0\n", 2, "short row: 4 fields where the header has 5");
    expect_ses_error("Timestamp,DeliveryAttempts,Bounces\n", 1,
                     "missing column 'Complaints' (expected columns: Timestamp, DeliveryAttempts, "
                     "Bounces, Complaints, Rejects (optional))");
    expect_ses_error("", 1, "empty file: expected a header row "
                            "Timestamp,DeliveryAttempts,Bounces,Complaints,Rejects");
}

/* Rejects is optional; without points the stream wants nothing. */
static void test_ses_without_rejects(void)
{
    source s;
    source_open(&s, "ses-stats", "Timestamp,DeliveryAttempts,Bounces,Complaints\n" T0 ",15,0,0\n",
                SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    int64_t per[4];
    CU_ASSERT_EQUAL(replay(&s, 15 * MIN, per, 4), 15);
    CU_ASSERT(per[0] == 15 && per[1] == 0);
    source_close(&s);
    source_open(&s, "ses-stats", SES_HEADER, SIM_MS_PER_H);
    CU_ASSERT_EQUAL_FATAL(s.rc, 0);
    CU_ASSERT_EQUAL(replay(&s, MIN, NULL, 0), 0);
    double b, c;
    CU_ASSERT_EQUAL(s.kind->observed_shares(s.state, 0, &b, &c), 0);
    source_close(&s);
}

TEST_SUITE(traffic_csv,
           {"tick boundaries", test_csv_tick_boundaries},
           {"exact totals for any tick", test_csv_totals_any_tick},
           {"stream column", test_csv_stream_column},
           {"bad rows", test_csv_bad_rows},
           {"bad header, missing file", test_csv_bad_header})

TEST_SUITE(traffic_ses_stats,
           {"spread over 15 minutes", test_ses_spread_one_minute},
           {"spread rounds halves up", test_ses_spread_halves_up},
           {"exact totals for any tick", test_ses_totals_any_tick},
           {"observed shares", test_ses_observed_shares},
           {"bad points", test_ses_bad_points},
           {"Rejects optional, no points", test_ses_without_rejects})
