#include "vn_rank.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "vn_lex.h"
#include "vn_tok.h"

struct phrase {
	char mode; /* 'x' check accents, 'a' expansion, 'n' negated, '-' plain */
	int prefix;
	char **canon; /* canonical tokens as typed */
	int ntok;
	double idf;
};

struct rankdata {
	struct phrase *ph;
	int nph;
	int (*pairs)[2];
	int npairs;
	double avgdl;
	int any_x;
	int keep; /* a "K" line: the IDFs may be kept for the next statement (rank_cache) */
	/* from an "S" line: count at most this many hits of a phrase, then estimate (prepare) */
	sqlite3_int64 sample, rowid_min, rowid_max;
};

static void rankdata_free(void *p)
{
	struct rankdata *r = p;
	int i, k;

	if (!r)
		return;
	for (i = 0; i < r->nph; i++) {
		for (k = 0; k < r->ph[i].ntok; k++)
			free(r->ph[i].canon[k]);
		free(r->ph[i].canon);
	}
	free(r->ph);
	free(r->pairs);
	free(r);
}

struct hit_count {
	sqlite3_int64 n, stop, rowid;
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	struct hit_count *h = user;
	if (++h->n < h->stop)
		return SQLITE_OK;
	h->rowid = api->xRowid(fts);
	return SQLITE_DONE; /* xQueryPhrase's way to stop early without an error */
}

/*
 * How many rows a phrase matches, for its IDF. Counting visits every hit, which at a
 * national scale cost more than ranking a bounded set of candidates. A phrase in half the
 * rows or more gets the floor IDF whatever its exact count, so counting stops there; with a
 * sample size (vn_query's description, "S" line) it also stops at that many hits and
 * estimates the rest from how far into the rowid range the last counted hit lies (hits
 * come in ascending rowid order), assuming the phrase spread evenly over the rest.
 */
static double phrase_hits(const Fts5ExtensionApi *api, Fts5Context *fts, const struct rankdata *r,
			  int i, sqlite3_int64 nrows)
{
	struct hit_count h = {0, (nrows + 1) / 2, 0};
	int sampled;

	if (h.stop < 1)
		h.stop = 1;
	sampled = r->sample > 0 && r->sample < h.stop;
	if (sampled)
		h.stop = r->sample;
	if (api->xQueryPhrase(fts, i, &h, count_row) != SQLITE_OK)
		return 0;
	if (sampled && h.n >= h.stop && h.rowid >= r->rowid_min && r->rowid_max > h.rowid) {
		double est = (double)h.n * (double)(r->rowid_max - r->rowid_min + 1) /
			     (double)(h.rowid - r->rowid_min + 1);
		return est < (double)nrows ? est : (double)nrows;
	}
	return (double)h.n;
}

/* The description's lines (vn_query's `rank`): phrases, adjacent pairs, the sample; at most
 * nph phrases (the FTS5 query's count), or every P line when nph < 0; none from the "F"
 * line's index on (a filter's phrases). */
static struct rankdata *parse_desc(const char *desc, int nph)
{
	struct rankdata *r = xcalloc(1, sizeof(*r));
	size_t pcap = 0, phcap = 0;
	const char *s = desc ? desc : "";
	int i = 0, filters = -1;

	if (nph >= 0) {
		r->nph = nph;
		r->ph = xcalloc((size_t)nph + 1, sizeof(*r->ph));
		for (i = 0; i < nph; i++)
			r->ph[i].mode = '-';
		i = 0;
	}
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		char *line = xstrndup(s, len), *save = NULL, *f;
		f = strtok_r(line, "\t", &save);
		if (f && f[0] == 'P' && (nph < 0 || i < nph)) {
			struct phrase *p;
			char *mode = strtok_r(NULL, "\t", &save), *pre = strtok_r(NULL, "\t", &save);
			char *toks = strtok_r(NULL, "\t", &save), *ts = NULL, *t;
			size_t tcap = 0;
			if (nph < 0) {
				r->ph = xgrow(r->ph, &phcap, (size_t)r->nph + 1, sizeof(*r->ph));
				memset(&r->ph[r->nph], 0, sizeof(*r->ph));
				r->nph++;
			}
			p = &r->ph[i++];
			p->mode = mode ? mode[0] : '-';
			p->prefix = pre ? atoi(pre) : 0;
			for (t = toks ? strtok_r(toks, " ", &ts) : NULL; t; t = strtok_r(NULL, " ", &ts)) {
				p->canon = xgrow(p->canon, &tcap, (size_t)p->ntok + 1, sizeof(*p->canon));
				p->canon[p->ntok++] = xstrdup(t);
			}
			if (p->mode == 'x' && !p->prefix)
				r->any_x = 1;
		} else if (f && f[0] == 'K') {
			r->keep = 1;
		} else if (f && f[0] == 'F') {
			char *a = strtok_r(NULL, "\t", &save);
			filters = a ? atoi(a) : -1;
		} else if (f && f[0] == 'S') {
			char *n = strtok_r(NULL, "\t", &save), *lo = strtok_r(NULL, "\t", &save),
			     *hi = strtok_r(NULL, "\t", &save);
			if (n && lo && hi) {
				r->sample = atoll(n);
				r->rowid_min = atoll(lo);
				r->rowid_max = atoll(hi);
			}
		} else if (f && f[0] == 'A') {
			char *a = strtok_r(NULL, "\t", &save), *b = strtok_r(NULL, "\t", &save);
			if (a && b && atoi(a) < nph && atoi(b) < nph) {
				r->pairs = xgrow(r->pairs, &pcap, (size_t)r->npairs + 1, sizeof(*r->pairs));
				r->pairs[r->npairs][0] = atoi(a);
				r->pairs[r->npairs][1] = atoi(b);
				r->npairs++;
			}
		}
		free(line);
		s += len + (eol ? 1 : 0);
	}
	if (filters >= i && filters < r->nph) /* never below the phrases described */
		r->nph = filters;
	return r;
}

/*
 * The IDFs of the last description with a "K" line, for the connection's next statements
 * with it: counting a phrase's hits is the dearest part of a statement's first row, and
 * search runs one statement per passage id interval of a filter (query/search.c). The
 * description's "K" line promises the index does not change meanwhile.
 */
struct rank_cache {
	char *desc;
	double *idf, avgdl;
	int nph;
};

static void rank_cache_clear(struct rank_cache *c)
{
	free(c->desc);
	free(c->idf);
	c->desc = NULL;
	c->idf = NULL;
	c->nph = 0;
}

static void rank_cache_free(void *p)
{
	if (p)
		rank_cache_clear(p);
	free(p);
}

/* Parse the description and compute per-phrase IDF once per query. */
static struct rankdata *prepare(const Fts5ExtensionApi *api, Fts5Context *fts, const char *desc)
{
	struct rankdata *r = parse_desc(desc, api->xPhraseCount(fts));
	struct rank_cache *c = api->xUserData(fts);
	sqlite3_int64 nrows = 0, ntok = 0;
	int i;

	if (r->keep && c && c->desc && strcmp(c->desc, desc) == 0 && c->nph == r->nph) {
		r->avgdl = c->avgdl;
		for (i = 0; i < r->nph; i++)
			r->ph[i].idf = c->idf[i];
		return r;
	}
	api->xRowCount(fts, &nrows);
	api->xColumnTotalSize(fts, 0, &ntok);
	r->avgdl = nrows > 0 ? (double)ntok / (double)nrows : 1.0;
	if (r->avgdl <= 0)
		r->avgdl = 1.0;
	for (i = 0; i < r->nph; i++) {
		double hits = r->ph[i].mode != 'n' ? phrase_hits(api, fts, r, i, nrows) : 0, idf;
		idf = log(((double)nrows - hits + 0.5) / (hits + 0.5));
		r->ph[i].idf = idf > 1e-6 ? idf : 1e-6;
	}
	if (r->keep && c) {
		rank_cache_clear(c);
		c->desc = xstrdup(desc);
		c->idf = xcalloc((size_t)r->nph + 1, sizeof(*c->idf));
		for (i = 0; i < r->nph; i++)
			c->idf[i] = r->ph[i].idf;
		c->avgdl = r->avgdl;
		c->nph = r->nph;
	}
	return r;
}

static int ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether text contains word (ASCII letters, lower case) as a whole word spelled without
 * diacritics, in any case. A word typed without diacritics matches accented forms through
 * the folded index; this tells whether the passage also has it exactly as typed. Stored
 * text is NFC, so an accented letter is never an ASCII letter followed by a mark.
 */
static int has_bare_word(const char *text, size_t n, const char *word)
{
	size_t wl = strlen(word), i, k;

	if (wl == 0 || wl > n)
		return 0;
	for (i = 0; i + wl <= n; i++) {
		if ((text[i] | 0x20) != word[0])
			continue;
		if (i > 0 && (ascii_letter((unsigned char)text[i - 1]) ||
			      (unsigned char)text[i - 1] >= 0x80))
			continue;
		for (k = 1; k < wl; k++)
			if ((text[i + k] | 0x20) != word[k])
				break;
		if (k < wl)
			continue;
		if (i + wl < n && (ascii_letter((unsigned char)text[i + wl]) ||
				   (unsigned char)text[i + wl] >= 0x80))
			continue;
		return 1;
	}
	return 0;
}

static uint64_t bare_hash(const char *w, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)(w[i] | 0x20);
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * The words spelled without diacritics that nearly every passage has — "thi" (of thi đua),
 * "cho", "phong", "quan": the ASCII words of data/frequent_words.txt — set no bits. Theirs
 * were set in most signatures, and so were the bits of any word sharing one: of the first
 * 1000 passages matching `dong gop`, 603 could not be told from their signature (bits of
 * "cho", "tai", "quan" among them) and were read; without the common words, 32. A query
 * word of the list is never ruled out by a signature (its passages are read).
 */
#define COMMON_SLOTS 256 /* a power of two, well over the list's size */
static uint64_t common_set[COMMON_SLOTS];
static pthread_once_t common_once = PTHREAD_ONCE_INIT;
static atomic_int common_ready; /* per word, pthread_once showed */

static void common_load(void)
{
	const struct vn_table *t = vn_lex_table("frequent_words.txt");
	size_t i, k;

	for (i = 0; t && i < t->nrows; i++) {
		const char *w = t->rows[i].fields[0];
		uint64_t h;
		for (k = 0; w[k] >= 'a' && w[k] <= 'z'; k++)
			;
		if (k == 0 || w[k])
			continue;
		/* 0 marks an empty slot; a word hashing to 0 is simply not left out */
		if ((h = bare_hash(w, k)) == 0)
			continue;
		for (k = h & (COMMON_SLOTS - 1); common_set[k] && common_set[k] != h;
		     k = (k + 1) & (COMMON_SLOTS - 1))
			;
		common_set[k] = h;
	}
	atomic_store(&common_ready, 1);
}

static int common_bare(uint64_t h)
{
	size_t k;

	if (!atomic_load_explicit(&common_ready, memory_order_acquire))
		pthread_once(&common_once, common_load);
	for (k = h & (COMMON_SLOTS - 1); common_set[k]; k = (k + 1) & (COMMON_SLOTS - 1))
		if (common_set[k] == h)
			return 1;
	return 0;
}

/* two bits a word; none for a common word */
static uint64_t bare_bits(const char *w, size_t n)
{
	uint64_t h = bare_hash(w, n);

	if (common_bare(h))
		return 0;
	return (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63));
}

/* a byte that may stand next to a bare word (has_bare_word's boundaries) */
static int bare_edge(unsigned char c)
{
	return !ascii_letter(c) && c < 0x80;
}

uint64_t vn_rank_bare_word(const char *text, size_t n, size_t a, size_t b)
{
	size_t i;

	if (a >= b || (a > 0 && !bare_edge((unsigned char)text[a - 1])) ||
	    (b < n && !bare_edge((unsigned char)text[b])))
		return 0;
	for (i = a; i < b; i++)
		if (!ascii_letter((unsigned char)text[i]))
			return 0;
	return bare_bits(text + a, b - a);
}

uint64_t vn_rank_bare_signature(const char *text, size_t n)
{
	uint64_t sig = 0;
	size_t i = 0, j;

	while (i < n) {
		if (!ascii_letter((unsigned char)text[i])) {
			i++;
			continue;
		}
		for (j = i; j < n && ascii_letter((unsigned char)text[j]); j++)
			;
		sig |= vn_rank_bare_word(text, n, i, j);
		i = j;
	}
	return sig;
}

/* A word the accent check can look for: ASCII letters only (no digits, no diacritics). */
static int bare_ascii(const char *w)
{
	for (; *w; w++)
		if (!(*w >= 'a' && *w <= 'z'))
			return 0;
	return 1;
}

/* Whether every word of p typed without diacritics is in the text as typed. */
static int spelled(const struct phrase *p, const char *text, size_t n)
{
	int k;

	for (k = 0; k < p->ntok; k++)
		if (bare_ascii(p->canon[k]) && !has_bare_word(text, n, p->canon[k]))
			return 0;
	return 1;
}

#define MAX_INST 512
/* UTF-8 bytes per token in Vietnamese report text (measured on the seed: 65 091 bytes,
 * 10 812 tokens, colocated twins not counted) */
#define BYTES_PER_TOKEN 6.0

static void vn_rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		       int nval, sqlite3_value **val)
{
	struct rankdata *r = api->xGetAuxdata(fts, 0);
	int ninst = 0, i, k, col, off, phr, dl = 0, pairs_found = 0, checked = 0, exact = 0;
	/* a fifth argument, true: the accent check's reads are left to the caller (partial) */
	int defer = nval > 3 && sqlite3_value_int(val[3]) != 0;
	uint64_t pending = 0;
	int inst_ph[MAX_INST], inst_off[MAX_INST], inst_col[MAX_INST], n;
	double bm25 = 0, score;
	double *freq;

	if (!r) {
		r = prepare(api, fts, nval > 0 ? (const char *)sqlite3_value_text(val[0]) : "");
		if (api->xSetAuxdata(fts, r, rankdata_free) != SQLITE_OK) {
			rankdata_free(r);
			sqlite3_result_error(ctx, "vn_rank: out of memory", -1);
			return;
		}
	}
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "vn_rank: cannot read matches", -1);
		return;
	}
	freq = xcalloc((size_t)r->nph + 1, sizeof(*freq));
	n = 0;
	for (i = 0; i < ninst; i++) {
		if (api->xInst(fts, i, &phr, &col, &off) != SQLITE_OK || phr >= r->nph)
			continue;
		freq[phr] += 1;
		if (n < MAX_INST) {
			inst_ph[n] = phr;
			inst_col[n] = col;
			inst_off[n] = off;
			n++;
		}
	}
	/* The table keeps no per-row sizes (columnsize=0): estimate the passage's length in
	 * tokens from its bytes, passed by the caller or read from the content table. */
	{
		sqlite3_int64 nbytes = nval > 1 ? sqlite3_value_int64(val[1]) : 0;
		if (nbytes <= 0) {
			const char *text = NULL;
			int ntext = 0;
			if (api->xColumnText(fts, 0, &text, &ntext) == SQLITE_OK)
				nbytes = ntext;
		}
		dl = (int)((double)nbytes / BYTES_PER_TOKEN) + 1;
	}
	for (i = 0; i < r->nph; i++) {
		double f = freq[i];
		if (f > 0)
			bm25 += r->ph[i].idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * dl / r->avgdl));
	}

	/* adjacency: phrase b starts right where phrase a ends */
	for (k = 0; k < r->npairs; k++) {
		int a = r->pairs[k][0], b = r->pairs[k][1], found = 0, x, y;
		int size = api->xPhraseSize(fts, a);
		for (x = 0; x < n && !found; x++) {
			if (inst_ph[x] != a)
				continue;
			for (y = 0; y < n && !found; y++)
				if (inst_ph[y] == b && inst_col[y] == inst_col[x] &&
				    inst_off[y] == inst_off[x] + size)
					found = 1;
		}
		pairs_found += found;
	}

	/* accents: only words typed without diacritics can match other spellings; count the
	 * matched phrases whose bare words the passage also spells exactly as typed */
	if (r->any_x) {
		const char *text = NULL;
		int ntext = 0, have_text = 0,
		    have_sig = nval > 2 && sqlite3_value_type(val[2]) == SQLITE_INTEGER;
		uint64_t sig = have_sig ? (uint64_t)sqlite3_value_int64(val[2]) : 0;
		for (i = 0; i < r->nph; i++) {
			struct phrase *p = &r->ph[i];
			int ok = 1;
			if (p->mode != 'x' || p->prefix || freq[i] == 0)
				continue;
			for (k = 0; k < p->ntok && have_sig; k++)
				if (bare_ascii(p->canon[k])) {
					uint64_t want = bare_bits(p->canon[k], strlen(p->canon[k]));
					if ((sig & want) != want)
						ok = 0;
				}
			checked++;
			if (!ok)
				continue; /* certainly not spelled as typed: no need to read the text */
			if (defer && i < 64) {
				pending |= (uint64_t)1 << i;
				continue;
			}
			if (!have_text) {
				have_text = 1;
				if (api->xColumnText(fts, 0, &text, &ntext) != SQLITE_OK)
					text = NULL;
			}
			exact += text && spelled(p, text, (size_t)ntext);
		}
	}

	score = (bm25 < 99.0 ? bm25 : 99.0);
	if (r->npairs > 0)
		score += 200.0 * pairs_found / r->npairs;
	free(freq);
	if (defer) {
		struct vn_rank_partial part = {score, checked, exact, pending};
		sqlite3_result_blob(ctx, &part, (int)sizeof(part), SQLITE_TRANSIENT);
		return;
	}
	if (checked > 0)
		score += 100.0 * exact / checked;
	sqlite3_result_double(ctx, score);
}

double vn_rank_score(const struct vn_rank_partial *p)
{
	/* the same operations in the same order as vn_rank_fn's: the same double */
	return p->checked > 0 ? p->base + 100.0 * p->exact / p->checked : p->base;
}

struct vn_rank_terms {
	struct rankdata *r;
};

struct vn_rank_terms *vn_rank_terms_new(const char *desc)
{
	struct vn_rank_terms *t = xcalloc(1, sizeof(*t));
	t->r = parse_desc(desc, -1);
	return t;
}

int vn_rank_terms_tokens(const struct vn_rank_terms *t)
{
	int i, n = 0;

	for (i = 0; i < t->r->nph; i++)
		n += t->r->ph[i].ntok;
	return n;
}

int vn_rank_terms_bare(const struct vn_rank_terms *t)
{
	int i, k, n = 0;

	for (i = 0; i < t->r->nph; i++)
		for (k = 0; k < t->r->ph[i].ntok; k++) {
			const unsigned char *c = (const unsigned char *)t->r->ph[i].canon[k];
			int letters = 0, other = 0;
			for (; *c; c++) {
				letters += (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
				other += *c >= 0x80 || (*c >= '0' && *c <= '9');
			}
			n += letters && !other;
		}
	return n;
}

void vn_rank_terms_free(struct vn_rank_terms *t)
{
	if (!t)
		return;
	rankdata_free(t->r);
	free(t);
}

int vn_rank_spelled(const struct vn_rank_terms *t, uint64_t pending, const char *text, size_t n)
{
	int i, found = 0;

	for (i = 0; i < t->r->nph && i < 64; i++)
		if ((pending >> i & 1) && text)
			found += spelled(&t->r->ph[i], text, n);
	return found;
}

int vn_rank_register(sqlite3 *db, struct err *e)
{
	fts5_api *api = vn_tok_fts5_api(db);

	if (!api)
		return err_set(e, "this SQLite has no FTS5");
	if (api->xCreateFunction(api, "vn_rank", xcalloc(1, sizeof(struct rank_cache)), vn_rank_fn,
				 rank_cache_free) != SQLITE_OK)
		return err_set(e, "cannot register vn_rank: %s", sqlite3_errmsg(db));
	return 0;
}
