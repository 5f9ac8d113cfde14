#include "awards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "lexicons.h"
#include "vn_norm.h"
#include "figs.h"
#include "noise.h"
#include "tpl.h"
#include "util.h"
#include "world.h"

static const char *level_names[LV_NLEVELS] = {"state",  "government", "ministry",
                                              "region", "province",   "head"};

static int level_of(const char *s)
{
	int i;
	for (i = 0; i < LV_NLEVELS; i++)
		if (strcmp(level_names[i], s) == 0)
			return i;
	return -1;
}

/* sectors.tsv columns */
enum {
	SEC_ID,
	SEC_FAMILY,
	SEC_MINISTRY,
	SEC_MINISTRY_FORMS,
	SEC_FLAG,
	SEC_CSTD,
	SEC_KNC,
	SEC_STAFF
};
/* awards.tsv columns */
enum {
	AW_NAME,
	AW_CLASSES,
	AW_LEVEL,
	AW_SECTORS,
	AW_TARGET,
	AW_CHANCE,
	AW_COLL,
	AW_IND,
	AW_FORMS,
	AW_FROM,
	AW_TO,
	AW_FLAGS
};

/* grantors.tsv columns */
enum { GR_LEVEL, GR_GROUP, GR_CANON, GR_FORMS, GR_GCANON, GR_GFORMS };

static const struct grow *grantor_row(enum level lv)
{
	return gdata_row("grantors.tsv", GR_LEVEL, level_names[lv]);
}

void grantor_of(struct ctx *c, int uidx, enum level lv, const char **canon, const char **written)
{
	const struct unit *u = uidx >= 0 ? &c->bw->units[uidx] : NULL;
	const struct grow *r = grantor_row(lv);

	if (lv == LV_MINISTRY && u) {
		*canon = gf(u->sec->row, SEC_MINISTRY);
		*written = pick_alt(c, gf(u->sec->row, SEC_MINISTRY_FORMS));
	} else if (lv == LV_HEAD && u) {
		*canon = u->head_canon;
		*written = u->head_written;
	} else if (*gf(r, GR_CANON)) {
		char *w = expand_names(pick_alt(c, gf(r, GR_FORMS)), c->prov, NULL);
		*canon = gf(r, GR_CANON);
		*written = doc_strdup(c->d, w);
		free(w);
	} else {
		*canon = gf(r, GR_GCANON);
		*written = pick_alt(c, gf(r, GR_GFORMS));
	}
}

static int sector_fits(const char *list, const struct sector *s)
{
	const char *p = list, *fam = gf(s->row, SEC_FAMILY);

	if (strcmp(list, "*") == 0)
		return 1;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if ((strlen(s->id) == n && memcmp(p, s->id, n) == 0) ||
		    (strlen(fam) == n && memcmp(p, fam, n) == 0))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int size_factor(const struct unit *u)
{
	static const int f[] = {1, 1, 3, 10, 40};
	return f[u->size > 4 ? 4 : u->size];
}

static void range(const char *s, int *lo, int *hi)
{
	char *e;
	*lo = (int)strtol(s, &e, 10);
	*hi = *e == '-' ? (int)strtol(e + 1, NULL, 10) : *lo;
}

/* The written form with the sector's own names put in ({flag}, {cstd}, {knc}). */
static const char *award_written(struct ctx *c, const struct unit *u, const char *forms)
{
	const char *f = pick_alt(c, forms);
	const char *key[3] = {"{flag}", "{cstd}", "{knc}"};
	int col[3] = {SEC_FLAG, SEC_CSTD, SEC_KNC}, i;

	for (i = 0; i < 3; i++) {
		const char *at = strstr(f, key[i]);
		if (at)
			f = doc_printf(c->d, "%.*s%s%s", (int)(at - f), f, gf(u->sec->row, col[i]),
			               at + strlen(key[i]));
	}
	if (strchr(f, '{')) {
		char *x = expand_names(f, c->prov, NULL);
		f = doc_strdup(c->d, x);
		free(x);
	}
	return f;
}

static void push(struct grant **v, int *n, int *cap, const struct grant *g)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		*v = xrealloc(*v, (size_t)*cap * sizeof(**v));
	}
	(*v)[(*n)++] = *g;
}

static const char *pick_class(struct ctx *c)
{
	double w[3] = {1, 3, 6};
	static const char *cl[3] = {"Nhất", "Nhì", "Ba"};
	return cl[rng_weighted(&c->r, w, 3)];
}

static void draw_grant(struct ctx *c, int uidx, int y, const struct grow *r, struct grant *g)
{
	const struct unit *u = &c->bw->units[uidx];
	const char *target = gf(r, AW_TARGET), *flags = gf(r, AW_FLAGS);
	int lo, hi, f = size_factor(u);

	memset(g, 0, sizeof(*g));
	g->award = gf(r, AW_NAME);
	g->level = (enum level)level_of(gf(r, AW_LEVEL));
	g->uidx = uidx;
	g->year = y;
	g->status = "granted";
	g->count = -1;
	g->klass = "";
	if (strcmp(gf(r, AW_CLASSES), "order") == 0) {
		g->klass = pick_class(c);
		g->order = 1;
	} else if (strcmp(gf(r, AW_CLASSES), "knc") == 0) {
		g->klass = gf(u->sec->row, SEC_KNC);
	}
	g->written = award_written(c, u, gf(r, AW_FORMS));
	g->danh_hieu = strstr(flags, "dh") != NULL;
	g->list_ok = strstr(flags, "list") != NULL;
	grantor_of(c, uidx, g->level, &g->grantor, &g->gwritten);
	g->coll = g->ind = -1;
	if (strchr(target, 'T') == target) { /* TT or TTCN */
		range(gf(r, AW_COLL), &lo, &hi);
		if (!strstr(flags, "fixed"))
			lo *= f, hi *= f;
		g->coll = (int)rng_range(&c->r, lo, hi);
	}
	if (strstr(target, "CN")) {
		range(gf(r, AW_IND), &lo, &hi);
		if (!strstr(flags, "fixed"))
			lo *= f, hi *= f;
		g->ind = (int)rng_range(&c->r, lo, hi);
	}
	/* an award for collectives and individuals sometimes goes to one kind only */
	if (g->coll > 0 && g->ind > 0 && rng_chance(&c->r, 0.2)) {
		if (rng_chance(&c->r, 0.5))
			g->coll = -1;
		else
			g->ind = -1;
	}
	if (g->coll == 0)
		g->coll = -1;
	if (g->ind == 0)
		g->ind = -1;
	if (g->coll < 0 && g->ind < 0)
		g->ind = 1;
	if (strstr(flags, "count") && g->coll > 0 && g->ind < 0 && rng_chance(&c->r, 0.5))
		g->count = g->coll;
}

static int row_fits(const struct grow *r, const struct unit *u, int y)
{
	return y >= atoi(gf(r, AW_FROM)) && y <= atoi(gf(r, AW_TO)) &&
	       sector_fits(gf(r, AW_SECTORS), u->sec) &&
	       (level_of(gf(r, AW_LEVEL)) != LV_MINISTRY || *gf(u->sec->row, SEC_MINISTRY)) &&
	       (strcmp(gf(r, AW_CLASSES), "knc") != 0 || *gf(u->sec->row, SEC_KNC));
}

void unit_grants(struct ctx *c, int uidx, int y, struct grant **v, int *n, int *cap)
{
	const struct gtable *t = gdata("awards.tsv");
	const struct unit *u = &c->bw->units[uidx];
	size_t i;
	int any = 0;

	for (i = 0; i < t->nrows; i++) {
		const struct grow *r = &t->rows[i];
		struct grant g;
		if (!row_fits(r, u, y) || !rng_chance(&c->r, strtod(gf(r, AW_CHANCE), NULL)))
			continue;
		draw_grant(c, uidx, y, r, &g);
		push(v, n, cap, &g);
		any = 1;
		/* an order in two classes: "hạng nhì cho 01 cá nhân, hạng ba cho 17 cá nhân" */
		if (g.order && rng_chance(&c->r, 0.35)) {
			struct grant g2 = g;
			g2.klass = strcmp(g.klass, "Ba") == 0 ? "Nhì" : "Ba";
			g2.coll =
			    g.coll > 0 && rng_chance(&c->r, 0.5) ? (int)rng_range(&c->r, 1, 3) : -1;
			g2.ind = g2.coll > 0 ? -1 : (int)rng_range(&c->r, 1, 20);
			push(v, n, cap, &g2);
		}
	}
	if (!any) {
		/* every unit gets at least its head's Giấy khen */
		struct grant g;
		memset(&g, 0, sizeof(g));
		g.award = "Giấy khen";
		g.written = "Giấy khen";
		g.level = LV_HEAD;
		grantor_of(c, uidx, LV_HEAD, &g.grantor, &g.gwritten);
		g.status = "granted";
		g.klass = "";
		g.coll = (int)rng_range(&c->r, 1, 3) * size_factor(u);
		g.ind = (int)rng_range(&c->r, 3, 12) * size_factor(u);
		g.count = -1;
		g.year = y;
		g.uidx = uidx;
		push(v, n, cap, &g);
	}
}

void unit_proposals(struct ctx *c, int uidx, struct grant **v, int *n, int *cap)
{
	const struct gtable *t = gdata("awards.tsv");
	const struct unit *u = &c->bw->units[uidx];
	int k, want = (int)rng_range(&c->r, 0, 2);

	for (k = 0; k < want * 8 && want > 0; k++) {
		const struct grow *r = &t->rows[rng_below(&c->r, (uint32_t)t->nrows)];
		struct grant g;
		int lv = level_of(gf(r, AW_LEVEL));
		if (!row_fits(r, u, c->year) || lv == LV_HEAD || lv == LV_REGION)
			continue;
		draw_grant(c, uidx, c->year, r, &g);
		g.status = "proposed";
		/* proposals are for a handful of the best */
		if (g.coll > 3)
			g.coll = (int)rng_range(&c->r, 1, 3);
		if (g.ind > 5)
			g.ind = (int)rng_range(&c->r, 1, 5);
		g.count = -1;
		push(v, n, cap, &g);
		if (--want == 0)
			break;
	}
}

/* ---- writing ---------------------------------------------------------------------------- */

static const char *lower_first(struct ctx *c, const char *s)
{
	/* "Cờ thi đua" -> "cờ thi đua" in list style; only ASCII or the few capitals used */
	static const struct {
		const char *up, *lo;
	} caps[] = {{"Đ", "đ"}, {"Ủ", "ủ"}, {"Ư", "ư"}, {"Ơ", "ơ"}};
	size_t i;

	if (*s >= 'A' && *s <= 'Z')
		return doc_printf(c->d, "%c%s", *s - 'A' + 'a', s + 1);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (starts_with(s, caps[i].up))
			return doc_printf(c->d, "%s%s", caps[i].lo, s + strlen(caps[i].up));
	return s;
}

/* "05 tập thể, 12 cá nhân", each number a count figure */
static void recipients(struct ctx *c, int coll, int ind)
{
	int lot = c->h.lot && rng_chance(&c->r, 0.5);

	if (coll > 0)
		fig_count(c, coll, lot ? "lượt tập thể" : "tập thể");
	if (coll > 0 && ind > 0)
		say(c, rng_chance(&c->r, 0.7) ? ", " : " và ");
	if (ind > 0)
		fig_count(c, ind, lot ? "lượt cá nhân" : "cá nhân");
}

/* The groups of the bloc's award summary, in the order of grantors.tsv: the first row of
 * each group names it */
#define NGROUPS 5
static const struct grow *groups[NGROUPS];
static int ngroups;

static void load_groups(void)
{
	const struct gtable *t = gdata("grantors.tsv");
	size_t i;
	int g;

	if (ngroups)
		return;
	for (i = 0; i < t->nrows && ngroups < NGROUPS; i++) {
		for (g = 0; g < ngroups; g++)
			if (!strcmp(gf(groups[g], GR_GROUP), gf(&t->rows[i], GR_GROUP)))
				break;
		if (g == ngroups)
			groups[ngroups++] = &t->rows[i];
	}
}

static int group_of(enum level lv)
{
	const char *name = gf(grantor_row(lv), GR_GROUP);
	int g;

	load_groups();
	for (g = 0; g < ngroups; g++)
		if (!strcmp(gf(groups[g], GR_GROUP), name))
			return g;
	return ngroups - 1;
}

static const char *group_level(int g)
{
	load_groups();
	return gf(groups[g], GR_GROUP);
}

static const char *group_canon(int g)
{
	load_groups();
	return gf(groups[g], GR_GCANON);
}

struct award_fact *award_here(struct ctx *c, size_t a, const char *unit, const char *award,
                              const char *grantor, const char *status, int coll, int ind)
{
	struct award_fact *f = doc_award(c->d);

	f->a = a;
	f->b = doc_pos(c->d);
	f->unit = unit;
	f->award = award;
	f->grantor = grantor;
	f->status = status;
	f->collectives = coll > 0 ? coll : -1;
	f->individuals = ind > 0 ? ind : -1;
	f->year = c->year;
	doc_keep(c->d, a, f->b);
	return f;
}

/* The count of awards is a fact only where the phrasing writes it before the award ("tặng
 * 02 Cờ thi đua cho …"): the caller that writes it sets it on the fact returned. */
static struct award_fact *record(struct ctx *c, const struct grant *g, size_t a,
                                 const char *grantor)
{
	struct award_fact *f = award_here(c, a, g->uidx >= 0 ? c->bw->units[g->uidx].canon : "",
	                                  g->award, grantor, g->status, g->coll, g->ind);

	f->klass = g->klass;
	f->count = -1;
	f->year = g->year;
	f->group = group_of(g->level);
	f->level = level_names[g->level];
	return f;
}

static void class_words(struct ctx *c, const char *klass)
{
	say(c, "hạng ");
	say(c, pick_word(c, "class", klass));
}

/* The award's name as written, with its class or Kỷ niệm chương name */
static void award_words(struct ctx *c, const struct grant *g, int lower)
{
	const char *w = lower ? lower_first(c, g->written) : g->written;

	if (g->danh_hieu && !lower) {
		say(c, "danh hiệu ");
		say_quoted(c, w);
	} else {
		say(c, w);
	}
	if (g->order) {
		say(c, " ");
		class_words(c, g->klass);
	} else if (*g->klass && strcmp(g->award, "Kỷ niệm chương") == 0) {
		say(c, " ");
		say_quoted(c, g->klass);
	}
}

static void prep(struct ctx *c)
{
	say(c, rng_chance(&c->r, 0.7) ? " cho " : " đối với ");
}

/* The grantor an award's written name states ("Cờ thi đua của Chính phủ" -> Thủ tướng
 * Chính phủ), read with thidua's own lexicon of data/awards.tsv so that the truth and the
 * extractor share one table; "" when the name states none ("Chiến sĩ thi đua cấp tỉnh"). */
static const char *name_grantor(const char *written)
{
	static struct vn_norm *nm;
	const struct lexicons *lx = lexicons_get();
	const char *g = "";
	struct vn_words w;
	size_t len;
	int id;

	if (!nm) {
		struct err e;
		nm = vn_norm_new(&e);
		if (!nm)
			return g;
	}
	vn_words_build(&w, nm, written, strlen(written));
	id = w.n ? vn_lexicon_longest(lx->awards, &w, 0, &len) : -1;
	if (id >= 0 && lx->award[id].implied && *lx->award[id].implied)
		g = lx->award[id].implied;
	vn_words_free(&w);
	return g;
}

void say_grants(struct ctx *c, const struct grant *g, int n)
{
	const char *prev_grantor = NULL;
	int prev_year = c->year, i;
	size_t cap = (size_t)-1;
	const struct buf *t = &doc_cur(c->d)->text;

	/* the first clause begins a sentence when the text before it ended one */
	if (t->n >= 2 && t->p[t->n - 2] == '.' && t->p[t->n - 1] == ' ')
		cap = t->n;

	for (i = 0; i < n; i++) {
		const struct grant *x = &g[i];
		int proposed = strcmp(x->status, "proposed") == 0;
		int inherit = prev_grantor && strcmp(prev_grantor, x->grantor) == 0 && !proposed &&
		              rng_chance(&c->r, 0.7);
		size_t a;
		double pick;

		/* the clause before began a sentence: now that it is written, capitalise it */
		if (i && cap != (size_t)-1) {
			capitalize_at(c, cap);
			cap = (size_t)-1;
		}
		if (i) {
			int stop = rng_chance(&c->r, 0.15);
			say(c, stop ? ". " : "; ");
			if (stop)
				cap = doc_pos(c->d);
		}
		if (x->year != prev_year || (i == 0 && x->year != c->year)) {
			char y[16];
			say(c, "Năm ");
			snprintf(y, sizeof(y), "%d", x->year);
			doc_label(c->d, y);
			say(c, ", ");
			prev_year = x->year;
			inherit = 0;
		}
		a = doc_pos(c->d);
		if (proposed) {
			say(c, rng_chance(&c->r, 0.7) ? "đề nghị " : "lập hồ sơ đề nghị ");
			say(c, x->gwritten);
			say(c, x->danh_hieu ? " công nhận " : " tặng ");
			award_words(c, x, 0);
			prep(c);
			recipients(c, x->coll, x->ind);
			record(c, x, a, x->grantor);
			prev_grantor = NULL;
			continue;
		}
		/* an order in two classes written elliptically */
		if (x->order && i + 1 < n && g[i + 1].order && g[i + 1].award == x->award &&
		    g[i + 1].grantor == x->grantor && g[i + 1].year == x->year &&
		    strcmp(g[i + 1].status, "granted") == 0) {
			if (!inherit) {
				say(c, x->gwritten);
				say(c, " ");
			}
			say(c, "tặng ");
			award_words(c, x, 0);
			prep(c);
			recipients(c, x->coll, x->ind);
			record(c, x, a, x->grantor);
			say(c, ", ");
			a = doc_pos(c->d);
			class_words(c, g[i + 1].klass);
			prep(c);
			recipients(c, g[i + 1].coll, g[i + 1].ind);
			record(c, &g[i + 1], a, x->grantor);
			prev_grantor = x->grantor;
			i++;
			continue;
		}
		pick = rng_unit(&c->r);
		if (x->list_ok && pick < 0.25) {
			/* list style: "đơn vị quyết thắng 12 tập thể" — no grantor written */
			if (x->danh_hieu && rng_chance(&c->r, 0.5))
				say(c, "danh hiệu ");
			award_words(c, x, 1);
			say(c, " ");
			recipients(c, x->coll, x->ind);
			record(c, x, a, name_grantor(x->written));
			prev_grantor = NULL;
			continue;
		}
		if (x->danh_hieu && pick < 0.45) {
			/* "14 tập thể đạt danh hiệu “Tập thể Lao động xuất sắc”" */
			recipients(c, x->coll, x->ind);
			say(c, rng_chance(&c->r, 0.5) ? " đạt danh hiệu "
			                              : " được công nhận danh hiệu ");
			say_quoted(c, x->written);
			record(c, x, a, name_grantor(x->written));
			prev_grantor = NULL;
			continue;
		}
		if (!inherit && pick < 0.6) {
			/* "45 tập thể, 62 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen" */
			recipients(c, x->coll, x->ind);
			say(c, " được ");
			say(c, x->gwritten);
			say(c, x->danh_hieu ? " công nhận " : " tặng ");
			award_words(c, x, 0);
			record(c, x, a, x->grantor);
			prev_grantor = x->grantor;
			continue;
		}
		if (!inherit) {
			say(c, x->gwritten);
			say(c, " ");
		}
		if (x->danh_hieu)
			say(c, rng_chance(&c->r, 0.5) ? "công nhận " : "tặng ");
		else
			say(c, rng_chance(&c->r, 0.8) ? "tặng " : "tặng thưởng ");
		if (x->count > 0) {
			fig_count(c, x->count, lower_first(c, x->written));
		} else {
			award_words(c, x, 0);
		}
		prep(c);
		recipients(c, x->coll, x->ind);
		record(c, x, a, x->grantor)->count = x->count;
		prev_grantor = x->grantor;
	}
	if (cap != (size_t)-1)
		capitalize_at(c, cap);
}

/* ---- the bloc's summary ----------------------------------------------------------------- */

struct agg {
	const char *award, *klass, *written;
	int coll, ind, parts;
	int order, dh;
	int *idx; /* award facts that are its parts (filled by the caller of say_grants) */
};

struct total *total_here(struct ctx *c, size_t a, const char *what, const char *unit)
{
	struct total *t = doc_total(c->d);

	t->what = what;
	t->unit = unit;
	t->year = c->year;
	t->group = -1;
	t->a = a;
	t->b = doc_pos(c->d);
	doc_keep(c->d, a, t->b);
	return t;
}

static void record_total(struct ctx *c, int group, const char *label, const char *award,
                         const char *klass, int coll, int ind, int scoll, int sind, int nparts,
                         size_t a)
{
	struct total *t = total_here(c, a, "awards", "");

	t->grantor = group_canon(group);
	t->awards = label;
	t->group = group;
	t->award = award;
	t->klass = klass;
	t->stated[0] = coll;
	t->stated[1] = ind;
	t->sum[0] = scoll;
	t->sum[1] = sind;
	t->nparts = nparts;
}

void say_bloc_summary(struct ctx *c, const struct grant *g, int n)
{
	int group, i, k, first_clause = 1;
	/* the planted mismatch goes into the n-th clause */
	int mismatch = c->planted[INC_TOTAL_AWARDS] > 0 ? (int)rng_range(&c->r, 1, 6) : 0;

	for (group = 0; group < 5; group++) {
		struct agg ag[32];
		int na = 0, gcoll = 0, gind = 0, gparts = 0;
		for (i = 0; i < n; i++) {
			const struct grant *x = &g[i];
			const char *klass;
			if (group_of(x->level) != group || x->year != c->year ||
			    strcmp(x->status, "granted") != 0)
				continue;
			/* Kỷ niệm chương of different sectors are summed as one kind */
			klass = x->order ? x->klass : "";
			for (k = 0; k < na; k++)
				if (strcmp(ag[k].award, x->award) == 0 &&
				    strcmp(ag[k].klass, klass) == 0)
					break;
			if (k == na) {
				if (na == 32)
					continue;
				memset(&ag[na], 0, sizeof(ag[na]));
				ag[na].award = x->award;
				ag[na].klass = klass;
				ag[na].order = x->order;
				ag[na].dh = x->danh_hieu && rng_chance(&c->r, 0.5);
				/* the summary names the award its own way (words.tsv) */
				{
					char key[160];
					snprintf(key, sizeof(key), "%s/%s", group_level(group),
					         x->award);
					ag[na].written = gdata_word("summary", key)
					                     ? pick_word(c, "summary", key)
					                     : x->award;
				}
				na++;
			}
			ag[k].coll += x->coll > 0 ? x->coll : 0;
			ag[k].ind += x->ind > 0 ? x->ind : 0;
			ag[k].parts++;
			gcoll += x->coll > 0 ? x->coll : 0;
			gind += x->ind > 0 ? x->ind : 0;
			gparts++;
		}
		if (!na)
			continue;
		if (!first_clause)
			say(c, rng_chance(&c->r, 0.6) ? "; " : ". ");
		first_clause = 0;
		if (!strcmp(group_level(group), "state") ||
		    !strcmp(group_level(group), "government")) {
			/* coordinated: "Chủ tịch nước tặng 01 Huân chương Lao động hạng Nhì, 19
			 * Huân chương Lao động hạng Ba cho 02 tập thể, 18 cá nhân" — every award
			 * shares the recipients; the count of each is written before it */
			size_t a = doc_pos(c->d);
			int wc = gcoll, wi = gind;
			struct buf names = BUF_INIT;
			size_t first_fact = c->d->nawards;
			say(c, pick_alt(c, gf(groups[group], GR_GFORMS)));
			say(c, " tặng ");
			for (k = 0; k < na; k++) {
				struct grant tmp;
				if (k)
					say(c, ", ");
				size_t fi = c->d->nfigures, na0;
				fig_count_bare(c, ag[k].coll + ag[k].ind, ag[k].written);
				say(c, " ");
				na0 = doc_pos(c->d);
				memset(&tmp, 0, sizeof(tmp));
				tmp.written = ag[k].written;
				tmp.order = ag[k].order;
				tmp.klass = ag[k].klass;
				tmp.award = ag[k].award;
				award_words(c, &tmp, 0);
				/* the noun counted is the award as written, with its class ("19 Huân
				 * chương Lao động hạng Ba"), as docs/figures.md and the seed's gold
				 * count it */
				if (tmp.order && fi < c->d->nfigures)
					c->d->figures[fi].noun =
					    doc_strndup(c->d, doc_cur(c->d)->text.p + na0, doc_pos(c->d) - na0);
				buf_printf(&names, "%s%s%s%s", k ? "; " : "", ag[k].award,
				           *ag[k].klass ? " hạng " : "", ag[k].klass);
			}
			if (mismatch && --mismatch == 0) {
				int d = (int)rng_range(&c->r, 1, 3);
				if (wi > 0)
					wi += d;
				else
					wc += d;
				mismatch = -1;
			}
			prep(c);
			recipients(c, wc, wi);
			for (k = 0; k < na; k++) {
				struct award_fact *f = award_here(
				    c, a, "", ag[k].award, group_canon(group), "granted", wc, wi);
				f->klass = ag[k].klass;
				f->count = ag[k].coll + ag[k].ind;
				f->bloc_scope = 1;
				f->shared = na > 1;
				f->level = group_level(group);
			}
			(void)first_fact;
			record_total(c, group, doc_strdup(c->d, buf_str(&names)), NULL, NULL, wc,
			             wi, gcoll, gind, gparts, a);
			if (mismatch == -1) {
				doc_plant(c->d, "total_mismatch", a,
				          "\"what\":\"awards\",\"grantor\":\"%s\","
				          "\"stated\":[%d,%d],\"sum\":[%d,%d]",
				          group_canon(group), wc, wi, gcoll, gind);
				mismatch = -2;
			}
			doc_keep(c->d, a, doc_pos(c->d));
			buf_free(&names);
			continue;
		}
		for (k = 0; k < na; k++) {
			size_t a;
			struct award_fact *f;
			struct grant tmp;
			int wc = ag[k].coll, wi = ag[k].ind;
			if (k)
				say(c, rng_chance(&c->r, 0.5) ? "; " : ", ");
			a = doc_pos(c->d);
			if (k == 0) {
				say(c, pick_alt(c, gf(groups[group], GR_GFORMS)));
				say(c, " tặng ");
			} else if (rng_chance(&c->r, 0.5)) {
				say(c, "tặng ");
			}
			memset(&tmp, 0, sizeof(tmp));
			tmp.written = ag[k].written;
			tmp.order = ag[k].order;
			tmp.klass = ag[k].klass;
			tmp.award = ag[k].award;
			tmp.danh_hieu = ag[k].dh;
			award_words(c, &tmp, 0);
			if (mismatch && --mismatch == 0) {
				int d = (int)rng_range(&c->r, 1, 4) + (wc + wi) / 20;
				if (wi > 0)
					wi += rng_chance(&c->r, 0.5) ? d : (wi > d ? -d : d);
				else
					wc += d;
				mismatch = -1;
			}
			prep(c);
			recipients(c, wc, wi);
			f = award_here(c, a, "", ag[k].award, group_canon(group), "granted", wc,
			               wi);
			f->klass = ag[k].klass;
			f->bloc_scope = 1;
			f->level = group_level(group);
			doc_keep(c->d, a, doc_pos(c->d));
			{
				char *aw = *ag[k].klass ? doc_printf(c->d, "%s hạng %s",
				                                     ag[k].award, ag[k].klass)
				                        : doc_strdup(c->d, ag[k].award);
				record_total(c, group, aw, ag[k].award,
				             ag[k].order ? ag[k].klass : NULL, wc, wi, ag[k].coll,
				             ag[k].ind, ag[k].parts, a);
			}
			if (mismatch == -1) {
				doc_plant(c->d, "total_mismatch", a,
				          "\"what\":\"awards\",\"grantor\":\"%s\","
				          "\"award\":\"%s\",\"stated\":[%d,%d],\"sum\":[%d,%d]",
				          group_canon(group), ag[k].award, wc, wi, ag[k].coll,
				          ag[k].ind);
				mismatch = -2;
			}
		}
	}
	if (mismatch == -2)
		c->planted[INC_TOTAL_AWARDS] = -1;
}

void say_registration(struct ctx *c, int flag)
{
	int n = c->nmembers, part = n, listed, i;
	size_t a;
	struct award_fact *f;
	int *order = xmalloc((size_t)n * sizeof(int));

	if (flag && n > 3)
		part = n - (int)rng_range(&c->r, 0, 2);
	say(c, "+ Đăng ký ");
	a = doc_pos(c->d);
	say(c, flag ? "danh hiệu thi đua " : "hình thức khen thưởng ");
	say_quoted(c, pick_word(c, "registration", flag ? "Cờ thi đua" : "Bằng khen"));
	say(c, ": ");
	listed = part;
	{
		int written = part, whole = n;
		if (flag && c->planted[INC_RATIO_LIST] > 0) {
			/* the numerator disagrees with the list that follows it */
			written = part + (part < n ? 1 : -1);
			c->planted[INC_RATIO_LIST] = -1;
		} else if (c->planted[INC_RATIO_MAX] > 0) {
			written = n + (int)rng_range(&c->r, 1, 2);
			c->planted[INC_RATIO_MAX] = -1;
		}
		fig_ratio(c, written, whole, "đơn vị");
		f = award_here(c, a, "", flag ? "Cờ thi đua" : "Bằng khen",
		               gf(grantor_row(LV_PROVINCE), GR_CANON), "registered", written, 0);
		f->level = "province";
		f->bloc_scope = 1;
		if (written != listed && flag) {
			doc_plant(c->d, "ratio_list_mismatch", a, "\"numerator\":%d,\"listed\":%d",
			          written, listed);
		}
		if (written > whole) {
			doc_plant(c->d, "ratio_over_whole", a, "\"part\":%d,\"whole\":%d", written,
			          whole);
		}
	}
	if (flag) {
		size_t la;
		say(c, " (");
		la = doc_pos(c->d);
		for (i = 0; i < n; i++)
			order[i] = c->members[i];
		for (i = 0; i < listed; i++) {
			if (i)
				say(c, "; ");
			say_unit(c, order[i], 0);
		}
		if (rng_chance(&c->r, c->h.italic_quotes))
			doc_style(c->d, la, doc_pos(c->d), ST_ITALIC);
		say(c, ")");
	} else {
		say(c, rng_chance(&c->r, 0.5) ? " trong khối" : "");
	}
	say(c, ".");
	free(order);
}
