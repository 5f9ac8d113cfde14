/*
 * truth: NAME.truth.json, what a perfect reader extracts from one generated document.
 * The schema is documented in docs/corpus.md; the field names of awards and figures are
 * those of issue 6's commands (awards: doc year unit award class grantor status
 * collectives individuals count; figures: kind value of noun qualifier flags).
 */
#ifndef GEN_TRUTH_H
#define GEN_TRUTH_H
#include "gen.h"

struct docinfo {
	const char *name;      /* file name */
	const char *path;      /* relative to the output folder */
	const char *format;    /* txt rtf docx */
	const char *encoding;  /* utf-8 tcvn3 vni */
	const char *footnotes; /* displaced (plain text) | native (rtf, docx) */
	const char *marker;    /* footnote marker style in plain text */
	int nfd, bom, crlf, residue;
	const char *duplicate_of; /* NULL or the original's file name */
	const char *duplicate_kind;
	uint64_t seed;
};

void truth_write(struct ctx *c, const struct docinfo *info, struct buf *out);

/* Check the facts against the model: every total's parts add up to its sum, every span
 * lies inside its paragraph. Returns the number of problems (written to err). */
int truth_check(struct ctx *c, struct err *e);

#endif
