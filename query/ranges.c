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

/* the first interval at or after *from whose upper end is at least id, else s->n */
static size_t first_up_to(const struct id_ranges *s, sqlite3_int64 id, size_t from)
{
	size_t lo = from, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->r[mid][1] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int ranges_has(const struct id_ranges *s, sqlite3_int64 id)
{
	size_t i = first_up_to(s, id, 0);
	return i < s->n && s->r[i][0] <= id;
}

void ranges_free(struct id_ranges *s)
{
	free(s->r);
	s->r = NULL;
	s->n = s->cap = 0;
}

/*
 * Search asks in ascending id order, a match or a few apart: looking first at the interval
 * of the last answer and the next one spares the binary search over thousands of
 * intervals (a unit's passages) that was an eighth of `khen thưởng --unit "Công an tỉnh"`.
 */
static void has_fn(sqlite3_context *ctx, int n, sqlite3_value **v)
{
	struct id_ranges *s = sqlite3_user_data(ctx);
	sqlite3_int64 id = sqlite3_value_int64(v[0]);
	size_t i = s->hint;

	(void)n;
	if (i < s->n && s->r[i][1] < id) /* past it: most often in or before the next */
		i = i + 1 < s->n && s->r[i + 1][1] >= id ? i + 1 : first_up_to(s, id, i + 1);
	else if (i >= s->n || (i > 0 && s->r[i - 1][1] >= id)) /* not after the one before */
		i = first_up_to(s, id, 0);
	s->hint = i;
	sqlite3_result_int(ctx, i < s->n && s->r[i][0] <= id);
}

int ranges_register(sqlite3 *db, const char *name, struct id_ranges *s)
{
	s->hint = 0;
	return sqlite3_create_function(db, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s, has_fn,
	                               NULL, NULL) == SQLITE_OK
	           ? 0
	           : -1;
}
