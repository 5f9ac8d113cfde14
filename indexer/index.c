/*
 * `thidua index`: files and folders -> the database.
 *
 * Worker threads read, hash, extract, decode and lay out files; the main thread is the one
 * writer. Results are written in the order the walk found the files (a reorder window, not
 * first-come), so document ids do not depend on thread timing and two runs over the same
 * tree give the same database.
 */
#include <getopt.h>
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "doc.h"
#include "extract.h"
#include "vn_enc.h"
#include "header.h"
#include "layout.h"
#include "store.h"
#include "walk.h"

/* Files above this are refused for now (streaming of huge files comes with the ingest
 * work); it bounds memory per worker. */
#define MAX_FILE_BYTES ((size_t)512 << 20)
/* Commit when a batch holds this much text or is this old. */
#define BATCH_BYTES ((size_t)64 << 20)
#define BATCH_SECONDS 2.0

enum { R_PENDING, R_INDEXED, R_UNCHANGED, R_FAILED };

struct job {
	const struct walk_file *file;
	int status;
	struct doc doc;
	struct err err;
	size_t bytes;
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t done, space;
	struct job *jobs;
	size_t njobs, next, written, window;
	GHashTable *known; /* path -> sha256 already in the database */
	int force;
	int encoding; /* --encoding: enum vn_charset, VN_CS_UNKNOWN to detect */
};

static void hash_bytes(const char *data, size_t n, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	size_t off = 0;

	while (off < n) {
		size_t k = n - off > (1u << 30) ? (1u << 30) : n - off;
		g_checksum_update(c, (const guchar *)data + off, (gssize)k);
		off += k;
	}
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}

/* Returns the job's status; the caller publishes it under the lock. */
static int process(struct pipeline *pl, struct extractor *x, struct job *j)
{
	char *data = NULL;
	size_t n = 0;
	const char *old;

	j->doc.path = xstrdup(j->file->path);
	j->doc.size = j->file->size;
	j->doc.mtime = j->file->mtime;
	if (read_file(j->file->path, MAX_FILE_BYTES, &data, &n, &j->err) != 0)
		return R_FAILED;
	j->bytes = n;
	j->doc.size = (long long)n;
	hash_bytes(data, n, j->doc.sha256);
	old = g_hash_table_lookup(pl->known, j->file->path);
	if (!pl->force && old && strcmp(old, j->doc.sha256) == 0) {
		free(data);
		return R_UNCHANGED;
	}
	if (extract_bytes(x, data, n, &j->doc, &j->err) != 0) {
		free(data);
		return R_FAILED;
	}
	free(data);
	layout_doc(&j->doc);
	header_parse(&j->doc);
	doc_tokenize(&j->doc, extractor_norm(x));
	return R_INDEXED;
}

static void *worker(void *arg)
{
	struct pipeline *pl = arg;
	struct extractor *x;
	struct err e;

	x = extractor_new(&e);
	if (x)
		extractor_set_encoding(x, pl->encoding);
	for (;;) {
		size_t i;
		int status;
		pthread_mutex_lock(&pl->mu);
		while (pl->next < pl->njobs && pl->next >= pl->written + pl->window)
			pthread_cond_wait(&pl->space, &pl->mu);
		if (pl->next >= pl->njobs) {
			pthread_mutex_unlock(&pl->mu);
			break;
		}
		i = pl->next++;
		pthread_mutex_unlock(&pl->mu);

		if (x) {
			status = process(pl, x, &pl->jobs[i]);
		} else {
			pl->jobs[i].err = e;
			status = R_FAILED;
		}

		pthread_mutex_lock(&pl->mu);
		pl->jobs[i].status = status;
		pthread_cond_broadcast(&pl->done);
		pthread_mutex_unlock(&pl->mu);
	}
	extractor_free(x);
	return NULL;
}

struct counts {
	size_t indexed, unchanged, removed, failed;
	size_t bytes;
};

static void warn_walk(void *ctx, const char *path, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "thidua index: %s: %s\n", path, msg);
}

static void progress(size_t done, size_t total, size_t bytes, double t0, int final)
{
	double dt = now_seconds() - t0, mb = (double)bytes / 1e6;
	double rate = dt > 0 ? mb / dt : 0;
	double eta = done > 0 && done < total ? dt * (double)(total - done) / (double)done : 0;

	fprintf(stderr, "\r\033[K%zu/%zu files, %.1f MB, %.1f MB/s", done, total, mb, rate);
	if (!final && eta > 0)
		fprintf(stderr, ", %.0f s left", eta);
	if (final)
		fputc('\r', stderr), fputs("\033[K", stderr);
}

/* Load path -> sha256 of every indexed document, to skip unchanged files. */
static int load_known(sqlite3 *db, GHashTable *known, struct err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT path, sha256 FROM documents", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW)
		g_hash_table_insert(known, g_strdup((const char *)sqlite3_column_text(st, 0)),
				    g_strdup((const char *)sqlite3_column_text(st, 1)));
	sqlite3_finalize(st);
	return 0;
}

/* Documents under the given folders whose files are gone. */
static int remove_missing(sqlite3 *db, struct store *s, const struct walk *w, GHashTable *seen,
			  struct counts *c, struct err *e)
{
	sqlite3_stmt *st;
	char **gone = NULL;
	size_t ngone = 0, cap = 0, r, i;
	int rc = 0;

	if (sqlite3_prepare_v2(db,
			       "SELECT path FROM documents WHERE substr(path, 1, length(?1) + 1) = ?1 || '/'",
			       -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "%s", sqlite3_errmsg(db));
	for (r = 0; r < w->nroots; r++) {
		sqlite3_bind_text(st, 1, w->roots[r], -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *p = (const char *)sqlite3_column_text(st, 0);
			const char *bang = strchr(p, '!');
			char *file = bang ? g_strndup(p, (gsize)(bang - p)) : g_strdup(p);
			if (!g_hash_table_contains(seen, file)) {
				gone = xgrow(gone, &cap, ngone + 1, sizeof(*gone));
				gone[ngone++] = xstrdup(p);
			}
			g_free(file);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (ngone && store_begin(s, e) == 0) {
		for (i = 0; i < ngone && rc == 0; i++)
			if ((rc = store_remove(s, gone[i], e)) == 0)
				c->removed++;
		if (rc == 0)
			rc = store_commit(s, e);
	}
	for (i = 0; i < ngone; i++)
		free(gone[i]);
	free(gone);
	return rc;
}

static const char usage[] =
	"usage: thidua index [--db FILE] [--jobs N] [--force] [--keep-missing] [--quiet] PATH...\n"
	"\n"
	"Index report files and folders (searched recursively) into the database.\n"
	"Unchanged files (same path and SHA-256) are skipped; changed files are replaced;\n"
	"files gone from an indexed folder are removed from the index.\n"
	"\n"
	"  --db FILE       database (default: $THIDUA_DB, else ./thidua.db)\n"
	"  -j, --jobs N    worker threads (default: number of cores)\n"
	"  --force         re-index every file even if unchanged\n"
	"  --keep-missing  keep documents whose files are gone\n"
	"  --encoding NAME read legacy text files as NAME (tcvn3, vni, viscii, vps, cp1258,\n"
	"                  tcvn5712-1, utf-8) instead of detecting it\n"
	"  -q, --quiet     no progress and no summary line\n"
	"  -h, --help      this help\n"
	"\n"
	"Exit status: 0 all files indexed, 1 some files failed (each named on stderr),\n"
	"2 usage error or the database cannot be used.\n";

int cmd_index(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	 {"jobs", required_argument, NULL, 'j'},
		{"force", no_argument, NULL, 'f'},	 {"keep-missing", no_argument, NULL, 'k'},
		{"quiet", no_argument, NULL, 'q'},	 {"help", no_argument, NULL, 'h'},
		{"encoding", required_argument, NULL, 'E'}, {NULL, 0, NULL, 0}};
	const char *dbpath = NULL;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int force = 0, keep = 0, quiet = 0, c, rc = EXIT_OK, tty, encoding = VN_CS_UNKNOWN;
	struct pipeline pl;
	struct walk w;
	struct counts cnt = {0, 0, 0, 0, 0};
	struct store *store = NULL;
	struct err e;
	sqlite3 *db = NULL;
	pthread_t *threads;
	size_t k, batch_bytes = 0;
	double t0 = now_seconds(), last_commit, last_progress = 0;
	GHashTable *seen;
	char *skip[5] = {NULL};
	int in_batch = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'j':
			if (cli_parse_count(optarg, &jobs) != 0 || jobs < 1 || jobs > 256)
				return cli_usage_error("index", "--jobs wants a number from 1 to 256");
			break;
		case 'f':
			force = 1;
			break;
		case 'k':
			keep = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'E':
			encoding = vn_enc_from_name(optarg);
			if (encoding == VN_CS_UNKNOWN)
				return cli_usage_error("index", "unknown --encoding (try tcvn3, vni, "
								"viscii, vps, cp1258, utf-8)");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("index", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("index", "no files or folders to index");
	if (jobs < 1)
		jobs = 1;
	dbpath = db_default_path(dbpath);
	if (db_open(dbpath, DB_CREATE, &db, &e) != 0)
		return cli_error("index", "%s", e.msg);

	/* never index the database into itself */
	{
		char *real = realpath(dbpath, NULL);
		if (real) {
			skip[0] = real;
			skip[1] = g_strdup_printf("%s-wal", real);
			skip[2] = g_strdup_printf("%s-shm", real);
			skip[3] = g_strdup_printf("%s-journal", real);
		}
	}
	walk_paths(argv + optind, argc - optind, (const char *const *)skip, &w, warn_walk, NULL);
	if (w.nproblems)
		rc = EXIT_PARTIAL;

	memset(&pl, 0, sizeof(pl));
	pl.encoding = encoding;
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.done, NULL);
	pthread_cond_init(&pl.space, NULL);
	pl.njobs = w.nfiles;
	pl.jobs = xcalloc(w.nfiles + 1, sizeof(*pl.jobs));
	for (k = 0; k < w.nfiles; k++)
		pl.jobs[k].file = &w.files[k];
	pl.window = (size_t)jobs * 4;
	pl.force = force;
	pl.known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (k = 0; k < w.nfiles; k++)
		g_hash_table_add(seen, w.files[k].path);
	/* Bulk writes: checkpoint every 256 MB of WAL rather than every 16 MB, so pages that
	 * several batches rewrite (FTS5 segment merges) are copied into the database once. */
	sqlite3_exec(db, "PRAGMA wal_autocheckpoint=16384", NULL, NULL, NULL);
	store = store_new(db, &e);
	if (!store || load_known(db, pl.known, &e) != 0) {
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
		goto out;
	}

	threads = xcalloc((size_t)jobs, sizeof(*threads));
	for (c = 0; c < jobs; c++)
		pthread_create(&threads[c], NULL, worker, &pl);

	tty = !quiet && isatty(2);
	last_commit = now_seconds();
	for (k = 0; k < pl.njobs; k++) {
		struct job *j = &pl.jobs[k];
		pthread_mutex_lock(&pl.mu);
		while (j->status == R_PENDING)
			pthread_cond_wait(&pl.done, &pl.mu);
		pthread_mutex_unlock(&pl.mu);

		cnt.bytes += j->bytes;
		if (j->status == R_UNCHANGED) {
			cnt.unchanged++;
		} else if (j->status == R_FAILED) {
			fprintf(stderr, "%sthidua index: %s: %s\n", tty ? "\r\033[K" : "",
				j->file->path, j->err.msg);
			cnt.failed++;
		} else {
			size_t m;
			for (m = 0; m < j->doc.nnotes; m++)
				fprintf(stderr, "%sthidua index: %s: %s\n", tty ? "\r\033[K" : "",
					j->file->path, j->doc.notes[m]);
			if (!in_batch) {
				if (store_begin(store, &e) != 0) {
					rc = cli_error("index", "%s: %s", dbpath, e.msg);
					break;
				}
				in_batch = 1;
				last_commit = now_seconds();
			}
			if (store_doc(store, &j->doc, &e) != 0) {
				/* the database itself failed (disk full, I/O): the batch is lost,
				 * committed ones stay, and the next run picks up from there */
				rc = cli_error("index", "%s: %s (while writing %s)", dbpath, e.msg,
					       j->file->path);
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
				in_batch = 0;
				doc_free(&j->doc);
				break;
			}
			cnt.indexed++;
			batch_bytes += j->bytes;
		}
		doc_free(&j->doc);
		if (in_batch &&
		    (batch_bytes >= BATCH_BYTES || now_seconds() - last_commit >= BATCH_SECONDS)) {
			if (store_commit(store, &e) != 0) {
				rc = cli_error("index", "%s: %s", dbpath, e.msg);
				in_batch = 0;
				break;
			}
			in_batch = 0;
			batch_bytes = 0;
		}
		pthread_mutex_lock(&pl.mu);
		pl.written = k + 1;
		pthread_cond_broadcast(&pl.space);
		pthread_mutex_unlock(&pl.mu);
		if (tty && now_seconds() - last_progress > 0.2) {
			progress(k + 1, pl.njobs, cnt.bytes, t0, 0);
			last_progress = now_seconds();
		}
	}
	if (k < pl.njobs) {
		/* fatal write error: let the workers finish their current file and stop */
		pthread_mutex_lock(&pl.mu);
		pl.next = pl.njobs;
		pl.written = pl.njobs;
		pthread_cond_broadcast(&pl.space);
		pthread_mutex_unlock(&pl.mu);
	}
	for (c = 0; c < jobs; c++)
		pthread_join(threads[c], NULL);
	free(threads);
	for (; k < pl.njobs; k++)
		doc_free(&pl.jobs[k].doc);
	if (in_batch && store_commit(store, &e) != 0)
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
	if (rc != EXIT_USAGE && !keep && remove_missing(db, store, &w, seen, &cnt, &e) != 0)
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
	sqlite3_exec(db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
	if (tty)
		progress(pl.njobs, pl.njobs, cnt.bytes, t0, 1);
	if (!quiet)
		fprintf(stderr, "thidua index: %zu indexed, %zu unchanged, %zu removed, %zu failed"
				" (%.1f MB in %.2f s)\n",
			cnt.indexed, cnt.unchanged, cnt.removed, cnt.failed, (double)cnt.bytes / 1e6,
			now_seconds() - t0);
	if (cnt.failed && rc == EXIT_OK)
		rc = EXIT_PARTIAL;
out:
	store_free(store);
	db_close(db);
	g_hash_table_destroy(pl.known);
	g_hash_table_destroy(seen);
	free(pl.jobs);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.done);
	pthread_cond_destroy(&pl.space);
	walk_free(&w);
	for (c = 0; c < 4; c++)
		g_free(c == 0 ? NULL : skip[c]);
	free(skip[0]);
	return rc;
}
