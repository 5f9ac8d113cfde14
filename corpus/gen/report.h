/*
 * report: one report composed in the seed's shape (corpus/tuyen-quang-2020-…txt): header,
 * PHẦN I with sections I–IV (campaigns, registrations, results, donations, awards, scores,
 * assessment), PHẦN II (tasks for the next year), Nơi nhận and the signature block, with
 * the footnotes the seed has and the inconsistencies chosen for this document planted.
 */
#ifndef GEN_REPORT_H
#define GEN_REPORT_H
#include "gen.h"

/* Compose the report of c->bw for c->year into c->d (a fresh doc); c->r is the document's
 * content stream, c->planted says what to plant. */
void report_compose(struct ctx *c);

/* The banner every generated document starts with. */
extern const char *const report_banner;

#endif
