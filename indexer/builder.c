#include "builder.h"

#include <stdlib.h>
#include <string.h>

enum { C_BODY, C_CELL, C_NOTE };

void bld_init(struct builder *b, struct doc *d, struct vn_norm *nm)
{
	memset(b, 0, sizeof(*b));
	b->d = d;
	b->nm = nm;
	b->ncont = 1; /* the body */
}

static int at_body(const struct builder *b)
{
	return b->ntbl == 0 && b->conts[b->ncont - 1].kind == C_BODY;
}

static void flush_notes(struct builder *b)
{
	size_t i;
	for (i = 0; i < b->npend; i++) {
		if (b->pend[i].text)
			doc_add_block(b->d, BLK_FOOTNOTE, b->pend[i].text, b->pend[i].marker);
		else
			free(b->pend[i].marker);
	}
	b->npend = 0;
}

void bld_para_begin(struct builder *b)
{
	struct para init = PARA_INIT;
	if (b->npara >= BLD_DEPTH) {
		b->overflow++;
		return;
	}
	b->paras[b->npara++] = init;
}

int bld_in_para(const struct builder *b)
{
	return b->npara > 0;
}

void bld_text(struct builder *b, const char *s, size_t n, const char *font)
{
	if (b->npara)
		para_add(&b->paras[b->npara - 1], s, n, font);
}

static void cont_append(struct builder *b, const char *text)
{
	struct buf *t = &b->conts[b->ncont - 1].text;
	if (t->n)
		buf_addc(t, '\n');
	buf_adds(t, text);
}

void bld_para_end(struct builder *b, int heading)
{
	char *text;

	if (b->overflow) {
		b->overflow--;
		return;
	}
	if (!b->npara)
		return;
	b->npara--;
	/* a page is typed in one font: detect its charset once, and give up after a few
	 * paragraphs of non-ASCII text that detection leaves as they are */
	b->paras[b->npara].detect = b->misses < 8 ? b->detect : PARA_DETECT_NONE;
	b->paras[b->npara].force_cs = b->page_cs;
	text = para_take(&b->paras[b->npara], b->nm);
	if (!b->legacy)
		b->legacy = b->paras[b->npara].used;
	if (b->detect && !b->page_cs && b->paras[b->npara].tried) {
		if (b->paras[b->npara].used)
			b->page_cs = b->paras[b->npara].used;
		else
			b->misses++;
	}
	para_free(&b->paras[b->npara]);
	if (text && b->conts[b->ncont - 1].kind != C_BODY) {
		cont_append(b, text);
		free(text);
	} else if (text) {
		doc_add_block(b->d, heading ? BLK_HEADING : BLK_PARA, text, NULL);
	}
	if (at_body(b) && b->npara == 0)
		flush_notes(b);
}

static int cont_push(struct builder *b, int kind)
{
	if (b->ncont >= BLD_DEPTH)
		return -1;
	memset(&b->conts[b->ncont], 0, sizeof(b->conts[0]));
	b->conts[b->ncont].kind = kind;
	b->conts[b->ncont].span = 1;
	b->ncont++;
	return 0;
}

void bld_table_begin(struct builder *b)
{
	if (b->ntbl >= BLD_DEPTH)
		return;
	b->tbls[b->ntbl].row = -1;
	b->tbls[b->ntbl].col = 0;
	b->tbls[b->ntbl].ncont = b->ncont;
	b->ntbl++;
}

void bld_row(struct builder *b)
{
	if (!b->ntbl)
		return;
	b->tbls[b->ntbl - 1].row++;
	b->tbls[b->ntbl - 1].col = 0;
}

void bld_skip_cols(struct builder *b, int n)
{
	if (b->ntbl && n > 0 && n < 100000)
		b->tbls[b->ntbl - 1].col += n;
}

void bld_cell_begin(struct builder *b, int span)
{
	if (cont_push(b, C_CELL) != 0)
		return;
	if (b->ntbl) {
		/* a cell outside any row (broken markup) belongs to row 0 */
		if (b->tbls[b->ntbl - 1].row < 0)
			b->tbls[b->ntbl - 1].row = 0;
		b->conts[b->ncont - 1].row = b->tbls[b->ntbl - 1].row;
		b->conts[b->ncont - 1].col = b->tbls[b->ntbl - 1].col;
	}
	b->conts[b->ncont - 1].span = span > 0 && span < 1000 ? span : 1;
}

void bld_cell_end(struct builder *b)
{
	int row, col, span;
	char *text;

	if (b->ncont < 2 || b->conts[b->ncont - 1].kind != C_CELL)
		return;
	b->ncont--;
	row = b->conts[b->ncont].row;
	col = b->conts[b->ncont].col;
	span = b->conts[b->ncont].span;
	text = b->conts[b->ncont].text.n ? buf_detach(&b->conts[b->ncont].text) : NULL;
	buf_free(&b->conts[b->ncont].text);
	if (text && b->conts[b->ncont - 1].kind != C_BODY) {
		/* a table inside a cell or a note: its text joins the enclosing one */
		cont_append(b, text);
		free(text);
	} else if (text) {
		struct block *blk = doc_add_block(b->d, BLK_CELL, text, NULL);
		blk->row = row;
		blk->col = col;
	}
	if (b->ntbl)
		b->tbls[b->ntbl - 1].col = col + span;
}

void bld_table_end(struct builder *b)
{
	/* cells left open by broken markup; never the cell a nested table sits in */
	while (b->ntbl && b->ncont > b->tbls[b->ntbl - 1].ncont &&
	       b->conts[b->ncont - 1].kind == C_CELL)
		bld_cell_end(b);
	if (b->ntbl)
		b->ntbl--;
	if (at_body(b) && b->npara == 0)
		flush_notes(b);
}

void bld_note_begin(struct builder *b)
{
	cont_push(b, C_NOTE);
}

char *bld_note_end(struct builder *b)
{
	char *text;

	if (b->ncont < 2 || b->conts[b->ncont - 1].kind != C_NOTE)
		return NULL;
	b->ncont--;
	text = b->conts[b->ncont].text.n ? buf_detach(&b->conts[b->ncont].text) : NULL;
	buf_free(&b->conts[b->ncont].text);
	return text;
}

void bld_note(struct builder *b, const char *marker, char *text)
{
	b->pend = xgrow(b->pend, &b->pcap, b->npend + 1, sizeof(*b->pend));
	b->pend[b->npend].marker = xstrdup(marker ? marker : "");
	b->pend[b->npend].text = text;
	b->npend++;
	if (at_body(b) && b->npara == 0)
		flush_notes(b);
}

void bld_marker(struct builder *b, const char *marker)
{
	struct buf sup = BUF_INIT;
	para_superscript(&sup, marker);
	bld_text(b, sup.p ? sup.p : "", sup.n, NULL);
	buf_free(&sup);
}

void bld_finish(struct builder *b)
{
	b->overflow = 0;
	while (b->npara)
		bld_para_end(b, 0);
	while (b->ncont > 1) {
		if (b->conts[b->ncont - 1].kind == C_CELL)
			bld_cell_end(b);
		else
			free(bld_note_end(b));
	}
	b->ntbl = 0;
	flush_notes(b);
}

void bld_free(struct builder *b)
{
	size_t i;
	int k;
	for (k = 0; k < b->npara; k++)
		para_free(&b->paras[k]);
	for (k = 0; k < b->ncont; k++)
		buf_free(&b->conts[k].text);
	for (i = 0; i < b->npend; i++) {
		free(b->pend[i].marker);
		free(b->pend[i].text);
	}
	free(b->pend);
	memset(b, 0, sizeof(*b));
}
