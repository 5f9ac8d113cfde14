/*
 * layout: decoded text -> passages. A passage is a paragraph:
 *
 *   - blank lines separate paragraphs, and so does every line of a block that starts a
 *     list item or a heading, or that follows a short line (Word exports put one paragraph
 *     per line); lines of hard-wrapped text (a long line that does not end a sentence,
 *     followed by one starting in lower case) are joined again;
 *   - markdown emphasis left by converters is removed: `**3,232 tỷ đồng**³` ->
 *     `3,232 tỷ đồng³`, `“*Vì nhân dân phục vụ*”` -> `“Vì nhân dân phục vụ”`; an asterisk
 *     with spaces on both sides is text and stays; `* ` opening a line is a bullet, `- `;
 *   - headings (PHẦN I, I., 1., 2.1., a)) open sections; each passage records the path of
 *     headings above it, e.g. "PHẦN I › III › 1"; numbering is kept as written, duplicates
 *     included;
 *   - footnotes (⁽¹⁾, ³, [1], a digit glued to a word when it is the next one expected, and
 *     the format's own BLK_FOOTNOTE blocks) become passages of kind "footnote" linked to the
 *     passage citing them, and sentences that a page break cut — the body going on after
 *     the page's footnotes, a footnote's tail at the foot of the next page — are joined
 *     again (see assemble() in layout.c).
 */
#ifndef THIDUA_LAYOUT_H
#define THIDUA_LAYOUT_H
#include "doc.h"
#include "vn_norm.h"

/* Turn d->blocks into d->passages (and free the blocks). nm is the caller's normalizer
 * (list items are recognised by the unit they name). */
void layout_doc(struct doc *d, struct vn_norm *nm);

/* Remove markdown emphasis residue from one line (exposed for tests). */
char *layout_strip_markdown(const char *s, size_t n);

#endif
