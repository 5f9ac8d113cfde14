/*
 * vn_enc: legacy Vietnamese decoding. The byte tables are data (data/codepages/NAME.tsv, read
 * through vn_lex); this file only knows how a table is applied: longest match (VNI letters
 * are two bytes), hand-stacked VNI marks composed onto the letter before, everything a
 * table leaves out read as Windows-1252 (ICU), and the result put in NFC (ICU).
 *
 * Detection and repair of unknown text live in vn_enc_detect.c.
 */
#include "vn_enc.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "vn_enc_impl.h"
#include "vn_lex.h"

static const char *const names[] = {
    [VN_CS_UNKNOWN] = "unknown",
    [VN_CS_UTF8] = "utf-8",
    [VN_CS_CP1252] = "cp1252",
    [VN_CS_TCVN3] = "tcvn3",
    [VN_CS_VNI] = "vni",
    [VN_CS_VISCII] = "viscii",
    [VN_CS_VPS] = "vps",
    [VN_CS_CP1258] = "cp1258",
    [VN_CS_TCVN5712] = "tcvn5712-1",
    [VN_CS_UTF8_CP1252] = "utf-8-as-cp1252",
};

const char *vn_enc_name(enum vn_charset cs)
{
	if ((int)cs < 0 || (size_t)cs >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[cs];
}

enum vn_charset vn_enc_from_name(const char *name)
{
	static const struct {
		const char *alias;
		enum vn_charset cs;
	} aliases[] = {
	    {"tcvn", VN_CS_TCVN3},          {"abc", VN_CS_TCVN3},
	    {"vn1", VN_CS_TCVN5712},        {"vni-windows", VN_CS_VNI},
	    {"windows-1258", VN_CS_CP1258}, {"utf8", VN_CS_UTF8},
	    {"windows-1252", VN_CS_CP1252}, {"latin1", VN_CS_CP1252},
	    {"iso-8859-1", VN_CS_CP1252},
	};
	size_t i;

	if (!name)
		return VN_CS_UNKNOWN;
	for (i = 1; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i]) == 0)
			return (enum vn_charset)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(name, aliases[i].alias) == 0)
			return aliases[i].cs;
	return VN_CS_UNKNOWN;
}

/* ---- tables ---------------------------------------------------------------------------- */

struct pair {
	unsigned char second;
	UChar u[4];
	int32_t nu;
};

struct codepage {
	UChar single[256][4]; /* nsingle[b] == 0: not in the table, read as cp1252 */
	int32_t nsingle[256];
	struct pair *pairs[256]; /* two-byte letters by first byte (VNI) */
	size_t npairs[256];
	UChar mark[256][3]; /* combining marks a VNI mark byte adds after a letter */
	int32_t nmark[256];
};

static struct codepage pages[VN_CS_TCVN5712 + 1];
static UChar cp1252[256];
static int cp1252_byte[0x2200]; /* code point -> cp1252 byte + 1 (0: none) */
static int tables_ok;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int parse_units(const char *s, UChar *u, int32_t cap)
{
	int32_t n = 0;

	while (*s) {
		char *end;
		unsigned long cp;

		while (*s == ' ')
			s++;
		if (strncmp(s, "U+", 2) != 0)
			break;
		cp = strtoul(s + 2, &end, 16);
		if (end == s + 2 || cp > 0x10FFFF || n + U16_LENGTH(cp) > cap)
			return -1;
		U16_APPEND_UNSAFE(u, n, cp);
		s = end;
	}
	return n;
}

static void load_page(enum vn_charset cs, const char *file)
{
	const struct vn_table *t = vn_lex_table(file);
	struct codepage *p = &pages[cs];
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		const char *bytes;
		int ismark = 0;
		unsigned long b1, b2 = 0;
		char *end;
		UChar u[4];
		int32_t nu;

		if (r->nfields < 2)
			continue;
		bytes = r->fields[0];
		if (strncmp(bytes, "mark ", 5) == 0) {
			ismark = 1;
			bytes += 5;
		}
		b1 = strtoul(bytes, &end, 16);
		if (end == bytes || b1 > 255)
			continue;
		if (*end == ' ') {
			b2 = strtoul(end + 1, &end, 16);
			if (b2 > 255)
				continue;
		}
		nu = parse_units(r->fields[1], u, 4);
		if (nu <= 0)
			continue;
		if (ismark) {
			if (nu > 3)
				continue;
			memcpy(p->mark[b1], u, (size_t)nu * sizeof(UChar));
			p->nmark[b1] = nu;
		} else if (strchr(r->fields[0], ' ')) {
			size_t cap = p->npairs[b1];
			struct pair *q;
			p->pairs[b1] = xrealloc(p->pairs[b1], (cap + 1) * sizeof(struct pair));
			q = &p->pairs[b1][p->npairs[b1]++];
			q->second = (unsigned char)b2;
			memcpy(q->u, u, (size_t)nu * sizeof(UChar));
			q->nu = nu;
		} else {
			memcpy(p->single[b1], u, (size_t)nu * sizeof(UChar));
			p->nsingle[b1] = nu;
		}
	}
}

static void load_tables(void)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("windows-1252", &st);
	int b;

	if (U_FAILURE(st))
		return;
	/* The five bytes cp1252 leaves undefined come back as C1 controls: keep that. */
	for (b = 0; b < 256; b++) {
		char c = (char)b;
		UChar u[2];
		int32_t n;
		st = U_ZERO_ERROR;
		n = ucnv_toUChars(cv, u, 2, &c, 1, &st);
		cp1252[b] =
		    (U_SUCCESS(st) && n == 1 && u[0] != 0xFFFD && u[0] != 0x1A) ? u[0] : (UChar)b;
		if (cp1252[b] < 0x2200)
			cp1252_byte[cp1252[b]] = b + 1;
	}
	ucnv_close(cv);
	load_page(VN_CS_TCVN3, "codepages/tcvn3.tsv");
	load_page(VN_CS_VNI, "codepages/vni.tsv");
	load_page(VN_CS_VISCII, "codepages/viscii.tsv");
	load_page(VN_CS_VPS, "codepages/vps.tsv");
	load_page(VN_CS_CP1258, "codepages/cp1258.tsv");
	load_page(VN_CS_TCVN5712, "codepages/tcvn3.tsv");
	load_page(VN_CS_TCVN5712, "codepages/tcvn5712-1.tsv");
	tables_ok = pages[VN_CS_TCVN3].nsingle[0xB8] && pages[VN_CS_VNI].npairs['a'];
}

static void tables(void)
{
	pthread_once(&once, load_tables);
}

int vn_enc_byte_of(int32_t c)
{
	tables();
	if (c < 0)
		return -1;
	if (c < 0x2200 && cp1252_byte[c])
		return cp1252_byte[c] - 1;
	/* C1 controls stand for bytes 0x80-0x9F; symbol fonts live at U+F020-U+F0FF. */
	if (c >= 0x80 && c <= 0x9F)
		return (int)c;
	if (c >= 0xF020 && c <= 0xF0FF)
		return (int)(c - 0xF000);
	return -1;
}

/* ---- decoding -------------------------------------------------------------------------- */

void vn_ubuf_add(struct vn_ubuf *u, const UChar *s, int32_t n)
{
	if (n <= 0)
		return;
	if (u->n + (size_t)n > u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 256;
		while (cap < u->n + (size_t)n)
			cap *= 2;
		u->p = xrealloc(u->p, cap * sizeof(UChar));
		u->cap = cap;
	}
	memcpy(u->p + u->n, s, (size_t)n * sizeof(UChar));
	u->n += (size_t)n;
}

static int is_letter_unit(UChar c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F) ||
	       (c >= 0x1EA0 && c <= 0x1EF9) || (c >= 0x300 && c <= 0x36F);
}

void vn_enc_decode_u(enum vn_charset cs, const unsigned char *s, size_t n, struct vn_ubuf *u)
{
	const struct codepage *p;
	size_t i;

	tables();
	if (cs < VN_CS_TCVN3 || cs > VN_CS_TCVN5712) {
		for (i = 0; i < n; i++)
			vn_ubuf_add(u, &cp1252[s[i]], 1);
		return;
	}
	p = &pages[cs];
	for (i = 0; i < n; i++) {
		unsigned b = s[i];
		if (p->npairs[b] && i + 1 < n) {
			size_t k;
			for (k = 0; k < p->npairs[b]; k++)
				if (p->pairs[b][k].second == s[i + 1])
					break;
			if (k < p->npairs[b]) {
				vn_ubuf_add(u, p->pairs[b][k].u, p->pairs[b][k].nu);
				i++;
				continue;
			}
		}
		if (p->nmark[b] && u->n > 0 && is_letter_unit(u->p[u->n - 1])) {
			vn_ubuf_add(u, p->mark[b], p->nmark[b]);
			continue;
		}
		if (p->nsingle[b])
			vn_ubuf_add(u, p->single[b], p->nsingle[b]);
		else
			vn_ubuf_add(u, &cp1252[b], 1);
	}
}

void vn_ubuf_emit(const UChar *s, size_t n, int upper, struct buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar *a = NULL, *c = NULL;
	int32_t na, nc, n8 = 0;

	if (n == 0 || n > INT32_MAX / 4)
		return;
	a = xmalloc((n * 2 + 16) * sizeof(UChar));
	na = unorm2_normalize(nfc, s, (int32_t)n, a, (int32_t)(n * 2 + 16), &st);
	if (U_FAILURE(st)) {
		free(a);
		return;
	}
	if (upper) {
		c = xmalloc(((size_t)na * 3 + 16) * sizeof(UChar));
		nc = u_strToUpper(c, na * 3 + 16, a, na, "vi", &st);
		if (U_FAILURE(st)) {
			free(a);
			free(c);
			return;
		}
		free(a);
		a = c;
		na = nc;
	}
	u_strToUTF8WithSub(NULL, 0, &n8, a, na, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	buf_reserve(out, (size_t)n8 + 1);
	u_strToUTF8WithSub(out->p + out->n, n8 + 1, &n8, a, na, 0xFFFD, NULL, &st);
	if (U_SUCCESS(st)) {
		out->n += (size_t)n8;
		out->p[out->n] = 0;
	}
	free(a);
}

/*
 * TCVN3's lower-case fonts have no capital toned letters, so typists wrote "THUÕ" (THUế)
 * and "§ÞNH" (ĐịNH) for THUẾ, ĐỊNH: in a word with two or more capitals and no lower-case
 * ASCII letter, the lower-case legacy letters are capitals the font could not show.
 */
void vn_enc_fix_caps(UChar *u, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t s = i, k;
		int up = 0, ascii_low = 0, legacy_low = 0;
		while (i < n && (u_isalpha(u[i]) || u_getCombiningClass(u[i]))) {
			up += u_isupper(u[i]) != 0;
			ascii_low += u[i] >= 'a' && u[i] <= 'z';
			legacy_low += u[i] >= 0x80 && u_islower(u[i]);
			i++;
		}
		if (i == s) {
			i++;
			continue;
		}
		if (up >= 2 && !ascii_low && legacy_low)
			for (k = s; k < i; k++)
				if (u[k] >= 0x80 && u_islower(u[k]))
					u[k] = (UChar)u_toupper(u[k]);
	}
}

void vn_enc_decode(enum vn_charset cs, const char *bytes, size_t n, int upper, struct buf *out)
{
	struct vn_ubuf u = {NULL, 0, 0};

	vn_enc_decode_u(cs, (const unsigned char *)bytes, n, &u);
	if (!upper && (cs == VN_CS_TCVN3 || cs == VN_CS_TCVN5712))
		vn_enc_fix_caps(u.p, u.n);
	vn_ubuf_emit(u.p, u.n, upper, out);
	free(u.p);
}

int vn_enc_tables_ok(void)
{
	tables();
	return tables_ok;
}

/* ---- fonts ----------------------------------------------------------------------------- */

static void strip_suffix_word(char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);

	if (n > k && strcmp(s + n - k, w) == 0) {
		s[n - k] = 0;
		n -= k;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '-' || s[n - 1] == '_'))
			s[--n] = 0;
	}
}

/* The font name as fonts.tsv patterns see it (see the comment at the top of that file). */
void vn_enc_font_key(const char *font, char *key, size_t cap)
{
	static const char *const tails[] = {
	    " (Vietnamese)", " Vietnamese", " Western",   " Baltic",     " Greek", " Cyr",
	    " Tur",          " CE",         "BoldItalic", "BoldOblique", "Italic", "Oblique",
	    "Bold",          "Regular",     "PSMT",       "MT",          "PS",
	};
	const char *plus = strchr(font, '+');
	size_t i, k, len;
	int again;

	/* subset prefixes are six capital letters and a plus */
	if (plus && plus - font == 6) {
		for (k = 0; k < 6 && font[k] >= 'A' && font[k] <= 'Z'; k++)
			;
		if (k == 6)
			font = plus + 1;
	}
	len = strcspn(font, ",;");
	if (len >= cap)
		len = cap - 1;
	memcpy(key, font, len);
	key[len] = 0;
	while (len > 0 && key[len - 1] == ' ')
		key[--len] = 0;
	do {
		size_t before = strlen(key);
		for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
			strip_suffix_word(key, tails[i]);
		again = strlen(key) != before && strlen(key) > 0;
	} while (again);
}

enum vn_charset vn_enc_font(const char *font, int *upper)
{
	const struct vn_table *t;
	char key[256];
	size_t i;

	if (upper)
		*upper = 0;
	if (!font || !*font)
		return VN_CS_UNKNOWN;
	t = vn_lex_table("fonts.tsv");
	if (!t)
		return VN_CS_UNKNOWN;
	vn_enc_font_key(font, key, sizeof(key));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		if (r->nfields < 2 || fnmatch(r->fields[0], key, 0) != 0)
			continue;
		if (upper)
			*upper = r->nfields >= 3 && strcmp(r->fields[2], "upper") == 0;
		return vn_enc_from_name(r->fields[1]);
	}
	return VN_CS_UNKNOWN;
}

/* ---- repair with a known charset --------------------------------------------------------- */

void vn_enc_repair_as(enum vn_charset cs, const char *utf8, size_t n, int upper, struct buf *out)
{
	struct vn_ubuf u = {NULL, 0, 0};
	unsigned char *bytes = xmalloc(n + 1);
	size_t nb = 0;
	int32_t i = 0, len = (int32_t)n;

	while (i < len) {
		UChar32 c;
		int b;
		U8_NEXT(utf8, i, len, c);
		b = c < 0 ? -1 : vn_enc_byte_of(c);
		if (b >= 0) {
			bytes[nb++] = (unsigned char)b;
			continue;
		}
		/* a character no legacy byte spells: keep it, decode what came before */
		vn_enc_decode_u(cs, bytes, nb, &u);
		nb = 0;
		if (c < 0)
			c = 0xFFFD;
		{
			UChar w[2];
			int32_t k = 0;
			U16_APPEND_UNSAFE(w, k, c);
			vn_ubuf_add(&u, w, k);
		}
	}
	vn_enc_decode_u(cs, bytes, nb, &u);
	if (!upper && (cs == VN_CS_TCVN3 || cs == VN_CS_TCVN5712))
		vn_enc_fix_caps(u.p, u.n);
	vn_ubuf_emit(u.p, u.n, upper, out);
	free(u.p);
	free(bytes);
}
