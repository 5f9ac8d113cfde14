/*
 * Libraries only indexing needs, loaded on first use instead of at program start.
 *
 * Poppler (with cairo), Tesseract (with Leptonica), libarchive, libgsf, libmagic and
 * OpenSSL's libcrypto bring in some 75 more shared libraries (curl, NSS, X11, OpenMP…);
 * the dynamic loader mapped and relocated all of them before every `thidua search`, about
 * 15 of its 17 ms of start-up CPU (BENCHMARKS.md, "Query latency"). libxml2 and libgobject
 * (with libffi, liblzma and zlib) followed: an empty program linked as thidua was took
 * 2.7 ms to run instead of 2.1, and `thidua search --help` takes 2.6-2.9 ms instead of
 * 3.1-3.6. The files that call them
 * include this header after the libraries' own: each function name then stands for a pointer that
 * dl_load fills with dlsym, so the call sites read as before and the binary no longer links these
 * libraries (the Makefile links it
 * --as-needed).
 */
#ifndef THIDUA_DL_H
#define THIDUA_DL_H
#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <glib-object.h>
#include <gsf/gsf-shared-memory.h>
#include <leptonica/allheaders.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <magic.h>
#include <openssl/evp.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "util.h"

#define DL_POPPLER(X)                                                                              \
	X(poppler_document_get_n_pages)                                                            \
	X(poppler_document_get_page)                                                               \
	X(poppler_document_new_from_bytes)                                                         \
	X(poppler_error_quark)                                                                     \
	X(poppler_page_free_text_attributes)                                                       \
	X(poppler_page_get_size)                                                                   \
	X(poppler_page_get_text)                                                                   \
	X(poppler_page_get_text_attributes)                                                        \
	X(poppler_page_render_for_printing)

#define DL_CAIRO(X)                                                                                \
	X(cairo_create)                                                                            \
	X(cairo_destroy)                                                                           \
	X(cairo_image_surface_create)                                                              \
	X(cairo_image_surface_get_data)                                                            \
	X(cairo_image_surface_get_stride)                                                          \
	X(cairo_paint)                                                                             \
	X(cairo_scale)                                                                             \
	X(cairo_set_source_rgb)                                                                    \
	X(cairo_surface_destroy)                                                                   \
	X(cairo_surface_flush)

#define DL_LEPT(X)                                                                                 \
	X(boxCreate)                                                                               \
	X(boxDestroy)                                                                              \
	X(boxaDestroy)                                                                             \
	X(boxaGetBoxGeometry)                                                                      \
	X(boxaGetCount)                                                                            \
	X(findFileFormatBuffer)                                                                    \
	X(kernelDestroy)                                                                           \
	X(makeGaussianKernelSep)                                                                   \
	X(pixClone)                                                                                \
	X(pixConnCompBB)                                                                           \
	X(pixConvertTo1)                                                                           \
	X(pixConvertTo8)                                                                           \
	X(pixConvolveSep)                                                                          \
	X(pixCreate)                                                                               \
	X(pixDeskew)                                                                               \
	X(pixDestroy)                                                                              \
	X(pixGetColormap)                                                                          \
	X(pixGetData)                                                                              \
	X(pixGetDepth)                                                                             \
	X(pixGetWpl)                                                                               \
	X(pixGetXRes)                                                                              \
	X(pixReadMem)                                                                              \
	X(pixScale)                                                                                \
	X(pixScaleGrayLI)                                                                          \
	X(pixSetInRect)                                                                            \
	X(pixSetResolution)                                                                        \
	X(pixaAddPix)                                                                              \
	X(pixaCreate)                                                                              \
	X(pixaDestroy)                                                                             \
	X(pixaGetCount)                                                                            \
	X(pixaGetPix)                                                                              \
	X(pixaReadMemMultipageTiff)                                                                \
	X(setMsgSeverity)

#define DL_TESS(X)                                                                                 \
	X(TessBaseAPIAllWordConfidences)                                                           \
	X(TessBaseAPIAnalyseLayout)                                                                \
	X(TessBaseAPIClear)                                                                        \
	X(TessBaseAPICreate)                                                                       \
	X(TessBaseAPIDelete)                                                                       \
	X(TessBaseAPIEnd)                                                                          \
	X(TessBaseAPIGetIterator)                                                                  \
	X(TessBaseAPIGetUTF8Text)                                                                  \
	X(TessBaseAPIInit3)                                                                        \
	X(TessBaseAPIRecognize)                                                                    \
	X(TessBaseAPISetImage2)                                                                    \
	X(TessBaseAPISetPageSegMode)                                                               \
	X(TessBaseAPISetSourceResolution)                                                          \
	X(TessBaseAPISetVariable)                                                                  \
	X(TessDeleteIntArray)                                                                      \
	X(TessDeleteText)                                                                          \
	X(TessPageIteratorBoundingBox)                                                             \
	X(TessPageIteratorDelete)                                                                  \
	X(TessPageIteratorNext)                                                                    \
	X(TessResultIteratorDelete)                                                                \
	X(TessResultIteratorGetPageIterator)                                                       \
	X(TessResultIteratorGetUTF8Text)                                                           \
	X(TessVersion)

#define DL_ARCHIVE(X)                                                                              \
	X(archive_entry_filetype)                                                                  \
	X(archive_entry_is_encrypted)                                                              \
	X(archive_entry_mtime)                                                                     \
	X(archive_entry_mtime_is_set)                                                              \
	X(archive_entry_pathname)                                                                  \
	X(archive_entry_pathname_utf8)                                                             \
	X(archive_entry_size)                                                                      \
	X(archive_entry_size_is_set)                                                               \
	X(archive_error_string)                                                                    \
	X(archive_format)                                                                          \
	X(archive_read_data)                                                                       \
	X(archive_read_free)                                                                       \
	X(archive_read_new)                                                                        \
	X(archive_read_next_header)                                                                \
	X(archive_read_open_memory)                                                                \
	X(archive_read_support_filter_all)                                                         \
	X(archive_read_support_format_all)                                                         \
	X(archive_read_support_format_raw)                                                         \
	X(archive_read_support_format_zip)

#define DL_MAGIC(X)                                                                                \
	X(magic_buffer)                                                                            \
	X(magic_close)                                                                             \
	X(magic_error)                                                                             \
	X(magic_load)                                                                              \
	X(magic_load_buffers)                                                                      \
	X(magic_open)

#define DL_GSF(X)                                                                                  \
	X(gsf_infile_child_by_name)                                                                \
	X(gsf_infile_msole_get_type)                                                               \
	X(gsf_infile_msole_new)                                                                    \
	X(gsf_input_memory_get_type)                                                               \
	X(gsf_input_memory_new)                                                                    \
	X(gsf_input_read)                                                                          \
	X(gsf_input_size)                                                                          \
	X(gsf_shared_memory_get_type)

#define DL_CRYPTO(X)                                                                               \
	X(EVP_DigestFinal_ex)                                                                      \
	X(EVP_DigestInit_ex)                                                                       \
	X(EVP_DigestUpdate)                                                                        \
	X(EVP_MD_CTX_free)                                                                         \
	X(EVP_MD_CTX_new)                                                                          \
	X(EVP_sha256)

#define DL_XML(X)                                                                                  \
	X(htmlCreateMemoryParserCtxt)                                                              \
	X(htmlCtxtUseOptions)                                                                      \
	X(htmlFreeParserCtxt)                                                                      \
	X(htmlParseDocument)                                                                       \
	X(xmlFindCharEncodingHandler)                                                              \
	X(xmlFreeTextReader)                                                                       \
	X(xmlInitParser)                                                                           \
	X(xmlReaderForMemory)                                                                      \
	X(xmlSetGenericErrorFunc)                                                                  \
	X(xmlSwitchToEncoding)                                                                     \
	X(xmlTextReaderConstLocalName)                                                             \
	X(xmlTextReaderConstNamespaceUri)                                                          \
	X(xmlTextReaderConstValue)                                                                 \
	X(xmlTextReaderDepth)                                                                      \
	X(xmlTextReaderGetErrorHandler)                                                            \
	X(xmlTextReaderIsEmptyElement)                                                             \
	X(xmlTextReaderMoveToElement)                                                              \
	X(xmlTextReaderMoveToFirstAttribute)                                                       \
	X(xmlTextReaderMoveToNextAttribute)                                                        \
	X(xmlTextReaderNext)                                                                       \
	X(xmlTextReaderNodeType)                                                                   \
	X(xmlTextReaderRead)                                                                       \
	X(xmlTextReaderSetErrorHandler)

#define DL_GOBJECT(X)                                                                              \
	X(g_object_unref)                                                                          \
	X(g_type_ensure)

#define DL_FIELD(s) __typeof__(s) *s;
struct dl_syms {
	DL_POPPLER(DL_FIELD)
	DL_CAIRO(DL_FIELD)
	DL_LEPT(DL_FIELD)
	DL_TESS(DL_FIELD)
	DL_ARCHIVE(DL_FIELD)
	DL_MAGIC(DL_FIELD)
	DL_GSF(DL_FIELD)
	DL_CRYPTO(DL_FIELD)
	DL_XML(DL_FIELD)
	DL_GOBJECT(DL_FIELD)
};
#undef DL_FIELD
extern struct dl_syms dl_syms;

/* What a caller needs loaded (or'ed together). */
enum {
	DL_CORE = 1, /* libarchive, libmagic, libgsf, libcrypto, libxml2, libgobject: every
	              * index run */
	DL_PDF = 2,  /* Poppler and cairo */
	DL_OCR = 4   /* Leptonica and Tesseract */
};

/* Load the groups' libraries and resolve their functions above, each group once per process
 * (thread-safe); later calls return the group's first outcome. */
int dl_load(unsigned groups, struct err *e);

#ifndef DL_NO_REDIRECT
#define poppler_document_get_n_pages      (dl_syms.poppler_document_get_n_pages)
#define poppler_document_get_page         (dl_syms.poppler_document_get_page)
#define poppler_document_new_from_bytes   (dl_syms.poppler_document_new_from_bytes)
#define poppler_error_quark               (dl_syms.poppler_error_quark)
#define poppler_page_free_text_attributes (dl_syms.poppler_page_free_text_attributes)
#define poppler_page_get_size             (dl_syms.poppler_page_get_size)
#define poppler_page_get_text             (dl_syms.poppler_page_get_text)
#define poppler_page_get_text_attributes  (dl_syms.poppler_page_get_text_attributes)
#define poppler_page_render_for_printing  (dl_syms.poppler_page_render_for_printing)
#define cairo_create                      (dl_syms.cairo_create)
#define cairo_destroy                     (dl_syms.cairo_destroy)
#define cairo_image_surface_create        (dl_syms.cairo_image_surface_create)
#define cairo_image_surface_get_data      (dl_syms.cairo_image_surface_get_data)
#define cairo_image_surface_get_stride    (dl_syms.cairo_image_surface_get_stride)
#define cairo_paint                       (dl_syms.cairo_paint)
#define cairo_scale                       (dl_syms.cairo_scale)
#define cairo_set_source_rgb              (dl_syms.cairo_set_source_rgb)
#define cairo_surface_destroy             (dl_syms.cairo_surface_destroy)
#define cairo_surface_flush               (dl_syms.cairo_surface_flush)
#define findFileFormatBuffer              (dl_syms.findFileFormatBuffer)
#define boxCreate                         (dl_syms.boxCreate)
#define boxDestroy                        (dl_syms.boxDestroy)
#define boxaDestroy                       (dl_syms.boxaDestroy)
#define boxaGetBoxGeometry                (dl_syms.boxaGetBoxGeometry)
#define boxaGetCount                      (dl_syms.boxaGetCount)
#define pixConnCompBB                     (dl_syms.pixConnCompBB)
#define pixConvertTo1                     (dl_syms.pixConvertTo1)
#define pixSetInRect                      (dl_syms.pixSetInRect)
#define kernelDestroy                     (dl_syms.kernelDestroy)
#define makeGaussianKernelSep             (dl_syms.makeGaussianKernelSep)
#define pixClone                          (dl_syms.pixClone)
#define pixConvertTo8                     (dl_syms.pixConvertTo8)
#define pixConvolveSep                    (dl_syms.pixConvolveSep)
#define pixCreate                         (dl_syms.pixCreate)
#define pixDeskew                         (dl_syms.pixDeskew)
#define pixDestroy                        (dl_syms.pixDestroy)
#define pixGetColormap                    (dl_syms.pixGetColormap)
#define pixGetData                        (dl_syms.pixGetData)
#define pixGetDepth                       (dl_syms.pixGetDepth)
#define pixGetWpl                         (dl_syms.pixGetWpl)
#define pixGetXRes                        (dl_syms.pixGetXRes)
#define pixReadMem                        (dl_syms.pixReadMem)
#define pixScale                          (dl_syms.pixScale)
#define pixScaleGrayLI                    (dl_syms.pixScaleGrayLI)
#define pixSetResolution                  (dl_syms.pixSetResolution)
#define pixaAddPix                        (dl_syms.pixaAddPix)
#define pixaCreate                        (dl_syms.pixaCreate)
#define pixaDestroy                       (dl_syms.pixaDestroy)
#define pixaGetCount                      (dl_syms.pixaGetCount)
#define pixaGetPix                        (dl_syms.pixaGetPix)
#define pixaReadMemMultipageTiff          (dl_syms.pixaReadMemMultipageTiff)
#define setMsgSeverity                    (dl_syms.setMsgSeverity)
#define TessBaseAPIAnalyseLayout          (dl_syms.TessBaseAPIAnalyseLayout)
#define TessBaseAPIAllWordConfidences     (dl_syms.TessBaseAPIAllWordConfidences)
#define TessBaseAPIClear                  (dl_syms.TessBaseAPIClear)
#define TessBaseAPICreate                 (dl_syms.TessBaseAPICreate)
#define TessBaseAPIDelete                 (dl_syms.TessBaseAPIDelete)
#define TessBaseAPIEnd                    (dl_syms.TessBaseAPIEnd)
#define TessBaseAPIGetIterator            (dl_syms.TessBaseAPIGetIterator)
#define TessBaseAPIGetUTF8Text            (dl_syms.TessBaseAPIGetUTF8Text)
#define TessBaseAPIInit3                  (dl_syms.TessBaseAPIInit3)
#define TessBaseAPIRecognize              (dl_syms.TessBaseAPIRecognize)
#define TessBaseAPISetImage2              (dl_syms.TessBaseAPISetImage2)
#define TessBaseAPISetPageSegMode         (dl_syms.TessBaseAPISetPageSegMode)
#define TessBaseAPISetSourceResolution    (dl_syms.TessBaseAPISetSourceResolution)
#define TessBaseAPISetVariable            (dl_syms.TessBaseAPISetVariable)
#define TessDeleteIntArray                (dl_syms.TessDeleteIntArray)
#define TessDeleteText                    (dl_syms.TessDeleteText)
#define TessPageIteratorBoundingBox       (dl_syms.TessPageIteratorBoundingBox)
#define TessPageIteratorNext              (dl_syms.TessPageIteratorNext)
#define TessPageIteratorDelete            (dl_syms.TessPageIteratorDelete)
#define TessResultIteratorDelete          (dl_syms.TessResultIteratorDelete)
#define TessResultIteratorGetPageIterator (dl_syms.TessResultIteratorGetPageIterator)
#define TessResultIteratorGetUTF8Text     (dl_syms.TessResultIteratorGetUTF8Text)
#define TessVersion                       (dl_syms.TessVersion)
#define archive_entry_filetype            (dl_syms.archive_entry_filetype)
#define archive_entry_is_encrypted        (dl_syms.archive_entry_is_encrypted)
#define archive_entry_mtime               (dl_syms.archive_entry_mtime)
#define archive_entry_mtime_is_set        (dl_syms.archive_entry_mtime_is_set)
#define archive_entry_pathname            (dl_syms.archive_entry_pathname)
#define archive_entry_pathname_utf8       (dl_syms.archive_entry_pathname_utf8)
#define archive_entry_size                (dl_syms.archive_entry_size)
#define archive_entry_size_is_set         (dl_syms.archive_entry_size_is_set)
#define archive_error_string              (dl_syms.archive_error_string)
#define archive_format                    (dl_syms.archive_format)
#define archive_read_data                 (dl_syms.archive_read_data)
#define archive_read_free                 (dl_syms.archive_read_free)
#define archive_read_new                  (dl_syms.archive_read_new)
#define archive_read_next_header          (dl_syms.archive_read_next_header)
#define archive_read_open_memory          (dl_syms.archive_read_open_memory)
#define archive_read_support_filter_all   (dl_syms.archive_read_support_filter_all)
#define archive_read_support_format_all   (dl_syms.archive_read_support_format_all)
#define archive_read_support_format_raw   (dl_syms.archive_read_support_format_raw)
#define archive_read_support_format_zip   (dl_syms.archive_read_support_format_zip)
#define magic_buffer                      (dl_syms.magic_buffer)
#define magic_close                       (dl_syms.magic_close)
#define magic_error                       (dl_syms.magic_error)
#define magic_load                        (dl_syms.magic_load)
#define magic_load_buffers                (dl_syms.magic_load_buffers)
#define magic_open                        (dl_syms.magic_open)
#define gsf_infile_child_by_name          (dl_syms.gsf_infile_child_by_name)
#define gsf_infile_msole_get_type         (dl_syms.gsf_infile_msole_get_type)
#define gsf_infile_msole_new              (dl_syms.gsf_infile_msole_new)
#define gsf_input_memory_get_type         (dl_syms.gsf_input_memory_get_type)
#define gsf_input_memory_new              (dl_syms.gsf_input_memory_new)
#define gsf_input_read                    (dl_syms.gsf_input_read)
#define gsf_input_size                    (dl_syms.gsf_input_size)
#define gsf_shared_memory_get_type        (dl_syms.gsf_shared_memory_get_type)
#define EVP_DigestFinal_ex                (dl_syms.EVP_DigestFinal_ex)
#define EVP_DigestInit_ex                 (dl_syms.EVP_DigestInit_ex)
#define EVP_DigestUpdate                  (dl_syms.EVP_DigestUpdate)
#define EVP_MD_CTX_free                   (dl_syms.EVP_MD_CTX_free)
#define EVP_MD_CTX_new                    (dl_syms.EVP_MD_CTX_new)
#define EVP_sha256                        (dl_syms.EVP_sha256)
#define htmlCreateMemoryParserCtxt        (dl_syms.htmlCreateMemoryParserCtxt)
#define htmlCtxtUseOptions                (dl_syms.htmlCtxtUseOptions)
#define htmlFreeParserCtxt                (dl_syms.htmlFreeParserCtxt)
#define htmlParseDocument                 (dl_syms.htmlParseDocument)
#define xmlFindCharEncodingHandler        (dl_syms.xmlFindCharEncodingHandler)
#define xmlFreeTextReader                 (dl_syms.xmlFreeTextReader)
#define xmlInitParser                     (dl_syms.xmlInitParser)
#define xmlReaderForMemory                (dl_syms.xmlReaderForMemory)
#define xmlSetGenericErrorFunc            (dl_syms.xmlSetGenericErrorFunc)
#define xmlSwitchToEncoding               (dl_syms.xmlSwitchToEncoding)
#define xmlTextReaderConstLocalName       (dl_syms.xmlTextReaderConstLocalName)
#define xmlTextReaderConstNamespaceUri    (dl_syms.xmlTextReaderConstNamespaceUri)
#define xmlTextReaderConstValue           (dl_syms.xmlTextReaderConstValue)
#define xmlTextReaderDepth                (dl_syms.xmlTextReaderDepth)
#define xmlTextReaderGetErrorHandler      (dl_syms.xmlTextReaderGetErrorHandler)
#define xmlTextReaderIsEmptyElement       (dl_syms.xmlTextReaderIsEmptyElement)
#define xmlTextReaderMoveToElement        (dl_syms.xmlTextReaderMoveToElement)
#define xmlTextReaderMoveToFirstAttribute (dl_syms.xmlTextReaderMoveToFirstAttribute)
#define xmlTextReaderMoveToNextAttribute  (dl_syms.xmlTextReaderMoveToNextAttribute)
#define xmlTextReaderNext                 (dl_syms.xmlTextReaderNext)
#define xmlTextReaderNodeType             (dl_syms.xmlTextReaderNodeType)
#define xmlTextReaderRead                 (dl_syms.xmlTextReaderRead)
#define xmlTextReaderSetErrorHandler      (dl_syms.xmlTextReaderSetErrorHandler)
#define g_object_unref                    (dl_syms.g_object_unref)
#define g_type_ensure                     (dl_syms.g_type_ensure)
#endif

#endif
