/*
 * world: the provinces, blocs and units of the synthetic country, and which units belong
 * to which bloc in which year. A bloc's membership is drawn once per (seed, province,
 * bloc) over a fixed span of years, whatever years a run writes: units join, units leave
 * (each one at most once, so membership is an interval), and now and then a unit is left
 * out of one year's report while present the years before and after — a planted gap.
 */
#ifndef GEN_WORLD_H
#define GEN_WORLD_H
#include "gen.h"

#define WORLD_FIRST_YEAR 1995
#define WORLD_LAST_YEAR  2030

int world_load(struct err *e);
void world_free(void);

int world_nprovinces(void);
const struct province *world_province(int i);
int world_nblocs(void);
const struct bloc *world_bloc(int i);
const struct sector *world_sector(const char *id);

/* The units of (province, bloc) with their membership; free with blocworld_free. */
struct blocworld *blocworld_new(uint64_t seed, const struct province *p, const struct bloc *b);
void blocworld_free(struct blocworld *bw);
/* Whether unit i is a member in year y (a planted gap year counts as a member). */
int unit_member(const struct unit *u, int y);

/* "{P}", "{tinh}", "{TINH}", "{D}", "{DU}" replaced; a new heap string. */
char *expand_names(const char *pat, const struct province *p, const char *district);
/* Upper- and lower-case UTF-8 (ICU, Vietnamese rules); new heap strings. */
char *utf8_upper(const char *s);
char *utf8_lower(const char *s);
/* ASCII slug: "Tuyên Quang" -> "tuyen-quang". */
void slugify(const char *s, char *out, size_t cap);

#endif
