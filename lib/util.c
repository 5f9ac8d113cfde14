#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char head[512], tail[sizeof(e->msg)];
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(tail, e->msg, sizeof(tail));
	{
		size_t hl = strlen(head), tl = strlen(tail), cap = sizeof(e->msg) - 1, n = 0;
		if (hl > cap)
			hl = cap;
		memcpy(e->msg, head, hl);
		n = hl;
		if (n + 2 <= cap) {
			memcpy(e->msg + n, ": ", 2);
			n += 2;
		}
		if (tl > cap - n)
			tl = cap - n;
		memcpy(e->msg + n, tail, tl);
		e->msg[n + tl] = 0;
	}
	return -1;
}

static _Noreturn void oom(size_t n)
{
	fprintf(stderr, "thidua: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need)
		c += c / 2 + 8;
	*cap = c;
	return xrealloc(p, c * size);
}

void buf_reserve(struct buf *b, size_t extra)
{
	b->p = xgrow(b->p, &b->cap, b->n + extra + 1, 1);
}

void buf_add(struct buf *b, const void *data, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->n, data, n);
	b->n += n;
	b->p[b->n] = 0;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	b->n += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = 0;
}

char *buf_detach(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

int read_file(const char *path, size_t max_bytes, char **out, size_t *len, struct err *e)
{
	struct stat st;
	FILE *f;
	char *p;
	size_t n = 0, cap;

	*out = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f)
		return err_set(e, "%s", strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return err_set(e, "is a directory");
	}
	if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size > max_bytes) {
		fclose(f);
		return err_set(e, "file too large (%lld bytes; limit %zu)", (long long)st.st_size,
			       max_bytes);
	}
	/* st_size can be 0 for pipes and /proc files, so read until EOF either way. */
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
	p = xmalloc(cap);
	for (;;) {
		size_t got;
		if (n + 1 >= cap) {
			if (cap > max_bytes) {
				free(p);
				fclose(f);
				return err_set(e, "file too large (limit %zu bytes)", max_bytes);
			}
			cap *= 2;
			p = xrealloc(p, cap);
		}
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int saved = errno;
		free(p);
		fclose(f);
		return err_set(e, "read error: %s", strerror(saved));
	}
	fclose(f);
	p[n] = 0;
	*out = p;
	*len = n;
	return 0;
}

int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int plain_name(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (i > 0 && s[i] >= '0' && s[i] <= '9')))
			return 0;
	return i > 0;
}

double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
