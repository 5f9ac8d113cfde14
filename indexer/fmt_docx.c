/*
 * Word 2007+ documents (.docx): a zip of XML parts, read in memory with libarchive and
 * walked with libxml2's streaming reader.
 *
 * What a reader of the printed page sees is what is kept: body paragraphs in order, table
 * cells row by row, footnotes and endnotes as notes (their marker left in the text as
 * superscript digits), insertions; what it does not see is dropped: tracked deletions and
 * moved-away text, field codes, hidden text, the fallback copy of text boxes that Word
 * writes twice (mc:AlternateContent). Headers and footers (repeated on every page) are not
 * read. docs/formats.md has the list.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arc.h"
#include "builder.h"
#include "formats.h"
#include "vn_enc.h"
#include "para.h"
#include "xmlr.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

static const char *const W[] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                "http://purl.oclc.org/ooxml/wordprocessingml/main", NULL};
static const char *const MC[] = {"http://schemas.openxmlformats.org/markup-compatibility/2006",
                                 NULL};

/* ---------------------------------------------------------------- styles */

struct style {
	char *id, *based, *font;
	int outline; /* 0..8 for outline levels, -1 */
	int heading; /* its name says "heading N" or "Title" */
};

struct styles {
	struct style *v;
	size_t n, cap;
	char *default_font; /* docDefaults */
	char *default_para; /* the paragraph style with w:default="1" */
};

static const struct style *style_find(const struct styles *s, const char *id)
{
	size_t i;
	if (!id)
		return NULL;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	return NULL;
}

/* Follow basedOn (a chain of at most 16: Word allows cycles in broken files). */
static const char *style_font(const struct styles *s, const char *id)
{
	const struct style *st = style_find(s, id);
	int k;
	for (k = 0; st && k < 16; k++, st = style_find(s, st->based))
		if (st->font)
			return st->font;
	return NULL;
}

static int style_heading(const struct styles *s, const char *id)
{
	const struct style *st = style_find(s, id);
	int k;
	for (k = 0; st && k < 16; k++, st = style_find(s, st->based))
		if (st->heading || (st->outline >= 0 && st->outline <= 8))
			return 1;
	return 0;
}

static int name_is_heading(const char *name)
{
	return strncasecmp(name, "heading", 7) == 0 || strcasecmp(name, "title") == 0;
}

/* The font a run's rFonts names: the high-ANSI slot holds the letters a legacy font
 * re-uses, so it wins; theme fonts (asciiTheme) are modern fonts and ignored. */
static char *rfonts(xmlTextReaderPtr r)
{
	char *f = xmlr_attr(r, "hAnsi");
	if (!f || !*f) {
		free(f);
		f = xmlr_attr(r, "ascii");
	}
	if (f && !*f) {
		free(f);
		f = NULL;
	}
	return f;
}

static int read_styles(const struct zip_part *part, struct styles *s, struct err *e)
{
	xmlTextReaderPtr r;
	struct style *cur = NULL;
	int rc, in_defaults = 0;

	if (!part)
		return 0;
	if (!(r = xmlr_open(part->data, part->n, part->name, e)))
		return -1;
	rc = xmlTextReaderRead(r);
	for (; rc == 1; rc = xmlTextReaderRead(r)) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlr_is(r, W, "style"))
				cur = NULL;
			else if (xmlr_is(r, W, "docDefaults"))
				in_defaults = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		/* a tracked formatting change holds the old properties: not in force */
		while (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
		       (xmlr_is(r, W, "rPrChange") || xmlr_is(r, W, "pPrChange")))
			rc = xmlTextReaderNext(r);
		if (rc != 1 || xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			if (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
			    xmlr_is(r, W, "style"))
				cur = NULL;
			continue;
		}
		if (xmlr_is(r, W, "docDefaults")) {
			in_defaults = !xmlTextReaderIsEmptyElement(r);
		} else if (xmlr_is(r, W, "style")) {
			char *id = xmlr_attr(r, "styleId"), *t = xmlr_attr(r, "type"),
			     *def = xmlr_attr(r, "default");
			s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
			cur = &s->v[s->n++];
			memset(cur, 0, sizeof(*cur));
			cur->id = id ? id : xstrdup("");
			cur->outline = -1;
			if (def && xmlr_on(def) && (!t || strcmp(t, "paragraph") == 0) &&
			    !s->default_para)
				s->default_para = xstrdup(cur->id);
			free(t);
			free(def);
			if (xmlTextReaderIsEmptyElement(r))
				cur = NULL;
		} else if (cur && xmlr_is(r, W, "name")) {
			char *v = xmlr_attr(r, "val");
			cur->heading = v && name_is_heading(v);
			free(v);
		} else if (cur && xmlr_is(r, W, "basedOn")) {
			free(cur->based);
			cur->based = xmlr_attr(r, "val");
		} else if (cur && xmlr_is(r, W, "outlineLvl")) {
			char *v = xmlr_attr(r, "val");
			cur->outline = v ? atoi(v) : -1;
			free(v);
		} else if (xmlr_is(r, W, "rFonts") && (cur || in_defaults)) {
			char *f = rfonts(r);
			char **slot = cur ? &cur->font : &s->default_font;
			if (f) {
				free(*slot);
				*slot = f;
			}
		}
	}
	return xmlr_close(r, rc, part->name, e);
}

static void styles_free(struct styles *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].based);
		free(s->v[i].font);
	}
	free(s->v);
	free(s->default_font);
	free(s->default_para);
}

/* ---------------------------------------------------------------- relationships */

/* Resolve target relative to the folder of part ("word/document.xml" + "media/x" ->
 * "word/media/x"; "/word/x" is absolute; "../" steps up). */
static char *resolve(const char *part, const char *target)
{
	struct buf b = BUF_INIT;
	const char *slash = strrchr(part, '/');
	char *out, *seg, *save = NULL, *tmp;
	char **segs = NULL;
	size_t n = 0, cap = 0, i;

	if (target[0] == '/')
		buf_adds(&b, target + 1);
	else {
		if (slash)
			buf_add(&b, part, (size_t)(slash - part + 1));
		buf_adds(&b, target);
	}
	tmp = buf_detach(&b);
	for (seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n)
				n--;
			continue;
		}
		segs = xgrow(segs, &cap, n + 1, sizeof(*segs));
		segs[n++] = seg;
	}
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '/');
		buf_adds(&b, segs[i]);
	}
	out = buf_detach(&b);
	free(segs);
	free(tmp);
	return out;
}

/* The rels part of a part: "word/document.xml" -> "word/_rels/document.xml.rels". */
static char *rels_name(const char *part)
{
	const char *slash = strrchr(part, '/');
	struct buf b = BUF_INIT;
	if (slash) {
		buf_add(&b, part, (size_t)(slash - part + 1));
		buf_printf(&b, "_rels/%s.rels", slash + 1);
	} else {
		buf_printf(&b, "_rels/%s.rels", part);
	}
	return buf_detach(&b);
}

/*
 * Find the target of the first relationship of `source` (a part name, "" for the package)
 * whose type ends in "/kind". Returns the resolved part name or NULL.
 */
static char *rel_target(const struct zip_parts *z, const char *source, const char *kind)
{
	char *rn = *source ? rels_name(source) : xstrdup("_rels/.rels");
	const struct zip_part *p = zip_find(z, rn);
	xmlTextReaderPtr r;
	struct err e;
	char *found = NULL;
	size_t klen = strlen(kind);
	int rc;

	free(rn);
	if (!p || !(r = xmlr_open(p->data, p->n, p->name, &e)))
		return NULL;
	while (!found && (rc = xmlTextReaderRead(r)) == 1) {
		char *type, *target, *mode;
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !ln ||
		    strcmp(ln, "Relationship") != 0)
			continue;
		type = xmlr_attr(r, "Type");
		target = xmlr_attr(r, "Target");
		mode = xmlr_attr(r, "TargetMode");
		if (type && target && (!mode || strcmp(mode, "External") != 0)) {
			size_t tl = strlen(type);
			if (tl > klen && type[tl - klen - 1] == '/' &&
			    strcmp(type + tl - klen, kind) == 0)
				found = resolve(*source ? source : "", target);
		}
		free(type);
		free(target);
		free(mode);
	}
	xmlr_close(r, 0, p->name, &e);
	return found;
}

/* ---------------------------------------------------------------- the walk */

struct note {
	char *id, *text;
};

struct notes {
	struct note *v;
	size_t n, cap;
};

#define MAX_DEPTH BLD_DEPTH

struct walk {
	struct builder b;
	const struct styles *st;
	struct notes *collect; /* footnotes/endnotes part: where bodies go */
	const struct notes *foot, *end;
	int nfoot, nend;

	char *note_id; /* the note being collected */
	struct {
		char *style;
		int outline;
	} paras[MAX_DEPTH];
	int npara;
	int in_ppr, in_rpr, in_t;
	char *run_font, *run_style;
	int run_hidden;
	int fld[MAX_DEPTH]; /* field nesting: 1 = in its instructions, 0 = in its result */
	int nfld;
	/* a note whose author typed the mark: the next run text is that mark */
	char *custom_id;
	int custom_endnote;
};

static int in_instructions(const struct walk *w)
{
	int i;
	for (i = 0; i < w->nfld; i++)
		if (w->fld[i])
			return 1;
	return 0;
}

static const char *run_font(const struct walk *w)
{
	const char *f = w->run_font;
	if (!f)
		f = style_font(w->st, w->run_style);
	if (!f && w->npara)
		f = style_font(w->st, w->paras[w->npara - 1].style ? w->paras[w->npara - 1].style
		                                                   : w->st->default_para);
	if (!f)
		f = w->st->default_font;
	return f;
}

static const char *note_text(const struct notes *ns, const char *id)
{
	size_t i;
	for (i = 0; ns && i < ns->n; i++)
		if (strcmp(ns->v[i].id, id) == 0)
			return ns->v[i].text;
	return NULL;
}

static void cite(struct walk *w, int endnote, const char *id, const char *marker)
{
	const char *t = note_text(endnote ? w->end : w->foot, id);
	bld_note(&w->b, marker, t && *t ? xstrdup(t) : NULL);
}

static void add_text(struct walk *w, const char *s, size_t n)
{
	if (w->run_hidden || in_instructions(w))
		return;
	if (w->custom_id) {
		struct buf m = BUF_INIT;
		buf_add(&m, s, n);
		cite(w, w->custom_endnote, w->custom_id, m.p);
		buf_free(&m);
		free(w->custom_id);
		w->custom_id = NULL;
	}
	bld_text(&w->b, s, n, run_font(w));
}

/* Word numbers footnotes 1, 2, 3 and endnotes i, ii, iii by default. */
static void roman(int n, struct buf *b)
{
	static const struct {
		int v;
		const char *s;
	} t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
	         {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
	         {5, "v"},    {4, "iv"},   {1, "i"}};
	size_t i;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		while (n >= t[i].v) {
			buf_adds(b, t[i].s);
			n -= t[i].v;
		}
}

static void note_reference(struct walk *w, int endnote, xmlTextReaderPtr r)
{
	char *id = xmlr_attr(r, "id"), *custom = xmlr_attr(r, "customMarkFollows");
	struct buf m = BUF_INIT;

	if (id && bld_in_para(&w->b)) {
		if (custom && xmlr_on(custom)) {
			free(w->custom_id);
			w->custom_id = id;
			w->custom_endnote = endnote;
			id = NULL;
		} else {
			if (endnote)
				roman(++w->nend, &m);
			else
				buf_printf(&m, "%d", ++w->nfoot);
			bld_marker(&w->b, m.p);
			cite(w, endnote, id, m.p);
		}
	}
	buf_free(&m);
	free(id);
	free(custom);
}

static void para_end(struct walk *w)
{
	const char *style;
	int heading;

	if (!w->npara)
		return;
	w->npara--;
	style = w->paras[w->npara].style ? w->paras[w->npara].style : w->st->default_para;
	heading = (w->paras[w->npara].outline >= 0 && w->paras[w->npara].outline <= 8) ||
	          style_heading(w->st, style);
	free(w->paras[w->npara].style);
	w->paras[w->npara].style = NULL;
	bld_para_end(&w->b, heading);
}

static void note_end(struct walk *w)
{
	char *text = bld_note_end(&w->b);
	struct note *n;

	if (!w->note_id || !w->collect) {
		free(text);
		return;
	}
	w->collect->v =
	    xgrow(w->collect->v, &w->collect->cap, w->collect->n + 1, sizeof(*w->collect->v));
	n = &w->collect->v[w->collect->n++];
	n->id = w->note_id;
	n->text = text;
	w->note_id = NULL;
}

/* Elements whose whole subtree is invisible on the page (or a duplicate of what is). */
static int skipped(xmlTextReaderPtr r)
{
	static const char *const names[] = {
	    "del",         "moveFrom",   "instrText",  "delText",         "delInstrText",
	    "rPrChange",   "pPrChange",  "sectPr",     "sdtPr",           "tblPr",
	    "tblGrid",     "trPr",       "footnotePr", "endnotePr",       "customXmlPr",
	    "tblPrChange", "tcPrChange", "trPrChange", "numberingChange", "sectPrChange",
	    "cellDel",     NULL};
	const char *const *n;
	if (xmlr_is(r, MC, "Fallback"))
		return 1;
	for (n = names; *n; n++)
		if (xmlr_is(r, W, *n))
			return 1;
	return 0;
}

static void element(struct walk *w, xmlTextReaderPtr r, int empty)
{
	if (xmlr_is(r, W, "p")) {
		if (w->npara < MAX_DEPTH) {
			w->paras[w->npara].style = NULL;
			w->paras[w->npara].outline = -1;
			w->npara++;
			bld_para_begin(&w->b);
		}
		if (empty)
			para_end(w);
	} else if (xmlr_is(r, W, "pPr")) {
		w->in_ppr = !empty;
	} else if (w->in_ppr) {
		if (w->npara && xmlr_is(r, W, "pStyle")) {
			free(w->paras[w->npara - 1].style);
			w->paras[w->npara - 1].style = xmlr_attr(r, "val");
		} else if (w->npara && xmlr_is(r, W, "outlineLvl")) {
			char *v = xmlr_attr(r, "val");
			w->paras[w->npara - 1].outline = v ? atoi(v) : -1;
			free(v);
		}
	} else if (xmlr_is(r, W, "r")) {
		free(w->run_font);
		free(w->run_style);
		w->run_font = w->run_style = NULL;
		w->run_hidden = 0;
	} else if (xmlr_is(r, W, "rPr")) {
		w->in_rpr = !empty;
	} else if (w->in_rpr) {
		if (xmlr_is(r, W, "rFonts")) {
			free(w->run_font);
			w->run_font = rfonts(r);
		} else if (xmlr_is(r, W, "rStyle")) {
			free(w->run_style);
			w->run_style = xmlr_attr(r, "val");
		} else if (xmlr_is(r, W, "vanish")) {
			char *v = xmlr_attr(r, "val");
			w->run_hidden = xmlr_on(v);
			free(v);
		}
	} else if (xmlr_is(r, W, "t")) {
		w->in_t = !empty;
	} else if (xmlr_is(r, W, "tab") || xmlr_is(r, W, "ptab")) {
		add_text(w, "\t", 1);
	} else if (xmlr_is(r, W, "br") || xmlr_is(r, W, "cr")) {
		add_text(w, "\n", 1);
	} else if (xmlr_is(r, W, "noBreakHyphen")) {
		add_text(w, "\xe2\x80\x91", 3); /* U+2011 */
	} else if (xmlr_is(r, W, "softHyphen")) {
		add_text(w, "\xc2\xad", 2); /* U+00AD */
	} else if (xmlr_is(r, W, "fldChar")) {
		char *t = xmlr_attr(r, "fldCharType");
		if (t && strcmp(t, "begin") == 0 && w->nfld < MAX_DEPTH)
			w->fld[w->nfld++] = 1;
		else if (t && strcmp(t, "separate") == 0 && w->nfld)
			w->fld[w->nfld - 1] = 0;
		else if (t && strcmp(t, "end") == 0 && w->nfld)
			w->nfld--;
		free(t);
	} else if (xmlr_is(r, W, "footnoteReference")) {
		note_reference(w, 0, r);
	} else if (xmlr_is(r, W, "endnoteReference")) {
		note_reference(w, 1, r);
	} else if (xmlr_is(r, W, "tbl")) {
		bld_table_begin(&w->b);
		if (empty)
			bld_table_end(&w->b);
	} else if (xmlr_is(r, W, "tr")) {
		bld_row(&w->b);
	} else if (xmlr_is(r, W, "tc")) {
		bld_cell_begin(&w->b, 1);
		if (empty)
			bld_cell_end(&w->b);
	} else if (xmlr_is(r, W, "gridSpan")) {
		char *v = xmlr_attr(r, "val");
		if (v && w->b.ncont > 1)
			w->b.conts[w->b.ncont - 1].span = atoi(v) > 0 ? atoi(v) : 1;
		free(v);
	} else if ((xmlr_is(r, W, "footnote") || xmlr_is(r, W, "endnote")) && w->collect) {
		free(w->note_id);
		w->note_id = xmlr_attr(r, "id");
		bld_note_begin(&w->b);
		if (empty)
			note_end(w);
	}
}

static void end_element(struct walk *w, xmlTextReaderPtr r)
{
	if (xmlr_is(r, W, "p"))
		para_end(w);
	else if (xmlr_is(r, W, "pPr"))
		w->in_ppr = 0;
	else if (xmlr_is(r, W, "rPr"))
		w->in_rpr = 0;
	else if (xmlr_is(r, W, "t"))
		w->in_t = 0;
	else if (xmlr_is(r, W, "tc"))
		bld_cell_end(&w->b);
	else if (xmlr_is(r, W, "tbl"))
		bld_table_end(&w->b);
	else if ((xmlr_is(r, W, "footnote") || xmlr_is(r, W, "endnote")) && w->collect)
		note_end(w);
}

static int is_separator_note(xmlTextReaderPtr r)
{
	char *t;
	int sep;
	if (!(xmlr_is(r, W, "footnote") || xmlr_is(r, W, "endnote")))
		return 0;
	t = xmlr_attr(r, "type");
	sep = t && strcmp(t, "normal") != 0;
	free(t);
	return sep;
}

/* Walk one part: document.xml (collect == NULL) or footnotes/endnotes.xml. */
static int walk_part(struct walk *w, const struct zip_part *part, struct err *e)
{
	xmlTextReaderPtr r;
	int rc;

	if (!(r = xmlr_open(part->data, part->n, part->name, e)))
		return -1;
	rc = xmlTextReaderRead(r);
	while (rc == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (skipped(r) || is_separator_note(r)) {
				rc = xmlTextReaderNext(r);
				continue;
			}
			element(w, r, xmlTextReaderIsEmptyElement(r));
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			end_element(w, r);
		} else if (w->in_t &&
		           (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		            type == XML_READER_TYPE_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (v)
				add_text(w, v, strlen(v));
		}
		rc = xmlTextReaderRead(r);
	}
	while (w->npara)
		para_end(w);
	if (w->collect && w->note_id)
		note_end(w);
	bld_finish(&w->b);
	return xmlr_close(r, rc, part->name, e);
}

static void walk_init(struct walk *w, struct fmt_ctx *cx, struct doc *d, const struct styles *st)
{
	memset(w, 0, sizeof(*w));
	bld_init(&w->b, d, cx->nm);
	w->st = st;
}

static void walk_free(struct walk *w)
{
	int i;
	for (i = 0; i < w->npara; i++)
		free(w->paras[i].style);
	free(w->run_font);
	free(w->run_style);
	free(w->note_id);
	free(w->custom_id);
	bld_free(&w->b);
}

static void notes_free(struct notes *ns)
{
	size_t i;
	for (i = 0; i < ns->n; i++) {
		free(ns->v[i].id);
		free(ns->v[i].text);
	}
	free(ns->v);
}

static int read_notes(struct fmt_ctx *cx, struct doc *d, const struct styles *st,
                      const struct zip_part *part, struct notes *out, struct err *e)
{
	struct walk w;
	struct doc scratch; /* text outside any note (a broken part) goes nowhere */
	int rc;

	(void)d;
	if (!part)
		return 0;
	memset(&scratch, 0, sizeof(scratch));
	walk_init(&w, cx, &scratch, st);
	w.collect = out;
	rc = walk_part(&w, part, e);
	walk_free(&w);
	doc_free(&scratch);
	return rc;
}

int fmt_docx_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	static const char *const suffixes[] = {".xml", ".rels", NULL};
	struct zip_parts z = {NULL, 0, 0};
	struct styles st;
	struct notes foot, end;
	struct walk w;
	char *main_part, *name;
	const struct zip_part *doc;
	int rc = -1;

	d->format = "docx";
	d->encoding = "utf-8";
	if (zip_read_parts(data, n, suffixes, cx->budget, &z, e) != 0)
		return err_prefix(e, "damaged or truncated docx");
	memset(&st, 0, sizeof(st));
	memset(&foot, 0, sizeof(foot));
	memset(&end, 0, sizeof(end));
	main_part = rel_target(&z, "", "officeDocument");
	doc = zip_find(&z, main_part ? main_part : "word/document.xml");
	if (!doc) {
		err_set(e, "not a Word document: the zip has no %s",
		        main_part ? main_part : "word/document.xml");
		goto out;
	}
	name = rel_target(&z, doc->name, "styles");
	/* styles and notes are parts of their own: a broken one costs what it holds (fonts
	 * and headings, or the notes), not the body */
	if (read_styles(zip_find(&z, name ? name : "word/styles.xml"), &st, e) != 0) {
		doc_add_note(d, "%s (styles ignored)", e->msg);
		styles_free(&st);
		memset(&st, 0, sizeof(st));
	}
	free(name);
	name = rel_target(&z, doc->name, "footnotes");
	if (read_notes(cx, d, &st, name ? zip_find(&z, name) : NULL, &foot, e) != 0)
		doc_add_note(d, "%s (footnotes ignored)", e->msg);
	free(name);
	name = rel_target(&z, doc->name, "endnotes");
	if (read_notes(cx, d, &st, name ? zip_find(&z, name) : NULL, &end, e) != 0)
		doc_add_note(d, "%s (endnotes ignored)", e->msg);
	free(name);

	walk_init(&w, cx, d, &st);
	w.foot = &foot;
	w.end = &end;
	rc = walk_part(&w, doc, e);
	if (w.b.legacy)
		d->encoding = vn_enc_name((enum vn_charset)w.b.legacy);
	walk_free(&w);
	if (rc == 0 && d->nblocks == 0)
		doc_add_note(d, "the document has no text");
out:
	free(main_part);
	notes_free(&foot);
	notes_free(&end);
	styles_free(&st);
	zip_parts_free(&z);
	return rc;
}
