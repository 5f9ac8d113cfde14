/*
 * vn_norm: how thidua reads one Vietnamese word, the same way when indexing and when
 * querying. The rules, with examples, are in docs/normalization.md; in short, a token gets
 *
 *   canonical form  NFC, full case fold (ICU), tone mark on the main vowel for a syllable
 *                   that ends in oa / oe / uy (hòa -> hoà, thủy -> thuỷ, khỏe -> khoẻ),
 *                   i for y after a consonant onset when y is the whole rhyme
 *                   (sỹ -> sĩ, kỹ -> kĩ, lý -> lí, quý -> quí, hy -> hi), ð -> đ;
 *   folded form     the canonical form with every diacritic removed and đ -> d;
 *   number form     digits only for grouped integers (1.419 = 1,419 = 1419, 01 = 1),
 *                   a decimal comma kept (146,8 = 146.8 -> "146,8").
 *
 * Input may be NFC, NFD or a mix; the result is identical. Unicode work (decoding, NFC/NFD,
 * case folding) is ICU's; this module only adds the Vietnamese orthography rules.
 *
 * A `struct vn_norm` holds ICU handles and a cache of recently seen raw tokens: Vietnamese
 * has a few thousand syllables, so nearly every token is a cache hit and ICU is called once
 * per distinct spelling. It is not thread-safe; give each thread its own.
 */
#ifndef THIDUA_VN_NORM_H
#define THIDUA_VN_NORM_H
#include <stddef.h>

#include "util.h"

struct vn_norm;

enum {
	VN_WORD_NUMBER = 1,   /* the token is a number (digits and separators) */
	VN_WORD_ACCENTED = 2, /* folded differs from canonical: the word carries diacritics */
	VN_WORD_UPPER = 4,    /* every letter of the original was upper case (e.g. THADS) */
};

struct vn_word {
	const char *canon; /* canonical form, UTF-8, not NUL-terminated */
	size_t ncanon;
	const char *fold; /* folded form; equals canon when not VN_WORD_ACCENTED */
	size_t nfold;
	unsigned flags;
};

struct vn_norm *vn_norm_new(struct err *e);
void vn_norm_free(struct vn_norm *nm);

/*
 * Normalize the token s[0..n) (a span found by vn_tok_next). The strings in *w stay valid
 * until the next call on the same normalizer. Returns 0, or -1 if the token normalizes to
 * nothing (only marks, say), in which case it should be skipped.
 */
int vn_norm_word(struct vn_norm *nm, const char *s, size_t n, struct vn_word *w);

/* Memos that live as long as the normalizer, for results derived from normalized words:
 * vn_tok keeps the tokens of chunks of text in one, vn_words their words in the other.
 * Created on first use. */
enum vn_norm_memo_kind { VN_MEMO_TOKS, VN_MEMO_WORDS, VN_MEMO_KINDS };
struct vn_memo *vn_norm_memo(struct vn_norm *nm, enum vn_norm_memo_kind kind);

/* Cache statistics, for the benchmark. */
void vn_norm_stats(const struct vn_norm *nm, unsigned long *hits, unsigned long *misses);

/*
 * Append the NFC form of UTF-8 text to out. Invalid UTF-8 sequences become U+FFFD; the
 * count of such replacements is returned in *bad (may be NULL).
 */
void vn_norm_nfc(struct vn_norm *nm, const char *s, size_t n, struct buf *out, size_t *bad);

/* Offset of the first invalid UTF-8 sequence in s, or n when s is valid UTF-8. */
size_t vn_utf8_check(const char *s, size_t n);
/*
 * vn_utf8_check and two more answers in the same pass, for a text reader's usual case:
 * *plain is 1 when the text is surely NFC (vn_norm_nfc would copy it unchanged) and shows
 * no legacy-encoding cue (vn_enc_mojibake_cue: vn_enc_repair would copy it unchanged too).
 * Reading a clean UTF-8 file then takes one pass instead of three.
 */
size_t vn_utf8_scan(const char *s, size_t n, int *plain);

#endif
