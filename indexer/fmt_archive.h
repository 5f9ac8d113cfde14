/*
 * fmt_archive: a file that holds files (zip, tar, 7z, rar, cpio, iso, a lone .gz) becomes
 * one document per member, named "archive.zip!member.docx" ("a.zip!b.zip!c.txt" when
 * nested). Members are read in memory (nothing is written to disk) and their type found by
 * libmagic on their bytes. Refused: member names that would leave the archive (absolute or
 * ../), archives nested deeper than ARCHIVE_MAX_DEPTH, and archives that expand past the
 * budget of arc.h (zip bombs).
 */
#ifndef THIDUA_FMT_ARCHIVE_H
#define THIDUA_FMT_ARCHIVE_H
#include <stddef.h>

#include "arc.h"
#include "extract.h"

#define ARCHIVE_MAX_DEPTH 3

/* Whether libmagic's MIME type is an archive or compressed file thidua expands. */
int archive_mime(const char *mime);

/*
 * Expand the archive data[0..n) whose document path is `path`, at nesting depth `depth`
 * (1 for a file on disk), into out. A member that cannot be read is a line in out->fails;
 * the archive itself failing (damaged, a bomb) returns -1 with e set.
 */
int archive_expand(struct extractor *x, const char *path, const char *data, size_t n, int depth,
                   struct arc_budget *b, struct docset *out, struct err *e);

#endif
