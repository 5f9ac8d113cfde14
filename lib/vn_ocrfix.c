#include "vn_ocrfix.h"

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util.h"
#include "vn_lex.h"
#include "vn_syll.h"

/* A candidate counts as frequent from this many occurrences in the table. */
#define MIN_FREQ 3
/* Longer letter runs are not syllables worth repairing (names, glued words). */
#define MAX_WORD 12

static GHashTable *freq;   /* lower-case syllable (UTF-8) -> count */
static GHashTable *family; /* lower-case letter -> UChar32[] of its diacritic variants, 0-ended */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const UChar32 shapes[] = {0, 0x0306, 0x0302, 0x031B};
static const UChar32 tones[] = {0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323};

/* base + shape + tone composed by ICU; 0 when they do not make one character */
static UChar32 compose(const UNormalizer2 *nfc, UChar32 base, UChar32 shape, UChar32 tone)
{
	UChar in[4], out[8];
	int32_t n = 0, m;
	UErrorCode st = U_ZERO_ERROR;
	UChar32 c;

	in[n++] = (UChar)base;
	if (shape)
		in[n++] = (UChar)shape;
	if (tone)
		in[n++] = (UChar)tone;
	m = unorm2_normalize(nfc, in, n, out, 8, &st);
	if (U_FAILURE(st) || m < 1)
		return 0;
	U16_GET(out, 0, 0, m, c);
	return U16_LENGTH(c) == m ? c : 0;
}

static void add_family(const UNormalizer2 *nfc, const char *bases)
{
	UChar32 members[64];
	size_t n = 0, i, b, s, t;

	for (b = 0; bases[b]; b++)
		for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
			for (t = 0; t < sizeof(tones) / sizeof(tones[0]); t++) {
				UChar32 c = compose(nfc, (UChar32)bases[b], shapes[s], tones[t]);
				size_t k;
				for (k = 0; c && k < n && members[k] != c; k++)
					;
				if (c && k == n && n < 63)
					members[n++] = c;
			}
	for (i = 0; i < n; i++) {
		UChar32 *v = xcalloc(n + 1, sizeof(*v));
		size_t j, m = 0;
		for (j = 0; j < n; j++)
			if (j != i)
				v[m++] = members[j];
		g_hash_table_insert(family, GINT_TO_POINTER(members[i]), v);
	}
}

static void load(void)
{
	const struct vn_table *t = vn_lex_table("ocr_syllables.tsv");
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	size_t i;
	UChar32 d[] = {'d', 0x0111, 0};

	freq = g_hash_table_new(g_str_hash, g_str_equal);
	family = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2)
			g_hash_table_insert(freq, (gpointer)t->rows[i].fields[0],
					    GINT_TO_POINTER(atoi(t->rows[i].fields[1])));
	if (U_FAILURE(st))
		return;
	/* vowel letters differ by shape and tone only within their base letter */
	add_family(nfc, "a");
	add_family(nfc, "e");
	add_family(nfc, "i");
	add_family(nfc, "o");
	add_family(nfc, "u");
	add_family(nfc, "y");
	{
		UChar32 *v = xcalloc(2, sizeof(*v)), *w = xcalloc(2, sizeof(*w));
		v[0] = d[1];
		w[0] = d[0];
		g_hash_table_insert(family, GINT_TO_POINTER(d[0]), v);
		g_hash_table_insert(family, GINT_TO_POINTER(d[1]), w);
	}
}

static int count_of(const char *lower)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(freq, lower));
}

/* UTF-8 of a code point array */
static void to_utf8(const UChar32 *w, size_t n, char *out, size_t cap)
{
	size_t i, k = 0;
	for (i = 0; i < n && k + 4 < cap; i++)
		k += (size_t)g_unichar_to_utf8((gunichar)w[i], out + k);
	out[k] = 0;
}

static int syll_ok(const UChar32 *w, size_t n, char *u8, size_t cap)
{
	to_utf8(w, n, u8, cap);
	return vn_syll_valid(u8, strlen(u8));
}

/*
 * Repair word w (n letters, as written) into out (same length); 1 if changed.
 */
static int fix_word(const UChar32 *w, size_t n, UChar32 *out)
{
	UChar32 low[MAX_WORD], best[MAX_WORD];
	char u8[MAX_WORD * 4 + 1];
	size_t i;
	int valid, known, found = 0, all_upper = 1;

	for (i = 0; i < n; i++) {
		low[i] = u_tolower(w[i]);
		if (!u_isupper(w[i]))
			all_upper = 0;
	}
	valid = syll_ok(low, n, u8, sizeof(u8));
	known = count_of(u8);
	if (valid && known)
		return 0;
	for (i = 0; i < n; i++) {
		const UChar32 *v = g_hash_table_lookup(family, GINT_TO_POINTER(low[i]));
		UChar32 keep = low[i];
		for (; v && *v; v++) {
			int c;
			low[i] = *v;
			if (!syll_ok(low, n, u8, sizeof(u8)))
				continue;
			c = count_of(u8);
			if (c < MIN_FREQ)
				continue;
			if (found++)
				break;
			memcpy(best, low, n * sizeof(*low));
		}
		low[i] = keep;
		if (found > 1)
			return 0;
	}
	if (found != 1)
		return 0;
	/* a valid word nobody wrote is only replaced by a clearly common one */
	if (valid) {
		to_utf8(best, n, u8, sizeof(u8));
		if (count_of(u8) < MIN_FREQ * 10)
			return 0;
	}
	for (i = 0; i < n; i++)
		out[i] = all_upper || (i == 0 && u_isupper(w[0])) ? u_toupper(best[i]) : best[i];
	return 1;
}

static int is_letter(UChar32 c)
{
	return u_isalpha(c) || u_getCombiningClass(c) > 0;
}

char *vn_ocrfix_syllables(const char *text, int *repairs)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t n16 = 0, m16;
	UChar *u16, *norm;
	struct buf out = BUF_INIT;
	int32_t i = 0;
	int fixes = 0;

	pthread_once(&once, load);
	if (repairs)
		*repairs = 0;
	/* UTF-16, invalid bytes replaced, then NFC */
	u_strFromUTF8WithSub(NULL, 0, &n16, text, -1, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	u16 = xmalloc(((size_t)n16 + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u16, n16 + 1, NULL, text, -1, 0xFFFD, NULL, &st);
	norm = xmalloc(((size_t)n16 * 3 + 1) * sizeof(UChar));
	m16 = U_SUCCESS(st) ? unorm2_normalize(nfc, u16, n16, norm, n16 * 3 + 1, &st) : 0;
	if (U_FAILURE(st))
		m16 = 0;
	while (i < m16) {
		UChar32 w[MAX_WORD + 1], fixed[MAX_WORD];
		size_t n = 0, k;
		int32_t start = i;
		UChar32 c;

		U16_NEXT(norm, i, m16, c);
		if (!is_letter(c)) {
			char u8[8];
			int l = g_unichar_to_utf8((gunichar)c, u8);
			buf_add(&out, u8, (size_t)l);
			continue;
		}
		w[n++] = c;
		for (;;) {
			int32_t at = i;
			if (i >= m16)
				break;
			U16_NEXT(norm, i, m16, c);
			if (!is_letter(c)) {
				i = at;
				break;
			}
			if (n <= MAX_WORD)
				w[n] = c;
			n++;
		}
		if (n <= MAX_WORD && fix_word(w, n, fixed)) {
			fixes++;
			memcpy(w, fixed, n * sizeof(*w));
		}
		if (n <= MAX_WORD) {
			for (k = 0; k < n; k++) {
				char u8[8];
				int l = g_unichar_to_utf8((gunichar)w[k], u8);
				buf_add(&out, u8, (size_t)l);
			}
		} else {
			/* too long to be a syllable: copied as it was */
			int32_t j = start;
			while (j < i) {
				char u8[8];
				int l;
				U16_NEXT(norm, j, i, c);
				l = g_unichar_to_utf8((gunichar)c, u8);
				buf_add(&out, u8, (size_t)l);
			}
		}
	}
	free(u16);
	free(norm);
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

/* digits at s, at most max of them; their count */
static size_t digits(const char *s, size_t max)
{
	size_t k = 0;
	while (k < max && s[k] >= '0' && s[k] <= '9')
		k++;
	return k;
}

/* Whether s (n bytes) is exactly d{1,2}/m{1,2}/yyyy with a real day and month. */
static int is_date(const char *s, size_t n)
{
	size_t a = digits(s, 3), b, c;
	int d, m, y;

	if (a < 1 || a > 2 || a >= n || s[a] != '/')
		return 0;
	b = digits(s + a + 1, 3);
	if (b < 1 || b > 2 || a + 1 + b >= n || s[a + 1 + b] != '/')
		return 0;
	c = digits(s + a + b + 2, 5);
	if (c != 4 || a + b + 2 + c != n)
		return 0;
	d = atoi(s);
	m = atoi(s + a + 1);
	y = atoi(s + a + b + 2);
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2099;
}

static int date_char(char c)
{
	return (c >= '0' && c <= '9') || c == '/';
}

char *vn_ocrfix_numbers(const char *text, int *repairs)
{
	struct buf out = BUF_INIT;
	size_t n = strlen(text), i = 0;
	int fixes = 0;

	while (i < n) {
		/* a piece of digits and slashes, a single space, another such piece */
		size_t a = i, ae, b, be;
		if (!date_char(text[i]) || (i > 0 && date_char(text[i - 1]))) {
			buf_addc(&out, text[i++]);
			continue;
		}
		for (ae = a; ae < n && date_char(text[ae]); ae++)
			;
		b = ae + 1;
		for (be = b; be < n && date_char(text[be]); be++)
			;
		if (ae < n && text[ae] == ' ' && be > b && be - a <= 12 && !is_date(text + a, ae - a) &&
		    !is_date(text + b, be - b) && memchr(text + a, '/', be - a)) {
			char joined[16];
			memcpy(joined, text + a, ae - a);
			memcpy(joined + (ae - a), text + b, be - b);
			if (is_date(joined, (ae - a) + (be - b))) {
				buf_add(&out, joined, (ae - a) + (be - b));
				fixes++;
				i = be;
				continue;
			}
		}
		buf_add(&out, text + a, ae - a);
		i = ae;
	}
	if (repairs)
		*repairs = fixes;
	return out.p ? buf_detach(&out) : xstrdup("");
}

char *vn_ocrfix(const char *raw, int *repairs)
{
	int r1 = 0, r2 = 0;
	char *s = vn_ocrfix_syllables(raw, &r1);
	char *t = vn_ocrfix_numbers(s, &r2);

	free(s);
	if (repairs)
		*repairs = r1 + r2;
	return t;
}
