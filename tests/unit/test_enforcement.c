/* test_enforcement.c: the enforcement state machine (DESIGN.md Model 6),
 * driven by hand-built metric sequences: each hour's eligible sends and
 * feedback go straight into the account's reputation, then enforce_hour runs at
 * the hour boundary as the engine does. Events are recorded by the callback
 * given to account_attach_service. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "models/account.h"
#include "core/config.h"
#include "models/enforcement.h"
#include "models/outcomes.h"
#include "core/rng.h"
#include "scenario/scenario.h"
#include "models/stream.h"
#include "suite.h"

#define H SIM_MS_PER_H

/* ---- fixture ------------------------------------------------------------- */

#define MAX_EVENTS 64

typedef struct recorded {
    int64_t time;
    char event[32];
    char detail[256];
    const account *acct;
} recorded;

typedef struct fixture {
    scenario *scn;
    account a;
    gsl_rng *r;
    int64_t now; /* time of the enforce_hour being run, for the recorder */
    recorded ev[MAX_EVENTS];
    int n_ev;
} fixture;

static void on_event(void *ctx, const account *a, event_type event, const char *detail)
{
    fixture *f = ctx;
    if (f->n_ev == MAX_EVENTS)
        return;
    recorded *e = &f->ev[f->n_ev++];
    e->time = f->now;
    e->acct = a;
    snprintf(e->event, sizeof e->event, "%s", event_name(event));
    snprintf(e->detail, sizeof e->detail, "%s", detail);
}

/* Scenario from INI text: rep_volume 1000, 7-day reviews, 3-day appeals. */
static scenario *load(const char *extra_policy, const char *account_keys)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[sim]\nduration = 60d\n"
             "[policy]\nrep_volume = 1000\nreview_period = 7d\nappeal_delay = 3d\n%s\n"
             "[account.main]\nstage = production\n%s\n"
             "[traffic.t]\naccount = main\nkind = constant\nlist_size = 10k\ninvalid = 20%%\n",
             extra_policy ? extra_policy : "", account_keys ? account_keys : "");
    scenario *s = scn_create();
    sim_err err = {0};
    int rc = scn_load_string(s, text, "test_enforcement", ".", &err);
    if (!rc)
        rc = scn_resolve(s, &err);
    if (rc) {
        fprintf(stderr, "scenario: %s\n", err.msg);
        scn_destroy(s);
        return NULL;
    }
    return s;
}

static int setup(fixture *f, const char *extra_policy, const char *account_keys, unsigned long seed)
{
    memset(f, 0, sizeof *f);
    f->scn = load(extra_policy, account_keys);
    if (!f->scn)
        return -1;
    f->r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(f->r, seed);
    account_init(&f->a, &f->scn->accounts[0], &f->scn->sim);
    account_attach_service(&f->a, &f->scn->policy, f->r, on_event, f);
    return 0;
}

static void teardown(fixture *f)
{
    account_destroy(&f->a);
    gsl_rng_free(f->r);
    scn_destroy(f->scn);
}

/* One hour h: `eligible` sends (all to feedback-loop domains, content 1) whose
 * bounces and complaints arrive within the hour; then the boundary (h+1) h. */
static void hour(fixture *f, int64_t h, int64_t eligible, int64_t bounces, int64_t complaints)
{
    if (eligible)
        rep_record_sends(&f->a.rep, h, eligible, eligible, (double)eligible);
    rep_schedule(&f->a.rep, h, h, bounces, complaints);
    f->now = (h + 1) * H;
    enforce_hour(&f->a, f->now);
}

/* Hours [from, to) of the same traffic. */
static void hours(fixture *f, int64_t from, int64_t to, int64_t eligible, int64_t bounces,
                  int64_t complaints)
{
    for (int64_t h = from; h < to; h++)
        hour(f, h, eligible, bounces, complaints);
}

static int count(const fixture *f, const char *event)
{
    int n = 0;
    for (int i = 0; i < f->n_ev; i++)
        n += strcmp(f->ev[i].event, event) == 0;
    return n;
}

#define SETUP(f, pol, acc, seed)                                                                   \
    do {                                                                                           \
        CU_ASSERT_FATAL(setup(f, pol, acc, seed) == 0);                                            \
    } while (0)

/* ---- tests --------------------------------------------------------------- */

/* The scenario resolved as the tests expect (documented thresholds). */
static void test_fixture_policy(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    const scn_policy *p = &f.scn->policy;
    ASSERT_NEAR(p->bounce_review, 0.05, 1e-12);
    ASSERT_NEAR(p->bounce_pause, 0.10, 1e-12);
    ASSERT_NEAR(p->complaint_review, 0.001, 1e-12);
    ASSERT_NEAR(p->complaint_pause, 0.005, 1e-12);
    ASSERT_NEAR(p->pause_probability, 1.0, 0);
    CU_ASSERT_EQUAL(p->review_period, 7 * 24 * H);
    CU_ASSERT_EQUAL(p->appeal_delay, 3 * 24 * H);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    CU_ASSERT_STRING_EQUAL(account_status_name(&f.a), "healthy");
    teardown(&f);
}

/* 6% bounces: nothing while the window is below rep_volume (9 hours x 100),
 * review_started the first hour it is representative, with the metric. */
static void test_review_at_threshold(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 9, 100, 6, 0);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    ASSERT_NEAR(f.a.rep.bounce_rate, 0.06, 1e-15);
    CU_ASSERT_EQUAL(f.a.peak_bounce_rate, 0); /* peaks only over representative windows */
    hour(&f, 9, 100, 6, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "bounce_rate 6.000% >= 5%");
    CU_ASSERT_EQUAL(f.ev[0].time, 10 * H);
    CU_ASSERT_PTR_EQUAL(f.ev[0].acct, &f.a);
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    CU_ASSERT_STRING_EQUAL(account_status_name(&f.a), "under_review");
    CU_ASSERT_EQUAL(f.a.review_until, 10 * H + 7 * 24 * H);
    ASSERT_NEAR(f.a.peak_bounce_rate, 0.06, 1e-15);
    teardown(&f);
}

/* Just below both review thresholds: healthy for weeks. */
static void test_below_threshold(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 24 * 20, 1000, 49, 0); /* 4.9% bounces, 0.09% complaints below */
    CU_ASSERT_EQUAL(f.n_ev, 0);
    hours(&f, 24 * 20, 24 * 40, 10000, 0, 9);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    teardown(&f);
}

/* Complaint thresholds: 0.2% reviewed, 0.6% paused; the detail names the rate. */
static void test_complaint_thresholds(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hour(&f, 0, 1000, 0, 2);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "complaint_rate 0.2000% >= 0.1%");
    teardown(&f);

    SETUP(&f, NULL, NULL, 1);
    hour(&f, 0, 1000, 0, 6);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "complaint_rate 0.6000% >= 0.5%");
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    teardown(&f);
}

/* Review cleared at the end of review_period when both rates fell below the
 * review thresholds, not earlier (even though they fell much earlier). */
static void test_review_cleared(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 10, 100, 6, 0); /* review from 10 h */
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    int64_t until = f.a.review_until;
    hours(&f, 10, 34, 100, 0, 0); /* by 34 h the window (10..33) is clean */
    ASSERT_NEAR(f.a.rep.bounce_rate, 0, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    hours(&f, 34, until / H - 1, 100, 0, 0);
    CU_ASSERT_EQUAL(f.n_ev, 1); /* still under review the hour before it ends */
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    hour(&f, until / H - 1, 100, 0, 0); /* boundary at review_until */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "review_cleared");
    CU_ASSERT_STRING_EQUAL(f.ev[1].detail, "bounce_rate 0.000%, complaint_rate 0.0000%");
    CU_ASSERT_EQUAL(f.ev[1].time, until);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    CU_ASSERT_EQUAL(account_time_in(&f.a, STATUS_UNDER_REVIEW, until), 7 * 24 * H);
    CU_ASSERT_EQUAL(account_time_in(&f.a, STATUS_HEALTHY, until), 10 * H);
    hours(&f, until / H, until / H + 48, 100, 0, 0);
    CU_ASSERT_EQUAL(f.n_ev, 2);
    teardown(&f);
}

/* Still above the review threshold at the end of the review: paused; with
 * on_pause = none it stays paused. */
static void test_review_ends_in_pause(void)
{
    fixture f;
    SETUP(&f, NULL, "on_pause = none", 1);
    hours(&f, 0, 10, 100, 6, 0);
    int64_t until = f.a.review_until;
    hours(&f, 10, until / H, 100, 6, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[1].detail, "review ended with bounce_rate 6.000% >= 5%");
    CU_ASSERT_EQUAL(f.ev[1].time, until);
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    CU_ASSERT_EQUAL(f.a.appeal_at, -1);
    CU_ASSERT_STRING_EQUAL(account_status_name(&f.a), "paused");
    hours(&f, until / H, until / H + 24 * 30, 0, 0, 0); /* a month: no appeal */
    CU_ASSERT_EQUAL(f.n_ev, 2);
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    CU_ASSERT_EQUAL(account_time_in(&f.a, STATUS_PAUSED, f.now), 24 * 30 * H);
    teardown(&f);
}

/* At the pause threshold (pause_probability 1): paused at once, no review. */
static void test_immediate_pause(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 10, 100, 12, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "bounce_rate 12.000% >= 10%");
    CU_ASSERT_EQUAL(f.ev[0].time, 10 * H);
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    CU_ASSERT_EQUAL(count(&f, "review_started"), 0);
    teardown(&f);
}

/* Under review, a rate that reaches the pause threshold pauses at once. */
static void test_pause_during_review(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 10, 100, 6, 0); /* review */
    hours(&f, 10, 20, 100, 6, 0);
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    /* 20 hours at 6% (120 of 2000); hour 20 brings 500 bounces of 1000: 620/3000 */
    hour(&f, 20, 1000, 500, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[1].detail, "bounce_rate 20.667% >= 10%");
    CU_ASSERT_EQUAL(f.ev[1].time, 21 * H);
    teardown(&f);
}

/* pause_probability 0: never paused for crossing the pause threshold; the
 * review still runs, and ends in a pause only by the review rule (a rate still
 * at or above review, DESIGN.md Model 6), or clears when the rates fell. */
static void test_pause_probability_zero(void)
{
    fixture f;
    SETUP(&f, "pause_probability = 0", NULL, 1);
    hours(&f, 0, 10, 100, 30, 0); /* 30% */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "bounce_rate 30.000% >= 5%");
    int64_t until = f.a.review_until;
    hours(&f, 10, until / H - 1, 100, 30, 0);
    CU_ASSERT_EQUAL(f.n_ev, 1);
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    hour(&f, until / H - 1, 100, 30, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 2);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[1].detail, "review ended with bounce_rate 30.000% >= 5%");
    teardown(&f);

    SETUP(&f, "pause_probability = 0", NULL, 2);
    hours(&f, 0, 10, 100, 30, 0);
    until = f.a.review_until;
    hours(&f, 10, until / H + 24 * 20, 100, 1, 0); /* falls to 1% */
    CU_ASSERT_EQUAL(count(&f, "paused"), 0);
    CU_ASSERT_EQUAL(count(&f, "review_cleared"), 1);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    teardown(&f);
}

/* pause_probability 0.5: one draw per crossing. Over 400 accounts crossing the
 * pause threshold, about half are paused at once (4 binomial sd = 40); the
 * spared ones are not drawn again while the rate stays above. */
static void test_pause_probability_half(void)
{
    int paused_at_once = 0, paused_later = 0, bad = 0;
    for (unsigned long seed = 1; seed <= 400; seed++) {
        fixture f;
        SETUP(&f, "pause_probability = 50%", NULL, seed);
        hours(&f, 0, 10, 100, 12, 0);
        if (f.a.status == STATUS_PAUSED) {
            paused_at_once++;
            bad += f.n_ev != 1;
        } else {
            bad += f.a.status != STATUS_UNDER_REVIEW || f.a.pause_spared != 1;
            hours(&f, 10, 100, 100, 12, 0);
            paused_later += f.a.status == STATUS_PAUSED;
        }
        teardown(&f);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(paused_later, 0);
    ASSERT_NEAR(paused_at_once, 200, 40);
}

/* on_pause = fix: after appeal_delay the lists are cleaned, metrics restart
 * from mail sent after the fix (late feedback of older mail is not counted),
 * and the account is under review; clean mail then clears it. */
static void test_appeal_and_recovery(void)
{
    fixture f;
    SETUP(&f, NULL, "on_pause = fix", 1);
    outcome_model list;
    outcomes_init(&list, &f.scn->traffic[0], 1);
    account_add_list(&f.a, &list);
    CU_ASSERT_EQUAL(list.list.invalid, 2000);
    hours(&f, 0, 9, 100, 12, 0);
    /* hour 9: its 12 bounces arrive now, another 40 only in hour 100 */
    rep_record_sends(&f.a.rep, 9, 100, 100, 100);
    rep_schedule(&f.a.rep, 9, 100, 40, 0);
    hour(&f, 9, 0, 12, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "paused");
    int64_t paused_at = 10 * H;
    CU_ASSERT_EQUAL(f.a.appeal_at, paused_at + 72 * H);

    hours(&f, 10, 81, 0, 0, 0); /* paused: no sends; boundary 81 h */
    CU_ASSERT_EQUAL(f.n_ev, 1);
    CU_ASSERT_EQUAL(f.a.status, STATUS_PAUSED);
    hour(&f, 81, 0, 0, 0); /* boundary 82 h = paused + appeal_delay */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 3);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "appeal");
    CU_ASSERT_STRING_EQUAL(f.ev[1].detail, "fix accepted: lists cleaned, metrics restart");
    CU_ASSERT_EQUAL(f.ev[1].time, 82 * H);
    CU_ASSERT_STRING_EQUAL(f.ev[2].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[2].detail, "appeal: review after the fix");
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    CU_ASSERT_EQUAL(f.a.review_until, 82 * H + 7 * 24 * H);
    CU_ASSERT_EQUAL(f.a.appeal_at, -1);
    CU_ASSERT_EQUAL(list.list.invalid, 0);
    CU_ASSERT_EQUAL(list.list.valid, 8000);
    CU_ASSERT_EQUAL(f.a.rep.bounce_rate, 0);
    CU_ASSERT_EQUAL(f.a.rep.representative, 0);
    CU_ASSERT_EQUAL(f.a.rep.floor_hour, 82);
    CU_ASSERT_EQUAL(account_time_in(&f.a, STATUS_PAUSED, 82 * H), 72 * H);

    /* mail after the fix, 1% bounces; the 40 late bounces of hour 9 arrive in
     * hour 100 and are counted in the output but not in the rate */
    int64_t until = f.a.review_until;
    int64_t late = f.a.total.hard_bounces;
    hours(&f, 82, until / H, 100, 1, 0);
    CU_ASSERT_EQUAL(f.a.total.hard_bounces - late, 40 + (until / H - 82));
    ASSERT_NEAR(f.a.rep.bounce_rate, 0.01, 1e-15);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 4);
    CU_ASSERT_STRING_EQUAL(f.ev[3].event, "review_cleared");
    CU_ASSERT_STRING_EQUAL(f.ev[3].detail, "bounce_rate 1.000%, complaint_rate 0.0000%");
    CU_ASSERT_EQUAL(f.ev[3].time, until);
    CU_ASSERT_EQUAL(f.a.status, STATUS_HEALTHY);
    outcomes_destroy(&list);
    teardown(&f);
}

/* After the fix, mail that is still bad: the review after the appeal ends in a
 * new pause, and a new appeal follows appeal_delay later. */
static void test_appeal_then_bad_again(void)
{
    fixture f;
    SETUP(&f, NULL, "on_pause = fix", 1);
    hours(&f, 0, 10, 100, 12, 0); /* paused at 10 h */
    hours(&f, 10, 82, 0, 0, 0);   /* appeal at 82 h */
    CU_ASSERT_EQUAL(count(&f, "appeal"), 1);
    int64_t until = f.a.review_until;
    hours(&f, 82, until / H, 100, 7, 0); /* 7%: over review, under pause */
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 4);
    CU_ASSERT_STRING_EQUAL(f.ev[3].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[3].detail, "review ended with bounce_rate 7.000% >= 5%");
    CU_ASSERT_EQUAL(f.a.appeal_at, until + 72 * H);
    hours(&f, until / H, until / H + 72, 0, 0, 0);
    CU_ASSERT_EQUAL(count(&f, "appeal"), 2);
    CU_ASSERT_EQUAL(f.a.status, STATUS_UNDER_REVIEW);
    teardown(&f);
}

/* A paused account accepts nothing (every message refused, nothing counted
 * against the quota); under review it still sends. */
static void test_paused_accepts_nothing(void)
{
    fixture f;
    SETUP(&f, NULL, "on_pause = fix", 1);
    recipient_mix mix = {.verified = 0.2, .simulator = 0.1};
    acct_reply rp = account_submit(&f.a, 0, 60000, 100, &mix, f.r);
    CU_ASSERT_EQUAL(rp.accepted, 100);
    hours(&f, 0, 10, 100, 12, 0);
    CU_ASSERT_EQUAL_FATAL(f.a.status, STATUS_PAUSED);
    int64_t before = win_sum(&f.a.window, 10 * H);
    int64_t refused = 0, accepted = 0, rejected = 0;
    for (int i = 0; i < 100; i++) {
        rp = account_submit(&f.a, 10 * H + i * 60000, 60000, 50, &mix, f.r);
        refused += rp.refused;
        accepted += rp.accepted;
        rejected += rp.rejected;
        CU_ASSERT_EQUAL(rp.listed, 0);
    }
    CU_ASSERT_EQUAL(refused, 5000);
    CU_ASSERT_EQUAL(accepted, 0);
    CU_ASSERT_EQUAL(rejected, 0);
    CU_ASSERT_EQUAL(account_room(&f.a, 11 * H, 60000, 1.0), 0);
    CU_ASSERT_EQUAL(win_sum(&f.a.window, 10 * H + 100 * 60000), before);
    hours(&f, 10, 82, 0, 0, 0); /* appeal: under review, sending again */
    CU_ASSERT_EQUAL_FATAL(f.a.status, STATUS_UNDER_REVIEW);
    rp = account_submit(&f.a, 82 * H, 60000, 50, &(recipient_mix){0}, f.r);
    CU_ASSERT_EQUAL(rp.accepted, 50);
    CU_ASSERT_EQUAL(rp.refused, 0);
    CU_ASSERT(account_room(&f.a, 82 * H + 60000, 60000, 1.0) > 0);
    teardown(&f);
}

/* Feedback arriving late can start a review after the sends stopped. The
 * window keeps sliding by the hour (24 buckets) while what remains still holds
 * rep_volume: at the end of hour 30 it is hours 7..30, i.e. the 1700 sends of
 * hours 7..23, and the 150 bounces of hour 23 give 150 / 1700 = 8.824%. */
static void test_review_on_late_feedback(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    hours(&f, 0, 24, 100, 0, 0); /* 2400 clean sends */
    CU_ASSERT_EQUAL(f.n_ev, 0);
    rep_schedule(&f.a.rep, 23, 30, 150, 0); /* 150 bounces of hour 23 arrive in hour 30 */
    hours(&f, 24, 30, 0, 0, 0);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    hour(&f, 30, 0, 0, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 1);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "bounce_rate 8.824% >= 5%");
    CU_ASSERT_EQUAL(f.ev[0].time, 31 * H);
    CU_ASSERT_EQUAL(f.a.interval.hard_bounces, 150);
    teardown(&f);
}

/* The whole chain through a real stream: a list with 15% invalid addresses
 * (no suppression, no decay) sent by pace at 1000 an hour; the account is
 * paused the first hour its window is representative, the fix cleans the
 * stream's list (registered by stream_init through account_add_list), the
 * queued mail goes out after the appeal without a single hard bounce, and the
 * review after the fix clears. */
static void test_chain_through_stream(void)
{
    fixture f;
    SETUP(&f, NULL, "on_pause = fix\nsuppression = none\nmax24h = 1M\nmax_rate = 100", 1);
    scn_traffic *t = &f.scn->traffic[0];
    t->daily = 24000;
    t->noise = NOISE_NONE;
    t->list_size = 100000;
    t->invalid = 0.15;
    t->list_decay = 0;
    t->bounce_delay = 10 * SIM_MS_PER_MIN;
    rng_set *rngs = rng_set_create(5, 1);
    stream st;
    sim_err err = {0};
    CU_ASSERT_FATAL(stream_init(&st, t, &f.a, &f.scn->sim, rngs, &err) == 0);
    CU_ASSERT_EQUAL_FATAL(f.a.n_lists, 1);
    CU_ASSERT_PTR_EQUAL(f.a.lists[0], &st.outcomes);
    int64_t hard_after_fix = -1, paused_at = -1, appeal_at = -1, tick_errors = 0;
    for (int64_t now = 0; now < 14 * 24 * H; now += SIM_MS_PER_MIN) {
        if (now % H == 0 && now > 0) {
            f.now = now;
            stream_flush_outcomes(&st); /* as the run does at every boundary */
            enforce_hour(&f.a, now);
            if (paused_at < 0 && f.a.status == STATUS_PAUSED)
                paused_at = now;
            if (appeal_at < 0 && count(&f, "appeal") == 1) {
                appeal_at = now;
                hard_after_fix = f.a.total.hard_bounces;
            }
        }
        tick_errors += stream_tick(&st, now, SIM_MS_PER_MIN, &err) != 0;
    }
    CU_ASSERT_EQUAL(tick_errors, 0);
    CU_ASSERT_EQUAL(paused_at, 1 * H); /* 1000 sends by the end of hour 0, ~15% bounced */
    CU_ASSERT_EQUAL(appeal_at, paused_at + 72 * H);
    CU_ASSERT_EQUAL(st.outcomes.list.invalid, 0);
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 4);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "paused");
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "appeal");
    CU_ASSERT_STRING_EQUAL(f.ev[2].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[3].event, "review_cleared");
    CU_ASSERT_EQUAL(f.ev[3].time, appeal_at + 7 * 24 * H);
    /* mail sent before the pause may still bounce after it in the counts,
     * within the 14-day horizon; with a 10-minute median nearly all arrived
     * within the 3 days of the pause, so the count hardly moves, and the rate
     * stays 0: no new sends bounce */
    CU_ASSERT(f.a.total.hard_bounces - hard_after_fix < 5);
    CU_ASSERT_EQUAL(f.a.rep.bounce_rate, 0);
    CU_ASSERT(f.a.rep.representative);
    /* the backlog queued during the pause was sent after the fix */
    CU_ASSERT_EQUAL(st.queue.sum, 0);
    CU_ASSERT_EQUAL(st.total.demand, 14 * 24000);
    CU_ASSERT_EQUAL(st.total.sent, st.total.demand);
    stream_destroy(&st);
    rng_set_destroy(rngs);
    teardown(&f);
}


/* ---- a review not caused by the rates ----------------------------------- */

/* The fixture with these account keys, the account's review stream its own
 * generator (run.c makes "account.NAME.review" only when review_hazard > 0). */
static gsl_rng *setup_review(fixture *f, const char *account_keys)
{
    if (setup(f, NULL, account_keys, 1))
        return NULL;
    f->a.review_rng = gsl_rng_alloc(gsl_rng_taus2);
    return f->a.review_rng;
}

/* A probation "not due to bounces or complaints" after "a comprehensive human
 * review" (arithmetric/aws-lambda-ses-forwarder#130): account.review_hazard,
 * a chance per day, drawn at each whole day from the account's own stream.
 * With 100% a clean healthy account goes under review at the first day; the
 * review ends as any other (cleared: its rates are clean), and it is drawn
 * again only when healthy. */
static void test_review_hazard_certain(void)
{
    fixture f;
    gsl_rng *own = setup_review(&f, "review_hazard = 100%");
    CU_ASSERT_PTR_NOT_NULL_FATAL(own);
    for (int64_t h = 0; h < 24 * 10; h++) {
        hour(&f, h, 100, 0, 0);
        if (f.now % (24 * H) == 0)
            enforce_day(&f.a, f.now);
    }
    CU_ASSERT_EQUAL_FATAL(f.n_ev, 3);
    CU_ASSERT_STRING_EQUAL(f.ev[0].event, "review_started");
    CU_ASSERT_STRING_EQUAL(f.ev[0].detail, "human review: not bounce or complaint rates");
    CU_ASSERT_EQUAL(f.ev[0].time, 24 * H);
    CU_ASSERT_STRING_EQUAL(f.ev[1].event, "review_cleared");
    CU_ASSERT_EQUAL(f.ev[1].time, 8 * 24 * H);
    CU_ASSERT_STRING_EQUAL(f.ev[2].event, "review_started"); /* healthy again at 8 d: drawn */
    CU_ASSERT_EQUAL(f.ev[2].time, 8 * 24 * H);
    CU_ASSERT_STRING_EQUAL(account_shown_api[account_shown_status(&f.a)], "PROBATION");
    gsl_rng_free(own);
    teardown(&f);
}

/* Hazard 0 (the default): no stream is made and nothing is drawn; a paused or
 * sandbox account is never drawn for. */
static void test_review_hazard_zero_and_ineligible(void)
{
    fixture f;
    SETUP(&f, NULL, NULL, 1);
    CU_ASSERT_EQUAL(f.scn->accounts[0].review_hazard, 0);
    CU_ASSERT_PTR_NULL(f.a.review_rng);
    enforce_day(&f.a, 24 * H);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    teardown(&f);

    gsl_rng *own = setup_review(&f, "review_hazard = 100%");
    CU_ASSERT_PTR_NOT_NULL_FATAL(own);
    gsl_rng *copy = gsl_rng_clone(own);
    account_set_status(&f.a, 0, STATUS_PAUSED);
    enforce_day(&f.a, 24 * H);
    f.a.stage = STAGE_SANDBOX;
    account_set_status(&f.a, 0, STATUS_HEALTHY);
    enforce_day(&f.a, 2 * 24 * H);
    CU_ASSERT_EQUAL(f.n_ev, 0);
    CU_ASSERT_EQUAL(gsl_rng_get(own), gsl_rng_get(copy)); /* no draw was made */
    gsl_rng_free(copy);
    gsl_rng_free(own);
    teardown(&f);
}

/* 10% a day: the first review comes at a geometric day, mean 10. 2,000
 * accounts (seeded streams): the mean first day is 10 +- 4 x sd / sqrt(n),
 * sd = sqrt(0.9) / 0.1 = 9.5, so +- 0.85. */
static void test_review_hazard_rate(void)
{
    fixture f;
    gsl_rng *own = setup_review(&f, "review_hazard = 10%");
    CU_ASSERT_PTR_NOT_NULL_FATAL(own);
    double sum = 0;
    const int n = 2000;
    for (int i = 0; i < n; i++) {
        gsl_rng_set(own, (unsigned long)i + 1);
        account_set_status(&f.a, 0, STATUS_HEALTHY);
        int day = 1;
        for (; day < 1000; day++) {
            enforce_day(&f.a, day * 24 * H);
            if (f.a.status == STATUS_UNDER_REVIEW)
                break;
        }
        sum += day;
    }
    ASSERT_NEAR(sum / n, 10, 4 * sqrt(0.9) / 0.1 / sqrt(n));
    gsl_rng_free(own);
    teardown(&f);
}

TEST_SUITE(enforcement,
           {"fixture policy", test_fixture_policy},
           {"review at threshold", test_review_at_threshold},
           {"below thresholds stays healthy", test_below_threshold},
           {"complaint thresholds", test_complaint_thresholds},
           {"review cleared", test_review_cleared},
           {"review ends in pause", test_review_ends_in_pause},
           {"immediate pause", test_immediate_pause},
           {"pause during review", test_pause_during_review},
           {"pause_probability 0", test_pause_probability_zero},
           {"pause_probability 0.5", test_pause_probability_half},
           {"appeal and recovery", test_appeal_and_recovery},
           {"appeal then bad again", test_appeal_then_bad_again},
           {"paused accepts nothing", test_paused_accepts_nothing},
           {"review on late feedback", test_review_on_late_feedback},
           {"whole chain through a stream", test_chain_through_stream},
           {"review hazard 100%: a human review a day", test_review_hazard_certain},
           {"review hazard 0 and ineligible accounts draw nothing", test_review_hazard_zero_and_ineligible},
           {"review hazard 10%: geometric first day", test_review_hazard_rate})
