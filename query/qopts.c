#include "qopts.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "vn_lex.h"
#include "vn_syll.h"
#include "../indexer/facts.h"
#include "../indexer/units.h"

int qopts_parse(const char *cmd, const char *usage, int argc, char **argv, struct qopts *q,
		unsigned extra)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	   {"year", required_argument, NULL, 'y'},
		{"unit", required_argument, NULL, 'u'},	   {"doc", required_argument, NULL, 'D'},
		{"format", required_argument, NULL, 'f'},  {"award", required_argument, NULL, 'a'},
		{"grantor", required_argument, NULL, 'g'}, {"status", required_argument, NULL, 's'},
		{"section", required_argument, NULL, 'S'}, {"limit", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},	   {NULL, 0, NULL, 0}};
	int c;

	memset(q, 0, sizeof(*q));
	q->fmt = FMT_TABLE;
	q->doc = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			q->db = optarg;
			break;
		case 'y':
			if (cli_parse_years(optarg, &q->y0, &q->y1) != 0)
				return cli_usage_error(cmd, "--year wants Y or Y1-Y2"), -2;
			break;
		case 'u':
			q->unit = optarg;
			break;
		case 'D':
			if (cli_parse_count(optarg, &q->doc) != 0)
				return cli_usage_error(cmd, "--doc wants a document id"), -2;
			break;
		case 'f':
			if ((q->fmt = cli_parse_format(optarg)) < 0)
				return cli_usage_error(cmd, "--format is table, json, csv or tsv"), -2;
			break;
		case 'a':
		case 'g':
		case 's':
		case 'S':
		case 'n': {
			unsigned need = c == 'a' ? QO_AWARD : c == 'g' ? QO_GRANTOR : c == 's' ? QO_STATUS
					 : c == 'S' ? QO_SECTION : QO_LIMIT;
			if (!(extra & need))
				return cli_usage_error(cmd, "unknown option"), -2;
			if (c == 'a')
				q->award = optarg;
			else if (c == 'g')
				q->grantor = optarg;
			else if (c == 'S')
				q->section = optarg;
			else if (c == 'n') {
				if (cli_parse_count(optarg, &q->limit) != 0)
					return cli_usage_error(cmd, "--limit wants a number"), -2;
			} else {
				static const char *const st[] = {"registered", "proposed", "granted",
								 "honoured", NULL};
				int k;
				for (k = 0; st[k] && strcmp(st[k], optarg) != 0; k++)
					;
				if (!st[k])
					return cli_usage_error(cmd, "--status is registered, proposed,"
								    " granted or honoured"),
					       -2;
				q->status = optarg;
			}
			break;
		}
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			return cli_usage_error(cmd, "unknown option"), -2;
		}
	}
	return optind;
}

void qopts_bind(sqlite3_stmt *st, const struct qopts *q)
{
	if (q->y0) {
		sqlite3_bind_int(st, 1, q->y0);
		sqlite3_bind_int(st, 2, q->y1);
	}
	if (q->doc >= 0)
		sqlite3_bind_int64(st, 3, q->doc);
}

/*
 * The fold of each abbreviation of data/abbreviations.tsv with one meaning that is not an
 * ordinary syllable ("ubnd" -> "uy ban nhan dan"): fact names keep what the report or the
 * inventory wrote ("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân huyện An Phú"), and a
 * user types either, so both sides of a comparison are read with the full form.
 */
static GHashTable *abbr_folds(struct vn_norm *nm)
{
	static GHashTable *h;
	const struct vn_table *t;
	size_t i;

	if (h)
		return h;
	h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!(t = vn_lex_table("abbreviations.tsv")))
		return h;
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		char *a, *f;
		if (r->nfields < 2)
			continue;
		a = facts_fold_key(nm, r->fields[0]);
		f = facts_fold_key(nm, r->fields[1]);
		if (!*a || strchr(a, ' ') || vn_syll_plausible(a, strlen(a))) {
			g_free(a);
			g_free(f);
		} else if (g_hash_table_contains(h, a)) {
			g_hash_table_replace(h, a,
			                     g_strdup("")); /* two meanings: left as written */
			g_free(f);
		} else {
			g_hash_table_insert(h, a, f);
		}
	}
	return h;
}

/* facts_fold_key(s) with each abbreviation's words in the place of its fold */
static char *fold_expanded(struct vn_norm *nm, const char *s)
{
	GHashTable *h = abbr_folds(nm);
	char *k = facts_fold_key(nm, s), *save = NULL, *w;
	struct buf b = BUF_INIT;

	for (w = strtok_r(k, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		const char *full = g_hash_table_lookup(h, w);
		if (b.n)
			buf_addc(&b, ' ');
		buf_adds(&b, full && *full ? full : w);
	}
	free(k);
	return buf_detach(&b);
}

/*
 * The fold key of s (facts_fold_key, abbreviations expanded), kept for the process: a
 * listing asks about the same
 * few award kinds, nouns, grantors and campaign names for each of its rows, and folding one
 * builds its words (`trend --figure "suất quà"` over the national corpus's 6.4 million
 * figures spent 3.3 s doing it again row after row).
 */
static const char *fold_key(struct vn_norm *nm, const char *s)
{
	static GHashTable *memo;
	char *k;

	if (!memo)
		memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	if ((k = g_hash_table_lookup(memo, s)) != NULL)
		return k;
	if (g_hash_table_size(memo) >= 65536)
		g_hash_table_remove_all(memo);
	k = fold_expanded(nm, s);
	g_hash_table_insert(memo, g_strdup(s), k);
	return k;
}

int qopts_fold_has(struct vn_norm *nm, const char *hay, const char *needle)
{
	const char *h = fold_key(nm, hay ? hay : ""), *n = fold_key(nm, needle), *p = h;
	size_t nl = strlen(n);
	int found = 0;

	while (!found && nl && (p = strstr(p, n)) != NULL) {
		found = (p == h || p[-1] == ' ') && (p[nl] == 0 || p[nl] == ' ');
		p++;
	}
	return found || nl == 0;
}

char *qopts_unit_ids(sqlite3 *db, struct vn_norm *nm, const char *name)
{
	struct buf ids = BUF_INIT;
	char *want = facts_fold_key(nm, name), *canon_want = NULL;
	sqlite3_stmt *st;
	struct vn_words w;
	const char *canon = NULL;
	char *uname = NULL;

	/* the inventory's aliases: "CA tỉnh" -> Công an tỉnh */
	vn_words_build(&w, nm, name, strlen(name));
	if (w.n && units_at(&w, 0, NULL, &canon, &uname) >= w.n)
		canon_want = facts_fold_key(nm, uname);
	free(uname);
	vn_words_free(&w);
	/* a unit is meant when its name folds to the name given or to its inventory unit, or
	 * one of its aliases folds to the name given (the writer stored the folds) */
	if (sqlite3_prepare_v2(db,
	                       "SELECT id FROM units WHERE key IN (?1, ?2)"
	                       " UNION SELECT unit FROM unit_aliases WHERE key = ?1 ORDER BY 1",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, canon_want ? canon_want : want, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&ids, "%s%lld", ids.n ? "," : "",
			           (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	free(want);
	free(canon_want);
	return buf_detach(&ids);
}

char *qopts_fact_names_if(sqlite3 *db, int (*keep)(void *ctx, const char *name), void *ctx)
{
	/* the few hundred names, each tested once: folding every row's kind was most of
	 * `awards --award` on the national corpus's 1.8 million awards */
	struct buf list = BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT name FROM fact_names", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *q;
		if (!keep(ctx, name))
			continue;
		q = sqlite3_mprintf("%Q", name);
		buf_printf(&list, "%s%s", list.n ? "," : "", q);
		sqlite3_free(q);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		buf_free(&list);
		return NULL;
	}
	return buf_detach(&list);
}

struct fold_needle {
	struct vn_norm *nm;
	const char *needle;
};

static int has_needle(void *ctx, const char *name)
{
	const struct fold_needle *f = ctx;
	return qopts_fold_has(f->nm, name, f->needle);
}

char *qopts_fact_names(sqlite3 *db, struct vn_norm *nm, const char *needle)
{
	struct fold_needle f = {nm, needle};
	char *list = qopts_fact_names_if(db, has_needle, &f);
	return list ? list : xstrdup("");
}
