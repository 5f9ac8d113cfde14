/*
 * db: opening a thidua database the same way from every command — version checks, the
 * Vietnamese tokenizer and ranking function registered, WAL and a busy timeout so a search
 * can run while an index is being written.
 */
#ifndef THIDUA_DB_H
#define THIDUA_DB_H
#include <sqlite3.h>

#include "util.h"

enum {
	DB_CREATE = 1,   /* create the file and schema when missing */
	DB_READONLY = 2, /* queries only */
};

/* The schema version this build writes (from schema/thidua.sql). */
int db_schema_version(void);

/*
 * Open PATH. A missing file is an error unless DB_CREATE; a file that is not a thidua
 * database (not SQLite, or SQLite without our meta table, or another schema/tokenizer
 * version) is refused and left untouched.
 */
int db_open(const char *path, int flags, sqlite3 **out, struct err *e);
void db_close(sqlite3 *db);

/* Run SQL with no results; on failure set e with the SQLite message. */
int db_exec(sqlite3 *db, const char *sql, struct err *e);

/* The database path from --db, else $THIDUA_DB, else ./thidua.db. */
const char *db_default_path(const char *opt);

#endif
