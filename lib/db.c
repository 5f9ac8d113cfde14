#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "embedded.h"
#include "vn_figs.h"
#include "vn_pack.h"
#include "vn_rank.h"
#include "vn_tok.h"

static const char *schema_sql(void)
{
	const struct embedded_file *f = embedded_find("schema/thidua.sql");
	return f ? f->data : NULL;
}

int db_schema_version(void)
{
	const char *s = schema_sql(), *v;

	if (!s || !(v = strstr(s, "schema_version:")))
		return 0;
	return atoi(v + strlen("schema_version:"));
}

int db_exec(sqlite3 *db, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, "%s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

const char *db_default_path(const char *opt)
{
	const char *env = getenv("THIDUA_DB");

	if (opt && *opt)
		return opt;
	if (env && *env)
		return env;
	return "thidua.db";
}

static int meta_int(sqlite3 *db, const char *key, int *out)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int table_count(sqlite3 *db, int *n)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int create_schema(sqlite3 *db, struct err *e)
{
	char meta[256];

	/* 16 KiB pages: FTS5 leaves are 16 000 bytes (pgsz in the schema). Incremental
	 * auto-vacuum: the pages FTS5's merges free can be given back to the file system at the
	 * end of an index run (index.c), where they stayed in the file otherwise. */
	if (db_exec(db,
		    "PRAGMA page_size=16384; PRAGMA auto_vacuum=INCREMENTAL;"
		    " PRAGMA journal_mode=WAL; BEGIN",
		    e) != 0)
		return -1;
	if (db_exec(db, schema_sql(), e) != 0)
		goto fail;
	snprintf(meta, sizeof(meta),
		 "INSERT INTO meta VALUES ('schema_version', '%d'), ('tokenizer_version', '%d'),"
		 " ('created_by', 'thidua')",
		 db_schema_version(), VN_TOKENIZER_VERSION);
	if (db_exec(db, meta, e) != 0)
		goto fail;
	return db_exec(db, "COMMIT", e);
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Check the header ourselves: SQLite would happily treat a zero-length file as empty. */
static int looks_like_sqlite(const char *path, int *empty)
{
	char head[16];
	FILE *f = fopen(path, "rb");
	size_t n;

	*empty = 0;
	if (!f)
		return 1; /* let sqlite3_open_v2 report the real error */
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n == 0) {
		*empty = 1;
		return 1;
	}
	return n == sizeof(head) && memcmp(head, "SQLite format 3", 16) == 0;
}

/*
 * THIDUA_VM_STEPS set: db_close says on stderr how many steps SQLite's virtual machine ran
 * for the process's statements so far ("thidua: vm steps 12345"). tests/cli/test_scale.sh
 * compares the count between a corpus and one 7.8 times its size, where a plan gone
 * quadratic (trend --award once walked every award of its kind for each row: more than 15
 * minutes on the national corpus) grew 32-fold. A clock could not show it at the size of a
 * test corpus; the count is exact and the same on every machine.
 */
static sqlite3_int64 vm_steps;

static int count_steps(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	(void)x;
	vm_steps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 1);
	return 0;
}

int db_open(const char *path, int flags, sqlite3 **out, struct err *e)
{
	struct stat st;
	sqlite3 *db = NULL;
	int exists = stat(path, &st) == 0, empty = 0, ntables = 0, sv = 0, tv = 0;
	int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (!exists && !(flags & DB_CREATE))
		return err_set(e, "%s: no such database (run `thidua index` first)", path);
	if (exists && S_ISDIR(st.st_mode))
		return err_set(e, "%s: is a directory, not a database", path);
	if (exists && !looks_like_sqlite(path, &empty))
		return err_set(e, "%s: not a thidua database (not an SQLite file); left untouched",
			       path);
	if (!exists)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(e, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	if (getenv("THIDUA_VM_STEPS"))
		sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, count_steps, NULL);
	if (vn_tok_register(db, e) != 0 || vn_rank_register(db, e) != 0 ||
	    vn_pack_register(db, e) != 0 || vn_figs_register(db, e) != 0)
		goto fail;
	if (table_count(db, &ntables) != 0) {
		err_set(e, "%s: not a readable thidua database: %s", path, sqlite3_errmsg(db));
		goto fail;
	}
	if (ntables == 0) {
		if (flags & DB_READONLY) {
			err_set(e, "%s: empty database (run `thidua index` first)", path);
			goto fail;
		}
		if (create_schema(db, e) != 0) {
			err_prefix(e, "%s: cannot create the schema", path);
			goto fail;
		}
	} else if (meta_int(db, "schema_version", &sv) != 0) {
		err_set(e, "%s: an SQLite database but not a thidua index; left untouched", path);
		goto fail;
	}
	meta_int(db, "schema_version", &sv);
	meta_int(db, "tokenizer_version", &tv);
	if (sv != db_schema_version() || tv != VN_TOKENIZER_VERSION) {
		err_set(e,
			"%s: written with schema version %d and tokenizer version %d; this thidua "
			"uses schema %d and tokenizer %d (re-index into a new database)",
			path, sv, tv, db_schema_version(), VN_TOKENIZER_VERSION);
		goto fail;
	}
	if (!(flags & DB_READONLY) &&
	    db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", e) != 0)
		goto fail;
	/* foreign keys stay off: store.c keeps the tables consistent itself, and checking them
	 * would scan the fact tables for every passage a re-index deletes */
	/* 32 MB of page cache: with FTS5's 32 MB hash it bounds an index run's memory (the
	 * national corpus with facts peaked at 221 MB with 64 MB, 33 MB less with 32 on a
	 * quarter of it), and indexing the seed copies or that quarter took no longer */
	if (db_exec(db, "PRAGMA cache_size=-32768;", e) != 0)
		goto fail;
	/* Reading through a memory map spares a search copying every page it touches out of
	 * the page cache with pread: 5-15% of a search's CPU on the national corpus (2 GB is
	 * what Debian's SQLite allows; the rest of a larger file is read as before). */
	if ((flags & DB_READONLY) && db_exec(db, "PRAGMA mmap_size=2147418112;", e) != 0)
		goto fail;
	(void)empty;
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

void db_close(sqlite3 *db)
{
	if (db)
		sqlite3_close(db);
	if (db && getenv("THIDUA_VM_STEPS"))
		fprintf(stderr, "thidua: vm steps %lld\n", (long long)vm_steps);
}
