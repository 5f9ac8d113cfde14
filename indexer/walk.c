#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct seen {
	dev_t dev;
	ino_t ino;
};

struct state {
	struct walk *w;
	const char *const *skip;
	walk_warn_fn warn;
	void *ctx;
	struct seen *dirs;
	size_t ndirs, dcap;
};

static int skipped(const struct state *s, const char *path)
{
	const char *const *p;
	for (p = s->skip; p && *p; p++)
		if (strcmp(*p, path) == 0)
			return 1;
	return 0;
}

static void problem(struct state *s, const char *path, const char *msg)
{
	s->w->nproblems++;
	if (s->warn)
		s->warn(s->ctx, path, msg);
}

static void add_file(struct state *s, const char *path, const struct stat *st)
{
	struct walk *w = s->w;
	struct walk_file *f;

	if (skipped(s, path))
		return;
	w->files = xgrow(w->files, &w->cap, w->nfiles + 1, sizeof(*w->files));
	f = &w->files[w->nfiles++];
	f->path = xstrdup(path);
	f->size = (long long)st->st_size;
	f->mtime = (long long)st->st_mtime;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void visit(struct state *s, const char *path, int depth);

static void visit_dir(struct state *s, const char *path, const struct stat *st, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < s->ndirs; i++)
		if (s->dirs[i].dev == st->st_dev && s->dirs[i].ino == st->st_ino) {
			struct stat lst;
			/* a link loop or a second link to the same folder: say so when a link
			 * led here (the same folder named twice on the command line is not news) */
			if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
				problem(s, path,
				        "symbolic link to a folder already visited (a link loop?): "
				        "not entered again");
			return;
		}
	s->dirs = xgrow(s->dirs, &s->dcap, s->ndirs + 1, sizeof(*s->dirs));
	s->dirs[s->ndirs].dev = st->st_dev;
	s->dirs[s->ndirs].ino = st->st_ino;
	s->ndirs++;
	if (depth > 64) {
		problem(s, path, "folders nested too deep (over 64 levels); not entered");
		return;
	}
	d = opendir(path);
	if (!d) {
		problem(s, path, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1) /* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/%s", strcmp(path, "/") == 0 ? "" : path, names[i]);
		visit(s, p.p, depth + 1);
		buf_free(&p);
		free(names[i]);
	}
	free(names);
}

static void visit(struct state *s, const char *path, int depth)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		problem(s, path,
		        errno == ENOENT ? "no such file (or a dangling link)" : strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode))
		visit_dir(s, path, &st, depth);
	else if (S_ISREG(st.st_mode))
		add_file(s, path, &st);
	else if (depth == 0)
		problem(s, path, "not a regular file or folder");
}

void walk_paths(char *const *args, int nargs, const char *const *skip, struct walk *w,
                walk_warn_fn warn, void *ctx)
{
	struct state s = {w, skip, warn, ctx, NULL, 0, 0};
	int i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < nargs; i++) {
		char *real = realpath(args[i], NULL);
		struct stat st;
		if (!real) {
			problem(&s, args[i],
			        errno == ENOENT ? "no such file or folder" : strerror(errno));
			continue;
		}
		if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
			w->roots = xgrow(w->roots, &w->rcap, w->nroots + 1, sizeof(*w->roots));
			w->roots[w->nroots++] = xstrdup(real);
		}
		visit(&s, real, 0);
		free(real);
	}
	free(s.dirs);
}

void walk_free(struct walk *w)
{
	size_t i;
	for (i = 0; i < w->nfiles; i++)
		free(w->files[i].path);
	for (i = 0; i < w->nroots; i++)
		free(w->roots[i]);
	free(w->files);
	free(w->roots);
	memset(w, 0, sizeof(*w));
}
