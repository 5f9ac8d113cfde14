/*
 * figures: every number of a document's passages that says how many, how much, what score
 * or what share — with what it counts — read by lib/vn_num after layout (docs/figures.md).
 * Dates, years, document numbers, labels and the like are read too, but not kept.
 *
 * A figure's year is the document's year unless the passage says otherwise: "Năm 2019,"
 * opening a clause holds until the next such opening; "năm 2019" inside a sentence holds
 * for the rest of that sentence.
 */
#ifndef THIDUA_FIGURES_H
#define THIDUA_FIGURES_H
#include "doc.h"
#include "vn_norm.h"

/*
 * Fill d->figures from d->passages (after layout, header and facts: it needs d->year and
 * the passages' units). nm: the worker's normalizer, borrowed (NULL: use a fresh one).
 */
void figures_extract(struct doc *d, struct vn_norm *nm);

#endif
