#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *del, *del_file, *ins_doc, *ins_pass, *upd_doc;
	sqlite3_int64 stream_id; /* the document being streamed */
	sqlite3_int64 stream_ordinal;
};

struct store *store_new(sqlite3 *db, struct err *e)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->db = db;
	/* a file's members are "path!member": the range [path!, path") holds exactly those, and
	 * the range keeps the lookup on the path index ('"' follows '!') */
	if (sqlite3_prepare_v2(db, "DELETE FROM documents WHERE path = ?", -1, &s->del, NULL) ||
	    sqlite3_prepare_v2(db,
	                       "DELETE FROM documents WHERE path = ?1 OR"
	                       " (path > ?1 || '!' AND path < ?1 || '\"')",
	                       -1, &s->del_file, NULL) ||
	    sqlite3_prepare_v2(db,
	                       "UPDATE documents SET title = ?, date = ?, year = ? WHERE id = ?",
	                       -1, &s->upd_doc, NULL) ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO documents (path, sha256, size, mtime, format, encoding,"
	                       " title, date, year, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	                       -1, &s->ins_doc, NULL) ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO passages (doc, ordinal, section, kind, text)"
	                       " VALUES (?,?,?,?,?)",
	                       -1, &s->ins_pass, NULL)) {
		err_set(e, "cannot prepare statements: %s", sqlite3_errmsg(db));
		store_free(s);
		return NULL;
	}
	return s;
}

void store_free(struct store *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->del);
	sqlite3_finalize(s->del_file);
	sqlite3_finalize(s->upd_doc);
	sqlite3_finalize(s->ins_doc);
	sqlite3_finalize(s->ins_pass);
	free(s);
}

int store_begin(struct store *s, struct err *e)
{
	return db_exec(s->db, "BEGIN", e);
}

int store_commit(struct store *s, struct err *e)
{
	return db_exec(s->db, "COMMIT", e);
}

static int step(sqlite3 *db, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "database write failed: %s", sqlite3_errmsg(db));
	return 0;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int store_remove(struct store *s, const char *path, struct err *e)
{
	sqlite3_bind_text(s->del, 1, path, -1, SQLITE_STATIC);
	return step(s->db, s->del, e);
}

/* The document row; its id in *id. */
static int insert_doc(struct store *s, const struct doc *d, sqlite3_int64 *id, struct err *e)
{
	sqlite3_bind_text(s->ins_doc, 1, d->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->ins_doc, 2, d->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->ins_doc, 3, d->size);
	sqlite3_bind_int64(s->ins_doc, 4, d->mtime);
	sqlite3_bind_text(s->ins_doc, 5, d->format, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->ins_doc, 6, d->encoding, -1, SQLITE_STATIC);
	bind_text_or_null(s->ins_doc, 7, d->title);
	bind_text_or_null(s->ins_doc, 8, d->date);
	if (d->year)
		sqlite3_bind_int(s->ins_doc, 9, d->year);
	else
		sqlite3_bind_null(s->ins_doc, 9);
	sqlite3_bind_int64(s->ins_doc, 10, (sqlite3_int64)time(NULL));
	if (step(s->db, s->ins_doc, e) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int insert_passages(struct store *s, sqlite3_int64 id, sqlite3_int64 first,
                           const struct doc *d, struct err *e)
{
	size_t i;

	for (i = 0; i < d->npassages; i++) {
		const struct passage *p = &d->passages[i];
		sqlite3_bind_int64(s->ins_pass, 1, id);
		sqlite3_bind_int64(s->ins_pass, 2, first + (sqlite3_int64)i);
		sqlite3_bind_text(s->ins_pass, 3, p->section, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_pass, 4, p->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_pass, 5, p->text, -1, SQLITE_STATIC);
		if (step(s->db, s->ins_pass, e) != 0)
			return -1;
	}
	return 0;
}

static int rollback(struct store *s, const char *name)
{
	char sql[96];
	snprintf(sql, sizeof(sql), "ROLLBACK TO %s; RELEASE %s", name, name);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return -1;
}

int store_doc(struct store *s, const struct doc *d, struct err *e)
{
	sqlite3_int64 id;

	if (db_exec(s->db, "SAVEPOINT doc", e) != 0)
		return -1;
	if (store_remove(s, d->path, e) != 0 || insert_doc(s, d, &id, e) != 0 ||
	    insert_passages(s, id, 1, d, e) != 0)
		return rollback(s, "doc");
	return db_exec(s->db, "RELEASE doc", e);
}

int store_file(struct store *s, const char *path, const struct doc *docs, size_t ndocs,
               struct err *e)
{
	sqlite3_int64 id;
	size_t i;

	if (db_exec(s->db, "SAVEPOINT file", e) != 0)
		return -1;
	sqlite3_bind_text(s->del_file, 1, path, -1, SQLITE_STATIC);
	if (step(s->db, s->del_file, e) != 0)
		return rollback(s, "file");
	for (i = 0; i < ndocs; i++)
		if (insert_doc(s, &docs[i], &id, e) != 0 ||
		    insert_passages(s, id, 1, &docs[i], e) != 0)
			return rollback(s, "file");
	return db_exec(s->db, "RELEASE file", e);
}

int store_stream_begin(struct store *s, const struct doc *d, struct err *e)
{
	if (db_exec(s->db, "SAVEPOINT stream", e) != 0)
		return -1;
	sqlite3_bind_text(s->del_file, 1, d->path, -1, SQLITE_STATIC);
	if (step(s->db, s->del_file, e) != 0 || insert_doc(s, d, &s->stream_id, e) != 0)
		return rollback(s, "stream");
	s->stream_ordinal = 1;
	return 0;
}

int store_stream_passages(struct store *s, const struct doc *part, struct err *e)
{
	if (insert_passages(s, s->stream_id, s->stream_ordinal, part, e) != 0)
		return -1;
	s->stream_ordinal += (sqlite3_int64)part->npassages;
	return 0;
}

int store_stream_end(struct store *s, int ok, struct err *e)
{
	if (!ok)
		return rollback(s, "stream");
	return db_exec(s->db, "RELEASE stream", e);
}
