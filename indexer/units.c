#include "units.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

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

/* "Số:" of a header's document number, which follows the issuer's name in capitals */
static int number_label(const struct vn_words *w, size_t i)
{
	size_t gl;
	const char *g;

	if (!fold_is(w, i, "so") || i + 1 >= w->n)
		return 0;
	g = vn_words_gap(w, i + 1, &gl);
	return memchr(g, ':', gl) != NULL;
}

/* The first letter of word i is a small vowel with a tone mark ("ý", "ả"): one TCVN3 has
 * no capital for. */
static int toned_small(const struct vn_words *w, size_t i)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar d[8];
	UChar32 c;
	int32_t off = 0, n, k;

	U8_NEXT(w->text + w->t[i].a, off, (int32_t)(w->t[i].b - w->t[i].a), c);
	if (c < 0 || !u_islower(c) || U_FAILURE(st))
		return 0;
	n = unorm2_getDecomposition(nfd, c, d, 8, &st);
	for (k = 1; k < n && U_SUCCESS(st); k++)
		if (d[k] == 0x300 || d[k] == 0x301 || d[k] == 0x303 || d[k] == 0x309 ||
		    d[k] == 0x323)
			return 1;
	return 0;
}

/* A proper name: at most max capitalised words with only spaces between them. capless
 * (TCVN3): a word opening with a small toned vowel counts as capitalised when another
 * word of the name is ("ý Yên", "Bác ái"); alone ("huyện ủy") it names nothing. */
static size_t proper_name(const struct vn_words *w, size_t i, size_t max, int capless)
{
	size_t k = 0;
	int upper = 0;

	while (k < max && i + k < w->n &&
	       (w->t[i + k].upper_first || (capless && toned_small(w, i + k))) &&
	       !(w->t[i + k].flags & VN_WORD_NUMBER) && (k == 0 || vn_words_gap_blank(w, i + k)) &&
	       !number_label(w, i + k))
		upper |= w->t[i + k++].upper_first;
	return upper ? k : 0;
}

/* Words i..i+k of the text into b, each opening with its capital (what a TCVN3 writer
 * could not type). */
static void add_capitalised(struct buf *b, const struct vn_words *w, size_t i, size_t k)
{
	size_t j;

	for (j = i; j < i + k; j++) {
		const char *t = w->text + w->t[j].a;
		int32_t n = (int32_t)(w->t[j].b - w->t[j].a), off = 0, m = 0;
		char up[4];
		UChar32 c;
		UBool bad = 0;
		if (j > i)
			buf_add(b, w->text + w->t[j - 1].b, w->t[j].a - w->t[j - 1].b);
		U8_NEXT(t, off, n, c);
		if (c < 0 || w->t[j].upper_first) {
			buf_add(b, t, (size_t)n);
			continue;
		}
		U8_APPEND(up, m, 4, u_toupper(c), bad);
		if (bad) {
			buf_add(b, t, (size_t)n);
			continue;
		}
		buf_add(b, up, (size_t)m);
		buf_add(b, t + off, (size_t)(n - off));
	}
}

/* The branch at words i.. given the head's canonical name: "<head> huyện <Name>". */
static size_t branch_at(const struct vn_words *w, size_t i, const char *head, int capless,
                        char **name)
{
	const struct lexicons *lx = lexicons_get();
	size_t kw = district_word(w, i), k;
	const char *prov;
	struct buf b = BUF_INIT;

	if (!kw || !vn_words_gap_blank(w, i + kw))
		return 0;
	k = proper_name(w, i + kw, 3, capless); /* a place */
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
	add_capitalised(&b, w, i + kw, k);
	*name = buf_detach(&b);
	return kw + k;
}

/*
 * The proper name at words i.. after a head of kind named ("Trường THPT" + "Chợ Mới"), as
 * "<head> <Name>": at most four capitalised words, the first right after the head. A
 * school or a centre is named after a place or a person, not a district ("Trường THPT
 * Nguyễn Trãi"), so no district word is asked for; lower case ("các trường THPT trên địa
 * bàn") names none.
 */
static size_t named_at(const struct vn_words *w, size_t i, const char *head, int capless,
                       char **name)
{
	size_t k;
	struct buf b = BUF_INIT;

	if (i >= w->n || !vn_words_gap_blank(w, i) || !(k = proper_name(w, i, 4, capless)))
		return 0;
	buf_adds(&b, head);
	buf_addc(&b, ' ');
	add_capitalised(&b, w, i, k);
	*name = buf_detach(&b);
	return k;
}

/* Whether the words at i have the capitals a cased entry asks for ("Trung tâm Y tế", a
 * member, not the "Trung tâm y tế" a gift went to). */
static int capitals_fit(const struct lx_unit *u, const struct vn_words *w, size_t i)
{
	size_t k;

	if (!u->cased)
		return 1;
	for (k = 0; k < 32 && i + k < w->n; k++)
		if ((u->caps >> k & 1u) && !w->t[i + k].upper_first)
			return 0;
	return 1;
}

/* Whether a lexicon entry can be read here (see struct unit_scope). */
static int fits(const struct lx_unit *u, const struct unit_scope *sc)
{
	return !sc || !sc->province || !u->city || sc->city;
}

/* The unit at word i with its lexicon entry (*entry), or 0. */
static size_t unit_match(const struct vn_words *w, size_t i, const struct unit_scope *sc,
			 const struct lx_unit **entry, char **name)
{
	const struct lexicons *lx = lexicons_get();
	int ids[8];
	size_t lens[8], n = vn_lexicon_all(lx->units, w, i, ids, lens, 8), k, b, pl;
	const char *context = sc ? sc->context : NULL, *prov;

	for (k = 0; k < n; k++) {
		const struct lx_unit *u = &lx->unit[ids[k]];
		size_t len = lens[k];
		if (!fits(u, sc) || !capitals_fit(u, w, i))
			continue;
		switch (u->kind) {
		case LXU_SHORT:
			/* "Cục" alone, inside a passage about Cục THADS; not "Cục trưởng", not
			 * "Cục X03" */
			if (!context || strcmp(context, u->unit) != 0 || !w->t[i].upper_first)
				continue;
			if (i + 1 < w->n && vn_words_gap_blank(w, i + 1) &&
			    (w->t[i + 1].upper_first || vn_words_is(w, i + 1, "trưởng")))
				continue;
			*name = xstrdup(u->unit);
			*entry = u;
			return 1;
		case LXU_DISTRICT:
			b = branch_at(w, i + len, u->head, sc && sc->capless, name);
			if (!b)
				continue;
			*entry = u;
			return len + b;
		case LXU_NAMED:
			/* "Khối các trường THPT": the class, not one of them */
			if (i > 0 && fold_is(w, i - 1, "cac"))
				continue;
			b = named_at(w, i + len, u->head, sc && sc->capless, name);
			if (!b)
				continue;
			*entry = u;
			return len + b;
		default:
			/* "… tỉnh Tuyên Quang" is the same unit; "… tỉnh Lào Cai" another
			 * province's */
			pl = lexicons_province_at(w, i + len, &prov);
			if ((pl && sc && sc->province && strcmp(prov, sc->province) != 0) ||
			    (u->province && !pl))
				continue;
			*name = xstrdup(u->unit);
			*entry = u;
			return len + pl;
		}
	}
	return 0;
}

size_t units_at(const struct vn_words *w, size_t i, const struct unit_scope *sc,
		const char **canon, char **name)
{
	const struct lx_unit *u;
	size_t len = unit_match(w, i, sc, &u, name);
	if (len)
		*canon = u->unit;
	return len;
}

struct unit_scope units_scope(const struct doc *d, size_t p)
{
	struct unit_scope sc;
	sc.context = p < d->npassages ? d->passages[p].unit : NULL;
	sc.province = d->province;
	sc.city = lexicons_province_is_city(d->province);
	sc.capless = d->encoding && strcmp(d->encoding, "tcvn3") == 0;
	return sc;
}

static int is_bullet(const char *t)
{
	return t[0] == '-' || t[0] == '+' || strncmp(t, "•", 3) == 0 || strncmp(t, "–", 3) == 0;
}

/* The label of a passage read as words w: a bullet item opening with the unit, or
 * "Unit: …". */
static char *label_of(const struct vn_words *w, const char *text, const struct unit_scope *sc)
{
	const char *canon;
	char *name = NULL;
	size_t len, gl;
	const char *g;

	len = w->n ? units_at(w, 0, sc, &canon, &name) : 0;
	if (len && !is_bullet(text)) {
		g = vn_words_gap(w, len, &gl);
		if (!memchr(g, ':', gl)) {
			free(name);
			return NULL;
		}
	}
	return len ? name : NULL;
}

#define LABEL_HEAD 256

char *units_label(struct vn_norm *nm, const char *text)
{
	struct vn_words w;
	char *name;
	size_t n = strlen(text);

	/* The unit opens the item: its first few words are enough. Layout asks this of every
	 * bullet in a footnote area, so it reads a short head, cut between characters; the
	 * longest unit names with their branch and province run to about 100 bytes. */
	if (n > LABEL_HEAD) {
		n = LABEL_HEAD;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	vn_words_build(&w, nm, text, n);
	name = label_of(&w, text, NULL);
	vn_words_free(&w);
	return name;
}

int units_names(struct vn_norm *nm, const char *text, const char *label)
{
	struct vn_words w;
	size_t i, len;
	int found = 0;

	vn_words_build(&w, nm, text, strlen(text));
	for (i = 0; i < w.n && !found; i += len ? len : 1) {
		const char *canon;
		char *name = NULL;
		len = units_at(&w, i, NULL, &canon, &name);
		found = len && name && strcmp(name, label) == 0;
		free(name);
	}
	vn_words_free(&w);
	return found;
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

/* The quotes open at a byte offset of a passage, read on from the offset asked before (the
 * mentions of a passage are asked in text order). */
struct quotes {
	const char *text;
	size_t at;
	int depth, straight;
};

/* Whether byte off of the text lies inside quotes (curly, or straight in pairs). */
static int quoted(struct quotes *q, size_t off)
{
	if (off < q->at) {
		q->at = 0;
		q->depth = q->straight = 0;
	}
	for (; q->at < off && q->text[q->at]; q->at++) {
		const unsigned char *t = (const unsigned char *)q->text + q->at;
		if (t[0] == '"')
			q->straight = !q->straight;
		else if (t[0] == 0xE2 && t[1] == 0x80) {
			if (t[2] == 0x9C)
				q->depth++;
			else if (t[2] == 0x9D && q->depth > 0)
				q->depth--;
		}
	}
	return q->depth > 0 || q->straight;
}

void units_extract(struct doc *d, struct vn_norm *nm)
{
	const struct lexicons *lx = lexicons_get();
	size_t p;

	/* who each passage is about: its label, else what it continues, else (a footnote)
	 * the passage citing it */
	for (p = 0; p < d->npassages; p++) {
		struct passage *ps = &d->passages[p];
		struct unit_scope sc = units_scope(d, p);
		if (ps->unit)
			continue;
		sc.context = NULL;
		ps->unit = label_of(doc_passage_words(d, p, nm), ps->text, &sc);
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
		const struct vn_words *w = doc_passage_words(d, p, nm);
		struct unit_scope sc = units_scope(d, p);
		const struct lx_unit *u;
		const char *head = NULL, *canon = NULL;
		size_t i = 0, last_end = 0;
		struct quotes q = {w->text, 0, 0, 0};

		while (i < w->n) {
			char *name = NULL;
			size_t len, at, k;
			if (!vn_lexicon_starts(lx->units, w, i) && !head) {
				i++;
				continue;
			}
			len = unit_match(w, i, &sc, &u, &name);
			/* a unit inside a quoted name is part of that name (a campaign's: "Các cơ
			 * quan Thi hành án dân sự tỉnh … thi đua …") */
			if (len && quoted(&q, w->t[i].a)) {
				free(name);
				i += len;
				head = NULL;
				continue;
			}
			if (len) {
				canon = u->unit;
				add_mention(d, p, w, i, len, canon, name);
				free(name);
				/* remember a branch's head for "…, huyện Lâm Bình" after it */
				head = u->kind == LXU_DISTRICT ? u->head : NULL;
				i += len;
				last_end = i;
				continue;
			}
			/* the ellipsis: "Tòa án nhân dân huyện Chiêm Hóa, huyện Lâm Bình" */
			if (head && i == last_end) {
				at = vn_words_is(w, i, "và") ? i + 1 : i;
				k = branch_at(w, at, head, sc.capless, &name);
				if (k) {
					add_mention(d, p, w, at, k, canon, name);
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
