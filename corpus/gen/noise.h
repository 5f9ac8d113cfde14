/*
 * noise: the variant spellings and typos real reports carry (../shared/domain.md §0 and
 * §6): sỹ/sĩ, hoà/hòa, Uỷ/Ủy chosen per document (some documents mix them, as the seed
 * does), and the seed's typo kinds (data/typos.tsv) now and then. All words of a report
 * go through say(); numbers, dates and codes go around it (doc_raw).
 */
#ifndef GEN_NOISE_H
#define GEN_NOISE_H
#include "gen.h"

/* Load the typo and variant rules (after gdata_load). */
void noise_init(void);
/* Pick the document's spelling habits into c->h. */
void noise_habits(struct ctx *c);
/* Append words to the current paragraph, with the document's spellings and typos. */
void say(struct ctx *c, const char *s);
void sayn(struct ctx *c, const char *s, size_t n);
/* Same, without typos (names that must stay recognisable in the truth, like a quote). */
void say_clean(struct ctx *c, const char *s);

/* UTF-8 helpers shared with the writers. */
int utf8_next(const char *s, size_t n, size_t *i); /* code point at s[*i], advances; -1 bad */
int is_letter(int cp);

#endif
