/* Unit tests for lib/vn_words: words built from the memo of chunks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "real_texts.h"
#include "vn_words.h"

/* The first difference between two builds of the same text, or NULL. */
static const char *differs(const struct vn_words *x, const struct vn_words *y, size_t *at)
{
	size_t i;

	if (x->n != y->n) {
		*at = x->n < y->n ? x->n : y->n;
		return "word count";
	}
	for (i = 0; i < x->n; i++) {
		const struct vn_wtok *a = &x->t[i], *b = &y->t[i];
		*at = i;
		if (a->a != b->a || a->b != b->b)
			return "byte span";
		if (a->ca != b->ca || a->cb != b->cb)
			return "character span";
		if (strcmp(a->canon, b->canon) != 0 || strcmp(a->fold, b->fold) != 0)
			return "forms";
		if (a->hcanon != b->hcanon || a->hfold != b->hfold)
			return "hashes";
		if (a->flags != b->flags || a->upper_first != b->upper_first)
			return "flags";
	}
	return NULL;
}

/*
 * vn_words_build keeps the words of each chunk of text between spaces from its second
 * sighting on and copies them, with their spans moved, when the chunk comes again; they must
 * be the words built word by word with the memo empty, being filled and full (the three
 * passes), for whole texts and for texts cut anywhere (layout reads 256 bytes of a bullet).
 */
static void same_words(struct vn_norm *nm, const char *what, const char *t, size_t n)
{
	size_t cuts[] = {n, n / 2, 256, 7, 1}, k, at = 0;
	int pass;

	for (pass = 0; pass < 3; pass++)
		for (k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
			struct vn_words x, y;
			size_t m = cuts[k] < n ? cuts[k] : n;
			const char *d;
			vn_words_build(&x, nm, t, m);
			vn_words_build_direct(&y, nm, t, m);
			d = differs(&x, &y, &at);
			vn_words_free(&x);
			vn_words_free(&y);
			if (d)
				fail_msg("%s, %zu bytes (pass %d): %s differ at word %zu", what, m,
				         pass + 1, d, at);
		}
}

static void words_of_text(void *nm, const char *path, const char *data, size_t n)
{
	same_words(nm, path, data, n);
}

static void test_words_from_chunks(void **state)
{
	/* what spans and forms depend on: characters before a word (multi-byte ones, NFD
	 * marks, punctuation glued to it), every ASCII space, numbers and their separators,
	 * upper case, a chunk longer than the memo keeps */
	static const char *const edge[] = {
	    "  “Tòa án”, (Chiến sỹ) 1.419,5 đồng³; ĐỒNG đồng\tdong\r\nTHADS-VKSND",
	    "To\xcc\x80"
	    "a a\xcc\x81n nha\xcc\x82n\xc2\xa0"
	    "da\xcc\x82n\f\vx",
	    "Ủy ban MTTQ tỉnh Tuyên Quang: 996/1000 điểm.",
	    "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyzđồng0123456789,tiếp",
	};
	struct vn_norm *nm;
	struct err e;
	size_t i;
	(void)state;

	nm = vn_norm_new(&e);
	assert_non_null(nm);
	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		same_words(nm, edge[i], edge[i], strlen(edge[i]));
	for_each_real_text(words_of_text, nm);
	vn_norm_free(nm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words_from_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
