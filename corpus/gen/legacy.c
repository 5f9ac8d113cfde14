#include "legacy.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include "noise.h"
#include "vn_lex.h"

struct inverse {
	unsigned char len[0x2000]; /* code points below U+2000: 0 = none */
	unsigned char seq[0x2000][2];
	unsigned char taken[256]; /* bytes the table decodes (not free for cp1252) */
};

static struct inverse inv[2]; /* 0 TCVN3, 1 VNI */
static unsigned short cp1252_of[256];
static unsigned char byte_of_cp[0x2200]; /* cp1252 character -> byte + 1 */

static int load(struct inverse *v, const char *file, struct err *e)
{
	const struct vn_table *t = vn_lex_table(file);
	size_t i;

	if (!t)
		return err_set(e, "data/%s: not built in (merge branch enc)", file);
	memset(v, 0, sizeof(*v));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		const char *f0 = r->fields[0];
		unsigned long b1, b2 = 0, cp;
		char *end;
		int len = 1;

		if (r->nfields < 2 || strncmp(f0, "mark", 4) == 0)
			continue;
		b1 = strtoul(f0, &end, 16);
		if (end == f0 || b1 > 255)
			continue;
		if (*end == ' ') {
			b2 = strtoul(end + 1, NULL, 16);
			len = 2;
		}
		if (strncmp(r->fields[1], "U+", 2) != 0 || strchr(r->fields[1], ' '))
			continue; /* several code points: not a precomposed letter */
		cp = strtoul(r->fields[1] + 2, NULL, 16);
		v->taken[b1] = 1;
		if (len == 2)
			v->taken[b2] = 1;
		if (cp >= 0x2000)
			continue;
		/* the shortest spelling wins (VNI's single-byte í over i + mark) */
		if (v->len[cp] && v->len[cp] <= len)
			continue;
		v->len[cp] = (unsigned char)len;
		v->seq[cp][0] = (unsigned char)b1;
		v->seq[cp][1] = (unsigned char)b2;
	}
	return 0;
}

int legacy_init(struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("windows-1252", &st);
	int b;

	if (U_FAILURE(st))
		return err_set(e, "ICU: no windows-1252 converter");
	for (b = 0; b < 256; b++) {
		char ch = (char)b;
		UChar u[2];
		int32_t n;
		st = U_ZERO_ERROR;
		n = ucnv_toUChars(cv, u, 2, &ch, 1, &st);
		cp1252_of[b] = (U_SUCCESS(st) && n == 1 && u[0] != 0xFFFD && u[0] != 0x1A)
		                   ? u[0]
		                   : (unsigned short)b;
		if (cp1252_of[b] < 0x2200)
			byte_of_cp[cp1252_of[b]] = (unsigned char)(b + 1);
	}
	ucnv_close(cv);
	if (load(&inv[0], "codepages/tcvn3.tsv", e) || load(&inv[1], "codepages/vni.tsv", e))
		return -1;
	return 0;
}

static int put(const struct inverse *v, int cp, struct buf *out)
{
	if (cp < 0x80) {
		buf_addc(out, (char)cp);
		return 0;
	}
	if (cp < 0x2000 && v->len[cp]) {
		buf_add(out, v->seq[cp], v->len[cp]);
		return 0;
	}
	return -1;
}

int legacy_encode(enum vn_charset cs, const char *utf8, size_t n, struct buf *out, struct err *e)
{
	const struct inverse *v = &inv[cs == VN_CS_VNI];
	size_t i = 0;

	if (cs != VN_CS_TCVN3 && cs != VN_CS_VNI)
		return err_set(e, "legacy_encode: only TCVN3 and VNI");
	while (i < n) {
		size_t at = i;
		int cp = utf8_next(utf8, n, &i);
		if (cp < 0)
			return err_set(e, "invalid UTF-8 at byte %zu", at);
		if (put(v, cp, out) == 0)
			continue;
		/* a capital the code page lacks: its lower-case letter, as typed in .VnTimeH */
		if (u_isupper(cp) && put(v, u_tolower(cp), out) == 0)
			continue;
		if (cp < 0x2200 && byte_of_cp[cp] && !v->taken[byte_of_cp[cp] - 1]) {
			buf_addc(out, (char)(byte_of_cp[cp] - 1));
			continue;
		}
		return err_set(e, "U+%04X (%.*s) has no %s code", (unsigned)cp, (int)(i - at),
		               utf8 + at, cs == VN_CS_VNI ? "VNI" : "TCVN3");
	}
	return 0;
}

void legacy_bytes_as_cp1252(const char *bytes, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned cp = cp1252_of[(unsigned char)bytes[i]];
		if (cp < 0x80) {
			buf_addc(out, (char)cp);
		} else if (cp < 0x800) {
			buf_addc(out, (char)(0xC0 | (cp >> 6)));
			buf_addc(out, (char)(0x80 | (cp & 0x3F)));
		} else {
			buf_addc(out, (char)(0xE0 | (cp >> 12)));
			buf_addc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
			buf_addc(out, (char)(0x80 | (cp & 0x3F)));
		}
	}
}
