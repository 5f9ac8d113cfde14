/*
 * `thidua search QUERY`: ranked passages. The query language and its expansion are
 * vn_query's; ranking is vn_rank's; this file only binds filters and prints rows.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"
#include "ranges.h"
#include "vn_query.h"
#include "vn_rank.h"

static const char usage[] =
	"usage: thidua search [--db FILE] [--limit N] [--year Y|Y1-Y2] [--doc ID] [--unit NAME]\n"
	"                     [--ocr-only|--no-ocr] [--candidates N]\n"
	"                     [--format table|json|csv|tsv] QUERY...\n"
	"\n"
	"Find passages. Words without diacritics match every accented form (dong: đồng,\n"
	"động, đông…); words with diacritics match exactly, whatever the tone placement\n"
	"(hoà = hòa) or i/y spelling (sỹ = sĩ). Abbreviations expand both ways\n"
	"(THADS = thi hành án dân sự). Numbers match however they are grouped (1.419 = 1419).\n"
	"\n"
	"  word word      both words in the passage      \"a b\"   the phrase\n"
	"  a OR b         either                         -a      without a (also NOT a)\n"
	"  ( ... )        grouping                       khen*   prefix\n"
	"\n"
	"Passages where the words stand together, then those spelled as typed, come first.\n"
	"A query matching more than N passages (--candidates, default 1000) ranks only the\n"
	"first N of them in index order (passage id), after the filters; a word in more than\n"
	"N passages has its rarity estimated from its first N (README, \"Searching\").\n"
	"\n"
	"  --db FILE        database (default: $THIDUA_DB, else ./thidua.db)\n"
	"  -n, --limit N    at most N passages (default 20; 0 = all)\n"
	"  --year Y|Y1-Y2   only documents about that year or range\n"
	"  --doc ID         only that document\n"
	"  --unit NAME      only passages about that unit (a list item \"- Công an tỉnh: …\"\n"
	"                   and its footnotes); NAME without accents or as an alias (CA tỉnh)\n"
	"  --ocr-only       only passages read by OCR from scanned pages\n"
	"  --no-ocr         only passages from text layers and documents\n"
	"  --candidates N   rank at most N matching passages (default 1000; 0 = every match,\n"
	"                   slower on a large archive)\n"
	"  --format F       table (default), json, csv or tsv\n"
	"  -h, --help       this help\n"
	"\n"
	"The ocr column is the mean word confidence (0-100) Tesseract gave the page a passage\n"
	"was read from, empty for passages not read by OCR (docs/ocr.md).\n";

static const struct col cols[] = {
	{"rank", COL_INT, COL_BOTH, "#"},
	{"passage", COL_INT, COL_MACHINE, NULL},
	{"doc", COL_INT, COL_BOTH, NULL},
	{"path", COL_STR, COL_MACHINE, NULL},
	{"document", COL_STR, COL_TABLE, NULL},
	{"year", COL_INT, COL_BOTH, NULL},
	{"section", COL_STR, COL_BOTH, NULL},
	{"unit", COL_STR, COL_BOTH, NULL},
	{"kind", COL_STR, COL_MACHINE, NULL},
	{"ocr", COL_REAL, COL_BOTH, NULL},
	{"score", COL_REAL, COL_MACHINE, NULL},
	{"text", COL_STR, COL_MACHINE, NULL},
	{"snippet", COL_STR, COL_BOTH, NULL},
};

/*
 * Three steps: rank every match (cheap per row), then settle the exact score of the rows
 * that can still reach the top (a word typed without diacritics needs the passage read,
 * vn_rank_partial), then build snippets for the rows shown only — a snippet re-reads and
 * re-tokenizes its passage, and SQLite would otherwise compute it for every match.
 */
static const char rank_head[] =
	"SELECT p.id, vn_rank(passages_fts, ?1, p.bytes, p.bare, 1)"
	" FROM passages_fts JOIN passage_rows p ON p.id = passages_fts.rowid"
	" JOIN documents d ON d.id = p.doc"
	" WHERE passages_fts MATCH ?2"
	"   AND (?3 IS NULL OR d.year BETWEEN ?3 AND ?4)"
	"   AND (?5 IS NULL OR p.doc = ?5)";

/* passages ranked when a query matches more (--candidates; README, "Searching") */
#define DEFAULT_CANDIDATES 1000
/* at most this many intervals of a filter are sought one by one (cmd_search) */
#define SEEK_RANGES 1000
/*
 * A phrase's IDF counts at most this many of its hits, and estimates the rest from how far
 * into the passages' ids they reach (add_sample). Matching a phrase's positions is most of
 * the count: with 1000, `"Tòa án nhân dân"` ran 55M instructions on the national corpus,
 * with 250 44M. The estimate's error grows from about 3% to 6% (1/sqrt(n)), which moves
 * only the BM25 part of a score (under 100 of its points): of the 30 benchmark queries' top
 * 20 passages, 595 of 600 stayed; the five others traded places at the 20th with a passage
 * scored within 0.2 points of it (tools/bench_queries.sh against the count of 1000).
 */
#define IDF_SAMPLE 250

/*
 * A shown row's snippet: with a query of several words, from a small full-text table of
 * the shown passages alone (temp.shown, same tokenizer, same columnsize), built
 * SHOWN_ROWS rows at a time. The national index's MATCH with rowid = seeks every word's
 * doclist to that row (1.5M instructions a row for THADS, whose other form is five common
 * words: a third of the search), while snippet() needs only the row's text and where the
 * query's phrases stand in it, the same in either index. Indexing a passage costs about
 * what seeking one word does, so a one-word query keeps the national index — unless typed
 * without diacritics: then it seeks each accented form the index holds under it ("dong":
 * seven), and the shown passages' own table took `dong` from 19 ms to 14.
 */
#define SHOWN_ROWS 256

static const char row_sql[] =
    "SELECT p.doc, d.path, d.year, (SELECT path FROM sections WHERE id = p.section), %1$s.text,"
    "  snippet(%1$s, 0, char(1), char(2), '…', 24), u.name, p.kind, o.conf"
    " FROM %1$s JOIN passage_rows p ON p.id = %1$s.rowid"
    " JOIN documents d ON d.id = p.doc LEFT JOIN units u ON u.id = p.unit"
    " LEFT JOIN ocr_passages o ON o.passage = p.id"
    " WHERE %1$s MATCH ?1 AND %1$s.rowid = ?2";

/* row_sql on table in *row */
static int row_stmt(sqlite3 *db, const char *table, sqlite3_stmt **row)
{
	struct buf sql = BUF_INIT;
	int rc;

	sqlite3_finalize(*row);
	*row = NULL;
	buf_printf(&sql, row_sql, table);
	rc = sqlite3_prepare_v2(db, sql.p, -1, row, NULL);
	buf_free(&sql);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * Tell vn_rank to count at most `n` hits of each phrase for its IDF and estimate the rest
 * from the passages' rowid range (vn_rank.c, phrase_hits). min and max in one SELECT would
 * scan the table; each alone is one seek.
 */
static int add_sample(sqlite3 *db, struct vn_query *vq, long n)
{
	static const char sql[] =
		"SELECT (SELECT min(id) FROM passage_rows), (SELECT max(id) FROM passage_rows)";
	sqlite3_stmt *st;
	struct buf b = BUF_INIT;
	int rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		buf_adds(&b, vq->rank);
		buf_printf(&b, "S\t%ld\t%lld\t%lld\n", n, (long long)sqlite3_column_int64(st, 0),
			   (long long)sqlite3_column_int64(st, 1));
		free(vq->rank);
		vq->rank = buf_detach(&b);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The passage id intervals of the documents --year and --doc keep (ranges.h), which the
 * documents table holds (first_passage, last_passage; for --year read from the index on
 * year alone). Testing a match's id against them costs nothing, while the exact test reads
 * its passage row and document: with --year 2020, 19 of 20 matches were read only to be
 * dropped. A filter keeping more than half of the documents drops too little to pay for its
 * intervals (*used = 0).
 */
static int filter_ranges(sqlite3 *db, int y0, int y1, long docid, struct id_ranges *s,
			 int *used)
{
	static const char count_sql[] =
		"SELECT (SELECT count(*) FROM documents WHERE year BETWEEN ?1 AND ?2),"
		" (SELECT count(*) FROM documents)";
	static const char year_sql[] = "SELECT first_passage, last_passage FROM documents"
				       " WHERE year BETWEEN ?1 AND ?2";
	static const char doc_sql[] =
		"SELECT first_passage, last_passage FROM documents"
		" WHERE id = ?3 AND (?1 IS NULL OR year BETWEEN ?1 AND ?2)";
	sqlite3_stmt *st;
	int rc;

	*used = 0;
	if (docid < 0) {
		sqlite3_int64 kept = 0, all = 0;
		if (sqlite3_prepare_v2(db, count_sql, -1, &st, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_int(st, 1, y0);
		sqlite3_bind_int(st, 2, y1);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			kept = sqlite3_column_int64(st, 0);
			all = sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return -1;
		if (kept * 2 > all)
			return 0;
	}
	*used = 1;
	if (sqlite3_prepare_v2(db, docid >= 0 ? doc_sql : year_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (y0) {
		sqlite3_bind_int(st, 1, y0);
		sqlite3_bind_int(st, 2, y1);
	}
	if (docid >= 0)
		sqlite3_bind_int64(st, 3, docid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			ranges_add(s, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	ranges_finish(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * --year's documents as passage id intervals in ascending order, read as they are sought:
 * one statement a year on the index on (year, first_passage, last_passage), merged. The
 * search mostly has its candidates from the first few (the first province's reports of
 * those years), so the other thousands of documents are never read; reading them all and
 * counting them to choose a plan was a fifth of `bằng khen --year 2018-2022`.
 */
#define LAZY_YEARS 64

struct year_ivs {
	sqlite3_stmt *st[LAZY_YEARS];
	sqlite3_int64 lo[LAZY_YEARS], hi[LAZY_YEARS];
	int alive[LAZY_YEARS], n;
};

static int year_step(struct year_ivs *v, int k)
{
	int rc = sqlite3_step(v->st[k]);

	v->alive[k] = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		v->lo[k] = sqlite3_column_int64(v->st[k], 0);
		v->hi[k] = sqlite3_column_int64(v->st[k], 1);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int year_open(sqlite3 *db, int y0, int y1, struct year_ivs *v)
{
	static const char sql[] = "SELECT first_passage, last_passage FROM documents"
				  " WHERE year = ?1 AND first_passage IS NOT NULL ORDER BY first_passage";
	int y;

	memset(v, 0, sizeof(*v));
	for (y = y0; y <= y1; y++) {
		if (sqlite3_prepare_v2(db, sql, -1, &v->st[v->n], NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_int(v->st[v->n], 1, y);
		if (year_step(v, v->n++) != 0)
			return -1;
	}
	return 0;
}

/* the next interval, adjacent ones merged: 1, or 0 at the end, -1 on a read error */
static int year_next(struct year_ivs *v, sqlite3_int64 *lo, sqlite3_int64 *hi)
{
	int got = 0;

	for (;;) {
		int k, best = -1;
		for (k = 0; k < v->n; k++)
			if (v->alive[k] && (best < 0 || v->lo[k] < v->lo[best]))
				best = k;
		if (best < 0 || (got && v->lo[best] > *hi + 1))
			return got;
		if (!got) {
			*lo = v->lo[best];
			*hi = v->hi[best];
			got = 1;
		} else if (v->hi[best] > *hi) {
			*hi = v->hi[best];
		}
		if (year_step(v, best) != 0)
			return -1;
	}
}

static void year_close(struct year_ivs *v)
{
	int k;
	for (k = 0; k < v->n; k++)
		sqlite3_finalize(v->st[k]);
	v->n = 0;
}

/* A ranked match: its score known, or only bounded until its pending reads are done. */
struct cand {
	sqlite3_int64 id;
	struct vn_rank_partial part;
	double score; /* exact once part.pending is 0, else the most it can be */
};

static double cand_bound(const struct vn_rank_partial *p)
{
	struct vn_rank_partial best = *p;
	uint64_t m;

	for (m = p->pending; m; m &= m - 1)
		best.exact++;
	best.pending = 0;
	return vn_rank_score(&best);
}

/* the order rows are shown in: score, higher first, then passage id */
static int cand_before(const struct cand *a, const struct cand *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

static void heap_down(struct cand *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, best = i;
		struct cand t;
		if (l < n && cand_before(&h[l], &h[best]))
			best = l;
		if (l + 1 < n && cand_before(&h[l + 1], &h[best]))
			best = l + 1;
		if (best == i)
			return;
		t = h[i];
		h[i] = h[best];
		h[best] = t;
		i = best;
	}
}

/* Read the passage and settle c's score: the accent check vn_rank left pending. */
static int settle(sqlite3_stmt *text_st, const struct vn_rank_terms *terms, struct cand *c)
{
	int rc;

	sqlite3_bind_int64(text_st, 1, c->id);
	rc = sqlite3_step(text_st);
	if (rc == SQLITE_ROW)
		c->part.exact += vn_rank_spelled(terms, c->part.pending,
						 (const char *)sqlite3_column_text(text_st, 0),
						 (size_t)sqlite3_column_bytes(text_st, 0));
	sqlite3_reset(text_st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	c->part.pending = 0;
	c->score = vn_rank_score(&c->part);
	return 0;
}

/*
 * The best `limit` of the n candidates (0: all), in order, to the front of c; how many, or
 * -1 on a read error. A max-heap on the bound: a candidate at the top with reads pending is
 * settled and sifted down, one already exact is the next row; so only the passages that
 * can still beat the rows taken are read (for `chiến sĩ thi đua`, 939 of 1000 before).
 */
static long top_rows(sqlite3 *db, const char *desc, struct cand *c, size_t n, long limit)
{
	static const char text_sql[] = "SELECT text FROM passages WHERE id = ?1";
	struct vn_rank_terms *terms = vn_rank_terms_new(desc);
	sqlite3_stmt *text_st;
	size_t i, heap = n, out = 0, want = limit > 0 && (size_t)limit < n ? (size_t)limit : n;
	long rc = -1;

	if (sqlite3_prepare_v2(db, text_sql, -1, &text_st, NULL) != SQLITE_OK) {
		vn_rank_terms_free(terms);
		return -1;
	}
	for (i = n; i-- > 0;)
		heap_down(c, n, i);
	while (out < want) {
		struct cand top = c[0];
		if (top.part.pending) {
			if (settle(text_st, terms, &c[0]) != 0)
				goto done;
			heap_down(c, heap, 0);
			continue;
		}
		/* the heap shrinks from its end; the rows taken fill it from there, last first */
		c[0] = c[--heap];
		heap_down(c, heap, 0);
		c[n - 1 - out++] = top;
	}
	/* rows taken sit at the end, best last: to the front, best first */
	for (i = 0; i < out / 2; i++) {
		struct cand t = c[n - 1 - i];
		c[n - 1 - i] = c[n - out + i];
		c[n - out + i] = t;
	}
	if (out > 0)
		memmove(c, c + (n - out), out * sizeof(*c));
	rc = (long)out;
done:
	sqlite3_finalize(text_st);
	vn_rank_terms_free(terms);
	return rc;
}

/* temp.shown holding the passages of c[0..n), and row_sql on it in *row */
static int shown_table(sqlite3 *db, const struct cand *c, long n, int again, sqlite3_stmt **row)
{
	struct buf sql = BUF_INIT;
	struct err e;
	long i;
	int rc;

	sqlite3_finalize(*row);
	*row = NULL;
	/* in memory: no temporary file for a few hundred passages */
	if (db_exec(db, again ? "DROP TABLE temp.shown" : "PRAGMA temp_store = MEMORY", &e) != 0)
		return -1;
	buf_adds(&sql, "CREATE VIRTUAL TABLE temp.shown USING fts5(text, tokenize = 'vietnamese',"
		       " columnsize = 0);"
		       " INSERT INTO temp.shown(rowid, text) SELECT id, text FROM passages WHERE id IN (");
	for (i = 0; i < n; i++)
		buf_printf(&sql, "%s%lld", i ? "," : "", (long long)c[i].id);
	buf_adds(&sql, ")");
	rc = db_exec(db, sql.p, &e);
	buf_free(&sql);
	return rc == 0 ? row_stmt(db, "shown", row) : -1;
}

/* Adjacent highlighted words read better as one highlight: «chiến» «sỹ» -> «chiến sỹ». */
static void merge_marks(char *s)
{
	char *w = s, *r = s;

	while (*r) {
		if (r[0] == 2 && r[1] == ' ' && r[2] == 1) {
			*w++ = ' ';
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	  {"limit", required_argument, NULL, 'n'},
		{"year", required_argument, NULL, 'y'},	  {"doc", required_argument, NULL, 'D'},
		{"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
		{"unit", required_argument, NULL, 'u'},	  {"ocr-only", no_argument, NULL, 'O'},
		{"no-ocr", no_argument, NULL, 'N'},	  {"candidates", required_argument, NULL, 'C'},
		{NULL, 0, NULL, 0}};
	const char *unit = NULL;
	int ocr_filter = 0; /* 1: OCR passages only, -1: none of them */
	struct buf sql = BUF_INIT;
	const char *dbpath = NULL;
	long limit = 20, docid = -1, cands = DEFAULT_CANDIDATES;
	int fmt = FMT_TABLE, y0 = 0, y1 = 0, c, rank = 0, rc = EXIT_OK;
	struct buf q = BUF_INIT;
	struct vn_query vq;
	struct vn_norm *nm;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st = NULL, *row = NULL;
	struct out *o;
	struct id_ranges keep = {NULL, 0, 0, 0};
	struct cand *cv = NULL;
	const struct id_ranges *seek = NULL; /* one statement per interval */
	struct year_ivs years = {{NULL}, {0}, {0}, {0}, 0};
	sqlite3_int64 lo = 0, hi = 0;
	int lazy = 0; /* --year's intervals from years, as sought */
	struct buf rank_desc = BUF_INIT;
	struct buf match = BUF_INIT; /* the expression with the filter's term, if any */
	size_t ncand = 0, ccap = 0;
	long i, nshow = 0;
	int own; /* the snippets' own full-text table (row_sql) */

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'n':
			if (cli_parse_count(optarg, &limit) != 0)
				return cli_usage_error("search", "--limit wants a number (0 = all)");
			break;
		case 'y':
			if (cli_parse_years(optarg, &y0, &y1) != 0)
				return cli_usage_error("search", "--year wants Y or Y1-Y2, e.g. 2018-2022");
			break;
		case 'D':
			if (cli_parse_count(optarg, &docid) != 0)
				return cli_usage_error("search", "--doc wants a document id");
			break;
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error("search", "--format is table, json, csv or tsv");
			break;
		case 'C':
			if (cli_parse_count(optarg, &cands) != 0)
				return cli_usage_error("search", "--candidates wants a number (0 = all)");
			break;
		case 'u':
			unit = optarg;
			break;
		case 'O':
			ocr_filter = 1;
			break;
		case 'N':
			ocr_filter = -1;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("search", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("search", "no query");
	for (c = optind; c < argc; c++) {
		if (c > optind)
			buf_addc(&q, ' ');
		buf_adds(&q, argv[c]);
	}
	nm = vn_norm_new(&e);
	if (!nm || vn_query_build(nm, q.p, &vq, &e) != 0) {
		vn_norm_free(nm);
		buf_free(&q);
		return cli_error("search", "%s", e.msg);
	}
	buf_free(&q);
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0) {
		vn_norm_free(nm);
		vn_query_free(&vq);
		return cli_error("search", "%s", e.msg);
	}
	buf_adds(&sql, rank_head);
	if (y0 && docid < 0 && y1 - y0 < LAZY_YEARS) {
		if (year_open(db, y0, y1, &years) != 0) {
			vn_norm_free(nm);
			rc = cli_error("search", "%s", sqlite3_errmsg(db));
			goto out;
		}
		lazy = 1;
	} else if (y0 || docid >= 0) {
		int used;
		if (filter_ranges(db, y0, y1, docid, &keep, &used) != 0 ||
		    ranges_register(db, "in_filter_ranges", &keep) != 0) {
			vn_norm_free(nm);
			rc = cli_error("search", "%s", sqlite3_errmsg(db));
			goto out;
		}
		/* A few intervals are best handed to FTS5 as rowid bounds, one statement each: it
		 * seeks to each instead of walking every match between them (`cờ thi đua --year
		 * 2020`: 63 intervals, one province's documents of 2020 each, and 15 000 matches
		 * walked for the 1000 inside them). Many are tested on each match's id, before the
		 * exact tests above in the statement's order of evaluation: it needs only the id,
		 * so SQLite tests it before reading the row. */
		if (used && keep.n <= SEEK_RANGES)
			seek = &keep;
		else if (used)
			buf_adds(&sql, " AND in_filter_ranges(passages_fts.rowid)");
	}
	if (unit) {
		/* one more term: the unit column (schema/thidua.sql) holding one of its ids; its
		 * phrases rank nothing ("F", lib/vn_rank.h) */
		char *ids = qopts_unit_ids(db, nm, unit), *p;
		if (!*ids) {
			buf_adds(&sql, " AND 0"); /* no unit of that name */
		} else {
			buf_printf(&match, "(%s) AND unit : (", vq.fts);
			for (p = ids; *p; p++)
				if (*p == ',')
					buf_adds(&match, " OR ");
				else
					buf_addc(&match, *p);
			buf_addc(&match, ')');
			buf_printf(&rank_desc, "F\t%d\n", vq.nphrases);
		}
		free(ids);
	}
	if (ocr_filter)
		buf_printf(&sql, " AND p.id %s (SELECT passage FROM ocr_passages)",
			   ocr_filter > 0 ? "IN" : "NOT IN");
	if (seek || lazy)
		buf_adds(&sql, " AND passages_fts.rowid BETWEEN ?8 AND ?9");
	/* the cap: the first matches in rowid order, which FTS5 yields without sorting (and
	 * ascending, cheaper for it than descending); the filters above come before it, and
	 * the intervals are taken in ascending order, so their matches are in rowid order */
	buf_adds(&sql, " ORDER BY passages_fts.rowid LIMIT ?7");
	vn_norm_free(nm);
	/* one search, on a read-only connection: its statements may share the IDFs */
	buf_adds(&rank_desc, vq.rank);
	buf_adds(&rank_desc, "K\n");
	free(vq.rank);
	vq.rank = buf_detach(&rank_desc);
	if ((cands > 0 && add_sample(db, &vq, cands < IDF_SAMPLE ? cands : IDF_SAMPLE) != 0) ||
	    sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("search", "%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_bind_text(st, 1, vq.rank, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, match.n ? match.p : vq.fts, -1, SQLITE_STATIC);
	if (y0) {
		sqlite3_bind_int(st, 3, y0);
		sqlite3_bind_int(st, 4, y1);
	}
	if (docid >= 0)
		sqlite3_bind_int64(st, 5, docid);

	o = out_new(stdout, fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	c = SQLITE_DONE;
	for (i = 0; c == SQLITE_DONE && (cands == 0 || ncand < (size_t)cands); i++) {
		if (seek && (size_t)i >= seek->n)
			break;
		if (seek) {
			sqlite3_bind_int64(st, 8, seek->r[i][0]);
			sqlite3_bind_int64(st, 9, seek->r[i][1]);
		} else if (lazy) {
			int got = 0;
			/* past SEEK_RANGES intervals, the rest in one walk (the exact test stays) */
			if (i < SEEK_RANGES && (got = year_next(&years, &lo, &hi)) < 0) {
				c = SQLITE_ERROR;
				break;
			}
			if (!got && i < SEEK_RANGES)
				break;
			if (!got) {
				lo = hi + 1;
				hi = INT64_MAX;
			}
			sqlite3_bind_int64(st, 8, lo);
			sqlite3_bind_int64(st, 9, hi);
			if (!got)
				lazy = 0; /* this walk is the last */
		}
		sqlite3_bind_int64(st, 7, cands == 0 ? -1 : cands - (long)ncand);
		while ((c = sqlite3_step(st)) == SQLITE_ROW) {
			struct cand *k;
			if (sqlite3_column_bytes(st, 1) != (int)sizeof(k->part))
				continue; /* not a match after all: vn_rank always returns one */
			cv = xgrow(cv, &ccap, ncand + 1, sizeof(*cv));
			k = &cv[ncand++];
			k->id = sqlite3_column_int64(st, 0);
			memcpy(&k->part, sqlite3_column_blob(st, 1), sizeof(k->part));
			k->score = cand_bound(&k->part);
		}
		sqlite3_reset(st);
		if (!seek && !lazy)
			break;
	}
	/* done with them: a statement left running would keep temp.shown from being dropped */
	year_close(&years);
	if (c == SQLITE_DONE && (nshow = top_rows(db, vq.rank, cv, ncand, limit)) < 0)
		c = SQLITE_ERROR;
	{
		struct vn_rank_terms *t = vn_rank_terms_new(vq.rank);
		own = vn_rank_terms_tokens(t) > 1 || vn_rank_terms_bare(t) > 0;
		vn_rank_terms_free(t);
	}
	/* a ranking of part of the matches says so, once, where scripts do not read */
	if (nshow > 0 && cands > 0 && ncand >= (size_t)cands)
		fprintf(stderr,
			"thidua search: %ld or more passages match; the first %ld were "
			"ranked (--candidates 0 ranks them all)\n",
			cands, cands);
	for (i = 0; c == SQLITE_DONE && i < nshow; i++) {
		sqlite3_int64 id = cv[i].id;
		const char *path, *base;
		char *snip;
		if (i == 0 || (own && i % SHOWN_ROWS == 0)) {
			if ((own ? shown_table(db, cv + i,
					       nshow - i < SHOWN_ROWS ? nshow - i : SHOWN_ROWS, i > 0,
					       &row)
				 : row_stmt(db, "passages_fts", &row)) != 0) {
				c = SQLITE_ERROR;
				break;
			}
			sqlite3_bind_text(row, 1, vq.fts, -1, SQLITE_STATIC);
		}
		sqlite3_bind_int64(row, 2, id);
		if (sqlite3_step(row) != SQLITE_ROW) {
			sqlite3_reset(row);
			continue;
		}
		path = (const char *)sqlite3_column_text(row, 1);
		base = strrchr(path, '/');
		snip = xstrdup((const char *)sqlite3_column_text(row, 5));
		merge_marks(snip);
		out_int(o, ++rank);
		out_int(o, id);
		out_int(o, sqlite3_column_int64(row, 0));
		out_str(o, path);
		out_str(o, base ? base + 1 : path);
		if (sqlite3_column_type(row, 2) == SQLITE_NULL)
			out_null(o);
		else
			out_int(o, sqlite3_column_int(row, 2));
		out_str(o, (const char *)sqlite3_column_text(row, 3));
		out_str(o, (const char *)sqlite3_column_text(row, 6));
		out_str(o, (const char *)sqlite3_column_text(row, 7));
		if (sqlite3_column_type(row, 8) == SQLITE_NULL)
			out_null(o);
		else
			out_real(o, sqlite3_column_double(row, 8));
		out_real(o, cv[i].score);
		out_str(o, (const char *)sqlite3_column_text(row, 4));
		out_str(o, snip);
		free(snip);
		sqlite3_reset(row);
	}
	out_end(o);
	if (c != SQLITE_DONE)
		rc = cli_error("search", "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_finalize(row);
out:
	year_close(&years);
	free(cv);
	buf_free(&sql);
	ranges_free(&keep);
	buf_free(&match);
	vn_query_free(&vq);
	db_close(db);
	return rc;
}
