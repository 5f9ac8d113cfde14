#include "figs.h"

#include <stdio.h>
#include <string.h>

#include "compose.h"
#include "noise.h"
#include "numfmt.h"

static const char *unit_of(struct ctx *c)
{
	return c->unit >= 0 ? c->bw->units[c->unit].canon : "";
}

static struct figure *record(struct ctx *c, const char *kind, double value, size_t a)
{
	struct figure *f = doc_figure(c->d);

	f->kind = kind;
	f->value = value;
	f->a = a;
	f->b = doc_pos(c->d);
	f->unit = unit_of(c);
	return f;
}

static void add_part(struct ctx *c, long long v)
{
	c->money += v;
	c->parts = xgrow(c->parts, &c->cparts, c->nparts + 1, sizeof(int));
	c->parts[c->nparts++] = (int)c->d->nfigures - 1;
}

static void count_token(struct ctx *c, long long n)
{
	struct buf b = BUF_INIT;

	fmt_count(&b, n, rng_chance(&c->r, c->h.pad), rng_chance(&c->r, c->h.plain_thousands));
	doc_raw(c->d, b.p, b.n);
	buf_free(&b);
}

long long fig_count_bare(struct ctx *c, long long n, const char *noun)
{
	size_t a = doc_pos(c->d);
	struct figure *f;

	count_token(c, n);
	f = record(c, "count", (double)n, a);
	/* "nâng tổng số lên 23.703 hội viên": a total opening the clause qualifies the count
	 * (docs/figures.md, Qualifiers) */
	{
		static const char total[] = "tổng số ";
		const char *t = doc_cur(c->d)->text.p;
		size_t i = a;
		while (i > 0 && !strchr(",;.:(", t[i - 1]))
			i--;
		for (; i + sizeof(total) - 1 <= a; i++)
			if (memcmp(t + i, total, sizeof(total) - 1) == 0) {
				f->qualifier = "tổng";
				break;
			}
	}
	/* the noun counted ends before punctuation (docs/figures.md; the seed's gold: "8 lượt
	 * tập thể, cá nhân" counts "lượt tập thể"): a template's "lượt cán bộ, đảng viên" is
	 * written whole and counts its first noun */
	f->noun = strchr(noun, ',') ? doc_strndup(c->d, noun, (size_t)(strchr(noun, ',') - noun))
	                             : noun;
	doc_keep(c->d, a, doc_pos(c->d));
	return n;
}

long long fig_count(struct ctx *c, long long n, const char *noun)
{
	size_t a = doc_pos(c->d);

	fig_count_bare(c, n, noun);
	doc_raws(c->d, " ");
	say(c, noun);
	doc_keep(c->d, a, doc_pos(c->d));
	return n;
}

long long money_draw(struct ctx *c, long long lo, long long hi)
{
	long long v = rng_range(&c->r, lo, hi), g;

	/* reports give round sums: thousands for small gifts, hundreds of thousands or
	 * millions for large ones, with the odd exact figure (62.083.300) */
	if (v >= 50000000)
		g = rng_chance(&c->r, 0.6) ? 1000000 : rng_chance(&c->r, 0.7) ? 100000 : 100;
	else if (v >= 2000000)
		g = rng_chance(&c->r, 0.5) ? 100000 : rng_chance(&c->r, 0.7) ? 10000 : 100;
	else
		g = rng_chance(&c->r, 0.7) ? 100000 : 10000;
	v = v / g * g;
	return v < g ? g : v;
}

static enum money_style pick_style(struct ctx *c, long long v)
{
	double w[MONEY_NSTYLES] = {55, 6, 2, 25, 12, 0};
	int s;

	for (s = 0; s < MONEY_NSTYLES; s++)
		if (!money_style_ok(v, (enum money_style)s))
			w[s] = 0;
	return (enum money_style)rng_weighted(&c->r, w, MONEY_NSTYLES);
}

long long fig_money(struct ctx *c, long long v, const char *qual)
{
	struct buf b = BUF_INIT;
	enum money_style st;
	struct figure *f;
	size_t a;
	int malformed = 0;

	if (qual[0] && strcmp(qual, "tổng") != 0) {
		say(c, qual);
		doc_raws(c->d, " ");
	}
	a = doc_pos(c->d);
	st = pick_style(c, v);
	/* the planted malformed number (82,295.000 đồng) takes the n-th eligible amount */
	if (c->planted[INC_MALFORMED] > 0 && money_style_ok(v, MONEY_MALFORMED) &&
	    --c->planted[INC_MALFORMED] == 0) {
		st = MONEY_MALFORMED;
		malformed = 1;
	}
	fmt_money(&b, v, st);
	doc_raw(c->d, b.p, b.n);
	f = record(c, "money", (double)v, a);
	f->noun = "đồng";
	f->qualifier = qual;
	/* "trị giá 4.000.000 đồng": a template's own "trị giá" qualifies the amount
	 * (docs/figures.md, Qualifiers) */
	if (!qual[0] && a >= strlen("trị giá ") &&
	    memcmp(doc_cur(c->d)->text.p + a - strlen("trị giá "), "trị giá ", strlen("trị giá ")) == 0)
		f->qualifier = "trị giá";
	doc_keep(c->d, a, doc_pos(c->d));
	if (malformed) {
		f->flags |= FIG_MALFORMED;
		doc_plant(c->d, "malformed_number", a, "\"value\":%lld", v);
		c->planted[INC_MALFORMED] = -1;
	}
	if (c->summing)
		add_part(c, v);
	buf_free(&b);
	return v;
}

void fig_count_rate(struct ctx *c, long long n, const char *noun, long long rate, const char *per)
{
	struct buf b = BUF_INIT;
	struct figure *f;
	size_t a0 = doc_pos(c->d), a;
	int each;

	fig_count(c, n, noun);
	each = !rng_chance(&c->r, 0.5);
	say(c, each ? ", mỗi suất trị giá " : " trị giá ");
	a = doc_pos(c->d);
	fmt_rate(&b, rate, (int)rng_below(&c->r, 3), per);
	doc_raw(c->d, b.p, b.n);
	f = record(c, "rate", (double)rate, a);
	f->noun = doc_printf(c->d, "đồng/%s", per);
	f->per = per;
	f->times = (double)n;
	/* the words before the amount qualify a rate as they do an amount (docs/figures.md,
	 * Qualifiers; the seed's gold: "mỗi suất, trị giá") */
	f->qualifier = each ? "mỗi suất, trị giá" : "trị giá";
	doc_keep(c->d, a0, doc_pos(c->d));
	if (c->summing)
		add_part(c, n * rate);
	buf_free(&b);
}

void fig_score(struct ctx *c, int score, int of)
{
	size_t a = doc_pos(c->d);
	struct figure *f;
	char s[32];

	snprintf(s, sizeof(s), "%d/%d", score, of);
	doc_raws(c->d, s);
	f = record(c, "score", score, a);
	f->of = of;
	f->noun = "điểm";
	doc_keep(c->d, a, doc_pos(c->d));
}

void fig_ratio(struct ctx *c, int part, int whole, const char *noun)
{
	size_t a = doc_pos(c->d);
	struct figure *f;
	char s[32];

	if (rng_chance(&c->r, c->h.pad))
		snprintf(s, sizeof(s), "%02d/%02d", part, whole);
	else
		snprintf(s, sizeof(s), "%d/%d", part, whole);
	doc_raws(c->d, s);
	f = record(c, "ratio", part, a);
	f->of = whole;
	f->noun = noun;
	doc_raws(c->d, " ");
	say(c, noun);
	doc_keep(c->d, a, doc_pos(c->d));
}

void fig_percent(struct ctx *c, int tenths, const char *noun)
{
	static const char *const determiners[] = {"các ", "những ", "toàn bộ "};
	struct buf b = BUF_INIT;
	size_t a = doc_pos(c->d), k;
	struct figure *f;

	fmt_percent_tenths(&b, tenths);
	doc_raw(c->d, b.p, b.n);
	f = record(c, "percent", tenths / 10.0, a);
	doc_keep(c->d, a, doc_pos(c->d));
	buf_free(&b);
	if (!noun)
		return;
	/* "100% các cơ quan": the percentage counts cơ quan (docs/figures.md rule 10) */
	say(c, " ");
	say(c, noun);
	for (k = 0; k < sizeof(determiners) / sizeof(determiners[0]); k++)
		if (strncmp(noun, determiners[k], strlen(determiners[k])) == 0)
			noun += strlen(determiners[k]);
	f->noun = noun;
}
