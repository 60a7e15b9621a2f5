/* rng.c: per-component GSL streams seeded by splitmix64 mixing; the Poisson
 * sampler of the demand noise. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "error.h"
#include "rng.h"

/* taus2: small state (24 bytes), fast and of good quality; a run may hold tens
 * of thousands of streams (several per account), which rules out mt19937's 5 KB. */
#define RNG_TYPE gsl_rng_taus2

typedef struct rng_entry {
    char *name;
    gsl_rng *r;
} rng_entry;

/* Streams by name: an array in creation order, and an open-addressing index
 * (a run of 10,000 accounts has 30,000 streams: a linear search at set-up
 * would cost seconds). */
struct rng_set {
    uint64_t seed, rep;
    rng_entry *v;
    size_t len, cap;
    size_t *index; /* slots hold entry number + 1; 0 = empty */
    size_t index_cap;
};

uint64_t rng_mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

uint64_t rng_seed_of(uint64_t seed, uint64_t rep, const char *component)
{
    return rng_mix64(rng_mix64(rng_mix64(seed) ^ rep) ^ fnv1a(component));
}

/* gsl_rng_set() takes 32 bits of seed, and with tens of thousands of streams
 * two would share a seed by the birthday paradox (about 25% at 50,000). taus2
 * has 96 bits of state, three 32-bit words held in unsigned longs (GSL's
 * rng/taus.c, taus_state_t): fill all three from the 64-bit component seed
 * and its mix, with the bounds taus_set() enforces, then warm it up as it does. */
typedef struct {
    unsigned long s1, s2, s3;
} taus_state;

static void seed_taus2(gsl_rng *r, uint64_t k)
{
    if (gsl_rng_size(r) != sizeof(taus_state)) { /* not the layout we know: GSL's own seeding */
        gsl_rng_set(r, (unsigned long)(k ^ (k >> 32)));
        return;
    }
    uint64_t k2 = rng_mix64(k);
    taus_state *st = gsl_rng_state(r);
    st->s1 = (unsigned long)(k & 0xffffffffUL);
    st->s2 = (unsigned long)(k >> 32);
    st->s3 = (unsigned long)(k2 & 0xffffffffUL);
    if (st->s1 < 2) st->s1 += 2;
    if (st->s2 < 8) st->s2 += 8;
    if (st->s3 < 16) st->s3 += 16;
    for (int i = 0; i < 6; i++)
        gsl_rng_get(r);
}

rng_set *rng_set_create(uint64_t seed, uint64_t rep)
{
    rng_set *s = sim_xcalloc(1, sizeof *s);
    s->seed = seed;
    s->rep = rep;
    return s;
}

void rng_set_destroy(rng_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->len; i++) {
        free(s->v[i].name);
        gsl_rng_free(s->v[i].r);
    }
    free(s->v);
    free(s->index);
    free(s);
}

/* The slot of `name` in the index: where it is, or the empty slot it would take. */
static size_t slot_of(const rng_set *s, const char *name)
{
    size_t mask = s->index_cap - 1, i = (size_t)fnv1a(name) & mask;
    while (s->index[i] && strcmp(s->v[s->index[i] - 1].name, name))
        i = (i + 1) & mask;
    return i;
}

static void grow_index(rng_set *s)
{
    free(s->index);
    s->index_cap = s->index_cap ? 2 * s->index_cap : 64;
    s->index = sim_xcalloc(s->index_cap, sizeof *s->index);
    for (size_t e = 0; e < s->len; e++)
        s->index[slot_of(s, s->v[e].name)] = e + 1;
}

gsl_rng *rng_stream(rng_set *s, const char *component)
{
    if (2 * (s->len + 1) > s->index_cap)
        grow_index(s);
    size_t slot = slot_of(s, component);
    if (s->index[slot])
        return s->v[s->index[slot] - 1].r;
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = sim_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    gsl_rng *r = gsl_rng_alloc(RNG_TYPE);
    if (!r)
        sim_oom(sizeof(gsl_rng));
    seed_taus2(r, rng_seed_of(s->seed, s->rep, component));
    s->v[s->len++] = (rng_entry){.name = sim_xstrdup(component), .r = r};
    s->index[slot] = s->len;
    return r;
}

/* log k! for a whole k >= 0, from a table for small k: the same lgamma values,
 * computed once per process. */
#define LOG_FACT_TABLE 4096
static double log_fact(double k)
{
    static double table[LOG_FACT_TABLE];
    static int filled;
    if (!(k < LOG_FACT_TABLE))
        return lgamma(k + 1);
    if (!filled) {
        for (int i = 0; i < LOG_FACT_TABLE; i++)
            table[i] = lgamma((double)i + 1);
        filled = 1;
    }
    return table[(int)k];
}

/* PTRS: W. Hörmann, "The transformed rejection method for generating Poisson
 * random variables", Insurance: Mathematics and Economics 12 (1993) 39-45; the
 * constants and steps as in numpy's random_poisson_ptrs. GSL's sampler loops
 * over gamma draws (log, tan, exp in each) and was a third of a full run's
 * instructions; this one costs the same at any mean. The acceptance test is
 * exact in double precision up to means of about 1e12 (beyond that the terms
 * of the log-pmf lose whole units). */
static void ptrs_setup(rng_poisson_cache *c, double mu)
{
    c->mu = mu;
    c->slam = sqrt(mu);
    c->loglam = log(mu);
    c->b = 0.931 + 2.53 * c->slam;
    c->a = -0.059 + 0.02483 * c->b;
    c->log_invalpha = log(1.1239 + 1.1328 / (c->b - 3.4));
    c->vr = 0.9277 - 3.6224 / (c->b - 2);
}

static int64_t poisson_ptrs(gsl_rng *r, double mu, rng_poisson_cache *c)
{
    if (c->mu != mu)
        ptrs_setup(c, mu);
    double a = c->a, b = c->b;
    for (;;) {
        double u = gsl_rng_uniform(r) - 0.5, v = gsl_rng_uniform(r);
        double us = 0.5 - fabs(u);
        double k = floor((2 * a / us + b) * u + mu + 0.43);
        if (us >= 0.07 && v <= c->vr) /* the squeeze: most draws end here */
            return (int64_t)k;
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        /* log(0) = -inf for v = 0 accepts, as it should */
        if (log(v) + c->log_invalpha - log(a / (us * us) + b) <= -mu + k * c->loglam - log_fact(k))
            return (int64_t)k;
    }
}

int64_t rng_poisson(gsl_rng *r, double mu)
{
    rng_poisson_cache c = {0};
    return rng_poisson_cached(r, mu, &c);
}

int64_t rng_poisson_cached(gsl_rng *r, double mu, rng_poisson_cache *c)
{
    if (!(mu > 0))
        return 0;
    if (mu < 10)
        return (int64_t)gsl_ran_poisson(r, mu);
    if (mu < RNG_POISSON_NORMAL)
        return poisson_ptrs(r, mu, c);
    /* PTRS's lgamma acceptance loses precision far above 1e12; there the normal
     * approximation is exact to far below one count in a standard deviation. */
    double x = isfinite(mu) ? mu + sqrt(mu) * gsl_ran_gaussian_ziggurat(r, 1.0) : mu;
    return x <= 0 ? 0 : x >= 9.2e18 ? INT64_C(9200000000000000000) : (int64_t)llround(x);
}

/* HRUA with n <= total / 2 and m = min(good, bad): the number of the smaller
 * group drawn. E. Stadlober, "The ratio of uniforms approach for generating
 * discrete random variates", J. Comput. Appl. Math. 31 (1990) 181-189: a
 * table-mountain hat around the mode, squeezes, then the exact log-pmf ratio
 * (lgamma: exact to ~1e-4 in the log at populations near 4e9). */
static int64_t hyper_hrua(gsl_rng *r, int64_t m, int64_t big, int64_t n)
{
    const double d1 = 1.7155277699214135; /* 2 sqrt(2/e) */
    const double d2 = 0.8989161620588988; /* 3 - 2 sqrt(3/e) */
    double total = (double)(m + big), p = (double)m / total, q = (double)big / total;
    double a = (double)n * p + 0.5;
    double c = sqrt((total - (double)n) * (double)n * p * q / (total - 1) + 0.5);
    double h = d1 * c + d2;
    int64_t mode = (int64_t)floor((double)(n + 1) * (double)(m + 1) / (total + 2));
    double g = log_fact(mode) + log_fact(m - mode) + log_fact(n - mode) + log_fact(big - n + mode);
    double bound = fmin((double)(n < m ? n : m) + 1, floor(a + 16 * c));
    for (;;) {
        double u = gsl_rng_uniform_pos(r), v = gsl_rng_uniform(r);
        double x = a + h * (v - 0.5) / u;
        if (x < 0 || x >= bound)
            continue;
        int64_t k = (int64_t)x;
        double t = g - (log_fact(k) + log_fact(m - k) + log_fact(n - k) + log_fact(big - n + k));
        if (u * (4 - u) - 3 <= t) /* squeeze: accept */
            return k;
        if (u * (u - t) >= 1) /* squeeze: reject */
            continue;
        if (2 * log(u) <= t)
            return k;
    }
}

/* Few drawn: one uniform each, the chance of the group being what is left of it. */
static int64_t hyper_small(gsl_rng *r, int64_t m, int64_t total, int64_t n)
{
    int64_t k = 0;
    for (int64_t i = 0; i < n && k < m; i++)
        k += gsl_rng_uniform(r) * (double)(total - i) < (double)(m - k);
    return k;
}

int64_t rng_hypergeometric(gsl_rng *r, int64_t good, int64_t bad, int64_t n)
{
    /* draw the smaller group out of the smaller of sample and rest, then map back */
    int64_t total = good + bad, drawn = n <= total - n ? n : total - n;
    int64_t m = good < bad ? good : bad;
    int64_t k = drawn < 10 ? hyper_small(r, m, total, drawn) : hyper_hrua(r, m, total - m, drawn);
    if (good > bad)
        k = drawn - k; /* good ones among the drawn */
    return drawn < n ? good - k : k; /* drew the complement of the sample */
}

int64_t rng_binomial(gsl_rng *r, double p, int64_t n)
{
    int64_t k = 0;
    do {
        unsigned int part = n > (int64_t)UINT_MAX ? UINT_MAX : (unsigned int)n;
        k += gsl_ran_binomial(r, p, part);
        n -= part;
    } while (n > 0);
    return k;
}

void rng_multinomial(gsl_rng *r, size_t k, int64_t n, const double *p, int64_t *out)
{
    unsigned int c[RNG_MULTINOMIAL_MAX];
    for (size_t j = 0; j < k; j++)
        out[j] = 0;
    do {
        unsigned int part = n > (int64_t)UINT_MAX ? UINT_MAX : (unsigned int)n;
        gsl_ran_multinomial(r, k, part, p, c);
        for (size_t j = 0; j < k; j++)
            out[j] += c[j];
        n -= part;
    } while (n > 0);
}
