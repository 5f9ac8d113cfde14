#include "header.h"

#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicons.h"
#include "text.h"
#include "vn_ref.h"
#include "vn_words.h"

/* How many passages from the top a header may span (two-column headers interleave). */
#define HEADER_SPAN 12
/* How many passages from the foot the signature block may span. */
#define FOOTER_SPAN 16
/* How far from the foot "Nơi nhận" is looked for: the last page's footnotes come after the
 * signature in text exports, and a footnote listing every unit's awards is long. */
#define FOOTER_SEARCH 96

static const char *num(const char *s, int *v, int maxdigits)
{
	int n = 0, d = 0;
	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9' && d < maxdigits) {
		n = n * 10 + (*s - '0');
		s++;
		d++;
	}
	*v = n;
	return d ? s : NULL;
}

/* Like header_find_date, also giving where "ngày" starts. */
static const char *find_date(const char *s, char iso[11])
{
	const char *p = s;

	while ((p = strstr(p, "ngày")) != NULL) {
		int day, month, year;
		const char *q = num(p + strlen("ngày"), &day, 2);
		const char *at = p;
		p += strlen("ngày");
		if (!q || strncmp(q, " tháng", strlen(" tháng")) != 0)
			continue;
		q = num(q + strlen(" tháng"), &month, 2);
		if (!q || strncmp(q, " năm", strlen(" năm")) != 0)
			continue;
		q = num(q + strlen(" năm"), &year, 4);
		if (!q || day < 1 || day > 31 || month < 1 || month > 12 || year < 1945 ||
		    year > 2200)
			continue;
		snprintf(iso, 11, "%04d-%02d-%02d", year, month, day);
		return at;
	}
	return NULL;
}

int header_find_date(const char *s, char iso[11])
{
	return find_date(s, iso) != NULL;
}

/* The first "năm YYYY" in s, or 0. */
static int year_in(const char *s)
{
	const char *p = s;
	while ((p = strstr(p, "năm ")) != NULL) {
		int y;
		const char *q = num(p + strlen("năm "), &y, 4);
		p += strlen("năm ");
		if (q && y >= 1945 && y <= 2200 && !(*q >= '0' && *q <= '9'))
			return y;
	}
	return 0;
}

/* Blank out bytes [a, b) of s with newlines: an anchor cut out of a header line. */
static void cut(char *s, size_t a, size_t b)
{
	memset(s + a, '\n', b - a);
}

/* Find the folded word sequence `fold` (space-separated) in w; byte span in *a, *b. */
static int find_fold(const struct vn_words *w, const char *fold, size_t *a, size_t *b)
{
	char words[16][24];
	size_t nw = 0, i, k;
	const char *p = fold;

	while (*p && nw < 16) {
		size_t len = strcspn(p, " "),
		       keep = len < sizeof(words[0]) ? len : sizeof(words[0]) - 1;
		memcpy(words[nw], p, keep);
		words[nw++][keep] = 0;
		p += len;
		while (*p == ' ')
			p++;
	}
	for (i = 0; i + nw <= w->n; i++) {
		for (k = 0; k < nw && strcmp(w->t[i + k].fold, words[k]) == 0; k++)
			;
		if (k == nw) {
			*a = w->t[i].a;
			*b = w->t[i + nw - 1].b;
			return 1;
		}
	}
	return 0;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (isspace((unsigned char)*s) || *s == '-' || *s == '_' || *s == ','))
		s++, n--;
	while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '-' || s[n - 1] == '_' ||
		     s[n - 1] == ','))
		n--;
	return xstrndup(s, n);
}

static void set_str(char **dst, char *val)
{
	if (*dst || !val || !*val) {
		free(val);
		return;
	}
	*dst = val;
}

/* The type line: exactly a document type in capitals ("BÁO CÁO"). */
static const char *type_line(const char *t)
{
	const char *code = vn_ref_type_code(t);
	return code ? code : (strcmp(t, "CÔNG VĂN") == 0 ? "CV" : NULL);
}

/*
 * One header passage: cut out the anchors (quốc hiệu, tiêu ngữ, số/ký hiệu, place and date)
 * and keep what is left — lines in capitals are the issuing body.
 */
static void header_passage(struct doc *d, struct vn_norm *nm, const char *text, char ***left,
			   size_t *nleft, size_t *lcap)
{
	static const char *const anchors[] = {
		"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc",
		"dang cong san viet nam", NULL};
	char *s = xstrdup(text), *p, *line;
	struct vn_words w;
	size_t a, b, i;
	const char *at;
	char iso[11];

	vn_words_build(&w, nm, s, strlen(s));
	for (i = 0; anchors[i]; i++)
		if (find_fold(&w, anchors[i], &a, &b))
			cut(s, a, b);
	vn_words_free(&w);
	/* Số: 234/BC-KTĐNC */
	if ((p = strstr(s, "Số")) != NULL) {
		const char *q = p + strlen("Số");
		struct vn_ref r;
		size_t k;
		while (*q == ':' || *q == ' ' || *q == '.')
			q++;
		if ((k = vn_ref_parse(q, strlen(q), &r)) > 0) {
			set_str(&d->number, xstrndup(q, k));
			if (r.type[0])
				set_str(&d->doc_type, xstrdup(r.type));
			if (r.issuer[0])
				set_str(&d->issuer_code, xstrdup(r.issuer));
			cut(s, (size_t)(p - s), (size_t)(q - s) + k);
		}
	}
	/* Tuyên Quang, ngày 25 tháng 12 năm 2020: the place is the capitalised words before */
	if ((at = find_date(s, iso)) != NULL) {
		const char *end = at, *start;
		size_t len;
		if (!d->date[0])
			memcpy(d->date, iso, sizeof(iso));
		while (end > s && (end[-1] == ' ' || end[-1] == ','))
			end--;
		start = end;
		while (start > s && start[-1] != '\n')
			start--;
		len = (size_t)(end - start);
		{
			char *place = trimmed(start, len);
			/* the place is short and written with capitals ("Tuyên Quang", "TP. Hồ
			 * Chí Minh"); a left column before it on the same line stays */
			char *sp = place;
			size_t words = 0;
			for (p = place; *p; p++)
				if (*p == ' ')
					words++;
			if (words > 4) {
				/* keep the last capitalised words: the place after the left column */
				char *e = place + strlen(place), *keep = e;
				size_t k = 0;
				while (e > place && k < 4) {
					char *wb = e;
					while (wb > place && wb[-1] != ' ')
						wb--;
					if (!(isupper((unsigned char)*wb) || (unsigned char)*wb >= 0xC3) ||
					    text_all_caps(wb, (size_t)(e - wb)))
						break;
					keep = wb;
					k++;
					e = wb > place ? wb - 1 : wb;
				}
				sp = keep;
				start += sp - place;
			}
			if (!text_all_caps(sp, strlen(sp)))
				set_str(&d->place, xstrdup(sp));
			free(place);
		}
		{
			const char *q = at;
			int y;
			q = strstr(q, " năm ");
			if (q && num(q + 5, &y, 4)) {
				q += 5;
				while (*q >= '0' && *q <= '9')
					q++;
				cut(s, (size_t)(start - s), (size_t)(q - s));
			}
		}
	}
	for (line = strtok_r(s, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		char *t = trimmed(line, strlen(line));
		if (*t && text_all_caps(t, strlen(t)) && !type_line(t)) {
			*left = xgrow(*left, lcap, *nleft + 1, sizeof(**left));
			(*left)[(*nleft)++] = t;
		} else {
			free(t);
		}
	}
	free(s);
}

static int authority_at(const char *t, size_t *len)
{
	static const char *const prefixes[] = {"TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T",
					       "T/L", NULL};
	int i;
	for (i = 0; prefixes[i]; i++) {
		size_t k = strlen(prefixes[i]);
		if (strncmp(t, prefixes[i], k) == 0 && (t[k] == ' ' || t[k] == '\t')) {
			*len = k;
			return 1;
		}
	}
	return 0;
}

static void add_recipient(struct doc *d, const char *s, size_t n)
{
	size_t cap = d->nrecipients;
	char *r;
	while (n && (*s == '-' || *s == '+' || *s == ' ' || *s == '*'))
		s++, n--;
	r = trimmed(s, n);
	if (!*r) {
		free(r);
		return;
	}
	d->recipients = xgrow(d->recipients, &cap, d->nrecipients + 1, sizeof(*d->recipients));
	d->recipients[d->nrecipients++] = r;
}

/* Whether t is a sentence: six words or more, ending with a full stop, not in capitals, not
 * a list item. Nothing of a signature block is ("Lưu: VT, TĐKT." has three words). */
static int sentence_like(const char *t, size_t n)
{
	size_t k, words = 1;

	if (n < 2 || t[n - 1] != '.' || ((t[0] == '-' || t[0] == '+') && t[1] == ' ') ||
	    text_caps_line(t, n))
		return 0;
	for (k = 1; k < n; k++)
		words += t[k] == ' ' && t[k - 1] != ' ';
	return words >= 6;
}

/*
 * Whether passage i, after the signer's name, is the foot of the last page rather than the
 * signature block: a line going on in lower case, a sentence, or running text too long for
 * a recipient or a title — the tail of a footnote the previous page left open (its list
 * items "- Công an tỉnh: …" or a sentence of the last one: "Tổng số tiền ủng hộ của đơn vị
 * là 200.909.500 đồng."). Once one is, the rest are.
 */
static int foot_note_tail(const struct doc *d, size_t i)
{
	const char *t = d->passages[i].text;
	size_t n = strlen(t);
	return (i > 0 && strcmp(d->passages[i - 1].kind, "footnote") == 0) ||
	       text_starts_lower(t, n) || n >= 100 || sentence_like(t, n);
}

/* Running text amid the Nơi nhận list: a page that ended inside the list puts its footnotes
 * there, and no recipient is a sentence that long. */
static int recipients_interrupted(const struct doc *d, size_t i)
{
	return strlen(d->passages[i].text) >= 100;
}

/* Make passage i the tail of the footnote before it: same note, same citing passage and
 * section, and going on from it, so that a sentence with no label keeps that item's unit.
 * A footnote cut in mid-sentence takes the tail into its own text, one paragraph again
 * (passage i is then gone): returns 1 then. */
static int footnote_tail(struct doc *d, size_t i)
{
	struct passage *p = &d->passages[i];
	size_t k = i;
	while (k-- > 0 && strcmp(d->passages[k].kind, "footnote") != 0)
		;
	if (k >= i || !d->passages[k].note)
		return 0; /* no footnote to go on with: it stays body text */
	/* a list item opens a new paragraph, the footnote's next item */
	if (text_ends_open(d->passages[k].text) &&
	    !((p->text[0] == '-' || p->text[0] == '+') && p->text[1] == ' ')) {
		doc_join_passages(d, k, i);
		return 1;
	}
	p->kind = "footnote";
	free(p->note);
	p->note = xstrdup(d->passages[k].note);
	p->cites = d->passages[k].cites;
	p->cont = (long)k;
	free(p->section);
	p->section = xstrdup(d->passages[k].section);
	return 0;
}

/*
 * Whether passage i opens with "Nơi nhận" (any spelling). Only its first bytes are read
 * when its words are not built yet: the foot is searched in the last FOOTER_SEARCH
 * passages, and building all their words cost as much as tokenizing them for the index
 * (with --no-facts nothing else needs them).
 */
static int opens_with_noi_nhan(struct doc *d, size_t i, struct vn_norm *nm)
{
	const char *t = d->passages[i].text;
	size_t n = strlen(t), a, b;
	struct vn_words w;
	int yes;

	if (d->passages[i].words) {
		w = *d->passages[i].words; /* shared: not freed here */
		return w.n >= 2 && find_fold(&w, "noi nhan", &a, &b) && a < 4;
	}
	if (n > 32) {
		/* "Nơi nhận" is 11 bytes and must start within the first 4 */
		n = 32;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--; /* not inside a character */
	}
	vn_words_build(&w, nm, t, n);
	yes = w.n >= 2 && find_fold(&w, "noi nhan", &a, &b) && a < 4;
	vn_words_free(&w);
	return yes;
}

/* The foot: Nơi nhận and the signature block, split where the two columns interleave. */
static void footer(struct doc *d, struct vn_norm *nm)
{
	size_t from = d->npassages > FOOTER_SPAN ? d->npassages - FOOTER_SPAN : 0, i;
	long start = -1, name_at = -1;
	struct buf role = BUF_INIT;
	int in_recipients = 0, in_signature = 0, in_tail = 0;

	for (i = d->npassages > FOOTER_SEARCH ? d->npassages - FOOTER_SEARCH : 0; i < d->npassages;
	     i++) {
		if (opens_with_noi_nhan(d, i, nm))
			start = (long)i;
	}
	for (i = start >= 0 ? (size_t)start : from; i < d->npassages; i++) {
		char *copy, *line, *save;
		int used = start >= 0;
		/* the last page's footnotes, which text exports put after the signature */
		if (strcmp(d->passages[i].kind, "footnote") == 0)
			continue;
		if ((name_at >= 0 && (size_t)name_at < i && (in_tail || foot_note_tail(d, i))) ||
		    (in_recipients && !in_signature && recipients_interrupted(d, i))) {
			/* once the foot of the last page begins, the rest is foot */
			in_tail = name_at >= 0 && (size_t)name_at < i;
			if (footnote_tail(d, i))
				i--; /* passage i is gone: the next one is at i now */
			continue;
		}
		copy = xstrdup(d->passages[i].text);
		for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *t;
			while (*line == ' ' || *line == '\t')
				line++;
			t = xstrdup(line);
			size_t k = 0, alen;
			char *sig = NULL;
			if (strncmp(t, "Nơi nhận", strlen("Nơi nhận")) == 0) {
				in_recipients = 1;
				k = strlen("Nơi nhận");
				while (t[k] == ':' || t[k] == ' ')
					k++;
				memmove(t, t + k, strlen(t + k) + 1);
				k = 0;
			}
			/* an authority anchor inside the line splits the two columns */
			for (k = 0; t[k]; k++)
				if ((k == 0 || t[k - 1] == ' ') && authority_at(t + k, &alen))
					break;
			if (t[k]) {
				sig = xstrdup(t + k);
				t[k] = 0;
			} else if (in_recipients && (t[0] == '-' || t[0] == '+')) {
				/* "- Như trên; PHÓ CHỦ TỊCH": capitals after the item's ';' */
				char *semi = strrchr(t, ';');
				if (!semi)
					semi = strrchr(t, '.');
				if (semi && semi[1] && text_all_caps(semi + 1, strlen(semi + 1))) {
					sig = trimmed(semi + 1, strlen(semi + 1));
					semi[1] = 0;
				}
			} else if (!in_recipients || !(t[0] == '-' || t[0] == '+')) {
				sig = xstrdup(t);
				t[0] = 0;
			}
			if (in_recipients && t[0])
				add_recipient(d, t, strlen(t));
			if (sig && *sig) {
				char *sg = trimmed(sig, strlen(sig));
				if (authority_at(sg, &alen)) {
					in_signature = 1;
					used = 1;
					buf_reset(&role);
					buf_adds(&role, sg);
					set_str(&d->signer_authority, xstrndup(sg, alen));
					if (strcmp(d->signer_authority, "TM.") == 0 ||
					    strcmp(d->signer_authority, "T/M") == 0) {
						char *body = trimmed(sg + alen, strlen(sg + alen));
						if (!d->issuer)
							d->issuer = body;
						else
							free(body);
					}
				} else if (text_is_name(sg) && (in_signature || role.n)) {
					set_str(&d->signer, xstrdup(sg));
					name_at = (long)i;
					used = 1;
				} else if (text_caps_line(sg, strlen(sg)) && start >= 0) {
					if (role.n)
						buf_adds(&role, " / ");
					buf_adds(&role, sg);
					in_signature = 1;
					used = 1;
				}
				free(sg);
			}
			free(sig);
			free(t);
		}
		free(copy);
		if (used) {
			d->passages[i].kind = "footer";
			d->passages[i].section[0] = 0;
		}
	}
	if (role.n && d->signer)
		set_str(&d->signer_role, buf_detach(&role));
	buf_free(&role);
}

/* The province: the place when it is one, else the one named most after "tỉnh". */
static void province(struct doc *d, struct vn_norm *nm)
{
	const struct lexicons *lx = lexicons_get();
	size_t *count = xcalloc(lx->nprovince + 1, sizeof(*count)), i, best = 0;
	const char *name;

	if (d->place) {
		struct vn_words w;
		vn_words_build(&w, nm, d->place, strlen(d->place));
		/* a province's name that ends the place ("Tuyên Quang", "Thành phố Hồ Chí
		   Minh", "Bà Rịa - Vũng Tàu": three and four words too) */
		for (i = 0; i < w.n; i++) {
			size_t pl = lexicons_province_at(&w, i, &name);
			if (pl && i + pl >= w.n) {
				d->province = xstrdup(name);
				break;
			}
		}
		vn_words_free(&w);
	}
	for (i = 0; !d->province && i < d->npassages; i++) {
		struct vn_words w;
		size_t k, p;
		w = *doc_passage_words(d, i, nm); /* shared: not freed here */
		for (k = 0; k < w.n; k++)
			if (vn_words_is(&w, k, "tỉnh") && lexicons_province_at(&w, k, &name))
				for (p = 0; p < lx->nprovince; p++)
					if (lx->province[p] == name)
						count[p]++;
	}
	for (i = 0; !d->province && i < lx->nprovince; i++)
		if (count[i] > count[best])
			best = i;
	if (!d->province && lx->nprovince && count[best])
		d->province = xstrdup(lx->province[best]);
	free(count);
}

void header_parse(struct doc *d, struct vn_norm *nm)
{
	size_t i, span = d->npassages < HEADER_SPAN ? d->npassages : HEADER_SPAN, nleft = 0, lcap = 0;
	char **left = NULL;
	long type_at = -1;

	for (i = 0; i < span; i++) {
		struct passage *p = &d->passages[i];
		const char *code = type_line(p->text);
		int lv_heading = strcmp(p->kind, "heading") == 0 && p->section[0];
		if (code) {
			type_at = (long)i;
			set_str(&d->type_name, xstrdup(p->text));
			if (strcmp(code, "CV") != 0)
				set_str(&d->doc_type, xstrdup(code));
			p->kind = "header";
			p->section[0] = 0;
			break;
		}
		/* the body has begun: a numbered heading or a long paragraph */
		if (lv_heading || strlen(p->text) > 300)
			break;
		header_passage(d, nm, p->text, &left, &nleft, &lcap);
		if (d->number || d->date[0] || nleft || strncmp(p->text, "V/v", 3) == 0) {
			p->kind = "header";
			p->section[0] = 0;
		}
		if (strncmp(p->text, "V/v", 3) == 0 && !d->title)
			d->title = trimmed(p->text, strlen(p->text));
	}
	if (type_at >= 0 && (size_t)type_at + 1 < d->npassages) {
		struct passage *p = &d->passages[type_at + 1];
		struct buf t = BUF_INIT;
		size_t k = (size_t)type_at + 2;
		buf_adds(&t, p->text);
		p->kind = "header";
		p->section[0] = 0;
		/* a title in several lines: lines going on in lower case */
		while (k < d->npassages && d->passages[k].text[0] &&
		       text_starts_lower(d->passages[k].text, strlen(d->passages[k].text)) &&
		       strlen(d->passages[k].text) < 200) {
			buf_addc(&t, ' ');
			buf_adds(&t, d->passages[k].text);
			d->passages[k].kind = "header";
			d->passages[k].section[0] = 0;
			k++;
		}
		free(d->title);
		d->title = buf_detach(&t);
	}
	/* "ỦY BAN NHÂN DÂN" / "TỈNH TUYÊN QUANG": one name in two lines */
	if (left && nleft >= 2 && (strncmp(left[nleft - 1], "TỈNH ", strlen("TỈNH ")) == 0 ||
			   strncmp(left[nleft - 1], "HUYỆN ", strlen("HUYỆN ")) == 0 ||
			   strncmp(left[nleft - 1], "THÀNH PHỐ ", strlen("THÀNH PHỐ ")) == 0)) {
		char *joined = g_strdup_printf("%s %s", left[nleft - 2], left[nleft - 1]);
		free(left[nleft - 2]);
		free(left[nleft - 1]);
		left[nleft - 2] = xstrdup(joined);
		g_free(joined);
		nleft--;
	}
	if (left && nleft) {
		d->issuer = xstrdup(left[nleft - 1]);
		if (nleft > 1)
			d->issuer_parent = xstrdup(left[0]);
	}
	for (i = 0; left && i < nleft; i++)
		free(left[i]);
	free(left);
	footer(d, nm);
	if (d->title)
		d->year = year_in(d->title);
	if (!d->year && d->date[0])
		d->year = atoi(d->date);
	province(d, nm);
}
