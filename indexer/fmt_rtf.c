/*
 * RTF: an in-house reader (no maintained RTF library in Debian does font-aware decoding).
 *
 * Groups, control words, \'hh bytes, \uN with \ucN skipping, \ansicpg; destinations that
 * hold no body text are skipped (\*, fonttbl, stylesheet, info, pict, headers and footers,
 * field instructions, list and numbering text…); \par and \cell/\row end paragraphs and
 * cells, \line and \tab become spaces and tabs; \footnote groups become BLK_FOOTNOTE blocks
 * after the paragraph that cites them.
 *
 * The font table is honoured: 8-bit text in a font that fonts.tsv names (.VnTime*, VNI-*,
 * VPS*) is decoded with that legacy table — upper-cased for .VnTimeH-style fonts — while
 * text in other fonts goes through the font's \fcharset code page or \ansicpg (ICU).
 *
 * Nesting is tracked on an explicit stack bounded by MAX_DEPTH: no recursion.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "formats.h"
#include "vn_enc.h"

#define MAX_DEPTH 256
#define MAX_FONTS 4096
/* Runs in unknown fonts shorter than this are not checked for legacy bytes. */
#define MIN_REPAIR_RUN 16
/* A run this long decides whether its font holds legacy bytes. */
#define DECIDE_RUN 64

struct font {
	int num;
	int cs;       /* enum vn_charset of a legacy font, else VN_CS_UNKNOWN */
	int upper;    /* .VnTimeH and friends */
	int codepage; /* from \fcharset; 0 = the document's \ansicpg */
	int decided;  /* 1 + the charset a long run of this font was repaired with; 0: not yet */
};

struct group {
	int font; /* index into fonts, -1 = default */
	int uc;   /* bytes to skip after \uN */
	int skip; /* destination without body text */
	int fonttbl, fontdef, footnote;
};

struct rtf {
	struct fmt_ctx *cx;
	struct doc *d;
	struct group st[MAX_DEPTH];
	int depth;
	struct font *fonts;
	size_t nfonts;
	int deff, ansicpg;
	struct buf name;  /* font name being read in the font table */
	struct buf bytes; /* 8-bit run not yet decoded */
	int run_font;     /* font of the bytes in `bytes` */
	struct buf para;  /* current paragraph (UTF-8) */
	struct buf note;  /* current footnote (UTF-8) */
	struct buf row;   /* table row so far: each cell's text and a "|" */
	char **notes;     /* footnotes waiting for the end of their paragraph */
	size_t nnotes;
	int nfoot;
	int intbl, row_no, col;
	int skipchars;      /* \uc bytes still to skip */
	const char *legacy; /* legacy charset met in font runs, for documents.encoding */
	UConverter *cv;     /* code page converter of the last non-legacy run */
	int cv_cp;
	int default_decided; /* as font.decided, for text before any \f */
};

static struct group *top(struct rtf *r)
{
	return &r->st[r->depth];
}

static struct buf *out_buf(struct rtf *r)
{
	return top(r)->footnote ? &r->note : &r->para;
}

static const struct font *font_of(struct rtf *r, int idx)
{
	return idx >= 0 && (size_t)idx < r->nfonts ? &r->fonts[idx] : NULL;
}

static int find_font(struct rtf *r, int num)
{
	size_t i;
	for (i = 0; i < r->nfonts; i++)
		if (r->fonts[i].num == num)
			return (int)i;
	return -1;
}

/* documents.encoding: the legacy charset of the text, "mixed" for several */
static void note_legacy(struct rtf *r, const char *name)
{
	if (!r->legacy)
		r->legacy = name;
	else if (strcmp(r->legacy, name) != 0)
		r->legacy = "mixed";
}

/* Decode the pending 8-bit run into the current output. */
static void flush(struct rtf *r)
{
	const struct font *f = font_of(r, r->run_font);
	struct buf *o = out_buf(r);

	if (r->bytes.n == 0)
		return;
	if (f && f->cs != VN_CS_UNKNOWN) {
		note_legacy(r, vn_enc_name((enum vn_charset)f->cs));
		vn_enc_decode((enum vn_charset)f->cs, r->bytes.p, r->bytes.n,
		              f->upper && !r->cx->typed_case, o);
	} else {
		char conv[32];
		int cp = f && f->codepage ? f->codepage : r->ansicpg;
		UErrorCode st = U_ZERO_ERROR;
		UConverter *cv;
		UChar *u = xmalloc((r->bytes.n + 1) * sizeof(UChar));
		int32_t nu, n8 = 0;

		snprintf(conv, sizeof(conv), "windows-%d", cp);
		cv = ucnv_open(conv, &st);
		if (U_FAILURE(st)) {
			st = U_ZERO_ERROR;
			cv = ucnv_open("windows-1252", &st);
		}
		nu = ucnv_toUChars(cv, u, (int32_t)r->bytes.n + 1, r->bytes.p, (int32_t)r->bytes.n,
		                   &st);
		ucnv_close(cv);
		if (U_SUCCESS(st)) {
			/* cp1258 decodes to combining tones; NFC happens at the block level */
			struct buf run = BUF_INIT;
			u_strToUTF8(NULL, 0, &n8, u, nu, &st);
			st = U_ZERO_ERROR;
			buf_reserve(&run, (size_t)n8 + 1);
			u_strToUTF8(run.p, n8 + 1, &n8, u, nu, &st);
			if (U_SUCCESS(st)) {
				enum vn_charset cs;
				run.n = (size_t)n8;
				run.p[run.n] = 0;
				/*
				 * A run in a font fonts.tsv does not know may still hold legacy
				 * bytes (a font changed after typing): repair it when a legacy
				 * reading scores better. The first run long enough to judge
				 * decides for its font; shorter runs say too little.
				 */
				int *decided =
				    f ? &r->fonts[r->run_font].decided : &r->default_decided;
				if (*decided)
					cs = vn_enc_repair((enum vn_charset)(*decided - 1), run.p,
					                   run.n, 0, o);
				else if (run.n >= MIN_REPAIR_RUN)
					cs = vn_enc_repair(VN_CS_UNKNOWN, run.p, run.n, 0, o);
				else
					cs = (buf_add(o, run.p, run.n), VN_CS_UTF8);
				if (!*decided && run.n >= DECIDE_RUN)
					*decided = (int)cs + 1;
				if (cs != VN_CS_UTF8)
					note_legacy(r, vn_enc_name(cs));
			}
			buf_free(&run);
		}
		free(u);
	}
	buf_reset(&r->bytes);
}

static void set_font(struct rtf *r, int idx)
{
	top(r)->font = idx;
}

static void add_byte(struct rtf *r, unsigned char c)
{
	if (r->skipchars > 0) {
		r->skipchars--;
		return;
	}
	if (top(r)->skip)
		return;
	if (top(r)->fonttbl) {
		buf_addc(&r->name, (char)c);
		return;
	}
	if (r->bytes.n && r->run_font != top(r)->font)
		flush(r);
	r->run_font = top(r)->font;
	buf_addc(&r->bytes, (char)c);
}

static void add_unicode(struct rtf *r, long cp)
{
	const struct font *f;
	char u8[4];
	int32_t k = 0;

	if (top(r)->skip || top(r)->fonttbl)
		return;
	if (cp < 0)
		cp += 65536;
	if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return;
	/* in a legacy font, a \u character still stands for the legacy byte */
	f = font_of(r, top(r)->font);
	if (f && f->cs != VN_CS_UNKNOWN && vn_enc_byte_of((int32_t)cp) >= 0) {
		int b = vn_enc_byte_of((int32_t)cp);
		int save = r->skipchars;
		r->skipchars = 0;
		add_byte(r, (unsigned char)b);
		r->skipchars = save;
		return;
	}
	flush(r);
	U8_APPEND_UNSAFE(u8, k, cp);
	buf_add(out_buf(r), u8, (size_t)k);
}

static void add_text(struct rtf *r, const char *s)
{
	if (top(r)->skip || top(r)->fonttbl)
		return;
	flush(r);
	buf_adds(out_buf(r), s);
}

/* Trimmed, NFC copy of b, or NULL when only whitespace. */
static char *take(struct rtf *r, struct buf *b)
{
	struct buf o = BUF_INIT;
	size_t s = 0, e = b->n;

	while (s < e && (b->p[s] == ' ' || b->p[s] == '\t'))
		s++;
	while (e > s && (b->p[e - 1] == ' ' || b->p[e - 1] == '\t'))
		e--;
	if (s == e) {
		buf_reset(b);
		return NULL;
	}
	vn_norm_nfc(r->cx->nm, b->p + s, e - s, &o, NULL);
	buf_reset(b);
	return buf_detach(&o);
}

static void emit_notes(struct rtf *r)
{
	size_t i;
	for (i = 0; i < r->nnotes; i++) {
		char num[16];
		snprintf(num, sizeof(num), "%d", r->nfoot - (int)r->nnotes + (int)i + 1);
		doc_add_block(r->d, BLK_FOOTNOTE, r->notes[i], xstrdup(num));
	}
	free(r->notes);
	r->notes = NULL;
	r->nnotes = 0;
}

static void end_para(struct rtf *r)
{
	char *t;

	flush(r);
	if (top(r)->footnote) {
		/* a note's paragraphs stay apart: layout makes a passage of each */
		buf_addc(&r->note, '\n');
		return;
	}
	if (r->intbl) {
		buf_addc(&r->para, ' ');
		return;
	}
	t = take(r, &r->para);
	if (t)
		doc_add_block(r->d, BLK_PARA, t, NULL);
	emit_notes(r);
}

/*
 * A table row becomes one paragraph, each cell's text closed by "|" ("Bộ Tài chính|Cộng hoà
 * xã hội chủ nghĩa Việt Nam|"): the cells of a row stay together for search and display,
 * and this is the layout of the transcripts the reader is measured against.
 */
static void end_cell(struct rtf *r)
{

	flush(r);
	if (top(r)->footnote)
		return;
	/* untrimmed: a paragraph break inside a cell still separates words */
	buf_add(&r->row, r->para.p ? r->para.p : "", r->para.n);
	buf_reset(&r->para);
	buf_addc(&r->row, '|');
	r->col++;
}

static void end_row(struct rtf *r)
{
	char *t;

	flush(r);
	if (top(r)->footnote)
		return;
	t = take(r, &r->row);
	if (t)
		doc_add_block(r->d, BLK_PARA, t, NULL);
	r->row_no++;
	r->col = 0;
	emit_notes(r);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Destinations whose text is not body text (sorted, for bsearch: strcmp order). */
static int skipped_destination(const char *w)
{
	static const char *const dests[] = {
	    "aftncn",
	    "aftnsep",
	    "aftnsepc",
	    "annotation",
	    "atnauthor",
	    "atnid",
	    "author",
	    "background",
	    "bkmkend",
	    "bkmkstart",
	    "blipuid",
	    "category",
	    "colorschememapping",
	    "colortbl",
	    "comment",
	    "company",
	    "datafield",
	    "datastore",
	    "defchp",
	    "defpap",
	    "doccomm",
	    "docvar",
	    "falt",
	    "fchars",
	    "filetbl",
	    "fldinst",
	    "fontemb",
	    "fontfile",
	    "footer",
	    "footerf",
	    "footerl",
	    "footerr",
	    "formfield",
	    "ftncn",
	    "ftnsep",
	    "ftnsepc",
	    "generator",
	    "header",
	    "headerf",
	    "headerl",
	    "headerr",
	    "hlinkbase",
	    "info",
	    "keywords",
	    "latentstyles",
	    "lchars",
	    "listoverridetable",
	    "listtable",
	    "listtext",
	    "manager",
	    "mmathPr",
	    "nonshppict",
	    "objclass",
	    "objdata",
	    "object",
	    "operator",
	    "panose",
	    "pgdsctbl",
	    "pict",
	    "pn",
	    "pntext",
	    "pntxta",
	    "pntxtb",
	    "private",
	    "protusertbl",
	    "revtbl",
	    "rsidtbl",
	    "shpinst",
	    "sn",
	    "sp",
	    "stylesheet",
	    "subject",
	    "sv",
	    "tc",
	    "template",
	    "themedata",
	    "title",
	    "userprops",
	    "wgrffmtfilter",
	    "xe",
	    "xmlnstbl",
	};
	return bsearch(&w, dests, sizeof(dests) / sizeof(dests[0]), sizeof(dests[0]), cmp_str) !=
	       NULL;
}

static void end_font_def(struct rtf *r)
{
	struct font *f;
	char *semi;
	int upper = 0;

	if (!top(r)->fontdef || r->nfonts == 0)
		return;
	f = &r->fonts[r->nfonts - 1];
	buf_addc(&r->name, 0);
	r->name.n--;
	semi = strchr(r->name.p, ';');
	if (semi)
		*semi = 0;
	f->cs = vn_enc_font(r->name.p, &upper);
	f->upper = upper;
	buf_reset(&r->name);
	top(r)->fontdef = 0;
}

static void control(struct rtf *r, const char *w, int has_arg, long arg, int star)
{
	struct group *g = top(r);

	if (star && !g->skip && !g->fonttbl && strcmp(w, "footnote") != 0) {
		/* \* marks an ignorable destination: skip any we do not read */
		g->skip = 1;
		return;
	}
	if (g->fonttbl) {
		if (strcmp(w, "f") == 0 && has_arg && r->nfonts < MAX_FONTS) {
			end_font_def(r);
			r->fonts = xrealloc(r->fonts, (r->nfonts + 1) * sizeof(struct font));
			r->fonts[r->nfonts].num = (int)arg;
			r->fonts[r->nfonts].cs = VN_CS_UNKNOWN;
			r->fonts[r->nfonts].upper = 0;
			r->fonts[r->nfonts].codepage = 0;
			r->fonts[r->nfonts].decided = 0;
			r->nfonts++;
			g->fontdef = 1;
			buf_reset(&r->name);
		} else if (strcmp(w, "fcharset") == 0 && g->fontdef && r->nfonts) {
			static const struct {
				int charset, cp;
			} map[] = {{0, 0},      {163, 1258}, {238, 1250}, {204, 1251}, {161, 1253},
			           {162, 1254}, {186, 1257}, {177, 1255}, {178, 1256}, {222, 874}};
			size_t i;
			for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
				if (map[i].charset == arg)
					r->fonts[r->nfonts - 1].codepage = map[i].cp;
		} else if (skipped_destination(w)) {
			g->skip = 1;
		}
		return;
	}
	if (g->skip)
		return;
	if (strcmp(w, "fonttbl") == 0) {
		g->fonttbl = 1;
	} else if (strcmp(w, "footnote") == 0) {
		flush(r);
		g->footnote = 1;
		buf_reset(&r->note);
	} else if (skipped_destination(w)) {
		flush(r);
		g->skip = 1;
	} else if (strcmp(w, "f") == 0 && has_arg) {
		set_font(r, find_font(r, (int)arg));
	} else if (strcmp(w, "plain") == 0) {
		set_font(r, find_font(r, r->deff));
	} else if (strcmp(w, "deff") == 0 && has_arg) {
		r->deff = (int)arg;
	} else if (strcmp(w, "ansicpg") == 0 && has_arg) {
		r->ansicpg = (int)arg;
	} else if (strcmp(w, "uc") == 0 && has_arg) {
		g->uc = arg < 0 ? 0 : arg > 8 ? 8 : (int)arg;
	} else if (strcmp(w, "u") == 0 && has_arg) {
		add_unicode(r, arg);
		r->skipchars = g->uc;
	} else if (strcmp(w, "par") == 0 || strcmp(w, "sect") == 0 || strcmp(w, "page") == 0) {
		end_para(r);
	} else if (strcmp(w, "line") == 0) {
		/* a line break inside the paragraph, as DOCX's <w:br/>: a signature block keeps
		 * its role and name apart */
		add_text(r, "\n");
	} else if (strcmp(w, "tab") == 0) {
		add_text(r, "\t");
	} else if (strcmp(w, "cell") == 0 || strcmp(w, "nestcell") == 0) {
		end_cell(r);
	} else if (strcmp(w, "row") == 0 || strcmp(w, "nestrow") == 0) {
		end_row(r);
	} else if (strcmp(w, "intbl") == 0) {
		r->intbl = 1;
	} else if (strcmp(w, "pard") == 0) {
		r->intbl = 0;
	} else if (strcmp(w, "chftn") == 0) {
		if (!g->footnote)
			r->nfoot++;
	} else if (strcmp(w, "emdash") == 0) {
		add_text(r, "—");
	} else if (strcmp(w, "endash") == 0) {
		add_text(r, "–");
	} else if (strcmp(w, "bullet") == 0) {
		add_text(r, "•");
	} else if (strcmp(w, "lquote") == 0) {
		add_text(r, "‘");
	} else if (strcmp(w, "rquote") == 0) {
		add_text(r, "’");
	} else if (strcmp(w, "ldblquote") == 0) {
		add_text(r, "“");
	} else if (strcmp(w, "rdblquote") == 0) {
		add_text(r, "”");
	}
}

static void close_group(struct rtf *r)
{
	struct group *g = top(r);

	if (g->fonttbl)
		end_font_def(r);
	if (g->footnote && r->depth > 0 && !r->st[r->depth - 1].footnote) {
		char *t;
		flush(r);
		t = take(r, &r->note);
		if (t) {
			r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof(char *));
			r->notes[r->nnotes++] = t;
		}
	}
	/* a run ends with its group when the font changes back */
	if (r->depth > 0) {
		if (r->bytes.n && r->st[r->depth - 1].font != g->font)
			flush(r);
		if (g->footnote || g->skip)
			flush(r);
		r->depth--;
	}
}

int fmt_rtf_read(struct fmt_ctx *cx, const char *data, size_t n, struct doc *d, struct err *e)
{
	struct rtf r;
	size_t i = 0;
	int rc = 0, star = 0;

	d->format = "rtf";
	d->encoding = "rtf";
	if (n < 5 || memcmp(data, "{\\rtf", 5) != 0)
		return err_set(e, "not an RTF file (no {\\rtf header)");
	memset(&r, 0, sizeof(r));
	r.cx = cx;
	r.d = d;
	r.ansicpg = 1252;
	r.run_font = -1;
	r.st[0].font = -1;
	r.st[0].uc = 1;
	r.depth = 0;
	while (i < n) {
		unsigned char c = (unsigned char)data[i];
		if (c == '{') {
			if (r.depth + 1 >= MAX_DEPTH) {
				rc = err_set(e, "RTF groups nested deeper than %d", MAX_DEPTH);
				break;
			}
			r.st[r.depth + 1] = r.st[r.depth];
			r.st[r.depth + 1].fontdef = 0;
			r.depth++;
			r.skipchars = 0;
			i++;
			star = 0;
		} else if (c == '}') {
			close_group(&r);
			r.skipchars = 0;
			i++;
			star = 0;
		} else if (c == '\\') {
			char w[33];
			size_t k = 0;
			i++;
			if (i >= n)
				break;
			c = (unsigned char)data[i];
			if (c == '\'') {
				int hi, lo;
				char hex[3] = {0, 0, 0};
				if (i + 2 < n) {
					hex[0] = data[i + 1];
					hex[1] = data[i + 2];
				}
				hi = g_ascii_xdigit_value(hex[0]);
				lo = g_ascii_xdigit_value(hex[1]);
				i += 3;
				if (hi >= 0 && lo >= 0)
					add_byte(&r, (unsigned char)(hi * 16 + lo));
				continue;
			}
			if (c == '*') {
				star = 1;
				i++;
				continue;
			}
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				i++;
				if (c == '{' || c == '}' || c == '\\')
					add_byte(&r, c);
				else if (c == '~')
					add_unicode(&r, 0xA0);
				else if (c == '_')
					add_byte(&r, '-');
				else if (c == '\n' || c == '\r')
					end_para(&r);
				continue;
			}
			while (i < n && ((data[i] >= 'a' && data[i] <= 'z') ||
			                 (data[i] >= 'A' && data[i] <= 'Z'))) {
				if (k < sizeof(w) - 1)
					w[k++] = data[i];
				i++;
			}
			w[k] = 0;
			{
				int has_arg = 0, neg = 0;
				long arg = 0;
				if (i < n && data[i] == '-') {
					neg = 1;
					i++;
				}
				while (i < n && data[i] >= '0' && data[i] <= '9') {
					if (arg < 100000000)
						arg = arg * 10 + (data[i] - '0');
					has_arg = 1;
					i++;
				}
				if (neg)
					arg = -arg;
				if (i < n && data[i] == ' ')
					i++;
				control(&r, w, has_arg, arg, star);
			}
			star = 0;
		} else if (c == '\r' || c == '\n') {
			i++;
		} else {
			if (top(&r)->fonttbl && c == ';') {
				end_font_def(&r);
				i++;
				continue;
			}
			add_byte(&r, c);
			i++;
		}
	}
	if (rc == 0) {
		while (r.depth > 0)
			close_group(&r);
		end_para(&r);
		if (r.row.n)
			end_row(&r);
		r.intbl = 0;
		end_para(&r);
		if (r.d->nblocks == 0 && r.depth == 0 && r.para.n == 0)
			doc_add_note(d, "no text in the RTF body");
	}
	emit_notes(&r);
	if (r.legacy)
		d->encoding = r.legacy;
	else if (r.ansicpg == 1252)
		d->encoding = "cp1252";
	else if (r.ansicpg == 1258)
		d->encoding = "cp1258";
	if (r.cv)
		ucnv_close(r.cv);
	buf_free(&r.name);
	buf_free(&r.bytes);
	buf_free(&r.para);
	buf_free(&r.note);
	buf_free(&r.row);
	free(r.fonts);
	return rc;
}
