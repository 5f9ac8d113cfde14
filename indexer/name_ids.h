/*
 * name_ids: the id of a name in a table that stores each name once (sections.path,
 * fact_names.name), added when new. The writer asks for one for every passage, award and
 * figure; a map in memory answers the repeats without a statement.
 */
#ifndef THIDUA_NAME_IDS_H
#define THIDUA_NAME_IDS_H
#include <sqlite3.h>

#include "util.h"

struct name_ids;

/* For table(id INTEGER PRIMARY KEY, column TEXT UNIQUE); NULL with e set on error. */
struct name_ids *name_ids_new(sqlite3 *db, const char *table, const char *column, struct err *e);
void name_ids_free(struct name_ids *m);

/* The id of name, inserting it when new; 0 on error (e set). */
sqlite3_int64 name_ids_get(struct name_ids *m, const char *name, struct err *e);

/* Empty the map. Called as each transaction begins: a rolled-back one must not leave it
 * ids the database lost. */
void name_ids_forget(struct name_ids *m);

#endif
