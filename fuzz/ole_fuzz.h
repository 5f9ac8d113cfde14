/*
 * Shared by the .doc, .xls and .ppt fuzz targets. An input that starts with the OLE2
 * signature goes through the whole reader (libgsf included); any other input is cut into
 * streams — each a 4-byte little-endian length, then that many bytes — handed to the reader
 * as a container with those names, so that mutations reach the record parsers themselves.
 * (Layout, which comes after every reader, has its own target.)
 */
#ifndef THIDUA_OLE_FUZZ_H
#define THIDUA_OLE_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "formats.h"
#include "ole2.h"
#include "vn_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*ole_reader)(struct ole2 *o, struct fmt_ctx *cx, struct doc *d, struct err *e);

/* names: the streams in input order; alias: another name for the second one, or NULL */
static void fuzz_ole(const uint8_t *data, size_t size, const char *const *names, size_t nnames,
                     const char *alias, ole_reader read)
{
	static struct vn_norm *nm;
	const unsigned char *p[8];
	size_t len[8], k, at = 0;
	struct fmt_ctx cx;
	struct doc d;
	struct err e;

	if (!nm)
		nm = vn_norm_new(&e);
	memset(&cx, 0, sizeof(cx));
	cx.nm = nm;
	cx.typed_case = size > 0 && data[size - 1] & 1; /* both ways, by the last byte */
	cx.mime = "application/x-ole-storage";
	memset(&d, 0, sizeof(d));
	if (size >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		fmt_ole_read(&cx, (const char *)data, size, &d, &e);
	} else {
		struct ole2 *o;
		for (k = 0; k < nnames && k < 8; k++) {
			size_t n = 0;
			if (at + 4 <= size) {
				n = (size_t)data[at] | (size_t)data[at + 1] << 8 |
				    (size_t)data[at + 2] << 16 | (size_t)data[at + 3] << 24;
				at += 4;
			}
			if (n > size - at)
				n = size - at;
			p[k] = data + at;
			len[k] = n;
			at += n;
		}
		{
			const char *all[8];
			size_t m;
			for (m = 0; m < k; m++)
				all[m] = names[m];
			if (alias && k >= 2 && k < 8) {
				all[k] = alias;
				p[k] = p[1];
				len[k] = len[1];
				k++;
			}
			o = ole2_from_streams(all, p, len, k);
		}
		read(o, &cx, &d, &e);
		ole2_close(o);
	}
	doc_free(&d);
}

#endif
