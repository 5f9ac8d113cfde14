/*
 * vn_num: numbers in Vietnamese reports, read the way a person reads them — with the words
 * around them. The rules (domain.md §5, with the choices made where it is silent) are in
 * docs/figures.md; in short:
 *
 *   1.419 cá nhân        count 1419 of "cá nhân"      (dots group thousands; 01 = 1)
 *   146,8 triệu đồng     money 146 800 000            (comma is the decimal mark)
 *   3,232 tỷ đồng        money 3 232 000 000          (decimal before a scale word)
 *   82,295.000 đồng      money 82 295 000, malformed  (mixed separators: all grouping)
 *   700.000đ/suất        rate 700 000 "đồng/suất"     (never added to totals)
 *   994/1000 điểm        score 994 of 1000
 *   06/07 đơn vị         ratio 6 of 7 "đơn vị"
 *   98,5%                percent 98.5
 *   320 m²               measure 320 "m²"
 *
 * and what is not a figure: dates (ngày 27/7, 25/11/2020, ngày 15 tháng 5 năm 2016), years
 * and year ranges (năm 2020, 2015 - 2020), document numbers (234/BC-KTĐNC, 34-CT/TW),
 * labels and ordinals (giai đoạn 2, mức độ 3, Lực lượng 47, Covid-19, outline numbers),
 * lists (mức độ 2,3,4; cấp 1,II), codes (ISO 9001:2015, Cục X03), idioms (ngôi nhà 19/8,
 * 24/24 giờ) and footnote markers glued to a word (đồng3). Numbers written in words
 * (một, hai mươi) are not read.
 *
 * The words that matter (nouns, scale words, currencies, qualifiers, labels…) are the data
 * file data/figure_words.tsv, matched through vn_norm's canonical forms, so case, tone
 * placement and i/y spelling do not matter.
 *
 * A reader carries per-document state — the document's separator style (rule 5: a vote
 * over its unambiguous numbers), the next expected footnote number (rule 12) and a table's
 * "ĐVT: triệu đồng" unit — and a normalizer; it is not thread-safe: one per thread.
 */
#ifndef THIDUA_VN_NUM_H
#define THIDUA_VN_NUM_H
#include <stddef.h>

#include "util.h"
#include "vn_norm.h"

enum vn_num_kind {
	VN_NUM_NONE,
	/* figures */
	VN_NUM_COUNT,   /* 05 suất quà: value 5, noun "suất quà" */
	VN_NUM_MONEY,   /* value in đồng (or the currency named in noun) */
	VN_NUM_SCORE,   /* 994/1000 điểm: value 994, of 1000 */
	VN_NUM_RATIO,   /* 06/07 đơn vị: value 6, of 7 */
	VN_NUM_PERCENT, /* 98,5%: value 98.5 */
	VN_NUM_RATE, /* 700.000đ/suất: value 700000 per noun "đồng/suất"; times = the count */
	VN_NUM_MEASURE, /* 320 m²: value 320, noun "m²" */
	VN_NUM_NUMBER,  /* a number with nothing to say what it counts */
	/* numbers that are not figures */
	VN_NUM_DATE,     /* day, month, year_from (0 when absent) */
	VN_NUM_YEAR,     /* year_from */
	VN_NUM_YEARS,    /* year_from - year_to */
	VN_NUM_DOCNUM,   /* 234/BC-KTĐNC, 91/2017/NĐ-CP, 34-CT/TW */
	VN_NUM_LABEL,    /* giai đoạn 2, Lực lượng 47, 2.1. at the start of a passage */
	VN_NUM_LIST,     /* 2,3,4 and 1,II */
	VN_NUM_IDIOM,    /* ngôi nhà 19/8, 24/24 giờ */
	VN_NUM_CODE,     /* ISO 9001:2015, X03, Covid-19 */
	VN_NUM_FOOTNOTE, /* a footnote marker in plain text: đồng3, thưởng(1) */
};

/* Whether a kind is a figure (something counted, paid, scored…). */
#define VN_NUM_IS_FIGURE(k) ((k) >= VN_NUM_COUNT && (k) <= VN_NUM_NUMBER)

enum {
	VN_NUM_MALFORMED = 1, /* a typo read at its best: 82,295.000; "tặng 01, Huân chương" */
	VN_NUM_EN_STYLE = 2,  /* English separators: 82,295,000; 1,449.2; 1.5 triệu */
	VN_NUM_AMBIGUOUS = 4, /* 3,232 or 1.419: read by context or the document's style */
};

struct vn_num {
	enum vn_num_kind kind;
	double value; /* count, amount in đồng, score, percent, per-unit amount of a rate */
	double of;    /* the maximum of a score or ratio; 0 for other kinds */
	double times; /* a rate: the count it goes with (23 in "23 suất … 700.000đ/suất"), or 0 */
	int scale; /* power of ten a scale word applied (6 for triệu), 0 if none */
	unsigned flags;
	int day, month;         /* VN_NUM_DATE */
	int year_from, year_to; /* VN_NUM_YEAR, VN_NUM_YEARS, VN_NUM_DATE */
	char noun[128];         /* what is counted, as written ("đồng" for money) */
	char head[48];          /* canonical form of the noun's first word ("suất") */
	char per[48];           /* a rate: what it is per ("suất"), canonical form */
	char qualifier[96];     /* "tổng, trên": the qualifier words, canonical, in text order */
	/* byte offsets into the text */
	size_t start, end; /* the figure as written: "3,232 tỷ đồng", "700.000đ/suất" */
	size_t tok_start, tok_end; /* the first numeric token: "3,232" */
	size_t noun_start, noun_end;
};

struct vn_num_reader;

struct vn_num_reader *vn_num_new(struct err *e);
/* The same, borrowing a normalizer (its cache stays warm across documents; not freed). */
struct vn_num_reader *vn_num_new_with(struct vn_norm *nm, struct err *e);
void vn_num_free(struct vn_num_reader *r);

/* Start a new document: forget the separator vote, footnote count and table unit. */
void vn_num_doc_begin(struct vn_num_reader *r);

/*
 * Rule 5: count the unambiguous Vietnamese-style (20.000.000, 146,8) and English-style
 * (82,295,000, 1.5 triệu) numbers of one passage. Call for every passage of a document
 * before reading any, so that ambiguous numbers (3,232 with no scale word) follow the
 * document's own habit.
 */
void vn_num_vote(struct vn_num_reader *r, const char *text, size_t n);

/* 1 when the votes so far say the document writes English-style numbers. */
int vn_num_doc_english(const struct vn_num_reader *r);

/*
 * Read the number whose first digit is at text[pos] (an ASCII digit not preceded by a digit
 * or a digit-separator pair), with the words left and right of it in text[0..n) (one
 * passage). Fills *out and returns the offset just past what was consumed (at least pos+1):
 * a date or year range is consumed whole, a money figure through its scale and currency.
 */
size_t vn_num_read(struct vn_num_reader *r, const char *text, size_t n, size_t pos,
                   struct vn_num *out);

/*
 * Every number of one passage, in order, figures or not; fn returns non-zero to stop.
 * Besides vn_num_read, the scan links a rate with the count it goes with (times), follows
 * footnote markers (superscripts and ⁽¹⁾ advance the expected footnote number) and picks
 * up a table unit line ("ĐVT: triệu đồng") for the bare numbers after it.
 */
typedef int (*vn_num_fn)(void *ctx, const struct vn_num *num);
int vn_num_scan(struct vn_num_reader *r, const char *text, size_t n, vn_num_fn fn, void *ctx);

/* Forget a table unit line (call at a heading: the table it described is over). */
void vn_num_clear_unit(struct vn_num_reader *r);

/*
 * The value of a numeric token alone, by rules 1, 2, 4 and 6 (no context): "1.419" ->
 * 1419, "146,8" -> 146.8, "1.449,2" -> 1449.2, "82,295.000" -> 82295000 (malformed),
 * "01" -> 1. A lone "3,232" is read as 3232 with VN_NUM_AMBIGUOUS. Returns 0, or -1 when
 * s[0..n) is not a number (empty, a list like "2,3,4", stray characters).
 */
int vn_num_value(const char *s, size_t n, double *value, unsigned *flags);

/* A Roman numeral (I … MMMCMXCIX, upper case, as in "khóa XII"), or -1. */
int vn_num_roman(const char *s, size_t n);

/* "count", "money", … for a kind; and back (-1 if unknown). */
const char *vn_num_kind_name(enum vn_num_kind k);
int vn_num_kind_parse(const char *name);

/* "malformed,en_style" for flags (empty string for none). */
void vn_num_flags_str(unsigned flags, char *buf, size_t cap);

#endif
