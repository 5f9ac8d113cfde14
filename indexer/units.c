#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "lexicons.h"

static int fold_is(const struct vn_words *w, size_t i, const char *f)
{
	return i < w->n && strcmp(w->t[i].fold, f) == 0;
}

/* "huyện", "quận", "thị xã", "thành phố" (accents optional, as users type them): words
 * taken, or 0 */
static size_t district_word(const struct vn_words *w, size_t i)
{
	if (fold_is(w, i, "huyen") || fold_is(w, i, "quan"))
		return 1;
	if ((fold_is(w, i, "thi") && fold_is(w, i + 1, "xa")) ||
	    (fold_is(w, i, "thanh") && fold_is(w, i + 1, "pho")))
		return 2;
	return 0;
}

/* A place name: capitalised words with only spaces between them (at most 3). */
static size_t place_name(const struct vn_words *w, size_t i)
{
	size_t k = 0;
	while (k < 3 && i + k < w->n && w->t[i + k].upper_first && !(w->t[i + k].flags & VN_WORD_NUMBER) &&
	       (k == 0 || vn_words_gap_blank(w, i + k)))
		k++;
	return k;
}

/* The branch at words i.. given the head's canonical name: "<head> huyện <Name>". */
static size_t branch_at(const struct vn_words *w, size_t i, const char *head, char **name)
{
	const struct lexicons *lx = lexicons_get();
	size_t kw = district_word(w, i), k;
	const char *prov;
	struct buf b = BUF_INIT;

	if (!kw || !vn_words_gap_blank(w, i + kw))
		return 0;
	k = place_name(w, i + kw);
	if (!k)
		return 0;
	/* "thành phố Hà Nội" is a province of its own, not a branch of this one */
	if (kw == 2 && fold_is(w, i, "thanh")) {
		size_t pl = lexicons_province_at(w, i + kw, &prov);
		size_t p;
		for (p = 0; pl && p < lx->nprovince; p++)
			if (lx->province[p] == prov && lx->province_city[p])
				return 0;
	}
	buf_adds(&b, head);
	buf_addc(&b, ' ');
	buf_add(&b, w->text + w->t[i].a, w->t[i + kw - 1].b - w->t[i].a);
	buf_addc(&b, ' ');
	buf_add(&b, w->text + w->t[i + kw].a, w->t[i + kw + k - 1].b - w->t[i + kw].a);
	*name = buf_detach(&b);
	return kw + k;
}

size_t units_at(const struct vn_words *w, size_t i, const char *context, const char **canon,
		char **name)
{
	const struct lexicons *lx = lexicons_get();
	const struct lx_unit *u;
	size_t len = 0, k;
	int id = vn_lexicon_longest(lx->units, w, i, &len);

	if (id < 0)
		return 0;
	u = &lx->unit[id];
	*canon = u->unit;
	switch (u->kind) {
	case LXU_SHORT:
		/* "Cục" alone, inside a passage about Cục THADS; not "Cục trưởng", not "Cục X03" */
		if (!context || strcmp(context, u->unit) != 0 || !w->t[i].upper_first)
			return 0;
		if (i + 1 < w->n && vn_words_gap_blank(w, i + 1) &&
		    (w->t[i + 1].upper_first || vn_words_is(w, i + 1, "trưởng")))
			return 0;
		*name = xstrdup(u->unit);
		return 1;
	case LXU_DISTRICT:
		k = branch_at(w, i + len, u->head, name);
		return k ? len + k : 0;
	default:
		*name = xstrdup(u->unit);
		return len + lexicons_province_at(w, i + len, NULL);
	}
}

static int is_bullet(const char *t)
{
	return t[0] == '-' || t[0] == '+' || strncmp(t, "•", 3) == 0 || strncmp(t, "–", 3) == 0;
}

char *units_label(struct vn_norm *nm, const char *text)
{
	struct vn_words w;
	const char *canon;
	char *name = NULL;
	size_t len, gl;
	int bullet = is_bullet(text);

	vn_words_build(&w, nm, text, strlen(text) < 400 ? strlen(text) : 400);
	len = w.n ? units_at(&w, 0, NULL, &canon, &name) : 0;
	/* a bullet item opening with the unit, or "Unit: …" */
	if (len && !bullet) {
		const char *g = vn_words_gap(&w, len, &gl);
		if (!memchr(g, ':', gl)) {
			free(name);
			name = NULL;
		}
	}
	vn_words_free(&w);
	return len ? name : NULL;
}

static void add_mention(struct doc *d, size_t p, const struct vn_words *w, size_t i, size_t len,
			const char *canon, char *name)
{
	struct unit_mention *m;

	d->units = xgrow(d->units, &d->ucap, d->nunits + 1, sizeof(*d->units));
	m = &d->units[d->nunits++];
	m->passage = p;
	m->start = w->t[i].ca;
	m->end = w->t[i + len - 1].cb;
	m->unit = canon;
	m->name = strcmp(name, canon) == 0 ? NULL : xstrdup(name);
	m->surface = xstrndup(w->text + w->t[i].a, w->t[i + len - 1].b - w->t[i].a);
}

/* The context a passage gives short forms: the inventory unit it is about. */
static const char *context_of(const struct passage *p)
{
	const struct lexicons *lx = lexicons_get();
	size_t i;
	if (!p->unit)
		return NULL;
	for (i = 0; i < lx->nunit; i++)
		if (strcmp(lx->unit[i].unit, p->unit) == 0)
			return lx->unit[i].unit;
	return NULL;
}

void units_extract(struct doc *d, struct vn_norm *nm)
{
	size_t p;

	/* who each passage is about: its label, else what it continues, else (a footnote)
	 * the passage citing it */
	for (p = 0; p < d->npassages; p++) {
		struct passage *ps = &d->passages[p];
		if (ps->unit)
			continue;
		ps->unit = units_label(nm, ps->text);
		if (!ps->unit && ps->cont >= 0 && d->passages[ps->cont].unit)
			ps->unit = xstrdup(d->passages[ps->cont].unit);
	}
	for (p = 0; p < d->npassages; p++) {
		struct passage *ps = &d->passages[p];
		if (!ps->unit && ps->cites >= 0 && (size_t)ps->cites < d->npassages &&
		    d->passages[ps->cites].unit)
			ps->unit = xstrdup(d->passages[ps->cites].unit);
	}
	for (p = 0; p < d->npassages; p++) {
		struct passage *ps = &d->passages[p];
		const char *ctx = context_of(ps), *canon = NULL, *head = NULL;
		struct vn_words w;
		size_t i = 0, last_end = 0;

		w = *doc_passage_words(d, p, nm); /* shared: not freed here */
		while (i < w.n) {
			char *name = NULL;
			size_t len = units_at(&w, i, ctx, &canon, &name);
			if (len) {
				const struct lexicons *lx = lexicons_get();
				size_t id = 0, l2 = 0;
				add_mention(d, p, &w, i, len, canon, name);
				free(name);
				/* remember a branch's head for "…, huyện Lâm Bình" after it */
				head = NULL;
				if (vn_lexicon_longest(lx->units, &w, i, &l2) >= 0) {
					id = (size_t)vn_lexicon_longest(lx->units, &w, i, &l2);
					if (lx->unit[id].kind == LXU_DISTRICT)
						head = lx->unit[id].head;
				}
				i += len;
				last_end = i;
				continue;
			}
			/* the ellipsis: "Tòa án nhân dân huyện Chiêm Hóa, huyện Lâm Bình" */
			if (head && i == last_end + (vn_words_is(&w, i, "và") ? 0 : 0)) {
				size_t at = vn_words_is(&w, i, "và") ? i + 1 : i;
				size_t k = branch_at(&w, at, head, &name);
				if (k) {
					add_mention(d, p, &w, at, k, canon, name);
					free(name);
					i = at + k;
					last_end = i;
					continue;
				}
			}
			head = NULL;
			i++;
		}
	}
}
