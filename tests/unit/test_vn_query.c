/* Unit tests for lib/vn_query (the search language) and lib/vn_syll (syllable checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "vn_query.h"
#include "vn_syll.h"

static struct vn_norm *nm;

static int setup(void **state)
{
	struct err e;
	(void)state;
	nm = vn_norm_new(&e);
	return nm ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	vn_norm_free(nm);
	return 0;
}

static char *fts(const char *q)
{
	static char out[4096];
	struct vn_query vq;
	struct err e;
	assert_int_equal(vn_query_build(nm, q, &vq, &e), 0);
	strncpy(out, vq.fts, sizeof(out) - 1);
	vn_query_free(&vq);
	return out;
}

static void fails(const char *q, const char *msg)
{
	struct vn_query vq;
	struct err e;
	assert_int_equal(vn_query_build(nm, q, &vq, &e), -1);
	assert_non_null(strstr(e.msg, msg));
}

static void test_operators(void **state)
{
	(void)state;
	assert_string_equal(fts("dong"), "\"dong\"");
	assert_string_equal(fts("tòa án"), "(\"tòa\" AND \"án\")");
	assert_string_equal(fts("\"tòa án\""), "\"tòa án\"");
	assert_string_equal(fts("a OR b"), "(\"a\" OR \"b\")");
	assert_string_equal(fts("khen* thưởng"), "(\"khen\" * AND \"thưởng\")");
	assert_string_equal(fts("huân -\"bảo vệ\""), "(\"huân\" NOT \"bảo vệ\")");
	assert_string_equal(fts("huân NOT chương"), "(\"huân\" NOT \"chương\")");
	assert_string_equal(fts("(a OR b) c"), "((\"a\" OR \"b\") AND \"c\")");
	/* a word the tokenizer splits becomes a phrase; punctuation-only words vanish */
	assert_string_equal(fts("Covid-19"), "text : \"Covid 19\"");
	assert_string_equal(fts("tòa - án"),
			    "(\"tòa\" AND \"án\")");
	/* bare words that spell a full form also find its abbreviation */
	assert_string_equal(fts("thi đua khen thưởng"),
			    "((\"thi\" AND \"đua\" AND \"khen\" AND \"thưởng\") OR \"TĐKT\")");
	/* FTS5 syntax in the input is only text */
	assert_string_equal(fts("a:b"), "\"a b\"");
}

static void test_errors(void **state)
{
	(void)state;
	fails("-dong", "not negated");
	fails("NOT dong", "not negated");
	fails("(a b", "missing ')'");
	fails("a)", "unexpected ')'");
	fails("\"…\"", "no words");
}

static void test_abbreviations(void **state)
{
	(void)state;
	/* abbreviation -> full form */
	assert_string_equal(fts("THADS"), "(\"THADS\" OR \"Thi hành án dân sự\")");
	assert_string_equal(fts("thads"), "(\"thads\" OR \"Thi hành án dân sự\")");
	/* full form -> abbreviation, for a phrase and for bare words */
	assert_string_equal(fts("\"viện kiểm sát nhân dân\""),
			    "(\"viện kiểm sát nhân dân\" OR \"VKSND\")");
	assert_non_null(strstr(fts("vien kiem sat nhan dan"), "OR \"VKSND\")"));
	/* within a phrase, the matched span is substituted */
	assert_string_equal(fts("\"cục thads tỉnh\""),
			    "(\"cục thads tỉnh\" OR \"cục Thi hành án dân sự tỉnh\")");
	/* an abbreviation that is also an ordinary syllable expands only in capitals */
	assert_string_equal(fts("ca"), "\"ca\"");
	assert_string_equal(fts("CA"), "(\"CA\" OR \"Công an\")");
	/* and is not added to a query that spells out the full form */
	assert_string_equal(fts("\"công an\""), "\"công an\"");
	/* the table rows a query can use are those starting with one of its words, wherever
	 * it stands: in a later term, inside an OR, after a negation */
	assert_non_null(strstr(fts("bằng khen OR (tỉnh THADS)"), "\"Thi hành án dân sự\""));
	assert_non_null(strstr(fts("khen -\"tòa án nhân dân\""), "\"TAND\""));
}

static void test_syllables(void **state)
{
	static const char *valid[] = {"người", "được", "khuya", "quyết", "giữ", "gì", "nghiêng",
				      "thuở", "thuỷ", "quí", "sĩ", "oà", "rượu", "khuỷu", "xoong",
				      "tặng", "ạ", "uỷ", "yêu", "kĩ", NULL};
	static const char *invalid[] = {"thads", "vksnd", "ubnd", "tand", "cat", "hoz", "xyz",
					"tạng̃", "ngh", "cbcs", NULL};
	int i;
	(void)state;
	for (i = 0; valid[i]; i++)
		assert_true(vn_syll_valid(valid[i], strlen(valid[i])));
	for (i = 0; invalid[i]; i++)
		assert_false(vn_syll_valid(invalid[i], strlen(invalid[i])));
	/* "cat" is not a syllable (stop-closed rhyme needs sắc or nặng) but could be cát */
	assert_true(vn_syll_plausible("cat", 3));
	assert_true(vn_syll_plausible("ca", 2));
	assert_false(vn_syll_plausible("thads", 5));
	assert_false(vn_syll_plausible("vksnd", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_syllables),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
