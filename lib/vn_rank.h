/*
 * vn_rank: the FTS5 ranking function `vn_rank(fts_table, description [, passage_bytes])`
 * used by search (passage_bytes saves reading the text back for length normalization).
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

#include "util.h"

int vn_rank_register(sqlite3 *db, struct err *e);

#endif
