/*
 * bench: `make bench` — thidua against stock SQLite FTS5 (`unicode61 remove_diacritics 2`)
 * on the same passages, in one run, reported as ratios.
 *
 *   bench THIDUA SEED OUTDIR [MB]
 *
 * 1. Writes OUTDIR/corpus/: the seed report replicated to at least MB megabytes (default
 *    100), one file per copy (each with its copy number, so every file is a distinct
 *    document).
 * 2. Runs `THIDUA index --db OUTDIR/thidua.db OUTDIR/corpus` (end to end: reading, hashing,
 *    decoding, layout, normalization, FTS5) and records wall time and peak RSS.
 * 3. Builds OUTDIR/stock.db: a plain FTS5 table with unicode61 remove_diacritics 2, fed the
 *    very passages thidua stored (read back from thidua.db, so the baseline does no file
 *    reading or layout work at all), with the same pragmas and batch size.
 * 4. Runs a fixed set of queries against both, each 10 times with snippets, top 20, and
 *    reports the median latency.
 *
 * Steps 2 and 3 alternate BENCH_ROUNDS times (default 5) and the best time of each is
 * reported: on a shared machine the least disturbed run is the closest to the truth, and
 * alternating keeps any slow period from landing on one side only. Each round's own ratio
 * (its thidua run against the stock run right after it) is printed too, with their median:
 * this virtual machine's speed drifts from minute to minute, and two runs seconds apart
 * share the drift.
 */
#include <math.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "util.h"
#include "vn_norm.h"
#include "vn_query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

extern char **environ;

static const char *const queries[] = {
	"dong",		"thi đua",	"\"khen thưởng\"", "chien si thi dua", "Tòa án",
	"THADS",	"bằng khen",	"1419",		   "phong trao",       "huân chương lao động",
};
#define NQ (sizeof(queries) / sizeof(queries[0]))
#define REPS 10
#define MAX_ROUNDS 50

static long long file_size(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : 0;
}

static long long db_size(const char *p)
{
	struct buf w = BUF_INIT;
	long long n;
	buf_printf(&w, "%s-wal", p);
	n = file_size(p) + file_size(w.p);
	buf_free(&w);
	return n;
}

/* a + b, with a '/' between unless b starts with '-' (a suffix such as "-wal") */
static char *path_join(const char *a, const char *b)
{
	struct buf p = BUF_INIT;
	buf_printf(&p, b[0] == '-' ? "%s%s" : "%s/%s", a, b);
	return buf_detach(&p);
}

static int make_corpus(const char *seed, const char *dir, double mb, long long *bytes)
{
	char *data;
	struct buf path = BUF_INIT;
	size_t n;
	struct err e;
	int i, copies;

	if (read_file(seed, (size_t)1 << 30, &data, &n, &e) != 0) {
		fprintf(stderr, "bench: %s: %s\n", seed, e.msg);
		return -1;
	}
	mkdir(dir, 0755);
	copies = (int)ceil(mb * 1e6 / (double)n);
	*bytes = 0;
	for (i = 0; i < copies; i++) {
		FILE *f;
		buf_reset(&path);
		buf_printf(&path, "%s/copy-%05d.txt", dir, i);
		if (file_size(path.p) == 0) {
			f = fopen(path.p, "wb");
			if (!f) {
				perror(path.p);
				free(data);
				buf_free(&path);
				return -1;
			}
			fprintf(f, "Bản sao tổng hợp số %d (synthetic copy for benchmarking)\n\n", i);
			fwrite(data, 1, n, f);
			fclose(f);
		}
		*bytes += file_size(path.p);
	}
	buf_free(&path);
	free(data);
	return copies;
}

/* CPU seconds (user + system) this process has used so far. */
static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run argv, return wall seconds; *rss_kb gets the child's peak RSS, *cpu its CPU seconds
 * (user + system, all threads): with two cores, wall time is at least half of it. */
static double run(char *const argv[], long *rss_kb, double *cpu)
{
	pid_t pid;
	int status;
	struct rusage ru;
	double t0 = now_seconds();

	if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
		perror(argv[0]);
		return -1;
	}
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s failed\n", argv[0]);
		return -1;
	}
	*rss_kb = ru.ru_maxrss;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return now_seconds() - t0;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", msg);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The stock baseline: same passages, same batching, stock tokenizer. */
static double build_stock(const char *thidua_db, const char *stock_db, long long *text_bytes,
                          double *cpu)
{
	sqlite3 *src, *dst;
	sqlite3_stmt *rd, *wr;
	char **texts = NULL;
	size_t n = 0, cap = 0, i, batch = 0;
	double t0;

	struct err e;

	if (db_open(thidua_db, DB_READONLY, &src, &e) != 0)
		return -1;
	sqlite3_prepare_v2(src, "SELECT text FROM passages ORDER BY id", -1, &rd, NULL);
	*text_bytes = 0;
	while (sqlite3_step(rd) == SQLITE_ROW) {
		texts = xgrow(texts, &cap, n + 1, sizeof(*texts));
		texts[n++] = xstrdup((const char *)sqlite3_column_text(rd, 0));
		*text_bytes += (long long)strlen(texts[n - 1]);
	}
	sqlite3_finalize(rd);
	sqlite3_close(src);

	unlink(stock_db);
	if (sqlite3_open(stock_db, &dst) != SQLITE_OK)
		return -1;
	/* the same database settings thidua uses (lib/db.c, indexer/index.c); the FTS5 table
	 * itself is stock */
	exec(dst, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		  " PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=16384;");
	exec(dst, "CREATE VIRTUAL TABLE passages USING fts5(text, tokenize='unicode61 remove_diacritics 2')");
	sqlite3_prepare_v2(dst, "INSERT INTO passages(text) VALUES (?)", -1, &wr, NULL);
	t0 = now_seconds();
	*cpu = cpu_seconds();
	exec(dst, "BEGIN");
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(wr, 1, texts[i], -1, SQLITE_STATIC);
		sqlite3_step(wr);
		sqlite3_reset(wr);
		batch += strlen(texts[i]);
		if (batch >= (64u << 20)) { /* the same batch size thidua commits at */
			exec(dst, "COMMIT; BEGIN");
			batch = 0;
		}
	}
	exec(dst, "COMMIT");
	exec(dst, "PRAGMA wal_checkpoint(PASSIVE)");
	t0 = now_seconds() - t0;
	*cpu = cpu_seconds() - *cpu;
	sqlite3_finalize(wr);
	sqlite3_close(dst);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	return t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/*
 * Median over REPS runs of one query: rank (ranking SQL, ?1 = match, ?2 = rank argument),
 * then a snippet for each of the top rows (snippet SQL, ?1 = match, ?2 = rowid) — the way
 * `thidua search` does it, applied to both databases alike. rows gets the result count.
 */
static double time_query(sqlite3 *db, const char *rank_sql, const char *snip_sql,
			 const char *match, const char *rank, int *rows)
{
	double t[REPS];
	int r;

	for (r = 0; r < REPS; r++) {
		sqlite3_stmt *st, *sn;
		double t0 = now_seconds();
		*rows = 0;
		if (sqlite3_prepare_v2(db, rank_sql, -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(db, snip_sql, -1, &sn, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
			return -1;
		}
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		if (rank)
			sqlite3_bind_text(st, 2, rank, -1, SQLITE_STATIC);
		sqlite3_bind_text(sn, 1, match, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_bind_int64(sn, 2, sqlite3_column_int64(st, 0));
			if (sqlite3_step(sn) == SQLITE_ROW)
				(*rows)++;
			sqlite3_reset(sn);
		}
		sqlite3_finalize(st);
		sqlite3_finalize(sn);
		t[r] = now_seconds() - t0;
	}
	qsort(t, REPS, sizeof(t[0]), cmp_double);
	return (t[REPS / 2 - 1] + t[REPS / 2]) / 2;
}

/* Stock FTS5 takes the query words as bare terms (quoted to avoid syntax errors). */
static void stock_match(const char *q, struct buf *out)
{
	const char *p = q;
	buf_reset(out);
	if (q[0] == '"') {
		buf_adds(out, q);
		return;
	}
	while (*p) {
		const char *w;
		while (*p == ' ')
			p++;
		w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w) {
			if (out->n)
				buf_addc(out, ' ');
			buf_addc(out, '"');
			buf_add(out, w, (size_t)(p - w));
			buf_addc(out, '"');
		}
	}
}

/*
 * `bench stock THIDUA_DB STOCK_DB QUERIES`: for make bench-national (tools/bench_national.sh).
 * Builds the stock FTS5 table from THIDUA_DB's passages (timed), then times each query of
 * QUERIES (one per line, its words before the first TAB) on it the way main() does, REPS
 * runs each. Prints "build SECONDS TEXT_BYTES", then "query MEDIAN_MS ROWS" per line.
 * `bench stock-queries STOCK_DB QUERIES` times the queries on a table built before.
 */
static int stock_mode(const char *tdb, const char *sdb, const char *queries_file)
{
	FILE *f;
	char line[4096];
	sqlite3 *ds;
	struct buf m = BUF_INIT;

	if (tdb) {
		long long text_bytes = 0;
		double cpu, t = build_stock(tdb, sdb, &text_bytes, &cpu);
		if (t < 0)
			return 2;
		printf("build %.3f %lld\n", t, text_bytes);
	}
	if (!(f = fopen(queries_file, "r"))) {
		perror(queries_file);
		return 2;
	}
	sqlite3_open_v2(sdb, &ds, SQLITE_OPEN_READONLY, NULL);
	while (fgets(line, sizeof(line), f)) {
		int rows = 0;
		double lat;
		line[strcspn(line, "\t\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		stock_match(line, &m);
		lat = time_query(ds,
				 "SELECT rowid FROM passages WHERE passages MATCH ?1"
				 " ORDER BY rank LIMIT 20",
				 "SELECT snippet(passages, 0, '[', ']', '…', 24) FROM passages"
				 " WHERE passages MATCH ?1 AND rowid = ?2",
				 m.p, NULL, &rows);
		printf("query %.3f %d\n", lat * 1e3, rows);
	}
	fclose(f);
	sqlite3_close(ds);
	buf_free(&m);
	return 0;
}

/*
 * `bench regex QUERY`: an accent-insensitive regular expression for rg, for the latency
 * comparison of make bench-national: every letter of the query words folded and widened to
 * the class of all letters that fold to it (a -> [aàáảãạăằ…AÀÁ…], d -> [dđDĐ]), words
 * joined by a run of blanks. Abbreviations and the query language are not expanded: rg
 * gets the literal words, which is what a grep user would type.
 */
static int regex_mode(const char *query)
{
	struct buf cls[26];
	struct vn_norm *nm;
	struct err e;
	UChar32 c;
	const char *q;
	int k, sep = 0;


	if (!(nm = vn_norm_new(&e)))
		return 2;
	for (k = 0; k < 26; k++)
		cls[k] = (struct buf)BUF_INIT;
	/* every letter of Latin-1 and the Latin extensions, folded like the index folds it */
	for (c = 'A'; c <= 0x1EFF; c++) {
		char u8[8];
		int32_t n = 0;
		UBool err = 0;
		struct vn_word w;
		if (!u_isalpha(c) || (c > 'z' && c < 0xC0))
			continue;
		U8_APPEND(u8, n, (int32_t)sizeof(u8), c, err);
		if (err || vn_norm_word(nm, u8, (size_t)n, &w) != 0 || w.nfold != 1 ||
		    w.fold[0] < 'a' || w.fold[0] > 'z')
			continue;
		buf_add(&cls[w.fold[0] - 'a'], u8, (size_t)n);
	}
	/* a word typed with diacritics is matched as typed (either case), one without is
	 * widened letter by letter, as thidua's search reads them */
	for (q = query; *q;) {
		size_t n = strcspn(q, " \""), i;
		int ascii = 1;
		for (i = 0; i < n; i++)
			ascii &= (unsigned char)q[i] < 0x80;
		if (n && sep)
			fputs("\\s+", stdout);
		if (n && !ascii)
			printf("(?i:%.*s)", (int)n, q);
		for (i = 0; ascii && i < n; i++) {
			unsigned char ch = (unsigned char)q[i];
			if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
				printf("[%s]", cls[(ch | 0x20) - 'a'].p);
			else
				putchar(ch);
		}
		sep |= n > 0;
		q += n;
		q += strspn(q, " \"");
	}
	putchar('\n');
	for (k = 0; k < 26; k++)
		buf_free(&cls[k]);
	vn_norm_free(nm);
	return 0;
}

/*
 * `bench docs THIDUA_DB QUERY`: the paths of the documents in which thidua's rules find a
 * passage for QUERY (no ranking, no snippets): the reference Recoll's answers are checked
 * against in make bench-national.
 */
static int docs_mode(const char *tdb, const char *query)
{
	struct vn_norm *nm;
	struct vn_query q;
	struct err e;
	sqlite3 *db;
	sqlite3_stmt *st;

	if (db_open(tdb, DB_READONLY, &db, &e) != 0 || !(nm = vn_norm_new(&e)) ||
	    vn_query_build(nm, query, &q, &e) != 0) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 2;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT DISTINCT d.path FROM passages_fts"
			       " JOIN passage_rows p ON p.id = passages_fts.rowid"
			       " JOIN documents d ON d.id = p.doc WHERE passages_fts MATCH ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
		return 2;
	}
	sqlite3_bind_text(st, 1, q.fts, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	vn_query_free(&q);
	vn_norm_free(nm);
	db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	const char *thidua, *seed, *out;
	char *corpus, *tdb, *sdb;
	double mb = 100, t_thidua, t_stock, lat_t[NQ], lat_s[NQ], med_t, med_s;
	double cpu_thidua = 0, cpu_stock = 0, cpu, load[3] = {0, 0, 0};
	long long corpus_bytes, text_bytes;
	long rss = 0;
	int copies, rows_t[NQ], rows_s[NQ];
	size_t i, rounds;
	double ratios[MAX_ROUNDS];
	sqlite3 *dt, *ds;
	struct vn_norm *nm;
	struct err e;
	struct buf m = BUF_INIT;

	/* thidua runs with SQLite's memory statistics off (thidua.c): the stock baseline too */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (argc == 5 && strcmp(argv[1], "stock") == 0)
		return stock_mode(argv[2], argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "stock-queries") == 0)
		return stock_mode(NULL, argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "regex") == 0)
		return regex_mode(argv[2]);
	if (argc == 4 && strcmp(argv[1], "docs") == 0)
		return docs_mode(argv[2], argv[3]);
	if (argc < 4) {
		fprintf(stderr, "usage: bench THIDUA SEED OUTDIR [MB]\n"
				"       bench stock THIDUA_DB STOCK_DB QUERIES\n"
				"       bench stock-queries STOCK_DB QUERIES\n"
				"       bench regex QUERY\n"
				"       bench docs THIDUA_DB QUERY\n");
		return 2;
	}
	thidua = argv[1];
	seed = argv[2];
	out = argv[3];
	if (argc > 4)
		mb = atof(argv[4]);
	mkdir(out, 0755);
	corpus = path_join(out, "corpus");
	tdb = path_join(out, "thidua.db");
	sdb = path_join(out, "stock.db");

	copies = make_corpus(seed, corpus, mb, &corpus_bytes);
	if (copies < 0)
		return 2;
	printf("corpus: %d copies of the seed, %.1f MB in %s\n", copies, (double)corpus_bytes / 1e6,
	       corpus);
	/* wall times mean little on a busy machine: say how busy it was */
	if (getloadavg(load, 3) < 0)
		load[0] = -1;
	printf("machine: %ld cores, load average %.2f at the start\n",
	       sysconf(_SC_NPROCESSORS_ONLN), load[0]);
	fflush(stdout);

	rounds = getenv("BENCH_ROUNDS") ? (size_t)atoi(getenv("BENCH_ROUNDS")) : 5;
	if (rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "bench: BENCH_ROUNDS wants 1 to %d\n", MAX_ROUNDS);
		return 2;
	}
	t_thidua = t_stock = 1e30;
	for (i = 0; i < rounds; i++) {
		double t_round;
		char *av[] = {(char *)thidua, "index", "--quiet", "--no-facts", "--db", tdb, corpus, NULL};
		char *w = path_join(tdb, "-wal");
		double t;
		long r = 0;
		unlink(tdb);
		unlink(w);
		free(w);
		w = path_join(tdb, "-shm");
		unlink(w);
		free(w);
		t = run(av, &r, &cpu);
		if (t < 0)
			return 2;
		t_round = t;
		if (t < t_thidua) {
			t_thidua = t;
			cpu_thidua = cpu;
		}
		if (r > rss)
			rss = r;
		t = build_stock(tdb, sdb, &text_bytes, &cpu);
		if (t < 0)
			return 2;
		if (t < t_stock) {
			t_stock = t;
			cpu_stock = cpu;
		}
		ratios[i] = ((double)corpus_bytes / t_round) / ((double)text_bytes / t);
		printf("round %zu: thidua %.2f s, stock %.2f s, throughput ratio %.2f\n", i + 1,
		       t_round, t, ratios[i]);
		fflush(stdout);
	}

	if (db_open(tdb, DB_READONLY, &dt, &e) != 0) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 2;
	}
	sqlite3_open_v2(sdb, &ds, SQLITE_OPEN_READONLY, NULL);
	nm = vn_norm_new(&e);
	for (i = 0; i < NQ; i++) {
		struct vn_query q;
		if (vn_query_build(nm, queries[i], &q, &e) != 0)
			return 2;
		lat_t[i] = time_query(
		    dt,
		    "SELECT p.id, vn_rank(passages_fts, ?2, p.bytes, p.bare) AS s"
		    " FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid"
		    " WHERE passages_fts MATCH ?1 ORDER BY s DESC LIMIT 20",
		    "SELECT snippet(passages_fts, 0, '[', ']', '…', 24) FROM passages_fts"
		    " WHERE passages_fts MATCH ?1 AND rowid = ?2",
		    q.fts, q.rank, &rows_t[i]);
		vn_query_free(&q);
		stock_match(queries[i], &m);
		lat_s[i] = time_query(ds,
				      "SELECT rowid FROM passages WHERE passages MATCH ?1"
				      " ORDER BY rank LIMIT 20",
				      "SELECT snippet(passages, 0, '[', ']', '…', 24) FROM passages"
				      " WHERE passages MATCH ?1 AND rowid = ?2",
				      m.p, NULL, &rows_s[i]);
	}
	vn_norm_free(nm);
	buf_free(&m);

	printf("\n%-24s %12s %12s %8s\n", "", "thidua", "stock FTS5", "ratio");
	printf("\n(best of %zu alternating rounds)\n", rounds);
	printf("%-24s %12.1f %12.1f %8.2f\n", "index time (s)", t_thidua, t_stock,
	       t_thidua / t_stock);
	printf("%-24s %12.1f %12.1f %8.2f   (of the best round; all threads)\n",
	       "CPU time (s)", cpu_thidua, cpu_stock, cpu_thidua / cpu_stock);
	printf("%-24s %12.1f %12.1f %8.2f   (thidua/stock; >= 1.0 is the goal)\n",
	       "throughput (MB/s)", (double)corpus_bytes / 1e6 / t_thidua,
	       (double)text_bytes / 1e6 / t_stock,
	       ((double)corpus_bytes / t_thidua) / ((double)text_bytes / t_stock));
	qsort(ratios, rounds, sizeof(double), cmp_double);
	printf("%-24s %12s %12s %8.2f   (each round's own; %.2f to %.2f)\n",
	       "median round ratio", "", "",
	       rounds % 2 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2,
	       ratios[0], ratios[rounds - 1]);
	printf("%-24s %12.1f %12.1f %8.2f\n", "database (MB)", (double)db_size(tdb) / 1e6,
	       (double)db_size(sdb) / 1e6, (double)db_size(tdb) / (double)db_size(sdb));
	printf("%-24s %12.2f %12.2f\n", "database / text", (double)db_size(tdb) / (double)text_bytes,
	       (double)db_size(sdb) / (double)text_bytes);
	printf("%-24s %12.1f %12s\n", "peak RSS, index (MB)", (double)rss / 1024.0, "-");
	printf("\n%-24s %12s %12s %8s %9s %9s\n", "query (top 20 + snippets)", "thidua ms",
	       "stock ms", "ratio", "thidua n", "stock n");
	for (i = 0; i < NQ; i++)
		printf("%-24s %12.2f %12.2f %8.2f %9d %9d\n", queries[i], lat_t[i] * 1e3,
		       lat_s[i] * 1e3, lat_t[i] / lat_s[i], rows_t[i], rows_s[i]);
	qsort(lat_t, NQ, sizeof(double), cmp_double);
	qsort(lat_s, NQ, sizeof(double), cmp_double);
	med_t = (lat_t[NQ / 2 - 1] + lat_t[NQ / 2]) / 2;
	med_s = (lat_s[NQ / 2 - 1] + lat_s[NQ / 2]) / 2;
	printf("%-24s %12.2f %12.2f %8.2f\n", "median of 10 queries", med_t * 1e3, med_s * 1e3,
	       med_t / med_s);
	sqlite3_close(ds);
	db_close(dt);
	free(corpus);
	free(tdb);
	free(sdb);
	return 0;
}
