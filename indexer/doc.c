#include "doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vn_rank.h"

struct block *doc_add_block(struct doc *d, enum block_kind kind, char *text, char *note)
{
	struct block *b;

	d->blocks = xgrow(d->blocks, &d->bcap, d->nblocks + 1, sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = text;
	b->note = note;
	return b;
}

void doc_add_note(struct doc *d, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->notes = xgrow(d->notes, &d->ncap, d->nnotes + 1, sizeof(*d->notes));
	d->notes[d->nnotes++] = buf_detach(&b);
}

void doc_free_blocks(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		free(d->blocks[i].note);
	}
	free(d->blocks);
	d->blocks = NULL;
	d->nblocks = d->bcap = 0;
}

struct passage *doc_add_passage(struct doc *d, char *text, const char *section,
				const char *kind)
{
	struct passage *p;

	d->passages = xgrow(d->passages, &d->cap, d->npassages + 1, sizeof(*d->passages));
	p = &d->passages[d->npassages++];
	memset(p, 0, sizeof(*p));
	p->text = text;
	p->section = xstrdup(section ? section : "");
	p->kind = kind;
	p->cites = -1;
	p->cont = -1;
	p->ocr_conf = -1;
	memset(&p->toks, 0, sizeof(p->toks));
	p->words = NULL;
	p->chunk = p->off = 0;
	return p;
}

static void passage_free_words(struct doc *d, struct passage *p)
{
	if (!p->words)
		return;
	d->words_bytes -= p->words->cap * sizeof(*p->words->t) + p->words->arena.cap;
	vn_words_free(p->words);
	free(p->words);
	p->words = NULL;
}

void doc_join_passages(struct doc *d, size_t k, size_t i)
{
	struct passage *a = &d->passages[k], *b = &d->passages[i];
	size_t na = strlen(a->text), nb = strlen(b->text), j;

	a->text = xrealloc(a->text, na + nb + 2);
	a->text[na] = ' ';
	memcpy(a->text + na + 1, b->text, nb + 1);
	passage_free_words(d, a);
	passage_free_words(d, b);
	free(b->text);
	free(b->section);
	free(b->note);
	free(b->unit);
	vn_toks_free(&b->toks);
	memmove(b, b + 1, (d->npassages - i - 1) * sizeof(*b));
	d->npassages--;
	for (j = 0; j < d->npassages; j++) {
		struct passage *p = &d->passages[j];
		if (p->cites == (long)i)
			p->cites = (long)k;
		else if (p->cites > (long)i)
			p->cites--;
		if (p->cont == (long)i)
			p->cont = (long)k;
		else if (p->cont > (long)i)
			p->cont--;
	}
}

/* Free every passage's cached words. */
static void drop_words(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->npassages; i++)
		passage_free_words(d, &d->passages[i]);
	d->words_bytes = 0;
}

struct vn_words *doc_passage_words(struct doc *d, size_t i, struct vn_norm *nm)
{
	struct passage *p = &d->passages[i];

	if (!p->words) {
		if (d->words_bytes > DOC_WORDS_BUDGET)
			drop_words(d);
		p->words = xcalloc(1, sizeof(*p->words));
		vn_words_build(p->words, nm, p->text, strlen(p->text));
		d->words_bytes += p->words->cap * sizeof(*p->words->t) + p->words->arena.cap;
	}
	return p->words;
}

void doc_pack(struct doc *d, struct vn_packer *pk)
{
	struct buf text = BUF_INIT;
	size_t i, cap = 0;

	for (i = 0; i < d->npassages; i++) {
		struct passage *p = &d->passages[i];
		p->chunk = d->nchunks;
		p->off = text.n;
		buf_adds(&text, p->text);
		if (text.n >= DOC_CHUNK_BYTES || i + 1 == d->npassages) {
			d->chunks = xgrow(d->chunks, &cap, d->nchunks + 1, sizeof(*d->chunks));
			memset(&d->chunks[d->nchunks], 0, sizeof(*d->chunks));
			vn_pack(pk, text.p, text.n, &d->chunks[d->nchunks++]);
			buf_reset(&text);
		}
	}
	buf_free(&text);
}

/*
 * The FTS5 tokens of every passage. Fact extraction has already split most passages into
 * normalized words (the same scanner and normalizer the tokenizer uses), so their tokens
 * are copied from those words instead of tokenizing the text a second time.
 */
void doc_tokenize(struct doc *d, struct vn_norm *nm)
{
	size_t i, k;

	for (i = 0; i < d->npassages; i++) {
		struct passage *p = &d->passages[i];
		const struct vn_words *w = p->words;
		size_t n = strlen(p->text);
		p->bare = 0;
		if (!w) {
			vn_tok_precompute(nm, p->text, n, &p->toks);
			p->bare = p->toks.bare;
			continue;
		}
		p->toks.n = p->toks.count = 0;
		vn_toks_reserve(&p->toks, w->ntext);
		for (k = 0; k < w->n; k++) {
			const struct vn_wtok *t = &w->t[k];
			/* the signature from the words, one look at each unaccented one */
			if (!(t->flags & (VN_WORD_ACCENTED | VN_WORD_NUMBER)))
				p->bare |= vn_rank_bare_word(p->text, n, t->a, t->b);
			vn_toks_put(&p->toks, 0, t->canon, strlen(t->canon));
			if (t->flags & VN_WORD_ACCENTED)
				vn_toks_put(&p->toks, FTS5_TOKEN_COLOCATED, t->fold, strlen(t->fold));
		}
		/* the words are the largest part of a parsed document and nothing after
		 * tokenizing reads them: free them here, so documents waiting for the writer
		 * are small (the pipeline's window holds more of them) */
		vn_words_free(p->words);
		free(p->words);
		p->words = NULL;
	}
	d->words_bytes = 0;
}

void doc_free(struct doc *d)
{
	size_t i;

	if (!d)
		return;
	doc_free_ocr(d);
	for (i = 0; i < d->npassages; i++) {
		free(d->passages[i].text);
		free(d->passages[i].section);
		vn_toks_free(&d->passages[i].toks);
		if (d->passages[i].words) {
			vn_words_free(d->passages[i].words);
			free(d->passages[i].words);
		}
		free(d->passages[i].note);
		free(d->passages[i].unit);
	}
	for (i = 0; i < d->nchunks; i++)
		buf_free(&d->chunks[i]);
	free(d->chunks);
	for (i = 0; i < d->nunits; i++) {
		free(d->units[i].name);
		free(d->units[i].surface);
	}
	free(d->units);
	for (i = 0; i < d->ncampaigns; i++) {
		free(d->campaigns[i].name);
		free(d->campaigns[i].key);
	}
	free(d->campaigns);
	for (i = 0; i < d->nawards; i++) {
		free(d->awards[i].unit);
		free(d->awards[i].class_);
		free(d->awards[i].grantor);
	}
	free(d->awards);
	for (i = 0; i < d->nrecipients; i++)
		free(d->recipients[i]);
	free(d->recipients);
	free(d->number);
	free(d->doc_type);
	free(d->issuer_code);
	free(d->issuer);
	free(d->issuer_parent);
	free(d->place);
	free(d->type_name);
	free(d->signer);
	free(d->signer_role);
	free(d->signer_authority);
	free(d->province);
	free(d->passages);
	for (i = 0; i < d->nfigures; i++) {
		free(d->figures[i].noun);
		free(d->figures[i].qualifier);
		free(d->figures[i].raw);
		free(d->figures[i].flags);
	}
	free(d->figures);
	doc_free_blocks(d);
	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i]);
	free(d->notes);
	free(d->path);
	free(d->title);
	memset(d, 0, sizeof(*d));
}
