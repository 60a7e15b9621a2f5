/* traffic_ses_events.c: kind = ses-events, demand and observed outcome shares
 * replayed from SES's per-message records: event publishing (one JSON object a
 * line, as Kinesis Data Firehose writes them, `eventType`) or the bodies of
 * SNS notifications, one a line (`notificationType`).
 *
 *   {"eventType":"Bounce","bounce":{"bounceType":"Permanent",...},
 *    "mail":{"timestamp":"2016-01-27T14:59:38.237Z",...}}
 *
 * Every record names the time its message was sent (`mail.timestamp`), so the
 * records are counted by the minute their message was sent:
 *   - messages: Delivery and Bounce records (each message that reached a
 *     receiving server ends in exactly one of them); Send and Reject records
 *     are checked but are not demand, as in kind = ses-stats (a Send is
 *     followed by its Delivery or Bounce; a Reject never left SES);
 *   - hard bounces: Bounce records with bounceType Permanent (Transient and
 *     Undetermined are soft: the stream's soft_bounce applies);
 *   - complaints: Complaint records.
 * The file is read one line at a time and only the minutes are kept (memory
 * grows with the minutes that saw mail, not with the records); records of
 * other types (Open, Click, DeliveryDelay, ...) and blank lines are skipped.
 * A minute's messages are spread evenly over it (cumulative rounding); the
 * minute's hard-bounce and complaint shares replace the outcome model's for
 * mail sent in it, like kind = ses-stats's points. When the bounces and
 * complaints arrive is the outcome model's (bounce_delay, complaint_delay):
 * the records' own arrival times are not replayed. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/jsonin.h"
#include "core/units.h"
#include "traffic.h"

#define EV_MINUTE_MS SIM_MS_PER_MIN

/* A point is a minute: attempts = its messages, bounces = its hard bounces,
 * line = the first record of the minute seen. */
typedef struct ev_source {
    traffic_points pts; /* while reading, in reading order; then sorted, merged */
    int64_t start;      /* sim.start (ms since 1970) */
    long records;       /* lines that are not blank */
} ev_source;

enum { EV_SEND, EV_DELIVERY, EV_BOUNCE, EV_COMPLAINT, EV_REJECT, EV_OTHER };

static int record_type(const char *path, long line, const json_t *r, int *type, sim_err *err)
{
    static const char *const names[] = {"Send", "Delivery", "Bounce", "Complaint", "Reject"};
    const char *s = NULL;
    int rc = jsonin_string(path, line, r, "eventType", &s, err);
    if (rc == 1)
        rc = jsonin_string(path, line, r, "notificationType", &s, err);
    if (rc == 1)
        return sim_errorf(err, SIM_EINPUT, path, line,
                          "a record without eventType or notificationType (is this an SES event "
                          "publishing record or an SNS notification body?)");
    if (rc)
        return rc;
    for (*type = 0; *type < EV_OTHER && strcmp(s, names[*type]) != 0; ++*type)
        ;
    return 0;
}

static int bounce_is_hard(const char *path, long line, const json_t *r, int *hard, int *soft,
                          sim_err *err)
{
    const json_t *b = json_object_get(r, "bounce");
    const char *type = NULL;
    int rc = json_is_object(b) ? jsonin_string(path, line, b, "bounceType", &type, err) : 1;
    if (rc == 1)
        return sim_errorf(err, SIM_EINPUT, path, line, "a Bounce record without bounce.bounceType");
    if (rc)
        return rc;
    if (strcmp(type, "Permanent") && strcmp(type, "Transient") && strcmp(type, "Undetermined"))
        return sim_errorf(err, SIM_EINPUT, path, line,
                          "bounceType '%.40s' is not Permanent, Transient or Undetermined", type);
    *hard = strcmp(type, "Permanent") == 0;
    *soft = strcmp(type, "Transient") == 0;
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const traffic_point *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Records come in arrival order, not send order: sort, then merge minutes. */
static void merge(ev_source *s)
{
    if (!s->pts.n)
        return; /* s->pts.p may be NULL: qsort wants a pointer (found by fuzzing) */
    qsort(s->pts.p, s->pts.n, sizeof *s->pts.p, by_time);
    size_t k = 0;
    for (size_t i = 0; i < s->pts.n; i++) {
        if (k && s->pts.p[k - 1].t == s->pts.p[i].t) {
            s->pts.p[k - 1].attempts += s->pts.p[i].attempts;
            s->pts.p[k - 1].bounces += s->pts.p[i].bounces;
            s->pts.p[k - 1].complaints += s->pts.p[i].complaints;
            s->pts.p[k - 1].soft += s->pts.p[i].soft;
        } else {
            s->pts.p[k++] = s->pts.p[i];
        }
    }
    s->pts.n = k;
}

static void add(ev_source *s, int64_t t, int sent, int hard, int soft, int complaint, long line)
{
    traffic_point *last = s->pts.n ? &s->pts.p[s->pts.n - 1] : NULL;
    if (!last || last->t != t) {
        if (s->pts.n == s->pts.cap && s->pts.n) { /* merge before growing: one entry a minute */
            merge(s);
            if (s->pts.n > s->pts.cap / 2)
                s->pts.p = sim_xrealloc(s->pts.p, (s->pts.cap *= 2) * sizeof *s->pts.p);
        }
        if (s->pts.n == s->pts.cap) {
            s->pts.cap = s->pts.cap ? 2 * s->pts.cap : 1024;
            s->pts.p = sim_xrealloc(s->pts.p, s->pts.cap * sizeof *s->pts.p);
        }
        s->pts.p[s->pts.n++] = (traffic_point){.t = t, .line = line};
        last = &s->pts.p[s->pts.n - 1];
    }
    last->attempts += sent;
    last->bounces += hard;
    last->soft += soft;
    last->complaints += complaint;
}

static int read_record(ev_source *s, const json_t *r, long line, sim_err *err)
{
    int type = EV_OTHER, hard = 0, soft = 0, rc;
    if (!json_is_object(r))
        return sim_errorf(err, SIM_EINPUT, s->pts.path, line, "a record is not a JSON object");
    if ((rc = record_type(s->pts.path, line, r, &type, err)) || type == EV_OTHER)
        return rc;
    const json_t *mail = json_object_get(r, "mail");
    int64_t at;
    rc = json_is_object(mail) ? jsonin_time(s->pts.path, line, mail, "timestamp", &at, err) : 1;
    if (rc == 1)
        return sim_errorf(err, SIM_EINPUT, s->pts.path, line, "a record without mail.timestamp");
    if (rc || (type == EV_BOUNCE && (rc = bounce_is_hard(s->pts.path, line, r, &hard, &soft, err))))
        return rc;
    if (at < s->start) {
        char a[UNITS_BUF], b[UNITS_BUF];
        units_fmt_datetime(at, a);
        units_fmt_datetime(s->start, b);
        return sim_errorf(err, SIM_EINPUT, s->pts.path, line,
                          "mail.timestamp %s is before sim.start (%s)", a, b);
    }
    int64_t t = (at - s->start) / EV_MINUTE_MS * EV_MINUTE_MS;
    if (!s->pts.data_end || t < s->pts.data_first)
        s->pts.data_first = t;
    if (t + EV_MINUTE_MS > s->pts.data_end)
        s->pts.data_end = t + EV_MINUTE_MS; /* kept though the minute may be dropped */
    if (t < s->pts.end)
        add(s, t, type == EV_DELIVERY || type == EV_BOUNCE, hard, soft, type == EV_COMPLAINT, line);
    return 0;
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

static int read_lines(ev_source *s, FILE *f, sim_err *err)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long line = 0;
    int rc = 0;
    while (!rc && (n = getline(&buf, &cap, f)) >= 0) {
        line++;
        if (n > SES_EVENTS_MAX_LINE)
            rc = sim_errorf(err, SIM_EINPUT, s->pts.path, line, "record longer than %ld bytes",
                            SES_EVENTS_MAX_LINE);
        else if (!blank(buf, (size_t)n)) {
            json_t *r;
            s->records++;
            if (!(rc = jsonin_parse_line(&r, s->pts.path, line, buf, (size_t)n, err))) {
                rc = read_record(s, r, line, err);
                json_decref(r);
            }
        }
    }
    free(buf);
    if (!rc && !s->records)
        rc = sim_errorf(err, SIM_EINPUT, s->pts.path, line > 0 ? line : 1,
                        "no records: expected SES event records, one JSON object a line");
    return rc;
}

static int ev_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    ev_source *s = state;
    *s = (ev_source){.pts = {.width = EV_MINUTE_MS, .end = sim->duration, .path = cfg->file},
                     .start = sim->start};
    FILE *f = fopen(cfg->file, "rb");
    if (!f)
        return sim_errorf(err, SIM_EINPUT, cfg->file, 0, "cannot open: %s", strerror(errno));
    int rc = read_lines(s, f, err);
    if (!rc && ferror(f))
        rc = sim_errorf(err, SIM_EINPUT, cfg->file, 0, "cannot read (is it a folder?)");
    fclose(f);
    if (!rc)
        merge(s);
    return rc ? rc : traffic_points_finish(&s->pts, cfg, sim, err);
}

const traffic_type traffic_ses_events = {
    .name = "ses-events",
    .needs = TRAFFIC_NEEDS_FILE,
    .state_size = sizeof(ev_source),
    .init = ev_init,
    .demand = traffic_points_kind_demand,
    .destroy = traffic_points_kind_destroy,
    .observed_shares = traffic_points_kind_shares,
    .points = traffic_points_kind_points,
};
