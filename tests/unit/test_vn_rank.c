/*
 * Unit tests for lib/vn_rank: the bare-word signature never changes a score. For words typed
 * without diacritics, the accent check reads the passage only when the signature says the
 * word may be in it as typed; a passage's score with the signature must equal its score
 * without it, whatever the passage says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "vn_query.h"
#include "vn_rank.h"
#include "vn_tok.h"

/* Passages of the seed report and spellings around the accent check's word boundaries. */
static const char *const texts[] = {
    "Cục và các Chi cục tham gia quỹ đèn on đáp nghĩa, bảo trợ trẻ em.",
    "Quỹ đền ơn đáp nghĩa và quỹ vì người nghèo với tổng số tiền 4.000.000 đồng.",
    "Hoạt động của tổ chức Đảng, đoàn thể, hoạt động xã hội khác",
    "phong trao thi dua (typed without diacritics) and Phong Trào Thi Đua",
    "“dong” in quotes, dong3 glued to a digit, DONG in capitals, đong, dongs",
    "Chiến sỹ thi đua cơ sở; chien si thi dua; CHIẾN SĨ THI ĐUA",
    "ung ho, ủng hộ, ủng ho, ung hộ: each spelling once",
    "",
};

static const char *const queries[] = {
    "on",     "den on",     "dong",      "phong trao", "thi dua", "chien si thi dua",
    "ung ho", "\"ung ho\"", "hoat dong", "quy",        "dongs",   "tien",
};

/* An in-memory database with the tokenizer and vn_rank, and the tables of schema. */
static sqlite3 *open_with(const char *schema)
{
	sqlite3 *db;
	struct err e;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(vn_tok_register(db, &e), 0);
	assert_int_equal(vn_rank_register(db, &e), 0);
	assert_int_equal(sqlite3_exec(db, schema, NULL, NULL, NULL), SQLITE_OK);
	return db;
}

static sqlite3 *open_db(void)
{
	sqlite3 *db = open_with("CREATE TABLE p(id INTEGER PRIMARY KEY, text, bytes, bare);"
	                        "CREATE VIRTUAL TABLE f USING fts5(text, content='p',"
	                        " content_rowid='id', tokenize='vietnamese');");
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sqlite3_stmt *st;
		const char *t = texts[i];
		assert_int_equal(
		    sqlite3_prepare_v2(db, "INSERT INTO p VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)strlen(t));
		sqlite3_bind_int64(st, 4, (sqlite3_int64)vn_rank_bare_signature(t, strlen(t)));
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	assert_int_equal(sqlite3_exec(db, "INSERT INTO f(f) VALUES ('rebuild')", NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

static void test_signature_keeps_scores(void **state)
{
	sqlite3 *db = open_db();
	struct vn_norm *nm;
	struct err e;
	size_t i;
	int rows = 0, exact = 0;

	(void)state;
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct vn_query q;
		sqlite3_stmt *st;
		assert_int_equal(vn_query_build(nm, queries[i], &q, &e), 0);
		assert_int_equal(sqlite3_prepare_v2(db,
		                                    "SELECT f.rowid, vn_rank(f, ?2, p.bytes),"
		                                    " vn_rank(f, ?2, p.bytes, p.bare) FROM f"
		                                    " JOIN p ON p.id = f.rowid WHERE f MATCH ?1",
		                                    -1, &st, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(st, 1, q.fts, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, q.rank, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			double without = sqlite3_column_double(st, 1);
			double with = sqlite3_column_double(st, 2);
			assert_true(without == with);
			rows++;
			exact += without >= 100.0; /* spelled as typed: the check said yes */
		}
		sqlite3_finalize(st);
		vn_query_free(&q);
	}
	/* the cases above are not vacuous: matches, some spelled as typed and some not */
	assert_true(rows >= 15);
	assert_true(exact >= 5 && exact <= rows - 5);
	vn_norm_free(nm);
	sqlite3_close(db);
}

/*
 * Deferred accent checks (search's ranking): the partial score, with the pending phrases
 * settled from the passage's text by vn_rank_spelled, is exactly the score vn_rank gives,
 * and its bound (every pending phrase spelled as typed) is never below it.
 */
static void test_deferred_checks_keep_scores(void **state)
{
	sqlite3 *db = open_db();
	struct vn_norm *nm;
	struct err e;
	size_t i;
	int rows = 0, pending = 0, settled_up = 0;

	(void)state;
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct vn_query q;
		struct vn_rank_terms *terms;
		sqlite3_stmt *st;
		assert_int_equal(vn_query_build(nm, queries[i], &q, &e), 0);
		terms = vn_rank_terms_new(q.rank);
		assert_int_equal(sqlite3_prepare_v2(db,
		                                    "SELECT vn_rank(f, ?2, p.bytes, p.bare),"
		                                    " vn_rank(f, ?2, p.bytes, p.bare, 1), p.text"
		                                    " FROM f JOIN p ON p.id = f.rowid WHERE f MATCH ?1",
		                                    -1, &st, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(st, 1, q.fts, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, q.rank, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			double full = sqlite3_column_double(st, 0), bound;
			struct vn_rank_partial part, best;
			uint64_t m;
			assert_int_equal(sqlite3_column_bytes(st, 1), (int)sizeof(part));
			memcpy(&part, sqlite3_column_blob(st, 1), sizeof(part));
			best = part;
			for (m = part.pending; m; m &= m - 1)
				best.exact++;
			best.pending = 0;
			bound = vn_rank_score(&best);
			pending += part.pending != 0;
			part.exact += vn_rank_spelled(terms, part.pending,
			                              (const char *)sqlite3_column_text(st, 2),
			                              (size_t)sqlite3_column_bytes(st, 2));
			settled_up += part.pending != 0 && part.exact > 0;
			part.pending = 0;
			assert_true(vn_rank_score(&part) == full);
			assert_true(bound >= full);
			rows++;
		}
		sqlite3_finalize(st);
		vn_rank_terms_free(terms);
		vn_query_free(&q);
	}
	/* not vacuous: reads were deferred, and some settled as spelled as typed */
	assert_true(rows >= 15);
	assert_true(pending >= 5 && settled_up >= 3);
	vn_norm_free(nm);
	sqlite3_close(db);
}

static void test_signature_words(void **state)
{
	const char *t = "“dong” dong3 ĐONG đong xdongx";
	uint64_t a = vn_rank_bare_signature(t, strlen(t));

	(void)state;
	/* case does not matter, and a word next to a non-ASCII byte is not a bare word */
	assert_true(vn_rank_bare_signature("Dong", 4) == vn_rank_bare_signature("dong", 4));
	assert_true((a & vn_rank_bare_signature("dong", 4)) == vn_rank_bare_signature("dong", 4));
	assert_true(vn_rank_bare_signature("đong “dong”", strlen("đong “dong”")) == 0);
	assert_true(vn_rank_bare_signature("", 0) == 0);
	/* the words nearly every passage spells so (data/frequent_words.txt) set no bits, so
	 * they no longer stand for every other word; the queries above with them ("thi dua",
	 * "phong trao", "quy") keep their scores all the same */
	assert_true(vn_rank_bare_signature("thi cho Phong quan", strlen("thi cho Phong quan")) ==
	            0);
	assert_true(vn_rank_bare_signature("thi dong", 8) == vn_rank_bare_signature("dong", 4));
}

/* The indexer builds the signature from its tokens (vn_tok_precompute); it must be the one
 * the text gives, for every text above and the fuzzier ones here. */
static void test_signature_from_tokens(void **state)
{
	static const char *const more[] = {
	    "Covid-19 ISO 9001:2015 abc123def 1.419 cá nhân",
	    "To\xcc\x80"
	    "a an toan (NFD) va bang khen",
	    "x",
	    "  a  ",
	    "đ",
	    "ab\xe2\x80\x8b"
	    "cd",
	    "thi\xc2\xad"
	    "dua",
	};
	struct vn_norm *nm;
	struct err e;
	size_t i;

	(void)state;
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]) + sizeof(more) / sizeof(more[0]); i++) {
		const char *t = i < sizeof(texts) / sizeof(texts[0])
		                    ? texts[i]
		                    : more[i - sizeof(texts) / sizeof(texts[0])];
		struct vn_toks toks = {0};
		size_t n = strlen(t);
		vn_tok_precompute(nm, t, n, &toks);
		assert_true(toks.bare == vn_rank_bare_signature(t, n));
		vn_toks_free(&toks);
	}
	vn_norm_free(nm);
}

/*
 * The sampled IDF (an "S" line, search's --candidates): 100 passages, the word in `with` of
 * them; the scores of every match with the sample line, against the exact count's.
 */
static int rank_all(sqlite3 *db, const char *fts, const char *desc, double *score)
{
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT vn_rank(f, ?2, 30) FROM f WHERE f MATCH ?1"
	                                    " ORDER BY rowid",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, desc, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && n < 100)
		score[n++] = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * A "K" line (search's statements, one per passage id interval of a filter): the IDFs of
 * the first statement serve the next ones with the same description on the connection.
 * Rows added in between would change them; with K they do not, without K they do.
 */
static void test_kept_idf(void **state)
{
	sqlite3 *db = open_db();
	struct vn_norm *nm;
	struct vn_query q;
	struct err e;
	double first[100], again[100], plain[100], plain_again[100];
	char *kept;
	int n, i;

	(void)state;
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	assert_int_equal(vn_query_build(nm, "dong", &q, &e), 0);
	kept = xmalloc(strlen(q.rank) + 3);
	strcpy(kept, q.rank);
	strcat(kept, "K\n");
	n = rank_all(db, q.fts, kept, first);
	rank_all(db, q.fts, q.rank, plain);
	assert_true(n >= 1);
	assert_int_equal(sqlite3_exec(db,
	                              "INSERT INTO p VALUES (100, 'đồng dong', 9, NULL),"
	                              " (101, 'đồng', 6, NULL), (102, 'động', 6, NULL);"
	                              "INSERT INTO f(f) VALUES ('rebuild')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(rank_all(db, q.fts, kept, again), n + 3);
	assert_int_equal(rank_all(db, q.fts, q.rank, plain_again), n + 3);
	for (i = 0; i < n; i++)
		assert_true(again[i] == first[i]);
	for (i = 0; i < n && plain_again[i] == plain[i]; i++)
		;
	assert_true(i < n); /* the added rows do change the IDF of a statement without K */
	free(kept);
	vn_query_free(&q);
	vn_norm_free(nm);
	sqlite3_close(db);
}

static void sample_scores(int (*with)(int), const char *sample, double *exact, double *sampled,
                          int *n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct vn_norm *nm;
	struct vn_query q;
	struct err e;
	char *desc;
	int i;

	db = open_with("CREATE VIRTUAL TABLE f USING fts5(text, tokenize='vietnamese');");
	assert_int_equal(
	    sqlite3_prepare_v2(db, "INSERT INTO f(rowid, text) VALUES (?1, ?2)", -1, &st, NULL),
	    SQLITE_OK);
	for (i = 1; i <= 100; i++) {
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, with(i) ? "khen thưởng cho tập thể" : "báo cáo tổng kết",
		                  -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	assert_int_equal(vn_query_build(nm, "thưởng", &q, &e), 0);
	desc = malloc(strlen(q.rank) + strlen(sample) + 1);
	assert_non_null(desc);
	strcpy(desc, q.rank);
	strcat(desc, sample);
	/* one statement each: two vn_rank calls on one cursor would share its prepared data */
	*n = rank_all(db, q.fts, q.rank, exact);
	assert_int_equal(rank_all(db, q.fts, desc, sampled), *n);
	free(desc);
	vn_query_free(&q);
	vn_norm_free(nm);
	sqlite3_close(db);
}

static int every_tenth(int i)
{
	return i % 10 == 0;
}

static int first_ten(int i)
{
	return i <= 10;
}

static void test_sampled_idf(void **state)
{
	double exact[100], sampled[100];
	int n, i;

	(void)state;
	/* a sample at least as large as the hits: the exact count */
	sample_scores(every_tenth, "S\t10\t1\t100\n", exact, sampled, &n);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++)
		assert_true(exact[i] == sampled[i] && exact[i] > 0.5);
	/* the 5th hit at rowid 50 of 1..100: 5 × 100 / 50 = 10 hits, the exact count again */
	sample_scores(every_tenth, "S\t5\t1\t100\n", exact, sampled, &n);
	for (i = 0; i < n; i++)
		assert_true(exact[i] == sampled[i]);
	/* hits bunched at the start: the 5th at rowid 5 estimates 100 hits, the IDF floor */
	sample_scores(first_ten, "S\t5\t1\t100\n", exact, sampled, &n);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++)
		assert_true(sampled[i] < 0.001 && exact[i] > 0.5);
}

/*
 * search --unit adds a term on the unit column; the "F" line makes its phrases rank nothing:
 * each passage of the unit scores what it scores without the filter (without the line the
 * filter's phrase adds its BM25 share: the test sees that too).
 */
static void test_filter_phrases_score_nothing(void **state)
{
	sqlite3 *db;
	struct vn_norm *nm;
	struct err e;
	size_t i;
	int rows = 0, moved = 0;

	(void)state;
	nm = vn_norm_new(&e);
	assert_non_null(nm);
	db = open_with("CREATE TABLE p(id INTEGER PRIMARY KEY, text, unit);"
	               "CREATE VIRTUAL TABLE g USING fts5(text, unit, content='p',"
	               " content_rowid='id', tokenize='vietnamese');");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *sql = sqlite3_mprintf("INSERT INTO p VALUES (%d, %Q, %d)", (int)i + 1,
		                            texts[i], 1 + (int)i % 2);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_free(sql);
	}
	assert_int_equal(sqlite3_exec(db, "INSERT INTO g(g) VALUES ('rebuild')", NULL, NULL, NULL),
	                 SQLITE_OK);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct vn_query q;
		sqlite3_stmt *st;
		char *filtered, *desc;
		assert_int_equal(vn_query_build(nm, queries[i], &q, &e), 0);
		filtered = sqlite3_mprintf("(%s) AND unit : (1 OR 7)", q.fts);
		desc = sqlite3_mprintf("%sF\t%d\n", q.rank, q.nphrases);
		assert_int_equal(
		    sqlite3_prepare_v2(db,
		                       "SELECT a.id, a.s, b.s, c.s FROM"
		                       " (SELECT g.rowid id, vn_rank(g, ?2) s FROM g JOIN p ON"
		                       "  p.id = g.rowid WHERE g MATCH ?1 AND p.unit = 1) a"
		                       " FULL JOIN (SELECT rowid id, vn_rank(g, ?4) s FROM g"
		                       "  WHERE g MATCH ?3) b ON b.id = a.id"
		                       " LEFT JOIN (SELECT rowid id, vn_rank(g, ?2) s FROM g"
		                       "  WHERE g MATCH ?3) c ON c.id = b.id",
		                       -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_text(st, 1, q.fts, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, q.rank, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, filtered, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, desc, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			/* the same passages, the same scores */
			assert_int_not_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
			assert_int_not_equal(sqlite3_column_type(st, 2), SQLITE_NULL);
			assert_true(sqlite3_column_double(st, 1) == sqlite3_column_double(st, 2));
			moved += sqlite3_column_double(st, 1) != sqlite3_column_double(st, 3);
			rows++;
		}
		sqlite3_finalize(st);
		sqlite3_free(filtered);
		sqlite3_free(desc);
		vn_query_free(&q);
	}
	assert_true(rows >= 8);
	assert_true(moved > 0);
	vn_norm_free(nm);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signature_keeps_scores),
	    cmocka_unit_test(test_deferred_checks_keep_scores),
	    cmocka_unit_test(test_signature_words),
	    cmocka_unit_test(test_signature_from_tokens),
	    cmocka_unit_test(test_sampled_idf),
	    cmocka_unit_test(test_kept_idf),
	    cmocka_unit_test(test_filter_phrases_score_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
