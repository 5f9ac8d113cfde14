#include "vn_stamp.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { L_SIGNER, L_BODY, L_EMAIL, L_TIME };

static const struct {
	const char *label; /* NFC */
	int field;
} labels[] = {
    {"Ký bởi", L_SIGNER},     {"Cơ quan", L_BODY}, {"Email", L_EMAIL},
    {"Thời gian ký", L_TIME}, {"Giờ ký", L_TIME},  {"Ngày ký", L_TIME},
};
#define NLABELS (sizeof(labels) / sizeof(labels[0]))

/* Whether [p, end) holds more than blanks: a stamp prints a value after each label, while a
 * form leaves the label alone for the reader to fill in ("Email:", "Cơ quan:"). */
static int has_value(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 1;
	return 0;
}

/* The first label at or after s (before end) followed by optional spaces, ':' and a value;
 * its index, *at its start, *val where its value starts. -1 if none. */
static int next_label(const char *s, const char *end, const char **at, const char **val)
{
	int best = -1;
	size_t i;

	*at = end;
	for (i = 0; i < NLABELS; i++) {
		size_t ll = strlen(labels[i].label);
		const char *p = s;
		while (p + ll <= end) {
			const char *hit = g_strstr_len(p, end - p, labels[i].label), *q;
			if (!hit)
				break;
			q = hit + ll;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == ':' && has_value(q + 1, end)) {
				if (hit < *at) {
					*at = hit;
					*val = q + 1;
					best = (int)i;
				}
				break;
			}
			p = hit + 1;
		}
	}
	return best;
}

static char *trimmed(const char *a, const char *b)
{
	while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r' || b[-1] == ','))
		b--;
	return b > a ? xstrndup(a, (size_t)(b - a)) : NULL;
}

/* "24.10.2022 15:17:35 +07:00", "24/10/2022 15:17", "2022-10-24 15:17:35" -> ISO */
static char *iso_time(const char *v)
{
	int d = 0, m = 0, y = 0, hh = -1, mm = -1, ss = -1, k = 0;
	char sep1, sep2, out[32];

	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 && y >= 1900) {
		/* already ISO */
	} else if (sscanf(v, "%2d%c%2d%c%4d%n", &d, &sep1, &m, &sep2, &y, &k) == 5 &&
	           sep1 == sep2 && (sep1 == '.' || sep1 == '/' || sep1 == '-')) {
		/* day first */
	} else {
		return NULL;
	}
	if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2099)
		return NULL;
	v += k;
	if (sscanf(v, " %2d:%2d:%2d", &hh, &mm, &ss) < 2 || hh > 23 || mm > 59 || ss > 59)
		hh = -1;
	if (hh < 0)
		snprintf(out, sizeof(out), "%04d-%02d-%02d", y, m, d);
	else if (ss < 0)
		snprintf(out, sizeof(out), "%04d-%02d-%02d %02d:%02d", y, m, d, hh, mm);
	else
		snprintf(out, sizeof(out), "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
	return xstrdup(out);
}

static size_t alnum_count(const char *a, const char *b)
{
	size_t n = 0;
	const char *p = a;

	while (p < b) {
		gunichar c = g_utf8_get_char_validated(p, b - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			p++;
			continue;
		}
		if (g_unichar_isalnum(c))
			n++;
		p = g_utf8_next_char(p);
	}
	return n;
}

int vn_stamp_parse(const char *text, size_t n, struct vn_stamp *st, size_t *rest)
{
	const char *line = text, *end = text + n;
	int found = 0;

	memset(st, 0, sizeof(*st));
	if (rest)
		*rest = 0;
	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line)), *at, *val;
		int li;
		if (!eol)
			eol = end;
		li = next_label(line, eol, &at, &val);
		if (li < 0 && rest)
			*rest += alnum_count(line, eol);
		else if (rest)
			*rest += alnum_count(line, at);
		while (li >= 0) {
			const char *nat, *nval;
			int nli = next_label(val, eol, &nat, &nval);
			char *v = trimmed(val, nat), **slot = NULL;
			found++;
			switch (labels[li].field) {
			case L_SIGNER:
				slot = &st->signer;
				break;
			case L_BODY:
				slot = &st->body;
				break;
			case L_EMAIL:
				slot = &st->email;
				break;
			default:
				if (v && !st->time)
					st->time = iso_time(v);
				break;
			}
			if (slot && !*slot && v) {
				*slot = v;
				v = NULL;
			}
			free(v);
			li = nli;
			val = nval;
		}
		line = eol + (eol < end);
	}
	if (!st->body && st->signer)
		st->body = xstrdup(st->signer);
	return found;
}

void vn_stamp_free(struct vn_stamp *st)
{
	free(st->signer);
	free(st->body);
	free(st->email);
	free(st->time);
	memset(st, 0, sizeof(*st));
}

char *vn_stamp_strip(const char *text, size_t n)
{
	const char *line = text, *end = text + n;
	struct buf out = BUF_INIT;

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line)), *at, *val;
		if (!eol)
			eol = end;
		if (next_label(line, eol, &at, &val) < 0) {
			buf_add(&out, line, (size_t)(eol - line));
			if (eol < end)
				buf_addc(&out, '\n');
		}
		line = eol + (eol < end);
	}
	return out.p ? buf_detach(&out) : xstrdup("");
}
