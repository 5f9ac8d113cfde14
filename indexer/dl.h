/*
 * Libraries only indexing needs, loaded on first use instead of at program start.
 *
 * Poppler (with cairo) and Tesseract (with Leptonica) bring in some 60 more shared
 * libraries (curl, NSS, X11, OpenMP…); the dynamic loader mapped and relocated all of them
 * before every `thidua search`, about 17 ms of a search's start (BENCHMARKS.md, "Query
 * latency"). The files that call them include this header after the libraries' own: each
 * function name then stands for a pointer that dl_load fills with dlsym, so the call sites
 * read as before and the binary no longer links these libraries (the Makefile links it
 * --as-needed).
 */
#ifndef THIDUA_DL_H
#define THIDUA_DL_H
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "util.h"

#define DL_POPPLER(X) \
	X(poppler_document_get_n_pages) \
	X(poppler_document_get_page) \
	X(poppler_document_new_from_bytes) \
	X(poppler_error_quark) \
	X(poppler_page_free_text_attributes) \
	X(poppler_page_get_size) \
	X(poppler_page_get_text) \
	X(poppler_page_get_text_attributes) \
	X(poppler_page_render_for_printing)

#define DL_CAIRO(X) \
	X(cairo_create) \
	X(cairo_destroy) \
	X(cairo_image_surface_create) \
	X(cairo_image_surface_get_data) \
	X(cairo_image_surface_get_stride) \
	X(cairo_paint) \
	X(cairo_scale) \
	X(cairo_set_source_rgb) \
	X(cairo_surface_destroy) \
	X(cairo_surface_flush)

#define DL_LEPT(X) \
	X(findFileFormatBuffer) \
	X(pixClone) \
	X(pixConvertTo8) \
	X(pixCreate) \
	X(pixDeskew) \
	X(pixDestroy) \
	X(pixGetColormap) \
	X(pixGetData) \
	X(pixGetDepth) \
	X(pixGetWpl) \
	X(pixGetXRes) \
	X(pixReadMem) \
	X(pixScaleGrayLI) \
	X(pixSetResolution) \
	X(pixaAddPix) \
	X(pixaCreate) \
	X(pixaDestroy) \
	X(pixaGetCount) \
	X(pixaGetPix) \
	X(pixaReadMemMultipageTiff) \
	X(setMsgSeverity)

#define DL_TESS(X) \
	X(TessBaseAPIAllWordConfidences) \
	X(TessBaseAPIClear) \
	X(TessBaseAPICreate) \
	X(TessBaseAPIDelete) \
	X(TessBaseAPIEnd) \
	X(TessBaseAPIGetIterator) \
	X(TessBaseAPIGetUTF8Text) \
	X(TessBaseAPIInit3) \
	X(TessBaseAPIRecognize) \
	X(TessBaseAPISetImage2) \
	X(TessBaseAPISetPageSegMode) \
	X(TessBaseAPISetSourceResolution) \
	X(TessBaseAPISetVariable) \
	X(TessDeleteIntArray) \
	X(TessDeleteText) \
	X(TessPageIteratorBoundingBox) \
	X(TessPageIteratorNext) \
	X(TessResultIteratorDelete) \
	X(TessResultIteratorGetPageIterator) \
	X(TessResultIteratorGetUTF8Text) \
	X(TessVersion)

#define DL_FIELD(s) __typeof__(s) *s;
struct dl_syms {
	DL_POPPLER(DL_FIELD)
	DL_CAIRO(DL_FIELD)
	DL_LEPT(DL_FIELD)
	DL_TESS(DL_FIELD)
};
#undef DL_FIELD
extern struct dl_syms dl_syms;

/* Load the four libraries and resolve every function above, once per process (thread-safe);
 * later calls return the first outcome. */
int dl_load(struct err *e);

#ifndef DL_NO_REDIRECT
#define poppler_document_get_n_pages (dl_syms.poppler_document_get_n_pages)
#define poppler_document_get_page (dl_syms.poppler_document_get_page)
#define poppler_document_new_from_bytes (dl_syms.poppler_document_new_from_bytes)
#define poppler_error_quark (dl_syms.poppler_error_quark)
#define poppler_page_free_text_attributes (dl_syms.poppler_page_free_text_attributes)
#define poppler_page_get_size (dl_syms.poppler_page_get_size)
#define poppler_page_get_text (dl_syms.poppler_page_get_text)
#define poppler_page_get_text_attributes (dl_syms.poppler_page_get_text_attributes)
#define poppler_page_render_for_printing (dl_syms.poppler_page_render_for_printing)
#define cairo_create (dl_syms.cairo_create)
#define cairo_destroy (dl_syms.cairo_destroy)
#define cairo_image_surface_create (dl_syms.cairo_image_surface_create)
#define cairo_image_surface_get_data (dl_syms.cairo_image_surface_get_data)
#define cairo_image_surface_get_stride (dl_syms.cairo_image_surface_get_stride)
#define cairo_paint (dl_syms.cairo_paint)
#define cairo_scale (dl_syms.cairo_scale)
#define cairo_set_source_rgb (dl_syms.cairo_set_source_rgb)
#define cairo_surface_destroy (dl_syms.cairo_surface_destroy)
#define cairo_surface_flush (dl_syms.cairo_surface_flush)
#define findFileFormatBuffer (dl_syms.findFileFormatBuffer)
#define pixClone (dl_syms.pixClone)
#define pixConvertTo8 (dl_syms.pixConvertTo8)
#define pixCreate (dl_syms.pixCreate)
#define pixDeskew (dl_syms.pixDeskew)
#define pixDestroy (dl_syms.pixDestroy)
#define pixGetColormap (dl_syms.pixGetColormap)
#define pixGetData (dl_syms.pixGetData)
#define pixGetDepth (dl_syms.pixGetDepth)
#define pixGetWpl (dl_syms.pixGetWpl)
#define pixGetXRes (dl_syms.pixGetXRes)
#define pixReadMem (dl_syms.pixReadMem)
#define pixScaleGrayLI (dl_syms.pixScaleGrayLI)
#define pixSetResolution (dl_syms.pixSetResolution)
#define pixaAddPix (dl_syms.pixaAddPix)
#define pixaCreate (dl_syms.pixaCreate)
#define pixaDestroy (dl_syms.pixaDestroy)
#define pixaGetCount (dl_syms.pixaGetCount)
#define pixaGetPix (dl_syms.pixaGetPix)
#define pixaReadMemMultipageTiff (dl_syms.pixaReadMemMultipageTiff)
#define setMsgSeverity (dl_syms.setMsgSeverity)
#define TessBaseAPIAllWordConfidences (dl_syms.TessBaseAPIAllWordConfidences)
#define TessBaseAPIClear (dl_syms.TessBaseAPIClear)
#define TessBaseAPICreate (dl_syms.TessBaseAPICreate)
#define TessBaseAPIDelete (dl_syms.TessBaseAPIDelete)
#define TessBaseAPIEnd (dl_syms.TessBaseAPIEnd)
#define TessBaseAPIGetIterator (dl_syms.TessBaseAPIGetIterator)
#define TessBaseAPIGetUTF8Text (dl_syms.TessBaseAPIGetUTF8Text)
#define TessBaseAPIInit3 (dl_syms.TessBaseAPIInit3)
#define TessBaseAPIRecognize (dl_syms.TessBaseAPIRecognize)
#define TessBaseAPISetImage2 (dl_syms.TessBaseAPISetImage2)
#define TessBaseAPISetPageSegMode (dl_syms.TessBaseAPISetPageSegMode)
#define TessBaseAPISetSourceResolution (dl_syms.TessBaseAPISetSourceResolution)
#define TessBaseAPISetVariable (dl_syms.TessBaseAPISetVariable)
#define TessDeleteIntArray (dl_syms.TessDeleteIntArray)
#define TessDeleteText (dl_syms.TessDeleteText)
#define TessPageIteratorBoundingBox (dl_syms.TessPageIteratorBoundingBox)
#define TessPageIteratorNext (dl_syms.TessPageIteratorNext)
#define TessResultIteratorDelete (dl_syms.TessResultIteratorDelete)
#define TessResultIteratorGetPageIterator (dl_syms.TessResultIteratorGetPageIterator)
#define TessResultIteratorGetUTF8Text (dl_syms.TessResultIteratorGetUTF8Text)
#define TessVersion (dl_syms.TessVersion)
#endif

#endif
