#include "extract.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embedded.h"
#include "fmt_archive.h"
#include "formats.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

/* the signature stages skip the checks whose answers no reader uses (executables, JSON
 * and CSV, which the text reader takes anyway) */
#define MAGIC_SIG_FLAGS                                                                            \
	(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_TEXT | MAGIC_NO_CHECK_ENCODING |           \
	 MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_APPTYPE | MAGIC_NO_CHECK_JSON | MAGIC_NO_CHECK_CSV)

/*
 * Three libmagic cookies. `sig` knows only signatures (zip, OLE2, PDF, RTF, images…);
 * `full` adds libmagic's text analysis (plain text, HTML, XML, JSON…), which runs dozens
 * of regular expressions and costs milliseconds per file — so it only sees files without
 * a signature, and only their first 512 bytes (enough for <!DOCTYPE, <?xml, {). `text`
 * holds the few signatures a file that opens as text can carry (data/text_signatures.magic):
 * such files, most of an archive, are asked that first, and go to `sig` only on a match.
 * `sig` sweeps the whole system database on each call, 145 us a file whatever the buffer
 * (15% of the workers' CPU on make bench's corpus); `text` takes 1 us.
 */
struct extractor {
	magic_t sig, full, text;
	void *text_db; /* libmagic keeps using the buffer it loaded */
	struct vn_norm *nm;
	int encoding;
	int typed_case;
	struct ocr *ocr; /* shared by all workers; not owned */
};

/*
 * MIME types (exact, or a prefix ending in '/') and their readers. The first match wins,
 * so put exact types before prefixes.
 */
#define DOCX_MIME "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define ODT_MIME  "application/vnd.oasis.opendocument.text"

static const struct {
	const char *mime;
	fmt_read_fn read;
} readers[] = {
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", fmt_docx_read},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.template", fmt_docx_read},
    {"application/vnd.ms-word.document.macroenabled.12", fmt_docx_read},
    {"application/vnd.ms-word.template.macroenabled.12", fmt_docx_read},
    {"application/vnd.oasis.opendocument.text", fmt_odt_read},
    {"application/vnd.oasis.opendocument.text-template", fmt_odt_read},
    {"text/rtf", fmt_rtf_read},
    {"application/rtf", fmt_rtf_read},
    {"application/pdf", fmt_pdf_read},
    {"text/html", fmt_html_read},
    {"application/xhtml+xml", fmt_html_read},
    {"application/msword", fmt_ole_read},
    {"application/vnd.ms-excel", fmt_ole_read},
    {"application/vnd.ms-powerpoint", fmt_ole_read},
    {"application/vnd.ms-office", fmt_ole_read},
    {"application/x-ole-storage", fmt_ole_read},
    {"application/CDFV2", fmt_ole_read},
    {"application/CDFV2-corrupt", fmt_ole_read},
    {"image/png", fmt_image_read},
    {"image/jpeg", fmt_image_read},
    {"image/tiff", fmt_image_read},
    {"application/json", fmt_text_read},
    {"text/", fmt_text_read},
};

/* The `text` cookie: the same checks as `sig`, over the embedded compiled database. The
 * buffer is a copy: libmagic may byte-swap a database it loads, in place. */
static int text_db_load(struct extractor *x, struct err *e)
{
	const struct embedded_file *f = embedded_find("data/text_signatures.mgc");
	size_t size;

	if (!f)
		return err_set(e, "libmagic: data/text_signatures.mgc is missing from this build");
	x->text = magic_open(MAGIC_SIG_FLAGS);
	if (!x->text)
		return err_set(e, "libmagic: out of memory");
	x->text_db = xmalloc(f->len);
	memcpy(x->text_db, f->data, f->len);
	size = f->len;
	if (magic_load_buffers(x->text, &x->text_db, &size, 1) != 0)
		return err_set(e, "libmagic: cannot load data/text_signatures.mgc: %s",
		               magic_error(x->text));
	return 0;
}

struct extractor *extractor_new(struct err *e)
{
	struct extractor *x;

	/* libmagic, and everything else the extractors and the indexer (hashing) call, which
	 * they do only once they hold an extractor */
	if (dl_load(DL_CORE, e) != 0)
		return NULL;
	x = xcalloc(1, sizeof(*x));
	x->sig = magic_open(MAGIC_SIG_FLAGS);
	x->full = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (!x->sig || !x->full || magic_load(x->sig, NULL) != 0 ||
	    magic_load(x->full, NULL) != 0) {
		err_set(e, "libmagic: cannot load its database: %s",
		        x->sig ? magic_error(x->sig) : "out of memory");
		extractor_free(x);
		return NULL;
	}
	if (text_db_load(x, e) != 0) {
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
	if (x->text)
		magic_close(x->text);
	free(x->text_db);
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

void extractor_set_ocr(struct extractor *x, struct ocr *o)
{
	x->ocr = o;
}

/*
 * How much of a file libmagic sees. Every container format announces itself in its first
 * bytes, and on text libmagic runs dozens of regular expressions over whatever it is given
 * (it was a third of indexing time with 256 KiB); the text readers validate the whole file
 * themselves anyway.
 */
#define MAGIC_PREFIX      (4 * 1024)
#define MAGIC_TEXT_PREFIX 512

/*
 * Whether the first n bytes hold no control character but the layout ones (TAB, LF, FF,
 * CR). Every signature that needs more than the first few hundred bytes belongs to a binary
 * container (zip members, OLE2 directories, tar headers); a file that opens like this is a
 * text format, whose signature is at its start, or no format at all. Such files — most of
 * an archive — go to libmagic with MAGIC_TEXT_PREFIX bytes: it sweeps its whole database
 * for each call, and a longer buffer makes its searches and regular expressions longer.
 */
static int text_like_head(const char *data, size_t n)
{
	size_t i;
	unsigned bad = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];
		bad |= (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\f') & (c != '\r');
	}
	return !bad;
}

/* The MIME type of data, as libmagic says (see struct extractor for the three stages). */
static const char *mime_of(struct extractor *x, const char *data, size_t n, struct err *e)
{
	size_t head = n < MAGIC_PREFIX ? n : MAGIC_PREFIX;
	const char *m;

	if (head > MAGIC_TEXT_PREFIX && text_like_head(data, head)) {
		head = MAGIC_TEXT_PREFIX;
		m = magic_buffer(x->text, data, head);
		if (!m || strcmp(m, "application/octet-stream") == 0)
			goto no_signature;
	}
	m = magic_buffer(x->sig, data, head);

	/* zlib's signature is two bytes that Vietnamese text often starts with ("Xác", "Xây":
	 * 58 C3 passes its check): only the text-aware stage can tell */
	if (m && strcmp(m, "application/octet-stream") != 0 && strcmp(m, "application/zlib") != 0)
		return m;
no_signature:
	/* No signature. libmagic's text analysis can tell markup (HTML, XHTML, XML) from plain
	 * text — the only distinction the readers need among text types — and markup opens
	 * with a '<' in its first bytes; without one, the answer stays "no signature" and the
	 * text reader decides whether the bytes are text at all (fmt_text_sniff). */
	if (!memchr(data, '<', n < MAGIC_TEXT_PREFIX ? n : MAGIC_TEXT_PREFIX))
		return "application/octet-stream";
	m = magic_buffer(x->full, data, n < MAGIC_TEXT_PREFIX ? n : MAGIC_TEXT_PREFIX);
	if (!m)
		err_set(e, "libmagic failed: %s", magic_error(x->full));
	return m;
}

static int read_as(struct extractor *x, const char *mime, const char *data, size_t n,
                   struct arc_budget *b, struct doc *d, struct err *e)
{
	struct fmt_ctx cx;
	size_t i;

	cx.nm = x->nm;
	cx.mime = mime;
	cx.budget = b;
	cx.encoding = x->encoding;
	cx.typed_case = x->typed_case;
	cx.ocr = x->ocr;
	if (strcmp(mime, "application/octet-stream") == 0 && fmt_pdf_sniff(data, n))
		return fmt_pdf_read(&cx, data, n, d, e);
	if (strcmp(mime, "application/octet-stream") == 0 && fmt_text_sniff(data, n))
		return fmt_text_read(&cx, data, n, d, e);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		size_t len = strlen(readers[i].mime);
		int prefix = readers[i].mime[len - 1] == '/';
		if (prefix ? strncasecmp(mime, readers[i].mime, len) == 0
		           : strcasecmp(mime, readers[i].mime) == 0)
			return readers[i].read(&cx, data, n, d, e);
	}
	return err_set(e, "unsupported file type (libmagic says %s)", mime);
}

static const char *sniff(struct extractor *x, const char *data, size_t n, struct err *e)
{
	return mime_of(x, data, n, e);
}

int extract_bytes(struct extractor *x, const char *data, size_t n, struct doc *d, struct err *e)
{
	const char *mime;

	if (n == 0)
		return err_set(e, "empty file");
	if (!(mime = sniff(x, data, n, e)))
		return -1;
	return read_as(x, mime, data, n, NULL, d, e);
}

int extract_is_plain_text(struct extractor *x, const char *data, size_t n)
{
	struct err e;
	const char *mime = sniff(x, data, n, &e);
	size_t i;

	if (!mime)
		return 0;
	if (strcmp(mime, "application/octet-stream") == 0)
		return fmt_text_sniff(data, n);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		size_t len = strlen(readers[i].mime);
		int prefix = readers[i].mime[len - 1] == '/';
		if (prefix ? strncasecmp(mime, readers[i].mime, len) == 0
		           : strcasecmp(mime, readers[i].mime) == 0)
			return readers[i].read == fmt_text_read;
	}
	return 0;
}

void docset_fail(struct docset *s, char *line)
{
	s->fails = xgrow(s->fails, &s->fcap, s->nfails + 1, sizeof(*s->fails));
	s->fails[s->nfails++] = line;
}

void docset_free(struct docset *s)
{
	size_t i;
	for (i = 0; i < s->ndocs; i++)
		doc_free(&s->docs[i]);
	for (i = 0; i < s->nfails; i++)
		free(s->fails[i]);
	free(s->docs);
	free(s->fails);
	memset(s, 0, sizeof(*s));
}

int extract_member(struct extractor *x, const char *path, const char *data, size_t n,
                   long long mtime, int depth, struct arc_budget *b, struct docset *out,
                   struct err *e)
{
	const char *mime, *office = NULL;
	struct doc d;
	struct err me;

	if (n == 0)
		goto bad_empty;
	if (!(mime = sniff(x, data, n, &me)))
		goto bad;
	if (strcasecmp(mime, "application/zip") == 0 && (office = arc_office_kind(data, n)) != NULL)
		mime = strcmp(office, "docx") == 0 ? DOCX_MIME : ODT_MIME;
	if (archive_mime(mime)) {
		/* a failure inside a nested archive is that member's, not the file's */
		if (archive_expand(x, path, data, n, depth, b, out, depth > 1 ? &me : e) != 0) {
			if (depth == 1)
				return -1;
			goto bad;
		}
		return 0;
	}
	memset(&d, 0, sizeof(d));
	if (read_as(x, mime, data, n, b, &d, depth > 1 ? &me : e) != 0) {
		doc_free(&d);
		if (depth == 1)
			return -1;
		goto bad;
	}
	d.path = xstrdup(path);
	d.size = (long long)n;
	d.mtime = mtime;
	out->docs = xgrow(out->docs, &out->cap, out->ndocs + 1, sizeof(*out->docs));
	out->docs[out->ndocs++] = d;
	return 0;
bad_empty:
	if (depth == 1)
		return err_set(e, "empty file");
	err_set(&me, "empty file");
bad : {
	struct buf line = BUF_INIT;
	buf_printf(&line, "%s: %s", path, me.msg);
	docset_fail(out, buf_detach(&line));
	return 0;
}
}

int extract_file(struct extractor *x, const char *path, const char *data, size_t n, long long mtime,
                 struct docset *out, struct err *e)
{
	struct arc_budget b;

	arc_budget_init(&b, n);
	if (extract_member(x, path, data, n, mtime, 1, &b, out, e) != 0) {
		docset_free(out);
		return -1;
	}
	return 0;
}
