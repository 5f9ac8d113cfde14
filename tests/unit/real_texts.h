/*
 * Real Vietnamese text for unit tests that compare two ways of computing the same thing:
 * the seed report (the .txt files of corpus/) and the UTF-8 transcripts of the legacy documents
 * (tests/fixtures/legacy/truth/), found from $TOP (the repository root; "." without it).
 * Include after cmocka.h.
 */
#ifndef THIDUA_TESTS_REAL_TEXTS_H
#define THIDUA_TESTS_REAL_TEXTS_H
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

/* Call fn(ctx, path, data, n) for each file; fails the test if fewer than 20 are found. */
static void for_each_real_text(void (*fn)(void *ctx, const char *path, const char *data, size_t n),
                               void *ctx)
{
	const char *top = getenv("TOP");
	char pattern[4096];
	glob_t g;
	struct err e;
	size_t i;

	snprintf(pattern, sizeof(pattern), "%s/corpus/*.txt", top ? top : ".");
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	snprintf(pattern, sizeof(pattern), "%s/tests/fixtures/legacy/truth/*.txt", top ? top : ".");
	assert_int_equal(glob(pattern, GLOB_APPEND, NULL, &g), 0);
	assert_true(g.gl_pathc > 20);
	for (i = 0; i < g.gl_pathc; i++) {
		char *data;
		size_t n;
		if (read_file(g.gl_pathv[i], (size_t)1 << 26, &data, &n, &e) != 0)
			fail_msg("%s", e.msg);
		fn(ctx, g.gl_pathv[i], data, n);
		free(data);
	}
	globfree(&g);
}

#endif
