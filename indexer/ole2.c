#include "ole2.h"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-shared-memory.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h" /* last: its names redirect the libraries' functions */

#define MAX_GIVEN 8

struct ole2 {
	GsfInput *mem;
	GsfInfile *root;
	/* ole2_from_streams */
	size_t ngiven;
	const char *name[MAX_GIVEN];
	const unsigned char *data[MAX_GIVEN];
	size_t len[MAX_GIVEN];
};

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

/*
 * libgsf reports damaged containers as multi-line GLib warnings on stderr ("This OLE2
 * file is invalid..."). What matters reaches us as a failed open or read, which becomes
 * the one error line for the file; the warnings would only bury it.
 */
static void init_libgsf(void)
{
	GLogLevelFlags levels = G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
	                        G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG;

	g_log_set_handler("libgsf", levels, quiet, NULL);
	g_log_set_handler("libgsf:msole", levels, quiet, NULL);
	g_log_set_handler(NULL, levels, quiet, NULL); /* gsf-infile.c logs without a domain */
	/* libgsf registers each of its GObject types the first time it is asked for it,
	 * without a lock: two workers opening their first Word files at once registered
	 * GsfInputMemory twice ("cannot register existing type") and crashed. Register the
	 * types we use here, once. */
	g_type_ensure(GSF_INPUT_MEMORY_TYPE);
	g_type_ensure(GSF_INFILE_MSOLE_TYPE);
	g_type_ensure(GSF_SHARED_MEMORY_TYPE);
}

struct ole2 *ole2_open(const char *data, size_t n, struct err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct ole2 *o;
	GError *ge = NULL;

	if (dl_load(DL_CORE, e) != 0)
		return NULL;
	o = xcalloc(1, sizeof(*o));
	pthread_once(&once, init_libgsf);

	o->mem = gsf_input_memory_new((const guint8 *)data, (gsf_off_t)n, FALSE);
	if (o->mem)
		o->root = gsf_infile_msole_new(o->mem, &ge);
	if (!o->root) {
		err_set(e, "corrupt OLE2 compound file: %s",
		        ge && ge->message ? ge->message : "libgsf cannot open it");
		if (ge)
			g_error_free(ge);
		ole2_close(o);
		return NULL;
	}
	return o;
}

struct ole2 *ole2_from_streams(const char *const *names, const unsigned char *const *data,
                               const size_t *len, size_t n)
{
	struct ole2 *o = xcalloc(1, sizeof(*o));
	size_t i;

	for (i = 0; i < n && i < MAX_GIVEN; i++) {
		o->name[i] = names[i];
		o->data[i] = data[i];
		o->len[i] = len[i];
	}
	o->ngiven = i;
	return o;
}

static int given(const struct ole2 *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ngiven; i++)
		if (strcmp(o->name[i], name) == 0)
			return (int)i;
	return -1;
}

void ole2_close(struct ole2 *o)
{
	if (!o)
		return;
	if (o->root)
		g_object_unref(o->root);
	if (o->mem)
		g_object_unref(o->mem);
	free(o);
}

int ole2_has(struct ole2 *o, const char *name)
{
	GsfInput *in;

	if (!o->root)
		return given(o, name) >= 0;
	in = gsf_infile_child_by_name(o->root, name);

	if (!in)
		return 0;
	g_object_unref(in);
	return 1;
}

int ole2_stream(struct ole2 *o, const char *name, size_t max, unsigned char **out, size_t *len,
                struct err *e)
{
	GsfInput *in;
	gsf_off_t size;
	unsigned char *p;
	int k;

	*out = NULL;
	*len = 0;
	if (!o->root) {
		if ((k = given(o, name)) < 0)
			return 1;
		if (o->len[k] > max)
			return err_set(e, "stream %s is too large (%zu bytes)", name, o->len[k]);
		*out = xmalloc(o->len[k] + 1);
		if (o->len[k])
			memcpy(*out, o->data[k], o->len[k]);
		(*out)[o->len[k]] = 0;
		*len = o->len[k];
		return 0;
	}
	in = gsf_infile_child_by_name(o->root, name);
	if (!in)
		return 1;
	size = gsf_input_size(in);
	if (size < 0 || (unsigned long long)size > max) {
		g_object_unref(in);
		return err_set(e, "stream %s is too large (%lld bytes)", name, (long long)size);
	}
	/* +1: never a zero-byte allocation, and room for a terminator some parsers like */
	p = xmalloc((size_t)size + 1);
	if (size > 0 && !gsf_input_read(in, (size_t)size, p)) {
		free(p);
		g_object_unref(in);
		return err_set(e, "truncated OLE2 file: stream %s cannot be read", name);
	}
	p[size] = 0;
	g_object_unref(in);
	*out = p;
	*len = (size_t)size;
	return 0;
}
