#include "noise.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "compose.h"

struct rule {
	const char *from, *to;
	size_t nfrom;
	double weight; /* typos: relative chance */
	int variant;   /* index into habits.variant, or -1 for a typo */
};

static struct rule rules[128];
static int nrules;
/* the rules that start with each byte, in rule order (typos before variants) */
static unsigned char by_first[256][16];
static int nby_first[256];

void noise_init(void)
{
	const struct gtable *t;
	size_t i;
	int nvar = 0;

	nrules = 0;
	memset(nby_first, 0, sizeof(nby_first));
	/* typos first: where a typo and a variant both match, the typo is tried first */
	t = gdata("typos.tsv");
	for (i = 0; t && i < t->nrows && nrules < 120; i++) {
		struct rule *r = &rules[nrules++];
		r->from = gf(&t->rows[i], 0);
		r->to = gf(&t->rows[i], 1);
		r->weight = strtod(gf(&t->rows[i], 2), NULL);
		r->variant = -1;
	}
	t = gdata("variants.tsv");
	for (i = 0; t && i < t->nrows && nrules < 128 && nvar < 16; i++) {
		struct rule *r = &rules[nrules++];
		r->from = gf(&t->rows[i], 0);
		r->to = gf(&t->rows[i], 1);
		r->weight = 1;
		r->variant = nvar++;
	}
	for (i = 0; i < (size_t)nrules; i++) {
		unsigned char b = (unsigned char)rules[i].from[0];
		rules[i].nfrom = strlen(rules[i].from);
		if (nby_first[b] < 16)
			by_first[b][nby_first[b]++] = (unsigned char)i;
	}
}

void noise_habits(struct ctx *c)
{
	int i;
	/* a third of the documents are clean typists; the others slip now and then */
	c->h.typo = rng_chance(&c->r, 0.35) ? 0 : 0.02 + 0.2 * rng_unit(&c->r);
	for (i = 0; i < 16; i++) {
		double x = rng_unit(&c->r);
		/* most documents keep one spelling, some mix both as the seed does */
		c->h.variant[i] = x < 0.5 ? 0 : x < 0.75 ? 1 : 0.15 + 0.7 * rng_unit(&c->r);
	}
}

int utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = n - *i;
	int cp, len, k;

	if (!left)
		return -1;
	if (p[0] < 0x80) {
		(*i)++;
		return p[0];
	}
	len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
	if (len == 1 || (size_t)len > left) {
		(*i)++;
		return -1;
	}
	cp = p[0] & (0x3F >> (len - 1));
	for (k = 1; k < len; k++)
		cp = (cp << 6) | (p[k] & 0x3F);
	*i += (size_t)len;
	return cp;
}

int is_letter(int cp)
{
	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return u_isalpha(cp) || (cp >= 0x300 && cp <= 0x36F);
}

/* The code point just before position `at` of the paragraph text. */
static int prev_cp(const struct buf *t, size_t at)
{
	size_t i = at, j;

	if (!i)
		return -1;
	do
		i--;
	while (i > 0 && ((unsigned char)t->p[i] & 0xC0) == 0x80);
	j = i;
	return utf8_next(t->p, at, &j);
}

static void emit(struct ctx *c, const char *s, size_t n, int typos)
{
	struct doc *d = c->d;
	struct buf *t = &doc_cur(d)->text;
	size_t i = 0, plain = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		int done = 0, k;
		for (k = 0; k < nby_first[b] && !done; k++) {
			struct rule *r = &rules[by_first[b][k]];
			size_t after = i + r->nfrom, j = after;
			double p;
			if (r->nfrom > n - i || memcmp(s + i, r->from, r->nfrom) != 0)
				continue;
			if (r->variant < 0 && !typos)
				continue;
			p = r->variant < 0 ? c->h.typo * r->weight : c->h.variant[r->variant];
			if (p <= 0)
				continue;
			/* whole words only: sĩ but not the sĩ in a longer syllable */
			buf_add(t, s + plain, i - plain);
			plain = i;
			if (is_letter(prev_cp(t, t->n)) ||
			    (j < n && is_letter(utf8_next(s, n, &j))))
				continue;
			if (!rng_chance(&c->r, p))
				continue;
			buf_adds(t, r->to);
			if (r->variant < 0) {
				struct noise_fact *nf = doc_noise(d);
				nf->kind = "typo";
				nf->written = r->to;
				nf->correct = r->from;
			}
			i = plain = after;
			done = 1;
		}
		if (!done)
			i++;
	}
	buf_add(t, s + plain, n - plain);
}

void sayn(struct ctx *c, const char *s, size_t n)
{
	emit(c, s, n, 1);
}

void say(struct ctx *c, const char *s)
{
	emit(c, s, strlen(s), 1);
}

void say_clean(struct ctx *c, const char *s)
{
	emit(c, s, strlen(s), 0);
}
