/*
 * vn_figs: a document's figures packed into one blob (table figure_packs), and the virtual
 * table that reads them back as rows (figure_rows, the columns the table of that name had).
 *
 * Why: a figure was a row of its own, and figures are most of a report's facts (6.46
 * million on the national corpus): 46 bytes a row and 5 more in an index on kind, 0.33
 * times the passage text by themselves. Packed per document, with the passage and the
 * character offsets as differences from the figure before and the numbers as varints, a
 * figure is about 9 bytes, and the writer does one insert per document instead of one per
 * figure. Every reader goes on saying `figure_rows` or the view `figures`: the virtual
 * table decodes a document's blob as it is scanned, and answers `doc = ?` from the blob of
 * that document alone.
 *
 * A blob: a varint count, then for each figure, in id order (id = 1, 2, …):
 *   varint   zigzag difference of the passage id from the previous figure's (from 0)
 *   varint   zigzag difference of char_start from the previous figure's in the same passage
 *   varint   char_end - char_start
 *   byte     kind (enum vn_num_kind less VN_NUM_COUNT, 3 bits) | TEXTS | MAXIMUM | TIMES |
 *            YEAR | UNIT: which of the optional fields below follow
 *   number   value; then maximum and times, when present
 *   varint   noun (fact_names id)
 *   varint   zigzag (year - 2000), when present
 *   varint   unit id, when present
 *   string   qualifier, then flags (varint length, bytes), when TEXTS
 * A number is a varint u: u even, the integer zigzag(u / 2); u odd, an IEEE double follows
 * in 8 bytes (little-endian).
 */
#ifndef THIDUA_VN_FIGS_H
#define THIDUA_VN_FIGS_H
#include <sqlite3.h>

#include "util.h"

/* One figure as the writer has it; 0 for maximum, times, year and unit means none. */
struct vn_fig {
	long long passage, char_start, char_end, noun, unit;
	int kind, year; /* kind: enum vn_num_kind, a figure's */
	double value, maximum, times;
	const char *qualifier, *flags; /* "" for none */
};

/* Append figure f to the blob in b; the previous figure of the blob is prev (NULL for the
 * first). The caller writes the count first (vn_figs_count). */
void vn_figs_put(struct buf *b, const struct vn_fig *prev, const struct vn_fig *f);
/* Start a blob of n figures in b. */
void vn_figs_count(struct buf *b, size_t n);

/* Register the virtual table module `thidua_figures` (CREATE VIRTUAL TABLE figure_rows
 * USING thidua_figures(figure_packs)) with db. */
int vn_figs_register(sqlite3 *db, struct err *e);

#endif
