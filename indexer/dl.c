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

struct dl_syms dl_syms;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];

static void *open_lib(const char *soname)
{
	/* lazy: the functions these libraries call among themselves are bound when first
	 * called; binding all of Tesseract's and Poppler's at once was 11M instructions of an
	 * index run's start (the functions we call are looked up below, and checked) */
	void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);

	if (!h)
		snprintf(failure, sizeof(failure), "cannot load %s: %s", soname, dlerror());
	return h;
}

static void resolve(void *h, const char *soname, const char *name, void *slot)
{
	void *p;

	if (failure[0])
		return;
	/* a function pointer stored through its bytes: ISO C has no void * to function
	 * pointer conversion, POSIX guarantees the representation */
	p = dlsym(h, name);
	if (!p)
		snprintf(failure, sizeof(failure), "%s has no %s", soname, name);
	else
		memcpy(slot, &p, sizeof(p));
}

static void load(void)
{
	void *h;

#define DL_RESOLVE(s) resolve(h, so, #s, &dl_syms.s);
#define DL_GROUP(soname, list)                                                                     \
	do {                                                                                       \
		const char *so = soname;                                                           \
		if (!failure[0] && (h = open_lib(so)) != NULL) {                                   \
			list(DL_RESOLVE)                                                           \
		}                                                                                  \
	} while (0)
	DL_GROUP(SONAME_POPPLER, DL_POPPLER);
	DL_GROUP(SONAME_CAIRO, DL_CAIRO);
	DL_GROUP(SONAME_LEPT, DL_LEPT);
	DL_GROUP(SONAME_TESS, DL_TESS);
	DL_GROUP(SONAME_ARCHIVE, DL_ARCHIVE);
	DL_GROUP(SONAME_MAGIC, DL_MAGIC);
	DL_GROUP(SONAME_GSF, DL_GSF);
	DL_GROUP(SONAME_CRYPTO, DL_CRYPTO);
#undef DL_GROUP
#undef DL_RESOLVE
	/* the handles stay open for the life of the process: nothing unloads them */
}

int dl_load(struct err *e)
{
	pthread_once(&once, load);
	if (failure[0])
		return err_set(e, "%s", failure);
	return 0;
}
