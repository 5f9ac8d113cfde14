#include "vn_ref.h"

#include <stdio.h>
#include <string.h>

#include "vn_lex.h"

static int is_upper_start(const char *s, size_t n, size_t *k)
{
	if (n >= 1 && s[0] >= 'A' && s[0] <= 'Z') {
		*k = 1;
		return 1;
	}
	if (n >= 2 && (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x90) { /* Đ */
		*k = 2;
		return 1;
	}
	return 0;
}

/* A code: an upper-case letter, then letters (Đ, đ included) and digits. */
static size_t code_at(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k;

	if (!is_upper_start(s, n, &k))
		return 0;
	i = k;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			i++;
		else if (i + 1 < n && c == 0xC4 && ((unsigned char)s[i + 1] == 0x90 ||
						   (unsigned char)s[i + 1] == 0x91))
			i += 2;
		else
			break;
	}
	if (i >= cap)
		return 0;
	memcpy(out, s, i);
	out[i] = 0;
	return i;
}

const char *vn_ref_type_name(const char *code)
{
	const struct vn_table *t = vn_lex_table("doctypes.tsv");
	size_t i;
	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2 && strcmp(t->rows[i].fields[0], code) == 0)
			return t->rows[i].fields[1];
	return NULL;
}

const char *vn_ref_type_code(const char *name)
{
	const struct vn_table *t = vn_lex_table("doctypes.tsv");
	size_t i;
	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2 && strcmp(t->rows[i].fields[1], name) == 0)
			return t->rows[i].fields[0];
	return NULL;
}

size_t vn_ref_parse(const char *s, size_t n, struct vn_ref *r)
{
	size_t i = 0, k, d;
	char c1[48] = "", c2[48] = "", c3[48] = "";
	char sep;

	memset(r, 0, sizeof(*r));
	while (i < n && i < 6 && s[i] >= '0' && s[i] <= '9')
		r->seq = r->seq * 10 + (s[i++] - '0');
	if (i == 0 || i > 5 || i >= n || (s[i] != '/' && s[i] != '-'))
		return 0;
	sep = s[i++];
	/* "/2017/" */
	for (d = 0; sep == '/' && i + d < n && s[i + d] >= '0' && s[i + d] <= '9'; d++)
		;
	if (sep == '/' && d == 4 && i + 4 < n && s[i + 4] == '/') {
		int y = 0;
		for (d = 0; d < 4; d++)
			y = y * 10 + (s[i + d] - '0');
		r->year = y;
		i += 5;
	}
	k = code_at(s + i, n - i, c1, sizeof(c1));
	if (!k)
		return 0;
	i += k;
	if (i + 1 < n && s[i] == '-' && (k = code_at(s + i + 1, n - i - 1, c2, sizeof(c2))) > 0)
		i += 1 + k;
	if (i + 1 < n && s[i] == '/' && (k = code_at(s + i + 1, n - i - 1, c3, sizeof(c3))) > 0)
		i += 1 + k;
	if (sep == '-') {
		/* Party: 34-CT/TW, 08-QĐi/TW */
		if (!c3[0])
			return 0;
		snprintf(r->type, sizeof(r->type), "%s", c1);
		snprintf(r->issuer, sizeof(r->issuer), "%s", c3);
		return i;
	}
	if (vn_ref_type_name(c1)) {
		snprintf(r->type, sizeof(r->type), "%s", c1);
		snprintf(r->issuer, sizeof(r->issuer), "%s", c2[0] ? c2 : c3);
	} else {
		snprintf(r->issuer, sizeof(r->issuer), "%s", c1);
		snprintf(r->field, sizeof(r->field), "%s", c2);
	}
	return i;
}
