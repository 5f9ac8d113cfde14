/* Plain text files. */
#include <string.h>

#include "formats.h"

int fmt_text_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	struct buf out = BUF_INIT;
	size_t bad;

	d->format = "text";
	d->encoding = "utf-8";
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		n -= 3;
		d->encoding = "utf-8-bom";
	}
	bad = vn_utf8_check(data, n);
	if (bad != n)
		return err_set(e, "not UTF-8 text: invalid byte 0x%02X at offset %zu",
			       (unsigned char)data[bad], bad);
	vn_norm_nfc(cx->nm, data, n, &out, NULL);
	doc_add_block(d, BLK_TEXT, buf_detach(&out), NULL);
	return 0;
}
