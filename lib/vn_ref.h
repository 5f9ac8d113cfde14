/*
 * vn_ref: document numbers (số, ký hiệu) as Vietnamese administrative documents write them
 * (../shared/domain.md §4.2):
 *
 *   234/BC-KTĐNC     running number 234, type BC (Báo cáo), issuer KTĐNC
 *   3709/UBND-NC     a công văn: no type code, issuer UBND, drafting unit NC
 *   91/2017/NĐ-CP    a normative document: number, year, type NĐ, issuer CP
 *   34-CT/TW         a Party document: number, type CT, issuer TW
 *
 * Type codes come from data/doctypes.tsv. Codes are matched in NFC (QĐ, HĐ hold Đ).
 */
#ifndef THIDUA_VN_REF_H
#define THIDUA_VN_REF_H
#include <stddef.h>

struct vn_ref {
	long seq;	 /* running number */
	int year;	 /* 0 when not written */
	char type[48];	 /* type code, "" for a công văn */
	char issuer[48]; /* issuer code */
	char field[48];	 /* công văn: the drafting unit or field ("NC"); else "" */
};

/* Parse a number at s[0..n); returns the bytes it takes, or 0. */
size_t vn_ref_parse(const char *s, size_t n, struct vn_ref *r);

/* The type line ("BÁO CÁO") of a type code, or NULL; and the code of a type line. */
const char *vn_ref_type_name(const char *code);
const char *vn_ref_type_code(const char *name);

#endif
