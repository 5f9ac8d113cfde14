/*
 * Scanned images: PNG, JPEG, TIFF (every page of a multi-page TIFF), read by Leptonica and
 * OCR'd (indexer/ocr.h). Also the step every reader shares: pages -> OCR -> blocks.
 */
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "ocr.h"
#include "vn_stamp.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

/* Below this resolution, pages are scaled up to about 300 dpi: Tesseract's models are
 * trained on text of that size. */
#define MIN_DPI 250

/* Whether OCR read at least a few letters or digits. */
static int has_text(const char *s)
{
	int n = 0;

	for (; *s && n < 3; s = g_utf8_next_char(s))
		if (g_unichar_isalnum(g_utf8_get_char(s)))
			n++;
	return n >= 3;
}

int fmt_ocr_pages(struct fmt_ctx *cx, const char *data, size_t n, const int *pages, size_t npages,
                  struct Pix *(*render)(void *, int, struct err *), void *ctx, struct doc *d,
                  struct err *e)
{
	struct ocr_page *out;
	char sha[65];
	size_t i;

	if (!npages)
		return 0;
	if (!cx->ocr)
		return err_set(e, "needs OCR, which is off (--ocr never)");
	ocr_sha256(data, n, sha);
	out = xcalloc(npages, sizeof(*out));
	if (ocr_document(cx->ocr, sha, pages, npages, render, ctx, out, e) != 0) {
		free(out);
		return -1;
	}
	d->ocr_pages = xrealloc(d->ocr_pages, (d->nocr_pages + npages) * sizeof(*d->ocr_pages));
	for (i = 0; i < npages; i++) {
		struct ocr_page_rec *r = &d->ocr_pages[d->nocr_pages++];
		struct buf nfc = BUF_INIT;
		struct block *b;

		r->page = out[i].page;
		r->raw = out[i].raw;
		r->conf = out[i].conf;
		r->repairs = out[i].repairs;
		r->cached = out[i].cached;
		r->text = out[i].text;
		{
			/* a stamp printed on the page is the signature, not body text */
			struct vn_stamp st;
			if (vn_stamp_parse(r->text, strlen(r->text), &st, NULL) > 0) {
				char *body = vn_stamp_strip(r->text, strlen(r->text));
				doc_set_stamp(d, &st);
				free(r->text);
				r->text = body;
			} else {
				vn_stamp_free(&st);
			}
		}
		if (!has_text(r->text)) {
			doc_add_note(d, "page %d has no text layer and OCR found no text on it",
			             r->page);
			continue;
		}
		vn_norm_nfc(cx->nm, r->text, strlen(r->text), &nfc, NULL);
		b = doc_add_block(d, BLK_TEXT, buf_detach(&nfc), NULL);
		b->page = r->page;
	}
	free(out);
	return 0;
}

/* 8-bit gray at a resolution Tesseract reads well. */
static PIX *gray_page(PIX *p)
{
	PIX *g = pixConvertTo8(p, 0), *s;
	l_int32 dpi = pixGetXRes(p);

	if (!g)
		return NULL;
	if (dpi <= 0)
		dpi = 300; /* unknown: assume a scanner's usual setting */
	pixSetResolution(g, dpi, dpi);
	if (dpi < MIN_DPI) {
		float f = 300.0f / (float)dpi;
		s = pixScaleGrayLI(g, f, f);
		if (s) {
			pixSetResolution(s, 300, 300);
			pixDestroy(&g);
			g = s;
		}
	}
	return g;
}

struct images {
	PIXA *pixa;
};

static PIX *image_page(void *ctx, int page, struct err *e)
{
	struct images *im = ctx;
	PIX *p = pixaGetPix(im->pixa, page - 1, L_CLONE), *g;

	if (!p) {
		err_set(e, "image page %d cannot be read", page);
		return NULL;
	}
	g = gray_page(p);
	pixDestroy(&p);
	if (!g)
		err_set(e, "image page %d cannot be converted to grayscale", page);
	return g;
}

int fmt_image_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	struct images im = {NULL};
	l_int32 format = IFF_UNKNOWN;
	int *pages, rc;
	size_t i, np;

	d->format = "image";
	d->encoding = "ocr";
	if (dl_load(DL_OCR, e) != 0)
		return -1;
	/* Leptonica reports unreadable images on stderr; the error line here says it once */
	setMsgSeverity(L_SEVERITY_NONE);
	findFileFormatBuffer((const l_uint8 *)data, &format);
	if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
	    format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS ||
	    format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG) {
		d->format = "tiff";
		im.pixa = pixaReadMemMultipageTiff((const l_uint8 *)data, n);
	} else {
		PIX *p = pixReadMem((const l_uint8 *)data, n);
		d->format = format == IFF_PNG ? "png" : format == IFF_JFIF_JPEG ? "jpeg" : "image";
		if (p) {
			im.pixa = pixaCreate(1);
			pixaAddPix(im.pixa, p, L_INSERT);
		}
	}
	if (!im.pixa || pixaGetCount(im.pixa) == 0) {
		pixaDestroy(&im.pixa);
		return err_set(e, "damaged or unreadable image");
	}
	np = (size_t)pixaGetCount(im.pixa);
	pages = xcalloc(np, sizeof(*pages));
	for (i = 0; i < np; i++)
		pages[i] = (int)i + 1;
	rc = fmt_ocr_pages(cx, data, n, pages, np, image_page, &im, d, e);
	free(pages);
	pixaDestroy(&im.pixa);
	return rc;
}
