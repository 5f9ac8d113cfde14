#include "vn_words.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"
#include "vn_memo.h"
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

/* A vn_words under construction: canon and fold go to the arena as offsets (it may move),
 * made pointers when it is done. */
struct builder {
	struct vn_words *w;
	struct wtmp *tmp;
	size_t tcap;
};

static void build_begin(struct builder *bd, struct vn_words *w, const char *s, size_t n)
{
	size_t want;

	memset(w, 0, sizeof(*w));
	w->text = s;
	w->ntext = n;
	/* Room for the usual case at once: a Vietnamese word with its separator takes 4 to 8
	 * bytes (more is made when needed), and its canonical and folded forms are about as
	 * long as it. This runs for every passage, and for every bullet layout looks at:
	 * growing per word showed. */
	want = n / 4 + 4;
	bd->w = w;
	bd->tcap = 0;
	w->t = xgrow(NULL, &w->cap, want, sizeof(*w->t));
	bd->tmp = xgrow(NULL, &bd->tcap, want, sizeof(*bd->tmp));
	buf_reserve(&w->arena, 2 * n + 16);
}

static void build_end(struct builder *bd)
{
	struct vn_words *w = bd->w;
	size_t i;

	for (i = 0; i < w->n; i++) {
		w->t[i].canon = w->arena.p + bd->tmp[i].canon;
		w->t[i].fold = w->arena.p + bd->tmp[i].fold;
	}
	free(bd->tmp);
}

/* Append a word; t holds everything but canon and fold, which are copied. */
static void push(struct builder *bd, const struct vn_wtok *t, const char *canon, size_t ncanon,
                 const char *fold, size_t nfold)
{
	struct vn_words *w = bd->w;

	if (w->n + 1 > w->cap)
		w->t = xgrow(w->t, &w->cap, w->n + 1, sizeof(*w->t));
	if (w->n + 1 > bd->tcap)
		bd->tmp = xgrow(bd->tmp, &bd->tcap, w->n + 1, sizeof(*bd->tmp));
	w->t[w->n] = *t;
	bd->tmp[w->n].canon = arena_put(&w->arena, canon, ncanon);
	bd->tmp[w->n].fold = arena_put(&w->arena, fold, nfold);
	w->n++;
}

/* The words of s[0..n), word by word, their spans offset by base bytes and cbase
 * characters. */
static void words_direct(struct builder *bd, struct vn_norm *nm, const char *s, size_t n,
                         size_t base, size_t cbase)
{
	size_t pos = 0, a, b, last = 0, chars = cbase;

	while (vn_tok_next(s, n, &pos, &a, &b)) {
		struct vn_word v;
		struct vn_wtok t;
		unsigned char first = (unsigned char)s[a];
		if (vn_norm_word(nm, s + a, b - a, &v) != 0)
			continue;
		memset(&t, 0, sizeof(t));
		chars += text_count_chars(s + last, a - last);
		t.a = base + a;
		t.b = base + b;
		t.ca = chars;
		chars += text_count_chars(s + a, b - a);
		t.cb = chars;
		last = b;
		t.flags = v.flags;
		if (first < 0x80) {
			t.upper_first = first >= 'A' && first <= 'Z';
		} else {
			int32_t k = 0;
			UChar32 c;
			U8_NEXT(s + a, k, (int32_t)(b - a), c);
			t.upper_first = c > 0 && u_isUUppercase(c);
		}
		t.hcanon = vn_words_hash(v.canon, v.ncanon);
		t.hfold = (v.flags & VN_WORD_ACCENTED) ? vn_words_hash(v.fold, v.nfold) : t.hcanon;
		push(bd, &t, v.canon, v.ncanon, v.fold, v.nfold);
	}
}

void vn_words_build_direct(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n)
{
	struct builder bd;

	build_begin(&bd, w, s, n);
	words_direct(&bd, nm, s, n, 0, 0);
	build_end(&bd);
}

/*
 * The words of a chunk of text (lib/vn_memo.h) as kept in the memo: the chunk's length in
 * characters and its word count (1 byte each), then for each word its spans relative to the
 * chunk (a, b, ca, cb), flags and upper_first (1 byte each), hcanon and hfold (8 bytes
 * each), the lengths of canon and fold (1 byte each) and their bytes.
 */
enum { REC_FIXED = 6 + 16 + 2 };

/* Serialize words from..w->n of a build, the words of one chunk at base bytes and cbase
 * characters, into val; -1 if a field does not fit its byte. */
static int chunk_value(const struct builder *bd, size_t from, size_t base, size_t cbase,
                       size_t nchars, struct buf *val)
{
	const struct vn_words *w = bd->w;
	size_t i;

	buf_reset(val);
	if (nchars > 255 || w->n - from > 255)
		return -1;
	buf_addc(val, (char)nchars);
	buf_addc(val, (char)(w->n - from));
	for (i = from; i < w->n; i++) {
		const struct vn_wtok *t = &w->t[i];
		const char *canon = w->arena.p + bd->tmp[i].canon,
		           *fold = w->arena.p + bd->tmp[i].fold;
		size_t nc = strlen(canon), nf = strlen(fold);
		unsigned char f[6];
		if (t->cb - cbase > 255 || t->b - base > 255 || t->flags > 255 || nc > 255 ||
		    nf > 255)
			return -1;
		f[0] = (unsigned char)(t->a - base);
		f[1] = (unsigned char)(t->b - base);
		f[2] = (unsigned char)(t->ca - cbase);
		f[3] = (unsigned char)(t->cb - cbase);
		f[4] = (unsigned char)t->flags;
		f[5] = (unsigned char)(t->upper_first != 0);
		buf_add(val, (const char *)f, 6);
		buf_add(val, (const char *)&t->hcanon, 8);
		buf_add(val, (const char *)&t->hfold, 8);
		buf_addc(val, (char)nc);
		buf_addc(val, (char)nf);
		buf_add(val, canon, nc);
		buf_add(val, fold, nf);
	}
	return 0;
}

/* Append the words of a memo value at base bytes and cbase characters; returns the chunk's
 * length in characters. */
static size_t chunk_replay(struct builder *bd, const unsigned char *v, size_t base, size_t cbase)
{
	size_t nchars = v[0], nw = v[1], i;

	v += 2;
	for (i = 0; i < nw; i++) {
		struct vn_wtok t;
		size_t nc = v[22], nf = v[23];
		memset(&t, 0, sizeof(t));
		t.a = base + v[0];
		t.b = base + v[1];
		t.ca = cbase + v[2];
		t.cb = cbase + v[3];
		t.flags = v[4];
		t.upper_first = v[5];
		memcpy(&t.hcanon, v + 6, 8);
		memcpy(&t.hfold, v + 14, 8);
		push(bd, &t, (const char *)v + REC_FIXED, nc, (const char *)v + REC_FIXED + nc, nf);
		v += REC_FIXED + nc + nf;
	}
	return nchars;
}

/*
 * Words are built chunk by chunk: a chunk met before has its words, spans relative to it, in
 * the memo (a report repeats a few thousand chunks), and is copied where decoding,
 * normalizing, counting characters and hashing every word was most of the work.
 */
void vn_words_build(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n)
{
	struct vn_memo *memo = vn_norm_memo(nm, VN_MEMO_WORDS);
	struct builder bd;
	struct buf val = BUF_INIT;
	size_t i = 0, a, cbase = 0; /* cbase: characters before the chunk (a space is one) */
	unsigned h;

	build_begin(&bd, w, s, n);
	while ((h = vn_chunk_next(s, n, &i, &a, &cbase)) != 0) {
		const char *v;
		size_t nv, from, nchars;
		if (i - a > VN_CHUNK_MAX) {
			words_direct(&bd, nm, s + a, i - a, a, cbase);
			cbase += text_count_chars(s + a, i - a);
			continue;
		}
		v = vn_memo_get(memo, h, s + a, i - a, &nv);
		if (v) {
			cbase += chunk_replay(&bd, (const unsigned char *)v, a, cbase);
			continue;
		}
		/* word by word into the build, and kept from there from the second time on */
		from = w->n;
		nchars = text_count_chars(s + a, i - a);
		words_direct(&bd, nm, s + a, i - a, a, cbase);
		if (vn_memo_seen(memo, h) && chunk_value(&bd, from, a, cbase, nchars, &val) == 0)
			vn_memo_put(memo, h, s + a, i - a, val.p, val.n);
		cbase += nchars;
	}
	buf_free(&val);
	build_end(&bd);
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
	char **words;   /* canonical or folded forms, by mode */
	uint64_t *hash; /* their hashes */
	char **gaps;    /* punctuation written inside the phrase, before word k (k >= 1) */
};

/* What a phrase's second word must hash to, beside it in the slot: a lookup scans the
 * phrases of a first word ("công": Công an, Công đoàn, Công ty …) in this compact array and
 * reads a phrase itself only when its second word fits. */
struct head {
	uint64_t h1; /* hash of word 1, in the phrase's mode; unused when n == 1 */
	int n, fold;
};

struct slot {
	uint64_t h;  /* 0 = empty */
	char *first; /* folded first word */
	struct phrase **ph;
	struct head *heads; /* heads[k] for ph[k] */
	size_t n, cap, hcap;
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
		free(lx->slots[i].heads);
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
	sl->heads = xgrow(sl->heads, &sl->hcap, sl->n + 1, sizeof(*sl->heads));
	for (k = sl->n; k > 0 && sl->ph[k - 1]->n < ph->n; k--) {
		sl->ph[k] = sl->ph[k - 1];
		sl->heads[k] = sl->heads[k - 1];
	}
	sl->ph[k] = ph;
	sl->heads[k].n = ph->n;
	sl->heads[k].fold = mode == VN_MATCH_FOLD;
	sl->heads[k].h1 = ph->n > 1 ? ph->hash[1] : 0;
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

/* Whether phrase k of s can start at word at, from its head alone (phrase_at decides). */
static int head_fits(const struct head *hd, const struct vn_words *w, size_t at)
{
	const struct vn_wtok *t;

	if (hd->n == 1)
		return 1;
	if (at + (size_t)hd->n > w->n)
		return 0;
	t = &w->t[at + 1];
	return (hd->fold ? t->hfold : t->hcanon) == hd->h1;
}

int vn_lexicon_longest(const struct vn_lexicon *lx, const struct vn_words *w, size_t at,
                       size_t *len)
{
	const struct slot *s = lookup(lx, w, at);
	size_t k;

	for (k = 0; s && k < s->n; k++)
		if (head_fits(&s->heads[k], w, at) && phrase_at(s->ph[k], w, at)) {
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
		if (head_fits(&s->heads[k], w, at) && phrase_at(s->ph[k], w, at)) {
			ids[n] = s->ph[k]->id;
			lens[n++] = (size_t)s->ph[k]->n;
		}
	return n;
}
