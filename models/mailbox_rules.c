/* mailbox_rules.c: the providers' judgement as pure functions: the day's
 * score (assumption), the published rules (Gmail and Yahoo 2024, Microsoft
 * 2025; docs/ses-facts.md) and the spam-folder share (assumption). */
#include <string.h>

#include "mailbox.h"

/* name, share, feedback_loop, spam_rate_limit, auth_volume, auth_from,
 * auth_any, allowance (per IP per day). Shares and allowances are
 * assumptions; the rules are the providers' published ones. */
const mbx_default mbx_defaults[] = {
    {"gmail", "40%", "off", "0.3%", "5000", "2024-02-01T00:00:00Z", "on", "2k"},
    {"microsoft", "25%", "on", "0%", "5001", "2025-05-05T00:00:00Z", "off", "20k"},
    {"yahoo", "15%", "on", "0.3%", "5000", "2024-02-01T00:00:00Z", "on", "5k"},
    {"other", "20%", "on", "0%", "0", "2024-02-01T00:00:00Z", "off", "10k"},
};
const size_t mbx_n_defaults = sizeof mbx_defaults / sizeof mbx_defaults[0];

int mbx_shipped(const char *name)
{
    for (size_t i = 0; i < mbx_n_defaults; i++)
        if (!strcmp(mbx_defaults[i].name, name))
            return 1;
    return 0;
}

const char *mbx_default_of(const char *provider, const char *key)
{
    const mbx_default *d = &mbx_defaults[mbx_n_defaults - 1];
    for (size_t i = 0; i < mbx_n_defaults; i++)
        if (!strcmp(mbx_defaults[i].name, provider))
            d = &mbx_defaults[i];
    const char *const keys[] = {"share", "feedback_loop", "spam_rate_limit", "auth_volume",
                                "auth_from", "auth_any", "allowance"};
    const char *const vals[] = {d->share, d->feedback_loop, d->spam_rate_limit, d->auth_volume,
                                d->auth_from, d->auth_any, d->allowance};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(keys[i], key))
            return vals[i];
    return NULL;
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

double mbx_day_score(const scn_mailbox *p, int64_t offered, int64_t unknown, int64_t inbox,
                     int64_t reports)
{
    double u = offered > 0 ? (double)unknown / (double)offered : 0;
    double s = inbox > 0 ? (double)reports / (double)inbox : 0;
    return clamp01(1 - (p->bounce_weight + p->trap_share * p->trap_weight) * u - p->spam_weight * s);
}

/* Fully authenticated: SPF, DKIM and DMARC (what bulk senders need at Gmail,
 * Yahoo and, over 5,000 a day, Outlook.com). */
static int fully_authenticated(const scn_account *a)
{
    return a->spf == SCN_ON && a->dkim == SCN_ON && a->dmarc == SCN_ON;
}

int64_t mbx_auth_blocks(const scn_mailbox *p, const scn_account *a, int64_t when, int64_t before,
                        int64_t n, int *bulk)
{
    if (when < p->auth_from || n <= 0)
        return 0;
    if (p->auth_any == SCN_ON && a->spf != SCN_ON && a->dkim != SCN_ON)
        return n; /* every sender: SPF or DKIM */
    if (p->auth_volume <= 0)
        return 0;
    /* the message that brings the day's count to auth_volume makes it bulk,
     * and from it on, a bulk sender's mail needs all three (once bulk, always) */
    int64_t first_bulk = *bulk ? 0 : (int64_t)p->auth_volume - 1 - before;
    if (first_bulk >= n)
        return 0;
    *bulk = 1;
    if (first_bulk < 0)
        first_bulk = 0;
    return fully_authenticated(a) ? 0 : n - first_bulk;
}

void mbx_spam_rule(const scn_mailbox *p, int64_t inbox, int64_t reports, int *broken,
                   int64_t *clean_days)
{
    if (p->spam_rate_limit <= 0 || inbox <= 0)
        return;
    /* Gmail: "avoid ever reaching a spam rate of 0.30% or higher"; mitigation
     * after 7 consecutive days below it */
    if ((double)reports >= p->spam_rate_limit * (double)inbox) {
        *broken = 1;
        *clean_days = 0;
    } else if (*broken && ++*clean_days >= p->spam_rate_days) {
        *broken = 0;
        *clean_days = 0;
    }
}

double mbx_spam_folder_share(const scn_mailbox *p, double reputation, double content)
{
    return clamp01(p->spam_reputation * (1 - reputation) + p->spam_content * (1 - content));
}

double mbx_judged_reputation(const scn_mailbox *p, double r, double rd, long domain)
{
    return domain < 0 ? r : (1 - p->domain_weight) * r + p->domain_weight * rd;
}

double mbx_ip_allowance(const scn_mailbox *p, const mbx_sender *s, int64_t ips, double hd,
                        long domain)
{
    if (domain < 0 || !s->dedicated)
        return s->allowance;
    double credited = p->allowance * (double)ips + p->allowance_growth * p->domain_credit * hd;
    return credited > s->allowance ? credited : s->allowance;
}
