/*
 * gdata: the generator's vocabulary — provinces, blocs, units, awards, campaigns, phrase
 * templates, typos — kept as TSV files in corpus/gen/data/ and compiled into thidua-gen
 * (tools/embed.c, under the symbol gen_embedded_files) so the binary runs anywhere.
 *
 * A table is rows of TAB-separated fields; '#' lines and blank lines are skipped.
 */
#ifndef GEN_GDATA_H
#define GEN_GDATA_H
#include <stddef.h>

#include "util.h"

struct grow {
	int n;
	char **f;
	int line; /* line number in the file, for error messages */
};

struct gtable {
	const char *name;
	size_t nrows;
	struct grow *rows;
};

/* Parse every table once; -1 with a message when one is missing or has a short row. */
int gdata_load(struct err *e);
void gdata_free(void);

/* The table corpus/gen/data/NAME (after gdata_load), or NULL. */
const struct gtable *gdata(const char *name);

/* Field i of a row, "" when the row is shorter. */
const char *gf(const struct grow *r, int i);

/* The forms of words.tsv's (kind, key), "a|b|c", or NULL. */
const char *gdata_word(const char *kind, const char *key);
/* The first row of table whose column col is key, or NULL. */
const struct grow *gdata_row(const char *table, int col, const char *key);

/* The raw bytes of an embedded generator file, or NULL. */
const char *gdata_raw(const char *name, size_t *len);

#endif
