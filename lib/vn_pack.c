#include "vn_pack.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
/* ZSTD_f_zstd1_magicless and ZSTD_getFrameHeader_advanced: stable in the library since
 * 1.4, still declared in the header's experimental section */
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "embedded.h"
#include "text.h"

/* Below this, the frame header costs more than compression saves. */
#define PACK_MIN 64
#define PACK_LEVEL 3

/* 1 was a whole zstd frame (schema 13 and older). 2 is the frame without its 4-byte magic
 * number and its 4-byte dictionary id: the format byte already says what follows and there
 * is one dictionary. 8 bytes of 3.2 million passages: 26 MB of the national corpus. */
enum { FMT_RAW = 0, FMT_ZSTD_BARE = 2 };

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
	if (p->c &&
	    (ZSTD_isError(ZSTD_CCtx_setParameter(p->c, ZSTD_c_format, ZSTD_f_zstd1_magicless)) ||
	     ZSTD_isError(ZSTD_CCtx_setParameter(p->c, ZSTD_c_dictIDFlag, 0)))) {
		ZSTD_freeCCtx(p->c);
		p->c = NULL; /* vn_pack stores text as is */
	}
	if (p->d &&
	    ZSTD_isError(ZSTD_DCtx_setParameter(p->d, ZSTD_d_format, ZSTD_f_zstd1_magicless))) {
		ZSTD_freeDCtx(p->d);
		p->d = NULL; /* vn_unpack reports damage */
	}
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
	out->p[0] = FMT_ZSTD_BARE;
	got = ZSTD_CCtx_refCDict(p->c, dict.cdict);
	if (!ZSTD_isError(got))
		got = ZSTD_compress2(p->c, out->p + 1, bound, text, n);
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
	ZSTD_frameHeader h;
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
	if (b[0] != FMT_ZSTD_BARE || !dict.ddict || !p->d)
		return -1;
	if (ZSTD_getFrameHeader_advanced(&h, b + 1, n - 1, ZSTD_f_zstd1_magicless) != 0)
		return -1;
	size = h.frameContentSize;
	if (size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1u << 30))
		return -1;
	buf_reserve(out, (size_t)size + 1);
	got = ZSTD_DCtx_refDDict(p->d, dict.ddict);
	if (!ZSTD_isError(got))
		got = ZSTD_decompressDCtx(p->d, out->p, (size_t)size, b + 1, n - 1);
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

/* A damaged chunk: an error that names the database's file (the reading command shows it
 * as it is), and the function that met it. */
static void damaged(sqlite3_context *ctx, const char *what)
{
	const char *file = sqlite3_db_filename(sqlite3_context_db_handle(ctx), "main");
	char *msg = sqlite3_mprintf("%s: %s", file && *file ? file : "database", what);

	sqlite3_result_error(ctx, msg ? msg : what, -1);
	sqlite3_free(msg);
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
		damaged(ctx, "damaged passage text (vn_unpack)");
		return;
	}
	sqlite3_result_text(ctx, buf_str(&s->out), (int)s->out.n, SQLITE_TRANSIENT);
}

/* The chunk vn_slice unpacked last, kept with its packed bytes: passages are mostly read in
 * order, so the next one is usually in the same chunk. Keyed by the packed bytes themselves,
 * not the chunk's id, which a writer may give again to another chunk. */
struct slice_state {
	struct vn_packer *p;
	struct buf packed, text;
};

static void slice_free(void *v)
{
	struct slice_state *s = v;
	vn_packer_free(s->p);
	buf_free(&s->packed);
	buf_free(&s->text);
	free(s);
}

/* The passage at bytes [off, off + len) of the unpacked chunk argv[0] (argv[1], argv[2]),
 * or NULL after setting the error; *null: the chunk is NULL, and so is the result. */
static const char *chunk_passage(sqlite3_context *ctx, struct slice_state *s, sqlite3_value **argv,
                                 size_t *len, int *null)
{
	const void *b = sqlite3_value_blob(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	sqlite3_int64 off = sqlite3_value_int64(argv[1]), l = sqlite3_value_int64(argv[2]);

	*null = sqlite3_value_type(argv[0]) == SQLITE_NULL;
	if (*null)
		return NULL;
	if (!b || n != s->packed.n || memcmp(b, s->packed.p, n) != 0) {
		buf_reset(&s->packed);
		if (!b || vn_unpack(s->p, b, n, &s->text) != 0) {
			damaged(ctx, "damaged passage text (vn_slice)");
			return NULL;
		}
		buf_add(&s->packed, b, n);
	}
	if (off < 0 || l < 0 || (size_t)off > s->text.n || (size_t)l > s->text.n - (size_t)off) {
		damaged(ctx, "passage outside its chunk (vn_slice)");
		return NULL;
	}
	*len = (size_t)l;
	return s->text.p + off;
}

/* SQL: vn_slice(chunk, off, len) -> the text of bytes [off, off + len) of the unpacked chunk. */
static void fn_slice(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	size_t len;
	int null;
	const char *t = chunk_passage(ctx, sqlite3_user_data(ctx), argv, &len, &null);

	(void)argc;
	if (t)
		sqlite3_result_text(ctx, t, (int)len, SQLITE_TRANSIENT);
	else if (null)
		sqlite3_result_null(ctx);
}

/*
 * SQL: vn_span(chunk, off, len, start, end) -> code points [start, end) of that passage, as
 * substr(vn_slice(chunk, off, len), start + 1, end - start) gives them: an award's evidence,
 * a figure as written. Cut from the cached chunk, where substr() first had the whole
 * passage copied out (every award of a quarter of the national corpus, 164 000 rows, was
 * listed in 600-650 ms that way, 550-565 ms this way).
 */
static void fn_span(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	size_t len, a, b;
	int null;
	const char *t = chunk_passage(ctx, sqlite3_user_data(ctx), argv, &len, &null);
	sqlite3_int64 start = sqlite3_value_int64(argv[3]), end = sqlite3_value_int64(argv[4]);

	(void)argc;
	if (!t) {
		if (null)
			sqlite3_result_null(ctx);
		return;
	}
	a = text_byte_at(t, len, start > 0 ? (size_t)start : 0);
	b = end > start ? a + text_byte_at(t + a, len - a, (size_t)(end - start)) : a;
	sqlite3_result_text(ctx, t + a, (int)(b - a), SQLITE_TRANSIENT);
}

int vn_pack_register(sqlite3 *db, struct err *e)
{
	struct fn_state *s = xcalloc(1, sizeof(*s));
	struct slice_state *sl = xcalloc(1, sizeof(*sl));

	s->p = vn_packer_new();
	sl->p = vn_packer_new();
	if (sqlite3_create_function_v2(db, "vn_unpack", 1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, s,
	                               fn_unpack, NULL, NULL, fn_free) != SQLITE_OK) {
		slice_free(sl);
		return err_set(e, "cannot register vn_unpack: %s", sqlite3_errmsg(db));
	}
	if (sqlite3_create_function_v2(db, "vn_slice", 3,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, sl,
	                               fn_slice, NULL, NULL, slice_free) != SQLITE_OK)
		return err_set(e, "cannot register vn_slice: %s", sqlite3_errmsg(db));
	/* the same cache as vn_slice's (a listing reads both for one passage); vn_slice frees it */
	if (sqlite3_create_function_v2(db, "vn_span", 5,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, sl,
	                               fn_span, NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, "cannot register vn_span: %s", sqlite3_errmsg(db));
	return 0;
}
