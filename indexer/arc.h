/*
 * arc: archives read in memory with libarchive, under limits — the one place that opens a
 * zip (docx, odt) or any other archive libarchive reads. Nothing is ever written to disk.
 *
 * Limits exist because an archive's bytes say nothing honest about what they expand to: a
 * 40 KB zip can hold gigabytes of zeros. A budget is shared by everything expanded from one
 * file on disk (nested archives included), and counts bytes as they are decompressed, not
 * the sizes the headers claim.
 */
#ifndef THIDUA_ARC_H
#define THIDUA_ARC_H
#include <stddef.h>

#include "util.h"

/* Expansion allowed for one file on disk and everything inside it. */
struct arc_budget {
	size_t left;         /* bytes that may still be expanded */
	size_t members_left; /* members that may still be read */
};

/* Defaults, documented in docs/formats.md. */
#define ARC_MAX_TOTAL   ((size_t)1 << 30) /* 1 GiB expanded per file on disk */
#define ARC_MAX_MEMBER  ((size_t)256 << 20)
#define ARC_MAX_MEMBERS 10000
#define ARC_MAX_RATIO   100                /* expanded : file size ... */
#define ARC_RATIO_FLOOR ((size_t)32 << 20) /* ... once past this many bytes */

/* The budget for a file of n bytes on disk: min(1 GiB, max(32 MiB, 100 * n)). */
void arc_budget_init(struct arc_budget *b, size_t n);

/* One member: its name (UTF-8, as stored) and whether it is a regular file. */
struct arc_entry {
	const char *name;
	int is_file;
	long long size; /* as the header claims, -1 if unknown; never trusted */
	long long mtime;
	int raw; /* a lone compressed file (.gz): the one member has no name of its own */
};

/*
 * Called for each member. Return 1 to have its bytes read (then `data` is called), 0 to
 * skip it, -1 to stop with e set.
 */
typedef int (*arc_want_fn)(void *ctx, const struct arc_entry *m, struct err *e);
/* Called with the bytes of a wanted member; return -1 (with e set) to stop. */
typedef int (*arc_data_fn)(void *ctx, const struct arc_entry *m, char *data, size_t n,
                           struct err *e);

enum { ARC_ZIP_ONLY = 1, ARC_ANY = 2 };

/*
 * Walk the archive in data[0..n). kind ARC_ZIP_ONLY for docx/odt, ARC_ANY for archive
 * files (zip, tar, 7z, rar, cpio, iso, and single compressed files such as .gz, whose one
 * member is named "data"). `data` receives a malloc'd buffer it owns. Exceeding the budget
 * is an error ("expands beyond the 1 GiB limit", "compression ratio over 100:1").
 */
int arc_walk(const char *data, size_t n, int kind, struct arc_budget *b, arc_want_fn want,
             arc_data_fn got, void *ctx, struct err *e);

/* "docx" for a zip holding word/document.xml, "odt" for one holding content.xml and a
 * mimetype member, else NULL: libmagic names an office file by its first members only,
 * and some writers put others first. Reads names only. */
const char *arc_office_kind(const char *data, size_t n);

/* Whether an archive member name would leave the archive if it were extracted: absolute
 * ("/etc/x", "C:\x") or with a ".." segment (either slash). */
int arc_name_unsafe(const char *name);

/* The parts of a zip (docx, odt) kept in memory, looked up by name. */
struct zip_part {
	char *name;
	char *data;
	size_t n;
};

struct zip_parts {
	struct zip_part *v;
	size_t n, cap;
};

/*
 * Read the zip's members whose names end in one of the suffixes (".xml", ".rels"),
 * charging budget (NULL: a budget of its own for a file of n bytes).
 */
int zip_read_parts(const char *data, size_t n, const char *const *suffixes,
                   struct arc_budget *budget, struct zip_parts *out, struct err *e);
/* The part named name (without a leading '/'), or NULL. */
const struct zip_part *zip_find(const struct zip_parts *p, const char *name);
void zip_parts_free(struct zip_parts *p);

#endif
