#include "fmt_archive.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int archive_mime(const char *mime)
{
	static const char *const types[] = {"application/zip",
	                                    "application/x-zip-compressed",
	                                    "application/x-tar",
	                                    "application/gzip",
	                                    "application/x-gzip",
	                                    "application/x-bzip2",
	                                    "application/x-xz",
	                                    "application/zstd",
	                                    "application/x-zstd",
	                                    "application/x-7z-compressed",
	                                    "application/x-rar",
	                                    "application/vnd.rar",
	                                    "application/x-rar-compressed",
	                                    "application/x-cpio",
	                                    "application/x-iso9660-image",
	                                    "application/x-lzma",
	                                    "application/x-lzip",
	                                    "application/x-compress",
	                                    NULL};
	const char *const *t;
	for (t = types; *t; t++)
		if (strcasecmp(mime, *t) == 0)
			return 1;
	return 0;
}

struct expand {
	struct extractor *x;
	const char *path;
	int depth;
	struct arc_budget *b;
	struct docset *out;
	int nmembers;
};

static void fail(struct docset *out, const char *path, const char *name, const char *msg)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s!%s: %s", path, name, msg);
	docset_fail(out, buf_detach(&b));
}

/* Names a person would not call documents: folders' metadata from macOS and hidden files. */
static int metadata(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	return strncmp(name, "__MACOSX/", 9) == 0 || base[0] == '.' || base[0] == 0;
}

static int want(void *ctx, const struct arc_entry *m, struct err *e)
{
	struct expand *ex = ctx;

	(void)e;
	if (!m->is_file || metadata(m->name))
		return 0;
	if (arc_name_unsafe(m->name)) {
		fail(ex->out, ex->path, m->name,
		     "member name leaves the archive (absolute or ../): refused, not read");
		return 0;
	}
	return 1;
}

/* A lone compressed file's member is named after the file: "report.txt.gz" -> "report.txt". */
static char *raw_name(const char *path)
{
	static const char *const exts[] = {".gz", ".tgz",  ".bz2", ".xz", ".zst",
	                                   ".lz", ".lzma", ".Z",   NULL};
	const char *base = strrchr(path, '!');
	const char *slash = strrchr(path, '/');
	const char *const *x;
	size_t n;

	if (!base || (slash && slash > base))
		base = slash;
	base = base ? base + 1 : path;
	n = strlen(base);
	for (x = exts; *x; x++) {
		size_t k = strlen(*x);
		if (n > k && strcasecmp(base + n - k, *x) == 0)
			return xstrndup(base, n - k);
	}
	return xstrdup("data");
}

static int got(void *ctx, const struct arc_entry *m, char *data, size_t n, struct err *e)
{
	struct expand *ex = ctx;
	struct buf path = BUF_INIT;
	char *name = m->raw ? raw_name(ex->path) : xstrdup(m->name);
	int rc = 0;

	(void)e;
	ex->nmembers++;
	if (!data) {
		fail(ex->out, ex->path, name, "encrypted member (no password is tried)");
		free(name);
		return 0;
	}
	buf_printf(&path, "%s!%s", ex->path, name);
	rc = extract_member(ex->x, path.p, data, n, m->mtime, ex->depth + 1, ex->b, ex->out, e);
	free(data);
	buf_free(&path);
	free(name);
	return rc;
}

int archive_expand(struct extractor *x, const char *path, const char *data, size_t n, int depth,
                   struct arc_budget *b, struct docset *out, struct err *e)
{
	struct expand ex = {x, path, depth, b, out, 0};

	if (depth > ARCHIVE_MAX_DEPTH)
		return err_set(e, "archives nested more than %d deep: not opened",
		               ARCHIVE_MAX_DEPTH);
	if (arc_walk(data, n, ARC_ANY, b, want, got, &ex, e) != 0) {
		/* the limits say what they are; anything else is libarchive on broken bytes */
		if (!starts_with(e->msg, "expands beyond") && !starts_with(e->msg, "more than") &&
		    !starts_with(e->msg, "a member expands") &&
		    !starts_with(e->msg, "archives nested"))
			err_prefix(e, "damaged or truncated archive");
		return -1;
	}
	if (ex.nmembers == 0 && out->nfails == 0)
		return err_set(e, "archive with no files in it");
	return 0;
}
