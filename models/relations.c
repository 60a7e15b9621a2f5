/* relations.c: union-find groups of related accounts, risk propagation and
 * the circumvention hazard of split streams. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "status.h"
#include "core/error.h"
#include "relations.h"

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]]; /* path halving */
        i = parent[i];
    }
    return i;
}

/* Union by keeping the smaller index as the root: group ids are deterministic. */
static void unite(size_t *parent, size_t a, size_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

static const char *attribute(const scn_account *a, int bit)
{
    return bit == RELATED_PAYER ? a->payer : bit == RELATED_DOMAIN ? a->domain : a->company;
}

typedef struct keyed {
    const char *key;
    size_t index;
} keyed;

static int by_key(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

void relations_groups(const scenario *s, size_t *group)
{
    size_t n = s->n_accounts;
    for (size_t i = 0; i < n; i++)
        group[i] = i;
    keyed *k = sim_xmalloc((n ? n : 1) * sizeof *k);
    for (int bit = RELATED_PAYER; bit <= RELATED_COMPANY; bit <<= 1) {
        if (!(s->policy.related_by & bit))
            continue;
        size_t m = 0; /* sort by the attribute: equal values become neighbours */
        for (size_t i = 0; i < n; i++) {
            const char *v = attribute(&s->accounts[i], bit);
            if (v && *v)
                k[m++] = (keyed){v, i};
        }
        qsort(k, m, sizeof *k, by_key);
        for (size_t i = 1; i < m; i++)
            if (!strcmp(k[i - 1].key, k[i].key))
                unite(group, k[i - 1].index, k[i].index);
    }
    free(k);
    for (size_t i = 0; i < n; i++)
        group[i] = find(group, i);
}

/* Link each account's Regions in index order (account.region_first/next),
 * as the groups are linked: a Region's home is its account's first section. */
static void attach_regions(account *accounts, size_t n)
{
    account **last = sim_xcalloc(n ? n : 1, sizeof *last); /* per home: its last Region so far */
    for (size_t i = 0; i < n; i++) {
        account *a = &accounts[i];
        size_t home = a->cfg ? a->cfg->home : i;
        a->region_first = &accounts[home];
        a->region_next = NULL;
        if (last[home])
            last[home]->region_next = a;
        last[home] = a;
    }
    free(last);
}

void relations_attach(account *accounts, size_t n, const size_t *group)
{
    account **last = sim_xcalloc(n ? n : 1, sizeof *last); /* per group: its last member so far */
    for (size_t i = 0; i < n; i++) {
        account *a = &accounts[i];
        a->group = group[i];
        a->group_first = &accounts[group[i]]; /* a group's id is its smallest index */
        a->group_next = NULL;
        if (last[group[i]])
            last[group[i]]->group_next = a;
        last[group[i]] = a;
    }
    free(last);
    attach_regions(accounts, n);
}

static void flag_one(account *m, int64_t now, int64_t combined, double largest)
{
    account_tally(m, TALLY_FLAG, now);
    account_event(m, EV_circumvention_flagged,
                  "split stream sent %lld in 24 h over related accounts, largest single quota %.0f",
                  (long long)combined, largest);
    if (m->status == STATUS_PAUSED)
        return;
    if (m->tally.times[TALLY_FLAG] > 1)
        status_pause(m, now, "circumvention flagged again");
    else
        status_start_review(m, now, "circumvention");
}

/* Is an earlier part in the same group as part i? Then the group is checked there. */
static int seen_before(account **parts, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (parts[j]->group == parts[i]->group)
            return 1;
    return 0;
}

/* The quota of the account that parts[j] is a Region of: the sum over its
 * Regions among the parts (each Region counted once). */
static double account_quota(account **parts, size_t n, size_t j)
{
    double q = 0;
    for (size_t k = 0; k < n; k++) {
        int first = 1;
        for (size_t m = 0; m < k && first; m++)
            first = parts[m] != parts[k];
        if (first && account_same(parts[k], parts[j]))
            q += parts[k]->max24h;
    }
    return q;
}

/* Is an earlier part a Region of the same account as part j? */
static int same_account_before(account **parts, size_t i, size_t j)
{
    for (size_t m = i; m < j; m++)
        if (parts[m] != parts[j] && parts[m]->group == parts[j]->group &&
            account_same(parts[m], parts[j]))
            return 1;
    return 0;
}

void relations_check_split(account **parts, size_t n, int64_t now)
{
    for (size_t i = 0; i < n; i++) {
        if (seen_before(parts, i))
            continue;
        int64_t combined = 0;
        double largest = 0;
        size_t members = 0; /* accounts, not Regions: an account's Regions count once */
        for (size_t j = i; j < n; j++) {
            if (parts[j]->group != parts[i]->group)
                continue;
            combined += account_sent_24h(parts[j], now);
            if (same_account_before(parts, i, j))
                continue;
            double q = account_quota(parts, n, j);
            largest = q > largest ? q : largest;
            members++;
        }
        if (members < 2 || (double)combined <= largest * parts[i]->policy->circumvention_threshold)
            continue;
        if (gsl_rng_uniform(parts[i]->service_rng) >= parts[i]->policy->circumvention_hazard)
            continue;
        account *a = parts[i]; /* the whole group, not only the stream's accounts */
        flag_one(a, now, combined, largest);
        for (account *r = account_next_related(a, NULL); r; r = account_next_related(a, r))
            flag_one(r, now, combined, largest);
    }
}
