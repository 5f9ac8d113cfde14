/* `thidua campaigns [QUERY]`: campaigns named in quotes, across documents and years. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"

static const char usage[] =
	"usage: thidua campaigns [--db FILE] [--year Y|Y1-Y2] [--unit NAME] [--doc ID]\n"
	"                        [--format table|json|csv|tsv] [QUERY...]\n"
	"\n"
	"Campaigns (phong trào, cuộc vận động, chủ đề, khẩu hiệu) named in quotes. The same\n"
	"name written with other accents, case or punctuation is one campaign; forms lists\n"
	"how the documents wrote it. QUERY: words the name contains, accents ignored.\n";

static const struct col cols[] = {
	{"campaign", COL_STR, COL_BOTH, NULL},	   {"years", COL_STR, COL_BOTH, NULL},
	{"units", COL_STR, COL_BOTH, NULL},	   {"mentions", COL_INT, COL_BOTH, NULL},
	{"documents", COL_INT, COL_MACHINE, NULL}, {"forms", COL_STR, COL_MACHINE, NULL},
	{"key", COL_STR, COL_MACHINE, NULL},
};

/* The names of fact_names, by id (ids run from 1 up); NULL on a database error. */
static char **fact_names_load(sqlite3 *db, size_t *n)
{
	sqlite3_stmt *st;
	char **v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT id, name FROM fact_names ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > 100000000)
			continue;
		v = xgrow(v, &cap, (size_t)id + 1, sizeof(*v));
		while (*n <= (size_t)id)
			v[(*n)++] = NULL;
		v[id] = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		while (*n)
			free(v[--*n]);
		free(v);
		return NULL;
	}
	return v;
}

/* "12,45" (fact_names ids, as group_concat wrote them) -> their names, comma-separated. */
static void name_list(struct buf *b, const char *ids, char *const *names, size_t n)
{
	char *end;

	buf_reset(b);
	while (*ids) {
		unsigned long long id = strtoull(ids, &end, 10);
		if (end == ids)
			break;
		if (id < n && names[id])
			buf_printf(b, "%s%s", b->n ? "," : "", names[id]);
		ids = *end == ',' ? end + 1 : end;
	}
}

int cmd_campaigns(int argc, char **argv)
{
	struct qopts q;
	struct err e;
	struct buf sql = BUF_INIT, query = BUF_INIT, forms = BUF_INIT;
	char **names = NULL;
	size_t nnames = 0;
	struct vn_norm *nm;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;
	int rc = EXIT_OK, i, k = qopts_parse("campaigns", usage, argc, argv, &q, 0);

	if (k < 0)
		return k == -1 ? EXIT_OK : EXIT_USAGE;
	for (i = k; i < argc; i++) {
		if (query.n)
			buf_addc(&query, ' ');
		buf_adds(&query, argv[i]);
	}
	if (db_open(db_default_path(q.db), DB_READONLY, &db, &e) != 0) {
		buf_free(&query);
		return cli_error("campaigns", "%s", e.msg);
	}
	nm = vn_norm_new(&e);
	if (!nm) {
		db_close(db);
		buf_free(&query);
		return cli_error("campaigns", "%s", e.msg);
	}
	buf_adds(&sql,
	         "SELECT c.name, group_concat(DISTINCT m.year),"
	         " (SELECT group_concat(DISTINCT u.name) FROM campaign_mention_rows m2"
	         "  JOIN units u ON u.id = m2.unit WHERE m2.campaign = c.id),"
	         " count(*), count(DISTINCT m.doc), group_concat(DISTINCT m.name), c.key"
	         /* the rows, not the view: the forms are fact_names ids here, named below
	            (joining the name to each of the national corpus's 542 000 mentions took
	            a quarter of the command) */
	         " FROM campaigns c JOIN campaign_mention_rows m ON m.campaign = c.id"
	         " WHERE (?1 IS NULL OR m.year BETWEEN ?1 AND ?2) AND (?3 IS NULL OR m.doc = ?3)");
	if (q.unit) {
		char *ids = qopts_unit_ids(db, nm, q.unit);
		buf_printf(&sql, " AND m.unit IN (%s)", ids);
		free(ids);
	}
	/* ties: the campaign mentioned first, the least (doc, id) */
	buf_adds(&sql, " GROUP BY c.id ORDER BY count(*) DESC, min((m.doc << 32) + m.id)");
	if (sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("campaigns", "%s", sqlite3_errmsg(db));
		goto out;
	}
	if (!(names = fact_names_load(db, &nnames))) {
		rc = cli_error("campaigns", "%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		goto out;
	}
	qopts_bind(st, &q);
	o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((i = sqlite3_step(st)) == SQLITE_ROW) {
		if (query.n && !qopts_fold_has(nm, (const char *)sqlite3_column_text(st, 0), query.p))
			continue;
		for (k = 0; k < 7; k++) {
			if (sqlite3_column_type(st, k) == SQLITE_NULL)
				out_null(o);
			else if (k == 5) {
				name_list(&forms, (const char *)sqlite3_column_text(st, k), names,
				          nnames);
				out_str(o, buf_str(&forms));
			} else if (cols[k].type == COL_INT)
				out_int(o, sqlite3_column_int64(st, k));
			else
				out_str(o, (const char *)sqlite3_column_text(st, k));
		}
	}
	out_end(o);
	if (i != SQLITE_DONE)
		rc = cli_error("campaigns", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
out:
	while (nnames)
		free(names[--nnames]);
	free(names);
	buf_free(&forms);
	buf_free(&sql);
	buf_free(&query);
	vn_norm_free(nm);
	db_close(db);
	return rc;
}
