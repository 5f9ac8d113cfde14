/*
 * builder: turns the structure events of a document format (paragraph, table, cell, note)
 * into blocks, so the docx, odt and html readers share one idea of what a cell or a note
 * is:
 *
 *   - a paragraph outside tables becomes BLK_PARA (or BLK_HEADING);
 *   - a table cell becomes one BLK_CELL (its paragraphs joined by "\n") with its row and
 *     column; a new table restarts rows at 0; a table inside a cell (or a note) is
 *     flattened into the text of that cell;
 *   - a footnote or endnote becomes BLK_FOOTNOTE, placed after the paragraph (or the
 *     table) that cites it, with its marker left in the citing text as superscript.
 */
#ifndef THIDUA_BUILDER_H
#define THIDUA_BUILDER_H
#include "doc.h"
#include "para.h"
#include "vn_norm.h"

#define BLD_DEPTH 32

struct builder {
	struct doc *d;
	struct vn_norm *nm;
	struct {
		int kind;        /* body, cell, note */
		struct buf text; /* paragraphs of a cell or note */
		int row, col, span;
	} conts[BLD_DEPTH];
	int ncont;
	struct {
		int row, col; /* current row; the column the next cell starts at */
		int ncont;    /* containers open when the table began */
	} tbls[BLD_DEPTH];
	int ntbl;
	struct para paras[BLD_DEPTH];
	int npara;
	struct {
		char *marker, *text;
	} * pend;
	size_t npend, pcap;
	int overflow; /* nesting deeper than BLD_DEPTH: inner structure ignored */
	int detect;   /* paragraphs repair mojibake by detection (para.detect) ... */
	int page_cs;  /* ... until one finds a charset: the rest of the page is read in it */
	int misses;   /* paragraphs with non-ASCII text detection left alone */
	int legacy;   /* the first legacy charset a paragraph was repaired from, 0 if none */
};

void bld_init(struct builder *b, struct doc *d, struct vn_norm *nm);
/* Close whatever is open (a truncated file) and flush the notes. */
void bld_finish(struct builder *b);
void bld_free(struct builder *b);

void bld_para_begin(struct builder *b);
/* Run text for the innermost open paragraph (dropped when none is open). */
void bld_text(struct builder *b, const char *s, size_t n, const char *font);
void bld_para_end(struct builder *b, int heading);
/* Whether a paragraph is open. */
int bld_in_para(const struct builder *b);

void bld_table_begin(struct builder *b);
void bld_row(struct builder *b);
/* A cell spanning `span` columns: the next cell starts `span` columns on (pass 1 where
 * the format writes the covered cells itself, as ODF does). */
void bld_cell_begin(struct builder *b, int span);
void bld_cell_end(struct builder *b);
/* Advance the column without a cell (a covered or repeated empty cell). */
void bld_skip_cols(struct builder *b, int n);
void bld_table_end(struct builder *b);

/* A note body is being read: its paragraphs go to it, not to the document. */
void bld_note_begin(struct builder *b);
/* The note's text (malloc'd, NFC) or NULL when empty. */
char *bld_note_end(struct builder *b);
/* Queue a note (takes text) to be placed after the citing paragraph or table. */
void bld_note(struct builder *b, const char *marker, char *text);
/* The marker of a note cited here, as superscript in the open paragraph. */
void bld_marker(struct builder *b, const char *marker);

#endif
