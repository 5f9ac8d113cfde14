/*
 * tpl: phrase templates (data/phrases.tsv) expanded into the current paragraph.
 *
 *   [a|b|c]            one of the alternatives (which may hold slots)
 *   {P} {tinh} {PT}     province name, its level word (tỉnh / thành phố), both ("tỉnh X")
 *   {B} {Bfull}        the bloc's name; with the province
 *   {U} {Uf} {UH}      the current unit as a report writes it; in full; its head
 *   {H} {X} {S}        a district, a commune ("xã …"), a school of the province
 *   {Y} {Y+1} {Y-1}    years (never figures)
 *   {n:A-B:noun}       a count figure; {ns:…} scales A-B with the unit's size
 *   {m:A-B} {m:A-B:q}  an amount in đồng (k/M/B suffixes); q: with trên/khoảng/gần/hơn
 *   {nr:A-B:noun:R}    a count with a rate ("23 suất quà trị giá 700.000đ/suất")
 *   {p:A-B} {p1:A-B}   a percentage, whole or with one decimal; {p:A-B:noun} with the noun
 *                      it counts written after it ("{p:100-100:các cơ quan}")
 *   {all:noun}         every member: "07/07 đơn vị"
 *   {camp} {campq}     a campaign of the unit's sector and year, with its lead words or only
 *                      the quoted name
 *   {ord}              the Roman ordinal of the province's emulation congress
 *   {Tx}               Tỉnh or Thành (Tỉnh ủy / Thành ủy)
 *   {C:name}           that campaign, quoted and recorded
 *   {Q:text}           a quoted title that is not a campaign
 *   {O:canon:written}  another body of the province named in passing (a unit "other")
 *   {Ud:prefix}        a district branch: "Tòa án nhân dân huyện Hàm Yên" (a unit "district")
 *   {cite:KH} …        a citation "Kế hoạch số 53/KH-UBND ngày 18/5/2020" (KH CV QĐ HD CT,
 *                      KHB: a plan of the bloc itself, 05/KH-KTĐNC)
 */
#ifndef GEN_TPL_H
#define GEN_TPL_H
#include "gen.h"

void tpl_expand(struct ctx *c, const char *tpl);
/* Forget the index of phrases.tsv (before gdata_free). */
void tpl_free(void);
/* Pick a template for key (and the current unit's sector, and the year) and expand it;
 * returns 0 when there is none. */
int tpl_say(struct ctx *c, const char *key);
/* Up to n distinct templates of key, in random order; returns how many were said.
 * sep is written between them. */
int tpl_say_some(struct ctx *c, const char *key, int n, const char *sep);
/* Whether key has a template for the current unit's sector and year. */
int tpl_has(struct ctx *c, const char *key);

/* A campaign quoted: “name” with the markdown residue habit; records the fact. lead: 1 =
 * write its lead words (phong trào thi đua, cuộc vận động…). Returns 0 when none fits. */
int say_campaign(struct ctx *c, const char *sector, int lead);
/* A quoted title that is not a campaign (“Cờ thi đua …”), with the same residue habit. */
void say_quoted(struct ctx *c, const char *s);
/* The current (or given) unit as written, recording the unit fact. */
void say_unit(struct ctx *c, int uidx, int full);
/* A random district / commune name of the province. */
const char *pick_district(struct ctx *c);
void say_citation(struct ctx *c, const char *type);
/* A campaign named by the template: quoted and recorded. */
void say_named_campaign(struct ctx *c, const char *name);
/* Upper-case the letter at offset pos of the current paragraph (a sentence begins). */
void capitalize_at(struct ctx *c, size_t pos);
/* One of the "a|b|c" alternatives (the first most of the time), as a document string. */
const char *pick_alt(struct ctx *c, const char *list);
/* One form of words.tsv's (kind, key), province names put in; "" when there is none. */
const char *pick_word(struct ctx *c, const char *kind, const char *key);
/* Roman numeral */
void roman(int n, char *out, size_t cap);

#endif
