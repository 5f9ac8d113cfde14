#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"

static const char *const sup_digit[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

static void sup_number(int n, struct buf *out)
{
	char s[16];
	int i;

	snprintf(s, sizeof(s), "%d", n);
	for (i = 0; s[i]; i++)
		buf_adds(out, sup_digit[s[i] - '0']);
}

void render_marker(enum marker_style st, int n, struct buf *out)
{
	switch (st) {
	case MK_MIXED:
		if (n <= 2) {
			buf_adds(out, "⁽");
			sup_number(n, out);
			buf_adds(out, "⁾");
		} else {
			sup_number(n, out);
		}
		break;
	case MK_PAREN_SUP:
		buf_adds(out, "⁽");
		sup_number(n, out);
		buf_adds(out, "⁾");
		break;
	case MK_SUP:
		sup_number(n, out);
		break;
	case MK_BRACKET:
		buf_printf(out, "[%d]", n);
		break;
	default:
		buf_printf(out, "(%d)", n);
		break;
	}
}

/* One paragraph rendered: its text, where it may be cut, and the footnotes it cites. */
struct line {
	struct buf s;
	size_t *cuts; /* offsets of spaces where a page may end */
	size_t ncuts, ccuts;
	int refs[64];
	size_t refpos[64];
	int nrefs;
	int note;
};

static void line_free(struct line *l)
{
	buf_free(&l->s);
	free(l->cuts);
	memset(l, 0, sizeof(*l));
}

static void render_para(const struct para *p, const struct render_opts *o, int first_of_note,
                        struct line *l, struct rng *r)
{
	const char *t = p->text.p ? p->text.p : "";
	size_t n = p->text.n, i, k;
	unsigned char *blocked = calloc(n + 1, 1);

	memset(l, 0, sizeof(*l));
	l->note = p->note;
	for (k = 0; k < p->nkeeps; k++)
		for (i = p->keeps[k].a; i < p->keeps[k].b && i < n; i++)
			blocked[i] = 1;
	for (k = 0; k < p->nstyles; k++)
		for (i = p->styles[k].a; i < p->styles[k].b && i < n; i++)
			blocked[i] = 1;
	if (first_of_note) {
		render_marker(o->marker, p->note, &l->s);
		if (!(t[0] == '-' && rng_chance(r, 0.5)))
			buf_addc(&l->s, ' ');
	}
	for (i = 0; i <= n; i++) {
		/* at offset i: styles that end, footnote markers, styles that begin */
		if (o->residue)
			for (k = 0; k < p->nstyles; k++)
				if (p->styles[k].b == i)
					buf_adds(&l->s, p->styles[k].style & ST_BOLD ? "**" : "*");
		for (k = 0; k < p->nrefs; k++)
			if (p->refs[k].pos == i && l->nrefs < 64) {
				l->refs[l->nrefs] = p->refs[k].n;
				l->refpos[l->nrefs++] = l->s.n;
				render_marker(o->marker, p->refs[k].n, &l->s);
			}
		if (o->residue)
			for (k = p->nstyles; k-- > 0;)
				if (p->styles[k].a == i)
					buf_adds(&l->s, p->styles[k].style & ST_BOLD ? "**" : "*");
		if (i == n)
			break;
		if (t[i] == ' ' && !blocked[i] && i > 0) {
			l->cuts = xgrow(l->cuts, &l->ccuts, l->ncuts + 1, sizeof(*l->cuts));
			l->cuts[l->ncuts++] = l->s.n;
		}
		buf_addc(&l->s, t[i]);
	}
	free(blocked);
}

struct layout {
	struct ctx *c;
	const struct render_opts *o;
	struct rng *r;
	struct buf *out;
	int cap;            /* this page's size */
	int used;           /* bytes on this page so far */
	int max_cited;      /* highest footnote whose reference is already out */
	struct line *notes; /* rendered note paragraphs, by footnote number */
	size_t nnotes;
	size_t carry;     /* next note paragraph to place */
	size_t carry_off; /* offset into it (a footnote cut by the page before) */
	int flushed[64];  /* footnotes placed by the last flush */
	int nflushed;
	int started;
};

static void emit(struct layout *L, const char *s, size_t n)
{
	if (L->started)
		buf_adds(L->out, "\n\n");
	L->started = 1;
	buf_add(L->out, s, n);
}

/* Up to `max` words at the end (tail) or start of s[0..n), markdown residue dropped. */
static char *words(struct doc *d, const char *s, size_t n, int tail, int max)
{
	size_t a = 0, b = n, i;
	int w = 0;
	struct buf t = BUF_INIT;
	char *res;

	if (tail) {
		for (i = n; i > 0; i--)
			if (s[i - 1] == ' ' && ++w == max) {
				a = i;
				break;
			}
	} else {
		for (i = 0; i < n; i++)
			if (s[i] == ' ' && ++w == max) {
				b = i;
				break;
			}
	}
	for (i = a; i < b; i++)
		if (s[i] != '*')
			buf_addc(&t, s[i]);
	res = doc_strndup(d, buf_str(&t), t.n);
	buf_free(&t);
	return res;
}

static struct page_break *new_break(struct doc *d)
{
	struct page_break *pb;

	d->breaks = xgrow(d->breaks, &d->cbreaks, d->nbreaks + 1, sizeof(*pb));
	pb = &d->breaks[d->nbreaks++];
	memset(pb, 0, sizeof(*pb));
	return pb;
}

static void new_page(struct layout *L)
{
	L->cap = (int)rng_range(L->r, L->o->page_min, L->o->page_max);
	L->used = 0;
}

static void flushed(struct layout *L, int note)
{
	if (L->nflushed && L->flushed[L->nflushed - 1] == note)
		return;
	if (L->nflushed < 64)
		L->flushed[L->nflushed++] = note;
}

/* The foot of the page: the footnotes cited so far and not yet placed, in order. A long
 * footnote is cut where the room ends and goes on at the next foot. */
static void flush_notes(struct layout *L, int room)
{
	L->nflushed = 0;
	while (L->carry < L->nnotes && L->notes[L->carry].note <= L->max_cited) {
		struct line *nl = &L->notes[L->carry];
		size_t left = nl->s.n - L->carry_off;
		if ((int)left > room) {
			size_t best = 0, j;
			for (j = 0; j < nl->ncuts; j++)
				if (nl->cuts[j] > L->carry_off + 40 &&
				    nl->cuts[j] < L->carry_off + (size_t)(room > 0 ? room : 0) &&
				    nl->cuts[j] + 40 < nl->s.n)
					best = nl->cuts[j];
			if (best) {
				struct page_break *pb;
				emit(L, nl->s.p + L->carry_off, best - L->carry_off);
				flushed(L, nl->note);
				pb = new_break(L->c->d);
				pb->before = words(L->c->d, nl->s.p + L->carry_off,
				                   best - L->carry_off, 1, 6);
				pb->after =
				    words(L->c->d, nl->s.p + best + 1, nl->s.n - best - 1, 0, 6);
				pb->in_note = nl->note;
				L->carry_off = best + 1;
				return;
			}
			if (room <= 0)
				return;
		}
		emit(L, nl->s.p + L->carry_off, left);
		flushed(L, nl->note);
		room -= (int)left + 2;
		L->carry++;
		L->carry_off = 0;
	}
}

static void cited(struct layout *L, const struct line *ln, size_t a, size_t b)
{
	int k;
	for (k = 0; k < ln->nrefs; k++)
		if (ln->refpos[k] >= a && ln->refpos[k] < b && ln->refs[k] > L->max_cited)
			L->max_cited = ln->refs[k];
}

void render_text(struct ctx *c, const struct render_opts *o, struct rng *r, struct buf *out)
{
	struct doc *d = c->d;
	struct layout L;
	size_t i, k;
	int last_note = 0;

	memset(&L, 0, sizeof(L));
	L.c = c;
	L.o = o;
	L.r = r;
	L.out = out;
	/* the footnote bodies, in footnote order (each note's paragraphs in their order) */
	L.notes = xcalloc(d->nparas + 1, sizeof(*L.notes));
	for (k = 1; k <= (size_t)d->nnotes; k++)
		for (i = 0; i < d->nparas; i++)
			if (d->paras[i].note == (int)k) {
				render_para(&d->paras[i], o, last_note != (int)k,
				            &L.notes[L.nnotes++], r);
				last_note = (int)k;
			}
	new_page(&L);
	for (i = 0; i < d->nparas; i++) {
		const struct para *p = &d->paras[i];
		struct line ln;
		size_t pos = 0;

		if (p->note)
			continue;
		render_para(p, o, 0, &ln, r);
		for (;;) {
			size_t left = ln.s.n - pos, target, cut = 0;
			struct page_break *pb;
			if (L.used + (int)left <= L.cap)
				break;
			target = pos + (size_t)(L.cap - L.used);
			for (k = 0; k < ln.ncuts; k++)
				if (ln.cuts[k] > pos + 30 && ln.cuts[k] <= target &&
				    ln.cuts[k] + 30 < ln.s.n)
					cut = ln.cuts[k];
			if (!cut && pos == 0 && L.used > 0) {
				/* the page ends between paragraphs */
				flush_notes(&L, L.cap * 3 / 5);
				new_page(&L);
				continue;
			}
			if (!cut)
				for (k = 0; k < ln.ncuts && !cut; k++)
					if (ln.cuts[k] > target && ln.cuts[k] + 30 < ln.s.n)
						cut = ln.cuts[k];
			if (!cut)
				break;
			emit(&L, ln.s.p + pos, cut - pos);
			cited(&L, &ln, pos, cut);
			pb = new_break(d);
			pb->before = words(d, ln.s.p + pos, cut - pos, 1, 6);
			pb->after = words(d, ln.s.p + cut + 1, ln.s.n - cut - 1, 0, 6);
			flush_notes(&L, L.cap * 3 / 5);
			/* d->breaks may have moved: the main-flow break is the one made above, at
			 * the index before any footnote cut */
			{
				struct page_break *main_pb = &d->breaks[d->nbreaks - 1];
				int j;
				if (main_pb->in_note)
					main_pb = &d->breaks[d->nbreaks - 2];
				for (j = 0; j < L.nflushed && main_pb->nnotes < 8; j++)
					main_pb->notes[main_pb->nnotes++] = L.flushed[j];
			}
			new_page(&L);
			pos = cut + 1;
		}
		emit(&L, ln.s.p + pos, ln.s.n - pos);
		cited(&L, &ln, pos, ln.s.n);
		L.used += (int)(ln.s.n - pos) + 2;
		line_free(&ln);
		if (L.used >= L.cap) {
			flush_notes(&L, L.cap * 3 / 5);
			new_page(&L);
		}
	}
	/* the last page's footnotes close the text */
	L.max_cited = d->nnotes;
	flush_notes(&L, 1 << 30);
	for (i = 0; i < L.nnotes; i++)
		line_free(&L.notes[i]);
	free(L.notes);
	buf_addc(out, '\n');
}

void para_walk(const struct para *p, const struct para_walker *w, void *ctx)
{
	const char *t = p->text.p ? p->text.p : "";
	size_t n = p->text.n, i, k, from = 0;

	for (i = 0; i <= n; i++) {
		int event = 0;
		for (k = 0; k < p->nstyles && !event; k++)
			event = p->styles[k].a == i || p->styles[k].b == i;
		for (k = 0; k < p->nrefs && !event; k++)
			event = p->refs[k].pos == i;
		if (!event && i < n)
			continue;
		if (i > from)
			w->text(ctx, t + from, i - from);
		from = i;
		for (k = 0; k < p->nstyles; k++)
			if (p->styles[k].b == i && p->styles[k].a < i)
				w->style(ctx, p->styles[k].style, 0);
		for (k = 0; k < p->nrefs; k++)
			if (p->refs[k].pos == i)
				w->ref(ctx, p->refs[k].n);
		for (k = p->nstyles; k-- > 0;)
			if (p->styles[k].a == i && p->styles[k].b > i)
				w->style(ctx, p->styles[k].style, 1);
	}
}
