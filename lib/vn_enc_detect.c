/* vn_enc detection and repair of text of unknown encoding. */
#include <string.h>

#include "vn_enc.h"
#include "vn_enc_impl.h"
#include "vn_norm.h"

enum vn_charset vn_enc_detect(const char *bytes, size_t n, double *confidence)
{
	if (confidence)
		*confidence = 0;
	if (vn_utf8_check(bytes, n) == n) {
		if (confidence)
			*confidence = 1;
		return VN_CS_UTF8;
	}
	return VN_CS_UNKNOWN;
}

enum vn_charset vn_enc_repair(enum vn_charset cs, const char *utf8, size_t n, int upper,
                              struct buf *out)
{
	if (cs >= VN_CS_TCVN3 && cs <= VN_CS_CP1258) {
		vn_enc_repair_as(cs, utf8, n, upper, out);
		return cs;
	}
	buf_add(out, utf8, n);
	return VN_CS_UTF8;
}
