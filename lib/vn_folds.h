/*
 * vn_folds: the accented words an index holds, by their folded form (the table term_folds).
 *
 * Why: a word with diacritics used to go into the full-text index twice, as written and
 * folded (a colocated twin), so that a query typed without diacritics met every accented
 * form. The twins were 43% of the index. With a folds table the index holds each word once,
 * as written (canonically); a query word typed without diacritics is looked up here and
 * searched as every accented form the index holds under it (FTS5 synonyms, lib/vn_tok.c).
 *
 * The writer keeps the table: while it inserts into the full-text index, the tokenizer
 * tells it each accented word (vn_tok_folds_begin), it remembers the ones the table already
 * has, and writes the new ones in the same transaction (vn_folds_flush). A word the index no
 * longer holds may stay in the table: a synonym with no postings costs a lookup, nothing
 * else.
 */
#ifndef THIDUA_VN_FOLDS_H
#define THIDUA_VN_FOLDS_H
#include <sqlite3.h>
#include <stddef.h>

#include "util.h"

/* The table every thidua database has (schema/thidua.sql), named in its tokenizer's
 * arguments: tokenize = 'vietnamese term_folds'. */
#define VN_FOLDS_TABLE "term_folds"

struct vn_folds;

/* The writer's side, on db's term_folds: NULL (and e set) when it cannot be read. */
struct vn_folds *vn_folds_new(sqlite3 *db, struct err *e);
void vn_folds_free(struct vn_folds *f);

/* An accented word the index is being given: remembered, and queued when new. */
void vn_folds_note(struct vn_folds *f, const char *term, size_t nterm, const char *fold,
                   size_t nfold);

/* Write the queued words into term_folds (inside the caller's transaction). */
int vn_folds_flush(struct vn_folds *f, struct err *e);

/* The transaction that wrote some words was rolled back: forget what the table holds, so
 * those words are written again when next seen. */
void vn_folds_forget(struct vn_folds *f);

#endif
