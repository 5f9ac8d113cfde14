#include "legacy.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "noise.h"
#include "vn_lex.h"

struct inverse {
	unsigned char len[0x2000]; /* code points below U+2000: 0 = none */
	unsigned char seq[0x2000][2];
	unsigned char taken[256]; /* bytes the table decodes (not free for cp1252) */
};

static struct inverse inv[2]; /* 0 TCVN3, 1 VNI */

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
		int cp = utf8_next(utf8, n, &i), b;
		if (cp < 0)
			return err_set(e, "invalid UTF-8 at byte %zu", at);
		if (put(v, cp, out) == 0)
			continue;
		/* a capital the code page lacks: its lower-case letter, as typed in .VnTimeH */
		if (u_isupper(cp) && put(v, u_tolower(cp), out) == 0)
			continue;
		/* punctuation: its Windows-1252 byte, where the code page has no letter */
		b = vn_enc_byte_of(cp);
		if (b >= 0x80 && !v->taken[b]) {
			buf_addc(out, (char)b);
			continue;
		}
		return err_set(e, "U+%04X (%.*s) has no %s code", (unsigned)cp, (int)(i - at),
		               utf8 + at, cs == VN_CS_VNI ? "VNI" : "TCVN3");
	}
	return 0;
}

void legacy_bytes_as_cp1252(const char *bytes, size_t n, struct buf *out)
{
	vn_enc_decode(VN_CS_CP1252, bytes, n, 0, out);
}
