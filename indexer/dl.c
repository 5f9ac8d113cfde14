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

struct dl_syms dl_syms;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];

static void *open_lib(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

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
	{
		const char *so = SONAME_POPPLER;
		if ((h = open_lib(so)) != NULL) {
			DL_POPPLER(DL_RESOLVE)
		}
	}
	{
		const char *so = SONAME_CAIRO;
		if (!failure[0] && (h = open_lib(so)) != NULL) {
			DL_CAIRO(DL_RESOLVE)
		}
	}
	{
		const char *so = SONAME_LEPT;
		if (!failure[0] && (h = open_lib(so)) != NULL) {
			DL_LEPT(DL_RESOLVE)
		}
	}
	{
		const char *so = SONAME_TESS;
		if (!failure[0] && (h = open_lib(so)) != NULL) {
			DL_TESS(DL_RESOLVE)
		}
	}
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
