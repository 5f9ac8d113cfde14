/*
 * bigtext: a text file too large to hold in memory, read, decoded and laid out in chunks
 * (BIGTEXT_CHUNK bytes, cut at a paragraph break, else a line break), so memory stays
 * bounded by the chunk, not the file. The encoding is found on the first chunk and kept
 * for the rest (a UTF-16 byte-order mark is carried along). The header (title, date) is
 * read from the first chunk; section paths start afresh at each chunk boundary.
 */
#ifndef THIDUA_BIGTEXT_H
#define THIDUA_BIGTEXT_H
#include <stddef.h>

#include "doc.h"
#include "extract.h"
#include "util.h"

#define BIGTEXT_CHUNK ((size_t)4 << 20)

/* Receives each chunk laid out as passages (first = 1 for the first, which also carries
 * the header); return -1 with e set to stop. */
typedef int (*bigtext_fn)(void *ctx, struct doc *part, int first, struct err *e);

/* Read path in chunks through fn. Returns -1 with e set on a read or decoding error. */
int bigtext_read(struct extractor *x, const char *path, bigtext_fn fn, void *ctx, struct err *e);

#endif
