/* `thidua stats`: what the database holds and which versions wrote it. */
#include <getopt.h>

#include "cli.h"
#include "db.h"

static const char usage[] =
	"usage: thidua stats [--db FILE] [--format table|json|csv|tsv]\n"
	"\n"
	"Counts (documents, passages), sizes (text, database file) and the schema and\n"
	"tokenizer versions of the database.\n";

static const struct col cols[] = {
	{"documents", COL_INT, COL_BOTH, NULL},	      {"passages", COL_INT, COL_BOTH, NULL},
	{"text_bytes", COL_INT, COL_BOTH, NULL},      {"db_bytes", COL_INT, COL_BOTH, NULL},
	{"schema_version", COL_INT, COL_BOTH, NULL},  {"tokenizer_version", COL_INT, COL_BOTH, NULL},
	{"sqlite_version", COL_STR, COL_BOTH, NULL},
};

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"format", required_argument, NULL, 'f'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *dbpath = NULL;
	int fmt = FMT_TABLE, c, rc = EXIT_OK;
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
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error("stats", "--format is table, json, csv or tsv");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("stats", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0)
		return cli_error("stats", "%s", e.msg);
	if (sqlite3_prepare_v2(db,
			       "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages),"
			       " (SELECT coalesce(sum(bytes), 0) FROM passage_rows),"
			       " (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size),"
			       " (SELECT value FROM meta WHERE key = 'schema_version'),"
			       " (SELECT value FROM meta WHERE key = 'tokenizer_version'),"
			       " sqlite_version()",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("stats", "%s", sqlite3_errmsg(db));
		db_close(db);
		return rc;
	}
	o = out_new(stdout, fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (c = 0; c < 6; c++)
			out_int(o, sqlite3_column_int64(st, c));
		out_str(o, (const char *)sqlite3_column_text(st, 6));
	}
	out_end(o);
	sqlite3_finalize(st);
	db_close(db);
	return rc;
}
