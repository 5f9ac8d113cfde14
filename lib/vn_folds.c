#include "vn_folds.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct vn_folds {
	sqlite3 *db;
	sqlite3_stmt *ins;
	GHashTable *known; /* terms the table holds (or this transaction wrote): key only */
	char **pending;    /* term, fold, term, fold… not yet written */
	size_t npending, cap;
};

static int load(struct vn_folds *f, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(f->db, "SELECT term FROM " VN_FOLDS_TABLE, -1, &st, NULL) !=
	    SQLITE_OK)
		return err_set(e, "cannot read %s: %s", VN_FOLDS_TABLE, sqlite3_errmsg(f->db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_hash_table_add(f->known, g_strdup((const char *)sqlite3_column_text(st, 0)));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "cannot read %s: %s", VN_FOLDS_TABLE, sqlite3_errmsg(f->db));
	return 0;
}

struct vn_folds *vn_folds_new(sqlite3 *db, struct err *e)
{
	struct vn_folds *f = xcalloc(1, sizeof(*f));

	f->db = db;
	f->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (sqlite3_prepare_v2(db,
	                       "INSERT OR IGNORE INTO " VN_FOLDS_TABLE " (fold, term) VALUES (?,?)",
	                       -1, &f->ins, NULL) != SQLITE_OK) {
		err_set(e, "cannot prepare %s: %s", VN_FOLDS_TABLE, sqlite3_errmsg(db));
		vn_folds_free(f);
		return NULL;
	}
	if (load(f, e) != 0) {
		vn_folds_free(f);
		return NULL;
	}
	return f;
}

static void drop_pending(struct vn_folds *f)
{
	size_t i;

	for (i = 0; i < f->npending; i++)
		g_free(f->pending[i]);
	f->npending = 0;
}

void vn_folds_free(struct vn_folds *f)
{
	if (!f)
		return;
	sqlite3_finalize(f->ins);
	g_hash_table_destroy(f->known);
	drop_pending(f);
	free(f->pending);
	free(f);
}

void vn_folds_note(struct vn_folds *f, const char *term, size_t nterm, const char *fold,
                   size_t nfold)
{
	char small[128], *key = nterm < sizeof(small) ? small : g_malloc(nterm + 1);

	/* the lookup needs a terminated key; a word is nearly always short */
	memcpy(key, term, nterm);
	key[nterm] = 0;
	if (!g_hash_table_contains(f->known, key)) {
		char *owned = key == small ? g_strndup(term, nterm) : key;
		g_hash_table_add(f->known, owned);
		f->pending = xgrow(f->pending, &f->cap, f->npending + 2, sizeof(*f->pending));
		f->pending[f->npending++] = g_strdup(owned);
		f->pending[f->npending++] = g_strndup(fold, nfold);
	} else if (key != small) {
		g_free(key);
	}
}

int vn_folds_flush(struct vn_folds *f, struct err *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i + 1 < f->npending; i += 2) {
		sqlite3_bind_text(f->ins, 1, f->pending[i + 1], -1, SQLITE_STATIC);
		sqlite3_bind_text(f->ins, 2, f->pending[i], -1, SQLITE_STATIC);
		if (sqlite3_step(f->ins) != SQLITE_DONE)
			rc = err_set(e, "cannot write %s: %s", VN_FOLDS_TABLE,
			             sqlite3_errmsg(f->db));
		sqlite3_reset(f->ins);
	}
	drop_pending(f);
	return rc;
}

void vn_folds_forget(struct vn_folds *f)
{
	g_hash_table_remove_all(f->known);
	drop_pending(f);
}
