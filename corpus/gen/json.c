#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

void json_quote(struct buf *out, const char *s, size_t n)
{
	size_t i;

	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)c);
		} else if (c == '\n') {
			buf_adds(out, "\\n");
		} else if (c == '\t') {
			buf_adds(out, "\\t");
		} else if (c < 0x20) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_addc(out, (char)c);
		}
	}
	buf_addc(out, '"');
}

static void indent(struct json *j, int n)
{
	buf_addc(j->out, '\n');
	while (n-- > 0)
		buf_addc(j->out, ' ');
}

static void member(struct json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			buf_addc(j->out, ',');
		if (j->depth <= 2)
			indent(j, j->depth);
	}
	if (key) {
		json_quote(j->out, key, strlen(key));
		buf_addc(j->out, ':');
	}
}

static void open_level(struct json *j, const char *key, char open, char close)
{
	member(j, key);
	buf_addc(j->out, open);
	j->depth++;
	j->count[j->depth] = 0;
	j->closers[j->depth] = close;
}

void json_obj(struct json *j, const char *key)
{
	open_level(j, key, '{', '}');
}

void json_arr(struct json *j, const char *key)
{
	open_level(j, key, '[', ']');
}

void json_end(struct json *j)
{
	if (j->depth <= 2 && j->count[j->depth])
		indent(j, j->depth - 1);
	buf_addc(j->out, j->closers[j->depth]);
	j->depth--;
	if (j->depth == 0)
		buf_addc(j->out, '\n');
}

void json_strn(struct json *j, const char *key, const char *s, size_t n)
{
	member(j, key);
	json_quote(j->out, s, n);
}

void json_str(struct json *j, const char *key, const char *s)
{
	json_strn(j, key, s ? s : "", s ? strlen(s) : 0);
}

void json_int(struct json *j, const char *key, int64_t v)
{
	member(j, key);
	buf_printf(j->out, "%lld", (long long)v);
}

void json_num(struct json *j, const char *key, double v)
{
	member(j, key);
	if (v == floor(v) && fabs(v) < 9e15)
		buf_printf(j->out, "%.0f", v);
	else
		buf_printf(j->out, "%.10g", v);
}

void json_bool(struct json *j, const char *key, int v)
{
	member(j, key);
	buf_adds(j->out, v ? "true" : "false");
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	buf_adds(j->out, "null");
}
