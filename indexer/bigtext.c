#include "bigtext.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "layout.h"
#include "vn_enc.h"

/* Where to cut buf[0..n): after the last paragraph break in its second half, else after
 * the last line break, else at n (moved back to a UTF-8 character boundary). UTF-16 text
 * is cut after a whole "\n" code unit. */
static size_t cut_point(const char *buf, size_t n, int utf16)
{
	size_t i;

	if (utf16) {
		for (i = n & ~(size_t)1; i >= 2; i -= 2)
			if ((utf16 == 1 && buf[i - 2] == '\n' && buf[i - 1] == 0) ||
			    (utf16 == 2 && buf[i - 2] == 0 && buf[i - 1] == '\n'))
				return i;
		return n & ~(size_t)1;
	}
	for (i = n; i > n / 2 && i >= 2; i--)
		if (buf[i - 1] == '\n' && buf[i - 2] == '\n')
			return i;
	for (i = n; i > 0; i--)
		if (buf[i - 1] == '\n')
			return i;
	i = n;
	while (i > 0 && n - i < 4 && ((unsigned char)buf[i] & 0xC0) == 0x80)
		i--;
	return i > 0 ? i : n;
}

int bigtext_read(struct extractor *x, const char *path, bigtext_fn fn, void *ctx, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t have = 0, prefix = 0;
	int first = 1, utf16 = 0, rc = 0, eof = 0;
	char bom[2];

	if (!f)
		return err_set(e, "%s", strerror(errno));
	buf = xmalloc(BIGTEXT_CHUNK + 2);
	while (rc == 0 && (!eof || have > prefix)) {
		struct doc part;
		size_t cut, k;

		if (!eof) {
			k = fread(buf + have, 1, BIGTEXT_CHUNK + prefix - have, f);
			if (k < BIGTEXT_CHUNK + prefix - have) {
				if (ferror(f)) {
					rc = err_set(e, "read error: %s", strerror(errno));
					break;
				}
				eof = 1;
			}
			have += k;
		}
		if (first && have >= 2 &&
		    (memcmp(buf, "\xff\xfe", 2) == 0 || memcmp(buf, "\xfe\xff", 2) == 0)) {
			utf16 = buf[0] == '\xff' ? 1 : 2;
			memcpy(bom, buf, 2);
		}
		cut = eof ? have : prefix + cut_point(buf + prefix, have - prefix, utf16);
		memset(&part, 0, sizeof(part));
		if (extract_bytes(x, buf, cut, &part, e) != 0) {
			doc_free(&part);
			rc = -1;
			break;
		}
		if (first && !utf16) {
			/* the rest is read as the first chunk was: no detection on each chunk */
			enum vn_charset cs = vn_enc_from_name(part.encoding);
			if (strcmp(part.encoding, "utf-8-bom") == 0)
				cs = VN_CS_UTF8;
			if (cs != VN_CS_UNKNOWN && cs != VN_CS_UTF8_CP1252)
				extractor_set_encoding(x, cs);
		}
		layout_doc(&part, extractor_norm(x));
		if (first)
			header_parse(&part, extractor_norm(x));
		rc = fn(ctx, &part, first, e);
		doc_free(&part);
		first = 0;
		/* keep the uncut rest; a UTF-16 chunk starts again with its byte-order mark */
		prefix = utf16 ? 2 : 0;
		memmove(buf + prefix, buf + cut, have - cut);
		have = have - cut + prefix;
		if (utf16)
			memcpy(buf, bom, 2);
	}
	free(buf);
	fclose(f);
	return rc;
}
