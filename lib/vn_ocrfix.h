/*
 * vn_ocrfix: Vietnamese-aware repair of OCR output (docs/ocr.md).
 *
 * Syllables: Tesseract often gets one diacritic wrong (QUYÉT for QUYẾT, bồ for bổ). A word
 * is changed only when it is not a valid Vietnamese syllable (vn_syll), or is valid but
 * never seen in the frequency table, and exactly one frequent syllable lies one diacritic
 * away (another tone, or another vowel shape: a/ă/â, e/ê, o/ô/ơ, u/ư, d/đ). The table,
 * data/ocr_syllables.tsv, counts syllables of real text (tools/ocr_freq.sh says which).
 * Case is kept (QUYÉT -> QUYẾT, Bồ -> Bổ).
 *
 * Case: capitals read inside a word (hiỆN) or a lone word in capitals in a sentence (của
 * BỘ tài; các SỞ, when its letters have the shape of small ones) go back to small letters
 * after the first; a lone Ở between two words in small letters, to a small letter.
 *
 * Context: a known word yields to a candidate the next word calls for, that it was never
 * seen before (để tài -> đề tài).
 *
 * Glued words, on a page with a table (a row's column gap kept as spaces): a word that is
 * no syllable anyone wrote is split into frequent syllables, the fewest, then the pairs
 * most often seen side by side (Sảnphẩmnhựa -> Sản phẩm nhựa); a piece seen once or twice
 * only when it has three letters or more and starts with a consonant.
 *
 * Glued at a change of case, on such a page: abbreviations come apart from the words
 * around them (CụcATBX -> Cục ATBX, TTTinhọc -> TT Tin học).
 *
 * Letters read twice (gỗỖ, sỹÿ, ĐÐ) are read once; Ð (eth) is Đ.
 *
 * Marks: one or two underscores at a word's edge (20_), a line broken after a hyphen
 * inside a word (B1-2-|TMĐT), a comma glued to two letters on a table page (án,mã), and
 * a full stop glued after a short abbreviation there (Tr.USD); an item number's comma at a
 * line's start (5, Tên -> 5. Tên).
 *
 * Roman numbers opening a line, read with H for II, when they continue the count of the
 * lines above (I … H -> II, II … IH -> III).
 *
 * Numbers: a space OCR put inside a date is removed when the two pieces join into a
 * valid day/month/year and neither is one alone (22/1 1/2019 -> 22/11/2019).
 */
#ifndef THIDUA_VN_OCRFIX_H
#define THIDUA_VN_OCRFIX_H
#include <stddef.h>

/* The repaired text (malloc'd, NFC UTF-8); *repairs (may be NULL) counts the changes.
 * Invalid UTF-8 is replaced by U+FFFD. */
char *vn_ocrfix(const char *raw, int *repairs);
/* The steps alone (fuzzing, tests): same contract, but split expects valid UTF-8 (what
 * the syllable step gives) and letters and marks return other input unchanged. */
char *vn_ocrfix_syllables(const char *text, int *repairs);
char *vn_ocrfix_letters(const char *text, int *repairs);
char *vn_ocrfix_split(const char *text, int *repairs);
char *vn_ocrfix_numbers(const char *text, int *repairs);
char *vn_ocrfix_marks(const char *text, int *repairs);
char *vn_ocrfix_roman(const char *text, int *repairs);

#endif
