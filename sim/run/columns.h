/* columns.h: the columns of every CSV file of a run, each listed once
 * (docs/formats.md describes them). columns.c expands each list into the
 * names of its header; the writers (rows.c, tenant_rows.c, pool_rows.c,
 * bands.c) give each column's value in a switch on its id, which the compiler
 * checks is complete (-Wswitch); the report (report_read.c, report_top.c,
 * report_run_html.c) names the columns it reads by id, so a renamed column is
 * a compile error there. */
#ifndef SESIM_COLUMNS_H
#define SESIM_COLUMNS_H

#include <stdio.h>

/* timeseries.csv, one row per interval and account (and `*`). */
#define TIMESERIES_COLUMNS(X)                                                                  \
    X(time) X(day) X(rep) X(account) X(status) X(max24h) X(max_rate) X(sent_24h) X(demand)     \
    X(sent) X(throttled) X(rejected) X(overflow) X(dropped) X(backlog) X(delivered)            \
    X(hard_bounces) X(soft_bounces) X(complaints) X(bounce_rate) X(complaint_rate)             \
    X(content_score) X(api_status)

/* summary.csv, one row per replication and account (and `*`): these columns,
 * with one days_to_TARGET column per target of sim.targets after
 * production_day (SUMMARY_TARGETS_AFTER). */
#define SUMMARY_COLUMNS(X)                                                                     \
    X(rep) X(account) X(final_status) X(final_max24h) X(final_max_rate) X(production_day)      \
    X(total_demand) X(total_sent) X(total_rejected) X(total_overflow) X(total_dropped)         \
    X(total_throttled) X(peak_bounce_rate) X(peak_complaint_rate) X(days_under_review)         \
    X(days_paused) X(delay_p50_s) X(delay_p99_s) X(times_reviewed) X(first_review_day)        \
    X(times_paused) X(first_pause_day) X(times_flagged) X(first_flag_day)
#define SUMMARY_TARGETS_AFTER SUM_production_day
/* The name of a target's column is this prefix and the target (days_to_50k);
 * the studies and the report find those columns by it. */
#define SUMMARY_DAYS_TO "days_to_"

/* summary.csv's columns of the mailbox providers, after the others when
 * sim.mailboxes = on (pool_rows.c writes them). */
#define MAILBOX_SUMMARY_COLUMNS(X)                                                             \
    X(mailbox_sent) X(inbox) X(spam_folder) X(deferred) X(blocked) X(expired) X(inbox_share)   \
    X(deferred_share)

/* tenants.csv (per tenant and interval) and tenants-summary.csv (per tenant
 * and replication), written by tenant_rows.c when the scenario has tenants. */
#define TENANT_COLUMNS(X)                                                                      \
    X(time) X(day) X(rep) X(tenant) X(account) X(policy) X(status) X(impact) X(demand) X(sent) \
    X(throttled) X(delivered) X(hard_bounces) X(complaints) X(bounce_rate) X(complaint_rate)  \
    X(representative)
#define TENANT_SUMMARY_COLUMNS(X)                                                              \
    X(rep) X(tenant) X(account) X(policy) X(status) X(demand) X(sent) X(throttled)             \
    X(delivered) X(hard_bounces) X(complaints) X(peak_bounce_rate) X(peak_complaint_rate)      \
    X(pauses) X(first_pause_day) X(alarm_pauses) X(days_paused) X(days_alarm_paused)

/* events.csv, one row per event of an account. */
#define EVENT_COLUMNS(X) X(time) X(day) X(rep) X(account) X(event) X(detail)

/* bands.csv, with several replications: one row per time, account and metric
 * (bands.h lists the metrics). */
#define BAND_COLUMNS(X) X(time) X(day) X(account) X(metric) X(mean) X(p05) X(p50) X(p95)

/* clients.csv, one row per replication and part of a client stream. */
#define CLIENT_COLUMNS(X)                                                                      \
    X(rep) X(stream) X(account) X(client) X(client_rate) X(calls) X(throttled_calls)          \
    X(throttled_share) X(dropped) X(safe_client_rate)

/* ips.csv, one row per day and account that sends over dedicated IPs. */
#define IP_COLUMNS(X)                                                                          \
    X(time) X(day) X(rep) X(account) X(ip_pool) X(ips) X(warmup_percentage) X(dedicated)      \
    X(shared)

/* mailboxes.csv, one row per interval, account, pool and mailbox provider used. */
#define MAILBOX_COLUMNS(X)                                                                     \
    X(time) X(day) X(rep) X(account) X(mailbox) X(pool) X(sent) X(delivered) X(inbox)         \
    X(spam_folder) X(deferred) X(blocked) X(complaints) X(reputation) X(expired) X(retrying)  \
    X(allowance)
/* configsets-summary.csv (per configuration set and replication): each
 * column's name and the tenants-summary.csv column whose value it takes (a
 * configuration set is a tenant without policy: models/tenant.h). */
#define CONFIGSET_SUMMARY_COLUMNS(X)                                                           \
    X(rep, rep) X(configset, tenant) X(account, account) X(status, status) X(demand, demand)   \
    X(sent, sent) X(throttled, throttled) X(delivered, delivered)                             \
    X(hard_bounces, hard_bounces) X(complaints, complaints)                                   \
    X(peak_bounce_rate, peak_bounce_rate) X(peak_complaint_rate, peak_complaint_rate)         \
    X(alarm_pauses, alarm_pauses) X(days_alarm_paused, days_alarm_paused)

#define COLUMNS_TS_ID(name) TS_##name,
#define COLUMNS_SUM_ID(name) SUM_##name,
typedef enum { TIMESERIES_COLUMNS(COLUMNS_TS_ID) TS_COLUMNS_N } ts_column_id;
typedef enum { SUMMARY_COLUMNS(COLUMNS_SUM_ID) SUM_COLUMNS_N } summary_column_id;
#define COLUMNS_MSUM_ID(name) MSUM_##name,
typedef enum { MAILBOX_SUMMARY_COLUMNS(COLUMNS_MSUM_ID) MSUM_COLUMNS_N } mailbox_summary_column_id;
#undef COLUMNS_MSUM_ID
#define COLUMNS_TN_ID(name) TN_##name,
#define COLUMNS_TNS_ID(name) TNS_##name,
typedef enum { TENANT_COLUMNS(COLUMNS_TN_ID) TN_COLUMNS_N } tenant_column_id;
typedef enum { TENANT_SUMMARY_COLUMNS(COLUMNS_TNS_ID) TNS_COLUMNS_N } tenant_summary_column_id;
#undef COLUMNS_TN_ID
#undef COLUMNS_TNS_ID
#undef COLUMNS_TS_ID
#undef COLUMNS_SUM_ID
#define COLUMNS_EVT_ID(name) EVT_##name,
#define COLUMNS_BND_ID(name) BND_##name,
#define COLUMNS_CLI_ID(name) CLI_##name,
#define COLUMNS_IPS_ID(name) IPS_##name,
#define COLUMNS_MBX_ID(name) MBX_##name,
typedef enum { EVENT_COLUMNS(COLUMNS_EVT_ID) EVT_COLUMNS_N } event_column_id;
typedef enum { BAND_COLUMNS(COLUMNS_BND_ID) BND_COLUMNS_N } band_column_id;
typedef enum { CLIENT_COLUMNS(COLUMNS_CLI_ID) CLI_COLUMNS_N } client_column_id;
typedef enum { IP_COLUMNS(COLUMNS_IPS_ID) IPS_COLUMNS_N } ip_column_id;
typedef enum { MAILBOX_COLUMNS(COLUMNS_MBX_ID) MBX_COLUMNS_N } mailbox_column_id;
#undef COLUMNS_EVT_ID
#undef COLUMNS_BND_ID
#undef COLUMNS_CLI_ID
#undef COLUMNS_IPS_ID
#undef COLUMNS_MBX_ID

extern const char *const columns_timeseries[TS_COLUMNS_N];
extern const char *const columns_summary[SUM_COLUMNS_N];
extern const char *const columns_mailbox_summary[MSUM_COLUMNS_N];
extern const char *const columns_tenants[TN_COLUMNS_N];
extern const char *const columns_tenant_summary[TNS_COLUMNS_N];
extern const char *const columns_events[EVT_COLUMNS_N];
extern const char *const columns_bands[BND_COLUMNS_N];
extern const char *const columns_clients[CLI_COLUMNS_N];
extern const char *const columns_ips[IPS_COLUMNS_N];
extern const char *const columns_mailboxes[MBX_COLUMNS_N];

/* A header line of `n` column names (one of the arrays above). */
void columns_header(FILE *f, const char *const *names, int n);
#define COLUMNS_CSS_ID(name, as) CSS_##name,
enum { CONFIGSET_SUMMARY_COLUMNS(COLUMNS_CSS_ID) CSS_COLUMNS_N };
#undef COLUMNS_CSS_ID
extern const char *const columns_configset_summary[CSS_COLUMNS_N];

#endif
