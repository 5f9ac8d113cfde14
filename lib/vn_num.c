/*
 * vn_num.c — see vn_num.h, and docs/figures.md for the rules with examples.
 *
 * Reading a number goes: cut the numeric token (digit groups joined by '.', ',' or a
 * no-break space) -> look left (a word glued to it, the date, year, label, idiom and
 * qualifier words before it) -> look right (/, -, :, %, scale words, currency, units,
 * nouns) -> decide the kind -> only then fix the value, because the reading of an
 * ambiguous token (3,232; 1.419) depends on what follows it and on the document's habit.
 */
#include "vn_num.h"

#include <glib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "vn_lex.h"
#include "vn_norm.h"
#include "vn_tok.h"

/* ---------------------------------------------------------------- the word list */

enum role {
	R_NOUN,
	R_CLASSIFIER,
	R_STOP,
	R_QUALIFIER,
	R_FILLER,
	R_SCALE,
	R_MONEY_SCALE,
	R_CURRENCY,
	R_MEASURE,
	R_LABEL,
	R_DATE,
	R_YEAR,
	R_LIST,
	R_IDIOM,
	R_TIMEUNIT,
	R_PLACE,
	R_DETERMINER,
	R_PER,
	R_AWARD_CLASS,
	NROLES
};

static const char *const role_names[NROLES] = {
    "noun",     "classifier", "stop",       "qualifier", "filler",      "scale", "money-scale",
    "currency", "measure",    "label",      "date",      "year",        "list",  "idiom",
    "timeunit", "place",      "determiner", "per",       "award-class",
};

#define RB(r) (1u << (r))
#define MAXW  6  /* words in a phrase */
#define WLEN  48 /* bytes of a canonical word */

struct entry {
	int role;
	int nw;
	char w[MAXW][WLEN]; /* canonical words */
	const char *raw;    /* the phrase as written in the file (for byte matching) */
	size_t rawlen;
	const char *value;
};

static struct {
	struct entry *e;
	size_t n;
	GHashTable *first, *last; /* canonical word -> GPtrArray of struct entry * */
	GPtrArray *by_role[NROLES];
} lex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* Canonical form of s[0..n) into out (WLEN); 0, or -1 when it has none or is too long. */
static int canon(struct vn_norm *nm, const char *s, size_t n, char *out)
{
	struct vn_word w;

	if (vn_norm_word(nm, s, n, &w) != 0 || w.ncanon == 0 || w.ncanon >= WLEN)
		return -1;
	memcpy(out, w.canon, w.ncanon);
	out[w.ncanon] = 0;
	return 0;
}

static void index_add(GHashTable *h, const char *key, struct entry *e)
{
	GPtrArray *a = g_hash_table_lookup(h, key);
	if (!a) {
		a = g_ptr_array_new();
		g_hash_table_insert(h, g_strdup(key), a);
	}
	g_ptr_array_add(a, e);
}

static void lex_load(void)
{
	const struct vn_table *t = vn_lex_table("figure_words.tsv");
	struct vn_norm *nm;
	struct err e;
	size_t i;

	lex.first = g_hash_table_new(g_str_hash, g_str_equal);
	lex.last = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < NROLES; i++)
		lex.by_role[i] = g_ptr_array_new();
	nm = vn_norm_new(&e);
	if (!t || !nm) {
		vn_norm_free(nm);
		return;
	}
	lex.e = xcalloc(t->nrows, sizeof(*lex.e));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *row = &t->rows[i];
		struct entry *en = &lex.e[lex.n];
		const char *p;
		size_t pos = 0, s, end, len;
		int r;

		if (row->nfields < 2)
			continue;
		for (r = 0; r < NROLES; r++)
			if (strcmp(row->fields[0], role_names[r]) == 0)
				break;
		if (r == NROLES)
			continue;
		en->role = r;
		en->raw = row->fields[1];
		en->rawlen = strlen(en->raw);
		en->value = row->nfields > 2 ? row->fields[2] : "";
		p = row->fields[1];
		len = strlen(p);
		while (en->nw < MAXW && vn_tok_next(p, len, &pos, &s, &end))
			if (canon(nm, p + s, end - s, en->w[en->nw]) == 0)
				en->nw++;
		g_ptr_array_add(lex.by_role[r], en);
		/* a phrase without letters (₫) is only ever matched byte for byte */
		if (en->nw > 0) {
			index_add(lex.first, en->w[0], en);
			index_add(lex.last, en->w[en->nw - 1], en);
		}
		lex.n++;
	}
	vn_norm_free(nm);
}

/* ---------------------------------------------------------------- characters */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static UChar32 cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	int32_t j = (int32_t)i;
	UChar32 c;

	if (i >= n) {
		*next = n;
		return -1;
	}
	U8_NEXT(s, j, (int32_t)n, c);
	*next = (size_t)j;
	return c;
}

static UChar32 cp_before(const char *s, size_t i, size_t *start)
{
	int32_t j = (int32_t)i;
	UChar32 c;

	if (i == 0) {
		*start = 0;
		return -1;
	}
	U8_PREV(s, 0, j, c);
	*start = (size_t)j;
	return c;
}

/* Letters and combining marks make words, as in vn_tok. */
static int is_letter(UChar32 c)
{
	if (c < 0)
		return 0;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (u_isalpha(c))
		return 1;
	switch (u_charType(c)) {
	case U_NON_SPACING_MARK:
	case U_COMBINING_SPACING_MARK:
	case U_ENCLOSING_MARK:
		return 1;
	default:
		return 0;
	}
}

/* Spaces between words: ASCII blanks, no-break space, narrow no-break space. */
static int is_space_cp(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F ||
	       c == 0x2009;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	for (;;) {
		size_t next;
		UChar32 c = cp_at(s, n, i, &next);
		if (!is_space_cp(c))
			return i;
		i = next;
	}
}

static int is_dash(UChar32 c)
{
	return c == '-' || c == 0x2013 || c == 0x2014;
}

/* Superscript digits, as footnote markers are written (¹ ² ³ ⁰ ⁴…⁹); -1 if not one. */
static int superscript_digit(UChar32 c)
{
	if (c == 0xB9)
		return 1;
	if (c == 0xB2)
		return 2;
	if (c == 0xB3)
		return 3;
	if (c == 0x2070)
		return 0;
	if (c >= 0x2074 && c <= 0x2079)
		return (int)(c - 0x2070);
	return -1;
}

/* ---------------------------------------------------------------- words around a number */

enum { GAP_NONE, GAP_SPACE, GAP_PUNCT };

struct word {
	size_t s, e;
	int gap;      /* what separates it from its neighbour toward the number */
	UChar32 gapc; /* GAP_PUNCT: the first non-space character of that gap */
	int gapdash;  /* GAP_PUNCT: the gap is spaces and one dash */
	int upper;    /* first letter is upper case */
	int allcaps;  /* two or more letters, all upper case (an abbreviation) */
	int ok;       /* canon is valid */
	char canon[WLEN];
};

static void word_fill(struct vn_num_reader *r, const char *s, struct word *w);

/* Punctuation that ends a clause: nothing before it qualifies a number after it. */
static int is_clause_end(UChar32 c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '!' ||
	       c == '?' || c == '[' || c == ']';
}

struct gapinfo {
	int type, dash, digit, clause;
	UChar32 first;
};

/* Describe s[a..b), the characters between two words. */
static void gap_describe(const char *s, size_t a, size_t b, struct gapinfo *g)
{
	size_t i = a, next;
	int other = 0;

	memset(g, 0, sizeof(*g));
	g->type = a == b ? GAP_NONE : GAP_SPACE;
	while (i < b) {
		UChar32 c = cp_at(s, b, i, &next);
		if (c >= '0' && c <= '9')
			g->digit = 1;
		if (!is_space_cp(c)) {
			if (g->type != GAP_PUNCT)
				g->first = c;
			g->type = GAP_PUNCT;
			if (is_dash(c) && !g->dash && !other)
				g->dash = 1;
			else
				other = 1;
			if (is_clause_end(c))
				g->clause = 1;
		}
		i = next;
	}
	if (other)
		g->dash = 0;
}

/*
 * Up to max words after pos. Reading stops at a digit (another number) and at a gap longer
 * than a few characters; each word records the gap before it.
 */
static size_t words_after_read(struct vn_num_reader *r, const char *s, size_t n, size_t pos,
                               struct word *w, size_t max)
{
	size_t k = 0, i = pos;

	while (k < max && i < n) {
		size_t a = i, next;
		struct gapinfo g;
		UChar32 c;
		while (i < n) {
			c = cp_at(s, n, i, &next);
			if (is_letter(c) || is_digit(s[i]))
				break;
			i = next;
		}
		if (i >= n || is_digit(s[i]) || i - a > 12)
			break;
		gap_describe(s, a, i, &g);
		w[k].s = i;
		while (i < n) {
			c = cp_at(s, n, i, &next);
			if (!is_letter(c))
				break;
			i = next;
		}
		w[k].e = i;
		w[k].gap = g.type;
		w[k].gapc = g.first;
		w[k].gapdash = g.dash;
		word_fill(r, s, &w[k]);
		k++;
	}
	return k;
}

static size_t words_after(struct vn_num_reader *r, const char *s, size_t n, size_t pos,
                          struct word *w, size_t max);

/*
 * Up to max words before pos, nearest first. w[k].gap is the gap on the word's right (toward
 * the number). Reading stops at a digit and after a clause-ending gap (recorded on the last
 * word read).
 */
static size_t words_before(struct vn_num_reader *r, const char *s, size_t pos, struct word *w,
                           size_t max)
{
	size_t k = 0, i = pos;

	while (k < max && i > 0) {
		size_t b = i, start;
		struct gapinfo g;
		UChar32 c;
		while (i > 0) {
			c = cp_before(s, i, &start);
			if (is_letter(c) || (c >= '0' && c <= '9'))
				break;
			i = start;
		}
		if (i == 0 || b - i > 12)
			break;
		c = cp_before(s, i, &start);
		if (c >= '0' && c <= '9')
			break;
		gap_describe(s, i, b, &g);
		if (k > 0 && g.clause)
			break;
		w[k].e = i;
		while (i > 0) {
			c = cp_before(s, i, &start);
			if (!is_letter(c))
				break;
			i = start;
		}
		w[k].s = i;
		w[k].gap = g.type;
		w[k].gapc = g.first;
		w[k].gapdash = g.dash;
		word_fill(r, s, &w[k]);
		k++;
		if (g.clause)
			break;
	}
	return k;
}

/* Match a phrase of one of `roles` starting at w[i] (words after a number); longest wins. */
static int match_after(const struct word *w, size_t nw, size_t i, unsigned roles,
                       const struct entry **best)
{
	GPtrArray *a;
	int len = 0;
	guint j;

	*best = NULL;
	if (i >= nw || !w[i].ok || !(a = g_hash_table_lookup(lex.first, w[i].canon)))
		return 0;
	for (j = 0; j < a->len; j++) {
		const struct entry *en = g_ptr_array_index(a, j);
		int k;
		if (!(roles & RB(en->role)) || en->nw <= len || i + (size_t)en->nw > nw)
			continue;
		for (k = 1; k < en->nw; k++)
			if (w[i + (size_t)k].gap != GAP_SPACE || !w[i + (size_t)k].ok ||
			    strcmp(w[i + (size_t)k].canon, en->w[k]) != 0)
				break;
		if (k == en->nw) {
			len = en->nw;
			*best = en;
		}
	}
	return len;
}

/* Match a phrase of one of `roles` ending at w[0] (words before a number, nearest first). */
static int match_before(const struct word *w, size_t nw, unsigned roles, const struct entry **best)
{
	GPtrArray *a;
	int len = 0;
	guint j;

	*best = NULL;
	if (nw == 0 || !w[0].ok || !(a = g_hash_table_lookup(lex.last, w[0].canon)))
		return 0;
	for (j = 0; j < a->len; j++) {
		const struct entry *en = g_ptr_array_index(a, j);
		int k;
		if (!(roles & RB(en->role)) || en->nw <= len || (size_t)en->nw > nw)
			continue;
		for (k = 1; k < en->nw; k++)
			if (w[k].gap != GAP_SPACE || !w[k].ok ||
			    strcmp(w[k].canon, en->w[en->nw - 1 - k]) != 0)
				break;
		if (k == en->nw) {
			len = en->nw;
			*best = en;
		}
	}
	return len;
}

/* An entry of `role` whose text is written at s[i..] (byte match, then a word boundary). */
static const struct entry *match_raw(const char *s, size_t n, size_t i, int role, size_t *end)
{
	const struct entry *best = NULL;
	size_t blen = 0, next;
	guint k;

	for (k = 0; k < lex.by_role[role]->len; k++) {
		const struct entry *en = g_ptr_array_index(lex.by_role[role], k);
		size_t len = en->rawlen;
		if (len <= blen || i + len > n || memcmp(s + i, en->raw, len) != 0)
			continue;
		if (i + len < n && (is_letter(cp_at(s, n, i + len, &next)) || is_digit(s[i + len])))
			continue;
		best = en;
		blen = len;
	}
	*end = i + blen;
	return best;
}

/* ---------------------------------------------------------------- the reader */

/*
 * What word_fill found for a word, by its bytes. Every number reads the words around it,
 * several times over (after the number, after its unit, before it), and its neighbours
 * read the same words again: the canonical form and the case of a word depend on its bytes
 * alone, so they are worked out once.
 */
#define FILLED_SLOTS 1024
struct filled {
	unsigned short n; /* bytes of raw; 0: empty slot */
	signed char ok, upper, allcaps;
	char raw[WLEN];
	char canon[WLEN];
};

/* the last words_after: the words after pos in s[0..n), k of the asked read */
#define WA_MAX 10
struct wa_memo {
	const char *s;
	size_t n, pos, k, asked;
	struct word w[WA_MAX];
};

struct vn_num_reader {
	struct wa_memo wa;
	struct vn_norm *nm;
	struct filled *filled; /* FILLED_SLOTS */
	int own_nm;
	long vote_vi, vote_en;
	int next_note;
	int dvt_on, dvt_scale;
	char dvt_currency[16];
};

/*
 * words_after_read, remembered for the last place asked: reading one number asks for the
 * words after the same place up to six times (a scale? a currency? "/người"? a noun?), and
 * reading them again was a twentieth of indexing (callgrind, one province). The memory
 * lasts one public call (wa_forget): the text may be another at the same address then.
 */
static size_t words_after(struct vn_num_reader *r, const char *s, size_t n, size_t pos,
                          struct word *w, size_t max)
{
	struct wa_memo *m = &r->wa;

	if (max > WA_MAX)
		return words_after_read(r, s, n, pos, w, max);
	if (m->s != s || m->n != n || m->pos != pos) {
		m->s = s;
		m->n = n;
		m->pos = pos;
		m->k = m->asked = 0;
	}
	/* more wanted, and the last read stopped at its limit: read them all this time */
	if (max > m->asked && m->k == m->asked) {
		m->asked = m->asked ? WA_MAX : max;
		m->k = words_after_read(r, s, n, pos, m->w, m->asked);
	}
	if (max > m->k)
		max = m->k;
	memcpy(w, m->w, max * sizeof(*w));
	return max;
}

static void wa_forget(struct vn_num_reader *r)
{
	r->wa.s = NULL;
}

static unsigned fill_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h & (FILLED_SLOTS - 1);
}

static void word_fill_slow(struct vn_num_reader *r, const char *s, struct word *w);

static void word_fill(struct vn_num_reader *r, const char *s, struct word *w)
{
	size_t n = w->e - w->s;
	struct filled *f;

	if (n == 0 || n >= WLEN) {
		word_fill_slow(r, s, w);
		return;
	}
	f = &r->filled[fill_hash(s + w->s, n)];
	if (f->n == n && memcmp(f->raw, s + w->s, n) == 0) {
		w->ok = f->ok;
		w->upper = f->upper;
		w->allcaps = f->allcaps;
		memcpy(w->canon, f->canon, sizeof(w->canon));
		return;
	}
	word_fill_slow(r, s, w);
	f->n = (unsigned short)n;
	memcpy(f->raw, s + w->s, n);
	f->ok = (signed char)w->ok;
	f->upper = (signed char)w->upper;
	f->allcaps = (signed char)w->allcaps;
	memcpy(f->canon, w->canon, sizeof(f->canon));
}

static void word_fill_slow(struct vn_num_reader *r, const char *s, struct word *w)
{
	size_t i = w->s, next;
	int letters = 0, uppers = 0;

	w->ok = canon(r->nm, s + w->s, w->e - w->s, w->canon) == 0;
	if (!w->ok)
		w->canon[0] = 0;
	w->upper = 0;
	while (i < w->e) {
		UChar32 c = cp_at(s, w->e, i, &next);
		if (u_isalpha(c)) {
			if (letters == 0)
				w->upper = u_isupper(c) ? 1 : 0;
			letters++;
			uppers += u_isupper(c) ? 1 : 0;
		}
		i = next;
	}
	w->allcaps = letters >= 2 && uppers == letters;
}

static struct vn_num_reader *reader_new(struct vn_norm *nm, struct err *e)
{
	struct vn_num_reader *r;

	pthread_once(&lex_once, lex_load);
	if (lex.n == 0) {
		err_set(e, "data/figure_words.tsv is missing from this build");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->own_nm = nm == NULL;
	if (!(r->nm = nm ? nm : vn_norm_new(e))) {
		free(r);
		return NULL;
	}
	r->filled = xcalloc(FILLED_SLOTS, sizeof(*r->filled));
	vn_num_doc_begin(r);
	return r;
}

struct vn_num_reader *vn_num_new(struct err *e)
{
	return reader_new(NULL, e);
}

struct vn_num_reader *vn_num_new_with(struct vn_norm *nm, struct err *e)
{
	return reader_new(nm, e);
}

void vn_num_free(struct vn_num_reader *r)
{
	if (!r)
		return;
	if (r->own_nm)
		vn_norm_free(r->nm);
	free(r->filled);
	free(r);
}

void vn_num_doc_begin(struct vn_num_reader *r)
{
	r->vote_vi = r->vote_en = 0;
	r->next_note = 1;
	vn_num_clear_unit(r);
}

void vn_num_clear_unit(struct vn_num_reader *r)
{
	r->dvt_on = 0;
	r->dvt_scale = 0;
	r->dvt_currency[0] = 0;
}

int vn_num_doc_english(const struct vn_num_reader *r)
{
	return r->vote_en > r->vote_vi;
}

/* ---------------------------------------------------------------- numeric tokens */

#define MAXG 16

struct tok {
	size_t s, e;
	int ng;
	size_t gs[MAXG], ge[MAXG];
	char sep[MAXG]; /* sep[g]: the separator before group g (g >= 1): '.', ',' or ' ' */
};

static size_t digit_run(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_digit(s[j]))
		j++;
	return j;
}

/* Bytes of a no-break space at s[i] (U+00A0 or U+202F), or 0. */
static size_t nbsp_at(const char *s, size_t n, size_t i)
{
	if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0xAF)
		return 3;
	return 0;
}

/*
 * Digit groups joined by '.' or ',' (any group length), or by a no-break space followed by
 * exactly three digits (a style guide's grouping). Groups beyond MAXG are kept in the span
 * but merged into the last one.
 */
static void lex_token(const char *s, size_t n, size_t pos, struct tok *t)
{
	size_t i = digit_run(s, n, pos);

	t->s = pos;
	t->ng = 1;
	t->gs[0] = pos;
	t->ge[0] = i;
	t->sep[0] = 0;
	for (;;) {
		size_t k = 0, j;
		char sep;
		if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
			k = 1;
			sep = s[i];
		} else if ((k = nbsp_at(s, n, i)) > 0 && i + k < n && is_digit(s[i + k])) {
			j = digit_run(s, n, i + k);
			if (j - (i + k) != 3)
				break;
			sep = ' ';
		} else {
			break;
		}
		j = digit_run(s, n, i + k);
		if (t->ng < MAXG) {
			t->sep[t->ng] = sep;
			t->gs[t->ng] = i + k;
			t->ge[t->ng] = j;
			t->ng++;
		} else {
			t->ge[t->ng - 1] = j;
		}
		i = j;
	}
	t->e = i;
}

enum { SH_PLAIN, SH_GROUPED, SH_DECIMAL, SH_AMBIG_COMMA, SH_AMBIG_DOT, SH_LIST };

static size_t glen(const struct tok *t, int g)
{
	return t->ge[g] - t->gs[g];
}

/* Rules 1, 2, 4 and 8 on the token's shape alone. */
static int token_shape(const char *s, const struct tok *t, unsigned *flags)
{
	int g, commas = 0, dots = 0, later3 = 1, last = t->ng - 1;
	char lastsep;

	*flags = 0;
	if (t->ng == 1)
		return SH_PLAIN;
	for (g = 1; g < t->ng; g++) {
		commas += t->sep[g] == ',';
		dots += t->sep[g] != ',';
		if (glen(t, g) != 3)
			later3 = 0;
	}
	if (commas >= 2 && !later3)
		return SH_LIST;
	/* 02,02: a padded count never has a fraction */
	if (t->ng == 2 && t->sep[1] == ',' && glen(t, 0) >= 2 && s[t->gs[0]] == '0' &&
	    glen(t, 1) != 3)
		return SH_LIST;
	if (later3) {
		if (glen(t, 0) > 3) {
			*flags = VN_NUM_MALFORMED;
			return SH_GROUPED;
		}
		/* rule 2 before rule 4: dots grouping and one comma last is the Vietnamese
		   notation itself, a fraction of three digits ("2.441,647 tỷ đồng"); only the
		   other orders ("82,295.000 đồng") are a typo */
		if (commas && dots && !(commas == 1 && t->sep[last] == ',')) {
			*flags = VN_NUM_MALFORMED;
			return SH_GROUPED;
		}
		if (commas && dots)
			return SH_DECIMAL;
		if (t->ng == 2)
			return commas ? SH_AMBIG_COMMA : SH_AMBIG_DOT;
		if (commas)
			*flags = VN_NUM_EN_STYLE;
		return SH_GROUPED;
	}
	/* the last separator is a decimal mark; the others must group thousands */
	for (g = 1; g < last; g++)
		if (glen(t, g) != 3)
			*flags = VN_NUM_MALFORMED;
	if (t->ng > 2 && glen(t, 0) > 3)
		*flags = VN_NUM_MALFORMED;
	lastsep = t->sep[last];
	for (g = 1; g < last; g++)
		if (t->sep[g] == lastsep || (lastsep == '.' && t->sep[g] == ' '))
			*flags = VN_NUM_MALFORMED;
	if (lastsep == '.' && !(*flags & VN_NUM_MALFORMED))
		*flags = VN_NUM_EN_STYLE;
	return SH_DECIMAL;
}

/*
 * The value of the token read with its last separator as a decimal mark or not, times
 * 10^scale. Computed from the decimal digits by strtod, so 1.449,2 triệu is exactly
 * 1449200000 (multiplying 1449.2 by 1e6 in binary would not be).
 */
static double token_value(const char *s, const struct tok *t, int decimal_last, int scale)
{
	char buf[96];
	size_t m = 0, k;
	int g, frac = 0, dropped = 0;

	for (g = 0; g < t->ng; g++) {
		int is_frac = decimal_last && g == t->ng - 1 && t->ng > 1;
		for (k = t->gs[g]; k < t->ge[g]; k++) {
			if (m == 0 && s[k] == '0' && !is_frac)
				continue; /* rule 6: leading zeros are padding */
			if (m < 60) {
				buf[m++] = s[k];
				if (is_frac)
					frac++;
			} else if (!is_frac) {
				dropped++;
			}
		}
	}
	if (m == 0)
		buf[m++] = '0';
	/* the exponent by hand: snprintf was a fifth of reading a number */
	{
		int ex = scale - frac + dropped;
		char digits[12];
		size_t nd = 0;
		unsigned u = ex < 0 ? (unsigned)-(long)ex : (unsigned)ex;
		buf[m++] = 'e';
		if (ex < 0)
			buf[m++] = '-';
		do
			digits[nd++] = (char)('0' + u % 10);
		while ((u /= 10) && nd < sizeof(digits));
		while (nd)
			buf[m++] = digits[--nd];
		buf[m] = 0;
	}
	return strtod(buf, NULL);
}

static long small_int(const char *s, const struct tok *t)
{
	long v = 0;
	size_t k;

	if (t->ng != 1 || glen(t, 0) > 9)
		return -1;
	for (k = t->gs[0]; k < t->ge[0]; k++)
		v = v * 10 + (s[k] - '0');
	return v;
}

/* A plain four-digit year 1900-2100 (no leading zero). */
static int year_of(const char *s, const struct tok *t)
{
	long v = small_int(s, t);
	return glen(t, 0) == 4 && s[t->gs[0]] != '0' && v >= 1900 && v <= 2100 ? (int)v : 0;
}

int vn_num_value(const char *s, size_t n, double *value, unsigned *flags)
{
	struct tok t;
	int sh;

	if (n == 0 || !is_digit(s[0]))
		return -1;
	lex_token(s, n, 0, &t);
	if (t.e != n)
		return -1;
	sh = token_shape(s, &t, flags);
	if (sh == SH_LIST)
		return -1;
	if (sh == SH_AMBIG_COMMA)
		*flags |= VN_NUM_AMBIGUOUS;
	*value = token_value(s, &t, sh == SH_DECIMAL, 0);
	return 0;
}

/* ---------------------------------------------------------------- Roman numerals */

static int roman_digit(char c)
{
	switch (c) {
	case 'I':
		return 1;
	case 'V':
		return 5;
	case 'X':
		return 10;
	case 'L':
		return 50;
	case 'C':
		return 100;
	case 'D':
		return 500;
	case 'M':
		return 1000;
	default:
		return 0;
	}
}

int vn_num_roman(const char *s, size_t n)
{
	static const char *const units[] = {"",  "I",  "II",  "III",  "IV",
	                                    "V", "VI", "VII", "VIII", "IX"};
	static const char *const tens[] = {"",  "X",  "XX",  "XXX",  "XL",
	                                   "L", "LX", "LXX", "LXXX", "XC"};
	static const char *const hundreds[] = {"",  "C",  "CC",  "CCC",  "CD",
	                                       "D", "DC", "DCC", "DCCC", "CM"};
	char canon_form[32];
	int v = 0;
	size_t i;

	if (n == 0 || n > 15)
		return -1;
	for (i = 0; i < n; i++) {
		int d = roman_digit(s[i]), nx = i + 1 < n ? roman_digit(s[i + 1]) : 0;
		if (!d)
			return -1;
		v += d < nx ? -d : d;
	}
	if (v <= 0 || v >= 4000)
		return -1;
	/* only the canonical spelling counts (IIII, VX are not numerals) */
	snprintf(canon_form, sizeof(canon_form), "%.*s%s%s%s", v / 1000, "MMM",
	         hundreds[v / 100 % 10], tens[v / 10 % 10], units[v % 10]);
	return strlen(canon_form) == n && memcmp(canon_form, s, n) == 0 ? v : -1;
}

/* ---------------------------------------------------------------- names */

static const char *const kind_names[] = {
    "none", "count", "money", "score",  "ratio", "percent", "rate",  "measure", "number",
    "date", "year",  "years", "docnum", "label", "list",    "idiom", "code",    "footnote",
};

const char *vn_num_kind_name(enum vn_num_kind k)
{
	return (size_t)k < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[k] : "none";
}

int vn_num_kind_parse(const char *name)
{
	size_t i;
	for (i = 1; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

void vn_num_flags_str(unsigned flags, char *buf, size_t cap)
{
	/* most numbers are well formed: no formatting for them */
	if (!(flags & (VN_NUM_MALFORMED | VN_NUM_EN_STYLE | VN_NUM_AMBIGUOUS))) {
		if (cap)
			buf[0] = 0;
		return;
	}
	snprintf(buf, cap, "%s%s%s%s%s", flags & VN_NUM_MALFORMED ? "malformed" : "",
	         (flags & VN_NUM_MALFORMED) && (flags & (VN_NUM_EN_STYLE | VN_NUM_AMBIGUOUS)) ? ","
	                                                                                      : "",
	         flags & VN_NUM_EN_STYLE ? "en_style" : "",
	         (flags & VN_NUM_EN_STYLE) && (flags & VN_NUM_AMBIGUOUS) ? "," : "",
	         flags & VN_NUM_AMBIGUOUS ? "ambiguous" : "");
}

/* ---------------------------------------------------------------- nouns */

/* Copy s[a..b) into out (cap bytes) with runs of spaces made one space. */
static void copy_text(const char *s, size_t a, size_t b, char *out, size_t cap)
{
	size_t m = 0, i = a, next;
	int space = 0;

	while (i < b && m + 5 < cap) {
		UChar32 c = cp_at(s, b, i, &next);
		if (is_space_cp(c)) {
			space = 1;
		} else {
			if (space && m)
				out[m++] = ' ';
			space = 0;
			memcpy(out + m, s + i, next - i);
			m += next - i;
		}
		i = next;
	}
	out[m] = 0;
}

/* A number (digit) right after the word w[k], across spaces only. */
static int digit_follows(const char *s, size_t n, const struct word *w)
{
	size_t i = skip_spaces(s, n, w->e);
	return i < n && is_digit(s[i]);
}

static int is_open_quote(UChar32 c)
{
	return c == 0x201C || c == '"' || c == 0xAB || c == 0x2018;
}

static int is_close_quote(UChar32 c)
{
	return c == 0x201D || c == '"' || c == 0xBB || c == 0x2019;
}

enum { NOUN_NONE, NOUN_LEX, NOUN_FREE, NOUN_QUOTED };

struct noun {
	int how;
	size_t s, e;  /* span in the text */
	size_t nused; /* words of w[] used */
};

/*
 * The noun counted, starting at w[i]: quoted text; else known phrases (a classifier may
 * take a noun after it; a known noun ends the phrase, with an award's class kept:
 * "Huân chương Lao động hạng Ba"); else up to three free words, ending before a function
 * word, punctuation, a capitalised name, a place word before a name, or a date word that
 * takes a number ("02 đợt năm 2020").
 */
static void noun_at(const char *s, size_t n, const struct word *w, size_t nw, size_t i,
                    struct noun *out)
{
	size_t k = i, syl = 0;
	int first = 1;

	memset(out, 0, sizeof(*out));
	if (i >= nw || (w[i].gap != GAP_SPACE && w[i].gap != GAP_NONE &&
	                !(w[i].gap == GAP_PUNCT && is_open_quote(w[i].gapc))))
		return;
	if (w[i].gap == GAP_PUNCT) {
		/* “Tủ đồ miễn phí”: the quoted name, up to the closing quote */
		size_t j = i + 1;
		while (j < nw && j < i + 10 && w[j].gap == GAP_SPACE)
			j++;
		if (j < nw && j < i + 10 && w[j].gap == GAP_PUNCT && is_close_quote(w[j].gapc)) {
			out->how = NOUN_QUOTED;
			out->s = w[i].s;
			out->e = w[j - 1].e;
			out->nused = j - i;
		} else if (j >= nw || j >= i + 10) {
			/* closing quote after the last word we read */
			size_t q = skip_spaces(s, n, w[j - 1].e), next;
			if (is_close_quote(cp_at(s, n, q, &next))) {
				out->how = NOUN_QUOTED;
				out->s = w[i].s;
				out->e = w[j - 1].e;
				out->nused = j - i;
			}
		}
		return;
	}
	while (k < nw && syl < 6) {
		const struct entry *en, *st;
		int len, slen;
		if (!first && w[k].gap != GAP_SPACE)
			break;
		len = match_after(w, nw, k, RB(R_NOUN) | RB(R_CLASSIFIER), &en);
		slen = match_after(w, nw, k, RB(R_STOP), &st);
		if (slen > len || (slen && first && !len))
			break;
		if (len && en->role == R_NOUN) {
			k += (size_t)len;
			if (match_after(w, nw, k, RB(R_AWARD_CLASS), &en) > 0 &&
			    w[k].gap == GAP_SPACE)
				k += (size_t)en->nw;
			out->how = NOUN_LEX;
			break;
		}
		if (len) { /* a classifier: lượt, vị */
			k += (size_t)len;
			syl += (size_t)len;
			out->how = NOUN_LEX;
			first = 0;
			continue;
		}
		if (!first && (w[k].upper || w[k].allcaps))
			break;
		if (!w[k].ok)
			break;
		if (match_after(w, nw, k, RB(R_DATE) | RB(R_YEAR) | RB(R_LABEL), &st) == 1 &&
		    digit_follows(s, n, &w[k]))
			break;
		if (!first && match_after(w, nw, k, RB(R_PLACE), &st) && k + 1 < nw &&
		    w[k + 1].gap == GAP_SPACE && w[k + 1].upper)
			break;
		if (out->how == NOUN_NONE)
			out->how = NOUN_FREE;
		k++;
		syl++;
		first = 0;
		if (w[k - 1].allcaps || syl >= 3)
			break;
	}
	if (k > i) {
		out->s = w[i].s;
		out->e = w[k - 1].e;
		out->nused = k - i;
	} else {
		out->how = NOUN_NONE;
	}
}

static void set_noun(struct vn_num *out, const char *s, const struct noun *nn,
                     const struct word *first)
{
	snprintf(out->head, sizeof(out->head), "%s", first->ok ? first->canon : "");
	copy_text(s, nn->s, nn->e, out->noun, sizeof(out->noun));
	out->noun_start = nn->s;
	out->noun_end = nn->e;
}

/* ---------------------------------------------------------------- qualifiers */

static void qual_push(char quals[][64], int *nq, const char *q)
{
	int i;
	for (i = 0; i < *nq; i++)
		if (strcmp(quals[i], q) == 0)
			return;
	if (*nq < 6)
		snprintf(quals[(*nq)++], 64, "%s", q);
}

/*
 * Qualifier words right before the number ("tổng trị giá trên 350 triệu"), fillers allowed
 * between ("trị giá là 3.200.000", "tổng số tiền 4.000.000"), "mỗi suất" (each) kept with
 * its noun and returned in per. A clause that opens with a total ("Tổng giá trị các hoạt
 * động xã hội số tiền 82,295.000 đồng") qualifies its first number even from afar.
 */
static void qualifiers(const struct word *wb, size_t nb, struct vn_num *out, char *per,
                       size_t percap)
{
	char near[6][64];
	int nq = 0, i, total_near = 0, total_far = 0;
	size_t k = 0, m;

	per[0] = 0;
	while (k < nb && (wb[k].gap == GAP_SPACE || (k == 0 && wb[k].gap == GAP_NONE))) {
		const struct entry *en;
		int len;
		if (k + 1 < nb && wb[k + 1].gap == GAP_SPACE && wb[k + 1].ok &&
		    strcmp(wb[k + 1].canon, "mỗi") == 0 &&
		    match_before(wb + k, 1, RB(R_PER), &en)) {
			char q[64];
			snprintf(q, sizeof(q), "mỗi %s", wb[k].canon);
			snprintf(per, percap, "%s", wb[k].canon);
			qual_push(near, &nq, q);
			k += 2;
			continue;
		}
		len = match_before(wb + k, nb - k, RB(R_QUALIFIER) | RB(R_FILLER), &en);
		if (!len)
			break;
		if (en->role == R_QUALIFIER && strcmp(en->value, "mỗi") != 0) {
			qual_push(near, &nq, en->value);
			total_near |= strcmp(en->value, "tổng") == 0;
		}
		k += (size_t)len;
	}
	/* a total opening the clause (two words at least: "Tổng cục" is not one) */
	for (; !total_near && k < nb; k++) {
		const struct entry *en;
		if (match_before(wb + k, nb - k, RB(R_QUALIFIER), &en) >= 2 &&
		    strcmp(en->value, "tổng") == 0) {
			total_far = 1;
			break;
		}
	}
	/* found nearest first; written in reading order */
	m = (size_t)snprintf(out->qualifier, sizeof(out->qualifier), "%s", total_far ? "tổng" : "");
	for (i = nq - 1; i >= 0 && m < sizeof(out->qualifier); i--)
		m += (size_t)snprintf(out->qualifier + m, sizeof(out->qualifier) - m, "%s%s",
		                      m ? ", " : "", near[i]);
}

/* ---------------------------------------------------------------- reading one number */

/* Consume a document number's code after a number: "/BC-KTĐNC", "-CT/TW", "/NĐ-CP". */
static size_t code_end(const char *s, size_t n, size_t i)
{
	while (i < n) {
		size_t next;
		UChar32 c = cp_at(s, n, i, &next);
		if (is_letter(c) || is_digit(s[i]) || c == '-' || c == '/' || c == '_' || c == '&')
			i = next;
		else if (c == '.' && next < n && !is_space_cp(cp_at(s, n, next, &next)) &&
		         is_letter(cp_at(s, n, i + 1, &next)))
			i = i + 1;
		else
			break;
	}
	return i;
}

/* An upper-case letter at s[i] (B of BC, Đ of ĐVT). */
static int upper_at(const char *s, size_t n, size_t i)
{
	size_t next;
	UChar32 c = cp_at(s, n, i, &next);
	return c > 0 && u_isupper(c);
}

static int letter_at(const char *s, size_t n, size_t i)
{
	size_t next;
	return is_letter(cp_at(s, n, i, &next));
}

/* The word before the number starts a sentence or a list item (so its capital says nothing). */
static int sentence_initial(const char *s, const struct word *w)
{
	size_t i = w->s, start;
	for (;;) {
		UChar32 c = cp_before(s, i, &start);
		if (c < 0)
			return 1;
		if (is_space_cp(c)) {
			i = start;
			continue;
		}
		return c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == '-' ||
		       c == '+' || c == '(' || c == 0x2022 || is_open_quote(c) || is_dash(c);
	}
}

/* Only white space before pos: the number opens the passage. */
static int at_start(const char *s, size_t pos)
{
	size_t i;
	for (i = 0; i < pos; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int valid_dm(long d, long m)
{
	return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/* The token at i when there is one: its small value, or -1. */
static long number_at(const char *s, size_t n, size_t i, struct tok *t)
{
	if (i >= n || !is_digit(s[i]))
		return -1;
	lex_token(s, n, i, t);
	return small_int(s, t);
}

/*
 * After "ngày 25" (want_month) or "tháng 12": read on through "tháng M" and "năm Y" or
 * "/Y", filling month and year; returns the end of the date.
 */
static size_t date_tail(struct vn_num_reader *r, const char *s, size_t n, size_t i, int want_month,
                        struct vn_num *out)
{
	struct word w[1];
	struct tok t;
	long v;

	if (want_month && words_after(r, s, n, i, w, 1) == 1 && w[0].gap == GAP_SPACE &&
	    strcmp(w[0].canon, "tháng") == 0 &&
	    (v = number_at(s, n, skip_spaces(s, n, w[0].e), &t)) >= 1 && v <= 12) {
		out->month = (int)v;
		i = t.e;
	}
	if (!out->month)
		return i;
	if (i + 1 < n && s[i] == '/' && (v = number_at(s, n, i + 1, &t)) >= 1000 && v <= 2999) {
		out->year_from = (int)v;
		return t.e;
	}
	if (words_after(r, s, n, i, w, 1) == 1 && w[0].gap == GAP_SPACE &&
	    strcmp(w[0].canon, "năm") == 0 &&
	    (v = number_at(s, n, skip_spaces(s, n, w[0].e), &t)) >= 1000 && v <= 2999) {
		out->year_from = (int)v;
		i = t.e;
	}
	return i;
}

/* a/b (and a/b/c): scores, ratios, dates, idioms, document numbers (rule 7). */
static size_t read_slash(struct vn_num_reader *r, const char *s, size_t n, const struct tok *t1,
                         const struct word *wb, size_t nb, int date_before, struct vn_num *out)
{
	struct tok t2, t3;
	struct word wa[8];
	size_t nwa, e;
	long a = small_int(s, t1), b;
	const struct entry *en;
	struct noun nn;
	unsigned f1, f2;

	lex_token(s, n, t1->e + 1, &t2);
	b = small_int(s, &t2);
	e = t2.e;
	if (e + 1 < n && s[e] == '/' && is_digit(s[e + 1])) {
		long c = number_at(s, n, e + 1, &t3);
		size_t e3 = t3.e;
		if (e3 + 1 < n && (s[e3] == '/' || s[e3] == '-') && upper_at(s, n, e3 + 1)) {
			out->kind = VN_NUM_DOCNUM;
			return out->end = code_end(s, n, e3);
		}
		if (valid_dm(a, b) && ((c >= 1000 && c <= 2999) || (c >= 0 && glen(&t3, 0) == 2))) {
			out->kind = VN_NUM_DATE;
			out->day = (int)a;
			out->month = (int)b;
			out->year_from = (int)(c < 100 ? 2000 + c : c);
			return out->end = e3;
		}
		out->kind = VN_NUM_CODE;
		return out->end = e3;
	}
	if (e + 1 < n && (s[e] == '/' || s[e] == '-') && upper_at(s, n, e + 1)) {
		out->kind = VN_NUM_DOCNUM; /* 91/2017/NĐ-CP was caught above; 12/2020-QĐ here */
		return out->end = code_end(s, n, e);
	}
	out->end = e;
	token_shape(s, t1, &f1);
	token_shape(s, &t2, &f2);
	nwa = words_after(r, s, n, e, wa, 8);
	if (nwa && wa[0].gap == GAP_SPACE && wa[0].ok && strcmp(wa[0].canon, "điểm") == 0) {
		out->kind = VN_NUM_SCORE;
		out->value = token_value(s, t1, 0, 0);
		out->of = token_value(s, &t2, 0, 0);
		if (out->value > out->of)
			out->flags |= VN_NUM_MALFORMED;
		copy_text(s, wa[0].s, wa[0].e, out->noun, sizeof(out->noun));
		out->noun_start = wa[0].s;
		out->noun_end = wa[0].e;
		return e;
	}
	if (match_before(wb, nb, RB(R_IDIOM), &en) && wb[0].gap == GAP_SPACE) {
		out->kind = VN_NUM_IDIOM;
		return e;
	}
	if (a == b && a > 0 && nwa && wa[0].gap == GAP_SPACE &&
	    match_after(wa, nwa, 0, RB(R_TIMEUNIT), &en)) {
		out->kind = VN_NUM_IDIOM; /* 24/24 giờ: round the clock */
		return e;
	}
	if (date_before && valid_dm(a, b)) {
		out->kind = VN_NUM_DATE;
		out->day = (int)a;
		out->month = (int)b;
		return e;
	}
	noun_at(s, n, wa, nwa, 0, &nn);
	/* a tally opening its clause with a counted noun is a ratio even when the part
	 * exceeds the whole ("Cờ thi đua: 09/07 đơn vị"), which the audit reports; after a
	 * word it may be a date ("đến 15/12 tập thể đã nộp") */
	if ((nn.how != NOUN_NONE && a >= 0 && b > 0 && a <= b) ||
	    (nn.how == NOUN_LEX && a > b && b > 0 && (nb == 0 || wb[0].gap != GAP_SPACE))) {
		out->kind = VN_NUM_RATIO;
		out->value = token_value(s, t1, 0, 0);
		out->of = token_value(s, &t2, 0, 0);
		set_noun(out, s, &nn, &wa[0]);
		return e;
	}
	if (valid_dm(a, b)) {
		out->kind = VN_NUM_DATE;
		out->day = (int)a;
		out->month = (int)b;
		return e;
	}
	if (a >= 0 && b > 0 && a <= b) {
		out->kind = VN_NUM_RATIO;
		out->value = token_value(s, t1, 0, 0);
		out->of = token_value(s, &t2, 0, 0);
		return e;
	}
	out->kind = VN_NUM_CODE;
	return e;
}

/* Whether the decimal reading of an ambiguous token wins (rules 1, 3, 5). */
static int read_decimal(const struct vn_num_reader *r, int shape, int scale, int counted,
                        unsigned *flags)
{
	if (shape == SH_DECIMAL)
		return 1;
	if (shape == SH_AMBIG_COMMA) {
		*flags |= VN_NUM_AMBIGUOUS;
		if (scale)
			return 1; /* 3,232 tỷ: a Vietnamese decimal (rule 3) */
		if (counted || vn_num_doc_english(r)) {
			*flags |= VN_NUM_EN_STYLE; /* 3,232 cá nhân: people are whole */
			return 0;
		}
		return 1;
	}
	if (shape == SH_AMBIG_DOT && vn_num_doc_english(r) && (scale || !counted)) {
		*flags |= VN_NUM_AMBIGUOUS | VN_NUM_EN_STYLE;
		return 1;
	}
	return 0;
}

static size_t read_right(struct vn_num_reader *r, const char *s, size_t n, const struct tok *t,
                         int shape, int year, const struct word *wb, size_t nb, const char *per,
                         struct vn_num *out);

size_t vn_num_read(struct vn_num_reader *r, const char *s, size_t n, size_t pos, struct vn_num *out)
{
	struct tok t;
	struct word wb[16], wa[10];
	size_t nb, e, p, start, next;
	size_t nwa;
	int shape, year;
	long v;
	UChar32 before;
	const struct entry *en;
	struct noun nn;
	char per[48];

	wa_forget(r);
	memset(out, 0, sizeof(*out));
	lex_token(s, n, pos, &t);
	out->tok_start = out->start = t.s;
	out->tok_end = out->end = e = t.e;
	shape = token_shape(s, &t, &out->flags);
	v = small_int(s, &t);
	year = year_of(s, &t);

	/* --- rule 12 and rule 13: a number glued to a word on its left */
	before = cp_before(s, pos, &start);
	if (is_letter(before) ||
	    (before == '(' && is_letter(cp_before(s, start, &start)) && e < n && s[e] == ')')) {
		if (v >= 1 && v == r->next_note && glen(&t, 0) <= 2) {
			r->next_note++;
			out->kind = VN_NUM_FOOTNOTE;
			return out->end = before == '(' ? e + 1 : e;
		}
		if (before != '(') {
			out->kind = VN_NUM_CODE; /* X03, 4G */
			while (out->end < n && (letter_at(s, n, out->end) || is_digit(s[out->end])))
				cp_at(s, n, out->end, &out->end);
			return out->end;
		}
	}
	if (is_dash(before) && is_letter(cp_before(s, start, &start))) {
		out->kind = VN_NUM_CODE; /* Covid-19 */
		return e;
	}

	/* --- an outline number or a footnote body's marker opening the passage */
	if (at_start(s, pos)) {
		int outline = 1, g;
		for (g = 0; g < t.ng; g++)
			if (t.sep[g] == ',' || t.sep[g] == ' ' || glen(&t, g) > 2)
				outline = 0;
		if (outline && ((e + 1 < n && (s[e] == '.' || s[e] == ')') && s[e + 1] == ' ') ||
		                (t.ng > 1 && e < n && s[e] == ' '))) {
			out->kind = VN_NUM_LABEL;
			return out->end = s[e] == ' ' ? e : e + 1;
		}
		/* a small number alone on its line: a page number left by text extraction */
		if (t.ng == 1 && glen(&t, 0) <= 3 && !r->dvt_on && skip_spaces(s, n, e) == n) {
			out->kind = VN_NUM_LABEL;
			return e;
		}
		if (t.ng == 1 && v >= 1 && v < r->next_note && glen(&t, 0) <= 2 && e + 1 < n &&
		    s[e] == ' ' && (upper_at(s, n, e + 1) || s[e + 1] == '-')) {
			out->kind = VN_NUM_FOOTNOTE;
			return e;
		}
	}

	nb = words_before(r, s, pos, wb, 16);

	/* --- a/b, document numbers, codes, ranges, lists */
	{
		int date_before =
		    nb && (wb[0].gap == GAP_SPACE) && match_before(wb, nb, RB(R_DATE), &en);
		if (e + 1 < n && s[e] == '/' && is_digit(s[e + 1]) && t.ng == 1)
			return read_slash(r, s, n, &t, wb, nb, date_before, out);
	}
	if (e + 1 < n && (s[e] == '/' || s[e] == '-') && upper_at(s, n, e + 1)) {
		out->kind = VN_NUM_DOCNUM;
		return out->end = code_end(s, n, e);
	}
	if (e + 1 < n && s[e] == ':' && is_digit(s[e + 1])) {
		out->kind = VN_NUM_CODE; /* ISO 9001:2015; 8:30 */
		out->end = e + 1;
		while (out->end < n &&
		       (is_digit(s[out->end]) || ((s[out->end] == ':' || s[out->end] == '.') &&
		                                  out->end + 1 < n && is_digit(s[out->end + 1]))))
			out->end++;
		return out->end;
	}
	if (year) {
		/* rule 9: 2015-2020, 2020 – 2025, (2015- 2020) */
		p = skip_spaces(s, n, e);
		if (is_dash(cp_at(s, n, p, &next))) {
			struct tok t2;
			size_t q = skip_spaces(s, n, next);
			if (number_at(s, n, q, &t2) >= 0) {
				int y2 = year_of(s, &t2);
				if (y2 >= year && y2 <= year + 100 &&
				    !(t2.e < n && is_digit(s[t2.e]))) {
					out->kind = VN_NUM_YEARS;
					out->year_from = year;
					out->year_to = y2;
					return out->end = t2.e;
				}
			}
		}
	}
	if (e + 1 < n && s[e] == ',' && vn_num_roman(s + e + 1, 1) > 0) {
		size_t q = e + 1;
		while (q < n && roman_digit(s[q]))
			q++;
		if (vn_num_roman(s + e + 1, q - e - 1) > 0 && !letter_at(s, n, q)) {
			out->kind = VN_NUM_LIST; /* cấp 1,II */
			return out->end = q;
		}
	}
	if (shape == SH_LIST) {
		out->kind = VN_NUM_LIST; /* mức độ 2,3,4 */
		return e;
	}
	if (shape == SH_DECIMAL && t.ng == 2 && glen(&t, 0) == 1 && glen(&t, 1) == 1 &&
	    t.sep[1] == ',' && nb && wb[0].gap == GAP_SPACE &&
	    match_before(wb, nb, RB(R_LIST), &en)) {
		out->kind = VN_NUM_LIST; /* mức độ 2,3 */
		return e;
	}

	/* --- dates and years named by the word before */
	if (nb && wb[0].gap == GAP_SPACE && t.ng == 1) {
		int m = match_before(wb, nb, RB(R_DATE) | RB(R_YEAR), &en);
		if (m && en->role == R_DATE && strcmp(wb[0].canon, "tháng") == 0 && v >= 1 &&
		    v <= 12) {
			out->kind = VN_NUM_DATE;
			out->month = (int)v;
			return out->end = date_tail(r, s, n, e, 0, out);
		}
		if (m && en->role == R_DATE && strcmp(wb[0].canon, "tháng") != 0 && v >= 1 &&
		    v <= 31 &&
		    (strcmp(en->w[en->nw - 1], "ngày") == 0 || strcmp(en->w[0], "mùng") == 0 ||
		     strcmp(en->w[0], "mồng") == 0 || strcmp(en->w[0], "hôm") == 0)) {
			out->kind = VN_NUM_DATE;
			out->day = (int)v;
			return out->end = date_tail(r, s, n, e, 1, out);
		}
		if (year && match_before(wb, nb, RB(R_YEAR), &en)) {
			out->kind = VN_NUM_YEAR;
			out->year_from = year;
			return e;
		}
	}

	/* --- what follows: %, scale, currency, unit, noun */
	qualifiers(wb, nb, out, per, sizeof(per));
	p = skip_spaces(s, n, e);
	if (p < n && s[p] == '%') {
		int d;
		out->kind = VN_NUM_PERCENT;
		out->end = p + 1;
		out->value = token_value(s, &t, read_decimal(r, shape, 0, 0, &out->flags), 0);
		/* 100% các cơ quan: the determiner is skipped */
		nwa = words_after(r, s, n, out->end, wa, 10);
		d = match_after(wa, nwa, 0, RB(R_DETERMINER), &en);
		if (nwa && wa[0].gap != GAP_PUNCT &&
		    (d == 0 || (size_t)d >= nwa || wa[d].gap == GAP_SPACE)) {
			noun_at(s, n, wa, nwa, (size_t)d, &nn);
			if (nn.how != NOUN_NONE)
				set_noun(out, s, &nn, &wa[d]);
		}
		return out->end;
	}
	return read_right(r, s, n, &t, shape, year, wb, nb, per, out);
}

/* A word at w[0] right after the number, across spaces or glued to it. */
static int adjacent(const struct word *w, size_t nw)
{
	return nw > 0 && (w[0].gap == GAP_SPACE || w[0].gap == GAP_NONE);
}

/* Money, rates, measures, counts, labels: what the words after a number say it is. */
static size_t read_right(struct vn_num_reader *r, const char *s, size_t n, const struct tok *t,
                         int shape, int year, const struct word *wb, size_t nb, const char *per,
                         struct vn_num *out)
{
	struct word wa[10];
	const struct entry *en, *cur = NULL;
	struct noun nn;
	size_t nwa, e = t->e, cur_end = e, q, p = skip_spaces(s, n, e);
	int scale = 0, money = 0, len, counted;
	char perbuf[48];

	/* scale: 146,8 triệu; chained (trăm nghìn, nghìn tỷ); short money scales (50 tr.đ) */
	if ((en = match_raw(s, n, p, R_MONEY_SCALE, &q)) != NULL) {
		scale = atoi(en->value);
		money = 1;
		cur_end = q;
	} else {
		for (;;) {
			nwa = words_after(r, s, n, cur_end, wa, 4);
			if (!adjacent(wa, nwa) ||
			    (len = match_after(wa, nwa, 0, RB(R_SCALE), &en)) == 0)
				break;
			scale += atoi(en->value);
			cur_end = wa[len - 1].e;
		}
	}
	/* currency: ₫, or a word (đồng, đ, VNĐ) unless a longer noun is what follows (đồng chí) */
	q = skip_spaces(s, n, cur_end);
	if (!money && q < n && !letter_at(s, n, q) && (en = match_raw(s, n, q, R_CURRENCY, &q))) {
		cur = en;
		cur_end = q;
	} else if (!money) {
		const struct entry *nen;
		nwa = words_after(r, s, n, cur_end, wa, 4);
		if (adjacent(wa, nwa) && (len = match_after(wa, nwa, 0, RB(R_CURRENCY), &en)) > 0 &&
		    match_after(wa, nwa, 0, RB(R_NOUN), &nen) <= len) {
			cur = en;
			cur_end = wa[len - 1].e;
		}
	}
	if (cur || money) {
		out->kind = VN_NUM_MONEY;
		out->scale = scale;
		out->value =
		    token_value(s, t, read_decimal(r, shape, scale, 1, &out->flags), scale);
		snprintf(out->noun, sizeof(out->noun), "%s", cur ? cur->value : "đồng");
		out->end = cur_end;
		nwa = words_after(r, s, n, cur_end, wa, 1);
		if (cur_end + 1 < n && s[cur_end] == '/' && nwa && wa[0].s == cur_end + 1) {
			/* 700.000đ/suất: a rate, never a total */
			out->kind = VN_NUM_RATE;
			snprintf(out->per, sizeof(out->per), "%s", wa[0].canon);
			copy_text(s, wa[0].s, wa[0].e, perbuf, sizeof(perbuf));
			out->end = wa[0].e;
		} else if (per[0]) {
			/* mỗi suất trị giá 1.000.000 đồng */
			out->kind = VN_NUM_RATE;
			snprintf(out->per, sizeof(out->per), "%s", per);
			snprintf(perbuf, sizeof(perbuf), "%s", per);
		}
		if (out->kind == VN_NUM_RATE) {
			size_t m = strlen(out->noun);
			snprintf(out->noun + m, sizeof(out->noun) - m, "/%s", perbuf);
		}
		return out->end;
	}
	/* units of measure: 320 m², 1.200m, 01 tấn */
	nwa = words_after(r, s, n, cur_end, wa, 1);
	if ((en = match_raw(s, n, skip_spaces(s, n, cur_end), R_MEASURE, &q)) != NULL ||
	    (adjacent(wa, nwa) && match_after(wa, nwa, 0, RB(R_MEASURE), &en) && (q = wa[0].e))) {
		out->kind = VN_NUM_MEASURE;
		out->scale = scale;
		out->value =
		    token_value(s, t, read_decimal(r, shape, scale, 0, &out->flags), scale);
		snprintf(out->noun, sizeof(out->noun), "%s", en->value);
		out->end = q;
		/* 160.000 tấn/năm: a capacity, a rate of the unit */
		nwa = words_after(r, s, n, q, wa, 1);
		if (q + 1 < n && s[q] == '/' && nwa && wa[0].s == q + 1) {
			size_t m = strlen(out->noun);
			out->kind = VN_NUM_RATE;
			snprintf(out->per, sizeof(out->per), "%s", wa[0].canon);
			copy_text(s, wa[0].s, wa[0].e, perbuf, sizeof(perbuf));
			snprintf(out->noun + m, sizeof(out->noun) - m, "/%s", perbuf);
			out->end = wa[0].e;
		}
		return out->end;
	}
	/* 250.000/suất: a rate with the currency implied */
	if (cur_end == e && e + 1 < n && s[e] == '/' && nwa && wa[0].s == e + 1) {
		out->kind = VN_NUM_RATE;
		out->value = token_value(s, t, read_decimal(r, shape, 0, 1, &out->flags), 0);
		snprintf(out->per, sizeof(out->per), "%s", wa[0].canon);
		copy_text(s, wa[0].s, wa[0].e, perbuf, sizeof(perbuf));
		snprintf(out->noun, sizeof(out->noun), "đồng/%s", perbuf);
		return out->end = wa[0].e;
	}
	out->scale = scale;
	out->end = cur_end;
	nwa = words_after(r, s, n, cur_end, wa, 10);

	/* a plain year (Tết Canh Tý 2020,) unless something counted follows it */
	if (year && !scale &&
	    !(nwa && wa[0].gap == GAP_SPACE &&
	      match_after(wa, nwa, 0, RB(R_NOUN) | RB(R_CLASSIFIER), &en))) {
		out->kind = VN_NUM_YEAR;
		out->year_from = year;
		return e;
	}
	/* a glued word we do not know: a code such as 4G */
	if (nwa && wa[0].gap == GAP_NONE &&
	    !match_after(wa, nwa, 0, RB(R_NOUN) | RB(R_CLASSIFIER), &en)) {
		out->kind = VN_NUM_CODE;
		return out->end = wa[0].e;
	}
	noun_at(s, n, wa, nwa, 0, &nn);
	counted = nn.how == NOUN_LEX || nn.how == NOUN_QUOTED;
	/* labels: giai đoạn 2, Lực lượng 47, Covid 19, Yên Lâm 1 */
	if (!counted && !scale && t->ng == 1 && glen(t, 0) <= 3 && nb &&
	    (wb[0].gap == GAP_SPACE || (wb[0].gap == GAP_PUNCT && wb[0].gapdash)) &&
	    (match_before(wb, nb, RB(R_LABEL), &en) ||
	     (wb[0].upper && wb[0].gap == GAP_SPACE && !sentence_initial(s, &wb[0]) &&
	      !match_before(wb, nb, RB(R_QUALIFIER) | RB(R_STOP), &en)))) {
		out->kind = VN_NUM_LABEL;
		return e;
	}
	if (nn.how == NOUN_NONE && nwa && wa[0].gap == GAP_PUNCT && wa[0].gapc == ',' &&
	    match_after(wa, nwa, 0, RB(R_NOUN), &en)) {
		/* "Chủ tịch nước tặng 01, Huân chương …": a stray comma before the noun */
		struct word w0 = wa[0];
		wa[0].gap = GAP_SPACE;
		noun_at(s, n, wa, nwa, 0, &nn);
		wa[0] = w0;
		if (nn.how != NOUN_NONE)
			out->flags |= VN_NUM_MALFORMED;
	}
	if (nn.how != NOUN_NONE) {
		out->kind = VN_NUM_COUNT;
		set_noun(out, s, &nn, &wa[0]);
		out->value = token_value(
		    s, t, read_decimal(r, shape, scale, nn.how != NOUN_FREE, &out->flags), scale);
		/* 2 lần/năm: a count per something is a rate too */
		if (nn.e + 1 < n && s[nn.e] == '/' && nn.nused < nwa &&
		    wa[nn.nused].s == nn.e + 1) {
			const struct word *pw = &wa[nn.nused];
			size_t m = strlen(out->noun);
			out->kind = VN_NUM_RATE;
			snprintf(out->per, sizeof(out->per), "%s", pw->canon);
			copy_text(s, pw->s, pw->e, perbuf, sizeof(perbuf));
			snprintf(out->noun + m, sizeof(out->noun) - m, "/%s", perbuf);
			out->noun_end = pw->e;
		}
		return out->end;
	}
	if (r->dvt_on && !scale) {
		/* a bare number under "ĐVT: triệu đồng" */
		out->kind = VN_NUM_MONEY;
		out->scale = r->dvt_scale;
		out->value = token_value(s, t, read_decimal(r, shape, r->dvt_scale, 1, &out->flags),
		                         r->dvt_scale);
		snprintf(out->noun, sizeof(out->noun), "%s", r->dvt_currency);
		return out->end;
	}
	if (scale && strstr(out->qualifier, "trị giá")) {
		out->kind = VN_NUM_MONEY; /* trị giá 3 triệu */
		out->value =
		    token_value(s, t, read_decimal(r, shape, scale, 1, &out->flags), scale);
		snprintf(out->noun, sizeof(out->noun), "đồng");
		return out->end;
	}
	out->kind = VN_NUM_NUMBER;
	out->value = token_value(s, t, read_decimal(r, shape, scale, 0, &out->flags), scale);
	return out->end;
}

/* ---------------------------------------------------------------- passages */

static void vote_token(struct vn_num_reader *r, const char *s, size_t n, const struct tok *t)
{
	unsigned flags;
	int shape = token_shape(s, t, &flags), g, commas = 0;

	for (g = 1; g < t->ng; g++)
		commas += t->sep[g] == ',';
	if (shape == SH_GROUPED && !(flags & VN_NUM_MALFORMED)) {
		if (commas)
			r->vote_en++;
		else
			r->vote_vi++;
	} else if (shape == SH_DECIMAL && !(flags & VN_NUM_MALFORMED)) {
		if (t->sep[t->ng - 1] == ',') {
			if (s[t->gs[0]] != '0' || glen(t, 0) == 1)
				r->vote_vi++;
		} else {
			/* 1.5 triệu, 2.75%: outline numbers (2.1.) have no scale or % after */
			struct word w[2];
			const struct entry *en;
			size_t nw = words_after(r, s, n, t->e, w, 2), p = skip_spaces(s, n, t->e);
			if ((p < n && s[p] == '%') ||
			    (nw && w[0].gap == GAP_SPACE &&
			     match_after(w, nw, 0, RB(R_SCALE) | RB(R_CURRENCY), &en)))
				r->vote_en++;
		}
	}
}

void vn_num_vote(struct vn_num_reader *r, const char *s, size_t n)
{
	size_t i = 0;

	wa_forget(r);
	while (i < n) {
		struct tok t;
		if (!is_digit(s[i])) {
			i++;
			continue;
		}
		lex_token(s, n, i, &t);
		vote_token(r, s, n, &t);
		i = t.e;
	}
}

/* "ĐVT: triệu đồng" (or "Đơn vị tính: …"): the unit of the table's bare numbers. */
static void find_unit_line(struct vn_num_reader *r, const char *s, size_t n)
{
	static const char *const marks[] = {"ĐVT", "Đơn vị tính", "đơn vị tính"};
	static const size_t mark_len[] = {sizeof("ĐVT") - 1, sizeof("Đơn vị tính") - 1,
	                                  sizeof("đơn vị tính") - 1};
	enum { NMARKS = sizeof(marks) / sizeof(marks[0]) };
	const char *first[NMARKS] = {NULL}, *p = s, *end = s + n;
	size_t m, found = 0;

	/* the first place of each mark, in one pass: all of them open with Đ or đ (C4 90,
	 * C4 91), and this runs on every passage */
	while (found < NMARKS && (p = memchr(p, 0xC4, (size_t)(end - p))) != NULL) {
		for (m = 0; m < NMARKS; m++) {
			size_t len = mark_len[m];
			if (!first[m] && (size_t)(end - p) >= len &&
			    memcmp(p, marks[m], len) == 0) {
				first[m] = p;
				found++;
			}
		}
		p++;
	}
	for (m = 0; m < NMARKS; m++) {
		const char *hit = first[m];
		struct word w[4];
		const struct entry *en;
		size_t i, nw, k = 0, q;
		int scale = 0, len;
		if (!hit)
			continue;
		i = skip_spaces(s, n, (size_t)(hit - s) + strlen(marks[m]));
		if (i >= n || s[i] != ':')
			continue;
		i = skip_spaces(s, n, i + 1);
		if ((en = match_raw(s, n, i, R_MONEY_SCALE, &q)) != NULL) {
			r->dvt_on = 1;
			r->dvt_scale = atoi(en->value);
			snprintf(r->dvt_currency, sizeof(r->dvt_currency), "đồng");
			return;
		}
		nw = words_after(r, s, n, i, w, 4);
		while (k < nw && (len = match_after(w, nw, k, RB(R_SCALE), &en)) > 0) {
			scale += atoi(en->value);
			k += (size_t)len;
		}
		if (k < nw && match_after(w, nw, k, RB(R_CURRENCY), &en)) {
			r->dvt_on = 1;
			r->dvt_scale = scale;
			snprintf(r->dvt_currency, sizeof(r->dvt_currency), "%s", en->value);
			return;
		}
	}
}

/*
 * A rate goes with the count of its "per" noun in the same sentence: "trao 23 suất quà trị
 * giá 700.000đ/suất" is 23 x 700 000. The nearest such count before the rate wins, else
 * the nearest after it; only a few figures either side are looked at, so a passage of
 * thousands of numbers stays linear.
 */
#define RATE_REACH 16

static void link_rates(const char *s, struct vn_num *v, size_t nv)
{
	size_t *sent = xcalloc(nv + 1, sizeof(*sent)), i, k = 0, id = 0;
	long j;

	/* sentence number of each figure: '.' or ';' between two figures starts a new one */
	for (i = 0; i < nv; i++) {
		for (; k < v[i].start; k++)
			if (s[k] == ';' || (s[k] == '.' && (s[k + 1] == ' ' || s[k + 1] == 0)))
				id++;
		k = v[i].end > k ? v[i].end : k;
		sent[i] = id;
	}
	for (i = 0; i < nv; i++) {
		long best = -1;
		if (v[i].kind != VN_NUM_RATE || !v[i].per[0])
			continue;
		for (j = (long)i - 1; j >= 0 && j + RATE_REACH >= (long)i && sent[j] == sent[i];
		     j--)
			if (v[j].kind == VN_NUM_COUNT && strcmp(v[j].head, v[i].per) == 0) {
				best = j;
				break;
			}
		for (j = (long)i + 1;
		     best < 0 && j < (long)nv && j <= (long)i + RATE_REACH && sent[j] == sent[i];
		     j++)
			if (v[j].kind == VN_NUM_COUNT && strcmp(v[j].head, v[i].per) == 0)
				best = j;
		if (best >= 0)
			v[i].times = v[best].value;
	}
	free(sent);
}

int vn_num_scan(struct vn_num_reader *r, const char *s, size_t n, vn_num_fn fn, void *ctx)
{
	struct vn_num *v = NULL;
	size_t nv = 0, cap = 0, i = 0, k;
	int rc = 0;

	wa_forget(r);
	find_unit_line(r, s, n);
	while (i < n) {
		size_t next;
		UChar32 c;
		if (is_digit(s[i])) {
			v = xgrow(v, &cap, nv + 1, sizeof(*v));
			next = vn_num_read(r, s, n, i, &v[nv]);
			nv++;
			i = next > i ? next : i + 1;
			continue;
		}
		/* footnote markers are never ASCII, and every superscript digit and parenthesis
		 * is written with lead byte C2 or E2: no other byte needs decoding */
		if ((unsigned char)s[i] != 0xC2 && (unsigned char)s[i] != 0xE2) {
			i++;
			continue;
		}
		c = cp_at(s, n, i, &next);
		if (superscript_digit(c) >= 0 || c == 0x207D) {
			/* ³ or ⁽¹⁾: a footnote marker; the body repeats it, so only the next
			 * expected number moves the count on */
			int val = 0, any = 0, d;
			while (i < n) {
				c = cp_at(s, n, i, &next);
				if ((d = superscript_digit(c)) >= 0)
					val = val * 10 + d, any = 1;
				else if (c != 0x207D && c != 0x207E)
					break;
				i = next;
				if (val > 999)
					break;
			}
			if (any && val == r->next_note)
				r->next_note++;
			continue;
		}
		i = next > i ? next : i + 1;
	}
	link_rates(s, v, nv);
	for (k = 0; k < nv && rc == 0; k++)
		rc = fn(ctx, &v[k]);
	free(v);
	return rc;
}
