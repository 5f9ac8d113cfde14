/* libFuzzer target: the Word .doc reader (FIB, piece table, styles, FKPs, fonts, lists, notes). */
#include "ole_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the table stream under both names: the FIB chooses 0Table or 1Table */
	static const char *const names[] = {"WordDocument", "1Table"};

	fuzz_ole(data, size, names, 2, "0Table", fmt_doc_read);
	return 0;
}
