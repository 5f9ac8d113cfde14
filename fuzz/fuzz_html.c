/*
 * libFuzzer target: the HTML reader (SAX walk, footnote markers, charset handling).
 * One input in four goes in raw (undeclared bytes are read as windows-1252 and every
 * paragraph goes through legacy detection, which costs most of the time and is fuzzed by
 * enc's own target); the others get a UTF-8 byte-order mark in place of their first byte,
 * so most executions exercise this reader's walk.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../indexer/formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vn_norm *nm;
	struct fmt_ctx cx;
	struct doc d;
	struct err e;

	if (!nm)
		nm = vn_norm_new(&e);
	memset(&cx, 0, sizeof(cx));
	cx.nm = nm;
	cx.mime = "text/html";
	memset(&d, 0, sizeof(d));
	if (size > 0 && data[0] % 4 != 0) {
		char *bom = malloc(size + 2);
		memcpy(bom, "\xef\xbb\xbf", 3);
		memcpy(bom + 3, data + 1, size - 1);
		fmt_html_read(&cx, bom, size + 2, &d, &e);
		free(bom);
	} else {
		fmt_html_read(&cx, (const char *)data, size, &d, &e);
	}
	doc_free(&d);
	return 0;
}
