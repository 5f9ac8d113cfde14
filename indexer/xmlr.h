/*
 * xmlr: the few things every XML-based reader (docx, odt) asks of libxml2's streaming
 * reader. Streaming keeps memory bounded by the depth of the document, not its size, and
 * the parser options here are the safe ones: no network, no entity expansion (so no
 * "billion laughs"), no DTD loading.
 */
#ifndef THIDUA_XMLR_H
#define THIDUA_XMLR_H
#include <libxml/xmlreader.h>
#include <stddef.h>

#include "util.h"

/* Load libxml2 (indexer/dl.h) and keep it from printing its own errors on stderr
 * (encoding errors go to its per-thread generic handler whatever the parser options say);
 * readers report errors as values. Call on the thread that parses, before any libxml2
 * function; -1 with e set when libxml2 cannot be loaded. */
int xmlr_quiet(struct err *e);

/* A reader over data[0..n); NULL if libxml2 cannot start (e set). */
xmlTextReaderPtr xmlr_open(const char *data, size_t n, const char *url, struct err *e);

/*
 * Close the reader. Returns -1 with e set to "name: malformed XML: <libxml2's message>"
 * when reading stopped on an error (rc < 0 from the last xmlTextReaderRead).
 */
int xmlr_close(xmlTextReaderPtr r, int rc, const char *name, struct err *e);

/* The attribute with this local name (any namespace), malloc'd, or NULL. */
char *xmlr_attr(xmlTextReaderPtr r, const char *local);

/* Whether the current node's local name is `local` and its namespace one of ns (NULL-ended). */
int xmlr_is(xmlTextReaderPtr r, const char *const *ns, const char *local);

/* Whether a boolean OOXML attribute value means true (absent = true for on/off props). */
int xmlr_on(const char *val);

#endif
