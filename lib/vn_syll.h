/*
 * vn_syll: whether a word is one well-formed Vietnamese syllable — an onset from the
 * inventory, a rhyme from the inventory, at most one tone, and a tone the rhyme allows
 * (rhymes closed by c, ch, p, t take only sắc or nặng). The inventory is data/syllables.txt.
 *
 * Used to tell words from abbreviations (so THADS expands but "ca" does not), and later to
 * score candidate decodings of legacy text and to repair OCR output.
 */
#ifndef THIDUA_VN_SYLL_H
#define THIDUA_VN_SYLL_H
#include <stddef.h>

/* 1 if the lower-case word s[0..n) (NFC or NFD, any tone placement) is a syllable. */
int vn_syll_valid(const char *s, size_t n);

/*
 * 1 if the folded word s[0..n) (no diacritics, lower case, đ written d) could be a syllable
 * typed without its diacritics: "ca" (cá, ca…) and "cat" (cát) could, "thads" and "vksnd"
 * could not.
 */
int vn_syll_plausible(const char *s, size_t n);

#endif
