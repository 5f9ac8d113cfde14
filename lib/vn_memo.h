/*
 * vn_memo: a memo of short byte strings keyed by short byte strings, for results that are a
 * pure function of their key (the tokens of a chunk of text, lib/vn_tok.c). One per thread:
 * no locking. Open addressing over a fixed table sized to stay in the L2 cache; when it is
 * 3/4 full it is cleared and fills again with what the text in hand uses.
 *
 * The caller hashes the key (vn_memo_hash, or the same function fused into a scan of its
 * own) so that finding a key's end and hashing it is one pass over the bytes.
 */
#ifndef THIDUA_VN_MEMO_H
#define THIDUA_VN_MEMO_H
#include <stddef.h>

struct vn_memo;

struct vn_memo *vn_memo_new(void);
void vn_memo_free(struct vn_memo *m);

/* FNV-1a, never 0 (vn_memo_step per byte from VN_MEMO_SEED, then vn_memo_final). */
#define VN_MEMO_SEED 2166136261u
static inline unsigned vn_memo_step(unsigned h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}
static inline unsigned vn_memo_final(unsigned h)
{
	return h ? h : 1;
}
unsigned vn_memo_hash(const char *key, size_t n);

/* The value stored for key (n bytes, hash h), and its length in *nval; NULL if none. The
 * pointer is good until the next vn_memo_put. */
const char *vn_memo_get(struct vn_memo *m, unsigned h, const char *key, size_t n, size_t *nval);

/* Store val for key. Keys and values longer than VN_MEMO_MAX bytes are not kept. */
#define VN_MEMO_MAX 0xFFFF
void vn_memo_put(struct vn_memo *m, unsigned h, const char *key, size_t n, const char *val,
                 size_t nval);

#endif
