/*
 * Plain text: UTF-8 (with or without BOM, NFC or NFD), UTF-16 LE/BE with a BOM (ICU
 * converters), and legacy 8-bit Vietnamese text (TCVN3, VNI, VISCII, VPS, CP1258, VN1),
 * detected by vn_enc_detect unless --encoding says which. UTF-8 that reads as mojibake
 * (legacy bytes shown as cp1252, UTF-8 read as cp1252) is repaired by vn_enc_repair.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "formats.h"
#include "vn_enc.h"

static int utf16_read(struct fmt_ctx *cx, const char *conv, const char *data, size_t n,
                      struct buf *out, struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need;
	char *u8;

	if (n > INT32_MAX / 2)
		return err_set(e, "UTF-16 text too large");
	need = ucnv_convert("UTF-8", conv, NULL, 0, data, (int32_t)n, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return err_set(e, "bad %s text: %s", conv, u_errorName(st));
	st = U_ZERO_ERROR;
	u8 = xmalloc((size_t)need + 1);
	ucnv_convert("UTF-8", conv, u8, need + 1, data, (int32_t)n, &st);
	if (U_FAILURE(st)) {
		free(u8);
		return err_set(e, "bad %s text: %s", conv, u_errorName(st));
	}
	vn_norm_nfc(cx->nm, u8, (size_t)need, out, NULL);
	free(u8);
	return 0;
}

int fmt_text_sniff(const char *data, size_t n)
{
	size_t i, ctl = 0, high = 0, m = n < 65536 ? n : 65536;

	/* UTF-16 with its byte-order mark: NUL bytes are its ASCII */
	if (n >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 || memcmp(data, "\xfe\xff", 2) == 0))
		return 1;
	/* NUL anywhere: not text (memchr is vectorized; the counting loop below has no
	 * branch a byte, and every file goes through it) */
	if (memchr(data, 0, m))
		return 0;
	/* blocks of a fixed size, so that the compiler vectorizes the count */
	for (i = 0; i < m; i += 64) {
		unsigned char block[64] = {0};
		unsigned cb = 0, hb = 0, k;
		memcpy(block, data + i, m - i < 64 ? m - i : 64);
		for (k = 0; k < 64; k++) {
			unsigned c = block[k];
			/* a C0 control other than TAB, LF, FF, CR; a NUL pad byte counts as
			 * neither (the file has none: checked above) */
			cb += (c - 1u < 0x1Fu) & (c != '\t') & (c != '\n') & (c != '\f') & (c != '\r');
			hb += c >> 7;
		}
		ctl += cb;
		high += hb;
	}
	/* VISCII and VN1 put a few capitals in C0 slots; binary data has many controls. Valid
	 * UTF-8 is text however many high bytes it has (mojibake that went through cp1252
	 * twice is mostly high bytes). */
	if (m == 0 || ctl * 50 > m)
		return 0;
	if (high * 2 <= m)
		return 1;
	return vn_utf8_check(data, m) >= (m > 4 ? m - 4 : 0); /* a sequence cut at m is fine */
}

int fmt_text_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	struct buf out = BUF_INIT;
	enum vn_charset cs = cx->encoding;
	size_t bad = (size_t)-1;
	int plain = 0;

	d->format = "text";
	d->encoding = "utf-8";
	if (n >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 || memcmp(data, "\xfe\xff", 2) == 0)) {
		int le = data[0] == '\xff';
		d->encoding = le ? "utf-16le" : "utf-16be";
		if (utf16_read(cx, le ? "UTF-16LE" : "UTF-16BE", data + 2, n - 2, &out, e) != 0)
			return -1;
		doc_add_block(d, BLK_TEXT, buf_detach(&out), NULL);
		return 0;
	}
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		n -= 3;
		d->encoding = "utf-8-bom";
		if (cs == VN_CS_UNKNOWN)
			cs = VN_CS_UTF8;
	}
	/* valid UTF-8 throughout is UTF-8 (legacy 8-bit text almost never is): the detector,
	 * which scores every table, is for the rest */
	if (cs == VN_CS_UNKNOWN || cs == VN_CS_UTF8)
		bad = vn_utf8_scan(data, n, &plain);
	if (cs == VN_CS_UNKNOWN && bad != n)
		cs = vn_enc_detect(data, n, NULL);
	if (cs == VN_CS_UTF8 || cs == VN_CS_UNKNOWN) {
		struct buf fixed = BUF_INIT;
		enum vn_charset r;
		if (bad != n)
			return err_set(e, "not UTF-8 text: invalid byte 0x%02X at offset %zu",
			               (unsigned char)data[bad], bad);
		if (plain && n) {
			/* what the repair and NFC below would give: the bytes as they are */
			buf_add(&out, data, n);
			doc_add_block(d, BLK_TEXT, buf_detach(&out), NULL);
			return 0;
		}
		/* text that is UTF-8 but spells legacy bytes: repair it */
		r = vn_enc_repair(cx->encoding == VN_CS_UTF8 ? VN_CS_UTF8 : VN_CS_UNKNOWN, data, n,
		                  0, &fixed);
		if (r != VN_CS_UTF8)
			d->encoding = vn_enc_name(r);
		vn_norm_nfc(cx->nm, fixed.p ? fixed.p : "", fixed.n, &out, NULL);
		buf_free(&fixed);
	} else {
		d->encoding = vn_enc_name(cs);
		vn_enc_decode(cs, data, n, 0, &out);
	}
	doc_add_block(d, BLK_TEXT, buf_detach(&out), NULL);
	return 0;
}
