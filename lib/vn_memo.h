/*
 * vn_memo: a memo of short byte strings keyed by short byte strings, for results that are a
 * pure function of their key (the tokens of a chunk of text, lib/vn_tok.c). One per thread:
 * no locking. Open addressing over a fixed table sized to stay in the L2 cache; when it is
 * 3/4 full it is cleared and fills again with what the text in hand uses.
 *
 * The caller hashes the key (vn_chunk_next below) so that finding a key's end and hashing it
 * is one pass over the bytes.
 */
#ifndef THIDUA_VN_MEMO_H
#define THIDUA_VN_MEMO_H
#include <stddef.h>

struct vn_memo;

struct vn_memo *vn_memo_new(void);
void vn_memo_free(struct vn_memo *m);

/* The hash of a key for the calls below is the caller's (never 0): vn_chunk_next computes it
 * while it finds a chunk, in the same pass over the bytes. */

/*
 * Chunks: what vn_tok and vn_words keep results for — the bytes between two ASCII spaces,
 * up to VN_CHUNK_MAX bytes and without digits (longer ones, and numbers, which seldom come
 * again and filled the memo for nothing in tables, are computed every time). No token crosses a
 * space, and the tokenizer's rules look at most two bytes back, where a space reads as the edge of
 * the text does: a chunk's tokens and words are a function of its bytes alone.
 */
#define VN_CHUNK_MAX 64
static inline int vn_chunk_space(unsigned char c)
{
	/* TAB LF VT FF CR and the space, as bits: one test a byte */
	return c <= ' ' && ((1ull << c) & (0x3E00ull | (1ull << ' ')));
}

/*
 * The next chunk of s[0..n) from *i: its start in *a, its end in *i, the spaces skipped
 * before it added to *spaces; returns its hash, or 0 when no chunk is left. A rotate and an
 * xor a byte keep the hash's chain short; the final multiply spreads the bits.
 */
static inline unsigned vn_chunk_next(const char *s, size_t n, size_t *i, size_t *a, size_t *spaces)
{
	unsigned h = 0x811C9DC5u;
	size_t k = *i;

	for (; k < n && vn_chunk_space((unsigned char)s[k]); k++)
		(*spaces)++;
	if (k >= n) {
		*i = *a = n;
		return 0;
	}
	for (*a = k; k < n && !vn_chunk_space((unsigned char)s[k]); k++)
		h = ((h << 5) | (h >> 27)) ^ (unsigned char)s[k];
	*i = k;
	h *= 0x9E3779B1u;
	return (h ^ (h >> 15)) | 1u;
}

/* The value stored for key (n bytes, hash h), and its length in *nval; NULL if none. The
 * pointer is good until the next vn_memo_put. */
const char *vn_memo_get(struct vn_memo *m, unsigned h, const char *key, size_t n, size_t *nval);

/* Whether a key of hash h was seen before (and mark it seen). Callers keep a key from its
 * second sighting on: a table lists thousands of numbers and codes once each, and keeping
 * them cost more than computing them (and pushed out what comes again). */
int vn_memo_seen(struct vn_memo *m, unsigned h);

/* Store val for key. Keys and values longer than VN_MEMO_MAX bytes are not kept. */
#define VN_MEMO_MAX 0xFFFF
void vn_memo_put(struct vn_memo *m, unsigned h, const char *key, size_t n, const char *val,
                 size_t nval);

#endif
