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

/*
 * Decode data[0..n) into d->text (NFC UTF-8) and set d->format, d->encoding. On failure
 * returns -1 with one line in e saying what is wrong ("empty file", "not UTF-8 text:
 * invalid byte 0xC3 at offset 1234", "unsupported file type (libmagic says …)").
 */
int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d,
		  struct err *e);

#endif
