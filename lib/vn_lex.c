#include "vn_lex.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "embedded.h"
#include "util.h"

#define MAX_TABLES 32

static struct {
	char name[64];
	struct vn_table *t;
} cache[MAX_TABLES];
static int ncache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct vn_table *parse(const struct embedded_file *f)
{
	struct vn_table *t = xcalloc(1, sizeof(*t));
	const char *s = f->data, *end = f->data + f->len;
	size_t cap = 0;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s)), *p;
		struct vn_row row = {0, NULL};
		size_t fcap = 0;

		if (!eol)
			eol = end;
		if (s == eol || *s == '#') {
			s = eol + 1;
			continue;
		}
		for (p = s;;) {
			const char *tab = memchr(p, '\t', (size_t)(eol - p));
			const char *fe = tab ? tab : eol;
			size_t len = (size_t)(fe - p);
			if (len && p[len - 1] == '\r')
				len--;
			row.fields = xgrow(row.fields, &fcap, (size_t)row.nfields + 1,
					   sizeof(*row.fields));
			row.fields[row.nfields++] = xstrndup(p, len);
			if (!tab)
				break;
			p = tab + 1;
		}
		t->rows = xgrow(t->rows, &cap, t->nrows + 1, sizeof(*t->rows));
		t->rows[t->nrows++] = row;
		s = eol + 1;
	}
	return t;
}

const struct vn_table *vn_lex_table(const char *name)
{
	char path[128];
	const struct embedded_file *f;
	struct vn_table *t = NULL;
	int i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0) {
			t = cache[i].t;
			goto out;
		}
	snprintf(path, sizeof(path), "data/%s", name);
	f = embedded_find(path);
	if (f && ncache < MAX_TABLES) {
		t = parse(f);
		snprintf(cache[ncache].name, sizeof(cache[ncache].name), "%s", name);
		cache[ncache++].t = t;
	}
out:
	pthread_mutex_unlock(&lock);
	return t;
}
