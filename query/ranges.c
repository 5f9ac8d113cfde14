#include "ranges.h"

#include <stdlib.h>

#include "util.h"

void ranges_add(struct id_ranges *s, sqlite3_int64 lo, sqlite3_int64 hi)
{
	if (lo > hi)
		return;
	s->r = xgrow(s->r, &s->cap, s->n + 1, sizeof(*s->r));
	s->r[s->n][0] = lo;
	s->r[s->n][1] = hi;
	s->n++;
}

static int by_lo(const void *a, const void *b)
{
	const sqlite3_int64 *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

void ranges_finish(struct id_ranges *s)
{
	size_t i, k = 0;

	if (s->n == 0)
		return;
	qsort(s->r, s->n, sizeof(*s->r), by_lo);
	for (i = 1; i < s->n; i++) {
		if (s->r[i][0] <= s->r[k][1] + 1) {
			if (s->r[i][1] > s->r[k][1])
				s->r[k][1] = s->r[i][1];
		} else {
			k++;
			s->r[k][0] = s->r[i][0];
			s->r[k][1] = s->r[i][1];
		}
	}
	s->n = k + 1;
}

int ranges_has(const struct id_ranges *s, sqlite3_int64 id)
{
	size_t lo = 0, hi = s->n;

	/* the first interval whose upper end is at least id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->r[mid][1] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->r[lo][0] <= id;
}

void ranges_free(struct id_ranges *s)
{
	free(s->r);
	s->r = NULL;
	s->n = s->cap = 0;
}

static void has_fn(sqlite3_context *ctx, int n, sqlite3_value **v)
{
	(void)n;
	sqlite3_result_int(ctx, ranges_has(sqlite3_user_data(ctx), sqlite3_value_int64(v[0])));
}

int ranges_register(sqlite3 *db, const char *name, const struct id_ranges *s)
{
	return sqlite3_create_function(db, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)s,
	                               has_fn, NULL, NULL) == SQLITE_OK
	           ? 0
	           : -1;
}
