/* rng.c: per-component GSL streams seeded by splitmix64 mixing. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rng.h"

/* taus2: small state (24 bytes), fast and of good quality; a run may hold tens
 * of thousands of streams (several per account), which rules out mt19937's 5 KB. */
#define RNG_TYPE gsl_rng_taus2

typedef struct rng_entry {
    char *name;
    gsl_rng *r;
} rng_entry;

struct rng_set {
    uint64_t seed, rep;
    rng_entry *v;
    size_t len, cap;
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
    free(s);
}

gsl_rng *rng_stream(rng_set *s, const char *component)
{
    for (size_t i = 0; i < s->len; i++)
        if (strcmp(s->v[i].name, component) == 0)
            return s->v[i].r;
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = sim_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    gsl_rng *r = gsl_rng_alloc(RNG_TYPE);
    if (!r)
        sim_oom(sizeof(gsl_rng));
    uint64_t k = rng_seed_of(s->seed, s->rep, component);
    /* GSL seeds are unsigned long; taus2 uses 32 bits of it: fold both halves in. */
    unsigned long folded = (unsigned long)((k ^ (k >> 32)) & 0xffffffffUL);
    gsl_rng_set(r, folded ? folded : 1UL);
    s->v[s->len++] = (rng_entry){.name = sim_xstrdup(component), .r = r};
    return r;
}
