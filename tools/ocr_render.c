/*
 * ocr_render: typeset a UTF-8 text as an A4 PDF with pango and cairo, the way a report is
 * printed before it is scanned — the independent renderer of the OCR test set
 * (tools/bench_ocr.sh, docs/ocr.md). It shares no code with thidua.
 *
 *   ocr_render [--font DESC] [--chars N] [--top MM] IN.txt OUT.pdf TRUTH.txt
 *
 * One input line is one paragraph: justified, first line indented, 6 pt after. Markdown
 * emphasis left in the text (`**bold**`, `*italic*`) is typeset as bold and italic, as the
 * Word original showed it. TRUTH.txt receives exactly the text that was typeset, one
 * paragraph per line, without those asterisks: what a person reads on the pages. --chars
 * stops after the paragraph (or table row) that reaches N characters (an excerpt of a long
 * document); --top starts the first page MM millimetres down (a stamp placed below the text).
 *
 * Tab-separated lines (a spreadsheet saved as text) are printed as a spreadsheet is: a
 * table whose columns never overlap. A run of lines holding a tab is a table when one of
 * them has a tab between two cells (a line with only a leading or trailing tab is an
 * indented paragraph). Each column is as wide as its widest cell, columns stand GAP apart;
 * a cell followed by empty cells runs on over them, as in a spreadsheet. A table too wide
 * for the page is set smaller (down to MIN_PT), then on a landscape page, then with its
 * widest columns wrapped. Its truth is one line per row, the cells tab-separated in column
 * order: how a reader reads a row.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W    (210 * PT_PER_MM)
#define PAGE_H    (297 * PT_PER_MM)
/* Vietnamese administrative layout: left 30 mm, right 20 mm, top and bottom 20 mm */
#define LEFT     (30 * PT_PER_MM)
#define RIGHT    (20 * PT_PER_MM)
#define TOP      (20 * PT_PER_MM)
#define BOTTOM   (20 * PT_PER_MM)
#define INDENT   (10 * PT_PER_MM)
#define PARA_GAP 6.0
/* Table: white space between two columns, between two rows, smallest type before wrapping */
#define GAP      (5 * PT_PER_MM)
#define ROW_GAP  3.0
#define MIN_PT   10.0
#define MAX_COLS 64

struct out {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontDescription *fd; /* the body font */
	double y;
	int pages;
	int landscape, blank; /* the current page's orientation; nothing drawn on it yet */
};

/* Pango markup for one paragraph, asterisk emphasis turned into <b>/<i>; the plain text
 * (what is seen) appended to truth. */
static void markup_of(const char *line, GString *markup, GString *truth, int *bold, int *ital)
{
	const char *p = line;

	if (*bold)
		g_string_append(markup, "<b>");
	if (*ital)
		g_string_append(markup, "<i>");
	while (*p) {
		if (p[0] == '*' && p[1] == '*') {
			g_string_append(markup, *bold ? "</b>" : "<b>");
			*bold = !*bold;
			p += 2;
			continue;
		}
		if (p[0] == '*') {
			g_string_append(markup, *ital ? "</i>" : "<i>");
			*ital = !*ital;
			p++;
			continue;
		}
		{
			const char *q = g_utf8_next_char(p);
			char *esc = g_markup_escape_text(p, (gssize)(q - p));
			g_string_append(markup, esc);
			g_free(esc);
			g_string_append_len(truth, p, (gssize)(q - p));
			p = q;
		}
	}
	if (*ital)
		g_string_append(markup, "</i>");
	if (*bold)
		g_string_append(markup, "</b>");
}

static double first_top = TOP;

static void new_page(struct out *o, int landscape)
{
	if (o->pages > 0)
		cairo_show_page(o->cr);
	o->landscape = landscape;
	cairo_pdf_surface_set_size(o->surf, landscape ? PAGE_H : PAGE_W,
	                           landscape ? PAGE_W : PAGE_H);
	o->y = o->pages == 0 ? first_top : TOP;
	o->pages++;
	o->blank = 1;
}

/* A page of the given orientation to draw on: the current one when it fits. */
static void want_page(struct out *o, int landscape)
{
	if (o->landscape == landscape)
		return;
	if (o->blank && o->pages > 0) {
		/* nothing drawn yet: the page can still change its size */
		o->landscape = landscape;
		cairo_pdf_surface_set_size(o->surf, landscape ? PAGE_H : PAGE_W,
		                           landscape ? PAGE_W : PAGE_H);
		return;
	}
	new_page(o, landscape);
}

static double page_h(const struct out *o)
{
	return o->landscape ? PAGE_W : PAGE_H;
}

/* Typeset one paragraph line by line, breaking pages between lines. */
static void paragraph(struct out *o, PangoLayout *lay, const char *markup)
{
	PangoLayoutIter *it;

	pango_layout_set_markup(lay, markup, -1);
	it = pango_layout_get_iter(lay);
	do {
		PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		int baseline = pango_layout_iter_get_baseline(it);
		double top, h;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		h = (double)logical.height / PANGO_SCALE;
		top = (double)logical.y / PANGO_SCALE;
		(void)top;
		if (o->y + h > page_h(o) - BOTTOM)
			new_page(o, o->landscape);
		cairo_move_to(o->cr, LEFT + (double)logical.x / PANGO_SCALE,
		              o->y + (double)(baseline - logical.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(o->cr, ln);
		o->blank = 0;
		o->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	o->y += PARA_GAP;
}

struct cell {
	char *markup, *truth; /* NULL: an empty cell */
	double w, minw;       /* natural width on one line; widest word */
};

struct row {
	struct cell c[MAX_COLS];
	int n; /* cells up to the last non-empty one */
};

struct table {
	struct row *r;
	int nrows, ncols;
	double col[MAX_COLS], x[MAX_COLS + 1]; /* widths, left edges */
	double size, avail;                    /* points; text width of the page */
	int landscape;
};

/* A line of blanks and tabs only: nothing is printed for it. */
static int blank_line(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/* Whether a tab stands between two cells that hold text (not just indenting a line). */
static int inner_tab(const char *s)
{
	const char *first = s + strspn(s, " \t"), *tab = strchr(first, '\t');

	return tab && !blank_line(tab);
}

/* The next non-empty cell after c, or r->n: a cell runs on over the empty ones after it. */
static int next_cell(const struct row *r, int c)
{
	for (c++; c < r->n && !r->c[c].truth; c++)
		;
	return c;
}

/* Whether the cell at c is the row's last, free to run on to the right margin. */
static int trailing(const struct row *r, int c)
{
	return next_cell(r, c) >= r->n;
}

static int filled(const struct row *r)
{
	int c, k = 0;

	for (c = 0; c < r->n; c++)
		k += r->c[c].truth != NULL;
	return k;
}

static PangoLayout *cell_layout(cairo_t *cr, const PangoFontDescription *fd, double size,
                                const char *markup, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *f = pango_font_description_copy(fd);

	pango_font_description_set_size(f, (gint)(size * PANGO_SCALE));
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_line_spacing(l, 1.15f);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_markup(l, markup, -1);
	return l;
}

static double text_width(cairo_t *cr, const PangoFontDescription *fd, double size,
                         const char *markup)
{
	PangoLayout *l = cell_layout(cr, fd, size, markup, 0);
	PangoRectangle logical;

	pango_layout_get_extents(l, NULL, &logical);
	g_object_unref(l);
	return (double)logical.width / PANGO_SCALE;
}

static void measure(struct table *t, cairo_t *cr, const PangoFontDescription *fd)
{
	int i, c;

	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < t->r[i].n; c++) {
			struct cell *x = &t->r[i].c[c];
			char **words;
			int k;
			if (!x->truth)
				continue;
			x->w = text_width(cr, fd, t->size, x->markup);
			x->minw = 0;
			/* plain words, a little wider in case the cell is bold */
			words = g_strsplit(x->truth, " ", -1);
			for (k = 0; words[k]; k++) {
				char *esc = g_markup_escape_text(words[k], -1);
				double w = 1.1 * text_width(cr, fd, t->size, esc);
				g_free(esc);
				if (w > x->minw)
					x->minw = w;
			}
			g_strfreev(words);
		}
}

static void place(struct table *t)
{
	int c;
	double x = LEFT;

	for (c = 0; c < t->ncols; c++) {
		t->x[c] = x;
		if (t->col[c] > 0)
			x += t->col[c] + GAP;
	}
	t->x[t->ncols] = x;
}

/* Room for the cell at c of row r: to the next cell, or to the right margin. */
static double room(const struct table *t, const struct row *r, int c)
{
	if (trailing(r, c))
		return LEFT + t->avail - t->x[c];
	return t->x[next_cell(r, c)] - GAP - t->x[c];
}

/*
 * Column widths at t->size, each column capped at cap (its cells then wrap, never below
 * their widest word); a cell running on over empty cells widens the last of them when it
 * does not fit. Returns whether every cell fits on one line (a lone cell in its row, a
 * title, may wrap like a paragraph).
 */
static int widths(struct table *t, double cap)
{
	int i, c, fits = 1;

	memset(t->col, 0, sizeof(t->col));
	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < t->r[i].n; c++) {
			const struct cell *x = &t->r[i].c[c];
			double w;
			/* a cell running on over others, or alone in its row (a title, a note),
			 * does not set a column's width */
			if (!x->truth || next_cell(&t->r[i], c) != c + 1 ||
			    (trailing(&t->r[i], c) && c + 1 < t->ncols) || filled(&t->r[i]) == 1)
				continue;
			w = x->w < cap ? x->w : cap;
			if (w < x->minw)
				w = x->minw;
			if (w > t->col[c])
				t->col[c] = w;
		}
	place(t);
	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < t->r[i].n; c++) {
			const struct row *r = &t->r[i];
			int last = next_cell(r, c) - 1;
			double need;
			if (!r->c[c].truth || last == c || trailing(r, c))
				continue;
			need = (r->c[c].w < cap ? r->c[c].w : cap) - room(t, r, c);
			if (need > 0) {
				t->col[last] += need;
				place(t);
			}
		}
	if (t->x[t->ncols] - GAP > LEFT + t->avail + 0.01)
		fits = 0;
	for (i = 0; i < t->nrows && fits; i++)
		for (c = 0; c < t->r[i].n; c++)
			if (t->r[i].c[c].truth && filled(&t->r[i]) > 1 &&
			    t->r[i].c[c].w > room(t, &t->r[i], c) + 0.01)
				fits = 0;
	return fits;
}

/* Type size, orientation and column widths: the largest type that fits the portrait page
 * (not below 2 pt under the body size), then landscape, then wrapped columns. */
static void lay_out(struct table *t, cairo_t *cr, const PangoFontDescription *fd)
{
	double body = (double)pango_font_description_get_size(fd) / PANGO_SCALE, lo, hi;
	int land, k;

	for (land = 0; land < 2; land++) {
		t->landscape = land;
		t->avail = (land ? PAGE_H : PAGE_W) - LEFT - RIGHT;
		for (t->size = body; t->size >= (land ? MIN_PT : body - 2) - 0.01; t->size -= 0.5) {
			measure(t, cr, fd);
			if (widths(t, G_MAXDOUBLE))
				return;
		}
	}
	t->size = MIN_PT;
	measure(t, cr, fd);
	/* the widest columns wrapped: the largest cap that fits */
	lo = 0;
	hi = t->avail;
	for (k = 0; k < 30; k++) {
		double mid = (lo + hi) / 2;
		widths(t, mid);
		if (t->x[t->ncols] - GAP <= LEFT + t->avail)
			lo = mid;
		else
			hi = mid;
	}
	widths(t, lo);
}

/* Print a laid-out table, its rows' truth to tf. */
static void print_table(struct out *o, const struct table *t, FILE *tf)
{
	int i, c;

	want_page(o, t->landscape);
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->r[i];
		PangoLayout *l[MAX_COLS] = {NULL};
		double h = 0;
		const char *sep = "";
		for (c = 0; c < r->n; c++) {
			PangoRectangle logical;
			if (!r->c[c].truth)
				continue;
			l[c] = cell_layout(o->cr, o->fd, t->size, r->c[c].markup, room(t, r, c));
			pango_layout_get_extents(l[c], NULL, &logical);
			if ((double)logical.height / PANGO_SCALE > h)
				h = (double)logical.height / PANGO_SCALE;
		}
		if (r->n == 0)
			continue;
		if (o->y + h > page_h(o) - BOTTOM && !o->blank)
			new_page(o, t->landscape);
		for (c = 0; c < r->n; c++) {
			if (!l[c])
				continue;
			cairo_move_to(o->cr, t->x[c], o->y);
			pango_cairo_show_layout(o->cr, l[c]);
			g_object_unref(l[c]);
			fprintf(tf, "%s%s", sep, r->c[c].truth);
			sep = "\t";
		}
		fputc('\n', tf);
		o->blank = 0;
		o->y += h + ROW_GAP;
	}
	o->y += PARA_GAP - ROW_GAP;
}

/* Columns [from, to) of t as a table of their own (cells shared with t). */
static void columns(const struct table *t, int from, int to, struct table *part)
{
	int i, c;

	memset(part, 0, sizeof(*part));
	part->r = calloc((size_t)t->nrows, sizeof(*part->r));
	if (!part->r)
		exit(2);
	part->nrows = t->nrows;
	part->ncols = to - from;
	for (i = 0; i < t->nrows; i++)
		for (c = from; c < to && c < t->r[i].n; c++) {
			part->r[i].c[c - from] = t->r[i].c[c];
			if (t->r[i].c[c].truth)
				part->r[i].n = c - from + 1;
		}
}

/*
 * A table too wide for a landscape page even with its columns wrapped is printed as a
 * spreadsheet program prints it: the columns that fit on the first pages, then the next
 * columns on the following ones.
 */
static void table(struct out *o, struct table *t, FILE *tf)
{
	int from, to;

	lay_out(t, o->cr, o->fd);
	if (t->x[t->ncols] - GAP <= LEFT + t->avail + 0.01) {
		print_table(o, t, tf);
		return;
	}
	for (from = 0; from < t->ncols; from = to) {
		struct table part;
		/* as many columns as fit at MIN_PT on one line each (at least one) */
		for (to = from + 1; to < t->ncols; to++) {
			int fits;
			columns(t, from, to + 1, &part);
			part.size = MIN_PT;
			part.landscape = 1;
			part.avail = PAGE_H - LEFT - RIGHT;
			measure(&part, o->cr, o->fd);
			fits = widths(&part, G_MAXDOUBLE);
			free(part.r);
			if (!fits)
				break;
		}
		columns(t, from, to, &part);
		lay_out(&part, o->cr, o->fd);
		print_table(o, &part, tf);
		free(part.r);
	}
}

/* The row of a tab-separated line; its text (cells in order, tab-separated) to truth. */
static void row_of(const char *line, struct row *r, GString *truth)
{
	char **cells = g_strsplit(line, "\t", MAX_COLS);
	int c;

	memset(r, 0, sizeof(*r));
	for (c = 0; cells[c]; c++) {
		GString *m = g_string_new(NULL), *t = g_string_new(NULL);
		int bold = 0, ital = 0;
		/* more cells than MAX_COLS stay in the last one, as words */
		g_strdelimit(cells[c], "\t", ' ');
		markup_of(g_strstrip(cells[c]), m, t, &bold, &ital);
		if (g_strstrip(t->str)[0]) {
			r->c[c].markup = g_string_free(m, FALSE);
			r->c[c].truth = g_strdup(t->str);
			r->n = c + 1;
			if (truth->len)
				g_string_append_c(truth, '\t');
			g_string_append(truth, t->str);
		} else {
			g_string_free(m, TRUE);
		}
		g_string_free(t, TRUE);
	}
	g_strfreev(cells);
}

static void table_free(struct table *t)
{
	int i, c;

	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < t->r[i].n; c++) {
			g_free(t->r[i].c[c].markup);
			g_free(t->r[i].c[c].truth);
		}
	free(t->r);
	t->r = NULL;
	t->nrows = t->ncols = 0;
}

int main(int argc, char **argv)
{
	const char *font = "Liberation Serif 13";
	long max_chars = 0;
	int i = 1, bold = 0, ital = 0;
	FILE *in, *tf;
	PangoLayout *lay;
	struct out o = {NULL, NULL, NULL, 0, 0, 0, 1};
	char **lines = NULL;
	size_t nlines = 0, cap = 0, k;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	long chars = 0;

	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (i + 1 >= argc)
			break;
		if (strcmp(argv[i], "--font") == 0)
			font = argv[i + 1];
		else if (strcmp(argv[i], "--chars") == 0)
			max_chars = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--top") == 0)
			first_top = atof(argv[i + 1]) * PT_PER_MM;
	}
	if (argc - i != 3) {
		fputs("usage: ocr_render [--font DESC] [--chars N] [--top MM] IN.txt OUT.pdf "
		      "TRUTH.txt\n",
		      stderr);
		return 2;
	}
	in = fopen(argv[i], "r");
	tf = fopen(argv[i + 2], "w");
	if (!in || !tf) {
		fprintf(stderr, "ocr_render: cannot open %s\n", in ? argv[i + 2] : argv[i]);
		return 2;
	}
	/* the whole text first: a table is laid out knowing all its rows */
	while ((len = getline(&line, &lcap, in)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (!g_utf8_validate(line, len, NULL)) {
			fprintf(stderr, "ocr_render: %s: not UTF-8\n", argv[i]);
			return 2;
		}
		if (nlines == cap) {
			char **more;
			cap = cap ? 2 * cap : 256;
			more = realloc(lines, cap * sizeof(*lines));
			if (!more)
				return 2;
			lines = more;
		}
		lines[nlines++] = g_strdup(line);
	}
	free(line);
	fclose(in);
	o.surf = cairo_pdf_surface_create(argv[i + 1], PAGE_W, PAGE_H);
	o.cr = cairo_create(o.surf);
	cairo_set_source_rgb(o.cr, 0, 0, 0);
	lay = pango_cairo_create_layout(o.cr);
	o.fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, o.fd);
	pango_layout_set_width(lay, (int)((PAGE_W - LEFT - RIGHT) * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(lay, TRUE);
	pango_layout_set_indent(lay, (int)(INDENT * PANGO_SCALE));
	pango_layout_set_line_spacing(lay, 1.15f);
	new_page(&o, 0);
	for (k = 0; k < nlines && !(max_chars && chars >= max_chars);) {
		size_t end = k, j;
		int is_table = 0;
		/* a run of lines with tabs (blank lines within it), a table if a tab divides */
		while (end < nlines &&
		       (strchr(lines[end], '\t') || (end > k && blank_line(lines[end]))))
			is_table |= inner_tab(lines[end++]);
		if (is_table) {
			struct table t = {0};
			t.r = calloc(end - k, sizeof(*t.r));
			if (!t.r)
				return 2;
			for (j = k; j < end && !(max_chars && chars >= max_chars); j++) {
				GString *truth = g_string_new(NULL);
				struct row *r = &t.r[t.nrows];
				row_of(lines[j], r, truth);
				if (r->n > 0) {
					chars += g_utf8_strlen(truth->str, -1);
					if (r->n > t.ncols)
						t.ncols = r->n;
					t.nrows++;
				}
				g_string_free(truth, TRUE);
			}
			if (t.nrows)
				table(&o, &t, tf);
			table_free(&t);
			bold = ital = 0;
			k = end;
			continue;
		}
		{
			GString *markup = g_string_new(NULL), *truth = g_string_new(NULL);
			markup_of(lines[k], markup, truth, &bold, &ital);
			if (g_strstrip(truth->str)[0] != 0) {
				want_page(&o, 0);
				paragraph(&o, lay, markup->str);
				fprintf(tf, "%s\n", truth->str);
				chars += g_utf8_strlen(truth->str, -1);
			} else {
				bold = ital = 0;
			}
			g_string_free(markup, TRUE);
			g_string_free(truth, TRUE);
			k++;
		}
	}
	for (k = 0; k < nlines; k++)
		g_free(lines[k]);
	free(lines);
	fclose(tf);
	pango_font_description_free(o.fd);
	g_object_unref(lay);
	cairo_destroy(o.cr);
	cairo_surface_finish(o.surf);
	if (cairo_surface_status(o.surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "ocr_render: %s: %s\n", argv[i + 1],
		        cairo_status_to_string(cairo_surface_status(o.surf)));
		return 2;
	}
	cairo_surface_destroy(o.surf);
	printf("%d\n", o.pages);
	return 0;
}
