/*
 * ole2: the OLE2 compound file container of Word, Excel and PowerPoint 97–2003, opened
 * through libgsf, and bounds-checked reads of the little-endian binary streams inside.
 *
 * Every offset and count in these streams comes from the file and may be absurd. The
 * readers below never read outside their span: an out-of-range read returns 0 and marks
 * the span bad, so a parser can read a whole structure and check `bad` once.
 */
#ifndef THIDUA_OLE2_H
#define THIDUA_OLE2_H
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct ole2;

/* Open a compound file held in memory (not copied: data must outlive the handle). */
struct ole2 *ole2_open(const char *data, size_t n, struct err *e);

/*
 * A container that holds just the given streams, without OLE2 framing (not copied). The
 * fuzz targets use it so that mutations reach the Word, Excel and PowerPoint parsers
 * instead of breaking the container's sector chains.
 */
struct ole2 *ole2_from_streams(const char *const *names, const unsigned char *const *data,
                               const size_t *len, size_t n);
void ole2_close(struct ole2 *o);

/* Whether the container has a top-level stream or storage of that name. */
int ole2_has(struct ole2 *o, const char *name);

/*
 * Read the whole top-level stream `name` into a new buffer (*out, freed by the caller).
 * Returns 0, or 1 when there is no such stream, or -1 with e set when the stream cannot be
 * read or is larger than max bytes.
 */
int ole2_stream(struct ole2 *o, const char *name, size_t max, unsigned char **out, size_t *len,
                struct err *e);

/* A byte range of a stream. `bad` is set by any read that would go outside it. */
struct span {
	const unsigned char *p;
	size_t n;
	int bad;
};

static inline struct span span_of(const unsigned char *p, size_t n)
{
	struct span s = {p, n, 0};
	return s;
}

/* Whether [off, off + len) lies inside s (no overflow for any values). */
static inline int span_has(const struct span *s, size_t off, size_t len)
{
	return off <= s->n && len <= s->n - off;
}

static inline unsigned span_u8(struct span *s, size_t off)
{
	if (!span_has(s, off, 1)) {
		s->bad = 1;
		return 0;
	}
	return s->p[off];
}

static inline unsigned span_u16(struct span *s, size_t off)
{
	if (!span_has(s, off, 2)) {
		s->bad = 1;
		return 0;
	}
	return (unsigned)s->p[off] | (unsigned)s->p[off + 1] << 8;
}

static inline uint32_t span_u32(struct span *s, size_t off)
{
	if (!span_has(s, off, 4)) {
		s->bad = 1;
		return 0;
	}
	return (uint32_t)s->p[off] | (uint32_t)s->p[off + 1] << 8 | (uint32_t)s->p[off + 2] << 16 |
	       (uint32_t)s->p[off + 3] << 24;
}

/* The sub-range [off, off + len); an empty bad span (and s marked bad) if it does not fit. */
static inline struct span span_sub(struct span *s, size_t off, size_t len)
{
	struct span r = {NULL, 0, 1};

	if (!span_has(s, off, len)) {
		s->bad = 1;
		return r;
	}
	return span_of(s->p + off, len);
}

#endif
