/*
 * Word 97–2003 (.doc) files, read on top of libgsf's OLE2 access ([MS-DOC]).
 *
 * Word keeps the text in the WordDocument stream as pieces (the piece table in the CLX),
 * each either 8-bit cp1252 or UTF-16. Character formatting is a sequence of CHPX runs
 * (PlcBteChpx -> 512-byte FKP pages) over stream offsets, paragraph formatting the same
 * with PAPX runs; both start from the style sheet (STSH), and fonts are numbers into the
 * font table (SttbfFfn). We need all of it for one reason: the font of every character,
 * because a run in .VnTime or VNI-Times must be decoded with that font's code page and a
 * run in Times New Roman must not.
 *
 * The text of the file is one sequence of character positions (CPs): the main document,
 * then the footnotes, headers and footers, comments, endnotes and text boxes. We read them
 * in that order; comments are left out (they are not part of the document as printed).
 *
 * Every offset, count and length comes from the file and is checked (struct span); a
 * structure that does not fit gives a one-line error naming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "formats.h"
#include "office.h"
#include "ole2.h"
#include "word_lists.h"

/* No real Word file comes near these; they only bound what a hostile one can make us do. */
#define MAX_STREAM      ((size_t)256 << 20)
#define MAX_STYLE_DEPTH 16
#define MAX_FIELD_DEPTH 32
#define MAX_RUNS        ((size_t)1 << 22) /* formatting runs of one kind */
#define MAX_SEEN        256               /* header and footer paragraphs remembered */

/* Subdocuments, in CP order (FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ...). */
enum { SUB_MAIN, SUB_FTN, SUB_HDD, SUB_MCR, SUB_ATN, SUB_EDN, SUB_TXBX, SUB_HDRTXBX, NSUB };

/* Indexes into FibRgFcLcb97 of the structures we read. */
enum {
	FC_STSHF = 1,
	FC_PLCFFNDREF = 2,
	FC_PLCFFNDTXT = 3,
	FC_PLCFBTECHPX = 12,
	FC_PLCFBTEPAPX = 13,
	FC_STTBFFFN = 15,
	FC_CLX = 33,
	FC_PLCFENDREF = 46,
	FC_PLCFENDTXT = 47,
	FC_PLFLST = 73,
	FC_PLFLFO = 74,
};

struct piece {
	uint32_t cp, cpend; /* [cp, cpend) */
	uint32_t fc;        /* byte offset in WordDocument of the first character */
	int compressed;     /* 8-bit cp1252 rather than UTF-16 */
};

/* One CHPX or PAPX run: stream bytes [fc, fcend) have the properties in grpprl. */
struct fkrun {
	uint32_t fc, fcend;
	struct span grpprl;
	unsigned istd; /* PAPX only: the paragraph style */
};

/* Character properties we care about. */
struct chp {
	int ftc;       /* font of ASCII text (rgftc0), -1 unknown */
	int ftc_other; /* font of other text (rgftc2), -1 unknown */
	int caps, vanish, deleted, spec;
	int istd; /* character style, -1 none */
};

struct pap {
	int in_table, ttp, inner_cell, inner_ttp;
	uint32_t itap;
	unsigned ilfo, ilvl; /* automatic numbering: list (1-based) and level */
};

struct style {
	int used;
	unsigned stk;  /* 1 paragraph, 2 character */
	unsigned base; /* istdBase, 0xFFF for none */
	unsigned sti;  /* built-in style id: 1..9 are Heading 1..9 */
	struct span papx, chpx;
};

struct word {
	struct span wd, tbl;
	uint32_t ccp[NSUB];
	struct piece *pieces;
	size_t npieces;
	uint16_t *text; /* every CP as UTF-16 */
	size_t ntext;
	struct fkrun *chpx, *papx;
	size_t nchpx, npapx;
	struct style *styles;
	size_t nstyles;
	int ftc_default, ftc_default_other;
	struct office_font *fonts;
	size_t nfonts;
	size_t fcbase; /* FibRgFcLcb in WordDocument, and its number of pairs */
	unsigned ncl;
	struct word_lists *lists;
	/* properties each style resolves to, computed once (bases can be long chains) */
	struct chp *style_chps;
	struct pap *style_paps;
	unsigned char *chp_done, *pap_done;
	struct chp chp_default;
	struct {
		unsigned para, chr;
		int valid;
		struct chp c;
	} pair[64]; /* paragraph style + character style, most recent pairs */
};

/* The structure at FibRgFcLcb97[i] in the table stream; empty span when absent. */
static int table_struct(struct word *w, unsigned i, struct span *out, const char *what,
                        struct err *e)
{
	uint32_t lcb, fc;

	*out = span_of(NULL, 0);
	if (i >= w->ncl)
		return 0;
	fc = span_u32(&w->wd, w->fcbase + 8 * (size_t)i);
	lcb = span_u32(&w->wd, w->fcbase + 8 * (size_t)i + 4);
	if (lcb == 0)
		return 0;
	if (!span_has(&w->tbl, fc, lcb))
		return err_set(e, "truncated Word file: %s beyond the table stream", what);
	*out = span_of(w->tbl.p + fc, lcb);
	return 0;
}

/* ---------------------------------------------------------------- sprms */

/*
 * A sprm is a 16-bit opcode followed by an operand whose size the opcode's top three bits
 * give ([MS-DOC] 2.2.5.1); two table and tab sprms carry their own longer size.
 */
static size_t sprm_operand(struct span *g, size_t off, unsigned op, size_t *start)
{
	unsigned spra = op >> 13;
	static const size_t fixed[8] = {1, 1, 2, 4, 2, 2, 0, 3};

	*start = off;
	if (spra != 6)
		return fixed[spra];
	if (op == 0xD608 || op == 0xD606) { /* sprmTDefTable(10): 2-byte size, plus one */
		unsigned cb = span_u16(g, off);
		*start = off + 2;
		return cb > 0 ? cb - 1 : 0;
	}
	if (op == 0xC615 && span_u8(g, off) == 255) { /* sprmPChgTabs, long form */
		size_t del = span_u8(g, off + 1), add;
		add = span_u8(g, off + 2 + 4 * del);
		*start = off + 1;
		return 1 + 4 * del + 1 + 3 * add;
	}
	*start = off + 1;
	return span_u8(g, off);
}

typedef void (*sprm_fn)(void *ctx, unsigned op, struct span *g, size_t at, size_t len);

static void sprm_each(struct span g, sprm_fn fn, void *ctx)
{
	size_t off = 0;

	while (off + 2 <= g.n && !g.bad) {
		unsigned op = span_u16(&g, off);
		size_t at, len = sprm_operand(&g, off + 2, op, &at);
		if (g.bad || !span_has(&g, at, len))
			break;
		fn(ctx, op, &g, at, len);
		off = at + len;
	}
}

/* Toggle operands ([MS-DOC] ToggleOperand): 0 off, 1 on, 0x80 as the style, 0x81 not. */
static int toggle(int cur, unsigned v)
{
	if (v == 0x80)
		return cur;
	if (v == 0x81)
		return !cur;
	return v != 0;
}

static void chp_sprm(void *ctx, unsigned op, struct span *g, size_t at, size_t len)
{
	struct chp *c = ctx;

	(void)len;
	switch (op) {
	case 0x4A4F: /* sprmCRgFtc0 */
		c->ftc = (int)span_u16(g, at);
		break;
	case 0x4A51: /* sprmCRgFtc2 */
		c->ftc_other = (int)span_u16(g, at);
		break;
	case 0x083B: /* sprmCFCaps */
		c->caps = toggle(c->caps, span_u8(g, at));
		break;
	case 0x083C: /* sprmCFVanish */
		c->vanish = toggle(c->vanish, span_u8(g, at));
		break;
	case 0x0800: /* sprmCFRMarkDel */
		c->deleted = span_u8(g, at) != 0;
		break;
	case 0x0855: /* sprmCFSpec */
		c->spec = span_u8(g, at) != 0;
		break;
	case 0x4A30: /* sprmCIstd */
		c->istd = (int)span_u16(g, at);
		break;
	default:
		break;
	}
}

static void pap_sprm(void *ctx, unsigned op, struct span *g, size_t at, size_t len)
{
	struct pap *p = ctx;

	(void)len;
	switch (op) {
	case 0x2416: /* sprmPFInTable */
		p->in_table = span_u8(g, at) != 0;
		break;
	case 0x2417: /* sprmPFTtp */
		p->ttp = span_u8(g, at) != 0;
		break;
	case 0x244B: /* sprmPFInnerTableCell */
		p->inner_cell = span_u8(g, at) != 0;
		break;
	case 0x244C: /* sprmPFInnerTtp */
		p->inner_ttp = span_u8(g, at) != 0;
		break;
	case 0x460B: /* sprmPIlfo */
		p->ilfo = span_u16(g, at);
		break;
	case 0x260A: /* sprmPIlvl */
		p->ilvl = span_u8(g, at);
		break;
	case 0x6649: /* sprmPItap */
		p->itap = span_u32(g, at);
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------- styles */

/* Character properties a style gives, following istdBase (bounded: bases can loop). */
static void style_chp(const struct word *w, unsigned istd, struct chp *c, int depth)
{
	const struct style *s;

	if (istd >= w->nstyles || !w->styles[istd].used || depth > MAX_STYLE_DEPTH)
		return;
	s = &w->styles[istd];
	if (s->base != 0xFFF && s->base != istd)
		style_chp(w, s->base, c, depth + 1);
	sprm_each(s->chpx, chp_sprm, c);
}

/* The character properties of a paragraph style over the document defaults, memoized. */
static const struct chp *para_chp(struct word *w, unsigned istd)
{
	static const struct chp none = {-1, -1, 0, 0, 0, 0, -1};
	struct chp *c;

	if (istd >= w->nstyles) {
		w->chp_default = none;
		w->chp_default.ftc = w->ftc_default;
		w->chp_default.ftc_other = w->ftc_default_other;
		return &w->chp_default;
	}
	c = &w->style_chps[istd];
	if (!w->chp_done[istd]) {
		*c = none;
		c->ftc = w->ftc_default;
		c->ftc_other = w->ftc_default_other;
		style_chp(w, istd, c, 0);
		w->chp_done[istd] = 1;
	}
	return c;
}

/* The paragraph properties a style gives (its own UPX-PAPX), memoized. */
static const struct pap *style_pap(struct word *w, unsigned istd)
{
	static const struct pap none;

	if (istd >= w->nstyles)
		return &none;
	if (!w->pap_done[istd]) {
		memset(&w->style_paps[istd], 0, sizeof(w->style_paps[istd]));
		sprm_each(w->styles[istd].papx, pap_sprm, &w->style_paps[istd]);
		w->pap_done[istd] = 1;
	}
	return &w->style_paps[istd];
}

static void parse_styles(struct word *w, struct span st)
{
	size_t cbstshi, off, i, cstd, cbbase;

	w->ftc_default = w->ftc_default_other = -1;
	if (st.n < 2)
		return;
	cbstshi = span_u16(&st, 0);
	cstd = span_u16(&st, 2);
	cbbase = span_u16(&st, 4);
	if (cbstshi >= 18) {
		w->ftc_default = (int)span_u16(&st, 2 + 12);
		w->ftc_default_other = (int)span_u16(&st, 2 + 16);
	}
	if (st.bad || cbbase < 10)
		return;
	/* at most one style per two bytes of the stylesheet, and istd has 12 bits */
	if (cstd > st.n / 2)
		cstd = st.n / 2;
	if (cstd > 0xFFF)
		cstd = 0xFFF;
	w->styles = xcalloc(cstd + 1, sizeof(*w->styles));
	w->style_chps = xcalloc(cstd + 1, sizeof(*w->style_chps));
	w->style_paps = xcalloc(cstd + 1, sizeof(*w->style_paps));
	w->chp_done = xcalloc(cstd + 1, 1);
	w->pap_done = xcalloc(cstd + 1, 1);
	w->nstyles = cstd;
	off = 2 + cbstshi;
	for (i = 0; i < cstd && !st.bad; i++) {
		size_t cb = span_u16(&st, off), p, cupx, k, name;
		struct span std;
		struct style *s = &w->styles[i];

		off += 2;
		if (cb == 0)
			continue;
		std = span_sub(&st, off, cb);
		off += cb;
		if (std.bad)
			break;
		s->sti = span_u16(&std, 0) & 0xFFF;
		s->stk = span_u16(&std, 2) & 0xF;
		s->base = span_u16(&std, 2) >> 4;
		cupx = span_u16(&std, 4) & 0xF;
		/* the name: a length, that many UTF-16 units, a NUL */
		name = span_u16(&std, cbbase);
		p = cbbase + 2 + 2 * name + 2;
		for (k = 0; k < cupx && k < 3; k++) {
			size_t cbupx;
			struct span upx;
			p += p & 1; /* every UPX starts at an even offset */
			cbupx = span_u16(&std, p);
			upx = span_sub(&std, p + 2, cbupx);
			p += 2 + cbupx;
			if (upx.bad)
				break;
			if (s->stk == 1 && k == 0 && upx.n >= 2) /* UPX-PAPX: istd, then sprms */
				s->papx = span_of(upx.p + 2, upx.n - 2);
			else if ((s->stk == 1 && k == 1) || (s->stk == 2 && k == 0))
				s->chpx = upx;
		}
		s->used = !std.bad;
	}
}

/* ---------------------------------------------------------------- fonts */

static void parse_fonts(struct word *w, struct span ff)
{
	size_t n = span_u16(&ff, 0), off = 4, i;

	if (ff.bad || n == 0)
		return;
	if (n > ff.n)
		n = ff.n; /* every font takes at least a byte */
	w->fonts = xcalloc(n, sizeof(*w->fonts));
	for (i = 0; i < n; i++) {
		size_t cb = span_u8(&ff, off);
		struct span ffn = span_sub(&ff, off + 1, cb);
		off += 1 + cb;
		if (ffn.bad)
			break;
		/* FFN: 39 bytes of metrics (the charset at 3), then the UTF-16 name */
		if (ffn.n > 39) {
			w->fonts[i] = office_font_utf16(ffn.p + 39, (ffn.n - 39) / 2);
			w->fonts[i].symbol = ffn.p[3] == OFFICE_SYMBOL_CHARSET;
		}
		w->nfonts = i + 1;
	}
}

static struct office_font font_of(const struct word *w, int ftc)
{
	struct office_font none = {VN_CS_UNKNOWN, 0, 0};

	if (ftc < 0 || (size_t)ftc >= w->nfonts)
		return none;
	return w->fonts[ftc];
}

/* ---------------------------------------------------------------- piece table and text */

static int parse_clx(struct word *w, struct span clx, struct err *e)
{
	size_t off = 0, n, i, lcb;
	struct span plc;

	/* Prc entries (piece formatting) come first; skip them */
	while (off < clx.n && span_u8(&clx, off) == 1)
		off += 3 + (size_t)(int16_t)span_u16(&clx, off + 1);
	if (clx.bad || span_u8(&clx, off) != 2)
		return err_set(e, "corrupt Word file: no piece table in the CLX");
	lcb = span_u32(&clx, off + 1);
	plc = span_sub(&clx, off + 5, lcb);
	if (plc.bad || lcb < 4 || (lcb - 4) % 12)
		return err_set(e, "truncated Word file: piece table beyond the table stream");
	n = (lcb - 4) / 12;
	w->pieces = xcalloc(n + 1, sizeof(*w->pieces));
	for (i = 0; i < n; i++) {
		struct piece *p = &w->pieces[i];
		uint32_t fc = span_u32(&plc, 4 * (n + 1) + 8 * i + 2);
		p->cp = span_u32(&plc, 4 * i);
		p->cpend = span_u32(&plc, 4 * (i + 1));
		p->compressed = (fc & 0x40000000u) != 0;
		p->fc = p->compressed ? (fc & ~0x40000000u) / 2 : fc;
		if (p->cpend < p->cp || (i > 0 && p->cp != w->pieces[i - 1].cpend))
			return err_set(e, "corrupt Word file: piece table out of order");
	}
	w->npieces = n;
	return 0;
}

/* cp1252 as Word's 8-bit pieces mean it, through ICU. */
static int load_text(struct word *w, struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv;
	size_t i, total;

	total = w->npieces ? w->pieces[w->npieces - 1].cpend : 0;
	/* every character takes at least one byte of the stream */
	if (total > w->wd.n)
		return err_set(e,
		               "corrupt Word file: piece table claims %zu characters in a "
		               "%zu-byte stream",
		               total, w->wd.n);
	cv = ucnv_open("windows-1252", &st);
	if (U_FAILURE(st))
		return err_set(e, "ICU: no windows-1252 converter: %s", u_errorName(st));
	w->text = xmalloc((total + 1) * sizeof(uint16_t));
	w->ntext = total;
	for (i = 0; i < w->npieces; i++) {
		const struct piece *p = &w->pieces[i];
		size_t n = p->cpend - p->cp, k;
		uint16_t *t = w->text + p->cp;
		if (!span_has(&w->wd, p->fc, p->compressed ? n : 2 * n)) {
			ucnv_close(cv);
			return err_set(e,
			               "truncated Word file: text piece %zu beyond the "
			               "WordDocument stream",
			               i);
		}
		if (p->compressed) {
			int32_t got;
			st = U_ZERO_ERROR;
			got = ucnv_toUChars(cv, (UChar *)t, (int32_t)n + 1,
			                    (const char *)w->wd.p + p->fc, (int32_t)n, &st);
			/* windows-1252 is one unit per byte; anything else is not text */
			for (k = (size_t)(got > 0 ? got : 0); k < n; k++)
				t[k] = 0xFFFD;
		} else {
			for (k = 0; k < n; k++)
				t[k] = (uint16_t)(w->wd.p[p->fc + 2 * k] |
				                  w->wd.p[p->fc + 2 * k + 1] << 8);
		}
	}
	ucnv_close(cv);
	return 0;
}

/* Stream offset of the character at cp, updating *pi (the piece it is in) as a hint. */
static int cp_to_fc(const struct word *w, uint32_t cp, size_t *pi, uint32_t *fc)
{
	size_t lo = 0, hi = w->npieces;

	if (*pi < w->npieces && cp >= w->pieces[*pi].cp && cp < w->pieces[*pi].cpend) {
		lo = *pi;
	} else {
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (w->pieces[mid].cpend <= cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo >= w->npieces)
			return -1;
		*pi = lo;
	}
	*fc = w->pieces[lo].fc + (cp - w->pieces[lo].cp) * (w->pieces[lo].compressed ? 1 : 2);
	return 0;
}

/* ---------------------------------------------------------------- FKP pages */

static int cmp_run(const void *a, const void *b)
{
	const struct fkrun *x = a, *y = b;
	return x->fc < y->fc ? -1 : x->fc > y->fc;
}

/*
 * Read the runs of every FKP page a PlcBteChpx / PlcBtePapx names. Pages are 512 bytes in
 * WordDocument; the last byte counts the runs, then come run boundaries and, per run, the
 * offset (in 2-byte words) of its property bytes within the page. Returns the number of
 * pages that lie beyond the stream (their text is read without that formatting).
 */
static size_t parse_fkps(struct word *w, struct span plc, int papx, struct fkrun **out,
                         size_t *nout)
{
	size_t npages, i, n = 0, cap = 0, missing = 0, read;
	struct fkrun *runs = NULL;

	*out = NULL;
	*nout = 0;
	if (plc.n < 4)
		return 0;
	npages = (plc.n - 4) / 8;
	/* no more pages than the stream holds (a hostile table may name one page many times) */
	read = npages < w->wd.n / 512 + 1 ? npages : w->wd.n / 512 + 1;
	for (i = 0; i < read; i++) {
		uint32_t pn = span_u32(&plc, 4 * (npages + 1) + 4 * i) & 0x3FFFFF;
		struct span page = span_sub(&w->wd, (size_t)pn * 512, 512);
		size_t crun, k;
		if (page.bad) {
			missing++;
			continue;
		}
		crun = span_u8(&page, 511);
		if (4 * (crun + 1) + (papx ? 13 : 1) * crun > 511)
			continue; /* a page that does not fit its own count: skip it */
		if (n + crun > MAX_RUNS)
			break;
		runs = xgrow(runs, &cap, n + crun, sizeof(*runs));
		for (k = 0; k < crun; k++) {
			struct fkrun *r = &runs[n];
			size_t b = 2 * (size_t)span_u8(&page, 4 * (crun + 1) + (papx ? 13 : 1) * k);
			r->fc = span_u32(&page, 4 * k);
			r->fcend = span_u32(&page, 4 * (k + 1));
			r->grpprl = span_of(NULL, 0);
			r->istd = 0;
			if (r->fcend <= r->fc)
				continue;
			if (b && !papx) {
				r->grpprl = span_sub(&page, b + 1, span_u8(&page, b));
			} else if (b) {
				size_t cb = span_u8(&page, b), len, at;
				if (cb) {
					len = 2 * cb - 1, at = b + 1;
				} else {
					len = 2 * (size_t)span_u8(&page, b + 1), at = b + 2;
				}
				r->grpprl = span_sub(&page, at, len);
				if (r->grpprl.n >= 2) {
					r->istd = span_u16(&r->grpprl, 0);
					r->grpprl.p += 2, r->grpprl.n -= 2;
				}
			}
			if (r->grpprl.bad)
				r->grpprl = span_of(NULL, 0);
			n++;
		}
	}
	if (n)
		qsort(runs, n, sizeof(*runs), cmp_run);
	*out = runs;
	*nout = n;
	return missing;
}

static const struct fkrun *run_at(const struct fkrun *runs, size_t n, uint32_t fc)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (runs[mid].fcend <= fc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && runs[lo].fc <= fc ? &runs[lo] : NULL;
}

/* ---------------------------------------------------------------- walking the text */

/*
 * Where the footnotes (or endnotes) are referenced in the main text (PlcfXndRef), and the
 * number each one shows: automatic ones count 1, 2, 3…; one with its own mark (FRD <= 0)
 * shows that mark, which is in the text already.
 */
struct noterefs {
	uint32_t *cp;
	unsigned *num; /* 0: its own mark */
	size_t n;
};

static void read_noterefs(struct span ref, struct noterefs *r)
{
	size_t n = ref.n >= 4 ? (ref.n - 4) / 6 : 0, i;
	unsigned count = 0;

	r->cp = xmalloc((n + 1) * sizeof(*r->cp));
	r->num = xmalloc((n + 1) * sizeof(*r->num));
	r->n = 0;
	for (i = 0; i < n; i++) {
		r->cp[i] = span_u32(&ref, 4 * i);
		r->num[i] = (int16_t)span_u16(&ref, 4 * (n + 1) + 2 * i) > 0 ? ++count : 0;
		if (ref.bad || (i > 0 && r->cp[i] <= r->cp[i - 1]))
			return; /* out of order: keep the references read so far */
		r->n = i + 1;
	}
}

/* The number of the note referenced at cp, or 0. */
static unsigned noteref_at(const struct noterefs *r, uint32_t cp)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->cp[lo] == cp ? r->num[lo] : 0;
}

struct walk {
	struct word *w;
	struct fmt_ctx *cx;
	struct doc *d;
	struct office_text t;
	size_t piece; /* hint for cp_to_fc */
	/* fields: each level is 1 while in its instructions (hidden), 0 in its result */
	unsigned char field[MAX_FIELD_DEPTH];
	int nfield, field_overflow;
	/* the run being collected */
	uint16_t *seg;
	size_t nseg, segcap;
	struct office_font segfont;
	int segcaps;
	/* the automatic number of the paragraph being read, if any */
	struct office_text num;
	struct noterefs fn, en; /* footnote and endnote references */
	/* tables */
	struct buf cell;
	int row, col, in_table;
	/* headers and footers repeat per section: keep each text once */
	char **seen;
	size_t nseen, seencap;
};

static void flush_seg(struct walk *k)
{
	office_add_utf16(&k->t, k->seg, k->nseg, k->segfont, k->segcaps);
	k->nseg = 0;
}

static void put_char(struct walk *k, uint16_t c, struct office_font f, int caps)
{
	if (k->nseg && (f.cs != k->segfont.cs || f.upper != k->segfont.upper || caps != k->segcaps))
		flush_seg(k);
	k->segfont = f;
	k->segcaps = caps;
	k->seg = xgrow(k->seg, &k->segcap, k->nseg + 1, sizeof(*k->seg));
	k->seg[k->nseg++] = c;
}

/*
 * A note's number where it is referenced, in superscript digits as the reader sees it —
 * layout ties the note to the paragraph that cites it by that marker.
 */
static void put_marker(struct walk *k, unsigned n)
{
	static const uint16_t sup[10] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
	                                 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
	char digits[16];
	size_t i;

	if (n == 0)
		return;
	snprintf(digits, sizeof(digits), "%u", n);
	for (i = 0; digits[i]; i++)
		put_char(k, sup[digits[i] - '0'], font_of(k->w, -1), 0);
}

static int hidden_by_field(const struct walk *k)
{
	int i;

	for (i = 0; i < k->nfield; i++)
		if (k->field[i])
			return 1;
	return k->field_overflow > 0;
}

/* Paragraph properties at the paragraph mark cp. */
static void pap_at(struct walk *k, uint32_t cp, struct pap *p, unsigned *istd)
{
	const struct fkrun *r;
	uint32_t fc;

	memset(p, 0, sizeof(*p));
	*istd = 0;
	if (cp_to_fc(k->w, cp, &k->piece, &fc) != 0)
		return;
	r = run_at(k->w->papx, k->w->npapx, fc);
	if (!r)
		return;
	*istd = r->istd;
	*p = *style_pap(k->w, r->istd);
	sprm_each(r->grpprl, pap_sprm, p);
}

static void chp_at(struct walk *k, uint32_t cp, unsigned para_istd, struct chp *c)
{
	struct word *w = k->w;
	const struct fkrun *r = NULL;
	uint32_t fc;
	struct chp direct;

	*c = *para_chp(w, para_istd);
	if (cp_to_fc(w, cp, &k->piece, &fc) == 0)
		r = run_at(w->chpx, w->nchpx, fc);
	if (!r)
		return;
	/* a character style applies under the run's own formatting */
	memset(&direct, 0, sizeof(direct));
	direct.istd = -1;
	sprm_each(r->grpprl, chp_sprm, &direct);
	if (direct.istd > 0 && direct.istd != 10) {
		unsigned h = (para_istd * 31u + (unsigned)direct.istd) % 64;
		if (!w->pair[h].valid || w->pair[h].para != para_istd ||
		    w->pair[h].chr != (unsigned)direct.istd) {
			style_chp(w, (unsigned)direct.istd, c, 0);
			w->pair[h].para = para_istd;
			w->pair[h].chr = (unsigned)direct.istd;
			w->pair[h].c = *c;
			w->pair[h].valid = 1;
		}
		*c = w->pair[h].c;
	}
	sprm_each(r->grpprl, chp_sprm, c);
}

/* Which font decides a run: the "other" font for non-ASCII text when it is set. */
static struct office_font chp_font(const struct word *w, const struct chp *c, uint16_t ch)
{
	if (ch >= 0x80 && c->ftc_other >= 0 && c->ftc != c->ftc_other &&
	    font_of(w, c->ftc).cs == VN_CS_UNKNOWN)
		return font_of(w, c->ftc_other);
	return font_of(w, c->ftc);
}

static int seen_before(struct walk *k, const char *s)
{
	size_t i;

	for (i = 0; i < k->nseen; i++)
		if (strcmp(k->seen[i], s) == 0)
			return 1;
	if (k->nseen >= MAX_SEEN)
		return 0;
	k->seen = xgrow(k->seen, &k->seencap, k->nseen + 1, sizeof(*k->seen));
	k->seen[k->nseen++] = xstrdup(s);
	return 0;
}

/*
 * Emit a paragraph. Text in a table collects into its cell until the cell mark; a heading
 * style makes a heading; footnotes and endnotes are one block each (see walk_notes).
 */
static void end_para(struct walk *k, int sub, int heading)
{
	char *s, *num;

	flush_seg(k);
	s = office_take(&k->t, k->cx->nm);
	num = office_take(&k->num, k->cx->nm);
	if (s && num) { /* a numbered paragraph: "1. Text" */
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s %s", num, s);
		free(s);
		s = buf_detach(&b);
	}
	free(num);
	if (!s)
		return;
	if (k->in_table) {
		if (k->cell.n)
			buf_addc(&k->cell, '\n');
		buf_adds(&k->cell, s);
		free(s);
		return;
	}
	if (sub == SUB_HDD && seen_before(k, s)) {
		free(s);
		return;
	}
	doc_add_block(k->d, heading ? BLK_HEADING : BLK_PARA, s, NULL);
}

static void end_cell(struct walk *k, int row_end)
{
	if (!row_end && k->cell.n) {
		struct block *b = doc_add_block(k->d, BLK_CELL, buf_detach(&k->cell), NULL);
		b->row = k->row;
		b->col = k->col;
	}
	buf_reset(&k->cell);
	if (row_end) {
		k->row++;
		k->col = 0;
	} else {
		k->col++;
	}
}

/*
 * The automatic number of a paragraph, into k->num: the level's text with the numbers
 * filled in ("Điều 3.", "II.", "a)"), in the font the level's formatting gives; a bullet
 * as "•".
 */
static void number(struct walk *k, const struct pap *pap, unsigned istd)
{
	struct word_number n;
	struct chp c;
	size_t i;
	static const uint16_t bullet = 0x2022;

	if (word_lists_next(k->w->lists, pap->ilfo, pap->ilvl, &n) != 0 || n.n == 0)
		return;
	if (n.bullet) {
		office_add_utf16(&k->num, &bullet, 1, font_of(k->w, -1), 0);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.ftc = k->w->ftc_default;
	c.ftc_other = k->w->ftc_default_other;
	c.istd = -1;
	style_chp(k->w, istd, &c, 0);
	sprm_each(n.chpx, chp_sprm, &c);
	/* one run: VNI letters are two characters, and digits read the same in every table */
	for (i = 0; i < n.n && n.text[i] < 0x80; i++)
		;
	office_add_utf16(&k->num, n.text, n.n, chp_font(k->w, &c, i < n.n ? n.text[i] : 'A'),
	                 c.caps);
}

/*
 * Walk CPs [a, b) of one subdocument, paragraph by paragraph. Field instructions are
 * skipped and their results kept; pictures, note references and other special characters
 * are dropped; hidden and deleted text is left out.
 */
static void walk_range(struct walk *k, uint32_t a, uint32_t b, int sub)
{
	const struct word *w = k->w;
	uint32_t cp = a;

	k->nfield = k->field_overflow = 0;
	while (cp < b) {
		uint32_t end = cp, i;
		struct pap pap;
		unsigned istd;
		struct chp chp;
		const struct fkrun *lastrun = NULL;
		int heading, have_chp = 0;
		uint16_t mark;

		while (end < b - 1 && w->text[end] != 0x0D && w->text[end] != 0x07 &&
		       w->text[end] != 0x0C)
			end++;
		mark = w->text[end];
		pap_at(k, end, &pap, &istd);
		heading = istd < w->nstyles && w->styles[istd].sti >= 1 && w->styles[istd].sti <= 9;
		if (!pap.in_table && k->in_table) {
			if (k->cell.n)
				end_cell(k, 0);
			k->in_table = 0;
			k->row = k->col = 0;
		}
		if (pap.in_table && sub != SUB_FTN && sub != SUB_EDN)
			k->in_table = 1;
		if (pap.ilfo)
			number(k, &pap, istd);
		memset(&chp, 0, sizeof(chp));
		for (i = cp; i < end; i++) {
			uint16_t c = w->text[i];
			uint32_t fc;
			const struct fkrun *r = NULL;

			/* runs are long: look one up only when the text leaves the last one */
			if (cp_to_fc(w, i, &k->piece, &fc) == 0)
				r = lastrun && fc >= lastrun->fc && fc < lastrun->fcend
				        ? lastrun
				        : run_at(w->chpx, w->nchpx, fc);
			if (!have_chp || r != lastrun) {
				chp_at(k, i, istd, &chp);
				lastrun = r;
				have_chp = 1;
			}
			if (c == 0x13) {
				if (k->nfield < MAX_FIELD_DEPTH)
					k->field[k->nfield++] = 1;
				else
					k->field_overflow++;
				continue;
			}
			if (c == 0x14) {
				if (!k->field_overflow && k->nfield)
					k->field[k->nfield - 1] = 0;
				continue;
			}
			if (c == 0x15) {
				if (k->field_overflow)
					k->field_overflow--;
				else if (k->nfield)
					k->nfield--;
				continue;
			}
			if (hidden_by_field(k) || chp.vanish || chp.deleted)
				continue;
			if (c == 0x0B || c == 0x0E) { /* line and column breaks */
				put_char(k, '\n', font_of(w, -1), 0);
				continue;
			}
			if (c == 0x02 && sub == SUB_MAIN) { /* a footnote or endnote reference */
				unsigned n = noteref_at(&k->fn, i);
				put_marker(k, n ? n : noteref_at(&k->en, i));
				continue;
			}
			if (c == 0x1E) { /* non-breaking hyphen */
				put_char(k, '-', font_of(w, -1), 0);
				continue;
			}
			if ((c < 0x20 && c != 0x09) || (chp.spec && c == 0x28))
				continue; /* pictures, note references, symbols, optional hyphens */
			put_char(k, c, chp_font(w, &chp, c), chp.caps);
		}
		end_para(k, sub, heading && !k->in_table);
		/* nested tables (itap > 1) end their cells with 0x0D: they stay in the outer cell
		 */
		if (k->in_table && mark == 0x07)
			end_cell(k, pap.ttp);
		cp = end + 1;
	}
	if (k->in_table) {
		if (k->cell.n)
			end_cell(k, 0);
		k->in_table = 0;
		k->row = k->col = 0;
	}
}

/*
 * Footnotes or endnotes: PlcfXndTxt cuts the subdocument into notes, PlcfXndRef says
 * whether each is numbered automatically (FRD > 0) or carries its own mark.
 */
static void walk_notes(struct walk *k, struct span ref, struct span txt, uint32_t base,
                       uint32_t len)
{
	size_t n = ref.n >= 4 ? (ref.n - 4) / 6 : 0, i, number = 0;
	uint32_t prev = 0;

	if (txt.n / 4 < n + 1)
		n = txt.n >= 4 ? txt.n / 4 - 1 : 0;
	for (i = 0; i < n; i++) {
		uint32_t a = span_u32(&txt, 4 * i), b = span_u32(&txt, 4 * (i + 1));
		int16_t frd = (int16_t)span_u16(&ref, 4 * (n + 1) + 2 * i);
		char mark[24];
		struct buf body = BUF_INIT;
		size_t first = k->d->nblocks, j;

		/* notes follow each other; overlapping ones would be read again and again */
		if (txt.bad || ref.bad || b <= a || b > len || a < prev)
			break;
		prev = b;
		if (frd > 0)
			snprintf(mark, sizeof(mark), "%zu", ++number);
		else
			snprintf(mark, sizeof(mark), "*");
		walk_range(k, base + a, base + b, SUB_FTN);
		/* the paragraphs of one note become one footnote block */
		for (j = first; j < k->d->nblocks; j++) {
			if (body.n)
				buf_addc(&body, '\n');
			buf_adds(&body, k->d->blocks[j].text);
			free(k->d->blocks[j].text);
		}
		k->d->nblocks = first;
		if (body.n)
			doc_add_block(k->d, BLK_FOOTNOTE, buf_detach(&body), xstrdup(mark));
		buf_free(&body);
	}
}

/* ---------------------------------------------------------------- the reader */

static void word_free(struct word *w)
{
	free(w->pieces);
	free(w->text);
	free(w->chpx);
	free(w->papx);
	free(w->styles);
	free(w->fonts);
	word_lists_free(w->lists);
	free(w->style_chps);
	free(w->style_paps);
	free(w->chp_done);
	free(w->pap_done);
}

static int parse_fib(struct word *w, unsigned char **tblbuf, size_t *tbllen, struct ole2 *o,
                     struct err *e)
{
	struct span *wd = &w->wd;
	unsigned flags, nfib, csw, cslw, i;
	size_t lw;
	int r;

	if (span_u16(wd, 0) != 0xA5EC || wd->bad)
		return err_set(e, "corrupt Word file: no Word header in the WordDocument stream");
	nfib = span_u16(wd, 2);
	flags = span_u16(wd, 0x0A);
	if (flags & 0x0100)
		return err_set(e, "encrypted Word file: it needs a password to be read");
	if (nfib < 101)
		return err_set(e, "Word file older than Word 6 (nFib %u) is not supported", nfib);
	if (nfib < 193)
		return err_set(e,
		               "Word 6/95 file (nFib %u) is not supported; save it as Word "
		               "97–2003 or later",
		               nfib);
	csw = span_u16(wd, 0x20);
	cslw = span_u16(wd, 0x22 + 2 * (size_t)csw);
	lw = 0x24 + 2 * (size_t)csw;
	/* ccpText..ccpHdrTxbx are FibRgLw97[3..10] */
	for (i = 0; i < NSUB; i++)
		w->ccp[i] = 3 + i < cslw ? span_u32(wd, lw + 4 * (3 + (size_t)i)) : 0;
	w->ncl = span_u16(wd, lw + 4 * (size_t)cslw);
	w->fcbase = lw + 4 * (size_t)cslw + 2;
	if (wd->bad || !span_has(wd, w->fcbase, 8 * (size_t)w->ncl))
		return err_set(e, "truncated Word file: the FIB is cut short");
	r = ole2_stream(o, flags & 0x0200 ? "1Table" : "0Table", MAX_STREAM, tblbuf, tbllen, e);
	if (r < 0)
		return -1;
	if (r > 0)
		return err_set(e, "corrupt Word file: no %s stream",
		               flags & 0x0200 ? "1Table" : "0Table");
	w->tbl = span_of(*tblbuf, *tbllen);
	return 0;
}

/*
 * A formatting structure (fonts, styles, lists, runs) the file says is where it is not:
 * the text can still be read, without it, and the document says so.
 */
static struct span optional(struct word *w, unsigned i, const char *what, struct doc *d)
{
	struct span s;
	struct err e;

	if (table_struct(w, i, &s, what, &e) != 0) {
		doc_add_note(d, "%s; read without it", e.msg);
		return span_of(NULL, 0);
	}
	return s;
}

static int word_load(struct word *w, struct ole2 *o, unsigned char **tblbuf, size_t *tbllen,
                     struct doc *d, struct err *e)
{
	struct span s, lst, lfo;

	if (parse_fib(w, tblbuf, tbllen, o, e) != 0)
		return -1;
	if (table_struct(w, FC_CLX, &s, "piece table", e) != 0)
		return -1;
	if (s.n == 0)
		return err_set(e, "corrupt Word file: no piece table");
	if (parse_clx(w, s, e) != 0 || load_text(w, e) != 0)
		return -1;
	parse_fonts(w, optional(w, FC_STTBFFFN, "font table", d));
	parse_styles(w, optional(w, FC_STSHF, "style sheet", d));
	lst = optional(w, FC_PLFLST, "list table", d);
	lfo = optional(w, FC_PLFLFO, "list overrides", d);
	w->lists = word_lists_read(w->tbl, lst.n ? (size_t)(lst.p - w->tbl.p) : 0, lst.n,
	                           lfo.n ? (size_t)(lfo.p - w->tbl.p) : 0, lfo.n);
	if (parse_fkps(w, optional(w, FC_PLCFBTECHPX, "character formatting", d), 0, &w->chpx,
	               &w->nchpx))
		doc_add_note(d, "damaged Word file: character formatting pages beyond the "
		                "WordDocument stream; some text read without its fonts");
	if (parse_fkps(w, optional(w, FC_PLCFBTEPAPX, "paragraph formatting", d), 1, &w->papx,
	               &w->npapx))
		doc_add_note(d, "damaged Word file: paragraph formatting pages beyond the "
		                "WordDocument stream; some paragraphs read without their style");
	return 0;
}

static void word_walk(struct word *w, struct fmt_ctx *cx, struct doc *d);

int fmt_doc_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e)
{
	struct word w;
	unsigned char *wdbuf = NULL, *tblbuf = NULL;
	size_t wdlen = 0, tbllen = 0;
	int r;

	d->format = "doc";
	memset(&w, 0, sizeof(w));
	r = ole2_stream(o, "WordDocument", MAX_STREAM, &wdbuf, &wdlen, e);
	if (r > 0)
		r = err_set(e, "not a Word file: no WordDocument stream");
	if (r == 0) {
		w.wd = span_of(wdbuf, wdlen);
		r = word_load(&w, o, &tblbuf, &tbllen, d, e);
	}
	if (r == 0)
		word_walk(&w, cx, d);
	word_free(&w);
	free(wdbuf);
	free(tblbuf);
	return r;
}

static void word_walk(struct word *w, struct fmt_ctx *cx, struct doc *d)
{
	struct walk k;
	uint32_t base = 0;
	int sub;
	size_t i;
	struct span ref, txt;
	struct err e;

	memset(&k, 0, sizeof(k));
	k.w = w;
	k.cx = cx;
	k.d = d;
	k.t.typed_case = cx->typed_case;
	k.num.typed_case = cx->typed_case;
	if (table_struct(w, FC_PLCFFNDREF, &ref, "footnote list", &e) != 0)
		ref = span_of(NULL, 0);
	read_noterefs(ref, &k.fn);
	if (table_struct(w, FC_PLCFENDREF, &ref, "endnote list", &e) != 0)
		ref = span_of(NULL, 0);
	read_noterefs(ref, &k.en);
	for (sub = 0; sub < NSUB; sub++) {
		uint32_t len = w->ccp[sub], a = base, b;
		base += len;
		if (len == 0 || a >= w->ntext)
			continue;
		b = (size_t)a + len > w->ntext ? (uint32_t)w->ntext : a + len;
		if (sub == SUB_FTN || sub == SUB_EDN) {
			int fr = sub == SUB_FTN ? FC_PLCFFNDREF : FC_PLCFENDREF;
			int ft = sub == SUB_FTN ? FC_PLCFFNDTXT : FC_PLCFENDTXT;
			if (table_struct(w, (unsigned)fr, &ref, "note list", &e) == 0 &&
			    table_struct(w, (unsigned)ft, &txt, "note text", &e) == 0)
				walk_notes(&k, ref, txt, a, b - a);
			continue;
		}
		if (sub == SUB_ATN || sub == SUB_MCR)
			continue;
		walk_range(&k, a, b, sub);
	}
	d->encoding = office_encoding(&k.t);
	office_text_free(&k.t);
	office_text_free(&k.num);
	free(k.fn.cp);
	free(k.fn.num);
	free(k.en.cp);
	free(k.en.num);
	free(k.seg);
	buf_free(&k.cell);
	for (i = 0; i < k.nseen; i++)
		free(k.seen[i]);
	free(k.seen);
}
