/* Unit tests for lib/vn_figs: figures packed per document, read back through figure_rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_figs.h"
#include "vn_num.h"

static sqlite3 *open_figs(void)
{
	sqlite3 *db;
	struct err e;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(vn_figs_register(db, &e), 0);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TABLE packs (doc INTEGER PRIMARY KEY, figures BLOB);"
	                              "CREATE VIRTUAL TABLE rows USING thidua_figures(packs)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

static void put_doc(sqlite3 *db, long long doc, const struct vn_fig *f, size_t n)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	size_t i;

	vn_figs_count(&b, n);
	for (i = 0; i < n; i++)
		vn_figs_put(&b, i ? &f[i - 1] : NULL, &f[i]);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO packs VALUES (?, ?)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_blob(st, 2, b.p, (int)b.n, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	buf_free(&b);
}

/* The rows a query gives, one line each, columns '|'-separated (NULL as "-"). */
static char *rows(sqlite3 *db, const char *sql)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	int rc, i;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			buf_printf(&b, "%s%s", i ? "|" : "", t ? (const char *)t : "-");
		}
		buf_addc(&b, '\n');
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return buf_detach(&b);
}

static void expect_rows(sqlite3 *db, const char *sql, const char *want)
{
	char *got = rows(db, sql);
	assert_string_equal(got, want);
	free(got);
}

/* the seed's figures in their shapes: a malformed amount, a score, a ratio, a rate, a
 * percent, passages going back and offsets going down (a footnote's figure written after
 * the body's), a figure with nothing optional */
static const struct vn_fig doc7[] = {
    {.passage = 120, .char_start = 40, .char_end = 58, .noun = 3, .unit = 12, .kind = VN_NUM_MONEY,
     .year = 2020, .value = 82295000, .qualifier = "tổng", .flags = "malformed"},
    {.passage = 120, .char_start = 5, .char_end = 17, .noun = 4, .kind = VN_NUM_SCORE,
     .year = 2020, .value = 994, .maximum = 1000, .qualifier = "", .flags = ""},
    {.passage = 118, .char_start = 0, .char_end = 5, .noun = 5, .unit = 9, .kind = VN_NUM_RATIO,
     .year = 1999, .value = 6, .maximum = 7, .qualifier = "", .flags = ""},
    {.passage = 131, .char_start = 300, .char_end = 314, .noun = 6, .kind = VN_NUM_RATE,
     .year = 2021, .value = 700000, .times = 23, .qualifier = "", .flags = ""},
    {.passage = 131, .char_start = 320, .char_end = 325, .noun = 7, .kind = VN_NUM_PERCENT,
     .value = 98.5, .qualifier = "", .flags = "en_style"},
    {.passage = 132, .char_start = 1, .char_end = 3, .noun = 1, .kind = VN_NUM_COUNT,
     .value = -3e15, .qualifier = "", .flags = ""},
};

static const char all_cols[] = "SELECT doc, id, passage, char_start, char_end, kind, value,"
                               " maximum, times, noun, qualifier, flags, year, unit FROM rows";

static void test_round_trip(void **state)
{
	sqlite3 *db = open_figs();
	struct vn_fig one = {.passage = 5, .char_start = 2, .char_end = 4, .noun = 1,
	                     .kind = VN_NUM_NUMBER, .value = 1.419, .qualifier = "", .flags = ""};
	(void)state;
	put_doc(db, 7, doc7, sizeof(doc7) / sizeof(doc7[0]));
	put_doc(db, 3, &one, 1);
	put_doc(db, 9, NULL, 0);
	expect_rows(db, all_cols,
	            "3|1|5|2|4|number|1.419|-|-|1|||-|-\n"
	            "7|1|120|40|58|money|82295000.0|-|-|3|tổng|malformed|2020|12\n"
	            "7|2|120|5|17|score|994.0|1000.0|-|4|||2020|-\n"
	            "7|3|118|0|5|ratio|6.0|7.0|-|5|||1999|9\n"
	            "7|4|131|300|314|rate|700000.0|-|23.0|6|||2021|-\n"
	            "7|5|131|320|325|percent|98.5|-|-|7||en_style|-|-\n"
	            "7|6|132|1|3|count|-3.0e+15|-|-|1|||-|-\n");
	/* one document's blob alone, and the kinds filtered as they are decoded */
	expect_rows(db, "SELECT id, kind FROM rows WHERE doc = 7 AND kind <> 'count'"
	                " AND kind <> 'percent'",
	            "1|money\n2|score\n3|ratio\n4|rate\n");
	expect_rows(db, "SELECT doc, id FROM rows WHERE kind = 'number'", "3|1\n");
	expect_rows(db, "SELECT count(*) FROM rows WHERE kind = 'no such kind'", "0\n");
	expect_rows(db, "SELECT count(*) FROM rows WHERE kind <> 'no such kind'", "7\n");
	expect_rows(db, "SELECT count(*) FROM rows WHERE doc = 9", "0\n");
	/* a join on the document, from either side */
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE d (id INTEGER PRIMARY KEY, y);"
	                                  "INSERT INTO d VALUES (3, 2001), (7, 2020), (8, 2021)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	expect_rows(db, "SELECT d.y, count(*) FROM d CROSS JOIN rows x ON x.doc = d.id GROUP BY 1",
	            "2001|1\n2020|6\n");
	expect_rows(db, "SELECT d.y, sum(x.value) FROM rows x JOIN d ON d.id = x.doc"
	                " WHERE x.kind = 'ratio' GROUP BY 1",
	            "2020|6.0\n");
	sqlite3_close(db);
}

/* A damaged blob is an error naming the document, not a crash or wrong rows. */
static void test_damaged(void **state)
{
	sqlite3 *db = open_figs();
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	size_t cut;
	(void)state;
	vn_figs_count(&b, 6);
	for (cut = 0; cut < 6; cut++)
		vn_figs_put(&b, cut ? &doc7[cut - 1] : NULL, &doc7[cut]);
	for (cut = 1; cut < b.n; cut++) {
		int rc;
		sqlite3_exec(db, "DELETE FROM packs", NULL, NULL, NULL);
		assert_int_equal(
		    sqlite3_prepare_v2(db, "INSERT INTO packs VALUES (7, ?)", -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_blob(st, 1, b.p, (int)cut, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM rows", -1, &st, NULL),
		                 SQLITE_OK);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		assert_int_equal(rc, SQLITE_CORRUPT);
		assert_non_null(
		    strstr(sqlite3_errmsg(db), "damaged figures of document 7 (packs)"));
		sqlite3_finalize(st);
	}
	buf_free(&b);
	/* a table of blobs the module cannot name is refused at creation */
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE r2 USING thidua_figures(\"x y\")",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
