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
 * stops after the paragraph that reaches N characters (an excerpt of a long document);
 * --top starts the first page MM millimetres down (a stamp placed below the text).
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
#define LEFT      (30 * PT_PER_MM)
#define RIGHT     (20 * PT_PER_MM)
#define TOP       (20 * PT_PER_MM)
#define BOTTOM    (20 * PT_PER_MM)
#define INDENT    (10 * PT_PER_MM)
#define PARA_GAP  6.0

struct out {
	cairo_t *cr;
	double y;
	int pages;
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

static void new_page(struct out *o)
{
	if (o->pages > 0)
		cairo_show_page(o->cr);
	o->y = o->pages == 0 ? first_top : TOP;
	o->pages++;
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
		if (o->y + h > PAGE_H - BOTTOM)
			new_page(o);
		cairo_move_to(o->cr, LEFT + (double)logical.x / PANGO_SCALE,
			      o->y + (double)(baseline - logical.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(o->cr, ln);
		o->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	o->y += PARA_GAP;
}

int main(int argc, char **argv)
{
	const char *font = "Liberation Serif 13";
	long max_chars = 0;
	int i = 1, bold = 0, ital = 0;
	FILE *in, *tf;
	cairo_surface_t *surf;
	PangoLayout *lay;
	PangoFontDescription *fd;
	struct out o = {NULL, 0, 0};
	char *line = NULL;
	size_t cap = 0;
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
		fputs("usage: ocr_render [--font DESC] [--chars N] [--top MM] IN.txt OUT.pdf TRUTH.txt\n",
		      stderr);
		return 2;
	}
	in = fopen(argv[i], "r");
	tf = fopen(argv[i + 2], "w");
	if (!in || !tf) {
		fprintf(stderr, "ocr_render: cannot open %s\n", in ? argv[i + 2] : argv[i]);
		return 2;
	}
	surf = cairo_pdf_surface_create(argv[i + 1], PAGE_W, PAGE_H);
	o.cr = cairo_create(surf);
	cairo_set_source_rgb(o.cr, 0, 0, 0);
	lay = pango_cairo_create_layout(o.cr);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)((PAGE_W - LEFT - RIGHT) * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(lay, TRUE);
	pango_layout_set_indent(lay, (int)(INDENT * PANGO_SCALE));
	pango_layout_set_line_spacing(lay, 1.15f);
	new_page(&o);
	while ((len = getline(&line, &cap, in)) > 0) {
		GString *markup = g_string_new(NULL), *truth = g_string_new(NULL);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (!g_utf8_validate(line, len, NULL)) {
			fprintf(stderr, "ocr_render: %s: not UTF-8\n", argv[i]);
			return 2;
		}
		markup_of(line, markup, truth, &bold, &ital);
		if (g_strstrip(truth->str)[0] != 0) {
			paragraph(&o, lay, markup->str);
			fprintf(tf, "%s\n", truth->str);
			chars += g_utf8_strlen(truth->str, -1);
		} else {
			bold = ital = 0;
		}
		g_string_free(markup, TRUE);
		g_string_free(truth, TRUE);
		if (max_chars && chars >= max_chars)
			break;
	}
	free(line);
	fclose(in);
	fclose(tf);
	pango_font_description_free(fd);
	g_object_unref(lay);
	cairo_destroy(o.cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "ocr_render: %s: %s\n", argv[i + 1],
			cairo_status_to_string(cairo_surface_status(surf)));
		return 2;
	}
	cairo_surface_destroy(surf);
	printf("%d\n", o.pages);
	return 0;
}
