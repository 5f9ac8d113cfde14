#include "vn_words.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "vn_tok.h"

struct wtmp {
	size_t canon, fold;
};

static size_t utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

void vn_words_build(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n)
{
	size_t pos = 0, a, b, last = 0, chars = 0, i;
	struct wtmp *tmp = NULL;
	size_t tcap = 0;

	memset(w, 0, sizeof(*w));
	w->text = s;
	w->ntext = n;
	while (vn_tok_next(s, n, &pos, &a, &b)) {
		struct vn_word v;
		struct vn_wtok *t;
		int32_t k = 0;
		UChar32 c;
		if (vn_norm_word(nm, s + a, b - a, &v) != 0)
			continue;
		w->t = xgrow(w->t, &w->cap, w->n + 1, sizeof(*w->t));
		tmp = xgrow(tmp, &tcap, w->n + 1, sizeof(*tmp));
		t = &w->t[w->n];
		memset(t, 0, sizeof(*t));
		chars += utf8_chars(s + last, a - last);
		t->a = a;
		t->b = b;
		t->ca = chars;
		chars += utf8_chars(s + a, b - a);
		t->cb = chars;
		last = b;
		t->flags = v.flags;
		U8_NEXT(s + a, k, (int32_t)(b - a), c);
		t->upper_first = c > 0 && u_isUUppercase(c);
		tmp[w->n].canon = w->arena.n;
		buf_add(&w->arena, v.canon, v.ncanon);
		buf_addc(&w->arena, 0);
		tmp[w->n].fold = w->arena.n;
		buf_add(&w->arena, v.fold, v.nfold);
		buf_addc(&w->arena, 0);
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
	return utf8_chars(w->text, off < w->ntext ? off : w->ntext);
}

/* ---------------------------------------------------------------- lexicons */

struct phrase {
	int id, mode, n;
	char **words; /* canonical or folded forms, by mode */
	char **gaps;  /* punctuation written inside the phrase, before word k (k >= 1) */
};

struct vn_lexicon {
	GHashTable *first; /* first word (folded) -> GPtrArray of struct phrase * */
	GPtrArray *all;
};

static void phrase_free(gpointer p)
{
	struct phrase *ph = p;
	int i;
	for (i = 0; i < ph->n; i++) {
		free(ph->words[i]);
		free(ph->gaps[i]);
	}
	free(ph->words);
	free(ph->gaps);
	free(ph);
}

struct vn_lexicon *vn_lexicon_new(void)
{
	struct vn_lexicon *lx = xcalloc(1, sizeof(*lx));
	lx->first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  (GDestroyNotify)g_ptr_array_unref);
	lx->all = g_ptr_array_new_with_free_func(phrase_free);
	return lx;
}

void vn_lexicon_free(struct vn_lexicon *lx)
{
	if (!lx)
		return;
	g_hash_table_destroy(lx->first);
	g_ptr_array_free(lx->all, TRUE);
	free(lx);
}

/* Punctuation that ends a clause: a phrase never runs across it unless written so. */
static int gap_breaks(const char *g, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (strchr(".;:()!?", g[i]))
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
	GPtrArray *list;
	size_t i;

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
	for (i = 0; i < w.n; i++) {
		size_t gl;
		const char *g = vn_words_gap(&w, i, &gl);
		ph->words[i] = xstrdup(mode == VN_MATCH_FOLD ? w.t[i].fold : w.t[i].canon);
		ph->gaps[i] = i ? gap_marks(g, gl) : xstrdup("");
	}
	list = g_hash_table_lookup(lx->first, w.t[0].fold);
	if (!list) {
		list = g_ptr_array_new();
		g_hash_table_insert(lx->first, g_strdup(w.t[0].fold), list);
	}
	g_ptr_array_add(list, ph);
	g_ptr_array_add(lx->all, ph);
	vn_words_free(&w);
	return 0;
}

static int phrase_at(const struct phrase *ph, const struct vn_words *w, size_t at)
{
	int k;
	if (at + (size_t)ph->n > w->n)
		return 0;
	for (k = 0; k < ph->n; k++) {
		const struct vn_wtok *t = &w->t[at + (size_t)k];
		const char *form = ph->mode == VN_MATCH_FOLD ? t->fold : t->canon;
		if (strcmp(form, ph->words[k]) != 0)
			return 0;
		if (k > 0 && !ph->gaps[k][0]) {
			size_t gl;
			const char *g = vn_words_gap(w, at + (size_t)k, &gl);
			if (gap_breaks(g, gl))
				return 0;
		}
	}
	return 1;
}

int vn_lexicon_longest(const struct vn_lexicon *lx, const struct vn_words *w, size_t at,
		       size_t *len)
{
	GPtrArray *list;
	int best = -1, bestn = 0;
	guint i;

	if (at >= w->n)
		return -1;
	list = g_hash_table_lookup(lx->first, w->t[at].fold);
	if (!list)
		return -1;
	for (i = 0; i < list->len; i++) {
		const struct phrase *ph = g_ptr_array_index(list, i);
		if (ph->n > bestn && phrase_at(ph, w, at)) {
			best = ph->id;
			bestn = ph->n;
		}
	}
	if (best >= 0)
		*len = (size_t)bestn;
	return best;
}
