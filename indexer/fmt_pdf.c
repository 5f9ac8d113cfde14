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
 * damaged files fail with one line. OCR belongs to a later stage: fmt_pdf_textless_pages()
 * is the seam that says which pages need it.
 */
#include <glib.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "vn_enc.h"
#include "vn_lex.h"

/* A page with fewer letters or digits than this has no usable text layer. */
#define MIN_PAGE_CHARS 3

static PopplerDocument *open_pdf(const char *data, size_t n, struct err *e)
{
	GBytes *bytes;
	GError *ge = NULL;
	PopplerDocument *doc;
	const char *start = data;
	size_t i;

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

/* Append text[s..e) (UTF-8 character offsets) of a run in font `font` to out. */
static void add_run(const char *text, long s, long e, const char *font, int typed_case,
		    struct buf *out)
{
	const char *a = g_utf8_offset_to_pointer(text, s), *b = g_utf8_offset_to_pointer(text, e);
	int upper = 0;
	enum vn_charset cs = vn_enc_font(font, &upper);
	struct buf tmp = BUF_INIT;
	const char *p;

	if (cs == VN_CS_UNKNOWN) {
		buf_add(out, a, (size_t)(b - a));
		return;
	}
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

static void page_text(PopplerPage *pg, int typed_case, struct buf *out)
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
			add_run(text, pos, s, NULL, typed_case, out);
		add_run(text, s, e, a->font_name, typed_case, out);
		pos = e;
	}
	if (pos < len)
		add_run(text, pos, len, NULL, typed_case, out);
	poppler_page_free_text_attributes(attrs);
	g_free(text);
}

int fmt_pdf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	PopplerDocument *doc;
	int i, count, empty = 0;

	d->format = "pdf";
	d->encoding = "pdf";
	doc = open_pdf(data, n, e);
	if (!doc)
		return -1;
	count = poppler_document_get_n_pages(doc);
	for (i = 0; i < count; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		struct buf raw = BUF_INIT, nfc = BUF_INIT;
		struct block *b;

		if (!pg) {
			doc_add_note(d, "page %d cannot be read", i + 1);
			continue;
		}
		page_text(pg, cx->typed_case, &raw);
		g_object_unref(pg);
		if (usable_chars(raw.p) < MIN_PAGE_CHARS) {
			doc_add_note(d, "page %d has no text layer", i + 1);
			empty++;
			buf_free(&raw);
			continue;
		}
		vn_norm_nfc(cx->nm, raw.p, raw.n, &nfc, NULL);
		buf_free(&raw);
		b = doc_add_block(d, BLK_TEXT, buf_detach(&nfc), NULL);
		b->page = i + 1;
	}
	g_object_unref(doc);
	if (count == 0)
		doc_add_note(d, "the PDF has no pages");
	(void)empty;
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
