/*
 * Unit tests for the structured readers (docx, odt, html): the blocks each delivers for the
 * hand-written fixtures in tests/fixtures/modern/ (make_features.py says what each part of
 * them exercises). The expected blocks below are what a reader of the page sees, stated by
 * hand — not the readers' own output pasted back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "extract.h"

static struct extractor *x;

struct want {
	enum block_kind kind;
	int row, col;
	const char *note;
	const char *text;
};

static int setup(void **state)
{
	struct err e;
	(void)state;
	x = extractor_new(&e);
	return x ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	extractor_free(x);
	return 0;
}

static char *fixture(const char *name, size_t *n)
{
	const char *top = getenv("TOP");
	char path[4096];
	char *data;
	struct err e;

	snprintf(path, sizeof(path), "%s/tests/fixtures/modern/%s", top ? top : ".", name);
	if (read_file(path, (size_t)1 << 26, &data, n, &e) != 0)
		fail_msg("%s", e.msg);
	return data;
}

/* Extract a fixture (or raw bytes) into d; returns extract_bytes's result. */
static int extract(const char *data, size_t n, struct doc *d, struct err *e)
{
	memset(d, 0, sizeof(*d));
	return extract_bytes(x, data, n, d, e);
}

static void expect_blocks(const char *name, const struct want *w, size_t nw, const char *format)
{
	size_t n, i;
	char *data = fixture(name, &n);
	struct doc d;
	struct err e;

	if (extract(data, n, &d, &e) != 0)
		fail_msg("%s: %s", name, e.msg);
	assert_string_equal(d.format, format);
	for (i = 0; i < nw && i < d.nblocks; i++) {
		const struct block *b = &d.blocks[i];
		if (b->kind != w[i].kind || strcmp(b->text, w[i].text) != 0)
			fail_msg("%s block %zu: kind %d '%s', expected kind %d '%s'", name, i,
			         b->kind, b->text, w[i].kind, w[i].text);
		if (b->kind == BLK_CELL && (b->row != w[i].row || b->col != w[i].col))
			fail_msg("%s cell '%s' at %d,%d, expected %d,%d", name, b->text, b->row,
			         b->col, w[i].row, w[i].col);
		if (w[i].note)
			assert_string_equal(b->note ? b->note : "(none)", w[i].note);
	}
	if (d.nblocks != nw)
		fail_msg("%s: %zu blocks, expected %zu", name, d.nblocks, nw);
	doc_free(&d);
	free(data);
}

#define P(t)                                                                                       \
	{                                                                                          \
		BLK_PARA, 0, 0, NULL, t                                                            \
	}
#define H(t)                                                                                       \
	{                                                                                          \
		BLK_HEADING, 0, 0, NULL, t                                                         \
	}
#define N(m, t)                                                                                    \
	{                                                                                          \
		BLK_FOOTNOTE, 0, 0, m, t                                                           \
	}
#define C(r, c, t)                                                                                 \
	{                                                                                          \
		BLK_CELL, r, c, NULL, t                                                            \
	}

static void test_docx_structure(void **state)
{
	static const struct want w[] = {
	    H("Kết quả khen thưởng"),
	    P("Tặng Bằng khen cho 05 tập thể"),
	    P("Số:\t234/BC-KTĐNC\nkhen\u00adthưởng thi\u00adđua COVID\u201119"),
	    P("Trang 3"),
	    P("Căn cứ Quyết định¹ và Kế hoạchⁱ và Công văn* năm 2020."),
	    N("1", "Quyết định số 123/QĐ-UBND ngày 05/01/2020."),
	    N("i", "Kế hoạch số 53/KH-KTĐNC."),
	    N("*", "Công văn số 45/CV-TĐKT."),
	    P("Hộp văn bản"),
	    P("Trước hộp sau hộp"),
	    P("Khối thi đua Nội chính"),
	    C(0, 0, "STT"),
	    C(0, 1, "Đơn vị"),
	    C(0, 2, "Danh hiệu"),
	    C(1, 0, "1"),
	    C(1, 1, "Công an tỉnh"),
	    C(1, 2, "Cờ thi đua²\ncủa Chính phủ"),
	    C(2, 0, "Tổng cộng"),
	    C(2, 2, "03"),
	    N("2", "Quyết định số 678/QĐ-TTg."),
	    P("Giữa hai bảng"),
	    C(0, 0, "Ngoài\nTrong 1\nTrong 2"),
	    C(0, 2, "Cuối"),
	    P("Đoạn cuối."),
	};
	(void)state;
	expect_blocks("features.docx", w, sizeof(w) / sizeof(w[0]), "docx");
}

static void test_odt_structure(void **state)
{
	static const struct want w[] = {
	    H("Kết quả khen thưởng"),
	    P("Tặng Bằng khen cho 05 tập thể"),
	    P("Số:\t234/BC-KTĐNC\nkhen\u00adthưởng lần  hai"),
	    P("Căn cứ Quyết định¹ và Kế hoạchⁱ năm 2020."),
	    N("1", "Quyết định số 123/QĐ-UBND ngày 05/01/2020."),
	    N("i", "Kế hoạch số 53/KH-KTĐNC."),
	    P("Hộp văn bản"),
	    P("Trước hộp sau hộp"),
	    C(0, 0, "STT"),
	    C(0, 1, "Đơn vị"),
	    C(0, 2, "Danh hiệu"),
	    C(1, 0, "1"),
	    C(1, 1, "Công an tỉnh"),
	    C(1, 2, "Cờ thi đua²\ncủa Chính phủ"),
	    C(2, 0, "Tổng cộng"),
	    C(2, 2, "03"),
	    C(3, 2, "Cuối"),
	    N("2", "Quyết định số 678/QĐ-TTg."),
	    P("Đoạn cuối."),
	};
	(void)state;
	expect_blocks("features.odt", w, sizeof(w) / sizeof(w[0]), "odt");
}

static void test_html_structure(void **state)
{
	static const struct want w[] = {
	    H("Kết quả khen thưởng"),
	    P("Tặng Bằng khen cho 05 tập thể¹ năm 2020."),
	    P("Khối\nthi đua"),
	    P("Số:\t234\n  dòng"),
	    C(0, 0, "STT"),
	    C(0, 1, "Đơn vị"),
	    C(1, 0, "Tổng cộng"),
	    C(1, 2, "03"),
	    P("Diện tích 320 m² sân"),
	    N("1", "Quyết định số 123/QĐ-UBND."),
	};
	size_t n;
	char *data = fixture("features.html", &n);
	struct doc d;
	struct err e;

	(void)state;
	expect_blocks("features.html", w, sizeof(w) / sizeof(w[0]), "html");
	/* the page declares windows-1258 (made with glibc iconv from UTF-8) */
	assert_int_equal(extract(data, n, &d, &e), 0);
	assert_string_equal(d.encoding, "cp1258");
	doc_free(&d);
	free(data);
}

/* A page that declares no charset and is not UTF-8 is read as windows-1252. */
static void test_html_undeclared_charset(void **state)
{
	static const char page[] = "<html><body><p>Caf\xe9 cr\xe8me</p></body></html>";
	struct doc d;
	struct err e;

	(void)state;
	assert_int_equal(extract(page, sizeof(page) - 1, &d, &e), 0);
	assert_string_equal(d.encoding, "windows-1252");
	assert_int_equal(d.nblocks, 1);
	assert_string_equal(d.blocks[0].text, "Café crème");
	doc_free(&d);
}

/*
 * Runs in legacy fonts are repaired with the font's code page (TCVN3 bytes from glibc
 * iconv, VNI from domain.md §7.3); .VnTimeH text is upper case; U+00AD is ư in a .VnTime
 * run but stays a soft hyphen in a Unicode run; a paragraph style can carry the font.
 */
static void test_docx_legacy_fonts(void **state)
{
	static const struct want w[] = {
	    P("Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020"),
	    P("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
	    P("Độc lập - Tự do - Hạnh phúc"),
	    P("Chiến sĩ khen\u00adthưởng, thi đua"),
	    P("Uỷ ban nhân dân tỉnh Tuyên Quang"),
	};
	size_t n;
	char *data = fixture("legacy-fonts.docx", &n);
	struct doc d;
	struct err e;

	(void)state;
	expect_blocks("legacy-fonts.docx", w, sizeof(w) / sizeof(w[0]), "docx");
	assert_int_equal(extract(data, n, &d, &e), 0);
	assert_string_equal(d.encoding, "tcvn3");
	doc_free(&d);
	free(data);
}

/* An odt whose span style names a .VnTime font face: that span is repaired, the rest kept. */
static void test_odt_legacy_fonts(void **state)
{
	static const struct want w[] = {
	    P("Chiến sĩ thi đua, khen thưởng năm 2020"),
	};
	size_t n;
	char *data = fixture("legacy-fonts.odt", &n);
	struct doc d;
	struct err e;

	(void)state;
	expect_blocks("legacy-fonts.odt", w, sizeof(w) / sizeof(w[0]), "odt");
	assert_int_equal(extract(data, n, &d, &e), 0);
	assert_string_equal(d.encoding, "tcvn3");
	doc_free(&d);
	free(data);
}

/* A page typed in .VnTime saved with no charset: raw TCVN3 bytes, with and without
 * <font face>; the first is repaired by its font, the second by detection. */
static void test_html_legacy(void **state)
{
	static const struct want w[] = {
	    P("Khen thưởng năm 2020 của Khối thi đua Nội chính tỉnh"),
	    P("Các đơn vị trong khối đã hoàn thành nhiệm vụ được giao"),
	};
	(void)state;
	expect_blocks("legacy-tcvn3.html", w, sizeof(w) / sizeof(w[0]), "html");
}

/* The seed report as pandoc writes it: every paragraph and note, in order. */
static void check_seed(const char *name, int notes_in_place)
{
	size_t n, ne, i, k = 0, nlines = 0, matched = 0;
	char *data = fixture(name, &n), *exp = fixture("seed.expected.txt", &ne), *line, *save;
	struct doc d;
	struct err e;

	if (extract(data, n, &d, &e) != 0)
		fail_msg("%s: %s", name, e.msg);
	for (line = strtok_r(exp, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		nlines++;
		if (notes_in_place) {
			if (k >= d.nblocks || strcmp(d.blocks[k].text, line) != 0)
				fail_msg("%s block %zu: '%s', expected '%s'", name, k,
				         k < d.nblocks ? d.blocks[k].text : "(none)", line);
			k++;
			matched++;
		} else {
			for (i = 0; i < d.nblocks; i++)
				if (strcmp(d.blocks[i].text, line) == 0)
					break;
			if (i == d.nblocks)
				fail_msg("%s: no block '%s'", name, line);
			matched++;
		}
	}
	assert_int_equal(matched, nlines);
	assert_int_equal(d.nblocks, nlines);
	for (i = 0, k = 0; i < d.nblocks; i++)
		k += d.blocks[i].kind == BLK_FOOTNOTE;
	assert_int_equal(k, 5);
	doc_free(&d);
	free(data);
	free(exp);
}

static void test_seed_docx(void **state)
{
	(void)state;
	check_seed("seed.docx", 1);
}

static void test_seed_odt(void **state)
{
	(void)state;
	check_seed("seed.odt", 1);
}

static void test_seed_html(void **state)
{
	(void)state;
	check_seed("seed.html", 0);
}

/* Broken styles and footnotes parts cost what they hold, not the body: two notes say so. */
static void test_docx_broken_parts(void **state)
{
	size_t n, i;
	char *data = fixture("broken-parts.docx", &n);
	struct doc d;
	struct err e;
	int endnote = 0;

	(void)state;
	assert_int_equal(extract(data, n, &d, &e), 0);
	assert_int_equal(d.nnotes, 2);
	assert_non_null(strstr(d.notes[0], "word/styles.xml: malformed XML"));
	assert_non_null(strstr(d.notes[1], "footnotes ignored"));
	/* without the styles, the heading is an ordinary paragraph */
	assert_int_equal(d.blocks[0].kind, BLK_PARA);
	assert_string_equal(d.blocks[0].text, "Kết quả khen thưởng");
	assert_string_equal(d.blocks[1].text, "Tặng Bằng khen cho 05 tập thể");
	for (i = 0; i < d.nblocks; i++)
		endnote += d.blocks[i].kind == BLK_FOOTNOTE &&
		           strcmp(d.blocks[i].text, "Kế hoạch số 53/KH-KTĐNC.") == 0;
	assert_int_equal(endnote, 1);
	doc_free(&d);
	free(data);
}

/* Damage: each gets one line saying what is wrong. */
static void test_damaged(void **state)
{
	size_t n;
	char *data = fixture("features.docx", &n);
	struct doc d;
	struct err e;

	(void)state;
	/* a docx cut in half: the zip's central directory is gone */
	assert_int_equal(extract(data, n / 2, &d, &e), -1);
	doc_free(&d);
	assert_non_null(strstr(e.msg, "docx"));
	free(data);

	data = fixture("features.odt", &n);
	assert_int_equal(extract(data, n / 2, &d, &e), -1);
	doc_free(&d);
	assert_non_null(strstr(e.msg, "odt"));
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_docx_structure),
	    cmocka_unit_test(test_odt_structure),
	    cmocka_unit_test(test_html_structure),
	    cmocka_unit_test(test_html_undeclared_charset),
	    cmocka_unit_test(test_docx_legacy_fonts),
	    cmocka_unit_test(test_html_legacy),
	    cmocka_unit_test(test_seed_docx),
	    cmocka_unit_test(test_seed_odt),
	    cmocka_unit_test(test_seed_html),
	    cmocka_unit_test(test_docx_broken_parts),
	    cmocka_unit_test(test_odt_legacy_fonts),
	    cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
