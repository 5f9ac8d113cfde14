/* `thidua docs`: one row per indexed document. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"

static const char usage[] =
	"usage: thidua docs [--db FILE] [--year Y|Y1-Y2] [--unit NAME] [--doc ID]\n"
	"                   [--format table|json|csv|tsv]\n"
	"\n"
	"List indexed documents: id, path, format, encoding, số/ký hiệu (number, doc_type,\n"
	"issuer), place, date, year reported on, title, signer and role, number of passages.\n"
	"\n"
	"  --db FILE        database (default: $THIDUA_DB, else ./thidua.db)\n"
	"  --year Y|Y1-Y2   only documents about that year or range\n"
	"  --unit NAME      only documents that name the unit (without accents, or an alias\n"
	"                   such as CA tỉnh)\n"
	"  --doc ID         only that document\n"
	"  --format F       table (default), json, csv or tsv\n"
	"  -h, --help       this help\n";

static const struct col cols[] = {
	{"doc", COL_INT, COL_BOTH, NULL},	   {"path", COL_STR, COL_MACHINE, NULL},
	{"format", COL_STR, COL_BOTH, NULL},	   {"encoding", COL_STR, COL_MACHINE, NULL},
	{"date", COL_STR, COL_BOTH, NULL},	   {"year", COL_INT, COL_BOTH, NULL},
	{"passages", COL_INT, COL_BOTH, NULL},	   {"size", COL_INT, COL_MACHINE, NULL},
	{"sha256", COL_STR, COL_MACHINE, NULL},	   {"title", COL_STR, COL_MACHINE, NULL},
	{"number", COL_STR, COL_BOTH, NULL},	   {"doc_type", COL_STR, COL_MACHINE, NULL},
	{"issuer", COL_STR, COL_MACHINE, NULL},	   {"issuer_code", COL_STR, COL_MACHINE, NULL},
	{"place", COL_STR, COL_MACHINE, NULL},	   {"signer", COL_STR, COL_MACHINE, NULL},
	{"signer_role", COL_STR, COL_MACHINE, NULL}, {"province", COL_STR, COL_MACHINE, NULL},
	{"document", COL_STR, COL_TABLE, NULL},
};

int cmd_docs(int argc, char **argv)
{
	struct qopts q;
	int c, rc = EXIT_OK, k = qopts_parse("docs", usage, argc, argv, &q, 0);
	struct buf sql = BUF_INIT;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;

	if (k < 0)
		return k == -1 ? EXIT_OK : EXIT_USAGE;
	if (k < argc)
		return cli_usage_error("docs", "unexpected argument '%s'", argv[k]);
	if (db_open(db_default_path(q.db), DB_READONLY, &db, &e) != 0)
		return cli_error("docs", "%s", e.msg);
	buf_adds(&sql,
	         "SELECT d.id, d.path, d.format, d.encoding, d.date, d.year,"
	         " coalesce(d.last_passage - d.first_passage + 1, 0), d.size,"
	         " d.sha256, d.title, d.number, d.doc_type, d.issuer, d.issuer_code,"
	         " d.place, d.signer, d.signer_role, d.province FROM documents d"
	         " WHERE (?1 IS NULL OR d.year BETWEEN ?1 AND ?2) AND (?3 IS NULL OR d.id = ?3)");
	if (q.unit) {
		/* documents that name the unit (or carry one of its passages) */
		struct vn_norm *nm = vn_norm_new(&e);
		char *ids = nm ? qopts_unit_ids(db, nm, q.unit) : NULL;
		if (!ids) {
			db_close(db);
			buf_free(&sql);
			return cli_error("docs", "%s", e.msg);
		}
		buf_printf(&sql, " AND d.id IN (SELECT doc FROM unit_mentions WHERE unit IN (%s))", ids);
		free(ids);
		vn_norm_free(nm);
	}
	buf_adds(&sql, " ORDER BY d.id");
	if (sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("docs", "%s", sqlite3_errmsg(db));
		db_close(db);
		buf_free(&sql);
		return rc;
	}
	buf_free(&sql);
	qopts_bind(st, &q);
	o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((c = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		const char *base = strrchr(path, '/');
		int i;
		for (i = 0; i < 18; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				out_null(o);
			else if (cols[i].type == COL_INT)
				out_int(o, sqlite3_column_int64(st, i));
			else
				out_str(o, (const char *)sqlite3_column_text(st, i));
		}
		out_str(o, base ? base + 1 : path);
	}
	out_end(o);
	if (c != SQLITE_DONE)
		rc = cli_error("docs", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	db_close(db);
	return rc;
}
