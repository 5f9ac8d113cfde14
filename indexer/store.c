#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "name_ids.h"
#include "store_facts.h"
#include "store_ocr.h"
#include "vn_figs.h"
#include "vn_folds.h"
#include "vn_num.h"
#include "vn_rank.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *find, *fts_del, *del_pass, *del_doc, *ins_doc, *ins_pass, *ins_fts, *members,
		*span;
	sqlite3_stmt *del_fig, *ins_fig, *ins_chunk, *del_chunk;
	struct name_ids *sections; /* sections.path */
	struct facts_store *facts;
	struct ocr_store *ocr;
	struct vn_folds *folds;   /* term_folds, kept as passages_fts is written */
	struct vn_packer *packer; /* for passages no worker packed */
	struct buf pack;
	struct buf figs;          /* a document's figures, packed */
	sqlite3_int64 *chunk_ids; /* of the document being stored, by doc_pack's index */
	size_t chunk_cap;
	sqlite3_int64 stream_id, stream_ordinal; /* the document being streamed */
	sqlite3_int64 stream_first, stream_last; /* its passage ids so far (0: none yet) */
	int streaming;
};

static const char *const sql[] = {
    "SELECT id FROM documents WHERE path = ?",
    /* FTS5 external content: a row leaves the index by handing back its exact text */
    "INSERT INTO passages_fts(passages_fts, rowid, text, unit)"
    " SELECT 'delete', id, text, unit FROM passages WHERE id BETWEEN"
    " (SELECT first_passage FROM documents WHERE id = ?1)"
    " AND (SELECT last_passage FROM documents WHERE id = ?1)",
    "DELETE FROM passage_rows WHERE id BETWEEN (SELECT first_passage FROM documents WHERE id = ?1)"
    " AND (SELECT last_passage FROM documents WHERE id = ?1)",
    "DELETE FROM documents WHERE id = ?",
    "INSERT INTO documents (path, sha256, size, mtime, format, encoding, title, date, year,"
    " indexed_at, facts) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO passage_rows (doc, ordinal, section, kind, chunk, note, unit, bytes, bare,"
    " cites, off) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO passages_fts (rowid, text, unit) VALUES (?,?,?)",
    /* a file's documents: itself and its archive members "path!…" — the range keeps the
     * lookup on the path index ('"' follows '!') */
    "SELECT path FROM documents WHERE path = ?1 OR (path > ?1 || '!' AND path < ?1 || '\"')",
    /* figures (indexer/figures.c): foreign keys are off, so they go explicitly */
    "DELETE FROM figure_packs WHERE doc = ?",
    "INSERT INTO figure_packs (doc, figures) VALUES (?,?)",
    "UPDATE documents SET first_passage = ?2, last_passage = ?3 WHERE id = ?1",
    "INSERT INTO passage_chunks (packed) VALUES (?)",
    /* a document's chunks hold its passages alone and were written one after the other */
    "DELETE FROM passage_chunks WHERE id BETWEEN"
    " (SELECT chunk FROM passage_rows"
    "  WHERE id = (SELECT first_passage FROM documents WHERE id = ?1))"
    " AND (SELECT chunk FROM passage_rows"
    "  WHERE id = (SELECT last_passage FROM documents WHERE id = ?1))",
};

/* The statements of sql[], in its order: store_new prepares them, store_free finalizes them. */
#define STORE_STATEMENTS(s)                                                                        \
	{                                                                                          \
		&(s)->find, &(s)->fts_del, &(s)->del_pass, &(s)->del_doc, &(s)->ins_doc,           \
		    &(s)->ins_pass, &(s)->ins_fts, &(s)->members, &(s)->del_fig, &(s)->ins_fig,    \
		    &(s)->span, &(s)->ins_chunk, &(s)->del_chunk                                   \
	}

struct store *store_new(sqlite3 *db, struct err *e)
{
	struct store *s = xcalloc(1, sizeof(*s));
	sqlite3_stmt **st[] = STORE_STATEMENTS(s);
	size_t i;

	_Static_assert(sizeof(st) / sizeof(st[0]) == sizeof(sql) / sizeof(sql[0]),
	               "one statement for each entry of sql[]");
	s->db = db;
	s->packer = vn_packer_new();
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, st[i], NULL) != SQLITE_OK) {
			err_set(e, "cannot prepare statements: %s", sqlite3_errmsg(db));
			store_free(s);
			return NULL;
		}
	s->sections = name_ids_new(db, "sections", "path", e);
	if (s->sections)
		s->facts = facts_store_new(db, e);
	if (s->facts)
		s->ocr = ocr_store_new(db, e);
	if (s->ocr)
		s->folds = vn_folds_new(db, e);
	if (!s->facts || !s->ocr || !s->folds) {
		store_free(s);
		return NULL;
	}
	return s;
}

void store_free(struct store *s)
{
	size_t i;

	if (!s)
		return;
	{
		sqlite3_stmt **st[] = STORE_STATEMENTS(s);
		for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
			sqlite3_finalize(*st[i]);
	}
	name_ids_free(s->sections);
	free(s->chunk_ids);
	facts_store_free(s->facts);
	ocr_store_free(s->ocr);
	vn_folds_free(s->folds);
	vn_packer_free(s->packer);
	buf_free(&s->pack);
	buf_free(&s->figs);
	free(s);
}

int store_begin(struct store *s, struct err *e)
{
	name_ids_forget(s->sections);
	facts_store_forget(s->facts);
	return db_exec(s->db, "BEGIN", e);
}

int store_commit(struct store *s, struct err *e)
{
	return db_exec(s->db, "COMMIT", e);
}

static int step(sqlite3 *db, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "database write failed: %s", sqlite3_errmsg(db));
	return 0;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int store_remove(struct store *s, const char *path, struct err *e)
{
	sqlite3_int64 id;
	int rc;

	sqlite3_bind_text(s->find, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(s->find);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(s->find, 0) : -1;
	sqlite3_reset(s->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return err_set(e, "database read failed: %s", sqlite3_errmsg(s->db));
	/* a new path has nothing to remove: one lookup instead of eight statements, on the
	 * writer thread that paces the whole index run */
	if (id < 0)
		return 0;
	if (facts_store_remove(s->facts, path, e) != 0)
		return -1;
	sqlite3_bind_int64(s->fts_del, 1, id);
	sqlite3_bind_int64(s->del_fig, 1, id);
	sqlite3_bind_int64(s->del_chunk, 1, id);
	sqlite3_bind_int64(s->del_pass, 1, id);
	sqlite3_bind_int64(s->del_doc, 1, id);
	/* the full-text index hands back each row's text, read from its chunk: chunks go after */
	if (step(s->db, s->fts_del, e) || step(s->db, s->del_fig, e) ||
	    ocr_store_remove(s->ocr, id, e) || step(s->db, s->del_chunk, e) ||
	    step(s->db, s->del_pass, e) || step(s->db, s->del_doc, e))
		return -1;
	return 0;
}

/* The figures of document doc, packed into its one row of figure_packs (lib/vn_figs.h). */
static int store_figures(struct store *s, const struct doc *d, sqlite3_int64 doc,
                         const sqlite3_int64 *pass, struct err *e)
{
	struct vn_fig prev = {0}, cur;
	size_t i, n = 0, k = 0;

	for (i = 0; i < d->nfigures; i++)
		n += d->figures[i].passage < d->npassages;
	if (!n)
		return 0;
	buf_reset(&s->figs);
	vn_figs_count(&s->figs, n);
	for (i = 0; i < d->nfigures; i++) {
		const struct figure *f = &d->figures[i];
		if (f->passage >= d->npassages)
			continue;
		/* its own unit, else its passage's (as passage_rows.unit has it) */
		cur.unit = facts_store_unit(s->facts, d,
		                            f->unit ? f->unit : d->passages[f->passage].unit, e);
		cur.noun = facts_store_name(s->facts, f->noun ? f->noun : "", e);
		if (cur.unit < 0 || !cur.noun)
			return -1;
		cur.passage = pass[f->passage];
		cur.char_start = (long long)f->start;
		cur.char_end = (long long)f->end;
		cur.kind = vn_num_kind_parse(f->kind);
		if (!VN_NUM_IS_FIGURE(cur.kind))
			return err_set(e, "%s: a figure of kind '%s'", d->path, f->kind);
		cur.year = f->year;
		cur.value = f->value;
		cur.maximum = f->of;
		cur.times = f->times;
		cur.qualifier = f->qualifier ? f->qualifier : "";
		cur.flags = f->flags ? f->flags : "";
		vn_figs_put(&s->figs, k++ ? &prev : NULL, &cur);
		prev = cur;
	}
	sqlite3_bind_int64(s->ins_fig, 1, doc);
	sqlite3_bind_blob(s->ins_fig, 2, s->figs.p, (int)s->figs.n, SQLITE_STATIC);
	return step(s->db, s->ins_fig, e);
}

static int insert_doc(struct store *s, const struct doc *d, sqlite3_int64 *id, struct err *e)
{
	sqlite3_bind_text(s->ins_doc, 1, d->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->ins_doc, 2, d->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->ins_doc, 3, d->size);
	sqlite3_bind_int64(s->ins_doc, 4, d->mtime);
	sqlite3_bind_text(s->ins_doc, 5, d->format, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->ins_doc, 6, d->encoding, -1, SQLITE_STATIC);
	bind_text_or_null(s->ins_doc, 7, d->title);
	bind_text_or_null(s->ins_doc, 8, d->date);
	if (d->year)
		sqlite3_bind_int(s->ins_doc, 9, d->year);
	else
		sqlite3_bind_null(s->ins_doc, 9);
	sqlite3_bind_int64(s->ins_doc, 10, (sqlite3_int64)time(NULL));
	sqlite3_bind_int(s->ins_doc, 11, !d->no_facts);
	if (step(s->db, s->ins_doc, e) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Passages of d as ordinals first, first + 1, … of document id; their rowids in pass. */
static int insert_passages(struct store *s, const struct doc *d, sqlite3_int64 id,
                           sqlite3_int64 first, sqlite3_int64 *pass, struct err *e)
{
	size_t i;

	/* the chunks first: each passage row names its chunk */
	s->chunk_ids = xgrow(s->chunk_ids, &s->chunk_cap, d->nchunks + 1, sizeof(*s->chunk_ids));
	for (i = 0; i < d->nchunks; i++) {
		sqlite3_bind_blob(s->ins_chunk, 1, d->chunks[i].p, (int)d->chunks[i].n,
		                  SQLITE_STATIC);
		if (step(s->db, s->ins_chunk, e) != 0)
			return -1;
		s->chunk_ids[i] = sqlite3_last_insert_rowid(s->db);
	}
	for (i = 0; i < d->npassages; i++) {
		const struct passage *p = &d->passages[i];
		sqlite3_int64 unit = facts_store_unit(s->facts, d, p->unit, e);
		size_t n = strlen(p->text);
		int rc;
		if (unit < 0)
			return -1;
		sqlite3_bind_int64(s->ins_pass, 1, id);
		sqlite3_bind_int64(s->ins_pass, 2, first + (sqlite3_int64)i);
		sqlite3_int64 sec = name_ids_get(s->sections, p->section ? p->section : "", e);
		if (!sec)
			return -1;
		sqlite3_bind_int64(s->ins_pass, 3, sec);
		sqlite3_bind_text(s->ins_pass, 4, p->kind, -1, SQLITE_STATIC);
		if (d->nchunks) {
			sqlite3_bind_int64(s->ins_pass, 5, s->chunk_ids[p->chunk]);
			sqlite3_bind_int64(s->ins_pass, 11, (sqlite3_int64)p->off);
			sqlite3_bind_int64(s->ins_pass, 9, (sqlite3_int64)p->bare);
		} else {
			/* not packed by a worker (streamed huge files): a chunk of its own, here */
			vn_pack(s->packer, p->text, n, &s->pack);
			sqlite3_bind_blob(s->ins_chunk, 1, s->pack.p, (int)s->pack.n,
			                  SQLITE_STATIC);
			if (step(s->db, s->ins_chunk, e) != 0)
				return -1;
			sqlite3_bind_int64(s->ins_pass, 5, sqlite3_last_insert_rowid(s->db));
			sqlite3_bind_int64(s->ins_pass, 11, 0);
			sqlite3_bind_int64(s->ins_pass, 9,
			                   (sqlite3_int64)vn_rank_bare_signature(p->text, n));
		}
		bind_text_or_null(s->ins_pass, 6, p->note);
		if (unit) {
			sqlite3_bind_int64(s->ins_pass, 7, unit);
			sqlite3_bind_int64(s->ins_fts, 3, unit);
		} else {
			sqlite3_bind_null(s->ins_pass, 7);
			sqlite3_bind_null(s->ins_fts, 3);
		}
		sqlite3_bind_int64(s->ins_pass, 8, (sqlite3_int64)n);
		/* a footnote cites a passage before it, nearly always: set with the row here, where
		 * an UPDATE afterwards rewrote it (a seek and a row a footnote; facts_store_doc
		 * updates the others) */
		if (p->cites >= 0 && (size_t)p->cites < i)
			sqlite3_bind_int64(s->ins_pass, 10, pass[p->cites]);
		else
			sqlite3_bind_null(s->ins_pass, 10);
		if (step(s->db, s->ins_pass, e) != 0)
			return -1;
		pass[i] = sqlite3_last_insert_rowid(s->db);
		sqlite3_bind_int64(s->ins_fts, 1, pass[i]);
		/* length -1: SQLite then knows the text is NUL-terminated and hands FTS5 this very
		 * pointer; with an explicit length it copies to terminate it, and the replay
		 * below (keyed by pointer) would never match */
		sqlite3_bind_text(s->ins_fts, 2, p->text, -1, SQLITE_STATIC);
		/* tokens were computed by the worker: the tokenizer replays them */
		if (p->toks.data)
			vn_tok_replay_begin(p->text, n, &p->toks);
		vn_tok_folds_begin(s->folds);
		rc = step(s->db, s->ins_fts, e);
		vn_tok_folds_end();
		vn_tok_replay_end();
		if (rc != 0 || vn_folds_flush(s->folds, e) != 0)
			return -1;
	}
	return 0;
}

/* Record the interval of document id's passage ids (documents.first_passage, last_passage);
 * first 0: it has none. */
static int store_span(struct store *s, sqlite3_int64 id, sqlite3_int64 first, sqlite3_int64 last,
                      struct err *e)
{
	sqlite3_bind_int64(s->span, 1, id);
	if (first > 0) {
		sqlite3_bind_int64(s->span, 2, first);
		sqlite3_bind_int64(s->span, 3, last);
	} else {
		sqlite3_bind_null(s->span, 2);
		sqlite3_bind_null(s->span, 3);
	}
	return step(s->db, s->span, e);
}

/*
 * No savepoint per document: an open savepoint makes FTS5 flush its in-memory index, which
 * costs more than everything else here. Extraction failures never reach the store; a
 * failure here (disk full, I/O error) is fatal for the batch, which the caller rolls back
 * and reports, and the next run redoes.
 */
int store_doc(struct store *s, const struct doc *d, struct err *e)
{
	sqlite3_int64 id, *pass;
	int rc = -1;

	if (store_remove(s, d->path, e) != 0 || insert_doc(s, d, &id, e) != 0)
		return -1;
	pass = xcalloc(d->npassages + 1, sizeof(*pass));
	if (insert_passages(s, d, id, 1, pass, e) == 0 &&
	    store_span(s, id, d->npassages ? pass[0] : 0, d->npassages ? pass[d->npassages - 1] : 0,
	               e) == 0 &&
	    facts_store_doc(s->facts, d, id, pass, e) == 0 &&
	    ocr_store_doc(s->ocr, d, id, pass, e) == 0 && store_figures(s, d, id, pass, e) == 0)
		rc = 0;
	free(pass);
	return rc;
}

/* Remove every document the file at path gave (itself, or its archive's members). */
static int remove_file(struct store *s, const char *path, struct err *e)
{
	char **paths = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0, r;

	sqlite3_bind_text(s->members, 1, path, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(s->members)) == SQLITE_ROW) {
		paths = xgrow(paths, &cap, n + 1, sizeof(*paths));
		paths[n++] = xstrdup((const char *)sqlite3_column_text(s->members, 0));
	}
	sqlite3_reset(s->members);
	if (r != SQLITE_DONE)
		rc = err_set(e, "database read failed: %s", sqlite3_errmsg(s->db));
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = store_remove(s, paths[i], e);
		free(paths[i]);
	}
	free(paths);
	return rc;
}

int store_file(struct store *s, const char *path, const struct doc *docs, size_t ndocs,
               struct err *e)
{
	size_t i;

	if (remove_file(s, path, e) != 0)
		return -1;
	for (i = 0; i < ndocs; i++)
		if (store_doc(s, &docs[i], e) != 0)
			return -1;
	return 0;
}

int store_stream_begin(struct store *s, const struct doc *d, struct err *e)
{
	name_ids_forget(s->sections);
	facts_store_forget(s->facts);
	if (db_exec(s->db, "BEGIN", e) != 0)
		return -1;
	s->streaming = 1;
	if (remove_file(s, d->path, e) != 0 || insert_doc(s, d, &s->stream_id, e) != 0)
		return -1;
	s->stream_ordinal = 1;
	s->stream_first = s->stream_last = 0;
	return 0;
}

int store_stream_passages(struct store *s, const struct doc *part, struct err *e)
{
	sqlite3_int64 *pass = xcalloc(part->npassages + 1, sizeof(*pass));
	int rc = insert_passages(s, part, s->stream_id, s->stream_ordinal, pass, e);

	if (rc == 0 && part->npassages) {
		if (!s->stream_first)
			s->stream_first = pass[0];
		s->stream_last = pass[part->npassages - 1];
	}
	free(pass);
	s->stream_ordinal += (sqlite3_int64)part->npassages;
	return rc;
}

int store_stream_end(struct store *s, int ok, struct err *e)
{
	if (!s->streaming)
		return ok ? 0 : -1;
	s->streaming = 0;
	if (ok && store_span(s, s->stream_id, s->stream_first, s->stream_last, e) == 0)
		return db_exec(s->db, "COMMIT", e);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	vn_folds_forget(s->folds);
	return -1;
}
