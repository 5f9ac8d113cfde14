/*
 * legacy: writing text in the 8-bit encodings of the 1990s–2000s, TCVN3 (ABC) and
 * VNI-Windows. The byte tables are branch enc's code page files (data/codepages/, decoding tables);
 * this module inverts them rather than keeping a second copy. What a table leaves out
 * falls back the way typists' text did: most TCVN3 capitals with a tone have no code, so
 * they are written as their lower-case byte (the .VnTimeH font drew them upper case; text loses
 * the case), and punctuation takes its Windows-1252 byte (“ ” – …).
 */
#ifndef GEN_LEGACY_H
#define GEN_LEGACY_H
#include "util.h"
#include "vn_enc.h"

int legacy_init(struct err *e);
/* Encode NFC UTF-8 in cs (VN_CS_TCVN3 or VN_CS_VNI); -1 naming the first character that
 * has no encoding. */
int legacy_encode(enum vn_charset cs, const char *utf8, size_t n, struct buf *out, struct err *e);
/* Each byte as the Windows-1252 character Word shows for it (C1 controls for the five
 * bytes cp1252 leaves undefined), in UTF-8: how legacy-font text sits in a .docx. */
void legacy_bytes_as_cp1252(const char *bytes, size_t n, struct buf *out);

#endif
