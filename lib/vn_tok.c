#include "vn_tok.h"
#include "vn_folds.h"
#include "vn_memo.h"
#include "vn_rank.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <pthread.h>
#include <stdatomic.h>

enum { C_SEP, C_LETTER, C_DIGIT };

/*
 * Character classes. ASCII is decided inline because it is most of the bytes; anything else
 * asks ICU: letters and combining marks make words (a mark continues the word it follows,
 * which is how NFD text stays one token), ASCII decimal digits make numbers, and everything
 * else — punctuation, symbols, superscript digits (footnote markers), format characters
 * such as the soft hyphen or zero-width space — separates tokens.
 */
static int cls_icu(UChar32 c)
{
	if (u_isalpha(c))
		return C_LETTER;
	switch (u_charType(c)) {
	case U_NON_SPACING_MARK:
	case U_COMBINING_SPACING_MARK:
	case U_ENCLOSING_MARK:
		return C_LETTER;
	default:
		return C_SEP;
	}
}

/*
 * Vietnamese text spends nearly all its non-ASCII characters below U+2000 (Latin-1,
 * Latin Extended, combining marks) and in U+1EA0–U+1EF9, so the ICU answers for
 * U+0080–U+1FFF are asked once and kept.
 */
#define CLS_CACHED 0x2000
static unsigned char cls_table[CLS_CACHED];
static pthread_once_t cls_once = PTHREAD_ONCE_INIT;
/* set once the table is filled: vn_tok_next runs per token, pthread_once per token showed */
static atomic_int cls_ready;

static void cls_init(void)
{
	UChar32 c;
	for (c = 0x80; c < CLS_CACHED; c++)
		cls_table[c] = (unsigned char)cls_icu(c);
	atomic_store_explicit(&cls_ready, 1, memory_order_release);
}

static int ascii_letter(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

static int cls(UChar32 c)
{
	if (c < 0x80) {
		if (ascii_letter((unsigned char)c))
			return C_LETTER;
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		return C_SEP;
	}
	if (c < CLS_CACHED)
		return cls_table[c];
	return cls_icu(c);
}

static int digit_at(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

static size_t digit_run(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (digit_at(s, n, j))
		j++;
	return j - i;
}

/*
 * End of a number starting at i. Separators '.' and ',' join digit runs: any number of
 * three-digit groups, then at most one decimal part of another length, and the number must
 * not go on with yet another separated run after that (that is a list such as "2,3,4",
 * whose items are separate numbers). A number that follows "d," or "d." is itself an item
 * of such a list, so it takes no separators at all.
 */
static size_t number_end(const char *s, size_t n, size_t i)
{
	size_t j = i + digit_run(s, n, i);

	if (i >= 2 && (s[i - 1] == '.' || s[i - 1] == ',') && digit_at(s, n, i - 2))
		return j;
	for (;;) {
		size_t k;
		if (j + 1 >= n || (s[j] != '.' && s[j] != ',') || !digit_at(s, n, j + 1))
			return j;
		k = digit_run(s, n, j + 1);
		if (k == 3) {
			j += 1 + k;
			continue;
		}
		/* a decimal part only if nothing separated follows it */
		if (j + 1 + k + 1 < n && (s[j + 1 + k] == '.' || s[j + 1 + k] == ',') &&
		    digit_at(s, n, j + 2 + k))
			return j;
		return j + 1 + k;
	}
}

int vn_tok_next(const char *s, size_t n, size_t *pos, size_t *start, size_t *end)
{
	size_t i = *pos;
	int32_t len;

	/* ICU's UTF-8 macros take int32 indexes; passages are far below that. */
	len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	if (!atomic_load_explicit(&cls_ready, memory_order_acquire))
		pthread_once(&cls_once, cls_init);
	while ((size_t)i < (size_t)len) {
		int32_t at = (int32_t)i, j = (int32_t)i;
		UChar32 c;
		int k;
		unsigned char b = (unsigned char)s[i];
		/* ASCII is most bytes: decide it without decoding */
		if (b < 0x80) {
			if (ascii_letter(b)) {
				k = C_LETTER;
			} else if (b >= '0' && b <= '9') {
				k = C_DIGIT;
			} else {
				i++;
				continue;
			}
			j++;
		} else {
			U8_NEXT(s, j, len, c);
			k = c < 0 ? C_SEP : cls(c);
		}
		if (k == C_SEP) {
			i = (size_t)j;
			continue;
		}
		*start = (size_t)at;
		if (k == C_DIGIT) {
			*end = *pos = number_end(s, (size_t)len, (size_t)at);
			return 1;
		}
		while (j < len) {
			int32_t next = j;
			b = (unsigned char)s[j];
			if (b < 0x80) {
				if (!ascii_letter(b))
					break;
				j++;
				continue;
			}
			U8_NEXT(s, next, len, c);
			if (c < 0 || cls(c) != C_LETTER)
				break;
			j = next;
		}
		*end = *pos = (size_t)j;
		return 1;
	}
	*pos = (size_t)len;
	return 0;
}

int vn_tok_each(struct vn_norm *nm, const char *s, size_t n, vn_tok_fn fn, void *ctx)
{
	size_t pos = 0, a, b;
	struct vn_word w;
	int rc;

	while (vn_tok_next(s, n, &pos, &a, &b)) {
		if (vn_norm_word(nm, s + a, b - a, &w) != 0)
			continue;
		rc = fn(ctx, &w, a, b);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------- precomputed tokens */

/*
 * One record per token: a head byte, the token's length with FTS5_TOKEN_COLOCATED in the
 * top bit (127 means "a 2-byte length follows"), then the token bytes. No offsets: FTS5
 * ignores them when it indexes (they matter to highlight() and snippet(), which tokenize
 * the stored text again), and leaving them out makes a record a third of its old size —
 * less to copy in the worker and the writer, and more documents fit the pipeline's window.
 */
#define REC_LONG 127

void vn_toks_reserve(struct vn_toks *t, size_t ntext)
{
	/* a word of Vietnamese text is 4-7 bytes with its space and records one or two
	 * tokens of a head byte plus its length: about two record bytes per text byte, so
	 * one allocation holds a passage's tokens where growing from nothing took a dozen */
	t->data = xgrow(t->data, &t->cap, t->n + ntext * 2 + 64, 1);
}

void vn_toks_put(struct vn_toks *t, int tflags, const char *tok, size_t ntok)
{
	unsigned char flag = (tflags & FTS5_TOKEN_COLOCATED) ? 0x80 : 0;
	uint16_t len = (uint16_t)(ntok > 0xFFFF ? 0xFFFF : ntok);
	size_t head = len < REC_LONG ? 1 : 3;

	/* the reserve usually holds it: only a passage of unusual tokens grows */
	if (t->n + head + len > t->cap)
		t->data = xgrow(t->data, &t->cap, t->n + head + len, 1);
	if (len < REC_LONG) {
		t->data[t->n] = (char)(flag | len);
	} else {
		t->data[t->n] = (char)(flag | REC_LONG);
		memcpy(t->data + t->n + 1, &len, 2);
	}
	memcpy(t->data + t->n + head, tok, len);
	t->n += head + len;
	t->count++;
}

struct recording {
	struct vn_toks *t;
	const char *text;
	size_t n;
};

static int record_token(void *ctx, const struct vn_word *w, size_t a, size_t b)
{
	struct recording *r = ctx;

	vn_toks_put(r->t, 0, w->canon, w->ncanon);
	if (w->flags & VN_WORD_ACCENTED)
		vn_toks_put(r->t, FTS5_TOKEN_COLOCATED, w->fold, w->nfold);
	else if (!(w->flags & VN_WORD_NUMBER))
		r->t->bare |= vn_rank_bare_word(r->text, r->n, a, b);
	return 0;
}

void vn_tok_precompute_direct(struct vn_norm *nm, const char *text, size_t n, struct vn_toks *out)
{
	struct recording r = {out, text, n};

	out->n = out->count = 0;
	out->bare = 0;
	vn_toks_reserve(out, n);
	vn_tok_each(nm, text, n, record_token, &r);
}

/*
 * The tokens of a chunk — the bytes between two ASCII spaces — are a function of the chunk
 * alone: no token crosses a space, the number rule looks back two bytes and the bare-word
 * rule one byte, and a space satisfies both exactly as the start or end of the text does.
 * Report text repeats the same few thousand chunks ("thi", "đua,", "(1)"), so their records
 * are kept (lib/vn_memo.h) and copied: finding the chunk and hashing it is one pass, where
 * the tokenizer decoded every character and normalized and recorded every word again.
 *
 * A memo value: the token count (1 byte), whether a bare-word signature follows (1 byte),
 * that signature (8 bytes, when it does), then the records.
 */

static void toks_append(struct vn_toks *out, const char *rec, size_t n, size_t count, uint64_t bare)
{
	if (out->n + n > out->cap)
		out->data = xgrow(out->data, &out->cap, out->n + n, 1);
	if (n)
		memcpy(out->data + out->n, rec, n);
	out->n += n;
	out->count += count;
	out->bare |= bare;
}

static void chunk_tokens(struct vn_norm *nm, struct vn_memo *memo, unsigned h, const char *s,
                         size_t n, struct vn_toks *one, struct buf *val, struct vn_toks *out)
{
	const char *v;
	size_t nv;
	uint64_t bare = 0;

	if (n <= VN_CHUNK_MAX && (v = vn_memo_get(memo, h, s, n, &nv)) != NULL) {
		size_t head = v[1] ? 10 : 2;
		if (v[1])
			memcpy(&bare, v + 2, 8);
		toks_append(out, v + head, nv - head, (unsigned char)v[0], bare);
		return;
	}
	vn_tok_precompute_direct(nm, s, n, one);
	toks_append(out, one->data, one->n, one->count, one->bare);
	if (n > VN_CHUNK_MAX || one->count > 255 || !vn_memo_seen(memo, h))
		return;
	buf_reset(val);
	buf_addc(val, (char)one->count);
	buf_addc(val, (char)(one->bare != 0));
	if (one->bare)
		buf_add(val, (const char *)&one->bare, 8);
	buf_add(val, one->data, one->n);
	vn_memo_put(memo, h, s, n, val->p, val->n);
}

void vn_tok_precompute(struct vn_norm *nm, const char *text, size_t n, struct vn_toks *out)
{
	struct vn_memo *memo = vn_norm_memo(nm, VN_MEMO_TOKS);
	struct vn_toks one = {0};
	struct buf val = BUF_INIT;
	size_t i = 0, a, spaces = 0;
	unsigned h;

	out->n = out->count = 0;
	out->bare = 0;
	vn_toks_reserve(out, n);
	while ((h = vn_chunk_next(text, n, &i, &a, &spaces)) != 0)
		chunk_tokens(nm, memo, h, text + a, i - a, &one, &val, out);
	vn_toks_free(&one);
	buf_free(&val);
}

void vn_toks_free(struct vn_toks *t)
{
	free(t->data);
	memset(t, 0, sizeof(*t));
}

static _Thread_local struct {
	const char *text;
	size_t n;
	const struct vn_toks *toks;
	unsigned long replayed, computed;
} replay;

void vn_tok_replay_begin(const char *text, size_t n, const struct vn_toks *t)
{
	replay.text = text;
	replay.n = n;
	replay.toks = t;
}

void vn_tok_replay_end(void)
{
	replay.text = NULL;
	replay.toks = NULL;
}

void vn_tok_replay_stats(unsigned long *replayed, unsigned long *computed)
{
	*replayed = replay.replayed;
	*computed = replay.computed;
}

/* The writer's folds (lib/vn_folds.h) while it inserts: accented words are told to it. */
static _Thread_local struct vn_folds *folds_sink;

void vn_tok_folds_begin(struct vn_folds *f)
{
	folds_sink = f;
}

void vn_tok_folds_end(void)
{
	folds_sink = NULL;
}

/* twins: emit the colocated folded twins; otherwise they go to the folds sink, if any */
static int replay_tokens(const struct vn_toks *t, int twins, void *ctx,
                         int (*xToken)(void *, int, const char *, int, int, int))
{
	const unsigned char *d = (const unsigned char *)t->data;
	size_t i = 0, last = 0, nlast = 0;

	while (i < t->n) {
		int flags = (d[i] & 0x80) ? FTS5_TOKEN_COLOCATED : 0, rc = SQLITE_OK;
		size_t len = d[i] & 0x7F, head = 1;
		if (len == REC_LONG) {
			uint16_t l16;
			memcpy(&l16, d + i + 1, 2);
			len = l16;
			head = 3;
		}
		/* offsets 0: FTS5 does not use them when indexing (see REC_LONG above) */
		if (!flags || twins)
			rc = xToken(ctx, flags, t->data + i + head, (int)len, 0, 0);
		else if (folds_sink) /* a twin follows the word it folds */
			vn_folds_note(folds_sink, t->data + last, nlast, t->data + i + head, len);
		if (rc != SQLITE_OK)
			return rc;
		if (!flags) {
			last = i + head;
			nlast = len;
		}
		i += head + len;
	}
	return SQLITE_OK;
}

/* ---------------------------------------------------------------- FTS5 glue */

struct tokenizer {
	struct vn_norm *nm;
	sqlite3 *db;
	char *folds; /* the folds table (tokenize = 'vietnamese term_folds'), or NULL: twins */
	/* its lookups, prepared on first use: a search parses its query once for the ranking
	 * and again for each row shown, and preparing them each time was an eighth of it */
	sqlite3_stmt *exact, *prefix;
};

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tokenizer *t;
	struct err e;

	/* one option: the folds table; refuse anything else rather than ignore it */
	if (argc > 1 || (argc == 1 && !plain_name(argv[0])))
		return SQLITE_ERROR;
	t = xcalloc(1, sizeof(*t));
	t->db = user;
	t->folds = argc == 1 ? xstrdup(argv[0]) : NULL;
	t->nm = vn_norm_new(&e);
	if (!t->nm) {
		free(t->folds);
		free(t);
		return SQLITE_ERROR;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct tokenizer *t = (struct tokenizer *)p;
	if (!t)
		return;
	/* FTS5 lets its tokenizer go as the connection closes, before SQLite checks that no
	 * statement is left */
	sqlite3_finalize(t->exact);
	sqlite3_finalize(t->prefix);
	vn_norm_free(t->nm);
	free(t->folds);
	free(t);
}

struct emit {
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
	struct tokenizer *t;
	int document, prefix;
};

/*
 * A query word typed without diacritics, with a folds table: the accented words the index
 * holds under it, as synonyms of the word (FTS5_TOKEN_COLOCATED in a query: any of them
 * matches, in a phrase too). A prefix ("dua*") takes the accented terms' prefixes of as many
 * characters.
 */
static sqlite3_stmt *folds_lookup(struct tokenizer *t, int prefix)
{
	sqlite3_stmt **st = prefix ? &t->prefix : &t->exact;
	const char *sql = prefix ? "SELECT DISTINCT substr(term, 1, ?2) FROM \"%w\""
	                           " WHERE fold >= ?1 AND fold < ?1 || char(1114111) LIMIT 256"
	                         : "SELECT term FROM \"%w\" WHERE fold = ?1";
	char *q;

	if (*st != NULL)
		return *st;
	q = sqlite3_mprintf(sql, t->folds);
	/* no such table (yet: a database being created): no synonyms, and asked again */
	if (!q ||
	    sqlite3_prepare_v3(t->db, q, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		*st = NULL;
	sqlite3_free(q);
	return *st;
}

static int emit_folded(const struct emit *em, const struct vn_word *w, int a, int b)
{
	sqlite3_stmt *st = folds_lookup(em->t, em->prefix);
	int rc = SQLITE_OK, n = 0;

	if (!st)
		return SQLITE_OK;
	sqlite3_bind_text(st, 1, w->canon, (int)w->ncanon, SQLITE_STATIC);
	if (em->prefix) {
		const char *s = w->canon;
		while (s < w->canon + w->ncanon)
			n += ((unsigned char)*s++ & 0xC0) != 0x80;
		sqlite3_bind_int(st, 2, n);
	}
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *syn = (const char *)sqlite3_column_text(st, 0);
		int nsyn = sqlite3_column_bytes(st, 0);
		if (syn && !((size_t)nsyn == w->ncanon && memcmp(syn, w->canon, w->ncanon) == 0))
			rc = em->xToken(em->ctx, FTS5_TOKEN_COLOCATED, syn, nsyn, a, b);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static int emit_token(void *ctx, const struct vn_word *w, size_t a, size_t b)
{
	struct emit *em = ctx;
	int rc = em->xToken(em->ctx, 0, w->canon, (int)w->ncanon, (int)a, (int)b);

	if (rc != SQLITE_OK)
		return rc;
	if (em->document && (w->flags & VN_WORD_ACCENTED)) {
		/* without a folds table a document carries the folded twin, which a query word
		 * typed without diacritics meets; with one the word is noted there instead */
		if (!em->t->folds)
			rc = em->xToken(em->ctx, FTS5_TOKEN_COLOCATED, w->fold, (int)w->nfold,
			                (int)a, (int)b);
		else if (folds_sink)
			vn_folds_note(folds_sink, w->canon, w->ncanon, w->fold, w->nfold);
	} else if (!em->document && em->t->folds &&
	           !(w->flags & (VN_WORD_ACCENTED | VN_WORD_NUMBER))) {
		rc = emit_folded(em, w, (int)a, (int)b);
	}
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int ntext,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
	struct tokenizer *t = (struct tokenizer *)p;
	struct emit em = {ctx, xToken, t, (flags & FTS5_TOKENIZE_DOCUMENT) != 0,
	                  (flags & FTS5_TOKENIZE_PREFIX) != 0};

	if (ntext <= 0)
		return SQLITE_OK;
	/* the same bytes, not only the same pointer: SQLite hands FTS5 a copy of a bound text
	 * whenever it has to add a terminator */
	if (em.document && replay.toks && replay.n == (size_t)ntext &&
	    (replay.text == text || memcmp(replay.text, text, (size_t)ntext) == 0)) {
		replay.replayed++;
		return replay_tokens(replay.toks, !t->folds, ctx, xToken);
	}
	if (em.document)
		replay.computed++;
	return vn_tok_each(t->nm, text, (size_t)ntext, emit_token, &em);
}

fts5_api *vn_tok_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int vn_tok_register(sqlite3 *db, struct err *e)
{
	static fts5_tokenizer vt = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = vn_tok_fts5_api(db);

	if (!api)
		return err_set(e, "this SQLite has no FTS5");
	if (api->xCreateTokenizer(api, "vietnamese", db, &vt, NULL) != SQLITE_OK)
		return err_set(e, "cannot register the vietnamese tokenizer: %s",
		               sqlite3_errmsg(db));
	return 0;
}
