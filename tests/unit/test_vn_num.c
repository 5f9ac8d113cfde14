/*
 * Unit tests for lib/vn_num: every convention, table row and parser rule of
 * ../shared/domain.md §5, and the seed's money values. Expected values are written by hand
 * from the text (what a person reads), never taken from the code's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_num.h"

static struct vn_num_reader *r;

static int setup(void **state)
{
	struct err e;
	(void)state;
	r = vn_num_new(&e);
	return r ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	vn_num_free(r);
	return 0;
}

/* Read, in a fresh document, the number that starts where `at` first occurs in text. */
static struct vn_num rd(const char *text, const char *at)
{
	struct vn_num v;
	const char *p = strstr(text, at);

	assert_non_null(p);
	vn_num_doc_begin(r);
	vn_num_vote(r, text, strlen(text));
	vn_num_read(r, text, strlen(text), (size_t)(p - text), &v);
	return v;
}

/* The text of v's figure span ("3,232 tỷ đồng") in a static buffer. */
static const char *raw(const char *text, const struct vn_num *v)
{
	static char b[256];
	snprintf(b, sizeof(b), "%.*s", (int)(v->end - v->start), text + v->start);
	return b;
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1, fabs(b));
}

#define assert_value(v, x) assert_true(near((v).value, (double)(x)))
#define assert_kind(v, k)  assert_string_equal(vn_num_kind_name((v).kind), vn_num_kind_name(k))

/* One figure: kind, value, of, noun. */
static void check(const char *text, const char *at, enum vn_num_kind kind, double value, double of,
                  const char *noun)
{
	struct vn_num v = rd(text, at);
	if (v.kind != kind || fabs(v.value - value) > 1e-9 * fmax(1, fabs(value)) || v.of != of ||
	    (noun && strcmp(v.noun, noun) != 0))
		fail_msg("%s @ %s: got %s %.17g of %g noun '%s', want %s %.17g of %g noun '%s'",
		         text, at, vn_num_kind_name(v.kind), v.value, v.of, v.noun,
		         vn_num_kind_name(kind), value, of, noun ? noun : "(any)");
}

/* A number that is not a figure, of the given kind. */
static void check_not_figure(const char *text, const char *at, enum vn_num_kind kind)
{
	struct vn_num v = rd(text, at);
	if (v.kind != kind)
		fail_msg("%s @ %s: got %s, want %s", text, at, vn_num_kind_name(v.kind),
		         vn_num_kind_name(kind));
	assert_false(VN_NUM_IS_FIGURE(v.kind));
}

/* All numbers of a passage, through vn_num_scan. */
struct all {
	struct vn_num v[32];
	int n;
};

static int collect(void *ctx, const struct vn_num *v)
{
	struct all *a = ctx;
	if (a->n < 32)
		a->v[a->n++] = *v;
	return 0;
}

static int figures_in(const char *text, struct all *a)
{
	int i, k = 0;
	a->n = 0;
	vn_num_scan(r, text, strlen(text), collect, a);
	for (i = 0; i < a->n; i++)
		if (VN_NUM_IS_FIGURE(a->v[i].kind))
			a->v[k++] = a->v[i];
	a->n = k;
	return k;
}

/* ---------------------------------------------------------------- §5.1 conventions */

static void test_conventions(void **state)
{
	(void)state;
	/* dot groups thousands, comma marks the decimal */
	check("có 1.419 cá nhân được khen", "1.419", VN_NUM_COUNT, 1419, 0, "cá nhân");
	check("trị giá 146,8 triệu đồng", "146,8", VN_NUM_MONEY, 146800000, 0, "đồng");
	/* ₫ after the amount, no fraction digits */
	check("ủng hộ 700.000 ₫ cho quỹ", "700.000", VN_NUM_MONEY, 700000, 0, "đồng");
	/* a no-break space may group thousands too */
	check("có 1\xc2\xa0"
	      "419 cá nhân",
	      "1", VN_NUM_COUNT, 1419, 0, "cá nhân");
	check("quyên góp 35\xe2\x80\xaf"
	      "171\xe2\x80\xaf"
	      "000 đồng",
	      "35", VN_NUM_MONEY, 35171000, 0, "đồng");
	/* plain runs without separators */
	check("tặng trên 1700 suất quà", "1700", VN_NUM_COUNT, 1700, 0, "suất quà");
	/* years are never grouped: a bare 2020 is a year */
	check_not_figure("Tết Nguyên đán Canh Tý 2020, tổng số", "2020", VN_NUM_YEAR);
	check_not_figure("kết quả năm 2020 của Khối", "2020", VN_NUM_YEAR);
}

/* ---------------------------------------------------------------- §5.2 scale words, units */

static void test_scale_words(void **state)
{
	(void)state;
	check("trị giá 5 nghìn đồng", "5", VN_NUM_MONEY, 5e3, 0, "đồng");
	check("trị giá 5 ngàn đồng", "5", VN_NUM_MONEY, 5e3, 0, "đồng");
	check("trị giá 2 triệu đồng", "2", VN_NUM_MONEY, 2e6, 0, "đồng");
	check("trị giá 2 tr.đ", "2", VN_NUM_MONEY, 2e6, 0, "đồng");
	check("trị giá 2 trđ", "2", VN_NUM_MONEY, 2e6, 0, "đồng");
	check("trị giá 50 tr, trao tận tay", "50", VN_NUM_MONEY, 50e6, 0, "đồng");
	check("trị giá 3 tỷ đồng", "3", VN_NUM_MONEY, 3e9, 0, "đồng");
	check("trị giá 3 tỉ đồng", "3", VN_NUM_MONEY, 3e9, 0, "đồng");
	check("vốn 2 nghìn tỷ đồng", "2", VN_NUM_MONEY, 2e12, 0, "đồng");
	check("trị giá 5 trăm nghìn đồng", "5", VN_NUM_MONEY, 5e5, 0, "đồng");
	check("khoảng 5 trăm người tham dự", "5", VN_NUM_COUNT, 500, 0, "người");
	/* a scale word before a noun scales a count */
	check("phục vụ 1,5 triệu lượt người", "1,5", VN_NUM_COUNT, 1.5e6, 0, "lượt người");
	/* trị giá with a scale and no currency word is still money */
	check("công trình trị giá 3 triệu.", "3", VN_NUM_MONEY, 3e6, 0, "đồng");
}

static void test_currencies(void **state)
{
	(void)state;
	check("quyên góp 600.000 đồng và", "600.000", VN_NUM_MONEY, 600000, 0, "đồng");
	check("quyên góp 600.000 đ và", "600.000", VN_NUM_MONEY, 600000, 0, "đồng");
	check("quyên góp 600.000 VNĐ và", "600.000", VN_NUM_MONEY, 600000, 0, "đồng");
	check("quyên góp 600.000 VND và", "600.000", VN_NUM_MONEY, 600000, 0, "đồng");
	check("quyên góp 600.000₫ và", "600.000", VN_NUM_MONEY, 600000, 0, "đồng");
	/* glued to the number */
	check("tặng 04 suất quà (trị giá 2.600.000đ) cho", "2.600.000", VN_NUM_MONEY, 2600000, 0,
	      "đồng");
	/* đồng chí is people, not money */
	check("có 02 đồng chí được khen", "02", VN_NUM_COUNT, 2, 0, "đồng chí");
}

static void test_rates(void **state)
{
	struct all a;
	struct vn_num v;
	const char *t = "trao 23 suất quà trị giá 700.000đ/suất cho các gia đình chính sách";
	(void)state;

	v = rd(t, "700.000");
	assert_kind(v, VN_NUM_RATE);
	assert_value(v, 700000);
	assert_string_equal(v.noun, "đồng/suất");
	assert_string_equal(raw(t, &v), "700.000đ/suất");
	/* the scan links the rate with the count it multiplies: 23 x 700 000 */
	vn_num_doc_begin(r);
	assert_int_equal(figures_in(t, &a), 2);
	assert_kind(a.v[0], VN_NUM_COUNT);
	assert_value(a.v[0], 23);
	assert_kind(a.v[1], VN_NUM_RATE);
	assert_true(a.v[1].times == 23);

	/* 250.000/suất: the currency is implied */
	t = "tặng 03 suất quà, mỗi suất trị giá 250.000/suất cho 03 hộ gia đình";
	v = rd(t, "250.000");
	assert_kind(v, VN_NUM_RATE);
	assert_value(v, 250000);
	assert_string_equal(v.noun, "đồng/suất");
	assert_string_equal(v.qualifier, "mỗi suất, trị giá");
	vn_num_doc_begin(r);
	assert_int_equal(figures_in(t, &a), 3);
	assert_true(a.v[1].times == 3);

	/* mỗi suất … đồng: each, so a rate too */
	t = "tặng 50 suất quà, mỗi suất trị giá khoảng 1.000.000 đồng cho các hộ";
	v = rd(t, "1.000.000");
	assert_kind(v, VN_NUM_RATE);
	assert_value(v, 1000000);
	assert_string_equal(v.noun, "đồng/suất");
	assert_string_equal(v.qualifier, "mỗi suất, trị giá, khoảng");

	/* a count per something */
	check("tổ chức 2 lần/năm", "2", VN_NUM_RATE, 2, 0, "lần/năm");
}

static void test_table_unit(void **state)
{
	struct all a;
	(void)state;

	vn_num_doc_begin(r);
	figures_in("ĐVT: triệu đồng", &a);
	assert_int_equal(figures_in("1.449,2", &a), 1);
	assert_kind(a.v[0], VN_NUM_MONEY);
	assert_value(a.v[0], 1449200000);
	assert_int_equal(figures_in("65,6", &a), 1);
	assert_value(a.v[0], 65600000);
	/* the unit ends with the table */
	vn_num_clear_unit(r);
	assert_int_equal(figures_in("65,6", &a), 1);
	assert_kind(a.v[0], VN_NUM_NUMBER);

	vn_num_doc_begin(r);
	figures_in("Đơn vị tính: nghìn đồng", &a);
	figures_in("120", &a);
	assert_value(a.v[0], 120000);
	vn_num_doc_begin(r);
	figures_in("ĐVT: tr.đ", &a);
	figures_in("7", &a);
	assert_value(a.v[0], 7e6);
	/* a unit that is not money sets nothing: a small number alone is then a page number */
	vn_num_doc_begin(r);
	figures_in("ĐVT: người", &a);
	assert_int_equal(figures_in("120", &a), 0);
	assert_int_equal(figures_in("1.120", &a), 1);
	assert_kind(a.v[0], VN_NUM_NUMBER);
}

static void test_qualifiers(void **state)
{
	static const struct {
		const char *text, *at, *qual;
	} cases[] = {
	    {"tặng trên 1700 suất quà", "1700", "trên"},
	    {"có hơn 200 cá nhân", "200", "hơn"},
	    {"gần 300 người tham gia", "300", "gần"},
	    {"khoảng 1.000.000 đồng", "1.000.000", "khoảng"},
	    {"tổng số 194 suất, trị giá", "194", "tổng"},
	    {"với tổng giá trị 19.500.000 đồng", "19.500.000", "tổng"},
	    {"Tổng trị giá 120.000.000 đồng.", "120.000.000", "tổng"},
	    {"với tổng trị giá trên 350 triệu đồng", "350", "tổng, trên"},
	    {"trị giá 140 triệu đồng", "140", "trị giá"},
	    {"trị giá là 3.200.000 đồng", "3.200.000", "trị giá"},
	    {"bình quân 2 triệu đồng", "2", "bình quân"},
	    {"mỗi suất trị giá 500.000 đồng", "500.000", "mỗi suất, trị giá"},
	    {"không quá 01 cuộc thanh tra", "01", "không quá"},
	    /* a clause that opens with a total qualifies its amount from afar */
	    {"Tổng giá trị các hoạt động xã hội số tiền 82,295.000 đồng.", "82,295.000", "tổng"},
	    {"tổng số tiền các đơn vị trong Khối đã ủng hộ 3,232 tỷ đồng", "3,232", "tổng"},
	    /* …but not across a clause, and "Tổng cục" is no total */
	    {"Tổng giá trị lớn, Khối tặng 02 cá nhân", "02", ""},
	    {"Tổng cục trưởng công nhận 01 cá nhân", "01", ""},
	    {"trên địa bàn 04 xã", "04", ""},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vn_num v = rd(cases[i].text, cases[i].at);
		if (strcmp(v.qualifier, cases[i].qual) != 0)
			fail_msg("%s: qualifier '%s', want '%s'", cases[i].text, v.qualifier,
			         cases[i].qual);
	}
}

/* ---------------------------------------------------------------- §5.3 rules */

static void test_rule1_dot_grouped(void **state)
{
	struct vn_num v;
	(void)state;
	check("tổng giá trị 19.500.000 đồng", "19.500.000", VN_NUM_MONEY, 19500000, 0, "đồng");
	check("tổng số 13.974 ngày công.", "13.974", VN_NUM_COUNT, 13974, 0, "ngày công");
	check("chiều dài 1.200m, trị giá", "1.200", VN_NUM_MEASURE, 1200, 0, "m");
	/* a single dot group before a count noun is thousands, not a decimal */
	v = rd("có 348 lượt tập thể, 1.419 cá nhân được", "1.419");
	assert_value(v, 1419);
	assert_int_equal(v.flags, 0);
	check("cấp 2.000 túi thuốc", "2.000", VN_NUM_COUNT, 2000, 0, "túi thuốc");
}

static void test_rule2_comma_decimal(void **state)
{
	(void)state;
	check("trị giá 146,8 triệu đồng", "146,8", VN_NUM_MONEY, 146800000, 0, "đồng");
	check("trị giá 65,6 triệu đồng;", "65,6", VN_NUM_MONEY, 65600000, 0, "đồng");
	check("đạt 98,5% kế hoạch", "98,5", VN_NUM_PERCENT, 98.5, 0, "kế hoạch");
	check("trị giá 1.449,2 triệu đồng.", "1.449,2", VN_NUM_MONEY, 1449200000, 0, "đồng");
	check("tăng 0,75 điểm phần trăm", "0,75", VN_NUM_COUNT, 0.75, 0, NULL);
}

static void test_rule3_decimal_before_scale(void **state)
{
	struct vn_num v;
	(void)state;
	v = rd("đã ủng hộ 3,232 tỷ đồng", "3,232");
	assert_kind(v, VN_NUM_MONEY);
	assert_value(v, 3232000000.0);
	assert_true(v.flags & VN_NUM_AMBIGUOUS);
	assert_false(v.flags & VN_NUM_EN_STYLE);
	/* no scale word, three digits after the comma: people are whole, so grouping */
	v = rd("có 3,232 cá nhân", "3,232");
	assert_value(v, 3232);
	assert_true(v.flags & VN_NUM_AMBIGUOUS);
	assert_true(v.flags & VN_NUM_EN_STYLE);
	/* nothing to tell by: the (Vietnamese) document's habit, decimal */
	v = rd("hệ số đạt 3,232.", "3,232");
	assert_value(v, 3.232);
	assert_true(v.flags & VN_NUM_AMBIGUOUS);
}

static void test_rule4_mixed_separators(void **state)
{
	struct vn_num v;
	const char *t = "Tổng giá trị các hoạt động xã hội số tiền 82,295.000 đồng.";
	(void)state;
	v = rd(t, "82,295.000");
	assert_kind(v, VN_NUM_MONEY);
	assert_value(v, 82295000);
	assert_int_equal(v.flags, VN_NUM_MALFORMED);
	assert_string_equal(raw(t, &v), "82,295.000 đồng");
	/* dots grouping and one comma last: the Vietnamese notation, three decimals */
	v = rd("Thu ngân sách đạt 2.441,647 tỷ đồng, bằng 112% dự toán", "2.441,647");
	assert_kind(v, VN_NUM_MONEY);
	assert_value(v, 2441647000000.0);
	assert_int_equal(v.flags, 0);
	v = rd("số tiền 82,295,000 đồng", "82,295,000");
	assert_value(v, 82295000);
	assert_int_equal(v.flags, VN_NUM_EN_STYLE);
	v = rd("trị giá 1,449.2 triệu đồng", "1,449.2");
	assert_value(v, 1449200000);
	assert_int_equal(v.flags, VN_NUM_EN_STYLE);
	v = rd("hỗ trợ 1.5 triệu đồng", "1.5");
	assert_value(v, 1500000);
	assert_int_equal(v.flags, VN_NUM_EN_STYLE);
	/* the same separator twice with a short last group: a typo, read as a decimal */
	v = rd("trị giá 1.449.2 triệu đồng", "1.449.2");
	assert_value(v, 1449200000);
	assert_true(v.flags & VN_NUM_MALFORMED);
}

static void test_rule5_document_vote(void **state)
{
	struct vn_num v;
	const char *en =
	    "Thu 12,500,000 đồng; chi 3,750,000 đồng; tồn 1.5 triệu đồng; hệ số 3,232.";
	const char *vi =
	    "Thu 12.500.000 đồng; chi 3.750.000 đồng; tồn 1,5 triệu đồng; hệ số 3,232.";
	(void)state;
	v = rd(en, "3,232");
	assert_true(vn_num_doc_english(r));
	assert_value(v, 3232);
	assert_true(v.flags & VN_NUM_EN_STYLE);
	v = rd(vi, "3,232");
	assert_false(vn_num_doc_english(r));
	assert_value(v, 3.232);
	/* in an English-style document, 1.419 with nothing counted after it is 1.419 */
	v = rd("Thu 12,500,000 đồng; chi 3,750,000 đồng; hệ số 1.419.", "1.419");
	assert_value(v, 1.419);
	assert_true(v.flags & VN_NUM_AMBIGUOUS);
	/* …but 1.419 cá nhân stays thousands (rule 1) */
	v = rd("Thu 12,500,000 đồng; chi 3,750,000 đồng; có 1.419 cá nhân.", "1.419");
	assert_value(v, 1419);
}

static void test_rule6_leading_zeros(void **state)
{
	(void)state;
	check("tặng Bằng khen cho 01 tập thể", "01", VN_NUM_COUNT, 1, 0, "tập thể");
	check("tặng 05 suất quà cho học sinh", "05", VN_NUM_COUNT, 5, 0, "suất quà");
	check("tại 02 xã (Hồng Thái", "02", VN_NUM_COUNT, 2, 0, "xã");
	check("có 007 cán bộ", "007", VN_NUM_COUNT, 7, 0, "cán bộ");
}

static void test_rule7_slash(void **state)
{
	(void)state;
	/* ratios of units: a count noun follows and a <= b */
	check("Cờ thi đua: 06/07 đơn vị (Công an tỉnh", "06/07", VN_NUM_RATIO, 6, 7, "đơn vị");
	check("- 7/7 đơn vị trong Khối hoàn thành", "7/7", VN_NUM_RATIO, 7, 7, "đơn vị");
	check("Bằng khen: 07/07 đơn vị trong khối.", "07/07", VN_NUM_RATIO, 7, 7, "đơn vị");
	check("đạt 3/5 chỉ tiêu", "3/5", VN_NUM_RATIO, 3, 5, "chỉ tiêu");
	check("có 12/15 xã đạt chuẩn", "12/15", VN_NUM_RATIO, 12, 15, "xã");
	check("có 9/10 cơ quan", "9/10", VN_NUM_RATIO, 9, 10, "cơ quan");
	check("có 4/4 tập thể", "4/4", VN_NUM_RATIO, 4, 4, "tập thể");
	/* a part above its whole is still a ratio of a counted noun (the audit flags it),
	 * never the date 9 July */
	check("Cờ thi đua: 09/07 đơn vị (Công an tỉnh", "09/07", VN_NUM_RATIO, 9, 7, "đơn vị");
	/* scores */
	check("- Công an tỉnh Tuyên Quang: 994/1000 điểm.", "994", VN_NUM_SCORE, 994, 1000, "điểm");
	check("- Thanh tra tỉnh Tuyên Quang: 1000/1000 điểm.", "1000", VN_NUM_SCORE, 1000, 1000,
	      "điểm");
	/* short dates */
	check_not_figure("tặng quà nhân ngày 27/7 tại các xã", "27/7", VN_NUM_DATE);
	check_not_figure("75 năm Cách mạng tháng Tám và Quốc Khánh 2/9...", "2/9", VN_NUM_DATE);
	check_not_figure("Tòa án nhân dân (13/9/1945-13/9/2020), tiến tới", "13/9/1945",
	                 VN_NUM_DATE);
	check_not_figure("Tòa án nhân dân (13/9/1945-13/9/2020), tiến tới", "13/9/2020",
	                 VN_NUM_DATE);
	/* idioms and names */
	check_not_figure("Xây dựng 01 ngôi nhà 19/8 cho 01 em", "19/8", VN_NUM_IDIOM);
	check_not_figure("trao tặng mái ấm 19/8 cho", "19/8", VN_NUM_IDIOM);
	check_not_figure("Trang tin điện tử hoạt động 24/24 giờ, đảm bảo", "24/24", VN_NUM_IDIOM);
	/* document numbers */
	check_not_figure("Số: 234/BC-KTĐNC", "234", VN_NUM_DOCNUM);
	check_not_figure("theo Văn bản số 3709/UBND-NC ngày", "3709", VN_NUM_DOCNUM);
	check_not_figure("Nghị định số 91/2017/NĐ-CP ngày 31/7/2017", "91", VN_NUM_DOCNUM);
	check_not_figure("Chỉ thị số 34-CT/TW ngày 07/4/2014", "34", VN_NUM_DOCNUM);
	check_not_figure("Quy định số 08-QĐi/TW ngày", "08", VN_NUM_DOCNUM);
	/* a > b before a count noun: not a ratio; a valid day/month reads as a date */
	check_not_figure("đến 15/12 tập thể đã nộp", "15/12", VN_NUM_DATE);
}

static void test_rule7_dates_in_words(void **state)
{
	struct vn_num v;
	const char *t = "Tuyên Quang, ngày 25 tháng 12 năm 2020";
	(void)state;
	v = rd(t, "25");
	assert_kind(v, VN_NUM_DATE);
	assert_int_equal(v.day, 25);
	assert_int_equal(v.month, 12);
	assert_int_equal(v.year_from, 2020);
	assert_string_equal(raw(t, &v), "25 tháng 12 năm 2020");
	v = rd("ngày 25/11/2020 của", "25/11/2020");
	assert_kind(v, VN_NUM_DATE);
	assert_int_equal(v.day, 25);
	assert_int_equal(v.month, 11);
	assert_int_equal(v.year_from, 2020);
	v = rd("trong tháng 5 năm 2016 của", "5");
	assert_kind(v, VN_NUM_DATE);
	assert_int_equal(v.month, 5);
	assert_int_equal(v.year_from, 2016);
	/* 30 ngày counts days; ngày 30 is a date */
	check("“30 ngày hành động kiểu mẫu”", "30", VN_NUM_COUNT, 30, 0, "ngày");
	check_not_figure("hạn chót ngày 30 hằng tháng", "30", VN_NUM_DATE);
}

static void test_rule8_lists(void **state)
{
	(void)state;
	check_not_figure("dịch vụ công trực tuyến mức độ 2,3,4 thuộc phạm vi", "2,3,4",
	                 VN_NUM_LIST);
	check_not_figure("máy lọc nước cho trường học cấp 1,II và 100 m²", "1,II", VN_NUM_LIST);
	/* one comma, single digits, a list noun before */
	check_not_figure("dịch vụ mức độ 3,4 và", "3,4", VN_NUM_LIST);
	check_not_figure("theo khoản 1,2 Điều 5", "1,2", VN_NUM_LIST);
	/* the same shape with no list noun is a decimal */
	check("hỗ trợ 2,3 triệu đồng", "2,3", VN_NUM_MONEY, 2300000, 0, "đồng");
	/* a padded count never has a fraction: 02,02 is two items */
	check_not_figure("gồm 02,03 hồ sơ", "02,03", VN_NUM_LIST);
}

static void test_rule9_ranges(void **state)
{
	struct vn_num v;
	(void)state;
	v = rd("giai đoạn 2015-2020 của ngành", "2015");
	assert_kind(v, VN_NUM_YEARS);
	assert_int_equal(v.year_from, 2015);
	assert_int_equal(v.year_to, 2020);
	check_not_figure("giai đoạn 2015 - 2020.", "2015", VN_NUM_YEARS);
	check_not_figure("nhiệm kỳ 2020 – 2025; tiếp tục", "2020", VN_NUM_YEARS);
	v = rd("trong tỉnh giai đoạn (2015- 2020). TAND", "2015");
	assert_kind(v, VN_NUM_YEARS);
	assert_string_equal(raw("trong tỉnh giai đoạn (2015- 2020). TAND", &v), "2015- 2020");
	check_not_figure("“Đơn vị thi đua xuất sắc giai đoạn 2015 -2020”", "2015", VN_NUM_YEARS);
	check_not_figure("năm học 2020-2021. Tòa án", "2020", VN_NUM_YEARS);
}

static void test_rule10_percent(void **state)
{
	(void)state;
	check("hoàn thành 100%.", "100", VN_NUM_PERCENT, 100, 0, "");
	check("đạt 98,5% chỉ tiêu", "98,5", VN_NUM_PERCENT, 98.5, 0, "chỉ tiêu");
	check("theo ngành: 100% các cơ quan, đơn vị tổ chức", "100", VN_NUM_PERCENT, 100, 0,
	      "cơ quan");
	check("Hoàn thành 100% các chỉ tiêu, nhiệm vụ", "100", VN_NUM_PERCENT, 100, 0, "chỉ tiêu");
	check("phát động 100% công chức, người lao động", "100", VN_NUM_PERCENT, 100, 0,
	      "công chức");
	check("đạt 75 % kế hoạch", "75", VN_NUM_PERCENT, 75, 0, "kế hoạch");
}

static void test_rule11_roman(void **state)
{
	struct all a;
	(void)state;
	assert_int_equal(vn_num_roman("XVII", 4), 17);
	assert_int_equal(vn_num_roman("XII", 3), 12);
	assert_int_equal(vn_num_roman("I", 1), 1);
	assert_int_equal(vn_num_roman("II", 2), 2);
	assert_int_equal(vn_num_roman("IV", 2), 4);
	assert_int_equal(vn_num_roman("XIII", 4), 13);
	assert_int_equal(vn_num_roman("MMXX", 4), 2020);
	assert_int_equal(vn_num_roman("IIII", 4), -1);
	assert_int_equal(vn_num_roman("VX", 2), -1);
	assert_int_equal(vn_num_roman("Xa", 2), -1);
	/* ordinals are never figures */
	vn_num_doc_begin(r);
	assert_int_equal(
	    figures_in("Đại hội Đảng bộ tỉnh lần thứ XVII, khóa XII, PHẦN I, cấp II", &a), 0);
}

static void test_rule12_footnotes(void **state)
{
	struct all a;
	struct vn_num v;
	const char *t;
	(void)state;

	/* superscript markers are not numbers, and they advance the footnote count */
	vn_num_doc_begin(r);
	t = "đã ủng hộ 3,232 tỷ đồng³:";
	assert_int_equal(figures_in(t, &a), 1);
	assert_value(a.v[0], 3232000000.0);
	/* in plain text the marker is a digit glued to a word: dropped when it is the next one */
	vn_num_doc_begin(r);
	t = "về công tác thi đua, khen thưởng1 nhằm nâng cao; tổng số tiền 3,232 tỷ đồng2:";
	assert_int_equal(figures_in(t, &a), 1);
	vn_num_doc_begin(r);
	v = rd("công tác thi đua, khen thưởng(1) nhằm", "1");
	assert_kind(v, VN_NUM_FOOTNOTE);
	/* a glued digit that is not the next footnote is a code, not a figure either */
	v = rd("lãnh đạo Cục X03, lãnh đạo Công an", "03");
	assert_kind(v, VN_NUM_CODE);
	/* ⁽¹⁾ then ⁽²⁾ cited: the next expected is 3, so "đồng3" is a marker */
	vn_num_doc_begin(r);
	figures_in("văn bản⁽¹⁾ và phát động⁽²⁾.", &a);
	assert_int_equal(figures_in("tổng số tiền 62.083.300 đồng3.", &a), 1);
	/* a footnote body that repeats its marker does not move the count */
	vn_num_doc_begin(r);
	figures_in("khen thưởng⁽¹⁾ nhằm", &a);
	figures_in("⁽¹⁾ Chỉ thị số 34-CT/TW", &a);
	assert_int_equal(figures_in("phát động⁽²⁾ và đồng2", &a), 0);
}

static void test_rule13_not_numbers(void **state)
{
	(void)state;
	check_not_figure("phòng, chống dịch Covid-19. Công tác", "19", VN_NUM_CODE);
	check_not_figure("phòng, chống dịch bệnh Covid - 19, đặc biệt", "19", VN_NUM_LABEL);
	check_not_figure("do tình hình dịch bệnh Covid 19 thực hiện giãn cách", "19", VN_NUM_LABEL);
	check_not_figure("theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 trong", "9001", VN_NUM_CODE);
	check_not_figure("lãnh đạo Cục X03, lãnh đạo", "03", VN_NUM_CODE);
	check_not_figure("chỉ đạo Lực lượng 47 của Bộ CHQS tỉnh", "47", VN_NUM_LABEL);
	check_not_figure("Chỉ thị số 05-CT/TW ngày 15/5/2016", "05", VN_NUM_DOCNUM);
	check_not_figure("Chỉ thị số 05-CT/TW ngày 15/5/2016", "15/5/2016", VN_NUM_DATE);
	/* labels and ordinals after a noun */
	check_not_figure("nông thôn mới” giai đoạn 2 gắn với", "2", VN_NUM_LABEL);
	check_not_figure("(trong đó: mức độ 2: 161 dịch vụ", "2", VN_NUM_LABEL);
	check_not_figure("Nghị quyết Trung ương 4 (khóa XII)", "4", VN_NUM_LABEL);
	check_not_figure("tại Trường Tiểu học Yên Lâm 1. Tòa án", "1", VN_NUM_LABEL);
	/* a page number left alone on its line by text extraction */
	check_not_figure("12", "12", VN_NUM_LABEL);
	check_not_figure("  7 ", "7", VN_NUM_LABEL);
	/* outline numbers opening a passage */
	check_not_figure("2.1. Phong trào thi đua", "2.1", VN_NUM_LABEL);
	check_not_figure("5. Chú trọng xây dựng", "5", VN_NUM_LABEL);
	/* m² areas: a measure (our choice, docs/figures.md), never a count */
	check("Bê tông hóa 320 m² khu vực vỉa hè", "320", VN_NUM_MEASURE, 320, 0, "m²");
	check("lát 320 m2 sân", "320", VN_NUM_MEASURE, 320, 0, "m²");
	check("tặng 01 tấn gạo và", "01", VN_NUM_MEASURE, 1, 0, "tấn");
}

/* ---------------------------------------------------------------- the seed's money */

static void test_seed_money(void **state)
{
	struct vn_num v;
	struct all a;
	const char *t;
	(void)state;
	check("Tổng giá trị các hoạt động xã hội số tiền 82,295.000 đồng.", "82,295.000",
	      VN_NUM_MONEY, 82295000, 0, "đồng");
	check("tổng số tiền các đơn vị trong Khối đã ủng hộ 3,232 tỷ đồng:", "3,232", VN_NUM_MONEY,
	      3232000000.0, 0, "đồng");
	check("tổng số 194 suất, trị giá 146,8 triệu đồng;", "146,8", VN_NUM_MONEY, 146800000, 0,
	      "đồng");
	check("tổng số 9.131 suất, trị giá 1.449,2 triệu đồng.", "1.449,2", VN_NUM_MONEY,
	      1449200000, 0, "đồng");
	v = rd("Tổng giá trị các hoạt động xã hội của ngành số tiền trên 151.285.816 đồng.",
	       "151.285.816");
	assert_kind(v, VN_NUM_MONEY);
	assert_value(v, 151285816);
	assert_string_equal(v.qualifier, "tổng, trên");
	check("với tổng số tiền 62.083.300 đồng.", "62.083.300", VN_NUM_MONEY, 62083300, 0, "đồng");
	check("trị giá 140 triệu đồng, tặng trên 1700 suất quà", "140", VN_NUM_MONEY, 140000000, 0,
	      "đồng");
	v = rd("trị giá 140 triệu đồng, tặng trên 1700 suất quà", "1700");
	assert_kind(v, VN_NUM_COUNT);
	assert_value(v, 1700);
	assert_string_equal(v.qualifier, "trên");
	/* 700.000đ/suất with 23 suất: rate 700 000 x 23 */
	vn_num_doc_begin(r);
	t = "trao 23 suất quà trị giá 700.000đ/suất cho các gia đình";
	figures_in(t, &a);
	assert_int_equal(a.n, 2);
	assert_true(a.v[1].kind == VN_NUM_RATE && a.v[1].value == 700000 && a.v[1].times == 23);
}

/* ---------------------------------------------------------------- nouns */

static void test_nouns(void **state)
{
	(void)state;
	/* known phrases are taken whole; a classifier takes the noun after it */
	check("có 348 lượt tập thể, 1.419", "348", VN_NUM_COUNT, 348, 0, "lượt tập thể");
	check("và 27 vị Hội thẩm có thành tích", "27", VN_NUM_COUNT, 27, 0, "vị Hội thẩm");
	check("tặng 19 Huân chương Lao động hạng Ba cho", "19", VN_NUM_COUNT, 19, 0,
	      "Huân chương Lao động hạng Ba");
	check("công nhận 16 Chiến sỹ thi đua cơ sở", "16", VN_NUM_COUNT, 16, 0,
	      "Chiến sỹ thi đua cơ sở");
	/* free words: up to three, ending at a function word, punctuation or a name */
	check("tặng 100 bánh xà phòng cho các hộ", "100", VN_NUM_COUNT, 100, 0, "bánh xà phòng");
	check("tặng 02 máy lọc nước cho trường", "02", VN_NUM_COUNT, 2, 0, "máy lọc nước");
	check("phát sóng 06 chuyên mục Hỗ trợ pháp lý", "06", VN_NUM_COUNT, 6, 0, "chuyên mục");
	check("giao lưu với 02 thân nhân CBCS tiêu biểu", "02", VN_NUM_COUNT, 2, 0, "thân nhân");
	check("Phong trào thi đua 02 đợt năm 2020.", "02", VN_NUM_COUNT, 2, 0, "đợt");
	check("cho 02 học viên nghèo xã Đông Thọ", "02", VN_NUM_COUNT, 2, 0, "học viên nghèo");
	/* a quoted name */
	check("trao tặng 01 “Tủ đồ miễn phí” (trị giá", "01", VN_NUM_COUNT, 1, 0, "Tủ đồ miễn phí");
	/* a stray comma before the noun: read through it, flagged */
	{
		struct vn_num v =
		    rd("Chủ tịch nước tặng 01, Huân chương Lao động hạng Nhì, 19", "01");
		assert_kind(v, VN_NUM_COUNT);
		assert_string_equal(v.noun, "Huân chương Lao động hạng Nhì");
		assert_int_equal(v.flags, VN_NUM_MALFORMED);
	}
	/* a number before a function word counts nothing we can name */
	check("số lượng là 12 và", "12", VN_NUM_NUMBER, 12, 0, "");
}

/* ---------------------------------------------------------------- bounds */

/*
 * Passages are not NUL-terminated where the indexer or a fuzzer hands them over: every
 * input here is scanned from a heap buffer of exactly its length, with the reader's
 * document state both fresh and carried over (a table unit on, footnotes counted), so
 * AddressSanitizer sees any read past the end. "5 " once read one byte too far (found by
 * fuzz/fuzz_vn_num.c).
 */
static void test_bounds(void **state)
{
	static const char *const inputs[] = {
	    "1 ",
	    "2 ",
	    "5 ",
	    "5",
	    "12 ",
	    "1.",
	    "2.1",
	    "1,",
	    "3/",
	    "3/4",
	    "3/4/",
	    "1-",
	    "34-C",
	    "9:",
	    "9:1",
	    "100%",
	    "100 ",
	    "5 m",
	    "5 m²",
	    "700.000đ/",
	    "700.000đ/s",
	    "2,3,",
	    "1,I",
	    "1,II",
	    "ngày 2",
	    "ngày 25 tháng",
	    "ngày 25 tháng 12 năm",
	    "tháng 5/",
	    "đồng3",
	    "(1",
	    "a(1",
	    "Covid-",
	    "Covid-1",
	    "2015-",
	    "2015 - 20",
	    "01 “Tủ",
	    "01 “Tủ đồ",
	    "01, Huân",
	    "⁽¹",
	    "mỗi suất trị giá 1",
	    "trị giá 3 tr",
	    "3 tr.",
	    "ĐVT:",
	    "ĐVT: triệu",
	    "Â "
	    "1",
	    "1Â ",
	    "1Â "
	    "41",
	    "1â¯",
	    "â",
	    "1â",
	};
	size_t i, k;
	(void)state;
	for (k = 0; k < 2; k++) {
		struct all a = {.n = 0};
		vn_num_doc_begin(r);
		if (k) {
			figures_in("ĐVT: triệu đồng", &a);
			figures_in("khen thưởng⁽¹⁾ và⁽²⁾", &a);
		}
		for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
			size_t n = strlen(inputs[i]);
			char *exact = malloc(n ? n : 1);
			double v;
			unsigned f;
			memcpy(exact, inputs[i], n);
			vn_num_vote(r, exact, n);
			vn_num_scan(r, exact, n, collect, &a);
			a.n = 0;
			vn_num_value(exact, n, &v, &f);
			vn_num_roman(exact, n);
			free(exact);
		}
	}
}

/* ---------------------------------------------------------------- value, names */

static void test_value_alone(void **state)
{
	double v;
	unsigned f;
	(void)state;
	assert_int_equal(vn_num_value("1.419", 5, &v, &f), 0);
	assert_true(v == 1419 && f == 0);
	assert_int_equal(vn_num_value("146,8", 5, &v, &f), 0);
	assert_true(fabs(v - 146.8) < 1e-12 && f == 0);
	assert_int_equal(vn_num_value("1.449,2", 7, &v, &f), 0);
	assert_true(fabs(v - 1449.2) < 1e-12);
	assert_int_equal(vn_num_value("82,295.000", 10, &v, &f), 0);
	assert_true(v == 82295000 && f == VN_NUM_MALFORMED);
	assert_int_equal(vn_num_value("01", 2, &v, &f), 0);
	assert_true(v == 1);
	assert_int_equal(vn_num_value("3,232", 5, &v, &f), 0);
	assert_true(v == 3232 && (f & VN_NUM_AMBIGUOUS));
	assert_int_equal(vn_num_value("2,3,4", 5, &v, &f), -1);
	assert_int_equal(vn_num_value("12a", 3, &v, &f), -1);
	assert_int_equal(vn_num_value("", 0, &v, &f), -1);
}

static void test_names(void **state)
{
	char b[64];
	(void)state;
	assert_string_equal(vn_num_kind_name(VN_NUM_SCORE), "score");
	assert_int_equal(vn_num_kind_parse("rate"), VN_NUM_RATE);
	assert_int_equal(vn_num_kind_parse("nonsense"), -1);
	vn_num_flags_str(VN_NUM_MALFORMED | VN_NUM_AMBIGUOUS, b, sizeof(b));
	assert_string_equal(b, "malformed,ambiguous");
	vn_num_flags_str(0, b, sizeof(b));
	assert_string_equal(b, "");
}

/*
 * The words after a number are remembered while one number is read (lib/vn_num.c,
 * words_after): another text at the same address, with the number at the same place, is
 * read for itself — as a worker's buffer is reused from one passage to the next.
 */
static void test_same_buffer_other_text(void **state)
{
	static const char *const texts[] = {
	    "Tặng 25 suất quà cho hộ nghèo.",
	    "Tặng 25 triệu đồng cho hộ nghèo.",
	    "Tặng 25 cá nhân xuất sắc.",
	};
	struct vn_num alone[3];
	char own[3][64], buf[64];
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 3; i++)
		n = strlen(texts[i]) > n ? strlen(texts[i]) : n;
	for (i = 0; i < 3; i++) {
		memset(own[i], ' ', n);
		memcpy(own[i], texts[i], strlen(texts[i]));
		own[i][n] = 0;
		vn_num_doc_begin(r);
		vn_num_read(r, own[i], n, strlen("Tặng "), &alone[i]);
	}
	/* not vacuous: the three read differently */
	assert_int_equal(alone[0].kind, VN_NUM_COUNT);
	assert_int_equal(alone[1].kind, VN_NUM_MONEY);
	assert_string_equal(alone[2].head, "cá");
	for (i = 0; i < 3; i++) {
		struct vn_num v;
		memcpy(buf, own[i], n + 1);
		vn_num_doc_begin(r);
		vn_num_read(r, buf, n, strlen("Tặng "), &v);
		assert_int_equal(v.kind, alone[i].kind);
		assert_true(near(v.value, alone[i].value));
		assert_string_equal(v.noun, alone[i].noun);
		assert_string_equal(v.head, alone[i].head);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_conventions),
	    cmocka_unit_test(test_scale_words),
	    cmocka_unit_test(test_currencies),
	    cmocka_unit_test(test_rates),
	    cmocka_unit_test(test_table_unit),
	    cmocka_unit_test(test_qualifiers),
	    cmocka_unit_test(test_rule1_dot_grouped),
	    cmocka_unit_test(test_rule2_comma_decimal),
	    cmocka_unit_test(test_rule3_decimal_before_scale),
	    cmocka_unit_test(test_rule4_mixed_separators),
	    cmocka_unit_test(test_rule5_document_vote),
	    cmocka_unit_test(test_rule6_leading_zeros),
	    cmocka_unit_test(test_rule7_slash),
	    cmocka_unit_test(test_rule7_dates_in_words),
	    cmocka_unit_test(test_rule8_lists),
	    cmocka_unit_test(test_rule9_ranges),
	    cmocka_unit_test(test_rule10_percent),
	    cmocka_unit_test(test_rule11_roman),
	    cmocka_unit_test(test_rule12_footnotes),
	    cmocka_unit_test(test_rule13_not_numbers),
	    cmocka_unit_test(test_seed_money),
	    cmocka_unit_test(test_nouns),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_value_alone),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_same_buffer_other_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
