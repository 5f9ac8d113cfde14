#include "cli.h"

#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "thidua%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "thidua %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; see `thidua %s --help`\n", cmd);
	return EXIT_USAGE;
}

int cli_color(FILE *f)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (nc && *nc)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(f));
}

static int parse_year(const char *s, char **end)
{
	long v;

	errno = 0;
	v = strtol(s, end, 10);
	if (errno || *end == s || v < 1900 || v > 2200)
		return -1;
	return (int)v;
}

int cli_parse_years(const char *s, int *from, int *to)
{
	char *end;
	int a = parse_year(s, &end), b;

	if (a < 0)
		return -1;
	if (*end == 0) {
		*from = *to = a;
		return 0;
	}
	if (*end == '-')
		end++;
	else if (strncmp(end, "\xe2\x80\x93", 3) == 0) /* en dash, as reports write ranges */
		end += 3;
	else
		return -1;
	b = parse_year(end, &end);
	if (b < 0 || *end || b < a)
		return -1;
	*from = a;
	*to = b;
	return 0;
}

int cli_parse_count(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_format(const char *s)
{
	if (strcmp(s, "table") == 0)
		return FMT_TABLE;
	if (strcmp(s, "json") == 0)
		return FMT_JSON;
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	return -1;
}

/* ---------------------------------------------------------------- output */

struct cell {
	int null;
	char *s;
};

struct out {
	FILE *f;
	int fmt, ncols, col, nrows, color;
	const struct col *cols;
	struct cell *cells; /* table: all rows, row-major */
	size_t ncells, cap;
};

struct out *out_new(FILE *f, int fmt, const struct col *cols, int ncols)
{
	struct out *o = xcalloc(1, sizeof(*o));
	int i;

	o->f = f;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->color = fmt == FMT_TABLE && cli_color(f);
	if (fmt == FMT_JSON)
		fputc('[', f);
	if (fmt == FMT_CSV || fmt == FMT_TSV) {
		int first = 1;
		for (i = 0; i < ncols; i++) {
			if (cols[i].in_table == COL_TABLE)
				continue;
			fprintf(f, "%s%s", first ? "" : (fmt == FMT_CSV ? "," : "\t"), cols[i].name);
			first = 0;
		}
		fputc('\n', f);
	}
	return o;
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case 1:
			fputs("\xc2\xab", f); /* « */
			break;
		case 2:
			fputs("\xc2\xbb", f); /* » */
			break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* CSV per RFC 4180; TSV with tabs and newlines written as spaces (TSV cannot quote). */
static void flat_string(FILE *f, const char *s, int csv)
{
	int quote = csv && strpbrk(s, ",\"\n\r") != NULL;

	if (quote)
		fputc('"', f);
	for (; *s; s++) {
		if (*s == 1)
			fputs("\xc2\xab", f);
		else if (*s == 2)
			fputs("\xc2\xbb", f);
		else if (csv && *s == '"')
			fputs("\"\"", f);
		else if (!csv && (*s == '\t' || *s == '\n' || *s == '\r'))
			fputc(' ', f);
		else
			fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
}

/* Whether the current cell is printed by a streaming format. */
static int machine_cell(const struct out *o)
{
	return o->cols[o->col].in_table != COL_TABLE;
}

static void begin_cell(struct out *o)
{
	int i, first = 1;

	for (i = 0; i < o->col; i++)
		if (o->cols[i].in_table != COL_TABLE)
			first = 0;
	if (o->fmt == FMT_JSON) {
		if (first)
			fputs(o->nrows ? ",\n{" : "\n{", o->f);
		else
			fputc(',', o->f);
		json_string(o->f, o->cols[o->col].name);
		fputc(':', o->f);
	} else if ((o->fmt == FMT_CSV || o->fmt == FMT_TSV) && !first) {
		fputc(o->fmt == FMT_CSV ? ',' : '\t', o->f);
	}
}

static void end_cell(struct out *o)
{
	if (++o->col < o->ncols)
		return;
	o->col = 0;
	o->nrows++;
	if (o->fmt == FMT_JSON)
		fputc('}', o->f);
	else if (o->fmt != FMT_TABLE)
		fputc('\n', o->f);
}

static void table_cell(struct out *o, const char *s, int null)
{
	o->cells = xgrow(o->cells, &o->cap, o->ncells + 1, sizeof(*o->cells));
	o->cells[o->ncells].null = null;
	o->cells[o->ncells].s = xstrdup(s ? s : "");
	o->ncells++;
}

void out_str(struct out *o, const char *s)
{
	if (!s) {
		out_null(o);
		return;
	}
	if (o->fmt == FMT_TABLE)
		table_cell(o, s, 0);
	else if (machine_cell(o)) {
		begin_cell(o);
		if (o->fmt == FMT_JSON)
			json_string(o->f, s);
		else
			flat_string(o->f, s, o->fmt == FMT_CSV);
	}
	end_cell(o);
}

void out_int(struct out *o, long long v)
{
	char b[32];
	snprintf(b, sizeof(b), "%lld", v);
	if (o->fmt == FMT_TABLE)
		table_cell(o, b, 0);
	else if (machine_cell(o)) {
		begin_cell(o);
		fputs(b, o->f);
	}
	end_cell(o);
}

void out_real(struct out *o, double v)
{
	char b[64];
	snprintf(b, sizeof(b), "%.4f", v);
	if (o->fmt == FMT_TABLE)
		table_cell(o, b, 0);
	else if (machine_cell(o)) {
		begin_cell(o);
		fputs(b, o->f);
	}
	end_cell(o);
}

void out_null(struct out *o)
{
	if (o->fmt == FMT_TABLE)
		table_cell(o, "", 1);
	else if (machine_cell(o)) {
		begin_cell(o);
		if (o->fmt == FMT_JSON)
			fputs("null", o->f);
	}
	end_cell(o);
}

/* Print s for the table, showing match marks; pad to width when pad >= 0. */
static void table_print(struct out *o, const char *s, long pad)
{
	size_t w = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (*p == 1)
			fputs(o->color ? "\033[1;31m" : "\xc2\xab", o->f);
		else if (*p == 2)
			fputs(o->color ? "\033[0m" : "\xc2\xbb", o->f);
		else if (*p == '\n' || *p == '\t')
			fputc(' ', o->f);
		else
			fputc(*p, o->f);
	}
	if (!o->color)
		for (p = s; *p; p++)
			if (*p == 1 || *p == 2)
				w++;
	w += text_display_width(s, strlen(s));
	while (pad >= 0 && (long)w < pad) {
		fputc(' ', o->f);
		w++;
	}
}

static void table_end(struct out *o)
{
	size_t *width = xcalloc((size_t)o->ncols, sizeof(*width));
	int r, c, last = -1;

	for (c = 0; c < o->ncols; c++)
		if (o->cols[c].in_table != COL_MACHINE) {
			const char *t = o->cols[c].title ? o->cols[c].title : o->cols[c].name;
			width[c] = text_display_width(t, strlen(t));
			last = c;
		}
	for (r = 0; r < o->nrows; r++)
		for (c = 0; c < o->ncols; c++) {
			const char *s = o->cells[(size_t)r * (size_t)o->ncols + (size_t)c].s;
			size_t w = text_display_width(s, strlen(s));
			if (o->cols[c].in_table != COL_MACHINE && w > width[c])
				width[c] = w;
		}
	if (o->nrows > 0) {
		for (c = 0; c < o->ncols; c++) {
			const char *t = o->cols[c].title ? o->cols[c].title : o->cols[c].name;
			if (o->cols[c].in_table == COL_MACHINE)
				continue;
			if (o->color)
				fputs("\033[1m", o->f);
			table_print(o, t, c == last ? -1 : (long)width[c]);
			if (o->color)
				fputs("\033[0m", o->f);
			if (c != last)
				fputs("  ", o->f);
		}
		fputc('\n', o->f);
	}
	for (r = 0; r < o->nrows; r++) {
		for (c = 0; c < o->ncols; c++) {
			if (o->cols[c].in_table == COL_MACHINE)
				continue;
			table_print(o, o->cells[(size_t)r * (size_t)o->ncols + (size_t)c].s,
				    c == last ? -1 : (long)width[c]);
			if (c != last)
				fputs("  ", o->f);
		}
		fputc('\n', o->f);
	}
	free(width);
}

void out_end(struct out *o)
{
	size_t i;

	if (o->fmt == FMT_JSON)
		fputs(o->nrows ? "\n]\n" : "]\n", o->f);
	else if (o->fmt == FMT_TABLE)
		table_end(o);
	for (i = 0; i < o->ncells; i++)
		free(o->cells[i].s);
	free(o->cells);
	fflush(o->f);
	free(o);
}
