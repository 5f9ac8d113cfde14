#include "layout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "units.h"

/* ---------------------------------------------------------------- markdown residue */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0;
}

/* The offset of the first c in s[i..n), n if none. */
static size_t next_of(const char *s, size_t i, size_t n, char c)
{
	const char *p = memchr(s + i, c, n - i);

	return p ? (size_t)(p - s) : n;
}

char *layout_strip_markdown(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0, star, under;

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
	buf_reserve(&b, n - i);
	star = next_of(s, i, n, '*');
	under = next_of(s, i, n, '_');
	while (i < n) {
		size_t j = i;
		char before, after;
		if (s[i] != '*' && s[i] != '_') {
			/* copy the run up to the next emphasis mark in one go; most paragraphs have
			 * none, and memchr finds that a vector at a time (the next of each mark is
			 * kept, so a paragraph is searched once for each) */
			if (star < i)
				star = next_of(s, i, n, '*');
			if (under < i)
				under = next_of(s, i, n, '_');
			j = star < under ? star : under;
			buf_add(&b, s + i, j - i);
			i = j;
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
	/* a line of marks only ("____*") adds nothing after buf_reserve: terminate it */
	buf_add(&b, "", 0);
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

static int is_bullet(const char *t)
{
	return t[0] == '-' || t[0] == '+' || t[0] == '*' || strncmp(t, "•", 3) == 0 ||
	       strncmp(t, "–", 3) == 0;
}

static int starts_item(const char *t, size_t n)
{
	int lv;
	char label[64];
	char *z;
	int r;

	if (n == 0)
		return 0;
	if (is_bullet(t))
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

/* A paragraph as found, before footnotes and page breaks are sorted out. */
struct para {
	char *text;
	char *note; /* BLK_FOOTNOTE: the format's marker */
	int heading_block;
	int cell; /* BLK_CELL: a table cell is whole as it is; it joins nothing, opens no section */
	int exact; /* a paragraph a structured format gave (Word, RTF, HTML…): page breaks never
		    * cut it, and its footnote references are already superscripts */
	/* units_label of text, asked once: a footnote's run of unit items is looked ahead
	 * over from each of its items, so the same item is asked again and again */
	char *label;
	int labeled;
};

struct paras {
	struct para *p;
	size_t n, cap;
};

/*
 * The longest passage: a paragraph longer than this is cut, at line ends, or inside a line
 * at a space. No report has one (the longest of the 3.2 million passages of the national
 * corpus is 12 KB); a file without paragraph breaks has (a listing, a table exported row by
 * row, text extracted without line ends), and fact extraction looks around each mention
 * within its passage: one passage of 3.5 MB took two minutes.
 */
#define PARA_MAX (32 * 1024)

static void para_add_one(struct paras *ps, const char *raw, size_t n, int markdown, char *note,
			 int heading_block)
{
	char *text = markdown ? layout_strip_markdown(raw, n) : xstrndup(raw, n);
	const char *t = text;
	size_t len = strlen(text);

	trim(&t, &len);
	if (len == 0) {
		free(text);
		free(note);
		return;
	}
	memmove(text, t, len);
	text[len] = 0;
	ps->p = xgrow(ps->p, &ps->cap, ps->n + 1, sizeof(*ps->p));
	ps->p[ps->n].text = text;
	ps->p[ps->n].note = note;
	ps->p[ps->n].heading_block = heading_block;
	ps->p[ps->n].cell = 0;
	ps->p[ps->n].exact = 0;
	ps->p[ps->n].label = NULL;
	ps->p[ps->n].labeled = 0;
	ps->n++;
}

/* Where to cut raw[0..n) (n > PARA_MAX) at most PARA_MAX bytes in: after the last line end,
 * else the last space, else the last character start. */
static size_t para_cut(const char *raw, size_t n)
{
	size_t k = PARA_MAX < n ? PARA_MAX : n;

	for (size_t i = k; i > k / 2; i--)
		if (raw[i - 1] == '\n')
			return i;
	for (size_t i = k; i > k / 2; i--)
		if (raw[i - 1] == ' ')
			return i;
	while (k > 1 && ((unsigned char)raw[k] & 0xC0) == 0x80)
		k--;
	return k;
}

static void para_add(struct paras *ps, const char *raw, size_t n, int markdown, char *note,
		     int heading_block)
{
	while (n > PARA_MAX) {
		size_t k = para_cut(raw, n);
		para_add_one(ps, raw, k, markdown, note ? xstrdup(note) : NULL, heading_block);
		raw += k;
		n -= k;
	}
	para_add_one(ps, raw, n, markdown, note, heading_block);
}

/* Free text (plain-text files): find the paragraphs. */
static void split_text(struct paras *ps, const char *text, size_t ntext)
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
				para_add(ps, para.p, para.n, 1, NULL, 0);
			buf_reset(&para);
			continue;
		}
		/* join a hard-wrapped continuation, otherwise start a new paragraph */
		if (para.n && prev_width >= 60 && !prev_ended && text_starts_lower(line, n) &&
		    !starts_item(line, n) && para.n + 1 + n <= PARA_MAX) {
			buf_addc(&para, ' ');
		} else if (para.n) {
			para_add(ps, para.p, para.n, 1, NULL, 0);
			buf_reset(&para);
		}
		buf_add(&para, line, n);
		/* only "60 characters or more" matters, and a paragraph is often one long
		 * line: a line of 240 bytes or more has 60 characters whatever they are */
		prev_width = n >= 4 * 60 ? n : text_count_chars(line, n);
		prev_ended = ends_sentence(line, n);
	}
	if (para.n)
		para_add(ps, para.p, para.n, 1, NULL, 0);
	buf_free(&para);
}

/* ---------------------------------------------------------------- footnote markers */

static const char *const sup_digit[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

/* A superscript digit at s: its value, and its length in *len; -1 if none. */
static int sup_at(const char *s, size_t *len)
{
	int d;
	/* every superscript digit starts with byte C2 (¹²³) or E2 (⁰⁴…⁹): a cheap no for the
	 * rest, as this is asked at every byte of the text */
	if ((unsigned char)s[0] != 0xC2 && (unsigned char)s[0] != 0xE2)
		return -1;
	for (d = 0; d < 10; d++) {
		size_t k = strlen(sup_digit[d]);
		if (strncmp(s, sup_digit[d], k) == 0) {
			*len = k;
			return d;
		}
	}
	return -1;
}

/*
 * A footnote marker at s — ⁽¹⁾, ¹²³, [1] — its number and length; -1 if none. "(¹)" is
 * ⁽¹⁾ after a code page without superscript parentheses (cp1252, cp1258) transliterated it.
 * Plain digits count only when plain is set (a footnote body line in plain-text output,
 * "1 Chỉ thị …", or "(1) Chỉ thị …" after VISCII lost the superscripts); the caller takes
 * those only for a footnote cited and not yet started, as "(1)" numbers list items far more
 * often than footnotes.
 */
static int marker_at(const char *s, size_t *len, int plain)
{
	size_t i = 0, k;
	int v = -1, d, paren = 0;

	if (strncmp(s, "⁽", 3) == 0)
		i = 3, paren = 1;
	else if (s[0] == '(' && (sup_at(s + 1, &k) >= 0 || (plain && isdigit((unsigned char)s[1]))))
		i = 1, paren = 2;
	while ((d = sup_at(s + i, &k)) >= 0 && v < 1000) {
		v = (v < 0 ? 0 : v * 10) + d;
		i += k;
	}
	if (v < 0 && paren == 2) {
		for (k = i; k < i + 2 && isdigit((unsigned char)s[k]); k++)
			v = (v < 0 ? 0 : v * 10) + (s[k] - '0');
		i = k;
	}
	if (v >= 0) {
		if (paren == 1) {
			if (strncmp(s + i, "⁾", 3) != 0)
				return -1;
			i += 3;
		} else if (paren == 2) {
			if (s[i] != ')')
				return -1;
			i += 1;
		}
		*len = i;
		return v;
	}
	if (s[0] == '[' && isdigit((unsigned char)s[1])) {
		v = atoi(s + 1);
		for (i = 1; isdigit((unsigned char)s[i]); i++)
			;
		if (s[i] != ']' || i > 4)
			return -1;
		*len = i + 1;
		return v;
	}
	if (plain && s[0] == '(' && isdigit((unsigned char)s[1])) {
		/* "(1) …": a code page without superscripts (VISCII, TCVN) spells ⁽¹⁾ so */
		for (i = 1; isdigit((unsigned char)s[i]); i++)
			;
		if (i > 3 || s[i] != ')' || s[i + 1] != ' ')
			return -1;
		*len = i + 1;
		return atoi(s + 1);
	}
	if (plain && isdigit((unsigned char)s[0])) {
		for (i = 0; isdigit((unsigned char)s[i]); i++)
			;
		if (i > 2 || (s[i] != ' ' && s[i] != '-'))
			return -1;
		*len = i;
		return atoi(s);
	}
	return -1;
}

/* Superscript form of n ("¹²"). */
static void sup_string(int n, char *out, size_t cap)
{
	char digits[16];
	size_t i;
	snprintf(digits, sizeof(digits), "%d", n);
	out[0] = 0;
	for (i = 0; digits[i]; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s", sup_digit[digits[i] - '0']);
}

#define MARKER_STARTS "([0123456789\xC2\xE2"

/*
 * Footnote markers cited in a body paragraph: every ⁽n⁾ / superscript run / [n], and a
 * digit glued to a word when it is the next footnote expected (plain-text exports write
 * "đồng3"): that one is rewritten as a superscript so it leaves the word alone. Returns the
 * highest number cited (or *cited unchanged).
 */
static char *cite_markers(const char *t, int *cited, int glued)
{
	struct buf b = BUF_INIT;
	size_t i = 0, n = strlen(t), len;
	int v;

	while (i < n) {
		/* only '(', '[', a digit or the lead byte of a superscript (C2, E2) can start a
		 * marker: copy everything else a run at a time, found by strcspn (a vector at a
		 * time), as this visits every byte */
		size_t run = i + strcspn(t + i, MARKER_STARTS);
		if (run > i) {
			buf_add(&b, t + i, run - i);
			i = run;
			continue;
		}
		/* a superscript 2 or 3 after "m" is a unit (m², m³), not a marker */
		if ((v = marker_at(t + i, &len, 0)) >= 0 &&
		    !(i > 0 && t[i - 1] == 'm' && (v == 2 || v == 3))) {
			if (v > *cited && v < *cited + 3)
				*cited = v;
			buf_add(&b, t + i, len);
			i += len;
			continue;
		}
		/* "(2)" glued to a word: ⁽²⁾ after a code page without superscripts (VISCII)
		 * transliterated it — a marker only when it is the next footnote expected */
		if (glued && t[i] == '(' && i > 0 &&
		    ((unsigned char)t[i - 1] >= 0x80 || isalpha((unsigned char)t[i - 1])) &&
		    isdigit((unsigned char)t[i + 1])) {
			size_t j = i + 1;
			while (j < n && isdigit((unsigned char)t[j]))
				j++;
			v = atoi(t + i + 1);
			if (j - i - 1 <= 2 && j < n && t[j] == ')' && v == *cited + 1) {
				char sup[32];
				sup_string(v, sup, sizeof(sup));
				buf_adds(&b, sup);
				*cited = v;
				i = j + 1;
				continue;
			}
		}
		if (glued && isdigit((unsigned char)t[i]) && i > 0 && !isdigit((unsigned char)t[i - 1]) &&
		    ((unsigned char)t[i - 1] >= 0x80 || isalpha((unsigned char)t[i - 1]))) {
			size_t j = i;
			while (j < n && isdigit((unsigned char)t[j]))
				j++;
			v = atoi(t + i);
			if (j - i <= 2 && v == *cited + 1 &&
			    (j == n || !isalnum((unsigned char)t[j]))) {
				char sup[32];
				sup_string(v, sup, sizeof(sup));
				buf_adds(&b, sup);
				*cited = v;
				i = j;
				continue;
			}
		}
		buf_addc(&b, t[i++]);
	}
	return buf_detach(&b);
}

/* Whether passage text cites footnote n. */
static int cites_note(const char *t, const char *note)
{
	char sup[32], brk[16];
	const char *p;
	int n = atoi(note);

	if (n <= 0)
		return 0;
	sup_string(n, sup, sizeof(sup));
	snprintf(brk, sizeof(brk), "[%d]", n);
	for (p = t; (p = strstr(p, sup)) != NULL; p += strlen(sup)) {
		size_t k;
		if (p > t && p[-1] == 'm' && (n == 2 || n == 3))
			continue;
		/* ¹ must not be the start of ¹² */
		if (sup_at(p + strlen(sup), &k) >= 0)
			continue;
		if (p >= t + 3 && sup_at(p - 2, &k) >= 0)
			continue;
		return 1;
	}
	return strstr(t, brk) != NULL;
}

/* ---------------------------------------------------------------- assembling passages */

struct piece {
	struct buf text;
	const char *kind; /* "body" | "footnote" | "cell" */
	char *note;
	long cont;
	int heading;
};

struct assembly {
	struct piece *p;
	size_t n, cap;
};

static size_t piece_add(struct assembly *a, const char *text, const char *kind, const char *note)
{
	struct piece *pc;
	a->p = xgrow(a->p, &a->cap, a->n + 1, sizeof(*a->p));
	pc = &a->p[a->n];
	memset(pc, 0, sizeof(*pc));
	buf_adds(&pc->text, text);
	pc->kind = kind;
	pc->note = note ? xstrdup(note) : NULL;
	pc->cont = -1;
	return a->n++;
}

/* Whether text may join piece at: not past the longest passage (PARA_MAX). */
static int joinable(const struct assembly *a, long at, const char *text)
{
	return a->p[at].text.n + 1 + strlen(text) <= PARA_MAX;
}

static void piece_join(struct assembly *a, long at, const char *text)
{
	buf_addc(&a->p[at].text, ' ');
	buf_adds(&a->p[at].text, text);
}

/* The open body paragraph *open_body goes on with t (its footnote references read as
 * such); it stays open unless t ends its sentence. */
static void body_goes_on(struct assembly *a, long *open_body, const char *t, int *cited)
{
	char *c = cite_markers(t, cited, 1);

	piece_join(a, *open_body, c);
	free(c);
	if (!text_ends_open(t))
		*open_body = -1;
}

/* A heading line: numbered and short (a long numbered paragraph is a list item of the
 * body), or all in capitals. */
static int is_heading_text(const char *t)
{
	int lv;
	char label[64];
	size_t n = strlen(t);
	if (heading(t, &lv, label, sizeof(label)))
		return n < 160;
	return n < 200 && text_all_caps(t, n) && text_display_width(t, n) > 3;
}

/* Whether unit is in the set seen ("\nA\n\nB\n"); label_seen adds it when not. */
static int label_in(const struct buf *seen, const char *unit)
{
	char *key = xmalloc(strlen(unit) + 3);
	int found;

	sprintf(key, "\n%s\n", unit);
	found = seen->n && strstr(buf_str(seen), key) != NULL;
	free(key);
	return found;
}

static int label_seen(struct buf *seen, const char *unit)
{
	int found = label_in(seen, unit);

	if (!found) {
		buf_adds(seen, "\n");
		buf_adds(seen, unit);
		buf_addc(seen, '\n');
	}
	return found;
}

/* Text t goes on with the last footnote (*last_fn): into its item cut in mid-sentence
 * (*open_fn), else as a paragraph of its own continuing it. */
static void footnote_goes_on(struct assembly *a, long *open_fn, long *last_fn, const char *t)
{
	size_t at;

	if (*open_fn >= 0 && joinable(a, *open_fn, t)) {
		piece_join(a, *open_fn, t);
		if (!text_ends_open(t))
			*open_fn = -1;
		return;
	}
	at = piece_add(a, t, "footnote", a->p[*last_fn].note);
	a->p[at].cont = *open_fn >= 0 ? *open_fn : *last_fn;
	*last_fn = (long)at;
	*open_fn = text_ends_open(t) ? (long)at : -1;
}

/* A paragraph that opens a footnote with a superscript or bracketed marker ("⁵ - …",
 * "[5] …"): plain digits are a footnote only in context. */
static int opens_footnote(const char *t)
{
	size_t len = 0;

	return !isdigit((unsigned char)t[0]) && marker_at(t, &len, 0) > 0;
}

/* Whether piece k, a footnote's item ("- Sở Y tế: …"), is about the unit text names. */
static int item_names_unit(const struct assembly *a, long k, struct vn_norm *nm, const char *t)
{
	char *label = units_label(nm, buf_str(&a->p[k].text));
	int found = label && units_names(nm, t, label);

	free(label);
	return found;
}

/* The unit paragraph pp's item is about (units_label), NULL if none; pp keeps it. */
static const char *para_label(struct para *pp, struct vn_norm *nm)
{
	if (!pp->labeled) {
		pp->label = units_label(nm, pp->text);
		pp->labeled = 1;
	}
	return pp->label;
}

/* Whether a unit's item reports on the unit: not a line of the Nơi nhận list, a bare name
 * closed by ";" ("- Ban Thi đua - Khen thưởng tỉnh (để B/c);"), whose items a page's
 * footnotes can interrupt. Real items may lack the colon ("- Sở Tư pháp tổ chức tặng …"). */
static int reports_on_unit(const char *t)
{
	size_t n = strlen(t);

	while (n > 0 && is_blank(t[n - 1]))
		n--;
	return n == 0 || n >= 120 || t[n - 1] != ';' || memchr(t, ':', n) ||
	       strpbrk(t, "0123456789");
}

/* Whether the run of units' list items from paragraph i on names a unit of seen. */
static int run_repeats(struct paras *ps, size_t i, struct vn_norm *nm, const struct buf *seen)
{
	for (; i < ps->n; i++) {
		struct para *pp = &ps->p[i];
		const char *label;

		if (pp->note || pp->cell || pp->exact || pp->heading_block || !is_bullet(pp->text))
			return 0;
		label = para_label(pp, nm);
		if (!label)
			return 0;
		if (label_in(seen, label))
			return 1;
	}
	return 0;
}

/* Whether t is (or ends) a signature block: its last line a person's name or its first in
 * capitals ("PHÓ CỤC TRƯỞNG CỤC THỐNG KÊ TỈNH\nHoàng Việt Huyền"): no sentence goes on
 * from it, the last page's footnotes follow it. */
static int signature_like(const char *t)
{
	const char *last = strrchr(t, '\n');

	return text_is_name(last ? last + 1 : t) || text_caps_line(t, strcspn(t, "\n"));
}

/* Whether t stops where a page break cut a sentence: on a word, a comma, a semicolon or a
 * colon (not on a bracket or a quote, which close a title or a note). */
static int cut_in_sentence(const char *t)
{
	size_t n = strlen(t);

	while (n > 0 && is_blank(t[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (n >= 3 && (!memcmp(t + n - 3, "”", 3) || !memcmp(t + n - 3, "’", 3) ||
	               !memcmp(t + n - 3, "…", 3)))
		return 0;
	/* a letter: ASCII, or the last byte of a Vietnamese one */
	return strchr(",;:", t[n - 1]) || isalnum((unsigned char)t[n - 1]) ||
	       (unsigned char)t[n - 1] >= 0x80;
}

/* Whether a unit's item is a line of a list of scores ("- Sở Y tế: 996/1000 điểm."). */
static int score_line(const char *t)
{
	const char *p = strchr(t, ':');

	if (!p)
		return 0;
	p += strspn(p + 1, " ") + 1;
	if (!isdigit((unsigned char)*p))
		return 0;
	p += strspn(p, "0123456789,.");
	if (*p++ != '/' || !isdigit((unsigned char)*p))
		return 0;
	p += strspn(p, "0123456789,.");
	p += strspn(p, " ");
	if (strncmp(p, "điểm", strlen("điểm")) == 0)
		p += strlen("điểm");
	p += strspn(p, " .;");
	return *p == 0;
}

/* Whether the unit's item t may be the next item of a footnote whose last item is last: a
 * line of scores only follows another (a footnote on the units' awards is not the list of
 * scores the next page's body goes on with). */
static int same_list(const char *t, const char *last)
{
	return !score_line(t) || score_line(last);
}

/* Whether paragraph i opens a run of units' items that go on with the last footnote, whose
 * last item is last: items reporting on units it has not listed yet, none it has. */
static int continues_footnote(struct paras *ps, size_t i, struct vn_norm *nm,
                              const struct buf *seen, const char *last)
{
	struct para *pp = &ps->p[i];
	const char *label;

	if (pp->note || pp->cell || pp->exact || pp->heading_block || !is_bullet(pp->text) ||
	    !reports_on_unit(pp->text) || !same_list(pp->text, last) ||
	    !(label = para_label(pp, nm)))
		return 0;
	return !label_in(seen, label) && !run_repeats(ps, i, nm, seen);
}

/*
 * Sort paragraphs into body text and footnotes and mend what page breaks did. Word puts a
 * page's footnotes after its body text, so plain-text output reads
 *
 *   body …đã chủ động xây dựng      <- the page ends mid-sentence
 *   ⁽¹⁾ Chỉ thị số 34-CT/TW …       <- the page's footnote
 *   kế hoạch phát động …            <- the next page goes on with the sentence
 *
 * A paragraph opening with a marker starts a footnote; the unit-labelled list items after it
 * ("- Công an tỉnh: …") belong to it. A paragraph opening in lower case goes on with
 * something cut: right after a page's footnotes, with both cut, the body (the next page
 * starts with it); else a footnote left open on an earlier page (its tail comes at the foot
 * of the next page), else the open body paragraph, else — after a heading, where body text
 * cannot go on — the last footnote.
 */
static void assemble(struct paras *ps, struct vn_norm *nm, struct assembly *a)
{
	long open_body = -1, open_fn = -1, last_fn = -1, last_head = -1;
	int in_fn = 0, body_since_fn = 0, cited = 0, started = 0;
	struct buf fn_units = BUF_INIT; /* "\nunit\n" for each item of the last footnote */
	size_t i;

	for (i = 0; i < ps->n; i++) {
		struct para *pp = &ps->p[i];
		const char *t = pp->text;
		size_t mlen = 0;
		int m = -1;
		size_t at;

		if (pp->note) {
			at = piece_add(a, t, "footnote", pp->note);
			last_fn = (long)at;
			continue;
		}
		if (pp->cell) {
			piece_add(a, t, "cell", NULL);
			open_body = open_fn = last_head = -1;
			in_fn = 0;
			continue;
		}
		if (pp->exact) {
			/* as the format gave it: no page-break repair, no guessing of markers */
			char *c = cite_markers(t, &cited, 0);
			at = piece_add(a, c, "body", NULL);
			free(c);
			a->p[at].heading = pp->heading_block || is_heading_text(t);
			open_body = open_fn = last_head = -1;
			in_fn = 0;
			body_since_fn = 1;
			continue;
		}
		if (!pp->heading_block)
			m = marker_at(t, &mlen, 1);
		/* plain digits start a footnote only when cited and not started yet */
		if (m >= 0 && (isdigit((unsigned char)t[0]) ||
			       (t[0] == '(' && isdigit((unsigned char)t[1]))) &&
		    (m > cited || m <= started))
			m = -1;
		if (m >= 0 && m > 0) {
			char note[16];
			const char *body = t + mlen;
			while (*body == ' ')
				body++;
			snprintf(note, sizeof(note), "%d", m);
			at = piece_add(a, body, "footnote", note);
			/* the units listed in this footnote, from its first item on */
			buf_reset(&fn_units);
			if (is_bullet(body)) {
				char *label = units_label(nm, body);
				if (label)
					label_seen(&fn_units, label);
				free(label);
			}
			if (m > started)
				started = m;
			in_fn = 1;
			body_since_fn = 0;
			last_fn = (long)at;
			open_fn = text_ends_open(body) ? (long)at : -1;
			continue;
		}
		if (text_starts_lower(t, strlen(t)) && !starts_item(t, strlen(t))) {
			/* right after a page's footnotes, the page having ended on a heading or a
			 * numbered item ("5. Đẩy mạnh … ứng dụng công nghệ thông tin trong"): the
			 * next page goes on with it (a footnote's tail comes after that page's
			 * body, not before) */
			if (in_fn && open_body < 0 && last_head >= 0 && joinable(a, last_head, t)) {
				piece_join(a, last_head, t);
				last_head = -1;
				in_fn = 0;
				body_since_fn = 1;
				continue;
			}
			/* right after a page's footnotes, with body and footnote both cut, the next
			 * page starts with its body: the footnote's tail comes at that page's foot */
			if (open_fn >= 0 && (in_fn || body_since_fn) && !(in_fn && open_body >= 0) &&
			    joinable(a, open_fn, t)) {
				piece_join(a, open_fn, t);
				if (!text_ends_open(t))
					open_fn = -1;
				in_fn = 1;
				body_since_fn = 0;
				continue;
			}
			/* a signer's name stops no sentence: what follows it is the foot of
			 * the last page (header.c reads it as the footnote's tail) */
			if (open_body >= 0 && !signature_like(buf_str(&a->p[open_body].text)) &&
			    joinable(a, open_body, t)) {
				body_goes_on(a, &open_body, t, &cited);
				in_fn = 0;
				body_since_fn = 1;
				continue;
			}
			if (last_fn >= 0 && in_fn) {
				at = piece_add(a, t, "footnote", a->p[last_fn].note);
				a->p[at].cont = last_fn;
				last_fn = (long)at;
				open_fn = text_ends_open(t) ? (long)at : -1;
				continue;
			}
			if (last_fn >= 0 && a->n > 0 && a->p[a->n - 1].heading) {
				/* a heading stands before it: body cannot go on here */
				at = piece_add(a, t, "footnote", a->p[last_fn].note);
				a->p[at].cont = last_fn;
				last_fn = (long)at;
				open_fn = text_ends_open(t) ? (long)at : -1;
				in_fn = 1;
				body_since_fn = 0;
				continue;
			}
		}
		/* right after a page's footnotes, a body paragraph the page cut in mid-sentence
		 * ("…, như:" / "Các Bộ, ngành tặng …") goes on with the next page's first
		 * paragraph, whatever its case: a name, a quote or a list's next clause */
		if (in_fn && open_body >= 0 && m <= 0 && !is_bullet(t) && !pp->heading_block &&
		    !is_heading_text(t) && !text_caps_line(t, strcspn(t, "\n")) &&
		    cut_in_sentence(buf_str(&a->p[open_body].text)) &&
		    !signature_like(buf_str(&a->p[open_body].text)) && joinable(a, open_body, t)) {
			body_goes_on(a, &open_body, t, &cited);
			in_fn = 0;
			body_since_fn = 1;
			continue;
		}
		/* a paragraph opening in capitals can be the tail of a footnote that the last
		 * page's foot cut ("… tại Trường Tiểu học Côn" / the page's body / "Lôn, trị
		 * giá …"): it is when the footnote's next items follow it, and then the foot goes
		 * on. It is also when it stands right before a page's own footnote and names the
		 * unit of the last footnote's last item: an earlier page's foot ended between two
		 * of the item's sentences ("- Bệnh viện Y dược cổ truyền tỉnh: … nhân rộng." / the
		 * body / "Giám đốc Bệnh viện Y dược cổ truyền tỉnh quyết định vinh danh …" / "⁵ -
		 * …"), and the page's body is left as it was, open or not. Running text only: the
		 * signature's block in capitals and its signer's name (the last page's footnotes
		 * follow them) are no sentence going on. */
		if (!in_fn && last_fn >= 0 && m <= 0 && !is_bullet(t) && !pp->heading_block &&
		    !is_heading_text(t) && !text_caps_line(t, strcspn(t, "\n")) &&
		    !text_is_name(t) && i + 1 < ps->n) {
			int items = continues_footnote(ps, i + 1, nm, &fn_units,
			                               buf_str(&a->p[last_fn].text));
			if (items || (opens_footnote(ps->p[i + 1].text) &&
			              item_names_unit(a, last_fn, nm, t))) {
				footnote_goes_on(a, &open_fn, &last_fn, t);
				if (items) {
					in_fn = 1;
					body_since_fn = 0;
				}
				continue;
			}
		}
		/* a unit's item after a footnote is the footnote's next item, unless the unit
		 * already has its item in this footnote (a list names each unit once: "- Sở Y
		 * tế: 996/1000 điểm." after the footnote's "- Sở Y tế: …" is the body's list of
		 * scores, the next page's), or the footnote was cut in mid-sentence and the run
		 * of units' items this one opens names such a unit further on: the cut item's
		 * tail is still to come, so the page's body is what stands here */
		if (in_fn && is_bullet(t) && reports_on_unit(t) &&
		    same_list(t, buf_str(&a->p[last_fn].text)) &&
		    !(open_fn >= 0 && open_fn == last_fn && run_repeats(ps, i, nm, &fn_units))) {
			const char *label = para_label(pp, nm);
			if (label && !label_seen(&fn_units, label)) {
				at = piece_add(a, t, "footnote", a->p[last_fn].note);
				last_fn = (long)at;
				open_fn = text_ends_open(t) ? (long)at : -1;
				continue;
			}
		}
		/* the page's body cut in mid-sentence ("… góp"), a unit's item cannot be the
		 * body going on (the sentence's tail comes first): it is the foot, the last
		 * footnote's next items, when they name units it has not listed and none it has
		 */
		if (!in_fn && last_fn >= 0 && open_body >= 0 && m <= 0 && is_bullet(t) &&
		    cut_in_sentence(buf_str(&a->p[open_body].text)) &&
		    !signature_like(buf_str(&a->p[open_body].text)) &&
		    continues_footnote(ps, i, nm, &fn_units, buf_str(&a->p[last_fn].text))) {
			label_seen(&fn_units, para_label(pp, nm));
			at = piece_add(a, t, "footnote", a->p[last_fn].note);
			last_fn = (long)at;
			open_fn = text_ends_open(t) ? (long)at : -1;
			in_fn = 1;
			body_since_fn = 0;
			continue;
		}
		{
			char *c = cite_markers(t, &cited, 1);
			at = piece_add(a, c, "body", NULL);
			free(c);
		}
		a->p[at].heading = pp->heading_block || is_heading_text(t);
		in_fn = 0;
		body_since_fn = 1;
		open_body = !a->p[at].heading && text_ends_open(t) ? (long)at : -1;
		last_head = a->p[at].heading ? (long)at : -1;
	}
	buf_free(&fn_units);
}

/* The body passage citing footnote note: the last one before `before`, else any. */
static long find_citing(const struct doc *d, size_t before, const char *note)
{
	size_t i;
	for (i = before; i-- > 0;)
		if (strcmp(d->passages[i].kind, "footnote") != 0 && cites_note(d->passages[i].text, note))
			return (long)i;
	for (i = before; i < d->npassages; i++)
		if (strcmp(d->passages[i].kind, "footnote") != 0 && cites_note(d->passages[i].text, note))
			return (long)i;
	return -1;
}

void layout_doc(struct doc *d, struct vn_norm *nm)
{
	struct paras ps = {NULL, 0, 0};
	struct assembly a = {NULL, 0, 0};
	struct sections sec;
	size_t i;
	/* plain text and PDF text layers lose paragraphs to page breaks; the others do not */
	int structured = d->format && strcmp(d->format, "text") != 0 && strcmp(d->format, "pdf") != 0;

	for (i = 0; i < d->nblocks; i++) {
		struct block *b = &d->blocks[i];
		size_t before = ps.n;
		if (!b->text)
			continue;
		switch (b->kind) {
		case BLK_TEXT:
			split_text(&ps, b->text, strlen(b->text));
			break;
		case BLK_FOOTNOTE: {
			/* a note of several paragraphs (one per line): a passage each, so that
			 * its list items ("- Công an tỉnh: …") are attributed one by one */
			const char *p = b->text, *nl;
			while ((nl = strchr(p, '\n')) != NULL) {
				para_add(&ps, p, (size_t)(nl - p), 0, xstrdup(b->note ? b->note : "*"), 0);
				p = nl + 1;
			}
			para_add(&ps, p, strlen(p), 0, xstrdup(b->note ? b->note : "*"), 0);
			break;
		}
		case BLK_CELL: {
			para_add(&ps, b->text, strlen(b->text), 0, NULL, 0);
			if (ps.n > before)
				ps.p[ps.n - 1].cell = 1;
			break;
		}
		default:
			para_add(&ps, b->text, strlen(b->text), 0, NULL, b->kind == BLK_HEADING);
			if (structured && ps.n > before)
				ps.p[ps.n - 1].exact = 1;
			break;
		}
	}
	doc_free_blocks(d);
	assemble(&ps, nm, &a);
	for (i = 0; i < ps.n; i++) {
		free(ps.p[i].text);
		free(ps.p[i].note);
		free(ps.p[i].label);
	}
	free(ps.p);

	memset(&sec, 0, sizeof(sec));
	for (i = 0; i < a.n; i++) {
		struct piece *pc = &a.p[i];
		const char *kind = pc->kind;
		char label[64], *path;
		int level;
		struct passage *p;

		if (strcmp(kind, "body") == 0 && heading(pc->text.p, &level, label, sizeof(label))) {
			section_open(&sec, level, label);
			if (pc->text.n < 160)
				kind = "heading";
		} else if (strcmp(kind, "body") == 0 && pc->heading) {
			kind = "heading";
		}
		path = section_path(&sec);
		p = doc_add_passage(d, buf_detach(&pc->text), path, kind);
		free(path);
		p->note = pc->note;
		p->cont = pc->cont;
	}
	free(a.p);

	/* link each footnote to the passage citing it; it lives in that passage's section */
	for (i = 0; i < d->npassages; i++) {
		struct passage *p = &d->passages[i];
		if (strcmp(p->kind, "footnote") != 0)
			continue;
		if (i > 0 && strcmp(d->passages[i - 1].kind, "footnote") == 0 &&
		    d->passages[i - 1].note && p->note && strcmp(d->passages[i - 1].note, p->note) == 0)
			p->cites = d->passages[i - 1].cites;
		else if (p->cont >= 0)
			p->cites = d->passages[p->cont].cites;
		else if (p->note)
			p->cites = find_citing(d, i, p->note);
		if (p->cites >= 0) {
			free(p->section);
			p->section = xstrdup(d->passages[p->cites].section);
		}
	}
}
