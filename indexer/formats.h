/*
 * formats: one reader per file format, chosen by extract.c from libmagic's MIME type.
 *
 * A reader gets the whole file and fills d->blocks (NFC UTF-8, reading order), d->format
 * and d->encoding; on failure it returns -1 with one line in e ("truncated docx: …").
 * Readers never write files outside a private temporary folder and never run a shell.
 */
#ifndef THIDUA_FORMATS_H
#define THIDUA_FORMATS_H
#include <stddef.h>

#include "doc.h"
#include "util.h"
#include "vn_norm.h"

struct arc_budget;
struct ocr;

struct fmt_ctx {
	struct vn_norm *nm; /* the worker's normalizer (NFC of decoded text) */
	const char *mime;   /* what libmagic said */
	/* expansion left for the file on disk this comes from (zip-based formats charge it;
	 * NULL: the reader makes its own from n) */
	struct arc_budget *budget;
	int encoding;       /* enum vn_charset from --encoding; VN_CS_UNKNOWN: detect */
	int typed_case;     /* --typed-case: leave text in upper-case fonts (.VnTimeH) as typed */
	struct ocr *ocr;    /* the OCR pool (indexer/ocr.h); NULL: no OCR */
};

typedef int (*fmt_read_fn)(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d,
			   struct err *e);

/* Plain text: UTF-8 with or without BOM (NFC or NFD), UTF-16 with BOM, legacy 8-bit
 * Vietnamese (detected). */
int fmt_text_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);
/* 1 if bytes libmagic calls application/octet-stream look like 8-bit text (no NUL, few
 * controls): VN1 and VISCII text puts capitals in C0 slots, which libmagic takes for binary. */
int fmt_text_sniff(const char *data, size_t n);

/* PDF (poppler-glib): text layer per page in reading order, legacy-font runs repaired. */
int fmt_pdf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);
/* 1 if %PDF- starts within the first KiB (junk before the header, libmagic says octet-stream). */
int fmt_pdf_sniff(const char *data, size_t n);
/*
 * The OCR seam: 1-based numbers of the pages without a usable text layer, in *pages
 * (malloc'd, *npages of them). -1 with e set when the PDF cannot be opened.
 */
int fmt_pdf_textless_pages(const char *data, size_t n, int **pages, int *npages, struct err *e);

/* Images (PNG, JPEG, TIFF with all its pages, and what else Leptonica reads): OCR. */
int fmt_image_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

/*
 * OCR the listed pages of the document in data (fmt_image.c): the pages are rendered by
 * render(ctx, page) and read by cx->ocr; their repaired text is appended to d as BLK_TEXT
 * blocks in order, their records to d->ocr_pages. -1 with e set when OCR is unavailable.
 */
struct Pix;
int fmt_ocr_pages(struct fmt_ctx *cx, const char *data, size_t n, const int *pages,
		  size_t npages, struct Pix *(*render)(void *, int, struct err *), void *ctx,
		  struct doc *d, struct err *e);

/* RTF, font-aware: runs in legacy Vietnamese fonts decoded with their table. */
int fmt_rtf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

/* Word 2007+ .docx (also .docm, .dotx): body, tables, notes, headings; see docs/formats.md. */
int fmt_docx_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

/* OpenDocument text .odt (also .ott, and flat .fodt XML). */
int fmt_odt_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

/* HTML and XHTML web pages. */
int fmt_html_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

/*
 * OLE2 compound files (fmt_ole.c): Word, Excel and PowerPoint 97–2003, told apart by the
 * streams inside rather than by what libmagic guessed, then read by the one below.
 */
int fmt_ole_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

struct ole2;
/* Word .doc: paragraphs, table cells, footnotes, headers, text boxes (fmt_doc.c). */
int fmt_doc_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e);
/* Excel .xls (BIFF8, BIFF5): sheet names as headings, cells in row order (fmt_xls.c). */
int fmt_xls_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e);
/* PowerPoint .ppt: slides in order, shapes in drawing order, then notes (fmt_ppt.c). */
int fmt_ppt_read(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e);

#endif
