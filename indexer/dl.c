#define DL_NO_REDIRECT
#include "dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* sonames of the libraries linked against at build time (Makefile); these are Debian 12's */
#ifndef SONAME_POPPLER
#define SONAME_POPPLER "libpoppler-glib.so.8"
#endif
#ifndef SONAME_CAIRO
#define SONAME_CAIRO "libcairo.so.2"
#endif
#ifndef SONAME_LEPT
#define SONAME_LEPT "liblept.so.5"
#endif
#ifndef SONAME_TESS
#define SONAME_TESS "libtesseract.so.5"
#endif
#ifndef SONAME_ARCHIVE
#define SONAME_ARCHIVE "libarchive.so.13"
#endif
#ifndef SONAME_MAGIC
#define SONAME_MAGIC "libmagic.so.1"
#endif
#ifndef SONAME_GSF
#define SONAME_GSF "libgsf-1.so.114"
#endif
#ifndef SONAME_CRYPTO
#define SONAME_CRYPTO "libcrypto.so.3"
#endif
#ifndef SONAME_XML
#define SONAME_XML "libxml2.so.2"
#endif
#ifndef SONAME_GOBJECT
#define SONAME_GOBJECT "libgobject-2.0.so.0"
#endif

struct dl_syms dl_syms;

/* Each group is loaded on its first use, on its own: loading Poppler and Tesseract with what
 * they bring made an index run of two small text files take 64-72 ms instead of 47-59 (wall),
 * and a missing one must not stop the files that do not need it. */
enum { G_CORE, G_PDF, G_OCR, NGROUPS };
static pthread_once_t once[NGROUPS] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
static char failure[NGROUPS][512];

static void *open_lib(const char *soname, char *why)
{
	/* lazy: the functions these libraries call among themselves are bound when first
	 * called; binding all of Tesseract's and Poppler's at once was 11M instructions of an
	 * index run's start (the functions we call are looked up below, and checked) */
	void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);

	if (!h)
		snprintf(why, sizeof(failure[0]), "cannot load %s: %s", soname, dlerror());
	return h;
}

static void resolve(void *h, const char *soname, const char *name, void *slot, char *why)
{
	void *p;

	if (why[0])
		return;
	/* a function pointer stored through its bytes: ISO C has no void * to function
	 * pointer conversion, POSIX guarantees the representation */
	p = dlsym(h, name);
	if (!p)
		snprintf(why, sizeof(failure[0]), "%s has no %s", soname, name);
	else
		memcpy(slot, &p, sizeof(p));
}

/* the handles stay open for the life of the process: nothing unloads them */
#define DL_RESOLVE(s) resolve(h, so, #s, &dl_syms.s, why);
#define DL_GROUP(g, soname, list)                                                                  \
	do {                                                                                       \
		const char *so = soname;                                                           \
		char *why = failure[g];                                                            \
		void *h;                                                                           \
		if (!why[0] && (h = open_lib(so, why)) != NULL) {                                  \
			list(DL_RESOLVE)                                                           \
		}                                                                                  \
	} while (0)

static void load_core(void)
{
	DL_GROUP(G_CORE, SONAME_ARCHIVE, DL_ARCHIVE);
	DL_GROUP(G_CORE, SONAME_MAGIC, DL_MAGIC);
	DL_GROUP(G_CORE, SONAME_GSF, DL_GSF);
	DL_GROUP(G_CORE, SONAME_CRYPTO, DL_CRYPTO);
	DL_GROUP(G_CORE, SONAME_XML, DL_XML);
	DL_GROUP(G_CORE, SONAME_GOBJECT, DL_GOBJECT);
}

static void load_pdf(void)
{
	DL_GROUP(G_PDF, SONAME_POPPLER, DL_POPPLER);
	DL_GROUP(G_PDF, SONAME_CAIRO, DL_CAIRO);
}

static void load_ocr(void)
{
	DL_GROUP(G_OCR, SONAME_LEPT, DL_LEPT);
	DL_GROUP(G_OCR, SONAME_TESS, DL_TESS);
}
#undef DL_GROUP
#undef DL_RESOLVE

int dl_load(unsigned groups, struct err *e)
{
	static void (*const load[NGROUPS])(void) = {load_core, load_pdf, load_ocr};
	int g;

	for (g = 0; g < NGROUPS; g++) {
		if (!(groups & (1u << g)))
			continue;
		pthread_once(&once[g], load[g]);
		if (failure[g][0])
			return err_set(e, "%s", failure[g]);
	}
	return 0;
}
