/*
 * libFuzzer target: what parses OCR output — the syllable and number repair (lib/vn_ocrfix)
 * and the signature stamp parser (lib/vn_stamp) — on arbitrary bytes. The repair must give
 * valid UTF-8 with as many words as it was given; the stamp parser must keep its fields
 * inside the input; the regrouping of wrapped table cells (indexer/ocr.c) must keep every
 * word, and the dotted leaders found among boxes (indexer/ocr.c) be chains of six dots.
 */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocr.h"
#include "vn_ocrfix.h"
#include "vn_stamp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ocr_regroup on the input's blank-separated words, with boxes drawn from its bytes: the
 * result must be valid UTF-8 when the input is, and hold the same words. */
static void regroup(const char *s, const uint8_t *data, size_t size)
{
	char *copy = strdup(s), *save = NULL, *tok, *out;
	struct ocr_word *w = calloc(strlen(s) / 2 + 2, sizeof(*w));
	size_t n = 0, i;

	if (!copy || !w) {
		free(copy);
		free(w);
		return;
	}
	for (tok = strtok_r(copy, " \n\t\r", &save); tok; tok = strtok_r(NULL, " \n\t\r", &save)) {
		uint8_t b = size ? data[(n * 7) % size] : 0;
		w[n].text = tok;
		w[n].l = (int)(b % 16) * 100 + (int)(n % 5) * 10;
		w[n].r = w[n].l + 20 + (b >> 4) * 10;
		w[n].t = (int)(n / 6) * 70 + (b & 3) * 20;
		w[n].b = w[n].t + 30 + (b & 12);
		n++;
	}
	out = ocr_regroup(s, w, n);
	if (out) {
		size_t words = 0, in = 0;
		for (i = 0; out[i]; i++)
			words +=
			    !strchr(" \n\t\r", out[i]) && (i == 0 || strchr(" \n\t\r", out[i - 1]));
		for (i = 0; s[i]; i++)
			in += !strchr(" \n\t\r", s[i]) && (i == 0 || strchr(" \n\t\r", s[i - 1]));
		if (words != in ||
		    (g_utf8_validate(s, -1, NULL) && !g_utf8_validate(out, -1, NULL)))
			__builtin_trap();
		free(out);
	}
	free(w);
	free(copy);
}

/* ocr_leaders on boxes drawn from the input's bytes (four a box): a leader is six dots or
 * more, and what it marks is counted. */
static void leaders(const uint8_t *data, size_t size)
{
	size_t n = size / 4, i, m = 0, found;
	struct ocr_box *c = calloc(n + 1, sizeof(*c));
	unsigned char *lead = calloc(n + 1, 1);

	if (!c || !lead) {
		free(c);
		free(lead);
		return;
	}
	for (i = 0; i < n; i++) {
		const uint8_t *d = data + 4 * i;
		c[i].l = d[0] * 4;
		c[i].t = (d[1] & 0xF0) * 2;
		c[i].r = c[i].l + (d[2] & 31);
		c[i].b = c[i].t + (d[3] & 31);
	}
	found = ocr_leaders(c, n, size ? 40 + data[0] % 64 : 0, lead);
	for (i = 0; i < n; i++)
		m += lead[i];
	if (m != found || (found && found < 6))
		__builtin_trap();
	free(c);
	free(lead);
}

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
	regroup(s, data, size);
	leaders(data, size);
	free(s);
	return 0;
}
