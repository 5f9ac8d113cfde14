/*
 * Unit tests for the pieces of thidua-gen (corpus/gen/) whose output is checked against
 * something written independently of the generator:
 *   - Vietnamese number notation against the examples of shared/domain.md §5
 *     (1.419, 146,8 triệu đồng, 3,232 tỷ đồng, 1.449,2 triệu đồng, 82,295.000 đồng, …);
 *   - the TCVN3 encoder (an inverse of branch enc's table) against glibc iconv's
 *     TCVN5712-1 decoder for every Vietnamese letter, and both encoders against the
 *     signatures domain.md §7.3 lists (how "Thi đua, khen thưởng" looks in TCVN3 and VNI);
 *   - the random streams: same keys, same numbers; ranges honoured; roughly uniform;
 *   - the JSON writer's escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "legacy.h"
#include "numfmt.h"
#include "rng.h"

static char out[512];

static const char *money(long long v, enum money_style st)
{
	struct buf b = BUF_INIT;
	assert_true(money_style_ok(v, st));
	fmt_money(&b, v, st);
	snprintf(out, sizeof(out), "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

static void test_numbers_as_domain_md(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;

	/* §5.3 rules 1-4 and the seed's money values, written the other way round */
	fmt_grouped(&b, 1419);
	assert_string_equal(buf_str(&b), "1.419");
	buf_reset(&b);
	fmt_grouped(&b, 19500000);
	assert_string_equal(buf_str(&b), "19.500.000");
	buf_reset(&b);
	assert_string_equal(money(146800000, MONEY_TRIEU), "146,8 triệu đồng");
	assert_string_equal(money(1449200000, MONEY_TRIEU), "1.449,2 triệu đồng");
	assert_string_equal(money(140000000, MONEY_TRIEU), "140 triệu đồng");
	assert_string_equal(money(3232000000LL, MONEY_TY), "3,232 tỷ đồng");
	assert_string_equal(money(62083300, MONEY_FULL), "62.083.300 đồng");
	assert_string_equal(money(2600000, MONEY_GLUED), "2.600.000đ");
	assert_string_equal(money(82295000, MONEY_MALFORMED), "82,295.000 đồng");
	/* what cannot be written exactly is refused, not rounded */
	assert_false(money_style_ok(146850000, MONEY_TRIEU));
	assert_false(money_style_ok(999000000, MONEY_TY));
	/* rule 6: small counts zero-padded; a plain run like 1700 also occurs */
	fmt_count(&b, 5, 1, 0);
	assert_string_equal(buf_str(&b), "05");
	buf_reset(&b);
	fmt_count(&b, 5, 0, 0);
	assert_string_equal(buf_str(&b), "5");
	buf_reset(&b);
	fmt_count(&b, 1700, 1, 1);
	assert_string_equal(buf_str(&b), "1700");
	buf_reset(&b);
	fmt_count(&b, 1684, 1, 0);
	assert_string_equal(buf_str(&b), "1.684");
	buf_reset(&b);
	/* rates: 700.000đ/suất, 250.000/suất */
	fmt_rate(&b, 700000, 0, "suất");
	assert_string_equal(buf_str(&b), "700.000đ/suất");
	buf_reset(&b);
	fmt_rate(&b, 250000, 1, "suất");
	assert_string_equal(buf_str(&b), "250.000/suất");
	buf_reset(&b);
	fmt_percent_tenths(&b, 985);
	assert_string_equal(buf_str(&b), "98,5%");
	buf_reset(&b);
	fmt_percent_tenths(&b, 1000);
	assert_string_equal(buf_str(&b), "100%");
	buf_free(&b);
}

/* glibc iconv of bytes from charset to UTF-8; NULL when iconv refuses */
static const char *glibc(const char *from, const char *in, size_t n)
{
	static char res[4096];
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in, *op = res;
	size_t il = n, ol = sizeof(res) - 1;

	assert_true(cd != (iconv_t)-1);
	/* the TCVN decoder holds a letter back for a combining tone that may follow: flush */
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = 0;
	return res;
}

static const char *encode(enum vn_charset cs, const char *s)
{
	struct buf b = BUF_INIT;
	struct err e;

	if (legacy_encode(cs, s, strlen(s), &b, &e) != 0)
		fail_msg("%s", e.msg);
	assert_true(b.n < sizeof(out));
	memcpy(out, b.p, b.n);
	out[b.n] = 0;
	buf_free(&b);
	return out;
}

/* The encoding of s shown as cp1252 characters (how domain.md prints the signatures) */
static const char *as_cp1252(enum vn_charset cs, const char *s)
{
	static char shown[1024];
	struct buf b = BUF_INIT;
	const char *bytes = encode(cs, s);

	legacy_bytes_as_cp1252(bytes, strlen(bytes), &b);
	snprintf(shown, sizeof(shown), "%s", buf_str(&b));
	buf_free(&b);
	return shown;
}

static const char lower_letters[] =
    "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ";
static const char upper_letters[] =
    "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬEÉÈẺẼẸÊẾỀỂỄỆIÍÌỈĨỊOÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢUÚÙỦŨỤƯỨỪỬỮỰYÝỲỶỸỴĐ";

static void test_tcvn3_against_glibc(void **state)
{
	struct err e;
	const char *bytes, *back;
	(void)state;

	assert_int_equal(legacy_init(&e), 0);
	/* every lower-case letter, and ASCII text, comes back from glibc as it went in */
	bytes = encode(VN_CS_TCVN3, lower_letters);
	back = glibc("TCVN5712-1", bytes, strlen(bytes));
	assert_non_null(back);
	assert_string_equal(back, lower_letters);
	bytes = encode(VN_CS_TCVN3, "Thi dua - khen thuong (2020), 100%.");
	assert_string_equal(bytes, "Thi dua - khen thuong (2020), 100%.");
	/* capitals: TCVN3 has only Ă Â Ê Ô Ơ Ư Đ; the others take their lower-case byte, as
	 * text typed in .VnTimeH does (the font, not the byte, made them capitals) */
	bytes = encode(VN_CS_TCVN3, "ĂÂÊÔƠƯĐ");
	assert_string_equal(glibc("TCVN5712-1", bytes, strlen(bytes)), "ĂÂÊÔƠƯĐ");
	/* each capital comes back as itself (where the table has a code for it) or as its
	 * lower-case letter, never as another letter */
	{
		const char *u = upper_letters, *l = lower_letters;
		while (*u) {
			size_t nu = 1, nl = 1;
			char cu[8], cl[8];
			while ((u[nu] & 0xC0) == 0x80)
				nu++;
			while ((l[nl] & 0xC0) == 0x80)
				nl++;
			snprintf(cu, sizeof(cu), "%.*s", (int)nu, u);
			snprintf(cl, sizeof(cl), "%.*s", (int)nl, l);
			bytes = encode(VN_CS_TCVN3, cu);
			back = glibc("TCVN5712-1", bytes, strlen(bytes));
			assert_non_null(back);
			if (strcmp(back, cu) != 0 && strcmp(back, cl) != 0)
				fail_msg("%s encodes as %s", cu, back);
			u += nu;
			l += nl;
		}
	}
}

static void test_signatures_of_domain_md(void **state)
{
	struct err e;
	(void)state;

	assert_int_equal(legacy_init(&e), 0);
	/* domain.md 7.3(b), TCVN3: "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do -
	 * H¹nh phóc", "Thi ®ua, khen th­ëng" (U+00AD soft hyphen = ư), "B¸O C¸O" */
	assert_string_equal(as_cp1252(VN_CS_TCVN3, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
	                    "Céng hoµ x· héi chñ nghÜa ViÖt Nam");
	assert_string_equal(as_cp1252(VN_CS_TCVN3, "Độc lập - Tự do - Hạnh phúc"),
	                    "§éc lËp - Tù do - H¹nh phóc");
	assert_string_equal(as_cp1252(VN_CS_TCVN3, "Thi đua, khen thưởng"),
	                    "Thi ®ua, khen th\xC2\xADëng");
	assert_string_equal(as_cp1252(VN_CS_TCVN3, "BÁO CÁO"), "B¸O C¸O");
	assert_string_equal(as_cp1252(VN_CS_TCVN3, "Chiến sĩ thi đua cơ sở"),
	                    "ChiÕn sÜ thi ®ua c¬ së");
	/* VNI: "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", "Ñoäc laäp - Töï do - Haïnh phuùc",
	 * "Thi ñua, khen thöôûng", "Chieán só thi ñua cô sôû", "BAÙO CAÙO" */
	assert_string_equal(as_cp1252(VN_CS_VNI, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
	                    "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam");
	assert_string_equal(as_cp1252(VN_CS_VNI, "Độc lập - Tự do - Hạnh phúc"),
	                    "Ñoäc laäp - Töï do - Haïnh phuùc");
	assert_string_equal(as_cp1252(VN_CS_VNI, "Thi đua, khen thưởng"), "Thi ñua, khen thöôûng");
	assert_string_equal(as_cp1252(VN_CS_VNI, "Chiến sĩ thi đua cơ sở"),
	                    "Chieán só thi ñua cô sôû");
	assert_string_equal(as_cp1252(VN_CS_VNI, "BÁO CÁO"), "BAÙO CAÙO");
	/* VNI keeps capitals: every letter has its own spelling, so none collapses */
	{
		struct buf l = BUF_INIT, u = BUF_INIT;
		struct err e2;
		assert_int_equal(
		    legacy_encode(VN_CS_VNI, upper_letters, strlen(upper_letters), &u, &e2), 0);
		assert_int_equal(
		    legacy_encode(VN_CS_VNI, lower_letters, strlen(lower_letters), &l, &e2), 0);
		assert_true(u.n >= 67 && l.n >= 67);
		assert_true(u.n != l.n || memcmp(u.p, l.p, u.n) != 0);
		buf_free(&l);
		buf_free(&u);
	}
}

static void test_unencodable_is_an_error(void **state)
{
	struct buf b = BUF_INIT;
	struct err e;
	(void)state;

	assert_int_equal(legacy_init(&e), 0);
	/* a superscript footnote marker has no byte in TCVN3 (its cp1252 byte is a letter there) */
	assert_int_equal(legacy_encode(VN_CS_TCVN3, "đồng³", strlen("đồng³"), &b, &e), -1);
	assert_non_null(strstr(e.msg, "U+00B3"));
	buf_free(&b);
}

static void test_rng(void **state)
{
	struct rng a, b;
	int i, counts[10] = {0}, lo_seen = 0, hi_seen = 0;
	(void)state;

	rng_init(&a, 42, "content", 1, 2, 2020);
	rng_init(&b, 42, "content", 1, 2, 2020);
	for (i = 0; i < 1000; i++)
		assert_int_equal(rng_next(&a), rng_next(&b));
	rng_init(&b, 42, "format", 1, 2, 2020);
	assert_true(rng_next(&a) != rng_next(&b));
	rng_init(&b, 43, "content", 1, 2, 2020);
	rng_init(&a, 42, "content", 1, 2, 2020);
	assert_true(rng_next(&a) != rng_next(&b));
	for (i = 0; i < 100000; i++) {
		int64_t v = rng_range(&a, 5, 9);
		assert_true(v >= 5 && v <= 9);
		lo_seen |= v == 5;
		hi_seen |= v == 9;
		counts[rng_below(&a, 10)]++;
	}
	assert_true(lo_seen && hi_seen);
	/* 10 000 expected per bin; 5 standard deviations is about 475 */
	for (i = 0; i < 10; i++)
		assert_true(counts[i] > 9500 && counts[i] < 10500);
}

static void test_json_escaping(void **state)
{
	struct buf b = BUF_INIT;
	struct json j;
	(void)state;

	json_init(&j, &b);
	json_obj(&j, NULL);
	json_str(&j, "s", "a\"b\\c\td\ne\x01 “Vì” đ");
	json_int(&j, "n", -7);
	json_num(&j, "x", 146800000.0);
	json_null(&j, "z");
	json_arr(&j, "a");
	json_bool(&j, NULL, 1);
	json_end(&j);
	json_end(&j);
	/* the escapes JSON requires (RFC 8259 §7), UTF-8 left as it is */
	assert_non_null(strstr(buf_str(&b), "\"s\":\"a\\\"b\\\\c\\td\\ne\\u0001 “Vì” đ\","));
	assert_non_null(strstr(buf_str(&b), "\"n\":-7,"));
	assert_non_null(strstr(buf_str(&b), "\"x\":146800000,"));
	assert_non_null(strstr(buf_str(&b), "\"z\":null,"));
	assert_true(buf_str(&b)[0] == '{' && strcmp(buf_str(&b) + b.n - 2, "}\n") == 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers_as_domain_md),
	    cmocka_unit_test(test_tcvn3_against_glibc),
	    cmocka_unit_test(test_signatures_of_domain_md),
	    cmocka_unit_test(test_unencodable_is_an_error),
	    cmocka_unit_test(test_rng),
	    cmocka_unit_test(test_json_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
