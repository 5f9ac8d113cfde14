/*
 * gen.h: the shared structures of thidua-gen, the synthetic corpus generator.
 *
 *   world    provinces, blocs, units and which units belong to a bloc in which year
 *   doc      one report being composed: paragraphs (text without markup), the styles and
 *            footnote references on them, and the facts a perfect reader would extract
 *            (awards, figures, campaigns, totals, planted inconsistencies, noise)
 *   ctx      everything the composing functions need: the doc, its random stream, the
 *            world position (province, bloc, year) and the document's writing habits
 *
 * The report is composed once as a model; the writers (out_*.c) render it as plain text
 * (UTF-8, TCVN3, VNI), RTF or DOCX, and truth.c writes the facts. Facts point into the
 * model's paragraphs, so they do not depend on the format.
 */
#ifndef GEN_GEN_H
#define GEN_GEN_H
#include <stddef.h>
#include <stdint.h>

#include "gdata.h"
#include "rng.h"
#include "util.h"

/* ---- world ---------------------------------------------------------------------------- */

struct province {
	const char *name;  /* Tuyên Quang */
	const char *level; /* tỉnh | thành phố */
	const char *place; /* the place in the date line */
	char slug[64];     /* tuyen-quang */
	char **districts;  /* "huyện Sơn Dương", "thành phố Tuyên Quang" */
	int ndistricts;
	int border; /* has a Bộ đội Biên phòng command */
	int idx;
};

struct sector {
	const struct grow *row; /* sectors.tsv */
	const char *id;
};

struct bloc {
	const char *id;    /* noi-chinh */
	const char *name;  /* Khối thi đua Nội chính */
	const char *code;  /* KTĐNC */
	const char *upper; /* KHỐI THI ĐUA NỘI CHÍNH */
	int part;          /* district blocs: 1 first half of the districts, 2 second, 0 all */
	int idx;
};

/* A unit of one province, with its membership of one bloc over the years. */
struct unit {
	char *canon; /* facts-style canonical name: Công an tỉnh, Ủy ban nhân dân huyện Na Hang */
	char *full; /* Công an tỉnh Tuyên Quang */
	char *
	    *forms; /* ways the report writes it: Công an tỉnh, CA tỉnh, Công an tỉnh Tuyên Quang */
	int nforms;
	char *head_canon;   /* grantor canonical of its head: Giám đốc Công an tỉnh */
	char *head_written; /* how its head is written: Giám đốc Công an tỉnh */
	char *signer_role;  /* PHÓ GIÁM ĐỐC CÔNG AN TỈNH */
	char *district;     /* a district unit's district, else NULL */
	const struct sector *sec;
	int size;        /* 1 small .. 4 very large: scales the counts */
	int join, leave; /* member in [join, leave) */
	int gap;         /* a planted year it is left out of the report, 0 if none */
};

struct blocworld {
	const struct province *prov;
	const struct bloc *bloc;
	struct unit *units;
	int nunits;
	int issuer_seed;
};

/* ---- document model ------------------------------------------------------------------- */

enum pkind {
	PK_BANNER,  /* the synthetic marker, first line */
	PK_HEAD,    /* header lines: issuer, quốc hiệu, Số, place and date */
	PK_DOCTYPE, /* BÁO CÁO */
	PK_TITLE,   /* trích yếu */
	PK_BODY,    /* running text */
	PK_HEADING, /* PHẦN I / I. / 1. / 2.1. */
	PK_BULLET,  /* - Công an tỉnh: … */
	PK_SIGN,    /* signature block line */
	PK_RECIP,   /* Nơi nhận lines */
};

enum { ST_ITALIC = 1, ST_BOLD = 2 };

struct span {
	size_t a, b;
	unsigned style;
};

struct fref {
	size_t pos;
	int n;
};

struct para {
	enum pkind kind;
	int level; /* heading level: 0 PHẦN, 1 I., 2 1., 3 2.1. */
	int note;  /* > 0: part of the body of that footnote */
	int center, upper;
	struct buf text;
	struct span *styles;
	size_t nstyles, cstyles;
	struct span *keeps; /* a page cut must not fall inside these (facts) */
	size_t nkeeps, ckeeps;
	struct fref *refs;
	size_t nrefs, crefs;
	struct span *labels; /* numbers that are not figures: years, dates, codes, labels */
	size_t nlabels, clabels;
	int section; /* index into doc.sections, -1 before the first heading */
	int unit;    /* unit index (blocworld) the paragraph is about, -1 none */
	int mainno;  /* 1-based position among the main-flow paragraphs; 0 for notes */
};

struct section {
	char *path;    /* PHẦN I › II › 2 › 2.1 */
	char *heading; /* its heading text */
};

struct award_fact {
	int para;
	size_t a, b;      /* evidence */
	const char *unit; /* canonical, "" for the whole bloc */
	const char *award, *klass, *grantor, *status;
	const char *level; /* the grantor's level: state government ministry region province head */
	int collectives, individuals, count; /* -1: not stated */
	int year;
	int bloc_scope; /* a bloc-level summary, not one unit's award */
	int shared;     /* recipients shared with the awards coordinated with it */
	int posthumous;
	int group; /* summary group of its grantor level (0 state .. 4 unit heads), -1 none */
};

struct figure {
	int para;
	size_t a, b;      /* the number as written, with its scale and currency */
	const char *kind; /* count money score ratio percent rate */
	double value, of, times;
	const char *noun, *qualifier, *per;
	const char *unit;
	unsigned flags; /* FIG_MALFORMED */
};
enum { FIG_MALFORMED = 1 };

struct campaign_fact {
	int para;
	size_t a, b; /* the name between the quotes, markup excluded */
	const char *normalized, *kind, *unit;
};

struct total {
	const char *what; /* money, awards, unit_awards */
	const char *unit; /* "" for the bloc */
	const char *grantor, *awards;
	int group;                   /* awards: summary group of the parts */
	const char *award, *klass;   /* awards: the parts' award and class (NULL: any) */
	int year;                    /* awards: the parts' year */
	long long stated[2], sum[2]; /* money: [0]; awards: collectives, individuals */
	size_t from, to;             /* award facts [from, to) the parts are among */
	int *pidx;                   /* money: the figures that are its parts */
	int npidx;
	int nparts;
	int para;
	size_t a, b;
};

struct incons {
	const char *kind;
	int para; /* -1: the document as a whole */
	size_t a, b;
	char *detail; /* a JSON object's members, already written */
};

struct noise_fact {
	const char *kind; /* typo | variant */
	const char *written, *correct;
	int para;
};

struct unit_fact {
	int uidx; /* index into the blocworld, -1 for a unit outside the bloc */
	const char *canon;
	const char *kind; /* member | district | other */
	char **written;
	int nwritten;
	int score, of; /* -1 when not scored */
};

struct page_break {
	char *before, *after;
	int notes[8];
	int nnotes;
	int in_note; /* the cut fell inside the body of this footnote */
};

#define DOC_ARRAY(type, name)                                                                      \
	type *name;                                                                                \
	size_t n##name, c##name

struct doc {
	DOC_ARRAY(struct para, paras);
	DOC_ARRAY(struct section, sections);
	DOC_ARRAY(struct award_fact, awards);
	DOC_ARRAY(struct figure, figures);
	DOC_ARRAY(struct campaign_fact, campaigns);
	DOC_ARRAY(struct total, totals);
	DOC_ARRAY(struct incons, incons);
	DOC_ARRAY(struct noise_fact, noise);
	DOC_ARRAY(struct unit_fact, units);
	DOC_ARRAY(struct page_break, breaks);
	int cur;     /* paragraph being written, -1 none */
	int nnotes;  /* footnotes so far */
	int mainno;  /* main-flow paragraphs so far */
	int section; /* current section */
	struct arena *arena;
};

/* ---- header facts --------------------------------------------------------------------- */

struct header {
	int number;
	char numstr[64];      /* 234/BC-KTĐNC */
	const char *code;     /* KTĐNC */
	int day, month, year; /* the date */
	int report_year;      /* the year reported on (the title's) */
	char *title;
	char *issuer; /* Khối thi đua Nội chính tỉnh Tuyên Quang */
	char *signer, *signer_role, *authority, *lead_unit;
	char **recipients;
	int nrecipients;
};

/* ---- generation context --------------------------------------------------------------- */

struct habits {
	double pad;             /* zero-pad counts below 10 */
	double plain_thousands; /* 1700 instead of 1.700 */
	double italic_quotes;   /* “*…*” markdown residue inside quotes */
	double typo;            /* chance a typo-prone phrase gets its typo */
	double variant[16];     /* chance each variants.tsv pair takes its second form */
	int lot;                /* writes "lượt tập thể" */
	int marker;             /* footnote marker style for plain text */
	int header_style;       /* 0 cut (starts at Số:), 1 two columns on lines, 2 interleaved */
	int bullets_plus;       /* sub-bullets with + */
	int nfd;
};

struct ctx {
	uint64_t seed;
	struct rng r;
	const struct blocworld *bw;
	const struct province *prov;
	const struct bloc *bloc;
	int year;
	int *members; /* unit indices present in this report */
	int nmembers;
	struct doc *d;
	struct habits h;
	struct header hd;
	int unit;        /* current unit (index), -1 bloc level */
	long long money; /* running sum of the current unit's gifts */
	int summing;     /* money written now belongs to the unit's gifts */
	int *parts;      /* figures summed so far (indices) */
	size_t nparts, cparts;
	int planted[16];            /* inconsistency kinds to plant in this document */
	int span_years[2];          /* the years being generated (a gap needs both neighbours) */
	const struct header *force; /* a revised version: keep this number and date */
};

/* inconsistency kinds */
enum {
	INC_TOTAL_MONEY,
	INC_TOTAL_AWARDS,
	INC_MALFORMED,
	INC_DUP_SECTION,
	INC_RATIO_LIST,
	INC_DATE_YEAR,
	INC_SCORE_MAX,
	INC_RATIO_MAX,
	INC_NKINDS
};

#endif
