/*
 * rng: the generator's own random numbers, so that a seed gives the same corpus on any
 * machine and with any C library (rand() differs between libcs). xoshiro256** seeded
 * through splitmix64; floating point only where the result is compared with a probability,
 * and then from 53 exact bits.
 *
 * Every document draws from streams keyed by what it is (seed, purpose, province, bloc,
 * year), never from a stream shared with the documents before it: a document is the same
 * whether the run makes one province or sixty-three, and whatever formats are asked for.
 */
#ifndef GEN_RNG_H
#define GEN_RNG_H
#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* A stream for (seed, tag, a, b, c): tag names the purpose ("content", "format"…). */
void rng_init(struct rng *r, uint64_t seed, const char *tag, int64_t a, int64_t b, int64_t c);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform in [lo, hi], inclusive; lo <= hi. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* 1 with probability p. */
int rng_chance(struct rng *r, double p);
/* An index in [0, n) drawn with the given non-negative weights (at least one positive). */
size_t rng_weighted(struct rng *r, const double *w, size_t n);
/* Fisher-Yates shuffle of n ints. */
void rng_shuffle(struct rng *r, int *v, size_t n);

#endif
