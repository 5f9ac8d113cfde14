/*
 * Unit tests for ocr_leaders (indexer/ocr.c): which connected components of a page are the
 * dots of a dotted leader, painted out before Tesseract reads the page. The boxes have the
 * sizes of Liberation Serif 13 pt at 300 dpi, the benchmark's pages (docs/ocr.md): text
 * lines 74 px high, a full stop 8 px square, 14 px from one full stop to the next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ocr.h"

#define LINE_H 74
#define BASE   1000 /* the baseline of the line under test */
#define MAXB   256

struct page {
	struct ocr_box b[MAXB];
	size_t n;
};

static size_t add(struct page *p, int l, int t, int r, int b)
{
	assert_true(p->n < MAXB);
	p->b[p->n] = (struct ocr_box){l, t, r, b};
	return p->n++;
}

/* a letter 30 px wide, x-height 26 px, on the baseline */
static size_t letter(struct page *p, int l)
{
	return add(p, l, BASE - 26, l + 30, BASE);
}

/* a full stop on the baseline */
static size_t stop(struct page *p, int l)
{
	return add(p, l, BASE - 8, l + 8, BASE);
}

/* k full stops from x = l, 14 px apart; the first one's index */
static size_t stops(struct page *p, int l, int k)
{
	size_t first = p->n;
	int i;

	for (i = 0; i < k; i++)
		stop(p, l + 14 * i);
	return first;
}

static size_t marked(const struct page *p, const unsigned char *lead)
{
	size_t i, m = 0;

	for (i = 0; i < p->n; i++)
		m += lead[i];
	return m;
}

static void test_form_field(void **state)
{
	/* "tên:" + 30 dots + "Năm": the dots are fill; the colon, whose lower dot is on the
	 * same baseline, and the letters are not */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	size_t colon_lo, colon_hi, first, i;
	(void)state;
	letter(&p, 100);
	letter(&p, 132);
	letter(&p, 164);
	colon_hi = add(&p, 198, BASE - 26, 206, BASE - 18);
	colon_lo = stop(&p, 198);
	first = stops(&p, 212, 30);
	letter(&p, 212 + 14 * 30 + 4);
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 30);
	for (i = first; i < first + 30; i++)
		assert_int_equal(lead[i], 1);
	assert_int_equal(lead[colon_lo], 0);
	assert_int_equal(lead[colon_hi], 0);
	assert_int_equal(marked(&p, lead), 30);
}

static void test_ellipsis_is_text(void **state)
{
	/* "a…" and "b...." : three and four dots stay (an ellipsis, a full stop after one) */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	(void)state;
	letter(&p, 100);
	stops(&p, 132, 3);
	letter(&p, 200);
	stops(&p, 232, 4);
	letter(&p, 320);
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 0);
}

static void test_two_runs_across_a_space(void **state)
{
	/* "……….. ……….." : runs split by a word space are one leader */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	(void)state;
	stops(&p, 100, 5);
	stops(&p, 100 + 14 * 5 + 16, 5);
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 10);
}

static void test_dots_with_something_above(void **state)
{
	/* dấu nặng under a row of letters ("ạịụọậệ"), and i's dots above their stems: never
	 * fill, however many in a row */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	int i;
	(void)state;
	for (i = 0; i < 8; i++) {
		add(&p, 100 + 20 * i, BASE - 26, 114 + 20 * i, BASE);
		add(&p, 103 + 20 * i, BASE + 4, 110 + 20 * i, BASE + 11);
	}
	for (i = 0; i < 8; i++) {
		add(&p, 400 + 20 * i, BASE - 26, 406 + 20 * i, BASE);
		add(&p, 400 + 20 * i, BASE - 40, 406 + 20 * i, BASE - 33);
	}
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 0);
}

static void test_letters_between(void **state)
{
	/* full stops with a letter between each ("a. b. c. d. e. f. g.") are sentences */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	int i;
	(void)state;
	for (i = 0; i < 8; i++) {
		letter(&p, 100 + 50 * i);
		stop(&p, 132 + 50 * i);
	}
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 0);
}

static void test_other_baseline_or_far(void **state)
{
	/* dots of different lines do not chain, nor dots farther apart than half a line
	 * (a table of single full stops) */
	struct page p = {.n = 0};
	unsigned char lead[MAXB];
	int i;
	(void)state;
	for (i = 0; i < 8; i++)
		add(&p, 100 + 14 * i, BASE - 8 - (i % 2) * 80, 108 + 14 * i, BASE - (i % 2) * 80);
	for (i = 0; i < 8; i++)
		stop(&p, 400 + 50 * i);
	assert_int_equal(ocr_leaders(p.b, p.n, LINE_H, lead), 0);
	/* without a line height nothing is fill */
	p.n = 0;
	stops(&p, 100, 20);
	assert_int_equal(ocr_leaders(p.b, p.n, 0, lead), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_form_field),
	    cmocka_unit_test(test_ellipsis_is_text),
	    cmocka_unit_test(test_two_runs_across_a_space),
	    cmocka_unit_test(test_dots_with_something_above),
	    cmocka_unit_test(test_letters_between),
	    cmocka_unit_test(test_other_baseline_or_far),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
