/*
 * Excel 97–2003 (.xls, BIFF8) and Excel 5/95 (BIFF5) workbooks, read on top of libgsf's
 * OLE2 access ([MS-XLS]).
 *
 * The Workbook stream is a sequence of records: the globals (fonts, cell formats, number
 * formats, the sheet list and the shared string table), then one substream per sheet with
 * its cells. A cell names a format (XF) which names a font; a string from the shared
 * table may also carry its own runs of fonts. That font decides how the text is decoded:
 * a cell typed in .VnTime holds TCVN3 bytes spelled as cp1252 characters.
 *
 * Each worksheet becomes a heading (its name) and its cells, in row order, as BLK_CELL
 * blocks with row and column. Numbers are written as Excel's General format shows them
 * (up to 10 significant digits, no grouping; other number formats are not applied, so
 * 0.25 stays 0.25 under a percent format), dates as day/month/year, errors as Excel
 * shows them (#DIV/0!).
 *
 * Records longer than 8224 bytes continue in CONTINUE records; a string cut there starts
 * again with a new option byte (8-bit or UTF-16). All reads are bounds-checked.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "formats.h"
#include "office.h"
#include "ole2.h"

#define MAX_STREAM ((size_t)256 << 20)
/*
 * Excel allows 65536 rows of 256 columns (BIFF8); a report sheet holds far fewer cells, and
 * this bounds the memory a hostile one can take (about 80 bytes a cell).
 */
#define MAX_CELLS ((size_t)1 << 20)
/* Fonts, number formats and sheets (Excel's own limits are lower), cell formats, strings. */
#define MAX_TABLE 4096
#define MAX_XF    65536
#define MAX_SST   ((size_t)1 << 22)

enum {
	R_FORMULA = 0x0006,
	R_EOF = 0x000A,
	R_DATEMODE = 0x0022,
	R_FILEPASS = 0x002F,
	R_FONT = 0x0031,
	R_CONTINUE = 0x003C,
	R_BOUNDSHEET = 0x0085,
	R_MULRK = 0x00BD,
	R_RSTRING = 0x00D6,
	R_XF = 0x00E0,
	R_SST = 0x00FC,
	R_LABELSST = 0x00FD,
	R_NUMBER = 0x0203,
	R_LABEL = 0x0204,
	R_BOOLERR = 0x0205,
	R_STRING = 0x0207,
	R_RK = 0x027E,
	R_FORMAT = 0x041E,
	R_BOF = 0x0809,
};

/* ---------------------------------------------------------------- records */

/* A record and the CONTINUE records after it, read as one sequence of bytes. */
struct rec {
	unsigned type;
	struct span *seg;
	size_t nseg, segcap;
	size_t si, pos; /* read position: segment, offset in it */
	int bad;
};

/* Read the record at *off (and its continuations); advance *off past them. */
static int rec_next(struct span *wb, size_t *off, struct rec *r)
{
	unsigned len;

	r->nseg = r->si = r->pos = 0;
	r->bad = 0;
	if (!span_has(wb, *off, 4))
		return 0;
	r->type = span_u16(wb, *off);
	len = span_u16(wb, *off + 2);
	for (;;) {
		struct span s = span_sub(wb, *off + 4, len);
		if (s.bad) {
			/* a record cut by the end of the stream: keep what there is */
			s = span_of(wb->p + *off + 4,
			            wb->n - *off - 4 < len ? wb->n - *off - 4 : len);
			r->bad = 1;
		}
		r->seg = xgrow(r->seg, &r->segcap, r->nseg + 1, sizeof(*r->seg));
		r->seg[r->nseg++] = s;
		*off += 4 + s.n;
		if (r->bad || !span_has(wb, *off, 4) || span_u16(wb, *off) != R_CONTINUE)
			break;
		len = span_u16(wb, *off + 2);
	}
	return 1;
}

static unsigned rec_u8(struct rec *r)
{
	while (r->si < r->nseg && r->pos >= r->seg[r->si].n) {
		r->si++;
		r->pos = 0;
	}
	if (r->si >= r->nseg) {
		r->bad = 1;
		return 0;
	}
	return r->seg[r->si].p[r->pos++];
}

static unsigned rec_u16(struct rec *r)
{
	unsigned a = rec_u8(r);
	return a | rec_u8(r) << 8;
}

static uint32_t rec_u32(struct rec *r)
{
	uint32_t a = rec_u16(r);
	return a | (uint32_t)rec_u16(r) << 16;
}

static void rec_skip(struct rec *r, size_t n)
{
	while (n > 0 && !r->bad) {
		size_t left;
		while (r->si < r->nseg && r->pos >= r->seg[r->si].n) {
			r->si++;
			r->pos = 0;
		}
		if (r->si >= r->nseg) {
			r->bad = 1;
			return;
		}
		left = r->seg[r->si].n - r->pos;
		if (left > n)
			left = n;
		r->pos += left;
		n -= left;
	}
}

/* Bytes left in the record (all segments). */
static size_t rec_left(const struct rec *r)
{
	size_t n = 0, i;

	for (i = r->si; i < r->nseg; i++)
		n += r->seg[i].n - (i == r->si ? r->pos : 0);
	return n;
}

/*
 * cch characters, 8-bit (Latin-1: the high byte of each UTF-16 unit is zero) or UTF-16.
 * At a segment boundary a string goes on after a fresh option byte ([MS-XLS] 2.5.293).
 */
static void rec_chars(struct rec *r, size_t cch, int high, uint16_t *out)
{
	size_t i;

	for (i = 0; i < cch && !r->bad; i++) {
		/* also before the first character, when the string's header ended a record */
		if (r->si < r->nseg && r->pos >= r->seg[r->si].n && r->si + 1 < r->nseg) {
			r->si++;
			r->pos = 0;
			high = rec_u8(r) & 1;
		}
		out[i] = (uint16_t)(high ? rec_u16(r) : rec_u8(r));
	}
	for (; i < cch; i++)
		out[i] = 0;
}

/* ---------------------------------------------------------------- the workbook */

struct xrun {
	uint32_t ich; /* first character */
	unsigned ifnt;
};

struct str {
	uint16_t *u;
	uint32_t n;
	struct xrun *runs;
	uint32_t nruns;
};

struct cell {
	uint32_t row;
	unsigned col, xf;
	int kind; /* C_SST, C_OWN (own string), C_NUM, C_TEXT (ready UTF-8) */
	uint32_t sst;
	struct str own;
	double num;
	char *text;
};

enum { C_SST, C_OWN, C_NUM, C_TEXT };

struct xls {
	struct span wb;
	int biff8, date1904;
	UConverter *cv; /* BIFF5 8-bit strings */
	struct office_font *fonts;
	size_t nfonts, fontcap;
	unsigned *xf_font, *xf_fmt;
	unsigned char *xf_date;
	size_t nxf, xfcap;
	struct {
		unsigned id;
		int date;
	} * fmts;
	size_t nfmts, fmtcap;
	struct str *sst;
	size_t nsst;
	struct {
		uint32_t pos;
		unsigned dt;
		struct str name;
	} * sheets;
	size_t nsheets, sheetcap;
};

static void str_free(struct str *s)
{
	free(s->u);
	free(s->runs);
	memset(s, 0, sizeof(*s));
}

/*
 * A string: BIFF8 XLUnicodeString / XLUnicodeRichExtendedString (cch of lenbytes, option
 * byte, optional run count and phonetic block) or a BIFF5 8-bit string (cch, bytes).
 */
static void read_str(struct xls *x, struct rec *r, int lenbytes, int rich_biff5, struct str *s)
{
	size_t cch = lenbytes == 1 ? rec_u8(r) : rec_u16(r), i;
	unsigned opt = 0, nruns = 0;
	uint32_t ext = 0;

	memset(s, 0, sizeof(*s));
	if (x->biff8) {
		opt = rec_u8(r);
		if (opt & 0x08)
			nruns = rec_u16(r);
		if (opt & 0x04)
			ext = rec_u32(r);
	}
	/* a string cannot be longer than the bytes that are left */
	if (cch > rec_left(r))
		cch = rec_left(r);
	s->u = xmalloc((cch + 1) * sizeof(uint16_t));
	s->n = (uint32_t)cch;
	if (x->biff8) {
		rec_chars(r, cch, opt & 1, s->u);
	} else {
		char *b = xmalloc(cch + 1);
		UErrorCode st = U_ZERO_ERROR;
		int32_t got;
		for (i = 0; i < cch; i++)
			b[i] = (char)rec_u8(r);
		got = ucnv_toUChars(x->cv, (UChar *)s->u, (int32_t)cch + 1, b, (int32_t)cch, &st);
		for (i = got > 0 ? (size_t)got : 0; i < cch; i++)
			s->u[i] = 0xFFFD;
		free(b);
		if (rich_biff5)
			nruns = rec_u8(r);
	}
	if (nruns > rec_left(r) / 2)
		nruns = (unsigned)(rec_left(r) / 2);
	if (nruns) {
		s->runs = xmalloc(nruns * sizeof(*s->runs));
		for (i = 0; i < nruns && !r->bad; i++) {
			s->runs[i].ich = x->biff8 ? rec_u16(r) : rec_u8(r);
			s->runs[i].ifnt = x->biff8 ? rec_u16(r) : rec_u8(r);
		}
		s->nruns = (uint32_t)i;
	}
	rec_skip(r, ext);
}

static void read_font(struct xls *x, struct rec *r)
{
	struct str name;
	struct buf u8 = BUF_INIT;
	size_t i;
	unsigned charset;

	rec_skip(r, 12);
	charset = rec_u8(r);
	rec_skip(r, 1);
	read_str(x, r, 1, 0, &name);
	/* the name as little-endian UTF-16 for office_font_utf16 */
	for (i = 0; i < name.n; i++) {
		buf_addc(&u8, (char)(name.u[i] & 0xFF));
		buf_addc(&u8, (char)(name.u[i] >> 8));
	}
	x->fonts = xgrow(x->fonts, &x->fontcap, x->nfonts + 1, sizeof(*x->fonts));
	x->fonts[x->nfonts] = office_font_utf16((const unsigned char *)buf_str(&u8), name.n);
	x->fonts[x->nfonts++].symbol = charset == OFFICE_SYMBOL_CHARSET;
	buf_free(&u8);
	str_free(&name);
}

/* Whether a number format shows a date or time (y m d h s outside quotes and brackets). */
static int format_is_date(const uint16_t *u, size_t n)
{
	size_t i;
	int quoted = 0, bracket = 0;

	for (i = 0; i < n; i++) {
		uint16_t c = u[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\\' || c == '_' || c == '*')
			i++;
		else if (c == '[')
			bracket = 1;
		else if (c == ']')
			bracket = 0;
		else if (bracket)
			continue;
		else if (c == ';')
			break; /* the first section decides */
		else if (c < 0x80 && c && strchr("yYmMdDhHsS", c))
			return 1;
	}
	return 0;
}

static void read_format(struct xls *x, struct rec *r)
{
	unsigned id = rec_u16(r);
	struct str s;

	read_str(x, r, x->biff8 ? 2 : 1, 0, &s);
	x->fmts = xgrow(x->fmts, &x->fmtcap, x->nfmts + 1, sizeof(*x->fmts));
	x->fmts[x->nfmts].id = id;
	x->fmts[x->nfmts].date = format_is_date(s.u, s.n);
	x->nfmts++;
	str_free(&s);
}

/* Which cell formats show dates, worked out once after the globals are read. */
static void find_dates(struct xls *x)
{
	size_t k, i;

	x->xf_date = xcalloc(x->nxf + 1, 1);
	for (k = 0; k < x->nxf; k++) {
		unsigned id = x->xf_fmt[k];
		/* built-in formats ([MS-XLS] 2.4.126): 14-22 and 45-47 are dates and times */
		int date = (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
		for (i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == id)
				date = x->fmts[i].date;
		x->xf_date[k] = (unsigned char)date;
	}
}

static int shows_date(const struct xls *x, unsigned xf)
{
	return xf < x->nxf && x->xf_date[xf];
}

static void read_sst(struct xls *x, struct rec *r)
{
	size_t n, i;

	rec_u32(r);
	n = rec_u32(r);
	/* every string takes at least three bytes */
	if (n > rec_left(r) / 3)
		n = rec_left(r) / 3;
	if (n > MAX_SST)
		n = MAX_SST;
	x->sst = xcalloc(n + 1, sizeof(*x->sst));
	for (i = 0; i < n && !r->bad; i++)
		read_str(x, r, 2, 0, &x->sst[i]);
	x->nsst = i;
}

static int read_globals(struct xls *x, size_t *off, struct rec *r, struct err *e)
{
	while (rec_next(&x->wb, off, r)) {
		switch (r->type) {
		case R_EOF:
			return 0;
		case R_FILEPASS:
			return err_set(e, "encrypted Excel file: it needs a password to be read");
		case R_DATEMODE:
			x->date1904 = rec_u16(r) == 1;
			break;
		case R_FONT:
			if (x->nfonts < MAX_TABLE)
				read_font(x, r);
			break;
		case R_XF:
			if (x->nxf >= MAX_XF)
				break;
			x->xf_font = xgrow(x->xf_font, &x->xfcap, x->nxf + 1, sizeof(unsigned));
			x->xf_fmt = xrealloc(x->xf_fmt, x->xfcap * sizeof(unsigned));
			x->xf_font[x->nxf] = rec_u16(r);
			x->xf_fmt[x->nxf] = rec_u16(r);
			x->nxf++;
			break;
		case R_FORMAT:
			if (x->nfmts < MAX_TABLE)
				read_format(x, r);
			break;
		case R_BOUNDSHEET:
			if (x->nsheets >= MAX_TABLE)
				break;
			x->sheets =
			    xgrow(x->sheets, &x->sheetcap, x->nsheets + 1, sizeof(*x->sheets));
			x->sheets[x->nsheets].pos = rec_u32(r);
			rec_u8(r);
			x->sheets[x->nsheets].dt = rec_u8(r);
			read_str(x, r, 1, 0, &x->sheets[x->nsheets].name);
			x->nsheets++;
			break;
		case R_SST:
			if (!x->sst)
				read_sst(x, r);
			break;
		default:
			break;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- cells */

/* Font record for a font index: index 4 is never written, so later ones shift by one. */
static struct office_font font_at(const struct xls *x, unsigned ifnt)
{
	struct office_font none = {VN_CS_UNKNOWN, 0, 0};

	if (ifnt >= 4)
		ifnt--;
	return ifnt < x->nfonts ? x->fonts[ifnt] : none;
}

static void add_str(const struct xls *x, struct office_text *t, const struct str *s, unsigned xf)
{
	struct office_font f = font_at(x, xf < x->nxf ? x->xf_font[xf] : 0);
	uint32_t at = 0, i;

	for (i = 0; i <= s->nruns; i++) {
		uint32_t end = i < s->nruns ? s->runs[i].ich : s->n;
		if (end > s->n)
			end = s->n;
		if (end > at) {
			office_add_utf16(t, s->u + at, end - at, f, 0);
			at = end;
		}
		if (i < s->nruns)
			f = font_at(x, s->runs[i].ifnt);
	}
}

/* Excel's General format: integers in full, other numbers to 10 significant digits. */
static void format_general(double v, char *out, size_t cap)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, cap, "%.0f", v);
	else if (fabs(v) >= 1e10 && fabs(v) < 1e15)
		snprintf(out, cap, "%.0f", v);
	else
		snprintf(out, cap, "%.10g", v);
}

/* A date serial as day/month/year, the order Vietnamese documents use. */
static void format_date(double v, int date1904, char *out, size_t cap)
{
	long days, a, b, c, dd, m, y;
	double frac;

	if (!(v >= 0 && v <= 2958465)) { /* after 9999-12-31: not a date */
		format_general(v, out, cap);
		return;
	}
	days = (long)floor(v);
	frac = v - floor(v);
	if (days == 0 && frac > 0) {
		long secs = lround(frac * 86400);
		snprintf(out, cap, "%ld:%02ld", secs / 3600, secs / 60 % 60);
		return;
	}
	/* serial -> Julian day number (1900 system counts a 29 Feb 1900 that never was) */
	if (date1904)
		days += 1462;
	if (days >= 61 || date1904)
		days -= 1;
	a = days + 2415020 + 32044;
	b = (4 * a + 3) / 146097;
	c = a - 146097 * b / 4;
	dd = (4 * c + 3) / 1461;
	m = (5 * (c - 1461 * dd / 4) + 2) / 153;
	y = 100 * b + dd - 4800 + (m + 2) / 12;
	snprintf(out, cap, "%ld/%ld/%ld", c - 1461 * dd / 4 - (153 * m + 2) / 5 + 1,
	         m + 3 - 12 * ((m + 2) / 12), y);
}

static char *format_number(const struct xls *x, double v, unsigned xf)
{
	char s[64];

	if (!isfinite(v))
		return NULL;
	if (shows_date(x, xf))
		format_date(v, x->date1904, s, sizeof(s));
	else
		format_general(v, s, sizeof(s));
	return xstrdup(s);
}

struct sheet {
	struct cell *cells;
	size_t n, cap;
	int truncated;
};

static struct cell *new_cell(struct sheet *sh, uint32_t row, unsigned col, unsigned xf)
{
	struct cell *c;

	if (sh->n >= MAX_CELLS) {
		sh->truncated = 1;
		return NULL;
	}
	sh->cells = xgrow(sh->cells, &sh->cap, sh->n + 1, sizeof(*sh->cells));
	c = &sh->cells[sh->n++];
	memset(c, 0, sizeof(*c));
	c->row = row;
	c->col = col;
	c->xf = xf;
	return c;
}

/* Excel's error values ([MS-XLS] 2.5.10 BErr). */
static const char *error_text(unsigned code)
{
	switch (code) {
	case 0x00:
		return "#NULL!";
	case 0x07:
		return "#DIV/0!";
	case 0x0F:
		return "#VALUE!";
	case 0x17:
		return "#REF!";
	case 0x1D:
		return "#NAME?";
	case 0x24:
		return "#NUM!";
	case 0x2A:
		return "#N/A";
	default:
		return NULL;
	}
}

static void text_cell(struct sheet *sh, uint32_t row, unsigned col, unsigned xf, const char *s)
{
	struct cell *c;

	if (!s || !(c = new_cell(sh, row, col, xf)))
		return;
	c->kind = C_TEXT;
	c->text = xstrdup(s);
}

static double rk_value(uint32_t rk)
{
	double v;

	if (rk & 2) {
		v = (double)((int32_t)rk >> 2);
	} else {
		uint64_t bits = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
		memcpy(&v, &bits, sizeof(v));
	}
	return rk & 1 ? v / 100 : v;
}

static double read_double(struct rec *r)
{
	uint64_t bits = rec_u32(r);
	double v;

	bits |= (uint64_t)rec_u32(r) << 32;
	memcpy(&v, &bits, sizeof(v));
	return v;
}

static void num_cell(struct xls *x, struct sheet *sh, uint32_t row, unsigned col, unsigned xf,
                     double v)
{
	char *s = format_number(x, v, xf);
	struct cell *c;

	if (!s)
		return;
	c = new_cell(sh, row, col, xf);
	if (!c) {
		free(s);
		return;
	}
	c->kind = C_TEXT;
	c->text = s;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

/* Read one worksheet's cells, starting at its BOF; returns the bytes it went through. */
static size_t read_sheet(struct xls *x, size_t off, struct sheet *sh, struct rec *r)
{
	size_t start = off;
	int depth = 0;
	struct cell *pending = NULL; /* a formula whose string result follows */

	while (rec_next(&x->wb, &off, r)) {
		uint32_t row;
		unsigned col, xf;

		if (r->type == R_BOF) {
			depth++;
			continue;
		}
		if (r->type == R_EOF) {
			if (--depth <= 0)
				break;
			continue;
		}
		if (depth != 1) /* an embedded chart */
			continue;
		if (r->type == R_STRING && pending) {
			read_str(x, r, 2, 0, &pending->own);
			pending->kind = C_OWN;
			pending = NULL;
			continue;
		}
		pending = NULL;
		switch (r->type) {
		case R_LABELSST:
		case R_LABEL:
		case R_RSTRING:
		case R_NUMBER:
		case R_RK:
		case R_FORMULA:
		case R_BOOLERR:
		case R_MULRK:
			break;
		default:
			continue;
		}
		row = rec_u16(r);
		col = rec_u16(r);
		xf = rec_u16(r);
		if (r->bad)
			continue;
		switch (r->type) {
		case R_LABELSST: {
			uint32_t i = rec_u32(r);
			struct cell *c;
			if (r->bad || i >= x->nsst)
				break;
			c = new_cell(sh, row, col, xf);
			if (c) {
				c->kind = C_SST;
				c->sst = i;
			}
			break;
		}
		case R_LABEL:
		case R_RSTRING: {
			struct cell *c = new_cell(sh, row, col, xf);
			if (c) {
				read_str(x, r, 2, r->type == R_RSTRING, &c->own);
				c->kind = C_OWN;
			}
			break;
		}
		case R_NUMBER: {
			double v = read_double(r);
			if (!r->bad)
				num_cell(x, sh, row, col, xf, v);
			break;
		}
		case R_RK: {
			uint32_t rk = rec_u32(r);
			if (!r->bad)
				num_cell(x, sh, row, col, xf, rk_value(rk));
			break;
		}
		case R_MULRK: {
			/* (xf, rk) pairs from col on, then the last column; the first xf was
			 * read above as if this were a one-cell record */
			size_t k, n = rec_left(r) / 6;
			for (k = 0; k < n && !r->bad; k++) {
				unsigned xfk = k == 0 ? xf : rec_u16(r);
				uint32_t rk = rec_u32(r);
				if (!r->bad)
					num_cell(x, sh, row, col + (unsigned)k, xfk, rk_value(rk));
			}
			break;
		}
		case R_FORMULA: {
			unsigned char v[8];
			int k;
			for (k = 0; k < 8; k++)
				v[k] = (unsigned char)rec_u8(r);
			if (r->bad)
				break;
			if (v[6] == 0xFF && v[7] == 0xFF) {
				if (v[0] == 0) { /* a string, in the STRING record that follows */
					pending = new_cell(sh, row, col, xf);
					if (pending)
						pending->kind = C_TEXT, pending->text = NULL;
				} else if (v[0] == 1) {
					text_cell(sh, row, col, xf, v[2] ? "TRUE" : "FALSE");
				} else if (v[0] == 2) {
					text_cell(sh, row, col, xf, error_text(v[2]));
				}
			} else {
				double d;
				memcpy(&d, v, 8);
				num_cell(x, sh, row, col, xf, d);
			}
			break;
		}
		case R_BOOLERR: {
			unsigned val = rec_u8(r), err = rec_u8(r);
			if (!r->bad)
				text_cell(sh, row, col, xf,
				          err   ? error_text(val)
				          : val ? "TRUE"
				                : "FALSE");
			break;
		}
		default:
			break;
		}
	}
	if (sh->n)
		qsort(sh->cells, sh->n, sizeof(*sh->cells), cmp_cell);
	return off - start;
}

static void emit_sheet(struct xls *x, struct sheet *sh, struct fmt_ctx *cx, struct doc *d,
                       struct office_text *t)
{
	size_t i;

	for (i = 0; i < sh->n; i++) {
		struct cell *c = &sh->cells[i];
		struct block *b;
		char *s;

		if (c->kind == C_SST)
			add_str(x, t, &x->sst[c->sst], c->xf);
		else if (c->kind == C_OWN)
			add_str(x, t, &c->own, c->xf);
		else if (c->text)
			office_add_utf8(t, c->text, strlen(c->text));
		s = office_take(t, cx->nm);
		if (!s)
			continue;
		b = doc_add_block(d, BLK_CELL, s, NULL);
		b->row = (int)c->row;
		b->col = (int)c->col;
	}
}

static void sheet_free(struct sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->n; i++) {
		str_free(&sh->cells[i].own);
		free(sh->cells[i].text);
	}
	free(sh->cells);
	memset(sh, 0, sizeof(*sh));
}

static void xls_free(struct xls *x)
{
	size_t i;

	for (i = 0; i < x->nsst; i++)
		str_free(&x->sst[i]);
	free(x->sst);
	for (i = 0; i < x->nsheets; i++)
		str_free(&x->sheets[i].name);
	free(x->sheets);
	free(x->fonts);
	free(x->xf_font);
	free(x->xf_fmt);
	free(x->xf_date);
	free(x->fmts);
	if (x->cv)
		ucnv_close(x->cv);
}

/*
 * The sheet name. Tabs are drawn in a system font, so a name typed on a legacy keyboard
 * is mojibake; office_take repairs it like any text in a non-legacy font.
 */
static char *sheet_name(const struct str *name, struct fmt_ctx *cx)
{
	struct office_text t;
	struct office_font f = {VN_CS_UNKNOWN, 0, 0};
	char *s;

	memset(&t, 0, sizeof(t));
	office_add_utf16(&t, name->u, name->n, f, 0);
	s = office_take(&t, cx->nm);
	office_text_free(&t);
	return s;
}

int fmt_xls_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e)
{
	struct xls x;
	struct rec r;
	struct office_text t;
	unsigned char *wbbuf = NULL;
	size_t wblen = 0, off = 0, i, work = 0;
	int rc;
	UErrorCode st = U_ZERO_ERROR;

	d->format = "xls";
	memset(&x, 0, sizeof(x));
	memset(&r, 0, sizeof(r));
	memset(&t, 0, sizeof(t));
	t.typed_case = cx->typed_case;
	rc = ole2_stream(o, "Workbook", MAX_STREAM, &wbbuf, &wblen, e);
	if (rc > 0)
		rc = ole2_stream(o, "Book", MAX_STREAM, &wbbuf, &wblen, e);
	if (rc > 0)
		return err_set(e, "not an Excel file: no Workbook stream");
	if (rc < 0)
		return -1;
	x.wb = span_of(wbbuf, wblen);
	if (!rec_next(&x.wb, &off, &r) || r.type != R_BOF) {
		rc = err_set(e, "corrupt Excel file: the Workbook stream does not start with BOF");
		goto out;
	}
	x.biff8 = rec_u16(&r) == 0x0600;
	x.cv = ucnv_open("windows-1252", &st);
	if (U_FAILURE(st)) {
		x.cv = NULL;
		rc = err_set(e, "ICU: no windows-1252 converter: %s", u_errorName(st));
		goto out;
	}
	if ((rc = read_globals(&x, &off, &r, e)) != 0)
		goto out;
	find_dates(&x);
	for (i = 0; i < x.nsheets; i++) {
		struct sheet sh;
		char *name;
		size_t start = x.sheets[i].pos, n0, k;
		if (x.sheets[i].dt != 0 || start >= wblen)
			continue; /* charts, macro sheets, or a sheet that is not there */
		for (k = 0; k < i && x.sheets[k].pos != start; k++)
			;
		if (k < i)
			continue; /* two sheets cannot start at one place */
		if (work > 4 * wblen) {
			doc_add_note(d, "the sheets after sheet %zu overlap; they are not indexed",
			             i);
			break;
		}
		memset(&sh, 0, sizeof(sh));
		work += read_sheet(&x, start, &sh, &r);
		if (sh.n) {
			name = sheet_name(&x.sheets[i].name, cx);
			n0 = d->nblocks;
			if (name)
				doc_add_block(d, BLK_HEADING, name, NULL);
			emit_sheet(&x, &sh, cx, d, &t);
			if (d->nblocks == n0 + 1 && name) { /* a sheet of blank cells */
				free(d->blocks[n0].text);
				d->nblocks = n0;
			}
		}
		if (sh.truncated)
			doc_add_note(d,
			             "sheet %zu has more than %zu cells; the rest is not indexed",
			             i + 1, (size_t)MAX_CELLS);
		sheet_free(&sh);
	}
	d->encoding = office_encoding(&t);
	rc = 0;
out:
	office_text_free(&t);
	free(r.seg);
	xls_free(&x);
	free(wbbuf);
	return rc;
}
