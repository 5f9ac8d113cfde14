#include "lexicons.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vn_lex.h"

static struct lexicons L;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *field(const struct vn_row *r, int i)
{
	return i < r->nfields && r->fields[i][0] ? r->fields[i] : NULL;
}

/* Add phrase, expanding "{province}" into every province name. */
static void add_expanded(struct vn_lexicon *lx, struct vn_norm *nm, const char *phrase, int id,
			 int mode)
{
	const char *at = strstr(phrase, "{province}");
	size_t i;

	if (!at) {
		vn_lexicon_add(lx, nm, phrase, id, mode);
		return;
	}
	for (i = 0; i < L.nprovince; i++) {
		struct buf b = BUF_INIT;
		buf_add(&b, phrase, (size_t)(at - phrase));
		buf_adds(&b, L.province[i]);
		buf_adds(&b, at + strlen("{province}"));
		vn_lexicon_add(lx, nm, b.p, id, mode);
		buf_free(&b);
	}
}

static void load_provinces(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("provinces.tsv");
	size_t i;

	L.provinces = vn_lexicon_new();
	if (!t)
		return;
	L.province = xcalloc(t->nrows, sizeof(*L.province));
	L.province_city = xcalloc(t->nrows, sizeof(*L.province_city));
	for (i = 0; i < t->nrows; i++) {
		const char *name = field(&t->rows[i], 0), *kind = field(&t->rows[i], 1);
		if (!name)
			continue;
		L.province[L.nprovince] = name;
		L.province_city[L.nprovince] = kind && strcmp(kind, "thành phố") == 0;
		vn_lexicon_add(L.provinces, nm, name, (int)L.nprovince, VN_MATCH_FOLD);
		L.nprovince++;
	}
}

static void load_units(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("units.tsv");
	size_t i;

	L.units = vn_lexicon_new();
	if (!t)
		return;
	L.unit = xcalloc(t->nrows, sizeof(*L.unit));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		const char *kind = field(r, 0), *unit = field(r, 1), *phrase = field(r, 2);
		struct lx_unit *u = &L.unit[L.nunit];
		if (!kind || !unit || !phrase)
			continue;
		u->unit = unit;
		if (strcmp(kind, "short") == 0)
			u->kind = LXU_SHORT;
		else if (strcmp(kind, "district") == 0)
			u->kind = LXU_DISTRICT, u->head = field(r, 3) ? field(r, 3) : phrase;
		else
			u->kind = LXU_UNIT;
		/* short forms are single capitalised words: match them exactly, accents and all */
		add_expanded(L.units, nm, phrase, (int)L.nunit,
			     u->kind == LXU_SHORT ? VN_MATCH_CANON : VN_MATCH_FOLD);
		L.nunit++;
	}
}

static void load_awards(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("awards.tsv");
	size_t i;

	L.awards = vn_lexicon_new();
	if (!t)
		return;
	L.award = xcalloc(t->nrows, sizeof(*L.award));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		struct lx_award *a = &L.award[L.naward];
		const char *flags = field(r, 4);
		if (!field(r, 0) || !field(r, 1))
			continue;
		a->award = field(r, 0);
		a->implied = field(r, 2);
		a->levels = field(r, 3);
		if (flags && strstr(flags, "order"))
			a->flags |= LXA_ORDER;
		if (flags && strstr(flags, "knc"))
			a->flags |= LXA_KNC;
		if (flags && strstr(flags, "bare"))
			a->flags |= LXA_BARE;
		vn_lexicon_add(L.awards, nm, field(r, 1), (int)L.naward, VN_MATCH_CANON);
		L.naward++;
	}
	/* an award's levels are written on its first row: give them to every row */
	for (i = 0; i < L.naward; i++) {
		size_t j;
		if (L.award[i].levels)
			continue;
		for (j = 0; j < L.naward; j++)
			if (L.award[j].levels && strcmp(L.award[j].award, L.award[i].award) == 0) {
				L.award[i].levels = L.award[j].levels;
				if (!(L.award[i].flags & (LXA_ORDER | LXA_KNC)))
					L.award[i].flags |= L.award[j].flags & (LXA_ORDER | LXA_KNC);
				break;
			}
	}
	t = vn_lex_table("knc.tsv");
	L.knc = vn_lexicon_new();
	if (!t)
		return;
	L.knc_name = xcalloc(t->nrows, sizeof(char *));
	L.knc_grantor = xcalloc(t->nrows, sizeof(char *));
	for (i = 0; i < t->nrows; i++) {
		if (!field(&t->rows[i], 0))
			continue;
		L.knc_name[L.nknc] = field(&t->rows[i], 0);
		L.knc_grantor[L.nknc] = field(&t->rows[i], 1);
		vn_lexicon_add(L.knc, nm, L.knc_name[L.nknc], (int)L.nknc, VN_MATCH_FOLD);
		L.nknc++;
	}
}

static void load_grantors(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("grantors.tsv");
	size_t i, j;

	L.grantors = vn_lexicon_new();
	if (!t)
		return;
	L.grantor = xcalloc(t->nrows, sizeof(*L.grantor));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		struct lx_grantor *g = &L.grantor[L.ngrantor];
		if (!field(r, 0) || !field(r, 1))
			continue;
		g->grantor = field(r, 0);
		g->levels = field(r, 2);
		g->unit = field(r, 3);
		add_expanded(L.grantors, nm, field(r, 1), (int)L.ngrantor, VN_MATCH_CANON);
		L.ngrantor++;
	}
	for (i = 0; i < L.ngrantor; i++)
		for (j = 0; !L.grantor[i].levels && j < L.ngrantor; j++)
			if (strcmp(L.grantor[j].grantor, L.grantor[i].grantor) == 0)
				L.grantor[i].levels = L.grantor[j].levels;
}

static void load_words(struct vn_norm *nm)
{
	static const char *const roles[] = {"status", "verb", "block", "recipient", "campaign"};
	const struct vn_table *t = vn_lex_table("fact_words.tsv");
	size_t i;
	int k;

	L.words = vn_lexicon_new();
	if (!t)
		return;
	L.word = xcalloc(t->nrows, sizeof(*L.word));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		if (!field(r, 0) || !field(r, 2))
			continue;
		for (k = 0; k < 5 && strcmp(roles[k], field(r, 0)) != 0; k++)
			;
		if (k == 5)
			continue;
		L.word[L.nword].role = k;
		L.word[L.nword].value = field(r, 1);
		vn_lexicon_add(L.words, nm, field(r, 2), (int)L.nword, VN_MATCH_CANON);
		L.nword++;
	}
}

static void build(void)
{
	struct err e;
	struct vn_norm *nm = vn_norm_new(&e);

	if (!nm)
		abort(); /* ICU without its data: nothing in thidua could work */
	load_provinces(nm);
	load_units(nm);
	load_awards(nm);
	load_grantors(nm);
	load_words(nm);
	vn_norm_free(nm);
}

const struct lexicons *lexicons_get(void)
{
	pthread_once(&once, build);
	return &L;
}

int lexicons_level_in(const char *levels, const char *level)
{
	size_t n = strlen(level);
	const char *p = levels;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, level, n) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

size_t lexicons_province_at(const struct vn_words *w, size_t i, const char **name)
{
	const struct lexicons *lx = lexicons_get();
	size_t len = 0, skip = 0;
	int id;

	if (vn_words_is(w, i, "tỉnh") || vn_words_is(w, i, "tp"))
		skip = 1;
	else if (vn_words_is(w, i, "thành") && vn_words_is(w, i + 1, "phố"))
		skip = 2;
	id = vn_lexicon_longest(lx->provinces, w, i + skip, &len);
	/* a province name is written with capitals */
	if (id < 0 || !w->t[i + skip].upper_first)
		return 0;
	if (name)
		*name = lx->province[id];
	return skip + len;
}
