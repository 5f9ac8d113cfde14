#include "store_facts.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "name_ids.h"
#include "vn_norm.h"

struct facts_store {
	sqlite3 *db;
	sqlite3_stmt *del[4], *hdr, *cites, *unit_get, *unit_ins, *alias, *alias_key, *umention,
	    *camp_get, *camp_ins, *cmention, *award, *recip;
	struct vn_norm *nm; /* folds the names and aliases the writer adds (units.key) */
	struct name_ids *names; /* fact_names */
	/* what this transaction wrote (emptied as one begins, facts_store_forget): units by
	 * "province\x1fname", and the (unit, spelling) pairs of unit_aliases as "unit\x1fspelling".
	 * Nearly every passage, mention, award and figure names a unit: each asked the database
	 * before. */
	GHashTable *units, *aliases;
	struct buf key;
};

static const char *const del_sql[4] = {
    "DELETE FROM award_rows WHERE doc IN (SELECT id FROM documents WHERE path = ?1)",
    "DELETE FROM unit_mentions WHERE doc IN (SELECT id FROM documents WHERE path = ?1)",
    "DELETE FROM campaign_mention_rows WHERE doc IN (SELECT id FROM documents WHERE path = ?1)",
    "DELETE FROM doc_recipients WHERE doc IN (SELECT id FROM documents WHERE path = ?1)",
};

struct facts_store *facts_store_new(sqlite3 *db, struct err *e)
{
	struct facts_store *fs = xcalloc(1, sizeof(*fs));
	int i, rc = 0;

	fs->db = db;
	if (!(fs->nm = vn_norm_new(e))) {
		free(fs);
		return NULL;
	}
	fs->units = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	fs->aliases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!(fs->names = name_ids_new(db, "fact_names", "name", e))) {
		facts_store_free(fs);
		return NULL;
	}
	for (i = 0; i < 4; i++)
		rc |= sqlite3_prepare_v2(db, del_sql[i], -1, &fs->del[i], NULL);
	rc |= sqlite3_prepare_v2(db,
				 "UPDATE documents SET number = ?2, doc_type = ?3, issuer_code = ?4,"
				 " issuer = ?5, issuer_parent = ?6, place = ?7, type_name = ?8,"
				 " signer = ?9, signer_role = ?10, signer_authority = ?11, province = ?12"
				 " WHERE id = ?1",
				 -1, &fs->hdr, NULL);
	rc |= sqlite3_prepare_v2(db, "UPDATE passage_rows SET cites = ?2 WHERE id = ?1", -1, &fs->cites,
				 NULL);
	rc |= sqlite3_prepare_v2(db, "SELECT id FROM units WHERE name = ?1 AND province = ?2", -1,
				 &fs->unit_get, NULL);
	rc |= sqlite3_prepare_v2(
	    db, "INSERT INTO units (name, canonical, province, key) VALUES (?,?,?,?)", -1,
	    &fs->unit_ins, NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO unit_aliases (unit, alias) VALUES (?,?)",
				 -1, &fs->alias, NULL);
	rc |= sqlite3_prepare_v2(db, "UPDATE unit_aliases SET key = ?2 WHERE rowid = ?1", -1,
	                         &fs->alias_key, NULL);
	rc |= sqlite3_prepare_v2(
	    db,
	    "INSERT INTO unit_mentions (unit, doc, passage, start, end, year, id)"
	    " VALUES (?,?,?,?,?,?,?)",
	    -1, &fs->umention, NULL);
	rc |= sqlite3_prepare_v2(db, "SELECT id FROM campaigns WHERE key = ?1", -1, &fs->camp_get,
				 NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO campaigns (key, name) VALUES (?,?)", -1,
				 &fs->camp_ins, NULL);
	rc |= sqlite3_prepare_v2(
	    db,
	    "INSERT INTO campaign_mention_rows (campaign, doc, passage, start, end,"
	    " year, name, unit, id) VALUES (?,?,?,?,?,?,?,?,?)",
	    -1, &fs->cmention, NULL);
	rc |= sqlite3_prepare_v2(
	    db,
	    "INSERT INTO award_rows (doc, passage, start, end, year, unit, award,"
	    " class, grantor, status, collectives, individuals, count, id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    -1, &fs->award, NULL);
	rc |= sqlite3_prepare_v2(db, "INSERT INTO doc_recipients (doc, ordinal, text) VALUES (?,?,?)",
				 -1, &fs->recip, NULL);
	if (rc) {
		err_set(e, "cannot prepare statements: %s", sqlite3_errmsg(db));
		facts_store_free(fs);
		return NULL;
	}
	return fs;
}

void facts_store_free(struct facts_store *fs)
{
	int i;
	if (!fs)
		return;
	for (i = 0; i < 4; i++)
		sqlite3_finalize(fs->del[i]);
	sqlite3_finalize(fs->hdr);
	sqlite3_finalize(fs->cites);
	sqlite3_finalize(fs->unit_get);
	sqlite3_finalize(fs->unit_ins);
	sqlite3_finalize(fs->alias);
	sqlite3_finalize(fs->alias_key);
	sqlite3_finalize(fs->umention);
	sqlite3_finalize(fs->camp_get);
	sqlite3_finalize(fs->camp_ins);
	sqlite3_finalize(fs->cmention);
	sqlite3_finalize(fs->award);
	sqlite3_finalize(fs->recip);
	vn_norm_free(fs->nm);
	name_ids_free(fs->names);
	g_hash_table_destroy(fs->units);
	g_hash_table_destroy(fs->aliases);
	buf_free(&fs->key);
	free(fs);
}

sqlite3_int64 facts_store_name(struct facts_store *fs, const char *name, struct err *e)
{
	return name_ids_get(fs->names, name, e);
}

void facts_store_forget(struct facts_store *fs)
{
	name_ids_forget(fs->names);
	g_hash_table_remove_all(fs->units);
	g_hash_table_remove_all(fs->aliases);
}

/* "a\x1fb" in fs->key: a key of the maps above */
static const char *pair_key(struct facts_store *fs, const char *a, const char *b)
{
	buf_reset(&fs->key);
	buf_printf(&fs->key, "%s\x1f%s", a, b);
	return buf_str(&fs->key);
}

static int step(struct facts_store *fs, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return err_set(e, "database write failed: %s", sqlite3_errmsg(fs->db));
	return 0;
}

static void text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void int_or_null(sqlite3_stmt *st, int i, long long v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

int facts_store_remove(struct facts_store *fs, const char *path, struct err *e)
{
	int i;
	for (i = 0; i < 4; i++) {
		sqlite3_bind_text(fs->del[i], 1, path, -1, SQLITE_STATIC);
		if (step(fs, fs->del[i], e) != 0)
			return -1;
	}
	return 0;
}

/* The inventory unit a name stands for: a branch's parent as its mentions say. */
static const char *canonical_of(const struct doc *d, const char *name)
{
	size_t i;
	for (i = 0; i < d->nunits; i++)
		if (d->units[i].name && strcmp(d->units[i].name, name) == 0)
			return d->units[i].unit;
	return name;
}

sqlite3_int64 facts_store_unit(struct facts_store *fs, const struct doc *d, const char *name,
			       struct err *e)
{
	const char *prov = d->province ? d->province : "";
	sqlite3_int64 id = 0;
	gpointer v;

	if (!name)
		return 0;
	if (g_hash_table_lookup_extended(fs->units, pair_key(fs, prov, name), NULL, &v))
		return (sqlite3_int64)(intptr_t)v;
	sqlite3_bind_text(fs->unit_get, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(fs->unit_get, 2, prov, -1, SQLITE_STATIC);
	if (sqlite3_step(fs->unit_get) == SQLITE_ROW)
		id = sqlite3_column_int64(fs->unit_get, 0);
	sqlite3_reset(fs->unit_get);
	if (!id) {
		sqlite3_bind_text(fs->unit_ins, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(fs->unit_ins, 2, canonical_of(d, name), -1, SQLITE_STATIC);
		sqlite3_bind_text(fs->unit_ins, 3, prov, -1, SQLITE_STATIC);
		sqlite3_bind_text(fs->unit_ins, 4, facts_fold_key(fs->nm, name), -1, free);
		if (step(fs, fs->unit_ins, e) != 0)
			return -1;
		id = sqlite3_last_insert_rowid(fs->db);
	}
	g_hash_table_insert(fs->units, g_strdup(pair_key(fs, prov, name)), (gpointer)(intptr_t)id);
	return id;
}

static sqlite3_int64 campaign_id(struct facts_store *fs, const struct campaign_mention *c,
				 struct err *e)
{
	sqlite3_int64 id = 0;
	sqlite3_bind_text(fs->camp_get, 1, c->key, -1, SQLITE_STATIC);
	if (sqlite3_step(fs->camp_get) == SQLITE_ROW)
		id = sqlite3_column_int64(fs->camp_get, 0);
	sqlite3_reset(fs->camp_get);
	if (id)
		return id;
	sqlite3_bind_text(fs->camp_ins, 1, c->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(fs->camp_ins, 2, c->name, -1, SQLITE_STATIC);
	if (step(fs, fs->camp_ins, e) != 0)
		return -1;
	return sqlite3_last_insert_rowid(fs->db);
}

int facts_store_doc(struct facts_store *fs, const struct doc *d, sqlite3_int64 doc,
		    const sqlite3_int64 *pass, struct err *e)
{
	size_t i;

	sqlite3_bind_int64(fs->hdr, 1, doc);
	text_or_null(fs->hdr, 2, d->number);
	text_or_null(fs->hdr, 3, d->doc_type);
	text_or_null(fs->hdr, 4, d->issuer_code);
	text_or_null(fs->hdr, 5, d->issuer);
	text_or_null(fs->hdr, 6, d->issuer_parent);
	text_or_null(fs->hdr, 7, d->place);
	text_or_null(fs->hdr, 8, d->type_name);
	text_or_null(fs->hdr, 9, d->signer);
	text_or_null(fs->hdr, 10, d->signer_role);
	text_or_null(fs->hdr, 11, d->signer_authority);
	text_or_null(fs->hdr, 12, d->province);
	if (step(fs, fs->hdr, e) != 0)
		return -1;
	for (i = 0; i < d->nrecipients; i++) {
		sqlite3_bind_int64(fs->recip, 1, doc);
		sqlite3_bind_int64(fs->recip, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_text(fs->recip, 3, d->recipients[i], -1, SQLITE_STATIC);
		if (step(fs, fs->recip, e) != 0)
			return -1;
	}
	for (i = 0; i < d->npassages; i++) {
		long c = d->passages[i].cites;
		/* citations of an earlier passage went in with the row (store.c, insert_passages) */
		if (c < 0 || (size_t)c >= d->npassages || (size_t)c < i)
			continue;
		sqlite3_bind_int64(fs->cites, 1, pass[i]);
		sqlite3_bind_int64(fs->cites, 2, pass[c]);
		if (step(fs, fs->cites, e) != 0)
			return -1;
	}
	for (i = 0; i < d->nunits; i++) {
		const struct unit_mention *m = &d->units[i];
		sqlite3_int64 u = facts_store_unit(fs, d, m->name ? m->name : m->unit, e);
		char unit[24];
		if (u < 0)
			return -1;
		snprintf(unit, sizeof(unit), "%lld", (long long)u);
		if (!g_hash_table_contains(fs->aliases, pair_key(fs, unit, m->surface))) {
			g_hash_table_add(fs->aliases, g_strdup(buf_str(&fs->key)));
			sqlite3_bind_int64(fs->alias, 1, u);
			sqlite3_bind_text(fs->alias, 2, m->surface, -1, SQLITE_STATIC);
			if (step(fs, fs->alias, e) != 0)
				return -1;
			/* a spelling new to this unit: fold it once, here (most mentions repeat
			 * one) */
			if (sqlite3_changes(fs->db) > 0) {
				sqlite3_bind_int64(fs->alias_key, 1,
				                   sqlite3_last_insert_rowid(fs->db));
				sqlite3_bind_text(fs->alias_key, 2,
				                  facts_fold_key(fs->nm, m->surface), -1, free);
				if (step(fs, fs->alias_key, e) != 0)
					return -1;
			}
		}
		sqlite3_bind_int64(fs->umention, 1, u);
		sqlite3_bind_int64(fs->umention, 2, doc);
		sqlite3_bind_int64(fs->umention, 3, pass[m->passage]);
		sqlite3_bind_int64(fs->umention, 4, (sqlite3_int64)m->start);
		sqlite3_bind_int64(fs->umention, 5, (sqlite3_int64)m->end);
		int_or_null(fs->umention, 6, d->year ? d->year : -1);
		sqlite3_bind_int64(fs->umention, 7, (sqlite3_int64)i + 1);
		if (step(fs, fs->umention, e) != 0)
			return -1;
	}
	for (i = 0; i < d->ncampaigns; i++) {
		const struct campaign_mention *c = &d->campaigns[i];
		sqlite3_int64 id = campaign_id(fs, c, e), u, name;
		if (id < 0)
			return -1;
		u = facts_store_unit(fs, d, d->passages[c->passage].unit, e);
		name = facts_store_name(fs, c->name, e);
		if (u < 0 || !name)
			return -1;
		sqlite3_bind_int64(fs->cmention, 1, id);
		sqlite3_bind_int64(fs->cmention, 2, doc);
		sqlite3_bind_int64(fs->cmention, 3, pass[c->passage]);
		sqlite3_bind_int64(fs->cmention, 4, (sqlite3_int64)c->start);
		sqlite3_bind_int64(fs->cmention, 5, (sqlite3_int64)c->end);
		int_or_null(fs->cmention, 6, d->year ? d->year : -1);
		sqlite3_bind_int64(fs->cmention, 7, name);
		int_or_null(fs->cmention, 8, u ? u : -1);
		sqlite3_bind_int64(fs->cmention, 9, (sqlite3_int64)i + 1);
		if (step(fs, fs->cmention, e) != 0)
			return -1;
	}
	for (i = 0; i < d->nawards; i++) {
		const struct award_fact *a = &d->awards[i];
		sqlite3_int64 u = facts_store_unit(fs, d, a->unit, e),
		              kind = facts_store_name(fs, a->award, e),
		              status = kind ? facts_store_name(fs, a->status, e) : 0,
		              klass =
		                  a->class_ && *a->class_ ? facts_store_name(fs, a->class_, e) : -1,
		              grantor = a->grantor && *a->grantor
		                            ? facts_store_name(fs, a->grantor, e)
		                            : -1;
		if (u < 0 || !kind || !status || !klass || !grantor)
			return -1;
		sqlite3_bind_int64(fs->award, 1, doc);
		sqlite3_bind_int64(fs->award, 2, pass[a->passage]);
		sqlite3_bind_int64(fs->award, 3, (sqlite3_int64)a->start);
		sqlite3_bind_int64(fs->award, 4, (sqlite3_int64)a->end);
		int_or_null(fs->award, 5, a->year ? a->year : -1);
		int_or_null(fs->award, 6, u ? u : -1);
		sqlite3_bind_int64(fs->award, 7, kind);
		int_or_null(fs->award, 8, klass);
		int_or_null(fs->award, 9, grantor);
		sqlite3_bind_int64(fs->award, 10, status);
		int_or_null(fs->award, 11, a->collectives);
		int_or_null(fs->award, 12, a->individuals);
		int_or_null(fs->award, 13, a->count);
		sqlite3_bind_int64(fs->award, 14, (sqlite3_int64)i + 1);
		if (step(fs, fs->award, e) != 0)
			return -1;
	}
	return 0;
}
