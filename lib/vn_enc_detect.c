/*
 * vn_enc detection: which decoding of some bytes (or which repair of some text) reads most
 * like Vietnamese. Each candidate is decoded and scored on its words:
 *
 *   + words with a non-ASCII letter that are valid syllables (vn_syll: onset + rhyme + tone)
 *   + hits on the seed report's frequent words (data/frequent_words.txt)
 *   - words with a non-ASCII letter that are not syllables
 *   - characters no Vietnamese text has (symbols such as © µ ¸ §, C1 controls, U+FFFD)
 *
 * The frequent-word list comes from the seed report only, never from the legacy transcripts
 * the decoders are measured against.
 */
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "vn_enc.h"
#include "vn_enc_impl.h"
#include "vn_lex.h"
#include "vn_norm.h"
#include "vn_syll.h"

/* Detection looks at this much of a file: plenty for a verdict, bounded for huge files. */
#define SAMPLE (256 * 1024)
/* All candidates read this much of it; the rest only those not far behind the best, when
 * the best has judged at least PROBE_JUDGED words (vn_enc_detect). */
#define PROBE        (8 * 1024)
#define PROBE_JUDGED 64

static GHashTable *freq;
static pthread_once_t freq_once = PTHREAD_ONCE_INIT;

static void load_freq(void)
{
	const struct vn_table *t = vn_lex_table("frequent_words.txt");
	size_t i;

	freq = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; t && i < t->nrows; i++)
		g_hash_table_add(freq, t->rows[i].fields[0]);
}

struct score {
	double words, valid, invalid, freq, junk;
};

static int junk_char(UChar32 c)
{
	if (c < 0x80)
		return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
	if (c == 0xFFFD || (c >= 0x80 && c <= 0x9F) || (c >= 0xF000 && c <= 0xF8FF))
		return 1;
	switch (u_charType(c)) {
	case U_MATH_SYMBOL:
	case U_CURRENCY_SYMBOL:
	case U_MODIFIER_SYMBOL:
	case U_OTHER_SYMBOL:
	case U_MODIFIER_LETTER:
	case U_CONTROL_CHAR:
	case U_PRIVATE_USE_CHAR:
	case U_UNASSIGNED:
		return 1;
	default:
		return 0;
	}
}

/*
 * memo: the word as decoded (UTF-8) -> 1 + (frequent word: 1) + (valid syllable: 2). A
 * candidate's decoding repeats its words, and every candidate decodes the ASCII ones the
 * same: asked once, a word skips lower-casing, normalization and the syllable check.
 */
#define MEMO_FREQ  1
#define MEMO_VALID 2
static void score_word(const UChar *w, int32_t n, int nonascii, struct score *s, GHashTable *memo)
{
	UChar low[64], norm[64];
	char raw[200], u8[192];
	int32_t nl, nn, n8, nr;
	UErrorCode st = U_ZERO_ERROR;
	int code;
	gpointer v;

	s->words++;
	if (n > 24) {
		if (nonascii)
			s->invalid++;
		return;
	}
	u_strToUTF8(raw, sizeof(raw), &nr, w, n, &st);
	if (U_FAILURE(st))
		return;
	v = g_hash_table_lookup(memo, raw);
	if (v) {
		code = GPOINTER_TO_INT(v) - 1;
	} else {
		nl = u_strToLower(low, 64, w, n, "vi", &st);
		nn = unorm2_normalize(unorm2_getNFCInstance(&st), low, nl, norm, 64, &st);
		u_strToUTF8(u8, sizeof(u8), &n8, norm, nn, &st);
		if (U_FAILURE(st))
			return;
		code = g_hash_table_contains(freq, u8) ? MEMO_FREQ : 0;
		if (nonascii && vn_syll_valid(u8, (size_t)n8))
			code |= MEMO_VALID;
		if (g_hash_table_size(memo) < 100000)
			g_hash_table_insert(memo, g_strdup(raw), GINT_TO_POINTER(code + 1));
	}
	if (code & MEMO_FREQ)
		s->freq++;
	if (!nonascii)
		return;
	if (code & MEMO_VALID)
		s->valid++;
	else
		s->invalid++;
}

/* Adds the words of u to s (zero s first for a new text). */
static void score_add(const UChar *u, size_t n, struct score *s, GHashTable *memo)
{
	size_t i = 0;

	pthread_once(&freq_once, load_freq);
	while (i < n) {
		size_t start = i;
		int nonascii = 0;
		UChar32 c;

		U16_NEXT(u, i, n, c);
		if (!(u_isalpha(c) || (u_getCombiningClass(c) && i > 1))) {
			s->junk += junk_char(c);
			continue;
		}
		for (;;) {
			size_t before = i;
			nonascii |= c >= 0x80;
			if (i >= n)
				break;
			U16_NEXT(u, i, n, c);
			if (!(u_isalpha(c) || u_getCombiningClass(c))) {
				i = before;
				break;
			}
		}
		/* a lone letter glued to punctuation ("“*Tập …*”" read as VN1's "Ỏ*Tập …*Õ") is a
		 * code page's reading of a symbol, not the one-letter word ("Ở", "ồ") it spells */
		if (i - start == 1 && nonascii &&
		    ((start > 0 && !u_isspace(u[start - 1])) || (i < n && !u_isspace(u[i])))) {
			s->words++;
			s->invalid++;
			continue;
		}
		score_word(u + start, (int32_t)(i - start), nonascii, s, memo);
	}
}

static void score_text(const UChar *u, size_t n, struct score *s, GHashTable *memo)
{
	memset(s, 0, sizeof(*s));
	score_add(u, n, s, memo);
}

static double quality(const struct score *s)
{
	return s->valid + 0.5 * s->freq - s->invalid - s->junk;
}

static const enum vn_charset candidates[] = {
    VN_CS_TCVN3, VN_CS_VNI, VN_CS_VISCII, VN_CS_CP1258, VN_CS_VPS, VN_CS_TCVN5712, VN_CS_CP1252,
};
#define NCAND (sizeof(candidates) / sizeof(candidates[0]))

/* UTF-8 read as cp1252 (and saved again): the characters' bytes, if they are UTF-8. */
static int undo_double_utf8(const char *s, size_t n, struct buf *out)
{
	int32_t i = 0, len = (int32_t)n;
	size_t start = out->n;
	int changed = 0;

	while (i < len) {
		UChar32 c;
		int b;
		U8_NEXT(s, i, len, c);
		b = vn_enc_byte_of(c);
		if (b < 0)
			goto fail;
		changed |= c >= 0x80;
		buf_addc(out, (char)b);
	}
	if (changed && vn_utf8_check(out->p + start, out->n - start) == out->n - start)
		return 0;
fail:
	out->n = start;
	if (out->p)
		out->p[start] = 0;
	return -1;
}

/*
 * Text that is mostly well-formed multi-byte UTF-8 with a few bad bytes claims to be UTF-8:
 * legacy 8-bit Vietnamese almost never forms a valid sequence.
 */
static int mostly_utf8(const char *s, size_t n)
{
	size_t multi = 0, bad = 0;
	int32_t i = 0, len = (int32_t)n;

	while (i < len) {
		int32_t before = i;
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			bad++;
		else if (i - before > 1)
			multi++;
	}
	return multi >= 2 && multi >= bad;
}

enum vn_charset vn_enc_detect(const char *bytes, size_t n, double *confidence)
{
	struct score sc[NCAND];
	double best = -1e300;
	size_t i, best_i = 0, m = n < SAMPLE ? n : SAMPLE, head;
	int pass;
	GHashTable *memo;

	if (confidence)
		*confidence = 0;
	if (n == 0)
		return VN_CS_UNKNOWN;
	/* a sample cut inside a UTF-8 sequence is still UTF-8 up to the cut */
	{
		size_t ok = vn_utf8_check(bytes, m);
		if (ok == m || (m < n && ok + 4 > m) || mostly_utf8(bytes, m)) {
			if (confidence)
				*confidence = 1;
			return VN_CS_UTF8;
		}
	}
	memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* Every candidate reads the first PROBE bytes. A wrong code page turns most accented
	 * words into non-syllables, so after that the candidates far behind the best cannot
	 * catch up in a text of one encoding, and only the others read the rest. Scores add
	 * up word by word, so the survivors' totals are what reading the whole sample at once
	 * gives; this only saves decoding and scoring it five or six more times. */
	head = m;
	if (m > 2 * PROBE) {
		head = PROBE;
		while (head < m && bytes[head] != ' ' && bytes[head] != '\n')
			head++;
	}
	for (pass = 0; pass < 2; pass++) {
		const char *from = pass == 0 ? bytes : bytes + head;
		size_t len = pass == 0 ? head : m - head;
		double lead = 0;
		if (len == 0)
			break;
		if (pass == 1) {
			/* judged words of the best so far: the gap a survivor may lag by */
			const struct score *b = &sc[best_i];
			double judged = b->valid + b->invalid + b->junk;
			lead = judged >= PROBE_JUDGED ? judged / 2 : 1e300;
		}
		for (i = 0; i < NCAND; i++) {
			struct vn_ubuf u = {NULL, 0, 0};
			if (pass == 0)
				memset(&sc[i], 0, sizeof(sc[i]));
			else if (quality(&sc[i]) < best - lead)
				continue;
			vn_enc_decode_u(candidates[i], (const unsigned char *)from, len, &u);
			score_add(u.p, u.n, &sc[i], memo);
			free(u.p);
		}
		best = -1e300;
		for (i = 0; i < NCAND; i++) {
			double q = quality(&sc[i]);
			if (q > best) {
				best = q;
				best_i = i;
			}
		}
	}
	g_hash_table_destroy(memo);
	if (confidence) {
		const struct score *s = &sc[best_i];
		double judged = s->valid + s->invalid + s->junk;
		*confidence = judged > 0 ? s->valid / judged : 0;
	}
	return candidates[best_i];
}

/* Score of UTF-8 text as it stands. */
static double quality_utf8(const char *s, size_t n, struct score *sc, GHashTable *memo)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t nu = 0;
	UChar *u;

	u_strFromUTF8WithSub(NULL, 0, &nu, s, (int32_t)n, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	u = xmalloc(((size_t)nu + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u, nu + 1, &nu, s, (int32_t)n, 0xFFFD, NULL, &st);
	score_text(u, (size_t)nu, sc, memo);
	free(u);
	return quality(sc);
}

/*
 * Whether the text shows a sign of mojibake: a Latin-1 character that is neither a
 * Vietnamese letter nor common punctuation (TCVN3 "µ ¸ § ®", VNI "ä ø ñ ö", CP1258 "ð Þ",
 * UTF-8 read as cp1252 "Ã Ä Æ"), a C1 control or a symbol-font code point. Clean Vietnamese
 * (and most other) text has none, and is then left alone without scoring candidates.
 */
/* Latin-1 letters that Vietnamese itself uses (à, á, â, ã, è, é, ê, ì, í, ò …): no cue. */
static unsigned char viet_latin1[0x80];
static pthread_once_t viet_latin1_once = PTHREAD_ONCE_INIT;

static void viet_latin1_init(void)
{
	static const char letters[] = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
	                              "\u00A0«»°±£×÷²³¹¼½¾"; /* typography, not mojibake */
	int32_t i = 0, len = (int32_t)strlen(letters);

	while (i < len) {
		UChar32 c;
		U8_NEXT(letters, i, len, c);
		if (c >= 0x80 && c <= 0xFF)
			viet_latin1[c - 0x80] = 1;
	}
}

int vn_enc_mojibake_cue(int32_t c)
{
	if (c < 0x80)
		return 0;
	if (c <= 0x9F || (c >= 0xF020 && c <= 0xF0FF))
		return 1;
	pthread_once(&viet_latin1_once, viet_latin1_init);
	return c <= 0xFF && !viet_latin1[c - 0x80];
}

static int has_mojibake_cue(const char *s, size_t n)
{
	int32_t i = 0, len = (int32_t)n;

	while (i < len) {
		UChar32 c;
		if ((signed char)s[i] >= 0) {
			i++;
			continue;
		}
		U8_NEXT(s, i, len, c);
		if (vn_enc_mojibake_cue(c))
			return 1;
	}
	return 0;
}

enum vn_charset vn_enc_repair(enum vn_charset cs, const char *utf8, size_t n, int upper,
                              struct buf *out)
{
	struct buf cand = BUF_INIT;
	struct score sc;
	double best;
	enum vn_charset best_cs = VN_CS_UTF8;
	size_t i, m = n < SAMPLE ? n : SAMPLE;
	GHashTable *memo;

	if (cs == VN_CS_CP1252) {
		buf_add(out, utf8, n);
		return VN_CS_CP1252;
	}
	if (cs != VN_CS_UNKNOWN && cs != VN_CS_UTF8 && cs != VN_CS_UTF8_CP1252) {
		vn_enc_repair_as(cs, utf8, n, upper, out);
		return cs;
	}
	if (cs == VN_CS_UTF8_CP1252 || cs == VN_CS_UTF8) {
		if (cs == VN_CS_UTF8_CP1252 && undo_double_utf8(utf8, n, out) == 0)
			return VN_CS_UTF8_CP1252;
		buf_add(out, utf8, n);
		return VN_CS_UTF8;
	}
	if (!has_mojibake_cue(utf8, n < SAMPLE ? n : SAMPLE)) {
		buf_add(out, utf8, n);
		return VN_CS_UTF8;
	}
	/* candidates are judged on a sample: the original, UTF-8 undone, each legacy table */
	while (m < n && (utf8[m] & 0xC0) == 0x80)
		m++;
	memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	best = quality_utf8(utf8, m, &sc, memo);
	if (undo_double_utf8(utf8, m, &cand) == 0) {
		double q = quality_utf8(cand.p, cand.n, &sc, memo);
		if (q > best) {
			best = q;
			best_cs = VN_CS_UTF8_CP1252;
		}
	}
	for (i = 0; i + 1 < NCAND; i++) {
		double q;
		buf_reset(&cand);
		vn_enc_repair_as(candidates[i], utf8, m, 0, &cand);
		q = quality_utf8(cand.p, cand.n, &sc, memo);
		if (q > best) {
			best = q;
			best_cs = candidates[i];
		}
	}
	buf_free(&cand);
	g_hash_table_destroy(memo);
	if (best_cs == VN_CS_UTF8_CP1252) {
		if (undo_double_utf8(utf8, n, out) == 0)
			return VN_CS_UTF8_CP1252;
		best_cs = VN_CS_UTF8;
	}
	if (best_cs == VN_CS_UTF8) {
		buf_add(out, utf8, n);
		return VN_CS_UTF8;
	}
	vn_enc_repair_as(best_cs, utf8, n, upper, out);
	return best_cs;
}
