/*
 * vn_enc: legacy Vietnamese encodings — decoding, detection and repair.
 *
 * Reports from 1995–2010 were typed in 8-bit font encodings: TCVN3 (ABC; fonts .VnTime,
 * .VnArial, upper-case fonts .VnTimeH, .VnArialH), VNI-Windows (VNI-Times, VNI-Helve…),
 * VISCII, VPS, and Windows-1258. The byte tables are data files (data/codepages/), each
 * checked in a unit test against an independent reference where one exists (glibc iconv:
 * TCVN5712-1, VISCII, CP1258; ICU: windows-1258). ../shared/domain.md §7 has the tables,
 * signatures and detection cues.
 *
 * Three situations, three entry points:
 *   - raw bytes of unknown encoding (a .txt file): vn_enc_detect() then vn_enc_decode();
 *   - bytes whose font says the encoding (an RTF or Word run in .VnTime): vn_enc_font()
 *     then vn_enc_decode();
 *   - text that is already Unicode but spells legacy bytes as cp1252 characters (Word's
 *     8-bit pieces, PDF text layers, copy-paste: "Céng hoµ x· héi"), or UTF-8 read as
 *     cp1252 ("Cá»™ng"): vn_enc_repair().
 *
 * All output is UTF-8 in NFC, appended to a struct buf.
 */
#ifndef THIDUA_VN_ENC_H
#define THIDUA_VN_ENC_H
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum vn_charset {
	VN_CS_UNKNOWN = 0,
	VN_CS_UTF8,
	VN_CS_CP1252, /* Western: no Vietnamese decoding needed */
	VN_CS_TCVN3,
	VN_CS_VNI,
	VN_CS_VISCII,
	VN_CS_VPS,
	VN_CS_CP1258,
	VN_CS_TCVN5712, /* TCVN 5712:1993 VN1: TCVN3 plus upper-case letters in C0 and 0x80-0x9F */
	VN_CS_UTF8_CP1252, /* repair only: UTF-8 that was read as cp1252 and saved again */
};

/* "tcvn3", "vni", "viscii", "vps", "cp1258", "tcvn5712-1", "cp1252", "utf-8",
 * "utf-8-as-cp1252", "unknown": the names stored in documents.encoding. */
const char *vn_enc_name(enum vn_charset cs);

/*
 * The charset a font name implies, from data/fonts.tsv (".VnTime" -> TCVN3,
 * ".VnTimeH" -> TCVN3 upper case, "VNI-Times" -> VNI, "VPS Times" -> VPS; anything else
 * VN_CS_UNKNOWN, i.e. the run is not legacy-encoded). *upper is set for the upper-case
 * font variants, whose text must be upper-cased after decoding.
 */
enum vn_charset vn_enc_font(const char *font, int *upper);

/*
 * Decode legacy bytes in charset cs (upper: upper-case the result) and append NFC UTF-8.
 * Bytes the table leaves out read as Windows-1252. TCVN3 text (not upper): lower-case
 * legacy letters in a word of two or more capitals become capitals ("THUÕ" -> THUẾ), as the
 * .VnTime fonts had no capital toned letters to type.
 */
void vn_enc_decode(enum vn_charset cs, const char *bytes, size_t n, int upper, struct buf *out);

/*
 * Guess the charset of raw bytes by scoring each candidate decoding: the share of words
 * that are valid Vietnamese syllables (vn_syll) and hits on frequent words. *confidence is
 * in [0, 1]. Valid UTF-8 with Vietnamese letters is VN_CS_UTF8.
 */
enum vn_charset vn_enc_detect(const char *bytes, size_t n, double *confidence);

/*
 * Repair Unicode text whose characters stand for legacy bytes. cs legacy (from vn_enc_font,
 * say): each character that spells a byte (vn_enc_byte_of) is decoded with cs, any other
 * character is kept as it is; this is the call for Word and PDF runs in legacy fonts.
 * cs = VN_CS_UNKNOWN: detect
 * (including UTF-8 read as cp1252) and leave the text as it is when no candidate beats it.
 * Returns the charset used (VN_CS_UTF8 when nothing was changed, VN_CS_UTF8_CP1252 when
 * UTF-8 read as cp1252 was undone). cs = VN_CS_UTF8_CP1252 undoes that when it can.
 */
enum vn_charset vn_enc_repair(enum vn_charset cs, const char *utf8, size_t n, int upper,
                              struct buf *out);

/* The charset called NAME (a vn_enc_name, or an alias such as "tcvn", "windows-1258");
 * VN_CS_UNKNOWN when there is none. For --encoding. */
enum vn_charset vn_enc_from_name(const char *name);
/* Whether code point c, found in UTF-8 text, is a sign that the text spells a legacy
 * encoding (what makes vn_enc_repair look closer): a Latin-1 character that is neither a
 * Vietnamese letter nor common typography, a C1 control, a symbol-font code point. */
int vn_enc_mojibake_cue(int32_t c);

/*
 * The legacy byte a Unicode character stands for when 8-bit text was read as Windows-1252:
 * its cp1252 byte, a C1 control U+0080-U+009F, or a symbol-font code point U+F020-U+F0FF
 * (minus 0xF000); -1 for any other character.
 */
int vn_enc_byte_of(int32_t c);

/* The normalised font name fonts.tsv patterns are matched against (subset prefix, style and
 * script suffixes dropped): "AARIQC+.VnTime,Bold" -> ".VnTime". */
void vn_enc_font_key(const char *font, char *key, size_t cap);

/* 1 when the code page tables were built in and parsed (a sanity check for tests). */
int vn_enc_tables_ok(void);

#endif
