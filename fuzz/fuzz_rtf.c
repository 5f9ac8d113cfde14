/* libFuzzer target: the in-house RTF reader on arbitrary bytes (prefixed with {\rtf1 so
 * the parser, not the header check, is exercised). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "formats.h"
#include "vn_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vn_norm *nm;
	struct fmt_ctx cx;
	struct doc d;
	struct err e;
	char *buf;

	if (!nm)
		nm = vn_norm_new(&e);
	if (!nm)
		return 0;
	buf = malloc(size + 6);
	if (!buf)
		return 0;
	memcpy(buf, "{\\rtf1", 6);
	memcpy(buf + 6, data, size);
	memset(&cx, 0, sizeof(cx));
	cx.nm = nm;
	cx.mime = "text/rtf";
	cx.typed_case = size > 0 && (data[0] & 1);
	memset(&d, 0, sizeof(d));
	fmt_rtf_read(&cx, buf, size + 6, &d, &e);
	doc_free(&d);
	free(buf);
	return 0;
}
