/*
 * numfmt: numbers written the way Vietnamese reports write them (../shared/domain.md §5):
 * dots group thousands (1.419, 19.500.000), the comma is the decimal mark (146,8 triệu),
 * small counts are zero-padded (05), years are never grouped. Each function appends the
 * written form to a buffer; the caller records the value it meant.
 */
#ifndef GEN_NUMFMT_H
#define GEN_NUMFMT_H
#include "util.h"

enum money_style {
	MONEY_FULL,      /* 19.500.000 đồng */
	MONEY_GLUED,     /* 2.600.000đ */
	MONEY_VND,       /* 5.000.000 VNĐ */
	MONEY_TRIEU,     /* 146,8 triệu đồng / 140 triệu đồng / 1.449,2 triệu đồng */
	MONEY_TY,        /* 3,232 tỷ đồng */
	MONEY_MALFORMED, /* 82,295.000 đồng: the first group mark typed as a comma */
	MONEY_NSTYLES
};

/* 1419 -> "1.419"; 7 -> "7". */
void fmt_grouped(struct buf *b, long long n);
/* A count: zero-padded below 10 when pad ("05"), dot-grouped from 1000 unless plain. */
void fmt_count(struct buf *b, long long n, int pad, int plain);
/* v / 10^scale with the fraction (decimal comma) trimmed of zeros: (146800000, 6) ->
 * "146,8"; (1449200000, 6) -> "1.449,2"; (3232000000, 9) -> "3,232". */
void fmt_scaled(struct buf *b, long long v, int scale);
/* Whether v can be written in style s without rounding. */
int money_style_ok(long long v, enum money_style s);
/* Amount v (đồng) in style s (which must be ok for v); the currency word included. */
void fmt_money(struct buf *b, long long v, enum money_style s);
/* A rate per unit: "700.000đ/suất", "250.000/suất", "500.000 đồng/suất". */
void fmt_rate(struct buf *b, long long v, int variant, const char *per);
/* 100 -> "100%", 985 tenths -> "98,5%". */
void fmt_percent_tenths(struct buf *b, int tenths);

#endif
