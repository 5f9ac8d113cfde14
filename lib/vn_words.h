/*
 * vn_words: a text as the sequence of its words, each with its canonical and folded form
 * (vn_norm) and its span, and lexicons of phrases matched against such sequences.
 *
 * Fact extraction reads a passage word by word: "Cục THADS tỉnh" and "cục thi hành án dân
 * sự tỉnh" are phrases of a lexicon, matched on folded forms (accents, case, tone placement
 * and i/y ignored) or on canonical forms (case and spelling variants ignored, accents kept:
 * "tặng" must not match "tăng"). Spans are kept in bytes and in characters (code points),
 * the unit SQL's substr() counts in.
 */
#ifndef THIDUA_VN_WORDS_H
#define THIDUA_VN_WORDS_H
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "vn_norm.h"

struct vn_wtok {
	size_t a, b;       /* byte span in the text */
	size_t ca, cb;     /* the same span in characters */
	const char *canon; /* NUL-terminated */
	const char *fold;
	uint64_t hcanon, hfold; /* vn_words_hash of canon and fold: what lexicons compare */
	unsigned flags;         /* VN_WORD_* */
	int upper_first;        /* the original starts with an upper-case letter */
};

struct vn_words {
	const char *text; /* not owned */
	size_t ntext;
	struct vn_wtok *t;
	size_t n, cap;
	struct buf arena;
};

/* Tokenize and normalize s[0..n); s must outlive w. */
void vn_words_build(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n);
/* The same words, built word by word without the memo of chunks (tests compare). */
void vn_words_build_direct(struct vn_words *w, struct vn_norm *nm, const char *s, size_t n);
void vn_words_free(struct vn_words *w);

/* The text between word i-1 and word i (before the first word for i == 0, after the last
 * for i == n): punctuation and spaces. */
const char *vn_words_gap(const struct vn_words *w, size_t i, size_t *len);
/* Whether the gap before word i contains the byte c (or the UTF-8 string c). */
int vn_words_gap_has(const struct vn_words *w, size_t i, const char *c);
/* Whether the gap before word i is only spaces. */
int vn_words_gap_blank(const struct vn_words *w, size_t i);
/* Whether word i's canonical form is s. */
int vn_words_is(const struct vn_words *w, size_t i, const char *s);
/* Character offset of byte offset off in the text. */
size_t vn_words_char_at(const struct vn_words *w, size_t off);
/* The hash of a word form (64-bit FNV-1a, never 0), as stored in vn_wtok. */
uint64_t vn_words_hash(const char *s, size_t n);

enum { VN_MATCH_CANON = 0, VN_MATCH_FOLD = 1 };

/* A set of phrases, each with a caller's id and a match mode, looked up by first word. */
struct vn_lexicon;

struct vn_lexicon *vn_lexicon_new(void);
void vn_lexicon_free(struct vn_lexicon *lx);
/* Add phrase s (tokenized with nm); returns 0, or -1 when s has no words. */
int vn_lexicon_add(struct vn_lexicon *lx, struct vn_norm *nm, const char *s, int id, int mode);
/*
 * The longest phrase matching words at..; returns its id and sets *len (words), or -1.
 * Phrases must not span a gap holding a sentence or clause break (. ; : ( ) “ ”) unless
 * the phrase itself was written with that punctuation.
 */
int vn_lexicon_longest(const struct vn_lexicon *lx, const struct vn_words *w, size_t at,
                       size_t *len);
/*
 * Every phrase matching at.., longest first: ids[k], lens[k] for k < the count returned
 * (at most max). For callers that must try a shorter reading when the longest one does
 * not fit the context.
 */
size_t vn_lexicon_all(const struct vn_lexicon *lx, const struct vn_words *w, size_t at, int *ids,
                      size_t *lens, size_t max);
/* Whether some phrase starts with word at (one probe: a quick test before a lookup). */
int vn_lexicon_starts(const struct vn_lexicon *lx, const struct vn_words *w, size_t at);

#endif
