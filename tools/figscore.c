/*
 * figscore: precision and recall of `thidua figures` against a gold file written by hand.
 *
 *   figscore [-v] [--min P] GOLD.tsv FIGURES.tsv
 *
 * GOLD.tsv has the columns kind, value, of, noun, qualifier (tests/golden/seed-figures.tsv;
 * lines starting with # are comments); FIGURES.tsv is `thidua figures --format tsv`. A
 * found figure matches a gold one when kind, value, of and noun agree — the noun compared
 * in vn_norm's canonical form (case, tone placement and i/y do not matter, accents do).
 * Each gold figure matches at most one found figure. Qualifiers are not part of the match;
 * their agreement on matched pairs is reported beside. Prints one line per kind and the
 * total; with --min, exits 1 when the total precision or recall is below P. -v lists what
 * was missed and what was found in excess.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vn_norm.h"
#include "vn_tok.h"

struct fig {
	char kind[16];
	double value, of;
	char *noun, *qualifier, *show;
	int matched;
};

struct set {
	struct fig *f;
	size_t n, cap;
};

static int canon_word(void *ctx, const struct vn_word *w, size_t start, size_t end)
{
	struct buf *b = ctx;
	(void)start;
	(void)end;
	if (b->n)
		buf_addc(b, ' ');
	buf_add(b, w->canon, w->ncanon);
	return 0;
}

static char *canon_text(struct vn_norm *nm, const char *s)
{
	struct buf b = BUF_INIT;
	vn_tok_each(nm, s, strlen(s), canon_word, &b);
	return buf_detach(&b);
}

/* Split a TSV line in place; returns the number of fields. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (n < max)
			f[n++] = p;
		if (!tab)
			break;
		*tab = 0;
		p = tab + 1;
	}
	return n;
}

static int column(char **head, int nh, const char *name)
{
	int i;
	for (i = 0; i < nh; i++)
		if (strcmp(head[i], name) == 0)
			return i;
	return -1;
}

static int load(const char *path, struct vn_norm *nm, struct set *s, struct err *e)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *head[32], *fld[32], *hline = NULL;
	size_t cap = 0;
	ssize_t len;
	int nh = 0, ck, cv, co, cn, cq, cr;

	if (!f)
		return err_set(e, "%s: cannot open", path);
	while ((len = getline(&line, &cap, f)) >= 0) {
		int nf;
		struct fig *g;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (len == 0 || line[0] == '#')
			continue;
		if (!hline) {
			hline = xstrdup(line);
			nh = split(hline, head, 32);
			continue;
		}
		ck = column(head, nh, "kind");
		cv = column(head, nh, "value");
		co = column(head, nh, "of");
		cn = column(head, nh, "noun");
		cq = column(head, nh, "qualifier");
		cr = column(head, nh, "raw");
		if (cr < 0)
			cr = column(head, nh, "token");
		if (ck < 0 || cv < 0 || co < 0 || cn < 0) {
			free(line);
			free(hline);
			fclose(f);
			return err_set(e, "%s: needs the columns kind, value, of, noun", path);
		}
		nf = split(line, fld, 32);
		if (nf < nh)
			continue;
		s->f = xgrow(s->f, &s->cap, s->n + 1, sizeof(*s->f));
		g = &s->f[s->n++];
		memset(g, 0, sizeof(*g));
		snprintf(g->kind, sizeof(g->kind), "%s", fld[ck]);
		g->value = strtod(fld[cv], NULL);
		g->of = *fld[co] ? strtod(fld[co], NULL) : 0;
		g->noun = canon_text(nm, fld[cn]);
		g->qualifier = xstrdup(cq >= 0 ? fld[cq] : "");
		{
			struct buf b = BUF_INIT;
			buf_printf(&b, "%s %s %s (%s)", fld[ck], cr >= 0 ? fld[cr] : fld[cv],
			           fld[cn], fld[cv]);
			g->show = buf_detach(&b);
		}
	}
	free(line);
	free(hline);
	fclose(f);
	return 0;
}

static int same(const struct fig *a, const struct fig *b)
{
	return strcmp(a->kind, b->kind) == 0 &&
	       fabs(a->value - b->value) <= 1e-9 * fmax(1, fabs(a->value)) &&
	       fabs(a->of - b->of) <= 1e-9 * fmax(1, fabs(a->of)) && strcmp(a->noun, b->noun) == 0;
}

static void free_set(struct set *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		free(s->f[i].noun);
		free(s->f[i].qualifier);
		free(s->f[i].show);
	}
	free(s->f);
}

static const char *const kinds[] = {"count",   "money", "score",   "ratio",
                                    "percent", "rate",  "measure", "number"};

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 1.0;
}

int main(int argc, char **argv)
{
	struct set gold = {NULL, 0, 0}, found = {NULL, 0, 0};
	struct vn_norm *nm;
	struct err e;
	size_t i, j, k, matched = 0, qual_same = 0;
	double min = -1;
	int verbose = 0, a = 1, rc = 0;

	for (; a < argc && argv[a][0] == '-'; a++) {
		if (strcmp(argv[a], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[a], "--min") == 0 && a + 1 < argc)
			min = strtod(argv[++a], NULL);
		else
			break;
	}
	if (argc - a != 2) {
		fputs("usage: figscore [-v] [--min P] GOLD.tsv FIGURES.tsv\n", stderr);
		return 2;
	}
	if (!(nm = vn_norm_new(&e)) || load(argv[a], nm, &gold, &e) != 0 ||
	    load(argv[a + 1], nm, &found, &e) != 0) {
		fprintf(stderr, "figscore: %s\n", e.msg);
		vn_norm_free(nm);
		free_set(&gold);
		free_set(&found);
		return 2;
	}
	for (i = 0; i < gold.n; i++)
		for (j = 0; j < found.n; j++)
			if (!found.f[j].matched && same(&gold.f[i], &found.f[j])) {
				gold.f[i].matched = found.f[j].matched = 1;
				matched++;
				qual_same += strcmp(gold.f[i].qualifier, found.f[j].qualifier) == 0;
				if (verbose &&
				    strcmp(gold.f[i].qualifier, found.f[j].qualifier) != 0)
					printf("qualifier: %s: gold '%s', found '%s'\n",
					       gold.f[i].show, gold.f[i].qualifier,
					       found.f[j].qualifier);
				break;
			}
	printf("%-8s %6s %6s %8s %10s %7s\n", "kind", "gold", "found", "matched", "precision",
	       "recall");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t g = 0, f = 0, m = 0;
		for (i = 0; i < gold.n; i++)
			if (strcmp(gold.f[i].kind, kinds[k]) == 0)
				g++, m += (size_t)gold.f[i].matched;
		for (j = 0; j < found.n; j++)
			f += strcmp(found.f[j].kind, kinds[k]) == 0;
		if (g || f)
			printf("%-8s %6zu %6zu %8zu %10.4f %7.4f\n", kinds[k], g, f, m, ratio(m, f),
			       ratio(m, g));
	}
	printf("%-8s %6zu %6zu %8zu %10.4f %7.4f\n", "all", gold.n, found.n, matched,
	       ratio(matched, found.n), ratio(matched, gold.n));
	printf("qualifiers agree on %zu of %zu matched figures (%.4f)\n", qual_same, matched,
	       ratio(qual_same, matched));
	if (verbose) {
		for (i = 0; i < gold.n; i++)
			if (!gold.f[i].matched)
				printf("missed: %s\n", gold.f[i].show);
		for (j = 0; j < found.n; j++)
			if (!found.f[j].matched)
				printf("excess: %s\n", found.f[j].show);
	}
	if (min >= 0 && (ratio(matched, found.n) < min || ratio(matched, gold.n) < min))
		rc = 1;
	free_set(&gold);
	free_set(&found);
	vn_norm_free(nm);
	return rc;
}
