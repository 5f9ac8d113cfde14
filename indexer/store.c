#include "store.h"

#include <stdlib.h>
#include <time.h>

#include "db.h"
#include "store_facts.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *del, *ins_doc, *ins_pass, *ins_fig;
	struct facts_store *facts;
};

struct store *store_new(sqlite3 *db, struct err *e)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->db = db;
	if (sqlite3_prepare_v2(db, "DELETE FROM documents WHERE path = ?", -1, &s->del, NULL) ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO documents (path, sha256, size, mtime, format, encoding,"
			       " title, date, year, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
			       -1, &s->ins_doc, NULL) ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO passages (doc, ordinal, section, kind, text, note, unit)"
			       " VALUES (?,?,?,?,?,?,?)",
			       -1, &s->ins_pass, NULL) ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO figures (doc, passage, char_start, char_end, kind, value,"
			       " maximum, times, noun, qualifier, raw, flags, year, unit)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,"
			       " (SELECT unit FROM passages WHERE id = ?2))",
			       -1, &s->ins_fig, NULL) ||
	    !(s->facts = facts_store_new(db, e))) {
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
	sqlite3_finalize(s->ins_doc);
	sqlite3_finalize(s->ins_pass);
	sqlite3_finalize(s->ins_fig);
	facts_store_free(s->facts);
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
	if (facts_store_remove(s->facts, path, e) != 0)
		return -1;
	sqlite3_bind_text(s->del, 1, path, -1, SQLITE_STATIC);
	return step(s->db, s->del, e);
}

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
	if (v != 0)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static int store_figure(struct store *s, sqlite3_int64 doc, sqlite3_int64 passage,
			const struct figure *f, struct err *e)
{
	sqlite3_stmt *st = s->ins_fig;

	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, passage);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)f->start);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)f->end);
	sqlite3_bind_text(st, 5, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 6, f->value);
	bind_real_or_null(st, 7, f->of);
	bind_real_or_null(st, 8, f->times);
	sqlite3_bind_text(st, 9, f->noun, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, f->qualifier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, f->raw, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, f->flags, -1, SQLITE_STATIC);
	if (f->year)
		sqlite3_bind_int(st, 13, f->year);
	else
		sqlite3_bind_null(st, 13);
	return step(s->db, st, e);
}

int store_doc(struct store *s, const struct doc *d, struct err *e)
{
	sqlite3_int64 id, *pass;
	size_t i, f = 0;

	if (db_exec(s->db, "SAVEPOINT doc", e) != 0)
		return -1;
	if (store_remove(s, d->path, e) != 0)
		goto fail;
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
		goto fail;
	id = sqlite3_last_insert_rowid(s->db);
	pass = xcalloc(d->npassages + 1, sizeof(*pass));
	for (i = 0; i < d->npassages; i++) {
		const struct passage *p = &d->passages[i];
		sqlite3_int64 unit = facts_store_unit(s->facts, d, p->unit, e);
		if (unit < 0)
			goto fail_pass;
		sqlite3_bind_int64(s->ins_pass, 1, id);
		sqlite3_bind_int64(s->ins_pass, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_text(s->ins_pass, 3, p->section, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_pass, 4, p->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_pass, 5, p->text, -1, SQLITE_STATIC);
		bind_text_or_null(s->ins_pass, 6, p->note);
		if (unit)
			sqlite3_bind_int64(s->ins_pass, 7, unit);
		else
			sqlite3_bind_null(s->ins_pass, 7);
		if (step(s->db, s->ins_pass, e) != 0)
			goto fail_pass;
		pass[i] = sqlite3_last_insert_rowid(s->db);
		for (; f < d->nfigures && d->figures[f].passage == i; f++)
			if (store_figure(s, id, pass[i], &d->figures[f], e) != 0)
				goto fail_pass;
	}
	if (facts_store_doc(s->facts, d, id, pass, e) != 0)
		goto fail_pass;
	free(pass);
	return db_exec(s->db, "RELEASE doc", e);
fail_pass:
	free(pass);
fail:
	sqlite3_exec(s->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
	return -1;
}
