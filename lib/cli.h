/*
 * cli: what every subcommand shares — the command table, common options, and one output
 * formatter for table / json / csv / tsv so no command formats rows by hand.
 *
 * A command is `int cmd_NAME(int argc, char **argv)` returning the process exit code:
 * 0 ok, 1 some inputs failed, 2 usage or fatal error. Commands print their own one-line
 * errors through cli_error(), which names the program and the command.
 */
#ifndef THIDUA_CLI_H
#define THIDUA_CLI_H
#include <stdio.h>

#include "util.h"

enum { EXIT_OK = 0, EXIT_PARTIAL = 1, EXIT_USAGE = 2 };

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

extern const struct command commands[];

int cmd_index(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_docs(int argc, char **argv);
int cmd_passages(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_units(int argc, char **argv);
int cmd_campaigns(int argc, char **argv);
int cmd_awards(int argc, char **argv);
int cmd_figures(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_audit(int argc, char **argv);

/* "thidua CMD: message" on stderr; returns EXIT_USAGE for `return cli_error(...)`. */
int cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Same with "; see thidua CMD --help" appended: for option mistakes. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether to use colour on stream f: a TTY, NO_COLOR unset, TERM not "dumb". */
int cli_color(FILE *f);

/* Parse "2020" or "2018-2022" (also "2018–2022"); returns 0 or -1. */
int cli_parse_years(const char *s, int *from, int *to);

/* Parse a non-negative integer option value; returns 0 or -1. */
int cli_parse_count(const char *s, long *out);

/* ---------------------------------------------------------------- output */

enum { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_TSV };

/* Returns the FMT_* for "table", "json", "csv", "tsv", or -1. */
int cli_parse_format(const char *s);

enum { COL_STR, COL_INT, COL_REAL };
enum { COL_MACHINE, COL_BOTH, COL_TABLE };

struct col {
	const char *name; /* the JSON / CSV field name: part of the interface */
	int type;
	int in_table; /* COL_MACHINE: json/csv/tsv only; COL_BOTH; COL_TABLE: table only */
	const char *title; /* table heading (defaults to name) */
};

struct out;

/*
 * Rows are added cell by cell in column order. Table output is buffered to size columns;
 * the other formats stream. Strings may carry match marks \x01…\x02 (from snippet()):
 * table output shows them in colour on a TTY or as «…», the other formats as «…».
 */
struct out *out_new(FILE *f, int fmt, const struct col *cols, int ncols);
void out_str(struct out *o, const char *s);
void out_int(struct out *o, long long v);
void out_real(struct out *o, double v);
void out_null(struct out *o);
/* Finish the output (prints the table, closes the JSON array); frees o. */
void out_end(struct out *o);

#endif
