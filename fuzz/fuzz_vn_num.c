/*
 * libFuzzer target: the number reader on arbitrary bytes — a passage scanned the way the
 * indexer does it (vote, then scan), and the stand-alone value and Roman numeral parsers.
 * The reader keeps state across passages (footnote count, table unit), so inputs run in one
 * document until a form feed starts another.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vn_num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check(void *ctx, const struct vn_num *v)
{
	const size_t *n = ctx;
	/* spans must lie inside the passage, in order */
	if (v->start > v->end || v->end > *n || v->tok_start < v->start || v->tok_end > v->end ||
	    v->tok_start >= v->tok_end)
		__builtin_trap();
	if (v->noun_end && (v->noun_start > v->noun_end || v->noun_end > *n))
		__builtin_trap();
	if (memchr(v->noun, 0, sizeof(v->noun)) == NULL ||
	    memchr(v->qualifier, 0, sizeof(v->qualifier)) == NULL)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vn_num_reader *r;
	const char *s = (const char *)data;
	double v;
	unsigned flags;
	struct err e;

	if (!r && !(r = vn_num_new(&e)))
		return 0;
	if (size && s[0] == '\f')
		vn_num_doc_begin(r);
	vn_num_vote(r, s, size);
	vn_num_scan(r, s, size, check, &size);
	vn_num_value(s, size, &v, &flags);
	vn_num_roman(s, size);
	return 0;
}
