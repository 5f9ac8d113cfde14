/* Unit tests for lib/vn_tok: token spans, the FTS5 tokenizer, pre-computed token replay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "real_texts.h"
#include "vn_folds.h"
#include "vn_tok.h"

/* The spans of s as "a|b|c" (the original bytes of each token). */
static char *spans(const char *s)
{
	static char out[1024];
	size_t pos = 0, a, b, n = 0;

	out[0] = 0;
	while (vn_tok_next(s, strlen(s), &pos, &a, &b)) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%.*s", n ? "|" : "",
		                      (int)(b - a), s + a);
	}
	return out;
}

static void test_word_spans(void **state)
{
	(void)state;
	assert_string_equal(spans("Tòa án nhân dân"), "Tòa|án|nhân|dân");
	/* punctuation, quotes and markdown residue separate words */
	assert_string_equal(spans("“*Vì nhân dân phục vụ*”."), "Vì|nhân|dân|phục|vụ");
	/* superscript footnote markers are not words; a digit glued to a word is split off */
	assert_string_equal(spans("khen thưởng⁽¹⁾ tỷ đồng³ đồng3"), "khen|thưởng|tỷ|đồng|đồng|3");
	/* NFD: combining marks stay inside their word */
	assert_string_equal(spans("To\xcc\x80"
	                          "a a\xcc\x81n"),
	                    "To\xcc\x80"
	                    "a|a\xcc\x81n");
	/* soft hyphen and zero-width space separate */
	assert_string_equal(spans("thi\xc2\xad"
	                          "đua khen\xe2\x80\x8bthưởng"),
	                    "thi|đua|khen|thưởng");
	assert_string_equal(spans("Covid-19, ISO 9001:2015"), "Covid|19|ISO|9001|2015");
}

static void test_number_spans(void **state)
{
	(void)state;
	assert_string_equal(spans("1.419 cá nhân"), "1.419|cá|nhân");
	assert_string_equal(spans("82,295.000 đồng"), "82,295.000|đồng");
	assert_string_equal(spans("146,8 triệu; 1.449,2 triệu"), "146,8|triệu|1.449,2|triệu");
	assert_string_equal(spans("700.000đ/suất"), "700.000|đ|suất");
	/* a list of small numbers is several numbers, not a decimal */
	assert_string_equal(spans("mức độ 2,3,4"), "mức|độ|2|3|4");
	assert_string_equal(spans("cấp 1,II"), "cấp|1|II");
	/* dates split at the slashes; a trailing dot ends the number */
	assert_string_equal(spans("25/12/2020."), "25|12|2020");
	assert_string_equal(spans("25.12.2020"), "25|12|2020");
	assert_string_equal(spans("2.1. Phong trào"), "2.1|Phong|trào");
	assert_string_equal(spans("994/1000 điểm"), "994|1000|điểm");
}

/* FTS5 end to end in memory: folded queries, offsets into the original text. */
static sqlite3 *open_fts(void)
{
	sqlite3 *db;
	struct err e;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(vn_tok_register(db, &e), 0);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='vietnamese')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

static char *one(sqlite3 *db, const char *sql, const char *arg)
{
	static char out[2048];
	sqlite3_stmt *st;
	out[0] = 0;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static int count(sqlite3 *db, const char *match)
{
	return atoi(one(db, "SELECT count(*) FROM t WHERE t MATCH ?", match));
}

/* The texts both tokenizer modes are given, and what either must find in them. */
static const char *const match_texts[] = {
    "Tòa án nhân dân huyện Chiêm Hóa",
    "Chiến sỹ thi đua cơ sở",
    "Hội đồng thi đua",
    "hoạt động dong dỏng",
    "Thuỷ lợi, đưa tin",
    "có 1.419 cá nhân",
};

static void check_matching(sqlite3 *db)
{
	/* no diacritics typed: every accented form, in a phrase too */
	assert_int_equal(count(db, "dong"), 2);
	assert_int_equal(count(db, "\"chien si\""), 1);
	assert_int_equal(count(db, "toa"), 1);
	assert_int_equal(count(db, "\"thi dua\""), 2);
	assert_int_equal(count(db, "dua"), 3);
	assert_int_equal(count(db, "NEAR(toa dan)"), 1);
	/* a prefix typed without diacritics: the accented words' prefixes too */
	assert_int_equal(count(db, "\"chie\"*"), 2);
	assert_int_equal(count(db, "\"hoa\"*"), 2);
	/* diacritics typed: exact, modulo tone placement and i/y */
	assert_int_equal(count(db, "đồng"), 1);
	assert_int_equal(count(db, "\"toà án\""), 1);
	assert_int_equal(count(db, "\"chiến sĩ\""), 1);
	assert_int_equal(count(db, "hoá"), 1);
	assert_int_equal(count(db, "hòa"), 0); /* huyền is not sắc */
	assert_int_equal(count(db, "thủy"), 1);
	assert_int_equal(count(db, "dỏng"), 1);
	assert_int_equal(count(db, "đua"), 2);
	/* mixed: exact tòa + any an/án */
	assert_int_equal(count(db, "\"Tòa an\""), 1);
	/* numbers however grouped */
	assert_int_equal(count(db, "1419"), 1);
	assert_int_equal(count(db, "\"1,419\""), 1);
	/* highlight() shows the report's own spelling */
	assert_string_equal(
	    one(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?", "\"chien si\""),
	    "[Chiến sỹ] thi đua cơ sở");
	/* FTS5 tokenizes the stored text afresh and finds the same index */
	assert_int_equal(
	    sqlite3_exec(db, "INSERT INTO t(t) VALUES ('integrity-check')", NULL, NULL, NULL),
	    SQLITE_OK);
}

/* Without a folds table: each accented word with its folded twin in the index. */
static void test_fts5_matching(void **state)
{
	sqlite3 *db = open_fts();
	sqlite3_stmt *st;
	size_t i;
	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, NULL),
	                 SQLITE_OK);
	for (i = 0; i < sizeof(match_texts) / sizeof(match_texts[0]); i++) {
		sqlite3_bind_text(st, 1, match_texts[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	check_matching(db);
	sqlite3_close(db);
}

static void test_fts5_nfd_offsets(void **state)
{
	sqlite3 *db = open_fts();
	/* NFD "Tòa án": highlight must cut at the original byte offsets, marks included */
	const char *nfd = "To\xcc\x80"
	                  "a a\xcc\x81n nha\xcc\x82n da\xcc\x82n";
	sqlite3_stmt *st;
	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, nfd, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(count(db, "\"tòa án\""), 1);
	assert_string_equal(
	    one(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?", "an"),
	    "To\xcc\x80"
	    "a [a\xcc\x81n] nha\xcc\x82n da\xcc\x82n");
	sqlite3_close(db);
}

/*
 * Insert text into t the way the indexer's writer does, its tokens computed beforehand and
 * replayed, then have FTS5's integrity check tokenize it afresh and compare with the index.
 */
static void insert_replayed(sqlite3 *db, struct vn_norm *nm, const char *text, size_t n,
                            struct vn_toks *toks)
{
	sqlite3_stmt *st;

	vn_tok_precompute(nm, text, n, toks);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	vn_tok_replay_begin(text, n, toks);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	vn_tok_replay_end();
	sqlite3_finalize(st);
	assert_int_equal(
	    sqlite3_exec(db, "INSERT INTO t(t) VALUES ('integrity-check')", NULL, NULL, NULL),
	    SQLITE_OK);
}

/* Replayed tokens must index exactly what the tokenizer would have computed. */
static void test_replay(void **state)
{
	const char *text = "Chủ tịch UBND tỉnh tặng Bằng khen cho 01 tập thể";
	struct vn_toks toks = {0};
	struct vn_norm *nm;
	unsigned long replayed, computed, before;
	sqlite3 *db = open_fts();
	struct err e;
	(void)state;
	nm = vn_norm_new(&e);
	vn_tok_replay_stats(&before, &computed);
	insert_replayed(db, nm, text, strlen(text), &toks);
	assert_true(toks.count > 10);
	vn_tok_replay_stats(&replayed, &computed);
	assert_int_equal(replayed - before, 1);
	assert_int_equal(count(db, "\"bang khen\""), 1);
	assert_int_equal(count(db, "\"1 tập thể\""), 1);
	assert_int_equal(count(db, "tinh"), 1);
	vn_toks_free(&toks);
	vn_norm_free(nm);
	sqlite3_close(db);
}

/*
 * Tokens of 127 bytes and more take the long record form (a 2-byte length): a word of 127
 * "đ" is 254 bytes (words are cut at 256) and its folded twin exactly 127 bytes.
 */
static void test_replay_long_tokens(void **state)
{
	char text[1024], query[512];
	struct vn_toks toks = {0};
	struct vn_norm *nm;
	sqlite3 *db = open_fts();
	struct err e;
	size_t k, n = 0;
	(void)state;
	nm = vn_norm_new(&e);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "khen ");
	for (k = 0; k < 127; k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "đ");
	n += (size_t)snprintf(text + n, sizeof(text) - n, " ");
	for (k = 0; k < 126; k++) /* exactly 126 bytes: the last short record */
		text[n++] = 'a';
	text[n] = 0;
	insert_replayed(db, nm, text, n, &toks);
	assert_int_equal(toks.count, 4); /* khen, đ…đ + its folded d…d twin, a…a */
	for (k = 0; k < 127; k++)
		query[k] = 'd';
	query[127] = 0;
	assert_int_equal(count(db, query), 1);
	for (k = 0; k < 126; k++)
		query[k] = 'a';
	query[126] = 0;
	assert_int_equal(count(db, query), 1);
	assert_int_equal(count(db, "khen"), 1);
	vn_toks_free(&toks);
	vn_norm_free(nm);
	sqlite3_close(db);
}

/* The index as thidua's schema has it: words once, the accented ones in term_folds. */
static sqlite3 *open_folds(void)
{
	sqlite3 *db;
	struct err e;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(vn_tok_register(db, &e), 0);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='vietnamese term_folds');"
	                 "CREATE TABLE term_folds (fold TEXT NOT NULL, term TEXT NOT NULL,"
	                 " PRIMARY KEY (fold, term)) WITHOUT ROWID",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	return db;
}

/* Insert text as the writer does: computed in place (toks NULL) or replayed, with folds. */
static void insert_folded(sqlite3 *db, struct vn_folds *f, struct vn_norm *nm, const char *text,
                          int replayed)
{
	struct vn_toks toks = {0};
	sqlite3_stmt *st;
	struct err e;

	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (replayed) {
		vn_tok_precompute(nm, text, strlen(text), &toks);
		vn_tok_replay_begin(text, strlen(text), &toks);
	}
	vn_tok_folds_begin(f);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	vn_tok_folds_end();
	vn_tok_replay_end();
	sqlite3_finalize(st);
	vn_toks_free(&toks);
	assert_int_equal(vn_folds_flush(f, &e), 0);
}

static void test_fts5_folds(void **state)
{
	sqlite3 *db = open_folds();
	struct vn_norm *nm;
	struct vn_folds *f;
	struct err e;
	size_t i;
	(void)state;
	nm = vn_norm_new(&e);
	f = vn_folds_new(db, &e);
	assert_non_null(f);
	for (i = 0; i < sizeof(match_texts) / sizeof(match_texts[0]); i++)
		insert_folded(db, f, nm, match_texts[i], (int)(i % 2));
	/* each accented word once, under its folded form; the index holds no folded twin */
	assert_string_equal(one(db,
	                        "SELECT group_concat(term, ',') FROM"
	                        " (SELECT term FROM term_folds WHERE fold = 'dong' ORDER BY 1)",
	                        NULL),
	                    "dỏng,đồng,động");
	assert_string_equal(one(db, "SELECT count(*) FROM term_folds", NULL), "22");
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, t, row)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_string_equal(
	    one(db, "SELECT count(*) FROM v WHERE term IN ('toa', 'dua', 'si')", NULL), "0");
	/* and finds what the twins found */
	check_matching(db);
	/* a rolled back transaction took its new words with it: once forgotten, they are
	 * written again when next seen */
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	insert_folded(db, f, nm, "Cúp vàng", 0);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	vn_folds_forget(f);
	insert_folded(db, f, nm, "Cúp vàng", 1);
	assert_int_equal(count(db, "\"cup vang\""), 1);
	vn_folds_free(f);
	vn_norm_free(nm);
	sqlite3_close(db);
}

/*
 * vn_tok_precompute keeps the records of each chunk of text between spaces from its second
 * sighting on and copies them when the chunk comes again; they must be the records the
 * word-by-word path computes, every time: memo empty, chunks being kept, chunks from the memo
 * (the three passes), bare-word signature and count included.
 */
static void same_records(struct vn_norm *nm, const char *what, const char *t, size_t n)
{
	struct vn_toks a = {0}, b = {0};
	int pass;

	for (pass = 0; pass < 3; pass++) {
		vn_tok_precompute(nm, t, n, &a);
		vn_tok_precompute_direct(nm, t, n, &b);
		if (a.n != b.n || (a.n && memcmp(a.data, b.data, a.n) != 0) || a.count != b.count ||
		    a.bare != b.bare)
			fail_msg(
			    "%s (pass %d): %zu record bytes, %zu tokens, bare %llx; word by word "
			    "%zu, %zu, %llx",
			    what, pass + 1, a.n, a.count, (unsigned long long)a.bare, b.n, b.count,
			    (unsigned long long)b.bare);
	}
	vn_toks_free(&a);
	vn_toks_free(&b);
}

static void records_of_text(void *nm, const char *path, const char *data, size_t n)
{
	same_records(nm, path, data, n);
}

static void test_precompute_chunks(void **state)
{
	/* what the rules at a chunk's edges look at: number lists and groups, a digit glued to a
	 * word, bare words next to punctuation, NFD marks, separators that are not spaces
	 * (no-break space, soft hyphen, superscripts), every ASCII space, a chunk longer than
	 * the memo keeps and a word longer than a token */
	static const char *const edge[] = {
	    "1,2,3 d.1 d,2 1.419 1,419,000 1.419.000,5 01 2,5 ,3 .4 5. 6,",
	    "Covid-19, ISO 9001:2015 đồng3 3đồng khen thưởng⁽¹⁾ tỷ đồng³",
	    "  leading\ttab\rcr\fff\vvt\n\nnewline trailing  ",
	    "thi\xc2\xa0"
	    "đua khen\xc2\xad"
	    "thưởng To\xcc\x80"
	    "a a\xcc\x81n, (dan)",
	    "**Bằng khen**, “Chiến sỹ thi đua” – sĩ; hoà/hòa. ĐỒNG đồng dong DONG",
	    "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789,x",
	    "a.b,c a-b a/b (a) [b] {c} \"d\" 'e' a...b",
	};
	char *long_word = xmalloc(700);
	struct vn_norm *nm;
	struct err e;
	size_t i;
	(void)state;

	nm = vn_norm_new(&e);
	assert_non_null(nm);
	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		same_records(nm, edge[i], edge[i], strlen(edge[i]));
	memset(long_word, 'x', 699);
	long_word[699] = 0;
	same_records(nm, "a 699-byte word", long_word, 699);
	free(long_word);

	/* real text: the seed report and the transcripts of the legacy documents */
	for_each_real_text(records_of_text, nm);
	vn_norm_free(nm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_word_spans),         cmocka_unit_test(test_number_spans),
	    cmocka_unit_test(test_fts5_matching),      cmocka_unit_test(test_fts5_nfd_offsets),
	    cmocka_unit_test(test_fts5_folds),         cmocka_unit_test(test_replay),
	    cmocka_unit_test(test_replay_long_tokens), cmocka_unit_test(test_precompute_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
