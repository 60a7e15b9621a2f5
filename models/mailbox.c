/* mailbox.c: the providers' state per sender, SES's retries of deferred mail,
 * and the feedback to SES (the model: mailbox.h). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "core/config.h"
#include "core/error.h"
#include "mailbox.h"

static int64_t binom(gsl_rng *r, double p, int64_t n)
{
    if (n <= 0 || p <= 0)
        return 0;
    return p >= 1 ? n : (int64_t)gsl_ran_binomial(r, p, (unsigned int)n);
}

mbx_sender *mbx_sender_of(mailboxes *m, size_t owner, int dedicated, size_t provider)
{
    return &m->senders[(owner * 2 + (dedicated ? 1 : 0)) * m->n_prov + provider];
}

int mbx_own_pool(const scn_tenant *c) { return c->ip_pool != CONFIGSET_POOL_ACCOUNT; }

/* Who sends a pool owner's mail over one pool: the owner over its dedicated
 * IPs, its account over the shared pool (a set's shared mail is its
 * account's). */
static size_t sender_owner(const mailboxes *m, size_t owner, int dedicated)
{
    return dedicated ? owner : m->owner_account[owner];
}

/* The dedicated IPs of a pool owner's pool. */
static int64_t owner_ips(const mailboxes *m, size_t owner)
{
    return m->pools[owner]->cfg->dedicated_ips;
}

mbx_sender *mbx_domain_of(mailboxes *m, size_t domain, size_t provider)
{
    return &m->domains[domain * m->n_prov + provider];
}

static void sender_init(mbx_sender *s, const scn_mailbox *p, int dedicated, int64_t ips)
{
    *s = (mbx_sender){.dedicated = dedicated};
    s->reputation = dedicated ? p->new_reputation : p->shared_reputation;
    s->base = dedicated ? p->allowance * (double)ips : INFINITY;
    s->allowance = s->base;
}

/* A sending domain at a provider: its history before the start is the
 * provider's share of the domain's; with none it starts as new IPs do, with
 * some as warm as the shared pool (docs/model.md). */
static void domain_init(mbx_sender *s, const scn_mailbox *p, double history)
{
    *s = (mbx_sender){.history = history * p->share, .base = p->domain_allowance};
    s->reputation = history > 0 ? p->shared_reputation : p->new_reputation;
    s->allowance = s->base + p->allowance_growth * s->history;
}

/* The pools' owners: the accounts, then the sets with their own pool. */
static void owners_init(mailboxes *m, const scenario *s)
{
    m->n_pools = m->n_acct;
    for (size_t i = 0; i < s->n_configsets; i++)
        m->n_pools += mbx_own_pool(&s->configsets[i]) ? 1 : 0;
    m->owner_account = sim_xmalloc((m->n_pools + 1) * sizeof *m->owner_account);
    for (size_t a = 0; a < m->n_acct; a++)
        m->owner_account[a] = a;
    for (size_t i = 0, o = m->n_acct; i < s->n_configsets; i++)
        if (mbx_own_pool(&s->configsets[i]))
            m->owner_account[o++] = s->configsets[i].account_index;
}

void mbx_init(mailboxes *m, const scenario *s, ippool **pools, gsl_rng *r, mbx_feedback_fn fn)
{
    *m = (mailboxes){.scn = s, .n_prov = s->n_mailboxes, .n_acct = s->n_accounts, .pools = pools,
                     .rng = r, .feedback = fn};
    owners_init(m, s);
    m->senders = sim_xcalloc(m->n_pools * 2 * m->n_prov + 1, sizeof *m->senders);
    m->n_dom = s->n_domains;
    m->domains = sim_xcalloc(m->n_dom * m->n_prov + 1, sizeof *m->domains);
    for (size_t d = 0; d < m->n_dom; d++)
        for (size_t p = 0; p < m->n_prov; p++)
            domain_init(mbx_domain_of(m, d, p), &s->mailboxes[p], s->domains[d].history);
    m->shares = sim_xmalloc(m->n_prov * sizeof *m->shares);
    m->counts = sim_xmalloc(m->n_prov * sizeof *m->counts);
    for (size_t p = 0; p < m->n_prov; p++)
        m->shares[p] = s->mailboxes[p].share;
    for (size_t o = 0; o < m->n_pools; o++)
        for (int d = 0; d < 2; d++)
            for (size_t p = 0; p < m->n_prov; p++)
                sender_init(mbx_sender_of(m, o, d, p), &s->mailboxes[p], d, owner_ips(m, o));
}

void mbx_destroy(mailboxes *m)
{
    for (size_t i = 0; m->senders && i < m->n_pools * 2 * m->n_prov; i++)
        free(m->senders[i].queue);
    free(m->senders);
    free(m->owner_account);
    free(m->domains);
    free(m->shares);
    free(m->counts);
    *m = (mailboxes){0};
}

/* One batch as a provider sees it: n messages offered at `at` (first
 * attempt or retry), of which those beyond the allowance come back. */
typedef struct batch {
    int64_t at, n, send_hour, complaint_delay;
    double content, report;
    void *origin;
    long domain;
} batch;

static void tell_ses(mailboxes *m, const batch *b, int64_t delivered, int64_t soft, int64_t bounces,
                     int64_t complaints)
{
    if (!delivered && !soft && !bounces && !complaints)
        return;
    mbx_feedback f = {.send_hour = b->send_hour, .arrival_hour = b->at / SIM_MS_PER_H,
                      .delivered = delivered, .soft_bounces = soft, .bounces = bounces};
    m->feedback(b->origin, &f);
    if (complaints) { /* the reports reach SES after the stream's complaint delay */
        f = (mbx_feedback){.send_hour = b->send_hour,
                           .arrival_hour = (b->at + b->complaint_delay) / SIM_MS_PER_H,
                           .complaints = complaints};
        m->feedback(b->origin, &f);
    }
}

static void count(mbx_sender *s, const mbx_counts *d)
{
    mbx_counts *c[2] = {&s->interval, &s->total};
    for (int i = 0; i < 2; i++) {
        c[i]->sent += d->sent;
        c[i]->delivered += d->delivered;
        c[i]->inbox += d->inbox;
        c[i]->spam_folder += d->spam_folder;
        c[i]->deferred += d->deferred;
        c[i]->blocked += d->blocked;
        c[i]->complaints += d->complaints;
        c[i]->expired += d->expired;
    }
}

static void enqueue(mbx_sender *s, const batch *b, int64_t n)
{
    if (s->len == s->cap) {
        if (s->head > 0) { /* reuse the front the retries consumed */
            for (size_t i = s->head; i < s->len; i++)
                s->queue[i - s->head] = s->queue[i];
            s->len -= s->head;
            s->head = 0;
        }
        if (s->len == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 8;
            s->queue = sim_xrealloc(s->queue, s->cap * sizeof *s->queue);
        }
    }
    s->queue[s->len++] = (mbx_retry){b->at, n, b->send_hour, b->complaint_delay, b->content,
                                     b->report, b->origin, b->domain};
    s->retrying += n;
}

/* What the day's allowances still take: the sender's, and the domain's (dom,
 * or NULL) with its head start for new IPs. */
static double room_of(mailboxes *m, size_t owner, const scn_mailbox *p, const mbx_sender *s,
                      const mbx_sender *dom, long domain)
{
    double ip = mbx_ip_allowance(p, s, owner_ips(m, owner),
                                 dom ? dom->history : 0, domain);
    double room = ip - (double)s->day_accepted;
    return dom ? fmin(room, dom->allowance - (double)dom->day_accepted) : room;
}

/* The provider's answer to a batch of a sender: blocks (the published
 * rules, a poor reputation: with a domain, the judged one), then what the
 * day's allowances take (the sender's and its domain's); the accepted mail
 * goes to the inbox or the spam folder, and inbox readers report some as
 * spam. Returns the deferred rest. */
static int64_t judge(mailboxes *m, size_t owner, size_t prov, mbx_sender *s, const batch *b)
{
    const scn_mailbox *p = &m->scn->mailboxes[prov];
    mbx_sender *dom = b->domain >= 0 ? mbx_domain_of(m, (size_t)b->domain, prov) : NULL;
    double r = mbx_judged_reputation(p, s->reputation, dom ? dom->reputation : 0, b->domain);
    int64_t when = m->scn->sim.start + b->at;
    mbx_sender *rules = dom ? dom : s; /* the published rules count by domain when there is one */
    int64_t blocked = mbx_auth_blocks(p, &m->scn->accounts[m->owner_account[owner]], when, rules->day_offered, b->n,
                                      &rules->bulk);
    int64_t rest = b->n - blocked;
    int64_t ruled = r < p->block_below ? rest : rules->broken ? binom(m->rng, p->rule_block, rest) : 0;
    blocked += ruled;
    rest -= ruled;
    double room = room_of(m, owner, p, s, dom, b->domain);
    int64_t accepted = room <= 0 ? 0 : (double)rest <= room ? rest : (int64_t)room;
    int64_t spam = binom(m->rng, mbx_spam_folder_share(p, r, b->content), accepted);
    int64_t inbox = accepted - spam;
    int64_t reports = binom(m->rng, b->report, inbox);
    mbx_sender *who[2] = {s, dom};
    for (int i = 0; i < 2 && who[i]; i++) {
        who[i]->day_accepted += accepted;
        who[i]->day_inbox += inbox;
        who[i]->day_reports += reports;
    }
    tell_ses(m, b, accepted, 0, binom(m->rng, p->blocks_counted, blocked),
             p->feedback_loop == SCN_ON ? reports : 0);
    count(s, &(mbx_counts){.delivered = accepted, .inbox = inbox, .spam_folder = spam,
                           .blocked = blocked, .complaints = reports});
    return rest - accepted;
}

/* New mail of a pool owner at one provider: v existing recipients, u
 * unknown users. */
static void offer(mailboxes *m, size_t owner, size_t prov, int dedicated, int64_t v, int64_t u,
                  const mbx_mail *mail)
{
    if (v <= 0 && u <= 0)
        return;
    size_t o = sender_owner(m, owner, dedicated);
    mbx_sender *s = mbx_sender_of(m, o, dedicated, prov);
    s->used = 1;
    batch b = {mail->at, v, mail->at / SIM_MS_PER_H, mail->complaint_delay, mail->content,
               mail->report, mail->origin, mail->domain};
    int64_t deferred = v > 0 ? judge(m, o, prov, s, &b) : 0;
    mbx_sender *who[2] = {s, mail->domain >= 0 ? mbx_domain_of(m, (size_t)mail->domain, prov) : NULL};
    for (int i = 0; i < 2 && who[i]; i++) {
        who[i]->day_offered += v + u;
        who[i]->day_unknown += u;
    }
    if (deferred > 0)
        enqueue(s, &b, deferred);
    count(s, &(mbx_counts){.sent = v, .deferred = deferred});
}

/* A managed pool sends over its dedicated IPs what the provider will take
 * from them today (with a domain's head start) and the rest over the shared
 * pool: moves the excess of *d to *shared. */
static void managed_overflow(mailboxes *m, size_t owner, size_t prov, long domain, int64_t *d,
                             int64_t *shared)
{
    const mbx_sender *s = mbx_sender_of(m, owner, 1, prov);
    double hd = domain >= 0 ? mbx_domain_of(m, (size_t)domain, prov)->history : 0;
    double allowance = mbx_ip_allowance(&m->scn->mailboxes[prov], s, owner_ips(m, owner), hd,
                                        domain);
    double room = allowance - (double)s->day_accepted - (double)s->retrying;
    int64_t take = room <= 0 ? 0 : (double)*d <= room ? *d : (int64_t)room;
    ippool_to_shared(m->pools[owner], *d - take);
    *shared += *d - take;
    *d = take;
}

/* Split n over the providers by the shares (one multinomial draw). */
static void split(mailboxes *m, const double *shares, int64_t n, int64_t *out)
{
    for (size_t p = 0; p < m->n_prov; p++)
        out[p] = 0;
    if (n <= 0)
        return;
    gsl_ran_multinomial(m->rng, m->n_prov, (unsigned int)n, shares, m->counts);
    for (size_t p = 0; p < m->n_prov; p++)
        out[p] = m->counts[p];
}

/* The mail's pool (its account's or its configuration set's) splits it
 * between the dedicated IPs and the shared pool (ippool.h); each part is
 * split over the providers. */
int64_t mbx_send(mailboxes *m, const mbx_mail *mail)
{
    size_t k = m->n_prov, a = mail->pool;
    int64_t *v = sim_xmalloc(4 * k * sizeof *v), fbl = 0;
    int64_t *v1 = v + k, *u0 = v + 2 * k, *u1 = v + 3 * k; /* 1: dedicated */
    int dedicated = ippool_dedicated(m->pools[a]->cfg);
    int64_t dv = dedicated ? ippool_split(m->pools[a], mail->at, mail->valid) : 0;
    int64_t du = dedicated ? ippool_split(m->pools[a], mail->at, mail->unknown) : 0;
    const double *shares = mail->shares ? mail->shares : m->shares;
    split(m, shares, mail->valid - dv, v);
    split(m, shares, dv, v1);
    split(m, shares, mail->unknown - du, u0);
    split(m, shares, du, u1);
    for (size_t p = 0; p < k; p++) {
        if (dedicated && m->pools[a]->cfg->ip_pool == IP_POOL_MANAGED) {
            managed_overflow(m, a, p, mail->domain, &v1[p], &v[p]);
            managed_overflow(m, a, p, mail->domain, &u1[p], &u0[p]);
        }
        offer(m, a, p, 1, v1[p], u1[p], mail);
        offer(m, a, p, 0, v[p], u0[p], mail);
        if (m->scn->mailboxes[p].feedback_loop == SCN_ON)
            fbl += v[p] + v1[p];
    }
    free(v);
    return fbl;
}

/* A day's end: the day's score moves the reputation in proportion to the
 * mail accepted, adds to the good history, sets tomorrow's allowance and
 * applies the spam-rate rule. */
static void end_day(const scn_mailbox *p, mbx_sender *s)
{
    if (s->day_offered > 0 || s->day_accepted > 0) {
        double q = mbx_day_score(p, s->day_offered, s->day_unknown, s->day_inbox, s->day_reports);
        double w = fmin(1.0, (double)s->day_accepted / p->reputation_volume);
        s->reputation += (q - s->reputation) * w;
        s->history += (double)s->day_accepted * q;
        mbx_spam_rule(p, s->day_inbox, s->day_reports, &s->broken, &s->clean_days);
    }
    s->allowance = s->base + p->allowance_growth * s->history; /* INFINITY: the shared pool */
    s->day_offered = s->day_accepted = s->day_inbox = s->day_reports = s->day_unknown = 0;
}

/* SES's retry of a sender's deferred mail at `now`, oldest first; what has
 * waited retry_window is given up as a soft bounce. */
static void retry(mailboxes *m, size_t owner, size_t prov, mbx_sender *s, int64_t now)
{
    while (s->head < s->len) {
        mbx_retry *e = &s->queue[s->head];
        batch b = {now, e->n, e->send_hour, e->complaint_delay, e->content, e->report, e->origin,
                   e->domain};
        int64_t left = 0;
        if (now - e->first >= m->scn->policy.retry_window) {
            tell_ses(m, &b, 0, e->n, 0, 0);
            count(s, &(mbx_counts){.expired = e->n});
        } else {
            left = judge(m, owner, prov, s, &b);
        }
        s->retrying -= e->n - left;
        e->n = left;
        if (left > 0)
            return; /* the allowance is spent: the younger ones wait too */
        s->head++;
    }
    s->head = s->len = 0;
}

void mbx_hour(mailboxes *m, int64_t now)
{
    for (size_t d = 0; now % SIM_MS_PER_DAY == 0 && d < m->n_dom; d++)
        for (size_t p = 0; p < m->n_prov; p++)
            end_day(&m->scn->mailboxes[p], mbx_domain_of(m, d, p));
    for (size_t o = 0; o < m->n_pools; o++)
        for (int d = 0; d < 2; d++)
            for (size_t p = 0; p < m->n_prov; p++) {
                mbx_sender *s = mbx_sender_of(m, o, d, p);
                if (now % SIM_MS_PER_DAY == 0)
                    end_day(&m->scn->mailboxes[p], s);
                if (s->retrying > 0)
                    retry(m, o, p, s, now);
            }
}
