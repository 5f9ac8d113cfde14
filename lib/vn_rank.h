/*
 * vn_rank: the FTS5 ranking function
 * `vn_rank(fts_table, description [, passage_bytes [, bare_signature [, defer]]])` used by
 * search (passage_bytes saves reading the text back for length normalization, the
 * signature most of the reads of the accent check, defer the rest: vn_rank_partial).
 * `description` is vn_query's `rank` string, to which search adds an "S" line (--candidates:
 * count a phrase's first hits only, vn_rank.c), a "K" line (the index does not change
 * while this description is used on the connection: the IDFs of its first statement serve
 * the next ones) and, with --unit, an "F" line (the phrases from that index on are a
 * filter added to the expression, not the query's: they score nothing). A passage scores
 *
 *   200 × (share of consecutive query words found adjacent, in order)
 * + 100 × (share of word hits whose accents are exactly what was typed)
 * + BM25 (k1 = 1.2, b = 0.75), capped below 100
 *
 * so passages where the typed words stand together, then passages that spell them as
 * typed, come first, and BM25 orders passages within those tiers. Accent exactness only
 * matters for words typed without diacritics: `dong` hits đồng, động and dong, and the
 * passage that really says "dong" ranks first. Higher is better.
 */
#ifndef THIDUA_VN_RANK_H
#define THIDUA_VN_RANK_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

int vn_rank_register(sqlite3 *db, struct err *e);

/*
 * The passage's words spelled without diacritics, as a 64-bit signature (two bits a word,
 * the word lower-cased; none for the few such words nearly every passage has, "thi", "cho":
 * lib/vn_rank.c): what the accent check looks for, known without reading the text.
 * Stored with each passage and passed as vn_rank's fourth argument: a word typed without
 * diacritics whose bits are not all set is certainly not in the passage as typed, and only
 * the other passages are read. A word is a run of ASCII letters between bytes that are
 * neither letters nor non-ASCII, exactly what the check itself matches.
 */
uint64_t vn_rank_bare_signature(const char *text, size_t n);
/* The bits of the word text[a..b) when it is such a word (a whole token of the tokenizer
 * is, when it is all ASCII letters and has no non-ASCII byte beside it), else 0: the
 * indexer builds the signature from the tokens it has anyway. */
uint64_t vn_rank_bare_word(const char *text, size_t n, size_t a, size_t b);

/*
 * vn_rank with a fifth argument true returns this struct as a blob instead of the score:
 * the accent check's reads of the text are left undone, the phrases they were for set in
 * `pending` (bit i: phrase i). Most matches of a word typed without diacritics need that
 * read, yet only the passages shown need their exact score: search ranks by the upper
 * bound and reads only the passages that can still reach the top (query/search.c).
 * vn_rank_spelled tells how many of the pending phrases the text spells as typed; added to
 * `exact`, vn_rank_score gives exactly vn_rank's score.
 */
struct vn_rank_partial {
	double base; /* BM25 (capped) and adjacency */
	int checked, exact;
	uint64_t pending;
};
double vn_rank_score(const struct vn_rank_partial *p);

/* the phrases of a description (vn_query's `rank`), for vn_rank_spelled */
struct vn_rank_terms;
struct vn_rank_terms *vn_rank_terms_new(const char *desc);
void vn_rank_terms_free(struct vn_rank_terms *t);
/* the words of all its phrases, negated ones too: how many doclists a MATCH reads */
int vn_rank_terms_tokens(const struct vn_rank_terms *t);
/* of those, the words typed without diacritics: each reads the doclists of every accented
 * form the index holds under it (lib/vn_folds.h) */
int vn_rank_terms_bare(const struct vn_rank_terms *t);
int vn_rank_spelled(const struct vn_rank_terms *t, uint64_t pending, const char *text, size_t n);

#endif
