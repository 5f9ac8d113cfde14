/*
 * factscore: precision and recall of thidua's facts against a gold file written by reading
 * the report (tests/golden/seed-*.tsv).
 *
 *   factscore DB GOLD_DIR [-v]      (the database holds the one document the gold is about)
 *
 * units      distinct units the document names (gold: seed-units.tsv, column unit)
 * campaigns  distinct campaigns, compared by folded name (seed-campaigns.tsv)
 * awards     award facts (seed-awards.tsv): a fact matches a gold row when award, class,
 *            grantor, status, collectives, individuals, count, year and unit are equal
 *            (names compared folded) and its span overlaps the gold evidence in the same
 *            passage. Each gold row matches at most one fact.
 * Prints one line per kind: kind, tp, fp, fn, precision, recall; -v lists the misses.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "db.h"
#include "util.h"
#include "vn_norm.h"

static struct vn_norm *nm;

static char *fold(const char *s)
{
	return facts_fold_key(nm, s ? s : "");
}

struct rows {
	char ***r;
	size_t n, cap;
	int ncol;
};

static int load_tsv(const char *path, struct rows *t)
{
	FILE *f = fopen(path, "r");
	char line[8192];
	int header = 1;

	if (!f)
		return -1;
	memset(t, 0, sizeof(*t));
	while (fgets(line, sizeof(line), f)) {
		char *p = line, **row;
		int k = 0;
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '#' || !line[0])
			continue;
		if (header) {
			header = 0;
			for (t->ncol = 1; *p; p++)
				t->ncol += *p == '\t';
			continue;
		}
		row = xcalloc((size_t)t->ncol, sizeof(char *));
		for (k = 0; k < t->ncol; k++) {
			size_t len = strcspn(p, "\t");
			row[k] = xstrndup(p, len);
			p += len;
			if (*p == '\t')
				p++;
		}
		t->r = xgrow(t->r, &t->cap, t->n + 1, sizeof(*t->r));
		t->r[t->n++] = row;
	}
	fclose(f);
	return 0;
}

static void free_rows(struct rows *t)
{
	size_t i;
	int k;
	for (i = 0; i < t->n; i++) {
		for (k = 0; k < t->ncol; k++)
			free(t->r[i][k]);
		free(t->r[i]);
	}
	free(t->r);
}

static void report(const char *kind, size_t tp, size_t fp, size_t fn)
{
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 1.0;
	double r = tp + fn ? (double)tp / (double)(tp + fn) : 1.0;
	printf("%s\t%zu\t%zu\t%zu\t%.4f\t%.4f\n", kind, tp, fp, fn, p, r);
}

/* Distinct folded names of a query's first column against a gold column. */
static void score_set(sqlite3 *db, const char *sql, struct rows *gold, int col, const char *kind,
		      int verbose)
{
	sqlite3_stmt *st;
	char **got = NULL;
	size_t ngot = 0, cap = 0, i, j, tp = 0, fp, fn;
	int *used = xcalloc(gold->n + 1, sizeof(int));

	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *k = fold((const char *)sqlite3_column_text(st, 0));
		for (i = 0; i < ngot && strcmp(got[i], k) != 0; i++)
			;
		if (i < ngot) {
			free(k);
			continue;
		}
		got = xgrow(got, &cap, ngot + 1, sizeof(*got));
		got[ngot++] = k;
	}
	sqlite3_finalize(st);
	for (i = 0; i < ngot; i++) {
		int hit = 0;
		for (j = 0; j < gold->n && !hit; j++) {
			char *g = fold(gold->r[j][col]);
			if (!used[j] && strcmp(g, got[i]) == 0)
				used[j] = hit = 1;
			free(g);
		}
		tp += (size_t)hit;
		if (!hit && verbose)
			printf("# %s extra: %s\n", kind, got[i]);
	}
	fp = ngot - tp;
	fn = gold->n - tp;
	for (j = 0; verbose && j < gold->n; j++)
		if (!used[j])
			printf("# %s missed: %s\n", kind, gold->r[j][col]);
	report(kind, tp, fp, fn);
	for (i = 0; i < ngot; i++)
		free(got[i]);
	free(got);
	free(used);
}

static int same(const char *a, const char *b)
{
	char *fa, *fb;
	int r;
	if (!a || strcmp(a, "-") == 0)
		a = "";
	if (!b || strcmp(b, "-") == 0)
		b = "";
	fa = fold(a);
	fb = fold(b);
	r = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return r;
}

static char *strip_stars(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++)
		if (*s != '*')
			buf_addc(&b, *s);
	return buf_detach(&b);
}

static long chars(const char *s, const char *end)
{
	long c = 0;
	for (; s < end; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			c++;
	return c;
}

enum { A_LINE, A_UNIT, A_AWARD, A_CLASS, A_GRANTOR, A_STATUS, A_COLL, A_INDIV, A_COUNT, A_YEAR,
       A_EVIDENCE };

static void score_awards(sqlite3 *db, struct rows *gold, int verbose)
{
	static const char sql[] =
	    "SELECT a.award, a.class, a.grantor, a.status, a.collectives, a.individuals,"
	    " a.count, a.year, u.name, p.text, a.start, a.end, a.evidence"
	    " FROM awards a JOIN passages p ON p.id = a.passage LEFT JOIN units u ON u.id = a.unit"
	    " ORDER BY a.doc, a.id";
	sqlite3_stmt *st;
	int *used = xcalloc(gold->n + 1, sizeof(int));
	size_t tp = 0, fp = 0, j;

	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c[13];
		int k, hit = 0;
		for (k = 0; k < 13; k++)
			c[k] = (const char *)sqlite3_column_text(st, k);
		for (j = 0; j < gold->n && !hit; j++) {
			char **g = gold->r[j], *ev;
			const char *at;
			long ea, eb, fa = sqlite3_column_int(st, 10), fb = sqlite3_column_int(st, 11);
			if (used[j] || !same(g[A_AWARD], c[0]) || !same(g[A_CLASS], c[1]) ||
			    !same(g[A_GRANTOR], c[2]) || strcmp(g[A_STATUS], c[3]) != 0 ||
			    !same(g[A_COLL], c[4]) || !same(g[A_INDIV], c[5]) ||
			    !same(g[A_COUNT], c[6]) || !same(g[A_YEAR], c[7]) || !same(g[A_UNIT], c[8]))
				continue;
			ev = strip_stars(g[A_EVIDENCE]);
			at = strstr(c[9], ev);
			if (at) {
				ea = chars(c[9], at);
				eb = ea + chars(at, at + strlen(ev));
				hit = fa < eb && ea < fb;
			}
			free(ev);
			if (hit)
				used[j] = 1;
		}
		if (hit)
			tp++;
		else {
			fp++;
			if (verbose)
				printf("# awards extra: %s | %s | %s | %s | %s/%s x%s | %s | %s | %s\n",
				       c[0], c[1] ? c[1] : "", c[2] ? c[2] : "", c[3], c[4] ? c[4] : "",
				       c[5] ? c[5] : "", c[6] ? c[6] : "", c[7] ? c[7] : "",
				       c[8] ? c[8] : "", c[12]);
		}
	}
	sqlite3_finalize(st);
	for (j = 0; verbose && j < gold->n; j++)
		if (!used[j])
			printf("# awards missed: line %s: %s | %s | %s | %s | %s/%s x%s | %s | %s | %s\n",
			       gold->r[j][A_LINE], gold->r[j][A_AWARD], gold->r[j][A_CLASS],
			       gold->r[j][A_GRANTOR], gold->r[j][A_STATUS], gold->r[j][A_COLL],
			       gold->r[j][A_INDIV], gold->r[j][A_COUNT], gold->r[j][A_YEAR],
			       gold->r[j][A_UNIT], gold->r[j][A_EVIDENCE]);
	report("awards", tp, fp, gold->n - tp);
	free(used);
}

int main(int argc, char **argv)
{
	struct rows units, camps, awards;
	char path[4096];
	sqlite3 *db;
	struct err e;
	int verbose = argc > 3 && strcmp(argv[3], "-v") == 0;

	if (argc < 3) {
		fprintf(stderr, "usage: factscore DB GOLD_DIR [-v]\n");
		return 2;
	}
	nm = vn_norm_new(&e);
	if (!nm || db_open(argv[1], DB_READONLY, &db, &e) != 0) {
		fprintf(stderr, "factscore: cannot open %s\n", argv[1]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/seed-units.tsv", argv[2]);
	if (load_tsv(path, &units) != 0)
		return fprintf(stderr, "factscore: %s: cannot read\n", path), 2;
	snprintf(path, sizeof(path), "%s/seed-campaigns.tsv", argv[2]);
	if (load_tsv(path, &camps) != 0)
		return fprintf(stderr, "factscore: %s: cannot read\n", path), 2;
	snprintf(path, sizeof(path), "%s/seed-awards.tsv", argv[2]);
	if (load_tsv(path, &awards) != 0)
		return fprintf(stderr, "factscore: %s: cannot read\n", path), 2;
	printf("kind\ttp\tfp\tfn\tprecision\trecall\n");
	score_set(db, "SELECT DISTINCT u.name FROM unit_mentions m JOIN units u ON u.id = m.unit",
		  &units, 0, "units", verbose);
	score_set(db,
		  "SELECT c.key FROM campaign_mentions m JOIN campaigns c ON c.id = m.campaign",
		  &camps, 1, "campaigns", verbose);
	score_awards(db, &awards, verbose);
	sqlite3_close(db);
	vn_norm_free(nm);
	free_rows(&units);
	free_rows(&camps);
	free_rows(&awards);
	return 0;
}
