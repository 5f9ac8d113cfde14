#include "para.h"

#include <stdlib.h>
#include <string.h>

#include "vn_enc.h"

static void flush_legacy(struct para *p)
{
	if (!p->legacy.n)
		return;
	vn_enc_repair((enum vn_charset)p->cs, p->legacy.p, p->legacy.n, p->upper, &p->text);
	if (!p->used)
		p->used = p->cs;
	buf_reset(&p->legacy);
}

void para_add(struct para *p, const char *s, size_t n, const char *font)
{
	int upper = 0;
	enum vn_charset cs = font ? vn_enc_font(font, &upper) : VN_CS_UNKNOWN;

	if (n == 0)
		return;
	if (p->legacy.n && ((int)cs != p->cs || upper != p->upper))
		flush_legacy(p);
	if (cs == VN_CS_UNKNOWN) {
		buf_add(&p->text, s, n);
		return;
	}
	p->cs = (int)cs;
	p->upper = upper;
	buf_add(&p->legacy, s, n);
}

void para_adds(struct para *p, const char *s)
{
	para_add(p, s, strlen(s), NULL);
}

static int blank_bytes(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

int para_blank(const struct para *p)
{
	return blank_bytes(p->text.p, p->text.n) && blank_bytes(p->legacy.p, p->legacy.n);
}

static int ascii(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

char *para_take(struct para *p, struct vn_norm *nm)
{
	struct buf out = BUF_INIT;
	const char *s;
	size_t n;

	flush_legacy(p);
	s = p->text.p;
	n = p->text.n;
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0) {
		buf_reset(&p->text);
		return NULL;
	}
	if ((p->detect || p->force_cs) && !p->used && !ascii(s, n)) {
		struct buf fixed = BUF_INIT;
		enum vn_charset cs;
		if (p->force_cs)
			cs = vn_enc_repair((enum vn_charset)p->force_cs, s, n, 0, &fixed);
		else
			cs = vn_enc_repair(p->detect == PARA_DETECT_ALL ? VN_CS_UNKNOWN
			                                                : VN_CS_UTF8_CP1252,
			                   s, n, 0, &fixed);
		p->tried = !p->force_cs;
		if (cs != VN_CS_UTF8) {
			p->used = (int)cs;
			vn_norm_nfc(nm, fixed.p, fixed.n, &out, NULL);
			buf_free(&fixed);
			buf_reset(&p->text);
			return buf_detach(&out);
		}
		buf_free(&fixed);
	}
	vn_norm_nfc(nm, s, n, &out, NULL);
	buf_reset(&p->text);
	return buf_detach(&out);
}

void para_free(struct para *p)
{
	buf_free(&p->text);
	buf_free(&p->legacy);
}

void para_superscript(struct buf *out, const char *m)
{
	static const char *const digit[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

	for (; *m; m++) {
		switch (*m) {
		case 'i':
			buf_adds(out, "ⁱ");
			break;
		case 'v':
			buf_adds(out, "ᵛ");
			break;
		case 'x':
			buf_adds(out, "ˣ");
			break;
		case 'l':
			buf_adds(out, "ˡ");
			break;
		case 'c':
			buf_adds(out, "ᶜ");
			break;
		case 'd':
			buf_adds(out, "ᵈ");
			break;
		case 'm':
			buf_adds(out, "ᵐ");
			break;
		default:
			if (*m >= '0' && *m <= '9')
				buf_adds(out, digit[*m - '0']);
			else
				buf_addc(out, *m);
		}
	}
}
