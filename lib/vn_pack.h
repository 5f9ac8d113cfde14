/*
 * vn_pack: how passage text is stored — compressed one passage at a time with zstd and a
 * dictionary of report language (data/passages.zdict, trained on real reports only; see
 * tools/zdict.sh). Passages are short (a paragraph), too short to compress well alone; the
 * dictionary brings Vietnamese report text to about a third of its size, which is what
 * keeps the database near the size of the text it indexes.
 *
 * A packed value is a BLOB: one format byte, then the payload —
 *   0x00  the UTF-8 text as is (short passages, where compression does not pay)
 *   0x02  zstd frame made with the built-in dictionary, without the magic number and the
 *         dictionary id (the format byte stands for them)
 * The database exposes plain text through the `passages` view (schema/thidua.sql), which
 * calls the SQL function vn_unpack(); readers never see packed bytes.
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

/* Register vn_unpack(blob) -> text on db (each connection gets its own state). */
int vn_pack_register(sqlite3 *db, struct err *e);

#endif
