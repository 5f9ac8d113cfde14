/*
 * vn_tok: where words are, and the FTS5 tokenizer "vietnamese" built on vn_norm.
 *
 * A token is a run of letters and combining marks, or a number: digits joined by '.' or ','
 * (1.419, 146,8, 82,295.000). Letters and digits are split from each other (đồng3, the
 * footnote digit glued to a word in plain-text exports, is "đồng" and "3"). Everything
 * else separates tokens: spaces, punctuation, superscripts (⁽¹⁾, ³), format characters.
 *
 * The FTS5 tokenizer, registered as `vietnamese`, with one optional argument, a folds table
 * (lib/vn_folds.h; thidua's schema says tokenize = 'vietnamese term_folds'):
 *   - indexing a document: the canonical form of each token; without a folds table, when
 *     the word carries diacritics, also its folded form as a colocated token (a twin); with
 *     one, the word goes to the writer's folds instead (vn_tok_folds_begin);
 *   - tokenizing a query: the canonical form; with a folds table, a word typed without
 *     diacritics also as each accented word the table holds under it (colocated synonyms).
 * Either way `dong` (no diacritics) finds đồng, động, đông…, while `đồng` finds only đồng;
 * offsets always point into the original text so highlight() and snippet() show the
 * report's own spelling.
 */
#ifndef THIDUA_VN_TOK_H
#define THIDUA_VN_TOK_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "vn_norm.h"

/* Version of the tokenizer's output; stored in every database (see schema/). */
#define VN_TOKENIZER_VERSION 2

/*
 * Find the next token at or after *pos in s[0..n). Returns 1 and sets [*start, *end) or
 * returns 0 at the end. *pos is advanced past the token.
 */
int vn_tok_next(const char *s, size_t n, size_t *pos, size_t *start, size_t *end);

/* Called for each token: the word, and its byte span in the original text. */
typedef int (*vn_tok_fn)(void *ctx, const struct vn_word *w, size_t start, size_t end);

/* Tokenize and normalize s[0..n), calling fn for each token; stops when fn returns non-0. */
int vn_tok_each(struct vn_norm *nm, const char *s, size_t n, vn_tok_fn fn, void *ctx);

/*
 * Pre-computed tokens. Normalizing is the tokenizer's cost, and FTS5 calls the tokenizer in
 * the one thread that writes the database. So the indexer's worker threads compute each
 * passage's tokens ahead (vn_tok_precompute), and the writer, around its FTS5 insert,
 * tells the tokenizer to replay them (vn_tok_replay_begin/end) instead of computing them
 * again. The replay applies only to exactly that text (same length and bytes) in that thread;
 * anything else is tokenized normally, so a mismatch costs time, never correctness.
 */
struct vn_toks {
	char *data; /* packed records: flags, lengths, offsets, token bytes */
	size_t n, cap;
	size_t count;  /* tokens recorded (colocated ones included) */
	uint64_t bare; /* vn_tok_precompute: vn_rank_bare_signature of the text, from its words */
};

void vn_tok_precompute(struct vn_norm *nm, const char *text, size_t n, struct vn_toks *out);
/* The same records, computed word by word without the memo of chunks (tests compare). */
void vn_tok_precompute_direct(struct vn_norm *nm, const char *text, size_t n, struct vn_toks *out);
/* Record one token (tflags 0 or FTS5_TOKEN_COLOCATED): for callers that hold a passage's
 * normalized words already. Records keep no offsets (FTS5 ignores them when indexing). */
void vn_toks_put(struct vn_toks *t, int tflags, const char *tok, size_t ntok);
/* Make room for the tokens of ntext more bytes of text (an estimate: put grows anyway). */
void vn_toks_reserve(struct vn_toks *t, size_t ntext);
void vn_toks_free(struct vn_toks *t);

void vn_tok_replay_begin(const char *text, size_t n, const struct vn_toks *t);
void vn_tok_replay_end(void);
/* While the writer inserts into an index with a folds table, its accented words go to f. */
struct vn_folds;
void vn_tok_folds_begin(struct vn_folds *f);
void vn_tok_folds_end(void);
/* How many FTS5 document tokenizations were replayed / computed in this thread. */
void vn_tok_replay_stats(unsigned long *replayed, unsigned long *computed);

/* The FTS5 API of db, or NULL when SQLite was built without FTS5. */
fts5_api *vn_tok_fts5_api(sqlite3 *db);

/* Register the `vietnamese` tokenizer with db's FTS5. */
int vn_tok_register(sqlite3 *db, struct err *e);

#endif
