/*
 * out: the formats a report is written in. Plain text goes through render.h (UTF-8, NFD,
 * or a legacy code page); RTF and DOCX are written from the model with real footnotes.
 */
#ifndef GEN_OUT_H
#define GEN_OUT_H
#include "gen.h"

enum fmt { F_TXT, F_TCVN3, F_VNI, F_RTF, F_DOCX, F_DOCX_TCVN3, F_NFORMATS };

extern const char *const fmt_names[F_NFORMATS];
extern const char *const fmt_ext[F_NFORMATS];
int fmt_parse(const char *name);

int write_rtf(struct ctx *c, struct buf *out, struct err *e);
/* legacy: text in TCVN3 under .VnTime fonts, as cp1252 characters (what Word stores). */
int write_docx(struct ctx *c, int legacy, struct buf *out, struct err *e);

/* Whether the text has letters and none of them is lower case. */
int is_all_upper(const char *s, size_t n);
/* NFD of UTF-8 text, appended to out. */
void utf8_nfd(const char *s, size_t n, struct buf *out);

#endif
