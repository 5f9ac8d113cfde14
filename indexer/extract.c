#include "extract.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>

struct extractor {
	magic_t magic;
	struct vn_norm *nm;
};

struct extractor *extractor_new(struct err *e)
{
	struct extractor *x = xcalloc(1, sizeof(*x));

	x->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (!x->magic || magic_load(x->magic, NULL) != 0) {
		err_set(e, "libmagic: cannot load its database: %s",
			x->magic ? magic_error(x->magic) : "out of memory");
		extractor_free(x);
		return NULL;
	}
	x->nm = vn_norm_new(e);
	if (!x->nm) {
		extractor_free(x);
		return NULL;
	}
	return x;
}

void extractor_free(struct extractor *x)
{
	if (!x)
		return;
	if (x->magic)
		magic_close(x->magic);
	vn_norm_free(x->nm);
	free(x);
}

struct vn_norm *extractor_norm(struct extractor *x)
{
	return x->nm;
}

/* libmagic looks at the first bytes only; a large prefix is plenty and keeps it fast. */
#define MAGIC_PREFIX (256 * 1024)

static int decode_utf8(struct extractor *x, const char *data, size_t n, struct doc *d,
		       struct err *e)
{
	struct buf out = BUF_INIT;
	size_t bad;

	d->encoding = "utf-8";
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		n -= 3;
		d->encoding = "utf-8-bom";
	}
	bad = vn_utf8_check(data, n);
	if (bad != n)
		return err_set(e, "not UTF-8 text: invalid byte 0x%02X at offset %zu",
			       (unsigned char)data[bad], bad);
	vn_norm_nfc(x->nm, data, n, &out, NULL);
	d->text = buf_detach(&out);
	d->ntext = strlen(d->text);
	d->format = "text";
	return 0;
}

int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d,
		  struct err *e)
{
	const char *mime;

	if (n == 0)
		return err_set(e, "empty file");
	mime = magic_buffer(x->magic, data, n < MAGIC_PREFIX ? n : MAGIC_PREFIX);
	if (!mime)
		return err_set(e, "libmagic failed: %s", magic_error(x->magic));
	if (starts_with(mime, "text/") || strcmp(mime, "application/json") == 0)
		return decode_utf8(x, data, n, d, e);
	return err_set(e, "unsupported file type (libmagic says %s)", mime);
}
