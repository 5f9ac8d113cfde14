/*
 * para: the text of one paragraph (or cell, or note) built from the runs of a structured
 * format (docx, odt, html), then handed over as NFC UTF-8.
 *
 * Runs typed in a legacy Vietnamese font (.VnTime, VNI-Times: their characters stand for
 * the font's bytes) are kept apart from Unicode runs so they can be repaired with the
 * font's code page; neighbouring runs in the same font are repaired together, since a VNI
 * letter can straddle two runs.
 */
#ifndef THIDUA_PARA_H
#define THIDUA_PARA_H
#include <stddef.h>

#include "util.h"
#include "vn_norm.h"

struct para {
	struct buf text;   /* finished UTF-8 */
	struct buf legacy; /* pending text of a legacy-font run */
	int cs, upper;     /* that run's charset (enum vn_charset) and case */
	int used;          /* the first legacy charset repaired, 0 if none */
	/* repair mojibake in runs without a legacy font, for formats without font information
	 * (web pages): PARA_DETECT_ALL tries every legacy charset (vn_enc_repair with
	 * VN_CS_UNKNOWN), PARA_DETECT_UTF8 only undoes UTF-8 that was read as cp1252 */
	int detect;
	int force_cs; /* instead: repair those runs with this charset (the page's, once known) */
	int tried;    /* out: detection ran on non-ASCII text (and found `used` or nothing) */
};

#define PARA_INIT                                                                                  \
	{                                                                                          \
		BUF_INIT, BUF_INIT, 0, 0, 0, 0, 0, 0                                               \
	}

enum { PARA_DETECT_NONE, PARA_DETECT_ALL, PARA_DETECT_UTF8 };

/* Append run text; font is the run's font name (NULL: unknown). A font data/fonts.tsv
 * knows as legacy (.VnTime, VNI-Times) has its text repaired with that charset. */
void para_add(struct para *p, const char *s, size_t n, const char *font);
void para_adds(struct para *p, const char *s);
/* Whether nothing but white space has been added. */
int para_blank(const struct para *p);
/*
 * The paragraph as NFC UTF-8 with runs of spaces/tabs at both ends removed; NULL when it
 * is blank. Resets p for the next paragraph.
 */
char *para_take(struct para *p, struct vn_norm *nm);
void para_free(struct para *p);

/*
 * Append marker (ASCII digits or lower-case roman numerals) in Unicode superscript
 * characters: "12" -> "¹²", "iv" -> "ⁱᵛ"; other characters are copied as they are.
 */
void para_superscript(struct buf *out, const char *marker);

#endif
