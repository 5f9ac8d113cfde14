/* `thidua show DOC`: a document as thidua read it — header, then the repaired text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"

static const char usage[] =
	"usage: thidua show [--db FILE] [--section PATH] [--format table|json|csv|tsv] [--ocr-raw] DOC\n"
	"\n"
	"The header (số/ký hiệu, place and date, type, title, issuer, signer, Nơi nhận), then\n"
	"the text with sentences cut by page breaks joined again, section headings, and each\n"
	"footnote under the passage citing it. --section \"PHẦN I › III\" (or \"PHẦN I > III\")\n"
	"shows that section and what it contains. Other formats give one row per passage:\n"
	"passage, section, kind, note, cites, unit, text, ocr (the mean word confidence of the\n"
	"OCR'd page the passage comes from; empty when not OCR'd).\n"
	"--ocr-raw prints the pages read by OCR as Tesseract read them, before the repair,\n"
	"each under a line with its confidence and the number of repairs (docs/ocr.md).\n";

static const struct col cols[] = {
	{"passage", COL_INT, COL_BOTH, NULL}, {"section", COL_STR, COL_BOTH, NULL},
	{"kind", COL_STR, COL_BOTH, NULL},    {"note", COL_STR, COL_BOTH, NULL},
	{"cites", COL_INT, COL_BOTH, NULL},   {"unit", COL_STR, COL_BOTH, NULL},
	{"text", COL_STR, COL_BOTH, NULL},    {"ocr", COL_REAL, COL_BOTH, NULL},
};

/* "PHẦN I > III" -> "PHẦN I › III" */
static char *norm_path(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		if (*s == '>')
			buf_adds(&b, "\xe2\x80\xba");
		else
			buf_addc(&b, *s);
	}
	return buf_detach(&b);
}

static int in_section(const char *sec, const char *want)
{
	size_t n = strlen(want);
	return !want[0] || (strncmp(sec, want, n) == 0 && (sec[n] == 0 || sec[n] == ' '));
}

static void field(const char *name, const unsigned char *v)
{
	if (v && *v)
		printf("%-12s %s\n", name, (const char *)v);
}

/* The OCR'd pages of doc as Tesseract read them. */
static int show_raw(sqlite3 *db, long doc)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db,
			       "SELECT page, conf, repairs, raw FROM ocr_pages WHERE doc = ?1 ORDER BY page",
			       -1, &st, NULL) != SQLITE_OK)
		return cli_error("show", "%s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, doc);
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("--- page %d (OCR, mean word confidence %.1f, %d repairs) ---\n",
		       sqlite3_column_int(st, 0), sqlite3_column_double(st, 1),
		       sqlite3_column_int(st, 2));
		fputs((const char *)sqlite3_column_text(st, 3), stdout);
		n++;
	}
	sqlite3_finalize(st);
	if (!n)
		return cli_error("show", "document %ld has no pages read by OCR", doc);
	return EXIT_OK;
}

/* Signature stamp and OCR lines of the header. */
static void show_ocr_header(sqlite3 *db, long doc)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT signer, body, signed_at FROM signatures WHERE doc = ?1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, doc);
		if (sqlite3_step(st) == SQLITE_ROW) {
			field("signed by", sqlite3_column_text(st, 0));
			field("signing body", sqlite3_column_text(st, 1));
			field("signed at", sqlite3_column_text(st, 2));
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db,
			       "SELECT count(*), avg(conf), sum(repairs) FROM ocr_pages WHERE doc = ?1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, doc);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0)
			printf("%-12s %d page%s read by OCR, mean word confidence %.1f, %d repairs\n",
			       "ocr", sqlite3_column_int(st, 0),
			       sqlite3_column_int(st, 0) > 1 ? "s" : "", sqlite3_column_double(st, 1),
			       sqlite3_column_int(st, 2));
	}
	sqlite3_finalize(st);
}

int cmd_show(int argc, char **argv)
{
	struct qopts q;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st, *fn;
	long doc;
	char *want;
	int rc = EXIT_OK, k, raw = 0, ai, aj;

	/* --ocr-raw is this command's own option: taken out before the common ones */
	for (ai = aj = 0; ai < argc; ai++)
		if (ai > 0 && strcmp(argv[ai], "--ocr-raw") == 0)
			raw = 1;
		else
			argv[aj++] = argv[ai];
	argc = aj;
	k = qopts_parse("show", usage, argc, argv, &q, QO_SECTION);
	if (k < 0)
		return k == -1 ? EXIT_OK : EXIT_USAGE;
	if (k != argc - 1 || cli_parse_count(argv[k], &doc) != 0)
		return cli_usage_error("show", "expected one document id");
	if (db_open(db_default_path(q.db), DB_READONLY, &db, &e) != 0)
		return cli_error("show", "%s", e.msg);
	if (raw) {
		rc = show_raw(db, doc);
		db_close(db);
		return rc;
	}
	want = norm_path(q.section ? q.section : "");
	if (sqlite3_prepare_v2(db,
			       "SELECT path, number, place, date, type_name, title, issuer_parent, issuer,"
			       " signer_role, signer, year, province FROM documents WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("show", "%s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_int64(st, 1, doc);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		rc = cli_error("show", "no document %ld", doc);
		goto out;
	}
	if (q.fmt == FMT_TABLE && !want[0]) {
		static const char *const names[] = {"document", "số", "place", "date", "type",
						    "title", "issuer", "", "signed", "", "year",
						    "province"};
		int i;
		for (i = 0; i < 12; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			if (i == 6 || i == 8) {
				const unsigned char *v2 = sqlite3_column_text(st, i + 1);
				if (v && v2)
					printf("%-12s %s / %s\n", names[i], v, v2);
				else
					field(names[i], v ? v : v2);
				i++;
				continue;
			}
			field(names[i], v);
		}
		sqlite3_finalize(st);
		show_ocr_header(db, doc);
		if (sqlite3_prepare_v2(db, "SELECT text FROM doc_recipients WHERE doc = ?1 ORDER BY ordinal",
				       -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, doc);
			while (sqlite3_step(st) == SQLITE_ROW)
				printf("%-12s - %s\n", "nơi nhận", sqlite3_column_text(st, 0));
		}
		putchar('\n');
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT p.id, p.section, p.kind, p.note, p.cites, u.name, p.text, o.conf"
	        " FROM passages p LEFT JOIN units u ON u.id = p.unit"
	        " LEFT JOIN ocr_passages o ON o.passage = p.id"
	        " WHERE p.id BETWEEN (SELECT first_passage FROM documents WHERE id = ?1)"
	        " AND (SELECT last_passage FROM documents WHERE id = ?1) ORDER BY p.id",
	        -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       /* a passage's footnotes are in its document: its span */
	                       "SELECT note, text FROM passages WHERE id BETWEEN"
	                       " (SELECT first_passage FROM documents WHERE id = ?2)"
	                       " AND (SELECT last_passage FROM documents WHERE id = ?2)"
	                       " AND cites = ?1 ORDER BY id",
	                       -1, &fn, NULL) != SQLITE_OK) {
		rc = cli_error("show", "%s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(fn, 2, doc);
	if (q.fmt == FMT_TABLE) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *sec = (const char *)sqlite3_column_text(st, 1);
			const char *kind = (const char *)sqlite3_column_text(st, 2);
			if (strcmp(kind, "footnote") == 0 || !in_section(sec, want) ||
			    (want[0] && (strcmp(kind, "header") == 0 || strcmp(kind, "footer") == 0)))
				continue;
			if (strcmp(kind, "heading") == 0)
				putchar('\n');
			printf("%s\n", sqlite3_column_text(st, 6));
			sqlite3_bind_int64(fn, 1, sqlite3_column_int64(st, 0));
			while (sqlite3_step(fn) == SQLITE_ROW)
				printf("    [%s] %s\n", sqlite3_column_text(fn, 0), sqlite3_column_text(fn, 1));
			sqlite3_reset(fn);
		}
	} else {
		struct out *o = out_new(stdout, q.fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (!in_section((const char *)sqlite3_column_text(st, 1), want))
				continue;
			for (k = 0; k < 8; k++) {
				if (sqlite3_column_type(st, k) == SQLITE_NULL)
					out_null(o);
				else if (cols[k].type == COL_INT)
					out_int(o, sqlite3_column_int64(st, k));
				else if (cols[k].type == COL_REAL)
					out_real(o, sqlite3_column_double(st, k));
				else
					out_str(o, (const char *)sqlite3_column_text(st, k));
			}
		}
		out_end(o);
	}
	sqlite3_finalize(fn);
	/* a passage that does not read (a damaged page) ends the listing: say so, not exit 0 */
	if (sqlite3_finalize(st) != SQLITE_OK)
		rc = cli_error("show", "%s", sqlite3_errmsg(db));
out:
	free(want);
	db_close(db);
	return rc;
}
