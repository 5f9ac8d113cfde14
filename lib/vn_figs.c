#include "vn_figs.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_num.h"

/* ---------------------------------------------------------------- the encoding */

/* the head byte: the kind (less VN_NUM_COUNT) in the low 3 bits, then what follows */
enum { F_TEXTS = 0x08, F_MAXIMUM = 0x10, F_TIMES = 0x20, F_YEAR = 0x40, F_UNIT = 0x80 };
_Static_assert(VN_NUM_NUMBER - VN_NUM_COUNT < 8, "a figure's kind fits in 3 bits");

static void put_varint(struct buf *b, uint64_t v)
{
	char tmp[10];
	int n = 0;

	do {
		tmp[n++] = (char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
		v >>= 7;
	} while (v);
	buf_add(b, tmp, (size_t)n);
}

static uint64_t zigzag(long long v)
{
	return v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1;
}

static long long unzigzag(uint64_t u)
{
	return (u & 1) ? -(long long)(u >> 1) - 1 : (long long)(u >> 1);
}

/* integers (nearly every figure: counts, đồng, scores) as varints, anything else whole */
static void put_number(struct buf *b, double v)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		put_varint(b, zigzag((long long)v) << 1);
	} else {
		unsigned char d[8];
		uint64_t bits;
		int i;
		memcpy(&bits, &v, 8);
		for (i = 0; i < 8; i++)
			d[i] = (unsigned char)(bits >> (8 * i));
		put_varint(b, 1);
		buf_add(b, (const char *)d, 8);
	}
}

static void put_string(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_varint(b, n);
	if (n)
		buf_add(b, s, n);
}

void vn_figs_count(struct buf *b, size_t n)
{
	put_varint(b, n);
}

void vn_figs_put(struct buf *b, const struct vn_fig *prev, const struct vn_fig *f)
{
	int texts = (f->qualifier && *f->qualifier) || (f->flags && *f->flags);
	unsigned char head = (unsigned char)(((f->kind - VN_NUM_COUNT) & 7) | (texts ? F_TEXTS : 0) |
	                                     (f->maximum != 0 ? F_MAXIMUM : 0) |
	                                     (f->times != 0 ? F_TIMES : 0) |
	                                     (f->year ? F_YEAR : 0) | (f->unit ? F_UNIT : 0));
	long long start0 = prev && prev->passage == f->passage ? prev->char_start : 0;

	put_varint(b, zigzag(f->passage - (prev ? prev->passage : 0)));
	put_varint(b, zigzag(f->char_start - start0));
	put_varint(b, (uint64_t)(f->char_end - f->char_start));
	buf_addc(b, (char)head);
	put_number(b, f->value);
	if (head & F_MAXIMUM)
		put_number(b, f->maximum);
	if (head & F_TIMES)
		put_number(b, f->times);
	put_varint(b, (uint64_t)f->noun);
	if (f->year)
		put_varint(b, zigzag(f->year - 2000));
	if (f->unit)
		put_varint(b, (uint64_t)f->unit);
	if (texts) {
		put_string(b, f->qualifier);
		put_string(b, f->flags);
	}
}

/* A reader over one blob: every read checks the end (a damaged blob is an error, not a
 * crash). */
struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t get_varint(struct reader *r)
{
	uint64_t v = 0;
	int shift = 0;

	while (r->p < r->end && shift < 64) {
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	r->bad = 1;
	return 0;
}

static double get_number(struct reader *r)
{
	uint64_t u = get_varint(r), bits = 0;
	double v;
	int i;

	if (!(u & 1))
		return (double)unzigzag(u >> 1);
	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		bits |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	memcpy(&v, &bits, 8);
	return v;
}

/* a string of the blob, not terminated */
static const char *get_string(struct reader *r, int *n)
{
	uint64_t len = get_varint(r);
	const char *s = (const char *)r->p;

	if (r->bad || len > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		*n = 0;
		return "";
	}
	r->p += len;
	*n = (int)len;
	return s;
}

/* One decoded figure: prev holds the previous one on entry (zeroed for the first). */
struct row {
	long long passage, char_start, char_end, noun, unit;
	int kind, year, head;
	double value, maximum, times;
	const char *qualifier, *flags;
	int nqualifier, nflags;
};

static int get_row(struct reader *r, struct row *x)
{
	long long passage = x->passage + unzigzag(get_varint(r));
	long long start0 = passage == x->passage ? x->char_start : 0;

	x->char_start = start0 + unzigzag(get_varint(r));
	x->passage = passage;
	x->char_end = x->char_start + (long long)get_varint(r);
	if (r->p >= r->end)
		return -1;
	x->head = *r->p++;
	x->kind = (x->head & 7) + VN_NUM_COUNT;
	x->value = get_number(r);
	x->maximum = (x->head & F_MAXIMUM) ? get_number(r) : 0;
	x->times = (x->head & F_TIMES) ? get_number(r) : 0;
	x->noun = (long long)get_varint(r);
	x->year = (x->head & F_YEAR) ? (int)unzigzag(get_varint(r)) + 2000 : 0;
	x->unit = (x->head & F_UNIT) ? (long long)get_varint(r) : 0;
	x->qualifier = x->flags = "";
	x->nqualifier = x->nflags = 0;
	if (x->head & F_TEXTS) {
		x->qualifier = get_string(r, &x->nqualifier);
		x->flags = get_string(r, &x->nflags);
	}
	return r->bad ? -1 : 0;
}

/* ---------------------------------------------------------------- the virtual table */

enum {
	COL_DOC,
	COL_ID,
	COL_PASSAGE,
	COL_START,
	COL_END,
	COL_KIND,
	COL_VALUE,
	COL_MAXIMUM,
	COL_TIMES,
	COL_NOUN,
	COL_QUALIFIER,
	COL_FLAGS,
	COL_YEAR,
	COL_UNIT
};

/* what xBestIndex hands xFilter, in idxNum, the arguments in this order */
enum { BY_DOC = 1, KIND_IS = 2, KIND_NOT = 4 };

struct figs_vtab {
	sqlite3_vtab base;
	sqlite3 *db;
	char *packs;  /* the table of blobs */
	char *schema; /* its database ("main"), whose file an error names */
};

struct figs_cursor {
	sqlite3_vtab_cursor base;
	sqlite3_stmt *st;
	int kind_is, kind_not; /* -1: no such filter */
	long long doc, id, count;
	struct reader r;
	struct row x;
	int eof;
};

static int figs_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **err)
{
	struct figs_vtab *t;
	int rc;

	(void)aux;
	/* argv: module, database, table, then ours: the table of blobs */
	if (argc != 4 || !plain_name(argv[3])) {
		*err = sqlite3_mprintf("thidua_figures: one argument, the table of packed figures");
		return SQLITE_ERROR;
	}
	rc = sqlite3_declare_vtab(db, "CREATE TABLE x(doc INTEGER, id INTEGER, passage INTEGER,"
	                              " char_start INTEGER, char_end INTEGER, kind TEXT,"
	                              " value REAL, maximum REAL, times REAL, noun INTEGER,"
	                              " qualifier TEXT, flags TEXT, year INTEGER, unit INTEGER)");
	if (rc != SQLITE_OK)
		return rc;
	t = sqlite3_malloc(sizeof(*t));
	if (!t)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	t->db = db;
	t->packs = sqlite3_mprintf("%s", argv[3]);
	t->schema = sqlite3_mprintf("%s", argv[1]);
	sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
	*out = &t->base;
	return SQLITE_OK;
}

static int figs_disconnect(sqlite3_vtab *v)
{
	struct figs_vtab *t = (struct figs_vtab *)v;

	sqlite3_free(t->packs);
	sqlite3_free(t->schema);
	sqlite3_free(t);
	return SQLITE_OK;
}

static int figs_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	int i, n = 0, plan = 0;
	int use[3] = {-1, -1, -1}; /* the constraint for BY_DOC, KIND_IS, KIND_NOT */

	(void)v;
	for (i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (!c->usable)
			continue;
		if (c->iColumn == COL_DOC && c->op == SQLITE_INDEX_CONSTRAINT_EQ)
			use[0] = i;
		/* kind IN (…) comes as = too, and taking it would scan once per value */
		else if (c->iColumn == COL_KIND && c->op == SQLITE_INDEX_CONSTRAINT_EQ &&
		         !sqlite3_vtab_in(info, i, -1))
			use[1] = i;
		else if (c->iColumn == COL_KIND && c->op == SQLITE_INDEX_CONSTRAINT_NE)
			use[2] = i;
	}
	for (i = 0; i < 3; i++)
		if (use[i] >= 0) {
			plan |= 1 << i;
			info->aConstraintUsage[use[i]].argvIndex = ++n;
		}
	/* a document's blob is one seek; the whole table is every figure */
	info->idxNum = plan;
	info->estimatedCost = (plan & BY_DOC) ? 25 : 5e6;
	info->estimatedRows = (plan & BY_DOC) ? 25 : 5000000;
	/* rows come in (doc, id) order */
	if (info->nOrderBy >= 1 && info->nOrderBy <= 2 && info->aOrderBy[0].iColumn == COL_DOC &&
	    !info->aOrderBy[0].desc &&
	    (info->nOrderBy == 1 ||
	     (info->aOrderBy[1].iColumn == COL_ID && !info->aOrderBy[1].desc)))
		info->orderByConsumed = 1;
	return SQLITE_OK;
}

static int figs_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	struct figs_cursor *c = sqlite3_malloc(sizeof(*c));

	(void)v;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->eof = 1;
	*out = &c->base;
	return SQLITE_OK;
}

static int figs_close(sqlite3_vtab_cursor *cur)
{
	struct figs_cursor *c = (struct figs_cursor *)cur;

	sqlite3_finalize(c->st);
	sqlite3_free(c);
	return SQLITE_OK;
}

static int kind_arg(sqlite3_value *v)
{
	const unsigned char *s = sqlite3_value_text(v);
	int k = s ? vn_num_kind_parse((const char *)s) : -1;

	return k >= 0 && VN_NUM_IS_FIGURE(k) ? k : 0; /* 0: no figure has it */
}

static int corrupt(struct figs_cursor *c)
{
	struct figs_vtab *t = (struct figs_vtab *)c->base.pVtab;
	const char *file = sqlite3_db_filename(t->db, t->schema);

	sqlite3_free(t->base.zErrMsg);
	t->base.zErrMsg = sqlite3_mprintf("%s: damaged figures of document %lld (%s)",
	                                  file && *file ? file : t->schema, c->doc, t->packs);
	return SQLITE_CORRUPT_VTAB;
}

/* The next blob with figures: 1, 0 at the end, -1 on an error. */
static int next_blob(struct figs_cursor *c)
{
	for (;;) {
		int rc = sqlite3_step(c->st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return -1;
		c->doc = sqlite3_column_int64(c->st, 0);
		c->r.p = sqlite3_column_blob(c->st, 1);
		c->r.end = c->r.p + sqlite3_column_bytes(c->st, 1);
		c->r.bad = 0;
		c->count = c->r.p ? (long long)get_varint(&c->r) : 0;
		if (c->r.bad)
			return -2;
		c->id = 0;
		memset(&c->x, 0, sizeof(c->x));
		if (c->count > 0)
			return 1;
	}
}

static int wanted(const struct figs_cursor *c)
{
	return (c->kind_is < 0 || c->x.kind == c->kind_is) &&
	       (c->kind_not < 0 || c->x.kind != c->kind_not);
}

static int figs_next(sqlite3_vtab_cursor *cur)
{
	struct figs_cursor *c = (struct figs_cursor *)cur;

	for (;;) {
		if (c->id >= c->count) {
			int rc = next_blob(c);
			if (rc == 0) {
				c->eof = 1;
				return SQLITE_OK;
			}
			if (rc == -2)
				return corrupt(c);
			if (rc < 0)
				return SQLITE_ERROR;
		}
		if (get_row(&c->r, &c->x) != 0)
			return corrupt(c);
		c->id++;
		if (wanted(c))
			return SQLITE_OK;
	}
}

static int figs_filter(sqlite3_vtab_cursor *cur, int plan, const char *unused, int argc,
                       sqlite3_value **argv)
{
	struct figs_cursor *c = (struct figs_cursor *)cur;
	struct figs_vtab *t = (struct figs_vtab *)cur->pVtab;
	char *sql;
	int i = 0, rc;

	(void)unused;
	(void)argc;
	sqlite3_finalize(c->st);
	c->st = NULL;
	sql = sqlite3_mprintf((plan & BY_DOC) ? "SELECT doc, figures FROM \"%w\" WHERE doc = ?"
	                                      : "SELECT doc, figures FROM \"%w\" ORDER BY doc",
	                      t->packs);
	rc = sql ? sqlite3_prepare_v2(t->db, sql, -1, &c->st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return rc;
	if (plan & BY_DOC)
		sqlite3_bind_value(c->st, 1, argv[i++]);
	c->kind_is = (plan & KIND_IS) ? kind_arg(argv[i++]) : -1;
	c->kind_not = (plan & KIND_NOT) ? kind_arg(argv[i++]) : -1;
	c->eof = 0;
	c->id = c->count = 0;
	return figs_next(cur);
}

static int figs_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct figs_cursor *)cur)->eof;
}

static void result_optional(sqlite3_context *ctx, double v)
{
	if (v != 0)
		sqlite3_result_double(ctx, v);
	else
		sqlite3_result_null(ctx);
}

static int figs_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct figs_cursor *c = (const struct figs_cursor *)cur;
	const struct row *x = &c->x;

	switch (col) {
	case COL_DOC:
		sqlite3_result_int64(ctx, c->doc);
		break;
	case COL_ID:
		sqlite3_result_int64(ctx, c->id);
		break;
	case COL_PASSAGE:
		sqlite3_result_int64(ctx, x->passage);
		break;
	case COL_START:
		sqlite3_result_int64(ctx, x->char_start);
		break;
	case COL_END:
		sqlite3_result_int64(ctx, x->char_end);
		break;
	case COL_KIND:
		sqlite3_result_text(ctx, vn_num_kind_name((enum vn_num_kind)x->kind), -1,
		                    SQLITE_STATIC);
		break;
	case COL_VALUE:
		sqlite3_result_double(ctx, x->value);
		break;
	case COL_MAXIMUM:
		result_optional(ctx, x->maximum);
		break;
	case COL_TIMES:
		result_optional(ctx, x->times);
		break;
	case COL_NOUN:
		sqlite3_result_int64(ctx, x->noun);
		break;
	case COL_QUALIFIER:
		sqlite3_result_text(ctx, x->qualifier, x->nqualifier, SQLITE_TRANSIENT);
		break;
	case COL_FLAGS:
		sqlite3_result_text(ctx, x->flags, x->nflags, SQLITE_TRANSIENT);
		break;
	case COL_YEAR:
		if (x->year)
			sqlite3_result_int(ctx, x->year);
		else
			sqlite3_result_null(ctx);
		break;
	case COL_UNIT:
		if (x->unit)
			sqlite3_result_int64(ctx, x->unit);
		else
			sqlite3_result_null(ctx);
		break;
	default:
		sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

/* (doc, id) in one integer: ids within a document stay below 2^24 */
static int figs_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	const struct figs_cursor *c = (const struct figs_cursor *)cur;

	*rowid = (c->doc << 24) | c->id;
	return SQLITE_OK;
}

int vn_figs_register(sqlite3 *db, struct err *e)
{
	static const sqlite3_module m = {
	    .iVersion = 0,
	    .xCreate = figs_connect,
	    .xConnect = figs_connect,
	    .xBestIndex = figs_best_index,
	    .xDisconnect = figs_disconnect,
	    .xDestroy = figs_disconnect,
	    .xOpen = figs_open,
	    .xClose = figs_close,
	    .xFilter = figs_filter,
	    .xNext = figs_next,
	    .xEof = figs_eof,
	    .xColumn = figs_column,
	    .xRowid = figs_rowid,
	};

	if (sqlite3_create_module(db, "thidua_figures", &m, NULL) != SQLITE_OK)
		return err_set(e, "cannot register thidua_figures: %s", sqlite3_errmsg(db));
	return 0;
}
