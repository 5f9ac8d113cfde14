/*
 * PDF through poppler-glib: the text layer of each page in reading order.
 *
 * Legacy-font runs: poppler_page_get_text_attributes names the font of each character
 * range; a range in a font fonts.tsv knows (.VnTime, VNI-Times…) holds legacy bytes shown
 * as cp1252 characters, repaired with that table (upper-cased for .VnTimeH fonts). Such
 * fonts' simple encodings also give some bytes glyph names that poppler reads as other
 * code points (the soft hyphen 0xAD, TCVN3 ư, comes out as U+2212 MINUS SIGN); those
 * substitutions are data: data/pdf_glyphs.tsv.
 *
 * A page with no text layer is reported as a note, not left silently empty; encrypted and
 * damaged files fail with one line. Pages without a text layer, or whose text layer is only
 * a digital-signature stamp (lib/vn_stamp.h: it becomes the document's signature), are
 * rendered at 300 dpi grayscale and OCR'd (indexer/ocr.h, docs/ocr.md).
 */
#include <cairo.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "ocr.h"
#include "vn_enc.h"
#include "vn_stamp.h"
#include "vn_lex.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

/* A page with fewer letters or digits than this has no usable text layer. */
#define MIN_PAGE_CHARS 3
/* Runs in unknown fonts shorter than this are not checked for legacy bytes. */
#define MIN_REPAIR_RUN 16

static PopplerDocument *open_pdf(const char *data, size_t n, struct err *e)
{
	GBytes *bytes;
	GError *ge = NULL;
	PopplerDocument *doc;
	const char *start = data;
	size_t i;

	if (dl_load(DL_PDF | DL_OCR, e) != 0)
		return NULL;
	/* up to 1 KiB of junk before %PDF, as readers accept */
	for (i = 0; i + 5 <= n && i <= 1024; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0) {
			start = data + i;
			break;
		}
	if (n - (size_t)(start - data) > (size_t)G_MAXINT) {
		err_set(e, "PDF too large");
		return NULL;
	}
	bytes = g_bytes_new_static(start, n - (size_t)(start - data));
	doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
	g_bytes_unref(bytes);
	if (!doc) {
		if (ge && g_error_matches(ge, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
			err_set(e, "encrypted PDF (a password is needed to read it)");
		else
			err_set(e, "damaged or truncated PDF: %s", ge ? ge->message : "unreadable");
		if (ge)
			g_error_free(ge);
		return NULL;
	}
	return doc;
}

static int usable_chars(const char *s)
{
	int n = 0;
	const char *p;

	for (p = s; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c))
			n++;
	}
	return n;
}

int fmt_pdf_textless_pages(const char *data, size_t n, int **pages, int *npages, struct err *e)
{
	PopplerDocument *doc = open_pdf(data, n, e);
	int i, count;

	*pages = NULL;
	*npages = 0;
	if (!doc)
		return -1;
	count = poppler_document_get_n_pages(doc);
	for (i = 0; i < count; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		char *t = pg ? poppler_page_get_text(pg) : NULL;
		if (usable_chars(t) < MIN_PAGE_CHARS) {
			*pages = xrealloc(*pages, (size_t)(*npages + 1) * sizeof(int));
			(*pages)[(*npages)++] = i + 1;
		}
		g_free(t);
		if (pg)
			g_object_unref(pg);
	}
	g_object_unref(doc);
	return 0;
}

/* Code points PDF text layers give for legacy bytes (data/pdf_glyphs.tsv), as bytes. */
static int substitute(gunichar c)
{
	const struct vn_table *t = vn_lex_table("pdf_glyphs.tsv");
	size_t i;

	for (i = 0; t && i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		if (r->nfields >= 2 && strtoul(r->fields[0] + 2, NULL, 16) == c)
			return (int)strtoul(r->fields[1], NULL, 16);
	}
	return -1;
}

static void note_legacy(const char **legacy, const char *name)
{
	if (!*legacy)
		*legacy = name;
	else if (strcmp(*legacy, name) != 0)
		*legacy = "mixed";
}

/* Append text[s..e) (UTF-8 character offsets) of a run in font `font` to out. */
static void add_run(const char *text, long s, long e, const char *font, int typed_case,
                    struct buf *out, const char **legacy)
{
	const char *a = g_utf8_offset_to_pointer(text, s), *b = g_utf8_offset_to_pointer(text, e);
	int upper = 0;
	enum vn_charset cs = vn_enc_font(font, &upper);
	struct buf tmp = BUF_INIT;
	const char *p;

	if (cs == VN_CS_UNKNOWN) {
		/* an unknown font may still hold legacy bytes: repair when a reading scores
		 * better (short runs say too little to judge) */
		enum vn_charset got = VN_CS_UTF8;
		if (e - s >= MIN_REPAIR_RUN)
			got = vn_enc_repair(VN_CS_UNKNOWN, a, (size_t)(b - a), 0, out);
		else
			buf_add(out, a, (size_t)(b - a));
		if (got != VN_CS_UTF8)
			note_legacy(legacy, vn_enc_name(got));
		return;
	}
	note_legacy(legacy, vn_enc_name(cs));
	/* legacy font: map substituted code points back to the bytes they stand for */
	for (p = a; p < b; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int byte = c > 0x7F && vn_enc_byte_of((int32_t)c) < 0 ? substitute(c) : -1;
		if (byte >= 0) {
			char u8[8];
			int k = g_unichar_to_utf8((gunichar)byte, u8);
			buf_add(&tmp, u8, (size_t)k);
		} else {
			buf_add(&tmp, p, (size_t)(g_utf8_next_char(p) - p));
		}
	}
	vn_enc_repair(cs, tmp.p ? tmp.p : "", tmp.n, upper && !typed_case, out);
	buf_free(&tmp);
}

static void page_text(PopplerPage *pg, int typed_case, struct buf *out, const char **legacy)
{
	char *text = poppler_page_get_text(pg);
	GList *attrs, *l;
	long pos = 0, len;

	if (!text)
		return;
	len = g_utf8_strlen(text, -1);
	attrs = poppler_page_get_text_attributes(pg);
	for (l = attrs; l; l = l->next) {
		PopplerTextAttributes *a = l->data;
		long s = a->start_index, e = (long)a->end_index + 1;
		if (s < pos)
			s = pos;
		if (e > len)
			e = len;
		if (s >= e)
			continue;
		if (s > pos)
			add_run(text, pos, s, NULL, typed_case, out, legacy);
		add_run(text, s, e, a->font_name, typed_case, out, legacy);
		pos = e;
	}
	if (pos < len)
		add_run(text, pos, len, NULL, typed_case, out, legacy);
	poppler_page_free_text_attributes(attrs);
	g_free(text);
}

/* Pages are rendered for OCR at this resolution (Tesseract is trained on ~300 dpi). */
#define OCR_DPI 300
/* A page larger than this (in pixels, either side) is not rendered: a poster, or a lie. */
#define MAX_RENDER_PX 14000

static PIX *render_page(void *ctx, int page, struct err *e)
{
	PopplerDocument *doc = ctx;
	PopplerPage *pg = poppler_document_get_page(doc, page - 1);
	double w = 0, h = 0, sc = OCR_DPI / 72.0;
	int W, H, x, y, stride;
	cairo_surface_t *s;
	cairo_t *cr;
	const unsigned char *px;
	PIX *out;

	if (!pg) {
		err_set(e, "page %d cannot be read", page);
		return NULL;
	}
	poppler_page_get_size(pg, &w, &h);
	W = (int)(w * sc + 0.5);
	H = (int)(h * sc + 0.5);
	if (W < 1 || H < 1 || W > MAX_RENDER_PX || H > MAX_RENDER_PX) {
		g_object_unref(pg);
		err_set(e, "page %d is %.0f x %.0f points: too large to render for OCR", page, w, h);
		return NULL;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, sc, sc);
	poppler_page_render_for_printing(pg, cr);
	cairo_destroy(cr);
	g_object_unref(pg);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	out = px ? pixCreate(W, H, 8) : NULL;
	if (!out) {
		cairo_surface_destroy(s);
		err_set(e, "page %d: out of memory rendering for OCR", page);
		return NULL;
	}
	for (y = 0; y < H; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);
		l_uint32 *line = pixGetData(out) + (size_t)y * (size_t)pixGetWpl(out);
		for (x = 0; x < W; x++) {
			uint32_t c = row[x];
			unsigned r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;
			SET_DATA_BYTE(line, x, (r * 299 + g * 587 + b * 114) / 1000);
		}
	}
	cairo_surface_destroy(s);
	pixSetResolution(out, OCR_DPI, OCR_DPI);
	return out;
}

static int by_page(const void *a, const void *b)
{
	const struct block *x = a, *y = b;
	return (x->page > y->page) - (x->page < y->page);
}

int fmt_pdf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	PopplerDocument *doc;
	int i, count, *need = NULL, nneed = 0;
	const char *legacy = NULL;
	enum ocr_mode mode = cx->ocr ? ocr_mode(cx->ocr) : OCR_NEVER;

	d->format = "pdf";
	d->encoding = "unicode";
	doc = open_pdf(data, n, e);
	if (!doc)
		return -1;
	count = poppler_document_get_n_pages(doc);
	for (i = 0; i < count; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		struct buf raw = BUF_INIT, nfc = BUF_INIT;
		struct vn_stamp st;
		size_t rest = 0;
		struct block *b;
		char *body;

		if (!pg) {
			doc_add_note(d, "page %d cannot be read", i + 1);
			continue;
		}
		page_text(pg, cx->typed_case, &raw, &legacy);
		g_object_unref(pg);
		vn_norm_nfc(cx->nm, raw.p ? raw.p : "", raw.n, &nfc, NULL);
		buf_free(&raw);
		if (vn_stamp_parse(nfc.p ? nfc.p : "", nfc.n, &st, &rest) > 0) {
			doc_set_stamp(d, &st);
			body = vn_stamp_strip(nfc.p, nfc.n);
			buf_free(&nfc);
		} else {
			vn_stamp_free(&st);
			body = buf_detach(&nfc);
		}
		if (mode == OCR_ALWAYS || (mode == OCR_AUTO && usable_chars(body) < MIN_PAGE_CHARS)) {
			need = xrealloc(need, (size_t)(nneed + 1) * sizeof(*need));
			need[nneed++] = i + 1;
			free(body);
			continue;
		}
		if (usable_chars(body) < MIN_PAGE_CHARS) {
			doc_add_note(d, "page %d has no text layer", i + 1);
			free(body);
			continue;
		}
		b = doc_add_block(d, BLK_TEXT, body, NULL);
		b->page = i + 1;
		d->text_pages++;
	}
	if (nneed) {
		struct err oe;
		if (fmt_ocr_pages(cx, data, n, need, (size_t)nneed, render_page, doc, d, &oe) != 0) {
			if (d->text_pages == 0) {
				*e = oe;
				free(need);
				g_object_unref(doc);
				return -1;
			}
			doc_add_note(d, "%d page%s not read: %s", nneed, nneed > 1 ? "s" : "", oe.msg);
		}
		if (d->nblocks) /* qsort(NULL, 0) is undefined */
			qsort(d->blocks, d->nblocks, sizeof(*d->blocks), by_page);
	}
	free(need);
	g_object_unref(doc);
	if (count == 0)
		doc_add_note(d, "the PDF has no pages");
	if (legacy)
		d->encoding = legacy;
	else if (d->nocr_pages && d->text_pages == 0)
		d->encoding = "ocr";
	return 0;
}

int fmt_pdf_sniff(const char *data, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n && i <= 1024; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}
