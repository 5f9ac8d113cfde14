/*
 * facts: the auditor's reading of a laid-out document — units (units.c), campaigns named in
 * quotes (campaigns.c) and award facts (awards.c), each with its passage, character span
 * and year. Runs in the worker threads after layout and header.
 */
#ifndef THIDUA_FACTS_H
#define THIDUA_FACTS_H
#include "doc.h"
#include "vn_norm.h"
#include "vn_words.h"

void facts_extract(struct doc *d, struct vn_norm *nm);

void campaigns_extract(struct doc *d, struct vn_norm *nm);
void awards_extract(struct doc *d, struct vn_norm *nm);

/* The folded key of a name: its words' folded forms joined by spaces (malloc'd). */
char *facts_fold_key(struct vn_norm *nm, const char *s);

/*
 * A count written in digits at word i ("05", "1.419", "06/07" -> 6): its value, or -1.
 * Stands in for lib/vn_num until that lands: zero-padded and dot-grouped integers only.
 */
long facts_count_at(const struct vn_words *w, size_t i);

#endif
