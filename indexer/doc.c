#include "doc.h"

#include <stdlib.h>
#include <string.h>

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
	free(d->path);
	free(d->text);
	free(d->title);
	memset(d, 0, sizeof(*d));
}
