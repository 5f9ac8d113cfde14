#include "vn_memo.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* 16 bytes a slot, 256 KiB a table: a year of one province's reports uses about 10 000
 * distinct chunks of text */
#define SLOTS 16384u

struct slot {
	unsigned hash; /* 0: empty */
	unsigned key;  /* offset of the key bytes in the arena, the value right after them */
	unsigned short nkey, nval;
};

/* keys seen once, by hash: a bit each (collisions only make a key kept a sighting early) */
#define SEEN_BITS 65536u

struct vn_memo {
	struct slot *slots;
	unsigned used;
	struct buf arena;
	unsigned char seen[SEEN_BITS / 8];
};

struct vn_memo *vn_memo_new(void)
{
	struct vn_memo *m = xcalloc(1, sizeof(*m));

	m->slots = xcalloc(SLOTS, sizeof(*m->slots));
	return m;
}

void vn_memo_free(struct vn_memo *m)
{
	if (!m)
		return;
	free(m->slots);
	buf_free(&m->arena);
	free(m);
}

const char *vn_memo_get(struct vn_memo *m, unsigned h, const char *key, size_t n, size_t *nval)
{
	unsigned i;

	for (i = h & (SLOTS - 1); m->slots[i].hash; i = (i + 1) & (SLOTS - 1)) {
		const struct slot *s = &m->slots[i];
		if (s->hash == h && s->nkey == n && memcmp(m->arena.p + s->key, key, n) == 0) {
			*nval = s->nval;
			return m->arena.p + s->key + n;
		}
	}
	return NULL;
}

void vn_memo_put(struct vn_memo *m, unsigned h, const char *key, size_t n, const char *val,
                 size_t nval)
{
	unsigned i;

	if (n > VN_MEMO_MAX || nval > VN_MEMO_MAX)
		return;
	if (m->used >= SLOTS / 4 * 3 || m->arena.n > (1u << 30)) {
		memset(m->slots, 0, SLOTS * sizeof(*m->slots));
		memset(m->seen, 0, sizeof(m->seen));
		m->used = 0;
		buf_reset(&m->arena);
	}
	for (i = h & (SLOTS - 1); m->slots[i].hash; i = (i + 1) & (SLOTS - 1))
		;
	m->slots[i].hash = h;
	m->slots[i].key = (unsigned)m->arena.n;
	m->slots[i].nkey = (unsigned short)n;
	m->slots[i].nval = (unsigned short)nval;
	buf_add(&m->arena, key, n);
	if (nval)
		buf_add(&m->arena, val, nval);
	m->used++;
}

int vn_memo_seen(struct vn_memo *m, unsigned h)
{
	unsigned bit = (h >> 7) & (SEEN_BITS - 1);
	int was = (m->seen[bit / 8] >> (bit % 8)) & 1;

	m->seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
	return was;
}
