/* libFuzzer target: the Excel .xls reader (BIFF records, CONTINUE, SST, fonts, cells). */
#include "ole_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"Workbook"};

	fuzz_ole(data, size, names, 1, NULL, fmt_xls_read);
	return 0;
}
