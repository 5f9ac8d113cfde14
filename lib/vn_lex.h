/*
 * vn_lex: the domain word lists thidua ships as data files (data/NAME.tsv), parsed once.
 * Each list is an array of TAB-separated rows; modules that need one ask for it by name.
 */
#ifndef THIDUA_VN_LEX_H
#define THIDUA_VN_LEX_H
#include <stddef.h>

struct vn_row {
	int nfields;
	char **fields; /* UTF-8, NUL-terminated, as written in the file */
};

struct vn_table {
	size_t nrows;
	struct vn_row *rows;
};

/*
 * The table in data/NAME (e.g. "abbreviations.tsv"); comment lines (#) and blank lines
 * are skipped. Parsed on first use and kept for the life of the process; NULL if the file
 * was not built in.
 */
const struct vn_table *vn_lex_table(const char *name);

#endif
