#include "doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

void doc_add_passage(struct doc *d, char *text, const char *section, const char *kind)
{
	struct passage *p;

	d->passages = xgrow(d->passages, &d->cap, d->npassages + 1, sizeof(*d->passages));
	p = &d->passages[d->npassages++];
	p->text = text;
	p->section = xstrdup(section ? section : "");
	p->kind = kind;
}

void doc_free(struct doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->npassages; i++) {
		free(d->passages[i].text);
		free(d->passages[i].section);
	}
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
