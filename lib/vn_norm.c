/*
 * vn_norm.c — see vn_norm.h and docs/normalization.md for the rules.
 *
 * The slow path (a token not yet in the cache) goes: UTF-8 -> UTF-16 (ICU) -> full case
 * fold (ICU) -> NFD (ICU) -> split every letter into base, modifier marks (circumflex,
 * breve, horn) and its tone mark -> apply the orthography rules on that skeleton ->
 * recompose with NFC (ICU) -> UTF-8. Working on the NFD skeleton is what makes NFC, NFD
 * and mixed input give the same result, and keeps us clear of the NFD ordering trap
 * (dot below sorts before the circumflex: ậ = a U+0323 U+0302).
 */
#include "vn_norm.h"
#include "vn_enc.h"
#include "vn_memo.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Longest token we normalize; longer runs (base64 junk, say) are cut, not rejected. */
#define MAX_TOKEN 256

enum { MOD_CIRC = 1, MOD_BREVE = 2, MOD_HORN = 4 };
enum { TONE_NONE, TONE_ACUTE, TONE_GRAVE, TONE_HOOK, TONE_TILDE, TONE_DOT };

static const UChar tone_mark[] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};

struct letter {
	UChar32 base;
	unsigned char mods;
	unsigned char tone;
	unsigned char nother; /* marks that are not Vietnamese (kept, but no rules apply) */
	UChar other[3];
};

/* Cache of raw token -> result; open addressing, cleared when 3/4 full. Small enough to
 * stay in the L2 cache: a report uses a few thousand distinct syllables, and 65536 slots
 * made nearly every lookup a cache miss (measured with perf). */
#define CACHE_SLOTS 8192u
struct slot {
	unsigned hash;
	unsigned key; /* offset of the raw bytes in the arena; 0 = empty slot */
	unsigned short nkey, ncanon, nfold;
	unsigned short flags;
	unsigned canon, fold; /* offsets in the arena */
};

struct vn_norm {
	const UNormalizer2 *nfc, *nfd;
	struct slot *slots;
	unsigned used;
	struct buf arena;
	struct buf out; /* result of the last call when it bypassed the cache */
	unsigned long hits, misses;
	struct vn_memo *memo[VN_MEMO_KINDS];
};

struct vn_norm *vn_norm_new(struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	struct vn_norm *nm = xcalloc(1, sizeof(*nm));

	nm->nfc = unorm2_getNFCInstance(&st);
	if (U_SUCCESS(st))
		nm->nfd = unorm2_getNFDInstance(&st);
	if (U_FAILURE(st)) {
		free(nm);
		err_set(e, "ICU normalizer unavailable: %s", u_errorName(st));
		return NULL;
	}
	nm->slots = xcalloc(CACHE_SLOTS, sizeof(*nm->slots));
	buf_addc(&nm->arena, 0); /* offset 0 means "empty" */
	return nm;
}

void vn_norm_free(struct vn_norm *nm)
{
	if (!nm)
		return;
	free(nm->slots);
	buf_free(&nm->arena);
	buf_free(&nm->out);
	for (int k = 0; k < VN_MEMO_KINDS; k++)
		vn_memo_free(nm->memo[k]);
	free(nm);
}

struct vn_memo *vn_norm_memo(struct vn_norm *nm, enum vn_norm_memo_kind kind)
{
	if (!nm->memo[kind])
		nm->memo[kind] = vn_memo_new();
	return nm->memo[kind];
}

void vn_norm_stats(const struct vn_norm *nm, unsigned long *hits, unsigned long *misses)
{
	*hits = nm->hits;
	*misses = nm->misses;
}

/* ---------------------------------------------------------------- numbers */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A number token as vn_tok_next cuts it: digit runs joined by '.' or ','. A separator
 * followed by exactly three digits groups thousands (Vietnamese 1.419, English 1,419 and the
 * malformed 82,295.000 all read as grouping); the one other separator the scanner lets in
 * is a decimal mark (146,8 or 1.5), written back as ','.
 */
static void norm_number(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, start;
	int any = 0;

	buf_reset(out);
	/* integer part: skip leading zeros but keep one digit */
	while (i < n) {
		if (is_digit(s[i])) {
			if (s[i] != '0' || any)
				buf_addc(out, s[i]), any = 1;
			i++;
			continue;
		}
		start = i + 1;
		i = start;
		while (i < n && is_digit(s[i]))
			i++;
		if (i - start == 3)
			i = start; /* grouping: carry on with these digits */
		else {
			if (!any)
				buf_addc(out, '0');
			any = 1;
			buf_addc(out, ',');
			buf_add(out, s + start, i - start);
			break;
		}
	}
	if (!any)
		buf_addc(out, '0');
}

/* ---------------------------------------------------------------- words */

static int is_vowel(UChar32 c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int is_latin_base(UChar32 c)
{
	return (c >= 'a' && c <= 'z') || c == 0x0111; /* đ */
}

static int mark_tone(UChar32 m)
{
	switch (m) {
	case 0x0301:
		return TONE_ACUTE;
	case 0x0300:
		return TONE_GRAVE;
	case 0x0309:
		return TONE_HOOK;
	case 0x0303:
		return TONE_TILDE;
	case 0x0323:
		return TONE_DOT;
	}
	return TONE_NONE;
}

static int mark_mod(UChar32 m)
{
	switch (m) {
	case 0x0302:
		return MOD_CIRC;
	case 0x0306:
		return MOD_BREVE;
	case 0x031B:
		return MOD_HORN;
	}
	return 0;
}

/* Whether letter l is a bare Latin vowel c (no modifier marks). */
static int bare(const struct letter *l, UChar32 c)
{
	return l->base == c && l->mods == 0 && l->nother == 0;
}

/*
 * Onsets after which a lone y is the i/y spelling variant (sỹ/sĩ, lý/lí, kỹ/kĩ, mỹ/mĩ,
 * tỷ/tỉ, hy/hi, quý/quí). Domain table from ../shared/domain.md §6.6; small and tied to the
 * rule below, so it lives with the rule.
 */
static int iy_onset(const struct letter *L, int n)
{
	static const char *const onsets[] = {"b", "ch", "d", "h",  "k", "l", "m",  "n", "ph",
	                                     "r", "s",  "t", "th", "v", "x", "qu", NULL};
	int i, k;

	if (n == 1 && L[0].base == 0x0111 && L[0].nother == 0)
		return 1; /* đ */
	for (k = 0; onsets[k]; k++) {
		const char *o = onsets[k];
		if ((int)strlen(o) != n)
			continue;
		for (i = 0; i < n; i++)
			if (!bare(&L[i], (UChar32)(unsigned char)o[i]))
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * The orthography rules, on a word already split into letters. Only a word shaped like one
 * Vietnamese syllable is touched: Latin letters, Vietnamese marks on vowels, one vowel run.
 */
static void apply_rules(struct letter *L, int n)
{
	int i, onset, nuc_end, ntones = 0, tone_at = -1;

	for (i = 0; i < n; i++) {
		if (!is_latin_base(L[i].base) || L[i].nother)
			return;
		if ((L[i].mods || L[i].tone) && !is_vowel(L[i].base))
			return;
		if (L[i].tone) {
			ntones++;
			tone_at = i;
		}
	}
	if (ntones > 1)
		return;

	/* onset: leading consonants; "qu" and "gi" + vowel are consonants too */
	for (onset = 0; onset < n && !is_vowel(L[onset].base); onset++)
		;
	if (onset == 1 && L[0].base == 'q' && n > 1 && bare(&L[1], 'u') && n > 2 &&
	    is_vowel(L[2].base))
		onset = 2;
	else if (onset == 1 && L[0].base == 'g' && n > 2 && L[1].base == 'i' && L[1].mods == 0 &&
	         is_vowel(L[2].base))
		onset = 2;
	if (onset == n)
		return;
	for (nuc_end = onset; nuc_end < n && is_vowel(L[nuc_end].base); nuc_end++)
		;
	for (i = nuc_end; i < n; i++)
		if (is_vowel(L[i].base))
			return; /* a second vowel run: not one syllable */

	/* A tone typed on the u of qu or the i of gi belongs to the vowel after it (qúy). */
	if (tone_at >= 0 && tone_at < onset && onset == 2 && nuc_end - onset == 1) {
		L[onset].tone = L[tone_at].tone;
		L[tone_at].tone = TONE_NONE;
		tone_at = onset;
	}

	/* oa / oe / uy closing the syllable: the tone goes on the second vowel (hòa -> hoà). */
	if (nuc_end == n && nuc_end - onset == 2 && tone_at >= onset) {
		struct letter *a = &L[onset], *b = &L[onset + 1];
		if ((bare(a, 'o') && (bare(b, 'a') || bare(b, 'e'))) ||
		    (bare(a, 'u') && bare(b, 'y'))) {
			if (a->tone) {
				b->tone = a->tone;
				a->tone = TONE_NONE;
			}
		}
	}

	/* y as the whole rhyme after a consonant onset is spelled i (sỹ -> sĩ). */
	if (onset > 0 && nuc_end == n && nuc_end - onset == 1 && L[onset].base == 'y' &&
	    L[onset].mods == 0 && iy_onset(L, onset))
		L[onset].base = 'i';
}

static void to_utf8(const UChar *u, int32_t n, struct buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;

	buf_reset(out);
	u_strToUTF8WithSub(NULL, 0, &need, u, n, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	buf_reserve(out, (size_t)need + 1);
	u_strToUTF8WithSub(out->p, need + 1, &need, u, n, 0xFFFD, NULL, &st);
	out->n = (size_t)need;
	out->p[out->n] = 0;
}

/*
 * Slow path: full normalization of one word. Writes canonical form then folded form into
 * *canon / *fold and returns the flags.
 */
static unsigned norm_slow(struct vn_norm *nm, const char *s, size_t n, struct buf *canon,
                          struct buf *fold)
{
	UChar raw[MAX_TOKEN + 8], folded[MAX_TOKEN * 3 + 8], nfd[MAX_TOKEN * 4 + 8];
	UChar out[MAX_TOKEN * 4 + 8], comp[MAX_TOKEN * 4 + 8];
	struct letter L[MAX_TOKEN * 2];
	UErrorCode st = U_ZERO_ERROR;
	int32_t nraw = 0, nfolded, nnfd, i, nout, ncomp;
	int nl = 0, k, cased = 0, upper = 0;
	unsigned flags = 0;

	if (n > MAX_TOKEN)
		n = MAX_TOKEN;
	u_strFromUTF8WithSub(raw, MAX_TOKEN + 8, &nraw, s, (int32_t)n, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		nraw = 0;
	for (i = 0; i < nraw;) {
		UChar32 c;
		U16_NEXT(raw, i, nraw, c);
		if (u_isUUppercase(c))
			cased++, upper++;
		else if (u_isULowercase(c))
			cased++;
	}
	if (cased > 0 && upper == cased)
		flags |= VN_WORD_UPPER;

	st = U_ZERO_ERROR;
	nfolded = u_strFoldCase(folded, (int32_t)(sizeof(folded) / sizeof(folded[0])), raw, nraw,
	                        U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		nfolded = 0;
	st = U_ZERO_ERROR;
	nnfd = unorm2_normalize(nm->nfd, folded, nfolded, nfd,
	                        (int32_t)(sizeof(nfd) / sizeof(nfd[0])), &st);
	if (U_FAILURE(st))
		nnfd = 0;

	for (i = 0; i < nnfd;) {
		UChar32 c;
		int t, m;
		U16_NEXT(nfd, i, nnfd, c);
		t = mark_tone(c);
		m = mark_mod(c);
		if (u_getCombiningClass(c) == 0 || nl == 0) {
			if (u_getCombiningClass(c) != 0)
				continue; /* a mark with nothing to sit on */
			if (nl == (int)(sizeof(L) / sizeof(L[0])))
				break;
			memset(&L[nl], 0, sizeof(L[nl]));
			/* ð (eth) is how đ comes out of cp1258/VISCII read as Latin-1 */
			L[nl].base = c == 0x00F0 ? 0x0111 : c;
			nl++;
		} else if (t && !L[nl - 1].tone) {
			L[nl - 1].tone = (unsigned char)t;
		} else if (m && !(L[nl - 1].mods & m)) {
			L[nl - 1].mods |= (unsigned char)m;
		} else if (L[nl - 1].nother < 3 && c <= 0xFFFF) {
			L[nl - 1].other[L[nl - 1].nother++] = (UChar)c;
		}
	}

	apply_rules(L, nl);

	/* canonical: rebuild base + marks, compose */
	nout = 0;
	for (k = 0; k < nl; k++) {
		int j;
		U16_APPEND_UNSAFE(out, nout, L[k].base);
		if (L[k].mods & MOD_HORN)
			out[nout++] = 0x031B;
		if (L[k].mods & MOD_CIRC)
			out[nout++] = 0x0302;
		if (L[k].mods & MOD_BREVE)
			out[nout++] = 0x0306;
		if (L[k].tone)
			out[nout++] = tone_mark[L[k].tone];
		for (j = 0; j < L[k].nother; j++)
			out[nout++] = L[k].other[j];
	}
	st = U_ZERO_ERROR;
	ncomp = unorm2_normalize(nm->nfc, out, nout, comp,
	                         (int32_t)(sizeof(comp) / sizeof(comp[0])), &st);
	if (U_FAILURE(st))
		ncomp = 0;
	to_utf8(comp, ncomp, canon);

	/* folded: bases only, đ -> d */
	nout = 0;
	for (k = 0; k < nl; k++) {
		UChar32 b = L[k].base == 0x0111 ? 'd' : L[k].base;
		if (L[k].mods || L[k].tone || L[k].nother || b != L[k].base)
			flags |= VN_WORD_ACCENTED;
		U16_APPEND_UNSAFE(out, nout, b);
	}
	to_utf8(out, nout, fold);
	if (canon->n == fold->n && memcmp(canon->p, fold->p, canon->n) == 0)
		flags &= ~(unsigned)VN_WORD_ACCENTED;
	return flags;
}

/* ---------------------------------------------------------------- cache */

static unsigned hash_bytes(const char *s, size_t n)
{
	/* FNV-1a: short keys, good spread, no need for anything stronger */
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

static void cache_clear(struct vn_norm *nm)
{
	memset(nm->slots, 0, CACHE_SLOTS * sizeof(*nm->slots));
	nm->used = 0;
	buf_reset(&nm->arena);
	buf_addc(&nm->arena, 0);
}

static void fill_word(struct vn_norm *nm, const struct slot *sl, struct vn_word *w)
{
	w->canon = nm->arena.p + sl->canon;
	w->ncanon = sl->ncanon;
	w->fold = nm->arena.p + sl->fold;
	w->nfold = sl->nfold;
	w->flags = sl->flags;
}

int vn_norm_word(struct vn_norm *nm, const char *s, size_t n, struct vn_word *w)
{
	struct buf canon = BUF_INIT, fold = BUF_INIT;
	unsigned h, i, flags;
	struct slot *sl;

	if (n == 0)
		return -1;
	if (is_digit(s[0])) {
		norm_number(s, n, &nm->out);
		w->canon = w->fold = nm->out.p;
		w->ncanon = w->nfold = nm->out.n;
		w->flags = VN_WORD_NUMBER;
		return 0;
	}
	if (n > MAX_TOKEN)
		n = MAX_TOKEN;
	h = hash_bytes(s, n);
	for (i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1)) {
		sl = &nm->slots[i];
		if (!sl->key)
			break;
		if (sl->hash == h && sl->nkey == n && memcmp(nm->arena.p + sl->key, s, n) == 0) {
			nm->hits++;
			fill_word(nm, sl, w);
			return w->ncanon ? 0 : -1;
		}
	}
	nm->misses++;
	flags = norm_slow(nm, s, n, &canon, &fold);
	if (nm->used >= CACHE_SLOTS / 4 * 3 || nm->arena.n > (1u << 30)) {
		cache_clear(nm);
		for (i = h & (CACHE_SLOTS - 1); nm->slots[i].key; i = (i + 1) & (CACHE_SLOTS - 1))
			;
		sl = &nm->slots[i];
	}
	sl->hash = h;
	sl->nkey = (unsigned short)n;
	sl->key = (unsigned)nm->arena.n;
	buf_add(&nm->arena, s, n);
	sl->canon = (unsigned)nm->arena.n;
	sl->ncanon = (unsigned short)canon.n;
	buf_add(&nm->arena, canon.p, canon.n);
	sl->fold = (unsigned)nm->arena.n;
	sl->nfold = (unsigned short)fold.n;
	buf_add(&nm->arena, fold.p, fold.n);
	sl->flags = (unsigned short)flags;
	nm->used++;
	buf_free(&canon);
	buf_free(&fold);
	fill_word(nm, sl, w);
	return w->ncanon ? 0 : -1;
}

/* ---------------------------------------------------------------- whole text */

size_t vn_utf8_check(const char *s, size_t n)
{
	size_t base = 0;

	/* U8_NEXT takes int32 lengths: check huge buffers in slices. */
	while (base < n) {
		int32_t len = n - base > (1u << 30) ? (1 << 30) : (int32_t)(n - base);
		int32_t i = 0;
		while (i < len) {
			int32_t at;
			UChar32 c;
			/* runs of ASCII (most bytes of Vietnamese text) need no decoding */
			while (i < len && (signed char)s[base + (size_t)i] >= 0)
				i++;
			if (i == len)
				break;
			at = i;
			U8_NEXT(s + base, i, len, c);
			if (c < 0) {
				if (base + (size_t)len < n && at + 4 > len) {
					i = at; /* a sequence cut by the slice: retry in the next */
					break;
				}
				return base + (size_t)at;
			}
		}
		if (i == 0)
			return base;
		base += (size_t)i;
	}
	return n;
}

/*
 * NFC quick check straight on UTF-8, without converting to UTF-16: text in which every
 * character is NFC_Quick_Check=Yes with canonical combining class 0 is already NFC. That is
 * all precomposed Vietnamese text; a combining mark (NFD input) or a character with a
 * Maybe/No answer sends the text to ICU's full normalizer. Answers for U+0080–U+1FFF are
 * cached: Vietnamese text has nearly all its non-ASCII characters there.
 */
#define NFC_CACHED 0x2000
static unsigned char nfc_safe_table[NFC_CACHED];
static pthread_once_t nfc_once = PTHREAD_ONCE_INIT;

static int nfc_safe_icu(UChar32 c)
{
	return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
	       u_getCombiningClass(c) == 0;
}

static void nfc_init(void)
{
	UChar32 c;
	for (c = 0x80; c < NFC_CACHED; c++)
		nfc_safe_table[c] = (unsigned char)nfc_safe_icu(c);
}

/* 1 if s is valid UTF-8 already in NFC by the rule above; 0 means "ask ICU". */
static int utf8_surely_nfc(const char *s, size_t n)
{
	int32_t i = 0, len;

	if (n > INT32_MAX)
		return 0;
	len = (int32_t)n;
	pthread_once(&nfc_once, nfc_init);
	while (i < len) {
		UChar32 c;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return 0;
		if (c < NFC_CACHED ? !nfc_safe_table[c] : !nfc_safe_icu(c))
			return 0;
	}
	return 1;
}

size_t vn_utf8_scan(const char *s, size_t n, int *plain)
{
	int32_t i = 0, len;
	int nfc = 1, cue = 0;

	*plain = 0;
	if (n > INT32_MAX)
		return vn_utf8_check(s, n);
	len = (int32_t)n;
	pthread_once(&nfc_once, nfc_init);
	while (i < len) {
		int32_t at;
		UChar32 c;
		if ((signed char)s[i] >= 0) {
			i++;
			continue;
		}
		at = i;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return (size_t)at;
		if (nfc && (c < NFC_CACHED ? !nfc_safe_table[c] : !nfc_safe_icu(c)))
			nfc = 0;
		/* most Vietnamese letters lie above U+00FF, where no cue is */
		if (!cue && (c <= 0xFF || c >= 0xF020) && vn_enc_mojibake_cue(c))
			cue = 1;
	}
	*plain = nfc && !cue;
	return n;
}

void vn_norm_nfc(struct vn_norm *nm, const char *s, size_t n, struct buf *out, size_t *bad)
{
	UChar stack[4096], *u = stack, *v = NULL;
	int32_t nu = 0, nv, subs = 0;
	UErrorCode st = U_ZERO_ERROR;
	size_t cap = sizeof(stack) / sizeof(stack[0]);

	if (bad)
		*bad = 0;
	if (n == 0)
		return;
	if (utf8_surely_nfc(s, n)) {
		buf_add(out, s, n);
		return;
	}
	if (n > (1u << 28)) {
		/* ICU lengths are int32: normalize a huge paragraph in slices cut before an
		 * ASCII byte, which is always a normalization boundary. */
		size_t cut = 1u << 28;
		while (cut < n && (unsigned char)s[cut] >= 0x80)
			cut++;
		vn_norm_nfc(nm, s, cut, out, bad);
		vn_norm_nfc(nm, s + cut, n - cut, out, NULL);
		return;
	}
	if (n + 1 > cap) {
		cap = n + 1;
		u = xmalloc(cap * sizeof(UChar));
	}
	u_strFromUTF8WithSub(u, (int32_t)cap, &nu, s, (int32_t)n, 0xFFFD, &subs, &st);
	if (U_FAILURE(st))
		goto done;
	if (bad)
		*bad = (size_t)subs;
	/* Most text is already NFC: skip the copy when ICU says so. */
	if (unorm2_quickCheck(nm->nfc, u, nu, &st) == UNORM_YES && subs == 0 && U_SUCCESS(st)) {
		buf_add(out, s, n);
		goto done;
	}
	st = U_ZERO_ERROR;
	v = xmalloc(((size_t)nu * 3 + 16) * sizeof(UChar));
	nv = unorm2_normalize(nm->nfc, u, nu, v, nu * 3 + 16, &st);
	if (U_SUCCESS(st)) {
		struct buf tmp = BUF_INIT;
		to_utf8(v, nv, &tmp);
		buf_add(out, tmp.p, tmp.n);
		buf_free(&tmp);
	}
done:
	free(v);
	if (u != stack)
		free(u);
}
