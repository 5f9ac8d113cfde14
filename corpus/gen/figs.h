/*
 * figs: numbers that are figures (domain.md §5, issue 6): each one is written in
 * Vietnamese notation and recorded with its kind, value, noun and qualifier at the span it
 * occupies, so the truth says exactly what a reader should find there.
 */
#ifndef GEN_FIGS_H
#define GEN_FIGS_H
#include "gen.h"

/* "05" + " " + noun: a count of noun. Returns n. */
long long fig_count(struct ctx *c, long long n, const char *noun);
/* The number alone, recorded as a count of noun, the noun written by the caller. */
long long fig_count_bare(struct ctx *c, long long n, const char *noun);
/* An amount in đồng. qual: "" or trên / hơn / gần / khoảng (written before it), or
 * "tổng" (recorded only: the caller wrote the words). While c->summing the amount is
 * added to the unit's gifts. */
long long fig_money(struct ctx *c, long long v, const char *qual);
/* A random amount in [lo, hi] rounded as reports round. */
long long money_draw(struct ctx *c, long long lo, long long hi);
/* "23 suất quà trị giá 700.000đ/suất": a count and its rate; adds n * rate when summing. */
void fig_count_rate(struct ctx *c, long long n, const char *noun, long long rate, const char *per);
/* "994/1000" (score, then " điểm" by the caller) and "06/07" (ratio) */
void fig_score(struct ctx *c, int score, int of);
void fig_ratio(struct ctx *c, int part, int whole, const char *noun);
/* "100%", "98,5%" */
/* noun: what the percentage counts, written after it ("các cơ quan"), or NULL */
void fig_percent(struct ctx *c, int tenths, const char *noun);

#endif
