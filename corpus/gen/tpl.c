#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "figs.h"
#include "noise.h"
#include "world.h"

void roman(int n, char *out, size_t cap)
{
	static const struct {
		int v;
		const char *s;
	} t[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
	         {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
	         {5, "V"},    {4, "IV"},   {1, "I"}};
	size_t o = 0, i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		while (n >= t[i].v && o + strlen(t[i].s) < cap) {
			memcpy(out + o, t[i].s, strlen(t[i].s));
			o += strlen(t[i].s);
			n -= t[i].v;
		}
	out[o] = 0;
}

const char *pick_alt(struct ctx *c, const char *list)
{
	/* "a|b|c": the first most of the time, as reports settle on one wording */
	int n = 1, k, i;
	const char *p;

	for (p = list; *p; p++)
		n += *p == '|';
	k = rng_chance(&c->r, 0.6) ? 0 : (int)rng_below(&c->r, (uint32_t)n);
	for (i = 0, p = list; i < k; i++)
		p = strchr(p, '|') + 1;
	return doc_strndup(c->d, p, strchr(p, '|') ? (size_t)(strchr(p, '|') - p) : strlen(p));
}

const char *pick_word(struct ctx *c, const char *kind, const char *key)
{
	const char *forms = gdata_word(kind, key);
	char *x;
	const char *w;

	if (!forms)
		return "";
	w = pick_alt(c, forms);
	if (!strchr(w, '{'))
		return w;
	x = expand_names(w, c->prov, NULL);
	w = doc_strdup(c->d, x);
	free(x);
	return w;
}

static long long parse_amount(const char *s, const char **end)
{
	char *e;
	long long v = strtoll(s, &e, 10);

	if (*e == 'k')
		v *= 1000, e++;
	else if (*e == 'M')
		v *= 1000000, e++;
	else if (*e == 'B')
		v *= 1000000000LL, e++;
	*end = e;
	return v;
}

/* "A-B" -> [lo, hi] */
static void parse_range(const char *s, long long *lo, long long *hi)
{
	const char *e;

	*lo = parse_amount(s, &e);
	*hi = *e == '-' ? parse_amount(e + 1, &e) : *lo;
	if (*hi < *lo)
		*hi = *lo;
}

static int size_factor(struct ctx *c)
{
	static const int f[] = {1, 1, 3, 10, 40};
	int s = c->unit >= 0 ? c->bw->units[c->unit].size : 2;
	return f[s < 0 ? 0 : s > 4 ? 4 : s];
}

const char *pick_district(struct ctx *c)
{
	return c->prov->districts[rng_below(&c->r, (uint32_t)c->prov->ndistricts)];
}

static const char *pick_place(struct ctx *c, const char *kind)
{
	const struct gtable *t = gdata("places.tsv");
	size_t i, n = 0, k;

	for (i = 0; i < t->nrows; i++)
		n += strcmp(gf(&t->rows[i], 0), kind) == 0;
	if (!n)
		return "";
	k = rng_below(&c->r, (uint32_t)n);
	for (i = 0; i < t->nrows; i++)
		if (strcmp(gf(&t->rows[i], 0), kind) == 0 && k-- == 0)
			return gf(&t->rows[i], 1);
	return "";
}

void say_unit(struct ctx *c, int uidx, int full)
{
	const struct unit *u = &c->bw->units[uidx];
	const char *w =
	    full ? u->full
	         : u->forms[rng_chance(&c->r, 0.8) ? 0 : rng_below(&c->r, (uint32_t)u->nforms)];
	struct unit_fact *uf = doc_unit(c->d, u->canon, uidx, "member");
	size_t a = doc_pos(c->d);
	char *as_written;

	/* recorded as it came out: the document's spelling habits apply to names too */
	say_clean(c, w);
	as_written = doc_strndup(c->d, doc_cur(c->d)->text.p + a, doc_pos(c->d) - a);
	doc_unit_written(c->d, uf, as_written);
	doc_keep(c->d, a, doc_pos(c->d));
}

void say_quoted(struct ctx *c, const char *s)
{
	size_t a;

	doc_raws(c->d, "“");
	a = doc_pos(c->d);
	say(c, s);
	if (rng_chance(&c->r, c->h.italic_quotes))
		doc_style(c->d, a, doc_pos(c->d), ST_ITALIC);
	doc_raws(c->d, "”");
}

static const char *lead_words(struct ctx *c, const char *kind)
{
	if (strcmp(kind, "phong trào") == 0)
		return rng_chance(&c->r, 0.6) ? "phong trào thi đua" : "phong trào";
	return kind;
}

static int in_list(const char *list, const char *id)
{
	size_t ul = strlen(id);
	const char *p = list;

	while (ul && (p = strstr(p, id)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[ul] == 0 || p[ul] == ','))
			return 1;
		p += ul;
	}
	return 0;
}

/* A campaign's name pattern with the province and the year put in ("Xuân tình nguyện
 * {Y}" -> "Xuân tình nguyện 2020"), as a document string. */
static const char *campaign_name(struct ctx *c, const char *pattern)
{
	char *name, *y;
	const char *res;

	if (!strchr(pattern, '{'))
		return pattern;
	name = expand_names(pattern, c->prov, NULL);
	y = strstr(name, "{Y}");
	res = y ? doc_printf(c->d, "%.*s%d%s", (int)(y - name), name, c->year, y + 3)
	        : doc_strdup(c->d, name);
	free(name);
	return res;
}

/* “name”, with the document's italic habit; recorded as a campaign fact */
static void quote_campaign(struct ctx *c, const char *name, const char *kind)
{
	struct campaign_fact *cf;
	size_t a;

	doc_raws(c->d, "“");
	a = doc_pos(c->d);
	say(c, name);
	cf = doc_campaign(c->d);
	cf->a = a;
	cf->b = doc_pos(c->d);
	cf->normalized = name;
	cf->kind = kind;
	cf->unit = c->unit >= 0 ? c->bw->units[c->unit].canon : "";
	if (rng_chance(&c->r, c->h.italic_quotes))
		doc_style(c->d, a, cf->b, ST_ITALIC);
	doc_keep(c->d, a, cf->b);
	if (strpbrk(name, "0123456789")) /* Xuân tình nguyện 2020 */
		doc_nonfig(c->d, a, cf->b);
	doc_raws(c->d, "”");
}

int say_campaign(struct ctx *c, const char *sector, int lead)
{
	const struct gtable *t = gdata("campaigns.tsv");
	const struct grow *pick = NULL;
	const char *pick_name = NULL;
	size_t i, seen = 0;

	/* reservoir choice among the campaigns of this sector (or all sectors) and year
	 * that the paragraph has not named yet */
	for (i = 0; i < t->nrows; i++) {
		const struct grow *r = &t->rows[i];
		const char *sec = gf(r, 3), *name;
		size_t k;
		int named = 0;
		if (c->year < atoi(gf(r, 1)) || c->year > atoi(gf(r, 2)))
			continue;
		if (strcmp(sec, "*") != 0 && (!sector || !in_list(sec, sector)))
			continue;
		name = campaign_name(c, gf(r, 4));
		for (k = c->d->ncampaigns; k-- > 0 && c->d->campaigns[k].para == c->d->cur;)
			named |= strcmp(c->d->campaigns[k].normalized, name) == 0;
		if (named)
			continue;
		if (rng_below(&c->r, (uint32_t)++seen) == 0) {
			pick = r;
			pick_name = name;
		}
	}
	if (!pick)
		return 0;
	if (lead) {
		say(c, lead_words(c, gf(pick, 0)));
		doc_raws(c->d, " ");
	}
	quote_campaign(c, pick_name, gf(pick, 0));
	return 1;
}

void say_named_campaign(struct ctx *c, const char *name)
{
	const struct gtable *t = gdata("campaigns.tsv");
	const char *kind = "phong trào";
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(gf(&t->rows[i], 4), name) == 0)
			kind = gf(&t->rows[i], 0);
	quote_campaign(c, doc_strdup(c->d, name), kind);
}

void say_citation(struct ctx *c, const char *type)
{
	const struct grow *r = gdata_row("citations.tsv", 0, type);
	int n = (int)rng_range(&c->r, 3, 3800), d = (int)rng_range(&c->r, 1, 28);
	int m = (int)rng_range(&c->r, 1, 11);
	const char *suffix;
	char *x;
	char s[96];

	if (!r)
		r = gdata_row("citations.tsv", 0, "KH");
	if (strcmp(type, "KHB") == 0)
		n %= 200; /* a bloc issues fewer documents than a province */
	say(c, gf(r, 1));
	say(c, " số ");
	suffix = pick_alt(c, gf(r, 2));
	x = expand_names(suffix, c->prov, NULL);
	if (strstr(x, "{bloc}"))
		snprintf(s, sizeof(s), "%s%d/KH-%s", n < 10 ? "0" : "", n, c->bloc->code);
	else
		snprintf(s, sizeof(s), "%s%d%s", n < 10 ? "0" : "", n, x);
	free(x);
	doc_label(c->d, s);
	say(c, " ngày ");
	snprintf(s, sizeof(s), "%d/%d/%d", d, m, c->year);
	doc_label(c->d, s);
}

/* The text of one slot (between the braces) */
static void slot(struct ctx *c, const char *s, size_t n)
{
	char name[16], arg[3][256];
	int nargs = 0;
	size_t i = 0, k;
	long long lo, hi;
	char tmp[64];

	for (k = 0; i < n && s[i] != ':' && k + 1 < sizeof(name); i++)
		name[k++] = s[i];
	name[k] = 0;
	while (i < n && s[i] == ':' && nargs < 3) {
		i++;
		for (k = 0; i < n && s[i] != ':' && k + 1 < sizeof(arg[0]); i++)
			arg[nargs][k++] = s[i];
		arg[nargs++][k] = 0;
	}
	if (!strcmp(name, "P")) {
		say_clean(c, c->prov->name);
	} else if (!strcmp(name, "tinh")) {
		say(c, c->prov->level);
	} else if (!strcmp(name, "PT")) {
		say(c, c->prov->level);
		doc_raws(c->d, " ");
		say_clean(c, c->prov->name);
	} else if (!strcmp(name, "B")) {
		say(c, c->bloc->name);
	} else if (!strcmp(name, "Bfull")) {
		say(c, c->bloc->name);
		doc_raws(c->d, " ");
		say(c, c->prov->level);
		doc_raws(c->d, " ");
		say_clean(c, c->prov->name);
	} else if (!strcmp(name, "U") || !strcmp(name, "Uf")) {
		if (c->unit >= 0)
			say_unit(c, c->unit, name[1] == 'f');
		else
			say(c, "các đơn vị");
	} else if (!strcmp(name, "UH")) {
		say(c, c->unit >= 0 ? c->bw->units[c->unit].head_written : "Thủ trưởng đơn vị");
	} else if (!strcmp(name, "H")) {
		say_clean(c, pick_district(c));
	} else if (!strcmp(name, "X")) {
		say(c, "xã ");
		say_clean(c, pick_place(c, "xa"));
	} else if (!strcmp(name, "S")) {
		say(c, pick_place(c, "truong"));
		doc_raws(c->d, " ");
		say_clean(c, pick_place(c, "xa"));
	} else if (name[0] == 'Y') {
		int y = c->year + (name[1] ? atoi(name + 1) : 0);
		snprintf(tmp, sizeof(tmp), "%d", y);
		doc_label(c->d, tmp);
	} else if ((!strcmp(name, "n") || !strcmp(name, "ns")) && nargs >= 2) {
		parse_range(arg[0], &lo, &hi);
		if (name[1] == 's')
			lo *= size_factor(c), hi *= size_factor(c);
		fig_count(c, rng_range(&c->r, lo, hi), doc_strdup(c->d, arg[1]));
	} else if (!strcmp(name, "m") && nargs >= 1) {
		static const char *quals[] = {"trên", "khoảng", "gần", "hơn"};
		parse_range(arg[0], &lo, &hi);
		fig_money(c, money_draw(c, lo, hi),
		          nargs >= 2 && !c->summing ? quals[rng_below(&c->r, 4)] : "");
	} else if (!strcmp(name, "nr") && nargs >= 3) {
		long long rlo, rhi, rate;
		char per[32];
		const char *sp = strchr(arg[1], ' ');
		parse_range(arg[0], &lo, &hi);
		parse_range(arg[2], &rlo, &rhi);
		rate = rng_range(&c->r, rlo / 50000, rhi / 50000) * 50000;
		snprintf(per, sizeof(per), "%.*s", sp ? (int)(sp - arg[1]) : (int)strlen(arg[1]),
		         arg[1]);
		fig_count_rate(c, rng_range(&c->r, lo, hi), doc_strdup(c->d, arg[1]),
		               rate ? rate : 50000, doc_strdup(c->d, per));
	} else if (!strcmp(name, "p") && nargs >= 1) {
		parse_range(arg[0], &lo, &hi);
		fig_percent(c, (int)rng_range(&c->r, lo, hi) * 10,
		            nargs >= 2 ? doc_strdup(c->d, arg[1]) : NULL);
	} else if (!strcmp(name, "p1") && nargs >= 1) {
		parse_range(arg[0], &lo, &hi);
		fig_percent(c, (int)rng_range(&c->r, lo * 10, hi * 10),
		            nargs >= 2 ? doc_strdup(c->d, arg[1]) : NULL);
	} else if (!strcmp(name, "all") && nargs >= 1) {
		fig_ratio(c, c->nmembers, c->nmembers, doc_strdup(c->d, arg[0]));
	} else if (!strcmp(name, "camp") || !strcmp(name, "campq")) {
		const char *sec = c->unit >= 0 ? c->bw->units[c->unit].sec->id : NULL;
		if (!say_campaign(c, sec, name[4] == 0))
			say(c, "phong trào thi đua yêu nước");
	} else if (!strcmp(name, "Tx")) {
		say(c, strcmp(c->prov->level, "tỉnh") == 0 ? "Tỉnh" : "Thành");
	} else if (!strcmp(name, "C") && nargs >= 1) {
		say_named_campaign(c, arg[0]);
	} else if (!strcmp(name, "Q") && nargs >= 1) {
		say_quoted(c, arg[0]);
	} else if (!strcmp(name, "O") && nargs >= 2) {
		/* another body of the province, named in passing: recorded as a unit "other" —
		 * unless it is a unit of this bloc, which a report names only as a member (a
		 * report that names a unit is one the unit is present in) */
		int u, member = -1, of_bloc = 0;
		for (u = 0; u < c->bw->nunits; u++)
			if (!strcmp(c->bw->units[u].canon, arg[0])) {
				int m;
				of_bloc = 1;
				for (m = 0; m < c->nmembers; m++)
					if (c->members[m] == u)
						member = u;
			}
		if (member >= 0) {
			say_unit(c, member, 1);
		} else if (of_bloc) {
			say(c, "các cơ quan thông tấn, báo chí");
		} else {
			char *w = expand_names(arg[1], c->prov, NULL);
			struct unit_fact *uf = doc_unit(c->d, arg[0], -1, "other");
			size_t a = doc_pos(c->d);
			say_clean(c, w);
			doc_unit_written(
			    c->d, uf,
			    doc_strndup(c->d, doc_cur(c->d)->text.p + a, doc_pos(c->d) - a));
			doc_keep(c->d, a, doc_pos(c->d));
			free(w);
		}
	} else if (!strcmp(name, "Ud") && nargs >= 1) {
		/* a district branch of the unit: "Tòa án nhân dân huyện Hàm Yên" */
		const char *dist = pick_district(c);
		char *canon = doc_printf(c->d, "%s %s", arg[0], dist);
		struct unit_fact *uf = doc_unit(c->d, canon, -1, "district");
		size_t a = doc_pos(c->d);
		say_clean(c, canon);
		doc_unit_written(c->d, uf,
		                 doc_strndup(c->d, doc_cur(c->d)->text.p + a, doc_pos(c->d) - a));
		doc_keep(c->d, a, doc_pos(c->d));
	} else if (!strcmp(name, "ord")) {
		int k2 = (c->year - 1995) / 5;
		roman(k2 < 1 ? 1 : k2, tmp, sizeof(tmp));
		doc_label(c->d, tmp);
	} else if (!strcmp(name, "cite") && nargs >= 1) {
		say_citation(c, arg[0]);
	} else {
		/* an unknown slot is a bug in the data: make it visible in the output */
		doc_raws(c->d, "{?");
		doc_raw(c->d, s, n);
		doc_raws(c->d, "}");
	}
}

/* End of the group starting at s[i] (which is '[' or '{'), matching nested brackets. */
static size_t group_end(const char *s, size_t n, size_t i)
{
	int depth = 0;

	for (; i < n; i++) {
		if (s[i] == '[' || s[i] == '{')
			depth++;
		else if (s[i] == ']' || s[i] == '}')
			if (--depth == 0)
				return i;
	}
	return n;
}

/* Literal template text; digits in it are never figures (Covid-19, 24/24 giờ, document
 * numbers of legal citations): see data/phrases.tsv */
static void literal(struct ctx *c, const char *s, size_t n)
{
	size_t a = doc_pos(c->d), i;

	sayn(c, s, n);
	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9') {
			doc_nonfig(c->d, a, doc_pos(c->d));
			break;
		}
}

static void expand(struct ctx *c, const char *s, size_t n)
{
	size_t i = 0, plain = 0;

	while (i < n) {
		if (s[i] == '[' || s[i] == '{') {
			size_t e = group_end(s, n, i);
			literal(c, s + plain, i - plain);
			if (s[i] == '{') {
				slot(c, s + i + 1, e - i - 1);
			} else {
				/* choose among the top-level alternatives */
				size_t starts[32], ends[32], k, j = i + 1;
				int nalt = 0, depth = 0;
				starts[0] = j;
				for (; j < e; j++) {
					if (s[j] == '[' || s[j] == '{')
						depth++;
					else if (s[j] == ']' || s[j] == '}')
						depth--;
					else if (s[j] == '|' && depth == 0 && nalt < 31) {
						ends[nalt++] = j;
						starts[nalt] = j + 1;
					}
				}
				ends[nalt++] = e;
				k = rng_below(&c->r, (uint32_t)nalt);
				expand(c, s + starts[k], ends[k] - starts[k]);
			}
			i = plain = e + 1;
		} else {
			i++;
		}
	}
	literal(c, s + plain, n - plain);
}

void tpl_expand(struct ctx *c, const char *tpl)
{
	expand(c, tpl, strlen(tpl));
}

static int fits(struct ctx *c, const struct grow *r, const char *key)
{
	const char *sec = gf(r, 1);
	const struct sector *us = c->unit >= 0 ? c->bw->units[c->unit].sec : NULL;

	if (strcmp(gf(r, 0), key) != 0)
		return 0;
	if (c->year < atoi(gf(r, 2)) || c->year > atoi(gf(r, 3)))
		return 0;
	if (strcmp(sec, "*") == 0)
		return 1;
	/* a comma list of sector ids and families */
	return us && (in_list(sec, us->id) || in_list(sec, gf(us->row, 1)));
}

/* phrases.tsv rows grouped by key, built on first use: a report asks for a key a few
 * hundred times, the table has hundreds of rows */
struct keyrows {
	const char *key;
	const struct grow **rows;
	size_t n;
};
static struct keyrows *keys;
static size_t nkeys;

static const struct keyrows *rows_of(const char *key)
{
	size_t i;

	if (!keys) {
		const struct gtable *t = gdata("phrases.tsv");
		size_t r, cap = 0;
		for (r = 0; r < t->nrows; r++) {
			const char *k = gf(&t->rows[r], 0);
			for (i = 0; i < nkeys && strcmp(keys[i].key, k) != 0; i++)
				;
			if (i == nkeys) {
				keys = xgrow(keys, &cap, nkeys + 1, sizeof(*keys));
				memset(&keys[nkeys], 0, sizeof(keys[0]));
				keys[nkeys++].key = k;
			}
			keys[i].rows =
			    xrealloc(keys[i].rows, (keys[i].n + 1) * sizeof(*keys[i].rows));
			keys[i].rows[keys[i].n++] = &t->rows[r];
		}
	}
	for (i = 0; i < nkeys; i++)
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

void tpl_free(void)
{
	size_t i;

	for (i = 0; i < nkeys; i++)
		free(keys[i].rows);
	free(keys);
	keys = NULL;
	nkeys = 0;
}

/* Templates of key that fit, the sector-specific ones first when there are any. */
static size_t candidates(struct ctx *c, const char *key, const struct grow **out, size_t cap,
                         int *specific)
{
	const struct keyrows *kr = rows_of(key);
	size_t i, n = 0, ns = 0;

	if (!kr) {
		*specific = 0;
		return 0;
	}
	for (i = 0; i < kr->n && n < cap; i++)
		if (fits(c, kr->rows[i], key) && strcmp(gf(kr->rows[i], 1), "*") != 0)
			out[n++] = kr->rows[i];
	ns = n;
	for (i = 0; i < kr->n && n < cap; i++)
		if (fits(c, kr->rows[i], key) && strcmp(gf(kr->rows[i], 1), "*") == 0)
			out[n++] = kr->rows[i];
	*specific = (int)ns;
	return n;
}

int tpl_has(struct ctx *c, const char *key)
{
	const struct grow *v[256];
	int sp;
	return candidates(c, key, v, 256, &sp) > 0;
}

int tpl_say_some(struct ctx *c, const char *key, int want, const char *sep)
{
	const struct grow *v[256];
	int idx[256], sp, said = 0, i;
	size_t n = candidates(c, key, v, 256, &sp);

	if (!n)
		return 0;
	for (i = 0; i < (int)n; i++)
		idx[i] = i;
	/* sector-specific phrases first (shuffled), then the general ones (shuffled) */
	rng_shuffle(&c->r, idx, (size_t)sp);
	rng_shuffle(&c->r, idx + sp, n - (size_t)sp);
	for (i = 0; i < (int)n && said < want; i++) {
		size_t pos;
		if (said && sep)
			say(c, sep);
		pos = doc_pos(c->d);
		tpl_expand(c, gf(v[idx[i]], 4));
		/* a new sentence after a full stop starts with a capital */
		if (pos >= 2 && doc_cur(c->d)->text.p[pos - 2] == '.')
			capitalize_at(c, pos);
		said++;
	}
	return said;
}

int tpl_say(struct ctx *c, const char *key)
{
	const struct grow *v[256];
	int sp;
	size_t n = candidates(c, key, v, 256, &sp);

	if (!n)
		return 0;
	/* a sector's own phrase twice as often as a general one */
	if (sp && rng_chance(&c->r, 0.67))
		tpl_expand(c, gf(v[rng_below(&c->r, (uint32_t)sp)], 4));
	else
		tpl_expand(c, gf(v[rng_below(&c->r, (uint32_t)n)], 4));
	return 1;
}

void capitalize_at(struct ctx *c, size_t pos)
{
	struct buf *t = &doc_cur(c->d)->text;
	size_t i = pos;
	int cp;
	char *one, *up;

	if (pos >= t->n)
		return;
	cp = utf8_next(t->p, t->n, &i);
	if (cp < 0)
		return;
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			t->p[pos] = (char)(cp - 'a' + 'A');
		return;
	}
	one = xstrndup(t->p + pos, i - pos);
	up = utf8_upper(one);
	if (strlen(up) == i - pos)
		memcpy(t->p + pos, up, i - pos);
	free(one);
	free(up);
}
