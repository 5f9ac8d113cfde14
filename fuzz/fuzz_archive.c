/* libFuzzer target: a file on disk as the indexer takes it — libmagic, then archives
 * expanded member by member (names, nesting, limits), docx/odt/html/text readers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../indexer/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct extractor *x;
	struct docset set;
	struct err e;

	if (!x)
		x = extractor_new(&e);
	memset(&set, 0, sizeof(set));
	if (extract_file(x, "/fuzz/input", (const char *)data, size, 0, &set, &e) == 0)
		docset_free(&set);
	return 0;
}
