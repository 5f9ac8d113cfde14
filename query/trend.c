/*
 * `thidua trend`: one measure across years (or units, or provinces) — how often a term
 * comes up, how many of an award were given, what a figure adds up to, who ran a campaign.
 * The facts are the indexer's (awards, figures, campaign_mentions); this file groups them.
 * Names are matched folded (accents, case and spelling variants dropped) by a SQL function
 * registered on the connection, so the grouping stays in SQLite.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "qopts.h"
#include "svg.h"
#include "vn_query.h"

static const char usage[] =
    "usage: thidua trend [--db FILE] (TERM… | --award KIND | --figure NOUN | --campaign NAME)\n"
    "                    [--by year|unit|province] [--unit NAME] [--year Y|Y1-Y2]\n"
    "                    [--status S] [--format table|json|csv|tsv] [--svg FILE]\n"
    "\n"
    "How one thing moves across the years of the archive:\n"
    "  TERM…            passages and documents that match (the search language of\n"
    "                   `thidua search`: accents optional, \"phrases\", abbreviations)\n"
    "  --award KIND     collectives, individuals and awards given (count) of that kind\n"
    "                   (\"bang khen\", \"Cờ thi đua\"); granted only unless --status S\n"
    "                   (registered, proposed, granted, honoured)\n"
    "  --figure NOUN    sum, count and max of the figures counting NOUN (\"suất quà\",\n"
    "                   \"đồng\" for money)\n"
    "  --campaign NAME  documents, units and mentions of that campaign, and which units\n"
    "\n"
    "  --by KEY         group by year (default; years with nothing show 0), unit or\n"
    "                   province\n"
    "  --unit NAME      only facts about that unit (accents optional, aliases: \"CA tinh\")\n"
    "  --year Y|Y1-Y2   only those years\n"
    "  --svg FILE       also write a bar chart of the first measure to FILE (SVG)\n"
    "  --format F       table (default: with bars), json, csv or tsv\n"
    "\n"
    "Fields: year | unit | province, then passages, documents (TERM); collectives,\n"
    "individuals, count (--award); sum, count, max (--figure); documents, units, mentions,\n"
    "unit_names (--campaign). See docs/trend.md.\n";

enum { M_TERM, M_AWARD, M_FIGURE, M_CAMPAIGN };
enum { BY_YEAR, BY_UNIT, BY_PROVINCE };

struct mode {
	const char *measures[4];     /* JSON names of the measures, in column order */
	int nmeasures, real;         /* real: measures are sums of values (figures) */
	const char *from;            /* FROM … WHERE …: ?1 the name or FTS query, ?2 status */
	const char *select;          /* the measures */
	const char *year, *unit_col; /* the year of a row; its unit id */
};

static const struct mode modes[] = {
    [M_TERM] = {{"passages", "documents"},
                2,
                0,
                " FROM passages_fts JOIN passage_rows x ON x.id = passages_fts.rowid"
                " JOIN documents d ON d.id = x.doc LEFT JOIN units u ON u.id = x.unit"
                " WHERE passages_fts MATCH ?1",
                "count(*), count(DISTINCT x.doc)",
                "d.year",
                "x.unit"},
    [M_AWARD] =
        {{"collectives", "individuals", "count"},
         3,
         0,
         /* the rows, not the view awards: kinds and statuses compared as ids (the view
            joins four names to every row) */
         " FROM award_rows x JOIN documents d ON d.id = x.doc LEFT JOIN units u ON u.id = x.unit"
         " WHERE x.status = (SELECT id FROM fact_names WHERE name = ?2)"
         /* and the kinds ?1 names (qopts_fact_names) */
         /* a bloc summary restates its units' awards: a document's unit facts of a
            kind, when it has any, else its bloc facts — never both */
         " AND (x.unit IS NOT NULL OR NOT EXISTS (SELECT 1 FROM award_rows y WHERE"
         /* through the key's doc (+: the index on award would walk every award of the
            kind for each row, 192 000 for "Cờ thi đua": a trend with no --unit ran for
            more than a quarter of an hour on the national corpus) */
         " y.doc = x.doc AND +y.award = x.award AND y.status = x.status"
         " AND y.unit IS NOT NULL))",
         "total(x.collectives), total(x.individuals),"
         " total(coalesce(x.count, coalesce(x.collectives, 0) + coalesce(x.individuals, 0)))",
         "x.year",
         "x.unit"},
    [M_FIGURE] =
        {{"sum", "count", "max"},
         3,
         1,
         /* the rows themselves, not the view figures: its noun is a name, read after the
            join on documents, where the id is filtered as the table is scanned */
         " FROM figure_rows x JOIN documents d ON d.id = x.doc LEFT JOIN units u ON u.id = x.unit"
         " WHERE 1" /* and the nouns ?1 names (qopts_fact_names) */,
         "total(x.value), count(*), max(x.value)",
         "x.year",
         "x.unit"},
    [M_CAMPAIGN] = {{"documents", "units", "mentions", "unit_names"},
                    3,
                    0,
                    " FROM campaign_mentions x JOIN campaigns c ON c.id = x.campaign"
                    " JOIN documents d ON d.id = x.doc LEFT JOIN units u ON u.id = x.unit"
                    " WHERE (thidua_fold_has(c.name, ?1) OR thidua_fold_has(x.name, ?1))",
                    "count(DISTINCT x.doc), count(DISTINCT x.unit), count(*),"
                    " coalesce(group_concat(DISTINCT u.name), '')",
                    "x.year",
                    "x.unit"},
};

static void fold_has(sqlite3_context *ctx, int n, sqlite3_value **v)
{
	(void)n;
	sqlite3_result_int(ctx, qopts_fold_has(sqlite3_user_data(ctx),
	                                       (const char *)sqlite3_value_text(v[0]),
	                                       (const char *)sqlite3_value_text(v[1])));
}

struct row {
	char *key; /* the group: "2019", a unit's name, a province */
	double m[3];
	char *names; /* campaign: the units */
};

struct table {
	struct row *r;
	size_t n, cap;
};

static struct row *row_add(struct table *t, const char *key)
{
	struct row *r;

	t->r = xgrow(t->r, &t->cap, t->n + 1, sizeof(*t->r));
	r = &t->r[t->n++];
	memset(r, 0, sizeof(*r));
	r->key = xstrdup(key);
	return r;
}

/*
 * Bars: eighths of a block, so small differences still show. Scaled to the largest value;
 * a value above zero gets at least a sliver.
 */
static char *bar(double v, double max, int width)
{
	static const char *const part[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	struct buf b = BUF_INIT;
	long eighths = max > 0 ? (long)(v / max * width * 8 + 0.5) : 0;

	if (v > 0 && eighths == 0)
		eighths = 1;
	for (; eighths >= 8; eighths -= 8)
		buf_adds(&b, "█");
	buf_adds(&b, part[eighths]);
	return buf_detach(&b);
}

static int years_span(sqlite3 *db, const struct mode *m, int *y0, int *y1)
{
	sqlite3_stmt *st;
	int ok = 0;

	(void)m;
	/* the archive's years, so that a term absent in some years shows them as zero */
	if (sqlite3_prepare_v2(db, "SELECT min(year), max(year) FROM documents", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*y0 = sqlite3_column_int(st, 0);
		*y1 = sqlite3_column_int(st, 1);
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int cmd_trend(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},     {"year", required_argument, NULL, 'y'},
	    {"unit", required_argument, NULL, 'u'},   {"award", required_argument, NULL, 'a'},
	    {"figure", required_argument, NULL, 'F'}, {"campaign", required_argument, NULL, 'c'},
	    {"by", required_argument, NULL, 'b'},     {"status", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'}, {"svg", required_argument, NULL, 'S'},
	    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
	const char *dbpath = NULL, *unit = NULL, *name = NULL, *status = "granted", *svg = NULL;
	int fmt = FMT_TABLE, mode = M_TERM, by = BY_YEAR, y0 = 0, y1 = 0, c, rc = EXIT_OK,
	    nm_modes = 0;
	struct buf terms = BUF_INIT, sql = BUF_INIT;
	struct vn_query vq = {NULL, NULL, 0};
	struct vn_norm *nm = NULL;
	struct table t = {NULL, 0, 0};
	const struct mode *m;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct err e;
	size_t i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'y':
			if (cli_parse_years(optarg, &y0, &y1) != 0)
				return cli_usage_error("trend", "--year wants Y or Y1-Y2");
			break;
		case 'u':
			unit = optarg;
			break;
		case 'a':
		case 'F':
		case 'c':
			mode = c == 'a' ? M_AWARD : c == 'F' ? M_FIGURE : M_CAMPAIGN;
			name = optarg;
			nm_modes++;
			break;
		case 'b':
			if (!strcmp(optarg, "year"))
				by = BY_YEAR;
			else if (!strcmp(optarg, "unit"))
				by = BY_UNIT;
			else if (!strcmp(optarg, "province"))
				by = BY_PROVINCE;
			else
				return cli_usage_error("trend", "--by is year, unit or province");
			break;
		case 's':
			if (strcmp(optarg, "registered") && strcmp(optarg, "proposed") &&
			    strcmp(optarg, "granted") && strcmp(optarg, "honoured"))
				return cli_usage_error("trend", "--status is registered, proposed,"
				                                " granted or honoured");
			status = optarg;
			break;
		case 'f':
			if ((fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error("trend",
				                       "--format is table, json, csv or tsv");
			break;
		case 'S':
			svg = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("trend", "unknown option");
		}
	}
	for (; optind < argc; optind++)
		buf_printf(&terms, "%s%s", terms.n ? " " : "", argv[optind]);
	if (nm_modes > 1 || (nm_modes && terms.n))
		return buf_free(&terms), cli_usage_error("trend", "give one of TERM, --award, "
		                                                  "--figure, --campaign");
	if (!nm_modes && !terms.n)
		return cli_usage_error("trend", "what to follow? a TERM, --award, --figure or "
		                                "--campaign");
	m = &modes[mode];
	nm = vn_norm_new(&e);
	if (!nm) {
		rc = cli_error("trend", "%s", e.msg);
		goto out;
	}
	if (mode == M_TERM) {
		if (vn_query_build(nm, terms.p, &vq, &e) != 0) {
			rc = cli_usage_error("trend", "%s", e.msg);
			goto out;
		}
		name = vq.fts;
	}
	if (db_open(db_default_path(dbpath), DB_READONLY, &db, &e) != 0) {
		rc = cli_error("trend", "%s", e.msg);
		goto out;
	}
	sqlite3_create_function(db, "thidua_fold_has", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nm,
	                        fold_has, NULL, NULL);
	buf_printf(&sql, "SELECT %s, %s%s",
	           by == BY_YEAR   ? m->year
	           : by == BY_UNIT ? "coalesce(u.name, '')"
	                           : "coalesce(d.province, '')",
	           m->select, m->from);
	if (mode == M_AWARD || mode == M_FIGURE) {
		char *names = qopts_fact_names(db, nm, name);
		/* with --unit, the index on unit finds fewer rows than the one on award (0.05 s
		   against 0.57 s for "Bằng khen" and "Công an tỉnh" on the national corpus) */
		const char *col = mode == M_FIGURE ? "x.noun" : unit ? "+x.award" : "x.award";
		if (*names)
			buf_printf(&sql,
			           " AND %s IN (SELECT id FROM fact_names WHERE name IN (%s))", col,
			           names);
		else
			buf_adds(&sql, " AND 0");
		free(names);
	}
	if (y0)
		buf_printf(&sql, " AND %s BETWEEN %d AND %d", m->year, y0, y1);
	if (by == BY_YEAR)
		buf_printf(&sql, " AND %s IS NOT NULL", m->year);
	if (unit) {
		char *ids = qopts_unit_ids(db, nm, unit);
		buf_printf(&sql, " AND (%s IN (%s)", m->unit_col, ids);
		/* a term's passage is about the units it names, not only the one of its list item
		 */
		if (mode == M_TERM)
			buf_printf(
			    &sql,
			    " OR x.id IN (SELECT passage FROM unit_mentions WHERE unit IN (%s))",
			    ids);
		buf_addc(&sql, ')');
		free(ids);
	}
	buf_printf(&sql, " GROUP BY 1 ORDER BY %s", by == BY_YEAR ? "1" : "2 DESC, 1");
	if (sqlite3_prepare_v2(db, sql.p, -1, &st, NULL) != SQLITE_OK) {
		rc = cli_error("trend", "%s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	{
		int next = 0, k, r;
		if (by == BY_YEAR) {
			if (y0)
				next = y0;
			else if (years_span(db, m, &y0, &y1) == 0)
				next = y0;
		}
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			struct row *w;
			char key[16];
			if (by == BY_YEAR) {
				int y = sqlite3_column_int(st, 0);
				/* years with nothing are rows of zeros, not missing rows */
				for (; next && next < y; next++) {
					snprintf(key, sizeof(key), "%d", next);
					row_add(&t, key);
				}
				if (y >= next)
					next = y + 1;
			}
			w = row_add(&t, (const char *)sqlite3_column_text(st, 0));
			for (k = 0; k < m->nmeasures; k++)
				w->m[k] = sqlite3_column_double(st, 1 + k);
			if (mode == M_CAMPAIGN)
				w->names = xstrdup((const char *)sqlite3_column_text(st, 4));
		}
		if (r != SQLITE_DONE) {
			rc = cli_error("trend", "%s", sqlite3_errmsg(db));
			goto out;
		}
		for (; by == BY_YEAR && next && next <= y1; next++) {
			char key2[16];
			snprintf(key2, sizeof(key2), "%d", next);
			row_add(&t, key2);
		}
	}
	{
		struct col cols[8];
		int nc = 0, k;
		double max = 0;
		struct out *o;

		cols[nc++] = (struct col){by == BY_YEAR   ? "year"
		                          : by == BY_UNIT ? "unit"
		                                          : "province",
		                          by == BY_YEAR ? COL_INT : COL_STR, COL_BOTH, NULL};
		for (k = 0; k < m->nmeasures; k++)
			cols[nc++] = (struct col){
			    m->measures[k], m->real && k != 1 ? COL_REAL : COL_INT, COL_BOTH, NULL};
		if (mode == M_CAMPAIGN)
			cols[nc++] = (struct col){"unit_names", COL_STR, COL_BOTH, NULL};
		cols[nc++] = (struct col){"bar", COL_STR, COL_TABLE, ""};
		for (i = 0; i < t.n; i++)
			if (t.r[i].m[0] > max)
				max = t.r[i].m[0];
		o = out_new(stdout, fmt, cols, nc);
		for (i = 0; i < t.n; i++) {
			char *b = bar(t.r[i].m[0], max, 40);
			if (by == BY_YEAR)
				out_int(o, atoll(t.r[i].key));
			else
				out_str(o, t.r[i].key);
			for (k = 0; k < m->nmeasures; k++) {
				if (m->real && k != 1)
					out_real(o, t.r[i].m[k]);
				else
					out_int(o, (long long)t.r[i].m[k]);
			}
			if (mode == M_CAMPAIGN)
				out_str(o, t.r[i].names ? t.r[i].names : "");
			out_str(o, b);
			free(b);
		}
		out_end(o);
	}
	if (svg) {
		const char **labels = xcalloc(t.n + 1, sizeof(*labels));
		double *vals = xcalloc(t.n + 1, sizeof(*vals));
		struct buf title = BUF_INIT;

		for (i = 0; i < t.n; i++) {
			labels[i] = t.r[i].key;
			vals[i] = t.r[i].m[0];
		}
		buf_printf(&title, "%s: %s",
		           mode == M_TERM     ? "thidua trend"
		           : mode == M_AWARD  ? "Khen thưởng"
		           : mode == M_FIGURE ? "Số liệu"
		                              : "Phong trào",
		           mode == M_TERM ? terms.p : name);
		if (svg_bars(svg, title.p,
		             by == BY_YEAR   ? "năm"
		             : by == BY_UNIT ? "đơn vị"
		                             : "tỉnh",
		             m->measures[0], labels, vals, t.n, &e) != 0)
			rc = cli_error("trend", "%s", e.msg);
		buf_free(&title);
		free(labels);
		free(vals);
	}
out:
	for (i = 0; i < t.n; i++) {
		free(t.r[i].key);
		free(t.r[i].names);
	}
	free(t.r);
	sqlite3_finalize(st);
	buf_free(&sql);
	buf_free(&terms);
	vn_query_free(&vq);
	vn_norm_free(nm);
	if (db)
		db_close(db);
	return rc;
}
