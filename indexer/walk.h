/*
 * walk: the files named on the command line, folders searched recursively, in a stable
 * order (sorted by name) so document ids do not depend on readdir().
 *
 * Hidden entries (".git", ".DS_Store") inside folders are skipped; a file named explicitly
 * is always taken. Symbolic links are followed, but a folder already visited (a link loop,
 * or two links to one folder) is entered once. Paths come out absolute and resolved.
 */
#ifndef THIDUA_WALK_H
#define THIDUA_WALK_H
#include <stddef.h>

struct walk_file {
	char *path;
	long long size, mtime;
};

struct walk {
	struct walk_file *files;
	size_t nfiles, cap;
	char **roots; /* resolved folders given on the command line (for removal of gone files) */
	size_t nroots, rcap;
	size_t nproblems;
};

/* Problems (unreadable folder, dangling link) are reported through warn and counted. */
typedef void (*walk_warn_fn)(void *ctx, const char *path, const char *msg);

void walk_paths(char *const *args, int nargs, const char *const *skip, struct walk *w,
		walk_warn_fn warn, void *ctx);
void walk_free(struct walk *w);

#endif
