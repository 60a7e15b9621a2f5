/* rng.h: random streams, one GSL generator per (replication, component).
 *
 * The seed of a stream is mixed (splitmix64) from sim.seed, the replication
 * number and the component's name, never from a sweep point, so every point of a
 * sweep sees the same random numbers (common random numbers) and two components
 * never share a stream: adding a model does not shift another model's draws.
 * Component names are dotted paths such as "traffic.news" or "account.main.service". */
#ifndef SESIM_RNG_H
#define SESIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "config.h"

typedef struct rng_set rng_set;

/* Lifecycle: one set per replication. */
rng_set *rng_set_create(uint64_t seed, uint64_t rep);
void rng_set_destroy(rng_set *s);

/* The stream of a component: created on first use, then the same generator. */
gsl_rng *rng_stream(rng_set *s, const char *component);

/* The 64-bit seed of a component's stream (exposed for tests and docs). */
uint64_t rng_seed_of(uint64_t seed, uint64_t rep, const char *component);

/* A Poisson draw with mean mu (0 when mu <= 0). For mu >= 10, O(1): PTRS,
 * Hörmann's transformed rejection with squeeze (as numpy's random_poisson_ptrs:
 * two uniforms, sqrt and log, lgamma in about 10% of draws); below, GSL's
 * gsl_ran_poisson, which is cheap for small means. */
int64_t rng_poisson(gsl_rng *r, double mu);

/* PTRS's constants for one mean. A caller that draws again and again at the
 * same mean (a stream's demand within an hour) keeps one, zeroed at first, and
 * saves their sqrt, logs and divisions; the draws are rng_poisson's exactly. */
typedef struct rng_poisson_cache {
    double mu, slam, loglam, a, b, log_invalpha, vr;
} rng_poisson_cache;
int64_t rng_poisson_cached(gsl_rng *r, double mu, rng_poisson_cache *c);

/* How many of n items drawn without replacement from good + bad are good.
 * O(1) for large samples: HRUA, Stadlober's ratio of uniforms (1989, as
 * numpy's random_hypergeometric); one uniform per item when fewer than 10 are
 * drawn or left. Requires 0 <= n <= good + bad. */
int64_t rng_hypergeometric(gsl_rng *r, int64_t good, int64_t bad, int64_t n);

/* Binomial(n, p) for any n >= 0. GSL's samplers take an unsigned int, so a
 * larger n (a batch or window of billions) is drawn in parts of at most
 * UINT_MAX and summed, which is the same distribution; n <= UINT_MAX is one
 * GSL draw. */
int64_t rng_binomial(gsl_rng *r, double p, int64_t n);
/* Multinomial(n; p[0..k-1]) into out[0..k-1], k <= RNG_MULTINOMIAL_MAX, the
 * same way: in parts of at most UINT_MAX. */
#define RNG_MULTINOMIAL_MAX 64
void rng_multinomial(gsl_rng *r, size_t k, int64_t n, const double *p, int64_t *out);

/* splitmix64 finaliser, a bijective mixer of 64-bit words. */
uint64_t rng_mix64(uint64_t x);

#endif
