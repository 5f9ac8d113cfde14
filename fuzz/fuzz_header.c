/* libFuzzer target: layout (footnotes, page-break joins), header and foot, and the fact
 * extractors on arbitrary text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../indexer/doc.h"
#include "../indexer/facts.h"
#include "../indexer/header.h"
#include "../indexer/layout.h"
#include "vn_norm.h"
#include "vn_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vn_norm *nm;
	struct buf b = BUF_INIT;
	struct doc d;
	struct vn_ref r;
	struct err e;

	if (!nm)
		nm = vn_norm_new(&e);
	vn_ref_parse((const char *)data, size, &r);
	memset(&d, 0, sizeof(d));
	vn_norm_nfc(nm, (const char *)data, size, &b, NULL);
	doc_add_block(&d, BLK_TEXT, buf_detach(&b), NULL);
	layout_doc(&d, nm);
	header_parse(&d, nm);
	facts_extract(&d, nm);
	doc_free(&d);
	return 0;
}
