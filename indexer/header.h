/*
 * header: what a report says about itself, at its top and at its foot.
 *
 * Top: quốc hiệu and tiêu ngữ (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh
 * phúc, or ĐẢNG CỘNG SẢN VIỆT NAM), the issuing body (left column: parent body, then the
 * issuer), số/ký hiệu (lib/vn_ref), place and date (`Tuyên Quang, ngày 25 tháng 12 năm
 * 2020`), the type line (`BÁO CÁO`) and the title (trích yếu) under it, or `V/v …` for a
 * công văn. Two-column headers come out of extraction interleaved ("UBND TỈNH X CỘNG HÒA XÃ
 * HỘI…"), so they are read by anchors, not by line order: each anchor is cut out and what
 * is left in capitals before the type line is the issuing body.
 * Foot: Nơi nhận (the recipients list) and the signature block — authority (TM. / KT. /
 * TL. / TUQ. / Q.), the body or office, the roles, the signer's name — again read by
 * anchors, as the two columns interleave there too.
 * The year reported on is the title's "năm 2020" (a report dated January 2021 is still
 * about 2020), else the date's year. The province is the place, when it is one, else the
 * province the text names most ("tỉnh Tuyên Quang").
 * Header and footer passages get kinds "header" and "footer" and no section.
 */
#ifndef THIDUA_HEADER_H
#define THIDUA_HEADER_H
#include "doc.h"
#include "vn_norm.h"

void header_parse(struct doc *d, struct vn_norm *nm);

/* Find "ngày D tháng M năm YYYY" in s; writes ISO "YYYY-MM-DD". Returns 1 if found. */
int header_find_date(const char *s, char iso[11]);

#endif
