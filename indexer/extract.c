#include "extract.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"

/*
 * Two libmagic cookies. `sig` knows only signatures (zip, OLE2, PDF, RTF, images…) and is
 * fast; `full` adds libmagic's text analysis (plain text, HTML, XML, JSON…), which runs
 * dozens of regular expressions and costs milliseconds per file — so it only sees files
 * without a signature, and only their first 512 bytes (enough for <!DOCTYPE, <?xml, {).
 */
struct extractor {
	magic_t sig, full;
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
	{"text/", fmt_text_read},
};

struct extractor *extractor_new(struct err *e)
{
	struct extractor *x = xcalloc(1, sizeof(*x));

	x->sig = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_TEXT |
			    MAGIC_NO_CHECK_ENCODING);
	x->full = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (!x->sig || !x->full || magic_load(x->sig, NULL) != 0 || magic_load(x->full, NULL) != 0) {
		err_set(e, "libmagic: cannot load its database: %s",
			x->sig ? magic_error(x->sig) : "out of memory");
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
	if (x->sig)
		magic_close(x->sig);
	if (x->full)
		magic_close(x->full);
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

/*
 * How much of a file libmagic sees. Every container format announces itself in its first
 * bytes, and on text libmagic runs dozens of regular expressions over whatever it is given
 * (it was a third of indexing time with 256 KiB); the text readers validate the whole file
 * themselves anyway.
 */
#define MAGIC_PREFIX (4 * 1024)
#define MAGIC_TEXT_PREFIX 512

/* The MIME type of data, as libmagic says (see struct extractor for the two stages). */
static const char *mime_of(struct extractor *x, const char *data, size_t n, struct err *e)
{
	const char *m = magic_buffer(x->sig, data, n < MAGIC_PREFIX ? n : MAGIC_PREFIX);

	if (m && strcmp(m, "application/octet-stream") != 0)
		return m;
	m = magic_buffer(x->full, data, n < MAGIC_TEXT_PREFIX ? n : MAGIC_TEXT_PREFIX);
	if (!m)
		err_set(e, "libmagic failed: %s", magic_error(x->full));
	return m;
}

int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d,
		  struct err *e)
{
	struct fmt_ctx cx;
	const char *mime;
	size_t i;

	if (n == 0)
		return err_set(e, "empty file");
	mime = mime_of(x, data, n, e);
	if (!mime)
		return -1;
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
