/*
 * vn_rank: the FTS5 ranking function
 * `vn_rank(fts_table, description [, passage_bytes [, bare_signature]])` used by search
 * (passage_bytes saves reading the text back for length normalization, the signature most
 * of the reads of the accent check).
 * `description` is vn_query's `rank` string. A passage scores
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
 * the word lower-cased): what the accent check looks for, known without reading the text.
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

#endif
