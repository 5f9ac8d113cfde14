/*
 * vn_stamp: the digital-signature stamp a signing tool prints on a scanned report —
 *
 *   Ký bởi: Ủy ban Nhân dân tỉnh Quảng Bình  Email: ubnd@quangbinh.gov.vn
 *   Cơ quan: Tỉnh Quảng Bình  Thời gian ký: 24.10.2022 15:17:35 +07:00
 *
 * (labels in any order, on one line or several; "Giờ ký" and "Ngày ký" for the time).
 * It is document metadata, not body text (docs/ocr.md).
 */
#ifndef THIDUA_VN_STAMP_H
#define THIDUA_VN_STAMP_H
#include <stddef.h>

struct vn_stamp {
	char *signer; /* "Ký bởi" (malloc'd) or NULL */
	char *body;   /* "Cơ quan", else the signer; NULL */
	char *email;
	char *time; /* ISO "2022-10-24 15:17:35" (seconds, minutes as given), or NULL */
};

/*
 * Parse the stamp in text (UTF-8, n bytes). Returns how many labels were found (0: no
 * stamp); *rest (may be NULL) receives the number of letters and digits outside the stamp
 * lines, so a caller can tell a page that is only a stamp.
 */
int vn_stamp_parse(const char *text, size_t n, struct vn_stamp *st, size_t *rest);
void vn_stamp_free(struct vn_stamp *st);
/* text without the lines that carry a stamp label (malloc'd). */
char *vn_stamp_strip(const char *text, size_t n);

#endif
