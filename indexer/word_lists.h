/*
 * word_lists: Word's automatic numbering — the "1.", "II.", "a)", "•" a reader sees in front
 * of a numbered paragraph, which Word does not store in the text but computes from the
 * list tables ([MS-DOC] PlfLst with its LVLs, PlfLfo) and the paragraph's list (ilfo) and
 * level (ilvl). Numbered headings carry a report's section structure, so the reader of a
 * .doc puts the number back in front of the paragraph.
 *
 * Counters run per list through the document, a level restarting when a level above it
 * moves on; list overrides (LFOLVL) are not applied.
 */
#ifndef THIDUA_WORD_LISTS_H
#define THIDUA_WORD_LISTS_H
#include <stddef.h>
#include <stdint.h>

#include "ole2.h"

struct word_lists;

/*
 * Read the lists from the table stream: PlfLst at [lst, lst + nlst) with its LVLs right
 * after it, and PlfLfo at [lfo, lfo + nlfo). Damaged tables give fewer lists, never an error.
 */
struct word_lists *word_lists_read(struct span tbl, size_t lst, size_t nlst, size_t lfo,
                                   size_t nlfo);
void word_lists_free(struct word_lists *l);

/* What goes in front of one numbered paragraph. */
struct word_number {
	uint16_t text[128]; /* literal text of the level, the numbers filled in */
	size_t n;
	struct span chpx; /* the level's character formatting (its font) */
	int bullet;       /* a bullet: the text is one picture character */
	int follow;       /* what separates it from the text: '\t', ' ' or 0 */
};

/* Advance the counters for a paragraph in list ilfo (1-based) at level ilvl; 0 if numbered. */
int word_lists_next(struct word_lists *l, unsigned ilfo, unsigned ilvl, struct word_number *out);

#endif
