#include "vn_pack.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "embedded.h"

/* Below this, the frame header costs more than compression saves. */
#define PACK_MIN 64
#define PACK_LEVEL 3

enum { FMT_RAW = 0, FMT_ZSTD = 1 };

/* The dictionary, digested once for the whole process (read-only after that), each side
 * when first used: a search only unpacks, and digesting for compression (hash tables of a
 * level-3 CDict) was 5% of a search's start. */
static struct {
	ZSTD_CDict *cdict;
	ZSTD_DDict *ddict;
} dict;
static pthread_once_t cdict_once = PTHREAD_ONCE_INIT, ddict_once = PTHREAD_ONCE_INIT;

static void cdict_load(void)
{
	const struct embedded_file *f = embedded_find("data/passages.zdict");

	if (f)
		dict.cdict = ZSTD_createCDict(f->data, f->len, PACK_LEVEL);
}

static void ddict_load(void)
{
	const struct embedded_file *f = embedded_find("data/passages.zdict");

	if (f)
		dict.ddict = ZSTD_createDDict(f->data, f->len);
}

struct vn_packer {
	ZSTD_CCtx *c;
	ZSTD_DCtx *d;
};

struct vn_packer *vn_packer_new(void)
{
	struct vn_packer *p = xcalloc(1, sizeof(*p));

	p->c = ZSTD_createCCtx();
	p->d = ZSTD_createDCtx();
	return p;
}

void vn_packer_free(struct vn_packer *p)
{
	if (!p)
		return;
	ZSTD_freeCCtx(p->c);
	ZSTD_freeDCtx(p->d);
	free(p);
}

static void raw(const char *text, size_t n, struct buf *out)
{
	buf_reset(out);
	buf_addc(out, FMT_RAW);
	buf_add(out, text, n);
}

void vn_pack(struct vn_packer *p, const char *text, size_t n, struct buf *out)
{
	size_t bound, got;

	pthread_once(&cdict_once, cdict_load);
	if (n < PACK_MIN || !dict.cdict || !p->c) {
		raw(text, n, out);
		return;
	}
	bound = ZSTD_compressBound(n);
	buf_reset(out);
	buf_reserve(out, bound + 1);
	out->p[0] = FMT_ZSTD;
	got = ZSTD_compress_usingCDict(p->c, out->p + 1, bound, text, n, dict.cdict);
	if (ZSTD_isError(got) || got + 1 >= n + 1) {
		raw(text, n, out);
		return;
	}
	out->n = got + 1;
	out->p[out->n] = 0;
}

int vn_unpack(struct vn_packer *p, const void *data, size_t n, struct buf *out)
{
	const unsigned char *b = data;
	unsigned long long size;
	size_t got;

	buf_reset(out);
	if (n == 0)
		return -1;
	if (b[0] == FMT_RAW) {
		buf_add(out, b + 1, n - 1);
		return 0;
	}
	pthread_once(&ddict_once, ddict_load);
	if (b[0] != FMT_ZSTD || !dict.ddict || !p->d)
		return -1;
	size = ZSTD_getFrameContentSize(b + 1, n - 1);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1u << 30))
		return -1;
	buf_reserve(out, (size_t)size + 1);
	got = ZSTD_decompress_usingDDict(p->d, out->p, (size_t)size, b + 1, n - 1, dict.ddict);
	if (ZSTD_isError(got) || got != size)
		return -1;
	out->n = got;
	out->p[out->n] = 0;
	return 0;
}

struct fn_state {
	struct vn_packer *p;
	struct buf out;
};

static void fn_free(void *v)
{
	struct fn_state *s = v;
	vn_packer_free(s->p);
	buf_free(&s->out);
	free(s);
}

/* SQL: vn_unpack(blob) -> text. A text argument (never packed) passes through. */
static void fn_unpack(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct fn_state *s = sqlite3_user_data(ctx);
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	if (vn_unpack(s->p, sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]),
		      &s->out) != 0) {
		sqlite3_result_error(ctx, "vn_unpack: damaged passage text", -1);
		return;
	}
	sqlite3_result_text(ctx, buf_str(&s->out), (int)s->out.n, SQLITE_TRANSIENT);
}

int vn_pack_register(sqlite3 *db, struct err *e)
{
	struct fn_state *s = xcalloc(1, sizeof(*s));

	s->p = vn_packer_new();
	if (sqlite3_create_function_v2(db, "vn_unpack", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, s,
				       fn_unpack, NULL, NULL, fn_free) != SQLITE_OK)
		return err_set(e, "cannot register vn_unpack: %s", sqlite3_errmsg(db));
	return 0;
}
