/*
 * svg: a bar chart as a standalone SVG file (axes, ticks, labels, legend), the picture
 * `thidua trend --svg` writes. Text is UTF-8 escaped for XML; fonts named are ones with
 * Vietnamese glyphs, so the diacritics render in any browser.
 */
#ifndef THIDUA_SVG_H
#define THIDUA_SVG_H
#include <stddef.h>

#include "util.h"

/* Bars of vals[i] labelled labels[i]; xname, yname name the axes (yname is the legend).
 * Returns 0, or -1 with e set when the file cannot be written. */
int svg_bars(const char *path, const char *title, const char *xname, const char *yname,
             const char *const *labels, const double *vals, size_t n, struct err *e);

#endif
