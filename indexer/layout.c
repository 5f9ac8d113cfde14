#include "layout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---------------------------------------------------------------- markdown residue */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0;
}

char *layout_strip_markdown(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0;

	/* "# Heading" -> "Heading" */
	if (n > 0 && s[0] == '#') {
		size_t k = 0;
		while (k < n && k < 6 && s[k] == '#')
			k++;
		if (k < n && s[k] == ' ')
			i = k + 1;
	}
	/* "* item" -> "- item" */
	if (i + 1 < n && s[i] == '*' && s[i + 1] == ' ') {
		buf_addc(&b, '-');
		i++;
	}
	while (i < n) {
		size_t j = i;
		char before, after;
		if (s[i] != '*' && s[i] != '_') {
			buf_addc(&b, s[i++]);
			continue;
		}
		while (j < n && s[j] == s[i])
			j++;
		before = i > 0 ? s[i - 1] : 0;
		after = j < n ? s[j] : 0;
		/* Underscores are residue only in pairs hugging text (__x__); a lone _ is text. */
		if (s[i] == '_' && j - i < 2) {
			buf_add(&b, s + i, j - i);
			i = j;
			continue;
		}
		/* A run of emphasis marks touching text on one side is residue; with spaces on
		 * both sides it is a real asterisk (a * b). */
		if (is_blank(before) && is_blank(after))
			buf_add(&b, s + i, j - i);
		i = j;
	}
	return buf_detach(&b);
}

/* ---------------------------------------------------------------- headings */

enum { LV_PART, LV_ROMAN, LV_NUM, LV_SUB, LV_LETTER = 8, LV_MAX = 9 };

static size_t skip_spaces(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

static int roman(const char *s, size_t *len)
{
	size_t i = 0;
	while (s[i] && strchr("IVXLC", s[i]))
		i++;
	*len = i;
	return i > 0 && i <= 7;
}

/*
 * If text opens with a heading number, set *level and the label ("PHẦN I", "III", "2.1",
 * "a") and return 1.
 */
static int heading(const char *t, int *level, char *label, size_t cap)
{
	size_t i = 0, k;

	if (strncmp(t, "PHẦN ", 6) == 0 || strncmp(t, "Phần ", 6) == 0) {
		i = skip_spaces(t, 6);
		if ((roman(t + i, &k) || (k = strspn(t + i, "0123456789")) > 0) &&
		    (t[i + k] == 0 || t[i + k] == ' ' || t[i + k] == '.' || t[i + k] == ':' ||
		     t[i + k] == '\n')) {
			*level = LV_PART;
			snprintf(label, cap, "PHẦN %.*s", (int)k, t + i);
			return 1;
		}
		return 0;
	}
	if (roman(t, &k) && t[k] == '.' && t[k + 1] == ' ') {
		*level = LV_ROMAN;
		snprintf(label, cap, "%.*s", (int)k, t);
		return 1;
	}
	if (isdigit((unsigned char)t[0])) {
		int dots = 0;
		i = 0;
		for (;;) {
			size_t d = strspn(t + i, "0123456789");
			if (d == 0 || d > 2)
				return 0;
			i += d;
			if (t[i] == '.' && isdigit((unsigned char)t[i + 1])) {
				i++;
				dots++;
				continue;
			}
			break;
		}
		/* "1. Xxx" or "2.1. Xxx" or "2.1 Xxx"; "2020." and "1.419 cá nhân" are not */
		if (t[i] == '.' && t[i + 1] == ' ')
			k = i;
		else if (dots > 0 && t[i] == ' ')
			k = i;
		else
			return 0;
		*level = dots == 0 ? LV_NUM : LV_SUB + dots - 1;
		if (*level >= LV_LETTER)
			*level = LV_LETTER - 1;
		snprintf(label, cap, "%.*s", (int)k, t);
		return 1;
	}
	if (t[0] >= 'a' && t[0] <= 'z' && t[1] == ')' && t[2] == ' ') {
		*level = LV_LETTER;
		snprintf(label, cap, "%c", t[0]);
		return 1;
	}
	return 0;
}

struct sections {
	char label[LV_MAX][64];
	int used[LV_MAX];
};

static void section_open(struct sections *s, int level, const char *label)
{
	int i;
	for (i = level; i < LV_MAX; i++)
		s->used[i] = 0;
	s->used[level] = 1;
	snprintf(s->label[level], sizeof(s->label[level]), "%s", label);
}

static char *section_path(const struct sections *s)
{
	struct buf b = BUF_INIT;
	int i;
	for (i = 0; i < LV_MAX; i++) {
		if (!s->used[i])
			continue;
		if (b.n)
			buf_adds(&b, " \xe2\x80\xba "); /* › */
		buf_adds(&b, s->label[i]);
	}
	return buf_detach(&b);
}

/* ---------------------------------------------------------------- paragraphs */

static int starts_item(const char *t, size_t n)
{
	int lv;
	char label[64];
	char *z;
	int r;

	if (n == 0)
		return 0;
	if (t[0] == '-' || t[0] == '+' || t[0] == '*' || strncmp(t, "•", 3) == 0 ||
	    strncmp(t, "–", 3) == 0)
		return 1;
	z = xstrndup(t, n < 64 ? n : 64);
	r = heading(z, &lv, label, sizeof(label));
	free(z);
	return r;
}

static int ends_sentence(const char *t, size_t n)
{
	while (n > 0 && is_blank(t[n - 1]))
		n--;
	return n == 0 || strchr(".:;!?)", t[n - 1]) != NULL ||
	       (n >= 3 && (memcmp(t + n - 3, "”", 3) == 0 || memcmp(t + n - 3, "…", 3) == 0));
}

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && is_blank((*s)[0]))
		(*s)++, (*n)--;
	while (*n > 0 && is_blank((*s)[*n - 1]))
		(*n)--;
}

/*
 * One paragraph -> one passage. Markdown residue is only stripped from free text (a .docx
 * asterisk is a real asterisk).
 */
static void emit(struct doc *d, struct sections *sec, const char *raw, size_t n, int markdown,
                 const char *kind)
{
	char *text = markdown ? layout_strip_markdown(raw, n) : xstrndup(raw, n), *path;
	char label[64];
	int level;
	size_t len;

	/* residue removal can leave spaces at the ends */
	{
		const char *t = text;
		len = strlen(text);
		trim(&t, &len);
		memmove(text, t, len);
		text[len] = 0;
	}
	if (len == 0) {
		free(text);
		return;
	}
	if (strcmp(kind, "footnote") == 0 || strcmp(kind, "cell") == 0) {
		/* a footnote body or a table cell ("1.", "STT") opens no section */
	} else if (heading(text, &level, label, sizeof(label))) {
		section_open(sec, level, label);
		if (len < 160)
			kind = "heading";
	} else if (len < 200 && text_all_caps(text, len) && text_display_width(text, len) > 3) {
		kind = "heading";
	}
	path = section_path(sec);
	doc_add_passage(d, text, path, kind);
	free(path);
}

/* Free text (plain-text files): find the paragraphs, then emit them. */
static void split_text(struct doc *d, struct sections *sec, const char *text, size_t ntext)
{
	const char *s = text, *end = text + ntext;
	struct buf para = BUF_INIT;
	size_t prev_width = 0;
	int prev_ended = 1;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s)), *line = s;
		size_t n;
		if (!eol)
			eol = end;
		n = (size_t)(eol - s);
		s = eol + 1;
		trim(&line, &n);
		if (n == 0) {
			if (para.n)
				emit(d, sec, para.p, para.n, 1, "body");
			buf_reset(&para);
			continue;
		}
		/* join a hard-wrapped continuation, otherwise start a new paragraph */
		if (para.n && prev_width >= 60 && !prev_ended && text_starts_lower(line, n) &&
		    !starts_item(line, n)) {
			buf_addc(&para, ' ');
		} else if (para.n) {
			emit(d, sec, para.p, para.n, 1, "body");
			buf_reset(&para);
		}
		buf_add(&para, line, n);
		prev_width = text_display_width(line, n);
		prev_ended = ends_sentence(line, n);
	}
	if (para.n)
		emit(d, sec, para.p, para.n, 1, "body");
	buf_free(&para);
}

void layout_doc(struct doc *d)
{
	struct sections sec;
	size_t i;

	memset(&sec, 0, sizeof(sec));
	for (i = 0; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		if (!b->text)
			continue;
		switch (b->kind) {
		case BLK_TEXT:
			split_text(d, &sec, b->text, strlen(b->text));
			break;
		case BLK_FOOTNOTE:
			emit(d, &sec, b->text, strlen(b->text), 0, "footnote");
			break;
		case BLK_HEADING:
			emit(d, &sec, b->text, strlen(b->text), 0, "heading");
			break;
		case BLK_CELL:
			emit(d, &sec, b->text, strlen(b->text), 0, "cell");
			break;
		default:
			emit(d, &sec, b->text, strlen(b->text), 0, "body");
			break;
		}
	}
	doc_free_blocks(d);
}
