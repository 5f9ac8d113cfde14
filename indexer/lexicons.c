#include "lexicons.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_lex.h"

static struct lexicons L;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *field(const struct vn_row *r, int i)
{
	return i < r->nfields && r->fields[i][0] ? r->fields[i] : NULL;
}

/* "Tỉnh"/"tỉnh" as a whole word at p (n bytes left): its length, or 0. */
static size_t tinh_at(const char *p, size_t n)
{
	size_t k = strlen("tỉnh");
	if (n < k || (strncmp(p, "tỉnh", k) != 0 && strncmp(p, "Tỉnh", k) != 0))
		return 0;
	return n == k || p[k] == ' ' || p[k] == ',' ? k : 0;
}

char *lexicons_city_form(const char *phrase)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(phrase), i = 0, k;
	int changed = 0;

	while (i < n) {
		if ((i == 0 || phrase[i - 1] == ' ') && (k = tinh_at(phrase + i, n - i)) > 0) {
			const char *next = phrase + i + k;
			/* "Tỉnh ủy", "Tỉnh đoàn": the city's "Thành ủy", "Thành đoàn" */
			if (*next == ' ' && (strncmp(next + 1, "ủy", strlen("ủy")) == 0 ||
					     strncmp(next + 1, "uỷ", strlen("uỷ")) == 0 ||
					     strncmp(next + 1, "đoàn", strlen("đoàn")) == 0 ||
					     strncmp(next + 1, "Đoàn", strlen("Đoàn")) == 0))
				buf_adds(&b, phrase[i] == 'T' ? "Thành" : "thành");
			else
				buf_adds(&b, "thành phố");
			i += k;
			changed = 1;
			continue;
		}
		buf_addc(&b, phrase[i++]);
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* "{province}" in phrase replaced by a province's name (malloc'd). */
static char *with_province(const char *phrase, const char *at, const char *name)
{
	struct buf b = BUF_INIT;
	buf_add(&b, phrase, (size_t)(at - phrase));
	buf_adds(&b, name);
	buf_adds(&b, at + strlen("{province}"));
	return buf_detach(&b);
}

int lexicons_province_is_city(const char *name)
{
	/* asked for every passage of a document, always about the same province: the last
	 * answer of this thread is kept (the names are the document's, compared by content) */
	static _Thread_local char last[64];
	static _Thread_local int last_city;
	size_t i;

	if (!name)
		return 0;
	if (last[0] && strcmp(last, name) == 0)
		return last_city;
	for (i = 0; i < L.nprovince; i++)
		if (strcmp(L.province[i], name) == 0)
			break;
	last_city = i < L.nprovince ? L.province_city[i] : 0;
	if (strlen(name) < sizeof(last))
		snprintf(last, sizeof(last), "%s", name);
	else
		last[0] = 0;
	return last_city;
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

/* One unit entry per form: as written and in a city's wording, each with its own lx_unit
 * so that the match tells which. */
static void add_unit(struct vn_norm *nm, const struct lx_unit *u, const char *phrase, size_t *cap)
{
	char *city = u->kind == LXU_SHORT ? NULL : lexicons_city_form(phrase);
	int pass;

	for (pass = 0; pass < 2; pass++) {
		const char *ph = pass ? city : phrase;
		if (!ph)
			continue;
		L.unit = xgrow(L.unit, cap, L.nunit + 1, sizeof(*L.unit));
		L.unit[L.nunit] = *u;
		L.unit[L.nunit].city = pass;
		if (u->cased) {
			struct vn_words w;
			size_t k;
			vn_words_build(&w, nm, ph, strlen(ph));
			for (k = 0; k < w.n && k < 32; k++)
				if (w.t[k].upper_first)
					L.unit[L.nunit].caps |= 1u << k;
			vn_words_free(&w);
		}
		/* short forms are single capitalised words: match them exactly, accents and all */
		vn_lexicon_add(L.units, nm, ph, (int)L.nunit,
			       u->kind == LXU_SHORT ? VN_MATCH_CANON : VN_MATCH_FOLD);
		L.nunit++;
	}
	free(city);
}

static void load_units(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("units.tsv");
	size_t i, cap = 0;

	L.units = vn_lexicon_new();
	if (!t)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		const char *kind = field(r, 0), *unit = field(r, 1), *phrase = field(r, 2), *at;
		struct lx_unit u;
		char *head;
		if (!kind || !unit || !phrase)
			continue;
		memset(&u, 0, sizeof(u));
		u.unit = unit;
		if (strcmp(kind, "short") == 0)
			u.kind = LXU_SHORT;
		else if (strcmp(kind, "district") == 0 || strcmp(kind, "named") == 0)
			u.kind = kind[0] == 'd' ? LXU_DISTRICT : LXU_NAMED,
			u.head = field(r, 3) ? field(r, 3) : phrase;
		else
			u.kind = LXU_UNIT;
		u.cased = field(r, 4) && strcmp(field(r, 4), "cased") == 0;
		/* "Báo {province}": the words before it, then units.c reads the province */
		if (!(at = strstr(phrase, "{province}"))) {
			size_t n = strlen(phrase), k = strlen(" tỉnh");
			add_unit(nm, &u, phrase, &cap);
			/* a provincial unit is as often written with the province's name in the
			   place of "tỉnh": "Trường Cao đẳng Văn hóa Nghệ thuật An Giang", "BIDV
			   chi nhánh Bắc Ninh", as "Công an {province}" says for Công an tỉnh */
			if (u.kind == LXU_UNIT && n > k && strcmp(phrase + n - k, " tỉnh") == 0) {
				u.province = 1;
				head = xstrndup(phrase, n - k);
				add_unit(nm, &u, head, &cap);
				free(head);
			}
			continue;
		}
		u.province = 1;
		head = xstrndup(phrase, (size_t)(at - phrase));
		add_unit(nm, &u, head, &cap);
		free(head);
		/* and the canonical name as written ("Trường THPT Chuyên tỉnh") */
		if (u.kind == LXU_UNIT && strcmp(kind, "unit") == 0 &&
		    !strstr(unit, "{province}")) {
			u.province = 0;
			add_unit(nm, &u, unit, &cap);
		}
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
		/* "Cờ thi đua của UBND thành phố": a city's wording names the same award */
		{
			char *city = lexicons_city_form(field(r, 1));
			if (city)
				vn_lexicon_add(L.awards, nm, city, (int)L.naward, VN_MATCH_CANON);
			free(city);
		}
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

static void add_grantor(struct vn_norm *nm, const struct lx_grantor *g, const char *phrase,
			size_t *cap)
{
	char *city = lexicons_city_form(phrase);
	int pass;

	for (pass = 0; pass < 2; pass++) {
		const char *ph = pass ? city : phrase;
		if (!ph)
			continue;
		L.grantor = xgrow(L.grantor, cap, L.ngrantor + 1, sizeof(*L.grantor));
		L.grantor[L.ngrantor] = *g;
		L.grantor[L.ngrantor].city = pass;
		vn_lexicon_add(L.grantors, nm, ph, (int)L.ngrantor, VN_MATCH_CANON);
		L.ngrantor++;
	}
	free(city);
}

static void load_heads(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("heads.tsv");
	size_t i;

	L.heads = vn_lexicon_new();
	for (i = 0; t && i < t->nrows; i++)
		if (field(&t->rows[i], 0))
			vn_lexicon_add(L.heads, nm, field(&t->rows[i], 0), (int)i, VN_MATCH_CANON);
}

static void load_grantors(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("grantors.tsv");
	size_t i, j, cap = 0, p;

	L.grantors = vn_lexicon_new();
	if (!t)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		const char *phrase = field(r, 1), *at;
		struct lx_grantor g;
		if (!field(r, 0) || !phrase)
			continue;
		memset(&g, 0, sizeof(g));
		g.grantor = field(r, 0);
		g.levels = field(r, 2);
		g.unit = field(r, 3);
		if (!(at = strstr(phrase, "{province}"))) {
			add_grantor(nm, &g, phrase, &cap);
			continue;
		}
		for (p = 0; p < L.nprovince; p++) {
			char *ph = with_province(phrase, at, L.province[p]);
			add_grantor(nm, &g, ph, &cap);
			free(ph);
		}
	}
	for (i = 0; i < L.ngrantor; i++)
		for (j = 0; !L.grantor[i].levels && j < L.ngrantor; j++)
			if (strcmp(L.grantor[j].grantor, L.grantor[i].grantor) == 0)
				L.grantor[i].levels = L.grantor[j].levels;
}

/* Whether word is one of the words of s (space- or punctuation-separated, exact). */
static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p = s;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == s || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ' || p[n] == ','))
			return 1;
		p++;
	}
	return 0;
}

static void load_grantor_abbrs(struct vn_norm *nm)
{
	const struct vn_table *t = vn_lex_table("abbreviations.tsv");
	size_t i, k;

	L.grantor_fulls = vn_lexicon_new();
	if (!t)
		return;
	L.grantor_abbr = xcalloc(t->nrows, sizeof(*L.grantor_abbr));
	for (i = 0; i < t->nrows; i++) {
		const char *abbr = field(&t->rows[i], 0), *full = field(&t->rows[i], 1);
		int used = 0;
		if (!abbr || !full || strchr(abbr, ' '))
			continue;
		for (k = 0; !used && k < L.ngrantor; k++)
			used = has_word(L.grantor[k].grantor, abbr);
		if (!used)
			continue;
		L.grantor_abbr[i] = abbr;
		vn_lexicon_add(L.grantor_fulls, nm, full, (int)i, VN_MATCH_CANON);
	}
}

char *lexicons_grantor_style(struct vn_norm *nm, const char *name)
{
	const struct lexicons *lx = lexicons_get();
	struct vn_words w;
	struct buf b = BUF_INIT;
	size_t i = 0, done = 0, len;
	int id;

	vn_words_build(&w, nm, name, strlen(name));
	while (i < w.n) {
		if ((id = vn_lexicon_longest(lx->grantor_fulls, &w, i, &len)) < 0) {
			i++;
			continue;
		}
		buf_add(&b, name + done, w.t[i].a - done);
		buf_adds(&b, lx->grantor_abbr[id]);
		done = w.t[i + len - 1].b;
		i += len;
	}
	buf_adds(&b, name + done);
	vn_words_free(&w);
	return buf_detach(&b);
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
	load_grantor_abbrs(nm);
	load_heads(nm);
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
