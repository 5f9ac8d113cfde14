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

struct fmt_ctx {
	struct vn_norm *nm; /* the worker's normalizer (NFC of decoded text) */
	const char *mime;   /* what libmagic said */
	int encoding;       /* enum vn_charset from --encoding; VN_CS_UNKNOWN: detect */
	int typed_case;     /* --typed-case: leave text in upper-case fonts (.VnTimeH) as typed */
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

/* RTF, font-aware: runs in legacy Vietnamese fonts decoded with their table. */
int fmt_rtf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e);

#endif
