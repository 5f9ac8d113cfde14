/*
 * qopts: the options the fact commands share (--db, --year, --unit, --doc, --format, --help)
 * and the --unit filter: a name matched accent-insensitively against units, their
 * aliases as the documents wrote them, and the inventory's aliases (data/units.tsv), so
 * `--unit "CA tinh"` finds Công an tỉnh.
 */
#ifndef THIDUA_QOPTS_H
#define THIDUA_QOPTS_H
#include <sqlite3.h>

#include "util.h"
#include "vn_norm.h"

struct qopts {
	const char *db, *unit, *award, *grantor, *status, *section;
	int fmt, y0, y1;
	long doc, limit;
};

enum { QO_AWARD = 1, QO_GRANTOR = 2, QO_STATUS = 4, QO_SECTION = 8, QO_LIMIT = 16 };

/* Parse argv; returns optind, or -1 after printing --help (exit 0), or -2 after a usage
 * error was printed (exit 2). extra: the QO_* options this command takes. */
int qopts_parse(const char *cmd, const char *usage, int argc, char **argv, struct qopts *q,
		unsigned extra);

/* Bind the filters every fact query states alike: ?1 and ?2 the --year range, ?3 the
 * --doc (each left NULL when not given). */
void qopts_bind(sqlite3_stmt *st, const struct qopts *q);

/* Ids of the units --unit NAME means, as "1,4,7" (malloc'd; "" when none match). */
char *qopts_unit_ids(sqlite3 *db, struct vn_norm *nm, const char *name);

/* The fact names (award kinds, grantors…: the table fact_names) that have needle's folded
 * words (qopts_fold_has), as an SQL list for IN (…): "'Cờ thi đua'" (malloc'd; "" when
 * none match). A name of another sort in the list matches no row of the column it filters. */
char *qopts_fact_names(sqlite3 *db, struct vn_norm *nm, const char *needle);
/* The fact names keep(ctx, name) keeps, as qopts_fact_names lists them; NULL on a database
 * error. */
char *qopts_fact_names_if(sqlite3 *db, int (*keep)(void *ctx, const char *name), void *ctx);

/* Whether the folded words of needle occur in order, adjacent, in the folded hay. */
int qopts_fold_has(struct vn_norm *nm, const char *hay, const char *needle);

#endif
