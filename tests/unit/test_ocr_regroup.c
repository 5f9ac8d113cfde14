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
	/* words that do not match the text: nothing is moved */
	static const struct ocr_word w3[] = {
	    {"BỘ", 356, 248, 420, 290},
	};
	(void)state;

	assert_null(ocr_regroup(t1, w1, sizeof(w1) / sizeof(w1[0])));
	assert_null(ocr_regroup(t2, w2, sizeof(w2) / sizeof(w2[0])));
	assert_null(ocr_regroup(t2, w3, 1));
	assert_null(ocr_regroup(t4, w4, sizeof(w4) / sizeof(w4[0])));
	assert_null(ocr_regroup("", NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wrapped_cell),
	    cmocka_unit_test(test_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
