/*
 * OLE2 compound files. libmagic names them by a guess from the first bytes (msword,
 * vnd.ms-excel, x-ole-storage or CDFV2 for the same kind of file, depending on how much
 * it sees), so the reader is chosen by the streams the container holds.
 */
#include "formats.h"
#include "ole2.h"

int fmt_ole_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	struct ole2 *o = ole2_open(data, n, e);
	int r;

	if (!o)
		return -1;
	if (ole2_has(o, "WordDocument"))
		r = fmt_doc_read(o, cx, d, e);
	else if (ole2_has(o, "Workbook") || ole2_has(o, "Book"))
		r = fmt_xls_read(o, cx, d, e);
	else if (ole2_has(o, "PowerPoint Document"))
		r = fmt_ppt_read(o, cx, d, e);
	else if (ole2_has(o, "EncryptedPackage"))
		r = err_set(e, "encrypted Office file: it needs a password to be read");
	else
		r = err_set(e, "unsupported OLE2 compound file (no Word, Excel or PowerPoint "
		               "stream in it)");
	ole2_close(o);
	return r;
}
