#include "arc.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dl.h" /* last: its names redirect the libraries' functions */

void arc_budget_init(struct arc_budget *b, size_t n)
{
	size_t by_ratio = n > ARC_MAX_TOTAL / ARC_MAX_RATIO ? ARC_MAX_TOTAL : n * ARC_MAX_RATIO;

	if (by_ratio < ARC_RATIO_FLOOR)
		by_ratio = ARC_RATIO_FLOOR;
	b->left = by_ratio < ARC_MAX_TOTAL ? by_ratio : ARC_MAX_TOTAL;
	b->members_left = ARC_MAX_MEMBERS;
}

static int over_budget(struct err *e)
{
	/* Which limit bit is not known here (nested archives share one budget); both are
	 * named so the user knows what to change. */
	return err_set(e,
	               "expands beyond the limits (more than %d times its size, or %zu MiB):"
	               " refused as a likely zip bomb",
	               ARC_MAX_RATIO, ARC_MAX_TOTAL >> 20);
}

/* Read the current member's bytes, charging the budget as they are decompressed. */
static int read_member(struct archive *a, struct arc_budget *b, char **out, size_t *len,
                       struct err *e)
{
	struct buf d = BUF_INIT;
	char chunk[64 * 1024];

	for (;;) {
		la_ssize_t k = archive_read_data(a, chunk, sizeof(chunk));
		if (k == 0)
			break;
		if (k < 0) {
			const char *msg = archive_error_string(a);
			buf_free(&d);
			return err_set(e, "%s", msg ? msg : "cannot decompress a member");
		}
		if ((size_t)k > b->left) {
			buf_free(&d);
			return over_budget(e);
		}
		if (d.n + (size_t)k > ARC_MAX_MEMBER) {
			buf_free(&d);
			return err_set(e, "a member expands beyond %zu MiB", ARC_MAX_MEMBER >> 20);
		}
		b->left -= (size_t)k;
		buf_add(&d, chunk, (size_t)k);
	}
	*len = d.n;
	*out = d.p ? d.p : xstrdup("");
	return 0;
}

int arc_walk(const char *data, size_t n, int kind, struct arc_budget *b, arc_want_fn want,
             arc_data_fn got, void *ctx, struct err *e)
{
	struct archive *a;
	struct archive_entry *ent;
	int rc = 0, r;

	if (dl_load(DL_CORE, e) != 0)
		return -1;
	a = archive_read_new();
	if (kind == ARC_ZIP_ONLY) {
		archive_read_support_format_zip(a);
	} else {
		archive_read_support_filter_all(a);
		archive_read_support_format_all(a);
		/* a lone compressed file (report.txt.gz) is an archive of one member */
		archive_read_support_format_raw(a);
	}
	if (archive_read_open_memory(a, data, n) != ARCHIVE_OK) {
		rc = err_set(e, "%s",
		             archive_error_string(a) ? archive_error_string(a)
		                                     : "not a readable archive");
		goto out;
	}
	while ((r = archive_read_next_header(a, &ent)) != ARCHIVE_EOF) {
		struct arc_entry m;
		const char *name;
		char *bytes = NULL;
		size_t len = 0;
		int w;

		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			const char *msg = archive_error_string(a);
			rc = err_set(e, "%s", msg ? msg : "damaged archive");
			break;
		}
		if (b->members_left == 0) {
			rc = err_set(e, "more than %d members: refused", ARC_MAX_MEMBERS);
			break;
		}
		b->members_left--;
		name = archive_entry_pathname_utf8(ent);
		if (!name)
			name = archive_entry_pathname(ent);
		m.name = name ? name : "";
		m.is_file = archive_entry_filetype(ent) == AE_IFREG;
		m.size = archive_entry_size_is_set(ent) ? (long long)archive_entry_size(ent) : -1;
		m.mtime = archive_entry_mtime_is_set(ent) ? (long long)archive_entry_mtime(ent) : 0;
		m.raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
		w = want(ctx, &m, e);
		if (w < 0) {
			rc = -1;
			break;
		}
		if (w == 0 || !m.is_file)
			continue;
		if (archive_entry_is_encrypted(ent)) {
			rc = err_set(e, "%s: encrypted member (no password is tried)", m.name);
			if (kind == ARC_ZIP_ONLY)
				break;
			/* in a plain archive an encrypted member is one failed document */
			if (got(ctx, &m, NULL, 0, e) < 0)
				break;
			rc = 0;
			continue;
		}
		if (read_member(a, b, &bytes, &len, e) != 0) {
			rc = -1;
			break;
		}
		if (got(ctx, &m, bytes, len, e) < 0) {
			rc = -1;
			break;
		}
	}
out:
	archive_read_free(a);
	return rc;
}

/* ---------------------------------------------------------------- names */

struct office_ctx {
	int word, content, mimetype;
};

static int note_name(void *ctx, const struct arc_entry *m, struct err *e)
{
	struct office_ctx *oc = ctx;
	const char *name = m->name;

	(void)e;
	while (*name == '/')
		name++;
	oc->word |= strcmp(name, "word/document.xml") == 0;
	oc->content |= strcmp(name, "content.xml") == 0;
	oc->mimetype |= strcmp(name, "mimetype") == 0;
	return 0;
}

static int no_data(void *ctx, const struct arc_entry *m, char *data, size_t n, struct err *e)
{
	(void)ctx;
	(void)m;
	(void)n;
	(void)e;
	free(data);
	return 0;
}

const char *arc_office_kind(const char *data, size_t n)
{
	struct office_ctx oc = {0, 0, 0};
	struct arc_budget b;
	struct err e;

	arc_budget_init(&b, n);
	arc_walk(data, n, ARC_ZIP_ONLY, &b, note_name, no_data, &oc, &e);
	if (oc.word)
		return "docx";
	if (oc.content && oc.mimetype)
		return "odt";
	return NULL;
}

int arc_name_unsafe(const char *name)
{
	const char *p = name;

	if (name[0] == '/' || name[0] == '\\' ||
	    (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':'))
		return 1;
	while (*p) {
		size_t k = strcspn(p, "/\\");
		if (k == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += k;
		if (*p)
			p++;
	}
	return 0;
}

/* ---------------------------------------------------------------- zip parts */

struct parts_ctx {
	const char *const *suffixes;
	struct zip_parts *out;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int want_part(void *ctx, const struct arc_entry *m, struct err *e)
{
	const struct parts_ctx *pc = ctx;
	const char *const *s;

	(void)e;
	for (s = pc->suffixes; *s; s++)
		if (ends_with(m->name, *s))
			return 1;
	return 0;
}

static int got_part(void *ctx, const struct arc_entry *m, char *data, size_t n, struct err *e)
{
	struct parts_ctx *pc = ctx;
	struct zip_parts *p = pc->out;
	const char *name = m->name;

	(void)e;
	while (*name == '/')
		name++;
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n].name = xstrdup(name);
	p->v[p->n].data = data;
	p->v[p->n].n = n;
	p->n++;
	return 0;
}

int zip_read_parts(const char *data, size_t n, const char *const *suffixes,
                   struct arc_budget *budget, struct zip_parts *out, struct err *e)
{
	struct parts_ctx pc = {suffixes, out};
	struct arc_budget own;

	memset(out, 0, sizeof(*out));
	if (!budget) {
		arc_budget_init(&own, n);
		budget = &own;
	}
	if (arc_walk(data, n, ARC_ZIP_ONLY, budget, want_part, got_part, &pc, e) != 0) {
		zip_parts_free(out);
		return -1;
	}
	return 0;
}

const struct zip_part *zip_find(const struct zip_parts *p, const char *name)
{
	size_t i;

	while (*name == '/')
		name++;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	/* zip names are case-sensitive, but some writers disagree with their own rels */
	for (i = 0; i < p->n; i++)
		if (strcasecmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}

void zip_parts_free(struct zip_parts *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].data);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}
