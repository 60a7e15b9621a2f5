/* pool_rows.c: ips.csv, one row per day and account that sends over dedicated
 * IPs (written only when an account does, so that other scenarios keep their
 * files byte for byte; docs/formats.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/error.h"
#include "io/csvtext.h"
#include "columns.h"
#include "run_int.h"

int pool_rows_wanted(const scenario *s)
{
    for (size_t i = 0; i < s->n_accounts; i++)
        if (ippool_dedicated(&s->accounts[i]))
            return 1;
    return 0;
}

void pool_rows_header(FILE *f) { columns_header(f, columns_ips, IPS_COLUMNS_N); }

static const char *pool_name(int p)
{
    return p == IP_POOL_STANDARD ? "standard" : p == IP_POOL_MANAGED ? "managed" : "shared";
}

/* Column `col` of an ips.csv row, without its comma: the pool `ips` (its
 * keys: cfg) of the account named `account`; day_start: the row's day. */
static void ip_cell(FILE *f, ip_column_id col, const char *account, const scn_account *cfg,
                    const ippool *ips, int64_t day_start)
{
    switch (col) {
    case IPS_time: case IPS_day: case IPS_rep: break; /* rows_time_columns */
    case IPS_account: csvtext_field(f, account); break;
    case IPS_ip_pool: fputs(pool_name(cfg->ip_pool), f); break;
    case IPS_ips: rows_put_count(f, cfg->dedicated_ips); break;
    case IPS_warmup_percentage: fprintf(f, "%d", ippool_warmup_percentage(cfg, day_start)); break;
    case IPS_dedicated: rows_put_count(f, ips->dedicated); break;
    case IPS_shared: rows_put_count(f, ips->shared); break;
    case IPS_COLUMNS_N: break;
    }
}

/* The columns of a pool's row from `account` on, then the row's end. */
static void ip_row_tail(FILE *f, const char *account, const scn_account *cfg, ippool *ips,
                        int64_t day_start)
{
    for (int col = IPS_account; col < IPS_COLUMNS_N; col++) {
        ip_cell(f, (ip_column_id)col, account, cfg, ips, day_start);
        fputc(col + 1 < IPS_COLUMNS_N ? ',' : '\n', f);
    }
    ips->dedicated = ips->shared = 0;
}

void pool_rows(world *w, int64_t now)
{
    if (!w->ips_out || now <= 0)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    int64_t day_start = (now - 1) / SIM_MS_PER_DAY * SIM_MS_PER_DAY;
    for (size_t i = 0; i < w->scn->n_accounts; i++) {
        account *a = &w->accounts[i];
        if (!ippool_dedicated(a->cfg))
            continue;
        fputs(time, w->ips_out);
        ip_row_tail(w->ips_out, a->cfg->name, a->cfg, &a->ips, day_start);
    }
}

static int configset_pool_dedicated(const scn_tenant *c)
{
    return c->ip_pool == CONFIGSET_POOL_STANDARD || c->ip_pool == CONFIGSET_POOL_MANAGED;
}

int configset_pool_rows_wanted(const scenario *s)
{
    for (size_t i = 0; i < s->n_configsets; i++)
        if (configset_pool_dedicated(&s->configsets[i]))
            return 1;
    return 0;
}

void configset_pool_rows_header(FILE *f)
{
    fputs("time,day,rep,configset,", f); /* then ips.csv's columns from account on */
    columns_header(f, columns_ips + IPS_account, IPS_COLUMNS_N - IPS_account);
}

void configset_pool_rows(world *w, int64_t now)
{
    if (!w->configset_ips_out || now <= 0)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    int64_t day_start = (now - 1) / SIM_MS_PER_DAY * SIM_MS_PER_DAY;
    for (size_t i = 0; i < w->scn->n_configsets; i++) {
        tenant *t = &w->configsets[i];
        if (!configset_pool_dedicated(t->cfg))
            continue;
        fputs(time, w->configset_ips_out);
        csvtext_field(w->configset_ips_out, t->cfg->name);
        fputc(',', w->configset_ips_out);
        ip_row_tail(w->configset_ips_out, t->acct->cfg->name, &t->pool_cfg, &t->ips, day_start);
    }
}

void mailbox_rows_header(FILE *f) { columns_header(f, columns_mailboxes, MBX_COLUMNS_N); }

/* The pool column of pool owner o's sender s: shared, dedicated (the
 * account's IPs) or configset.NAME (a set's own IPs). */
static void mailbox_pool_cell(FILE *f, const world *w, size_t o, const mbx_sender *s)
{
    if (!s->dedicated || o < w->mbx->n_acct) {
        fputs(s->dedicated ? "dedicated" : "shared", f);
        return;
    }
    const char *set = w->mbx->pools[o]->cfg->name;
    char *name = sim_xmalloc(strlen(set) + sizeof "configset.");
    sprintf(name, "configset.%s", set);
    csvtext_field(f, name);
    free(name);
}

/* Column `col` of a mailboxes.csv row, without its comma: pool owner o's
 * sender s (of the shared or its dedicated pool) to provider p. */
static void mailbox_cell(FILE *f, mailbox_column_id col, const world *w, size_t o, size_t p,
                         const mbx_sender *s)
{
    const mbx_counts *c = &s->interval;
    switch (col) {
    case MBX_time: case MBX_day: case MBX_rep: break; /* rows_time_columns */
    case MBX_account: csvtext_field(f, w->scn->accounts[w->mbx->owner_account[o]].name); break;
    case MBX_mailbox: csvtext_field(f, w->scn->mailboxes[p].name); break;
    case MBX_pool: mailbox_pool_cell(f, w, o, s); break;
    case MBX_sent: rows_put_count(f, c->sent); break;
    case MBX_delivered: rows_put_count(f, c->delivered); break;
    case MBX_inbox: rows_put_count(f, c->inbox); break;
    case MBX_spam_folder: rows_put_count(f, c->spam_folder); break;
    case MBX_deferred: rows_put_count(f, c->deferred); break;
    case MBX_blocked: rows_put_count(f, c->blocked); break;
    case MBX_complaints: rows_put_count(f, c->complaints); break;
    case MBX_reputation: fprintf(f, "%.6f", s->reputation); break;
    case MBX_expired: rows_put_count(f, c->expired); break;
    case MBX_retrying: rows_put_count(f, s->retrying); break;
    case MBX_allowance: /* today's, for a dedicated sender; empty for the shared pool */
        if (s->dedicated)
            fprintf(f, "%.0f", s->allowance);
        break;
    case MBX_COLUMNS_N: break;
    }
}

static void mailbox_row(world *w, const char *time, size_t a, int d, size_t p)
{
    mbx_sender *s = mbx_sender_of(w->mbx, a, d, p);
    if (!s->used)
        return;
    fputs(time, w->mailboxes_out);
    for (int col = MBX_rep + 1; col < MBX_COLUMNS_N; col++) {
        mailbox_cell(w->mailboxes_out, (mailbox_column_id)col, w, a, p, s);
        fputc(col + 1 < MBX_COLUMNS_N ? ',' : '\n', w->mailboxes_out);
    }
    s->interval = (mbx_counts){0};
}

void mailbox_rows(world *w, int64_t now)
{
    if (!w->mbx || !w->mailboxes_out)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    for (size_t o = 0; o < w->mbx->n_pools; o++) /* the accounts, then the sets' own pools */
        for (int d = 0; d < 2; d++)
            for (size_t p = 0; p < w->scn->n_mailboxes; p++)
                mailbox_row(w, time, o, d, p);
}

/* Column `col` of the mailbox summary, with its leading comma (columns.h). */
static void mailbox_summary_cell(FILE *f, mailbox_summary_column_id col, const mbx_counts *t)
{
    double n = t->sent > 0 ? (double)t->sent : 1;
    switch (col) {
    case MSUM_mailbox_sent: fprintf(f, ",%lld", (long long)t->sent); break;
    case MSUM_inbox: fprintf(f, ",%lld", (long long)t->inbox); break;
    case MSUM_spam_folder: fprintf(f, ",%lld", (long long)t->spam_folder); break;
    case MSUM_deferred: fprintf(f, ",%lld", (long long)t->deferred); break;
    case MSUM_blocked: fprintf(f, ",%lld", (long long)t->blocked); break;
    case MSUM_expired: fprintf(f, ",%lld", (long long)t->expired); break;
    case MSUM_inbox_share: fprintf(f, ",%.6f", (double)t->inbox / n); break;
    case MSUM_deferred_share: fprintf(f, ",%.6f", (double)t->deferred / n); break;
    case MSUM_COLUMNS_N: break;
    }
}

void mailbox_summary_columns(world *w, long index, FILE *f)
{
    mbx_counts t = {0};
    for (size_t o = 0; o < w->mbx->n_pools; o++) /* an account's row: its sets' pools too */
        for (int d = 0; d < 2 && (index < 0 || (size_t)index == w->mbx->owner_account[o]); d++)
            for (size_t p = 0; p < w->scn->n_mailboxes; p++) {
                const mbx_counts *c = &mbx_sender_of(w->mbx, o, d, p)->total;
                t.sent += c->sent;
                t.inbox += c->inbox;
                t.spam_folder += c->spam_folder;
                t.deferred += c->deferred;
                t.blocked += c->blocked;
                t.expired += c->expired;
            }
    for (int col = 0; col < MSUM_COLUMNS_N; col++)
        mailbox_summary_cell(f, (mailbox_summary_column_id)col, &t);
}
