/*
 * The OCR part of a document: which passages came from OCR pages. Layout joins and splits
 * lines freely, so a passage is traced back to its page by text: the start of the passage
 * (whitespace collapsed) is looked up in each OCR page's repaired text.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "vn_stamp.h"

/* Bytes of a passage's start that must be found on the page. */
#define PROBE_BYTES 48

static char *collapsed(const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	int space = 1;

	for (; *s && b.n < max; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (!space)
				buf_addc(&b, ' ');
			space = 1;
		} else {
			buf_addc(&b, *s);
			space = 0;
		}
	}
	while (b.n > 0 && b.p[b.n - 1] == ' ')
		b.n--;
	/* never end inside a UTF-8 sequence */
	while (b.n > 0 && ((unsigned char)b.p[b.n - 1] & 0xC0) == 0x80)
		b.n--;
	if (b.n > 0 && ((unsigned char)b.p[b.n - 1] & 0x80))
		b.n--;
	buf_addc(&b, 0);
	return buf_detach(&b);
}

void doc_mark_ocr(struct doc *d)
{
	char **pages;
	size_t i, k;
	double mean = 0;

	if (!d->nocr_pages)
		return;
	pages = xcalloc(d->nocr_pages, sizeof(*pages));
	for (k = 0; k < d->nocr_pages; k++) {
		pages[k] = collapsed(d->ocr_pages[k].text ? d->ocr_pages[k].text : "", (size_t)-1);
		mean += d->ocr_pages[k].conf;
	}
	mean /= (double)d->nocr_pages;
	for (i = 0; i < d->npassages; i++) {
		struct passage *p = &d->passages[i];
		char *probe = collapsed(p->text, PROBE_BYTES);
		for (k = 0; *probe && k < d->nocr_pages; k++)
			if (strstr(pages[k], probe)) {
				p->ocr_conf = d->ocr_pages[k].conf;
				break;
			}
		/* a document read by OCR alone: whatever layout made of it came from OCR */
		if (p->ocr_conf < 0 && d->text_pages == 0)
			p->ocr_conf = mean;
		free(probe);
	}
	for (k = 0; k < d->nocr_pages; k++)
		free(pages[k]);
	free(pages);
}

void doc_set_stamp(struct doc *d, struct vn_stamp *st)
{
	if (!d->signed_by && !d->signing_body && !d->signed_at) {
		d->signed_by = st->signer;
		d->signing_body = st->body;
		d->signed_at = st->time;
		st->signer = st->body = st->time = NULL;
	}
	vn_stamp_free(st);
}

void doc_free_ocr(struct doc *d)
{
	size_t k;

	for (k = 0; k < d->nocr_pages; k++) {
		free(d->ocr_pages[k].raw);
		free(d->ocr_pages[k].text);
	}
	free(d->ocr_pages);
	d->ocr_pages = NULL;
	d->nocr_pages = 0;
	free(d->signed_by);
	free(d->signing_body);
	free(d->signed_at);
	d->signed_by = d->signing_body = d->signed_at = NULL;
}
