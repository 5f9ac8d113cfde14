/* libFuzzer target: the Word .doc reader (FIB, piece table, styles, FKPs, fonts, notes). */
#include "ole_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the table stream twice: the FIB chooses 0Table or 1Table */
	static const char *const names[] = {"WordDocument", "1Table", "0Table"};
	static const char *const names1[] = {"WordDocument", "0Table", "1Table"};

	fuzz_ole(data, size, size && data[0] & 1 ? names1 : names, 3, fmt_doc_read);
	return 0;
}
