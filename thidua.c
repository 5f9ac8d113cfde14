/*
 * thidua — full-text search and fact extraction over Vietnamese emulation and
 * commendation reports. This file is only the dispatcher: each command lives in its own
 * file (indexer/ for writing the database, query/ for reading it), like git's builtin/.
 */
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>

#include "cli.h"
#include "db.h"
#include "vn_tok.h"

#define THIDUA_VERSION "0.1.0"

const struct command commands[] = {
	{"index", cmd_index, "index report files and folders into the database"},
	{"text", cmd_text, "print the extracted, repaired text of one file"},
	{"search", cmd_search, "find passages (accent-insensitive, abbreviations expanded)"},
	{"docs", cmd_docs, "list indexed documents"},
	{"passages", cmd_passages, "dump passages of the index"},
	{"stats", cmd_stats, "counts, sizes, schema and tokenizer versions"},
	{"show", cmd_show, "a document: header, repaired text, sections, footnotes"},
	{"units", cmd_units, "units named in the documents, with aliases"},
	{"campaigns", cmd_campaigns, "campaigns named in quotes, across documents and years"},
	{"awards", cmd_awards, "award facts: award, grantor, status, recipients"},
	{"figures", cmd_figures, "numbers with what they count: money, scores, ratios…"},
	{"trend", cmd_trend, "a term, award, figure or campaign year by year (or by unit)"},
	{"audit", cmd_audit, "inconsistencies: totals, ratios, scores, duplicates, gaps"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	const struct command *c;

	fputs("usage: thidua [--version] [--help] COMMAND [ARGS]\n\nCommands:\n", f);
	for (c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\nEvery command takes --help. The database is --db FILE, else $THIDUA_DB, else\n"
	      "./thidua.db.\n",
	      f);
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("thidua %s (schema %d, tokenizer %d)\n", THIDUA_VERSION, db_schema_version(),
		       VN_TOKENIZER_VERSION);
		return EXIT_OK;
	}
	/* SQLite's memory statistics take a global mutex on every allocation, and FTS5's
	 * in-memory index allocates per token: off, the indexing writer runs 2.3% fewer
	 * instructions. No command reads the statistics. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	for (c = commands; c->name; c++)
		if (strcmp(argv[1], c->name) == 0)
			return c->fn(argc - 1, argv + 1);
	cli_error(NULL, "'%s' is not a command; see `thidua --help`", argv[1]);
	return EXIT_USAGE;
}
