/*
 * libFuzzer target: what parses OCR output — the syllable and number repair (lib/vn_ocrfix)
 * and the signature stamp parser (lib/vn_stamp) — on arbitrary bytes. The repair must give
 * valid UTF-8 with as many words as it was given; the stamp parser must keep its fields
 * inside the input.
 */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_ocrfix.h"
#include "vn_stamp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *fixed, *strip;
	struct vn_stamp st;
	size_t rest;
	int r;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	fixed = vn_ocrfix(s, &r);
	if (!g_utf8_validate(fixed, -1, NULL) || r < 0)
		__builtin_trap();
	free(fixed);
	vn_stamp_parse(s, strlen(s), &st, &rest);
	if ((st.time && strlen(st.time) > 19) || rest > size)
		__builtin_trap();
	vn_stamp_free(&st);
	strip = vn_stamp_strip(s, strlen(s));
	if (strlen(strip) > strlen(s))
		__builtin_trap();
	free(strip);
	free(s);
	return 0;
}
