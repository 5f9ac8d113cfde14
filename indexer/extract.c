#include "extract.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"

struct extractor {
	magic_t magic;
	struct vn_norm *nm;
	int encoding;
	int typed_case;
};

/*
 * MIME types (exact, or a prefix ending in '/') and their readers. The first match wins,
 * so put exact types before prefixes.
 */
static const struct {
	const char *mime;
	fmt_read_fn read;
} readers[] = {
	{"application/json", fmt_text_read},
	{"text/rtf", fmt_rtf_read},
	{"application/pdf", fmt_pdf_read},
	{"application/rtf", fmt_rtf_read},
	{"application/msword", fmt_ole_read},
	{"application/vnd.ms-excel", fmt_ole_read},
	{"application/vnd.ms-powerpoint", fmt_ole_read},
	{"application/vnd.ms-office", fmt_ole_read},
	{"application/x-ole-storage", fmt_ole_read},
	{"application/CDFV2", fmt_ole_read},
	{"application/CDFV2-corrupt", fmt_ole_read},
	{"text/", fmt_text_read},
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

void extractor_set_encoding(struct extractor *x, int cs)
{
	x->encoding = cs;
}

void extractor_set_typed_case(struct extractor *x, int on)
{
	x->typed_case = on;
}

/* libmagic looks at the first bytes only; a large prefix is plenty and keeps it fast. */
#define MAGIC_PREFIX (256 * 1024)

int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d,
		  struct err *e)
{
	struct fmt_ctx cx;
	const char *mime;
	size_t i;

	if (n == 0)
		return err_set(e, "empty file");
	mime = magic_buffer(x->magic, data, n < MAGIC_PREFIX ? n : MAGIC_PREFIX);
	if (!mime)
		return err_set(e, "libmagic failed: %s", magic_error(x->magic));
	cx.nm = x->nm;
	cx.mime = mime;
	cx.encoding = x->encoding;
	cx.typed_case = x->typed_case;
	if (strcmp(mime, "application/octet-stream") == 0 && fmt_pdf_sniff(data, n))
		return fmt_pdf_read(&cx, data, n, d, e);
	if (strcmp(mime, "application/octet-stream") == 0 && fmt_text_sniff(data, n))
		return fmt_text_read(&cx, data, n, d, e);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		size_t len = strlen(readers[i].mime);
		int prefix = readers[i].mime[len - 1] == '/';
		if (prefix ? strncmp(mime, readers[i].mime, len) == 0
			   : strcmp(mime, readers[i].mime) == 0)
			return readers[i].read(&cx, data, n, d, e);
	}
	return err_set(e, "unsupported file type (libmagic says %s)", mime);
}
