/* Unit tests for lib/vn_norm: the Vietnamese normalization rules of docs/normalization.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "vn_norm.h"

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

/* canonical and folded forms of one word, as NUL-terminated copies in static buffers */
static const char *canon_of(const char *w)
{
	static char out[256];
	struct vn_word v;
	assert_int_equal(vn_norm_word(nm, w, strlen(w), &v), 0);
	assert_true(v.ncanon < sizeof(out));
	memcpy(out, v.canon, v.ncanon);
	out[v.ncanon] = 0;
	return out;
}

static const char *fold_of(const char *w)
{
	static char out[256];
	struct vn_word v;
	assert_int_equal(vn_norm_word(nm, w, strlen(w), &v), 0);
	memcpy(out, v.fold, v.nfold);
	out[v.nfold] = 0;
	return out;
}

/* NFD of s, through ICU: an independent way to make the decomposed spelling */
static char *nfd(const char *s)
{
	UChar u[512], d[1024];
	int32_t nu, nd, n8;
	UErrorCode st = U_ZERO_ERROR;
	char *out = malloc(2048);
	u_strFromUTF8(u, 512, &nu, s, -1, &st);
	nd = unorm2_normalize(unorm2_getNFDInstance(&st), u, nu, d, 1024, &st);
	u_strToUTF8(out, 2048, &n8, d, nd, &st);
	assert_true(U_SUCCESS(st));
	return out;
}

/*
 * Every Vietnamese vowel letter with each of the 6 tones (none, sắc, huyền, hỏi, ngã, nặng),
 * in both cases, written out by hand: the expected lower case and base letter do not come
 * from the code under test.
 */
static const struct {
	const char *lower, *upper, *base;
} vowels[] = {
	{"a á à ả ã ạ", "A Á À Ả Ã Ạ", "a"},	     {"ă ắ ằ ẳ ẵ ặ", "Ă Ắ Ằ Ẳ Ẵ Ặ", "a"},
	{"â ấ ầ ẩ ẫ ậ", "Â Ấ Ầ Ẩ Ẫ Ậ", "a"},	     {"e é è ẻ ẽ ẹ", "E É È Ẻ Ẽ Ẹ", "e"},
	{"ê ế ề ể ễ ệ", "Ê Ế Ề Ể Ễ Ệ", "e"},	     {"i í ì ỉ ĩ ị", "I Í Ì Ỉ Ĩ Ị", "i"},
	{"o ó ò ỏ õ ọ", "O Ó Ò Ỏ Õ Ọ", "o"},	     {"ô ố ồ ổ ỗ ộ", "Ô Ố Ồ Ổ Ỗ Ộ", "o"},
	{"ơ ớ ờ ở ỡ ợ", "Ơ Ớ Ờ Ở Ỡ Ợ", "o"},	     {"u ú ù ủ ũ ụ", "U Ú Ù Ủ Ũ Ụ", "u"},
	{"ư ứ ừ ử ữ ự", "Ư Ứ Ừ Ử Ữ Ự", "u"},	     {"y ý ỳ ỷ ỹ ỵ", "Y Ý Ỳ Ỷ Ỹ Ỵ", "y"},
};

static void next_word(const char **s, char *out)
{
	size_t n = 0;
	while (**s == ' ')
		(*s)++;
	while (**s && **s != ' ')
		out[n++] = *(*s)++;
	out[n] = 0;
}

static void test_every_vowel_tone_and_case(void **state)
{
	size_t v;
	int checked = 0;
	(void)state;
	for (v = 0; v < sizeof(vowels) / sizeof(vowels[0]); v++) {
		const char *lo = vowels[v].lower, *up = vowels[v].upper;
		int t;
		for (t = 0; t < 6; t++) {
			char l[16], u[16], lc[16];
			char *dl, *du;
			next_word(&lo, l);
			next_word(&up, u);
			/* upper and lower case give the lower-case letter */
			strcpy(lc, canon_of(l));
			assert_string_equal(lc, l);
			assert_string_equal(canon_of(u), l);
			/* NFD spellings give the same */
			dl = nfd(l);
			du = nfd(u);
			assert_string_equal(canon_of(dl), l);
			assert_string_equal(canon_of(du), l);
			/* folding strips tone and modifier */
			assert_string_equal(fold_of(l), vowels[v].base);
			assert_string_equal(fold_of(u), vowels[v].base);
			assert_string_equal(fold_of(du), vowels[v].base);
			free(dl);
			free(du);
			checked++;
		}
	}
	assert_int_equal(checked, 72);
}

static void test_d_bar(void **state)
{
	(void)state;
	assert_string_equal(canon_of("Đồng"), "đồng");
	assert_string_equal(fold_of("Đồng"), "dong");
	assert_string_equal(fold_of("đ"), "d");
	assert_string_equal(canon_of("ĐỒNG"), "đồng");
	/* eth, the look-alike from cp1258/VISCII read as Latin-1, is đ */
	assert_string_equal(canon_of("ðồng"), "đồng");
	assert_string_equal(canon_of("Ðồng"), "đồng");
}

static void test_nfc_nfd_mixed(void **state)
{
	char *d;
	(void)state;
	/* ậ: NFD puts the dot below (ccc 220) before the circumflex (230) */
	d = nfd("Thật");
	assert_string_equal(canon_of(d), "thật");
	free(d);
	/* ợ: horn first */
	d = nfd("được");
	assert_string_equal(canon_of(d), "được");
	assert_string_equal(fold_of(d), "duoc");
	free(d);
	/* mixed: precomposed ư + combining acute on a following letter */
	assert_string_equal(canon_of("thư\xcc\x81"), canon_of("thứ"));
	/* marks in the "wrong" order (circumflex then dot) are still ậ */
	assert_string_equal(canon_of("ca\xcc\x82\xcc\xa3p"), "cập");
}

/* Tone placement pairs: old style (hòa) and new style (hoà) give one canonical form. */
static void test_tone_placement_pairs(void **state)
{
	static const char *pairs[][2] = {
		{"hòa", "hoà"},	  {"hóa", "hoá"},   {"hỏa", "hoả"}, {"họa", "hoạ"}, {"xõa", "xoã"},
		{"khỏe", "khoẻ"}, {"xòe", "xoè"},   {"thủy", "thuỷ"}, {"Ủy", "Uỷ"}, {"tùy", "tuỳ"},
		{"lũy", "luỹ"},	  {"hụy", "huỵ"},   {"TÒA", "TOÀ"},   {"Hòa", "hoà"}, {"qúy", "quý"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char a[64];
		strcpy(a, canon_of(pairs[i][0]));
		assert_string_equal(a, canon_of(pairs[i][1]));
	}
	/* the canonical form is the new style */
	assert_string_equal(canon_of("hòa"), "hoà");
	assert_string_equal(canon_of("Ủy"), "uỷ");
}

/* Where a final consonant or third vowel follows, the tone position is fixed. */
static void test_tone_placement_fixed(void **state)
{
	(void)state;
	assert_string_equal(canon_of("hoàn"), "hoàn");
	assert_string_equal(canon_of("hoài"), "hoài");
	assert_string_equal(canon_of("thuyền"), "thuyền");
	assert_string_equal(canon_of("khuya"), "khuya");
	assert_string_equal(canon_of("toán"), "toán");
	/* ia/ua/ưa: tone on the first letter; iê/uô/ươ on the second */
	assert_string_equal(canon_of("lụa"), "lụa");
	assert_string_equal(canon_of("bìa"), "bìa");
	assert_string_equal(canon_of("được"), "được");
	/* qu + a: u belongs to the onset, nothing to move */
	assert_string_equal(canon_of("quả"), "quả");
	assert_string_equal(canon_of("quà"), "quà");
	/* hoà and hòa differ from hoa only by the tone */
	assert_string_equal(fold_of("hoà"), "hoa");
}

static void test_i_y_pairs(void **state)
{
	static const char *pairs[][2] = {
		{"sỹ", "sĩ"}, {"kỹ", "kĩ"}, {"lý", "lí"}, {"quý", "quí"}, {"mỹ", "mĩ"},
		{"tỷ", "tỉ"}, {"ký", "kí"}, {"hy", "hi"}, {"Sỹ", "sĩ"},	  {"QUÝ", "quí"},
		{"sy", "si"}, {"ly", "li"}, {"quy", "qui"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char a[64];
		strcpy(a, canon_of(pairs[i][0]));
		assert_string_equal(a, canon_of(pairs[i][1]));
	}
	assert_string_equal(canon_of("sỹ"), "sĩ");
	assert_string_equal(fold_of("sỹ"), "si");
}

/* uy, ay, ây, yê, and a word-initial y are never touched. */
static void test_i_y_non_pairs(void **state)
{
	char a[64];
	(void)state;
	assert_string_equal(canon_of("thuỷ"), "thuỷ");
	strcpy(a, canon_of("thuỷ"));
	assert_string_not_equal(a, canon_of("thuỉ"));
	assert_string_equal(canon_of("hay"), "hay");
	assert_string_equal(canon_of("tây"), "tây");
	assert_string_equal(canon_of("yêu"), "yêu");
	assert_string_equal(canon_of("y"), "y");
	assert_string_equal(canon_of("ý"), "ý");
	assert_string_equal(canon_of("quyết"), "quyết");
	assert_string_equal(canon_of("quỳnh"), "quỳnh");
	assert_string_equal(canon_of("tuy"), "tuy");
	assert_string_equal(canon_of("mày"), "mày");
	assert_string_equal(canon_of("ngày"), "ngày");
	assert_string_equal(canon_of("kỷ"), "kỉ");
}

static void test_numbers(void **state)
{
	(void)state;
	assert_string_equal(canon_of("1.419"), "1419");
	assert_string_equal(canon_of("1,419"), "1419");
	assert_string_equal(canon_of("1419"), "1419");
	assert_string_equal(canon_of("01"), "1");
	assert_string_equal(canon_of("0"), "0");
	assert_string_equal(canon_of("00"), "0");
	assert_string_equal(canon_of("19.500.000"), "19500000");
	assert_string_equal(canon_of("82,295.000"), "82295000");
	assert_string_equal(canon_of("146,8"), "146,8");
	assert_string_equal(canon_of("1.5"), "1,5");
	assert_string_equal(canon_of("1.449,2"), "1449,2");
	assert_string_equal(canon_of("0,5"), "0,5");
}

static void test_case_flags(void **state)
{
	struct vn_word w;
	(void)state;
	assert_int_equal(vn_norm_word(nm, "THADS", 5, &w), 0);
	assert_true(w.flags & VN_WORD_UPPER);
	assert_false(w.flags & VN_WORD_ACCENTED);
	assert_int_equal(vn_norm_word(nm, "Tòa", 4, &w), 0);
	assert_false(w.flags & VN_WORD_UPPER);
	assert_true(w.flags & VN_WORD_ACCENTED);
	assert_int_equal(vn_norm_word(nm, "12", 2, &w), 0);
	assert_true(w.flags & VN_WORD_NUMBER);
}

/* The cache must not change answers: the same word twice, and after many others. */
static void test_cache_consistency(void **state)
{
	char first[64], w[32];
	int i;
	(void)state;
	strcpy(first, canon_of("Chiến"));
	for (i = 0; i < 70000; i++) {
		snprintf(w, sizeof(w), "x%dđ", i);
		canon_of(w);
	}
	assert_string_equal(canon_of("Chiến"), first);
	assert_string_equal(canon_of("x5đ"), "x5đ");
}

static void test_nfc_text(void **state)
{
	struct buf b = BUF_INIT;
	size_t bad = 0;
	char *d = nfd("Tòa án nhân dân tỉnh");
	(void)state;
	vn_norm_nfc(nm, d, strlen(d), &b, &bad);
	assert_string_equal(buf_str(&b), "Tòa án nhân dân tỉnh");
	assert_int_equal(bad, 0);
	buf_reset(&b);
	vn_norm_nfc(nm, "a\xff" "b", 3, &b, &bad);
	assert_string_equal(buf_str(&b), "a\xef\xbf\xbd" "b");
	assert_int_equal(bad, 1);
	buf_free(&b);
	free(d);
	assert_int_equal(vn_utf8_check("abc", 3), 3);
	assert_int_equal(vn_utf8_check("ab\xc3", 3), 2);
	assert_int_equal(vn_utf8_check("đồng", strlen("đồng")), strlen("đồng"));
}

/*
 * vn_utf8_scan must answer as the three passes it replaces: the invalid offset of
 * vn_utf8_check, and "plain" exactly when NFC and the encoding repair would both leave the
 * text as it is.
 */
static void test_utf8_scan(void **state)
{
	static const struct {
		const char *s;
		int plain;
	} cases[] = {
	    {"Khối thi đua Nội chính tỉnh Tuyên Quang", 1},
	    {"plain ASCII only", 1},
	    {"nhiệm vụ «trọng tâm» 25°C, ½ số", 1},    /* typography, not mojibake */
	    {"ho\xcc\x80" "a", 0},                       /* NFD: o + combining grave */
	    {"\xc3\x84\xe2\x80\x98i\xc3\xaa\xc2\xb0m", 0}, /* "Ä‘iê°m": UTF-8 read as cp1252 */
	    {"Kh\xc2\xb5 th\xc2\xa7", 0},                /* TCVN3 bytes as Latin-1 */
	    {"\xef\x80\xa1 symbol font", 0},              /* U+F021 */
	    {"", 1},
	};
	static const char *bad[] = {"ab\xff cd", "Tuy\xc3", "x\xe1\xbb", "ok \xc0\x80 no"};
	struct err e;
	struct vn_norm *norm = vn_norm_new(&e);
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = strlen(cases[i].s);
		int plain = -1;
		struct buf nfc = BUF_INIT;
		assert_int_equal(vn_utf8_scan(cases[i].s, n, &plain), n);
		assert_int_equal(plain, cases[i].plain);
		if (plain) {
			/* plain text is what NFC gives back */
			vn_norm_nfc(norm, cases[i].s, n, &nfc, NULL);
			assert_int_equal(nfc.n, n);
			assert_memory_equal(nfc.p, cases[i].s, n);
		}
		buf_free(&nfc);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t n = strlen(bad[i]);
		int plain = 1;
		assert_int_equal(vn_utf8_scan(bad[i], n, &plain), vn_utf8_check(bad[i], n));
		assert_true(vn_utf8_scan(bad[i], n, &plain) < n);
		assert_int_equal(plain, 0);
	}
	vn_norm_free(norm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_vowel_tone_and_case),
		cmocka_unit_test(test_d_bar),
		cmocka_unit_test(test_nfc_nfd_mixed),
		cmocka_unit_test(test_tone_placement_pairs),
		cmocka_unit_test(test_tone_placement_fixed),
		cmocka_unit_test(test_i_y_pairs),
		cmocka_unit_test(test_i_y_non_pairs),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_case_flags),
		cmocka_unit_test(test_cache_consistency),
		cmocka_unit_test(test_nfc_text),
		cmocka_unit_test(test_utf8_scan),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
