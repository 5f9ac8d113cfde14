#include "vn_words.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"
#include "vn_tok.h"

struct wtmp {
	size_t canon, fold;
};

/* Append a token and its NUL to the arena; returns its offset (the arena may move). */
static size_t arena_put(struct buf *a, const char *s, size_t n)
{
	size_t at = a->n;

	if (a->n + n + 1 >= a->cap)
		buf_reserve(a, n + 1);
	memcpy(a->p + a->n, s, n);
	a->n += n;
	a->p[a->n++] = 0;
	return at;
}

void vn_words_build(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n)
{
	size_t pos = 0, a, b, last = 0, chars = 0, i, tcap, want;
	struct wtmp *tmp;

	memset(w, 0, sizeof(*w));
	w->text = s;
	w->ntext = n;
	/* Room for the usual case at once: a Vietnamese word with its separator takes 4 to 8
	 * bytes (more is made when needed), and its canonical and folded forms are about as
	 * long as it. This runs for every passage, and for every bullet layout looks at:
	 * growing per word showed. */
	want = n / 4 + 4;
	tcap = 0;
	w->t = xgrow(NULL, &w->cap, want, sizeof(*w->t));
	tmp = xgrow(NULL, &tcap, want, sizeof(*tmp));
	buf_reserve(&w->arena, 2 * n + 16);
	while (vn_tok_next(s, n, &pos, &a, &b)) {
		struct vn_word v;
		struct vn_wtok *t;
		unsigned char first = (unsigned char)s[a];
		if (vn_norm_word(nm, s + a, b - a, &v) != 0)
			continue;
		if (w->n + 1 > w->cap)
			w->t = xgrow(w->t, &w->cap, w->n + 1, sizeof(*w->t));
		if (w->n + 1 > tcap)
			tmp = xgrow(tmp, &tcap, w->n + 1, sizeof(*tmp));
		t = &w->t[w->n];
		memset(t, 0, sizeof(*t));
		chars += text_count_chars(s + last, a - last);
		t->a = a;
		t->b = b;
		t->ca = chars;
		chars += text_count_chars(s + a, b - a);
		t->cb = chars;
		last = b;
		t->flags = v.flags;
		if (first < 0x80) {
			t->upper_first = first >= 'A' && first <= 'Z';
		} else {
			int32_t k = 0;
			UChar32 c;
			U8_NEXT(s + a, k, (int32_t)(b - a), c);
			t->upper_first = c > 0 && u_isUUppercase(c);
		}
		tmp[w->n].canon = arena_put(&w->arena, v.canon, v.ncanon);
		tmp[w->n].fold = arena_put(&w->arena, v.fold, v.nfold);
		t->hcanon = vn_words_hash(v.canon, v.ncanon);
		t->hfold = (v.flags & VN_WORD_ACCENTED) ? vn_words_hash(v.fold, v.nfold) : t->hcanon;
		w->n++;
	}
	for (i = 0; i < w->n; i++) {
		w->t[i].canon = w->arena.p + tmp[i].canon;
		w->t[i].fold = w->arena.p + tmp[i].fold;
	}
	free(tmp);
}

void vn_words_free(struct vn_words *w)
{
	free(w->t);
	buf_free(&w->arena);
	memset(w, 0, sizeof(*w));
}

const char *vn_words_gap(const struct vn_words *w, size_t i, size_t *len)
{
	size_t from = i == 0 ? 0 : w->t[i - 1].b;
	size_t to = i >= w->n ? w->ntext : w->t[i].a;
	*len = to - from;
	return w->text + from;
}

int vn_words_gap_has(const struct vn_words *w, size_t i, const char *c)
{
	size_t len, k = strlen(c), j;
	const char *g = vn_words_gap(w, i, &len);
	for (j = 0; j + k <= len; j++)
		if (memcmp(g + j, c, k) == 0)
			return 1;
	return 0;
}

int vn_words_gap_blank(const struct vn_words *w, size_t i)
{
	size_t len, j;
	const char *g = vn_words_gap(w, i, &len);
	for (j = 0; j < len; j++)
		if (g[j] != ' ' && g[j] != '\t' && g[j] != '\n')
			return 0;
	return 1;
}

int vn_words_is(const struct vn_words *w, size_t i, const char *s)
{
	return i < w->n && strcmp(w->t[i].canon, s) == 0;
}

size_t vn_words_char_at(const struct vn_words *w, size_t off)
{
	return text_count_chars(w->text, off < w->ntext ? off : w->ntext);
}

uint64_t vn_words_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h ? h : 1; /* 0 marks an empty slot of a lexicon's table */
}

/* ---------------------------------------------------------------- lexicons */

/*
 * A lexicon is an open-addressing table keyed by the folded first word's hash (the hash
 * each vn_wtok carries), each slot holding the phrases that start with that word, longest
 * first. A lookup is one probe for most words of a text (no phrase starts with them).
 * Words are compared by their 64-bit hashes alone: two of the few thousand word forms of a
 * lexicon and a text colliding is a 1-in-10^12 event per pair, far below a typo's odds.
 */
struct phrase {
	int id, mode, n;
	char **words;	 /* canonical or folded forms, by mode */
	uint64_t *hash;	 /* their hashes */
	char **gaps;	 /* punctuation written inside the phrase, before word k (k >= 1) */
};

struct slot {
	uint64_t h; /* 0 = empty */
	char *first; /* folded first word */
	struct phrase **ph;
	size_t n, cap;
};

struct vn_lexicon {
	struct slot *slots;
	size_t nslots, used; /* nslots a power of 2 */
};

static void phrase_free(struct phrase *ph)
{
	int i;
	for (i = 0; i < ph->n; i++) {
		free(ph->words[i]);
		free(ph->gaps[i]);
	}
	free(ph->words);
	free(ph->gaps);
	free(ph->hash);
	free(ph);
}

struct vn_lexicon *vn_lexicon_new(void)
{
	struct vn_lexicon *lx = xcalloc(1, sizeof(*lx));
	lx->nslots = 64;
	lx->slots = xcalloc(lx->nslots, sizeof(*lx->slots));
	return lx;
}

void vn_lexicon_free(struct vn_lexicon *lx)
{
	size_t i, k;
	if (!lx)
		return;
	for (i = 0; i < lx->nslots; i++) {
		for (k = 0; k < lx->slots[i].n; k++)
			phrase_free(lx->slots[i].ph[k]);
		free(lx->slots[i].ph);
		free(lx->slots[i].first);
	}
	free(lx->slots);
	free(lx);
}

static struct slot *find_slot(const struct vn_lexicon *lx, uint64_t h, const char *first)
{
	size_t mask = lx->nslots - 1, i = h & mask;
	for (;; i = (i + 1) & mask) {
		struct slot *s = &lx->slots[i];
		if (!s->h || (s->h == h && strcmp(s->first, first) == 0))
			return s;
	}
}

static void grow(struct vn_lexicon *lx)
{
	struct slot *old = lx->slots;
	size_t n = lx->nslots, i;
	lx->nslots *= 2;
	lx->slots = xcalloc(lx->nslots, sizeof(*lx->slots));
	for (i = 0; i < n; i++)
		if (old[i].h)
			*find_slot(lx, old[i].h, old[i].first) = old[i];
	free(old);
}

/* Punctuation that ends a clause: a phrase never runs across it unless written so. */
static int gap_breaks(const char *g, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (g[i] && strchr(".;:()!?", g[i]))
			return 1;
		if (i + 3 <= n && (memcmp(g + i, "\xe2\x80\x9c", 3) == 0 ||
				   memcmp(g + i, "\xe2\x80\x9d", 3) == 0))
			return 1;
	}
	return 0;
}

static char *gap_marks(const char *g, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;
	for (i = 0; i < n; i++)
		if (g[i] != ' ')
			buf_addc(&b, g[i]);
	return buf_detach(&b);
}

int vn_lexicon_add(struct vn_lexicon *lx, struct vn_norm *nm, const char *s, int id, int mode)
{
	struct vn_words w;
	struct phrase *ph;
	struct slot *sl;
	size_t i, k;

	vn_words_build(&w, nm, s, strlen(s));
	if (w.n == 0) {
		vn_words_free(&w);
		return -1;
	}
	ph = xcalloc(1, sizeof(*ph));
	ph->id = id;
	ph->mode = mode;
	ph->n = (int)w.n;
	ph->words = xcalloc(w.n, sizeof(char *));
	ph->gaps = xcalloc(w.n, sizeof(char *));
	ph->hash = xcalloc(w.n, sizeof(uint64_t));
	for (i = 0; i < w.n; i++) {
		size_t gl;
		const char *g = vn_words_gap(&w, i, &gl);
		ph->words[i] = xstrdup(mode == VN_MATCH_FOLD ? w.t[i].fold : w.t[i].canon);
		ph->hash[i] = mode == VN_MATCH_FOLD ? w.t[i].hfold : w.t[i].hcanon;
		ph->gaps[i] = i ? gap_marks(g, gl) : xstrdup("");
	}
	if (2 * (lx->used + 1) > lx->nslots)
		grow(lx);
	sl = find_slot(lx, w.t[0].hfold, w.t[0].fold);
	if (!sl->h) {
		sl->h = w.t[0].hfold;
		sl->first = xstrdup(w.t[0].fold);
		lx->used++;
	}
	/* longest first; among equals, the first added */
	sl->ph = xgrow(sl->ph, &sl->cap, sl->n + 1, sizeof(*sl->ph));
	for (k = sl->n; k > 0 && sl->ph[k - 1]->n < ph->n; k--)
		sl->ph[k] = sl->ph[k - 1];
	sl->ph[k] = ph;
	sl->n++;
	vn_words_free(&w);
	return 0;
}

static int phrase_at(const struct phrase *ph, const struct vn_words *w, size_t at)
{
	int k;
	if (at + (size_t)ph->n > w->n)
		return 0;
	/* the first word's folded form is the slot's: only a canonical phrase checks it */
	for (k = ph->mode == VN_MATCH_FOLD; k < ph->n; k++) {
		const struct vn_wtok *t = &w->t[at + (size_t)k];
		if ((ph->mode == VN_MATCH_FOLD ? t->hfold : t->hcanon) != ph->hash[k])
			return 0;
		if (k > 0 && !ph->gaps[k][0]) {
			size_t gl;
			const char *g = vn_words_gap(w, at + (size_t)k, &gl);
			if (gl > 1 && gap_breaks(g, gl))
				return 0;
			if (gl == 1 && *g && strchr(".;:()!?", *g))
				return 0;
		}
	}
	return 1;
}

static const struct slot *lookup(const struct vn_lexicon *lx, const struct vn_words *w, size_t at)
{
	const struct vn_wtok *t;
	size_t mask, i;
	if (at >= w->n)
		return NULL;
	t = &w->t[at];
	mask = lx->nslots - 1;
	for (i = t->hfold & mask;; i = (i + 1) & mask) {
		const struct slot *s = &lx->slots[i];
		if (!s->h)
			return NULL;
		if (s->h == t->hfold)
			return s;
	}
}

int vn_lexicon_starts(const struct vn_lexicon *lx, const struct vn_words *w, size_t at)
{
	return lookup(lx, w, at) != NULL;
}

int vn_lexicon_longest(const struct vn_lexicon *lx, const struct vn_words *w, size_t at,
		       size_t *len)
{
	const struct slot *s = lookup(lx, w, at);
	size_t k;

	for (k = 0; s && k < s->n; k++)
		if (phrase_at(s->ph[k], w, at)) {
			*len = (size_t)s->ph[k]->n;
			return s->ph[k]->id;
		}
	return -1;
}

size_t vn_lexicon_all(const struct vn_lexicon *lx, const struct vn_words *w, size_t at, int *ids,
		      size_t *lens, size_t max)
{
	const struct slot *s = lookup(lx, w, at);
	size_t k, n = 0;

	for (k = 0; s && k < s->n && n < max; k++)
		if (phrase_at(s->ph[k], w, at)) {
			ids[n] = s->ph[k]->id;
			lens[n++] = (size_t)s->ph[k]->n;
		}
	return n;
}
