/* test_bucket.c: the sending-rate token bucket (one second of capacity between
 * spans, spent per batch, may go negative after an overshoot). Values pinned
 * from bucket.c: capacity(now, span) = floor(tokens refilled to now (capped at
 * rate) + rate * span); a take leaves that - k tokens at now + span, for later
 * takes over the same span, and from now + span on at most rate are held. */
#include "models/bucket.h"
#include "core/config.h"
#include "suite.h"

#define MIN SIM_MS_PER_MIN

static void test_starts_full(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 0), 5);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 1000), 10);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 60000), 305);
    /* Asking does not spend. */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 60000), 305);
    /* Idle time does not fill past one second's worth. */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 10 * MIN, 0), 5);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 10 * MIN, 60000), 305);
}

static void test_minute_after_full_use(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 305);
    bucket_take(&b, 0, MIN, 305);
    /* The minute's tokens are used up to its end: the next minute has only its
     * own refill, not another second's worth on top. */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 300);
    bucket_take(&b, MIN, MIN, 300);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 2 * MIN, MIN), 300);
    /* After a minute unused, the held tokens are back to one second's worth. */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 4 * MIN, MIN), 305);
    /* Partially unused: 1 s idle refills 5. */
    bucket_take(&b, 4 * MIN, MIN, 305);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 5 * MIN + 1000, MIN), 305);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 5 * MIN + 400, MIN), 302);
}

static void test_partial_use(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, MIN, 100); /* 205 left over, capped at 5 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 305);
    bucket_take(&b, MIN, MIN, 302); /* 3 left */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 2 * MIN, MIN), 303);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 3, 1e-9);
}

static void test_overshoot(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, MIN, 320); /* 15 over the capacity of 305 */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, -15, 1e-9);
    CU_ASSERT_EQUAL(b.t, MIN);
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 285);
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, 0), 0); /* negative: no room now */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN + 2000, 0), 0);  /* -15 + 10 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN + 3000, 0), 0);  /* back to 0 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN + 3200, 0), 1);
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN + 4000, 0), 5);
    /* A huge overshoot takes many minutes to pay back. */
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, 0, 1005); /* one call of 1,005 recipients with 5 tokens */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 0);          /* -1000 + 300 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 3 * MIN, MIN), 200);   /* -1000 + 900 + 300 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 200 * 1000, 0), 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 201 * 1000, 0), 5);
}

static void test_idle_caps_at_one_second(void)
{
    rate_bucket b;
    bucket_init(&b, 14, 0);
    bucket_take(&b, 0, 0, 14);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 0), 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 500, 0), 7);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 1000, 0), 14);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 30 * SIM_MS_PER_DAY, 0), 14);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 14, 1e-9);
    /* 14/s over 60 s: 14 * 60 = 840 exactly, despite rounding (the epsilon). */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 30 * SIM_MS_PER_DAY, MIN), 854);
    /* A fractional rate: 0.5/s over a minute is 30, plus the half token held. */
    bucket_init(&b, 0.5, 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 0), 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 30);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 1000), 1);
}

/* Querying a time before the bucket's clock (a batch spent up to a later time)
 * does not refill backwards: only the part of the span after the clock counts. */
static void test_query_before_clock(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, MIN, 305); /* clock at 60 s, 0 tokens */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 30000, MIN), 150); /* only [60 s, 90 s) */
    CU_ASSERT_EQUAL(bucket_capacity(&b, 30000, 20000), 0);
    CU_ASSERT_EQUAL(b.t, MIN);
}

static void test_set_rate(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    /* Raising the rate keeps the tokens held (5): the new capacity fills over a second. */
    bucket_set_rate(&b, 14, 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 0), 5);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 5 + 840);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 1000, 0), 14);
    /* Lowering it caps the tokens held at the new rate. */
    bucket_set_rate(&b, 2, 1000);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 2, 1e-9);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 1000, MIN), 122);
    /* A rate change refills up to `now` at the old rate first. */
    bucket_init(&b, 10, 0);
    bucket_take(&b, 0, 0, 10); /* empty at t = 0 */
    bucket_set_rate(&b, 100, 500); /* 0.5 s at 10/s: 5 tokens */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5, 1e-9);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 1000, 0), 55); /* + 0.5 s at 100/s */
    /* A negative balance survives a rate change. */
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, 0, 25);
    bucket_set_rate(&b, 50, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, -20, 1e-9);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 1000, 0), 30);
}

/* Several takes over one span (streams sharing an account, a retry sender's
 * groups) share its capacity: the second sees what the first left, not one
 * second's worth. Was a BUG: a take capped the rest at `rate` at once. */
static void test_takes_share_span(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, MIN, 100);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 205);
    bucket_take(&b, 0, MIN, 200);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 5);
    bucket_take(&b, 0, MIN, 5);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 0);
    /* 305 in all over the first minute; the next has its own 300 */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 300);
    /* a rest larger than a second is held only until the span's end */
    bucket_take(&b, MIN, MIN, 10); /* 290 left at 2 min */
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 290);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 2 * MIN, MIN), 305);
    /* a rate change inside a spent span caps the rest at a second of the old
     * rate, as the span's end would have, then at the new rate */
    bucket_take(&b, 2 * MIN, MIN, 100); /* 205 left at 3 min */
    bucket_set_rate(&b, 14, 2 * MIN + 30000);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5, 1e-9);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 3 * MIN, MIN), 5 + 840);
    bucket_take(&b, 3 * MIN, MIN, 100);
    bucket_set_rate(&b, 2, 3 * MIN + 30000);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 2, 1e-9);
}

/* Header contract: at most rate * span + rate messages leave in any span, here
 * checked over consecutive one-minute batches that always take all they can,
 * and over any run of k minutes: rate * 60 k + rate. */
static void test_span_bound(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    int64_t took[100];
    for (int i = 0; i < 100; i++) {
        int64_t now = i * MIN;
        took[i] = bucket_capacity(&b, now, MIN);
        bucket_take(&b, now, MIN, took[i]);
    }
    int bad = 0;
    for (int i = 0; i < 100; i++) {
        int64_t s = 0;
        for (int k = 1; i + k <= 100; k++) {
            s += took[i + k - 1];
            bad += s > 5 * 60 * k + 5;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(took[0], 305);
    CU_ASSERT_EQUAL(took[99], 300);
}

/* policy.rate_burst: the bucket holds `burst` seconds of the rate: 3 s of
 * 5/s lets 15 + 300 through the first minute and fills back to 15 (not
 * more) when idle; 0 s leaves each minute only its own 300. */
static void test_burst(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_set_burst(&b, 3);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, 0), 15);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 315);
    bucket_take(&b, 0, MIN, 315);
    CU_ASSERT_EQUAL(bucket_capacity(&b, MIN, MIN), 300);
    bucket_take(&b, MIN, MIN, 300);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 2 * MIN + 2000, 0), 10);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 10 * MIN, 0), 15);
    bucket_take(&b, 10 * MIN, MIN, 100); /* 215 left, held up to 15 */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 15, 1e-9);
    bucket_set_rate(&b, 2, 11 * MIN); /* capped at 3 s of the new rate */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 6, 1e-9);
    bucket_init(&b, 5, 0);
    bucket_set_burst(&b, 0);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 0, MIN), 300);
    bucket_take(&b, 0, MIN, 10);
    CU_ASSERT_EQUAL(bucket_capacity(&b, 10 * MIN, MIN), 300);
}

/* Message-level sending: bucket_open refills to the call's instant (never
 * backwards) and needs one whole token, spare of the same span included;
 * bucket_spend may drive the bucket negative. */
static void test_open_spend(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    CU_ASSERT_TRUE(bucket_open(&b, 0));
    bucket_spend(&b, 5);
    CU_ASSERT_FALSE(bucket_open(&b, 0));
    CU_ASSERT_FALSE(bucket_open(&b, 199)); /* 0.995 of a token */
    CU_ASSERT_TRUE(bucket_open(&b, 200));
    bucket_spend(&b, 3); /* a call of 3 recipients on 1 token: -2 */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, -2, 1e-9);
    CU_ASSERT_FALSE(bucket_open(&b, 600)); /* -2 + 2 = 0 */
    CU_ASSERT_FALSE(bucket_open(&b, 100)); /* earlier: no refill backwards */
    CU_ASSERT_TRUE(bucket_open(&b, 800));
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 1, 1e-9);
    /* idle: full at one second's worth */
    CU_ASSERT_TRUE(bucket_open(&b, 60000));
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5, 1e-9);
}

static void test_open_sees_spare(void)
{
    rate_bucket b;
    bucket_init(&b, 5, 0);
    bucket_take(&b, 0, 1000, 2); /* 10 over the span: 8 left, 5 held + 3 spare */
    CU_ASSERT_TRUE(bucket_open(&b, 500));
    bucket_spend(&b, 1); /* spends above the cap first */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(b.spare, 2, 1e-9);
    bucket_spend(&b, 7);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(b.spare, 0, 1e-9);
    CU_ASSERT_FALSE(bucket_open(&b, 1000));
    CU_ASSERT_TRUE(bucket_open(&b, 1200)); /* past the span: its refill only */
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 1, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(b.spare, 0, 1e-9);
}

TEST_SUITE(bucket,
           {"starts full", test_starts_full},
           {"next minute after full use is 300", test_minute_after_full_use},
           {"partial use", test_partial_use},
           {"overshoot goes negative and is paid back", test_overshoot},
           {"idle refill caps at one second", test_idle_caps_at_one_second},
           {"query before the bucket's clock", test_query_before_clock},
           {"bucket_set_rate", test_set_rate},
           {"takes over one span share its capacity", test_takes_share_span},
           {"at most rate*span + rate per span", test_span_bound},
           {"rate_burst seconds of capacity", test_burst},
           {"bucket_open and bucket_spend per call", test_open_spend},
           {"bucket_open sees the span's spare", test_open_sees_spare})
