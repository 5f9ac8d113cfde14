/*
 * `thidua figures [QUERY]`: the numbers reports give, with what they count. Extraction is
 * indexer/figures.c (lib/vn_num); this file only filters and prints rows.
 *
 * QUERY is the search language of `thidua search`, matched against the passages through
 * their FTS index. Of the figures in matching passages, those whose noun holds the query's
 * words (folded: "suat qua" = "suất quà") are shown; when no noun does, all of them are
 * ("Covid" -> the figures of passages about Covid). Nouns have no index of their own: an
 * FTS5 row per figure doubled the indexer's time, and nouns are a few words long.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"
#include "vn_num.h"
#include "vn_query.h"
#include "vn_tok.h"

static const char usage[] =
    "usage: thidua figures [--db FILE] [--kind K[,K…]] [--min X] [--max X] [--year Y|Y1-Y2]\n"
    "                      [--unit NAME] [--doc ID] [--limit N]\n"
    "                      [--format table|json|csv|tsv] [QUERY...]\n"
    "\n"
    "List the figures reports give: counts, money, scores, ratios, percentages, rates and\n"
    "measures, each with the noun it counts, read the Vietnamese way (1.419 = 1419;\n"
    "3,232 tỷ đồng = 3 232 000 000; 994/1000 điểm = 994 of 1000). Dates, years, document\n"
    "numbers and labels are not figures.\n"
    "\n"
    "QUERY (the search language of `thidua search`) selects passages; of their figures,\n"
    "those whose noun holds the query's words are shown (\"suất quà\", also typed \"suat qua\"),\n"
    "or all of them when no noun does (Covid: the figures of passages about Covid).\n"
    "\n"
    "  --kind K         count, money, score, ratio, percent, rate, measure, number\n"
    "                   (several with commas: --kind score,ratio)\n"
    "  --min X, --max X value at least / at most X (money in đồng; 1.000.000 or 1000000)\n"
    "  --year Y|Y1-Y2   figures about that year or range\n"
    "  --unit NAME      figures of that unit, by name or alias, accents optional\n"
    "                   (\"CA tinh\" = Công an tỉnh)\n"
    "  --doc ID         only that document\n"
    "  -n, --limit N    at most N figures (default 0 = all)\n"
    "  --db FILE        database (default: $THIDUA_DB, else ./thidua.db)\n"
    "  --format F       table (default), json, csv or tsv\n"
    "  -h, --help       this help\n"
    "\n"
    "Example: which unit scored below 1000?   thidua figures --kind score --max 999\n";

static const struct col cols[] = {
    {"doc", COL_INT, COL_BOTH, NULL},     {"path", COL_STR, COL_MACHINE, NULL},
    {"year", COL_INT, COL_BOTH, NULL},    {"unit", COL_STR, COL_BOTH, NULL},
    {"kind", COL_STR, COL_BOTH, NULL},    {"value", COL_REAL, COL_BOTH, NULL},
    {"of", COL_REAL, COL_BOTH, NULL},     {"times", COL_REAL, COL_MACHINE, NULL},
    {"noun", COL_STR, COL_BOTH, NULL},    {"qualifier", COL_STR, COL_BOTH, NULL},
    {"raw", COL_STR, COL_BOTH, NULL},     {"flags", COL_STR, COL_BOTH, NULL},
    {"passage", COL_INT, COL_BOTH, NULL}, {"start", COL_INT, COL_MACHINE, NULL},
    {"end", COL_INT, COL_MACHINE, NULL},
};

/* ?2 min, ?3 max, ?4-?5 years, ?6 doc, ?7 FTS query (the kinds: parse_kinds) */
static const char select_sql[] =
    "SELECT f.doc, d.path, f.year, u.name, f.kind, f.value, f.maximum, f.times, f.noun,"
    "  f.qualifier, f.raw, f.flags, f.passage, f.char_start, f.char_end"
    " FROM figures f JOIN documents d ON d.id = f.doc LEFT JOIN units u ON u.id = f.unit"
    " WHERE (?2 IS NULL OR f.value >= ?2) AND (?3 IS NULL OR f.value <= ?3)"
    "   AND (?4 IS NULL OR f.year BETWEEN ?4 AND ?5)"
    "   AND (?6 IS NULL OR f.doc = ?6)";
static const char by_passage[] =
    "   AND f.passage IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?7)";
static const char order_sql[] = " ORDER BY f.doc, f.passage, f.char_start";

struct filter {
	const char *kinds; /* parse_kinds's SQL, or NULL for every kind */
	int has_min, has_max;
	double min, max;
	int y0, y1;
	long docid, limit;
	char *unit_ids; /* "1,4": the units --unit means (qopts_unit_ids), or NULL */
	const char *fts;
	char **words; /* the query's words, folded, that a noun must hold (NULL-terminated) */
	int *prefix;  /* words[i] was typed as a prefix (khen*) */
};

static int fold_word(void *ctx, const struct vn_word *w, size_t start, size_t end)
{
	struct buf *b = ctx;
	(void)start;
	(void)end;
	if (b->n)
		buf_addc(b, ' ');
	buf_add(b, w->fold, w->nfold);
	return 0;
}

/* "Công an tỉnh" -> "cong an tinh": words folded, one space apart. */
static char *fold(struct vn_norm *nm, const char *s)
{
	struct buf b = BUF_INIT;
	vn_tok_each(nm, s, strlen(s), fold_word, &b);
	return buf_detach(&b);
}

/*
 * The plain words of a query, folded: operators (OR, NOT, AND), negated terms (-x),
 * quotes and parentheses dropped; "khen*" kept as a prefix.
 */
static void query_words(struct vn_norm *nm, const char *q, struct filter *fl)
{
	char *copy = xstrdup(q), *save = NULL, *t;
	size_t n = 0, cap = 0, icap = 0;

	for (t = strtok_r(copy, " \t\"()", &save); t; t = strtok_r(NULL, " \t\"()", &save)) {
		size_t len = strlen(t);
		int pre = len > 1 && t[len - 1] == '*';
		char *f, *w, *save2 = NULL;
		if (t[0] == '-' || strcmp(t, "OR") == 0 || strcmp(t, "NOT") == 0 ||
		    strcmp(t, "AND") == 0)
			continue;
		if (pre)
			t[len - 1] = 0;
		f = fold(nm, t);
		for (w = strtok_r(f, " ", &save2); w; w = strtok_r(NULL, " ", &save2)) {
			fl->words = xgrow(fl->words, &cap, n + 2, sizeof(*fl->words));
			fl->prefix = xgrow(fl->prefix, &icap, n + 2, sizeof(*fl->prefix));
			fl->prefix[n] = pre;
			fl->words[n++] = xstrdup(w);
			fl->words[n] = NULL;
		}
		free(f);
	}
	free(copy);
}

/* Whether the folded noun holds every query word (as a whole word, or a prefix). */
static int noun_matches(const struct filter *fl, struct vn_norm *nm, const char *noun)
{
	char *f = fold(nm, noun);
	int ok = 1;
	size_t i;

	for (i = 0; ok && fl->words && fl->words[i]; i++) {
		const char *p = f;
		size_t len = strlen(fl->words[i]);
		ok = 0;
		while ((p = strstr(p, fl->words[i])) != NULL) {
			if ((p == f || p[-1] == ' ') &&
			    (fl->prefix[i] || p[len] == ' ' || !p[len])) {
				ok = 1;
				break;
			}
			p++;
		}
	}
	free(f);
	return ok;
}

/* The stored nouns that hold the query's words (qopts_fact_names_if). */
struct noun_query {
	const struct filter *fl;
	struct vn_norm *nm;
};

static int noun_kept(void *ctx, const char *name)
{
	const struct noun_query *q = ctx;
	return noun_matches(q->fl, q->nm, name);
}

/* Integral values print as integers: 3232000000, not 3232000000.0000. */
static void out_number(struct out *o, sqlite3_stmt *st, int col)
{
	double v;
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		out_null(o);
		return;
	}
	v = sqlite3_column_double(st, col);
	if (v == floor(v) && fabs(v) < 9e15)
		out_int(o, (long long)v);
	else
		out_real(o, v);
}

static void out_text_or_null(struct out *o, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		out_null(o);
	else
		out_str(o, (const char *)sqlite3_column_text(st, col));
}

/*
 * Run one query; print the rows that pass the unit filter. Returns the number printed, or -1
 * on a database error.
 */
static long run(sqlite3 *db, const char *mode, int by_noun, const struct filter *fl,
                struct vn_norm *nm, struct out *o)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *st;
	long n = 0;
	int rc;

	buf_adds(&sql, select_sql);
	if (fl->kinds)
		buf_adds(&sql, fl->kinds);
	if (fl->unit_ids)
		buf_printf(&sql, "   AND f.unit IN (%s)", fl->unit_ids);
	if (mode)
		buf_adds(&sql, mode);
	if (by_noun) {
		/* the nouns are the few hundred fact names, each folded once here */
		struct noun_query nq = {fl, nm};
		char *nouns = qopts_fact_names_if(db, noun_kept, &nq);
		if (!nouns) {
			buf_free(&sql);
			return -1;
		}
		if (!*nouns) {
			free(nouns);
			buf_free(&sql);
			return 0;
		}
		buf_printf(&sql, "   AND f.noun IN (%s)", nouns);
		free(nouns);
	}
	buf_adds(&sql, order_sql);
	rc = sqlite3_prepare_v2(db, sql.p, -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK)
		return -1;
	if (fl->has_min)
		sqlite3_bind_double(st, 2, fl->min);
	if (fl->has_max)
		sqlite3_bind_double(st, 3, fl->max);
	if (fl->y0) {
		sqlite3_bind_int(st, 4, fl->y0);
		sqlite3_bind_int(st, 5, fl->y1);
	}
	if (fl->docid >= 0)
		sqlite3_bind_int64(st, 6, fl->docid);
	if (mode)
		sqlite3_bind_text(st, 7, fl->fts, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fl->limit && n >= fl->limit)
			break;
		out_int(o, sqlite3_column_int64(st, 0));
		out_str(o, (const char *)sqlite3_column_text(st, 1));
		out_number(o, st, 2);
		out_text_or_null(o, st, 3);
		out_str(o, (const char *)sqlite3_column_text(st, 4));
		out_number(o, st, 5);
		out_number(o, st, 6);
		out_number(o, st, 7);
		out_str(o, (const char *)sqlite3_column_text(st, 8));
		out_str(o, (const char *)sqlite3_column_text(st, 9));
		out_str(o, (const char *)sqlite3_column_text(st, 10));
		out_str(o, (const char *)sqlite3_column_text(st, 11));
		out_int(o, sqlite3_column_int64(st, 12));
		out_int(o, sqlite3_column_int64(st, 13));
		out_int(o, sqlite3_column_int64(st, 14));
		n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

/*
 * "score,ratio" -> " AND f.kind IN ('score','ratio') AND f.kind <> 'count'" after checking
 * each name; NULL on a bad name. A list written into the statement, not a string searched
 * for ',' || kind || ',' on every row (three quarters of `--kind money --year 2020` on the
 * national corpus went to building those strings); without count, the last term lets
 * figure_rows drop the counts (70% of all figures) as it decodes them, before SQLite
 * looks at a row.
 */
static char *parse_kinds(const char *s)
{
	struct buf b = BUF_INIT;
	char *copy = xstrdup(s), *save = NULL, *k;
	int count = 0, n = 0;

	buf_adds(&b, " AND f.kind IN (");
	for (k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		int kind = vn_num_kind_parse(k);
		if (kind < 0 || !VN_NUM_IS_FIGURE(kind)) {
			free(copy);
			buf_free(&b);
			return NULL;
		}
		/* the name as the table has it: letters only, safe between quotes */
		buf_printf(&b, "%s'%s'", n++ ? "," : "", vn_num_kind_name((enum vn_num_kind)kind));
		count |= kind == VN_NUM_COUNT;
	}
	free(copy);
	if (!n) {
		buf_free(&b);
		return NULL;
	}
	buf_addc(&b, ')');
	if (!count)
		buf_adds(&b, " AND f.kind <> 'count'");
	return buf_detach(&b);
}

/* A number option: 1000000, 1.000.000 or 0,5 (Vietnamese notation, lib/vn_num). */
static int parse_value(const char *s, double *v)
{
	unsigned flags;
	return vn_num_value(s, strlen(s), v, &flags);
}

int cmd_figures(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"kind", required_argument, NULL, 'k'},
	                                     {"min", required_argument, NULL, 'm'},
	                                     {"max", required_argument, NULL, 'M'},
	                                     {"year", required_argument, NULL, 'y'},
	                                     {"unit", required_argument, NULL, 'u'},
	                                     {"doc", required_argument, NULL, 'D'},
	                                     {"limit", required_argument, NULL, 'n'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *dbpath = NULL, *unit = NULL;
	char *kinds = NULL;
	int fmt = FMT_TABLE, c, rc = EXIT_OK;
	struct filter fl;
	struct buf q = BUF_INIT;
	struct vn_query vq = {NULL, NULL, 0};
	struct vn_norm *nm = NULL;
	struct err e;
	sqlite3 *db = NULL;
	struct out *o;
	long n;

	memset(&fl, 0, sizeof(fl));
	fl.docid = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'k':
			free(kinds);
			if (!(kinds = parse_kinds(optarg)))
				return cli_usage_error("figures",
				                       "--kind is count, money, score, ratio,"
				                       " percent, rate, measure or number");
			break;
		case 'm':
		case 'M':
			if (parse_value(optarg, c == 'm' ? &fl.min : &fl.max) != 0) {
				free(kinds);
				return cli_usage_error("figures",
				                       "--%s wants a number, e.g. 999 or 1.000.000",
				                       c == 'm' ? "min" : "max");
			}
			*(c == 'm' ? &fl.has_min : &fl.has_max) = 1;
			break;
		case 'y':
			if (cli_parse_years(optarg, &fl.y0, &fl.y1) != 0) {
				free(kinds);
				return cli_usage_error("figures",
				                       "--year wants Y or Y1-Y2, e.g. 2018-2022");
			}
			break;
		case 'u':
			unit = optarg;
			break;
		case 'D':
			if (cli_parse_count(optarg, &fl.docid) != 0) {
				free(kinds);
				return cli_usage_error("figures", "--doc wants a document id");
			}
			break;
		case 'n':
			if (cli_parse_count(optarg, &fl.limit) != 0) {
				free(kinds);
				return cli_usage_error("figures",
				                       "--limit wants a number (0 = all)");
			}
			break;
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0) {
				free(kinds);
				return cli_usage_error("figures",
				                       "--format is table, json, csv or tsv");
			}
			break;
		case 'h':
			free(kinds);
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			free(kinds);
			return cli_usage_error("figures", "unknown option");
		}
	}
	fl.kinds = kinds;
	for (c = optind; c < argc; c++) {
		if (c > optind)
			buf_addc(&q, ' ');
		buf_adds(&q, argv[c]);
	}
	if (!(nm = vn_norm_new(&e))) {
		rc = cli_error("figures", "%s", e.msg);
		goto out;
	}
	if (q.n && vn_query_build(nm, q.p, &vq, &e) != 0) {
		rc = cli_error("figures", "%s", e.msg);
		goto out;
	}
	fl.fts = vq.fts;
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0) {
		rc = cli_error("figures", "%s", e.msg);
		goto out;
	}
	if (unit)
		fl.unit_ids = qopts_unit_ids(db, nm, unit);
	o = out_new(stdout, fmt, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	if (!q.n) {
		n = run(db, NULL, 0, &fl, nm, o);
	} else {
		/* the figures whose noun holds the query; all of the passages' when none does */
		query_words(nm, q.p, &fl);
		n = fl.words ? run(db, by_passage, 1, &fl, nm, o) : 0;
		if (n == 0)
			n = run(db, by_passage, 0, &fl, nm, o);
	}
	out_end(o);
	if (n < 0)
		rc = cli_error("figures", "%s", sqlite3_errmsg(db));
out:
	db_close(db);
	vn_query_free(&vq);
	vn_norm_free(nm);
	buf_free(&q);
	for (c = 0; fl.words && fl.words[c]; c++)
		free(fl.words[c]);
	free(fl.words);
	free(fl.prefix);
	free(fl.unit_ids);
	free(kinds);
	return rc;
}
