#include "truth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "world.h"

static void span(struct json *j, const char *key, const struct doc *d, int para, size_t a, size_t b)
{
	const struct buf *t;

	if (para < 0 || (size_t)para >= d->nparas) {
		json_str(j, key, "");
		return;
	}
	t = &d->paras[para].text;
	if (b > t->n)
		b = t->n;
	if (a > b)
		a = b;
	json_strn(j, key, t->p + a, b - a);
}

/* A Kỷ niệm chương's name as the report writes it: the quoted name in the award's evidence,
 * where the noise pass may have planted a typo ("Vi sự nghiệp Tòa án"); the truth's strings
 * are the report's, and the name is what a reader finds there. */
static void knc_class(struct json *j, const struct doc *d, const struct award_fact *f)
{
	static const char open[] = "Kỷ niệm chương “", close[] = "”";
	const struct buf *t;
	const char *p, *q, *end;

	if (strcmp(f->award, "Kỷ niệm chương") != 0 || !*f->klass || f->para < 0 ||
	    (size_t)f->para >= d->nparas) {
		json_str(j, "class", f->klass);
		return;
	}
	t = &d->paras[f->para].text;
	end = t->p + (f->b < t->n ? f->b : t->n);
	p = f->a < t->n ? t->p + f->a : end;
	for (; p < end; p++)
		if ((size_t)(end - p) > sizeof(open) - 1 && memcmp(p, open, sizeof(open) - 1) == 0)
			break;
	if (p >= end) {
		json_str(j, "class", f->klass);
		return;
	}
	p += sizeof(open) - 1;
	for (q = p; q + sizeof(close) - 1 <= end; q++)
		if (memcmp(q, close, sizeof(close) - 1) == 0) {
			json_strn(j, "class", p, (size_t)(q - p));
			return;
		}
	json_str(j, "class", f->klass);
}

static void where(struct json *j, const struct doc *d, int para)
{
	const struct para *p;

	json_obj(j, "where");
	if (para < 0) {
		json_str(j, "section", "");
		json_end(j);
		return;
	}
	p = &d->paras[para];
	json_str(j, "section", p->section >= 0 ? d->sections[p->section].path : "");
	if (p->note)
		json_int(j, "footnote", p->note);
	else
		json_int(j, "paragraph", p->mainno);
	json_end(j);
}

static void opt_int(struct json *j, const char *key, long long v)
{
	if (v < 0)
		json_null(j, key);
	else
		json_int(j, key, v);
}

static int award_matches(const struct award_fact *f, const struct total *t)
{
	if (f->bloc_scope || strcmp(f->status, "granted") != 0 || f->year != t->year)
		return 0;
	if (!strcmp(t->what, "unit_awards"))
		return !strcmp(f->unit, t->unit);
	if (f->group != t->group)
		return 0;
	if (t->award && strcmp(f->award, t->award) != 0)
		return 0;
	if (t->klass && strcmp(f->klass, t->klass) != 0)
		return 0;
	return 1;
}

static void members(struct json *j, struct ctx *c)
{
	int i;
	const struct blocworld *bw = c->bw;

	json_arr(j, "members");
	for (i = 0; i < c->nmembers; i++)
		json_str(j, NULL, bw->units[c->members[i]].canon);
	json_end(j);
	/* who joined and who left since last year's report (a planted gap is not a move) */
	json_arr(j, "joined");
	for (i = 0; i < bw->nunits; i++)
		if (unit_member(&bw->units[i], c->year) && !unit_member(&bw->units[i], c->year - 1))
			json_str(j, NULL, bw->units[i].canon);
	json_end(j);
	json_arr(j, "left");
	for (i = 0; i < bw->nunits; i++)
		if (!unit_member(&bw->units[i], c->year) && unit_member(&bw->units[i], c->year - 1))
			json_str(j, NULL, bw->units[i].canon);
	json_end(j);
}

void truth_write(struct ctx *c, const struct docinfo *info, struct buf *out)
{
	struct doc *d = c->d;
	struct header *h = &c->hd;
	struct json j;
	size_t i;
	int k;
	char date[16];

	json_init(&j, out);
	json_obj(&j, NULL);
	json_bool(&j, "synthetic", 1);
	json_str(&j, "generator", "thidua-gen");
	json_int(&j, "schema", 1);
	json_int(&j, "seed", (int64_t)info->seed);
	json_str(&j, "file", info->path);
	json_str(&j, "format", info->format);
	json_str(&j, "encoding", info->encoding);
	json_obj(&j, "text");
	json_bool(&j, "nfd", info->nfd);
	json_bool(&j, "bom", info->bom);
	json_str(&j, "newline", info->crlf ? "crlf" : "lf");
	json_str(&j, "footnotes", info->footnotes);
	json_str(&j, "marker", info->marker ? info->marker : "");
	json_bool(&j, "markdown_residue", info->residue);
	json_end(&j);
	json_str(&j, "province", c->prov->name);
	json_str(&j, "bloc", c->bloc->name);
	if (info->duplicate_of) {
		json_obj(&j, "duplicate");
		json_str(&j, "of", info->duplicate_of);
		json_str(&j, "same", info->duplicate_kind);
		json_end(&j);
	} else {
		json_null(&j, "duplicate");
	}

	json_obj(&j, "doc");
	json_str(&j, "doc", info->name);
	json_str(&j, "number", h->numstr);
	json_int(&j, "number_n", h->number);
	json_str(&j, "doc_type", "BC");
	json_str(&j, "issuer", h->code);
	json_str(&j, "issuer_name", h->issuer);
	json_str(&j, "place", c->prov->place);
	snprintf(date, sizeof(date), "%04d-%02d-%02d", h->year, h->month, h->day);
	json_str(&j, "date", date);
	json_int(&j, "year", h->report_year);
	json_str(&j, "title", h->title);
	json_str(&j, "signer", h->signer);
	json_str(&j, "signer_role", h->signer_role);
	json_str(&j, "signer_authority", h->authority);
	json_str(&j, "lead_unit", h->lead_unit);
	json_arr(&j, "recipients");
	for (k = 0; k < h->nrecipients; k++)
		json_str(&j, NULL, h->recipients[k]);
	json_end(&j);
	json_end(&j);

	members(&j, c);

	json_arr(&j, "units");
	for (i = 0; i < d->nunits; i++) {
		const struct unit_fact *u = &d->units[i];
		json_obj(&j, NULL);
		json_str(&j, "unit", u->canon);
		json_str(&j, "kind", u->kind);
		json_arr(&j, "written");
		for (k = 0; k < u->nwritten; k++)
			json_str(&j, NULL, u->written[k]);
		json_end(&j);
		opt_int(&j, "score", u->score);
		opt_int(&j, "of", u->of);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "sections");
	for (i = 0; i < d->nsections; i++) {
		if (!d->sections[i].path[0])
			continue;
		json_obj(&j, NULL);
		json_str(&j, "path", d->sections[i].path);
		json_str(&j, "heading", d->sections[i].heading);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "footnotes");
	for (k = 1; k <= d->nnotes; k++) {
		int cite = -1, paras = 0, first = -1;
		size_t r;
		for (i = 0; i < d->nparas; i++) {
			for (r = 0; r < d->paras[i].nrefs; r++)
				if (d->paras[i].refs[r].n == k)
					cite = (int)i;
			if (d->paras[i].note == k && paras++ == 0)
				first = (int)i;
		}
		json_obj(&j, NULL);
		json_int(&j, "n", k);
		json_str(&j, "cited_in",
		         cite >= 0 && d->paras[cite].section >= 0
		             ? d->sections[d->paras[cite].section].path
		             : "");
		opt_int(&j, "cited_paragraph", cite >= 0 ? d->paras[cite].mainno : -1);
		json_int(&j, "paragraphs", paras);
		if (first >= 0) {
			/* about 60 bytes, ending at a character boundary */
			const struct buf *t = &d->paras[first].text;
			size_t end = t->n < 60 ? t->n : 60;
			while (end < t->n && ((unsigned char)t->p[end] & 0xC0) == 0x80)
				end--;
			span(&j, "starts", d, first, 0, end);
		}
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "page_breaks");
	for (i = 0; i < d->nbreaks; i++) {
		const struct page_break *b = &d->breaks[i];
		json_obj(&j, NULL);
		json_str(&j, "before", b->before);
		json_str(&j, "after", b->after);
		json_arr(&j, "footnotes");
		for (k = 0; k < b->nnotes; k++)
			json_int(&j, NULL, b->notes[k]);
		json_end(&j);
		opt_int(&j, "in_footnote", b->in_note ? b->in_note : -1);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "campaigns");
	for (i = 0; i < d->ncampaigns; i++) {
		const struct campaign_fact *f = &d->campaigns[i];
		json_obj(&j, NULL);
		span(&j, "name", d, f->para, f->a, f->b);
		json_str(&j, "normalized", f->normalized);
		json_str(&j, "kind", f->kind);
		json_str(&j, "unit", f->unit);
		json_int(&j, "year", c->year);
		where(&j, d, f->para);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "awards");
	for (i = 0; i < d->nawards; i++) {
		const struct award_fact *f = &d->awards[i];
		json_obj(&j, NULL);
		json_str(&j, "doc", info->name);
		json_int(&j, "year", f->year);
		json_str(&j, "unit", f->unit);
		json_str(&j, "award", f->award);
		knc_class(&j, d, f);
		json_str(&j, "grantor", f->grantor);
		json_str(&j, "level", f->level);
		json_str(&j, "status", f->status);
		opt_int(&j, "collectives", f->collectives);
		opt_int(&j, "individuals", f->individuals);
		opt_int(&j, "count", f->count);
		json_str(&j, "scope", f->bloc_scope ? "bloc" : "unit");
		json_bool(&j, "shared", f->shared);
		span(&j, "evidence", d, f->para, f->a, f->b);
		where(&j, d, f->para);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "figures");
	for (i = 0; i < d->nfigures; i++) {
		const struct figure *f = &d->figures[i];
		json_obj(&j, NULL);
		json_str(&j, "kind", f->kind);
		json_num(&j, "value", f->value);
		if (!strcmp(f->kind, "score") || !strcmp(f->kind, "ratio"))
			json_num(&j, "of", f->of);
		else
			json_null(&j, "of");
		json_str(&j, "noun", f->noun);
		json_str(&j, "qualifier", f->qualifier);
		json_str(&j, "unit", f->unit);
		json_arr(&j, "flags");
		if (f->flags & FIG_MALFORMED)
			json_str(&j, NULL, "malformed");
		json_end(&j);
		span(&j, "raw", d, f->para, f->a, f->b);
		if (!strcmp(f->kind, "rate")) {
			json_str(&j, "per", f->per);
			json_num(&j, "times", f->times);
		}
		where(&j, d, f->para);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "totals");
	for (i = 0; i < d->ntotals; i++) {
		const struct total *t = &d->totals[i];
		json_obj(&j, NULL);
		json_str(&j, "what", t->what);
		json_str(&j, "unit", t->unit);
		json_int(&j, "year", c->year);
		if (!strcmp(t->what, "money")) {
			json_int(&j, "stated", t->stated[0]);
			json_int(&j, "sum", t->sum[0]);
			json_arr(&j, "parts");
			for (k = 0; k < t->npidx; k++)
				json_int(&j, NULL, t->pidx[k]);
			json_end(&j);
			json_str(&j, "parts_of", "figures");
		} else {
			size_t f;
			json_str(&j, "grantor", t->grantor);
			json_str(&j, "awards", t->awards);
			json_arr(&j, "stated");
			json_int(&j, NULL, t->stated[0]);
			json_int(&j, NULL, t->stated[1]);
			json_end(&j);
			json_arr(&j, "sum");
			json_int(&j, NULL, t->sum[0]);
			json_int(&j, NULL, t->sum[1]);
			json_end(&j);
			json_arr(&j, "parts");
			for (f = t->from; f < t->to && f < d->nawards; f++)
				if (award_matches(&d->awards[f], t))
					json_int(&j, NULL, (int64_t)f);
			json_end(&j);
			json_str(&j, "parts_of", "awards");
		}
		json_bool(&j, "agrees", t->stated[0] == t->sum[0] && t->stated[1] == t->sum[1]);
		span(&j, "evidence", d, t->para, t->a, t->b);
		where(&j, d, t->para);
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "inconsistencies");
	for (i = 0; i < d->nincons; i++) {
		const struct incons *in = &d->incons[i];
		json_obj(&j, NULL);
		json_str(&j, "kind", in->kind);
		span(&j, "evidence", d, in->para, in->a, in->b);
		where(&j, d, in->para);
		if (in->detail[0]) {
			/* the kind's own members, already JSON */
			buf_addc(out, ',');
			buf_adds(out, in->detail);
		}
		json_end(&j);
	}
	json_end(&j);

	json_arr(&j, "noise");
	for (i = 0; i < d->nnoise; i++) {
		const struct noise_fact *n = &d->noise[i];
		json_obj(&j, NULL);
		json_str(&j, "kind", n->kind);
		json_str(&j, "written", n->written);
		json_str(&j, "correct", n->correct);
		where(&j, d, n->para);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
}

int truth_check(struct ctx *c, struct err *e)
{
	struct doc *d = c->d;
	size_t i, f;
	int bad = 0, k;

	for (i = 0; i < d->ntotals; i++) {
		const struct total *t = &d->totals[i];
		long long s0 = 0, s1 = 0;
		if (!strcmp(t->what, "money")) {
			for (k = 0; k < t->npidx; k++) {
				const struct figure *g = &d->figures[t->pidx[k]];
				s0 += (long long)(strcmp(g->kind, "rate") == 0 ? g->value * g->times
				                                               : g->value);
			}
		} else {
			for (f = t->from; f < t->to && f < d->nawards; f++)
				if (award_matches(&d->awards[f], t)) {
					s0 += d->awards[f].collectives > 0
					          ? d->awards[f].collectives
					          : 0;
					s1 += d->awards[f].individuals > 0
					          ? d->awards[f].individuals
					          : 0;
				}
		}
		if (s0 != t->sum[0] || s1 != t->sum[1]) {
			bad++;
			err_set(e,
			        "total %zu (%s %s %s): parts add to %lld/%lld, sum says %lld/%lld",
			        i, t->what, t->unit, t->awards, s0, s1, t->sum[0], t->sum[1]);
		}
	}
	for (i = 0; i < d->nawards; i++) {
		const struct award_fact *a = &d->awards[i];
		if (a->b <= a->a || a->b > d->paras[a->para].text.n) {
			bad++;
			err_set(e, "award %zu: empty or bad evidence span", i);
		}
	}
	/* every digit of the report is in a figure or in a number known not to be one */
	for (i = 0; i < d->nparas; i++) {
		const struct para *p = &d->paras[i];
		unsigned char *ok = xcalloc(p->text.n + 1, 1);
		size_t b, x;
		for (f = 0; f < d->nfigures; f++)
			if (d->figures[f].para == (int)i)
				for (x = d->figures[f].a; x < d->figures[f].b && x < p->text.n; x++)
					ok[x] = 1;
		for (k = 0; k < (int)p->nlabels; k++)
			for (x = p->labels[k].a; x < p->labels[k].b && x < p->text.n; x++)
				ok[x] = 1;
		for (b = 0; b < p->text.n; b++)
			if (p->text.p[b] >= '0' && p->text.p[b] <= '9' && !ok[b]) {
				bad++;
				err_set(
				    e,
				    "paragraph %zu: a number that is neither a figure nor a label: "
				    "…%.40s",
				    i, p->text.p + (b > 20 ? b - 20 : 0));
				break;
			}
		free(ok);
	}
	return bad;
}
