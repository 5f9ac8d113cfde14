/*
 * office: font-aware decoding shared by the Word, Excel and PowerPoint 97–2003 readers.
 *
 * Those formats store text as Unicode (or as 8-bit code units that stand for it), but a
 * run typed in a legacy Vietnamese font such as .VnTime or VNI-Times holds that font's
 * bytes spelled as cp1252 characters ("Céng hoµ x· héi"). A reader feeds each run with the
 * font it is set in; runs in legacy fonts are decoded through vn_enc with the code page the
 * font implies (upper-cased for .VnTimeH-style fonts). Text in other fonts is usually right
 * as it is, but legacy text typed into a cell or paragraph whose font is Arial shows as
 * mojibake to the reader too; each stretch of such text is handed to vn_enc_repair to
 * detect, which leaves it alone unless a legacy decoding reads clearly better. The reader
 * decides where blocks end and takes the text of each.
 */
#ifndef THIDUA_OFFICE_H
#define THIDUA_OFFICE_H
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "vn_enc.h"
#include "vn_norm.h"

/* What a font name means for decoding (from vn_enc_font and data/fonts.tsv). */
struct office_font {
	enum vn_charset cs; /* VN_CS_UNKNOWN: not a legacy font, text kept */
	int upper;          /* an upper-case-only font (.VnTimeH): upper-case after decoding */
	int symbol;         /* a symbol font (Symbol, Wingdings): pictures, never letters */
};

/* The Windows charset number of symbol fonts (SYMBOL_CHARSET), as Office files record it. */
#define OFFICE_SYMBOL_CHARSET 2

/* Look up a font by its UTF-8 name; NULL or "" give a non-legacy font. */
struct office_font office_font_named(const char *name);

/* Same for a UTF-16LE name of at most n code units, stopping at the first NUL. */
struct office_font office_font_utf16(const unsigned char *le, size_t n);

#define OFFICE_NCS (VN_CS_CP1258 + 1)

/* The text of the block being built, and what was decoded so far in the whole file. */
struct office_text {
	struct buf block;          /* UTF-8, not yet NFC */
	struct buf plain;          /* text in other fonts since the last legacy run */
	struct buf u8;             /* scratch */
	size_t nchars[OFFICE_NCS]; /* characters read per charset (VN_CS_UNKNOWN: kept) */
	int typed_case;            /* --typed-case: upper-case fonts are not upper-cased */
};

/*
 * Append a run of UTF-16 code units set in font f. caps: the run is formatted as all
 * capitals (Word's "All caps"), so it displays upper case whatever its code page. Text in
 * a symbol font (bullets stored as U+F0B7) is kept as it is: no code page reads it.
 */
void office_add_utf16(struct office_text *t, const uint16_t *u, size_t n, struct office_font f,
                      int caps);

/* Append UTF-8 that is final as it is (numbers formatted by a reader). */
void office_add_utf8(struct office_text *t, const char *s, size_t n);

/* Whether the current block holds anything but white space. */
int office_has_text(const struct office_text *t);

/* The current block as NFC UTF-8 (caller frees), or NULL when it is blank; then start over. */
char *office_take(struct office_text *t, struct vn_norm *nm);

/*
 * The encoding to record for the document: the legacy charset that decoded most text
 * ("tcvn3", "vni"; "tcvn3+vni" when a second one decoded at least 5% of it), or "unicode"
 * when no text was in a legacy font.
 */
const char *office_encoding(const struct office_text *t);

void office_text_free(struct office_text *t);

#endif
