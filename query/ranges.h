/*
 * ranges: a set of passage ids as sorted, disjoint [lo, hi] intervals, and an SQL function
 * testing membership. search uses it to drop matches of other years before reading their
 * rows: the passages of a document lie between its smallest and largest passage id, so
 * the intervals of the documents of the --year range hold every passage of those years
 * (and maybe a few others, which the exact year test that follows drops).
 */
#ifndef THIDUA_RANGES_H
#define THIDUA_RANGES_H
#include <sqlite3.h>
#include <stddef.h>

struct id_ranges {
	sqlite3_int64 (*r)[2];
	size_t n, cap;
	size_t hint; /* the SQL function's last answer: where the next one is looked for */
};

void ranges_add(struct id_ranges *s, sqlite3_int64 lo, sqlite3_int64 hi);
/* Sort and merge overlapping or touching intervals; call once after the last add. */
void ranges_finish(struct id_ranges *s);
int ranges_has(const struct id_ranges *s, sqlite3_int64 id);
void ranges_free(struct id_ranges *s);
/* `name(x)`: 1 when x is in s, else 0. s must outlive the statements that use it, and not
 * change while they run (the function keeps its place in it). */
int ranges_register(sqlite3 *db, const char *name, struct id_ranges *s);

#endif
