/* libFuzzer target: the docx reader's XML walkers (document, styles, footnotes, endnotes,
 * relationships), fed through a zip made in memory (zipparts.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../indexer/formats.h"
#include "zipparts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"word/document.xml",
	                                    "word/styles.xml",
	                                    "word/footnotes.xml",
	                                    "word/endnotes.xml",
	                                    "word/_rels/document.xml.rels",
	                                    "_rels/.rels",
	                                    NULL};
	static struct vn_norm *nm;
	struct fmt_ctx cx;
	struct doc d;
	struct err e;
	size_t zn;
	char *zip;

	if (!nm)
		nm = vn_norm_new(&e);
	zip = zip_parts((const char *)data, size, names, &zn);
	memset(&cx, 0, sizeof(cx));
	cx.nm = nm;
	cx.mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	memset(&d, 0, sizeof(d));
	fmt_docx_read(&cx, zip, zn, &d, &e);
	doc_free(&d);
	free(zip);
	return 0;
}
