/*
 * The SQLite loadable extension: `.load /usr/local/lib/thidua` in a sqlite3 shell (or
 * sqlite3_load_extension()) gives that connection what a thidua database needs to be read
 * outside thidua — the `vietnamese` FTS5 tokenizer, vn_rank(), and vn_unpack(), vn_slice()
 * and vn_span(), through which the views `passages`, `awards` and `figures` read the
 * compressed text, and the virtual table figure_rows (thidua_figures) the view `figures` reads.
 */
#include <sqlite3.h>

#include "util.h"
#include "vn_figs.h"
#include "vn_pack.h"
#include "vn_rank.h"
#include "vn_tok.h"

int sqlite3_thidua_init(sqlite3 *db, char **errmsg, const void *api);

int sqlite3_thidua_init(sqlite3 *db, char **errmsg, const void *api)
{
	struct err e;

	(void)api; /* linked against the same libsqlite3 the host uses */
	if (vn_tok_register(db, &e) != 0 || vn_rank_register(db, &e) != 0 ||
	    vn_pack_register(db, &e) != 0 || vn_figs_register(db, &e) != 0) {
		if (errmsg)
			*errmsg = sqlite3_mprintf("thidua: %s", e.msg);
		return SQLITE_ERROR;
	}
	return SQLITE_OK;
}
