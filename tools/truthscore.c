/*
 * truthscore: precision and recall of thidua's facts against the synthetic corpus's ground
 * truth (corpus/generated/truth/…/NAME.truth.json, docs/corpus.md).
 *
 *   truthscore DB CORPUS_DIR [--misses FILE] [--format-table]
 *
 * DB is `thidua index --db DB CORPUS_DIR/docs`; every truth file of CORPUS_DIR/truth is
 * compared with the database document whose path ends in its `file`. Per document:
 *
 *   header.F   each header field F (number, doc_type, issuer = the issuer code, place, date,
 *              year, title, signer, signer_role = the signer's own role, the last line of
 *              thidua's role block, province): a field thidua gives right is a tp, a wrong
 *              one a fp and a fn, a missing one a fn, one the truth lacks a fp
 *   units      the set of units named (truth units[].unit = thidua units.name)
 *   campaigns  campaign mentions as (name, unit, year)
 *   awards     award facts as (unit, award, class, grantor, status, collectives,
 *              individuals, count, year)
 *   figures    figures as (kind, value, of, noun, qualifier, unit, malformed, a rate's times)
 *
 * Facts are multisets matched on their whole key; names are compared by their canonical
 * words (vn_norm: case, spelling variants and punctuation ignored, accents kept), so a
 * TCVN3 header that lost its capitals still reads right. Output, TSV: kind, format, tp, fp,
 * fn, precision, recall — one line per kind for all formats, then per format (txt, tcvn3,
 * vni, rtf, docx, docx-tcvn3). --misses writes every miss: kind, format, document,
 * "missed" (in the truth, not found) or "extra" (found, not in the truth), the key and the
 * evidence. Exit 0, or 2 on a usage or read error.
 */
#include <dirent.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vn_figs.h"
#include "vn_norm.h"
#include "vn_pack.h"
#include "vn_words.h"

static struct vn_norm *nm;
static FILE *misses;

/* ------------------------------------------------------------------ keys */

/* The canonical words of s joined by spaces: case, spelling variants, punctuation ignored. */
static void canon_into(struct buf *b, const char *s)
{
	struct vn_words w;
	size_t i;

	if (!s)
		return;
	vn_words_build(&w, nm, s, strlen(s));
	for (i = 0; i < w.n; i++) {
		if (i)
			buf_addc(b, ' ');
		buf_adds(b, w.t[i].canon);
	}
	vn_words_free(&w);
}

static char *canon(const char *s)
{
	struct buf b = BUF_INIT;
	canon_into(&b, s);
	return buf_detach(&b);
}

/* A key under construction: fields separated by " | ". */
static void key_str(struct buf *k, const char *s)
{
	if (k->n)
		buf_adds(k, " | ");
	canon_into(k, s);
}

static void key_num(struct buf *k, double v, int present)
{
	char t[64];
	if (k->n)
		buf_adds(k, " | ");
	if (!present)
		buf_adds(k, "-");
	else {
		snprintf(t, sizeof(t), "%.6g", v);
		buf_adds(k, t);
	}
}

/* ------------------------------------------------------------------ counts */

enum { NFMT = 7 };
static const char *const formats[NFMT] = {"all", "txt", "tcvn3", "vni", "rtf", "docx", "docx-tcvn3"};

struct score {
	char *kind;
	size_t tp[NFMT], fp[NFMT], fn[NFMT];
};

static struct score *scores;
static size_t nscores, scap;

static struct score *score_of(const char *kind)
{
	size_t i;
	for (i = 0; i < nscores; i++)
		if (strcmp(scores[i].kind, kind) == 0)
			return &scores[i];
	scores = xgrow(scores, &scap, nscores + 1, sizeof(*scores));
	memset(&scores[nscores], 0, sizeof(*scores));
	scores[nscores].kind = xstrdup(kind);
	return &scores[nscores++];
}

static void count(const char *kind, int fmt, size_t tp, size_t fp, size_t fn)
{
	struct score *s = score_of(kind);
	s->tp[0] += tp, s->fp[0] += fp, s->fn[0] += fn;
	s->tp[fmt] += tp, s->fp[fmt] += fp, s->fn[fmt] += fn;
}

static void miss(const char *kind, int fmt, const char *doc, const char *what, const char *key,
		 const char *evidence)
{
	if (misses)
		fprintf(misses, "%s\t%s\t%s\t%s\t%s\t%s\n", kind, formats[fmt], doc, what, key,
			evidence ? evidence : "");
}

/* A multiset of keys, each with the evidence of its first occurrence. */
struct bag {
	GHashTable *n;	 /* key -> count (GINT_TO_POINTER) */
	GHashTable *ev;	 /* key -> evidence */
	GPtrArray *order; /* keys in insertion order (owned by n) */
};

static void bag_init(struct bag *b)
{
	b->n = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	b->ev = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	b->order = g_ptr_array_new();
}

static void bag_add(struct bag *b, char *key, const char *evidence)
{
	gpointer old = NULL, v;
	char *k = key;
	if (g_hash_table_lookup_extended(b->n, key, &old, &v)) {
		g_hash_table_insert(b->n, g_strdup(key), GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
		free(key);
		return;
	}
	k = g_strdup(key);
	free(key);
	g_hash_table_insert(b->n, k, GINT_TO_POINTER(1));
	g_hash_table_insert(b->ev, k, g_strdup(evidence ? evidence : ""));
	g_ptr_array_add(b->order, k);
}

static void bag_free(struct bag *b)
{
	g_ptr_array_free(b->order, TRUE);
	g_hash_table_destroy(b->ev);
	g_hash_table_destroy(b->n);
}

/* Compare truth and found multisets; counts and misses under kind. */
static void bag_score(const char *kind, int fmt, const char *doc, struct bag *truth,
		      struct bag *found)
{
	size_t tp = 0, fp = 0, fn = 0;
	guint i;

	for (i = 0; i < truth->order->len; i++) {
		const char *k = g_ptr_array_index(truth->order, i);
		int t = GPOINTER_TO_INT(g_hash_table_lookup(truth->n, k));
		int f = GPOINTER_TO_INT(g_hash_table_lookup(found->n, k));
		tp += (size_t)(t < f ? t : f);
		if (t > f) {
			fn += (size_t)(t - f);
			miss(kind, fmt, doc, "missed", k, g_hash_table_lookup(truth->ev, k));
		}
	}
	for (i = 0; i < found->order->len; i++) {
		const char *k = g_ptr_array_index(found->order, i);
		int t = GPOINTER_TO_INT(g_hash_table_lookup(truth->n, k));
		int f = GPOINTER_TO_INT(g_hash_table_lookup(found->n, k));
		if (f > t) {
			fp += (size_t)(f - t);
			miss(kind, fmt, doc, "extra", k, g_hash_table_lookup(found->ev, k));
		}
	}
	count(kind, fmt, tp, fp, fn);
}

/* ------------------------------------------------------------------ JSON helpers */

static const char *jstr(JsonObject *o, const char *m)
{
	JsonNode *n = json_object_get_member(o, m);
	if (!n || JSON_NODE_HOLDS_NULL(n) || json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

/* A number member: 1 and *v when present and not null. */
static int jnum(JsonObject *o, const char *m, double *v)
{
	JsonNode *n = json_object_get_member(o, m);
	if (!n || JSON_NODE_HOLDS_NULL(n) || !JSON_NODE_HOLDS_VALUE(n))
		return 0;
	*v = json_node_get_double(n);
	return 1;
}

static JsonArray *jarr(JsonObject *o, const char *m)
{
	JsonNode *n = json_object_get_member(o, m);
	return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

/* ------------------------------------------------------------------ SQL helpers */

static sqlite3 *db;

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "truthscore: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return st;
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int col_num(sqlite3_stmt *st, int i, double *v)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return 0;
	*v = sqlite3_column_double(st, i);
	return 1;
}

/* ------------------------------------------------------------------ kinds */

static void header_field(const char *field, int fmt, const char *doc, const char *truth,
			 const char *found)
{
	char kind[64], *t = canon(truth), *f = canon(found);
	snprintf(kind, sizeof(kind), "header.%s", field);
	if (*t && strcmp(t, f) == 0) {
		count(kind, fmt, 1, 0, 0);
		count("header", fmt, 1, 0, 0);
	} else {
		count(kind, fmt, 0, *f ? 1 : 0, *t ? 1 : 0);
		count("header", fmt, 0, *f ? 1 : 0, *t ? 1 : 0);
		if (*t || *f) {
			char *k = g_strdup_printf("%s ≠ %s", truth ? truth : "", found ? found : "");
			miss(kind, fmt, doc, *t ? "missed" : "extra", k, NULL);
			g_free(k);
		}
	}
	free(t);
	free(f);
}

static void score_header(JsonObject *tr, long id, int fmt, const char *doc)
{
	static const char *const fields[] = {"number", "doc_type", "issuer_code", "place",
					     "date",	"title",    "signer",	   "signer_role",
					     "province", "year"};
	sqlite3_stmt *st = prep("SELECT number, doc_type, issuer_code, place, date, title, signer,"
				" signer_role, province, year FROM documents WHERE id = ?");
	JsonObject *d = json_object_get_object_member(tr, "doc");
	char year[16];
	double y;
	int i;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW || !d) {
		sqlite3_finalize(st);
		return;
	}
	for (i = 0; i < 9; i++) {
		const char *t, *f = col(st, i);
		char *last = NULL;
		switch (i) {
		case 2:
			t = jstr(d, "issuer");
			break;
		case 8:
			t = jstr(tr, "province");
			break;
		default:
			t = jstr(d, fields[i]);
		}
		/* thidua keeps the whole signature block; the truth the signer's own role */
		if (i == 7 && f) {
			const char *sl = g_strrstr(f, " / ");
			last = xstrdup(sl ? sl + 3 : f);
			f = last;
		}
		header_field(i == 2 ? "issuer" : fields[i], fmt, doc, t, f);
		free(last);
	}
	snprintf(year, sizeof(year), "%d", jnum(d, "year", &y) ? (int)y : 0);
	header_field("year", fmt, doc, year, col(st, 9));
	sqlite3_finalize(st);
}

static void score_units(JsonObject *tr, long id, int fmt, const char *doc)
{
	struct bag t, f;
	JsonArray *a = jarr(tr, "units");
	sqlite3_stmt *st = prep("SELECT DISTINCT u.name FROM unit_mentions m JOIN units u"
				" ON u.id = m.unit WHERE m.doc = ?");
	guint i;

	bag_init(&t);
	bag_init(&f);
	for (i = 0; a && i < json_array_get_length(a); i++) {
		JsonObject *u = json_array_get_object_element(a, i);
		char *k = canon(jstr(u, "unit"));
		if (!g_hash_table_contains(t.n, k))
			bag_add(&t, k, jstr(u, "kind"));
		else
			free(k);
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *k = canon(col(st, 0));
		if (!g_hash_table_contains(f.n, k))
			bag_add(&f, k, NULL);
		else
			free(k);
	}
	sqlite3_finalize(st);
	bag_score("units", fmt, doc, &t, &f);
	bag_free(&t);
	bag_free(&f);
}

static void score_campaigns(JsonObject *tr, long id, int fmt, const char *doc)
{
	struct bag t, f;
	JsonArray *a = jarr(tr, "campaigns");
	sqlite3_stmt *st = prep("SELECT m.name, u.name, m.year, p.text FROM campaign_mentions m"
				" JOIN passages p ON p.id = m.passage"
				" LEFT JOIN units u ON u.id = m.unit WHERE m.doc = ? ORDER BY m.id");
	guint i;

	bag_init(&t);
	bag_init(&f);
	for (i = 0; a && i < json_array_get_length(a); i++) {
		JsonObject *c = json_array_get_object_element(a, i);
		struct buf k = BUF_INIT;
		double y = 0;
		key_str(&k, jstr(c, "name"));
		key_str(&k, jstr(c, "unit"));
		key_num(&k, y, jnum(c, "year", &y));
		bag_add(&t, buf_detach(&k), NULL);
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct buf k = BUF_INIT;
		double y = 0;
		key_str(&k, col(st, 0));
		key_str(&k, col(st, 1));
		key_num(&k, y, col_num(st, 2, &y));
		bag_add(&f, buf_detach(&k), col(st, 3));
	}
	sqlite3_finalize(st);
	bag_score("campaigns", fmt, doc, &t, &f);
	bag_free(&t);
	bag_free(&f);
}

static void score_awards(JsonObject *tr, long id, int fmt, const char *doc)
{
	struct bag t, f;
	JsonArray *a = jarr(tr, "awards");
	sqlite3_stmt *st = prep("SELECT u.name, a.award, a.class, a.grantor, a.status,"
				" a.collectives, a.individuals, a.count, a.year, a.evidence"
				" FROM awards a LEFT JOIN units u ON u.id = a.unit"
				" WHERE a.doc = ? ORDER BY a.id");
	guint i;

	bag_init(&t);
	bag_init(&f);
	for (i = 0; a && i < json_array_get_length(a); i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		struct buf k = BUF_INIT;
		double v = 0;
		key_str(&k, jstr(o, "unit"));
		key_str(&k, jstr(o, "award"));
		key_str(&k, jstr(o, "class"));
		key_str(&k, jstr(o, "grantor"));
		key_str(&k, jstr(o, "status"));
		key_num(&k, v, jnum(o, "collectives", &v) && v > 0);
		key_num(&k, v, jnum(o, "individuals", &v) && v > 0);
		key_num(&k, v, jnum(o, "count", &v));
		key_num(&k, v, jnum(o, "year", &v));
		bag_add(&t, buf_detach(&k), jstr(o, "evidence"));
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct buf k = BUF_INIT;
		double v = 0;
		int c;
		for (c = 0; c < 5; c++)
			key_str(&k, col(st, c));
		for (c = 5; c < 7; c++)
			key_num(&k, v, col_num(st, c, &v) && v > 0);
		for (c = 7; c < 9; c++)
			key_num(&k, v, col_num(st, c, &v));
		bag_add(&f, buf_detach(&k), col(st, 9));
	}
	sqlite3_finalize(st);
	bag_score("awards", fmt, doc, &t, &f);
	bag_free(&t);
	bag_free(&f);
}

static int has_malformed_json(JsonObject *o)
{
	JsonArray *fl = jarr(o, "flags");
	guint i;
	for (i = 0; fl && i < json_array_get_length(fl); i++)
		if (strcmp(json_array_get_string_element(fl, i), "malformed") == 0)
			return 1;
	return 0;
}

static void score_figures(JsonObject *tr, long id, int fmt, const char *doc)
{
	struct bag t, f;
	JsonArray *a = jarr(tr, "figures");
	sqlite3_stmt *st = prep("SELECT f.kind, f.value, f.maximum, f.noun, f.qualifier, u.name,"
				" f.flags, f.times, f.raw, p.text FROM figures f"
				" JOIN passages p ON p.id = f.passage"
				" LEFT JOIN units u ON u.id = f.unit WHERE f.doc = ? ORDER BY f.id");
	guint i;

	bag_init(&t);
	bag_init(&f);
	for (i = 0; a && i < json_array_get_length(a); i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		struct buf k = BUF_INIT;
		const char *kind = jstr(o, "kind");
		double v = 0;
		char *ev;
		key_str(&k, kind);
		key_num(&k, v, jnum(o, "value", &v));
		key_num(&k, v, jnum(o, "of", &v) && v > 0);
		key_str(&k, jstr(o, "noun"));
		key_str(&k, jstr(o, "qualifier"));
		key_str(&k, jstr(o, "unit"));
		key_str(&k, has_malformed_json(o) ? "malformed" : "");
		key_num(&k, v, kind && strcmp(kind, "rate") == 0 && jnum(o, "times", &v) && v > 0);
		ev = g_strdup_printf("raw %s", jstr(o, "raw") ? jstr(o, "raw") : "");
		bag_add(&t, buf_detach(&k), ev);
		g_free(ev);
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct buf k = BUF_INIT;
		const char *kind = col(st, 0), *flags = col(st, 6);
		double v = 0;
		char *ev;
		key_str(&k, kind);
		key_num(&k, v, col_num(st, 1, &v));
		key_num(&k, v, col_num(st, 2, &v) && v > 0);
		key_str(&k, col(st, 3));
		key_str(&k, col(st, 4));
		key_str(&k, col(st, 5));
		key_str(&k, flags && strstr(flags, "malformed") ? "malformed" : "");
		key_num(&k, v, strcmp(kind, "rate") == 0 && col_num(st, 7, &v) && v > 0);
		ev = g_strdup_printf("raw %s in: %s", col(st, 8), col(st, 9));
		bag_add(&f, buf_detach(&k), ev);
		g_free(ev);
	}
	sqlite3_finalize(st);
	bag_score("figures", fmt, doc, &t, &f);
	bag_free(&t);
	bag_free(&f);
}

/* ------------------------------------------------------------------ driver */

static int format_of(JsonObject *tr)
{
	const char *f = jstr(tr, "format"), *e = jstr(tr, "encoding");
	char name[32];
	int i;
	if (!f)
		return 1;
	if (e && strcmp(e, "utf-8") != 0 && strcmp(f, "txt") == 0)
		snprintf(name, sizeof(name), "%s", e);
	else if (e && strcmp(e, "utf-8") != 0)
		snprintf(name, sizeof(name), "%s-%s", f, e);
	else
		snprintf(name, sizeof(name), "%s", f);
	if (strcmp(name, "rtf-tcvn3") == 0)
		return 4; /* RTF output is always TCVN3 */
	for (i = 1; i < NFMT; i++)
		if (strcmp(formats[i], name) == 0)
			return i;
	return 1;
}

static int score_file(const char *path, size_t *ndocs, size_t *nmissing)
{
	JsonParser *p = json_parser_new();
	GError *ge = NULL;
	JsonObject *tr;
	const char *file;
	sqlite3_stmt *st;
	long id = -1;
	int fmt;
	char *like, *doc;

	if (!json_parser_load_from_file(p, path, &ge)) {
		fprintf(stderr, "truthscore: %s: %s\n", path, ge->message);
		g_error_free(ge);
		g_object_unref(p);
		return -1;
	}
	tr = json_node_get_object(json_parser_get_root(p));
	file = tr ? jstr(tr, "file") : NULL;
	if (!file) {
		fprintf(stderr, "truthscore: %s: no \"file\"\n", path);
		g_object_unref(p);
		return -1;
	}
	fmt = format_of(tr);
	doc = g_path_get_basename(file);
	like = g_strdup_printf("%%/%s", file);
	st = prep("SELECT id FROM documents WHERE path LIKE ?");
	sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	g_free(like);
	(*ndocs)++;
	if (id < 0) {
		(*nmissing)++;
		miss("document", fmt, doc, "missed", file, NULL);
	}
	/* a document thidua did not index counts as every one of its facts missed */
	score_header(tr, id, fmt, doc);
	score_units(tr, id, fmt, doc);
	score_campaigns(tr, id, fmt, doc);
	score_awards(tr, id, fmt, doc);
	score_figures(tr, id, fmt, doc);
	g_free(doc);
	g_object_unref(p);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.truth.json under dir, sorted. */
static void collect(const char *dir, GPtrArray *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = g_build_filename(dir, e->d_name, NULL);
		if (g_str_has_suffix(e->d_name, ".truth.json"))
			g_ptr_array_add(out, p);
		else {
			if (g_file_test(p, G_FILE_TEST_IS_DIR))
				collect(p, out);
			g_free(p);
		}
	}
	closedir(d);
}

static void print_scores(void)
{
	size_t i;
	int f;
	printf("kind\tformat\ttp\tfp\tfn\tprecision\trecall\n");
	for (f = 0; f < NFMT; f++)
		for (i = 0; i < nscores; i++) {
			const struct score *s = &scores[i];
			double p, r;
			if (f > 0 && s->tp[f] + s->fp[f] + s->fn[f] == 0)
				continue;
			p = s->tp[f] + s->fp[f] ? (double)s->tp[f] / (double)(s->tp[f] + s->fp[f]) : 1.0;
			r = s->tp[f] + s->fn[f] ? (double)s->tp[f] / (double)(s->tp[f] + s->fn[f]) : 1.0;
			printf("%s\t%s\t%zu\t%zu\t%zu\t%.4f\t%.4f\n", s->kind, formats[f], s->tp[f],
			       s->fp[f], s->fn[f], p, r);
		}
}

int main(int argc, char **argv)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	const char *misses_path = NULL;
	size_t ndocs = 0, nmissing = 0, i;
	struct err e;
	char *tdir;
	int a, rc = 0;

	for (a = 3; a < argc; a++)
		if (strcmp(argv[a], "--misses") == 0 && a + 1 < argc)
			misses_path = argv[++a];
		else
			argc = 0;
	if (argc < 3) {
		fprintf(stderr, "usage: truthscore DB CORPUS_DIR [--misses FILE]\n");
		return 2;
	}
	if (!(nm = vn_norm_new(&e))) {
		fprintf(stderr, "truthscore: %s\n", e.msg);
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "truthscore: %s: cannot open\n", argv[1]);
		return 2;
	}
	/* passages is a view over zstd-packed text: it needs vn_unpack(); figures reads the
	 * packed figures through figure_rows */
	if (vn_pack_register(db, &e) < 0 || vn_figs_register(db, &e) < 0) {
		fprintf(stderr, "truthscore: %s: %s\n", argv[1], e.msg);
		return 2;
	}
	if (misses_path && !(misses = fopen(misses_path, "w"))) {
		fprintf(stderr, "truthscore: %s: cannot write\n", misses_path);
		return 2;
	}
	tdir = g_build_filename(argv[2], "truth", NULL);
	collect(tdir, files);
	g_free(tdir);
	if (!files->len) {
		fprintf(stderr, "truthscore: %s/truth: no truth files\n", argv[2]);
		return 2;
	}
	qsort(files->pdata, files->len, sizeof(char *), by_name);
	for (i = 0; i < files->len; i++)
		if (score_file(g_ptr_array_index(files, i), &ndocs, &nmissing) != 0)
			rc = 2;
	fprintf(stderr, "truthscore: %zu documents, %zu not in the database\n", ndocs, nmissing);
	print_scores();
	for (i = 0; i < nscores; i++)
		free(scores[i].kind);
	free(scores);
	g_ptr_array_free(files, TRUE);
	if (misses)
		fclose(misses);
	sqlite3_close(db);
	vn_norm_free(nm);
	return rc;
}
