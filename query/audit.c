/*
 * `thidua audit`: inconsistencies a careful reader of the reports would flag, one row per
 * finding. Everything is read from what the indexer stored (figures, passages, documents,
 * unit mentions); nothing is re-extracted here, so a finding is only as good as the facts
 * under it (docs/trend.md names the checks that depend on unit and figure extraction).
 */
#include <getopt.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "lexicons.h"
#include "text.h"
#include "vn_lex.h"
#include "vn_words.h"

static const char usage[] =
    "usage: thidua audit [--db FILE] [--year Y|Y1-Y2] [--doc ID] [--check NAME[,NAME…]]\n"
    "                    [--format table|json|csv|tsv]\n"
    "\n"
    "Check the indexed reports for inconsistencies, one row per finding:\n"
    "  malformed_number     an amount with a misplaced group mark (82,295.000 đồng)\n"
    "  score_over_max       a score above its maximum (1005/1000 điểm)\n"
    "  ratio_over_whole     a ratio whose part exceeds its whole (08/07 đơn vị)\n"
    "  ratio_list_mismatch  06/07 đơn vị followed by a list of another length\n"
    "  total_mismatch       a stated money total (Tổng …) that is not the sum of the\n"
    "                       amounts listed before it, or the bloc's that is not the\n"
    "                       sum of its units' totals; a unit's or the bloc's stated\n"
    "                       awards that are not those listed\n"
    "  duplicate_section    a section number repeated at the same level (5. … 5.)\n"
    "  date_year_mismatch   the date's year is neither the reported year nor the next\n"
    "  duplicate_document   the same file indexed twice, or two texts with the same\n"
    "                       số/ký hiệu, place and year\n"
    "  unit_gap             a unit in a bloc's reports of year N-1 and N+1, not of N\n"
    "\n"
    "Fields: check, severity (error|warning), doc, path, passage, message, evidence.\n"
    "Exit status 0 whether or not there are findings. See docs/trend.md.\n";

static const struct col cols[] = {
    {"check", COL_STR, COL_BOTH, NULL},    {"severity", COL_STR, COL_BOTH, NULL},
    {"doc", COL_INT, COL_BOTH, NULL},      {"path", COL_STR, COL_MACHINE, NULL},
    {"passage", COL_INT, COL_BOTH, NULL},  {"message", COL_STR, COL_BOTH, NULL},
    {"evidence", COL_STR, COL_BOTH, NULL},
};

static const char *const checks[] = {
    "malformed_number",   "score_over_max",
    "ratio_over_whole",   "ratio_list_mismatch",
    "total_mismatch",     "duplicate_section",
    "date_year_mismatch", "duplicate_document",
    "unit_gap",           NULL,
};

struct finding {
	int check;
	long long doc, passage; /* passage 0: the finding is about the whole document */
	char *message, *evidence;
};

struct audit {
	sqlite3 *db;
	unsigned want; /* bit per checks[] */
	int y0, y1;
	long docid;
	struct finding *f;
	size_t n, cap;
	char *failed; /* the first read error an inner statement met (row) */
	struct vn_norm *nm; /* made when an award's written name is read (written_levels) */
};

static void add(struct audit *a, int check, long long doc, long long passage, char *message,
                const char *evidence)
{
	struct finding *f;

	a->f = xgrow(a->f, &a->cap, a->n + 1, sizeof(*a->f));
	f = &a->f[a->n++];
	f->check = check;
	f->doc = doc;
	f->passage = passage;
	f->message = message;
	f->evidence = xstrdup(evidence ? evidence : "");
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	return buf_detach(&b);
}

/* Prepare sql with the common filters bound: ?1-?2 the document's years, ?3 the document. */
/* Where a statement's text says DOC_FILTER: the documents d asked for, written as plainly as
 * the options allow, since "(?3 IS NULL OR d.id = ?3)" hides the index on d.id from the
 * planner (audit --doc read the whole corpus's figures: 4 s on the national corpus). */
#define DOC_FILTER "@docs"

static sqlite3_stmt *prep(struct audit *a, const char *sql)
{
	sqlite3_stmt *st;
	const char *at = strstr(sql, DOC_FILTER);
	char *text = NULL;
	int rc;

	if (at)
		text = fmt("%.*s(%s AND %s)%s", (int)(at - sql), sql,
		           a->y0 ? "d.year BETWEEN ?1 AND ?2" : "?1 IS NULL",
		           a->docid >= 0 ? "d.id = ?3" : "?3 IS NULL", at + strlen(DOC_FILTER));
	rc = sqlite3_prepare_v2(a->db, text ? text : sql, -1, &st, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		cli_error("audit", "%s", sqlite3_errmsg(a->db));
		return NULL;
	}
	if (a->y0) {
		sqlite3_bind_int(st, 1, a->y0);
		sqlite3_bind_int(st, 2, a->y1);
	}
	if (a->docid >= 0)
		sqlite3_bind_int64(st, 3, a->docid);
	return st;
}

/* passages p of documents d: the ids of d's span (schema/), a range of rowids for each
 * document (documents first: CROSS JOIN keeps that order); ordered by d.id, p.id, they come
 * by document, then ordinal, without a sort */
#define DOC_PASSAGES "p.id BETWEEN d.first_passage AND d.last_passage"

static const char *col_text(sqlite3_stmt *st, int k)
{
	const char *s = (const char *)sqlite3_column_text(st, k);
	return s ? s : "";
}

/* One row of a check's inner statement (a passage's text, a document's figures): 1, else
 * 0 — also when the read failed, which is kept and fails the audit once every check has
 * run (a damaged page must not read as a passage without figures). */
static int row(struct audit *a, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE && !a->failed)
		a->failed = xstrdup(sqlite3_errmsg(a->db));
	return 0;
}

/* A check's statement is done: an error its reading met (a damaged database: figures that
 * do not decode, a page that does not read) fails the audit with the database's message,
 * where a shorter list of findings would look like a cleaner archive. */
static int finish(struct audit *a, sqlite3_stmt *st)
{
	if (sqlite3_finalize(st) != SQLITE_OK) {
		cli_error("audit", "%s", sqlite3_errmsg(a->db));
		return -1;
	}
	return 0;
}

/* Byte offset of character k of s (k counted in code points, as figures store spans). */
static size_t char_offset(const char *s, long k)
{
	return text_byte_at(s, strlen(s), k > 0 ? (size_t)k : 0);
}

/* Figures whose own values are wrong: malformed, over the maximum. */
static int check_figures(struct audit *a)
{
	sqlite3_stmt *st =
	    prep(a, "SELECT f.doc, f.passage, f.kind, f.value, f.maximum, f.raw, f.flags,"
	            " f.noun FROM figures f JOIN documents d ON d.id = f.doc WHERE " DOC_FILTER
	            " AND (instr(f.flags, 'malformed') > 0 OR"
	            " (f.kind IN ('score', 'ratio') AND f.maximum IS NOT NULL"
	            "  AND f.value > f.maximum))"
	            " ORDER BY f.doc, f.passage, f.char_start");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long doc = sqlite3_column_int64(st, 0), psg = sqlite3_column_int64(st, 1);
		const char *kind = col_text(st, 2), *raw = col_text(st, 5), *noun = col_text(st, 7);
		double v = sqlite3_column_double(st, 3), m = sqlite3_column_double(st, 4);
		char *ev = fmt("%s%s%s", raw, strstr(raw, noun) || !*noun ? "" : " ",
		               strstr(raw, noun) ? "" : noun);

		int over = (!strcmp(kind, "score") || !strcmp(kind, "ratio")) && v > m;

		/* the figure reader flags an impossible score as malformed too: one finding */
		if (strstr(col_text(st, 6), "malformed") && !over && (a->want & 1))
			add(a, 0, doc, psg,
			    fmt("number with a misplaced group or decimal mark, read as %.15g", v),
			    ev);
		if (!strcmp(kind, "score") && v > m && (a->want & 2))
			add(a, 1, doc, psg, fmt("score %.15g above its maximum %.15g", v, m), ev);
		if (!strcmp(kind, "ratio") && v > m && (a->want & 4))
			add(a, 2, doc, psg, fmt("part %.15g exceeds its whole %.15g", v, m), ev);
		free(ev);
	}
	return finish(a, st);
}

/* "06/07 đơn vị (A; B; C)": the numerator against the items of the list right after it. */
static int check_ratio_lists(struct audit *a)
{
	sqlite3_stmt *st =
	    prep(a, "SELECT f.doc, f.passage, f.value, f.raw, f.char_end, p.text, f.char_start"
	            " FROM figures f JOIN documents d ON d.id = f.doc"
	            " JOIN passages p ON p.id = f.passage WHERE " DOC_FILTER " AND f.kind = 'ratio'"
	            " ORDER BY f.doc, f.passage, f.char_start");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = col_text(st, 5);
		const char *p = text + char_offset(text, sqlite3_column_int64(st, 4)), *q, *close;
		char sep;
		long items = 1, num = (long)sqlite3_column_double(st, 2);

		/* the noun ("đơn vị") then the list in parentheses, nothing else between */
		q = strchr(p, '(');
		if (!q || q - p > 24 || memchr(p, ',', (size_t)(q - p)) ||
		    memchr(p, ';', (size_t)(q - p)) || memchr(p, '.', (size_t)(q - p)))
			continue;
		close = strchr(q, ')');
		if (!close)
			continue;
		/* items are separated by semicolons, or by commas when there is none */
		sep = memchr(q, ';', (size_t)(close - q)) ? ';' : ',';
		for (p = q + 1; p < close; p++)
			items += *p == sep;
		if (items != num) {
			const char *r = text + char_offset(text, sqlite3_column_int64(st, 6));
			char *ev = xstrndup(r, (size_t)(close + 1 - r));
			add(a, 3, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			    fmt("%s announces %ld but the list names %ld", col_text(st, 3), num,
			        items),
			    ev);
			free(ev);
		}
	}
	return finish(a, st);
}

/*
 * Money totals: a stated total (stated_total()) that closes a run of amounts in a unit's
 * list item ("- Hội Nông dân tỉnh: … Tổng trị giá …", the gifts of one unit) should be
 * their sum. A passage opening with a dash that is about no unit is not such an item but
 * the tail of one a page break cut inside a name written with a dash ("… nhân ngày Thương
 * binh" | "- Liệt sĩ, trị giá …"): the item's other amounts are before the break. The run
 * starts after the previous total or at the paragraph's start; rates count as value × times, as the
 * reports multiply them. A total with fewer than two amounts before it sums something stated
 * elsewhere (the bloc's total of its units, a list cut by a page break) and is not checked:
 * a run split across paragraphs would give false alarms.
 */
/*
 * Whether a figure qualified "tổng" states the total of what precedes it: an exact amount
 * (not "trên", "hơn", "khoảng", "gần") in a sentence of its own that starts with "Tổng"
 * ("Tổng trị giá …", "Tổng số tiền ủng hộ của đơn vị là …"). "… với tổng số tiền X" inside
 * a clause is the cost of that one activity, not the item's total.
 */
static int stated_total(const char *qual, const char *text, long long char_start)
{
	const char *at, *b;

	if (strstr(qual, "trên") || strstr(qual, "hơn") || strstr(qual, "khoảng") ||
	    strstr(qual, "gần"))
		return 0;
	at = text + char_offset(text, char_start);
	for (b = at; b > text && !(b - 2 >= text && b[-1] == ' ' && strchr(".;:", b[-2])); b--)
		;
	return starts_with(b, "Tổng");
}

static int check_money_totals(struct audit *a)
{
	/* the text is read only where a total disagrees: unpacking it for each of the national
	   corpus's 900 000 amounts, and sorting it with them, was most of this check */
	sqlite3_stmt *st =
	    prep(a, "SELECT f.doc, f.passage, f.kind, f.value, f.times, f.qualifier,"
	            " f.char_end, f.char_start FROM figures f JOIN documents d ON d.id = f.doc"
	            " JOIN passages p ON p.id = f.passage WHERE " DOC_FILTER
	            " AND f.kind IN ('money', 'rate') AND f.kind <> 'count' AND p.unit IS NOT NULL"
	            " ORDER BY f.doc, f.passage, f.char_start");
	sqlite3_stmt *txt;
	long long psg = -1;
	double sum = 0;
	int parts = 0;

	if (!st)
		return -1;
	if (sqlite3_prepare_v2(a->db, "SELECT text FROM passages WHERE id = ?", -1, &txt, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(st);
		return cli_error("audit", "%s", sqlite3_errmsg(a->db)), -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = col_text(st, 2), *qual = col_text(st, 5), *text;
		double v = sqlite3_column_double(st, 3);
		int total = strstr(qual, "tổng") != NULL;

		if (sqlite3_column_int64(st, 1) != psg) {
			psg = sqlite3_column_int64(st, 1);
			sum = 0;
			parts = 0;
		}
		if (!total) {
			sum += !strcmp(kind, "rate") && sqlite3_column_type(st, 4) != SQLITE_NULL
			           ? v * sqlite3_column_double(st, 4)
			           : v;
			parts++;
			continue;
		}
		if (parts >= 2 && fabs(sum - v) >= 0.5) {
			sqlite3_reset(txt);
			sqlite3_bind_int64(txt, 1, psg);
			text = row(a, txt) ? col_text(txt, 0) : "";
			/* a list item's ("- Công an tỉnh: …") */
			if (starts_with(text, "- ") &&
			    stated_total(qual, text, sqlite3_column_int64(st, 7))) {
				/* the total as written, cut from the text here: `figures.raw`
				   is cut from the stored text too, for every row that reads it */
				size_t from = char_offset(text, sqlite3_column_int64(st, 7));
				size_t to = char_offset(text, sqlite3_column_int64(st, 6));
				char *raw = xstrndup(text + from, to > from ? to - from : 0);
				add(a, 4, sqlite3_column_int64(st, 0), psg,
				    fmt("stated total %.15g đồng, the %d amounts before it sum to "
				        "%.15g",
				        v, parts, sum),
				    raw);
				free(raw);
			}
		}
		sum = 0;
		parts = 0;
	}
	sqlite3_finalize(txt);
	return finish(a, st);
}

/* A passage's money: its last amount and the last one stated as a total ("Tổng …"). */
struct psg_money {
	long long passage;
	double last, total;
	long long last_start, last_end; /* the last amount's span, in characters */
	int has_total;
};

/* Whether a footnote marker follows byte off of text: "⁽³⁾", "³", "(3)", "[3]". */
static int marker_follows(const char *text, size_t off)
{
	const unsigned char *t = (const unsigned char *)text + off;

	while (*t == ' ')
		t++;
	if (*t == '(' || *t == '[')
		return t[1] >= '0' && t[1] <= '9';
	/* superscripts: ¹ ² ³ (C2 B9/B2/B3), ⁰ ⁴-⁹ and ⁽ (E2 81 B0-BD) */
	return (t[0] == 0xC2 && (t[1] == 0xB9 || t[1] == 0xB2 || t[1] == 0xB3)) ||
	       (t[0] == 0xE2 && t[1] == 0x81 && t[2] >= 0xB0 && t[2] <= 0xBD);
}

/*
 * The bloc's total in one document: a passage whose last amount is followed by the marker of
 * a footnote whose items, one per unit, each close with the unit's stated total ("… Tổng
 * số tiền ủng hộ của đơn vị là 252.328.800 đồng."), and the amount is not their sum. An
 * item without a stated total (a page break may have carried it off) leaves the sum
 * unknown: nothing is said.
 */
static void bloc_money_doc(struct audit *a, long long doc, const struct psg_money *m, size_t nm,
                           sqlite3_stmt *items, sqlite3_stmt *txt)
{
	struct item {
		long long id, cites, unit;
	} *it = NULL;
	size_t n = 0, cap = 0, i, j, k, members = 0;

	sqlite3_reset(items);
	sqlite3_bind_int64(items, 1, doc);
	while (row(a, items)) {
		it = xgrow(it, &cap, n + 1, sizeof(*it));
		it[n].id = sqlite3_column_int64(items, 0);
		it[n].cites = sqlite3_column_int64(items, 1);
		it[n++].unit = sqlite3_column_int64(items, 2);
	}
	/* the members: as many units as the longest footnote list of the document names (the
	   awards' or the gifts'); a list naming fewer lost some to a page break. Items come
	   by list, then unit (an item the page cut is two passages of one unit). */
	for (i = 0; i < n; i = j) {
		size_t units = 0;
		long long prev = 0;
		for (j = i; j < n && it[j].cites == it[i].cites; j++)
			if (it[j].unit && it[j].unit != prev) {
				units++;
				prev = it[j].unit;
			}
		if (units > members)
			members = units;
	}
	for (i = 0; i < n; i = j) {
		double sum = 0, unit_total = 0;
		size_t parts = 0;
		int whole = 1, has = 0;
		long long prev = 0;
		const struct psg_money *c = NULL;
		for (j = i; j < n && it[j].cites == it[i].cites; j++) {
			const struct psg_money *p = NULL;
			for (k = 0; k < nm && !p; k++)
				if (m[k].passage == it[j].id)
					p = &m[k];
			/* an item whose unit was not read: its total is one of the list's, but
			   whose is unknown */
			if (!it[j].unit) {
				if (p && p->has_total)
					whole = 0;
				continue;
			}
			if (it[j].unit != prev) {
				if (prev) {
					whole &= has;
					sum += unit_total;
				}
				parts++;
				prev = it[j].unit;
				has = 0;
			}
			if (p && p->has_total) {
				unit_total = p->total; /* the last a unit's passages state */
				has = 1;
			}
		}
		if (!prev)
			continue;
		whole &= has;
		sum += unit_total;
		for (k = 0; k < nm && !c; k++)
			if (m[k].passage == it[i].cites)
				c = &m[k];
		if (!whole || parts < 2 || parts < members || !c || fabs(c->last - sum) < 0.5)
			continue;
		sqlite3_reset(txt);
		sqlite3_bind_int64(txt, 1, it[i].cites);
		if (row(a, txt)) {
			const char *text = col_text(txt, 0);
			size_t end = char_offset(text, c->last_end);
			size_t from = char_offset(text, c->last_start);
			char *ev;
			if (end > strlen(text) || from > end || !marker_follows(text, end))
				continue;
			ev = xstrndup(text + from, end - from); /* the amount as written */
			add(a, 4, doc, it[i].cites,
			    fmt("the bloc's stated total %.15g đồng; the %zu units' totals in its "
			        "footnote sum to %.15g",
			        c->last, parts, sum),
			    ev);
			free(ev);
		}
	}
	free(it);
}

static int check_bloc_money_totals(struct audit *a)
{
	/* every money amount of the documents asked for, in (doc, id) order: the order of the
	   passages within each document */
	sqlite3_stmt *st = prep(a, "SELECT x.doc, x.passage, x.value, x.qualifier, x.char_end,"
	                           " x.char_start"
	                           " FROM documents d CROSS JOIN figure_rows x ON x.doc = d.id"
	                           " WHERE " DOC_FILTER " AND x.kind = 'money'");
	sqlite3_stmt *items = NULL, *txt = NULL;
	struct psg_money *m = NULL;
	size_t nm = 0, cap = 0;
	long long doc = -1;
	int rc;

	if (!st)
		return -1;
	if (sqlite3_prepare_v2(a->db,
	                       "SELECT f.id, f.cites, f.unit FROM documents d CROSS JOIN"
	                       " passage_rows f ON f.id BETWEEN d.first_passage AND d.last_passage"
	                       " WHERE d.id = ?1 AND f.kind = 'footnote' AND f.cites IS NOT NULL"
	                       " ORDER BY f.cites, f.id",
	                       -1, &items, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db, "SELECT text FROM passages WHERE id = ?", -1, &txt, NULL) !=
	        SQLITE_OK) {
		cli_error("audit", "%s", sqlite3_errmsg(a->db));
		rc = SQLITE_ERROR;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long d = sqlite3_column_int64(st, 0), p = sqlite3_column_int64(st, 1);
		struct psg_money *x;
		if (d != doc) {
			if (doc >= 0)
				bloc_money_doc(a, doc, m, nm, items, txt);
			doc = d;
			nm = 0;
		}
		if (!nm || m[nm - 1].passage != p) {
			m = xgrow(m, &cap, nm + 1, sizeof(*m));
			memset(&m[nm], 0, sizeof(m[nm]));
			m[nm++].passage = p;
		}
		x = &m[nm - 1];
		x->last = sqlite3_column_double(st, 2);
		x->last_end = sqlite3_column_int64(st, 4);
		x->last_start = sqlite3_column_int64(st, 5);
		if (strstr(col_text(st, 3), "tổng")) {
			x->total = x->last;
			x->has_total = 1;
		}
	}
	if (rc == SQLITE_DONE && doc >= 0)
		bloc_money_doc(a, doc, m, nm, items, txt);
out:
	free(m);
	sqlite3_finalize(txt);
	sqlite3_finalize(items);
	return finish(a, st) == 0 && rc == SQLITE_DONE ? 0 : -1;
}

/* Whether a passage opens a list item: "- Công an tỉnh: …", "+ …". */
static int opens_item(const char *t)
{
	return (t[0] == '-' || t[0] == '+') && t[1] == ' ';
}

/* Whether the sentence at b is a proposal ("Đề nghị …", "Lập hồ sơ đề nghị …"): it opens
 * with a status word that data/fact_words.tsv reads as "proposed". */
static int proposal_at(const char *b)
{
	const struct vn_table *t = vn_lex_table("fact_words.tsv");
	size_t n = strnlen(b, 64), i;
	char *head;
	int yes = 0;

	while (n > 0 && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--; /* not inside a character */
	head = g_utf8_casefold(b, (gssize)n);
	for (i = 0; t && i < t->nrows && !yes; i++) {
		const struct vn_row *r = &t->rows[i];
		size_t wl;
		if (r->nfields < 3 || strcmp(r->fields[0], "status") ||
		    strcmp(r->fields[1], "proposed"))
			continue;
		wl = strlen(r->fields[2]);
		yes = !strncmp(head, r->fields[2], wl) && head[wl] == ' ';
	}
	g_free(head);
	return yes;
}

/* The first proposal sentence in s before end, NULL if none: the proposals that close a
 * list. */
static const char *proposal_after(const char *s, const char *end)
{
	while ((s = strstr(s, ". ")) != NULL && s < end)
		if (proposal_at(s += 2))
			return s;
	return NULL;
}

/*
 * "Năm 2016 đơn vị có 302 lượt tập thể, 2.173 cá nhân được các cấp khen thưởng. Trong đó:
 * …": the collectives and individuals stated against the award facts read from the list
 * after "Trong đó" up to the next such statement (a passage can hold several units' items).
 * Only awards granted in the statement's year count: proposals, registrations and an
 * earlier year's awards are not in the total. A finding needs the award facts to agree with
 * the plain sum of the list's counts (proposal sentences left out): where they differ, an
 * award was not read and the check says nothing rather than raise a false alarm.
 */
static int check_award_totals(struct audit *a)
{
	/* column 4: the passage read after this one in the same list, when it reports
	   awards too: for a footnote the next passage of the same footnote (the page's body
	   may stand between), else the very next passage. A list of scores after the
	   footnote ("- Thành đoàn: 1000/1000 điểm.") is the next page's body, not the
	   footnote going on, even where the layout gave it the footnote's number. Column 5:
	   whether the passage ends the document. */
	sqlite3_stmt *st =
	    prep(a, "SELECT p.doc, p.id, p.text, d.year,"
	            " (SELECT CASE WHEN EXISTS (SELECT 1 FROM awards w WHERE w.doc = n.doc"
	            "   AND w.passage = n.id) THEN n.text END"
	            "  FROM passages n WHERE n.id > p.id AND n.id <= d.last_passage"
	            "  AND (p.kind <> 'footnote' OR (n.kind = 'footnote' AND n.note IS p.note))"
	            "  ORDER BY n.id LIMIT 1), p.id = d.last_passage"
	            " FROM passages_fts h JOIN passages p ON p.id = h.rowid"
	            " JOIN documents d ON d.id = p.doc WHERE " DOC_FILTER
	            /* found through the full-text index (a superset: it folds case and tone
	               placement) rather than by unpacking every passage */
	            " AND passages_fts MATCH '\"được các cấp khen thưởng\" \"trong đó\"'"
	            " AND p.text LIKE '%được các cấp khen thưởng%Trong đó%'"
	            " ORDER BY h.rowid");
	sqlite3_stmt *fg, *aw;

	if (!st)
		return -1;
	if (sqlite3_prepare_v2(a->db,
	                       /* one document's figures (figure_rows reads its blob alone) */
	                       "SELECT char_start, value, noun FROM figures WHERE doc = ?2"
	                       " AND passage = ?1 AND kind = 'count' ORDER BY char_start",
	                       -1, &fg, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
	                       "SELECT total(collectives), total(individuals), count(*) FROM awards"
	                       " WHERE doc = ?5 AND passage = ?1 AND start >= ?2 AND start < ?3 "
	                       "AND status = 'granted'"
	                       " AND (year IS NULL OR year = ?4)",
	                       -1, &aw, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return cli_error("audit", "%s", sqlite3_errmsg(a->db)), -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = col_text(st, 2), *head = text;

		while ((head = strstr(head, "được các cấp khen thưởng")) != NULL) {
			const char *list = strstr(head, "Trong đó");
			const char *next = list ? strstr(list, "được các cấp khen thưởng") : NULL;
			/* the statement: from the sentence start (after ". " or ": ") to "Trong đó"
			 */
			const char *from = head;
			double stated[2] = {-1, -1}, sum[2], read[2] = {0, 0};
			const char *last = list, *end, *closing;
			long lc, nc;

			if (!list)
				break;
			while (from > text &&
			       !(from[-1] == ' ' && (from[-2] == '.' || from[-2] == ':')))
				from--;
			sqlite3_reset(fg);
			sqlite3_bind_int64(fg, 1, sqlite3_column_int64(st, 1));
			sqlite3_bind_int64(fg, 2, sqlite3_column_int64(st, 0));
			while (row(a, fg)) {
				const char *at =
				    text + char_offset(text, sqlite3_column_int64(fg, 0));
				const char *noun = col_text(fg, 2), *b;
				int k = strstr(noun, "tập thể")   ? 0
				        : strstr(noun, "cá nhân") ? 1
				                                  : -1;

				if (at < from || (next && at >= next))
					continue;
				/* the sentence of the figure: a proposal is not an award given, and
				 * the proposals that close a list do not make it run on */
				for (b = at; b > list && !(b[-1] == ' ' && b[-2] == '.'); b--)
					;
				if (at >= list && proposal_at(b))
					continue;
				if (at > last)
					last = at;
				if (k < 0)
					continue;
				if (at < head) {
					stated[k] = sqlite3_column_double(fg, 1);
					continue;
				}
				if (at < list)
					continue;
				read[k] += sqlite3_column_double(fg, 1);
			}
			/* a list cut by a page break goes on elsewhere: after its last number comes
			   another item ("…; trị của từng đơn vị.") instead of the end of the list
			 */
			end = next ? next : text + strlen(text);
			closing = proposal_after(last, end);
			if (memchr(last, ';', (size_t)((closing ? closing : end) - last)))
				goto next_statement;
			/* and a list that ends its paragraph may go on after a page break, its
			   tail a sentence of its own that the layout could not join: only a list
			   closed by what follows it (a proposal, the next unit's statement, the
			   next unit's item read after it) is known to be whole. A page broken
			   inside the item puts its tail before any later item of the list, so the
			   next passage of the list opening an item ("- Sở Y tế: …") closes it, and
			   so does the end of the document: a tail comes after its cut. */
			if (!next && !closing && !opens_item(col_text(st, 4)) &&
			    !sqlite3_column_int(st, 5))
				goto next_statement;
			lc = (long)text_count_chars(text, (size_t)(list - text));
			nc = next ? (long)text_count_chars(text, (size_t)(next - text)) : 1L << 30;
			sqlite3_reset(aw);
			sqlite3_bind_int64(aw, 1, sqlite3_column_int64(st, 1));
			sqlite3_bind_int64(aw, 2, lc);
			sqlite3_bind_int64(aw, 3, nc);
			sqlite3_bind_int64(aw, 4, sqlite3_column_int64(st, 3));
			sqlite3_bind_int64(aw, 5, sqlite3_column_int64(st, 0));
			if (row(a, aw) && sqlite3_column_int(aw, 2) > 0 &&
			    (stated[0] >= 0 || stated[1] >= 0)) {
				sum[0] = sqlite3_column_double(aw, 0);
				sum[1] = sqlite3_column_double(aw, 1);
				/* only when the award facts account for every number of the list
				   (as read plainly): otherwise a missed award would be a false
				   alarm */
				if (sum[0] == read[0] && sum[1] == read[1] &&
				    ((stated[0] >= 0 && stated[0] != sum[0]) ||
				     (stated[1] >= 0 && stated[1] != sum[1]))) {
					char *ev = xstrndup(from, (size_t)(list - from));
					add(a, 4, sqlite3_column_int64(st, 0),
					    sqlite3_column_int64(st, 1),
					    fmt("stated %.15g tập thể, %.15g cá nhân awarded; the "
					        "awards "
					        "listed give %.15g tập thể, %.15g cá nhân",
					        stated[0] < 0 ? 0 : stated[0],
					        stated[1] < 0 ? 0 : stated[1], sum[0], sum[1]),
					    ev);
					free(ev);
				}
			}
		next_statement:
			head = list;
		}
	}
	sqlite3_finalize(aw);
	sqlite3_finalize(fg);
	return finish(a, st);
}

/*
 * The group a grantor belongs to in a bloc's summary of awards ("Chủ tịch nước tặng …;
 * Thủ tướng Chính phủ tặng …; Bộ, ngành tặng …; Chủ tịch UBND tỉnh tặng …; Thủ trưởng các
 * đơn vị tặng …"): the level of data/grantors.tsv, a region's command counted with the
 * ministries, a unit's head (no fixed form) with the units' heads. -1 for no grantor.
 */
enum { GRP_STATE, GRP_GOVERNMENT, GRP_MINISTRY, GRP_PROVINCE, GRP_HEAD };

static int grantor_group(const char *grantor)
{
	const struct lexicons *lx = lexicons_get();
	const char *lv = "unit";
	size_t k, n;

	if (!grantor || !*grantor)
		return -1;
	n = strcspn(grantor, ";"); /* "A; B": the first names the group */
	for (k = 0; k < lx->ngrantor; k++)
		if (strlen(lx->grantor[k].grantor) == n &&
		    !strncmp(lx->grantor[k].grantor, grantor, n) && lx->grantor[k].levels) {
			lv = lx->grantor[k].levels;
			break;
		}
	if (lexicons_level_in(lv, "state"))
		return GRP_STATE;
	if (lexicons_level_in(lv, "government"))
		return GRP_GOVERNMENT;
	if (lexicons_level_in(lv, "ministry") || lexicons_level_in(lv, "region"))
		return GRP_MINISTRY;
	if (lexicons_level_in(lv, "province"))
		return GRP_PROVINCE;
	return GRP_HEAD;
}

/* Whether a grantor of the group may give the award (the levels of data/awards.tsv: the
 * row written, lv, else the award's); yes when the table does not say. */
static int group_may(int group, const char *award, const char *lv)
{
	static const char *const levels[][2] = {
	    [GRP_STATE] = {"state", "state"},          [GRP_GOVERNMENT] = {"government", "government"},
	    [GRP_MINISTRY] = {"ministry", "region"},   [GRP_PROVINCE] = {"province", "province"},
	    [GRP_HEAD] = {"unit", "district"},
	};
	const struct lexicons *lx = lexicons_get();
	size_t k;

	for (k = 0; !lv && k < lx->naward; k++)
		if (lx->award[k].levels && !strcmp(lx->award[k].award, award))
			lv = lx->award[k].levels;
	return !lv || lexicons_level_in(lv, levels[group][0]) ||
	       lexicons_level_in(lv, levels[group][1]);
}

/*
 * The levels of the row of data/awards.tsv an award is written as, in characters [start,
 * end) of text: "Chiến sĩ thi đua cấp tỉnh" is the province's to give, though no grantor
 * is written and its kind is the ministries' as well. NULL when it cannot be read.
 */
static const char *written_levels(struct audit *a, const char *text, long long start, long long end)
{
	const struct lexicons *lx = lexicons_get();
	const char *from = text + char_offset(text, (long)start);
	const char *to = text + char_offset(text, (long)end);
	const char *lv = NULL;
	struct vn_words w;
	struct err e;
	size_t i, len;

	if (to <= from || (!a->nm && !(a->nm = vn_norm_new(&e))))
		return NULL;
	vn_words_build(&w, a->nm, from, (size_t)(to - from));
	for (i = 0; i < w.n && !lv; i++) {
		int id = vn_lexicon_longest(lx->awards, &w, i, &len);
		if (id >= 0)
			lv = lx->award[id].levels;
	}
	vn_words_free(&w);
	return lv;
}

/* Where s, at a "Năm " of text, names a year: the year, else 0. */
static long year_named(const char *s)
{
	s += strlen("Năm ");
	return s[0] >= '1' && s[0] <= '2' && strspn(s, "0123456789") == 4 ? strtol(s, NULL, 10) : 0;
}

/*
 * The characters [*from, *to) of text that may report on a year other than year: from its
 * first "Năm 2019, …" to the end of the sentence after that label's own (a list of that
 * year's awards may run on past a full stop, but the report's year is its default, so two
 * sentences on it is taken back), or to a "Năm 2020" of the report's year, whichever comes
 * first. 0 when text names no other year.
 */
static int other_year(const char *text, long year, long *from, long *to)
{
	const char *p = text, *at = NULL, *end;
	int stops = 0;

	while ((p = strstr(p, "Năm ")) != NULL && !at) {
		long y = year_named(p);
		if (y && y != year)
			at = p;
		p += strlen("Năm ");
	}
	if (!at)
		return 0;
	for (end = at + strlen("Năm "); *end && stops < 2; end++) {
		if (end[0] == '.' && (end[1] == ' ' || end[1] == 0))
			stops++;
		else if (!strncmp(end, "Năm ", strlen("Năm ")) && year_named(end) == year)
			break;
	}
	*from = (long)text_count_chars(text, (size_t)(at - text));
	*to = (long)text_count_chars(text, (size_t)(end - text));
	return 1;
}

/*
 * Whether an item of the footnote names another year ("- Hội Cựu chiến binh tỉnh: Năm
 * 2019,") and holds no award after it: a page break carried that year's awards off, maybe
 * into text read as another item's or as this year's, so the sums of the footnote say
 * nothing about the summary.
 */
static int other_year_lost(struct audit *a, sqlite3_stmt *items, sqlite3_stmt *after, long long doc,
                           long long psg, long year)
{
	int lost = 0;

	sqlite3_reset(items);
	sqlite3_bind_int64(items, 1, psg);
	sqlite3_bind_int64(items, 2, doc);
	while (!lost && row(a, items)) {
		long from, to;
		if (!other_year(col_text(items, 1), year, &from, &to))
			continue;
		sqlite3_reset(after);
		sqlite3_bind_int64(after, 1, doc);
		sqlite3_bind_int64(after, 2, sqlite3_column_int64(items, 0));
		sqlite3_bind_int64(after, 3, from);
		lost = row(a, after) && sqlite3_column_int64(after, 0) == 0;
	}
	return lost;
}

/* One unit-less award of the summary passage, or one unit's award in its footnote. */
struct bloc_award {
	char *award, *klass;
	int group;
	int checked; /* summary: granted, of the report's year, with a count */
	int later;   /* footnote: after an item's "Năm 2019": maybe another year's */
	long long item; /* footnote: its unit's item (the passage) */
	const char *levels; /* footnote, no grantor: who may give it as written (written_levels) */
	int granted;
	double n[2]; /* collectives, individuals */
	long long start, end;
	int has_end;
};

struct bloc_awards {
	struct bloc_award *v;
	size_t n, cap;
};

static void bloc_awards_clear(struct bloc_awards *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].award);
		free(b->v[i].klass);
	}
	b->n = 0;
}

static struct bloc_award *bloc_awards_push(struct bloc_awards *b, sqlite3_stmt *st)
{
	struct bloc_award *w;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
	}
	w = &b->v[b->n++];
	memset(w, 0, sizeof(*w));
	w->award = xstrdup(col_text(st, 0));
	w->klass = xstrdup(col_text(st, 1));
	w->group = grantor_group((const char *)sqlite3_column_text(st, 2));
	w->n[0] = sqlite3_column_double(st, 3);
	w->n[1] = sqlite3_column_double(st, 4);
	return w;
}

/* The summary passage's own counts of an award over its groups but the state's and the
 * government's (their lists are shared). */
static void summary_total(const struct bloc_awards *sum, const char *award, const char *klass,
                          double out[2])
{
	size_t i;

	out[0] = out[1] = 0;
	for (i = 0; i < sum->n; i++) {
		const struct bloc_award *w = &sum->v[i];
		if (!w->granted || strcmp(w->award, award) || (*klass && strcmp(w->klass, klass)) ||
		    w->group == GRP_STATE || w->group == GRP_GOVERNMENT)
			continue;
		out[0] += w->n[0];
		out[1] += w->n[1];
	}
}

/* Whether another of the passage's awards ends where w does: one list of recipients shared
 * by several awards. */
static int shares_list(const struct bloc_awards *sum, const struct bloc_award *w)
{
	size_t i;

	for (i = 0; i < sum->n; i++)
		if (&sum->v[i] != w && w->has_end && sum->v[i].has_end && sum->v[i].end == w->end)
			return 1;
	return 0;
}

/* A summary's statements take the document, the passage and the report's year. */
static void rebind(sqlite3_stmt *st, long long doc, long long psg, long year)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, psg);
	sqlite3_bind_int64(st, 3, year);
}

/* "toàn Khối có 07/07 đơn vị": the members, 0 when not stated. */
static long bloc_members(const char *text)
{
	const char *r = strstr(text, "toàn Khối có ");

	if (!r)
		return 0;
	r += strlen("toàn Khối có ");
	while (*r >= '0' && *r <= '9')
		r++;
	return *r == '/' ? strtol(r + 1, NULL, 10) : 0;
}

/* Whether the footnote citing psg holds one item per member, each ending its sentence. */
static int footnote_has_members(struct audit *a, sqlite3_stmt *members, long long doc,
                                long long psg, long whole)
{
	sqlite3_reset(members);
	sqlite3_bind_int64(members, 1, psg);
	sqlite3_bind_int64(members, 2, doc);
	return whole > 0 && row(a, members) &&
	       sqlite3_column_int64(members, 0) == whole && sqlite3_column_double(members, 1) <= 0;
}

/* Whether w, one unit's award, is of summary award x's kind (and class, when x names one);
 * any award is, where the group shares one list of recipients. */
static int same_award(const struct bloc_award *x, const struct bloc_award *w, int shared)
{
	return shared ||
	       (!strcmp(w->award, x->award) && (!*x->klass || !strcmp(w->klass, x->klass)));
}

/* Whether w, one unit's award, is among those summary award x adds up. */
static int adds_to(const struct bloc_award *x, const struct bloc_award *w, int shared)
{
	return w->group == x->group && same_award(x, w, shared);
}

/* items whose other year may run on are weighed each way while there are at most so many */
#define MAY_ITEMS 12

/*
 * Whether x's stated counts are what the units' awards may add up to: s[0..1] for certain
 * of the year, plus what the items whose other year's awards may run on ("Năm 2019, …. …")
 * hold after their first sentence — each item's part all of the year or all not, its
 * collectives and individuals together (where an item's other year stops is one place).
 */
static int may_add_up(const struct bloc_award *x, const double s[4],
                      const struct bloc_awards *parts, int shared)
{
	long long item[MAY_ITEMS];
	double add[MAY_ITEMS][2];
	size_t i, k, n = 0;
	unsigned long m;

	for (i = 0; i < parts->n; i++) {
		const struct bloc_award *w = &parts->v[i];
		if (!w->later || !adds_to(x, w, shared))
			continue;
		for (k = 0; k < n && item[k] != w->item; k++)
			;
		if (k == n) {
			if (n == MAY_ITEMS) /* too many to weigh: anything in the range */
				return x->n[0] >= s[0] && x->n[0] <= s[0] + s[2] &&
				       x->n[1] >= s[1] && x->n[1] <= s[1] + s[3];
			item[n] = w->item;
			add[n][0] = add[n][1] = 0;
			n++;
		}
		add[k][0] += w->n[0];
		add[k][1] += w->n[1];
	}
	for (m = 0; m < 1ul << n; m++) {
		double c = s[0], p = s[1];
		for (k = 0; k < n; k++)
			if (m & 1ul << k) {
				c += add[k][0];
				p += add[k][1];
			}
		if (c == x->n[0] && p == x->n[1])
			return 1;
	}
	return 0;
}

/* One summary award against the units' awards of its group in the footnote. */
static void check_bloc_award(struct audit *a, long long doc, long long psg, const char *text,
                             const struct bloc_awards *sum, const struct bloc_award *x,
                             const struct bloc_awards *parts)
{
	int shared = x->group == GRP_STATE || x->group == GRP_GOVERNMENT;
	/* sum: the awards of the year, then those that may be another year's */
	double s[4] = {0, 0, 0, 0}, all[2] = {0, 0}, stated_all[2];
	int unknown = 0, nparts = 0;
	size_t i;

	for (i = 0; i < parts->n; i++) {
		const struct bloc_award *w = &parts->v[i];
		int same = same_award(x, w, shared);

		if (w->group < 0 && same && group_may(x->group, w->award, w->levels))
			unknown = 1;
		if (!shared && same && w->group != GRP_STATE && w->group != GRP_GOVERNMENT) {
			all[0] += w->n[0];
			all[1] += w->n[1];
		}
		if (!adds_to(x, w, shared))
			continue;
		s[2 * w->later] += w->n[0];
		s[2 * w->later + 1] += w->n[1];
		nparts++;
	}
	/* a finding needs the stated numbers outside what the awards may add up to */
	if (unknown || !nparts || may_add_up(x, s, parts, shared))
		return;
	/* an award the summary gives to several groups ("Tập thể lao động xuất sắc" of the
	   ministries and of the province) that adds up over all of them: a grantor read wrong
	   in one unit's item, not a wrong total */
	if (!shared) {
		summary_total(sum, x->award, x->klass, stated_all);
		if (stated_all[0] == all[0] && stated_all[1] == all[1])
			return;
	}
	{
		const char *from = text + char_offset(text, x->start);
		const char *to = text + char_offset(text, x->end);
		char *ev = xstrndup(from, (size_t)(to - from));
		add(a, 4, doc, psg,
		    fmt("the bloc's summary states %.15g tập thể, %.15g cá nhân for %s; the "
		        "units' awards in its footnote give %.15g tập thể, %.15g cá nhân%s",
		        x->n[0], x->n[1], shared ? "the group's awards" : x->award, s[0] + s[2],
		        s[1] + s[3], s[2] + s[3] > 0 ? " (some maybe of another year)" : ""),
		    ev);
		free(ev);
	}
}

/*
 * The bloc's summary, "Kết quả khen thưởng năm 2020, toàn Khối có 7/7 đơn vị được tặng
 * thưởng …, như: Chủ tịch nước tặng 01 Huân chương Lao động hạng Nhì, 19 Huân chương Lao
 * động hạng Ba cho 02 tập thể, 18 cá nhân. … Bộ, ngành tặng Bằng khen cho 20 tập thể, 37
 * cá nhân; …⁵", adds up the awards of the footnote it cites, one item per unit. Each of
 * its awards (unit-less facts of that passage) is checked against the sum of the units'
 * granted awards of the report's year in that footnote given by a grantor of the same
 * group: of the same award (and class, when the summary names one), or — where awards
 * share one list of recipients, as the state's and the government's do — of every award
 * of the group. An award of the units with no grantor could belong to any group whose
 * level may give it as written (data/awards.tsv): the summary's awards it could be part of
 * are then not checked rather than raise a false alarm. An item that reports another year first
 * ("Năm 2019, … tặng …. Tặng …") does not write where that year's awards stop: the
 * sentence after the label's own may be either year's (may_add_up weighs both), what
 * follows is the report's year. Neither is a summary checked whose footnote lacks a
 * member's item, or the awards after an item's "Năm 2019," (a page break may have carried
 * them off): the ratio "7/7 đơn vị" gives the members.
 */
static int check_bloc_award_totals(struct audit *a)
{
	/* the summaries: passages saying "toàn Khối có", found through the full-text index
	   (a superset: it folds case and tone placement) rather than by unpacking every
	   passage, and cited by a footnote */
	sqlite3_stmt *st =
	    prep(a, "SELECT p.doc, p.id, p.text, d.year FROM passages_fts h"
	            " JOIN passages p ON p.id = h.rowid JOIN documents d ON d.id = p.doc"
	            " WHERE passages_fts MATCH '\"toàn khối có\"' AND " DOC_FILTER
	            " AND p.text LIKE '%toàn Khối có%'"
	            " AND EXISTS (SELECT 1 FROM passage_rows f WHERE f.id BETWEEN d.first_passage"
	            "  AND d.last_passage AND f.cites = p.id)"
	            " ORDER BY h.rowid");
	sqlite3_stmt *own = NULL, *parts = NULL, *members = NULL, *items = NULL, *after = NULL;
	struct bloc_awards sum = {0}, units = {0};
	int rc;

	if (!st)
		return -1;
	if (sqlite3_prepare_v2(
	        a->db,
	        "SELECT award, coalesce(class, ''), grantor, coalesce(collectives, 0),"
	        " coalesce(individuals, 0), start, \"end\", status = 'granted',"
	        " year IS NULL OR year = ?3,"
	        " collectives IS NOT NULL OR individuals IS NOT NULL"
	        " FROM awards WHERE doc = ?1 AND passage = ?2 AND unit IS NULL"
	        " ORDER BY start",
	        -1, &own, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
	                       "SELECT x.award, coalesce(x.class, ''), x.grantor,"
	                       " coalesce(x.collectives, 0), coalesce(x.individuals, 0), f.text,"
	                       " x.start, f.id, x.\"end\""
	                       " FROM awards x JOIN passages f ON f.id = x.passage"
	                       " WHERE x.doc = ?1 AND f.cites = ?2 AND f.kind = 'footnote'"
	                       " AND x.unit IS NOT NULL AND x.status = 'granted' AND x.year = ?3",
	                       -1, &parts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
	                       "SELECT count(DISTINCT f.unit), total(rtrim(f.text) NOT LIKE '%.')"
	                       " FROM passages f WHERE f.id BETWEEN"
	                       " (SELECT first_passage FROM documents WHERE id = ?2)"
	                       " AND (SELECT last_passage FROM documents WHERE id = ?2)"
	                       " AND f.cites = ?1 AND f.kind = 'footnote' AND f.unit IS NOT NULL",
	                       -1, &members, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
	                       "SELECT f.id, f.text FROM passages f WHERE f.id BETWEEN"
	                       " (SELECT first_passage FROM documents WHERE id = ?2)"
	                       " AND (SELECT last_passage FROM documents WHERE id = ?2)"
	                       " AND f.cites = ?1 AND f.kind = 'footnote' AND f.unit IS NOT NULL",
	                       -1, &items, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
	                       "SELECT count(*) FROM award_rows WHERE doc = ?1 AND passage = ?2"
	                       " AND start > ?3",
	                       -1, &after, NULL) != SQLITE_OK) {
		cli_error("audit", "%s", sqlite3_errmsg(a->db));
		rc = SQLITE_ERROR;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long doc = sqlite3_column_int64(st, 0), psg = sqlite3_column_int64(st, 1);
		const char *text = col_text(st, 2);
		long year = (long)sqlite3_column_int64(st, 3);
		unsigned done_groups = 0; /* the shared-list groups already checked */
		int loaded = 0;
		size_t i;

		/* a summary whose footnote lacks a member's item, or another year's awards of
		   one, says nothing */
		if (!footnote_has_members(a, members, doc, psg, bloc_members(text)) ||
		    other_year_lost(a, items, after, doc, psg, year))
			continue;
		bloc_awards_clear(&sum);
		rebind(own, doc, psg, year);
		while (row(a, own)) {
			struct bloc_award *w = bloc_awards_push(&sum, own);
			w->start = sqlite3_column_int64(own, 5);
			w->has_end = sqlite3_column_type(own, 6) != SQLITE_NULL;
			w->end = sqlite3_column_int64(own, 6);
			w->granted = sqlite3_column_int(own, 7);
			w->checked =
			    w->granted && sqlite3_column_int(own, 8) && sqlite3_column_int(own, 9);
		}
		for (i = 0; i < sum.n; i++) {
			const struct bloc_award *x = &sum.v[i];
			int shared = x->group == GRP_STATE || x->group == GRP_GOVERNMENT;

			/* awards sharing one list of recipients outside the state's and the
			   government's ("Chủ tịch UBND tỉnh tặng Bằng khen, Danh hiệu tập thể lao
			   động xuất sắc cho 75 tập thể, 93 cá nhân"): how the list divides is not
			   written */
			if (!x->checked || x->group < 0 ||
			    (shared && (done_groups & (1u << x->group))) ||
			    (!shared && shares_list(&sum, x)))
				continue;
			if (shared)
				done_groups |= 1u << x->group;
			if (!loaded) {
				loaded = 1;
				bloc_awards_clear(&units);
				rebind(parts, doc, psg, year);
				while (row(a, parts)) {
					struct bloc_award *w = bloc_awards_push(&units, parts);
					/* "Năm 2019, … tặng …. Tặng …": where another year's
					   awards stop in an item is not written, so an award
					   after "Năm 2019" may be that year's */
					long from, to;
					long long at = sqlite3_column_int64(parts, 6);
					w->later =
					    other_year(col_text(parts, 5), year, &from, &to) &&
					    at > from && at < to;
					w->item = sqlite3_column_int64(parts, 7);
					if (w->group < 0)
						w->levels =
						    written_levels(a, col_text(parts, 5), at,
						                   sqlite3_column_int64(parts, 8));
				}
			}
			check_bloc_award(a, doc, psg, text, &sum, x, &units);
		}
	}
out:
	bloc_awards_clear(&sum);
	bloc_awards_clear(&units);
	free(sum.v);
	free(units.v);
	sqlite3_finalize(after);
	sqlite3_finalize(items);
	sqlite3_finalize(members);
	sqlite3_finalize(parts);
	sqlite3_finalize(own);
	return finish(a, st) == 0 && rc == SQLITE_DONE ? 0 : -1;
}

/* Length of a leading outline label "5." / "2.1." / "II." of s, 0 when none. */
static size_t outline_label(const char *s)
{
	size_t i = 0;

	if (s[i] >= '0' && s[i] <= '9') {
		while ((s[i] >= '0' && s[i] <= '9') ||
		       (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9'))
			i++;
	} else {
		while (s[i] && strchr("IVX", s[i]))
			i++;
	}
	if (i == 0 || i > 8 || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	return i + 1;
}

/*
 * The same outline number twice under one parent section ("5." and "5." in PHẦN II). A
 * label restarts with each parent, so the parent's path is part of the key; footnotes and
 * table cells carry their own lists and are left out.
 */
static int check_sections(struct audit *a)
{
	sqlite3_stmt *st =
	    prep(a, "SELECT p.doc, p.id, p.section, p.text"
	            " FROM documents d CROSS JOIN passages p ON " DOC_PASSAGES " WHERE " DOC_FILTER
	            " AND p.kind IN ('body', 'heading') ORDER BY d.id, p.id");
	struct buf seen = BUF_INIT; /* "\nparent\tlabel\n" keys of the current document */
	long long doc = -1;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sec = col_text(st, 2), *text = col_text(st, 3), *cut;
		size_t n = outline_label(text), plen;
		char *key, *lab;

		if (sqlite3_column_int64(st, 0) != doc) {
			doc = sqlite3_column_int64(st, 0);
			buf_reset(&seen);
			buf_addc(&seen, '\n');
		}
		if (!n)
			continue;
		/* the section path ends with this label when the layout made it a section */
		lab = xstrndup(text, n - 1);
		cut = strrchr(sec, ' ');
		plen = strlen(sec);
		if (cut && !strcmp(cut + 1, lab) && cut - sec >= 4)
			plen = (size_t)(cut - sec) - 4; /* drop " › label" (› is 3 bytes) */
		key = fmt("%.*s\t%s\n", (int)plen, sec, lab);
		if (strstr(seen.p, key)) {
			/* the item's first 60 characters, whole ones */
			char *ev = xstrndup(text, char_offset(text, 60));
			add(a, 5, doc, sqlite3_column_int64(st, 1),
			    fmt("section number %s. appears twice in %.*s", lab, (int)plen, sec),
			    ev);
			free(ev);
		} else {
			buf_adds(&seen, key);
		}
		free(key);
		free(lab);
	}
	buf_free(&seen);
	return finish(a, st);
}

/* Reports are dated in the year they report on, or in January of the next. */
static int check_dates(struct audit *a)
{
	sqlite3_stmt *st =
	    prep(a, "SELECT d.id, d.year, d.date, CAST(substr(d.date, 1, 4) AS INT),"
	            " (SELECT p.id FROM passages p WHERE p.id BETWEEN d.first_passage"
	            "  AND min(d.last_passage, d.first_passage + 38)"
	            "  AND p.text LIKE '%ngày%năm ' || substr(d.date, 1, 4) || '%'"
	            "  ORDER BY p.id LIMIT 1)"
	            " FROM documents d WHERE " DOC_FILTER " AND d.date IS NOT NULL"
	            " AND d.year IS NOT NULL ORDER BY d.id");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 1), dy = sqlite3_column_int(st, 3);
		long long psg = sqlite3_column_int64(st, 4);
		char *ev = NULL;

		if (dy == year || dy == year + 1)
			continue;
		if (psg) {
			sqlite3_stmt *t;
			if (sqlite3_prepare_v2(a->db, "SELECT text FROM passages WHERE id = ?", -1,
			                       &t, NULL) == SQLITE_OK) {
				sqlite3_bind_int64(t, 1, psg);
				if (row(a, t))
					ev = xstrdup(col_text(t, 0));
				sqlite3_finalize(t);
			}
		}
		add(a, 6, sqlite3_column_int64(st, 0), psg,
		    fmt("dated %s but reports on %d", col_text(st, 2), year),
		    ev ? ev : col_text(st, 2));
		free(ev);
	}
	return finish(a, st);
}

/*
 * Two rows for one document: the same bytes, or the same số/ký hiệu, place and year (numbers
 * restart every year, and every province has a KTĐNC). The finding goes on the copy: of
 * documents sharing a key, the one whose file name is shortest is taken for the original
 * (copies get suffixes: "-ban-sao", " (1)", "- Copy"), ties by path.
 */
static int check_duplicates(struct audit *a)
{
	/* the pairs that share a key, each key an equality join (a pair of every two documents
	 * tested with both keys at once was 8.6 s on the national corpus's 25 757), then each
	 * document's first partner in (len, path) order: the original when it comes first */
	static const char sql[] =
	    "WITH k AS (SELECT d.id, d.path, length(replace(d.path, rtrim(d.path,"
	    "  replace(d.path, '/', '')), '')) AS len, d.sha256, d.number,"
	    /* the place as its province reads it: a revised version typed again may place a
	       tone elsewhere ("Khánh Hòa", "Khánh Hoà") */
	    "  coalesce(d.province, d.place) AS place, d.year"
	    "  FROM documents d),"
	    " c AS (SELECT d.id AS did, o.id AS oid, o.len, o.path, o.sha256 = d.sha256 AS same"
	    "  FROM k d JOIN k o ON o.sha256 = d.sha256 AND o.id <> d.id"
	    "  UNION SELECT d.id, o.id, o.len, o.path, o.sha256 = d.sha256"
	    "  FROM k d JOIN k o ON d.number IS NOT NULL AND o.number = d.number"
	    "  AND o.place IS d.place AND o.year IS d.year AND o.id <> d.id),"
	    " b AS (SELECT c.*, row_number() OVER (PARTITION BY did ORDER BY len, path) AS rn"
	    "  FROM c)"
	    " SELECT b.did, b.oid, b.path, CASE WHEN b.same THEN 'text' ELSE 'number' END,"
	    " d.number FROM b JOIN k d ON d.id = b.did JOIN documents dd ON dd.id = b.did"
	    " WHERE b.rn = 1 AND (b.len < d.len OR (b.len = d.len AND b.path < d.path))"
	    " AND (?1 IS NULL OR dd.year BETWEEN ?1 AND ?2) AND (?3 IS NULL OR b.did = ?3)"
	    " ORDER BY b.did";
	sqlite3_stmt *st = prep(a, sql);

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int same_text = !strcmp(col_text(st, 3), "text");
		add(a, 7, sqlite3_column_int64(st, 0), 0,
		    same_text ? fmt("same bytes as document %lld (%s)", sqlite3_column_int64(st, 1),
		                    col_text(st, 2))
		              : fmt("same số/ký hiệu, place and year as document %lld (%s)",
		                    sqlite3_column_int64(st, 1), col_text(st, 2)),
		    same_text ? col_text(st, 2) : col_text(st, 4));
	}
	return finish(a, st);
}

/*
 * A bloc is its issuer code in a province (KTĐNC of Tuyên Quang; the place as the province
 * reads it, so "Hoà Bình" and "Hòa Bình" are one). Its members in a year are the units its
 * report gives a list item of its own ("- Công an tỉnh: …"): a unit named in
 * running text, however often (the police that co-organised a school bloc's event, a
 * newspaper that covered it), is not one. Each report of year N lacking a member of N−1
 * and N+1 is a finding: a copy or a revised version of it lacks the unit too.
 */
static int check_gaps(struct audit *a)
{
	static const char sql[] =
	    "WITH r AS (SELECT d.id, coalesce(d.province, d.place) AS place,"
	    "  d.issuer_code AS bloc, d.year"
	    "  FROM documents d WHERE d.issuer_code IS NOT NULL AND " DOC_FILTER "),"
	    /* the members of the blocs and years asked for and of the years around them only:
	       a unit's mentions in every report took 1.4 s on the national corpus */
	    /* a unit by its folded name, not its inventory unit: the district branches and
	       the schools of a bloc share one ("Ủy ban nhân dân cấp huyện"), and a year
	       without one of them was hidden by the others; folded, "Hiệp Hòa" and "Hiệp
	       Hoà" are one */
	    " m AS (SELECT d.id AS doc, coalesce(d.province, d.place) AS place,"
	    "  d.issuer_code AS bloc, d.year, u.key AS unit, min(u.name) AS name"
	    "  FROM documents d JOIN passage_rows p ON p.id BETWEEN d.first_passage"
	    "  AND d.last_passage AND p.unit IS NOT NULL JOIN units u"
	    "  ON u.id = p.unit WHERE d.issuer_code IS NOT NULL"
	    "  AND d.year BETWEEN (SELECT min(year) - 1 FROM r) AND (SELECT max(year) + 1 FROM r)"
	    "  AND d.issuer_code || '|' || coalesce(d.province, d.place, '') IN"
	    "  (SELECT bloc || '|' || coalesce(place, '') FROM r)"
	    "  GROUP BY d.id, u.key)"
	    " SELECT r.id, r.place, r.bloc, r.year, min(b.name) FROM r"
	    " JOIN m b ON b.place IS r.place AND b.bloc = r.bloc AND b.year = r.year - 1"
	    " JOIN m c ON c.place IS r.place AND c.bloc = r.bloc AND c.year = r.year + 1"
	    "  AND c.unit = b.unit"
	    " WHERE NOT EXISTS (SELECT 1 FROM m x WHERE x.doc = r.id AND x.unit = b.unit)"
	    " GROUP BY r.id, b.unit ORDER BY r.id, 5";
	sqlite3_stmt *st = prep(a, sql);

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 3);
		add(a, 8, sqlite3_column_int64(st, 0), 0,
		    fmt("%s is in the %s reports of %s for %d and %d but not %d", col_text(st, 4),
		        col_text(st, 2), col_text(st, 1), y - 1, y + 1, y),
		    col_text(st, 4));
	}
	return finish(a, st);
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *p = x, *q = y;

	if (p->doc != q->doc)
		return p->doc < q->doc ? -1 : 1;
	if (p->passage != q->passage)
		return p->passage < q->passage ? -1 : 1;
	return p->check - q->check;
}

static int parse_checks(const char *s, unsigned *want)
{
	*want = 0;
	while (*s) {
		size_t n = strcspn(s, ","), k;
		for (k = 0; checks[k]; k++)
			if (strlen(checks[k]) == n && !strncmp(checks[k], s, n))
				break;
		if (!checks[k])
			return -1;
		*want |= 1u << k;
		s += n;
		if (*s)
			s++;
	}
	return *want ? 0 : -1;
}

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"year", required_argument, NULL, 'y'},
	                                     {"doc", required_argument, NULL, 'D'},
	                                     {"check", required_argument, NULL, 'c'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct audit a;
	struct err e;
	const char *dbpath = NULL;
	int fmt_ = FMT_TABLE, c, rc = EXIT_OK;
	size_t i;
	struct out *o;

	memset(&a, 0, sizeof(a));
	a.docid = -1;
	a.want = ~0u;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'y':
			if (cli_parse_years(optarg, &a.y0, &a.y1) != 0)
				return cli_usage_error("audit", "--year wants Y or Y1-Y2");
			break;
		case 'D':
			if (cli_parse_count(optarg, &a.docid) != 0)
				return cli_usage_error("audit", "--doc wants a document id");
			break;
		case 'c':
			if (parse_checks(optarg, &a.want) != 0)
				return cli_usage_error("audit", "unknown check in '%s'", optarg);
			break;
		case 'f':
			if ((fmt_ = cli_parse_format(optarg)) < 0)
				return cli_usage_error("audit",
				                       "--format is table, json, csv or tsv");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("audit", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("audit", "unexpected argument '%s'", argv[optind]);
	if (db_open(db_default_path(dbpath), DB_READONLY, &a.db, &e) != 0)
		return cli_error("audit", "%s", e.msg);
	if ((a.want & 7 && check_figures(&a) != 0) || (a.want & 8 && check_ratio_lists(&a) != 0) ||
	    (a.want & 16 && (check_money_totals(&a) != 0 || check_bloc_money_totals(&a) != 0 ||
	                     check_award_totals(&a) != 0 || check_bloc_award_totals(&a) != 0)) ||
	    (a.want & 32 && check_sections(&a) != 0) || (a.want & 64 && check_dates(&a) != 0) ||
	    (a.want & 128 && check_duplicates(&a) != 0) || (a.want & 256 && check_gaps(&a) != 0))
		rc = EXIT_USAGE;
	if (rc == EXIT_OK && a.failed)
		rc = cli_error("audit", "%s", a.failed);
	if (rc == EXIT_OK) {
		sqlite3_stmt *path = NULL;
		if (a.n) /* no findings: a.f is NULL, which qsort may not be given */
			qsort(a.f, a.n, sizeof(*a.f), cmp_finding);
		sqlite3_prepare_v2(a.db, "SELECT path FROM documents WHERE id = ?", -1, &path,
		                   NULL);
		o = out_new(stdout, fmt_, cols, (int)(sizeof(cols) / sizeof(cols[0])));
		for (i = 0; i < a.n; i++) {
			const struct finding *f = &a.f[i];
			out_str(o, checks[f->check]);
			out_str(o, f->check >= 1 && f->check <= 4 ? "error" : "warning");
			out_int(o, f->doc);
			sqlite3_reset(path);
			sqlite3_bind_int64(path, 1, f->doc);
			if (path && sqlite3_step(path) == SQLITE_ROW)
				out_str(o, col_text(path, 0));
			else
				out_null(o);
			if (f->passage)
				out_int(o, f->passage);
			else
				out_null(o);
			out_str(o, f->message);
			out_str(o, f->evidence);
		}
		out_end(o);
		sqlite3_finalize(path);
	}
	for (i = 0; i < a.n; i++) {
		free(a.f[i].message);
		free(a.f[i].evidence);
	}
	free(a.f);
	free(a.failed);
	vn_norm_free(a.nm);
	db_close(a.db);
	return rc;
}
