#include "rng.h"

#include <string.h>

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void rng_init(struct rng *r, uint64_t seed, const char *tag, int64_t a, int64_t b, int64_t c)
{
	uint64_t h = 0xcbf29ce484222325ULL, x;
	const unsigned char *p;
	int i;

	/* FNV-1a over the tag, then every key folded through splitmix: a well-mixed
	 * starting point whatever the keys look like (small integers, mostly). */
	for (p = (const unsigned char *)tag; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	x = seed ^ h;
	x = splitmix(&x) ^ (uint64_t)a;
	x = splitmix(&x) ^ (uint64_t)b;
	x = splitmix(&x) ^ (uint64_t)c;
	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	/* Lemire's multiply-and-reject: unbiased, no division in the common case */
	uint64_t m = (rng_next(r) >> 32) * (uint64_t)n;
	uint32_t low = (uint32_t)m;

	if (low < n) {
		uint32_t t = (uint32_t)(-n) % n;
		while (low < t) {
			m = (rng_next(r) >> 32) * (uint64_t)n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;

	if (span <= 0xffffffffULL)
		return lo + (int64_t)rng_below(r, (uint32_t)span);
	return lo + (int64_t)(rng_next(r) % span); /* spans this wide never need exactness */
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

size_t rng_weighted(struct rng *r, const double *w, size_t n)
{
	double sum = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = rng_unit(r) * sum;
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	for (i = n; i-- > 0;) /* rounding left x at the very end */
		if (w[i] > 0)
			return i;
	return 0;
}

void rng_shuffle(struct rng *r, int *v, size_t n)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = rng_below(r, (uint32_t)i);
		int t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}
