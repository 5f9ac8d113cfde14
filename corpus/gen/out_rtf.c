/*
 * out_rtf: the report as an RTF file of the early 2000s: text in TCVN3 bytes under the
 * .VnTime font (\'xx escapes), all-capital lines in .VnTimeH typed in lower case (the font
 * draws capitals), real footnotes (\chftn, {\footnote …}), italic and bold as groups.
 */
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "legacy.h"
#include "render.h"
#include "world.h"

struct rtf {
	struct ctx *c;
	struct buf *out;
	int upper;
	int failed;
	struct err *e;
};

static void rtf_bytes(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\\' || b == '{' || b == '}')
			buf_printf(out, "\\%c", b);
		else if (b == '\n')
			buf_adds(out, "\\line ");
		else if (b >= 0x80)
			buf_printf(out, "\\'%02x", b);
		else
			buf_addc(out, (char)b);
	}
}

static void rtf_text(void *ctx, const char *s, size_t n)
{
	struct rtf *r = ctx;
	struct buf enc = BUF_INIT;
	char *low = NULL;

	if (r->failed)
		return;
	if (r->upper) {
		/* .VnTimeH: the typist typed lower case, the font showed capitals */
		char *tmp = xstrndup(s, n);
		low = utf8_lower(tmp);
		free(tmp);
		s = low;
		n = strlen(low);
	}
	if (legacy_encode(VN_CS_TCVN3, s, n, &enc, r->e) != 0)
		r->failed = 1;
	else
		rtf_bytes(r->out, enc.p ? enc.p : "", enc.n);
	buf_free(&enc);
	free(low);
}

static void rtf_style(void *ctx, unsigned style, int on)
{
	struct rtf *r = ctx;
	if (on)
		buf_adds(r->out, style & ST_BOLD ? "{\\b " : "{\\i ");
	else
		buf_adds(r->out, "}");
}

static void rtf_note(struct rtf *r, int note);

static void rtf_ref(void *ctx, int note)
{
	struct rtf *r = ctx;
	buf_adds(r->out, "{\\super\\chftn}{\\footnote\\pard\\plain\\f0\\fs20 {\\super\\chftn} ");
	rtf_note(r, note);
	buf_adds(r->out, "}");
}

static const struct para_walker walker = {rtf_text, rtf_style, rtf_ref};

static void rtf_note(struct rtf *r, int note)
{
	struct doc *d = r->c->d;
	size_t i;
	int first = 1;

	for (i = 0; i < d->nparas; i++) {
		if (d->paras[i].note != note)
			continue;
		if (!first)
			buf_adds(r->out, "\\par ");
		first = 0;
		r->upper = 0;
		para_walk(&d->paras[i], &walker, r);
	}
}

int write_rtf(struct ctx *c, struct buf *out, struct err *e)
{
	struct rtf r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.out = out;
	r.e = e;
	buf_adds(out, "{\\rtf1\\ansi\\ansicpg1252\\deff0\n{\\fonttbl{\\f0\\froman .VnTime;}"
	              "{\\f1\\froman .VnTimeH;}}\n{\\info{\\title ");
	buf_adds(out, "Synthetic report (thidua-gen)}{\\author thidua-gen synthetic}}\n");
	buf_adds(out, "\\paperw11906\\paperh16838\\margl1701\\margr1134\\margt1134\\margb1134\n");
	for (i = 0; i < c->d->nparas && !r.failed; i++) {
		const struct para *p = &c->d->paras[i];
		if (p->note)
			continue;
		r.upper = p->upper && is_all_upper(p->text.p, p->text.n);
		buf_printf(out, "\\pard\\plain%s\\f%d\\fs26 ", p->center ? "\\qc" : "\\qj",
		           r.upper);
		para_walk(p, &walker, &r);
		buf_adds(out, "\\par\n");
	}
	buf_adds(out, "}\n");
	return r.failed ? -1 : 0;
}
