#include "gdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"

extern const struct embedded_file gen_embedded_files[];

/* The tables and the fewest fields a row of each must have. */
static const struct {
	const char *name;
	int min_fields;
} wanted[] = {
    {"provinces.tsv", 5}, {"blocs.tsv", 5},     {"units.tsv", 12},  {"sectors.tsv", 8},
    {"awards.tsv", 11},   {"campaigns.tsv", 5}, {"phrases.tsv", 5}, {"typos.tsv", 3},
    {"variants.tsv", 2},  {"names.tsv", 2},     {"legal.tsv", 3},   {"places.tsv", 2},
    {"formats.tsv", 3},   {"grantors.tsv", 6},  {"words.tsv", 3},   {"citations.tsv", 3},
};

#define NTABLES (sizeof(wanted) / sizeof(wanted[0]))
static struct gtable tables[NTABLES];

const char *gdata_raw(const char *name, size_t *len)
{
	const struct embedded_file *f;
	char full[256];

	snprintf(full, sizeof(full), "corpus/gen/data/%s", name);
	for (f = gen_embedded_files; f->name; f++)
		if (strcmp(f->name, full) == 0) {
			if (len)
				*len = f->len;
			return f->data;
		}
	return NULL;
}

static int parse(struct gtable *t, const char *data, int min_fields, struct err *e)
{
	const char *p = data;
	size_t cap = 0;
	int line = 0;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct grow *r;
		const char *q, *stop;
		int fcap = 0;

		line++;
		if (len && p[len - 1] == '\r')
			len--;
		if (len == 0 || p[0] == '#') {
			p += end ? (size_t)(end - p) + 1 : len;
			continue;
		}
		t->rows = xgrow(t->rows, &cap, t->nrows + 1, sizeof(*t->rows));
		r = &t->rows[t->nrows++];
		memset(r, 0, sizeof(*r));
		r->line = line;
		stop = p + len;
		for (q = p;;) {
			const char *tab = memchr(q, '\t', (size_t)(stop - q));
			const char *fe = tab ? tab : stop;
			if (r->n == fcap) {
				fcap = fcap ? 2 * fcap : 8;
				r->f = xrealloc(r->f, (size_t)fcap * sizeof(*r->f));
			}
			r->f[r->n++] = xstrndup(q, (size_t)(fe - q));
			if (!tab)
				break;
			q = tab + 1;
		}
		if (r->n < min_fields)
			return err_set(e, "corpus/gen/data/%s:%d: %d fields, at least %d expected",
			               t->name, line, r->n, min_fields);
		p = end ? end + 1 : stop;
	}
	return 0;
}

int gdata_load(struct err *e)
{
	size_t i;

	for (i = 0; i < NTABLES; i++) {
		const char *data = gdata_raw(wanted[i].name, NULL);
		if (tables[i].rows)
			continue;
		tables[i].name = wanted[i].name;
		if (!data)
			return err_set(e, "corpus/gen/data/%s: not built in", wanted[i].name);
		if (parse(&tables[i], data, wanted[i].min_fields, e) != 0)
			return -1;
	}
	return 0;
}

void gdata_free(void)
{
	size_t i, j;
	int k;

	for (i = 0; i < NTABLES; i++) {
		for (j = 0; j < tables[i].nrows; j++) {
			for (k = 0; k < tables[i].rows[j].n; k++)
				free(tables[i].rows[j].f[k]);
			free(tables[i].rows[j].f);
		}
		free(tables[i].rows);
		memset(&tables[i], 0, sizeof(tables[i]));
	}
}

const struct gtable *gdata(const char *name)
{
	size_t i;

	for (i = 0; i < NTABLES; i++)
		if (strcmp(wanted[i].name, name) == 0)
			return tables[i].rows ? &tables[i] : NULL;
	return NULL;
}

const char *gf(const struct grow *r, int i)
{
	return i < r->n ? r->f[i] : "";
}

const char *gdata_word(const char *kind, const char *key)
{
	const struct gtable *t = gdata("words.tsv");
	size_t i;

	for (i = 0; t && i < t->nrows; i++)
		if (!strcmp(gf(&t->rows[i], 0), kind) && !strcmp(gf(&t->rows[i], 1), key))
			return gf(&t->rows[i], 2);
	return NULL;
}

const struct grow *gdata_row(const char *table, int col, const char *key)
{
	const struct gtable *t = gdata(table);
	size_t i;

	for (i = 0; t && i < t->nrows; i++)
		if (!strcmp(gf(&t->rows[i], col), key))
			return &t->rows[i];
	return NULL;
}
