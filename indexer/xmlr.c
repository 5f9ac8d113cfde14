#include "xmlr.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h" /* last: its names redirect the libraries' functions */

/* libxml2 reports errors through a callback; keep the first one per reader. */
static void on_error(void *arg, const char *msg, xmlParserSeverities sev,
                     xmlTextReaderLocatorPtr loc)
{
	struct buf *first = arg;

	(void)loc;
	if (sev != XML_PARSER_SEVERITY_ERROR || first->n)
		return;
	buf_adds(first, msg);
	while (first->n && (first->p[first->n - 1] == '\n' || first->p[first->n - 1] == ' '))
		first->p[--first->n] = 0;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void init_parser(void)
{
	xmlInitParser();
}

int xmlr_quiet(struct err *e)
{
	/* libxml2 2.9 wants xmlInitParser called once before threads parse; its own lazy
	 * call on first use is not guarded, and workers read their first files together */
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	if (dl_load(DL_CORE, e) != 0)
		return -1;
	pthread_once(&once, init_parser);
	xmlSetGenericErrorFunc(NULL, silent);
	return 0;
}

xmlTextReaderPtr xmlr_open(const char *data, size_t n, const char *url, struct err *e)
{
	xmlTextReaderPtr r;
	struct buf *first;

	if (n > (size_t)0x7fffffff) {
		err_set(e, "%s: part too large for the XML parser", url);
		return NULL;
	}
	if (xmlr_quiet(e) != 0)
		return NULL;
	r = xmlReaderForMemory(data, (int)n, url, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!r) {
		err_set(e, "%s: cannot start the XML parser", url);
		return NULL;
	}
	first = xcalloc(1, sizeof(*first));
	xmlTextReaderSetErrorHandler(r, on_error, first);
	return r;
}

int xmlr_close(xmlTextReaderPtr r, int rc, const char *name, struct err *e)
{
	void *arg = NULL;
	xmlTextReaderErrorFunc f;
	struct buf *first;

	xmlTextReaderGetErrorHandler(r, &f, &arg);
	first = arg;
	if (rc < 0)
		err_set(e, "%s: malformed XML: %s", name,
		        first && first->n ? first->p : "parse error");
	xmlFreeTextReader(r);
	if (first) {
		buf_free(first);
		free(first);
	}
	return rc < 0 ? -1 : 0;
}

char *xmlr_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		if (ln && strcmp(ln, local) == 0) {
			const char *val = (const char *)xmlTextReaderConstValue(r);
			v = xstrdup(val ? val : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

int xmlr_is(xmlTextReaderPtr r, const char *const *ns, const char *local)
{
	const char *ln = (const char *)xmlTextReaderConstLocalName(r);
	const char *uri;

	/* the namespace costs a lookup through the node's scope, and readers ask a node
	 * about a dozen names in turn: only a node with the right local name pays it */
	if (!ln || strcmp(ln, local) != 0)
		return 0;
	uri = (const char *)xmlTextReaderConstNamespaceUri(r);
	for (; *ns; ns++)
		if (uri && strcmp(uri, *ns) == 0)
			return 1;
	return 0;
}

int xmlr_on(const char *val)
{
	return !val ||
	       !(strcmp(val, "0") == 0 || strcmp(val, "false") == 0 || strcmp(val, "off") == 0);
}
