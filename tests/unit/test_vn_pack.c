/*
 * Unit tests for how passage text is stored: lib/vn_pack (one zstd frame with the built-in
 * dictionary), indexer/doc.c doc_pack (consecutive passages of a document packed together,
 * about DOC_CHUNK_BYTES a chunk) and the SQL functions vn_slice, which cuts a passage back out
 * of its chunk for the `passages` view, and vn_span, which cuts characters of it for the
 * views `awards` and `figures`. Every passage of every real text must come back byte
 * for byte; vn_slice's memory of the last chunk must never hand out another chunk's text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <string.h>

#include "doc.h"
#include "real_texts.h"
#include "text.h"
#include "vn_pack.h"

/* A document of text's paragraphs (lines), each a passage, as the layout would give. */
static void doc_of_lines(struct doc *d, const char *data, size_t n)
{
	const char *p = data, *end = data + n;

	memset(d, 0, sizeof(*d));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len)
			doc_add_passage(d, xstrndup(p, len), "PHẦN I", "body");
		p += len + 1;
	}
}

static sqlite3 *open_mem(void)
{
	sqlite3 *db;
	struct err e;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(vn_pack_register(db, &e), 0);
	return db;
}

/* vn_slice(chunk, off, len) through SQL; NULL (and *rc) on an error. */
static char *slice(sqlite3 *db, const struct buf *chunk, size_t off, size_t len, int *rc)
{
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT vn_slice(?, ?, ?)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(st, 1, chunk->p, (int)chunk->n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)off);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)len);
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW)
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Whether vn_span(chunk, off, len, a, b) gives what substr() gives on the whole passage:
 * the views awards and figures cut evidence and raw with it, where SQL's substr() did. */
static int span_agrees(sqlite3 *db, const struct buf *chunk, size_t off, size_t len, long long a,
                       long long b)
{
	sqlite3_stmt *st;
	int same;

	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT vn_span(?1, ?2, ?3, ?4, ?5) IS"
	                       " substr(vn_slice(?1, ?2, ?3), ?4 + 1, max(?5 - ?4, 0))",
	                       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_blob(st, 1, chunk->p, (int)chunk->n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)off);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)len);
	sqlite3_bind_int64(st, 4, a);
	sqlite3_bind_int64(st, 5, b);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	same = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return same;
}

/* Spans of passage p's characters: from the start, inside (accented letters are two or
 * three bytes), across and past the end, its last two, empty and reversed. */
static void check_spans(sqlite3 *db, const struct buf *chunk, const struct passage *p,
                        const char *path, size_t i)
{
	const long long spans[][2] = {{0, 1}, {1, 7}, {3, 40},         {0, 100000},
	                              {5, 5}, {9, 2}, {100000, 100002}};
	size_t len = strlen(p->text), k;
	long long nch = 0;

	for (k = 0; k < len; k++)
		nch += ((unsigned char)p->text[k] & 0xC0) != 0x80;
	for (k = 0; k < sizeof(spans) / sizeof(spans[0]); k++)
		if (!span_agrees(db, chunk, p->off, len, spans[k][0], spans[k][1]))
			fail_msg("%s: passage %zu: vn_span(%lld, %lld) is not substr's", path, i,
			         spans[k][0], spans[k][1]);
	if (nch > 2 && !span_agrees(db, chunk, p->off, len, nch - 2, nch))
		fail_msg("%s: passage %zu: its last two characters", path, i);
	if (nch > 20 && !span_agrees(db, chunk, p->off, len, nch / 2, nch / 2 + 9))
		fail_msg("%s: passage %zu: nine characters from its middle", path, i);
}

/* text_byte_at, which vn_span uses, against a walk of p's characters one at a time: every
 * fifth character, the last ones and past the end (it skips eight bytes at a time). */
static void check_byte_at(const char *text, const char *path, size_t i)
{
	size_t len = strlen(text), b = 0, chr = 0;

	for (;;) {
		if ((chr % 5 == 0 || len - b < 12) && text_byte_at(text, len, chr) != b)
			fail_msg("%s: passage %zu: character %zu is at byte %zu, not %zu", path, i,
			         chr, b, text_byte_at(text, len, chr));
		if (b == len)
			break;
		b++;
		while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
		chr++;
	}
	if (text_byte_at(text, len, chr + 1) != len || text_byte_at(text, len, chr + 100) != len)
		fail_msg("%s: passage %zu: past its end", path, i);
}

struct counts {
	sqlite3 *db;
	struct vn_packer *pk;
	size_t docs, passages, chunks;
};

static void check_text(void *ctx, const char *path, const char *data, size_t n)
{
	struct counts *c = ctx;
	struct buf text = BUF_INIT;
	struct doc d;
	size_t i, k;
	int rc;

	doc_of_lines(&d, data, n);
	doc_pack(&d, c->pk);
	/* chunks are whole passages, in order, each DOC_CHUNK_BYTES or more but the last */
	for (k = 0; k < d.nchunks; k++) {
		assert_int_equal(vn_unpack(c->pk, d.chunks[k].p, d.chunks[k].n, &text), 0);
		if (k + 1 < d.nchunks && text.n < DOC_CHUNK_BYTES)
			fail_msg("%s: chunk %zu of %zu holds %zu bytes", path, k, d.nchunks,
			         text.n);
	}
	for (i = 0; i < d.npassages; i++) {
		const struct passage *p = &d.passages[i];
		char *got;
		assert_true(p->chunk < d.nchunks);
		assert_true(i == 0 || p->chunk == d.passages[i - 1].chunk + (p->off == 0));
		got = slice(c->db, &d.chunks[p->chunk], p->off, strlen(p->text), &rc);
		assert_int_equal(rc, SQLITE_ROW);
		if (strcmp(got, p->text) != 0)
			fail_msg("%s: passage %zu differs after packing", path, i);
		free(got);
		check_spans(c->db, &d.chunks[p->chunk], p, path, i);
		check_byte_at(p->text, path, i);
	}
	c->docs++;
	c->passages += d.npassages;
	c->chunks += d.nchunks;
	buf_free(&text);
	doc_free(&d);
}

static void test_real_texts_round_trip(void **state)
{
	struct counts c = {open_mem(), vn_packer_new(), 0, 0, 0};

	(void)state;
	for_each_real_text(check_text, &c);
	/* several passages share a chunk */
	assert_true(c.docs > 20);
	assert_true(c.passages > 2 * c.chunks);
	vn_packer_free(c.pk);
	sqlite3_close(c.db);
}

/* vn_slice remembers the last chunk it unpacked by its packed bytes: two chunks read in
 * turn, and one packed again from other text (a reused chunk id), give their own text. */
static void test_slice_memory_and_errors(void **state)
{
	sqlite3 *db = open_mem();
	struct vn_packer *pk = vn_packer_new();
	struct buf a = BUF_INIT, b = BUF_INIT, bad = BUF_INIT;
	const char *ta = "Công an tỉnh được tặng Cờ thi đua của Bộ Công an; 12 tập thể, 40 cá nhân "
	                 "được tặng Bằng khen của Chủ tịch UBND tỉnh.";
	const char *tb = "Tòa án nhân dân tỉnh: tổ chức tốt phong trào thi đua, đạt 994/1000 điểm, "
	                 "xếp thứ nhất Khối thi đua Nội chính năm 2020.";
	char *got;
	int rc, i;

	(void)state;
	vn_pack(pk, ta, strlen(ta), &a);
	vn_pack(pk, tb, strlen(tb), &b);
	assert_int_equal(a.p[0], 2); /* compressed, not stored as is */
	for (i = 0; i < 3; i++) {
		got = slice(db, &a, 0, 15, &rc);
		assert_string_equal(got, "Công an tỉnh");
		free(got);
		got = slice(db, &b, 0, 26, &rc);
		assert_string_equal(got, "Tòa án nhân dân tỉnh");
		free(got);
	}
	/* the last passage of a chunk, to its very end */
	got = slice(db, &a, strlen(ta) - 25, 25, &rc);
	assert_string_equal(got, "Chủ tịch UBND tỉnh.");
	free(got);
	/* outside the chunk */
	assert_null(slice(db, &a, strlen(ta) - 5, 6, &rc));
	assert_int_equal(rc, SQLITE_ERROR);
	/* damaged: the frame cut short */
	buf_add(&bad, a.p, a.n / 2);
	assert_null(slice(db, &bad, 0, 4, &rc));
	assert_int_equal(rc, SQLITE_ERROR);
	/* and the good chunk still reads after the error */
	got = slice(db, &a, 0, 15, &rc);
	assert_string_equal(got, "Công an tỉnh");
	free(got);
	buf_free(&a);
	buf_free(&b);
	buf_free(&bad);
	vn_packer_free(pk);
	sqlite3_close(db);
}

/* A passage longer than a chunk's target is never split: it ends the chunk it starts in. */
static void test_long_passage(void **state)
{
	struct vn_packer *pk = vn_packer_new();
	struct buf text = BUF_INIT, big = BUF_INIT;
	struct doc d;
	size_t i;

	(void)state;
	memset(&d, 0, sizeof(d));
	doc_add_passage(&d, xstrdup("I. KẾT QUẢ"), "PHẦN I", "heading");
	for (i = 0; big.n < 3 * DOC_CHUNK_BYTES; i++)
		buf_printf(&big, "Đơn vị %zu được tặng Bằng khen của Chủ tịch UBND tỉnh. ", i);
	doc_add_passage(&d, xstrdup(buf_str(&big)), "PHẦN I", "body");
	doc_add_passage(&d, xstrdup("Nơi nhận:"), "", "footer");
	doc_pack(&d, pk);
	assert_int_equal(d.nchunks, 2);
	assert_int_equal(d.passages[1].chunk, 0);
	assert_int_equal(d.passages[1].off, strlen("I. KẾT QUẢ"));
	assert_int_equal(d.passages[2].chunk, 1);
	assert_int_equal(d.passages[2].off, 0);
	assert_int_equal(vn_unpack(pk, d.chunks[0].p, d.chunks[0].n, &text), 0);
	assert_int_equal(text.n, strlen("I. KẾT QUẢ") + big.n);
	assert_memory_equal(text.p + d.passages[1].off, big.p, big.n);
	buf_free(&text);
	buf_free(&big);
	doc_free(&d);
	vn_packer_free(pk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_texts_round_trip),
	    cmocka_unit_test(test_slice_memory_and_errors),
	    cmocka_unit_test(test_long_passage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
