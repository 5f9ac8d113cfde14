/* `thidua docs`: one row per indexed document. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "db.h"

static const char usage[] =
	"usage: thidua docs [--db FILE] [--year Y|Y1-Y2] [--format table|json|csv|tsv]\n"
	"\n"
	"List indexed documents: id, path, format, encoding, số/ký hiệu (number, doc_type,\n"
	"issuer), place, date, year reported on, title, signer and role, number of passages.\n";

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
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"year", required_argument, NULL, 'y'},
					     {"format", required_argument, NULL, 'f'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *dbpath = NULL;
	int fmt = FMT_TABLE, c, y0 = 0, y1 = 0, rc = EXIT_OK;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'y':
			if (cli_parse_years(optarg, &y0, &y1) != 0)
				return cli_usage_error("docs", "--year wants Y or Y1-Y2");
			break;
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error("docs", "--format is table, json, csv or tsv");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("docs", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("docs", "unexpected argument '%s'", argv[optind]);
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0)
		return cli_error("docs", "%s", e.msg);
	if (sqlite3_prepare_v2(db,
			       "SELECT d.id, d.path, d.format, d.encoding, d.date, d.year,"
			       " (SELECT count(*) FROM passages p WHERE p.doc = d.id), d.size,"
			       " d.sha256, d.title, d.number, d.doc_type, d.issuer, d.issuer_code,"
			       " d.place, d.signer, d.signer_role, d.province FROM documents d"
			       " WHERE ?1 IS NULL OR d.year BETWEEN ?1 AND ?2 ORDER BY d.id",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("docs", "%s", sqlite3_errmsg(db));
		db_close(db);
		return rc;
	}
	if (y0) {
		sqlite3_bind_int(st, 1, y0);
		sqlite3_bind_int(st, 2, y1);
	}
	o = out_new(stdout, fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
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
