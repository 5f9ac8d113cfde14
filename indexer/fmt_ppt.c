/*
 * PowerPoint 97–2003 (.ppt) presentations, read on top of libgsf's OLE2 access ([MS-PPT]).
 *
 * The "PowerPoint Document" stream is a tree of records, saved incrementally: the
 * "Current User" stream points at the newest UserEditAtom, whose chain of persist
 * directories maps object ids to stream offsets (newest wins). From the document we take
 * the font collection and, per slide in order, the text of its shapes in drawing order.
 * Placeholder text (titles, bullets) is kept in the document's SlideListWithText and
 * referenced from the shape; text boxes carry their own. Notes pages follow their slide.
 *
 * Fonts: a StyleTextPropAtom after each text gives character runs; a run without a font
 * takes the one its master's text style gives for that kind of text and indent level. A
 * run in VNI-Times or .VnTime is decoded with that code page.
 *
 * Titles become headings, other paragraphs paragraphs. Everything is bounds-checked;
 * recursion and edit chains are bounded.
 */
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "office.h"
#include "ole2.h"

#define MAX_STREAM ((size_t)256 << 20)
#define MAX_DEPTH  32
#define MAX_EDITS  4096
#define MAX_FONTS  4096
#define NTYPES     9     /* text types: title, body, notes, (unused), other, center body, ... */
#define NLEVELS    5     /* indent levels */
#define MAX_SLIDES 65536 /* per list: slides, masters, notes */
#define MAX_TEXTS  ((size_t)1 << 20) /* texts in the slide lists */

enum {
	RT_DOCUMENT = 0x03E8,
	RT_SLIDE = 0x03EE,
	RT_SLIDEATOM = 0x03EF,
	RT_NOTES = 0x03F0,
	RT_NOTESATOM = 0x03F1,
	RT_ENVIRONMENT = 0x03F2,
	RT_SLIDEPERSIST = 0x03F3,
	RT_MAINMASTER = 0x03F8,
	RT_FONTCOLLECTION = 0x07D5,
	RT_OUTLINETEXTREF = 0x0F9E,
	RT_TEXTHEADER = 0x0F9F,
	RT_TEXTCHARS = 0x0FA0,
	RT_STYLETEXTPROP = 0x0FA1,
	RT_TXMASTERSTYLE = 0x0FA3,
	RT_TEXTCFEXCEPTION = 0x0FA4,
	RT_TEXTBYTES = 0x0FA8,
	RT_FONTENTITY = 0x0FB7,
	RT_SLIDELIST = 0x0FF0,
	RT_USEREDIT = 0x0FF5,
	RT_CURRENTUSER = 0x0FF6,
	RT_PERSISTDIR = 0x1772,
	RT_CLIENTTEXTBOX = 0xF00D,
};

/* A record header at off: body at off + 8, len bytes. */
struct rh {
	unsigned ver, inst, type;
	size_t body, len;
};

static int rh_at(struct span *s, size_t off, size_t end, struct rh *h)
{
	unsigned vi;

	if (off > end || end - off < 8 || !span_has(s, off, 8))
		return 0;
	vi = span_u16(s, off);
	h->ver = vi & 0xF;
	h->inst = vi >> 4;
	h->type = span_u16(s, off + 2);
	h->len = span_u32(s, off + 4);
	h->body = off + 8;
	/* a record that claims more than its parent holds is cut to fit */
	if (h->len > end - h->body)
		h->len = end - h->body;
	return 1;
}

/* One text of a slide: its kind (TextHeaderAtom) and where its characters and styles are. */
struct text {
	unsigned type;
	size_t chars, nchars; /* body offset and count */
	int wide;             /* TextCharsAtom (UTF-16) rather than TextBytesAtom */
	size_t style, nstyle; /* StyleTextPropAtom body, 0 length if none */
	int used;
};

struct styles;

struct slide {
	uint32_t persist, id;
	struct text *texts;
	size_t ntexts, cap;
	int done;          /* read already (a slide listed twice, notes shared) */
	struct styles *st; /* a master's text styles, once worked out */
};

struct keyed;

struct styles {
	int font[NTYPES][NLEVELS]; /* -1: not set */
};

struct ppt {
	struct span s;
	struct {
		uint32_t id, off, seq;
	} * persist;
	size_t npersist, pcap;
	struct office_font *fonts; /* by font entity number; cs UNKNOWN where none */
	size_t nfonts, fontcap;
	int default_font;
	struct styles env; /* the Environment's text styles */
	struct slide *slides[3];
	size_t nslides[3], slidecap[3], ntexts;
	struct keyed *byid[3]; /* slides[k] by id */
	struct fmt_ctx *cx;
	struct doc *d;
	struct office_text t;
	size_t work; /* bytes of slide and notes records walked: bounded, see walkable() */
};

/* ---------------------------------------------------------------- persist directory */

/* Entries are added newest edit first; after sorting, the first of each id wins. */
static void persist_add(struct ppt *p, uint32_t id, uint32_t off)
{
	p->persist = xgrow(p->persist, &p->pcap, p->npersist + 1, sizeof(*p->persist));
	p->persist[p->npersist].id = id;
	p->persist[p->npersist].off = off;
	p->persist[p->npersist].seq = (uint32_t)p->npersist;
	p->npersist++;
}

static int cmp_persist(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b; /* id, off, seq */

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[2] < y[2] ? -1 : x[2] > y[2];
}

static void persist_sort(struct ppt *p)
{
	size_t i, n = 0;

	if (p->npersist)
		qsort(p->persist, p->npersist, sizeof(*p->persist), cmp_persist);
	for (i = 0; i < p->npersist; i++)
		if (n == 0 || p->persist[n - 1].id != p->persist[i].id)
			p->persist[n++] = p->persist[i];
	p->npersist = n;
}

static int persist_find(const struct ppt *p, uint32_t id, size_t *off)
{
	size_t lo = 0, hi = p->npersist;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->persist[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->npersist && p->persist[lo].id == id) {
		*off = p->persist[lo].off;
		return 0;
	}
	return -1;
}

static int read_persist(struct ppt *p, size_t off, struct err *e)
{
	struct rh h;
	size_t i;

	if (!rh_at(&p->s, off, p->s.n, &h) || h.type != RT_PERSISTDIR)
		return err_set(e, "corrupt PowerPoint file: persist directory not where the edit "
		                  "says");
	for (i = 0; i + 4 <= h.len;) {
		uint32_t x = span_u32(&p->s, h.body + i), start = x & 0xFFFFF, n = x >> 20, k;
		i += 4;
		for (k = 0; k < n && i + 4 <= h.len; k++, i += 4)
			persist_add(p, start + k, span_u32(&p->s, h.body + i));
	}
	return 0;
}

/* Follow the edits from the newest; returns the document's persist id. */
static int read_edits(struct ppt *p, uint32_t off, uint32_t *docref, struct err *e)
{
	int n = 0;

	*docref = 0;
	while (n++ < MAX_EDITS) {
		struct rh h;
		uint32_t last, dir, ref;
		if (!rh_at(&p->s, off, p->s.n, &h) || h.type != RT_USEREDIT || h.len < 20)
			return err_set(e, "corrupt PowerPoint file: no user edit at offset %u",
			               (unsigned)off);
		last = span_u32(&p->s, h.body + 8);
		dir = span_u32(&p->s, h.body + 12);
		ref = span_u32(&p->s, h.body + 16);
		if (!*docref)
			*docref = ref;
		if (read_persist(p, dir, e) != 0)
			return -1;
		/* older edits lie before newer ones; anything else would loop */
		if (last == 0 || last >= off)
			break;
		off = last;
	}
	persist_sort(p);
	return 0;
}

/* ---------------------------------------------------------------- styles */

/*
 * TextPFException and TextCFException ([MS-PPT] 2.9.18, 2.9.19): mask bits say which
 * fields are present, in a fixed order; each table lists (mask, size) in that order.
 */
struct field {
	uint32_t mask;
	size_t size;
};

static size_t skip_fields(uint32_t m, size_t p, const struct field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m & f[i].mask)
			p += f[i].size;
	return p;
}

/* The end of the TextPFException at `at`. */
static size_t pf_skip(struct span *s, size_t at)
{
	/* bullet flags, char, font, size, color; alignment, spacing, margins, tab size */
	static const struct field before_tabs[] = {{0xF, 2},      {1u << 7, 2},  {1u << 4, 2},
	                                           {1u << 6, 2},  {1u << 5, 4},  {1u << 11, 2},
	                                           {1u << 12, 2}, {1u << 13, 2}, {1u << 14, 2},
	                                           {1u << 8, 2},  {1u << 10, 2}, {1u << 15, 2}};
	/* font alignment, wrap flags, text direction */
	static const struct field after_tabs[] = {{1u << 16, 2}, {7u << 17, 2}, {1u << 21, 2}};
	uint32_t m = span_u32(s, at);
	size_t p = skip_fields(m, at + 4, before_tabs, sizeof(before_tabs) / sizeof(*before_tabs));

	if (m & 1u << 20)
		p += 2 + 4 * (size_t)span_u16(s, p); /* tab stops: a count, then 4 bytes each */
	return skip_fields(m, p, after_tabs, sizeof(after_tabs) / sizeof(*after_tabs));
}

/* The end of the TextCFException at `at`; its font reference in *font (-1 if none). */
static size_t cf_read(struct span *s, size_t at, int *font)
{
	/* after the font: East Asian, ANSI and symbol fonts, size, color, position, the
	 * PowerPoint 10 run id, new East Asian and complex-script fonts, PowerPoint 11 data */
	static const struct field after_font[] = {
	    {1u << 21, 2}, {1u << 22, 2}, {1u << 23, 2}, {1u << 17, 2}, {1u << 18, 4},
	    {1u << 19, 2}, {1u << 20, 4}, {1u << 24, 2}, {1u << 25, 2}, {1u << 26, 4}};
	uint32_t m = span_u32(s, at);
	size_t p = at + 4;

	*font = -1;
	if (m & 0x3FB7)
		p += 2; /* font style bits */
	if (m & 1u << 16) {
		*font = (int)span_u16(s, p);
		p += 2;
	}
	return skip_fields(m, p, after_font, sizeof(after_font) / sizeof(*after_font));
}

static void read_master_style(struct ppt *p, const struct rh *h, struct styles *st)
{
	struct span b = span_sub(&p->s, h->body, h->len);
	size_t n, i, at = 2;

	if (b.bad || h->inst >= NTYPES)
		return;
	n = span_u16(&b, 0);
	for (i = 0; i < n && i < NLEVELS && !b.bad; i++) {
		int font;
		if (h->inst >= 5)
			at += 2; /* the level number */
		at = pf_skip(&b, at);
		at = cf_read(&b, at, &font);
		if (!b.bad && font >= 0)
			st->font[h->inst][i] = font;
	}
}

static void styles_init(struct styles *st)
{
	int i, k;

	for (i = 0; i < NTYPES; i++)
		for (k = 0; k < NLEVELS; k++)
			st->font[i][k] = -1;
}

/* Collect fonts, text styles and slide lists from a container's children (recursively). */
static void scan(struct ppt *p, size_t off, size_t end, struct styles *st, int list, int depth)
{
	struct rh h;

	if (depth > MAX_DEPTH)
		return;
	for (; rh_at(&p->s, off, end, &h); off = h.body + h.len) {
		struct slide *cur;
		size_t k;
		switch (h.type) {
		case RT_FONTENTITY:
			if (h.inst < MAX_FONTS && h.len >= 68) {
				if (h.inst >= p->nfonts) {
					p->fonts = xgrow(p->fonts, &p->fontcap, h.inst + 1,
					                 sizeof(*p->fonts));
					for (k = p->nfonts; k <= h.inst; k++)
						memset(&p->fonts[k], 0, sizeof(p->fonts[k]));
					p->nfonts = h.inst + 1;
				}
				p->fonts[h.inst] = office_font_utf16(p->s.p + h.body, 32);
				/* lfCharSet follows the 32-character face name */
				p->fonts[h.inst].symbol =
				    span_u8(&p->s, h.body + 64) == OFFICE_SYMBOL_CHARSET;
			}
			continue;
		case RT_TXMASTERSTYLE:
			if (st)
				read_master_style(p, &h, st);
			continue;
		case RT_TEXTCFEXCEPTION:
			if (st == &p->env && p->default_font < 0)
				cf_read(&p->s, h.body, &p->default_font);
			continue;
		case RT_SLIDELIST:
			if (h.inst < 3 && list)
				scan(p, h.body, h.body + h.len, NULL, 1 + (int)h.inst, depth + 1);
			continue;
		case RT_SLIDEPERSIST:
			k = (size_t)list - 1;
			if (list < 1 || h.len < 16 || p->nslides[k] >= MAX_SLIDES)
				continue;
			p->slides[k] = xgrow(p->slides[k], &p->slidecap[k], p->nslides[k] + 1,
			                     sizeof(*p->slides[k]));
			cur = &p->slides[k][p->nslides[k]++];
			memset(cur, 0, sizeof(*cur));
			cur->persist = span_u32(&p->s, h.body);
			cur->id = span_u32(&p->s, h.body + 12);
			continue;
		case RT_TEXTHEADER:
		case RT_TEXTCHARS:
		case RT_TEXTBYTES:
		case RT_STYLETEXTPROP:
			if (list >= 1 && p->nslides[list - 1]) {
				struct slide *sl = &p->slides[list - 1][p->nslides[list - 1] - 1];
				struct text *tx;
				if (h.type == RT_TEXTHEADER) {
					if (p->ntexts++ >= MAX_TEXTS)
						continue;
					sl->texts = xgrow(sl->texts, &sl->cap, sl->ntexts + 1,
					                  sizeof(*sl->texts));
					tx = &sl->texts[sl->ntexts++];
					memset(tx, 0, sizeof(*tx));
					tx->type = span_u32(&p->s, h.body);
				} else if (sl->ntexts) {
					tx = &sl->texts[sl->ntexts - 1];
					if (h.type == RT_STYLETEXTPROP) {
						tx->style = h.body;
						tx->nstyle = h.len;
					} else {
						tx->chars = h.body;
						tx->wide = h.type == RT_TEXTCHARS;
						tx->nchars = tx->wide ? h.len / 2 : h.len;
					}
				}
			}
			continue;
		default:
			break;
		}
		if (h.ver == 0xF && list == 0)
			scan(p, h.body, h.body + h.len, st, 0, depth + 1);
	}
}

/* ---------------------------------------------------------------- text */

static struct office_font font_ref(const struct ppt *p, int ref)
{
	struct office_font none = {VN_CS_UNKNOWN, 0, 0};

	if (ref < 0 || (size_t)ref >= p->nfonts)
		return none;
	return p->fonts[ref];
}

/* The font the master gives text of this type at this indent level. */
static int master_font(const struct ppt *p, const struct styles *st, unsigned type, unsigned level)
{
	/* center body, half and quarter body are body text; center title is a title */
	static const unsigned base[NTYPES] = {0, 1, 2, 3, 4, 1, 0, 1, 1};
	const struct styles *tries[2] = {st, &p->env};
	int i, k;

	if (type >= NTYPES)
		type = 4;
	if (level >= NLEVELS)
		level = NLEVELS - 1;
	for (i = 0; i < 2; i++) {
		if (!tries[i])
			continue;
		for (k = (int)level; k >= 0; k--) {
			if (tries[i]->font[type][k] >= 0)
				return tries[i]->font[type][k];
			if (tries[i]->font[base[type]][k] >= 0)
				return tries[i]->font[base[type]][k];
		}
	}
	return p->default_font;
}

static void end_para(struct ppt *p, int heading)
{
	char *s = office_take(&p->t, p->cx->nm);

	if (s)
		doc_add_block(p->d, heading ? BLK_HEADING : BLK_PARA, s, NULL);
}

struct run {
	size_t n;
	int value; /* indent level (paragraph runs) or font (character runs), -1 unset */
};

/*
 * The runs of a StyleTextPropAtom: paragraph runs, then character runs, each list with
 * counts that cover the text and one more character.
 */
static size_t style_runs(struct span *sty, size_t *at, size_t n, int chars, struct run *out)
{
	size_t k = 0, covered = 0;

	while (covered < n + 1 && k < n + 1 && span_has(sty, *at, 4)) {
		size_t cnt = span_u32(sty, *at);
		if (chars) {
			*at = cf_read(sty, *at + 4, &out[k].value);
		} else {
			out[k].value = (int)span_u16(sty, *at + 4);
			*at = pf_skip(sty, *at + 6);
		}
		if (sty->bad || cnt == 0)
			break;
		out[k++].n = cnt;
		covered += cnt;
	}
	return k;
}

/*
 * Emit one text: paragraphs at each carriage return, each stretch in its font. A run
 * without a font takes its master's for this kind of text at the paragraph's level.
 */
static void emit_text(struct ppt *p, const struct text *tx, const struct styles *st)
{
	struct span sty = tx->nstyle ? span_sub(&p->s, tx->style, tx->nstyle) : span_of(NULL, 0);
	size_t n = tx->nchars, i, at = 0, npf, ncf, pi = 0, ci = 0, pleft, cleft, seg = 0;
	int heading = tx->type == 0 || tx->type == 6;
	struct run *pf, *cf;
	struct office_font f;
	uint16_t *u;

	if (!span_has(&p->s, tx->chars, tx->wide ? 2 * n : n))
		return;
	u = xmalloc((n + 1) * sizeof(*u));
	pf = xcalloc(n + 1, sizeof(*pf));
	cf = xcalloc(n + 1, sizeof(*cf));
	for (i = 0; i < n; i++)
		u[i] = tx->wide ? (uint16_t)span_u16(&p->s, tx->chars + 2 * i)
		                : (uint16_t)span_u8(&p->s, tx->chars + i);
	npf = style_runs(&sty, &at, n, 0, pf);
	ncf = style_runs(&sty, &at, n, 1, cf);
	pleft = npf ? pf[0].n : (size_t)-1;
	cleft = ncf ? cf[0].n : (size_t)-1;
	f = font_ref(p, master_font(p, st, tx->type, 0));
	for (i = 0; i < n; i++) {
		int level = pi < npf ? pf[pi].value : 0, font = ci < ncf ? cf[ci].value : -1;
		struct office_font g =
		    font_ref(p, font >= 0 ? font : master_font(p, st, tx->type, (unsigned)level));
		if (g.cs != f.cs || g.upper != f.upper) {
			office_add_utf16(&p->t, u + seg, i - seg, f, 0);
			seg = i;
			f = g;
		}
		if (u[i] == 0x0D) {
			office_add_utf16(&p->t, u + seg, i - seg, f, 0);
			seg = i + 1;
			end_para(p, heading);
		} else if (u[i] == 0x0B) {
			u[i] = '\n'; /* a line break inside the paragraph */
		} else if (u[i] < 0x20 && u[i] != 0x09) {
			u[i] = ' ';
		}
		if (--pleft == 0 && ++pi < npf)
			pleft = pf[pi].n;
		if (--cleft == 0 && ++ci < ncf)
			cleft = cf[ci].n;
	}
	office_add_utf16(&p->t, u + seg, n - seg, f, 0);
	end_para(p, heading);
	free(u);
	free(pf);
	free(cf);
}

/* A text box's own text: TextHeaderAtom, the characters, the style. */
static void textbox(struct ppt *p, size_t off, size_t end, struct slide *sl,
                    const struct styles *st)
{
	struct rh h;
	struct text tx;
	int have = 0;

	memset(&tx, 0, sizeof(tx));
	tx.type = 4;
	for (; rh_at(&p->s, off, end, &h); off = h.body + h.len) {
		switch (h.type) {
		case RT_OUTLINETEXTREF: {
			uint32_t i = span_u32(&p->s, h.body);
			if (sl && i < sl->ntexts && !sl->texts[i].used) {
				sl->texts[i].used = 1;
				emit_text(p, &sl->texts[i], st);
			}
			break;
		}
		case RT_TEXTHEADER:
			if (have)
				emit_text(p, &tx, st);
			memset(&tx, 0, sizeof(tx));
			tx.type = span_u32(&p->s, h.body);
			have = 0;
			break;
		case RT_TEXTCHARS:
		case RT_TEXTBYTES:
			tx.chars = h.body;
			tx.wide = h.type == RT_TEXTCHARS;
			tx.nchars = tx.wide ? h.len / 2 : h.len;
			have = 1;
			break;
		case RT_STYLETEXTPROP:
			tx.style = h.body;
			tx.nstyle = h.len;
			break;
		default:
			break;
		}
	}
	if (have)
		emit_text(p, &tx, st);
}

/* Shapes of a drawing, in order: each text box is emitted where it comes. */
static void shapes(struct ppt *p, size_t off, size_t end, struct slide *sl, const struct styles *st,
                   int depth)
{
	struct rh h;

	if (depth > MAX_DEPTH)
		return;
	for (; rh_at(&p->s, off, end, &h); off = h.body + h.len) {
		if (h.type == RT_CLIENTTEXTBOX)
			textbox(p, h.body, h.body + h.len, sl, st);
		else if (h.ver == 0xF)
			shapes(p, h.body, h.body + h.len, sl, st, depth + 1);
	}
}

struct keyed {
	uint32_t key;
	size_t at;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static struct keyed *sorted(const struct slide *sl, size_t n, int by_persist)
{
	struct keyed *k = xmalloc((n + 1) * sizeof(*k));
	size_t i;

	for (i = 0; i < n; i++) {
		k[i].key = by_persist ? sl[i].persist : sl[i].id;
		k[i].at = i;
	}
	if (n)
		qsort(k, n, sizeof(*k), cmp_keyed);
	return k;
}

/*
 * Index the lists by id (masters and notes are found by id), and mark a slide listed a
 * second time as read already, so that a hostile list cannot make us read one slide
 * over and over.
 */
static void index_slides(struct ppt *p)
{
	struct keyed *order;
	size_t k, i;

	for (k = 0; k < 3; k++)
		p->byid[k] = sorted(p->slides[k], p->nslides[k], 0);
	order = sorted(p->slides[0], p->nslides[0], 1);
	for (i = 1; i < p->nslides[0]; i++)
		if (order[i].key == order[i - 1].key)
			p->slides[0][order[i].at].done = 1;
	free(order);
}

static struct slide *slide_by_id(struct ppt *p, int list, uint32_t id)
{
	size_t lo = 0, hi = p->nslides[list];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->byid[list][mid].key < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->nslides[list] && p->byid[list][lo].key == id)
		return &p->slides[list][p->byid[list][lo].at];
	return NULL;
}

/* The record at a persist id, if it is of the wanted type. */
static int object(struct ppt *p, uint32_t id, unsigned type, struct rh *h)
{
	size_t off;

	return persist_find(p, id, &off) == 0 && rh_at(&p->s, off, p->s.n, h) && h->type == type;
}

/* A master's text styles, over the environment's. */
/*
 * Whether another container of len bytes may be walked. Many persist ids can point at one
 * record; a file that makes us walk more than a few times its own size is not read on.
 */
static int walkable(struct ppt *p, size_t len)
{
	if (p->work > 4 * p->s.n)
		return 0;
	p->work += len;
	return 1;
}

/* A master's text styles, over the environment's; worked out once per master. */
static void master_styles(struct ppt *p, uint32_t master_id, struct styles *st)
{
	struct slide *m = slide_by_id(p, 1, master_id);
	struct rh h;

	styles_init(st);
	if (!m)
		return;
	if (!m->st) {
		m->st = xmalloc(sizeof(*m->st));
		styles_init(m->st);
		if ((object(p, m->persist, RT_MAINMASTER, &h) ||
		     object(p, m->persist, RT_SLIDE, &h)) &&
		    walkable(p, h.len))
			scan(p, h.body, h.body + h.len, m->st, 0, 1);
	}
	*st = *m->st;
}

static void one_slide(struct ppt *p, struct slide *sl)
{
	struct rh h, a;
	struct styles st;
	uint32_t master = 0, notes = 0;
	size_t i;

	styles_init(&st);
	if (object(p, sl->persist, RT_SLIDE, &h) && walkable(p, h.len)) {
		if (rh_at(&p->s, h.body, h.body + h.len, &a) && a.type == RT_SLIDEATOM &&
		    a.len >= 20) {
			master = span_u32(&p->s, a.body + 12);
			notes = span_u32(&p->s, a.body + 16);
		}
		master_styles(p, master, &st);
		shapes(p, h.body, h.body + h.len, sl, &st, 0);
	}
	/* placeholder text no shape referred to (or no drawing at all) */
	for (i = 0; i < sl->ntexts; i++)
		if (!sl->texts[i].used) {
			sl->texts[i].used = 1;
			emit_text(p, &sl->texts[i], &st);
		}
	if (notes) {
		struct slide *ns = slide_by_id(p, 2, notes);
		if (ns && !ns->done && object(p, ns->persist, RT_NOTES, &h) && walkable(p, h.len))
			shapes(p, h.body, h.body + h.len, ns, &st, 0);
		if (ns)
			ns->done = 1;
	}
}

static void ppt_free(struct ppt *p)
{
	size_t k, i;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < p->nslides[k]; i++) {
			free(p->slides[k][i].texts);
			free(p->slides[k][i].st);
		}
		free(p->slides[k]);
		free(p->byid[k]);
	}
	free(p->persist);
	free(p->fonts);
	office_text_free(&p->t);
}

int fmt_ppt_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e)
{
	struct ppt *p;
	unsigned char *cu = NULL, *doc = NULL;
	size_t ncu = 0, ndoc = 0, i;
	struct span cus;
	uint32_t docref, edit;
	struct rh h;
	int r;

	d->format = "ppt";
	r = ole2_stream(o, "Current User", 4096, &cu, &ncu, e);
	if (r > 0)
		return err_set(e, "not a PowerPoint 97-2003 file: no Current User stream");
	if (r < 0)
		return -1;
	cus = span_of(cu, ncu);
	if (span_u16(&cus, 2) != RT_CURRENTUSER || cus.bad) {
		free(cu);
		return err_set(e, "corrupt PowerPoint file: bad Current User stream");
	}
	if (span_u32(&cus, 12) == 0xF3D1C4DFu) {
		free(cu);
		return err_set(e, "encrypted PowerPoint file: it needs a password to be read");
	}
	edit = span_u32(&cus, 16);
	free(cu);
	r = ole2_stream(o, "PowerPoint Document", MAX_STREAM, &doc, &ndoc, e);
	if (r > 0)
		return err_set(e, "not a PowerPoint file: no PowerPoint Document stream");
	if (r < 0)
		return -1;
	p = xcalloc(1, sizeof(*p));
	p->s = span_of(doc, ndoc);
	p->cx = cx;
	p->d = d;
	p->t.typed_case = cx->typed_case;
	p->default_font = -1;
	styles_init(&p->env);
	r = read_edits(p, edit, &docref, e);
	if (r == 0 && !object(p, docref, RT_DOCUMENT, &h))
		r = err_set(e, "corrupt PowerPoint file: the document record is missing");
	if (r == 0) {
		/* the environment (fonts, default styles) first, then the slide lists */
		scan(p, h.body, h.body + h.len, &p->env, 0, 0);
		scan(p, h.body, h.body + h.len, NULL, 1, 0);
		index_slides(p);
		for (i = 0; i < p->nslides[0]; i++)
			if (!p->slides[0][i].done)
				one_slide(p, &p->slides[0][i]);
		d->encoding = office_encoding(&p->t);
	}
	ppt_free(p);
	free(p);
	free(doc);
	return r;
}
