#include "text.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

size_t text_display_width(const char *s, size_t n)
{
	int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	size_t w = 0;

	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0) {
			w++;
			continue;
		}
		if (c < 0x20 || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK ||
		    u_charType(c) == U_FORMAT_CHAR)
			continue;
		switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
		case U_EA_WIDE:
		case U_EA_FULLWIDTH:
			w += 2;
			break;
		default:
			w += 1;
		}
	}
	return w;
}

size_t text_count_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

void text_pos_init(struct text_pos *p, const char *s)
{
	p->s = s;
	p->byte = p->chr = 0;
}

static int continues(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t text_pos_char(struct text_pos *p, size_t byte)
{
	if (byte < p->byte)
		p->byte = p->chr = 0;
	for (; p->byte < byte && p->s[p->byte]; p->byte++)
		p->chr += !continues((unsigned char)p->s[p->byte]);
	return p->chr;
}

size_t text_pos_byte(struct text_pos *p, size_t chr)
{
	/* stand on the first byte of a character: a byte offset asked before may not */
	if (chr < p->chr || continues((unsigned char)p->s[p->byte]))
		p->byte = p->chr = 0;
	while (p->chr < chr && p->s[p->byte]) {
		p->byte++;
		while (continues((unsigned char)p->s[p->byte]))
			p->byte++;
		p->chr++;
	}
	return p->byte;
}

/* The bytes of x that start a character (not 10xxxxxx), one bit each at bit 0 of its byte. */
static unsigned starts_in(uint64_t x)
{
	uint64_t cont = (x >> 7) & ~(x >> 6) & 0x0101010101010101u;
	/* the sum of its eight bytes (0 or 1 each) lands in the top byte: without -mpopcnt,
	   __builtin_popcountll is a call to libgcc's table walk, 2% of `awards` */
	return 8u - (unsigned)((cont * 0x0101010101010101u) >> 56);
}

size_t text_byte_at(const char *s, size_t n, size_t chr)
{
	size_t i = 0;

	/* eight bytes at a time while they hold no more characters than are left to pass: the
	 * views' evidence and raw cut every span from its passage's start (`awards` over the
	 * national corpus spent a tenth of its time here, a byte at a time) */
	while (i + 8 < n && chr > 8 && !continues((unsigned char)s[i])) {
		uint64_t x;
		unsigned k;
		memcpy(&x, s + i, 8);
		k = starts_in(x);
		if (k >= chr)
			break;
		chr -= k;
		i += 8;
		/* i may now be inside a character: the one whose first byte was passed */
		while (i < n && continues((unsigned char)s[i]))
			i++;
	}
	while (i < n && chr > 0) {
		i++;
		while (i < n && continues((unsigned char)s[i]))
			i++;
		chr--;
	}
	return i;
}

int text_all_caps(const char *s, size_t n)
{
	int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	int upper = 0;

	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			continue;
		if (u_isULowercase(c))
			return 0;
		if (u_isUUppercase(c))
			upper++;
	}
	return upper > 0;
}

int text_starts_lower(const char *s, size_t n)
{
	int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;

	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c >= 0 && u_isalpha(c))
			return u_isULowercase(c);
	}
	return 0;
}

int text_is_name(const char *t)
{
	size_t n = strlen(t), words = 1, i;
	if (n < 5 || n > 60 || text_all_caps(t, n) || text_starts_lower(t, n))
		return 0;
	for (i = 0; i < n; i++) {
		if ((t[i] >= '0' && t[i] <= '9') || strchr(".,;:()/", t[i]))
			return 0;
		if (t[i] == ' ') {
			words++;
			if (i + 1 < n && text_starts_lower(t + i + 1, n - i - 1))
				return 0;
		}
	}
	return words >= 2 && words <= 5;
}

int text_caps_line(const char *s, size_t n)
{
	int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	int upper = 0;

	if (text_all_caps(s, n))
		return 1;
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 0 && u_isUUppercase(c))
			upper++;
	}
	return upper >= 3;
}

int text_ends_open(const char *t)
{
	size_t n = strlen(t);
	while (n > 0 && (strchr(" \t\r\n\"')", t[n - 1]) != NULL))
		n--;
	while (n >= 3 && (memcmp(t + n - 3, "”", 3) == 0 || memcmp(t + n - 3, "’", 3) == 0))
		n -= 3;
	if (n == 0)
		return 0;
	if (strchr(".!?", t[n - 1]))
		return 0;
	return !(n >= 3 && memcmp(t + n - 3, "…", 3) == 0);
}
