#include "vn_ocrfix.h"

#include <glib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util.h"
#include "vn_lex.h"
#include "vn_syll.h"

/* A candidate counts as frequent from this many occurrences in the table. */
#define MIN_FREQ 3
/* Longer letter runs are not syllables worth repairing (names, glued words). */
#define MAX_WORD 12
/* A known syllable gives way to a candidate seen this often beside the same neighbours. */
#define CONTEXT_MIN 3
/* ... this many times more often than the word as read ("far rarer than a neighbour") ... */
#define FAR_RARER 10
/* ... and only when a neighbour calls for it this strongly (see pull()), */
#define PULL_MIN 0.2
/* ... or it calls for the next word this strongly, which the word was never seen before,
 * the word being at most COMMONER times as frequent as it (see calls()). */
#define CALL_MIN 0.05
#define COMMONER 3
/* This many spaces in a row are a table's column gap (Tesseract keeps gaps as spaces,
 * indexer/ocr.c): the cells either side are not neighbours. */
#define COLUMN_GAP 3

static GHashTable *freq;    /* lower-case syllable (UTF-8) -> count */
static GHashTable *pairs;   /* "a b" (lower case) -> count */
static GHashTable *family;  /* lower-case letter -> UChar32[] of its diacritic variants, 0-ended */
static GHashTable *base_of; /* lower-case letter with diacritics -> its base letter */
/* valid syllables seen MIN_FREQ times or more, by skeleton (base letters): the candidates */
static GHashTable *by_skeleton; /* skeleton (UTF-8) -> GPtrArray of struct cand */

struct cand {
	UChar32 c[MAX_WORD];
	size_t n;
	int count;
};
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const UChar32 shapes[] = {0, 0x0306, 0x0302, 0x031B};
static const UChar32 tones[] = {0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323};

/* base + shape + tone composed by ICU; 0 when they do not make one character */
static UChar32 compose(const UNormalizer2 *nfc, UChar32 base, UChar32 shape, UChar32 tone)
{
	UChar in[4], out[8];
	int32_t n = 0, m;
	UErrorCode st = U_ZERO_ERROR;
	UChar32 c;

	in[n++] = (UChar)base;
	if (shape)
		in[n++] = (UChar)shape;
	if (tone)
		in[n++] = (UChar)tone;
	m = unorm2_normalize(nfc, in, n, out, 8, &st);
	if (U_FAILURE(st) || m < 1)
		return 0;
	U16_GET(out, 0, 0, m, c);
	return U16_LENGTH(c) == m ? c : 0;
}

static void index_candidates(const struct vn_table *t);
static void to_utf8(const UChar32 *w, size_t n, char *out, size_t cap);

static void add_family(const UNormalizer2 *nfc, const char *bases)
{
	UChar32 members[64];
	size_t n = 0, i, b, s, t;

	for (b = 0; bases[b]; b++)
		for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
			for (t = 0; t < sizeof(tones) / sizeof(tones[0]); t++) {
				UChar32 c = compose(nfc, (UChar32)bases[b], shapes[s], tones[t]);
				size_t k;
				for (k = 0; c && k < n && members[k] != c; k++)
					;
				if (c && k == n && n < 63)
					members[n++] = c;
			}
	for (i = 0; i < n; i++)
		g_hash_table_insert(base_of, GINT_TO_POINTER(members[i]),
		                    GINT_TO_POINTER((UChar32)bases[0]));
	for (i = 0; i < n; i++) {
		UChar32 *v = xcalloc(n + 1, sizeof(*v));
		size_t j, m = 0;
		for (j = 0; j < n; j++)
			if (j != i)
				v[m++] = members[j];
		g_hash_table_insert(family, GINT_TO_POINTER(members[i]), v);
	}
}

static void load(void)
{
	const struct vn_table *t = vn_lex_table("ocr_syllables.tsv");
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	size_t i;
	UChar32 d[] = {'d', 0x0111, 0};

	const struct vn_table *bt = vn_lex_table("ocr_bigrams.tsv");

	freq = g_hash_table_new(g_str_hash, g_str_equal);
	pairs = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; bt && i < bt->nrows; i++)
		if (bt->rows[i].nfields >= 2)
			g_hash_table_insert(pairs, (gpointer)bt->rows[i].fields[0],
			                    GINT_TO_POINTER(atoi(bt->rows[i].fields[1])));
	family = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
	base_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2)
			g_hash_table_insert(freq, (gpointer)t->rows[i].fields[0],
			                    GINT_TO_POINTER(atoi(t->rows[i].fields[1])));
	if (U_FAILURE(st))
		return;
	/* vowel letters differ by shape and tone only within their base letter */
	add_family(nfc, "a");
	add_family(nfc, "e");
	add_family(nfc, "i");
	add_family(nfc, "o");
	add_family(nfc, "u");
	add_family(nfc, "y");
	{
		UChar32 *v = xcalloc(2, sizeof(*v)), *w = xcalloc(2, sizeof(*w));
		v[0] = d[1];
		w[0] = d[0];
		g_hash_table_insert(family, GINT_TO_POINTER(d[0]), v);
		g_hash_table_insert(family, GINT_TO_POINTER(d[1]), w);
		g_hash_table_insert(base_of, GINT_TO_POINTER(d[1]), GINT_TO_POINTER(d[0]));
	}
	index_candidates(t);
}

/* base letters of w as UTF-8 into out */
static void skeleton(const UChar32 *w, size_t n, char *out, size_t cap)
{
	UChar32 b[MAX_WORD];
	size_t i;

	for (i = 0; i < n && i < MAX_WORD; i++) {
		gpointer v = g_hash_table_lookup(base_of, GINT_TO_POINTER(w[i]));
		b[i] = v ? (UChar32)GPOINTER_TO_INT(v) : w[i];
	}
	to_utf8(b, i, out, cap);
}

static void index_candidates(const struct vn_table *t)
{
	size_t i;

	by_skeleton = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                    (GDestroyNotify)g_ptr_array_unref);
	for (i = 0; t && i < t->nrows; i++) {
		const char *w = t->rows[i].fields[0];
		glong n = 0;
		gunichar *u;
		char key[MAX_WORD * 4 + 1];
		struct cand *c;
		GPtrArray *list;
		int count = t->rows[i].nfields >= 2 ? atoi(t->rows[i].fields[1]) : 0;

		if (count < MIN_FREQ || !vn_syll_valid(w, strlen(w)))
			continue;
		u = g_utf8_to_ucs4(w, -1, NULL, &n, NULL);
		if (!u || n < 1 || n > MAX_WORD) {
			g_free(u);
			continue;
		}
		c = g_new0(struct cand, 1);
		c->n = (size_t)n;
		c->count = count;
		memcpy(c->c, u, (size_t)n * sizeof(*c->c));
		g_free(u);
		skeleton(c->c, c->n, key, sizeof(key));
		list = g_hash_table_lookup(by_skeleton, key);
		if (!list) {
			list = g_ptr_array_new_with_free_func(g_free);
			g_hash_table_insert(by_skeleton, g_strdup(key), list);
		}
		g_ptr_array_add(list, c);
	}
}

static int count_of(const char *lower)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(freq, lower));
}

/* UTF-8 of a code point array */
static void to_utf8(const UChar32 *w, size_t n, char *out, size_t cap)
{
	size_t i, k = 0;
	for (i = 0; i < n && k + 4 < cap; i++)
		k += (size_t)g_unichar_to_utf8((gunichar)w[i], out + k);
	out[k] = 0;
}

static int syll_ok(const UChar32 *w, size_t n, char *u8, size_t cap)
{
	to_utf8(w, n, u8, cap);
	return vn_syll_valid(u8, strlen(u8));
}

static int pair_count(const char *a, const char *b)
{
	char key[2 * (MAX_WORD * 4 + 1) + 2];
	int count;

	if (!a || !b || !*a || !*b)
		return 0;
	snprintf(key, sizeof(key), "%s %s", a, b);
	count = GPOINTER_TO_INT(g_hash_table_lookup(pairs, key));
	return count;
}

/* How often x stands next to its neighbours in the table's texts. */
static int context(const char *prev, const char *x, const char *next)
{
	return pair_count(prev, x) + pair_count(x, next);
}

/* How strongly a neighbour calls for x: the share of the neighbour's occurrences that
 * stand beside x ("sửa" is nearly always followed by "đổi"; "tra" by many words). */
static double pull(const char *prev, const char *x, const char *next)
{
	double a = 0, b = 0;
	int n;

	if (prev && (n = count_of(prev)) > 0)
		a = (double)pair_count(prev, x) / n;
	if (next && (n = count_of(next)) > 0)
		b = (double)pair_count(x, next) / n;
	return a > b ? a : b;
}

/*
 * Whether candidate x calls for the next word although the word w as read was never seen
 * before it: x is a clearly common syllable, the pair (x, next) is seen CONTEXT_MIN times
 * or more and is at least CALL_MIN of x's occurrences, w (common too) would have been seen
 * before next FAR_RARER times or more if it were followed by next as often as x is, and
 * the word before does not prefer w. A syllable with many words before it (tài: đề tài,
 * tài chính, nhân tài…) calls for none of them (pull() is weak), but đề is followed by tài
 * one time in thirteen, and để, twice as frequent, never. Only the next word: it is the
 * second syllable of a compound that tells its first (đề tài, đề nghị, tiến hành); the
 * other way round, a frequent first syllable (để, không, tra) is followed by anything.
 */
static int calls(const char *prev, const char *w, const char *x, const char *next)
{
	int nx = count_of(x), nw = count_of(w), p;

	if (!next || nx < MIN_FREQ * 10 || nw > COMMONER * nx || pair_count(w, next) > 0 ||
	    (p = pair_count(x, next)) < CONTEXT_MIN || p < CALL_MIN * nx)
		return 0;
	return (double)nw * p / nx >= FAR_RARER && pair_count(prev, w) <= pair_count(prev, x);
}

/*
 * Repair word w (n letters, as written) into out (same length); 1 if changed. prev and
 * next are the lower-case neighbours (NULL: none, or punctuation between).
 *
 * A valid syllable the table knows is changed only when exactly one candidate stands next
 * to its neighbours CONTEXT_MIN times or more and FAR_RARER times as often as it, and a neighbour
 * calls for that candidate (pull() >= PULL_MIN); an unknown or invalid one when exactly one
 * candidate is frequent, or context picks exactly one.
 */
static int fix_word(const UChar32 *w, size_t n, const char *prev, const char *next, int name,
                    UChar32 *out)
{
	UChar32 low[MAX_WORD], best[MAX_WORD], best_ctx[MAX_WORD];
	char u8[MAX_WORD * 4 + 1], self[MAX_WORD * 4 + 1];
	size_t i;
	guint k;
	GPtrArray *list;
	int valid, known, found = 0, in_ctx = 0, all_upper = 1, own_ctx;

	for (i = 0; i < n; i++) {
		low[i] = u_tolower(w[i]);
		if (!u_isupper(w[i]))
			all_upper = 0;
	}
	valid = syll_ok(low, n, u8, sizeof(u8));
	known = count_of(u8);
	memcpy(self, u8, sizeof(self));
	own_ctx = context(prev, u8, next);
	if (valid && known && !prev && !next)
		return 0;
	/* candidates: frequent valid syllables with the same base letters, one letter apart */
	skeleton(low, n, u8, sizeof(u8));
	list = g_hash_table_lookup(by_skeleton, u8);
	for (k = 0; list && k < list->len; k++) {
		const struct cand *c = g_ptr_array_index(list, k);
		size_t diff = 0;
		int cx;
		if (c->n != n)
			continue;
		for (i = 0; i < n && diff < 2; i++)
			diff += c->c[i] != low[i];
		if (diff != 1)
			continue;
		to_utf8(c->c, n, u8, sizeof(u8));
		if (!found++)
			memcpy(best, c->c, n * sizeof(*low));
		cx = context(prev, u8, next);
		if (valid && known &&
		    (cx < CONTEXT_MIN || cx < FAR_RARER * own_ctx ||
		     (pull(prev, u8, next) < PULL_MIN && (name || !calls(prev, self, u8, next)))))
			continue;
		if (cx >= 1 && !in_ctx++)
			memcpy(best_ctx, c->c, n * sizeof(*low));
	}
	if (in_ctx == 1) {
		memcpy(best, best_ctx, n * sizeof(*best));
	} else if (valid && known) {
		return 0;
	} else if (found == 1) {
		/* a valid word nobody wrote is only replaced by a clearly common one */
		if (valid) {
			to_utf8(best, n, u8, sizeof(u8));
			if (count_of(u8) < MIN_FREQ * 10)
				return 0;
		}
	} else {
		return 0;
	}
	for (i = 0; i < n; i++)
		out[i] = all_upper || (i == 0 && u_isupper(w[0])) ? u_toupper(best[i]) : best[i];
	return 1;
}

static int is_letter(UChar32 c)
{
	return u_isalpha(c) || u_getCombiningClass(c) > 0;
}

struct word {
	int32_t start, end; /* UTF-16 offsets in the normalized text */
	UChar32 c[MAX_WORD];
	size_t n;                   /* letters; > MAX_WORD: too long, left alone */
	char low[MAX_WORD * 4 + 1]; /* lower case, after repair */
	int joined; /* only blanks (one line break at most) between it and the word before */
	int broken; /* a line break between it and the word before */
};

static int has_lower(const struct word *x)
{
	size_t i;

	for (i = 0; i < x->n && i < MAX_WORD; i++)
		if (u_islower(x->c[i]))
			return 1;
	return 0;
}

/*
 * Whether the capital c has the shape of its small letter, larger: o, u, c, s, v, w, x, z
 * and the o and u with marks (Ở/ở, Ộ/ộ). Tesseract tells these apart by size alone, and
 * gets it wrong at the x-height; other letters it knows by shape.
 */
static int same_shape(UChar32 c)
{
	UChar32 l = u_tolower(c);
	gpointer b = g_hash_table_lookup(base_of, GINT_TO_POINTER(l));
	UChar32 base = b ? (UChar32)GPOINTER_TO_INT(b) : l;

	return base == 'o' || base == 'u' || base == 'c' || base == 's' || base == 'v' ||
	       base == 'w' || base == 'x' || base == 'z';
}

static int all_upper(const struct word *x)
{
	size_t i;

	for (i = 0; i < x->n && i < MAX_WORD; i++)
		if (!u_isupper(x->c[i]))
			return 0;
	return x->n > 0;
}

/*
 * Letters Tesseract read in capitals inside a word: a capital after a small letter
 * (hiỆN), or a word all in capitals between two words in small letters (của BỘ tài),
 * or beside one word in small letters and no word in capitals when its letters after the
 * first have the shape of their small letters (các SỞ, / BỘ máy: a heading in capitals
 * has capitals beside it). The word keeps the case of its first letter and the rest goes
 * to small letters, when that is a frequent syllable (acronyms, UBND, KHCN, are not
 * syllables). A word of one such letter with a mark between two words in small letters
 * goes to small letters (và Ở các). Returns the number of words changed.
 */
static int fix_case(struct word *w, size_t nw)
{
	/* per word: 1 has small letters, 2 all capitals */
	int *kind = xcalloc(nw ? nw : 1, sizeof(*kind)), fixes = 0;
	size_t k, i;

	for (k = 0; k < nw; k++)
		kind[k] = has_lower(&w[k]) ? 1 : all_upper(&w[k]) ? 2 : 0;
	for (k = 0; k < nw; k++) {
		struct word *x = &w[k];
		int inner = 0, upper = 1, shaped = 1;
		int before = k > 0 && x->joined ? kind[k - 1] : 0;
		int after = k + 1 < nw && w[k + 1].joined ? kind[k + 1] : 0;
		/* one neighbour is enough only on the same line: a line of its own in
		 * capitals is a heading (SỐ: 117/2000/TT-BTC under the agency's name) */
		int beside = (before == 1 && !x->broken) || (after == 1 && !w[k + 1].broken);
		if (x->n < 1 || x->n > MAX_WORD || count_of(x->low) < MIN_FREQ ||
		    !vn_syll_valid(x->low, strlen(x->low)))
			continue;
		for (i = 0; i < x->n; i++) {
			if (!u_isupper(x->c[i]))
				upper = 0;
			if (i > 0 && u_isupper(x->c[i]) && u_islower(x->c[i - 1]))
				inner = 1;
			if ((i > 0 || x->n == 1) && !same_shape(x->c[i]))
				shaped = 0;
		}
		if (x->n == 1) {
			/* a mark: a lone letter without one is a label (khu A, mẫu C) */
			if (upper && shaped && before == 1 && after == 1 && x->c[0] > 0x7f) {
				x->c[0] = u_tolower(x->c[0]);
				fixes++;
			}
			continue;
		}
		if (upper && !(before == 1 && after == 1) &&
		    !(shaped && beside && before != 2 && after != 2))
			continue;
		if (!inner && !upper)
			continue;
		for (i = 1; i < x->n; i++)
			x->c[i] = u_tolower(x->c[i]);
		fixes++;
	}
	free(kind);
	return fixes;
}

static void lower_utf8(const UChar32 *w, size_t n, char *out, size_t cap)
{
	UChar32 l[MAX_WORD];
	size_t i;

	for (i = 0; i < n; i++)
		l[i] = u_tolower(w[i]);
	to_utf8(l, n, out, cap);
}

static void add_u16(struct buf *out, const UChar *s, int32_t from, int32_t to)
{
	while (from < to) {
		UChar32 c;
		char u8[8];
		int l;
		U16_NEXT(s, from, to, c);
		l = g_unichar_to_utf8((gunichar)c, u8);
		buf_add(out, u8, (size_t)l);
	}
}

char *vn_ocrfix_syllables(const char *text, int *repairs)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t n16 = 0, m16, i = 0, at = 0;
	UChar *u16, *norm;
	struct buf out = BUF_INIT;
	struct word *w = NULL;
	size_t nw = 0, cap = 0, k;
	int fixes = 0;

	pthread_once(&once, load);
	if (repairs)
		*repairs = 0;
	/* UTF-16, invalid bytes replaced, then NFC */
	u_strFromUTF8WithSub(NULL, 0, &n16, text, -1, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	u16 = xmalloc(((size_t)n16 + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u16, n16 + 1, NULL, text, -1, 0xFFFD, NULL, &st);
	norm = xmalloc(((size_t)n16 * 3 + 1) * sizeof(UChar));
	m16 = U_SUCCESS(st) ? unorm2_normalize(nfc, u16, n16, norm, n16 * 3 + 1, &st) : 0;
	if (U_FAILURE(st))
		m16 = 0;
	/* the words, and whether only blanks stand between each and the one before */
	while (i < m16) {
		int32_t start = i, blank_from = i;
		UChar32 c;
		struct word *x;
		int blanks = 1;

		U16_NEXT(norm, i, m16, c);
		if (!is_letter(c))
			continue;
		w = xgrow(w, &cap, nw + 1, sizeof(*w));
		x = &w[nw];
		memset(x, 0, sizeof(*x));
		x->start = start;
		x->c[x->n++] = c;
		for (;;) {
			int32_t here = i;
			if (i >= m16)
				break;
			U16_NEXT(norm, i, m16, c);
			if (!is_letter(c)) {
				i = here;
				break;
			}
			if (x->n < MAX_WORD)
				x->c[x->n] = c;
			x->n++;
		}
		x->end = i;
		if (nw > 0) {
			blank_from = w[nw - 1].end;
			/* OCR lines are the page's wrapped lines: one line break is a space; a
			 * column gap (COLUMN_GAP spaces) parts two cells of a table row */
			int breaks = 0, run = 0;
			for (; blank_from < start; blank_from++) {
				run = norm[blank_from] == ' ' ? run + 1 : 0;
				if (run >= COLUMN_GAP)
					blanks = 0;
				if (norm[blank_from] == '\n')
					breaks++;
				else if (norm[blank_from] != ' ' && norm[blank_from] != '\t' &&
				         norm[blank_from] != '\r')
					blanks = 0;
			}
			if (breaks > 1)
				blanks = 0;
			x->joined = blanks;
			x->broken = breaks > 0;
		}
		if (x->n <= MAX_WORD)
			lower_utf8(x->c, x->n, x->low, sizeof(x->low));
		nw++;
	}
	fixes += fix_case(w, nw);
	for (k = 0; k < nw; k++) {
		UChar32 fixed[MAX_WORD];
		const char *prev =
		    k > 0 && w[k].joined && w[k - 1].n <= MAX_WORD ? w[k - 1].low : NULL;
		const char *next =
		    k + 1 < nw && w[k + 1].joined && w[k + 1].n <= MAX_WORD ? w[k + 1].low : NULL;
		/* two words with capitals are a name (Sở Kế hoạch): the pairs of the table,
		 * in small letters, say nothing of it */
		int name = next && u_isupper(w[k].c[0]) && u_isupper(w[k + 1].c[0]);
		if (w[k].n > MAX_WORD || !fix_word(w[k].c, w[k].n, prev, next, name, fixed))
			continue;
		memcpy(w[k].c, fixed, w[k].n * sizeof(*fixed));
		lower_utf8(w[k].c, w[k].n, w[k].low, sizeof(w[k].low));
		fixes++;
	}
	for (k = 0; k < nw; k++) {
		size_t j;
		add_u16(&out, norm, at, w[k].start);
		if (w[k].n > MAX_WORD) {
			add_u16(&out, norm, w[k].start, w[k].end);
		} else {
			for (j = 0; j < w[k].n; j++) {
				char u8[8];
				int l = g_unichar_to_utf8((gunichar)w[k].c[j], u8);
				buf_add(&out, u8, (size_t)l);
			}
		}
		at = w[k].end;
	}
	add_u16(&out, norm, at, m16);
	free(w);
	free(u16);
	free(norm);
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

/* Whether the line at s (up to its line break) holds a column gap: a table row. */
static int column_gap(const char *s)
{
	int run = 0;

	for (; *s && *s != '\n'; s++) {
		run = *s == ' ' ? run + 1 : 0;
		if (run >= COLUMN_GAP)
			return 1;
	}
	return 0;
}

/* A glued word longer than this many letters is left alone; a syllable is at most 7. */
#define MAX_GLUED 48
#define MAX_SYLL  8
/* A piece seen fewer than MIN_FREQ times (in the dictionary, or once or twice in the texts:
 * nhựa, soạn, xoắn) is taken when it is RARE_PIECE_MIN letters or more and starts with a
 * consonant: a cut before a vowel, or a short rare piece, splits loanwords and typos
 * (giắc -> gi ắc, bêtông -> bê tông, hàang -> hà ang). */
#define RARE_PIECE_MIN 3

static gunichar base_letter(gunichar c);

/* Whether c (lower case) is a vowel, with or without marks. */
static int vowel(gunichar c)
{
	return strchr("aeiouy", (int)base_letter(c)) != NULL && base_letter(c) != 0;
}

/* A segmentation of a prefix: fewer pieces first, then more pairs the table has seen,
 * then more frequent pieces. */
struct seg {
	int ok, pieces, pairs;
	double logf;
	int prevk; /* letters of the piece before the last; 0: the last is the first */
};

static int seg_better(const struct seg *a, const struct seg *b)
{
	if (!b->ok)
		return 1;
	if (a->pieces != b->pieces)
		return a->pieces < b->pieces;
	if (a->pairs != b->pairs)
		return a->pairs > b->pairs;
	return a->logf > b->logf;
}

/*
 * Cut points (code point offsets, ascending) of a glued word u (lower case, n code
 * points) into frequent valid syllables; returns how many (0: no such split).
 *
 * Every piece is a valid syllable seen MIN_FREQ times; the fewest pieces win, then the
 * split whose neighbouring pieces the pair table has seen together most often, then the
 * most frequent pieces. A word of ASCII letters only (a foreign word, an abbreviation) is
 * split only where the pair table has seen every pair: Vietnamese glued by OCR keeps its
 * diacritics. A piece of one letter (y, ở, a) needs a seen pair too: any misread letter
 * is one.
 */
static int split_points(const gunichar *u, int n, int *cuts)
{
	/* best[i][k]: the best segmentation of u[0..i) whose last piece has k letters */
	struct seg best[MAX_GLUED + 1][MAX_SYLL + 1];
	char piece[MAX_GLUED + 1][MAX_SYLL + 1][MAX_SYLL * 4 + 1];
	int i, k, j, ascii = 1, bk = 0, m = 0;
	struct seg end = {0, 0, 0, 0, 0};

	if (n > MAX_GLUED)
		return 0;
	for (i = 0; i < n; i++)
		if (u[i] > 0x7f)
			ascii = 0;
	memset(best, 0, sizeof(best));
	for (i = 1; i <= n; i++)
		for (k = 1; k <= MAX_SYLL && k <= i; k++) {
			char *w = piece[i][k];
			int cnt, kk;
			glong len = 0;
			char *tmp = g_ucs4_to_utf8(u + i - k, k, NULL, &len, NULL);
			w[0] = 0;
			if (!tmp || len > MAX_SYLL * 4) {
				g_free(tmp);
				continue;
			}
			memcpy(w, tmp, (size_t)len + 1);
			g_free(tmp);
			cnt = count_of(w);
			if (cnt < 1 ||
			    (cnt < MIN_FREQ && (k < RARE_PIECE_MIN || vowel(u[i - k]))) ||
			    !vn_syll_valid(w, (size_t)len)) {
				w[0] = 0;
				continue;
			}
			if (i == k) {
				best[i][k] = (struct seg){1, 1, 0, log((double)cnt), 0};
				continue;
			}
			for (kk = 1; kk <= MAX_SYLL && kk <= i - k; kk++) {
				const struct seg *prev = &best[i - k][kk];
				struct seg x;
				int seen;
				if (!prev->ok)
					continue;
				seen = pair_count(piece[i - k][kk], w) > 0;
				if ((ascii || k == 1 || kk == 1) && !seen)
					continue;
				x = (struct seg){1, prev->pieces + 1, prev->pairs + seen,
				                 prev->logf + log((double)cnt), kk};
				if (seg_better(&x, &best[i][k]))
					best[i][k] = x;
			}
		}
	for (k = 1; k <= MAX_SYLL && k <= n; k++)
		if (best[n][k].ok && best[n][k].pieces >= 2 && seg_better(&best[n][k], &end)) {
			end = best[n][k];
			bk = k;
		}
	if (!end.ok)
		return 0;
	/* walked back from the end, then put in ascending order */
	for (i = n, k = bk; k > 0 && i - k > 0;) {
		int pk = best[i][k].prevk;
		cuts[m++] = i - k;
		i -= k;
		k = pk;
	}
	for (i = 0; i < m / 2; i++) {
		j = cuts[i];
		cuts[i] = cuts[m - 1 - i];
		cuts[m - 1 - i] = j;
	}
	return m;
}

/*
 * Cut points of a word glued at a change of case (CụcATBX, VPPhốihợpMT, TTTinhọc): before
 * a capital that follows a small letter, and where a run of two or more capitals meets
 * small letters: before its last capital, or (after) before the first small letter. The pieces in
 * capitals are abbreviations and stay whole; the others are split further into syllables
 * (split_points) when they are no word the table knows. orig is the word as read, low the same in
 * lower case (n code points). Returns how many cuts (0: not glued at a change of case).
 */
static int case_cuts_at(const gunichar *orig, const gunichar *low, int n, int *cuts, int after)
{
	int at[MAX_GLUED] = {0}, na = 0, m = 0, i, from = 0;

	for (i = 1; i < n; i++)
		if ((g_unichar_islower(orig[i - 1]) && g_unichar_isupper(orig[i])) ||
		    (!after && i >= 2 && i + 1 < n && g_unichar_isupper(orig[i - 2]) &&
		     g_unichar_isupper(orig[i - 1]) && g_unichar_isupper(orig[i]) &&
		     g_unichar_islower(orig[i + 1])) ||
		    (after && i >= 2 && g_unichar_isupper(orig[i - 2]) &&
		     g_unichar_isupper(orig[i - 1]) && g_unichar_islower(orig[i])))
			at[na++] = i;
	for (i = 0; i <= na; i++) {
		int to = i < na ? at[i] : n, sub[MAX_GLUED], ns = 0, k, upper = 1, known;
		char *w = g_ucs4_to_utf8(low + from, to - from, NULL, NULL, NULL);
		for (k = from; k < to; k++)
			if (!g_unichar_isupper(orig[k]))
				upper = 0;
		known = w && count_of(w) >= MIN_FREQ && vn_syll_valid(w, strlen(w));
		if (!upper && !known)
			ns = split_points(low + from, to - from, sub);
		g_free(w);
		/* every piece an abbreviation, a frequent syllable or frequent syllables glued:
		 * else the change of case is no seam (garbage, or a legacy-font word: phÝ) */
		if (!(upper && to - from >= 2) && !known && ns == 0)
			return 0;
		if (from > 0)
			cuts[m++] = from;
		for (k = 0; k < ns; k++)
			cuts[m++] = from + sub[k];
		from = to;
	}
	return m;
}

/* A run of capitals before small letters ends either with the next word's capital
 * (TTTinhọc: TT Tinhọc) or with itself (CNnhẹ: CN nhẹ): the first reading whose pieces
 * all make sense. */
static int case_cuts(const gunichar *orig, const gunichar *low, int n, int *cuts)
{
	int m = case_cuts_at(orig, low, n, cuts, 0);

	return m ? m : case_cuts_at(orig, low, n, cuts, 1);
}

/* Whether a line of text holds a column gap: a page with a table. */
static int has_table(const char *text)
{
	const char *q;

	for (q = text; *q; q++)
		if ((q == text || q[-1] == '\n') && column_gap(q))
			return 1;
	return 0;
}

char *vn_ocrfix_split(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	const char *p = text;
	int fixes = 0, table;

	pthread_once(&once, load);
	/* a page with a table row: the cells wrapped onto lines of their own have no column
	 * gap to tell them by, and are glued the same way */
	table = has_table(text);
	while (*p) {
		const char *q = p;
		gunichar c = g_utf8_get_char(p);
		char *low;
		gunichar *u;
		glong n = 0;
		int cuts[MAX_GLUED], m = 0;
		if (!g_unichar_isalpha(c)) {
			q = g_utf8_next_char(p);
			buf_add(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		while (*q && (g_unichar_isalpha(g_utf8_get_char(q)) ||
		              g_unichar_ismark(g_utf8_get_char(q))))
			q = g_utf8_next_char(q);
		low = g_utf8_strdown(p, q - p);
		u = g_utf8_to_ucs4_fast(low, -1, &n);
		/* a word someone wrote is not glued; Tesseract glues syllables when it misses
		 * the space between them (table cells read as one line) */
		if (table && count_of(low) == 0 && n == g_utf8_strlen(p, q - p) && n <= MAX_GLUED) {
			gunichar *orig = g_utf8_to_ucs4_fast(p, q - p, NULL);
			m = case_cuts(orig, u, (int)n, cuts);
			if (m == 0)
				m = split_points(u, (int)n, cuts);
			g_free(orig);
		}
		if (m > 0) {
			const char *r = p;
			int k;
			for (k = 0; k < m; k++) {
				const char *cut = g_utf8_offset_to_pointer(p, cuts[k]);
				buf_add(&out, r, (size_t)(cut - r));
				buf_addc(&out, ' ');
				r = cut;
			}
			buf_add(&out, r, (size_t)(q - r));
			fixes++;
		} else {
			buf_add(&out, p, (size_t)(q - p));
		}
		g_free(u);
		g_free(low);
		p = q;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

/* digits at s, at most max of them; their count */
static size_t digits(const char *s, size_t max)
{
	size_t k = 0;
	while (k < max && s[k] >= '0' && s[k] <= '9')
		k++;
	return k;
}

/* Whether s (n bytes) is exactly d{1,2}/m{1,2}/yyyy with a real day and month. */
static int is_date(const char *s, size_t n)
{
	size_t a = digits(s, 3), b, c;
	int d, m, y;

	if (a < 1 || a > 2 || a >= n || s[a] != '/')
		return 0;
	b = digits(s + a + 1, 3);
	if (b < 1 || b > 2 || a + 1 + b >= n || s[a + 1 + b] != '/')
		return 0;
	c = digits(s + a + b + 2, 5);
	if (c != 4 || a + b + 2 + c != n)
		return 0;
	d = atoi(s);
	m = atoi(s + a + 1);
	y = atoi(s + a + b + 2);
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2099;
}

static int date_char(char c)
{
	return (c >= '0' && c <= '9') || c == '/';
}

char *vn_ocrfix_numbers(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	size_t n = strlen(text), i = 0;
	int fixes = 0;

	while (i < n) {
		/* a piece of digits and slashes, a single space, another such piece */
		size_t a = i, ae, b, be;
		if (!date_char(text[i]) || (i > 0 && date_char(text[i - 1]))) {
			buf_addc(&out, text[i++]);
			continue;
		}
		for (ae = a; ae < n && date_char(text[ae]); ae++)
			;
		b = ae + 1;
		for (be = b; be < n && date_char(text[be]); be++)
			;
		if (ae < n && text[ae] == ' ' && be > b && be - a <= 12 &&
		    !is_date(text + a, ae - a) && !is_date(text + b, be - b) &&
		    memchr(text + a, '/', be - a)) {
			char joined[16];
			memcpy(joined, text + a, ae - a);
			memcpy(joined + (ae - a), text + b, be - b);
			joined[(ae - a) + (be - b)] = 0;
			if (is_date(joined, (ae - a) + (be - b))) {
				buf_add(&out, joined, (ae - a) + (be - b));
				fixes++;
				i = be;
				continue;
			}
		}
		buf_add(&out, text + a, ae - a);
		i = ae;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

/* Whether c is a letter of the Vietnamese alphabet (or of English: foreign words and
 * abbreviations are written in it), in either case. */
static int vn_letter(gunichar c)
{
	gunichar l = g_unichar_tolower(c);

	return (l >= 'a' && l <= 'z') || l == 0x0111 ||
	       g_hash_table_contains(base_of, GINT_TO_POINTER((UChar32)l));
}

/* The first code point of c's canonical decomposition, in lower case: its base letter. */
static gunichar base_letter(gunichar c)
{
	gunichar d[4];
	gsize n = g_unichar_fully_decompose(g_unichar_tolower(c), FALSE, d, 4);

	return n ? d[0] : g_unichar_tolower(c);
}

char *vn_ocrfix_letters(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	const char *p = text;
	gunichar prev = 0;
	int fixes = 0;

	pthread_once(&once, load);
	if (repairs)
		*repairs = 0;
	if (!g_utf8_validate(text, -1, NULL))
		return xstrdup(text);
	while (*p) {
		gunichar c = g_utf8_get_char(p);
		const char *q = g_utf8_next_char(p);
		/* U+00D0 (Icelandic eth) is drawn as Đ, which Vietnamese has and Icelandic is
		 * not written in these reports: Tesseract's model holds both */
		gunichar as = c == 0x00D0 ? 0x0110 : c;
		/* one letter read twice: in both cases (gỗỖ, SỐố), or again as a Latin letter
		 * with marks Vietnamese has not, on the same base (sỹÿ, ĐÐ); other scripts'
		 * doubled letters are theirs */
		int twice = prev && g_unichar_isalpha(prev) && g_unichar_isalpha(c) &&
		            ((as != prev && as > 0x7f &&
		              g_unichar_tolower(as) == g_unichar_tolower(prev)) ||
		             (!vn_letter(c) && base_letter(c) >= 'a' && base_letter(c) <= 'z' &&
		              base_letter(c) == base_letter(prev)) ||
		             (c == 0x00D0 && prev == 0x0110));
		if (twice) {
			fixes++;
		} else if (as != c) {
			char u8[8];
			buf_add(&out, u8, (size_t)g_unichar_to_utf8(as, u8));
			fixes++;
		} else {
			buf_add(&out, p, (size_t)(q - p));
		}
		if (!twice)
			prev = as;
		p = q;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

static int blank_or_edge(const char *s, size_t i, size_t n)
{
	return i >= n || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
}

/* Whether the code point ending just before byte i of s, and the one at i, are letters. */
static int letter_before(const char *s, size_t i)
{
	const char *p = i > 0 ? g_utf8_find_prev_char(s, s + i) : NULL;
	return p && g_unichar_isalpha(g_utf8_get_char(p));
}

static int letter_at(const char *s, size_t i)
{
	return s[i] && g_unichar_isalpha(g_utf8_get_char(s + i));
}

/*
 * Whether the word ending at byte i of s (from the last blank) is an abbreviation of a
 * capital and one or two small letters that is no syllable (Tr, Ng, Ngh): written before a
 * unit with a full stop and a space (Tr. USD, Ngh. tỷ: 39 times in the transcripts the
 * frequency table is built from, never glued), where a table cell's full stop glued to the
 * next word is a space Tesseract dropped.
 */
static int short_abbrev_before(const char *s, size_t i)
{
	size_t st = i;
	char low[16];
	glong n;
	gunichar *u;
	int ok;

	while (st > 0 && !blank_or_edge(s, st - 1, i))
		st--;
	if (i - st >= sizeof(low) / 2)
		return 0;
	u = g_utf8_to_ucs4_fast(s + st, (glong)(i - st), &n);
	ok = n >= 2 && n <= 3 && g_unichar_isupper(u[0]);
	for (glong k = 1; ok && k < n; k++)
		ok = g_unichar_islower(u[k]);
	g_free(u);
	if (ok) {
		char *d = g_utf8_strdown(s + st, (gssize)(i - st));
		snprintf(low, sizeof(low), "%s", d);
		g_free(d);
		ok = !vn_syll_valid(low, strlen(low));
	}
	return ok;
}

/* Whether byte i of s ends one or two digits that open a line (after blanks). */
static int list_number_before(const char *s, size_t i)
{
	size_t st = i;

	while (st > 0 && i - st < 3 && s[st - 1] >= '0' && s[st - 1] <= '9')
		st--;
	if (st == i || i - st > 2)
		return 0;
	while (st > 0 && (s[st - 1] == ' ' || s[st - 1] == '\t'))
		st--;
	return st == 0 || s[st - 1] == '\n';
}

char *vn_ocrfix_marks(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	size_t n = strlen(text), i = 0;
	int fixes = 0, table;

	if (repairs)
		*repairs = 0;
	if (!g_utf8_validate(text, -1, NULL))
		return xstrdup(text);
	table = has_table(text);
	while (i < n) {
		char c = text[i];
		if (c == '_') {
			/* one or two underscores at a word's edge or alone are specks or a cell's
			 * rule read as a character (20_, NTMN_, _4.); a typed line of them is
			 * longer, and one inside a word (Ga_con) was typed */
			size_t j = i;
			while (j < n && text[j] == '_')
				j++;
			if (j - i <= 2 && (blank_or_edge(text, j, n) ||
			                   (i == 0 || blank_or_edge(text, i - 1, n)))) {
				fixes++;
				/* alone: the blank after it goes too */
				if ((i == 0 || blank_or_edge(text, i - 1, n)) && j < n &&
				    text[j] == ' ')
					j++;
				i = j;
				continue;
			}
			buf_add(&out, text + i, j - i);
			i = j;
			continue;
		}
		if (c == ',' && table && letter_before(text, i) && letter_at(text, i + 1)) {
			/* a comma between two letters lost its space (án,mã), on a page with a
			 * table, where Tesseract drops the spaces inside cells (see split); numbers
			 * keep theirs. In prose, such a comma was typed so. */
			buf_add(&out, ", ", 2);
			fixes++;
			i++;
			continue;
		}
		if (c == ',' && list_number_before(text, i) && i + 2 < n && text[i + 1] == ' ' &&
		    g_unichar_isupper(g_utf8_get_char(text + i + 2))) {
			/* 5, Tên → 5. Tên: an item number at a line's start is followed by a full
			 * stop (533 times in the transcripts the frequency table is built from, a
			 * comma never); Tesseract reads its dot low as a comma */
			buf_addc(&out, '.');
			fixes++;
			i++;
			continue;
		}
		if (c == '.' && table && letter_at(text, i + 1) && short_abbrev_before(text, i)) {
			/* Tr.USD, Ng.tấn: the space after an abbreviation's full stop, dropped in
			 * a table cell as the comma's is */
			buf_add(&out, ". ", 2);
			fixes++;
			i++;
			continue;
		}
		if (c == '-' && i + 1 < n && text[i + 1] == '\n' && i > 0 &&
		    !blank_or_edge(text, i - 1, n) && i + 2 < n && !blank_or_edge(text, i + 2, n) &&
		    text[i - 1] != '-') {
			/* a line broken after a hyphen inside a word (B1-2-|TMĐT, Tỉnh-|Thành): the
			 * typesetter broke it there, the word goes on */
			buf_addc(&out, '-');
			fixes++;
			i += 2;
			continue;
		}
		buf_addc(&out, c);
		i++;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

/* The value of the Roman numeral s (n bytes of I V X L C D M, written the usual way: the
 * value written back gives the same letters), or 0. */
static int roman_value(const char *s, size_t n)
{
	static const struct {
		const char *r;
		int v;
	} digit[] = {{"M", 1000}, {"CM", 900}, {"D", 500}, {"CD", 400}, {"C", 100},
	             {"XC", 90},  {"L", 50},   {"XL", 40}, {"X", 10},   {"IX", 9},
	             {"V", 5},    {"IV", 4},   {"I", 1}};
	char back[32];
	size_t i, k = 0;
	int v = 0, left;

	if (n == 0 || n >= sizeof(back))
		return 0;
	for (i = 0; i < n; i++)
		if (!s[i] || !strchr("IVXLCDM", s[i]))
			return 0;
	/* read greedily (subtractive pairs first), then written back: IIII, VX, IIV are no
	 * numerals */
	for (i = 0; i < n;) {
		size_t d;
		for (d = 0; d < sizeof(digit) / sizeof(digit[0]); d++) {
			size_t len = strlen(digit[d].r);
			if (i + len <= n && memcmp(s + i, digit[d].r, len) == 0) {
				v += digit[d].v;
				i += len;
				break;
			}
		}
	}
	for (left = v, i = 0; left > 0 && i < sizeof(digit) / sizeof(digit[0]);)
		if (left >= digit[i].v && k + 2 < sizeof(back)) {
			size_t len = strlen(digit[i].r);
			memcpy(back + k, digit[i].r, len);
			k += len;
			left -= digit[i].v;
		} else {
			i++;
		}
	return left == 0 && k == n && memcmp(back, s, n) == 0 ? v : 0;
}

/*
 * Roman row and section numbers read with H for II (the two stems' serifs touch: II -> H,
 * III -> IH). A line's first word (before a blank or a full stop) that is a Roman numeral
 * sets the count; one with an H that, each H read as II, is a Roman numeral one more than
 * the last numeral that opened a line above, is that numeral (I … H -> II, II … IH -> III).
 * Without the numeral before it, H is a letter (a section H, the H of a name).
 */
char *vn_ocrfix_roman(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	size_t n = strlen(text), i = 0;
	int fixes = 0, last = 0;

	while (i < n) {
		size_t st = i, e, k;
		char two[32];
		size_t m = 0;
		int v;
		while (st < n && (text[st] == ' ' || text[st] == '\t'))
			st++;
		for (e = st; e < n && strchr("IVXLCDMH", text[e]); e++)
			;
		v = e > st && (e == n || strchr(" \t\n.", text[e])) ? roman_value(text + st, e - st)
		                                                    : 0;
		if (v) {
			last = v;
		} else if (last && e > st && (e == n || strchr(" \t\n.", text[e])) &&
		           memchr(text + st, 'H', e - st) && 2 * (e - st) < sizeof(two)) {
			for (k = st; k < e; k++) {
				if (text[k] == 'H')
					two[m++] = 'I';
				two[m++] = text[k] == 'H' ? 'I' : text[k];
			}
			if (roman_value(two, m) == last + 1) {
				buf_add(&out, text + i, st - i);
				buf_add(&out, two, m);
				fixes++;
				last++;
				i = e;
			}
		}
		/* the rest of the line as it is */
		e = i;
		while (e < n && text[e] != '\n')
			e++;
		buf_add(&out, text + i, e < n ? e + 1 - i : e - i);
		i = e < n ? e + 1 : n;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

char *vn_ocrfix(const char *raw, int *repairs)
{
	int r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0;
	char *s = vn_ocrfix_syllables(raw, &r1);
	char *l = vn_ocrfix_letters(s, &r2);
	char *g = vn_ocrfix_split(l, &r3);
	/* again, when words came apart: a piece's diacritic repair needs its neighbours */
	char *s2 = r3 ? vn_ocrfix_syllables(g, &r4) : xstrdup(g);
	char *t0 = vn_ocrfix_numbers(s2, &r5);
	char *t1 = vn_ocrfix_marks(t0, &r6);
	char *t = vn_ocrfix_roman(t1, &r7);

	free(t1);
	free(t0);
	free(s);
	free(l);
	free(g);
	free(s2);
	if (repairs)
		*repairs = r1 + r2 + r3 + r4 + r5 + r6 + r7;
	return t;
}
