/* libFuzzer target: the PowerPoint .ppt reader (edits, persist directory, records, styles). */
#include "ole_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"Current User", "PowerPoint Document"};

	fuzz_ole(data, size, names, 2, NULL, fmt_ppt_read);
	return 0;
}
