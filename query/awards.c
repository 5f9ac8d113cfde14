/* `thidua awards`: one row per award fact (indexer/awards.c). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"

static const char usage[] =
	"usage: thidua awards [--db FILE] [--year Y|Y1-Y2] [--unit NAME] [--doc ID]\n"
	"                     [--award KIND] [--grantor NAME] [--status S]\n"
	"                     [--format table|json|csv|tsv]\n"
	"\n"
	"Award facts: who got which danh hiệu or hình thức khen thưởng, from whom, how many.\n"
	"Names match without accents (--award \"bang khen\", --grantor \"UBND tinh\");\n"
	"--unit matches a unit or any of its aliases (\"CA tỉnh\" = Công an tỉnh);\n"
	"--status is registered, proposed, granted or honoured.\n"
	"Fields: doc, year, unit, award, class, grantor, status, collectives, individuals,\n"
	"count (awards written before the award: \"03 Cờ thi đua\"), passage, start, end,\n"
	"evidence (the exact words of the report). See docs/facts.md.\n";

static const struct col cols[] = {
	{"doc", COL_INT, COL_BOTH, NULL},	     {"year", COL_INT, COL_BOTH, NULL},
	{"unit", COL_STR, COL_BOTH, NULL},	     {"award", COL_STR, COL_BOTH, NULL},
	{"class", COL_STR, COL_BOTH, NULL},	     {"grantor", COL_STR, COL_BOTH, NULL},
	{"status", COL_STR, COL_BOTH, NULL},	     {"collectives", COL_INT, COL_BOTH, "tt"},
	{"individuals", COL_INT, COL_BOTH, "cn"},    {"count", COL_INT, COL_BOTH, "n"},
	{"passage", COL_INT, COL_MACHINE, NULL},     {"start", COL_INT, COL_MACHINE, NULL},
	{"end", COL_INT, COL_MACHINE, NULL},	     {"evidence", COL_STR, COL_MACHINE, NULL},
};

int cmd_awards(int argc, char **argv)
{
	struct qopts q;
	struct err e;
	struct buf sql = BUF_INIT;
	struct vn_norm *nm;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;
	int rc = EXIT_OK, i, k = qopts_parse("awards", usage, argc, argv, &q,
					     QO_AWARD | QO_GRANTOR | QO_STATUS);

	if (k < 0)
		return k == -1 ? EXIT_OK : EXIT_USAGE;
	if (k < argc)
		return cli_usage_error("awards", "unexpected argument '%s'", argv[k]);
	if (db_open(db_default_path(q.db), DB_READONLY, &db, &e) != 0)
		return cli_error("awards", "%s", e.msg);
	nm = vn_norm_new(&e);
	if (!nm) {
		db_close(db);
		return cli_error("awards", "%s", e.msg);
	}
	buf_adds(&sql,
	         "SELECT a.doc, a.year, u.name, a.award, a.class, a.grantor, a.status,"
	         " a.collectives, a.individuals, a.count, a.passage, a.start, a.end, a.evidence"
	         " FROM awards a LEFT JOIN units u ON u.id = a.unit"
	         " WHERE (?1 IS NULL OR a.year BETWEEN ?1 AND ?2) AND (?3 IS NULL OR a.doc = ?3)"
	         " AND (?4 IS NULL OR a.status = ?4)");
	if (q.unit) {
		char *ids = qopts_unit_ids(db, nm, q.unit);
		buf_printf(&sql, " AND a.unit IN (%s)", ids);
		free(ids);
	}
	if (q.award) {
		char *kinds = qopts_fact_names(db, nm, q.award);
		buf_printf(&sql, " AND a.award IN (%s)", kinds);
		free(kinds);
	}
	if (q.grantor) {
		char *grantors = qopts_fact_names(db, nm, q.grantor);
		buf_printf(&sql, " AND a.grantor IN (%s)", grantors);
		free(grantors);
	}
	buf_adds(&sql, " ORDER BY a.doc, a.passage, a.start");
	if (sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("awards", "%s", sqlite3_errmsg(db));
		goto out;
	}
	qopts_bind(st, &q);
	if (q.status)
		sqlite3_bind_text(st, 4, q.status, -1, SQLITE_STATIC);
	o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((i = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < 14; k++) {
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
		rc = cli_error("awards", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
out:
	buf_free(&sql);
	vn_norm_free(nm);
	db_close(db);
	return rc;
}
