#include "word_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLVL      9
#define MAX_LISTS 4096 /* a list takes about 700 bytes here, and 28 in the file */

struct lvl {
	int32_t start;
	unsigned nfc; /* number format: 0 decimal, 1 I, 2 i, 3 A, 4 a, 22 01, 23 bullet, 255 none */
	int legal;    /* all numbers decimal ("1.2.3" under a roman top level) */
	int norestart;
	int follow;
	struct span xst; /* UTF-16LE: the text, with characters 0..8 standing for levels' numbers */
	struct span chpx;
};

struct list {
	uint32_t lsid;
	int nlvl;
	struct lvl lvl[NLVL];
	int32_t count[NLVL];
	int started[NLVL];
};

struct word_lists {
	struct list *lists;
	size_t nlists;
	int32_t *lfo; /* the list of each list format override (index into lists), by ilfo - 1 */
	size_t nlfo;
};

/* One LVL at *at: LVLF (28 bytes), its paragraph and character sprms, the number text. */
static int read_lvl(struct span *t, size_t *at, struct lvl *v)
{
	size_t p = *at, cbchpx, cbpapx, cch;
	unsigned flags;

	v->start = (int32_t)span_u32(t, p);
	v->nfc = span_u8(t, p + 4);
	flags = span_u8(t, p + 5);
	v->legal = (flags >> 2) & 1;
	v->norestart = (flags >> 3) & 1;
	switch (span_u8(t, p + 15)) {
	case 0:
		v->follow = '\t';
		break;
	case 1:
		v->follow = ' ';
		break;
	default:
		v->follow = 0;
		break;
	}
	cbchpx = span_u8(t, p + 24);
	cbpapx = span_u8(t, p + 25);
	p += 28 + cbpapx;
	v->chpx = span_sub(t, p, cbchpx);
	p += cbchpx;
	cch = span_u16(t, p);
	v->xst = span_sub(t, p + 2, 2 * cch);
	p += 2 + 2 * cch;
	if (t->bad || v->chpx.bad || v->xst.bad)
		return -1;
	*at = p;
	return 0;
}

struct byid {
	uint32_t lsid;
	int32_t index;
};

static int cmp_byid(const void *a, const void *b)
{
	const struct byid *x = a, *y = b;

	if (x->lsid != y->lsid)
		return x->lsid < y->lsid ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_lsid(const void *a, const void *b)
{
	const struct byid *x = a, *y = b;

	return x->lsid < y->lsid ? -1 : x->lsid > y->lsid;
}

struct word_lists *word_lists_read(struct span tbl, size_t lst, size_t nlst, size_t lfo,
                                   size_t nlfo)
{
	struct word_lists *l = xcalloc(1, sizeof(*l));
	struct span plf = span_sub(&tbl, lst, nlst), pfo = span_sub(&tbl, lfo, nlfo);
	size_t n, i, at;

	if (!plf.bad && plf.n >= 2) {
		n = span_u16(&plf, 0);
		if (n > (plf.n - 2) / 28)
			n = (plf.n - 2) / 28;
		if (n > MAX_LISTS)
			n = MAX_LISTS;
		l->lists = xcalloc(n + 1, sizeof(*l->lists));
		at = lst + nlst; /* the LVLs of every list follow the PlfLst, in list order */
		for (i = 0; i < n; i++) {
			struct list *s = &l->lists[i];
			int k;
			s->lsid = span_u32(&plf, 2 + 28 * i);
			s->nlvl = span_u8(&plf, 2 + 28 * i + 26) & 1 ? 1 : NLVL;
			for (k = 0; k < s->nlvl; k++)
				if (read_lvl(&tbl, &at, &s->lvl[k]) != 0)
					break;
			if (k < s->nlvl)
				break; /* the rest of the LVLs cannot be found */
			l->nlists = i + 1;
		}
	}
	if (!pfo.bad && pfo.n >= 4) {
		struct byid *ids = xcalloc(l->nlists + 1, sizeof(*ids));
		n = span_u32(&pfo, 0);
		if (n > (pfo.n - 4) / 16)
			n = (pfo.n - 4) / 16;
		if (n > 0xFFFF) /* ilfo has 16 bits */
			n = 0xFFFF;
		for (i = 0; i < l->nlists; i++)
			ids[i].lsid = l->lists[i].lsid, ids[i].index = (int32_t)i;
		if (l->nlists)
			qsort(ids, l->nlists, sizeof(*ids), cmp_byid);
		l->lfo = xcalloc(n + 1, sizeof(*l->lfo));
		for (i = 0; i < n; i++) {
			struct byid key = {span_u32(&pfo, 4 + 16 * i), 0}, *hit;
			hit = l->nlists ? bsearch(&key, ids, l->nlists, sizeof(*ids), cmp_lsid)
			                : NULL;
			l->lfo[i] = hit ? hit->index : -1;
		}
		l->nlfo = n;
		free(ids);
	}
	return l;
}

void word_lists_free(struct word_lists *l)
{
	if (!l)
		return;
	free(l->lists);
	free(l->lfo);
	free(l);
}

static void put(struct word_number *out, uint16_t c)
{
	if (out->n < sizeof(out->text) / sizeof(out->text[0]))
		out->text[out->n++] = c;
}

/*
 * Roman numerals, upper or lower case. ICU has them (a rule-based number format with the
 * "roman" numbering system), but opening one costs about 20 ms — more than reading a whole
 * report — and sections numbered I, II, III are in most of them.
 */
static void roman(int32_t v, int lower, struct word_number *out)
{
	static const struct {
		int32_t value;
		const char *s;
	} r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
	         {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
	         {5, "V"},    {4, "IV"},   {1, "I"}};
	size_t i;
	const char *c;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		for (; v >= r[i].value; v -= r[i].value)
			for (c = r[i].s; *c; c++)
				put(out, (uint16_t)(lower ? *c + 'a' - 'A' : *c));
}

/* One counter in a level's number format. */
static void format_count(int32_t v, unsigned nfc, struct word_number *out)
{
	char s[32];
	size_t i;

	if (nfc == 255)
		return;
	if ((nfc == 1 || nfc == 2) && v > 0 && v < 4000) {
		roman(v, nfc == 2, out);
		return;
	}
	if ((nfc == 3 || nfc == 4) && v > 0 && v <= 780) {
		/* Word's letters: A..Z, then AA..ZZ, AAA.. */
		for (i = 0; i < (size_t)(v - 1) / 26 + 1; i++)
			put(out, (uint16_t)((nfc == 3 ? 'A' : 'a') + (v - 1) % 26));
		return;
	}
	snprintf(s, sizeof(s), nfc == 22 ? "%02ld" : "%ld", (long)v);
	for (i = 0; s[i]; i++)
		put(out, (uint16_t)s[i]);
}

int word_lists_next(struct word_lists *l, unsigned ilfo, unsigned ilvl, struct word_number *out)
{
	struct list *s = NULL;
	const struct lvl *v;
	size_t i;
	int k;

	memset(out, 0, sizeof(*out));
	if (!l || ilfo == 0 || ilfo > l->nlfo || l->lfo[ilfo - 1] < 0)
		return -1;
	s = &l->lists[l->lfo[ilfo - 1]];
	if (ilvl >= (unsigned)s->nlvl)
		ilvl = (unsigned)s->nlvl - 1;
	v = &s->lvl[ilvl];
	s->count[ilvl] = s->started[ilvl] ? s->count[ilvl] + 1 : v->start;
	s->started[ilvl] = 1;
	for (k = (int)ilvl + 1; k < s->nlvl; k++)
		if (!s->lvl[k].norestart)
			s->started[k] = 0;
	out->chpx = v->chpx;
	out->follow = v->follow;
	out->bullet = v->nfc == 23;
	for (i = 0; 2 * i + 1 < v->xst.n; i++) {
		uint16_t c = (uint16_t)(v->xst.p[2 * i] | v->xst.p[2 * i + 1] << 8);
		if (c < NLVL && !out->bullet) {
			int32_t count = s->started[c] ? s->count[c] : s->lvl[c].start;
			format_count(count, v->legal && c != ilvl ? 0 : s->lvl[c].nfc, out);
		} else {
			put(out, c);
		}
	}
	return 0;
}
