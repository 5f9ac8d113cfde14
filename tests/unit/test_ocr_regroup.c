/*
 * Unit tests for ocr_regroup (indexer/ocr.c): a table cell wrapped onto the next line goes
 * back into its cell. The words and boxes are those Tesseract gave for a row of the
 * benchmark's spreadsheet pages (docs/ocr.md), rounded; the other cases are made to show
 * what must stay as read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ocr.h"

/* a row: item number, a name cell, a code cell, a note cell (column gaps of 100 px and
 * more), then the name cell's second line under the name */
static const char row_text[] = "1     Cột điện cao thế 7308     Cho đường dây     214\n"
                               "nhúng kẽm nóng\n"
                               "2     Bồn chứa 7309     Đến 4.000 m3     214\n";
static const struct ocr_word row_words[] = {
    {"1", 359, 625, 378, 662},       {"Cột", 557, 620, 640, 675},
    {"điện", 656, 620, 761, 675},    {"cao", 777, 638, 851, 665},
    {"thế", 868, 615, 930, 676},     {"7308", 1398, 625, 1507, 663},
    {"Cho", 2217, 625, 2308, 665},   {"đường", 2326, 620, 2480, 676},
    {"dây", 2496, 625, 2576, 676},   {"214", 3056, 625, 3140, 663},
    {"nhúng", 556, 700, 698, 751},   {"kẽm", 714, 700, 810, 751},
    {"nóng", 830, 700, 944, 751},    {"2", 356, 777, 379, 814},
    {"Bồn", 557, 770, 650, 814},     {"chứa", 666, 770, 780, 814},
    {"7309", 1398, 777, 1507, 814},  {"Đến", 2217, 770, 2300, 814},
    {"4.000", 2316, 777, 2440, 814}, {"m3", 2456, 777, 2520, 814},
    {"214", 3056, 777, 3140, 814},
};

static void test_wrapped_cell(void **state)
{
	char *got;
	(void)state;

	got = ocr_regroup(row_text, row_words, sizeof(row_words) / sizeof(row_words[0]));
	assert_non_null(got);
	assert_string_equal(got,
	                    "1     Cột điện cao thế nhúng kẽm nóng 7308     Cho đường dây     214\n"
	                    "2     Bồn chứa 7309     Đến 4.000 m3     214\n");
	free(got);
}

/* a row whose first cell is a wide label wrapped onto the next line, and a header row
 * whose third cell wraps (benchmark pages 2005-C6DFD and 2009-download-xls) */
static const char wide_text[] = "Trong đó: kể cả     15200     962     1160\n"
                                "dầu thô\n"
                                "Mặt hàng chủ yếu:\n"
                                "Tạp chí     Hội đồng Chính     VP Phối hợp\n"
                                "sách\n";
static const struct ocr_word wide_words[] = {
    {"Trong", 359, 620, 480, 675},   {"đó:", 496, 620, 560, 675},
    {"kể", 576, 620, 630, 675},      {"cả", 646, 620, 690, 675},
    {"15200", 1000, 625, 1130, 663}, {"962", 1300, 625, 1380, 663},
    {"1160", 1500, 625, 1600, 663},  {"dầu", 359, 695, 440, 750},
    {"thô", 456, 695, 530, 750},     {"Mặt", 359, 770, 450, 825},
    {"hàng", 466, 770, 570, 825},    {"chủ", 586, 770, 660, 825},
    {"yếu:", 676, 770, 770, 825},    {"Tạp", 359, 900, 440, 955},
    {"chí", 456, 900, 520, 955},     {"Hội", 800, 900, 880, 955},
    {"đồng", 896, 900, 1000, 955},   {"Chính", 1016, 900, 1140, 955},
    {"VP", 1400, 900, 1460, 955},    {"Phối", 1476, 900, 1580, 955},
    {"hợp", 1596, 900, 1680, 955},   {"sách", 800, 975, 900, 1030},
};

static void test_wrapped_wide_cell(void **state)
{
	char *got;
	(void)state;

	/* the small-letter line under a cell, within its column, goes on that cell; the
	 * capital one is a row of its own */
	got = ocr_regroup(wide_text, wide_words, sizeof(wide_words) / sizeof(wide_words[0]));
	assert_non_null(got);
	assert_string_equal(got, "Trong đó: kể cả dầu thô     15200     962     1160\n"
	                         "Mặt hàng chủ yếu:\n"
	                         "Tạp chí     Hội đồng Chính sách     VP Phối hợp\n");
	free(got);
}

static void test_short_next_line(void **state)
{
	/* the last word of a cell wrapped alone, in small letters without ascenders: half a
	 * line high, at single spacing under a row of full height (2005-391F5, "H=30 - 40 m") */
	static const char t[] = "7     Đến 40     214\nm\n";
	static const struct ocr_word w[] = {
	    {"7", 359, 625, 378, 662},     {"Đến", 557, 620, 640, 675}, {"40", 656, 625, 700, 663},
	    {"214", 1398, 625, 1480, 663}, {"m", 557, 712, 580, 738},
	};
	char *got;
	(void)state;

	got = ocr_regroup(t, w, sizeof(w) / sizeof(w[0]));
	assert_non_null(got);
	assert_string_equal(got, "7     Đến 40 m     214\n");
	free(got);
}

static void test_left_alone(void **state)
{
	/* a line of numbers under a row is a row of its own (a code with an empty name) */
	static const char t1[] = "1     Cột điện 7308     214\n7311\n";
	static const struct ocr_word w1[] = {
	    {"1", 359, 625, 378, 662},     {"Cột", 557, 620, 640, 675},
	    {"điện", 656, 620, 761, 675},  {"7308", 1398, 625, 1507, 663},
	    {"214", 3056, 625, 3140, 663}, {"7311", 1398, 700, 1501, 738},
	};
	/* a header whose first cell is wide (an agency's name): its next line is its own */
	static const char t2[] = "BỘ TÀI CHÍNH     CỘNG HOÀ\nĐộc lập\n";
	static const struct ocr_word w2[] = {
	    {"BỘ", 356, 248, 420, 290},    {"TÀI", 436, 248, 520, 290},
	    {"CHÍNH", 536, 248, 700, 290}, {"CỘNG", 1500, 248, 1640, 290},
	    {"HOÀ", 1656, 248, 1760, 290}, {"Độc", 1550, 320, 1640, 362},
	    {"lập", 1656, 320, 1730, 362},
	};
	/* a row of column numbers: the line under it is no cell of it (a wrapped cell is
	 * text), even where it starts at a column */
	static const char t4[] = "1     2     3\nChương trình     kết quả\n";
	static const struct ocr_word w4[] = {
	    {"1", 359, 625, 378, 662},     {"2", 557, 625, 580, 662},
	    {"3", 1398, 625, 1420, 662},   {"Chương", 557, 700, 700, 751},
	    {"trình", 716, 700, 800, 751}, {"kết", 1398, 700, 1460, 751},
	    {"quả", 1476, 700, 1540, 751},
	};
	/* a note a blank line under the last row, starting under its cells (a row of
	 * "..." between them that Tesseract did not read): no wrapped cell, which goes on at
	 * the next line */
	static const char t5[] = "1     Lâm trường     Ông X\nGhi chú:     Tổng giá\n";
	static const struct ocr_word w5[] = {
	    {"1", 359, 625, 378, 662},      {"Lâm", 557, 620, 640, 675},
	    {"trường", 656, 620, 800, 676}, {"Ông", 1398, 620, 1470, 663},
	    {"X", 1486, 625, 1510, 663},    {"Ghi", 557, 800, 630, 851},
	    {"chú:", 646, 800, 740, 851},   {"Tổng", 1398, 795, 1500, 851},
	    {"giá", 1516, 800, 1590, 851},
	};
	/* under a row of three cells: a small-letter line wider than its cell's column (a
	 * sentence after the table), or of two runs of words, is no part of a cell */
	static const char t6[] = "Tạp chí     Hội đồng     VP Phối hợp\n"
	                         "theo báo cáo của các đơn vị\n";
	static const struct ocr_word w6[] = {
	    {"Tạp", 359, 900, 440, 955},   {"chí", 456, 900, 520, 955},
	    {"Hội", 800, 900, 880, 955},   {"đồng", 896, 900, 1000, 955},
	    {"VP", 1400, 900, 1460, 955},  {"Phối", 1476, 900, 1580, 955},
	    {"hợp", 1596, 900, 1680, 955}, {"theo", 359, 975, 450, 1030},
	    {"báo", 466, 975, 540, 1030},  {"cáo", 556, 975, 630, 1030},
	    {"của", 646, 975, 720, 1030},  {"các", 736, 975, 800, 1030},
	    {"đơn", 816, 975, 900, 1030},  {"vị", 916, 975, 960, 1030},
	};
	/* words that do not match the text: nothing is moved */
	static const struct ocr_word w3[] = {
	    {"BỘ", 356, 248, 420, 290},
	};
	(void)state;

	assert_null(ocr_regroup(t1, w1, sizeof(w1) / sizeof(w1[0])));
	assert_null(ocr_regroup(t2, w2, sizeof(w2) / sizeof(w2[0])));
	assert_null(ocr_regroup(t2, w3, 1));
	assert_null(ocr_regroup(t4, w4, sizeof(w4) / sizeof(w4[0])));
	assert_null(ocr_regroup(t5, w5, sizeof(w5) / sizeof(w5[0])));
	assert_null(ocr_regroup(t6, w6, sizeof(w6) / sizeof(w6[0])));
	assert_null(ocr_regroup("", NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wrapped_cell),
	    cmocka_unit_test(test_wrapped_wide_cell),
	    cmocka_unit_test(test_short_next_line),
	    cmocka_unit_test(test_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
