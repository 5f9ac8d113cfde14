/*
 * out_docx: the report as a Word 2007+ file: a zip (libarchive) holding document.xml and
 * footnotes.xml written with libxml2's writer. Modern files are Unicode in Times New Roman;
 * "legacy" files are what converted TCVN3 documents look like — every legacy byte stored
 * as its Windows-1252 character, in runs whose font (.VnTime, .VnTimeH) says how to read
 * them. Entries are stored, not deflated, with a fixed date, so that a seed gives the
 * same bytes whatever zlib the machine has.
 */
#include "out.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "legacy.h"
#include "render.h"
#include "world.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

struct docx {
	struct ctx *c;
	xmlTextWriterPtr w;
	int legacy, upper;
	unsigned style;
	int failed;
	struct err *e;
};

static void attr(xmlTextWriterPtr w, const char *name, const char *v)
{
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST v);
}

static void empty(xmlTextWriterPtr w, const char *name, const char *aname, const char *aval)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
	if (aname)
		attr(w, aname, aval);
	xmlTextWriterEndElement(w);
}

static void run_props(struct docx *x)
{
	xmlTextWriterPtr w = x->w;
	const char *font = x->legacy ? (x->upper ? ".VnTimeH" : ".VnTime") : "Times New Roman";

	xmlTextWriterStartElement(w, BAD_CAST "w:rPr");
	xmlTextWriterStartElement(w, BAD_CAST "w:rFonts");
	attr(w, "w:ascii", font);
	attr(w, "w:hAnsi", font);
	if (!x->legacy)
		attr(w, "w:cs", font);
	xmlTextWriterEndElement(w);
	if (x->style & ST_BOLD)
		empty(w, "w:b", NULL, NULL);
	if (x->style & ST_ITALIC)
		empty(w, "w:i", NULL, NULL);
	empty(w, "w:sz", "w:val", "26");
	xmlTextWriterEndElement(w);
}

static void write_t(xmlTextWriterPtr w, const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	xmlTextWriterStartElement(w, BAD_CAST "w:t");
	attr(w, "xml:space", "preserve");
	xmlTextWriterWriteString(w, BAD_CAST t);
	xmlTextWriterEndElement(w);
	free(t);
}

static void docx_text(void *ctx, const char *s, size_t n)
{
	struct docx *x = ctx;
	struct buf conv = BUF_INIT, enc = BUF_INIT;
	char *low = NULL;
	size_t i, from = 0;

	if (x->failed)
		return;
	if (x->legacy) {
		if (x->upper) {
			char *tmp = xstrndup(s, n);
			low = utf8_lower(tmp);
			free(tmp);
			s = low;
			n = strlen(low);
		}
		if (legacy_encode(VN_CS_TCVN3, s, n, &enc, x->e) != 0) {
			x->failed = 1;
			free(low);
			return;
		}
		legacy_bytes_as_cp1252(enc.p ? enc.p : "", enc.n, &conv);
		s = buf_str(&conv);
		n = conv.n;
	}
	xmlTextWriterStartElement(x->w, BAD_CAST "w:r");
	run_props(x);
	/* line breaks inside a paragraph (the signature block) */
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		if (i > from)
			write_t(x->w, s + from, i - from);
		if (i < n)
			empty(x->w, "w:br", NULL, NULL);
		from = i + 1;
	}
	xmlTextWriterEndElement(x->w);
	buf_free(&conv);
	buf_free(&enc);
	free(low);
}

static void docx_style(void *ctx, unsigned style, int on)
{
	struct docx *x = ctx;
	if (on)
		x->style |= style;
	else
		x->style &= ~style;
}

static void docx_ref(void *ctx, int note)
{
	struct docx *x = ctx;
	char id[16];

	snprintf(id, sizeof(id), "%d", note);
	xmlTextWriterStartElement(x->w, BAD_CAST "w:r");
	xmlTextWriterStartElement(x->w, BAD_CAST "w:rPr");
	empty(x->w, "w:vertAlign", "w:val", "superscript");
	xmlTextWriterEndElement(x->w);
	empty(x->w, "w:footnoteReference", "w:id", id);
	xmlTextWriterEndElement(x->w);
}

static const struct para_walker walker = {docx_text, docx_style, docx_ref};

static void paragraph(struct docx *x, const struct para *p, int footnote_first)
{
	xmlTextWriterPtr w = x->w;

	xmlTextWriterStartElement(w, BAD_CAST "w:p");
	xmlTextWriterStartElement(w, BAD_CAST "w:pPr");
	empty(w, "w:jc", "w:val", p->center ? "center" : "both");
	xmlTextWriterEndElement(w);
	if (footnote_first) {
		xmlTextWriterStartElement(w, BAD_CAST "w:r");
		xmlTextWriterStartElement(w, BAD_CAST "w:rPr");
		empty(w, "w:vertAlign", "w:val", "superscript");
		xmlTextWriterEndElement(w);
		empty(w, "w:footnoteRef", NULL, NULL);
		xmlTextWriterEndElement(w);
		docx_text(x, " ", 1);
	}
	x->style = 0;
	x->upper = !p->note && p->upper;
	para_walk(p, &walker, x);
	xmlTextWriterEndElement(w);
}

static xmlTextWriterPtr start(xmlBufferPtr *b)
{
	xmlTextWriterPtr w;

	*b = xmlBufferCreate();
	w = xmlNewTextWriterMemory(*b, 0);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes");
	return w;
}

static void document_xml(struct docx *x, xmlBufferPtr *b)
{
	struct doc *d = x->c->d;
	size_t i;

	x->w = start(b);
	xmlTextWriterStartElement(x->w, BAD_CAST "w:document");
	attr(x->w, "xmlns:w", NS_W);
	attr(x->w, "xmlns:r", NS_R);
	xmlTextWriterStartElement(x->w, BAD_CAST "w:body");
	for (i = 0; i < d->nparas; i++)
		if (!d->paras[i].note)
			paragraph(x, &d->paras[i], 0);
	xmlTextWriterStartElement(x->w, BAD_CAST "w:sectPr");
	xmlTextWriterStartElement(x->w, BAD_CAST "w:pgSz");
	attr(x->w, "w:w", "11906");
	attr(x->w, "w:h", "16838");
	xmlTextWriterEndElement(x->w);
	xmlTextWriterEndElement(x->w);
	xmlTextWriterEndDocument(x->w);
	xmlFreeTextWriter(x->w);
}

static void footnotes_xml(struct docx *x, xmlBufferPtr *b)
{
	struct doc *d = x->c->d;
	int n;
	size_t i;

	x->w = start(b);
	xmlTextWriterStartElement(x->w, BAD_CAST "w:footnotes");
	attr(x->w, "xmlns:w", NS_W);
	attr(x->w, "xmlns:r", NS_R);
	for (n = -1; n <= 0; n++) {
		char id[16];
		snprintf(id, sizeof(id), "%d", n);
		xmlTextWriterStartElement(x->w, BAD_CAST "w:footnote");
		attr(x->w, "w:type", n < 0 ? "separator" : "continuationSeparator");
		attr(x->w, "w:id", id);
		xmlTextWriterStartElement(x->w, BAD_CAST "w:p");
		xmlTextWriterStartElement(x->w, BAD_CAST "w:r");
		empty(x->w, n < 0 ? "w:separator" : "w:continuationSeparator", NULL, NULL);
		xmlTextWriterEndElement(x->w);
		xmlTextWriterEndElement(x->w);
		xmlTextWriterEndElement(x->w);
	}
	for (n = 1; n <= d->nnotes; n++) {
		char id[16];
		int first = 1;
		snprintf(id, sizeof(id), "%d", n);
		xmlTextWriterStartElement(x->w, BAD_CAST "w:footnote");
		attr(x->w, "w:id", id);
		for (i = 0; i < d->nparas; i++)
			if (d->paras[i].note == n) {
				paragraph(x, &d->paras[i], first);
				first = 0;
			}
		xmlTextWriterEndElement(x->w);
	}
	xmlTextWriterEndDocument(x->w);
	xmlFreeTextWriter(x->w);
}

static void core_xml(struct docx *x, struct buf *b)
{
	struct header *h = &x->c->hd;
	xmlBufferPtr xb;
	xmlTextWriterPtr w = start(&xb);

	xmlTextWriterStartElement(w, BAD_CAST "cp:coreProperties");
	attr(w, "xmlns:cp",
	     "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xmlTextWriterWriteElement(w, BAD_CAST "dc:title", BAD_CAST h->title);
	xmlTextWriterWriteElement(w, BAD_CAST "dc:creator", BAD_CAST "thidua-gen (synthetic)");
	xmlTextWriterWriteElement(w, BAD_CAST "dc:description",
	                          BAD_CAST
	                          "Synthetic document generated by thidua-gen, not a real report.");
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	buf_add(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footnotes\" Target=\"footnotes.xml\"/>"
    "</Relationships>\n";

static la_ssize_t to_buf(struct archive *a, void *ctx, const void *data, size_t n)
{
	(void)a;
	buf_add(ctx, data, n);
	return (la_ssize_t)n;
}

static int add_entry(struct archive *a, const char *name, const void *data, size_t n, time_t when)
{
	struct archive_entry *e = archive_entry_new();
	int rc;

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, when, 0);
	rc = archive_write_header(a, e);
	if (rc == ARCHIVE_OK && archive_write_data(a, data, n) != (la_ssize_t)n)
		rc = ARCHIVE_FATAL;
	archive_entry_free(e);
	return rc == ARCHIVE_OK ? 0 : -1;
}

int write_docx(struct ctx *c, int legacy, struct buf *out, struct err *e)
{
	struct docx x;
	xmlBufferPtr doc = NULL, notes = NULL;
	struct buf core = BUF_INIT;
	struct archive *a;
	int rc = 0;
	/* noon of the report's date, UTC: a fixed, plausible modification time */
	struct tm tm;
	time_t when;

	memset(&x, 0, sizeof(x));
	x.c = c;
	x.legacy = legacy;
	x.e = e;
	document_xml(&x, &doc);
	if (!x.failed)
		footnotes_xml(&x, &notes);
	if (x.failed) {
		if (doc)
			xmlBufferFree(doc);
		if (notes)
			xmlBufferFree(notes);
		return -1;
	}
	core_xml(&x, &core);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = c->hd.year - 1900;
	tm.tm_mon = c->hd.month - 1;
	tm.tm_mday = c->hd.day;
	tm.tm_hour = 12;
	when = timegm(&tm);
	a = archive_write_new();
	archive_write_set_format_zip(a);
	archive_write_set_options(a, "zip:compression=store");
	archive_write_set_bytes_per_block(a, 0);
	if (archive_write_open2(a, out, NULL, to_buf, NULL, NULL) != ARCHIVE_OK)
		rc = err_set(e, "libarchive: %s", archive_error_string(a));
	if (!rc)
		rc =
		    add_entry(a, "[Content_Types].xml", content_types, strlen(content_types),
		              when) |
		    add_entry(a, "_rels/.rels", rels, strlen(rels), when) |
		    add_entry(a, "word/document.xml", xmlBufferContent(doc),
		              (size_t)xmlBufferLength(doc), when) |
		    add_entry(a, "word/_rels/document.xml.rels", doc_rels, strlen(doc_rels), when) |
		    add_entry(a, "word/footnotes.xml", xmlBufferContent(notes),
		              (size_t)xmlBufferLength(notes), when) |
		    add_entry(a, "docProps/core.xml", core.p, core.n, when);
	if (rc)
		err_set(e, "libarchive: %s", archive_error_string(a));
	if (archive_write_close(a) != ARCHIVE_OK && !rc)
		rc = err_set(e, "libarchive: %s", archive_error_string(a));
	archive_write_free(a);
	xmlBufferFree(doc);
	xmlBufferFree(notes);
	buf_free(&core);
	return rc ? -1 : 0;
}
