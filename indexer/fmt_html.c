/*
 * Web pages (.html, .htm, Word's "Save as Web Page"): libxml2's HTML parser, driven through
 * SAX callbacks so memory does not grow with the page.
 *
 * Block elements make paragraphs, h1–h6 headings, table cells cells; script, style,
 * template, noscript and the <head> are dropped. White space is collapsed as a browser
 * does (except in <pre>). The charset is the page's own: a byte-order mark, else
 * <meta charset> / http-equiv (libxml2 honours both), else UTF-8 when the bytes are valid
 * UTF-8, else windows-1252 — the reading under which legacy Vietnamese font text shows as
 * the familiar mojibake. Footnotes as Word and pandoc write them (a numbered link to
 * #_ftn1 / #fn1, bodies in div#ftn1 / li#fn1) become markers and note blocks.
 */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builder.h"
#include "formats.h"
#include "vn_enc.h"
#include "xmlr.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

#define MAX_DEPTH 256

struct hwalk {
	struct builder b;
	htmlParserCtxtPtr ctxt;
	int forced; /* read as windows-1252 because nothing was declared and it is not UTF-8 */
	struct {
		char name[16];
		int kind; /* what closing it must undo */
		char *font;
	} stack[MAX_DEPTH];
	int depth, overflow;
	int skip;    /* inside script/style/head…: depth count */
	int pre;     /* inside <pre> */
	int last_ws; /* last character added was collapsed white space */
	int heading; /* the open paragraph is h1–h6 */
	int capture; /* collecting a possible note marker (sup, footnote link) */
	struct buf cap;
	int drop;        /* inside a note's back-link: dropped */
	char *note_mark; /* the open note body's marker */
	int note_depth;  /* stack depth of the note body element, 0 if none */
};

enum {
	K_NONE,
	K_SKIP,
	K_BLOCK,
	K_HEADING,
	K_CELL,
	K_ROW,
	K_TABLE,
	K_PRE,
	K_CAPTURE,
	K_DROP,
	K_NOTE
};

static const char *const skip_tags[] = {"script", "style",  "template", "noscript", "head",
                                        "title",  "object", "iframe",   "svg",      "math",
                                        "select", "button", NULL};
static const char *const block_tags[] = {
    "p",       "div",        "li",     "dt",       "dd",     "blockquote", "section",
    "article", "header",     "footer", "nav",      "aside",  "main",       "address",
    "figure",  "figcaption", "form",   "fieldset", "legend", "center",     "hr",
    "caption", "ul",         "ol",     "dl",       "body",   "html",       "details",
    "summary", "table",      "tbody",  "thead",    "tfoot",  "menu",       NULL};

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

static const char *attr(const xmlChar **atts, const char *name)
{
	size_t i;
	for (i = 0; atts && atts[i]; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* The first family named by style="font-family: X, Y" or <font face="X,Y">. */
static char *font_of(const char *name, const xmlChar **atts)
{
	const char *v = NULL, *style = attr(atts, "style");
	size_t n;

	if (strcasecmp(name, "font") == 0)
		v = attr(atts, "face");
	if (!v && style) {
		const char *p = strstr(style, "font-family");
		if (p && (p = strchr(p, ':')) != NULL)
			v = p + 1;
	}
	if (!v)
		return NULL;
	while (*v == ' ' || *v == '"' || *v == '\'')
		v++;
	n = strcspn(v, ",;\"'");
	while (n > 0 && v[n - 1] == ' ')
		n--;
	return n ? xstrndup(v, n) : NULL;
}

static const char *cur_font(const struct hwalk *w)
{
	int i;
	for (i = w->depth - 1; i >= 0; i--)
		if (w->stack[i].font)
			return w->stack[i].font;
	return NULL;
}

static void add(struct hwalk *w, const char *s, size_t n)
{
	if (w->drop)
		return;
	if (w->capture) {
		buf_add(&w->cap, s, n);
		return;
	}
	if (!bld_in_para(&w->b))
		bld_para_begin(&w->b);
	bld_text(&w->b, s, n, cur_font(w));
}

/* The charset in force, as libxml2 applies it (a <meta> switches it mid-parse). */
static const char *charset(const struct hwalk *w)
{
	if (w->forced)
		return "windows-1252";
	if (w->ctxt && w->ctxt->input && w->ctxt->input->buf && w->ctxt->input->buf->encoder &&
	    w->ctxt->input->buf->encoder->name)
		return w->ctxt->input->buf->encoder->name;
	return "UTF-8";
}

/* Legacy font text read as a Western code page is what mojibake is made of; a page in
 * UTF-8 or a Vietnamese code page can only carry UTF-8 that was read as cp1252. */
static int western(const char *cs)
{
	return strcasecmp(cs, "windows-1252") == 0 || strcasecmp(cs, "ISO-8859-1") == 0 ||
	       strcasecmp(cs, "ASCII") == 0 || strcasecmp(cs, "US-ASCII") == 0 ||
	       strcasecmp(cs, "ISO-8859-15") == 0;
}

static void end_para(struct hwalk *w)
{
	w->b.detect = western(charset(w)) ? PARA_DETECT_ALL : PARA_DETECT_UTF8;
	if (bld_in_para(&w->b))
		bld_para_end(&w->b, w->heading);
	w->heading = 0;
	w->last_ws = 1;
}

/* "#_ftn1", "#fn1", "#_edn2" -> the number; 0 if the link is no note link. */
static int note_number(const char *id)
{
	static const char *const prefixes[] = {"_ftnref", "_ednref", "fnref", "_ftn", "_edn",
	                                       "ftn",     "edn",     "fn",    NULL};
	const char *const *p;
	if (!id)
		return 0;
	if (*id == '#')
		id++;
	for (p = prefixes; *p; p++) {
		size_t k = strlen(*p);
		if (strncmp(id, *p, k) == 0 && isdigit((unsigned char)id[k])) {
			const char *q = id + k;
			while (isdigit((unsigned char)*q))
				q++;
			return *q ? 0 : atoi(id + k);
		}
	}
	return 0;
}

static int is_backlink(const char *href, const xmlChar **atts)
{
	const char *role = attr(atts, "role"), *cls = attr(atts, "class");
	if ((role && strcmp(role, "doc-backlink") == 0) ||
	    (cls && strstr(cls, "footnote-back") != NULL))
		return 1;
	return href && (strncmp(href, "#_ftnref", 8) == 0 || strncmp(href, "#_ednref", 8) == 0 ||
	                strncmp(href, "#fnref", 6) == 0);
}

static void on_start(void *ctx, const xmlChar *tag, const xmlChar **atts)
{
	struct hwalk *w = ctx;
	const char *name = (const char *)tag;
	int kind = K_NONE;

	if (w->depth >= MAX_DEPTH) {
		w->overflow++;
		return;
	}
	if (w->skip || in_list(name, skip_tags)) {
		kind = K_SKIP;
		w->skip++;
	} else if (strcasecmp(name, "br") == 0) {
		add(w, "\n", 1);
		w->last_ws = 1;
	} else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0) {
		const char *span = attr(atts, "colspan");
		end_para(w);
		kind = K_CELL;
		bld_cell_begin(&w->b, span ? atoi(span) : 1);
	} else if (strcasecmp(name, "tr") == 0) {
		end_para(w);
		kind = K_ROW;
		bld_row(&w->b);
	} else if (strcasecmp(name, "table") == 0) {
		end_para(w);
		kind = K_TABLE;
		bld_table_begin(&w->b);
	} else if (strlen(name) == 2 && tolower((unsigned char)name[0]) == 'h' && name[1] >= '1' &&
	           name[1] <= '6') {
		end_para(w);
		kind = K_HEADING;
		w->heading = 1;
	} else if (strcasecmp(name, "pre") == 0) {
		end_para(w);
		kind = K_PRE;
		w->pre++;
	} else if (strcasecmp(name, "a") == 0 && is_backlink(attr(atts, "href"), atts)) {
		kind = K_DROP;
		w->drop++;
	} else if ((strcasecmp(name, "sup") == 0 ||
	            (strcasecmp(name, "a") == 0 && note_number(attr(atts, "href")))) &&
	           !w->capture) {
		kind = K_CAPTURE;
		w->capture = 1;
		buf_reset(&w->cap);
	} else if (!w->note_depth &&
	           (note_number(attr(atts, "id")) ||
	            (attr(atts, "role") && (strcmp(attr(atts, "role"), "doc-endnote") == 0 ||
	                                    strcmp(attr(atts, "role"), "doc-footnote") == 0)))) {
		char num[16];
		end_para(w);
		kind = K_NOTE;
		snprintf(num, sizeof(num), "%d", note_number(attr(atts, "id")));
		free(w->note_mark);
		w->note_mark = xstrdup(num);
		w->note_depth = w->depth + 1;
		bld_note_begin(&w->b);
	} else if (in_list(name, block_tags)) {
		end_para(w);
		kind = K_BLOCK;
	}
	snprintf(w->stack[w->depth].name, sizeof(w->stack[0].name), "%s", name);
	w->stack[w->depth].kind = kind;
	w->stack[w->depth].font = kind == K_SKIP ? NULL : font_of(name, atts);
	w->depth++;
}

/* "[1]", "1", "(1)" -> "1"; NULL if the captured text is no marker. */
static char *marker_of(const char *s)
{
	const char *p = s;
	struct buf m = BUF_INIT;
	while (*p == ' ' || *p == '[' || *p == '(')
		p++;
	while (isdigit((unsigned char)*p))
		buf_addc(&m, *p++);
	while (*p == ' ' || *p == ']' || *p == ')')
		p++;
	if (*p || !m.n || m.n > 4) {
		buf_free(&m);
		return NULL;
	}
	return buf_detach(&m);
}

static void close_one(struct hwalk *w)
{
	int kind;

	w->depth--;
	kind = w->stack[w->depth].kind;
	free(w->stack[w->depth].font);
	w->stack[w->depth].font = NULL;
	switch (kind) {
	case K_SKIP:
		w->skip--;
		break;
	case K_CELL:
		end_para(w);
		bld_cell_end(&w->b);
		break;
	case K_TABLE:
		end_para(w);
		bld_table_end(&w->b);
		break;
	case K_HEADING:
	case K_BLOCK:
		end_para(w);
		break;
	case K_PRE:
		end_para(w);
		w->pre--;
		break;
	case K_DROP:
		w->drop--;
		break;
	case K_CAPTURE: {
		char *m = marker_of(buf_str(&w->cap));
		w->capture = 0;
		if (m && w->note_depth) {
			/* the note's own number at the start of its body: it is `note` */
		} else if (m) {
			bld_marker(&w->b, m);
		} else if (w->cap.n) {
			add(w, w->cap.p, w->cap.n);
		}
		free(m);
		break;
	}
	case K_NOTE: {
		char *t;
		end_para(w);
		t = bld_note_end(&w->b);
		bld_note(&w->b, w->note_mark, t);
		w->note_depth = 0;
		break;
	}
	default:
		break;
	}
}

static void on_end(void *ctx, const xmlChar *tag)
{
	struct hwalk *w = ctx;
	int i;

	if (w->overflow) {
		w->overflow--;
		return;
	}
	/* close up to the matching open element (the parser has balanced most already) */
	for (i = w->depth - 1; i >= 0; i--)
		if (strcasecmp(w->stack[i].name, (const char *)tag) == 0)
			break;
	if (i < 0)
		return;
	while (w->depth > i)
		close_one(w);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	struct hwalk *w = ctx;
	int i;

	if (w->skip || len <= 0)
		return;
	if (w->pre) {
		add(w, (const char *)s, (size_t)len);
		return;
	}
	for (i = 0; i < len; i++) {
		char c = (char)s[i];
		int ws = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
		if (ws) {
			if (!w->last_ws && (bld_in_para(&w->b) || w->capture))
				add(w, " ", 1);
			w->last_ws = 1;
		} else {
			/* copy the run of non-space bytes at once */
			int j = i;
			while (j < len && !(s[j] == ' ' || s[j] == '\n' || s[j] == '\r' ||
			                    s[j] == '\t' || s[j] == '\f'))
				j++;
			add(w, (const char *)s + i, (size_t)(j - i));
			w->last_ws = 0;
			i = j - 1;
		}
	}
}

/* Whether the first bytes declare a charset (meta charset / http-equiv / XML decl). */
static int declares_charset(const char *data, size_t n)
{
	size_t i, k = n < 4096 ? n : 4096;
	for (i = 0; i + 8 <= k; i++)
		if (strncasecmp(data + i, "charset=", 8) == 0 ||
		    strncasecmp(data + i, "encoding=", 9) == 0)
			return 1;
	return 0;
}

int fmt_html_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	htmlParserCtxtPtr ctxt;
	htmlSAXHandler sax;
	struct hwalk w;
	const char *forced = NULL;

	d->format = "html";
	d->encoding = "utf-8";
	if (n > (size_t)0x7fffffff)
		return err_set(e, "web page too large (over 2 GiB)");
	if (n >= 2 &&
	    ((data[0] == '\xff' && data[1] == '\xfe') || (data[0] == '\xfe' && data[1] == '\xff')))
		d->encoding = "utf-16";
	else if (!declares_charset(data, n) && vn_utf8_check(data, n) != n)
		forced = "windows-1252";
	if (xmlr_quiet(e) != 0)
		return -1;
	ctxt = htmlCreateMemoryParserCtxt(data, (int)n);
	if (!ctxt)
		return err_set(e, "cannot start the HTML parser");
	if (forced) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(forced);
		if (h)
			xmlSwitchToEncoding(ctxt, h);
		d->encoding = "windows-1252";
	}
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = &w;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_NOIMPLIED);
	memset(&w, 0, sizeof(w));
	bld_init(&w.b, d, cx->nm);
	w.ctxt = ctxt;
	w.forced = forced != NULL;
	w.last_ws = 1;
	htmlParseDocument(ctxt);
	{
		/* the charset the page declared, as libxml2 applied it */
		static const struct {
			const char *libxml, *name;
		} names[] = {{"UTF-8", "utf-8"},           {"UTF-16LE", "utf-16"},
		             {"UTF-16BE", "utf-16"},       {"UTF-16", "utf-16"},
		             {"windows-1258", "cp1258"},   {"windows-1252", "windows-1252"},
		             {"ISO-8859-1", "iso-8859-1"}, {"VISCII", "viscii"},
		             {"TCVN5712-1", "tcvn5712-1"}, {"ASCII", "utf-8"}};
		const char *cs = charset(&w);
		size_t k;
		d->encoding = "other";
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcasecmp(cs, names[k].libxml) == 0)
				d->encoding = names[k].name;
	}
	while (w.depth)
		close_one(&w);
	end_para(&w);
	bld_finish(&w.b);
	if (w.b.legacy)
		d->encoding = vn_enc_name((enum vn_charset)w.b.legacy);
	free(w.note_mark);
	buf_free(&w.cap);
	bld_free(&w.b);
	htmlFreeParserCtxt(ctxt);
	if (d->nblocks == 0)
		doc_add_note(d, "the page has no text");
	return 0;
}
