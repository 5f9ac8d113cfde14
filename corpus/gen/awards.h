/*
 * awards: who gave which award to how many collectives and individuals of a unit, and the
 * sentences reports use to say it (../shared/domain.md §1.6): "[grantor] tặng [award] cho
 * [n] tập thể, [m] cá nhân", "[n] tập thể đạt danh hiệu “X”", the grantor left out when
 * the clause before named it, elliptical classes ("hạng nhì cho 01 cá nhân, hạng ba cho
 * 17 cá nhân"), the count of awards before the award ("04 cờ thi đua"), list style
 * ("đơn vị quyết thắng 12 tập thể"), proposals ("đề nghị …") and honours ("vinh danh").
 * Every clause is recorded as an award fact with its evidence; the bloc's summary gives
 * totals that equal the sum of the units' awards unless a mismatch is planted.
 */
#ifndef GEN_AWARDS_H
#define GEN_AWARDS_H
#include "gen.h"

enum level { LV_STATE, LV_GOV, LV_MINISTRY, LV_REGION, LV_PROVINCE, LV_HEAD, LV_NLEVELS };

struct grant {
	const char *award;   /* canonical */
	const char *klass;   /* Nhất / Nhì / Ba, a Kỷ niệm chương's name, or "" */
	const char *written; /* the award as this report writes it */
	enum level level;
	const char *grantor;  /* canonical */
	const char *gwritten; /* grantor as written */
	const char *status;   /* granted proposed registered honoured */
	int coll, ind, count; /* -1: not stated */
	int year;
	int danh_hieu; /* written as danh hiệu “X” */
	int order;     /* an order with classes (elliptical class wording possible) */
	int list_ok;   /* may be written list style, without grantor */
	int uidx;
};

/* The awards unit uidx received in year y (granted), appended to *v. */
void unit_grants(struct ctx *c, int uidx, int y, struct grant **v, int *n, int *cap);
/* A few proposals (đề nghị) of the unit. */
void unit_proposals(struct ctx *c, int uidx, struct grant **v, int *n, int *cap);

/* Write grants as clauses into the current paragraph; record award facts and their
 * count figures. */
void say_grants(struct ctx *c, const struct grant *g, int n);

/* The bloc's summary of section III.1 from all units' grants of the report year; writes
 * the paragraph text (the caller starts the paragraph) and records totals. */
void say_bloc_summary(struct ctx *c, const struct grant *g, int n);

/* A registration line of section I.4 for award text, with the members listed. */
void say_registration(struct ctx *c, int flag);

/* A new award fact whose evidence runs from a to here in the current paragraph, of the
 * report's year (coll/ind <= 0: not stated); the caller sets class, count, level, scope. */
struct award_fact *award_here(struct ctx *c, size_t a, const char *unit, const char *award,
                              const char *grantor, const char *status, int coll, int ind);

/* A new stated total whose evidence runs from a to here, of the report's year. */
struct total *total_here(struct ctx *c, size_t a, const char *what, const char *unit);

/* Grantor of a level for a unit: canonical and as written. */
void grantor_of(struct ctx *c, int uidx, enum level lv, const char **canon, const char **written);

#endif
