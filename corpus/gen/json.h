/*
 * json: a small streaming JSON writer for the ground-truth files. Keys and strings are
 * UTF-8 and written as they are, with only the characters JSON requires escaped; members
 * of the two outer levels go on lines of their own so the files diff and grep well.
 */
#ifndef GEN_JSON_H
#define GEN_JSON_H
#include <stdint.h>

#include "util.h"

struct json {
	struct buf *out;
	int depth;
	int count[16];    /* members written so far at each depth */
	char closers[16]; /* '}' or ']' for each open level */
};

void json_init(struct json *j, struct buf *out);
/* key is NULL inside arrays (and for the outermost value). */
void json_obj(struct json *j, const char *key);
void json_arr(struct json *j, const char *key);
void json_end(struct json *j);
void json_str(struct json *j, const char *key, const char *s);
void json_strn(struct json *j, const char *key, const char *s, size_t n);
void json_int(struct json *j, const char *key, int64_t v);
/* A number that may have a fraction (amounts like 146,8 triệu are exact integers anyway). */
void json_num(struct json *j, const char *key, double v);
void json_bool(struct json *j, const char *key, int v);
void json_null(struct json *j, const char *key);

/* Append s as a JSON string literal. */
void json_quote(struct buf *out, const char *s, size_t n);

#endif
