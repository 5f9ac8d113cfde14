/*
 * store: writing documents into the database — the only module that does, so it alone
 * keeps passages and passages_fts in step. One writer per database; documents are written
 * in batches (large transactions are what make FTS5 fast). A committed batch is durable
 * (WAL), so killing the indexer loses at most the open batch, which the next run redoes:
 * unchanged files are recognised by path and sha256.
 */
#ifndef THIDUA_STORE_H
#define THIDUA_STORE_H
#include <sqlite3.h>

#include "doc.h"
#include "util.h"

struct store;

struct store *store_new(sqlite3 *db, struct err *e);
void store_free(struct store *s);

int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);

/* Replace whatever was indexed at d->path with d. */
int store_doc(struct store *s, const struct doc *d, struct err *e);

/* Remove the document at path (and its passages). */
int store_remove(struct store *s, const char *path, struct err *e);

#endif
