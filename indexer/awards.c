/*
 * Award facts. A passage is read sentence by sentence and clause by clause (";" outside
 * brackets, ", trong đó"), the way the report's grammar puts them (domain.md §1.6):
 *
 *   [grantor] tặng [n] [award] cho [n] tập thể, [m] cá nhân
 *   [n] tập thể, [m] cá nhân được [grantor] tặng [award]
 *   [n] tập thể đạt danh hiệu “[award]”;  [award] [n] cá nhân  (a tally)
 *
 * Each award mention (data/awards.tsv, longest phrase) gets
 *   - its class: "hạng Nhì" after an order; "hạng ba cho 17 cá nhân" alone repeats the order
 *     on its left; a Kỷ niệm chương's quoted name;
 *   - its count: the number written just before it ("03 Cờ thi đua", "01, Huân chương");
 *   - its recipients: the list after "cho" / "đối với" or right after it, else the list
 *     before "được" / "đạt" / "là"; coordinated awards with nothing between them but commas
 *     share one list ("tặng Bằng khen, Danh hiệu … cho 75 tập thể, 93 cá nhân");
 *   - its status: a proposal word before it in its clause wins ("đề nghị X tặng"), one before
 *     the sentence's first award covers the sentence ("Đề nghị Bộ Tư pháp tặng …; tặng …"),
 *     else the nearest status word before it, else the sentence's;
 *   - its grantor: the nearest grantor in its clause that a grant verb follows, else the
 *     one the award's own name says ("Cờ thi đua của Chính phủ"), else — when the clause
 *     starts with the verb or with "award cho …" — the previous clause's, across a full stop
 *     too; a clause with its own subject and no grantor ("02 tập thể đạt danh hiệu …") has
 *     the sentence's only when that grantor is the sentence's subject going on with its
 *     list, else none;
 *   - its year: an explicit "Năm 2019," governs what follows; "năm 2019" before the first
 *     award of a sentence governs that sentence; else the document's year.
 * A mention with no status, or with neither recipients nor a count, is not a fact.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "lexicons.h"
#include "units.h"

struct recip {
	int found;
	long coll, indiv;
	size_t a, b; /* word span */
	int cho;     /* introduced by cho / đối với */
	char *unit;  /* a single named unit */
};

struct mention {
	size_t i, end;
	const struct lx_award *row;
	char *class_;
	const char *implied;
	long count;
	size_t count_at;
	struct recip r;
	size_t clause, sentence;
	const char *status;
	int status_own, clause_scoped;
	char *grantor;
	int drop;
};

struct gmention {
	size_t i, end;
	const char *grantor;
	char *own; /* a unit's head ("Giám đốc Sở Y tế"): grantor points here */
	int valid;
};

struct smention {
	size_t i;
	const char *value;
};

struct ctx {
	struct vn_norm *norm;
	struct doc *d;
	const struct passage *ps;
	struct unit_scope sc;
	struct vn_words w;
	size_t *clause, *sentence;
	int *year;
	struct mention *m;
	size_t nm, mcap;
	struct gmention *g;
	size_t ng, gcap;
	struct smention *s;
	size_t ns, scap;
};

static const char *class_word(const struct vn_words *w, size_t i)
{
	static const char *const names[][2] = {{"nhất", "Nhất"}, {"nhì", "Nhì"}, {"ba", "Ba"},
					       {"i", "Nhất"},	 {"ii", "Nhì"},	 {"iii", "Ba"},
					       {"1", "Nhất"},	 {"2", "Nhì"},	 {"3", "Ba"}};
	size_t k;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (vn_words_is(w, i, names[k][0]))
			return names[k][1];
	return NULL;
}

/* Whether the longest phrase of data/words.tsv at word i has one of the roles (a mask of
 * 1 << LXW_*): one lookup answers for them all. */
static int word_role(const struct vn_words *w, size_t i, unsigned roles, size_t *len,
                     const char **value)
{
	const struct lexicons *lx = lexicons_get();
	size_t l = 0;
	int id = vn_lexicon_longest(lx->words, w, i, &l);
	if (id < 0 || !(roles & 1u << lx->word[id].role))
		return 0;
	if (len)
		*len = l;
	if (value)
		*value = lx->word[id].value;
	return 1;
}

static int is_status(const struct vn_words *w, size_t i)
{
	return word_role(w, i, 1u << LXW_STATUS, NULL, NULL);
}

/* ------------------------------------------------------------ sentences and clauses */

static void split(struct ctx *c)
{
	size_t i, sent = 0, cl = 0;
	int depth = 0, year = c->d->year;
	const struct vn_words *w = &c->w;

	for (i = 0; i < w->n; i++) {
		size_t gl, k;
		const char *g = vn_words_gap(w, i, &gl);
		for (k = 0; k < gl; k++)
			depth += g[k] == '(' ? 1 : g[k] == ')' ? -1 : 0;
		if (depth < 0)
			depth = 0;
		/* a sentence may open with a count: "… 08 cá nhân. 03 tập thể được …" */
		if (i > 0 && (w->t[i].upper_first || isdigit((unsigned char)w->text[w->t[i].a])) &&
		    (memchr(g, '.', gl) || memchr(g, '!', gl) || memchr(g, '?', gl))) {
			sent++, cl++;
			depth = 0;
			/* "Năm 2019, …" holds for its sentence: the next goes back to the report's year */
			year = c->d->year;
		} else if (i > 0 && ((depth == 0 && memchr(g, ';', gl)) ||
				     (memchr(g, ',', gl) && vn_words_is(w, i, "trong") &&
				      vn_words_is(w, i + 1, "đó")))) {
			cl++;
		}
		/* "Năm 2019," opens what follows */
		if (vn_words_is(w, i, "năm") && w->t[i].upper_first) {
			long y = facts_count_at(w, i + 1);
			if (y >= 1945 && y <= 2200 && w->t[i + 1].b - w->t[i + 1].a == 4)
				year = (int)y;
		}
		c->sentence[i] = sent;
		c->clause[i] = cl;
		c->year[i] = year;
	}
}

/* ------------------------------------------------------------ mentions */

static struct mention *add_mention(struct ctx *c, size_t i, const struct lx_award *row)
{
	struct mention *m;
	c->m = xgrow(c->m, &c->mcap, c->nm + 1, sizeof(*c->m));
	m = &c->m[c->nm++];
	memset(m, 0, sizeof(*m));
	m->i = i;
	m->row = row;
	m->implied = row->implied;
	m->count = -1;
	m->count_at = (size_t)-1;
	m->clause = c->clause[i];
	m->sentence = c->sentence[i];
	return m;
}

static int has(const char *g, size_t gl, const char *needle)
{
	size_t k, n = strlen(needle);
	for (k = 0; k + n <= gl; k++)
		if (memcmp(g + k, needle, n) == 0)
			return 1;
	return 0;
}

/* A quote opening before word j: its last word + 1, and the byte span of its content. */
static size_t quote_after(const struct vn_words *w, size_t j, size_t *qa, size_t *qb)
{
	size_t gl, k;
	const char *g;

	if (j >= w->n)
		return 0;
	g = vn_words_gap(w, j, &gl);
	if (!has(g, gl, "“") && !memchr(g, '"', gl))
		return 0;
	for (k = j; k < w->n; k++) {
		g = vn_words_gap(w, k + 1, &gl);
		if (k + 1 > w->n)
			break;
		if (has(g, gl, "”") || memchr(g, '"', gl)) {
			*qa = w->t[j].a;
			*qb = w->t[k].b;
			return k + 1;
		}
	}
	return 0;
}

/* A short form ("Cục trưởng") only inside a passage about its unit; a city's form ("Chủ
 * tịch UBND thành phố") only in a city's report, where "Chủ tịch UBND thành phố Bắc Giang"
 * of a province's report is the head of a district-level city. */
static int grantor_fits(const struct ctx *c, const struct lx_grantor *gr)
{
	return (!gr->unit || (c->ps->unit && strcmp(c->ps->unit, gr->unit) == 0)) &&
	       (!gr->city || !c->sc.province || c->sc.city);
}

/*
 * The first words of the passage's own unit at word i, standing for it ("Giám đốc Ban
 * quyết định …" in the item of Ban Quản lý dự án Thủy lợi tỉnh, "Chánh Thanh tra Sở" in
 * that of Thanh tra Sở Giao thông vận tải): how many, with the unit's name in *name, or 0.
 * Capitalised as the name is, and not followed by another capitalised word, which would
 * begin another name ("Giám đốc Sở Tài chính" in the item of Sở Y tế).
 */
static size_t own_unit_start(const struct ctx *c, size_t i, char **name)
{
	const struct vn_words *w = &c->w;
	const char *unit = c->ps->unit;
	char *key;
	size_t k = 0, at = 0, n;

	if (!unit || i >= w->n || !w->t[i].upper_first)
		return 0;
	key = facts_fold_key(c->norm, unit);
	n = strlen(key);
	while (i + k < w->n && (k == 0 || vn_words_gap_blank(w, i + k))) {
		size_t fl = strlen(w->t[i + k].fold);
		if (at + fl > n || memcmp(key + at, w->t[i + k].fold, fl) != 0 ||
		    (key[at + fl] != ' ' && key[at + fl] != 0))
			break;
		at += fl + 1;
		k++;
	}
	free(key);
	/* the whole name is the unit itself, which units_at reads */
	if (!k || at > n ||
	    (i + k < w->n && vn_words_gap_blank(w, i + k) && w->t[i + k].upper_first))
		return 0;
	*name = xstrdup(unit);
	return k;
}

/*
 * A unit's head at word i ("Giám đốc Sở Giáo dục và Đào tạo", data/heads.tsv): a grantor
 * mention named by the title and the unit's name. Returns 1 and moves past it when found
 * and no fixed form of data/grantors.tsv reads as long there.
 */
static int head_at(struct ctx *c, size_t i)
{
	const struct lexicons *lx = lexicons_get();
	const struct vn_words *w = &c->w;
	const char *canon;
	char *name = NULL;
	size_t tl = 0, ul, gl = 0;
	struct gmention *g;
	struct buf b = BUF_INIT;
	int id;

	if (!vn_lexicon_starts(lx->heads, w, i) || vn_lexicon_longest(lx->heads, w, i, &tl) < 0)
		return 0;
	if (!vn_words_gap_blank(w, i + tl))
		return 0;
	if (!(ul = units_at(w, i + tl, &c->sc, &canon, &name)) &&
	    !(ul = own_unit_start(c, i + tl, &name)))
		return 0;
	if ((id = vn_lexicon_longest(lx->grantors, w, i, &gl)) >= 0 &&
	    grantor_fits(c, &lx->grantor[id]) &&
	    gl + lexicons_province_at(w, i + gl, NULL) >= tl + ul) {
		free(name);
		return 0;
	}
	buf_add(&b, w->text + w->t[i].a, w->t[i + tl - 1].b - w->t[i].a);
	buf_addc(&b, ' ');
	buf_adds(&b, name);
	free(name);
	c->g = xgrow(c->g, &c->gcap, c->ng + 1, sizeof(*c->g));
	g = &c->g[c->ng++];
	g->i = i;
	g->end = i + tl + ul;
	g->own = lexicons_grantor_style(c->norm, b.p);
	buf_free(&b);
	g->grantor = g->own;
	g->valid = 0;
	return 1;
}

static void find_mentions(struct ctx *c)
{
	const struct lexicons *lx = lexicons_get();
	const struct vn_words *w = &c->w;
	size_t i = 0, len;

	while (i < w->n) {
		/* the phrase of data/words.tsv here, looked up once for both of its tests below */
		size_t wl = 0;
		int wid = vn_lexicon_longest(lx->words, w, i, &wl), id;
		unsigned role = wid >= 0 ? 1u << lx->word[wid].role : 0;
		if (role & (1u << LXW_BLOCK | 1u << LXW_CAMPAIGN)) {
			i += wl;
			continue;
		}
		id = vn_lexicon_longest(lx->awards, w, i, &len);
		if (id >= 0) {
			const struct lx_award *row = &lx->award[id];
			struct mention *m;
			size_t j = i + len, qa, qb, qe;
			/* "hiệu quả của sáng kiến" is not an award given; a bare "cờ" only right
			 * after a grant verb */
			if ((i > 0 && vn_words_is(w, i - 1, "của")) ||
			    ((row->flags & LXA_BARE) && !(i > 0 && vn_words_is(w, i - 1, "tặng")))) {
				i += len;
				continue;
			}
			m = add_mention(c, i, row);
			if ((row->flags & LXA_ORDER) && vn_words_is(w, j, "hạng") &&
			    class_word(w, j + 1)) {
				m->class_ = xstrdup(class_word(w, j + 1));
				j += 2;
			}
			if ((qe = quote_after(w, j, &qa, &qb)) > 0) {
				if (row->flags & LXA_KNC) {
					size_t kl;
					int k = vn_lexicon_longest(lx->knc, w, j, &kl);
					m->class_ = xstrndup(w->text + qa, qb - qa);
					if (k >= 0)
						m->implied = lx->knc_grantor[k];
				}
				j = qe;
			}
			m->end = j;
			/* the count written before it: "03 Cờ thi đua", "01, Huân chương" */
			if (i > 0 && facts_count_at(w, i - 1) >= 0 &&
			    !(i > 1 && vn_words_gap_has(w, i - 1, "/")) &&
			    (vn_words_gap_blank(w, i) || vn_words_gap_has(w, i, ","))) {
				m->count = facts_count_at(w, i - 1);
				m->count_at = i - 1;
			}
			i = j;
			continue;
		}
		/* "…hạng nhì cho 01 cá nhân, hạng ba cho 17 cá nhân": the order on the left */
		if (vn_words_is(w, i, "hạng") && class_word(w, i + 1) && c->nm > 0 &&
		    (c->m[c->nm - 1].row->flags & LXA_ORDER) &&
		    c->m[c->nm - 1].sentence == c->sentence[i]) {
			struct mention *m = add_mention(c, i, c->m[c->nm - 1].row);
			m->class_ = xstrdup(class_word(w, i + 1));
			m->end = i + 2;
			i += 2;
			continue;
		}
		if (head_at(c, i)) {
			i = c->g[c->ng - 1].end;
			continue;
		}
		id = vn_lexicon_longest(lx->grantors, w, i, &len);
		if (id >= 0) {
			struct gmention *g;
			const struct lx_grantor *gr = &lx->grantor[id];
			if (grantor_fits(c, gr)) {
				c->g = xgrow(c->g, &c->gcap, c->ng + 1, sizeof(*c->g));
				g = &c->g[c->ng++];
				g->i = i;
				g->end = i + len + lexicons_province_at(w, i + len, NULL);
				g->grantor = gr->grantor;
				g->own = NULL;
				g->valid = 0;
				i = g->end;
				continue;
			}
		}
		if (role & (1u << LXW_STATUS | 1u << LXW_VERB)) {
			const char *v = lx->word[wid].value;
			c->s = xgrow(c->s, &c->scap, c->ns + 1, sizeof(*c->s));
			c->s[c->ns].i = i;
			c->s[c->ns].value = strcmp(v, "-") == 0 ? NULL : v;
			c->ns++;
			i += wl;
			continue;
		}
		i++;
	}
}

/* A grantor is one when a grant verb follows it closely: "UBND tỉnh tặng", "Giám đốc Sở
 * đã công nhận", "thẩm quyền của Chánh án TAND tỉnh: Tặng". */
static void validate_grantors(struct ctx *c)
{
	size_t k, j;
	for (k = 0; k < c->ng; k++) {
		struct gmention *g = &c->g[k];
		for (j = 0; j < c->ns; j++) {
			const struct smention *s = &c->s[j];
			if (s->i >= g->end && s->i <= g->end + 3 && c->clause[s->i] == c->clause[g->i] &&
			    (!s->value || strcmp(s->value, "registered") != 0)) {
				g->valid = 1;
				break;
			}
		}
	}
	/* an award naming its grantor and followed by the verb: "Cờ thi đua Bộ Công an tặng" */
	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		if (!m->implied)
			continue;
		for (j = 0; j < c->ns; j++)
			if (c->s[j].i == m->end && c->s[j].value) {
				c->g = xgrow(c->g, &c->gcap, c->ng + 1, sizeof(*c->g));
				c->g[c->ng].i = m->i;
				c->g[c->ng].end = m->end;
				c->g[c->ng].grantor = m->implied;
				c->g[c->ng].own = NULL;
				c->g[c->ng].valid = 1;
				c->ng++;
				break;
			}
	}
}

/* ------------------------------------------------------------ recipients */

static int is_pre_word(const struct vn_words *w, size_t i)
{
	return vn_words_is(w, i, "được") || vn_words_is(w, i, "đạt") || vn_words_is(w, i, "là");
}

static int award_at(const struct vn_words *w, size_t i)
{
	size_t len;
	int id = vn_lexicon_longest(lexicons_get()->awards, w, i, &len);
	return id >= 0 && !(lexicons_get()->award[id].flags & LXA_BARE);
}

/*
 * A recipient list at word j (before lim). Sets *pre when it is followed by được / đạt /
 * là or by an award: then it belongs to the award after it.
 */
/* Where a pre-recipient list's verb stands: right after it, or after a few words with no
 * punctuation between ("tập thể … năm 2020 tiếp tục được"); 0 when it does not. */
static size_t pre_word_after(const struct vn_words *w, size_t k)
{
	size_t q;
	for (q = 0; q < 5 && k + q < w->n; q++) {
		if (!vn_words_gap_blank(w, k + q))
			return 0;
		if (is_pre_word(w, k + q))
			return k + q + 1;
		/* "03 tập thể và 09 cá nhân được": the verb is the whole list's */
		if (vn_words_is(w, k + q, "và") ||
		    (facts_count_at(w, k + q) >= 0 &&
		     word_role(w, k + q + 1, 1u << LXW_RECIPIENT, NULL, NULL)))
			return 0;
	}
	return 0;
}

static int parse_list(struct ctx *c, size_t j, size_t lim, struct recip *r, int *pre, int after_cho)
{
	const struct vn_words *w = &c->w;
	size_t k = j, items = 0;

	memset(r, 0, sizeof(*r));
	*pre = 0;
	r->a = j;
	while (k < lim) {
		size_t start = k, len;
		const char *type = NULL;
		long n = 1;
		char *uname = NULL;
		if (vn_words_is(w, k, "lượt"))
			k++;
		if (facts_count_at(w, k) >= 0) {
			n = facts_count_at(w, k);
			k++;
			if (k < lim && vn_words_gap_has(w, k, "/") && facts_count_at(w, k) >= 0)
				k++; /* 06/07 đơn vị: 6 of 7 */
			if (vn_words_is(w, k, "lượt"))
				k++;
			if (award_at(w, k) || !word_role(w, k, 1u << LXW_RECIPIENT, &len, &type))
				break;
			k += len;
			/* "8 lượt tập thể, cá nhân (03 tập thể; 05 cá nhân)": a joint total */
			if (strcmp(type, "collective") == 0 && vn_words_gap_has(w, k, ",") &&
			    vn_words_is(w, k, "cá") && vn_words_is(w, k + 1, "nhân")) {
				struct recip inner;
				int ipre;
				k += 2;
				if (k < lim && vn_words_gap_has(w, k, "(") &&
				    parse_list(c, k, lim, &inner, &ipre, 1) && !ipre) {
					r->coll += inner.coll;
					r->indiv += inner.indiv;
					free(inner.unit);
					k = inner.b;
					items++;
				}
				break;
			}
		} else if (vn_words_is(w, k, "đồng") && vn_words_is(w, k + 1, "chí")) {
			type = "individual";
			k += 2;
		} else {
			const char *canon;
			size_t at = k, ul;
			if (vn_words_is(w, k, "tập") && vn_words_is(w, k + 1, "thể"))
				at = k + 2;
			ul = units_at(w, at, &c->sc, &canon, &uname);
			if (!ul)
				break;
			type = "collective";
			k = at + ul;
		}
		if (k < w->n && (pre_word_after(w, k) || (award_at(w, k) && vn_words_gap_blank(w, k)))) {
			/* after "cho" the list stops before it, and so does a tally before an item
			 * naming its own award ("… 06 tập thể, 04 cá nhân chiến sỹ thi đua cơ sở");
			 * else the whole list is the subject: "05 tập thể, 12 cá nhân được X tặng" */
			if ((after_cho || !pre_word_after(w, k)) && items > 0) {
				free(uname);
				k = start;
				break;
			}
			*pre = 1;
			if (strcmp(type, "collective") == 0)
				r->coll += n;
			else
				r->indiv += n;
			if (uname && items == 0 && !r->unit)
				r->unit = uname;
			else
				free(uname);
			r->b = k;
			r->found = 1;
			return 1;
		}
		if (strcmp(type, "collective") == 0)
			r->coll += n;
		else
			r->indiv += n;
		if (uname) {
			if (!r->unit && items == 0)
				r->unit = uname;
			else {
				free(r->unit);
				r->unit = NULL;
				free(uname);
			}
		} else if (r->unit) {
			free(r->unit);
			r->unit = NULL;
		}
		items++;
		r->b = k;
		/* qualifiers ("tập thể phòng", "Hội thẩm Tòa án nhân dân tỉnh có thành tích …") up
		 * to the next separator */
		{
			size_t q = 0;
			while (k < lim && q < 12 && !vn_words_gap_has(w, k, ",") &&
			       !vn_words_gap_has(w, k, ";") && !vn_words_gap_has(w, k, "(") &&
			       !vn_words_gap_has(w, k, ")") && !vn_words_is(w, k, "và") &&
			       !is_status(w, k) && !is_pre_word(w, k) && !award_at(w, k) &&
			       facts_count_at(w, k) < 0)
				k++, q++;
		}
		if (k < lim && vn_words_is(w, k, "và")) {
			k++;
			continue;
		}
		if (k < lim && (vn_words_gap_has(w, k, ",") || vn_words_gap_has(w, k, ";")) &&
		    !vn_words_gap_has(w, k, ")"))
			continue;
		break;
	}
	if (!items)
		return 0;
	r->found = 1;
	return 1;
}

static int list_start(const struct vn_words *w, size_t j)
{
	return facts_count_at(w, j) >= 0 || (vn_words_is(w, j, "tập") && vn_words_is(w, j + 1, "thể")) ||
	       (vn_words_is(w, j, "lượt") && facts_count_at(w, j + 1) >= 0);
}

static int status_between(const struct ctx *c, size_t a, size_t b)
{
	size_t k;
	for (k = 0; k < c->ns; k++)
		if (c->s[k].i >= a && c->s[k].i < b && c->s[k].value)
			return 1;
	return 0;
}

static void copy_recip(struct recip *dst, const struct recip *src)
{
	*dst = *src;
	dst->unit = src->unit ? xstrdup(src->unit) : NULL;
}

static size_t clause_start(const struct ctx *c, size_t i)
{
	while (i > 0 && c->clause[i - 1] == c->clause[i])
		i--;
	return i;
}

static void find_recipients(struct ctx *c)
{
	const struct vn_words *w = &c->w;
	size_t k, j;
	size_t *consumed = xcalloc(c->nm + 1, sizeof(*consumed));

	/* after it: "… cho 03 tập thể, 01 cá nhân", "Bằng khen 11 tập thể" */
	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		size_t lim = m->end;
		struct recip r;
		int pre;
		while (lim < w->n && c->clause[lim] == m->clause &&
		       !(k + 1 < c->nm && lim >= c->m[k + 1].i))
			lim++;
		for (j = m->end; j < lim; j++) {
			int cho = 0;
			if (vn_words_is(w, j, "cho"))
				cho = 1;
			else if (vn_words_is(w, j, "đối"))
				cho = vn_words_is(w, j + 1, "với") ? 2 : 1;
			if (!cho && !list_start(w, j))
				continue;
			if (parse_list(c, j + (size_t)cho, lim, &r, &pre, cho > 0) && !pre) {
				m->r = r;
				m->r.found = 1;
				m->r.cho = cho > 0;
				consumed[k] = r.b;
				break;
			}
			free(r.unit);
			if (pre || cho)
				break;
		}
	}
	/* coordinated awards share one list: back from the one that has it */
	for (k = c->nm; k-- > 1;) {
		struct mention *a = &c->m[k - 1], *b = &c->m[k];
		if (!a->r.found && b->r.found && a->clause == b->clause &&
		    !status_between(c, a->end, b->i))
			copy_recip(&a->r, &b->r);
	}
	/* before it: "05 tập thể, 12 cá nhân được X tặng …", "04 cá nhân chiến sỹ …" */
	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		size_t from = clause_start(c, m->i);
		struct recip r;
		int pre;
		if (m->r.found)
			continue;
		if (k > 0 && c->m[k - 1].clause == m->clause) {
			from = c->m[k - 1].end;
			if (consumed[k - 1] > from)
				from = consumed[k - 1];
		}
		for (j = from; j < m->i; j++) {
			const char *canon;
			char *nm = NULL;
			if (j == m->count_at)
				continue;
			if (!list_start(w, j)) {
				size_t ul;
				if (j > 0 && c->clause[j - 1] == m->clause && vn_words_gap_blank(w, j))
					continue;
				ul = units_at(w, j, &c->sc, &canon, &nm);
				free(nm);
				if (!ul)
					continue;
			}
			if (parse_list(c, j, m->i, &r, &pre, 0) && pre) {
				free(m->r.unit);
				m->r = r;
				j = r.b;
			} else {
				free(r.unit);
			}
		}
	}
	/* and forward from a list before the first of them: "… được tặng LĐTT, CSTĐCS, GK" */
	for (k = 1; k < c->nm; k++) {
		struct mention *a = &c->m[k - 1], *b = &c->m[k];
		if (!b->r.found && a->r.found && a->clause == b->clause &&
		    !status_between(c, a->end, b->i) && a->r.b <= a->i)
			copy_recip(&b->r, &a->r);
	}
	free(consumed);
}

/* ------------------------------------------------------------ status, grantor, year */

static void find_status(struct ctx *c)
{
	size_t k, j;

	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		const char *own = NULL;
		int proposed = 0, sentence_proposed = 0;
		size_t first = m->i;

		for (j = 0; j < c->nm; j++)
			if (c->m[j].sentence == m->sentence && c->m[j].i < first)
				first = c->m[j].i;
		for (j = 0; j < c->ns; j++) {
			const struct smention *s = &c->s[j];
			if (!s->value || c->sentence[s->i] != m->sentence)
				continue;
			if (strcmp(s->value, "proposed") == 0 && s->i < first)
				sentence_proposed = 1;
			if (c->clause[s->i] == m->clause && s->i < m->i) {
				own = s->value;
				if (strcmp(s->value, "proposed") == 0)
					proposed = 1;
			}
		}
		if (sentence_proposed) {
			m->status = "proposed";
			m->status_own = 1;
		} else if (proposed) {
			m->status = "proposed";
			m->status_own = 1;
			m->clause_scoped = 1;
		} else if (own) {
			m->status = own;
			m->status_own = 1;
		} else {
			/* elliptical "award cho …" takes its neighbour's; a tally the sentence's */
			for (j = k; j-- > 0;) {
				const struct mention *p = &c->m[j];
				if (p->sentence != m->sentence || !p->status)
					continue;
				if (p->clause == m->clause || (m->r.cho && p->clause + 1 == m->clause) ||
				    !p->clause_scoped) {
					m->status = p->status;
					break;
				}
			}
			/* a tally opening its sentence ("Lao động tiên tiến 25 cá nhân; …")
			 * states a result: proposals and registrations say so, and would have
			 * given it their status above */
			if (!m->status && m->r.found && !m->r.cho && m->r.a >= m->end)
				m->status = "granted";
		}
	}
}

static const char *levels_of(const char *grantor)
{
	const struct lexicons *lx = lexicons_get();
	size_t k;
	for (k = 0; k < lx->ngrantor; k++)
		if (strcmp(lx->grantor[k].grantor, grantor) == 0)
			return lx->grantor[k].levels;
	/* not a fixed form: a unit's head (head_at) */
	return "unit";
}

static int may_grant(const char *grantor, const struct lx_award *row)
{
	const char *lv = levels_of(grantor), *p;
	char one[32];
	if (!lv || !row->levels)
		return 0;
	for (p = lv; *p;) {
		size_t n = strcspn(p, ",");
		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		if (lexicons_level_in(row->levels, one))
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The nearest grantor before word i in its clause, with those coordinated before it. */
static char *explicit_grantor(const struct ctx *c, size_t i)
{
	const struct vn_words *w = &c->w;
	long k, best = -1;
	struct buf b = BUF_INIT;

	for (k = 0; k < (long)c->ng; k++) {
		const struct gmention *g = &c->g[k];
		if (!g->valid || g->i >= i || c->clause[g->i] != c->clause[i])
			continue;
		if (g->i > 0 && (vn_words_is(w, g->i - 1, "cho") || vn_words_is(w, g->i - 1, "chí")))
			continue;
		if (best < 0 || g->i > c->g[best].i)
			best = k;
	}
	if (best < 0)
		return NULL;
	buf_adds(&b, c->g[best].grantor);
	/* "Bộ ngành, Chủ tịch UBND tỉnh tặng": both */
	for (k = best; k-- > 0;) {
		const struct gmention *g = &c->g[k], *n = &c->g[k + 1];
		size_t gl;
		const char *gap = vn_words_gap(w, n->i, &gl);
		if (g->end != n->i && !(g->end + 1 == n->i && vn_words_is(w, g->end, "và")))
			break;
		if (g->end == n->i && !memchr(gap, ',', gl))
			break;
		if (strstr(b.p, g->grantor))
			continue;
		{
			char *prev = buf_detach(&b);
			buf_adds(&b, g->grantor);
			buf_adds(&b, "; ");
			buf_adds(&b, prev);
			free(prev);
		}
	}
	return buf_detach(&b);
}

/* Whether the grantor of the award at word i is a passive's agent ("được X tặng"): it
 * governs its own clause only, where a subject ("X tặng …; …") heads a running list. */
static int passive_agent(const struct ctx *c, size_t i)
{
	long k, best = -1;
	for (k = 0; k < (long)c->ng; k++) {
		const struct gmention *g = &c->g[k];
		if (g->valid && g->i < i && c->clause[g->i] == c->clause[i] &&
		    (best < 0 || g->i > c->g[best].i))
			best = k;
	}
	return best >= 0 && c->g[best].i > 0 && vn_words_is(&c->w, c->g[best].i - 1, "được");
}

/* Whether grantor g already gave m's award earlier in m's sentence: "Chánh Thanh tra tỉnh
 * đã tặng danh hiệu lao động tiên tiến 06 tập thể …; 23 cá nhân đạt danh hiệu lao động
 * tiên tiến" goes on with that grantor's list. */
static int same_list(const struct ctx *c, const struct mention *m, const char *g)
{
	size_t j;
	for (j = 0; j < c->nm && c->m[j].i < m->i; j++)
		if (c->m[j].sentence == m->sentence && c->m[j].grantor &&
		    strcmp(c->m[j].grantor, g) == 0 && strcmp(c->m[j].row->award, m->row->award) == 0)
			return 1;
	return 0;
}

/* "X công nhận 15 đơn vị đạt “A”…; 168 cá nhân đạt “B”": a grantor whose verb takes a
 * list with its title (list before the award, grantor before the list) goes on granting
 * the lists with their titles that follow in the sentence. */
static int recognises_list(const struct ctx *c, const struct mention *p, const struct mention *m)
{
	size_t k;
	if (!p->r.found || p->r.b > p->i || !m->r.found || m->r.b > m->i)
		return 0;
	for (k = 0; k < c->ng; k++)
		if (c->g[k].valid && c->g[k].i < p->r.a && c->clause[c->g[k].i] == p->clause)
			return 1;
	return 0;
}

/* Whether m stands in a ", trong đó …" clause: a part of the clause before, under its
 * grantor ("Viện trưởng VKSND tỉnh công nhận 15 đơn vị …, trong đó có 06 đơn vị đạt …"). */
static int in_trong_do(const struct ctx *c, const struct mention *m)
{
	size_t first = m->i;
	while (first > 0 && c->clause[first - 1] == m->clause)
		first--;
	return first > 0 && vn_words_is(&c->w, first, "trong") && vn_words_is(&c->w, first + 1, "đó");
}

/* Whether the words from first to m open with the verb, or with m as "award cho …" (the
 * verb left out: "…; Huân chương lao động hạng ba cho 01 tập thể", "…; danh hiệu “X” cho
 * …"). */
static int opens_with_verb(const struct ctx *c, const struct mention *m, size_t first)
{
	const struct vn_words *w = &c->w;
	size_t k;
	if (vn_words_is(w, first, "và"))
		first++;
	for (k = 0; k < c->ns; k++)
		if (c->s[k].i == first && c->s[k].value)
			return 1;
	if (first + 2 == m->i && vn_words_is(w, first, "danh") && vn_words_is(w, first + 1, "hiệu"))
		first = m->i;
	return first == m->i && m->r.cho;
}

static int clause_starts_with_verb(const struct ctx *c, const struct mention *m)
{
	size_t first = m->i;
	while (first > 0 && c->clause[first - 1] == m->clause)
		first--;
	return opens_with_verb(c, m, first);
}

/* Whether m opens a comma-separated segment of its clause (not the first) so. */
static int segment_starts_with_verb(const struct ctx *c, const struct mention *m)
{
	size_t first = m->i;
	while (first > 0 && c->clause[first - 1] == m->clause &&
	       !vn_words_gap_has(&c->w, first, ","))
		first--;
	if (first == 0 || c->clause[first - 1] != m->clause)
		return 0; /* the clause's first segment: clause_starts_with_verb's case */
	return opens_with_verb(c, m, first);
}

/* The grantor a clause opening with the verb carries over from the clause before: of its
 * last award, else its own (malloc'd, or NULL). */
static char *carried_grantor(const struct ctx *c, size_t k)
{
	const struct mention *m = &c->m[k];
	char *g = NULL;
	size_t j, i;

	for (j = k; j-- > 0;)
		if (c->m[j].clause < m->clause) {
			if (c->m[j].clause + 1 == m->clause && c->m[j].grantor)
				g = xstrdup(c->m[j].grantor);
			break;
		}
	if (!g && m->clause > 0)
		for (i = m->i; i > 0 && c->clause[i - 1] >= m->clause - 1 &&
		               c->sentence[i - 1] == m->sentence;
		     i--)
			if (c->clause[i - 1] == m->clause - 1) {
				g = explicit_grantor(c, i);
				if (g)
					break;
			}
	return g;
}

/* The grantor an award's context gives it when its clause names none (malloc'd, or NULL). */
static char *context_grantor(const struct ctx *c, size_t k)
{
	const struct mention *m = &c->m[k];
	size_t j;

	/* ", tặng Chiến sĩ thi đua cơ sở cho 20 cá nhân", ", Tập thể lao động tiên tiến
	 * cho 08 tập thể": coordinated after a comma, the grantor of the award before */
	if (k > 0 && c->m[k - 1].clause == m->clause && c->m[k - 1].grantor &&
	    segment_starts_with_verb(c, m))
		return xstrdup(c->m[k - 1].grantor);
	/* the previous clause's grantor — across a full stop too, as a list item's next
	 * sentence may leave its subject out */
	if (clause_starts_with_verb(c, m))
		return carried_grantor(c, k);
	/* a clause with its own subject and no grantor ("02 tập thể đạt danh hiệu …") names
	 * none, unless the sentence's subject goes on with its list ("Viện trưởng VKSND tỉnh
	 * công nhận …; 168 cá nhân đạt “Lao động tiên tiến”") or a clause of the same shape
	 * before it got its grantor from the award's name ("02 Thẩm phán được xét tặng danh
	 * hiệu “Thẩm phán giỏi”; 14 tập thể đạt danh hiệu …") */
	for (j = k; j-- > 0;) {
		const struct mention *p = &c->m[j];
		if (p->sentence != m->sentence)
			break;
		if (p->grantor) {
			if (!strchr(p->grantor, ';') && may_grant(p->grantor, m->row) &&
			    ((p->implied && p->r.found && p->r.b <= p->i) ||
			     (!passive_agent(c, p->i) &&
			      (same_list(c, m, p->grantor) || in_trong_do(c, m) ||
			       recognises_list(c, p, m)))))
				return xstrdup(p->grantor);
			break;
		}
	}
	return NULL;
}

static void find_grantors(struct ctx *c)
{
	size_t k;

	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		char *ex = explicit_grantor(c, m->i), *cg;
		const char *lc, *li;
		/* the grantor the clause names wins over the one an award's name implies:
		 * "Ban Tổ chức Trung ương tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”" */
		if (ex) {
			m->grantor = ex;
			continue;
		}
		cg = context_grantor(c, k);
		if (!m->implied) {
			m->grantor = cg;
			continue;
		}
		/* so does one the context carries over when it grants at the same level: the
		 * bloc's summary "Bộ, ngành tặng Bằng khen …; Thẩm phán giỏi cho 02 cá nhân"
		 * names Bộ, ngành the grantor of its whole list, as in "Bộ, ngành tặng Thẩm
		 * phán giỏi"; a higher grantor the name states still wins ("Chủ tịch UBND tỉnh
		 * tặng …; tặng Cờ thi đua của Chính phủ") */
		lc = cg ? levels_of(cg) : NULL;
		li = levels_of(m->implied);
		if (lc && li && !strchr(cg, ';') && may_grant(cg, m->row) && strcmp(lc, li) == 0) {
			m->grantor = cg;
			continue;
		}
		free(cg);
		m->grantor = xstrdup(m->implied);
	}
}

static void find_years(struct ctx *c)
{
	const struct vn_words *w = &c->w;
	size_t k, i;

	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		size_t first = m->i;
		for (i = 0; i < c->nm; i++)
			if (c->m[i].sentence == m->sentence && c->m[i].i < first)
				first = c->m[i].i;
		/* "khen thưởng năm 2019 của Khối … tập thể Cục được tặng …" */
		for (i = first; i > 0 && c->sentence[i - 1] == m->sentence; i--)
			if (vn_words_is(w, i - 1, "năm") && !w->t[i - 1].upper_first) {
				long y = facts_count_at(w, i);
				if (y >= 1945 && y <= 2200 && w->t[i].b - w->t[i].a == 4 &&
				    !vn_words_is(w, i - 2, "học")) {
					c->year[m->i] = (int)y;
					break;
				}
			}
	}
}

/* "…; Tổng cục trưởng … quyết định công nhận 01 cá nhân": the award of the clause before */
static void elliptical(struct ctx *c)
{
	const struct vn_words *w = &c->w;
	size_t k, j, n0 = c->nm;

	for (k = 0; k < c->ns; k++) {
		const struct smention *s = &c->s[k];
		size_t i = s->i, len = 0;
		size_t prev = (size_t)-1; /* an index: add_mention may move c->m */
		int has = 0;
		if (!s->value || strcmp(s->value, "granted") != 0)
			continue;
		if (!vn_words_is(w, i, "công") && !vn_words_is(w, i, "tặng"))
			continue;
		len = vn_words_is(w, i, "công") ? 2 : 1;
		if (facts_count_at(w, i + len) < 0)
			continue;
		for (j = 0; j < n0; j++) {
			if (c->m[j].clause == c->clause[i])
				has = 1;
			if (c->m[j].sentence == c->sentence[i] && c->m[j].clause < c->clause[i])
				prev = j;
		}
		if (!has && prev != (size_t)-1) {
			const char *cls = c->m[prev].class_;
			char *class_copy = cls ? xstrdup(cls) : NULL;
			struct mention *m = add_mention(c, i + len, c->m[prev].row);
			m->end = i + len;
			m->class_ = class_copy;
		}
	}
}

static int by_position(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void emit(struct ctx *c, size_t p)
{
	struct doc *d = c->d;
	size_t k;

	for (k = 0; k < c->nm; k++) {
		struct mention *m = &c->m[k];
		struct award_fact *f;
		size_t a = m->i, b = m->end;
		if (!m->status || (!m->r.found && m->count < 0))
			continue;
		if (m->count_at != (size_t)-1 && m->count_at < a)
			a = m->count_at;
		if (m->r.found && m->r.a < a)
			a = m->r.a;
		if (m->r.found && m->r.b > b && m->r.b - b < 40)
			b = m->r.b;
		if (b > c->w.n)
			b = c->w.n;
		d->awards = xgrow(d->awards, &d->acap, d->nawards + 1, sizeof(*d->awards));
		f = &d->awards[d->nawards++];
		memset(f, 0, sizeof(*f));
		f->passage = p;
		f->start = c->w.t[a].ca;
		f->end = c->w.t[b - 1].cb;
		f->year = c->year[m->i];
		f->unit = m->r.unit ? xstrdup(m->r.unit) : c->ps->unit ? xstrdup(c->ps->unit) : NULL;
		f->award = m->row->award;
		f->class_ = m->class_;
		m->class_ = NULL;
		f->grantor = m->grantor;
		m->grantor = NULL;
		f->status = m->status;
		f->collectives = m->r.found && m->r.coll ? m->r.coll : -1;
		f->individuals = m->r.found && m->r.indiv ? m->r.indiv : -1;
		f->count = m->count;
	}
}

void awards_extract(struct doc *d, struct vn_norm *nm)
{
	size_t p, k;

	for (p = 0; p < d->npassages; p++) {
		struct ctx c;
		memset(&c, 0, sizeof(c));
		c.norm = nm;
		c.d = d;
		c.ps = &d->passages[p];
		c.sc = units_scope(d, p);
		if (strcmp(c.ps->kind, "header") == 0 || strcmp(c.ps->kind, "footer") == 0)
			continue;
		c.w = *doc_passage_words(d, p, nm); /* shared: not freed here */
		if (c.w.n == 0)
			continue;
		c.clause = xcalloc(c.w.n, sizeof(*c.clause));
		c.sentence = xcalloc(c.w.n, sizeof(*c.sentence));
		c.year = xcalloc(c.w.n, sizeof(*c.year));
		split(&c);
		find_mentions(&c);
		if (c.nm) {
			elliptical(&c);
			qsort(c.m, c.nm, sizeof(*c.m), by_position);
			validate_grantors(&c);
			find_recipients(&c);
			find_status(&c);
			find_grantors(&c);
			find_years(&c);
			emit(&c, p);
		}
		for (k = 0; k < c.nm; k++) {
			free(c.m[k].class_);
			free(c.m[k].grantor);
			free(c.m[k].r.unit);
		}
		free(c.m);
		for (k = 0; k < c.ng; k++)
			free(c.g[k].own);
		free(c.g);
		free(c.s);
		free(c.clause);
		free(c.sentence);
		free(c.year);
	}
}
