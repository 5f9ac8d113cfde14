/* libFuzzer target: the odt reader's walkers (content.xml, styles.xml), fed through a zip
 * made in memory (zipparts.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../indexer/formats.h"
#include "zipparts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"content.xml", "styles.xml", NULL};
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
	cx.mime = "application/vnd.oasis.opendocument.text";
	memset(&d, 0, sizeof(d));
	fmt_odt_read(&cx, zip, zn, &d, &e);
	doc_free(&d);
	free(zip);
	return 0;
}
