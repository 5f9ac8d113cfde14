/*
 * lexicons: the domain tables of fact extraction (data/units.tsv, awards.tsv, knc.tsv,
 * grantors.tsv, fact_words.tsv, provinces.tsv) compiled once per process into vn_words
 * lexicons. Every string points into the embedded tables and lives as long as the process.
 */
#ifndef THIDUA_LEXICONS_H
#define THIDUA_LEXICONS_H
#include "vn_words.h"

enum { LXU_UNIT, LXU_SHORT, LXU_DISTRICT, LXU_NAMED };
enum { LXA_ORDER = 1, LXA_KNC = 2, LXA_BARE = 4 };
enum { LXW_STATUS, LXW_VERB, LXW_BLOCK, LXW_RECIPIENT, LXW_CAMPAIGN };

struct lx_unit {
	int kind;	  /* LXU_* */
	const char *unit; /* canonical */
	const char *head; /* LXU_DISTRICT, LXU_NAMED: canonical head of the unit's name */
	int city;	  /* the form a centrally-run city writes ("Công an thành phố") */
	int province;	  /* a province's name must follow ("Công an {province}") */
	int cased;        /* read only with the phrase's capitals: a bit per word, from 0 */
	unsigned caps;
};

struct lx_award {
	const char *award, *implied, *levels;
	unsigned flags;
};

struct lx_grantor {
	const char *grantor, *levels, *unit;
	int city; /* the form a centrally-run city writes ("Chủ tịch UBND thành phố") */
};

struct lx_word {
	int role;
	const char *value;
};

struct lexicons {
	struct vn_lexicon *units, *awards, *knc, *grantors, *words, *provinces;
	struct vn_lexicon *heads; /* data/heads.tsv: titles of a unit's head (ids unused) */
	/* the full forms of the abbreviations grantors.tsv's names use, ids into grantor_abbr */
	struct vn_lexicon *grantor_fulls;
	const char **grantor_abbr;
	struct lx_unit *unit;
	struct lx_award *award;
	const char **knc_name, **knc_grantor;
	struct lx_grantor *grantor;
	struct lx_word *word;
	const char **province;
	int *province_city; /* 1 for a centrally-run city (thành phố) */
	size_t nunit, naward, nknc, ngrantor, nword, nprovince;
};

/*
 * A head's grantor name in the style of data/grantors.tsv, whose names abbreviate
 * ("Chủ tịch UBND tỉnh", "Chánh án TAND tỉnh"): the full forms of those abbreviations
 * abbreviated ("Chủ tịch Ủy ban nhân dân huyện An Phú" -> "Chủ tịch UBND huyện An Phú").
 * malloc'd.
 */
char *lexicons_grantor_style(struct vn_norm *nm, const char *name);

/* The lexicons, built on first use (thread-safe). */
const struct lexicons *lexicons_get(void);

/* Whether a comma-separated level list contains level. */
int lexicons_level_in(const char *levels, const char *level);

/* Number of words of a province name starting at word i (also after "tỉnh"), or 0. */
size_t lexicons_province_at(const struct vn_words *w, size_t i, const char **name);

/* Whether the province (a name of data/provinces.tsv) is a centrally-run city. */
int lexicons_province_is_city(const char *name);

/*
 * The form a centrally-run city writes for a phrase naming a provincial body: "tỉnh" ->
 * "thành phố", "Tỉnh ủy" -> "Thành ủy", "Tỉnh đoàn" -> "Thành đoàn" (malloc'd), or NULL
 * when the phrase has no "tỉnh".
 */
char *lexicons_city_form(const char *phrase);

#endif
