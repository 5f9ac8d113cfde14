/*
 * ocr: page images to text with Tesseract (C API, language "vie"), shared by all workers.
 *
 * One pool per run: --jobs threads, each with its own Tesseract engine, each OCR'ing one
 * page at a time, so one long scanned PDF keeps every core busy. A reader (fmt_pdf,
 * fmt_image) hands the pages of one document to ocr_document(), which renders them through
 * a callback as threads free up (a few pages in flight, never the whole document in
 * memory) and waits for all of them.
 *
 * Results are cached by the sha256 of the file's bytes, the page number and the recipe
 * (Tesseract version, language, preprocessing) in a side database next to the index
 * (docs/ocr.md says why a side file); the cache keeps the raw OCR text, and the repair
 * (vn_ocrfix) is applied on every read, so improving the repair needs no new OCR.
 */
#ifndef THIDUA_OCR_H
#define THIDUA_OCR_H
#include <stddef.h>

#include "util.h"

struct Pix;
struct ocr;

enum ocr_mode { OCR_AUTO, OCR_NEVER, OCR_ALWAYS };

/* "auto", "never", "always" -> mode; -1 for anything else */
int ocr_mode_from_name(const char *name);

/* A pool of `threads` engines (started on first use) */
struct ocr *ocr_new(int threads, enum ocr_mode mode);
void ocr_free(struct ocr *o);
enum ocr_mode ocr_mode(const struct ocr *o);
/* Open (create) the cache at path; without one every page is OCR'd. */
int ocr_open_cache(struct ocr *o, const char *path, struct err *e);
/* Whether OCR can run; if not, e says which package to install. */
int ocr_ready(struct ocr *o, struct err *e);

struct ocr_page {
	int page;    /* 1-based */
	char *raw;   /* what Tesseract read (malloc'd) */
	char *text;  /* raw after repair (malloc'd) */
	double conf; /* mean word confidence 0..100 */
	int repairs; /* syllables and numbers repaired */
	int cached;  /* came from the cache */
};

/* Render page (1-based) as an 8-bit grayscale image; NULL with e set on failure. */
typedef struct Pix *(*ocr_render_fn)(void *ctx, int page, struct err *e);

/*
 * OCR the given pages of the document whose bytes hash to sha256: out[i].page = pages[i].
 * -1 with e set when OCR is unavailable or a page fails to render.
 */
int ocr_document(struct ocr *o, const char *sha256, const int *pages, size_t n,
                 ocr_render_fn render, void *ctx, struct ocr_page *out, struct err *e);
void ocr_page_free(struct ocr_page *p);

/* A word as Tesseract's iterator gives it: its text and bounding box (pixels, y down). */
struct ocr_word {
	const char *text;
	int l, t, r, b;
};

/*
 * Tesseract's text (words separated by blanks, in the iterator's order) with the lines of
 * a table cell wrapped onto the next lines put back into their cell. Tesseract reads such a
 * line as a line of its own after the row ("nhúng kẽm nóng" under "Cột điện cao thế bằng
 * thép mạ"), where the transcript of the spreadsheet has the cell whole. A line is the rest
 * of the table row above it when the row has a column gap and a narrow first cell (an item
 * number), and the line has letters, nothing under that first cell, each of its runs of
 * words starting where a cell of the row starts, and only cells with letters above it;
 * each of its words then goes after the cell it lies under (cells: words apart by a gap at
 * least as wide as they are high). A line of numbers under a row is a row of its own (a
 * code with an empty name). The malloc'd text, or NULL when nothing moved or the words do
 * not match the text.
 */
char *ocr_regroup(const char *text, const struct ocr_word *w, size_t n);

/*
 * The factor a page is shrunk by before recognition, from the heights (pixels) of its text
 * lines: their median brought to the height the model reads a line at (36 px), when that
 * shrinks the page by a tenth or more; never enlarged, never below a quarter. A 13 pt report
 * line at 300 dpi is about 74 px: read at half size. 1 for no lines.
 */
double ocr_line_scale(const int *heights, size_t n);

/* A connected component's bounding box on a page image (pixels, y down; r and b exclusive). */
struct ocr_box {
	int l, t, r, b;
};

/*
 * The dots of dotted leaders among a page's connected components (line_h: the median height
 * of its text lines), marked in leader[0..n); their count. A form's field to fill in
 * (`Họ và tên:............Năm sinh`) is a leader: fill drawn to a width, not text, and
 * Tesseract reads a long one as letters and digits and loses the words beside it. A dot is
 * a small, roughly square component with nothing above or below it within a third of a
 * line height (not the dot of a colon, an i or a dấu nặng); a leader is a chain of six or
 * more dots on one baseline, each at most half a line height after the one before, with
 * nothing else between them. An ellipsis or a full stop is one to four dots.
 */
size_t ocr_leaders(const struct ocr_box *c, size_t n, int line_h, unsigned char *leader);

/* Counters for progress and the summary. */
struct ocr_stats {
	long pages_queued, pages_done, pages_cached;
	double seconds; /* wall time while at least one page was being OCR'd */
};
void ocr_stats(struct ocr *o, struct ocr_stats *s);

/* SHA-256 of bytes as 64 hex digits. */
void ocr_sha256(const char *data, size_t n, char out[65]);

#endif
