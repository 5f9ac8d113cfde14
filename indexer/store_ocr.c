#include "store_ocr.h"

#include <stdlib.h>

enum { DEL_PAGES, DEL_PASS, DEL_SIG, INS_PAGE, INS_PASS, INS_SIG, NSTMT };

static const char *const sql[NSTMT] = {
    "DELETE FROM ocr_pages WHERE doc = ?",
    "DELETE FROM ocr_passages WHERE doc = ?",
    "DELETE FROM signatures WHERE doc = ?",
    "INSERT OR REPLACE INTO ocr_pages (doc, page, conf, repairs, raw) VALUES (?,?,?,?,?)",
    "INSERT INTO ocr_passages (passage, doc, conf) VALUES (?,?,?)",
    "INSERT INTO signatures (doc, signer, body, signed_at) VALUES (?,?,?,?)",
};

struct ocr_store {
	sqlite3 *db;
	sqlite3_stmt *st[NSTMT];
};

struct ocr_store *ocr_store_new(sqlite3 *db, struct err *e)
{
	struct ocr_store *s = xcalloc(1, sizeof(*s));
	int i;

	s->db = db;
	for (i = 0; i < NSTMT; i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, &s->st[i], NULL) != SQLITE_OK) {
			err_set(e, "cannot prepare statements: %s", sqlite3_errmsg(db));
			ocr_store_free(s);
			return NULL;
		}
	return s;
}

void ocr_store_free(struct ocr_store *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < NSTMT; i++)
		sqlite3_finalize(s->st[i]);
	free(s);
}

static int run(struct ocr_store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "database write failed: %s", sqlite3_errmsg(s->db));
	return 0;
}

int ocr_store_remove(struct ocr_store *s, sqlite3_int64 id, struct err *e)
{
	int i;

	for (i = DEL_PAGES; i <= DEL_SIG; i++) {
		sqlite3_bind_int64(s->st[i], 1, id);
		if (run(s, s->st[i], e) != 0)
			return -1;
	}
	return 0;
}

static void text_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int ocr_store_doc(struct ocr_store *s, const struct doc *d, sqlite3_int64 id,
                  const sqlite3_int64 *pass, struct err *e)
{
	size_t i;

	for (i = 0; i < d->nocr_pages; i++) {
		sqlite3_stmt *st = s->st[INS_PAGE];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, d->ocr_pages[i].page);
		sqlite3_bind_double(st, 3, d->ocr_pages[i].conf);
		sqlite3_bind_int(st, 4, d->ocr_pages[i].repairs);
		sqlite3_bind_text(st, 5, d->ocr_pages[i].raw ? d->ocr_pages[i].raw : "", -1,
		                  SQLITE_STATIC);
		if (run(s, st, e) != 0)
			return -1;
	}
	for (i = 0; i < d->npassages; i++) {
		sqlite3_stmt *st = s->st[INS_PASS];
		if (d->passages[i].ocr_conf < 0)
			continue;
		sqlite3_bind_int64(st, 1, pass[i]);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_double(st, 3, d->passages[i].ocr_conf);
		if (run(s, st, e) != 0)
			return -1;
	}
	if (d->signed_by || d->signing_body || d->signed_at) {
		sqlite3_stmt *st = s->st[INS_SIG];
		sqlite3_bind_int64(st, 1, id);
		text_or_null(st, 2, d->signed_by);
		text_or_null(st, 3, d->signing_body);
		text_or_null(st, 4, d->signed_at);
		if (run(s, st, e) != 0)
			return -1;
	}
	return 0;
}
