/*
 * `thidua index`: files and folders -> the database.
 *
 * Worker threads read, hash, extract, decode and lay out files; the main thread is the one
 * writer. Results are written in the order the walk found the files (a reorder window, not
 * first-come), so document ids do not depend on thread timing and two runs over the same
 * tree give the same database.
 *
 * A file yields one document, or one per member when it is an archive ("a.zip!b.docx");
 * whatever a file yields is replaced as a whole under one savepoint, and all documents
 * from one file carry that file's sha256, so the unchanged check and the removal of gone
 * files work per file on disk. Text files over HUGE_BYTES are not held in memory: the
 * writer reads, decodes and stores them chunk by chunk (bigtext.h).
 */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bigtext.h"
#include "cli.h"
#include "db.h"
#include "doc.h"
#include "extract.h"
#include "facts.h"
#include "figures.h"
#include "vn_enc.h"
#include "header.h"
#include "layout.h"
#include "ocr.h"
#include "store.h"
#include "walk.h"
#include "dl.h" /* last: its names redirect the libraries' functions */

/* Files other than text above this are refused: it bounds memory per worker. */
#define MAX_FILE_BYTES ((size_t)512 << 20)
/* Text files above this are streamed by the writer instead of read whole. */
#define HUGE_BYTES ((long long)32 << 20)
/* Commit when a batch holds this much text or is this old. */
#define BATCH_BYTES ((size_t)64 << 20)
#define BATCH_SECONDS 2.0

enum { R_PENDING, R_INDEXED, R_UNCHANGED, R_FAILED, R_HUGE };

struct job {
	const struct walk_file *file;
	int status;
	struct docset set; /* R_INDEXED: what the file yields */
	char sha256[65];
	struct err err;
	size_t bytes;
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t done, space;
	struct job *jobs;
	size_t njobs, next, written, window;
	/* Bytes of the files taken by workers and not yet written: bounds the memory of
	 * documents waiting for the writer however large the window is in files. */
	size_t inflight, max_inflight;
	/* jobs below this were written and their documents freed (by a worker, see worker) */
	size_t freed;
	GHashTable *known; /* path -> sha256 already in the database */
	int force;
	int encoding; /* --encoding: enum vn_charset, VN_CS_UNKNOWN to detect */
	int no_facts; /* --no-facts: passages and the header only */
	struct ocr *ocr; /* scanned pages (NULL with --ocr never) */
};

/*
 * SHA-256 through OpenSSL's EVP interface: it uses the CPU's SHA extensions where present,
 * several times faster than GLib's portable code, and every indexed byte goes through it.
 */
static void hex_digest(EVP_MD_CTX *c, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	EVP_DigestFinal_ex(c, md, &len);
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[2 * i] = 0;
}

/* Both hashes run in process(), whose caller holds an extractor: libcrypto is loaded. */
static void hash_bytes(const char *data, size_t n, char out[65])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	EVP_DigestUpdate(c, data, n);
	hex_digest(c, out);
	EVP_MD_CTX_free(c);
}

/* SHA-256 of a file read in pieces (for files not read whole). */
static int hash_path(const char *path, char out[65], size_t *bytes, struct err *e)
{
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *c;
	char *chunk;
	size_t k;

	*bytes = 0;
	if (!f)
		return err_set(e, "%s", strerror(errno));
	c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	chunk = xmalloc(1 << 20);
	while ((k = fread(chunk, 1, 1 << 20, f)) > 0) {
		EVP_DigestUpdate(c, chunk, k);
		*bytes += k;
	}
	free(chunk);
	if (ferror(f)) {
		fclose(f);
		EVP_MD_CTX_free(c);
		return err_set(e, "read error: %s", strerror(errno));
	}
	fclose(f);
	hex_digest(c, out);
	EVP_MD_CTX_free(c);
	return 0;
}

static int unchanged(const struct pipeline *pl, const struct job *j)
{
	const char *old = g_hash_table_lookup(pl->known, j->file->path);
	return !pl->force && old && strcmp(old, j->sha256) == 0;
}

/* Whether a large file is text the streaming reader takes (judged on its first bytes). */
static int streamable(struct extractor *x, const char *path)
{
	char *head = xmalloc(256 * 1024);
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, 256 * 1024, f) : 0;
	int yes = n > 0 && extract_is_plain_text(x, head, n);

	if (f)
		fclose(f);
	free(head);
	return yes;
}

/* Returns the job's status; the caller publishes it under the lock. */
static int process(struct pipeline *pl, struct extractor *x, struct vn_packer *pk, struct job *j)
{
	char *data = NULL;
	size_t n = 0, i;

	if (j->file->size > HUGE_BYTES) {
		if (hash_path(j->file->path, j->sha256, &j->bytes, &j->err) != 0)
			return R_FAILED;
		if (unchanged(pl, j))
			return R_UNCHANGED;
		if (streamable(x, j->file->path))
			return R_HUGE;
	}
	if (read_file(j->file->path, MAX_FILE_BYTES, &data, &n, &j->err) != 0)
		return R_FAILED;
	j->bytes = n;
	hash_bytes(data, n, j->sha256);
	if (unchanged(pl, j)) {
		free(data);
		return R_UNCHANGED;
	}
	if (extract_file(x, j->file->path, data, n, j->file->mtime, &j->set, &j->err) != 0) {
		free(data);
		return R_FAILED;
	}
	free(data);
	for (i = 0; i < j->set.ndocs; i++) {
		struct doc *d = &j->set.docs[i];
		memcpy(d->sha256, j->sha256, sizeof(d->sha256));
		layout_doc(d, extractor_norm(x));
		doc_mark_ocr(d);
		header_parse(d, extractor_norm(x));
		d->no_facts = pl->no_facts;
		if (!pl->no_facts) {
			facts_extract(d, extractor_norm(x));
			figures_extract(d, extractor_norm(x));
		}
		doc_tokenize(d, extractor_norm(x));
		doc_pack(d, pk);
	}
	return R_INDEXED;
}

/*
 * Workers run at a lower priority than the writer (nice +WORKER_NICE, this thread only).
 * The writer, one thread feeding FTS5, paces the run; with as many workers as cores the
 * scheduler would otherwise share every core equally among all threads, and the writer
 * would get two thirds of a core on a two-core machine while the workers ran ahead and
 * then waited. Lowered, the workers take what the writer leaves. Linux only (elsewhere
 * the priority is per process and this is skipped).
 */
#define WORKER_NICE 5

static void yield_to_writer(void)
{
#if defined(__linux__) && defined(SYS_gettid)
	id_t tid = (id_t)syscall(SYS_gettid);
	int now;
	errno = 0;
	now = getpriority(PRIO_PROCESS, tid);
	if (errno == 0)
		setpriority(PRIO_PROCESS, tid, now + WORKER_NICE);
#endif
}

static void *worker(void *arg)
{
	struct pipeline *pl = arg;
	struct extractor *x;
	struct vn_packer *pk = vn_packer_new();
	struct err e;

	yield_to_writer();
	x = extractor_new(&e);
	if (x) {
		extractor_set_encoding(x, pl->encoding);
		extractor_set_ocr(x, pl->ocr);
	}
	for (;;) {
		size_t i, from, to;
		int status;
		pthread_mutex_lock(&pl->mu);
		while (pl->next < pl->njobs && (pl->next >= pl->written + pl->window ||
		                                (pl->inflight > pl->max_inflight &&
		                                 pl->next > pl->written)))
			pthread_cond_wait(&pl->space, &pl->mu);
		/* Documents the writer has stored are freed here, not by the writer: the writer
		 * is the pipeline's bottleneck (one thread feeds FTS5), so every cycle it does
		 * not spend is throughput. */
		from = pl->freed;
		to = pl->written;
		pl->freed = to;
		if (pl->next >= pl->njobs) {
			pthread_mutex_unlock(&pl->mu);
			for (; from < to; from++)
				docset_free(&pl->jobs[from].set);
			break;
		}
		i = pl->next++;
		pl->inflight += (size_t)pl->jobs[i].file->size;
		pthread_mutex_unlock(&pl->mu);
		for (; from < to; from++)
			docset_free(&pl->jobs[from].set);

		if (x) {
			status = process(pl, x, pk, &pl->jobs[i]);
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
	vn_packer_free(pk);
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

static void progress(size_t done, size_t total, size_t bytes, double t0, int final,
		     struct ocr *ocr)
{
	double dt = now_seconds() - t0, mb = (double)bytes / 1e6;
	double rate = dt > 0 ? mb / dt : 0;
	double eta = done > 0 && done < total ? dt * (double)(total - done) / (double)done : 0;
	struct ocr_stats os;

	fprintf(stderr, "\r\033[K%zu/%zu files, %.1f MB, %.1f MB/s", done, total, mb, rate);
	ocr_stats(ocr, &os);
	if (os.pages_queued)
		fprintf(stderr, ", OCR %ld/%ld pages, %.1f pages/min", os.pages_done,
			os.pages_queued,
			os.seconds > 0 ? (double)(os.pages_done - os.pages_cached) * 60 / os.seconds : 0);
	if (!final && eta > 0)
		fprintf(stderr, ", %.0f s left", eta);
	if (final)
		fputc('\r', stderr), fputs("\033[K", stderr);
}

/*
 * Load path -> sha256 of what is indexed, to skip unchanged files. An archive member
 * "a.zip!b.docx" carries the sha256 of a.zip, so it stands for the file "a.zip" too
 * (names on disk may hold '!': every prefix before one is entered, a real document at
 * that path winning over it).
 */
static int load_known(sqlite3 *db, GHashTable *known, int no_facts, struct err *e)
{
	GHashTable *prefixes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTableIter it;
	gpointer k, v;
	sqlite3_stmt *st;

	/* a document indexed --no-facts is not "unchanged" for a run that wants facts */
	if (sqlite3_prepare_v2(db, "SELECT path, sha256 FROM documents WHERE facts OR ?1", -1, &st,
			       NULL) != SQLITE_OK) {
		g_hash_table_destroy(prefixes);
		return err_set(e, "%s", sqlite3_errmsg(db));
	}
	sqlite3_bind_int(st, 1, no_facts);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		const char *sha = (const char *)sqlite3_column_text(st, 1), *bang;
		g_hash_table_replace(known, g_strdup(p), g_strdup(sha));
		for (bang = strchr(p, '!'); bang; bang = strchr(bang + 1, '!'))
			g_hash_table_replace(prefixes, g_strndup(p, (gsize)(bang - p)),
			                     g_strdup(sha));
	}
	sqlite3_finalize(st);
	g_hash_table_iter_init(&it, prefixes);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!g_hash_table_contains(known, k))
			g_hash_table_insert(known, g_strdup(k), g_strdup(v));
	g_hash_table_destroy(prefixes);
	return 0;
}

/* Whether the document at path comes from a file the walk found (itself, or the archive
 * it is a member of). */
static int still_there(GHashTable *seen, const char *path)
{
	const char *bang;
	int found = g_hash_table_contains(seen, path);

	for (bang = strchr(path, '!'); !found && bang; bang = strchr(bang + 1, '!')) {
		char *file = g_strndup(path, (gsize)(bang - path));
		found = g_hash_table_contains(seen, file);
		g_free(file);
	}
	return found;
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
			if (!still_there(seen, p)) {
				gone = xgrow(gone, &cap, ngone + 1, sizeof(*gone));
				gone[ngone++] = xstrdup(p);
			}
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

struct stream {
	struct store *store;
	const struct job *job;
	size_t passages;
};

static int stream_part(void *ctx, struct doc *part, int first, struct err *e)
{
	struct stream *st = ctx;

	if (first) {
		part->path = xstrdup(st->job->file->path);
		memcpy(part->sha256, st->job->sha256, sizeof(part->sha256));
		part->size = (long long)st->job->bytes;
		part->mtime = st->job->file->mtime;
		if (store_stream_begin(st->store, part, e) != 0)
			return -1;
	}
	st->passages += part->npassages;
	return store_stream_passages(st->store, part, e);
}

/* A huge text file: read, decoded and stored chunk by chunk under one savepoint. */
static int store_huge(struct store *s, struct extractor *x, int encoding, const struct job *j,
                      struct err *e)
{
	struct stream st = {s, j, 0};
	int rc = bigtext_read(x, j->file->path, stream_part, &st, e);

	extractor_set_encoding(x, encoding);
	if (rc != 0) {
		struct err ignored;
		/* the transaction exists once the first chunk was stored */
		store_stream_end(s, 0, &ignored);
		return -1;
	}
	return store_stream_end(s, 1, e);
}

/*
 * Merge every segment of the full-text index into one (FTS5's 'optimize'). Indexing leaves
 * a few dozen segments, and a search looks each query word up in every one of them: on the
 * national benchmark's 16 segments the 30 queries took p50 20 ms, on one 13 ms. It rewrites
 * the whole index (14 s there), so it is asked for, not done by every run.
 */
static int optimize_fts(sqlite3 *db, const char *dbpath, int quiet)
{
	double t0 = now_seconds();

	if (sqlite3_exec(db, "INSERT INTO passages_fts(passages_fts) VALUES ('optimize')", NULL,
			 NULL, NULL) != SQLITE_OK)
		return cli_error("index", "%s: optimizing the full-text index: %s", dbpath,
				 sqlite3_errmsg(db));
	/* the old segments' pages it did not reuse (20 MB on the national corpus) */
	if (sqlite3_exec(db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
		return cli_error("index", "%s: %s", dbpath, sqlite3_errmsg(db));
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	if (!quiet)
		fprintf(stderr, "thidua index: full-text index merged into one segment in %.2f s\n",
			now_seconds() - t0);
	return EXIT_OK;
}

static const char usage[] =
	"usage: thidua index [--db FILE] [--jobs N] [--force] [--keep-missing] [--no-facts]\n"
	"                    [--ocr MODE] [--optimize] [--quiet]\n"
	"                    PATH...\n"
	"       thidua index [--db FILE] --optimize\n"
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
	"  --ocr MODE      scanned pages and images through Tesseract: auto (default: pages\n"
	"                  without a text layer, or only a signature stamp), never, always\n"
	"  --no-facts      index text for search only: skip units, campaigns, awards and\n"
	"                  figures (about twice as fast on large archives)\n"
	"  --optimize      then merge the full-text index into one segment: searches take\n"
	"                  a third less time (12-14 s for the 1.2 GB national benchmark);\n"
	"                  without PATH, only that\n"
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
		{"encoding", required_argument, NULL, 'E'}, {"no-facts", no_argument, NULL, 'F'},
		{"ocr", required_argument, NULL, 'O'},	 {"optimize", no_argument, NULL, 'Z'},
		{NULL, 0, NULL, 0}};
	const char *dbpath = NULL;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int force = 0, keep = 0, quiet = 0, c, rc = EXIT_OK, tty, encoding = VN_CS_UNKNOWN;
	int no_facts = 0, ocr_mode_ = OCR_AUTO, optimize = 0;
	struct pipeline pl;
	struct walk w;
	struct counts cnt = {0, 0, 0, 0, 0};
	struct store *store = NULL;
	struct extractor *wx = NULL; /* the writer's, for huge text files */
	struct err e;
	sqlite3 *db = NULL;
	pthread_t *threads;
	size_t k, batch_bytes = 0;
	double t0 = now_seconds(), last_commit, last_progress = 0;
	GHashTable *seen;
	char *skip[8] = {NULL};
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
		case 'F':
			no_facts = 1;
			break;
		case 'O':
			if ((ocr_mode_ = ocr_mode_from_name(optarg)) < 0)
				return cli_usage_error("index", "--ocr wants auto, never or always");
			break;
		case 'Z':
			optimize = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("index", "unknown option");
		}
	}
	if (optind >= argc && !optimize)
		return cli_usage_error("index", "no files or folders to index");
	if (jobs < 1)
		jobs = 1;
	dbpath = db_default_path(dbpath);
	/* --optimize alone works on a database that exists */
	if (db_open(dbpath, optind < argc ? DB_CREATE : 0, &db, &e) != 0)
		return cli_error("index", "%s", e.msg);
	if (optind >= argc) {
		rc = optimize_fts(db, dbpath, quiet);
		db_close(db);
		return rc;
	}

	/* never index the database into itself */
	{
		char *real = realpath(dbpath, NULL);
		if (real) {
			skip[0] = real;
			skip[1] = g_strdup_printf("%s-wal", real);
			skip[2] = g_strdup_printf("%s-shm", real);
			skip[3] = g_strdup_printf("%s-journal", real);
			/* and the OCR cache beside it */
			skip[4] = g_strdup_printf("%s.ocr-cache", real);
			skip[5] = g_strdup_printf("%s.ocr-cache-wal", real);
			skip[6] = g_strdup_printf("%s.ocr-cache-shm", real);
		}
	}
	walk_paths(argv + optind, argc - optind, (const char *const *)skip, &w, warn_walk, NULL);
	if (w.nproblems)
		rc = EXIT_PARTIAL;

	memset(&pl, 0, sizeof(pl));
	pl.encoding = encoding;
	pl.no_facts = no_facts;
	if (ocr_mode_ != OCR_NEVER) {
		/* the cache lives beside the database: it outlives the database (docs/ocr.md) */
		char *cache = g_strdup_printf("%s.ocr-cache", dbpath);
		pl.ocr = ocr_new((int)jobs, (enum ocr_mode)ocr_mode_);
		if (ocr_open_cache(pl.ocr, cache, &e) != 0)
			fprintf(stderr, "thidua index: %s (pages will be OCR'd again next time)\n",
				e.msg);
		g_free(cache);
	}
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.done, NULL);
	pthread_cond_init(&pl.space, NULL);
	pl.njobs = w.nfiles;
	pl.jobs = xcalloc(w.nfiles + 1, sizeof(*pl.jobs));
	for (k = 0; k < w.nfiles; k++)
		pl.jobs[k].file = &w.files[k];
	/* Workers run ahead of the writer by up to 256 files or 3 MB of files: enough to
	 * keep them busy while the writer is inside one of FTS5's long segment flushes (a
	 * window of 4 files per worker left a core idle then), with the waiting documents'
	 * memory bounded. Since the workers got faster the window is full most of the time:
	 * with 6 MB a national run without facts peaked at 197-212 MB, with 3 MB at 183. */
	pl.window = 256;
	pl.max_inflight = (size_t)3 << 20;
	pl.force = force;
	pl.known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (k = 0; k < w.nfiles; k++)
		g_hash_table_add(seen, w.files[k].path);
	/* Bulk writes: checkpoint every 256 MB of WAL rather than every 16 MB, so pages that
	 * several batches rewrite (FTS5 segment merges) are copied into the database once. */
	sqlite3_exec(db, "PRAGMA wal_autocheckpoint=16384", NULL, NULL, NULL);
	store = store_new(db, &e);
	if (!store || load_known(db, pl.known, no_facts, &e) != 0) {
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
		goto out;
	}
	if (!(wx = extractor_new(&e))) {
		rc = cli_error("index", "%s", e.msg);
		goto out;
	}
	extractor_set_encoding(wx, encoding);

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
			size_t m, i;
			for (m = 0; m < j->set.nfails; m++) {
				fprintf(stderr, "%sthidua index: %s\n", tty ? "\r\033[K" : "",
				        j->set.fails[m]);
				cnt.failed++;
			}
			for (i = 0; i < j->set.ndocs; i++)
				for (m = 0; m < j->set.docs[i].nnotes; m++)
					fprintf(stderr, "%sthidua index: %s: %s\n",
					        tty ? "\r\033[K" : "", j->set.docs[i].path,
					        j->set.docs[i].notes[m]);
			if (!in_batch) {
				if (store_begin(store, &e) != 0) {
					rc = cli_error("index", "%s: %s", dbpath, e.msg);
					break;
				}
				in_batch = 1;
				last_commit = now_seconds();
			}
			if (j->status == R_HUGE) {
				/* a huge file is a transaction of its own: a decoding error halfway
				 * rolls back that file alone (savepoints would flush FTS5) */
				if (store_commit(store, &e) != 0) {
					rc = cli_error("index", "%s: %s", dbpath, e.msg);
					in_batch = 0;
					break;
				}
				in_batch = 0;
				if (store_huge(store, wx, encoding, j, &e) != 0) {
					fprintf(stderr, "%sthidua index: %s: %s\n",
					        tty ? "\r\033[K" : "", j->file->path, e.msg);
					cnt.failed++;
				} else {
					cnt.indexed++;
				}
			} else if (store_file(store, j->file->path, j->set.docs, j->set.ndocs,
			                      &e) != 0) {
				/* the database itself failed (disk full, I/O): the batch is lost,
				 * committed ones stay, and the next run picks up from there */
				rc = cli_error("index", "%s: %s (while writing %s)", dbpath, e.msg,
				               j->file->path);
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
				in_batch = 0;
				docset_free(&j->set);
				break;
			} else {
				cnt.indexed += j->set.ndocs;
				batch_bytes += j->bytes;
			}
		}
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
		pl.inflight -= (size_t)j->file->size;
		pthread_cond_broadcast(&pl.space);
		pthread_mutex_unlock(&pl.mu);
		if (tty && now_seconds() - last_progress > 0.2) {
			progress(k + 1, pl.njobs, cnt.bytes, t0, 0, pl.ocr);
			last_progress = now_seconds();
		}
	}
	if (k < pl.njobs) {
		/* fatal write error: let the workers finish their current file and stop */
		pthread_mutex_lock(&pl.mu);
		pl.next = pl.njobs; /* no new jobs; `written` stays: workers free only those */
		pthread_cond_broadcast(&pl.space);
		pthread_mutex_unlock(&pl.mu);
	}
	for (c = 0; c < jobs; c++)
		pthread_join(threads[c], NULL);
	free(threads);
	for (k = pl.freed; k < pl.njobs; k++)
		docset_free(&pl.jobs[k].set);
	if (in_batch && store_commit(store, &e) != 0)
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
	if (rc != EXIT_USAGE && !keep && remove_missing(db, store, &w, seen, &cnt, &e) != 0)
		rc = cli_error("index", "%s: %s", dbpath, e.msg);
	/* the pages FTS5's merges freed, moved to the end of the file and cut off (lib/db.c) */
	if (rc != EXIT_USAGE && (cnt.indexed || cnt.removed) &&
	    sqlite3_exec(db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
		rc = cli_error("index", "%s: %s", dbpath, sqlite3_errmsg(db));
	sqlite3_exec(db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
	if (tty)
		progress(pl.njobs, pl.njobs, cnt.bytes, t0, 1, pl.ocr);
	if (!quiet)
		fprintf(stderr, "thidua index: %zu indexed, %zu unchanged, %zu removed, %zu failed"
				" (%.1f MB in %.2f s)\n",
			cnt.indexed, cnt.unchanged, cnt.removed, cnt.failed, (double)cnt.bytes / 1e6,
			now_seconds() - t0);
	if (!quiet && pl.ocr) {
		struct ocr_stats os;
		ocr_stats(pl.ocr, &os);
		if (os.pages_queued)
			fprintf(stderr, "thidua index: OCR: %ld pages, %ld from the cache, %.1f s"
					" of OCR (%.1f pages/min)\n",
				os.pages_queued, os.pages_cached, os.seconds,
				os.seconds > 0 ? (double)(os.pages_done - os.pages_cached) * 60 /
							 os.seconds
					       : 0);
	}
	if (cnt.failed && rc == EXIT_OK)
		rc = EXIT_PARTIAL;
	if (optimize && rc != EXIT_USAGE && optimize_fts(db, dbpath, quiet) != EXIT_OK)
		rc = EXIT_USAGE;
out:
	ocr_free(pl.ocr);
	extractor_free(wx);
	store_free(store);
	db_close(db);
	g_hash_table_destroy(pl.known);
	g_hash_table_destroy(seen);
	free(pl.jobs);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.done);
	pthread_cond_destroy(&pl.space);
	walk_free(&w);
	for (c = 0; c < 7; c++)
		g_free(c == 0 ? NULL : skip[c]);
	free(skip[0]);
	return rc;
}
