#include "vn_query.h"

#include <stdlib.h>
#include <string.h>

#include "vn_lex.h"
#include "vn_syll.h"
#include "vn_tok.h"

/* ---------------------------------------------------------------- words */

struct qword {
	char *raw, *canon, *fold;
	unsigned flags;
};

struct words {
	struct qword *w;
	int n;
	size_t cap;
};

static void words_add(struct words *ws, const char *raw, size_t nraw, const struct vn_word *w)
{
	struct qword *q;

	ws->w = xgrow(ws->w, &ws->cap, (size_t)ws->n + 1, sizeof(*ws->w));
	q = &ws->w[ws->n++];
	q->raw = xstrndup(raw, nraw);
	q->canon = xstrndup(w->canon, w->ncanon);
	q->fold = xstrndup(w->fold, w->nfold);
	q->flags = w->flags;
}

static void words_free(struct words *ws)
{
	int i;
	for (i = 0; i < ws->n; i++) {
		free(ws->w[i].raw);
		free(ws->w[i].canon);
		free(ws->w[i].fold);
	}
	free(ws->w);
	memset(ws, 0, sizeof(*ws));
}

static void tokenize(struct vn_norm *nm, const char *s, size_t n, struct words *ws)
{
	size_t pos = 0, a, b;
	struct vn_word w;

	while (vn_tok_next(s, n, &pos, &a, &b))
		if (vn_norm_word(nm, s + a, b - a, &w) == 0)
			words_add(ws, s + a, b - a, &w);
}

/* ---------------------------------------------------------------- abbreviations */

struct abbr {
	struct words abbr, full;
	int ambiguous; /* the abbreviation could be an ordinary syllable typed bare */
};

struct abbrs {
	struct abbr *v;
	int n;
};

/* The folded form of s's first word, or NULL: what tokenize would give first. */
static char *first_fold(struct vn_norm *nm, const char *s)
{
	size_t pos = 0, a, b, n = strlen(s);
	struct vn_word w;

	while (vn_tok_next(s, n, &pos, &a, &b))
		if (vn_norm_word(nm, s + a, b - a, &w) == 0)
			return xstrndup(w.fold, w.nfold);
	return NULL;
}

static int has_fold(const struct words *ws, const char *fold)
{
	int i;
	for (i = 0; fold && i < ws->n; i++)
		if (strcmp(ws->w[i].fold, fold) == 0)
			return 1;
	return 0;
}

/*
 * The abbreviations a query can use: those whose abbreviation or full form starts with one
 * of its words (folded, in `words`); every expansion below needs that. Normalizing every
 * form of the table was a third of a search that finds nothing (3.3M instructions); the
 * first word of each, then the few rows that matter, is what is left. Rows keep the table's
 * order, so expansions come out in the same order.
 */
static void load_abbrs(struct vn_norm *nm, const struct words *words, struct abbrs *out)
{
	const struct vn_table *t = vn_lex_table("abbreviations.tsv");
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!t || t->nrows == 0)
		return;
	out->v = xcalloc(t->nrows, sizeof(*out->v));
	for (i = 0; i < t->nrows; i++) {
		const struct vn_row *r = &t->rows[i];
		struct abbr *a = &out->v[out->n];
		char *f0, *f1;
		int use;
		if (r->nfields < 2)
			continue;
		f0 = first_fold(nm, r->fields[0]);
		f1 = first_fold(nm, r->fields[1]);
		use = f0 && f1 && (has_fold(words, f0) || has_fold(words, f1));
		free(f0);
		free(f1);
		if (!use)
			continue;
		tokenize(nm, r->fields[0], strlen(r->fields[0]), &a->abbr);
		tokenize(nm, r->fields[1], strlen(r->fields[1]), &a->full);
		if (a->abbr.n == 0 || a->full.n == 0) {
			words_free(&a->abbr);
			words_free(&a->full);
			continue;
		}
		a->ambiguous = a->abbr.n == 1 &&
			       vn_syll_plausible(a->abbr.w[0].fold, strlen(a->abbr.w[0].fold));
		out->n++;
	}
}

static void abbrs_free(struct abbrs *as)
{
	int i;
	for (i = 0; i < as->n; i++) {
		words_free(&as->v[i].abbr);
		words_free(&as->v[i].full);
	}
	free(as->v);
	memset(as, 0, sizeof(*as));
}

/* Whether words[at..] start with the folded sequence pat. */
static int match_at(const struct words *ws, int at, const struct words *pat)
{
	int i;
	if (at + pat->n > ws->n)
		return 0;
	for (i = 0; i < pat->n; i++)
		if (strcmp(ws->w[at + i].fold, pat->w[i].fold) != 0)
			return 0;
	return 1;
}

static int all_upper(const struct words *ws, int at, int n)
{
	int i;
	for (i = at; i < at + n; i++)
		if (!(ws->w[i].flags & VN_WORD_UPPER))
			return 0;
	return 1;
}

/* ---------------------------------------------------------------- syntax tree */

enum { N_TERM, N_AND, N_OR, N_NOT };

struct node {
	int type;
	struct words words; /* N_TERM */
	int phrase, prefix, alt;
	struct node **kids;
	int nkids;
	size_t cap;
};

static struct node *node_new(int type)
{
	struct node *n = xcalloc(1, sizeof(*n));
	n->type = type;
	return n;
}

static void node_add(struct node *n, struct node *kid)
{
	n->kids = xgrow(n->kids, &n->cap, (size_t)n->nkids + 1, sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

static void node_free(struct node *n)
{
	int i;
	if (!n)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	words_free(&n->words);
	free(n);
}

/* ---------------------------------------------------------------- lexer and parser */

enum { T_END, T_LPAREN, T_RPAREN, T_PHRASE, T_WORD, T_OR, T_AND, T_NOT, T_NEG };

struct parser {
	const char *s;
	size_t pos, len;
	int tok;
	size_t ta, tb; /* text of T_WORD / T_PHRASE */
	struct vn_norm *nm;
	struct err *e;
	int failed;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void next(struct parser *p)
{
	const char *s = p->s;
	size_t i = p->pos;

	while (i < p->len && is_space(s[i]))
		i++;
	if (i >= p->len) {
		p->tok = T_END;
		p->pos = i;
		return;
	}
	if (s[i] == '(' || s[i] == ')') {
		p->tok = s[i] == '(' ? T_LPAREN : T_RPAREN;
		p->pos = i + 1;
		return;
	}
	if (s[i] == '"') {
		size_t j = i + 1;
		while (j < p->len && s[j] != '"')
			j++;
		p->tok = T_PHRASE;
		p->ta = i + 1;
		p->tb = j;
		p->pos = j < p->len ? j + 1 : j;
		return;
	}
	if (s[i] == '-' && i + 1 < p->len && !is_space(s[i + 1]) && s[i + 1] != '-') {
		p->tok = T_NEG;
		p->pos = i + 1;
		return;
	}
	p->ta = i;
	while (i < p->len && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && s[i] != '"')
		i++;
	p->tb = i;
	p->pos = i;
	p->tok = T_WORD;
	if (i - p->ta == 2 && memcmp(s + p->ta, "OR", 2) == 0)
		p->tok = T_OR;
	else if (i - p->ta == 3 && memcmp(s + p->ta, "AND", 3) == 0)
		p->tok = T_AND;
	else if (i - p->ta == 3 && memcmp(s + p->ta, "NOT", 3) == 0)
		p->tok = T_NOT;
}

static struct node *parse_or(struct parser *p);

/* A word or a quoted phrase; NULL when it holds no token (punctuation only). */
static struct node *make_term(struct parser *p, int quoted)
{
	size_t a = p->ta, b = p->tb;
	struct node *n = node_new(N_TERM);

	if (!quoted && b > a && p->s[b - 1] == '*') {
		n->prefix = 1;
		b--;
	}
	tokenize(p->nm, p->s + a, b - a, &n->words);
	if (n->words.n == 0) {
		node_free(n);
		return NULL;
	}
	n->phrase = quoted || n->words.n > 1;
	return n;
}

static struct node *parse_primary(struct parser *p)
{
	struct node *n;

	switch (p->tok) {
	case T_LPAREN:
		next(p);
		n = parse_or(p);
		if (p->tok != T_RPAREN) {
			if (!p->failed)
				err_set(p->e, "missing ')' in the query");
			p->failed = 1;
			return n;
		}
		next(p);
		return n;
	case T_PHRASE:
		n = make_term(p, 1);
		next(p);
		return n;
	case T_WORD:
		n = make_term(p, 0);
		next(p);
		return n;
	default:
		if (!p->failed)
			err_set(p->e, "a term was expected in the query");
		p->failed = 1;
		next(p);
		return NULL;
	}
}

static struct node *parse_unary(struct parser *p)
{
	if (p->tok == T_NEG || p->tok == T_NOT) {
		struct node *kid, *n;
		next(p);
		kid = parse_primary(p);
		if (!kid)
			return NULL;
		n = node_new(N_NOT);
		node_add(n, kid);
		return n;
	}
	return parse_primary(p);
}

static struct node *parse_and(struct parser *p)
{
	struct node *n = node_new(N_AND), *kid;

	while (!p->failed && p->tok != T_END && p->tok != T_RPAREN && p->tok != T_OR) {
		if (p->tok == T_AND) {
			next(p);
			continue;
		}
		kid = parse_unary(p);
		if (kid)
			node_add(n, kid);
	}
	return n;
}

static struct node *parse_or(struct parser *p)
{
	struct node *n = node_new(N_OR);

	node_add(n, parse_and(p));
	while (!p->failed && p->tok == T_OR) {
		next(p);
		node_add(n, parse_and(p));
	}
	return n;
}

/* ---------------------------------------------------------------- expansion */

static struct node *term_from(const struct words *src, int at, int n, int alt)
{
	struct node *t = node_new(N_TERM);
	int i;
	for (i = at; i < at + n; i++) {
		struct vn_word w = {src->w[i].canon, strlen(src->w[i].canon), src->w[i].fold,
				    strlen(src->w[i].fold), src->w[i].flags};
		words_add(&t->words, src->w[i].raw, strlen(src->w[i].raw), &w);
	}
	t->phrase = t->words.n > 1;
	t->alt = alt;
	return t;
}

/* words with [at, at+n) replaced by rep */
static struct node *substitute(const struct words *ws, int at, int n, const struct words *rep)
{
	struct node *t = term_from(ws, 0, at, 1);
	struct node *r = term_from(rep, 0, rep->n, 1), *tail = term_from(ws, at + n, ws->n - at - n, 1);
	int i;

	for (i = 0; i < r->words.n; i++) {
		struct qword *q = &r->words.w[i];
		struct vn_word w = {q->canon, strlen(q->canon), q->fold, strlen(q->fold), q->flags};
		words_add(&t->words, q->raw, strlen(q->raw), &w);
	}
	for (i = 0; i < tail->words.n; i++) {
		struct qword *q = &tail->words.w[i];
		struct vn_word w = {q->canon, strlen(q->canon), q->fold, strlen(q->fold), q->flags};
		words_add(&t->words, q->raw, strlen(q->raw), &w);
	}
	node_free(r);
	node_free(tail);
	t->phrase = t->words.n > 1;
	return t;
}

#define MAX_ALTS 12

/* A term and the spellings its abbreviations stand for, as one OR node (or the term). */
static struct node *expand_term(struct node *t, const struct abbrs *abbrs)
{
	struct node *alts[MAX_ALTS], *or;
	int nalts = 0, i, k;

	if (t->prefix)
		return t;
	for (i = 0; i < t->words.n; i++) {
		int longest = 0;
		for (k = 0; k < abbrs->n && nalts < MAX_ALTS; k++) {
			struct abbr *a = &abbrs->v[k];
			if (match_at(&t->words, i, &a->abbr) &&
			    (!a->ambiguous || all_upper(&t->words, i, a->abbr.n)))
				alts[nalts++] = substitute(&t->words, i, a->abbr.n, &a->full);
			if (match_at(&t->words, i, &a->full) && !a->ambiguous &&
			    a->full.n > longest)
				longest = a->full.n;
		}
		/* a full form -> its abbreviations, the longest spelled-out form only: "viện
		 * kiểm sát nhân dân" gives VKSND, not also "VKS nhân dân" */
		for (k = 0; k < abbrs->n && longest && nalts < MAX_ALTS; k++) {
			struct abbr *a = &abbrs->v[k];
			if (a->full.n == longest && !a->ambiguous && match_at(&t->words, i, &a->full))
				alts[nalts++] = substitute(&t->words, i, a->full.n, &a->abbr);
		}
	}
	if (nalts == 0)
		return t;
	or = node_new(N_OR);
	node_add(or, t);
	for (i = 0; i < nalts; i++)
		node_add(or, alts[i]);
	return or;
}

static int bare_word(const struct node *n)
{
	return n->type == N_TERM && !n->phrase && !n->prefix && !n->alt && n->words.n == 1;
}

/*
 * Expand abbreviations everywhere. In an AND group, a run of bare words that spells a full
 * form ("viện kiểm sát nhân dân") becomes (those words OR the abbreviation).
 */
static struct node *expand(struct node *n, const struct abbrs *abbrs)
{
	int i, k, j;

	if (n->type == N_TERM)
		return expand_term(n, abbrs);
	for (i = 0; i < n->nkids; i++)
		n->kids[i] = expand(n->kids[i], abbrs);
	if (n->type != N_AND)
		return n;
	for (i = 0; i < n->nkids; i++) {
		struct words run = {0};
		for (j = i; j < n->nkids && bare_word(n->kids[j]); j++) {
			struct qword *q = &n->kids[j]->words.w[0];
			struct vn_word w = {q->canon, strlen(q->canon), q->fold, strlen(q->fold),
					    q->flags};
			words_add(&run, q->raw, strlen(q->raw), &w);
		}
		for (k = 0; k < abbrs->n && run.n > 1; k++) {
			struct abbr *a = &abbrs->v[k];
			struct node *or, *and;
			int m;
			if (a->ambiguous || a->full.n < 2 || !match_at(&run, 0, &a->full))
				continue;
			and = node_new(N_AND);
			for (m = 0; m < a->full.n; m++)
				node_add(and, n->kids[i + m]);
			or = node_new(N_OR);
			node_add(or, and);
			node_add(or, term_from(&a->abbr, 0, a->abbr.n, 1));
			n->kids[i] = or;
			memmove(&n->kids[i + 1], &n->kids[i + a->full.n],
				(size_t)(n->nkids - i - a->full.n) * sizeof(*n->kids));
			n->nkids -= a->full.n - 1;
			break;
		}
		words_free(&run);
	}
	return n;
}

/* ---------------------------------------------------------------- output */

struct out {
	struct buf fts, rank;
	int nphrases;
	struct err *e;
	int failed;
};

static int needs_accent_check(const struct node *t)
{
	int i;
	for (i = 0; i < t->words.n; i++)
		if (!(t->words.w[i].flags & (VN_WORD_ACCENTED | VN_WORD_NUMBER)))
			return 1;
	return 0;
}

static void emit(struct out *o, const struct node *n, int negated);

static void emit_term(struct out *o, const struct node *t, int negated)
{
	int i;

	/* the full-text table's second column holds a passage's unit as its id (schema/
	 * thidua.sql): a number typed must not match it */
	for (i = 0; i < t->words.n; i++)
		if (strpbrk(t->words.w[i].raw, "0123456789"))
			break;
	if (i < t->words.n)
		buf_adds(&o->fts, "text : ");
	buf_addc(&o->fts, '"');
	for (i = 0; i < t->words.n; i++) {
		if (i)
			buf_addc(&o->fts, ' ');
		buf_adds(&o->fts, t->words.w[i].raw);
	}
	buf_addc(&o->fts, '"');
	if (t->prefix)
		buf_adds(&o->fts, " *");
	buf_printf(&o->rank, "P\t%c\t%d\t", negated ? 'n' : t->alt ? 'a' : needs_accent_check(t) ? 'x' : '-',
		   t->prefix);
	for (i = 0; i < t->words.n; i++) {
		if (i)
			buf_addc(&o->rank, ' ');
		buf_adds(&o->rank, t->words.w[i].canon);
	}
	buf_addc(&o->rank, '\n');
	o->nphrases++;
}

static void emit_and(struct out *o, const struct node *n, int negated)
{
	int i, npos = 0, first = 1, prev_phrase = -1, wrap;

	for (i = 0; i < n->nkids; i++)
		if (n->kids[i]->type != N_NOT)
			npos++;
	if (npos == 0) {
		if (!o->failed)
			err_set(o->e, "a query needs at least one term that is not negated");
		o->failed = 1;
		return;
	}
	/* (a AND b) — or, with negations, ((a AND b) NOT x NOT y) */
	wrap = npos < n->nkids;
	if (wrap)
		buf_addc(&o->fts, '(');
	if (npos > 1)
		buf_addc(&o->fts, '(');
	for (i = 0; i < n->nkids; i++) {
		const struct node *k = n->kids[i];
		int at = o->nphrases;
		if (k->type == N_NOT)
			continue;
		if (!first)
			buf_adds(&o->fts, " AND ");
		first = 0;
		emit(o, k, negated);
		/* consecutive bare words of the query: vn_rank rewards them standing adjacent;
		 * an expanded word's own spelling is the first phrase of its OR group */
		if (k->type == N_TERM || (k->type == N_OR && k->nkids && k->kids[0]->type == N_TERM)) {
			if (prev_phrase >= 0)
				buf_printf(&o->rank, "A\t%d\t%d\n", prev_phrase, at);
			prev_phrase = at;
		} else {
			prev_phrase = -1;
		}
	}
	if (npos > 1)
		buf_addc(&o->fts, ')');
	for (i = 0; i < n->nkids; i++) {
		if (n->kids[i]->type != N_NOT)
			continue;
		/* FTS5's NOT is binary: (positives) NOT x NOT y */
		buf_adds(&o->fts, " NOT ");
		emit(o, n->kids[i]->kids[0], 1);
	}
	if (wrap)
		buf_addc(&o->fts, ')');
}

static void emit(struct out *o, const struct node *n, int negated)
{
	int i;

	switch (n->type) {
	case N_TERM:
		emit_term(o, n, negated);
		break;
	case N_AND:
		emit_and(o, n, negated);
		break;
	case N_OR:
		if (n->nkids == 1) {
			emit(o, n->kids[0], negated);
			break;
		}
		buf_addc(&o->fts, '(');
		for (i = 0; i < n->nkids; i++) {
			if (i)
				buf_adds(&o->fts, " OR ");
			if (n->kids[i]->type == N_NOT) {
				if (!o->failed)
					err_set(o->e, "a negated term needs a positive term beside it "
						      "(inside OR it has none)");
				o->failed = 1;
				return;
			}
			emit(o, n->kids[i], negated);
		}
		buf_addc(&o->fts, ')');
		break;
	case N_NOT:
		if (!o->failed)
			err_set(o->e, "a query needs at least one term that is not negated");
		o->failed = 1;
		break;
	}
}

/* Drop AND/OR groups left empty (a word of punctuation only) and unwrap single kids. */
static struct node *simplify(struct node *n)
{
	int i, k = 0;

	if (n->type == N_TERM)
		return n;
	for (i = 0; i < n->nkids; i++) {
		struct node *kid = simplify(n->kids[i]);
		if (kid && (kid->type == N_TERM || kid->nkids > 0))
			n->kids[k++] = kid;
		else
			node_free(kid);
	}
	n->nkids = k;
	if ((n->type == N_AND || n->type == N_OR) && n->nkids == 1) {
		struct node *only = n->kids[0];
		n->nkids = 0;
		node_free(n);
		return only;
	}
	return n;
}

/* every word of the query's terms, for load_abbrs */
static void collect_words(const struct node *n, struct words *out)
{
	int i;

	for (i = 0; i < n->words.n; i++) {
		const struct qword *q = &n->words.w[i];
		struct vn_word w = {q->canon, strlen(q->canon), q->fold, strlen(q->fold), q->flags};
		words_add(out, q->raw, strlen(q->raw), &w);
	}
	for (i = 0; i < n->nkids; i++)
		collect_words(n->kids[i], out);
}

int vn_query_build(struct vn_norm *nm, const char *text, struct vn_query *q, struct err *e)
{
	struct parser p = {text, 0, strlen(text), 0, 0, 0, nm, e, 0};
	struct out o = {BUF_INIT, BUF_INIT, 0, e, 0};
	struct node *root;
	struct words qwords = {0};
	struct abbrs abbrs;

	memset(q, 0, sizeof(*q));
	next(&p);
	root = parse_or(&p);
	if (!p.failed && p.tok != T_END) {
		err_set(e, "unexpected ')' in the query");
		p.failed = 1;
	}
	root = simplify(root);
	if (!p.failed && (root->type != N_TERM && root->nkids == 0)) {
		err_set(e, "the query has no words to search for");
		p.failed = 1;
	}
	if (p.failed) {
		node_free(root);
		return -1;
	}
	collect_words(root, &qwords);
	load_abbrs(nm, &qwords, &abbrs);
	words_free(&qwords);
	root = expand(root, &abbrs);
	abbrs_free(&abbrs);
	emit(&o, root, 0);
	node_free(root);
	if (o.failed) {
		buf_free(&o.fts);
		buf_free(&o.rank);
		return -1;
	}
	q->fts = buf_detach(&o.fts);
	q->rank = buf_detach(&o.rank);
	q->nphrases = o.nphrases;
	return 0;
}

void vn_query_free(struct vn_query *q)
{
	free(q->fts);
	free(q->rank);
	memset(q, 0, sizeof(*q));
}
