#include "svg.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if ((unsigned char)*s >= 0x20 || *s == '\t')
			fputc(*s, f);
	}
}

/* A "nice" tick step (1, 2 or 5 × 10^k) giving about five ticks up to max. */
static double tick_step(double max)
{
	double raw = max / 5, p = pow(10, floor(log10(raw))), r = raw / p;

	return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * p;
}

/* Tick labels in Vietnamese notation: dots group thousands (1.419), a comma for decimals. */
static void vn_number(FILE *f, double v)
{
	char digits[64], out[96];
	long long whole = (long long)llround(v);
	int len, k, o = 0;

	if (fabs(v - (double)whole) > 1e-9 && fabs(v) < 1e6) {
		snprintf(digits, sizeof(digits), "%.1f", v);
		for (k = 0; digits[k]; k++)
			if (digits[k] == '.')
				digits[k] = ',';
		fputs(digits, f);
		return;
	}
	len = snprintf(digits, sizeof(digits), "%lld", whole < 0 ? -whole : whole);
	if (whole < 0)
		out[o++] = '-';
	for (k = 0; k < len; k++) {
		if (k && (len - k) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[k];
	}
	out[o] = 0;
	fputs(out, f);
}

int svg_bars(const char *path, const char *title, const char *xname, const char *yname,
             const char *const *labels, const double *vals, size_t n, struct err *e)
{
	/* plot area inside margins; labels below the axis are rotated when there are many */
	const double left = 90, right = 30, top = 60, bottom = 110;
	double width = fmax(640, left + right + 28.0 * (double)n), height = 420;
	double pw = width - left - right, ph = height - top - bottom, max = 0, step, y, slot;
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return err_set(e, "%s: %s", path, strerror(errno));
	for (i = 0; i < n; i++)
		if (vals[i] > max)
			max = vals[i];
	step = max > 0 ? tick_step(max) : 1;
	max = step * ceil((max > 0 ? max : 1) / step);
	slot = n ? pw / (double)n : pw;
	fprintf(f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
	        " viewBox=\"0 0 %.0f %.0f\" font-family=\"'Noto Sans', 'DejaVu Sans', Arial,"
	        " sans-serif\" font-size=\"12\">\n",
	        width, height, width, height);
	fputs("<title>", f);
	xml_text(f, title);
	fputs("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", f);
	fprintf(f, "<text x=\"%.1f\" y=\"28\" font-size=\"16\" font-weight=\"bold\">", left);
	xml_text(f, title);
	fputs("</text>\n", f);
	/* grid lines and y ticks */
	for (y = 0; y <= max + step / 2; y += step) {
		double py = top + ph - y / max * ph;
		fprintf(f,
		        "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
		        " stroke=\"#ddd\"/>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
		        left, py, left + pw, py, left - 6, py + 4);
		vn_number(f, y);
		fputs("</text>\n", f);
	}
	/* bars, each with its value as a tooltip and a data attribute */
	for (i = 0; i < n; i++) {
		double h = vals[i] / max * ph, x = left + slot * (double)i + slot * 0.15;
		fprintf(f,
		        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
		        " fill=\"#2b6cb0\" data-label=\"",
		        x, top + ph - h, slot * 0.7, h);
		xml_text(f, labels[i]);
		fprintf(f, "\" data-value=\"%.15g\"><title>", vals[i]);
		xml_text(f, labels[i]);
		fputs(": ", f);
		vn_number(f, vals[i]);
		fputs("</title></rect>\n", f);
		fprintf(f,
		        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" transform=\"rotate(-45 "
		        "%.1f %.1f)\">",
		        x + slot * 0.35, top + ph + 16, x + slot * 0.35, top + ph + 16);
		xml_text(f, labels[i]);
		fputs("</text>\n", f);
	}
	/* axes and their names */
	fprintf(f,
	        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n"
	        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
	        left, top, left, top + ph, left, top + ph, left + pw, top + ph);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\">",
	        left + pw / 2, height - 12);
	xml_text(f, xname);
	fprintf(f,
	        "</text>\n<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\""
	        " transform=\"rotate(-90 18 %.1f)\">",
	        top + ph / 2, top + ph / 2);
	xml_text(f, yname);
	fputs("</text>\n", f);
	/* legend */
	fprintf(f,
	        "<g class=\"legend\"><rect x=\"%.1f\" y=\"38\" width=\"12\" height=\"12\""
	        " fill=\"#2b6cb0\"/><text x=\"%.1f\" y=\"48\">",
	        left + pw - 150, left + pw - 132);
	xml_text(f, yname);
	fputs("</text></g>\n</svg>\n", f);
	if (fclose(f) != 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}
