/*
 * libFuzzer target: legacy decoding, detection and repair on arbitrary bytes. The first
 * byte picks the charset and the upper-case flag; the rest is the input, used raw (decode,
 * detect) and, where it is UTF-8, as text to repair.
 */
#include <stddef.h>
#include <stdint.h>

#include "vn_enc.h"
#include "vn_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	enum vn_charset cs;
	const char *s;
	double conf;
	int upper, font_upper;

	if (size < 1)
		return 0;
	cs = (enum vn_charset)(data[0] % (VN_CS_UTF8_CP1252 + 1));
	upper = data[0] >> 7;
	s = (const char *)data + 1;
	size--;
	vn_enc_decode(cs, s, size, upper, &out);
	buf_reset(&out);
	cs = vn_enc_detect(s, size, &conf);
	vn_enc_decode(cs, s, size, 0, &out);
	buf_reset(&out);
	if (vn_utf8_check(s, size) == size) {
		vn_enc_repair(VN_CS_UNKNOWN, s, size, upper, &out);
		buf_reset(&out);
		vn_enc_repair((enum vn_charset)(data[0] % (VN_CS_UTF8_CP1252 + 1)), s, size, upper,
		              &out);
		if (size < 200) {
			char name[201];
			size_t i;
			for (i = 0; i < size; i++)
				name[i] = s[i] ? s[i] : ' ';
			name[size] = 0;
			vn_enc_font(name, &font_upper);
		}
	}
	buf_free(&out);
	return 0;
}
