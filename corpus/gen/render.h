/*
 * render: the report as the plain text a Word-to-text conversion gives (what the seed is):
 * one paragraph per line with blank lines between, markdown residue for italic and bold
 * (“*…*”, **…**), footnote markers in the text (⁽¹⁾, ³, [4]) and the footnote bodies where
 * the pages ended — so a page break cuts a sentence, the footnotes of that page sit between
 * the two halves, and a long footnote continues at the foot of the next page. Every cut is
 * recorded in the document's page_breaks. Cuts never fall inside a fact's evidence.
 */
#ifndef GEN_RENDER_H
#define GEN_RENDER_H
#include "gen.h"

enum marker_style {
	MK_MIXED,     /* the seed: ⁽¹⁾ ⁽²⁾ then ³ ⁴ ⁵ */
	MK_PAREN_SUP, /* ⁽¹⁾ */
	MK_SUP,       /* ¹ */
	MK_BRACKET,   /* [1] */
	MK_PAREN,     /* (1) */
	MK_NSTYLES
};

struct render_opts {
	enum marker_style marker;
	int residue;  /* write markdown residue for styles */
	int page_min; /* page size range in bytes of text */
	int page_max;
};

/* Render c->d into out (NFC UTF-8); r draws the page sizes. */
void render_text(struct ctx *c, const struct render_opts *o, struct rng *r, struct buf *out);
/* The marker of footnote n in a style (into out). */
void render_marker(enum marker_style st, int n, struct buf *out);

/* A paragraph as a sequence of events, for the RTF and DOCX writers: text pieces (never
 * crossing a style boundary or a footnote reference), style on/off, footnote references. */
struct para_walker {
	void (*text)(void *ctx, const char *s, size_t n);
	void (*style)(void *ctx, unsigned style, int on);
	void (*ref)(void *ctx, int note);
};
void para_walk(const struct para *p, const struct para_walker *w, void *ctx);

#endif
