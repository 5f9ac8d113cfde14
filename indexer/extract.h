/*
 * extract: the bytes of one file -> its decoded text, with the format and encoding named.
 * The type is found by libmagic from the content, never from the file name.
 *
 * An extractor holds per-thread state (a libmagic cookie, a normalizer): one per worker.
 */
#ifndef THIDUA_EXTRACT_H
#define THIDUA_EXTRACT_H
#include <stddef.h>

#include "doc.h"
#include "util.h"
#include "vn_norm.h"

struct extractor;

struct extractor *extractor_new(struct err *e);
void extractor_free(struct extractor *x);
struct vn_norm *extractor_norm(struct extractor *x);
/* Force the legacy encoding of text formats (an enum vn_charset; VN_CS_UNKNOWN: detect). */
void extractor_set_encoding(struct extractor *x, int cs);
/* Leave text in upper-case legacy fonts (.VnTimeH) in the case it was typed. */
void extractor_set_typed_case(struct extractor *x, int on);
struct ocr;
/* The OCR pool scanned pages go to (indexer/ocr.h); NULL (the default): no OCR. */
void extractor_set_ocr(struct extractor *x, struct ocr *o);

/*
 * Decode data[0..n) into d->text (NFC UTF-8) and set d->format, d->encoding. On failure
 * returns -1 with one line in e saying what is wrong ("empty file", "not UTF-8 text:
 * invalid byte 0xC3 at offset 1234", "unsupported file type (libmagic says …)").
 */
int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d,
		  struct err *e);

/* Whether the plain-text reader would read bytes starting like data[0..n) (for streaming
 * large files). */
int extract_is_plain_text(struct extractor *x, const char *data, size_t n);

/* What one file on disk yields: its document, or one per archive member. */
struct docset {
	struct doc *docs;
	size_t ndocs, cap;
	char **fails; /* "a.zip!b.bin: unsupported file type (…)": one line per failed member */
	size_t nfails, fcap;
};

/*
 * Extract the file at `path` (its bytes data[0..n), modified at mtime) into out: one
 * document, or one per member when it is an archive (paths "path!member"). Returns -1 with
 * e set when the file as a whole cannot be read; members that cannot be are in out->fails.
 */
int extract_file(struct extractor *x, const char *path, const char *data, size_t n, long long mtime,
                 struct docset *out, struct err *e);
void docset_free(struct docset *s);
/* Append a failure line (takes it). */
void docset_fail(struct docset *s, char *line);

struct arc_budget;
/* One member of an archive (or the file itself at depth 1): for fmt_archive. */
int extract_member(struct extractor *x, const char *path, const char *data, size_t n,
                   long long mtime, int depth, struct arc_budget *b, struct docset *out,
                   struct err *e);

#endif
