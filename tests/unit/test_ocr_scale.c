/*
 * Unit tests for ocr_line_scale (indexer/ocr.c): the factor a page is shrunk by so that its
 * text lines are as tall as the model reads them (36 px). The heights are the text lines
 * Tesseract's layout analysis found on a benchmark page (2006-1B4B5, Liberation Serif 13 pt
 * at 300 dpi, docs/ocr.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ocr.h"

static const int page_13pt_300dpi[] = {77, 78, 76, 74, 62, 65, 73, 80, 66, 74,
                                       74, 78, 67, 72, 67, 62, 64, 74, 69, 81};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_report_page_read_at_half(void **state)
{
	(void)state;
	/* median 74 px: 36 / 74 */
	assert_float_equal(ocr_line_scale(page_13pt_300dpi, N(page_13pt_300dpi)), 36.0 / 74, 1e-9);
}

static void test_median_not_mean(void **state)
{
	/* a title and a rule read as tall lines do not move the scale of the body text */
	static const int h[] = {74, 74, 75, 73, 300, 260, 72};
	(void)state;
	assert_float_equal(ocr_line_scale(h, N(h)), 36.0 / 74, 1e-9);
}

static void test_left_alone(void **state)
{
	/* small text (150 dpi, or 8 pt at 300 dpi) is never enlarged, nor shrunk for a few
	 * per cent */
	static const int small[] = {30, 34, 37, 36};
	static const int near[] = {39, 40, 38};
	static const int zero[] = {0, 0, 0};
	(void)state;
	assert_float_equal(ocr_line_scale(small, N(small)), 1, 0);
	assert_float_equal(ocr_line_scale(near, N(near)), 1, 0);
	assert_float_equal(ocr_line_scale(zero, N(zero)), 1, 0);
	assert_float_equal(ocr_line_scale(NULL, 0), 1, 0);
}

static void test_floor(void **state)
{
	/* a poster's 2 cm letters are shrunk a quarter, no more */
	static const int h[] = {400, 420, 410};
	(void)state;
	assert_float_equal(ocr_line_scale(h, N(h)), 0.25, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_page_read_at_half),
	    cmocka_unit_test(test_median_not_mean),
	    cmocka_unit_test(test_left_alone),
	    cmocka_unit_test(test_floor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
