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

/*
 * Replace everything indexed from the file at path — the document at path and the
 * members of an archive, "path!…" — with docs (none: just remove). Inside the open batch
 * (no savepoint: it would flush FTS5); a failure here is the database's, fatal for the
 * batch.
 */
int store_file(struct store *s, const char *path, const struct doc *docs, size_t ndocs,
               struct err *e);

/*
 * A document too large to hold, written as it is read, in a transaction of its own (call
 * with no batch open): begin with the document row (replacing whatever the file gave
 * before), add passages part by part, end (ok = 0 rolls it all back). Facts are not
 * extracted from streamed documents.
 */
int store_stream_begin(struct store *s, const struct doc *d, struct err *e);
int store_stream_passages(struct store *s, const struct doc *part, struct err *e);
int store_stream_end(struct store *s, int ok, struct err *e);

/* Remove the document at path (and its passages). */
int store_remove(struct store *s, const char *path, struct err *e);

#endif
