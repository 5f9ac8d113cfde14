/*
 * vn_query: the search language users type, turned into an FTS5 MATCH expression.
 *
 *   đồng chí          both words, anywhere in the passage (AND)
 *   "tòa án"          a phrase: the words adjacent, in order
 *   a OR b            either
 *   -a, NOT a         without a (needs at least one positive term beside it)
 *   ( … )             grouping
 *   khen*             prefix
 *
 * Every word goes through the `vietnamese` tokenizer, so accents, tone placement, i/y,
 * case and number notation follow vn_norm. Abbreviations expand both ways from
 * data/abbreviations.tsv: THADS also finds "thi hành án dân sự", and "viện kiểm sát nhân
 * dân" also finds VKSND. An abbreviation that is also an ordinary syllable when its
 * diacritics are dropped (CA, TU, CAT…) expands only when typed in capitals, and such
 * abbreviations are not added to a query that spells out the full form.
 *
 * The result also carries a description of the query for vn_rank() (vn_rank.h), which
 * ranks passages where the typed words stand adjacent and where accents match what was
 * typed above the rest.
 */
#ifndef THIDUA_VN_QUERY_H
#define THIDUA_VN_QUERY_H
#include "util.h"
#include "vn_norm.h"

struct vn_query {
	char *fts;  /* the FTS5 expression */
	char *rank; /* the argument for vn_rank() */
	int nphrases;
};

int vn_query_build(struct vn_norm *nm, const char *text, struct vn_query *q, struct err *e);
void vn_query_free(struct vn_query *q);

#endif
