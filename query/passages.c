/* `thidua passages`: passages as stored, for export and inspection. */
#include <getopt.h>

#include "cli.h"
#include "db.h"

static const char usage[] =
	"usage: thidua passages [--db FILE] [--doc ID] [--limit N] [--format table|json|csv|tsv]\n"
	"\n"
	"Dump passages in reading order: id, document, section path, kind, text.\n";

static const struct col cols[] = {
	{"passage", COL_INT, COL_BOTH, NULL}, {"doc", COL_INT, COL_BOTH, NULL},
	{"ordinal", COL_INT, COL_MACHINE, NULL}, {"section", COL_STR, COL_BOTH, NULL},
	{"kind", COL_STR, COL_MACHINE, NULL}, {"text", COL_STR, COL_BOTH, NULL},
};

int cmd_passages(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	  {"doc", required_argument, NULL, 'D'},
		{"limit", required_argument, NULL, 'n'},  {"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},	  {NULL, 0, NULL, 0}};
	const char *dbpath = NULL;
	long docid = -1, limit = 0;
	int fmt = FMT_TABLE, c, rc = EXIT_OK;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct out *o;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'D':
			if (cli_parse_count(optarg, &docid) != 0)
				return cli_usage_error("passages", "--doc wants a document id");
			break;
		case 'n':
			if (cli_parse_count(optarg, &limit) != 0)
				return cli_usage_error("passages", "--limit wants a number (0 = all)");
			break;
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error("passages", "--format is table, json, csv or tsv");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("passages", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("passages", "unexpected argument '%s'", argv[optind]);
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0)
		return cli_error("passages", "%s", e.msg);
	if (sqlite3_prepare_v2(
	        db,
	        docid >= 0
	            /* a document's passages are the ids of its span (schema/) */
	            ? "SELECT id, doc, ordinal, section, kind, text FROM passages"
	              " WHERE id BETWEEN (SELECT first_passage FROM documents WHERE id = ?1)"
	              " AND (SELECT last_passage FROM documents WHERE id = ?1)"
	              " ORDER BY id LIMIT ?2"
	            /* ids ascend with documents, then ordinals */
	            : "SELECT id, doc, ordinal, section, kind, text FROM passages"
	              " ORDER BY id LIMIT ?2",
	        -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("passages", "%s", sqlite3_errmsg(db));
		db_close(db);
		return rc;
	}
	if (docid >= 0)
		sqlite3_bind_int64(st, 1, docid);
	sqlite3_bind_int64(st, 2, limit == 0 ? -1 : limit);
	o = out_new(stdout, fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	while ((c = sqlite3_step(st)) == SQLITE_ROW) {
		out_int(o, sqlite3_column_int64(st, 0));
		out_int(o, sqlite3_column_int64(st, 1));
		out_int(o, sqlite3_column_int64(st, 2));
		out_str(o, (const char *)sqlite3_column_text(st, 3));
		out_str(o, (const char *)sqlite3_column_text(st, 4));
		out_str(o, (const char *)sqlite3_column_text(st, 5));
	}
	out_end(o);
	if (c != SQLITE_DONE)
		rc = cli_error("passages", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	db_close(db);
	return rc;
}
