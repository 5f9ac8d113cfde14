/*
 * util: the few helpers every module uses — a growable byte buffer, error values, and
 * allocation that fails loudly.
 *
 * Errors are values: a function that can fail returns 0 or -1 and, on failure, writes one
 * human line into a `struct err` its caller owns. Callers add context (the file name) and
 * pass it up; only main() decides what to print and which exit code to use.
 *
 * Out-of-memory is the one exception: x*alloc() abort with a message, because no caller
 * could do anything useful with a half-built structure, and bounded memory use is a design
 * goal checked by the benchmarks rather than something to recover from at run time.
 */
#ifndef THIDUA_UTIL_H
#define THIDUA_UTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct err {
	char msg[1024];
};

/* Set the error text; returns -1 so callers can `return err_set(e, ...)`. */
int err_set(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prefix existing text with "what: " (e.g. the file name); returns -1. */
int err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array of `*cap` elements of size `size` so it holds at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

/* A growable byte string, always NUL-terminated when p != NULL. */
struct buf {
	char *p;
	size_t n, cap;
};

#define BUF_INIT {0, 0, 0}
void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
/* Give up ownership of the string (never NULL: an empty buffer gives ""). */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_str(const struct buf *b);

/* Read a whole file; files larger than max_bytes are refused with an error. */
int read_file(const char *path, size_t max_bytes, char **out, size_t *len, struct err *e);

/* Whether s starts with prefix. */
int starts_with(const char *s, const char *prefix);

/* Whether s is a name safe to put into SQL text as a table's: letters, digits and '_', not
 * starting with a digit (a table named in a module's or a tokenizer's arguments). */
int plain_name(const char *s);

/* Monotonic seconds, for progress and benchmarks. */
double now_seconds(void);

#endif
