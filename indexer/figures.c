#include "figures.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vn_num.h"

struct scan {
	struct doc *d;
	size_t passage;
	const char *text;
	size_t n;
	int clause_year;       /* "Năm 2019," opening a clause: until the next one */
	int sentence_year;     /* "năm 2019" inside a sentence … */
	size_t sentence_until; /* … up to this byte */
	/* a passage about no unit: the units that open its sentences ("… đã hoàn thành.
	 * Thành đoàn vận động …; kết nạp mới 2.679 hội viên. Vận động …"), by position */
	const struct unit_mention **subj;
	size_t nsubj;
	struct text_pos pos; /* figures' character offsets (lib/text.h) */
};

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* "năm"/"Năm" right before the number at pos; *capital tells which. */
static int nam_before(const char *s, size_t pos, int *capital)
{
	size_t i = pos;

	while (i > 0 && is_space(s[i - 1]))
		i--;
	if (i < 4 || memcmp(s + i - 3, "\xc4\x83m", 3) != 0 || (s[i - 4] != 'n' && s[i - 4] != 'N'))
		return 0;
	if (i > 4 && (unsigned char)s[i - 5] >= 'A' && !is_space(s[i - 5]))
		return 0; /* part of a longer word */
	*capital = s[i - 4] == 'N';
	return 1;
}

/* Whether the word ending at i (the "Năm") opens a clause: text start, or after : ; . , ( - */
static int opens_clause(const char *s, size_t i)
{
	while (i > 0 && is_space(s[i - 1]))
		i--;
	return i == 0 || strchr(":;.,(-", s[i - 1]) != NULL;
}

static size_t sentence_end(const char *s, size_t n, size_t i)
{
	for (; i < n; i++)
		if (s[i] == ';' || (s[i] == '.' && (i + 1 == n || is_space(s[i + 1]))))
			return i;
	return n;
}

static void note_year(struct scan *sc, const struct vn_num *v)
{
	int capital;
	size_t w;

	if (v->kind != VN_NUM_YEAR || !nam_before(sc->text, v->tok_start, &capital))
		return;
	w = v->tok_start;
	while (w > 0 && is_space(sc->text[w - 1]))
		w--;
	if (capital && opens_clause(sc->text, w - 4)) {
		sc->clause_year = v->year_from;
		sc->sentence_year = 0;
	} else {
		sc->sentence_year = v->year_from;
		sc->sentence_until = sentence_end(sc->text, sc->n, v->tok_end);
	}
}

static int on_number(void *ctx, const struct vn_num *v)
{
	struct scan *sc = ctx;
	struct doc *d = sc->d;
	struct figure *f;
	char flags[64];

	if (!VN_NUM_IS_FIGURE(v->kind)) {
		note_year(sc, v);
		return 0;
	}
	d->figures = xgrow(d->figures, &d->fcap, d->nfigures + 1, sizeof(*d->figures));
	f = &d->figures[d->nfigures++];
	memset(f, 0, sizeof(*f));
	f->passage = sc->passage;
	/* spans are stored in characters, as SQL's substr() counts */
	f->start = text_pos_char(&sc->pos, v->start);
	f->end = f->start + text_count_chars(sc->text + v->start, v->end - v->start);
	f->kind = vn_num_kind_name(v->kind);
	f->value = v->value;
	f->of = v->of;
	f->times = v->times;
	f->noun = xstrdup(v->noun);
	f->qualifier = xstrdup(v->qualifier);
	f->raw = xstrndup(sc->text + v->start, v->end - v->start);
	vn_num_flags_str(v->flags, flags, sizeof(flags));
	f->flags = xstrdup(flags);
	{
		size_t k;
		for (k = 0; k < sc->nsubj && sc->subj[k]->start <= f->start; k++)
			f->unit = sc->subj[k]->name ? sc->subj[k]->name : sc->subj[k]->unit;
	}
	if (sc->sentence_year && v->start < sc->sentence_until)
		f->year = sc->sentence_year;
	else
		f->year = sc->clause_year ? sc->clause_year : d->year;
	return 0;
}

/* Whether the character offset at of the text opens a sentence: the passage's start, or
 * after a full stop. */
static int opens_sentence(struct text_pos *pos, size_t at)
{
	const char *text = pos->s;
	size_t i = text_pos_byte(pos, at);

	while (i > 0 && is_space(text[i - 1]))
		i--;
	return i == 0 || text[i - 1] == '.';
}

/*
 * The unit mentions of each passage, in the order found: by_passage[first[p] ..
 * first[p + 1]) index d->units (a counting sort, once per document; looking through every
 * mention for every passage was quadratic in a long document).
 */
static void mentions_by_passage(const struct doc *d, size_t **first, size_t **by_passage)
{
	size_t k, *at = xcalloc(d->npassages + 2, sizeof(*at));

	*by_passage = xcalloc(d->nunits + 1, sizeof(**by_passage));
	for (k = 0; k < d->nunits; k++)
		if (d->units[k].passage < d->npassages)
			at[d->units[k].passage + 2]++;
	for (k = 2; k < d->npassages + 2; k++)
		at[k] += at[k - 1];
	for (k = 0; k < d->nunits; k++)
		if (d->units[k].passage < d->npassages)
			(*by_passage)[at[d->units[k].passage + 1]++] = k;
	*first = at;
}

/* The mentions of passage p (about no unit) that open a sentence, in order. */
static size_t sentence_subjects(const struct doc *d, size_t p, const size_t *first,
                                const size_t *by_passage, const struct unit_mention ***out)
{
	struct text_pos pos;
	size_t k, n = 0, cap = 0;

	*out = NULL;
	if (d->passages[p].unit)
		return 0;
	text_pos_init(&pos, d->passages[p].text);
	for (k = first[p]; k < first[p + 1]; k++) {
		const struct unit_mention *m = &d->units[by_passage[k]];
		if (opens_sentence(&pos, m->start)) {
			*out = xgrow(*out, &cap, n + 1, sizeof(**out));
			(*out)[n++] = m;
		}
	}
	return n;
}

void figures_extract(struct doc *d, struct vn_norm *nm)
{
	struct vn_num_reader *r;
	struct err e;
	size_t i, *first, *by_passage;

	if (!(r = vn_num_new_with(nm, &e))) {
		doc_add_note(d, "figures not read: %s", e.msg);
		return;
	}
	vn_num_doc_begin(r);
	for (i = 0; i < d->npassages; i++)
		vn_num_vote(r, d->passages[i].text, strlen(d->passages[i].text));
	mentions_by_passage(d, &first, &by_passage);
	for (i = 0; i < d->npassages; i++) {
		struct scan sc;
		memset(&sc, 0, sizeof(sc));
		sc.d = d;
		sc.passage = i;
		sc.text = d->passages[i].text;
		sc.n = strlen(sc.text);
		text_pos_init(&sc.pos, sc.text);
		/* a table's "ĐVT:" unit ends where the next section starts */
		if (strcmp(d->passages[i].kind, "heading") == 0)
			vn_num_clear_unit(r);
		sc.nsubj = sentence_subjects(d, i, first, by_passage, &sc.subj);
		vn_num_scan(r, sc.text, sc.n, on_number, &sc);
		free(sc.subj);
	}
	free(first);
	free(by_passage);
	vn_num_free(r);
}
