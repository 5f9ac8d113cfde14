/* `thidua units`: the units the documents name, with their aliases and where they appear. */
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"

static const char usage[] =
	"usage: thidua units [--db FILE] [--year Y|Y1-Y2] [--unit NAME] [--doc ID]\n"
	"                    [--format table|json|csv|tsv]\n"
	"\n"
	"Units (agencies of a province and their district branches, data/units.tsv): canonical\n"
	"name, province, the aliases the documents used, documents, years and mentions.\n";

static const struct col cols[] = {
	{"unit", COL_STR, COL_BOTH, NULL},	  {"canonical", COL_STR, COL_MACHINE, NULL},
	{"province", COL_STR, COL_BOTH, NULL},	  {"aliases", COL_STR, COL_BOTH, NULL},
	{"documents", COL_INT, COL_BOTH, "docs"}, {"years", COL_STR, COL_BOTH, NULL},
	{"mentions", COL_INT, COL_BOTH, NULL},
};

int cmd_units(int argc, char **argv)
{
	struct qopts q;
	struct err e;
	struct buf sql = BUF_INIT;
	struct vn_norm *nm;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;
	int rc = EXIT_OK, i, k = qopts_parse("units", usage, argc, argv, &q, 0);

	if (k < 0)
		return k == -1 ? EXIT_OK : EXIT_USAGE;
	if (k < argc)
		return cli_usage_error("units", "unexpected argument '%s'", argv[k]);
	if (db_open(db_default_path(q.db), DB_READONLY, &db, &e) != 0)
		return cli_error("units", "%s", e.msg);
	nm = vn_norm_new(&e);
	if (!nm) {
		db_close(db);
		return cli_error("units", "%s", e.msg);
	}
	buf_adds(&sql, "SELECT u.name, u.canonical, u.province,"
		       " (SELECT group_concat(alias, '; ') FROM unit_aliases a WHERE a.unit = u.id),"
		       " count(DISTINCT m.doc), group_concat(DISTINCT m.year), count(*)"
		       " FROM units u JOIN unit_mentions m ON m.unit = u.id"
		       " WHERE (?1 IS NULL OR m.year BETWEEN ?1 AND ?2) AND (?3 IS NULL OR m.doc = ?3)");
	if (q.unit) {
		char *ids = qopts_unit_ids(db, nm, q.unit);
		buf_printf(&sql, " AND u.id IN (%s)", ids);
		free(ids);
	}
	buf_adds(&sql, " GROUP BY u.id ORDER BY count(*) DESC, u.name");
	if (sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("units", "%s", sqlite3_errmsg(db));
		goto out;
	}
	qopts_bind(st, &q);
	o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((i = sqlite3_step(st)) == SQLITE_ROW)
		for (k = 0; k < 7; k++) {
			if (sqlite3_column_type(st, k) == SQLITE_NULL)
				out_null(o);
			else if (cols[k].type == COL_INT)
				out_int(o, sqlite3_column_int64(st, k));
			else
				out_str(o, (const char *)sqlite3_column_text(st, k));
		}
	out_end(o);
	if (i != SQLITE_DONE)
		rc = cli_error("units", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
out:
	buf_free(&sql);
	vn_norm_free(nm);
	db_close(db);
	return rc;
}
