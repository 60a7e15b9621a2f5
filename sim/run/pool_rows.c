/* pool_rows.c: ips.csv, one row per day and account that sends over dedicated
 * IPs (written only when an account does, so that other scenarios keep their
 * files byte for byte; docs/formats.md). */
#include <stdio.h>

#include "core/config.h"
#include "columns.h"
#include "run_int.h"

int pool_rows_wanted(const scenario *s)
{
    for (size_t i = 0; i < s->n_accounts; i++)
        if (ippool_dedicated(&s->accounts[i]))
            return 1;
    return 0;
}

void pool_rows_header(FILE *f)
{
    fputs("time,day,rep,account,ip_pool,ips,warmup_percentage,dedicated,shared\n", f);
}

static const char *pool_name(int p)
{
    return p == IP_POOL_STANDARD ? "standard" : p == IP_POOL_MANAGED ? "managed" : "shared";
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
        fprintf(w->ips_out, "%s%s,%s,%lld,%d,%lld,%lld\n", time, a->cfg->name,
                pool_name(a->cfg->ip_pool), (long long)a->cfg->dedicated_ips,
                ippool_warmup_percentage(a->cfg, day_start), (long long)a->ips.dedicated,
                (long long)a->ips.shared);
        a->ips.dedicated = a->ips.shared = 0;
    }
}

void mailbox_rows_header(FILE *f)
{
    rows_header(f, columns_mailboxes, MB_COLUMNS_N);
}

static void mailbox_row(world *w, const char *time, size_t a, int d, size_t p)
{
    mbx_sender *s = mbx_sender_of(w->mbx, a, d, p);
    if (!s->used)
        return;
    const mbx_counts *c = &s->interval;
    fprintf(w->mailboxes_out, "%s%s,%s,%s,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%.6f,%lld,%lld,",
            time, w->scn->accounts[a].name, w->scn->mailboxes[p].name, d ? "dedicated" : "shared",
            (long long)c->sent, (long long)c->delivered, (long long)c->inbox,
            (long long)c->spam_folder, (long long)c->deferred, (long long)c->blocked,
            (long long)c->complaints, s->reputation, (long long)c->expired,
            (long long)s->retrying);
    if (s->dedicated)
        fprintf(w->mailboxes_out, "%.0f", s->allowance);
    fputc('\n', w->mailboxes_out);
    s->interval = (mbx_counts){0};
}

void mailbox_rows(world *w, int64_t now)
{
    if (!w->mbx || !w->mailboxes_out)
        return;
    char time[TIME_COLUMNS_BUF];
    rows_time_columns(time, w, now);
    for (size_t a = 0; a < w->scn->n_accounts; a++)
        for (int d = 0; d < 2; d++)
            for (size_t p = 0; p < w->scn->n_mailboxes; p++)
                mailbox_row(w, time, a, d, p);
}

/* Column `col` of the mailbox summary, with its leading comma (columns.h). */
static void mailbox_cell(FILE *f, mailbox_summary_column_id col, const mbx_counts *t)
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
    for (size_t a = 0; a < w->scn->n_accounts; a++)
        for (int d = 0; d < 2 && (index < 0 || (size_t)index == a); d++)
            for (size_t p = 0; p < w->scn->n_mailboxes; p++) {
                const mbx_counts *c = &mbx_sender_of(w->mbx, a, d, p)->total;
                t.sent += c->sent;
                t.inbox += c->inbox;
                t.spam_folder += c->spam_folder;
                t.deferred += c->deferred;
                t.blocked += c->blocked;
                t.expired += c->expired;
            }
    for (int col = 0; col < MSUM_COLUMNS_N; col++)
        mailbox_cell(f, (mailbox_summary_column_id)col, &t);
}
