/*
 * Unit tests for query/ranges: intervals merge into a sorted disjoint set, and membership
 * is exact at every edge, in SQL too (search's --year and --doc prefilter relies on it
 * never dropping an id inside an interval).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "ranges.h"

static void test_merge_and_has(void **state)
{
	struct id_ranges s = {NULL, 0, 0, 0};
	sqlite3_int64 id;

	(void)state;
	assert_false(ranges_has(&s, 1));
	ranges_add(&s, 50, 60);
	ranges_add(&s, 10, 20);
	ranges_add(&s, 21, 25); /* touches 10-20 */
	ranges_add(&s, 15, 18); /* inside */
	ranges_add(&s, 55, 70); /* overlaps 50-60 */
	ranges_add(&s, 9, 5);   /* empty: ignored */
	ranges_add(&s, 100, 100);
	ranges_finish(&s);
	assert_int_equal(s.n, 3);
	assert_true(s.r[0][0] == 10 && s.r[0][1] == 25);
	assert_true(s.r[1][0] == 50 && s.r[1][1] == 70);
	assert_true(s.r[2][0] == 100 && s.r[2][1] == 100);
	for (id = 0; id <= 110; id++)
		assert_int_equal(ranges_has(&s, id),
		                 (id >= 10 && id <= 25) || (id >= 50 && id <= 70) || id == 100);
	ranges_free(&s);
	assert_int_equal(s.n, 0);
}

static void test_sql_function(void **state)
{
	struct id_ranges s = {NULL, 0, 0, 0};
	sqlite3 *db;
	sqlite3_stmt *st;

	(void)state;
	ranges_add(&s, 3, 4);
	ranges_add(&s, 8, 8);
	ranges_finish(&s);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(ranges_register(db, "in_r", &s), 0);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1"
	                       " FROM n WHERE x < 10) SELECT group_concat(x) FROM n"
	                       " WHERE in_r(x)",
	                       -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "3,4,8");
	sqlite3_finalize(st);
	sqlite3_close(db);
	ranges_free(&s);
}

/*
 * The SQL function starts looking where its last answer was: asked in ascending order
 * (search's walk), in descending order and at random, it must answer as the binary search
 * does, across many intervals, gaps of one, and ids past both ends.
 */
static void test_sql_function_any_order(void **state)
{
	struct id_ranges s = {NULL, 0, 0, 0};
	sqlite3 *db;
	sqlite3_stmt *st;
	sqlite3_int64 id;
	int k, bad = 0, asked = 0;

	(void)state;
	for (id = 5; id < 3000; id += 7 + id % 5)
		ranges_add(&s, id, id + id % 4); /* widths 1 to 4, gaps 3 to 11 */
	ranges_finish(&s);
	assert_true(s.n > 300);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(ranges_register(db, "in_r", &s), 0);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT in_r(?1)", -1, &st, NULL), SQLITE_OK);
	for (k = 0; k < 3 * 3100; k++) {
		/* 0..3099 up, then down, then a fixed pseudo-random walk */
		id = k < 3100 ? k : k < 6200 ? 6199 - k : (sqlite3_int64)((k * 2654435761u) % 3100);
		sqlite3_bind_int64(st, 1, id);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		bad += sqlite3_column_int(st, 0) != ranges_has(&s, id);
		asked += ranges_has(&s, id);
		sqlite3_reset(st);
	}
	assert_int_equal(bad, 0);
	assert_true(asked > 1000); /* the ids asked were in intervals often, not just between */
	sqlite3_finalize(st);
	sqlite3_close(db);
	ranges_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merge_and_has),
	    cmocka_unit_test(test_sql_function),
	    cmocka_unit_test(test_sql_function_any_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
