#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena {
	struct arena *next;
	size_t used, cap;
	char data[];
};

#define PUSH(d, name)                                                                              \
	((d)->name = xgrow((d)->name, &(d)->c##name, (d)->n##name + 1, sizeof(*(d)->name)),        \
	 memset(&(d)->name[(d)->n##name], 0, sizeof(*(d)->name)), &(d)->name[(d)->n##name++])

struct doc *doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof(*d));
	d->cur = -1;
	d->section = -1;
	return d;
}

void doc_free(struct doc *d)
{
	size_t i;
	struct arena *a, *next;

	if (!d)
		return;
	for (i = 0; i < d->nparas; i++) {
		buf_free(&d->paras[i].text);
		free(d->paras[i].styles);
		free(d->paras[i].keeps);
		free(d->paras[i].refs);
		free(d->paras[i].labels);
	}
	for (i = 0; i < d->nunits; i++)
		free(d->units[i].written);
	free(d->paras);
	free(d->sections);
	free(d->awards);
	free(d->figures);
	free(d->campaigns);
	free(d->totals);
	free(d->incons);
	free(d->noise);
	free(d->units);
	free(d->breaks);
	for (a = d->arena; a; a = next) {
		next = a->next;
		free(a);
	}
	free(d);
}

void *doc_alloc(struct doc *d, size_t n)
{
	struct arena *a = d->arena;

	n = (n + 7) & ~(size_t)7;
	if (!a || a->cap - a->used < n) {
		size_t cap = n > 60000 ? n : 60000;
		a = xmalloc(sizeof(*a) + cap);
		a->cap = cap;
		a->used = 0;
		a->next = d->arena;
		d->arena = a;
	}
	a->used += n;
	return a->data + a->used - n;
}

char *doc_strndup(struct doc *d, const char *s, size_t n)
{
	char *p = doc_alloc(d, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *doc_strdup(struct doc *d, const char *s)
{
	return doc_strndup(d, s, strlen(s));
}

char *doc_printf(struct doc *d, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = doc_strndup(d, buf_str(&b), b.n);
	buf_free(&b);
	return s;
}

static int new_para(struct doc *d, enum pkind kind, int level, int note)
{
	struct para *p = PUSH(d, paras);

	p->kind = kind;
	p->level = level;
	p->note = note;
	p->section = d->section;
	p->unit = -1;
	if (!note)
		p->mainno = ++d->mainno;
	d->cur = (int)(d->nparas - 1);
	return d->cur;
}

int doc_para(struct doc *d, enum pkind kind, int level)
{
	return new_para(d, kind, level, 0);
}

int doc_note_para(struct doc *d, int note)
{
	return new_para(d, PK_BODY, 0, note);
}

void doc_section(struct doc *d, const char *path, const char *heading)
{
	struct section *s = PUSH(d, sections);

	s->path = doc_strdup(d, path);
	s->heading = doc_strdup(d, heading);
	d->section = (int)(d->nsections - 1);
}

struct para *doc_cur(struct doc *d)
{
	return &d->paras[d->cur];
}

size_t doc_pos(struct doc *d)
{
	return d->paras[d->cur].text.n;
}

void doc_raw(struct doc *d, const char *s, size_t n)
{
	buf_add(&d->paras[d->cur].text, s, n);
}

void doc_raws(struct doc *d, const char *s)
{
	doc_raw(d, s, strlen(s));
}

void doc_style(struct doc *d, size_t a, size_t b, unsigned style)
{
	struct para *p = doc_cur(d);

	if (b <= a)
		return;
	p->styles = xgrow(p->styles, &p->cstyles, p->nstyles + 1, sizeof(*p->styles));
	p->styles[p->nstyles].a = a;
	p->styles[p->nstyles].b = b;
	p->styles[p->nstyles].style = style;
	p->nstyles++;
}

void doc_keep(struct doc *d, size_t a, size_t b)
{
	struct para *p = doc_cur(d);

	p->keeps = xgrow(p->keeps, &p->ckeeps, p->nkeeps + 1, sizeof(*p->keeps));
	p->keeps[p->nkeeps].a = a;
	p->keeps[p->nkeeps].b = b;
	p->keeps[p->nkeeps].style = 0;
	p->nkeeps++;
}

void doc_nonfig(struct doc *d, size_t a, size_t b)
{
	struct para *p = doc_cur(d);

	if (b <= a)
		return;
	p->labels = xgrow(p->labels, &p->clabels, p->nlabels + 1, sizeof(*p->labels));
	p->labels[p->nlabels].a = a;
	p->labels[p->nlabels].b = b;
	p->labels[p->nlabels].style = 0;
	p->nlabels++;
}

void doc_label(struct doc *d, const char *s)
{
	size_t a = doc_pos(d);

	doc_raws(d, s);
	doc_nonfig(d, a, doc_pos(d));
}

int doc_reserve_note(struct doc *d)
{
	return d->nnotes + 1;
}

int doc_ref(struct doc *d)
{
	struct para *p = doc_cur(d);

	p->refs = xgrow(p->refs, &p->crefs, p->nrefs + 1, sizeof(*p->refs));
	p->refs[p->nrefs].pos = p->text.n;
	p->refs[p->nrefs].n = ++d->nnotes;
	p->nrefs++;
	return d->nnotes;
}

void doc_trim(struct doc *d)
{
	struct buf *t = &doc_cur(d)->text;

	while (t->n && t->p[t->n - 1] == ' ')
		t->p[--t->n] = 0;
}

struct award_fact *doc_award(struct doc *d)
{
	struct award_fact *a = PUSH(d, awards);
	a->para = d->cur;
	a->collectives = a->individuals = a->count = -1;
	a->klass = "";
	a->grantor = "";
	a->group = -1;
	a->level = "";
	return a;
}

struct figure *doc_figure(struct doc *d)
{
	struct figure *f = PUSH(d, figures);
	f->para = d->cur;
	f->noun = f->qualifier = f->per = f->unit = "";
	return f;
}

struct campaign_fact *doc_campaign(struct doc *d)
{
	struct campaign_fact *c = PUSH(d, campaigns);
	c->para = d->cur;
	c->unit = "";
	return c;
}

struct total *doc_total(struct doc *d)
{
	struct total *t = PUSH(d, totals);
	t->para = d->cur;
	t->unit = t->grantor = t->awards = "";
	return t;
}

struct incons *doc_incons(struct doc *d, const char *kind)
{
	struct incons *i = PUSH(d, incons);
	i->kind = kind;
	i->para = d->cur;
	i->detail = "";
	return i;
}

void doc_plant(struct doc *d, const char *kind, size_t a, const char *fmt, ...)
{
	struct incons *in = doc_incons(d, kind);
	struct buf b = BUF_INIT;
	va_list ap;

	in->a = a;
	in->b = doc_pos(d);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	in->detail = doc_strndup(d, buf_str(&b), b.n);
	buf_free(&b);
}

struct noise_fact *doc_noise(struct doc *d)
{
	struct noise_fact *n = PUSH(d, noise);
	n->para = d->cur;
	return n;
}

struct unit_fact *doc_unit(struct doc *d, const char *canon, int uidx, const char *kind)
{
	size_t i;
	struct unit_fact *u;

	for (i = 0; i < d->nunits; i++)
		if (strcmp(d->units[i].canon, canon) == 0)
			return &d->units[i];
	u = PUSH(d, units);
	u->canon = doc_strdup(d, canon);
	u->uidx = uidx;
	u->kind = kind;
	u->score = u->of = -1;
	return u;
}

void doc_unit_written(struct doc *d, struct unit_fact *u, const char *written)
{
	int i;

	for (i = 0; i < u->nwritten; i++)
		if (strcmp(u->written[i], written) == 0)
			return;
	u->written = xrealloc(u->written, (size_t)(u->nwritten + 1) * sizeof(*u->written));
	u->written[u->nwritten++] = doc_strdup(d, written);
}
