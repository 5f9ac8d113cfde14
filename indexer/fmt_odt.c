/*
 * OpenDocument text (.odt): content.xml (and the styles, for fonts) from the zip, read in
 * memory with libarchive and walked with libxml2's streaming reader.
 *
 * Kept: paragraphs and headings (text:h) in order, table cells, footnotes and endnotes
 * (text:note, inline in ODF: the citation stays in the text as superscript, the body
 * becomes a note block), spaces (text:s), tabs, line breaks, soft hyphens. Dropped: the
 * tracked-changes region (it holds the deleted text; insertions are ordinary content),
 * annotations, alt text of frames.
 */
#include <stdlib.h>
#include <string.h>

#include "arc.h"
#include "builder.h"
#include "formats.h"
#include "vn_enc.h"
#include "xmlr.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

static const char *const TEXT[] = {"urn:oasis:names:tc:opendocument:xmlns:text:1.0", NULL};
static const char *const TABLE[] = {"urn:oasis:names:tc:opendocument:xmlns:table:1.0", NULL};
static const char *const STYLE[] = {"urn:oasis:names:tc:opendocument:xmlns:style:1.0", NULL};
static const char *const OFFICE[] = {"urn:oasis:names:tc:opendocument:xmlns:office:1.0", NULL};
static const char *const SVG[] = {"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0", NULL};

/* ---------------------------------------------------------------- fonts */

struct ostyle {
	char *name, *parent, *font;
};

struct ostyles {
	struct ostyle *v;
	size_t n, cap;
	char **faces; /* pairs: face name, font family */
	size_t nfaces, fcap;
	char *default_font;
};

static const struct ostyle *ostyle_find(const struct ostyles *s, const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	/* automatic styles (content.xml) are read last and shadow common ones */
	for (i = s->n; i-- > 0;)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

static const char *face_family(const struct ostyles *s, const char *face)
{
	size_t i;
	for (i = 0; i + 1 < s->nfaces; i += 2)
		if (strcmp(s->faces[i], face) == 0)
			return s->faces[i + 1];
	return face;
}

static const char *ostyle_font(const struct ostyles *s, const char *name)
{
	const struct ostyle *st = ostyle_find(s, name);
	int k;
	for (k = 0; st && k < 16; k++, st = ostyle_find(s, st->parent))
		if (st->font)
			return face_family(s, st->font);
	return NULL;
}

/* svg:font-family may be quoted: "'.VnTime'" -> ".VnTime" */
static char *unquote(char *v)
{
	size_t n = strlen(v);
	if (n >= 2 && (v[0] == '\'' || v[0] == '"') && v[n - 1] == v[0]) {
		memmove(v, v + 1, n - 2);
		v[n - 2] = 0;
	}
	return v;
}

static int read_styles(const struct zip_part *part, struct ostyles *s, struct err *e)
{
	xmlTextReaderPtr r;
	struct ostyle *cur = NULL;
	int rc, in_default = 0;

	if (!part)
		return 0;
	if (!(r = xmlr_open(part->data, part->n, part->name, e)))
		return -1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlr_is(r, STYLE, "style"))
				cur = NULL;
			else if (xmlr_is(r, STYLE, "default-style"))
				in_default = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (xmlr_is(r, OFFICE, "body")) {
			break; /* content.xml: the styles come before the body */
		} else if (xmlr_is(r, STYLE, "font-face")) {
			char *name = xmlr_attr(r, "name"), *fam = xmlr_attr(r, "font-family");
			if (name && fam) {
				s->faces = xgrow(s->faces, &s->fcap, s->nfaces + 2, sizeof(char *));
				s->faces[s->nfaces++] = name;
				s->faces[s->nfaces++] = unquote(fam);
			} else {
				free(name);
				free(fam);
			}
		} else if (xmlr_is(r, STYLE, "style")) {
			s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
			cur = &s->v[s->n++];
			cur->name = xmlr_attr(r, "name");
			if (!cur->name)
				cur->name = xstrdup("");
			cur->parent = xmlr_attr(r, "parent-style-name");
			cur->font = NULL;
			if (xmlTextReaderIsEmptyElement(r))
				cur = NULL;
		} else if (xmlr_is(r, STYLE, "default-style")) {
			char *fam = xmlr_attr(r, "family");
			in_default =
			    fam && strcmp(fam, "paragraph") == 0 && !xmlTextReaderIsEmptyElement(r);
			free(fam);
		} else if (xmlr_is(r, STYLE, "text-properties") && (cur || in_default)) {
			char *f = xmlr_attr(r, "font-name");
			char **slot = cur ? &cur->font : &s->default_font;
			if (f && *f) {
				free(*slot);
				*slot = f;
			} else {
				free(f);
			}
		}
	}
	return xmlr_close(r, rc, part->name, e);
}

static void ostyles_free(struct ostyles *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].parent);
		free(s->v[i].font);
	}
	for (i = 0; i < s->nfaces; i++)
		free(s->faces[i]);
	free(s->faces);
	free(s->v);
	free(s->default_font);
}

/* ---------------------------------------------------------------- the walk */

#define MAX_DEPTH 64

struct owalk {
	struct builder b;
	const struct ostyles *st;
	/* the style in force at each open element that names one (span, p, h) */
	const char *fonts[MAX_DEPTH];
	int depth_of[MAX_DEPTH];
	int nfonts;
	int heading[MAX_DEPTH]; /* per open paragraph: text:h */
	int npara;
	int in_citation;
	int last_ws; /* the last character added was collapsible white space */
	struct buf citation;
	char *marks[MAX_DEPTH]; /* per open note: its citation */
	int nnotes;
};

static const char *cur_font(const struct owalk *w)
{
	const char *f = w->nfonts ? w->fonts[w->nfonts - 1] : NULL;
	return f ? f : (w->st->default_font ? face_family(w->st, w->st->default_font) : NULL);
}

static void push_font(struct owalk *w, xmlTextReaderPtr r, int depth)
{
	char *name = xmlr_attr(r, "style-name");
	const char *f = name ? ostyle_font(w->st, name) : NULL;
	free(name);
	if (w->nfonts >= MAX_DEPTH)
		return;
	w->fonts[w->nfonts] = f ? f : (w->nfonts ? w->fonts[w->nfonts - 1] : NULL);
	w->depth_of[w->nfonts] = depth;
	w->nfonts++;
}

static void text(struct owalk *w, const char *s, size_t n)
{
	if (w->in_citation)
		buf_add(&w->citation, s, n);
	else
		bld_text(&w->b, s, n, cur_font(w));
}

static int count_attr(xmlTextReaderPtr r, const char *name)
{
	char *v = xmlr_attr(r, name);
	int c = v ? atoi(v) : 1;
	free(v);
	return c > 0 && c < 100000 ? c : 1;
}

static void element(struct owalk *w, xmlTextReaderPtr r, int empty, int depth)
{
	w->last_ws = 0;
	if (xmlr_is(r, TEXT, "p") || xmlr_is(r, TEXT, "h")) {
		w->last_ws = 1; /* leading white space in a paragraph is not text */
		push_font(w, r, depth);
		if (w->npara < MAX_DEPTH)
			w->heading[w->npara++] = xmlr_is(r, TEXT, "h");
		bld_para_begin(&w->b);
		if (empty) {
			w->nfonts--;
			bld_para_end(&w->b, w->heading[--w->npara]);
		}
	} else if (xmlr_is(r, TEXT, "span") || xmlr_is(r, TEXT, "a")) {
		if (!empty)
			push_font(w, r, depth);
	} else if (xmlr_is(r, TEXT, "s")) {
		int k, c = count_attr(r, "c");
		for (k = 0; k < c; k++)
			text(w, " ", 1);
	} else if (xmlr_is(r, TEXT, "tab")) {
		text(w, "\t", 1);
	} else if (xmlr_is(r, TEXT, "line-break")) {
		text(w, "\n", 1);
	} else if (xmlr_is(r, TEXT, "note")) {
		if (w->nnotes < MAX_DEPTH)
			w->marks[w->nnotes++] = NULL;
	} else if (xmlr_is(r, TEXT, "note-citation")) {
		w->in_citation = !empty;
		buf_reset(&w->citation);
	} else if (xmlr_is(r, TEXT, "note-body")) {
		bld_note_begin(&w->b);
		if (empty)
			free(bld_note_end(&w->b));
	} else if (xmlr_is(r, TABLE, "table")) {
		bld_table_begin(&w->b);
		if (empty)
			bld_table_end(&w->b);
	} else if (xmlr_is(r, TABLE, "table-row")) {
		bld_row(&w->b);
	} else if (xmlr_is(r, TABLE, "table-cell")) {
		int rep = count_attr(r, "number-columns-repeated");
		if (empty) {
			bld_skip_cols(&w->b, rep);
		} else {
			/* the columns it spans are written as covered cells, which advance the
			 * column themselves; a repeated cell with content is indexed once */
			bld_cell_begin(&w->b, 1);
		}
	} else if (xmlr_is(r, TABLE, "covered-table-cell")) {
		if (empty)
			bld_skip_cols(&w->b, count_attr(r, "number-columns-repeated"));
	}
}

static void end_element(struct owalk *w, xmlTextReaderPtr r, int depth)
{
	while (w->nfonts && w->depth_of[w->nfonts - 1] >= depth)
		w->nfonts--;
	if (xmlr_is(r, TEXT, "p") || xmlr_is(r, TEXT, "h")) {
		if (w->npara)
			bld_para_end(&w->b, w->heading[--w->npara]);
	} else if (xmlr_is(r, TEXT, "note-citation")) {
		w->in_citation = 0;
		if (w->nnotes) {
			/* the citation is what the page shows ("1", "i", "*") */
			char *m = xstrdup(buf_str(&w->citation));
			free(w->marks[w->nnotes - 1]);
			w->marks[w->nnotes - 1] = m;
			bld_marker(&w->b, m);
		}
	} else if (xmlr_is(r, TEXT, "note-body")) {
		char *t = bld_note_end(&w->b);
		if (w->nnotes)
			bld_note(&w->b, w->marks[w->nnotes - 1] ? w->marks[w->nnotes - 1] : "", t);
		else
			free(t);
	} else if (xmlr_is(r, TEXT, "note")) {
		if (w->nnotes) {
			free(w->marks[w->nnotes - 1]);
			w->nnotes--;
		}
	} else if (xmlr_is(r, TABLE, "table")) {
		bld_table_end(&w->b);
	} else if (xmlr_is(r, TABLE, "table-cell")) {
		bld_cell_end(&w->b);
	} else if (xmlr_is(r, TABLE, "covered-table-cell")) {
		bld_skip_cols(&w->b, 1);
	}
}

static int skipped(xmlTextReaderPtr r)
{
	return xmlr_is(r, TEXT, "tracked-changes") || xmlr_is(r, OFFICE, "annotation") ||
	       xmlr_is(r, SVG, "desc") || xmlr_is(r, SVG, "title") || xmlr_is(r, OFFICE, "forms") ||
	       xmlr_is(r, TEXT, "sequence-decls") || xmlr_is(r, TEXT, "variable-decls") ||
	       xmlr_is(r, TEXT, "user-field-decls");
}

static int walk_content(struct owalk *w, const struct zip_part *part, struct err *e)
{
	xmlTextReaderPtr r;
	int rc, in_body = 0;

	if (!(r = xmlr_open(part->data, part->n, part->name, e)))
		return -1;
	rc = xmlTextReaderRead(r);
	while (rc == 1) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (xmlr_is(r, OFFICE, "body"))
				in_body = 1;
			if (!in_body) {
				/* styles come first; they were read already */
			} else if (skipped(r)) {
				rc = xmlTextReaderNext(r);
				continue;
			} else {
				element(w, r, xmlTextReaderIsEmptyElement(r), depth);
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (in_body)
				end_element(w, r, depth);
		} else if (in_body &&
		           (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			/* ODF collapses white space in text like HTML; text:s carries the
			 * extra spaces, so a newline in the XML is one space */
			for (; v && *v; v++) {
				int ws = *v == ' ' || *v == '\n' || *v == '\r' || *v == '\t';
				if (ws && !w->last_ws)
					text(w, " ", 1);
				else if (!ws)
					text(w, v, 1);
				w->last_ws = ws;
			}
		}
		rc = xmlTextReaderRead(r);
	}
	while (w->npara)
		bld_para_end(&w->b, w->heading[--w->npara]);
	bld_finish(&w->b);
	return xmlr_close(r, rc, part->name, e);
}

int fmt_odt_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	static const char *const suffixes[] = {".xml", "mimetype", NULL};
	struct zip_parts z = {NULL, 0, 0};
	struct ostyles st;
	struct owalk w;
	const struct zip_part *content;
	int rc, i;

	d->format = "odt";
	d->encoding = "utf-8";
	if (zip_read_parts(data, n, suffixes, cx->budget, &z, e) != 0)
		return err_prefix(e, "damaged or truncated odt");
	memset(&st, 0, sizeof(st));
	content = zip_find(&z, "content.xml");
	if (!content) {
		zip_parts_free(&z);
		return err_set(e, "not an OpenDocument text: the zip has no content.xml");
	}
	/* styles only carry fonts: a broken styles.xml costs the legacy repair, not the text */
	if (read_styles(zip_find(&z, "styles.xml"), &st, e) != 0)
		doc_add_note(d, "%s (its fonts are ignored)", e->msg);
	rc = read_styles(content, &st, e);
	if (rc == 0) {
		memset(&w, 0, sizeof(w));
		bld_init(&w.b, d, cx->nm);
		w.st = &st;
		rc = walk_content(&w, content, e);
		if (w.b.legacy)
			d->encoding = vn_enc_name((enum vn_charset)w.b.legacy);
		for (i = 0; i < w.nnotes; i++)
			free(w.marks[i]);
		buf_free(&w.citation);
		bld_free(&w.b);
		if (rc == 0 && d->nblocks == 0)
			doc_add_note(d, "the document has no text");
	}
	ostyles_free(&st);
	zip_parts_free(&z);
	return rc;
}
