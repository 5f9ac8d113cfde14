/*
 * doc: the document as it moves through the indexer —
 *
 *   file bytes --extract--> blocks: decoded text in reading order (format, encoding known)
 *              --layout---> passages: paragraphs of repaired text, sections, kinds
 *              --header---> title, date, year
 *              --store----> rows in the database
 *
 * Each stage is one function taking this struct; no stage calls back up the chain.
 */
#ifndef THIDUA_DOC_H
#define THIDUA_DOC_H
#include <stddef.h>

#include "util.h"

/*
 * What an extractor delivers. Formats that know their paragraphs (docx, odt, html, pdf
 * lines) give BLK_PARA blocks; plain text gives one BLK_TEXT block that layout splits.
 * Footnotes and endnotes the format keeps apart come as BLK_FOOTNOTE with their marker.
 */
enum block_kind {
	BLK_TEXT,     /* free text: layout finds the paragraphs */
	BLK_PARA,     /* exactly one paragraph */
	BLK_HEADING,  /* a paragraph the format marks as a heading */
	BLK_FOOTNOTE, /* a footnote or endnote body; `note` is its marker ("1", "*") */
	BLK_CELL,     /* one table cell, in row order; `row`, `col` from 0 */
};

struct block {
	enum block_kind kind;
	char *text; /* NFC UTF-8 */
	char *note; /* BLK_FOOTNOTE: the marker; else NULL */
	int page;   /* 1-based page for paged formats, 0 if unknown */
	int row, col;
};

struct passage {
	char *text;    /* NFC UTF-8, one paragraph, residue removed */
	char *section; /* heading path, e.g. "PHẦN I › III › 1" ("" before any heading) */
	const char *kind; /* "body" | "heading" */
};

/* A number with what it counts, found in a passage by indexer/figures.c (lib/vn_num). */
struct figure {
	size_t passage;          /* index into passages */
	size_t start, end;       /* characters (code points) of raw in the passage text */
	const char *kind;        /* "count", "money", "score", … (static) */
	double value, of, times; /* of: maximum of a score or ratio; times: a rate's count; 0 = none */
	char *noun, *qualifier, *raw, *flags;
	int year; /* the year the figure is about, 0 = unknown */
};

struct doc {
	/* identity */
	char *path; /* absolute */
	char sha256[65];
	long long size, mtime;

	/* what extraction found */
	const char *format;   /* "text", "docx", ... */
	const char *encoding; /* "utf-8", "utf-8-bom", "tcvn3", ... */
	struct block *blocks; /* freed by layout */
	size_t nblocks, bcap;

	/* non-fatal notes for the user ("page 3 has no text layer"), printed by the indexer */
	char **notes;
	size_t nnotes, ncap;

	/* header */
	char *title;
	char date[11]; /* YYYY-MM-DD or "" */
	int year;      /* 0 = unknown */

	struct passage *passages;
	size_t npassages, cap;

	struct figure *figures; /* in passage order */
	size_t nfigures, fcap;
};

/* Append a block; takes ownership of text (and note). Returns the block for page/row/col. */
struct block *doc_add_block(struct doc *d, enum block_kind kind, char *text, char *note);
void doc_add_note(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_free_blocks(struct doc *d);
void doc_add_passage(struct doc *d, char *text, const char *section, const char *kind);
void doc_free(struct doc *d);

#endif
