/*
 * compose: building the document model — paragraphs, styles, footnote references and the
 * facts that point into them. Everything a document allocates lives in its arena or its
 * arrays and goes with doc_free().
 */
#ifndef GEN_COMPOSE_H
#define GEN_COMPOSE_H
#include <stdarg.h>

#include "gen.h"

struct doc *doc_new(void);
void doc_free(struct doc *d);

/* Memory and strings that live as long as the document. */
void *doc_alloc(struct doc *d, size_t n);
char *doc_strdup(struct doc *d, const char *s);
char *doc_strndup(struct doc *d, const char *s, size_t n);
char *doc_printf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Start a paragraph of the main flow; returns its index. */
int doc_para(struct doc *d, enum pkind kind, int level);
/* Start a paragraph of the body of footnote `note`. */
int doc_note_para(struct doc *d, int note);
/* Subsequent paragraphs belong to a new section (path like "PHẦN I › II › 2"). */
void doc_section(struct doc *d, const char *path, const char *heading);

struct para *doc_cur(struct doc *d);
/* Offset in the current paragraph where the next text goes. */
size_t doc_pos(struct doc *d);
/* Text as it is (no typos, no variants): numbers, codes, dates. */
void doc_raw(struct doc *d, const char *s, size_t n);
void doc_raws(struct doc *d, const char *s);
void doc_style(struct doc *d, size_t a, size_t b, unsigned style);
/* Numbers that are not figures (a year, a date, a document number, an outline label): the
 * span [a, b) of the current paragraph, or s appended. --check verifies that every digit
 * of a report is in a figure or in one of these. */
void doc_nonfig(struct doc *d, size_t a, size_t b);
void doc_label(struct doc *d, const char *s);
/* The span [a, b) of the current paragraph must stay on one page. */
void doc_keep(struct doc *d, size_t a, size_t b);
/* The number the next footnote reference will get (to write a body before its reference,
 * when the citing sentence needs what the body adds up to). */
int doc_reserve_note(struct doc *d);
/* A footnote reference here; returns the footnote's number. */
int doc_ref(struct doc *d);
/* Drop trailing spaces of the current paragraph. */
void doc_trim(struct doc *d);

/* New zeroed facts attached to the current paragraph. */
struct award_fact *doc_award(struct doc *d);
struct figure *doc_figure(struct doc *d);
struct campaign_fact *doc_campaign(struct doc *d);
struct total *doc_total(struct doc *d);
struct incons *doc_incons(struct doc *d, const char *kind);
/* A planted inconsistency whose evidence runs from a to here in the current paragraph;
 * fmt gives its own JSON members. */
void doc_plant(struct doc *d, const char *kind, size_t a, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
struct noise_fact *doc_noise(struct doc *d);
/* The unit record for canonical name canon (created on first use). */
struct unit_fact *doc_unit(struct doc *d, const char *canon, int uidx, const char *kind);
void doc_unit_written(struct doc *d, struct unit_fact *u, const char *written);

#endif
