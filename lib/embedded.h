/*
 * embedded: data files compiled into the binary (see tools/embed.c and the Makefile).
 * Lexicons, code pages and the schema live in data/ and schema/ as plain files; the
 * build turns them into this table so an installed thidua needs no data directory.
 */
#ifndef THIDUA_EMBEDDED_H
#define THIDUA_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name; /* e.g. "data/abbreviations.tsv" */
	const char *data; /* NUL-terminated; the NUL is not counted in len */
	size_t len;
};

extern const struct embedded_file embedded_files[];

/* The file called NAME, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
