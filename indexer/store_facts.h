/*
 * store_facts: writing a document's facts (schema/thidua.sql, section "facts") — header
 * fields, recipients, passage units and footnote links, unit mentions, campaigns, awards.
 * Called by store.c inside the batch's transaction.
 */
#ifndef THIDUA_STORE_FACTS_H
#define THIDUA_STORE_FACTS_H
#include <sqlite3.h>

#include "doc.h"
#include "util.h"

struct facts_store;

struct facts_store *facts_store_new(sqlite3 *db, struct err *e);
void facts_store_free(struct facts_store *fs);

/* Remove the facts of the document at path (before the document itself goes). */
int facts_store_remove(struct facts_store *fs, const char *path, struct err *e);

/* The id of the unit a passage is about (creating it), or 0 for none. */
sqlite3_int64 facts_store_unit(struct facts_store *fs, const struct doc *d, const char *name,
			       struct err *e);

/* The id in fact_names of an award kind, class, grantor, status, figure noun or campaign
 * name as written (adding it); 0 on error, e set. */
sqlite3_int64 facts_store_name(struct facts_store *fs, const char *name, struct err *e);

/* Forget the ids met so far: a transaction begins (name_ids_forget). */
void facts_store_forget(struct facts_store *fs);

/* Write d's header fields, footnote links and facts; pass[i] is passage i's id. */
int facts_store_doc(struct facts_store *fs, const struct doc *d, sqlite3_int64 doc,
		    const sqlite3_int64 *pass, struct err *e);

#endif
