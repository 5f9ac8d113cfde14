/*
 * header: what a report says about itself in its first lines — the place-and-date line
 * (`Tuyên Quang, ngày 25 tháng 12 năm 2020`), the document type line (`BÁO CÁO`) and the
 * title (trích yếu) under it, and from those the year reported on: the title's "năm 2020"
 * when it has one (a report dated January 2021 is still about 2020), else the date's year.
 */
#ifndef THIDUA_HEADER_H
#define THIDUA_HEADER_H
#include "doc.h"

void header_parse(struct doc *d);

/* Find "ngày D tháng M năm YYYY" in s; writes ISO "YYYY-MM-DD". Returns 1 if found. */
int header_find_date(const char *s, char iso[11]);

#endif
