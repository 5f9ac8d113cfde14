#include "name_ids.h"

#include <glib.h>
#include <stdint.h>

struct name_ids {
	sqlite3 *db;
	sqlite3_stmt *get, *ins;
	GHashTable *map; /* name -> id, as the writer met them this transaction */
};

struct name_ids *name_ids_new(sqlite3 *db, const char *table, const char *column, struct err *e)
{
	struct name_ids *m = xcalloc(1, sizeof(*m));
	char *get = sqlite3_mprintf("SELECT id FROM %w WHERE %w = ?", table, column);
	char *ins = sqlite3_mprintf("INSERT INTO %w (%w) VALUES (?)", table, column);

	m->db = db;
	m->map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (sqlite3_prepare_v2(db, get, -1, &m->get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, ins, -1, &m->ins, NULL) != SQLITE_OK) {
		err_set(e, "cannot prepare statements: %s", sqlite3_errmsg(db));
		name_ids_free(m);
		m = NULL;
	}
	sqlite3_free(get);
	sqlite3_free(ins);
	return m;
}

void name_ids_free(struct name_ids *m)
{
	if (!m)
		return;
	sqlite3_finalize(m->get);
	sqlite3_finalize(m->ins);
	g_hash_table_destroy(m->map);
	free(m);
}

void name_ids_forget(struct name_ids *m)
{
	g_hash_table_remove_all(m->map);
}

sqlite3_int64 name_ids_get(struct name_ids *m, const char *name, struct err *e)
{
	gpointer v;
	sqlite3_int64 id = 0;
	int rc;

	if (g_hash_table_lookup_extended(m->map, name, NULL, &v))
		return (sqlite3_int64)(intptr_t)v;
	sqlite3_bind_text(m->get, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(m->get)) == SQLITE_ROW)
		id = sqlite3_column_int64(m->get, 0);
	sqlite3_reset(m->get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err_set(e, "database read failed: %s", sqlite3_errmsg(m->db));
		return 0;
	}
	if (!id) {
		sqlite3_bind_text(m->ins, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(m->ins);
		sqlite3_reset(m->ins);
		if (rc != SQLITE_DONE) {
			err_set(e, "database write failed: %s", sqlite3_errmsg(m->db));
			return 0;
		}
		id = sqlite3_last_insert_rowid(m->db);
	}
	g_hash_table_insert(m->map, g_strdup(name), (gpointer)(intptr_t)id);
	return id;
}
