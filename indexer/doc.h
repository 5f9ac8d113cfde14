/*
 * doc: the document as it moves through the indexer —
 *
 *   file bytes --extract--> struct doc with raw paragraphs (format, encoding known)
 *              --layout---> passages: repaired text, sections, kinds
 *              --header---> title, date, year
 *              --store----> rows in the database
 *
 * Each stage is one function taking this struct; no stage calls back up the chain.
 */
#ifndef THIDUA_DOC_H
#define THIDUA_DOC_H
#include <stddef.h>

#include "util.h"

struct passage {
	char *text;    /* NFC UTF-8, one paragraph, residue removed */
	char *section; /* heading path, e.g. "PHẦN I › III › 1" ("" before any heading) */
	const char *kind; /* "body" | "heading" */
};

struct doc {
	/* identity */
	char *path; /* absolute */
	char sha256[65];
	long long size, mtime;

	/* what extraction found */
	const char *format;   /* "text" */
	const char *encoding; /* "utf-8", "utf-8-bom", ... */
	char *text;           /* the decoded text, NFC, before layout; freed after layout */
	size_t ntext;

	/* header */
	char *title;
	char date[11]; /* YYYY-MM-DD or "" */
	int year;      /* 0 = unknown */

	struct passage *passages;
	size_t npassages, cap;
};

void doc_add_passage(struct doc *d, char *text, const char *section, const char *kind);
void doc_free(struct doc *d);

#endif
