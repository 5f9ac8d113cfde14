/*
 * vn_pack: how passage text is stored — compressed with zstd and a dictionary of report
 * language (data/passages.zdict, trained on real reports only; see tools/zdict.sh), the texts
 * of consecutive passages of one document together, about 4 KB at a time (a chunk:
 * indexer/doc.c, doc_pack). A passage alone (a paragraph) is too short to compress well even
 * with the dictionary: it kept 37% of its bytes, a 4 KB chunk keeps 24%.
 *
 * A packed value is a BLOB: one format byte, then the payload —
 *   0x00  the UTF-8 text as is (short texts, where compression does not pay)
 *   0x02  zstd frame made with the built-in dictionary, without the magic number and the
 *         dictionary id (the format byte stands for them)
 * The database exposes plain text through the `passages` view (schema/thidua.sql), which
 * cuts each passage out of its chunk with the SQL function vn_slice(); readers never see
 * packed bytes.
 */
#ifndef THIDUA_VN_PACK_H
#define THIDUA_VN_PACK_H
#include <sqlite3.h>
#include <stddef.h>

#include "util.h"

struct vn_packer; /* compression state: one per thread */

struct vn_packer *vn_packer_new(void);
void vn_packer_free(struct vn_packer *p);

/* Pack text[0..n) into out (replacing its contents). */
void vn_pack(struct vn_packer *p, const char *text, size_t n, struct buf *out);

/* Unpack into out (replacing its contents); -1 on a damaged value. */
int vn_unpack(struct vn_packer *p, const void *data, size_t n, struct buf *out);

/* Register vn_unpack(blob) -> text, vn_slice(blob, off, len) -> the text of bytes
 * [off, off + len) of the unpacked blob, and vn_span(blob, off, len, start, end) -> code
 * points [start, end) of that text, on db (each connection gets its own state). */
int vn_pack_register(sqlite3 *db, struct err *e);

#endif
