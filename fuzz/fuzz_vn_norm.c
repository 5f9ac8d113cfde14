/* libFuzzer target: the normalizer and tokenizer on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "vn_norm.h"
#include "vn_tok.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const struct vn_word *w, size_t a, size_t b)
{
	(void)w;
	(void)a;
	(void)b;
	(*(size_t *)ctx)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vn_norm *nm;
	struct buf b = BUF_INIT;
	size_t n = 0;
	struct err e;

	if (!nm)
		nm = vn_norm_new(&e);
	vn_tok_each(nm, (const char *)data, size, count, &n);
	vn_norm_nfc(nm, (const char *)data, size, &b, NULL);
	vn_utf8_check((const char *)data, size);
	buf_free(&b);
	return 0;
}
