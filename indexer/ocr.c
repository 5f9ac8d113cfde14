#include "ocr.h"

#include <glib.h>
#include <leptonica/allheaders.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tesseract/capi.h>

#include "vn_ocrfix.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

/* Part of the cache key: change it when preprocessing changes what Tesseract sees. */
#define RECIPE_PREP "psm6-deskew1-spaces1-cells1-line36-lead1"
/* Pages rendered ahead of the engines: enough to keep them busy, bounded memory. */
#define AHEAD_PER_THREAD 2

struct job {
	struct Pix *pix;
	struct ocr_page *out;
	int queued, done;
	struct job *next;
};

struct ocr {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job *head, *tail;
	pthread_t *th;
	int nthreads, started, stop;
	enum ocr_mode mode;
	int state; /* 0 not checked, 1 ready, -1 unavailable (why) */
	char why[256];
	char recipe[96];
	sqlite3 *cache;
	sqlite3_stmt *get, *put;
	long queued, done_pages, cached;
	int busy;
	double busy_since, seconds;
};

void ocr_sha256(const char *data, size_t n, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	size_t off = 0;

	while (off < n) {
		size_t k = n - off > (1u << 30) ? (1u << 30) : n - off;
		g_checksum_update(c, (const guchar *)data + off, (gssize)k);
		off += k;
	}
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}

int ocr_mode_from_name(const char *name)
{
	if (strcmp(name, "auto") == 0)
		return OCR_AUTO;
	if (strcmp(name, "never") == 0)
		return OCR_NEVER;
	if (strcmp(name, "always") == 0)
		return OCR_ALWAYS;
	return -1;
}

struct ocr *ocr_new(int threads, enum ocr_mode mode)
{
	struct ocr *o = xcalloc(1, sizeof(*o));

	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->work, NULL);
	pthread_cond_init(&o->done, NULL);
	o->nthreads = threads < 1 ? 1 : threads;
	o->mode = mode;
	/* o->recipe is written by check(), which loads Tesseract: only a run that reads a
	 * page pays for loading it */
	return o;
}

enum ocr_mode ocr_mode(const struct ocr *o)
{
	return o ? o->mode : OCR_NEVER;
}

int ocr_open_cache(struct ocr *o, const char *path, struct err *e)
{
	/* this table's definition never changes: the cache outlives index schema versions */
	static const char schema[] =
	    "PRAGMA journal_mode=WAL;"
	    "CREATE TABLE IF NOT EXISTS ocr_cache (sha256 TEXT NOT NULL, page INTEGER NOT NULL,"
	    " recipe TEXT NOT NULL, raw TEXT NOT NULL, conf REAL NOT NULL,"
	    " PRIMARY KEY (sha256, page, recipe)) WITHOUT ROWID;";

	if (sqlite3_open_v2(path, &o->cache, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	        SQLITE_OK ||
	    sqlite3_busy_timeout(o->cache, 10000) != SQLITE_OK ||
	    sqlite3_exec(o->cache, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
	        o->cache, "SELECT raw, conf FROM ocr_cache WHERE sha256=? AND page=? AND recipe=?",
	        -1, &o->get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(o->cache, "INSERT OR REPLACE INTO ocr_cache VALUES (?,?,?,?,?)", -1,
	                       &o->put, NULL) != SQLITE_OK) {
		err_set(e, "OCR cache %s: %s", path,
		        o->cache ? sqlite3_errmsg(o->cache) : "cannot open");
		sqlite3_finalize(o->get);
		sqlite3_finalize(o->put);
		sqlite3_close(o->cache);
		o->cache = NULL;
		o->get = o->put = NULL;
		return -1;
	}
	return 0;
}

/* Where Tesseract will look for vie.traineddata when TESSDATA_PREFIX names a folder: it
 * prints several lines of its own when the file is missing, so look first. */
static int data_missing(void)
{
	const char *dir = getenv("TESSDATA_PREFIX");
	char *p;
	struct stat st;
	int missing;

	if (!dir || !*dir)
		return 0;
	p = g_build_filename(dir, "vie.traineddata", NULL);
	missing = stat(p, &st) != 0;
	g_free(p);
	return missing;
}

static TessBaseAPI *engine_new(void)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (TessBaseAPIInit3(api, NULL, "vie") != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	/* A report page is one column; its two-column header and its tables were typed as
	 * rows, and are read as rows: one uniform block (PSM_AUTO reads the columns of a
	 * table one after the other, which scrambles rows: docs/ocr.md, measured) */
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
	/* a table row's column gaps kept as runs of spaces: the repair tells rows from prose
	 * by them (lib/vn_ocrfix.c) */
	TessBaseAPISetVariable(api, "preserve_interword_spaces", "1");
	return api;
}

/* Small skew straightened (Leptonica measures it on a binarized copy). */
static struct Pix *prepare(struct Pix *pix)
{
	struct Pix *g =
	    pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix) : pixConvertTo8(pix, 0);
	struct Pix *d;

	if (!g)
		return NULL;
	d = pixDeskew(g, 0);
	if (d) {
		pixDestroy(&g);
		g = d;
	}
	return g;
}

/* The height, in pixels, the Vietnamese LSTM model scales every text line to before reading
 * it (the input of its network, [1,36,0,1 ...] in vie.traineddata's version string). */
#define MODEL_LINE_PX 36
/* Below this the page is left as it is: no gain from a slight shrink, and never enlarged. */
#define SCALE_MIN_GAIN 0.9
#define SCALE_FLOOR    0.25

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

double ocr_line_scale(const int *heights, size_t n)
{
	int *h, median;
	double s;

	if (n == 0)
		return 1;
	h = xmalloc(n * sizeof(*h));
	memcpy(h, heights, n * sizeof(*h));
	qsort(h, n, sizeof(*h), cmp_int);
	median = h[n / 2];
	free(h);
	if (median <= 0)
		return 1;
	s = (double)MODEL_LINE_PX / median;
	if (s >= SCALE_MIN_GAIN)
		return 1;
	return s < SCALE_FLOOR ? SCALE_FLOOR : s;
}

/* The scale of the page set in api (ocr_line_scale), from its text lines as Tesseract's
 * layout analysis finds them; their median height in *line_h (0 without lines). */
static double page_scale(TessBaseAPI *api, int *line_h)
{
	TessPageIterator *pi = TessBaseAPIAnalyseLayout(api);
	int *h = NULL;
	size_t n = 0, cap = 0;
	double s;

	*line_h = 0;
	if (!pi)
		return 1;
	do {
		int l, t, r, b;
		if (!TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &l, &t, &r, &b))
			continue;
		h = xgrow(h, &cap, n + 1, sizeof(*h));
		h[n++] = b - t;
	} while (TessPageIteratorNext(pi, RIL_TEXTLINE));
	TessPageIteratorDelete(pi);
	s = ocr_line_scale(h, n);
	if (n) {
		qsort(h, n, sizeof(*h), cmp_int);
		*line_h = h[n / 2];
	}
	free(h);
	return s;
}

static int box_w(const struct ocr_box *c)
{
	return c->r - c->l;
}

static int box_h(const struct ocr_box *c)
{
	return c->b - c->t;
}

/* small and roughly square: a full stop's size, not a letter's */
static int dot_sized(const struct ocr_box *c, int lh)
{
	int w = box_w(c), h = box_h(c);

	return w >= 2 && h >= 2 && w * 5 <= lh && h * 5 <= lh && w <= 2 * h && h <= 2 * w;
}

/* whether any component but i and j meets the rectangle [l, r) x [t, b) */
static int meets(const struct ocr_box *c, size_t n, size_t i, size_t j, int l, int t, int r, int b)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (k != i && k != j && c[k].l < r && c[k].r > l && c[k].t < b && c[k].b > t)
			return 1;
	return 0;
}

struct dot {
	int l;
	size_t i; /* the component */
};

static int cmp_left(const void *a, const void *b)
{
	int x = ((const struct dot *)a)->l, y = ((const struct dot *)b)->l;

	return (x > y) - (x < y);
}

/* a dot needs this many chained to be a leader: two ellipses are six dots */
#define LEADER_MIN_DOTS 6

size_t ocr_leaders(const struct ocr_box *c, size_t n, int line_h, unsigned char *leader)
{
	struct dot *dot;
	size_t nd = 0, i, k, found = 0;
	long *next;
	unsigned char *has_prev;
	int clear = line_h / 3;

	memset(leader, 0, n);
	if (line_h <= 0 || n == 0)
		return 0;
	dot = xmalloc(n * sizeof(*dot));
	for (i = 0; i < n; i++)
		if (dot_sized(&c[i], line_h) &&
		    !meets(c, n, i, i, c[i].l, c[i].t - clear, c[i].r, c[i].b + clear))
			dot[nd++] = (struct dot){c[i].l, i};
	qsort(dot, nd, sizeof(*dot), cmp_left);
	next = xmalloc((nd + 1) * sizeof(*next));
	has_prev = xcalloc(nd + 1, 1);
	for (i = 0; i < nd; i++) {
		const struct ocr_box *a = &c[dot[i].i];
		next[i] = -1;
		for (k = i + 1; k < nd; k++) {
			const struct ocr_box *z = &c[dot[k].i];
			int hh = box_h(a) > box_h(z) ? box_h(a) : box_h(z);
			int top = a->t < z->t ? a->t : z->t, bot = a->b > z->b ? a->b : z->b;
			if ((z->l - a->r) * 2 > line_h)
				break;
			if (z->l < a->r || abs(z->b - a->b) * 2 > hh + 2)
				continue;
			/* chains stay apart: a dot follows one dot at most */
			if (!has_prev[k] && !meets(c, n, dot[i].i, dot[k].i, a->r, top - line_h / 6,
			                           z->l, bot + line_h / 6))
				next[i] = (long)k;
			break;
		}
		if (next[i] >= 0)
			has_prev[next[i]] = 1;
	}
	for (i = 0; i < nd; i++) {
		size_t len = 1;
		long j;
		if (has_prev[i])
			continue;
		for (j = next[i]; j >= 0; j = next[j])
			len++;
		if (len < LEADER_MIN_DOTS)
			continue;
		leader[dot[i].i] = 1;
		for (j = next[i]; j >= 0; j = next[j])
			leader[dot[j].i] = 1;
		found += len;
	}
	free(has_prev);
	free(next);
	free(dot);
	return found;
}

/* Dotted leaders painted white (ocr_leaders): Tesseract then reads the words beside them. */
static void erase_leaders(struct Pix *p, int line_h)
{
	struct Pix *bin = pixConvertTo1(p, 128);
	BOXA *ba;
	struct ocr_box *c;
	unsigned char *lead;
	int n, i;

	if (!bin)
		return;
	ba = pixConnCompBB(bin, 8);
	pixDestroy(&bin);
	n = ba ? boxaGetCount(ba) : 0;
	if (n <= 0) {
		boxaDestroy(&ba);
		return;
	}
	c = xmalloc((size_t)n * sizeof(*c));
	for (i = 0; i < n; i++) {
		int x = 0, y = 0, w = 0, h = 0;
		boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
		c[i] = (struct ocr_box){x, y, x + w, y + h};
	}
	boxaDestroy(&ba);
	lead = xmalloc((size_t)n);
	if (ocr_leaders(c, (size_t)n, line_h, lead))
		for (i = 0; i < n; i++)
			if (lead[i]) {
				/* the anti-aliased rim too */
				BOX *b = boxCreate(c[i].l - 1, c[i].t - 1, box_w(&c[i]) + 2,
				                   box_h(&c[i]) + 2);
				if (b)
					pixSetInRect(p, b);
				boxDestroy(&b);
			}
	free(lead);
	free(c);
}

/* The page shrunk by s, smoothed first (a Gaussian of half an output pixel): Tesseract's own
 * shrink of a line to the model's height keeps the jagged edges of a sharp scan, which it
 * reads worse (measured: docs/ocr.md). NULL on failure. */
static struct Pix *shrink(struct Pix *pix, double s)
{
	double sigma = 0.5 / s;
	int half = (int)(3 * sigma + 0.5);
	L_KERNEL *kx = NULL, *ky = NULL;
	struct Pix *smooth, *out;

	if (makeGaussianKernelSep(half, half, (float)sigma, 1.0f, &kx, &ky) != 0)
		return NULL;
	smooth = pixConvolveSep(pix, kx, ky, 8, 1);
	kernelDestroy(&kx);
	kernelDestroy(&ky);
	if (!smooth)
		return NULL;
	out = pixScale(smooth, (float)s, (float)s);
	pixDestroy(&smooth);
	return out;
}

struct tok {
	size_t ws, start, end; /* preceding blanks from ws, the word from start to end */
	size_t line;           /* the line's first word */
	int cell;              /* row words: cell number within the row, from 0 */
	long into;             /* a continuation word: the row (its first word) it goes to; -1 */
};

static int gap_before(const char *text, const struct tok *k)
{
	size_t i;
	int run = 0;

	for (i = k->ws; i < k->start; i++) {
		run = text[i] == ' ' ? run + 1 : 0;
		if (run >= 3)
			return 1;
	}
	return 0;
}

static int height(const struct ocr_word *w)
{
	return w->b - w->t;
}

static int has_letter(const char *s, size_t n)
{
	const char *p = s;

	while (p < s + n) {
		gunichar c = g_utf8_get_char_validated(p, (gssize)(s + n - p));
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			p++; /* not UTF-8 (Tesseract gives UTF-8; the fuzzer does not) */
			continue;
		}
		if (g_unichar_isalpha(c))
			return 1;
		p = g_utf8_next_char(p);
	}
	return 0;
}

/*
 * Cells of the row [a, b): a new cell where the gap between two words is at least as wide
 * as the taller is high (a word space is a third of that; a spreadsheet's column gap, 5 mm,
 * more). Returns whether the row is a table row whose first cell is narrow (an item number:
 * at most 2.5 line heights): the row a wrapped cell's next lines belong to. *first_r is the
 * right edge of the first cell.
 */
static int row_cells(const char *text, struct tok *tk, const struct ocr_word *w, size_t a, size_t b,
                     int *first_r, int *cells)
{
	size_t j;
	int gap = 0, h = height(&w[a]);

	tk[a].cell = 0;
	*first_r = w[a].r;
	for (j = a + 1; j < b; j++) {
		int hh = height(&w[j]) > height(&w[j - 1]) ? height(&w[j]) : height(&w[j - 1]);
		tk[j].cell = tk[j - 1].cell + (w[j].l - w[j - 1].r >= hh);
		gap |= gap_before(text, &tk[j]);
		if (tk[j].cell == 0) {
			*first_r = w[j].r;
			if (height(&w[j]) > h)
				h = height(&w[j]);
		}
	}
	*cells = gap ? tk[b - 1].cell + 1 : 0;
	return gap && b > a + 1 && tk[b - 1].cell > 0 && (*first_r - w[a].l) * 2 <= 5 * h;
}

/*
 * Whether line [a, b) goes on one cell of the row at `row` (of three cells or more, its
 * first cell of any width): it starts with a small letter (the rest of a phrase: a cell's
 * new row or a note starts with a capital or a number), is one run of words, starts where
 * a cell with letters starts (within half a line height) and ends before the next cell
 * starts: the cell's column holds it. Its words get that cell in tk[].cell.
 */
static int under_one_cell(const char *text, struct tok *tk, const struct ocr_word *w, size_t row,
                          size_t a, size_t b)
{
	size_t j, k, first = (size_t)-1;
	int letters = 0, next_l = -1;
	gunichar c =
	    g_utf8_get_char_validated(text + tk[a].start, (gssize)(tk[a].end - tk[a].start));

	if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_islower(c))
		return 0;
	for (j = a + 1; j < b; j++)
		if (w[j].l - w[j - 1].r >= height(&w[j]) || gap_before(text, &tk[j]))
			return 0;
	for (k = row; k < a && tk[k].line == row; k++) {
		int starts = k == row || tk[k].cell != tk[k - 1].cell;
		if (first == (size_t)-1) {
			if (starts && abs(w[k].l - w[a].l) * 2 <= height(&w[a]))
				first = k;
		} else if (tk[k].cell != tk[first].cell) {
			next_l = w[k].l;
			break;
		}
		if (first != (size_t)-1)
			letters |= has_letter(text + tk[k].start, tk[k].end - tk[k].start);
	}
	if (first == (size_t)-1 || !letters || (next_l >= 0 && w[b - 1].r >= next_l))
		return 0;
	for (j = a; j < b; j++)
		tk[j].cell = tk[first].cell;
	return 1;
}

/*
 * Whether every run of words of line [a, b) (words apart by a gap as wide as they are
 * high) starts where a cell of the row at `row` starts, within half a line height: a
 * wrapped cell goes on at its own left edge. A row of a table with an empty first column
 * has cells where the row above has none.
 */
static int chunks_aligned(const struct tok *tk, const struct ocr_word *w, size_t row, size_t a,
                          size_t b)
{
	size_t j, k;

	for (j = a; j < b; j++) {
		int ok = 0;
		if (j > a && w[j].l - w[j - 1].r < height(&w[j]))
			continue;
		for (k = row; k < a && tk[k].line == row; k++)
			if ((k == row || tk[k].cell != tk[k - 1].cell) &&
			    abs(w[k].l - w[j].l) * 2 <= height(&w[j]))
				ok = 1;
		if (!ok)
			return 0;
	}
	return 1;
}

/*
 * The cell of the row at `row` each word of line [a, b) goes to (the cell of the last row
 * word that starts left of its middle), in tk[].cell; whether all of them are cells with
 * letters: a wrapped cell is text (a row of column numbers, 1 2 3, has none under it).
 */
static int into_text_cells(const char *text, struct tok *tk, const struct ocr_word *w, size_t row,
                           size_t a, size_t b)
{
	size_t j, k;

	for (j = a; j < b; j++) {
		size_t best = row;
		int letters = 0;
		for (k = row; k < a && tk[k].line == row; k++)
			if (w[k].l <= (w[j].l + w[j].r) / 2)
				best = k;
		tk[j].cell = tk[best].cell;
		for (k = row; k < a && tk[k].line == row; k++)
			if (tk[k].cell == tk[j].cell)
				letters |= has_letter(text + tk[k].start, tk[k].end - tk[k].start);
		if (!letters)
			return 0;
	}
	return 1;
}

char *ocr_regroup(const char *text, const struct ocr_word *w, size_t n)
{
	struct tok *tk = xcalloc(n + 1, sizeof(*tk));
	struct buf out = BUF_INIT;
	size_t i = 0, m = 0, a, at = 0;
	long row = -1, wide = -1; /* the row above: with an item number; with 3 cells or more */
	int moved = 0, first_r = 0, prev_b = 0, prev_h = 0;

	/* the words of the text, matched with the iterator's */
	while (text[i]) {
		size_t ws = i, st;
		while (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')
			i++;
		if (!text[i])
			break;
		st = i;
		while (text[i] && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' &&
		       text[i] != '\r')
			i++;
		if (m >= n || !w[m].text || strlen(w[m].text) != i - st ||
		    memcmp(w[m].text, text + st, i - st) != 0) {
			free(tk);
			return NULL;
		}
		tk[m++] = (struct tok){ws, st, i, 0, 0, -1};
	}
	if (m != n) {
		free(tk);
		return NULL;
	}
	/* each line: a table row, the rest of the row above (a wrapped cell: every word right
	 * of the row's first cell, some letters), or neither */
	for (a = 0; a < n;) {
		size_t b = a + 1, j;
		int right = 1, letters = 0, r, top = w[a].t, bottom = w[a].b, h = 0, gap_ok;
		while (b < n && !memchr(text + tk[b].ws, '\n', tk[b].start - tk[b].ws))
			b++;
		for (j = a; j < b; j++) {
			tk[j].line = a;
			right &= w[j].l > first_r;
			letters |= has_letter(text + tk[j].start, tk[j].end - tk[j].start);
			top = w[j].t < top ? w[j].t : top;
			bottom = w[j].b > bottom ? w[j].b : bottom;
			h = height(&w[j]) > h ? height(&w[j]) : h;
		}
		/* a wrapped cell goes on at the next line: a line with a blank line's height
		 * or more above it (a note under the table, a row Tesseract did not read) is
		 * not the rest of the row. The taller of the two lines: a line of small letters
		 * without ascenders (m, ương) is half a line high. */
		gap_ok = top - prev_b < (h > prev_h ? h : prev_h);
		if (row >= 0 && right && letters && w[a].t > w[row].t && gap_ok &&
		    chunks_aligned(tk, w, (size_t)row, a, b) &&
		    into_text_cells(text, tk, w, (size_t)row, a, b)) {
			for (j = a; j < b; j++)
				tk[j].into = row;
			moved = 1;
		} else if (wide >= 0 && w[a].t > w[wide].t && gap_ok &&
		           under_one_cell(text, tk, w, (size_t)wide, a, b)) {
			for (j = a; j < b; j++)
				tk[j].into = wide;
			moved = 1;
		} else {
			int fr = 0, cells = 0;
			r = row_cells(text, tk, w, a, b, &fr, &cells);
			row = r ? (long)a : -1;
			first_r = r ? fr : 0;
			wide = cells >= 3 ? (long)a : -1;
		}
		prev_b = bottom;
		prev_h = h;
		a = b;
	}
	if (!moved) {
		free(tk);
		return NULL;
	}
	/* the rows with the words of their wrapped cells after each cell; those lines gone */
	for (a = 0; a < n; a++) {
		size_t j;
		if (tk[a].into >= 0) {
			at = tk[a].end;
			continue;
		}
		buf_add(&out, text + at, tk[a].start - at);
		buf_add(&out, text + tk[a].start, tk[a].end - tk[a].start);
		at = tk[a].end;
		if (a + 1 < n && tk[a + 1].line == tk[a].line && tk[a + 1].cell == tk[a].cell)
			continue;
		for (j = a + 1; j < n; j++)
			if (tk[j].into == (long)tk[a].line && tk[j].cell == tk[a].cell) {
				buf_addc(&out, ' ');
				buf_add(&out, text + tk[j].start, tk[j].end - tk[j].start);
			}
	}
	buf_add(&out, text + at, strlen(text + at));
	free(tk);
	return buf_detach(&out);
}

/* Tesseract's text with wrapped table cells put back (ocr_regroup), from its words. */
static char *page_text(TessBaseAPI *api, const char *t)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	TessPageIterator *pi;
	struct ocr_word *w = NULL;
	size_t n = 0, cap = 0, i;
	char *regrouped;

	if (!it)
		return NULL;
	pi = TessResultIteratorGetPageIterator(it);
	do {
		struct ocr_word x = {0};
		char *s = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (!s)
			continue;
		/* with preserve_interword_spaces a word's text may carry the blanks before it */
		x.text = g_strstrip(g_strdup(s));
		TessDeleteText(s);
		TessPageIteratorBoundingBox(pi, RIL_WORD, &x.l, &x.t, &x.r, &x.b);
		w = xgrow(w, &cap, n + 1, sizeof(*w));
		w[n++] = x;
	} while (TessPageIteratorNext(pi, RIL_WORD));
	TessResultIteratorDelete(it);
	regrouped = ocr_regroup(t, w, n);
	for (i = 0; i < n; i++)
		g_free((char *)w[i].text);
	free(w);
	return regrouped;
}

static void recognize(TessBaseAPI *api, struct Pix *pix, struct ocr_page *out)
{
	struct Pix *p = prepare(pix);
	char *t;
	int *confs, i, n = 0, res;
	double sum = 0, scale;
	int line_h;

	out->raw = NULL;
	out->conf = 0;
	if (!p) {
		out->raw = xstrdup("");
		return;
	}
	res = pixGetXRes(p) > 0 ? pixGetXRes(p) : 300;
	TessBaseAPISetImage2(api, p);
	TessBaseAPISetSourceResolution(api, res);
	scale = page_scale(api, &line_h);
	erase_leaders(p, line_h);
	if (scale < 1) {
		struct Pix *q = shrink(p, scale);
		if (q) {
			pixDestroy(&p);
			p = q;
			res = (int)(res * scale + 0.5);
		}
	}
	TessBaseAPISetImage2(api, p);
	TessBaseAPISetSourceResolution(api, res);
	if (TessBaseAPIRecognize(api, NULL) != 0) {
		out->raw = xstrdup("");
		pixDestroy(&p);
		return;
	}
	t = TessBaseAPIGetUTF8Text(api);
	out->raw = t ? page_text(api, t) : NULL;
	if (!out->raw)
		out->raw = xstrdup(t ? t : "");
	TessDeleteText(t);
	confs = TessBaseAPIAllWordConfidences(api);
	for (i = 0; confs && confs[i] >= 0; i++, n++)
		sum += confs[i];
	TessDeleteIntArray(confs);
	out->conf = n ? sum / n : 0;
	TessBaseAPIClear(api);
	pixDestroy(&p);
}

static void *engine_thread(void *arg)
{
	struct ocr *o = arg;
	TessBaseAPI *api = engine_new();

	pthread_mutex_lock(&o->mu);
	for (;;) {
		struct job *j;
		while (!o->stop && !o->head)
			pthread_cond_wait(&o->work, &o->mu);
		if (!o->head)
			break;
		j = o->head;
		o->head = j->next;
		if (!o->head)
			o->tail = NULL;
		if (o->busy++ == 0)
			o->busy_since = now_seconds();
		pthread_mutex_unlock(&o->mu);
		if (api)
			recognize(api, j->pix, j->out);
		else
			j->out->raw = xstrdup("");
		pixDestroy(&j->pix);
		pthread_mutex_lock(&o->mu);
		if (--o->busy == 0)
			o->seconds += now_seconds() - o->busy_since;
		j->done = 1;
		o->done_pages++;
		pthread_cond_broadcast(&o->done);
	}
	pthread_mutex_unlock(&o->mu);
	if (api) {
		TessBaseAPIEnd(api);
		TessBaseAPIDelete(api);
	}
	return NULL;
}

/* Called with o->mu held. */
static int check(struct ocr *o)
{
	TessBaseAPI *probe;
	struct err e;
	int i;

	if (o->state)
		return o->state;
	if (dl_load(DL_OCR, &e) != 0) {
		snprintf(o->why, sizeof(o->why), "OCR unavailable: %.200s", e.msg);
		o->state = -1;
		return -1;
	}
	/* the cache's key: nothing is read from or written to it before this */
	snprintf(o->recipe, sizeof(o->recipe), "tesseract %s vie %s", TessVersion(), RECIPE_PREP);
	if (data_missing() || !(probe = engine_new())) {
		snprintf(o->why, sizeof(o->why),
		         "OCR unavailable: Tesseract has no Vietnamese language data "
		         "(install the Debian package tesseract-ocr-vie)");
		o->state = -1;
		return -1;
	}
	TessBaseAPIEnd(probe);
	TessBaseAPIDelete(probe);
	o->th = xcalloc((size_t)o->nthreads, sizeof(*o->th));
	for (i = 0; i < o->nthreads; i++)
		pthread_create(&o->th[i], NULL, engine_thread, o);
	o->started = 1;
	o->state = 1;
	return 1;
}

int ocr_ready(struct ocr *o, struct err *e)
{
	int st;

	if (!o)
		return err_set(e, "OCR is off (--ocr never)");
	pthread_mutex_lock(&o->mu);
	st = check(o);
	pthread_mutex_unlock(&o->mu);
	if (st < 0)
		return err_set(e, "%s", o->why);
	return 0;
}

/* Called with o->mu held. */
static int cache_get(struct ocr *o, const char *sha, struct ocr_page *p)
{
	int found = 0;

	if (!o->cache)
		return 0;
	sqlite3_bind_text(o->get, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int(o->get, 2, p->page);
	sqlite3_bind_text(o->get, 3, o->recipe, -1, SQLITE_STATIC);
	if (sqlite3_step(o->get) == SQLITE_ROW) {
		p->raw = xstrdup((const char *)sqlite3_column_text(o->get, 0));
		p->conf = sqlite3_column_double(o->get, 1);
		found = 1;
	}
	sqlite3_reset(o->get);
	return found;
}

/* Called with o->mu held; a cache that cannot be written only costs a later re-OCR. */
static void cache_put(struct ocr *o, const char *sha, const struct ocr_page *p)
{
	if (!o->cache)
		return;
	sqlite3_bind_text(o->put, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int(o->put, 2, p->page);
	sqlite3_bind_text(o->put, 3, o->recipe, -1, SQLITE_STATIC);
	sqlite3_bind_text(o->put, 4, p->raw, -1, SQLITE_STATIC);
	sqlite3_bind_double(o->put, 5, p->conf);
	sqlite3_step(o->put);
	sqlite3_reset(o->put);
}

int ocr_document(struct ocr *o, const char *sha256, const int *pages, size_t n,
                 ocr_render_fn render, void *ctx, struct ocr_page *out, struct err *e)
{
	struct job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	size_t i, next = 0, waited = 0;
	long ahead = 0;
	int rc = 0;

	if (ocr_ready(o, e) != 0) {
		free(jobs);
		return -1;
	}
	memset(out, 0, n * sizeof(*out));
	pthread_mutex_lock(&o->mu);
	for (i = 0; i < n; i++) {
		out[i].page = pages[i];
		if (cache_get(o, sha256, &out[i])) {
			out[i].cached = 1;
			o->cached++;
			jobs[i].done = 1;
		}
	}
	o->queued += (long)n;
	pthread_mutex_unlock(&o->mu);

	while (waited < n) {
		/* render and queue while fewer than AHEAD pages wait for an engine */
		while (next < n && rc == 0 && ahead < (long)o->nthreads * AHEAD_PER_THREAD) {
			struct Pix *pix;
			if (jobs[next].done) {
				next++;
				continue;
			}
			pix = render(ctx, pages[next], e);
			if (!pix) {
				rc = -1;
				break;
			}
			jobs[next].pix = pix;
			jobs[next].out = &out[next];
			jobs[next].queued = 1;
			pthread_mutex_lock(&o->mu);
			if (o->tail)
				o->tail->next = &jobs[next];
			else
				o->head = &jobs[next];
			o->tail = &jobs[next];
			pthread_cond_signal(&o->work);
			pthread_mutex_unlock(&o->mu);
			ahead++;
			next++;
		}
		pthread_mutex_lock(&o->mu);
		if (jobs[waited].done) {
			if (out[waited].cached) {
				o->done_pages++;
			} else {
				cache_put(o, sha256, &out[waited]);
				ahead--;
			}
			waited++;
		} else if (!jobs[waited].queued) {
			/* a page before it failed to render: nothing more is queued */
			pthread_mutex_unlock(&o->mu);
			break;
		} else {
			pthread_cond_wait(&o->done, &o->mu);
		}
		pthread_mutex_unlock(&o->mu);
	}
	if (rc != 0) {
		/* wait for what is queued: the jobs live in this frame */
		pthread_mutex_lock(&o->mu);
		for (i = 0; i < n; i++)
			while (jobs[i].queued && !jobs[i].done)
				pthread_cond_wait(&o->done, &o->mu);
		pthread_mutex_unlock(&o->mu);
		for (i = 0; i < n; i++)
			ocr_page_free(&out[i]);
		free(jobs);
		return -1;
	}
	for (i = 0; i < n; i++)
		out[i].text = vn_ocrfix(out[i].raw, &out[i].repairs);
	free(jobs);
	return 0;
}

void ocr_page_free(struct ocr_page *p)
{
	free(p->raw);
	free(p->text);
	p->raw = p->text = NULL;
}

void ocr_stats(struct ocr *o, struct ocr_stats *s)
{
	memset(s, 0, sizeof(*s));
	if (!o)
		return;
	pthread_mutex_lock(&o->mu);
	s->pages_queued = o->queued;
	s->pages_done = o->done_pages;
	s->pages_cached = o->cached;
	s->seconds = o->seconds + (o->busy ? now_seconds() - o->busy_since : 0);
	pthread_mutex_unlock(&o->mu);
}

void ocr_free(struct ocr *o)
{
	int i;

	if (!o)
		return;
	pthread_mutex_lock(&o->mu);
	o->stop = 1;
	pthread_cond_broadcast(&o->work);
	pthread_mutex_unlock(&o->mu);
	for (i = 0; o->started && i < o->nthreads; i++)
		pthread_join(o->th[i], NULL);
	free(o->th);
	sqlite3_finalize(o->get);
	sqlite3_finalize(o->put);
	if (o->cache)
		sqlite3_close(o->cache);
	pthread_mutex_destroy(&o->mu);
	pthread_cond_destroy(&o->work);
	pthread_cond_destroy(&o->done);
	free(o);
}
