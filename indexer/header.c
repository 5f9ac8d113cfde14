#include "header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* How many passages from the top a header may span (two-column headers interleave). */
#define HEADER_SPAN 12

static const char *num(const char *s, int *v, int maxdigits)
{
	int n = 0, d = 0;
	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9' && d < maxdigits) {
		n = n * 10 + (*s - '0');
		s++;
		d++;
	}
	*v = n;
	return d ? s : NULL;
}

int header_find_date(const char *s, char iso[11])
{
	const char *p = s;

	while ((p = strstr(p, "ngày")) != NULL) {
		int day, month, year;
		const char *q = num(p + strlen("ngày"), &day, 2);
		p += strlen("ngày");
		if (!q || strncmp(q, " tháng", strlen(" tháng")) != 0)
			continue;
		q = num(q + strlen(" tháng"), &month, 2);
		if (!q || strncmp(q, " năm", strlen(" năm")) != 0)
			continue;
		q = num(q + strlen(" năm"), &year, 4);
		if (!q || day < 1 || day > 31 || month < 1 || month > 12 || year < 1945 ||
		    year > 2200)
			continue;
		snprintf(iso, 11, "%04d-%02d-%02d", year, month, day);
		return 1;
	}
	return 0;
}

/* The first "năm YYYY" in s, or 0. */
static int year_in(const char *s)
{
	const char *p = s;
	while ((p = strstr(p, "năm ")) != NULL) {
		int y;
		const char *q = num(p + strlen("năm "), &y, 4);
		p += strlen("năm ");
		if (q && y >= 1945 && y <= 2200 && !(*q >= '0' && *q <= '9'))
			return y;
	}
	return 0;
}

/* A document type line: short, all capitals, and one of the administrative types. */
static int is_type_line(const char *t)
{
	static const char *const types[] = {"BÁO CÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH", "TỜ TRÌNH",
					    "THÔNG BÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "NGHỊ QUYẾT",
					    "CHỈ THỊ", "CÔNG VĂN", "BIÊN BẢN", NULL};
	int i;
	for (i = 0; types[i]; i++)
		if (strcmp(t, types[i]) == 0)
			return 1;
	return 0;
}

void header_parse(struct doc *d)
{
	size_t i, span = d->npassages < HEADER_SPAN ? d->npassages : HEADER_SPAN;

	for (i = 0; i < span; i++) {
		const char *t = d->passages[i].text;
		if (!d->date[0] && strstr(t, "ngày") && strlen(t) < 200)
			header_find_date(t, d->date);
		if (!d->title && is_type_line(t) && i + 1 < d->npassages)
			d->title = xstrdup(d->passages[i + 1].text);
	}
	if (d->title)
		d->year = year_in(d->title);
	if (!d->year && d->date[0])
		d->year = atoi(d->date);
}
