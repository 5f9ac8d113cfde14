/* `thidua campaigns [QUERY]`: campaigns named in quotes, across documents and years. */
#include <stdlib.h>

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

int cmd_campaigns(int argc, char **argv)
{
	struct qopts q;
	struct err e;
	struct buf sql = BUF_INIT, query = BUF_INIT;
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
	         " FROM campaigns c JOIN campaign_mentions m ON m.campaign = c.id"
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
	qopts_bind(st, &q);
	o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((i = sqlite3_step(st)) == SQLITE_ROW) {
		if (query.n && !qopts_fold_has(nm, (const char *)sqlite3_column_text(st, 0), query.p))
			continue;
		for (k = 0; k < 7; k++) {
			if (sqlite3_column_type(st, k) == SQLITE_NULL)
				out_null(o);
			else if (cols[k].type == COL_INT)
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
	buf_free(&sql);
	buf_free(&query);
	vn_norm_free(nm);
	db_close(db);
	return rc;
}
