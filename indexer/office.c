#include "office.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

struct office_font office_font_named(const char *name)
{
	struct office_font f = {VN_CS_UNKNOWN, 0, 0};

	if (name && *name)
		f.cs = vn_enc_font(name, &f.upper);
	if (f.cs == VN_CS_UTF8 || f.cs == VN_CS_CP1252)
		f.cs = VN_CS_UNKNOWN;
	if (f.cs == VN_CS_UNKNOWN)
		f.upper = 0;
	return f;
}

struct office_font office_font_utf16(const unsigned char *le, size_t n)
{
	UChar u[64];
	char name[256];
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;
	size_t i;

	/* font names are at most 31 characters in all three formats; longer is not a font */
	for (i = 0; i < n && i < 64; i++) {
		u[i] = (UChar)(le[2 * i] | le[2 * i + 1] << 8);
		if (!u[i])
			break;
	}
	u_strToUTF8WithSub(name, sizeof(name) - 1, &len, u, (int32_t)i, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		len = 0;
	name[len] = 0;
	return office_font_named(name);
}

static void utf16_to_utf8(struct buf *out, const uint16_t *u, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;

	buf_reset(out);
	if (n == 0)
		return;
	/* at most 3 bytes per UTF-16 unit (a surrogate pair gives 4 for 2 units) */
	buf_reserve(out, 3 * n + 1);
	u_strToUTF8WithSub(out->p, (int32_t)(out->cap - 1), &len, (const UChar *)u, (int32_t)n,
	                   0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		len = 0;
	out->n = (size_t)len;
	out->p[len] = 0;
}

/* Upper-case UTF-8 in place of a buffer's tail starting at `from` (ICU full case mapping). */
static void upper_tail(struct buf *b, size_t from)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t nu = 0, nup = 0, n8 = 0;
	UChar *u, *up;
	size_t n = b->n - from;

	if (n == 0)
		return;
	u = xmalloc((n + 1) * sizeof(UChar));
	up = xmalloc((3 * n + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u, (int32_t)n + 1, &nu, b->p + from, (int32_t)n, 0xFFFD, NULL, &st);
	if (U_SUCCESS(st))
		nup = u_strToUpper(up, (int32_t)(3 * n + 1), u, nu, "vi", &st);
	if (U_SUCCESS(st)) {
		b->n = from;
		buf_reserve(b, 3 * (size_t)nup + 1);
		u_strToUTF8WithSub(b->p + from, (int32_t)(b->cap - from - 1), &n8, up, nup, 0xFFFD,
		                   NULL, &st);
		if (U_SUCCESS(st))
			b->n = from + (size_t)n8;
		b->p[b->n] = 0;
	}
	free(u);
	free(up);
}

/*
 * Move the pending text in non-legacy fonts to the block, repaired if it is mojibake. Only
 * a stretch with letters can be legacy text: a cell holding just "‰" or "±" is a symbol,
 * and no detector can tell from one character which code page it came from.
 */
static void flush_plain(struct office_text *t)
{
	size_t i;
	int high = 0, letter = 0;

	for (i = 0; i < t->plain.n; i++) {
		unsigned char c = (unsigned char)t->plain.p[i];
		high |= c >= 0x80;
		letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	}
	if (!high || !letter) {
		buf_add(&t->block, t->plain.p, t->plain.n);
	} else {
		enum vn_charset cs =
		    vn_enc_repair(VN_CS_UNKNOWN, t->plain.p, t->plain.n, 0, &t->block);
		if (cs >= VN_CS_TCVN3 && cs < OFFICE_NCS)
			t->nchars[cs] += t->plain.n;
	}
	buf_reset(&t->plain);
}

void office_add_utf16(struct office_text *t, const uint16_t *u, size_t n, struct office_font f,
                      int caps)
{
	size_t from;

	if (n == 0)
		return;
	utf16_to_utf8(&t->u8, u, n);
	t->nchars[f.cs < OFFICE_NCS ? f.cs : 0] += n;
	if (f.symbol && f.cs == VN_CS_UNKNOWN) {
		flush_plain(t);
		buf_add(&t->block, t->u8.p, t->u8.n);
		return;
	}
	if (f.cs == VN_CS_UNKNOWN) {
		from = t->plain.n;
		buf_add(&t->plain, t->u8.p, t->u8.n);
		if (caps)
			upper_tail(&t->plain, from);
		return;
	}
	flush_plain(t);
	from = t->block.n;
	vn_enc_repair(f.cs, t->u8.p, t->u8.n, f.upper && !t->typed_case, &t->block);
	if (caps)
		upper_tail(&t->block, from);
}

void office_add_utf8(struct office_text *t, const char *s, size_t n)
{
	flush_plain(t);
	buf_add(&t->block, s, n);
}

static int has_text(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strchr(" \t\r\n", b->p[i]))
			return 1;
	return 0;
}

int office_has_text(const struct office_text *t)
{
	return has_text(&t->block) || has_text(&t->plain);
}

char *office_take(struct office_text *t, struct vn_norm *nm)
{
	struct buf out = BUF_INIT;
	size_t a = 0, b;

	flush_plain(t);
	if (!has_text(&t->block)) {
		buf_reset(&t->block);
		return NULL;
	}
	/* blank space around a block (indents typed with tabs, trailing spaces) is not text */
	b = t->block.n;
	while (strchr(" \t\r\n", t->block.p[a]))
		a++;
	while (strchr(" \t\r\n", t->block.p[b - 1]))
		b--;
	vn_norm_nfc(nm, t->block.p + a, b - a, &out, NULL);
	buf_reset(&t->block);
	return buf_detach(&out);
}

const char *office_encoding(const struct office_text *t)
{
	size_t total = 0, best = 0, second = 0;
	int cs, b = 0, s = 0;

	for (cs = VN_CS_UNKNOWN + 1; cs < OFFICE_NCS; cs++) {
		total += t->nchars[cs];
		if (t->nchars[cs] > best) {
			second = best, s = b;
			best = t->nchars[cs], b = cs;
		} else if (t->nchars[cs] > second) {
			second = t->nchars[cs], s = cs;
		}
	}
	if (best == 0)
		return "unicode";
	/* TCVN3 and VNI side by side is the mix real files have; others get the main one */
	if (second * 20 >= total &&
	    ((b == VN_CS_TCVN3 && s == VN_CS_VNI) || (b == VN_CS_VNI && s == VN_CS_TCVN3)))
		return b == VN_CS_TCVN3 ? "tcvn3+vni" : "vni+tcvn3";
	return vn_enc_name((enum vn_charset)b);
}

void office_text_free(struct office_text *t)
{
	buf_free(&t->block);
	buf_free(&t->plain);
	buf_free(&t->u8);
}
